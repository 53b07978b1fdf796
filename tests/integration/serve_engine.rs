//! The dev server's engine after a series of edits publishes, byte for byte, what a clean
//! `kennis build --drafts` of the same files writes; a broken page publishes its problem and
//! keeps the last good files.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use kennis::output::MemorySink;
use kennis::paths::OutputPath;
use kennis::serve::LiveSite;
use kennis::serve::engine::{Engine, EngineOptions, TakenIn, is_ignored, watched_folders};

const SITE: &[(&str, &str)] = &[
    ("site.yaml", "title: Engine test\nbase_url: https://test.example.org/\n"),
    ("authors/an.yaml", "name: An Peeters\n"),
    ("authors/bram.yaml", "name: Bram Maes\n"),
    ("static/notes.txt", "first notes\n"),
    (
        "content/posts/alpha.md",
        "---\ntitle: Alpha\ndate: 2024-03-01\nauthor: an\ntags: [Rust]\n---\n\nAlpha opens here.\n\n## Install\n\nAlpha goes on.\n",
    ),
    (
        "content/posts/beta.md",
        "---\ntitle: Beta\ndate: 2024-02-01\nauthor: bram\ntags: [Cooking]\n---\n\nBeta builds on [alpha](alpha.md#install).\n",
    ),
    (
        "content/posts/gamma.md",
        "---\ntitle: Gamma\ndate: 2024-01-01\nauthor: bram\ntags: [Cooking]\n---\n\nGamma stands alone.\n",
    ),
    (
        "content/posts/draft.md",
        "---\ntitle: Half written\ndate: 2024-04-01\nauthor: an\ndraft: true\n---\n\nNot ready yet.\n",
    ),
    (
        "content/wiki/guide.md",
        "---\ntitle: Guide\nauthor: an\ntags: [Rust]\n---\n\nThe guide, see [[Gamma]].\n",
    ),
];

/// A site written by the test, an engine serving it, and a browser showing one page.
struct Served {
    _temp: tempfile::TempDir,
    root: PathBuf,
    site: Arc<LiveSite>,
    engine: Engine,
}

impl Served {
    fn start(files: &[(&str, &str)]) -> Served {
        let temp = tempfile::tempdir().expect("temporary folder");
        let root = temp.path().join("site");
        for (path, text) in files {
            write(&root, path, text);
        }
        let site = Arc::new(LiveSite::new());
        let options = EngineOptions { root: root.clone(), drafts: true };
        let engine = Engine::start(&options, Arc::clone(&site))
            .unwrap_or_else(|e| panic!("{}", kennis::commands::describe_error(&e)));
        Served { _temp: temp, root, site, engine }
    }

    fn write(&mut self, path: &str, text: &str) -> TakenIn {
        write(&self.root, path, text);
        self.take_in(&[path])
    }

    fn edit(&mut self, path: &str, from: &str, to: &str) -> TakenIn {
        let text = std::fs::read_to_string(self.root.join(path)).expect("file there");
        assert!(text.contains(from), "{path} holds {from:?}");
        self.write(path, &text.replace(from, to))
    }

    /// Tells the engine that these files (relative to the root) changed, as a watcher does:
    /// absolute paths.
    fn take_in(&mut self, paths: &[&str]) -> TakenIn {
        let paths: Vec<PathBuf> = paths.iter().map(|path| self.root.join(path)).collect();
        self.engine.take_in(&paths).expect("takes the change in")
    }

    /// The problems published now, as `file:line:column: message`.
    fn problems(&self) -> Vec<String> {
        let news = self.site.news_since(0, Duration::ZERO);
        news.problems.iter().map(|p| format!("{}:{}:{}: {}", p.file, p.line, p.column, p.message)).collect()
    }

    fn page(&self, path: &str) -> String {
        let bytes = self.site.read(&OutputPath::new(path).expect("output path")).expect("published");
        String::from_utf8(bytes.to_vec()).expect("UTF-8")
    }

