//! Page dates: parsing what writers type (`2025-03-14`, RFC 3339, Jekyll's and YAML 1.1's forms), the day each falls on, and showing it.

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::fmt::temporal::Pieces;
use jiff::tz::{Offset, TimeZone};

use crate::config::Language;

/// The forms [`PageDate::parse`] reads, for the hint under an unreadable date.
pub const ACCEPTED_FORMS: &str = "`2025-03-14`, `2025-03-14 09:30`, `2025-03-14 09:30:00 +0100`, \
     `2025-03-14 9:30:00 -4` or `2025-03-14T09:30:00+01:00`";

/// A moment with the calendar day it falls on where it was written, so that a page dated
/// `2025-05-02T00:30:00+02:00` shows 2 May, not the UTC day before.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PageDate {
    pub instant: Timestamp,
    pub day: Date,
    offset_seconds: i32,
    has_time: bool,
    /// The writer gave an offset (`+02:00`, `-4`, `Z`): no time zone setting moves the date.
    offset_written: bool,
}

/// A date as written: the day, the time of day if any, the offset if any.
struct Written {
    day: Date,
    time: Option<Time>,
    offset: Option<Offset>,
}

impl PageDate {
    /// `YYYY-MM-DD`, RFC 3339 (`2025-05-02T09:30:00+02:00`, `…00.000Z`), a date-time without
    /// offset (`2025-05-02 09:30`, taken as UTC until [`PageDate::in_time_zone`] says
    /// otherwise), and the forms Jekyll and YAML 1.1 write: `2025-05-02 09:30:00 +0200`,
    /// `2025-05-02 9:30:00 -4`, `2025-05-02 09:30:00 +02:00`.
    pub fn parse(text: &str) -> Option<PageDate> {
        let text = text.trim();
        let written = read_written(text).or_else(|| {
            let pieces = Pieces::parse(text).ok()?;
            Some(Written { day: pieces.date(), time: pieces.time(), offset: pieces.to_numeric_offset() })
        })?;
        let offset = written.offset.unwrap_or(Offset::UTC);
        let mut date = PageDate::from_parts(written.day, written.time, offset)?;
        date.offset_written = written.offset.is_some();
        Some(date)
    }

    fn from_parts(day: Date, time: Option<Time>, offset: Offset) -> Option<PageDate> {
        let instant =
            day.to_datetime(time.unwrap_or(Time::midnight())).to_zoned(TimeZone::fixed(offset)).ok()?;
        Some(PageDate {
            instant: instant.timestamp(),
            day,
            offset_seconds: offset.seconds(),
            has_time: time.is_some(),
            offset_written: false,
        })
    }

    /// The same date where the writer gave no offset, read as the time on the clocks of `zone`
    /// (a plain day stays that day; its moment becomes its midnight there). A date with a
    /// written offset is returned as it is.
    pub fn in_time_zone(self, zone: Option<&TimeZone>) -> PageDate {
        let Some(zone) = zone else { return self };
        if self.offset_written {
            return self;
        }
        let time = self.has_time.then(|| self.instant.to_zoned(TimeZone::UTC).time());
        let civil = self.day.to_datetime(time.unwrap_or(Time::midnight()));
        match civil.to_zoned(zone.clone()) {
            Ok(zoned) => {
                PageDate { instant: zoned.timestamp(), offset_seconds: zoned.offset().seconds(), ..self }
            }
            Err(_) => self,
        }
    }

    /// The day this date falls on on the clocks of `zone`: a date written with an offset is
    /// moved there (`2024-01-31T23:30:00-05:00` is 1 February in Brussels); one without
    /// keeps its day, which [`PageDate::in_time_zone`] already read on those clocks.
    pub fn day_in(&self, zone: &TimeZone) -> Date {
        if self.offset_written { self.instant.to_zoned(zone.clone()).date() } else { self.day }
    }

