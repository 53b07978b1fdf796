//! What the lines of a log add up to: page views by month, the search beacon's queries,
//! pages opened from the search page, and the lines left out. Counted on raw bytes, per
//! block of lines, on many threads; decoded and grouped once, at the end.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::tz::TimeZone;
use memchr::memchr_iter;
use rustc_hash::FxHashMap;

use super::crawlers::Crawlers;
use super::decode::{page_key, query_key, query_parameter, query_spelling, target_path};
use super::line::parse_line;
use crate::insights::{AccessFigures, LogReport, Month, QueryCount, SearchDemand};

/// What every line is counted against: the site's base path, its time zone, the crawlers.
pub(super) struct Counter<'a> {
    /// `/` or `/kb/`, as a browser sends it (non-ASCII bytes percent-encoded).
    base: Vec<u8>,
    zone: &'a TimeZone,
    crawlers: Crawlers,
}

impl<'a> Counter<'a> {
    pub fn new(base_path: &str, zone: &'a TimeZone) -> Counter<'a> {
        let mut base = vec![b'/'];
        for &byte in base_path.trim_matches('/').as_bytes() {
            if byte.is_ascii_graphic() {
                base.push(byte);
            } else {
                base.extend_from_slice(format!("%{byte:02X}").as_bytes());
            }
        }
        if base.len() > 1 {
            base.push(b'/');
        }
        Counter { base, zone, crawlers: Crawlers::new() }
    }

    /// The path after the base path (`posts/x/` for `/kb/posts/x/`), `None` outside it.
    fn in_site<'p>(&self, path: &'p [u8]) -> Option<&'p [u8]> {
        match path.strip_prefix(self.base.as_slice()) {
            Some(rest) => Some(rest),
            // `/kb` without its slash, which the server redirects.
            None => (path == &self.base[..self.base.len() - 1]).then_some(&b""[..]),
        }
    }

    /// A referer that is the site's search page with a query.
    fn is_search_page(&self, referer: &[u8]) -> bool {
        let (path, query) = target_path(referer);
        matches!(self.in_site(path), Some(b"search/" | b"search/index.html"))
            && query_parameter(query, b"q").is_some_and(|q| !q.is_empty())
    }
}

/// Beacons for one query as sent (raw bytes of `q`).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Beacons {
    /// Sent when the results had been shown for 1.5 s (`open` empty), with `n` above 0.
    with_results: u64,
    /// The same with `n=0`.
    without_results: u64,
    /// Sent when a result was opened (`open` a rank).
    opened: u64,
}

impl Beacons {
    fn add(&mut self, other: Beacons) {
        self.with_results += other.with_results;
        self.without_results += other.without_results;
        self.opened += other.opened;
    }
}

/// Counts from some blocks of lines; tallies from many threads merge into one.
#[derive(Default)]
pub(super) struct Tally {
    lines: u64,
    unparsed: u64,
    /// The first line that did not parse: the index of its file and its line number.
    first_unparsed: Option<(usize, u64)>,
    crawlers: u64,
    outside_site: u64,
    /// Month → raw path after the base → successful page requests.
    views: FxHashMap<Month, FxHashMap<Box<[u8]>, u64>>,
    opened_from_search: FxHashMap<Box<[u8]>, u64>,
    beacons: FxHashMap<Box<[u8]>, Beacons>,
    months: MonthCache,
}

impl Tally {
    /// Counts the lines of a block, which starts after `first_line` lines of file `file`.
    pub fn count_block(&mut self, counter: &Counter, file: usize, first_line: u64, data: &[u8]) {
        let mut start = 0;
        let mut number = first_line;
        for end in memchr_iter(b'\n', data).chain(std::iter::once(data.len())) {
            let line = &data[start..end];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            start = end + 1;
            number += 1;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.lines += 1;
            if !self.count_line(counter, line) {
                self.unparsed += 1;
                if self.first_unparsed.is_none_or(|first| first > (file, number)) {
                    self.first_unparsed = Some((file, number));
                }
            }
        }
    }

    /// Counts one line; false when it does not parse.
    fn count_line(&mut self, counter: &Counter, line: &[u8]) -> bool {
        let Some(entry) = parse_line(line) else { return false };
        if entry.user_agent.is_some_and(|agent| counter.crawlers.is_crawler(agent)) {
            self.crawlers += 1;
            return true;
        }
        let (path, query) = target_path(entry.target);
        let Some(in_site) = counter.in_site(path) else {
            self.outside_site += 1;
            return true;
        };
        if entry.method != b"GET" {
            return true;
        }
        if in_site == b"search/log.txt" {
            self.count_beacon(query);
        } else if is_page(in_site) && matches!(entry.status, 200..=299 | 304) {
            let month = self.months.month(entry.time.unix_seconds(), counter.zone);
            add_one(self.views.entry(month).or_default(), in_site);
            if entry.referer.is_some_and(|referer| counter.is_search_page(referer)) {
                add_one(&mut self.opened_from_search, in_site);
            }
        }
        true
    }

