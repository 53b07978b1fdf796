//! The insights pages: `/insights/` and each community's, with their charts, data tables
//! and files; people's activity on their pages; everything from content escaped.

use crate::support::SiteTest;

/// Reads every chart (`<svg class="chart …">…</svg>`) of `html` as XML, failing on anything malformed, and returns them.
fn charts(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg class=\"chart ") {
        let end = rest[start..].find("</svg>").expect("every chart is closed") + start + "</svg>".len();
        let svg = &rest[start..end];
        let mut reader = quick_xml::Reader::from_str(svg);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(error) => panic!("a chart is not well-formed XML ({error}):\n{svg}"),
            }
        }
        found.push(svg);
        rest = &rest[end..];
    }
    found
}

#[test]
fn the_site_insights_show_each_chart_with_its_title_description_and_table() {
    let built = SiteTest::new("insights-pages").build();
    let page = built.page("insights/");
    let main = page.main();
    main.contains("<h1 class=\"page-title\">Insights</h1>")
        .contains("Figures by calendar month, up to 2024-03-15.")
        .contains("Counted from the pages themselves")
        .contains("<div><dt>Contributors so far</dt><dd>3</dd></div>")
        .contains("<div><dt>Help across departments</dt><dd>100% (2/2)</dd></div>")
        .contains("<div><dt>Median days to the first answer</dt><dd>2.0</dd></div>")
        .contains_in_order(&[
            "<h2 id=\"activity-heading\">Participants and new contributors</h2>",
            "<caption>Participants and new contributors</caption>",
            "<th scope=\"col\">Participants</th><th scope=\"col\">New contributors</th>",
            "<tr><th scope=\"row\">2024-01</th><td>2</td><td>2</td><td>2</td><td>2</td></tr>",
            "<tr><th scope=\"row\">2024-03</th><td>2</td><td>1</td><td>3</td><td>2</td></tr>",
            "<h2 id=\"demand-heading\">Questions asked and answered</h2>",
            "<h2 id=\"retention-heading\">Who comes back</h2>",
            "<h2 id=\"network-heading\">Who helps whom</h2>",
            "<tr><th scope=\"row\">Bram Maes</th><td>An Peeters</td><td>1</td></tr>",
            "<h2 id=\"topics-heading\">Topics over time</h2>",
            "<tr><th scope=\"row\">deploy</th><td>2</td>",
            "<h2 id=\"insights-unanswered\">Unanswered questions</h2>",
            "<a href=\"/questions/backup/\">Where are the backups?</a>",
        ]);
    let svgs = charts(&main.text);
    assert_eq!(svgs.len(), 5, "activity, demand, retention, network, topics");
    for svg in &svgs {
        assert!(svg.contains(" role=\"img\" aria-labelledby=\""), "{svg}");
        assert!(svg.contains("</title><desc id=\""), "{svg}");
    }
    assert!(svgs[0].contains("<title>2024-03: 2 participants</title>"), "{}", svgs[0]);
    assert!(svgs[3].contains("<title>Bram Maes → An Peeters: 1</title>"), "{}", svgs[3]);
    main.lacks("<script").lacks(" style=\"");
}

#[test]
fn the_numbers_are_beside_the_page_as_json_and_csv_and_linked_from_it() {
    let built = SiteTest::new("insights-pages").build();
    let main = built.page("insights/").main();
    main.contains("<a href=\"/insights/insights.json\" download>/insights/insights.json</a>")
        .contains("<a href=\"/insights/months.csv\" download>/insights/months.csv</a>")
        .contains("<a href=\"/insights/interactions.csv\" download>/insights/interactions.csv</a>");
    // RFC 4180: lines end in CRLF.
    built.file("insights/months.csv").contains(
        "month,contributions,participants,new_contributors,contributors_total,questions_asked,questions_answered\r\n\
         2024-01,2,2,2,2,1,1\r\n2024-02,1,1,0,2,1,0\r\n2024-03,2,2,1,3,0,0\r\n",
    );
    built.file("insights/interactions.csv").contains("from,to,count\r\nbram,an,1\r\nmallory,an,1\r\n");
    let json: serde_json::Value =
        serde_json::from_str(&built.file("insights/insights.json").text).expect("insights.json is JSON");
    assert_eq!(json["participants_by_month"]["2024-03"], 2, "{json}");
    assert!(built.has_file("communities/ops/insights/insights.json"));
    assert!(built.has_file("communities/ops/insights/months.csv"));
}

#[test]
fn a_community_has_its_own_insights_linked_from_its_page_and_the_site_links_them_all() {
    let built = SiteTest::new("insights-pages").build();
    built.page("communities/ops/").contains(
        "<a class=\"insights-link\" href=\"/communities/ops/insights/\">Insights into this community</a>",
    );
    built
        .page("communities/ops/insights/")
        .main()
        .contains("<h1 class=\"page-title\">Insights: Operations</h1>")
        .contains("<a href=\"/communities/ops/\">Operations</a>")
        .contains("<div><dt>Contributions by the lead and team</dt>")
        .contains("<a href=\"/communities/ops/insights/insights.json\" download>/communities/ops/insights/insights.json</a>");
    built
        .page("insights/")
        .main()
        .contains("<a class=\"community-link\" href=\"/communities/ops/insights/\">Operations</a>");
    built.page("").contains("<li><a href=\"/insights/\">Insights</a></li>");
}

