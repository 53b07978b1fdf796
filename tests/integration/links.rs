//! Links between pages: relative `.md` paths and `[[wiki links]]` become page URLs, under any base path.

use crate::support::SiteTest;

#[test]
fn relative_markdown_links_point_at_page_urls() {
    let site = SiteTest::new("links/relative").build();
    site.page("posts/linking/")
        .contains("<a href=\"/wiki/setup/\">set-up guide</a>")
        .contains("<a href=\"/wiki/setup/#install\">installing</a>")
        .contains("<a href=\"/posts/other/\">the other post</a>")
        .contains("<a href=\"/posts/other/\">the same post again</a>")
        .contains("<a href=\"/wiki/hierarchie/\">the hierarchy page</a>")
        .contains("<a href=\"/wiki/meeting-notes/\">meeting notes</a>");
    site.page("wiki/tools/dev-setup/")
        .contains("<a href=\"/wiki/setup/#install\">the set-up guide</a>")
        .contains("<a href=\"/posts/other/\">a post</a>");
    site.page("posts/other/").contains("<a href=\"/posts/linking/\">the first post</a>");
}

#[test]
fn a_link_to_a_folder_points_at_its_section_page() {
    // `content/wiki/tools/` has no `_index.md`; its section page is generated.
    SiteTest::new("links/relative")
        .build()
        .page("posts/linking/")
        .contains("<a href=\"/wiki/tools/\">all the tools</a>");
}

#[test]
fn wiki_links_resolve_by_slug_and_by_title() {
    SiteTest::new("links/relative")
        .build()
        .page("posts/linking/")
        .contains("<a href=\"/wiki/setup/\">setup</a>")
        .contains("<a href=\"/wiki/setup/\">the guide by slug</a>")
        .contains("<a href=\"/wiki/agreements/\">Working Agreements</a>")
        .lacks("link-missing");
}

#[test]
fn links_in_code_and_external_links_are_left_alone() {
    SiteTest::new("links/relative")
        .build()
        .page("posts/linking/")
        .contains("<code>[not a link](../wiki/setup.md)</code>")
        .contains("<code>[[setup]]</code>")
        .contains("<a href=\"https://example.org/docs/setup.md\">an external page</a>")
        .contains("<a href=\"https://example.org/plain\">https://example.org/plain</a>");
}

const BASE: &str = "https://x.example.org/kennis/";

#[test]
fn a_base_path_prefixes_navigation_cards_assets_and_content_links() {
    let site = SiteTest::new("links/relative").base_url(BASE).build();
    site.page("posts/linking/")
        .contains("<link rel=\"stylesheet\" href=\"/kennis/kennis.css\">")
        .contains("<link rel=\"stylesheet\" href=\"/kennis/code.css\">")
        .contains("<script src=\"/kennis/kennis.js\" defer></script>")
        .contains("<li><a href=\"/kennis/posts/\" aria-current=\"page\">Posts</a></li>")
        .contains("<a class=\"brand\" href=\"/kennis/\">")
        .contains("<a href=\"/kennis/wiki/setup/#install\">installing</a>")
        .contains("<a href=\"/kennis/posts/other/\">the other post</a>")
        .contains("<a href=\"/kennis/wiki/setup/\">the guide by slug</a>")
        .contains("<link rel=\"canonical\" href=\"https://x.example.org/kennis/posts/linking/\">");
    site.page("posts/").main().contains("<a href=\"/kennis/posts/linking/\">A post full of links</a>");
    site.file("atom.xml").contains(
        "<link rel=\"alternate\" type=\"text/html\" href=\"https://x.example.org/kennis/posts/linking/\"/>",
    );
    site.file("sitemap.xml").contains("<loc>https://x.example.org/kennis/wiki/setup/</loc>");
}

#[test]
fn under_a_base_path_no_link_escapes_it() {
    let site = SiteTest::new("links/relative").base_url(BASE).build();
    let mut escaping = Vec::new();
    for file in site.files().iter().filter(|f| f.ends_with(".html")) {
        let text = site.file(file).text;
        for attribute in ["href=\"/", "src=\"/", "action=\"/", "url=/"] {
            for (at, _) in text.match_indices(attribute) {
                let rest = &text[at + attribute.len()..];
                if !rest.starts_with("kennis/") {
                    let shown: String = rest.chars().take(40).collect();
                    escaping.push(format!("{file}: {attribute}{shown}"));
                }
            }
        }
    }
    assert!(escaping.is_empty(), "links outside `/kennis/`:\n{}", escaping.join("\n"));
}
