//! The search text pipeline agrees between the build and the browser: the Rust terms
//! (`kennis::search::text`) and the JavaScript ones (`kennis-search-text.js`, run under
//! node) of every entry of `tests/fixtures/search-text/entries.txt`, per language.

use std::path::PathBuf;

use crate::support::SiteTest;
use kennis::search::text::{Lang, fold, terms};
use serde_json::{Value, json};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture's entries: every line that is neither empty nor a `#` comment.
fn entries() -> Vec<String> {
    let path = manifest_dir().join("tests/fixtures/search-text/entries.txt");
    let text = std::fs::read_to_string(&path).expect("the search text fixture");
    text.lines().filter(|line| !line.is_empty() && !line.starts_with('#')).map(str::to_string).collect()
}

/// `kennis-search-text.js` as a build ships it (the build writes the theme's scripts
/// without indentation and whole-line comments), so what browsers run is what is compared.
fn shipped_script() -> &'static str {
    static SHIPPED: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(|| {
        let site = SiteTest::empty();
        site.write("site.yaml", "title: T\nbase_url: https://intranet.example.org/\n");
        site.write("content/posts/a.md", "---\ntitle: A\ndate: 2025-01-01\n---\n\nText.\n");
        let shipped = std::fs::read_to_string(site.build().output.join("kennis-search-text.js"))
            .expect("the build ships kennis-search-text.js");
        let source =
            std::fs::read_to_string(manifest_dir().join("themes/default/static/kennis-search-text.js"))
                .expect("the theme's kennis-search-text.js");
        assert!(shipped.len() < source.len(), "the shipped script is the smaller one");
        shipped
    })
}

/// Runs `script` under node with `KennisText` loaded and `input` (JSON) as the global
/// `input`; returns what the script prints as JSON.
fn run_in_node(script: &str, input: &Value) -> Value {
    let program = format!(
        "const fs = require('fs'), vm = require('vm');\n\
         vm.runInThisContext({library});\n\
         const input = JSON.parse(fs.readFileSync(0, 'utf8'));\n\
         process.stdout.write(JSON.stringify((() => {{ {script} }})()));",
        library = json!(shipped_script()),
    );
    crate::support::node_json(
        &["-e".as_ref(), program.as_ref()],
        input,
        "the search text test, which compares kennis's JavaScript with its Rust,",
    )
}

#[test]
fn javascript_and_rust_give_the_same_terms_for_every_entry() {
    let entries = entries();
    assert!(entries.len() >= 300, "the fixture has {} entries", entries.len());
    let javascript = run_in_node(
        "const out = { fold: input.map(e => KennisText.fold(e)) };\n\
         for (const lang of ['en', 'nl', '']) out[lang] = input.map(e => KennisText.terms(e, lang));\n\
         return out;",
        &json!(entries),
    );
    let mut differences = Vec::new();
    for (code, lang) in [("en", Lang::En), ("nl", Lang::Nl), ("", Lang::Other)] {
        assert_eq!(Lang::from_code(code), lang);
        for (i, entry) in entries.iter().enumerate() {
            let rust = json!(terms(entry, lang));
            let js = &javascript[code][i];
            if rust != *js {
                differences.push(format!("{entry:?} ({lang:?}): Rust {rust}, JavaScript {js}"));
            }
        }
    }
    for (i, entry) in entries.iter().enumerate() {
        let rust = json!(fold(entry));
        if rust != javascript["fold"][i] {
            differences.push(format!("fold {entry:?}: Rust {rust}, JavaScript {}", javascript["fold"][i]));
        }
    }
    assert!(
        differences.is_empty(),
        "{} of {} results (4 per entry) differ:\n{}",
        differences.len(),
        entries.len() * 4,
        differences.join("\n")
    );
}

#[test]
fn a_query_gives_the_terms_the_index_has_and_a_prefix_for_the_word_being_typed() {
    let queries = json!([
        ["De lerende hiërarchie", "nl"],
        ["De lerende hiërarchie ", "nl"],
        ["learning snake_ca", "en"],
        ["the", "en"],
        ["the ", "en"],
        ["std::fs leert leert", "nl"],
        ["Lerende", "nl-BE"],
        ["Learning", "EN"],
        ["lerende", "fr"],
    ]);
    let javascript =
        run_in_node("return input.map(([text, lang]) => KennisText.queryTerms(text, lang));", &queries);
    let expected = json!([
        [
            { "term": "leer", "prefix": false, "word": 0 },
            { "term": "hierarchie", "prefix": true, "word": 1 },
        ],
        [
            { "term": "leer", "prefix": false, "word": 0 },
            { "term": "hierarchie", "prefix": false, "word": 1 },
        ],
        [
            { "term": "learn", "prefix": false, "word": 0 },
            { "term": "snake_ca", "prefix": true, "word": 1 },
        ],
        [{ "term": "the", "prefix": true, "word": 0 }],
        [],
        [
            { "term": "std::fs", "prefix": false, "word": 0 },
            { "term": "leer", "prefix": false, "word": 1 },
            { "term": "leer", "prefix": false, "word": 2 },
            { "term": "leert", "prefix": true, "word": 2 },
        ],
        [
            { "term": "leer", "prefix": false, "word": 0 },
            { "term": "lerende", "prefix": true, "word": 0 },
        ],
        [
            { "term": "learn", "prefix": false, "word": 0 },
            { "term": "learning", "prefix": true, "word": 0 },
        ],
        [{ "term": "lerende", "prefix": true, "word": 0 }],
    ]);
    assert_eq!(javascript, expected);
    // What the index has for the same page text.
    assert_eq!(terms("De lerende hiërarchie", Lang::Nl), ["leer", "hierarchie"]);
    assert_eq!(Lang::from_code("nl-BE"), Lang::Nl);
    assert_eq!(Lang::from_code("EN"), Lang::En);
    assert_eq!(Lang::from_code("fr"), Lang::Other);
}
