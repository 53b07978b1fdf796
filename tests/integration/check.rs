//! `kennis check`: every problem a build finds, without writing anything, for people
//! (rustc-style), machines (JSON) and GitHub (annotations); exit 1 only for errors.

use std::path::Path;

use serde_json::json;

use crate::support::{Ran, SiteTest, fixtures, json_problems, kennis, without_notes};

fn check(root: &Path, format: &str) -> Ran {
    let root = root.to_str().expect("fixture paths are UTF-8");
    kennis(&["check", "--root", root, "--format", format])
}

/// A site with one warning and three errors, two of them on one line after accented letters.
fn small_site() -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Check\nbase_url: https://intranet.example.org/\n");
    site.write(
        "content/wiki/setup.md",
        "---\ntitle: Set-up\ntittle: oops\n---\n\n## Install\n\nÜnïcode first: [broken](instal.md) and [[setp]].\n",
    );
    site.write(
        "content/wiki/tools.md",
        "---\ntitle: Tools\n---\n\n## Editors\n\n## Shells\n\nText.\n\nMore text.\n\nSee [editors](#editrs).\n",
    );
    site
}

#[test]
fn human_format_shows_rustc_style_blocks_with_the_source_line_and_a_caret() {
    let site = small_site();
    let ran = check(site.root(), "human");
    ran.exits_with(1);
    assert_eq!(
        without_notes(&ran.stdout()),
        "\
warning: unknown field `tittle`, did you mean `title`?
 --> content/wiki/setup.md:3:1
  |
3 | tittle: oops
  | ^
  = help: rename it to `title`; unknown fields are only passed to templates as `extra`

error: broken link `instal.md`: `content/wiki/instal.md` does not exist
 --> content/wiki/setup.md:8:16
  |
8 | Ünïcode first: [broken](instal.md) and [[setp]].
  |                ^
  = help: relative links are counted from the folder of the file they are in

error: broken link `[[setp]]`: no page has that slug or title
 --> content/wiki/setup.md:8:40
  |
8 | Ünïcode first: [broken](instal.md) and [[setp]].
  |                                        ^
  = help: did you mean `[[setup]]`?

error: broken link `#editrs`: no heading `#editrs` in `content/wiki/tools.md`
  --> content/wiki/tools.md:13:5
   |
13 | See [editors](#editrs).
   |     ^
   = help: did you mean `#editors`?

error: found 3 errors in 2 files
"
    );
    assert_eq!(ran.stderr(), "", "the report is on standard output only");
}

#[test]
fn json_format_is_an_array_of_every_problem() {
    let ran = check(&fixtures().join("invalid/broken-links"), "json");
    ran.exits_with(1);
    let printed: serde_json::Value = json_problems(&ran.stdout());
    let problem = |file: &str, line: u32, column: u32, message: &str, hint: &str| json!({"severity": "error", "file": file, "line": line, "column": column, "message": message, "hint": hint});
    let relative = "relative links are counted from the folder of the file they are in";
    assert_eq!(
        printed,
        json!([
            problem(
                "content/posts/welcome.md",
                11,
                1,
                "broken link `../wiki/rules.md`: `content/wiki/rules.md` does not exist",
                relative
            ),
            problem(
                "content/posts/welcome.md",
                11,
                35,
                "broken link `[[stup]]`: no page has that slug or title",
                "did you mean `[[setup]]`?"
            ),
            problem(
                "content/posts/welcome.md",
                13,
                18,
                "broken link `../wiki/setup.md#instal-the-tools`: no heading `#instal-the-tools` in \
                 `content/wiki/setup.md`",
                "did you mean `#install-the-tools`?"
            ),
            problem(
                "content/posts/welcome.md",
                15,
                1,
                "broken image `team.png`: `content/posts/team.png` does not exist",
                relative
            ),
            problem(
                "content/posts/welcome.md",
                15,
                31,
                "broken link `../wiki/lists.md`: `content/wiki/lists.md` does not exist",
                relative
            ),
            problem(
                "content/questions/editor-choice/answers/an-peeters.md",
                6,
                6,
                "broken link `../../../wiki/tools/editor.md`: `content/wiki/tools/editor.md` does not exist",
                "did you mean `../../../wiki/tools/editors.md`?"
            ),
            problem(
                "content/wiki/tools/editors.md",
                5,
                5,
                "broken link `setup#editr`: no heading `#editr` in `content/wiki/setup.md`",
                "did you mean `#editor`?"
            ),
            problem(
                "content/wiki/tools/editors.md",
                9,
                14,
                "broken link `../old-setup.md`: `content/wiki/old-setup.md` does not exist",
                "did you mean `../setup.md`?"
            ),
        ])
    );
}

#[test]
fn github_format_prints_one_annotation_per_problem() {
    let site = small_site();
    let ran = check(site.root(), "github");
    ran.exits_with(1);
    assert_eq!(
        without_notes(&ran.stdout()),
        "\
::warning file=content/wiki/setup.md,line=3,col=1::unknown field `tittle`, did you mean `title`?%0Ahelp: \
rename it to `title`; unknown fields are only passed to templates as `extra`
::error file=content/wiki/setup.md,line=8,col=16::broken link `instal.md`: `content/wiki/instal.md` does not \
exist%0Ahelp: relative links are counted from the folder of the file they are in
::error file=content/wiki/setup.md,line=8,col=40::broken link `[[setp]]`: no page has that slug or title%0Ahelp: \
did you mean `[[setup]]`?
::error file=content/wiki/tools.md,line=13,col=5::broken link `#editrs`: no heading `#editrs` in \
`content/wiki/tools.md`%0Ahelp: did you mean `#editors`?
"
    );
}

#[test]
fn broken_links_set_to_warn_are_github_warnings_and_exit_0() {
    let site = SiteTest::copy("invalid/broken-links");
    site.write(
        "site.yaml",
        "title: Broken links\nbase_url: https://intranet.example.org/\nlinks: { broken: warn }\n",
    );
    let ran = check(site.root(), "github");
    ran.exits_with(0);
    let stdout = without_notes(&ran.stdout());
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 8, "{stdout}");
    assert!(lines.iter().all(|l| l.starts_with("::warning file=")), "{stdout}");
    assert!(
        lines[0].starts_with(
            "::warning file=content/posts/welcome.md,line=11,col=1::broken link `../wiki/rules.md`"
        ),
        "{stdout}"
    );

    let json = check(site.root(), "json");
    json.exits_with(0);
    let printed = json_problems(&json.stdout());
    let severities: Vec<&str> =
        printed.as_array().expect("an array").iter().map(|p| p["severity"].as_str().expect("text")).collect();
    assert_eq!(severities, ["warning"; 8]);
}

