//! Unit tests of updating a kept output folder: subsets, atomic replacement, removal, links, refusals.

use std::io::Read;
use std::os::unix::fs::{MetadataExt, symlink};

use super::*;
use crate::config::{FolderRead, FolderRole};
use crate::output::guard::{OutputRequest, check_output_folder};

/// A site root and an output folder beside it, in a temporary folder.
struct Place {
    _temp: tempfile::TempDir,
    top: PathBuf,
}

impl Place {
    fn new() -> Place {
        let temp = tempfile::tempdir().unwrap();
        let top = temp.path().canonicalize().unwrap();
        std::fs::create_dir_all(top.join("site/content")).unwrap();
        Place { _temp: temp, top }
    }

    fn public(&self) -> PathBuf {
        self.top.join("public")
    }

    /// What the guard allows for `public`, as a build would ask.
    fn location(&self) -> Result<OutputLocation> {
        let folders = [FolderRead { path: self.top.join("site/content"), role: FolderRole::Content }];
        let request = OutputRequest {
            output: Path::new("public"),
            working_dir: &self.top,
            root: Path::new("site"),
            folders_read: &folders,
        };
        check_output_folder(&request)
    }

    /// A kept build: the marker and `files` (path, text).
    fn kept_build(&self, files: &[(&str, &str)]) -> FolderUpdate {
        std::fs::create_dir_all(self.public()).unwrap();
        marker::write_marker(&self.public()).unwrap();
        for (path, text) in files {
            let full = self.public().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
        FolderUpdate::open(&self.location().unwrap()).unwrap()
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.public().join(path)).unwrap()
    }

    /// Every name in the output folder and below it, sorted.
    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = walk(&self.public())
            .into_iter()
            .map(|p| p.strip_prefix(self.public()).unwrap().display().to_string())
            .collect();
        names.sort();
        names
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        found.push(entry.path());
        if entry.file_type().unwrap().is_dir() {
            found.extend(walk(&entry.path()));
        }
    }
    found
}

fn output(path: &str) -> OutputPath {
    OutputPath::new(path).unwrap()
}

#[test]
fn writing_a_subset_leaves_every_other_file_alone() {
    let place = Place::new();
    let update = place.kept_build(&[
        ("index.html", "home v1"),
        ("posts/a/index.html", "a v1"),
        ("posts/b/index.html", "b v1"),
        ("atom.xml", "feed v1"),
    ]);
    let unchanged_before = std::fs::metadata(place.public().join("atom.xml")).unwrap();
    update.write(&output("posts/a/index.html"), b"a v2").unwrap();
    update.write(&output("posts/c/index.html"), b"c v1").unwrap();
    update.write(&output("atom.xml"), b"feed v1").unwrap();

    assert_eq!(place.read("posts/a/index.html"), "a v2");
    assert_eq!(place.read("posts/c/index.html"), "c v1");
    assert_eq!(place.read("posts/b/index.html"), "b v1");
    assert_eq!(place.read("index.html"), "home v1");
    // A file whose bytes are already right is not rewritten: same file, same time.
    let unchanged_after = std::fs::metadata(place.public().join("atom.xml")).unwrap();
    assert_eq!(unchanged_after.ino(), unchanged_before.ino());
    assert_eq!(unchanged_after.modified().unwrap(), unchanged_before.modified().unwrap());
    assert_eq!(
        place.names(),
        [
            ".kennis-output",
            "atom.xml",
            "index.html",
            "posts",
            "posts/a",
            "posts/a/index.html",
            "posts/b",
            "posts/b/index.html",
            "posts/c",
            "posts/c/index.html"
        ]
    );
}

#[test]
fn a_file_is_replaced_whole_so_a_reader_sees_the_old_or_the_new() {
    let place = Place::new();
    let old = "old page ".repeat(10_000);
    let update = place.kept_build(&[("index.html", &old)]);
    let target = place.public().join("index.html");
    // A reader that opened the page before the update, as a web server sending it would have.
    let mut reader = std::fs::File::open(&target).unwrap();
    let inode_before = std::fs::metadata(&target).unwrap().ino();

    let new = "new page ".repeat(5_000);
    update.write(&output("index.html"), new.as_bytes()).unwrap();

    let mut seen = String::new();
    reader.read_to_string(&mut seen).unwrap();
    assert_eq!(seen, old, "the open file is the old one, whole");
    assert_eq!(place.read("index.html"), new);
    assert_ne!(std::fs::metadata(&target).unwrap().ino(), inode_before, "a new file was renamed in");
    assert_eq!(place.names(), [".kennis-output", "index.html"], "no temporary file is left");
}

#[test]
fn a_file_with_a_name_as_long_as_names_go_is_replaced_too() {
    let place = Place::new();
    let name = format!("{}.html", "x".repeat(250));
    let update = place.kept_build(&[(&name, "old")]);
    update.write(&output(&name), b"new").unwrap();
    assert_eq!(place.read(&name), "new");
}

#[test]
fn copied_files_are_replaced_and_keep_their_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let place = Place::new();
    let update = place.kept_build(&[("files/run.sh", "old")]);
    let source = place.top.join("run.sh");
    std::fs::write(&source, "#!/bin/sh\necho new\n").unwrap();
    std::fs::set_permissions(&source, std::fs::Permissions::from_mode(0o755)).unwrap();
    update.copy(&output("files/run.sh"), &source).unwrap();
    assert_eq!(place.read("files/run.sh"), "#!/bin/sh\necho new\n");
    let mode = std::fs::metadata(place.public().join("files/run.sh")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o755);
}

