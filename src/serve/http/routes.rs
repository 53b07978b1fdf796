//! What a request gets: the site's file for its path (from the `LiveSite`, never the disk),
//! a redirect, the site's 404 page, or one of the server's own `__kennis/` answers.
//!
//! A path is taken apart once: the base path stripped, percent-decoded once, and refused
//! (404) if any segment is `..` or `.`, or it holds a backslash or NUL, or is absolute or a
//! drive path, however it was spelled before decoding.

use std::hash::{Hash, Hasher};
use std::net::TcpStream;
use std::sync::Arc;

use super::Shared;
use super::content_types::content_type;
use super::hosts::AllowedHosts;
use super::news;
use crate::paths::OutputPath;

/// The live-reload script, served at `__kennis/live.js`.
const LIVE_JS: &str = include_str!("../live.js");

/// The path prefix, under the base path, that the server keeps for itself.
const RESERVED: &str = "__kennis/";

/// A request's head, as far as answering it needs.
#[derive(Debug)]
pub(super) struct Request {
    pub(super) method: String,
    /// As sent: `/kennis/posts/a/?x=1`.
    pub(super) target: String,
    pub(super) host: Option<String>,
    pub(super) if_none_match: Option<String>,
    /// Sent by a page of another site as a subresource (`Sec-Fetch-Site: cross-site`, not a
    /// navigation).
    pub(super) cross_site_subresource: bool,
    pub(super) keep_alive: bool,
    pub(super) has_body: bool,
}

/// A response's status, headers (besides Content-Length, Connection and nosniff, which
/// every response gets) and body.
#[derive(Debug)]
pub(super) struct Response {
    pub(super) status: u16,
    pub(super) headers: Vec<(&'static str, String)>,
    pub(super) body: Body,
}

#[derive(Debug)]
pub(super) enum Body {
    Shared(Arc<[u8]>),
    Owned(Vec<u8>),
    Static(&'static [u8]),
}

impl std::ops::Deref for Body {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Body::Shared(bytes) => bytes,
            Body::Owned(bytes) => bytes,
            Body::Static(bytes) => bytes,
        }
    }
}

impl Response {
    /// A plain-text answer (errors, refusals).
    pub(super) fn text(status: u16, text: &str) -> Response {
        Response {
            status,
            headers: vec![
                ("Content-Type", "text/plain; charset=utf-8".to_owned()),
                ("Cache-Control", "no-cache".to_owned()),
            ],
            body: Body::Owned(text.as_bytes().to_vec()),
        }
    }

    fn redirect(status: u16, location: String) -> Response {
        let mut response = Response::text(status, "");
        response.headers.push(("Location", location));
        response
    }
}

/// How requests are answered: the base path, the hosts answered and this run's id.
#[derive(Debug)]
pub(super) struct Routes {
    base_path: String,
    hosts: AllowedHosts,
    /// Changes each time a server starts, so a browser notices a restarted server.
    run: String,
}

impl Routes {
    pub(super) fn new(base_path: String, hosts: AllowedHosts) -> Routes {
        Routes { base_path, hosts, run: run_id() }
    }

    /// The answer to `request`; `stream` is the connection, which a live poll watches to
    /// notice a browser that left.
    pub(super) fn answer(&self, shared: &Shared, request: &Request, stream: &TcpStream) -> Response {
        if !request.host.as_deref().is_some_and(|host| self.hosts.allows(host)) {
            let shown = request.host.as_deref().unwrap_or("");
            let name = self.hosts.name_of(shown);
            return Response::text(
                403,
                &format!(
                    "the dev server does not answer for host `{shown}`; to allow it, start it with `--allow-host {name}`\n"
                ),
            );
        }
        if request.cross_site_subresource {
            return Response::text(403, "the dev server does not answer other sites' pages\n");
        }
        if request.method != "GET" && request.method != "HEAD" {
            let mut response = Response::text(405, "the dev server answers GET and HEAD only\n");
            response.headers.push(("Allow", "GET, HEAD".to_owned()));
            return response;
        }
        let (path, query) = request.target.split_once('?').unwrap_or((&request.target, ""));
        let Some(under_base) = path.strip_prefix(&self.base_path) else {
            if path == "/" || path == self.base_path.trim_end_matches('/') {
                return Response::redirect(302, self.base_path.clone());
            }
            return Response::text(404, "not found\n");
        };
        let Some(site_path) = decoded_site_path(under_base) else {
            return Response::text(404, "not found\n");
        };
        if let Some(own) = site_path.strip_prefix(RESERVED) {
            return match own {
                "live.js" => cacheable(
                    request,
                    "text/javascript; charset=utf-8",
                    Body::Static(LIVE_JS.as_bytes()),
                    None,
                ),
                "news" => news::answer(shared, &self.run, query, stream),
                _ => Response::text(404, "not found\n"),
            };
        }
        let raw_last = under_base.rsplit('/').next().unwrap_or(under_base);
        self.site_file(shared, request, &site_path, Query { raw_last, query })
    }

