//! Author pages: the person's own name is left off every list of their pages, the full
//! paginated lists included, and their answers show what they answered.

use crate::support::SiteTest;

/// Bram wrote three posts (one with Cas), asked three questions and answered three, with
/// `paginate: 2`, so every group has a full list of two pages.
fn site_with_a_busy_author() -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: People\nbase_url: https://intranet.example.org/\npaginate: 2\n");
    site.write("authors/bram-maes.yaml", "name: Bram Maes\n");
    site.write("authors/cas-smit.yaml", "name: Cas Smit\n");
    for n in 1..=3 {
        let authors = if n == 2 { "[bram-maes, cas-smit]" } else { "[bram-maes]" };
        site.write(
            &format!("content/posts/p{n}.md"),
            format!("---\ntitle: Post {n}\ndate: 2025-03-0{n}\nauthors: {authors}\n---\n\nPost {n} body.\n"),
        );
        site.write(
            &format!("content/questions/mine-{n}/index.md"),
            format!(
                "---\ntitle: My question {n}\ndate: 2025-04-0{n}\nauthors: [bram-maes]\n---\n\nWhy {n}?\n"
            ),
        );
        site.write(
            &format!("content/questions/theirs-{n}/index.md"),
            format!(
                "---\ntitle: Their <question> {n}\ndate: 2025-05-0{n}\nauthors: [cas-smit]\n---\n\nHow {n}?\n"
            ),
        );
        site.write(
            &format!("content/questions/theirs-{n}/answers/bram.md"),
            format!(
                "---\nauthors: [bram-maes]\ndate: 2025-06-0{n}\n---\n\nRestart cache & service {n} first, then check the logs.\n"
            ),
        );
    }
    site.write(
        "content/posts/p1/comments/bram.md",
        "---\nauthors: [bram-maes]\ndate: 2025-07-01\n---\n\nNice one.\n",
    );
    site
}

/// The part of an author page (or of one of its full lists) that lists pages.
fn lists_of(text: &str) -> &str {
    let start = text.find("<main").expect("a main element");
    let end = text.find("class=\"author-aside\"").unwrap_or(text.len());
    &text[start..end]
}

#[test]
fn the_own_name_is_on_no_card_of_the_author_page_or_its_full_lists() {
    let built = site_with_a_busy_author().build();
    assert_eq!(built.problems(), Vec::<String>::new());
    let urls = [
        "authors/bram-maes/",
        "authors/bram-maes/posts/",
        "authors/bram-maes/posts/page/2/",
        "authors/bram-maes/questions/",
        "authors/bram-maes/questions/page/2/",
        "authors/bram-maes/answers/",
        "authors/bram-maes/answers/page/2/",
    ];
    for url in urls {
        let page = built.page(url);
        let lists = lists_of(&page.text);
        // The author page shows cards; its full lists show compact rows.
        let item = if url == "authors/bram-maes/" { "class=\"card " } else { "class=\"row " };
        assert!(lists.contains(item), "{url} lists pages as `{item}`:\n{lists}");
        assert!(!lists.contains("Bram Maes</a>"), "{url} names Bram on his own cards:\n{lists}");
    }
    // The co-author stays, on the page and on the full list.
    for url in ["authors/bram-maes/", "authors/bram-maes/posts/"] {
        let lists = lists_of(&built.page(url).text).to_owned();
        assert!(
            lists.contains("<a class=\"person-name\" href=\"/authors/cas-smit/\">Cas Smit</a>"),
            "{url}:\n{lists}"
        );
    }
    // Elsewhere, and on someone else's page, Bram's name stays on his cards.
    built.page("posts/").contains("<a class=\"person-name\" href=\"/authors/bram-maes/\">Bram Maes</a>");
    let cas = built.page("authors/cas-smit/");
    assert!(
        lists_of(&cas.text).contains("<a class=\"person-name\" href=\"/authors/bram-maes/\">Bram Maes</a>")
    );
}

#[test]
fn an_answer_on_its_author_page_shows_what_it_says_under_the_question_linked_to_the_answer() {
    let built = site_with_a_busy_author().build();
    // Cards on the author page, compact rows on the full list.
    for (url, class) in
        [("authors/bram-maes/", "card-summary"), ("authors/bram-maes/answers/", "row-summary")]
    {
        built.page(url).contains_in_order(&[
            "<a href=\"/questions/theirs-3/#answer-bram\">Answer to “Their &lt;question&gt; 3”</a>",
            &format!("<p class=\"{class}\">Restart cache &amp; service 3 first, then check the logs.</p>"),
            "<a href=\"/questions/theirs-2/#answer-bram\">Answer to “Their &lt;question&gt; 2”</a>",
            &format!("<p class=\"{class}\">Restart cache &amp; service 2 first, then check the logs.</p>"),
        ]);
    }
    // Other compact cards stay as they were: a comment shows no summary.
    let page = built.page("authors/bram-maes/");
    let comments = &page.text[page.text.find("id=\"author-comments\"").unwrap()..];
    let comments = &comments[..comments.find("</section>").unwrap()];
    assert!(comments.contains("Comment on “Post 1”") && !comments.contains("Nice one."), "{comments}");
    // Elsewhere an answer's card is as before: the home page's newest answers.
    built.page("").contains("Answer to “Their &lt;question&gt; 3”").lacks("Restart cache");
}
