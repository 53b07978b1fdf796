//! Tests of `render_markdown` as a page sees it: HTML, headings, summary, links.

use std::sync::OnceLock;

use super::*;

/// Loading the syntaxes is slow; every test shares one highlighter.
pub(super) fn shared_highlighter() -> &'static Highlighter {
    static HIGHLIGHTER: OnceLock<Highlighter> = OnceLock::new();
    HIGHLIGHTER.get_or_init(Highlighter::new)
}

/// A small site: `*.md` links go to `/wiki/<stem>/`, wiki targets `setup` and
/// `Setup Guide` exist, relative images move under `/media/`.
struct TestResolver;

impl LinkResolver for TestResolver {
    fn resolve(&self, dest: &str, kind: LinkKind) -> Option<String> {
        if dest.contains(':') || dest.starts_with('/') {
            return None;
        }
        match kind {
            LinkKind::Wiki => match dest {
                "setup" | "Setup Guide" => Some("/wiki/setup/".to_owned()),
                _ => None,
            },
            LinkKind::Image => Some(format!("/media/{dest}")),
            LinkKind::Link => {
                let (path, anchor) = dest.split_once('#').unwrap_or((dest, ""));
                let stem = path.rsplit('/').next()?.strip_suffix(".md")?;
                let fragment = if anchor.is_empty() { String::new() } else { format!("#{anchor}") };
                Some(format!("/wiki/{stem}/{fragment}"))
            }
        }
    }
}

fn render(source: &str) -> RenderedMarkdown {
    render_markdown(source, &TestResolver, shared_highlighter())
}

fn assert_contains(html: &str, expected: &str) {
    assert!(html.contains(expected), "expected {expected:?} in:\n{html}");
}

#[test]
fn headings_get_ids_and_anchors() {
    let page = render("# Title\n\n## Getting started\n\n##### Small print\n");
    assert_contains(&page.html, "<h1 id=\"title\">Title</h1>");
    assert_contains(
        &page.html,
        "<h2 id=\"getting-started\">Getting started <a class=\"heading-anchor\" href=\"#getting-started\" aria-label=\"Link to this section\">#</a></h2>",
    );
    assert_contains(&page.html, "<h5 id=\"small-print\">Small print</h5>");
}

#[test]
fn link_labels_and_alert_titles_come_from_the_strings_given() {
    let strings = BodyStrings::new(
        AlertTitles::new(["Opmerking", "Tip", "Belangrijk", "Waarschuwing", "Let op"]),
        "Link naar \"deze\" sectie",
        "Terug naar verwijzing {n} & verder",
    );
    let page = render_markdown_with_strings(
        "## Kop\n\nTekst.[^a]\n\n> [!NOTE]\n> Let wel.\n\n[^a]: Bron.\n",
        &TestResolver,
        shared_highlighter(),
        &strings,
    );
    assert_contains(
        &page.html,
        "<h2 id=\"kop\">Kop <a class=\"heading-anchor\" href=\"#kop\" aria-label=\"Link naar &quot;deze&quot; sectie\">#</a></h2>",
    );
    assert_contains(
        &page.html,
        "<a href=\"#fnref-1\" class=\"footnote-backref\" aria-label=\"Terug naar verwijzing 1 &amp; verder\">↩</a>",
    );
    assert_contains(&page.html, "<p class=\"alert-title\">Opmerking</p>");
    assert!(!page.html.contains("Link to this section") && !page.html.contains("Back to reference"));
}

#[test]
fn repeated_and_empty_headings_get_unique_ids() {
    let page = render("## Setup\n\n## Setup\n\n## ???\n\n## !!!\n");
    assert_eq!(page.heading_ids, ["setup", "setup-1", "section", "section-1"]);
}

#[test]
fn explicit_heading_id_wins_and_is_kept_free() {
    let page = render("## Setup\n\n## Installing {#setup .wide}\n");
    assert_eq!(page.heading_ids, ["setup-1", "setup"]);
    assert_contains(&page.html, "<h2 id=\"setup\" class=\"wide\">Installing");
}

#[test]
fn heading_ids_avoid_footnote_ids() {
    let page = render("## fn 1\n\nText[^a].\n\n[^a]: Note.\n");
    assert_eq!(page.heading_ids, ["fn-1-1"]);
}

