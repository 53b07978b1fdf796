//! Slugs and tag names: the URL segment made from a file name, title or folder, and a tag's key, folder and URL segment.

/// `Hiërarchie & Structuur!` becomes `hierarchie-structuur`: transliterated to ASCII,
/// lowercase, runs of anything but letters and digits turned into one `-`.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// What makes two tags one: the name trimmed, runs of white space made one space, lower-cased
/// (`Rust` and ` rust ` are one tag; `C`, `C#` and `C++` are three). Empty for a blank tag.
pub fn tag_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The longest folder name a tag gets, in bytes: file systems allow 255, and a suffix
/// such as `-12` must still fit.
const TAG_FOLDER_MAX_BYTES: usize = 120;

/// The folder of a tag's page under `tags/`: the key as it is, so that a static server,
/// which percent-decodes `/tags/c%23/` before it looks for the file, finds `tags/c#/`.
/// Only what cannot be one portable file name changes: path separators, control
/// characters and the characters Windows forbids become `-`, a leading `.` (a hidden
/// folder, which many servers refuse to serve) becomes `-`, and long names are cut.
pub fn tag_folder(key: &str) -> String {
    let mut folder = String::with_capacity(key.len());
    for c in key.chars() {
        let forbidden = c.is_control() || matches!(c, '/' | '\\' | '<' | '>' | ':' | '"' | '|' | '?' | '*');
        if folder.len() + c.len_utf8() > TAG_FOLDER_MAX_BYTES {
            break;
        }
        folder.push(if forbidden { '-' } else { c });
    }
    let dots = folder.len() - folder.trim_start_matches('.').len();
    folder.replace_range(..dots, &"-".repeat(dots));
    folder
}

/// Percent-encodes everything but RFC 3986's unreserved characters, as a URL path segment
/// (`c#` becomes `c%23`, `c++` becomes `c%2B%2B`, `café` becomes `caf%C3%A9`).
pub fn percent_encode_segment(segment: &str) -> String {
    let mut encoded = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// Undoes percent-encoding the way a static server does before it looks for a file;
/// `None` when the bytes are not UTF-8. A `%` not followed by two hex digits stays.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        // Two hex digits exactly: `from_str_radix` alone would also take `+5`.
        let hex = bytes
            .get(index + 1..index + 3)
            .filter(|h| bytes[index] == b'%' && h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(byte) => {
                decoded.push(byte);
                index += 3;
            }
            None => {
                decoded.push(bytes[index]);
                index += 1;
            }
        }
    }
    String::from_utf8(decoded).ok()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn slugs_are_ascii_lowercase_and_dashed() {
        let cases = [
            ("Hello World", "hello-world"),
            ("Hiërarchie & Structuur!", "hierarchie-structuur"),
            ("  --a--b--  ", "a-b"),
            ("C++ tips", "c-tips"),
            ("data_science", "data_science"),
            ("Zoë's café", "zoe-s-cafe"),
            ("日本", "ri-ben"),
            ("!!!", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(slugify(input), expected, "{input}");
        }
    }

    #[test]
    fn tags_keep_their_characters_lower_cased() {
        let cases = [
            ("C", "c", "c", "c"),
            ("C#", "c#", "c#", "c%23"),
            ("C++", "c++", "c++", "c%2B%2B"),
            ("  Machine   Learning ", "machine learning", "machine learning", "machine%20learning"),
            ("Café", "café", "café", "caf%C3%A9"),
            (".NET", ".net", "-net", "-net"),
            ("..", "..", "--", "--"),
            ("a/b\\c", "a/b\\c", "a-b-c", "a-b-c"),
            ("what?", "what?", "what-", "what-"),
            ("50%", "50%", "50%", "50%25"),
            ("nul\0tab\t", "nul\0tab", "nul-tab", "nul-tab"),
        ];
        for (name, key, folder, url) in cases {
            assert_eq!(tag_key(name), key, "{name:?}");
            assert_eq!(tag_folder(key), folder, "{name:?}");
            assert_eq!(percent_encode_segment(folder), url, "{name:?}");
        }
    }

    #[test]
    fn long_tags_are_cut_on_a_character_boundary() {
        let folder = tag_folder(&"é".repeat(200));
        assert_eq!(folder, "é".repeat(TAG_FOLDER_MAX_BYTES / 2));
    }

    #[test]
    fn percent_decoding_leaves_stray_percent_signs() {
        assert_eq!(percent_decode("c%23/%2b%2B").as_deref(), Some("c#/++"));
        assert_eq!(percent_decode("50%").as_deref(), Some("50%"));
        assert_eq!(percent_decode("%zz%4").as_deref(), Some("%zz%4"));
        assert_eq!(percent_decode("%+5%-1").as_deref(), Some("%+5%-1"));
        assert_eq!(percent_decode("%FF"), None);
    }

    proptest! {
        /// Whatever a writer types, the folder is one safe file name, and a server that
        /// decodes the URL segment before looking for the file finds exactly that folder.
        #[test]
        fn tag_urls_decode_to_their_folder(name in "\\PC{0,40}|[\\x00-\\x7f]{0,40}") {
            let key = tag_key(&name);
            prop_assume!(!key.is_empty());
            let folder = tag_folder(&key);
            prop_assert!(!folder.is_empty() && folder.len() <= TAG_FOLDER_MAX_BYTES);
            prop_assert!(folder != "." && folder != ".." && !folder.starts_with('.'));
            prop_assert!(!folder.chars().any(|c| c.is_control() || c == '/' || c == '\\'));
            let url = percent_encode_segment(&folder);
            prop_assert!(url.bytes().all(|b| b.is_ascii_graphic() && b != b'/' && b != b'#' && b != b'?'));
            prop_assert_eq!(percent_decode(&url), Some(folder));
        }
    }
}
