//! The watcher on a real folder: editor saves, bulk changes and new folders each arrive as
//! one burst of paths; reading files is no change.

use std::fs;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use super::*;

/// Long enough that a loaded machine still writes a test's files within one burst; the
/// tests never measure it.
const TEST_QUIET: Duration = Duration::from_millis(400);
/// How long a test waits for a burst before it fails.
const PATIENCE: Duration = Duration::from_secs(20);

struct Watched {
    _temp: tempfile::TempDir,
    root: PathBuf,
    watcher: Watcher,
    events: Receiver<WatchEvent>,
}

fn watch(poll: bool, folders: &[&str], create: &[&str]) -> Watched {
    let temp = tempfile::tempdir().unwrap();
    // Canonical, as notify reports canonical paths where the temporary folder is a link (macOS).
    let root = temp.path().canonicalize().unwrap();
    for folder in create {
        fs::create_dir_all(root.join(folder)).unwrap();
    }
    fs::write(root.join("site.yaml"), "title: t\n").unwrap();
    fs::write(root.join("content/x.md"), "# One\n").ok();
    let (sender, events) = mpsc::channel();
    let options = WatchOptions { root: root.clone(), poll, quiet: TEST_QUIET };
    let mut watcher = Watcher::start(&options, move |event| sender.send(event).unwrap()).unwrap();
    let folders: Vec<PathBuf> = folders.iter().map(|folder| root.join(folder)).collect();
    assert_eq!(watcher.watch_folders(&folders).problems, Vec::<String>::new());
    Watched { _temp: temp, root, watcher, events }
}

impl Watched {
    fn next_burst(&self) -> Vec<PathBuf> {
        match self.events.recv_timeout(PATIENCE) {
            Ok(WatchEvent::Changed(paths)) => paths,
            other => panic!("expected a burst of changes, got {other:?}"),
        }
    }

    fn no_more_bursts(&self) {
        match self.events.recv_timeout(TEST_QUIET * 3) {
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            other => panic!("expected nothing more, got {other:?}"),
        }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }
}

#[test]
fn an_editor_saving_by_rename_gives_one_burst_naming_the_file() {
    let watched = watch(false, &["content"], &["content"]);
    let file = watched.path("content/x.md");
    // vim: probe the folder with `4913`, move the file aside, write it anew, drop the copy.
    fs::write(watched.path("content/4913"), "").unwrap();
    fs::remove_file(watched.path("content/4913")).unwrap();
    fs::rename(&file, watched.path("content/x.md~")).unwrap();
    fs::write(&file, "# Two\n").unwrap();
    fs::remove_file(watched.path("content/x.md~")).unwrap();
    // JetBrains: write a temporary file and rename it over the original.
    fs::write(watched.path("content/x.md___jb_tmp___"), "# Three\n").unwrap();
    fs::rename(watched.path("content/x.md___jb_tmp___"), &file).unwrap();
    let burst = watched.next_burst();
    assert!(burst.contains(&file), "{burst:?}");
    assert!(burst.windows(2).all(|pair| pair[0] < pair[1]), "sorted, each once: {burst:?}");
    watched.no_more_bursts();
}

#[test]
fn a_rename_names_both_paths() {
    let watched = watch(false, &["content"], &["content/posts"]);
    fs::rename(watched.path("content/x.md"), watched.path("content/posts/y.md")).unwrap();
    assert_eq!(watched.next_burst(), vec![watched.path("content/posts/y.md"), watched.path("content/x.md")]);
}

#[test]
fn hundreds_of_files_changed_at_once_arrive_as_one_burst() {
    let watched = watch(false, &["content"], &["content/posts", "content/wiki"]);
    // As `git checkout` does: new files, changed files, removed files, in quick succession.
    let mut expected = Vec::new();
    for n in 0..300 {
        let folder = if n % 2 == 0 { "posts" } else { "wiki" };
        let path = watched.path(&format!("content/{folder}/page-{n}.md"));
        fs::write(&path, format!("# Page {n}\n")).unwrap();
        expected.push(path);
    }
    fs::remove_file(watched.path("content/x.md")).unwrap();
    expected.push(watched.path("content/x.md"));
    expected.sort();
    let burst = watched.next_burst();
    let missing: Vec<&PathBuf> = expected.iter().filter(|path| !burst.contains(path)).collect();
    assert!(missing.is_empty(), "{} paths missing from the burst, e.g. {:?}", missing.len(), missing.first());
    watched.no_more_bursts();
}

#[test]
fn reading_files_is_not_a_change() {
    let watched = watch(false, &["content"], &["content"]);
    for _ in 0..3 {
        assert_eq!(fs::read_to_string(watched.path("content/x.md")).unwrap(), "# One\n");
        let _ = fs::read_dir(watched.path("content")).unwrap().count();
    }
    watched.no_more_bursts();
    fs::write(watched.path("site.yaml"), "title: changed\n").unwrap();
    assert_eq!(watched.next_burst(), vec![watched.path("site.yaml")]);
}

#[test]
fn a_folder_created_after_the_start_is_watched_once_named_again() {
    let mut watched = watch(false, &["content", "templates"], &["content"]);
    fs::create_dir(watched.path("templates")).unwrap();
    assert_eq!(watched.next_burst(), vec![watched.path("templates")]);
    // Written before the folder is watched: listed when it is.
    fs::write(watched.path("templates/base.html"), "{{ site.title }}").unwrap();
    let folders = [watched.path("content"), watched.path("templates")];
    let found = watched.watcher.watch_folders(&folders);
    assert_eq!(
        found,
        WatchedFolders { problems: Vec::new(), files_found: vec![watched.path("templates/base.html")] }
    );
    fs::write(watched.path("templates/page.html"), "{{ page.title }}").unwrap();
    let burst = watched.next_burst();
    // The first write may have come as an event too, before the folder was watched.
    assert!(burst.contains(&watched.path("templates/page.html")), "{burst:?}");
}

#[test]
fn polling_sees_an_edit_and_a_new_file() {
    let watched = watch(true, &["content"], &["content"]);
    fs::write(watched.path("content/x.md"), "# Changed, and longer than before\n").unwrap();
    fs::write(watched.path("content/y.md"), "# New\n").unwrap();
    let mut seen = watched.next_burst();
    // A poll may fall between the two writes.
    if seen.len() < 2 {
        seen.extend(watched.next_burst());
    }
    seen.sort();
    assert_eq!(seen, vec![watched.path("content/x.md"), watched.path("content/y.md")]);
}

#[test]
fn nothing_is_delivered_after_stop() {
    let Watched { _temp, root, watcher, events } = watch(false, &["content"], &["content"]);
    watcher.stop();
    fs::write(root.join("content/x.md"), "# After\n").unwrap();
    assert!(matches!(events.recv_timeout(TEST_QUIET * 3), Err(mpsc::RecvTimeoutError::Disconnected)));
}
