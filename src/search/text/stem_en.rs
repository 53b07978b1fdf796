//! English stemming: Snowball's English ("Porter2") algorithm as in Snowball 3.0, by hand.
//!
//! The word is lower-case ASCII (`text::stem` calls this for nothing else). The browser's
//! copy in `kennis-search-text.js` follows this code line by line; the agreement test
//! runs both on the same words.

use super::ends_with;

const VOWELS: &[u8] = b"aeiouy";

fn is_vowel(c: u8) -> bool {
    VOWELS.contains(&c)
}

/// Whole words the algorithm stems specially (or leaves alone).
const EXCEPTIONS: &[(&str, &str)] = &[
    ("skis", "ski"),
    ("skies", "sky"),
    ("idly", "idl"),
    ("gently", "gentl"),
    ("ugly", "ugli"),
    ("early", "earli"),
    ("only", "onli"),
    ("singly", "singl"),
    ("sky", "sky"),
    ("news", "news"),
    ("howe", "howe"),
    ("atlas", "atlas"),
    ("cosmos", "cosmos"),
    ("bias", "bias"),
    ("andes", "andes"),
];

/// Prefixes whose end is taken as the end of the first syllable (R1).
const R1_PREFIXES: &[&str] =
    &["gener", "commun", "arsen", "past", "univers", "later", "emerg", "organ", "inter"];

