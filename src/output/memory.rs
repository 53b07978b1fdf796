//! A build kept in memory: every output file's bytes by its path, for `kennis serve` and for tests.
//!
//! [`MemorySink`] takes what rendering writes under the same rules as a build on disk
//! (one write per path in a pass, kennis's marker refused) and keeps it. A server can
//! answer requests from it; an update renders the affected outputs into a fresh sink
//! and moves them in with [`MemorySink::replace_from`]; tests compare it with a build
//! on disk with [`MemorySink::compare_with_folder`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::error::{Error, Result};
use crate::output::marker::MARKER;
use crate::output::tree::WrittenPaths;
use crate::paths::OutputPath;
use crate::render::OutputSink;

/// Every file a build wrote, in memory.
#[derive(Debug, Default)]
pub struct MemorySink {
    files: Mutex<BTreeMap<OutputPath, Arc<[u8]>>>,
    written: WrittenPaths,
}

/// How a folder on disk differs from a [`MemorySink`]; empty when they hold the same files.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FolderDifference {
    /// Files in memory that the folder lacks.
    pub only_in_memory: Vec<OutputPath>,
    /// Entries in the folder that memory lacks (links and other non-files too), relative
    /// to the folder. kennis's marker at the top is not counted.
    pub only_on_disk: Vec<PathBuf>,
    /// Files in both, with other bytes.
    pub different: Vec<OutputPath>,
}

impl FolderDifference {
    pub fn is_empty(&self) -> bool {
        self.only_in_memory.is_empty() && self.only_on_disk.is_empty() && self.different.is_empty()
    }
}

impl MemorySink {
    pub fn new() -> MemorySink {
        MemorySink::default()
    }

    fn files(&self) -> MutexGuard<'_, BTreeMap<OutputPath, Arc<[u8]>>> {
        // A thread that panicked while inserting left a whole map: no insert is half done.
        self.files.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The bytes of the file at `path`, if one was written there.
    pub fn read(&self, path: &OutputPath) -> Option<Arc<[u8]>> {
        self.files().get(path).cloned()
    }

    /// Every file's path, sorted.
    pub fn paths(&self) -> Vec<OutputPath> {
        self.files().keys().cloned().collect()
    }

    pub fn len(&self) -> usize {
        self.files().len()
    }

    pub fn is_empty(&self) -> bool {
        self.files().is_empty()
    }

    /// Removes the file at `path` (an output no longer produced); returns whether there was one.
    pub fn remove(&self, path: &OutputPath) -> bool {
        self.files().remove(path).is_some()
    }

    /// Takes every file of `update` (a later pass over some outputs), replacing files at
    /// the same paths and keeping the rest.
    pub fn replace_from(&self, update: MemorySink) {
        let new_files = update.files.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
        self.files().extend(new_files);
    }

    /// The paths whose files differ between this sink and `other` (held by one only, or with
    /// other bytes), sorted.
    pub fn differing_paths(&self, other: &MemorySink) -> Vec<OutputPath> {
        let mut paths = self.paths();
        paths.extend(other.paths());
        paths.sort_unstable();
        paths.dedup();
        paths.into_iter().filter(|path| self.read(path) != other.read(path)).collect()
    }

    /// Compares the files here with the folder `folder` on disk, file by file. Nothing
    /// there is followed through a symbolic link: a link is an entry memory lacks.
    pub fn compare_with_folder(&self, folder: &Path) -> Result<FolderDifference> {
        let mut on_disk = BTreeMap::new();
        list_files(folder, Path::new(""), &mut on_disk)?;
        let files = self.files();
        let mut difference = FolderDifference::default();
        for (path, bytes) in files.iter() {
            match on_disk.remove(Path::new(path.as_str())) {
                None => difference.only_in_memory.push(path.clone()),
                Some(DiskEntry::File) => {
                    let full = folder.join(path.as_str());
                    let disk = std::fs::read(&full).map_err(|source| Error::Read { path: full, source })?;
                    if disk != **bytes {
                        difference.different.push(path.clone());
                    }
                }
                Some(DiskEntry::Other) => {
                    difference.different.push(path.clone());
                }
            }
        }
        on_disk.remove(Path::new(MARKER));
        difference.only_on_disk = on_disk.into_keys().collect();
        Ok(difference)
    }
}

/// What a folder entry is, looked at without following a link.
enum DiskEntry {
    File,
    /// A link or anything else that is not a plain file.
    Other,
}

/// Lists every entry below `folder` that is not a folder, by its path relative to the top.
fn list_files(folder: &Path, relative: &Path, found: &mut BTreeMap<PathBuf, DiskEntry>) -> Result<()> {
    let dir = folder.join(relative);
    let read_error = |source| Error::Read { path: dir.clone(), source };
    for entry in std::fs::read_dir(&dir).map_err(read_error)? {
        let entry = entry.map_err(read_error)?;
        let kind = entry.file_type().map_err(read_error)?;
        let path = relative.join(entry.file_name());
        if kind.is_dir() {
            list_files(folder, &path, found)?;
        } else {
            found.insert(path, if kind.is_file() { DiskEntry::File } else { DiskEntry::Other });
        }
    }
    Ok(())
}

