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

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};
use crate::output::guard::MARKER;
use crate::paths::OutputPath;
use crate::render::OutputSink;

/// A build in progress into a staging folder beside the output folder.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    previous: PathBuf,
    /// Whether the staging folder is an earlier build being reused (files may exist).
    recycled: bool,
    created_dirs: Mutex<HashSet<PathBuf>>,
    written: Mutex<HashSet<String>>,
}

impl Staging {
    /// Starts a build beside `output` (already checked by the guard), reusing the folder
    /// an earlier build replaced when there is one.
    pub fn create(output: &Path) -> Result<Staging> {
        let name =
            output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let parent = output.parent().unwrap_or(Path::new("."));
        let staging = parent.join(format!(".{name}.kennis-new"));
        let previous = parent.join(format!(".{name}.kennis-old"));
        // A staging folder left by an interrupted build is as good to reuse as a replaced one.
        if staging.is_dir() {
            remove_if_present(&previous)?;
        } else if previous.is_dir() {
            std::fs::rename(&previous, &staging)
                .map_err(|source| Error::Write { path: previous.clone(), source })?;
        }
        let recycled = staging.is_dir();
        std::fs::create_dir_all(&staging).map_err(|source| Error::Write { path: staging.clone(), source })?;
        Ok(Staging {
            output: output.to_path_buf(),
            staging,
            previous,
            recycled,
            created_dirs: Mutex::new(HashSet::new()),
            written: Mutex::new(HashSet::new()),
        })
    }

    fn target(&self, path: &OutputPath) -> Result<PathBuf> {
        let target = self.staging.join(path.as_str());
        if let Some(dir) = target.parent() {
            let known = self.created_dirs.lock().map(|dirs| dirs.contains(dir)).unwrap_or(false);
            if !known {
                create_dir_replacing_file(dir)?;
                if let Ok(mut dirs) = self.created_dirs.lock() {
                    dirs.insert(dir.to_path_buf());
                }
            }
        }
        let first_time = self.written.lock().map(|mut written| written.insert(path.as_str().to_owned()));
        if matches!(first_time, Ok(false)) {
            // Two outputs on one path: the last writer would win at random.
            return Err(Error::Usage(format!(
                "two things would be written to `{}`: a page whose URL is one kennis generates \
                 (a list, tag, author or feed page), or a file in `static/` or a bundle with a page's path; \
                 rename one of them (or set `slug:`)",
                path.as_str()
            )));
        }
        Ok(target)
    }

    /// In a reused folder, whether `target` already holds exactly `bytes`.
    fn unchanged(&self, target: &Path, bytes: &[u8]) -> bool {
        self.recycled
            && std::fs::symlink_metadata(target).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && std::fs::read(target).is_ok_and(|old| old == bytes)
    }

    /// Removes what this build did not write, then swaps the staging folder in.
    pub fn commit(self) -> Result<()> {
        if self.recycled {
            let written = self.written.into_inner().unwrap_or_default();
            remove_unwritten(&self.staging, &self.staging, &written)?;
        }
        let marker = self.staging.join(MARKER);
        std::fs::write(
            &marker,
            "This folder is written by `kennis build` and replaced whole on every build.\n",
        )
        .map_err(|source| Error::Write { path: marker, source })?;
        remove_if_present(&self.previous)?;
        if self.output.exists() {
            std::fs::rename(&self.output, &self.previous)
                .map_err(|source| Error::Write { path: self.output.clone(), source })?;
        }
        std::fs::rename(&self.staging, &self.output)
            .map_err(|source| Error::Write { path: self.output.clone(), source })
    }

    /// Abandons the build: the output folder is left as it was, and the staging folder
    /// becomes the spare copy the next build reuses (its stale files are removed then).
    pub fn discard(self) {
        if !self.previous.exists() {
            let _ = std::fs::rename(&self.staging, &self.previous);
        }
    }
}

impl OutputSink for Staging {
    fn write(&self, path: &OutputPath, bytes: &[u8]) -> Result<()> {
        let target = self.target(path)?;
        if self.unchanged(&target, bytes) {
            return Ok(());
        }
        std::fs::write(&target, bytes).map_err(|source| Error::Write { path: target, source })
    }

    fn copy(&self, path: &OutputPath, from: &Path) -> Result<()> {
        let target = self.target(path)?;
        if self.recycled {
            let same_size = |a: &Path, b: &Path| match (std::fs::metadata(a), std::fs::symlink_metadata(b)) {
                (Ok(a), Ok(b)) => b.is_file() && a.len() == b.len(),
                _ => false,
            };
            if same_size(from, &target) && std::fs::read(from).ok() == std::fs::read(&target).ok() {
                return Ok(());
            }
        }
        std::fs::copy(from, &target).map(|_| ()).map_err(|source| Error::Write { path: target, source })
    }
}

/// `create_dir_all`, where a file in the way (a page that became a folder) is removed first.
fn create_dir_replacing_file(dir: &Path) -> Result<()> {
    match std::fs::create_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(error) => {
            let mut blocker = Some(dir);
            while let Some(path) = blocker {
                if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_dir()) {
                    std::fs::remove_file(path)
                        .map_err(|source| Error::Write { path: path.to_path_buf(), source })?;
                    return std::fs::create_dir_all(dir)
                        .map_err(|source| Error::Write { path: dir.to_path_buf(), source });
                }
                blocker = path.parent();
            }
            Err(Error::Write { path: dir.to_path_buf(), source: error })
        }
    }
}

/// Deletes every file below `dir` that is not in `written`, and folders left empty.
fn remove_unwritten(root: &Path, dir: &Path, written: &HashSet<String>) -> Result<()> {
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
        if relative.is_none_or(|r| !written.contains(&r)) {
            std::fs::remove_file(&path).map_err(|source| Error::Write { path: path.clone(), source })?;
        }
    }
    Ok(())
}

fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::Write { path: path.to_path_buf(), source: e })
        }
        _ => Ok(()),
    }
}
