//! Front matter: splitting the YAML block off a Markdown file and reading the fields DESIGN.md names.

use serde_json::Value;

use crate::content::field_values::{FieldReader, ListRule, Position};
use crate::dates::PageDate;
use crate::error::Diagnostic;
use crate::yaml::{self, Positioned};

/// A value with the line and column in the file where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub line: u32,
    pub column: u32,
}

/// The fields of DESIGN.md's table, aliases folded; unknown fields kept in `extra`.
#[derive(Clone, Debug, Default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<PageDate>,
    pub updated: Option<PageDate>,
    pub authors: Vec<Located<String>>,
    pub communities: Vec<Located<String>>,
    pub tags: Vec<Located<String>>,
    pub summary: Option<String>,
    pub draft: bool,
    pub slug: Option<Located<String>>,
    pub aliases: Vec<Located<String>>,
    pub lang: Option<String>,
    pub weight: Option<i64>,
    pub accepted: Option<Located<String>>,
    pub goal: Option<String>,
    pub lead: Option<Located<String>>,
    pub team: Vec<Located<String>>,
    pub kind: Option<Located<String>>,
    pub extra: serde_json::Map<String, Value>,
    /// The YAML did not parse: its error is reported, and nothing should be said of missing fields.
    pub invalid: bool,
}

/// A Markdown file cut in two: the YAML text and where it starts, the body and where it starts.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the first YAML line in the file.
    pub yaml_line: u32,
    pub body: &'a str,
    /// 1-based line of the body's first line in the file.
    pub body_line: u32,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `---\n yaml \n---\n body`. A file without an opening `---` is all body;
/// an opening `---` without a closing one is an error at line 1.
pub fn split(text: &str) -> Result<Split<'_>, Diagnostic> {
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let after_bom = &text[bom..];
    let Some(first_line_end) = after_bom.find('\n') else {
        return Ok(whole_body(text, bom));
    };
    if after_bom[..first_line_end].trim_end() != "---" {
        return Ok(whole_body(text, bom));
    }
    let yaml_start = bom + first_line_end + 1;
    let mut offset = yaml_start;
    for (index, raw_line) in text[yaml_start..].split_inclusive('\n').enumerate() {
        let line = index as u32 + 2;
        let trimmed = raw_line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let body_offset = offset + raw_line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_offset..],
                body_line: line + 1,
                body_offset,
            });
        }
        offset += raw_line.len();
    }
    Err(Diagnostic::error("", 1, 1, "front matter starts with `---` but never ends")
        .with_hint("close the front matter with a line holding only `---`"))
}

fn whole_body(text: &str, bom: usize) -> Split<'_> {
    Split { yaml: "", yaml_line: 1, body: &text[bom..], body_line: 1, body_offset: bom }
}

/// The field names kennis reads (aliases included), for typo suggestions.
const KNOWN_FIELDS: &[&str] = &[
    "title",
    "date",
    "updated",
    "lastmod",
    "authors",
    "author",
    "community",
    "communities",
    "tags",
    "summary",
    "description",
    "excerpt",
    "draft",
    "slug",
    "aliases",
    "lang",
    "weight",
    "accepted",
    "goal",
    "lead",
    "team",
    "kind",
];

/// Reads the fields; problems are reported with positions relative to the file and the
/// file name left empty for the caller to fill in.
pub fn parse(split: &Split<'_>) -> (FrontMatter, Vec<Diagnostic>) {
    let mut front = FrontMatter::default();
    let mut problems = Vec::new();
    let fields = match yaml::parse_mapping(split.yaml, split.yaml_line) {
        Ok(fields) => fields,
        Err(error) => {
            problems.push(
                Diagnostic::error(
                    "",
                    error.line,
                    error.column,
                    format!("invalid front matter: {}", error.message),
                )
                .with_hint(error.hint),
            );
            front.invalid = true;
            return (front, problems);
        }
    };
    for (key, value) in fields {
        let key_at = Position { line: key.line, column: key.column };
        let mut reader = FieldReader { key: &key.name, key_at, problems: &mut problems };
        read_field(&mut front, &mut reader, value);
    }
    (front, problems)
}

