//! HTML escaping for the few pieces of markup this module writes by hand.

/// Appends `text` to `out` with the characters that matter in HTML text and in
/// double- or single-quoted attributes replaced by entities.
pub(crate) fn push_escaped_html(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        let mut out = String::new();
        push_escaped_html(&mut out, r#"<a href="x">Tom & 'Jerry'</a>"#);
        assert_eq!(out, "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
    }
}
