//! The search page in a real headless Chromium, on `tests/fixtures/browser-search`: typing
//! shows results, a filter narrows them, the keyboard moves through them and opens one, a
//! title made of a script tag shows as text, a shared URL brings its filters (and says
//! which one it ignored), the header's box on another page leads to results, the log
//! beacon asks for `search/log.txt` with the query, the count and the rank opened (and no
//! cookie), and the relative-URL build opened from disk finds pages too. `#[ignore]`d like
//! the other browser tests.

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use super::browser::{Driver, ServedSite as Recorded};
use super::html_validate::node_modules;
use crate::support::{Built, SiteTest};

const FIXTURE: &str = "browser-search";
const ENTER: &str = "\u{E007}";
const ARROW_DOWN: &str = "\u{E015}";

/// The requests for `search/log.txt`, as (query string, had a cookie).
fn log_requests(site: &Recorded) -> Vec<(String, bool)> {
    let requests = site.requests.lock().expect("the request list");
    requests
        .iter()
        .filter_map(|(url, cookie)| url.strip_prefix("/search/log.txt?").map(|q| (q.to_owned(), *cookie)))
        .collect()
}

/// Opens `path` of the served site, failing within 20 s with the requests the server saw.
async fn open(client: &Client, site: &Recorded, path: &str) {
    let timeouts = fantoccini::wd::TimeoutConfiguration::new(None, Some(Duration::from_secs(20)), None);
    client.update_timeouts(timeouts).await.expect("a page load timeout");
    if let Err(error) = client.goto(&site.url(path)).await {
        let requests = site.requests.lock().expect("the request list").clone();
        panic!("/{path} did not load ({error}); the server saw {requests:?}");
    }
}

