//! Tags keep their characters (one page each at a percent-encoded URL), spellings that
//! differ in case are one tag, and nothing on a page lists an unbounded set.

use crate::support::{Built, SiteTest};

fn site(yaml: &str) -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.yaml", format!("title: Tags\nbase_url: https://intranet.example.org/\n{yaml}"));
    site
}

fn post(site: &SiteTest, slug: &str, day: u32, extra: &str) {
    site.write(
        &format!("content/posts/{slug}.md"),
        format!("---\ntitle: Post {slug}\ndate: 2025-03-{day:02}\n{extra}---\n\nText of {slug}.\n"),
    );
}

#[test]
fn c_c_sharp_and_c_plus_plus_are_three_tags_with_three_pages() {
    let site = site("");
    post(&site, "langs", 1, "tags: [C, C#, C++]\n");
    let built = site.build();
    assert_eq!(built.problems(), Vec::<String>::new());
    built
        .page("posts/langs/")
        .contains("<a class=\"tag\" href=\"/tags/c/\" rel=\"tag\">C</a>")
        .contains("<a class=\"tag\" href=\"/tags/c%23/\" rel=\"tag\">C#</a>")
        .contains("<a class=\"tag\" href=\"/tags/c%2B%2B/\" rel=\"tag\">C++</a>");
    // A static server decodes `/tags/c%23/` to `tags/c#/` before it looks for the file.
    for (folder, name) in [("c", "C"), ("c#", "C#"), ("c++", "C++")] {
        built.page(&format!("tags/{folder}/")).contains(&format!("Tagged “{name}”")).contains("Post langs");
    }
    built.page("tags/").contains("3 in total").contains_in_order(&[
        "href=\"/tags/c/\">C ",
        "href=\"/tags/c%23/\">C# ",
        "href=\"/tags/c%2B%2B/\">C++ ",
    ]);
    built.page("posts/").contains("href=\"/tags/c%23/\"");
    built
        .file("sitemap.xml")
        .contains("<loc>https://intranet.example.org/tags/c%23/</loc>")
        .contains("<loc>https://intranet.example.org/tags/c%2B%2B/</loc>");
}

#[test]
fn tags_keep_spaces_and_accents_percent_encoded() {
    let site = site("");
    post(&site, "a", 1, "tags: [\"Machine  Learning\", Café]\n");
    let built = site.build();
    built
        .page("posts/a/")
        .contains("href=\"/tags/machine%20learning/\" rel=\"tag\">Machine Learning</a>")
        .contains("href=\"/tags/caf%C3%A9/\" rel=\"tag\">Café</a>");
    built.page("tags/machine learning/").contains("Post a");
    built.page("tags/café/").contains("Post a");
}

#[test]
fn spellings_that_differ_in_case_are_one_tag_with_one_warning_naming_each() {
    let site = site("");
    post(&site, "a", 1, "tags: [Rust]\n");
    post(&site, "b", 2, "tags: [rust, web]\n");
    post(&site, "c", 3, "tags:\n  - RUST\n");
    post(&site, "d", 4, "tags: [Rust]\n");
    let built = site.build();
    assert_eq!(
        built.problems(),
        ["warning: content/posts/c.md:5:5: one tag is spelled 3 ways: `Rust` (2 pages, first at \
             `content/posts/a.md:4:8`), `RUST` (1 page, first at `content/posts/c.md:5:5`), `rust` (1 page, \
             first at `content/posts/b.md:4:8`); it is shown as `Rust`\n  \
             = help: write it as `Rust` everywhere; tags that differ only in case are one tag"]
    );
    built
        .page("tags/rust/")
        .contains("Tagged “Rust”")
        .contains_in_order(&["Post d", "Post c", "Post b", "Post a"]);
    built.page("posts/b/").contains("<a class=\"tag\" href=\"/tags/rust/\" rel=\"tag\">Rust</a>");
    built.page("tags/").contains("2 in total");
}