#[test]
fn a_heading_without_text_is_left_out_of_the_toc() {
    // SupeRails has a lone `###` between two code blocks: an empty link in the contents.
    let page = render("## Setup\n\n###\n\n## Use\n");
    let ids: Vec<&str> = page.toc.iter().map(|entry| entry.id.as_str()).collect();
    assert_eq!(ids, ["setup", "use"]);
    assert_contains(&page.html, "<h3 id=\"section\">");
}

#[test]
fn toc_lists_levels_one_to_four_as_plain_text() {
    let page = render(
        "# The *page*\n\n## Use `render()`\n\n### Three\n\n#### Four\n\n##### Five\n\nSetext\nheading\n-------\n",
    );
    let toc: Vec<(u8, &str, &str)> =
        page.toc.iter().map(|entry| (entry.level, entry.id.as_str(), entry.title.as_str())).collect();
    assert_eq!(
        toc,
        [
            (1, "the-page", "The page"),
            (2, "use-render", "Use render()"),
            (3, "three", "Three"),
            (4, "four", "Four"),
            (2, "setext-heading", "Setext heading"),
        ]
    );
    assert_eq!(page.heading_ids.len(), 6, "h5 has an id but no toc entry");
}

#[test]
fn summary_is_the_first_paragraph_as_plain_text() {
    let page = render(
        "# Title\n\n```rust\nfn skipped() {}\n```\n\n> [!NOTE]\n> Not this.\n\nThe **first** `paragraph` with a [link](a.md) and a note[^1].\nSecond line.\n\nNot this one.\n\n[^1]: Footnote text.\n",
    );
    assert_eq!(page.summary, "The first paragraph with a link and a note. Second line.");
}

#[test]
fn summary_is_the_text_before_the_more_marker() {
    let cases = [
        ("Intro one.\n\n- item\n\n<!-- more -->\n\nRest.\n", "Intro one. item"),
        ("Start of it <!--more--> rest.\n", "Start of it"),
        ("<!-- more -->\n\nOnly after.\n", "Only after."),
    ];
    for (source, expected) in cases {
        assert_eq!(render(source).summary, expected, "source {source:?}");
    }
}

#[test]
fn more_marker_is_not_in_the_html() {
    let page = render("Intro.\n\n<!-- more -->\n\nRest <span>kept</span>.\n");
    assert!(!page.html.contains("more"), "{}", page.html);
    assert_contains(&page.html, "Rest <span>kept</span>.");
}

#[test]
fn long_summary_is_cut_at_a_word() {
    let page = render(&"lorem ipsum ".repeat(100));
    assert!(page.summary.ends_with("ipsum…") || page.summary.ends_with("lorem…"));
    assert!(page.summary.chars().count() <= 301, "{}", page.summary);
}

#[test]
fn alerts_render_as_titled_boxes() {
    let cases = [
        ("NOTE", "note", "Note"),
        ("TIP", "tip", "Tip"),
        ("IMPORTANT", "important", "Important"),
        ("WARNING", "warning", "Warning"),
        ("CAUTION", "caution", "Caution"),
    ];
    for (marker, class, title) in cases {
        let page = render(&format!("> [!{marker}]\n> Mind the *gap*.\n"));
        assert_eq!(
            page.html,
            format!(
                "<div class=\"alert alert-{class}\" role=\"note\">\n<p class=\"alert-title\">{title}</p>\n<p>Mind the <em>gap</em>.</p>\n</div>\n"
            )
        );
    }
}

#[test]
fn plain_blockquote_stays_a_blockquote() {
    let page = render("> Quoted.\n");
    assert_eq!(page.html, "<blockquote>\n<p>Quoted.</p>\n</blockquote>\n");
}

#[test]
fn fenced_code_is_highlighted() {
    let cases = [
        ("rust", "fn main() {}"),
        ("typescript", "let x: number = 1;"),
        ("toml", "name = \"kennis\""),
        ("dockerfile", "FROM alpine"),
        ("python", "def f(): pass"),
        ("rust,ignore", "let a = 1;"),
    ];
    for (info, code) in cases {
        let page = render(&format!("```{info}\n{code}\n```\n"));
        let language = info.split(',').next().unwrap_or_default();
        assert_contains(
            &page.html,
            &format!(
                "<pre class=\"code hl-code\" data-lang=\"{language}\"><code class=\"language-{language}\">"
            ),
        );
        assert_contains(&page.html, "<span class=\"hl-");
    }
}

