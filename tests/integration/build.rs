//! Building valid sites: what a post, a bundle, a question, the lists, feeds, aliases and drafts look like.

use crate::support::SiteTest;

#[test]
fn a_post_shows_its_title_date_people_and_tags() {
    let site = SiteTest::new("basic/blog").build();
    site.page("posts/hello/")
        .contains("<title>Hello, kennis · Basic blog</title>")
        .contains("<h1 class=\"page-title\">Hello, kennis</h1>")
        .contains("<time datetime=\"2025-03-14\">14 March 2025</time>")
        .contains("<a class=\"person-name\" href=\"/authors/an-peeters/\">An Peeters</a>")
        .contains("<a class=\"community-link\" href=\"/communities/data/\">Data Guild</a>")
        .contains("<a class=\"tag\" href=\"/tags/rust/\" rel=\"tag\">Rust</a>")
        .contains("<a class=\"tag\" href=\"/tags/caf%C3%A9%20culture/\" rel=\"tag\">Café Culture</a>")
        .contains("1 min read")
        .contains("<meta name=\"description\" content=\"The first paragraph becomes the summary.\">");
}

#[test]
fn a_page_links_to_its_source_for_editing_and_history() {
    SiteTest::new("basic/blog")
        .build()
        .page("posts/hello/")
        .contains(
            "<a class=\"tool-link\" href=\"https://git.example.org/team/site/-/edit/main/content/posts/hello.md\" \
             rel=\"nofollow\">Edit this page</a>",
        )
        .contains(
            "<a class=\"tool-link\" href=\"https://git.example.org/team/site/-/commits/main/content/posts/hello.md\" \
             rel=\"nofollow\">History</a>",
        );
}

#[test]
fn a_post_has_a_table_of_contents_linking_its_headings() {
    SiteTest::new("basic/blog").build().page("posts/hello/").contains_in_order(&[
        "<nav class=\"toc\"",
        "<a href=\"#getting-started\">Getting started</a>",
        "<a href=\"#code\">Code</a>",
        "</nav>",
        "<h2 id=\"getting-started\">Getting started",
        "<h2 id=\"code\">Code",
    ]);
}

#[test]
fn github_flavoured_markdown_is_rendered() {
    SiteTest::new("basic/blog")
        .build()
        .page("posts/hello/")
        .contains("<table><thead><tr><th>Tool</th><th>Use</th></tr></thead>")
        .contains("<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>")
        .contains("<li id=\"fn-1\"")
        .contains("The source of the claim.")
        .contains("<input disabled=\"\" type=\"checkbox\" checked=\"\"/>\nwrite the post")
        .contains("<input disabled=\"\" type=\"checkbox\"/>\npublish it")
        .contains(
            "<div class=\"alert alert-note\" role=\"note\">\n<p class=\"alert-title\">Note</p>\n\
             <p>Notes stand out.</p>\n</div>",
        );
}

#[test]
fn code_is_highlighted_and_unknown_languages_are_escaped() {
    let site = SiteTest::new("basic/blog").build();
    site.page("posts/hello/")
        .contains("<pre class=\"code hl-code\" data-lang=\"rust\"><code class=\"language-rust\">")
        .contains("<span class=\"hl-storage hl-type hl-function hl-rust\">fn</span>")
        .contains(
            "<pre class=\"code hl-code\" data-lang=\"nosuchlang\"><code class=\"language-nosuchlang\">\
             &lt;b&gt;not bold&lt;/b&gt;\n</code></pre>",
        )
        .lacks("<b>not bold</b>");
    site.file("code.css").contains(".hl-").contains("prefers-color-scheme: dark");
    site.page("posts/hello/").contains("<link rel=\"stylesheet\" href=\"/code.css\">");
}