#[test]
fn tags_whose_folders_would_be_the_same_get_numbered_pages_and_a_warning() {
    let site = site("");
    // Keys are taken in sorted order (`a-b`, `a/b`, `a\b`): later ones get the suffixes.
    post(&site, "dash", 1, "tags: [a-b]\n");
    post(&site, "slash", 2, "tags: [a/b]\n");
    post(&site, "backslash", 3, "tags: ['a\\b']\n");
    let built = site.build();
    assert_eq!(
        built.problems(),
        [
            "warning: content/posts/backslash.md:4:8: tags `a-b` and `a\\b` would share one page; `a\\b` is at \
             `/tags/a-b-3/` instead\n  \
             = help: rename one of them if they mean different things, or write them the same way if they are one tag",
            "warning: content/posts/slash.md:4:8: tags `a-b` and `a/b` would share one page; `a/b` is at \
             `/tags/a-b-2/` instead\n  \
             = help: rename one of them if they mean different things, or write them the same way if they are one tag",
        ]
    );
    built.page("tags/a-b/").contains("Post dash").lacks("Post slash").lacks("Post backslash");
    built.page("tags/a-b-2/").contains("Post slash").lacks("Post dash");
    built.page("tags/a-b-3/").contains("Post backslash").lacks("Post dash");
    built.page("posts/slash/").contains("<a class=\"tag\" href=\"/tags/a-b-2/\" rel=\"tag\">a/b</a>");
}

#[test]
fn no_tag_makes_a_path_outside_its_own_folder() {
    let site = site("");
    post(
        &site,
        "evil",
        1,
        "tags: ['..', '.', '../../../escape', '/etc/passwd', \"nul\\0here\", '.hidden', 'a:b*c?']\n",
    );
    let built = site.build();
    let tag_files: Vec<String> = built.files().into_iter().filter(|f| f.starts_with("tags/")).collect();
    assert_eq!(
        tag_files,
        [
            "tags/---..-..-escape/index.html",
            "tags/--/index.html",
            "tags/-/index.html",
            "tags/-etc-passwd/index.html",
            "tags/-hidden/index.html",
            "tags/a-b-c-/index.html",
            "tags/index.html",
            "tags/nul-here/index.html",
        ]
    );
    // `tags/../../../escape` would have landed three folders up from the output folder.
    for above in built.output.ancestors().skip(1).take(3) {
        assert!(!above.join("escape").exists(), "a tag page escaped to {}", above.display());
    }
    built.page("posts/evil/").contains("href=\"/tags/---..-..-escape/\" rel=\"tag\">../../../escape</a>");
}

#[test]
fn cards_show_a_few_tags_and_the_page_shows_them_all() {
    let site = site("");
    let tags: Vec<String> = (0..50).map(|n| format!("topic-{n:02}")).collect();
    post(&site, "many", 1, &format!("tags: [{}]\n", tags.join(", ")));
    let built = site.build();
    let tag_page = built.page("tags/topic-49/");
    assert_eq!(tag_page.main().count("rel=\"tag\""), 8, "a card shows 8 tags");
    tag_page.contains("<a class=\"more-tags\" href=\"/posts/many/\">+42 more</a>");
    assert_eq!(built.page("posts/many/").main().count("rel=\"tag\""), 50);
    built.page("posts/many/").lacks("more-tags");
}

#[test]
fn the_tag_index_is_paginated() {
    let site = site("");
    let tags: Vec<String> = (0..450).map(|n| format!("t{n:03}")).collect();
    post(&site, "many", 1, &format!("tags: [{}]\n", tags.join(", ")));
    let built = site.build();
    let first = built.page("tags/");
    first
        .contains("450 in total")
        .contains("page 1 of 3")
        .contains("href=\"/tags/t199/\"")
        .lacks("href=\"/tags/t200/\"");
    assert_eq!(first.main().count("class=\"tag tag-cloud-item"), 200);
    let last = built.page("tags/page/3/");
    assert_eq!(last.main().count("class=\"tag tag-cloud-item"), 50);
    last.contains("href=\"/tags/t449/\"")
        .contains("<a class=\"pagination-step\" href=\"/tags/page/2/\" rel=\"prev\">");
}

