//! Template syntax another engine left in Markdown (Jekyll's Liquid, Hugo's shortcodes) and
//! Zola's `@/` links: link tags become checked links, highlight blocks code, raw text kept,
//! every other tag one warning a file, code untouched.

use crate::support::{SiteTest, kennis, shown, without_notes};

const TAGS_WARNING: &str = "warning: _posts/2016-04-05-tags.md:8:1: `{% include video.html id=\"abc123\" %}` \
     is shown as written: kennis does not run Liquid or shortcodes (and 1 more tag in this file)\n  \
     = help: write the HTML it stands for instead (an `<iframe>`, a `<video>`, a `<div>` block): HTML in Markdown is kept";

#[test]
fn liquid_link_tags_become_links_under_the_base_path() {
    let site = SiteTest::new("liquid/jekyll").build();
    site.page("posts/links/").main().contains_in_order(&[
        "<img src=\"/blog/assets/x.png\" alt=\"logo\"",
        "<a href=\"/blog/2015/09/04/first/\">the first</a>",
        "<a href=\"/blog/assets/x.png\">abs</a>",
        "<a href=\"/blog/docs/setup/\">setup</a>",
        "<a href=\"/blog/posts/first/#getting-started\">first</a>",
        "<a href=\"/blog/posts/sub/nested/\">nested</a>",
        "<a href=\"/blog/docs/setup/\">pre</a>",
        "<img src=\"/blog/assets/x.png\" alt=\"html\">",
    ]);
    site.page("posts/links/").lacks("site.baseurl }}/assets").lacks("post_url 2015").lacks("@/");
}

#[test]
fn tags_in_code_spans_and_blocks_stay_as_written_and_are_not_reported() {
    let site = SiteTest::new("liquid/jekyll").build();
    site.page("posts/links/")
        .main()
        .contains("<code>{{ site.baseurl }}</code>")
        .contains("{% post_url 2099-01-01-nowhere %}\n{{ page.title }}\n</code></pre>");
    // The broken post_url in the code block is no link, and the only warning is another file's.
    assert_eq!(site.problems(), vec![TAGS_WARNING.to_owned()]);
}

#[test]
fn other_tags_are_shown_as_written_with_one_warning_a_file_and_the_build_succeeds() {
    let site = SiteTest::new("liquid/jekyll");
    let built = site.build();
    built
        .page("posts/tags/")
        .main()
        .contains("<p>{% include video.html id=\"abc123\" %}</p>")
        // A comment goes, as in Jekyll; the filter it cannot run stays.
        .contains("<p>Then {{ page.title | upcase }} and .</p>")
        .lacks("gone");
    let out = tempfile::tempdir().expect("temporary folder");
    let ran =
        kennis(&["build", "--root", &shown(site.root()), "--output", &shown(&out.path().join("public"))]);
    ran.exits_with(0);
    assert!(without_notes(&ran.stderr()).starts_with(&format!("{TAGS_WARNING}\n")), "{}", ran.stderr());
}

#[test]
fn raw_keeps_its_contents_and_highlight_is_a_highlighted_code_block() {
    let site = SiteTest::new("liquid/jekyll").build();
    let page = site.page("posts/code/").main();
    page.contains("<p>Use {{ page.title }} in a layout.</p>")
        .contains("<pre class=\"code hl-code\" data-lang=\"ruby\"><code class=\"language-ruby\">")
        .contains("<span class=\"hl-keyword hl-declaration hl-function hl-ruby\">def</span>")
        .contains("{{ not liquid }}")
        .contains("&lt;/</span><span class=\"hl-entity hl-name hl-tag hl-block hl-any hl-html\">h1</span>")
        .lacks("raw %}")
        .lacks("highlight");
}

#[test]
fn a_post_url_to_a_missing_post_is_a_broken_link_at_its_position() {
    let site = SiteTest::copy("liquid/jekyll");
    site.write(
        "_posts/2016-03-04-broken.md",
        "---\ntitle: Broken\nauthor: an\n---\n\nIntro.\n\nSee [the lost post]({% post_url 2015-09-05-missing %}) \
         and ![a lost image]({{ site.baseurl }}/assets/missing.png).\n",
    );
    assert_eq!(
        without_notes(&site.build_fails()),
        "error: _posts/2016-03-04-broken.md:8:5: broken link `{% post_url 2015-09-05-missing %}`: \
         no post `2015-09-05-missing` in a `_posts` folder\n  \
         = help: `{% post_url name %}` names a post by its file name without the extension, \
         e.g. `{% post_url 2015-09-04-title %}` for `_posts/2015-09-04-title.md`\n\
         error: _posts/2016-03-04-broken.md:8:60: broken link `/assets/missing.png`: there is no `assets/missing.png`\n  \
         = help: a link starting with a `static_dirs` folder names a file in that folder of the site root\n\
         warning: _posts/2016-04-05-tags.md:8:1: `{% include video.html id=\"abc123\" %}` is shown as written: \
         kennis does not run Liquid or shortcodes (and 1 more tag in this file)\n  \
         = help: write the HTML it stands for instead (an `<iframe>`, a `<video>`, a `<div>` block): HTML in Markdown is kept\n\
         error: found 2 errors in 1 file\n"
    );
}

