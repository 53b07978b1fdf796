//! Link and image rewriting: ask the caller's resolver, record every destination, write images and missing wiki links.

use std::ops::Range;

use pulldown_cmark::{CowStr, LinkType};

use super::escape::push_escaped_html;
use super::url_safety::unsafe_scheme;
use super::{FoundLink, LinkKind, LinkResolver};

/// What becomes of a link or image destination.
pub(crate) enum Resolution {
    /// The resolver's URL, to use instead of the destination as written.
    Rewritten(String),
    /// Kept as written (external, or for a wiki link: no page has that name).
    AsWritten,
    /// A scheme that runs code: no link, only its text.
    Removed,
}

/// Asks `resolver` about `dest`, unless its scheme runs code, and records the answer
/// in `found`.
pub(crate) fn resolve_and_record(
    resolver: &dyn LinkResolver,
    found: &mut Vec<FoundLink>,
    dest: String,
    kind: LinkKind,
    range: Range<usize>,
) -> Resolution {
    let unsafe_scheme = unsafe_scheme(&dest, kind);
    let resolved = match unsafe_scheme {
        Some(_) => None,
        None => resolver.resolve(&dest, kind),
    };
    // Line and column are filled in once the whole body is rendered (`place_links`).
    found.push(FoundLink {
        dest,
        kind,
        range,
        line: 0,
        column: 0,
        resolved: resolved.is_some(),
        unsafe_scheme,
    });
    match (unsafe_scheme, resolved) {
        (Some(_), _) => Resolution::Removed,
        (None, Some(url)) => Resolution::Rewritten(url),
        (None, None) => Resolution::AsWritten,
    }
}

/// The kind of a `Tag::Link`: `[[target]]` is a wiki link, everything else a link.
pub(crate) fn link_kind(link_type: LinkType) -> LinkKind {
    match link_type {
        LinkType::WikiLink { .. } => LinkKind::Wiki,
        _ => LinkKind::Link,
    }
}

/// The destination handed to the resolver. pulldown-cmark gives an email
/// autolink (`<a@b.c>`) without its scheme; with `mailto:` the resolver sees it
/// for what it is and leaves it alone like any other external link.
pub(crate) fn link_destination(link_type: LinkType, dest_url: &str) -> String {
    match link_type {
        LinkType::Email => format!("mailto:{dest_url}"),
        _ => dest_url.to_owned(),
    }
}

/// How the end of a link is written, decided when it starts.
pub(crate) enum LinkClose {
    /// An ordinary `<a>` (resolved or kept as written).
    Anchor,
    /// A wiki link no page answers to, written as a marked `<span>`.
    MissingWikilink,
    /// A link whose scheme runs code: its text in a marked `<span>`.
    Removed,
}

/// A wiki link with no page: its text, marked, instead of a dead link.
pub(crate) fn missing_wikilink_opening_html(target: &str) -> String {
    let mut html = String::from("<span class=\"link-missing\" title=\"no page found for [[");
    push_escaped_html(&mut html, target);
    html.push_str("]]\">");
    html
}

pub(crate) const MISSING_WIKILINK_CLOSING_HTML: &str = "</span>";

/// A removed link's text stays readable; the title tells a writer previewing the page why
/// it is not a link. Plain text rather than `<a>` without `href`, which themes style as a link.
pub(crate) const REMOVED_LINK_OPENING_HTML: &str =
    "<span class=\"link-removed\" title=\"link removed: it would run code\">";
pub(crate) const REMOVED_IMAGE_OPENING_HTML: &str =
    "<span class=\"link-removed\" title=\"image removed: it would run code\">";
pub(crate) const REMOVED_CLOSING_HTML: &str = "</span>";

/// An image whose alt text is still being read from the events inside it.
pub(crate) struct PendingImage<'a> {
    /// `None` when the image was removed because its URL runs code: only the alt text is shown.
    pub(crate) src: Option<String>,
    pub(crate) title: CowStr<'a>,
    pub(crate) alt: String,
    /// Images nested in the alt text (`![a ![b](c)](d)`) only add their text.
    pub(crate) nesting: u32,
}

impl PendingImage<'_> {
    /// `<img>` written by hand because pulldown-cmark's has no `loading` attribute.
    pub(crate) fn html(&self) -> String {
        let Some(src) = &self.src else {
            let mut html = String::from(REMOVED_IMAGE_OPENING_HTML);
            push_escaped_html(&mut html, &self.alt);
            html.push_str(REMOVED_CLOSING_HTML);
            return html;
        };
        let mut html = String::with_capacity(src.len() + self.alt.len() + 48);
        html.push_str("<img src=\"");
        push_escaped_html(&mut html, src);
        html.push_str("\" alt=\"");
        push_escaped_html(&mut html, &self.alt);
        if !self.title.is_empty() {
            html.push_str("\" title=\"");
            push_escaped_html(&mut html, &self.title);
        }
        html.push_str("\" loading=\"lazy\" />");
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_html_escapes_every_attribute() {
        let image = PendingImage {
            src: Some("a\"b.png".to_owned()),
            title: "x<y".into(),
            alt: "Tom & Jerry".to_owned(),
            nesting: 0,
        };
        assert_eq!(
            image.html(),
            "<img src=\"a&quot;b.png\" alt=\"Tom &amp; Jerry\" title=\"x&lt;y\" loading=\"lazy\" />"
        );
    }

    #[test]
    fn email_autolinks_are_offered_with_their_scheme() {
        assert_eq!(link_destination(LinkType::Email, "a@b.nl"), "mailto:a@b.nl");
        assert_eq!(link_destination(LinkType::Inline, "a.md"), "a.md");
    }
}
