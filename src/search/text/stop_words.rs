//! Stop words: the short lists of words too common to search for, per language.
//!
//! English is Lucene's classic list; Dutch the most frequent words of Snowball's Dutch
//! list. Both are folded forms, so they are compared with folded words before stemming.
//! `kennis-search-text.js` holds the same lists (the agreement test compares them).

const ENGLISH: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no",
    "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to",
    "was", "will", "with",
];

const DUTCH: &[&str] = &[
    "aan", "al", "als", "bij", "dan", "dat", "de", "der", "deze", "die", "dit", "door", "een", "en", "er",
    "het", "hij", "hoe", "ik", "in", "is", "je", "maar", "met", "na", "naar", "niet", "nog", "of", "om",
    "ook", "op", "te", "tot", "uit", "van", "voor", "was", "wat", "werd", "wie", "wij", "zal", "ze", "zich",
    "zij", "zijn", "zo",
];

/// A word of at most eight bytes as a number (longer words are no stop words), so that
/// looking a word up compares numbers, not strings: it runs for every word indexed.
const fn packed(word: &[u8]) -> Option<u64> {
    if word.len() > 8 {
        return None;
    }
    let mut key = 0u64;
    let mut i = 0;
    while i < word.len() {
        key = (key << 8) | word[i] as u64;
        i += 1;
    }
    Some(key | ((word.len() as u64) << 60))
}

const fn pack_all<const N: usize>(words: &[&str]) -> [u64; N] {
    let mut keys = [0u64; N];
    let mut i = 0;
    while i < N {
        keys[i] = match packed(words[i].as_bytes()) {
            Some(key) => key,
            None => panic!("a stop word longer than eight bytes"),
        };
        i += 1;
    }
    keys
}

const ENGLISH_KEYS: [u64; ENGLISH.len()] = pack_all(ENGLISH);
const DUTCH_KEYS: [u64; DUTCH.len()] = pack_all(DUTCH);

/// Whether the folded `word` is an English stop word.
pub(crate) fn is_english(word: &str) -> bool {
    packed(word.as_bytes()).is_some_and(|key| ENGLISH_KEYS.contains(&key))
}

/// Whether the folded `word` is a Dutch stop word.
pub(crate) fn is_dutch(word: &str) -> bool {
    packed(word.as_bytes()).is_some_and(|key| DUTCH_KEYS.contains(&key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_word_is_a_stop_word_and_no_other() {
        assert!(ENGLISH.iter().all(|word| is_english(word)));
        assert!(DUTCH.iter().all(|word| is_dutch(word)));
        for word in ["", "th", "then1", "zijnde", "theirs", "aa", "\u{0}the"] {
            assert!(!is_english(word) && !is_dutch(word), "{word:?}");
        }
    }
}
