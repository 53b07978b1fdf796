//! The staging folder: files are written beside the output, then swapped in whole.
//!
//! A build writes into `.NAME.kennis-new/` next to the output folder `NAME/`. Only when
//! every file is written does it rename `NAME/` to `.NAME.kennis-old/` and the staging
//! folder to `NAME/`: two renames, so readers see the old site or the new one, never half.
//! Deleting tens of thousands of files takes seconds, so the replaced folder is not
//! deleted while the user waits: the next build deletes it on a background thread while
//! it renders, and that thread is joined before the swap.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::thread::JoinHandle;

use crate::error::{Error, Result};
use crate::output::guard::MARKER;
use crate::paths::OutputPath;
use crate::render::OutputSink;

/// A build in progress: the staging folder and the cleanup of the previous build's leftovers.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    previous: PathBuf,
    created_dirs: Mutex<HashSet<PathBuf>>,
    cleanup: Option<JoinHandle<()>>,
}

impl Staging {
    /// Starts a build into a fresh staging folder beside `output` (already checked by the guard).
    pub fn create(output: &Path) -> Result<Staging> {
        let name =
            output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let parent = output.parent().unwrap_or(Path::new("."));
        let staging = parent.join(format!(".{name}.kennis-new"));
        let previous = parent.join(format!(".{name}.kennis-old"));
        remove_if_present(&staging)?;
        std::fs::create_dir_all(&staging).map_err(|source| Error::Write { path: staging.clone(), source })?;
        let cleanup = previous.exists().then(|| {
            // The previous build's replaced output: delete it while this build renders.
            let doomed = parent.join(format!(".{name}.kennis-old-{}", std::process::id()));
            let moved = std::fs::rename(&previous, &doomed).is_ok();
            std::thread::spawn(move || {
                if moved {
                    let _ = std::fs::remove_dir_all(&doomed);
                }
            })
        });
        Ok(Staging {
            output: output.to_path_buf(),
            staging,
            previous,
            created_dirs: Mutex::new(HashSet::new()),
            cleanup,
        })
    }

    fn target(&self, path: &OutputPath) -> Result<PathBuf> {
        let target = self.staging.join(path.as_str());
        if let Some(dir) = target.parent() {
            let known = self.created_dirs.lock().map(|dirs| dirs.contains(dir)).unwrap_or(false);
            if !known {
                std::fs::create_dir_all(dir)
                    .map_err(|source| Error::Write { path: dir.to_path_buf(), source })?;
                if let Ok(mut dirs) = self.created_dirs.lock() {
                    dirs.insert(dir.to_path_buf());
                }
            }
        }
        Ok(target)
    }

    /// Swaps the finished staging folder in for the output folder.
    pub fn commit(mut self) -> Result<()> {
        let marker = self.staging.join(MARKER);
        std::fs::write(
            &marker,
            "This folder is written by `kennis build` and replaced whole on every build.\n",
        )
        .map_err(|source| Error::Write { path: marker, source })?;
        if let Some(cleanup) = self.cleanup.take() {
            let _ = cleanup.join();
        }
        remove_if_present(&self.previous)?;
        if self.output.exists() {
            std::fs::rename(&self.output, &self.previous)
                .map_err(|source| Error::Write { path: self.output.clone(), source })?;
        }
        std::fs::rename(&self.staging, &self.output)
            .map_err(|source| Error::Write { path: self.output.clone(), source })
    }

    /// Abandons the build: the output folder is left as it was.
    pub fn discard(mut self) {
        if let Some(cleanup) = self.cleanup.take() {
            let _ = cleanup.join();
        }
        let _ = std::fs::remove_dir_all(&self.staging);
    }
}

impl OutputSink for Staging {
    fn write(&self, path: &OutputPath, bytes: &[u8]) -> Result<()> {
        let target = self.target(path)?;
        std::fs::write(&target, bytes).map_err(|source| Error::Write { path: target, source })
    }

    fn copy(&self, path: &OutputPath, from: &Path) -> Result<()> {
        let target = self.target(path)?;
        std::fs::copy(from, &target).map(|_| ()).map_err(|source| Error::Write { path: target, source })
    }
}

fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::Write { path: path.to_path_buf(), source: e })
        }
        _ => Ok(()),
    }
}
