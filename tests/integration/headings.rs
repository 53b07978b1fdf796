//! Headings as sites adopted from other engines wrote them: the title once, callouts with their own title, heading ids by the engine's rule.

use crate::support::{SiteTest, kennis};

#[test]
fn an_opening_h1_that_repeats_the_title_is_shown_once() {
    let site = SiteTest::new("headings").build();
    let page = site.page("wiki/getting-started/");
    // The header's h1 carries the body's id, so `#getting-started` still lands on the top.
    page.contains("<h1 class=\"page-title\" id=\"getting-started\">Getting started</h1>");
    assert_eq!(page.count("Getting  STARTED"), 0);
    assert_eq!(page.count("<h1"), 1);
    page.lacks("toc-level-1").contains("<li class=\"toc-level-2\"><a href=\"#whats-next\">");
    page.main().contains_in_order(&["<div class=\"prose\">", "<p>First words of the guide.</p>"]);
    // Cards and the feed show the summary, which never starts with the title.
    site.page("wiki/").contains("First words of the guide.");
    site.file("atom.xml").lacks("&lt;h1 id=&quot;getting-started&quot;");
}

#[test]
fn a_title_taken_from_the_first_heading_is_shown_once() {
    let site = SiteTest::new("headings").build();
    let page = site.page("wiki/shell/");
    page.contains("<title>Shell tricks · Headings</title>")
        .contains("<h1 class=\"page-title\" id=\"shell-tricks\">Shell tricks</h1>");
    assert_eq!(page.count("<h1"), 1);
    page.contains("<h2 id=\"pipes\">");
}

#[test]
fn an_opening_h1_that_differs_from_the_title_stays() {
    let site = SiteTest::new("headings").build();
    site.page("wiki/release-notes/")
        .contains("<h1 class=\"page-title\">Release notes</h1>")
        .contains("<h1 id=\"version-2\">Version 2</h1>");
}

#[test]
fn the_home_intro_shows_its_title_once() {
    let site = SiteTest::new("headings").build();
    site.page("")
        .contains("<section class=\"hero\" aria-labelledby=\"welcome\">")
        .contains("<h1 id=\"welcome\" class=\"hero-title\">Welcome</h1>")
        .contains("<div class=\"prose hero-intro\"><p>The handbook of the release team.</p>");
}

#[test]
fn callouts_take_the_rest_of_the_marker_line_as_title() {
    SiteTest::new("headings").build().page("wiki/callouts/").main().contains_in_order(&[
        "<p>Before the callouts.</p>",
        "<div class=\"alert alert-note\" role=\"note\">\n<p class=\"alert-title\">Read this first</p>\n\
         <p>The rest of the note.</p>\n</div>",
        "<div class=\"alert alert-warning\" role=\"note\">\n<p class=\"alert-title\">Warning</p>\n\
         <p>The GitHub form keeps its own title.</p>\n</div>",
        "<div class=\"alert alert-tip\" role=\"note\">\n<p class=\"alert-title\">Folded in Obsidian</p>\n\
         <p>Shown open here.</p>\n</div>",
        "<blockquote>\n<p>[!FOO] Not a callout\nStays a quote.</p>\n</blockquote>",
    ]);
}

#[test]
fn anchors_written_for_another_engine_lead_to_the_heading() {
    let site = SiteTest::new("headings").build();
    site.page("wiki/links/").main().contains_in_order(&[
        // Zola's ids, then GitHub's own, kramdown's, and the title's id.
        "href=\"/wiki/getting-started/#whats-next\">next</a>",
        "href=\"/wiki/getting-started/#rust-1310\">release</a>",
        "href=\"/wiki/getting-started/#whats-next\">next</a>",
        "href=\"/wiki/getting-started/#setup-1\">second setup</a>",
        "href=\"/wiki/getting-started/#2-install\">install</a>",
        "href=\"/wiki/getting-started/#getting-started\">top</a>",
        "href=\"#whats-here\">here</a>",
        "href=\"#no-such-heading\">nowhere</a>",
    ]);
    // Only the anchor that names no heading under any rule is reported.
    assert_eq!(
        site.warnings(),
        [
            "warning: content/wiki/links.md:9:37: broken link `#no-such-heading`: no heading `#no-such-heading` \
          in `content/wiki/links.md`\n  = help: its headings are: `#whats-here`"
        ]
    );
}

