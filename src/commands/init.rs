//! `kennis init`: writes a small starter site that builds as it is, and a `.gitignore` for its output.

mod remote;

use std::io::IsTerminal;
use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::error::{Error, Result};
pub use remote::{GitHost, web_url};

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/starter");

/// The `.gitignore` a new site gets: the output folder and the staging and spare folders a
/// build swaps it through (`.public.kennis-new/`, `.public.kennis-old/`, src/output/files.rs),
/// for any output name, so that a build leaves `git status` clean.
pub const GITIGNORE: &str = "\
# Written by `kennis build`: the site, and the folders a build swaps it through.
/public/
.*.kennis-new/
.*.kennis-old/
";

/// What `kennis init` did about `.gitignore`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GitIgnore {
    Written,
    /// The folder had one already; it is left as it was.
    Kept,
}

pub fn run(dir: &Path, repo_url: Option<&str>) -> Result<()> {
    let gitignore = create_starter(dir)?;
    let shown = dir.display();
    eprintln!("created a starter site in `{shown}`");
    let asked = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    match set_repository(dir, repo_url, &|url| if asked { ask_host(url) } else { None })? {
        Repository::Set { repo_url, host: Some(_) } => {
            eprintln!("set `repo_url: {repo_url}` and its edit, history and new-file links in site.yaml");
        }
        Repository::Set { repo_url, host: None } => eprintln!(
            "set `repo_url: {repo_url}` in site.yaml; kennis does not know this git host, so add \
             `edit_url` and `new_url` for it by hand (README.md, \"Answering from the page\")"
        ),
        Repository::None => {}
    }
    if gitignore == GitIgnore::Kept {
        eprintln!(
            "note: `{}` exists already and was left as it is; add `/public/`, `.*.kennis-new/` and \
             `.*.kennis-old/` to it so that builds stay out of `git status`",
            dir.join(".gitignore").display()
        );
    }
    eprintln!("next: kennis build --root {shown}");
    Ok(())
}

/// What `kennis init` wrote about the site's repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repository {
    /// `repo_url` (and, for a known host, the editor links) went into site.yaml.
    Set { repo_url: String, host: Option<GitHost> },
    /// No `--repo-url` and no `origin` remote with a web address: site.yaml keeps its examples.
    None,
}

/// Fills in `repo_url`, `edit_url`, `history_url` and `new_url` in the new site's
/// `site.yaml`, from `repo_url` when given, else from the `origin` remote of the
/// repository `dir` is in. `ask` names the host when its name does not say (it asks only
/// at a terminal; `None` leaves the links out).
pub fn set_repository(
    dir: &Path,
    repo_url: Option<&str>,
    ask: &dyn Fn(&str) -> Option<GitHost>,
) -> Result<Repository> {
    let url = match repo_url {
        Some(given) => Some(given.trim().trim_end_matches('/').to_owned()),
        None => super::new::git_config(dir, "remote.origin.url").and_then(|remote| web_url(&remote)),
    };
    let Some(url) = url.filter(|u| !u.is_empty()) else {
        return Ok(Repository::None);
    };
    let host = GitHost::of(&url).or_else(|| ask(&url));
    let path = dir.join("site.yaml");
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Read { path: path.clone(), source })?;
    let templates = host.map(|h| h.templates(&remote::branch(dir)));
    let text = remote::with_repository(&text, &url, templates);
    std::fs::write(&path, text).map_err(|source| Error::Write { path, source })?;
    Ok(Repository::Set { repo_url: url, host })
}

/// Asks at the terminal which kind of host serves `url`; an empty answer skips it.
fn ask_host(url: &str) -> Option<GitHost> {
    use std::io::Write as _;
    eprint!("which git host serves {url}? github, gitlab or gitea (Enter to skip): ");
    std::io::stderr().flush().ok()?;
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).ok()?;
    GitHost::named(&answer)
}

/// Writes the starter files into `dir`, which must not hold a site already, and a
/// `.gitignore` unless `dir` has one.
pub fn create_starter(dir: &Path) -> Result<GitIgnore> {
    if dir.join("site.yaml").exists() || dir.join("content").exists() {
        return Err(Error::Usage(format!(
            "`{}` already holds a site (it has `site.yaml` or `content/`); choose an empty folder",
            dir.display()
        )));
    }
    write_dir(&STARTER, dir)?;
    let gitignore = dir.join(".gitignore");
    // `symlink_metadata`: a link named `.gitignore`, even a dangling one, is the user's too.
    if gitignore.symlink_metadata().is_ok() {
        return Ok(GitIgnore::Kept);
    }
    std::fs::write(&gitignore, GITIGNORE).map_err(|source| Error::Write { path: gitignore, source })?;
    Ok(GitIgnore::Written)
}

fn write_dir(source: &Dir<'_>, target: &Path) -> Result<()> {
    for file in source.files() {
        let path = target.join(file.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::Write { path: parent.to_path_buf(), source: e })?;
        }
        std::fs::write(&path, file.contents()).map_err(|e| Error::Write { path: path.clone(), source: e })?;
    }
    source.dirs().try_for_each(|sub| write_dir(sub, target))
}
