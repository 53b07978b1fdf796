//! Heading ids (GitHub's rule), their de-duplication within a page, and the table of contents.

use std::collections::{HashMap, HashSet};

use super::TocEntry;
use super::escape::push_escaped_html;

/// The id used when a heading's text has nothing that survives the id rule
/// (`## ???`), so that every heading can still be linked to.
const FALLBACK_ID: &str = "section";

/// Levels that appear in the table of contents (h1 included: the template decides).
const TOC_LEVELS: std::ops::RangeInclusive<u8> = 1..=4;

/// Levels that get a `#` self-link after their text.
const ANCHOR_LEVELS: std::ops::RangeInclusive<u8> = 2..=4;

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
    pub(crate) ids: HeadingIds,
    pub(crate) toc: Vec<TocEntry>,
    pub(crate) all_ids: Vec<String>,
    /// Explicit ids already given to a heading: a second `{#setup}` is numbered like a
    /// second "Setup", or `#setup` would lead to two places.
    explicit_given: HashSet<String>,
}

impl PageHeadings {
    /// Records a finished heading and returns its id: the explicit one when the
    /// writer gave one (kept as written the first time), else a unique one made from `title`.
    pub(crate) fn add(&mut self, level: u8, explicit_id: Option<&str>, title: String) -> String {
        let id = match explicit_id {
            Some(id) if self.explicit_given.insert(id.to_owned()) => id.to_owned(),
            Some(repeated) => self.ids.unique(repeated.to_owned()),
            None => self.ids.unique(heading_id(&title)),
        };
        self.all_ids.push(id.clone());
        if TOC_LEVELS.contains(&level) {
            self.toc.push(TocEntry { level, id: id.clone(), title });
        }
        id
    }
}

/// The `#` self-link placed after the text of h2–h4, or `None` for other levels.
pub(crate) fn heading_anchor_html(level: u8, id: &str) -> Option<String> {
    if !ANCHOR_LEVELS.contains(&level) {
        return None;
    }
    let mut html = String::from(" <a class=\"heading-anchor\" href=\"#");
    push_escaped_html(&mut html, id);
    html.push_str("\" aria-label=\"Link to this section\">#</a>");
    Some(html)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let present: Vec<bool> = (1..=6).map(|level| heading_anchor_html(level, "x").is_some()).collect();
        assert_eq!(present, [false, true, true, true, false, false]);
    }
}
