//! Finding the site's files: Markdown and other files under `content/`, `authors/`, `static/`, `templates/`.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::{Error, Result};

/// A file found under one of the site's folders, with its path relative to that folder.
#[derive(Clone, Debug)]
pub struct FoundFile {
    pub absolute: PathBuf,
    /// Relative to the folder walked, `/`-separated.
    pub relative: String,
}

/// The files found under one folder, and the symbolic links passed over on the way.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<FoundFile>,
    /// Symbolic links, never followed (see `files_below_matching`), to be reported once.
    pub links: Vec<PathBuf>,
}

/// Every file below `dir` that a person meant to publish, sorted by path; none when `dir` is absent.
/// Hidden files and folders, editor swap and backup files and `public/` folders are skipped.
pub fn files_below(dir: &Path) -> Result<Found> {
    if is_symbolic_link(dir) {
        return Ok(Found { files: Vec::new(), links: vec![dir.to_path_buf()] });
    }
    files_below_except(dir, |_, _| false)
}

/// A site folder that is itself a link (`static -> /etc`) is skipped like any other link:
/// the walker would otherwise follow the folder it is asked to start from.
fn is_symbolic_link(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink())
}

/// Every file below `static/`, dotfiles included (`.well-known/`, `.htaccess` are meant to be
/// published); only what editors leave behind is skipped.
pub fn static_files_below(dir: &Path) -> Result<Found> {
    if is_symbolic_link(dir) {
        return Ok(Found { files: Vec::new(), links: vec![dir.to_path_buf()] });
    }
    files_below_matching(dir, |depth, entry| depth == 0 || !is_editor_leftover(entry.file_name()))
}

/// The pages of a site whose content folder is its root (an adopted Jekyll site or
/// handbook): kennis's own folders and Jekyll's machinery (`_layouts`, `_site`…) are not
/// content, nor the folders in `kept_out` (`templates_dir`, `static_dirs`: `/`-separated,
/// relative to the root). Of the files at the top, Markdown and what pages link to
/// (pictures, documents, `.ics`, `.txt`) are; `site.yaml`, `Gemfile`, `LICENSE` and other
/// tools' files are not.
pub fn content_files_at_root(root: &Path, kept_out: &[String]) -> Result<Found> {
    let kept_out: Vec<PathBuf> = kept_out.iter().map(|dir| root.join(dir)).collect();
    let mut found = files_below_except(root, |depth, entry| {
        let name = entry.file_name().to_str().unwrap_or("");
        (depth == 1
            && (matches!(name, "authors" | "static" | "templates" | "node_modules" | "vendor")
                || (name.starts_with('_') && !matches!(name, "_posts" | "_drafts"))))
            || (entry.file_type().is_dir() && kept_out.iter().any(|dir| dir == entry.path()))
    })?;
    found
        .files
        .retain(|f| f.relative.contains('/') || f.relative.ends_with(".md") || is_linked_file(&f.relative));
    Ok(found)
}

/// A file at the top of a site whose content is its root that Jekyll would publish and
/// pages link to: by its extension, so that no tool's file (`site.yaml`, `Gemfile`,
/// `package.json`, a Liquid `feed.xml` template) is.
fn is_linked_file(name: &str) -> bool {
    const LINKED: &[&str] = &[
        "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "pdf", "txt", "ics", "csv", "zip", "mp4",
        "webm", "mp3",
    ];
    name.rsplit_once('.').is_some_and(|(stem, extension)| {
        !stem.is_empty() && LINKED.contains(&extension.to_ascii_lowercase().as_str())
    })
}

fn files_below_except(
    dir: &Path,
    also_skip: impl Fn(usize, &walkdir::DirEntry) -> bool + Sync,
) -> Result<Found> {
    files_below_matching(dir, |depth, entry| {
        depth == 0 || !(is_skipped(entry.file_name()) || also_skip(depth, entry))
    })
}

