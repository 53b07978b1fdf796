//! Every commit that changed the content, as events: its id, who, when (with the commit's own UTC
//! offset), and which files it added, changed, renamed or deleted.
//!
//! Events are kept NEWEST FIRST, in the order `git log` lists them (by commit date), merges left
//! out as `git log --no-merges` leaves them out. They are compact: each person and each path is
//! stored once in a table and commits and changes refer to them by index (64 bytes a commit, 12 a
//! changed file), so the 10,000-commit benchmark corpus's events take about 2 MB, paths included. Work not committed yet is no event (it has no id, date or author): see
//! [`GitHistory::uncommitted`](super::GitHistory::uncommitted).

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use gix::ObjectId;
use jiff::Timestamp;
use jiff::tz::Offset;

use super::Contributor;
use super::commits::{self, Log};

/// One person in [`GitHistory::people`](super::GitHistory::people): the same person (by lowercased e-mail address, after
/// `.mailmap`) has the same id in every event of one history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonId(u32);

impl PersonId {
    /// The person's place in [`GitHistory::people`](super::GitHistory::people).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// How a commit touched a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    Added,
    /// Other content or another mode.
    Changed,
    /// Moved from [`FileChange::from`], perhaps changed too (git's similarity rule).
    Renamed,
    Deleted,
}

/// One file a commit touched; paths from the site root with `/` separators (`content/a.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FileChange<'a> {
    pub kind: ChangeKind,
    /// The file's path after the commit; for a deletion, the path deleted.
    pub path: &'a str,
    /// For a rename, the path before it.
    pub from: Option<&'a str>,
}

/// One commit that touched the content, as returned by [`GitHistory::events`](super::GitHistory::events).
#[derive(Clone, Copy)]
pub struct CommitEvent<'a> {
    events: &'a Events,
    record: &'a CommitRecord,
}

impl std::fmt::Debug for CommitEvent<'_> {
    // The event itself, not the tables it points into.
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("CommitEvent")
            .field("id", &self.id())
            .field("author", self.author())
            .field("time", &self.zoned())
            .field("changes", &self.changes().collect::<Vec<_>>())
            .finish()
    }
}

impl<'a> CommitEvent<'a> {
    pub fn id(&self) -> ObjectId {
        self.record.id
    }

    /// The author, after `.mailmap`; the name is the one of their newest commit.
    pub fn author(&self) -> &'a Contributor {
        &self.events.people[self.record.author as usize]
    }

    pub fn author_id(&self) -> PersonId {
        PersonId(self.record.author)
    }

    /// The author date.
    pub fn time(&self) -> Timestamp {
        self.record.time
    }

    /// The UTC offset the author's clock had (`+05:30` for `2024-03-01T10:00:00+05:30`).
    pub fn offset(&self) -> Offset {
        Offset::from_seconds(self.record.offset).unwrap_or(Offset::UTC)
    }

    /// The author date on the author's clock, in the commit's own offset.
    pub fn zoned(&self) -> jiff::Zoned {
        self.record.time.to_zoned(self.offset().to_time_zone())
    }

    /// The files this commit touched, by path.
    pub fn changes(&self) -> impl ExactSizeIterator<Item = FileChange<'a>> + 'a {
        let events = self.events;
        let Range { start, end } = self.record.changes.clone();
        events.changes[start as usize..end as usize].iter().map(move |change| FileChange {
            kind: change.kind,
            path: &events.paths[change.path as usize],
            from: (change.from != NO_PATH).then(|| &*events.paths[change.from as usize]),
        })
    }
}

/// The commits of one history, newest first, with their changes, people and paths in tables.
#[derive(Clone, Debug, Default)]
pub(super) struct Events {
    pub(super) commits: Vec<CommitRecord>,
    pub(super) changes: Vec<ChangeRecord>,
    pub(super) people: Vec<Contributor>,
    /// Every path any change names, from the site root.
    pub(super) paths: Vec<Arc<str>>,
    path_ids: HashMap<Arc<str>, u32>,
    person_ids: HashMap<String, u32>,
}

