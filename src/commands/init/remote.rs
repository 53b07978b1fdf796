//! The repository settings `kennis init` writes: `repo_url`, `edit_url`, `history_url` and
//! `new_url` for the git host that serves the `origin` remote (GitHub, GitLab or Gitea).

use std::path::Path;

/// The git hosts whose editor URLs kennis knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GitHost {
    GitHub,
    GitLab,
    Gitea,
}

impl GitHost {
    /// `github`, `gitlab` or `gitea`, as a writer types it when asked.
    pub fn named(name: &str) -> Option<GitHost> {
        match name.trim().to_lowercase().as_str() {
            "github" => Some(GitHost::GitHub),
            "gitlab" => Some(GitHost::GitLab),
            "gitea" | "forgejo" | "codeberg" => Some(GitHost::Gitea),
            _ => None,
        }
    }

    /// The host a web address is on, by its name: `github.com` and names holding `github`,
    /// `gitlab`, or `gitea`, `forgejo` and `codeberg`. Any other name is not guessed.
    pub fn of(repo_url: &str) -> Option<GitHost> {
        let host = repo_url.split("://").nth(1)?.split('/').next()?.to_lowercase();
        if host.contains("github") {
            Some(GitHost::GitHub)
        } else if host.contains("gitlab") {
            Some(GitHost::GitLab)
        } else if ["gitea", "forgejo", "codeberg"].iter().any(|name| host.contains(name)) {
            Some(GitHost::Gitea)
        } else {
            None
        }
    }

    /// `edit_url`, `history_url` and `new_url` for a branch. GitLab's editor takes no
    /// content from its URL, so its `new_url` names the file only.
    pub fn templates(self, branch: &str) -> [(&'static str, String); 3] {
        match self {
            GitHost::GitHub => [
                ("edit_url", format!("{{repo_url}}/edit/{branch}/{{path}}")),
                ("history_url", format!("{{repo_url}}/commits/{branch}/{{path}}")),
                ("new_url", format!("{{repo_url}}/new/{branch}?filename={{path}}&value={{content}}")),
            ],
            GitHost::GitLab => [
                ("edit_url", format!("{{repo_url}}/-/edit/{branch}/{{path}}")),
                ("history_url", format!("{{repo_url}}/-/commits/{branch}/{{path}}")),
                ("new_url", format!("{{repo_url}}/-/new/{branch}/{{dir}}?file_name={{filename}}")),
            ],
            GitHost::Gitea => [
                ("edit_url", format!("{{repo_url}}/_edit/{branch}/{{path}}")),
                ("history_url", format!("{{repo_url}}/commits/branch/{branch}/{{path}}")),
                ("new_url", format!("{{repo_url}}/_new/{branch}/?filename={{path}}&value={{content}}")),
            ],
        }
    }
}

/// The web address of a repository from its remote URL: `git@host:team/site.git`,
/// `ssh://git@host:2222/team/site.git`, `https://user@host/team/site.git` and `git://`
/// all give `https://host/team/site` (`http://` stays `http://`). `None` for a local path.
pub fn web_url(remote: &str) -> Option<String> {
    let remote = remote.trim();
    let (scheme, rest) = match remote.split_once("://") {
        Some(("http", rest)) => ("http", rest),
        Some(("https" | "ssh" | "git" | "git+ssh" | "ssh+git", rest)) => ("https", rest),
        Some(_) => return None,
        // scp-like: `[user@]host:path`, where the host has no `/` before the colon.
        None => {
            let (host, path) = remote.split_once(':')?;
            if host.contains('/') || host.is_empty() || path.starts_with('/') && host.len() == 1 {
                return None;
            }
            return web_url(&format!("ssh://{host}/{}", path.trim_start_matches('/')));
        }
    };
    let (authority, path) = rest.split_once('/')?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    // An ssh port is not the web server's; an http one is.
    let host = if scheme == "https" && !remote.starts_with("https://") {
        host.split(':').next().unwrap_or(host)
    } else {
        host
    };
    let path = path.trim_end_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path).trim_end_matches('/');
    (!host.is_empty() && !path.is_empty()).then(|| format!("{scheme}://{host}/{path}"))
}

