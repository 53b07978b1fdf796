//! Git history of a site's content: every commit that changed it, as events, and the summary of
//! them: when each file was created and last updated, and who contributed.
//!
//! Everything comes from ONE pass over the history of the content folder (never one process per
//! file), read in-process with gix: no `git` program is needed. The events and the summary are kept
//! together in [`GitHistory`] and come from the same data: the summary is computed from the events.
//!
//! 1. `repository.rs` finds the repository from the site root: the site root's path inside it,
//!    whether it is a shallow clone, whether it has commits yet, the configured user.
//! 2. `commits.rs` lists the commits and compares each with its parent on every core, as
//!    `git log --no-merges --name-status -M` would, using `tree_diff.rs` to compare two trees and
//!    `renames.rs` to pair deleted and added files into renames.
//! 3. `events.rs` turns that log into [`CommitEvent`]s (newest first), people and paths interned.
//! 4. `follow.rs` summarises the events: it walks them newest to oldest and gives every change to
//!    the file that holds that content today, following renames, so a renamed page keeps its
//!    creation date and people.
//! 5. `uncommitted.rs`, beside step 2, lists the work tree and the index the way `git status` does:
//!    new files are dated by their modification time and credited to the configured user.
//!
//! Paths in the result are relative to the site root, with `/` separators, even when the site root
//! is a subfolder of the repository.

mod commits;
mod events;
mod follow;
mod objects;
mod renames;
mod repository;
#[cfg(test)]
mod tests;
mod tree_diff;
mod uncommitted;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use jiff::Timestamp;
use jiff::tz::Offset;

use events::Events;
use repository::Repository;
use uncommitted::Uncommitted;

pub use events::{ChangeKind, CommitEvent, FileChange, PersonId};

/// One person as git names them (after `.mailmap`); `email` lowercased.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Contributor {
    pub name: String,
    pub email: String,
}

/// What git knows about one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileHistory {
    /// Author date of the oldest commit of the file, the one that added it (following renames).
    pub created: Timestamp,
    /// The latest author date among the commits that changed it (never before `created`).
    pub updated: Timestamp,
    /// The UTC offset of `created`'s commit, so the page shows the day its author saw.
    pub created_offset: Offset,
    /// The UTC offset of `updated`'s commit.
    pub updated_offset: Offset,
    /// Distinct by e-mail address, in order of first contribution: the creator first.
    pub contributors: Vec<Contributor>,
    /// The author of the commit dated `updated`: who changed the file last (one of
    /// `contributors`). For a file not committed yet, the configured user.
    pub updated_by: Option<Contributor>,
    /// Commits that changed the file, merges not counted.
    pub commits: usize,
    /// A new file not committed yet: dated by its modification time, by the configured user.
    pub uncommitted: bool,
}

/// The history of the content folder: every commit that changed it ([`GitHistory::events`]), the
/// files not committed yet ([`GitHistory::uncommitted`]), and the summary of both per file
/// ([`GitHistory::file`]). Paths are relative to the site root with `/` separators
/// (`content/posts/a.md`).
#[derive(Clone, Debug, Default)]
pub struct GitHistory {
    /// The summary, by path.
    files: HashMap<String, TrackedFile>,
    events: Events,
    uncommitted: Vec<UncommittedFile>,
    /// The repository is a shallow clone: dates and people are those of the shallow history only.
    pub shallow: bool,
    /// The user in `git config` (`user.name` and `user.email`), who gets uncommitted files.
    pub user: Option<Contributor>,
    /// The site root's path from the repository root, with a trailing `/` (empty at the root).
    site_path: String,
}

/// A file in the work tree or the index that no commit has yet, as `git status` lists it (new, or
/// renamed in the index). It is no [`CommitEvent`]: it has no id, no date and no author yet. Its
/// summary ([`GitHistory::file`]) dates it by its file time and credits [`GitHistory::user`]; a file renamed in
/// the index keeps the summary of `renamed_from`. Changed and deleted files that are not committed
/// are not listed: they keep their committed history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UncommittedFile {
    /// From the site root.
    pub path: String,
    /// The path in the last commit, for a file renamed in the index.
    pub renamed_from: Option<String>,
}

/// A file's history and the paths it had before, which [`GitHistory::refresh`] must ask git about
/// too for git to see the renames.
#[derive(Clone, Debug)]
struct TrackedFile {
    history: FileHistory,
    former_paths: Vec<String>,
}

/// Why there is no history; the caller prints one line and falls back to front matter and file
/// times.
#[derive(Debug, thiserror::Error)]
pub enum NoHistory {
    #[error("the site is not in a git repository")]
    NotARepository,
    #[error("{0}")]
    Failed(String),
}

/// Why [`GitHistory::refresh`] could not re-read the history.
#[derive(Debug, thiserror::Error)]
pub enum GitError {
    #[error("`{}` is not in a git repository", .0.display())]
    NotARepository(std::path::PathBuf),
    #[error("could not read the repository: {0}")]
    Read(String),
    #[error("object {0} is missing from the repository")]
    Missing(gix::ObjectId),
}

