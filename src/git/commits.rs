//! The one `git log` of the content folder, and a parser for its `-z --name-status` output into commits.

use std::ops::Range;
use std::path::Path;
use std::process::Command;

use jiff::Timestamp;

use super::Request;
use super::command::{Repository, git};

/// Starts each commit with a byte that git never prints in a status letter and puts bytes between
/// its fields that cannot occur in a date or an e-mail address; the name, which might hold anything
/// but a NUL, comes last. `%aN`/`%aE` apply the repository's `.mailmap`.
const FORMAT: &str = "--format=%x1e%at%x1f%aE%x1f%aN";

/// `git log` of the requested files, newest commit first, each commit with the files it changed,
/// and how to turn the paths it prints into paths from the site root. The `-c` settings undo
/// configuration that would change the output: a user's `diff.relative`, `log.showSignature`
/// (which prints into the log) or `log.showRoot`.
pub(super) fn log_command(
    site_root: &Path,
    repository: &Repository,
    request: Request<'_>,
) -> (Command, LogPaths) {
    let mut command = git(site_root);
    command.args(["-c", "diff.relative=false", "-c", "log.showSignature=false", "-c", "log.showRoot=true"]);
    command.args([
        "log",
        "-z",
        "--no-merges",
        "--name-status",
        "-M",
        "--no-color",
        "--encoding=UTF-8",
        FORMAT,
    ]);
    match request {
        // A pathspec makes git compare every commit's tree twice, once to simplify the history and
        // once for the output. When the site is the whole repository nearly every commit touches the
        // content folder, so filtering the output with `--relative` instead halves the time. In a
        // bigger repository the pathspec is what spares git from comparing everything else.
        Request::Folder(folder) if repository.site_is_repository_root() => {
            if folder == "." {
                return (command, LogPaths::FromFolder(String::new()));
            }
            command.arg(format!("--relative={folder}/"));
            (command, LogPaths::FromFolder(format!("{folder}/")))
        }
        request => {
            command.arg("--").args(request.pathspecs());
            (command, LogPaths::FromRepositoryRoot)
        }
    }
}

/// What the paths in the log are relative to.
#[derive(Debug)]
pub(super) enum LogPaths {
    /// This folder, given from the site root with a trailing `/` (empty for the site root).
    FromFolder(String),
    FromRepositoryRoot,
}

impl LogPaths {
    pub(super) fn path_from_site_root(&self, repository: &Repository, path: &str) -> Option<String> {
        match self {
            LogPaths::FromFolder(folder) => Some(format!("{folder}{path}")),
            LogPaths::FromRepositoryRoot => repository.path_from_site_root(path).map(str::to_owned),
        }
    }
}

/// A parsed log: commits newest first, with their changes in one shared vector.
#[derive(Debug, Default)]
pub(super) struct Log<'a> {
    pub(super) commits: Vec<Commit<'a>>,
    pub(super) changes: Vec<Change<'a>>,
}

#[derive(Debug)]
pub(super) struct Commit<'a> {
    pub(super) time: Timestamp,
    pub(super) email: &'a str,
    pub(super) name: &'a str,
    /// This commit's part of [`Log::changes`].
    pub(super) changes: Range<usize>,
}

/// One line of `--name-status`, paths from the repository root.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Change<'a> {
    pub(super) kind: ChangeKind,
    pub(super) path: &'a str,
    /// The path before a rename or the source of a copy.
    pub(super) from: Option<&'a str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ChangeKind {
    Added,
    /// Modified, type changed, or any status letter this parser does not know.
    Modified,
    Deleted,
    Renamed,
    Copied,
}

impl<'a> Log<'a> {
    pub(super) fn changes_of(&self, commit: &Commit<'a>) -> &[Change<'a>] {
        &self.changes[commit.changes.clone()]
    }
}

/// Parses `git log -z --name-status` output with [`FORMAT`]: a header token per commit, then per
/// changed file a status token (`M`, `A`, `D`, `T`, `R100`, `C075`, …) followed by its path, or by
/// two paths for renames and copies. Tokens end in NUL. Odd output is skipped, never a panic.
pub(super) fn parse_log(output: &[u8]) -> Log<'_> {
    let mut log = Log::default();
    let mut tokens = output.split(|&byte| byte == 0);
    while let Some(token) = tokens.next() {
        if let Some(header) = token.strip_prefix(b"\x1e") {
            let start = log.changes.len();
            log.commits.push(parse_header(header, start));
            continue;
        }
        // Git puts a newline between the header and the first status token.
        let status = trim_newlines(token);
        let Some(&letter) = status.first() else { continue };
        let kind = ChangeKind::from_letter(letter);
        let first = tokens.next().map(std::str::from_utf8);
        let second = matches!(kind, ChangeKind::Renamed | ChangeKind::Copied).then(|| tokens.next());
        let change = match (first, second) {
            (Some(Ok(path)), None) => Change { kind, path, from: None },
            (Some(Ok(from)), Some(Some(path))) => match std::str::from_utf8(path) {
                Ok(path) => Change { kind, path, from: Some(from) },
                Err(_) => continue,
            },
            _ => continue,
        };
        if let Some(commit) = log.commits.last_mut() {
            log.changes.push(change);
            commit.changes.end = log.changes.len();
        }
    }
    log
}

