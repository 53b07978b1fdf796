//! The search index a build writes under `search/`: documents, postings, facets, records,
//! the export and the settings, read back as the browser's client reads them.

use std::path::Path;

use kennis::BuildOptions;
use kennis::output::MemorySink;
use kennis::paths::{ContentPath, OutputPath};
use serde_json::Value;

use crate::support::{Built, SiteTest};

/// The JSON of a `kennisSearch("<name>",<JSON>);` file, checking the name.
fn data(built: &Built, name: &str) -> Value {
    let text = built.file(&format!("search/{name}.js")).text;
    parse_data(&text, name)
}

fn parse_data(text: &str, name: &str) -> Value {
    let prefix = format!("kennisSearch(\"{name}\",");
    let json = text
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("`{name}` is one kennisSearch call: {text}"));
    serde_json::from_str(json).expect("JSON")
}

/// A posting as the client decodes it.
#[derive(Debug, PartialEq)]
struct Posting {
    doc: u64,
    impact: u64,
    sections: u64,
}

fn decode(postings: &str) -> Vec<Posting> {
    const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut values = Vec::new();
    let (mut value, mut shift) = (0u64, 0);
    for c in postings.chars() {
        let digit = ALPHABET.find(c).expect("a base-64 character") as u64;
        value |= (digit & 31) << shift;
        shift += 5;
        if digit & 32 == 0 {
            values.push(value);
            (value, shift) = (0, 0);
        }
    }
    assert_eq!(values.len() % 3, 0, "three varints a posting");
    let mut doc = 0;
    values
        .chunks(3)
        .map(|v| {
            doc += v[0];
            Posting { doc, impact: v[1], sections: v[2] }
        })
        .collect()
}

