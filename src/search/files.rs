//! The files under `search/`, each one `kennisSearch("<name>",<JSON>);` call, and the export.

use serde::Serialize;

use crate::config::Config;
use crate::paths::OutputPath;
use crate::search::documents::{Document, DocumentSources, read_documents};
use crate::search::index::{Dictionary, TOP_POSTINGS, build_dictionary};

/// The excerpt of a section is cut at a word boundary before this many characters.
const EXCERPT_CHARS: usize = 240;

/// The index of one version of a site, from which each of its files is written on demand.
pub struct SearchIndex<'a> {
    documents: Vec<Document<'a>>,
    dictionary: Dictionary,
    files: Vec<SearchFile>,
    language: String,
    log: bool,
    /// The site's absolute URL, for the export.
    base_url: String,
}

/// One file the index writes.
#[derive(Clone, Debug)]
enum SearchFile {
    Meta,
    Log,
    Export(OutputPath),
    /// `t/<name>`, by the chunk's place; named by the term meta lists for it ([`chunk_name`]).
    Chunk(usize),
    /// `o/<name>`, by the entry's place in `Dictionary::overflows`; named by its term's hash.
    Overflow(usize),
    Record(usize),
    Excerpt(usize),
}

impl<'a> SearchIndex<'a> {
    /// Reads the documents and builds the dictionary; files are written by [`SearchIndex::file`].
    pub fn build(sources: &DocumentSources<'a, '_>, config: &Config) -> SearchIndex<'a> {
        Self::build_unless(sources, config, &|| false).expect("an index that is never stopped is built")
    }

    /// As [`SearchIndex::build`], but `None` as soon as `stop` says so (it is asked between
    /// blocks of 1,024 documents): `kennis serve` drops the work when a newer change waits.
    pub fn build_unless(
        sources: &DocumentSources<'a, '_>,
        config: &Config,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<SearchIndex<'a>> {
        let started = std::time::Instant::now();
        let documents = read_documents(sources);
        log::debug!("search: documents read after {:.3}s", started.elapsed().as_secs_f64());
        let dictionary = build_dictionary(&documents, stop)?;
        let mut files = vec![SearchFile::Meta];
        if config.search.log {
            files.push(SearchFile::Log);
        }
        if let Some(path) = &config.search.export {
            files.push(SearchFile::Export(path.clone()));
        }
        files.extend((0..dictionary.chunks.len()).map(SearchFile::Chunk));
        files.extend((0..dictionary.overflows.len()).map(SearchFile::Overflow));
        files.extend((0..documents.len()).map(SearchFile::Record));
        files.extend((0..documents.len()).map(SearchFile::Excerpt));
        Some(SearchIndex {
            documents,
            dictionary,
            files,
            language: config.content_language().to_owned(),
            log: config.search.log,
            base_url: config.base_url.clone(),
        })
    }

    /// How many files the index writes.
    pub fn file_count(&self) -> usize {
        self.files.len()
    }

    /// Where file `n` goes in the output folder.
    pub fn path(&self, n: usize) -> OutputPath {
        let path = match &self.files[n] {
            SearchFile::Export(path) => return path.clone(),
            SearchFile::Log => "search/log.txt".to_owned(),
            other => format!("search/{}.js", name(other, &self.dictionary)),
        };
        OutputPath::new(&path).expect("search file paths are plain relative paths")
    }

    /// The bytes of file `n`, made in one buffer: `kennisSearch("<name>",<JSON>);`.
    pub fn file(&self, n: usize) -> Vec<u8> {
        let file = &self.files[n];
        let mut out = Vec::with_capacity(256);
        out.extend_from_slice(b"kennisSearch(");
        write_json(&mut out, &name(file, &self.dictionary));
        out.push(b',');
        let json_start = out.len();
        match file {
            SearchFile::Log => return Vec::new(),
            SearchFile::Export(_) => return self.export().into_bytes(),
            SearchFile::Meta => out.extend_from_slice(self.meta().as_bytes()),
            SearchFile::Chunk(chunk) => self.write_chunk(&mut out, *chunk),
            SearchFile::Overflow(number) => {
                let entry = &self.dictionary.entries[self.dictionary.overflows[*number]];
                out.push(b'{');
                write_json(&mut out, &entry.term);
                out.push(b':');
                write_json(&mut out, entry.overflow.as_deref().unwrap_or(""));
                out.push(b'}');
            }
            SearchFile::Record(doc) => write_json(&mut out, &record(&self.documents[*doc])),
            SearchFile::Excerpt(doc) => write_json(&mut out, &excerpt(&self.documents[*doc])),
        }
        make_script_safe(&mut out, json_start);
        out.extend_from_slice(b");\n");
        out
    }

    fn meta(&self) -> String {
        let dictionary = &self.dictionary;
        let chunks: Vec<&str> =
            (0..dictionary.chunks.len()).map(|chunk| chunk_key(dictionary, chunk)).collect();
        to_json(&Meta {
            format: 1,
            language: &self.language,
            docs: self.documents.len(),
            newest: dictionary.newest.map(|day| day.to_string()),
            avg: (dictionary.average_length * 100.0).round() / 100.0,
            k: TOP_POSTINGS,
            chunks,
            log: self.log,
        })
    }

    /// A chunk's JSON object: each term with its df, top block and overflow file's name.
    fn write_chunk(&self, out: &mut Vec<u8>, chunk: usize) {
        let dictionary = &self.dictionary;
        let range = dictionary.chunks[chunk].clone();
        out.push(b'{');
        for (index, entry) in dictionary.entries[range].iter().enumerate() {
            if index > 0 {
                out.push(b',');
            }
            write_json(out, &entry.term);
            out.extend_from_slice(format!(":[{},", entry.df).as_bytes());
            write_json(out, &entry.top);
            out.push(b',');
            // The overflow file's name, a JSON string, or 0 when there is none.
            if entry.overflow.is_some() {
                write_json(out, &entry.overflow_name);
            } else {
                out.push(b'0');
            }
            out.push(b']');
        }
        out.push(b'}');
    }

    /// One JSON document a line, for Meilisearch as it is and for OpenSearch through `jq`
    /// (docs/search.md).
    fn export(&self) -> String {
        let mut out = String::new();
        for document in &self.documents {
            let line = ExportDocument {
                id: export_id(&document.site_url),
                title: &document.title,
                url: format!("{}{}", self.base_url, document.site_url.trim_start_matches('/')),
                kind: document.kind.name(),
                communities: document
                    .communities
                    .iter()
                    .map(|(id, title)| Named { id: Some(id), name: title })
                    .collect(),
                authors: document
                    .authors
                    .iter()
                    .map(|(id, name)| Named { id: id.as_deref(), name })
                    .collect(),
                tags: document.tags.iter().map(|(key, name)| Named { id: Some(key), name }).collect(),
                date: document.date.map(|day| day.to_string()),
                status: document.status.map(|status| status.name()),
                lang: &document.lang,
                sections: document
                    .sections
                    .iter()
                    .map(|s| ExportSection { anchor: &s.anchor, heading: &s.heading, text: &s.text })
                    .collect(),
            };
            out.push_str(&to_json(&line));
            out.push('\n');
        }
        out
    }
}

