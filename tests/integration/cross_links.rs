//! "Linked from" and "Related pages" at the foot of every page: who links here, with their
//! title and kind, and up to five pages that share tags, a community or links.

use crate::support::{Output, SiteTest};

/// The `<li>` items of one group of the `page-links` block (`backlinks-title` or `related-title`).
fn group(page: &Output, title_id: &str) -> Vec<String> {
    let start = format!("aria-labelledby=\"{title_id}\"");
    let Some(at) = page.text.find(&start) else { return Vec::new() };
    let section = &page.text[at..];
    let section = &section[..section.find("</section>").expect("the group closes")];
    section
        .split("<li>")
        .skip(1)
        .map(|item| item.split("</li>").next().expect("an item").trim().to_owned())
        .collect()
}

fn backlinks(page: &Output) -> Vec<String> {
    group(page, "backlinks-title")
}

fn related(page: &Output) -> Vec<String> {
    group(page, "related-title")
}

fn item(url: &str, title: &str, kind: &str) -> String {
    format!("<a href=\"{url}\">{title}</a> <span class=\"badge badge-kind\">{kind}</span>")
}

#[test]
fn a_page_shows_every_page_that_links_to_it_with_title_and_kind() {
    let site = SiteTest::new("links/backlinks").build();
    let target = site.page("wiki/target/");
    target.contains("<h2 id=\"backlinks-title\" class=\"panel-title\">Linked from</h2>");
    // Newest first; a page linking twice is listed once; the page's links to itself are not listed.
    assert_eq!(
        backlinks(&target),
        [
            item("/questions/where-to-start/#answer-an-peeters", "Answer to “Where do I start?”", "Answer"),
            item("/posts/welcome/", "Welcome aboard", "Post"),
            item("/wiki/checklist/", "First-day checklist", "Wiki"),
        ]
    );
}

#[test]
fn an_answer_linking_to_a_page_is_a_backlink_to_the_answer() {
    let site = SiteTest::new("links/backlinks").build();
    let target = site.page("wiki/target/");
    assert!(
        backlinks(&target).contains(&item(
            "/questions/where-to-start/#answer-an-peeters",
            "Answer to “Where do I start?”",
            "Answer"
        )),
        "{}",
        target.text
    );
}

#[test]
fn a_page_nobody_links_to_has_no_linked_from() {
    let site = SiteTest::new("links/backlinks").build();
    site.page("wiki/lonely/").lacks("page-links").lacks("Linked from");
    site.page("wiki/checklist/").lacks("backlinks-title");
}

#[test]
fn related_pages_share_tags_a_community_or_links_and_never_the_page_itself() {
    let site = SiteTest::new("links/related").build();
    let page = site.page("posts/rust-subject/");
    page.contains("<h2 id=\"related-title\" class=\"panel-title\">Related pages</h2>");
    let related = related(&page);
    for expected in [
        item("/posts/rust-other/", "More Rust", "Post"),
        item("/posts/data-news/", "Data news", "Post"),
        item("/wiki/linked-page/", "Linked page", "Wiki"),
        item("/wiki/links-here/", "Links here", "Wiki"),
    ] {
        assert!(related.contains(&expected), "`{expected}` missing from {related:#?}");
    }
    assert!(!related.iter().any(|r| r.contains("/posts/rust-subject/")), "itself: {related:#?}");
    assert!(!related.iter().any(|r| r.contains("Cooking club")), "unrelated: {related:#?}");
    assert!(related.len() <= 5, "{related:#?}");
}

#[test]
fn at_most_five_related_pages_the_recent_ones_first() {
    // Seven posts share the tag `retro`; all tie on the tag, so the five newest win.
    let site = SiteTest::new("links/related").build();
    let page = site.page("posts/retro-subject/");
    assert_eq!(
        related(&page),
        ["2025", "2024", "2023", "2022", "2021"].map(|y| item(
            &format!("/posts/retro-{y}/"),
            &format!("Retro notes {y}"),
            "Post"
        ))
    );
}

#[test]
fn a_page_with_nothing_in_common_has_no_related_pages() {
    let site = SiteTest::new("links/related").build();
    let page = site.page("posts/unrelated/");
    assert_eq!(related(&page), Vec::<String>::new(), "{}", page.text);
}

#[test]
fn backlinks_and_related_pages_follow_the_base_path() {
    let site = SiteTest::new("links/backlinks").base_url("https://x.example.org/kennis/").build();
    let target = site.page("wiki/target/");
    assert!(
        backlinks(&target).contains(&item("/kennis/posts/welcome/", "Welcome aboard", "Post")),
        "{}",
        target.text
    );
    assert!(related(&target).iter().all(|r| r.starts_with("<a href=\"/kennis/")), "{:#?}", related(&target));
}
