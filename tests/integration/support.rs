//! A fluent helper for building fixture sites and asserting on what comes out.
//!
//! ```ignore
//! SiteTest::new("basic/blog").build().page("posts/hello/").contains("<h1");
//! let errors = SiteTest::new("invalid/unknown-author").build_fails();
//! ```
//! Every build writes into a fresh temporary folder, never into the fixture.

use std::path::{Path, PathBuf};
use std::process::{Command, Output as ProcessOutput};

use kennis::{BuildOptions, BuildReport};
use tempfile::TempDir;

/// The folder holding every fixture site.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A fixture site (or a temporary copy of one) and the options to build it with.
pub struct SiteTest {
    root: PathBuf,
    /// Holds a copied or generated site alive for as long as the test uses it.
    _copy: Option<TempDir>,
    include_drafts: bool,
    base_url: Option<String>,
    relative_urls: bool,
}

impl SiteTest {
    /// The fixture at `tests/fixtures/<name>`, built from a temporary copy: the fixture sits
    /// inside kennis's own repository, whose git history would otherwise date its pages.
    pub fn new(name: &str) -> SiteTest {
        SiteTest::copy(name)
    }

    /// A temporary copy of the fixture, so the test may change files before building.
    pub fn copy(name: &str) -> SiteTest {
        let source = fixtures().join(name);
        assert!(source.join("site.yaml").is_file(), "no fixture site at {}", source.display());
        let temp = tempfile::tempdir().expect("temporary folder");
        let root = temp.path().join("site");
        copy_dir(&source, &root);
        SiteTest { root, _copy: Some(temp), include_drafts: false, base_url: None, relative_urls: false }
    }

    /// An empty site in a temporary folder, to be filled with [`SiteTest::write`].
    pub fn empty() -> SiteTest {
        let temp = tempfile::tempdir().expect("temporary folder");
        let root = temp.path().join("site");
        std::fs::create_dir_all(&root).expect("site folder");
        SiteTest { root, _copy: Some(temp), include_drafts: false, base_url: None, relative_urls: false }
    }

    /// A site that already exists at `root` (a clone made by the test), built in place.
    pub fn at(root: &Path) -> SiteTest {
        SiteTest {
            root: root.to_path_buf(),
            _copy: None,
            include_drafts: false,
            base_url: None,
            relative_urls: false,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn drafts(mut self) -> SiteTest {
        self.include_drafts = true;
        self
    }

    pub fn base_url(mut self, url: &str) -> SiteTest {
        self.base_url = Some(url.to_owned());
        self
    }

    /// Builds as `kennis build --relative-urls` does.
    pub fn relative_urls(mut self) -> SiteTest {
        self.relative_urls = true;
        self
    }

    /// Writes a file of a copied site, creating its folders.
    pub fn write(&self, relative: &str, text: impl AsRef<[u8]>) -> &SiteTest {
        assert!(self._copy.is_some(), "only copied sites may be changed; use SiteTest::copy");
        let path = self.root.join(relative);
        std::fs::create_dir_all(path.parent().expect("a parent folder")).expect("folders");
        std::fs::write(&path, text).expect("write fixture file");
        self
    }

    /// Removes a file of a copied site.
    pub fn remove(&self, relative: &str) -> &SiteTest {
        assert!(self._copy.is_some(), "only copied sites may be changed; use SiteTest::copy");
        std::fs::remove_file(self.root.join(relative)).expect("remove fixture file");
        self
    }

    fn options(&self, output: &Path) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            output: Some(output.to_path_buf()),
            include_drafts: self.include_drafts,
            base_url: self.base_url.clone(),
            relative_urls: self.relative_urls,
        }
    }

    /// Builds into a fresh temporary folder; panics with kennis's own message on failure.
    pub fn build(&self) -> Built {
        let temp = tempfile::tempdir().expect("temporary folder");
        let output = temp.path().join("public");
        let report = self.build_into(&output).unwrap_or_else(|error| panic!("build failed:\n{error}"));
        Built { _temp: Some(temp), output, report }
    }

    /// Builds into `output`, which the caller owns; returns the report or the error text.
    pub fn build_into(&self, output: &Path) -> Result<BuildReport, String> {
        kennis::build_site(&self.options(output))
            .map(|(_, report)| report)
            .map_err(|e| kennis::commands::describe_error(&e))
    }