/// The shortest beginning of `first` (a chunk's first term) that sorts after `last` (the
/// previous chunk's last term): every term of the dictionary sorts before it or with the
/// chunk, as the client's lookup needs, in fewer bytes than the whole term.
/// The term meta lists for a chunk: its first term's shortest beginning after the last term
/// before it (the first chunk: its first term).
fn chunk_key(dictionary: &Dictionary, chunk: usize) -> &str {
    let entries = &dictionary.entries;
    match dictionary.chunks[chunk].start {
        0 => entries[0].term.as_str(),
        start => separator(&entries[start - 1].term, &entries[start].term),
    }
}

/// A chunk file's name, from the term meta lists for it, so that a boundary appearing or
/// disappearing renames no other chunk: each UTF-8 byte of the term other than `a`–`z` and
/// `0`–`9` as `_` and two hex digits (`~k:` → `_7ek_3a`); `-` for an empty term; a name that
/// would pass 64 characters is `-` and the term's hash in 16 hex digits instead. No plain
/// name holds a `-`, so the kinds cannot meet; two long terms of one hash would be two files
/// on one path, which the build refuses. The client's `chunkFile` does the same.
pub(crate) fn chunk_name(key: &str) -> String {
    let mut name = String::with_capacity(key.len());
    for byte in key.bytes() {
        if byte.is_ascii_lowercase() || byte.is_ascii_digit() {
            name.push(char::from(byte));
        } else {
            name.push_str(&format!("_{byte:02x}"));
        }
    }
    match name.len() {
        0 => "-".to_owned(),
        1..=64 => name,
        _ => format!("-{:016x}", crate::search::index::term_hash(key)),
    }
}

