//! The search index: documents from the model and the rendered bodies, a term dictionary with
//! impact-ordered postings cut into small files, a record and an excerpt per document, and
//! the export for a search server. The format is docs/search-format.md.
//!
//! One page's edit rewrites few of these files, which is what `kennis serve` needs: impacts
//! read other pages only through the quantized average length and the newest day, chunk
//! boundaries are content-defined and overflow files are named by their term's hash
//! (`index.rs`; docs/search-format.md, "What one page's edit rewrites").
//!
//! This stage reads earlier stages only (model, Markdown bodies, config); the render stage
//! lists it among its outputs and writes its files through the sink.

mod documents;
mod files;
mod index;
mod postings;
pub mod text;

use std::collections::BTreeMap;

use crate::config::Config;
use crate::error::{Diagnostic, Severity};
use crate::model::Site;

pub use documents::DocumentSources;
pub use files::SearchIndex;
pub(crate) use files::script_safe;

/// One info line for the pages whose language kennis has no stemmer for: they are indexed
/// as written ("info: search: no stemmer for `de`; 3 pages indexed unstemmed").
pub fn unstemmed_note(site: &Site, config: &Config) -> Option<Diagnostic> {
    if !config.search.enabled {
        return None;
    }
    let mut unstemmed: BTreeMap<&str, usize> = BTreeMap::new();
    for page in site.pages.iter().filter(|page| page.is_standalone()) {
        let lang = page.lang.as_deref().unwrap_or(config.content_language());
        if text::Lang::from_code(lang) == text::Lang::Other {
            *unstemmed.entry(lang).or_default() += 1;
        }
    }
    if unstemmed.is_empty() {
        return None;
    }
    let languages: Vec<String> = unstemmed.keys().map(|lang| format!("`{lang}`")).collect();
    let pages: usize = unstemmed.values().sum();
    let noun = if pages == 1 { "page" } else { "pages" };
    Some(Diagnostic::note(
        Severity::Info,
        format!("search: no stemmer for {}; {pages} {noun} indexed unstemmed", languages.join(", ")),
    ))
}
