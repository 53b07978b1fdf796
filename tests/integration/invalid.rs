//! Invalid inputs: each names the file, line and column, says what to do, and never panics.

use crate::support::SiteTest;

/// Asserts the whole text `kennis build` prints for a failed build.
fn fails_with(fixture: &str, expected: &str) {
    let printed = SiteTest::new(&format!("invalid/{fixture}")).build_fails();
    assert_eq!(printed, expected, "\n--- printed ---\n{printed}\n--- expected ---\n{expected}");
}

#[test]
fn a_yaml_error_points_at_its_line_in_the_file() {
    fails_with(
        "yaml-syntax",
        "error: content/posts/broken-yaml.md:4:7: invalid front matter: unclosed bracket '['\n  \
         = help: front matter is YAML between two `---` lines, e.g. `title: \"My page\"`\n\
         error: found 1 error in 1 file\n",
    );
}

#[test]
fn front_matter_that_never_ends() {
    fails_with(
        "unclosed-front-matter",
        "error: content/posts/never-closed.md:1:1: front matter starts with `---` but never ends\n  \
         = help: close the front matter with a line holding only `---`\n\
         error: found 1 error in 1 file\n",
    );
}

#[test]
fn an_unknown_author_suggests_the_closest_id() {
    fails_with(
        "unknown-author",
        "error: content/posts/stranger.md:3:9: unknown author `zeger`\n  \
         = help: add `authors/zeger.yaml` with at least `name:`\n\
         error: content/posts/typo.md:3:9: unknown author `an-peters`\n  \
         = help: did you mean `an-peeters`? authors are the files in `authors/`\n\
         error: found 2 errors in 2 files\n",
    );
}

#[test]
fn an_unknown_author_in_a_list_points_at_that_item() {
    fails_with(
        "unknown-author-in-list",
        "error: content/posts/block.md:5:5: unknown author `xavier`\n  \
         = help: add `authors/xavier.yaml` with at least `name:`\n\
         error: content/posts/flow.md:3:22: unknown author `zeger`\n  \
         = help: add `authors/zeger.yaml` with at least `name:`\n\
         error: found 2 errors in 2 files\n",
    );
}

#[test]
fn an_unknown_community_suggests_the_closest_id() {
    fails_with(
        "unknown-community",
        "error: content/posts/typo.md:3:12: unknown community `dat`\n  \
         = help: did you mean `data`? communities are the folders in `content/communities/`\n\
         error: found 1 error in 1 file\n",
    );
}

#[test]
fn accepting_an_answer_that_does_not_exist() {
    fails_with(
        "accepted-missing",
        "error: content/questions/slow/index.md:4:11: no answer `bram-mae` to accept\n  \
         = help: did you mean `bram-maes`?\n\
         error: found 1 error in 1 file\n",
    );
}

#[test]
fn answers_without_a_question() {
    fails_with(
        "answers-without-question",
        "error: content/questions/lost/answers/an-peeters.md:1:1: this `answers/` folder has no page above it: \
         `content/questions/lost/index.md` is missing\n  \
         = help: put the page in `content/questions/lost/index.md`, or move this file\n\
         error: found 1 error in 1 file\n",
    );
}

#[test]
fn two_pages_with_the_same_url() {
    fails_with(
        "duplicate-url",
        "error: content/posts/hello.md:1:1: this page has the URL `/posts/hello/`, which \
         `content/posts/2025-01-01-hello.md` has too\n  \
         = help: give one of them another file name, or set `slug:` in its front matter\n\
         error: found 1 error in 1 file\n",
    );
}

#[test]
fn a_date_that_is_not_a_date() {
    fails_with(
        "bad-date",
        "error: content/posts/when.md:3:7: `date` is not a date: `next tuesday`\n  \
         = help: write a date as `2025-03-14` or `2025-03-14T09:30:00+01:00`\n\
         error: found 1 error in 1 file\n",
    );
}

#[test]
fn a_post_without_a_title() {
    fails_with(
        "missing-title",
        "error: content/posts/untitled.md:1:1: this page has no `title`\n  \
         = help: add `title: \"...\"` to the front matter\n\
         error: found 1 error in 1 file\n",
    );
}

#[test]
fn values_of_the_wrong_type() {
    fails_with(
        "wrong-types",
        "error: content/wiki/types.md:3:8: `draft` must be `true` or `false`\n  \
         = help: write it as `draft: true`\n\
         error: content/wiki/types.md:4:9: `weight` must be a whole number\n  \
         = help: write it as `weight: 10`\n\
         error: found 2 errors in 1 file\n",
    );
}

#[test]
fn an_unknown_kind() {
    fails_with(
        "unknown-kind",
        "error: content/wiki/blog.md:3:7: unknown kind `blog`\n  \
         = help: `kind` is one of `post`, `question`, `community`, `wiki`\n\
         error: found 1 error in 1 file\n",
    );
}

#[test]
fn a_mistyped_field_in_site_yaml() {
    fails_with(
        "site-yaml-typo",
        "error: site.yaml:3:1: unknown field `paginat`, expected one of title, base_url, language, description, \
         theme, repo_url, edit_url, history_url, paginate, taxonomies, links, content_dir\n  \
         = help: see README.md, section `site.yaml`, for the fields kennis knows\n\
         error: found 1 error in 1 file\n",
    );
}

