//! Old URLs kept: `permalinks:` in site.yaml per kind, and `permalink:` (Jekyll), `path` (Zola) and `url` (Hugo) in front matter.

use kennis::BuildOptions;
use kennis::output::MemorySink;
use kennis::paths::{ContentPath, OutputPath};

use crate::support::{SiteTest, without_notes};

#[test]
fn a_dated_jekyll_pattern_gives_posts_their_old_urls() {
    let site = SiteTest::new("permalinks/jekyll").build();
    assert_eq!(site.problems(), Vec::<String>::new());
    // `:title` is the file name without its date, its case kept, as Jekyll writes it.
    site.page("2015/09/04/Welcome-Back/").contains("<h1 class=\"page-title\">Welcome back</h1>");
    site.lacks_page("posts/welcome-back/").lacks_page("2015/09/04/welcome-back/");
    site.page("posts/").main().contains_in_order(&[
        "<a href=\"/2017/03/23/release-notes/\">Release notes</a>",
        "<a href=\"/2016/03/23/release-notes/\">Release notes</a>",
        "<a href=\"/2016/02/01/diagrams/\">Diagrams</a>",
        "<a href=\"/2015/09/04/Welcome-Back/\">Welcome back</a>",
    ]);
    site.file("sitemap.xml").contains("<loc>https://blog.example.org/2015/09/04/Welcome-Back/</loc>");
    site.file("atom.xml").contains("<id>https://blog.example.org/2016/03/23/release-notes/</id>");
}

#[test]
fn the_day_in_the_url_is_the_day_the_page_shows() {
    let site = SiteTest::new("permalinks/jekyll").build();
    // 23:30 on New York's clocks (`timezone:`), already the 24th in UTC.
    site.page("2016/03/23/release-notes/")
        .contains("<time datetime=\"2016-03-23T23:30:00-04:00\">23 March 2016</time>");
    // 23:30 at -04:00, written with its offset.
    site.page("2017/03/23/release-notes/")
        .contains("<time datetime=\"2017-03-23T23:30:00-04:00\">23 March 2017</time>");
    site.lacks_page("2016/03/24/release-notes/").lacks_page("2017/03/24/release-notes/");
}

#[test]
fn relative_links_wiki_links_and_bundle_files_follow_the_page() {
    let site = SiteTest::new("permalinks/jekyll").build();
    site.page("2015/09/04/Welcome-Back/")
        .contains("<a href=\"/2016/03/23/release-notes/\">writing again</a>")
        // Written as the old absolute URL: the page is there.
        .contains("<a href=\"/2016/03/23/release-notes/\">the old URL of the release notes</a>");
    // Written relative to the page's old URL, or as the old `.html` file: rewritten to the page.
    site.page("2015/09/04/Welcome-Back/")
        .contains("<a href=\"/2016/02/01/diagrams/\">the diagrams</a>")
        .contains("<a href=\"/2016/03/23/release-notes/\">the notes as a file</a>")
        .contains("<img src=\"/2016/02/01/diagrams/flow.svg\" alt=\"its flow, as the old page showed it\"");
    site.page("about-us/")
        .contains("See <a href=\"/2015/09/04/Welcome-Back/\">the first post</a>")
        .contains("Or by its slug: <a href=\"/2015/09/04/Welcome-Back/\">welcome-back</a>");
    site.page("2016/02/01/diagrams/").contains("<img src=\"/2016/02/01/diagrams/flow.svg\" alt=\"the flow\"");
    assert!(site.has_file("2016/02/01/diagrams/flow.svg"));
    assert!(!site.has_file("posts/diagrams/flow.svg"));
}

#[test]
fn front_matter_sets_a_pages_own_url() {
    let site = SiteTest::new("permalinks/jekyll").build();
    // Jekyll's `permalink: /about-us/`, Zola's `path = "2020/03/12/zola-page"`, Hugo's `url: /legacy/hugo.html`.
    site.page("about-us/").contains("<h1 class=\"page-title\">About</h1>");
    site.lacks_page("about/");
    site.page("2020/03/12/zola-page/").contains("<h1 class=\"page-title\">A Zola page</h1>");
    site.lacks_page("notes/zola/");
    site.file("legacy/hugo.html").contains("<h1 class=\"page-title\">A Hugo page</h1>");
    site.lacks_page("legacy/hugo/").lacks_page("notes/hugo/");
    site.page("notes/").main().contains("<a href=\"/legacy/hugo.html\">A Hugo page</a>");
}

