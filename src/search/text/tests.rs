//! Unit tests of the search text pipeline: the stems and identifiers that matter to readers.

use super::{Lang, fold, terms};

fn stem_of(word: &str, lang: Lang) -> String {
    let terms = terms(word, lang);
    assert_eq!(terms.len(), 1, "{word} gives {terms:?}");
    terms[0].clone()
}

#[test]
fn dutch_inflections_meet() {
    for group in [
        &["leren", "lerende", "leert", "geleerd", "leer"][..],
        &["kennis", "kennissen"],
        &["hierarchie", "hiërarchie", "hiërarchieën", "Hiërarchie"],
        &["werken", "werkt", "gewerkt", "werkende"],
        &["soort", "soorten"],
    ] {
        let stems: Vec<String> = group.iter().map(|word| stem_of(word, Lang::Nl)).collect();
        assert!(stems.iter().all(|stem| *stem == stems[0]), "{group:?} stem to {stems:?}");
    }
    assert_eq!(stem_of("leren", Lang::Nl), "leer");
    assert_ne!(stem_of("kennis", Lang::Nl), stem_of("kent", Lang::Nl));
}

#[test]
fn english_inflections_meet() {
    for word in ["learning", "learned", "learns", "learn", "Learning"] {
        assert_eq!(stem_of(word, Lang::En), "learn", "{word}");
    }
    assert_eq!(stem_of("generously", Lang::En), "generous");
    assert_eq!(stem_of("hierarchies", Lang::En), "hierarchi");
    assert_eq!(stem_of("running", Lang::En), "run");
}

#[test]
fn identifiers_give_their_whole_and_their_parts() {
    assert_eq!(terms("snake_case", Lang::En), ["snake_case", "snake", "case"]);
    assert_eq!(terms("kebab-case", Lang::En), ["kebab-case", "kebab", "case"]);
    assert_eq!(terms("std::fs", Lang::En), ["std::fs", "std", "fs"]);
    // A qualified name is found by each of its names that is an identifier.
    assert_eq!(terms("k.klant_id", Lang::Nl), ["k.klant_id", "klant_id", "k", "klant", "id"]);
    assert_eq!(
        terms("time.perf_counter", Lang::En),
        ["time.perf_counter", "perf_counter", "time", "perf", "counter"]
    );
    assert_eq!(terms("CamelCase", Lang::En), ["camelcase", "camel", "case"]);
    assert_eq!(terms("HTTPServer", Lang::En), ["httpserver", "http", "server"]);
    assert_eq!(terms("v1.2 in 2024", Lang::En), ["v1.2", "v1", "2", "2024"]);
    // The whole keeps a stop word; the part loses it, and parts are stemmed.
    assert_eq!(terms("the_running", Lang::En), ["the_running", "run"]);
}

#[test]
fn sentences_lose_stop_words_and_punctuation() {
    assert_eq!(terms("The cat's toys, and the end.", Lang::En), ["cat", "toy", "end"]);
    assert_eq!(terms("De kennis van het team.", Lang::Nl), ["kennis", "team"]);
    assert_eq!(terms("The end", Lang::Other), ["the", "end"]);
}

#[test]
fn folding_drops_accents_case_and_ligatures() {
    assert_eq!(fold("Hiërarchie"), "hierarchie");
    assert_eq!(fold("CAFÉ"), "cafe");
    assert_eq!(fold("ﬁets"), "fiets");
    assert_eq!(fold("Straße"), "strasse");
    assert_eq!(fold("Øresund"), "oresund");
    assert_eq!(fold("İstanbul"), "istanbul");
    assert_eq!(fold("ΟΔΟΣ"), "οδοσ");
    assert_eq!(fold("ｗｉｄｅ"), "wide");
    // Japanese voicing marks are not accents: が stays が.
    assert_eq!(fold("ガ"), "ガ");
}

#[test]
fn scripts_without_spaces_give_one_term_per_character() {
    assert_eq!(terms("東京タワー", Lang::Other), ["東", "京", "タ", "ワ", "ー"]);
}

#[test]
fn no_term_starts_with_a_tilde_or_is_longer_than_the_limit() {
    let long = "x".repeat(100);
    let terms = terms(&format!("~k:post ~tilde {long} 🎉"), Lang::Other);
    assert_eq!(terms[..4], ["k:post", "k", "post", "tilde"]);
    assert_eq!(terms[4].chars().count(), super::MAX_TERM_CHARS);
    assert_eq!(terms.len(), 5);
}

#[test]
fn a_plain_ascii_word_is_one_of_letters_and_digits_without_a_hump() {
    // The definition, slowly: every byte a letter or digit, and no hump as `split_humps`
    // finds them (a lower-case letter then a capital, or two capitals then a lower-case letter).
    let plain = |word: &[u8]| {
        word.iter().all(u8::is_ascii_alphanumeric)
            && !word.windows(2).enumerate().any(|(i, pair)| {
                (pair[0].is_ascii_lowercase() && pair[1].is_ascii_uppercase())
                    || (pair[0].is_ascii_uppercase()
                        && pair[1].is_ascii_uppercase()
                        && word.get(i + 2).is_some_and(u8::is_ascii_lowercase))
            })
    };
    let letters = b"aZB1_";
    // Every word of up to five of these bytes.
    let mut words: Vec<Vec<u8>> = vec![Vec::new()];
    let mut last: Vec<Vec<u8>> = vec![Vec::new()];
    for _ in 0..5 {
        last = last
            .iter()
            .flat_map(|word| letters.iter().map(move |&c| [word.as_slice(), &[c]].concat()))
            .collect();
        words.extend(last.iter().cloned());
    }
    assert!(words.len() > 3_000);
    for word in &words {
        assert_eq!(super::is_plain_ascii_word(word), plain(word), "{}", String::from_utf8_lossy(word));
    }
    assert!(super::is_plain_ascii_word(b"HTTP2server"));
    assert!(!super::is_plain_ascii_word(b"HTTPServer"));
}

#[test]
fn a_texts_pieces_give_its_terms_through_word_term() {
    use super::{Piece, for_each_piece, word_term};
    let mut pieces = Vec::new();
    for_each_piece("The HTTPServer's k.klant_id", |piece| {
        pieces.push(match piece {
            Piece::Term(term) => format!("term {term}"),
            Piece::Word(word) => format!("word {word}"),
        })
    });
    assert_eq!(
        pieces,
        ["word The", "term httpservers", "word HTTP", "word Servers", "term k.klant_id", "term klant_id"]
            .into_iter()
            .chain(["word k", "word klant", "word id"])
            .collect::<Vec<_>>()
    );
    assert_eq!(word_term("The", Lang::En), None);
    assert_eq!(word_term("Servers", Lang::En).as_deref(), Some("server"));
    assert_eq!(word_term("The", Lang::Other).as_deref(), Some("the"));
}
