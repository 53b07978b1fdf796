//! The plain-text summary of a page: the text before `<!-- more -->`, else its first paragraph.

use pulldown_cmark::{Event, Tag, TagEnd};

/// Summaries are cut at a word boundary near this many characters.
const SUMMARY_MAX_CHARS: usize = 300;

/// True for the `<!-- more -->` marker (also `<!--more-->`, as Hugo writes it).
pub(crate) fn is_more_marker(html: &str) -> bool {
    html.trim()
        .strip_prefix("<!--")
        .and_then(|rest| rest.strip_suffix("-->"))
        .is_some_and(|inside| inside.trim() == "more")
}

/// Watches the event stream (images excluded: the caller keeps alt text away)
/// and keeps just enough text for both kinds of summary.
#[derive(Default)]
pub(crate) struct SummaryCollector {
    before_marker: CollapsedText,
    marker_seen: bool,
    first_paragraph: CollapsedText,
    first_paragraph_state: ParagraphState,
    /// Blockquotes (and alerts), lists, tables: a paragraph inside them is not
    /// "the first paragraph" of the page.
    container_depth: u32,
    /// Headings, code blocks, footnote definitions: never summary text.
    skipped_depth: u32,
}

#[derive(Default, PartialEq)]
enum ParagraphState {
    #[default]
    Waiting,
    Collecting,
    Done,
}

