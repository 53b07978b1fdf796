//! Tests of reading TOML front matter: positions from the top of the file, values as written, messages.

use super::*;
use crate::yaml::WrittenText;

fn fields(text: &str) -> Vec<(Key, Positioned)> {
    parse_table(text, 2).unwrap()
}

#[test]
fn keys_keep_their_order_and_their_place_in_the_file() {
    let read = fields("title = \"Hallo\"\nweight = 3\n\n[extra]\nteam = \"Release\"\n");
    let keys: Vec<(&str, u32, u32)> = read.iter().map(|(k, _)| (k.name.as_str(), k.line, k.column)).collect();
    assert_eq!(keys, [("title", 2, 1), ("weight", 3, 1), ("extra", 5, 2)]);
    let (_, title) = &read[0];
    assert_eq!((title.line, title.column), (2, 9));
    let (_, extra) = &read[2];
    let (team_key, team) = &extra.fields[0];
    assert_eq!((team_key.name.as_str(), team_key.line, team.line, team.column), ("team", 6, 6, 8));
    assert_eq!(extra.value["team"], "Release");
}

#[test]
fn bare_values_keep_their_spelling_and_strings_are_quoted_text() {
    let read = fields(
        "title = 1.10\nslug = \"0x10\"\nweight = 0x10\ndraft = true\ndate = 2020-03-12T09:00:00+01:00\n",
    );
    let shown: Vec<(WrittenText<'_>, bool)> =
        read.iter().map(|(_, v)| (v.as_written_text(), v.is_quoted_text())).collect();
    assert_eq!(
        shown,
        [
            (WrittenText::Text("1.10"), false),
            (WrittenText::Text("0x10"), true),
            (WrittenText::Text("0x10"), false),
            (WrittenText::Text("true"), false),
            (WrittenText::Text("2020-03-12T09:00:00+01:00"), false),
        ]
    );
    assert_eq!(read[2].1.value, 16);
    assert_eq!(read[3].1.value, true);
}

#[test]
fn list_items_have_their_own_positions() {
    let read = fields("tags = [\"rust\",\n  \"release\"]\n");
    let items: Vec<(u32, u32)> = read[0].1.items.iter().map(|i| (i.line, i.column)).collect();
    assert_eq!(items, [(2, 9), (3, 3)]);
}

#[test]
fn mistakes_are_said_in_kennis_words_at_their_line() {
    let cases: &[(&str, &str)] = &[
        ("title = \"A\"\ntitle: B\n", "3:1 a field without `=`: TOML front matter writes `name = value`"),
        ("title = Hello world\n", "2:9 text must be quoted in TOML: `Hello world`"),
        ("title =\n", "2:8 this field has no value"),
        ("title = \"Hello\n", "2:15 this text is not closed with a quote on its line"),
        ("tags = [\"a\", \"b\"\n", "2:17 this list is not closed with `]`"),
        ("tags = [\"a\" \"b\"]\n", "2:13 a comma is missing between two items of this list"),
        ("title = \"a\"\ntitle = \"b\"\n", "3:1 `title` is written twice"),
        ("[extra]\nx = 1\n[extra]\n", "4:2 `extra` is written twice"),
        ("date = 2020-13-45\n", "2:8 `2020-13-45` is not a date: month between 01 and 12"),
        ("[extra\nx = 1\n", "2:7 this table header is not closed with `]`"),
        ("title = \"C:\\q\"\n", "2:13 a backslash in quoted text starts an escape this is not"),
    ];
    for (text, expected) in cases {
        let error = parse_table(text, 2).unwrap_err();
        assert_eq!(&format!("{}:{} {}", error.line, error.column, error.message), expected, "{text:?}");
        assert!(!error.hint.is_empty());
    }
}

mod random {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of TOML, joined at random: most inputs are near-TOML with a mistake somewhere.
    fn near_toml() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("title = \"A\"\n".to_owned()),
            Just("tags = [\"a\", \"b\"]\n".to_owned()),
            Just("[extra]\n".to_owned()),
            Just("[[extra.list]]\n".to_owned()),
            Just("date = 2020-03-12T09:00:00+01:00\n".to_owned()),
            Just("x = { a = 1 }\n".to_owned()),
            Just("\"\"\"\n".to_owned()),
            "[\\PC=\\[\\]\"'{},.\n ]{0,12}",
        ];
        proptest::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        /// Whatever is written, reading it never panics, and every position it reports is
        /// a line of the front matter.
        #[test]
        fn every_position_is_in_the_text(text in near_toml()) {
            let last_line = 2 + text.matches('\n').count() as u32;
            match parse_table(&text, 2) {
                Ok(fields) => {
                    for (key, value) in &fields {
                        prop_assert!((2..=last_line).contains(&key.line));
                        prop_assert!((2..=last_line).contains(&value.line));
                    }
                }
                Err(error) => {
                    prop_assert!((2..=last_line).contains(&error.line), "{error:?}");
                    prop_assert!(!error.message.is_empty() && !error.hint.is_empty());
                }
            }
        }
    }
}
