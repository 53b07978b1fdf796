//! A kept site taking in edits one at a time renders, file for file, what a clean build of the edited site renders.

use std::path::{Path, PathBuf};

use kennis::BuildOptions;
use kennis::built::{BuiltSite, KeptSite, Update};
use kennis::output::MemorySink;
use kennis::paths::{ContentPath, OutputPath};

use crate::support::copy_dir;

fn rendered(built: &BuiltSite) -> MemorySink {
    let files = MemorySink::new();
    built.render_all(&files).expect("renders");
    files
}

/// The example site in a temporary folder, outside kennis's repository, dated by file times.
struct Site {
    _temp: tempfile::TempDir,
    root: PathBuf,
}

impl Site {
    fn example() -> Site {
        let temp = tempfile::tempdir().expect("temporary folder");
        let root = temp.path().join("site");
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site"), &root);
        Site { _temp: temp, root }
    }

    fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            output: Some(self._temp.path().join("public")),
            ..BuildOptions::default()
        }
    }

    fn build(&self) -> BuiltSite {
        let built = kennis::build_site(&self.options());
        built.unwrap_or_else(|e| panic!("{}", kennis::commands::describe_error(&e))).0
    }

    fn keep(&self) -> KeptSite {
        let kept = kennis::build_kept_site(&self.options());
        kept.unwrap_or_else(|e| panic!("{}", kennis::commands::describe_error(&e))).0
    }

    fn content(&self, path: &str) -> PathBuf {
        self.root.join("content").join(path)
    }

    fn edit(&self, path: &str, change: impl FnOnce(String) -> String) {
        let text = std::fs::read_to_string(self.content(path)).expect("page exists");
        std::fs::write(self.content(path), change(text)).expect("page written");
    }
}

fn path(text: &str) -> ContentPath {
    ContentPath::from_components(text.split('/'))
}

/// A kept site and what it shows: its first full render, then only the outputs each
/// change affects rendered onto it (and those no longer produced removed), as serve will.
struct Preview {
    kept: KeptSite,
    shown: MemorySink,
}

impl Preview {
    fn start(site: &Site) -> Preview {
        let kept = site.keep();
        let shown = rendered(&kept.built);
        Preview { kept, shown }
    }

    /// Takes in an update: renders what it affects and removes what is gone.
    fn show(&mut self, update: &Update) {
        let fresh = MemorySink::new();
        self.kept.built.render_only(&update.affected.render, &fresh).expect("renders");
        assert_eq!(fresh.len(), update.affected.render.len(), "every affected output is rendered");
        self.shown.replace_from(fresh);
        for path in &update.affected.remove {
            assert!(self.shown.remove(path), "`{path:?}` was shown before it was removed");
        }
    }

    fn reread(&mut self, paths: &[&str]) -> Update {
        let paths: Vec<ContentPath> = paths.iter().map(|p| path(p)).collect();
        let update = self.kept.reread(&paths).expect("takes the change");
        self.show(&update);
        update
    }
}

/// The kept site renders exactly what a clean build of the same files renders, and what
/// it shows after rendering only the affected outputs is that too.
fn assert_same_as_clean_build(site: &Site, preview: &Preview, step: &str) {
    let clean = rendered(&site.build());
    assert_same_files(&clean, &rendered(&preview.kept.built), step);
    assert_same_files(&clean, &preview.shown, &format!("{step}, affected outputs only"));
}

fn assert_same_files(clean: &MemorySink, kept: &MemorySink, step: &str) {
    let only = |a: &MemorySink, b: &MemorySink| -> Vec<OutputPath> {
        a.paths().into_iter().filter(|path| b.read(path).is_none()).collect()
    };
    assert_eq!(only(kept, clean), Vec::<OutputPath>::new(), "{step}: files only the kept site renders");
    assert_eq!(only(clean, kept), Vec::<OutputPath>::new(), "{step}: files only a clean build renders");
    let differing: Vec<OutputPath> =
        clean.paths().into_iter().filter(|path| clean.read(path) != kept.read(path)).collect();
    assert!(differing.is_empty(), "{step}: files that differ from a clean build: {differing:?}");
}

