//! Repositories with known histories, built in temporary folders, read back through the public API.

use std::path::{Path, PathBuf};
use std::process::Command;

use jiff::Timestamp;

use super::*;

type Person = (&'static str, &'static str);

const ANN: Person = ("Ann de Vries", "ann@example.org");
const BOB: Person = ("Bob Jansen", "Bob.Jansen@Example.ORG");
const CAS: Person = ("Cas Peeters", "cas@example.org");
const DAN: Person = ("Dan Smit", "dan@example.org");
const MERGER: Person = ("Mia Merger", "mia@example.org");

/// A git repository in a temporary folder, isolated from the machine's git configuration.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo { dir: tempfile::tempdir().unwrap() };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.root().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn git(&self, args: &[&str]) -> String {
        git_in(self.root(), args, None)
    }

    /// Commits everything in the work tree as `who`, at `date` (RFC 3339).
    fn commit(&self, who: Person, date: &str, message: &str) {
        self.git(&["add", "-A"]);
        git_in(self.root(), &["commit", "-q", "-m", message], Some((who, date)));
    }

    fn read(&self, content_dir: &str) -> GitHistory {
        read_history(self.root(), content_dir).unwrap()
    }
}

/// Runs git in `dir`, as `author` at a date when given, and returns what it printed.
fn git_in(dir: &Path, args: &[&str], author: Option<(Person, &str)>) -> String {
    let mut command = Command::new("git");
    command.current_dir(dir).args(args);
    command.env("GIT_CONFIG_GLOBAL", "/dev/null").env("GIT_CONFIG_NOSYSTEM", "1");
    for variable in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"] {
        command.env_remove(variable);
    }
    let ((name, email), date) =
        author.unwrap_or((("Test Setup", "setup@example.org"), "2020-01-01T00:00:00Z"));
    for role in ["AUTHOR", "COMMITTER"] {
        command.env(format!("GIT_{role}_NAME"), name);
        command.env(format!("GIT_{role}_EMAIL"), email);
        command.env(format!("GIT_{role}_DATE"), date);
    }
    let output = command.output().unwrap();
    assert!(output.status.success(), "git {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn time(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn person((name, email): Person) -> Contributor {
    Contributor { name: name.to_owned(), email: email.to_lowercase() }
}

fn people(history: &FileHistory) -> Vec<&str> {
    history.contributors.iter().map(|contributor| contributor.name.as_str()).collect()
}

#[test]
fn several_authors_on_one_file_are_listed_in_order_of_first_contribution() {
    let repo = Repo::new();
    repo.write("content/posts/a.md", "one");
    repo.commit(ANN, "2024-01-10T09:00:00+01:00", "add a");
    repo.write("content/posts/a.md", "two");
    repo.commit(BOB, "2024-02-01T10:00:00Z", "edit a");
    repo.write("content/posts/a.md", "three");
    repo.commit(ANN, "2024-03-01T10:00:00Z", "edit a again");
    repo.write("content/posts/a.md", "four");
    repo.commit(CAS, "2024-04-01T12:30:00+02:00", "edit a once more");

    let history = repo.read("content");
    let a = history.file("content/posts/a.md").unwrap();
    assert_eq!(a.created, time("2024-01-10T08:00:00Z"));
    assert_eq!(a.updated, time("2024-04-01T10:30:00Z"));
    assert_eq!(a.contributors, [person(ANN), person(BOB), person(CAS)]);
    assert_eq!(a.contributors[1].email, "bob.jansen@example.org");
    assert_eq!((a.commits, a.uncommitted), (4, false));
    assert_eq!(history.len(), 1);
    assert!(!history.shallow);
}

#[test]
fn an_author_with_two_addresses_is_two_contributors() {
    let repo = Repo::new();
    repo.write("content/wiki/setup.md", "one");
    repo.commit(("Ann de Vries", "ann@oldcorp.example"), "2023-06-01T09:00:00Z", "add setup");
    repo.write("content/wiki/setup.md", "two");
    repo.commit(ANN, "2024-06-01T09:00:00Z", "edit setup");

    let history = repo.read("content");
    let setup = history.file("content/wiki/setup.md").unwrap();
    let emails: Vec<&str> = setup.contributors.iter().map(|person| person.email.as_str()).collect();
    assert_eq!(emails, ["ann@oldcorp.example", "ann@example.org"]);
    assert_eq!(people(setup), ["Ann de Vries", "Ann de Vries"]);
}

#[test]
fn a_renamed_page_keeps_its_creation_date_and_earlier_contributors() {
    let repo = Repo::new();
    let text = "A page long enough for git to recognise it after a small edit.\n".repeat(10);
    repo.write("content/wiki/old-name.md", &text);
    repo.commit(ANN, "2024-01-01T09:00:00Z", "add");
    repo.write("content/wiki/old-name.md", &format!("{text}More.\n"));
    repo.commit(BOB, "2024-02-01T09:00:00Z", "edit");
    repo.git(&["mv", "content/wiki/old-name.md", "content/wiki/new-name.md"]);
    repo.write("content/wiki/new-name.md", &format!("{text}More, and renamed.\n"));
    repo.commit(CAS, "2024-03-01T09:00:00Z", "rename");
    repo.write("content/wiki/new-name.md", &format!("{text}More, renamed and edited.\n"));
    repo.commit(DAN, "2024-04-01T09:00:00Z", "edit after the rename");

    let history = repo.read("content");
    let page = history.file("content/wiki/new-name.md").unwrap();
    assert_eq!(page.created, time("2024-01-01T09:00:00Z"));
    assert_eq!(page.updated, time("2024-04-01T09:00:00Z"));
    assert_eq!(people(page), ["Ann de Vries", "Bob Jansen", "Cas Peeters", "Dan Smit"]);
    assert_eq!(page.commits, 4);
    assert!(history.file("content/wiki/old-name.md").is_none());
    assert_eq!(history.len(), 1);
}

