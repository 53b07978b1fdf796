//! Adopting an existing Jekyll blog in place: `content_dir: .`, `_posts/`, Jekyll's own folders ignored.

use crate::support::{SiteTest, json_problems, kennis};

#[test]
fn a_jekyll_blog_builds_in_place() {
    let site = SiteTest::new("adoption/jekyll").build();
    assert_eq!(site.warnings(), Vec::<String>::new(), "Jekyll's own fields are not typos");
    site.page("posts/x/")
        .contains("<h1 class=\"page-title\">X marks the spot</h1>")
        .contains("<time datetime=\"2024-01-02\">2 January 2024</time>")
        .contains("<a class=\"person-name\" href=\"/authors/an/\">An Peeters</a>")
        .contains("<a class=\"tag\" href=\"/tags/jekyll/\" rel=\"tag\">jekyll</a>");
    site.page("posts/second-post/")
        .contains("<time datetime=\"2024-02-10T09:30:00+01:00\">10 February 2024</time>");
    site.page("posts/").main().contains_in_order(&["The second post", "X marks the spot"]);
    site.page("about/").contains("<a href=\"/posts/x/\">An</a>");
    site.page("docs/setup/").contains("<h1 class=\"page-title\">Set-up</h1>");
}

#[test]
fn jekyll_machinery_is_not_content() {
    let site = SiteTest::new("adoption/jekyll").build();
    let files = site.files();
    for unwanted in
        ["_layouts", "_includes", "_config", "Gemfile", "site.yaml", "authors/an.yaml", "notes", "footer"]
    {
        assert!(!files.iter().any(|f| f.contains(unwanted)), "`{unwanted}` is in the output: {files:#?}");
    }
    site.lacks_page("posts/an-idea/");
    site.file("posts/index.html").lacks("An idea for later");
    assert!(site.has_file("assets/style.css"), "other files are copied: {files:#?}");
}

#[test]
fn hundreds_of_jekyll_posts_by_many_authors() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: A big old blog\nbase_url: https://blog.example.org/\ncontent_dir: .\n");
    site.write("_config.yml", "title: A big old blog\n");
    site.write("_layouts/post.html", "<article>{{ content }}</article>\n");
    for author in 0..20 {
        site.write(&format!("authors/person-{author}.yaml"), format!("name: Person {author}\n"));
    }
    for n in 0..300 {
        let day = jiff::civil::date(2020, 1, 1) + jiff::Span::new().days(n);
        site.write(
            &format!("_posts/{day}-post-{n}.md"),
            format!(
                "---\nlayout: post\ntitle: \"Post {n}\"\nauthor: person-{}\ncategories: [archive]\ntags: [topic-{}]\n---\n\n\
                 Post {n} says something worth reading.\n",
                n % 20,
                n % 7
            ),
        );
    }
    let built = site.build();
    assert_eq!(built.warnings(), Vec::<String>::new());
    assert_eq!(built.report.pages, 300);
    built
        .page("posts/post-123/")
        .contains("<h1 class=\"page-title\">Post 123</h1>")
        .contains("<a class=\"person-name\" href=\"/authors/person-3/\">Person 3</a>");
    built.page("posts/").main().contains_in_order(&["Post 299", "Post 298"]);
    assert!(built.has_page("posts/page/15/"), "300 posts, 20 a page");
    built.lacks_page("posts/page/16/");
    built.page("authors/person-0/").contains("Posts <span class=\"count\">15</span>");
    built.page("tags/topic-0/").contains("43 in total");
}

/// One planted broken link: where it is and what is written there.
struct Planted {
    chapter: usize,
    page: usize,
    /// The line in the file; the link starts at column 3, after `- `.
    line: u32,
    /// The whole list item after `- `.
    written: &'static str,
    /// How the message starts.
    message: &'static str,
}

const PLANTED: &[Planted] = &[
    Planted {
        chapter: 0,
        page: 0,
        line: 16,
        written: "[link](../chapter-01/page-01.md#detail)",
        message: "broken link `../chapter-01/page-01.md#detail`: no heading `#detail`",
    },
    Planted {
        chapter: 2,
        page: 5,
        line: 9,
        written: "[link](../chapter-04/page-30.md)",
        message: "broken link `../chapter-04/page-30.md`: `content/handbook/chapter-04/page-30.md` does not exist",
    },
    Planted {
        chapter: 3,
        page: 17,
        line: 14,
        written: "[link](../chapter-10/page-00.md)",
        message: "broken link `../chapter-10/page-00.md`: `content/handbook/chapter-10/page-00.md` does not exist",
    },
    Planted {
        chapter: 5,
        page: 12,
        line: 12,
        written: "[[Chapter 5, page 99]]",
        message: "broken link `[[Chapter 5, page 99]]`: no page has that slug or title",
    },
    Planted {
        chapter: 7,
        page: 29,
        line: 7,
        written: "[link](page-3.md)",
        message: "broken link `page-3.md`: `content/handbook/chapter-07/page-3.md` does not exist",
    },
    Planted {
        chapter: 8,
        page: 8,
        line: 11,
        written: "[link](../../handbook/chapter-08/page-08.md#sectoin-three)",
        message: "broken link `../../handbook/chapter-08/page-08.md#sectoin-three`: no heading `#sectoin-three`",
    },
    Planted {
        chapter: 9,
        page: 0,
        line: 10,
        written: "![diagram](images/flow.png)",
        message: "broken image `images/flow.png`: `content/handbook/chapter-09/images/flow.png` does not exist",
    },
];