const STEP_2: &[(&str, &str)] = &[
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("abli", "able"),
    ("entli", "ent"),
    ("izer", "ize"),
    ("ization", "ize"),
    ("ational", "ate"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("aliti", "al"),
    ("alli", "al"),
    ("fulness", "ful"),
    ("ousli", "ous"),
    ("ousness", "ous"),
    ("iveness", "ive"),
    ("iviti", "ive"),
    ("biliti", "ble"),
    ("bli", "ble"),
    ("ogist", "og"),
    ("ogi", "og"),
    ("fulli", "ful"),
    ("lessli", "less"),
    ("li", ""),
];

const STEP_3: &[(&str, &str)] = &[
    ("tional", "tion"),
    ("ational", "ate"),
    ("alize", "al"),
    ("icate", "ic"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
    ("ative", ""),
];

const STEP_4: &[&str] = &[
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti",
    "ous", "ive", "ize", "ion",
];

/// The longest of `suffixes` that `word` ends with, as Snowball's `among` picks it.
fn longest<'a>(word: &[u8], suffixes: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<&str> = None;
    for suffix in suffixes {
        if best.is_none_or(|best| suffix.len() > best.len()) && ends_with(word, suffix.as_bytes()) {
            best = Some(suffix);
        }
    }
    best
}

/// After the first vowel, the end of the first non-vowel that follows it (or `len`).
fn region_after(word: &[u8], from: usize) -> usize {
    let vowel = (from..word.len()).find(|&i| is_vowel(word[i]));
    let Some(vowel) = vowel else { return word.len() };
    (vowel + 1..word.len()).find(|&i| !is_vowel(word[i])).map_or(word.len(), |i| i + 1)
}

/// A short syllable ends `word[..end]`: non-vowel, vowel, non-vowel (not w, x, Y); or
/// vowel, non-vowel at the start; or the word ends in `past`.
fn short_syllable(word: &[u8], end: usize) -> bool {
    let w = &word[..end];
    let n = w.len();
    if n >= 3 && !b"aeiouywxY".contains(&w[n - 1]) && is_vowel(w[n - 2]) && !is_vowel(w[n - 3]) {
        return true;
    }
    (n == 2 && is_vowel(w[0]) && !is_vowel(w[1])) || w.ends_with(b"past")
}

pub(crate) fn stem(word: &str) -> String {
    if let Some((_, stem)) = EXCEPTIONS.iter().find(|(w, _)| *w == word) {
        return (*stem).to_string();
    }
    if word.len() < 3 {
        return word.to_string();
    }
    let mut w = word.as_bytes().to_vec();
    // Prelude: a y that starts the word or follows a vowel is a consonant, Y.
    let mut y_found = false;
    for i in 0..w.len() {
        if w[i] == b'y' && (i == 0 || is_vowel(w[i - 1])) {
            w[i] = b'Y';
            y_found = true;
        }
    }
    let p1 = match R1_PREFIXES.iter().filter(|p| w.starts_with(p.as_bytes())).map(|p| p.len()).max() {
        Some(len) => len,
        None => region_after(&w, 0),
    };
    let p2 = region_after(&w, p1);
    step_1a(&mut w);
    step_1b(&mut w, p1);
    step_1c(&mut w);
    step_2(&mut w, p1);
    step_3(&mut w, p1, p2);
    step_4(&mut w, p2);
    step_5(&mut w, p1, p2);
    let mut out = String::from_utf8(w).expect("ASCII in, ASCII out");
    if y_found {
        out = out.replace('Y', "y");
    }
    out
}

fn step_1a(w: &mut Vec<u8>) {
    let Some(suffix) = longest(w, ["sses", "ied", "ies", "s", "us", "ss"].into_iter()) else {
        return;
    };
    let start = w.len() - suffix.len();
    match suffix {
        "sses" => w.truncate(start + 2),
        "ied" | "ies" => {
            w.truncate(start);
            w.extend_from_slice(if start > 1 { b"i" } else { b"ie" });
        }
        // `next gopast v`: a vowel somewhere before the letter before the s.
        "s" if start >= 1 && w[..start - 1].iter().any(|&c| is_vowel(c)) => w.truncate(start),
        _ => {}
    }
}

fn step_1b(w: &mut Vec<u8>, p1: usize) {
    let suffixes = ["eed", "eedly", "ed", "edly", "ing", "ingly"];
    let Some(suffix) = longest(w, suffixes.into_iter()) else { return };
    let start = w.len() - suffix.len();
    let before = &w[..start];
    match suffix {
        "eed" | "eedly" => {
            if start >= p1 && !matches!(before, b"proc" | b"exc" | b"succ") {
                w.truncate(start);
                w.extend_from_slice(b"ee");
            }
            return;
        }
        "ing" if before.ends_with(b"y") && start == 2 && !is_vowel(before[0]) => {
            w.truncate(start - 1);
            w.extend_from_slice(b"ie");
            return;
        }
        "ing" if matches!(before, b"inn" | b"out" | b"cann" | b"herr" | b"earr" | b"even") => {
            return;
        }
        _ => {}
    }
    if !before.iter().any(|&c| is_vowel(c)) {
        return;
    }
    w.truncate(start);
    let n = w.len();
    if w.ends_with(b"at") || w.ends_with(b"bl") || w.ends_with(b"iz") {
        w.push(b'e');
    } else if n >= 2 && w[n - 1] == w[n - 2] && b"bdfgmnprt".contains(&w[n - 1]) {
        if !(n == 3 && b"aeo".contains(&w[0])) {
            w.pop();
        }
    } else if n == p1 && short_syllable(w, n) {
        w.push(b'e');
    }
}

fn step_1c(w: &mut [u8]) {
    let n = w.len();
    if n > 2 && matches!(w[n - 1], b'y' | b'Y') && !is_vowel(w[n - 2]) {
        w[n - 1] = b'i';
    }
}

fn replace_suffix(w: &mut Vec<u8>, suffix_len: usize, with: &str) {
    w.truncate(w.len() - suffix_len);
    w.extend_from_slice(with.as_bytes());
}

fn step_2(w: &mut Vec<u8>, p1: usize) {
    let Some(suffix) = longest(w, STEP_2.iter().map(|(s, _)| *s)) else { return };
    let start = w.len() - suffix.len();
    if start < p1 {
        return;
    }
    let with = STEP_2.iter().find(|(s, _)| *s == suffix).map_or("", |(_, r)| *r);
    let allowed = match suffix {
        "ogi" => start > 0 && w[start - 1] == b'l',
        "li" => start > 0 && b"cdeghkmnrt".contains(&w[start - 1]),
        _ => true,
    };
    if allowed {
        replace_suffix(w, suffix.len(), with);
    }
}

fn step_3(w: &mut Vec<u8>, p1: usize, p2: usize) {
    let Some(suffix) = longest(w, STEP_3.iter().map(|(s, _)| *s)) else { return };
    let start = w.len() - suffix.len();
    if start < p1 || (suffix == "ative" && start < p2) {
        return;
    }
    let with = STEP_3.iter().find(|(s, _)| *s == suffix).map_or("", |(_, r)| *r);
    replace_suffix(w, suffix.len(), with);
}

fn step_4(w: &mut Vec<u8>, p2: usize) {
    let Some(suffix) = longest(w, STEP_4.iter().copied()) else { return };
    let start = w.len() - suffix.len();
    if start < p2 {
        return;
    }
    if suffix != "ion" || (start > 0 && matches!(w[start - 1], b's' | b't')) {
        w.truncate(start);
    }
}

fn step_5(w: &mut Vec<u8>, p1: usize, p2: usize) {
    let n = w.len();
    if w.ends_with(b"e") {
        let start = n - 1;
        if start >= p2 || (start >= p1 && !short_syllable(w, start)) {
            w.pop();
        }
    } else if w.ends_with(b"l") && n > p2 && n >= 2 && w[n - 2] == b'l' {
        w.pop();
    }
}
