//! A page's row in the lists: rendered once per build by the theme (`page_row_html`), and
//! in place on each list when the site's templates define components of their own.

use crate::support::SiteTest;

/// The theme's components with `page_row` reading the URL of the page it is on.
fn components_reading_the_page() -> String {
    let theme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates/partials/components.html"),
    )
    .expect("the theme's components");
    let signature = "{% component page_row(item, @t, heading=\"h2\", omit=\"\") -%}";
    assert!(theme.contains(signature), "the theme still declares page_row so");
    theme.replace(
        signature,
        "{% component page_row(item, @t, @current_url, heading=\"h2\", omit=\"\") -%}\n<p class=\"row-on\">{{ current_url }}</p>",
    )
}

fn site() -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Rows\nbase_url: https://intranet.example.org/\n");
    for (slug, title) in [("first", "First post"), ("second", "Second post")] {
        site.write(
            &format!("content/posts/{slug}.md"),
            format!("---\ntitle: {title}\ndate: 2025-03-01\ntags: [rust]\n---\n\nText.\n"),
        );
    }
    site
}

#[test]
fn every_list_shows_each_page_in_the_row_the_theme_writes() {
    let built = site().build();
    let row = |url: &str| {
        let page = built.page(url);
        let text = page.text;
        let start = text.find("<article class=\"row row-post\">").expect("a row");
        let end = start + text[start..].find("</article>").expect("its end");
        text[start..end].to_owned()
    };
    let (posts, tag) = (row("posts/"), row("tags/rust/"));
    assert!(posts.contains("<a href=\"/posts/first/\">First post</a>"), "{posts}");
    assert_eq!(posts, tag, "the same page, the same row on both lists");
}

#[test]
fn a_site_component_reading_the_page_it_is_on_gets_each_list_s_own() {
    let site = site();
    site.write("templates/partials/components.html", components_reading_the_page());
    let built = site.build();
    let posts = built.page("posts/");
    assert_eq!(posts.count("<p class=\"row-on\">/posts/</p>"), 2, "{}", posts.text);
    let tag = built.page("tags/rust/");
    assert_eq!(tag.count("<p class=\"row-on\">/tags/rust/</p>"), 2, "{}", tag.text);
}
