//! Adopting an existing Jekyll blog in place: `content_dir: .`, `_posts/`, Jekyll's own folders ignored.

use crate::support::SiteTest;

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
