//! Word count and reading time of a page body.

use pulldown_cmark::{Event, Tag, TagEnd};

/// A common estimate for reading prose on a screen.
const WORDS_PER_MINUTE: usize = 220;

/// Counts words across the text events of a page. A word is a run of
/// non-whitespace that holds at least one letter or digit, so `foo**bar**` is one
/// word and a lone `—` is none.
#[derive(Default)]
pub(crate) struct WordCounter {
    words: usize,
    current_word_counted: bool,
}

impl WordCounter {
    pub(crate) fn observe(&mut self, event: &Event<'_>) {
        match event {
            Event::Text(text) | Event::Code(text) => self.count(text),
            Event::SoftBreak | Event::HardBreak | Event::Rule => self.end_word(),
            // Block boundaries separate words; inline ones (emphasis, links) do not.
            Event::Start(tag) if !is_inline(tag) => self.end_word(),
            Event::End(tag) if ends_block(*tag) => self.end_word(),
            _ => {}
        }
    }

    fn count(&mut self, text: &str) {
        // Bytes for ASCII, which is most text; characters only where it is not.
        let mut rest = text;
        while let Some(&byte) = rest.as_bytes().first() {
            let (c, width) = if byte.is_ascii() {
                (byte as char, 1)
            } else {
                let c = rest.chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            };
            if c.is_whitespace() {
                self.end_word();
            } else if c.is_alphanumeric() && !self.current_word_counted {
                self.words += 1;
                self.current_word_counted = true;
            }
            rest = &rest[width..];
        }
    }

    fn end_word(&mut self) {
        self.current_word_counted = false;
    }

    pub(crate) fn words(&self) -> usize {
        self.words
    }
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

/// Whether text after this end belongs to another block (inline ends, as of emphasis, do not
/// separate words: `*un*done` is one word).
pub(super) fn ends_block(tag: TagEnd) -> bool {
    match tag {
        TagEnd::Paragraph
        | TagEnd::Heading(_)
        | TagEnd::BlockQuote(_)
        | TagEnd::CodeBlock
        | TagEnd::HtmlBlock
        | TagEnd::List(_)
        | TagEnd::Item
        | TagEnd::FootnoteDefinition
        | TagEnd::DefinitionList
        | TagEnd::DefinitionListTitle
        | TagEnd::DefinitionListDefinition
        | TagEnd::Table
        | TagEnd::TableHead
        | TagEnd::TableRow
        | TagEnd::TableCell
        | TagEnd::MetadataBlock(_) => true,
        TagEnd::Emphasis
        | TagEnd::Strong
        | TagEnd::Strikethrough
        | TagEnd::Superscript
        | TagEnd::Subscript
        | TagEnd::Link
        | TagEnd::Image => false,
    }
}

/// Minutes to read `words` words, rounded up; at least one.
pub(crate) fn reading_minutes(words: usize) -> u32 {
    let minutes = words.div_ceil(WORDS_PER_MINUTE).max(1);
    u32::try_from(minutes).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_minutes_round_up() {
        let cases = [(0, 1), (1, 1), (220, 1), (221, 2), (440, 2), (2200, 10)];
        for (words, minutes) in cases {
            assert_eq!(reading_minutes(words), minutes, "{words} words");
        }
    }

    #[test]
    fn words_are_runs_with_a_letter_or_digit() {
        let mut counter = WordCounter::default();
        for event in [
            Event::Text("one — two, ".into()),
            Event::Start(Tag::Strong),
            Event::Text("thr".into()),
            Event::End(TagEnd::Strong),
            Event::Text("ee 4".into()),
            Event::End(TagEnd::Paragraph),
            Event::Text("five".into()),
        ] {
            counter.observe(&event);
        }
        assert_eq!(counter.words(), 5);
    }
}
