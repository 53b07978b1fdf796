//! The example site in a real headless Chromium: layout on a phone, dark mode, keyboard
//! use, the copy button, and no request leaving the site. `#[ignore]`d so a quick
//! `cargo test` stays fast; CI runs them with `--include-ignored`.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// A requested URL and whether the request carried a `Cookie` header.
pub(super) type Requests = Arc<Mutex<Vec<(String, bool)>>>;

/// A built site served on a free local port, every request recorded. A thread per
/// connection, each closed after one response: tiny_http's pool of connection threads can
/// leave one of a page's six simultaneous connections waiting for ever (its `spawn` may
/// queue a connection while every thread holds a kept-alive one).
pub(super) struct ServedSite {
    _dir: Option<tempfile::TempDir>,
    base: String,
    pub(super) requests: Requests,
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
        let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
        let base = format!("http://{}/", listener.local_addr().expect("an address"));
        let requests: Requests = Arc::default();
        let seen = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (output, seen) = (output.clone(), Arc::clone(&seen));
                std::thread::spawn(move || respond(stream, &output, &seen));
            }
        });
        ServedSite { _dir: None, base, requests }
    }

    pub(super) fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path.trim_start_matches('/'))
    }
}

/// Reads one request from `stream`, records it and answers with the file it names below
/// `output` (`/a/` is `a/index.html`), or a 404 (also for `..` and other escapes).
fn respond(stream: TcpStream, output: &Path, seen: &Mutex<Vec<(String, bool)>>) {
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let url = line.split(' ').nth(1).unwrap_or("/").to_owned();
    let mut cookie = false;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
            break;
        }
        cookie |= header.to_ascii_lowercase().starts_with("cookie:");
    }
    seen.lock().expect("the request list").push((url.clone(), cookie));
    let path = url.split(['?', '#']).next().unwrap_or("/").trim_start_matches('/');
    let escapes = path.split('/').any(|part| part == ".." || part.contains(['\\', ':']));
    let mut file = output.join(path);
    if path.is_empty() || path.ends_with('/') {
        file = file.join("index.html");
    }
    let (status, kind, body) = match std::fs::read(&file) {
        Ok(bytes) if !escapes => {
            ("200 OK", kennis::serve::http::content_type(&file.to_string_lossy()), bytes)
        }
        _ => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut stream = &stream;
    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&body));
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
