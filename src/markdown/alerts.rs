//! GitHub-style alerts (`> [!NOTE]` … `> [!CAUTION]`) rendered as titled boxes, titles in the site's language; Obsidian's and Hugo's `> [!NOTE] Own title` too.

use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd};

use super::escape::push_escaped_html;

/// Closes the `<div>` opened by [`AlertTitles::opening_html`].
pub(crate) const ALERT_CLOSING_HTML: &str = "</div>\n";

/// Put around a callout's own title by [`read_titled_callouts`], right after the
/// callout's start. pulldown-cmark turns NUL into U+FFFD, so no HTML a writer typed can
/// be mistaken for them.
pub(crate) const CALLOUT_TITLE_START: &str = "\u{0}callout-title";
pub(crate) const CALLOUT_TITLE_END: &str = "\u{0}/callout-title";

/// Closes the title opened by [`titled_opening_html`].
pub(crate) const CALLOUT_TITLE_CLOSING_HTML: &str = "</p>\n";

const CLASSES: [&str; 5] = ["note", "tip", "important", "warning", "caution"];

/// The opening of an alert whose title follows (the writer's own, as inline HTML).
pub(crate) fn titled_opening_html(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "<div class=\"alert alert-note\" role=\"note\">\n<p class=\"alert-title\">",
        BlockQuoteKind::Tip => "<div class=\"alert alert-tip\" role=\"note\">\n<p class=\"alert-title\">",
        BlockQuoteKind::Important => {
            "<div class=\"alert alert-important\" role=\"note\">\n<p class=\"alert-title\">"
        }
        BlockQuoteKind::Warning => {
            "<div class=\"alert alert-warning\" role=\"note\">\n<p class=\"alert-title\">"
        }
        BlockQuoteKind::Caution => {
            "<div class=\"alert alert-caution\" role=\"note\">\n<p class=\"alert-title\">"
        }
    }
}

type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// Turns `> [!NOTE] Some title` (the marker with text on the same line, which GitHub
/// and pulldown-cmark leave a plain quote) into the alert it is in Obsidian and Hugo:
/// the quote becomes `BlockQuote(Some(kind))`, and the rest of the marker's line moves
/// out of the first paragraph, between [`CALLOUT_TITLE_START`] and
/// [`CALLOUT_TITLE_END`]. Obsidian's foldable `[!NOTE]-` and `[!NOTE]+` are read the same
/// way (an empty title keeps the kind's own). Only the five GitHub kinds, in any case,
/// are callouts: `[!FOO] x` stays a quote.
pub(crate) fn read_titled_callouts(events: &mut Events<'_>) {
    if !events.iter().any(|(event, _)| matches!(event, Event::Start(Tag::BlockQuote(None)))) {
        return;
    }
    let mut at = 0;
    while at < events.len() {
        if matches!(events[at].0, Event::Start(Tag::BlockQuote(None))) {
            titled_callout_at(events, at);
        }
        at += 1;
    }
}

