//! Output folders spelled to walk around the guard (`nosuch/..`, `public/..`, symbolic links,
//! stray spare folders): each is refused before anything is created, renamed or deleted.

mod bench;
mod property;

use bench::Bench;

/// Runs `kennis build --root site --output OUTPUT` in the workbench, expecting a refusal.
fn refused(bench: &Bench, output: &str) -> String {
    let ran = bench.kennis(&["build", "--root", "site", "--output", output]);
    ran.exits_with(2);
    bench.assert_intact(output);
    ran.stderr()
}

fn root_refusal(bench: &Bench, given: &str) -> String {
    let root = bench.at("site");
    format!(
        "error: refusing to write to `{root}` (given as `{given}`): it is or contains the site root `{root}`, \
         which the build would replace; choose another `--output`, such as `{root}/public`\n"
    )
}

fn content_refusal(bench: &Bench, refused: &str, given: &str) -> String {
    format!(
        "error: refusing to write to `{}` (given as `{given}`): it is inside the site's content folder `{}`, \
         so the next build would read it as pages; choose an `--output` outside it\n",
        bench.at(refused),
        bench.at("site/content")
    )
}

#[test]
fn a_missing_folder_and_dotdot_do_not_hide_the_site_root() {
    let bench = Bench::new();
    assert_eq!(refused(&bench, "nosuch/../site"), root_refusal(&bench, "nosuch/../site"));
    assert!(!bench.exists("nosuch"), "nothing is created before the decision");
    assert!(!bench.exists(".site.kennis-old") && !bench.exists(".site.kennis-new"));
}

#[test]
fn a_missing_folder_and_dotdot_do_not_hide_the_content_folder() {
    let bench = Bench::new();
    let given = "nosuch/../site/content";
    assert_eq!(refused(&bench, given), content_refusal(&bench, "site/content", given));
    assert!(!bench.exists("nosuch"));
}

#[test]
fn a_missing_folder_and_dotdot_do_not_hide_a_foreign_folder() {
    let bench = Bench::new();
    let given = "nosuch/../foreign";
    assert_eq!(
        refused(&bench, given),
        format!(
            "error: refusing to replace `{}` (given as `{given}`): it has files that kennis did not write; \
             empty or remove it, or choose another `--output`\n",
            bench.at("foreign")
        )
    );
    assert!(!bench.exists("nosuch") && !bench.exists(".foreign.kennis-old"));
}

#[test]
fn public_then_dotdot_is_the_site_root_and_creates_nothing() {
    let bench = Bench::new();
    assert_eq!(refused(&bench, "site/public/.."), root_refusal(&bench, "site/public/.."));
    assert!(!bench.exists("site/public"), "`public/` is not created before the decision");
}

#[test]
fn every_folder_the_site_reads_is_refused_however_it_is_spelled() {
    let bench = Bench::new();
    for (given, resolved, folder) in [
        ("site/static/../templates", "site/templates", "templates"),
        ("nosuch/../site/authors/x", "site/authors/x", "authors"),
        ("./site//static/./img", "site/static/img", "static"),
    ] {
        assert_eq!(
            refused(&bench, given),
            format!(
                "error: refusing to write to `{}` (given as `{given}`): it is inside the site's `{folder}/` \
                 folder; choose an `--output` outside it\n",
                bench.at(resolved)
            )
        );
    }
    assert!(!bench.exists("nosuch"));
}

#[test]
fn symbolic_links_to_the_site_are_followed_before_deciding() {
    let bench = Bench::new();
    assert_eq!(refused(&bench, "to-site"), root_refusal(&bench, "to-site"));
    assert_eq!(
        refused(&bench, "to-content/posts"),
        content_refusal(&bench, "site/content/posts", "to-content/posts")
    );
    let given = "to-static/nosuch/../../content/new";
    assert_eq!(refused(&bench, given), content_refusal(&bench, "site/content/new", given));
    assert!(!bench.exists("site/static/nosuch"), "nothing is created inside `static/`");
}

#[test]
fn dotdot_after_a_link_that_leads_elsewhere_is_also_read_as_written() {
    let bench = Bench::new();
    std::fs::create_dir_all(bench.top.join("elsewhere/deep")).unwrap();
    bench.link(&bench.top.join("elsewhere/deep").display().to_string(), "away");
    // Through the link, `away/../site` is `elsewhere/site`; read as written, it is the root.
    assert_eq!(refused(&bench, "away/../site"), root_refusal(&bench, "away/../site"));
    assert!(!bench.top.join("elsewhere/site").exists());
}

#[test]
fn the_folder_above_through_a_link_is_refused() {
    let bench = Bench::new();
    let ran = bench.kennis(&["build", "--root", "site", "--output", "to-content/../.."]);
    ran.exits_with(2);
    assert!(
        ran.stderr().starts_with(&format!(
            "error: refusing to write to `{}` (given as `to-content/../..`)",
            bench.w.display()
        )),
        "{}",
        ran.stderr()
    );
    bench.assert_intact("to-content/../..");
}

#[test]
fn a_stray_spare_folder_without_the_marker_is_refused() {
    let bench = Bench::new();
    bench.write("site/.public.kennis-old/important.txt", "not kennis's\n");
    let bench = bench.record_sentinels();
    let ran = bench.kennis(&["build", "--root", "site"]);
    ran.exits_with(2);
    assert_eq!(
        ran.stderr(),
        format!(
            "error: refusing to reuse `{}`: kennis keeps its spare copy of the output there, but this folder has \
             files and no `.kennis-output` marker, so kennis did not make it; move it away or remove it, then \
             build again\n",
            bench.at("site/.public.kennis-old")
        )
    );
    bench.assert_intact("a stray spare");
    assert!(!bench.exists("site/public"));
}