    /// What is published is what `kennis build --drafts` writes for the same files.
    fn assert_as_built(&self, step: &str) {
        let output = self._temp.path().join(format!("public-{}", step.replace(' ', "-")));
        let options = kennis::BuildOptions {
            root: self.root.clone(),
            output: Some(output.clone()),
            include_drafts: true,
            ..kennis::BuildOptions::default()
        };
        if let Err(error) = kennis::build_site(&options) {
            panic!("{step}: {}", kennis::commands::describe_error(&error));
        }
        let difference = self.site.files().compare_with_folder(&output).expect("compared");
        assert!(difference.is_empty(), "{step}: what serve shows differs from a build: {difference:?}");
        assert!(self.problems().is_empty(), "{step}: {:?}", self.problems());
    }
}

fn write(root: &Path, path: &str, text: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("folders");
    std::fs::write(path, text).expect("file written");
}

fn output(path: &str) -> OutputPath {
    OutputPath::new(path).expect("output path")
}

fn snapshot(files: &MemorySink) -> Vec<(OutputPath, Vec<u8>)> {
    files.paths().into_iter().map(|p| (p.clone(), files.read(&p).expect("file").to_vec())).collect()
}

#[test]
fn serve_after_a_series_of_edits_publishes_what_a_clean_build_writes() {
    let mut served = Served::start(SITE);
    served.assert_as_built("start");
    assert!(served.page("posts/draft/index.html").contains("Not ready yet."), "drafts are shown");
    // A browser shows alpha all along: every change renders it first.
    let site = Arc::clone(&served.site);
    let _open = site.page_opened(output("posts/alpha/index.html"));
    let _beta = site.page_opened(output("posts/beta/index.html"));

    let version = served.site.version();
    let taken = served.edit("content/posts/alpha.md", "Alpha goes on.", "Alpha goes on, edited.");
    assert!(served.page("posts/alpha/index.html").contains("Alpha goes on, edited."));
    assert!(!taken.full_rebuild && taken.rendered >= 1, "{taken:?}");
    // The open page comes out on its own, before the feed and search files that show it too.
    let changed = |since| site.news_since(since, Duration::ZERO).changed.expect("recent");
    let (all, later) = (changed(version), changed(version + 1));
    let first: Vec<&String> = all.iter().filter(|path| !later.contains(path)).collect();
    assert_eq!(first, ["posts/alpha/index.html"]);
    assert!(later.iter().any(|path| path == "atom.xml"), "{later:?}");
    served.assert_as_built("body edited");

    // A new title: the open pages are rendered as soon as the model is assembled, before
    // the lists that show the title too.
    let _gamma = site.page_opened(output("posts/gamma/index.html"));
    let version = served.site.version();
    served.edit("content/posts/gamma.md", "title: Gamma", "title: Gamma Rays");
    let (all, later) = (changed(version), changed(version + 1));
    let first: Vec<&String> = all.iter().filter(|path| !later.contains(path)).collect();
    assert_eq!(first, ["posts/beta/index.html", "posts/gamma/index.html"], "beta shows gamma as related");
    assert!(later.iter().any(|path| path == "posts/index.html"), "{later:?}");
    served.assert_as_built("retitled");

    served.write("content/posts/delta.md", "---\ntitle: Delta\ndate: 2024-05-01\nauthor: an\n---\n\nNew.\n");
    assert!(served.page("posts/delta/index.html").contains("New."));
    served.assert_as_built("page added");

    std::fs::remove_file(served.root.join("content/posts/delta.md")).expect("removed");
    let taken = served.take_in(&["content/posts/delta.md"]);
    assert!(taken.removed >= 1, "{taken:?}");
    assert!(served.site.read(&output("posts/delta/index.html")).is_none());
    served.assert_as_built("page removed");

    // A rename is a removal and an addition in one burst; beta's link to it breaks.
    std::fs::rename(served.root.join("content/posts/alpha.md"), served.root.join("content/posts/alpha-2.md"))
        .expect("renamed");
    served.take_in(&["content/posts/alpha.md", "content/posts/alpha-2.md"]);
    let problems = served.problems();
    assert_eq!(
        problems,
        [
            "content/posts/beta.md:8:16: broken link `alpha.md#install`: `content/posts/alpha.md` does not exist"
        ]
    );
    assert!(served.site.read(&output("posts/alpha/index.html")).is_some(), "the last good files stay");
    served.edit("content/posts/beta.md", "(alpha.md#install)", "(alpha-2.md#install)");
    served.assert_as_built("renamed and link fixed");

    // A heading removed in one page breaks the anchor another page links to: the problem is
    // the other page's, at its link.
    served.edit("content/posts/alpha-2.md", "## Install", "## Setup");
    let problems = served.problems();
    assert!(
        problems.len() == 1
            && problems[0].starts_with("content/posts/beta.md:8:16: ")
            && problems[0].contains("#install"),
        "{problems:?}"
    );
    served.edit("content/posts/alpha-2.md", "## Setup", "## Install");
    served.assert_as_built("heading back");

    served.edit("content/posts/beta.md", "tags: [Cooking]", "tags: [Baking]");
    assert!(served.site.read(&output("tags/baking/index.html")).is_some());
    served.assert_as_built("tag changed");

    // An answer by someone else changes the figures: the insights pages and files, and the
    // author page's "helped", are rendered again as a build writes them.
    served.write("content/questions/how.md", "---\ntitle: How?\ndate: 2024-06-01\nauthor: an\n---\n\nHow?\n");
    assert!(!served.page("insights/index.html").contains("Bram Maes"), "nobody helped anyone yet");
    served.write(
        "content/questions/how/answers/bram.md",
        "---\ndate: 2024-07-02\nauthor: bram\n---\n\nLike this.\n",
    );
    assert!(
        served.page("insights/index.html").contains("<th scope=\"row\">Bram Maes</th><td>An Peeters</td>")
    );
    assert!(served.page("authors/bram/index.html").contains("Helped 1 person"));
    served.assert_as_built("question answered");

    served.write("authors/an.yaml", "name: An Peeters-Maes\n");
    assert!(served.page("posts/alpha-2/index.html").contains("An Peeters-Maes"));
    served.assert_as_built("author renamed");

    // Broken front matter: the problem at its line, the last good files kept.
    let before = snapshot(served.site.files());
    served.edit("content/posts/gamma.md", "tags: [Cooking]", "tags: [Cooking");
    assert_eq!(
        served.problems(),
        ["content/posts/gamma.md:5:7: invalid front matter: this list is not closed with `]`"]
    );
    assert_eq!(snapshot(served.site.files()), before, "the last good files stay published");
    served.edit("content/posts/gamma.md", "tags: [Cooking", "tags: [Cooking]");
    served.assert_as_built("front matter fixed");

    // A body edit that breaks a link: the page browsers show is previewed with the new
    // body, then put back when the link check finds the error.
    let before = snapshot(served.site.files());
    let version = served.site.version();
    served.edit("content/posts/beta.md", "Beta builds on", "Beta builds on [nothing](nowhere.md) and");
    assert_eq!(
        served.problems(),
        ["content/posts/beta.md:8:16: broken link `nowhere.md`: `content/posts/nowhere.md` does not exist"]
    );
    assert!(served.site.version() > version + 1, "the preview was published, then taken back");
    assert_eq!(snapshot(served.site.files()), before, "the last good files stay published");
    served.edit("content/posts/beta.md", "Beta builds on [nothing](nowhere.md) and", "Beta builds on");
    served.assert_as_built("broken link fixed");

    // A page on a path kennis generates (the tags list): a problem, never a crash.
    let before = snapshot(served.site.files());
    served.write("content/tags.md", "---\ntitle: Tags of my own\n---\n\nMine.\n");
    assert_eq!(
        served.problems(),
        ["content/tags.md:0:0: the page `content/tags.md` is at `/tags/`, where kennis writes its tag pages"]
    );
    assert_eq!(snapshot(served.site.files()), before, "the last good files stay published");
    std::fs::remove_file(served.root.join("content/tags.md")).expect("removed");
    served.take_in(&["content/tags.md"]);
    served.assert_as_built("clashing page removed");

    // A template override: the whole site is built again.
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/page.html");
    let template = std::fs::read_to_string(theme).expect("the theme's page template");
    let overridden = template.replacen("{% block main %}", "{% block main %}<p>Overridden page</p>", 1);
    let taken = served.write("templates/page.html", &overridden);
    assert!(taken.full_rebuild, "{taken:?}");
    assert!(served.page("posts/alpha-2/index.html").contains("Overridden page"));
    served.assert_as_built("template overridden");

    // A static file's new bytes are copied again; a new one is published.
    let taken = served.write("static/notes.txt", "second notes\n");
    assert!(!taken.full_rebuild, "{taken:?}");
    assert_eq!(served.page("notes.txt"), "second notes\n");
    served.write("static/more.txt", "more\n");
    served.assert_as_built("static files");

    // A folder moved in whole is one event, not one per file.
    write(&served.root, "elsewhere/static/moved.txt", "moved in\n");
    std::fs::remove_dir_all(served.root.join("static")).expect("static removed");
    std::fs::rename(served.root.join("elsewhere/static"), served.root.join("static")).expect("moved");
    let taken = served.take_in(&["static"]);
    assert!(taken.full_rebuild, "{taken:?}");
    served.assert_as_built("static folder replaced");

    served.edit("site.yaml", "title: Engine test", "title: Engine test, renamed");
    served.assert_as_built("site.yaml changed");
}

