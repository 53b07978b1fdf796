//! A newcomer's first commands: `kennis init`'s `.gitignore`, `kennis new` without a known
//! author or with an unknown community, and comments on a single-file post.

use std::path::Path;
use std::process::Command;

use crate::support::{SiteTest, kennis};

fn path(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

fn today() -> String {
    jiff::Zoned::now().date().to_string()
}

/// A starter site in a temporary folder.
fn starter() -> (tempfile::TempDir, std::path::PathBuf) {
    let place = tempfile::tempdir().unwrap();
    let root = place.path().join("site");
    kennis(&["init", path(&root)]).exits_with(0);
    (place, root)
}

/// Runs git in `root` with no configuration from this machine.
fn git(root: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .current_dir(root)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "An Peeters")
        .env("GIT_AUTHOR_EMAIL", "an@example.org")
        .env("GIT_COMMITTER_NAME", "An Peeters")
        .env("GIT_COMMITTER_EMAIL", "an@example.org")
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("git prints UTF-8")
}

/// Runs `kennis new` as a person whose git configuration is `gitconfig` (global; nothing
/// from this machine), in a site that is no git repository.
fn new_as(gitconfig: &str, args: &[&str]) -> crate::support::Ran {
    let home = tempfile::tempdir().unwrap();
    let global = home.path().join("gitconfig");
    std::fs::write(&global, gitconfig).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_kennis"))
        .arg("new")
        .args(args)
        .env("GIT_CONFIG_GLOBAL", &global)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home.path())
        .output()
        .expect("run kennis");
    crate::support::Ran(output)
}

#[test]
fn init_writes_a_gitignore_that_keeps_every_build_out_of_git_status() {
    let (_place, root) = starter();
    assert_eq!(
        std::fs::read_to_string(root.join(".gitignore")).unwrap(),
        "# Written by `kennis build`: the site, and the folders a build swaps it through.\n\
         /public/\n.*.kennis-new/\n.*.kennis-old/\n"
    );
    git(&root, &["init", "-q"]);
    git(&root, &["add", "."]);
    git(&root, &["commit", "-qm", "Start"]);
    // Twice: the second build keeps the replaced site as the spare `.public.kennis-old/`.
    kennis(&["build", "--root", path(&root)]).exits_with(0);
    kennis(&["build", "--root", path(&root)]).exits_with(0);
    assert!(root.join("public/index.html").is_file());
    assert!(root.join(".public.kennis-old").is_dir(), "the spare folder is there to be ignored");
    assert_eq!(git(&root, &["status", "--porcelain", "--untracked-files=all"]), "");

    // Without it, the same folders would be untracked.
    std::fs::remove_file(root.join(".gitignore")).unwrap();
    let status = git(&root, &["status", "--porcelain"]);
    assert!(status.contains("?? .public.kennis-old/\n") && status.contains("?? public/\n"), "{status}");
}

#[test]
fn init_leaves_a_gitignore_that_is_there_alone_and_says_so() {
    let place = tempfile::tempdir().unwrap();
    let root = place.path().join("site");
    std::fs::create_dir(&root).unwrap();
    std::fs::write(root.join(".gitignore"), "target/\n").unwrap();
    let ran = kennis(&["init", path(&root)]);
    ran.exits_with(0);
    assert_eq!(
        ran.stderr(),
        format!(
            "created a starter site in `{0}`\nnote: `{0}/.gitignore` exists already and was left as it is; add \
             `/public/`, `.*.kennis-new/` and `.*.kennis-old/` to it so that builds stay out of `git status`\n\
             next: kennis build --root {0}\n",
            root.display()
        )
    );
    assert_eq!(std::fs::read_to_string(root.join(".gitignore")).unwrap(), "target/\n");
    assert!(root.join("site.yaml").is_file() && root.join("content/posts/hello.md").is_file());
}

#[test]
fn new_without_a_matching_git_email_says_whom_it_looked_for_and_how_to_name_an_author() {
    let (_place, root) = starter();
    let ran = new_as(
        "[user]\n\tname = Jane Doe\n\temail = Jane@Example.org\n",
        &["post", "First steps", "--root", path(&root)],
    );
    ran.exits_with(0);
    let file = root.join("content/posts/first-steps.md");
    assert_eq!(
        ran.stderr(),
        format!(
            "wrote `{0}`\nwarning: no author: no one in `authors/` has the e-mail `jane@example.org` (`git config \
             user.email` of Jane Doe), so `{0}` has no `authors:`\n  = help: name one with `--author <id>` \
             (known: `you`), or add `email: jane@example.org` to your `authors/<id>.yaml`\n",
            file.display()
        )
    );
    assert!(!std::fs::read_to_string(&file).unwrap().contains("authors:"));

    let ran = new_as("", &["answer", "how-do-we-share-what-we-learn", "--root", path(&root)]);
    ran.exits_with(0);
    let file = root
        .join(format!("content/questions/how-do-we-share-what-we-learn/answers/anonymous-{}.md", today()));
    assert_eq!(
        ran.stderr(),
        format!(
            "wrote `{0}`\nwarning: no author: `git config user.email` is not set, so `{0}` has no `authors:`\n  \
             = help: name one with `--author <id>` (known: `you`), or set `git config user.email` to the \
             `email:` in your `authors/<id>.yaml`\n",
            file.display()
        )
    );
}

