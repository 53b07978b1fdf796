//! Stop words: the short lists of words too common to search for, per language.
//!
//! English is Lucene's classic list; Dutch the most frequent words of Snowball's Dutch
//! list. Both are folded forms, so they are compared with folded words before stemming.
//! `kennis-search-text.js` holds the same lists (the agreement test compares them).

pub(crate) const ENGLISH: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no",
    "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to",
    "was", "will", "with",
];

pub(crate) const DUTCH: &[&str] = &[
    "aan", "al", "als", "bij", "dan", "dat", "de", "der", "deze", "die", "dit", "door", "een", "en", "er",
    "het", "hij", "hoe", "ik", "in", "is", "je", "maar", "met", "na", "naar", "niet", "nog", "of", "om",
    "ook", "op", "te", "tot", "uit", "van", "voor", "was", "wat", "werd", "wie", "wij", "zal", "ze", "zich",
    "zij", "zijn", "zo",
];