#[derive(Clone, Debug)]
pub(super) struct CommitRecord {
    pub(super) id: ObjectId,
    /// Index in [`Events::people`].
    pub(super) author: u32,
    /// The author date.
    pub(super) time: Timestamp,
    /// The author date's UTC offset, in seconds.
    pub(super) offset: i32,
    /// The committer date in seconds, by which git orders the log (and a refresh merges).
    pub(super) committed: i64,
    /// This commit's part of [`Events::changes`].
    pub(super) changes: Range<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct ChangeRecord {
    pub(super) kind: ChangeKind,
    /// Index in [`Events::paths`].
    pub(super) path: u32,
    /// The path before a rename, or [`NO_PATH`].
    pub(super) from: u32,
}

/// [`ChangeRecord::from`] of a change that is no rename.
pub(super) const NO_PATH: u32 = u32::MAX;

impl Events {
    /// The events of `log`, paths made relative to the site root by removing `prefix` (the site
    /// root's path in the repository, `""` or ending in `/`); a change outside it is left out.
    pub(super) fn from_log(log: Log, prefix: &str) -> Events {
        let mut events = Events {
            commits: Vec::with_capacity(log.commits.len()),
            changes: Vec::with_capacity(log.changes.len()),
            ..Events::default()
        };
        let mut changes = log.changes.into_iter();
        // Runs of commits by one person are common: the previous raw address and its id.
        let mut previous: Option<(String, u32)> = None;
        for commit in log.commits {
            let author = match &previous {
                Some((email, id)) if *email == commit.email => *id,
                _ => {
                    let id = events.person(&commit.email, &commit.name);
                    previous = Some((commit.email, id));
                    id
                }
            };
            let start = events.changes.len() as u32;
            for change in changes.by_ref().take(commit.changes.len()) {
                let Some(path) = change.path.strip_prefix(prefix) else { continue };
                let kind = match change.kind {
                    commits::ChangeKind::Added => ChangeKind::Added,
                    commits::ChangeKind::Modified => ChangeKind::Changed,
                    commits::ChangeKind::Renamed => ChangeKind::Renamed,
                    commits::ChangeKind::Deleted => ChangeKind::Deleted,
                };
                let from = match change.from.as_deref().map(|from| from.strip_prefix(prefix)) {
                    Some(Some(from)) => events.path(from),
                    // Renamed from outside the site: for the site, the file was added.
                    Some(None) => {
                        let path = events.path(path);
                        events.changes.push(ChangeRecord { kind: ChangeKind::Added, path, from: NO_PATH });
                        continue;
                    }
                    None => NO_PATH,
                };
                let path = events.path(path);
                events.changes.push(ChangeRecord { kind, path, from });
            }
            let end = events.changes.len() as u32;
            if start == end {
                continue;
            }
            events.commits.push(CommitRecord {
                id: commit.id,
                author,
                time: commit.time,
                offset: commit.offset,
                committed: commit.committed,
                changes: start..end,
            });
        }
        events
    }

    /// The id of the person with this (raw) address; a new person is named `name`.
    fn person(&mut self, email: &str, name: &str) -> u32 {
        let email = email.to_lowercase();
        if let Some(&id) = self.person_ids.get(&email) {
            return id;
        }
        let id = self.people.len() as u32;
        self.people.push(Contributor { name: name.to_owned(), email: email.clone() });
        self.person_ids.insert(email, id);
        id
    }

    /// The id of a path, from the site root.
    fn path(&mut self, path: &str) -> u32 {
        if let Some(&id) = self.path_ids.get(path) {
            return id;
        }
        let id = self.paths.len() as u32;
        let path: Arc<str> = Arc::from(path);
        self.paths.push(path.clone());
        self.path_ids.insert(path, id);
        id
    }

    pub(super) fn changes_of(&self, commit: &CommitRecord) -> &[ChangeRecord] {
        &self.changes[commit.changes.start as usize..commit.changes.end as usize]
    }

    pub(super) fn event<'a>(&'a self, record: &'a CommitRecord) -> CommitEvent<'a> {
        CommitEvent { events: self, record }
    }

    /// The id of a path if any change names it.
    pub(super) fn path_id(&self, path: &str) -> Option<u32> {
        self.path_ids.get(path).copied()
    }

