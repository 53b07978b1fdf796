//! The parser's errors in kennis's words: which line, what went wrong, a hint that fits.
//!
//! The parser's own texts name its API (`DuplicateKeyPolicy`), print Rust debug values
//! (`Nodes { nodes: 250001 }`) or point past the real mistake (a tab, an unclosed `[`),
//! so every error that can reach a writer is matched here and said again.

use serde_saphyr::Error;
use serde_saphyr::budget::BudgetBreach;

use super::YamlError;

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
            "a second YAML document starts here (`---`)",
            "remove the `---` line: this file holds one set of fields",
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
        Error::NullIntoString { .. } => {
            at(line, column, "this field has no value", "write a value after the colon, or remove the line")
        }
        Error::InvalidScalar { ty, .. } => {
            let wanted = in_words(ty);
            let source = text.lines().nth(line as usize - 1).unwrap_or("");
            let written: String = source.chars().skip(column as usize - 1).collect();
            let written = written.trim();
            at(
                line,
                column,
                &format!("this value must be {wanted}, not `{written}`"),
                &format!("write {wanted} here"),
            )
        }
        // Scanner errors come in several variants; their text says what the scanner saw.
        other => {
            let shown = other.to_string();
            syntax(shown.split(" at line ").next().unwrap_or(&shown), text, line, column)
        }
    })
}

const GENERIC_HINT: &str =
    "fields are `name: value`, one per line; lists are `[a, b]` or `- item` lines below the field";

fn innermost(error: &Error) -> &Error {
    match error.without_snippet() {
        Error::AliasError { error, .. } => innermost(error),
        other => other,
    }
}

fn at(line: u32, column: u32, message: &str, hint: &str) -> YamlError {
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
        BudgetBreach::Depth { depth } => at(
            line,
            column,
            &format!("values nested too deeply (more than {} levels)", depth.saturating_sub(1)),
            "front matter and settings need a few levels at most: flatten the nesting",
        ),
        _ => at(line, column, "this YAML is too large to read", "split it up, or remove what is not needed"),
    }
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
    let close = expected
        .iter()
        .map(|known| (strsim::damerau_levenshtein(&field.to_lowercase(), known), *known))
        .filter(|(distance, _)| *distance <= 2)
        .min();
    let message = match close {
        Some((_, known)) => format!("unknown field `{field}`, did you mean `{known}`?"),
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

/// A syntax error from the scanner: placed where the mistake is, with a hint for its kind.
fn syntax(message: &str, text: &str, line: u32, column: u32) -> YamlError {
    let error_offset = offset_of(text, line, column);
    // The scanner notices a tab where a scalar or key ends, often a line above the tab.
    if let Some(tab) = first_tab_from(text, line).filter(|tab| message.contains("tab") || tab.0 == line) {
        return at(
            tab.0,
            tab.1,
            "a tab where YAML expects spaces",
            "YAML indents with spaces only: replace the tab with spaces",
        );
    }
    let at_the_opener = message.contains("unclosed bracket").then_some((line, column, '['));
    if let Some((open_line, open_column, bracket)) =
        at_the_opener.or_else(|| unclosed_flow(text, error_offset))
    {
        let (what, close) = if bracket == '[' { ("list", ']') } else { ("group", '}') };
        return at(
            open_line,
            open_column,
            &format!("this {what} is not closed with `{close}`"),
            &format!("end it with `{close}` after its last item, on the same line"),
        );
    }
    if message.contains("unclosed quote") || message.contains("quoted scalar") {
        return at(
            line,
            column,
            "this quoted text never ends",
            "close it with the same quote mark; inside \"...\" write a quote as \\\", inside '...' as ''",
        );
    }
    if message.contains("mapping values are not allowed") {
        return colon_in_the_wrong_place(text, line, column);
    }
    if message.contains("misplaced bracket") {
        return at(
            line,
            column,
            "a closing bracket that closes nothing",
            "remove it, or put the value in quotes if the bracket is part of the text",
        );
    }
    let source = text.lines().nth(line as usize - 1).unwrap_or("");
    if source.trim_start().starts_with("- ") {
        return at(
            line,
            column,
            "this list item is not lined up with a list above it",
            "start every `- ` of a list at the same column, below a field with nothing after its colon (`tags:`)",
        );
    }
    if message.contains("did not find expected") || message.contains("block") || message.contains("indent") {
        return at(
            line,
            column,
            "this line is not indented like the lines around it",
            "fields line up at the same indentation; list items (`- `) under a field all start at the same column",
        );
    }
    at(line, column, &format!("invalid YAML: {message}"), GENERIC_HINT)
}

/// `title: a: b` (a colon inside a value) or a line indented under a plain value.
fn colon_in_the_wrong_place(text: &str, line: u32, column: u32) -> YamlError {
    let source = text.lines().nth(line as usize - 1).unwrap_or("");
    let before: String = source.chars().take(column as usize - 1).collect();
    if let Some((key, value)) = source.split_once(": ").filter(|_| before.contains(": ")) {
        let example = format!("{}: \"{}\"", key.trim(), value.trim().replace('"', "\\\""));
        return at(
            line,
            column,
            "a second `: ` in this value: YAML reads it as the start of another field",
            &format!("put the value in quotes: `{example}`"),
        );
    }
    if source.starts_with([' ', '\t']) {
        return at(
            line,
            1,
            "this line is indented more than the field above it",
            "line it up with the other fields; only list items and groups of fields go indented below a field with nothing after its colon",
        );
    }
    at(line, column, "a `:` where YAML does not expect one", "put the value in quotes")
}

/// The first tab in the indentation or between the key and the value of a line, from `line` on.
fn first_tab_from(text: &str, line: u32) -> Option<(u32, u32)> {
    text.lines().enumerate().skip(line.saturating_sub(1) as usize).find_map(|(index, source)| {
        let leading = source.len() - source.trim_start_matches([' ', '\t']).len();
        let tab = source[..leading].find('\t')?;
        Some((index as u32 + 1, source[..tab].chars().count() as u32 + 1))
    })
}

/// The first `[` or `{` that opens a flow collection before `end` and is not closed by then.
fn unclosed_flow(text: &str, end: usize) -> Option<(u32, u32, char)> {
    let end = end.min(text.len());
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut quote: Option<char> = None;
    let mut previous = '\n';
    let mut in_comment = false;
    for (offset, c) in text[..end].char_indices() {
        match (quote, c) {
            _ if c == '\n' => in_comment = false,
            _ if in_comment => {}
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '#') if previous.is_whitespace() => in_comment = true,
            (None, '"' | '\'') if !open.is_empty() || starts_value(previous) => quote = Some(c),
            (None, '[' | '{') if !open.is_empty() || starts_value(previous) => open.push((offset, c)),
            (None, ']' | '}') if !open.is_empty() => {
                open.pop();
            }
            _ => {}
        }
        previous = c;
    }
    let (offset, bracket) = open.first().copied()?;
    let (line, column) = line_and_column(text, offset);
    Some((line, column, bracket))
}

/// Whether a character just before a bracket or quote lets it open a value.
fn starts_value(previous: char) -> bool {
    previous.is_whitespace() || matches!(previous, ':' | ',' | '-' | '[' | '{')
}

fn offset_of(text: &str, line: u32, column: u32) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(line as usize - 1).map(str::len).sum();
    let rest = &text[line_start.min(text.len())..];
    line_start + rest.char_indices().nth(column as usize - 1).map_or(rest.len(), |(i, _)| i)
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub(super) fn line_and_column(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line as u32, before[line_start..].chars().count() as u32 + 1)
}
