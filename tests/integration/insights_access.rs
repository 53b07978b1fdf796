//! Access logs read for the insights (issue 14): rotated nginx/Apache logs in the common
//! and combined formats, one of them gzip'd, under the base path `/kb/`, counted in
//! Europe/Amsterdam, every figure asserted exactly; and a file that cannot be read.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;
use kennis::insights::{AccessFigures, LogReport, Month, QueryCount, SearchDemand, read_access_logs};

use crate::support::fixtures;

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

/// The oldest rotated file, September 2026, written gzip'd by the test.
fn september() -> String {
    let search = "https://intranet.example.org/kb/search/";
    [
        r#"10.0.0.1 - - [15/Sep/2026:14:00:00 +0200] "GET /kb/ HTTP/1.1" 200 5120 "-" "UA""#.to_owned(),
        format!(r#"10.0.0.1 - - [15/Sep/2026:14:00:10 +0200] "GET /kb/search/log.txt?q=mentor&n=5&open=2 HTTP/1.1" 200 0 "{search}?q=mentor" "UA""#),
        format!(r#"10.0.0.1 - - [15/Sep/2026:14:00:11 +0200] "GET /kb/questions/mentor/ HTTP/1.1" 200 6000 "{search}?q=mentor" "UA""#),
        r#"10.0.0.1 - - [15/Sep/2026:14:01:00 +0200] "GET /kb/search/ HTTP/1.1" 200 3000 "-" "UA""#.to_owned(),
        r#"10.0.0.2 - - [15/Sep/2026:15:00:00 +0200] "GET /kb/search/log.txt?q=Vakantie%20dagen&n=0&open= HTTP/1.1" 200 0 "-" "UA""#.to_owned(),
        r#"10.0.0.2 - - [15/Sep/2026:15:00:02 +0200] "GET /kb/search/log.txt?q=vakantie%20dagen&n=0&open= HTTP/1.1" 200 0 "-" "UA""#.to_owned(),
        r#"10.0.0.2 - - [15/Sep/2026:15:01:00 +0200] "GET /kb/search/log.txt?q=Vakantiedagen&n=0&open= HTTP/1.1" 200 - "-" "UA""#.to_owned(),
    ]
    .join("\n")
    .replace("\"UA\"", &format!("\"{FIREFOX}\""))
        + "\n"
}

fn gzip(path: &Path, text: &str) {
    let mut encoder = GzEncoder::new(std::fs::File::create(path).unwrap(), Compression::default());
    encoder.write_all(text.as_bytes()).unwrap();
    encoder.finish().unwrap();
}

fn query(query: &str, count: u64) -> QueryCount {
    QueryCount { query: query.to_owned(), count }
}

fn month(text: &str) -> Month {
    let (year, month) = text.split_once('-').unwrap();
    Month { year: year.parse().unwrap(), month: month.parse().unwrap() }
}

fn views(months: &[(&str, &[(&str, u64)])]) -> BTreeMap<Month, BTreeMap<String, u64>> {
    months
        .iter()
        .map(|(name, pages)| {
            (month(name), pages.iter().map(|(path, count)| (path.to_string(), *count)).collect())
        })
        .collect()
}

#[test]
fn rotated_logs_in_both_formats_one_gzipped_give_exact_figures() {
    let temp = tempfile::tempdir().unwrap();
    let gzipped = temp.path().join("access.log.2.gz");
    gzip(&gzipped, &september());
    let folder = fixtures().join("insights-logs");
    // In no particular order, as a shell's glob or a site.yaml may list them.
    let files: Vec<PathBuf> = vec![gzipped, folder.join("access.log"), folder.join("access.log.1")];
    let zone = jiff::tz::TimeZone::get("Europe/Amsterdam").unwrap();
    let figures = read_access_logs(&files, "/kb/", &zone).unwrap();

    let expected = AccessFigures {
        search_demand: SearchDemand {
            // "Onboarding" twice, "onboarding" and "ONBOARDING " once each: three beacons
            // after results were shown, one result opened.
            top_queries: vec![
                query("Onboarding", 3),
                query("vakantie dagen", 3),
                query("Vakantiedagen", 1),
                query("café uren", 1),
                query("mentor", 1),
            ],
            zero_result_queries: vec![query("vakantie dagen", 3), query("Vakantiedagen", 1)],
            unopened_queries: vec![query("Onboarding", 2), query("café uren", 1)],
            opened_from_search: vec![("/questions/mentor/".to_owned(), 2)],
        },
        page_views: views(&[
            ("2026-09", &[("/", 1), ("/questions/mentor/", 1)]),
            // 23:59:59 +01:00 on 31 October is still October in Amsterdam.
            ("2026-10", &[("/", 1), ("/posts/welkom/", 2)]),
            // 23:30 UTC on 31 October is November in Amsterdam; index.html is its folder.
            (
                "2026-11",
                &[("/", 1), ("/posts/welkom/", 3), ("/questions/mentor/", 1), ("/wiki/hiërarchie/", 1)],
            ),
            ("2026-12", &[("/posts/welkom/", 1)]),
        ]),
        report: LogReport {
            files: 3,
            lines: 7 + 16 + 8,
            // The line cut short in access.log, and 31 September in access.log.1.
            unparsed: 2,
            first_unparsed: Some(format!("{}:14", folder.join("access.log").display())),
            // Googlebot and kube-probe.
            crawlers: 2,
            outside_site: 1,
        },
    };
    assert_eq!(figures, expected);
}

#[test]
fn line_numbers_stay_right_across_blocks_of_a_large_file() {
    // Some 6 MB: more than one of the blocks the reader hands to the counting threads.
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("access.log");
    let line =
        format!(r#"10.0.0.1 - - [01/Jan/2026:12:00:00 +0000] "GET /a/ HTTP/1.1" 200 100 "-" "{FIREFOX}""#);
    let mut text = String::new();
    for number in 1..=40_000 {
        text.push_str(if number == 39_999 { "garbage" } else { &line });
        text.push('\n');
    }
    std::fs::write(&path, text).unwrap();
    let figures = read_access_logs(std::slice::from_ref(&path), "/", &jiff::tz::TimeZone::UTC).unwrap();
    assert_eq!(figures.report.lines, 40_000);
    assert_eq!(figures.report.first_unparsed, Some(format!("{}:39999", path.display())));
    assert_eq!(figures.page_views, views(&[("2026-01", &[("/a/", 39_999)])]));
}

#[test]
fn a_line_longer_than_a_block_is_read_whole() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("access.log");
    let line =
        format!(r#"10.0.0.1 - - [01/Jan/2026:12:00:00 +0000] "GET /a/ HTTP/1.1" 200 100 "-" "{FIREFOX}""#);
    // 5 MB of one line, more than a block, between two good lines (CRLF, as on Windows).
    let text = format!("{line}\r\n{}\r\n{line}\r\n", "x".repeat(5 << 20));
    std::fs::write(&path, text).unwrap();
    let figures = read_access_logs(std::slice::from_ref(&path), "/", &jiff::tz::TimeZone::UTC).unwrap();
    assert_eq!((figures.report.lines, figures.report.unparsed), (3, 1));
    assert_eq!(figures.report.first_unparsed, Some(format!("{}:2", path.display())));
    assert_eq!(figures.page_views, views(&[("2026-01", &[("/a/", 2)])]));
}

#[test]
fn a_missing_or_broken_file_is_an_error_naming_it() {
    let temp = tempfile::tempdir().unwrap();
    let missing = temp.path().join("access.log.9");
    let error = read_access_logs(std::slice::from_ref(&missing), "/", &jiff::tz::TimeZone::UTC).unwrap_err();
    assert_eq!(error.to_string(), format!("cannot read `{}`", missing.display()));
    assert_eq!(error.exit_code(), 2);

    let broken = temp.path().join("access.log.2.gz");
    std::fs::write(&broken, b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03not deflate at all").unwrap();
    let files = [fixtures().join("insights-logs/access.log"), broken.clone()];
    let error = read_access_logs(&files, "/", &jiff::tz::TimeZone::UTC).unwrap_err();
    assert_eq!(error.to_string(), format!("cannot read `{}`", broken.display()));
}

/// A log written by a real nginx (1.22, `combined`) serving example-site under `/kb/`
/// with `search: { log: true }`, while headless Chromium (its user agent set to a desktop
/// Chrome's) opened pages, searched from the address bar and the search box, and opened a
/// result; then curl as Googlebot, a path with quotes (nginx writes them `\x22`) and a
/// page with a search page's Referer.
#[test]
fn a_log_from_nginx_and_a_real_browser_searching() {
    let files = [fixtures().join("insights-logs/nginx-chromium.log")];
    let figures = read_access_logs(&files, "/kb/", &jiff::tz::TimeZone::UTC).unwrap();
    let demand = &figures.search_demand;
    assert_eq!(
        demand.top_queries,
        [query("Café Onboarding", 1), query("mentor", 1), query("onboarding", 1), query("xyzzy kantine", 1)]
    );
    assert_eq!(demand.zero_result_queries, [query("xyzzy kantine", 1)]);
    assert_eq!(demand.unopened_queries, [query("Café Onboarding", 1), query("onboarding", 1)]);
    assert_eq!(
        demand.opened_from_search,
        [("/questions/hoe-vraag-ik-een-mentor-aan/".to_owned(), 1), ("/wiki/onboarding/".to_owned(), 1)]
    );
    assert_eq!(
        figures.page_views,
        views(&[(
            "2026-11",
            &[
                ("/", 1),
                ("/posts/mentoring-het-eerste-jaar/", 1),
                ("/questions/hoe-vraag-ik-een-mentor-aan/", 1),
                ("/wiki/onboarding/", 2),
            ]
        )])
    );
    // Two requests for /favicon.ico, outside /kb/.
    assert_eq!(
        figures.report,
        LogReport { files: 1, lines: 74, unparsed: 0, first_unparsed: None, crawlers: 1, outside_site: 2 }
    );
}
