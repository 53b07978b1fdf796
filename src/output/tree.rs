//! The rules every output sink keeps: which paths a site may write, once each, and real folders below the root.
//!
//! A sink on disk ([`Staging`](super::Staging), [`FolderUpdate`](super::FolderUpdate))
//! writes below one root folder, the guard's resolved path. Nothing below that root is
//! followed through a symbolic link: a link found where a folder is to be made is
//! removed (the link, never what it leads to), so a link planted in a reused or kept
//! folder cannot lead a write or a deletion out of it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rustc_hash::FxHashSet;

use crate::error::{Error, Result};
use crate::output::marker::MARKER;
use crate::paths::OutputPath;

/// The outputs one pass wrote, so that a second write to a path is refused. FxHash: the
/// paths are the site's own, and every file written asks.
#[derive(Debug, Default)]
pub(crate) struct WrittenPaths(Mutex<FxHashSet<String>>);

impl WrittenPaths {
    /// Records `path` as written, refusing kennis's marker and a path written before.
    pub(crate) fn claim(&self, path: &OutputPath) -> Result<()> {
        if path.as_str() == MARKER {
            return Err(marker_refused());
        }
        let first_time = self.0.lock().map(|mut written| written.insert(path.as_str().to_owned()));
        if matches!(first_time, Ok(false)) {
            return Err(Error::written_twice(path.as_str()));
        }
        Ok(())
    }

    pub(crate) fn into_inner(self) -> FxHashSet<String> {
        self.0.into_inner().unwrap_or_default()
    }
}

/// The error for a site that would write kennis's marker.
pub(crate) fn marker_refused() -> Error {
    Error::Usage(format!(
        "`{MARKER}` would be written by the site, but it is the file by which kennis knows its own \
         output folder; rename the file in `static/`"
    ))
}

/// A root folder on disk that a sink writes below, making real folders as it goes.
#[derive(Debug)]
pub(crate) struct WriteTree {
    root: PathBuf,
    /// Whether the root was created empty by this build: then a folder below it is made
    /// before it is looked at, which saves looking at each folder a fresh build makes.
    fresh: bool,
    /// Folders below the root known to be real folders (created or checked). FxHash: the
    /// paths are the site's own, and this set is asked once for every file written.
    real_dirs: Mutex<FxHashSet<PathBuf>>,
    written: WrittenPaths,
}

impl WriteTree {
    /// `root` is a resolved path the guard allowed; it exists and is a real folder.
    pub(crate) fn new(root: &Path) -> WriteTree {
        let mut real_dirs = FxHashSet::default();
        real_dirs.insert(root.to_path_buf());
        WriteTree {
            root: root.to_path_buf(),
            fresh: false,
            real_dirs: Mutex::new(real_dirs),
            written: WrittenPaths::default(),
        }
    }

    /// As [`WriteTree::new`], for a root this build created empty itself.
    pub(crate) fn new_fresh(root: &Path) -> WriteTree {
        WriteTree { fresh: true, ..WriteTree::new(root) }
    }

    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// Where `path` is written: claimed for this pass, its folders made real.
    pub(crate) fn target(&self, path: &OutputPath) -> Result<PathBuf> {
        self.written.claim(path)?;
        let target = self.root.join(path.as_str());
        if let Some(dir) = target.parent() {
            self.make_real_dir(dir)?;
        }
        Ok(target)
    }

    /// Every output this pass wrote, by its path from the root.
    pub(crate) fn into_written(self) -> FxHashSet<String> {
        self.written.into_inner()
    }

    /// Forgets what is known about folders, after some were removed.
    pub(crate) fn forget_folders(&mut self) {
        if let Ok(dirs) = self.real_dirs.get_mut() {
            dirs.retain(|dir| dir == &self.root);
        }
    }

    /// Makes `dir` (below the root) a real folder, its parents first: a file in the way
    /// (a page that became a folder) or a link is removed, never followed.
    fn make_real_dir(&self, dir: &Path) -> Result<()> {
        let known = |dir: &Path| self.real_dirs.lock().map(|dirs| dirs.contains(dir)).unwrap_or(false);
        if known(dir) {
            return Ok(());
        }
        if !dir.starts_with(&self.root) {
            // Output paths hold no `..`, so this is a bug; never create folders elsewhere.
            return Err(Error::Usage(format!(
                "refusing to create `{}` outside the folder `{}`",
                dir.display(),
                self.root.display()
            )));
        }
        if let Some(parent) = dir.parent() {
            self.make_real_dir(parent)?;
        }
        let write_error = |source| Error::Write { path: dir.to_path_buf(), source };
        // Below a fresh root most folders are new: made first, they need no look. `mkdir`
        // never follows a link at its last part, and whatever is there already (a file this
        // build wrote, a folder another thread made) is looked at as below.
        let made = self.fresh
            && match std::fs::create_dir(dir) {
                Ok(()) => true,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => false,
                Err(source) => return Err(write_error(source)),
            };
        if !made {
            match std::fs::symlink_metadata(dir) {
                Ok(metadata) if metadata.is_dir() => {}
                Ok(_) => {
                    remove_file_or_link(dir)?;
                    create_dir_if_absent(dir)?;
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_dir_if_absent(dir)?,
                Err(source) => return Err(write_error(source)),
            }
        }
        if let Ok(mut dirs) = self.real_dirs.lock() {
            dirs.insert(dir.to_path_buf());
        }
        Ok(())
    }
}

/// `create_dir`, where a folder another thread created first is fine.
fn create_dir_if_absent(dir: &Path) -> Result<()> {
    match std::fs::create_dir(dir) {
        Err(e)
            if e.kind() == std::io::ErrorKind::AlreadyExists
                && std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) =>
        {
            Ok(())
        }
        result => result.map_err(|source| Error::Write { path: dir.to_path_buf(), source }),
    }
}

