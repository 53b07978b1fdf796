//! The plain text of a body per heading section, gathered in the one pass for the search index.

use pulldown_cmark::{Event, Tag, TagEnd};

/// One heading's stretch of a body as plain text: what the search index reads, so that it
/// never parses HTML.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextSection {
    /// The heading's id; empty for the text before the first heading.
    pub anchor: String,
    /// The heading's plain text; empty for the text before the first heading.
    pub heading: String,
    /// The section's text, code included, whitespace collapsed to single spaces.
    pub text: String,
}

/// Watches the events of one body (images excluded: their alt text is no prose) and cuts
/// its text at each heading. Heading text goes to the heading, not to the text. A collector
/// made with `enabled: false` (no search index to feed) keeps nothing.
pub(crate) struct SectionCollector {
    enabled: bool,
    sections: Vec<TextSection>,
    /// Inside a heading, whose text comes back with its id through `start_section`.
    heading_depth: u32,
    pending_space: bool,
}

impl SectionCollector {
    pub(crate) fn new(enabled: bool) -> SectionCollector {
        SectionCollector { enabled, sections: Vec::new(), heading_depth: 0, pending_space: false }
    }

    pub(crate) fn observe(&mut self, event: &Event<'_>) {
        if !self.enabled {
            return;
        }
        match event {
            Event::Start(Tag::Heading { .. }) => self.heading_depth += 1,
            Event::End(TagEnd::Heading(_)) => self.heading_depth = self.heading_depth.saturating_sub(1),
            Event::Text(text) | Event::Code(text) => self.push(text),
            Event::SoftBreak | Event::HardBreak => self.pending_space = true,
            // Text of separate blocks and cells must not run together.
            Event::End(tag) if super::reading_time::ends_block(*tag) => self.pending_space = true,
            _ => {}
        }
    }

    /// A heading was written with `anchor`: the text that follows is its section's.
    pub(crate) fn start_section(&mut self, anchor: &str, heading: &str) {
        if !self.enabled {
            return;
        }
        self.sections.push(TextSection {
            anchor: anchor.to_owned(),
            heading: heading.to_owned(),
            text: String::new(),
        });
        self.pending_space = false;
    }

    fn push(&mut self, text: &str) {
        if self.heading_depth > 0 {
            return;
        }
        if self.sections.is_empty() {
            self.sections.push(TextSection::default());
        }
        let Some(section) = self.sections.last_mut() else { return };
        let bytes = text.as_bytes();
        // Most text is already words with one space between them, often with a space at
        // either end where a link or emphasis begins or ends: it is copied whole.
        let inner = text.trim_matches(' ');
        if super::reading_time::is_single_spaced(inner.as_bytes()) {
            let space_before = self.pending_space || bytes.first() == Some(&b' ');
            push_word(&mut section.text, space_before, inner);
            self.pending_space = bytes.last() == Some(&b' ');
            return;
        }
        // A run of whitespace becomes one space before the next word; words are copied whole.
        // Bytes for ASCII, which is most text; characters only where it is not.
        let mut word_start = None;
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            let (space, width) = if byte.is_ascii() {
                (super::reading_time::is_ascii_space(byte), 1)
            } else {
                let c = text[at..].chars().next().unwrap_or(' ');
                (c.is_whitespace(), c.len_utf8())
            };
            if space {
                if let Some(start) = word_start.take() {
                    push_word(&mut section.text, self.pending_space, &text[start..at]);
                }
                self.pending_space = true;
            } else if word_start.is_none() {
                word_start = Some(at);
            }
            at += width;
        }
        if let Some(start) = word_start {
            push_word(&mut section.text, self.pending_space, &text[start..]);
            self.pending_space = false;
        }
    }

    /// The sections; a body with no text and no heading has none.
    pub(crate) fn finish(mut self) -> Vec<TextSection> {
        for section in &mut self.sections {
            section.text.shrink_to_fit();
        }
        self.sections.shrink_to_fit();
        self.sections
    }
}

/// Appends `word` to `text`, after a space when one is pending and `text` is not empty.
fn push_word(text: &mut String, pending_space: bool, word: &str) {
    if pending_space && !text.is_empty() {
        text.push(' ');
    }
    text.push_str(word);
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Event, TagEnd};

    use super::SectionCollector;

    #[test]
    fn whitespace_of_every_kind_collapses_to_one_space_between_whole_words() {
        let mut collector = SectionCollector::new(true);
        for event in [
            Event::Text(" \tcafé\u{a0}\u{a0}naïve\u{b}x ".into()),
            Event::Code("k.klant_id\u{3000}".into()),
            Event::Text("één".into()),
            Event::End(TagEnd::Paragraph),
            Event::Text("\r\nnext\u{2003}".into()),
        ] {
            collector.observe(&event);
        }
        let sections = collector.finish();
        assert_eq!(sections.len(), 1);
        assert_eq!(sections[0].text, "café naïve x k.klant_id één next");
    }

    #[test]
    fn text_already_single_spaced_joins_its_neighbours_as_any_other() {
        let mut collector = SectionCollector::new(true);
        for event in [
            Event::Text("Half a".into()),
            Event::Text("word, then".into()),
            Event::SoftBreak,
            Event::Text("a line".into()),
            Event::Text(" and  more ".into()),
            Event::Code("x".into()),
            Event::End(TagEnd::Paragraph),
            Event::Text("Last.".into()),
        ] {
            collector.observe(&event);
        }
        let sections = collector.finish();
        assert_eq!(sections[0].text, "Half aword, then a line and more x Last.");
    }

    /// The rule the collector follows, a character at a time: whitespace runs become one
    /// space between words, none at the start. What the proptest compares with.
    fn reference_text(texts: &[String]) -> String {
        texts.concat().split_whitespace().collect::<Vec<_>>().join(" ")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn text_collapses_as_the_plain_character_rule_collapses_it(
            texts in proptest::collection::vec("( |  |a|bc|D9|-|—|\\(|é|\t|\n|\u{a0}|\u{3000}|,){0,12}", 1..5)
        ) {
            let mut collector = SectionCollector::new(true);
            for text in &texts {
                collector.observe(&Event::Text(text.clone().into()));
            }
            let text = collector.finish().pop().map(|section| section.text).unwrap_or_default();
            proptest::prop_assert_eq!(text, reference_text(&texts), "{:?}", texts);
        }
    }
}