#[test]
fn non_ascii_and_space_containing_names_are_read_as_written() {
    let repo = Repo::new();
    let name = "content/wiki/hiërarchie en structuur.md";
    repo.write(name, "één");
    repo.commit(("Zoë Ångström", "zoe@example.org"), "2024-05-01T09:00:00Z", "add");
    repo.write(name, "twee");
    repo.commit(BOB, "2024-05-02T09:00:00Z", "edit");

    let history = repo.read("content");
    let page = history.file(name).unwrap();
    assert_eq!(people(page), ["Zoë Ångström", "Bob Jansen"]);
    assert_eq!(page.created, time("2024-05-01T09:00:00Z"));
}

#[test]
fn the_author_of_a_merge_commit_is_no_contributor() {
    let repo = Repo::new();
    repo.write("content/a.md", "a");
    repo.commit(ANN, "2024-01-01T09:00:00Z", "add a");
    repo.git(&["checkout", "-q", "-b", "side"]);
    repo.write("content/b.md", "b");
    repo.commit(BOB, "2024-01-02T09:00:00Z", "add b on a branch");
    repo.git(&["checkout", "-q", "main"]);
    repo.write("content/a.md", "a, edited");
    repo.commit(CAS, "2024-01-03T09:00:00Z", "edit a");
    git_in(
        repo.root(),
        &["merge", "-q", "--no-ff", "-m", "merge side", "side"],
        Some((MERGER, "2024-01-04T09:00:00Z")),
    );
    assert!(repo.git(&["log", "--merges", "--format=%an"]).contains("Mia Merger"));

    let history = repo.read("content");
    let a = history.file("content/a.md").unwrap();
    let b = history.file("content/b.md").unwrap();
    assert_eq!(people(a), ["Ann de Vries", "Cas Peeters"]);
    assert_eq!(people(b), ["Bob Jansen"]);
    assert_eq!(b.updated, time("2024-01-02T09:00:00Z"));
    assert_eq!((a.commits, b.commits), (2, 1));
}

#[test]
fn a_shallow_clone_says_so_and_dates_from_its_shallow_history() {
    let origin = Repo::new();
    origin.write("content/a.md", "one");
    origin.commit(ANN, "2024-01-01T09:00:00Z", "add a");
    origin.write("content/a.md", "two");
    origin.commit(BOB, "2024-02-01T09:00:00Z", "edit a");
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.root().display());
    git_in(clones.path(), &["clone", "-q", "--depth", "1", &url, "clone"], None);

    let history = read_history(&clones.path().join("clone"), "content").unwrap();
    assert!(history.shallow);
    let a = history.file("content/a.md").unwrap();
    assert_eq!((a.created, people(a)), (time("2024-02-01T09:00:00Z"), vec!["Bob Jansen"]));
    assert!(!origin.read("content").shallow);
}

#[test]
fn a_site_in_a_subfolder_of_the_repository_has_paths_from_its_own_root() {
    let repo = Repo::new();
    repo.write("docs site/content/posts/a.md", "a");
    repo.write("docs site/authors/ann.yaml", "name: Ann");
    repo.write("content/posts/outside-the-site.md", "not the site's");
    repo.commit(ANN, "2024-01-01T09:00:00Z", "add");
    repo.write("docs site/content/posts/untracked.md", "new");

    let history = read_history(&repo.root().join("docs site"), "content").unwrap();
    assert!(history.file("content/posts/a.md").is_some_and(|a| !a.uncommitted));
    assert!(history.file("content/posts/untracked.md").is_some_and(|new| new.uncommitted));
    assert_eq!(history.len(), 2);
}

#[test]
fn only_files_below_the_content_folder_are_read_and_dot_means_the_whole_site() {
    let repo = Repo::new();
    repo.write("content/a.md", "a");
    repo.write("authors/ann.yaml", "name: Ann");
    repo.write("site.yaml", "title: Test");
    repo.write("content-old/b.md", "a folder whose name starts like the content folder's");
    repo.write("content.md", "a file whose name starts like the content folder's");
    repo.commit(ANN, "2024-01-01T09:00:00Z", "add");

    for content_dir in ["content", "./content/"] {
        let content = repo.read(content_dir);
        assert_eq!((content.len(), content.file("content/a.md").is_some()), (1, true), "{content_dir}");
    }
    let everything = repo.read(".");
    assert_eq!((everything.len(), everything.file("content-old/b.md").is_some()), (5, true));
}

#[test]
fn deleted_files_are_gone_and_a_re_created_file_starts_again() {
    let repo = Repo::new();
    repo.write("content/gone.md", "soon gone");
    repo.write("content/again.md", "first life");
    repo.commit(ANN, "2024-01-01T09:00:00Z", "add");
    std::fs::remove_file(repo.root().join("content/gone.md")).unwrap();
    std::fs::remove_file(repo.root().join("content/again.md")).unwrap();
    repo.commit(BOB, "2024-02-01T09:00:00Z", "delete");
    repo.write("content/again.md", "second life");
    repo.commit(CAS, "2024-03-01T09:00:00Z", "add again");

    let history = repo.read("content");
    assert!(history.file("content/gone.md").is_none());
    let again = history.file("content/again.md").unwrap();
    assert_eq!((again.created, people(again)), (time("2024-03-01T09:00:00Z"), vec!["Cas Peeters"]));
    assert_eq!(history.len(), 1);
}

