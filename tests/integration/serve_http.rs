//! `kennis serve`'s HTTP side, driven on a free port with a `LiveSite` filled by hand: what
//! each request gets (types, folders, 404s, caching, methods), the paths and hosts it refuses,
//! the live script in HTML responses only, the news long poll, and a server that survives
//! many clients and malformed requests without keeping threads.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use kennis::output::MemorySink;
use kennis::paths::OutputPath;
use kennis::render::OutputSink;
use kennis::serve::{HttpOptions, HttpServer, LiveSite, Problem};

/// A response as read off the wire.
#[derive(Debug)]
pub(super) struct Reply {
    pub(super) status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    pub(super) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

pub(super) fn path(text: &str) -> OutputPath {
    OutputPath::new(text).expect("an output path")
}

/// Files into a sink, to publish.
pub(super) fn files(entries: &[(&str, &str)]) -> MemorySink {
    let sink = MemorySink::new();
    for (name, bytes) in entries {
        sink.write(&path(name), bytes.as_bytes()).expect("written");
    }
    sink
}

const PAGE: &str = "<!doctype html><html><head><title>A</title></head><body><p>Post A</p></body></html>\n";

/// A small site: pages, a stylesheet, files of many types and a 404 page.
pub(super) fn site() -> Arc<LiveSite> {
    let site = Arc::new(LiveSite::new());
    site.publish_files(
        files(&[
            ("index.html", "<!doctype html><html><body><h1>Home</h1></body></html>\n"),
            ("posts/a/index.html", PAGE),
            ("404.html", "<!doctype html><html><body><h1>Nothing here</h1></body></html>\n"),
            ("kennis.css", "body { color: black }\n"),
            ("kennis.js", "console.log(1);\n"),
            ("search/index.json", "{}"),
            ("search/docs.ndjson", "{}\n"),
            ("atom.xml", "<feed/>"),
            ("sitemap.xml", "<urlset/>"),
            ("img/a.png", "png"),
            ("img/b.jpg", "jpg"),
            ("img/c.svg", "<svg/>"),
            ("img/d.webp", "webp"),
            ("img/e.avif", "avif"),
            ("img/f.gif", "gif"),
            ("favicon.ico", "ico"),
            ("fonts/x.woff2", "woff2"),
            ("notes.txt", "notes"),
            ("docs/x.pdf", "pdf"),
            ("secret.txt", "the secret"),
        ]),
        &[],
    );
    site
}

pub(super) fn options() -> HttpOptions {
    HttpOptions {
        bind: "127.0.0.1".parse().unwrap(),
        port: 0,
        allow_hosts: Vec::new(),
        base_path: "/".to_owned(),
    }
}

pub(super) fn start(site: &Arc<LiveSite>) -> HttpServer {
    HttpServer::start(Arc::clone(site), options()).expect("the server starts")
}

/// Sends `head` as written (request line and headers, without the blank line ending them)
/// and reads the response until the server closes the connection.
pub(super) fn raw(address: SocketAddr, request: &str) -> Reply {
    let mut stream = TcpStream::connect(address).expect("connected");
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    stream.write_all(request.as_bytes()).expect("sent");
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    parse(&bytes)
        .unwrap_or_else(|| panic!("a response to {request:?}, not {:?}", String::from_utf8_lossy(&bytes)))
}

pub(super) fn parse(bytes: &[u8]) -> Option<Reply> {
    let end = bytes.windows(4).position(|window| window == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&bytes[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.to_owned(), value.trim().to_owned()))
        .collect();
    Some(Reply { status, headers, body: bytes[end + 4..].to_vec() })
}

/// A request with the given method, target and extra header lines.
fn request(server: &HttpServer, method: &str, target: &str, extra: &str) -> Reply {
    let address = server.local_addr();
    raw(
        address,
        &format!("{method} {target} HTTP/1.1\r\nHost: {address}\r\n{extra}Connection: close\r\n\r\n"),
    )
}

pub(super) fn get(server: &HttpServer, target: &str) -> Reply {
    request(server, "GET", target, "")
}

fn injected(html: &str) -> Option<&str> {
    let start = html.find("<script src=\"")?;
    Some(&html[start..start + html[start..].find("</script>")? + "</script>".len()])
}

/// The value of `data-NAME` in the live script a page got.
pub(super) fn script_data(html: &str, name: &str) -> String {
    let script = injected(html).expect("the live script");
    let from = script.find(&format!("data-{name}=\"")).expect("the attribute") + name.len() + 7;
    script[from..from + script[from..].find('"').unwrap()].to_owned()
}

#[test]
fn files_get_their_content_type_and_headers_that_never_show_a_stale_page() {
    let site = site();
    let server = start(&site);
    let expected = [
        ("/", "text/html; charset=utf-8"),
        ("/kennis.css", "text/css; charset=utf-8"),
        ("/kennis.js", "text/javascript; charset=utf-8"),
        ("/search/index.json", "application/json; charset=utf-8"),
        ("/search/docs.ndjson", "application/x-ndjson; charset=utf-8"),
        ("/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/img/a.png", "image/png"),
        ("/img/b.jpg", "image/jpeg"),
        ("/img/c.svg", "image/svg+xml"),
        ("/img/d.webp", "image/webp"),
        ("/img/e.avif", "image/avif"),
        ("/img/f.gif", "image/gif"),
        ("/favicon.ico", "image/x-icon"),
        ("/fonts/x.woff2", "font/woff2"),
        ("/notes.txt", "text/plain; charset=utf-8"),
        ("/docs/x.pdf", "application/pdf"),
    ];
    for (target, content_type) in expected {
        let reply = get(&server, target);
        assert_eq!((reply.status, reply.header("Content-Type")), (200, Some(content_type)), "{target}");
        assert_eq!(reply.header("Cache-Control"), Some("no-cache"), "{target}");
        assert_eq!(reply.header("X-Content-Type-Options"), Some("nosniff"), "{target}");
        assert!(reply.header("ETag").is_some(), "{target} has an ETag");
        assert_eq!(reply.header("Access-Control-Allow-Origin"), None, "{target}");
    }
    assert_eq!(get(&server, "/posts/a/?from=feed").status, 200, "a query is not part of the path");
    assert!(get(&server, "/posts/a/").text().contains("<p>Post A</p>"), "a folder URL gives its index.html");
    server.stop();
}

#[test]
fn a_folder_without_its_slash_is_redirected_and_a_missing_page_gets_the_sites_404() {
    let site = site();
    let server = start(&site);
    let reply = get(&server, "/posts/a?x=1");
    assert_eq!((reply.status, reply.header("Location")), (301, Some("a/?x=1")));
    let reply = get(&server, "/posts%2Fa");
    assert_eq!(reply.header("Location"), Some("posts%2Fa/"), "relative to the name as sent");
    let reply = get(&server, "/posts/nothing/");
    assert_eq!(reply.status, 404);
    assert_eq!(reply.header("Content-Type"), Some("text/html; charset=utf-8"));
    let html = reply.text();
    assert!(html.contains("<h1>Nothing here</h1>"), "{html}");
    assert_eq!(script_data(&html, "page"), "posts/nothing/index.html", "it reloads once the page exists");
    assert!(injected(&html).unwrap().starts_with("<script src=\"../../__kennis/live.js\""), "{html}");

    site.publish_files(MemorySink::new(), &[path("404.html")]);
    let reply = get(&server, "/posts/nothing/");
    assert_eq!((reply.status, reply.text().as_str()), (404, "not found\n"), "without a 404.html");
    server.stop();
}

#[test]
fn a_matching_etag_gets_304_until_the_file_changes_and_head_and_other_methods_are_answered() {
    let site = site();
    let server = start(&site);
    let first = get(&server, "/kennis.css");
    let tag = first.header("ETag").expect("an ETag").to_owned();
    let again = request(&server, "GET", "/kennis.css", &format!("If-None-Match: {tag}\r\n"));
    assert_eq!((again.status, again.body.len()), (304, 0));
    site.publish_files(files(&[("kennis.css", "body { color: red }\n")]), &[]);
    let changed = request(&server, "GET", "/kennis.css", &format!("If-None-Match: {tag}\r\n"));
    assert_eq!((changed.status, changed.text().as_str()), (200, "body { color: red }\n"));

    let page = get(&server, "/posts/a/");
    let page_tag = page.header("ETag").unwrap().to_owned();
    assert_eq!(request(&server, "GET", "/posts/a/", &format!("If-None-Match: {page_tag}\r\n")).status, 304);
    site.publish_files(files(&[("kennis.js", "console.log(2);\n")]), &[]);
    let after = request(&server, "GET", "/posts/a/", &format!("If-None-Match: {page_tag}\r\n"));
    assert_eq!(after.status, 200, "a page's script carries the version, so a new version is a new page");

    let head = request(&server, "HEAD", "/posts/a/", "");
    assert_eq!((head.status, head.body.len()), (200, 0));
    assert_eq!(
        head.header("Content-Length"),
        Some(get(&server, "/posts/a/").body.len().to_string().as_str())
    );
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        let reply = request(&server, method, "/posts/a/", "Content-Length: 0\r\n");
        assert_eq!((reply.status, reply.header("Allow")), (405, Some("GET, HEAD")), "{method}");
    }
    server.stop();
}

