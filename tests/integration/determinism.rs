//! Two builds of the same input give byte-identical folders: example-site, a generated
//! site full of ties, a build kept in memory, and a build over an earlier one.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use kennis::BuildOptions;
use kennis::config::{Config, ConfigOverrides};
use kennis::output::{FolderUpdate, MemorySink, OutputRequest, check_output_folder};
use kennis::paths::OutputPath;
use kennis::pipeline::build_into;

use crate::support::SiteTest;

#[test]
fn example_site_builds_to_the_same_bytes_twice() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
    let site = SiteTest::at(&root);
    let first = site.build();
    let second = site.build();
    assert!(first.files().len() > 100, "example-site has many files: {:?}", first.files());
    assert_same_folders(&first.output, &second.output);
}

#[test]
fn a_generated_site_full_of_ties_builds_to_the_same_bytes_twice_and_in_memory() {
    let site = SiteTest::empty();
    generate_site(&site, Variant::Current);
    let first = site.build();
    let second = site.build();
    assert!(first.report.pages >= 150, "the generated site has {} pages", first.report.pages);
    // Tags that differ only in case, or would share a folder, are meant: their warnings are the only problems.
    let problems = first.problems();
    assert!(problems.iter().any(|p| p.contains("one tag is spelled 3 ways")), "{problems:#?}");
    assert!(
        problems.iter().any(|p| p.contains("tags `a-b` and `a/b` would share one page")),
        "{problems:#?}"
    );
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_eq!(first.warnings(), second.warnings());
    assert_same_folders(&first.output, &second.output);

    let memory = MemorySink::new();
    let (_, report) =
        build_into(&options(site.root()), &memory).unwrap_or_else(|e| panic!("build failed:\n{e}"));
    assert_eq!(report.pages, first.report.pages);
    let difference = memory.compare_with_folder(&first.output).unwrap();
    assert!(difference.is_empty(), "memory and disk differ: {difference:#?}");
    assert_eq!(memory.len(), first.files().len() - 1, "every file but the marker");
}

#[test]
fn a_build_over_an_earlier_one_equals_a_fresh_build() {
    let site = SiteTest::empty();
    generate_site(&site, Variant::Earlier);
    let place = tempfile::tempdir().unwrap();
    let output = place.path().join("public");
    // Twice, so the spare copy beside the output holds the earlier site too and is reused.
    site.build_into(&output).unwrap();
    site.build_into(&output).unwrap();
    let earlier_files = folder_files(&output);

    generate_site(&site, Variant::Current);
    site.build_into(&output).unwrap();
    let fresh = site.build();
    assert_same_folders(&fresh.output, &output);
    assert_ne!(folder_files(&output), earlier_files, "the earlier site differs, so the test means something");

    site.build_into(&output).unwrap();
    assert_same_folders(&fresh.output, &output);
}