/// Removes the file or link at `path`, never a folder: another thread may have put a
/// folder with freshly written pages there since `path` was looked at.
fn remove_file_or_link(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) => Ok(()),
        Err(source) => Err(Error::Write { path: path.to_path_buf(), source }),
    }
}

/// Removes a file, a link (not what it points to) or a real folder with what is in it.
pub(crate) fn remove_entry(path: &Path) -> Result<()> {
    let removed = match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) => Err(e),
    };
    match removed {
        // Another thread got there first.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        result => result.map_err(|source| Error::Write { path: path.to_path_buf(), source }),
    }
}

/// Whether the plain file at `target` (not a link) holds exactly `bytes`.
pub(crate) fn holds_bytes(target: &Path, bytes: &[u8]) -> bool {
    std::fs::symlink_metadata(target).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && std::fs::read(target).is_ok_and(|old| old == bytes)
}

/// Whether the plain file at `target` (not a link) holds the same bytes as the file `from`.
pub(crate) fn holds_copy_of(target: &Path, from: &Path) -> bool {
    let Ok(existing) = std::fs::symlink_metadata(target) else { return false };
    existing.is_file()
        && std::fs::metadata(from).is_ok_and(|m| m.len() == existing.len())
        && std::fs::read(from).is_ok_and(|new| std::fs::read(target).is_ok_and(|old| old == new))
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::symlink;

    use super::*;

    fn output(path: &str) -> OutputPath {
        OutputPath::new(path).unwrap()
    }

    /// A root folder to write below and a folder outside it, in a temporary folder.
    fn place() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let temp = tempfile::tempdir().unwrap();
        let top = temp.path().canonicalize().unwrap();
        let (root, outside) = (top.join("root"), top.join("outside"));
        std::fs::create_dir(&root).unwrap();
        std::fs::create_dir(&outside).unwrap();
        (temp, root, outside)
    }

    #[test]
    fn a_fresh_tree_makes_the_folders_of_a_path_and_remembers_them() {
        let (_temp, root, _) = place();
        let tree = WriteTree::new_fresh(&root);
        let target = tree.target(&output("posts/2024/hello/index.html")).unwrap();
        assert_eq!(target, root.join("posts/2024/hello/index.html"));
        std::fs::write(&target, "hello").unwrap();
        let second = tree.target(&output("posts/2024/index.html")).unwrap();
        std::fs::write(second, "list").unwrap();
        let folder = std::fs::symlink_metadata(root.join("posts/2024")).unwrap();
        assert!(folder.is_dir() && !folder.file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(root.join("posts/2024/hello/index.html")).unwrap(), "hello");
    }

    #[test]
    fn a_link_where_a_folder_goes_is_never_followed_in_a_fresh_tree_or_a_kept_one() {
        for fresh in [true, false] {
            let (_temp, root, outside) = place();
            // Folders that are there (a link, a file) are looked at even in a fresh tree,
            // where a folder is made before it is looked at.
            symlink(&outside, root.join("posts")).unwrap();
            std::fs::write(root.join("tags"), "a file where a folder goes").unwrap();
            let tree = if fresh { WriteTree::new_fresh(&root) } else { WriteTree::new(&root) };
            std::fs::write(tree.target(&output("posts/hello/index.html")).unwrap(), "hello").unwrap();
            std::fs::write(tree.target(&output("tags/rust/index.html")).unwrap(), "rust").unwrap();
            assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "nothing was written outside");
            for folder in ["posts", "tags"] {
                let metadata = std::fs::symlink_metadata(root.join(folder)).unwrap();
                assert!(metadata.is_dir() && !metadata.file_type().is_symlink(), "{folder} (fresh: {fresh})");
            }
            assert_eq!(std::fs::read_to_string(root.join("posts/hello/index.html")).unwrap(), "hello");
        }
    }
}
