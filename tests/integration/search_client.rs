//! The search client's own logic under node: `themes/default/static/kennis-search.js`
//! exports its pure parts when there is no `document`. Postings are encoded here in Rust,
//! by the format's rules (docs/search-format.md), and decoded there; ranking, prefix
//! expansion (and the stems the word being typed runs past), chunk lookup, the filters' AND
//! and whole queries are checked on small hand-made inputs, and the shipped size.
//! Needs Node.js: a missing `node` fails with what to install, never skips.

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

use crate::support::SiteTest;

/// Runs `body` under node with `c` bound to the client's exports and `K` to the text
/// pipeline (`KennisText`), and returns what it prints as JSON (`out(value)` prints it).
fn node(body: &str) -> Value {
    let statics = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
    let script = format!(
        "const c = require({});\n\
         const K = require('vm').runInNewContext(require('fs').readFileSync({}, 'utf8') + '\\nKennisText;');\n\
         const out = v => process.stdout.write(JSON.stringify(v));\n{body}",
        json!(statics.join("kennis-search.js").to_str().expect("a UTF-8 path")),
        json!(statics.join("kennis-search-text.js").to_str().expect("a UTF-8 path")),
    );
    let run = Command::new("node").arg("-e").arg(&script).output().unwrap_or_else(|error| {
        panic!(
            "the search client tests need Node.js, which could not be run ({error}): \
             install it (apt-get install nodejs) and run the tests again"
        )
    });
    assert!(
        run.status.success(),
        "node failed:\n{}\nscript:\n{script}",
        String::from_utf8_lossy(&run.stderr)
    );
    serde_json::from_slice(&run.stdout).expect("node printed JSON")
}

/// One unsigned varint in the URL-safe base-64 alphabet, five bits a character, least
/// significant first, bit 32 meaning "more follows".
fn varint(mut value: u64, out: &mut String) {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    loop {
        let low = (value & 31) as usize;
        value >>= 5;
        out.push(ALPHABET[if value > 0 { low | 32 } else { low }] as char);
        if value == 0 {
            break;
        }
    }
}

/// Postings `(doc, impact, sections)` in doc-id order as the index writes them.
fn encode(postings: &[(u64, u64, u64)]) -> String {
    let mut out = String::new();
    let mut previous = 0;
    for &(doc, impact, sections) in postings {
        varint(doc - previous, &mut out);
        varint(impact, &mut out);
        varint(sections, &mut out);
        previous = doc;
    }
    out
}

#[test]
fn postings_decode_to_absolute_doc_ids_impacts_and_section_masks() {
    let postings = [(0, 0, 1), (3, 255, 0), (31, 32, (1 << 30) | 5), (32, 1, 2), (100_000, 17, 1 << 20)];
    let encoded = encode(&postings);
    assert_eq!(encode(&[(33, 0, 0)]), "hBAA", "33 is 1 + 32: `h` (1 | more) then `B` (1)");
    let decoded = node(&format!("out(c.decode({}));", json!(encoded)));
    let expected: Vec<u64> = postings.iter().flat_map(|&(d, i, s)| [d, i, s]).collect();
    assert_eq!(decoded, json!(expected));
}

#[test]
fn a_bad_character_in_postings_is_an_error_not_a_wrong_result() {
    let result = node("try { c.decode('AB*'); out('decoded'); } catch (e) { out(String(e.message)); }");
    assert_eq!(result, json!("bad postings character *"));
}

#[test]
fn documents_with_every_word_come_first_then_by_impact_times_idf() {
    // Ten documents. `rare` is in 2 of them, `common` in 8: idf makes a rare match worth more.
    let rare = encode(&[(1, 100, 1), (7, 50, 2)]);
    let common = encode(&[
        (0, 200, 1),
        (1, 10, 4),
        (2, 90, 1),
        (3, 90, 1),
        (4, 1, 1),
        (5, 1, 1),
        (6, 1, 1),
        (8, 250, 1),
    ]);
    let ranked = node(&format!(
        "const g = [[{{df: 2, lists: [c.decode({rare})]}}], [{{df: 8, lists: [c.decode({common})]}}]];\n\
         out(c.rank(g, 10, null).map(r => [r.doc, r.hits, r.sec]));",
        rare = json!(rare),
        common = json!(common)
    ));
    // Doc 1 has both words; doc 7 has only the rare one but beats doc 8's high-impact
    // common one (50 * idf(2) > 250 * idf(8)); docs 2 and 3 tie and go in doc-id order.
    assert_eq!(
        ranked,
        json!([
            [1, 2, 5],
            [7, 1, 2],
            [8, 1, 1],
            [0, 1, 1],
            [2, 1, 1],
            [3, 1, 1],
            [4, 1, 1],
            [5, 1, 1],
            [6, 1, 1]
        ])
    );
}

