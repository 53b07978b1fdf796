//! The parser's errors in kennis's words: which line, what went wrong, a hint that fits.
//!
//! The parser's own texts name its API (`DuplicateKeyPolicy`), print Rust debug values
//! (`Nodes { nodes: 250001 }`) or point past the real mistake (a tab, an unclosed `[`),
//! so every error that can reach a writer is matched here and said again.

use serde_saphyr::Error;
use serde_saphyr::budget::BudgetBreach;

use super::YamlError;
use super::syntax::syntax;

/// A parser error as a kennis message, positions counted from `first_line` of the file.
/// It is one arm per kind of error, kept together so the whole table can be read at once.
pub(super) fn from_parser(error: &Error, text: &str, first_line: u32) -> YamlError {
    // The outer error knows where an alias was used; the innermost one what went wrong.
    let (line, column) = error.location().map_or((1, 1), |l| (l.line() as u32, l.column() as u32));
    let error = innermost(error);
    let shift = |mut found: YamlError| {
        found.line += first_line - 1;
        found
    };
    shift(match error {
        Error::Budget { breach, .. } => too_large(breach, line, column),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => too_many_aliases(line, column, "too many aliases"),
        Error::UnknownAnchor { .. } => at(
            line,
            column,
            "this alias (`*name`) refers to no anchor (`&name`) above it",
            "define the anchor first, as `key: &name value`, or write the value out",
        ),
        Error::RecursiveReferencesRequireWeakTypes { .. } => at(
            line,
            column,
            "this alias refers to the value it is part of",
            "an alias (`*name`) may only repeat a value that is complete before it",
        ),
        Error::DuplicateMappingKey { key, .. } => {
            duplicate_key(key.as_deref().unwrap_or("?"), 0, line, column)
        }
        Error::MultipleDocuments { .. } => at(
            line,
            column,
            "a second YAML document starts here",
            "this file holds one set of fields: remove the `---` or `...` line above",
        ),
        Error::Unexpected { expected, .. } => unexpected_shape(expected, line, column),
        Error::SerdeUnknownField { field, expected, .. } => unknown_field(field, expected, line, column),
        Error::SerdeInvalidType { unexpected, expected, .. }
        | Error::SerdeInvalidValue { unexpected, expected, .. } => {
            wrong_type(unexpected, expected, line, column)
        }
        Error::SerdeUnknownVariant { variant, expected, .. } => at(
            line,
            column,
            &format!("unknown value `{variant}`"),
            &format!("write one of {}", quoted_list(expected)),
        ),
        Error::SerdeMissingField { field, .. } => {
            at(line, column, &format!("the field `{field}` is missing"), &format!("add `{field}: ...`"))
        }
        Error::NullIntoString { .. } if source_line(text, line).trim_start().starts_with(':') => at(
            line,
            column,
            "a value without a field name before its colon",
            "write the field's name before the colon: `name: value`",
        ),
        Error::NullIntoString { .. } => {
            at(line, column, "this field has no value", "write a value after the colon, or remove the line")
        }
        Error::InvalidScalar { ty, .. } => {
            let wanted = in_words(ty);
            let written: String = source_line(text, line).chars().skip(column as usize - 1).collect();
            let written = written.trim();
            at(
                line,
                column,
                &format!("this value must be {wanted}, not `{written}`"),
                &format!("write {wanted} here"),
            )
        }
        // Scanner errors come in several variants; their text says what the scanner saw.
        other if other.to_string().starts_with("recursion limit exceeded") => {
            nested_too_deeply(line, column, None)
        }
        other => {
            let shown = other.to_string();
            syntax(shown.split(" at line ").next().unwrap_or(&shown), text, line, column)
        }
    })
}

pub(super) const GENERIC_HINT: &str =
    "fields are `name: value`, one per line; lists are `[a, b]` or `- item` lines below the field";

fn innermost(error: &Error) -> &Error {
    match error.without_snippet() {
        Error::AliasError { error, .. } => innermost(error),
        other => other,
    }
}

pub(super) fn at(line: u32, column: u32, message: &str, hint: &str) -> YamlError {
    YamlError { line, column, message: message.to_owned(), hint: hint.to_owned() }
}

/// A key written twice; `first` is 0 when the parser did not say where the first one is.
pub(super) fn duplicate_key(key: &str, first: u32, line: u32, column: u32) -> YamlError {
    let message = if first == 0 {
        format!("`{key}` is set twice")
    } else {
        format!("`{key}` is set twice: first at line {first}, again at line {line}")
    };
    at(line, column, &message, "keep one of them: a field can have only one value")
}

