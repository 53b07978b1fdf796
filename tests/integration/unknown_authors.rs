//! `unknown_authors: name`: people named in front matter without a file in `authors/`,
//! shown by name wherever people are shown, and the default that keeps them errors.

use crate::git_history::git;
use crate::support::{SiteTest, json_problems, kennis};

/// The fixture's site.yaml without `unknown_authors`.
const DEFAULT_SITE_YAML: &str = "title: Named\nbase_url: https://intranet.example.org/\n";

fn named(name: &str) -> String {
    format!("<span class=\"person-name\">{name}</span>")
}

/// One tile of the authors index: the name and how many pages the person wrote or edited.
fn tile(name_html: &str, count: &str) -> String {
    format!(
        "<h2 class=\"author-tile-name\">{name_html}</h2>\n        \
         <p class=\"author-tile-count\">{count}</p>"
    )
}

#[test]
fn a_name_not_in_authors_is_shown_in_the_byline_and_the_feed() {
    let built = SiteTest::new("unknown-authors").build();
    // TOML `authors = [...]` and YAML `author:` alike.
    for url in ["posts/one-point-oh/", "posts/one-point-one/"] {
        built
            .page(url)
            .main()
            .contains("<ul class=\"people people-byline\">\n  <li class=\"person\">")
            .contains(&named("The Release Team"))
            .lacks("href=\"/authors/The");
    }
    built
        .file("atom.xml")
        .contains("<title>Version 1.0</title>")
        .contains("<author><name>The Release Team</name></author>")
        .contains("<author><name>Jane Doe</name></author>");
    built.lacks_page("authors/The Release Team/").lacks_page("authors/Jane Doe/");
    assert!(!built.has_file("authors/The Release Team/atom.xml"), "a named person has no feed");
}

#[test]
fn the_same_name_on_two_posts_is_one_person_counted_once() {
    let built = SiteTest::new("unknown-authors").build();
    let index = built.page("authors/");
    assert_eq!(index.count(&named("The Release Team")), 1, "{}", index.text);
    index
        .contains("<span>4 in total</span>")
        // People with a page first, then those named only, by name.
        .contains_in_order(&[
            &tile("<a class=\"person-name\" href=\"/authors/an-peeters/\">An Peeters</a>", "2 contributions"),
            &tile(&named("an-peters"), "1 contribution"),
            &tile(&named("Jane Doe"), "1 contribution"),
            &tile(&named("The Release Team"), "2 contributions"),
        ]);
    built.page("").contains(">4 people<span aria-hidden=\"true\"> →</span></a>");
}

#[test]
fn a_registered_persons_name_or_address_resolves_to_them() {
    let built = SiteTest::new("unknown-authors").build();
    let an = "<a class=\"person-name\" href=\"/authors/an-peeters/\">An Peeters</a>";
    built.page("posts/by-jane/").main().contains_in_order(&[&named("Jane Doe"), an]);
    built.page("posts/by-email/").main().contains(an).lacks("an.peeters@example.org</span>");
    built
        .page("authors/an-peeters/")
        .contains("<a href=\"/posts/by-email/\">Written by address</a>")
        .contains("<a href=\"/posts/by-jane/\">A guest post</a>");
}

#[test]
fn a_value_one_edit_from_a_registered_id_is_a_warning_and_still_shown() {
    let built = SiteTest::new("unknown-authors").build();
    assert_eq!(
        built.problems(),
        ["warning: content/posts/2025-02-12-typo.md:3:9: `an-peters` is not in `authors/`, so it is shown \
          as a name without a page\n  = help: did you mean `an-peeters`? authors are the files in `authors/`"]
    );
    built.page("posts/typo/").main().contains(&named("an-peters"));
}

#[test]
fn a_communitys_lead_and_team_may_be_named_too() {
    let built = SiteTest::new("unknown-authors").build();
    let page = built.page("communities/release/");
    let members_start = page.text.find("id=\"community-members-title\"").expect("a members panel");
    page.contains_in_order(&[
        "<h2 id=\"community-lead-title\" class=\"panel-title\">Lead</h2>",
        &named("Jane Doe"),
        "<h2 id=\"community-team-title\" class=\"panel-title\">Team <span class=\"count\">2</span></h2>",
        &named("The Release Team"),
        "<a class=\"person-name\" href=\"/authors/an-peeters/\">An Peeters</a>",
    ]);
    let members = &page.text[members_start..];
    assert!(members.contains("Members <span class=\"count\">3</span>"), "{members}");
    for person in [named("Jane Doe"), named("The Release Team")] {
        assert!(members.contains(&person), "{person} is a member:\n{members}");
    }
}

