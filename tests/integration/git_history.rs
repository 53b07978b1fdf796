//! Dates and people from git: repositories with known histories, and what their pages show.

use std::path::Path;
use std::process::Command;

use crate::support::SiteTest;

/// Runs git in `root` as `who` at `when`, with no configuration from this machine.
pub(crate) fn git(root: &Path, who: (&str, &str), when: &str, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(root)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", who.0)
        .env("GIT_AUTHOR_EMAIL", who.1)
        .env("GIT_AUTHOR_DATE", when)
        .env("GIT_COMMITTER_NAME", who.0)
        .env("GIT_COMMITTER_EMAIL", who.1)
        .env("GIT_COMMITTER_DATE", when)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed");
}

const AN_OLD: (&str, &str) = ("An Peeters", "an@old.example.org");
const AN_NEW: (&str, &str) = ("An Peeters", "an.peeters@example.org");
const BRAM: (&str, &str) = ("Bram Maes", "bram@example.org");
const GUEST: (&str, &str) = ("Gast Schrijver", "guest@elsewhere.example");

/// A site whose pages name no dates and no authors: git must supply both.
fn site_with_history() -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: History\nbase_url: https://intranet.example.org/\n");
    site.write(
        "authors/an-peeters.yaml",
        "name: An Peeters\nemails: [an@old.example.org, an.peeters@example.org]\n",
    );
    site.write("authors/bram-maes.yaml", "name: Bram Maes\nemail: bram@example.org\n");
    let root = site.root();
    git(root, AN_OLD, "2024-01-01T10:00:00+00:00", &["init", "-q", "-b", "main"]);
    site.write("content/wiki/setup.md", "---\ntitle: Setup\n---\n\nFirst version.\n");
    site.write("content/wiki/hiërarchie en structuur.md", "---\ntitle: Hiërarchie\n---\n\nOver lagen.\n");
    site.write("content/questions/where/index.md", "---\ntitle: Where?\n---\n\nWhere do I start?\n");
    git(root, AN_OLD, "2024-01-01T10:00:00+00:00", &["add", "-A"]);
    git(root, AN_OLD, "2024-01-01T10:00:00+00:00", &["commit", "-q", "-m", "First pages"]);
    site.write("content/wiki/setup.md", "---\ntitle: Setup\n---\n\nSecond version, by Bram.\n");
    site.write("content/questions/where/answers/bram.md", "Start with [[setup]].\n");
    git(root, BRAM, "2024-03-05T09:00:00+00:00", &["add", "-A"]);
    git(root, BRAM, "2024-03-05T09:00:00+00:00", &["commit", "-q", "-m", "Edit setup, answer"]);
    // A rename: the page keeps its creation date and everyone who wrote it.
    git(
        root,
        AN_NEW,
        "2024-06-10T12:00:00+00:00",
        &["mv", "content/wiki/setup.md", "content/wiki/getting-started.md"],
    );
    git(root, AN_NEW, "2024-06-10T12:00:00+00:00", &["commit", "-q", "-m", "Rename"]);
    // A side branch by a guest, merged by Bram: the merge itself is no contribution.
    git(root, GUEST, "2024-07-01T08:00:00+00:00", &["checkout", "-q", "-b", "guest"]);
    site.write(
        "content/wiki/hiërarchie en structuur.md",
        "---\ntitle: Hiërarchie\n---\n\nOver lagen, en meer.\n",
    );
    git(root, GUEST, "2024-07-01T08:00:00+00:00", &["commit", "-q", "-am", "Guest edit"]);
    git(root, BRAM, "2024-07-02T08:00:00+00:00", &["checkout", "-q", "main"]);
    site.write("content/questions/where/index.md", "---\ntitle: Where?\n---\n\nWhere do I start, really?\n");
    git(root, BRAM, "2024-07-02T08:00:00+00:00", &["commit", "-q", "-am", "Sharpen the question"]);
    git(root, BRAM, "2024-07-03T08:00:00+00:00", &["merge", "-q", "--no-ff", "-m", "Merge guest", "guest"]);
    site
}

#[test]
fn pages_take_their_dates_and_people_from_git() {
    let site = site_with_history();
    let built = site.build();
    assert_eq!(built.problems(), Vec::<String>::new());
    built
        .page("wiki/getting-started/")
        .contains("<time datetime=\"2024-01-01T10:00:00+00:00\">1 January 2024</time>")
        .contains("<time datetime=\"2024-06-10T12:00:00+00:00\">10 June 2024</time>")
        // An with two addresses is one person; Bram edited before the rename.
        .contains_in_order(&[
            "class=\"page-contributors\"",
            "<a class=\"person-name\" href=\"/authors/an-peeters/\">An Peeters</a>",
            "<a class=\"person-name\" href=\"/authors/bram-maes/\">Bram Maes</a>",
        ])
        .lacks("Gast Schrijver");
}

