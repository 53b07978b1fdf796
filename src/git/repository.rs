//! Finding the repository a site is in, with gix, and where the site sits inside it.

use std::path::{Path, PathBuf};

use super::{Contributor, GitError};

/// The repository of a site, opened.
pub(super) struct Repository {
    pub(super) repository: gix::Repository,
    /// The work tree's root.
    pub(super) workdir: PathBuf,
    /// The site root's path from the repository root, with a trailing `/` (empty at the root).
    prefix: String,
    pub(super) shallow: bool,
    /// False in a repository created with `git init` and not committed to yet.
    pub(super) has_commits: bool,
}

impl Repository {
    /// The site root's path from the repository root, with a trailing `/` (empty at the root).
    pub(super) fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Paths in the repository are from its root; the site wants them from the site root.
    pub(super) fn path_from_site_root<'a>(&self, path_from_repository_root: &'a str) -> Option<&'a str> {
        path_from_repository_root.strip_prefix(self.prefix.as_str())
    }

    /// `user.name` and `user.email` from git's configuration (system, global, repository), when
    /// both are set.
    pub(super) fn user(&self) -> Option<Contributor> {
        let config = self.repository.config_snapshot();
        let name = config.string("user.name")?;
        let email = config.string("user.email")?;
        let (name, email) = (name.to_string(), email.to_string());
        let (name, email) = (name.trim(), email.trim());
        (!name.is_empty() && !email.is_empty())
            .then(|| Contributor { name: name.to_owned(), email: email.to_lowercase() })
    }
}

/// Finds the repository that holds `site_root`, searching upwards as git does. Git's environment
/// variables (`GIT_DIR`, set for a hook that runs kennis) are not consulted: the site root names
/// the repository to read.
pub(super) fn find_repository(site_root: &Path) -> Result<Repository, GitError> {
    let root = site_root
        .canonicalize()
        .map_err(|error| GitError::Read(format!("{}: {error}", site_root.display())))?;
    let repository = match gix::discover(&root) {
        Ok(repository) => repository,
        Err(error) if error.is_not_found() => return Err(GitError::NotARepository(site_root.to_owned())),
        Err(error) => return Err(GitError::Read(error.to_string())),
    };
    let Some(workdir) = repository.workdir().map(Path::to_owned) else {
        return Err(GitError::NotARepository(site_root.to_owned()));
    };
    let workdir =
        workdir.canonicalize().map_err(|error| GitError::Read(format!("{}: {error}", workdir.display())))?;
    let prefix = match root.strip_prefix(&workdir) {
        Ok(inside) => {
            let inside = inside
                .to_str()
                .ok_or_else(|| GitError::Read(format!("{} is not a UTF-8 path", inside.display())))?
                .replace(std::path::MAIN_SEPARATOR, "/");
            if inside.is_empty() { inside } else { format!("{inside}/") }
        }
        // The site root is inside the git folder itself.
        Err(_) => return Err(GitError::NotARepository(site_root.to_owned())),
    };
    let shallow = repository.is_shallow().map_err(|error| GitError::Read(error.to_string()))?;
    let has_commits = repository.head_id().is_ok();
    Ok(Repository { repository, workdir, prefix, shallow, has_commits })
}
