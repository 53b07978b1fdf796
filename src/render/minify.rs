//! Makes the theme's own stylesheets and scripts smaller as they are written, so the search
//! page's first query stays within its budget (docs/search.md). Only for files kennis ships
//! (a site's `static/` files are copied as they are), so each needs no more of its language
//! than the theme uses, and the sources stay as readable as before.
//!
//! CSS: comments dropped, white space collapsed; strings are kept as written, and a space is
//! dropped only beside `{ } ; , >` and at the ends, where it never means anything (never
//! beside `:`, `+`, `-` or `(`, where it can: `a :hover`, `calc(1px + 2em)`).
//! JavaScript: each line's indentation and every line that is a `//` comment dropped; the
//! line breaks stay, so automatic semicolons fall where they did.

/// `css` without comments, each run of white space one space or none, and no `;` before `}`.
pub(crate) fn css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut space = false;
    let mut chars = css.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '/' if css[at..].starts_with("/*") => {
                let end = css[at + 2..].find("*/").map_or(css.len(), |e| at + 2 + e + 2);
                while chars.peek().is_some_and(|&(i, _)| i < end) {
                    chars.next();
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            '"' | '\'' => {
                push_space(&mut out, &mut space, c);
                out.push(c);
                while let Some((_, s)) = chars.next() {
                    out.push(s);
                    if s == '\\' {
                        if let Some((_, escaped)) = chars.next() {
                            out.push(escaped);
                        }
                    } else if s == c {
                        break;
                    }
                }
            }
            _ => {
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                push_space(&mut out, &mut space, c);
                out.push(c);
            }
        }
    }
    out.push('\n');
    out
}

/// Writes the pending space before `next` unless either side makes it meaningless.
fn push_space(out: &mut String, space: &mut bool, next: char) {
    let quiet = |c: char| matches!(c, '{' | '}' | ';' | ',' | '>');
    if std::mem::take(space) && !out.is_empty() && !out.ends_with(quiet) && !quiet(next) {
        out.push(' ');
    }
}

/// `js` without indentation or whole-line `//` comments, or as it is when a line could be
/// inside a string or template literal (a backtick in code, a line ending in `\`), where
/// leading white space is text.
pub(crate) fn js(js: &str) -> String {
    let mut in_block = false;
    let mut out = String::with_capacity(js.len());
    for line in js.lines() {
        let code = line.trim_start();
        let block = in_block || code.starts_with("/*");
        in_block = block && !code.contains("*/");
        if !block && ((code.contains('`') && !code.starts_with("//")) || code.ends_with('\\')) {
            return js.to_owned();
        }
        if block || !code.starts_with("//") {
            out.push_str(code);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{css as minify, js};

    /// The theme's stylesheet is written by many hands and merged often: a block left open
    /// would silently nest every later rule inside it (browsers now read nested CSS).
    #[test]
    fn the_theme_stylesheet_closes_every_block_it_opens() {
        let minified = minify(include_str!("../../themes/default/static/kennis.css"));
        let (mut depth, mut in_string) = (0_i32, None);
        for (at, c) in minified.char_indices() {
            match (in_string, c) {
                (Some(quote), _) if c == quote => in_string = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => in_string = Some(c),
                (None, '{') => depth += 1,
                (None, '}') => depth -= 1,
                _ => {}
            }
            assert!(depth >= 0, "a `}}` closes nothing at byte {at} of the minified kennis.css");
        }
        assert_eq!(depth, 0, "kennis.css leaves {depth} block(s) open");
    }

    #[test]
    fn comments_and_white_space_go_but_meaningful_spaces_stay() {
        let css = "/* The page */\nbody {\n  margin: 0;  /* none */\n  font: 1rem/1.5 \"Noto  Sans\", serif;\n}\n\n\
                   nav > a :hover,\n.x + .y { width: calc(100% - 2em); }\n";
        assert_eq!(
            minify(css),
            "body{margin: 0;font: 1rem/1.5 \"Noto  Sans\",serif}nav>a :hover,.x + .y{width: calc(100% - 2em)}\n"
        );
    }

    #[test]
    fn strings_keep_what_looks_like_a_comment_or_an_escaped_quote() {
        let css = "a::before { content: \"/* not a comment */ \\\" ; }\"; }\nb { content: '  x  ' }";
        assert_eq!(minify(css), "a::before{content: \"/* not a comment */ \\\" ; }\"}b{content: '  x  '}\n");
    }

    #[test]
    fn media_queries_keep_their_words_apart() {
        let css = "@media (prefers-color-scheme: dark) and (min-width: 40em) {\n  :root { --bg: #111; }\n}\n";
        assert_eq!(
            minify(css),
            "@media (prefers-color-scheme: dark) and (min-width: 40em){:root{--bg: #111}}\n"
        );
    }

    #[test]
    fn scripts_lose_indentation_and_comment_lines_but_keep_their_line_breaks() {
        let script = "/* The client:\n *   `/` focuses the box. */\n(function () {\n  // Why:\n  const a = 1 // one\n    + 2;\n  return a;\n})();\n";
        assert_eq!(
            js(script),
            "/* The client:\n*   `/` focuses the box. */\n(function () {\nconst a = 1 // one\n+ 2;\nreturn a;\n})();\n"
        );
    }

    #[test]
    fn a_script_whose_lines_may_be_inside_a_string_is_left_as_it_is() {
        for script in ["const t = `a\n  b`;\n", "const s = \"a\\\n  b\";\n"] {
            assert_eq!(js(script), script);
        }
    }

    #[test]
    fn the_themes_scripts_get_smaller() {
        for name in ["kennis-search.js", "kennis-search-text.js", "kennis.js"] {
            let path = format!("{}/themes/default/static/{name}", env!("CARGO_MANIFEST_DIR"));
            let script = std::fs::read_to_string(path).expect("a theme script");
            let small = js(&script);
            assert!(small.len() * 10 < script.len() * 9, "{name}: {} bytes of {}", small.len(), script.len());
            assert_eq!(small.lines().filter(|l| l.starts_with("//")).count(), 0, "{name}");
        }
    }

    #[test]
    fn the_themes_stylesheet_keeps_every_rule() {
        let css =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/static/kennis.css"))
                .expect("the theme's stylesheet");
        let small = minify(&css);
        assert!(!small.contains("/*"), "no comment is left");
        let braces = |s: &str| (s.matches('{').count(), s.matches('}').count());
        assert_eq!(braces(&small), braces(&css), "every block is kept");
        assert!(small.len() * 10 < css.len() * 8, "{} bytes of {}", small.len(), css.len());
    }
}
