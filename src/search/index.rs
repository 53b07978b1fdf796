//! The term dictionary: every term's postings with their impacts, cut into impact-ordered top
//! blocks and overflow, and the dictionary cut into chunks.
//!
//! Made so that one page's edit rewrites few files (what `kennis serve` needs): a posting's
//! impact reads no other page except through the average length, quantized to a step of
//! 2^(1/8) that one edit almost never moves, and the site's newest day; chunk boundaries are
//! content-defined (after a term of two pages or more whose hash is the highest within about
//! 2.5 KB either side, sizes counted from the df), so a change moves only boundaries near it
//! and a word of one page none; an overflow file is named by its term's hash, so a
//! term gaining one renames no other; a chunk file is named by the key meta lists for it
//! (`files.rs`'s `chunk_name`), so a boundary that comes or goes renames no other chunk.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::search::documents::{Document, QuestionStatus};
use crate::search::postings::{Posting, encode};
use crate::search::text::{Lang, Piece, for_each_piece, word_term};

/// Postings a term's top block holds at most (`k` in meta): a query reads these first.
pub(crate) const TOP_POSTINGS: usize = 500;
/// A chunk of the dictionary ends after a term whose hash is the highest of the terms whose
/// ends lie less than this many counted bytes before or after its own (see [`cut_chunks`]):
/// chunks hold at least about this much and about twice this on average.
const CHUNK_WINDOW_BYTES: usize = 2560;
/// Lengths (a document's and the site's average) are quantized to powers of 2^(1/this).
const LENGTH_STEPS_PER_DOUBLING: f64 = 8.0;

/// BM25's saturation and length normalisation.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// How much a term counts in the title and in a heading, against once in the text.
const TITLE_WEIGHT: f64 = 3.0;
const HEADING_WEIGHT: f64 = 1.5;
/// A page as new as the site's newest scores up to this much more; the bonus halves every
/// `RECENCY_HALF_LIFE_DAYS`.
const RECENCY_BONUS: f64 = 0.15;
const RECENCY_HALF_LIFE_DAYS: f64 = 180.0;
/// A question with an accepted answer scores this much more.
const ACCEPTED_BONUS: f64 = 0.1;
/// The highest score a posting can reach, which quantizes to 255.
const MAX_SCORE: f64 = (K1 + 1.0) * (1.0 + RECENCY_BONUS) * (1.0 + ACCEPTED_BONUS);

/// One term of the dictionary, ready to write.
pub(crate) struct TermEntry {
    pub term: String,
    pub df: usize,
    /// The top block, encoded.
    pub top: String,
    /// The other postings, encoded, when `df` exceeds the top block.
    pub overflow: Option<String>,
    /// The overflow file's name below `search/o/` (its term's hash), empty when it has none.
    pub overflow_name: String,
}

/// The dictionary and what the client needs to read it.
pub(crate) struct Dictionary {
    /// Sorted by the terms' bytes.
    pub entries: Vec<TermEntry>,
    /// Each chunk's entries, as a range of `entries`.
    pub chunks: Vec<std::ops::Range<usize>>,
    /// The entries that have an overflow file, as indexes into `entries`.
    pub overflows: Vec<usize>,
    /// The average document length in terms, quantized (`quantized_length`): what every
    /// impact was computed with.
    pub average_length: f64,
    pub newest: Option<jiff::civil::Date>,
}

/// What one document gives a term before its impact is known.
struct Occurrence {
    weighted_frequency: f64,
    sections: u32,
}

/// One document's terms, by their numbers in the build's [`Vocabulary`]: each with its
/// weighted frequency and sections, and the length.
struct DocumentTerms {
    terms: Vec<(u32, Occurrence)>,
    length: usize,
}

/// A posting before the site-wide statistics give it its impact.
#[derive(Clone, Copy)]
struct RawPosting {
    doc: u32,
    /// The weighted term frequency; 0 for a facet.
    frequency: f32,
    sections: u32,
}

/// Documents read a block at a time (each block in parallel), so that only one block's terms
/// are held besides the dictionary.
const DOCUMENTS_A_BLOCK: usize = 1024;

