//! Running git: finding the repository from the site root, and turning failures into [`GitError`]s.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use super::GitError;

/// Where the site root sits in its repository.
#[derive(Debug)]
pub(super) struct Repository {
    /// The site root's path from the repository root, with a trailing `/` (empty at the root).
    prefix: String,
    /// The repository's git folder (`.git`), as git found it.
    pub(super) git_dir: PathBuf,
    pub(super) shallow: bool,
    /// False in a repository created with `git init` and not committed to yet.
    pub(super) has_commits: bool,
}

impl Repository {
    /// The site root's path from the repository root, with a trailing `/` (empty at the root).
    pub(super) fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Git prints paths from the repository root; the site wants them from the site root.
    pub(super) fn path_from_site_root<'a>(&self, path_from_repository_root: &'a str) -> Option<&'a str> {
        path_from_repository_root.strip_prefix(self.prefix.as_str())
    }
}

/// A git command run in the site root. Pathspecs are literal (a folder named `[draft]` is no glob)
/// and relative to the site root. `git status` takes no optional locks, so that it never gets in
/// the way of the writer's own git commands while `kennis serve` runs.
pub(super) fn git(site_root: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(site_root).args(["--literal-pathspecs", "--no-optional-locks"]);
    command.args(["-c", "core.quotePath=false"]);
    // A git hook that runs kennis has these set for the repository it runs in; the site root names
    // the repository to read instead.
    for variable in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX"] {
        command.env_remove(variable);
    }
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    command
}

/// Asks git whether the site root is in a repository, where, and what state it is in, in one
/// `git rev-parse`.
pub(super) fn find_repository(site_root: &Path) -> Result<Repository, GitError> {
    let mut command = git(site_root);
    command.args([
        "rev-parse",
        "--show-prefix",
        "--is-shallow-repository",
        "--absolute-git-dir",
        "--verify",
        "-q",
        "HEAD",
    ]);
    // English messages, so that "not a git repository" can be recognised.
    command.env("LC_ALL", "C").env("LANGUAGE", "C");
    let output =
        spawn(command, "rev-parse")?.wait_with_output().map_err(|source| spawn_error("rev-parse", source))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut lines = stdout.lines();
    match (output.status.code(), lines.next(), lines.next(), lines.next()) {
        // `--verify HEAD` fails with 1 (and prints nothing) when there are no commits yet.
        (Some(code @ (0 | 1)), Some(prefix), Some(shallow), Some(git_dir)) => Ok(Repository {
            prefix: prefix.to_owned(),
            git_dir: PathBuf::from(git_dir),
            shallow: shallow == "true",
            has_commits: code == 0,
        }),
        _ if String::from_utf8_lossy(&output.stderr).contains("not a git repository") => {
            Err(GitError::NotARepository(site_root.to_owned()))
        }
        _ => Err(failure("rev-parse", &output.stderr)),
    }
}

pub(super) fn spawn(mut command: Command, name: &'static str) -> Result<Child, GitError> {
    command.spawn().map_err(|source| spawn_error(name, source))
}

/// Waits for `child` and returns what it printed, or its error message if it failed.
pub(super) fn finish(child: Child, name: &'static str) -> Result<Vec<u8>, GitError> {
    let output = child.wait_with_output().map_err(|source| spawn_error(name, source))?;
    if output.status.success() { Ok(output.stdout) } else { Err(failure(name, &output.stderr)) }
}

/// Like [`finish`], for commands such as `git config --get-regexp` whose failure means "nothing".
pub(super) fn finish_allowing_failure(child: Child, name: &'static str) -> Result<Vec<u8>, GitError> {
    let output = child.wait_with_output().map_err(|source| spawn_error(name, source))?;
    Ok(if output.status.success() { output.stdout } else { Vec::new() })
}

fn spawn_error(command: &'static str, source: std::io::Error) -> GitError {
    match source.kind() {
        ErrorKind::NotFound => GitError::GitMissing,
        _ => GitError::Spawn { command, source },
    }
}

fn failure(command: &'static str, stderr: &[u8]) -> GitError {
    GitError::Failed { command, stderr: String::from_utf8_lossy(stderr).trim().to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_git_that_cannot_be_found_is_missing() {
        let spawned = spawn(Command::new("kennis-test-no-such-git"), "log");
        assert!(matches!(spawned, Err(GitError::GitMissing)));
    }
}