#[test]
fn an_html_ending_writes_the_page_as_that_file_under_the_base_path() {
    let site = SiteTest::new("permalinks/html").build();
    assert_eq!(site.problems(), Vec::<String>::new());
    // `:categories` slugged and joined; none, and the segment vanishes.
    site.file("product-news/2019/launch.html")
        .contains("Read <a href=\"/blog/2019/plain.html\">the plain post</a>")
        .contains("and <a href=\"/blog/2019/plain.html\">plain</a>");
    site.file("2019/plain.html")
        .contains("The <a href=\"/blog/product-news/2019/launch.html\">launch</a> as Jekyll published it");
    // That link, written as the URL, reaches the page: it is linked from there.
    site.file("product-news/2019/launch.html").contains(
        "<li><a href=\"/blog/2019/plain.html\">Plain</a> <span class=\"badge badge-kind\">Post</span></li>",
    );
    // A bundle written as a file keeps its files in the folder of its name.
    site.file("2019/bundle.html").contains("<img src=\"/blog/2019/bundle/chart.svg\" alt=\"chart\"");
    assert!(site.has_file("2019/bundle/chart.svg"));
    site.lacks_page("2019/bundle/").lacks_page("posts/launch/");
    site.page("posts/").main().contains("<a href=\"/blog/2019/bundle.html\">A bundle</a>");
    site.file("sitemap.xml").contains("<loc>https://example.org/blog/product-news/2019/launch.html</loc>");
    site.file("atom.xml").contains("<id>https://example.org/blog/2019/plain.html</id>");
}

#[test]
fn unknown_placeholders_and_kinds_are_errors_at_their_place_in_site_yaml() {
    let printed = without_notes(&SiteTest::new("permalinks/mistakes").build_fails());
    let known = "`:year`, `:short_year`, `:month`, `:i_month`, `:day`, `:i_day`, `:y_day`, `:slug`, \
                 `:slugorfilename`, `:filename`, `:contentbasename`, `:basename`, `:title`, `:section`, \
                 `:sections`, `:categories`, `:slugified_categories`, `:output_ext`";
    assert_eq!(
        printed,
        format!(
            "error: site.yaml:3:17: unknown placeholder `:titel` in the permalink `/:year/:titel/`\n  \
             = help: did you mean `:title`? the placeholders are {known}\n\
             error: site.yaml:4:3: unknown kind `answer`\n  \
             = help: `permalinks` names a kind: `post`, `question`, `community` or `wiki`\n\
             error: site.yaml:5:19: unknown placeholder `:slg` in the permalink `/:section/:slg`\n  \
             = help: did you mean `:slug`? the placeholders are {known}\n\
             error: found 3 errors in 1 file\n"
        )
    );
}

#[test]
fn a_pages_own_permalink_with_an_unknown_placeholder_or_no_path_is_an_error_at_the_page() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: T\n");
    site.write("content/wiki/a.md", "---\ntitle: A\npermalink: /:yaer/a/\n---\n\nText.\n");
    site.write("content/wiki/b.md", "+++\ntitle = \"B\"\npath = \"../../etc\"\n+++\n\nText.\n");
    let printed = without_notes(&site.build_fails());
    assert!(
        printed.starts_with(
            "error: content/wiki/a.md:3:12: unknown placeholder `:yaer` in the permalink `/:yaer/a/`\n  \
             = help: did you mean `:year`? the placeholders are `:year`,"
        ),
        "{printed}"
    );
    assert!(
        printed.contains(
            "error: content/wiki/b.md:3:8: the permalink `../../etc` is no path on this site\n  \
             = help: write a path from the site root, like `/2015/09/04/my-post/`, without `.` or `..`\n"
        ),
        "{printed}"
    );
}