#[test]
fn a_mistyped_field_in_an_author_file() {
    fails_with(
        "author-file-typo",
        "error: authors/bram-maes.yaml:2:1: unknown field `rol`, expected one of name, email, emails, role, \
         department, avatar, bio\n  \
         = help: an author file has `name`, `email` (or `emails`), `role`, `department`, `avatar`, `bio`\n\
         error: found 1 error in 1 file\n",
    );
}

#[test]
fn a_site_template_that_does_not_parse() {
    let site = SiteTest::copy("basic/blog");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{% if %}\n{% endblock main %}\n",
    );
    let printed = site.build_fails();
    assert!(printed.starts_with("error: templates/page.html:3:7: "), "{printed}");
    assert!(
        printed.ends_with(
            "\n  = help: fix the template, or delete it to use the theme's own\nerror: found 1 error in 1 file\n"
        ),
        "{printed}"
    );
}

#[test]
fn a_site_template_that_fails_while_rendering() {
    let site = SiteTest::copy("basic/blog");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ page.nothing.here }}\n{% endblock main %}\n",
    );
    let printed = site.build_fails();
    assert!(
        printed.starts_with("error: templates/page.html:3:9: Field `nothing` is not defined"),
        "{printed}"
    );
    assert!(
        printed.ends_with(
            "\n  = help: fix the template, or delete it to use the theme's own\nerror: found 1 error in 1 file\n"
        ),
        "{printed}"
    );
}

#[test]
fn a_field_that_looks_like_a_typo_is_a_warning() {
    let site = SiteTest::new("invalid/typo-field").build();
    assert_eq!(
        site.warnings(),
        ["warning: content/wiki/setup.md:2:1: unknown field `tittle`, did you mean `title`?\n  \
          = help: rename it to `title`; unknown fields are only passed to templates as `extra`"]
    );
    site.page("wiki/setup/").contains("<h1 class=\"page-title\">Setting up</h1>");
}

#[test]
fn every_problem_in_every_file_is_reported_at_once_in_order() {
    fails_with(
        "several",
        "error: content/posts/a.md:3:9: unknown author `an-peters`\n  \
         = help: did you mean `an-peeters`? authors are the files in `authors/`\n\
         error: content/posts/a.md:4:7: `date` is not a date: `someday`\n  \
         = help: write a date as `2025-03-14` or `2025-03-14T09:30:00+01:00`\n\
         error: content/posts/b.md:3:12: unknown community `nowhere`\n  \
         = help: add `content/communities/nowhere/index.md` with a `title:`\n\
         error: content/questions/q/index.md:1:1: this page has no `title`\n  \
         = help: add `title: \"...\"` to the front matter\n\
         error: found 4 errors in 3 files\n",
    );
}

#[test]
fn a_file_that_is_not_utf8() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Encodings\nbase_url: https://intranet.example.org/\n");
    site.write("content/posts/fine.md", "---\ntitle: Fine\n---\n\nText.\n");
    site.write("content/posts/latin1.md", b"---\ntitle: Caf\xe9 culture\n---\n\nText.\n");
    assert_eq!(
        site.build_fails(),
        "error: content/posts/latin1.md:2:11: this file is not valid UTF-8\n  \
         = help: save the file as UTF-8 in your editor\n\
         error: found 1 error in 1 file\n"
    );
}

#[test]
fn a_link_to_a_page_that_does_not_exist() {
    // DESIGN.md: a link that does not resolve is an error with file:line:column, all of them listed.
    let printed = SiteTest::new("invalid/broken-link").build_fails();
    let lines: Vec<&str> = printed.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(lines.len(), 4, "three broken links and the summary:\n{printed}");
    assert!(
        lines[0].starts_with("error: content/posts/links.md:6:1: ") && lines[0].contains("../wiki/nope.md"),
        "{printed}"
    );
    assert!(
        lines[1].starts_with("error: content/posts/links.md:8:6: ") && lines[1].contains("nowhere"),
        "{printed}"
    );
    assert!(
        lines[2].starts_with("error: content/posts/links.md:8:55: ") && lines[2].contains("No Such Page"),
        "{printed}"
    );
    assert_eq!(lines[3], "error: found 3 errors in 1 file");
}

#[test]
fn odd_files_never_panic() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Odd\n");
    let odd: &[(&str, &[u8])] = &[
        ("content/posts/empty.md", b""),
        ("content/posts/only-dashes.md", b"---\n"),
        ("content/posts/empty-front.md", b"---\n---\n"),
        ("content/posts/list-front.md", b"---\n- a\n- b\n---\n"),
        ("content/posts/scalar-front.md", b"---\njust text\n---\n"),
        ("content/posts/nul.md", b"---\ntitle: \"\\0\"\n---\n\0\n"),
        ("content/questions/q/answers/a.md", b"---\naccepted: [\n"),
        ("content/wiki/_index.md", b"# \n"),
        ("content/index.md", b"---\ntitle: Home\ndate: 2025-02-30\n---\n"),
    ];
    for (path, bytes) in odd {
        site.write(path, bytes);
    }
    let printed = site.build_fails();
    assert!(printed.ends_with(" files\n") || printed.ends_with(" file\n"), "{printed}");
    for line in printed.lines().filter(|l| l.starts_with("error: content/")) {
        let position = line.split(": ").nth(1).unwrap_or_default();
        assert!(position.split(':').count() == 3, "every error has path:line:column: {line}");
    }
}
