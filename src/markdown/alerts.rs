//! GitHub-style alerts (`> [!NOTE]` … `> [!CAUTION]`) rendered as titled boxes.

use pulldown_cmark::BlockQuoteKind;

/// Closes the `<div>` opened by [`alert_opening_html`].
pub(crate) const ALERT_CLOSING_HTML: &str = "</div>\n";

/// The opening markup of an alert. Static strings, so rendering an alert allocates
/// nothing. `role="note"` for every kind: `role="alert"` would make screen readers
/// interrupt the reader when the page loads.
pub(crate) fn alert_opening_html(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => {
            "<div class=\"alert alert-note\" role=\"note\">\n<p class=\"alert-title\">Note</p>\n"
        }
        BlockQuoteKind::Tip => {
            "<div class=\"alert alert-tip\" role=\"note\">\n<p class=\"alert-title\">Tip</p>\n"
        }
        BlockQuoteKind::Important => {
            "<div class=\"alert alert-important\" role=\"note\">\n<p class=\"alert-title\">Important</p>\n"
        }
        BlockQuoteKind::Warning => {
            "<div class=\"alert alert-warning\" role=\"note\">\n<p class=\"alert-title\">Warning</p>\n"
        }
        BlockQuoteKind::Caution => {
            "<div class=\"alert alert-caution\" role=\"note\">\n<p class=\"alert-title\">Caution</p>\n"
        }
    }
}