#[test]
fn same_titles_on_different_days_do_not_collide_but_a_real_collision_is_reported() {
    let site = SiteTest::empty();
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://x.example.org/\npermalinks: {post: \"/:year/:month/:day/:title/\"}\n",
    );
    site.write("content/posts/2020-01-01-news.md", "---\ntitle: News\n---\n\nOne.\n");
    site.write("content/posts/2021-01-01-news.md", "---\ntitle: News\n---\n\nTwo.\n");
    let built = site.build();
    built.page("2020/01/01/news/").contains("One.");
    built.page("2021/01/01/news/").contains("Two.");
    // Two files that give the same URL still meet.
    site.write("content/posts/old.md", "---\ntitle: Old\ndate: 2021-01-01\nslug: news\n---\n\nThree.\n");
    let printed = without_notes(&site.build_fails());
    assert_eq!(
        printed,
        "error: content/posts/old.md:1:1: this page has the URL `/2021/01/01/news/`, \
         which `content/posts/2021-01-01-news.md` has too\n  \
         = help: give one of them another file name, or set `slug:` in its front matter\n\
         error: found 1 error in 1 file\n"
    );
}

fn rendered(built: &kennis::built::BuiltSite) -> MemorySink {
    let files = MemorySink::new();
    built.render_all(&files).expect("renders");
    files
}

#[test]
fn a_kept_site_moves_a_post_whose_date_changes_and_links_follow_it() {
    let site = SiteTest::copy("permalinks/jekyll");
    let options = BuildOptions { root: site.root().to_path_buf(), output: None, ..BuildOptions::default() };
    let described = |e: kennis::Error| kennis::commands::describe_error(&e);
    let mut kept = kennis::build_kept_site(&options).unwrap_or_else(|e| panic!("{}", described(e))).0;
    let shown = rendered(&kept.built);
    let notes = "_posts/2016-03-23-release-notes.md";
    let text = std::fs::read_to_string(site.root().join(notes)).expect("post");
    site.write(notes, text.replace("date: 2016-03-23 23:30:00", "date: 2016-04-02 10:00:00"));
    let update = kept.reread(&[ContentPath::from_components(notes.split('/'))]).expect("takes the change");
    let output = |path: &str| OutputPath::new(path).expect("output path");
    assert!(update.affected.remove.contains(&output("2016/03/23/release-notes/index.html")));
    let moved = output("2016/04/02/release-notes/index.html");
    assert!(update.affected.render.contains(&moved));
    let fresh = MemorySink::new();
    kept.built.render_only(&update.affected.render, &fresh).expect("renders");
    shown.replace_from(fresh);
    for path in &update.affected.remove {
        assert!(shown.remove(path));
    }
    let welcome =
        String::from_utf8(shown.read(&output("2015/09/04/Welcome-Back/index.html")).unwrap().to_vec())
            .expect("UTF-8");
    assert!(welcome.contains("<a href=\"/2016/04/02/release-notes/\">writing again</a>"), "{welcome}");
    // What the kept site shows is what a clean build of the edited site renders.
    let clean = rendered(&kennis::build_site(&options).unwrap_or_else(|e| panic!("{}", described(e))).0);
    assert_eq!(clean.paths(), shown.paths());
    let differing: Vec<OutputPath> =
        clean.paths().into_iter().filter(|path| clean.read(path) != shown.read(path)).collect();
    assert!(differing.is_empty(), "files that differ from a clean build: {differing:?}");
}

#[test]
fn a_link_written_as_a_pages_url_is_checked_like_a_link_to_its_file() {
    let site = SiteTest::empty();
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://x.example.org/\npermalinks: {post: /:year/:title/}\n",
    );
    site.write("content/posts/2020-05-01-a.md", "---\ntitle: A\n---\n\n## Setup\n\nText.\n");
    site.write(
        "content/posts/2020-06-01-b.md",
        "---\ntitle: B\n---\n\n[fine](/2020/a/#setup) and [no such heading](/2020/a/#nope).\n",
    );
    assert_eq!(
        without_notes(&site.build_fails()),
        "error: content/posts/2020-06-01-b.md:5:28: broken link `/2020/a/#nope`: no heading `#nope` in \
         `content/posts/2020-05-01-a.md`\n  \
         = help: its headings are: `#setup`\n\
         error: found 1 error in 1 file\n"
    );
}

