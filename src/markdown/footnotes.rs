//! Footnotes the way GitHub shows them: numbered in order of first reference, listed at the end of the page with links back.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, TagEnd};

use super::ui_strings::BodyStrings;

/// Footnote definitions are moved out of the body to a list at its end, so
/// their events are kept here until the body is written.
#[derive(Default)]
pub(crate) struct Footnotes<'a> {
    /// Normalised label → number, in order of first reference.
    numbers: HashMap<String, usize>,
    /// How often each number has been referenced so far (index = number - 1).
    reference_counts: Vec<usize>,
    /// Normalised label → the definition's events; the first definition wins.
    definitions: HashMap<String, Vec<Event<'a>>>,
    open_definition: Option<(String, Vec<Event<'a>>)>,
}

/// Ids that footnotes may use, reserved so that no heading gets them.
pub(crate) fn footnote_ids(definition_count: usize) -> impl Iterator<Item = String> {
    (1..=definition_count).flat_map(|number| [format!("fn-{number}"), format!("fnref-{number}")])
}

/// GFM matches footnote labels case-insensitively, ignoring runs of whitespace.
fn normalise_label(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

impl<'a> Footnotes<'a> {
    /// The superscript link for a reference to `label`.
    pub(crate) fn reference_html(&mut self, label: &str) -> String {
        let next_number = self.numbers.len() + 1;
        let number = *self.numbers.entry(normalise_label(label)).or_insert(next_number);
        if self.reference_counts.len() < number {
            self.reference_counts.resize(number, 0);
        }
        self.reference_counts[number - 1] += 1;
        let repeat = self.reference_counts[number - 1];
        // Only the first reference gets the plain id, which the back link targets.
        let id = if repeat == 1 { format!("fnref-{number}") } else { format!("fnref-{number}-{repeat}") };
        format!("<sup class=\"footnote-ref\"><a href=\"#fn-{number}\" id=\"{id}\">{number}</a></sup>")
    }

    pub(crate) fn start_definition(&mut self, label: &str) {
        self.open_definition = Some((normalise_label(label), Vec::new()));
    }

    pub(crate) fn end_definition(&mut self) {
        if let Some((label, events)) = self.open_definition.take() {
            self.definitions.entry(label).or_insert(events);
        }
    }

    /// Where events go while a definition is open.
    pub(crate) fn open_definition_events(&mut self) -> Option<&mut Vec<Event<'a>>> {
        self.open_definition.as_mut().map(|(_, events)| events)
    }

    /// Appends `<section class="footnotes">` with every referenced definition in
    /// number order. Definitions nobody refers to are left out, as on GitHub.
    pub(crate) fn push_section_html(mut self, html: &mut String, strings: &BodyStrings) {
        let mut numbered: Vec<(usize, Vec<Event<'a>>)> = self
            .numbers
            .iter()
            .filter_map(|(label, number)| Some((*number, self.definitions.remove(label)?)))
            .collect();
        if numbered.is_empty() {
            return;
        }
        numbered.sort_by_key(|(number, _)| *number);
        html.push_str("<section class=\"footnotes\" role=\"doc-endnotes\">\n<ol>\n");
        for (number, events) in numbered {
            // `value` keeps the list number right even if a number has no definition.
            html.push_str(&format!("<li id=\"fn-{number}\" value=\"{number}\">\n"));
            let events = with_back_link(events, number, &strings.footnote_back_label(number));
            pulldown_cmark::html::push_html(html, events.into_iter());
            html.push_str("</li>\n");
        }
        html.push_str("</ol>\n</section>\n");
    }
}

/// Puts the "back to the text" link inside the definition's last paragraph when
/// it ends with one, so it does not sit alone on a line. `label` is escaped.
fn with_back_link<'a>(mut events: Vec<Event<'a>>, number: usize, label: &str) -> Vec<Event<'a>> {
    let back_link = Event::Html(CowStr::from(format!(
        " <a href=\"#fnref-{number}\" class=\"footnote-backref\" aria-label=\"{label}\">↩</a>"
    )));
    if matches!(events.last(), Some(Event::End(TagEnd::Paragraph))) {
        let last = events.len() - 1;
        events.insert(last, back_link);
    } else {
        events.push(back_link);
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_numbered_in_order_of_first_use() {
        let mut footnotes = Footnotes::default();
        let html: Vec<String> = ["b", "a", "B"].iter().map(|label| footnotes.reference_html(label)).collect();
        assert_eq!(
            html,
            [
                "<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>",
                "<sup class=\"footnote-ref\"><a href=\"#fn-2\" id=\"fnref-2\">2</a></sup>",
                "<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1-2\">1</a></sup>",
            ]
        );
    }

    #[test]
    fn unreferenced_definitions_are_left_out() {
        let mut footnotes = Footnotes::default();
        footnotes.start_definition("unused");
        footnotes.open_definition_events().expect("open").push(Event::Text("never shown".into()));
        footnotes.end_definition();
        let mut html = String::new();
        footnotes.push_section_html(&mut html, &BodyStrings::default());
        assert_eq!(html, "");
    }
}
