//! Links in raw HTML (`<a href>`, `<img src>`, `srcset`, `<video poster>`) are rewritten and
//! checked as Markdown links are, and anchors resolve as the git web UI resolves them.

use crate::support::{SiteTest, kennis};

#[test]
fn urls_in_html_blocks_and_inline_html_are_rewritten_and_nothing_else_changes() {
    let built = SiteTest::new("html_links").build();
    built
        .page("wiki/guide/")
        .main()
        // An HTML block, its tag over two lines: only the URL changed.
        .contains("<p align=\"center\">\n  <img src=\"/handbook/wiki/logo.svg\" alt=\"Logo\"\n       width=\"120\">\n</p>")
        // Inline HTML, single quotes kept; the anchor in another case is the heading's id.
        .contains("See <a href=\"/handbook/wiki/setup/#who-is-eligible\" class='x'>who may join</a> and <a href=\"https://example.org/\">outside</a>.")
        .contains("<source srcset=\"/handbook/wiki/logo.svg 1x, /handbook/wiki/logo.svg 2x\">\n<img src='/handbook/wiki/logo.svg' alt=''>")
        // Unquoted, upper-case attribute name, in a list item.
        .contains("<li><a HREF=/handbook/wiki/setup/>in a list</a></li>")
        // A tag split over the lines of a quote.
        .contains("<div>\n<a\nhref=\"/handbook/wiki/setup/\">quoted over lines</a>\n</div>")
        // A comment is not a link.
        .contains("<!-- <a href=\"nowhere.md\">commented out</a> -->");
}

#[test]
fn anchors_in_another_case_land_on_the_heading_without_a_warning() {
    let built = SiteTest::new("html_links").build();
    assert_eq!(built.problems(), Vec::<String>::new());
    built
        .page("wiki/guide/")
        .main()
        .contains("Back to <a href=\"#guide-top\">the top</a>, <a href=\"/handbook/wiki/setup/#who-is-eligible\">who</a>, <a href=\"/handbook/wiki/setup/#who-is-eligible\">exact</a>.")
        // An id raw HTML defines is an anchor too, found in another case as well.
        .contains("The ladder's <a href=\"/handbook/wiki/setup/#ic2\">second level</a>.")
        .lacks("Who-Is-Eligible")
        .lacks("Guide-Top");
    // A writer's own id keeps its case, and a link in lower case is rewritten to it.
    built
        .page("wiki/setup/")
        .main()
        .contains("Go to the <a href=\"#Setup-Steps\">steps</a> or <a href=\"#Setup-Steps\">the same in lower case</a>.");
}

/// A page whose HTML and anchors are broken in every way this file covers.
fn broken_site() -> SiteTest {
    let site = SiteTest::empty();
    site.write(
        "site.yaml",
        "title: Broken\nbase_url: https://intranet.example.org/\nlinks:\n  broken: warn\n",
    );
    site.write("content/wiki/other.md", "---\ntitle: Other\n---\n\n## Intro\n\nText.\n");
    site.write("content/wiki/page.md", BROKEN_PAGE);
    site
}

const BROKEN_PAGE: &str = "---
title: Page
---

<p align=\"center\">
  <img src=\"./logo/x.svg\" alt=\"Logo\">
</p>

> A quote with <a href=\"missing.md\">a missing page</a> and
> <video poster=\"poster.png\"
>   src=\"clip.mp4\"></video>.

<a title=\"t\" href=\"javascript:alert(1)\">runs code</a>

