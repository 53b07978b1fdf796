//! Posts and questions lists as dense rows with chips that narrow them by status,
//! community and tag; the home page's intro and counts. The browser tests count what the
//! first screen shows and are `#[ignore]`d like the others in `browser.rs`.

use crate::browser::{Driver, ServedSite, number};
use crate::support::{Built, SiteTest};

const PEOPLE: [(&str, &str); 3] =
    [("an-peeters", "An Peeters"), ("bram-maes", "Bram Maes"), ("cas-smit", "Cas Smit")];
const COMMUNITIES: [(&str, &str); 3] =
    [("data", "Data Guild"), ("devex", "Developer Experience"), ("writing", "Clear Writing")];
const TAGS: [&str; 12] = [
    "rust",
    "postgres",
    "ci",
    "onboarding",
    "security",
    "python",
    "docs",
    "support",
    "go",
    "sql",
    "git",
    "ai",
];

/// A site with `posts` posts and `questions` questions over three communities and twelve
/// tags, titled and summarised at ordinary lengths; every third question has an accepted
/// answer, every third another answer, the rest none.
fn busy_site(posts: usize, questions: usize) -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Busy\nbase_url: https://intranet.example.org/\npaginate: 20\n");
    for (id, name) in PEOPLE {
        site.write(&format!("authors/{id}.yaml"), format!("name: {name}\n"));
    }
    for (id, title) in COMMUNITIES {
        site.write(
            &format!("content/communities/{id}/index.md"),
            format!("---\ntitle: {title}\ngoal: Learn together\n---\n\nAbout {title}.\n"),
        );
    }
    let front = |n: usize| {
        format!(
            "date: 2025-{:02}-{:02}\nauthor: {}\ncommunity: {}\ntags: [{}, {}, {}]\n",
            n % 12 + 1,
            n % 28 + 1,
            PEOPLE[n % 3].0,
            COMMUNITIES[n % 3].0,
            TAGS[n % 12],
            TAGS[(n + 1) % 12],
            TAGS[(n + 5) % 12]
        )
    };
    for n in 0..posts {
        site.write(
            &format!("content/posts/post-{n:03}.md"),
            format!(
                "---\ntitle: How team {n} cut the build time of the planning service in half\n{}\
                 summary: Four changes, none of them clever, brought it down to nine minutes. What we measured, \
                 what we changed and what we would do again.\n---\n\nThe text of post {n}.\n",
                front(n)
            ),
        );
    }
    for n in 0..questions {
        let accepted = if n % 3 == 0 { "accepted: right\n" } else { "" };
        site.write(
            &format!("content/questions/question-{n:03}/index.md"),
            format!(
                "---\ntitle: How do I rotate the access token of job {n} without breaking it?\n{}{accepted}---\n\n\
                 The nightly job {n} uses a token.\n",
                front(n)
            ),
        );
        if n % 3 != 2 {
            site.write(
                &format!("content/questions/question-{n:03}/answers/right.md"),
                format!(
                    "---\nauthor: {}\ndate: 2025-12-01\n---\n\nUse a group token.\n",
                    PEOPLE[(n + 1) % 3].0
                ),
            );
        }
    }
    site
}

/// The `<nav class="chips">` of a page, which must have one.
fn chips_on(built: &Built, url: &str) -> String {
    let text = built.page(url).text;
    let start = text.find("<nav class=\"chips\"").unwrap_or_else(|| panic!("`/{url}` has chips: {text}"));
    let end = start + text[start..].find("</nav>").expect("the chips end");
    text[start..end].to_owned()
}

