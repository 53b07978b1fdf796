//! `relative_urls: true` and `kennis build --relative-urls`: every link in a page is
//! relative to it, folders as `index.html`, so the output reads from disk; feeds, the
//! sitemap, canonical URLs and `404.html` stay as they are.

use fantoccini::Locator;
use kennis::output::MemorySink;
use kennis::paths::{ContentPath, OutputPath};

use serde_json::json;

use crate::browser::Driver;
use crate::support::{SiteTest, kennis};

/// A small site: a post with a bundle picture, a body link and an alias, a second post
/// (so the posts list has two pages), and a wiki section two folders deep.
fn site(site_yaml: &str) -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.yaml", site_yaml);
    site.write(
        "content/posts/hello/index.md",
        "---\ntitle: Hello\ndate: 2025-03-01\ntags: [rust]\naliases: [/old/hello/]\n---\n\n## Top\n\n\
         See [the tools](/wiki/tools/#setup), [the second post](../second.md) and\n\
         <a href=\"/posts/?page=2&amp;x=1\">all posts</a>.\n\n![A diagram](diagram.svg)\n\n\
         [Elsewhere](https://example.org/a/) and [here](#top).\n",
    );
    site.write("content/posts/hello/diagram.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site.write("content/posts/second.md", "---\ntitle: Second\ndate: 2025-03-02\n---\n\nText.\n");
    site.write("content/wiki/tools/_index.md", "---\ntitle: Tools\n---\n\n## Setup\n\nBack [home](/).\n");
    site.write("content/wiki/tools/git.md", "---\ntitle: Git\n---\n\nText.\n");
    site
}

const SITE_YAML: &str = "title: T\nbase_url: https://intranet.example.org/\npaginate: 1\n";

