//! What the first query costs (issue 12: at most 150 KB): a generated site of a few hundred
//! pages, `/search/?q=<two words>` opened in Chromium, and the bytes of everything the page
//! fetched before the first results showed (the page, CSS, scripts, index files, records,
//! excerpts), read from the browser's resource timing up to the client's
//! `kennis-search-shown` mark. The same files gzip'd, as an intranet's web server sends them
//! when the browser accepts it, are printed beside: each file the page fetched, compressed
//! with flate2 at zlib's default level (Apache's, and most servers') and at level 1
//! (nginx's `gzip_comp_level` default). `KENNIS_BYTES_OUTPUT=<built folder>` and
//! `KENNIS_BYTES_QUERY=<words>` measure another site the same way (BENCHMARKS.md's 10,000
//! pages). `#[ignore]`d like the other browser tests.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::Value;

use super::browser::{Driver, ServedSite};
use crate::support::SiteTest;

const BUDGET: u64 = 150 * 1024;

/// Words for the generated pages: a few hundred made of syllables, so the dictionary has
/// many terms and chunks as a real site's does.
fn vocabulary() -> Vec<String> {
    let (starts, ends) = (
        ["ka", "lo", "mi", "re", "su", "ta", "ve", "no", "pi", "da"],
        ["ner", "vil", "dor", "mas", "tin", "gol", "bek", "rus"],
    );
    let mut words = Vec::new();
    for a in starts {
        for b in starts {
            for c in ends {
                words.push(format!("{a}{b}{c}"));
            }
        }
    }
    words
}

/// 300 posts of about 250 words in 4 sections; about a third mention deploys to staging.
fn generated_site() -> SiteTest {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Bytes\nbase_url: https://example.org/\nlanguage: en\n");
    let words = vocabulary();
    let mut next = 7usize;
    let mut word = || {
        next = (next * 7919 + 13) % 104_729;
        words[next % words.len()].clone()
    };
    for page in 0..300 {
        let mut text = format!(
            "---\ntitle: {} {} {}\ndate: 2025-{:02}-{:02}\ntags: [{}]\n---\n\n",
            word(),
            word(),
            word(),
            page % 12 + 1,
            page % 28 + 1,
            word()
        );
        for section in 0..4 {
            if section > 0 {
                let _ = write!(text, "## {} {}\n\n", word(), word());
            }
            for n in 0..60 {
                text.push_str(&word());
                text.push_str(if n % 12 == 11 { ". " } else { " " });
            }
            if (page + section) % 3 == 0 {
                text.push_str("Every deploy reaches staging first.");
            }
            text.push_str("\n\n");
        }
        site.write(&format!("content/posts/p{page}.md"), text);
    }
    site
}

/// What the first query fetched: the bytes before the first results showed, and each
/// request as its URL and size.
struct Fetched {
    total: u64,
    requests: Vec<(String, u64)>,
}

impl Fetched {
    /// A line per request: its size and URL.
    fn lines(&self) -> String {
        let mut lines = String::new();
        for (url, bytes) in &self.requests {
            let _ = writeln!(lines, "{bytes:>8} {url}");
        }
        lines
    }

    /// The total once each file fetched is gzip'd at `level`, read from `output` by its URL
    /// below `base` (`/a/` is `a/index.html`, as the test server answers); a 404 as sent.
    fn gzipped(&self, base: &str, output: &Path, level: Compression) -> u64 {
        self.requests
            .iter()
            .map(|(url, sent)| {
                let path = url.strip_prefix(base).expect("a URL of the served site");
                let path = path.split(['?', '#']).next().unwrap_or_default();
                let file = if path.is_empty() || path.ends_with('/') {
                    output.join(path).join("index.html")
                } else {
                    output.join(path)
                };
                // Not a file (the browser's own /favicon.ico): the short 404 as it was sent.
                let Ok(bytes) = std::fs::read(&file) else { return *sent };
                let mut gzip = GzEncoder::new(Vec::new(), level);
                gzip.write_all(&bytes).expect("gzip into memory");
                gzip.finish().expect("gzip into memory").len() as u64
            })
            .sum()
    }
}

/// Opens `/search/?q=<query>` of the served site and returns what it fetched before the
/// first results showed.
async fn first_query(base: &str, query: &str) -> Fetched {
    let driver = Driver::start();
    let client = driver.browser(1280, false).await;
    let url = format!("{base}search/?q={}", query.replace(' ', "+"));
    client.goto(&url).await.expect("the search page loads");
    let started = Instant::now();
    let script = "return performance.getEntriesByName('kennis-search-shown').length > 0;";
    while client.execute(script, vec![]).await.expect("the script runs") != Value::Bool(true) {
        assert!(started.elapsed() < Duration::from_secs(20), "no results for `{query}` after 20 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let entries = client
        .execute(
            "const shown = performance.getEntriesByName('kennis-search-shown')[0].startTime;
             return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
               .filter(e => e.startTime <= shown).map(e => [e.name, e.encodedBodySize]);",
            vec![],
        )
        .await
        .expect("the resource timing");
    client.close().await.expect("the browser closes");
    let mut fetched = Fetched { total: 0, requests: Vec::new() };
    for entry in entries.as_array().expect("a list") {
        let bytes = entry[1].as_u64().expect("a size");
        assert!(bytes > 0, "{entry}: the size is known (same origin, uncompressed)");
        fetched.total += bytes;
        fetched.requests.push((entry[0].as_str().expect("a URL").to_owned(), bytes));
    }
    fetched
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn the_first_query_fetches_at_most_150_kb_before_its_results_show() {
    let site = generated_site();
    let built = match std::env::var_os("KENNIS_BYTES_OUTPUT") {
        Some(folder) => (None, PathBuf::from(folder)),
        None => {
            let built = site.build();
            let output = built.output.clone();
            (Some(built), output)
        }
    };
    let query = std::env::var("KENNIS_BYTES_QUERY").unwrap_or_else(|_| "deploy staging".to_owned());
    let served = ServedSite::folder(built.1.clone());
    let fetched = first_query(&served.url(""), &query).await;
    let (total, lines) = (fetched.total, fetched.lines());
    let gzip = fetched.gzipped(&served.url(""), &built.1, Compression::default());
    let fast = fetched.gzipped(&served.url(""), &built.1, Compression::fast());
    eprintln!(
        "`{query}`: {total} bytes before the first results; gzip'd {gzip} (level 6), {fast} (level 1)\n{lines}"
    );
    for kind in [
        "search/",
        "kennis.css",
        "kennis-search.js",
        "kennis-search-text.js",
        "search/d/",
        "search/x/",
        "search/t/",
    ] {
        assert!(lines.contains(kind), "the page fetched {kind}:\n{lines}");
    }
    assert!(total <= BUDGET, "{total} bytes before the first results, more than {BUDGET}:\n{lines}");
}
