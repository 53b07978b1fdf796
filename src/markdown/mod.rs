//! Markdown to HTML for page bodies: one pass that also yields the table of contents, heading ids, summary, reading time and every link.
//!
//! The caller owns URLs: links are rewritten through a [`LinkResolver`] it
//! implements. Syntax highlighting needs a [`Highlighter`], made once per build.
//! Links and images whose URL runs code (`javascript:`, `vbscript:`, `data:` other than
//! raster images) are removed, their text kept, before any resolver sees them. Raw HTML
//! is the writer's own and passes unchanged, but for the URLs of its links, images and
//! videos, which are resolved, recorded and removed the same way (`html_links.rs`).

mod alerts;
mod escape;
mod footnotes;
mod headings;
mod highlight;
mod html_links;
mod links;
mod reading_time;
mod rewrite;
mod sections;
mod summary;
mod templates;
mod ui_strings;
mod url_safety;

use std::ops::Range;

use pulldown_cmark::{Options, Parser};

pub use alerts::AlertTitles;
pub use headings::{HeadingRule, heading_id, heading_under_any_rule, ids_under_every_rule};
pub use highlight::Highlighter;
pub use sections::TextSection;
pub use templates::TemplateTags;
pub use ui_strings::BodyStrings;
pub use url_safety::UnsafeScheme;

/// The refused scheme of an image URL written outside a body (front matter's `image:`),
/// judged as a Markdown image's is.
pub fn unsafe_image_scheme(url: &str) -> Option<UnsafeScheme> {
    url_safety::unsafe_scheme(url, LinkKind::Image)
}

use rewrite::BodyRewriter;

/// How links in a page body are rewritten. Implemented by the caller, which
/// knows the site's URLs.
pub trait LinkResolver: Sync {
    /// `dest` is the destination as written (`../wiki/setup.md#install`,
    /// `https://x`, `img.png`); for wiki links (`[[target]]`, `[[target|text]]`)
    /// it is the target text, and for email autolinks (`<a@b.nl>`) it is
    /// `mailto:a@b.nl`. Returns the URL to use instead, or `None` to keep the
    /// destination as written (a wiki link without a URL is shown as missing).
    fn resolve(&self, dest: &str, kind: LinkKind) -> Option<String>;
}

/// What kind of reference a destination comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](dest)`, `[text][ref]`, `<https://…>`.
    Link,
    /// `![alt](src)`, and wiki embeds `![[diagram.png]]`.
    Image,
    /// `[[target]]` and `[[target|text]]`.
    Wiki,
}

/// One page body rendered, with everything learnt on the way.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RenderedMarkdown {
    /// The body HTML, footnotes listed at its end.
    pub html: String,
    /// Headings of levels 1 to 4, in page order.
    pub toc: Vec<TocEntry>,
    /// The id of every heading (all levels), then every `id` (and `<a name>`) raw HTML
    /// defines, for checking `page.md#anchor` links.
    pub heading_ids: Vec<String>,
    /// The plain text of every heading, beside `heading_ids`: an anchor written for
    /// another engine's rule is matched against it ([`RenderedMarkdown::heading_under_any_rule`]).
    /// Empty when no heading's id could differ under another rule (plain words only).
    pub heading_titles: Vec<String>,
    /// The id of the opening `# Title` that repeated the page's title and so left the body
    /// and the table of contents: the page's header carries it, so `#its-id` still lands on top.
    pub title_id: Option<String>,
    /// Plain text: the text before `<!-- more -->`, else the first top-level
    /// paragraph; whitespace collapsed, at most about 300 characters.
    pub summary: String,
    /// The plain text of each heading section (the text before the first heading first,
    /// when there is any), for the search index; empty when `BodyOptions::search_sections` is off.
    pub sections: Vec<TextSection>,
    pub word_count: usize,
    /// Minutes at 220 words a minute, rounded up, at least 1.
    pub reading_minutes: u32,
    /// Every link, image and wiki link destination, in source order.
    pub links: Vec<FoundLink>,
    /// The template tags (Liquid, shortcodes) shown as written, if any: one warning a page.
    pub template_tags: Option<TemplateTags>,
}

