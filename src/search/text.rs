//! Search text: the words of a page as index terms, the same way at build time and in the
//! browser (`themes/default/static/kennis-search-text.js` is this module in JavaScript).
//!
//! A text goes through these steps, each chosen so that JavaScript can repeat it exactly:
//!
//! 1. Unicode NFKD, then the diacritics (combining marks U+0300–036F, U+1AB0–1AFF,
//!    U+1DC0–1DFF, U+20D0–20FF, U+FE20–FE2F) are dropped: `hiërarchie` → `hierarchie`,
//!    `ﬁ` → `fi`. Other marks (Japanese voicing, Indic vowel signs) stay.
//! 2. Tokens: runs of letters, digits and marks, joined by `_ - . :` between them
//!    (`snake_case`, `v1.2`, `std::fs`); an apostrophe between letters is dropped
//!    (`auto's` → `autos`). Each Han, kana or bopomofo character is a token of its own,
//!    since those scripts do not separate words by spaces.
//! 3. A token with joiners or CamelCase humps gives its whole (folded, unstemmed, never a
//!    stop word) and then its parts; any other token gives itself.
//! 4. Each term is folded ([`fold`]), parts lose stop words and are stemmed by the page's
//!    language (English: Snowball's Porter2; Dutch: Snowball's Kraaij-Pohlmann with two
//!    additions, see `stem_nl.rs`), and cut to [`MAX_TERM_CHARS`] characters.
//!
//! No term starts with `~` (facet terms use it) or is empty.

mod stem_en;
mod stem_nl;
mod stop_words;

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The longest term, in characters (Unicode scalar values); longer ones are cut.
pub const MAX_TERM_CHARS: usize = 40;

/// The language whose stemmer and stop words a text gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Nl,
    /// No stemmer: terms are folded only, and no word is a stop word.
    Other,
}

impl Lang {
    /// The language of a page's `lang` or the site's `language`: `en`, `en-GB`, `nl`,
    /// `nl_BE` and the like; anything else is [`Lang::Other`].
    pub fn from_code(code: &str) -> Lang {
        let primary = code.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Lang::En
        } else if primary.eq_ignore_ascii_case("nl") {
            Lang::Nl
        } else {
            Lang::Other
        }
    }
}

/// Every term of `text`, in order (a term occurs as often as its words do).
pub fn terms(text: &str, lang: Lang) -> Vec<String> {
    let mut terms = Vec::new();
    for_each_term(text, lang, |term| terms.push(term.to_string()));
    terms
}

/// Calls `emit` with every term of `text`, in order, as [`terms`] returns them.
pub fn for_each_term(text: &str, lang: Lang, mut emit: impl FnMut(&str)) {
    for_each_piece(text, |piece| match piece {
        Piece::Term(term) => emit(term),
        Piece::Word(word) => {
            if let Some(term) = word_term(word, lang) {
                emit(&term);
            }
        }
    });
}