impl SummaryCollector {
    pub(crate) fn observe(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(*tag),
            Event::Text(text) | Event::Code(text) => self.text(text),
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            Event::Html(html) | Event::InlineHtml(html) if is_more_marker(html) => {
                self.marker_seen = true;
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: &Tag<'_>) {
        match tag {
            Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::FootnoteDefinition(_) | Tag::MetadataBlock(_) => {
                self.skipped_depth += 1
            }
            Tag::BlockQuote(_) | Tag::List(_) | Tag::Table(_) | Tag::DefinitionList => {
                self.container_depth += 1;
            }
            Tag::Paragraph
                if self.container_depth == 0
                    && self.skipped_depth == 0
                    && self.first_paragraph_state == ParagraphState::Waiting =>
            {
                self.first_paragraph_state = ParagraphState::Collecting;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::FootnoteDefinition
            | TagEnd::MetadataBlock(_) => self.skipped_depth = self.skipped_depth.saturating_sub(1),
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Table | TagEnd::DefinitionList => {
                self.container_depth = self.container_depth.saturating_sub(1);
            }
            TagEnd::Paragraph if self.first_paragraph_state == ParagraphState::Collecting => {
                self.first_paragraph_state = ParagraphState::Done;
            }
            _ => {}
        }
        // Text of separate blocks ("Item one" "Item two") must not run together.
        if is_block_end(tag) {
            self.text(" ");
        }
    }

    fn text(&mut self, text: &str) {
        if self.skipped_depth > 0 {
            return;
        }
        if !self.marker_seen {
            self.before_marker.push(text);
        }
        if self.first_paragraph_state == ParagraphState::Collecting {
            self.first_paragraph.push(text);
        }
    }

    pub(crate) fn finish(self) -> String {
        let text = if self.marker_seen && !self.before_marker.text.is_empty() {
            self.before_marker
        } else {
            self.first_paragraph
        };
        truncate_at_word(text.text, SUMMARY_MAX_CHARS)
    }
}

fn is_block_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

/// Text with runs of whitespace collapsed to one space and no leading or
/// trailing space, kept only up to one character past the summary length: the
/// rest of a long page is never needed.
#[derive(Default)]
struct CollapsedText {
    text: String,
    chars: usize,
    pending_space: bool,
}

impl CollapsedText {
    fn push(&mut self, text: &str) {
        if self.chars > SUMMARY_MAX_CHARS {
            return;
        }
        // Text already collapsed is copied whole, as far as the summary has room for it;
        // character by character from where it has not.
        let bytes = text.as_bytes();
        let mut rest = text;
        if super::reading_time::is_single_spaced(bytes) {
            let room = (SUMMARY_MAX_CHARS + 1).saturating_sub(self.chars + usize::from(self.pending_space));
            let mut end = text.len().min(room);
            if end > 0 && bytes[end - 1] == b' ' {
                end -= 1;
            }
            if end > 0 {
                if self.pending_space {
                    self.text.push(' ');
                    self.chars += 1;
                    self.pending_space = false;
                }
                self.text.push_str(&text[..end]);
                self.chars += end;
                rest = &text[end..];
            }
        }
        for c in rest.chars() {
            if self.chars > SUMMARY_MAX_CHARS {
                return;
            }
            if c.is_whitespace() {
                self.pending_space = !self.text.is_empty();
                continue;
            }
            if self.pending_space {
                self.text.push(' ');
                self.chars += 1;
                self.pending_space = false;
            }
            self.text.push(c);
            self.chars += 1;
        }
    }
}

/// Cuts `text` (already collapsed) to at most `max_chars` characters at a word
/// boundary and marks the cut with "…".
fn truncate_at_word(text: String, max_chars: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(max_chars) else {
        return text;
    };
    let kept = &text[..cut];
    let at_word_boundary = text[cut..].starts_with(' ');
    let kept = match kept.rfind(' ') {
        Some(space) if !at_word_boundary => &kept[..space],
        _ => kept,
    };
    let kept = kept.trim_end_matches([' ', ',', ';', ':', '-', '–', '—']);
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_marker_spellings() {
        let cases = [
            ("<!-- more -->", true),
            ("<!--more-->\n", true),
            ("  <!--   more   -->  ", true),
            ("<!-- more than this -->", false),
            ("<!-- MORE -->", false),
            ("<div>more</div>", false),
        ];
        for (html, expected) in cases {
            assert_eq!(is_more_marker(html), expected, "{html:?}");
        }
    }

    #[test]
    fn short_text_is_kept_whole() {
        assert_eq!(truncate_at_word("Short text.".to_owned(), 300), "Short text.");
    }

    #[test]
    fn long_text_is_cut_between_words() {
        let cases = [
            ("alpha beta gamma", 8, "alpha…"),
            ("alpha beta gamma", 10, "alpha beta…"),
            ("alpha beta, gamma", 11, "alpha beta…"),
            ("abcdefghij", 4, "abcd…"),
            ("ëëë ëëë ëëë", 6, "ëëë…"),
        ];
        for (text, max, expected) in cases {
            assert_eq!(truncate_at_word(text.to_owned(), max), expected, "{text:?}");
        }
    }

    #[test]
    fn collapsed_text_stops_after_the_summary_length() {
        let mut text = CollapsedText::default();
        text.push(&"word ".repeat(1000));
        assert_eq!(text.chars, SUMMARY_MAX_CHARS + 1);
    }

    #[test]
    fn collapsed_text_collapses_whitespace() {
        let mut text = CollapsedText::default();
        text.push("  one \n\t two  ");
        text.push(" three");
        assert_eq!(text.text, "one two three");
    }

    #[test]
    fn collapsed_text_is_the_same_however_its_text_is_cut() {
        // Each lead moves the summary's end to another place in the repeated text.
        for lead in 0..24 {
            let whole = "x".repeat(lead) + &"Words with one space, then  two,\nlines and a café. ".repeat(12);
            let mut by_char = CollapsedText::default();
            let mut buffer = [0; 4];
            for c in whole.chars() {
                by_char.push(c.encode_utf8(&mut buffer));
            }
            let chars: Vec<char> = whole.chars().collect();
            let fives: Vec<String> = chars.chunks(5).map(|five| five.iter().collect()).collect();
            let cuts: [Vec<&str>; 4] = [
                whole.split_inclusive(' ').collect(),
                whole.split_inclusive(',').collect(),
                fives.iter().map(String::as_str).collect(),
                vec![&whole],
            ];
            for pieces in cuts {
                let mut text = CollapsedText::default();
                for piece in pieces {
                    text.push(piece);
                }
                assert_eq!((&text.text, text.chars), (&by_char.text, by_char.chars));
            }
        }
    }
}
