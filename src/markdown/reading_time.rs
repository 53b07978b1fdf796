//! Word count and reading time of a page body.

use pulldown_cmark::{Event, Tag, TagEnd};

/// A common estimate for reading prose on a screen.
const WORDS_PER_MINUTE: usize = 220;

/// Counts words across the text events of a page. A word is a run of
/// non-whitespace that holds at least one letter or digit, so `foo**bar**` is one
/// word and a lone `—` is none.
#[derive(Default)]
pub(crate) struct WordCounter {
    words: usize,
    current_word_counted: bool,
}

impl WordCounter {
    pub(crate) fn observe(&mut self, event: &Event<'_>) {
        match event {
            Event::Text(text) | Event::Code(text) => self.count(text),
            Event::SoftBreak | Event::HardBreak | Event::Rule => self.end_word(),
            // Block boundaries separate words; inline ones (emphasis, links) do not.
            Event::Start(tag) if !is_inline(tag) => self.end_word(),
            Event::End(tag) if ends_block(*tag) => self.end_word(),
            _ => {}
        }
    }

    fn count(&mut self, text: &str) {
        let bytes = text.as_bytes();
        // Most text is words with one space between them, often with a space at either end
        // where a link or emphasis begins or ends: whole words at a time.
        let inner = text.trim_matches(' ').as_bytes();
        if is_single_spaced(inner) {
            if bytes.first() == Some(&b' ') {
                self.end_word();
            }
            self.count_single_spaced(inner);
            if bytes.last() == Some(&b' ') {
                self.end_word();
            }
            return;
        }
        // Bytes for ASCII, which is most text; characters only where it is not.
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            if byte.is_ascii() {
                at += 1;
                if is_ascii_space(byte) {
                    self.end_word();
                } else if !self.current_word_counted && byte.is_ascii_alphanumeric() {
                    self.words += 1;
                    self.current_word_counted = true;
                }
                continue;
            }
            let c = text[at..].chars().next().unwrap_or(' ');
            at += c.len_utf8();
            if c.is_whitespace() {
                self.end_word();
            } else if c.is_alphanumeric() && !self.current_word_counted {
                self.words += 1;
                self.current_word_counted = true;
            }
        }
    }

    /// Counts the words of single-spaced text ([`is_single_spaced`]): the first may go on
    /// from the text before; each after a space counts when it holds a letter or digit,
    /// which is nearly always its first byte, so the rest is one pass over byte pairs.
    fn count_single_spaced(&mut self, bytes: &[u8]) {
        let first_end = memchr::memchr(b' ', bytes).unwrap_or(bytes.len());
        if !self.current_word_counted && bytes[..first_end].iter().any(u8::is_ascii_alphanumeric) {
            self.words += 1;
            self.current_word_counted = true;
        }
        let rest = &bytes[first_end..];
        if rest.is_empty() {
            return;
        }
        let (word_starts, marked_starts) = word_starts_after_spaces(rest);
        self.words += word_starts;
        // A word that starts with a mark (`(see`, `"quoted"`, `-`) counts if it holds a letter or digit.
        if marked_starts > 0 {
            for (at, _) in rest
                .iter()
                .enumerate()
                .filter(|&(at, &b)| b == b' ' && rest.get(at + 1).is_some_and(|b| !b.is_ascii_alphanumeric()))
            {
                let word = &rest[at + 1..];
                let word = &word[..memchr::memchr(b' ', word).unwrap_or(word.len())];
                self.words += usize::from(word.iter().any(u8::is_ascii_alphanumeric));
            }
        }
        let last = &rest[memchr::memrchr(b' ', rest).map_or(0, |at| at + 1)..];
        self.current_word_counted = last.iter().any(u8::is_ascii_alphanumeric);
    }

    fn end_word(&mut self) {
        self.current_word_counted = false;
    }

    pub(crate) fn words(&self) -> usize {
        self.words
    }
}

/// How many words after a space in `bytes` start with an ASCII letter or digit, and how
/// many with anything else. One pass over byte pairs in runs of 255, counted in bytes, so
/// that the compiler turns it into vector code.
fn word_starts_after_spaces(bytes: &[u8]) -> (usize, usize) {
    let (mut word_starts, mut marked_starts) = (0, 0);
    let pairs = bytes.len().saturating_sub(1);
    let mut at = 0;
    while at < pairs {
        let end = (at + 255).min(pairs);
        let (mut starts, mut marked) = (0u8, 0u8);
        for (&before, &byte) in bytes[at..end].iter().zip(&bytes[at + 1..=end]) {
            let after_space = u8::from(before == b' ');
            let letter_or_digit =
                u8::from(((byte | 0x20).wrapping_sub(b'a') < 26) | (byte.wrapping_sub(b'0') < 10));
            starts += after_space & letter_or_digit;
            marked += after_space & (letter_or_digit ^ 1);
        }
        word_starts += usize::from(starts);
        marked_starts += usize::from(marked);
        at = end;
    }
    (word_starts, marked_starts)
}

/// Whether an ASCII byte is whitespace as `char::is_whitespace` has it (space, tab, line
/// feed, vertical tab, form feed, carriage return).
pub(super) fn is_ascii_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t'..=b'\r')
}

