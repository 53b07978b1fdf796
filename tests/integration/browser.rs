//! The example site in a real headless Chromium: layout on a phone, dark mode, keyboard
//! use, the copy button, and no request leaving the site. `#[ignore]`d so a quick
//! `cargo test` stays fast; CI runs them with `--include-ignored`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// The example site built once into a temporary folder, served on a free local port.
pub(super) struct ServedSite {
    _dir: Option<tempfile::TempDir>,
    base: String,
}

impl ServedSite {
    pub(super) fn example() -> ServedSite {
        let dir = Some(tempfile::tempdir().expect("temporary folder"));
        let output = dir.as_ref().expect("a folder").path().join("public");
        let options = kennis::BuildOptions {
            root: Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site"),
            output: Some(output.clone()),
            include_drafts: false,
            base_url: None,
            relative_urls: false,
        };
        kennis::build_site(&options).expect("example-site builds");
        let mut served = ServedSite::folder(output);
        served._dir = dir;
        served
    }

    /// A folder that was built already, served on a free local port.
    pub(super) fn folder(output: PathBuf) -> ServedSite {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("a local port");
        let base = format!("http://{}/", server.server_addr().to_ip().expect("an IP address"));
        std::thread::spawn(move || serve_files(server, output));
        ServedSite { _dir: None, base }
    }

    pub(super) fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path.trim_start_matches('/'))
    }
}

/// A minimal static server for the test: `/a/` is `a/index.html`.
fn serve_files(server: tiny_http::Server, root: PathBuf) {
    for request in server.incoming_requests() {
        let path = request.url().split(['?', '#']).next().unwrap_or("/").trim_start_matches('/').to_owned();
        // Only files below the output folder: no `..`, no absolute or Windows-style parts.
        if path.split('/').any(|part| part == ".." || part.contains(['\\', ':'])) {
            let _ = request.respond(tiny_http::Response::empty(404));
            continue;
        }
        let mut file = root.join(&path);
        if path.is_empty() || path.ends_with('/') {
            file = file.join("index.html");
        }
        let response = match std::fs::read(&file) {
            Ok(bytes) => {
                let kind = match file.extension().and_then(|e| e.to_str()) {
                    Some("html") => "text/html; charset=utf-8",
                    Some("css") => "text/css",
                    Some("js") => "text/javascript",
                    Some("svg") => "image/svg+xml",
                    _ => "application/octet-stream",
                };
                let header = tiny_http::Header::from_bytes("Content-Type", kind).expect("a valid header");
                tiny_http::Response::from_data(bytes).with_header(header).with_status_code(200)
            }
            Err(_) => tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404),
        };
        let _ = request.respond(response);
    }
}

/// chromedriver on a free port, stopped when dropped.
pub(super) struct Driver {
    process: Child,
    port: u16,
}

impl Driver {
    pub(super) fn start() -> Driver {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let process = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver is installed (apt-get install chromium-driver)");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { process, port }
    }

