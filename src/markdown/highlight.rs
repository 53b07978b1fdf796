//! Syntax highlighting of fenced code blocks with CSS classes, and the stylesheet for those classes.

use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;
use two_face::theme::EmbeddedThemeName;

use super::escape::push_escaped_html;

/// Every class syntect writes starts with `hl-`, so highlighting cannot clash
/// with a theme's own class names.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// High contrast on a white page, and on a dark one.
const LIGHT_THEME: EmbeddedThemeName = EmbeddedThemeName::InspiredGithub;
const DARK_THEME: EmbeddedThemeName = EmbeddedThemeName::OneHalfDark;

/// Highlights code blocks. Loading the syntax definitions takes a while, so make
/// one per build and share it (it is `Send + Sync`).
pub struct Highlighter {
    /// `None` for [`Highlighter::plain`]: code stays escaped plain text.
    syntaxes: Option<SyntaxSet>,
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

impl Highlighter {
    /// Loads bat's syntax collection (via two-face), which adds TypeScript, TOML,
    /// Dockerfile and many more to syntect's defaults.
    pub fn new() -> Highlighter {
        Highlighter { syntaxes: Some(two_face::syntax::extra_newlines()) }
    }

    /// A highlighter that leaves code plain, for work that never shows the HTML
    /// (`kennis check` needs links and headings, not colours).
    pub fn plain() -> Highlighter {
        Highlighter { syntaxes: None }
    }

    /// CSS for the `hl-` classes: a light theme, and a dark one inside
    /// `@media (prefers-color-scheme: dark)`. The `.hl-code` rule sets the
    /// background and text colour of every `<pre class="code hl-code">`.
    pub fn stylesheet(&self) -> String {
        let themes = two_face::theme::extra();
        // Generating CSS only fails when writing to a String fails, which it cannot.
        let light = css_for_theme_with_class_style(themes.get(LIGHT_THEME), CLASS_STYLE).unwrap_or_default();
        let dark = css_for_theme_with_class_style(themes.get(DARK_THEME), CLASS_STYLE).unwrap_or_default();
        // Each theme in its own media query: a rule only the light theme has (a dark grey
        // for command-line flags, say) must not leak onto the dark background. Comments
        // get colours with at least 4.5:1 contrast (WCAG AA) on each theme's background.
        format!(
            "@media not all and (prefers-color-scheme: dark) {{\n{light}.hl-comment {{ color: #5f6670; }}\n}}\n\
             @media (prefers-color-scheme: dark) {{\n{dark}.hl-comment {{ color: #a0a7b4; }}\n}}\n"
        )
    }

    /// The HTML of one code block. `info` is the fence's info string (`None` for
    /// an indented block). A language syntect does not know, or a grammar that
    /// fails on this input, gives escaped plain code: never an error.
    pub(crate) fn code_block_html(&self, info: Option<&str>, code: &str) -> String {
        let mut html = String::with_capacity(code.len() * 2 + 80);
        let Some(language) = info.and_then(fence_language) else {
            html.push_str("<pre class=\"code hl-code\"><code>");
            push_escaped_html(&mut html, code);
            html.push_str("</code></pre>\n");
            return html;
        };
        html.push_str("<pre class=\"code hl-code\" data-lang=\"");
        push_escaped_html(&mut html, language);
        html.push_str("\"><code class=\"language-");
        push_escaped_html(&mut html, language);
        html.push_str("\">");
        let highlighted = self.find_syntax(language).and_then(|syntax| self.highlight(syntax, code));
        match highlighted {
            Some(spans) => html.push_str(&spans),
            None => push_escaped_html(&mut html, code),
        }
        html.push_str("</code></pre>\n");
        html
    }

    fn find_syntax(&self, language: &str) -> Option<&SyntaxReference> {
        let lowercase = language.to_ascii_lowercase();
        self.syntaxes.as_ref()?.find_syntax_by_token(syntax_token_for(&lowercase))
    }

    fn highlight(&self, syntax: &SyntaxReference, code: &str) -> Option<String> {
        // The newline variant of the grammars expects every line to end in '\n';
        // an unclosed fence at the end of a file may lack the last one.
        let with_final_newline;
        let code = if code.ends_with('\n') {
            code
        } else {
            with_final_newline = format!("{code}\n");
            &with_final_newline
        };
        let syntaxes = self.syntaxes.as_ref()?;
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator.parse_html_for_line_which_includes_newline(line).ok()?;
        }
        Some(generator.finalize())
    }
}