/// The files below `dir` that `keep` lets through (it is given each entry's depth below
/// `dir` and decides whether a folder is walked), in the order of a walk that sorts each
/// folder's entries by name. Each folder at the top is walked on its own thread: at
/// 10,000 pages in 8,000 folders, a walk on one thread kept the other core idle for
/// tens of milliseconds at the start of every build.
fn files_below_matching(
    dir: &Path,
    keep: impl Fn(usize, &walkdir::DirEntry) -> bool + Sync,
) -> Result<Found> {
    if !dir.is_dir() {
        return Ok(Found::default());
    }
    let mut top = Found::default();
    let mut folders = Vec::new();
    // The top: its files in place, each folder a walk of its own, to be put in its place.
    let mut places = Vec::new();
    walk_into(dir, dir, 0, 1, &keep, &mut top, &mut folders, &mut places)?;
    let walked: Vec<Result<Found>> = folders
        .par_iter()
        .map(|folder: &PathBuf| {
            let mut found = Found::default();
            walk_into(dir, folder, 1, usize::MAX, &keep, &mut found, &mut Vec::new(), &mut Vec::new())?;
            Ok(found)
        })
        .collect();
    // Each folder's files go where the walk met the folder: after the files listed before it.
    let mut found = Found::default();
    let mut taken = (0, 0);
    for ((files_before, links_before), folder) in places.into_iter().zip(walked) {
        let folder = folder?;
        found.files.extend(top.files.drain(..files_before - taken.0));
        found.links.extend(top.links.drain(..links_before - taken.1));
        taken = (files_before, links_before);
        found.files.extend(folder.files);
        found.links.extend(folder.links);
    }
    found.files.append(&mut top.files);
    found.links.append(&mut top.links);
    Ok(found)
}