#[test]
fn a_site_with_errors_starts_shows_what_it_can_and_its_problems_until_fixed() {
    let mut files = SITE.to_vec();
    files.push(("content/posts/broken.md", "---\ntitle: Broken\ntags: [a\n---\n\nBody.\n"));
    let mut served = Served::start(&files);
    assert_eq!(
        served.problems(),
        ["content/posts/broken.md:3:7: invalid front matter: this list is not closed with `]`"]
    );
    assert!(served.page("posts/beta/index.html").contains("Beta builds on"));
    served.edit("content/posts/broken.md", "tags: [a\n", "tags: [a]\n");
    served.assert_as_built("fixed");
}

#[test]
fn the_engine_watches_the_sites_folders_and_ignores_what_never_matters() {
    let served = Served::start(SITE);
    let config = served.engine.config();
    let folders = watched_folders(config);
    let root = served.root.canonicalize().expect("root");
    assert_eq!(folders.first(), Some(&root));
    for folder in ["content", "authors", "static"] {
        assert!(folders.contains(&root.join(folder)), "{folder} is watched: {folders:?}");
    }
    for ignored in ["public/index.html", ".git/index", "content/posts/.alpha.md.swp", "content/posts/a.md~"] {
        assert!(is_ignored(config, &root.join(ignored)), "{ignored}");
    }
    for kept in
        ["site.yaml", "content/posts/alpha.md", "static/.well-known/security.txt", "templates/page.html"]
    {
        assert!(!is_ignored(config, &root.join(kept)), "{kept}");
    }
    assert!(is_ignored(config, Path::new("/elsewhere/site.yaml")));
}

