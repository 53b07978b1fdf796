//! One line of an nginx or Apache access log, common or combined format, parsed on byte
//! slices without copying: the time, the request, the status and, when the line has them,
//! the referer and user agent.
//!
//! Common:   `host ident user [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.1" 200 2326`
//! Combined: the same, then ` "referer" "user agent"`; anything after those (nginx's
//! default `main` format adds `"$http_x_forwarded_for"`) is left alone.

use memchr::memchr;

/// The fields of a line that the insights read; the host, ident and user are skipped.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct LogLine<'a> {
    pub time: RequestTime,
    pub method: &'a [u8],
    /// The request target as sent: a path with its query, or an absolute URL.
    pub target: &'a [u8],
    pub status: u16,
    /// `None` in the common format, or when the field is `-`.
    pub referer: Option<&'a [u8]>,
    /// `None` in the common format; `Some(b"")` when the field is `-` or empty.
    pub user_agent: Option<&'a [u8]>,
}

/// A request time as the server wrote it, with its UTC offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct RequestTime {
    pub year: i16,
    pub month: i8,
    pub day: i8,
    pub hour: i8,
    pub minute: i8,
    pub second: i8,
    pub offset_seconds: i32,
}

impl RequestTime {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix_seconds(&self) -> i64 {
        let days = days_from_civil(i64::from(self.year), i64::from(self.month), i64::from(self.day));
        days * 86_400 + i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second)
            - i64::from(self.offset_seconds)
    }
}

/// The line's fields, or `None` when it is not in either format.
pub(super) fn parse_line(line: &[u8]) -> Option<LogLine<'_>> {
    // The time opens at the first ` [`: a host written as `[::1]` starts the line.
    let mut open = memchr(b'[', line)?;
    while open == 0 || line[open - 1] != b' ' {
        open += 1 + memchr(b'[', &line[open + 1..])?;
    }
    let rest = &line[open + 1..];
    let close = memchr(b']', rest)?;
    let time = parse_time(&rest[..close])?;
    let (request, rest) = quoted(rest[close + 1..].strip_prefix(b" \"")?)?;
    let (status, rest) = word(rest.strip_prefix(b" ")?);
    let status = parse_status(status)?;
    let (size, rest) = word(rest.strip_prefix(b" ")?);
    if size != b"-" && !size.iter().all(u8::is_ascii_digit) || size.is_empty() {
        return None;
    }
    let (referer, user_agent) = match rest.strip_prefix(b" \"") {
        Some(rest) => {
            let (referer, rest) = quoted(rest)?;
            let (user_agent, _) = quoted(rest.strip_prefix(b" \"")?)?;
            let referer = (referer != b"-" && !referer.is_empty()).then_some(referer);
            (referer, Some(if user_agent == b"-" { &b""[..] } else { user_agent }))
        }
        None => (None, None),
    };
    let (method, target) = split_request(request);
    Some(LogLine { time, method, target, status, referer, user_agent })
}

/// `GET /path HTTP/1.1` → (`GET`, `/path`); a request that is not one (`-`, bytes of a TLS
/// handshake) gives an empty target.
fn split_request(request: &[u8]) -> (&[u8], &[u8]) {
    let Some(space) = memchr(b' ', request) else { return (request, b"") };
    let rest = &request[space + 1..];
    let target = match memchr(b' ', rest) {
        Some(end) => &rest[..end],
        None => rest,
    };
    (&request[..space], target)
}

/// The inside of a quoted field and what follows its closing quote. Apache writes a quote
/// inside a field as `\"`, nginx as `\x22`: a quote after an odd number of backslashes is
/// part of the field.
fn quoted(field: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut from = 0;
    loop {
        let at = from + memchr(b'"', &field[from..])?;
        let backslashes = field[..at].iter().rev().take_while(|&&byte| byte == b'\\').count();
        if backslashes % 2 == 0 {
            return Some((&field[..at], &field[at + 1..]));
        }
        from = at + 1;
    }
}