#[test]
fn heading_ids_follow_the_rule_site_yaml_names() {
    let cases = [
        ("zola", ["what-s-next", "rust-1-31-0", "2-install"]),
        ("hugo", ["whats-next", "rust-1310", "2-install"]),
        ("kramdown", ["whats-next", "rust-1310", "install"]),
        ("github", ["whats-next", "rust-1310", "2-install"]),
    ];
    for (rule, ids) in cases {
        let site = SiteTest::copy("headings");
        site.write(
            "site.yaml",
            format!("title: Headings\nbase_url: https://intranet.example.org/\nheading_ids: {rule}\nlinks:\n  broken: warn\n"),
        );
        let built = site.build();
        let page = built.page("wiki/getting-started/");
        for id in ids {
            page.contains(&format!("<h2 id=\"{id}\">"));
        }
        // Links written for GitHub or Zola lead to the headings under every rule.
        built.page("wiki/links/").contains(&format!("href=\"/wiki/getting-started/#{}\">next</a>", ids[0]));
        assert_eq!(built.warnings().len(), 1, "{rule}: {:?}", built.warnings());
    }
}

#[test]
fn an_unknown_heading_rule_is_an_error_at_its_line() {
    let site = SiteTest::copy("headings");
    site.write(
        "site.yaml",
        "title: Headings\nbase_url: https://intranet.example.org/\nheading_ids: jekyll\n",
    );
    let root = site.root().to_str().expect("a UTF-8 path").to_owned();
    let ran = kennis(&["build", "--root", &root, "--output", &format!("{root}/../public")]);
    ran.exits_with(1);
    assert_eq!(
        ran.stderr(),
        "error: site.yaml:3:14: unknown value `jekyll`\n  = help: write one of `github`, `zola`, `hugo`, `kramdown`\n\
         error: found 1 error in 1 file\n"
    );
}

#[test]
fn a_kept_site_follows_a_renamed_heading_as_a_clean_build_does() {
    let site = SiteTest::copy("headings");
    let options = |output: &str| kennis::BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(site.root().join(output)),
        ..kennis::BuildOptions::default()
    };
    let (mut kept, _) = kennis::build_kept_site(&options("../kept")).expect("builds");
    site.write(
        "content/wiki/getting-started.md",
        std::fs::read_to_string(site.root().join("content/wiki/getting-started.md"))
            .expect("page")
            .replace("## What's next", "## What is next"),
    );
    let changed = kennis::paths::ContentPath::from_components(["wiki", "getting-started.md"]);
    kept.reread(&[changed]).expect("takes the change");
    let (clean, _) = kennis::build_site(&options("../clean")).expect("builds");
    let links = kennis::paths::OutputPath::new("wiki/links/index.html").expect("an output path");
    let show = |built: &kennis::built::BuiltSite| {
        let files = kennis::output::MemorySink::new();
        built.render_all(&files).expect("renders");
        String::from_utf8(files.read(&links).expect("the links page").to_vec()).expect("UTF-8")
    };
    let (kept_page, clean_page) = (show(&kept.built), show(&clean));
    // `#what-s-next` named "What's next" under Zola's rule; nothing has that id now.
    assert!(clean_page.contains("href=\"/wiki/getting-started/#what-s-next\">next</a>"), "{clean_page}");
    assert_eq!(kept_page, clean_page);
}

#[test]
fn a_list_intro_keeps_its_heading_and_raw_html_links_reach_headings_under_other_rules() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Site\nbase_url: https://site.example.org/\n")
        .write("content/posts/_index.md", "---\ntitle: Blog\n---\n# Blog\n\nWhat we write.\n")
        .write(
            "content/posts/first.md",
            "---\ntitle: First\ndate: 2025-01-01\n---\nSee [the blog](_index.md#blog).\n",
        )
        .write("content/wiki/a.md", "# A\n\n## What's next\n\nSoon.\n")
        .write(
            "content/wiki/b.md",
            "# B\n\n<p><a href='a.md#what-s-next'>next</a> and <a href=a.md#What-S-Next>again</a></p>\n",
        );
    let built = site.build();
    assert_eq!(built.problems(), Vec::<String>::new());
    // The list's header says the list's title, so the intro keeps its own `# Blog` and its id.
    built.page("posts/").main().contains("id=\"blog\"").contains("What we write.");
    built
        .page("wiki/b/")
        .contains("<a href='/wiki/a/#whats-next'>next</a>")
        .contains("<a href=/wiki/a/#whats-next>again</a>");
}
