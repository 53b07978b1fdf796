//! What a changed path means for the site: a page, an author, a copied file whose bytes
//! changed, something that needs the whole site built again, or nothing at all.

use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE, Config};
use crate::content::is_skipped;
use crate::model::Site;
use crate::paths::{ContentPath, OutputPath};

/// The changes of one burst, sorted into what the engine does with each.
#[derive(Debug, Default)]
pub(super) struct Changes {
    /// Markdown files of the content folder, there or gone: read again through the kept site.
    pub(super) pages: Vec<ContentPath>,
    /// Files of `authors/` (`an.yaml`), there or gone.
    pub(super) authors: Vec<String>,
    /// Files copied as they are (`static/`, a bundle's picture) whose bytes changed.
    pub(super) copied: Vec<OutputPath>,
    /// `site.yaml`, a template, or a file added to or removed from what is copied: the
    /// whole site is built again.
    pub(super) everything: bool,
}

impl Changes {
    pub(super) fn is_empty(&self) -> bool {
        self.pages.is_empty() && self.authors.is_empty() && self.copied.is_empty() && !self.everything
    }
}

/// The folders to watch for a site: the root first, for `site.yaml` and for folders
/// created later (`static/`), then every folder the site reads that exists (content,
/// `authors/`, `static/`, `templates/`, `static_dirs`). Watch the root without recursion,
/// unless it is also the content folder (`content_dir: .`), and the others with it: a
/// recursive watch of the root would watch the output folder and `.git` as well.
pub fn watched_folders(config: &Config) -> Vec<PathBuf> {
    let mut folders = vec![config.root.clone()];
    for folder in config.folders_read() {
        if folder.path.is_dir() && !folders.contains(&folder.path) {
            folders.push(folder.path);
        }
    }
    folders
}

/// Whether a change at `path` can never matter to the site: outside the root, in the
/// output folder (`public/`), in `.git` or another hidden folder, a hidden file, or a file
/// an editor leaves behind while saving (`.a.md.swp`, `a.md~`, `4913`). Files of `static/`
/// whose names start with a dot are published (`.well-known/`), so they matter.
pub fn is_ignored(config: &Config, path: &Path) -> bool {
    let Some(relative) = relative_to_root(&config.root, path) else { return true };
    let in_static = static_folders(config).iter().any(|(folder, _)| relative.starts_with(folder));
    let parts: Vec<&str> = relative.split('/').collect();
    let Some((last, folders)) = parts.split_last() else { return true };
    if in_static {
        // Only the top folder (`public/`, `.git/`) and what editors leave behind.
        let leftover = is_skipped(last.as_ref()) && !last.starts_with('.') && *last != "public";
        return leftover || parts.first().is_some_and(|top| is_skipped(top.as_ref()));
    }
    folders.iter().any(|part| is_skipped(part.as_ref())) || is_skipped(last.as_ref())
}

/// Sorts the changed paths of one burst. `site` is the site as kept before the change: a
/// copied file it knows whose bytes changed is copied again; one it does not know, or no
/// longer there, builds everything again (the set of copied files changed).
pub(super) fn classify(config: &Config, site: &Site, changed: &[PathBuf]) -> Changes {
    let mut changes = Changes::default();
    for path in changed {
        if is_ignored(config, path) {
            continue;
        }
        let Some(relative) = relative_to_root(&config.root, path) else { continue };
        classify_one(config, site, &relative, &mut changes);
    }
    changes.pages.sort_unstable();
    changes.pages.dedup();
    changes.authors.sort_unstable();
    changes.authors.dedup();
    changes.copied.sort_unstable();
    changes.copied.dedup();
    changes
}

