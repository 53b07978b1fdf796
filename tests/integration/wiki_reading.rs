//! Reading a wiki page: the section's tree beside it (bounded in big sections), the
//! previous and next pages of its section after the body, and who updated it last.

use crate::support::{Output, SiteTest};

/// The wiki tree in a page's aside.
fn tree_of(page: &Output) -> Output {
    let start = page.text.find("<nav class=\"wiki-tree\"").expect("a wiki tree on the page");
    let end = start + page.text[start..].find("</nav>").expect("the tree's end");
    Output { path: format!("{} wiki tree", page.path), text: page.text[start..end].to_owned() }
}

#[test]
fn a_wiki_page_shows_its_sections_tree_with_itself_marked() {
    let site = SiteTest::new("wiki/sections").build();
    let page = site.page("wiki/tools/version-control/");
    page.contains("<article class=\"page-grid has-toc has-wiki-tree\">").contains_in_order(&[
        "<aside class=\"page-aside\">",
        "<nav class=\"wiki-tree\" aria-labelledby=\"wiki-tree-title\">",
        "</aside>",
        "<div class=\"page-body\">",
    ]);
    let tree = tree_of(&page);
    tree.contains_in_order(&[
        "<a href=\"/wiki/guides/\">Guides</a>",
        "<a href=\"/wiki/tools/\">Tools</a>",
        "<a href=\"/wiki/tools/version-control/\" aria-current=\"page\">Version control</a>",
    ])
    .contains("<a href=\"/wiki/tools/editor/\">Zed the editor</a>");
    assert_eq!(tree.count("aria-current=\"page\""), 1, "only the page itself is current:\n{}", tree.text);
    // A wiki this small is shown whole: the other sections are open too.
    tree.contains("<a href=\"/wiki/guides/onboarding/first-day/\">Your first day</a>")
        .lacks("tree-collapsed");
    // Posts and sections keep their own layouts.
    site.page("wiki/tools/").lacks("has-wiki-tree");
}

#[test]
fn in_a_section_of_300_pages_the_tree_shows_the_pages_neighbours_and_links_to_the_section() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Big\nbase_url: https://intranet.example.org/\n");
    site.write("content/wiki/_index.md", "---\ntitle: Wiki\n---\n");
    site.write("content/wiki/big/_index.md", "---\ntitle: Big section\n---\n");
    for n in 0..300 {
        site.write(
            &format!("content/wiki/big/page-{n}.md"),
            format!("---\ntitle: Page {n}\nweight: {n}\n---\n\nPage {n}.\n"),
        );
    }
    let built = site.build();
    let page = built.page("wiki/big/page-150/");
    let tree = tree_of(&page);
    let links = tree.count("<a href=");
    assert!(links <= 40, "{links} links in the tree of a 300-page section:\n{}", tree.text);
    tree.contains_in_order(&[
        "<a href=\"/wiki/big/\">Big section</a>",
        "<a href=\"/wiki/big/page-149/\">Page 149</a>",
        "<a href=\"/wiki/big/page-150/\" aria-current=\"page\">Page 150</a>",
        "<a href=\"/wiki/big/page-151/\">Page 151</a>",
        "<li class=\"tree-more\"><a href=\"/wiki/big/\">270 more</a></li>",
    ])
    .lacks("<a href=\"/wiki/big/page-0/\">")
    .lacks("<a href=\"/wiki/big/page-299/\">");
    // The last page of the section still gets a full window: the pages before it.
    let last = tree_of(&built.page("wiki/big/page-299/"));
    last.contains("<a href=\"/wiki/big/page-270/\">Page 270</a>")
        .contains("<a href=\"/wiki/big/page-299/\" aria-current=\"page\">Page 299</a>")
        .lacks("<a href=\"/wiki/big/page-269/\">");
}

#[test]
fn previous_and_next_link_the_pages_siblings_in_the_sections_order() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Steps\nbase_url: https://intranet.example.org/\nlanguage: nl\n");
    site.write("content/wiki/_index.md", "---\ntitle: Wiki\n---\n");
    for (n, title) in ["Eerste", "Tweede", "Derde"].iter().enumerate() {
        site.write(
            &format!("content/wiki/step-{n}.md"),
            format!("---\ntitle: {title}\nweight: {n}\n---\n\nStap {n}.\n"),
        );
    }
    let built = site.build();
    built.page("wiki/step-1/").contains_in_order(&[
        "<div class=\"prose\">",
        "<nav class=\"page-steps\" aria-label=\"Vorige en volgende pagina\">",
        "<a class=\"page-step page-step-previous\" href=\"/wiki/step-0/\" rel=\"prev\">\
         <span class=\"page-step-label\">Vorige</span> Eerste</a>",
        "<a class=\"page-step page-step-next\" href=\"/wiki/step-2/\" rel=\"next\">\
         <span class=\"page-step-label\">Volgende</span> Derde</a>",
        "</nav>",
    ]);
    built
        .page("wiki/step-0/")
        .lacks("rel=\"prev\"")
        .contains("<a class=\"page-step page-step-next\" href=\"/wiki/step-1/\" rel=\"next\">");
    built
        .page("wiki/step-2/")
        .lacks("rel=\"next\"")
        .contains("<a class=\"page-step page-step-previous\" href=\"/wiki/step-1/\" rel=\"prev\">");
}