#[test]
fn unknown_language_and_indented_code_are_escaped() {
    let unknown = render("```nosuchlang\n<script>alert(1)</script>\n```\n");
    assert_contains(&unknown.html, "&lt;script&gt;alert(1)&lt;/script&gt;");
    assert!(!unknown.html.contains("<script>"));
    let indented = render("Text:\n\n    <b>x</b>\n");
    assert_contains(&indented.html, "<pre class=\"code hl-code\"><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>");
}

#[test]
fn links_are_rewritten_through_the_resolver() {
    let cases = [
        ("[Setup](setup.md)", "<a href=\"/wiki/setup/\">Setup</a>"),
        ("[Install](../wiki/setup.md#install)", "<a href=\"/wiki/setup/#install\">Install</a>"),
        ("[Site](https://example.org/a)", "<a href=\"https://example.org/a\">Site</a>"),
        ("[Top](#top)", "<a href=\"#top\">Top</a>"),
        ("[[setup]]", "<a href=\"/wiki/setup/\">setup</a>"),
        ("[[Setup Guide|the guide]]", "<a href=\"/wiki/setup/\">the guide</a>"),
        (
            "[[Nowhere|text]]",
            "<span class=\"link-missing\" title=\"no page found for [[Nowhere]]\">text</span>",
        ),
        (
            "![A *diagram*](diagram.png \"Flow\")",
            "<img src=\"/media/diagram.png\" alt=\"A diagram\" title=\"Flow\" loading=\"lazy\" />",
        ),
        ("![Logo](/static/logo.png)", "<img src=\"/static/logo.png\" alt=\"Logo\" loading=\"lazy\" />"),
        ("<a@b.nl>", "<a href=\"mailto:a@b.nl\">a@b.nl</a>"),
    ];
    for (source, expected) in cases {
        assert_contains(&render(source).html, expected);
    }
}

#[test]
fn every_link_is_recorded_with_its_source_range() {
    let source = "See [a](a.md) and [[Nowhere]].\n\n![i](i.png) <https://x.org>\n";
    let page = render(source);
    let found: Vec<(&str, LinkKind, &str, bool)> = page
        .links
        .iter()
        .map(|link| {
            let written = &source[link.range.clone()];
            (link.dest.as_str(), link.kind, written, link.resolved)
        })
        .collect();
    assert_eq!(
        found,
        [
            ("a.md", LinkKind::Link, "[a](a.md)", true),
            ("Nowhere", LinkKind::Wiki, "[[Nowhere]]", false),
            ("i.png", LinkKind::Image, "![i](i.png)", true),
            ("https://x.org", LinkKind::Link, "<https://x.org>", false),
        ]
    );
}

#[test]
fn every_link_knows_its_line_and_column_in_characters() {
    let source = "Één [a](a.md) en [[b]].\n\n> ![ë ![x](x.png)](i.png)\n\nlaatste [c](c.md)\n";
    let page = render(source);
    let places: Vec<(&str, u32, u32)> =
        page.links.iter().map(|link| (link.dest.as_str(), link.line, link.column)).collect();
    assert_eq!(places, [("a.md", 1, 5), ("b", 1, 18), ("i.png", 3, 3), ("x.png", 3, 7), ("c.md", 5, 9)]);
    for link in &page.links {
        let counted = crate::text::line_and_column(source.as_bytes(), link.range.start);
        assert_eq!((link.line, link.column), counted, "{}", link.dest);
    }
}

#[test]
fn links_in_code_are_left_alone() {
    let page = render("Use `[x](setup.md)` or:\n\n```\n[[setup]] ![i](i.png)\n```\n");
    assert!(page.links.is_empty(), "{:?}", page.links);
    assert_contains(&page.html, "<code>[x](setup.md)</code>");
    assert_contains(&page.html, "[[setup]] ![i](i.png)");
}

#[test]
fn footnotes_are_listed_at_the_end() {
    let page = render("Claim[^src] and more[^2].\n\n[^2]: Second.\n\n[^src]: The *source*.\n\nAfter.\n");
    assert_contains(
        &page.html,
        "Claim<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>",
    );
    let section = page.html.find("<section class=\"footnotes\"").expect("footnote section");
    assert!(page.html[..section].contains("<p>After.</p>"), "{}", page.html);
    let first = page.html.find("<li id=\"fn-1\"").expect("first footnote");
    let second = page.html.find("<li id=\"fn-2\"").expect("second footnote");
    assert!(first < second);
    assert_contains(
        &page.html,
        "<p>The <em>source</em>. <a href=\"#fnref-1\" class=\"footnote-backref\" aria-label=\"Back to reference 1\">↩</a></p>",
    );
}

