//! The wiki: sections from folders, their order, breadcrumbs, titles from headings, adopted top folders.

use crate::support::SiteTest;

#[test]
fn a_section_shows_its_intro_and_its_pages_by_weight_then_title() {
    SiteTest::new("wiki/sections")
        .build()
        .page("wiki/tools/")
        .contains("<h1 class=\"page-title\">Tools</h1>")
        .contains("<p>The tools we use every day.</p>")
        .main()
        .contains_in_order(&[
            "<h2 id=\"section-pages\"",
            "<a href=\"/wiki/tools/editor/\">Zed the editor</a>",
            "<a href=\"/wiki/tools/version-control/\">Version control</a>",
            "<a href=\"/wiki/tools/shell/\">Shell tricks</a>",
        ]);
}

#[test]
fn the_wiki_root_lists_its_sections_and_the_whole_tree() {
    SiteTest::new("wiki/sections")
        .build()
        .page("wiki/")
        .contains("<h1 class=\"page-title\">Wiki</h1>")
        .contains("<p>Everything we know, by topic.</p>")
        .main()
        .contains("<a href=\"/wiki/guides/\">Guides</a>")
        .contains("<a href=\"/wiki/tools/\">Tools</a>")
        .contains_in_order(&[
            "<nav class=\"wiki-tree\"",
            "<a href=\"/wiki/guides/\">Guides</a>",
            "<a href=\"/wiki/guides/onboarding/\">Onboarding</a>",
            "<a href=\"/wiki/guides/onboarding/first-day/\">Your first day</a>",
            "<a href=\"/wiki/tools/\">Tools</a>",
            "<a href=\"/wiki/tools/editor/\">Zed the editor</a>",
        ]);
}

#[test]
fn nested_pages_show_breadcrumbs_through_their_sections() {
    let site = SiteTest::new("wiki/sections").build();
    site.page("wiki/guides/onboarding/first-day/").contains_in_order(&[
        "<nav class=\"breadcrumbs\"",
        "<a href=\"/\">Home</a>",
        "<a href=\"/wiki/\">Wiki</a>",
        "<a href=\"/wiki/guides/\">Guides</a>",
        "<a href=\"/wiki/guides/onboarding/\">Onboarding</a>",
        "</nav>",
        "<h1 class=\"page-title\">Your first day</h1>",
    ]);
    site.page("wiki/tools/version-control/").contains_in_order(&[
        "<nav class=\"breadcrumbs\"",
        "<a href=\"/wiki/\">Wiki</a>",
        "<a href=\"/wiki/tools/\">Tools</a>",
        "</nav>",
    ]);
}

#[test]
fn a_folder_without_an_index_file_still_gets_a_section_page() {
    let site = SiteTest::new("wiki/sections").build();
    site.page("wiki/guides/")
        .contains("<h1 class=\"page-title\">Guides</h1>")
        .main()
        .contains("<a href=\"/wiki/guides/onboarding/\">Onboarding</a>");
    site.page("wiki/guides/onboarding/")
        .contains("<h1 class=\"page-title\">Onboarding</h1>")
        .main()
        .contains("<a href=\"/wiki/guides/onboarding/first-day/\">Your first day</a>");
}

#[test]
fn a_page_without_a_title_takes_its_first_heading() {
    SiteTest::new("wiki/sections")
        .build()
        .page("wiki/tools/shell/")
        .contains("<title>Shell tricks · Wiki</title>")
        .contains("<h1 class=\"page-title\" id=\"shell-tricks\">Shell tricks</h1>");
}

#[test]
fn a_title_from_a_heading_is_its_plain_text() {
    // `# The *first* heading` reads as "The first heading", as in the table of contents.
    let site = SiteTest::new("wiki/sections").build();
    site.page("wiki/tools/formatting/")
        .contains("<h1 class=\"page-title\" id=\"the-first-heading\">The first heading</h1>");
    site.page("wiki/tools/").lacks("The *first* heading");
}

#[test]
fn another_top_folder_is_a_wiki_section_of_its_own() {
    let site = SiteTest::new("wiki/sections").build();
    site.page("handbook/")
        .contains("<h1 class=\"page-title\">Handbook</h1>")
        .main()
        .contains("<a href=\"/handbook/leave/\">Taking leave</a>");
    site.page("handbook/leave/").contains("<h1 class=\"page-title\">Taking leave</h1>").contains_in_order(&[
        "<nav class=\"breadcrumbs\"",
        "<a href=\"/handbook/\">Handbook</a>",
        "</nav>",
    ]);
    site.page("").main().contains("href=\"/handbook/\"").contains("href=\"/wiki/\"");
}
