//! The one module that knows the TOML parser: `+++` front matter as Hugo and Zola write it.
//!
//! TOML is read into the same positioned values as YAML front matter (`Key`, `Positioned`),
//! so every field is read by the same code and means the same in both. A bare value
//! (a number, a boolean, a date) keeps its characters as written, as a plain YAML scalar
//! does; a quoted string is text. Positions come from the parser's byte spans and are
//! counted from the top of the file.

mod messages;

use ::toml::Spanned;
use ::toml::de::{DeString, DeTable, DeValue};
use serde_json::Value;

use crate::yaml::{Key, Positioned};

/// A TOML problem at a line and column of the file (1-based), in kennis's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TomlError {
    pub line: u32,
    pub column: u32,
    pub message: String,
    /// What to do about it, fitted to the mistake.
    pub hint: String,
}

/// Parses a `+++` block into its top-level keys, in the order written, each with its
/// position. `first_line` is the line of the file the TOML text starts on.
pub fn parse_table(text: &str, first_line: u32) -> Result<Vec<(Key, Positioned)>, TomlError> {
    let reader = SpanReader { text, first_line };
    let table = DeTable::parse(text).map_err(|error| messages::from_parser(&error, &reader))?;
    Ok(table.get_ref().iter().map(|(key, value)| reader.entry(key, value)).collect())
}

/// Turns byte spans into lines and columns of the file.
pub(crate) struct SpanReader<'t> {
    text: &'t str,
    first_line: u32,
}

impl SpanReader<'_> {
    /// The line and column of a byte offset into the TOML text, counted from the top of the file.
    pub(crate) fn position(&self, offset: usize) -> (u32, u32) {
        let (line, column) = crate::text::line_and_column(self.text.as_bytes(), offset);
        (self.first_line + line - 1, column)
    }

    fn entry(&self, key: &Spanned<DeString<'_>>, value: &Spanned<DeValue<'_>>) -> (Key, Positioned) {
        let (line, column) = self.position(key.span().start);
        (Key { name: key.get_ref().to_string(), line, column }, self.convert(value))
    }

    fn convert(&self, node: &Spanned<DeValue<'_>>) -> Positioned {
        let span = node.span();
        let (line, column) = self.position(span.start);
        let written = || self.text.get(span.clone()).map(|source| source.trim().to_owned());
        let positioned =
            |value, written, items, fields| Positioned { value, written, line, column, items, fields };
        match node.get_ref() {
            DeValue::String(text) => {
                positioned(Value::String(text.to_string()), None, Vec::new(), Vec::new())
            }
            DeValue::Integer(integer) => {
                let value = i64::from_str_radix(integer.as_str(), integer.radix())
                    .map(Value::from)
                    .unwrap_or_else(|_| Value::String(integer.to_string()));
                positioned(value, written(), Vec::new(), Vec::new())
            }
            DeValue::Float(float) => {
                // `inf` and `nan` have no JSON number: they stay text, as in YAML front matter.
                let value = float
                    .as_str()
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map_or_else(|| Value::String(float.as_str().to_owned()), Value::Number);
                positioned(value, written(), Vec::new(), Vec::new())
            }
            DeValue::Boolean(boolean) => positioned(Value::Bool(*boolean), written(), Vec::new(), Vec::new()),
            // A date is text to kennis, read by the field that wants a date: as written.
            DeValue::Datetime(datetime) => {
                let written = written().unwrap_or_else(|| datetime.to_string());
                positioned(Value::String(written.clone()), Some(written), Vec::new(), Vec::new())
            }
            DeValue::Array(array) => {
                let items: Vec<Positioned> = array.iter().map(|item| self.convert(item)).collect();
                let value = Value::Array(items.iter().map(|item| item.value.clone()).collect());
                positioned(value, None, items, Vec::new())
            }
            DeValue::Table(table) => {
                let fields: Vec<(Key, Positioned)> =
                    table.iter().map(|(key, value)| self.entry(key, value)).collect();
                let map = fields.iter().map(|(key, value)| (key.name.clone(), value.value.clone())).collect();
                positioned(Value::Object(map), None, Vec::new(), fields)
            }
        }
    }
}

#[cfg(test)]
mod tests;
