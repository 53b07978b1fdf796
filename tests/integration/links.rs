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

#[test]
fn every_way_of_writing_a_relative_link_resolves() {
    let site = SiteTest::new("links/resolution").build();
    assert_eq!(site.problems(), Vec::<String>::new());
    site.page("wiki/guides/links/")
        .contains("<a href=\"/wiki/target/#install-the-tools\">with an anchor</a>")
        .contains("<a href=\"/wiki/guides/deeper/\">dot slash</a>")
        .contains("<a href=\"/wiki/guides/deeper/\">same folder</a>")
        .contains("<a href=\"/wiki/target/\">one folder up</a>")
        .contains("<a href=\"/wiki/my-page/\">an encoded space</a>")
        .contains("<a href=\"/wiki/hierarchie/\">non-ASCII</a>")
        .contains("<a href=\"/wiki/hierarchie/\">encoded non-ASCII</a>")
        .contains("<a href=\"/wiki/my-page/\">in angle brackets</a>")
        .contains("<a href=\"/wiki/target/\" title=\"Go to the target\">with a title</a>");
}

#[test]
fn reference_style_links_and_links_in_footnotes_resolve() {
    SiteTest::new("links/resolution")
        .build()
        .page("wiki/guides/links/")
        .contains("<a href=\"/wiki/target/\">by reference</a>")
        .contains("<a href=\"/posts/bundle/\">the bundle</a>")
        .contains_in_order(&[
            "<section class=\"footnotes\"",
            "From a footnote: <a href=\"/wiki/target/#custom\">the custom heading</a>",
        ]);
}

#[test]
fn anchors_match_the_targets_real_heading_ids() {
    let site = SiteTest::new("links/resolution").build();
    site.page("wiki/target/")
        .contains("<h2 id=\"install-the-tools\">")
        .contains("<h2 id=\"café-au-lait\">")
        .contains("<h2 id=\"custom\">");
    let page = site.page("wiki/guides/links/");
    page.contains("<a href=\"/wiki/target/#custom\">a custom id</a>")
        .contains("<a href=\"#more\">on this page</a>");
    // The accented id may be written as is or percent-encoded: browsers find both.
    assert!(
        page.text.contains("<a href=\"/wiki/target/#café-au-lait\">accented</a>")
            || page.text.contains("<a href=\"/wiki/target/#caf%C3%A9-au-lait\">accented</a>"),
        "{}",
        page.text
    );
}

#[test]
fn wiki_links_by_slug_text_title_and_heading() {
    SiteTest::new("links/resolution")
        .build()
        .page("wiki/guides/links/")
        .contains("<a href=\"/wiki/target/\">target</a>")
        .contains("<a href=\"/wiki/target/\">the target by slug</a>")
        .contains("<a href=\"/wiki/target/\">Target page</a>")
        .contains("<a href=\"/wiki/target/#custom\">")
        .contains("<a href=\"/wiki/guides/deeper/\">Deeper guide</a>")
        .contains("<a href=\"/wiki/hierarchie/\">hiërarchie</a>")
        .lacks("link-missing");
}

#[test]
fn images_and_links_to_bundle_and_static_files() {
    let site = SiteTest::new("links/resolution").build();
    site.page("wiki/guides/links/")
        .contains("<img src=\"/posts/bundle/diagram.png\" alt=\"a diagram\" loading=\"lazy\" />")
        .contains("<a href=\"/posts/bundle/data.csv\">the data</a>")
        .contains("<a href=\"/files/handbook.txt\">a static file</a>")
        .contains("<img src=\"/images/logo.png\" alt=\"a static image\" loading=\"lazy\" />");
    site.page("posts/bundle/")
        .contains("<img src=\"/posts/bundle/diagram.png\" alt=\"The diagram\" loading=\"lazy\" />")
        .contains("<a href=\"/posts/bundle/data.csv\">the data</a>")
        .contains("<a href=\"/wiki/guides/links/#more\">the guide</a>");
    for file in ["posts/bundle/diagram.png", "posts/bundle/data.csv", "files/handbook.txt", "images/logo.png"]
    {
        assert!(site.has_file(file), "`{file}` is linked to, so it must be in the output");
    }
}

#[test]
fn links_in_code_are_neither_rewritten_nor_reported() {
    // The fixture's code holds links to pages that do not exist, and the build has no warnings.
    let site = SiteTest::new("links/resolution").build();
    assert_eq!(site.problems(), Vec::<String>::new());
    site.page("wiki/guides/links/")
        .contains("<code>[x](missing.md)</code>")
        .contains("<code>[[missing]]</code>")
        .contains("[y](missing.md) ![z](missing.png) [[missing page]]")
        .contains("[indented](missing.md)")
        .lacks("href=\"missing.md\"");
}

#[test]
fn external_links_are_left_as_written() {
    SiteTest::new("links/resolution")
        .build()
        .page("wiki/guides/links/")
        .contains("<a href=\"https://example.org/docs/setup.md\">docs</a>")
        .contains("<a href=\"https://example.org/plain\">https://example.org/plain</a>")
        .contains("<a href=\"mailto:team@example.org\">mail</a>");
}

#[test]
fn under_a_base_path_resolved_links_and_files_get_it_too() {
    SiteTest::new("links/resolution")
        .base_url(BASE)
        .build()
        .page("wiki/guides/links/")
        .contains("<a href=\"/kennis/wiki/my-page/\">an encoded space</a>")
        .contains("<a href=\"/kennis/wiki/target/#custom\">a custom id</a>")
        .contains("<img src=\"/kennis/posts/bundle/diagram.png\" alt=\"a diagram\" loading=\"lazy\" />")
        .contains("<a href=\"/kennis/files/handbook.txt\">a static file</a>")
        .contains("<a href=\"https://example.org/docs/setup.md\">docs</a>");
}

#[test]
fn a_host_name_written_without_its_scheme_gets_a_hint_to_add_it() {
    let site = SiteTest::copy("links/relative");
    site.write("content/posts/bare.md", "---\ntitle: Bare\n---\n\nInstall [Bootstrap](getbootstrap.com/).\n");
    let error = site.build_fails();
    assert!(
        error.contains(
            "content/posts/bare.md:5:9: broken link `getbootstrap.com/`: `content/posts/getbootstrap.com` does not exist\n  \
             = help: a web address starts with its scheme: write `https://getbootstrap.com/`"
        ),
        "{error}"
    );
}

#[test]
fn a_file_name_with_an_unknown_extension_is_not_taken_for_a_host_name() {
    let site = SiteTest::copy("links/relative");
    site.write("content/posts/bare.md", "---\ntitle: Bare\n---\n\nRead [the guide](guide.mdx).\n");
    let error = site.build_fails();
    assert!(
        error.contains(
            "content/posts/bare.md:5:6: broken link `guide.mdx`: `content/posts/guide.mdx` does not exist\n  \
             = help: relative links are counted from the folder of the file they are in"
        ),
        "{error}"
    );
}
