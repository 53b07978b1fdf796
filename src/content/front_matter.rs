//! Front matter: splitting the YAML (`---`) or TOML (`+++`) block off a Markdown file and
//! reading the fields DESIGN.md names.
//!
//! Both formats are read into the same positioned values and then by the same code, so a
//! field means the same whichever way it was written. Zola's and Hugo's tables are opened:
//! `[taxonomies]` gives `tags`, `[extra]` and `[params]` are the page's `extra`.

use serde_json::Value;

use crate::content::field_values::{FieldReader, ListRule, Position};
use crate::content::front_image::{self, FrontImage};
use crate::dates::PageDate;
use crate::error::Diagnostic;
use crate::yaml::{self, Key, Positioned};

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
    /// The page's picture: `image`, `images`, `thumbnail`, or one of them in `[extra]`/`[params]`.
    pub image: Option<FrontImage>,
    /// The page's own URL: Jekyll's `permalink: /x/y/`, Zola's `path = "2020/03/12/x"`,
    /// Hugo's `url: /x/`, all from the site root; placeholders (`:year`) as in `permalinks:`.
    pub permalink: Option<Located<String>>,
    pub extra: serde_json::Map<String, Value>,
    /// How it was written, so that messages about it show its syntax.
    pub format: Format,
    /// The YAML did not parse: its error is reported, and nothing should be said of missing fields.
    pub invalid: bool,
}

/// How the front matter is written: YAML between `---` lines (Jekyll, Hugo, kennis), TOML
/// between `+++` lines (Hugo, Zola).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Yaml,
    Toml,
}

impl Format {
    /// A field as written in this format, for hints: `title: "..."` or `title = "..."`.
    pub fn field(self, name: &str, value: &str) -> String {
        match self {
            Format::Yaml => format!("{name}: {value}"),
            Format::Toml => format!("{name} = {value}"),
        }
    }

    /// The line that opens and closes the block.
    fn fence(self) -> &'static str {
        match self {
            Format::Yaml => "---",
            Format::Toml => "+++",
        }
    }
}

/// A Markdown file cut in two: the front matter and where it starts, the body and where it starts.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub format: Format,
    /// The front matter's text, without its fences.
    pub yaml: &'a str,
    /// 1-based line of the first front-matter line in the file.
    pub yaml_line: u32,
    pub body: &'a str,
    /// 1-based line of the body's first line in the file.
    pub body_line: u32,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
    /// Opened by more than three dashes (`------`), which Hugo reads as `---` and Jekyll
    /// and the git web UI do not: read, with a warning.
    pub long_fence: bool,
}

/// Splits `---\n yaml \n---\n body` or `+++\n toml \n+++\n body`. A file without an
/// opening `---` or `+++` is all body; an opening line without its closing one is an error
/// at its line. `+++` may follow white space, as Zola allows (its theme pages start so);
/// `---` must be the first line, as Jekyll wants.
pub fn split(text: &str) -> Result<Split<'_>, Diagnostic> {
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let Some((format, fence_line, fence_start)) = opening_fence(text, bom) else {
        return Ok(whole_body(text, bom));
    };
    let fence_end = text[fence_start..].find('\n').map_or(text.len(), |end| fence_start + end + 1);
    let long_fence = format == Format::Yaml && text[fence_start..fence_end].trim_end().len() > 3;
    let yaml_start = fence_end;
    let mut offset = yaml_start;
    for (index, raw_line) in text[yaml_start..].split_inclusive('\n').enumerate() {
        let line = fence_line + 1 + index as u32;
        let trimmed = raw_line.trim_end();
        // A `+++` block may close as indented as it opened; YAML's `---` closes at the start,
        // and a block opened by `------` may close by one too, as Hugo reads it.
        let closes = match format {
            Format::Yaml => {
                trimmed == "---"
                    || trimmed == "..."
                    || (long_fence && trimmed.len() > 3 && trimmed.bytes().all(|b| b == b'-'))
            }
            Format::Toml => trimmed.trim_start() == "+++",
        };
        if closes {
            let body_offset = offset + raw_line.len();
            return Ok(Split {
                format,
                yaml: &text[yaml_start..offset],
                yaml_line: fence_line + 1,
                body: &text[body_offset..],
                body_line: line + 1,
                body_offset,
                long_fence,
            });
        }
        offset += raw_line.len();
    }
    // `------` then `Note: …` and no closing line is a rule above text, not front matter.
    if long_fence {
        return Ok(whole_body(text, bom));
    }
    let fence = format.fence();
    Err(Diagnostic::error("", fence_line, 1, format!("front matter starts with `{fence}` but never ends"))
        .with_hint(format!("close the front matter with a line holding only `{fence}`")))
}