    /// The site's file for `site_path` (decoded, relative to the base path), a redirect to
    /// the folder it names, or the site's 404 page.
    fn site_file(&self, shared: &Shared, request: &Request, site_path: &str, asked: Query) -> Response {
        let site = &shared.site;
        // The version first: the file read after it is at least as new, so a browser told of
        // a later change reloads rather than missing it.
        let version = site.version();
        let file = if site_path.is_empty() || site_path.ends_with('/') {
            format!("{site_path}index.html")
        } else {
            site_path.to_owned()
        };
        let output = OutputPath::new(&file);
        if let Some(bytes) = output.as_ref().and_then(|output| site.read(output)) {
            let page = Page { output: &file, site_path, version, run: &self.run };
            return cacheable(request, content_type(&file), Body::Shared(bytes), Some(page));
        }
        let folder_index = OutputPath::new(&format!("{site_path}/index.html"));
        if !site_path.is_empty() && folder_index.is_some_and(|index| site.read(&index).is_some()) {
            // Relative to the folder's own name as sent (escapes and all), so the redirect
            // works behind a proxy that serves the site under another path.
            let query = if asked.query.is_empty() { String::new() } else { format!("?{}", asked.query) };
            return Response::redirect(301, format!("{}/{query}", asked.raw_last));
        }
        let Some(not_found) = OutputPath::new("404.html").and_then(|page| site.read(&page)) else {
            return Response::text(404, "not found\n");
        };
        let page = Page { output: &file, site_path, version, run: &self.run };
        Response {
            status: 404,
            headers: vec![
                ("Content-Type", content_type("404.html").to_owned()),
                ("Cache-Control", "no-cache".to_owned()),
            ],
            body: Body::Owned(with_live_script(&not_found, &page)),
        }
    }
}

/// What a file request carried besides its decoded path: the last segment of the path as
/// sent, and the query.
struct Query<'a> {
    raw_last: &'a str,
    query: &'a str,
}

/// An HTML page as served: which output it is (or would be, for a 404), the path asked for
/// and the version it was read at.
struct Page<'a> {
    output: &'a str,
    site_path: &'a str,
    version: u64,
    run: &'a str,
}

/// A 200 with an ETag, or a 304 when the browser already has these bytes. HTML gets the
/// live script, and its ETag names the version and run the script carries, so a page
/// cached before a change or a restart is never shown with an old version.
fn cacheable(request: &Request, content_type: &'static str, bytes: Body, page: Option<Page>) -> Response {
    let hash = hash_of(&bytes);
    let page = page.filter(|_| content_type.starts_with("text/html"));
    let tag = match &page {
        Some(page) => format!("\"{hash:016x}-{}-{}\"", page.run, page.version),
        None => format!("\"{hash:016x}\""),
    };
    let not_modified = request.if_none_match.as_deref().is_some_and(|tags| matches_tag(tags, &tag));
    let headers = vec![
        ("Content-Type", content_type.to_owned()),
        ("Cache-Control", "no-cache".to_owned()),
        ("ETag", tag),
    ];
    if not_modified {
        return Response { status: 304, headers, body: Body::Static(b"") };
    }
    let body = match page {
        Some(page) => Body::Owned(with_live_script(&bytes, &page)),
        None => bytes,
    };
    Response { status: 200, headers, body }
}

fn matches_tag(if_none_match: &str, tag: &str) -> bool {
    if_none_match
        .split(',')
        .map(str::trim)
        .any(|candidate| candidate == "*" || candidate.trim_start_matches("W/") == tag)
}