#[test]
fn a_stray_staging_folder_without_the_marker_is_refused() {
    let bench = Bench::new();
    bench.write("out/.kennis-output", "");
    bench.write(".out.kennis-new/important.txt", "not kennis's\n");
    let bench = bench.record_sentinels();
    let ran = bench.kennis(&["build", "--root", "site", "--output", "out"]);
    ran.exits_with(2);
    assert_eq!(
        ran.stderr(),
        format!(
            "error: refusing to reuse `{}`: kennis writes the next output there, but this folder has files and \
             no `.kennis-output` marker, so kennis did not make it; move it away or remove it, then build again\n",
            bench.at(".out.kennis-new")
        )
    );
    bench.assert_intact("a stray staging folder");
}

#[test]
fn a_spare_folder_that_is_a_link_is_refused() {
    let bench = Bench::new();
    bench.link("foreign", ".out.kennis-old");
    let ran = bench.kennis(&["build", "--root", "site", "--output", "out"]);
    ran.exits_with(2);
    assert_eq!(
        ran.stderr(),
        format!(
            "error: refusing to reuse `{}`: kennis keeps its spare copy of the output there, but this is a \
             symbolic link, not a folder kennis made; remove it, then build again\n",
            bench.at(".out.kennis-old")
        )
    );
    bench.assert_intact("a linked spare");
    assert!(!bench.exists("out"));
}

#[test]
fn links_planted_in_the_spare_folder_are_replaced_not_followed() {
    let bench = Bench::new();
    for _ in 0..2 {
        bench.kennis(&["build", "--root", "site", "--output", "out"]).exits_with(0);
    }
    let spare = bench.w.join(".out.kennis-old");
    assert!(spare.join("posts/a/index.html").is_file(), "the second build left a spare copy");
    std::fs::remove_dir_all(spare.join("posts")).unwrap();
    bench.link("../foreign", ".out.kennis-old/posts");
    std::fs::remove_file(spare.join("index.html")).unwrap();
    bench.link("../foreign/notes.txt", ".out.kennis-old/index.html");
    bench.link("../foreign", ".out.kennis-old/stale-link");
    let bench = bench.record_sentinels();

    bench.kennis(&["build", "--root", "site", "--output", "out"]).exits_with(0);
    bench.assert_intact("links in the spare folder");
    let foreign: Vec<_> =
        std::fs::read_dir(bench.w.join("foreign")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(foreign, ["notes.txt"], "nothing was written through the links");
    let out = bench.w.join("out");
    assert!(!bench.exists("out/stale-link"), "a link the build did not write is removed as a link");
    assert!(std::fs::symlink_metadata(out.join("posts")).unwrap().is_dir());
    assert!(std::fs::symlink_metadata(out.join("index.html")).unwrap().is_file());
    assert!(std::fs::read_to_string(out.join("posts/a/index.html")).unwrap().contains("Text of a."));
}

#[test]
fn a_site_whose_content_is_its_root_keeps_public_and_refuses_the_rest() {
    let bench = Bench::new();
    bench.write(
        "site/site.yaml",
        "title: Handbook\nbase_url: https://intranet.example.org/\ncontent_dir: .\n",
    );
    let bench = bench.record_sentinels();
    let given = "nosuch/../site/sub";
    let ran = bench.kennis(&["build", "--root", "site", "--output", given]);
    ran.exits_with(2);
    assert_eq!(
        ran.stderr(),
        format!(
            "error: refusing to write to `{}` (given as `{given}`): it is inside the site's content folder `{}`, \
             so the next build would read it as pages; choose an `--output` outside it\n",
            bench.at("site/sub"),
            bench.at("site")
        )
    );
    for _ in 0..3 {
        bench.kennis(&["build", "--root", "site"]).exits_with(0);
    }
    bench.assert_intact("`public/` of a site whose content is its root");
    assert!(bench.w.join("site/public/index.html").is_file());
    assert!(!bench.exists("site/public/public"));
}

#[test]
fn a_build_of_an_unchanged_site_rewrites_nothing() {
    let bench = Bench::new();
    let out = bench.w.join("out");
    bench.kennis(&["build", "--root", "site", "--output", "out"]).exits_with(0);
    let first = modification_times(&out);
    std::thread::sleep(std::time::Duration::from_millis(20));
    // The second build writes a fresh folder; the third reuses the first one, now the spare.
    for _ in 0..2 {
        bench.kennis(&["build", "--root", "site", "--output", "out"]).exits_with(0);
    }
    assert_eq!(modification_times(&out), first, "the reused folder's files were left alone");
}

fn modification_times(folder: &std::path::Path) -> Vec<(std::path::PathBuf, std::time::SystemTime)> {
    let files = bench::files_below(folder);
    files.keys().map(|path| (path.clone(), std::fs::metadata(path).unwrap().modified().unwrap())).collect()
}

#[test]
fn a_static_file_named_like_the_marker_is_refused() {
    let bench = Bench::new();
    bench.write("site/static/.kennis-output", "a file that would mark any folder as kennis's\n");
    let ran = bench.kennis(&["build", "--root", "site", "--output", "out"]);
    ran.exits_with(2);
    assert!(
        ran.stderr().ends_with(
            "error: `.kennis-output` would be written by the site, but it is the file by which kennis knows its \
             own output folder; rename the file in `static/`\n"
        ),
        "{}",
        ran.stderr()
    );
    assert!(!bench.exists("out"));
}
