//! `kennis init`: writes a small starter site that builds as it is.

use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::error::{Error, Result};

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/starter");

pub fn run(dir: &Path) -> Result<()> {
    create_starter(dir)?;
    let shown = dir.display();
    eprintln!("created a starter site in `{shown}`\nnext: kennis build --root {shown}");
    Ok(())
}

/// Writes the starter files into `dir`, which must not hold a site already.
pub fn create_starter(dir: &Path) -> Result<()> {
    if dir.join("site.yaml").exists() || dir.join("content").exists() {
        return Err(Error::Usage(format!(
            "`{}` already holds a site (it has `site.yaml` or `content/`); choose an empty folder",
            dir.display()
        )));
    }
    write_dir(&STARTER, dir)
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
