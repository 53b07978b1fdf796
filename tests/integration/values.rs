//! Values keep their meaning: text fields show what was typed, only booleans and numbers
//! are read as such, unknown fields keep YAML's types, and one text where a list belongs
//! is split with a warning that shows the list form.

use crate::support::{SiteTest, without_notes};

fn site() -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Values\nbase_url: https://intranet.example.org/\n");
    site
}

#[test]
fn a_scalar_in_a_text_field_keeps_the_characters_written() {
    let site = site();
    site.write(
        "content/posts/2025-03-01-values.md",
        "---\ntitle: no\nsummary: 1.10\nslug: 0x10\ntags: [yes, on, 1.0, 2025-01-01]\n---\n\nBody.\n",
    );
    site.write("content/posts/2025-03-02-decimal.md", "---\ntitle: 1.10\n---\n\nBody.\n");
    let built = site.build();
    assert_eq!(built.problems(), Vec::<String>::new());
    let page = built.page("posts/0x10/");
    page.contains("<h1 class=\"page-title\">no</h1>");
    for tag in ["yes", "on", "1.0", "2025-01-01"] {
        page.main().contains(&format!(">{tag}</a>"));
    }
    page.lacks(">true</a>").lacks(">false<");
    built.page("posts/decimal/").contains("<h1 class=\"page-title\">1.10</h1>");
    built.page("").contains("<a href=\"/posts/decimal/\">1.10</a>");
}

#[test]
fn an_empty_item_in_a_list_is_left_out_with_a_warning() {
    let site = site();
    site.write(
        "content/posts/2025-03-01-empty.md",
        "---\ntitle: Empty\ntags: [rust, ~, go, null, Null]\n---\n\nBody.\n",
    );
    let built = site.build();
    assert_eq!(
        built.problems(),
        [
            "warning: content/posts/2025-03-01-empty.md:3:14: an empty item in `tags` is left out\n  \
             = help: remove it; to mean the text `~` or `null`, write it in quotes: `\"~\"`",
            "warning: content/posts/2025-03-01-empty.md:3:21: an empty item in `tags` is left out\n  \
             = help: remove it; to mean the text `~` or `null`, write it in quotes: `\"~\"`",
        ]
    );
    let page = built.page("posts/empty/");
    page.main().contains(">rust</a>").contains(">go</a>").contains(">Null</a>").lacks(">~<").lacks(">null<");
}

#[test]
fn draft_reads_booleans_and_refuses_anything_else() {
    let site = site();
    site.write("content/wiki/yes.md", "---\ntitle: Yes\ndraft: yes\n---\n\nNot yet.\n");
    site.write("content/wiki/maybe.md", "---\ntitle: Maybe\ndraft: maybe\n---\n\nText.\n");
    site.write(
        "content/wiki/quoted.md",
        "---\ntitle: Quoted\ndraft: \"true\"\nweight: \"3\"\n---\n\nText.\n",
    );
    let printed = without_notes(&site.build_fails());
    assert_eq!(
        printed,
        "error: content/wiki/maybe.md:3:8: `draft` must be `true` or `false`, not `maybe`\n  \
         = help: write it as `draft: true` or `draft: false`\n\
         error: content/wiki/quoted.md:3:8: `draft` must be `true` or `false`, not the quoted text `\"true\"`\n  \
         = help: write it without quotes: `draft: true`\n\
         error: content/wiki/quoted.md:4:9: `weight` must be a whole number, not the quoted text `\"3\"`\n  \
         = help: write it without quotes: `weight: 3`\n\
         error: found 3 errors in 2 files\n"
    );
    site.remove("content/wiki/maybe.md").remove("content/wiki/quoted.md");
    site.build().lacks_page("wiki/yes/");
    // Left out as a draft, not for some other reason: `--drafts` shows it.
    let site = site.drafts();
    site.build().page("wiki/yes/").contains("<h1 class=\"page-title\">Yes</h1>");
}

#[test]
fn unknown_fields_keep_yaml_types_for_templates() {
    let site = site();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\
         {% if page.extra.comments %}comments on{% else %}comments off{% endif %} \
         rating {{ page.extra.rating + 1 }} code {{ page.extra.code }}\
         {% endblock main %}\n",
    );
    site.write(
        "content/wiki/extra.md",
        "---\ntitle: Extra\ncomments: false\nrating: 4\ncode: \"007\"\n---\n\nText.\n",
    );
    let built = site.build();
    built.page("wiki/extra/").contains("comments off rating 5 code 007");
}

#[test]
fn text_in_author_files_and_site_yaml_stays_text() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: On\nbase_url: https://intranet.example.org/\n");
    site.write("authors/no.yaml", "name: No\nrole: 1.10\n");
    site.write("authors/nobody.yaml", "name: Null\n");
    site.write(
        "content/posts/2025-03-01-people.md",
        "---\ntitle: People\nauthors: [no, nobody]\n---\n\nText.\n",
    );
    let built = site.build();
    let page = built.page("posts/people/");
    page.contains("<title>People · On</title>");
    page.main().contains(">No</a>").contains(">Null</a>");
    built.page("authors/no/").contains("1.10");
}

#[test]
fn a_text_where_a_list_belongs_is_split_with_a_warning() {
    let site = site();
    site.write("authors/an.yaml", "name: An\n");
    site.write("authors/bram.yaml", "name: Bram\n");
    site.write(
        "content/posts/2025-03-01-comma.md",
        "---\ntitle: Comma\ntags: schrijven, communicatie\nauthors: an, bram\n---\n\nText.\n",
    );
    site.write("content/posts/2025-03-02-spaces.md", "---\ntitle: Spaces\ntags: ruby rails\n---\n\nText.\n");
    site.write("content/posts/2025-03-03-one.md", "---\ntitle: One\ntags: rust\n---\n\nText.\n");
    site.write(
        "content/posts/2025-03-04-phrase.md",
        "---\ntitle: Phrase\ntags: \"machine learning\"\n---\n\nText.\n",
    );
    let built = site.build();
    assert_eq!(
        built.problems(),
        [
            "warning: content/posts/2025-03-01-comma.md:3:7: `tags` is one text, read as 2 items: \
             `schrijven`, `communicatie`\n  \
             = help: write it as a list: `tags: [schrijven, communicatie]`; an item of several words is \
             one list item, as in `tags: [machine learning]`",
            "warning: content/posts/2025-03-01-comma.md:4:10: `authors` is one text, read as 2 items: `an`, `bram`\n  \
             = help: write it as a list: `authors: [an, bram]`",
        ]
    );
    built
        .page("posts/comma/")
        .main()
        .contains(">schrijven</a>")
        .contains(">communicatie</a>")
        .contains(">Bram</a>");
    built.page("posts/spaces/").main().contains(">ruby</a>").contains(">rails</a>");
    built.page("posts/one/").main().contains(">rust</a>");
    built.page("posts/phrase/").main().contains(">machine learning</a>");
}

#[test]
fn a_name_with_spaces_is_never_split() {
    let site = site();
    site.write("content/posts/2025-03-01-named.md", "---\ntitle: Named\nauthor: An Peeters\n---\n\nText.\n");
    assert_eq!(
        without_notes(&site.build_fails()),
        "error: content/posts/2025-03-01-named.md:3:9: unknown author `An Peeters`\n  \
         = help: add `authors/An Peeters.yaml` with at least `name:`, or set \
         `unknown_authors: name` in site.yaml to show it as a name\n\
         error: found 1 error in 1 file\n"
    );
}
