//! The one module that knows the YAML parser: front matter maps with positions, and typed files.
//!
//! Values keep what the writer typed: a plain scalar carries its characters as written
//! beside YAML's own reading of them, so a text field shows `no`, `1.10` or `0x10` as typed
//! while a field that wants a boolean or a number (and `extra`) uses YAML's types.

mod messages;
mod simple;
mod syntax;
mod tree;

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde_json::Value;

/// A YAML problem at a line and column of the file (1-based), in kennis's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub line: u32,
    pub column: u32,
    pub message: String,
    /// What to do about it, fitted to the mistake.
    pub hint: String,
}

/// A value with the position where it was written.
#[derive(Clone, Debug)]
pub struct Positioned {
    /// YAML's own reading: booleans, numbers and null as YAML types them.
    pub value: Value,
    /// For a plain (unquoted) scalar, its characters as written (`no`, `1.10`, `~`);
    /// `None` for quoted and block scalars, lists and mappings.
    pub written: Option<String>,
    pub line: u32,
    pub column: u32,
    /// For a list: each item with its own position, so a bad item is reported where it is.
    pub items: Vec<Positioned>,
    /// For a mapping: each field with its own position, in the order written (so a field
    /// read from a table, such as Zola's `[taxonomies]` `tags`, is reported where it is).
    pub fields: Vec<(Key, Positioned)>,
}

/// What a scalar says when it is read as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WrittenText<'a> {
    /// The characters the writer typed (a quoted scalar's text, or a plain one's as written).
    Text(&'a str),
    /// Nothing after the colon, or `~`.
    Nothing,
    /// A list or a mapping, not a single value.
    NotScalar,
}

impl Positioned {
    /// The value as text, exactly as written: `title: no` is `no`, `slug: 0x10` is `0x10`.
    /// Nothing, `~` and `null` (as tools write it) mean "no value"; `Null` and `NULL`, like
    /// `No` and `Yes`, are text (people are called that).
    pub fn as_written_text(&self) -> WrittenText<'_> {
        match (&self.written, &self.value) {
            (Some(written), _) if matches!(written.as_str(), "" | "~" | "null") => WrittenText::Nothing,
            (Some(written), _) => WrittenText::Text(written),
            (None, Value::String(text)) => WrittenText::Text(text),
            (None, Value::Null) => WrittenText::Nothing,
            (None, Value::Array(_) | Value::Object(_)) => WrittenText::NotScalar,
            // Tagged scalars (`!!int 10`) have no plain spelling; show YAML's reading.
            (None, _) => WrittenText::NotScalar,
        }
    }

    /// Whether the value was quoted (or a block scalar): always text, never a boolean or number.
    pub fn is_quoted_text(&self) -> bool {
        self.written.is_none() && self.value.is_string()
    }
}

/// The text with lone `\r` as `\n` (see [`crate::text::lone_carriage_returns_as_line_feeds`]),
/// copied only when it has one: site files arrive that way already, but the parser's
/// positions must match kennis's line count for any caller.
fn with_line_feeds(text: &str) -> Cow<'_, str> {
    if crate::text::has_lone_carriage_return(text) {
        Cow::Owned(crate::text::lone_carriage_returns_as_line_feeds(text.to_owned()))
    } else {
        Cow::Borrowed(text)
    }
}

/// A front-matter key with the position of the key itself.
#[derive(Clone, Debug)]
pub struct Key {
    pub name: String,
    pub line: u32,
    pub column: u32,
}

/// Parses a front-matter block into its top-level keys, in order, each with its position.
/// `first_line` is the line of the file the YAML text starts on; every position returned,
/// and every line named in a message, is counted from the top of the file.
pub fn parse_mapping(text: &str, first_line: u32) -> Result<Vec<(Key, Positioned)>, YamlError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let text = with_line_feeds(text);
    match simple::simple_mapping(&text, first_line) {
        Some(fields) => Ok(fields),
        None => tree::parse_mapping(&text, first_line),
    }
}

/// Parses a whole YAML file into `T` (site.yaml, authors). Syntax, duplicate keys and
/// alias bombs are caught by the same reading as front matter, so their messages match.
pub fn parse_typed<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let text = with_line_feeds(text);
    if !text.trim().is_empty() {
        tree::parse_document(&text)?;
    }
    serde_saphyr::from_str_with_options(&text, tree::options())
        .map_err(|error| messages::from_parser(&error, &text, 1))
}

#[cfg(test)]
mod tests;