#[test]
fn people_outside_the_registry_appear_by_name_without_a_link() {
    let built = site_with_history().build();
    built
        .page("wiki/hierarchie-en-structuur/")
        .contains("<time datetime=\"2024-07-01T08:00:00+00:00\">1 July 2024</time>")
        .contains("<span class=\"person-name\">Gast Schrijver</span>")
        .lacks("href=\"/authors/gast");
}

#[test]
fn the_merge_commit_is_no_contribution() {
    let built = site_with_history().build();
    // Bram merged the guest's branch; on the guest's page he is no contributor.
    let page = built.page("wiki/hierarchie-en-structuur/");
    let contributors = page.text.split("class=\"page-contributors\"").nth(1).expect("a contributor list");
    let contributors = contributors.split("</ul>").next().unwrap_or_default();
    assert!(!contributors.contains("Bram Maes"), "{contributors}");
}

#[test]
fn answers_take_their_date_and_author_from_git() {
    let built = site_with_history().build();
    built.page("questions/where/").contains_in_order(&[
        "id=\"answer-bram\"",
        "<a class=\"person-name\" href=\"/authors/bram-maes/\">Bram Maes</a>",
        "<time datetime=\"2024-03-05T09:00:00+00:00\">5 March 2024</time>",
        "64 days later",
    ]);
    // Bram answered, and edited the setup page (titled "Setup", renamed since).
    built.page("authors/bram-maes/").contains("Answer to “Where?”").contains("/wiki/getting-started/");
}

#[test]
fn front_matter_wins_over_git() {
    let site = site_with_history();
    site.write(
        "content/wiki/getting-started.md",
        "---\ntitle: Setup\ndate: 2020-02-02\nauthors: [bram-maes]\n---\n\nSecond version, by Bram.\n",
    );
    git(site.root(), BRAM, "2024-08-01T08:00:00+00:00", &["commit", "-q", "-am", "Dates by hand"]);
    let built = site.build();
    built
        .page("wiki/getting-started/")
        .contains("<time datetime=\"2020-02-02\">2 February 2020</time>")
        .contains_in_order(&["class=\"people people-byline", "Bram Maes"]);
}

#[test]
fn a_file_not_yet_committed_is_dated_now_and_credited_to_the_configured_user() {
    let site = site_with_history();
    git(site.root(), AN_NEW, "2024-08-01T08:00:00+00:00", &["config", "user.name", "An Peeters"]);
    git(
        site.root(),
        AN_NEW,
        "2024-08-01T08:00:00+00:00",
        &["config", "user.email", "an.peeters@example.org"],
    );
    site.write("content/wiki/new.md", "---\ntitle: New\n---\n\nNot committed yet.\n");
    let built = site.build();
    let today = jiff::Zoned::now().with_time_zone(jiff::tz::TimeZone::UTC).date().to_string();
    built
        .page("wiki/new/")
        .contains(&format!("<time datetime=\"{today}T"))
        .contains("<a class=\"person-name\" href=\"/authors/an-peeters/\">An Peeters</a>");
}

#[test]
fn a_shallow_clone_is_a_warning_that_says_what_to_do() {
    let site = site_with_history();
    let (_clone_parent, clone) = shallow_clone(&site);
    let copy = SiteTest::at(&clone);
    let built = copy.build();
    assert_eq!(
        built.problems(),
        [
            "warning: this is a shallow clone: creation dates and contributors come only from the commits it has\n  \
          = help: run `git fetch --unshallow` first (in CI: clone with full depth), or set \
          `git: { shallow_warning: false }` in site.yaml"
        ]
    );
    let silenced =
        "title: History\nbase_url: https://intranet.example.org/\ngit: { shallow_warning: false }\n";
    std::fs::write(clone.join("site.yaml"), silenced).unwrap();
    assert_eq!(copy.build().problems(), Vec::<String>::new());
}