#[test]
fn removing_an_output_removes_the_folders_it_leaves_empty() {
    let place = Place::new();
    let mut update = place.kept_build(&[
        ("posts/a/index.html", "a"),
        ("posts/b/index.html", "b"),
        ("tags/old/page/2/index.html", "old tag"),
    ]);
    update.remove(&output("posts/a/index.html")).unwrap();
    update.remove(&output("tags/old/page/2/index.html")).unwrap();
    update.remove(&output("never/written.html")).unwrap();
    assert_eq!(place.names(), [".kennis-output", "posts", "posts/b", "posts/b/index.html"]);

    update.remove(&output("posts/b/index.html")).unwrap();
    assert_eq!(place.names(), [".kennis-output"], "the output folder itself stays");
    // A folder removed as empty is made again by a later write of the same update.
    update.write(&output("posts/b/index.html"), b"b again").unwrap();
    assert_eq!(place.read("posts/b/index.html"), "b again");
}

#[test]
fn a_link_planted_in_the_output_folder_is_never_followed() {
    let place = Place::new();
    let outside = place.top.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("index.html"), "not kennis's").unwrap();
    std::fs::write(outside.join("secret.txt"), "keep me").unwrap();
    let mut update = place.kept_build(&[]);
    symlink(&outside, place.public().join("posts")).unwrap();
    symlink(outside.join("secret.txt"), place.public().join("atom.xml")).unwrap();
    symlink(&outside, place.public().join("gone")).unwrap();

    // Through a linked folder: the link is replaced by a real folder.
    update.write(&output("posts/index.html"), b"posts").unwrap();
    // At a linked file: the link itself is replaced.
    update.write(&output("atom.xml"), b"feed").unwrap();
    // Removing through a linked folder removes nothing there.
    update.remove(&output("gone/index.html")).unwrap();

    assert_eq!(std::fs::read_to_string(outside.join("index.html")).unwrap(), "not kennis's");
    assert_eq!(std::fs::read_to_string(outside.join("secret.txt")).unwrap(), "keep me");
    let posts = std::fs::symlink_metadata(place.public().join("posts")).unwrap();
    assert!(posts.is_dir() && !posts.file_type().is_symlink());
    assert_eq!(place.read("posts/index.html"), "posts");
    assert!(!std::fs::symlink_metadata(place.public().join("atom.xml")).unwrap().file_type().is_symlink());
    assert_eq!(place.read("atom.xml"), "feed");

    // A link at the removed output's own place is removed as a link.
    update.remove(&output("atom.xml")).unwrap();
    symlink(outside.join("secret.txt"), place.public().join("feed.xml")).unwrap();
    update.remove(&output("feed.xml")).unwrap();
    assert!(std::fs::symlink_metadata(place.public().join("feed.xml")).is_err());
    assert_eq!(std::fs::read_to_string(outside.join("secret.txt")).unwrap(), "keep me");
    assert!(place.public().join("gone").is_symlink(), "a link on the way is left alone");
}

#[test]
fn only_a_folder_a_build_made_is_opened() {
    let place = Place::new();
    let refusal = |place: &Place| match FolderUpdate::open(&place.location().unwrap()) {
        Ok(_) => panic!("the update was allowed"),
        Err(error) => error.to_string().replace(&place.top.display().to_string(), "W"),
    };
    assert_eq!(
        refusal(&place),
        "refusing to update `W/public`: it does not exist; build the site into it first"
    );
    std::fs::create_dir(place.public()).unwrap();
    assert_eq!(
        refusal(&place),
        "refusing to update `W/public`: it has no `.kennis-output` marker, so no kennis build made it; \
         build the site into it first"
    );
    // A folder with someone's files is refused by the guard before an update is asked for.
    std::fs::write(place.public().join("notes.txt"), "mine").unwrap();
    let error = place.location().unwrap_err().to_string();
    assert!(error.contains("it has files that kennis did not write"), "{error}");
    assert_eq!(std::fs::read_to_string(place.public().join("notes.txt")).unwrap(), "mine");
}

#[test]
fn the_marker_and_a_second_write_are_refused() {
    let place = Place::new();
    let mut update = place.kept_build(&[("index.html", "home")]);
    let error = update.write(&output(MARKER), b"x").unwrap_err().to_string();
    assert!(error.contains("`.kennis-output` would be written by the site"), "{error}");
    let error = update.remove(&output(MARKER)).unwrap_err().to_string();
    assert!(error.starts_with("refusing to remove `.kennis-output`"), "{error}");
    assert!(marker::inspect(&place.public()).unwrap() == Found::MarkedFolder);
    update.write(&output("index.html"), b"one").unwrap();
    let error = update.write(&output("index.html"), b"two").unwrap_err().to_string();
    assert!(error.contains("two things would be written to `index.html`"), "{error}");
    assert_eq!(place.read("index.html"), "one");
}

#[test]
fn a_folder_where_a_file_now_goes_is_replaced() {
    let place = Place::new();
    let update = place.kept_build(&[("about/index.html", "section"), ("about/old/index.html", "old")]);
    update.write(&output("about"), b"a file now").unwrap();
    assert_eq!(place.read("about"), "a file now");
    assert_eq!(place.names(), [".kennis-output", "about"]);
}
