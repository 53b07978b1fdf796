//! The commits that changed the content, each with the files it changed, read in-process with gix.
//!
//! This is `git log --no-merges --name-status -M` over the content folder, without the process:
//! the commits are listed newest first (git's default order, by commit date), then compared with
//! their parents on every core at once. Each worker reads the trees of a run of neighbouring
//! commits, so a commit's tree is read once and serves as its child's parent tree too; two trees
//! are compared by [`tree_diff`](super::tree_diff), and objects come through
//! [`objects`](super::objects) or gix's lookup. A commit with both added and deleted files has
//! them paired into renames by [`renames`](super::renames), as git does. Author names and addresses
//! go through the repository's `.mailmap`.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use gix::ObjectId;
use gix::bstr::ByteSlice;
use gix::objs::tree::EntryMode;
use jiff::Timestamp;
use rayon::prelude::*;

use super::GitError;
use super::objects;
use super::renames;
use super::tree_diff::{self, Comparison, Difference, Entry, MalformedTree};

/// Which part of the repository to read, by paths from the repository root.
#[derive(Debug)]
pub(super) enum Scope {
    /// Every file below this folder (empty for the whole repository, else ending in `/`).
    Folder(String),
    /// Just these files.
    Files(HashSet<String>),
}

/// The commits that changed something in scope, newest first, with their changes in one vector.
#[derive(Debug, Default)]
pub(super) struct Log {
    pub(super) commits: Vec<Commit>,
    pub(super) changes: Vec<Change>,
}

#[derive(Debug)]
pub(super) struct Commit {
    pub(super) id: ObjectId,
    /// The author date.
    pub(super) time: Timestamp,
    /// The author date's UTC offset, in seconds.
    pub(super) offset: i32,
    /// The committer date, in seconds, by which the log is ordered.
    pub(super) committed: i64,
    pub(super) email: String,
    pub(super) name: String,
    /// This commit's part of [`Log::changes`].
    pub(super) changes: Range<usize>,
}

/// A changed file, paths from the repository root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Change {
    pub(super) kind: ChangeKind,
    pub(super) path: String,
    /// The path before a rename.
    pub(super) from: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ChangeKind {
    Added,
    /// Other content or another mode.
    Modified,
    Deleted,
    Renamed,
}

/// A commit to compare with its parent: merges are left out, as with `git log --no-merges`.
struct Listed {
    id: ObjectId,
    /// None for a root commit, and for the oldest commits of a shallow clone.
    parent: Option<ObjectId>,
}

/// What one commit changed, before the commits are joined into one [`Log`].
struct Read {
    id: ObjectId,
    time: Timestamp,
    offset: i32,
    committed: i64,
    email: String,
    name: String,
    changes: Vec<Change>,
}

/// Commits per unit of work: a few runs per core, so that all stay busy to the end (newer commits
/// have bigger trees), each long enough that a worker's caches pay off: warming gix's cache of
/// delta bases costs more than a run of a few hundred commits saves.
fn commits_per_task(commits: usize) -> usize {
    commits.div_ceil(rayon::current_num_threads() * 4).max(512)
}

/// Reads every commit reachable from HEAD.
pub(super) fn read_log(repository: gix::Repository, scope: &Scope) -> Result<Log, GitError> {
    let Ok(head) = repository.head_id() else { return Ok(Log::default()) };
    let commits = list_commits(&repository, head.detach())?;
    let mailmap = repository.open_mailmap();
    let packs = objects::open_packs(&repository);
    let shared = repository.into_sync();
    let read: Vec<Vec<Read>> = commits
        .par_chunks(commits_per_task(commits.len()))
        .map(|run| {
            Worker::new(shared.to_thread_local(), objects::Objects::new(packs.clone()), scope, &mailmap)
                .read(run)
        })
        .collect::<Result<_, _>>()?;
    let mut log = Log::default();
    for commit in read.into_iter().flatten() {
        let start = log.changes.len();
        log.changes.extend(commit.changes);
        let changes = start..log.changes.len();
        let Read { id, time, offset, committed, email, name, .. } = commit;
        log.commits.push(Commit { id, time, offset, committed, email, name, changes });
    }
    Ok(log)
}

/// Every commit reachable from `head`, newest first, without merges.
fn list_commits(repository: &gix::Repository, head: ObjectId) -> Result<Vec<Listed>, GitError> {
    use gix::revision::walk::Sorting;
    use gix::traverse::commit::simple::CommitTimeOrder;
    let shallow: HashSet<ObjectId> = match repository.shallow_commits().map_err(history_error)? {
        Some(commits) => commits.iter().copied().collect(),
        None => HashSet::new(),
    };
    let walk = repository
        .rev_walk([head])
        .sorting(Sorting::ByCommitTime(CommitTimeOrder::NewestFirst))
        .all()
        .map_err(history_error)?;
    let mut commits = Vec::new();
    for info in walk {
        let info = info.map_err(history_error)?;
        // The oldest commits of a shallow clone have no parents as far as git is concerned, so
        // they add every file, even when they are merges.
        if shallow.contains(&info.id) {
            commits.push(Listed { id: info.id, parent: None });
        } else if info.parent_ids.len() <= 1 {
            commits.push(Listed { id: info.id, parent: info.parent_ids.first().copied() });
        }
    }
    Ok(commits)
}

