//! Communities and authors: who leads, who takes part, what each person wrote, and their feeds.

use crate::support::SiteTest;

#[test]
fn a_community_page_shows_its_goal_lead_and_team() {
    SiteTest::new("communities/data-guild")
        .build()
        .page("communities/data/")
        .contains("<h1 class=\"page-title\">Data Guild</h1>")
        .contains("<p class=\"goal-text\">Everyone can answer their own questions with data</p>")
        .contains("<p>We meet every other Friday.</p>")
        .contains_in_order(&[
            "<h2 id=\"community-lead-title\" class=\"panel-title\">Lead</h2>",
            "<a class=\"person-name\" href=\"/authors/an-peeters/\">An Peeters</a>",
            "<h2 id=\"community-team-title\" class=\"panel-title\">Team <span class=\"count\">2</span></h2>",
            "<a class=\"person-name\" href=\"/authors/an-peeters/\">An Peeters</a>",
            "<a class=\"person-name\" href=\"/authors/bram-maes/\">Bram Maes</a>",
        ]);
}

#[test]
fn community_members_are_everyone_who_wrote_in_it() {
    let site = SiteTest::new("communities/data-guild").build();
    let page = site.page("communities/data/");
    let members_start = page.text.find("id=\"community-members-title\"").expect("a members panel");
    let members_end =
        page.text[members_start..].find("</section>").expect("end of the panel") + members_start;
    let members = &page.text[members_start..members_end];
    assert!(members.contains("Members <span class=\"count\">6</span>"), "{members}");
    for (id, name) in [
        ("an-peeters", "An Peeters"),   // lead, wiki author
        ("bram-maes", "Bram Maes"),     // team
        ("carla-dias", "Carla Dias"),   // post author
        ("dirk-jansen", "Dirk Jansen"), // asked a question
        ("emma-smit", "Emma Smit"),     // answered it
        ("frank-bos", "Frank Bos"),     // commented on the post
    ] {
        let link = format!("<a class=\"person-name\" href=\"/authors/{id}/\">{name}</a>");
        assert!(members.contains(&link), "{name} is a member:\n{members}");
    }
    assert!(!members.contains("Gita Rao"), "Gita only wrote in another community:\n{members}");
}

#[test]
fn a_community_page_lists_its_posts_questions_and_wiki_pages() {
    SiteTest::new("communities/data-guild")
        .build()
        .page("communities/data/")
        .main()
        .contains_in_order(&[
            "<h2 id=\"community-posts\"",
            "<a href=\"/posts/data-day/\">What we learnt on data day</a>",
            "<h2 id=\"community-questions\"",
            "<a href=\"/questions/which-warehouse/\">Which warehouse table holds the shipments?</a>",
            "<h2 id=\"community-wiki\"",
            "<a href=\"/wiki/data/glossary/\">Data glossary</a>",
        ])
        .lacks("How we run a design critique");
}

#[test]
fn each_community_has_a_feed_of_its_pages() {
    let site = SiteTest::new("communities/data-guild").build();
    site.page("communities/data/").contains("href=\"/communities/data/atom.xml\"");
    site.file("communities/data/atom.xml")
        .contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"")
        .contains("<title>Data Guild · Communities</title>")
        .contains("<id>https://people.example.org/communities/data/atom.xml</id>")
        .contains("<title>What we learnt on data day</title>")
        .contains("<title>Which warehouse table holds the shipments?</title>")
        .contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://people.example.org/posts/data-day/\"/>")
        .lacks("How we run a design critique");
    site.file("communities/ux/atom.xml").contains("How we run a design critique").lacks("data day");
}

#[test]
fn the_communities_index_lists_every_community() {
    SiteTest::new("communities/data-guild")
        .build()
        .page("communities/")
        .main()
        .contains("<a href=\"/communities/data/\">Data Guild</a>")
        .contains("Everyone can answer their own questions with data")
        .contains("<a href=\"/communities/ux/\">UX Circle</a>");
}

#[test]
fn an_author_page_lists_posts_questions_answers_and_comments() {
    let site = SiteTest::new("communities/data-guild").build();
    site.page("authors/carla-dias/")
        .contains("<h1 class=\"page-title\">Carla Dias</h1>")
        .main()
        .contains_in_order(&[
            "id=\"author-posts\"",
            "<a href=\"/posts/data-day/\">What we learnt on data day</a>",
        ]);
    site.page("authors/dirk-jansen/").main().contains_in_order(&[
        "id=\"author-questions\"",
        "<a href=\"/questions/which-warehouse/\">Which warehouse table holds the shipments?</a>",
    ]);
    site.page("authors/emma-smit/").main().contains_in_order(&[
        "id=\"author-answers\"",
        "<a href=\"/questions/which-warehouse/#answer-emma-smit\">",
    ]);
    site.page("authors/frank-bos/")
        .main()
        .contains_in_order(&["id=\"author-comments\"", "<a href=\"/posts/data-day/#comment-frank-bos\">"])
        .contains("<a class=\"community-link\" href=\"/communities/data/\">Data Guild</a>");
    site.page("authors/an-peeters/").main().contains("<a href=\"/wiki/data/glossary/\">Data glossary</a>");
}

#[test]
fn each_author_has_a_feed_of_what_they_wrote() {
    let site = SiteTest::new("communities/data-guild").build();
    site.page("authors/carla-dias/").contains("href=\"/authors/carla-dias/atom.xml\"");
    site.file("authors/carla-dias/atom.xml")
        .contains("<title>Carla Dias · Communities</title>")
        .contains("<title>What we learnt on data day</title>")
        .lacks("Which warehouse");
}

#[test]
fn the_authors_index_lists_everyone() {
    let site = SiteTest::new("communities/data-guild").build();
    let index = site.page("authors/");
    for (id, name) in [("an-peeters", "An Peeters"), ("gita-rao", "Gita Rao"), ("frank-bos", "Frank Bos")] {
        index.contains(&format!("<a class=\"person-name\" href=\"/authors/{id}/\">{name}</a>"));
    }
}

#[test]
fn an_author_id_that_would_break_a_link_is_percent_encoded_in_it() {
    let site = SiteTest::copy("communities/data-guild");
    site.write("authors/an#1 ok.yaml", "name: An Number One\n");
    site.write("authors/chloé-peeters.yaml", "name: Chloé Peeters\n");
    site.write(
        "content/posts/numbered.md",
        "---\ntitle: Numbered\ndate: 2024-05-01\nauthors: [\"an#1 ok\", chloé-peeters]\n---\n\nHello.\n",
    );
    let built = site.build();
    built
        .page("posts/numbered/")
        .contains("<a class=\"person-name\" href=\"/authors/an%231%20ok/\">An Number One</a>")
        .contains("<a class=\"person-name\" href=\"/authors/chloé-peeters/\">Chloé Peeters</a>");
    // A server decodes the link before it looks for the file, so the page is where it finds it.
    built.page("authors/an#1 ok/").contains("An Number One");
    built.file("authors/an#1 ok/atom.xml").contains("/authors/an%231%20ok/atom.xml");
    built.file("sitemap.xml").contains("/authors/an%231%20ok/</loc>");
}
