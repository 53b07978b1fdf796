//! One page's edit rewrites few search files (issue 12: what `kennis serve` needs): a kept
//! site of a few hundred generated pages takes in a changed body, renders only the outputs
//! the change affects, ends with exactly what a fresh build writes, and of the files under
//! `search/` only meta, the page's own record and excerpt and the chunks and overflow files
//! of the terms it gained or lost were written.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use kennis::BuildOptions;
use kennis::output::MemorySink;
use kennis::paths::{ContentPath, OutputPath};
use kennis::search::text::{Lang, terms};
use serde_json::Value;

use crate::support::SiteTest;

/// Words made of three syllables and an ending: thousands of them, so the dictionary has
/// many terms and many chunks, as a real site's does.
fn vocabulary() -> Vec<String> {
    let starts = ["ka", "lo", "mi", "re", "su", "ta", "ve", "no", "pi", "da"];
    let ends = ["ner", "vil", "dor", "mas", "tin", "gol", "bek", "rus"];
    let mut words = Vec::new();
    for a in starts {
        for b in starts {
            for c in starts {
                for d in ends {
                    words.push(format!("{a}{b}{c}{d}"));
                }
            }
        }
    }
    words
}

/// The body of the page the test edits: generated words, then two words no other page has.
const EDITED_PAGE: &str = "content/posts/p17.md";
const BEFORE: &str = "zeldzaamheid ondergrondig";
/// The edit: those two words out, five in (three no page has, two others have): the page
/// grows by three terms.
const AFTER: &str = "quokkaverhaal xylofoonles zwijgplicht kalominer dadadarus";

/// 300 dated posts of about 200 words in 3 sections.
fn generated_site() -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Updates\nbase_url: https://example.org/\nlanguage: en\n");
    let words = vocabulary();
    let mut next = 11usize;
    let mut word = || {
        next = (next * 7919 + 13) % 104_729;
        words[next % words.len()].clone()
    };
    for page in 0..300 {
        let mut text = format!(
            "---\ntitle: {} {}\ndate: 2025-{:02}-{:02}\n---\n\n",
            word(),
            word(),
            page % 12 + 1,
            page % 28 + 1
        );
        for section in 0..3 {
            if section > 0 {
                let _ = write!(text, "## {} {}\n\n", word(), word());
            }
            for n in 0..65 {
                text.push_str(&word());
                text.push_str(if n % 13 == 12 { ". " } else { " " });
            }
            text.push_str("\n\n");
        }
        if format!("content/posts/p{page}.md") == EDITED_PAGE {
            text.push_str(BEFORE);
            text.push('\n');
        }
        site.write(&format!("content/posts/p{page}.md"), text);
    }
    site
}

/// The JSON of a `kennisSearch("<name>",<JSON>);` file.
fn data(files: &MemorySink, name: &str) -> Value {
    let path = OutputPath::new(&format!("search/{name}.js")).unwrap();
    let bytes = files.read(&path).unwrap_or_else(|| panic!("search/{name}.js is written"));
    let text = std::str::from_utf8(&bytes).unwrap();
    let json = text.split_once(',').unwrap().1.strip_suffix(");\n").unwrap();
    serde_json::from_str(json).expect("JSON")
}