/// Builds the dictionary of `documents`, whose ids are their places in the slice; `None`
/// when `stop` says so between blocks (`kennis serve`: a newer change waits).
pub(crate) fn build_dictionary(
    documents: &[Document<'_>],
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Dictionary> {
    let started = std::time::Instant::now();
    let vocabulary = Vocabulary::new();
    let mut postings = Postings::default();
    let mut lengths: Vec<usize> = Vec::with_capacity(documents.len());
    for (block, block_documents) in documents.chunks(DOCUMENTS_A_BLOCK).enumerate() {
        if stop() {
            return None;
        }
        let terms: Vec<DocumentTerms> =
            block_documents.par_iter().map(|document| document_terms(document, &vocabulary)).collect();
        for (offset, (terms, document)) in terms.into_iter().zip(block_documents).enumerate() {
            let doc = (block * DOCUMENTS_A_BLOCK + offset) as u32;
            lengths.push(terms.length);
            for (term, occurrence) in terms.terms {
                let frequency = occurrence.weighted_frequency as f32;
                postings.push(term, RawPosting { doc, frequency, sections: occurrence.sections });
            }
            for facet in facet_terms(document) {
                postings.push(vocabulary.id(&facet), RawPosting { doc, frequency: 0.0, sections: 0 });
            }
        }
    }
    log::debug!("search: {} terms' postings after {:.3}s", postings.len(), started.elapsed().as_secs_f64());
    if stop() {
        return None;
    }
    let total: usize = lengths.iter().sum();
    let average_step = length_step(total as f64 / documents.len().max(1) as f64);
    let newest = documents.iter().filter_map(|d| d.date).max();
    let priors: Vec<f64> = documents.iter().map(|d| prior(d, newest)).collect();
    // len(d) / avg with both quantized: a ratio of two powers of 2^(1/8), so a page's own
    // impacts move only when its length crosses a step, and other pages' never do unless
    // the average's step moves.
    let normalisers: Vec<f64> = lengths
        .iter()
        .map(|&length| {
            let ratio = step_length(length_step(length as f64) - average_step);
            K1 * (1.0 - B + B * ratio)
        })
        .collect();
    let impact = |raw: &RawPosting| -> Posting {
        let doc = raw.doc as usize;
        let tf = f64::from(raw.frequency);
        let impact = if tf == 0.0 {
            0
        } else {
            let score = tf * (K1 + 1.0) / (tf + normalisers[doc]) * priors[doc];
            (score / MAX_SCORE * 255.0).round().clamp(1.0, 255.0) as u8
        };
        Posting { doc: raw.doc, impact, sections: raw.sections }
    };
    let mut terms = postings.into_terms(vocabulary.into_terms());
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let entries: Vec<TermEntry> = terms
        .into_par_iter()
        .map(|(term, raw)| entry(term.into_string(), raw.iter().map(impact).collect()))
        .collect();
    let mut entries = entries;
    let overflows: Vec<usize> = (0..entries.len()).filter(|&i| entries[i].overflow.is_some()).collect();
    name_overflows(&mut entries, &overflows);
    let chunks = cut_chunks(&entries);
    log::debug!("search: dictionary after {:.3}s", started.elapsed().as_secs_f64());
    Some(Dictionary { entries, chunks, overflows, average_length: step_length(average_step), newest })
}

/// A length's step: `round(8 × log2(length))`, a length under 1 counted as 1. Steps are
/// 2^(1/8) ≈ 9% apart, so the average of 100 pages of 300 terms moves a step only when
/// about 2,700 terms are added or removed, and one edit of 30 terms crosses one with a
/// chance of about 1 in 90 (at 10,000 pages, 1 in 9,000).
pub(crate) fn length_step(length: f64) -> i32 {
    (LENGTH_STEPS_PER_DOUBLING * length.max(1.0).log2()).round() as i32
}

/// The length a step stands for: `2^(step / 8)`.
pub(crate) fn step_length(step: i32) -> f64 {
    (f64::from(step) / LENGTH_STEPS_PER_DOUBLING).exp2()
}

/// A term's hash, the same in every build and on every machine: FNV-1a over its UTF-8 bytes,
/// then MurmurHash3's finaliser, so that every bit depends on every byte (FNV-1a's low bits
/// depend only on the bytes' low bits).
pub(crate) fn term_hash(term: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in term.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ (hash >> 33)
}

/// Each overflow file's name: its term's hash in 16 hex digits, so that a term gaining or
/// losing an overflow file renames no other. Two terms with one hash (about one chance in
/// 10^11 among 100,000 overflowing terms) are told apart by `-2`, `-3`… in term order.
fn name_overflows(entries: &mut [TermEntry], overflows: &[usize]) {
    let mut taken: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
    for &index in overflows {
        let hash = format!("{:016x}", term_hash(&entries[index].term));
        let mut name = hash.clone();
        let mut n = 1;
        while !taken.insert(name.clone()) {
            n += 1;
            name = format!("{hash}-{n}");
        }
        entries[index].overflow_name = name;
    }
}

/// Every term of one build, numbered as first met by any thread: documents count their
/// terms by number, and postings are kept in a list per number, so that only a word's first
/// meeting on each thread looks a term up by its text. FxHash rather than std's SipHash: the
/// keys are the site's own words, no attacker's.
struct Vocabulary {
    /// Tells this build's numbers from another's in what a thread remembers ([`WordMemo`]).
    generation: u64,
    ids: Mutex<FxHashMap<Box<str>, u32>>,
}

/// The generation of the next [`Vocabulary`]; 0 is none.
static GENERATIONS: AtomicU64 = AtomicU64::new(1);

impl Vocabulary {
    fn new() -> Vocabulary {
        Vocabulary { generation: GENERATIONS.fetch_add(1, Ordering::Relaxed), ids: Mutex::default() }
    }

    /// The number of `term`, given it the first time.
    fn id(&self, term: &str) -> u32 {
        let mut ids = self.ids.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&id) = ids.get(term) {
            return id;
        }
        let id = ids.len() as u32;
        ids.insert(term.into(), id);
        id
    }

    /// Every term, by its number.
    fn into_terms(self) -> Vec<Box<str>> {
        let ids = self.ids.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut terms: Vec<Box<str>> = vec![Box::default(); ids.len()];
        for (term, id) in ids {
            terms[id as usize] = term;
        }
        terms
    }
}

/// Every term's postings while documents are read, by the term's number.
#[derive(Default)]
struct Postings {
    lists: Vec<Vec<RawPosting>>,
}

impl Postings {
    fn push(&mut self, id: u32, posting: RawPosting) {
        let id = id as usize;
        if id >= self.lists.len() {
            self.lists.resize_with(id + 1, Vec::new);
        }
        self.lists[id].push(posting);
    }

    /// How many terms have postings.
    fn len(&self) -> usize {
        self.lists.iter().filter(|list| !list.is_empty()).count()
    }

    /// Each term with its postings, in no particular order; `terms` by number.
    fn into_terms(self, terms: Vec<Box<str>>) -> Vec<(Box<str>, Vec<RawPosting>)> {
        terms.into_iter().zip(self.lists).filter(|(_, list)| !list.is_empty()).collect()
    }
}

/// What a thread remembers of the words it met, between documents and between builds: each
/// word's term (stemming is the costly part) and that term's number in the build that last
/// asked; and, while a document is read, where each of its terms is counted.
#[derive(Default)]
struct WordMemo {
    /// The generation of the [`Vocabulary`] that `terms` numbers for.
    generation: u64,
    /// By language (English, Dutch, other), each word met of up to 15 bytes, by its bytes
    /// packed in a number ([`short_key`]): no string to follow and compare on each lookup.
    short_words: [FxHashMap<u128, KnownWord>; 3],
    /// By language, each longer word met.
    long_words: [FxHashMap<Box<str>, KnownWord>; 3],
    /// Terms taken as they are (a compound's whole, its names), with their numbers.
    terms: FxHashMap<Box<str>, u32>,
    /// By term number: the place in the document's list of its occurrence, plus one; 0 when
    /// the document has not met the term. Emptied again after each document.
    slots: Vec<u32>,
}

/// A word's term (`None` for a stop word), and its number in the build of `generation`.
struct KnownWord {
    term: Option<Box<str>>,
    id: u32,
    generation: u64,
}

/// How many words each thread remembers the term of, per language; past it, it starts again.
const MEMO_WORDS: usize = 200_000;

/// A word of up to 15 bytes as one number: its bytes, then its length in the last byte.
fn short_key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 15 {
        return None;
    }
    let mut key = [0u8; 16];
    key[..bytes.len()].copy_from_slice(bytes);
    key[15] = bytes.len() as u8;
    Some(u128::from_le_bytes(key))
}

