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
        let css = |name| {
            let theme = themes.get(name);
            // Generating CSS only fails when writing to a String fails, which it cannot.
            let css = css_for_theme_with_class_style(theme, CLASS_STYLE).unwrap_or_default();
            match theme.settings.background {
                Some(background) => readable_on(&css, [background.r, background.g, background.b]),
                None => css,
            }
        };
        let light = css(LIGHT_THEME);
        let dark = css(DARK_THEME);
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
        Some(without_repeated_classes(generator.finalize()))
    }
}

/// The start tag syntect opens every highlighted span with.
const SPAN_START: &str = "<span class=\"";

/// Highlighted HTML with each class once per span. syntect writes one class per part of a
/// scope's name, and some grammars repeat a part (Ruby's `string.quoted.other.literal.other.ruby`
/// gives `hl-other` twice), which HTML validators report. The code itself is escaped, so
/// every `<span class="` is one syntect wrote.
fn without_repeated_classes(html: String) -> String {
    let repeats = |classes: &str| {
        let classes: Vec<&str> = classes.split(' ').collect();
        classes.iter().enumerate().any(|(i, class)| classes[..i].contains(class))
    };
    let class_lists = || html.split(SPAN_START).skip(1).map(|rest| rest.split('"').next().unwrap_or(""));
    if !class_lists().any(repeats) {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find(SPAN_START) {
        let start = at + SPAN_START.len();
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find('"').unwrap_or(rest.len());
        let mut once: Vec<&str> = Vec::new();
        for class in rest[..end].split(' ') {
            if !once.contains(&class) {
                once.push(class);
            }
        }
        out.push_str(&once.join(" "));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The contrast WCAG AA asks of body text, with a little room for rounding.
const READABLE_CONTRAST: f64 = 4.6;

/// A theme's CSS with every text colour that has less than 4.5:1 contrast (WCAG AA) on the
/// theme's `background` moved toward black on a light background or white on a dark one,
/// just far enough. Rules with a background of their own (deleted lines, say) are left as
/// they are: their colour goes with that background.
fn readable_on(css: &str, background: [u8; 3]) -> String {
    let mut out = String::with_capacity(css.len());
    for rule in css.split_inclusive('}') {
        if rule.contains("background-color:") {
            out.push_str(rule);
            continue;
        }
        let mut rest = rule;
        while let Some(at) = rest.find("color: #") {
            let start = at + "color: #".len();
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let Some(colour) = rest.get(..6).and_then(parse_hex) else { continue };
            let readable = with_contrast(colour, background);
            out.push_str(&format!("{:02x}{:02x}{:02x}", readable[0], readable[1], readable[2]));
            rest = &rest[6..];
        }
        out.push_str(rest);
    }
    out
}

fn parse_hex(hex: &str) -> Option<[u8; 3]> {
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// `colour`, or the first mix of it with black or white (whichever is further from
/// `background`) in steps of 2% that reads on `background`.
fn with_contrast(colour: [u8; 3], background: [u8; 3]) -> [u8; 3] {
    let target = if luminance(background) > 0.5 { 0.0 } else { 255.0 };
    (0..=50)
        .map(|step| {
            let t = f64::from(step) / 50.0;
            colour.map(|c| (f64::from(c) + (target - f64::from(c)) * t).round() as u8)
        })
        .find(|mixed| contrast(*mixed, background) >= READABLE_CONTRAST)
        .unwrap_or(colour)
}

/// WCAG's relative luminance of an sRGB colour.
fn luminance(colour: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * linear(colour[0]) + 0.7152 * linear(colour[1]) + 0.0722 * linear(colour[2])
}

fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
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
    fn every_highlight_colour_reads_on_its_themes_background() {
        // InspiredGitHub's green (#63a35c, 3.0:1 on white) and OneHalfDark's red (#e06c75,
        // 4.4:1 on #282c34) are below WCAG AA as the themes ship them.
        let css = shared_highlighter().stylesheet();
        let media = css.find("@media (prefers-color-scheme: dark) {").expect("dark theme block");
        for (part, background) in [(&css[..media], [255, 255, 255]), (&css[media..], [0x28, 0x2c, 0x34])] {
            for rule in part.split_inclusive('}').filter(|rule| !rule.contains("background-color:")) {
                for (at, _) in rule.match_indices("color: #") {
                    let hex = &rule[at + 8..at + 14];
                    let colour = parse_hex(hex).expect("a hex colour");
                    let ratio = contrast(colour, background);
                    assert!(ratio >= 4.5, "#{hex} has {ratio:.2}:1 contrast in {rule}");
                }
            }
        }
        assert!(
            !css.contains("\n color: #63a35c") && !css.contains("\n color: #e06c75"),
            "faint colours are replaced"
        );
        assert_eq!(with_contrast([0x18, 0x36, 0x91], [255, 255, 255]), [0x18, 0x36, 0x91], "dark blue stays");
    }

    #[test]
    fn a_span_names_each_class_once() {
        // ERB in a Ruby block, as SupeRails has: Ruby's grammar reads `%>` as a %-literal.
        let html = shared_highlighter().code_block_html(Some("ruby"), "<%= f.label :name %>\n");
        assert!(html.contains("hl-other"), "{html}");
        for span in html.split(SPAN_START).skip(1) {
            let classes: Vec<&str> = span.split('"').next().unwrap_or("").split(' ').collect();
            let once: std::collections::HashSet<&str> = classes.iter().copied().collect();
            assert_eq!(once.len(), classes.len(), "a class twice in {classes:?}");
        }
        assert_eq!(
            without_repeated_classes("<span class=\"a b a\">&lt;span class=\"</span>".to_owned()),
            "<span class=\"a b\">&lt;span class=\"</span>"
        );
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