#[test]
fn a_page_two_folders_deep_links_up_to_the_root_and_folders_end_in_index_html() {
    let built = site(SITE_YAML).relative_urls().build();
    let post = built.page("posts/hello/");
    post.contains(r#"<link rel="stylesheet" href="../../kennis.css">"#)
        .contains(r#"<script src="../../kennis.js" defer></script>"#)
        .contains(r#"<a href="../../posts/index.html""#)
        .contains(r#"class="brand" href="../../index.html""#)
        .contains(r#"href="../../tags/rust/index.html""#);
    let body = post.main();
    body.contains(r#"<a href="../../wiki/tools/index.html#setup">the tools</a>"#)
        .contains(r#"<a href="../../posts/second/index.html">the second post</a>"#)
        .contains(r#"<a href="../../posts/index.html?page=2&amp;x=1">all posts</a>"#)
        .contains(r#"src="../../posts/hello/diagram.svg""#)
        .contains(r#"href="https://example.org/a/""#)
        .contains(r##"href="#top""##);
    // Published addresses stay whole.
    post.contains(r#"<link rel="canonical" href="https://intranet.example.org/posts/hello/">"#);
    // Nothing from the site's root is left on any kind of page.
    for page in [&post, &built.page(""), &built.page("wiki/tools/git/"), &built.page("posts/page/2/")] {
        for attribute in [" href=\"/", " src=\"/", " srcset=\"/", " action=\"/", "url=/"] {
            assert!(!page.text.contains(attribute), "{} holds `{attribute}`:\n{}", page.path, page.text);
        }
    }
}

#[test]
fn the_home_page_pagination_sections_and_redirects_are_relative_too() {
    let built = site(SITE_YAML).relative_urls().build();
    built
        .page("")
        .contains(r#"<link rel="stylesheet" href="./kennis.css">"#)
        .contains(r#"class="brand" href="./index.html""#)
        .contains(r#"href="./posts/hello/index.html""#);
    // Page 2 of the posts list is three folders deep.
    built
        .page("posts/page/2/")
        .contains(r#"href="../../../posts/index.html""#)
        .contains(r#"href="../../../kennis.css""#);
    built.page("posts/").contains(r#"href="../posts/page/2/index.html""#);
    built
        .page("wiki/tools/")
        .contains(r#"href="../../wiki/tools/git/index.html""#)
        .main()
        .contains(r#"<a href="../../index.html">home</a>"#);
    built
        .page("old/hello/")
        .contains(r#"<meta http-equiv="refresh" content="0; url=../../posts/hello/index.html">"#)
        .contains(r#"<a href="../../posts/hello/index.html">"#)
        .contains(r#"<link rel="canonical" href="https://intranet.example.org/posts/hello/">"#);
}

#[test]
fn feeds_the_sitemap_and_404_are_the_same_as_without_it() {
    let site = site(SITE_YAML);
    let plain = site.build();
    let relative = site.relative_urls().build();
    assert_eq!(plain.files(), relative.files(), "the same files");
    for file in ["atom.xml", "sitemap.xml", "404.html"] {
        assert_eq!(plain.file(file).text, relative.file(file).text, "{file} stays as it was");
    }
    assert_ne!(plain.page("authors/").text, relative.page("authors/").text, "pages change");
    relative.file("atom.xml").contains("https://intranet.example.org/posts/hello/");
    relative.file("404.html").contains(r#"<link rel="stylesheet" href="/kennis.css">"#);
}

#[test]
fn a_base_url_with_a_path_is_the_root_the_links_go_up_to() {
    let yaml = "title: T\nbase_url: https://intranet.example.org/kennis/\nrelative_urls: true\n";
    let built = site(yaml).build();
    let post = built.page("posts/hello/");
    post.contains(r#"<link rel="stylesheet" href="../../kennis.css">"#)
        .contains(r#"<a href="../../wiki/tools/index.html#setup">the tools</a>"#)
        .contains(r#"class="brand" href="../../index.html""#)
        .contains(r#"<link rel="canonical" href="https://intranet.example.org/kennis/posts/hello/">"#)
        .lacks("=\"/kennis/");
    // 404.html is sent for any missing path, so it keeps its links from the base path.
    built.file("404.html").contains(r#"href="/kennis/kennis.css""#);
}

#[test]
fn the_flag_turns_it_on_and_site_yaml_alone_does_too() {
    let site = site(SITE_YAML);
    let output = site.root().with_file_name("flag-out");
    let root = site.root().to_str().expect("UTF-8 path");
    kennis(&["build", "--root", root, "--output", output.to_str().expect("UTF-8 path"), "--relative-urls"])
        .exits_with(0);
    let page = std::fs::read_to_string(output.join("posts/hello/index.html")).expect("the post");
    assert!(page.contains(r#"href="../../kennis.css""#), "{page}");

    site.write("site.yaml", format!("{SITE_YAML}relative_urls: true\n"));
    site.build().page("posts/hello/").contains(r#"href="../../kennis.css""#);
    site.write("site.yaml", format!("{SITE_YAML}relative_urls: false\n"));
    site.build().page("posts/hello/").contains(r#"href="/kennis.css""#);
}

#[test]
fn relative_urls_must_be_true_or_false() {
    let site = site("title: T\nrelative_urls: yes please\n");
    let error = site.build_fails();
    assert!(
        error.contains("site.yaml:2:16: this value must be `true` or `false`, not `yes please`"),
        "{error}"
    );
}

#[test]
fn a_kept_site_renders_a_changed_page_relative_as_a_build_does() {
    let site = site(SITE_YAML);
    let options = kennis::BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(site.root().with_file_name("kept-out")),
        relative_urls: true,
        ..kennis::BuildOptions::default()
    };
    let (mut kept, _) = kennis::build_kept_site(&options).expect("builds");
    site.write("content/wiki/tools/git.md", "---\ntitle: Git\n---\n\nSee [the post](/posts/hello/).\n");
    let update =
        kept.reread(&[ContentPath::from_components(["wiki", "tools", "git.md"])]).expect("takes it in");
    let page = OutputPath::new("wiki/tools/git/index.html").expect("a path");
    assert!(update.affected.render.contains(&page), "{:?}", update.affected.render);
    let shown = MemorySink::new();
    kept.built.render_only(&update.affected.render, &shown).expect("renders");
    let html = String::from_utf8(shown.read(&page).expect("rendered").to_vec()).expect("UTF-8");
    assert!(html.contains(r#"<a href="../../../posts/hello/index.html">the post</a>"#), "{html}");
    assert!(html.contains(r#"href="../../../kennis.css""#), "{html}");
}

/// Waits for the browser to show a page whose address ends in `suffix`, then checks that
/// it is kennis's page, styled and scripted, with every loaded picture shown: over
/// `file://` a wrong relative link shows a folder listing or an unstyled page instead.
async fn assert_page(client: &fantoccini::Client, suffix: &str) {
    let started = std::time::Instant::now();
    let href = loop {
        let href = client.current_url().await.expect("an address").to_string();
        if href.ends_with(suffix) || started.elapsed() > std::time::Duration::from_secs(20) {
            break href;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert!(
        href.starts_with("file:///") && href.ends_with(suffix),
        "expected a file ending in `{suffix}`, at {href}"
    );
    let facts = client
        .execute(
            "return {
               listing: document.title.startsWith('Index of') || !document.querySelector('.site-header'),
               skip: getComputedStyle(document.querySelector('.skip-link')).position,
               sheets: [...document.querySelectorAll('link[rel=stylesheet]')].filter(l => !l.sheet).map(l => l.href),
               script: !!document.querySelector('body > span.visually-hidden[role=status]'),
               broken: [...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src),
             };",
            vec![],
        )
        .await
        .expect("the script runs");
    assert_eq!(facts["listing"], json!(false), "{href} is not kennis's page");
    assert_eq!(facts["skip"], json!("absolute"), "{href}: kennis.css is applied");
    assert_eq!(facts["sheets"], json!([]), "{href}: stylesheets that did not load");
    assert_eq!(facts["script"], json!(true), "{href}: kennis.js ran");
    assert_eq!(facts["broken"], json!([]), "{href}: pictures that did not load");
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn the_example_site_reads_from_disk_over_file_urls() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let output = dir.path().join("public");
    let options = kennis::BuildOptions {
        root: std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site"),
        output: Some(output.clone()),
        relative_urls: true,
        ..kennis::BuildOptions::default()
    };
    kennis::build_site(&options).expect("example-site builds");
    let home = output.canonicalize().expect("the output exists").join("index.html");
    let driver = Driver::start();
    let client = driver.browser(1280, false).await;
    client.goto(&format!("file://{}", home.display())).await.expect("the home page opens");
    assert_page(&client, "/public/index.html").await;

    // A post from the home page's list.
    let post = client
        .find(Locator::Css("main a[href^='./posts/'][href$='/index.html']:not([href='./posts/index.html'])"))
        .await
        .expect("a post on the home page");
    let post_href = post.attr("href").await.expect("an href").expect("a link");
    post.click().await.expect("the post opens");
    assert_page(&client, &format!("/public/{}", post_href.trim_start_matches("./"))).await;

    // A folder: the posts list, from the navigation, two folders up.
    let list = client
        .find(Locator::Css(".site-nav a[href='../../posts/index.html']"))
        .await
        .expect("the posts tab links relative to the post");
    list.click().await.expect("the list opens");
    assert_page(&client, "/public/posts/index.html").await;

    // And home again.
    client.find(Locator::Css("a.brand")).await.expect("the brand link").click().await.expect("home opens");
    assert_page(&client, "/public/index.html").await;
    client.close().await.expect("the session closes");
}

#[test]
fn a_path_that_looks_like_a_scheme_stays_a_path_and_a_folder_without_its_slash_opens_its_index() {
    let site = site(SITE_YAML);
    site.write(
        "content/index.md",
        "---\ntitle: Home\n---\n\nHi <a href=\"/javascript:alert(2)\">raw</a> and [all posts](/posts).\n",
    );
    let built = site.relative_urls().build();
    let home = built.page("");
    assert!(!home.text.contains("href=\"javascript:"), "{}", home.text);
    home.contains(r#"<a href="./javascript:alert(2)/index.html">raw</a>"#)
        .contains(r#"<a href="./posts/index.html">all posts</a>"#);
}
