//! The summary of the events: gives every change to the file that holds that content today,
//! following renames, and sums up each file's history as a [`FileHistory`].
//!
//! The walk goes from the newest commit to the oldest with a map from each path, as it was at the
//! commit being read, to its owner: the file that has that content today, or nobody (the content
//! was deleted in the end, or the path held another file before it was created). The newest mention
//! of a path decides: a deletion makes it nobody's, anything else makes it a current file. A rename
//! `old → new` hands the history of `old` before that commit to `new`'s owner; an addition ends a
//! file's history, so a path deleted and created again has history only from its re-creation.
//!
//! Histories that branched and merged are read in git's order, one commit after the other; a
//! change on one branch to a path that the other branch renamed goes to the new name only if git
//! lists it after the rename.

use jiff::Timestamp;
use jiff::tz::Offset;

use super::FileHistory;
use super::events::{ChangeKind, ChangeRecord, CommitRecord, Events, NO_PATH};

/// A file that exists at the newest commit, with its history.
#[derive(Debug)]
pub(super) struct FollowedFile {
    /// Index in [`Events::paths`].
    pub(super) path: u32,
    pub(super) former_paths: Vec<u32>,
    pub(super) history: FileHistory,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Owner {
    /// No newer commit mentioned the path.
    Unseen,
    File(usize),
    Nobody,
}

/// A file's history while the walk collects it.
struct Record {
    path: u32,
    former_paths: Vec<u32>,
    /// The oldest commit seen so far, which in the end is the one that added the file.
    created: Timestamp,
    updated: Timestamp,
    /// The offsets of those two commits, in seconds.
    created_offset: i32,
    updated_offset: i32,
    /// Person ids, newest commit first, without repeats in a row.
    authors: Vec<u32>,
    /// The author of the commit dated `updated`.
    updated_by: u32,
    commits: usize,
    last_commit: usize,
}

impl Record {
    fn contribute(&mut self, commit_index: usize, commit: &CommitRecord) {
        // A file is changed once per commit, but count it once even if odd output says otherwise.
        if self.commits > 0 && self.last_commit == commit_index {
            return;
        }
        self.last_commit = commit_index;
        self.commits += 1;
        self.created = commit.time;
        self.created_offset = commit.offset;
        if commit.time > self.updated {
            (self.updated, self.updated_offset) = (commit.time, commit.offset);
            self.updated_by = commit.author;
        }
        if self.authors.last() != Some(&commit.author) {
            self.authors.push(commit.author);
        }
    }
}

/// Follows every path in `events` back to its creation; returns the files that exist at the end.
pub(super) fn follow_renames(events: &Events) -> Vec<FollowedFile> {
    let mut walk = Walk { owners: vec![Owner::Unseen; events.paths.len()], records: Vec::new() };
    let mut owners_in_commit = Vec::new();
    for (commit_index, commit) in events.commits.iter().enumerate() {
        let changes = events.changes_of(commit);
        // First find every change's owner as the paths are after this commit, then change the
        // paths to what they were before it: a commit may swap two names, or rename `a` away and
        // add a new `a`.
        owners_in_commit.clear();
        for change in changes {
            let owner = walk.owner_after(change);
            if let Owner::File(file) = owner {
                walk.records[file].contribute(commit_index, commit);
            }
            owners_in_commit.push(owner);
        }
        walk.step_back(changes, &owners_in_commit);
    }
    walk.finish(events)
}

struct Walk {
    /// By path id.
    owners: Vec<Owner>,
    records: Vec<Record>,
}

impl Walk {
    /// Whose history a change is, from the path it leaves behind. The newest mention of a path that
    /// is not a deletion is a file that exists today.
    fn owner_after(&mut self, change: &ChangeRecord) -> Owner {
        let path = change.path as usize;
        match (self.owners[path], change.kind) {
            (_, ChangeKind::Deleted) => Owner::Nobody,
            (Owner::Unseen, _) => {
                let file = self.records.len();
                self.records.push(Record {
                    path: change.path,
                    former_paths: Vec::new(),
                    created: Timestamp::UNIX_EPOCH,
                    updated: Timestamp::MIN,
                    created_offset: 0,
                    updated_offset: 0,
                    authors: Vec::new(),
                    updated_by: 0,
                    commits: 0,
                    last_commit: 0,
                });
                self.owners[path] = Owner::File(file);
                Owner::File(file)
            }
            (owner, _) => owner,
        }
    }