#[test]
fn tables_scroll_inside_a_wrapper() {
    let page = render("| a | b |\n|---|---|\n| 1 | 2 |\n");
    assert!(page.html.starts_with("<div class=\"table-wrap\">\n<table>"), "{}", page.html);
    assert!(page.html.ends_with("</table>\n</div>\n"), "{}", page.html);
}

#[test]
fn aligned_table_columns_get_a_class_not_an_inline_style() {
    let page = render("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n| 5 |\n");
    assert_contains(
        &page.html,
        "<thead><tr><th class=\"align-left\">a</th><th class=\"align-center\">b</th>\
         <th class=\"align-right\">c</th><th>d</th></tr></thead>",
    );
    assert_contains(
        &page.html,
        "<tr><td class=\"align-left\">1</td><td class=\"align-center\">2</td>\
         <td class=\"align-right\">3</td><td>4</td></tr>",
    );
    // A short row is filled with empty cells, which keep their column's alignment.
    assert_contains(&page.html, "<tr><td class=\"align-left\">5</td><td class=\"align-center\"></td>");
    assert!(!page.html.contains("style="), "{}", page.html);
}

#[test]
fn task_lists_have_disabled_checkboxes() {
    let page = render("- [x] done\n- [ ] todo\n");
    assert_contains(&page.html, "<input disabled=\"\" type=\"checkbox\" checked=\"\"/>");
    assert_contains(&page.html, "<input disabled=\"\" type=\"checkbox\"/>");
}

#[test]
fn raw_html_and_strikethrough_pass_through() {
    let page = render("<details><summary>More</summary>\n\nHidden\n\n</details>\n\n~~old~~ -- \"quotes\"\n");
    assert_contains(&page.html, "<details><summary>More</summary>");
    assert_contains(&page.html, "<del>old</del> -- \"quotes\"");
}

#[test]
fn reading_time_follows_the_word_count() {
    let short = render("Just **five** words, nothing more.\n");
    assert_eq!((short.word_count, short.reading_minutes), (5, 1));
    let long = render(&"word ".repeat(500));
    assert_eq!((long.word_count, long.reading_minutes), (500, 3));
}

#[test]
fn odd_input_never_panics() {
    let sources = [
        "",
        "\n\n",
        "---\ntitle: x\n---\n",
        "```rust\nfn unclosed() {",
        "```\n",
        "#",
        "# ",
        "[[",
        "[[]]",
        "[[|]]",
        "![](",
        "![[]]",
        "<!-- more",
        "[^1]",
        "[^1]:",
        "> [!NOTE]",
        "| a |\n|---|\n",
        "## {#}",
        "\u{0}\u{FEFF}\u{202E}",
        "> > > > > > > > > > > > > > > > deep",
        "![a ![b](c.png) [d](e.md)](f.png)",
    ];
    for source in sources {
        let page = render(source);
        assert!(page.heading_ids.iter().all(|id| !id.is_empty()), "{source:?}");
        assert!(page.reading_minutes >= 1);
    }
}

#[test]
fn each_code_theme_stays_inside_its_colour_scheme() {
    let css = shared_highlighter().stylesheet();
    let dark_starts = css.find("@media (prefers-color-scheme: dark)").expect("a dark section");
    let (light, dark) = css.split_at(dark_starts);
    assert!(light.starts_with("@media not all and (prefers-color-scheme: dark) {"), "{light}");
    assert!(light.contains(".hl-comment { color: #5f6670; }"));
    assert!(dark.contains(".hl-comment { color: #a0a7b4; }"));
    assert!(light.contains(".hl-code {") && dark.contains(".hl-code {"), "both themes colour code blocks");
}

#[test]
fn a_plain_highlighter_leaves_code_escaped_and_uncoloured() {
    let html =
        render_markdown("```rust\nfn main() { let x = 1 < 2; }\n```\n", &TestResolver, &Highlighter::plain())
            .html;
    assert_contains(&html, "<code class=\"language-rust\">fn main() { let x = 1 &lt; 2; }\n</code>");
    assert!(!html.contains("hl-keyword"), "{html}");
}