/// Remembers a word in `words`, which starts again once it holds [`MEMO_WORDS`].
fn remember<K: std::hash::Hash + Eq>(words: &mut FxHashMap<K, KnownWord>, key: K, known: KnownWord) {
    if words.len() >= MEMO_WORDS {
        words.clear();
    }
    words.insert(key, known);
}

thread_local! {
    static WORD_MEMO: std::cell::RefCell<WordMemo> = std::cell::RefCell::new(WordMemo::default());
}

impl WordMemo {
    /// The number of the term `piece` gives, if any.
    fn id(&mut self, piece: Piece<'_>, lang: Lang, vocabulary: &Vocabulary) -> Option<u32> {
        let word = match piece {
            Piece::Term(term) => {
                if let Some(&id) = self.terms.get(term) {
                    return Some(id);
                }
                let id = vocabulary.id(term);
                self.terms.insert(term.into(), id);
                return Some(id);
            }
            Piece::Word(word) => word,
        };
        let language = match lang {
            Lang::En => 0,
            Lang::Nl => 1,
            Lang::Other => 2,
        };
        let key = short_key(word);
        let known = match key {
            Some(key) => self.short_words[language].get_mut(&key),
            None => self.long_words[language].get_mut(word),
        };
        if let Some(KnownWord { term, id, generation }) = known {
            let term = term.as_deref()?;
            if *generation != vocabulary.generation {
                *id = vocabulary.id(term);
                *generation = vocabulary.generation;
            }
            return Some(*id);
        }
        let term = word_term(word, lang).map(String::into_boxed_str);
        let id = term.as_deref().map(|term| vocabulary.id(term));
        let known = KnownWord { term, id: id.unwrap_or(0), generation: vocabulary.generation };
        match key {
            Some(key) => remember(&mut self.short_words[language], key, known),
            None => remember(&mut self.long_words[language], word.into(), known),
        }
        id
    }

