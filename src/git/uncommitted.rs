//! Files not committed yet: new in the work tree or the index, or renamed in the index.
//!
//! What `git status` lists as untracked (`??`), added (`A`) or renamed in the index (`R`), found
//! without running git: the work tree below the scope is listed (skipping what `.gitignore`
//! ignores, and nested repositories), the index says what is staged, and files the last commit
//! has but the index lacks pair with staged new files into renames, as git pairs them. Changed
//! and deleted files are left out: they keep their committed history.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use gix::ObjectId;
use gix::bstr::ByteSlice;

use super::GitError;
use super::commits::Scope;
use super::renames;
use super::tree_diff;

/// A file that has no commit yet; paths from the repository root.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Uncommitted {
    pub(super) path: String,
    /// The path it had in the last commit, for a file renamed in the index.
    pub(super) renamed_from: Option<String>,
}

/// What the work tree and the index hold below the scope, read while the history is read.
pub(super) struct Scan {
    index: gix::worktree::Index,
    /// On disk, not in the index, not ignored.
    untracked: Vec<String>,
    /// On disk and in the index, with the staged content.
    staged: Vec<(String, ObjectId)>,
}

/// Lists the work tree below `scope` and reads the index.
pub(super) fn scan(repository: &gix::Repository, workdir: &Path, scope: &Scope) -> Result<Scan, GitError> {
    let index = repository.index_or_empty().map_err(read_error)?;
    let mut excludes = repository
        .excludes(
            &index,
            None,
            gix::worktree::stack::state::ignore::Source::WorktreeThenIdMappingIfNotSkipped,
        )
        .map_err(read_error)?;
    let mut ignored = |path: &str, is_dir: bool| -> Result<bool, GitError> {
        let mode = if is_dir { gix::index::entry::Mode::DIR } else { gix::index::entry::Mode::FILE };
        Ok(excludes.at_entry(path, Some(mode)).map_err(read_error)?.is_excluded())
    };
    let mut untracked = Vec::new();
    let mut staged = Vec::new();
    let mut on_disk = |path: String, ignored: &mut dyn FnMut(&str, bool) -> Result<bool, GitError>| {
        match index.entry_by_path(path.as_bytes().as_bstr()) {
            Some(entry) => staged.push((path, entry.id)),
            None if !ignored(&path, false)? => untracked.push(path),
            None => {}
        }
        Ok::<(), GitError>(())
    };
    match scope {
        Scope::Folder(folder) => {
            // Folders holding a repository of their own, which git leaves alone.
            let mut nested = Vec::new();
            let mut walk = walkdir::WalkDir::new(workdir.join(folder)).follow_links(false).into_iter();
            while let Some(entry) = walk.next() {
                // A folder that is not there (no content yet) or cannot be read holds nothing new.
                let Ok(entry) = entry else { continue };
                let Some(path) = entry.path().strip_prefix(workdir).ok().and_then(Path::to_str) else {
                    continue;
                };
                let path = path.replace(std::path::MAIN_SEPARATOR, "/");
                if entry.file_name() == ".git" {
                    if let Some((parent, _)) = path.rsplit_once('/') {
                        nested.push(format!("{parent}/"));
                    }
                    if entry.file_type().is_dir() {
                        walk.skip_current_dir();
                    }
                    continue;
                }
                if entry.file_type().is_dir() {
                    // An ignored folder holds no new files, unless the index has files in it.
                    let tracked_below = index
                        .prefixed_entries_range(format!("{path}/").as_bytes().as_bstr())
                        .is_some_and(|range| !range.is_empty());
                    if entry.depth() > 0 && !tracked_below && ignored(&path, true)? {
                        walk.skip_current_dir();
                    }
                    continue;
                }
                on_disk(path, &mut ignored)?;
            }
            if !nested.is_empty() {
                untracked
                    .retain(|path: &String| !nested.iter().any(|folder| path.starts_with(folder.as_str())));
            }
        }
        Scope::Files(files) => {
            for path in files {
                if workdir.join(path).symlink_metadata().is_ok_and(|meta| !meta.is_dir()) {
                    on_disk(path.clone(), &mut ignored)?;
                }
            }
        }
    }
    Ok(Scan { index, untracked, staged })
}

/// The files of `scan` that are not committed, given the `committed` files below the scope (those
/// with a history) and the last commit's tree.
pub(super) fn uncommitted(
    repository: &gix::Repository,
    scan: Scan,
    committed: &HashSet<&str>,
) -> Result<Vec<Uncommitted>, GitError> {
    let mut found: Vec<Uncommitted> =
        scan.untracked.into_iter().map(|path| Uncommitted { path, renamed_from: None }).collect();
    let added: Vec<(String, ObjectId)> =
        scan.staged.into_iter().filter(|(path, _)| !committed.contains(path.as_str())).collect();
    let mut gone: Vec<&str> = committed
        .iter()
        .copied()
        .filter(|path| scan.index.entry_by_path(path.as_bytes().as_bstr()).is_none())
        .collect();
    gone.sort_unstable();
    let mut renamed_from: HashMap<usize, String> = HashMap::new();
    if !added.is_empty() && !gone.is_empty() {
        let last_commit = last_commit_ids(repository, &gone)?;
        let deleted: Vec<renames::Side<'_>> = last_commit
            .iter()
            .map(|(path, id, regular)| renames::Side { path, id: id.as_bytes(), regular: *regular })
            .collect();
        let staged: Vec<renames::Side<'_>> =
            added.iter().map(|(path, id)| renames::Side { path, id: id.as_bytes(), regular: true }).collect();
        let mut buffer = Vec::new();
        let pairs = renames::pair(&deleted, &staged, |id| {
            use gix::objs::Find;
            let id = gix::oid::from_bytes_unchecked(id);
            match repository.objects.try_find(id, &mut buffer).map_err(read_error)? {
                Some(blob) => Ok(blob.data.to_vec()),
                None => Err(GitError::Read(format!("object {id} is missing"))),
            }
        })?;
        for (from, to) in pairs {
            renamed_from.insert(to, last_commit[from].0.clone());
        }
    }
    for (index, (path, _)) in added.into_iter().enumerate() {
        found.push(Uncommitted { path, renamed_from: renamed_from.remove(&index) });
    }
    Ok(found)
}

/// The object id of each path in the last commit, and whether it is a regular file.
fn last_commit_ids(
    repository: &gix::Repository,
    paths: &[&str],
) -> Result<Vec<(String, ObjectId, bool)>, GitError> {
    use gix::objs::Find;
    let hash_len = repository.object_hash().len_in_bytes();
    let root = repository.head_tree_id().map_err(read_error)?.detach();
    let mut buffer = Vec::new();
    let mut found = Vec::new();
    for path in paths {
        let mut id = root;
        let mut names = path.split('/').peekable();
        while let Some(name) = names.next() {
            let Some(tree) = repository.objects.try_find(&id, &mut buffer).map_err(read_error)? else {
                break;
            };
            let Some(entry) = tree_diff::find_entry(tree.data, name.as_bytes(), hash_len)? else { break };
            id = ObjectId::from_bytes_or_panic(entry.id);
            if names.peek().is_none() {
                found.push(((*path).to_owned(), id, !entry.mode.is_link()));
            }
        }
    }
    Ok(found)
}

fn read_error(error: impl std::fmt::Display) -> GitError {
    GitError::Read(error.to_string())
}