#[test]
fn links_and_images_that_run_code_keep_only_their_text() {
    let page = render(
        "A [ref][js] and <javascript:alert(2)>, ![pic](vbscript:x) and \
         ![ok](data:image/png;base64,AA).\n\n## [Heading](javascript:h)\n\n[js]: JavaScript:alert(1)\n",
    );
    let removed = "<span class=\"link-removed\" title=\"link removed: it would run code\">";
    assert_contains(&page.html, &format!("A {removed}ref</span> and {removed}javascript:alert(2)</span>"));
    assert_contains(
        &page.html,
        "<span class=\"link-removed\" title=\"image removed: it would run code\">pic</span>",
    );
    assert_contains(&page.html, "<img src=\"data:image/png;base64,AA\" alt=\"ok\" loading=\"lazy\" />");
    assert_contains(&page.html, &format!("<h2 id=\"heading\">{removed}Heading</span>"));
    let lower = page.html.to_lowercase();
    assert!(!lower.contains("=\"javascript") && !lower.contains("=\"vbscript"), "{}", page.html);
    let found: Vec<(&str, Option<UnsafeScheme>, bool)> =
        page.links.iter().map(|l| (l.dest.as_str(), l.unsafe_scheme, l.resolved)).collect();
    assert_eq!(
        found,
        [
            ("JavaScript:alert(1)", Some(UnsafeScheme::Javascript), false),
            ("javascript:alert(2)", Some(UnsafeScheme::Javascript), false),
            ("vbscript:x", Some(UnsafeScheme::Vbscript), false),
            ("data:image/png;base64,AA", None, false),
            ("javascript:h", Some(UnsafeScheme::Javascript), false),
        ]
    );
}

#[test]
fn the_resolver_is_not_asked_about_links_that_run_code() {
    struct EverythingResolves;
    impl LinkResolver for EverythingResolves {
        fn resolve(&self, _: &str, _: LinkKind) -> Option<String> {
            Some("/rewritten/".to_owned())
        }
    }
    let page = render_markdown("[a](javascript:x) [b](b.md)\n", &EverythingResolves, shared_highlighter());
    assert_contains(
        &page.html,
        "title=\"link removed: it would run code\">a</span> <a href=\"/rewritten/\">b</a>",
    );
}

/// Found by the `markdown` fuzz target: two headings with the same `{#id}` both got it.
#[test]
fn a_repeated_explicit_id_is_numbered_so_anchors_stay_unique() {
    let page = render("# Title {#custom .wide}\n\n# Title {#custom .wide}\n\n## Custom\n");
    assert_eq!(page.heading_ids, ["custom", "custom-1", "custom-2"]);
    assert_contains(&page.html, "<h1 id=\"custom-1\" class=\"wide\">Title</h1>");
}

#[test]
fn entities_and_escapes_in_destinations_are_read_as_a_browser_reads_them() {
    // pulldown-cmark decodes entities in destinations and reference definitions, so the
    // check sees `javascript:` here; `<&#106;avascript:x>` is no autolink, only text.
    let page = render(
        "[a][r] [b](&#x6A;ava&#x09;script:x) [c](\\javascript:x) <VBSCRIPT:x> <&#106;avascript:x>\n\n\
         [r]: &#106;avascript:alert(1)\n",
    );
    let schemes: Vec<Option<UnsafeScheme>> = page.links.iter().map(|l| l.unsafe_scheme).collect();
    assert_eq!(
        schemes,
        [Some(UnsafeScheme::Javascript), Some(UnsafeScheme::Javascript), None, Some(UnsafeScheme::Vbscript)]
    );
    assert_contains(&page.html, "<a href=\"%5Cjavascript:x\">c</a>");
    assert_contains(&page.html, " &lt;javascript:x&gt;</p>");
}

fn render_titled(source: &str, title: &str) -> RenderedMarkdown {
    let options = BodyOptions {
        strings: &BodyStrings::default(),
        heading_rule: HeadingRule::Github,
        page_title: Some(title),
        search_sections: true,
    };
    render_page_markdown(source, &TestResolver, shared_highlighter(), &options)
}

#[test]
fn a_callout_takes_the_rest_of_its_line_as_title() {
    let cases = [
        ("> [!NOTE] Read this first\n> Mind the *gap*.\n", "note", "Read this first"),
        ("> [!tip] Use **bold**\n> Mind the *gap*.\n", "tip", "Use <strong>bold</strong>"),
        ("> [!WARNING]- Folded\n> Mind the *gap*.\n", "warning", "Folded"),
        ("> [!caution]+\n> Mind the *gap*.\n", "caution", "Caution"),
    ];
    for (source, class, title) in cases {
        assert_eq!(
            render(source).html,
            format!(
                "<div class=\"alert alert-{class}\" role=\"note\">\n<p class=\"alert-title\">{title}</p>\n<p>Mind the <em>gap</em>.</p>\n</div>\n"
            ),
            "{source}"
        );
    }
}