    /// Counts term `id` once more in `found`, the document's terms.
    fn count(&mut self, found: &mut Vec<(u32, Occurrence)>, id: u32, weight: f64, section: Option<usize>) {
        let bit = section.filter(|&s| s < 31).map_or(0, |s| 1u32 << s);
        let index = id as usize;
        if index >= self.slots.len() {
            self.slots.resize(index + 1, 0);
        }
        let occurrence = match self.slots[index] {
            0 => {
                found.push((id, Occurrence { weighted_frequency: 0.0, sections: 0 }));
                self.slots[index] = found.len() as u32;
                &mut found.last_mut().expect("just pushed").1
            }
            slot => &mut found[slot as usize - 1].1,
        };
        occurrence.weighted_frequency += weight;
        occurrence.sections |= bit;
    }
}

/// The terms a filter reads: kind, community, author, tag and a question's status, each
/// with a prefix (`~k:`) that no word has. An accepted question is answered as well.
pub(crate) fn facet_terms(document: &Document<'_>) -> Vec<String> {
    let mut facets = vec![format!("~k:{}", document.kind.name())];
    facets.extend(document.communities.iter().map(|(id, _)| format!("~c:{id}")));
    facets.extend(document.authors.iter().map(|(id, name)| format!("~a:{}", id.as_deref().unwrap_or(name))));
    facets.extend(document.tags.iter().map(|(key, _)| format!("~t:{key}")));
    match document.status {
        Some(QuestionStatus::Accepted) => facets.extend(["~s:answered".to_owned(), "~s:accepted".to_owned()]),
        Some(status) => facets.push(format!("~s:{}", status.name())),
        None => {}
    }
    // A page may name a tag in two spellings or an author twice: each facet once.
    facets.sort_unstable();
    facets.dedup();
    facets
}