#[test]
fn only_warnings_exit_0_and_still_show_them() {
    let ran = check(&fixtures().join("invalid/typo-fields"), "human");
    ran.exits_with(0);
    let stdout = without_notes(&ran.stdout());
    assert!(
        stdout.starts_with(
            "warning: unknown field `autor`, did you mean `author`?\n --> content/posts/typos.md:4:1\n  |\n\
             4 | autor: an-peeters\n  | ^\n"
        ),
        "{stdout}"
    );
    assert_eq!(stdout.matches("warning: ").count(), 4, "{stdout}");
    let closing = stdout.lines().last().unwrap_or_default();
    assert!(closing.starts_with("checked 1 page") && closing.ends_with(": no errors"), "{stdout}");
}

#[test]
fn one_page_is_counted_in_the_singular() {
    // As `kennis build` says "built 1 page".
    let ran = check(&fixtures().join("invalid/typo-fields"), "human");
    ran.exits_with(0);
    let stdout = without_notes(&ran.stdout());
    assert!(stdout.ends_with("\nchecked 1 page: no errors\n"), "{stdout}");
}

#[test]
fn a_clean_site_prints_one_line_and_exits_0() {
    let root = fixtures().join("links/resolution");
    let ran = check(&root, "human");
    ran.exits_with(0);
    assert_eq!(without_notes(&ran.stdout()), "checked 8 pages: no errors\n");
    let json = check(&root, "json");
    json.exits_with(0);
    assert_eq!(json_problems(&json.stdout()), json!([]));
    let github = check(&root, "github");
    github.exits_with(0);
    assert_eq!(without_notes(&github.stdout()), "");
}

#[test]
fn human_is_the_default_format() {
    let site = small_site();
    let root = site.root().to_str().expect("UTF-8");
    let ran = kennis(&["check", "--root", root]);
    ran.exits_with(1);
    assert_eq!(without_notes(&ran.stdout()), without_notes(&check(site.root(), "human").stdout()));
}

#[test]
fn check_never_writes_anything() {
    for fixture in ["links/resolution", "invalid/broken-links"] {
        let site = SiteTest::copy(fixture);
        let before = listing(site.root());
        for format in ["human", "json", "github"] {
            check(site.root(), format);
        }
        assert!(!site.root().join("public").exists(), "`kennis check` made an output folder");
        assert_eq!(listing(site.root()), before, "`kennis check` changed the site folder");
    }
}

#[test]
fn the_example_site_checks_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
    let ran = check(&root, "human");
    ran.exits_with(0);
    let stdout = without_notes(&ran.stdout());
    assert!(
        stdout.starts_with("checked ")
            && stdout.ends_with(" pages: no errors\n")
            && stdout.lines().count() == 1,
        "{stdout}"
    );
    let json = check(&root, "json");
    json.exits_with(0);
    assert_eq!(json_problems(&json.stdout()), json!([]));
}

#[test]
fn checks_agree_with_the_build() {
    // What `kennis build` prints for a failed build, `kennis check` finds too, at the same places.
    let site = small_site();
    let built = without_notes(&site.build_fails());
    let ran = check(site.root(), "json");
    let printed = json_problems(&ran.stdout());
    let places: Vec<String> = printed
        .as_array()
        .expect("an array")
        .iter()
        .filter(|p| p["severity"] == "error")
        .map(|p| {
            format!(
                "error: {}:{}:{}: {}",
                p["file"].as_str().unwrap(),
                p["line"],
                p["column"],
                p["message"].as_str().unwrap()
            )
        })
        .collect();
    let build_lines: Vec<&str> = built.lines().filter(|l| l.starts_with("error: content/")).collect();
    assert_eq!(places, build_lines);
}

#[test]
fn a_missing_site_is_a_usage_error() {
    let empty = tempfile::tempdir().unwrap();
    let ran = check(empty.path(), "json");
    ran.exits_with(2);
    assert_eq!(ran.stdout(), "", "nothing on standard output for a usage error");
    assert!(ran.stderr().starts_with("error: no `site.yaml` in `"), "{}", ran.stderr());
}

#[test]
fn check_explains_itself_with_examples() {
    let ran = kennis(&["check", "--help"]);
    ran.exits_with(0);
    let help = ran.stdout();
    for text in ["Examples:", "kennis check --root", "--format", "human", "json", "github"] {
        assert!(help.contains(text), "`kennis check --help` lacks `{text}`:\n{help}");
    }
}

fn listing(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read folder") {
            let path = entry.expect("entry").path();
            files.push(path.strip_prefix(root).expect("below the root").display().to_string());
            if path.is_dir() {
                folders.push(path);
            }
        }
    }
    files.sort();
    files
}
