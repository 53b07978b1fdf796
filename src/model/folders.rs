//! Which file describes each folder of the wiki tree: its `_index.md`, else its `index.md` when the folder holds more, else its `README.md`, else a page named like it beside it.
//!
//! Hugo and Zola describe a folder with `_index.md`; handbooks written for the git web UI
//! with `index.md` or `README.md`, which GitHub and GitLab show for the folder. A folder's
//! `index.md` alone in it is a page bundle (the page, its images beside it), as before;
//! once the folder holds other pages or folders, it is the folder's section page, so that
//! the folder gets one page rather than a generated one on the same URL. `_index.md` and
//! `index.md` in one folder both claim it: an error naming both. A folder described by
//! none of these but with a page of its name beside it (`total-rewards.md` beside
//! `total-rewards/`, as GitBook and Docusaurus lay out categories) has that page as its
//! section page, rather than a generated one on the same URL.

use std::collections::{HashMap, HashSet};

use crate::content::SourceDocument;
use crate::model::kind::PageKind;
use crate::paths::ContentPath;

/// What the documents of one folder of the wiki tree say about it.
#[derive(Debug, Default)]
struct Folder {
    underscore_index: Option<ContentPath>,
    index: Option<ContentPath>,
    readme: Option<ContentPath>,
    /// `x.md` beside the folder `x/`.
    beside: Option<ContentPath>,
    /// Holds another page, or a folder with pages (answers and comments do not count).
    holds_more: bool,
}

/// For every folder of the wiki tree, the file that is its section page.
#[derive(Debug, Default)]
pub(super) struct FolderIndexes {
    section_files: HashSet<ContentPath>,
    /// `index.md` files beside an `_index.md`: neither page is built from them.
    clashes: HashMap<ContentPath, ContentPath>,
}

/// The kinds of file that can describe a folder.
fn describing(path: &ContentPath) -> Option<fn(&mut Folder) -> &mut Option<ContentPath>> {
    match path.stem() {
        "_index" => Some(|folder| &mut folder.underscore_index),
        "index" => Some(|folder| &mut folder.index),
        stem if stem.eq_ignore_ascii_case("readme") => Some(|folder| &mut folder.readme),
        _ => None,
    }
}

impl FolderIndexes {
    /// Looks at the documents that become pages (drafts left out are not passed in).
    /// `in_wiki_tree` says whether a folder (its segments from the top) is in the wiki tree.
    pub(super) fn new<'a>(
        documents: impl Iterator<Item = &'a SourceDocument>,
        in_wiki_tree: impl Fn(&[&str]) -> bool,
    ) -> FolderIndexes {
        let mut folders: HashMap<String, Folder> = HashMap::new();
        for document in documents {
            let path = &document.path;
            let dirs: Vec<&str> = path.parent().split('/').filter(|d| !d.is_empty()).collect();
            if dirs.is_empty() || !in_wiki_tree(&dirs) || is_response(&dirs) {
                continue;
            }
            let own = dirs.join("/");
            let describes_own_folder = describing(path);
            if describes_own_folder.is_none() {
                let named_folder = format!("{own}/{}", path.stem());
                folders.entry(named_folder).or_default().beside.get_or_insert_with(|| path.clone());
            }
            if let Some(slot) = describes_own_folder {
                slot(folders.entry(own.clone()).or_default()).get_or_insert_with(|| path.clone());
            }
            // The folders above hold this page's folder; its own folder holds it unless it
            // describes that folder.
            let holders = if describes_own_folder.is_some() { dirs.len() - 1 } else { dirs.len() };
            for depth in 1..=holders {
                folders.entry(dirs[..depth].join("/")).or_default().holds_more = true;
            }
        }
        let mut indexes = FolderIndexes::default();
        for folder in folders.into_values() {
            let chosen = match (&folder.underscore_index, &folder.index) {
                (Some(underscore), Some(index)) => {
                    indexes.clashes.insert(index.clone(), underscore.clone());
                    Some(underscore)
                }
                (Some(underscore), None) => Some(underscore),
                (None, Some(index)) if folder.holds_more => Some(index),
                (None, Some(_)) => None,
                (None, None) => {
                    folder.readme.as_ref().or(folder.beside.as_ref().filter(|_| folder.holds_more))
                }
            };
            indexes.section_files.extend(chosen.cloned());
        }
        indexes
    }

    /// Whether this file is its folder's section page.
    pub(super) fn is_section_file(&self, path: &ContentPath) -> bool {
        self.section_files.contains(path)
    }

    /// For an `index.md` beside an `_index.md`: that `_index.md`.
    pub(super) fn clash(&self, path: &ContentPath) -> Option<&ContentPath> {
        self.clashes.get(path)
    }
}