#[test]
fn every_spelling_of_a_path_out_of_the_site_is_refused_with_404() {
    let site = site();
    let server = start(&site);
    let address = server.local_addr();
    // Sent as raw bytes: an HTTP client would normalise most of these before sending.
    for target in [
        "/../secret.txt",
        "/posts/../secret.txt",
        "/posts/%2e%2e/secret.txt",
        "/posts/%2E%2E/secret.txt",
        "/posts/%2E./secret.txt",
        "/posts/.%2e/secret.txt",
        "/posts/..%2fsecret.txt",
        "/posts/..%5csecret.txt",
        "/posts\\..\\secret.txt",
        "/./secret.txt",
        "/secret.txt%00",
        "/secret.txt%00.html",
        "//secret.txt",
        "/%2fsecret.txt",
        "/C:/secret.txt",
        "/c%3a/secret.txt",
        "/posts//a/",
        "/%zz",
        "secret.txt",
        "http://evil.example/secret.txt",
    ] {
        let reply =
            raw(address, &format!("GET {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"));
        assert!(matches!(reply.status, 400 | 404), "{target} got {}", reply.status);
        assert!(!reply.text().contains("the secret"), "{target} shows the file");
    }
    assert_eq!(get(&server, "/secret.txt").text(), "the secret", "the file itself is served");
    assert_eq!(get(&server, "/%73ecret.txt").text(), "the secret", "escapes are decoded once");
    server.stop();
}