impl OutputSink for MemorySink {
    fn write(&self, path: &OutputPath, bytes: &[u8]) -> Result<()> {
        self.written.claim(path)?;
        self.files().insert(path.clone(), Arc::from(bytes));
        Ok(())
    }

    fn copy(&self, path: &OutputPath, from: &Path) -> Result<()> {
        self.written.claim(path)?;
        let bytes = std::fs::read(from).map_err(|source| Error::Read { path: from.to_path_buf(), source })?;
        self.files().insert(path.clone(), Arc::from(bytes));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(path: &str) -> OutputPath {
        OutputPath::new(path).unwrap()
    }

    #[test]
    fn written_and_copied_files_are_kept_by_path() {
        let temp = tempfile::tempdir().unwrap();
        let source = temp.path().join("logo.svg");
        std::fs::write(&source, "<svg/>").unwrap();
        let sink = MemorySink::new();
        sink.write(&output("posts/a/index.html"), b"<h1>A</h1>").unwrap();
        sink.copy(&output("images/logo.svg"), &source).unwrap();
        assert_eq!(sink.paths(), vec![output("images/logo.svg"), output("posts/a/index.html")]);
        assert_eq!(&*sink.read(&output("posts/a/index.html")).unwrap(), b"<h1>A</h1>");
        assert_eq!(&*sink.read(&output("images/logo.svg")).unwrap(), b"<svg/>");
        assert!(sink.read(&output("posts/b/index.html")).is_none());
        assert!(sink.remove(&output("images/logo.svg")));
        assert!(!sink.remove(&output("images/logo.svg")));
        assert_eq!(sink.paths(), vec![output("posts/a/index.html")]);
    }

    #[test]
    fn two_writes_to_one_path_and_the_marker_are_refused() {
        let sink = MemorySink::new();
        sink.write(&output("index.html"), b"first").unwrap();
        let error = sink.write(&output("index.html"), b"second").unwrap_err().to_string();
        assert!(error.contains("two things would be written to `index.html`"), "{error}");
        assert_eq!(&*sink.read(&output("index.html")).unwrap(), b"first");
        let error = sink.write(&output(MARKER), b"x").unwrap_err().to_string();
        assert!(error.contains("`.kennis-output` would be written by the site"), "{error}");
        assert!(sink.read(&output(MARKER)).is_none());
    }

    #[test]
    fn a_later_pass_replaces_only_its_own_files() {
        let kept = MemorySink::new();
        kept.write(&output("index.html"), b"home v1").unwrap();
        kept.write(&output("posts/a/index.html"), b"a v1").unwrap();
        let update = MemorySink::new();
        update.write(&output("index.html"), b"home v2").unwrap();
        update.write(&output("posts/b/index.html"), b"b v1").unwrap();
        kept.replace_from(update);
        assert_eq!(&*kept.read(&output("index.html")).unwrap(), b"home v2");
        assert_eq!(&*kept.read(&output("posts/a/index.html")).unwrap(), b"a v1");
        assert_eq!(&*kept.read(&output("posts/b/index.html")).unwrap(), b"b v1");
        assert_eq!(kept.len(), 3);
    }

    #[cfg(unix)]
    #[test]
    fn comparing_with_a_folder_names_every_difference() {
        let temp = tempfile::tempdir().unwrap();
        let folder = temp.path().join("public");
        std::fs::create_dir_all(folder.join("posts/a")).unwrap();
        std::fs::write(folder.join(MARKER), "marker").unwrap();
        std::fs::write(folder.join("index.html"), "home").unwrap();
        std::fs::write(folder.join("posts/a/index.html"), "old a").unwrap();
        std::fs::write(folder.join("stale.html"), "stale").unwrap();
        std::os::unix::fs::symlink(folder.join("index.html"), folder.join("feed.xml")).unwrap();
        let sink = MemorySink::new();
        sink.write(&output("index.html"), b"home").unwrap();
        sink.write(&output("posts/a/index.html"), b"new a").unwrap();
        sink.write(&output("feed.xml"), b"home").unwrap();
        sink.write(&output("tags/index.html"), b"tags").unwrap();
        let difference = sink.compare_with_folder(&folder).unwrap();
        assert_eq!(
            difference,
            FolderDifference {
                only_in_memory: vec![output("tags/index.html")],
                only_on_disk: vec![PathBuf::from("stale.html")],
                // The link has the right bytes behind it, but it is not a file of the build.
                different: vec![output("feed.xml"), output("posts/a/index.html")],
            }
        );
        std::fs::remove_file(folder.join("stale.html")).unwrap();
        std::fs::remove_file(folder.join("feed.xml")).unwrap();
        std::fs::write(folder.join("feed.xml"), "home").unwrap();
        std::fs::write(folder.join("posts/a/index.html"), "new a").unwrap();
        std::fs::create_dir_all(folder.join("tags")).unwrap();
        std::fs::write(folder.join("tags/index.html"), "tags").unwrap();
        assert!(sink.compare_with_folder(&folder).unwrap().is_empty());
    }
}