#[test]
fn by_default_an_unknown_author_is_an_error_at_its_place() {
    let site = SiteTest::copy("unknown-authors");
    site.write("site.yaml", DEFAULT_SITE_YAML);
    let add = |name: &str| {
        format!(
            "  = help: add `authors/{name}.yaml` with at least `name:`, or set `unknown_authors: name` in \
             site.yaml to show it as a name\n"
        )
    };
    assert_eq!(
        site.build_fails(),
        [
            "error: content/communities/release/index.md:4:7: unknown author `Jane Doe`\n".to_owned(),
            add("Jane Doe"),
            "error: content/communities/release/index.md:5:8: unknown author `The Release Team`\n".to_owned(),
            add("The Release Team"),
            "error: content/posts/2025-01-10-one-point-oh.md:3:12: unknown author `The Release Team`\n"
                .to_owned(),
            add("The Release Team"),
            "error: content/posts/2025-02-01-one-point-one.md:3:9: unknown author `The Release Team`\n"
                .to_owned(),
            add("The Release Team"),
            "error: content/posts/2025-02-05-by-jane.md:3:11: unknown author `Jane Doe`\n".to_owned(),
            add("Jane Doe"),
            "error: content/posts/2025-02-12-typo.md:3:9: unknown author `an-peters`\n  \
             = help: did you mean `an-peeters`? authors are the files in `authors/`\n"
                .to_owned(),
            "error: found 6 errors in 5 files\n".to_owned(),
        ]
        .concat()
    );
}

#[test]
fn an_unknown_value_of_the_setting_is_an_error_at_its_line() {
    let site = SiteTest::copy("unknown-authors");
    site.write("site.yaml", format!("{DEFAULT_SITE_YAML}unknown_authors: names\n"));
    let root = site.root().to_str().expect("a UTF-8 path").to_owned();
    let ran = kennis(&["build", "--root", &root, "--output", &format!("{root}/../public")]);
    ran.exits_with(1);
    assert_eq!(
        ran.stderr(),
        "error: site.yaml:3:18: unknown value `names`\n  = help: write one of `error`, `name`\n\
         error: found 1 error in 1 file\n"
    );
}

#[test]
fn a_git_contributor_of_the_same_name_is_the_same_person() {
    const JANE: (&str, &str) = ("Jane Doe", "jane@elsewhere.example");
    const OLAF: (&str, &str) = ("Olaf Other", "olaf@elsewhere.example");
    let site = SiteTest::empty();
    site.write("site.yaml", format!("{DEFAULT_SITE_YAML}unknown_authors: name\n"));
    let root = site.root();
    git(root, JANE, "2024-01-01T10:00:00+00:00", &["init", "-q", "-b", "main"]);
    site.write("content/posts/2024-01-01-hello.md", "---\ntitle: Hello\nauthor: Jane Doe\n---\n\nHi.\n");
    site.write("content/wiki/setup.md", "---\ntitle: Setup\n---\n\nFirst version.\n");
    git(root, JANE, "2024-01-01T10:00:00+00:00", &["add", "-A"]);
    git(root, JANE, "2024-01-01T10:00:00+00:00", &["commit", "-q", "-m", "First pages"]);
    site.write("content/wiki/setup.md", "---\ntitle: Setup\n---\n\nSecond version.\n");
    git(root, OLAF, "2024-02-01T10:00:00+00:00", &["commit", "-q", "-am", "Edit setup"]);
    let built = site.build();
    assert_eq!(built.problems(), Vec::<String>::new());
    // One Jane on the authors index: the post she named herself on, and the page git says she wrote.
    let index = built.page("authors/");
    assert_eq!(index.count(&named("Jane Doe")), 1, "{}", index.text);
    index.contains(&tile(&named("Jane Doe"), "2 contributions")).lacks("Olaf Other");
    built.page("").contains(">1 person<span aria-hidden=\"true\"> →</span></a>");
    // A page that names no author has the people among its git contributors as authors.
    built
        .page("wiki/setup/")
        .main()
        .contains("<ul class=\"people people-byline\">\n  <li class=\"person\">")
        .contains_in_order(&["people-byline", &named("Jane Doe"), "people-contributors", &named("Jane Doe")])
        .contains(&named("Olaf Other"));
    let post = built.page("posts/hello/");
    assert_eq!(post.main().count(&named("Jane Doe")), 2, "byline and contributors: {}", post.text);
}

