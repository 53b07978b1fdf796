//! The term dictionary: every term's postings with their impacts, cut into impact-ordered top
//! blocks and overflow, and the dictionary cut into chunks.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::search::documents::{Document, QuestionStatus};
use crate::search::postings::{Posting, encode};
use crate::search::text::for_each_term;

/// Postings a term's top block holds at most (`k` in meta): a query reads these first.
pub(crate) const TOP_POSTINGS: usize = 500;
/// A chunk of the dictionary is cut before it passes this many bytes (one term whose top
/// block is bigger gets a chunk of its own).
const CHUNK_BYTES: usize = 8 * 1024;

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
}

/// The dictionary and what the client needs to read it.
pub(crate) struct Dictionary {
    /// Sorted by the terms' bytes.
    pub entries: Vec<TermEntry>,
    /// Each chunk's entries, as a range of `entries`.
    pub chunks: Vec<std::ops::Range<usize>>,
    /// The overflow file of each entry that has one, by its number: an index into `entries`.
    pub overflows: Vec<usize>,
    /// The average document length in terms.
    pub average_length: f64,
    pub newest: Option<jiff::civil::Date>,
}

/// What one document gives a term before its impact is known.
struct Occurrence {
    weighted_frequency: f64,
    sections: u32,
}

/// One document's terms: each with its weighted frequency and sections, and the length.
struct DocumentTerms {
    terms: Vec<(String, Occurrence)>,
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

/// Builds the dictionary of `documents`, whose ids are their places in the slice.
pub(crate) fn build_dictionary(documents: &[Document<'_>]) -> Dictionary {
    let started = std::time::Instant::now();
    let mut postings = Postings::default();
    let mut lengths: Vec<usize> = Vec::with_capacity(documents.len());
    for (block, block_documents) in documents.chunks(DOCUMENTS_A_BLOCK).enumerate() {
        let terms: Vec<DocumentTerms> = block_documents.par_iter().map(document_terms).collect();
        for (offset, (terms, document)) in terms.into_iter().zip(block_documents).enumerate() {
            let doc = (block * DOCUMENTS_A_BLOCK + offset) as u32;
            lengths.push(terms.length);
            for (term, occurrence) in &terms.terms {
                let frequency = occurrence.weighted_frequency as f32;
                postings.push(term, RawPosting { doc, frequency, sections: occurrence.sections });
            }
            for facet in facet_terms(document) {
                postings.push(&facet, RawPosting { doc, frequency: 0.0, sections: 0 });
            }
        }
    }
    log::debug!(
        "search: {} terms' postings after {:.3}s",
        postings.ids.len(),
        started.elapsed().as_secs_f64()
    );
    let total: usize = lengths.iter().sum();
    let average_length = (total as f64 / documents.len().max(1) as f64).max(1.0);
    let newest = documents.iter().filter_map(|d| d.date).max();
    let priors: Vec<f64> = documents.iter().map(|d| prior(d, newest)).collect();
    let normalisers: Vec<f64> =
        lengths.iter().map(|&length| K1 * (1.0 - B + B * length as f64 / average_length)).collect();
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
    let mut terms = postings.into_terms();
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let entries: Vec<TermEntry> = terms
        .into_par_iter()
        .map(|(term, raw)| entry(term.into_string(), raw.iter().map(impact).collect()))
        .collect();
    let overflows = (0..entries.len()).filter(|&i| entries[i].overflow.is_some()).collect();
    let chunks = cut_chunks(&entries);
    log::debug!("search: dictionary after {:.3}s", started.elapsed().as_secs_f64());
    Dictionary { entries, chunks, overflows, average_length, newest }
}

/// Every term's postings while documents are read: each term is stored once, when it is
/// first met, and numbers its list. FxHash rather than std's SipHash: the keys are the
/// site's own words, no attacker's, and hashing them was a visible part of the build.
#[derive(Default)]
struct Postings {
    ids: FxHashMap<Box<str>, u32>,
    lists: Vec<Vec<RawPosting>>,
}

impl Postings {
    fn push(&mut self, term: &str, posting: RawPosting) {
        match self.ids.get(term) {
            Some(&id) => self.lists[id as usize].push(posting),
            None => {
                self.ids.insert(term.into(), self.lists.len() as u32);
                self.lists.push(vec![posting]);
            }
        }
    }

    /// Each term with its postings, in no particular order.
    fn into_terms(self) -> Vec<(Box<str>, Vec<RawPosting>)> {
        let mut lists: Vec<Option<Vec<RawPosting>>> = self.lists.into_iter().map(Some).collect();
        self.ids.into_iter().map(|(term, id)| (term, lists[id as usize].take().unwrap_or_default())).collect()
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

fn document_terms(document: &Document<'_>) -> DocumentTerms {
    let lang = document.lang();
    let mut found: FxHashMap<String, Occurrence> = FxHashMap::default();
    let mut add = |term: &str, weight: f64, section: Option<usize>| {
        let bit = section.filter(|&s| s < 31).map_or(0, |s| 1u32 << s);
        let occurrence = match found.get_mut(term) {
            Some(occurrence) => occurrence,
            None => {
                found.entry(term.to_owned()).or_insert(Occurrence { weighted_frequency: 0.0, sections: 0 })
            }
        };
        occurrence.weighted_frequency += weight;
        occurrence.sections |= bit;
    };
    for_each_term(&document.title, lang, |term| add(term, TITLE_WEIGHT, None));
    let mut length = 0;
    for (index, section) in document.sections.iter().enumerate() {
        for_each_term(&section.heading, lang, |term| {
            length += 1;
            add(term, HEADING_WEIGHT, Some(index));
        });
        for_each_term(&section.text, lang, |term| {
            length += 1;
            add(term, 1.0, Some(index));
        });
    }
    // In the hash map's order: a document adds one posting to each of its terms' lists, so
    // the order of its terms changes nothing.
    DocumentTerms { terms: found.into_iter().collect(), length }
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
        return TermEntry { term, df, top: encode(&postings), overflow: None };
    }
    postings.sort_by(|a, b| b.impact.cmp(&a.impact).then(a.doc.cmp(&b.doc)));
    let mut rest = postings.split_off(TOP_POSTINGS);
    postings.sort_by_key(|p| p.doc);
    rest.sort_by_key(|p| p.doc);
    TermEntry { term, df, top: encode(&postings), overflow: Some(encode(&rest)) }
}

/// Chunks of about `CHUNK_BYTES` each, in term order.
fn cut_chunks(entries: &[TermEntry]) -> Vec<std::ops::Range<usize>> {
    let mut chunks = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (index, entry) in entries.iter().enumerate() {
        // The term quoted, the df, the block quoted, the overflow's number, the punctuation.
        let size = entry.term.len() + entry.top.len() + 24;
        if index > start && bytes + size > CHUNK_BYTES {
            chunks.push(start..index);
            (start, bytes) = (index, 0);
        }
        bytes += size;
    }
    if start < entries.len() {
        chunks.push(start..entries.len());
    }
    chunks
}
