//! `kennis init`: writes a small starter site that builds as it is, and a `.gitignore` for its output.

use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::error::{Error, Result};

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/starter");

/// The `.gitignore` a new site gets: the output folder and the staging and spare folders a
/// build swaps it through (`.public.kennis-new/`, `.public.kennis-old/`, src/output/files.rs),
/// for any output name, so that a build leaves `git status` clean.
pub const GITIGNORE: &str = "\
# Written by `kennis build`: the site, and the folders a build swaps it through.
/public/
.*.kennis-new/
.*.kennis-old/
";

/// What `kennis init` did about `.gitignore`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GitIgnore {
    Written,
    /// The folder had one already; it is left as it was.
    Kept,
}

pub fn run(dir: &Path) -> Result<()> {
    let gitignore = create_starter(dir)?;
    let shown = dir.display();
    eprintln!("created a starter site in `{shown}`");
    if gitignore == GitIgnore::Kept {
        eprintln!(
            "note: `{}` exists already and was left as it is; add `/public/`, `.*.kennis-new/` and \
             `.*.kennis-old/` to it so that builds stay out of `git status`",
            dir.join(".gitignore").display()
        );
    }
    eprintln!("next: kennis build --root {shown}");
    Ok(())
}

/// Writes the starter files into `dir`, which must not hold a site already, and a
/// `.gitignore` unless `dir` has one.
pub fn create_starter(dir: &Path) -> Result<GitIgnore> {
    if dir.join("site.yaml").exists() || dir.join("content").exists() {
        return Err(Error::Usage(format!(
            "`{}` already holds a site (it has `site.yaml` or `content/`); choose an empty folder",
            dir.display()
        )));
    }
    write_dir(&STARTER, dir)?;
    let gitignore = dir.join(".gitignore");
    // `symlink_metadata`: a link named `.gitignore`, even a dangling one, is the user's too.
    if gitignore.symlink_metadata().is_ok() {
        return Ok(GitIgnore::Kept);
    }
    std::fs::write(&gitignore, GITIGNORE).map_err(|source| Error::Write { path: gitignore, source })?;
    Ok(GitIgnore::Written)
}

fn write_dir(source: &Dir<'_>, target: &Path) -> Result<()> {
    for file in source.files() {
        let path = target.join(file.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::Write { path: parent.to_path_buf(), source: e })?;
        }
        std::fs::write(&path, file.contents()).map_err(|e| Error::Write { path: path.clone(), source: e })?;
    }
    source.dirs().try_for_each(|sub| write_dir(sub, target))
}
