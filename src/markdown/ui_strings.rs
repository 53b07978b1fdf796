//! The words kennis itself writes into a body (alert titles, the labels of heading and footnote links), in the site's language.

use super::alerts::AlertTitles;
use super::escape::push_escaped_html;

/// Every UI text the Markdown stage writes, handed in by the caller (the theme's
/// `strings.yaml`), so that a body on an `nl` site says nothing in English.
#[derive(Clone, Debug)]
pub struct BodyStrings {
    pub alert_titles: AlertTitles,
    /// `aria-label` of the `#` link after h2–h4, escaped for an attribute.
    heading_anchor_label: String,
    /// `aria-label` of a footnote's link back to its reference, escaped, `{n}` standing
    /// for the footnote's number.
    footnote_back_label: String,
}

impl BodyStrings {
    /// From the texts as shown; `footnote_back_label` may hold `{n}`, the footnote's number.
    pub fn new(
        alert_titles: AlertTitles,
        heading_anchor_label: &str,
        footnote_back_label: &str,
    ) -> BodyStrings {
        let escaped = |text: &str| {
            let mut out = String::new();
            push_escaped_html(&mut out, text);
            out
        };
        BodyStrings {
            alert_titles,
            heading_anchor_label: escaped(heading_anchor_label),
            footnote_back_label: escaped(footnote_back_label),
        }
    }

    pub(crate) fn heading_anchor_label(&self) -> &str {
        &self.heading_anchor_label
    }

    pub(crate) fn footnote_back_label(&self, number: usize) -> String {
        self.footnote_back_label.replace("{n}", &number.to_string())
    }
}

/// English, as the theme's `en` strings say.
impl Default for BodyStrings {
    fn default() -> Self {
        BodyStrings::new(AlertTitles::default(), "Link to this section", "Back to reference {n}")
    }
}