fn parse_header(header: &[u8], changes_start: usize) -> Commit<'_> {
    let mut fields =
        header.splitn(3, |&byte| byte == 0x1f).map(|field| std::str::from_utf8(field).unwrap_or(""));
    let seconds = fields.next().and_then(|field| field.trim().parse().ok());
    let time =
        seconds.and_then(|seconds| Timestamp::from_second(seconds).ok()).unwrap_or(Timestamp::UNIX_EPOCH);
    let email = fields.next().unwrap_or("");
    let name = fields.next().map(|name| name.trim_end_matches('\n')).unwrap_or("");
    Commit { time, email, name, changes: changes_start..changes_start }
}

fn trim_newlines(mut token: &[u8]) -> &[u8] {
    while let Some(rest) = token.strip_prefix(b"\n") {
        token = rest;
    }
    token
}

impl ChangeKind {
    fn from_letter(letter: u8) -> ChangeKind {
        match letter {
            b'A' => ChangeKind::Added,
            b'D' => ChangeKind::Deleted,
            b'R' => ChangeKind::Renamed,
            b'C' => ChangeKind::Copied,
            _ => ChangeKind::Modified,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_paths<'a>(log: &Log<'a>) -> Vec<(ChangeKind, Option<&'a str>, &'a str)> {
        log.changes.iter().map(|change| (change.kind, change.from, change.path)).collect()
    }

    #[test]
    fn reads_every_kind_of_change_with_its_commit() {
        let output =
            b"\x1e1704873600\x1fann@example.org\x1fAnn Smit\0\nM\0content/a.md\0T\0content/link.md\0\
            R087\0content/old name.md\0content/new name.md\0\
            \x1e1704787200\x1fbob@example.org\x1fBob\0\nA\0content/hi\xc3\xabrarchie.md\0\
            C075\0content/a.md\0content/copy.md\0D\0content/gone.md\0";
        let log = parse_log(output);
        assert_eq!(log.commits.len(), 2);
        assert_eq!(log.commits[0].time, Timestamp::from_second(1704873600).unwrap());
        assert_eq!((log.commits[0].email, log.commits[0].name), ("ann@example.org", "Ann Smit"));
        assert_eq!(log.commits[1].name, "Bob");
        assert_eq!(log.changes_of(&log.commits[0]).len(), 3);
        assert_eq!(
            kinds_and_paths(&log),
            [
                (ChangeKind::Modified, None, "content/a.md"),
                (ChangeKind::Modified, None, "content/link.md"),
                (ChangeKind::Renamed, Some("content/old name.md"), "content/new name.md"),
                (ChangeKind::Added, None, "content/hiërarchie.md"),
                (ChangeKind::Copied, Some("content/a.md"), "content/copy.md"),
                (ChangeKind::Deleted, None, "content/gone.md"),
            ]
        );
    }

    #[test]
    fn a_path_may_hold_the_separator_bytes() {
        let log = parse_log(b"\x1e1\x1fa@b\x1fA\0\nA\0\x1eodd\x1fname.md\0M\0b.md\0");
        assert_eq!(
            kinds_and_paths(&log),
            [(ChangeKind::Added, None, "\x1eodd\x1fname.md"), (ChangeKind::Modified, None, "b.md")]
        );
    }

    #[test]
    fn odd_output_is_skipped_without_panicking() {
        for output in [
            &b""[..],
            b"\0\0\0",
            b"M\0orphan.md\0",
            b"\x1e\0",
            b"\x1enot a number\0\nR100\0only-one-path.md",
            b"\x1e99999999999999999999\x1f\x1f\0\nA\0\xff\xfe.md\0M\0ok.md\0",
        ] {
            let log = parse_log(output);
            assert!(log.changes.iter().all(|change| change.path != "only-one-path.md"));
            assert!(log.commits.iter().all(|commit| commit.changes.end <= log.changes.len()));
        }
        let log = parse_log(b"\x1e99999999999999999999\x1f\x1f\0\nA\0\xff\xfe.md\0M\0ok.md\0");
        assert_eq!(log.commits[0].time, Timestamp::UNIX_EPOCH);
        assert_eq!(kinds_and_paths(&log), [(ChangeKind::Modified, None, "ok.md")]);
    }
}
