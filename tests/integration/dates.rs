//! Dates as writers and git give them: every form a page may carry, the day each falls on,
//! `timezone:` in site.yaml, and the errors for a date or time zone kennis cannot read.

use crate::git_history::git;
use crate::support::{SiteTest, without_notes};

/// The `<time>` a post's page shows first: its date.
fn shown_date(built: &crate::support::Built, url: &str) -> String {
    let page = built.page(url);
    let start = page.text.find("<time datetime=").unwrap_or_else(|| panic!("no <time> on {url}"));
    let end = start + page.text[start..].find("</time>").expect("a closed <time>") + "</time>".len();
    page.text[start..end].to_owned()
}

#[test]
fn every_form_jekyll_and_yaml_write_shows_the_day_it_was_written_on() {
    let built = SiteTest::new("dates/forms").build();
    assert_eq!(built.problems(), Vec::<String>::new());
    let expected = [
        ("posts/jekyll-hours/", "<time datetime=\"2016-03-23T09:00:00-04:00\">23 March 2016</time>"),
        // 03:30 on the 24th in UTC: the written offset decides the day.
        ("posts/late-in-new-york/", "<time datetime=\"2016-03-23T23:30:00-04:00\">23 March 2016</time>"),
        ("posts/early-in-paris/", "<time datetime=\"2016-03-23T00:30:00+02:00\">23 March 2016</time>"),
        ("posts/no-seconds/", "<time datetime=\"2016-03-01T09:00:00+00:00\">1 March 2016</time>"),
        ("posts/milliseconds/", "<time datetime=\"2016-03-02T09:00:00+00:00\">2 March 2016</time>"),
        ("posts/plain-day/", "<time datetime=\"2016-02-29\">29 February 2016</time>"),
        ("posts/rfc-3339/", "<time datetime=\"2016-02-28T10:15:00+01:00\">28 February 2016</time>"),
    ];
    for (url, time) in expected {
        assert_eq!(shown_date(&built, url), time, "on {url}");
    }
    // Newest first by the moment, not by the text: 23:30 -04:00 is after 09:00 -04:00.
    built.page("posts/").contains_in_order(&[
        "/posts/late-in-new-york/",
        "/posts/jekyll-hours/",
        "/posts/early-in-paris/",
        "/posts/milliseconds/",
        "/posts/no-seconds/",
        "/posts/plain-day/",
        "/posts/rfc-3339/",
    ]);
    built.file("atom.xml").contains("<published>2016-03-23T09:00:00-04:00</published>");
}

#[test]
fn a_site_time_zone_reads_dates_written_without_an_offset_on_its_clocks() {
    let built = SiteTest::new("dates/timezone").build();
    assert_eq!(built.problems(), Vec::<String>::new());
    let expected = [
        ("posts/late-evening/", "<time datetime=\"2016-03-23T23:30:00-04:00\">23 March 2016</time>"),
        ("posts/winter-evening/", "<time datetime=\"2016-01-05T23:30:00-05:00\">5 January 2016</time>"),
        // An offset written in front matter wins over the site's time zone.
        ("posts/tokyo/", "<time datetime=\"2016-03-23T08:30:00+09:00\">23 March 2016</time>"),
        ("posts/plain-day/", "<time datetime=\"2016-02-29\">29 February 2016</time>"),
    ];
    for (url, time) in expected {
        assert_eq!(shown_date(&built, url), time, "on {url}");
    }
    // A plain day starts at midnight on the site's clocks.
    built
        .file("atom.xml")
        .contains("<published>2016-02-29T00:00:00-05:00</published>")
        .contains("<published>2016-03-23T23:30:00-04:00</published>");
}

const KENJI: (&str, &str) = ("Kenji Sato", "kenji@example.jp");

/// A site with one page committed at 00:46 in Tokyo on 10 March 2024 (15:46 UTC on the 9th),
/// and edited at 23:10 in Amsterdam on 1 April (21:10 UTC).
fn site_committed_in_tokyo(site_yaml: &str) -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.yaml", site_yaml);
    git(site.root(), KENJI, "2024-03-10T00:46:00+09:00", &["init", "-q", "-b", "main"]);
    site.write("content/wiki/night.md", "---\ntitle: Night\n---\n\nWritten after midnight.\n");
    git(site.root(), KENJI, "2024-03-10T00:46:00+09:00", &["add", "-A"]);
    git(site.root(), KENJI, "2024-03-10T00:46:00+09:00", &["commit", "-q", "-m", "Night"]);
    site.write("content/wiki/night.md", "---\ntitle: Night\n---\n\nWritten after midnight, edited.\n");
    git(site.root(), KENJI, "2024-04-01T23:10:00+02:00", &["commit", "-q", "-am", "Edit"]);
    site
}

