//! Heading ids (GitHub's rule, or Zola's, Hugo's or kramdown's), their de-duplication within a page, and the table of contents.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::TocEntry;
use super::escape::push_escaped_html;

/// The id used when a heading's text has nothing that survives the id rule
/// (`## ???`), so that every heading can still be linked to.
const FALLBACK_ID: &str = "section";

/// Levels that appear in the table of contents (h1 included: the template decides).
const TOC_LEVELS: std::ops::RangeInclusive<u8> = 1..=4;

/// Levels that get a `#` self-link after their text.
const ANCHOR_LEVELS: std::ops::RangeInclusive<u8> = 2..=4;

/// Whose rule makes a heading's id from its text (`heading_ids:` in site.yaml): links
/// written for a site built by another engine name its headings by that engine's rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HeadingRule {
    /// GitHub's and GitLab's web UI (github-slugger): kennis's own default.
    #[default]
    Github,
    /// Zola (`slugify.anchors = "on"`, its default: the `slug` crate).
    Zola,
    /// Hugo with Goldmark (`autoHeadingIDType = "github"`, its default).
    Hugo,
    /// kramdown's `auto_ids` (Jekyll sites whose kramdown `input` is not GFM).
    Kramdown,
}

impl HeadingRule {
    pub const ALL: [HeadingRule; 4] =
        [HeadingRule::Github, HeadingRule::Zola, HeadingRule::Hugo, HeadingRule::Kramdown];

    /// The id this engine gives a heading with this text, before numbering repeats.
    /// Every rule gives some id: text with nothing left gives the engine's fallback
    /// (Zola has none, so kennis's `section` stands in).
    pub fn id(self, text: &str) -> String {
        match self {
            HeadingRule::Github => heading_id(text),
            HeadingRule::Zola => zola_id(text),
            HeadingRule::Hugo => hugo_id(text),
            HeadingRule::Kramdown => kramdown_id(text),
        }
    }
}

/// The id a heading with this text gets under each engine's rule, in the order of
/// [`HeadingRule::ALL`]: what a link written for another engine may name it by.
pub fn ids_under_every_rule(text: &str) -> [(HeadingRule, String); 4] {
    HeadingRule::ALL.map(|rule| (rule, rule.id(text)))
}

/// The id of the heading that `anchor` names under some engine's rule, numbering of
/// repeated headings included (`setup-1` is the second "Setup" under every rule).
/// `titles` and `ids` are a page's headings in order (`RenderedMarkdown::heading_titles`
/// and `heading_ids`). Only asked for an anchor that names no id as written, so the
/// ids are made here rather than kept for every page. An anchor in another case
/// (`#What-S-Next`) names the same heading, as on GitHub; an exact match wins.
pub fn heading_under_any_rule<'a>(anchor: &str, titles: &[String], ids: &'a [String]) -> Option<&'a str> {
    let under_every_rule = |same: &dyn Fn(&str) -> bool| {
        HeadingRule::ALL.iter().find_map(|&rule| {
            let mut numbered = HeadingIds::default();
            titles
                .iter()
                .zip(ids)
                .find(|(title, _)| same(&numbered.unique(rule.id(title))))
                .map(|(_, id)| id.as_str())
        })
    };
    under_every_rule(&|id| id == anchor).or_else(|| under_every_rule(&|id| id.eq_ignore_ascii_case(anchor)))
}

/// Whether the rules could give a heading with this text (whitespace already collapsed)
/// different ids: all four lowercase ASCII letters and digits and turn single spaces into
/// `-`, and differ only on other characters and on a leading digit (kramdown drops it).
fn rules_may_differ(title: &str) -> bool {
    title.starts_with(|c: char| c.is_ascii_digit())
        || title.chars().any(|c| !(c.is_ascii_alphanumeric() || c == ' '))
}

/// Zola's rule, the `slug` crate's `slugify`: each character transliterated to ASCII
/// (deunicode), ASCII letters and digits kept and lowercased, every run of anything
/// else one `-`, none at either end. "What's next" gives `what-s-next`.
fn zola_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    // Starts true so that the id never begins with `-`.
    let mut after_dash = true;
    let mut push = |byte: u8| {
        if byte.is_ascii_alphanumeric() {
            id.push(byte.to_ascii_lowercase() as char);
            after_dash = false;
        } else if !after_dash {
            id.push('-');
            after_dash = true;
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            push(c as u8);
        } else {
            deunicode::deunicode_char(c).unwrap_or("-").bytes().for_each(&mut push);
        }
    }
    if id.ends_with('-') {
        id.pop();
    }
    if id.is_empty() { FALLBACK_ID.to_owned() } else { id }
}

