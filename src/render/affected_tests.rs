//! Tests of `affected_outputs`: for each kind of change, the exact files it affects, and
//! that rendering only those onto the previous output gives the new output byte for byte.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use crate::built::BuiltSite;
use crate::config::{Config, ConfigOverrides};
use crate::error::Result;
use crate::markdown::Highlighter;
use crate::paths::{ContentPath, OutputPath};
use crate::pipeline::{self, Keep};
use crate::render::{
    Affected, Facet, Fact, OutputIndex, OutputSink, RenderInput, RenderOptions, affected_outputs,
    render_outputs, render_site,
};

/// One version of a site, built up to rendering (code shown plain, as `kennis check` does).
struct Built(BuiltSite);

impl Built {
    fn load(root: &Path) -> Built {
        let config = Config::load(root, &ConfigOverrides::default()).expect("site.yaml");
        let checked =
            pipeline::check(config, false, Highlighter::plain, Keep::Model, Instant::now()).expect("site");
        assert!(!checked.diagnostics().has_errors(), "{:?}", checked.diagnostics().sorted());
        Built(BuiltSite::new(checked, RenderOptions::default()))
    }

    fn input(&self) -> RenderInput<'_> {
        self.0.render_input()
    }

    /// Every file a full render writes, by path.
    fn render_all(&self) -> BTreeMap<String, Vec<u8>> {
        let sink = MapSink::default();
        render_site(&self.input(), &sink).expect("render");
        sink.files.into_inner().expect("sink")
    }
}

/// Files in memory, by path.
#[derive(Default)]
struct MapSink {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl OutputSink for MapSink {
    fn write(&self, path: &OutputPath, bytes: &[u8]) -> Result<()> {
        self.files.lock().expect("sink").insert(path.as_str().to_owned(), bytes.to_vec());
        Ok(())
    }