#[test]
fn a_wiki_page_says_who_updated_it_last_and_when() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Updated\nbase_url: https://intranet.example.org/\n");
    site.write("authors/ann.yaml", "name: Ann Smit\n");
    site.write("authors/bob.yaml", "name: Bob de Vries\n");
    site.write("content/wiki/_index.md", "---\ntitle: Wiki\n---\n");
    site.write(
        "content/wiki/leave.md",
        "---\ntitle: Leave\nauthors: [ann]\ndate: 2026-01-05\nupdated: 2026-03-02\n---\n\nHow to take leave.\n",
    );
    // With two people nothing says which of them changed it last: no name is claimed.
    site.write(
        "content/wiki/sick.md",
        "---\ntitle: Sick\nauthors: [bob, ann]\ndate: 2026-01-05\nupdated: 2026-03-02\n---\n\nCall in.\n",
    );
    site.write(
        "content/posts/news.md",
        "---\ntitle: News\nauthors: [ann]\ndate: 2026-01-05\nupdated: 2026-03-02\n---\n\nNews.\n",
    );
    let built = site.build();
    built.page("wiki/leave/").contains_in_order(&[
        "<h1 class=\"page-title\">Leave</h1>",
        "<span class=\"meta-item meta-updated-by\">Last updated by <a href=\"/authors/ann/\">Ann Smit</a> on \
         <time datetime=\"2026-03-02\">",
        "<div class=\"page-body\">",
    ]);
    built.page("wiki/sick/").lacks("Last updated by").contains("<span class=\"meta-label\">Updated</span>");
    // Other pages keep their plain "Updated" date.
    built.page("posts/news/").lacks("Last updated by").contains("<span class=\"meta-label\">Updated</span>");
}

/// A site whose wiki has pages `wiki/<folder>/page-<n>` titled `<title> <n>`, weighted in order.
fn wiki_pages(site: &SiteTest, folder: &str, title: &str, count: usize) {
    for n in 0..count {
        site.write(
            &format!("content/wiki/{folder}/page-{n}.md"),
            format!("---\ntitle: {title} {n}\nweight: {n}\n---\n\n{title} {n}.\n"),
        );
    }
}

/// A wiki of 390 entries: Alpha (5 pages and a sub-section of 2), Big (300 pages and
/// Inner, a sub-section of 40) and Zeta (3 pages).
fn big_wiki() -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Big wiki\nbase_url: https://intranet.example.org/\n");
    site.write("content/wiki/_index.md", "---\ntitle: Wiki\n---\n");
    site.write("content/wiki/alpha/_index.md", "---\ntitle: Alpha\n---\n");
    wiki_pages(&site, "alpha", "Alpha", 5);
    wiki_pages(&site, "alpha/sub", "Sub", 2);
    site.write("content/wiki/big/_index.md", "---\ntitle: Big\n---\n");
    wiki_pages(&site, "big", "Big", 300);
    site.write("content/wiki/big/inner/_index.md", "---\ntitle: Inner\n---\n");
    wiki_pages(&site, "big/inner", "Inner", 40);
    site.write("content/wiki/zeta/_index.md", "---\ntitle: Zeta\n---\n");
    wiki_pages(&site, "zeta", "Zeta", 3);
    site
}