#[test]
fn new_with_the_git_email_of_an_author_names_them_without_a_warning() {
    let (_place, root) = starter();
    // authors/you.yaml has `email: you@example.org`; case does not matter in an address.
    let ran = new_as("[user]\n\temail = You@Example.org\n", &["post", "First steps", "--root", path(&root)]);
    ran.exits_with(0);
    let file = root.join("content/posts/first-steps.md");
    assert_eq!(ran.stderr(), format!("wrote `{}`\n", file.display()));
    assert!(std::fs::read_to_string(&file).unwrap().contains("\nauthors: [you]\n"));
}

#[test]
fn an_unknown_community_is_refused_as_an_unknown_author_is() {
    let (_place, root) = starter();
    let ran = kennis(&[
        "new",
        "post",
        "Something new",
        "--root",
        path(&root),
        "--author",
        "you",
        "--community",
        "nope",
    ]);
    ran.exits_with(2);
    assert_eq!(
        ran.stderr(),
        "error: unknown community `nope`: known communities are `learning`; add \
         `content/communities/nope/index.md` first\n"
    );
    let ran = kennis(&["new", "post", "Something new", "--root", path(&root), "--author", "nobody"]);
    ran.exits_with(2);
    assert_eq!(
        ran.stderr(),
        "error: unknown author `nobody`: known authors are `you`; add `authors/nobody.yaml` first, or set \
         `unknown_authors: name` in site.yaml to name people who have no file\n"
    );
    assert!(!root.join("content/posts/something-new.md").exists());
    kennis(&["check", "--root", path(&root)]).exits_with(0);
}

#[test]
fn new_comment_on_a_single_file_post_goes_beside_it_and_is_shown_on_the_post() {
    let (place, root) = starter();
    assert!(root.join("content/posts/hello.md").is_file(), "the starter's post is a single file");
    let ran = kennis(&["new", "comment", "hello", "--root", path(&root), "--author", "you"]);
    ran.exits_with(0);
    let file = root.join(format!("content/posts/hello/comments/you-{}.md", today()));
    assert_eq!(ran.stderr(), format!("wrote `{}`\n", file.display()));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        format!("---\nauthors: [you]\ndate: {}\n---\n\nWrite your comment here.\n", today())
    );
    assert!(root.join("content/posts/hello.md").is_file(), "the post was not moved");

    kennis(&["check", "--root", path(&root)]).exits_with(0);
    let output = place.path().join("out");
    kennis(&["build", "--root", path(&root), "--output", path(&output)]).exits_with(0);
    let html = std::fs::read_to_string(output.join("posts/hello/index.html")).unwrap();
    assert!(html.contains(&format!("<article id=\"comment-you-{}\"", today())), "{html}");
    assert!(html.contains("Write your comment here."), "{html}");

    let ran = kennis(&["new", "comment", "no-such-post", "--root", path(&root), "--author", "you"]);
    ran.exits_with(2);
    assert_eq!(
        ran.stderr(),
        format!(
            "error: no `{}` or `{}`; give the slug of an existing posts page\n",
            root.join("content/posts/no-such-post/index.md").display(),
            root.join("content/posts/no-such-post.md").display()
        )
    );
}

#[test]
fn comments_and_answers_beside_single_file_pages_are_shown_on_them() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: T\nbase_url: https://intranet.example.org/\n");
    site.write("authors/an.yaml", "name: An Peeters\n");
    site.write("content/posts/hello.md", "---\ntitle: Hello\ndate: 2025-01-01\n---\n\nThe post.\n");
    site.write(
        "content/posts/hello/comments/an.md",
        "---\nauthors: [an]\ndate: 2025-01-02\n---\n\nNice post.\n",
    );
    site.write("content/questions/why.md", "---\ntitle: Why?\ndate: 2025-01-01\n---\n\nThe question.\n");
    site.write(
        "content/questions/why/answers/an.md",
        "---\nauthors: [an]\ndate: 2025-01-02\n---\n\nBecause.\n",
    );
    // A draft post's comments stay out with it, without an error.
    site.write("content/posts/later.md", "---\ntitle: Later\ndraft: true\n---\n\nNot yet.\n");
    site.write(
        "content/posts/later/comments/an.md",
        "---\nauthors: [an]\ndate: 2025-01-02\n---\n\nHidden.\n",
    );
    let built = site.build();
    assert!(built.problems().is_empty(), "{:?}", built.problems());
    built.page("/posts/hello/").contains("<article id=\"comment-an\"").contains("Nice post.");
    built.page("/questions/why/").contains("<article id=\"answer-an\"").contains("Because.");
    built.lacks_page("/posts/later/");
    assert!(!built.files().iter().any(|f| f.contains("comments")), "{:?}", built.files());
}
