//! One connection: read a request's head within its deadline and size, answer it, and keep
//! the connection for the next request until it idles out or asks to close.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

use super::Shared;
use super::routes::{Request, Response};

/// The most headers a request may have.
const MAX_HEADERS: usize = 64;

/// What reading a request's head came to.
enum Head {
    Request(Request),
    /// The client closed the connection, or sent nothing before the idle timeout.
    Gone,
    /// The head did not arrive whole before its deadline.
    TooSlow,
    TooLarge,
    Malformed,
}

/// Answers requests on `stream` until it closes, idles out or asks to close.
pub(super) fn serve_connection(shared: &Shared, stream: TcpStream) {
    let limits = &shared.limits;
    let _ = stream.set_nodelay(true);
    let _ = stream.set_write_timeout(Some(limits.write_timeout));
    let mut buffer = Vec::new();
    let mut first = true;
    while !shared.stopping() {
        let head = read_head(&stream, &mut buffer, shared, first);
        first = false;
        let request = match head {
            Head::Request(request) => request,
            Head::Gone => return,
            Head::TooSlow => {
                return refuse(&stream, Response::text(408, "the request's headers took too long\n"));
            }
            Head::TooLarge => {
                return refuse(&stream, Response::text(431, "the request's headers are too large\n"));
            }
            Head::Malformed => return refuse(&stream, Response::text(400, "a malformed request\n")),
        };
        let response = shared.routes.answer(shared, &request, &stream);
        log::debug!("{} {} {}", request.method, request.target, response.status);
        let keep_alive = request.keep_alive && !request.has_body && !shared.stopping();
        let written = write_response(&stream, &response, request.method == "HEAD", keep_alive);
        if written.is_err() {
            return;
        }
        if !keep_alive {
            return close_lingering(&stream);
        }
    }
}

/// A 503 for a connection beyond the cap, written at once (a fresh socket's send buffer
/// takes it without blocking) so the accept loop moves on. What the client already sent is
/// read first without waiting, so that closing does not reset the connection under the 503.
pub(super) fn refuse_busy(mut stream: TcpStream) {
    if stream.set_nonblocking(true).is_ok() {
        let mut sink = [0u8; 4096];
        for _ in 0..16 {
            if !matches!(stream.read(&mut sink), Ok(1..)) {
                break;
            }
        }
    }
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
    let mut response = Response::text(503, "the dev server has too many open connections; try again\n");
    response.headers.push(("Retry-After", "1".to_owned()));
    let _ = write_response(&stream, &response, false, false);
    let _ = stream.shutdown(Shutdown::Write);
}

fn refuse(stream: &TcpStream, response: Response) {
    let _ = write_response(stream, &response, false, false);
    close_lingering(stream);
}

/// Ends the connection after a response without taking back what it said: closing a socket
/// with unread bytes sends a reset, which can make the client drop the response it has not
/// read yet. So the write side closes first and what the client still sends is read and
/// dropped, for a moment, before the socket closes.
fn close_lingering(mut stream: &TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let until = Instant::now() + Duration::from_millis(500);
    let mut sink = [0u8; 4096];
    let mut left = 256 * 1024usize;
    while left > 0 {
        let wait = until.saturating_duration_since(Instant::now());
        if wait.is_zero() || stream.set_read_timeout(Some(wait)).is_err() {
            return;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(read) => left = left.saturating_sub(read),
        }
    }
}