/// The branch the web editor commits to: the remote's default branch, else the one checked
/// out, else `main`.
pub fn branch(dir: &Path) -> String {
    let remote_head = git(dir, &["symbolic-ref", "--short", "refs/remotes/origin/HEAD"])
        .and_then(|head| head.strip_prefix("origin/").map(str::to_owned));
    remote_head
        .or_else(|| git(dir, &["symbolic-ref", "--short", "HEAD"]))
        .unwrap_or_else(|| "main".to_owned())
}

/// One line `git` prints in `dir`; `None` when git is missing or fails.
pub fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = std::process::Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?.trim().to_owned();
    (output.status.success() && !text.is_empty()).then_some(text)
}

/// `site.yaml`'s text with the repository settings in place of the starter's commented
/// examples (or after them, when a starter has none): `repo_url`, and the host's templates.
pub fn with_repository(site_yaml: &str, repo_url: &str, templates: Option<[(&str, String); 3]>) -> String {
    let keys = ["repo_url", "edit_url", "history_url", "new_url"];
    let mut settings = vec![format!("repo_url: {}", quoted(repo_url))];
    for (key, value) in templates.into_iter().flatten() {
        settings.push(format!("{key}: {}", quoted(&value)));
    }
    let mut lines: Vec<String> = Vec::new();
    let mut placed = false;
    for line in site_yaml.lines() {
        if keys.iter().any(|key| line.starts_with(&format!("# {key}:"))) {
            if !placed {
                lines.append(&mut settings);
                placed = true;
            }
        } else {
            lines.push(line.to_owned());
        }
    }
    lines.append(&mut settings);
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// YAML's double-quoted strings are JSON strings.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remotes_of_the_three_hosts_give_their_web_address() {
        for (remote, web) in [
            ("https://github.com/team/site.git", "https://github.com/team/site"),
            ("https://github.com/team/site", "https://github.com/team/site"),
            ("git@github.com:team/site.git", "https://github.com/team/site"),
            ("ssh://git@github.com/team/site.git", "https://github.com/team/site"),
            (
                "https://oauth2:token@gitlab.example.org/group/sub/site.git",
                "https://gitlab.example.org/group/sub/site",
            ),
            ("git@gitlab.example.org:group/sub/site.git", "https://gitlab.example.org/group/sub/site"),
            ("ssh://git@gitlab.example.org:2222/group/site.git", "https://gitlab.example.org/group/site"),
            ("https://gitea.example.org/team/site.git/", "https://gitea.example.org/team/site"),
            ("gitea@gitea.example.org:team/site.git", "https://gitea.example.org/team/site"),
            ("http://localhost:3000/team/site.git", "http://localhost:3000/team/site"),
        ] {
            assert_eq!(web_url(remote).as_deref(), Some(web), "{remote}");
        }
        for local in ["/srv/git/site.git", "../site", "file:///srv/git/site.git", "C:/repos/site"] {
            assert_eq!(web_url(local), None, "{local}");
        }
    }

    #[test]
    fn the_host_is_known_by_its_name_only() {
        assert_eq!(GitHost::of("https://github.com/team/site"), Some(GitHost::GitHub));
        assert_eq!(GitHost::of("https://gitlab.example.org/team/site"), Some(GitHost::GitLab));
        assert_eq!(GitHost::of("https://codeberg.org/team/site"), Some(GitHost::Gitea));
        assert_eq!(GitHost::of("https://git.example.org/team/site"), None);
    }

    #[test]
    fn the_starter_examples_give_way_to_the_settings() {
        let starter = "title: T\n# repo_url: https://x\n# edit_url: \"e\"\n# new_url: \"n\"\npaginate: 20\n";
        let text =
            with_repository(starter, "https://github.com/t/s", Some(GitHost::GitHub.templates("main")));
        assert_eq!(
            text,
            "title: T\nrepo_url: \"https://github.com/t/s\"\n\
             edit_url: \"{repo_url}/edit/main/{path}\"\nhistory_url: \"{repo_url}/commits/main/{path}\"\n\
             new_url: \"{repo_url}/new/main?filename={path}&value={content}\"\npaginate: 20\n"
        );
    }
}