    /// Turns the map of paths into what it was before the commit with these `changes`.
    fn step_back(&mut self, changes: &[ChangeRecord], owners: &[Owner]) {
        for change in changes {
            if change.kind != ChangeKind::Changed {
                // Before this commit the path did not exist (added, renamed or copied to) or held
                // content that is gone (deleted).
                self.owners[change.path as usize] = Owner::Nobody;
            }
        }
        for (change, &owner) in changes.iter().zip(owners) {
            if change.kind == ChangeKind::Renamed && change.from != NO_PATH {
                self.owners[change.from as usize] = owner;
                if let Owner::File(file) = owner {
                    self.records[file].former_paths.push(change.from);
                }
            }
        }
    }

    fn finish(self, events: &Events) -> Vec<FollowedFile> {
        let people = &events.people;
        // For each contributor, the last file that listed them: no set per file.
        let mut listed_for = vec![usize::MAX; people.len()];
        let mut files = Vec::with_capacity(self.records.len());
        for (file, record) in self.records.into_iter().enumerate() {
            if record.commits == 0 {
                continue;
            }
            let mut contributors = Vec::with_capacity(record.authors.len());
            for &author in record.authors.iter().rev() {
                let author = author as usize;
                if listed_for[author] != file {
                    listed_for[author] = file;
                    contributors.push(people[author].clone());
                }
            }
            let history = FileHistory {
                created: record.created,
                updated: record.updated,
                created_offset: Offset::from_seconds(record.created_offset).unwrap_or(Offset::UTC),
                updated_offset: Offset::from_seconds(record.updated_offset).unwrap_or(Offset::UTC),
                contributors,
                updated_by: Some(people[record.updated_by as usize].clone()),
                commits: record.commits,
                uncommitted: false,
            };
            files.push(FollowedFile { path: record.path, former_paths: record.former_paths, history });
        }
        files
    }
}

#[cfg(test)]
mod tests {
    use gix::ObjectId;

    use super::*;
    use crate::git::commits::{Change, ChangeKind, Commit, Log};

    /// A log of commits newest first, each `(day of January 2024, author, changes)` with changes
    /// like `"M a.md"` or `"R b.md a.md"` (a rename from `b.md` to `a.md`).
    fn log(commits: &[(i8, &str, &[&str])]) -> Log {
        let mut log = Log::default();
        for (day_of_month, author, changes) in commits {
            let start = log.changes.len();
            for change in *changes {
                let mut words = change.split(' ');
                let kind = match words.next() {
                    Some("A") => ChangeKind::Added,
                    Some("D") => ChangeKind::Deleted,
                    Some("R") => ChangeKind::Renamed,
                    _ => ChangeKind::Modified,
                };
                let (first, second) = (words.next().unwrap().to_owned(), words.next().map(str::to_owned));
                log.changes.push(match second {
                    Some(path) => Change { kind, path, from: Some(first) },
                    None => Change { kind, path: first, from: None },
                });
            }
            let changes = start..log.changes.len();
            let (email, name) = (format!("{author}@example.org"), author.to_string());
            let id = ObjectId::from_bytes_or_panic(&[log.commits.len() as u8; 20]);
            let (time, committed) = (day(*day_of_month), day(*day_of_month).as_second());
            log.commits.push(Commit { id, time, offset: 0, committed, email, name, changes });
        }
        log
    }

    fn day(day: i8) -> Timestamp {
        Timestamp::from_second(1_704_067_200 + i64::from(day - 1) * 86_400).unwrap()
    }