/// What a text gives on its way to terms: a term as it is, or a single word that
/// [`word_term`] turns into its term (or none, for a stop word). A site repeats its words
/// many times, so a caller may remember each word's term rather than stem it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A term, final: a compound's whole or one of its names, cut and never empty.
    Term(&'a str),
    /// A single word as written (a token or a compound's part), not yet folded.
    Word(&'a str),
}

/// Calls `emit` with every piece of `text`, in order: [`for_each_term`] is this with each
/// word turned into its term by [`word_term`].
pub fn for_each_piece(text: &str, mut emit: impl FnMut(Piece<'_>)) {
    let prepared = prepare(text);
    let mut at = 0;
    while let Some((start, end)) = next_token(&prepared, at) {
        emit_token(&prepared[start..end], &mut emit);
        at = end;
    }
}

/// The term of a single word of a [`Piece::Word`]: folded, `None` for a stop word (or a
/// word that folds to nothing), stemmed by `lang`, cut to [`MAX_TERM_CHARS`].
pub fn word_term(word: &str, lang: Lang) -> Option<String> {
    let folded = fold_prepared(word);
    let (is_stop_word, stem): (StopWords, Stemmer) = match lang {
        Lang::En => (stop_words::is_english, stem_en::stem),
        Lang::Nl => (stop_words::is_dutch, stem_nl::stem),
        Lang::Other => return cut_term(folded),
    };
    if is_stop_word(&folded) {
        return None;
    }
    if folded.bytes().all(|b| b.is_ascii_lowercase()) { cut_term(stem(&folded)) } else { cut_term(folded) }
}

/// One word normalised as terms are: NFKD, diacritics dropped, lower case (character by
/// character, as JavaScript's `toLowerCase` does one character), a few letters that have
/// no decomposition spelled out (`ß` → `ss`, `ø` → `o`, `ł` → `l`, final `ς` → `σ`), NFC.
pub fn fold(word: &str) -> String {
    fold_prepared(&prepare(word))
}

/// Step 1: NFKD with the diacritics dropped. ASCII is left as it is, and only the runs
/// between ASCII characters are decomposed: an ASCII character neither decomposes nor
/// moves in the reordering of marks, so this is the NFKD of the whole text.
fn prepare(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut prepared = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        prepared.push_str(&rest[..ascii]);
        rest = &rest[ascii..];
        let other = rest.bytes().position(|b| b.is_ascii()).unwrap_or(rest.len());
        prepared.extend(rest[..other].nfkd().filter(|&c| !is_diacritic(c)));
        rest = &rest[other..];
    }
    Cow::Owned(prepared)
}

#[inline]
fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

fn fold_prepared(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut lower = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'ß' => lower.push_str("ss"),
            'æ' => lower.push_str("ae"),
            'œ' => lower.push_str("oe"),
            'þ' => lower.push_str("th"),
            'ø' => lower.push('o'),
            'ł' => lower.push('l'),
            'đ' | 'ð' => lower.push('d'),
            'ı' => lower.push('i'),
            'ς' => lower.push('σ'),
            c if is_diacritic(c) => {}
            c => lower.push(c),
        }
    }
    if lower.is_ascii() { lower } else { lower.nfc().collect() }
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphabetic() || c.is_numeric() || is_combining_mark(c)
}

#[inline]
fn is_joiner(c: char) -> bool {
    matches!(c, '_' | '-' | '.' | ':')
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// Han, kana and bopomofo: written without spaces between words.
#[inline]
fn is_ideographic(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{2FDF}' | '\u{3040}'..='\u{312F}' | '\u{31A0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

#[inline]
fn is_plain_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    is_word_char(c) && !is_ideographic(c)
}

/// The character at byte `at` of `text`, if any.
#[inline]
fn char_at(text: &str, at: usize) -> Option<char> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() { Some(byte as char) } else { text[at..].chars().next() }
}

/// The next token at or after byte `at`: its start and end in `text`. Most text is ASCII:
/// its bytes are classified as they are, and only other characters are decoded.
fn next_token(text: &str, mut at: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    loop {
        let byte = *bytes.get(at)?;
        if byte.is_ascii_alphanumeric() {
            break;
        } else if byte.is_ascii() {
            at += 1;
        } else {
            let c = char_at(text, at)?;
            if is_word_char(c) {
                break;
            }
            at += c.len_utf8();
        }
    }
    let start = at;
    if !bytes[at].is_ascii() {
        let first = char_at(text, at)?;
        if is_ideographic(first) {
            at += first.len_utf8();
            while let Some(c) = char_at(text, at).filter(|&c| is_combining_mark(c)) {
                at += c.len_utf8();
            }
            return Some((start, at));
        }
    }
    loop {
        at = plain_run_end(text, at);
        // Most tokens end at the text's end or at ASCII that is neither a joiner nor an apostrophe.
        match bytes.get(at) {
            None => return Some((start, at)),
            Some(&byte) if byte.is_ascii() && !is_joiner(char::from(byte)) && byte != b'\'' => {
                return Some((start, at));
            }
            Some(_) => {}
        }
        // Joiners, or one apostrophe, between two word characters keep the token going.
        let mut gap = at;
        while bytes.get(gap).is_some_and(|&b| is_joiner(char::from(b))) {
            gap += 1;
        }
        if gap == at
            && let Some(c) = char_at(text, at).filter(|&c| is_apostrophe(c))
        {
            gap = at + c.len_utf8();
        }
        if gap > at && char_at(text, gap).is_some_and(is_plain_word_char) {
            at = gap;
        } else {
            return Some((start, at));
        }
    }
}

/// The end of the run of plain word characters at byte `at` of `text`.
#[inline]
fn plain_run_end(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii_alphanumeric() {
            at += 1;
        } else if byte.is_ascii() {
            break;
        } else {
            match char_at(text, at) {
                Some(c) if is_plain_word_char(c) => at += c.len_utf8(),
                _ => break,
            }
        }
    }
    at
}

