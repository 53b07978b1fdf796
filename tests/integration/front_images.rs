//! A page's picture from front matter (`image:`, Jekyll's `{path, alt}`, Hugo's `images:`,
//! `thumbnail:`, Zola's `[extra] image`): above the body, on cards, as `og:image`, and
//! checked like a Markdown image at its front-matter position.

use crate::support::SiteTest;

#[test]
fn each_form_is_the_picture_above_the_body_and_the_og_image() {
    let site = SiteTest::new("front-image").build();
    assert_eq!(site.problems(), Vec::<String>::new());
    // A bundle's own file, and one beside a flat post, reached from the clean URL.
    site.page("posts/bundle/")
        .contains("<meta property=\"og:image\" content=\"https://blog.example.org/posts/bundle/hero.png\">")
        .contains("<figure class=\"page-image\"><img src=\"/posts/bundle/hero.png\" alt=\"\" decoding=\"async\"></figure>");
    site.page("posts/flat/")
        .contains("<img src=\"/posts/pics/flat.png\" alt=\"\"")
        .contains("content=\"https://blog.example.org/posts/pics/flat.png\"");
    // Jekyll's `{path, alt}` from a `static_dirs` folder, with its alt text.
    site.page("posts/jekyll/")
        .contains("<meta property=\"og:image\" content=\"https://blog.example.org/assets/img/cat.png\">")
        .contains("<meta property=\"og:image:alt\" content=\"A cat asleep on a keyboard\">")
        .contains("<img src=\"/assets/img/cat.png\" alt=\"A cat asleep on a keyboard\"");
    // Hugo's list: the first; the second is not shown.
    site.page("posts/hugo/").contains("<img src=\"/assets/img/cat.png\" alt=\"\"").lacks("second.png");
    // Zola's `[extra] image`, an address kept as written (and never fetched).
    site.page("posts/zola/")
        .contains("<meta property=\"og:image\" content=\"https://cdn.example.org/zola.png\">")
        .contains("<img src=\"https://cdn.example.org/zola.png\" alt=\"\"");
    site.page("wiki/logo/").contains("<img src=\"/posts/pics/flat.png\" alt=\"\"");
    site.page("posts/jekyll/").contains_in_order(&[
        "<meta property=\"og:type\" content=\"article\">",
        "<meta property=\"og:title\" content=\"A Jekyll post\">",
        "<meta property=\"og:url\" content=\"https://blog.example.org/posts/jekyll/\">",
        "<meta name=\"twitter:card\" content=\"summary_large_image\">",
        "</head>",
        "class=\"page-image\"",
        "class=\"prose\"",
    ]);
}

#[test]
fn cards_show_the_picture_lazily() {
    let site = SiteTest::new("front-image").build();
    let card = "<img class=\"card-image\" src=\"/posts/bundle/hero.png\" alt=\"\" loading=\"lazy\" decoding=\"async\">";
    // The posts list is dense rows, each picture a small thumbnail at the row's end.
    let row = card.replace("card-image", "row-image");
    site.page("posts/").contains(&row).contains(
        "<img class=\"row-image\" src=\"/assets/img/cat.png\" alt=\"A cat asleep on a keyboard\" loading=\"lazy\"",
    );
    site.page("").contains(card);
    assert_eq!(site.page("posts/").count("class=\"row-image\""), 5, "every post but the plain one");
    // On the home page's cards the picture is a thumbnail beside the text (`.card.has-image`),
    // not a banner above it.
    assert_eq!(site.page("").count(" has-image\">"), 5);
}

#[test]
fn og_image_follows_the_base_url() {
    let site = SiteTest::new("front-image").base_url("https://intranet.example.org/blog/").build();
    site.page("posts/bundle/")
        .contains("<meta property=\"og:image\" content=\"https://intranet.example.org/blog/posts/bundle/hero.png\">")
        .contains("<img src=\"/blog/posts/bundle/hero.png\"");
    site.page("posts/jekyll/").contains("<img src=\"/blog/assets/img/cat.png\"");
    // Without an absolute base, the site-relative URL is the best there is.
    let site = SiteTest::new("front-image").base_url("/").build();
    site.page("posts/bundle/").contains("<meta property=\"og:image\" content=\"/posts/bundle/hero.png\">");
}