#[test]
fn updating_a_kept_build_in_place_and_removing_stale_outputs_equals_a_fresh_build() {
    let site = SiteTest::empty();
    generate_site(&site, Variant::Earlier);
    let place = tempfile::tempdir().unwrap();
    let output = place.path().join("public");
    site.build_into(&output).unwrap();
    let kept_marker = std::fs::metadata(output.join(".kennis-output")).unwrap().modified().unwrap();

    generate_site(&site, Variant::Current);
    let fresh = MemorySink::new();
    build_into(&options(site.root()), &fresh).unwrap();
    let config = Config::load(site.root(), &ConfigOverrides::default()).unwrap();
    let working_dir = std::env::current_dir().unwrap();
    let request = OutputRequest {
        output: &output,
        working_dir: &working_dir,
        root: site.root(),
        folders_read: &config.folders_read(),
    };
    let mut update = FolderUpdate::open(&check_output_folder(&request).unwrap()).unwrap();
    build_into(&options(site.root()), &update).unwrap();
    let stale = fresh.compare_with_folder(&output).unwrap().only_on_disk;
    assert!(!stale.is_empty(), "the earlier site had outputs the current one lacks");
    for path in stale {
        update.remove(&OutputPath::new(path.to_str().unwrap()).unwrap()).unwrap();
    }

    let difference = fresh.compare_with_folder(&output).unwrap();
    assert!(difference.is_empty(), "the updated folder differs from a fresh build: {difference:#?}");
    let marker = std::fs::metadata(output.join(".kennis-output")).unwrap().modified().unwrap();
    assert_eq!(marker, kept_marker, "the marker is left as it was");
    let beside: Vec<_> = std::fs::read_dir(place.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(beside, ["public"], "no staging or spare folder: the update wrote in place");
}

#[test]
fn a_new_file_not_yet_committed_is_dated_by_its_own_time_not_the_builds() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: New\nbase_url: https://intranet.example.org/\n");
    site.write("content/posts/old.md", "---\ntitle: Old\n---\n\nCommitted.\n");
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .current_dir(site.root())
            .args(args)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "An Peeters")
            .env("GIT_AUTHOR_EMAIL", "an@example.org")
            .env("GIT_AUTHOR_DATE", "2024-01-01T10:00:00+00:00")
            .env("GIT_COMMITTER_NAME", "An Peeters")
            .env("GIT_COMMITTER_EMAIL", "an@example.org")
            .env("GIT_COMMITTER_DATE", "2024-01-01T10:00:00+00:00")
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?} failed");
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "First"]);
    site.write("content/posts/new.md", "---\ntitle: New\n---\n\nNot committed yet.\n");
    let saved = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_746_439_200); // 2025-05-05T10:00:00Z
    let new = std::fs::File::options().write(true).open(site.root().join("content/posts/new.md")).unwrap();
    new.set_modified(saved).unwrap();

    let first = site.build();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = site.build();
    first.file("atom.xml").contains("<published>2025-05-05T10:00:00+00:00</published>");
    second.file("atom.xml").contains("<published>2025-05-05T10:00:00+00:00</published>");
    assert_same_folders(&first.output, &second.output);
}

fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: None,
        include_drafts: false,
        base_url: None,
        relative_urls: false,
    }
}