/// Emits the pieces of one token: the whole and its parts, or the token alone.
fn emit_token(token: &str, emit: &mut impl FnMut(Piece<'_>)) {
    // Most tokens are plain ASCII words: no joiner, no hump.
    let bytes = token.as_bytes();
    if is_plain_ascii_word(bytes) {
        return emit(Piece::Word(token));
    }
    let word: Vec<char> = token.chars().filter(|&c| !is_apostrophe(c)).collect();
    let mut parts: Vec<&[char]> = Vec::new();
    for segment in word.split(|&c| is_joiner(c)).filter(|segment| !segment.is_empty()) {
        split_humps(segment, &mut parts);
    }
    let whole: String = word.iter().collect();
    if parts.len() > 1 || word.iter().any(|&c| is_joiner(c)) {
        emit_term(fold_prepared(&whole), emit);
        // A qualified name (`k.klant_id`, `std::fs_err`) is found by each of its names
        // that is itself an identifier (`klant_id`), as well as by its whole and parts.
        if whole.contains(['.', ':']) {
            for name in whole.split(['.', ':']).filter(|name| name.contains(['_', '-'])) {
                emit_term(fold_prepared(name), emit);
            }
        }
        for part in parts {
            emit(Piece::Word(&part.iter().collect::<String>()));
        }
    } else {
        emit(Piece::Word(&whole));
    }
}

/// Whether `word` is ASCII letters and digits only, without a CamelCase hump as
/// [`split_humps`] finds them (a lower-case letter before a capital, or two capitals before a
/// lower-case letter), looked at in one pass.
fn is_plain_ascii_word(word: &[u8]) -> bool {
    let (mut after_lower, mut capitals) = (false, 0);
    for &byte in word {
        if byte.is_ascii_lowercase() {
            if capitals >= 2 {
                return false;
            }
            (after_lower, capitals) = (true, 0);
        } else if byte.is_ascii_uppercase() {
            if after_lower {
                return false;
            }
            (after_lower, capitals) = (false, capitals + 1);
        } else if byte.is_ascii_digit() {
            (after_lower, capitals) = (false, 0);
        } else {
            return false;
        }
    }
    true
}

/// Splits `segment` at CamelCase humps: `camelCase` → `camel`, `Case`; `HTTPServer` →
/// `HTTP`, `Server`.
fn split_humps<'a>(segment: &'a [char], parts: &mut Vec<&'a [char]>) {
    let mut start = 0;
    for i in 1..segment.len() {
        let (before, here) = (segment[i - 1], segment[i]);
        let hump = (before.is_lowercase() && here.is_uppercase())
            || (before.is_uppercase()
                && here.is_uppercase()
                && segment.get(i + 1).is_some_and(|c| c.is_lowercase()));
        if hump {
            parts.push(&segment[start..i]);
            start = i;
        }
    }
    parts.push(&segment[start..]);
}

type StopWords = fn(&str) -> bool;
type Stemmer = fn(&str) -> String;

/// Emits `term` cut to [`MAX_TERM_CHARS`], unless it is empty.
fn emit_term(term: String, emit: &mut impl FnMut(Piece<'_>)) {
    if let Some(term) = cut_term(term) {
        emit(Piece::Term(&term));
    }
}

/// `term` cut to [`MAX_TERM_CHARS`], or `None` when it is empty.
fn cut_term(mut term: String) -> Option<String> {
    if let Some((end, _)) = term.char_indices().nth(MAX_TERM_CHARS) {
        term.truncate(end);
    }
    (!term.is_empty()).then_some(term)
}

/// `word.ends_with(suffix)`, for the short suffixes of stemming: comparing from the end
/// rejects most of them at the first byte, without a call to `memcmp`.
fn ends_with(word: &[u8], suffix: &[u8]) -> bool {
    word.len() >= suffix.len() && word.iter().rev().zip(suffix.iter().rev()).all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests;