    /// These events with `fresh` merged in, for a refresh that re-read the files `reread` (paths
    /// from the site root): every change whose path (after the commit) is one of them is replaced
    /// by what `fresh` says. Fresh changes join the commit they belong to, or a commit new to
    /// these events, put in place by commit date. A fresh deletion of a path these events show
    /// renamed away by that commit, to a file not re-read, is left out: the rename says more.
    /// Commits left without changes are dropped.
    pub(super) fn merged(&self, fresh: &Events, reread: &[&str]) -> Events {
        let reread: Vec<u32> = reread.iter().filter_map(|path| self.path_id(path)).collect();
        let is_reread = |path: u32| reread.contains(&path);
        let mut fresh_by_commit: HashMap<ObjectId, &CommitRecord> =
            fresh.commits.iter().map(|commit| (commit.id, commit)).collect();
        let mut merged = Events {
            commits: Vec::with_capacity(self.commits.len() + fresh.commits.len()),
            changes: Vec::with_capacity(self.changes.len() + fresh.changes.len()),
            ..Events::default()
        };
        let kept_ids: HashSet<ObjectId> = self.commits.iter().map(|commit| commit.id).collect();
        let mut fresh_commits = fresh.commits.iter().filter(|commit| !kept_ids.contains(&commit.id));
        let mut next_fresh = fresh_commits.next();
        for kept in &self.commits {
            // A commit only the fresh read has goes before the first kept one committed earlier.
            while let Some(commit) = next_fresh.filter(|commit| commit.committed > kept.committed) {
                merged.push_commit(fresh, commit);
                next_fresh = fresh_commits.next();
            }
            let start = merged.changes.len() as u32;
            let kept_changes = self.changes_of(kept);
            let renamed_away: Vec<u32> = kept_changes
                .iter()
                .filter(|change| change.kind == ChangeKind::Renamed && !is_reread(change.path))
                .map(|change| change.from)
                .collect();
            merged.copy_changes(self, kept_changes.iter().filter(|change| !is_reread(change.path)));
            if let Some(again) = fresh_by_commit.remove(&kept.id) {
                merged.copy_changes(
                    fresh,
                    fresh.changes_of(again).iter().filter(|change| {
                        let path = &fresh.paths[change.path as usize];
                        let renamed_away_here =
                            self.path_id(path).is_some_and(|id| renamed_away.contains(&id));
                        !(change.kind == ChangeKind::Deleted && renamed_away_here)
                    }),
                );
            }
            merged.finish_commit(self, kept, start);
        }
        while let Some(commit) = next_fresh {
            merged.push_commit(fresh, commit);
            next_fresh = fresh_commits.next();
        }
        merged
    }

    /// Adds `commit` of `source` with its changes.
    fn push_commit(&mut self, source: &Events, commit: &CommitRecord) {
        let start = self.changes.len() as u32;
        self.copy_changes(source, source.changes_of(commit).iter());
        self.finish_commit(source, commit, start);
    }

    /// Copies changes of `source` into these events' tables.
    fn copy_changes<'c>(&mut self, source: &Events, changes: impl Iterator<Item = &'c ChangeRecord>) {
        for change in changes {
            let path = self.path(&source.paths[change.path as usize]);
            let from = match change.from {
                NO_PATH => NO_PATH,
                from => self.path(&source.paths[from as usize]),
            };
            self.changes.push(ChangeRecord { kind: change.kind, path, from });
        }
    }

    /// Ends a commit whose changes start at `start`: kept if it has any.
    fn finish_commit(&mut self, source: &Events, commit: &CommitRecord, start: u32) {
        let end = self.changes.len() as u32;
        if start == end {
            return;
        }
        let paths = &self.paths;
        self.changes[start as usize..].sort_by(|a, b| paths[a.path as usize].cmp(&paths[b.path as usize]));
        let who = &source.people[commit.author as usize];
        let author = self.person(&who.email, &who.name);
        self.commits.push(CommitRecord { author, changes: start..end, ..commit.clone() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_and_a_change_stay_small() {
        assert!(std::mem::size_of::<CommitRecord>() <= 64, "{}", std::mem::size_of::<CommitRecord>());
        assert_eq!(std::mem::size_of::<ChangeRecord>(), 12);
    }
}