fn read_field(front: &mut FrontMatter, reader: &mut FieldReader<'_>, value: Positioned) {
    let value = &value;
    match reader.key {
        "title" => front.title = reader.text(value),
        "date" => front.date = reader.date(value),
        "updated" | "lastmod" => front.updated = reader.date(value),
        "authors" | "author" => front.authors.extend(reader.list(value, ListRule::Commas)),
        "community" | "communities" => front.communities.extend(reader.list(value, ListRule::Commas)),
        "tags" => front.tags.extend(reader.list(value, ListRule::CommasElseSpaces)),
        "summary" | "description" | "excerpt" => front.summary = reader.text(value),
        "draft" => front.draft = reader.boolean(value),
        "slug" => front.slug = reader.located_text(value),
        "aliases" => front.aliases = reader.list(value, ListRule::Spaces),
        "lang" => front.lang = reader.text(value),
        "weight" => front.weight = reader.integer(value),
        "accepted" => front.accepted = reader.located_text(value),
        "goal" => front.goal = reader.text(value),
        "lead" => front.lead = reader.located_text(value),
        "team" => front.team = reader.list(value, ListRule::Commas),
        "kind" => front.kind = reader.located_text(value),
        unknown => {
            if let Some(meant) = likely_typo_of(unknown) {
                reader.problems.push(
                    Diagnostic::warning(
                        "",
                        reader.key_at.line,
                        reader.key_at.column,
                        format!("unknown field `{unknown}`, did you mean `{meant}`?"),
                    )
                    .with_hint(format!(
                        "rename it to `{meant}`; unknown fields are only passed to templates as `extra`"
                    )),
                );
            }
            // Fields kennis does not know keep YAML's own types: a template may test them.
            front.extra.insert(unknown.to_owned(), value.value.clone());
        }
    }
}

/// A known field within two edits of an unknown one of four letters or more.
fn likely_typo_of(field: &str) -> Option<&'static str> {
    if field.chars().count() < 4 {
        return None;
    }
    crate::text::closest_name(&field.to_lowercase(), KNOWN_FIELDS, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_both_parts_and_their_lines() {
        let text = "---\ntitle: A\n---\n\nBody\n";
        let split = split(text).unwrap();
        assert_eq!(split.yaml, "title: A\n");
        assert_eq!(split.body, "\nBody\n");
        assert_eq!(split.body_line, 4);
        assert_eq!(&text[split.body_offset..], split.body);
    }

    #[test]
    fn split_handles_crlf_bom_and_no_front_matter() {
        let split_crlf = split("\u{feff}---\r\ntitle: A\r\n---\r\nBody").unwrap();
        assert_eq!(split_crlf.yaml, "title: A\r\n");
        assert_eq!(split_crlf.body, "Body");
        let plain = split("# Just text\n").unwrap();
        assert_eq!((plain.yaml, plain.body_line), ("", 1));
        assert!(split("---\ntitle: A\nno end\n").is_err());
    }

    #[test]
    fn fields_and_aliases_are_read() {
        let text = "---\ntitle: Hallo\nauthor: an\ncommunities: [data, ux]\nlastmod: 2025-02-01\n\
                    description: Kort\ndraft: true\nweight: 3\nhero: teal\n---\n";
        let (front, problems) = parse(&split(text).unwrap());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(front.title.as_deref(), Some("Hallo"));
        assert_eq!(front.authors, vec![Located { value: "an".to_owned(), line: 3, column: 9 }]);
        let communities: Vec<(&str, u32, u32)> =
            front.communities.iter().map(|c| (c.value.as_str(), c.line, c.column)).collect();
        assert_eq!(communities, [("data", 4, 15), ("ux", 4, 21)]);
        assert_eq!(front.updated.unwrap().machine(), "2025-02-01");
        assert_eq!(front.summary.as_deref(), Some("Kort"));
        assert!(front.draft);
        assert_eq!(front.weight, Some(3));
        assert_eq!(front.extra["hero"], "teal");
    }

    #[test]
    fn problems_point_at_the_line_in_the_file() {
        let (_, problems) = parse(&split("---\ntitle: A\ndate: someday\ntittle: B\n---\n").unwrap());
        let shown: Vec<String> =
            problems.iter().map(|p| format!("{}:{} {}", p.line, p.column, p.message)).collect();
        assert_eq!(
            shown,
            ["3:7 `date` is not a date: `someday`", "4:1 unknown field `tittle`, did you mean `title`?"]
        );
        let (_, problems) = parse(&split("---\ntitle: [A]\ntags: {a: b}\nteam: [[an]]\n---\n").unwrap());
        let shown: Vec<String> =
            problems.iter().map(|p| format!("{}:{} {}", p.line, p.column, p.message)).collect();
        assert_eq!(
            shown,
            [
                "2:8 `title` must be a single text value",
                "3:7 `tags` must be a list, not a group of fields",
                "4:8 each item of `team` must be a single text value",
            ]
        );
        let (_, problems) = parse(&split("---\ntitle: A\ntags: [a\n---\n").unwrap());
        let shown = format!("{}:{} {}", problems[0].line, problems[0].column, problems[0].message);
        assert_eq!(shown, "3:7 invalid front matter: this list is not closed with `]`");
    }
}