#[test]
fn a_page_without_a_picture_has_no_og_image_and_is_as_before() {
    let site = SiteTest::new("front-image").build();
    site.page("posts/plain/")
        .lacks("og:")
        .lacks("twitter:")
        .lacks("page-image")
        .contains("<meta name=\"description\"");
    // Zola themes write `image = ""` for no picture: the page is byte for byte one without the field.
    let copy = SiteTest::copy("front-image");
    copy.write(
        "content/posts/plain.md",
        "+++\ntitle = \"No picture\"\ndate = 2024-05-06\n+++\n\nNothing to show.\n",
    );
    let without = copy.build().page("posts/plain/").text;
    copy.write(
        "content/posts/plain.md",
        "+++\ntitle = \"No picture\"\ndate = 2024-05-06\n[extra]\nimage = \"\"\n+++\n\nNothing to show.\n",
    );
    let empty = copy.build();
    assert_eq!(empty.problems(), Vec::<String>::new());
    let empty = empty.page("posts/plain/").text;
    assert_eq!(empty, without);
    assert!(!empty.contains("og:image"));
}

#[test]
fn a_missing_picture_is_reported_at_its_front_matter_position() {
    let site = SiteTest::copy("front-image");
    site.write("content/posts/broken.md", "---\ntitle: Broken\nimage: missing.png\n---\nBody.\n");
    site.write(
        "content/posts/broken2.md",
        "+++\ntitle = \"Broken too\"\n[extra]\nthumbnail = \"/assets/img/cta.png\"\n+++\nBody.\n",
    );
    let error = site.build_fails();
    assert!(
        error.contains(
            "error: content/posts/broken.md:3:8: broken image `missing.png`: `content/posts/missing.png` does not exist"
        ),
        "{error}"
    );
    assert!(
        error.contains("error: content/posts/broken2.md:4:13: broken link `/assets/img/cta.png`: there is no `assets/img/cta.png`\n  = help: did you mean `/assets/img/cat.png`?"),
        "{error}"
    );
    assert!(error.contains("found 2 errors in 2 files"), "{error}");
}

#[test]
fn with_broken_links_as_warnings_a_missing_picture_is_left_out() {
    let site = SiteTest::copy("front-image");
    site.write("site.yaml", "title: Pictures\nbase_url: https://blog.example.org/\nstatic_dirs: [assets]\nlinks: {broken: warn}\n");
    site.write(
        "content/posts/broken.md",
        "---\ntitle: Broken\nimage: {path: missing.png, alt: Gone}\n---\nBody.\n",
    );
    let built = site.build();
    assert_eq!(
        built.problems(),
        [
            "warning: content/posts/broken.md:3:15: broken image `missing.png`: `content/posts/missing.png` does not exist\n  = help: a picture's path is counted from the page's folder, then from the site's root (`static/missing.png`)"
        ]
    );
    built.page("posts/broken/").lacks("og:image").lacks("page-image").lacks("missing.png");
}

#[test]
fn a_picture_whose_url_runs_code_is_refused() {
    let site = SiteTest::copy("front-image");
    site.write(
        "content/posts/js.md",
        "---\ntitle: Script\nimage: {path: \"JavaScript:alert(1)\", alt: x}\n---\nBody.\n",
    );
    site.write(
        "content/posts/svg.md",
        "---\ntitle: Svg\nimages: [\"data:image/svg+xml,<svg onload=alert(1)>\"]\n---\nBody.\n",
    );
    site.write(
        "content/posts/png.md",
        "---\ntitle: Png\nimage: \"data:image/png;base64,iVBORw0KGgo=\"\n---\nBody.\n",
    );
    let built = site.build();
    let problems = built.problems();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].starts_with("warning: content/posts/js.md:3:15: image `JavaScript:alert(1)` removed: a `javascript:` URL runs code in the reader's browser\n  = help: put the image beside the page and name it there: `image: image.png`"), "{problems:#?}");
    assert!(
        problems[1].starts_with("warning: content/posts/svg.md:3:10: image `data:image/svg+xml"),
        "{problems:#?}"
    );
    built.page("posts/js/").lacks("alert").lacks("og:image");
    built.page("posts/svg/").lacks("onload").lacks("og:image");
    built.page("posts/png/").contains("<img src=\"data:image/png;base64,iVBORw0KGgo=\"");
}

#[test]
fn a_hostile_address_and_alt_text_are_escaped() {
    let site = SiteTest::copy("front-image");
    site.write(
        "content/posts/hostile.md",
        "---\ntitle: \"Hostile \\\"<b>\"\nimage:\n  path: 'https://e.example/a.png?\"><script>alert(1)</script>'\n  alt: \"\\\"><img src=x onerror=alert(2)>\"\n---\nBody.\n",
    );
    let built = site.build();
    let page = built.page("posts/hostile/");
    page.lacks("<script>alert(1)")
        .lacks("<img src=x")
        .contains("content=\"https://e.example/a.png?&quot;&gt;&lt;script&gt;alert(1)&lt;")
        .contains("alt=\"&quot;&gt;&lt;img src=x onerror=alert(2)&gt;\"")
        .contains("<meta property=\"og:title\" content=\"Hostile &quot;&lt;b&gt;\">");
    built.page("posts/").lacks("<script>alert(1)").lacks("<img src=x");
}