/// Hugo's rule (Goldmark, `autoHeadingIDType = "github"`, in Hugo's `autoid.go`): the
/// text trimmed; `-` and each space become `-`; letters, decimal digits and `_` kept,
/// lowercased; everything else dropped, marks and other numbers (², ½) too, which
/// GitHub keeps. Text with nothing left gives `heading`.
fn hugo_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c == '-' || c == ' ' {
            id.push('-');
        } else if c == '_' || is_go_letter(c) || is_decimal_digit(c) {
            id.extend(c.to_lowercase());
        }
    }
    if id.is_empty() { "heading".to_owned() } else { id }
}

/// Go's `unicode.IsLetter` (category L): not letter numbers (Ⅻ) or the marks Rust
/// counts as alphabetic (approximated by the blocks where nearly all of them live).
fn is_go_letter(c: char) -> bool {
    c.is_alphabetic() && !is_letter_number(c) && !is_combining_mark(c)
}

/// Go's `unicode.IsDigit` (category Nd): the digits of every script, not ², ½ or Ⅻ.
fn is_decimal_digit(c: char) -> bool {
    c.is_numeric() && !is_other_number(c) && !is_letter_number(c)
}

/// Roman numerals and other letter numbers (category Nl).
fn is_letter_number(c: char) -> bool {
    matches!(
        c,
        '\u{16EE}'..='\u{16F0}' | '\u{2160}'..='\u{2188}' | '\u{3007}' | '\u{3021}'..='\u{3029}'
            | '\u{3038}'..='\u{303A}'
    )
}

/// kramdown's rule (`basic_generate_id` in its HTML converter): everything before the
/// first ASCII letter removed; then every character but ASCII letters, digits, spaces and
/// `-` removed; spaces become `-`; lowercased. "12. Another one 1.1" gives
/// `another-one-11`; text with nothing left gives `section`.
fn kramdown_id(text: &str) -> String {
    let from_first_letter = text.find(|c: char| c.is_ascii_alphabetic()).map_or("", |start| &text[start..]);
    let id: String = from_first_letter
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-')
        .map(|c| if c == ' ' { '-' } else { c.to_ascii_lowercase() })
        .collect();
    if id.is_empty() { FALLBACK_ID.to_owned() } else { id }
}

/// The id GitHub gives a heading with this text, so that `page.md#section` links
/// work both in the git web UI and on the site: lowercase; letters, marks and
/// digits of any script kept, as are `-` and `_`; each space becomes `-`;
/// everything else (punctuation, symbols, emoji) is dropped. Text with nothing
/// left gives `"section"`. Duplicates within a page are numbered by
/// `render_markdown`, not here.
pub fn heading_id(text: &str) -> String {
    let lowercase = text.trim().to_lowercase();
    let mut id = String::with_capacity(lowercase.len());
    for c in lowercase.chars() {
        if c == ' ' {
            id.push('-');
        } else if is_kept_in_id(c) {
            id.push(c);
        }
    }
    if id.is_empty() { FALLBACK_ID.to_owned() } else { id }
}

/// GitHub (github-slugger) removes the Unicode categories punctuation (except `-`
/// and connector punctuation such as `_`), symbols, separators (except space),
/// controls, format characters and "other numbers" (², ½, ①), but keeps anything
/// alphabetic. The standard library has no general-category lookup, so marks and
/// other numbers are approximated by the blocks where nearly all of them live.
fn is_kept_in_id(c: char) -> bool {
    c == '-'
        || is_connector_punctuation(c)
        || c.is_alphabetic()
        || (c.is_numeric() && !is_other_number(c))
        || is_combining_mark(c)
}

fn is_connector_punctuation(c: char) -> bool {
    matches!(
        c,
        '_' | '\u{203F}' | '\u{2040}' | '\u{2054}' | '\u{FE33}' | '\u{FE34}' | '\u{FE4D}'
            ..='\u{FE4F}' | '\u{FF3F}'
    )
}

