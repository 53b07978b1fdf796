//! The one module that knows the YAML parser: front matter maps with positions, and typed files.

use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;

/// A YAML problem at a line and column counted from the start of the YAML text (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// A value with the position where it was written, counted from the start of the YAML text.
#[derive(Clone, Debug)]
pub struct Positioned {
    pub value: serde_json::Value,
    pub line: u32,
    pub column: u32,
}

/// Parses a front-matter block into its top-level keys, in order, each with its position.
pub fn parse_mapping(text: &str) -> Result<Vec<(String, Positioned)>, YamlError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let map: indexmap_free::OrderedMap = serde_saphyr::from_str(text).map_err(convert_error)?;
    Ok(map.0)
}

/// Parses a whole YAML file into `T` (site.yaml, authors).
pub fn parse_typed<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_saphyr::from_str(text).map_err(convert_error)
}

fn convert_error(error: serde_saphyr::Error) -> YamlError {
    let location = error.location();
    let (line, column) = location.map_or((1, 1), |l| (l.line() as u32, l.column() as u32));
    let full = error.without_snippet().to_string();
    // The parser appends "at line N, column M"; we report positions ourselves.
    let suffix = format!(" at line {line}, column {column}");
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
    YamlError { line, column, message }
}

/// A mapping that keeps its keys in the order they were written, with positions.
mod indexmap_free {
    use super::{Positioned, Spanned};
    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
    use std::fmt;

    pub struct OrderedMap(pub Vec<(String, Positioned)>);

    impl<'de> Deserialize<'de> for OrderedMap {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_map(OrderedMapVisitor)
        }
    }

    struct OrderedMapVisitor;

    impl<'de> Visitor<'de> for OrderedMapVisitor {
        type Value = OrderedMap;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a mapping of fields such as `title: ...`")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<OrderedMap, A::Error> {
            let mut entries = Vec::new();
            while let Some((key, value)) = access.next_entry::<String, Spanned<serde_json::Value>>()? {
                let position = value.referenced;
                entries.push((
                    key,
                    Positioned {
                        value: value.value,
                        line: position.line() as u32,
                        column: position.column() as u32,
                    },
                ));
            }
            Ok(OrderedMap(entries))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_back_in_order_with_positions() {
        let fields = parse_mapping("title: Hallo\ntags: [a, b]\ndate: 2025-01-02\n").unwrap();
        let names: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["title", "tags", "date"]);
        assert_eq!((fields[1].1.line, fields[1].1.column), (2, 7));
        assert_eq!(fields[2].1.value, serde_json::json!("2025-01-02"));
    }

    #[test]
    fn syntax_errors_carry_their_position_without_repeating_it() {
        let error = parse_mapping("title: x\n  bad: [\n").unwrap_err();
        assert_eq!((error.line, error.column), (2, 6));
        assert_eq!(error.message, "mapping values are not allowed in this context");
    }

    #[test]
    fn a_list_is_not_front_matter() {
        let error = parse_mapping("- a\n- b\n").unwrap_err();
        assert_eq!(error.line, 1);
    }
}