#[test]
fn pagination_links_a_window_of_page_numbers_not_all_of_them() {
    let site = site("paginate: 1\n");
    for n in 1..=30 {
        post(&site, &format!("p{n:02}"), n, "");
    }
    let built = site.build();
    let middle = built.page("posts/page/15/").main();
    for shown in [1, 13, 14, 16, 17, 30] {
        middle.contains(&format!("aria-label=\"page {shown}\">{shown}</a>"));
    }
    middle
        .lacks("aria-label=\"page 12\"")
        .lacks("aria-label=\"page 18\"")
        .contains("aria-current=\"page\">15</a>");
    assert_eq!(middle.count("pagination-gap"), 2);
}

fn wiki_page(site: &SiteTest, path: &str, title: &str) {
    site.write(&format!("content/wiki/{path}.md"), format!("---\ntitle: {title}\n---\n\nAbout {title}.\n"));
}

#[test]
fn a_big_wiki_section_lists_its_pages_paginated_and_draws_a_bounded_tree() {
    let site = site("paginate: 20\n");
    for n in 0..45 {
        wiki_page(&site, &format!("big/page-{n:02}"), &format!("Big {n:02}"));
    }
    wiki_page(&site, "small/one", "Small one");
    site.write("content/wiki/big/_index.md", "---\ntitle: Big\n---\n\nAbout the big section.\n");
    let built = site.build();
    let first = built.page("wiki/big/");
    first
        .contains("<title>Big · ")
        .contains("<p>About the big section.</p>")
        .contains("Pages <span class=\"count\">45</span>")
        .contains("<a href=\"/wiki/big/page/3/\" aria-label=\"page 3\">3</a>");
    assert_eq!(first.main().count("<article class=\"card card-wiki"), 20);
    let last = built.page("wiki/big/page/3/");
    assert_eq!(last.main().count("<article class=\"card card-wiki"), 5);
    last.contains("Big 44").lacks(">Big 00</a></h3>");
    // Later pages list more of the section; its introduction and title stay on page 1.
    last.contains("<title>Big (page 3) · ").lacks("<p>About the big section.</p>");
    // The tree shows 30 pages of the section and links to the section for the other 15.
    let tree_start = first.text.find("<nav class=\"wiki-tree\"").expect("a tree");
    let tree = &first.text[tree_start..];
    let tree = &tree[..tree.find("</nav>").expect("the tree ends")];
    assert_eq!(tree.matches("class=\"tree-page\"").count(), 30 + 1, "30 of Big, 1 of Small: {tree}");
    assert!(tree.contains("<li class=\"tree-more\"><a href=\"/wiki/big/\">15 more</a></li>"), "{tree}");
    assert!(tree.contains("<a href=\"/wiki/small/\">Small</a>"), "{tree}");
}

fn community_site(people: usize) -> Built {
    let site = site("paginate: 10\n");
    site.write("content/communities/guild/index.md", "---\ntitle: Guild\ngoal: Share\n---\n\nWe share.\n");
    for n in 0..people {
        site.write(&format!("authors/person-{n:02}.yaml"), format!("name: Person {n:02}\n"));
        post(
            &site,
            &format!("p{n:02}"),
            (n % 28 + 1) as u32,
            &format!("community: guild\nauthor: person-{n:02}\n"),
        );
    }
    site.build()
}

#[test]
fn a_community_page_shows_the_newest_pages_and_some_members_with_links_to_all() {
    let built = community_site(65);
    let page = built.page("communities/guild/");
    page.contains("65 members").contains("65 posts");
    let main = page.main();
    assert_eq!(main.count("<article class=\"card card-post"), 10);
    main.contains("<a class=\"more-link\" href=\"/communities/guild/posts/\">All 65<span aria-hidden=\"true\"> →</span></a>")
        .contains("<a class=\"more-link\" href=\"/communities/guild/members/\">All 65<span aria-hidden=\"true\"> →</span></a>");
    let members = &main.text[main.text.find("id=\"community-members-title\"").expect("members")..];
    let members = &members[..members.find("</section>").expect("the panel ends")];
    assert_eq!(members.matches("class=\"person\"").count(), 24, "24 members shown: {members}");
    built.page("communities/guild/posts/page/7/").contains("Posts · Guild (page 7)");
    assert_eq!(
        built.page("communities/guild/posts/page/7/").main().count("<article class=\"row row-post"),
        5
    );
    let members = built.page("communities/guild/members/");
    members.contains("Members · Guild").contains("65 in total");
    assert_eq!(members.main().count("class=\"author-tile\""), 60);
    assert_eq!(built.page("communities/guild/members/page/2/").main().count("class=\"author-tile\""), 5);
    assert_eq!(built.page("authors/").main().count("class=\"author-tile\""), 60);
    built.page("authors/page/2/").contains("Person 64");
}

