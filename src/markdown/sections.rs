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
        // A run of whitespace becomes one space before the next word; words are copied whole.
        let mut rest = text;
        while !rest.is_empty() {
            let word = rest.find(|c: char| !c.is_whitespace()).unwrap_or(rest.len());
            if word > 0 {
                self.pending_space = true;
                rest = &rest[word..];
                if rest.is_empty() {
                    return;
                }
            }
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            if self.pending_space && !section.text.is_empty() {
                section.text.push(' ');
            }
            self.pending_space = false;
            section.text.push_str(&rest[..end]);
            rest = &rest[end..];
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