fn document_terms(document: &Document<'_>, vocabulary: &Vocabulary) -> DocumentTerms {
    WORD_MEMO.with_borrow_mut(|memo| {
        if memo.generation != vocabulary.generation {
            memo.terms.clear();
            memo.generation = vocabulary.generation;
        }
        let lang = document.lang();
        let mut found: Vec<(u32, Occurrence)> = Vec::new();
        let mut length = 0;
        let mut take = |piece: Piece<'_>, weight: f64, section: Option<usize>| {
            if let Some(id) = memo.id(piece, lang, vocabulary) {
                memo.count(&mut found, id, weight, section);
                return true;
            }
            false
        };
        for_each_piece(&document.title, |piece| {
            take(piece, TITLE_WEIGHT, None);
        });
        for (index, section) in document.sections.iter().enumerate() {
            for_each_piece(&section.heading, |piece| {
                length += usize::from(take(piece, HEADING_WEIGHT, Some(index)));
            });
            for_each_piece(&section.text, |piece| {
                length += usize::from(take(piece, 1.0, Some(index)));
            });
        }
        for &(id, _) in &found {
            memo.slots[id as usize] = 0;
        }
        // In the order first met: a document adds one posting to each of its terms' lists,
        // so the order of its terms changes nothing.
        DocumentTerms { terms: found, length }
    })
}

/// A document's prior: recent pages (relative to the site's newest, so the same files give
/// the same index) and questions with an accepted answer score a little higher.
fn prior(document: &Document<'_>, newest: Option<jiff::civil::Date>) -> f64 {
    let recency = match (document.date, newest) {
        (Some(date), Some(newest)) => {
            let days = (newest - date).get_days().max(0) as f64;
            RECENCY_BONUS * 0.5f64.powf(days / RECENCY_HALF_LIFE_DAYS)
        }
        _ => 0.0,
    };
    let accepted = if document.status == Some(QuestionStatus::Accepted) { ACCEPTED_BONUS } else { 0.0 };
    (1.0 + recency) * (1.0 + accepted)
}

/// A term's entry: the `TOP_POSTINGS` postings of highest impact (ties to the lower doc id)
/// in doc-id order, and the rest, in doc-id order, as overflow.
fn entry(term: String, mut postings: Vec<Posting>) -> TermEntry {
    let df = postings.len();
    if df <= TOP_POSTINGS {
        return TermEntry { term, df, top: encode(&postings), overflow: None, overflow_name: String::new() };
    }
    postings.sort_by(|a, b| b.impact.cmp(&a.impact).then(a.doc.cmp(&b.doc)));
    let mut rest = postings.split_off(TOP_POSTINGS);
    postings.sort_by_key(|p| p.doc);
    rest.sort_by_key(|p| p.doc);
    TermEntry {
        term,
        df,
        top: encode(&postings),
        overflow: Some(encode(&rest)),
        overflow_name: String::new(),
    }
}

/// About the bytes an entry takes in its chunk, as chunks are cut: the term, 4 a posting of
/// the top block (a posting is 3 to 5 characters), and 24 for the df and the punctuation;
/// nothing for a term of one document. Counted from the df rather than the postings as
/// written, so that impacts that move (a page's length crossing a step) move no chunk
/// boundary, and not at all for a term of one page, so that the words only one page has,
/// coming or going, move none either.
fn entry_size(entry: &TermEntry) -> usize {
    if entry.df < 2 {
        return 0;
    }
    entry.term.len() + 4 * entry.df.min(TOP_POSTINGS) + 24
}