/// Walks `start` (at `depth` below `root`) down to `max_depth` below `root`, sorted by
/// name, into `found`; a folder at `max_depth` is not entered but listed in `folders`,
/// with the number of files and links found before it in `places`.
#[allow(clippy::too_many_arguments)]
fn walk_into(
    root: &Path,
    start: &Path,
    depth: usize,
    max_depth: usize,
    keep: &(impl Fn(usize, &walkdir::DirEntry) -> bool + Sync),
    found: &mut Found,
    folders: &mut Vec<PathBuf>,
    places: &mut Vec<(usize, usize)>,
) -> Result<()> {
    // Links are not followed: a committed link to `/etc` or `~/.ssh` must not be published.
    let walker =
        WalkDir::new(start).follow_links(false).max_depth(max_depth - depth).sort_by_file_name().into_iter();
    for entry in walker.filter_entry(|entry| keep(depth + entry.depth(), entry)) {
        let entry = entry.map_err(|e| {
            let path = e.path().map_or_else(|| start.to_path_buf(), Path::to_path_buf);
            Error::Read { path, source: e.into() }
        })?;
        if entry.file_type().is_symlink() {
            log::debug!("skipped the symbolic link `{}`", entry.path().display());
            found.links.push(entry.path().to_path_buf());
            continue;
        }
        if entry.file_type().is_dir() && depth + entry.depth() == max_depth {
            folders.push(entry.path().to_path_buf());
            places.push((found.files.len(), found.links.len()));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(root) else { continue };
        let parts: Option<Vec<&str>> = relative.components().map(|c| c.as_os_str().to_str()).collect();
        let Some(parts) = parts else {
            return Err(Error::Usage(format!(
                "`{}` has a name that is not UTF-8: rename it",
                entry.path().display()
            )));
        };
        found.files.push(FoundFile { absolute: entry.path().to_path_buf(), relative: parts.join("/") });
    }
    Ok(())
}

/// Whether a walk of the content folder would read the file at `relative` (`/`-separated,
/// below the content folder) as a page: no part skipped (dotfiles, `public/`, editor
/// leftovers, `..`), a Markdown file, and for a site whose content is its root, not in
/// kennis's own folders, Jekyll's machinery or the folders in `kept_out` (as for
/// `content_files_at_root`). Links are the caller's to check.
pub fn is_page_file(relative: &str, content_is_root: bool, kept_out: &[String]) -> bool {
    let parts: Vec<&str> = relative.split('/').collect();
    let markdown = relative.ends_with(".md") || relative.ends_with(".markdown");
    let readable = parts.iter().all(|part| !part.is_empty() && *part != ".." && !is_skipped(part.as_ref()));
    let in_kept_out =
        |dir: &String| relative.strip_prefix(dir.as_str()).is_some_and(|rest| rest.starts_with('/'));
    let outside_content = content_is_root
        && (match parts.as_slice() {
            [file] => !file.ends_with(".md"),
            [top, ..] => {
                matches!(*top, "authors" | "static" | "templates" | "node_modules" | "vendor")
                    || (top.starts_with('_') && !matches!(*top, "_posts" | "_drafts"))
            }
            [] => true,
        } || kept_out.iter().any(in_kept_out));
    markdown && readable && !outside_content
}

/// Names nobody publishes: dotfiles, `public/`, and what editors leave behind.
pub(crate) fn is_skipped(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.') || n == "public") || is_editor_leftover(name)
}

/// Swap, backup and lock files of editors.
fn is_editor_leftover(name: &std::ffi::OsStr) -> bool {
    let Some(name) = name.to_str() else { return false };
    name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx", ".bak", ".tmp", ".orig"].iter().any(|ext| name.ends_with(ext))
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_again_as_a_page_only_where_a_walk_would_read_it() {
        for page in ["posts/a.md", "wiki/x/_index.md", "notes.markdown"] {
            assert!(is_page_file(page, false, &[]), "{page}");
        }
        for not_page in ["posts/img.png", "posts/.a.md", "posts/a.md~", "public/a.md", "../a.md", "a//b.md"] {
            assert!(!is_page_file(not_page, false, &[]), "{not_page}");
        }
        let kept_out = ["assets".to_owned(), "site/templates".to_owned()];
        for page in ["_posts/a.md", "assets.md", "assetsx/a.md", "site/a.md"] {
            assert!(is_page_file(page, true, &kept_out), "{page}");
        }
        for not_page in
            ["_layouts/a.md", "authors/a.md", "README.markdown", "assets/a.md", "site/templates/a.md"]
        {
            assert!(!is_page_file(not_page, true, &kept_out), "{not_page}");
        }
    }

    #[test]
    fn editor_leftovers_and_hidden_files_are_skipped() {
        for name in [".git", ".a.md.swp", "a.md~", "#a.md#", "public", "a.md.bak", ".DS_Store"] {
            assert!(is_skipped(name.as_ref()), "{name}");
        }
        for name in ["a.md", "index.md", "diagram.svg", "publications"] {
            assert!(!is_skipped(name.as_ref()), "{name}");
        }
    }

    #[test]
    fn folders_walked_apart_come_back_in_the_order_of_one_walk_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let files =
            ["a.md", "b/x.md", "b/y/z.md", "b/y/zz.png", "b0.md", "c/d/e/f.md", "c/g.md", "d.md", "e/h.md"];
        for file in files.iter().chain(&[".hidden/x.md", "e/.i.md", "public/p.md", "e/j.md~"]) {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("a.md"), dir.path().join("b/link.md")).unwrap();
            std::os::unix::fs::symlink(dir.path().join("b"), dir.path().join("c2")).unwrap();
        }
        let found = files_below(dir.path()).unwrap();
        let relative: Vec<&str> = found.files.iter().map(|f| f.relative.as_str()).collect();
        assert_eq!(relative, files);
        #[cfg(unix)]
        {
            let links: Vec<&Path> = found.links.iter().map(|l| l.strip_prefix(dir.path()).unwrap()).collect();
            assert_eq!(links, [Path::new("b/link.md"), Path::new("c2")]);
        }
    }
}