fn hash_of(bytes: &[u8]) -> u64 {
    // SipHash with fixed keys: the same bytes give the same tag on every run.
    let mut hasher = std::hash::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// The page with one `<script>` for `__kennis/live.js` before its last `</body>` (at the
/// end when it has none), carrying the version, the run and the page's output path. The
/// script's URL is relative to the page, so it works behind a proxy under another path.
fn with_live_script(html: &[u8], page: &Page) -> Vec<u8> {
    let up = "../".repeat(page.site_path.matches('/').count());
    let script = format!(
        "<script src=\"{up}{RESERVED}live.js\" data-version=\"{}\" data-run=\"{}\" data-page=\"{}\"></script>",
        page.version,
        escape_attribute(page.run),
        escape_attribute(page.output)
    );
    let at = last_body_close(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn last_body_close(html: &[u8]) -> Option<usize> {
    const CLOSE: &[u8] = b"</body";
    (0..=html.len().checked_sub(CLOSE.len())?)
        .rev()
        .find(|&at| html[at..at + CLOSE.len()].eq_ignore_ascii_case(CLOSE))
}

fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The path under the base path, percent-decoded once, or `None` when it is refused: a `..`
/// or `.` segment, an empty one inside it, a backslash, a NUL, a leading `/` (an absolute
/// path) or a drive (`C:`), or an escape that is not one or not UTF-8.
pub(super) fn decoded_site_path(raw: &str) -> Option<String> {
    let decoded = String::from_utf8(percent_decode(raw.as_bytes())?).ok()?;
    let refused = decoded.contains(['\\', '\0'])
        || decoded.starts_with('/')
        || decoded.split('/').next().is_some_and(is_drive)
        || decoded.split('/').enumerate().any(|(index, segment)| {
            segment == ".."
                || segment == "."
                || (segment.is_empty() && index + 1 != decoded.split('/').count())
        });
    (!refused).then_some(decoded)
}

fn is_drive(segment: &str) -> bool {
    let bytes = segment.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}

/// `%xx` escapes decoded; `None` for a `%` not followed by two hex digits.
pub(super) fn percent_decode(raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    let mut bytes = raw.iter();
    while let Some(&byte) = bytes.next() {
        if byte == b'%' {
            let high = (*bytes.next()? as char).to_digit(16)?;
            let low = (*bytes.next()? as char).to_digit(16)?;
            out.push((high * 16 + low) as u8);
        } else {
            out.push(byte);
        }
    }
    Some(out)
}

/// A fresh id for this run: the clock and the process id, enough to tell two runs apart.
fn run_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_nanos());
    let mut hasher = std::hash::DefaultHasher::new();
    (nanos, std::process::id()).hash(&mut hasher);
    format!("{:012x}", hasher.finish() & 0xffff_ffff_ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_way_out_is_refused() {
        for raw in [
            "..",
            "../etc/passwd",
            "a/../../x",
            "%2e%2e/x",
            "%2E./x",
            ".%2e/x",
            "a/%2e%2e/%2e%2e/x",
            "..%2fx",
            "a%5c..%5cx",
            "a\\b",
            "%00",
            "a%00.html",
            "/etc/passwd",
            "%2fetc/passwd",
            "C:/x",
            "c%3a/x",
            "./x",
            "a//b",
            "%zz",
            "%e9",
        ] {
            assert_eq!(decoded_site_path(raw), None, "`{raw}` is refused");
        }
        assert_eq!(decoded_site_path("posts/a%20b/").as_deref(), Some("posts/a b/"));
        assert_eq!(decoded_site_path("%252e%252e/x").as_deref(), Some("%2e%2e/x"), "decoded once only");
        assert_eq!(decoded_site_path("").as_deref(), Some(""));
    }

    #[test]
    fn the_script_goes_before_the_last_body_end_tag() {
        let page = Page { output: "a/index.html", site_path: "a/", version: 3, run: "r1" };
        let html = with_live_script(b"<p></body></p></BODY>\n", &page);
        assert_eq!(
            String::from_utf8(html).unwrap(),
            "<p></body></p><script src=\"../__kennis/live.js\" data-version=\"3\" data-run=\"r1\" \
             data-page=\"a/index.html\"></script></BODY>\n"
        );
        let page = Page { output: "\"><x>", site_path: "", version: 1, run: "r" };
        let html = String::from_utf8(with_live_script(b"bare", &page)).unwrap();
        assert!(html.ends_with("data-page=\"&quot;&gt;&lt;x&gt;\"></script>"), "{html}");
    }
}