    /// A moment from git: on the clocks of `zone` when the site sets one, else on those of the
    /// commit's own offset (a commit at 00:46 +09:00 falls on that day, not the UTC day before).
    pub fn from_commit(instant: Timestamp, offset: Offset, zone: Option<&TimeZone>) -> PageDate {
        let zoned = instant.to_zoned(zone.cloned().unwrap_or_else(|| TimeZone::fixed(offset)));
        PageDate {
            instant,
            day: zoned.date(),
            offset_seconds: zoned.offset().seconds(),
            has_time: true,
            offset_written: false,
        }
    }

    /// A file's modification time, which carries no offset: in `zone` when the site sets one,
    /// else in UTC.
    pub fn from_timestamp(instant: Timestamp, zone: Option<&TimeZone>) -> PageDate {
        PageDate::from_commit(instant, Offset::UTC, zone)
    }

    /// From a Jekyll file name's `YYYY-MM-DD-` prefix.
    pub fn from_day(day: Date) -> Option<PageDate> {
        PageDate::from_parts(day, None, Offset::UTC)
    }

    /// For `<time datetime>`: the day alone when only a day was written, else RFC 3339.
    pub fn machine(&self) -> String {
        if self.has_time { self.rfc3339() } else { self.day.to_string() }
    }

    /// RFC 3339 with the writer's offset, for feeds and the sitemap.
    pub fn rfc3339(&self) -> String {
        let offset = Offset::from_seconds(self.offset_seconds).unwrap_or(Offset::UTC);
        let zoned = self.instant.to_zoned(TimeZone::fixed(offset));
        zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }

    /// `14 March 2025` or `14 maart 2025`.
    pub fn human(&self, language: Language) -> String {
        let month = month_name(self.day.month(), language);
        format!("{} {month} {}", self.day.day(), self.day.year())
    }
}

fn month_name(month: i8, language: Language) -> &'static str {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let index = usize::try_from(month - 1).unwrap_or(0).min(11);
    match language {
        Language::English => EN[index],
        Language::Dutch => NL[index],
    }
}

/// Reads the forms writers type, RFC 3339's among them, and the ones RFC 3339 parsers refuse but
/// Jekyll and YAML 1.1 write (YAML 1.1's own example is `2001-12-14 21:59:43.10 -5`): a month,
/// day or hour of one digit, spaces before the time or the offset, an offset of hours alone
/// (`-4`, `+05`) or without a colon (`-0400`). `None` for anything else.
fn read_written(text: &str) -> Option<Written> {
    let mut cursor = Cursor { rest: text };
    let year = cursor.number(4, 4)?;
    cursor.expect('-')?;
    let month = cursor.number(1, 2)?;
    cursor.expect('-')?;
    let day_of_month = cursor.number(1, 2)?;
    let day = Date::new(i16::try_from(year).ok()?, month as i8, day_of_month as i8).ok()?;
    if cursor.rest.is_empty() {
        return Some(Written { day, time: None, offset: None });
    }
    if cursor.expect('T').or_else(|| cursor.expect('t')).is_none() && cursor.spaces() == 0 {
        return None;
    }
    let time = cursor.time()?;
    cursor.spaces();
    let offset = cursor.offset()?;
    cursor.rest.is_empty().then_some(Written { day, time: Some(time), offset })
}

/// What is left of a date being read.
struct Cursor<'a> {
    rest: &'a str,
}

