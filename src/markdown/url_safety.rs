//! URLs that run code when followed (`javascript:`, `vbscript:`, most `data:`), recognised the way browsers read them.
//!
//! Browsers (the WHATWG URL standard) strip leading spaces and control characters, drop
//! every tab and newline, and compare schemes without regard to case, so
//! `" JaVa\tScRiPt:"` is `javascript:`. pulldown-cmark has already decoded entities and
//! backslash escapes (`&#106;avascript:`), so what it hands over is what a browser sees.

use super::LinkKind;

/// A scheme a Markdown link or image may not use, because following it runs code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsafeScheme {
    Javascript,
    Vbscript,
    /// `data:` on a link, or on an image that is not a raster image.
    Data,
}

impl UnsafeScheme {
    /// The scheme as written in messages, with its colon.
    pub fn written(self) -> &'static str {
        match self {
            UnsafeScheme::Javascript => "javascript:",
            UnsafeScheme::Vbscript => "vbscript:",
            UnsafeScheme::Data => "data:",
        }
    }
}

/// Image types an image may carry inline. SVG is left out, as GitHub leaves it out:
/// an `<img>` does not run an SVG's script, but the same URL opened on its own may.
const INLINE_IMAGE_TYPES: &[&str] = &["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"];

/// Longer schemes than this are not among the refused ones, so reading stops there.
const LONGEST_REFUSED_SCHEME: usize = "javascript".len();

/// The refused scheme `url` has, if any. A wiki link's destination is a page name, never
/// written out as a URL, so only links and images are looked at.
pub(crate) fn unsafe_scheme(url: &str, kind: LinkKind) -> Option<UnsafeScheme> {
    if kind == LinkKind::Wiki {
        return None;
    }
    let mut chars = as_browsers_read(url);
    let scheme = read_scheme(&mut chars)?;
    match scheme.as_str() {
        "javascript" => Some(UnsafeScheme::Javascript),
        "vbscript" => Some(UnsafeScheme::Vbscript),
        "data" if kind == LinkKind::Image && is_inline_raster_image(chars) => None,
        "data" => Some(UnsafeScheme::Data),
        _ => None,
    }
}

/// The characters of `url` a browser's URL parser looks at: leading C0 controls and spaces
/// skipped, tabs and newlines anywhere dropped.
fn as_browsers_read(url: &str) -> impl Iterator<Item = char> + '_ {
    url.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r'))
}

/// The scheme in lower case, if the text starts with one (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`)
/// short enough to be refused; the iterator is left after the colon.
fn read_scheme(chars: &mut impl Iterator<Item = char>) -> Option<String> {
    let mut scheme = String::with_capacity(LONGEST_REFUSED_SCHEME);
    for c in chars.by_ref() {
        match c {
            ':' if !scheme.is_empty() => return Some(scheme),
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            c if !scheme.is_empty() && (c.is_ascii_digit() || "+-.".contains(c)) => scheme.push(c),
            _ => return None,
        }
        if scheme.len() > LONGEST_REFUSED_SCHEME {
            return None;
        }
    }
    None
}

/// Whether the rest of a `data:` URL (after the colon) declares a raster image type.
/// The media type ends at `;` or `,`, with spaces around it ignored, as browsers do.
fn is_inline_raster_image(rest: impl Iterator<Item = char>) -> bool {
    // The longest allowed type is short: anything longer is not one of them.
    const LONGEST_TYPE_WITH_SPACES: usize = 64;
    let mut media_type = String::new();
    for c in rest.take(LONGEST_TYPE_WITH_SPACES) {
        match c {
            ';' | ',' => {
                let essence = media_type.trim_matches(|c: char| c.is_ascii_whitespace());
                return INLINE_IMAGE_TYPES.contains(&essence);
            }
            c => media_type.push(c.to_ascii_lowercase()),
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_schemes_are_found_however_they_are_spelled() {
        let spellings = [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " \u{1}\u{1f}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscr\ript:alert(1)",
            "javascript\t:alert(1)",
        ];
        for url in spellings {
            assert_eq!(unsafe_scheme(url, LinkKind::Link), Some(UnsafeScheme::Javascript), "{url:?}");
            assert_eq!(unsafe_scheme(url, LinkKind::Image), Some(UnsafeScheme::Javascript), "{url:?}");
        }
        assert_eq!(unsafe_scheme("VBScript:MsgBox(1)", LinkKind::Link), Some(UnsafeScheme::Vbscript));
    }

    #[test]
    fn other_urls_are_left_alone() {
        let kept = [
            "https://example.org/javascript:x",
            "mailto:a@b.nl",
            "../wiki/javascript.md",
            "javascript.md",
            "#javascript:x",
            "/javascript:x",
            "java script:alert(1)",
            "javascript%3Aalert(1)",
            "xjavascript:alert(1)",
            "\u{a0}javascript:alert(1)",
            "",
            ":",
        ];
        for url in kept {
            assert_eq!(unsafe_scheme(url, LinkKind::Link), None, "{url:?}");
        }
    }

    #[test]
    fn data_urls_are_refused_on_links_and_allowed_for_raster_images() {
        assert_eq!(unsafe_scheme("data:image/png;base64,AAAA", LinkKind::Link), Some(UnsafeScheme::Data));
        for image in ["data:image/png;base64,AAAA", "DATA: Image/JPEG ;base64,AA", "data:image/gif,GIF89a"] {
            assert_eq!(unsafe_scheme(image, LinkKind::Image), None, "{image:?}");
        }
        let refused =
            ["data:image/svg+xml;base64,PHN2Zz4=", "data:text/html,<script>", "data:image/png", "data:,x"];
        for image in refused {
            assert_eq!(unsafe_scheme(image, LinkKind::Image), Some(UnsafeScheme::Data), "{image:?}");
        }
    }

    #[test]
    fn wiki_link_targets_are_page_names_not_urls() {
        assert_eq!(unsafe_scheme("javascript:alert(1)", LinkKind::Wiki), None);
    }
}
