//! axe-core in headless Chromium on every page kind of example-site, light and dark, at
//! desktop width: no serious or critical violations. axe comes from `tests/js` (installed
//! by `npm ci` when missing, see [`super::html_validate::node_modules`]) and is injected
//! into each page through WebDriver. `#[ignore]`d like the other browser tests. Also: aligned
//! table columns, which lost their inline `style` to pass the HTML validator, still align.

use fantoccini::Client;
use serde_json::Value;

use super::browser::{Driver, ServedSite};
use super::html_validate::{PAGE_KINDS, node_modules};

/// Runs axe on the loaded page and hands back its serious and critical violations, each
/// with the elements it found them on.
const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ["violations"] })
  .then(result => done(result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map(n => ({ target: n.target.join(" "), summary: n.failureSummary })),
    }))))
  .catch(error => done({ error: String(error) }));
"#;

/// The page's serious and critical violations as readable lines: page, rule, element.
async fn violations(client: &Client, axe: &str, page: &str, scheme: &str) -> Vec<String> {
    client.execute(&format!("{axe}\nreturn true;"), vec![]).await.expect("axe-core loads into the page");
    let found = client.execute_async(RUN_AXE, vec![]).await.expect("axe runs");
    if let Some(error) = found.get("error") {
        panic!("axe failed on /{page} ({scheme}): {error}");
    }
    let mut lines = Vec::new();
    for violation in found.as_array().expect("a list of violations") {
        for node in violation["nodes"].as_array().into_iter().flatten() {
            lines.push(format!(
                "/{page} ({scheme}) {} [{}]: {} at `{}`\n    {}",
                violation["id"].as_str().unwrap_or("?"),
                violation["impact"].as_str().unwrap_or("?"),
                violation["help"].as_str().unwrap_or("?"),
                node["target"].as_str().unwrap_or("?"),
                node["summary"].as_str().unwrap_or("").replace('\n', "\n    ")
            ));
        }
    }
    lines
}

async fn no_serious_violations(dark: bool) {
    let axe = std::fs::read_to_string(node_modules().join("axe-core/axe.min.js")).expect("axe.min.js");
    let scheme = if dark { "dark" } else { "light" };
    let site = ServedSite::example();
    let driver = Driver::start();
    let client = driver.browser(1280, dark).await;
    let mut found = Vec::new();
    for (_, file) in PAGE_KINDS {
        let page = file.strip_suffix("index.html").unwrap_or(file);
        client.goto(&site.url(page)).await.expect("the page loads");
        let matches = client
            .execute("return matchMedia('(prefers-color-scheme: dark)').matches;", vec![])
            .await
            .expect("the script runs");
        assert_eq!(matches, Value::Bool(dark), "/{page} is shown in {scheme} mode");
        found.extend(violations(&client, &axe, page, scheme).await);
    }
    client.close().await.expect("the session closes");
    assert!(
        found.is_empty(),
        "axe-core found {} serious or critical problem(s) in {scheme} mode:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[tokio::test]
#[ignore = "needs chromium, chromedriver, Node.js and npm; run with --include-ignored"]
async fn every_page_kind_has_no_serious_accessibility_problems_in_light_mode() {
    no_serious_violations(false).await;
}

#[tokio::test]
#[ignore = "needs chromium, chromedriver, Node.js and npm; run with --include-ignored"]
async fn every_page_kind_has_no_serious_accessibility_problems_in_dark_mode() {
    no_serious_violations(true).await;
}

#[tokio::test]
#[ignore = "needs chromium, chromedriver, Node.js and npm; run with --include-ignored"]
async fn the_check_names_the_page_rule_and_element_it_finds() {
    // A test of the check itself: light grey text on white is found, with its element.
    let axe = std::fs::read_to_string(node_modules().join("axe-core/axe.min.js")).expect("axe.min.js");
    let driver = Driver::start();
    let client = driver.browser(1280, false).await;
    let page = "<!doctype html><html lang=en><title>Faint</title><main><p id=faint style='color:#bbb'>Faint text</p></main>";
    client.goto(&format!("data:text/html,{}", page.replace('#', "%23"))).await.expect("the page loads");
    let found = violations(&client, &axe, "faint", "light").await;
    client.close().await.expect("the session closes");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("/faint (light) color-contrast [serious]: "), "{}", found[0]);
    assert!(found[0].contains("at `#faint`"), "{}", found[0]);
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn aligned_table_columns_still_align_without_inline_styles() {
    // Right-aligned columns (`|--:|`) now get a class the theme styles, not a `style`.
    let site = ServedSite::example();
    let driver = Driver::start();
    let client = driver.browser(1280, false).await;
    client.goto(&site.url("handbook/opleidingsbudget/")).await.expect("the page loads");
    let alignments = client
        .execute(
            "return [...document.querySelectorAll('.prose tbody tr:first-child > *')]\
             .map(c => getComputedStyle(c).textAlign);",
            vec![],
        )
        .await
        .expect("the script runs");
    let inline = client
        .execute("return document.querySelectorAll('.prose [style]').length;", vec![])
        .await
        .expect("the script runs");
    client.close().await.expect("the session closes");
    assert_eq!(alignments, serde_json::json!(["left", "right", "left"]));
    assert_eq!(inline, serde_json::json!(0));
}