#[test]
fn in_a_big_wiki_a_deep_page_shows_the_way_down_to_it_and_closes_the_other_sections() {
    let built = big_wiki().build();
    let page = built.page("wiki/big/inner/page-20/");
    let tree = tree_of(&page);
    tree.contains_in_order(&[
        // Closed: a link and how many entries it has, without its pages.
        "<li class=\"tree-section tree-collapsed\">\n    <a href=\"/wiki/alpha/\">Alpha \
         <span class=\"tree-count\" aria-hidden=\"true\">6</span>\
         <span class=\"visually-hidden\">(6 entries)</span></a>\n  </li>",
        // Open on the way down: Big's first entries, Inner first among them.
        "<a href=\"/wiki/big/\">Big</a>",
        "<a href=\"/wiki/big/inner/\">Inner</a>",
        // Inner: the 30 pages around the page, then how many more it has.
        "<a href=\"/wiki/big/inner/page-5/\">Inner 5</a>",
        "<a href=\"/wiki/big/inner/page-20/\" aria-current=\"page\">Inner 20</a>",
        "<a href=\"/wiki/big/inner/page-34/\">Inner 34</a>",
        "<li class=\"tree-more\"><a href=\"/wiki/big/inner/\">10 more</a></li>",
        "<a href=\"/wiki/big/page-0/\">Big 0</a>",
        "<a href=\"/wiki/big/page-28/\">Big 28</a>",
        "<li class=\"tree-more\"><a href=\"/wiki/big/\">271 more</a></li>",
        "<a href=\"/wiki/zeta/\">Zeta <span class=\"tree-count\" aria-hidden=\"true\">3</span>",
    ])
    .lacks("/wiki/alpha/page-")
    .lacks("/wiki/alpha/sub/")
    .lacks("/wiki/zeta/page-")
    .lacks("<a href=\"/wiki/big/inner/page-4/\">")
    .lacks("<a href=\"/wiki/big/inner/page-35/\">")
    .lacks("<a href=\"/wiki/big/page-29/\">");
    assert_eq!(tree.count("aria-current=\"page\""), 1, "only the page itself is current:\n{}", tree.text);
    assert_eq!(tree.count("tree-collapsed"), 2, "Alpha and Zeta are closed:\n{}", tree.text);
    assert_eq!(tree.count("<li class=\"tree-page\">"), 30 + 29, "{}", tree.text);
}

#[test]
fn in_a_big_wiki_a_sections_own_page_opens_that_section_and_closes_its_sub_sections() {
    let built = big_wiki().build();
    let tree = tree_of(&built.page("wiki/big/"));
    tree.contains_in_order(&[
        "<a href=\"/wiki/alpha/\">Alpha <span class=\"tree-count\" aria-hidden=\"true\">6</span>",
        "<a href=\"/wiki/big/\" aria-current=\"page\">Big</a>",
        "<a href=\"/wiki/big/inner/\">Inner <span class=\"tree-count\" aria-hidden=\"true\">40</span>\
         <span class=\"visually-hidden\">(40 entries)</span></a>",
        "<a href=\"/wiki/big/page-0/\">Big 0</a>",
        "<a href=\"/wiki/big/page-28/\">Big 28</a>",
        "<li class=\"tree-more\"><a href=\"/wiki/big/\">271 more</a></li>",
        "<a href=\"/wiki/zeta/\">Zeta <span class=\"tree-count\" aria-hidden=\"true\">3</span>",
    ])
    .lacks("/wiki/big/inner/page-")
    .lacks("<a href=\"/wiki/big/page-29/\">");
    assert_eq!(tree.count("aria-current=\"page\""), 1, "{}", tree.text);
    // The wiki's root opens only its own level.
    let root = tree_of(&built.page("wiki/"));
    assert_eq!(root.count("tree-collapsed"), 3, "{}", root.text);
    assert_eq!(root.count("<li class=\"tree-page\">"), 0, "{}", root.text);
}

#[test]
fn a_wiki_of_120_entries_is_shown_whole_and_one_of_121_is_not() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Edge\nbase_url: https://intranet.example.org/\nlanguage: nl\n");
    site.write("content/wiki/_index.md", "---\ntitle: Wiki\n---\n");
    // Two sections of 59 pages: 120 entries.
    wiki_pages(&site, "one", "Een", 59);
    wiki_pages(&site, "two", "Twee", 59);
    let whole = tree_of(&site.build().page("wiki/one/page-0/"));
    whole.contains("<a href=\"/wiki/two/page-0/\">Twee 0</a>").lacks("tree-collapsed");
    assert_eq!(whole.count("<li class=\"tree-page\">"), 60, "30 of each section:\n{}", whole.text);
    wiki_pages(&site, "two", "Twee", 60);
    let bounded = tree_of(&site.build().page("wiki/one/page-0/"));
    bounded
        .contains(
            "<a href=\"/wiki/two/\">Two <span class=\"tree-count\" aria-hidden=\"true\">60</span>\
             <span class=\"visually-hidden\">(60 onderdelen)</span></a>",
        )
        .lacks("/wiki/two/page-");
}