/// Every file below `folder` by its path from it; anything but a plain file or folder is an error.
fn folder_files(folder: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let kind = entry.file_type().unwrap();
            let path = entry.path();
            if kind.is_dir() {
                pending.push(path);
            } else {
                assert!(kind.is_file(), "`{}` is not a file", path.display());
                let relative = path.strip_prefix(folder).unwrap().to_path_buf();
                files.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// Asserts both folders hold the same files with the same bytes, naming every difference.
fn assert_same_folders(a: &Path, b: &Path) {
    let (a_files, b_files) = (folder_files(a), folder_files(b));
    let mut differences = String::new();
    for (path, bytes) in &a_files {
        match b_files.get(path) {
            None => writeln!(differences, "only in the first: {}", path.display()).unwrap(),
            Some(other) if other != bytes => {
                let at =
                    bytes.iter().zip(other).position(|(x, y)| x != y).unwrap_or(bytes.len().min(other.len()));
                let around = |b: &[u8]| {
                    String::from_utf8_lossy(&b[at.saturating_sub(80)..(at + 80).min(b.len())]).into_owned()
                };
                writeln!(
                    differences,
                    "differs: {} at byte {at}:\n  {}\n  {}",
                    path.display(),
                    around(bytes),
                    around(other)
                )
                .unwrap();
            }
            Some(_) => {}
        }
    }
    for path in b_files.keys().filter(|path| !a_files.contains_key(*path)) {
        writeln!(differences, "only in the second: {}", path.display()).unwrap();
    }
    assert!(differences.is_empty(), "the two builds differ:\n{differences}");
    assert!(a_files.len() > 10, "a build has files: {:?}", a_files.keys());
}

/// Which state of the generated site to write: the one compared, or an earlier one with
/// fewer posts, more questions, other titles and tags and a smaller paginate (so more list
/// pages), built first into the same folder.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Variant {
    Earlier,
    Current,
}

const TAGS: [&str; 12] = [
    "Rust",
    "rust",
    "RUST",
    "Data Science",
    "data-science",
    "C++",
    "c",
    "a/b",
    "onboarding",
    "a-b",
    "Leren",
    "ux",
];
const AUTHORS: [(&str, &str); 10] = [
    ("an-peeters", "An Peeters"),
    ("bram-maes", "Bram Maes"),
    ("chloe-jacobs", "Chloé Jacobs"),
    ("daan-claes", "Daan Claes"),
    ("emma-wouters", "Emma Wouters"),
    ("femke-smets", "Femke Smets"),
    ("gert-dubois", "Gert Dubois"),
    ("hanne-lambert", "Hanne Lambert"),
    ("isabel-dupont", "Isabel Dupont"),
    ("joost-martens", "Joost Martens"),
];
const COMMUNITIES: [&str; 4] = ["rust-guild", "data-guild", "mentoring", "writing"];
const SECTIONS: [&str; 3] = ["tools", "onboarding", "tools/data"];

/// Writes a site of about 160 pages whose lists are full of ties: five posts a day,
/// questions on the same dates, tags that differ only in case or fall in one folder,
/// wiki pages of equal weight, authors with many pages each.
fn generate_site(site: &SiteTest, variant: Variant) {
    let earlier = variant == Variant::Earlier;
    let paginate = if earlier { 3 } else { 4 };
    site.write(
        "site.yaml",
        format!(
            "title: Generated\nbase_url: https://intranet.example.org/\nlanguage: en\npaginate: {paginate}\n"
        ),
    );
    site.write("static/files/checklist.txt", "1. read\n2. write\n");
    for (id, name) in AUTHORS {
        site.write(
            &format!("authors/{id}.yaml"),
            format!("name: {name}\nemail: {id}@example.org\nrole: engineer\n"),
        );
    }
    for (i, id) in COMMUNITIES.iter().enumerate() {
        let team: Vec<&str> = (0..3).map(|k| AUTHORS[(i + k) % AUTHORS.len()].0).collect();
        site.write(
            &format!("content/communities/{id}/index.md"),
            format!(
                "---\ntitle: Community {id}\ngoal: Learn {id} together.\nlead: {}\nteam: [{}]\ntags: [{}, {}]\ndate: 2024-06-01\n---\n\nWe meet weekly.\n",
                team[0],
                team.join(", "),
                TAGS[i],
                TAGS[i + 3],
            ),
        );
    }
    let posts = if earlier { 60 } else { 70 };
    for i in 0..posts {
        write_post(site, i, earlier);
    }
    for i in 0..44 {
        let folder = site.root().join(format!("content/questions/question-{i}"));
        if i < 40 || earlier {
            write_question(site, i, earlier);
        } else if folder.exists() {
            // The earlier site's last questions are gone from the current one.
            std::fs::remove_dir_all(folder).unwrap();
        }
    }
    for (s, section) in SECTIONS.iter().enumerate() {
        if s != 1 {
            site.write(
                &format!("content/wiki/{section}/_index.md"),
                format!("---\ntitle: Section {section}\nweight: 1\n---\n\nAbout {section}.\n"),
            );
        }
        for i in 0..12 {
            write_wiki_page(site, section, i, earlier);
        }
    }
}

fn tags_of(i: usize, earlier: bool) -> String {
    let shift = usize::from(earlier) * 3;
    let picked: Vec<&str> = (0..=(i % 3)).map(|k| TAGS[(i * 7 + k * 3 + shift) % TAGS.len()]).collect();
    format!("[{}]", picked.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(", "))
}

fn write_post(site: &SiteTest, i: usize, earlier: bool) {
    let (author, _) = AUTHORS[i % AUTHORS.len()];
    let community = COMMUNITIES[i % COMMUNITIES.len()];
    // Five posts a day: every list has ties to break.
    let day = 1 + i / 5;
    let title =
        if earlier && i.is_multiple_of(4) { format!("Earlier post {i}") } else { format!("Post number {i}") };
    let link = if i.is_multiple_of(2) && i >= 2 && !i.is_multiple_of(7) && !(i - 2).is_multiple_of(7) {
        format!(" See [an older post](post-{}.md).", i - 2)
    } else {
        String::new()
    };
    let body = format!(
        "Opening of post {i}, about [[Wiki page tools 3]] and more.{link}\n\n<!-- more -->\n\n## Details\n\n```rust\nfn main() {{ println!(\"{i}\"); }}\n```\n"
    );
    let front = format!(
        "---\ntitle: {title}\ndate: 2025-01-{day:02}\nauthor: {author}\ncommunity: {community}\ntags: {}\n{}---\n\n",
        tags_of(i, earlier),
        if i == 3 { "aliases: [/old/post-three/]\n" } else { "" },
    );
    if i.is_multiple_of(7) {
        site.write(&format!("content/posts/post-{i}/index.md"), front + &body);
        site.write(&format!("content/posts/post-{i}/diagram.svg"), format!("<svg><text>{i}</text></svg>"));
        for c in 0..(1 + i % 3) {
            let (commenter, _) = AUTHORS[(i + c + 1) % AUTHORS.len()];
            site.write(
                &format!("content/posts/post-{i}/comments/comment-{c}.md"),
                format!(
                    "---\nauthors: [{commenter}]\ndate: 2025-01-{day:02}\n---\n\nComment {c} on post {i}.\n"
                ),
            );
        }
    } else {
        site.write(&format!("content/posts/post-{i}.md"), front + &body);
    }
}

fn write_question(site: &SiteTest, i: usize, earlier: bool) {
    let (author, _) = AUTHORS[(i * 3) % AUTHORS.len()];
    let answers = i % 4;
    let day = 1 + i / 4;
    let accepted = if answers > 0 && i.is_multiple_of(2) {
        format!("accepted: answer-{}\n", answers - 1)
    } else {
        String::new()
    };
    site.write(
        &format!("content/questions/question-{i}/index.md"),
        format!(
            "---\ntitle: How do I do thing {i}?\ndate: 2025-02-{day:02}\nauthor: {author}\ncommunity: {}\ntags: {}\n{accepted}---\n\nI tried [[Wiki page onboarding {}]].\n",
            COMMUNITIES[(i + 1) % COMMUNITIES.len()],
            tags_of(i + 1, earlier),
            i % 12,
        ),
    );
    for a in 0..answers {
        let (answerer, _) = AUTHORS[(i + a + 2) % AUTHORS.len()];
        site.write(
            &format!("content/questions/question-{i}/answers/answer-{a}.md"),
            format!("---\nauthors: [{answerer}]\ndate: 2025-02-{day:02}\n---\n\nAnswer {a}: try it.\n"),
        );
    }
}

fn write_wiki_page(site: &SiteTest, section: &str, i: usize, earlier: bool) {
    let name = section.replace('/', " ");
    let weight = if i.is_multiple_of(3) { String::new() } else { format!("weight: {}\n", 1 + i % 2) };
    let updated = if earlier { "2025-03-01" } else { "2025-03-02" };
    site.write(
        &format!("content/wiki/{section}/page-{i}.md"),
        format!(
            "---\ntitle: Wiki page {name} {i}\ndate: 2024-12-01\nupdated: {updated}\nauthors: [{}]\ntags: {}\n{weight}---\n\n# Wiki page {name} {i}\n\nSee also [the checklist](/files/checklist.txt) and [[Wiki page {name} {}]].\n",
            AUTHORS[(i * 5) % AUTHORS.len()].0,
            tags_of(i + 2, earlier),
            (i + 1) % 12,
        ),
    );
}