#[test]
fn a_word_with_several_forms_counts_its_best_form_once() {
    // Two alternatives of one word (a stem and a prefix expansion) both in doc 0: the doc
    // has one word of one, scored by the better form, not by the sum.
    let ranked = node(&format!(
        "const g = [[{{df: 1, lists: [c.decode({a})]}}, {{df: 1, lists: [c.decode({b})]}}]];\n\
         const r = c.rank(g, 4, null); out([r.length, r[0].hits, Math.abs(r[0].score - 90 * c.idf(1, 4)) < 1e-9, r[0].sec]);",
        a = json!(encode(&[(0, 40, 1)])),
        b = json!(encode(&[(0, 90, 2)]))
    ));
    assert_eq!(ranked, json!([1, 1, true, 3]));
}

#[test]
fn idf_is_bm25s() {
    let value = node("out(c.idf(3, 100));");
    let expected = (1.0 + (100.0 - 3.0 + 0.5) / (3.0 + 0.5_f64)).ln();
    assert!((value.as_f64().expect("a number") - expected).abs() < 1e-12, "{value} != {expected}");
}

#[test]
fn a_term_is_looked_up_in_the_chunk_whose_first_term_is_the_last_not_after_it() {
    let found = node(
        "const ch = ['0', 'data', 'kennis', 'zz', '~k:post'];\n\
         out(['0', 'abc', 'data', 'databank', 'kennis', 'leren', 'zzz', '~c:data', '~t:x', '~s:unanswered']\
         .map(t => c.chunkOf(ch, t)));",
    );
    assert_eq!(found, json!([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]));
}

#[test]
fn the_word_being_typed_expands_to_the_most_frequent_terms_it_begins() {
    let result = node(
        "const ch = ['a', 'le', 'leb', 'm'];\n\
         const dict = {le: [1, ''], lead: [9, ''], leer: [30, ''], leren: [30, ''], lerend: [2, ''], lo: [99, ''], l: [50, '']};\n\
         out({two: c.expand(dict, 'le', 3), all: c.expand(dict, 'ler', 20), none: c.expand(dict, 'x', 20),\
         spans: c.prefixChunks(ch, 'le', 2), one: c.prefixChunks(ch, 'lec', 2), cut: c.prefixChunks(ch, 'l', 2)});",
    );
    assert_eq!(result["two"], json!(["leer", "leren", "lead"]), "by frequency, ties in term order, limited");
    assert_eq!(result["all"], json!(["leren", "lerend"]));
    assert_eq!(result["none"], json!([]));
    assert_eq!(
        result["spans"],
        json!({"from": 1, "to": 2, "cut": false}),
        "`le…` spans chunks `le` and `leb`"
    );
    assert_eq!(result["one"], json!({"from": 2, "to": 2, "cut": false}));
    assert_eq!(
        result["cut"],
        json!({"from": 0, "to": 1, "cut": true}),
        "`l…` would need three chunks: cut at two"
    );
}

#[test]
fn a_filter_keeps_only_documents_in_every_facet_term() {
    let query = encode(&[(0, 10, 1), (2, 30, 1), (4, 20, 1), (6, 50, 1)]);
    // A facet term's postings come in two parts: the top block and the overflow file.
    let community_top = encode(&[(0, 0, 0), (2, 0, 0)]);
    let community_rest = encode(&[(4, 0, 0), (6, 0, 0)]);
    let kind = encode(&[(2, 0, 0), (3, 0, 0), (4, 0, 0)]);
    let ranked = node(&format!(
        "const allow = c.intersect([[c.decode({community_top}), c.decode({community_rest})], [c.decode({kind})]]);\n\
         const g = [[{{df: 4, lists: [c.decode({query})]}}]];\n\
         out({{allow: [...allow].sort(), docs: c.rank(g, 8, allow).map(r => r.doc), unfiltered: c.rank(g, 8, null).map(r => r.doc)}});",
        community_top = json!(community_top),
        community_rest = json!(community_rest),
        kind = json!(kind),
        query = json!(query)
    ));
    assert_eq!(ranked["allow"], json!([2, 4]));
    assert_eq!(ranked["docs"], json!([2, 4]), "only docs in both the community and the kind, best first");
    assert_eq!(ranked["unfiltered"], json!([6, 2, 4, 0]));
}