/// The files a term's postings are in, as the client finds them: its chunk (through meta's
/// first terms) and, when it has one, its overflow file.
fn files_of_term(files: &MemorySink, term: &str) -> Vec<String> {
    let meta = data(files, "meta");
    let chunks: Vec<&str> = meta["chunks"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    let chunk = chunks.iter().rposition(|first| *first <= term).expect("a chunk");
    let file = crate::support::search_chunk_file(chunks[chunk]);
    let mut paths = vec![format!("search/{file}.js")];
    let entries = data(files, &file);
    // The overflow's name (or, in the format before it, its number; 0 for none).
    match entries.get(term).map(|entry| &entry[2]) {
        Some(Value::String(name)) => paths.push(format!("search/o/{name}.js")),
        Some(Value::Number(n)) if n.as_u64() != Some(0) => paths.push(format!("search/o/{n}.js")),
        _ => {}
    }
    paths
}

/// The paths under `search/` whose bytes differ between `a` and `b`, or that only one has.
fn changed_search_files(a: &MemorySink, b: &MemorySink) -> BTreeSet<String> {
    let search = |sink: &MemorySink| -> BTreeSet<OutputPath> {
        sink.paths().into_iter().filter(|p| p.as_str().starts_with("search/")).collect()
    };
    search(a).union(&search(b)).filter(|p| a.read(p) != b.read(p)).map(|p| p.as_str().to_owned()).collect()
}

#[test]
fn one_pages_edit_rewrites_only_the_search_files_of_the_terms_it_gained_or_lost() {
    let site = generated_site();
    let temp = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(temp.path().join("kept")),
        ..BuildOptions::default()
    };
    let (mut kept, _) = kennis::build_kept_site(&options).expect("builds");
    let before = MemorySink::new();
    kept.built.render_all(&before).unwrap();
    let shown = MemorySink::new();
    kept.built.render_all(&shown).unwrap();

    let old_text = std::fs::read_to_string(site.root().join(EDITED_PAGE)).unwrap();
    let new_text = old_text.replace(BEFORE, AFTER);
    site.write(EDITED_PAGE, &new_text);
    let page = ContentPath::from_components(EDITED_PAGE.strip_prefix("content/").unwrap().split('/'));
    let update = kept.reread(&[page]).expect("takes the change");
    let fresh = MemorySink::new();
    kept.built.render_only(&update.affected.render, &fresh).unwrap();
    shown.replace_from(fresh);
    for path in &update.affected.remove {
        assert!(shown.remove(path), "{path:?} was shown before it was removed");
    }

    // (a) What the kept site shows after rendering only the affected outputs is, byte for
    // byte, what a fresh build of the edited site writes.
    let clean = SiteTest::at(site.root()).build();
    let difference = shown.compare_with_folder(&clean.output).unwrap();
    assert!(difference.is_empty(), "the kept site differs from a fresh build: {difference:?}");

    // (b) Of the files under search/, only meta, the page's own record and excerpt, and the
    // chunks and overflow files of the terms the page gained or lost changed.
    let old_terms: BTreeSet<String> = terms(&old_text, Lang::En).into_iter().collect();
    let new_terms: BTreeSet<String> = terms(&new_text, Lang::En).into_iter().collect();
    let touched: Vec<&String> = old_terms.symmetric_difference(&new_terms).collect();
    assert_eq!(touched.len(), 7, "two terms lost, five gained: {touched:?}");
    let doc = (0..data(&before, "meta")["docs"].as_u64().unwrap())
        .find(|id| data(&before, &format!("d/{id}"))["url"] == "/posts/p17/")
        .expect("the page is a document");
    let mut allowed: BTreeSet<String> =
        ["search/meta.js".to_owned(), format!("search/d/{doc}.js"), format!("search/x/{doc}.js")].into();
    for term in &touched {
        allowed.extend(files_of_term(&before, term));
        allowed.extend(files_of_term(&shown, term));
    }
    let changed = changed_search_files(&before, &shown);
    let unexpected: Vec<&String> = changed.difference(&allowed).collect();
    assert!(
        unexpected.is_empty(),
        "changed beyond the edited terms' files: {unexpected:?} (of {})",
        changed.len()
    );
    let new_word = &files_of_term(&shown, "zwijgplicht")[0];
    assert!(changed.contains(new_word), "the chunk with a new word is written: {changed:?}");
    // The bound means something: the site has many more chunks than the edit may touch.
    let chunks = data(&shown, "meta")["chunks"].as_array().unwrap().len();
    assert!(chunks > 4 * allowed.len(), "{chunks} chunks, {} files allowed to change", allowed.len());
    // And the kept site writes just those: the affected outputs under search/ are the
    // changed files.
    let rendered: BTreeSet<String> = update
        .affected
        .render
        .iter()
        .chain(&update.affected.remove)
        .map(|p| p.as_str().to_owned())
        .filter(|p| p.starts_with("search/"))
        .collect();
    assert_eq!(rendered, changed, "the search files the kept site writes or removes");
}
