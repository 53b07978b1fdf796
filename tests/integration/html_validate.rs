//! Every page of example-site and of the starter site through a real HTML validator:
//! html-validate with its recommended rules (`tests/js/htmlvalidate.cjs` says which are
//! changed and why), no errors in what kennis and its default theme write. `#[ignore]`d
//! like the browser tests, since it needs Node.js and npm; CI runs it with `--include-ignored`.
//!
//! [`node_modules`] installs `tests/js` with `npm ci` the first time a test run needs it,
//! so `cargo test -- --include-ignored` works on a fresh machine.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

/// `tests/js`: the package.json and package-lock.json of the HTML checks.
fn js_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js")
}

/// `tests/js/node_modules`, installed with `npm ci` when it is missing or older than
/// `package-lock.json`: once per test run, under a file lock so that test binaries
/// running at the same time do not install over each other. Panics with what to do
/// when npm is missing or the install fails; never skips.
pub(crate) fn node_modules() -> &'static Path {
    static INSTALLED: OnceLock<PathBuf> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let folder = js_folder();
        let lock = File::create(folder.join(".install.lock")).expect("tests/js/.install.lock can be written");
        lock.lock().expect("the lock on tests/js/.install.lock");
        let modules = folder.join("node_modules");
        if !installed(&folder) {
            let npm = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--prefix"])
                .arg(&folder)
                .output()
                .unwrap_or_else(|error| {
                    panic!(
                        "the HTML checks need Node.js and npm, which could not be run ({error}): \
                         install them (apt-get install nodejs npm) and run the tests again"
                    )
                });
            assert!(
                npm.status.success(),
                "`npm ci --prefix tests/js` failed:\n{}{}",
                String::from_utf8_lossy(&npm.stdout),
                String::from_utf8_lossy(&npm.stderr)
            );
        }
        modules
    })
}

/// Whether `npm ci` already installed the locked packages: npm writes
/// `node_modules/.package-lock.json` last, so it is there and newer than the lock file.
fn installed(folder: &Path) -> bool {
    let modified = |path: PathBuf| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    match (
        modified(folder.join("node_modules/.package-lock.json")),
        modified(folder.join("package-lock.json")),
    ) {
        (Some(installed), Some(locked)) => installed >= locked,
        _ => false,
    }
}

/// The site in `folder` of this repository (`example-site`, `starter`) built into a
/// temporary folder.
fn built(folder: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let output = dir.path().join("public");
    let options = kennis::BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).join(folder),
        output: Some(output.clone()),
        include_drafts: false,
        base_url: None,
        relative_urls: false,
    };
    kennis::build_site(&options).unwrap_or_else(|error| panic!("{folder} builds: {error}"));
    (dir, output)
}

