//! Words of a text as the search index and its client both see them (a simple stand-in: lower case, split on anything not a letter or digit).

/// The language a page's text is read in, which decides its stemming.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Nl,
    /// A language without a stemmer: its words are indexed as they are.
    Other,
}

impl Lang {
    /// The language of a `lang` code (`nl`, `nl-BE`, `en-GB`, `de`).
    pub fn of_code(code: &str) -> Lang {
        let primary = code.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "en" => Lang::En,
            "nl" => Lang::Nl,
            _ => Lang::Other,
        }
    }
}

/// The terms of `text` in order, repeats kept: lower case, split on every character that is
/// not a letter or digit.
pub fn terms(text: &str, lang: Lang) -> Vec<String> {
    let _ = lang;
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_case_and_split_on_punctuation() {
        assert_eq!(
            terms("Hello, World! snake_case v1.2", Lang::En),
            ["hello", "world", "snake", "case", "v1", "2"]
        );
        assert_eq!(Lang::of_code("nl-BE"), Lang::Nl);
        assert_eq!(Lang::of_code("de"), Lang::Other);
    }
}