/// Puts the bytes of object `id`, which must be of `kind`, into `buffer`: from the packs through
/// `objects`, else through gix's lookup (loose objects, alternates).
fn find(
    objects: &mut objects::Objects,
    lookup: &impl gix::objs::Find,
    buffer: &mut Vec<u8>,
    id: &gix::oid,
    kind: gix::object::Kind,
) -> Result<(), GitError> {
    let found = match objects.read_packed(id, buffer) {
        Some(found) => found?,
        None => {
            let (found, at, length) = {
                let data = lookup
                    .try_find(id, buffer)
                    .map_err(history_error)?
                    .ok_or_else(|| GitError::Missing(id.to_owned()))?;
                (data.kind, data.data.as_ptr() as usize, data.data.len())
            };
            // The object may sit after a header in the buffer: keep just the object.
            let start = at - buffer.as_ptr() as usize;
            buffer.truncate(start + length);
            buffer.drain(..start);
            found
        }
    };
    if found != kind {
        return Err(GitError::Read(format!("object {id} is a {found}, not a {kind}")));
    }
    Ok(())
}

/// Text from a commit as UTF-8: as it is when it is, else decoded from the commit's declared
/// encoding, else with replacement characters (as git shows it).
fn utf8(bytes: &[u8], encoding: Option<&'static encoding_rs::Encoding>) -> String {
    match (std::str::from_utf8(bytes), encoding) {
        (Ok(text), _) => text.to_owned(),
        (Err(_), Some(encoding)) => encoding.decode_without_bom_handling(bytes).0.into_owned(),
        (Err(_), None) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

fn history_error(error: impl std::fmt::Display) -> GitError {
    GitError::Read(error.to_string())
}

/// The bytes of a tree object, shared between a worker's cache and the comparison reading it.
type Tree = Arc<Vec<u8>>;

/// Reads a run of commits on one thread.
struct Worker<'a> {
    repository: gix::Repository,
    scope: &'a Scope,
    mailmap: &'a gix::mailmap::Snapshot,
    hash_len: usize,
    /// Recently read trees: a commit's trees are its child's parent trees.
    trees: Vec<(ObjectId, Tree)>,
    /// The tree of the latest commits read, by commit.
    commit_trees: Vec<(ObjectId, ObjectId)>,
    buffer: Vec<u8>,
    /// The buffer of a tree that left [`Worker::trees`], to read the next tree into.
    spare: Vec<u8>,
    objects: objects::Objects,
}

/// The size of the cache of gix's lookup, per worker.
const DELTA_CACHE_BYTES: usize = 32 << 20;

/// Trees kept per worker: both sides of every folder level of a commit, with room to spare.
const TREES_KEPT: usize = 32;

impl<'a> Worker<'a> {
    fn new(
        mut repository: gix::Repository,
        objects: objects::Objects,
        scope: &'a Scope,
        mailmap: &'a gix::mailmap::Snapshot,
    ) -> Self {
        // Objects that `objects` leaves to gix come through its pack cache: capped by bytes
        // rather than gix's default 64 objects, which is faster here (0.38-0.40 s against
        // 0.42-0.45 s for the 10k corpus).
        repository.objects.set_pack_cache(|| {
            Box::new(gix::odb::pack::cache::lru::MemoryCappedHashmap::new(DELTA_CACHE_BYTES))
        });
        let hash_len = repository.object_hash().len_in_bytes();
        Worker {
            repository,
            scope,
            mailmap,
            hash_len,
            trees: Vec::with_capacity(TREES_KEPT),
            commit_trees: Vec::new(),
            buffer: Vec::new(),
            spare: Vec::new(),
            objects,
        }
    }

    fn read(mut self, run: &[Listed]) -> Result<Vec<Read>, GitError> {
        let mut read = Vec::new();
        for commit in run {
            if let Some(commit) = self.commit(commit)? {
                read.push(commit);
            }
        }
        Ok(read)
    }

    /// What `listed` changed in scope; None when it changed nothing there.
    fn commit(&mut self, listed: &Listed) -> Result<Option<Read>, GitError> {
        let (tree, time, offset, committed, email, name) = {
            let hash = self.repository.object_hash();
            let kind = gix::object::Kind::Commit;
            find(&mut self.objects, &self.repository.objects, &mut self.buffer, &listed.id, kind)?;
            let commit = gix::objs::CommitRef::from_bytes(&self.buffer, hash).map_err(history_error)?;
            let author = commit.author().map_err(history_error)?.trim();
            let time = Timestamp::from_second(author.seconds()).unwrap_or(Timestamp::UNIX_EPOCH);
            let offset = author.time().map_or(0, |time| time.offset);
            let committed = commit.committer().map_or(0, |committer| committer.seconds());
            // A commit may say its text is not UTF-8 (`i18n.commitEncoding`); git log turns it
            // into UTF-8 before the mailmap sees it, and so does this.
            let encoding = commit.encoding.and_then(|label| encoding_rs::Encoding::for_label(label));
            let (name, email) = (utf8(author.name, encoding), utf8(author.email, encoding));
            let author = self.mailmap.resolve(gix::actor::SignatureRef {
                name: name.as_bytes().as_bstr(),
                email: email.as_bytes().as_bstr(),
                time: author.time,
            });
            (
                commit.tree(),
                time,
                offset,
                committed,
                author.email.to_str_lossy().into_owned(),
                author.name.to_str_lossy().into_owned(),
            )
        };
        self.remember_commit_tree(listed.id, tree);
        let parent_tree = match listed.parent {
            Some(parent) => Some(self.commit_tree(parent)?),
            None => None,
        };
        let new = self.scope_tree(Some(tree))?;
        let old = self.scope_tree(parent_tree)?;
        if old.as_ref().map(|tree| tree.0) == new.as_ref().map(|tree| tree.0) {
            return Ok(None);
        }
        let empty = Arc::new(Vec::new());
        let (old, new) = (old.map_or(empty.clone(), |tree| tree.1), new.map_or(empty, |tree| tree.1));
        let mut path = self.scope.start().as_bytes().to_vec();
        let mut differences = Differences { worker: self, found: Vec::new() };
        tree_diff::compare(&old, &new, &mut path, differences.worker.hash_len, &mut differences)?;
        let found = differences.found;
        let changes = self.pair_renames(found)?;
        let id = listed.id;
        Ok((!changes.is_empty()).then_some(Read { id, time, offset, committed, email, name, changes }))
    }

    /// The tree of a commit, usually the one read just before.
    fn commit_tree(&mut self, commit: ObjectId) -> Result<ObjectId, GitError> {
        if let Some((_, tree)) = self.commit_trees.iter().find(|(id, _)| *id == commit) {
            return Ok(*tree);
        }
        let hash = self.repository.object_hash();
        let kind = gix::object::Kind::Commit;
        find(&mut self.objects, &self.repository.objects, &mut self.buffer, &commit, kind)?;
        let tree =
            gix::objs::CommitRefIter::from_bytes(&self.buffer, hash).tree_id().map_err(history_error)?;
        self.remember_commit_tree(commit, tree);
        Ok(tree)
    }

    fn remember_commit_tree(&mut self, commit: ObjectId, tree: ObjectId) {
        if self.commit_trees.len() >= 4 {
            self.commit_trees.remove(0);
        }
        self.commit_trees.push((commit, tree));
    }

    /// The tree of the folder in scope, going down from a commit's root tree; None if the commit
    /// has no such folder.
    fn scope_tree(&mut self, root: Option<ObjectId>) -> Result<Option<(ObjectId, Tree)>, GitError> {
        let Some(mut id) = root else { return Ok(None) };
        let start = self.scope.start();
        for name in start.split('/').filter(|name| !name.is_empty()) {
            let tree = self.tree(&id)?;
            match tree_diff::find_entry(&tree, name.as_bytes(), self.hash_len)? {
                Some(entry) if entry.mode.is_tree() => id = ObjectId::from_bytes_or_panic(entry.id),
                _ => return Ok(None),
            }
        }
        let tree = self.tree(&id)?;
        Ok(Some((id, tree)))
    }

    fn tree(&mut self, id: &gix::oid) -> Result<Tree, GitError> {
        // Git knows the empty tree without storing it; `git commit-tree` may leave it out.
        if id.is_empty_tree() {
            return Ok(Arc::new(Vec::new()));
        }
        if let Some((_, tree)) = self.trees.iter().find(|(kept, _)| kept.as_ref() == id) {
            return Ok(tree.clone());
        }
        // Read into a buffer of its own, which the cache then keeps without a copy; the buffer of
        // a tree that left the cache is used again, as growing a new one costs more than the read.
        let mut buffer = std::mem::take(&mut self.spare);
        find(&mut self.objects, &self.repository.objects, &mut buffer, id, gix::object::Kind::Tree)?;
        let tree = Arc::new(buffer);
        if self.trees.len() >= TREES_KEPT
            && let Ok(spare) = Arc::try_unwrap(self.trees.remove(0).1)
        {
            self.spare = spare;
        }
        self.trees.push((id.to_owned(), tree.clone()));
        Ok(tree)
    }

    /// Turns the files a commit added and deleted into renames where git would see them.
    fn pair_renames(&mut self, found: Vec<Found>) -> Result<Vec<Change>, GitError> {
        fn side(file: &Found) -> renames::Side<'_> {
            // Trees and submodules never get here: what is not a symbolic link is a regular file.
            renames::Side { path: &file.path, id: file.id.as_bytes(), regular: !file.mode.is_link() }
        }
        let (deleted, added): (Vec<&Found>, Vec<&Found>) = (
            found.iter().filter(|file| file.difference == Difference::Deleted).collect(),
            found.iter().filter(|file| file.difference == Difference::Added).collect(),
        );
        if deleted.is_empty() || added.is_empty() {
            return Ok(found.into_iter().map(Found::into_change).collect());
        }
        let (deleted_sides, added_sides): (Vec<_>, Vec<_>) =
            (deleted.iter().map(|file| side(file)).collect(), added.iter().map(|file| side(file)).collect());
        let (objects, lookup, buffer) = (&mut self.objects, &self.repository.objects, &mut self.buffer);
        let pairs = renames::pair(&deleted_sides, &added_sides, |id| {
            let id = gix::oid::from_bytes_unchecked(id);
            // A partial clone (`--filter=blob:none`) may lack the blob: then only identical
            // content pairs, where git would fetch it.
            match find(objects, lookup, buffer, id, gix::object::Kind::Blob) {
                Ok(()) => Ok(Some(buffer.clone())),
                Err(GitError::Missing(_)) => Ok(None),
                Err(error) => Err(error),
            }
        })?;
        let mut renamed_from: HashMap<&str, &str> = HashMap::new();
        for (from, to) in pairs {
            renamed_from.insert(&added[to].path, &deleted[from].path);
        }
        let sources: HashSet<&str> = renamed_from.values().copied().collect();
        let mut changes = Vec::with_capacity(found.len());
        for file in &found {
            match (file.difference, renamed_from.get(file.path.as_str())) {
                (Difference::Added, Some(from)) => changes.push(Change {
                    kind: ChangeKind::Renamed,
                    path: file.path.clone(),
                    from: Some((*from).to_owned()),
                }),
                (Difference::Deleted, _) if sources.contains(file.path.as_str()) => {}
                _ => changes.push(file.clone().into_change()),
            }
        }
        Ok(changes)
    }
}

