//! TOML front matter (`+++`) as Zola and Hugo write it: pages, sections and mistakes.

use crate::support::{SiteTest, without_notes};

/// Every file of the output that shows `text`.
fn files_showing(built: &crate::support::Built, text: &str) -> Vec<String> {
    built.files().into_iter().filter(|f| built.file(f).text.contains(text)).collect()
}

#[test]
fn a_zola_post_shows_its_title_date_authors_and_taxonomies() {
    let site = SiteTest::new("zola/blog").build();
    assert_eq!(site.problems(), Vec::<String>::new(), "Zola's fields are not typos");
    site.page("posts/first-light/")
        .contains("<h1 class=\"page-title\">First light</h1>")
        .contains("<time datetime=\"2020-03-12\">12 March 2020</time>")
        .contains("<a class=\"person-name\" href=\"/authors/aaron/\">Aaron Turon</a>")
        .contains("<a class=\"tag\" href=\"/tags/release/\" rel=\"tag\">release</a>")
        .contains("<a class=\"tag\" href=\"/tags/rust/\" rel=\"tag\">rust</a>")
        .contains("The first post, written in TOML.");
    site.page("tags/rust/").main().contains("First light");
    site.file("2020/03/12/first-light.html").contains("/posts/first-light/");
    // `[extra]` is for templates: `team` is not a community's team, and nothing shows it.
    assert_eq!(files_showing(&site, "EXTRA-NOT-SHOWN"), Vec::<String>::new());
    assert_eq!(files_showing(&site, "The Release Team"), Vec::<String>::new());
}

#[test]
fn a_toml_date_with_an_offset_and_an_updated_string() {
    let site = SiteTest::new("zola/blog").build();
    // Zola's `path = "2021/06/01/updates"` is the page's URL.
    site.lacks_page("posts/updates/");
    site.page("2021/06/01/updates/")
        .contains("<time datetime=\"2021-06-01T09:30:00+02:00\">1 June 2021</time>")
        .contains("<time datetime=\"2021-07-01\">1 July 2021</time>")
        .contains("<a href=\"/posts/first-light/\">the first post</a>");
    site.page("posts/").main().contains_in_order(&["Updates", "First light"]);
}

#[test]
fn a_zola_section_index_is_the_section_page() {
    let site = SiteTest::new("zola/blog").build();
    site.page("docs/")
        .contains("<h1 class=\"page-title\">Documentation</h1>")
        .contains("Everything about the thing, in order.")
        .main()
        .contains_in_order(&["Install", "Usage"]);
    assert_eq!(files_showing(&site, "SECTION-EXTRA-NOT-SHOWN"), Vec::<String>::new());
    site.page("docs/install/").contains("<h1 class=\"page-title\">Install</h1>");
    // Zola reads `+++` after a blank line (its theme pages start so).
    site.page("docs/usage/").contains("<h1 class=\"page-title\">Usage</h1>").lacks("+++");
}

#[test]
fn a_hugo_post_reads_slug_lastmod_draft_and_params() {
    let site = SiteTest::new("hugo/site").build();
    assert_eq!(site.problems(), Vec::<String>::new(), "Hugo's fields are not typos");
    // Hugo's `url = "/blog/hello/"` wins over its `slug`.
    site.lacks_page("posts/hello/");
    site.page("blog/hello/")
        .contains("<h1 class=\"page-title\">Hello from Hugo</h1>")
        .contains("<time datetime=\"2023-05-01T10:00:00-04:00\">1 May 2023</time>")
        .contains("<time datetime=\"2023-06-02\">2 June 2023</time>")
        .contains("<a class=\"person-name\" href=\"/authors/jane/\">Jane Doe</a>")
        .contains("<a class=\"tag\" href=\"/tags/go/\" rel=\"tag\">Go</a>")
        .contains("<a class=\"tag\" href=\"/tags/hugo/\" rel=\"tag\">hugo</a>");
    site.page("posts/").main().contains("A post as hugo new writes it.").lacks("Not yet");
    site.lacks_page("posts/unfinished/").lacks_page("posts/hello-hugo/");
    assert_eq!(files_showing(&site, "PARAM-NOT-SHOWN"), Vec::<String>::new());
    site.page("docs/").contains("<h1 class=\"page-title\">Docs</h1>").main().contains("First steps");
}

#[test]
fn toml_mistakes_are_reported_at_their_line_in_kennis_words() {
    let printed = without_notes(&SiteTest::new("zola-mistake/blog").build_fails());
    let expected = "error: content/posts/bad-tags.md:4:8: `tags` must be a list, not a group of fields\n  \
         = help: write it as `tags = [\"first\", \"second\"]`\n\
         error: content/posts/unquoted.md:2:9: invalid front matter: text must be quoted in TOML: `Unquoted words`\n  \
         = help: write it as `\"Unquoted words\"`; `true`, `false`, numbers and dates need no quotes\n\
         error: content/posts/untitled.md:1:1: this page has no `title`\n  \
         = help: add `title = \"...\"` to the front matter\n\
         error: content/posts/yaml-in-toml.md:3:1: invalid front matter: a field without `=`: TOML front matter \
         writes `name = value`\n  \
         = help: write it as `title = \"My page\"`; for `name: value` lines, open and close the front matter \
         with `---` instead of `+++`\n\
         error: found 4 errors in 4 files\n";
    assert_eq!(printed, expected, "\n--- printed ---\n{printed}\n--- expected ---\n{expected}");
}

#[test]
fn the_root_section_index_is_the_home_page_introduction() {
    let site = SiteTest::new("zola/blog").build();
    site.page("").main().contains_in_order(&["Welcome to a blog that moved from Zola.", "Updates"]);
    assert_eq!(files_showing(&site, "ROOT-EXTRA-NOT-SHOWN"), Vec::<String>::new());
}