#[test]
fn a_callout_with_only_a_title_has_no_empty_paragraph() {
    let page = render("> [!IMPORTANT] Backups run at [night](backup.md)\n\nAfter.\n");
    assert_eq!(
        page.html,
        "<div class=\"alert alert-important\" role=\"note\">\n<p class=\"alert-title\">Backups run at \
         <a href=\"/wiki/backup/\">night</a></p>\n</div>\n<p>After.</p>\n"
    );
    assert_eq!(page.links.len(), 1);
    assert_eq!(page.summary, "After.");
}

#[test]
fn unknown_callout_types_and_nested_quotes_stay_quotes() {
    assert_eq!(
        render("> [!FOO] Title\n> Text.\n").html,
        "<blockquote>\n<p>[!FOO] Title\nText.</p>\n</blockquote>\n"
    );
    assert_eq!(
        render("> [!NOTE] Outer\n> > Inner.\n>\n> After.\n").html,
        "<div class=\"alert alert-note\" role=\"note\">\n<p class=\"alert-title\">Outer</p>\n\
         <blockquote>\n<p>Inner.</p>\n</blockquote>\n<p>After.</p>\n</div>\n"
    );
    assert_eq!(render("> [!NOTEworthy] x\n").html, "<blockquote>\n<p>[!NOTEworthy] x</p>\n</blockquote>\n");
}

#[test]
fn an_opening_h1_that_repeats_the_title_leaves_the_body() {
    let page = render_titled("#  Getting  STARTED\n\nFirst words.\n\n## Install\n", "Getting started");
    assert_eq!(
        page.html,
        "<p>First words.</p>\n<h2 id=\"install\">Install <a class=\"heading-anchor\" href=\"#install\" \
         aria-label=\"Link to this section\">#</a></h2>\n"
    );
    assert_eq!(page.title_id.as_deref(), Some("getting-started"));
    assert_eq!(page.heading_ids, ["getting-started", "install"]);
    assert_eq!(page.toc.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["install"]);
    assert_eq!(page.summary, "First words.");
}

#[test]
fn other_h1s_stay() {
    // A different first H1, a title H1 after other text, and a page without a header.
    let cases = [
        ("# Something else\n\nText.\n", Some("Getting started")),
        ("Intro.\n\n# Getting started\n", Some("Getting started")),
        ("## Getting started\n", Some("Getting started")),
        ("# Getting started\n", None),
    ];
    for (source, title) in cases {
        let page = match title {
            Some(title) => render_titled(source, title),
            None => render(source),
        };
        assert!(page.html.contains("</h1>") || page.html.contains("</h2>"), "{source}: {}", page.html);
        assert_eq!(page.title_id, None, "{source}");
    }
}

#[test]
fn links_are_retargeted_by_their_escaped_url() {
    let mut page =
        render("[a](setup.md#what-s-next) [b](#what-s-next \"Title\") [c](setup.md#what-s-next-1)\n");
    page.retarget_links("/wiki/setup/#what-s-next", "/wiki/setup/#whats-next");
    page.retarget_links("#what-s-next", "#whats-next");
    assert_eq!(
        page.html,
        "<p><a href=\"/wiki/setup/#whats-next\">a</a> <a href=\"#whats-next\" title=\"Title\">b</a> \
         <a href=\"/wiki/setup/#what-s-next-1\">c</a></p>\n"
    );
}

#[test]
fn heading_texts_are_kept_only_where_another_rule_could_differ() {
    assert!(render("## Install\n\n## Getting started\n").heading_titles.is_empty());
    let page = render("## Install\n\n## What's next\n");
    assert_eq!(page.heading_titles, ["Install", "What's next"]);
    assert_eq!(page.heading_under_any_rule("what-s-next"), Some("whats-next"));
    assert_eq!(render("## 2 Install\n").heading_under_any_rule("install"), Some("2-install"));
}

