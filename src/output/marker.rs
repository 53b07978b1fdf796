//! kennis's marker file, and what is at a place kennis wants to write, reuse or empty.
//!
//! kennis deletes files only in folders that carry its marker `.kennis-output` (or are
//! empty): the output folder it replaces, its staging folder `.NAME.kennis-new/` and its
//! spare `.NAME.kennis-old/`. Nothing is judged through a symbolic link: a link where
//! kennis expects its own folder is refused, never followed.

use std::path::Path;

use crate::error::{Error, Result};

/// The file that marks a folder as kennis's, so a later build may replace, reuse or empty it.
pub const MARKER: &str = ".kennis-output";

const MARKER_TEXT: &str = "This folder is written by `kennis build` and replaced whole on every build.\n";

/// What is at a path, looked at without following a symbolic link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    Nothing,
    EmptyFolder,
    /// A real folder with kennis's marker in it.
    MarkedFolder,
    /// A real folder with files and no marker.
    ForeignFolder,
    SymbolicLink,
    /// A file or anything else that is not a folder.
    NotAFolder,
}

impl Found {
    /// Whether kennis may use the place as its own folder: nothing there, or a folder that
    /// is empty or marked.
    pub fn is_usable(self) -> bool {
        matches!(self, Found::Nothing | Found::EmptyFolder | Found::MarkedFolder)
    }

    pub fn is_folder(self) -> bool {
        matches!(self, Found::EmptyFolder | Found::MarkedFolder)
    }
}

/// Looks at `path` itself: a link is reported as a link, whatever it points to.
pub fn inspect(path: &Path) -> Result<Found> {
    let read_error = |source| Error::Read { path: path.to_path_buf(), source };
    let metadata = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(source) => return Err(read_error(source)),
    };
    if metadata.file_type().is_symlink() {
        return Ok(Found::SymbolicLink);
    }
    if !metadata.is_dir() {
        return Ok(Found::NotAFolder);
    }
    if std::fs::symlink_metadata(path.join(MARKER)).is_ok_and(|m| m.is_file()) {
        return Ok(Found::MarkedFolder);
    }
    let mut entries = std::fs::read_dir(path).map_err(read_error)?;
    Ok(if entries.next().is_none() { Found::EmptyFolder } else { Found::ForeignFolder })
}

/// Marks a folder kennis made (or emptied) as its own.
pub fn write_marker(folder: &Path) -> Result<()> {
    let marker = folder.join(MARKER);
    std::fs::write(&marker, MARKER_TEXT).map_err(|source| Error::Write { path: marker, source })
}

/// The two folders kennis keeps beside the output folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Beside {
    /// `.NAME.kennis-new/`, where a build writes before it is swapped in.
    Staging,
    /// `.NAME.kennis-old/`, the replaced output, reused by the next build.
    Spare,
}

impl Beside {
    fn purpose(self) -> &'static str {
        match self {
            Beside::Staging => "kennis writes the next output there",
            Beside::Spare => "kennis keeps its spare copy of the output there",
        }
    }
}

/// Checks that a staging or spare folder may be reused (and emptied): it is absent, or
/// a real folder that is empty or carries the marker. Returns what is there.
pub fn check_reusable(path: &Path, beside: Beside) -> Result<Found> {
    let found = inspect(path)?;
    let problem = match found {
        Found::ForeignFolder => {
            "this folder has files and no `.kennis-output` marker, so kennis did not make it; \
             move it away or remove it"
        }
        Found::SymbolicLink => "this is a symbolic link, not a folder kennis made; remove it",
        Found::NotAFolder => "this is a file, not a folder kennis made; move it away or remove it",
        _ => return Ok(found),
    };
    Err(Error::Usage(format!(
        "refusing to reuse `{}`: {}, but {problem}, then build again",
        path.display(),
        beside.purpose()
    )))
}

/// Deletes a folder that [`check_reusable`] accepted, checking again first: time has
/// passed since, and a deletion must rest on what is there now.
pub fn remove_reusable(path: &Path, beside: Beside) -> Result<()> {
    if check_reusable(path, beside)? == Found::Nothing {
        return Ok(());
    }
    // A real folder, checked just now: `remove_dir_all` does not follow links inside it.
    std::fs::remove_dir_all(path).map_err(|source| Error::Write { path: path.to_path_buf(), source })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn only_empty_or_marked_real_folders_are_usable() {
        let temp = tempfile::tempdir().unwrap();
        let at = |name: &str| temp.path().join(name);
        std::fs::create_dir(at("empty")).unwrap();
        std::fs::create_dir(at("marked")).unwrap();
        write_marker(&at("marked")).unwrap();
        std::fs::create_dir(at("foreign")).unwrap();
        std::fs::write(at("foreign/notes.txt"), "mine").unwrap();
        std::fs::write(at("file"), "mine").unwrap();
        std::os::unix::fs::symlink(at("marked"), at("link")).unwrap();
        std::fs::create_dir(at("marker-is-a-link")).unwrap();
        std::os::unix::fs::symlink(at("marked").join(MARKER), at("marker-is-a-link").join(MARKER)).unwrap();
        let expected = [
            ("absent", Found::Nothing),
            ("empty", Found::EmptyFolder),
            ("marked", Found::MarkedFolder),
            ("foreign", Found::ForeignFolder),
            ("file", Found::NotAFolder),
            ("link", Found::SymbolicLink),
            ("marker-is-a-link", Found::ForeignFolder),
        ];
        for (name, found) in expected {
            assert_eq!(inspect(&at(name)).unwrap(), found, "{name}");
        }
    }

    #[test]
    fn a_stray_spare_is_not_removed() {
        let temp = tempfile::tempdir().unwrap();
        let spare = temp.path().join(".public.kennis-old");
        std::fs::create_dir(&spare).unwrap();
        std::fs::write(spare.join("important.txt"), "mine").unwrap();
        let error = remove_reusable(&spare, Beside::Spare).unwrap_err().to_string();
        assert!(error.starts_with("refusing to reuse"), "{error}");
        assert_eq!(std::fs::read_to_string(spare.join("important.txt")).unwrap(), "mine");
    }
}
