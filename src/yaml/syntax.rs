//! Syntax errors placed where the mistake is: the scanner often stops a line or more after it.

use super::YamlError;
use crate::text::line_and_column;

use super::messages::{GENERIC_HINT, at, source_line};

/// A syntax error from the scanner, with a hint for its kind of mistake. Checks run from
/// the most certain (a tab in the indentation, an unclosed bracket) to the least.
pub(super) fn syntax(message: &str, text: &str, line: u32, column: u32) -> YamlError {
    let source = source_line(text, line);
    // The scanner notices a tab where a scalar or key ends, often a line above the tab.
    if let Some(tab) = first_tab_from(text, line).filter(|tab| message.contains("tab") || tab.0 == line) {
        return at(
            tab.0,
            tab.1,
            "a tab where YAML expects spaces",
            "YAML indents with spaces only: replace the tab with spaces",
        );
    }
    if let Some(unclosed) = unclosed_bracket(message, text, line, column) {
        return unclosed;
    }
    if message.contains("trailing content after") {
        return at(
            line,
            column,
            "text after the closing quote",
            "inside '...' write a ' as '', inside \"...\" write a \" as \\\"; or leave out the outer quotes",
        );
    }
    if message.contains("escape") {
        return at(
            line,
            column,
            "a backslash that YAML reads as an unknown escape",
            "inside \"...\" write a backslash as \\\\, or use single quotes, where a backslash is just a backslash",
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
    if message.contains("unexpected character") {
        let character: String = source.chars().skip(column as usize - 1).take(1).collect();
        return at(
            line,
            column,
            &format!("a value cannot start with `{character}`"),
            &format!("put the value in quotes: `{}`", quoted_example(source)),
        );
    }
    if message.contains("misplaced bracket") {
        return at(
            line,
            column,
            "a closing bracket that closes nothing",
            "remove it, or put the value in quotes if the bracket is part of the text",
        );
    }
    if let Some(no_colon) = line_without_colon(text, line, message) {
        return no_colon;
    }
    if message.contains("mapping values are not allowed") {
        return colon_in_the_wrong_place(source, line, column);
    }
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

/// `title: @home` as `title: "@home"`, for hints.
fn quoted_example(source: &str) -> String {
    match source.split_once(':') {
        Some((key, value)) => format!("{}: \"{}\"", key.trim(), value.trim().replace('"', "\\\"")),
        None => format!("\"{}\"", source.trim().replace('"', "\\\"")),
    }
}

/// An `[` or `{` that is never closed, or closed by the other kind: reported where it opens.
fn unclosed_bracket(message: &str, text: &str, line: u32, column: u32) -> Option<YamlError> {
    let error_offset = offset_of(text, line, column);
    // The scanner names the bracket when it sees the problem where the bracket opens.
    let (open_line, open_column, bracket) =
        if message.contains("unclosed bracket") || message.contains("mismatched bracket") {
            let bracket = if message.contains("'{'") { '{' } else { '[' };
            (line, column, bracket)
        } else {
            unclosed_flow(text, error_offset)?
        };
    let (what, close) = if bracket == '[' { ("list", ']') } else { ("group", '}') };
    Some(at(
        open_line,
        open_column,
        &format!("this {what} is not closed with `{close}`"),
        &format!("end it with `{close}` after its last item, on the same line"),
    ))
}

/// A line that is neither `name: value` nor `- item` (`title A`, `-bram`): the scanner
/// reads it as the start of a key and fails on the line after.
fn line_without_colon(text: &str, line: u32, message: &str) -> Option<YamlError> {
    let candidates = [line, line.saturating_sub(1)];
    let found = candidates.into_iter().filter(|&l| l >= 1).find(|&l| {
        let trimmed = source_line(text, l).trim();
        !trimmed.is_empty()
            && !trimmed.contains(':')
            && !trimmed.starts_with(['#', '[', '{', '"', '\'', '|', '>'])
            && !trimmed.starts_with("- ")
            && (message.contains("expected ':'") || message.contains("mapping values") || l < line)
    })?;
    let source = source_line(text, found);
    let indent = source.len() - source.trim_start().len();
    let hint = if source.trim_start().starts_with('-') {
        "a list item needs a space after its dash: `- item`"
    } else {
        "write it as `name: value`, with a colon and a space after the name"
    };
    Some(at(found, indent as u32 + 1, "this line has no `:`, so it is neither a field nor a list item", hint))
}

/// `title: a: b` (a colon inside a value) or a line indented under a plain value.
fn colon_in_the_wrong_place(source: &str, line: u32, column: u32) -> YamlError {
    let before: String = source.chars().take(column as usize - 1).collect();
    if before.contains(": ") {
        return at(
            line,
            column,
            "a second `: ` in this value: YAML reads it as the start of another field",
            &format!("put the value in quotes: `{}`", quoted_example(source)),
        );
    }
    if source.starts_with([' ', '\t']) {
        return at(
            line,
            1,
            "this line is indented more than the field above it",
            "line it up with the other fields; only list items and groups of fields go indented below a field \
             with nothing after its colon",
        );
    }
    at(line, column, "a `:` where YAML does not expect one", "put the value in quotes")
}

/// The first tab in the indentation of a line, from `line` on.
fn first_tab_from(text: &str, line: u32) -> Option<(u32, u32)> {
    text.lines().enumerate().skip(line.saturating_sub(1) as usize).find_map(|(index, source)| {
        let leading = source.len() - source.trim_start_matches([' ', '\t']).len();
        let tab = source[..leading].find('\t')?;
        Some((index as u32 + 1, source[..tab].chars().count() as u32 + 1))
    })
}

/// The `[` or `{` that opens a flow collection before `end` and is not closed by then:
/// the one a closer of the other kind meets, else the outermost one still open.
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
                let (at_offset, bracket) = open.pop()?;
                if (bracket == '[') != (c == ']') {
                    let (line, column) = line_and_column(text.as_bytes(), at_offset);
                    return Some((line, column, bracket));
                }
            }
            _ => {}
        }
        previous = c;
    }
    let (offset, bracket) = open.first().copied()?;
    let (line, column) = line_and_column(text.as_bytes(), offset);
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