    pub(super) async fn browser(&self, width: u32, dark: bool) -> Client {
        let mut args = vec![
            "--headless=new".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--no-first-run".to_owned(),
            format!("--window-size={width},900"),
        ];
        if dark {
            args.push("--force-dark-mode".to_owned());
            args.push("--blink-settings=preferredColorScheme=0".to_owned());
        }
        let capabilities = json!({ "goog:chromeOptions": { "args": args } });
        let capabilities = capabilities.as_object().cloned().expect("an object");
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a browser session")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

pub(super) async fn number(client: &Client, script: &str) -> f64 {
    client.execute(script, vec![]).await.expect("the script runs").as_f64().expect("a number")
}

const PAGES: [&str; 6] = [
    "",
    "posts/ci-pipeline-onder-de-tien-minuten/",
    "questions/slow-query-after-postgres-upgrade/",
    "wiki/tools/",
    "communities/data-guild/",
    "authors/joris-de-vries/",
];

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn pages_fit_a_phone_screen_without_sideways_scrolling() {
    let site = ServedSite::example();
    let driver = Driver::start();
    let client = driver.browser(390, false).await;
    for page in PAGES {
        client.goto(&site.url(page)).await.expect("the page loads");
        let overflow =
            number(&client, "return document.documentElement.scrollWidth - window.innerWidth;").await;
        assert!(overflow <= 0.0, "`/{page}` is {overflow}px wider than a 390px phone screen");
    }
    client.close().await.expect("the session closes");
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn dark_mode_follows_the_system() {
    let site = ServedSite::example();
    let driver = Driver::start();
    let brightness = "const c = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); \
                      return (c[0] * 299 + c[1] * 587 + c[2] * 114) / 1000;";
    let light = driver.browser(1280, false).await;
    light.goto(&site.url("")).await.expect("the page loads");
    let light_value = number(&light, brightness).await;
    light.close().await.expect("the session closes");
    let dark = driver.browser(1280, true).await;
    dark.goto(&site.url("")).await.expect("the page loads");
    let dark_value = number(&dark, brightness).await;
    dark.close().await.expect("the session closes");
    assert!(light_value > 200.0, "the light background is bright ({light_value})");
    assert!(dark_value < 60.0, "the dark background is dark ({dark_value})");
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn the_skip_link_comes_first_and_moves_focus_to_the_content() {
    let site = ServedSite::example();
    let driver = Driver::start();
    let client = driver.browser(1280, false).await;
    client.goto(&site.url("posts/ci-pipeline-onder-de-tien-minuten/")).await.expect("the page loads");
    client.active_element().await.expect("an active element").send_keys("\u{E004}").await.expect("Tab");
    let focused = client.active_element().await.expect("an active element");
    assert_eq!(focused.attr("class").await.expect("a class").as_deref(), Some("skip-link"));
    focused.click().await.expect("the skip link works");
    let hash = client.execute("return location.hash;", vec![]).await.expect("the script runs");
    assert_eq!(hash, json!("#main"));
    client.close().await.expect("the session closes");
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn code_blocks_get_a_copy_button_and_nothing_is_fetched_from_elsewhere() {
    let site = ServedSite::example();
    let driver = Driver::start();
    let client = driver.browser(1280, false).await;
    for page in PAGES {
        client.goto(&site.url(page)).await.expect("the page loads");
        let foreign = client
            .execute(
                "return performance.getEntriesByType('resource').map(e => e.name)\
                 .filter(n => !n.startsWith(location.origin));",
                vec![],
            )
            .await
            .expect("the script runs");
        assert_eq!(foreign, json!([]), "`/{page}` fetched from outside the site");
    }
    client.goto(&site.url("posts/ci-pipeline-onder-de-tien-minuten/")).await.expect("the page loads");
    let blocks = client.find_all(Locator::Css("pre.code")).await.expect("code blocks");
    let buttons =
        client.find_all(Locator::Css("pre.code button, .code-block button")).await.expect("buttons");
    assert!(!blocks.is_empty(), "the post has code");
    assert_eq!(buttons.len(), blocks.len(), "one copy button per code block");
    client.close().await.expect("the session closes");
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn a_questions_facts_sit_beside_it_on_a_wide_screen_and_below_the_answers_on_a_phone() {
    let site = ServedSite::example();
    let driver = Driver::start();
    let page = site.url("questions/slow-query-after-postgres-upgrade/");
    // How far the sidebar's left edge is right of the answers' right edge, and how far its
    // top is below the answers' bottom.
    let beside = "const a = document.querySelector('.question-aside').getBoundingClientRect(); \
                  const b = document.querySelector('.answers').getBoundingClientRect(); \
                  return a.left - b.right;";
    let below = "const a = document.querySelector('.question-aside').getBoundingClientRect(); \
                 const b = document.querySelector('.answers').getBoundingClientRect(); \
                 return a.top - b.bottom;";
    let wide = driver.browser(1280, false).await;
    wide.goto(&page).await.expect("the page loads");
    let gap = number(&wide, beside).await;
    assert!(gap > 0.0, "at 1280px the sidebar is right of the answers (gap {gap}px)");
    let top =
        number(&wide, "return document.querySelector('.question-aside').getBoundingClientRect().top;").await;
    assert!(top < 400.0, "at 1280px the sidebar starts on the first screen, beside the title (top {top}px)");
    wide.close().await.expect("the session closes");
    let phone = driver.browser(390, false).await;
    phone.goto(&page).await.expect("the page loads");
    let gap = number(&phone, below).await;
    assert!(gap >= 0.0, "at 390px the sidebar comes after the answers (gap {gap}px)");
    phone.close().await.expect("the session closes");
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn a_wiki_pages_tree_sits_beside_it_on_a_wide_screen_and_after_it_on_a_phone() {
    let site = ServedSite::example();
    let driver = Driver::start();
    let page = site.url("wiki/tools/dev-setup/");
    let beside = "const a = document.querySelector('.wiki-tree').getBoundingClientRect(); \
                  const b = document.querySelector('.page-body').getBoundingClientRect(); \
                  return a.left - b.right;";
    let below = "const a = document.querySelector('.wiki-tree').getBoundingClientRect(); \
                 const b = document.querySelector('.page-body').getBoundingClientRect(); \
                 return a.top - b.bottom;";
    let wide = driver.browser(1280, false).await;
    wide.goto(&page).await.expect("the page loads");
    let gap = number(&wide, beside).await;
    assert!(gap > 0.0, "at 1280px the tree is right of the page (gap {gap}px)");
    wide.close().await.expect("the session closes");
    let phone = driver.browser(390, false).await;
    phone.goto(&page).await.expect("the page loads");
    let gap = number(&phone, below).await;
    assert!(gap >= 0.0, "at 390px the tree comes after the page (gap {gap}px)");
    let overflow = number(&phone, "return document.documentElement.scrollWidth - window.innerWidth;").await;
    assert!(overflow <= 0.0, "the wiki page is {overflow}px wider than a 390px phone screen");
    phone.close().await.expect("the session closes");
}