/// Content-defined chunks, in term order: a chunk ends after a term t of two documents or
/// more when t's key (its hash, then the term) is higher than that of every other such term
/// whose end lies within `CHUNK_WINDOW_BYTES` of t's end, counting each entry's bytes as
/// [`entry_size`]; the last chunk ends with the last term. Two boundaries are never that close, so a chunk holds at
/// least about `CHUNK_WINDOW_BYTES` (one term bigger than that may be a chunk of its own),
/// and they fall about twice that apart. Whether t ends a chunk depends only on the terms
/// within that many bytes of it, never on where its chunk began, so a term that grows, comes
/// or goes can move only boundaries that near it: no other chunk's.
fn cut_chunks(entries: &[TermEntry]) -> Vec<std::ops::Range<usize>> {
    // Only a term of two documents or more may end a chunk: a word a page brings in or takes
    // out on its own moves no boundary.
    let keys: Vec<Option<(u64, &str)>> =
        entries.iter().map(|e| (e.df >= 2).then(|| (term_hash(&e.term), e.term.as_str()))).collect();
    let mut ends = Vec::with_capacity(entries.len());
    let mut end = 0;
    for entry in entries {
        end += entry_size(entry);
        ends.push(end);
    }
    let highest_near = |index: usize| -> bool {
        let before = (0..index).rev().take_while(|&j| ends[index] - ends[j] < CHUNK_WINDOW_BYTES);
        let after = (index + 1..entries.len()).take_while(|&j| ends[j] - ends[index] < CHUNK_WINDOW_BYTES);
        keys[index].is_some() && before.chain(after).all(|j| keys[j] < keys[index])
    };
    let mut chunks = Vec::new();
    let mut start = 0;
    for index in 0..entries.len() {
        if index + 1 == entries.len() || highest_near(index) {
            chunks.push(start..index + 1);
            start = index + 1;
        }
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_quantized_to_steps_of_an_eighth_of_a_doubling() {
        assert_eq!(length_step(0.0), 0);
        assert_eq!(length_step(256.0), 64);
        assert_eq!(step_length(64), 256.0);
        // 300 and 301 are one step; 9% more is the next.
        assert_eq!(length_step(300.0), length_step(301.0));
        assert_eq!(length_step(300.0 * 2f64.powf(0.125)), length_step(300.0) + 1);
        assert!((step_length(length_step(338.51)) - 338.51).abs() / 338.51 < 0.045);
    }

    #[test]
    fn the_term_hash_is_fixed() {
        // Chunk boundaries and overflow names are written in the index: the hash may not
        // change between builds, machines or versions of std.
        assert_eq!(format!("{:016x}", term_hash("")), "efd01f60ba992926");
        assert_ne!(term_hash("kennis"), term_hash("kennis "));
    }

    /// A document of `lang` with a title and one section.
    fn document(title: &str, text: &str, lang: &str) -> Document<'static> {
        let section = crate::markdown::TextSection {
            anchor: String::new(),
            heading: String::new(),
            text: text.to_owned(),
        };
        Document {
            url: "/a/".to_owned(),
            site_url: "/a/".to_owned(),
            title: title.to_owned(),
            kind: crate::model::PageKind::Post,
            date: None,
            communities: Vec::new(),
            authors: Vec::new(),
            tags: Vec::new(),
            status: None,
            lang: lang.to_owned(),
            sections: std::borrow::Cow::Owned(vec![section]),
        }
    }

    /// A document's terms as `document_terms` counts them, by text: (term, frequency).
    fn counted(document: &Document<'_>, vocabulary: &Vocabulary) -> Vec<(String, f64)> {
        let counted = document_terms(document, vocabulary);
        let by_id: FxHashMap<u32, String> =
            vocabulary.ids.lock().unwrap().iter().map(|(term, &id)| (id, term.to_string())).collect();
        let mut terms: Vec<(String, f64)> = counted
            .terms
            .iter()
            .map(|(id, occurrence)| (by_id[id].clone(), occurrence.weighted_frequency))
            .collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        terms
    }

    #[test]
    fn a_documents_terms_are_the_texts_terms_counted_in_every_build_a_thread_reads() {
        use crate::search::text::terms;
        let title = "Learning snake_case";
        // Words of up to 15 bytes and longer ones are remembered apart.
        let text = "The learners learned: snake_case, learning and leren. Leren! Internationalisation, \
                    internationalisations and internationalisation.";
        let expected = |lang: Lang| {
            let mut counts: Vec<(String, f64)> = Vec::new();
            let title_terms = terms(title, lang).into_iter().map(|t| (t, TITLE_WEIGHT));
            for (term, weight) in title_terms.chain(terms(text, lang).into_iter().map(|t| (t, 1.0))) {
                match counts.iter_mut().find(|(known, _)| *known == term) {
                    Some((_, count)) => *count += weight,
                    None => counts.push((term, weight)),
                }
            }
            counts.sort_by(|a, b| a.0.cmp(&b.0));
            counts
        };
        // Two builds on one thread: the second numbers terms afresh (first met first), and
        // what the thread remembers of the first must not lend it the first build's numbers.
        for round in 0..2 {
            let vocabulary = Vocabulary::new();
            if round == 1 {
                vocabulary.id("a term the first build never had");
            }
            for (lang, code) in [(Lang::En, "en"), (Lang::Nl, "nl"), (Lang::Other, "de")] {
                let document = document(title, text, code);
                assert_eq!(counted(&document, &vocabulary), expected(lang), "{code}, build {round}");
                assert_eq!(document_terms(&document, &vocabulary).length, terms(text, lang).len());
            }
        }
        // Learning (the title), learned and learning; the three long words.
        assert!(expected(Lang::En).contains(&("learn".to_owned(), TITLE_WEIGHT + 2.0)));
        assert!(expected(Lang::En).contains(&("internationalis".to_owned(), 3.0)));
    }

    /// Terms in order with pseudo-random postings, as a site's dictionary has them.
    fn entries(count: usize) -> Vec<TermEntry> {
        let mut next = 7u64;
        (0..count)
            .map(|n| {
                next = next.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                TermEntry {
                    term: format!("t{n:06}"),
                    df: (next >> 40) as usize % 75 + 2,
                    top: String::new(),
                    overflow: None,
                    overflow_name: String::new(),
                }
            })
            .collect()
    }

    /// The terms chunks end with.
    fn ends(entries: &[TermEntry]) -> Vec<String> {
        cut_chunks(entries).iter().map(|range| entries[range.end - 1].term.clone()).collect()
    }

    #[test]
    fn a_term_of_one_document_never_ends_a_chunk() {
        let mut site = entries(5_000);
        let ended_before = ends(&site);
        for entry in site.iter_mut().step_by(3) {
            entry.df = 1;
        }
        let ended = ends(&site);
        let last = &site[site.len() - 1].term;
        let df = |term: &String| site.iter().find(|e| &e.term == term).unwrap().df;
        assert!(ended.iter().filter(|end| *end != last).all(|end| df(end) >= 2));
        assert!(ended_before.iter().any(|end| df(end) == 1), "some did before");
    }

    #[test]
    fn one_term_growing_or_coming_moves_only_boundaries_within_a_window_of_it() {
        let mut site = entries(20_000);
        let before = ends(&site);
        let average = site.iter().map(entry_size).sum::<usize>() / before.len();
        assert!((4 * 1024..6 * 1024).contains(&average), "chunks of {average} bytes on average");
        // Where each term ends, in bytes, in the dictionary before the change.
        let mut at_byte = std::collections::HashMap::new();
        let mut end = 0;
        for entry in &site {
            end += entry_size(entry);
            at_byte.insert(entry.term.clone(), end);
        }
        let mut moved = 0;
        for at in (100..19_900).step_by(97) {
            site[at].df += 2;
            let grown = ends(&site);
            site[at].df -= 2;
            let term = format!("{}a", site[at - 1].term);
            site.insert(at, TermEntry { term, ..entries(1).remove(0) });
            let added = ends(&site);
            site.remove(at);
            let changed = at_byte[&site[at].term];
            for after in [grown, added] {
                let differing: Vec<&String> = before
                    .iter()
                    .filter(|end| !after.contains(end))
                    .chain(after.iter().filter(|end| !before.contains(end)))
                    .collect();
                for end in &differing {
                    // A new term's boundary is where it was put; others, where they were.
                    let byte = at_byte.get(*end).copied().unwrap_or(changed);
                    assert!(
                        byte.abs_diff(changed) < CHUNK_WINDOW_BYTES + 400,
                        "the boundary after `{end}` moved, {} bytes from the change",
                        byte.abs_diff(changed)
                    );
                }
                moved += usize::from(!differing.is_empty());
            }
        }
        // And most changes move no boundary at all.
        assert!(moved * 10 < 408, "{moved} of 408 changes moved a boundary");
    }
}
