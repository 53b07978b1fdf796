//! Files not committed yet: new in the work tree or the index, or renamed in the index.
//!
//! What `git status` lists as untracked (`??`), added (`A`) or renamed in the index (`R`), found
//! without running git: the work tree below the scope is listed (skipping what `.gitignore`
//! ignores, nested repositories, and hidden files, which kennis never reads), the index says
//! what is staged, and files the last commit has but the index lacks pair with staged new files
//! into renames, as git pairs them. Changed and deleted files are left out: they keep their
//! committed history.

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
        // Any stage: a file in a merge conflict is in the index too.
        match index.entry_index_by_path(path.as_bytes().as_bstr()) {
            Ok(at) => {
                let id = index.entries()[at].id;
                staged.push((path, id));
            }
            Err(_) if !ignored(&path, false)? => untracked.push(path),
            Err(_) => {}
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
                // kennis reads no hidden files or folders, such as the spare output folder
                // `.public.kennis-old/` of a site whose content is its root: nothing to list there.
                if entry.depth() > 0 && entry.file_name().as_encoded_bytes().starts_with(b".") {
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
                let in_nested_repository = Path::new(path)
                    .ancestors()
                    .skip(1)
                    .filter(|folder| !folder.as_os_str().is_empty())
                    .any(|folder| workdir.join(folder).join(".git").exists());
                if !in_nested_repository
                    && workdir.join(path).symlink_metadata().is_ok_and(|meta| !meta.is_dir())
                {
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
    let mut added: Vec<(String, ObjectId)> =
        scan.staged.into_iter().filter(|(path, _)| !committed.contains(path.as_str())).collect();
    // A file the walk never saw change may still be in the last commit: added by a merge, or
    // where a submodule was. It is committed, just without a history of its own.
    if !added.is_empty() && repository.head_tree_id().is_ok() {
        let paths: Vec<&str> = added.iter().map(|(path, _)| path.as_str()).collect();
        let in_last_commit: HashSet<String> =
            last_commit_ids(repository, &paths)?.into_iter().map(|(path, ..)| path).collect();
        added.retain(|(path, _)| !in_last_commit.contains(path));
    }
    let mut gone: Vec<&str> = committed
        .iter()
        .copied()
        .filter(|path| scan.index.entry_index_by_path(path.as_bytes().as_bstr()).is_err())
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
            // A partial clone may lack the blob: then only identical content pairs.
            let blob = repository.objects.try_find(id, &mut buffer).map_err(read_error)?;
            Ok::<_, GitError>(blob.map(|blob| blob.data.to_vec()))
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

/// The object id of each of `paths` that the last commit has (not a folder), and whether it is
/// a regular file. Each folder's tree is read and indexed once, however many paths it holds.
fn last_commit_ids(
    repository: &gix::Repository,
    paths: &[&str],
) -> Result<Vec<(String, ObjectId, bool)>, GitError> {
    let hash_len = repository.object_hash().len_in_bytes();
    let root = repository.head_tree_id().map_err(read_error)?.detach();
    // Each folder by its path (`""` for the root): its entries by name, or None if absent.
    let mut folders: HashMap<&str, Option<Entries>> = HashMap::new();
    let mut buffer = Vec::new();
    for path in paths {
        let (folder, _) = path.rsplit_once('/').unwrap_or(("", path));
        if !folders.contains_key(folder) {
            let entries = folder_entries(repository, &mut buffer, root, folder, hash_len)?;
            folders.insert(folder, entries);
        }
    }
    let mut found = Vec::new();
    for path in paths {
        let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
        let entry = folders[folder].as_ref().and_then(|entries| entries.get(name.as_bytes()));
        if let Some(&(id, mode)) = entry
            && !mode.is_tree()
            && !mode.is_commit()
        {
            found.push(((*path).to_owned(), id, !mode.is_link()));
        }
    }
    Ok(found)
}

/// A folder's entries by name.
type Entries = HashMap<Vec<u8>, (ObjectId, gix::objs::tree::EntryMode)>;

/// The entries of `folder` (a path from the root tree `root`), or None if there is no such folder.
fn folder_entries(
    repository: &gix::Repository,
    buffer: &mut Vec<u8>,
    root: ObjectId,
    folder: &str,
    hash_len: usize,
) -> Result<Option<Entries>, GitError> {
    use gix::objs::Find;
    let mut id = root;
    for name in folder.split('/').filter(|name| !name.is_empty()) {
        match lookup_entry(repository, buffer, id, name, hash_len)? {
            Some(inner) => id = inner,
            None => return Ok(None),
        }
    }
    let Some(tree) = repository.objects.try_find(&id, buffer).map_err(read_error)? else { return Ok(None) };
    let mut entries = Entries::new();
    let mut at = 0;
    while let Some((entry, next)) = tree_diff::entry_at(tree.data, at, hash_len)? {
        entries.insert(entry.name.to_vec(), (ObjectId::from_bytes_or_panic(entry.id), entry.mode));
        at = next;
    }
    Ok(Some(entries))
}

/// The id of the folder `name` in the tree `id`.
fn lookup_entry(
    repository: &gix::Repository,
    buffer: &mut Vec<u8>,
    id: ObjectId,
    name: &str,
    hash_len: usize,
) -> Result<Option<ObjectId>, GitError> {
    use gix::objs::Find;
    let Some(tree) = repository.objects.try_find(&id, buffer).map_err(read_error)? else { return Ok(None) };
    let entry = tree_diff::find_entry(tree.data, name.as_bytes(), hash_len)?;
    Ok(entry.filter(|entry| entry.mode.is_tree()).map(|entry| ObjectId::from_bytes_or_panic(entry.id)))
}

fn read_error(error: impl std::fmt::Display) -> GitError {
    GitError::Read(error.to_string())
}