impl RenderedMarkdown {
    /// The id of the heading `anchor` names under some engine's heading-id rule
    /// (Zola's `#what-s-next` for "What's next", whose id here is `whats-next`).
    pub fn heading_under_any_rule(&self, anchor: &str) -> Option<&str> {
        heading_under_any_rule(anchor, &self.heading_titles, &self.heading_ids)
    }

    /// Points every link of the body whose URL is `old` at `new` instead (once every body
    /// is rendered, an anchor may turn out to name a heading in another case or by another
    /// engine's id), in Markdown links and raw HTML alike (`replace_url`).
    pub fn retarget_links(&mut self, old: &str, new: &str) {
        replace_url(&mut self.html, old, new);
    }
}

/// Replaces `old` by `new` where it is a whole attribute value in `html`, in each of
/// the spellings the body's HTML may have: as pulldown-cmark writes an `href`, as
/// `markdown::html_links` writes a rewritten URL, and as written in raw HTML.
pub(crate) fn replace_url(html: &mut String, old: &str, new: &str) -> bool {
    let mut replaced = false;
    let href = |url: &str| {
        let mut out = String::new();
        let _ = pulldown_cmark_escape::escape_href(&mut out, url);
        out
    };
    let attribute = |url: &str| {
        let mut out = String::new();
        let _ = pulldown_cmark_escape::escape_html(&mut out, url);
        out
    };
    for (old, new) in
        [(href(old), href(new)), (attribute(old), attribute(new)), (old.to_owned(), new.to_owned())]
    {
        if old == new || !html.contains(&old) {
            continue;
        }
        let mut out = String::with_capacity(html.len());
        let mut copied = 0;
        for (at, _) in html.match_indices(&old) {
            let end = at + old.len();
            let opens = html[..at].ends_with(['"', '\'', '=']);
            let closes = html[end..].starts_with(['"', '\'', '>', ' ', '\t', '\n']) || end == html.len();
            if opens && closes && at >= copied {
                out.push_str(&html[copied..at]);
                out.push_str(&new);
                copied = end;
            }
        }
        replaced |= copied > 0;
        out.push_str(&html[copied..]);
        *html = out;
    }
    replaced
}

/// How one page's body is rendered, besides its Markdown.
#[derive(Clone, Copy)]
pub struct BodyOptions<'a> {
    /// The UI texts written into the body, in the site's language.
    pub strings: &'a BodyStrings,
    pub heading_rule: HeadingRule,
    /// The title the page's header shows: a body that opens with an H1 saying the same
    /// (whitespace and case aside) loses that H1. `None` for bodies shown without a header.
    pub page_title: Option<&'a str>,
    /// Whether to keep the body's plain text per section ([`RenderedMarkdown::sections`]):
    /// only the search index reads it, so a site without one leaves it empty.
    pub search_sections: bool,
}

/// A heading in the table of contents.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    /// The heading's plain text.
    pub title: String,
}

/// A destination found in the body.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundLink {
    /// As handed to the resolver.
    pub dest: String,
    pub kind: LinkKind,
    /// Byte range of the whole link (`[text](dest)`, `[[target]]`) in the source.
    pub range: Range<usize>,
    /// Line and column (1-based, the column in characters) of the range's start in the
    /// source, so that a broken link can be reported once the source is gone.
    pub line: u32,
    pub column: u32,
    /// Whether the resolver returned a URL.
    pub resolved: bool,
    /// A scheme that runs code (`javascript:`…): the link or image was removed from the
    /// HTML, its text kept, and the resolver was not asked.
    pub unsafe_scheme: Option<UnsafeScheme>,
}

/// Renders one page body (front matter already removed). Never fails and never
/// panics: whatever the writer typed becomes some HTML.
pub fn render_markdown(
    source: &str,
    resolver: &dyn LinkResolver,
    highlighter: &Highlighter,
) -> RenderedMarkdown {
    render_markdown_with_strings(source, resolver, highlighter, &BodyStrings::default())
}

