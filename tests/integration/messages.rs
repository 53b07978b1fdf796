//! Messages in kennis's words: YAML mistakes at the right line with a hint that fits,
//! no parser API or debug text, odd line endings read as they are, skipped links said.

use crate::support::{SiteTest, without_notes};

fn site() -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Messages\nbase_url: https://intranet.example.org/\n");
    site
}

/// The text a build prints for one page with this front matter, notes left out.
fn front_matter_fails(front: &str) -> String {
    let site = site();
    site.write("content/wiki/page.md", format!("---\n{front}---\n\nText.\n"));
    without_notes(&site.build_fails())
}

fn one_error(position: &str, message: &str, hint: &str) -> String {
    format!(
        "error: content/wiki/page.md:{position}: {message}\n  = help: {hint}\nerror: found 1 error in 1 file\n"
    )
}

#[test]
fn a_duplicate_key_names_both_places_and_no_library_option() {
    let printed = front_matter_fails("title: A\ntags: [a]\ntitle: B\n");
    assert_eq!(
        printed,
        one_error(
            "4:1",
            "invalid front matter: `title` is set twice: first at line 2, again at line 4",
            "keep one of them: a field can have only one value",
        )
    );
    assert!(!printed.contains("DuplicateKeyPolicy"), "{printed}");
}

#[test]
fn a_tab_is_reported_on_its_own_line() {
    assert_eq!(
        front_matter_fails("title: A\n\tdate: 2025-01-01\n"),
        one_error(
            "3:1",
            "invalid front matter: a tab where YAML expects spaces",
            "YAML indents with spaces only: replace the tab with spaces",
        )
    );
}

#[test]
fn an_unclosed_list_is_reported_where_it_opens() {
    assert_eq!(
        front_matter_fails("title: A\ntags: [a, b\ndate: 2025-01-01\n"),
        one_error(
            "3:7",
            "invalid front matter: this list is not closed with `]`",
            "end it with `]` after its last item, on the same line",
        )
    );
}

#[test]
fn an_alias_bomb_says_too_many_values_where_it_goes_off() {
    let mut front = String::from("title: Bomb\na: &a [x, x, x, x, x, x, x, x, x]\n");
    for (name, previous) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e"), ("g", "f")] {
        let items = vec![format!("*{previous}"); 9].join(", ");
        front.push_str(&format!("{name}: &{name} [{items}]\n"));
    }
    let printed = front_matter_fails(&front);
    assert_eq!(
        printed,
        one_error(
            "8:16",
            "invalid front matter: too many values (more than 250000): aliases here expand the YAML beyond \
             what kennis reads",
            "an alias (`*name`) repeats its anchor's value; aliases of aliases multiply: write the values out",
        )
    );
    assert!(!printed.contains("Nodes {"), "{printed}");
}

#[test]
fn other_yaml_mistakes_each_get_a_fitting_hint() {
    let cases = [
        (
            "title: \"Unclosed\ndate: 2025-01-01\n",
            "2:8",
            "this quoted text never ends",
            "close it with the same quote mark; inside \"...\" write a quote as \\\", inside '...' as ''",
        ),
        (
            "title: Rust: the book\n",
            "2:12",
            "a second `: ` in this value: YAML reads it as the start of another field",
            "put the value in quotes: `title: \"Rust: the book\"`",
        ),
        (
            "title: A\n  date: 2025-01-01\n",
            "3:1",
            "this line is indented more than the field above it",
            "line it up with the other fields; only list items and groups of fields go indented below a field \
             with nothing after its colon",
        ),
        (
            "title: A\ntags: rust\n  - go\n",
            "4:3",
            "this `- ` line is read as more of the text above it, not as a list item",
            "for a list, leave nothing after the field's colon and line the `- ` items up under it; for text, \
             put it in quotes",
        ),
        (
            "title: A\ntags:\n  - rust\n - go\n",
            "5:2",
            "this list item is not lined up with a list above it",
            "start every `- ` of a list at the same column, below a field with nothing after its colon (`tags:`)",
        ),
        (
            "title: *name\n",
            "2:8",
            "this alias (`*name`) refers to no anchor (`&name`) above it",
            "define the anchor first, as `key: &name value`, or write the value out",
        ),
    ];
    for (front, position, message, hint) in cases {
        assert_eq!(
            front_matter_fails(front),
            one_error(position, &format!("invalid front matter: {message}"), hint),
            "for:\n{front}"
        );
    }
}

