//! The single pass over pulldown-cmark's events: rewrites them into the body's events and gathers what else the page needs.

use std::ops::Range;

use pulldown_cmark::{
    Alignment, BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd,
};

use super::alerts::{
    ALERT_CLOSING_HTML, CALLOUT_TITLE_CLOSING_HTML, CALLOUT_TITLE_END, CALLOUT_TITLE_START,
    titled_opening_html,
};
use super::footnotes::{Footnotes, footnote_ids};
use super::headings::{PageHeadings, heading_anchor_html};
use super::highlight::Highlighter;
use super::html_links::{SourceMap, may_hold_links, rewrite_html_links};
use super::links::{
    LinkClose, MISSING_WIKILINK_CLOSING_HTML, PendingImage, REMOVED_CLOSING_HTML, REMOVED_LINK_OPENING_HTML,
    Resolution, link_destination, link_kind, missing_wikilink_opening_html, resolve_and_record,
};
use super::reading_time::{WordCounter, reading_minutes};
use super::sections::SectionCollector;
use super::summary::{SummaryCollector, is_more_marker};
use super::ui_strings::BodyStrings;
use super::{BodyOptions, FoundLink, LinkKind, LinkResolver, RenderedMarkdown};

/// Tables scroll sideways inside this wrapper instead of widening a phone's page.
const TABLE_WRAP_OPENING_HTML: &str = "<div class=\"table-wrap\">\n";
const TABLE_WRAP_CLOSING_HTML: &str = "</div>\n";

/// Receives every event of one page in order (`push`), then yields the page
/// (`finish`). Most events pass through unchanged; headings, code blocks and
/// images are held until their end because their HTML depends on what is inside.
pub(crate) struct BodyRewriter<'a, 'r> {
    resolver: &'r dyn LinkResolver,
    highlighter: &'r Highlighter,
    strings: &'r BodyStrings,
    /// An alert whose opening waits for the next event, which says whether it has a title of its own.
    pending_alert: Option<BlockQuoteKind>,
    page_title: Option<&'r str>,
    /// The id of the opening H1 that repeated `page_title` and was left out.
    title_id: Option<String>,
    body: Vec<Event<'a>>,
    headings: PageHeadings,
    open_heading: Option<OpenHeading<'a>>,
    open_code_block: Option<OpenCodeBlock<'a>>,
    open_image: Option<PendingImage<'a>>,
    open_html_block: Option<OpenHtmlBlock<'a>>,
    link_closes: Vec<LinkClose>,
    links: Vec<FoundLink>,
    /// Anchors raw HTML defines (`<th id="ic2">`, `<a name="top">`), which links may name.
    html_anchors: Vec<String>,
    footnotes: Footnotes<'a>,
    summary: SummaryCollector,
    /// The plain text per heading section, for the search index.
    sections: SectionCollector,
    words: WordCounter,
    /// The page's Markdown, to place links in inline HTML that runs over several lines.
    source: &'a str,
    /// The open table's column alignments and where its cells are, so that an aligned
    /// cell gets a class instead of pulldown-cmark's `style` attribute.
    table: TableCells,
}

/// Where the rewriter is in a table: its columns' alignments, whether it is in the head
/// row, and the number of the next cell in the row.
#[derive(Default)]
struct TableCells {
    alignments: Vec<Alignment>,
    in_head: bool,
    next_cell: usize,
}

impl TableCells {
    /// The start tag of the next cell when its column is aligned: `<td class="align-right">`,
    /// styled by the theme, since an inline `style` breaks under a strict Content-Security-Policy.
    /// `None` for an unaligned column, which pulldown-cmark writes as `<td>`.
    fn aligned_cell_start(&self) -> Option<&'static str> {
        let (head, body) = match self.alignments.get(self.next_cell)? {
            Alignment::None => return None,
            Alignment::Left => ("<th class=\"align-left\">", "<td class=\"align-left\">"),
            Alignment::Center => ("<th class=\"align-center\">", "<td class=\"align-center\">"),
            Alignment::Right => ("<th class=\"align-right\">", "<td class=\"align-right\">"),
        };
        Some(if self.in_head { head } else { body })
    }
}