#[test]
fn outside_a_repository_one_info_line_says_where_dates_come_from() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Plain\nbase_url: https://intranet.example.org/\n");
    site.write("content/wiki/a.md", "---\ntitle: A\n---\n\nText.\n");
    let built = site.build();
    assert_eq!(
        built.report.notes.iter().map(|n| n.to_string()).collect::<Vec<_>>(),
        [
            "info: not a git repository: dates come from front matter and file times, authors from front matter"
        ]
    );
    assert!(built.report.warnings.is_empty());
}

#[test]
fn without_git_installed_the_history_is_still_read() {
    // kennis reads the repository itself: a machine with a checkout but no git program (a
    // minimal CI image) still gets dates and people.
    let site = site_with_history();
    let out = tempfile::tempdir().unwrap();
    let empty_path = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_kennis"))
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(out.path().join("public"))
        .env("PATH", empty_path.path())
        .output()
        .expect("kennis runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr.lines().filter(|line| line.starts_with("info:")).count(), 0, "{stderr}");
    let page = std::fs::read_to_string(out.path().join("public/wiki/getting-started/index.html")).unwrap();
    assert!(page.contains("<time datetime=\"2024-01-01T10:00:00+00:00\">1 January 2024</time>"), "{page}");
    assert!(page.contains("Bram Maes"), "{page}");
}

#[test]
fn with_history_off_no_git_is_read_and_nothing_is_said_about_it() {
    let site = site_with_history();
    site.write(
        "site.yaml",
        "title: History\nbase_url: https://intranet.example.org/\ngit: { history: false }\n",
    );
    site.write(
        "content/wiki/dated.md",
        "---\ntitle: Dated\ndate: 2021-05-06\nupdated: 2022-07-08\nauthors: [an-peeters]\n---\n\nBy hand.\n",
    );
    git(site.root(), BRAM, "2024-08-01T08:00:00+00:00", &["add", "-A"]);
    git(site.root(), BRAM, "2024-08-01T08:00:00+00:00", &["commit", "-q", "-m", "Dated page"]);
    let built = site.build();
    assert!(built.report.notes.is_empty(), "{:?}", built.report.notes);
    assert!(built.report.warnings.is_empty(), "{:?}", built.warnings());
    built
        .page("wiki/dated/")
        .contains("<time datetime=\"2021-05-06\">6 May 2021</time>")
        .contains("<time datetime=\"2022-07-08\">8 July 2022</time>")
        .contains_in_order(&["class=\"people people-byline", "An Peeters"])
        .lacks("Bram Maes")
        .lacks("class=\"page-contributors\"");
    // A page that gives no date is dated by its file's time, as outside a repository, and
    // nobody from the history is named.
    let file_time =
        std::fs::metadata(site.root().join("content/wiki/getting-started.md")).unwrap().modified();
    let file_day =
        jiff::Timestamp::try_from(file_time.unwrap()).unwrap().to_zoned(jiff::tz::TimeZone::UTC).date();
    built
        .page("wiki/getting-started/")
        .contains(&format!("<time datetime=\"{file_day}T"))
        .lacks("2024-01-01")
        .lacks("2024-06-10")
        .lacks("An Peeters")
        .lacks("Bram Maes");
    built.page("wiki/hierarchie-en-structuur/").lacks("Gast Schrijver");
    built.page("questions/where/").lacks("Bram Maes");
}

#[test]
fn with_history_off_a_shallow_clone_or_no_repository_is_not_mentioned() {
    let site = site_with_history();
    let (_clone_parent, clone) = shallow_clone(&site);
    let off = "title: History\nbase_url: https://intranet.example.org/\ngit:\n  history: false\n";
    std::fs::write(clone.join("site.yaml"), off).unwrap();
    let built = SiteTest::at(&clone).build();
    assert!(built.report.notes.is_empty() && built.report.warnings.is_empty(), "{:?}", built.warnings());

    let plain = SiteTest::empty();
    plain.write("site.yaml", off);
    plain.write("content/wiki/a.md", "---\ntitle: A\n---\n\nText.\n");
    let built = plain.build();
    assert!(built.report.notes.is_empty() && built.report.warnings.is_empty(), "{:?}", built.warnings());
}

#[test]
fn history_must_be_true_or_false() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: T\ngit:\n  history: maybe\n");
    site.write("content/a.md", "---\ntitle: A\n---\n");
    let error = site.build_fails();
    assert!(error.contains("site.yaml:3:12: this value must be `true` or `false`, not `maybe`"), "{error}");
}

