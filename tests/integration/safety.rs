//! What kennis publishes and refuses: dotfiles of `static/`, links to outside the site,
//! two outputs on one path.

use crate::support::{SiteTest, without_notes};

fn small_site() -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Safe\nbase_url: https://intranet.example.org/\n");
    site.write("content/wiki/a.md", "---\ntitle: A\n---\n\nText.\n");
    site
}

#[test]
fn dotfiles_in_static_are_published_as_they_are() {
    let site = small_site();
    site.write("static/.well-known/security.txt", "Contact: mailto:security@example.org\n");
    site.write("static/notes.txt~", "an editor's backup");
    let built = site.build();
    assert!(built.has_file(".well-known/security.txt"));
    assert!(!built.has_file("notes.txt~"));
}

#[cfg(unix)]
#[test]
fn symbolic_links_in_a_site_are_not_followed() {
    let site = small_site();
    let secret = tempfile::tempdir().unwrap();
    std::fs::write(secret.path().join("id_rsa"), "PRIVATE KEY").unwrap();
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    std::os::unix::fs::symlink(secret.path(), site.root().join("static/keys")).unwrap();
    let built = site.build();
    assert!(!built.has_file("keys/id_rsa"), "a linked folder outside the site was published");
}

#[test]
fn a_page_on_a_path_kennis_generates_fails_the_build_instead_of_racing() {
    let site = small_site();
    site.write("content/tags/_index.md", "---\ntitle: Our tags\n---\n\nText.\n");
    let printed = without_notes(&site.build_fails());
    // The folder is named like the tag pages' own: said at the folder, before anything is written.
    assert!(printed.starts_with("error: the folder `content/tags/` is named like `/tags/`"), "{printed}");
}

#[test]
fn a_draft_post_with_comments_is_left_out_quietly() {
    let site = small_site();
    site.write("content/posts/later.md", "---\ntitle: Later\ndraft: true\n---\n\nNot yet.\n");
    site.write("content/posts/later/comments/an.md", "---\ndate: 2025-01-01\n---\n\nNice.\n");
    let built = site.build();
    assert_eq!(built.problems(), Vec::<String>::new());
    built.lacks_page("posts/later/");
}
