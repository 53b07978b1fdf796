//! `kinds:` in site.yaml: folders whose pages are posts or questions where they are, without moving files.

use crate::support::{SiteTest, kennis, shown, without_notes};

#[test]
fn posts_at_the_content_root_are_listed_and_followed() {
    let site = SiteTest::new("kinds/blog").build();
    assert_eq!(site.problems(), Vec::<String>::new());
    site.page("hello/")
        .contains("<h1 class=\"page-title\">Hello from the root</h1>")
        .contains("<time datetime=\"2024-03-01\">1 March 2024</time>");
    site.page("posts/").main().contains("<a href=\"/hello/\">Hello from the root</a>");
    site.file("atom.xml").contains("<id>https://blog.example.org/hello/</id>");
    // `content/index.md` stays the home page's introduction, not a post.
    site.page("").contains("The home page's introduction, not a post.");
    site.page("posts/").main().lacks("Welcome").contains("<span>3 in total</span>");
}

#[test]
fn a_second_blog_folder_keeps_its_urls_and_has_no_section_pages() {
    let site = SiteTest::new("kinds/blog").build();
    site.page("posts/").main().contains_in_order(&[
        "<a href=\"/inside-team/notes/retro/\">Notes from the retro</a>",
        "<a href=\"/inside-team/standup/\">How we run the stand-up</a>",
        "<a href=\"/hello/\">Hello from the root</a>",
    ]);
    site.file("atom.xml")
        .contains("<id>https://blog.example.org/inside-team/standup/</id>")
        .contains("<id>https://blog.example.org/inside-team/notes/retro/</id>");
    site.page("inside-team/standup/").contains("<span class=\"badge badge-kind badge-post\">Post</span>");
    // A folder of posts is not a wiki tree: no section pages for it or its folders.
    site.lacks_page("inside-team/").lacks_page("inside-team/notes/");
    // Folders not in `kinds` are the wiki, as before.
    site.page("docs/").main().contains("<a href=\"/docs/setup/\">");
}

#[test]
fn a_folder_of_questions_is_listed_with_the_questions() {
    let site = SiteTest::new("kinds/blog").build();
    site.page("questions/").main().contains("<a href=\"/faq/vpn/\">How do I connect to the VPN?</a>");
    site.page("posts/").main().lacks("VPN");
    site.lacks_page("faq/");
}

#[test]
fn kind_in_front_matter_wins_over_the_folder() {
    let site = SiteTest::new("kinds/blog").build();
    site.page("about/").contains("<h1 class=\"page-title\">About this blog</h1>");
    site.page("posts/").main().lacks("About this blog");
    site.page("about/").lacks("badge-post");
}

#[test]
fn missing_folders_and_unknown_kinds_are_errors_at_their_line() {
    let printed = without_notes(&SiteTest::new("kinds/mistakes").build_fails());
    assert_eq!(
        printed,
        "error: site.yaml:5:3: no folder `news` in the content folder `content/`\n  \
         = help: name a folder as seen from `content/`, such as `blog`, or `.` for the files directly in it\n\
         error: site.yaml:6:3: no folder `blog/answers` in the content folder `content/`\n  \
         = help: name a folder as seen from `content/`, such as `blog`, or `.` for the files directly in it\n\
         error: site.yaml:6:17: unknown kind `answer`\n  \
         = help: a folder's kind is one of `post`, `question`, `community`, `wiki`; `answers/` below a page holds its answers\n\
         error: site.yaml:7:8: unknown kind `posts`\n  \
         = help: a folder's kind is one of `post`, `question`, `community`, `wiki`\n\
         error: found 4 errors in 1 file\n"
    );
    let root = crate::support::fixtures().join("kinds/mistakes");
    let output = tempfile::tempdir().expect("temporary folder");
    let out = output.path().join("public");
    kennis(&["build", "--root", &shown(&root), "--output", &shown(&out)]).exits_with(1);
}

#[test]
fn without_kinds_a_root_page_is_a_wiki_page_and_with_them_a_post() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: T\nbase_url: https://x.example.org/\n");
    site.write("content/note.md", "---\ntitle: A note\n---\n\nText.\n");
    site.write("content/blog/one.md", "---\ntitle: One\ndate: 2024-01-01\n---\n\nText.\n");
    let before = site.build();
    before.page("posts/").main().lacks("A note").lacks("One");
    before.page("blog/").main().contains("<a href=\"/blog/one/\">");
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://x.example.org/\nkinds: {\".\": post, ./blog/: post}\n",
    );
    let after = site.build();
    after
        .page("posts/")
        .main()
        .contains("<a href=\"/note/\">A note</a>")
        .contains("<a href=\"/blog/one/\">One</a>");
    after.lacks_page("blog/");
}

#[test]
fn the_longest_folder_wins() {
    let site = SiteTest::empty();
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://x.example.org/\nkinds: {blog: post, blog/pages: wiki}\n",
    );
    site.write("content/blog/one.md", "---\ntitle: One\ndate: 2024-01-01\n---\n\nText.\n");
    site.write("content/blog/pages/colophon.md", "---\ntitle: Colophon\n---\n\nText.\n");
    let built = site.build();
    assert_eq!(built.problems(), Vec::<String>::new());
    built.page("posts/").main().contains("<a href=\"/blog/one/\">One</a>").lacks("Colophon");
    built.page("blog/pages/colophon/").contains("<h1 class=\"page-title\">Colophon</h1>");
    built.page("blog/pages/").main().contains("<a href=\"/blog/pages/colophon/\">");
}