impl Cursor<'_> {
    /// Between `min` and `max` ASCII digits.
    fn number(&mut self, min: usize, max: usize) -> Option<i32> {
        let count = self.rest.bytes().take(max).take_while(u8::is_ascii_digit).count();
        if count < min {
            return None;
        }
        let (digits, rest) = self.rest.split_at(count);
        self.rest = rest;
        digits.parse().ok()
    }

    fn expect(&mut self, wanted: char) -> Option<()> {
        self.rest = self.rest.strip_prefix(wanted)?;
        Some(())
    }

    /// Skips spaces and tabs; says how many.
    fn spaces(&mut self) -> usize {
        let trimmed = self.rest.trim_start_matches([' ', '\t']);
        let skipped = self.rest.len() - trimmed.len();
        self.rest = trimmed;
        skipped
    }

    /// `9:30`, `09:30:00`, `09:30:00.123`.
    fn time(&mut self) -> Option<Time> {
        let hour = self.number(1, 2)?;
        self.expect(':')?;
        let minute = self.number(2, 2)?;
        let (mut second, mut nanos) = (0, 0);
        if self.expect(':').is_some() {
            second = self.number(2, 2)?;
            if self.expect('.').is_some() {
                let digits = self.rest.bytes().take_while(u8::is_ascii_digit).count();
                let (fraction, rest) = self.rest.split_at(digits);
                let kept = fraction.get(..9).unwrap_or(fraction);
                nanos = format!("{kept:0<9}").parse().ok()?;
                self.rest = rest;
            }
        }
        Time::new(hour as i8, minute as i8, second as i8, nanos).ok()
    }

    /// Nothing (`Some(None)`), `Z`, `+02:00`, `+0200`, `+02` or `-4`; `None` for anything else.
    fn offset(&mut self) -> Option<Option<Offset>> {
        if self.rest.is_empty() {
            return Some(None);
        }
        if self.expect('Z').or_else(|| self.expect('z')).is_some() {
            return Some(Some(Offset::UTC));
        }
        let sign = match self.rest.as_bytes()[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        self.rest = &self.rest[1..];
        let hours = self.number(1, 2)?;
        let minutes = match self.expect(':') {
            Some(()) => self.number(2, 2)?,
            None if self.rest.is_empty() => 0,
            None => self.number(2, 2)?,
        };
        if minutes >= 60 {
            return None;
        }
        Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok().map(Some)
    }
}

