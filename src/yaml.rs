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
    /// For a list: each item with its own position, so a bad item is reported where it is.
    pub items: Vec<Positioned>,
}

/// A front-matter key with the position of the key itself.
#[derive(Clone, Debug)]
pub struct Key {
    pub name: String,
    pub line: u32,
    pub column: u32,
}

/// Parses a front-matter block into its top-level keys, in order, each with its position.
pub fn parse_mapping(text: &str) -> Result<Vec<(Key, Positioned)>, YamlError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let map: ordered::OrderedMap = serde_saphyr::from_str(text).map_err(convert_error)?;
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

/// Deserialising front matter while keeping the order of keys and every position.
mod ordered {
    use super::{Key, Positioned, Spanned};
    use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
    use serde_json::Value;
    use std::fmt;

    pub struct OrderedMap(pub Vec<(Key, Positioned)>);

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
            while let Some((key, value)) = access.next_entry::<Spanned<String>, Spanned<ListOrValue>>()? {
                let key = Key {
                    name: key.value,
                    line: key.referenced.line() as u32,
                    column: key.referenced.column() as u32,
                };
                let (line, column) = (value.referenced.line() as u32, value.referenced.column() as u32);
                let (value, items) = match value.value {
                    ListOrValue::List(items) => {
                        (Value::Array(items.iter().map(|i| i.value.clone()).collect()), items)
                    }
                    ListOrValue::Value(value) => (value, Vec::new()),
                };
                entries.push((key, Positioned { value, line, column, items }));
            }
            Ok(OrderedMap(entries))
        }
    }

    /// A value as written: lists keep each item's position, anything else is plain JSON.
    enum ListOrValue {
        List(Vec<Positioned>),
        Value(Value),
    }

    impl<'de> Deserialize<'de> for ListOrValue {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(ListOrValueVisitor)
        }
    }

    struct ListOrValueVisitor;

    impl<'de> Visitor<'de> for ListOrValueVisitor {
        type Value = ListOrValue;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a YAML value")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<ListOrValue, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = access.next_element::<Spanned<Value>>()? {
                items.push(Positioned {
                    value: item.value,
                    line: item.referenced.line() as u32,
                    column: item.referenced.column() as u32,
                    items: Vec::new(),
                });
            }
            Ok(ListOrValue::List(items))
        }

        fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<ListOrValue, A::Error> {
            let mut map = serde_json::Map::new();
            while let Some((key, value)) = access.next_entry::<String, Value>()? {
                map.insert(key, value);
            }
            Ok(ListOrValue::Value(Value::Object(map)))
        }

        fn visit_bool<E>(self, v: bool) -> Result<ListOrValue, E> {
            Ok(ListOrValue::Value(Value::Bool(v)))
        }

        fn visit_i64<E>(self, v: i64) -> Result<ListOrValue, E> {
            Ok(ListOrValue::Value(Value::from(v)))
        }

        fn visit_u64<E>(self, v: u64) -> Result<ListOrValue, E> {
            Ok(ListOrValue::Value(Value::from(v)))
        }

        fn visit_f64<E>(self, v: f64) -> Result<ListOrValue, E> {
            Ok(ListOrValue::Value(Value::from(v)))
        }

        fn visit_str<E>(self, v: &str) -> Result<ListOrValue, E> {
            Ok(ListOrValue::Value(Value::String(v.to_owned())))
        }

        fn visit_string<E>(self, v: String) -> Result<ListOrValue, E> {
            Ok(ListOrValue::Value(Value::String(v)))
        }

        fn visit_unit<E>(self) -> Result<ListOrValue, E> {
            Ok(ListOrValue::Value(Value::Null))
        }

        fn visit_none<E>(self) -> Result<ListOrValue, E> {
            Ok(ListOrValue::Value(Value::Null))
        }

        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<ListOrValue, D::Error> {
            deserializer.deserialize_any(ListOrValueVisitor)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_come_back_in_order_with_positions() {
        let fields =
            parse_mapping("title: Hallo\ntags: [a, b]\ndate: 2025-01-02\nteam:\n  - an\n  - bram\n").unwrap();
        let names: Vec<&str> = fields.iter().map(|(k, _)| k.name.as_str()).collect();
        assert_eq!(names, ["title", "tags", "date", "team"]);
        assert_eq!((fields[1].1.line, fields[1].1.column), (2, 7));
        assert_eq!((fields[3].0.line, fields[3].0.column), (4, 1));
        let items: Vec<(u32, u32)> = fields[1].1.items.iter().map(|i| (i.line, i.column)).collect();
        assert_eq!(items, [(2, 8), (2, 11)]);
        let items: Vec<(u32, u32)> = fields[3].1.items.iter().map(|i| (i.line, i.column)).collect();
        assert_eq!(items, [(5, 5), (6, 5)]);
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
