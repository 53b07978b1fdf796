//! The simple reading agrees with the full one wherever it reads anything, and reads the usual front matter.

use proptest::prelude::*;

use super::simple_mapping;
use crate::yaml::tree;

/// Both readings of `text`, when the simple one reads it: the same fields, values,
/// spellings and positions.
fn assert_same_as_full(text: &str) -> bool {
    let Some(simple) = simple_mapping(text, 3) else { return false };
    let full =
        tree::parse_mapping(text, 3).unwrap_or_else(|e| panic!("{text:?}: simple read, full failed: {e:?}"));
    assert_eq!(format!("{simple:?}"), format!("{full:?}"), "for {text:?}");
    true
}

#[test]
fn the_usual_front_matter_is_read_simply_and_as_the_parser_reads_it() {
    let usual = [
        "title: \"On not motivation by research\"\ndate: 2024-09-24\nauthors: [tom-goossens]\n\
         community: feedback-guild\ntags: [finance, data-science, writing]\nlang: en\n",
        "title: Hiërarchie in één team\nsummary: 'Wat we leerden: alles'\ntags: []\n",
        "# a comment\ntitle: It's \"here\"\n\nurl: https://example.org/a?b=c\ntags: [ \"a b\" , 'ü' ]\n",
        "title: 10 tips, for 2025\nslug: 1 000\nweight_x: C++ and C\n",
    ];
    for text in usual {
        assert!(assert_same_as_full(text), "not read simply: {text:?}");
    }
}

#[test]
fn anything_less_than_certain_is_left_to_the_parser() {
    let left = [
        "title: no\n",
        "draft: true\n",
        "weight: 10\n",
        "ratio: 1e3\n",
        "slug: 0x10\n",
        "n: ~\n",
        "n: Null\n",
        "empty:\n",
        "title: A # comment\n",
        "title: C#\n",
        "title: a: b\n",
        "title: \"a \\\"b\\\"\"\n",
        "title: 'it''s'\n",
        "tags:\n  - a\n",
        "title: A\n  more\n",
        "title: A\ntitle: B\n",
        "tags: [a, [b]]\n",
        "tags: [a,]\n",
        "x: &a one\ny: *a\n",
        "title: @home\n",
        "title:\tA\n",
        "title: A\r\n",
        "extra: {a: 1}\n",
        "title: a\u{7}b\n",
        "title: a\u{85}b\n",
        "# only a comment\n",
    ];
    for text in left {
        assert!(simple_mapping(text, 1).is_none(), "read simply: {text:?}");
    }
}

/// Lines built from the pieces front matter is made of, tricky ones included.
fn line() -> impl Strategy<Value = String> {
    let key =
        prop::sample::select(vec!["title", "date", "tags", "yes", "on", "a-b", "_x", "Title", "1", "-x"]);
    let special = prop::sample::select(vec![
        "no",
        "Yes",
        "ON",
        "y",
        "N",
        "~",
        "null",
        "Null",
        "NULL",
        "0x10",
        "0o17",
        "0b11",
        "1e3",
        ".inf",
        "-.5",
        "+1",
        "1_000",
        "012",
        "1:30",
        "1.10",
        "-",
        "2024-09-24",
        "2024-9-24",
        "2024-09-24T10:00:00Z",
        "2024-09-24 10:00",
        "12:30:00",
        "a: b",
        "C#",
        "x #y",
        "[a, b]",
        "[]",
        "[ ]",
        "[a,]",
        "[\"a b\", 'c']",
        "[yes, 1]",
        "[a, [b]]",
        "[a: b]",
        "[a]]",
        "'it''s'",
        "\"a\\\"b\"",
        "\"ünï\"",
        "Hiërarchie en zo",
        "It's",
        "a  b",
        "b]",
        "{a: 1}",
        "&a x",
        "*a",
        "!tag x",
        "|",
        ">",
        "@x",
        "`x`",
        "%x",
        "? x",
        "nan",
        "NaN",
        "Inf",
        "deadbeef",
        "e",
        "1 2",
        "0.",
        "._",
        "€ 5",
        "a,b",
        "[é, ü]",
        "[ \"x\" , y ]",
        "a\u{7}b",
        "a\u{85}b",
        "a\u{2028}b",
        "\u{feff}a",
        "a\u{feff}",
        "a\u{a0}b",
        "\"a\u{1b}\"",
    ]);
    let plain = "[a-zA-Z0-9 .:#,'\"\\-_\\[\\]{}éü€]{0,12}";
    let value = prop_oneof![special.prop_map(str::to_owned), plain];
    let spacing = prop::sample::select(vec![": ", ":  ", ":", ": "]);
    let trailing = prop::sample::select(vec!["", "", " ", "   ", " # c"]);
    let field = (key, spacing, value, trailing).prop_map(|(k, s, v, t)| format!("{k}{s}{v}{t}"));
    let other = prop::sample::select(vec!["", "   ", "# comment", "  indented: x", "- item", "title: again"]);
    prop_oneof![4 => field, 1 => other.prop_map(str::to_owned)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn wherever_the_simple_reading_reads_it_agrees_with_the_parser(
        lines in prop::collection::vec(line(), 1..6),
        newline in any::<bool>(),
    ) {
        let text = lines.join("\n") + if newline { "\n" } else { "" };
        assert_same_as_full(&text);
    }
}
