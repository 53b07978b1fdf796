//! `kennis serve` as a writer runs it: the real binary on a fixture site, read over HTTP
//! while the test edits files (plainly, as vim saves, many at once), stopped with Ctrl-C;
//! and in headless Chromium, a save shown in the open tab and a mistake in the overlay.
//! No timings are asserted: each wait for new text is bounded and fails with the log.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{SiteTest, kennis};

/// How long the server gets to start, or a page to show an edit, before the test fails.
const PATIENCE: Duration = Duration::from_secs(60);

/// A running `kennis serve` and everything it has printed.
struct Served {
    child: Child,
    log: Arc<Mutex<String>>,
    /// `127.0.0.1:PORT`, read from the printed URL.
    address: String,
}

impl Served {
    /// Starts `kennis serve --root ROOT --port 0 ARGS…` and waits for the line with its URL.
    fn start(root: &Path, args: &[&str]) -> Served {
        Served::start_with_path(root, args, None)
    }

    /// As [`Served::start`], with `folder` first on the `PATH` (for a stand-in `xdg-open`).
    fn start_with_path(root: &Path, args: &[&str], folder: Option<&Path>) -> Served {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kennis"));
        if let Some(folder) = folder {
            let path = std::env::var_os("PATH").unwrap_or_default();
            let paths = std::iter::once(folder.to_path_buf()).chain(std::env::split_paths(&path));
            command.env("PATH", std::env::join_paths(paths).unwrap());
        }
        let mut child = command
            .args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start kennis serve");
        let log = Arc::new(Mutex::new(String::new()));
        for stream in [
            Box::new(child.stderr.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stdout.take().unwrap()),
        ] {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines() {
                    let Ok(line) = line else { break };
                    log.lock().unwrap().push_str(&format!("{line}\n"));
                }
            });
        }
        let mut served = Served { child, log, address: String::new() };
        let url = served
            .wait_for_log(|log| log.lines().find(|line| line.starts_with("serving ")).map(str::to_owned));
        let start = url.find("http://").expect("a URL in the line") + "http://".len();
        let end = url[start..].find('/').map(|end| start + end).expect("the URL ends in /");
        served.address = url[start..end].to_owned();
        served
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits until `found` finds something in the log, failing with the log after a while
    /// or when the server exits.
    fn wait_for_log<T>(&mut self, found: impl Fn(&str) -> Option<T>) -> T {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(value) = found(&self.log()) {
                return value;
            }
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(200));
                panic!("kennis serve exited ({status}) early:\n{}", self.log());
            }
            assert!(Instant::now() < deadline, "waited in vain; the log:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// GET `path` over a plain TCP connection: the status code and the body.
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.address).expect("connect to kennis serve");
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        let request = format!("GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.address);
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response.split(' ').nth(1).and_then(|code| code.parse().ok()).expect("a status line");
        let body = response.split_once("\r\n\r\n").map(|(_, body)| body.to_owned()).unwrap_or_default();
        (status, body)
    }

    /// Fetches `path` until its page holds `text`.
    fn wait_for_page(&mut self, path: &str, text: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let (status, body) = self.get(path);
            if status == 200 && body.contains(text) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "`{path}` never showed {text:?}; last {status}:\n{body}\nthe log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Ctrl-C, then waits for the server to exit.
    fn interrupt(self) -> (ExitStatus, String) {
        self.signal("-INT")
    }

    /// Sends a signal (`-TERM`), then waits for the server to exit.
    fn signal(mut self, signal: &str) -> (ExitStatus, String) {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill").args([signal, &pid]).status().unwrap().success());
        let deadline = Instant::now() + PATIENCE;
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "kennis serve did not stop on Ctrl-C:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(20));
        };
        // The reading threads finish with the pipes.
        std::thread::sleep(Duration::from_millis(100));
        (status, self.log())
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every file and folder under `root`, relative, sorted.
fn tree(root: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .map(|entry| entry.unwrap().path().strip_prefix(root).unwrap().to_path_buf())
        .collect();
    paths.sort();
    paths
}

fn post(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2025-02-03\nauthor: an-peeters\ntags: [news]\n---\n\n{body}\n")
}

#[test]
fn serve_shows_drafts_takes_in_every_kind_of_save_and_stops_on_ctrl_c_leaving_nothing_behind() {
    let site = SiteTest::copy("drafts/mixed");
    let root = site.root();
    let before = tree(root);
    let mut served = Served::start(root, &[]);
    let url_line = served.log();
    assert!(url_line.contains("drafts shown") && url_line.contains("press Ctrl-C to stop"), "{url_line}");

    let (status, draft) = served.get("/posts/work-in-progress/");
    assert_eq!(status, 200, "{draft}");
    assert!(draft.contains("<div class=\"draft-banner\" role=\"note\">"), "{draft}");
    let (status, _) = served.get("/no/such/page/");
    assert_eq!(status, 404);

    // A plain write.
    let published = root.join("content/posts/published.md");
    std::fs::write(&published, post("Out in the open", "Written over in place.")).unwrap();
    served.wait_for_page("/posts/published/", "Written over in place.");
    served.wait_for_log(|log| log.contains("`content/posts/published.md` changed: ").then_some(()));

    // As vim saves: a probe file, the original moved aside, a new file, the copy removed.
    std::fs::write(root.join("content/posts/4913"), "").unwrap();
    std::fs::remove_file(root.join("content/posts/4913")).unwrap();
    std::fs::rename(&published, root.join("content/posts/published.md~")).unwrap();
    std::fs::write(&published, post("Out in the open", "Saved the way vim saves.")).unwrap();
    std::fs::remove_file(root.join("content/posts/published.md~")).unwrap();
    served.wait_for_page("/posts/published/", "Saved the way vim saves.");

    // Many files at once, as a `git checkout` writes them.
    let rebuilds_before = served.log().matches(" changed: ").count();
    for n in 0..40 {
        std::fs::write(
            root.join(format!("content/posts/bulk-{n}.md")),
            post(&format!("Bulk post {n}"), "Many."),
        )
        .unwrap();
    }
    served.wait_for_page("/posts/bulk-39/", "Bulk post 39");
    served.wait_for_page("/posts/bulk-0/", "Bulk post 0");
    let rebuilds = served.log().matches(" changed: ").count() - rebuilds_before;
    // One burst when the writes come together; a loaded machine may split them, but never
    // into one rebuild a file.
    assert!(rebuilds < 20, "40 files written at once took {rebuilds} rebuilds:\n{}", served.log());

    let (status, log) = served.interrupt();
    assert_eq!(status.code(), Some(0), "{log}");
    assert!(log.ends_with("stopped\n"), "{log}");
    // Nothing written to disk: no output folder, no staging folder, no file of kennis's.
    let mut expected = before;
    expected.extend((0..40).map(|n| PathBuf::from(format!("content/posts/bulk-{n}.md"))));
    expected.sort();
    assert_eq!(tree(root), expected);
}

#[test]
fn sigterm_stops_the_server_as_ctrl_c_does() {
    let site = SiteTest::copy("drafts/mixed");
    let served = Served::start(site.root(), &[]);
    let (status, log) = served.signal("-TERM");
    assert_eq!(status.code(), Some(0), "{log}");
    assert!(log.ends_with("stopped\n"), "{log}");
    assert!(!site.root().join("public").exists());
}

#[test]
fn no_drafts_leaves_drafts_out_as_a_build_does() {
    let site = SiteTest::copy("drafts/mixed");
    let served = Served::start(site.root(), &["--no-drafts"]);
    assert!(served.log().contains("drafts hidden"), "{}", served.log());
    assert_eq!(served.get("/posts/work-in-progress/").0, 404);
    let (status, published) = served.get("/posts/published/");
    assert_eq!(status, 200);
    assert!(
        published.contains("Everyone can read this.") && !published.contains("draft-banner"),
        "{published}"
    );
}

#[test]
fn poll_sees_saves_where_the_system_sends_no_events() {
    let site = SiteTest::copy("drafts/mixed");
    let root = site.root();
    let mut served = Served::start(root, &["--poll"]);
    std::fs::write(root.join("content/posts/published.md"), post("Out in the open", "Seen by polling."))
        .unwrap();
    served.wait_for_page("/posts/published/", "Seen by polling.");
    std::fs::write(root.join("content/posts/new.md"), post("A new post", "Found by polling.")).unwrap();
    served.wait_for_page("/posts/new/", "Found by polling.");
}

#[test]
fn a_mistake_is_printed_with_its_place_while_the_last_good_page_stays() {
    let site = SiteTest::copy("drafts/mixed");
    let root = site.root();
    let mut served = Served::start(root, &[]);
    let published = root.join("content/posts/published.md");
    std::fs::write(&published, "---\ntitle: [unclosed\n---\n\nBroken.\n").unwrap();
    let line = served.wait_for_log(|log| {
        log.lines().find(|line| line.starts_with("error: content/posts/published.md:2:")).map(str::to_owned)
    });
    served.wait_for_log(|log| log.contains("1 error shown in the browser").then_some(()));
    let (status, page) = served.get("/posts/published/");
    assert_eq!(status, 200, "{line}");
    assert!(page.contains("Everyone can read this."), "the last good page stays: {page}");
    std::fs::write(&published, post("Out in the open", "Fixed.")).unwrap();
    served.wait_for_page("/posts/published/", "Fixed.");
}

#[test]
fn a_template_folder_added_while_serving_is_watched() {
    let site = SiteTest::copy("drafts/mixed");
    let root = site.root();
    let mut served = Served::start(root, &[]);
    let (_, page) = served.get("/posts/published/");
    assert!(!page.contains("Our own footer"), "{page}");
    // `cp -r` of a theme override: the folder and its file appear together.
    let staging = root.join(".templates-being-copied");
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::write(
        staging.join("page.html"),
        "{% extends \"base.html\" %}{% block main %}<p>Our own page</p>{% endblock main %}",
    )
    .unwrap();
    std::fs::rename(&staging, root.join("templates")).unwrap();
    served.wait_for_page("/posts/published/", "Our own page");
}

#[test]
fn binding_all_interfaces_warns_that_the_network_can_read_the_site() {
    let site = SiteTest::copy("drafts/mixed");
    let mut served = Served::start(site.root(), &["--bind", "0.0.0.0"]);
    served.wait_for_log(|log| {
        log.contains(
            "warning: listening on all interfaces (0.0.0.0): anyone who can reach this machine can read \
             the site, drafts included; leave out `--bind` to keep it to yourself\n",
        )
        .then_some(())
    });
    assert_eq!(served.get("/posts/published/").0, 200);
}

/// A stand-in `xdg-open` that writes what it was asked to open into `opened`, and exits with `code`.
#[cfg(target_os = "linux")]
fn fake_opener(folder: &Path, code: i32) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let opened = folder.join("opened");
    let script = folder.join("xdg-open");
    std::fs::write(&script, format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\nexit {code}\n", opened.display()))
        .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    opened
}

#[cfg(target_os = "linux")]
#[test]
fn open_opens_the_printed_url_and_a_failure_is_only_a_warning() {
    let site = SiteTest::copy("drafts/mixed");
    let bin = tempfile::tempdir().unwrap();
    let opened = fake_opener(bin.path(), 0);
    let mut served = Served::start_with_path(site.root(), &["--open"], Some(bin.path()));
    let url = format!("http://{}/", served.address);
    served.wait_for_log(|_| (std::fs::read_to_string(&opened).ok()? == url).then_some(()));
    drop(served);

    let failing = fake_opener(bin.path(), 3);
    let mut served = Served::start_with_path(site.root(), &["--open"], Some(bin.path()));
    served.wait_for_log(|log| {
        log.contains("warning: `xdg-open` could not open a browser (exit status: 3); open ").then_some(())
    });
    assert!(failing.exists());
    assert_eq!(served.get("/posts/published/").0, 200, "the server goes on");
}

#[test]
fn a_port_in_use_exits_with_2_and_says_to_choose_another() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = SiteTest::copy("drafts/mixed");
    let ran = kennis(&["serve", "--root", site.root().to_str().unwrap(), "--port", &port]);
    ran.exits_with(2);
    assert!(ran.stderr().contains(&format!("port {port} is already in use")), "{}", ran.stderr());
    assert!(ran.stderr().contains("--port"), "{}", ran.stderr());
    assert!(!site.root().join("public").exists());
}