/// Reads until `buffer` holds a whole request head, keeping what follows it (a pipelined
/// request) in `buffer`. The head must come within the header deadline of its first byte
/// (of the connection's opening for the first request); between requests the connection
/// may idle for the idle timeout.
fn read_head(mut stream: &TcpStream, buffer: &mut Vec<u8>, shared: &Shared, first: bool) -> Head {
    let limits = &shared.limits;
    let waiting_since = Instant::now();
    let mut deadline = first.then(|| waiting_since + limits.header_deadline);
    let mut chunk = [0u8; 4096];
    loop {
        if !buffer.is_empty() {
            deadline.get_or_insert_with(|| Instant::now() + limits.header_deadline);
            match parse_head(buffer) {
                Ok(Some((request, length))) => {
                    buffer.drain(..length);
                    return Head::Request(request);
                }
                Ok(None) if buffer.len() > limits.max_header_bytes => return Head::TooLarge,
                Ok(None) => {}
                Err(head) => return head,
            }
        }
        let until = deadline.unwrap_or(waiting_since + limits.idle_timeout);
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || shared.stopping() {
            return if buffer.is_empty() { Head::Gone } else { Head::TooSlow };
        }
        let _ = stream.set_read_timeout(Some(left));
        match stream.read(&mut chunk) {
            Ok(0) => return Head::Gone,
            Ok(read) => buffer.extend_from_slice(&chunk[..read]),
            Err(error) if error.kind() == ErrorKind::Interrupted => {}
            Err(error) if matches!(error.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return Head::Gone,
        }
    }
}

/// The request whose head `buffer` starts with and the head's length; `Ok(None)` while the
/// head is incomplete.
fn parse_head(buffer: &[u8]) -> Result<Option<(Request, usize)>, Head> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    let length = match parsed.parse(buffer) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) => return Ok(None),
        Err(httparse::Error::TooManyHeaders) => return Err(Head::TooLarge),
        Err(_) => return Err(Head::Malformed),
    };
    let (Some(method), Some(target), Some(version)) = (parsed.method, parsed.path, parsed.version) else {
        return Err(Head::Malformed);
    };
    let mut request = Request {
        method: method.to_owned(),
        target: target.to_owned(),
        host: None,
        if_none_match: None,
        cross_site_subresource: false,
        keep_alive: version == 1,
        has_body: false,
    };
    let (mut site, mut mode) = (None, None);
    for header in parsed.headers.iter() {
        let value = std::str::from_utf8(header.value).map_err(|_| Head::Malformed)?.trim();
        let name = header.name;
        if name.eq_ignore_ascii_case("host") {
            if request.host.is_some() {
                return Err(Head::Malformed);
            }
            request.host = Some(value.to_owned());
        } else if name.eq_ignore_ascii_case("if-none-match") {
            request.if_none_match = Some(value.to_owned());
        } else if name.eq_ignore_ascii_case("sec-fetch-site") {
            site = Some(value.to_ascii_lowercase());
        } else if name.eq_ignore_ascii_case("sec-fetch-mode") {
            mode = Some(value.to_ascii_lowercase());
        } else if name.eq_ignore_ascii_case("connection") {
            for token in value.split(',').map(str::trim) {
                if token.eq_ignore_ascii_case("close") {
                    request.keep_alive = false;
                } else if token.eq_ignore_ascii_case("keep-alive") && version == 0 {
                    request.keep_alive = true;
                }
            }
        } else if name.eq_ignore_ascii_case("transfer-encoding")
            || (name.eq_ignore_ascii_case("content-length") && value != "0")
        {
            // GET and HEAD carry no body; one that comes anyway is not read, and the
            // connection closes after the answer rather than reading it as the next request.
            request.has_body = true;
        }
    }
    // A page of another site asking for a file as a script, picture or fetch (browsers say
    // so in Sec-Fetch-*): refused, so no site can read the preview through the writer's
    // browser. Following a link here (a navigation) is fine.
    request.cross_site_subresource =
        site.as_deref() == Some("cross-site") && mode.as_deref() != Some("navigate");
    Ok(Some((request, length)))
}

fn write_response(
    mut stream: &TcpStream,
    response: &Response,
    head_only: bool,
    keep_alive: bool,
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", response.status, reason(response.status));
    for (name, value) in &response.headers {
        head.push_str(name);
        head.push_str(": ");
        head.push_str(value);
        head.push_str("\r\n");
    }
    if response.status != 304 {
        // A 304's length would be the 200's; it has no body, so none is sent.
        head.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
    }
    head.push_str("X-Content-Type-Options: nosniff\r\n");
    // No page of another site may load these files as a script, picture or frame (the search
    // index's files are scripts, drafts included): browsers refuse them across sites.
    head.push_str("Cross-Origin-Resource-Policy: same-origin\r\n");
    head.push_str(if keep_alive { "Connection: keep-alive\r\n\r\n" } else { "Connection: close\r\n\r\n" });
    if head_only || response.body.is_empty() {
        return stream.write_all(head.as_bytes());
    }
    if response.body.len() <= 16 * 1024 {
        let mut whole = head.into_bytes();
        whole.extend_from_slice(&response.body);
        return stream.write_all(&whole);
    }
    stream.write_all(head.as_bytes())?;
    stream.write_all(&response.body)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}