/// [`render_markdown`] with the UI texts (alert titles, link labels) in the site's language.
pub fn render_markdown_with_strings(
    source: &str,
    resolver: &dyn LinkResolver,
    highlighter: &Highlighter,
    strings: &BodyStrings,
) -> RenderedMarkdown {
    let options =
        BodyOptions { strings, heading_rule: HeadingRule::Github, page_title: None, search_sections: true };
    render_page_markdown(source, resolver, highlighter, &options)
}

/// Renders one page's body as [`render_markdown`] does, with the page's options: alert
/// titles and link labels in the site's language, the site's heading-id rule, and the page's title.
pub fn render_page_markdown(
    source: &str,
    resolver: &dyn LinkResolver,
    highlighter: &Highlighter,
    options: &BodyOptions,
) -> RenderedMarkdown {
    let events: Vec<_> = Parser::new_ext(source, markdown_options()).into_offset_iter().collect();
    if !templates::may_hold_tags(source) {
        let mut rendered = render_events(source, events, resolver, highlighter, options);
        place_links(source, &mut rendered.links);
        return rendered;
    }
    // Template tags: the link tags, highlight blocks and raw markers are replaced, and the
    // edited text rendered; the links' ranges are then counted in the source again.
    let reading = templates::read_template_tags(source, &events);
    let mut rendered = match &reading.edited {
        None => render_events(source, events, resolver, highlighter, options),
        Some(edited) => {
            drop(events);
            let events: Vec<_> =
                Parser::new_ext(&edited.text, markdown_options()).into_offset_iter().collect();
            let mut rendered = render_events(&edited.text, events, resolver, highlighter, options);
            for link in &mut rendered.links {
                link.range = edited.source_offset(link.range.start)..edited.source_offset(link.range.end);
            }
            rendered
        }
    };
    place_links(source, &mut rendered.links);
    rendered.template_tags = reading.unrun;
    rendered
}

/// The one pass over a body's events, parsed from `source`.
fn render_events<'a>(
    source: &'a str,
    mut events: Vec<(pulldown_cmark::Event<'a>, Range<usize>)>,
    resolver: &dyn LinkResolver,
    highlighter: &Highlighter,
    options: &BodyOptions,
) -> RenderedMarkdown {
    alerts::read_titled_callouts(&mut events);
    let mut rewriter = BodyRewriter::new(resolver, highlighter, options, &events, source);
    for (event, range) in events {
        rewriter.push(event, range);
    }
    rewriter.finish()
}

/// Fills in each link's line and column, scanning the source once when the links come
/// in source order (they do, but for links inside an image's alt text, which share it).
fn place_links(source: &str, links: &mut [FoundLink]) {
    let bytes = source.as_bytes();
    let characters = |bytes: &[u8]| String::from_utf8_lossy(bytes).chars().count() as u32;
    // Where the scan is, and the line and column there.
    let (mut offset, mut line, mut column) = (0, 1, 1);
    for link in links {
        let start = link.range.start.min(bytes.len());
        if start < offset {
            (offset, line, column) = (0, 1, 1);
        }
        let between = &bytes[offset..start];
        match memchr::memrchr(b'\n', between) {
            Some(last) => {
                line += memchr::memchr_iter(b'\n', between).count() as u32;
                column = 1 + characters(&between[last + 1..]);
            }
            None => column += characters(between),
        }
        offset = start;
        (link.line, link.column) = (line, column);
    }
}

/// GitHub-flavoured Markdown as writers know it from the git web UI. No smart
/// punctuation: it would turn `--flag` into `–flag` in prose about commands.
fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod replace_url_tests {
    use super::replace_url;

    #[test]
    fn a_url_is_replaced_where_it_is_a_whole_attribute_value_however_quoted() {
        let mut html = "<a href=\"x.md#a\">1</a> <a href='x.md#a'>2</a> <a href=x.md#a>3</a> \
                        <a href=\"x.md#ab\">4</a> x.md#a"
            .to_owned();
        assert!(replace_url(&mut html, "x.md#a", "/x/#b"));
        assert_eq!(
            html,
            "<a href=\"/x/#b\">1</a> <a href='/x/#b'>2</a> <a href=/x/#b>3</a> <a href=\"x.md#ab\">4</a> x.md#a"
        );
        assert!(!replace_url(&mut html, "nowhere.md", "/x/"));
    }
}
