//! The `kennis` binary: exit codes, messages on standard error, `init`, `new` and help texts.

use std::path::Path;

use crate::support::{SiteTest, fixtures, kennis, shown};

fn path(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

fn today() -> String {
    jiff::Zoned::now().date().to_string()
}

#[test]
fn build_succeeds_with_exit_code_0_and_a_closing_line() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    let root = fixtures().join("basic/blog");
    let ran = kennis(&["build", "--root", path(&root), "--output", path(&output)]);
    ran.exits_with(0);
    let stderr = ran.stderr();
    let expected_start = format!("built 3 pages into `{}` in ", shown(&output));
    assert!(stderr.starts_with(&expected_start) && stderr.ends_with("s\n"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(ran.stdout().is_empty(), "build prints nothing on standard output: {}", ran.stdout());
    assert!(output.join("posts/hello/index.html").is_file());
}

#[test]
fn the_closing_line_counts_one_page_in_the_singular() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    let root = fixtures().join("bundles/post-bundle");
    let ran = kennis(&["build", "--root", path(&root), "--output", path(&output)]);
    ran.exits_with(0);
    let expected_start = format!("built 1 page into `{}` in ", shown(&output));
    assert!(ran.stderr().starts_with(&expected_start), "{}", ran.stderr());
}

#[test]
fn build_reports_warnings_and_counts_them() {
    let out = tempfile::tempdir().unwrap();
    let root = fixtures().join("invalid/typo-field");
    let ran = kennis(&["build", "--root", path(&root), "--output", path(&out.path().join("o"))]);
    ran.exits_with(0);
    let stderr = ran.stderr();
    assert!(
        stderr.starts_with(
            "warning: content/wiki/setup.md:2:1: unknown field `tittle`, did you mean `title`?\n  \
             = help: rename it to `title`; unknown fields are only passed to templates as `extra`\nbuilt "
        ),
        "{stderr}"
    );
    assert!(stderr.ends_with(" with 1 warning\n"), "{stderr}");
}

#[test]
fn content_errors_exit_with_code_1_and_list_every_problem() {
    let out = tempfile::tempdir().unwrap();
    let root = fixtures().join("invalid/several");
    let output = out.path().join("o");
    let ran = kennis(&["build", "--root", path(&root), "--output", path(&output)]);
    ran.exits_with(1);
    assert_eq!(ran.stderr(), SiteTest::new("invalid/several").build_fails());
    assert!(ran.stderr().ends_with("error: found 4 errors in 3 files\n"));
    assert!(!output.exists());
}

#[test]
fn a_missing_site_is_a_usage_error_with_code_2() {
    let empty = tempfile::tempdir().unwrap();
    let ran = kennis(&["build", "--root", path(empty.path())]);
    ran.exits_with(2);
    assert_eq!(
        ran.stderr(),
        format!(
            "error: no `site.yaml` in `{}`: run `kennis init` to start a site, or pass `--root DIR`\n",
            empty.path().display()
        )
    );
}

#[test]
fn a_refused_output_folder_exits_with_code_2() {
    let site = SiteTest::copy("basic/blog");
    let ran = kennis(&["build", "--root", path(site.root()), "--output", path(&site.root().join("content"))]);
    ran.exits_with(2);
    assert!(ran.stderr().starts_with("error: refusing to write to `"), "{}", ran.stderr());
}

#[test]
fn an_unknown_option_exits_with_code_2() {
    let ran = kennis(&["build", "--no-such-option"]);
    ran.exits_with(2);
    assert!(ran.stderr().contains("--no-such-option"), "{}", ran.stderr());
}

#[test]
fn init_writes_a_site_that_builds_without_warnings() {
    let place = tempfile::tempdir().unwrap();
    let root = place.path().join("site");
    let ran = kennis(&["init", path(&root)]);
    ran.exits_with(0);
    assert_eq!(
        ran.stderr(),
        format!("created a starter site in `{0}`\nnext: kennis build --root {0}\n", root.display())
    );
    assert!(root.join("site.yaml").is_file());

    let output = place.path().join("out");
    let built = kennis(&["build", "--root", path(&root), "--output", path(&output)]);
    built.exits_with(0);
    assert!(!built.stderr().contains("warning"), "{}", built.stderr());
    assert!(output.join("index.html").is_file());

    let (_, report) = kennis::build_site(&kennis::BuildOptions {
        root: root.clone(),
        output: Some(place.path().join("out2")),
        ..Default::default()
    })
    .expect("the starter builds through the library too");
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn init_refuses_a_folder_that_holds_a_site() {
    let place = tempfile::tempdir().unwrap();
    let root = place.path().join("site");
    kennis(&["init", path(&root)]).exits_with(0);
    std::fs::write(root.join("site.yaml"), "title: Mine\n").unwrap();
    let again = kennis(&["init", path(&root)]);
    again.exits_with(2);
    assert_eq!(
        again.stderr(),
        format!(
            "error: `{}` already holds a site (it has `site.yaml` or `content/`); choose an empty folder\n",
            root.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(root.join("site.yaml")).unwrap(),
        "title: Mine\n",
        "nothing overwritten"
    );
}

/// A starter site in a temporary folder, for `kennis new`.
fn starter() -> (tempfile::TempDir, std::path::PathBuf) {
    let place = tempfile::tempdir().unwrap();
    let root = place.path().join("site");
    kennis(&["init", path(&root)]).exits_with(0);
    (place, root)
}

#[test]
fn new_post_writes_front_matter_and_the_site_still_builds() {
    let (place, root) = starter();
    let ran = kennis(&[
        "new",
        "post",
        "Lessons from the hackathon",
        "--root",
        path(&root),
        "--author",
        "you",
        "--community",
        "learning",
    ]);
    ran.exits_with(0);
    let file = root.join("content/posts/lessons-from-the-hackathon.md");
    assert_eq!(ran.stderr(), format!("wrote `{}`\n", file.display()));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        format!(
            "---\ntitle: \"Lessons from the hackathon\"\ndate: {}\nauthors: [you]\ncommunity: learning\ntags: []\n---\n\n\
             Write here. The first paragraph becomes the summary.\n",
            today()
        )
    );
    let output = place.path().join("out");
    kennis(&["build", "--root", path(&root), "--output", path(&output)]).exits_with(0);
    let html = std::fs::read_to_string(output.join("posts/lessons-from-the-hackathon/index.html")).unwrap();
    assert!(html.contains("<h1 class=\"page-title\">Lessons from the hackathon</h1>"), "{html}");

    let again =
        kennis(&["new", "post", "Lessons from the hackathon", "--root", path(&root), "--author", "you"]);
    again.exits_with(2);
    assert!(again.stderr().contains("exists already"), "{}", again.stderr());
}

#[test]
fn new_post_with_quotes_in_the_title_still_builds() {
    let (place, root) = starter();
    kennis(&["new", "post", "Why \"done\" isn't: done", "--root", path(&root), "--author", "you"])
        .exits_with(0);
    let output = place.path().join("out");
    kennis(&["build", "--root", path(&root), "--output", path(&output)]).exits_with(0);
    let html = std::fs::read_to_string(output.join("posts/why-done-isn-t-done/index.html")).unwrap();
    assert!(html.contains("<h1 class=\"page-title\">Why &quot;done&quot; isn&#39;t: done</h1>"), "{html}");
}

#[test]
fn new_answer_adds_a_file_to_the_question_and_it_is_shown() {
    let (place, root) = starter();
    let ran =
        kennis(&["new", "answer", "how-do-we-share-what-we-learn", "--root", path(&root), "--author", "you"]);
    ran.exits_with(0);
    let file =
        root.join(format!("content/questions/how-do-we-share-what-we-learn/answers/you-{}.md", today()));
    assert_eq!(ran.stderr(), format!("wrote `{}`\n", file.display()));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        format!("---\nauthors: [you]\ndate: {}\n---\n\nWrite your answer here.\n", today())
    );
    let output = place.path().join("out");
    kennis(&["build", "--root", path(&root), "--output", path(&output)]).exits_with(0);
    let html =
        std::fs::read_to_string(output.join("questions/how-do-we-share-what-we-learn/index.html")).unwrap();
    assert!(html.contains(&format!("<article id=\"answer-you-{}\"", today())), "{html}");
    assert!(html.contains("Write your answer here."), "{html}");
}

#[test]
fn new_answer_to_a_missing_question_is_refused() {
    let (_place, root) = starter();
    let ran = kennis(&["new", "answer", "no-such-question", "--root", path(&root), "--author", "you"]);
    ran.exits_with(2);
    assert_eq!(
        ran.stderr(),
        format!(
            "error: no `{}` or `{}`; give the slug of an existing questions page\n",
            root.join("content/questions/no-such-question/index.md").display(),
            root.join("content/questions/no-such-question.md").display()
        )
    );
}

#[test]
fn new_with_an_unknown_author_is_refused() {
    let (_place, root) = starter();
    let ran = kennis(&["new", "post", "Something new", "--root", path(&root), "--author", "nobody"]);
    ran.exits_with(2);
    assert_eq!(
        ran.stderr(),
        "error: unknown author `nobody`: known authors are `you`; add `authors/nobody.yaml` first, or set \
         `unknown_authors: name` in site.yaml to name people who have no file\n"
    );
    assert!(!root.join("content/posts/something-new.md").exists());
}

#[test]
fn every_command_explains_itself_with_an_example() {
    for (command, example) in
        [("build", "kennis build --root"), ("init", "kennis init my-site"), ("new", "kennis new post \"")]
    {
        let ran = kennis(&[command, "--help"]);
        ran.exits_with(0);
        let help = ran.stdout();
        assert!(help.contains("Examples:") && help.contains(example), "`kennis {command} --help`:\n{help}");
    }
    let ran = kennis(&["--help"]);
    ran.exits_with(0);
    for command in ["build", "init", "new"] {
        assert!(ran.stdout().contains(command), "{}", ran.stdout());
    }
    assert!(ran.stdout().contains("Examples:"), "{}", ran.stdout());
}

#[test]
fn new_lists_the_kinds_it_writes_and_says_where_the_others_go() {
    let ran = kennis(&["new", "--help"]);
    ran.exits_with(0);
    let help = ran.stdout();
    assert!(help.contains("[possible values: post, question, answer, comment, community, wiki]"), "{help}");
    assert!(
        help.contains(
            "Sections (a folder's `_index.md`) and the home page (`content/index.md`) are written by hand."
        ),
        "{help}"
    );
    let ran = kennis(&["new", "blog", "Something", "--root", "."]);
    ran.exits_with(2);
    assert!(ran.stderr().starts_with("error: invalid value 'blog' for '<KIND>'\n"), "{}", ran.stderr());
    assert!(
        ran.stderr().contains("[possible values: post, question, answer, comment, community, wiki]"),
        "{}",
        ran.stderr()
    );
}

#[test]
fn new_section_and_home_are_refused_with_the_file_to_write_instead() {
    let (_place, root) = starter();
    let files_before = files_under(&root);
    let content = root.join("content");
    let ran = kennis(&["new", "section", "Tools", "--root", path(&root), "--author", "you"]);
    ran.exits_with(2);
    assert_eq!(
        ran.stderr(),
        format!(
            "error: `kennis new` does not write section pages: a section is a folder, and its page is the \
             folder's `_index.md` (for example `{}`); write that file by hand\n",
            content.join("wiki/tools/_index.md").display()
        )
    );
    let ran = kennis(&["new", "home", "Welcome", "--root", path(&root), "--author", "you"]);
    ran.exits_with(2);
    assert_eq!(
        ran.stderr(),
        format!(
            "error: `kennis new` does not write the home page: its introduction is `{}`; edit that file\n",
            content.join("index.md").display()
        )
    );
    assert_eq!(files_under(&root), files_before, "nothing was written");
}

fn files_under(root: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> =
        walkdir::WalkDir::new(root).into_iter().filter_map(Result::ok).map(|e| e.into_path()).collect();
    files.sort();
    files
}