impl From<GitError> for NoHistory {
    fn from(error: GitError) -> NoHistory {
        match error {
            GitError::NotARepository(_) => NoHistory::NotARepository,
            GitError::Read(why) => NoHistory::Failed(why),
            missing @ GitError::Missing(_) => NoHistory::Failed(missing.to_string()),
        }
    }
}

/// Reads the history of every file below `content_dir` (relative to `site_root`, e.g. `content`,
/// or `.` for a site whose content is its root).
pub fn read_history(site_root: &Path, content_dir: &str) -> Result<GitHistory, NoHistory> {
    let content_dir = content_dir.trim_start_matches("./").trim_end_matches('/');
    let content_dir = if content_dir.is_empty() { "." } else { content_dir };
    Ok(read_paths(site_root, Request::Folder(content_dir))?)
}

impl GitHistory {
    /// The history of one file, by its path relative to the site root (`content/posts/a.md`).
    pub fn file(&self, path_from_site_root: &str) -> Option<&FileHistory> {
        self.files.get(path_from_site_root).map(|tracked| &tracked.history)
    }

    /// Every commit that touched the content, NEWEST FIRST (git log's order, by commit date),
    /// merges left out; each with its id, author, author date and UTC offset, and its changes.
    pub fn events(&self) -> impl ExactSizeIterator<Item = CommitEvent<'_>> + DoubleEndedIterator {
        self.events.commits.iter().map(|record| self.events.event(record))
    }

    /// Everyone who authored an event, each once (by lowercased e-mail address, named as in
    /// their newest commit), in order of their newest commit: [`PersonId::index`] is the place.
    pub fn people(&self) -> &[Contributor] {
        &self.events.people
    }

    /// The site root's path from the repository root, with a trailing `/` (`docs/`, or empty
    /// when the site is the repository's root): what a path from the site root is prefixed with
    /// to name the file in the repository (`{path}` in `edit_url`).
    pub fn site_path(&self) -> &str {
        &self.site_path
    }

    /// The files not committed yet, by path.
    pub fn uncommitted(&self) -> &[UncommittedFile] {
        &self.uncommitted
    }

    /// How many files have a history.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Re-reads the history of a few files (one pass for all of them together) and replaces
    /// their entries; a file git no longer knows loses its entry. For a rename, pass both the old
    /// and the new path, so that both sides are read and the new path keeps the old one's history.
    ///
    /// The events are merged: every change to one of the re-read paths (those given and the
    /// paths they had before) is replaced by what the new read found, in the commit it belongs
    /// to; a commit the events did not have yet (one made since) is put in place by commit date,
    /// with the changes to the re-read files only. Commits left with no change are dropped. The
    /// uncommitted files among the re-read paths are replaced likewise.
    pub fn refresh(&mut self, site_root: &Path, paths_from_site_root: &[String]) -> Result<(), GitError> {
        let mut pathspecs: Vec<&str> =
            paths_from_site_root.iter().map(String::as_str).filter(|path| !path.is_empty()).collect();
        if pathspecs.is_empty() {
            return Ok(());
        }
        for path in paths_from_site_root {
            if let Some(tracked) = self.files.get(path) {
                pathspecs.extend(tracked.former_paths.iter().map(String::as_str));
            }
        }
        let mut fresh = read_paths(site_root, Request::Files(&pathspecs))?;
        self.events = self.events.merged(&fresh.events, &pathspecs);
        self.uncommitted.retain(|file| !pathspecs.contains(&file.path.as_str()));
        self.uncommitted.append(&mut fresh.uncommitted);
        self.uncommitted.sort_by(|a, b| a.path.cmp(&b.path));
        self.uncommitted.dedup_by(|a, b| a.path == b.path);
        for path in paths_from_site_root {
            match fresh.files.remove(path) {
                Some(tracked) => self.files.insert(path.clone(), tracked),
                None => self.files.remove(path),
            };
        }
        self.name_people_as_a_full_read_would();
        self.shallow = fresh.shallow;
        self.user = fresh.user;
        self.site_path = fresh.site_path;
        Ok(())
    }
}

impl GitHistory {
    /// A full read names each person as their newest commit does, in every file's summary;
    /// a refresh reads only a few files, whose newest commit by that person may name them
    /// otherwise (`Yaro` where the rest of the history says `Yaro Shm`), and a new commit
    /// may rename them everywhere. The merged events know the name a full read would give.
    fn name_people_as_a_full_read_would(&mut self) {
        let names: HashMap<&str, &str> =
            self.events.people.iter().map(|person| (person.email.as_str(), person.name.as_str())).collect();
        for tracked in self.files.values_mut() {
            let history = &mut tracked.history;
            for contributor in history.contributors.iter_mut().chain(&mut history.updated_by) {
                if let Some(&name) = names.get(contributor.email.as_str())
                    && contributor.name != name
                {
                    contributor.name = name.to_owned();
                }
            }
        }
    }
}