Double [hash](##intro), [there too](other.md##intro), [parens](<#Heading-(with)-parens>).

## Heading (with) parens
";

const BROKEN_WARNINGS: &[&str] = &[
    "warning: content/wiki/page.md:6:13: broken image `./logo/x.svg`: `content/wiki/logo/x.svg` does not exist\n  \
     = help: relative links are counted from the folder of the file they are in",
    "warning: content/wiki/page.md:9:25: broken link `missing.md`: `content/wiki/missing.md` does not exist\n  \
     = help: relative links are counted from the folder of the file they are in",
    "warning: content/wiki/page.md:10:18: broken image `poster.png`: `content/wiki/poster.png` does not exist\n  \
     = help: relative links are counted from the folder of the file they are in",
    "warning: content/wiki/page.md:11:10: broken image `clip.mp4`: `content/wiki/clip.mp4` does not exist\n  \
     = help: relative links are counted from the folder of the file they are in",
    "warning: content/wiki/page.md:13:20: link to `javascript:alert(1)` removed: a `javascript:` URL runs code in the reader's browser\n  \
     = help: link to a page or an `https://` address instead; to show code, put it in backticks",
    "warning: content/wiki/page.md:15:8: broken link `##intro`: an anchor starts with one `#`\n  \
     = help: write `#intro`",
    "warning: content/wiki/page.md:15:25: broken link `other.md##intro`: an anchor starts with one `#`\n  \
     = help: write `#intro`",
    "warning: content/wiki/page.md:15:55: broken link `#Heading-(with)-parens`: no heading `#Heading-(with)-parens` in `content/wiki/page.md`\n  \
     = help: did you mean `#heading-with-parens`?",
];

#[test]
fn broken_links_in_html_are_reported_at_their_url() {
    let built = broken_site().build();
    assert_eq!(built.problems(), BROKEN_WARNINGS);
}

#[test]
fn broken_and_unsafe_html_links_are_written_as_the_site_can_serve_them() {
    broken_site()
        .build()
        .page("wiki/page/")
        .main()
        // A broken URL stays as written; one that runs code loses its attribute, nothing else.
        .contains("<img src=\"./logo/x.svg\" alt=\"Logo\">")
        .contains("<a title=\"t\" >runs code</a>")
        .lacks("javascript:")
        // `##intro` is never written with two hashes.
        .contains("Double <a href=\"#intro\">hash</a>, <a href=\"/wiki/other/#intro\">there too</a>")
        .lacks("##");
}

#[test]
fn a_broken_link_in_html_fails_the_build_at_its_line_and_column() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Broken\nbase_url: https://intranet.example.org/\n");
    site.write("content/wiki/page.md", "---\ntitle: Page\n---\n\nSee <a href=\"gone.md\">this</a>.\n");
    let root = site.root().to_str().expect("UTF-8 path").to_owned();
    let ran = kennis(&["check", "--root", &root]);
    ran.exits_with(1);
    let expected = "error: broken link `gone.md`: `content/wiki/gone.md` does not exist
 --> content/wiki/page.md:5:14
  |
5 | See <a href=\"gone.md\">this</a>.
  |              ^
  = help: relative links are counted from the folder of the file they are in";
    assert!(ran.stdout().contains(expected), "{}", ran.stdout());
}

/// The body of `wiki/a.md` as `built` holds it.
fn body_of_a(built: &kennis::built::BuiltSite) -> String {
    let source = kennis::paths::ContentPath::from_components(["wiki", "a.md"]);
    let id = built.site.by_source[&source];
    built.bodies[id.0].html.clone()
}

#[test]
fn a_kept_site_follows_a_heading_whose_id_changed_as_a_clean_build_does() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Kept\nbase_url: https://intranet.example.org/\nlinks:\n  broken: warn\n");
    site.write("content/wiki/a.md", "---\ntitle: A\n---\n\nSee [b](b.md#Intro).\n");
    site.write("content/wiki/b.md", "---\ntitle: B\n---\n\n## Intro\n");
    let temp = tempfile::tempdir().expect("temporary folder");
    let options = kennis::BuildOptions {
        root: site.root().to_owned(),
        output: Some(temp.path().join("public")),
        ..kennis::BuildOptions::default()
    };
    let mut kept = kennis::build_kept_site(&options).expect("builds").0;
    assert!(body_of_a(&kept.built).contains("href=\"/wiki/b/#intro\""));
    // The heading's id is now the link's spelling: the link is no longer rewritten.
    site.write("content/wiki/b.md", "---\ntitle: B\n---\n\n## Other {#Intro}\n");
    let b = kennis::paths::ContentPath::from_components(["wiki", "b.md"]);
    kept.reread(&[b]).expect("takes the change");
    let clean = kennis::build_site(&options).expect("builds").0;
    assert_eq!(body_of_a(&kept.built), body_of_a(&clean));
    assert!(body_of_a(&clean).contains("href=\"/wiki/b/#Intro\""));
}
