//! The staging folder: files are written beside the output, then swapped in whole.
//!
//! A build writes into `.NAME.kennis-new/` next to the output folder `NAME/`. Only when
//! every file is written does it rename `NAME/` to `.NAME.kennis-old/` and the staging
//! folder to `NAME/`: two renames, so readers see the old site or the new one, never half,
//! and a failed build leaves `NAME/` as it was.
//!
//! Creating and deleting tens of thousands of files costs seconds on real disks, so the
//! replaced folder is not deleted: the next build renames it back to `.NAME.kennis-new/`
//! and writes into it. A file whose bytes are already there is left alone (no write, and
//! its modification time stays, which helps deploy tools that sync by time); others are
//! overwritten; at the end, files this build did not write are removed. A build of an
//! unchanged site then writes almost nothing, and no build waits for a mass deletion.

use std::path::Path;

use rustc_hash::FxHashSet;

use crate::error::{Error, Result};
use crate::output::guard::{OutputLocation, check_replaceable};
use crate::output::marker::{self, Beside, Found, MARKER};
use crate::output::tree::{WriteTree, remove_entry};
use crate::paths::OutputPath;
use crate::render::OutputSink;

/// A build in progress into a staging folder beside the output folder.
///
/// Every path here is the guard's resolved one, never the spelling given, and nothing
/// below the staging folder is followed through a symbolic link: a link found where a
/// folder or file is to be written is replaced, so that a link planted in the reused
/// spare cannot lead a write or a deletion out of it.
pub struct Staging {
    location: OutputLocation,
    /// Whether the staging folder is an earlier build being reused (files may exist).
    recycled: bool,
    tree: WriteTree,
}

impl Staging {
    /// Starts a build in the folders the guard allowed, reusing the spare an earlier build
    /// left when there is one. Both are checked again for kennis's marker: time has passed
    /// since the guard looked, and reusing a folder empties it.
    pub fn create(location: &OutputLocation) -> Result<Staging> {
        let staging = &location.staging;
        let found = marker::check_reusable(staging, Beside::Staging)?;
        // A staging folder left by an interrupted build is as good to reuse as the spare.
        let recycled = if found.is_folder() {
            marker::remove_reusable(&location.spare, Beside::Spare)?;
            true
        } else if marker::check_reusable(&location.spare, Beside::Spare)?.is_folder() {
            std::fs::rename(&location.spare, staging)
                .map_err(|source| Error::Write { path: location.spare.clone(), source })?;
            true
        } else {
            create_staging_folder(staging)?;
            false
        };
        if marker::inspect(staging)? != Found::MarkedFolder {
            // Marked at once, so that a build that stops here leaves a folder kennis may reuse.
            marker::write_marker(staging)?;
        }
        let tree = if recycled { WriteTree::new(staging) } else { WriteTree::new_fresh(staging) };
        Ok(Staging { location: location.clone(), recycled, tree })
    }

    /// In a reused folder, the length of the plain file already at `target`, if there is
    /// one; anything else there (a link, a folder) is removed so no write goes through it.
    fn file_already_there(&self, target: &Path) -> Result<Option<u64>> {
        if !self.recycled {
            return Ok(None);
        }
        match std::fs::symlink_metadata(target) {
            Ok(metadata) if metadata.is_file() => Ok(Some(metadata.len())),
            Ok(_) => remove_entry(target).map(|()| None),
            Err(_) => Ok(None),
        }
    }

    /// Removes what this build did not write, then swaps the staging folder in.
    pub fn commit(self) -> Result<()> {
        let Staging { location, recycled, tree } = self;
        let OutputLocation { output, staging, spare } = &location;
        if recycled {
            let written = tree.into_written();
            remove_unwritten(staging, staging, &written)?;
        }
        // The spare was reused or never there; one that appeared since is checked like any other.
        marker::remove_reusable(spare, Beside::Spare)?;
        check_replaceable(output, "")?;
        if marker::inspect(output)? != Found::Nothing {
            std::fs::rename(output, spare).map_err(|source| Error::Write { path: output.clone(), source })?;
        }
        std::fs::rename(staging, output).map_err(|source| Error::Write { path: output.clone(), source })
    }

    /// Abandons the build: the output folder is left as it was, and the staging folder
    /// (marked) becomes the spare copy the next build reuses (its stale files are removed then).
    pub fn discard(self) {
        if matches!(marker::inspect(&self.location.spare), Ok(Found::Nothing)) {
            let _ = std::fs::rename(&self.location.staging, &self.location.spare);
        }
    }
}

impl OutputSink for Staging {
    fn write(&self, path: &OutputPath, bytes: &[u8]) -> Result<()> {
        let target = self.tree.target(path)?;
        if let Some(len) = self.file_already_there(&target)?
            && len == bytes.len() as u64
            && std::fs::read(&target).is_ok_and(|old| old == bytes)
        {
            return Ok(());
        }
        std::fs::write(&target, bytes).map_err(|source| Error::Write { path: target, source })
    }

    fn copy(&self, path: &OutputPath, from: &Path) -> Result<()> {
        let target = self.tree.target(path)?;
        if let Some(len) = self.file_already_there(&target)?
            && std::fs::metadata(from).is_ok_and(|m| m.len() == len)
            && std::fs::read(from).is_ok_and(|new| std::fs::read(&target).is_ok_and(|old| old == new))
        {
            return Ok(());
        }
        std::fs::copy(from, &target).map(|_| ()).map_err(|source| Error::Write { path: target, source })
    }
}

fn create_staging_folder(staging: &Path) -> Result<()> {
    let write_error = |source| Error::Write { path: staging.to_path_buf(), source };
    if let Some(parent) = staging.parent() {
        std::fs::create_dir_all(parent).map_err(write_error)?;
    }
    std::fs::create_dir(staging).map_err(write_error)
}

/// Deletes every file below `dir` that is not in `written` (kennis's marker at the top
/// stays), and folders left empty. Entries are judged by their own type, so a link is
/// removed as a link and never followed.
fn remove_unwritten(root: &Path, dir: &Path, written: &FxHashSet<String>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Read { path: dir.to_path_buf(), source })?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::Read { path: dir.to_path_buf(), source })?;
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            remove_unwritten(root, &path, written)?;
            // Fails harmlessly when the folder still has files.
            let _ = std::fs::remove_dir(&path);
            continue;
        }
        let relative = path.strip_prefix(root).ok().and_then(Path::to_str).map(|p| p.replace('\\', "/"));
        let keep = relative.as_deref().is_some_and(|r| r == MARKER || written.contains(r));
        if !keep {
            std::fs::remove_file(&path).map_err(|source| Error::Write { path: path.clone(), source })?;
        }
    }
    Ok(())
}