/// Which files to read the history of.
#[derive(Clone, Copy, Debug)]
enum Request<'a> {
    /// Every file below a folder of the site (`content`, or `.`).
    Folder(&'a str),
    /// A few files and the paths they had before, for [`GitHistory::refresh`].
    Files(&'a [&'a str]),
}

/// Reads the history of the requested files, and lists the work tree and the index beside.
fn read_paths(site_root: &Path, request: Request<'_>) -> Result<GitHistory, GitError> {
    let repository = repository::find_repository(site_root)?;
    let scope = request.scope(&repository);
    // gix's repository handle is for one thread at a time: each side gets its own.
    let (for_log, for_scan) = (repository.repository.clone(), repository.repository.clone());
    let (has_commits, workdir, scope_ref) = (repository.has_commits, repository.workdir.as_path(), &scope);
    let (log, scan) = rayon::join(
        move || match has_commits {
            true => commits::read_log(for_log, scope_ref),
            false => Ok(commits::Log::default()),
        },
        move || uncommitted::scan(&for_scan, workdir, scope_ref),
    );
    let (log, scan) = (log?, scan?);
    let events = Events::from_log(log, repository.prefix());
    let followed = follow::follow_renames(&events);
    // `uncommitted` works with paths from the repository root.
    let prefix = repository.prefix();
    let committed: Vec<String> =
        followed.iter().map(|file| format!("{prefix}{}", events.paths[file.path as usize])).collect();
    let committed = committed.iter().map(String::as_str).collect();
    let uncommitted = uncommitted::uncommitted(&repository.repository, scan, &committed)?;
    let user = repository.user();
    let mut files = committed_files(followed, &events);
    let uncommitted = add_uncommitted(&repository, &mut files, uncommitted, user.as_ref());
    let site_path = repository.prefix().to_owned();
    Ok(GitHistory { files, events, uncommitted, shallow: repository.shallow, user, site_path })
}

impl Request<'_> {
    /// The part of the repository to read, by paths from its root.
    fn scope(&self, repository: &Repository) -> commits::Scope {
        match self {
            Request::Folder(".") => commits::Scope::Folder(repository.prefix().to_owned()),
            Request::Folder(folder) => commits::Scope::Folder(format!("{}{folder}/", repository.prefix())),
            Request::Files(files) => commits::Scope::Files(
                files.iter().map(|file| format!("{}{file}", repository.prefix())).collect::<HashSet<_>>(),
            ),
        }
    }
}

/// Every file that has a history in the events, by its path from the site root.
fn committed_files(followed: Vec<follow::FollowedFile>, events: &Events) -> HashMap<String, TrackedFile> {
    let mut files = HashMap::with_capacity(followed.len());
    for file in followed {
        let path = |id: u32| events.paths[id as usize].to_string();
        let former_paths = file.former_paths.iter().map(|&id| path(id)).collect();
        files.insert(path(file.path), TrackedFile { history: file.history, former_paths });
    }
    files
}

/// New files get a history of their own, dated by their modification time; a file renamed in the
/// index keeps the history of its old path. Not the time of the build: two builds of the same
/// files must write the same dates (a new file's time is its first save, close to "now" anyway).
/// Returns the files, by path from the site root.
fn add_uncommitted(
    repository: &Repository,
    files: &mut HashMap<String, TrackedFile>,
    uncommitted: Vec<Uncommitted>,
    user: Option<&Contributor>,
) -> Vec<UncommittedFile> {
    let now = Timestamp::now();
    let new_file = |path: &str| {
        let modified = std::fs::symlink_metadata(repository.workdir.join(path)).and_then(|m| m.modified());
        let time = modified.ok().and_then(|time| Timestamp::try_from(time).ok()).unwrap_or(now);
        TrackedFile {
            history: FileHistory {
                created: time,
                updated: time,
                // A file time carries no offset: the site's `timezone`, if set, decides its day.
                created_offset: Offset::UTC,
                updated_offset: Offset::UTC,
                contributors: user.into_iter().cloned().collect(),
                updated_by: user.cloned(),
                commits: 0,
                uncommitted: true,
            },
            former_paths: Vec::new(),
        }
    };
    let mut listed = Vec::with_capacity(uncommitted.len());
    for entry in uncommitted {
        let Some(path) = repository.path_from_site_root(&entry.path) else { continue };
        let renamed_from =
            entry.renamed_from.as_deref().and_then(|from| repository.path_from_site_root(from));
        let tracked = match renamed_from.and_then(|from| files.remove(from).map(|tracked| (from, tracked))) {
            Some((from, mut tracked)) => {
                tracked.former_paths.push(from.to_owned());
                tracked
            }
            None => new_file(&entry.path),
        };
        files.insert(path.to_owned(), tracked);
        listed.push(UncommittedFile { path: path.to_owned(), renamed_from: renamed_from.map(str::to_owned) });
    }
    listed.sort_by(|a, b| a.path.cmp(&b.path));
    listed
}