/// A line starting with `- ` that YAML reads as more of the text above it.
pub(super) fn list_item_in_text(line: u32, column: u32) -> YamlError {
    at(
        line,
        column,
        "this `- ` line is read as more of the text above it, not as a list item",
        "for a list, leave nothing after the field's colon and line the `- ` items up under it; \
         for text, put it in quotes",
    )
}

fn too_large(breach: &BudgetBreach, line: u32, column: u32) -> YamlError {
    match breach {
        BudgetBreach::Nodes { nodes } => {
            let limit = nodes.saturating_sub(1);
            too_many_aliases(line, column, &format!("too many values (more than {limit})"))
        }
        BudgetBreach::Aliases { aliases } => too_many_aliases(
            line,
            column,
            &format!("too many aliases (more than {})", aliases.saturating_sub(1)),
        ),
        BudgetBreach::Depth { depth } => nested_too_deeply(line, column, Some(depth.saturating_sub(1))),
        _ => at(line, column, "this YAML is too large to read", "split it up, or remove what is not needed"),
    }
}

/// Lists or groups inside each other beyond what the parser reads (`limit` levels, when it says).
fn nested_too_deeply(line: u32, column: u32, limit: Option<usize>) -> YamlError {
    let message = match limit {
        Some(limit) => format!("values nested too deeply (more than {limit} levels)"),
        None => "values nested too deeply".to_owned(),
    };
    at(line, column, &message, "front matter and settings need a few levels at most: flatten the nesting")
}

fn too_many_aliases(line: u32, column: u32, what: &str) -> YamlError {
    at(
        line,
        column,
        &format!("{what}: aliases here expand the YAML beyond what kennis reads"),
        "an alias (`*name`) repeats its anchor's value; aliases of aliases multiply: write the values out",
    )
}

/// A list where one value belongs, one value where a group of fields belongs, and so on.
fn unexpected_shape(expected: &str, line: u32, column: u32) -> YamlError {
    let (wanted, hint) = if expected.contains("mapping") {
        ("a group of fields", "write its fields on the lines below it, indented by two spaces: `name: value`")
    } else if expected.contains("sequence") {
        ("a list", "write it as `[first, second]`, or as `- item` lines below the field")
    } else {
        ("a single value, not a list or a group", "write one value after the colon, like `name: value`")
    };
    at(line, column, &format!("this must be {wanted}"), hint)
}

fn unknown_field(field: &str, expected: &[&str], line: u32, column: u32) -> YamlError {
    let message = match crate::text::closest_name(&field.to_lowercase(), expected, 2) {
        Some(known) => format!("unknown field `{field}`, did you mean `{known}`?"),
        None => format!("unknown field `{field}`"),
    };
    at(line, column, &message, &format!("the fields here are {}", quoted_list(expected)))
}

fn wrong_type(unexpected: &str, expected: &str, line: u32, column: u32) -> YamlError {
    let wanted = in_words(expected);
    at(
        line,
        column,
        &format!("this value must be {wanted}, not {}", found_in_words(unexpected)),
        &format!("write {wanted} here"),
    )
}

/// serde's names for what it wanted, in a writer's words.
fn in_words(expected: &str) -> String {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" | "integer" => {
            "a whole number".to_owned()
        }
        "f32" | "f64" | "floating point" => "a number".to_owned(),
        "a boolean" | "bool" | "boolean" => "`true` or `false`".to_owned(),
        "a string" | "string" => "text".to_owned(),
        "a sequence" => "a list".to_owned(),
        other if other.starts_with("struct ") || other.starts_with("a map") => {
            "a group of fields indented below it".to_owned()
        }
        other => other.to_owned(),
    }
}

fn found_in_words(unexpected: &str) -> String {
    match unexpected.split_once(' ') {
        Some(("string", value)) => format!("the text {}", value.replace('"', "`")),
        Some(("integer" | "floating", _)) => "a number".to_owned(),
        _ if unexpected == "sequence" => "a list".to_owned(),
        _ if unexpected == "map" => "a group of fields".to_owned(),
        _ => unexpected.to_owned(),
    }
}

fn quoted_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

/// The text of a 1-based line, empty past the end.
pub(super) fn source_line(text: &str, line: u32) -> &str {
    text.lines().nth((line as usize).saturating_sub(1)).unwrap_or("")
}
