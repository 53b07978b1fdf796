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

/// A template of the site's own that defines a component no page uses: rows are then
/// rendered in place on each list (`Theme::rows_memoised` is false), not once per build.
const HARMLESS_COMPONENT: &str = "{% component site_note(text) -%}\n<p class=\"site-note\">{{ text }}</p>\n{%- endcomponent site_note %}\n";

/// Each HTML file of a build, by path.
type Files = Vec<(String, String)>;

/// Every output file of the site, by path, built with the rows rendered once and in place.
fn built_both_ways(site: &SiteTest) -> (Files, Files) {
    let files = |built: &crate::support::Built| -> Files {
        built
            .files()
            .into_iter()
            .filter(|path| path.ends_with(".html"))
            .map(|path| {
                let text = built.file(&path).text;
                (path, text)
            })
            .collect()
    };
    let memoised = files(&site.build());
    site.write("templates/partials/site-note.html", HARMLESS_COMPONENT);
    let in_place = files(&site.build());
    (memoised, in_place)
}

#[test]
fn rows_rendered_once_are_the_rows_rendered_in_place_byte_for_byte() {
    for site in [site(), SiteTest::copy("communities/data-guild")] {
        let (memoised, in_place) = built_both_ways(&site);
        let paths = |files: &[(String, String)]| files.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
        assert_eq!(paths(&memoised), paths(&in_place));
        let rows =
            memoised.iter().map(|(_, text)| text.matches("<article class=\"row row-").count()).sum::<usize>();
        assert!(rows >= 4, "the site's lists show rows: {rows}");
        for ((path, once), (_, in_place)) in memoised.iter().zip(&in_place) {
            assert_eq!(once, in_place, "{path}: the memo must not change what a list shows");
        }
    }
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
