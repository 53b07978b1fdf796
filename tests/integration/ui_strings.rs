//! UI text comes from the theme's `strings.yaml` in the site's language: a Dutch site shows
//! no English label (not even one made in Rust, like the heading and footnote links), and no
//! page promises a search the build does not make.

use std::collections::HashMap;
use std::path::Path;

use lol_html::{HtmlRewriter, Settings, doc_text, element};

use crate::support::SiteTest;

/// A Dutch site whose pages are all written in Dutch, with every part the theme draws:
/// headings with anchors, footnotes, alerts, comments, an accepted answer, an unanswered
/// question, a community, a wiki section, tags and pagination.
const DUTCH_SITE: &str = "ui-strings/nl";

/// The theme's UI strings, `en` and `nl`, by key.
fn theme_strings() -> (HashMap<String, String>, HashMap<String, String>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/strings.yaml");
    let text = std::fs::read_to_string(path).expect("themes/default/strings.yaml");
    let mut all: HashMap<String, HashMap<String, String>> =
        serde_saphyr::from_str(&text).expect("strings.yaml is a map of languages");
    (all.remove("en").expect("en strings"), all.remove("nl").expect("nl strings"))
}

/// Whether `phrase` occurs in `text` as whole words (no letter or digit just before or after).
fn has_words(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The English a Dutch page must not show: each `en` string whose `nl` differs, cut at
/// its placeholders (`page {n} of {total}` gives `page`; pieces of one short word, such as
/// `of`, are Dutch words too and left out), leaving out any piece a Dutch string also says.
fn english_phrases() -> Vec<(String, String)> {
    let (en, nl) = theme_strings();
    let mut phrases = Vec::new();
    for (key, english) in &en {
        let dutch = nl.get(key).unwrap_or_else(|| panic!("strings.yaml: `{key}` has no `nl`"));
        if dutch == english {
            continue;
        }
        let mut rest = english.as_str();
        let mut pieces = Vec::new();
        while let Some(open) = rest.find('{') {
            pieces.push(&rest[..open]);
            rest = rest[open..].find('}').map_or("", |close| &rest[open + close + 1..]);
        }
        pieces.push(rest);
        for piece in pieces {
            let piece = piece.trim_matches(|c: char| c.is_whitespace() || "“”+".contains(c));
            let long_enough = piece.contains(' ') || piece.chars().filter(|c| c.is_alphabetic()).count() >= 4;
            if long_enough && !nl.values().any(|dutch| has_words(dutch, piece)) {
                phrases.push((key.clone(), piece.to_owned()));
            }
        }
    }
    phrases.sort();
    phrases
}

/// What a reader is shown of one HTML file, each with where it is: the attributes
/// screen readers and browsers show, and every text node (only those before `<main>` and
/// after `</main>` in `<body>` when `outside_main_only`).
fn shown_texts(html: &str, outside_main_only: bool) -> Vec<(String, String)> {
    let mut texts = read_html(html, true, !outside_main_only);
    if outside_main_only {
        // `<head>` is left out too: its `<title>` says the page's title, the writer's.
        let body_start = html.find("<body").unwrap_or(0);
        let main_start = html.find("<main").unwrap_or(html.len()).max(body_start);
        let main_end = html.find("</main>").unwrap_or(html.len());
        for part in [&html[body_start..main_start], &html[main_end..]] {
            texts.extend(read_html(part, false, true));
        }
    }
    texts
}

/// The shown attributes and the text nodes of some HTML, as lol_html's tokenizer reads them.
fn read_html(html: &str, attributes: bool, text_nodes: bool) -> Vec<(String, String)> {
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut text = String::new();
    let texts_cell = std::cell::RefCell::new(&mut texts);
    let settings = Settings::new()
        .with_strict(false)
        .append_element_content_handler(element!("*", |el| {
            if !attributes {
                return Ok(());
            }
            for attribute in el.attributes() {
                let name = attribute.name();
                let shown = matches!(name.as_str(), "aria-label" | "title" | "placeholder" | "alt")
                    || (name.starts_with("data-") && name.ends_with("-label"));
                if shown {
                    texts_cell.borrow_mut().push((format!("<{} {name}>", el.tag_name()), attribute.value()));
                }
            }
            Ok(())
        }))
        .append_document_content_handler(doc_text!(|chunk| {
            if text_nodes {
                text.push_str(chunk.as_str());
                if chunk.last_in_text_node() {
                    texts_cell.borrow_mut().push(("text".to_owned(), std::mem::take(&mut text)));
                }
            }
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter.write(html.as_bytes()).expect("HTML the tokenizer reads");
    rewriter.end().expect("HTML the tokenizer reads");
    texts
}

/// Every HTML file of an output folder, by its path in the folder.
fn html_files(output: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(output).sort_by_file_name() {
        let entry = entry.expect("output entry");
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "html") {
            let relative = entry.path().strip_prefix(output).expect("inside the output");
            let html = std::fs::read_to_string(entry.path()).expect("HTML is UTF-8");
            files.push((relative.to_string_lossy().replace('\\', "/"), html));
        }
    }
    assert!(!files.is_empty(), "no HTML in {}", output.display());
    files
}

/// Each English phrase shown in `files`, as `file: where: "text" (key)`.
fn english_shown(files: &[(String, String)], outside_main_only: bool) -> Vec<String> {
    let phrases = english_phrases();
    let mut found = Vec::new();
    for (path, html) in files {
        for (place, text) in shown_texts(html, outside_main_only) {
            let text = text.replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
            // A path (`content/questions/x/answers/`) names kennis's folders, not a label.
            if text.contains('/') && !text.trim().contains(char::is_whitespace) {
                continue;
            }
            for (key, phrase) in &phrases {
                if has_words(&text, phrase) {
                    found.push(format!("{path}: {place}: {:?} says `{phrase}` (en.{key})", text.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn the_english_phrases_include_the_labels_made_in_rust() {
    let phrases: Vec<String> = english_phrases().into_iter().map(|(_, phrase)| phrase).collect();
    for expected in ["Link to this section", "Back to reference", "Skip to content", "page", "min read"] {
        assert!(phrases.iter().any(|p| p == expected), "`{expected}` is not among {phrases:#?}");
    }
    // `of` (`page {n} of {total}`) is a Dutch word too.
    assert!(!phrases.iter().any(|p| p == "of"), "{phrases:#?}");
}

#[test]
fn a_dutch_site_shows_no_english_ui_text() {
    let built = SiteTest::new(DUTCH_SITE).build();
    // The parts made in Rust are there, in Dutch.
    built
        .page("posts/datadag/")
        .contains("<h2 id=\"wat-goed-ging\">Wat goed ging <a class=\"heading-anchor\" href=\"#wat-goed-ging\" aria-label=\"Link naar deze sectie\">#</a></h2>")
        .contains("class=\"footnote-backref\" aria-label=\"Terug naar verwijzing 1\">↩</a>")
        .contains("<p class=\"alert-title\">Opmerking</p>")
        .contains("<p class=\"alert-title\">Waarschuwing</p>");
    built.page("communities/data/").contains("aria-label=\"Link naar deze sectie\"");
    built.page("wiki/data/woordenlijst/").contains("aria-label=\"Link naar deze sectie\"");
    let english = english_shown(&html_files(&built.output), false);
    assert!(english.is_empty(), "English UI text on a Dutch site:\n{}", english.join("\n"));
}

#[test]
fn an_english_site_shows_the_english_labels() {
    let site = SiteTest::copy(DUTCH_SITE);
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", yaml.replace("language: nl", "language: en"));
    site.build()
        .page("posts/datadag/")
        .contains("href=\"#wat-goed-ging\" aria-label=\"Link to this section\">#</a></h2>")
        .contains("class=\"footnote-backref\" aria-label=\"Back to reference 1\">↩</a>")
        .lacks("Link naar deze sectie")
        .lacks("Terug naar verwijzing");
}

#[test]
fn example_site_shows_no_english_in_what_the_theme_draws() {
    // Writers on example-site write in English too, so only the theme's parts are
    // checked: the labelled attributes everywhere (but `alt`, which writers write for
    // their pictures), and the text of `<body>` around `<main>`.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
    let built = SiteTest::at(&root).build();
    let files = html_files(&built.output);
    let english = english_shown(&files, true);
    let english: Vec<&String> = english.iter().filter(|line| !line.contains(" alt>: ")).collect();
    assert!(english.is_empty(), "English UI text on example-site:\n{english:#?}");
    let labels: usize =
        files.iter().map(|(_, html)| html.matches("aria-label=\"Link naar deze sectie\"").count()).sum();
    assert!(labels > 100, "example-site has {labels} Dutch heading links");
}

#[test]
fn no_page_promises_a_search_the_build_does_not_make() {
    for language in ["nl", "en"] {
        let site = SiteTest::copy(DUTCH_SITE);
        let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
        let yaml = yaml.replace("language: nl", &format!("language: {language}"));
        site.write("site.yaml", format!("{yaml}\nsearch: {{ enabled: false }}\n"));
        let built = site.build();
        for (path, html) in html_files(&built.output) {
            let lower = html.to_lowercase();
            for word in ["zoek", "search"] {
                assert!(!lower.contains(word), "`{path}` ({language}) mentions `{word}`:\n{html}");
            }
        }
        let not_found = built.file("404.html");
        match language {
            "nl" => not_found.contains("<p class=\"not-found-text\">Misschien is ze verhuisd of hernoemd. Begin bij een van deze pagina&#39;s.</p>"),
            _ => not_found.contains("<p class=\"not-found-text\">It may have moved or been renamed. Start from one of these pages.</p>"),
        };
    }
}

#[test]
fn example_site_offers_its_search_on_every_page_and_on_the_404_page() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
    let built = SiteTest::at(&root).build();
    for (path, html) in html_files(&built.output) {
        if path.ends_with(".html") && !html.contains("http-equiv=\"refresh\"") {
            assert!(html.contains("role=\"search\""), "`{path}` has no search form");
        }
    }
    built.file("404.html").contains("<p class=\"not-found-text\">Misschien is ze verhuisd of hernoemd. Zoek ernaar, of begin bij een van deze pagina&#39;s.</p>");
}