#[test]
fn query_words_group_the_word_being_typed_with_its_other_forms() {
    let result = node(
        "const T = {queryTerms: () => [{term: 'kennis', prefix: false, word: 0}, {term: 'ler', prefix: false, word: 1}, {term: 'lere', prefix: true, word: 1}]};\n\
         out({text: c.words('kennis lere', 'nl', T).map(g => g.map(w => w.term)),\
         plain: c.words('Kennis Lere', 'nl', null), done: c.words('kennis ', 'nl', null)});",
    );
    assert_eq!(result["text"], json!([["kennis"], ["ler", "lere"]]));
    assert_eq!(
        result["plain"],
        json!([[{"term": "kennis", "prefix": false}], [{"term": "lere", "prefix": true}]]),
        "without the text pipeline: lower case, the last word a prefix"
    );
    assert_eq!(result["done"], json!([[{"term": "kennis", "prefix": false}]]), "a space ends the word");
}

#[test]
fn a_close_dictionary_term_is_found_by_edit_distance() {
    let result = node(
        "out([c.distance('kenis', 'kennis', 2), c.distance('databse', 'database', 2), c.distance('abc', 'xyzuvw', 2)]);",
    );
    assert_eq!(result, json!([1, 1, 3]));
}

/// Terms with their postings `(doc, impact, sections)`.
type Terms<'a> = &'a [(&'a str, &'a [(u64, u64, u64)])];

/// Runs `query(q, filters)` of the client over a hand-made English index in which each
/// term's postings are `terms[term]` (encoded here), split into chunks at `chunks`, and
/// prints `{docs, unknown, loaded}`: the ranked doc ids, the filters that named nothing and
/// the index files the query loaded, in order. Without `text`, words are only lower-cased.
fn query(chunks: &[&str], terms: Terms, q: &str, filters: Value, text: bool) -> Value {
    let mut files = serde_json::Map::new();
    files.insert("meta".into(), json!({"docs": 10, "language": "en", "chunks": chunks}));
    for (i, first) in chunks.iter().enumerate() {
        let next = chunks.get(i + 1);
        let dict: serde_json::Map<String, Value> = terms
            .iter()
            .filter(|(t, _)| t >= first && next.is_none_or(|n| t < n))
            .map(|(t, postings)| (t.to_string(), json!([postings.len(), encode(postings)])))
            .collect();
        files.insert(crate::support::search_chunk_file(first), Value::Object(dict));
    }
    node(&format!(
        "const files = {files}, loaded = [];\n\
         const load = name => {{ loaded.push(name); return name in files ? Promise.resolve(files[name]) : Promise.reject(new Error(name)); }};\n\
         c.query({q}, {filters}, load, null, {text} ? K : null, false)\
         .then(f => out({{docs: f.ranked.map(r => r.doc), unknown: f.unknown, loaded}}), e => out({{error: String(e)}}));",
        files = Value::Object(files),
        q = json!(q),
    ))
}

#[test]
fn a_query_ranks_the_documents_of_its_words_and_names_the_filters_that_match_nothing() {
    let terms: Terms = &[
        ("deploy", &[(1, 10, 1), (2, 40, 1), (5, 20, 1)]),
        ("staging", &[(2, 10, 1), (3, 30, 1)]),
        ("~k:post", &[(1, 0, 0), (3, 0, 0)]),
    ];
    let both = query(&["0", "m", "~"], terms, "deploy staging ", json!({}), false);
    assert_eq!(both["docs"], json!([2, 3, 5, 1]), "the doc with both words first: {both}");
    assert_eq!(both["loaded"], json!(["meta", "t/0", "t/m"]));
    let filtered = query(&["0", "m", "~"], terms, "deploy ", json!({"kind": "post", "tag": "nope"}), false);
    assert_eq!(filtered["docs"], json!([1]), "{filtered}");
    assert_eq!(filtered["unknown"], json!(["tag"]), "a filter naming nothing is reported, not applied");
}

#[test]
fn a_word_that_names_an_objects_own_property_finds_nothing_rather_than_failing() {
    let terms: Terms = &[("deploy", &[(1, 10, 1)])];
    for q in ["constructor ", "tostring deploy ", "__proto__ "] {
        let result = query(&["0"], terms, q, json!({}), false);
        assert_eq!(
            result["docs"],
            json!(if q.contains("deploy") { json!([1]) } else { json!([]) }),
            "{q}: {result}"
        );
    }
}

