//! Tests of YAML reading: spellings kept, positions, and every parser error in kennis's words.

use super::*;

#[test]
fn keys_come_back_in_order_with_positions() {
    let fields =
        parse_mapping("title: Hallo\ntags: [a, b]\ndate: 2025-01-02\nteam:\n  - an\n  - bram\n", 1).unwrap();
    let names: Vec<&str> = fields.iter().map(|(k, _)| k.name.as_str()).collect();
    assert_eq!(names, ["title", "tags", "date", "team"]);
    assert_eq!((fields[1].1.line, fields[1].1.column), (2, 7));
    assert_eq!((fields[3].0.line, fields[3].0.column), (4, 1));
    let items: Vec<(u32, u32)> = fields[1].1.items.iter().map(|i| (i.line, i.column)).collect();
    assert_eq!(items, [(2, 8), (2, 11)]);
    let items: Vec<(u32, u32)> = fields[3].1.items.iter().map(|i| (i.line, i.column)).collect();
    assert_eq!(items, [(5, 5), (6, 5)]);
    assert_eq!(fields[2].1.value, serde_json::json!("2025-01-02"));
}

#[test]
fn a_list_is_not_front_matter() {
    let error = parse_mapping("- a\n- b\n", 2).unwrap_err();
    assert_eq!(error.line, 2);
}

#[test]
fn plain_scalars_keep_their_spelling_beside_yaml_types() {
    let fields =
        parse_mapping("title: no\nslug: 0x10\nv: 1.10\nn: ~\nq: \"yes\"\nm: one\n  two\n", 1).unwrap();
    let shown: Vec<(serde_json::Value, Option<&str>)> =
        fields.iter().map(|(_, v)| (v.value.clone(), v.written.as_deref())).collect();
    assert_eq!(
        shown,
        [
            (serde_json::json!(false), Some("no")),
            (serde_json::json!(16), Some("0x10")),
            (serde_json::json!(1.1), Some("1.10")),
            (serde_json::Value::Null, Some("~")),
            (serde_json::json!("yes"), None),
            (serde_json::json!("one two"), Some("one two")),
        ]
    );
    assert_eq!(fields[0].1.as_written_text(), WrittenText::Text("no"));
    assert_eq!(fields[3].1.as_written_text(), WrittenText::Nothing);
    let nulls = parse_mapping("a: null\nb: Null\nc: NULL\nd: \"null\"\n", 1).unwrap();
    let read: Vec<WrittenText> = nulls.iter().map(|(_, v)| v.as_written_text()).collect();
    assert_eq!(
        read,
        [
            WrittenText::Nothing,
            WrittenText::Text("Null"),
            WrittenText::Text("NULL"),
            WrittenText::Text("null")
        ]
    );
    assert!(fields[4].1.is_quoted_text());
}

#[test]
fn comments_and_spaces_are_not_part_of_the_spelling() {
    let fields = parse_mapping("title: no   # a comment\ntags: [1.0 , yes]  # more\nyes: 0x10\n", 1).unwrap();
    assert_eq!(fields[0].1.written.as_deref(), Some("no"));
    let items: Vec<Option<&str>> = fields[1].1.items.iter().map(|i| i.written.as_deref()).collect();
    assert_eq!(items, [Some("1.0"), Some("yes")]);
    assert_eq!((fields[2].0.name.as_str(), fields[2].1.written.as_deref()), ("yes", Some("0x10")));
}

#[test]
fn an_alias_keeps_the_spelling_of_its_anchor() {
    let fields = parse_mapping("x: &q 1.50\ny: *q\n", 1).unwrap();
    assert_eq!((fields[1].1.written.as_deref(), fields[1].1.line, fields[1].1.column), (Some("1.50"), 2, 4));
}

#[test]
fn mistakes_are_placed_where_they_are_with_their_own_hint() {
    let cases = [
        ("title: A\ntitle: B\n", "3:1 `title` is set twice: first at line 2, again at line 3"),
        ("extra: {a: 1, a: 2}\n", "2:15 `a` is set twice: first at line 2, again at line 2"),
        ("title: A\n\tdate: x\n", "3:1 a tab where YAML expects spaces"),
        ("title: A\ntags: [a, b\ndate: 2025-01-01\n", "3:7 this list is not closed with `]`"),
        ("x: {a: 1\ny: 2\n", "2:4 this group is not closed with `}`"),
        ("title: \"A\ndate: 2025\n", "2:8 this quoted text never ends"),
        ("title: a: b\n", "2:9 a second `: ` in this value: YAML reads it as the start of another field"),
        ("title: A\n  date: x\n", "3:1 this line is indented more than the field above it"),
        ("tags: x\n  - a\n", "3:3 this `- ` line is read as more of the text above it, not as a list item"),
        ("title: A\ntags:\n  - a\n - b\n", "5:2 this list item is not lined up with a list above it"),
        ("title: [a, b]]\n", "2:14 a closing bracket that closes nothing"),
        ("title: *nope\n", "2:8 this alias (`*name`) refers to no anchor (`&name`) above it"),
        ("- a\n- b\n", "2:1 front matter must be fields, one `name: value` per line"),
        ("title: 'it's here'\n", "2:12 text after the closing quote"),
        ("tags: [a, {b]\n", "2:11 this group is not closed with `}`"),
        ("authors:\n- an\n-bram\n", "4:1 this line has no `:`, so it is neither a field nor a list item"),
        ("title A\ndate: x\n", "2:1 this line has no `:`, so it is neither a field nor a list item"),
        ("title: @home\n", "2:8 a value cannot start with `@`"),
        (": x\n", "2:1 a value without a field name before its colon"),
        ("title: \"a\\qb\"\n", "2:8 a backslash that YAML reads as an unknown escape"),
        ("title:\n\t- a\n", "3:1 a tab where YAML expects spaces"),
    ];
    for (text, expected) in cases {
        let error = parse_mapping(text, 2).unwrap_err();
        assert_eq!(format!("{}:{} {}", error.line, error.column, error.message), expected, "for {text:?}");
        assert!(!error.hint.is_empty());
    }
}

/// Texts that leak the parser: its option names, its debug output, its own positions.
fn leaks_the_parser(message: &str) -> bool {
    ["Policy", "Options", "budget", " { ", "at line", "serde"].iter().any(|leak| message.contains(leak))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

    /// Any mixture of YAML's punctuation: no panic, and an error is placed inside the text
    /// and in kennis's words.
    #[test]
    fn every_error_has_a_position_inside_the_text_and_no_parser_words(
        text in "([a-c]|:|: |-|- |\\[|\\]|\\{|\\}|,|\"|'|#|&a|\\*a|!!|\\?|\\||>|~|\t| |\n|\r){0,40}"
    ) {
        if let Err(error) = parse_mapping(&text, 1) {
            let lines = crate::text::lone_carriage_returns_as_line_feeds(text.clone()).split('\n').count() as u32 + 1;
            proptest::prop_assert!(error.line >= 1 && error.line <= lines, "{error:?} in {text:?}");
            proptest::prop_assert!(error.column >= 1, "{error:?} in {text:?}");
            proptest::prop_assert!(!leaks_the_parser(&error.message), "{error:?} in {text:?}");
        }
    }
}