#[test]
fn new_files_are_uncommitted_and_by_the_configured_user() {
    let repo = Repo::new();
    repo.git(&["config", "user.name", "Zoë Writer"]);
    repo.git(&["config", "user.email", "Zoe@Example.org"]);
    repo.write("content/a.md", "a");
    repo.commit(ANN, "2024-01-01T09:00:00Z", "add");
    repo.write("content/a.md", "a, edited but not committed");
    repo.write("content/new folder/untracked.md", "new");
    repo.write("content/staged.md", "staged");
    repo.git(&["add", "content/staged.md"]);

    let history = repo.read("content");
    let zoe = Contributor { name: "Zoë Writer".into(), email: "zoe@example.org".into() };
    assert_eq!(history.user.as_ref(), Some(&zoe));
    for path in ["content/new folder/untracked.md", "content/staged.md"] {
        let new = history.file(path).unwrap();
        assert!(new.uncommitted, "{path}");
        assert_eq!((new.contributors.as_slice(), new.commits), (std::slice::from_ref(&zoe), 0));
        // The file's own time, not the build's, so that two builds write the same dates.
        let modified = std::fs::metadata(repo.root().join(path)).unwrap().modified().unwrap();
        assert_eq!((new.created, new.updated), (Timestamp::try_from(modified).unwrap(), new.created));
    }
    let a = history.file("content/a.md").unwrap();
    assert_eq!((a.uncommitted, people(a)), (false, vec!["Ann de Vries"]));
}

#[test]
fn a_repository_without_commits_has_only_uncommitted_files() {
    let repo = Repo::new();
    repo.write("content/first.md", "first");
    let history = repo.read("content");
    assert!(history.file("content/first.md").is_some_and(|first| first.uncommitted));
    assert_eq!(history.len(), 1);
}

#[test]
fn a_folder_outside_any_repository_is_not_a_repository() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    assert!(matches!(read_history(dir.path(), "content"), Err(NoHistory::NotARepository)));
    let mut history = GitHistory::default();
    let refreshed = history.refresh(dir.path(), &["content/a.md".to_owned()]);
    assert!(matches!(refreshed, Err(GitError::NotARepository(path)) if path == dir.path()));
}

