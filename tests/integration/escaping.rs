//! Text from content is escaped wherever it appears: in HTML, in attributes, in feeds and the sitemap.

use crate::support::SiteTest;

/// What the fixture's titles, names, goals, tags and summaries contain, escaped as HTML.
const ESCAPED: &str = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quotes&quot; &#39; onmouseover=&#39;x";

#[test]
fn no_output_file_contains_the_raw_script() {
    let site = SiteTest::new("escaping/hostile").build();
    let files = site.files();
    assert!(files.len() > 10, "the whole site was built: {files:?}");
    // CSV files (the insights' tables) are data, never read as markup: names stay as
    // written there, quoted by RFC 4180.
    let markup = |f: &&String| !f.ends_with(".css") && !f.ends_with(".js") && !f.ends_with(".csv");
    for file in files.iter().filter(markup) {
        let bytes = std::fs::read(site.output.join(file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for raw in ["<script>alert(1)", "onmouseover='x", "onmouseover=\"x"] {
            assert!(!text.contains(raw), "`{file}` contains the raw text `{raw}`:\n{text}");
        }
    }
}

#[test]
fn titles_names_and_summaries_are_escaped_in_html_and_attributes() {
    let site = SiteTest::new("escaping/hostile").build();
    site.page("posts/hostile/")
        .contains(&format!("<h1 class=\"page-title\" lang=\"en&quot; onmouseover=&quot;x\">Post {ESCAPED}</h1>"))
        .contains(&format!("<title>Post {ESCAPED} · Site {ESCAPED}</title>"))
        .contains(&format!("<meta name=\"description\" content=\"Summary {ESCAPED}\">"))
        .contains(&format!("<a class=\"person-name\" href=\"/authors/eve/\">Eve {ESCAPED}</a>"))
        .contains(&format!("<a class=\"community-link\" href=\"/communities/evil/\">Community {ESCAPED}</a>"))
        .contains(&format!("rel=\"tag\">Tag {ESCAPED}</a>"))
        .contains("<a href=\"#avoid-scriptalert1script-in-headings\">Avoid &lt;script&gt;alert(1)&lt;/script&gt; in headings</a>");
    site.page("questions/hostile-question/")
        .contains("<meta name=\"description\" content=\"Is &lt;script&gt;alert(1)&lt;/script&gt; with &quot;quotes&quot; safe in a summary?\">")
        .contains("<p>Only when it is escaped: &lt;script&gt;alert(1)&lt;/script&gt;.</p>");
    site.page("communities/evil/")
        .contains(&format!("<p class=\"goal-text\">Goal {ESCAPED}</p>"))
        .contains(&format!("<meta name=\"description\" content=\"Goal {ESCAPED}\">"))
        .contains(&format!("title=\"Community {ESCAPED} · Site {ESCAPED}\""));
    site.page("authors/eve/")
        .contains(&format!("<h1 class=\"page-title\">Eve {ESCAPED}</h1>"))
        .contains(&format!("<span>Role {ESCAPED}</span>"))
        .contains(&format!("<p class=\"author-bio\">Bio {ESCAPED}</p>"))
        .contains(&format!("<meta name=\"description\" content=\"Bio {ESCAPED}\">"));
    site.page("tags/").contains(&format!("Tag {ESCAPED}"));
    site.page("tags/tag -script-alert(1)--script- -quotes- ' onmouseover='x/")
        .contains(&format!("Post {ESCAPED}"));
}

#[test]
fn feeds_and_the_sitemap_escape_text() {
    let site = SiteTest::new("escaping/hostile").build();
    site.file("atom.xml")
        .contains(&format!("<title>Site {ESCAPED}</title>"))
        .contains(&format!("<subtitle>About {ESCAPED}</subtitle>"))
        .contains(&format!("<title>Post {ESCAPED}</title>"))
        .contains(&format!("<author><name>Eve {ESCAPED}</name></author>"))
        .contains(&format!("<summary>Summary {ESCAPED}</summary>"))
        .contains("<content type=\"html\">&lt;p&gt;A body without raw HTML.&lt;/p&gt;");
    site.file("communities/evil/atom.xml")
        .contains(&format!("<title>Community {ESCAPED} · Site {ESCAPED}</title>"));
    site.file("authors/eve/atom.xml").contains(&format!("<title>Eve {ESCAPED} · Site {ESCAPED}</title>"));
    site.file("sitemap.xml")
        .contains("<loc>https://hostile.example.org/posts/hostile/</loc>")
        .contains("<loc>https://hostile.example.org/tags/</loc>");
}