#[test]
fn in_git_new_and_changed_pages_are_dated_and_credited_as_a_clean_build_does() {
    use crate::git_history::git;
    let an = ("An Peeters", "an@example.org");
    let mut files = SITE.to_vec();
    files.push(("authors/an.yaml", "name: An Peeters\nemail: an@example.org\n"));
    files.push(("content/wiki/undated.md", "---\ntitle: Undated\n---\n\nDated by git.\n"));
    let temp = tempfile::tempdir().expect("temporary folder");
    let root = temp.path().join("site");
    for (path, text) in &files {
        write(&root, path, text);
    }
    git(&root, an, "2025-01-10T09:00:00+01:00", &["init", "-q"]);
    git(&root, an, "2025-01-10T09:00:00+01:00", &["add", "-A"]);
    git(&root, an, "2025-01-10T09:00:00+01:00", &["commit", "-qm", "site"]);
    let site = Arc::new(LiveSite::new());
    let engine = Engine::start(&EngineOptions { root: root.clone(), drafts: true }, Arc::clone(&site))
        .unwrap_or_else(|e| panic!("{}", kennis::commands::describe_error(&e)));
    let mut served = Served { _temp: temp, root, site, engine };
    served.assert_as_built("committed");

    // Not committed yet: dated by its file time, credited to no one the history knows.
    served.write("content/wiki/new.md", "---\ntitle: New\n---\n\nNot committed.\n");
    served.edit("content/wiki/undated.md", "Dated by git.", "Dated by git, changed since.");
    served.assert_as_built("uncommitted changes");
}