fn separator<'t>(last: &str, first: &'t str) -> &'t str {
    first
        .char_indices()
        .map(|(at, c)| &first[..at + c.len_utf8()])
        .find(|prefix| *prefix > last)
        .unwrap_or(first)
}

/// A file's name as its `kennisSearch` call gives it: its path below `search/` without `.js`.
fn name(file: &SearchFile, dictionary: &Dictionary) -> String {
    match file {
        SearchFile::Meta => "meta".to_owned(),
        SearchFile::Chunk(n) => format!("t/{}", chunk_name(chunk_key(dictionary, *n))),
        SearchFile::Overflow(n) => {
            format!("o/{}", dictionary.entries[dictionary.overflows[*n]].overflow_name)
        }
        SearchFile::Record(n) => format!("d/{n}"),
        SearchFile::Excerpt(n) => format!("x/{n}"),
        SearchFile::Log | SearchFile::Export(_) => String::new(),
    }
}

#[derive(Serialize)]
struct Meta<'a> {
    format: u32,
    language: &'a str,
    docs: usize,
    newest: Option<String>,
    avg: f64,
    k: usize,
    chunks: Vec<&'a str>,
    log: bool,
}

#[derive(Serialize)]
struct Record<'a> {
    url: &'a str,
    title: &'a str,
    kind: &'static str,
    date: Option<String>,
    communities: Vec<[&'a str; 2]>,
    authors: Vec<(Option<&'a str>, &'a str)>,
    tags: Vec<[&'a str; 2]>,
    status: Option<&'static str>,
    lang: &'a str,
}

fn record<'d>(document: &'d Document<'_>) -> Record<'d> {
    Record {
        url: &document.url,
        title: &document.title,
        kind: document.kind.name(),
        date: document.date.map(|day| day.to_string()),
        communities: document.communities.iter().map(|(id, title)| [id.as_str(), title.as_str()]).collect(),
        authors: document.authors.iter().map(|(id, name)| (id.as_deref(), name.as_str())).collect(),
        tags: document.tags.iter().map(|(key, name)| [key.as_str(), name.as_str()]).collect(),
        status: document.status.map(|status| status.name()),
        lang: &document.lang,
    }
}

#[derive(Serialize)]
struct Excerpt<'a> {
    sections: Vec<[&'a str; 3]>,
}

fn excerpt<'d>(document: &'d Document<'_>) -> Excerpt<'d> {
    let sections = document
        .sections
        .iter()
        .map(|s| [s.anchor.as_str(), s.heading.as_str(), cut_at_word(&s.text, EXCERPT_CHARS)])
        .collect();
    Excerpt { sections }
}

/// At most `max` characters of `text`, cut before a word that would cross the limit (a
/// single longer word is cut inside).
fn cut_at_word(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    // Where character `max` starts: byte `max` when all before it are ASCII.
    let cut = if text.as_bytes()[..max].is_ascii() {
        Some(max)
    } else {
        text.char_indices().nth(max).map(|(at, _)| at)
    };
    let Some(cut) = cut else { return text };
    if text[cut..].starts_with(' ') {
        return &text[..cut];
    }
    match text[..cut].rfind(' ') {
        Some(space) if space > 0 => &text[..space],
        _ => &text[..cut],
    }
}

#[derive(Serialize)]
struct ExportDocument<'a> {
    id: String,
    title: &'a str,
    url: String,
    kind: &'static str,
    communities: Vec<Named<'a>>,
    authors: Vec<Named<'a>>,
    tags: Vec<Named<'a>>,
    date: Option<String>,
    status: Option<&'static str>,
    lang: &'a str,
    sections: Vec<ExportSection<'a>>,
}

#[derive(Serialize)]
struct Named<'a> {
    id: Option<&'a str>,
    name: &'a str,
}

#[derive(Serialize)]
struct ExportSection<'a> {
    anchor: &'a str,
    heading: &'a str,
    text: &'a str,
}

