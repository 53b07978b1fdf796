//! Reading pages: the order of a question's and a post's parts, the question sidebar, an
//! author page's bylines without the author, and how heavy a big wiki section's page is.

use std::path::Path;

use crate::support::SiteTest;

/// The most an HTML page may weigh: a reader on a phone downloads all of it.
const MAX_PAGE_BYTES: usize = 250 * 1024;

#[test]
fn a_wiki_section_of_411_pages_stays_under_250_kb_per_html_page() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Big wiki\nbase_url: https://intranet.example.org/\n");
    site.write("content/wiki/_index.md", "---\ntitle: Wiki\n---\n\nEverything we know.\n");
    site.write("content/wiki/big/_index.md", "---\ntitle: Big section\n---\n\nA section with many pages.\n");
    for n in 0..411 {
        site.write(
            &format!("content/wiki/big/page-{n:03}.md"),
            format!(
                "---\ntitle: Page number {n} about a topic with a longer title\nsummary: What page {n} \
                 says, in a sentence of a reasonable length for a card.\ntags: [topic-{t}, shared]\n---\n\n\
                 The text of page {n}.\n",
                t = n % 7
            ),
        );
    }
    let built = site.build();
    let section: Vec<String> = built
        .files()
        .into_iter()
        .filter(|f| f.starts_with("wiki/big/") && f.ends_with(".html") && !f.starts_with("wiki/big/page-"))
        .collect();
    assert!(!section.is_empty(), "the section has its own page: {:?}", built.files());
    let pages =
        built.files().into_iter().filter(|f| f.starts_with("wiki/big/page-") && f.ends_with("index.html"));
    assert_eq!(pages.count(), 411, "every page of the section is built");
    let mut listed = String::new();
    for file in section {
        let text = built.file(&file).text;
        let size = text.len();
        assert!(size < MAX_PAGE_BYTES, "wiki/big's page {file} weighs {size} bytes, over {MAX_PAGE_BYTES}");
        listed.push_str(&text);
    }
    for n in 0..411 {
        let link = format!("href=\"/wiki/big/page-{n:03}/\"");
        assert!(listed.contains(&link), "the section's pages link to page {n} somewhere: {link}");
    }
}

#[test]
fn no_html_page_of_the_example_site_is_over_250_kb() {
    let built = SiteTest::at(&Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site")).build();
    let html: Vec<String> = built.files().into_iter().filter(|f| f.ends_with(".html")).collect();
    assert!(html.len() > 50, "example-site has many pages: {}", html.len());
    for file in html {
        let size = built.file(&file).text.len();
        assert!(size < MAX_PAGE_BYTES, "example-site's {file} weighs {size} bytes, over {MAX_PAGE_BYTES}");
    }
}