#[test]
fn hugo_ref_and_relref_are_links_and_figure_is_reported() {
    let site = SiteTest::new("liquid/hugo").build();
    site.page("docs/usage/")
        .main()
        .contains("<a href=\"/docs/install/\">install</a>")
        .contains("<a href=\"/docs/install/#requirements\">requirements</a>")
        .contains("<a href=\"/docs/\">the docs</a>")
        // Without a leading `/`, from the page's folder, else from the content folder.
        .contains("<a href=\"/docs/install/\">install again</a>")
        .contains("<p>{{&lt; figure src=\"/images/diagram.png\" caption=\"How it works\" &gt;}}</p>")
        // Hugo's commented shortcode shows the shortcode, without the comment marks.
        .contains(
            "<code class=\"language-go-html-template\">{{&lt; ref &quot;/docs/install&quot; &gt;}}\n</code>",
        )
        // Hugo's highlight shortcode is a highlighted code block.
        .contains("<pre class=\"code hl-code\" data-lang=\"go\"><code class=\"language-go\">")
        .contains("<span class=\"hl-storage hl-type hl-keyword hl-function hl-go\">func</span>")
        .lacks("highlight");
    assert_eq!(
        site.problems(),
        vec![
            "warning: content/docs/usage.md:8:1: `{{< figure src=\"/images/diagram.png\" caption=\"How it works\" …` \
             is shown as written: kennis does not run Hugo shortcodes\n  \
             = help: write the image in Markdown instead: `![alt text](image.png \"caption\")`"
                .to_owned()
        ]
    );
}

#[test]
fn a_broken_hugo_ref_is_reported_where_it_is_written() {
    let site = SiteTest::copy("liquid/hugo");
    site.write(
        "content/docs/more.md",
        "+++\ntitle = \"More\"\n+++\n\nSee [gone]({{< ref \"/docs/gone\" >}}).\n\nAnd [lost]({{< relref \"lost.md\" >}}).\n",
    );
    let printed = without_notes(&site.build_fails());
    assert!(
        printed.starts_with(
            "error: content/docs/more.md:5:5: broken link `@/docs/gone`: `content/docs/gone` does not exist\n  \
             = help: a link starting with `@/` (or a `{% link %}` tag) names a file by its path from the content folder\n\
             error: content/docs/more.md:7:5: broken link `lost.md` (a Hugo `ref`): \
             neither `content/docs/lost.md` nor `content/lost.md` exists\n  \
             = help: a `ref` without a leading `/` names a page from the page's folder, else from the content folder\n"
        ),
        "{printed}"
    );
}

#[test]
fn zola_links_from_the_content_folder_resolve_with_their_anchors_also_in_raw_html() {
    let site = SiteTest::new("zola-links").build();
    assert_eq!(site.problems(), Vec::<String>::new());
    site.page("guide/usage/").main().contains_in_order(&[
        "<a href=\"/docs/guide/install/\">install it</a>",
        "<a href=\"/docs/guide/install/#whats-next\">what's next</a>",
        // Zola's own heading id for "What's next" lands on kennis's.
        "<a href=\"/docs/guide/install/#whats-next\">in Zola's spelling</a>",
        "<a href=\"/docs/guide/install/\">install</a>",
        "<code>[x](@/guide/usage.md)</code>",
    ]);
}

#[test]
fn a_broken_zola_link_and_a_wrong_anchor_are_errors_at_their_position() {
    let site = SiteTest::copy("zola-links");
    site.write(
        "content/guide/faq.md",
        "+++\ntitle = \"FAQ\"\n+++\n\nSee [old](@/guide/usag.md) and\n[anchor](@/guide/install/index.md#nowhere).\n",
    );
    assert_eq!(
        without_notes(&site.build_fails()),
        "error: content/guide/faq.md:5:5: broken link `@/guide/usag.md`: `content/guide/usag.md` does not exist\n  \
         = help: did you mean `@/guide/usage.md`?\n\
         error: content/guide/faq.md:6:1: broken link `@/guide/install/index.md#nowhere`: \
         no heading `#nowhere` in `content/guide/install/index.md`\n  \
         = help: its headings are: `#whats-next`\n\
         error: found 2 errors in 1 file\n"
    );
}