/// A document's key for a search server: FNV-1a of its URL in hex, the same in every build
/// and made only of the characters Meilisearch allows in a primary key.
fn export_id(url: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in url.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("search records serialise")
}

#[cfg(test)]
fn json_string(text: &str) -> String {
    to_json(&text)
}

/// Appends `value` as JSON.
fn write_json<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    serde_json::to_writer(out, value).expect("search records serialise");
}

/// Makes the JSON in `out` from `start` on [`script_safe`], in place. Most files hold none
/// of what it escapes, which one fast look for `<` and for U+2028 and U+2029's first byte
/// (that of U+2000 to U+2FFF) tells.
fn make_script_safe(out: &mut Vec<u8>, start: usize) {
    if memchr::memchr2(b'<', 0xe2, &out[start..]).is_none() {
        return;
    }
    let json = std::str::from_utf8(&out[start..]).expect("serde_json writes UTF-8");
    if json.contains(['<', '\u{2028}', '\u{2029}']) {
        let safe = script_safe(json);
        out.truncate(start);
        out.extend_from_slice(safe.as_bytes());
    }
}

/// JSON that is safe inside a `<script>` element and in every JavaScript parser: `<` as
/// `\u003c` (so no `</script>` or `<!--`), U+2028 and U+2029 escaped. Outside strings JSON
/// has none of these, so replacing them everywhere changes only strings.
pub(crate) fn script_safe(json: &str) -> String {
    if !json.contains(['<', '\u{2028}', '\u{2029}']) {
        return json.to_owned();
    }
    json.replace('<', "\\u003c").replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_has_no_closing_tag_or_line_separators() {
        let json = json_string("a</script>\u{2028}b\u{2029}");
        assert_eq!(script_safe(&json), r#""a\u003c/script>\u2028b\u2029""#);
    }

    #[test]
    fn a_files_json_is_made_script_safe_in_place_and_only_its_json() {
        let mut out = b"kennisSearch(\"d/1\",".to_vec();
        let start = out.len();
        write_json(&mut out, &["a</script>\u{2028}b\u{2029}", "\u{2003}em space"]);
        make_script_safe(&mut out, start);
        let expected = "kennisSearch(\"d/1\",[\"a\\u003c/script>\\u2028b\\u2029\",\"\u{2003}em space\"]";
        assert_eq!(String::from_utf8(out).unwrap(), expected);
        let mut plain = b"x<".to_vec();
        make_script_safe(&mut plain, 2);
        assert_eq!(plain, b"x<", "only from `start` on");
    }

    #[test]
    fn a_chunk_file_is_named_by_its_term_in_plain_letters_and_digits_or_by_hash_when_long() {
        assert_eq!(chunk_name("kennisd"), "kennisd");
        assert_eq!(chunk_name("~k:"), "_7ek_3a");
        assert_eq!(chunk_name("snake_c"), "snake_5fc");
        assert_eq!(chunk_name("hië"), "hi_c3_ab");
        assert_eq!(chunk_name(""), "-");
        // The same value the client's chunkFile gives (tests/integration/search_client.rs).
        assert_eq!(chunk_name(&"x".repeat(65)), "-ee0997e77b4548b3");
        assert_eq!(chunk_name(&"x".repeat(64)), "x".repeat(64));
    }

    #[test]
    fn a_chunks_separator_is_the_shortest_beginning_of_its_first_term_after_the_last_term_before() {
        assert_eq!(separator("kennis", "kennisdeling"), "kennisd");
        assert_eq!(separator("kaas", "leren"), "l");
        assert_eq!(separator("hiërarchie", "hiërarchiek"), "hiërarchiek");
        assert_eq!(separator("hi", "hië"), "hië");
    }

    #[test]
    fn excerpts_are_cut_between_words() {
        assert_eq!(cut_at_word("alpha beta gamma", 8), "alpha");
        assert_eq!(cut_at_word("alpha beta gamma", 10), "alpha beta");
        assert_eq!(cut_at_word("alpha", 10), "alpha");
        assert_eq!(cut_at_word("abcdefgh", 3), "abc");
        // Characters, not bytes, are counted.
        assert_eq!(cut_at_word("ééé ééé", 5), "ééé");
        assert_eq!(cut_at_word("ab ééé", 5), "ab");
        assert_eq!(cut_at_word("éé", 2), "éé");
    }
}
