//! The output folder: replaced whole on success, untouched on failure, and never a folder kennis must not touch.

use crate::support::{SiteTest, shown};

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = SiteTest::copy("basic/blog");
    let place = tempfile::tempdir().unwrap();
    let output = place.path().join("public");
    site.build_into(&output).expect("the first build succeeds");
    let before = std::fs::read_to_string(output.join("posts/hello/index.html")).unwrap();

    site.write("content/posts/hello.md", "---\ntitle: Hello, kennis\nauthor: nobody\n---\n\nChanged.\n");
    let error = site.build_into(&output).expect_err("the second build fails");
    assert!(error.contains("unknown author `nobody`"), "{error}");

    assert_eq!(std::fs::read_to_string(output.join("posts/hello/index.html")).unwrap(), before);
    assert!(output.join("posts/from-the-archive/index.html").is_file());
    assert!(output.join("atom.xml").is_file());
    let beside = names_in(place.path());
    assert!(
        !beside.iter().any(|name| name.contains("kennis-new")),
        "no half-written folder is left: {beside:?}"
    );
}

#[test]
fn a_build_that_fails_while_rendering_leaves_the_previous_output_untouched() {
    let site = SiteTest::copy("basic/blog");
    let place = tempfile::tempdir().unwrap();
    let output = place.path().join("public");
    site.build_into(&output).expect("the first build succeeds");
    let before = std::fs::read_to_string(output.join("posts/hello/index.html")).unwrap();

    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ page.nothing.here }}\n{% endblock main %}\n",
    );
    let error = site.build_into(&output).expect_err("rendering fails");
    assert!(error.contains("page.html"), "{error}");

    assert_eq!(std::fs::read_to_string(output.join("posts/hello/index.html")).unwrap(), before);
    let beside = names_in(place.path());
    assert!(
        !beside.iter().any(|name| name.contains("kennis-new")),
        "the staging folder is removed: {beside:?}"
    );
}

#[test]
fn building_twice_replaces_the_output() {
    let site = SiteTest::copy("basic/blog");
    let place = tempfile::tempdir().unwrap();
    let output = place.path().join("public");
    site.build_into(&output).expect("the first build succeeds");
    assert!(output.join("posts/from-the-archive/index.html").is_file());

    site.remove("content/posts/2024-11-05-from-the-archive.md");
    site.write("content/posts/new.md", "---\ntitle: Brand new\ndate: 2025-06-01\n---\n\nNew.\n");
    site.build_into(&output).expect("the second build succeeds");
    assert!(!output.join("posts/from-the-archive/index.html").exists(), "a removed page disappears");
    assert!(output.join("posts/new/index.html").is_file());
    assert!(std::fs::read_to_string(output.join("posts/index.html")).unwrap().contains("Brand new"));

    site.build_into(&output).expect("a third build succeeds too");
    assert!(output.join("posts/new/index.html").is_file());
}

#[test]
fn the_site_root_is_refused_as_output() {
    let site = SiteTest::copy("basic/blog");
    let root = site.root().to_path_buf();
    let error = site.build_into(&root).expect_err("refused");
    let root = shown(&root);
    assert_eq!(
        error,
        format!(
            "error: refusing to write to `{root}`: it is or contains the site root `{root}`, which the build \
             would replace; choose another `--output`, such as `{root}/public`\n"
        )
    );
    assert!(site.root().join("content/posts/hello.md").is_file(), "the site is untouched");
}

#[test]
fn a_folder_above_the_site_is_refused_as_output() {
    let site = SiteTest::copy("basic/blog");
    let above = site.root().parent().unwrap().to_path_buf();
    let error = site.build_into(&above).expect_err("refused");
    assert!(
        error.starts_with(&format!(
            "error: refusing to write to `{}`: it is or contains the site root",
            shown(&above)
        )),
        "{error}"
    );
}

#[test]
fn a_folder_inside_content_is_refused_as_output() {
    let site = SiteTest::copy("basic/blog");
    let inside = site.root().join("content/public-site");
    let error = site.build_into(&inside).expect_err("refused");
    assert_eq!(
        error,
        format!(
            "error: refusing to write to `{}`: it is inside the site's content folder `{}`, so the next build \
             would read it as pages; choose an `--output` outside it\n",
            shown(&inside),
            shown(&site.root().join("content"))
        )
    );
    assert!(!inside.exists(), "nothing was written");
}

#[test]
fn a_folder_inside_static_is_refused_as_output() {
    let site = SiteTest::copy("basic/blog");
    let inside = site.root().join("static/site");
    let error = site.build_into(&inside).expect_err("refused");
    assert_eq!(
        error,
        format!(
            "error: refusing to write to `{}`: it is inside the site's `static/` folder; choose an `--output` \
             outside it\n",
            shown(&inside)
        )
    );
}

#[test]
fn a_folder_kennis_did_not_make_is_refused() {
    let site = SiteTest::copy("basic/blog");
    let place = tempfile::tempdir().unwrap();
    let docs = place.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("notes.txt"), "mine").unwrap();
    let error = site.build_into(&docs).expect_err("refused");
    assert_eq!(
        error,
        format!(
            "error: refusing to replace `{}`: it has files that kennis did not write; empty or remove it, or \
             choose another `--output`\n",
            shown(&docs)
        )
    );
    assert_eq!(std::fs::read_to_string(docs.join("notes.txt")).unwrap(), "mine");
}

#[test]
fn an_empty_folder_is_accepted_as_output() {
    let site = SiteTest::new("basic/blog");
    let place = tempfile::tempdir().unwrap();
    let empty = place.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    site.build_into(&empty).expect("an empty folder may be used");
    assert!(empty.join("posts/hello/index.html").is_file());
}

#[test]
fn the_default_output_is_public_in_the_root() {
    let site = SiteTest::copy("basic/blog");
    let options = kennis::BuildOptions { root: site.root().to_path_buf(), ..Default::default() };
    let (_, report) = kennis::build_site(&options).expect("builds");
    assert_eq!(shown(&report.output), shown(&site.root().join("public")));
    assert!(site.root().join("public/posts/hello/index.html").is_file());
    kennis::build_site(&options).expect("a second build reads `public/` as output, not as content");
    assert!(!site.root().join("public/public").exists());
}

/// The names of the entries of a folder: what a person sees beside the output.
fn names_in(folder: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}
