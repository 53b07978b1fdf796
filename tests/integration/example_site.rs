//! example-site shows only its own people and the dates its pages give: it lives inside
//! kennis's own repository, whose committers and commit dates are no part of it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Built, SiteTest, copy_dir};

fn example_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site")
}

/// Every `name:` in example-site/authors/*.yaml.
fn author_names() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(example_root().join("authors")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let name = text.lines().find_map(|line| line.strip_prefix("name:")).expect("an author has a name");
        names.insert(name.trim().trim_matches('"').to_owned());
    }
    assert!(names.len() >= 10, "example-site has its people: {names:?}");
    names
}

/// Every HTML file of the output, by path, with its text.
fn html_files(built: &Built) -> Vec<(String, String)> {
    let files: Vec<String> = built.files().into_iter().filter(|f| f.ends_with(".html")).collect();
    assert!(files.len() > 50, "example-site has many pages: {files:?}");
    files.into_iter().map(|f| (f.clone(), built.file(&f).text)).collect()
}

/// The text of each element whose opening tag carries `class="{class}"`, tags inside
/// left out and the common entities decoded.
fn texts_of_class(html: &str, class: &str) -> Vec<String> {
    let marker = format!("class=\"{class}\"");
    html.split(marker.as_str())
        .skip(1)
        .map(|after| {
            let inner = &after[after.find('>').expect("the tag closes") + 1..];
            let mut text = String::new();
            let mut depth = 0usize;
            let mut in_tag = false;
            for (i, c) in inner.char_indices() {
                match c {
                    '<' if inner[i..].starts_with("</") && depth == 0 => break,
                    '<' if inner[i..].starts_with("</") => {
                        depth -= 1;
                        in_tag = true;
                    }
                    '<' => {
                        depth += 1;
                        in_tag = true;
                    }
                    '>' if in_tag => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"").trim().to_owned()
        })
        .collect()
}

#[test]
fn example_pages_name_only_the_people_in_example_site_authors() {
    let built = SiteTest::at(&example_root()).build();
    let names = author_names();
    let ids: BTreeSet<String> = std::fs::read_dir(example_root().join("authors"))
        .unwrap()
        .map(|e| e.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let mut people_shown = 0;
    for (path, html) in html_files(&built) {
        for class in ["person-name", "person-card-name"] {
            for name in texts_of_class(&html, class) {
                assert!(names.contains(&name), "{path} names `{name}` ({class}), who is not in authors/");
                people_shown += 1;
            }
        }
        for link in html.split("href=\"/authors/").skip(1) {
            let id = link.split(['/', '"']).next().unwrap();
            assert!(id.is_empty() || ids.contains(id), "{path} links to /authors/{id}/, not in authors/");
        }
    }
    assert!(people_shown > 100, "bylines and contributor lists were found: {people_shown}");
    // No one from kennis's own history, under any markup: its committers are not the example's.
    for committer in repository_committers() {
        if names.contains(&committer) {
            continue;
        }
        for (path, html) in html_files(&built) {
            assert!(!html.contains(&committer), "{path} names the repository's committer `{committer}`");
        }
    }
}

/// The authors and committers of the repository example-site lives in; none outside a
/// checkout (a source archive), where there is no history to leak.
fn repository_committers() -> BTreeSet<String> {
    let output = Command::new("git")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["log", "--format=%an%n%cn", "--", "example-site"])
        .output();
    match output {
        Ok(output) if output.status.success() => {
            String::from_utf8_lossy(&output.stdout).lines().map(str::to_owned).collect()
        }
        _ => BTreeSet::new(),
    }
}

/// The days example-site's front matter gives: `date`, `updated`, `lastmod`, and the day in
/// a Jekyll-style file name (`2025-03-14-missers-van-de-maand.md`).
fn front_matter_days(folder: &Path, days: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            front_matter_days(&path, days);
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.len() > 11 && name.as_bytes()[..10].iter().all(|b| b.is_ascii_digit() || *b == b'-') {
            days.insert(name[..10].to_owned());
        }
        if !name.ends_with(".md") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines() {
            for field in ["date:", "updated:", "lastmod:"] {
                if let Some(value) = line.strip_prefix(field) {
                    days.insert(value.trim().trim_matches('"').chars().take(10).collect());
                }
            }
        }
    }
}

#[test]
fn every_date_example_pages_show_comes_from_their_front_matter() {
    let mut days = BTreeSet::new();
    front_matter_days(&example_root().join("content"), &mut days);
    let built = SiteTest::at(&example_root()).build();
    let mut shown = 0;
    for (path, html) in html_files(&built) {
        for time in html.split("<time datetime=\"").skip(1) {
            let day = &time[..10];
            assert!(days.contains(day), "{path} shows the day {day}, which no front matter gives");
            shown += 1;
        }
    }
    assert!(shown > 100, "pages show dates: {shown}");
    for (path, text) in
        [("sitemap.xml", built.file("sitemap.xml").text), ("atom.xml", built.file("atom.xml").text)]
    {
        for tag in ["<lastmod>", "<updated>", "<published>"] {
            for value in text.split(tag).skip(1) {
                let day = &value[..10];
                assert!(days.contains(day), "{path} gives {tag}{day}, which no front matter gives");
            }
        }
    }
}

#[test]
fn example_site_builds_the_same_whatever_its_files_times() {
    // A fresh clone gives every file the time of the clone: no page may show it.
    let place = tempfile::tempdir().unwrap();
    let copy = place.path().join("example-site");
    copy_dir(&example_root(), &copy);
    let later = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_950_000_000);
    set_times(&copy, later);
    let original = SiteTest::at(&example_root()).build();
    let cloned = SiteTest::at(&copy).build();
    assert_eq!(original.files(), cloned.files());
    for file in original.files() {
        let (a, b) = (std::fs::read(original.output.join(&file)), std::fs::read(cloned.output.join(&file)));
        assert!(a.unwrap() == b.unwrap(), "{file} differs when the files are newer");
    }
}

fn set_times(folder: &Path, time: std::time::SystemTime) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            set_times(&path, time);
        } else {
            std::fs::File::options().write(true).open(&path).unwrap().set_modified(time).unwrap();
        }
    }
}