    /// `path: created day, updated day, commits, contributors` for every file, sorted by path.
    fn summary(commits: &[(i8, &str, &[&str])]) -> Vec<String> {
        let events = Events::from_log(log(commits), "");
        let mut files: Vec<String> = follow_renames(&events)
            .iter()
            .map(|file| {
                let history = &file.history;
                let names: Vec<&str> =
                    history.contributors.iter().map(|person| person.name.as_str()).collect();
                let created = (history.created.as_second() - day(1).as_second()) / 86_400 + 1;
                let updated = (history.updated.as_second() - day(1).as_second()) / 86_400 + 1;
                let path = &events.paths[file.path as usize];
                format!("{path}: {created}-{updated} x{} {}", history.commits, names.join(","))
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn a_rename_chain_keeps_the_first_creation() {
        let commits: &[(i8, &str, &[&str])] = &[
            (5, "eve", &["M c.md"]),
            (4, "dan", &["R b.md c.md"]),
            (3, "cas", &["R a.md b.md"]),
            (2, "bob", &["M a.md"]),
            (1, "ann", &["A a.md"]),
        ];
        assert_eq!(summary(commits), ["c.md: 1-5 x5 ann,bob,cas,dan,eve"]);
    }

    #[test]
    fn a_path_deleted_and_created_again_has_history_from_its_re_creation() {
        let commits: &[(i8, &str, &[&str])] = &[
            (4, "dan", &["A a.md"]),
            (3, "cas", &["D a.md", "D gone.md"]),
            (2, "bob", &["M a.md", "M gone.md"]),
            (1, "ann", &["A a.md", "A gone.md"]),
        ];
        assert_eq!(summary(commits), ["a.md: 4-4 x1 dan"]);
    }

    #[test]
    fn a_name_renamed_away_and_reused_in_one_commit_keeps_both_histories_apart() {
        let commits: &[(i8, &str, &[&str])] =
            &[(3, "cas", &["A a.md", "R a.md b.md"]), (2, "bob", &["M a.md"]), (1, "ann", &["A a.md"])];
        assert_eq!(summary(commits), ["a.md: 3-3 x1 cas", "b.md: 1-3 x3 ann,bob,cas"]);
    }

    #[test]
    fn two_files_that_swap_names_keep_their_own_histories() {
        let commits: &[(i8, &str, &[&str])] =
            &[(3, "cas", &["R b.md a.md", "R a.md b.md"]), (2, "bob", &["A b.md"]), (1, "ann", &["A a.md"])];
        assert_eq!(summary(commits), ["a.md: 2-3 x2 bob,cas", "b.md: 1-3 x2 ann,cas"]);
    }

    #[test]
    fn a_file_renamed_and_then_deleted_is_gone_with_its_old_name() {
        let commits: &[(i8, &str, &[&str])] =
            &[(3, "cas", &["D b.md"]), (2, "bob", &["R a.md b.md"]), (1, "ann", &["A a.md"])];
        assert!(summary(commits).is_empty());
    }

    #[test]
    fn the_last_updater_is_the_author_of_the_newest_dated_change() {
        // Rebased commits: git's newest commit carries an older author date than its parent.
        let commits: &[(i8, &str, &[&str])] =
            &[(4, "cas", &["M a.md"]), (6, "bob", &["M a.md"]), (1, "ann", &["A a.md"])];
        let files = follow_renames(&Events::from_log(log(commits), ""));
        let last = files[0].history.updated_by.as_ref().map(|person| person.name.as_str());
        assert_eq!((last, files[0].history.updated), (Some("bob"), day(6)));
    }

    #[test]
    fn contributors_are_distinct_by_lowercased_email_with_their_newest_name() {
        let mut log = log(&[(3, "x", &["M a.md"]), (2, "bob", &["M a.md"]), (1, "x", &["A a.md"])]);
        (log.commits[0].email, log.commits[0].name) = ("ANN@example.org".into(), "Ann Smit".into());
        (log.commits[2].email, log.commits[2].name) = ("ann@example.org".into(), "ann".into());
        let files = follow_renames(&Events::from_log(log, ""));
        let people: Vec<(&str, &str)> =
            files[0].history.contributors.iter().map(|p| (p.name.as_str(), p.email.as_str())).collect();
        assert_eq!(people, [("Ann Smit", "ann@example.org"), ("bob", "bob@example.org")]);
        assert_eq!(files[0].history.commits, 3);
    }
}