/// The front matter's opening line: its format, its 1-based line and its byte offset.
/// Only a line that has a line after it opens front matter.
fn opening_fence(text: &str, bom: usize) -> Option<(Format, u32, usize)> {
    let mut offset = bom;
    for (index, raw_line) in text[bom..].split_inclusive('\n').enumerate() {
        if !raw_line.ends_with('\n') {
            return None;
        }
        // Zola allows white space before `+++`, on its line too.
        let format = match raw_line.trim_end() {
            "---" if index == 0 => Format::Yaml,
            // `------` then `title: …`, as some Hugo pages start; a longer rule before
            // text stays a rule.
            dashes
                if index == 0
                    && dashes.len() > 3
                    && dashes.bytes().all(|b| b == b'-')
                    && starts_with_field(&text[offset + raw_line.len()..]) =>
            {
                Format::Yaml
            }
            fence if fence.trim_start() == "+++" => Format::Toml,
            "" => {
                offset += raw_line.len();
                continue;
            }
            _ => return None,
        };
        return Some((format, index as u32 + 1, offset));
    }
    None
}

/// Whether `text` begins with a YAML field name and its colon (`title:`).
fn starts_with_field(text: &str) -> bool {
    let line = text.lines().next().unwrap_or_default();
    line.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    })
}

fn whole_body(text: &str, bom: usize) -> Split<'_> {
    Split {
        format: Format::Yaml,
        yaml: "",
        yaml_line: 1,
        body: &text[bom..],
        body_line: 1,
        body_offset: bom,
        long_fence: false,
    }
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
    "image",
    "images",
    "thumbnail",
    "permalink",
];

/// Fields of Zola's and Hugo's front matter that kennis has no use for: kept in `extra`
/// for templates, never suggested as a typo of a kennis field (`path` is not `date`).
/// Compared in lower case, as Hugo reads its keys (`publishDate`, `linkTitle`).
const OTHER_ENGINES_FIELDS: &[&str] = &[
    // Zola pages and sections (`path` is read as the page's URL).
    "template",
    "page_template",
    "in_search_index",
    "sort_by",
    "paginate_by",
    "paginate_path",
    "paginate_reversed",
    "transparent",
    "render",
    "redirect_to",
    "insert_anchor_links",
    "generate_feeds",
    "generate_feed",
    // Hugo pages and sections (`url` is read as the page's URL).
    "publishdate",
    "pubdate",
    "published",
    "expirydate",
    "modified",
    "keywords",
    "layout",
    "type",
    "linktitle",
    "menu",
    "menus",
    "outputs",
    "resources",
    "headless",
    "cascade",
    "build",
    "markup",
    "iscjklanguage",
    "sitemap",
    "translationkey",
    "categories",
    "series",
];