#[test]
fn a_newer_change_stops_the_lists_of_the_one_before_which_come_out_when_none_waits() {
    let mut served = Served::start(SITE);
    let newer = Arc::new(AtomicBool::new(false));
    served.engine.stop_second_steps_on(Arc::clone(&newer));
    let site = Arc::clone(&served.site);
    let open = site.page_opened(output("posts/beta/index.html"));
    // A newer change waits all along: the open page comes out, the lists wait.
    newer.store(true, Ordering::Relaxed);
    served.edit("content/posts/beta.md", "title: Beta", "title: Beta renamed");
    assert!(served.page("posts/beta/index.html").contains("Beta renamed"), "the open page comes first");
    assert!(!served.page("posts/index.html").contains("Beta renamed"), "the list waits");
    assert!(served.engine.is_behind());
    // The page is closed, and the change undone, while the lists still wait: the page shows
    // what the index says it showed, but was published since, so it is rendered again.
    drop(open);
    served.edit("content/posts/beta.md", "title: Beta renamed", "title: Beta");
    assert!(served.engine.is_behind());
    newer.store(false, Ordering::Relaxed);
    served.take_in(&[]);
    assert!(!served.engine.is_behind());
    served.assert_as_built("after the lists came out");
    // Nothing left: a burst of nothing does nothing.
    assert_eq!(served.take_in(&[]), TakenIn::default());

    // Stopped again, then a change that breaks the site: nothing is left to do until the
    // next change (the serving loop waits for files again), and the fix publishes it all.
    newer.store(true, Ordering::Relaxed);
    served.edit("content/posts/beta.md", "title: Beta", "title: Beta again");
    assert!(served.engine.is_behind());
    newer.store(false, Ordering::Relaxed);
    served.edit("content/posts/gamma.md", "tags: [Cooking]", "tags: [Cooking");
    assert!(!served.engine.is_behind(), "a site with errors waits for the next change");
    served.edit("content/posts/gamma.md", "tags: [Cooking", "tags: [Cooking]");
    assert!(!served.engine.is_behind());
    served.assert_as_built("fixed after a stopped step");
}

#[test]
fn a_broken_site_yaml_stays_shown_while_pages_change_until_it_is_fixed() {
    let mut served = Served::start(SITE);
    served.write("site.yaml", "title: [Engine test\nbase_url: https://test.example.org/\n");
    let broken = served.problems();
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(broken[0].starts_with("site.yaml:1:8: "), "{broken:?}");
    // A page saved meanwhile does not hide the error: the site is still the one before.
    served.edit("content/posts/gamma.md", "Gamma stands alone.", "Gamma stands apart.");
    assert_eq!(served.problems(), broken);
    served.write("site.yaml", "title: Engine test\nbase_url: https://test.example.org/\n");
    assert!(served.page("posts/gamma/index.html").contains("Gamma stands apart."));
    served.assert_as_built("site.yaml fixed");
}