#[test]
fn a_kept_site_after_a_series_of_edits_renders_what_a_clean_build_renders() {
    let site = Site::example();
    let mut preview = Preview::start(&site);
    let all = preview.shown.len();
    let retros = "wiki/werkwijze/retrospectives.md";

    // A body edit renders that one body again, and the few files that show it.
    site.edit(retros, |text| text + "\nOne more paragraph, with a [link](../tools/dev-setup.md).\n");
    let update = preview.reread(&[retros]);
    assert_eq!(update.bodies_rendered, vec![path(retros)]);
    assert!(
        update.affected.render.len() < all / 4,
        "{} of {all} files: {:?}",
        update.affected.render.len(),
        update.affected.render
    );
    assert!(update.affected.remove.is_empty());
    assert_same_as_clean_build(&site, &preview, "body edit");

    // A title change: every card and link title shows the new one.
    let incidents = "wiki/werkwijze/leren-van-incidenten.md";
    site.edit(incidents, |text| text.replace("title: Leren van incidenten", "title: Leren van storingen"));
    preview.reread(&[incidents]);
    assert_same_as_clean_build(&site, &preview, "title change");

    // A tag added to a post.
    let post = "posts/learning-rust-as-a-trainee.md";
    site.edit(post, |text| text.replacen("tags: [", "tags: [brand-new-tag, ", 1));
    let update = preview.reread(&[post]);
    let tag_page = OutputPath::new("tags/brand-new-tag/index.html").unwrap();
    assert!(update.affected.render.contains(&tag_page), "the new tag's page is rendered");
    assert_same_as_clean_build(&site, &preview, "tag added");

    // Pages added: a post that sorts before every other, linking to a wiki page, and a
    // wiki page in a new folder (which gets a generated section page).
    let new_post = "posts/0000-aaa-eerste.md";
    std::fs::write(
        site.content(new_post),
        "---\ntitle: Aaa eerste\ndate: 2025-06-01\nauthors: [an-peeters]\ntags: [rust]\n---\n\
         See [dev setup](../wiki/tools/dev-setup.md) and [[Leren van storingen]].\n",
    )
    .expect("new post");
    std::fs::create_dir_all(site.content("wiki/nieuw")).expect("new folder");
    let new_wiki = "wiki/nieuw/eerste-stappen.md";
    std::fs::write(site.content(new_wiki), "---\ntitle: Eerste stappen\n---\nLinks to [[Retrospectives]].\n")
        .expect("new wiki page");
    let update = preview.reread(&[new_post, new_wiki]);
    // The new folder's generated section page has an empty body of its own.
    assert_eq!(update.bodies_rendered, vec![path(new_post), path(new_wiki), path("wiki/nieuw/_index.md")]);
    assert_same_as_clean_build(&site, &preview, "pages added");

    // A page removed: its generated section goes too.
    std::fs::remove_file(site.content(new_wiki)).expect("removed");
    let update = preview.reread(&[new_wiki]);
    let gone = ["wiki/nieuw/eerste-stappen/index.html", "wiki/nieuw/index.html"];
    // The search index loses its last documents' files too (ids follow the URLs' order).
    let pages_gone: Vec<OutputPath> =
        update.affected.remove.iter().filter(|p| !p.as_str().starts_with("search/")).cloned().collect();
    assert_eq!(pages_gone, gone.map(|p| OutputPath::new(p).unwrap()));
    assert_same_as_clean_build(&site, &preview, "page removed");

    // A page removed that another links to by name: that body is rendered again.
    std::fs::remove_file(site.content(new_post)).expect("removed");
    preview.reread(&[new_post]);
    assert_same_as_clean_build(&site, &preview, "post removed");

    // An author's name changed.
    let author = site.root.join("authors/an-peeters.yaml");
    let text = std::fs::read_to_string(&author).expect("author file");
    let name_line = text.lines().find(|l| l.starts_with("name:")).expect("a name").to_owned();
    std::fs::write(&author, text.replace(&name_line, "name: An Peeters-Vos")).expect("author written");
    let update = preview.kept.reread_author("an-peeters.yaml").expect("takes the author");
    preview.show(&update);
    assert_same_as_clean_build(&site, &preview, "author renamed");
}