/// Every posting of `word` (top block and overflow), found through meta's chunks: the
/// word as English pages index it (`analyze` is `analyz`), a facet term as it is.
fn postings(built: &Built, word: &str) -> Vec<Posting> {
    let stemmed;
    let term = if word.starts_with('~') {
        word
    } else {
        stemmed = kennis::search::text::terms(word, kennis::search::text::Lang::En);
        assert_eq!(stemmed.len(), 1, "`{word}` is one term");
        stemmed[0].as_str()
    };
    let meta = data(built, "meta");
    let chunks: Vec<&str> = meta["chunks"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    let chunk = chunks.iter().rposition(|first| *first <= term).expect("a chunk");
    let entries = data(built, &crate::support::search_chunk_file(chunks[chunk]));
    let Some(entry) = entries.get(term) else { return Vec::new() };
    let mut all = decode(entry[1].as_str().unwrap());
    // The overflow file's name, or 0 when the top block holds every posting.
    if let Some(overflow) = entry[2].as_str() {
        let rest = data(built, &format!("o/{overflow}"));
        all.extend(decode(rest[term].as_str().unwrap()));
        all.sort_by_key(|p| p.doc);
    }
    assert_eq!(entry[0].as_u64().unwrap() as usize, all.len(), "df of `{term}`");
    all
}

/// The URL of each document, by id.
fn urls(built: &Built) -> Vec<String> {
    let docs = data(built, "meta")["docs"].as_u64().unwrap();
    (0..docs).map(|id| data(built, &format!("d/{id}"))["url"].as_str().unwrap().to_owned()).collect()
}

fn found(built: &Built, term: &str) -> Vec<String> {
    let urls = urls(built);
    postings(built, term).iter().map(|p| urls[p.doc as usize].clone()).collect()
}

fn impact(built: &Built, term: &str, url: &str) -> u64 {
    let doc = urls(built).iter().position(|u| u == url).expect("a document") as u64;
    postings(built, term).into_iter().find(|p| p.doc == doc).map_or(0, |p| p.impact)
}

#[test]
fn a_question_is_found_by_a_word_only_its_answer_has_and_the_answer_is_its_section() {
    let built = SiteTest::new("search-basic").build();
    assert_eq!(found(&built, "analyze"), ["/questions/slow-query/"]);
    let posting = &postings(&built, "analyze")[0];
    let excerpt = data(&built, &format!("x/{}", posting.doc));
    let sections = excerpt["sections"].as_array().unwrap();
    let answer = sections.iter().position(|s| s[0] == "answer-bram-maes").expect("the answer's section");
    assert_eq!(posting.sections, 1 << answer);
    assert_eq!(sections[answer][1], "Answer by Bram Maes");
    assert!(sections[answer][2].as_str().unwrap().starts_with("Run ANALYZE after an upgrade"));
    // A post's comments are its sections too.
    assert_eq!(found(&built, "write"), ["/posts/deploy-notes/"]);
}

#[test]
fn a_word_in_the_title_outweighs_the_same_word_in_the_text() {
    let built = SiteTest::new("search-basic").build();
    assert_eq!(found(&built, "kubernetes"), ["/posts/deploy-notes/", "/posts/kubernetes-basics/"]);
    let title = impact(&built, "kubernetes", "/posts/kubernetes-basics/");
    let text = impact(&built, "kubernetes", "/posts/deploy-notes/");
    assert!(title > text, "title {title}, text {text}");
    // A heading's words lead to its section.
    let pods = postings(&built, "pod");
    assert_eq!(pods.len(), 1);
    // Stemmed, `pods` in the opening text and `## Pods` with the text under it are one term.
    assert_eq!(pods[0].sections, 0b11, "the opening text and the text under `## Pods`");
}

#[test]
fn filters_are_facet_terms_of_community_kind_author_tag_and_status() {
    let built = SiteTest::new("search-basic").build();
    assert_eq!(found(&built, "~c:data"), ["/communities/data/", "/questions/slow-query/"]);
    assert_eq!(found(&built, "~k:question"), ["/questions/open-question/", "/questions/slow-query/"]);
    assert_eq!(found(&built, "~t:postgres"), ["/questions/slow-query/"]);
    assert_eq!(found(&built, "~s:unanswered"), ["/questions/open-question/"]);
    assert_eq!(found(&built, "~s:accepted"), ["/questions/slow-query/"]);
    assert_eq!(found(&built, "~a:bram-maes"), ["/posts/deploy-notes/", "/questions/open-question/"]);
    assert!(postings(&built, "~k:post").iter().all(|p| p.impact == 0 && p.sections == 0));
    let record = data(&built, "d/5");
    assert_eq!(record["url"], "/questions/slow-query/");
    assert_eq!(record["status"], "accepted");
    assert_eq!(record["tags"], serde_json::json!([["postgres", "Postgres"]]));
    assert_eq!(record["communities"], serde_json::json!([["data", "Data Guild"]]));
    assert_eq!(record["authors"], serde_json::json!([["an-peeters", "An Peeters"]]));
}

#[test]
fn a_title_with_a_script_tag_cannot_close_the_script_that_loads_its_record() {
    let built = SiteTest::new("search-basic").build();
    let id = urls(&built).iter().position(|u| u == "/posts/script-title/").unwrap();
    let text = built.file(&format!("search/d/{id}.js")).text;
    assert!(!text.contains('<'), "{text}");
    assert!(text.contains(r#""title":"Escaping \u003c/script>\u003cb>bold\u003c/b> in titles""#), "{text}");
    assert_eq!(parse_data(&text, &format!("d/{id}"))["title"], "Escaping </script><b>bold</b> in titles");
}

#[test]
fn the_index_is_the_same_bytes_in_every_build_and_the_search_page_is_linked() {
    let site = SiteTest::new("search-basic");
    let (first, second) = (site.build(), site.build());
    let search_files: Vec<String> = first.files().into_iter().filter(|f| f.starts_with("search/")).collect();
    assert!(search_files.len() > 10, "{search_files:?}");
    assert_eq!(
        search_files,
        second.files().into_iter().filter(|f| f.starts_with("search/")).collect::<Vec<_>>()
    );
    for file in &search_files {
        assert_eq!(first.file(file).text, second.file(file).text, "{file}");
    }
    let meta = data(&first, "meta");
    assert_eq!(meta["format"], 1);
    assert_eq!(meta["docs"], 8);
    assert_eq!(meta["log"], false);
    assert!(!first.has_file("search/log.txt"));
    first
        .page("posts/kubernetes-basics/")
        .contains(r#"<form class="site-search" role="search" action="/search/""#);
    first
        .page("search/")
        .contains("kennis-search.js")
        .contains(r#"<input id="search-q" type="search" name="q""#);
}

#[test]
fn search_enabled_false_writes_no_index_no_search_page_and_no_search_box() {
    let site = SiteTest::copy("search-basic");
    site.write("site.yaml", "title: Search\nsearch: { enabled: false }\n");
    let built = site.build();
    assert!(built.files().iter().all(|f| !f.starts_with("search/")), "{:?}", built.files());
    built.page("posts/kubernetes-basics/").lacks("site-search");
    built.file("404.html").lacks("not-found-search");
}

#[test]
fn the_export_is_one_json_document_a_line_and_log_writes_the_beacon_file() {
    let site = SiteTest::copy("search-basic");
    site.write(
        "site.yaml",
        "title: Search\nbase_url: https://intranet.example.org/kennis/\nsearch:\n  log: true\n  export: search.ndjson\n",
    );
    let built = site.build();
    assert_eq!(built.file("search/log.txt").text, "");
    assert_eq!(data(&built, "meta")["log"], true);
    let export = built.file("search.ndjson").text;
    let lines: Vec<Value> =
        export.lines().map(|line| serde_json::from_str(line).expect("a JSON line")).collect();
    assert_eq!(lines.len(), 8);
    let question = lines.iter().find(|l| l["title"] == "Why is my query slow after the upgrade?").unwrap();
    assert_eq!(question["url"], "https://intranet.example.org/kennis/questions/slow-query/");
    assert_eq!(question["kind"], "question");
    assert_eq!(question["status"], "accepted");
    assert_eq!(question["date"], "2025-03-10");
    assert_eq!(question["lang"], "en");
    assert_eq!(question["communities"], serde_json::json!([{"id": "data", "name": "Data Guild"}]));
    assert_eq!(question["sections"][1]["anchor"], "answer-bram-maes");
    assert!(question["id"].as_str().unwrap().chars().all(|c| c.is_ascii_hexdigit()));
    // The record's URL is the one the pages write, under the base path.
    let id = urls(&built).iter().position(|u| u == "/kennis/questions/slow-query/");
    assert!(id.is_some(), "{:?}", urls(&built));
}

#[test]
fn search_settings_are_checked_at_their_line_and_column() {
    let cases = [
        ("title: S\nsearch:\n  export: ../outside.ndjson\n", "site.yaml:3:11"),
        ("title: S\nsearch: { export: /etc/x.ndjson }\n", "site.yaml:2:19"),
        ("title: S\nsearch:\n  enable: false\n", "site.yaml:3:3"),
        ("title: S\nsearch:\n  log: sometimes\n", "site.yaml:3:8"),
    ];
    for (yaml, at) in cases {
        let site = SiteTest::copy("search-basic");
        site.write("site.yaml", yaml);
        let error = site.build_fails();
        assert!(error.contains(at), "{yaml}\n{error}");
    }
}

#[test]
fn a_page_in_a_language_without_a_stemmer_is_named_in_one_info_line() {
    let site = SiteTest::copy("search-basic");
    site.write("content/wiki/deutsch.md", "---\ntitle: Wörterbuch\nlang: de\n---\n\nDas Glossar.\n");
    site.write("content/wiki/mehr.md", "---\ntitle: Mehr\nlang: de\n---\n\nMehr.\n");
    let built = site.build();
    let notes: Vec<String> = built.report.notes.iter().map(|n| n.to_string()).collect();
    assert!(
        notes.contains(&"info: search: no stemmer for `de`; 2 pages indexed unstemmed".to_owned()),
        "{notes:?}"
    );
    assert_eq!(found(&built, "glossar"), ["/wiki/deutsch/"]);
}

#[test]
fn a_kept_site_that_edits_a_page_writes_the_index_a_clean_build_writes() {
    let site = SiteTest::copy("search-basic");
    let options = |output: &Path| BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(output.to_path_buf()),
        ..BuildOptions::default()
    };
    let temp = tempfile::tempdir().unwrap();
    let (mut kept, _) = kennis::build_kept_site(&options(&temp.path().join("a"))).expect("builds");
    let shown = MemorySink::new();
    kept.built.render_all(&shown).unwrap();
    site.write(
        "content/posts/kubernetes-basics.md",
        "---\ntitle: Kubernetes basics\ndate: 2025-02-01\nauthor: an-peeters\n---\n\nNow about helm charts.\n",
    );
    let update = kept.reread(&[ContentPath::from_components(["posts", "kubernetes-basics.md"])]).unwrap();
    let fresh = MemorySink::new();
    kept.built.render_only(&update.affected.render, &fresh).unwrap();
    shown.replace_from(fresh);
    for path in &update.affected.remove {
        shown.remove(path);
    }
    let (clean, _) = kennis::build_site(&options(&temp.path().join("b"))).expect("builds");
    let expected = MemorySink::new();
    clean.render_all(&expected).unwrap();
    let search = |sink: &MemorySink| -> Vec<OutputPath> {
        sink.paths().into_iter().filter(|p| p.as_str().starts_with("search/")).collect()
    };
    assert_eq!(search(&shown), search(&expected));
    for path in search(&expected) {
        assert_eq!(shown.read(&path), expected.read(&path), "{path:?}");
    }
    let helm = search(&expected).into_iter().find(|p| {
        let text = String::from_utf8(expected.read(p).unwrap().to_vec()).unwrap();
        p.as_str().starts_with("search/t/") && text.contains("\"helm\"")
    });
    assert!(
        helm.is_some_and(|p| update.affected.render.contains(&p)),
        "the chunk with the new word is written"
    );
}