#[test]
fn a_folder_without_a_site_exits_with_2_and_says_how_to_start_one() {
    let empty = tempfile::tempdir().unwrap();
    let ran = kennis(&["serve", "--root", empty.path().to_str().unwrap(), "--port", "0"]);
    ran.exits_with(2);
    assert!(ran.stderr().starts_with("error: no `site.yaml` in "), "{}", ran.stderr());
    assert!(ran.stderr().contains("run `kennis init` to start a site"), "{}", ran.stderr());
}

#[test]
fn serve_explains_itself_with_examples() {
    let ran = kennis(&["serve", "--help"]);
    ran.exits_with(0);
    let help = ran.stdout();
    for text in
        ["Examples:", "kennis serve --root example-site --open", "--allow-host", "--poll", "--no-drafts"]
    {
        assert!(help.contains(text), "{text:?} missing from `kennis serve --help`:\n{help}");
    }
}

/// Waits until `script` returns true in the page, failing with the server's log.
async fn browser_waits_for(client: &fantoccini::Client, served: &Served, script: &str, what: &str) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let value = client.execute(script, vec![]).await.expect("the script runs");
        if value == serde_json::Value::Bool(true) {
            return;
        }
        assert!(Instant::now() < deadline, "{what}: never so (`{script}`); the log:\n{}", served.log());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run with --include-ignored"]
