//! Links in a page's raw HTML (`<a href>`, `<img src>`, `srcset`, `<video poster>`…): found by lol_html's tokenizer, resolved and recorded as Markdown links are, and only the URL replaced in the text.
//!
//! lol_html reads the HTML as a browser would (comments, `<script>` text and attributes
//! split over lines included) and says where each attribute's value is in the source;
//! its own serialiser is not used, since it would rewrite every attribute of a changed
//! tag (quotes, spaces, line breaks). The text is copied as written and only the bytes
//! of a changed URL are replaced.

use std::borrow::Cow;
use std::ops::Range;

use lol_html::{HtmlRewriter, Settings, element};

use super::escape::push_escaped_html;
use super::links::{Resolution, resolve_and_record};
use super::{FoundLink, LinkKind, LinkResolver};

/// The elements whose attributes hold URLs kennis follows, or an anchor a link may name.
const SELECTOR: &str = "a, area[href], img, source, video, audio, track, [id]";

/// Where a piece of the HTML text was in the Markdown source: an HTML block's lines
/// come as separate events, and inside a list or quote the source between them holds
/// the indentation or `>` the text leaves out.
#[derive(Debug, Default)]
pub(crate) struct SourceMap {
    /// `(offset in the text, offset in the source)` of each piece, in order.
    pieces: Vec<(usize, usize)>,
}

impl SourceMap {
    /// A text that stands in the source as one piece, from `source_start` on.
    pub(crate) fn single(source_start: usize) -> SourceMap {
        SourceMap { pieces: vec![(0, source_start)] }
    }

    /// A text that starts at `source_start` in `source` and may run over several lines:
    /// inside a list or quote, each line after the first stands in the source after the
    /// indentation or `>` the text leaves out.
    pub(crate) fn aligned(text: &str, source: &str, source_start: usize) -> SourceMap {
        let mut map = SourceMap::single(source_start);
        let (mut text_at, mut source_at) = (0, source_start);
        while let (Some(text_newline), Some(source_newline)) = (
            memchr::memchr(b'\n', &text.as_bytes()[text_at..]),
            source.get(source_at..).and_then(|rest| memchr::memchr(b'\n', rest.as_bytes())),
        ) {
            text_at += text_newline + 1;
            source_at += source_newline + 1;
            let line = text[text_at..].split('\n').next().unwrap_or("");
            let source_line = source[source_at..].split('\n').next().unwrap_or("");
            source_at += source_line.find(line).unwrap_or(0);
            map.push(text_at, source_at);
        }
        map
    }

    /// The next piece starts at `text_offset` in the text and `source_start` in the source.
    pub(crate) fn push(&mut self, text_offset: usize, source_start: usize) {
        self.pieces.push((text_offset, source_start));
    }

    fn source_offset(&self, text_offset: usize) -> usize {
        let at = self.pieces.partition_point(|&(text, _)| text <= text_offset);
        match at.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some(&(text, source)) => source + (text_offset - text),
            None => text_offset,
        }
    }
}

/// Whether `html` may hold an attribute this module reads: a cheap look for `src`,
/// `href`, `poster`, `id` or `name`, so that HTML without links or anchors (`<br>`,
/// `<kbd>`, `</div>`) never reaches the tokenizer.
pub(crate) fn may_hold_links(html: &str) -> bool {
    let bytes = html.as_bytes();
    let contains = |word: &[u8]| bytes.windows(word.len()).any(|w| w.eq_ignore_ascii_case(word));
    memchr::memchr(b'=', bytes).is_some()
        && (contains(b"src")
            || contains(b"href")
            || contains(b"poster")
            || contains(b"id")
            || contains(b"name"))
}

/// How an attribute's value holds URLs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holds {
    /// The whole value is one URL.
    Url,
    /// `srcset`: URLs, each followed by a width or density, separated by commas.
    Srcset,
}

/// One URL-holding attribute as found in the text.
#[derive(Debug)]
struct UrlAttribute {
    kind: LinkKind,
    holds: Holds,
    /// The name's bytes in the text.
    name: Range<usize>,
    /// The value's bytes in the text, without quotes.
    value: Range<usize>,
}