#[test]
fn the_posts_list_is_rows_with_chips_for_all_communities_and_the_most_used_tags() {
    // Questions share the posts' tags, so a tag page lists more than the posts it has.
    let built = busy_site(30, 12).build();
    let posts = built.page("posts/");
    assert_eq!(posts.main().count("<article class=\"row row-post\">"), 20, "a page of rows");
    posts.lacks("<article class=\"card");
    let chips = chips_on(&built, "posts/");
    assert!(chips.contains("<nav class=\"chips\" aria-label=\"Narrow the list\">"), "{chips}");
    // "All" first and current; then each community with its count, most first.
    let all = "<a class=\"chip\" href=\"/posts/\" aria-current=\"page\">All <span class=\"chip-count\">30</span></a>";
    let data = "<a class=\"chip\" href=\"/communities/data/posts/\">Data Guild <span class=\"chip-count\">10</span></a>";
    let devex = "<a class=\"chip\" href=\"/communities/devex/posts/\">Developer Experience";
    let (a, d, v) = (chips.find(all), chips.find(data), chips.find(devex));
    assert!(a.is_some() && d.is_some() && v.is_some() && a < d && d < v, "{chips}");
    // Eight of the twelve tags, and a link to all of them.
    assert_eq!(chips.matches("class=\"chip chip-tag\"").count(), 8, "{chips}");
    assert!(chips.contains("<a class=\"chip chip-more\" href=\"/tags/\">All tags"), "{chips}");
    // A tag chip counts what its tag page lists (every kind), where it leads.
    for chip in chips.split("<a class=\"chip chip-tag\" href=\"/").skip(1) {
        let url = &chip[..chip.find('"').expect("the chip's link")];
        let count = chip
            .split("<span class=\"chip-count\">")
            .nth(1)
            .and_then(|c| c.split('<').next())
            .expect("a count");
        built.page(url).contains(&format!("<span>{count} in total</span>"));
    }
    // Each community's posts have a list of their own, where its chip is the current one.
    let data_posts = chips_on(&built, "communities/data/posts/");
    assert!(
        data_posts
            .contains("<a class=\"chip\" href=\"/communities/data/posts/\" aria-current=\"page\">Data Guild"),
        "{data_posts}"
    );
    assert!(data_posts.contains("<a class=\"chip\" href=\"/posts/\">All"), "{data_posts}");
    assert_eq!(built.page("communities/data/posts/").main().count("<article class=\"row row-post\">"), 10);
    // On page 2 "All" is still the current chip, but not the page it links to.
    let second = chips_on(&built, "posts/page/2/");
    assert!(second.contains("href=\"/posts/\" aria-current=\"true\">All"), "{second}");
}

#[test]
fn question_rows_show_answers_and_whether_one_is_accepted() {
    let built = busy_site(0, 12).build();
    let list = built.page("questions/");
    let main = list.main();
    assert_eq!(main.count("<article class=\"row row-question\">"), 12);
    assert_eq!(main.count("<p class=\"row-answers is-accepted\">"), 4, "questions 0, 3, 6, 9");
    assert_eq!(main.count("<p class=\"row-answers is-answered\">"), 4, "questions 1, 4, 7, 10");
    assert_eq!(main.count("<p class=\"row-answers\">"), 4, "questions 2, 5, 8, 11");
    main.contains("<span class=\"row-status\">Solved</span>")
        .contains("<span class=\"visually-hidden\">, Unanswered</span>");
    // The status filters sit beside the title; the communities' chips have no second "All".
    for expected in [
        "<nav class=\"chips chips-status\" aria-label=\"Filter questions\">",
        "<a class=\"chip\" href=\"/questions/\" aria-current=\"page\">All <span class=\"chip-count\">12</span></a>",
        "<a class=\"chip\" href=\"/questions/unanswered/\">Unanswered <span class=\"chip-count\">4</span></a>",
        "<a class=\"chip\" href=\"/questions/answered/\">Answered <span class=\"chip-count\">8</span></a>",
    ] {
        list.contains(expected);
    }
    assert_eq!(list.count(">All <span"), 1);
    let chips = chips_on(&built, "questions/");
    let devex = "<a class=\"chip\" href=\"/communities/devex/questions/\">Developer Experience <span class=\"chip-count\">4</span></a>";
    assert!(chips.contains(devex), "{chips}");
    built
        .page("questions/unanswered/")
        .contains("href=\"/questions/unanswered/\" aria-current=\"page\">Unanswered");
    assert_eq!(
        built.page("communities/devex/questions/").main().count("<article class=\"row row-question\">"),
        4
    );
}

#[test]
fn chip_labels_are_escaped() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Escapes\nbase_url: https://intranet.example.org/\n");
    site.write(
        "content/communities/odd/index.md",
        "---\ntitle: \"<b>Bold</b> & \\\"quoted\\\"\"\n---\n\nOdd.\n",
    );
    site.write(
        "content/posts/one.md",
        "---\ntitle: One\ndate: 2025-01-02\ncommunity: odd\ntags: [\"<i>x</i>\"]\n---\n\nText.\n",
    );
    let built = site.build();
    let chips = chips_on(&built, "posts/");
    assert!(
        chips.contains(
            ">&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;quoted&quot; <span class=\"chip-count\">1</span></a>"
        ),
        "{chips}"
    );
    assert!(chips.contains(">&lt;i&gt;x&lt;/i&gt; <span class=\"chip-count\">1</span></a>"), "{chips}");
    assert!(!chips.contains("<b>") && !chips.contains("<i>"), "{chips}");
}

