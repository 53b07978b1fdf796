//! Files that are not committed yet (`git status`), and the configured git user who wrote them.

use std::path::Path;
use std::process::Command;

use super::Contributor;
use super::command::git;

/// `git status` of the files matched by `pathspecs`, every untracked file listed on its own.
pub(super) fn status_command(site_root: &Path, pathspecs: &[&str]) -> Command {
    let mut command = git(site_root);
    command.args(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignore-submodules=all"]);
    command.arg("--").args(pathspecs);
    command
}

/// `user.name` and `user.email` from every level of git's configuration, in one call.
pub(super) fn user_command(site_root: &Path) -> Command {
    let mut command = git(site_root);
    command.args(["config", "-z", "--get-regexp", r"^user\.(name|email)$"]);
    command
}

/// A file that has no commit yet: untracked, added to the index, or renamed in the index (then
/// it keeps the history of the path it came from). Paths from the repository root.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Uncommitted<'a> {
    pub(super) path: &'a str,
    pub(super) renamed_from: Option<&'a str>,
}

/// Parses `git status --porcelain=v1 -z`: entries `XY path\0`, where a rename or copy is followed
/// by the path it came from (`XY new\0old\0`). Modified and deleted files are left out: they keep
/// their committed history.
pub(super) fn parse_status(output: &[u8]) -> Vec<Uncommitted<'_>> {
    let mut uncommitted = Vec::new();
    let mut tokens = output.split(|&byte| byte == 0);
    while let Some(token) = tokens.next() {
        let (Some(&[index, worktree]), Some(path)) = (token.get(..2), token.get(3..)) else { continue };
        let source = matches!(index, b'R' | b'C').then(|| tokens.next()).flatten();
        if worktree == b'R' || worktree == b'C' {
            tokens.next();
        }
        let Ok(path) = std::str::from_utf8(path) else { continue };
        match (index, worktree) {
            (b'?', b'?') | (b'A', _) | (b'C', _) => {
                uncommitted.push(Uncommitted { path, renamed_from: None })
            }
            (b'R', _) => {
                let renamed_from = source.and_then(|source| std::str::from_utf8(source).ok());
                uncommitted.push(Uncommitted { path, renamed_from });
            }
            _ => {}
        }
    }
    uncommitted
}

/// The configured user from `git config -z --get-regexp` output (`key\nvalue\0`, later levels
/// last), when both the name and the e-mail address are set.
pub(super) fn parse_user(output: &[u8]) -> Option<Contributor> {
    let text = String::from_utf8_lossy(output);
    let (mut name, mut email) = (None, None);
    for entry in text.split('\0') {
        match entry.split_once('\n') {
            Some((key, value)) if key.eq_ignore_ascii_case("user.name") => name = Some(value.trim()),
            Some((key, value)) if key.eq_ignore_ascii_case("user.email") => email = Some(value.trim()),
            _ => {}
        }
    }
    match (name, email) {
        (Some(name), Some(email)) if !name.is_empty() && !email.is_empty() => {
            Some(Contributor { name: name.to_owned(), email: email.to_lowercase() })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_and_renamed_files_are_uncommitted_and_changed_ones_are_not() {
        let output = b"?? content/new one.md\0A  content/staged.md\0AM content/staged-and-edited.md\0\
            R  content/b.md\0content/a.md\0 M content/edited.md\0D  content/removed.md\0\
            M  content/wiki/hi\xc3\xabrarchie.md\0";
        let new = |path| Uncommitted { path, renamed_from: None };
        assert_eq!(
            parse_status(output),
            [
                new("content/new one.md"),
                new("content/staged.md"),
                new("content/staged-and-edited.md"),
                Uncommitted { path: "content/b.md", renamed_from: Some("content/a.md") },
            ]
        );
    }

    #[test]
    fn odd_status_output_is_skipped_without_panicking() {
        assert!(parse_status(b"").is_empty());
        assert!(parse_status(b"?\0??\0R  only-new.md").iter().all(|entry| entry.renamed_from.is_none()));
        assert_eq!(
            parse_status(b"?? \xff.md\0?? ok.md\0"),
            [Uncommitted { path: "ok.md", renamed_from: None }]
        );
    }

    #[test]
    fn the_configured_user_needs_a_name_and_an_email_address_and_the_last_level_wins() {
        let output = b"user.name\nGlobal Name\0user.email\nMe@Example.org\0user.name\nLocal Name\0";
        assert_eq!(
            parse_user(output),
            Some(Contributor { name: "Local Name".into(), email: "me@example.org".into() })
        );
        assert_eq!(parse_user(b"user.name\nOnly A Name\0"), None);
        assert_eq!(parse_user(b""), None);
    }
}