const CHAPTERS: usize = 10;
const PAGES: usize = 30;
const LINKS_PER_PAGE: usize = 10;

/// Ten ways of linking, from page `p` of chapter `c`, all of them valid.
fn handbook_link(c: usize, p: usize, k: usize) -> String {
    let (next_c, far_c) = ((c + 1) % CHAPTERS, (c + 3) % CHAPTERS);
    let (next_p, far_p) = ((p + 1) % PAGES, (p + 7) % PAGES);
    match k {
        0 => format!("[link](page-{next_p:02}.md)"),
        1 => format!("[link](./page-{:02}.md#overview)", (p + 2) % PAGES),
        2 => format!("[link](../chapter-{next_c:02}/page-{p:02}.md)"),
        3 => format!("[link](../chapter-{far_c:02}/page-{far_p:02}.md#details)"),
        4 => format!("[[Chapter {next_c}, page {far_p}]]"),
        5 => format!("[[Chapter {far_c}, page {next_p}|the page after]]"),
        6 => format!("[link](../../handbook/chapter-{c:02}/page-{far_p:02}.md#section-three)"),
        7 => format!("[link](../chapter-{far_c:02}/)"),
        8 => format!("[link](page-{far_p:02}.md#section-three)"),
        _ => format!("[link](https://example.org/handbook/{c}/{p})"),
    }
}

/// A page of the handbook: its links are list items on lines 7 to 16.
fn handbook_page(c: usize, p: usize) -> String {
    let mut text = format!("---\ntitle: \"Chapter {c}, page {p}\"\n---\n\n## Overview\n\n");
    for k in 0..LINKS_PER_PAGE {
        let line = 7 + k as u32;
        let planted = PLANTED.iter().find(|b| b.chapter == c && b.page == p && b.line == line);
        let link = planted.map_or_else(|| handbook_link(c, p, k), |b| b.written.to_owned());
        text.push_str(&format!("- {link}\n"));
    }
    text.push_str("\n## Details\n\nSome text.\n\n## Section three\n\nMore text.\n");
    text
}

#[test]
fn a_handbook_with_thousands_of_links_builds_and_lists_exactly_its_broken_ones() {
    let site = SiteTest::empty();
    site.write(
        "site.yaml",
        "title: Handbook\nbase_url: https://intranet.example.org/\nlinks: { broken: warn }\n",
    );
    for c in 0..CHAPTERS {
        for p in 0..PAGES {
            site.write(&format!("content/handbook/chapter-{c:02}/page-{p:02}.md"), handbook_page(c, p));
        }
    }
    let file = |b: &Planted| format!("content/handbook/chapter-{:02}/page-{:02}.md", b.chapter, b.page);

    let built = site.build();
    let warnings = built.problems();
    assert_eq!(warnings.len(), PLANTED.len(), "{warnings:#?}");
    for (warning, planted) in warnings.iter().zip(PLANTED) {
        let expected = format!("warning: {}:{}:3: {}", file(planted), planted.line, planted.message);
        assert!(warning.starts_with(&expected), "expected\n{expected}\nbut got\n{warning}");
    }
    built
        .page("handbook/chapter-02/page-05/")
        .contains("<a href=\"/handbook/chapter-02/page-06/\">link</a>")
        .contains("<a href=\"/handbook/chapter-02/page-07/#overview\">link</a>")
        .contains("<a href=\"/handbook/chapter-05/page-12/#details\">link</a>")
        .contains("<a href=\"/handbook/chapter-03/page-12/\">Chapter 3, page 12</a>")
        .contains("<a href=\"/handbook/chapter-05/page-06/\">the page after</a>")
        .contains("<a href=\"/handbook/chapter-05/\">link</a>");
    built.page("handbook/chapter-02/page-06/").contains("Linked from");

    let root = site.root().to_str().expect("UTF-8");
    let ran = kennis(&["check", "--root", root, "--format", "json"]);
    ran.exits_with(0);
    let listed = json_problems(&ran.stdout());
    let listed: Vec<String> = listed
        .as_array()
        .expect("an array")
        .iter()
        .map(|p| {
            format!(
                "{} {}:{}:{}: {}",
                p["severity"].as_str().expect("severity"),
                p["file"].as_str().expect("file"),
                p["line"],
                p["column"],
                p["message"].as_str().expect("message")
            )
        })
        .collect();
    let planted: Vec<String> =
        PLANTED.iter().map(|b| format!("warning {}:{}:3: {}", file(b), b.line, b.message)).collect();
    assert_eq!(listed.len(), planted.len(), "{listed:#?}");
    for (listed, planted) in listed.iter().zip(&planted) {
        assert!(listed.starts_with(planted.as_str()), "expected\n{planted}\nbut got\n{listed}");
    }
}

#[test]
fn community_fields_on_other_pages_mean_what_their_theme_makes_of_them() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Blog\nbase_url: https://blog.example.org/\ncontent_dir: .\n")
        .write("authors/jo.yaml", "name: Jo\n")
        .write(
            "_posts/2024-05-01-agencies.md",
            "---\ntitle: Helping agencies\nauthor: jo\nlead: We help other government agencies <ship> faster.\n\
             team: [design, engineering]\n---\nText.\n",
        );
    let built = site.build();
    assert_eq!(built.problems(), Vec::<String>::new(), "no unknown author `We help …`");
    built
        .page("posts/agencies/")
        .contains("<p class=\"lede\">We help other government agencies &lt;ship&gt; faster.</p>");
}
