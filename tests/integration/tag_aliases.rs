//! `tag_aliases:` in site.yaml: other names of a tag (the same word in another language, a
//! short form) merge into it, and their own tag pages send readers on to it.

use crate::support::{SiteTest, without_notes};

fn site(tag_aliases: &str) -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.yaml", format!("title: Tags\nbase_url: https://intranet.example.org/\n{tag_aliases}"));
    site
}

fn post(site: &SiteTest, slug: &str, day: u32, tags: &str) {
    site.write(
        &format!("content/posts/{slug}.md"),
        format!("---\ntitle: Post {slug}\ndate: 2025-03-{day:02}\ntags: {tags}\n---\n\nAbout {slug}.\n"),
    );
}

/// Kubernetes written three ways, and a Dutch tag whose English names are all pages use.
fn merged_site() -> SiteTest {
    let site = site("tag_aliases:\n  kubernetes: [k8s, Kube]\n  Documentatie: documentation\n");
    post(&site, "both", 1, "[k8s, Kubernetes]");
    post(&site, "short", 2, "[kube, intro]");
    post(&site, "english", 3, "[Documentation]");
    post(&site, "plain", 4, "[intro]");
    site
}

#[test]
fn pages_tagged_with_an_alias_are_listed_on_the_tag_once_under_its_name() {
    let built = merged_site().build();
    // No warning about spellings: an alias is no misspelling.
    assert_eq!(built.problems(), Vec::<String>::new());
    let tag = built.page("tags/kubernetes/");
    tag.contains("<h1 class=\"page-title\">Tagged “Kubernetes”</h1>");
    assert_eq!(tag.main().count("<article class=\"row "), 2, "{}", tag.text);
    tag.contains_in_order(&["Post short", "Post both"]);
    // Every page shows the tag by its name, linked to its page.
    for url in ["posts/both/", "posts/short/"] {
        built
            .page(url)
            .contains("<a class=\"tag\" href=\"/tags/kubernetes/\" rel=\"tag\">Kubernetes</a>")
            .lacks(">k8s<")
            .lacks(">kube<");
    }
    // A page that has the tag and an alias of it has the tag once.
    assert_eq!(built.page("posts/both/").main().count("href=\"/tags/kubernetes/\""), 1);
    // A tag only its aliases use is named as site.yaml writes it.
    built
        .page("posts/english/")
        .contains("<a class=\"tag\" href=\"/tags/documentatie/\" rel=\"tag\">Documentatie</a>");
    built.page("tags/documentatie/").contains("Post english");
    // The tag index counts each tag once, with all its pages.
    let index = built.page("tags/");
    index.contains_in_order(&["href=\"/tags/documentatie/\">Documentatie", "(</span>1<span"]);
    index
        .contains_in_order(&["href=\"/tags/kubernetes/\">Kubernetes", "(</span>2<span"])
        .lacks("k8s")
        .lacks("Kube<");
}

#[test]
fn an_alias_tag_page_sends_readers_to_the_tag() {
    let built = merged_site().build();
    for (alias, name) in [("k8s", "Kubernetes"), ("kube", "Kubernetes"), ("documentation", "Documentatie")] {
        let url = if name == "Kubernetes" { "/tags/kubernetes/" } else { "/tags/documentatie/" };
        built
            .page(&format!("tags/{alias}/"))
            .contains(&format!("<meta http-equiv=\"refresh\" content=\"0; url={url}\">"))
            .contains(&format!("<link rel=\"canonical\" href=\"https://intranet.example.org{url}\">"))
            .contains(&format!("<a href=\"{url}\">{name}</a>"));
    }
    // Redirects are no pages of the site.
    built.file("sitemap.xml").lacks("/tags/k8s/");
}

#[test]
fn an_alias_whose_folder_a_tag_has_gets_no_redirect_and_a_tag_nobody_uses_none_at_all() {
    // `c/d` would redirect from `/tags/c-d/`, which is the page of the tag `c-d`.
    let site = site("tag_aliases:\n  cd: [c/d]\n  unused: [never]\n");
    post(&site, "slash", 1, "[\"c/d\"]");
    post(&site, "dash", 2, "[c-d]");
    let built = site.build();
    built.page("tags/cd/").contains("Post slash").lacks("Post dash");
    built.page("tags/c-d/").contains("Tagged “c-d”").contains("Post dash").lacks("http-equiv");
    built.lacks_page("tags/never/").lacks_page("tags/unused/");
}

#[test]
fn tag_aliases_problems_are_told_at_their_line_and_column() {
    let site = site(
        "tag_aliases:\n  kubernetes: [k8s, kube]\n  k8s: [kates]\n  containers: [Kube, containers]\n  \
         KUBERNETES: [kubes]\n  docs: [guide, guide]\n",
    );
    post(&site, "a", 1, "[k8s]");
    assert_eq!(
        without_notes(&site.build_fails()),
        "error: site.yaml:4:16: `k8s` is an alias of `kubernetes` and a tag with aliases of its own at line 5\n  \
         = help: an alias names no tag of its own: list the aliases of `k8s` under `kubernetes` instead\n\
         error: site.yaml:6:16: `Kube` is an alias of both `kubernetes` (line 4) and `containers`\n  \
         = help: an alias merges into one tag: keep it under one of them\n\
         error: site.yaml:6:22: `containers` is the tag `containers` itself\n  \
         = help: tags that differ only in case are one tag already; remove this alias\n\
         error: site.yaml:7:3: `KUBERNETES` is the same tag as `kubernetes` at line 4\n  \
         = help: list all the names of one tag under it once\n\
         error: site.yaml:8:17: `guide` is listed twice under `docs`\n  \
         = help: an alias merges into one tag: keep it under one of them\n\
         error: found 5 errors in 1 file\n"
    );
}

#[test]
fn tag_aliases_must_be_tags_with_names() {
    let hint = "write each tag with the names that mean the same, such as \
                `tag_aliases: { kubernetes: [k8s, kube], documentatie: [documentation] }`";
    let cases = [
        (
            "tag_aliases: [k8s, kube]\n",
            format!("error: site.yaml:3:14: `tag_aliases` must be a group of tags\n  = help: {hint}\n"),
        ),
        (
            "tag_aliases:\n  kubernetes:\n",
            format!("error: site.yaml:4:13: `kubernetes` has no aliases\n  = help: {hint}\n"),
        ),
        (
            "tag_aliases:\n  kubernetes: { short: k8s }\n",
            format!(
                "error: site.yaml:4:15: the aliases of `kubernetes` must be a name or a list of names, not a group\n  \
                 = help: {hint}\n"
            ),
        ),
        (
            "tag_aliases:\n  kubernetes: [k8s, [kube]]\n",
            format!("error: site.yaml:4:21: an alias of `kubernetes` must be one name\n  = help: {hint}\n"),
        ),
    ];
    for (yaml, expected) in cases {
        let site = site(yaml);
        post(&site, "a", 1, "[k8s]");
        let printed = without_notes(&site.build_fails());
        assert!(printed.starts_with(&expected), "for {yaml:?}:\n{printed}");
    }
}
