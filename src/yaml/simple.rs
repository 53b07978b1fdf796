//! The front matter nearly every page has — `name: value` lines, quoted text, `[a, b]` — read without the parser.
//!
//! The full reading (serde-saphyr, then `tree.rs`) costs about 200,000 instructions for
//! six short fields: a quarter of `kennis check`. Most front matter is a handful of
//! one-line fields whose reading leaves no doubt, and this module reads exactly those.
//! Whatever it is not certain of — an indented line, a block list, a comment after a
//! value, an escape, a plain scalar YAML might read as a boolean, number or null, a
//! key written twice — makes it give up (`None`), and the full reading runs, so every
//! error message, and every value it could type differently, still comes from there.
//! `simple_tests.rs` checks that both readings agree on generated front matter.

use serde_json::Value;

use super::{Key, Positioned};

/// The fields of `text` when every line is one this module reads with certainty; `None`
/// otherwise (the caller then runs the full reading). Positions as the parser gives
/// them: lines from `first_line`, columns in characters, a value at its first character.
pub(super) fn simple_mapping(text: &str, first_line: u32) -> Option<Vec<(Key, Positioned)>> {
    // Tabs, carriage returns, control characters and the characters YAML 1.1 reads as
    // line breaks (or refuses) are the parser's to judge.
    let unusual = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
    };
    if text.contains(unusual) {
        return None;
    }
    let mut fields: Vec<(Key, Positioned)> = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        if line.bytes().all(|b| b == b' ') || line.starts_with('#') {
            continue;
        }
        let line_number = first_line.checked_add(u32::try_from(index).ok()?)?;
        let (name, rest) = line.split_once(':')?;
        if !is_simple_key(name) || fields.iter().any(|(key, _)| key.name == name) {
            return None;
        }
        let value = rest.strip_prefix(' ')?.trim_matches(' ');
        let positioned = simple_value(value, line, line_number)?;
        fields.push((Key { name: name.to_owned(), line: line_number, column: 1 }, positioned));
    }
    (!fields.is_empty()).then_some(fields)
}

/// A field name of letters, digits, `_` and `-`, starting with a letter or `_`.
fn is_simple_key(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The 1-based column, in characters, at which `part` (a slice of `line`) starts.
fn column_of(line: &str, part: &str) -> Option<u32> {
    let offset = (part.as_ptr() as usize).checked_sub(line.as_ptr() as usize)?;
    u32::try_from(line.get(..offset)?.chars().count() + 1).ok()
}

/// One field's value (`value`, a slice of `line`): quoted text, a flow list of such
/// items, or plain text.
fn simple_value(value: &str, line: &str, line_number: u32) -> Option<Positioned> {
    let column = column_of(line, value)?;
    let Some(inside) = value.strip_prefix('[') else {
        return simple_scalar(value, false, line_number, column);
    };
    // `[a, "b c", d]`: each item quoted or plain text, each at its own column.
    let inside = inside.strip_suffix(']')?;
    let mut items = Vec::new();
    if !inside.bytes().all(|b| b == b' ') {
        for item in inside.split(',') {
            let item = item.trim_matches(' ');
            items.push(simple_scalar(item, true, line_number, column_of(line, item)?)?);
        }
    }
    let value = Value::Array(items.iter().map(|item| item.value.clone()).collect());
    Some(Positioned { value, written: None, line: line_number, column, items, fields: Vec::new() })
}

/// Quoted text without escapes or inner quotes, or plain text that YAML can read only as
/// text; `None` for anything else. In a list (`in_flow`), plain text holds no `[]{}:`.
fn simple_scalar(value: &str, in_flow: bool, line: u32, column: u32) -> Option<Positioned> {
    let positioned =
        |value, written| Positioned { value, written, line, column, items: Vec::new(), fields: Vec::new() };
    for quote in ['"', '\''] {
        if let Some(inside) = value.strip_prefix(quote) {
            let inside = inside.strip_suffix(quote)?;
            if inside.contains([quote, '\\']) {
                return None;
            }
            return Some(positioned(Value::String(inside.to_owned()), None));
        }
    }
    let first = value.chars().next()?;
    let flow_marks = in_flow && value.contains(['[', ']', '{', '}', ':']);
    if !first.is_alphanumeric()
        || value.contains('#')
        || value.contains(": ")
        || value.ends_with(':')
        || flow_marks
    {
        return None;
    }
    if !is_certainly_text(value) {
        return None;
    }
    Some(positioned(Value::String(value.to_owned()), Some(value.to_owned())))
}

/// Whether YAML reads a plain scalar that starts with a letter or digit as text and
/// nothing else: not one of the words it reads as a boolean, null or float (in any case),
/// and, when it starts with a digit, not made only of what numbers are made of (`0x1F`,
/// `1e3`, `1_000`, `1:30`), except a day (`2024-09-24`).
fn is_certainly_text(value: &str) -> bool {
    const WORDS: &[&str] =
        &["y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf", "infinity"];
    const NUMBER_CHARACTERS: &str = "0123456789+-._:eExXoObBaAcCdDfF";
    if WORDS.iter().any(|word| value.eq_ignore_ascii_case(word)) {
        return false;
    }
    !value.starts_with(|c: char| c.is_ascii_digit())
        || is_day(value)
        || value.chars().any(|c| !NUMBER_CHARACTERS.contains(c))
}

/// `2024-09-24`: four digits, two and two, joined by dashes.
fn is_day(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() == 10
        && bytes
            .iter()
            .enumerate()
            .all(|(at, &b)| if at == 4 || at == 7 { b == b'-' } else { b.is_ascii_digit() })
}

#[cfg(test)]
#[path = "simple_tests.rs"]
mod tests;
