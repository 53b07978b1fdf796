//! A folder's page as handbooks write it: `_index.md`, else `index.md` when the folder holds more, else `README.md`.

use crate::support::SiteTest;

fn handbook() -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Handbook\nbase_url: https://handbook.example.org/\n")
        .write("content/wiki/tools/index.md", "# Tools\n\nEverything we install.\n")
        .write("content/wiki/tools/git.md", "# Git\n\nSee the [tools](index.md).\n")
        .write("content/wiki/tools/diagram.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
        .write("content/wiki/tools/editors/zed.md", "# Zed\n\nBack to [tools](../index.md).\n")
        .write("content/wiki/setup/index.md", "# Setup\n\n![Steps](steps.svg)\n")
        .write("content/wiki/setup/steps.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
        .write("content/handbook/README.md", "# The handbook\n\nHow we work.\n")
        .write("content/handbook/leave.md", "# Leave\n\nAsk your lead. [Back](README.md).\n");
    site
}

#[test]
fn an_index_md_beside_other_pages_is_its_folders_section_page() {
    let built = handbook().build();
    assert_eq!(built.problems(), Vec::<String>::new());
    built
        .page("wiki/tools/")
        .contains("<h1 class=\"page-title\" id=\"tools\">Tools</h1>")
        .contains("Everything we install.")
        .main()
        .contains("<a href=\"/wiki/tools/git/\">Git</a>")
        .contains("<a href=\"/wiki/tools/editors/\">Editors</a>");
    built.page("wiki/tools/git/").contains("<a href=\"/wiki/tools/\">tools</a>");
    built.page("wiki/tools/editors/zed/").contains("<a href=\"/wiki/tools/\">tools</a>");
    assert!(built.has_file("wiki/tools/diagram.svg"), "a file beside it is published beside the section");
}

#[test]
fn an_index_md_alone_in_its_folder_stays_a_page_with_its_files() {
    let built = handbook().build();
    built
        .page("wiki/setup/")
        .contains("<img src=\"/wiki/setup/steps.svg\" alt=\"Steps\"")
        .lacks("section-pages");
}

#[test]
fn a_readme_is_its_folders_page_as_the_git_web_ui_shows_it() {
    let built = handbook().build();
    built
        .page("handbook/")
        .contains("<h1 class=\"page-title\" id=\"the-handbook\">The handbook</h1>")
        .contains("How we work.")
        .main()
        .contains("<a href=\"/handbook/leave/\">Leave</a>");
    built.page("handbook/leave/").contains("<a href=\"/handbook/\">Back</a>");
    built.lacks_page("handbook/readme/");
}

#[test]
fn an_index_md_beside_an_underscore_index_is_an_error_naming_both_files() {
    let site = handbook();
    site.write("content/wiki/tools/_index.md", "---\ntitle: Tools\n---\n");
    let message = site.build_fails();
    assert!(
        message.contains(
            "content/wiki/tools/index.md:1:1: both this file and `content/wiki/tools/_index.md` describe \
             the folder `wiki/tools/`"
        ),
        "{message}"
    );
    assert!(!message.contains("has the URL"), "no second error about the same folder: {message}");
}

#[test]
fn a_page_named_like_the_folder_beside_it_is_that_folders_page() {
    let site = handbook();
    site.write("content/handbook/rewards.md", "# Total rewards\n\nWhat you get.\n")
        .write("content/handbook/rewards/health.md", "# Health\n\nSee [rewards](../rewards.md).\n");
    let built = site.build();
    assert_eq!(built.problems(), Vec::<String>::new());
    built
        .page("handbook/rewards/")
        .contains("<h1 class=\"page-title\" id=\"total-rewards\">Total rewards</h1>")
        .main()
        .contains("<a href=\"/handbook/rewards/health/\">Health</a>");
    built.page("handbook/rewards/health/").contains("<a href=\"/handbook/rewards/\">rewards</a>");
    built.page("handbook/").main().contains("<a href=\"/handbook/rewards/\">Total rewards</a>");
}

#[test]
fn a_page_on_a_folders_url_is_reported_at_the_page_never_at_a_file_that_does_not_exist() {
    let site = handbook();
    site.write("content/wiki/other.md", "---\ntitle: Other\nslug: extra\n---\nText.\n")
        .write("content/wiki/extra/a.md", "# A\n\nText.\n");
    let message = site.build_fails();
    assert!(
        message.contains(
            "content/wiki/other.md:1:1: this page has the URL `/wiki/extra/`, which the folder `wiki/extra/` \
             has too (every folder of the wiki gets a page)"
        ),
        "{message}"
    );
    assert!(!message.contains("_index.md:"), "{message}");
}
