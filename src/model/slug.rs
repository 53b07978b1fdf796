//! Slugs: the URL segment made from a file name, title, tag or folder.

/// `Hiërarchie & Structuur!` becomes `hierarchie-structuur`: transliterated to ASCII,
/// lowercase, runs of anything but letters and digits turned into one `-`.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs_are_ascii_lowercase_and_dashed() {
        let cases = [
            ("Hello World", "hello-world"),
            ("Hiërarchie & Structuur!", "hierarchie-structuur"),
            ("  --a--b--  ", "a-b"),
            ("C++ tips", "c-tips"),
            ("data_science", "data_science"),
            ("Zoë's café", "zoe-s-cafe"),
            ("日本", "ri-ben"),
            ("!!!", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(slugify(input), expected, "{input}");
        }
    }
}