    /// `search/log.txt?q=&n=&open=`, the search page's beacon (docs/search.md).
    fn count_beacon(&mut self, query: &[u8]) {
        let Some(q) = query_parameter(query, b"q") else { return };
        let beacons = match self.beacons.get_mut(q) {
            Some(beacons) => beacons,
            None => self.beacons.entry(q.into()).or_default(),
        };
        if query_parameter(query, b"open").is_some_and(|open| !open.is_empty()) {
            beacons.opened += 1;
        } else if query_parameter(query, b"n") == Some(b"0") {
            beacons.without_results += 1;
        } else {
            beacons.with_results += 1;
        }
    }

    pub fn merge(mut self, other: Tally) -> Tally {
        self.lines += other.lines;
        self.unparsed += other.unparsed;
        self.first_unparsed = match (self.first_unparsed, other.first_unparsed) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.crawlers += other.crawlers;
        self.outside_site += other.outside_site;
        for (month, pages) in other.views {
            let into = self.views.entry(month).or_default();
            for (path, count) in pages {
                *into.entry(path).or_default() += count;
            }
        }
        for (path, count) in other.opened_from_search {
            *self.opened_from_search.entry(path).or_default() += count;
        }
        for (query, beacons) in other.beacons {
            self.beacons.entry(query).or_default().add(beacons);
        }
        self
    }

    /// The figures: paths decoded, queries grouped, lists sorted.
    pub fn into_figures(self, files: &[impl AsRef<Path>]) -> AccessFigures {
        let mut page_views: BTreeMap<Month, BTreeMap<String, u64>> = BTreeMap::new();
        for (month, pages) in self.views {
            let into = page_views.entry(month).or_default();
            for (path, count) in pages {
                *into.entry(page_key(&path)).or_default() += count;
            }
        }
        let mut opened: BTreeMap<String, u64> = BTreeMap::new();
        for (path, count) in self.opened_from_search {
            *opened.entry(page_key(&path)).or_default() += count;
        }
        let mut opened_from_search: Vec<(String, u64)> = opened.into_iter().collect();
        opened_from_search.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let report = LogReport {
            files: files.len(),
            lines: self.lines,
            unparsed: self.unparsed,
            first_unparsed: self
                .first_unparsed
                .map(|(file, line)| format!("{}:{line}", files[file].as_ref().display())),
            crawlers: self.crawlers,
            outside_site: self.outside_site,
        };
        let search_demand = SearchDemand { opened_from_search, ..search_demand(self.beacons) };
        AccessFigures { search_demand, page_views, report }
    }
}

fn add_one(counts: &mut FxHashMap<Box<[u8]>, u64>, key: &[u8]) {
    match counts.get_mut(key) {
        Some(count) => *count += 1,
        None => {
            counts.insert(key.into(), 1);
        }
    }
}

/// A page, not an asset: the site's root, a folder (`posts/x/`) or an `.html` file, and
/// not the search page's files or the dev server's.
fn is_page(in_site: &[u8]) -> bool {
    (in_site.is_empty() || in_site.ends_with(b"/") || in_site.ends_with(b".html"))
        && !in_site.starts_with(b"search/")
        && !in_site.starts_with(b"__kennis/")
}

/// Queries grouped by their folded key and shown in their most common spelling.
///
/// Beacons are never tied to a visitor, so searches are counted per query: a query's
/// searches are its beacons sent once results had been shown, or, when more, its opened
/// results (someone who opens a result within 1.5 s sends no other beacon). A query was
/// left unopened as often as its beacons with results outnumber its opened results.
fn search_demand(beacons: FxHashMap<Box<[u8]>, Beacons>) -> SearchDemand {
    let mut groups: BTreeMap<String, (BTreeMap<String, u64>, Beacons)> = BTreeMap::new();
    for (raw, counts) in beacons {
        let Some(spelling) = query_spelling(&raw) else { continue };
        let (spellings, total) = groups.entry(query_key(&spelling)).or_default();
        *spellings.entry(spelling).or_default() +=
            counts.with_results + counts.without_results + counts.opened;
        total.add(counts);
    }
    let mut demand = SearchDemand::default();
    for (spellings, counts) in groups.into_values() {
        // The most used spelling; of equally used ones, the first in code point order.
        let (query, _) = spellings.into_iter().fold((String::new(), 0), |best, (spelling, uses)| {
            if uses > best.1 { (spelling, uses) } else { best }
        });
        let searches = (counts.with_results + counts.without_results).max(counts.opened);
        let unopened = counts.with_results.saturating_sub(counts.opened);
        for (list, count) in [
            (&mut demand.top_queries, searches),
            (&mut demand.zero_result_queries, counts.without_results),
            (&mut demand.unopened_queries, unopened),
        ] {
            if count > 0 {
                list.push(QueryCount { query: query.clone(), count });
            }
        }
    }
    for list in [&mut demand.top_queries, &mut demand.zero_result_queries, &mut demand.unopened_queries] {
        list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.query.cmp(&b.query)));
    }
    demand
}