#[test]
fn author_pages_show_activity_and_people_helped_for_contributors_only() {
    let built = SiteTest::new("insights-pages").build();
    let bram = built.page("authors/bram/");
    bram.contains("<p class=\"author-helped\">Helped 1 person</p>");
    let svgs = charts(&bram.text);
    assert_eq!(svgs.len(), 1, "the activity chart");
    assert!(svgs[0].contains("<title>2024-01: 1</title><"), "{}", svgs[0]);
    assert!(svgs[0].contains("<title>2024-02: 1</title><"), "{}", svgs[0]);
    assert!(svgs[0].contains("<desc id=\"person-activity-desc\">How many contributions Bram Maes made each month, from 2024-01 to 2024-02.</desc>"), "{}", svgs[0]);
    // An asked a question and wrote a post but helped nobody: a chart, no "helped".
    let an = built.page("authors/an/");
    an.lacks("author-helped");
    assert_eq!(charts(&an.text).len(), 1);
}

#[test]
fn names_and_tags_from_content_are_text_in_the_charts_and_tables() {
    let built = SiteTest::new("insights-pages").build();
    let page = built.page("insights/");
    page.lacks("<script>alert").lacks("<img src=x");
    page.contains("<title>&lt;script&gt;alert(&#39;m&#39;)&lt;/script&gt; Mallory → An Peeters: 1</title>")
        .contains("<th scope=\"row\">&lt;script&gt;alert(&#39;m&#39;)&lt;/script&gt; Mallory</th>")
        .contains(">&lt;img src=x onerror=alert(1)&gt; (1)</text>");
    let mallory = built.page("authors/mallory/");
    mallory.lacks("<script>alert");
}

#[test]
fn the_charts_take_their_colours_from_the_themes_variables_in_light_dark_and_print() {
    let built = SiteTest::new("insights-pages").build();
    let css = built.file("kennis.css");
    for rule in [".chart-bar{fill:var(--accent)}", ".chart-line{fill:none;stroke:var(--amber)"] {
        assert!(css.text.replace([' ', '\n'], "").contains(rule), "kennis.css lacks {rule}");
    }
    let dark = css
        .text
        .find("@media (prefers-color-scheme:dark)")
        .or_else(|| css.text.find("@media (prefers-color-scheme: dark)"));
    assert!(dark.is_some_and(|at| css.text[at..].contains("--accent:")), "dark mode sets the accent");
}

#[test]
fn example_site_has_insights_for_the_site_and_every_community() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
    let built = SiteTest::at(&root).build();
    let main = built.page("insights/").main();
    main.contains("<h1 class=\"page-title\">Inzichten</h1>");
    assert_eq!(charts(&main.text).len(), 5, "every chart has figures to show");
    for community in
        ["data-guild", "developer-experience", "helder-schrijven", "mentoring", "security-champions"]
    {
        let page = built.page(&format!("communities/{community}/insights/"));
        page.main().contains("<h2 id=\"activity-heading\">Deelnemers en nieuwe bijdragers</h2>");
        assert!(built.has_file(&format!("communities/{community}/insights/months.csv")));
    }
}

#[test]
fn with_access_logs_the_site_insights_show_searches_and_the_most_read_pages() {
    let site = SiteTest::copy("insights-pages");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", format!("{yaml}insights:\n  access_logs: [logs/access.log]\n"));
    let browser = "\"Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0\"";
    let search = "\"https://intranet.example.org/search/?q=deploy\"";
    let lines = [
        format!(
            r#"10.0.0.1 - - [14/Mar/2024:10:00:00 +0000] "GET /search/log.txt?q=deploy&n=2&open=1 HTTP/1.1" 200 0 {search} {browser}"#
        ),
        format!(
            r#"10.0.0.1 - - [14/Mar/2024:10:00:01 +0000] "GET /questions/deploy/ HTTP/1.1" 200 900 {search} {browser}"#
        ),
        format!(
            r#"10.0.0.2 - - [14/Mar/2024:11:00:00 +0000] "GET /questions/deploy/ HTTP/1.1" 200 900 "-" {browser}"#
        ),
        format!(
            r#"10.0.0.3 - - [14/Mar/2024:12:00:00 +0000] "GET /search/log.txt?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&n=0&open= HTTP/1.1" 200 0 "-" {browser}"#
        ),
    ];
    site.write("logs/access.log", lines.join("\n") + "\n");
    let built = site.build();
    // How reading went, in one note beside the build's others.
    let notes: Vec<String> = built.report.notes.iter().map(|note| note.to_string()).collect();
    assert!(
        notes.iter().any(|note| note == "info: for the insights, read 1 access log, 4 lines"),
        "{notes:?}"
    );
    let main = built.page("insights/").main();
    main.contains_in_order(&[
        "<h2 id=\"insights-searches\">What people look for</h2>",
        "<caption>Most searched</caption>",
        "<caption>Searches that found nothing</caption>",
        "<th scope=\"row\">&lt;script&gt;alert(1)&lt;/script&gt;</th><td>1</td>",
        "<caption>Searches after which nothing was opened</caption>",
        "<h2 id=\"insights-views\">Most read pages</h2>",
        "<tr><th scope=\"row\">How do I deploy on Fridays?</th><td>2</td></tr>",
    ]);
    main.lacks("<script>alert");
    // A community's page has its page views, never the site's searches.
    built.page("communities/ops/insights/").main().lacks("insights-searches");
}
