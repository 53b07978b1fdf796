//! Which output folders kennis may write: never the site itself, never a folder it did not make.
//!
//! The decision is made on where the path really leads, before anything is created,
//! renamed or deleted: the output is resolved with `..` read as written and through
//! symbolic links (see `resolve.rs`), and refused if either reading is the site root or
//! a folder above it, lies in or holds a folder the site reads, or is a folder with files
//! kennis did not write. The staging and spare folders beside it are held to the same
//! rules, and may be reused only if kennis made them (`marker.rs`).

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use crate::config::{FolderRead, FolderRole};
use crate::error::{Error, Result};
use crate::output::marker::{self, Beside, Found};
use crate::output::resolve::resolve_path;

/// What the guard is asked: may a build write to `output`?
#[derive(Clone, Copy, Debug)]
pub struct OutputRequest<'a> {
    /// The output folder as given; a relative one is taken from `working_dir`.
    pub output: &'a Path,
    /// The absolute, resolved folder relative paths start from (the current folder).
    pub working_dir: &'a Path,
    pub root: &'a Path,
    /// Every folder the build reads (`Config::folders_read`).
    pub folders_read: &'a [FolderRead],
}

/// Where a build may write, as real, resolved paths: every rename and deletion uses these.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputLocation {
    pub output: PathBuf,
    /// `.NAME.kennis-new/` beside the output, where the build writes.
    pub staging: PathBuf,
    /// `.NAME.kennis-old/` beside the output, the replaced output kept for reuse.
    pub spare: PathBuf,
}

/// Decides whether a build may write to the requested output folder; nothing is created.
pub fn check_output_folder(request: &OutputRequest) -> Result<OutputLocation> {
    let output = resolve_path(request.working_dir, request.output)?;
    let refused = RefusedPlaces::of(request)?;
    for reading in output.readings() {
        if let Some(reason) = refused.reason_to_refuse(reading) {
            return Err(refusal("write to", reading, &given_note(request.output, reading), &reason));
        }
    }
    let location = OutputLocation::beside(&output.physical)?;
    for (folder, beside) in [(&location.staging, Beside::Staging), (&location.spare, Beside::Spare)] {
        if let Some(reason) = refused.reason_to_refuse(folder) {
            let note = format!(", {} `{}`", beside_note(beside), location.output.display());
            return Err(refusal("write to", folder, &note, &reason));
        }
    }
    check_replaceable(&location.output, &given_note(request.output, &location.output))?;
    marker::check_reusable(&location.staging, Beside::Staging)?;
    marker::check_reusable(&location.spare, Beside::Spare)?;
    Ok(location)
}

/// Refuses an output folder that is a file, or a folder with files and no marker.
/// `note` follows the path in the message (how it was given, if that differs).
pub fn check_replaceable(output: &Path, note: &str) -> Result<()> {
    let reason = match marker::inspect(output)? {
        found if found.is_usable() => return Ok(()),
        Found::ForeignFolder => {
            let reason =
                "it has files that kennis did not write; empty or remove it, or choose another `--output`";
            return Err(refusal("replace", output, note, reason));
        }
        Found::SymbolicLink => "it is a symbolic link; choose the folder it leads to or another `--output`",
        _ => "it is a file, not a folder; choose another `--output`",
    };
    Err(refusal("write to", output, note, reason))
}

impl OutputLocation {
    fn beside(output: &Path) -> Result<OutputLocation> {
        let (Some(name), Some(parent)) = (output.file_name(), output.parent()) else {
            return Err(Error::Usage(format!(
                "refusing to write to `{}`: it is the top of the file system; choose another `--output`",
                output.display()
            )));
        };
        Ok(OutputLocation {
            output: output.to_path_buf(),
            staging: parent.join(staging_name(name)),
            spare: parent.join(spare_name(name)),
        })
    }
}

fn staging_name(output_name: &OsStr) -> OsString {
    name_beside(output_name, ".kennis-new")
}

