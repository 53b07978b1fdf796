//! A Hugo site as it is: links written as URLs relative to the page, field names in any
//! case, front matter of comments only or opened by `------`, aliases of a page's own URL.

use crate::support::SiteTest;

#[test]
fn links_relative_to_the_page_url_lead_where_a_browser_takes_them() {
    let site = SiteTest::new("hugo-site").build();
    site.page("docs/01-start/")
        .contains("<a href=\"/docs/02-next/\">the next step</a>")
        .contains("<a href=\"/docs/02-next/#setup\">setup</a>")
        .contains("<img src=\"/docs/plan.png\" alt=\"Plan\"")
        // Above the content folder as a file path, and inside the site as a URL.
        .contains("<img src=\"/docs/plan.png\" alt=\"Plan again\"");
    site.page("docs/")
        .contains("<a href=\"/docs/01-start/\">the first step</a>")
        .contains("<a href=\"/docs/02-next/\">the next</a>");
}

#[test]
fn a_link_that_is_neither_a_file_nor_a_url_of_the_site_is_reported() {
    let site = SiteTest::copy("hugo-site");
    site.write("content/docs/03-more.md", "---\ntitle: More\n---\n\nBack to [the start](../01-strat).\n");
    let error = site.build_fails();
    assert!(
        error.contains(
            "content/docs/03-more.md:5:9: broken link `../01-strat`: `content/01-strat` does not exist"
        ),
        "{error}"
    );
}

#[test]
fn a_wrong_anchor_on_a_url_relative_link_is_reported() {
    let site = SiteTest::copy("hugo-site");
    site.write("content/docs/03-more.md", "---\ntitle: More\n---\n\nSee [setup](../02-next/#set-up).\n");
    let error = site.build_fails();
    assert!(error.contains("content/docs/03-more.md:5:5: broken link `../02-next/#set-up`"), "{error}");
    assert!(error.contains("no heading `#set-up`"), "{error}");
}

#[test]
fn field_names_are_read_in_any_case_as_hugo_reads_them() {
    let site = SiteTest::new("hugo-site").build();
    site.page("docs/01-start/").contains("Getting started").contains("The first step");
    site.page("blog/hello/").contains("Jane Doe");
    assert!(
        !site.warnings().iter().any(|w| w.contains("unknown field")),
        "Title, Description and Author are fields: {:?}",
        site.warnings()
    );
}

#[test]
fn front_matter_of_comments_alone_has_no_fields() {
    let site = SiteTest::new("hugo-site").build();
    site.page("docs/shared/").contains("<h1 class=\"page-title\" id=\"shared-text\">Shared text");
}

#[test]
fn front_matter_opened_by_more_dashes_is_read_with_a_warning() {
    let site = SiteTest::new("hugo-site").build();
    site.page("blog/hello/").contains("<h1 class=\"page-title\">Hello").lacks("title: &quot;Hello&quot;");
    site.page("posts/").contains("<a href=\"/blog/hello/\">Hello</a>");
    assert_eq!(
        site.warnings(),
        ["warning: content/blog/hello.md:1:1: front matter opens with more than three dashes\n  \
          = help: write `---`: Jekyll and the git web UI show a longer line as text"]
    );
}

#[test]
fn an_alias_of_the_page_own_url_is_dropped_and_others_redirect() {
    let site = SiteTest::new("hugo-site").build();
    site.page("docs/02-next/").contains("<h1 class=\"page-title\">Next steps");
    site.page("docs/next/").contains("https://docs.example.org/docs/02-next/");
}

#[test]
fn a_blog_folder_section_page_lists_its_posts_newest_first() {
    let site = SiteTest::new("hugo-site").build();
    site.page("blog/")
        .contains("News from the team.")
        .contains_in_order(&[
            "<a href=\"/blog/hello/\">Hello</a>",
            "<a href=\"/blog/2023/older/\">An older post</a>",
        ])
        .lacks("This section has no pages yet.");
    site.page("posts/").contains("An older post").contains("Hello");
}

#[test]
fn permalinks_may_name_a_folder_as_hugo_names_sections() {
    let site = SiteTest::copy("hugo-site");
    site.write(
        "site.yaml",
        "title: A Hugo site\ncontent_dir: content\nkinds: {blog: post}\n\
         permalinks:\n  blog: /:section/:year/:month/:day/:slug/\n  post: /p/:slug/\n",
    );
    let built = site.build();
    built.page("blog/2024/02/22/hello/").contains("<h1 class=\"page-title\">Hello");
    built.page("blog/2023/05/01/older/").contains("An older post");
    built.lacks_page("p/hello/");
    built.page("blog/").contains("<a href=\"/blog/2024/02/22/hello/\">Hello</a>");
}

#[test]
fn a_permalinks_key_that_is_neither_a_kind_nor_a_folder_is_refused_at_its_line() {
    let site = SiteTest::copy("hugo-site");
    site.write("site.yaml", "title: A Hugo site\ncontent_dir: content\npermalinks:\n  news: /:year/:slug/\n");
    let error = site.build_fails();
    assert!(
        error.contains(
            "error: site.yaml:4:3: `news` is neither a kind nor a folder of `content/`\n  \
             = help: `permalinks` names a kind (`post`, `question`, `community`, `wiki`) or, as Hugo names \
             sections, a folder of the content folder (`blog`)"
        ),
        "{error}"
    );
}

#[test]
fn a_jekyll_blog_at_the_root_keeps_its_post_title_pictures_and_files() {
    let site = SiteTest::new("jekyll-root").build();
    // `/:title` served `first-post.html` at `/first-post`: `assets/…` is the site's.
    site.page("first-post/")
        .contains("<h1 class=\"page-title\">First post")
        .contains("<img src=\"/assets/img/x.png\" alt=\"x\"")
        .contains("<a href=\"/calendar.ics\">the event</a>");
    assert!(site.has_file("calendar.ics"), "what pages link to at the top is published");
    assert!(!site.has_file("Gemfile") && !site.has_file("site.yaml"), "tools' files are not");
    assert_eq!(
        site.warnings(),
        [
            "warning: _posts/2024-01-02-first-post.md:1:1: this post has no `title`: it is shown as `First post`, \
          as Jekyll names it\n  = help: add `title: \"...\"` to the front matter"
        ]
    );
}

#[test]
fn a_missing_file_of_a_site_whose_content_is_its_root_is_named_from_the_root() {
    let site = SiteTest::copy("jekyll-root");
    site.write(
        "_posts/2024-01-03-second.md",
        "---\ntitle: Second\n---\n\nSee ![gone](/assets/img/gone.png).\n",
    );
    let error = site.build_fails();
    assert!(
        error.contains(
            "_posts/2024-01-03-second.md:5:5: broken link `/assets/img/gone.png`: there is no \
             `assets/img/gone.png` in the site\n  \
             = help: a link starting with `/` names a file from the site's root, or in `static/`"
        ),
        "{error}"
    );
}

#[test]
fn a_link_to_a_page_url_with_a_query_keeps_its_query() {
    let site = SiteTest::copy("hugo-site");
    site.write(
        "content/docs/03-more.md",
        "---\ntitle: More\n---\n\n[Next, printable](/docs/02-next/?print=1).\n",
    );
    site.build().page("docs/03-more/").contains("<a href=\"/docs/02-next/?print=1\">Next, printable</a>");
}