#[test]
fn a_picture_added_while_serving_shows_where_a_clean_build_shows_it() {
    let site = SiteTest::copy("front-image");
    let options = |output: &str| kennis::BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(site.root().with_file_name(output)),
        ..kennis::BuildOptions::default()
    };
    let built = kennis::build_kept_site(&options("kept"));
    let mut kept = built.unwrap_or_else(|e| panic!("{}", kennis::commands::describe_error(&e))).0;
    site.write(
        "content/posts/plain.md",
        "---\ntitle: No picture\ndate: 2024-05-06\nimage: /assets/img/cat.png\n---\n\nNothing to show.\n",
    );
    let changed = kennis::paths::ContentPath::from_components(["posts", "plain.md"]);
    let update = kept.reread(&[changed]).expect("takes the change");
    let shown = kennis::output::MemorySink::new();
    kept.built.render_only(&update.affected.render, &shown).expect("renders");
    let clean = kennis::output::MemorySink::new();
    let built = kennis::build_site(&options("clean"));
    built
        .unwrap_or_else(|e| panic!("{}", kennis::commands::describe_error(&e)))
        .0
        .render_all(&clean)
        .expect("renders");
    for file in ["posts/plain/index.html", "posts/index.html", "index.html"] {
        let path = kennis::paths::OutputPath::new(file).unwrap();
        let after = shown.read(&path).unwrap_or_else(|| panic!("`{file}` is rendered again"));
        assert_eq!(after, clean.read(&path).unwrap(), "`{file}` as a clean build renders it");
        assert!(
            String::from_utf8_lossy(&after).contains("/assets/img/cat.png"),
            "`{file}` shows the picture"
        );
    }
}

#[test]
fn a_path_not_beside_the_page_is_read_from_the_site_root_as_jekyll_and_zola_read_it() {
    let site = SiteTest::copy("front-image");
    // Jekyll's `image: assets/…` and a Zola theme's `[extra] image = "img/…"` (a `static/` file).
    site.write(
        "content/posts/jekyll.md",
        "---\ntitle: A Jekyll post\nimage: assets/img/cat.png\n---\nBody.\n",
    );
    site.write("static/img/zola.png", "PNG");
    site.write(
        "content/posts/zola.md",
        "+++\ntitle = \"A Zola post\"\n[extra]\nimage = \"img/zola.png\"\n+++\nBody.\n",
    );
    // Beside the page wins: `pics/flat.png` is the flat post's own.
    site.write("static/pics/flat.png", "PNG");
    let built = site.build();
    assert_eq!(built.problems(), Vec::<String>::new());
    built.page("posts/jekyll/").contains("<img src=\"/assets/img/cat.png\" alt=\"\"");
    built
        .page("posts/zola/")
        .contains("<meta property=\"og:image\" content=\"https://blog.example.org/img/zola.png\">");
    built.page("posts/flat/").contains("<img src=\"/posts/pics/flat.png\"");
    // Neither beside the page nor from the root: reported as beside the page.
    site.write(
        "content/posts/zola.md",
        "+++\ntitle = \"A Zola post\"\n[extra]\nimage = \"img/zolla.png\"\n+++\nBody.\n",
    );
    let error = site.build_fails();
    assert!(
        error.contains("content/posts/zola.md:4:9: broken image `img/zolla.png`: `content/posts/img/zolla.png` does not exist"),
        "{error}"
    );
}

#[test]
fn picture_field_names_are_read_in_any_case_as_hugo_reads_them() {
    let site = SiteTest::copy("front-image");
    site.write("static/img/top.png", "PNG");
    site.write("static/img/extra.png", "PNG");
    site.write(
        "content/posts/zola.md",
        "---\ntitle: A Zola post\nthumbnail: /img/extra.png\nImage: /img/top.png\n---\nBody.\n",
    );
    site.write(
        "content/posts/hugo.md",
        "+++\ntitle = \"A Hugo post\"\n[params]\nImages = [\"/img/extra.png\"]\n+++\nBody.\n",
    );
    let built = site.build();
    assert_eq!(built.problems(), Vec::<String>::new());
    built.page("posts/zola/").contains("<img src=\"/img/top.png\" alt=\"\"").lacks("extra.png");
    built.page("posts/hugo/").contains("<img src=\"/img/extra.png\" alt=\"\"");
}