fn is_other_number(c: char) -> bool {
    matches!(
        c,
        '\u{B2}' | '\u{B3}' | '\u{B9}' | '\u{BC}'..='\u{BE}'
            | '\u{2070}'..='\u{2089}'
            | '\u{2150}'..='\u{215F}'
            | '\u{2189}'
            | '\u{2460}'..='\u{249B}'
            | '\u{24EA}'..='\u{24FF}'
            | '\u{2776}'..='\u{2793}'
            | '\u{3192}'..='\u{3195}'
            | '\u{3220}'..='\u{3229}'
            | '\u{3248}'..='\u{325F}'
            | '\u{3280}'..='\u{3289}'
            | '\u{32B1}'..='\u{32BF}'
            | '\u{1F100}'..='\u{1F10C}'
    )
}

fn is_combining_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{0483}'..='\u{0489}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// The ids already used in one page, numbering repeats the way GitHub does:
/// `install`, `install-1`, `install-2`.
#[derive(Default)]
pub(crate) struct HeadingIds {
    /// For each id in use, how many numbered variants have been tried.
    occurrences: HashMap<String, u32>,
}

impl HeadingIds {
    /// Marks an id as taken before any heading is numbered: explicit `{#id}`
    /// attributes and footnote ids, wherever they appear in the page.
    pub(crate) fn reserve(&mut self, id: &str) {
        self.occurrences.entry(id.to_owned()).or_insert(0);
    }

    fn unique(&mut self, base: String) -> String {
        if !self.occurrences.contains_key(&base) {
            self.occurrences.insert(base.clone(), 0);
            return base;
        }
        loop {
            let counter = self.occurrences.entry(base.clone()).or_insert(0);
            *counter += 1;
            let candidate = format!("{base}-{counter}");
            if !self.occurrences.contains_key(&candidate) {
                self.occurrences.insert(candidate.clone(), 0);
                return candidate;
            }
        }
    }
}

/// Everything the page needs to know about its headings, gathered as they pass.
#[derive(Default)]
pub(crate) struct PageHeadings {
    pub(crate) rule: HeadingRule,
    pub(crate) ids: HeadingIds,
    pub(crate) toc: Vec<TocEntry>,
    pub(crate) all_ids: Vec<String>,
    /// The plain text of the headings not in `toc` (h5, h6, the page's title), by their
    /// place among all headings: with `toc`, every heading's text, without copying each.
    titles_outside_toc: Vec<(usize, String)>,
    /// Whether some heading's id may differ under another engine's rule.
    rules_may_differ: bool,
    /// Explicit ids already given to a heading: a second `{#setup}` is numbered like a
    /// second "Setup", or `#setup` would lead to two places.
    explicit_given: HashSet<String>,
}

impl PageHeadings {
    pub(crate) fn new(rule: HeadingRule) -> Self {
        PageHeadings { rule, ..PageHeadings::default() }
    }

    /// Records a finished heading and returns its id: the explicit one when the
    /// writer gave one (kept as written the first time), else a unique one made from `title`.
    pub(crate) fn add(&mut self, level: u8, explicit_id: Option<&str>, title: String) -> String {
        let id = self.give_id(explicit_id, &title);
        // A heading with no text (`###` alone) would be an empty link in the contents.
        if TOC_LEVELS.contains(&level) && !title.trim().is_empty() {
            self.toc.push(TocEntry { level, id: id.clone(), title });
        } else {
            self.titles_outside_toc.push((self.all_ids.len() - 1, title));
        }
        id
    }

    /// Records the heading that repeated the page's title and left the body: it keeps its
    /// id (the page's header carries it) but is not in the table of contents.
    pub(crate) fn add_page_title(&mut self, explicit_id: Option<&str>, title: &str) -> String {
        let id = self.give_id(explicit_id, title);
        self.titles_outside_toc.push((self.all_ids.len() - 1, title.to_owned()));
        id
    }