#[test]
fn each_kind_has_its_own_pattern_and_answers_stay_on_their_question() {
    let site = SiteTest::copy("questions/answers");
    site.write(
        "site.yaml",
        "title: Questions\nbase_url: https://intranet.example.org/\n\
         permalinks:\n  question: /q/:slug.html\n  wiki: /docs/:section/:slug/\n",
    );
    site.write("content/handbook/tools/vpn.md", "---\ntitle: VPN\n---\n\nConnect.\n");
    site.write("content/posts/news.md", "---\ntitle: News\ndate: 2025-01-01\n---\n\nText.\n");
    let built = site.build();
    built
        .file("q/slow-query.html")
        .contains("<article id=\"answer-an-peeters\" class=\"response response-answer\">");
    built.lacks_page("questions/slow-query/");
    built.page("authors/an-peeters/").main().contains("href=\"/q/slow-query.html#answer-an-peeters\"");
    // `:section` is the top folder; the wiki's sections keep their folders' URLs.
    built.page("docs/handbook/vpn/").contains("<h1 class=\"page-title\">VPN</h1>");
    built.page("handbook/tools/").main().contains("<a href=\"/docs/handbook/vpn/\">VPN</a>");
    // Posts have no pattern: theirs is unchanged.
    built.page("posts/news/").contains("<h1 class=\"page-title\">News</h1>");
}

#[test]
fn a_permalink_to_a_url_kennis_writes_itself_is_a_warning_and_the_page_keeps_its_own() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: T\nbase_url: https://x.example.org/\n");
    // Minimal Mistakes' `_pages/404.md` and `_pages/tag-archive.md`; a Hugo page at `url: /`.
    site.write("content/pages/404.md", "---\ntitle: Lost\npermalink: /404.html\n---\n\nNot here.\n");
    site.write("content/pages/tag-archive.md", "---\ntitle: Tags\npermalink: /tags/\n---\n\nAll tags.\n");
    site.write("content/pages/start.md", "+++\ntitle = \"Start\"\nurl = \"/posts/\"\n+++\n\nStart here.\n");
    site.write("content/pages/feed.md", "---\ntitle: Feed\nurl: /tags/rust\n---\n\nRust.\n");
    let built = site.build();
    assert_eq!(
        built.problems(),
        [
            "warning: content/pages/404.md:3:12: `/404.html` is kennis's own 404 page: this page keeps its \
             own URL `/pages/404/`\n  = help: kennis writes that URL itself; give the page another \
             permalink, or remove it",
            "warning: content/pages/feed.md:3:6: `/tags/rust/` is where kennis writes its tag pages: this \
             page keeps its own URL `/pages/feed/`\n  = help: kennis writes that URL itself; give the page \
             another permalink, or remove it",
            "warning: content/pages/start.md:3:7: `/posts/` is kennis's own list of posts: this page keeps \
             its own URL `/pages/start/`\n  = help: kennis writes that URL itself; give the page another \
             permalink, or remove it",
            "warning: content/pages/tag-archive.md:3:12: `/tags/` is kennis's own list of tags: this page \
             keeps its own URL `/pages/tag-archive/`\n  = help: kennis writes that URL itself; give the \
             page another permalink, or remove it",
        ]
    );
    built.page("pages/404/").contains("Not here.");
    built.page("pages/tag-archive/").contains("All tags.");
    built.page("pages/start/").contains("Start here.");
    built.file("404.html").lacks("Not here.");
    built.page("tags/").lacks("All tags.");
}

#[test]
fn a_site_pattern_a_page_cannot_use_names_its_place_in_site_yaml() {
    let site = SiteTest::empty();
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://x.example.org/\npermalinks:\n  pages: /:slug/\n  wiki: /../:slug/\n",
    );
    site.write("content/pages/tags.md", "---\ntitle: Tags\n---\n\nAll tags.\n");
    site.write("content/handbook/up.md", "---\ntitle: Up\n---\n\nText.\n");
    let printed = without_notes(&site.build_fails());
    assert_eq!(
        printed,
        "error: content/handbook/up.md:1:1: the permalink `/../:slug/` (site.yaml:5:9) gives this page \
         `/../up/`, which is no path on this site\n  \
         = help: write a path from the site root, like `/2015/09/04/my-post/`, without `.` or `..`\n\
         warning: content/pages/tags.md:1:1: the permalink `/:slug/` (site.yaml:4:10) gives this page \
         `/tags/`, which is kennis's own list of tags: this page keeps its own URL `/pages/tags/`\n  \
         = help: kennis writes that URL itself; give the page another permalink, or remove it\n\
         error: found 1 error in 1 file\n"
    );
}

