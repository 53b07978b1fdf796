//! `kennis init` in a repository: `repo_url`, `edit_url`, `history_url` and `new_url` from
//! the `origin` remote (or `--repo-url`), so the respond buttons work from the first build.

use std::path::Path;
use std::process::Command;

use crate::support::{SiteTest, kennis};

fn git(root: &Path, args: &[&str]) {
    let output = Command::new("git")
        .current_dir(root)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// A repository on `branch` whose `origin` is `remote`, with nothing in it yet.
fn repository(branch: &str, remote: Option<&str>) -> tempfile::TempDir {
    let place = tempfile::tempdir().expect("temporary folder");
    git(place.path(), &["init", "-q", "-b", branch]);
    if let Some(remote) = remote {
        git(place.path(), &["remote", "add", "origin", remote]);
    }
    place
}

fn site_yaml(root: &Path) -> String {
    std::fs::read_to_string(root.join("site.yaml")).expect("site.yaml")
}

#[test]
fn init_in_a_gitlab_repository_sets_its_links_and_the_buttons_name_the_subfolder() {
    let repo = repository("main", Some("https://gitlab.example.org/team/handbook.git"));
    let docs = repo.path().join("docs");
    let ran = kennis(&["init", docs.to_str().expect("UTF-8")]);
    ran.exits_with(0);
    assert!(
        ran.stderr().contains(
            "set `repo_url: https://gitlab.example.org/team/handbook` and its edit, history and new-file links"
        ),
        "{}",
        ran.stderr()
    );
    let text = site_yaml(&docs);
    for line in [
        "repo_url: \"https://gitlab.example.org/team/handbook\"\n",
        "edit_url: \"{repo_url}/-/edit/main/{path}\"\n",
        "history_url: \"{repo_url}/-/commits/main/{path}\"\n",
        "new_url: \"{repo_url}/-/new/main/{dir}?file_name={filename}\"\n",
    ] {
        assert!(text.contains(line), "{line} in:\n{text}");
    }
    assert!(!text.contains("# new_url:"), "{text}");
    let built = SiteTest::at(&docs).build();
    built.page("questions/how-do-we-share-what-we-learn/").contains(
        "href=\"https://gitlab.example.org/team/handbook/-/new/main/docs/content/questions/\
         how-do-we-share-what-we-learn/answers?file_name=answer-",
    );
    built.page("posts/").contains(
        "href=\"https://gitlab.example.org/team/handbook/-/new/main/docs/content/posts?file_name=post-",
    );
}

#[test]
fn init_reads_an_ssh_github_remote_and_the_branch_checked_out() {
    let repo = repository("trunk", Some("git@github.com:team/handbook.git"));
    let root = repo.path().join("site");
    kennis(&["init", root.to_str().expect("UTF-8")]).exits_with(0);
    let text = site_yaml(&root);
    for line in [
        "repo_url: \"https://github.com/team/handbook\"\n",
        "edit_url: \"{repo_url}/edit/trunk/{path}\"\n",
        "new_url: \"{repo_url}/new/trunk?filename={path}&value={content}\"\n",
    ] {
        assert!(text.contains(line), "{line} in:\n{text}");
    }
}

#[test]
fn init_with_repo_url_on_a_host_it_does_not_know_asks_nothing_without_a_terminal() {
    let place = tempfile::tempdir().expect("temporary folder");
    let root = place.path().join("site");
    let ran =
        kennis(&["init", root.to_str().expect("UTF-8"), "--repo-url", "https://git.example.org/team/site/"]);
    ran.exits_with(0);
    assert!(ran.stderr().contains("kennis does not know this git host"), "{}", ran.stderr());
    let text = site_yaml(&root);
    assert!(text.contains("repo_url: \"https://git.example.org/team/site\"\n"), "{text}");
    assert!(!text.contains("\nnew_url:") && !text.contains("\nedit_url:"), "{text}");
    SiteTest::at(&root).build().page("questions/how-do-we-share-what-we-learn/").lacks("respond-button");
}

#[test]
fn init_outside_a_repository_keeps_the_examples() {
    let place = tempfile::tempdir().expect("temporary folder");
    let root = place.path().join("site");
    kennis(&["init", root.to_str().expect("UTF-8")]).exits_with(0);
    let text = site_yaml(&root);
    assert!(text.contains("# new_url: \"{repo_url}/-/new/main/{dir}?file_name={filename}\"\n"), "{text}");
    assert!(!text.contains("\nrepo_url:"), "{text}");
}