    /// Builds, expecting failure; returns the text `kennis build` prints for it.
    pub fn build_fails(&self) -> String {
        let temp = tempfile::tempdir().expect("temporary folder");
        let output = temp.path().join("public");
        match self.build_into(&output) {
            Ok(report) => panic!("expected the build to fail, but it built {} pages", report.pages),
            Err(text) => {
                assert!(!output.exists(), "a failed build must not create the output folder");
                text
            }
        }
    }
}

/// A finished build: its output folder and report.
pub struct Built {
    _temp: Option<TempDir>,
    pub output: PathBuf,
    pub report: BuildReport,
}

impl Built {
    /// The page at a site URL without its leading `/` (`posts/hello/`, `` for the home page).
    pub fn page(&self, url: &str) -> Output {
        let url = url.trim_start_matches('/');
        assert!(url.is_empty() || url.ends_with('/'), "page URLs end in `/`: {url}");
        self.file(&format!("{url}index.html"))
    }

    /// Any output file by its path in the output folder (`atom.xml`).
    pub fn file(&self, path: &str) -> Output {
        let full = self.output.join(path);
        let text = std::fs::read_to_string(&full).unwrap_or_else(|e| {
            panic!("cannot read `{path}` from the output ({e}); the output has:\n{}", self.listing())
        });
        Output { path: path.to_owned(), text }
    }

    pub fn has_file(&self, path: &str) -> bool {
        self.output.join(path).is_file()
    }

    pub fn has_page(&self, url: &str) -> bool {
        self.has_file(&format!("{}index.html", url.trim_start_matches('/')))
    }

    /// Asserts that there is no page at `url` (`posts/draft/`).
    pub fn lacks_page(&self, url: &str) -> &Built {
        assert!(!self.has_page(url), "expected no page at /{}", url.trim_start_matches('/'));
        self
    }

    /// Every file of the output, by its path relative to the output folder.
    pub fn files(&self) -> Vec<String> {
        let mut files = Vec::new();
        collect_files(&self.output, &self.output, &mut files);
        files.sort();
        files
    }

    /// The warnings as `kennis build` prints them.
    pub fn warnings(&self) -> Vec<String> {
        self.report.warnings.iter().map(|w| w.to_string()).collect()
    }

    /// The warnings without notes (`info: ...`, see [`without_notes`]).
    pub fn problems(&self) -> Vec<String> {
        self.warnings().into_iter().filter(|w| !w.starts_with("info: ")).collect()
    }

    fn listing(&self) -> String {
        self.files().join("\n")
    }
}

/// One output file's text, with assertions that show the file when they fail.
pub struct Output {
    pub path: String,
    pub text: String,
}

impl Output {
    pub fn contains(&self, expected: &str) -> &Output {
        assert!(
            self.text.contains(expected),
            "expected `{}` to contain\n  {expected}\nbut it is:\n{}",
            self.path,
            self.text
        );
        self
    }

    pub fn lacks(&self, unexpected: &str) -> &Output {
        assert!(
            !self.text.contains(unexpected),
            "expected `{}` not to contain\n  {unexpected}\nbut it is:\n{}",
            self.path,
            self.text
        );
        self
    }

    /// Asserts that each text occurs, each after the one before.
    pub fn contains_in_order(&self, expected: &[&str]) -> &Output {
        let mut from = 0;
        for text in expected {
            match self.text[from..].find(text) {
                Some(at) => from += at + text.len(),
                None => panic!(
                    "expected `{}` to contain, in this order,\n  {expected:#?}\nbut `{text}` is missing \
                     after the ones before it in:\n{}",
                    self.path, self.text
                ),
            }
        }
        self
    }

    pub fn count(&self, text: &str) -> usize {
        self.text.matches(text).count()
    }

    /// The part of the page inside `<main>`, to assert on content without the navigation.
    pub fn main(&self) -> Output {
        let start = self.text.find("<main").unwrap_or(0);
        let end = self.text.find("</main>").map_or(self.text.len(), |e| e + "</main>".len());
        Output { path: format!("{} <main>", self.path), text: self.text[start..end].to_owned() }
    }
}