/// Waits until `script` returns true in the page (the client fetches and renders
/// asynchronously); panics with `what` after ten seconds.
async fn wait_for(client: &Client, script: &str, what: &str) {
    let started = Instant::now();
    loop {
        let value = client.execute(script, vec![]).await.expect("the script runs");
        if value == Value::Bool(true) {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "{what}: still not so after 10 s (`{script}`)");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn value(client: &Client, script: &str) -> Value {
    client.execute(script, vec![]).await.expect("the script runs")
}

/// The result titles shown, as text.
async fn titles(client: &Client) -> Value {
    value(client, "return [...document.querySelectorAll('.search-result-title a')].map(a => a.textContent);")
        .await
}

fn built(log: bool, relative: bool) -> Built {
    let site = SiteTest::copy(FIXTURE);
    if log {
        let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
        site.write("site.yaml", format!("{yaml}search: {{ log: true }}\n"));
    }
    if relative { site.relative_urls().build() } else { site.build() }
}

const HAS_RESULTS: &str = "return document.querySelectorAll('.search-result').length > 0;";

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn typing_shows_results_a_filter_narrows_them_and_the_keyboard_opens_one() {
    let built = built(false, false);
    let site = Recorded::folder(built.output.clone());
    let driver = Driver::start();
    let client = driver.browser(1280, false).await;
    open(&client, &site, "search/").await;
    let box_ = client.find(Locator::Id("search-q")).await.expect("the search box");
    box_.send_keys("deploy").await.expect("typing");
    wait_for(&client, HAS_RESULTS, "results for `deploy`").await;
    let all = titles(&client).await;
    assert!(
        all.as_array().expect("titles").len() >= 4,
        "`deploy` finds the posts, questions and wiki page: {all}"
    );
    let url = value(&client, "return location.search;").await;
    assert_eq!(url, json!("?q=deploy"), "the query is in the URL as it is typed");

    let option = "return !!document.querySelector('#search-kind option[value=question]');";
    wait_for(&client, option, "the kind filter offers questions").await;
    let kind = client.find(Locator::Id("search-kind")).await.expect("the kind filter");
    kind.select_by_value("question").await.expect("the question option");
    wait_for(&client, "return document.querySelectorAll('.search-result').length === 2;", "two questions")
        .await;
    let shown = titles(&client).await;
    let mut sorted: Vec<&str> = shown.as_array().expect("titles").iter().filter_map(Value::as_str).collect();
    sorted.sort();
    assert_eq!(sorted, ["How do I roll back a deploy?", "Who approves a deploy on a Friday?"]);
    let badges = value(
        &client,
        "return [...document.querySelectorAll('.search-result .badge-kind')].map(b => b.textContent);",
    )
    .await;
    assert_eq!(badges, json!(["Question", "Question"]));
    assert_eq!(value(&client, "return location.search;").await, json!("?q=deploy&kind=question"));
    let status =
        client.find(Locator::Id("search-status")).await.expect("the live region").text().await.expect("text");
    assert_eq!(status, "2 results");

    // The box, then down twice: the second result; Enter opens it.
    let box_ = client.find(Locator::Id("search-q")).await.expect("the search box");
    box_.send_keys(ARROW_DOWN).await.expect("arrow down");
    let first = client.active_element().await.expect("an active element");
    assert_eq!(first.text().await.expect("text"), shown[0].as_str().expect("a title"));
    first.send_keys(ARROW_DOWN).await.expect("arrow down");
    let second = client.active_element().await.expect("an active element");
    assert_eq!(second.text().await.expect("text"), shown[1].as_str().expect("a title"));
    let target = second.attr("href").await.expect("an href").expect("a link");
    second.send_keys(ENTER).await.expect("Enter");
    wait_for(&client, &format!("return location.pathname === {};", json!(target)), "the result opens").await;
    client.close().await.expect("the session closes");
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn a_title_with_a_script_tag_shows_as_text() {
    let built = built(false, false);
    let site = Recorded::folder(built.output.clone());
    let driver = Driver::start();
    let client = driver.browser(1280, false).await;
    open(&client, &site, "search/?q=alert").await;
    wait_for(&client, HAS_RESULTS, "results for `alert`").await;
    assert_eq!(titles(&client).await, json!(["<script>alert(1)</script> in a title"]));
    let scripts = value(&client, "return document.querySelectorAll('#search-results script').length;").await;
    assert_eq!(scripts, json!(0), "no script element among the results");
    client.close().await.expect("the session closes");
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn a_shared_url_brings_its_filters_and_says_which_it_ignored() {
    let built = built(false, false);
    let site = Recorded::folder(built.output.clone());
    let driver = Driver::start();
    let client = driver.browser(1280, false).await;
    open(&client, &site, "search/?q=deploy&community=platform&status=unanswered").await;
    wait_for(&client, HAS_RESULTS, "results for the shared URL").await;
    assert_eq!(titles(&client).await, json!(["Who approves a deploy on a Friday?"]));
    let box_value = value(&client, "return document.getElementById('search-q').value;").await;
    let community = value(&client, "return document.getElementById('search-community').value;").await;
    let unanswered = value(&client, "return document.getElementById('search-unanswered').checked;").await;
    assert_eq!((box_value, community, unanswered), (json!("deploy"), json!("platform"), json!(true)));

    open(&client, &site, "search/?q=deploy&community=nowhere").await;
    wait_for(&client, HAS_RESULTS, "results despite the unknown filter").await;
    let notice =
        client.find(Locator::Id("search-notice")).await.expect("the notice").text().await.expect("text");
    assert_eq!(notice, "The Community filter “nowhere” does not exist and was left out.");
    assert!(titles(&client).await.as_array().expect("titles").len() >= 4, "the results are not filtered");
    assert_eq!(value(&client, "return location.search;").await, json!("?q=deploy"), "the URL drops it too");
    client.close().await.expect("the session closes");
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn the_header_box_on_another_page_leads_to_results_found_in_an_answer() {
    let built = built(false, false);
    let site = Recorded::folder(built.output.clone());
    let driver = Driver::start();
    let client = driver.browser(1280, false).await;
    open(&client, &site, "posts/deploy-checklist/").await;
    client.find(Locator::Css("body")).await.expect("the body").send_keys("/").await.expect("the / key");
    let focused = client.active_element().await.expect("an active element");
    assert_eq!(
        focused.attr("id").await.expect("an id"),
        Some("site-search-input".to_owned()),
        "`/` focuses the box"
    );
    focused.send_keys(&format!("canary{ENTER}")).await.expect("typing and Enter");
    wait_for(&client, HAS_RESULTS, "results on the search page").await;
    assert_eq!(
        value(&client, "return location.pathname + location.search;").await,
        json!("/search/?q=canary")
    );
    assert_eq!(
        titles(&client).await,
        json!(["How do I roll back a deploy?"]),
        "the word is only in its answer"
    );
    client.close().await.expect("the session closes");
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn with_the_log_on_a_settled_query_and_an_opened_result_are_requested_without_cookies() {
    let built = built(true, false);
    assert!(built.output.join("search/log.txt").is_file(), "the build writes search/log.txt");
    let site = Recorded::folder(built.output.clone());
    let driver = Driver::start();
    let client = driver.browser(1280, false).await;
    open(&client, &site, "search/").await;
    value(&client, "document.cookie = 'session=secret; path=/'; return true;").await;
    let box_ = client.find(Locator::Id("search-q")).await.expect("the search box");
    box_.send_keys("deploy").await.expect("typing");
    wait_for(&client, HAS_RESULTS, "results").await;
    let count = value(&client, "return document.querySelectorAll('.search-result').length;").await;
    let settled = format!("q=deploy&n={count}&open=");
    let started = Instant::now();
    while !log_requests(&site).iter().any(|(q, _)| *q == settled) {
        assert!(started.elapsed() < Duration::from_secs(10), "no `{settled}` in {:?}", log_requests(&site));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    box_.send_keys(ARROW_DOWN).await.expect("arrow down");
    client.active_element().await.expect("the first result").send_keys(ENTER).await.expect("Enter");
    let opened = format!("q=deploy&n={count}&open=1");
    let started = Instant::now();
    while !log_requests(&site).iter().any(|(q, _)| *q == opened) {
        assert!(started.elapsed() < Duration::from_secs(10), "no `{opened}` in {:?}", log_requests(&site));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let logged = log_requests(&site);
    assert!(logged.iter().all(|(_, cookie)| !cookie), "a log request carried a cookie: {logged:?}");
    let pages_with_cookie =
        site.requests.lock().expect("the request list").iter().filter(|(_, c)| *c).count();
    assert!(pages_with_cookie > 0, "the browser does send the cookie to other requests");
    assert_eq!(logged.len(), 2, "one request when the query settled, one when a result opened: {logged:?}");
    client.close().await.expect("the session closes");
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn the_relative_url_build_opened_from_disk_finds_pages() {
    let built = built(false, true);
    let driver = Driver::start();
    let client = driver.browser(1280, false).await;
    let page = built.output.join("search/index.html");
    client.goto(&format!("file://{}?q=canary", page.display())).await.expect("the page loads from disk");
    wait_for(&client, HAS_RESULTS, "results over file://").await;
    assert_eq!(titles(&client).await, json!(["How do I roll back a deploy?"]));
    let href = value(&client, "return document.querySelector('.search-result-title a').href;").await;
    let expected = format!("file://{}", built.output.join("questions/rollback/index.html").display());
    assert_eq!(href, json!(expected), "the result links to the page's file");
    let box_ = client.find(Locator::Id("search-q")).await.expect("the search box");
    box_.clear().await.expect("the box clears");
    box_.send_keys("staging").await.expect("typing");
    wait_for(&client, "return [...document.querySelectorAll('.search-result-title a')].some(a => a.textContent === 'Deploying');", "typing finds the wiki page").await;
    let sub =
        value(&client, "return document.querySelector('.search-subresults a')?.getAttribute('href') ?? '';")
            .await;
    assert!(
        sub.as_str().expect("an href").ends_with("wiki/deploying/index.html#staging"),
        "a sub-result links to the section: {sub}"
    );
    client.close().await.expect("the session closes");
}

/// axe-core's serious and critical violations on the loaded page, as `rule: element` lines.
async fn axe_violations(client: &Client) -> Vec<String> {
    let axe = std::fs::read_to_string(node_modules().join("axe-core/axe.min.js")).expect("axe.min.js");
    client.execute(&format!("{axe}\nreturn true;"), vec![]).await.expect("axe-core loads into the page");
    let found = client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations\
               .filter(v => v.impact === 'serious' || v.impact === 'critical')\
               .flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ')))));",
            vec![],
        )
        .await
        .expect("axe runs");
    found.as_array().expect("a list").iter().map(|v| v.as_str().unwrap_or("?").to_owned()).collect()
}

#[tokio::test]
#[ignore = "needs chromium, chromedriver, Node.js and npm; run with --include-ignored"]
async fn results_and_filters_are_accessible_in_light_and_dark_mode_and_fit_a_phone() {
    let built = built(false, false);
    let site = Recorded::folder(built.output.clone());
    let driver = Driver::start();
    for (width, dark) in [(1280, false), (1280, true), (390, false)] {
        let client = driver.browser(width, dark).await;
        open(&client, &site, "search/?q=deploy&community=platform").await;
        wait_for(&client, HAS_RESULTS, "results").await;
        let found = axe_violations(&client).await;
        assert!(found.is_empty(), "axe-core on the results ({width}px, dark: {dark}):\n{}", found.join("\n"));
        let overflow =
            value(&client, "return document.documentElement.scrollWidth - window.innerWidth;").await;
        assert!(overflow.as_f64().expect("a number") <= 0.0, "{overflow}px wider than the {width}px screen");
        client.close().await.expect("the session closes");
    }
}
