//! A workbench of sentinel files around a site, to build with odd `--output` spellings and
//! then check that nothing kennis must not touch was changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

use crate::support::Ran;

/// How deep the workbench sits in its temporary folder: deeper than the longest spelling
/// the property test composes has `..`s, so that no spelling leads out of the folder.
const DEPTH: [&str; 6] = ["d1", "d2", "d3", "d4", "d5", "d6"];

/// A folder `w/` with a site (`w/site/`), a foreign folder with files (`w/foreign/`) and
/// symbolic links between them; every file in it is a sentinel.
pub struct Bench {
    _temp: TempDir,
    /// The temporary folder everything is in: no build may write above it.
    pub top: PathBuf,
    /// The workbench, resolved (the current folder of the builds).
    pub w: PathBuf,
    sentinels: BTreeMap<PathBuf, Vec<u8>>,
}

impl Bench {
    pub fn new() -> Bench {
        let temp = tempfile::tempdir().expect("temporary folder");
        let top = temp.path().canonicalize().expect("the temporary folder resolves");
        let w = DEPTH.iter().fold(top.clone(), |path, part| path.join(part)).join("w");
        let bench = Bench { _temp: temp, top, w, sentinels: BTreeMap::new() };
        bench.write("site/site.yaml", "title: Guarded\nbase_url: https://intranet.example.org/\n");
        bench.write("site/content/posts/a.md", "---\ntitle: A\n---\n\nText of a.\n");
        bench.write("site/static/s.txt", "a static file\n");
        bench.write("site/templates/notes.txt", "not a template anyone uses\n");
        bench.write("site/authors/an.yaml", "name: An Peeters\n");
        bench.write("site/important.txt", "the writer's own notes\n");
        bench.write("foreign/notes.txt", "someone else's folder\n");
        bench.link("site", "to-site");
        bench.link("site/content", "to-content");
        bench.link("site/static", "to-static");
        bench.link("..", "to-parent");
        bench.link("w", "../w-link");
        bench.record_sentinels()
    }

    /// Writes a file below `w/`, creating its folders.
    pub fn write(&self, relative: &str, text: &str) {
        let path = self.w.join(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
        std::fs::write(path, text).expect("write a sentinel");
    }

    /// Makes `w/<name>` a symbolic link to `target` (relative to the link's folder).
    pub fn link(&self, target: &str, name: &str) {
        let link = self.w.join(name);
        std::fs::create_dir_all(link.parent().expect("a parent")).expect("folders");
        std::os::unix::fs::symlink(target, link).expect("symbolic link");
    }

    /// Takes every file now below the temporary folder as a sentinel.
    pub fn record_sentinels(mut self) -> Bench {
        self.sentinels = files_below(&self.top);
        self
    }

    /// Runs `kennis ARGS` with `w/` as the current folder.
    pub fn kennis(&self, args: &[&str]) -> Ran {
        let output = Command::new(env!("CARGO_BIN_EXE_kennis"))
            .args(args)
            .current_dir(&self.w)
            .output()
            .expect("run kennis");
        Ran(output)
    }

    /// `w/<relative>` as kennis names it in messages.
    pub fn at(&self, relative: &str) -> String {
        self.w.join(relative).display().to_string()
    }

    /// Asserts that every sentinel is still there with its bytes, and that nothing was
    /// added to the folders the site reads.
    pub fn assert_intact(&self, context: &str) {
        let now = files_below(&self.top);
        for (path, bytes) in &self.sentinels {
            match now.get(path) {
                Some(found) if found == bytes => {}
                Some(_) => panic!("{context}: `{}` was changed", path.display()),
                None => panic!("{context}: `{}` is gone", path.display()),
            }
        }
        for folder in ["content", "static", "templates", "authors"] {
            let source = self.w.join("site").join(folder);
            let added: Vec<&PathBuf> =
                now.keys().filter(|p| p.starts_with(&source) && !self.sentinels.contains_key(*p)).collect();
            assert!(added.is_empty(), "{context}: files appeared in `{}`: {added:?}", source.display());
        }
    }

    /// Whether anything exists at `w/<relative>` (a link counts, even a dangling one).
    pub fn exists(&self, relative: &str) -> bool {
        std::fs::symlink_metadata(self.w.join(relative)).is_ok()
    }
}

/// Every regular file below `dir` with its bytes; symbolic links are not followed.
pub fn files_below(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return files };
    for entry in entries {
        let entry = entry.expect("folder entry");
        let kind = entry.file_type().expect("file type");
        if kind.is_dir() {
            files.extend(files_below(&entry.path()));
        } else if kind.is_file() {
            files.insert(entry.path(), std::fs::read(entry.path()).expect("read a file"));
        }
    }
    files
}