fn titled_callout_at(events: &mut Events<'_>, quote: usize) {
    if !matches!(events.get(quote + 1), Some((Event::Start(Tag::Paragraph), _))) {
        return;
    }
    // The marker is in the paragraph's first text events (`[`, `!NOTE`, `] Title`…).
    let first_text = quote + 2;
    let mut lead = String::new();
    for (event, _) in &events[first_text..] {
        match event {
            Event::Text(text) => lead.push_str(text),
            _ => break,
        }
    }
    let Some((kind, marker_len)) = callout_marker(&lead) else { return };
    // Where the marker ends: in which text event, and how far into it.
    let (mut marker_event, mut before) = (first_text, 0);
    while let Event::Text(text) = &events[marker_event].0 {
        if before + text.len() > marker_len {
            break;
        }
        before += text.len();
        marker_event += 1;
    }
    let mut title: Events<'_> = Vec::new();
    if let (Event::Text(text), range) = &events[marker_event] {
        let rest = text[marker_len - before..].trim_start();
        if !rest.is_empty() {
            title.push((Event::Text(CowStr::from(rest.to_owned())), range.clone()));
        }
        marker_event += 1;
    }
    // The title is the rest of the line: up to the first line break outside inline markup.
    let (mut end, mut depth) = (marker_event, 0usize);
    loop {
        match &events[end].0 {
            Event::SoftBreak | Event::HardBreak if depth == 0 => break,
            Event::End(TagEnd::Paragraph) if depth == 0 => break,
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        title.push(events[end].clone());
        end += 1;
    }
    let paragraph_left_empty = matches!(events[end].0, Event::End(TagEnd::Paragraph));
    let span = events[quote].1.clone();
    let mut replacement: Events<'_> = vec![(Event::Start(Tag::BlockQuote(Some(kind))), span.clone())];
    if !title.is_empty() {
        replacement.push((Event::Html(CowStr::Borrowed(CALLOUT_TITLE_START)), span.clone()));
        replacement.extend(title);
        replacement.push((Event::Html(CowStr::Borrowed(CALLOUT_TITLE_END)), span));
    }
    let paragraph = events[quote + 1].clone();
    if !paragraph_left_empty {
        replacement.push(paragraph);
    }
    // Replaces the quote's start through the line break (or the emptied paragraph's end).
    let added = replacement.len();
    events.splice(quote..=end, replacement);
    let mut depth = 0usize;
    for (event, _) in &mut events[quote + added..] {
        match event {
            Event::Start(Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(None)) if depth == 0 => {
                *event = Event::End(TagEnd::BlockQuote(Some(kind)));
                break;
            }
            Event::End(TagEnd::BlockQuote(_)) => depth -= 1,
            _ => {}
        }
    }
}

/// `[!NOTE]`, `[!tip]-`, `[!Warning]+` at the start of `lead`, followed by the end or by
/// whitespace: the kind and the marker's length in bytes.
fn callout_marker(lead: &str) -> Option<(BlockQuoteKind, usize)> {
    let inside = lead.strip_prefix("[!")?;
    let close = inside.find(']')?;
    let kind = match inside[..close].to_ascii_lowercase().as_str() {
        "note" => BlockQuoteKind::Note,
        "tip" => BlockQuoteKind::Tip,
        "important" => BlockQuoteKind::Important,
        "warning" => BlockQuoteKind::Warning,
        "caution" => BlockQuoteKind::Caution,
        _ => return None,
    };
    let mut len = 2 + close + 1;
    if lead[len..].starts_with(['-', '+']) {
        len += 1;
    }
    let after = &lead[len..];
    (after.is_empty() || after.starts_with(char::is_whitespace)).then_some((kind, len))
}

/// The titles shown on alerts, in the order note, tip, important, warning, caution.
#[derive(Clone, Debug)]
pub struct AlertTitles {
    openings: [String; 5],
}

impl AlertTitles {
    /// From the five titles as shown (`Note`, `Tip`, `Important`, `Warning`, `Caution`).
    pub fn new(titles: [&str; 5]) -> AlertTitles {
        // `role="note"` for every kind: `role="alert"` would make screen readers
        // interrupt the reader when the page loads.
        let openings = std::array::from_fn(|i| {
            let mut title = String::new();
            push_escaped_html(&mut title, titles[i]);
            format!(
                "<div class=\"alert alert-{}\" role=\"note\">\n<p class=\"alert-title\">{title}</p>\n",
                CLASSES[i]
            )
        });
        AlertTitles { openings }
    }

    pub(crate) fn opening_html(&self, kind: BlockQuoteKind) -> &str {
        let index = match kind {
            BlockQuoteKind::Note => 0,
            BlockQuoteKind::Tip => 1,
            BlockQuoteKind::Important => 2,
            BlockQuoteKind::Warning => 3,
            BlockQuoteKind::Caution => 4,
        };
        &self.openings[index]
    }
}

impl Default for AlertTitles {
    fn default() -> Self {
        AlertTitles::new(["Note", "Tip", "Important", "Warning", "Caution"])
    }
}