/// The month of a time in the site's zone, remembering the last month's bounds: a log's
/// lines come nearly in time order, so the zone is consulted about once a month.
#[derive(Default)]
struct MonthCache {
    /// Seconds since the epoch: the month's first second and the next month's.
    bounds: Option<(i64, i64, Month)>,
}

impl MonthCache {
    fn month(&mut self, seconds: i64, zone: &TimeZone) -> Month {
        if let Some((start, end, month)) = self.bounds
            && (start..end).contains(&seconds)
        {
            return month;
        }
        // Years 1000 to 9998 only reach here (line.rs), well inside what jiff holds.
        let date =
            jiff::Timestamp::from_second(seconds).expect("a year jiff holds").to_zoned(zone.clone()).date();
        let first = date.first_of_month();
        let second_of = |day: jiff::civil::Date| {
            day.to_zoned(zone.clone()).map(|start| start.timestamp().as_second()).unwrap_or(seconds)
        };
        let next = first.last_of_month().tomorrow().unwrap_or(first);
        let month = Month::of(date);
        self.bounds = Some((second_of(first), second_of(next), month));
        month
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(lines: &str, base: &str) -> AccessFigures {
        let zone = TimeZone::get("Europe/Amsterdam").unwrap();
        let counter = Counter::new(base, &zone);
        let mut tally = Tally::default();
        tally.count_block(&counter, 0, 0, lines.as_bytes());
        tally.into_figures(&["access.log"])
    }

    const BROWSER: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

    fn get(path: &str, status: u16, referer: &str) -> String {
        format!(
            r#"10.0.0.1 - - [15/Mar/2026:10:00:00 +0000] "GET {path} HTTP/1.1" {status} 100 "{referer}" "{BROWSER}""#
        )
    }

    fn pages(figures: &AccessFigures) -> Vec<(String, String, u64)> {
        let mut list = Vec::new();
        for (month, pages) in &figures.page_views {
            for (path, count) in pages {
                list.push((month.to_string(), path.clone(), *count));
            }
        }
        list
    }

    fn queries(list: &[QueryCount]) -> Vec<(&str, u64)> {
        list.iter().map(|q| (q.query.as_str(), q.count)).collect()
    }

    #[test]
    fn pages_assets_statuses_and_the_base_path() {
        let log = [
            get("/kb/", 200, "-"),
            get("/kb/index.html", 200, "-"),
            get("/kb/posts/x/", 304, "-"),
            get("/kb/posts/x/index.html?utm=1", 200, "-"),
            get("/kb/wiki/caf%C3%A9/", 200, "-"),
            get("/kb/posts/missing/", 404, "-"),
            get("/kb/kennis.css", 200, "-"),
            get("/kb/search/", 200, "-"),
            get("/kb/__kennis/live", 200, "-"),
            get("/other/", 200, "-"),
            get("/kbx/", 200, "-"),
            r#"h - - [15/Mar/2026:10:00:00 +0000] "POST /kb/posts/x/ HTTP/1.1" 200 1"#.to_owned(),
            r#"h - - [15/Mar/2026:10:00:00 +0000] "GET /kb/posts/x/ HTTP/1.1" 200 1"#.to_owned(),
        ]
        .join("\n");
        let figures = figures(&log, "/kb/");
        assert_eq!(
            pages(&figures),
            [
                ("2026-03".to_owned(), "/".to_owned(), 2),
                ("2026-03".to_owned(), "/posts/x/".to_owned(), 3),
                ("2026-03".to_owned(), "/wiki/café/".to_owned(), 1),
            ]
        );
        assert_eq!(
            figures.report,
            LogReport {
                files: 1,
                lines: 13,
                unparsed: 0,
                first_unparsed: None,
                crawlers: 0,
                outside_site: 2
            }
        );
    }

    #[test]
    fn the_month_is_the_sites_time_zone() {
        // 23:30 UTC on 31 October is 00:30 on 1 November in Amsterdam (CET, +01:00).
        let log = r#"h - - [31/Oct/2026:23:30:00 +0000] "GET /a/ HTTP/1.1" 200 1
h - - [31/Oct/2026:22:30:00 +0000] "GET /a/ HTTP/1.1" 200 1
h - - [01/Nov/2026:00:10:00 +0100] "GET /a/ HTTP/1.1" 200 1"#;
        let months: Vec<(String, u64)> =
            pages(&figures(log, "/")).into_iter().map(|(month, _, count)| (month, count)).collect();
        assert_eq!(months, [("2026-10".to_owned(), 1), ("2026-11".to_owned(), 2)]);
    }

    #[test]
    fn crawlers_unparsed_lines_and_the_first_of_them() {
        let log = format!(
            "{}\nnot a log line\n\n{}\nh - - [30/Feb/2026:00:00:00 +0000] \"GET / HTTP/1.1\" 200 1\n{}",
            get("/a/", 200, "-"),
            r#"h - - [15/Mar/2026:10:00:00 +0000] "GET /a/ HTTP/1.1" 200 1 "-" "Googlebot/2.1""#,
            r#"h - - [15/Mar/2026:10:00:00 +0000] "GET /a/ HTTP/1.1" 200 1 "-" "-""#,
        );
        let report = figures(&log, "/").report;
        assert_eq!(
            report,
            LogReport {
                files: 1,
                lines: 5,
                unparsed: 2,
                first_unparsed: Some("access.log:2".to_owned()),
                crawlers: 2,
                outside_site: 0
            }
        );
    }

    #[test]
    fn search_beacons_and_pages_opened_from_search() {
        let beacon =
            |query: &str| get(&format!("/kb/search/log.txt?{query}"), 200, "https://intranet/kb/search/?q=x");
        let log = [
            beacon("q=Onboarding&n=12&open="),
            beacon("q=onboarding++&n=12&open="),
            beacon("q=onboarding&n=12&open=2"),
            beacon("q=%20ONBOARDING&n=12&open="),
            beacon("q=caf%C3%A9+uren&n=0&open="),
            beacon("q=cafe%CC%81%20uren&n=0&open="),
            beacon("q=snel&n=3&open=1"),
            beacon("q=&n=0&open="),
            get("/kb/posts/x/", 200, "https://intranet/kb/search/?q=onboarding"),
            get("/kb/posts/x/", 200, "/kb/search/?q=onboarding&kind=post"),
            get("/kb/posts/y/", 200, "https://intranet/kb/search/index.html?q=snel"),
            get("/kb/posts/z/", 200, "https://intranet/kb/search/"),
            get("/kb/posts/z/", 200, "https://intranet/kb/posts/x/?q=a"),
        ]
        .join("\n");
        let demand = figures(&log, "/kb").search_demand;
        assert_eq!(queries(&demand.top_queries), [("onboarding", 3), ("café uren", 2), ("snel", 1)]);
        assert_eq!(queries(&demand.zero_result_queries), [("café uren", 2)]);
        assert_eq!(queries(&demand.unopened_queries), [("onboarding", 2)]);
        assert_eq!(demand.opened_from_search, [("/posts/x/".to_owned(), 2), ("/posts/y/".to_owned(), 1)]);
    }

    /// Pieces of real lines glued together at random, so that parsing gets far into a line
    /// before it goes wrong.
    fn log_line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "10.0.0.1",
            "[::1]",
            " - - ",
            "[",
            "]",
            "15/Mar/2026:10:00:00 +0000",
            "29/Feb/2026:10:00:00 +0100",
            " \"",
            "\"",
            "\\\"",
            "GET ",
            "/kb/",
            "search/",
            "log.txt?",
            "q=",
            "%C3%A9",
            "%",
            "+",
            "&n=0",
            "&open=2",
            "posts/x/",
            "index.html",
            " HTTP/1.1",
            " 200",
            " 304",
            " 1",
            " -",
            " \"-\"",
            "Googlebot",
            "é",
            "\r",
            " ",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|pieces| pieces.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, failure_persistence: None, ..Default::default() })]

        #[test]
        fn any_line_is_counted_once_and_nothing_panics(lines in proptest::collection::vec(log_line(), 1..8)) {
            let text = lines.join("\n");
            let figures = figures(&text, "/kb/");
            let non_blank = text.split('\n').filter(|line| !line.trim().is_empty()).count() as u64;
            let report = &figures.report;
            proptest::prop_assert_eq!(report.lines, non_blank);
            let views: u64 = figures.page_views.values().flat_map(|pages| pages.values()).sum();
            proptest::prop_assert!(report.unparsed + report.crawlers + report.outside_site + views <= report.lines);
        }
    }
}
