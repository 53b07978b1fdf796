//! `static_dirs:` (folders published at their own paths beside `static/`) and `templates_dir:`
//! (where kennis's template overrides are, when `templates/` is another tool's).

use crate::support::{SiteTest, kennis};

#[test]
fn static_dirs_are_published_at_their_paths_and_their_links_resolve() {
    let site = SiteTest::new("dirs/assets").build();
    assert_eq!(site.file("assets/img/diagram.png").text, "PNG");
    assert_eq!(site.file("images/photo.jpg").text, "JPG");
    assert!(site.has_file("assets/site.css"));
    assert!(!site.has_file("assets/.editor.swp"), "editor leftovers are not published");
    assert!(!site.has_file("img/diagram.png"), "a static_dirs folder is not published at the root");
    site.page("posts/pictures/")
        .contains("<img src=\"/assets/img/diagram.png\" alt=\"Diagram\"")
        .contains("<a href=\"/images/photo.jpg\">here</a>");
}

#[test]
fn a_site_absolute_link_into_a_static_dirs_folder_is_checked() {
    let site = SiteTest::copy("dirs/assets");
    site.write("content/posts/broken.md", "---\ntitle: Broken\n---\n\nSee ![x](/assets/img/diagam.png).\n");
    let error = site.build_fails();
    assert!(error.contains("content/posts/broken.md:5:"), "{error}");
    assert!(
        error.contains("broken link `/assets/img/diagam.png`: there is no `assets/img/diagam.png`"),
        "{error}"
    );
    assert!(error.contains("did you mean `/assets/img/diagram.png`?"), "{error}");
}

#[test]
fn without_static_dirs_the_folder_is_not_published() {
    let site = SiteTest::copy("dirs/assets");
    site.write("site.yaml", "title: A site\ncontent_dir: content\n");
    site.remove("content/posts/pictures.md");
    let built = site.build();
    assert!(!built.has_file("assets/img/diagram.png"));
    assert!(!built.has_file("images/photo.jpg"));
}

#[test]
fn a_file_in_static_and_in_a_static_dirs_folder_on_one_path_is_refused() {
    let site = SiteTest::copy("dirs/assets");
    site.write("static/assets/site.css", "body { color: red }\n");
    let error = site.build_fails();
    assert!(error.contains("two things would be written to `assets/site.css`"), "{error}");
}

#[test]
fn static_dirs_of_a_site_whose_content_is_its_root_are_not_content() {
    let site = SiteTest::copy("dirs/assets");
    site.write("site.yaml", "title: In place\ncontent_dir: .\nstatic_dirs: [assets]\n");
    site.write("assets/notes.md", "# Not a page\n");
    let built = site.build();
    assert!(built.has_file("assets/notes.md"), "published as it is");
    built.lacks_page("assets/notes/");
    assert_eq!(built.file("assets/img/diagram.png").text, "PNG");
    built.page("content/posts/pictures/").contains("<img src=\"/assets/img/diagram.png\"");
}

#[test]
fn another_tools_templates_are_left_alone_with_templates_dir() {
    let site = SiteTest::new("dirs/zola").build();
    site.page("posts/hello/").contains("<h1 class=\"page-title\">Hello from Zola</h1>");
}

#[test]
fn templates_dir_holds_the_overrides() {
    let site = SiteTest::copy("dirs/zola");
    site.write(
        "kennis-templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<p class=\"ours\">{{ page.title }}</p>{% endblock %}",
    );
    site.build().page("posts/hello/").contains("<p class=\"ours\">Hello from Zola</p>");
}

#[test]
fn a_template_error_says_templates_dir_can_point_elsewhere() {
    let site = SiteTest::copy("dirs/zola");
    site.write("site.yaml", "title: A Zola blog\n");
    let error = site.build_fails();
    assert!(error.contains("templates/page.html:3:"), "{error}");
    assert!(
        error.contains(
            "if `templates/` belongs to another tool, set `templates_dir:` in site.yaml to a folder for kennis's templates"
        ),
        "{error}"
    );
    let site = SiteTest::copy("dirs/zola");
    site.write("kennis-templates/list.html", "{% if %}");
    let error = site.build_fails();
    assert!(error.contains("kennis-templates/list.html:1:"), "{error}");
}

#[test]
fn folder_settings_that_leave_the_root_or_overlap_the_content_are_errors_at_their_line() {
    let site = SiteTest::copy("dirs/assets");
    site.write(
        "site.yaml",
        "title: A site\ncontent_dir: content\nstatic_dirs:\n  - assets\n  - ../shared\n  - /srv/img\n  - content/img\n  - missing\n\
         templates_dir: content\n",
    );
    let ran = kennis(&["build", "--root", site.root().to_str().unwrap(), "--output", "/nonexistent/out"]);
    ran.exits_with(1);
    let error = ran.stderr();
    for expected in [
        "site.yaml:5:5: `static_dirs: ../shared` leaves the site root",
        "site.yaml:6:5: `static_dirs: /srv/img` leaves the site root",
        "site.yaml:7:5: `static_dirs: content/img` overlaps the content folder `content`",
        "site.yaml:8:5: `static_dirs: missing`: no such folder",
        "site.yaml:9:16: `templates_dir: content` overlaps the content folder `content`",
    ] {
        assert!(error.contains(expected), "no `{expected}` in:\n{error}");
    }
    site.write("site.yaml", "templates_dir: ..\n");
    let error = site.build_fails();
    assert!(error.contains("site.yaml:1:16: `templates_dir: ..` leaves the site root"), "{error}");
    site.write("site.yaml", "static_dirs: [.]\n");
    let error = site.build_fails();
    assert!(error.contains("site.yaml:1:15: `static_dirs: .` is the site root itself"), "{error}");
}

#[test]
fn no_output_may_land_in_a_static_dirs_or_templates_dir_folder() {
    let site = SiteTest::copy("dirs/assets");
    let output = site.root().join("assets/out");
    let error = site.build_into(&output).unwrap_err();
    assert!(error.contains("it is inside the site's `assets/` folder"), "{error}");
    let site = SiteTest::copy("dirs/zola");
    site.write("kennis-templates/page.html", "{% extends \"base.html\" %}");
    let error = site.build_into(&site.root().join("kennis-templates/out")).unwrap_err();
    assert!(error.contains("it is inside the site's `kennis-templates/` folder"), "{error}");
}

#[test]
fn a_static_dirs_entry_is_read_without_its_dot_slash_or_trailing_slash() {
    let site = SiteTest::copy("dirs/assets");
    site.write("site.yaml", "title: A site\ncontent_dir: ./content/\nstatic_dirs: [./images/, assets]\n");
    let built = site.build();
    assert_eq!(built.file("images/photo.jpg").text, "JPG");
    built.page("posts/pictures/").contains("<a href=\"/images/photo.jpg\">here</a>");
}
