//! The plain text of a page's first `# Heading`: the title of wiki pages that have no `title:`.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Parses only as far as the first level-1 heading and returns its text without markup.
pub fn first_heading(body: &str) -> Option<String> {
    let mut parser = Parser::new_ext(body, Options::ENABLE_HEADING_ATTRIBUTES);
    parser.find(|event| matches!(event, Event::Start(Tag::Heading { level: HeadingLevel::H1, .. })))?;
    let mut text = String::new();
    for event in parser {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    let text = text.trim().to_owned();
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::first_heading;

    #[test]
    fn the_first_h1_comes_back_as_plain_text() {
        let cases = [
            ("# The *first* heading\n", Some("The first heading")),
            ("```\n# not this\n```\n\n# Setup {#setup}\n", Some("Setup")),
            ("Intro\n\n## Only h2\n", None),
            ("# &lt;script&gt; and `code`\n", Some("<script> and code")),
            ("Title\n=====\n", Some("Title")),
        ];
        for (body, expected) in cases {
            assert_eq!(first_heading(body).as_deref(), expected, "{body}");
        }
    }
}
