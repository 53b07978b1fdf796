//! Reading pages: the order of a question's and a post's parts, the question sidebar, an
//! author page's bylines without the author, and how heavy a big wiki section's page is.

use std::path::Path;

use crate::support::SiteTest;

/// A site with three people, a question with three answers (the accepted one written
/// last), a related question, an unanswered one, and a post with two comments.
fn discussion_site(language: &str) -> SiteTest {
    let site = SiteTest::empty();
    site.write(
        "site.yaml",
        format!(
            "title: Reading\nbase_url: https://intranet.example.org/\nlanguage: {language}\n\
             edit_url: https://git.example.org/edit/main/{{path}}\n"
        ),
    );
    for (id, name) in [("an-peeters", "An Peeters"), ("bram-maes", "Bram Maes"), ("cas-smit", "Cas Smit")] {
        site.write(&format!("authors/{id}.yaml"), format!("name: {name}\n"));
    }
    site.write(
        "content/questions/slow-query/index.md",
        "---\ntitle: Why is my query slow?\ndate: 2025-03-10\nauthor: an-peeters\naccepted: late-but-right\n\
         tags: [postgres, performance]\n---\n\nThe report query takes a minute.\n\n## What I tried\n\nVACUUM.\n\n\
         ## What I see\n\nA sequential scan.\n",
    );
    site.write(
        "content/questions/slow-query/answers/first-guess.md",
        "---\nauthor: cas-smit\ndate: 2025-03-11\n---\n\nThe first guess: add an index.\n",
    );
    site.write(
        "content/questions/slow-query/answers/second-guess.md",
        "---\nauthor: bram-maes\ndate: 2025-03-12\n---\n\nThe second guess: more memory.\n",
    );
    site.write(
        "content/questions/slow-query/answers/late-but-right.md",
        "---\nauthor: bram-maes\ndate: 2025-03-14\n---\n\nThe accepted one: run ANALYZE.\n",
    );
    site.write(
        "content/questions/index-bloat/index.md",
        "---\ntitle: How do I find a bloated index?\ndate: 2025-03-01\nauthor: cas-smit\n\
         tags: [postgres, performance]\n---\n\nOur indexes grow.\n",
    );
    site.write(
        "content/posts/tuning-notes/index.md",
        "---\ntitle: Notes on tuning\ndate: 2025-03-05\nauthor: an-peeters\ntags: [postgres, performance]\n---\n\n\
         The body of the post.\n",
    );
    site.write(
        "content/posts/tuning-notes/comments/one.md",
        "---\nauthor: bram-maes\ndate: 2025-03-06\n---\n\nThe first comment.\n",
    );
    site.write(
        "content/posts/tuning-notes/comments/two.md",
        "---\nauthor: cas-smit\ndate: 2025-03-07\n---\n\nThe second comment.\n",
    );
    site
}

#[test]
fn a_questions_answers_follow_it_directly_accepted_first_then_by_date() {
    let built = discussion_site("en").build();
    let page = built.page("questions/slow-query/");
    page.main().contains_in_order(&[
        "<h1 class=\"page-title\">Why is my query slow?</h1>",
        "The report query takes a minute.",
        "A sequential scan.",
        "<h2 id=\"answers-title\" class=\"section-title\">Answers <span class=\"count\">3</span></h2>",
        "id=\"answer-late-but-right\"",
        "Accepted answer",
        "The accepted one: run ANALYZE.",
        "id=\"answer-first-guess\"",
        "The first guess: add an index.",
        "id=\"answer-second-guess\"",
        "The second guess: more memory.",
        // Tags and the edit link come after every answer.
        "<a class=\"tag\" href=\"/tags/postgres/\" rel=\"tag\">postgres</a>",
        "href=\"https://git.example.org/edit/main/content/questions/slow-query/index.md\"",
    ]);
}

#[test]
fn beside_a_question_are_its_contents_status_who_asked_who_answered_and_related_questions() {
    let built = discussion_site("en").build();
    let page = built.page("questions/slow-query/");
    page.contains("<article class=\"page-grid has-sidebar\">").main().contains_in_order(&[
        "The second guess: more memory.",
        "<aside class=\"page-aside question-aside\" aria-label=\"About this question\">",
        "<h2 id=\"toc-title\" class=\"toc-title\">On this page</h2>",
        "<a href=\"#what-i-tried\">What I tried</a>",
        "<a href=\"#what-i-see\">What I see</a>",
        "<h2 id=\"question-status-title\" class=\"panel-title\">Status</h2>",
        "<span class=\"badge badge-accepted\"><span aria-hidden=\"true\">✓ </span>Solved</span>",
        "3 answers",
        "<h2 id=\"asked-by-title\" class=\"panel-title\">Asked by</h2>",
        "<a class=\"person-name\" href=\"/authors/an-peeters/\">An Peeters</a>",
        "<time datetime=\"2025-03-10\">",
        "<h2 id=\"answered-by-title\" class=\"panel-title\">Answered by</h2>",
        // In the order of the answers, each person once.
        "<a class=\"person-name\" href=\"/authors/bram-maes/\">Bram Maes</a>",
        "<a class=\"person-name\" href=\"/authors/cas-smit/\">Cas Smit</a>",
        "<h2 id=\"related-questions-title\" class=\"panel-title\">Related questions</h2>",
        "<a href=\"/questions/index-bloat/\">How do I find a bloated index?</a>",
        "</aside>",
    ]);
    let main = page.main();
    let aside = &main.text[main.text.find("<aside").unwrap()..];
    assert_eq!(
        aside.matches("href=\"/authors/bram-maes/\"").count(),
        1,
        "Bram answered twice, is named once:\n{aside}"
    );
    // The related post stays under the answers, not among the related questions.
    main.contains_in_order(&[
        "id=\"related-title\"",
        "<a href=\"/posts/tuning-notes/\">Notes on tuning</a>",
        "<aside",
    ]);
}