#[test]
fn an_author_page_shows_the_newest_pages_of_each_kind_with_a_link_to_all() {
    let site = site("paginate: 5\n");
    site.write("authors/an.yaml", "name: An\n");
    for n in 1..=12 {
        post(&site, &format!("p{n:02}"), n, "author: an\n");
    }
    let built = site.build();
    let page = built.page("authors/an/");
    assert_eq!(page.main().count("<article class=\"card card-post"), 5);
    page.contains("<dt>Posts</dt><dd>12</dd>")
        .contains("Posts <span class=\"count\">12</span>")
        .contains("<a class=\"more-link\" href=\"/authors/an/posts/\">All 12");
    built.page("authors/an/posts/page/3/").contains("Post p01").contains("Posts · An (page 3)");
}

#[test]
fn linked_from_shows_the_newest_twenty_and_how_many_more() {
    let site = site("");
    site.write("content/wiki/target.md", "---\ntitle: Target\n---\n\nThe target.\n");
    for n in 1..=25 {
        post(&site, &format!("p{n:02}"), n, "");
        site.write(
            &format!("content/posts/p{n:02}.md"),
            format!(
                "---\ntitle: Post p{n:02}\ndate: 2025-03-{n:02}\n---\n\nSee [target](../wiki/target.md).\n"
            ),
        );
    }
    let built = site.build();
    let page = built.page("wiki/target/");
    let links = &page.text[page.text.find("id=\"backlinks-title\"").expect("linked from")..];
    let links = &links[..links.find("</section>").expect("the group ends")];
    assert_eq!(links.matches("<li>").count(), 20);
    assert!(links.contains("Post p25") && !links.contains("Post p05"), "{links}");
    page.contains("<p class=\"more-backlinks\">and 5 more</p>");
}

#[test]
fn only_the_first_hundred_broken_links_get_a_suggestion() {
    // A suggestion compares the name written with every page: one for each of 20,000
    // broken links took 518 s. The first 100, in the order of the pages, get one.
    let site = site("links: { broken: warn }\n");
    for n in 0..105 {
        site.write(
            &format!("content/wiki/p{n:03}.md"),
            format!("---\ntitle: Topic {n:03}\n---\n\nSee [[Topik {n:03}]].\n"),
        );
    }
    let built = site.build();
    let warnings = built.problems();
    assert_eq!(warnings.len(), 105);
    assert_eq!(
        warnings[0],
        "warning: content/wiki/p000.md:5:5: broken link `[[Topik 000]]`: no page has that slug or title\n  \
         = help: did you mean `[[Topic 000]]`?"
    );
    assert!(warnings[..100].iter().all(|w| w.contains("did you mean")), "{warnings:#?}");
    assert!(warnings[100..].iter().all(|w| !w.contains("did you mean")), "{warnings:#?}");
    assert_eq!(
        warnings[104],
        "warning: content/wiki/p104.md:5:5: broken link `[[Topik 104]]`: no page has that slug or title\n  \
         = help: a wiki link names a page's slug (its file name) or its title"
    );
}

#[test]
fn the_tag_index_counts_the_pages_a_tag_page_lists() {
    let site = site("");
    post(&site, "tagged", 1, "tags: [rust]\n");
    site.write("content/questions/why/index.md", "---\ntitle: Why?\ntags: [rust]\n---\n\nWhy so?\n");
    site.write(
        "content/questions/why/answers/an.md",
        "---\ndate: 2025-03-02\ntags: [rust]\n---\n\nBecause.\n",
    );
    let built = site.build();
    assert_eq!(built.page("tags/rust/").main().count("<article class=\"row"), 2);
    built.page("tags/").contains(
        "href=\"/tags/rust/\">rust <span class=\"tag-count\"><span class=\"visually-hidden\">(</span>2<span",
    );
}