fn spare_name(output_name: &OsStr) -> OsString {
    name_beside(output_name, ".kennis-old")
}

/// `.NAME.kennis-new` for `NAME`, byte for byte, even when `NAME` is not UTF-8.
fn name_beside(output_name: &OsStr, suffix: &str) -> OsString {
    let mut name = OsString::from(".");
    name.push(output_name);
    name.push(suffix);
    name
}

/// Every reading of the site root and of each folder the site reads.
struct RefusedPlaces {
    roots: Vec<PathBuf>,
    folders: Vec<RefusedFolder>,
}

struct RefusedFolder {
    path: PathBuf,
    role: FolderRole,
    /// The root reading this folder was resolved beside, to name it (`static/`).
    root: PathBuf,
}

impl RefusedPlaces {
    fn of(request: &OutputRequest) -> Result<RefusedPlaces> {
        let root = resolve_path(request.working_dir, request.root)?;
        let mut folders = Vec::new();
        for folder in request.folders_read {
            let resolved = resolve_path(request.working_dir, &folder.path)?;
            let readings = [(resolved.physical, &root.physical), (resolved.lexical, &root.lexical)];
            for (path, root) in readings {
                folders.push(RefusedFolder { path, role: folder.role, root: root.clone() });
            }
        }
        Ok(RefusedPlaces { roots: vec![root.physical, root.lexical], folders })
    }

    /// Why a build must not write to `target` (one reading of a path), if it must not.
    fn reason_to_refuse(&self, target: &Path) -> Option<String> {
        if let Some(root) = self.roots.iter().find(|root| root.starts_with(target)) {
            let root = root.display();
            return Some(format!(
                "it is or contains the site root `{root}`, which the build would replace; \
                 choose another `--output`, such as `{root}/public`"
            ));
        }
        if let Some(folder) = self.folders.iter().find(|f| target.starts_with(&f.path) && !f.skips(target)) {
            return Some(match folder.role {
                FolderRole::Content => format!(
                    "it is inside the site's content folder `{}`, so the next build would read it as pages; \
                     choose an `--output` outside it",
                    folder.path.display()
                ),
                _ => format!(
                    "it is inside the site's `{}` folder; choose an `--output` outside it",
                    folder.name()
                ),
            });
        }
        let folder = self.folders.iter().find(|f| f.path.starts_with(target))?;
        Some(format!(
            "it contains the site's `{}` folder, which the build would replace; choose an `--output` \
             that holds none of the site's folders",
            folder.name()
        ))
    }
}

impl RefusedFolder {
    /// Whether reading this folder skips `target`: a content folder that is the root skips
    /// `public/` there (and, as hidden names, the staging and spare folders beside it).
    fn skips(&self, target: &Path) -> bool {
        let public = OsStr::new("public");
        self.role == FolderRole::Content
            && self.path == self.root
            && target.parent() == Some(self.path.as_path())
            && target.file_name().is_some_and(|name| {
                name == public || name == staging_name(public) || name == spare_name(public)
            })
    }

    /// `static/` for a folder in the root, the whole path for one outside it.
    fn name(&self) -> String {
        match self.path.strip_prefix(&self.root) {
            Ok(relative) => format!("{}/", relative.display()),
            Err(_) => self.path.display().to_string(),
        }
    }
}

fn beside_note(beside: Beside) -> &'static str {
    match beside {
        Beside::Staging => "where kennis would write the next output for",
        Beside::Spare => "where kennis would keep the spare copy of",
    }
}

/// ` (given as `W/nosuch/../site`)` when the path was written otherwise than it resolved.
fn given_note(given: &Path, resolved: &Path) -> String {
    if given == resolved { String::new() } else { format!(" (given as `{}`)", given.display()) }
}

fn refusal(action: &str, path: &Path, note: &str, reason: &str) -> Error {
    Error::Usage(format!("refusing to {action} `{}`{note}: {reason}", path.display()))
}

#[cfg(test)]
#[path = "guard_tests.rs"]
mod tests;