/// The attribute `name` on element `tag` holds URLs this module follows.
fn url_attribute(tag: &str, name: &str) -> Option<(LinkKind, Holds)> {
    match (tag, name) {
        ("a" | "area", "href") => Some((LinkKind::Link, Holds::Url)),
        ("img" | "source" | "video" | "audio" | "track", "src") | ("video", "poster") => {
            Some((LinkKind::Image, Holds::Url))
        }
        ("img" | "source", "srcset") => Some((LinkKind::Image, Holds::Srcset)),
        _ => None,
    }
}

/// Every URL-holding attribute of `html`, in the order they are written, and every
/// anchor it defines (`id`, and `name` on `<a>`).
fn url_attributes(html: &str) -> (Vec<UrlAttribute>, Vec<String>) {
    let mut found = Vec::new();
    let mut anchors = Vec::new();
    // Not strict: a fragment out of its page cannot always tell how a browser would read
    // an unusual nesting, and lol_html's best guess is what is wanted then, not an error.
    let settings =
        Settings::new().with_strict(false).append_element_content_handler(element!(SELECTOR, |element| {
            let tag = element.tag_name();
            for attribute in element.attributes() {
                let name = attribute.name();
                if name == "id" || (tag == "a" && name == "name") {
                    let anchor = decode_character_references(&attribute.value()).into_owned();
                    if !anchor.is_empty() {
                        anchors.push(anchor);
                    }
                }
                let Some((kind, holds)) = url_attribute(&tag, &name) else { continue };
                let (Some(name), Some(value)) =
                    (attribute.name_source_location(), attribute.value_source_location())
                else {
                    continue;
                };
                found.push(UrlAttribute { kind, holds, name: name.bytes(), value: value.bytes() });
            }
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // The tokenizer accepts any text; an error here would be lol_html's own, and then
    // the HTML is left as written.
    if rewriter.write(html.as_bytes()).and_then(|()| rewriter.end()).is_err() {
        return (Vec::new(), Vec::new());
    }
    (found, anchors)
}

/// Resolves every URL in `html`'s attributes through `resolver`, records each in `found`
/// at its place in the source (`map`) and each anchor the HTML defines in `anchors`, and
/// returns the text with the resolved URLs in place and the attributes whose URL runs
/// code removed; `None` when nothing changed.
pub(crate) fn rewrite_html_links(
    html: &str,
    map: &SourceMap,
    resolver: &dyn LinkResolver,
    found: &mut Vec<FoundLink>,
    anchors: &mut Vec<String>,
) -> Option<String> {
    // (bytes of the text to replace, the replacement), in text order.
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let (attributes, defined) = url_attributes(html);
    anchors.extend(defined);
    for attribute in attributes {
        let Some(raw) = html.get(attribute.value.clone()) else { continue };
        let source = map.source_offset(attribute.value.start);
        let edit = match attribute.holds {
            Holds::Url => {
                let dest = decode_character_references(raw).trim().to_owned();
                if dest.is_empty() {
                    continue;
                }
                let range = source..source + raw.len();
                match resolve_and_record(resolver, found, dest, attribute.kind, range) {
                    Resolution::Rewritten(url) => Some((attribute.value.clone(), escaped(&url))),
                    Resolution::Removed => Some((removed_attribute(html, &attribute), String::new())),
                    Resolution::AsWritten => None,
                }
            }
            Holds::Srcset => rewrite_srcset(raw, source, resolver, found).map(|new| match new {
                Some(value) => (attribute.value.clone(), escaped(&value)),
                None => (removed_attribute(html, &attribute), String::new()),
            }),
        };
        edits.extend(edit);
    }
    if edits.is_empty() {
        return None;
    }
    let extra = 32;
    Some(crate::text::replace_ranges(html, edits, extra))
}

/// A `srcset`'s candidates resolved one by one: `None` when nothing changed,
/// `Some(None)` when one of them runs code (the attribute goes), else the new value.
fn rewrite_srcset(
    raw: &str,
    source: usize,
    resolver: &dyn LinkResolver,
    found: &mut Vec<FoundLink>,
) -> Option<Option<String>> {
    let decoded = decode_character_references(raw);
    // Positions in the source are exact only when no reference was decoded.
    let exact = matches!(decoded, Cow::Borrowed(_));
    let mut value = String::with_capacity(decoded.len() + 16);
    let (mut copied, mut changed, mut removed) = (0, false, false);
    for url in srcset_urls(&decoded) {
        let at = source + if exact { url.start } else { 0 };
        let range = at..at + url.len();
        match resolve_and_record(resolver, found, decoded[url.clone()].to_owned(), LinkKind::Image, range) {
            Resolution::Rewritten(new) => {
                value.push_str(&decoded[copied..url.start]);
                value.push_str(&new);
                copied = url.end;
                changed = true;
            }
            Resolution::Removed => removed = true,
            Resolution::AsWritten => {}
        }
    }
    value.push_str(&decoded[copied..]);
    match (removed, changed) {
        (true, _) => Some(None),
        (false, true) => Some(Some(value)),
        (false, false) => None,
    }
}

/// The URLs of a `srcset` (`a.png 1x, b.png 2x`), as the HTML standard splits it: each
/// candidate's URL runs to the next whitespace, trailing commas dropped; its descriptors
/// run to the next comma outside parentheses.
fn srcset_urls(srcset: &str) -> Vec<Range<usize>> {
    let bytes = srcset.as_bytes();
    let mut urls = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b',') {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut end = i;
        let ended_by_comma = end > start && bytes[end - 1] == b',';
        while end > start && bytes[end - 1] == b',' {
            end -= 1;
        }
        if end > start {
            urls.push(start..end);
        }
        if !ended_by_comma {
            let mut depth = 0u32;
            while i < bytes.len() {
                match bytes[i] {
                    b'(' => depth += 1,
                    b')' => depth = depth.saturating_sub(1),
                    b',' if depth == 0 => break,
                    _ => {}
                }
                i += 1;
            }
        }
    }
    urls
}

/// The bytes of an attribute whose URL runs code: its name, `=`, quotes and value.
fn removed_attribute(html: &str, attribute: &UrlAttribute) -> Range<usize> {
    let bytes = html.as_bytes();
    let (start, mut end) = (attribute.name.start, attribute.value.end);
    let opening = attribute.value.start.checked_sub(1).and_then(|i| bytes.get(i)).copied();
    if let Some(quote @ (b'"' | b'\'')) = opening
        && bytes.get(end) == Some(&quote)
    {
        end += 1;
    }
    start..end
}

fn escaped(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 8);
    push_escaped_html(&mut out, url);
    out
}

/// An attribute value as the browser reads it: numeric character references and the
/// named ones that turn up in URLs decoded (`&amp;`, and `&colon;` or `&Tab;`, which
/// would hide a `javascript:`); anything else, a lone `&` included, stays as written.
fn decode_character_references(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match character_reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference at the start of `text` stands for, and its length.
fn character_reference(text: &str) -> Option<(char, usize)> {
    // The longest name this function knows, and any number, fit in this many bytes.
    const LONGEST: usize = 34;
    let semicolon = text.as_bytes().iter().take(LONGEST).position(|&b| b == b';')?;
    let body = &text[1..semicolon];
    let c = if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{FFFD}')
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{A0}',
            "colon" => ':',
            "Tab" => '\t',
            "NewLine" => '\n',
            "sol" => '/',
            "num" => '#',
            "quest" => '?',
            "equals" => '=',
            "period" => '.',
            "percnt" => '%',
            "lpar" => '(',
            "rpar" => ')',
            _ => return None,
        }
    };
    Some((c, semicolon + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rewrites `x.md` to `/x/` and leaves everything else as written.
    struct MdToFolder;

    impl LinkResolver for MdToFolder {
        fn resolve(&self, dest: &str, _: LinkKind) -> Option<String> {
            dest.strip_suffix(".md").map(|name| format!("/{name}/"))
        }
    }

    fn rewrite(html: &str) -> (String, Vec<FoundLink>) {
        let mut found = Vec::new();
        let out = rewrite_html_links(html, &SourceMap::single(100), &MdToFolder, &mut found, &mut Vec::new());
        (out.unwrap_or_else(|| html.to_owned()), found)
    }

    #[test]
    fn only_the_url_changes_and_the_rest_stays_byte_for_byte() {
        let html = "<a  class='x'\n   HREF='a.md' data-x=\"b.md\">A</a> <a href=b.md>B</a>";
        let (out, found) = rewrite(html);
        assert_eq!(out, "<a  class='x'\n   HREF='/a/' data-x=\"b.md\">A</a> <a href=/b/>B</a>");
        let dests: Vec<(&str, usize)> = found.iter().map(|l| (l.dest.as_str(), l.range.start)).collect();
        assert_eq!(dests, [("a.md", 100 + 23), ("b.md", 100 + 57)]);
    }

    #[test]
    fn images_video_and_srcset_are_followed() {
        let html = r#"<img src="logo.md" srcset="a.md 1x, b.png 2x,c.md"><video poster="p.md"><source src="v.md"></video>"#;
        let (out, found) = rewrite(html);
        assert_eq!(
            out,
            r#"<img src="/logo/" srcset="/a/ 1x, b.png 2x,/c/"><video poster="/p/"><source src="/v/"></video>"#
        );
        assert!(found.iter().all(|l| l.kind == LinkKind::Image));
        assert_eq!(found.len(), 6);
    }

    #[test]
    fn comments_scripts_and_other_attributes_are_left_alone() {
        let html =
            "<!-- <a href=\"a.md\"> --><script>x = '<img src=\"a.md\">'</script><div href=\"a.md\"></div>";
        assert_eq!(rewrite(html), (html.to_owned(), Vec::new()));
    }

    #[test]
    fn urls_that_run_code_lose_their_attribute() {
        let (out, found) = rewrite("<a class=\"c\" href=\"java&#115;cript&colon;alert(1)\">x</a>");
        assert_eq!(out, "<a class=\"c\" >x</a>");
        assert_eq!(found[0].dest, "javascript:alert(1)");
        assert!(found[0].unsafe_scheme.is_some());
    }

    #[test]
    fn references_in_values_are_decoded_and_the_new_value_escaped() {
        let (out, found) = rewrite("<a href=\"a&amp;b.md\">x</a>");
        assert_eq!(found[0].dest, "a&b.md");
        assert_eq!(out, "<a href=\"/a&amp;b/\">x</a>");
    }

    #[test]
    fn ids_and_anchor_names_are_anchors() {
        let mut anchors = Vec::new();
        let html = "<th id=\"ic2\"><a name=\"old&amp;style\"></a><div name=\"no\" id=\"\"></div></th>";
        rewrite_html_links(html, &SourceMap::single(0), &MdToFolder, &mut Vec::new(), &mut anchors);
        assert_eq!(anchors, ["ic2", "old&style"]);
    }

    #[test]
    fn pieces_map_back_to_the_source() {
        let mut map = SourceMap::single(10);
        map.push(20, 50);
        assert_eq!(map.source_offset(5), 15);
        assert_eq!(map.source_offset(22), 52);
    }

    #[test]
    fn lines_of_inline_html_in_a_quote_are_placed_after_the_marker() {
        let source = "x\n> a <img\n>   src=\"a.md\"> b\n";
        let text = "<img\n  src=\"a.md\">";
        let map = SourceMap::aligned(text, source, 6);
        let src = text.find("a.md").unwrap_or(0);
        assert_eq!(&source[map.source_offset(src)..][..4], "a.md");
    }

    #[test]
    fn text_without_url_attributes_is_not_tokenized() {
        assert!(!may_hold_links("<br>"));
        assert!(!may_hold_links("</a>"));
        assert!(may_hold_links("<IMG SRC=x>"));
    }

    #[test]
    fn srcset_candidates_split_as_browsers_split_them() {
        let srcset = "a.png 1x,b.png, c.png 100w (x, y), d.png";
        let urls: Vec<&str> = srcset_urls(srcset).into_iter().map(|r| &srcset[r]).collect();
        assert_eq!(urls, ["a.png", "b.png", "c.png", "d.png"]);
    }
}