#[test]
fn a_commit_is_dated_on_its_author_s_clock() {
    let built = site_committed_in_tokyo("title: Tokyo\nbase_url: https://intranet.example.org/\n").build();
    assert_eq!(built.problems(), Vec::<String>::new());
    built
        .page("wiki/night/")
        .contains("<time datetime=\"2024-03-10T00:46:00+09:00\">10 March 2024</time>")
        .contains("<time datetime=\"2024-04-01T23:10:00+02:00\">1 April 2024</time>")
        .lacks("9 March 2024");
    built.file("sitemap.xml").contains("<lastmod>2024-04-01T23:10:00+02:00</lastmod>");
}

#[test]
fn a_site_time_zone_shows_every_commit_on_its_clocks() {
    let built = site_committed_in_tokyo(
        "title: Tokyo\nbase_url: https://intranet.example.org/\ntimezone: America/New_York\n",
    )
    .build();
    built
        .page("wiki/night/")
        .contains("<time datetime=\"2024-03-09T10:46:00-05:00\">9 March 2024</time>")
        .contains("<time datetime=\"2024-04-01T17:10:00-04:00\">1 April 2024</time>");
}

#[test]
fn a_date_in_no_form_kennis_reads_is_an_error_at_its_place_listing_the_forms() {
    let printed = without_notes(&SiteTest::new("dates/bad-date").build_fails());
    assert_eq!(
        printed,
        "error: content/posts/eastern.md:3:7: `date` is not a date: `2016-03-23 9:00:00 EST`\n  \
         = help: write a date as `2025-03-14`, `2025-03-14 09:30`, `2025-03-14 09:30:00 +0100`, \
         `2025-03-14 9:30:00 -4` or `2025-03-14T09:30:00+01:00`\n\
         error: found 1 error in 1 file\n"
    );
}

#[test]
fn an_unknown_time_zone_is_an_error_at_its_line_in_site_yaml() {
    let printed = without_notes(&SiteTest::new("dates/bad-timezone").build_fails());
    assert_eq!(
        printed,
        "error: site.yaml:3:11: unknown time zone `Europe/Amstredam`\n  \
         = help: did you mean `Europe/Amsterdam`? a time zone is an IANA name, such as \
         `Europe/Amsterdam` or `UTC`\n\
         error: found 1 error in 1 file\n"
    );
    let site = SiteTest::copy("dates/bad-timezone");
    site.write("site.yaml", "title: Dates\ntimezone: Amsterdam time\n");
    assert_eq!(
        without_notes(&site.build_fails()),
        "error: site.yaml:2:11: unknown time zone `Amsterdam time`\n  \
         = help: write an IANA time zone name, such as `Europe/Amsterdam`, `America/New_York` or `UTC`\n\
         error: found 1 error in 1 file\n"
    );
}

#[test]
fn a_kept_site_reads_a_changed_date_on_the_site_s_clocks() {
    let site = site_committed_in_tokyo(
        "title: Tokyo\nbase_url: https://intranet.example.org/\ntimezone: America/New_York\n",
    );
    let options = kennis::BuildOptions { root: site.root().to_path_buf(), ..kennis::BuildOptions::default() };
    let (mut kept, _) = kennis::build_kept_site(&options).expect("builds");
    let night = kennis::paths::ContentPath::from_components(["wiki", "night.md"]);
    let date_of = |kept: &kennis::built::KeptSite| {
        let site = &kept.built.site;
        site.page(site.by_source[&night]).date.expect("a date").rfc3339()
    };
    assert_eq!(date_of(&kept), "2024-03-09T10:46:00-05:00");
    site.write("content/wiki/night.md", "---\ntitle: Night\ndate: 2024-07-04 21:00\n---\n\nFireworks.\n");
    kept.reread(std::slice::from_ref(&night)).expect("takes the change");
    assert_eq!(date_of(&kept), "2024-07-04T21:00:00-04:00");
}
