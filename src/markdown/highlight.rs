//! Syntax highlighting of fenced code blocks with CSS classes, and the stylesheet for those classes.

use std::cell::RefCell;

use rustc_hash::FxHashMap;
use syntect::html::{ClassStyle, css_for_theme_with_class_style};
use syntect::parsing::{BasicScopeStackOp, ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;
use two_face::theme::EmbeddedThemeName;

use super::escape::push_escaped_html;

/// Every highlighting class starts with `hl-`, so highlighting cannot clash with a
/// theme's own class names.
const CLASS_PREFIX: &str = "hl-";
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: CLASS_PREFIX };

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
        let highlighted =
            self.find_syntax(language).and_then(|syntax| self.highlight(syntax, code, &mut html));
        if highlighted.is_none() {
            push_escaped_html(&mut html, code);
        }
        html.push_str("</code></pre>\n");
        html
    }

    fn find_syntax(&self, language: &str) -> Option<&SyntaxReference> {
        let lowercase = language.to_ascii_lowercase();
        self.syntaxes.as_ref()?.find_syntax_by_token(syntax_token_for(&lowercase))
    }

    /// Appends the highlighted HTML of `code` to `html`, or leaves `html` as it was and
    /// returns `None` when the grammar fails on it.
    ///
    /// This writes what syntect's `ClassedHTMLGenerator` writes, byte for byte, with each
    /// span's classes once (see [`class_list`]), but cheaper: everything goes straight into
    /// `html` (no string per line, no `fmt` escaping), and the classes of each scope come
    /// from a cache kept for the thread instead of the global scope repository, whose lock
    /// syntect takes for every token.
    fn highlight(&self, syntax: &SyntaxReference, code: &str, html: &mut String) -> Option<()> {
        let syntaxes = self.syntaxes.as_ref()?;
        // The newline variant of the grammars expects every line to end in '\n';
        // an unclosed fence at the end of a file may lack the last one.
        let with_final_newline;
        let code = if code.ends_with('\n') {
            code
        } else {
            with_final_newline = format!("{code}\n");
            &with_final_newline
        };
        let start = html.len();
        // Highlighted HTML is about 15 times the code's length (the example site's 40 blocks:
        // 11 KB of code, 164 KB of HTML): reserve it at once rather than grow and copy.
        html.reserve(code.len() * 16);
        let written = CLASS_LISTS.with_borrow_mut(|class_lists| {
            let mut parser = ParseState::new(syntax);
            let mut scopes = ScopeStack::new();
            let mut open_spans: isize = 0;
            for line in LinesWithEndings::from(code) {
                let ops = parser.parse_line(line, syntaxes).ok()?;
                // As syntect's `line_tokens_to_classed_spans`: a span that would be empty
                // (pushed and popped at the same place in this line) is not written.
                let mut written_up_to = 0;
                let mut span_empty = false;
                let mut span_start = 0;
                for (at, op) in &ops {
                    if *at > written_up_to {
                        span_empty = false;
                        push_escaped_code(html, &line[written_up_to..*at]);
                        written_up_to = *at;
                    }
                    let applied = scopes.apply_with_hook(op, |op, _| match op {
                        BasicScopeStackOp::Push(scope) => {
                            span_start = html.len();
                            span_empty = true;
                            html.push_str(SPAN_START);
                            html.push_str(class_lists.entry(scope).or_insert_with(|| class_list(scope)));
                            html.push_str("\">");
                            open_spans += 1;
                        }
                        BasicScopeStackOp::Pop => {
                            if span_empty {
                                html.truncate(span_start);
                            } else {
                                html.push_str("</span>");
                            }
                            open_spans -= 1;
                            span_empty = false;
                        }
                    });
                    applied.ok()?;
                }
                push_escaped_code(html, &line[written_up_to..]);
            }
            for _ in 0..open_spans {
                html.push_str("</span>");
            }
            Some(())
        });
        if written.is_none() {
            html.truncate(start);
        }
        written
    }
}

/// The start tag every highlighted span opens with.
const SPAN_START: &str = "<span class=\"";

thread_local! {
    /// The class list of each scope met on this thread (see [`class_list`]). A scope names
    /// the same atoms for the whole process, so the lists hold for every `Highlighter`;
    /// there are a few hundred of them in a build.
    static CLASS_LISTS: RefCell<FxHashMap<Scope, Box<str>>> =
        RefCell::default();
}

