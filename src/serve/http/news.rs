//! `__kennis/news?v=N&run=R&page=P`: what changed since version N, answered at once or held
//! open (a long poll) until something happens, while the page the browser shows counts as open.

use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::Shared;
use super::routes::{Body, Response, percent_decode};
use crate::paths::OutputPath;
use crate::serve::News;

/// How often a waiting poll looks whether its browser left or the server is stopping.
const SLICE: Duration = Duration::from_millis(500);

/// The news as sent: [`News`] and the id of the server's run.
#[derive(Serialize)]
struct Reply<'a> {
    run: &'a str,
    #[serde(flatten)]
    news: News,
}

/// The query of a news request.
#[derive(Default)]
struct Asked {
    seen: Option<u64>,
    run: String,
    page: Option<OutputPath>,
    wait: bool,
}

/// Answers a news request: at once when the browser's page is of another run or version
/// than this server knows (it must reload), or asked not to wait (`wait=0`, the first call
/// of a page, which learns the problems there are now), or when something happened since
/// its version; otherwise when something does, or after the poll's wait with nothing new.
pub(super) fn answer(shared: &Shared, run: &str, query: &str, stream: &TcpStream) -> Response {
    let asked = asked(query);
    let site = &shared.site;
    let now = site.version();
    let news = match asked.seen {
        Some(seen) if asked.run == run && seen <= now => {
            if asked.wait {
                let _open = asked.page.map(|page| site.page_opened(page));
                wait_for_news(shared, seen, stream)
            } else {
                site.news_since(seen, Duration::ZERO)
            }
        }
        // Another run (a restarted server) or a version this run never had: reload — but
        // not before this run has published its first build, or the page would reload
        // into a site that is not there yet, without the live script to come back.
        _ if now == 0 => {
            let news = wait_for_news(shared, 0, stream);
            if news.version == 0 {
                return Response::text(503, "the site is still being built\n");
            }
            News { changed: None, ..news }
        }
        _ => News { changed: None, ..site.news_since(now, Duration::ZERO) },
    };
    let json = serde_json::to_vec(&Reply { run, news }).unwrap_or_else(|_| b"{}".to_vec());
    Response {
        status: 200,
        headers: vec![
            ("Content-Type", "application/json; charset=utf-8".to_owned()),
            ("Cache-Control", "no-store".to_owned()),
        ],
        body: Body::Owned(json),
    }
}

/// Waits for news since `seen` in short slices, giving up early when the browser closed the
/// connection (so its page stops counting as open) or the server is stopping.
fn wait_for_news(shared: &Shared, seen: u64, stream: &TcpStream) -> News {
    let until = Instant::now() + shared.limits.poll_wait;
    loop {
        let left = until.saturating_duration_since(Instant::now());
        let news = shared.site.news_since(seen, left.min(SLICE));
        if news.version > seen || left <= SLICE || shared.stopping() || browser_left(stream) {
            return news;
        }
    }
}

/// Whether the other end closed the connection: a read that would not block and finds its end.
fn browser_left(stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return false;
    }
    let left = matches!(stream.peek(&mut [0u8; 1]), Ok(0));
    let _ = stream.set_nonblocking(false);
    left
}

fn asked(query: &str) -> Asked {
    let mut asked = Asked { wait: true, ..Asked::default() };
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let Some(value) = percent_decode(value.as_bytes()).and_then(|bytes| String::from_utf8(bytes).ok())
        else {
            continue;
        };
        match key {
            "v" => asked.seen = value.parse().ok(),
            "run" => asked.run = value,
            "page" => asked.page = OutputPath::new(&value),
            "wait" => asked.wait = value != "0",
            _ => {}
        }
    }
    asked
}
