//! Markdown links and images whose URL runs code (`javascript:`, `vbscript:`, most `data:`)
//! are removed from the page and its feeds, and each is a warning at its position.

use crate::support::{SiteTest, json_problems, kennis, without_notes};

/// One post with every way of writing a hostile destination, plus safe ones to keep.
fn hostile_site() -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Hostile\nbase_url: https://intranet.example.org/\n");
    site.write("authors/an.yaml", "name: An\n");
    site.write("content/communities/web/index.md", "---\ntitle: Web\n---\n");
    site.write("content/posts/hostile.md", HOSTILE_POST);
    site
}

const HOSTILE_POST: &str = "---
title: Hostile links
date: 2025-03-14
author: an
community: web
---

Click [me](javascript:alert(1)) now.

An image ![pic](vbscript:msgbox(1)) here.

A [reference][evil] and <javascript:alert(2)> too.

[tab](java&#9;script:alert(3)), [upper](JAVASCRIPT:alert(4)), [control](&#1;javascript:alert(5)), [entity](&#106;avascript:alert(6)).

A [data page](data:text/html;base64,PHNjcmlwdD4=), ![svg](data:image/svg+xml;base64,PHN2Zz4=) and ![dot](data:image/png;base64,iVBORw0KGgo=).

Kept: [site](https://example.org/), [mail](mailto:a@b.nl), [colon](notes:today.md).

[evil]: javascript:alert(7)
";

/// Every warning the hostile post gives, in the order `kennis build` prints them.
const HOSTILE_WARNINGS: &[&str] = &[
    "warning: content/posts/hostile.md:8:7: link to `javascript:alert(1)` removed: a `javascript:` URL runs code in the reader's browser\n  \
     = help: link to a page or an `https://` address instead; to show code, put it in backticks",
    "warning: content/posts/hostile.md:10:10: image `vbscript:msgbox(1)` removed: a `vbscript:` URL runs code in the reader's browser\n  \
     = help: put the image beside the page and write `![alt](image.png)`",
    "warning: content/posts/hostile.md:12:3: link to `javascript:alert(7)` removed: a `javascript:` URL runs code in the reader's browser\n  \
     = help: link to a page or an `https://` address instead; to show code, put it in backticks",
    "warning: content/posts/hostile.md:12:25: link to `javascript:alert(2)` removed: a `javascript:` URL runs code in the reader's browser\n  \
     = help: link to a page or an `https://` address instead; to show code, put it in backticks",
    "warning: content/posts/hostile.md:14:1: link to `java\\tscript:alert(3)` removed: a `javascript:` URL runs code in the reader's browser\n  \
     = help: link to a page or an `https://` address instead; to show code, put it in backticks",
    "warning: content/posts/hostile.md:14:33: link to `JAVASCRIPT:alert(4)` removed: a `javascript:` URL runs code in the reader's browser\n  \
     = help: link to a page or an `https://` address instead; to show code, put it in backticks",
    "warning: content/posts/hostile.md:14:63: link to `\\u{1}javascript:alert(5)` removed: a `javascript:` URL runs code in the reader's browser\n  \
     = help: link to a page or an `https://` address instead; to show code, put it in backticks",
    "warning: content/posts/hostile.md:14:99: link to `javascript:alert(6)` removed: a `javascript:` URL runs code in the reader's browser\n  \
     = help: link to a page or an `https://` address instead; to show code, put it in backticks",
    "warning: content/posts/hostile.md:16:3: link to `data:text/html;base64,PHNjcmlwdD4=` removed: a `data:` URL can hold a page that runs code\n  \
     = help: put the file beside the page or in `static/` and link to it",
    "warning: content/posts/hostile.md:16:52: image `data:image/svg+xml;base64,PHN2Zz4=` removed: an inline `data:` image may only be PNG, JPEG, GIF, WebP or AVIF, and SVG can hold script\n  \
     = help: put the image beside the page and write `![alt](image.svg)`",
];

#[test]
fn the_reported_link_is_not_live_in_the_page_or_the_feed() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Plain\nbase_url: https://intranet.example.org/\n");
    site.write("content/posts/x.md", "---\ntitle: X\ndate: 2025-03-14\n---\n\n[x](javascript:alert(1))\n");
    let built = site.build();
    built
        .page("posts/x/")
        .main()
        .contains("<p><span class=\"link-removed\" title=\"link removed: it would run code\">x</span></p>")
        .lacks("javascript:");
    built.file("atom.xml").lacks("javascript:");
}

#[test]
fn script_links_are_not_live_in_the_page() {
    let site = hostile_site().build();
    let page = site.page("posts/hostile/").main();
    for live in ["href=\"javascript:alert", "href=\"JAVASCRIPT", "src=\"vbscript", "href=\"data:"] {
        page.lacks(live);
    }
    // Every hostile link and image is removed, and only those.
    assert_eq!(page.count("class=\"link-removed\""), HOSTILE_WARNINGS.len());
    let removed = |text: &str| {
        format!("<span class=\"link-removed\" title=\"link removed: it would run code\">{text}</span>")
    };
    page.lacks("src=\"data:image/svg")
        .contains(&removed("tab"))
        .contains(&removed("upper"))
        .contains(&removed("control"))
        .contains(&removed("entity"))
        .contains("src=\"data:image/png;base64,iVBORw0KGgo=\"")
        .contains("Click <span class=\"link-removed\" title=\"link removed: it would run code\">me</span> now.")
        .contains("An image <span class=\"link-removed\" title=\"image removed: it would run code\">pic</span> here.")
        .contains("A <span class=\"link-removed\" title=\"link removed: it would run code\">reference</span> and ")
        .contains("<span class=\"link-removed\" title=\"link removed: it would run code\">javascript:alert(2)</span> too.")
        .contains("<span class=\"link-removed\" title=\"link removed: it would run code\">data page</span>")
        .contains("<span class=\"link-removed\" title=\"image removed: it would run code\">svg</span>");
}

#[test]
fn safe_links_and_raster_data_images_are_kept() {
    hostile_site()
        .build()
        .page("posts/hostile/")
        .main()
        .contains("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\" loading=\"lazy\" />")
        .contains("<a href=\"https://example.org/\">site</a>")
        .contains("<a href=\"mailto:a@b.nl\">mail</a>")
        .contains("<a href=\"notes:today.md\">colon</a>");
}

#[test]
fn script_links_are_not_live_in_the_feeds() {
    let site = hostile_site().build();
    // The site's feed, the community's and the author's all carry the rendered body.
    for feed in ["atom.xml", "communities/web/atom.xml", "authors/an/atom.xml"] {
        site.file(feed)
            .contains("&lt;span class=&quot;link-removed&quot;")
            .lacks("href=&quot;javascript:alert")
            .lacks("href=&quot;JAVASCRIPT")
            .lacks("src=&quot;vbscript")
            .lacks("href=&quot;data:");
    }
}

#[test]
fn each_removed_link_is_a_warning_at_its_position() {
    let site = hostile_site().build();
    assert_eq!(site.problems(), HOSTILE_WARNINGS);
}

#[test]
fn removed_links_are_warnings_even_when_broken_links_are_errors() {
    // `links.broken` is about links that lead nowhere; these lead somewhere they must not.
    let site = hostile_site();
    site.write(
        "site.yaml",
        "title: Hostile\nbase_url: https://intranet.example.org/\nlinks: { broken: error }\n",
    );
    assert_eq!(site.build().problems().len(), HOSTILE_WARNINGS.len());
    site.write(
        "site.yaml",
        "title: Hostile\nbase_url: https://intranet.example.org/\nlinks: { broken: warn }\n",
    );
    assert_eq!(site.build().problems(), HOSTILE_WARNINGS);
}

#[test]
fn kennis_check_shows_the_warnings_and_exits_0() {
    let site = hostile_site();
    let root = site.root().to_str().expect("temporary paths are UTF-8");
    let ran = kennis(&["check", "--root", root, "--format", "human"]);
    ran.exits_with(0);
    let stdout = without_notes(&ran.stdout());
    assert!(
        stdout.starts_with(
            "warning: link to `javascript:alert(1)` removed: a `javascript:` URL runs code in the reader's browser\n \
             --> content/posts/hostile.md:8:7\n  |\n8 | Click [me](javascript:alert(1)) now.\n  |       ^\n"
        ),
        "{stdout}"
    );
    let json = kennis(&["check", "--root", root, "--format", "json"]);
    json.exits_with(0);
    let problems = json_problems(&json.stdout());
    let problems = problems.as_array().expect("an array");
    assert_eq!(problems.len(), HOSTILE_WARNINGS.len(), "{problems:?}");
    assert!(problems.iter().all(|p| p["severity"] == "warning"), "{problems:?}");
    assert_eq!((&problems[0]["line"], &problems[0]["column"]), (&8.into(), &7.into()));
}

#[test]
fn a_wiki_embed_of_a_script_url_is_removed_too() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Wiki\nbase_url: https://intranet.example.org/\n");
    site.write("content/wiki/embed.md", "---\ntitle: Embed\n---\n\nSee ![[javascript:alert(1)]] here.\n");
    let built = site.build();
    built.page("wiki/embed/").main().lacks("src=\"javascript").contains("link-removed");
    assert_eq!(
        built.problems(),
        [
            "warning: content/wiki/embed.md:5:5: image `javascript:alert(1)` removed: a `javascript:` URL runs code in the reader's browser\n  \
          = help: put the image beside the page and write `![alt](image.png)`"
        ]
    );
}