/// The bytes up to the next space (or the end), and the rest from that space.
fn word(text: &[u8]) -> (&[u8], &[u8]) {
    match memchr(b' ', text) {
        Some(end) => (&text[..end], &text[end..]),
        None => (text, b""),
    }
}

fn parse_status(field: &[u8]) -> Option<u16> {
    match field {
        [a @ b'1'..=b'5', b, c] if b.is_ascii_digit() && c.is_ascii_digit() => {
            Some(u16::from(a - b'0') * 100 + u16::from(b - b'0') * 10 + u16::from(c - b'0'))
        }
        _ => None,
    }
}

const MONTHS: [&[u8; 3]; 12] =
    [b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec"];

/// `10/Oct/2000:13:55:36 -0700`, the only time format both servers write by default.
fn parse_time(text: &[u8]) -> Option<RequestTime> {
    let [
        d1,
        d2,
        b'/',
        m1,
        m2,
        m3,
        b'/',
        y1,
        y2,
        y3,
        y4,
        b':',
        h1,
        h2,
        b':',
        n1,
        n2,
        b':',
        s1,
        s2,
        b' ',
        sign,
        o1,
        o2,
        o3,
        o4,
    ] = *text
    else {
        return None;
    };
    let month = MONTHS.iter().position(|name| **name == [m1, m2, m3])? as i8 + 1;
    let year = digits(&[y1, y2, y3, y4])? as i16;
    let day = digits(&[d1, d2])? as i8;
    let (hour, minute, second) =
        (digits(&[h1, h2])? as i8, digits(&[n1, n2])? as i8, digits(&[s1, s2])? as i8);
    let offset_minutes = digits(&[o1, o2])? as i32 * 60 + digits(&[o3, o4])? as i32;
    let offset_seconds = match sign {
        b'+' => offset_minutes * 60,
        b'-' => -offset_minutes * 60,
        _ => return None,
    };
    // Years kept well inside what jiff's timestamps hold, whatever the offset and zone.
    let valid = (1000..=9998).contains(&year)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60
        && offset_minutes <= 26 * 60;
    // A leap second (`:60`) counts as the second before it.
    let second = second.min(59);
    valid.then_some(RequestTime { year, month, day, hour, minute, second, offset_seconds })
}

fn digits(text: &[u8]) -> Option<u32> {
    text.iter().try_fold(0, |value, &byte| byte.is_ascii_digit().then(|| value * 10 + u32::from(byte - b'0')))
}

fn days_in_month(year: i16, month: i8) -> i8 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's
/// `days_from_civil`): plain arithmetic, for every line, where a calendar library would
/// validate and convert more than this needs.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(text: &str) -> Option<RequestTime> {
        parse_time(text.as_bytes())
    }

    #[test]
    fn common_format() {
        let line = parse_line(
            br#"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326"#,
        )
        .unwrap();
        assert_eq!(line.method, b"GET");
        assert_eq!(line.target, b"/apache_pb.gif");
        assert_eq!(line.status, 200);
        assert_eq!((line.referer, line.user_agent), (None, None));
        assert_eq!(
            line.time,
            RequestTime {
                year: 2000,
                month: 10,
                day: 10,
                hour: 13,
                minute: 55,
                second: 36,
                offset_seconds: -7 * 3600
            }
        );
    }

    #[test]
    fn combined_format_with_ipv6_and_a_dash_size() {
        let line = parse_line(
            br#"2001:db8::7 - - [26/Nov/2026:16:20:01 +0000] "GET /search/log.txt?q=onboarding&n=12&open=2 HTTP/2.0" 304 - "https://intranet/search/?q=onboarding" "Mozilla/5.0 (X11; Linux x86_64)""#,
        )
        .unwrap();
        assert_eq!(line.target, b"/search/log.txt?q=onboarding&n=12&open=2");
        assert_eq!(line.status, 304);
        assert_eq!(line.referer, Some(&b"https://intranet/search/?q=onboarding"[..]));
        assert_eq!(line.user_agent, Some(&b"Mozilla/5.0 (X11; Linux x86_64)"[..]));
    }

    #[test]
    fn nginx_main_format_with_forwarded_for_after_the_user_agent() {
        let line = parse_line(
            br#"10.0.0.1 - - [01/Jan/2026:00:00:00 +0100] "GET / HTTP/1.1" 200 12 "-" "-" "192.168.1.1""#,
        )
        .unwrap();
        assert_eq!((line.referer, line.user_agent), (None, Some(&b""[..])));
    }

    #[test]
    fn a_host_in_brackets_is_not_the_time() {
        let line = parse_line(br#"[::1] - - [01/Jan/2026:00:00:00 +0000] "GET /a/ HTTP/1.1" 200 1"#).unwrap();
        assert_eq!(line.target, b"/a/");
    }

    #[test]
    fn quotes_inside_the_request_as_apache_and_nginx_escape_them() {
        let apache = parse_line(
            br#"h - - [01/Jan/2026:00:00:00 +0000] "GET /a/?q=\"x\" HTTP/1.1" 200 1 "-" "agent \"quoted\"""#,
        )
        .unwrap();
        assert_eq!(apache.target, br#"/a/?q=\"x\""#);
        assert_eq!(apache.user_agent, Some(&br#"agent \"quoted\""#[..]));
        let nginx = parse_line(br#"h - - [01/Jan/2026:00:00:00 +0000] "GET /a/?q=\x22x\x22 HTTP/1.1" 200 1"#)
            .unwrap();
        assert_eq!(nginx.target, br#"/a/?q=\x22x\x22"#);
    }

    #[test]
    fn a_request_that_is_not_one_parses_with_an_empty_target() {
        let line =
            parse_line(br#"h - - [01/Jan/2026:00:00:00 +0000] "\x16\x03\x01" 400 150 "-" "-""#).unwrap();
        assert_eq!((line.method, line.target, line.status), (&br"\x16\x03\x01"[..], &b""[..], 400));
        let dash = parse_line(br#"h - - [01/Jan/2026:00:00:00 +0000] "-" 408 0"#).unwrap();
        assert_eq!(dash.target, b"");
    }

    #[test]
    fn lines_that_do_not_parse() {
        for line in [
            "",
            "garbage",
            r#"h - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200"#,
            r#"h - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 999 1"#,
            r#"h - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 12k"#,
            r#"h - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1 200 1"#,
            r#"h - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-""#,
            r#"h - - [31/Feb/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1"#,
            r#"h - - [2026-01-01T00:00:00Z] "GET / HTTP/1.1" 200 1"#,
        ] {
            assert_eq!(parse_line(line.as_bytes()), None, "{line}");
        }
    }

    #[test]
    fn bad_dates() {
        for text in [
            "32/Jan/2026:00:00:00 +0000",
            "29/Feb/2026:00:00:00 +0000",
            "01/Foo/2026:00:00:00 +0000",
            "01/Jan/2026:24:00:00 +0000",
            "01/Jan/2026:00:60:00 +0000",
            "01/Jan/2026:00:00:00 0000",
            "1/Jan/2026:00:00:00 +0000",
            "01/Jan/0999:00:00:00 +0000",
        ] {
            assert_eq!(time(text), None, "{text}");
        }
        assert_eq!(
            time("29/Feb/2024:23:59:60 +0530").map(|t| (t.day, t.second, t.offset_seconds)),
            Some((29, 59, 19800))
        );
    }

    #[test]
    fn unix_seconds_agree_with_jiff() {
        for text in [
            "01/Jan/1970:00:00:00 +0000",
            "29/Feb/2024:23:59:59 +0530",
            "31/Dec/1999:12:00:00 -0700",
            "01/Mar/2100:01:02:03 +0000",
        ] {
            let parsed = time(text).unwrap();
            let expected = jiff::Timestamp::strptime("%d/%b/%Y:%H:%M:%S %z", text).unwrap().as_second();
            assert_eq!(parsed.unix_seconds(), expected, "{text}");
        }
    }
}