#[test]
fn an_unanswered_question_says_so_beside_it_and_has_no_answered_by() {
    let built = discussion_site("en").build();
    built
        .page("questions/index-bloat/")
        .main()
        .contains_in_order(&[
            "<aside class=\"page-aside question-aside\"",
            "<span class=\"badge badge-unanswered\">Unanswered</span>",
            "0 answers",
            "Asked by",
        ])
        .lacks("Answered by")
        .lacks("toc-title");
}

#[test]
fn the_question_sidebar_speaks_dutch_on_a_dutch_site() {
    let built = discussion_site("nl").build();
    built.page("questions/slow-query/").main().contains_in_order(&[
        "aria-label=\"Over deze vraag\"",
        "Status",
        "Gesteld door",
        "Beantwoord door",
        "Verwante vragen",
    ]);
}

#[test]
fn a_posts_comments_follow_its_body_before_tags_and_related_pages() {
    let built = discussion_site("en").build();
    built.page("posts/tuning-notes/").main().contains_in_order(&[
        "The body of the post.",
        "<h2 id=\"responses-title\" class=\"section-title\">Comments <span class=\"count\">2</span></h2>",
        "The first comment.",
        "The second comment.",
        "<a class=\"tag\" href=\"/tags/postgres/\" rel=\"tag\">postgres</a>",
        "href=\"https://git.example.org/edit/main/content/posts/tuning-notes/index.md\"",
        "id=\"related-title\"",
    ]);
}

#[test]
fn an_author_page_leaves_the_person_out_of_their_own_bylines_but_keeps_co_authors() {
    let site = discussion_site("en");
    site.write(
        "content/posts/shared-notes.md",
        "---\ntitle: Notes we wrote together\ndate: 2025-03-08\nauthors: [bram-maes, cas-smit]\n---\n\nTogether.\n",
    );
    let built = site.build();
    let page = built.page("authors/bram-maes/");
    let main = page.main();
    let lists = &main.text
        [main.text.find("class=\"author-main\"").unwrap()..main.text.find("class=\"author-aside\"").unwrap()];
    assert!(lists.contains("Notes we wrote together"), "the shared post is listed:\n{lists}");
    assert!(
        lists.contains("The accepted one: run ANALYZE.") || lists.contains("Why is my query slow?"),
        "the answers are listed:\n{lists}"
    );
    assert!(!lists.contains("href=\"/authors/bram-maes/\""), "Bram's own name is not on his cards:\n{lists}");
    assert!(
        lists.contains("<a class=\"person-name\" href=\"/authors/cas-smit/\">Cas Smit</a>"),
        "the co-author stays:\n{lists}"
    );
    // Elsewhere the bylines are whole.
    built.page("posts/").contains("<a class=\"person-name\" href=\"/authors/bram-maes/\">Bram Maes</a>");
}

/// The most an HTML page may weigh: a reader on a phone downloads all of it.
const MAX_PAGE_BYTES: usize = 250 * 1024;

#[test]
fn a_wiki_section_of_411_pages_stays_under_250_kb_per_html_page() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Big wiki\nbase_url: https://intranet.example.org/\n");
    site.write("content/wiki/_index.md", "---\ntitle: Wiki\n---\n\nEverything we know.\n");
    site.write("content/wiki/big/_index.md", "---\ntitle: Big section\n---\n\nA section with many pages.\n");
    for n in 0..411 {
        site.write(
            &format!("content/wiki/big/page-{n:03}.md"),
            format!(
                "---\ntitle: Page number {n} about a topic with a longer title\nsummary: What page {n} \
                 says, in a sentence of a reasonable length for a card.\ntags: [topic-{t}, shared]\n---\n\n\
                 The text of page {n}.\n",
                t = n % 7
            ),
        );
    }
    let built = site.build();
    let section: Vec<String> = built
        .files()
        .into_iter()
        .filter(|f| f.starts_with("wiki/big/") && f.ends_with(".html") && !f.starts_with("wiki/big/page-"))
        .collect();
    assert!(!section.is_empty(), "the section has its own page: {:?}", built.files());
    let pages =
        built.files().into_iter().filter(|f| f.starts_with("wiki/big/page-") && f.ends_with("index.html"));
    assert_eq!(pages.count(), 411, "every page of the section is built");
    let mut listed = String::new();
    for file in section {
        let text = built.file(&file).text;
        let size = text.len();
        assert!(size < MAX_PAGE_BYTES, "wiki/big's page {file} weighs {size} bytes, over {MAX_PAGE_BYTES}");
        listed.push_str(&text);
    }
    for n in 0..411 {
        let link = format!("href=\"/wiki/big/page-{n:03}/\"");
        assert!(listed.contains(&link), "the section's pages link to page {n} somewhere: {link}");
    }
}

#[test]
fn no_html_page_of_the_example_site_is_over_250_kb() {
    let built = SiteTest::at(&Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site")).build();
    let html: Vec<String> = built.files().into_iter().filter(|f| f.ends_with(".html")).collect();
    assert!(html.len() > 50, "example-site has many pages: {}", html.len());
    for file in html {
        let size = built.file(&file).text.len();
        assert!(size < MAX_PAGE_BYTES, "example-site's {file} weighs {size} bytes, over {MAX_PAGE_BYTES}");
    }
}
