//! Which output folders kennis may write: never the site itself, never a folder it did not make.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The file that marks a folder as kennis's output, so a later build may replace it.
pub const MARKER: &str = ".kennis-output";

/// Refuses an output folder that is or contains the site root, lies inside the site's
/// sources, or exists with files kennis did not write. Returns the absolute output path.
pub fn check_output_folder(root: &Path, content_dir: &Path, output: &Path) -> Result<PathBuf> {
    let root = absolute(root)?;
    let content_dir = absolute(content_dir)?;
    let output = absolute(output)?;
    // With the content folder at the root, only `ROOT/public` is skipped when reading content.
    let is_public_at_root = output == root.join("public");
    if output.starts_with(&content_dir) && !is_public_at_root {
        return Err(Error::Usage(format!(
            "refusing to write to `{}`: it is inside the site's content folder `{}`, so the next build would \
             read it as pages; choose an `--output` outside it",
            output.display(),
            content_dir.display()
        )));
    }
    if root.starts_with(&output) {
        return Err(Error::Usage(format!(
            "refusing to write to `{}`: it is or contains the site root `{}`, which the build would replace; \
             choose another `--output`, such as `{}`",
            output.display(),
            root.display(),
            root.join("public").display()
        )));
    }
    for source in ["static", "templates", "authors"] {
        if output.starts_with(root.join(source)) {
            return Err(Error::Usage(format!(
                "refusing to write to `{}`: it is inside the site's `{source}/` folder; choose an `--output` outside it",
                output.display()
            )));
        }
    }
    if output.is_file() {
        return Err(Error::Usage(format!(
            "refusing to write to `{}`: it is a file, not a folder",
            output.display()
        )));
    }
    if output.is_dir() && !output.join(MARKER).is_file() && !is_empty_dir(&output)? {
        return Err(Error::Usage(format!(
            "refusing to replace `{}`: it has files that kennis did not write; \
             empty or remove it, or choose another `--output`",
            output.display()
        )));
    }
    Ok(output)
}

fn absolute(path: &Path) -> Result<PathBuf> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_err(|source| Error::Read { path: path.to_path_buf(), source })?.join(path)
    };
    Ok(normalize(&joined))
}

/// Resolves `.` and `..` lexically and symlinks where the path exists, so `a/../b` and a
/// link to the root are both recognised.
fn normalize(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name().map(|n| n.to_os_string()), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut result = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        if name == ".." {
            result.pop();
        } else if name != "." {
            result.push(name);
        }
    }
    result
}

fn is_empty_dir(path: &Path) -> Result<bool> {
    let mut entries =
        std::fs::read_dir(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
    Ok(entries.next().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_and_its_sources_are_refused() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("content/posts")).unwrap();
        for bad in [root.to_path_buf(), root.join(".."), root.join("content/out"), root.join("content")] {
            let error = check_output_folder(root, &root.join("content"), &bad).unwrap_err();
            assert!(error.to_string().starts_with("refusing to write to"), "{bad:?}: {error}");
        }
        assert!(check_output_folder(root, &root.join("content"), &root.join("public")).is_ok());
    }

    #[test]
    fn a_folder_kennis_did_not_make_is_refused() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("docs");
        std::fs::create_dir_all(&out).unwrap();
        assert!(
            check_output_folder(site.path(), &site.path().join("content"), &out).is_ok(),
            "an empty folder is fine"
        );
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let error = check_output_folder(site.path(), &site.path().join("content"), &out).unwrap_err();
        assert!(error.to_string().contains("has files that kennis did not write"), "{error}");
        std::fs::write(out.join(MARKER), "").unwrap();
        assert!(check_output_folder(site.path(), &site.path().join("content"), &out).is_ok());
    }
}
