//! Unit tests of the output guard: which readings of a path are refused, and what is returned.

use super::*;

/// A site in a temporary folder with its sources, built as the pipeline would ask.
struct Site {
    _temp: tempfile::TempDir,
    w: PathBuf,
    folders: Vec<FolderRead>,
}

impl Site {
    fn new(content_dir: &str) -> Site {
        let temp = tempfile::tempdir().unwrap();
        let w = temp.path().canonicalize().unwrap();
        std::fs::create_dir_all(w.join("site/content/posts")).unwrap();
        let root = w.join("site");
        let folders = [
            (content_dir, FolderRole::Content),
            ("static", FolderRole::Static),
            ("templates", FolderRole::Templates),
            ("authors", FolderRole::Authors),
        ]
        .map(|(dir, role)| FolderRead { path: root.join(dir), role })
        .to_vec();
        Site { _temp: temp, w, folders }
    }

    fn check(&self, output: &str) -> Result<OutputLocation> {
        let request = OutputRequest {
            output: Path::new(output),
            working_dir: &self.w,
            root: Path::new("site"),
            folders_read: &self.folders,
        };
        check_output_folder(&request)
    }

    fn refusal(&self, output: &str) -> String {
        match self.check(output) {
            Ok(location) => panic!("`{output}` was allowed: {location:?}"),
            Err(error) => error.to_string().replace(&self.w.display().to_string(), "W"),
        }
    }
}

#[test]
fn the_site_and_its_sources_are_refused_however_spelled() {
    let site = Site::new("content");
    let cases = [
        ("site", "refusing to write to `W/site` (given as `site`): it is or contains the site root"),
        ("nosuch/../site", "refusing to write to `W/site` (given as `nosuch/../site`): it is or contains"),
        ("site/public/..", "refusing to write to `W/site` (given as `site/public/..`): it is or contains"),
        (".", "refusing to write to `W` (given as `.`): it is or contains the site root `W/site`"),
        (
            "site/content",
            "refusing to write to `W/site/content` (given as `site/content`): it is inside the site's content folder `W/site/content`",
        ),
        (
            "site/content/out",
            "refusing to write to `W/site/content/out` (given as `site/content/out`): it is inside the site's content",
        ),
        (
            "site/static",
            "refusing to write to `W/site/static` (given as `site/static`): it is inside the site's `static/` folder",
        ),
        (
            "site/templates/x/..",
            "refusing to write to `W/site/templates` (given as `site/templates/x/..`): it is inside the site's `templates/` folder",
        ),
        (
            "site/authors/a",
            "refusing to write to `W/site/authors/a` (given as `site/authors/a`): it is inside the site's `authors/` folder",
        ),
    ];
    for (output, expected) in cases {
        let refusal = site.refusal(output);
        assert!(refusal.starts_with(expected), "{output}:\n{refusal}\nexpected it to start with\n{expected}");
    }
}

#[test]
fn an_allowed_output_comes_back_resolved_with_its_folders_beside_it() {
    let site = Site::new("content");
    let location = site.check("nosuch/../site/public").unwrap();
    let expected = OutputLocation {
        output: site.w.join("site/public"),
        staging: site.w.join("site/.public.kennis-new"),
        spare: site.w.join("site/.public.kennis-old"),
    };
    assert_eq!(location, expected);
    assert!(!site.w.join("nosuch").exists() && !site.w.join("site/public").exists(), "nothing is created");
}

#[test]
fn a_folder_the_site_reads_outside_the_root_is_refused_in_and_around_it() {
    let mut site = Site::new("content");
    // As a later `static_dirs: [../shared/img]` would add it.
    site.folders.push(FolderRead { path: site.w.join("site/../shared/img"), role: FolderRole::Static });
    let inside = site.refusal("shared/img/x");
    assert!(
        inside.ends_with("it is inside the site's `W/shared/img` folder; choose an `--output` outside it"),
        "{inside}"
    );
    let around = site.refusal("shared");
    assert!(
        around.ends_with(
            "it contains the site's `W/shared/img` folder, which the build would replace; choose an `--output` \
             that holds none of the site's folders"
        ),
        "{around}"
    );
}

#[test]
fn with_content_at_the_root_only_public_is_allowed_inside_it() {
    let site = Site::new(".");
    let location = site.check("site/public").unwrap();
    assert_eq!(location.spare, site.w.join("site/.public.kennis-old"));
    for output in ["site/out", "site/public/sub", "site/.public.kennis-new"] {
        let refusal = site.refusal(output);
        assert!(refusal.contains("inside the site's content folder `W/site`"), "{output}: {refusal}");
    }
}

#[test]
fn a_folder_kennis_did_not_make_is_refused() {
    let site = Site::new("content");
    let out = site.w.join("docs");
    std::fs::create_dir_all(&out).unwrap();
    assert!(site.check("docs").is_ok(), "an empty folder is fine");
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    assert_eq!(
        site.refusal("docs"),
        "refusing to replace `W/docs` (given as `docs`): it has files that kennis did not write; \
         empty or remove it, or choose another `--output`"
    );
    marker::write_marker(&out).unwrap();
    assert!(site.check("docs").is_ok(), "a marked folder may be replaced");
    std::fs::write(site.w.join("file"), "mine").unwrap();
    assert!(site.refusal("file").ends_with("it is a file, not a folder; choose another `--output`"));
}

#[test]
fn the_folders_beside_the_output_are_checked_too() {
    let site = Site::new("content");
    // An output named so that its staging folder would be the site's content folder.
    std::fs::rename(site.w.join("site/content"), site.w.join("site/.content.kennis-new")).unwrap();
    let mut site = site;
    site.folders[0].path = site.w.join("site/.content.kennis-new");
    assert!(site.refusal("site/content").starts_with(
        "refusing to write to `W/site/.content.kennis-new`, where kennis would write the next output for \
         `W/site/content`: it is inside the site's content folder"
    ));
    std::fs::create_dir_all(site.w.join(".out.kennis-old/x")).unwrap();
    assert!(site.refusal("out").starts_with("refusing to reuse `W/.out.kennis-old`"));
}

#[test]
fn the_top_of_the_file_system_is_refused() {
    let site = Site::new("content");
    let refusal = site.refusal("/");
    assert!(refusal.starts_with("refusing to write to `/`"), "{refusal}");
}
