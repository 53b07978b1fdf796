//! Invalid inputs: each names the file, line and column, says what to do, and never panics.

use crate::support::{SiteTest, without_notes};

/// Asserts the whole text `kennis build` prints for a failed build, notes left out.
fn fails_with(fixture: &str, expected: &str) {
    let printed = without_notes(&SiteTest::new(&format!("invalid/{fixture}")).build_fails());
    assert_eq!(printed, expected, "\n--- printed ---\n{printed}\n--- expected ---\n{expected}");
}

#[test]
fn a_yaml_error_points_at_its_line_in_the_file() {
    fails_with(
        "yaml-syntax",
        "error: content/posts/broken-yaml.md:4:7: invalid front matter: this list is not closed with `]`\n  \
         = help: end it with `]` after its last item, on the same line\n\
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
         = help: add `authors/zeger.yaml` with at least `name:`, or set \
         `unknown_authors: name` in site.yaml to show it as a name\n\
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
         = help: add `authors/xavier.yaml` with at least `name:`, or set \
         `unknown_authors: name` in site.yaml to show it as a name\n\
         error: content/posts/flow.md:3:22: unknown author `zeger`\n  \
         = help: add `authors/zeger.yaml` with at least `name:`, or set \
         `unknown_authors: name` in site.yaml to show it as a name\n\
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
         = help: write a date as `2025-03-14`, `2025-03-14 09:30`, `2025-03-14 09:30:00 +0100`, \
         `2025-03-14 9:30:00 -4` or `2025-03-14T09:30:00+01:00`\n\
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
        "error: content/wiki/types.md:3:8: `draft` must be `true` or `false`, not the quoted text `\"yes\"`\n  \
         = help: write it as `draft: true` or `draft: false`\n\
         error: content/wiki/types.md:4:9: `weight` must be a whole number, not `first`\n  \
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
        "error: site.yaml:3:1: unknown field `paginat`, did you mean `paginate`?\n  \
         = help: the fields here are `title`, `base_url`, `language`, `description`, `theme`, `repo_url`, \
         `edit_url`, `history_url`, `new_url`, `new_url_max`, `paginate`, `taxonomies`, `links`, `content_dir`, `git`, `timezone`, `heading_ids`, \
         `templates_dir`, `static_dirs`, `kinds`, `unknown_authors`, `permalinks`, `relative_urls`, `tag_aliases`, `search`, `insights`\n\
         error: found 1 error in 1 file\n",
    );
}