/// The date and the rest of a Jekyll file stem: `2025-03-14-hello` gives (14 March 2025, `hello`).
pub fn split_dated_stem(stem: &str) -> Option<(Date, &str)> {
    let (prefix, rest) = (stem.get(..10)?, stem.get(10..)?);
    let rest = rest.strip_prefix('-')?;
    if rest.is_empty()
        || !prefix
            .bytes()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() })
    {
        return None;
    }
    Some((prefix.parse().ok()?, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writers_forms_parse() {
        let day = PageDate::parse("2025-03-14").unwrap();
        assert_eq!(day.machine(), "2025-03-14");
        let moment = PageDate::parse("2025-05-02T00:30:00+02:00").unwrap();
        assert_eq!(moment.day.to_string(), "2025-05-02");
        assert_eq!(moment.machine(), "2025-05-02T00:30:00+02:00");
        let jekyll = PageDate::parse("2025-05-02 09:30:00 +0200").unwrap();
        assert_eq!(jekyll.rfc3339(), "2025-05-02T09:30:00+02:00");
        assert!(PageDate::parse("14 March").is_none());
        assert!(PageDate::parse("2025-13-01").is_none());
    }

    /// Each form as written, with the moment it is (RFC 3339) and the day shown.
    #[test]
    fn jekyll_and_yaml_forms_parse() {
        let cases = [
            ("2016-03-23 9:00:00 -4", "2016-03-23T09:00:00-04:00"),
            ("2016-03-23 09:00:00 -0400", "2016-03-23T09:00:00-04:00"),
            ("2016-03-23 09:00:00 +02:00", "2016-03-23T09:00:00+02:00"),
            ("2016-03-23 09:00:00+05", "2016-03-23T09:00:00+05:00"),
            ("2016-03-23T09:00:00.000Z", "2016-03-23T09:00:00+00:00"),
            ("2016-03-23 23:30:00.5 Z", "2016-03-23T23:30:00+00:00"),
            ("2016-03-23 09:00", "2016-03-23T09:00:00+00:00"),
            ("2016-03-23\t9:05", "2016-03-23T09:05:00+00:00"),
            ("2016-3-5", "2016-03-05"),
            ("2025-05-02T09:30:00+02:00[Europe/Paris]", "2025-05-02T09:30:00+02:00"),
        ];
        for (written, machine) in cases {
            let date = PageDate::parse(written).unwrap_or_else(|| panic!("{written:?} does not parse"));
            assert_eq!(date.machine(), machine, "for {written:?}");
            assert_eq!(date.day.to_string(), machine[..10], "for {written:?}");
        }
        for unreadable in [
            "2016-03-23 9:00:00 -4x",
            "2016-03-23 25:00",
            "2016-03-23 9",
            "2016-03-23 09:00 +7:3",
            "23-03-2016",
        ] {
            assert!(PageDate::parse(unreadable).is_none(), "{unreadable:?} parses");
        }
    }

    #[test]
    fn a_time_zone_moves_only_dates_written_without_an_offset() {
        let amsterdam = jiff::tz::TimeZoneDatabase::bundled().get("Europe/Amsterdam").unwrap();
        let zone = Some(&amsterdam);
        let local = PageDate::parse("2016-03-23 23:30").unwrap().in_time_zone(zone);
        assert_eq!(
            (local.machine(), local.day.to_string()),
            ("2016-03-23T23:30:00+01:00".into(), "2016-03-23".into())
        );
        let summer = PageDate::parse("2016-07-01").unwrap().in_time_zone(zone);
        assert_eq!(
            (summer.machine(), summer.rfc3339()),
            ("2016-07-01".into(), "2016-07-01T00:00:00+02:00".into())
        );
        let fixed = PageDate::parse("2016-03-23 23:30:00 -4").unwrap().in_time_zone(zone);
        assert_eq!(fixed.machine(), "2016-03-23T23:30:00-04:00");
        assert_eq!(
            PageDate::parse("2016-03-23 23:30").unwrap().in_time_zone(None).machine(),
            "2016-03-23T23:30:00+00:00"
        );
    }

    #[test]
    fn the_day_on_the_site_s_clocks_moves_only_dates_written_with_an_offset() {
        let amsterdam = jiff::tz::TimeZoneDatabase::bundled().get("Europe/Amsterdam").unwrap();
        // 23:30 at -04:00 is 04:30 the next day in Amsterdam; the page still shows the 23rd.
        let fixed = PageDate::parse("2016-03-23 23:30:00 -4").unwrap().in_time_zone(Some(&amsterdam));
        assert_eq!(
            (fixed.day.to_string(), fixed.day_in(&amsterdam).to_string()),
            ("2016-03-23".into(), "2016-03-24".into())
        );
        let local = PageDate::parse("2016-03-23 23:30").unwrap().in_time_zone(Some(&amsterdam));
        assert_eq!(local.day_in(&amsterdam).to_string(), "2016-03-23");
        let day = PageDate::parse("2016-03-23").unwrap();
        assert_eq!(day.day_in(&jiff::tz::TimeZone::UTC).to_string(), "2016-03-23");
    }

    #[test]
    fn a_commit_falls_on_its_own_day_or_the_site_s() {
        // 00:46 in Tokyo is 15:46 the day before in UTC.
        let instant: Timestamp = "2024-03-09T15:46:00Z".parse().unwrap();
        let tokyo = Offset::from_hours(9).unwrap();
        let own = PageDate::from_commit(instant, tokyo, None);
        assert_eq!(
            (own.day.to_string(), own.machine()),
            ("2024-03-10".into(), "2024-03-10T00:46:00+09:00".into())
        );
        let new_york = jiff::tz::TimeZoneDatabase::bundled().get("America/New_York").unwrap();
        let site = PageDate::from_commit(instant, tokyo, Some(&new_york));
        assert_eq!(
            (site.day.to_string(), site.machine()),
            ("2024-03-09".into(), "2024-03-09T10:46:00-05:00".into())
        );
        assert_eq!(PageDate::from_timestamp(instant, None).machine(), "2024-03-09T15:46:00+00:00");
    }

    #[test]
    fn dates_read_in_both_languages() {
        let day = PageDate::parse("2025-03-14").unwrap();
        assert_eq!(day.human(Language::English), "14 March 2025");
        assert_eq!(day.human(Language::Dutch), "14 maart 2025");
    }

    #[test]
    fn jekyll_stems_split() {
        let (day, rest) = split_dated_stem("2025-03-14-hello-world").unwrap();
        assert_eq!((day.to_string().as_str(), rest), ("2025-03-14", "hello-world"));
        assert!(split_dated_stem("2025-03-14").is_none());
        assert!(split_dated_stem("hello-2025-03-14-x").is_none());
        assert!(split_dated_stem("2025-99-14-x").is_none());
    }
}