/// Reads the fields; problems are reported with positions relative to the file and the
/// file name left empty for the caller to fill in.
pub fn parse(split: &Split<'_>) -> (FrontMatter, Vec<Diagnostic>) {
    let mut front = FrontMatter { format: split.format, ..FrontMatter::default() };
    let mut problems = Vec::new();
    if split.long_fence {
        problems.push(
            Diagnostic::warning("", split.yaml_line - 1, 1, "front matter opens with more than three dashes")
                .with_hint("write `---`: Jekyll and the git web UI show a longer line as text"),
        );
    }
    let fields = match read_fields(split) {
        Ok(fields) => fields,
        Err(problem) => {
            problems.push(problem);
            front.invalid = true;
            return (front, problems);
        }
    };
    // `[extra]` (Zola) and `[params]` (Hugo) give `extra`; a field written at the top wins.
    let mut table_extra = Vec::new();
    for (key, value) in fields {
        let key_at = Position { line: key.line, column: key.column };
        let mut reader =
            FieldReader { key: &key.name, key_at, problems: &mut problems, format: split.format };
        match (key.name.to_ascii_lowercase().as_str(), value.value.is_object()) {
            ("extra" | "params", true) => {
                read_table_image(&mut front, &mut reader, &value);
                table_extra.extend(table_entries(&value));
            }
            ("taxonomies", true) => read_taxonomies(&mut front, &mut reader, &value),
            _ => read_field(&mut front, &mut reader, value),
        }
    }
    for (name, value) in table_extra {
        front.extra.entry(name).or_insert(value);
    }
    (front, problems)
}

/// The top-level fields in order, from YAML or TOML, or the syntax error in kennis's words.
fn read_fields(split: &Split<'_>) -> Result<Vec<(Key, Positioned)>, Diagnostic> {
    let invalid = |line, column, message: String, hint: String| {
        Diagnostic::error("", line, column, format!("invalid front matter: {message}")).with_hint(hint)
    };
    match split.format {
        Format::Yaml => yaml::parse_mapping(split.yaml, split.yaml_line)
            .map_err(|e| invalid(e.line, e.column, e.message, e.hint)),
        Format::Toml => crate::toml::parse_table(split.yaml, split.yaml_line)
            .map_err(|e| invalid(e.line, e.column, e.message, e.hint)),
    }
}

/// The entries of a table (`[extra]`) in the order written, each with its own value.
/// The page's picture is no part of it: it is read by [`read_table_image`].
fn table_entries(table: &Positioned) -> Vec<(String, Value)> {
    table
        .fields
        .iter()
        .filter(|(key, _)| !front_image::is_image_field(&key.name))
        .map(|(key, value)| (key.name.clone(), value.value.clone()))
        .collect()
}

/// Zola's `[extra] image` and Hugo's `[params] images`: the page's picture, unless a field
/// at the top names one.
fn read_table_image(front: &mut FrontMatter, reader: &mut FieldReader<'_>, table: &Positioned) {
    for (key, value) in table.fields.iter().filter(|(key, _)| front_image::is_image_field(&key.name)) {
        let key_at = Position { line: key.line, column: key.column };
        let problems = &mut *reader.problems;
        let mut image_reader = FieldReader { key: &key.name, key_at, problems, format: reader.format };
        front_image::offer_image(&mut front.image, &mut image_reader, value, true);
    }
}

/// Zola's `[taxonomies]`: `tags` are the page's tags; any other taxonomy (`categories`)
/// stays in `extra.taxonomies` for templates.
fn read_taxonomies(front: &mut FrontMatter, reader: &mut FieldReader<'_>, table: &Positioned) {
    let mut others = serde_json::Map::new();
    for (key, value) in &table.fields {
        if key.name == "tags" {
            let key_at = Position { line: key.line, column: key.column };
            let problems = &mut *reader.problems;
            let mut tags_reader = FieldReader { key: "tags", key_at, problems, format: reader.format };
            front.tags.extend(tags_reader.list(value, ListRule::CommasElseSpaces));
        } else {
            others.insert(key.name.clone(), value.value.clone());
        }
    }
    if !others.is_empty() {
        front.extra.insert("taxonomies".to_owned(), Value::Object(others));
    }
}