    fn copy(&self, path: &OutputPath, from: &Path) -> Result<()> {
        let bytes = std::fs::read(from).expect("copied file");
        self.write(path, &bytes)
    }
}

const SITE: &[(&str, &str)] = &[
    ("site.yaml", "title: Test site\nbase_url: https://test.example.org/\n"),
    ("authors/an.yaml", "name: An Peeters\n"),
    ("authors/bram.yaml", "name: Bram Maes\n"),
    (
        "content/posts/alpha.md",
        "---\ntitle: Alpha\ndate: 2024-03-01\nauthor: an\ntags: [Rust]\n---\n\nAlpha opens here.\n\nAlpha goes on.\n",
    ),
    (
        "content/posts/beta.md",
        "---\ntitle: Beta\ndate: 2024-02-01\nauthor: bram\ntags: [Cooking]\n---\n\nBeta builds on [alpha](alpha.md).\n",
    ),
    (
        "content/posts/gamma.md",
        "---\ntitle: Gamma\ndate: 2024-01-01\nauthor: bram\ntags: [Cooking]\n---\n\nGamma stands alone.\n",
    ),
    (
        "content/wiki/guide.md",
        "---\ntitle: Guide\ndate: 2023-05-01\nauthor: an\ntags: [Rust]\n---\n\nThe guide.\n",
    ),
];

fn write_site(root: &Path) {
    for (path, text) in SITE {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(path, text).expect("write");
    }
}

/// The site before and after `change`, and what `affected_outputs` says the change touches.
struct Change {
    before: Built,
    after: Built,
    affected: Affected,
}

fn change(edit: impl FnOnce(&Path)) -> Change {
    let folder = tempfile::tempdir().expect("temp folder");
    write_site(folder.path());
    let before = Built::load(folder.path());
    edit(folder.path());
    let after = Built::load(folder.path());
    let affected = affected_outputs(&before.input(), &after.input()).expect("affected");
    Change { before, after, affected }
}

fn replace_in(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{file} holds {from:?}");
    std::fs::write(path, text.replace(from, to)).expect("write");
}

/// The pages, lists, feeds and copied files among `list`; the search index's files are
/// left to `search_paths` (every change moves the statistics its chunks are made of).
fn paths(list: &[OutputPath]) -> Vec<&str> {
    list.iter().map(OutputPath::as_str).filter(|path| !path.starts_with("search/")).collect()
}

/// The search index's files among `list`.
fn search_paths(list: &[OutputPath]) -> Vec<&str> {
    list.iter().map(OutputPath::as_str).filter(|path| path.starts_with("search/")).collect()
}

/// Rendering `affected.render` over the old output and deleting `affected.remove` gives
/// the new output, file for file and byte for byte.
fn assert_incremental_render_matches(change: &Change) {
    let mut files = change.before.render_all();
    let sink = MapSink::default();
    render_outputs(&change.after.input(), &change.affected.render, &sink).expect("render");
    let written = sink.files.into_inner().expect("sink");
    assert_eq!(
        written.keys().map(String::as_str).collect::<Vec<_>>(),
        change.affected.render.iter().map(OutputPath::as_str).collect::<Vec<_>>(),
        "every affected file is rendered, and only those"
    );
    files.extend(written);
    for path in &change.affected.remove {
        assert!(files.remove(path.as_str()).is_some(), "{path:?} was there to remove");
    }
    let full = change.after.render_all();
    assert_eq!(files.keys().collect::<Vec<_>>(), full.keys().collect::<Vec<_>>());
    for (path, bytes) in &full {
        assert!(files[path] == *bytes, "{path} differs from a full render");
    }
}

#[test]
fn an_unchanged_site_affects_nothing() {
    let change = change(|_| {});
    assert_eq!(change.affected, Affected::default());
    assert_incremental_render_matches(&change);
}

#[test]
fn a_body_edit_past_the_summary_affects_the_page_and_the_feeds_carrying_it() {
    let change =
        change(|root| replace_in(root, "content/posts/alpha.md", "Alpha goes on.", "Alpha goes further."));
    assert_eq!(paths(&change.affected.render), ["atom.xml", "authors/an/atom.xml", "posts/alpha/index.html"]);
    assert!(change.affected.remove.is_empty());
    assert_incremental_render_matches(&change);
}

#[test]
fn a_body_edit_affects_the_search_files_of_that_page_and_no_other_page() {
    let change =
        change(|root| replace_in(root, "content/posts/alpha.md", "Alpha goes on.", "Alpha goes further."));
    let search = search_paths(&change.affected.render);
    assert!(search.iter().any(|path| path.starts_with("search/x/")), "the excerpt: {search:?}");
    assert!(!search.iter().any(|path| path.starts_with("search/d/")), "no record changed: {search:?}");
    assert!(search.iter().any(|path| path.starts_with("search/t/")), "the new word's chunk: {search:?}");
    assert_incremental_render_matches(&change);
}

#[test]
fn a_body_edit_of_the_summary_also_affects_the_lists_showing_it() {
    let change =
        change(|root| replace_in(root, "content/posts/alpha.md", "Alpha opens here.", "Alpha starts."));
    assert_eq!(
        paths(&change.affected.render),
        [
            "atom.xml",
            "authors/an/atom.xml",
            "authors/an/index.html",
            "index.html",
            "posts/alpha/index.html",
            "posts/index.html",
            "tags/rust/index.html",
        ]
    );
    assert!(change.affected.remove.is_empty());
    assert_incremental_render_matches(&change);
}

#[test]
fn a_title_change_affects_every_file_naming_the_page() {
    let change = change(|root| replace_in(root, "content/posts/beta.md", "title: Beta", "title: Bèta"));
    assert_eq!(
        paths(&change.affected.render),
        [
            "atom.xml",
            "authors/bram/atom.xml",
            "authors/bram/index.html",
            "index.html",
            // Beta links to Alpha: Alpha's "linked from" names it.
            "posts/alpha/index.html",
            "posts/beta/index.html",
            // Gamma shares a tag with Beta: its "related" names it.
            "posts/gamma/index.html",
            "posts/index.html",
            "tags/cooking/index.html",
        ]
    );
    assert!(change.affected.remove.is_empty());
    assert_incremental_render_matches(&change);
}

#[test]
fn an_added_tag_affects_the_tag_index_and_both_tags_pages() {
    let change =
        change(|root| replace_in(root, "content/posts/gamma.md", "tags: [Cooking]", "tags: [Cooking, Rust]"));
    assert_eq!(
        paths(&change.affected.render),
        [
            "authors/bram/index.html",
            "index.html",
            // The topics over time, and the files with them.
            "insights/index.html",
            "insights/insights.json",
            "insights/rising_topics.csv",
            "insights/topics.csv",
            "posts/alpha/index.html",
            "posts/gamma/index.html",
            "posts/index.html",
            "tags/cooking/index.html",
            "tags/index.html",
            "tags/rust/index.html",
            "wiki/guide/index.html",
        ]
    );
    assert!(change.affected.remove.is_empty());
    assert_incremental_render_matches(&change);
}

#[test]
fn an_added_page_is_rendered_with_the_lists_and_feeds_it_joins() {
    let change = change(|root| {
        let text = "---\ntitle: Delta\ndate: 2024-04-01\nauthor: an\ntags: [Tea]\n---\n\nDelta is new.\n";
        std::fs::write(root.join("content/posts/delta.md"), text).expect("write");
    });
    assert_eq!(
        paths(&change.affected.render),
        [
            "atom.xml",
            "authors/an/atom.xml",
            "authors/an/index.html",
            // A new month: Bram's activity chart spans the site's months.
            "authors/bram/index.html",
            // An's count of pages.
            "authors/index.html",
            "index.html",
            // Every figure with months, and the files with them.
            "insights/index.html",
            "insights/insights.json",
            "insights/months.csv",
            "insights/people.csv",
            "insights/retention.csv",
            "insights/rising_topics.csv",
            "insights/summary.csv",
            "insights/topics.csv",
            "posts/delta/index.html",
            "posts/index.html",
            "sitemap.xml",
            "tags/index.html",
            "tags/tea/index.html",
        ]
    );
    assert!(change.affected.remove.is_empty());
    assert_incremental_render_matches(&change);
}

#[test]
fn a_removed_page_is_removed_from_every_list_and_feed() {
    let change = change(|root| std::fs::remove_file(root.join("content/posts/gamma.md")).expect("remove"));
    assert_eq!(
        paths(&change.affected.render),
        [
            "atom.xml",
            "authors/bram/atom.xml",
            "authors/bram/index.html",
            // Bram's count of pages.
            "authors/index.html",
            "index.html",
            // Gamma's month, contributions and tag are gone from the figures.
            "insights/index.html",
            "insights/insights.json",
            "insights/months.csv",
            "insights/people.csv",
            "insights/retention.csv",
            "insights/rising_topics.csv",
            "insights/summary.csv",
            "insights/topics.csv",
            // Gamma was related to Beta by their tag.
            "posts/beta/index.html",
            "posts/index.html",
            "sitemap.xml",
            "tags/cooking/index.html",
            // Cooking's count of pages.
            "tags/index.html",
        ]
    );
    assert_eq!(paths(&change.affected.remove), ["posts/gamma/index.html"]);
    assert_incremental_render_matches(&change);
}

#[test]
fn an_author_renamed_affects_every_file_showing_their_name() {
    let change = change(|root| replace_in(root, "authors/bram.yaml", "Bram Maes", "Bram Maas"));
    assert_eq!(
        paths(&change.affected.render),
        [
            "atom.xml",
            "authors/bram/atom.xml",
            "authors/bram/index.html",
            "authors/index.html",
            "index.html",
            "posts/beta/index.html",
            "posts/gamma/index.html",
            "posts/index.html",
            "tags/cooking/index.html",
        ]
    );
    assert!(change.affected.remove.is_empty());
    assert_incremental_render_matches(&change);
}

#[test]
fn jobs_list_the_pages_and_facts_they_show() {
    let folder = tempfile::tempdir().expect("temp folder");
    write_site(folder.path());
    let built = Built::load(folder.path());
    let index = OutputIndex::new(&built.input()).expect("index");
    let source = |path: &str| ContentPath::from_components(path.split('/'));
    let (alpha, beta) = (source("posts/alpha.md"), source("posts/beta.md"));
    let output = |path: &str| OutputPath::new(path).expect("path");

    let tag_page = index.reads(&output("tags/cooking/index.html")).expect("tag page");
    let tag_pages: Vec<_> = tag_page.pages.iter().map(|(p, f)| (p.as_str(), *f)).collect();
    assert_eq!(tag_pages, [("posts/beta.md", Facet::Card), ("posts/gamma.md", Facet::Card)]);
    assert!(tag_page.facts.contains(&Fact::Tag("cooking".to_owned())));
    assert!(tag_page.facts.contains(&Fact::Author(crate::model::AuthorId("bram".to_owned()))));

    let alpha_page = index.reads(&output("posts/alpha/index.html")).expect("alpha's page");
    assert!(alpha_page.pages.contains(&(alpha.clone(), Facet::Page)));
    assert!(alpha_page.pages.contains(&(beta.clone(), Facet::Link)), "Beta links here");

    assert_eq!(
        paths(&index.showing(&beta)),
        [
            "atom.xml",
            "authors/bram/atom.xml",
            "authors/bram/index.html",
            "index.html",
            "posts/alpha/index.html",
            "posts/beta/index.html",
            "posts/gamma/index.html",
            "posts/index.html",
            "sitemap.xml",
            "tags/cooking/index.html",
        ]
    );
}