#[test]
fn chips_stay_few_on_a_site_with_many_communities_and_tags() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Many\nbase_url: https://intranet.example.org/\n");
    for c in 0..40 {
        site.write(
            &format!("content/communities/c{c:02}/index.md"),
            format!("---\ntitle: Community {c}\n---\n\nC.\n"),
        );
    }
    for n in 0..200 {
        let tags: Vec<String> = (0..5).map(|t| format!("topic-{:03}", (n * 5 + t) % 300)).collect();
        site.write(
            &format!("content/posts/p{n:03}.md"),
            format!(
                "---\ntitle: Post {n}\ndate: 2025-01-{:02}\ncommunity: c{:02}\ntags: [{}]\n---\n\nText.\n",
                n % 28 + 1,
                n % 40,
                tags.join(", ")
            ),
        );
    }
    let built = site.build();
    let chips = chips_on(&built, "posts/");
    assert_eq!(chips.matches("<a class=\"chip\" href=\"/communities/").count(), 8, "{chips}");
    assert!(chips.contains("<a class=\"chip chip-more\" href=\"/communities/\">All communities"), "{chips}");
    assert_eq!(chips.matches("class=\"chip chip-tag\"").count(), 8, "{chips}");
    // Every community has 5 posts: the chips show the first 8 by id. The list of one
    // outside them still shows its own chip, as the current one, after the eight.
    assert!(!chips.contains("/communities/c39/posts/"), "{chips}");
    let own = chips_on(&built, "communities/c39/posts/");
    assert_eq!(own.matches("<a class=\"chip\" href=\"/communities/").count(), 9, "{own}");
    assert!(
        own.contains("<a class=\"chip\" href=\"/communities/c39/posts/\" aria-current=\"page\">Community 39"),
        "{own}"
    );
    for file in built.files().into_iter().filter(|f| f.ends_with(".html")) {
        let size = built.file(&file).text.len();
        assert!(size < 250 * 1024, "{file} weighs {size} bytes");
    }
}

#[test]
fn the_home_page_shows_the_intros_first_paragraph_first_and_counts_with_their_blocks() {
    let site = busy_site(8, 5);
    site.write(
        "content/index.md",
        "---\ntitle: Welcome\n---\n\nThe intranet of <em>Busy</em>: read, ask, answer.\n\n## How it works\n\nEvery page is a file.\n",
    );
    let built = site.build();
    let home = built.page("");
    home.contains_in_order(&[
        "<div class=\"prose hero-intro\"><p>The intranet of <em>Busy</em>: read, ask, answer.</p></div>",
        "<a class=\"more-link home-count\" href=\"/authors/\">3 people",
        "<a class=\"more-link\" href=\"#home-more\">Read on",
        "<a class=\"more-link home-count\" href=\"/posts/\">8 posts<span aria-hidden=\"true\"> →</span></a>",
        // The open questions block counts open questions (question 2 has no answer); the
        // answers block counts answers, with no link: no list holds just them.
        "<a class=\"more-link home-count\" href=\"/questions/unanswered/\">1 open question<",
        "<span class=\"home-count\">4 answers</span>",
        "<a class=\"more-link home-count\" href=\"/communities/\">3 communities",
        "<div id=\"home-more\" class=\"container home-section home-more\">",
        "How it works",
    ]);
    home.lacks("class=\"stats\"");
}

/// A site built into a temporary folder and served like the example in `browser.rs`.
fn served(site: &SiteTest) -> (Built, ServedSite) {
    let built = site.build();
    let served = ServedSite::folder(built.output.clone());
    (built, served)
}