/// Names are compared in lower case, as Hugo reads them: `Title:` and `Author:` in a Hugo
/// site mean `title` and `author`.
fn read_field(front: &mut FrontMatter, reader: &mut FieldReader<'_>, value: Positioned) {
    let value = &value;
    match reader.key.to_ascii_lowercase().as_str() {
        "title" => front.title = reader.text(value),
        "date" => front.date = reader.date(value),
        "updated" | "lastmod" => front.updated = reader.date(value),
        "authors" | "author" => front.authors.extend(people(reader.list(value, ListRule::Commas))),
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
        "lead" => front.lead = reader.located_text(value).map(person),
        "team" => front.team = people(reader.list(value, ListRule::Commas)),
        "kind" => front.kind = reader.located_text(value),
        "image" | "images" | "thumbnail" => front_image::offer_image(&mut front.image, reader, value, false),
        "permalink" | "path" | "url" => {
            // Templates keep it, as before kennis read it; a full address is no permalink.
            front.extra.insert(reader.key.to_owned(), value.value.clone());
            let address = value.value.as_str().is_some_and(|text| {
                let scheme = text.split_once(':').map_or("", |(scheme, _)| scheme);
                text.starts_with("//")
                    || (scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
            });
            if !address {
                front.permalink = reader.located_text(value);
            }
        }
        lower => {
            let unknown = reader.key;
            let other_engines = OTHER_ENGINES_FIELDS.contains(&lower);
            if let Some(meant) = likely_typo_of(unknown).filter(|_| !other_engines) {
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

/// People as Hugo blogs write them, with a link: `[Jane Doe](https://github.com/jane) (ACME)`
/// is `Jane Doe (ACME)`, the way the page showed the name.
fn people(written: Vec<Located<String>>) -> Vec<Located<String>> {
    written.into_iter().map(person).collect()
}

fn person(written: Located<String>) -> Located<String> {
    if !written.value.contains("](") {
        return written;
    }
    Located { value: without_link_targets(&written.value), ..written }
}

/// `[text](target)` becomes `text`; anything else stays as written.
fn without_link_targets(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.find("](").and_then(|close| {
            let target = &after[close + 2..];
            target.find(')').map(|end| (close, close + 2 + end + 1))
        });
        match link {
            Some((close, end)) if !after[..close].contains('[') => {
                plain.push_str(&rest[..open]);
                plain.push_str(&after[..close]);
                rest = &after[end..];
            }
            _ => {
                plain.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    plain.push_str(rest);
    plain.trim().to_owned()
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
    fn an_indented_toml_block_closes_as_indented_as_it_opened() {
        let split = split("  +++\n  title = \"A\"\n  +++\nBody.\n").unwrap();
        assert_eq!((split.format, split.body), (Format::Toml, "Body.\n"));
    }

    #[test]
    fn a_longer_dash_line_opens_front_matter_only_before_a_field() {
        let split_long = split("------\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!((split_long.yaml, split_long.body, split_long.long_fence), ("title: A\n", "Body\n", true));
        let (front, problems) = parse(&split_long);
        assert_eq!(front.title.as_deref(), Some("A"));
        assert_eq!((problems[0].line, problems[0].column), (1, 1));
        assert!(problems[0].message.contains("more than three dashes"), "{}", problems[0].message);
        let rule = split("-----\nSome text\n---\n").unwrap();
        assert_eq!((rule.yaml, rule.body_line), ("", 1));
        let closed_alike = split("------\ntitle: A\n------\nBody\n").unwrap();
        assert_eq!((closed_alike.yaml, closed_alike.body), ("title: A\n", "Body\n"));
        let unclosed = split("-----\nNote: this is text.\n\nMore text.\n").unwrap();
        assert_eq!((unclosed.yaml, unclosed.body_line), ("", 1));
    }

    #[test]
    fn field_names_are_read_in_any_case_and_comments_alone_are_no_fields() {
        let (front, problems) = parse(&split("---\nTitle: A\nAuthor: jane\nDescription: B\n---\n").unwrap());
        assert_eq!(front.title.as_deref(), Some("A"));
        assert_eq!(front.authors[0].value, "jane");
        assert_eq!(front.summary.as_deref(), Some("B"));
        assert!(problems.is_empty(), "{problems:?}");
        let (front, problems) = parse(&split("---\n# Do not remove front matter.\n---\nBody\n").unwrap());
        assert!(problems.is_empty() && !front.invalid && front.title.is_none(), "{problems:?}");
    }

    #[test]
    fn people_written_as_links_are_their_names() {
        assert_eq!(without_link_targets("[Jane Doe](https://github.com/jane) (ACME)"), "Jane Doe (ACME)");
        assert_eq!(without_link_targets("[A](u) / [B](v)"), "A / B");
        assert_eq!(without_link_targets("Jane [the] Doe"), "Jane [the] Doe");
        assert_eq!(without_link_targets("[unclosed](x"), "[unclosed](x");
        let (front, _) = parse(
            &split("---\nauthor: \"[Jane Doe](https://x.org/jane), Bram\"\nlead: \"[An](https://x.org/an)\"\n---\n")
                .unwrap(),
        );
        let names: Vec<&str> = front.authors.iter().map(|a| a.value.as_str()).collect();
        assert_eq!(names, ["Jane Doe", "Bram"]);
        assert_eq!((front.authors[0].line, front.authors[0].column), (2, 9));
        assert_eq!(front.lead.unwrap().value, "An");
    }

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

    #[test]
    fn toml_front_matter_is_split_at_its_fences() {
        let text = "+++\ntitle = \"A\"\n+++\nBody\n";
        let split = split(text).unwrap();
        assert_eq!(
            (split.format, split.yaml, split.body, split.body_line),
            (Format::Toml, "title = \"A\"\n", "Body\n", 4)
        );
        let problem = super::split("+++\ntitle = \"A\"\n---\n").unwrap_err();
        assert_eq!(problem.message, "front matter starts with `+++` but never ends");
        // Zola reads `+++` after blank lines; positions still count them.
        let late = super::split("\n \n+++\ntitle = \"A\"\n+++\nBody\n").unwrap();
        assert_eq!(
            (late.format, late.yaml, late.yaml_line, late.body, late.body_line),
            (Format::Toml, "title = \"A\"\n", 4, "Body\n", 6)
        );
        let (_, problems) = parse(&super::split("\n+++\ntitle = \"A\"\ntitle: B\n+++\n").unwrap());
        assert_eq!((problems[0].line, problems[0].column), (4, 1));
        assert_eq!(
            super::split("\n---\ntitle: A\n---\n").unwrap().body,
            "\n---\ntitle: A\n---\n",
            "`---` only on the first line"
        );
    }

    #[test]
    fn zola_and_hugo_fields_mean_what_they_mean_in_yaml() {
        let text = "+++\ntitle = \"Hallo\"\ndate = 2020-03-12T09:00:00+01:00\nlastmod = \"2021-01-02\"\n\
                    path = \"2020/03/12/hallo\"\naliases = [\"/old/\"]\nslug = \"hi\"\nhero = \"teal\"\n\
                    [taxonomies]\ntags = [\"rust\", \"release\"]\ncategories = [\"news\"]\n\
                    [extra]\nteam = \"Release\"\nhero = \"blue\"\n+++\n";
        let (front, problems) = parse(&split(text).unwrap());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(front.title.as_deref(), Some("Hallo"));
        assert_eq!(front.date.unwrap().rfc3339(), "2020-03-12T09:00:00+01:00");
        assert_eq!(front.updated.unwrap().machine(), "2021-01-02");
        assert_eq!(front.aliases[0].value, "/old/");
        assert_eq!(front.slug.unwrap().value, "hi");
        let tags: Vec<(&str, u32, u32)> =
            front.tags.iter().map(|t| (t.value.as_str(), t.line, t.column)).collect();
        assert_eq!(tags, [("rust", 10, 9), ("release", 10, 17)]);
        // `[extra]` fields are `extra`, and never kennis fields: this `team` is no community's.
        assert!(front.team.is_empty());
        assert_eq!(front.extra["team"], "Release");
        assert_eq!(front.extra["hero"], "teal", "a field at the top wins over `[extra]`");
        let path = front.permalink.unwrap();
        assert_eq!((path.value.as_str(), path.line, path.column), ("2020/03/12/hallo", 5, 8));
        assert_eq!(front.extra["taxonomies"]["categories"][0], "news");
        assert!(!front.extra.contains_key("extra"));
    }

    #[test]
    fn section_fields_of_other_engines_are_not_typos() {
        let text = "+++\ntitle = \"Blog\"\nsort_by = \"date\"\npaginate_by = 5\ntransparent = true\n\
                    render = false\npath = \"x\"\npublishDate = 2020-01-01\ntittle = \"B\"\n+++\n";
        let (front, problems) = parse(&split(text).unwrap());
        let shown: Vec<String> =
            problems.iter().map(|p| format!("{}:{} {}", p.line, p.column, p.message)).collect();
        assert_eq!(shown, ["9:1 unknown field `tittle`, did you mean `title`?"]);
        assert_eq!(front.extra["paginate_by"], 5);
        assert_eq!(front.extra["render"], false);
        let (_, problems) = parse(&split("---\ntitle: A\npath: x\n---\n").unwrap());
        assert!(problems.is_empty(), "`path` in YAML is Zola's too: {problems:?}");
    }

    #[test]
    fn toml_problems_point_at_the_line_in_the_file() {
        let (front, problems) =
            parse(&split("+++\ntitle = \"A\"\ndate = \"someday\"\ntitle: B\n+++\n").unwrap());
        let shown = format!("{}:{} {}", problems[0].line, problems[0].column, problems[0].message);
        assert_eq!(
            shown,
            "4:1 invalid front matter: a field without `=`: TOML front matter writes `name = value`"
        );
        assert!(front.invalid);
        let (_, problems) = parse(
            &split("+++\ntitle = \"A\"\ndate = \"someday\"\n[taxonomies]\ntags = { a = 1 }\n+++\n").unwrap(),
        );
        let shown: Vec<String> =
            problems.iter().map(|p| format!("{}:{} {}", p.line, p.column, p.message)).collect();
        assert_eq!(
            shown,
            ["3:8 `date` is not a date: `someday`", "5:8 `tags` must be a list, not a group of fields"]
        );
    }

    mod random {
        use super::*;
        use proptest::prelude::*;

        /// A TOML page with kennis's fields, Zola's tables and mistakes, at random.
        fn toml_page() -> impl Strategy<Value = String> {
            let line = prop_oneof![
                Just("title = \"A\"\n"),
                Just("title = [1]\n"),
                Just("tags = \"a, b\"\n"),
                Just("tags = [\"a\", 2, [3]]\n"),
                Just("date = 2020-03-12\n"),
                Just("date = \"someday\"\n"),
                Just("draft = \"true\"\n"),
                Just("weight = 1.5\n"),
                Just("authors = { a = 1 }\n"),
                Just("[taxonomies]\n"),
                Just("[extra]\n"),
                Just("tags: [a]\n"),
                Just("\n"),
            ];
            (proptest::collection::vec(line, 0..10), "[ \n]{0,3}")
                .prop_map(|(lines, before)| format!("{before}+++\n{}+++\nBody\n", lines.concat()))
        }

        proptest! {
            #[test]
            fn every_problem_is_on_a_line_of_the_file(file in toml_page()) {
                let split = split(&file).unwrap();
                prop_assert_eq!(split.format, Format::Toml);
                let lines = file.matches('\n').count() as u32;
                let (_, problems) = parse(&split);
                for problem in problems {
                    prop_assert!((1..=lines).contains(&problem.line), "{problem:?} in {file:?}");
                    prop_assert!(problem.column >= 1);
                }
            }
        }
    }
}