#[test]
fn a_missing_site_root_is_a_failure_that_says_why() {
    let missing: PathBuf = tempfile::tempdir().unwrap().path().join("no such site");
    match read_history(&missing, "content") {
        Err(NoHistory::Failed(message)) => assert!(message.contains("no such site"), "{message}"),
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[test]
fn refresh_re_reads_the_files_it_is_given() {
    let repo = Repo::new();
    let text = "A page long enough for git to recognise it after a rename.\n".repeat(10);
    repo.write("content/a.md", "a");
    repo.write("content/b.md", &text);
    repo.commit(ANN, "2024-01-01T09:00:00Z", "add");
    let mut history = repo.read("content");

    repo.write("content/a.md", "a, edited");
    repo.write("content/b.md", &format!("{text}Edited, but not refreshed.\n"));
    repo.commit(BOB, "2024-02-01T09:00:00Z", "edit");
    assert_eq!(people(history.file("content/a.md").unwrap()), ["Ann de Vries"]);
    history.refresh(repo.root(), &["content/a.md".to_owned()]).unwrap();
    let a = history.file("content/a.md").unwrap();
    assert_eq!((a.updated, people(a)), (time("2024-02-01T09:00:00Z"), vec!["Ann de Vries", "Bob Jansen"]));
    assert_eq!(history.file("content/b.md").unwrap().updated, time("2024-01-01T09:00:00Z"));

    // Two renames: the second refresh finds the first name through the entry's former paths.
    for (step, (from, to)) in
        [("content/b.md", "content/c.md"), ("content/c.md", "content/d.md")].into_iter().enumerate()
    {
        repo.git(&["mv", from, to]);
        repo.commit(CAS, &format!("2024-03-0{}T09:00:00Z", step + 1), "rename");
        history.refresh(repo.root(), &[from.to_owned(), to.to_owned()]).unwrap();
        assert!(history.file(from).is_none());
        let renamed = history.file(to).unwrap();
        assert_eq!(renamed.created, time("2024-01-01T09:00:00Z"), "{to}");
        assert_eq!(people(renamed), ["Ann de Vries", "Bob Jansen", "Cas Peeters"]);
    }
    assert_eq!(history.len(), 2);

    // A new file becomes committed; a deleted one loses its entry.
    repo.write("content/new.md", "new");
    history.refresh(repo.root(), &["content/new.md".to_owned()]).unwrap();
    assert!(history.file("content/new.md").unwrap().uncommitted);
    std::fs::remove_file(repo.root().join("content/a.md")).unwrap();
    repo.commit(DAN, "2024-04-01T09:00:00Z", "add new, delete a");
    history.refresh(repo.root(), &["content/new.md".to_owned(), "content/a.md".to_owned()]).unwrap();
    let new = history.file("content/new.md").unwrap();
    assert_eq!((new.uncommitted, people(new)), (false, vec!["Dan Smit"]));
    assert!(history.file("content/a.md").is_none());
    assert_eq!(history.len(), 2);
}

/// `count` distinct lines, `changed` of them (from the end) replaced by other text.
fn lines_with(count: usize, changed: usize, word: &str) -> String {
    (0..count)
        .map(|line| {
            if line >= count - changed {
                format!("{word} {line} is new\n")
            } else {
                format!("line {line} stays\n")
            }
        })
        .collect()
}

/// `(created, updated, commits)` of a file as `git log --follow` reports it.
fn git_follow(repo: &Repo, path: &str) -> (Timestamp, Timestamp, usize) {
    let log = repo.git(&["log", "--follow", "-M", "--no-merges", "--format=%at", "--", path]);
    let seconds: Vec<i64> = log.lines().map(|line| line.parse().unwrap()).collect();
    let at = |second: i64| Timestamp::from_second(second).unwrap();
    (at(*seconds.last().unwrap()), at(seconds[0]), seconds.len())
}

#[test]
fn renames_are_the_ones_git_log_follow_shows() {
    let repo = Repo::new();
    repo.write("content/wiki/moved.md", &lines_with(40, 0, ""));
    repo.write("content/wiki/rewritten.md", &lines_with(40, 0, ""));
    repo.write("content/wiki/kept.md", "stays\n");
    repo.commit(ANN, "2024-01-01T09:00:00Z", "add");
    // 16 of 40 lines replaced: still more than half the same, so a rename to git.
    std::fs::remove_file(repo.root().join("content/wiki/moved.md")).unwrap();
    repo.write("content/posts/moved.md", &lines_with(40, 16, "edited"));
    // 30 of 40 lines replaced under a new name: a new file to git.
    std::fs::remove_file(repo.root().join("content/wiki/rewritten.md")).unwrap();
    repo.write("content/wiki/rewritten-again.md", &lines_with(40, 30, "rewritten"));
    repo.commit(BOB, "2024-02-01T09:00:00Z", "move and rewrite");
    repo.write("content/posts/moved.md", &lines_with(40, 17, "edited"));
    repo.commit(CAS, "2024-03-01T09:00:00Z", "edit");

    let history = repo.read("content");
    let moved = history.file("content/posts/moved.md").unwrap();
    assert_eq!(moved.created, time("2024-01-01T09:00:00Z"));
    assert_eq!(people(moved), ["Ann de Vries", "Bob Jansen", "Cas Peeters"]);
    let rewritten = history.file("content/wiki/rewritten-again.md").unwrap();
    assert_eq!(rewritten.created, time("2024-02-01T09:00:00Z"));
    for path in ["content/posts/moved.md", "content/wiki/rewritten-again.md", "content/wiki/kept.md"] {
        let file = history.file(path).unwrap();
        assert_eq!((file.created, file.updated, file.commits), git_follow(&repo, path), "{path}");
    }
}

#[test]
fn mailmap_names_people_as_git_log_does() {
    let repo = Repo::new();
    repo.write(".mailmap", "Ann de Vries <ann@example.org> <ann@oldcorp.example>\n");
    repo.write("content/posts/a.md", "one");
    repo.commit(("ann", "ann@oldcorp.example"), "2024-01-01T09:00:00Z", "add");
    repo.write("content/posts/a.md", "two");
    repo.commit(ANN, "2024-01-02T09:00:00Z", "edit");

    let page = repo.read("content").file("content/posts/a.md").cloned().unwrap();
    assert_eq!(page.contributors, [person(ANN)]);
}

#[test]
fn a_large_history_in_several_packs_and_loose_objects_reads_whole() {
    // More commits than one unit of work, so that several workers each read a run of them;
    // written by two `git fast-import`s (a process per commit would take seconds), each of
    // which writes a pack whose deltas run from old to new, then one commit of loose objects.
    let repo = Repo::new();
    for (half, commits) in [(0, 0..600), (1, 600..1200)] {
        let mut stream = String::new();
        for commit in commits {
            let (path, text) = (format!("content/posts/p{}.md", commit % 40), format!("version {commit}\n"));
            let time = 1_700_000_000 + commit * 60;
            stream += &format!(
                "commit refs/heads/main\ncommitter Ann <ann@example.org> {time} +0000\ndata 4\nedit\n"
            );
            if half == 1 && commit == 600 {
                stream += "from refs/heads/main^0\n";
            }
            stream += &format!("M 100644 inline {path}\ndata {}\n{text}\n", text.len());
        }
        let mut import = Command::new("git")
            .current_dir(repo.root())
            .args(["fast-import", "--quiet"])
            .stdin(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(import.stdin.as_mut().unwrap(), stream.as_bytes()).unwrap();
        assert!(import.wait().unwrap().success());
    }
    repo.git(&["reset", "-q", "--hard", "main"]);
    repo.write("content/posts/p0.md", "loose\n");
    repo.commit(BOB, "2024-01-01T09:00:00Z", "one more");
    let packs = std::fs::read_dir(repo.root().join(".git/objects/pack")).unwrap();
    assert_eq!(packs.filter(|entry| entry.as_ref().unwrap().path().extension().unwrap() == "idx").count(), 2);

    let history = repo.read("content");
    assert_eq!(history.len(), 40);
    for file in 0..40 {
        let path = format!("content/posts/p{file}.md");
        assert_eq!(history.file(&path).unwrap().commits, if file == 0 { 31 } else { 30 }, "{path}");
    }
    let last = history.file("content/posts/p39.md").unwrap();
    assert_eq!(last.created, Timestamp::from_second(1_700_000_000 + 39 * 60).unwrap());
    assert_eq!(last.updated, Timestamp::from_second(1_700_000_000 + 1199 * 60).unwrap());
    assert_eq!(people(history.file("content/posts/p0.md").unwrap()), ["Ann", "Bob Jansen"]);
}

#[test]
fn a_file_renamed_in_the_index_keeps_its_history_until_committed() {
    let repo = Repo::new();
    let text = "A page long enough for git to recognise it after a rename.\n".repeat(10);
    repo.write("content/wiki/old.md", &text);
    repo.commit(ANN, "2024-01-01T09:00:00Z", "add");
    repo.git(&["mv", "content/wiki/old.md", "content/wiki/new.md"]);
    repo.write("content/wiki/new.md", &format!("{text}Edited while renaming.\n"));
    repo.git(&["add", "content/wiki/new.md"]);

    let history = repo.read("content");
    let page = history.file("content/wiki/new.md").unwrap();
    assert_eq!(
        (page.created, page.uncommitted, people(page)),
        (time("2024-01-01T09:00:00Z"), false, vec!["Ann de Vries"])
    );
    assert!(history.file("content/wiki/old.md").is_none());
    assert_eq!(repo.git(&["status", "--porcelain"]), "R  content/wiki/old.md -> content/wiki/new.md\n");
}

#[test]
fn ignored_files_and_nested_repositories_are_not_new_files_as_in_git_status() {
    let repo = Repo::new();
    repo.write(".gitignore", "*.draft.md\ncontent/private/\n");
    repo.write("content/a.md", "a");
    repo.commit(ANN, "2024-01-01T09:00:00Z", "add");
    repo.write("content/idea.draft.md", "ignored");
    repo.write("content/private/notes.md", "ignored folder");
    repo.git(&["init", "-q", "content/vendor/lib"]);
    repo.write("content/vendor/lib/readme.md", "another repository's file");
    repo.write("content/new.md", "new");
    // Hidden files are never pages, so kennis does not list them (git status does).
    repo.write("content/.cache/page.md", "hidden");

    let history = repo.read("content");
    let mut new: Vec<&str> = [
        "content/idea.draft.md",
        "content/private/notes.md",
        "content/vendor/lib/readme.md",
        "content/.cache/page.md",
        "content/new.md",
    ]
    .into_iter()
    .filter(|path| history.file(path).is_some())
    .collect();
    new.sort_unstable();
    assert_eq!(new, ["content/new.md"]);
    let status = repo.git(&["status", "--porcelain", "--untracked-files=all"]);
    assert_eq!(status, "?? content/.cache/page.md\n?? content/new.md\n?? content/vendor/lib/\n");
}

#[test]
fn a_file_only_a_merge_added_is_committed_not_new() {
    let repo = Repo::new();
    repo.write("content/a.md", "a");
    repo.commit(ANN, "2024-01-01T09:00:00Z", "add");
    repo.git(&["checkout", "-q", "-b", "side"]);
    repo.write("content/b.md", "b");
    repo.commit(BOB, "2024-01-02T09:00:00Z", "side");
    repo.git(&["checkout", "-q", "main"]);
    // The merge itself brings in a file of its own (an "evil merge").
    repo.git(&["merge", "-q", "--no-ff", "--no-commit", "side"]);
    repo.write("content/from-the-merge.md", "merge");
    repo.git(&["add", "-A"]);
    git_in(repo.root(), &["commit", "-q", "-m", "merge"], Some((CAS, "2024-01-03T09:00:00Z")));
    assert_eq!(repo.git(&["status", "--porcelain"]), "");

    let history = repo.read("content");
    // Merges are no contributions, so it has no history, but it is not new either.
    assert!(history.file("content/from-the-merge.md").is_none());
    assert_eq!(people(history.file("content/b.md").unwrap()), ["Bob Jansen"]);
}

#[test]
fn a_root_commit_on_the_empty_tree_that_git_never_stored_is_read() {
    let repo = Repo::new();
    let empty_tree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    let root =
        git_in(repo.root(), &["commit-tree", empty_tree, "-m", "start"], Some((ANN, "2024-01-01T09:00:00Z")));
    repo.git(&["reset", "-q", "--soft", root.trim()]);
    assert!(!repo.root().join(".git/objects/4b/825dc642cb6eb9a060e54bf8d69288fbee4904").exists());
    repo.write("content/a.md", "a");
    repo.commit(BOB, "2024-01-02T09:00:00Z", "add");

    let history = repo.read("content");
    assert_eq!(people(history.file("content/a.md").unwrap()), ["Bob Jansen"]);
}

#[test]
fn a_commit_in_another_encoding_names_its_author_in_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let repo = Repo::new();
    repo.write("content/a.md", "a");
    repo.git(&["add", "-A"]);
    // "José" in ISO-8859-1, as an old client with `i18n.commitEncoding` writes it.
    let latin1 = std::ffi::OsStr::from_bytes(b"Jos\xe9");
    let status = Command::new("git")
        .current_dir(repo.root())
        .args(["-c", "i18n.commitEncoding=ISO-8859-1", "commit", "-q", "-m", "add"])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", latin1)
        .env("GIT_AUTHOR_EMAIL", "jose@example.org")
        .env("GIT_COMMITTER_NAME", latin1)
        .env("GIT_COMMITTER_EMAIL", "jose@example.org")
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(repo.git(&["log", "--format=%aN", "--encoding=UTF-8"]), "José\n");

    let history = repo.read("content");
    assert_eq!(people(history.file("content/a.md").unwrap()), ["José"]);
}

/// Every event as `author date offset: changes`, newest first, with changes like `A path`,
/// `M path`, `R from > to` and `D path`.
fn events_text(history: &GitHistory) -> Vec<String> {
    history
        .events()
        .map(|event| {
            let changes: Vec<String> = event
                .changes()
                .map(|change| match (change.kind, change.from) {
                    (ChangeKind::Added, _) => format!("A {}", change.path),
                    (ChangeKind::Changed, _) => format!("M {}", change.path),
                    (ChangeKind::Renamed, Some(from)) => format!("R {from} > {}", change.path),
                    (ChangeKind::Renamed, None) => format!("R ? > {}", change.path),
                    (ChangeKind::Deleted, _) => format!("D {}", change.path),
                })
                .collect();
            format!("{} {} {}: {}", event.author().name, event.time(), event.offset(), changes.join(", "))
        })
        .collect()
}

#[test]
fn every_commit_is_an_event_with_its_files_added_changed_renamed_and_deleted_newest_first() {
    let repo = Repo::new();
    let text = "A page long enough for git to recognise it after a rename.\n".repeat(10);
    repo.write("content/a.md", "a");
    repo.write("content/b.md", &text);
    repo.commit(ANN, "2024-01-01T09:00:00Z", "add a and b");
    repo.write("content/a.md", "a, edited");
    repo.commit(BOB, "2024-01-02T09:00:00Z", "edit a");
    std::fs::create_dir(repo.root().join("content/wiki")).unwrap();
    repo.git(&["mv", "content/b.md", "content/wiki/c.md"]);
    repo.commit(CAS, "2024-01-03T09:00:00Z", "move b");
    repo.write("site.yaml", "title: outside the content folder");
    repo.commit(CAS, "2024-01-04T09:00:00Z", "no content");
    std::fs::remove_file(repo.root().join("content/a.md")).unwrap();
    repo.write("content/d.md", "d");
    repo.commit(DAN, "2024-01-05T09:00:00Z", "delete a, add d");

    let history = repo.read("content");
    assert_eq!(
        events_text(&history),
        [
            "Dan Smit 2024-01-05T09:00:00Z +00: D content/a.md, A content/d.md",
            "Cas Peeters 2024-01-03T09:00:00Z +00: R content/b.md > content/wiki/c.md",
            "Bob Jansen 2024-01-02T09:00:00Z +00: M content/a.md",
            "Ann de Vries 2024-01-01T09:00:00Z +00: A content/a.md, A content/b.md",
        ]
    );
    let ids: Vec<String> = history.events().map(|event| event.id().to_string()).collect();
    let git_ids = repo.git(&["log", "--format=%H", "--", "content"]);
    assert_eq!(ids, git_ids.lines().collect::<Vec<_>>());
    // Oldest first is the same list reversed.
    assert_eq!(history.events().next_back().unwrap().author(), &person(ANN));
    assert_eq!(history.events().len(), 4);
}

#[test]
fn an_event_keeps_the_utc_offset_of_its_commit() {
    let repo = Repo::new();
    repo.write("content/a.md", "a");
    repo.commit(ANN, "2024-03-01T10:00:00+05:30", "from Pune");
    repo.write("content/a.md", "a, edited");
    repo.commit(BOB, "2024-03-01T10:00:00-08:00", "from Seattle");

    let history = repo.read("content");
    let events: Vec<CommitEvent<'_>> = history.events().collect();
    let offsets: Vec<i32> = events.iter().map(|event| event.offset().seconds()).collect();
    assert_eq!(offsets, [-8 * 3600, 5 * 3600 + 30 * 60]);
    assert_eq!(events[1].time(), time("2024-03-01T04:30:00Z"));
    assert_eq!(events[1].zoned().datetime().to_string(), "2024-03-01T10:00:00");
    assert_eq!(events[1].zoned().offset().to_string(), "+05:30");
    assert_eq!(events[0].zoned().datetime().to_string(), "2024-03-01T10:00:00");
    assert_eq!(events[0].time(), time("2024-03-01T18:00:00Z"));
    // The summary is in UTC, as before.
    assert_eq!(history.file("content/a.md").unwrap().created, time("2024-03-01T04:30:00Z"));
}

#[test]
fn merges_are_no_events_and_the_branches_commits_are() {
    let repo = Repo::new();
    repo.write("content/a.md", "a");
    repo.commit(ANN, "2024-01-01T09:00:00Z", "add a");
    repo.git(&["checkout", "-q", "-b", "side"]);
    repo.write("content/b.md", "b");
    repo.commit(BOB, "2024-01-02T09:00:00Z", "add b on a branch");
    repo.git(&["checkout", "-q", "main"]);
    repo.write("content/a.md", "a, edited");
    repo.commit(CAS, "2024-01-03T09:00:00Z", "edit a");
    git_in(
        repo.root(),
        &["merge", "-q", "--no-ff", "-m", "merge side", "side"],
        Some((MERGER, "2024-01-04T09:00:00Z")),
    );

    let history = repo.read("content");
    let authors: Vec<&str> = history.events().map(|event| event.author().name.as_str()).collect();
    assert_eq!(authors, ["Cas Peeters", "Bob Jansen", "Ann de Vries"]);
    let without_merges = repo.git(&["log", "--no-merges", "--format=%an"]);
    assert_eq!(authors, without_merges.lines().collect::<Vec<_>>());
    assert!(!history.people().contains(&person(MERGER)));
}

#[test]
fn the_summary_of_each_file_is_what_its_events_say() {
    let repo = Repo::new();
    let text = "A page long enough for git to recognise it after a rename.\n".repeat(10);
    repo.write("content/a.md", &text);
    repo.write("content/gone.md", "gone");
    repo.commit(ANN, "2024-01-01T09:00:00+01:00", "add");
    repo.write("content/a.md", &format!("{text}More.\n"));
    repo.write("content/gone.md", "going");
    repo.commit(BOB, "2024-02-01T09:00:00Z", "edit");
    repo.git(&["mv", "content/a.md", "content/b.md"]);
    repo.commit(CAS, "2024-03-01T09:00:00-03:00", "rename");
    repo.write("content/b.md", &format!("{text}More, and more.\n"));
    std::fs::remove_file(repo.root().join("content/gone.md")).unwrap();
    repo.commit(ANN, "2024-04-01T09:00:00Z", "edit b, delete gone");

    let history = repo.read("content");
    // What the per-file totals were before there were events (`git log --follow` agrees).
    let b = history.file("content/b.md").unwrap();
    assert_eq!(
        (b.created, b.updated, b.commits),
        (time("2024-01-01T08:00:00Z"), time("2024-04-01T09:00:00Z"), 4)
    );
    assert_eq!(people(b), ["Ann de Vries", "Bob Jansen", "Cas Peeters"]);
    assert_eq!(git_follow(&repo, "content/b.md"), (b.created, b.updated, b.commits));
    assert!(history.file("content/gone.md").is_none() && history.file("content/a.md").is_none());
    assert_eq!(history.len(), 1);
    // The same from the events, following the rename by hand, oldest first.
    let mut names = vec!["content/b.md"];
    let mut touched = Vec::new();
    for event in history.events() {
        for change in event.changes() {
            if names.contains(&change.path) && change.kind != ChangeKind::Deleted {
                touched.push(event);
                names.extend(change.from);
            }
        }
    }
    touched.reverse();
    let mut contributors: Vec<&Contributor> = Vec::new();
    for event in &touched {
        if !contributors.contains(&event.author()) {
            contributors.push(event.author());
        }
    }
    assert_eq!(touched.len(), b.commits);
    assert_eq!((touched[0].time(), touched.last().unwrap().time()), (b.created, b.updated));
    assert_eq!(contributors, b.contributors.iter().collect::<Vec<_>>());
}

#[test]
fn commits_per_person_per_month_and_each_persons_first_and_last_come_from_the_events() {
    use std::collections::BTreeMap;
    let repo = Repo::new();
    for (who, date, file) in [
        (ANN, "2024-01-05T09:00:00Z", "content/a.md"),
        (BOB, "2024-01-20T09:00:00Z", "content/b.md"),
        (ANN, "2024-01-31T23:30:00-02:00", "content/a.md"),
        (BOB, "2024-02-10T09:00:00Z", "content/a.md"),
        (ANN, "2024-03-01T09:00:00Z", "content/c.md"),
    ] {
        repo.write(file, date);
        repo.commit(who, date, "work");
    }

    let history = repo.read("content");
    // Per person and month (on the author's own clock), how many commits touched which page.
    let mut per_month: BTreeMap<(&str, String), BTreeMap<&str, usize>> = BTreeMap::new();
    let mut first_and_last: BTreeMap<&str, (Timestamp, Timestamp)> = BTreeMap::new();
    for event in history.events() {
        let month = event.zoned().strftime("%Y-%m").to_string();
        let pages = per_month.entry((event.author().email.as_str(), month)).or_default();
        for change in event.changes() {
            *pages.entry(change.path).or_default() += 1;
        }
        let span =
            first_and_last.entry(event.author().email.as_str()).or_insert((event.time(), event.time()));
        *span = (span.0.min(event.time()), span.1.max(event.time()));
    }
    let text: Vec<String> =
        per_month.iter().map(|((who, month), pages)| format!("{who} {month} {pages:?}")).collect();
    assert_eq!(
        text,
        [
            r#"ann@example.org 2024-01 {"content/a.md": 2}"#,
            r#"ann@example.org 2024-03 {"content/c.md": 1}"#,
            r#"bob.jansen@example.org 2024-01 {"content/b.md": 1}"#,
            r#"bob.jansen@example.org 2024-02 {"content/a.md": 1}"#,
        ]
    );
    assert_eq!(
        first_and_last["ann@example.org"],
        (time("2024-01-05T09:00:00Z"), time("2024-03-01T09:00:00Z"))
    );
    assert_eq!(
        first_and_last["bob.jansen@example.org"],
        (time("2024-01-20T09:00:00Z"), time("2024-02-10T09:00:00Z"))
    );
    // Commits per person, as `git shortlog` counts them.
    let mut per_person = vec![0; history.people().len()];
    for event in history.events() {
        per_person[event.author_id().index()] += 1;
    }
    let counted: Vec<String> = history
        .people()
        .iter()
        .zip(&per_person)
        .map(|(person, count)| format!("{count:>6}\t{} <{}>", person.name, person.email))
        .collect();
    let mut shortlog: Vec<String> =
        repo.git(&["shortlog", "-sne", "HEAD"]).lines().map(str::to_lowercase).collect();
    let mut counted: Vec<String> = counted.iter().map(|line| line.to_lowercase()).collect();
    shortlog.sort();
    counted.sort();
    assert_eq!(counted, shortlog);
}

#[test]
fn events_of_a_site_in_a_subfolder_have_paths_from_its_root_and_new_files_are_listed_apart() {
    let repo = Repo::new();
    let text = "A page long enough for git to recognise it after a rename.\n".repeat(10);
    repo.write("docs/content/a.md", "a");
    repo.write("docs/content/old.md", &text);
    repo.write("content/outside.md", "not the site's");
    repo.commit(ANN, "2024-01-01T09:00:00Z", "add");
    repo.write("docs/content/new.md", "new");
    repo.git(&["mv", "docs/content/old.md", "docs/content/moved.md"]);

    let history = read_history(&repo.root().join("docs"), "content").unwrap();
    assert_eq!(
        events_text(&history),
        ["Ann de Vries 2024-01-01T09:00:00Z +00: A content/a.md, A content/old.md"]
    );
    let uncommitted: Vec<(&str, Option<&str>)> =
        history.uncommitted().iter().map(|file| (file.path.as_str(), file.renamed_from.as_deref())).collect();
    assert_eq!(uncommitted, [("content/moved.md", Some("content/old.md")), ("content/new.md", None)]);
    assert!(history.file("content/new.md").unwrap().uncommitted);
    assert!(!history.file("content/moved.md").unwrap().uncommitted);
}

#[test]
fn refresh_replaces_the_events_of_the_files_it_re_reads() {
    let repo = Repo::new();
    let text = "A page long enough for git to recognise it after a rename.\n".repeat(10);
    repo.write("content/a.md", "a");
    repo.write("content/b.md", &text);
    repo.write("content/x.md", "x");
    repo.commit(ANN, "2024-01-01T09:00:00Z", "add");
    let mut history = repo.read("content");

    repo.write("content/a.md", "a, edited");
    repo.git(&["mv", "content/b.md", "content/c.md"]);
    repo.write("content/x.md", "x, edited but not re-read");
    repo.commit(BOB, "2024-02-01T09:00:00+01:00", "edit and rename");
    repo.write("content/new.md", "new");
    let reread = ["content/a.md", "content/b.md", "content/c.md", "content/new.md"].map(str::to_owned);
    history.refresh(repo.root(), &reread).unwrap();
    assert_eq!(
        events_text(&history),
        [
            "Bob Jansen 2024-02-01T08:00:00Z +01: M content/a.md, R content/b.md > content/c.md",
            "Ann de Vries 2024-01-01T09:00:00Z +00: A content/a.md, A content/b.md, A content/x.md",
        ]
    );
    assert_eq!(
        history.uncommitted(),
        [UncommittedFile { path: "content/new.md".into(), renamed_from: None }]
    );

    // Once every changed file is re-read, the events are those of a full read.
    repo.commit(CAS, "2024-03-01T09:00:00Z", "add new");
    let reread = ["content/x.md", "content/new.md"].map(str::to_owned);
    history.refresh(repo.root(), &reread).unwrap();
    assert_eq!(events_text(&history), events_text(&repo.read("content")));
    assert_eq!(events_text(&history)[0], "Cas Peeters 2024-03-01T09:00:00Z +00: A content/new.md");
    assert!(history.uncommitted().is_empty());

    // A file deleted since loses its changes; the commits that only touched it go.
    std::fs::remove_file(repo.root().join("content/new.md")).unwrap();
    repo.write("content/x.md", "x, edited again");
    repo.commit(DAN, "2024-04-01T09:00:00Z", "delete new, edit x");
    history.refresh(repo.root(), &["content/new.md".to_owned()]).unwrap();
    assert_eq!(
        events_text(&history)[..2],
        [
            "Dan Smit 2024-04-01T09:00:00Z +00: D content/new.md",
            "Cas Peeters 2024-03-01T09:00:00Z +00: A content/new.md",
        ]
    );
}

#[test]
fn the_built_site_keeps_the_history_its_dates_came_from() {
    let repo = Repo::new();
    repo.write("site.yaml", "title: Test\n");
    repo.write("content/posts/a.md", "---\ntitle: A\n---\nText.\n");
    repo.commit(ANN, "2024-03-01T10:00:00+05:30", "add a");

    let options = crate::BuildOptions { root: repo.root().to_path_buf(), ..Default::default() };
    let (built, _) = crate::pipeline::build_into(&options, &crate::output::MemorySink::new()).unwrap();
    let history = built.history.as_ref().expect("the built site keeps its history");
    let event = history.events().next().unwrap();
    assert_eq!((event.author(), event.offset().seconds()), (&person(ANN), 19_800));
    let created = history.file("content/posts/a.md").unwrap().created;
    assert_eq!(created, event.time());
}

#[test]
fn refreshing_only_the_old_name_of_a_renamed_file_keeps_the_rename() {
    let repo = Repo::new();
    let text = "A page long enough for git to recognise it after a rename.\n".repeat(10);
    repo.write("content/b.md", &text);
    repo.commit(ANN, "2024-01-01T09:00:00Z", "add");
    repo.git(&["mv", "content/b.md", "content/c.md"]);
    repo.commit(BOB, "2024-02-01T09:00:00Z", "rename");
    let mut history = repo.read("content");
    let full = events_text(&history);
    assert_eq!(full[0], "Bob Jansen 2024-02-01T09:00:00Z +00: R content/b.md > content/c.md");

    // Read alone, `b.md` was deleted by the second commit; the kept events know better.
    history.refresh(repo.root(), &["content/b.md".to_owned()]).unwrap();
    assert_eq!(events_text(&history), full);
    assert!(history.file("content/b.md").is_none());
    assert_eq!(history.file("content/c.md").unwrap().created, time("2024-01-01T09:00:00Z"));
}

#[test]
fn a_refresh_names_people_as_a_full_read_does() {
    let repo = Repo::new();
    let yaro = ("Yaro", "yaro@example.org");
    let yaro_later = ("Yaro Shm", "yaro@example.org");
    repo.write("content/a.md", "A.\n");
    repo.commit(yaro, "2024-01-01T09:00:00Z", "a");
    repo.write("content/b.md", "B.\n");
    repo.commit(yaro_later, "2024-06-01T09:00:00Z", "b");

    let full = repo.read("content");
    assert_eq!(full.file("content/a.md").unwrap().contributors, [person(yaro_later)], "the newest name");
    let mut refreshed = repo.read("content");
    refreshed.refresh(repo.root(), &["content/a.md".to_owned()]).unwrap();
    assert_eq!(refreshed.file("content/a.md").unwrap().contributors, [person(yaro_later)]);

    // A new commit under a new name renames the person in every file, as a full read would.
    let yaro_newest = ("Yaroslav Shmarov", "yaro@example.org");
    repo.write("content/a.md", "A, again.\n");
    repo.commit(yaro_newest, "2024-09-01T09:00:00Z", "a again");
    refreshed.refresh(repo.root(), &["content/a.md".to_owned()]).unwrap();
    assert_eq!(refreshed.file("content/b.md").unwrap().contributors, [person(yaro_newest)]);
    assert_eq!(refreshed.file("content/b.md"), repo.read("content").file("content/b.md"));
}