async fn a_save_shows_in_the_open_tab_and_a_mistake_in_the_overlay_until_fixed() {
    let site = SiteTest::copy("drafts/mixed");
    let root = site.root().to_path_buf();
    let served = Served::start(&root, &[]);
    let driver = super::browser::Driver::start();
    let client = driver.browser(1280, false).await;
    client.goto(&format!("http://{}/posts/published/", served.address)).await.expect("the page opens");
    let body = "return document.querySelector('main').textContent";
    browser_waits_for(&client, &served, &format!("{body}.includes('Everyone can read this.');"), "the page")
        .await;

    let published = root.join("content/posts/published.md");
    std::fs::write(&published, post("Out in the open", "Saved in the editor.")).unwrap();
    browser_waits_for(&client, &served, &format!("{body}.includes('Saved in the editor.');"), "the save")
        .await;

    std::fs::write(&published, "---\ntitle: [unclosed\n---\n\nBroken.\n").unwrap();
    let overlay = "document.getElementById('kennis-serve-problems')";
    let listed =
        format!("!!{overlay} && {overlay}.shadowRoot.textContent.includes('content/posts/published.md:2:')");
    browser_waits_for(&client, &served, &format!("return {listed};"), "the overlay").await;
    let still = client.execute(&format!("{body}.includes('Saved in the editor.');"), vec![]).await.unwrap();
    assert_eq!(still, serde_json::Value::Bool(true), "the last good page stays shown");

    std::fs::write(&published, post("Out in the open", "Fixed again.")).unwrap();
    browser_waits_for(
        &client,
        &served,
        &format!("{body}.includes('Fixed again.') && !{overlay};"),
        "the fix",
    )
    .await;
    client.close().await.expect("the session closes");
}
