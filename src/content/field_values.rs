//! Reading one front-matter value as the type its field wants: text as written, lists, booleans, numbers.
//!
//! Writers type text. A scalar in a text field keeps exactly the characters written
//! (`no`, `1.10`, `0x10`, `2025-01-01`); only `draft` and `weight` read YAML's booleans and
//! numbers. A list field given one text (`tags: ruby, rails`) is split by [`ListRule`].

use crate::content::Located;
use crate::content::front_matter::Format;
use crate::dates::PageDate;
use crate::error::Diagnostic;
use crate::yaml::{Positioned, WrittenText};

/// How a list field given as one text is cut into items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListRule {
    /// Tags: at commas when there is one (`schrijven, communicatie`), else at spaces, as
    /// Jekyll does (`ruby rails`). A tag of several words must be a list item, or quoted.
    CommasElseSpaces,
    /// Ids of people and communities, which a writer may type as names with spaces
    /// (`An Peeters`): only at commas, so a name is never cut in two.
    Commas,
    /// URLs, which hold no spaces: at spaces, a comma ending a piece dropped (`/a/, /b/`).
    Spaces,
}

/// A line and a column in the file.
#[derive(Clone, Copy, Debug)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// Reads the value of one field, reporting problems at the field's position.
pub struct FieldReader<'a> {
    pub key: &'a str,
    /// Where the key is.
    pub key_at: Position,
    pub problems: &'a mut Vec<Diagnostic>,
    /// How the front matter is written, so that hints show its syntax.
    pub format: Format,
}

impl FieldReader<'_> {
    /// The field as the writer would type it: `tags: [a, b]` in YAML, `tags = ["a", "b"]` in TOML.
    fn written_as(&self, items: Written<'_>) -> String {
        let key = self.key;
        let shown = match (self.format, items) {
            (Format::Yaml, Written::Text(text)) => text.to_owned(),
            (Format::Toml, Written::Text(text)) => format!("\"{text}\""),
            (_, Written::Bare(text)) => text.to_owned(),
            (Format::Yaml, Written::List(items)) => format!("[{}]", items.join(", ")),
            (Format::Toml, Written::List(items)) => {
                let quoted: Vec<String> = items.iter().map(|item| format!("\"{item}\"")).collect();
                format!("[{}]", quoted.join(", "))
            }
        };
        self.format.field(key, &shown)
    }

    fn at(value: &Positioned) -> Position {
        Position { line: value.line, column: value.column }
    }

    pub fn located<T>(value: &Positioned, inner: T) -> Located<T> {
        Located { value: inner, line: value.line, column: value.column }
    }

    fn error(&mut self, at: Position, message: String, hint: String) {
        self.problems.push(Diagnostic::error("", at.line, at.column, message).with_hint(hint));
    }

    fn warning(&mut self, at: Position, message: String, hint: String) {
        self.problems.push(Diagnostic::warning("", at.line, at.column, message).with_hint(hint));
    }

    /// The text as written; `None` for nothing (`~`, empty) and, with an error, for a list
    /// or mapping.
    pub fn text(&mut self, value: &Positioned) -> Option<String> {
        match value.as_written_text() {
            WrittenText::Text(text) => Some(text.to_owned()),
            WrittenText::Nothing => None,
            WrittenText::NotScalar => {
                let key = self.key;
                let example = self.written_as(Written::Text("some text"));
                self.error(
                    Self::at(value),
                    format!("`{key}` must be a single text value"),
                    format!("write it as `{example}`"),
                );
                None
            }
        }
    }

    /// The text with its position.
    pub fn located_text(&mut self, value: &Positioned) -> Option<Located<String>> {
        self.text(value).map(|text| Self::located(value, text))
    }

    /// Each item with its own position; one text is cut by `rule`, with a warning that
    /// shows the list form when it makes more than one item.
    pub fn list(&mut self, value: &Positioned, rule: ListRule) -> Vec<Located<String>> {
        if value.value.is_array() {
            return value.items.iter().filter_map(|item| self.list_item(item)).collect();
        }
        if value.value.is_object() {
            let key = self.key;
            let example = self.written_as(Written::List(&["first", "second"]));
            self.error(
                Self::at(value),
                format!("`{key}` must be a list, not a group of fields"),
                format!("write it as `{example}`"),
            );
            return Vec::new();
        }
        let Some(text) = self.text(value) else { return Vec::new() };
        // Quotes keep a phrase together: `tags: "machine learning"` is one tag.
        let rule = if value.is_quoted_text() && rule == ListRule::CommasElseSpaces {
            ListRule::Commas
        } else {
            rule
        };
        let pieces = split_list_text(&text, rule);
        // `tags: ruby rails` is how Jekyll documents tags: read, and nothing to warn about.
        let jekyll_tags = rule == ListRule::CommasElseSpaces && !text.contains(',');
        if pieces.len() > 1 && !jekyll_tags {
            self.warn_about_split(value, &pieces, rule);
        }
        pieces.into_iter().map(|piece| Self::located(value, piece)).collect()
    }

    fn list_item(&mut self, item: &Positioned) -> Option<Located<String>> {
        match item.as_written_text() {
            WrittenText::Text(text) => Some(Self::located(item, text.to_owned())),
            WrittenText::Nothing => {
                let key = self.key;
                self.warning(
                    Self::at(item),
                    format!("an empty item in `{key}` is left out"),
                    "remove it; to mean the text `~` or `null`, write it in quotes: `\"~\"`".to_owned(),
                );
                None
            }
            WrittenText::NotScalar => {
                let key = self.key;
                let example = self.written_as(Written::List(&["first", "second"]));
                self.error(
                    Self::at(item),
                    format!("each item of `{key}` must be a single text value"),
                    format!("write it as `{example}`"),
                );
                None
            }
        }
    }

    fn warn_about_split(&mut self, value: &Positioned, pieces: &[String], rule: ListRule) {
        let key = self.key;
        let shown: Vec<String> = pieces.iter().map(|p| format!("`{p}`")).collect();
        let items: Vec<&str> = pieces.iter().map(String::as_str).collect();
        let list_form = self.written_as(Written::List(&items));
        let several_words = match rule {
            ListRule::CommasElseSpaces => format!(
                "; an item of several words is one list item, as in `{}`",
                self.written_as(Written::List(&["machine learning"]))
            ),
            ListRule::Commas | ListRule::Spaces => String::new(),
        };
        self.warning(
            Self::at(value),
            format!("`{key}` is one text, read as {} items: {}", pieces.len(), shown.join(", ")),
            format!("write it as a list: `{list_form}`{several_words}"),
        );
    }

    pub fn date(&mut self, value: &Positioned) -> Option<PageDate> {
        let text = self.text(value)?;
        let parsed = PageDate::parse(&text);
        if parsed.is_none() {
            let key = self.key;
            self.error(
                Self::at(value),
                format!("`{key}` is not a date: `{text}`"),
                format!("write a date as {}", crate::dates::ACCEPTED_FORMS),
            );
        }
        parsed
    }

    /// `true` or `false` (YAML's `yes`/`no` too, unquoted); quoted text is an error.
    pub fn boolean(&mut self, value: &Positioned) -> bool {
        match (&value.value, value.as_written_text()) {
            (serde_json::Value::Bool(b), _) => *b,
            (_, WrittenText::Nothing) => false,
            _ => {
                self.wrong_type(value, "`true` or `false`", &["true", "false"], |t| {
                    t == "true" || t == "false"
                });
                false
            }
        }
    }

    pub fn integer(&mut self, value: &Positioned) -> Option<i64> {
        match (&value.value, value.as_written_text()) {
            (serde_json::Value::Number(n), _) if n.is_i64() => n.as_i64(),
            (_, WrittenText::Nothing) => None,
            _ => {
                self.wrong_type(value, "a whole number", &["10"], |t| t.parse::<i64>().is_ok());
                None
            }
        }
    }

    /// A value of the wrong type: quoted text that `fits` unquoted gets "without quotes",
    /// anything else examples.
    fn wrong_type(&mut self, value: &Positioned, expected: &str, examples: &[&str], fits: fn(&str) -> bool) {
        let key = self.key;
        let written: Vec<String> =
            examples.iter().map(|e| format!("`{}`", self.written_as(Written::Bare(e)))).collect();
        let examples_hint = format!("write it as {}", written.join(" or "));
        let (found, hint) = match value.as_written_text() {
            WrittenText::Text(text) if value.is_quoted_text() => {
                let hint = if fits(text.trim()) {
                    format!("write it without quotes: `{}`", self.written_as(Written::Bare(text.trim())))
                } else {
                    examples_hint
                };
                (format!(", not the quoted text `\"{text}\"`"), hint)
            }
            WrittenText::Text(text) => (format!(", not `{text}`"), examples_hint),
            _ => (String::new(), examples_hint),
        };
        self.error(Self::at(value), format!("`{key}` must be {expected}{found}"), hint);
    }
}

