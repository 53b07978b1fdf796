//! Makes the theme's own stylesheets smaller as they are written: comments dropped, white
//! space collapsed. Only for CSS kennis ships (a site's `static/` files are copied as they
//! are), so it needs no more of CSS than the theme uses: strings are kept as written, and a
//! space is dropped only beside `{ } ; , >` and at the ends, where it never means anything
//! (never beside `:`, `+`, `-` or `(`, where it can: `a :hover`, `calc(1px + 2em)`).

/// `css` without comments, each run of white space one space or none, and no `;` before `}`.
pub(crate) fn minify(css: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::minify;

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