#[test]
fn site_yaml_and_author_files_get_the_same_words() {
    let site = site();
    site.write("site.yaml", "title: A\nbase_url: https://intranet.example.org/\ntitle: B\n");
    assert_eq!(
        site.build_fails(),
        "error: site.yaml:3:1: `title` is set twice: first at line 1, again at line 3\n  \
         = help: keep one of them: a field can have only one value\n\
         error: found 1 error in 1 file\n"
    );
    site.write("site.yaml", "title: A\nbase_url: https://intranet.example.org/\npaginate: many\n");
    assert_eq!(
        site.build_fails(),
        "error: site.yaml:3:11: this value must be a whole number, not `many`\n  \
         = help: write a whole number here\n\
         error: found 1 error in 1 file\n"
    );
    site.write("site.yaml", "title: A\nbase_url: https://intranet.example.org/\n");
    site.write("authors/an.yaml", "name: An\nrole: [a\nbio: x\n");
    site.write("content/wiki/page.md", "---\ntitle: Page\n---\n\nText.\n");
    assert_eq!(
        without_notes(&site.build_fails()),
        "error: authors/an.yaml:2:7: this list is not closed with `]`\n  \
         = help: end it with `]` after its last item, on the same line\n\
         error: found 1 error in 1 file\n"
    );
}

#[test]
fn old_mac_line_endings_are_read_as_lines() {
    let site = site();
    site.write("content/wiki/mac.md", "---\rtitle: Old Mac\rtags: [a, b]\r---\r\rSee [nowhere](nope.md).\r");
    site.write("content/wiki/windows.md", "---\r\ntitle: Windows\r\n---\r\n\r\nText.\r\n");
    let printed = without_notes(&site.build_fails());
    assert!(
        printed.starts_with("error: content/wiki/mac.md:6:5: broken link `nope.md`: "),
        "the body keeps its line numbers:\n{printed}"
    );
    site.write("content/wiki/mac.md", "---\rtitle: Old Mac\rtags: [a, b]\r---\r\rText.\r");
    let built = site.build();
    built.page("wiki/mac/").contains("<h1 class=\"page-title\">Old Mac</h1>");
    built.page("wiki/windows/").contains("<h1 class=\"page-title\">Windows</h1>");
}

#[cfg(unix)]
#[test]
fn skipped_symbolic_links_are_reported_once() {
    let site = site();
    site.write("content/wiki/real.md", "---\ntitle: Real\n---\n\nText.\n");
    for name in ["a", "b", "c", "d", "e", "f"] {
        std::os::unix::fs::symlink("real.md", site.root().join(format!("content/wiki/{name}.md"))).unwrap();
    }
    let built = site.build();
    let notes: Vec<String> = built.report.notes.iter().map(|n| n.to_string()).collect();
    let notes: Vec<&String> = notes.iter().filter(|n| n.contains("symbolic")).collect();
    assert_eq!(
        notes,
        [
            "info: skipped 6 symbolic links, which kennis never follows: `content/wiki/a.md`, `content/wiki/b.md`, \
          `content/wiki/c.md`, `content/wiki/d.md`, `content/wiki/e.md`, and 1 more (see `--verbose`)"
        ]
    );
    assert!(!built.has_page("wiki/a/"));
}

#[cfg(unix)]
#[test]
fn a_site_folder_that_is_a_link_is_not_followed() {
    let site = site();
    site.write("content/wiki/real.md", "---\ntitle: Real\n---\n\nText.\n");
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("secret.txt"), "not for the intranet").unwrap();
    std::fs::write(elsewhere.path().join("page.html"), "{{ nothing }}").unwrap();
    for folder in ["static", "templates"] {
        std::os::unix::fs::symlink(elsewhere.path(), site.root().join(folder)).unwrap();
    }
    let built = site.build();
    assert!(!built.has_file("secret.txt"), "a linked `static/` is not published");
    let notes: Vec<String> = built.report.notes.iter().map(|n| n.to_string()).collect();
    assert!(
        notes.contains(
            &"info: skipped 2 symbolic links, which kennis never follows: `static`, `templates`".to_owned()
        ),
        "{notes:?}"
    );
}

