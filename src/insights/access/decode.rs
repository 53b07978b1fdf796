//! From the bytes of a logged URL to what the insights show: percent-decoding, query
//! parameters, a page's path from the site's root, and queries folded for grouping.

use memchr::{memchr, memchr2};
use unicode_normalization::UnicodeNormalization;

/// `%XX` decoded, and `+` as a space when `plus_is_space` (in a query string, as
/// `URLSearchParams` writes it); bytes that are not UTF-8 become U+FFFD. The server's own
/// escapes go first: nginx writes a quote, a backslash and bytes outside printable ASCII
/// as `\xHH`, Apache a quote as `\"` and a backslash as `\\` (browsers percent-encode
/// all of these, other clients may not).
pub(super) fn percent_decode(logged: &[u8], plus_is_space: bool) -> String {
    let unescaped = unescape_log(logged);
    let raw = unescaped.as_ref();
    let mut bytes = Vec::with_capacity(raw.len());
    let mut index = 0;
    while index < raw.len() {
        let byte = raw[index];
        let escaped = (byte == b'%')
            .then(|| raw.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| Some(hex_value(hex[0])? * 16 + hex_value(hex[1])?));
        match escaped {
            Some(value) => {
                bytes.push(value);
                index += 3;
            }
            None => {
                bytes.push(if byte == b'+' && plus_is_space { b' ' } else { byte });
                index += 1;
            }
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

fn unescape_log(logged: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if memchr(b'\\', logged).is_none() {
        return std::borrow::Cow::Borrowed(logged);
    }
    let mut bytes = Vec::with_capacity(logged.len());
    let mut index = 0;
    while index < logged.len() {
        let escaped = match logged[index..] {
            [b'\\', b'x', high, low, ..] => hex_value(high).zip(hex_value(low)).map(|(h, l)| (h * 16 + l, 4)),
            [b'\\', quoted @ (b'"' | b'\\'), ..] => Some((quoted, 2)),
            _ => None,
        };
        let (byte, width) = escaped.unwrap_or((logged[index], 1));
        bytes.push(byte);
        index += width;
    }
    std::borrow::Cow::Owned(bytes)
}

fn hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

/// The raw value of the first parameter `name` in a query string (`q=a+b&n=2`), empty
/// when it has none (`open=`); `None` when the parameter is missing.
pub(super) fn query_parameter<'a>(query: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    query.split(|&byte| byte == b'&').find_map(|pair| {
        let (key, value) = match memchr(b'=', pair) {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &b""[..]),
        };
        (key == name).then_some(value)
    })
}

/// The path of a request target without its query or fragment; an absolute URL
/// (`https://host/a/`, sent to proxies) gives its path.
pub(super) fn target_path(target: &[u8]) -> (&[u8], &[u8]) {
    let target = strip_origin(target);
    let end = memchr2(b'?', b'#', target).unwrap_or(target.len());
    let query = match target.get(end) {
        Some(b'?') => {
            let query = &target[end + 1..];
            &query[..memchr(b'#', query).unwrap_or(query.len())]
        }
        _ => b"",
    };
    (&target[..end], query)
}

fn strip_origin(url: &[u8]) -> &[u8] {
    let Some(after_scheme) = url.strip_prefix(b"https://").or_else(|| url.strip_prefix(b"http://")) else {
        return url;
    };
    match after_scheme.iter().position(|&byte| matches!(byte, b'/' | b'?' | b'#')) {
        Some(at) => &after_scheme[at..],
        None => b"/",
    }
}

/// A page's path as the insights key it: decoded, from the site's root (`/posts/x/`), a
/// folder's `index.html` folded into the folder. `in_site` is the raw path after the base.
pub(super) fn page_key(in_site: &[u8]) -> String {
    let mut path = String::from("/");
    path.push_str(&percent_decode(in_site, false));
    if path.ends_with("/index.html") {
        path.truncate(path.len() - "index.html".len());
    }
    path
}

/// A query as typed, decoded, NFC, its spaces collapsed: the spelling shown. `None` when
/// nothing but spaces is left.
pub(super) fn query_spelling(raw: &[u8]) -> Option<String> {
    let decoded: String = percent_decode(raw, true).nfc().collect();
    let spelling = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    (!spelling.is_empty()).then_some(spelling)
}

/// The key queries are grouped by: the spelling in lower case.
pub(super) fn query_key(spelling: &str) -> String {
    spelling.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode(b"a+b%20c", true), "a b c");
        assert_eq!(percent_decode(b"a+b%20c", false), "a+b c");
        assert_eq!(percent_decode(b"caf%C3%A9%2fx", false), "café/x");
        assert_eq!(percent_decode(b"100%", false), "100%");
        assert_eq!(percent_decode(b"%zz%4", false), "%zz%4");
        assert_eq!(percent_decode(b"%FF", false), "\u{FFFD}");
        // nginx's and Apache's escapes in the log, then percent-encoding.
        assert_eq!(percent_decode(br"caf\xC3\xA9+\x22x\x22", true), "café \"x\"");
        assert_eq!(percent_decode(br#"a\"b\\c%20\xZZ"#, false), r#"a"b\c \xZZ"#);
    }

    #[test]
    fn query_parameters() {
        let query = b"q=a+b&n=0&open=";
        assert_eq!(query_parameter(query, b"q"), Some(&b"a+b"[..]));
        assert_eq!(query_parameter(query, b"n"), Some(&b"0"[..]));
        assert_eq!(query_parameter(query, b"open"), Some(&b""[..]));
        assert_eq!(query_parameter(query, b"x"), None);
        assert_eq!(query_parameter(b"", b"q"), None);
    }

    #[test]
    fn target_paths() {
        assert_eq!(target_path(b"/a/b/?q=1#top"), (&b"/a/b/"[..], &b"q=1"[..]));
        assert_eq!(target_path(b"/a/#x?y"), (&b"/a/"[..], &b""[..]));
        assert_eq!(
            target_path(b"https://intranet.example.org/kb/search/?q=x"),
            (&b"/kb/search/"[..], &b"q=x"[..])
        );
        assert_eq!(target_path(b"http://host"), (&b"/"[..], &b""[..]));
        assert_eq!(target_path(b"http://host?q=1"), (&b""[..], &b"q=1"[..]));
    }

    #[test]
    fn page_keys() {
        assert_eq!(page_key(b""), "/");
        assert_eq!(page_key(b"index.html"), "/");
        assert_eq!(page_key(b"posts/x/index.html"), "/posts/x/");
        assert_eq!(page_key(b"posts/x.html"), "/posts/x.html");
        assert_eq!(page_key(b"wiki/caf%C3%A9/"), "/wiki/café/");
    }

    #[test]
    fn queries_fold_case_spaces_and_unicode_forms() {
        // "é" typed as one code point, and as "e" with a combining accent.
        let composed = query_spelling(b"  Caf%C3%A9+%20 Onboarding ").unwrap();
        let decomposed = query_spelling(b"cafe%CC%81+onboarding").unwrap();
        assert_eq!(composed, "Café Onboarding");
        assert_eq!(query_key(&composed), query_key(&decomposed));
        assert_eq!(query_spelling(b"+%20+"), None);
    }
}