impl Scope {
    /// The folder to start comparing from: the folder itself, or the repository root for files.
    fn start(&self) -> &str {
        match self {
            Scope::Folder(folder) => folder,
            Scope::Files(_) => "",
        }
    }
}

/// Collects what [`tree_diff::compare`] finds, reading trees through the worker.
struct Differences<'w, 'a> {
    worker: &'w mut Worker<'a>,
    found: Vec<Found>,
}

/// A file that differs, before renames are paired.
#[derive(Clone)]
struct Found {
    difference: Difference,
    path: String,
    id: ObjectId,
    mode: EntryMode,
}

impl Found {
    fn into_change(self) -> Change {
        let kind = match self.difference {
            Difference::Added => ChangeKind::Added,
            Difference::Deleted => ChangeKind::Deleted,
            Difference::Modified => ChangeKind::Modified,
        };
        Change { kind, path: self.path, from: None }
    }
}

impl Comparison for Differences<'_, '_> {
    type Error = GitError;

    fn tree(&mut self, id: &[u8]) -> Result<Tree, GitError> {
        self.worker.tree(gix::oid::from_bytes_unchecked(id))
    }

    fn wants_folder(&self, folder: &[u8]) -> bool {
        match self.worker.scope {
            Scope::Folder(_) => true,
            Scope::Files(files) => files.iter().any(|file| file.as_bytes().starts_with(folder)),
        }
    }

    fn wants_file(&self, path: &[u8]) -> bool {
        match self.worker.scope {
            Scope::Folder(_) => true,
            Scope::Files(files) => path.to_str().is_ok_and(|path| files.contains(path)),
        }
    }

    fn difference(&mut self, difference: Difference, path: &[u8], entry: Entry<'_>) {
        // Like git's `core.quotePath=false` output read as UTF-8: other names cannot be pages.
        let Ok(path) = std::str::from_utf8(path) else { return };
        let id = ObjectId::from_bytes_or_panic(entry.id);
        self.found.push(Found { difference, path: path.to_owned(), id, mode: entry.mode });
    }
}

impl From<MalformedTree> for GitError {
    fn from(error: MalformedTree) -> GitError {
        GitError::Read(error.to_string())
    }
}