/// The classes of a span for `scope`: `hl-` and each part of the scope's name, as syntect's
/// `ClassStyle::SpacedPrefixed` writes them, but each class once. Some grammars repeat a
/// part (Ruby's `string.quoted.other.literal.other.ruby` gives `hl-other` twice), which
/// HTML validators report.
fn class_list(scope: Scope) -> Box<str> {
    if scope.is_empty() {
        return Box::default();
    }
    // A scope's name is its atoms joined by dots, and an atom has no dot.
    let classes: Vec<String> =
        scope.build_string().split('.').map(|atom| format!("{CLASS_PREFIX}{atom}")).collect();
    without_repeated_classes(&classes.join(" ")).into_boxed_str()
}

/// `classes`, as written into `class="…"`, with each space-separated class once. The
/// attribute ends at the first `"`, so nothing after one is touched.
fn without_repeated_classes(classes: &str) -> String {
    let (list, rest) = classes.split_at(classes.find('"').unwrap_or(classes.len()));
    let mut once: Vec<&str> = Vec::new();
    for class in list.split(' ') {
        if !once.contains(&class) {
            once.push(class);
        }
    }
    once.join(" ") + rest
}

/// Appends `code` with `&`, `<`, `>`, `"` and `'` replaced by entities, as syntect's
/// `Escape` (and [`push_escaped_html`]) do, copying the runs between them whole.
fn push_escaped_code(out: &mut String, code: &str) {
    let mut copied = 0;
    for (at, byte) in code.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&code[copied..at]);
        out.push_str(entity);
        copied = at + 1;
    }
    out.push_str(&code[copied..]);
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
    use syntect::html::ClassedHTMLGenerator;

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
        assert_eq!(without_repeated_classes("hl-a hl-b hl-a"), "hl-a hl-b");
        assert_eq!(without_repeated_classes("a b a\" b b"), "a b\" b b", "the attribute ends at a quote");
    }

    /// What highlighting wrote before it wrote spans itself: syntect's `ClassedHTMLGenerator`,
    /// then each span's classes once.
    fn reference_html(language: &str, code: &str) -> Option<String> {
        let highlighter = shared_highlighter();
        let syntax = highlighter.find_syntax(language)?;
        let code = if code.ends_with('\n') { code.to_owned() } else { format!("{code}\n") };
        let syntaxes = highlighter.syntaxes.as_ref()?;
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(&code) {
            generator.parse_html_for_line_which_includes_newline(line).ok()?;
        }
        let html = generator.finalize();
        let mut out = String::with_capacity(html.len());
        let mut rest = html.as_str();
        while let Some(at) = rest.find(SPAN_START) {
            let start = at + SPAN_START.len();
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let end = rest.find('"').unwrap_or(rest.len());
            out.push_str(&without_repeated_classes(&rest[..end]));
            rest = &rest[end..];
        }
        out.push_str(rest);
        Some(out)
    }

    /// The spans inside `<code …>` of a highlighted block, or `None` when it is plain.
    fn spans_of(language: &str, code: &str) -> Option<String> {
        let html = shared_highlighter().code_block_html(Some(language), code);
        let inner = html.split_once("\">").map_or("", |(_, rest)| rest);
        let inner = inner.split_once("\">").map_or("", |(_, rest)| rest);
        let inner = inner.strip_suffix("</code></pre>\n").unwrap_or(inner);
        inner.contains(SPAN_START).then(|| inner.to_owned())
    }

    fn assert_same_as_syntect(language: &str, code: &str) {
        let expected = reference_html(language, code).expect("syntect highlights it");
        assert!(expected.contains(SPAN_START), "{language}: syntect wrote no span for {code:?}");
        assert_eq!(spans_of(language, code).as_deref(), Some(expected.as_str()), "{language}: {code:?}");
    }

    /// The code blocks of `bench/gen_corpus.py`, one per language the benchmarks use.
    const CORPUS_BLOCKS: [(&str, &str); 10] = [
        (
            "rust",
            "fn main() {\n    let xs: Vec<u32> = (0..12).filter(|x| x % 3 == 0).collect();\n    \
             println!(\"{:?} items\", xs.len());\n}\n",
        ),
        (
            "python",
            "def score(rows):\n    \"\"\"Average of the 5 latest rows.\"\"\"\n    \
             recent = sorted(rows, key=lambda r: r[\"date\"])[-5:]\n    \
             return sum(r[\"value\"] for r in recent) / max(len(recent), 1)\n",
        ),
        (
            "javascript",
            "export async function load(url) {\n  const res = await fetch(url + \"?limit=7\");\n  \
             if (!res.ok) throw new Error(`HTTP ${res.status}`);\n  \
             return (await res.json()).items.map((x) => x.id);\n}\n",
        ),
        (
            "typescript",
            "interface Member { id: string; joined: Date }\n\
             export function active(ms: Member[], days = 42): Member[] {\n  \
             const cut = Date.now() - days * 864e5;\n  return ms.filter((m) => m.joined.getTime() > cut);\n}\n",
        ),
        (
            "yaml",
            "community: data-science\ngoal: \"dashboards for everyone\"\nmembers:\n  - id: an-peeters\n    \
             since: 2025-03-01\nlimit: 9\n",
        ),
        (
            "bash",
            "set -euo pipefail\nfor f in content/posts/*.md; do\n  \
             grep -q \"^draft: true\" \"$f\" && echo \"draft: $f\"\ndone | head -n 4\n",
        ),
        (
            "sql",
            "SELECT author, COUNT(*) AS answers\nFROM answers a JOIN questions q ON q.id = a.question_id\n\
             WHERE q.created_at > NOW() - INTERVAL '30 days'\nGROUP BY author ORDER BY answers DESC;\n",
        ),
        (
            "toml",
            "[package]\nname = \"demo\"\nversion = \"0.3.0\"\n\n[dependencies]\n\
             serde = { version = \"1\", features = [\"derive\"] }\n",
        ),
        (
            "dockerfile",
            "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends git\n\
             COPY site/ /srv/site\nEXPOSE 8080\nCMD [\"sh\", \"-c\", \"echo 3\"]\n",
        ),
        (
            "go",
            "func Count(xs []int) (n int) {\n\tfor _, x := range xs {\n\t\tif x > 3 {\n\t\t\tn++\n\t\t}\n\t}\n\
             \treturn n\n}\n",
        ),
    ];

    #[test]
    fn spans_are_syntects_for_every_benchmark_language() {
        for (language, code) in CORPUS_BLOCKS {
            assert_same_as_syntect(language, code);
            // The same block again: the class lists now come from the cache.
            assert_same_as_syntect(language, code);
        }
    }

    #[test]
    fn spans_are_syntects_on_tricky_code() {
        let cases = [
            // Markup and quotes in code, in strings and comments.
            ("rust", "// a < b && c > d\nlet s = \"<b>'&amp;'</b>\";\n"),
            ("html", "<a href=\"x?a=1&b=2\" title='t'>&lt;</a>\n"),
            // Scopes nested several deep: string interpolation in a template literal in a call.
            ("javascript", "f(`a ${g(`b ${h(\"c\")}`)} d`);\n"),
            ("bash", "echo \"$(ls \"$(pwd)/${x:-y}\")\"\n"),
            // Unclosed strings and comments: spans left open at the end are closed.
            ("python", "s = \"\"\"never closed\nstill in it\n"),
            ("rust", "/* open comment\nlet x = \"unclosed;\n"),
            ("typescript", "const a = 'unclosed\nconst b: number = 1;\n"),
            // CRLF line endings, and a last line without a newline.
            ("toml", "[a]\r\nb = \"c\"\r\n"),
            ("yaml", "a: 1\r\nb: [x, y]"),
            ("go", "package main"),
            ("sql", "SELECT 1;\r\n-- done"),
            // Empty lines, lines of spaces, and code that is only a newline.
            ("dockerfile", "FROM alpine\n\n   \nRUN true\n"),
            ("rust", "\n"),
            // A grammar that clears scopes (heredocs restore them) and non-ASCII text.
            ("ruby", "x = <<~EOS\n  caf\u{e9} \u{2014} \u{1f600}\nEOS\nputs %w[a b]\n"),
            ("php", "<?php echo \"<p>\" . $x; ?>\n"),
            // Ruby's %-literal, whose scope repeats a class.
            ("ruby", "<%= f.label :name %>\n"),
        ];
        for (language, code) in cases {
            assert_same_as_syntect(language, code);
        }
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