/// A browser whose page area is `width` × `height` pixels: the window is made larger by
/// what its own frame takes.
async fn browser_of(driver: &Driver, width: u32, height: u32) -> fantoccini::Client {
    let client = driver.browser(width, false).await;
    client.goto("about:blank").await.expect("a blank page");
    let frame_width = number(&client, "return window.outerWidth - window.innerWidth;").await as u32;
    let frame_height = number(&client, "return window.outerHeight - window.innerHeight;").await as u32;
    client.set_window_size(width + frame_width, height + frame_height).await.expect("the window resizes");
    let inner = number(&client, "return window.innerWidth * 10000 + window.innerHeight;").await as u32;
    assert_eq!((inner / 10000, inner % 10000), (width, height), "the page area is {width} × {height}");
    client
}

/// How many of the list's rows start within the first `height` pixels.
const ROWS_ON_FIRST_SCREEN: &str = "return [...document.querySelectorAll('.row-list > li')]\
     .filter(li => li.getBoundingClientRect().top < window.innerHeight).length;";
const SIDEWAYS: &str = "return document.documentElement.scrollWidth - window.innerWidth;";

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn the_first_screen_shows_eight_posts_and_ten_questions() {
    let site = busy_site(30, 30);
    let (_built, served) = served(&site);
    let example = ServedSite::example();
    let driver = Driver::start();
    let client = browser_of(&driver, 1280, 900).await;
    for (name, url, least) in [
        ("the busy site's posts", served.url("posts/"), 8.0),
        ("the busy site's questions", served.url("questions/"), 10.0),
        ("a community's questions", served.url("communities/data/questions/"), 10.0),
        ("the example's posts", example.url("posts/"), 8.0),
    ] {
        client.goto(&url).await.expect("the page loads");
        let rows = number(&client, ROWS_ON_FIRST_SCREEN).await;
        assert!(rows >= least, "{name}: {rows} rows start on the first screen, not {least}");
    }
    client.close().await.expect("the session closes");
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn lists_fit_a_phone_screen_without_sideways_scrolling() {
    let site = busy_site(30, 30);
    let (_built, served) = served(&site);
    let driver = Driver::start();
    let client = browser_of(&driver, 390, 844).await;
    for page in
        ["posts/", "questions/", "questions/unanswered/", "communities/devex/posts/", "tags/rust/", ""]
    {
        client.goto(&served.url(page)).await.expect("the page loads");
        let overflow = number(&client, SIDEWAYS).await;
        assert!(overflow <= 0.0, "`/{page}` is {overflow}px wider than a 390px phone screen");
        let rows = number(&client, "return document.querySelectorAll('.row-list > li').length;").await;
        assert!(page.is_empty() || rows > 0.0, "`/{page}` lists rows");
    }
    client.close().await.expect("the session closes");
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn the_home_pages_posts_and_questions_start_on_the_first_screen() {
    let example = ServedSite::example();
    let driver = Driver::start();
    let client = browser_of(&driver, 1280, 900).await;
    client.goto(&example.url("")).await.expect("the page loads");
    for block in ["home-posts-title", "home-questions-title"] {
        let top = number(
            &client,
            &format!("return document.getElementById('{block}').getBoundingClientRect().top;"),
        )
        .await;
        assert!(top < 700.0, "#{block} starts at {top}px, not on the first screen");
        let first = number(
            &client,
            &format!(
                "return document.getElementById('{block}').closest('section').querySelector('article')\
                 .getBoundingClientRect().top;"
            ),
        )
        .await;
        assert!(first < 900.0, "the first item under #{block} starts at {first}px");
    }
    client.close().await.expect("the session closes");
}

#[test]
fn without_communities_all_leads_the_tag_chips() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Blog\nbase_url: https://intranet.example.org/\n");
    site.write("content/posts/one.md", "---\ntitle: One\ndate: 2025-01-02\ntags: [rails]\n---\n\nText.\n");
    site.write("content/posts/two.md", "---\ntitle: Two\ndate: 2025-01-03\n---\n\nText.\n");
    let built = site.build();
    let chips = chips_on(&built, "posts/");
    assert!(!chips.contains("Communities"), "{chips}");
    let all = chips.find("aria-current=\"page\">All <span class=\"chip-count\">2</span>").expect("All");
    let rails = chips.find(">rails <span class=\"chip-count\">1</span>").expect("the tag");
    assert!(all < rails, "{chips}");
    // A blog with neither communities nor tags has no chips at all.
    site.write("content/posts/one.md", "---\ntitle: One\ndate: 2025-01-02\n---\n\nText.\n");
    site.build().page("posts/").lacks("class=\"chips\"");
}