#[test]
fn only_local_hosts_and_allowed_ones_are_answered() {
    let site = site();
    let server = start(&site);
    let address = server.local_addr();
    let port = address.port();
    for host in [
        format!("localhost:{port}"),
        "localhost".to_owned(),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        let reply = raw(address, &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        assert_eq!(reply.status, 200, "{host}");
    }
    let reply =
        raw(address, &format!("GET / HTTP/1.1\r\nHost: rebound.example:{port}\r\nConnection: close\r\n\r\n"));
    assert_eq!(reply.status, 403);
    assert_eq!(
        reply.text(),
        format!(
            "the dev server does not answer for host `rebound.example:{port}`; to allow it, start it with \
             `--allow-host rebound.example`\n"
        )
    );
    assert_eq!(raw(address, "GET / HTTP/1.0\r\n\r\n").status, 403, "a request without Host");
    assert_eq!(
        raw(address, &format!("GET / HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n", port + 1))
            .status,
        403
    );
    server.stop();

    let allowing = HttpOptions { allow_hosts: vec!["preview.example.org".to_owned()], ..options() };
    let server = HttpServer::start(Arc::clone(&site), allowing).expect("the server starts");
    let address = server.local_addr();
    let reply = raw(address, "GET / HTTP/1.1\r\nHost: preview.example.org\r\nConnection: close\r\n\r\n");
    assert_eq!(reply.status, 200);
    let reply = raw(address, "GET / HTTP/1.1\r\nHost: other.example.org\r\nConnection: close\r\n\r\n");
    assert_eq!(reply.status, 403);
    server.stop();
}

#[test]
fn bound_to_all_interfaces_the_machines_name_and_addresses_are_answered_too() {
    let site = site();
    let everywhere = HttpOptions { bind: "0.0.0.0".parse().unwrap(), ..options() };
    let server = HttpServer::start(Arc::clone(&site), everywhere).expect("the server starts");
    let port = server.local_addr().port();
    assert_eq!(server.url(), format!("http://127.0.0.1:{port}/"), "a URL that can be opened");
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let hostname = std::fs::read_to_string("/proc/sys/kernel/hostname").expect("the machine's name");
    for (host, status) in [
        (format!("{}:{port}", hostname.trim()), 200),
        (format!("192.0.2.7:{port}"), 200),
        (format!("[2001:db8::7]:{port}"), 200),
        (format!("0.0.0.0:{port}"), 200),
        (format!("rebound.example:{port}"), 403),
    ] {
        let reply = raw(address, &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        assert_eq!(reply.status, status, "{host}");
    }
    server.stop();
}

#[test]
fn html_responses_get_the_live_script_and_the_sites_files_stay_as_built() {
    let site = site();
    let server = start(&site);
    let html = get(&server, "/posts/a/").text();
    let script = injected(&html).expect("a live script");
    assert_eq!(html.replace(script, ""), PAGE, "one script, nothing else changed");
    assert!(html.contains(&format!("{script}</body>")), "before </body>: {html}");
    assert!(script.starts_with("<script src=\"../../__kennis/live.js\" data-version=\""), "{script}");
    assert_eq!(script_data(&html, "page"), "posts/a/index.html");
    assert_eq!(script_data(&html, "version"), site.version().to_string());
    assert_eq!(
        &*site.read(&path("posts/a/index.html")).unwrap(),
        PAGE.as_bytes(),
        "the stored page is unchanged"
    );
    assert_eq!(get(&server, "/kennis.js").text(), "console.log(1);\n", "no script in a script");
    assert!(injected(&get(&server, "/").text()).unwrap().starts_with("<script src=\"__kennis/live.js\""));

    let live = get(&server, "/__kennis/live.js");
    assert_eq!((live.status, live.header("Content-Type")), (200, Some("text/javascript; charset=utf-8")));
    assert!(live.text().contains("new URL(\"news\", script.src)"), "news is asked relative to the script");
    assert_eq!(get(&server, "/__kennis/other").status, 404, "the prefix is the server's");
    server.stop();
}

#[test]
fn under_a_base_path_the_root_is_redirected_to_it_and_other_paths_are_not_found() {
    let site = site();
    let based = HttpOptions { base_path: "/kennis/".to_owned(), ..options() };
    let server = HttpServer::start(Arc::clone(&site), based).expect("the server starts");
    assert!(server.url().ends_with("/kennis/"), "{}", server.url());
    let reply = get(&server, "/");
    assert_eq!((reply.status, reply.header("Location")), (302, Some("/kennis/")));
    assert_eq!(get(&server, "/kennis").header("Location"), Some("/kennis/"));
    assert!(get(&server, "/kennis/posts/a/").text().contains("Post A"));
    assert_eq!(get(&server, "/posts/a/").status, 404);
    assert_eq!(get(&server, "/kennis/__kennis/live.js").status, 200);
    server.stop();
}

/// The news a `__kennis/news` request gets, as JSON.
fn news(server: &HttpServer, query: &str) -> serde_json::Value {
    let reply = get(server, &format!("/__kennis/news?{query}"));
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.header("Content-Type"), Some("application/json; charset=utf-8"));
    serde_json::from_slice(&reply.body).expect("JSON")
}

pub(super) fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < Duration::from_secs(10), "{what}: not so after 10 s");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_news_poll_returns_when_files_are_published_or_problems_change() {
    let site = site();
    let server = Arc::new(start(&site));
    let html = get(&server, "/posts/a/").text();
    let (run, version) = (script_data(&html, "run"), script_data(&html, "version"));

    let now = news(&server, &format!("v={version}&run={run}&wait=0"));
    assert_eq!(
        now,
        serde_json::json!({ "run": run, "version": site.version(), "changed": [], "problems": [] })
    );

    let polling = Arc::clone(&server);
    let query = format!("v={version}&run={run}&page=posts%2Fa%2Findex.html");
    let poll = std::thread::spawn(move || news(&polling, &query));
    wait_until("the poll holds its page open", || site.open_pages() == [path("posts/a/index.html")]);
    let published = site.publish_files(files(&[("posts/a/index.html", "new")]), &[path("old.html")]);
    let got = poll.join().expect("the poll");
    assert_eq!(got["version"], published);
    assert_eq!(got["changed"], serde_json::json!(["old.html", "posts/a/index.html"]));
    wait_until("the page is no longer open", || site.open_pages().is_empty());

    let polling = Arc::clone(&server);
    let query = format!("v={published}&run={run}&page=posts%2Fa%2Findex.html");
    let poll = std::thread::spawn(move || news(&polling, &query));
    // The poll is waiting (it holds its page open) before the problems change: it is woken.
    wait_until("the second poll holds its page open", || site.open_pages() == [path("posts/a/index.html")]);
    let problem = Problem {
        severity: "error",
        file: "content/posts/a.md".to_owned(),
        line: 3,
        column: 9,
        message: "<script>alert(1)</script> is not a known author".to_owned(),
        hint: Some("add `authors/x.yaml`".to_owned()),
    };
    site.publish_problems(vec![problem]);
    let got = poll.join().expect("the poll");
    assert_eq!(got["changed"], serde_json::json!([]));
    assert_eq!(
        got["problems"],
        serde_json::json!([{
            "severity": "error", "file": "content/posts/a.md", "line": 3, "column": 9,
            "message": "<script>alert(1)</script> is not a known author", "hint": "add `authors/x.yaml`"
        }])
    );

    let other_run = news(&server, &format!("v={published}&run=an-earlier-run"));
    assert_eq!(
        (other_run["run"].as_str(), &other_run["changed"]),
        (Some(run.as_str()), &serde_json::Value::Null)
    );
    let ahead = news(&server, &format!("v=999&run={run}"));
    assert_eq!(ahead["changed"], serde_json::Value::Null, "a version this run never had: reload");
    Arc::into_inner(server).expect("the only handle").stop();
}

