//! Text of a site file as kennis reads it: UTF-8 or an error at the first bad byte, lone `\r` as line breaks.

use crate::error::Diagnostic;

/// The file's bytes as text, with old Mac line endings (`\r` alone) read as the lines they
/// are; bytes that are not UTF-8 are an error at the line and column of the first of them.
/// `file` is the path shown in the error (`site.yaml`, `content/posts/a.md`).
pub fn site_file_text(bytes: Vec<u8>, file: &str) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(lone_carriage_returns_as_line_feeds(text)),
        Err(e) => {
            let (line, column) = line_and_column(e.as_bytes(), e.utf8_error().valid_up_to());
            Err(Diagnostic::error(file, line, column, "this file is not valid UTF-8")
                .with_hint("save the file as UTF-8 in your editor"))
        }
    }
}

/// Text saved with old Mac line endings (`\r` alone) as the lines it has, as YAML reads them: each lone
/// `\r` becomes `\n`, which is one byte too, so every offset and line number stays right.
/// `\r\n` is left alone.
pub fn lone_carriage_returns_as_line_feeds(text: String) -> String {
    if !has_lone_carriage_return(&text) {
        return text;
    }
    let mut bytes = text.into_bytes();
    for index in 0..bytes.len() {
        if bytes[index] == b'\r' && bytes.get(index + 1) != Some(&b'\n') {
            bytes[index] = b'\n';
        }
    }
    String::from_utf8(bytes).expect("replacing one ASCII byte by another keeps UTF-8 valid")
}

/// Whether a `\r` in `text` is not followed by `\n`.
pub fn has_lone_carriage_return(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'\r', bytes).any(|index| bytes.get(index + 1) != Some(&b'\n'))
}

/// The name in `known` closest to `wanted` by edit distance (a swap counts as one edit),
/// if it is at most `limit` edits away: the "did you mean" of every message.
pub fn closest_name<'a>(wanted: &str, known: &[&'a str], limit: usize) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(wanted, k), *k))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, k)| k)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_and_column(text: &[u8], offset: usize) -> (u32, u32) {
    let before = &text[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line as u32, column as u32)
}

/// `text` with each range replaced, the ranges in order; a range that starts inside one
/// already replaced is skipped. `extra` is room to reserve beyond `text`'s length.
pub(crate) fn replace_ranges(
    text: &str,
    edits: Vec<(std::ops::Range<usize>, String)>,
    extra: usize,
) -> String {
    let mut out = String::with_capacity(text.len() + extra);
    let mut copied = 0;
    for (range, replacement) in edits {
        if range.start < copied {
            continue;
        }
        out.push_str(&text[copied..range.start]);
        out.push_str(&replacement);
        copied = range.end;
    }
    out.push_str(&text[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_byte_is_named_at_its_line_and_column() {
        let error = site_file_text(b"title: A\nname: Ren\xe9e\n".to_vec(), "authors/r.yaml").unwrap_err();
        assert_eq!((error.file.as_str(), error.line, error.column), ("authors/r.yaml", 2, 10));
        assert_eq!(error.message, "this file is not valid UTF-8");
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        assert_eq!(site_file_text(b"a: 1\rb: 2\r\n".to_vec(), "x").unwrap(), "a: 1\nb: 2\r\n");
    }
}