fn classify_one(config: &Config, site: &Site, relative: &str, changes: &mut Changes) {
    let absolute = config.root.join(relative);
    let templates = config.templates_prefix();
    // One of the site's folders itself, made, removed or moved in whole: its files are not
    // each reported.
    let folder = format!("{relative}/");
    let is_site_folder = [templates.clone(), "authors/".to_owned(), config.content_prefix.clone()]
        .into_iter()
        .chain(static_folders(config).into_iter().map(|(prefix, _)| prefix))
        .any(|prefix| prefix == folder);
    if relative == CONFIG_FILE || relative.starts_with(templates.as_str()) || is_site_folder {
        changes.everything = true;
        return;
    }
    if let Some(file_name) = relative.strip_prefix("authors/") {
        match file_name.contains('/') {
            // A folder in `authors/` is read as people too: rare enough to build it all.
            true => changes.everything = true,
            false if file_name.ends_with(".yaml") || file_name.ends_with(".yml") => {
                changes.authors.push(file_name.to_owned());
            }
            false => {}
        }
        return;
    }
    for (folder, published_as) in static_folders(config) {
        if let Some(rest) = relative.strip_prefix(&folder) {
            let output = format!("{published_as}{rest}");
            let known = site.static_files.iter().any(|file| file.relative == output);
            copied_file(&absolute, known, OutputPath::new(&output), changes);
            if !known && site.static_files.iter().any(|f| f.relative.starts_with(&format!("{output}/"))) {
                changes.everything = true;
            }
            return;
        }
    }
    let Some(in_content) = relative.strip_prefix(config.content_prefix.as_str()) else { return };
    if in_content.is_empty() {
        return;
    }
    let source = ContentPath::from_components(in_content.split('/'));
    if in_content.ends_with(".md") || in_content.ends_with(".markdown") {
        changes.pages.push(source);
        return;
    }
    let asset = site.assets_by_source.get(&source).map(|&index| &site.assets[index]);
    copied_file(&absolute, asset.is_some(), asset.and_then(|a| a.url.to_output_path()), changes);
    // A folder renamed or removed: every page and file below it goes or moves.
    let below = format!("{in_content}/");
    if site.by_source.keys().any(|p| p.as_str().starts_with(&below))
        || site.assets.iter().any(|a| a.source.as_str().starts_with(&below))
    {
        changes.everything = true;
    }
}

/// A file copied as it is: copied again when it was there before and still is; the site
/// built again when it appears or goes (or a folder appears, which may hold pages).
fn copied_file(absolute: &Path, known: bool, output: Option<OutputPath>, changes: &mut Changes) {
    let metadata = std::fs::symlink_metadata(absolute);
    let is_file = metadata.as_ref().is_ok_and(|m| m.is_file());
    let is_dir = metadata.as_ref().is_ok_and(|m| m.is_dir());
    match (known, is_file, output) {
        (true, true, Some(output)) => changes.copied.push(output),
        (true, _, _) => changes.everything = true,
        (false, true, _) => changes.everything = true,
        (false, false, _) => changes.everything |= is_dir,
    }
}

/// The folders whose files are copied as they are, each as a prefix of the root-relative
/// path (`static/`, `assets/img/`) with the prefix its files are published under.
fn static_folders(config: &Config) -> Vec<(String, String)> {
    let mut folders = vec![("static/".to_owned(), String::new())];
    folders.extend(config.static_dirs.iter().map(|dir| (format!("{dir}/"), format!("{dir}/"))));
    folders
}

/// `path` relative to the site root, `/`-separated; through the real path of its folder
/// when the watcher spelled the root another way (a symbolic link on the way).
fn relative_to_root(root: &Path, path: &Path) -> Option<String> {
    let relative = match path.strip_prefix(root) {
        Ok(relative) => relative.to_path_buf(),
        Err(_) => {
            let folder = path.parent()?.canonicalize().ok()?;
            folder.strip_prefix(root).ok()?.join(path.file_name()?)
        }
    };
    let parts: Option<Vec<&str>> = relative.components().map(|c| c.as_os_str().to_str()).collect();
    let parts = parts?;
    (!parts.is_empty()).then(|| parts.join("/"))
}