#[test]
fn a_hostile_name_is_escaped_in_html_feeds_and_json() {
    let site = SiteTest::copy("unknown-authors");
    let hostile = "<script>alert(1)</script> \\\"Q\\\" & 'x'";
    site.write(
        "content/posts/2025-03-01-hostile.md",
        format!("+++\ntitle = \"Hostile\"\nauthors = [\"{hostile}\"]\n+++\n\nText.\n"),
    );
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;Q&quot; &amp; &#39;x&#39;";
    let built = site.build();
    built.page("posts/hostile/").main().contains(&named(escaped));
    built.page("authors/").contains(&named(escaped));
    built.file("atom.xml").contains(&format!("<author><name>{escaped}</name></author>"));
    // CSV files (the insights' tables) are data, never read as markup: names stay as written.
    let markup = |f: &&String| !f.ends_with(".css") && !f.ends_with(".js") && !f.ends_with(".csv");
    for file in built.files().iter().filter(markup) {
        let text = std::fs::read_to_string(built.output.join(file)).expect("a text file");
        assert!(!text.contains("<script>alert(1)"), "`{file}` holds the raw name");
    }
    // Without the setting, the name is in an error, which `--format json` writes as JSON.
    site.write("site.yaml", DEFAULT_SITE_YAML);
    let root = site.root().to_str().expect("a UTF-8 path").to_owned();
    let ran = kennis(&["check", "--root", &root, "--format", "json"]);
    ran.exits_with(1);
    let problems = json_problems(&ran.stdout());
    let messages: Vec<&str> =
        problems.as_array().expect("an array").iter().filter_map(|p| p["message"].as_str()).collect();
    assert!(messages.contains(&"unknown author `<script>alert(1)</script> \"Q\" & 'x'`"), "{messages:?}");
}

#[test]
fn a_kept_site_takes_in_a_newly_named_person_as_a_clean_build_does() {
    use kennis::output::MemorySink;
    use kennis::paths::ContentPath;
    let site = SiteTest::copy("unknown-authors");
    let options = kennis::BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(site.root().join("../public")),
        ..kennis::BuildOptions::default()
    };
    let rendered = |built: &kennis::built::BuiltSite| {
        let files = MemorySink::new();
        built.render_all(&files).expect("renders");
        files
    };
    let (mut kept, _) = kennis::build_kept_site(&options).expect("builds");
    let shown = rendered(&kept.built);
    let post = "posts/2025-03-01-new.md";
    site.write(&format!("content/{post}"), "---\ntitle: New\nauthor: Nina New\n---\n\nHello.\n");
    let update = kept.reread(&[ContentPath::from_components(post.split('/'))]).expect("takes the change");
    let fresh = MemorySink::new();
    kept.built.render_only(&update.affected.render, &fresh).expect("renders");
    shown.replace_from(fresh);
    let clean = rendered(&kennis::build_site(&options).expect("builds").0);
    let index =
        clean.read(&kennis::paths::OutputPath::new("authors/index.html").expect("a path")).expect("an index");
    assert!(String::from_utf8_lossy(&index).contains(&named("Nina New")), "the new person is listed");
    for files in [&rendered(&kept.built), &shown] {
        assert_eq!(files.paths(), clean.paths());
        let differing: Vec<_> =
            clean.paths().into_iter().filter(|p| clean.read(p) != files.read(p)).collect();
        assert!(differing.is_empty(), "files that differ from a clean build: {differing:?}");
    }
}

#[test]
fn kennis_new_names_a_person_who_has_no_file_when_the_site_allows_it() {
    let place = tempfile::tempdir().expect("temporary folder");
    let root = place.path().join("site");
    let root_arg = root.to_str().expect("a UTF-8 path");
    kennis(&["init", root_arg]).exits_with(0);
    let new_post = ["new", "post", "Hello there", "--root", root_arg, "--author", "Jane Doe"];
    let refused = kennis(&new_post);
    refused.exits_with(2);
    assert!(refused.stderr().contains("or set `unknown_authors: name` in site.yaml"), "{}", refused.stderr());

    let site_yaml = root.join("site.yaml");
    let settings = std::fs::read_to_string(&site_yaml).expect("site.yaml");
    std::fs::write(&site_yaml, format!("{settings}unknown_authors: name\n")).expect("site.yaml written");
    kennis(&new_post).exits_with(0);
    let post = std::fs::read_to_string(root.join("content/posts/hello-there.md")).expect("the post");
    assert!(post.contains("\nauthors: [\"Jane Doe\"]\n"), "{post}");
    let question = "how-do-we-share-what-we-learn";
    kennis(&["new", "answer", question, "--root", root_arg, "--author", "Jane Doe"]).exits_with(0);
    let answers = root.join(format!("content/questions/{question}/answers"));
    let names: Vec<String> = std::fs::read_dir(&answers)
        .expect("answers")
        .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().any(|name| name.starts_with("jane-doe-")), "{names:?}");

    let built = SiteTest::at(&root).build();
    built.page("posts/hello-there/").main().contains(&named("Jane Doe"));
    built.page(&format!("questions/{question}/")).main().contains(&named("Jane Doe"));
}