#[test]
fn a_bundle_keeps_its_files_beside_the_page() {
    let site = SiteTest::new("bundles/post-bundle").build();
    let source =
        crate::support::fixtures().join("bundles/post-bundle/content/posts/pipeline-diagram/diagram.svg");
    assert_eq!(
        std::fs::read(site.output.join("posts/pipeline-diagram/diagram.svg")).expect("the image is copied"),
        std::fs::read(source).unwrap()
    );
    site.page("posts/pipeline-diagram/")
        .contains("<img src=\"/posts/pipeline-diagram/diagram.svg\" alt=\"The pipeline\"")
        .contains("<a href=\"/posts/pipeline-diagram/diagram.svg\">the same diagram</a>");
    assert!(!site.has_file("posts/pipeline-diagram/index.md"), "Markdown sources are not published");
}

#[test]
fn a_post_shows_its_comments_oldest_first() {
    SiteTest::new("bundles/post-bundle")
        .build()
        .page("posts/pipeline-diagram/")
        .contains(
            "<h2 id=\"responses-title\" class=\"section-title\">Comments <span class=\"count\">2</span></h2>",
        )
        .contains_in_order(&[
            "<article id=\"comment-an-peeters\" class=\"response response-comment\">",
            "<a class=\"person-name\" href=\"/authors/an-peeters/\">An Peeters</a>",
            "<time datetime=\"2025-04-02\">2 April 2025</time>",
            "First comment, from the author herself.",
            "<article id=\"comment-bram-maes\" class=\"response response-comment\">",
            "<a class=\"person-name\" href=\"/authors/bram-maes/\">Bram Maes</a>",
            "<p>Could we add the <strong>deploy</strong> step too?</p>",
        ]);
}

#[test]
fn a_question_shows_the_accepted_answer_first_and_marked() {
    let page = SiteTest::new("questions/answers").build().page("questions/slow-query/");
    page.contains(
        "<h2 id=\"answers-title\" class=\"section-title\">Answers <span class=\"count\">2</span></h2>",
    )
    .contains_in_order(&[
        "<article id=\"answer-bram-maes\" class=\"response response-answer is-accepted\">",
        "Accepted answer",
        "<time datetime=\"2025-03-13\">13 March 2025</time>",
        "3 days later",
        "Run <code>ANALYZE</code> after an upgrade",
        "<article id=\"answer-an-peeters\" class=\"response response-answer\">",
        "<time datetime=\"2025-03-11\">11 March 2025</time>",
        "1 day later",
        "Answering my own question",
    ])
    .contains("<span class=\"badge badge-accepted\"><span aria-hidden=\"true\">✓ </span>Solved</span>");
    assert_eq!(page.count("Accepted answer"), 1, "only one answer is marked as accepted");
}

#[test]
fn question_lists_filter_answered_and_unanswered() {
    let site = SiteTest::new("questions/answers").build();
    site.page("questions/unanswered/")
        .main()
        .contains("<a href=\"/questions/where-is-the-vpn-guide/\">Where is the VPN guide?</a>")
        .lacks("/questions/slow-query/\"");
    site.page("questions/answered/")
        .main()
        .contains("<a href=\"/questions/slow-query/\">Why is my query slow after the upgrade?</a>")
        .lacks("/questions/where-is-the-vpn-guide/\"");
    site.page("questions/")
        .main()
        .contains_in_order(&["/questions/where-is-the-vpn-guide/\"", "/questions/slow-query/\""])
        .contains("Unanswered <span class=\"chip-count\">1</span>")
        .contains("Answered <span class=\"chip-count\">1</span>");
    site.page("questions/where-is-the-vpn-guide/").contains("No answers yet").lacks("response-answer");
}

#[test]
fn tags_have_an_index_and_a_page_each() {
    let site = SiteTest::new("basic/blog").build();
    site.page("tags/")
        .main()
        .contains("href=\"/tags/rust/\"")
        .contains("href=\"/tags/caf%C3%A9%20culture/\"")
        .contains("Café Culture");
    site.page("tags/café culture/")
        .contains("Café Culture")
        .main()
        .contains("<a href=\"/posts/hello/\">Hello, kennis</a>")
        .lacks("From the archive");
    site.page("tags/rust/").main().contains_in_order(&[
        "<a href=\"/posts/hello/\">Hello, kennis</a>",
        "<a href=\"/posts/from-the-archive/\">",
    ]);
}