/// A repository whose site is its `docs/` folder, with edit and history links.
fn site_in_a_subfolder(site_yaml_extra: &str) -> (SiteTest, std::path::PathBuf) {
    let repository = SiteTest::empty();
    let site_yaml = format!(
        "title: Docs\nbase_url: https://intranet.example.org/\n\
         repo_url: https://git.example.org/team/product\n\
         edit_url: \"{{repo_url}}/-/edit/main/{{path}}\"\n\
         history_url: \"{{repo_url}}/-/commits/main/{{path}}\"\n{site_yaml_extra}"
    );
    repository.write("docs/site.yaml", site_yaml);
    repository.write("docs/authors/an-peeters.yaml", "name: An Peeters\nemail: an.peeters@example.org\n");
    repository.write("docs/content/wiki/meeting notes.md", "---\ntitle: Meeting notes\n---\n\nNotes.\n");
    repository.write("docs/content/questions/where/index.md", "---\ntitle: Where?\n---\n\nWhere?\n");
    repository.write("docs/content/questions/where/answers/an.md", "Here.\n");
    repository.write("src/main.rs", "fn main() {}\n");
    let root = repository.root();
    git(root, AN_NEW, "2024-01-01T10:00:00+00:00", &["init", "-q", "-b", "main"]);
    git(root, AN_NEW, "2024-01-01T10:00:00+00:00", &["add", "-A"]);
    git(root, AN_NEW, "2024-01-01T10:00:00+00:00", &["commit", "-q", "-m", "Docs"]);
    let docs = root.join("docs");
    (repository, docs)
}

#[test]
fn in_a_subfolder_of_its_repository_edit_and_history_links_name_the_path_from_the_repository_root() {
    let (_repository, docs) = site_in_a_subfolder("");
    let built = SiteTest::at(&docs).build();
    built
        .page("wiki/meeting-notes/")
        .contains(
            "href=\"https://git.example.org/team/product/-/edit/main/docs/content/wiki/meeting%20notes.md\"",
        )
        .contains(
            "href=\"https://git.example.org/team/product/-/commits/main/docs/content/wiki/meeting%20notes.md\"",
        );
    built
        .page("questions/where/")
        .contains("href=\"https://git.example.org/team/product/-/edit/main/docs/content/questions/where/index.md\"")
        .contains(
            "href=\"https://git.example.org/team/product/-/edit/main/docs/content/questions/where/answers/an.md\"",
        );
}

#[test]
fn with_history_off_edit_links_keep_the_path_from_the_site_root() {
    let (_repository, docs) = site_in_a_subfolder("git: { history: false }\n");
    let built = SiteTest::at(&docs).build();
    built
        .page("wiki/meeting-notes/")
        .contains("href=\"https://git.example.org/team/product/-/edit/main/content/wiki/meeting%20notes.md\"")
        .lacks("/docs/content/");
}

/// A clone of `site`'s repository with only its newest commit, as CI systems clone; the
/// folder holding it is removed when the first value is dropped.
fn shallow_clone(site: &SiteTest) -> (tempfile::TempDir, std::path::PathBuf) {
    let clone_parent = tempfile::tempdir().unwrap();
    let clone = clone_parent.path().join("clone");
    let source = format!("file://{}", site.root().display());
    git(
        clone_parent.path(),
        BRAM,
        "2024-08-01T08:00:00+00:00",
        &["clone", "-q", "--depth", "1", &source, "clone"],
    );
    (clone_parent, clone)
}

/// A wiki page two people changed: Bram created it, An changed it later, and An's later
/// commit elsewhere does not count for it.
fn page_changed_by_two() -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Last\nbase_url: https://intranet.example.org/\n");
    site.write(
        "authors/an-peeters.yaml",
        "name: An Peeters\nemails: [an@old.example.org, an.peeters@example.org]\n",
    );
    site.write("authors/bram-maes.yaml", "name: Bram Maes\nemail: bram@example.org\n");
    let root = site.root();
    git(root, BRAM, "2024-01-01T10:00:00+00:00", &["init", "-q", "-b", "main"]);
    site.write("content/wiki/leave.md", "---\ntitle: Leave\n---\n\nAsk Bram.\n");
    site.write("content/wiki/sick.md", "---\ntitle: Sick\n---\n\nCall in.\n");
    git(root, BRAM, "2024-01-01T10:00:00+00:00", &["add", "-A"]);
    git(root, BRAM, "2024-01-01T10:00:00+00:00", &["commit", "-q", "-m", "First pages"]);
    site.write("content/wiki/leave.md", "---\ntitle: Leave\n---\n\nAsk your lead.\n");
    git(root, AN_OLD, "2024-03-05T09:00:00+02:00", &["commit", "-q", "-am", "An edits leave"]);
    site.write("content/wiki/sick.md", "---\ntitle: Sick\n---\n\nCall in before nine.\n");
    git(root, GUEST, "2024-04-01T09:00:00+00:00", &["commit", "-q", "-am", "A guest edits sick"]);
    site.write("content/wiki/sick.md", "---\ntitle: Sick\n---\n\nCall in before ten.\n");
    git(root, BRAM, "2024-05-01T09:00:00+00:00", &["commit", "-q", "-am", "Bram edits sick"]);
    site.write("content/wiki/sick.md", "---\ntitle: Sick\n---\n\nCall in before nine.\n");
    git(root, GUEST, "2024-06-01T09:00:00+00:00", &["commit", "-q", "-am", "The guest again"]);
    site
}