/// A value to show in a hint, in the front matter's syntax.
#[derive(Clone, Copy)]
enum Written<'a> {
    /// Text: quoted in TOML.
    Text(&'a str),
    /// A boolean or a number, never quoted.
    Bare(&'a str),
    List(&'a [&'a str]),
}

/// One text cut into list items by `rule`, empty pieces dropped.
pub fn split_list_text(text: &str, rule: ListRule) -> Vec<String> {
    let pieces: Vec<&str> = match rule {
        ListRule::CommasElseSpaces if text.contains(',') => text.split(',').collect(),
        ListRule::CommasElseSpaces | ListRule::Spaces => text.split_whitespace().collect(),
        ListRule::Commas => text.split(',').collect(),
    };
    pieces
        .into_iter()
        .map(|p| if rule == ListRule::Spaces { p.trim_end_matches(',') } else { p })
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_text_is_cut_by_the_rule_of_its_field() {
        let cases: &[(&str, ListRule, &[&str])] = &[
            ("schrijven, communicatie", ListRule::CommasElseSpaces, &["schrijven", "communicatie"]),
            ("ruby rails", ListRule::CommasElseSpaces, &["ruby", "rails"]),
            ("machine learning, rust", ListRule::CommasElseSpaces, &["machine learning", "rust"]),
            ("rust", ListRule::CommasElseSpaces, &["rust"]),
            ("C++, C#", ListRule::CommasElseSpaces, &["C++", "C#"]),
            ("rust,", ListRule::CommasElseSpaces, &["rust"]),
            ("an, bram", ListRule::Commas, &["an", "bram"]),
            ("An Peeters", ListRule::Commas, &["An Peeters"]),
            ("/old/, /older/", ListRule::Spaces, &["/old/", "/older/"]),
            ("/a,b/", ListRule::Spaces, &["/a,b/"]),
        ];
        for (text, rule, expected) in cases {
            assert_eq!(split_list_text(text, *rule), *expected, "{text} with {rule:?}");
        }
    }
}