#[test]
fn a_port_in_use_is_an_error_that_names_it_and_suggests_another() {
    let site = site();
    let server = start(&site);
    let port = server.local_addr().port();
    let error = HttpServer::start(Arc::clone(&site), HttpOptions { port, ..options() })
        .expect_err("the port is taken");
    let message = error.to_string();
    assert!(
        message.starts_with(&format!(
            "port {port} is already in use on 127.0.0.1; choose another with `--port`"
        )),
        "{message}"
    );
    assert_eq!(error.exit_code(), 2);
    server.stop();
}

#[test]
fn no_page_of_another_site_can_load_the_preview_as_a_script_or_fetch_it() {
    let site = site();
    let server = start(&site);
    // The search index's files are scripts: another site's page could load them with a
    // <script> element through the writer's browser, drafts included.
    let cross = "Sec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: no-cors\r\nSec-Fetch-Dest: script\r\n";
    let refused = request(&server, "GET", "/search/index.json", cross);
    assert_eq!(
        (refused.status, refused.text().as_str()),
        (403, "the dev server does not answer other sites' pages\n")
    );
    let fetched =
        request(&server, "GET", "/posts/a/", "Sec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: cors\r\n");
    assert_eq!(fetched.status, 403, "a fetch from another site");
    // Following a link from elsewhere, and the site's own requests, are answered.
    let followed =
        request(&server, "GET", "/posts/a/", "Sec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: navigate\r\n");
    assert_eq!(followed.status, 200);
    let own = request(
        &server,
        "GET",
        "/search/index.json",
        "Sec-Fetch-Site: same-origin\r\nSec-Fetch-Mode: no-cors\r\n",
    );
    assert_eq!(own.status, 200);
    // Browsers that send no Sec-Fetch-* still refuse the files across sites.
    for reply in [own, followed, get(&server, "/nowhere/")] {
        assert_eq!(reply.header("Cross-Origin-Resource-Policy"), Some("same-origin"));
    }
    server.stop();
}
