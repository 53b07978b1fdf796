//! Search quality over example-site: each row of a table is a query a reader types (with
//! the filters they pick) and the page that must come first, or in the top three. The
//! query runs through the real client under node (`tests/js/search-quality.cjs` calls
//! `kennis-search.js`'s `query()`, the function the search page runs, with
//! `kennis-search-text.js` and a loader reading the `search/` files a build of example-site
//! writes), so the table checks what readers get.
//! Needs Node.js: a missing `node` fails with what to install, never skips.

use std::path::Path;

use serde_json::{Value, json};

use crate::support::SiteTest;

/// One query and what must come of it.
struct Row {
    /// What the table checks, for the failure text.
    why: &'static str,
    query: &'static str,
    filters: &'static [(&'static str, &'static str)],
    /// The URL that must be among the first `within` results.
    url: &'static str,
    within: usize,
}

const fn row(why: &'static str, query: &'static str, url: &'static str, within: usize) -> Row {
    Row { why, query, filters: &[], url, within }
}

const TABLE: &[Row] = &[
    // Dutch inflections: the page has the word only in other forms.
    row(
        "Dutch past participle finds the infinitive in the title",
        "geleerd van incidenten",
        "/wiki/werkwijze/leren-van-incidenten/",
        1,
    ),
    row("Dutch singular finds the plural title", "wachtwoord", "/wiki/security/wachtwoorden-en-mfa/", 1),
    row("Dutch plural finds the singular title", "mentoren", "/wiki/onboarding/buddy-en-mentor/", 3),
    row(
        "a word whose unstemmed form is rare does not let that form outrank the word",
        "leren",
        "/handbook/leertijd/",
        3,
    ),
    // Accents: typed without, and typed with in capitals.
    row("no accent typed finds the accented heading", "hierarchie", "/wiki/werkwijze/feedback-geven/", 3),
    row("an accented capital word finds the page", "HIËRARCHIE ", "/wiki/werkwijze/feedback-geven/", 3),
    // Code identifiers, each one term.
    row(
        "a snake_case column, not its common parts (hub, code)",
        "hub_code",
        "/posts/sql-window-functions-voor-controllers/",
        1,
    ),
    row("a kebab-case name", "track-and-trace", "/posts/observability-for-track-and-trace/", 3),
    // A qualified name (`k.klant_id`) is found by its column's name.
    row("the name in a qualified name", "klant_id", "/wiki/tools/data/sql-stijlgids/", 3),
    row("a product and its version", "postgres 16", "/questions/slow-query-after-postgres-upgrade/", 1),
    // Words found only in an answer find its question.
    row(
        "a snake_case column only in an answer",
        "last_autoanalyze",
        "/questions/slow-query-after-postgres-upgrade/",
        1,
    ),
    row("a Dutch word only in an answer", "aansprakelijkheid", "/questions/goede-storingsmail-schrijven/", 1),
    // The word being typed is a prefix.
    row("a prefix of a compound", "kostenpl", "/questions/waar-vind-ik-de-kostenplaatscodes/", 1),
    row("a prefix of a longer word", "mentorprog", "/posts/mentoring-het-eerste-jaar/", 1),
    // The word being typed runs past its stem: Porter2 indexes "observability" as `observ`,
    // Dutch "aansprakelijkheid" is `aansprakelijk`, "veiligheid" is `veil`.
    row("a prefix past an English stem", "observab", "/posts/observability-for-track-and-trace/", 1),
    row(
        "a prefix past a Dutch stem, the word only in an answer",
        "aansprakelijkhe",
        "/questions/goede-storingsmail-schrijven/",
        1,
    ),
    row(
        "a prefix past a short Dutch stem finds what the whole word finds",
        "veiligh",
        "/posts/missers-van-de-maand/",
        1,
    ),
    // English on a Dutch site.
    row("English words", "rotate gitlab token", "/questions/how-do-i-rotate-a-gitlab-token/", 1),
    row(
        "English words stemmed as English on a Dutch site",
        "psychological safety",
        "/posts/psychological-safety-in-retros/",
        1,
    ),
    row("an English title word on a Dutch site", "poetry", "/questions/venv-poetry-or-conda/", 1),
    // Filters.
    Row {
        why: "filtered to wiki pages (unfiltered, a question comes first)",
        query: "token",
        filters: &[("kind", "wiki")],
        url: "/wiki/security/secrets-in-code/",
        within: 1,
    },
    Row {
        why: "filtered to unanswered questions",
        query: "vragen",
        filters: &[("status", "unanswered")],
        url: "/questions/waar-vind-ik-de-kostenplaatscodes/",
        within: 1,
    },
    Row {
        why: "filtered to a community",
        query: "security",
        filters: &[("community", "developer-experience")],
        url: "/posts/ci-pipeline-onder-de-tien-minuten/",
        within: 1,
    },
];

/// Each query's first ten results as `[url, title]`, from the client under node.
fn search(output: &Path, queries: &Value) -> Vec<Vec<(String, String)>> {
    let driver = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/search-quality.cjs");
    let printed = crate::support::node_json(
        &[driver.as_os_str(), output.as_os_str()],
        queries,
        "the search quality test, which runs the search client,",
    );
    serde_json::from_value(printed).expect("the driver prints [[url, title], …] a query")
}

#[test]
fn example_site_queries_find_the_pages_readers_want_first() {
    let built = SiteTest::at(&Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site")).build();
    let queries: Value = TABLE
        .iter()
        .map(|row| json!({"q": row.query, "filters": row.filters.iter().map(|&(k, v)| (k.to_string(), json!(v))).collect::<serde_json::Map<_, _>>()}))
        .collect();
    let results = search(&built.output, &queries);
    assert_eq!(results.len(), TABLE.len());
    let failures: Vec<String> = TABLE
        .iter()
        .zip(&results)
        .filter(|(row, got)| !got.iter().take(row.within).any(|(url, _)| url == row.url))
        .map(|(row, got)| {
            let filters: Vec<String> = row.filters.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let top: Vec<String> = got
                .iter()
                .take(5)
                .enumerate()
                .map(|(i, (url, title))| format!("  {}. {url}  {title}", i + 1))
                .collect();
            format!(
                "{}: query {:?}{}\n expected {} {}\n got the top 5:\n{}",
                row.why,
                row.query,
                if filters.is_empty() { String::new() } else { format!(" with {}", filters.join(", ")) },
                row.url,
                if row.within == 1 { "first".to_string() } else { format!("in the top {}", row.within) },
                if top.is_empty() { "  (nothing found)".to_string() } else { top.join("\n") }
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} queries failed:\n\n{}",
        failures.len(),
        TABLE.len(),
        failures.join("\n\n")
    );
}