#[test]
fn of_two_people_who_changed_a_wiki_page_the_later_one_is_named_as_its_last_updater() {
    let built = page_changed_by_two().build();
    assert_eq!(built.problems(), Vec::<String>::new());
    // Bram created it and is listed first among the contributors; An changed it last.
    built.page("wiki/leave/").contains_in_order(&[
        "<h1 class=\"page-title\">Leave</h1>",
        "<span class=\"meta-item meta-updated-by\">Last updated by <a href=\"/authors/an-peeters/\">An Peeters</a> \
         on <time datetime=\"2024-03-05T09:00:00+02:00\">5 March 2024</time></span>",
        "<div class=\"page-body\">",
        "class=\"page-contributors\"",
        "Bram Maes",
        "An Peeters",
    ]);
    // Someone outside authors/ who changed it last is named, without a link.
    built
        .page("wiki/sick/")
        .contains(
            "<span class=\"meta-item meta-updated-by\">Last updated by Gast Schrijver on \
             <time datetime=\"2024-06-01T09:00:00+00:00\">1 June 2024</time></span>",
        )
        .lacks("Last updated by <a href=\"/authors/bram-maes/\"");
}

#[test]
fn the_last_updater_is_a_person_of_the_site_by_any_of_their_addresses_or_by_name() {
    let site = page_changed_by_two();
    // An's newer address; the guest is named in front matter, so `unknown_authors: name`
    // makes the git contributor of that name that person.
    site.write("site.yaml", "title: Last\nbase_url: https://intranet.example.org/\nunknown_authors: name\n");
    site.write("content/wiki/leave.md", "---\ntitle: Leave\n---\n\nAsk your lead, or HR.\n");
    git(site.root(), AN_NEW, "2024-07-01T09:00:00+00:00", &["commit", "-q", "-am", "An again"]);
    site.write(
        "content/posts/hello.md",
        "---\ntitle: Hello\nauthors: [Gast Schrijver]\ndate: 2024-01-02\n---\n\nHi.\n",
    );
    let built = site.build();
    built.page("wiki/leave/").contains(
        "Last updated by <a href=\"/authors/an-peeters/\">An Peeters</a> on \
         <time datetime=\"2024-07-01T09:00:00+00:00\">1 July 2024</time>",
    );
    built.page("wiki/sick/").contains("Last updated by Gast Schrijver on");
}

#[test]
fn front_matter_dates_and_history_off_name_the_last_updater_only_when_certain() {
    let site = page_changed_by_two();
    // A date by hand: git's last committer need not be who made that change.
    site.write("content/wiki/leave.md", "---\ntitle: Leave\nupdated: 2024-09-09\n---\n\nAsk your lead.\n");
    git(site.root(), BRAM, "2024-08-01T08:00:00+00:00", &["commit", "-q", "-am", "Dated by hand"]);
    let built = site.build();
    built.page("wiki/leave/").contains("<time datetime=\"2024-09-09\">").lacks("Last updated by");
    // Without the history: front matter's one author and `updated:`, or nothing.
    site.write(
        "site.yaml",
        "title: Last\nbase_url: https://intranet.example.org/\ngit: { history: false }\n",
    );
    site.write(
        "content/wiki/leave.md",
        "---\ntitle: Leave\nauthors: [bram-maes]\ndate: 2024-01-01\nupdated: 2024-09-09\n---\n\nAsk your lead.\n",
    );
    let built = site.build();
    built.page("wiki/leave/").contains(
        "Last updated by <a href=\"/authors/bram-maes/\">Bram Maes</a> on <time datetime=\"2024-09-09\">",
    );
    built.page("wiki/sick/").lacks("Last updated by").lacks("An Peeters").lacks("Gast Schrijver");
}