/// Every `.html` file under `root`, relative to it, sorted.
fn html_files(root: &Path) -> Vec<String> {
    fn walk(root: &Path, folder: &Path, files: &mut Vec<String>) {
        for entry in std::fs::read_dir(folder).expect("a readable folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                walk(root, &path, files);
            } else if path.extension().is_some_and(|e| e == "html") {
                let relative = path.strip_prefix(root).expect("under the root");
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut files = Vec::new();
    walk(root, root, &mut files);
    files.sort();
    files
}

/// One page kind of example-site each: the validator sees all pages, and this makes sure
/// none of these kinds went missing from the build.
pub(crate) const PAGE_KINDS: [(&str, &str); 18] = [
    ("home", "index.html"),
    ("post", "posts/ci-pipeline-onder-de-tien-minuten/index.html"),
    ("question with answers", "questions/slow-query-after-postgres-upgrade/index.html"),
    ("wiki page", "wiki/tools/dev-setup/index.html"),
    ("wiki index", "wiki/index.html"),
    ("community", "communities/data-guild/index.html"),
    ("communities", "communities/index.html"),
    ("authors", "authors/index.html"),
    ("author", "authors/joris-de-vries/index.html"),
    ("tags", "tags/index.html"),
    ("a tag", "tags/onboarding/index.html"),
    ("posts list", "posts/index.html"),
    ("questions list", "questions/index.html"),
    ("unanswered questions", "questions/unanswered/index.html"),
    ("search", "search/index.html"),
    ("insights", "insights/index.html"),
    ("a community's insights", "communities/data-guild/insights/index.html"),
    ("404", "404.html"),
];

/// html-validate's findings as `page:line:column rule: message (at selector)`, one a line,
/// with each page's path relative to `folder`, the folder the validator ran in.
fn findings(report: &Value, folder: &Path) -> Vec<String> {
    let mut lines = Vec::new();
    for file in report.as_array().expect("html-validate's JSON is a list of files") {
        let path = Path::new(file["filePath"].as_str().unwrap_or("?"));
        let page = path.strip_prefix(folder).unwrap_or(path).display();
        for message in file["messages"].as_array().into_iter().flatten() {
            lines.push(format!(
                "{page}:{}:{} {}: {} (at `{}`)",
                message["line"],
                message["column"],
                message["ruleId"].as_str().unwrap_or("?"),
                message["message"].as_str().unwrap_or("?"),
                message["selector"].as_str().unwrap_or("")
            ));
        }
    }
    lines
}

/// Runs html-validate on `pages` (relative to `folder`) with kennis's configuration; its
/// JSON report goes to a file, since node may exit before a long report on stdout is out.
fn html_validate(modules: &Path, folder: &Path, pages: &[String]) -> (std::process::Output, Value) {
    let report_dir = tempfile::tempdir().expect("temporary folder");
    let report_file = report_dir.path().join("report.json");
    let run = Command::new("node")
        .arg(modules.join("html-validate/bin/html-validate.mjs"))
        .arg("--config")
        .arg(js_folder().join("htmlvalidate.cjs"))
        .arg("--formatter")
        .arg(format!("json={}", report_file.display()))
        .args(pages)
        .current_dir(folder)
        .output()
        .unwrap_or_else(|error| {
            panic!("`node` could not be run ({error}): install Node.js (apt-get install nodejs)")
        });
    let text = std::fs::read_to_string(&report_file).unwrap_or_else(|error| {
        panic!(
            "html-validate wrote no report ({error}):\n{}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        )
    });
    let report = if text.trim().is_empty() {
        Value::Array(Vec::new())
    } else {
        serde_json::from_str(&text)
            .unwrap_or_else(|error| panic!("html-validate's report is not JSON ({error})"))
    };
    (run, report)
}

/// Builds the site in `folder` and runs html-validate on every page: no findings.
fn passes_html_validate(folder: &str, kinds: &[(&str, &str)]) {
    let modules = node_modules();
    let (_dir, output) = built(folder);
    let pages = html_files(&output);
    for (kind, page) in kinds {
        assert!(pages.iter().any(|p| p == page), "{folder} has no {kind} page at {page}");
    }
    let (run, report) = html_validate(modules, &output, &pages);
    let found = findings(&report, &output);
    assert!(
        found.is_empty(),
        "html-validate found {} problem(s) in {} pages of {folder}:\n{}",
        found.len(),
        pages.len(),
        found.join("\n")
    );
    assert!(
        run.status.success(),
        "html-validate failed without reporting a page:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
#[ignore = "needs Node.js and npm; run with --include-ignored"]
fn every_page_of_the_example_site_passes_html_validate() {
    passes_html_validate("example-site", &PAGE_KINDS);
}

#[test]
#[ignore = "needs Node.js and npm; run with --include-ignored"]
fn every_page_of_the_starter_site_passes_html_validate() {
    // What `kennis init` writes: the first site a new user sees.
    passes_html_validate("starter", &[("home", "index.html"), ("404", "404.html")]);
}

#[test]
#[ignore = "needs Node.js and npm; run with --include-ignored"]
fn the_validator_reports_the_page_rule_and_element() {
    // A test of the check itself: an inline style and an aria-label on a list are found,
    // with the page, the line and the element, so a failure above says what to fix.
    let modules = node_modules();
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(
        dir.path().join("bad.html"),
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Bad</title>\n</head>\n\
         <body>\n<main>\n<ul class=\"tags\" aria-label=\"Tags\"><li style=\"color: red\">x</li></ul>\n</main>\n\
         </body>\n</html>\n",
    )
    .expect("bad.html is written");
    let (run, report) = html_validate(modules, dir.path(), &["bad.html".to_owned()]);
    assert!(!run.status.success(), "html-validate exits non-zero on errors");
    assert_eq!(
        findings(&report, dir.path()),
        [
            "bad.html:9:18 aria-label-misuse: \"aria-label\" cannot be used on this element (at `html > body > main > ul`)",
            "bad.html:9:40 no-inline-style: Inline style is not allowed (at `html > body > main > ul > li`)",
        ]
    );
}
