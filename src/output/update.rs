//! Updating a kept output folder in place: some files written, some removed, the rest left alone.
//!
//! `kennis serve` keeps the built site and, after an edit, renders only the outputs the
//! edit affects. [`FolderUpdate`] writes those into the output folder itself, without
//! the staging folder and swap of a full build (which would remove every file the pass
//! did not write). Each file is written to a temporary file beside it and renamed over
//! it, so a reader (a browser, a web server) sees the old file or the new one, never
//! half of one. A file whose bytes are already right is left alone, its modification
//! time kept. Outputs a change no longer produces are removed one by one with
//! [`FolderUpdate::remove`].
//!
//! The folder is opened only where the guard allows a build to write and only when it
//! holds kennis's marker, and every path comes from the guard's resolved output folder:
//! nothing below it is followed through a symbolic link.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};
use crate::output::guard::OutputLocation;
use crate::output::marker::{self, Found, MARKER};
use crate::output::tree::{WriteTree, holds_bytes, holds_copy_of, remove_entry};
use crate::paths::OutputPath;
use crate::render::OutputSink;

/// How temporary files are named: a leading dot, so that a static server does not list one
/// left by an interrupted write, and the next full build, which removes every file it did
/// not write, clears it away.
const TEMPORARY_PREFIX: &str = ".kennis-tmp-";

/// A pass of writes and removals in an existing output folder kennis made.
#[derive(Debug)]
pub struct FolderUpdate {
    tree: WriteTree,
    /// Numbers temporary files, so that two threads never share one.
    next_temporary: AtomicU64,
}

impl FolderUpdate {
    /// Opens the output folder the guard allowed (`check_output_folder`) for an update. It
    /// must be a real folder holding kennis's marker: an update writes into it directly,
    /// so it must be one a build made, not an empty folder or someone else's.
    pub fn open(location: &OutputLocation) -> Result<FolderUpdate> {
        let output = &location.output;
        let problem = match marker::inspect(output)? {
            Found::MarkedFolder => return Ok(FolderUpdate::in_folder(output)),
            Found::Nothing => "it does not exist; build the site into it first",
            Found::EmptyFolder | Found::ForeignFolder => {
                "it has no `.kennis-output` marker, so no kennis build made it; build the site into it first"
            }
            Found::SymbolicLink => "it is a symbolic link; choose the folder it leads to",
            Found::NotAFolder => "it is a file, not a folder",
        };
        Err(Error::Usage(format!("refusing to update `{}`: {problem}", output.display())))
    }

    fn in_folder(output: &Path) -> FolderUpdate {
        FolderUpdate { tree: WriteTree::new(output), next_temporary: AtomicU64::new(0) }
    }

    /// Removes the output at `path`, which the site no longer produces, and the folders
    /// its removal leaves empty (never the output folder itself). The path is taken from
    /// the output folder part by part: if a part on the way is a symbolic link or not a
    /// folder, the output is not there and nothing is removed; a link at the end is
    /// removed itself, never what it leads to. Taking `&mut self` keeps removals out of
    /// a pass of writes running on other threads, which might be filling those folders.
    pub fn remove(&mut self, path: &OutputPath) -> Result<()> {
        if path.as_str() == MARKER {
            return Err(Error::Usage(format!(
                "refusing to remove `{MARKER}`: it is the file by which kennis knows its own output folder"
            )));
        }
        let root = self.tree.root().to_path_buf();
        let target = root.join(path.as_str());
        if !parents_are_real_folders(&root, &target) {
            return Ok(());
        }
        match std::fs::symlink_metadata(&target) {
            // A folder where an output file was is not the output; other outputs may be in it.
            Ok(metadata) if metadata.is_dir() => return Ok(()),
            Ok(_) => remove_entry(&target)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(Error::Read { path: target, source }),
        }
        remove_empty_folders(&root, &target);
        self.tree.forget_folders();
        Ok(())
    }

    /// A name for a temporary file beside `target`: hidden, unique in this process, and
    /// short (not made from the target's name, which may already be as long as names go).
    fn temporary_beside(&self, target: &Path) -> PathBuf {
        let number = self.next_temporary.fetch_add(1, Ordering::Relaxed);
        target.with_file_name(format!("{TEMPORARY_PREFIX}{}-{number}", std::process::id()))
    }

    /// Writes a new file through `fill` at a temporary name, then renames it over `target`.
    fn replace(
        &self,
        target: PathBuf,
        fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
    ) -> Result<()> {
        if std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
            // A folder where a file now goes (a section that became a page): nothing below it
            // can be an output any more, as no output can be both a file and a folder.
            remove_entry(&target)?;
        }
        let temporary = self.temporary_beside(&target);
        let written = std::fs::File::create_new(&temporary)
            .and_then(|mut file| fill(&mut file).and_then(|()| file.flush()))
            .map_err(|source| Error::Write { path: temporary.clone(), source });
        // `rename` replaces a file or a link at `target` itself; it never follows a link.
        let renamed = written.and_then(|()| {
            std::fs::rename(&temporary, &target)
                .map_err(|source| Error::Write { path: target.clone(), source })
        });
        if renamed.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        renamed
    }
}

impl OutputSink for FolderUpdate {
    fn write(&self, path: &OutputPath, bytes: &[u8]) -> Result<()> {
        let target = self.tree.target(path)?;
        if holds_bytes(&target, bytes) {
            return Ok(());
        }
        self.replace(target, |file| file.write_all(bytes))
    }

    fn copy(&self, path: &OutputPath, from: &Path) -> Result<()> {
        let target = self.tree.target(path)?;
        if holds_copy_of(&target, from) {
            return Ok(());
        }
        let source =
            std::fs::File::open(from).map_err(|source| Error::Read { path: from.to_path_buf(), source })?;
        let permissions = source
            .metadata()
            .map_err(|source| Error::Read { path: from.to_path_buf(), source })?
            .permissions();
        // As `std::fs::copy`, which a full build uses: the bytes and the permissions.
        self.replace(target, |file| {
            std::io::copy(&mut &source, file)?;
            file.set_permissions(permissions)
        })
    }
}

/// Whether every folder between `root` and `target` is a real folder, not a link or a file.
fn parents_are_real_folders(root: &Path, target: &Path) -> bool {
    let Some(parent) = target.parent() else { return false };
    let Ok(below) = parent.strip_prefix(root) else { return false };
    let mut dir = root.to_path_buf();
    below.components().all(|part| {
        dir.push(part);
        std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir())
    })
}

/// Removes the folders above `target` that are now empty, up to but not including `root`.
fn remove_empty_folders(root: &Path, target: &Path) {
    for dir in target.ancestors().skip(1) {
        // Fails when the folder still holds files, and then so would every folder above it.
        if dir == root || !dir.starts_with(root) || std::fs::remove_dir(dir).is_err() {
            break;
        }
    }
}

#[cfg(all(test, unix))]
#[path = "update_tests.rs"]
mod tests;