#[test]
fn posts_are_listed_newest_first_on_numbered_pages() {
    let site = SiteTest::new("lists/paginated").build();
    site.page("posts/")
        .contains("<link rel=\"next\" href=\"/posts/page/2/\">")
        .lacks("rel=\"prev\"")
        .main()
        .contains_in_order(&["Post number 5", "Post number 4"])
        .lacks("Post number 3");
    site.page("posts/page/2/")
        .contains("<link rel=\"prev\" href=\"/posts/\">")
        .contains("<link rel=\"next\" href=\"/posts/page/3/\">")
        .main()
        .contains_in_order(&["Post number 3", "Post number 2"])
        .lacks("Post number 4")
        .lacks("Post number 1");
    site.page("posts/page/3/")
        .contains("<link rel=\"prev\" href=\"/posts/page/2/\">")
        .lacks("rel=\"next\"")
        .main()
        .contains("Post number 1")
        .lacks("Post number 2");
    site.lacks_page("posts/page/4/");
}

#[test]
fn the_site_feed_is_atom_with_absolute_links() {
    let site = SiteTest::new("basic/blog").build();
    let feed = site.file("atom.xml");
    assert!(feed.text.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    feed.contains("<title>Basic blog</title>")
        .contains(
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"https://basic.example.org/atom.xml\"/>",
        )
        .contains_in_order(&[
            "<entry>",
            "<title>Hello, kennis</title>",
            "<link rel=\"alternate\" type=\"text/html\" href=\"https://basic.example.org/posts/hello/\"/>",
            "<published>2025-03-14T00:00:00+00:00</published>",
            "<author><name>An Peeters</name></author>",
            "<summary>The first paragraph becomes the summary.</summary>",
            "</entry>",
            "<entry>",
            "<title>From the archive</title>",
        ]);
    assert_eq!(feed.count("<entry>"), 2, "two posts, newest first");
    site.page("").contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Basic blog\" href=\"/atom.xml\">",
    );
}

#[test]
fn the_sitemap_lists_every_page_and_a_404_page_exists() {
    let site = SiteTest::new("basic/blog").build();
    let sitemap = site.file("sitemap.xml");
    assert!(sitemap.text.starts_with("<?xml"));
    sitemap
        .contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">")
        .contains("<loc>https://basic.example.org/</loc>")
        .contains("<loc>https://basic.example.org/posts/hello/</loc>\n    <lastmod>2025-03-14</lastmod>")
        .contains("<loc>https://basic.example.org/posts/from-the-archive/</loc>")
        .contains("<loc>https://basic.example.org/communities/data/</loc>")
        .contains("<loc>https://basic.example.org/authors/an-peeters/</loc>")
        .lacks("/old/url/");
    site.file("404.html").contains("<html").contains("href=\"/\"");
}

#[test]
fn an_alias_redirects_to_the_page() {
    let site = SiteTest::new("basic/blog").build();
    site.page("old/url/")
        .contains("<meta http-equiv=\"refresh\" content=\"0; url=/posts/hello/\">")
        .contains("<link rel=\"canonical\" href=\"https://basic.example.org/posts/hello/\">")
        .contains("<a href=\"/posts/hello/\">Hello, kennis</a>");
}

#[test]
fn an_alias_ending_in_html_is_written_as_that_file() {
    // Adopted Jekyll and Hugo sites have old URLs such as `/2019/03/hello.html`.
    let site = SiteTest::copy("basic/blog");
    site.write(
        "content/posts/moved.md",
        "---\ntitle: Moved\ndate: 2025-01-01\naliases: [/2019/03/moved.html]\n---\n\nText.\n",
    );
    let built = site.build();
    built
        .file("2019/03/moved.html")
        .contains("<meta http-equiv=\"refresh\" content=\"0; url=/posts/moved/\">");
}