struct OpenHeading<'a> {
    level: HeadingLevel,
    explicit_id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    text: String,
    events: Vec<Event<'a>>,
    /// An H1 before anything else in the body: it leaves the body if it repeats the page's title.
    opens_body: bool,
}

/// An HTML block, whose lines come one event each: a tag may run over several, so its
/// links are read once the whole block is there.
#[derive(Default)]
struct OpenHtmlBlock<'a> {
    lines: Vec<CowStr<'a>>,
    text: String,
    map: SourceMap,
}

struct OpenCodeBlock<'a> {
    /// The fence's info string; `None` for an indented block.
    info: Option<CowStr<'a>>,
    code: String,
}

impl<'a, 'r> BodyRewriter<'a, 'r> {
    /// Looks ahead once at the whole page so that ids written by the writer
    /// (`{#setup}`) and footnote ids win over generated heading ids, wherever
    /// in the page they appear.
    pub(crate) fn new(
        resolver: &'r dyn LinkResolver,
        highlighter: &'r Highlighter,
        options: &BodyOptions<'r>,
        events: &[(Event<'a>, Range<usize>)],
        source: &'a str,
    ) -> Self {
        let mut headings = PageHeadings::new(options.heading_rule);
        let mut footnote_definitions = 0;
        for (event, _) in events {
            match event {
                Event::Start(Tag::Heading { id: Some(id), .. }) => headings.ids.reserve(id),
                Event::Start(Tag::FootnoteDefinition(_)) => footnote_definitions += 1,
                _ => {}
            }
        }
        for id in footnote_ids(footnote_definitions) {
            headings.ids.reserve(&id);
        }
        BodyRewriter {
            resolver,
            highlighter,
            strings: options.strings,
            pending_alert: None,
            page_title: options.page_title,
            title_id: None,
            body: Vec::with_capacity(events.len() + 16),
            headings,
            open_heading: None,
            open_code_block: None,
            open_image: None,
            open_html_block: None,
            link_closes: Vec::new(),
            links: Vec::new(),
            html_anchors: Vec::new(),
            footnotes: Footnotes::default(),
            summary: SummaryCollector::default(),
            sections: SectionCollector::new(options.search_sections),
            words: WordCounter::default(),
            source,
            table: TableCells::default(),
        }
    }

    pub(crate) fn push(&mut self, event: Event<'a>, range: Range<usize>) {
        if let Some(kind) = self.pending_alert.take() {
            if matches!(&event, Event::Html(html) if html.as_ref() == CALLOUT_TITLE_START) {
                self.emit_html(titled_opening_html(kind));
                return;
            }
            let opening = self.strings.alert_titles.opening_html(kind).to_owned();
            self.emit(Event::Html(CowStr::from(opening)));
        }
        // Alt text is neither prose nor heading text, so image events bypass the
        // summary and the word count.
        if self.open_image.is_some() {
            self.push_inside_image(event, range);
            return;
        }
        if let Event::Start(Tag::Image { dest_url, title, .. }) = event {
            self.start_image(dest_url, title, range);
            return;
        }
        self.summary.observe(&event);
        self.sections.observe(&event);
        self.words.observe(&event);
        if let Some(code_block) = &mut self.open_code_block {
            match event {
                Event::Text(text) => code_block.code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => self.finish_code_block(),
                _ => {}
            }
            return;
        }
        self.rewrite(event, range);
    }

    fn rewrite(&mut self, event: Event<'a>, range: Range<usize>) {
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let opens_body = level == HeadingLevel::H1
                    && self.page_title.is_some()
                    && self.headings.all_ids.is_empty()
                    && only_comments(&self.body);
                self.open_heading = Some(OpenHeading {
                    opens_body,
                    level,
                    explicit_id: id.filter(|id| !id.is_empty()),
                    classes,
                    attrs,
                    text: String::new(),
                    events: Vec::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => self.finish_heading(),
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => Some(info),
                    CodeBlockKind::Indented => None,
                };
                self.open_code_block = Some(OpenCodeBlock { info, code: String::new() });
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                self.start_link(link_type, dest_url, title, id, range)
            }
            Event::End(TagEnd::Link) => self.end_link(),
            Event::Start(Tag::BlockQuote(Some(kind))) => self.pending_alert = Some(kind),
            Event::Html(ref html) if html.as_ref() == CALLOUT_TITLE_END => {
                self.emit_html(CALLOUT_TITLE_CLOSING_HTML)
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => self.emit_html(ALERT_CLOSING_HTML),
            Event::Start(Tag::Table(alignments)) => {
                self.emit_html(TABLE_WRAP_OPENING_HTML);
                self.table = TableCells { alignments: alignments.clone(), in_head: false, next_cell: 0 };
                self.emit(Event::Start(Tag::Table(alignments)));
            }
            Event::Start(Tag::TableHead) => {
                self.table.in_head = true;
                self.table.next_cell = 0;
                self.emit(event);
            }
            Event::End(TagEnd::TableHead) => {
                self.table.in_head = false;
                self.emit(event);
            }
            Event::Start(Tag::TableRow) => {
                self.table.next_cell = 0;
                self.emit(event);
            }
            // pulldown-cmark still writes the cell's end tag and counts the cell.
            Event::Start(Tag::TableCell) => match self.table.aligned_cell_start() {
                Some(start) => self.emit(Event::InlineHtml(CowStr::Borrowed(start))),
                None => self.emit(event),
            },
            Event::End(TagEnd::TableCell) => {
                self.table.next_cell += 1;
                self.emit(event);
            }
            Event::End(TagEnd::Table) => {
                self.emit(Event::End(TagEnd::Table));
                self.emit_html(TABLE_WRAP_CLOSING_HTML);
            }
            Event::Start(Tag::FootnoteDefinition(label)) => self.footnotes.start_definition(&label),
            Event::End(TagEnd::FootnoteDefinition) => self.footnotes.end_definition(),
            Event::FootnoteReference(label) => {
                let html = self.footnotes.reference_html(&label);
                self.emit(Event::InlineHtml(html.into()));
            }
            // The marker only splits the summary from the rest; it is not content.
            Event::Html(ref html) | Event::InlineHtml(ref html) if is_more_marker(html) => {}
            Event::Start(Tag::HtmlBlock) => {
                self.open_html_block = Some(OpenHtmlBlock::default());
                self.emit(event);
            }
            Event::Html(html) if self.open_html_block.is_some() => {
                if let Some(block) = &mut self.open_html_block {
                    block.map.push(block.text.len(), range.start);
                    block.text.push_str(&html);
                    block.lines.push(html);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                self.finish_html_block();
                self.emit(event);
            }
            // Inline HTML comes one tag an event (`<a href="x.md">`, text, `</a>`): each
            // start tag holds all of its attributes.
            Event::Html(html) => {
                let html = self.html_with_links(html, range.start);
                self.emit(Event::Html(html));
            }
            Event::InlineHtml(html) => {
                let html = self.html_with_links(html, range.start);
                self.emit(Event::InlineHtml(html));
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                self.add_heading_text(text);
                self.emit(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                self.add_heading_text(" ");
                self.emit(event);
            }
            other => self.emit(other),
        }
    }

    /// Sends an event to where it belongs now: the open heading, the open
    /// footnote definition, or the body.
    fn emit(&mut self, event: Event<'a>) {
        if let Some(heading) = &mut self.open_heading {
            heading.events.push(event);
        } else if let Some(definition) = self.footnotes.open_definition_events() {
            definition.push(event);
        } else {
            self.body.push(event);
        }
    }

    fn emit_html(&mut self, html: &'static str) {
        self.emit(Event::Html(CowStr::Borrowed(html)));
    }

    fn add_heading_text(&mut self, text: &str) {
        if let Some(heading) = &mut self.open_heading {
            heading.text.push_str(text);
        }
    }

    fn finish_heading(&mut self) {
        let Some(heading) = self.open_heading.take() else {
            return;
        };
        let level = heading.level as u8;
        let title = heading.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if heading.opens_body && self.page_title.is_some_and(|page_title| same_text(&title, page_title)) {
            self.title_id = Some(self.headings.add_page_title(heading.explicit_id.as_deref(), &title));
            return;
        }
        let id = self.headings.add(level, heading.explicit_id.as_deref(), title.clone());
        self.sections.start_section(&id, &title);
        let anchor = heading_anchor_html(level, &id, self.strings.heading_anchor_label());
        self.emit(Event::Start(Tag::Heading {
            level: heading.level,
            id: Some(id.into()),
            classes: heading.classes,
            attrs: heading.attrs,
        }));
        for event in heading.events {
            self.emit(event);
        }
        if let Some(anchor) = anchor {
            self.emit(Event::InlineHtml(anchor.into()));
        }
        self.emit(Event::End(TagEnd::Heading(heading.level)));
    }

    fn finish_html_block(&mut self) {
        let Some(block) = self.open_html_block.take() else {
            return;
        };
        let rewritten = match may_hold_links(&block.text) {
            true => rewrite_html_links(
                &block.text,
                &block.map,
                self.resolver,
                &mut self.links,
                &mut self.html_anchors,
            ),
            false => None,
        };
        match rewritten {
            Some(html) => self.emit(Event::Html(html.into())),
            None => {
                for line in block.lines {
                    self.emit(Event::Html(line));
                }
            }
        }
    }

    /// Raw HTML with its links resolved and recorded, as Markdown links are.
    fn html_with_links(&mut self, html: CowStr<'a>, source_start: usize) -> CowStr<'a> {
        if !may_hold_links(&html) {
            return html;
        }
        let map = SourceMap::aligned(&html, self.source, source_start);
        match rewrite_html_links(&html, &map, self.resolver, &mut self.links, &mut self.html_anchors) {
            Some(rewritten) => rewritten.into(),
            None => html,
        }
    }

    fn finish_code_block(&mut self) {
        if let Some(code_block) = self.open_code_block.take() {
            let html = self.highlighter.code_block_html(code_block.info.as_deref(), &code_block.code);
            self.emit(Event::Html(html.into()));
        }
    }

    fn start_link(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        range: Range<usize>,
    ) {
        let kind = link_kind(link_type);
        let dest = link_destination(link_type, &dest_url);
        let resolved = resolve_and_record(self.resolver, &mut self.links, dest, kind, range);
        let (close, start) = match (resolved, kind) {
            (Resolution::Rewritten(url), _) => {
                // A rewritten email autolink is an ordinary link now: keeping
                // `Email` would make the HTML writer prefix `mailto:` again.
                let link_type = match link_type {
                    LinkType::Email => LinkType::Inline,
                    other => other,
                };
                let start = Event::Start(Tag::Link { link_type, dest_url: url.into(), title, id });
                (LinkClose::Anchor, start)
            }
            (Resolution::Removed, _) => {
                (LinkClose::Removed, Event::InlineHtml(CowStr::Borrowed(REMOVED_LINK_OPENING_HTML)))
            }
            (Resolution::AsWritten, LinkKind::Wiki) => {
                let html = missing_wikilink_opening_html(&dest_url);
                (LinkClose::MissingWikilink, Event::InlineHtml(html.into()))
            }
            (Resolution::AsWritten, _) => {
                let start = Event::Start(Tag::Link { link_type, dest_url, title, id });
                (LinkClose::Anchor, start)
            }
        };
        self.link_closes.push(close);
        self.emit(start);
    }

    fn end_link(&mut self) {
        match self.link_closes.pop() {
            Some(LinkClose::MissingWikilink) => self.emit_html(MISSING_WIKILINK_CLOSING_HTML),
            Some(LinkClose::Removed) => self.emit_html(REMOVED_CLOSING_HTML),
            Some(LinkClose::Anchor) | None => self.emit(Event::End(TagEnd::Link)),
        }
    }

    /// Images are written by hand (for `loading="lazy"`), so their events are
    /// held until the end of the alt text. Wiki embeds (`![[diagram.png]]`) are
    /// images too, and reach the resolver as `LinkKind::Image`.
    fn start_image(&mut self, dest_url: CowStr<'a>, title: CowStr<'a>, range: Range<usize>) {
        let resolved =
            resolve_and_record(self.resolver, &mut self.links, dest_url.to_string(), LinkKind::Image, range);
        let src = match resolved {
            Resolution::Rewritten(url) => Some(url),
            Resolution::AsWritten => Some(dest_url.into_string()),
            Resolution::Removed => None,
        };
        self.open_image = Some(PendingImage { src, title, alt: String::new(), nesting: 0 });
    }

    fn push_inside_image(&mut self, event: Event<'a>, range: Range<usize>) {
        let Some(image) = &mut self.open_image else {
            return;
        };
        match event {
            Event::Text(text) | Event::Code(text) => image.alt.push_str(&text),
            Event::SoftBreak | Event::HardBreak => image.alt.push(' '),
            // Links and images inside alt text are not rendered, but they are
            // still destinations the link checker should see.
            Event::Start(Tag::Image { dest_url, .. }) => {
                image.nesting += 1;
                let dest = dest_url.into_string();
                resolve_and_record(self.resolver, &mut self.links, dest, LinkKind::Image, range);
            }
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                let dest = link_destination(link_type, &dest_url);
                let kind = link_kind(link_type);
                resolve_and_record(self.resolver, &mut self.links, dest, kind, range);
            }
            Event::End(TagEnd::Image) if image.nesting > 0 => image.nesting -= 1,
            Event::End(TagEnd::Image) => {
                if let Some(image) = self.open_image.take() {
                    self.emit(Event::InlineHtml(image.html().into()));
                }
            }
            _ => {}
        }
    }

    pub(crate) fn finish(mut self) -> RenderedMarkdown {
        let mut html = String::with_capacity(self.source.len() + self.source.len() / 2);
        pulldown_cmark::html::push_html(&mut html, self.body.into_iter());
        self.footnotes.push_section_html(&mut html, self.strings);
        // Bodies stay in memory until every page is written. Highlighted code can triple a
        // block's size, so the string often doubled past the guess above and a quarter of
        // it was slack (240 MB at 100,000 pages): then a copy that fits is cheaper to keep.
        let html =
            if html.capacity() - html.len() > html.len() / 8 { html.as_str().to_owned() } else { html };
        let word_count = self.words.words();
        let heading_titles = self.headings.titles_for_other_rules();
        let mut heading_ids = self.headings.all_ids;
        if !self.html_anchors.is_empty() {
            // Each anchor once: a writer may repeat an id, or give a heading's by hand.
            let mut seen: std::collections::HashSet<String> = heading_ids.iter().cloned().collect();
            heading_ids.extend(self.html_anchors.into_iter().filter(|id| seen.insert(id.clone())));
        }
        RenderedMarkdown {
            heading_titles,
            html,
            toc: self.headings.toc,
            heading_ids,
            title_id: self.title_id,
            summary: self.summary.finish(),
            sections: self.sections.finish(),
            word_count,
            reading_minutes: reading_minutes(word_count),
            links: self.links,
            template_tags: None,
        }
    }
}

/// Whether the body so far shows nothing: it is empty, or HTML comments only (a
/// converter's notes above the `# Title`, as Google Docs exports leave them).
fn only_comments(body: &[Event<'_>]) -> bool {
    let mut html = String::new();
    for event in body {
        match event {
            Event::Html(chunk) => html.push_str(chunk),
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            _ => return false,
        }
    }
    let mut rest = html.trim_start();
    while let Some(comment) = rest.strip_prefix("<!--") {
        match comment.find("-->") {
            Some(end) => rest = comment[end + 3..].trim_start(),
            None => return false,
        }
    }
    rest.is_empty()
}

/// Whether a heading says the page's title: the same words, whatever the case and spacing.
fn same_text(heading: &str, title: &str) -> bool {
    heading.split_whitespace().map(str::to_lowercase).eq(title.split_whitespace().map(str::to_lowercase))
}