#[test]
fn the_word_being_typed_may_run_past_its_stem_but_not_past_a_compounds_first_part() {
    let stems = node(
        "out(['observab', 'aansprakelijkhe', 'veiligh', 'settin', 'token', 'kostenpl', 'mentorprog', 'hub_code', 'abc']\
         .map(w => c.stemsBefore(w, K)).concat([c.stemsBefore('observab', null)]));",
    );
    assert_eq!(stems[0], json!(["observa", "observ"]), "observ|able, never `obs` or `o`");
    assert_eq!(stems[1], json!(["aansprakelijkh", "aansprakelijk"]), "aansprakelijk|heid");
    assert_eq!(stems[2], json!(["veil"]), "veil|igheid");
    assert_eq!(stems[3], json!(["setti", "set"]), "set|ting, the t doubled");
    assert_eq!(stems[4], json!(["toke"]), "`tok` + `en…` stems to Dutch `took`, never `tok`");
    assert_eq!(stems[5], json!([]), "no ending starts with `pl`: not `kosten`");
    assert_eq!(stems[6], json!([]), "no ending starts with `prog`: not `mentor`");
    assert_eq!(stems[7], json!([]), "an identifier is no stemmed word");
    assert_eq!(stems[8], json!([]), "stems have three letters or more");
    assert_eq!(stems[9], json!([]), "without the text pipeline, no stems");
}

#[test]
fn a_stem_the_word_being_typed_runs_past_is_found_in_an_earlier_chunk_within_three_chunks() {
    let terms: Terms = &[
        ("obs", &[(9, 50, 1)]),
        ("observ", &[(1, 10, 1), (2, 20, 1)]),
        ("observatory", &[(3, 30, 1)]),
        ("observb", &[(4, 30, 1)]),
    ];
    let near = query(&["0", "observ", "observb", "p"], terms, "observab", json!({}), true);
    assert_eq!(near["docs"], json!([2, 1]), "`observ`, not `obs`: {near}");
    assert_eq!(near["loaded"], json!(["meta", "t/observ"]));
    let earlier = query(&["0", "observa", "observb", "p"], terms, "observab", json!({}), true);
    assert_eq!(earlier["docs"], json!([2, 1]), "{earlier}");
    assert_eq!(earlier["loaded"], json!(["meta", "t/observa", "t/0"]), "the chunk before holds `observ`");
    // `observab…` spans two chunks; the longer stem's chunk is a third, the shorter's a fourth.
    let spread: Terms =
        &[("observ", &[(1, 10, 1), (2, 20, 1)]), ("observa", &[(5, 5, 1)]), ("observable", &[(6, 30, 1)])];
    let cut =
        query(&["0", "observ", "observa", "observab", "observabm", "p"], spread, "observab", json!({}), true);
    assert_eq!(cut["docs"], json!([6, 5]), "{cut}");
    assert_eq!(
        cut["loaded"],
        json!(["meta", "t/observab", "t/observabm", "t/observa"]),
        "three chunks for the word, no more"
    );
}

#[test]
fn the_client_ships_under_30_kb_with_its_stemmers_and_stop_words() {
    let built = SiteTest::copy("search-basic").build();
    let sizes: Vec<usize> =
        ["kennis-search.js", "kennis-search-text.js"].iter().map(|f| built.file(f).text.len()).collect();
    let shipped: usize = sizes.iter().sum();
    assert!(shipped < 30 * 1024, "the search client ships {shipped} bytes ({sizes:?}), over 30 KB");
}

#[test]
fn a_chunk_file_is_named_by_its_term_as_the_index_names_it() {
    let names = node(
        "const ch = ['kennisd', '~k:', 'snake_c', 'hië', '', 'x'.repeat(65), 'x'.repeat(64)];\n\
         out(ch.map((_, i) => c.chunkFile(ch, i)));",
    );
    // The same names src/search/files.rs's chunk_name gives (its unit test pins the hash).
    assert_eq!(
        names,
        json!([
            "t/kennisd",
            "t/_7ek_3a",
            "t/snake_5fc",
            "t/hi_c3_ab",
            "t/-",
            "t/-ee0997e77b4548b3",
            format!("t/{}", "x".repeat(64))
        ])
    );
    let built = SiteTest::copy("search-basic").build();
    let meta = built.file("search/meta.js").text.clone();
    let chunks = node(&format!(
        "const kennisSearch = (n, d) => d; const m = {};\n out(m.chunks.map((_, i) => c.chunkFile(m.chunks, i)));",
        meta.trim_end().trim_end_matches(';')
    ));
    let chunks = chunks.as_array().expect("a list of names");
    assert!(chunks.len() > 1, "the fixture's dictionary fills more than one chunk: {chunks:?}");
    for name in chunks {
        let name = name.as_str().expect("a name");
        built.file(&format!("search/{name}.js"));
    }
}