#[test]
fn comments_above_the_title_h1_do_not_keep_it() {
    let page = render_titled(
        "<!-- Converted from Google Docs.\n\nNotes. -->\n\n# Forecasting\n\nText.\n",
        "Forecasting",
    );
    assert_eq!(page.html, "<!-- Converted from Google Docs.\n\nNotes. -->\n<p>Text.</p>\n");
    assert_eq!(page.title_id.as_deref(), Some("forecasting"));
    let shown = render_titled("<div>Shown</div>\n\n# Forecasting\n", "Forecasting");
    assert_eq!(shown.title_id, None);
}

#[test]
fn heading_texts_of_every_level_are_kept_in_order() {
    let page = render_titled("# Title\n\n## One's\n\n##### Five's\n\n## Two\n\n###### Six\n", "Title");
    assert_eq!(page.heading_titles, ["Title", "One's", "Five's", "Two", "Six"]);
    assert_eq!(page.heading_ids, ["title", "ones", "fives", "two", "six"]);
    assert_eq!(page.heading_under_any_rule("five-s"), Some("fives"));
}

#[test]
fn bodies_with_template_tags_render_and_place_their_links_in_the_source() {
    const PARTS: [&str; 12] = [
        "{% raw %}",
        "{% endraw %}",
        "{% highlight rb %}\n",
        "\n{% endhighlight %}",
        "[a]({{ site.baseurl }}/x.md)",
        "<img src=\"{{ site.baseurl }}/y.png\">",
        "`",
        "\n```\n",
        "\n\n> - ",
        "{{< ref \"b.md\" >}}",
        "](",
        "é{% include x %}",
    ];
    for a in PARTS {
        for b in PARTS {
            for c in PARTS {
                let source = format!("{a}{b}{c}\n{a}");
                let rendered = render(&source);
                for link in &rendered.links {
                    assert!(
                        link.range.start <= link.range.end && link.range.end <= source.len(),
                        "{source:?}"
                    );
                    let line = source.lines().nth(link.line as usize - 1);
                    assert!(
                        line.is_some_and(|line| line.chars().count() >= link.column as usize - 1),
                        "{source:?}"
                    );
                }
                if let Some(tags) = &rendered.template_tags {
                    assert!(tags.line as usize <= source.lines().count(), "{source:?}");
                }
            }
        }
    }
    let rendered = render("Text with a link [a]({{ site.baseurl }}/x.md)\nand {% include y %}.\n");
    assert_eq!((rendered.links[0].line, rendered.links[0].column), (1, 18));
    assert_eq!(rendered.links[0].dest, "/x.md");
    let tags = rendered.template_tags.expect("the include is reported");
    assert_eq!((tags.line, tags.column, tags.count), (2, 5, 1));
}

#[test]
fn sections_hold_the_plain_text_under_each_heading_code_included() {
    let page = render(
        "Intro with *emphasis*and `code`.\n\n## Set up\n\nRun:\n\n```sh\ncargo build\n```\n\n\
         | a | b |\n|---|---|\n| one | two |\n\n### Next <em>step</em>\n\n![alt words](x.png) after <b>html</b>\n",
    );
    let sections: Vec<(&str, &str, &str)> =
        page.sections.iter().map(|s| (s.anchor.as_str(), s.heading.as_str(), s.text.as_str())).collect();
    assert_eq!(
        sections,
        [
            ("", "", "Intro with emphasisand code."),
            ("set-up", "Set up", "Run: cargo build a b one two"),
            ("next-step", "Next step", "after html"),
        ]
    );
}

#[test]
fn a_body_that_opens_with_a_heading_has_no_empty_first_section() {
    let page = render("## Only\n\ntext\n");
    assert_eq!(page.sections.len(), 1);
    assert_eq!(page.sections[0].anchor, "only");
}

#[test]
fn sections_are_kept_only_for_a_search_index_and_the_page_is_the_same_without() {
    let source = "Intro   with\n  *emphasis*.\n\n## Set up\n\nRun it.\n";
    let render_with = |search_sections| {
        let options = BodyOptions {
            strings: &BodyStrings::default(),
            heading_rule: HeadingRule::Github,
            page_title: None,
            search_sections,
        };
        render_page_markdown(source, &TestResolver, shared_highlighter(), &options)
    };
    let (with, without) = (render_with(true), render_with(false));
    let texts: Vec<&str> = with.sections.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["Intro with emphasis.", "Run it."]);
    assert!(without.sections.is_empty());
    assert_eq!(without.html, with.html);
    assert_eq!(without.word_count, with.word_count);
}