#[test]
fn aliases_that_no_url_reaches_are_errors_at_their_position() {
    let site = site();
    site.write(
        "content/wiki/moved.md",
        "---\ntitle: Moved\naliases:\n  - /\n  - /old/%2E%2e/x/\n  - /old/?page=2\n  - /old/#top\n  - /fine/\n---\n\nText.\n",
    );
    assert_eq!(
        without_notes(&site.build_fails()),
        "error: content/wiki/moved.md:4:5: the alias `/` is the home page\n  \
         = help: remove it: an alias is an old URL of this page, like `/old/page/`, and `/` is the home page\n\
         error: content/wiki/moved.md:5:5: the alias `/old/%2E%2e/x/` holds an encoded `.` or `/` (`%2e`, `%2f`)\n  \
         = help: write the path as readers type it, like `/old/page/`, without percent-encoded dots or slashes\n\
         error: content/wiki/moved.md:6:5: the alias `/old/?page=2` has a `?` or `#`, which are not part of a path\n  \
         = help: write only the path, like `/old/page/`: a redirect cannot depend on `?...` or `#...`\n\
         error: content/wiki/moved.md:7:5: the alias `/old/#top` has a `?` or `#`, which are not part of a path\n  \
         = help: write only the path, like `/old/page/`: a redirect cannot depend on `?...` or `#...`\n\
         error: found 4 errors in 1 file\n"
    );
}

/// `extra:` with a list `depth` levels deep, one `- ` level per line.
fn nested_list(depth: usize) -> String {
    let lines: Vec<String> = (0..depth).map(|level| format!("{}- ", "  ".repeat(level))).collect();
    format!("title: Deep\nextra:\n{}x\n", lines.join("\n"))
}

#[test]
fn values_nested_as_deep_as_the_parser_reads_build_and_deeper_ones_are_refused() {
    const HINT: &str = "front matter and settings need a few levels at most: flatten the nesting";
    let site = site();
    site.write("content/wiki/page.md", format!("---\n{}---\n\nText.\n", nested_list(63)));
    assert_eq!(site.build().problems(), Vec::<String>::new());
    // One level more: the 64th `- ` is on line 67, after 63 indentations of two spaces.
    assert_eq!(
        front_matter_fails(&nested_list(64)),
        one_error("67:127", "invalid front matter: values nested too deeply (more than 64 levels)", HINT)
    );
    let brackets = format!("title: Deep\nextra: {}{}\n", "[".repeat(300), "]".repeat(300));
    assert_eq!(
        front_matter_fails(&brackets),
        one_error("3:263", "invalid front matter: values nested too deeply", HINT)
    );
}

#[test]
fn settings_and_author_files_that_are_not_utf8_or_leave_the_root_are_errors_at_their_place() {
    let site = site();
    site.write("site.yaml", b"title: Caf\xe9\nbase_url: https://intranet.example.org/\n");
    assert_eq!(
        site.build_fails(),
        "error: site.yaml:1:11: this file is not valid UTF-8\n  \
         = help: save the file as UTF-8 in your editor\n\
         error: found 1 error in 1 file\n"
    );
    site.write(
        "site.yaml",
        "title: A\nbase_url: https://intranet.example.org/\ncontent_dir:  ../elsewhere\n",
    );
    assert_eq!(
        site.build_fails(),
        "error: site.yaml:3:15: `content_dir: ../elsewhere` leaves the site root\n  \
         = help: name a folder inside the site root, such as `content` or `.` for the root itself\n\
         error: found 1 error in 1 file\n"
    );
    site.write("site.yaml", "title: A\nbase_url: https://intranet.example.org/\n");
    site.write("authors/renee.yaml", b"name: Ren\xe9e\n");
    site.write("content/wiki/page.md", "---\ntitle: Page\n---\n\nText.\n");
    assert_eq!(
        without_notes(&site.build_fails()),
        "error: authors/renee.yaml:1:10: this file is not valid UTF-8\n  \
         = help: save the file as UTF-8 in your editor\n\
         error: found 1 error in 1 file\n"
    );
}