    fn give_id(&mut self, explicit_id: Option<&str>, title: &str) -> String {
        let id = match explicit_id {
            Some(id) if self.explicit_given.insert(id.to_owned()) => id.to_owned(),
            Some(repeated) => self.ids.unique(repeated.to_owned()),
            None => self.ids.unique(self.rule.id(title)),
        };
        self.all_ids.push(id.clone());
        self.rules_may_differ |= explicit_id.is_none() && rules_may_differ(title);
        id
    }

    /// The headings' texts, for [`heading_under_any_rule`]; empty when every rule gives
    /// every heading the id it has, as for most pages (their titles then cost no memory).
    pub(crate) fn titles_for_other_rules(&mut self) -> Vec<String> {
        if !self.rules_may_differ {
            return Vec::new();
        }
        let mut outside = std::mem::take(&mut self.titles_outside_toc).into_iter().peekable();
        let mut in_toc = self.toc.iter();
        (0..self.all_ids.len())
            .map(|index| match outside.next_if(|(at, _)| *at == index) {
                Some((_, title)) => title,
                None => in_toc.next().map(|entry| entry.title.clone()).unwrap_or_default(),
            })
            .collect()
    }
}

/// The `#` self-link placed after the text of h2–h4, or `None` for other levels;
/// `label` (escaped) names it for screen readers.
pub(crate) fn heading_anchor_html(level: u8, id: &str, label: &str) -> Option<String> {
    if !ANCHOR_LEVELS.contains(&level) {
        return None;
    }
    let mut html = String::from(" <a class=\"heading-anchor\" href=\"#");
    push_escaped_html(&mut html, id);
    html.push_str("\" aria-label=\"");
    html.push_str(label);
    html.push_str("\">#</a>");
    Some(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchor_in_another_case_under_another_rule_names_the_heading() {
        let titles = vec!["What's next".to_owned()];
        let ids = vec!["whats-next".to_owned()];
        assert_eq!(heading_under_any_rule("what-s-next", &titles, &ids), Some("whats-next"));
        assert_eq!(heading_under_any_rule("What-S-Next", &titles, &ids), Some("whats-next"));
        assert_eq!(heading_under_any_rule("what-s-last", &titles, &ids), None);
    }

    #[test]
    fn heading_ids_follow_github() {
        let cases = [
            ("Install", "install"),
            ("Getting started", "getting-started"),
            ("Hiërarchie & structuur", "hiërarchie--structuur"),
            ("What's new in 2.0?", "whats-new-in-20"),
            ("snake_case and kebab-case", "snake_case-and-kebab-case"),
            ("`render_markdown()` API", "render_markdown-api"),
            ("Привет мир", "привет-мир"),
            ("日本語の見出し", "日本語の見出し"),
            ("🎉 Party", "-party"),
            ("x² + ½", "x--"),
            ("  Trimmed  ", "trimmed"),
            ("???", "section"),
            ("", "section"),
        ];
        for (text, expected) in cases {
            assert_eq!(heading_id(text), expected, "heading {text:?}");
        }
    }

    #[test]
    fn zola_ids_follow_the_slug_crate() {
        // The examples, then the `slug` crate's documented ones, lowercased as Zola does.
        let cases = [
            ("What's next", "what-s-next"),
            ("Rust 1.31.0", "rust-1-31-0"),
            ("My Test String!!!1!1", "my-test-string-1-1"),
            ("You & Me", "you-me"),
            ("user@example.com", "user-example-com"),
            ("test\nit   now!", "test-it-now"),
            ("  --test_-_cool", "test-cool"),
            ("Æúű--cool?", "aeuu-cool"),
            ("???", "section"),
        ];
        for (text, expected) in cases {
            assert_eq!(HeadingRule::Zola.id(text), expected, "heading {text:?}");
        }
    }

    #[test]
    fn hugo_ids_follow_goldmarks_github_type() {
        // Hugo's `anchorize` documentation and its `TestSanitizeAnchorName` cases.
        let cases = [
            ("This is a header", "this-is-a-header"),
            ("This is also    a header", "this-is-also----a-header"),
            ("main.go", "maingo"),
            ("Article 123", "article-123"),
            ("<- Let's try this, shall we?", "--lets-try-this-shall-we"),
            ("Hello, 世界", "hello-世界"),
            ("God is good: 神真美好", "god-is-good-神真美好"),
            ("1+2=3", "123"),
            ("Special !\"#$%&(parens)=?´* chars", "special-parens-chars"),
            ("Resumé", "resumé"),
            ("Multiple--Hyphens", "multiple--hyphens"),
            ("Trailing hyphen-", "trailing-hyphen-"),
            ("Many   spaces  here", "many---spaces--here"),
            ("Forward/slash", "forwardslash"),
            ("Under_score", "under_score"),
            ("Nonbreaking\u{a0}Space", "nonbreakingspace"),
            ("Tab\tSpace", "tabspace"),
            ("Trailing Space ", "trailing-space"),
            ("x² + ½", "x--"),
            ("???", "heading"),
        ];
        for (text, expected) in cases {
            assert_eq!(HeadingRule::Hugo.id(text), expected, "heading {text:?}");
        }
    }

    #[test]
    fn kramdown_ids_follow_auto_ids() {
        // kramdown's documentation of the `auto_ids` option.
        let cases = [
            ("This is a header", "this-is-a-header"),
            ("12. Another one 1.1", "another-one-11"),
            ("So -- what's it?", "so----whats-it"),
            ("Ünicöde is not supported!", "nicde-is-not-supported"),
            ("Hiërarchie & structuur", "hirarchie--structuur"),
            ("1.2.3", "section"),
        ];
        for (text, expected) in cases {
            assert_eq!(HeadingRule::Kramdown.id(text), expected, "heading {text:?}");
        }
    }

    #[test]
    fn every_rule_names_a_heading() {
        let ids: Vec<String> =
            ids_under_every_rule("What's new in 1.31?").into_iter().map(|(_, id)| id).collect();
        assert_eq!(ids, ["whats-new-in-131", "what-s-new-in-1-31", "whats-new-in-131", "whats-new-in-131"]);
    }

    #[test]
    fn an_anchor_under_another_rule_finds_its_heading() {
        let titles: Vec<String> = ["What's next", "Setup", "Setup"].map(str::to_owned).to_vec();
        let ids: Vec<String> = ["whats-next", "setup", "setup-1"].map(str::to_owned).to_vec();
        let found = |anchor| heading_under_any_rule(anchor, &titles, &ids);
        assert_eq!(found("what-s-next"), Some("whats-next"));
        assert_eq!(found("setup-1"), Some("setup-1"));
        assert_eq!(found("whats-new"), None);
    }

    #[test]
    fn the_site_rule_gives_the_ids() {
        let mut headings = PageHeadings::new(HeadingRule::Zola);
        let ids: Vec<String> = ["Rust 1.31.0", "Rust 1.31.0"]
            .iter()
            .map(|title| headings.add(2, None, (*title).to_owned()))
            .collect();
        assert_eq!(ids, ["rust-1-31-0", "rust-1-31-0-1"]);
    }

    #[test]
    fn repeated_headings_are_numbered() {
        let mut headings = PageHeadings::default();
        let ids: Vec<String> = ["Setup", "Setup", "Setup", "???", "!!!"]
            .iter()
            .map(|title| headings.add(2, None, (*title).to_owned()))
            .collect();
        assert_eq!(ids, ["setup", "setup-1", "setup-2", "section", "section-1"]);
    }

    #[test]
    fn numbering_skips_ids_already_taken() {
        let mut headings = PageHeadings::default();
        headings.ids.reserve("setup-1");
        let first = headings.add(2, None, "Setup".to_owned());
        let second = headings.add(2, None, "Setup".to_owned());
        assert_eq!((first.as_str(), second.as_str()), ("setup", "setup-2"));
    }

    #[test]
    fn a_repeated_explicit_id_is_numbered() {
        let mut headings = PageHeadings::default();
        headings.ids.reserve("custom");
        let ids: Vec<String> = [Some("custom"), None, Some("custom"), Some("custom")]
            .iter()
            .map(|explicit| headings.add(2, *explicit, "Custom".to_owned()))
            .collect();
        assert_eq!(ids, ["custom", "custom-1", "custom-2", "custom-3"]);
    }

    #[test]
    fn anchors_only_on_h2_to_h4() {
        let present: Vec<bool> =
            (1..=6).map(|level| heading_anchor_html(level, "x", "Link").is_some()).collect();
        assert_eq!(present, [false, true, true, true, false, false]);
    }
}