#[test]
fn a_mistyped_field_in_an_author_file() {
    fails_with(
        "author-file-typo",
        "error: authors/bram-maes.yaml:2:1: unknown field `rol`, did you mean `role`?\n  \
         = help: the fields here are `name`, `email`, `emails`, `role`, `department`, `avatar`, `bio`\n\
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
            "\n  = help: fix the template, or delete it to use the theme's own; if `templates/` belongs to \
             another tool, set `templates_dir:` in site.yaml to a folder for kennis's templates\n\
             error: found 1 error in 1 file\n"
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
            "\n  = help: fix the template, or delete it to use the theme's own; if `templates/` belongs to \
             another tool, set `templates_dir:` in site.yaml to a folder for kennis's templates\n\
             error: found 1 error in 1 file\n"
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
    site.page("wiki/setup/").contains("<h1 class=\"page-title\" id=\"setting-up\">Setting up</h1>");
}

#[test]
fn every_problem_in_every_file_is_reported_at_once_in_order() {
    fails_with(
        "several",
        "error: content/posts/a.md:3:9: unknown author `an-peters`\n  \
         = help: did you mean `an-peeters`? authors are the files in `authors/`\n\
         error: content/posts/a.md:4:7: `date` is not a date: `someday`\n  \
         = help: write a date as `2025-03-14`, `2025-03-14 09:30`, `2025-03-14 09:30:00 +0100`, \
         `2025-03-14 9:30:00 -4` or `2025-03-14T09:30:00+01:00`\n\
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

/// The text `kennis build` prints for `invalid/broken-links`: every broken link, sorted by
/// file and line, each at the column where the link starts (front matter lines counted).
const BROKEN_LINKS: &str = "\
error: content/posts/welcome.md:11:1: broken link `../wiki/rules.md`: `content/wiki/rules.md` does not exist
  = help: relative links are counted from the folder of the file they are in
error: content/posts/welcome.md:11:35: broken link `[[stup]]`: no page has that slug or title
  = help: did you mean `[[setup]]`?
error: content/posts/welcome.md:13:18: broken link `../wiki/setup.md#instal-the-tools`: no heading \
`#instal-the-tools` in `content/wiki/setup.md`
  = help: did you mean `#install-the-tools`?
error: content/posts/welcome.md:15:1: broken image `team.png`: `content/posts/team.png` does not exist
  = help: relative links are counted from the folder of the file they are in
error: content/posts/welcome.md:15:31: broken link `../wiki/lists.md`: `content/wiki/lists.md` does not exist
  = help: relative links are counted from the folder of the file they are in
error: content/questions/editor-choice/answers/an-peeters.md:6:6: broken link `../../../wiki/tools/editor.md`: \
`content/wiki/tools/editor.md` does not exist
  = help: did you mean `../../../wiki/tools/editors.md`?
error: content/wiki/tools/editors.md:5:5: broken link `setup#editr`: no heading `#editr` in `content/wiki/setup.md`
  = help: did you mean `#editor`?
error: content/wiki/tools/editors.md:9:14: broken link `../old-setup.md`: `content/wiki/old-setup.md` does not exist
  = help: did you mean `../setup.md`?
error: found 8 errors in 3 files
";

#[test]
fn every_broken_link_is_listed_once_at_its_own_line_and_column() {
    // A relative link, a reference-style link, a `[[wiki link]]`, an anchor, an image, a link in a
    // footnote and one in an answer; the valid links and the ones in code next to them say nothing.
    fails_with("broken-links", BROKEN_LINKS);
}

#[test]
fn broken_links_are_warnings_with_links_broken_warn() {
    let site = SiteTest::copy("invalid/broken-links");
    site.write(
        "site.yaml",
        "title: Broken links\nbase_url: https://intranet.example.org/\nlinks: { broken: warn }\n",
    );
    let built = site.build();
    let expected: Vec<String> = BROKEN_LINKS
        .strip_suffix("error: found 8 errors in 3 files\n")
        .expect("the summary closes the list")
        .replace("error: content/", "warning: content/")
        .lines()
        .collect::<Vec<_>>()
        .chunks(2)
        .map(|pair| pair.join("\n"))
        .collect();
    assert_eq!(built.problems(), expected);
    built.page("posts/welcome/").contains("<a href=\"/wiki/setup/\">the guide</a>");
    built.page("wiki/tools/editors/").contains("<a href=\"/wiki/setup/#editor\">fine</a>");
}

#[test]
fn links_broken_warn_softens_only_links() {
    let site = SiteTest::copy("invalid/broken-links");
    site.write(
        "site.yaml",
        "title: Broken links\nbase_url: https://intranet.example.org/\nlinks:\n  broken: warn\n",
    );
    site.write("content/wiki/authored.md", "---\ntitle: Authored\nauthor: an-peters\n---\n\nText.\n");
    let printed = without_notes(&site.build_fails());
    let errors: Vec<&str> = printed.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(
        errors,
        ["error: content/wiki/authored.md:3:9: unknown author `an-peters`", "error: found 1 error in 1 file"],
        "\n{printed}"
    );
    // The broken links are still listed, in their place in the order, as warnings.
    assert_eq!(printed.lines().filter(|l| l.starts_with("warning: content/")).count(), 8, "{printed}");
}

#[test]
fn a_wiki_link_with_a_mistyped_title_suggests_the_page() {
    // `[[Set-up guid]]` is one letter from the title `Set-up guide`: that page is close.
    let site = SiteTest::copy("invalid/broken-links");
    site.write("content/wiki/titles.md", "---\ntitle: Titles\n---\n\nSee [[Set-up guid]].\n");
    let printed = without_notes(&site.build_fails());
    let expected = "error: content/wiki/titles.md:5:5: broken link `[[Set-up guid]]`: no page has that slug or title\n  \
                    = help: did you mean `[[Set-up guide]]`?\n";
    assert!(printed.contains(expected), "expected\n{expected}in\n{printed}");
}

#[test]
fn a_link_to_a_draft_says_it_is_a_draft() {
    // The file exists; saying it does not would send the writer looking for a typo.
    let site = SiteTest::copy("invalid/broken-links");
    site.write("content/wiki/later.md", "---\ntitle: Later\ndraft: true\n---\n\nNot yet.\n");
    site.write("content/wiki/now.md", "---\ntitle: Now\n---\n\nSee [what comes later](later.md).\n");
    let printed = without_notes(&site.build_fails());
    let line = printed
        .lines()
        .find(|l| l.starts_with("error: content/wiki/now.md:"))
        .unwrap_or_else(|| panic!("no error for the link to the draft:\n{printed}"));
    assert!(line.starts_with("error: content/wiki/now.md:5:5: broken link `later.md`: "), "{line}");
    assert!(line.contains("draft") && !line.contains("does not exist"), "{line}");
}

#[test]
fn a_link_to_a_missing_static_file_is_broken() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Static\nbase_url: https://intranet.example.org/\n");
    site.write("static/files/form.pdf", "a form");
    site.write(
        "content/wiki/forms.md",
        "---\ntitle: Forms\n---\n\nFill in [the form](/files/form.pdf), not [the old one](/files/old-form.pdf).\n",
    );
    let printed = without_notes(&site.build_fails());
    assert!(
        printed.starts_with("error: content/wiki/forms.md:5:42: broken link `/files/old-form.pdf`: "),
        "{printed}"
    );
    assert!(printed.ends_with("error: found 1 error in 1 file\n"), "{printed}");
}

#[test]
fn a_link_in_a_crlf_file_after_accented_letters_is_placed_by_character() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Crlf\nbase_url: https://intranet.example.org/\n");
    site.write(
        "content/wiki/crlf.md",
        "---\r\ntitle: Crlf\r\nsummary: Windows line endings\r\n---\r\n\r\nÉén twee: [x](nope.md)\r\n",
    );
    assert_eq!(
        without_notes(&site.build_fails()),
        "error: content/wiki/crlf.md:6:11: broken link `nope.md`: `content/wiki/nope.md` does not exist\n  \
         = help: relative links are counted from the folder of the file they are in\n\
         error: found 1 error in 1 file\n"
    );
}

#[test]
fn a_community_lead_or_team_member_who_is_not_an_author() {
    fails_with(
        "community-members",
        "error: content/communities/data/index.md:4:7: unknown author `an-peters`\n  \
         = help: did you mean `an-peeters`? authors are the files in `authors/`\n\
         error: content/communities/data/index.md:7:5: unknown author `zeger`\n  \
         = help: add `authors/zeger.yaml` with at least `name:`, or set \
         `unknown_authors: name` in site.yaml to show it as a name\n\
         error: found 2 errors in 1 file\n",
    );
}

#[test]
fn comments_without_a_post() {
    fails_with(
        "comments-without-post",
        "error: content/posts/gone/comments/an-peeters.md:1:1: this `comments/` folder has no page above it: \
         `content/posts/gone/index.md` is missing\n  \
         = help: put the page in `content/posts/gone/index.md`, or move this file\n\
         error: found 1 error in 1 file\n",
    );
}

#[test]
fn two_pages_with_the_same_url_after_slugging_case_folding_and_transliteration() {
    fails_with(
        "duplicate-url-transliterated",
        "error: content/wiki/cafe.md:1:1: this page has the URL `/wiki/cafe/`, which `content/wiki/Café.md` has too\n  \
         = help: give one of them another file name, or set `slug:` in its front matter\n\
         error: content/wiki/meeting-notes.md:1:1: this page has the URL `/wiki/meeting-notes/`, which \
         `content/wiki/Meeting Notes.md` has too\n  \
         = help: give one of them another file name, or set `slug:` in its front matter\n\
         error: found 2 errors in 2 files\n",
    );
}

#[test]
fn an_alias_that_is_another_pages_url_is_reported_at_the_alias() {
    // The page owns its URL; the alias is what to change, wherever the files sort.
    let printed = without_notes(&SiteTest::new("invalid/alias-collision").build_fails());
    let errors: Vec<&str> = printed.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(
        errors,
        [
            "error: content/wiki/old-setup.md:5:5: this page has an alias for the URL `/wiki/setup/`, which \
             `content/wiki/setup.md` has too",
            "error: content/wiki/zz-moved.md:3:11: this page has an alias for the URL `/wiki/setup/`, which \
             `content/wiki/setup.md` has too",
            "error: found 2 errors in 2 files",
        ],
        "\n{printed}"
    );
}

#[test]
fn fields_that_look_like_typos_are_warnings_naming_the_field_meant() {
    let site = SiteTest::new("invalid/typo-fields").build();
    assert_eq!(
        site.problems(),
        [
            "warning: content/posts/typos.md:4:1: unknown field `autor`, did you mean `author`?\n  \
             = help: rename it to `author`; unknown fields are only passed to templates as `extra`",
            "warning: content/posts/typos.md:5:1: unknown field `comunity`, did you mean `community`?\n  \
             = help: rename it to `community`; unknown fields are only passed to templates as `extra`",
            "warning: content/posts/typos.md:6:1: unknown field `tagz`, did you mean `tags`?\n  \
             = help: rename it to `tags`; unknown fields are only passed to templates as `extra`",
            "warning: content/posts/typos.md:7:1: unknown field `summery`, did you mean `summary`?\n  \
             = help: rename it to `summary`; unknown fields are only passed to templates as `extra`",
        ]
    );
}

#[test]
fn an_alias_that_climbs_out_of_the_site_is_refused_and_nothing_is_written_outside() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Escape\nbase_url: https://intranet.example.org/\n");
    site.write(
        "content/wiki/a.md",
        "---\ntitle: A\naliases: [\"../../../escaped/\", /fine/]\n---\n\nText.\n",
    );
    let printed = without_notes(&site.build_fails());
    assert_eq!(
        printed,
        "error: content/wiki/a.md:3:11: `../../../escaped/` is not a path on this site\n  \
         = help: an alias is an old URL of this page, like `/old/page/` or `/2019/03/page.html`\n\
         error: found 1 error in 1 file\n"
    );
    let above = site.root().parent().unwrap();
    assert!(!above.join("escaped").exists() && !above.parent().unwrap().join("escaped").exists());
}

#[test]
fn a_top_folder_named_like_a_generated_section_is_an_error_at_the_folder() {
    fails_with(
        "reserved-folders",
        "error: the folder `content/insights/` is named like `/insights/`, where kennis writes its \
         insights pages: its 2 pages would clash with them\n  \
         = help: rename the folder, for example to `content/insights-pages/`\n\
         error: the page `content/search.md` is at `/search/`, where kennis writes its search page and index\n  \
         = help: rename the file, or give the page another `slug:`\n\
         error: the folder `content/tags/` is named like `/tags/`, where kennis writes its tag pages: \
         its page would clash with them\n  \
         = help: rename the folder, for example to `content/tags-pages/`\n\
         error: found 3 errors in 3 files\n",
    );
    // Without a search of its own, `/search/` is the site's to use.
    let site = SiteTest::copy("invalid/reserved-folders");
    site.write(
        "site.yaml",
        "title: Invalid\nbase_url: https://intranet.example.org/\nsearch: { enabled: false }\n",
    );
    for file in ["content/tags/rust.md", "content/insights/q1.md", "content/insights/q2.md"] {
        site.remove(file);
    }
    site.build().page("search/").contains("Our own search page.");
}