/// Whether `bytes` are printable ASCII, neither starting nor ending with a space and with
/// no two spaces side by side: text whose whitespace is already collapsed. The check has no
/// early exit, so that it runs over many bytes at a time.
pub(super) fn is_single_spaced(bytes: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else { return false };
    let printable = |b: u8| (b' '..=b'~').contains(&b);
    // One pass over byte pairs, which the compiler turns into vector code.
    let pairs = bytes.iter().zip(&bytes[1..]);
    let fine = pairs.fold(printable(first), |all, (&a, &b)| all & printable(b) & !(a == b' ' && b == b' '));
    fine && first != b' ' && last != b' '
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

/// Whether text after this end belongs to another block (inline ends, as of emphasis, do not
/// separate words: `*un*done` is one word).
pub(super) fn ends_block(tag: TagEnd) -> bool {
    match tag {
        TagEnd::Paragraph
        | TagEnd::Heading(_)
        | TagEnd::BlockQuote(_)
        | TagEnd::CodeBlock
        | TagEnd::HtmlBlock
        | TagEnd::List(_)
        | TagEnd::Item
        | TagEnd::FootnoteDefinition
        | TagEnd::DefinitionList
        | TagEnd::DefinitionListTitle
        | TagEnd::DefinitionListDefinition
        | TagEnd::Table
        | TagEnd::TableHead
        | TagEnd::TableRow
        | TagEnd::TableCell
        | TagEnd::MetadataBlock(_) => true,
        TagEnd::Emphasis
        | TagEnd::Strong
        | TagEnd::Strikethrough
        | TagEnd::Superscript
        | TagEnd::Subscript
        | TagEnd::Link
        | TagEnd::Image => false,
    }
}

/// Minutes to read `words` words, rounded up; at least one.
pub(crate) fn reading_minutes(words: usize) -> u32 {
    let minutes = words.div_ceil(WORDS_PER_MINUTE).max(1);
    u32::try_from(minutes).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_minutes_round_up() {
        let cases = [(0, 1), (1, 1), (220, 1), (221, 2), (440, 2), (2200, 10)];
        for (words, minutes) in cases {
            assert_eq!(reading_minutes(words), minutes, "{words} words");
        }
    }

    #[test]
    fn words_are_runs_with_a_letter_or_digit() {
        let mut counter = WordCounter::default();
        for event in [
            Event::Text("one — two, ".into()),
            Event::Start(Tag::Strong),
            Event::Text("thr".into()),
            Event::End(TagEnd::Strong),
            Event::Text("ee 4".into()),
            Event::End(TagEnd::Paragraph),
            Event::Text("five".into()),
        ] {
            counter.observe(&event);
        }
        assert_eq!(counter.words(), 5);
    }

    #[test]
    fn words_are_split_by_any_whitespace_and_counted_in_any_script() {
        let mut counter = WordCounter::default();
        counter.observe(&Event::Text("één\u{a0}twee\u{b}drie — vier\u{3000}五 ! ?".into()));
        assert_eq!(counter.words(), 5);
    }

    #[test]
    fn single_spaced_text_counts_as_any_other() {
        let mut counter = WordCounter::default();
        for event in [
            Event::Text("one two - x".into()),
            Event::Start(Tag::Emphasis),
            Event::Text("yz".into()),
            Event::End(TagEnd::Emphasis),
            Event::Text("; & three".into()),
            Event::End(TagEnd::Paragraph),
            Event::Text("four".into()),
        ] {
            counter.observe(&event);
        }
        assert_eq!(counter.words(), 5);
    }

    /// The rule the counter follows, a character at a time: what the proptest compares with.
    fn reference_count(texts: &[String]) -> usize {
        let (mut words, mut counted) = (0, false);
        for text in texts {
            for c in text.chars() {
                if c.is_whitespace() {
                    counted = false;
                } else if c.is_alphanumeric() && !counted {
                    words += 1;
                    counted = true;
                }
            }
        }
        words
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn text_counts_as_the_plain_character_rule_counts_it(
            texts in proptest::collection::vec("( |  |a|bc|D9|-|—|\\(|\"|é|\t|\n|\u{a0}|\\.|,){0,12}", 1..5)
        ) {
            let mut counter = WordCounter::default();
            for text in &texts {
                counter.observe(&Event::Text(text.clone().into()));
            }
            proptest::prop_assert_eq!(counter.words(), reference_count(&texts), "{:?}", texts);
        }
    }

    #[test]
    fn words_after_spaces_are_told_apart_by_their_first_byte_in_long_text_too() {
        assert_eq!(word_starts_after_spaces(b"a b (c @d [e `f {g 9 Z z"), (4, 5));
        let long = "ab (cd ".repeat(100);
        assert_eq!(word_starts_after_spaces(long.trim_end().as_bytes()), (99, 100));
    }

    proptest::proptest! {
        #[test]
        fn single_spaced_is_printable_ascii_with_no_space_at_either_end_or_beside_another(
            text in "( |  |a|~|\\t|é|\u{7f}|-){0,10}"
        ) {
            let expected = !text.is_empty()
                && text.bytes().all(|b| (b' '..=b'~').contains(&b))
                && !text.starts_with(' ')
                && !text.ends_with(' ')
                && !text.contains("  ");
            proptest::prop_assert_eq!(is_single_spaced(text.as_bytes()), expected, "{:?}", text);
        }
    }
}