#[test]
fn a_missing_anchor_on_a_page_with_template_tags_says_the_tag_may_make_it() {
    let site = SiteTest::copy("liquid/hugo");
    site.write("content/team.md", "---\ntitle: Team\n---\n\nOur people:\n\n{{< team-list >}}\n");
    site.write("content/who.md", "---\ntitle: Who\n---\n\nAsk [Ann](team.md#ann-lee).\n");
    let error = site.build_fails();
    assert!(
        error.contains(
            "error: content/who.md:5:5: broken link `team.md#ann-lee`: no heading `#ann-lee` in `content/team.md`\n  \
             = help: that page has no headings; that page's `{{< team-list >}}` (line 7), which kennis does not \
             run, may be what makes it"
        ),
        "{error}"
    );
}

#[test]
fn a_control_character_in_a_template_tag_is_shown_as_an_escape() {
    let site = SiteTest::copy("liquid/hugo");
    site.write("content/team.md", "---\ntitle: Team\n---\n\nOur people:\n\n{{< team\u{1b}[2J-list >}}\n");
    site.write("content/who.md", "---\ntitle: Who\n---\n\nAsk [Ann](team.md#ann-lee).\n");
    let error = site.build_fails();
    assert!(!error.contains('\u{1b}'), "{error:?}");
    assert!(
        error.contains(
            "warning: content/team.md:7:1: `{{< team\\u{1b}[2J-list >}}` is shown as written: \
             kennis does not run Hugo shortcodes"
        ),
        "{error}"
    );
    assert!(
        error.contains("that page's `{{< team\\u{1b}[2J-list >}}` (line 7), which kennis does not run"),
        "{error}"
    );
}

#[test]
fn a_hugo_ref_to_a_file_name_alone_finds_the_one_page_of_that_name() {
    let site = SiteTest::copy("liquid/hugo");
    site.write("content/docs/getting-started/installation.md", "---\ntitle: Installation\n---\n\n## Linux\n");
    site.write(
        "content/blog/x.md",
        "---\ntitle: X\n---\n\nSee [install]({{< ref \"installation.md\" >}}) and \
         [Linux]({{< relref \"installation#linux\" >}}).\n",
    );
    let built = site.build();
    assert!(!built.problems().iter().any(|problem| problem.contains("blog/x.md")), "{:?}", built.problems());
    built
        .page("blog/x/")
        .main()
        .contains("<a href=\"/docs/getting-started/installation/\">install</a>")
        .contains("<a href=\"/docs/getting-started/installation/#linux\">Linux</a>");
    // Two pages of that name: Hugo cannot tell which, nor can kennis.
    site.write("content/docs/reference/installation.md", "---\ntitle: Installation options\n---\n\nText.\n");
    site.write(
        "content/blog/x.md",
        "---\ntitle: X\n---\n\nSee [install]({{< ref \"installation.md\" >}}).\n",
    );
    let printed = without_notes(&site.build_fails());
    assert!(
        printed.starts_with(
            "error: content/blog/x.md:5:5: broken link `installation.md` (a Hugo `ref`): \
             neither `content/blog/installation.md` nor `content/installation.md` exists, \
             and 2 pages have that file name\n  \
             = help: name the one you mean by its path from the content folder: \
             `/docs/getting-started/installation.md` or `/docs/reference/installation.md`\n"
        ),
        "{printed}"
    );
}

#[test]
fn a_body_full_of_unclosed_raw_tags_is_read_in_one_pass() {
    let site = SiteTest::copy("liquid/jekyll");
    // Each closing tag is looked for once (`ClosingTags`), not once per opening tag: at
    // 12,000 lines that was minutes. Timings belong in benchmarks; this checks the text.
    let lines = "Keep {% raw %}this{% comment %} and {% highlight ruby %}that.\n".repeat(200);
    site.write("_posts/2016-06-07-unclosed.md", format!("---\ntitle: Unclosed\n---\n\n{lines}"));
    let built = site.build();
    built
        .page("posts/unclosed/")
        .main()
        .contains("<p>Keep this{% comment %} and {% highlight ruby %}that.\nKeep this");
}
