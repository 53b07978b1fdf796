//! Reading YAML into positioned values: every scalar keeps its spelling, every key its place.

use std::collections::HashMap;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_saphyr::options::{DuplicateKeyPolicy, NonFiniteFloatPolicy};
use serde_saphyr::{Location, Options, Spanned};

use super::{Key, Positioned, YamlError, messages};

/// The parser's options: duplicate keys are passed through so that kennis can name both
/// places, and `.inf`/`.nan` stay text rather than failing.
pub(super) fn options() -> Options {
    serde_saphyr::options! {
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
        non_finite_float_policy: NonFiniteFloatPolicy::AsString,
        with_snippet: false,
    }
}

/// A YAML node as the parser hands it over, each child with its span.
enum Node {
    Scalar(Value),
    List(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = access.next_element::<Spanned<Node>>()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = access.next_entry::<Spanned<String>, Spanned<Node>>()? {
            entries.push(entry);
        }
        Ok(Node::Map(entries))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Scalar(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Scalar(Value::from(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Scalar(Value::from(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Scalar(Value::from(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Scalar(Value::String(v.to_owned())))
    }

    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Scalar(Value::String(v)))
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Scalar(Value::Null))
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Scalar(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

/// The top-level keys of a mapping, in order, with positions counted from `first_line`.
pub(super) fn parse_mapping(text: &str, first_line: u32) -> Result<Vec<(Key, Positioned)>, YamlError> {
    let reader = TreeReader { text, first_line };
    let root = reader.parse(text)?;
    // Only comments (`# Do not remove front matter.`, as Hugo's docs write): no fields.
    if matches!(root.value, Node::Scalar(Value::Null)) {
        return Ok(Vec::new());
    }
    let Node::Map(entries) = root.value else {
        let (line, column) = reader.position(&root.referenced);
        return Err(YamlError {
            line,
            column,
            message: "front matter must be fields, one `name: value` per line".to_owned(),
            hint: "write it as `title: \"My page\"`, with a field name before each value".to_owned(),
        });
    };
    reader.entries(entries)
}

/// Reads a whole file only to find its syntax errors, duplicate keys and alias bombs.
pub(super) fn parse_document(text: &str) -> Result<(), YamlError> {
    let reader = TreeReader { text, first_line: 1 };
    let root = reader.parse(text)?;
    reader.convert(root).map(|_| ())
}

/// Turns parser nodes into `Positioned` values, knowing the text their spans point into.
struct TreeReader<'t> {
    text: &'t str,
    first_line: u32,
}

impl TreeReader<'_> {
    fn parse(&self, text: &str) -> Result<Spanned<Node>, YamlError> {
        serde_saphyr::from_str_with_options(text, options())
            .map_err(|error| messages::from_parser(&error, self.text, self.first_line))
    }

    fn position(&self, location: &Location) -> (u32, u32) {
        (self.first_line + location.line() as u32 - 1, location.column() as u32)
    }

    /// Every entry converted, a key written twice reported with both places.
    fn entries(
        &self,
        entries: Vec<(Spanned<String>, Spanned<Node>)>,
    ) -> Result<Vec<(Key, Positioned)>, YamlError> {
        let mut seen: HashMap<String, u32> = HashMap::new();
        let mut converted = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            let (line, column) = self.position(&key.referenced);
            if let Some(first) = seen.insert(key.value.clone(), line) {
                return Err(messages::duplicate_key(&key.value, first, line, column));
            }
            converted.push((Key { name: key.value, line, column }, self.convert(value)?));
        }
        Ok(converted)
    }

    fn convert(&self, node: Spanned<Node>) -> Result<Positioned, YamlError> {
        let (line, column) = self.position(&node.referenced);
        let positioned =
            |value, written, items, fields| Positioned { value, written, line, column, items, fields };
        Ok(match node.value {
            Node::Scalar(value) => {
                let written = self.plain_spelling(&node.defined, &value)?;
                positioned(value, written, Vec::new(), Vec::new())
            }
            Node::List(items) => {
                let items = items.into_iter().map(|i| self.convert(i)).collect::<Result<Vec<_>, _>>()?;
                let value = Value::Array(items.iter().map(|i| i.value.clone()).collect());
                positioned(value, None, items, Vec::new())
            }
            Node::Map(entries) => {
                let entries = self.entries(entries)?;
                let map =
                    entries.iter().map(|(key, value)| (key.name.clone(), value.value.clone())).collect();
                positioned(Value::Object(map), None, Vec::new(), entries)
            }
        })
    }

    /// A plain scalar's characters as written; `None` for quoted and block scalars. A
    /// plain scalar over several lines is YAML-folded text, and one of its lines that
    /// starts with `- ` was almost certainly meant as a list item: that is an error.
    fn plain_spelling(&self, defined: &Location, value: &Value) -> Result<Option<String>, YamlError> {
        let span = defined.span();
        let (Some(start), Some(length)) = (span.byte_offset(), span.byte_len()) else {
            return Ok(None);
        };
        let Some(source) = self.text.get(start as usize..(start + length) as usize) else {
            return Ok(None);
        };
        if source.starts_with(['"', '\'', '|', '>']) {
            return Ok(None);
        }
        if let Some(offset) = list_item_inside_text(source) {
            let (line, column) = crate::text::line_and_column(self.text.as_bytes(), start as usize + offset);
            return Err(messages::list_item_in_text(self.first_line + line - 1, column));
        }
        Ok(Some(match value {
            Value::String(folded) => folded.clone(),
            _ => source.trim().to_owned(),
        }))
    }
}

/// The byte offset of a continuation line that starts with `- ` in a plain scalar's source.
fn list_item_inside_text(source: &str) -> Option<usize> {
    let mut offset = 0;
    for (index, line) in source.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        if index > 0 && (trimmed.starts_with("- ") || trimmed.trim_end() == "-") {
            return Some(offset + line.len() - trimmed.len());
        }
        offset += line.len();
    }
    None
}
