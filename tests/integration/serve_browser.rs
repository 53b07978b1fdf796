//! `kennis serve`'s live reload and problem overlay in a real headless Chromium, on an
//! `HttpServer` whose `LiveSite` the test fills and changes by hand: a new version of the
//! open page shows without a reload by hand, scrolled where it was; problems show in an
//! overlay as text (a `<script>` in a message included) and go when they are fixed; a
//! restarted server is found again. `#[ignore]`d like the other browser tests.

use std::sync::Arc;
use std::time::{Duration, Instant};

use fantoccini::Client;
use serde_json::{Value, json};

use super::browser::Driver;
use kennis::output::MemorySink;
use kennis::paths::OutputPath;
use kennis::render::OutputSink;
use kennis::serve::{HttpOptions, HttpServer, LiveSite, Problem};

fn page(heading: &str) -> MemorySink {
    page_at("posts/a/index.html", heading)
}

fn page_at(path: &str, heading: &str) -> MemorySink {
    let html = format!(
        "<!doctype html><html><head><title>A</title></head><body><h1>{heading}</h1>\
         <div style=\"height:5000px\"></div><p>end</p></body></html>\n"
    );
    let sink = MemorySink::new();
    sink.write(&OutputPath::new(path).unwrap(), html.as_bytes()).expect("written");
    sink
}

fn problem(line: u32, message: &str) -> Problem {
    Problem {
        severity: "error",
        file: "content/posts/a.md".to_owned(),
        line,
        column: 9,
        message: message.to_owned(),
        hint: Some("add the author to `authors/`".to_owned()),
    }
}

async fn value(client: &Client, script: &str) -> Value {
    client.execute(script, vec![]).await.expect("the script runs")
}

/// Waits until `script` returns true in the page; panics with `what` after fifteen seconds.
async fn wait_for(client: &Client, script: &str, what: &str) {
    let started = Instant::now();
    loop {
        if value(client, script).await == Value::Bool(true) {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(15), "{what}: still not so after 15 s (`{script}`)");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the pages the browser's live polls hold open are `expected`.
async fn wait_for_open(site: &LiveSite, expected: &[&str], what: &str) {
    let expected: Vec<OutputPath> = expected.iter().map(|path| OutputPath::new(path).unwrap()).collect();
    let started = Instant::now();
    while site.open_pages() != expected {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "{what}: open pages are {:?}",
            site.open_pages()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn options() -> HttpOptions {
    HttpOptions {
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        allow_hosts: Vec::new(),
        base_path: "/".to_owned(),
    }
}

const OVERLAY: &str = "document.getElementById('kennis-serve-problems')";

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn a_new_version_shows_in_place_and_problems_show_as_text_until_fixed() {
    let site = Arc::new(LiveSite::new());
    site.publish_files(page("Version one"), &[]);
    let options = options();
    let server = HttpServer::start(Arc::clone(&site), options.clone()).expect("the server starts");
    let driver = Driver::start();
    let client = driver.browser(1280, false).await;
    client.goto(&format!("{}posts/a/", server.url())).await.expect("the page opens");
    wait_for(&client, "return document.querySelector('h1').textContent === 'Version one';", "the page").await;
    wait_for_open(&site, &["posts/a/index.html"], "the page's live poll").await;
    value(&client, "window.scrollTo(0, 1500); return window.scrollY;").await;

    site.publish_files(page("Version two"), &[]);
    wait_for(
        &client,
        "return document.querySelector('h1').textContent === 'Version two';",
        "the new version",
    )
    .await;
    wait_for(&client, "return window.scrollY === 1500;", "the scroll position kept").await;

    site.publish_problems(vec![
        problem(3, "<script>alert(1)</script> is not a known author"),
        problem(7, "second"),
    ]);
    wait_for(
        &client,
        &format!("return !!{OVERLAY} && {OVERLAY}.shadowRoot.querySelectorAll('li').length === 2;"),
        "the overlay",
    )
    .await;
    let items = value(
        &client,
        &format!("return [...{OVERLAY}.shadowRoot.querySelectorAll('li')].map(li => li.textContent);"),
    )
    .await;
    assert_eq!(
        items,
        json!([
            "content/posts/a.md:3:9error:<script>alert(1)</script> is not a known authorhint: add the author to `authors/`",
            "content/posts/a.md:7:9error:secondhint: add the author to `authors/`"
        ])
    );
    let scripts =
        value(&client, &format!("return {OVERLAY}.shadowRoot.querySelectorAll('script').length;")).await;
    assert_eq!(scripts, json!(0), "the message is text, not a script element");
    let heading = value(&client, "return document.querySelector('h1').textContent;").await;
    assert_eq!(heading, json!("Version two"), "the last good version stays shown");

    site.publish_problems(Vec::new());
    wait_for(&client, &format!("return !{OVERLAY};"), "the overlay goes when the problems do").await;

    site.publish_problems(vec![problem(4, "third")]);
    wait_for(&client, &format!("return !!{OVERLAY};"), "the overlay is back").await;
    value(&client, &format!("{OVERLAY}.shadowRoot.querySelector('button').click(); return true;")).await;
    wait_for(&client, &format!("return !{OVERLAY};"), "the overlay is dismissed").await;

    // A restarted server (a new run, its own versions) is found again and the page reloads.
    let port = server.local_addr().port();
    server.stop();
    let restarted = Arc::new(LiveSite::new());
    restarted.publish_files(page("Version three"), &[]);
    let server =
        HttpServer::start(Arc::clone(&restarted), HttpOptions { port, ..options }).expect("restarts");
    wait_for(
        &client,
        "return document.querySelector('h1').textContent === 'Version three';",
        "the restarted server",
    )
    .await;
    client.close().await.expect("the session closes");
    server.stop();
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn only_the_tab_in_view_polls_and_a_tab_shown_again_catches_up() {
    let site = Arc::new(LiveSite::new());
    site.publish_files(page("A one"), &[]);
    site.publish_files(page_at("posts/b/index.html", "B one"), &[]);
    let server = HttpServer::start(Arc::clone(&site), options()).expect("the server starts");
    let driver = Driver::start();
    let client = driver.browser(1280, false).await;
    client.goto(&format!("{}posts/a/", server.url())).await.expect("the page opens");
    wait_for_open(&site, &["posts/a/index.html"], "the first tab's poll").await;
    let first = client.window().await.expect("the first tab");

    let second = client.new_window(true).await.expect("a second tab");
    client.switch_to_window(second.handle).await.expect("to the second tab");
    client.goto(&format!("{}posts/b/", server.url())).await.expect("the page opens");
    wait_for_open(&site, &["posts/b/index.html"], "only the tab in view polls").await;

    site.publish_files(page("A two"), &[]);
    client.switch_to_window(first).await.expect("back to the first tab");
    wait_for(&client, "return document.querySelector('h1').textContent === 'A two';", "the tab catches up")
        .await;
    client.close().await.expect("the session closes");
    server.stop();
}