/// The language of a fence's info string: its first word, so that `rust,ignore`
/// and `python title="x"` both name a language.
fn fence_language(info: &str) -> Option<&str> {
    info.trim_start()
        .split(|c: char| c.is_whitespace() || c == ',')
        .next()
        .filter(|language| !language.is_empty())
}

/// Names writers use for a language that syntect knows under another token.
/// Anything not listed goes to syntect as is (it matches file extensions and
/// syntax names, case-insensitively).
fn syntax_token_for(language: &str) -> &str {
    match language {
        "javascript" | "jsx" | "mjs" | "cjs" | "node" => "js",
        "typescript" => "ts",
        "shell" | "console" | "shellsession" | "shell-session" | "terminal" | "sh" | "zsh" => "bash",
        "yml" => "yaml",
        "python3" | "py3" => "py",
        "rs" => "rust",
        "docker" | "containerfile" => "dockerfile",
        "golang" => "go",
        "c++" | "cxx" => "cpp",
        "csharp" | "c#" => "cs",
        "jsonc" | "json5" => "json",
        "text" | "plain" | "plaintext" => "txt",
        "hcl" | "terraform" => "tf",
        "dotenv" | "env" => ".env",
        "objc" | "objective-c" => "m",
        "kotlin" => "kt",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::shared_highlighter;
    use super::*;

    #[test]
    fn common_languages_and_aliases_are_highlighted() {
        let cases = [
            ("rust", "fn main() { let x = 1; }\n"),
            ("rs", "fn main() {}\n"),
            ("typescript", "const x: number = 1;\n"),
            ("ts", "interface A { b: string }\n"),
            ("toml", "[package]\nname = \"kennis\"\n"),
            ("dockerfile", "FROM rust:1.95\nRUN cargo build\n"),
            ("Dockerfile", "FROM alpine\n"),
            ("python", "def f(x):\n    return x\n"),
            ("py", "import os\n"),
            ("js", "const a = () => 1;\n"),
            ("sh", "echo \"$HOME\"\n"),
            ("shell", "ls -la | grep x\n"),
            ("console", "cargo test\n"),
            ("yml", "key: value\n"),
            ("golang", "package main\n"),
            ("c++", "int main() { return 0; }\n"),
            ("json", "{\"a\": 1}\n"),
        ];
        for (language, code) in cases {
            let html = shared_highlighter().code_block_html(Some(language), code);
            assert!(html.contains("<span class=\"hl-"), "{language} was not highlighted: {html}");
        }
    }

    #[test]
    fn unknown_language_is_escaped_plain_code() {
        let html =
            shared_highlighter().code_block_html(Some("no-such-language"), "<script>alert(1)</script>\n");
        assert_eq!(
            html,
            "<pre class=\"code hl-code\" data-lang=\"no-such-language\"><code class=\"language-no-such-language\">\
             &lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n"
        );
    }

    #[test]
    fn missing_language_is_escaped_plain_code() {
        let html = shared_highlighter().code_block_html(None, "a < b && c\n");
        assert_eq!(html, "<pre class=\"code hl-code\"><code>a &lt; b &amp;&amp; c\n</code></pre>\n");
    }

    #[test]
    fn hostile_language_name_is_escaped() {
        let html = shared_highlighter().code_block_html(Some("\"><script>"), "x\n");
        assert!(!html.contains("<script>"), "{html}");
    }

    #[test]
    fn fence_language_is_the_first_word() {
        let cases = [
            ("rust", Some("rust")),
            ("rust,ignore", Some("rust")),
            ("python title=\"x.py\"", Some("python")),
            ("", None),
            (" rust", Some("rust")),
            (",ignore", None),
        ];
        for (info, expected) in cases {
            assert_eq!(fence_language(info), expected, "info {info:?}");
        }
    }

    #[test]
    fn code_without_final_newline_is_highlighted_completely() {
        let html = shared_highlighter().code_block_html(Some("rust"), "let a = 1;");
        assert!(html.contains("hl-keyword"), "{html}");
        assert!(html.contains("1"), "{html}");
    }

    #[test]
    fn stylesheet_has_light_and_dark_themes() {
        let css = shared_highlighter().stylesheet();
        let media = css.find("@media (prefers-color-scheme: dark) {").expect("dark theme block");
        assert!(css[..media].contains(".hl-code {"), "light rules first");
        assert!(css[media..].contains(".hl-code {"), "dark rules inside");
        assert!(css.trim_end().ends_with('}'));
    }

    #[test]
    fn highlighter_is_shareable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Highlighter>();
    }
}