/// `x/answers/a.md` and `x/comments/b.md` live on their parent's page, not in the tree.
fn is_response(dirs: &[&str]) -> bool {
    matches!(dirs, [_, .., folder] if PageKind::of_response_folder(folder).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::FrontMatter;

    fn document(path: &str) -> SourceDocument {
        SourceDocument {
            path: ContentPath::from_components(path.split('/')),
            front: FrontMatter::default(),
            body: String::new(),
            body_line: 1,
            body_offset: 0,
            modified: None,
            first_heading: None,
        }
    }

    fn indexes(paths: &[&str]) -> FolderIndexes {
        let documents: Vec<SourceDocument> = paths.iter().map(|p| document(p)).collect();
        FolderIndexes::new(documents.iter(), |dirs| dirs[0] != "posts")
    }

    fn path(text: &str) -> ContentPath {
        ContentPath::from_components(text.split('/'))
    }

    #[test]
    fn index_md_describes_a_folder_that_holds_more_and_is_a_bundle_alone() {
        let found = indexes(&[
            "wiki/a/index.md",
            "wiki/a/b.md",
            "wiki/c/index.md",
            "wiki/d/index.md",
            "wiki/d/e/f.md",
        ]);
        assert!(found.is_section_file(&path("wiki/a/index.md")));
        assert!(!found.is_section_file(&path("wiki/c/index.md")), "alone: a page bundle");
        assert!(found.is_section_file(&path("wiki/d/index.md")), "a subfolder with pages counts");
        assert!(!indexes(&["posts/a/index.md", "posts/a/b.md"]).is_section_file(&path("posts/a/index.md")));
    }

    #[test]
    fn answers_and_comments_do_not_make_a_page_a_section() {
        let found = indexes(&["wiki/a/index.md", "wiki/a/comments/x.md"]);
        assert!(!found.is_section_file(&path("wiki/a/index.md")));
    }

    #[test]
    fn underscore_index_wins_then_index_then_readme() {
        let found = indexes(&[
            "wiki/a/_index.md",
            "wiki/a/index.md",
            "wiki/a/b.md",
            "wiki/r/README.md",
            "wiki/s/readme.md",
            "wiki/s/index.md",
            "wiki/s/t.md",
        ]);
        assert!(found.is_section_file(&path("wiki/a/_index.md")));
        assert_eq!(found.clash(&path("wiki/a/index.md")), Some(&path("wiki/a/_index.md")));
        assert!(found.is_section_file(&path("wiki/r/README.md")), "README alone describes its folder");
        assert!(found.is_section_file(&path("wiki/s/index.md")));
        assert!(!found.is_section_file(&path("wiki/s/readme.md")));
    }

    #[test]
    fn a_page_named_like_a_folder_beside_it_describes_that_folder() {
        let found = indexes(&[
            "wiki/rewards.md",
            "wiki/rewards/health.md",
            "wiki/alone.md",
            "wiki/b.md",
            "wiki/b/README.md",
        ]);
        assert!(found.is_section_file(&path("wiki/rewards.md")));
        assert!(!found.is_section_file(&path("wiki/alone.md")), "no folder of its name");
        assert!(!found.is_section_file(&path("wiki/b.md")), "the folder has its README");
    }
}