#[test]
fn two_pages_meeting_at_a_url_from_a_permalink_are_told_at_that_field() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: T\nbase_url: https://x.example.org/\n");
    site.write("content/wiki/a.md", "---\ntitle: A\n---\n\nA.\n");
    site.write("content/wiki/b.md", "---\ntitle: B\npermalink: /wiki/a/\n---\n\nB.\n");
    assert_eq!(
        without_notes(&site.build_fails()),
        "error: content/wiki/b.md:3:12: this page has the URL `/wiki/a/` (from its permalink), which \
         `content/wiki/a.md` has too\n  \
         = help: give one of them another permalink\n\
         error: found 1 error in 1 file\n"
    );
    // A folder's own page, which has no file: the page with the permalink is told.
    site.write("content/wiki/b.md", "---\ntitle: B\npermalink: /wiki/tools/\n---\n\nB.\n");
    site.write("content/wiki/tools/vpn.md", "---\ntitle: VPN\n---\n\nVPN.\n");
    assert_eq!(
        without_notes(&site.build_fails()),
        "error: content/wiki/b.md:3:12: this page has the URL `/wiki/tools/` (from its permalink), which \
         the folder `wiki/tools/` has too (every folder of the wiki gets a page)\n  \
         = help: give this page another permalink\n\
         error: found 1 error in 1 file\n"
    );
}

#[test]
fn a_url_with_a_scheme_is_no_permalink_but_an_extra_field() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: T\nbase_url: https://x.example.org/\n");
    site.write("content/talks/rust.md", "---\ntitle: Rust\nurl: https://example.com/talk\n---\n\nSlides.\n");
    site.write("content/talks/go.md", "---\ntitle: Go\nURL: //example.com/go\n---\n\nMore.\n");
    let built = site.build();
    assert_eq!(built.problems(), Vec::<String>::new());
    built.page("talks/rust/").contains("Slides.");
    built.page("talks/go/").contains("More.");
    assert!(!built.has_page("https:/example.com/talk/") && !built.has_page("example.com/go/"));
}

#[test]
fn hugo_and_jekyll_file_name_folder_and_category_placeholders() {
    let site = SiteTest::empty();
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://x.example.org/\npermalinks:\n  docs: /d/:sections/:filename/\n  notes: /n/:slugorfilename/\n  \
         post: /:slugified_categories/:basename/\n",
    );
    site.write("content/docs/Getting Started/Install.md", "---\ntitle: Install\n---\n\nInstall it.\n");
    site.write("content/docs/guide/index.md", "---\ntitle: Guide\n---\n\nRead it.\n");
    site.write("content/notes/Plain.md", "---\ntitle: Plain\n---\n\nPlain.\n");
    site.write("content/notes/named.md", "---\ntitle: Named\nslug: My Name\n---\n\nNamed.\n");
    // Front matter names are read in any case, as Hugo reads them.
    site.write(
        "content/posts/2020-01-01-hello.md",
        "---\ntitle: Hello\nCategories: [Rails Tips]\n---\n\nHello.\n",
    );
    let built = site.build();
    assert_eq!(built.problems(), Vec::<String>::new());
    built.page("d/docs/getting-started/Install/").contains("Install it.");
    // A bundle's folder is its name, not one of its sections.
    built.page("d/docs/guide/").contains("Read it.");
    built.page("n/Plain/").contains("Plain.");
    built.page("n/my-name/").contains("Named.");
    built.page("rails-tips/2020-01-01-hello/").contains("Hello.");
}

#[test]
fn a_permalink_on_a_folders_page_or_the_home_page_is_a_warning_at_it() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: T\nbase_url: https://x.example.org/\n");
    site.write("content/index.md", "---\ntitle: Home\nurl: /start/\n---\n\nWelcome.\n");
    site.write("content/wiki/_index.md", "---\ntitle: Wiki\npermalink: /docs/\n---\n\nAll docs.\n");
    site.write("content/wiki/a.md", "---\ntitle: A\n---\n\nA.\n");
    let built = site.build();
    assert_eq!(
        built.problems(),
        [
            "warning: content/index.md:3:6: kennis does not move the home page: the permalink `/start/` is \
             left to templates, and this page keeps its URL `/`\n  = help: the home page is always at `/`; \
             remove the field",
            "warning: content/wiki/_index.md:3:12: kennis does not move a folder's page: the permalink \
             `/docs/` is left to templates, and this page keeps its URL `/wiki/`\n  = help: a folder's page \
             has its folder's URL; to change it, rename the folder",
        ]
    );
    built.page("").contains("Welcome.");
    built.page("wiki/").contains("All docs.");
    built.lacks_page("docs/").lacks_page("start/");
}
