//! Where a path leads: `..` read as written, and `..` read through symbolic links as the kernel does.
//!
//! `W/nosuch/../site` names `W/site` once `nosuch/` exists, and creating the output
//! folder creates it; `W/link/..` is the parent of wherever `link` points. A path is
//! judged by both readings, so no spelling can lead the build to a place the guard
//! would refuse.

use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

/// The two places a path can mean once `.`, `..` and symbolic links are taken apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedPath {
    /// `..` removes the name written before it; no link is followed.
    pub lexical: PathBuf,
    /// Every existing part resolved through its symbolic links, as the kernel will;
    /// parts that do not exist yet are taken as the real folders creating them makes.
    pub physical: PathBuf,
}

impl ResolvedPath {
    /// Both readings, the physical one (where files really go) first; one when they agree.
    pub fn readings(&self) -> Vec<&Path> {
        if self.lexical == self.physical { vec![&self.physical] } else { vec![&self.physical, &self.lexical] }
    }
}

/// Resolves `path`, taking a relative one from `working_dir` (an absolute, resolved folder).
pub fn resolve_path(working_dir: &Path, path: &Path) -> Result<ResolvedPath> {
    let absolute = working_dir.join(path);
    Ok(ResolvedPath { lexical: lexical(&absolute), physical: physical(&absolute)? })
}

/// `.` dropped and `..` removing the name before it, without looking at the disk.
fn lexical(absolute: &Path) -> PathBuf {
    let mut resolved = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::Prefix(_) | Component::RootDir | Component::Normal(_) => resolved.push(component),
            Component::CurDir => {}
            // At the root `..` stays at the root, as the kernel has it.
            Component::ParentDir => {
                resolved.pop();
            }
        }
    }
    resolved
}

/// One part at a time, as the kernel walks a path: an existing part is resolved through
/// its links (so `..` after it is the parent of the link's target), a missing part and
/// everything after it is appended as written.
fn physical(absolute: &Path) -> Result<PathBuf> {
    let mut resolved = PathBuf::new();
    // How many parts at the end of `resolved` do not exist yet.
    let mut missing = 0usize;
    for component in absolute.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => resolved.push(component),
            Component::CurDir => {}
            Component::ParentDir => {
                // A resolved folder's parent is its real parent; a missing one will be a real folder.
                resolved.pop();
                missing = missing.saturating_sub(1);
            }
            Component::Normal(name) if missing > 0 => {
                resolved.push(name);
                missing += 1;
            }
            Component::Normal(name) => {
                let next = resolved.join(name);
                match std::fs::symlink_metadata(&next) {
                    Ok(_) => resolved = resolve_existing(&next)?,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        resolved = next;
                        missing = 1;
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
                        return Err(Error::Usage(format!(
                            "refusing to write below `{}`: it is a file, not a folder; choose another `--output`",
                            resolved.display()
                        )));
                    }
                    Err(source) => return Err(Error::Read { path: next, source }),
                }
            }
        }
    }
    Ok(resolved)
}

/// The real path of something that exists; a link that leads nowhere is refused by name.
fn resolve_existing(path: &Path) -> Result<PathBuf> {
    path.canonicalize().map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => Error::Usage(format!(
            "refusing to write through `{}`: it is a symbolic link to something that does not exist; \
             fix or remove the link, or choose another `--output`",
            path.display()
        )),
        // A loop of links, or one kennis may not read.
        _ => Error::Usage(format!(
            "refusing to write through `{}`: it cannot be followed ({source}); fix the symbolic link, \
             or choose another `--output`",
            path.display()
        )),
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn resolved(working_dir: &Path, path: &str) -> (String, String) {
        let resolved = resolve_path(working_dir, Path::new(path)).unwrap();
        let shown = |p: &Path| p.strip_prefix(working_dir).unwrap_or(p).display().to_string();
        (shown(&resolved.lexical), shown(&resolved.physical))
    }

    #[test]
    fn dotdot_is_read_both_as_written_and_through_links() {
        let temp = tempfile::tempdir().unwrap();
        let w = temp.path().canonicalize().unwrap();
        std::fs::create_dir_all(w.join("site/content")).unwrap();
        std::fs::create_dir_all(w.join("elsewhere/deep")).unwrap();
        std::os::unix::fs::symlink(w.join("site/content"), w.join("to-content")).unwrap();
        std::os::unix::fs::symlink(w.join("elsewhere/deep"), w.join("away")).unwrap();
        let cases = [
            ("nosuch/../site", "site", "site"),
            ("site/public/..", "site", "site"),
            ("./site//content/.", "site/content", "site/content"),
            ("to-content/posts", "to-content/posts", "site/content/posts"),
            ("to-content/..", "", "site"),
            ("away/../site", "site", "elsewhere/site"),
            ("to-content/nosuch/../../x", "x", "site/x"),
            ("nosuch/deeper/../../../..", temp_parent(&w), temp_parent(&w)),
        ];
        for (path, lexical, physical) in cases {
            assert_eq!(resolved(&w, path), (lexical.to_owned(), physical.to_owned()), "{path}");
        }
    }

    fn temp_parent(w: &Path) -> &str {
        w.parent().and_then(Path::parent).and_then(Path::to_str).unwrap()
    }

    #[test]
    fn a_loop_of_links_or_a_file_on_the_way_is_refused_by_name() {
        let temp = tempfile::tempdir().unwrap();
        let w = temp.path().canonicalize().unwrap();
        std::os::unix::fs::symlink(w.join("loop2"), w.join("loop1")).unwrap();
        std::os::unix::fs::symlink(w.join("loop1"), w.join("loop2")).unwrap();
        std::fs::write(w.join("afile"), "text").unwrap();
        let error = resolve_path(&w, Path::new("loop1/out")).unwrap_err().to_string();
        let expected =
            format!("refusing to write through `{}`: it cannot be followed (", w.join("loop1").display());
        assert!(error.starts_with(&expected), "{error}");
        let error = resolve_path(&w, Path::new("afile/out")).unwrap_err().to_string();
        assert_eq!(
            error,
            format!(
                "refusing to write below `{}`: it is a file, not a folder; choose another `--output`",
                w.join("afile").display()
            )
        );
    }

    #[test]
    fn a_dangling_link_on_the_way_is_refused_by_name() {
        let temp = tempfile::tempdir().unwrap();
        let w = temp.path().canonicalize().unwrap();
        std::os::unix::fs::symlink(w.join("gone"), w.join("dangling")).unwrap();
        let error = resolve_path(&w, Path::new("dangling/out")).unwrap_err().to_string();
        assert_eq!(
            error,
            format!(
                "refusing to write through `{}`: it is a symbolic link to something that does not exist; \
                 fix or remove the link, or choose another `--output`",
                w.join("dangling").display()
            )
        );
    }
}
