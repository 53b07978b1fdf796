//! GitHub-style alerts (`> [!NOTE]` … `> [!CAUTION]`) rendered as titled boxes, titles in the site's language.

use pulldown_cmark::BlockQuoteKind;

use super::escape::push_escaped_html;

/// Closes the `<div>` opened by [`AlertTitles::opening_html`].
pub(crate) const ALERT_CLOSING_HTML: &str = "</div>\n";

/// The titles shown on alerts, in the order note, tip, important, warning, caution.
#[derive(Clone, Debug)]
pub struct AlertTitles {
    openings: [String; 5],
}

impl AlertTitles {
    /// From the five titles as shown (`Note`, `Tip`, `Important`, `Warning`, `Caution`).
    pub fn new(titles: [&str; 5]) -> AlertTitles {
        const CLASSES: [&str; 5] = ["note", "tip", "important", "warning", "caution"];
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