#[test]
fn a_kept_site_takes_in_drafts_answers_aliases_and_mistakes_as_a_clean_build_would() {
    let site = Site::example();
    let mut preview = Preview::start(&site);

    // A section's `_index.md` becomes a draft: a generated section page, with no body, stands in.
    let tools = "wiki/tools/_index.md";
    site.edit(tools, |text| text.replacen("title: Tools", "title: Tools\ndraft: true", 1));
    let update = preview.reread(&[tools]);
    assert!(update.affected.render.contains(&OutputPath::new("wiki/tools/index.html").unwrap()));
    assert_same_as_clean_build(&site, &preview, "section index drafted");
    site.edit(tools, |text| text.replacen("draft: true\n", "", 1));
    preview.reread(&[tools]);
    assert_same_as_clean_build(&site, &preview, "section index published again");

    // An answer added to a question, and an alias to a post.
    let answer = "questions/venv-poetry-or-conda/answers/conda-for-gpu.md";
    std::fs::write(
        site.content(answer),
        "---\nauthors: [an-peeters]\ndate: 2025-04-01\n---\nConda, for CUDA.\n",
    )
    .expect("answer");
    let post = "posts/learning-rust-as-a-trainee.md";
    site.edit(post, |text| text.replacen("title:", "aliases: [/oud/rust/]\ntitle:", 1));
    let update = preview.reread(&[answer, post]);
    assert!(update.affected.render.contains(&OutputPath::new("oud/rust/index.html").unwrap()));
    assert_same_as_clean_build(&site, &preview, "answer and alias added");

    // A file that is not a page changes nothing.
    let update = preview.reread(&["posts/ci-pipeline-onder-de-tien-minuten/pipeline.svg"]);
    assert_eq!((update.affected.render.len(), update.affected.remove.len()), (0, 0));

    // Two pages with one URL: an error, as in a build; what is shown stays until it is fixed.
    let twin = "posts/learning-rust-as-a-trainee/index.md";
    std::fs::create_dir_all(site.content("posts/learning-rust-as-a-trainee")).expect("folder");
    std::fs::write(site.content(twin), "---\ntitle: Twin\n---\nSame URL.\n").expect("twin");
    let refused = preview.kept.reread(&[path(twin)]);
    assert!(refused.is_err(), "two pages on one URL cannot both be written");
    assert!(preview.kept.built.diagnostics().has_errors(), "and the kept site says why");
    std::fs::remove_file(site.content(twin)).expect("twin removed");
    preview.reread(&[twin]);
    assert!(!preview.kept.built.diagnostics().has_errors());
    assert_same_as_clean_build(&site, &preview, "duplicate URL fixed");

    // A front-matter mistake: reported, and taken back when fixed.
    site.edit(post, |text| text.replacen("title:", "title: [unclosed\nold:", 1));
    let update = preview.kept.reread(&[path(post)]).expect("a page that does not read is left out");
    let problems: Vec<String> = preview.kept.built.diagnostics().iter().map(|d| d.file.clone()).collect();
    assert!(problems.contains(&"content/posts/learning-rust-as-a-trainee.md".to_owned()), "{problems:?}");
    preview.show(&update);
    site.edit(post, |text| text.replacen("title: [unclosed\nold:", "title:", 1));
    preview.reread(&[post]);
    assert!(!preview.kept.built.diagnostics().has_errors());
    assert_same_as_clean_build(&site, &preview, "mistake fixed");
}

#[test]
fn page_ids_stay_put_when_a_page_is_added_before_them() {
    let site = Site::example();
    let mut kept = site.keep();
    let retros = path("wiki/werkwijze/retrospectives.md");
    let id = kept.built.site.by_source[&retros];
    let backlinks = kept.built.cross.backlinks[id.0].clone();
    std::fs::write(site.content("posts/0000-first.md"), "---\ntitle: First\n---\nSee [[Retrospectives]].\n")
        .expect("new post");
    kept.reread(&[path("posts/0000-first.md")]).expect("takes the new page");
    assert_eq!(kept.built.site.by_source[&retros], id, "the page kept its id");
    let new = kept.built.site.by_source[&path("posts/0000-first.md")];
    assert!(new.0 > id.0, "the new page got a new id rather than shifting others");
    assert_eq!(
        kept.built.cross.backlinks[id.0].len(),
        backlinks.len() + 1,
        "the new link is a backlink, by id"
    );
    assert!(kept.built.cross.backlinks[id.0].contains(&new));
}

#[test]
fn a_kept_site_in_git_dates_new_and_newly_committed_pages_as_a_clean_build_does() {
    use crate::git_history::git;
    let an = ("An Peeters", "an.peeters@example.org");
    let site = Site::example();
    // example-site turns its history off (it lives in kennis's repository); this copy is
    // a repository of its own, whose history it reads.
    let site_yaml = std::fs::read_to_string(site.root.join("site.yaml")).expect("site.yaml");
    let with_history = site_yaml.replace("git:\n  history: false\n", "");
    assert_ne!(site_yaml, with_history, "example-site says `git: {{ history: false }}`");
    std::fs::write(site.root.join("site.yaml"), with_history).expect("site.yaml written");
    git(&site.root, an, "2025-01-10T09:00:00+01:00", &["init", "-q"]);
    git(&site.root, an, "2025-01-10T09:00:00+01:00", &["add", "-A"]);
    git(&site.root, an, "2025-01-10T09:00:00+01:00", &["commit", "-qm", "site"]);
    let mut preview = Preview::start(&site);

    // A page not committed yet: dated by its file time, credited to the configured user.
    let new_post = "posts/nog-niet-gecommit.md";
    std::fs::write(site.content(new_post), "---\ntitle: Nog niet gecommit\n---\nText.\n").expect("new post");
    preview.reread(&[new_post]);
    assert_same_as_clean_build(&site, &preview, "uncommitted page");

    // Committed by someone else, later, in another time zone: git's date and person now.
    let bram = ("Bram Maes", "bram@example.org");
    git(&site.root, bram, "2025-02-03T16:30:00-05:00", &["add", "-A"]);
    git(&site.root, bram, "2025-02-03T16:30:00-05:00", &["commit", "-qm", "post"]);
    preview.reread(&[new_post]);
    assert_same_as_clean_build(&site, &preview, "page committed");
    let site = &preview.kept.built.site;
    let date = site.page(site.by_source[&path(new_post)]).date.expect("a date from git");
    assert_eq!(date.rfc3339(), "2025-02-03T16:30:00-05:00", "on the committer's clock");
}