fn collect_files(root: &Path, dir: &Path, files: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("read output folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            collect_files(root, &path, files);
        } else {
            let relative = path.strip_prefix(root).expect("below the root");
            files.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// Copies a folder recursively (fixtures are small).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create copy folder");
    for entry in std::fs::read_dir(from).expect("read fixture folder") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

/// Runs the real `kennis` binary.
pub fn kennis(args: &[&str]) -> Ran {
    let output = Command::new(env!("CARGO_BIN_EXE_kennis")).args(args).output().expect("run kennis");
    Ran(output)
}

/// A finished run of the binary.
pub struct Ran(pub ProcessOutput);

impl Ran {
    pub fn code(&self) -> i32 {
        self.0.status.code().expect("kennis exited with a code, not a signal")
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    /// Asserts the exit code, showing both streams when it differs.
    pub fn exits_with(&self, code: i32) -> &Ran {
        assert_eq!(
            self.code(),
            code,
            "unexpected exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
}

/// A path as kennis shows it in messages: absolute, symlinks resolved in the part that exists.
pub fn shown(path: &Path) -> String {
    let mut existing = path.to_path_buf();
    let mut missing = Vec::new();
    while !existing.exists() {
        missing.push(existing.file_name().expect("a file name").to_owned());
        existing.pop();
    }
    let mut resolved = existing.canonicalize().expect("an existing path resolves");
    resolved.extend(missing.iter().rev());
    resolved.display().to_string()
}

/// The text without notes about where dates and authors come from (`info: not a git
/// repository: ...`, `::notice::...`): what a test of links and references is not about.
/// Handles `kennis build`'s lines and `kennis check`'s human and GitHub formats.
pub fn without_notes(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut skipping_block = false;
    for line in text.split_inclusive('\n') {
        if line.starts_with("info: ") {
            // In `kennis check`'s human format a note is a block ending in an empty line.
            skipping_block = true;
            continue;
        }
        if line.starts_with("::notice::") {
            continue;
        }
        if skipping_block {
            if line == "\n" {
                skipping_block = false;
                continue;
            }
            if line.starts_with(' ') || line.starts_with('|') {
                continue;
            }
            skipping_block = false;
        }
        kept.push_str(line);
    }
    kept
}

/// `kennis check --format json` without its notes (severity `info`), parsed.
pub fn json_problems(stdout: &str) -> serde_json::Value {
    let parsed: serde_json::Value =
        serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"));
    let items = parsed.as_array().unwrap_or_else(|| panic!("not a JSON array:\n{stdout}"));
    serde_json::Value::Array(items.iter().filter(|p| p["severity"] != "info").cloned().collect())
}

/// The file (below `search/`, without `.js`) of the chunk meta lists as `key`, by the rule of
/// docs/search-format.md: bytes other than `a`–`z` and `0`–`9` as `_` and two hex digits, `-`
/// for an empty key. Keys whose name would pass 64 characters (named by hash) are not in the
/// fixtures.
pub fn search_chunk_file(key: &str) -> String {
    let mut name = String::new();
    for byte in key.bytes() {
        if byte.is_ascii_lowercase() || byte.is_ascii_digit() {
            name.push(char::from(byte));
        } else {
            name.push_str(&format!("_{byte:02x}"));
        }
    }
    assert!(name.len() <= 64, "chunk key `{key}` is named by its hash, which the tests do not compute");
    if name.is_empty() { "t/-".to_owned() } else { format!("t/{name}") }
}

/// Runs `node` with `args`, writes `input` (JSON) to its standard input, and returns what it
/// prints as JSON; `needed_for` says in the failure what the test needs Node.js for. A
/// missing `node` fails with what to install, never skips.
pub fn node_json(
    args: &[&std::ffi::OsStr],
    input: &serde_json::Value,
    needed_for: &str,
) -> serde_json::Value {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new("node")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| {
            panic!(
                "`node` could not be run ({error}): {needed_for} needs Node.js; install it \
                 (apt-get install nodejs) and run the tests again"
            )
        });
    let mut stdin = child.stdin.take().expect("node's stdin");
    stdin.write_all(input.to_string().as_bytes()).expect("writing to node");
    drop(stdin);
    let run = child.wait_with_output().expect("node's output");
    assert!(run.status.success(), "node failed:\n{}", String::from_utf8_lossy(&run.stderr));
    serde_json::from_slice(&run.stdout).unwrap_or_else(|error| {
        panic!("node printed no JSON ({error}):\n{}", String::from_utf8_lossy(&run.stdout))
    })
}