#[test]
fn drafts_are_left_out_of_a_build() {
    let site = SiteTest::new("drafts/mixed").build();
    site.lacks_page("posts/work-in-progress/")
        .lacks_page("questions/secret-plan/")
        .lacks_page("tags/unfinished/");
    for listing in ["posts/index.html", "index.html", "tags/news/index.html", "authors/an-peeters/index.html"]
    {
        site.file(listing).lacks("Half-finished thoughts");
    }
    site.file("questions/index.html").lacks("Should we tell everyone");
    site.file("atom.xml").lacks("Half-finished thoughts");
    site.file("sitemap.xml").lacks("work-in-progress");
    site.page("posts/published/").lacks("draft-banner");
    assert_eq!(site.report.pages, 1, "only the published post is a page");
}

#[test]
fn drafts_are_shown_with_a_banner_when_asked_for() {
    let site = SiteTest::new("drafts/mixed").drafts().build();
    site.page("posts/work-in-progress/")
        .contains("<div class=\"draft-banner\" role=\"note\">")
        .contains("<h1 class=\"page-title\">Half-finished thoughts</h1>");
    site.page("posts/").contains("Half-finished thoughts").contains("is-draft");
    site.page("questions/secret-plan/").contains("Not yet.");
    site.page("tags/unfinished/").contains("Half-finished thoughts");
}

#[test]
fn a_jekyll_date_prefix_gives_the_date_and_the_slug() {
    let site = SiteTest::new("basic/blog").build();
    site.page("posts/from-the-archive/").contains("<time datetime=\"2024-11-05\">5 November 2024</time>");
    site.lacks_page("posts/2024-11-05-from-the-archive/");
    site.page("posts/").main().contains_in_order(&["Hello, kennis", "From the archive"]);
}

#[test]
fn every_internal_link_leads_to_a_file_of_the_output() {
    let mut broken = Vec::new();
    for fixture in [
        "basic/blog",
        "bundles/post-bundle",
        "questions/answers",
        "wiki/sections",
        "communities/data-guild",
        "lists/paginated",
        "links/relative",
    ] {
        let site = SiteTest::new(fixture).build();
        for file in site.files().iter().filter(|f| f.ends_with(".html")) {
            let text = site.file(file).text;
            for target in internal_targets(&text) {
                let path = resolve(file, target.split(['#', '?']).next().unwrap_or_default());
                let exists = if path.is_empty() || path.ends_with('/') {
                    site.has_file(&format!("{path}index.html"))
                } else {
                    site.has_file(&path)
                };
                if !exists {
                    broken.push(format!("{fixture}: {file} → {target}"));
                }
            }
        }
    }
    broken.dedup();
    assert!(broken.is_empty(), "links to nowhere:\n{}", broken.join("\n"));
}

/// Every `href` and `src` in an HTML file that stays on the site (not `#…`, not another scheme).
fn internal_targets(html: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for attribute in [" href=\"", " src=\""] {
        for (at, _) in html.match_indices(attribute) {
            let rest = &html[at + attribute.len()..];
            let value = &rest[..rest.find('"').unwrap_or(rest.len())];
            let has_scheme = value.split_once(':').is_some_and(|(scheme, _)| !scheme.contains('/'));
            if !value.starts_with('#') && !value.starts_with("//") && !has_scheme {
                targets.push(value.to_owned());
            }
        }
    }
    targets
}

/// The output path a link in `file` points at, as a browser resolves it and a static
/// server decodes it (`/tags/caf%C3%A9/` is the folder `tags/café/`).
fn resolve(file: &str, target: &str) -> String {
    let target = &percent_decoded(target);
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        file.split('/').collect::<Vec<_>>().split_last().map(|(_, dirs)| dirs.to_vec()).unwrap_or_default()
    };
    for part in target.trim_start_matches('/').split('/') {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// `%XX` escapes turned back into the bytes they stand for, as servers do before looking up a file.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        let escape = (bytes[index] == b'%')
            .then(|| text.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escape {
            Some(byte) => {
                decoded.push(byte);
                index += 3;
            }
            None => {
                decoded.push(bytes[index]);
                index += 1;
            }
        }
    }
    String::from_utf8(decoded).expect("links encode UTF-8")
}
