//! The TOML parser's errors in kennis's words, at the line and column of the mistake.
//!
//! The parser's texts say what it expected (`key with no value, expected `=``); a writer
//! who typed YAML between `+++` lines, or left text unquoted, needs to hear what to type.
//! Each mistake the parser names is matched here by its description and said again.

use ::toml::de::Error;

use super::{SpanReader, TomlError};

/// A parser error as a kennis message with a hint for that mistake.
pub(super) fn from_parser(error: &Error, reader: &SpanReader<'_>) -> TomlError {
    let span = error.span().unwrap_or(0..0);
    let written = reader.text.get(span.clone()).unwrap_or("").trim();
    let (description, expected) = error.message().split_once(", expected ").unwrap_or((error.message(), ""));
    // The parser points past a key without `=` (`title: A`); the writer looks for the key.
    let at = if description == "key with no value" {
        start_of_line_text(reader.text, span.start)
    } else {
        span.start
    };
    let (line, column) = reader.position(at);
    let (message, hint) = said_again(description, expected, written);
    TomlError { line, column, message, hint }
}

/// One arm per description the parser uses for a mistake a writer makes.
fn said_again(description: &str, expected: &str, written: &str) -> (String, String) {
    let pair = |message: &str, hint: &str| (message.to_owned(), hint.to_owned());
    match description {
        "key with no value" => pair(
            "a field without `=`: TOML front matter writes `name = value`",
            "write it as `title = \"My page\"`; for `name: value` lines, open and close the front matter with `---` instead of `+++`",
        ),
        "string values must be quoted" if written.is_empty() => {
            pair("this field has no value", "write a value after `=`, as `title = \"My page\"`")
        }
        "string values must be quoted" => (
            format!("text must be quoted in TOML: `{written}`"),
            format!(
                "write it as `\"{}\"`; `true`, `false`, numbers and dates need no quotes",
                written.replace('"', "\\\"")
            ),
        ),
        "invalid basic string" | "invalid literal string" => pair(
            "this text is not closed with a quote on its line",
            "end the text with the quote it starts with; for text over several lines, use `\"\"\"` before and after it",
        ),
        "invalid multi-line basic string" | "invalid multi-line literal string" => pair(
            "this text over several lines is not closed",
            "end it with the three quotes it starts with (`\"\"\"` or `'''`)",
        ),
        "missing escaped value" | "invalid escape sequence" | "invalid unicode escape sequence" => pair(
            "a backslash in quoted text starts an escape this is not",
            "write a backslash as `\\\\`, or put the text in single quotes: `'C:\\path'`",
        ),
        "unclosed array" => {
            pair("this list is not closed with `]`", "close it: `tags = [\"first\", \"second\"]`")
        }
        "missing comma between array elements" => pair(
            "a comma is missing between two items of this list",
            "separate items with commas: `[\"a\", \"b\"]`",
        ),
        "unclosed inline table" => pair(
            "this group of fields is not closed with `}`",
            "close it: `{ name = \"value\" }`, all on one line",
        ),
        "unclosed table" | "unclosed array of tables" => pair(
            "this table header is not closed with `]`",
            "write the header on a line of its own, as `[extra]`",
        ),
        "duplicate key" => (
            format!("`{written}` is written twice"),
            "keep one of them: a field, or a `[table]`, may appear only once".to_owned(),
        ),
        "unexpected key or value" => pair(
            "unexpected text after this field's value",
            "put each field on a line of its own; text with spaces goes in quotes",
        ),
        "unquoted keys cannot be empty" => {
            pair("a field name is missing before `=`", "write it as `name = value`")
        }
        date if date.starts_with("invalid date") || date.starts_with("invalid time") => (
            format!("`{written}` is not a date: {expected}"),
            "write a date as `2025-03-14` or `2025-03-14T09:30:00+01:00`, or quote it as text".to_owned(),
        ),
        other => {
            let expected = if expected.is_empty() { String::new() } else { format!(", expected {expected}") };
            (
                format!("{other}{expected}"),
                "TOML front matter holds `name = value` lines between the `+++` lines".to_owned(),
            )
        }
    }
}

/// The offset of the first character that is not a space on the line holding `offset`.
fn start_of_line_text(text: &str, offset: usize) -> usize {
    let Some(before) = text.get(..offset) else { return offset };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let indent = text[line_start..].len() - text[line_start..].trim_start_matches([' ', '\t']).len();
    line_start + indent
}
