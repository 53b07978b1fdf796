//! `kennis serve`'s HTTP limits: a cap on connections, deadlines for slow and silent
//! clients, a bound on headers, and a server that survives 200 clients with their live polls
//! plus malformed requests over raw TCP and keeps no thread once they are gone.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

use kennis::serve::HttpServer;
use kennis::serve::http::HttpLimits;

use super::serve_http::{files, get, options, parse, raw, script_data, site, start, wait_until};

/// The server's connection threads (named `http PORT`) alive in this process.
fn connection_threads(port: u16) -> usize {
    let name = format!("http {port}");
    std::fs::read_dir("/proc/self/task")
        .expect("/proc/self/task")
        .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("comm")).ok())
        .filter(|comm| comm.trim_end() == name)
        .count()
}

fn short_limits() -> HttpLimits {
    HttpLimits {
        header_deadline: Duration::from_secs(3),
        idle_timeout: Duration::from_secs(3),
        poll_wait: Duration::from_secs(20),
        ..HttpLimits::default()
    }
}

#[test]
fn connections_beyond_the_cap_get_503_and_the_others_are_answered() {
    let site = site();
    let limits = HttpLimits { max_connections: 3, ..HttpLimits::default() };
    let server =
        HttpServer::start_with_limits(Arc::clone(&site), options(), limits).expect("the server starts");
    let address = server.local_addr();
    let held: Vec<TcpStream> = (0..3).map(|_| TcpStream::connect(address).expect("connected")).collect();
    wait_until("three connection threads", || connection_threads(address.port()) == 3);
    // The 503 comes without a request: the one beyond the cap is answered as it is accepted.
    let mut beyond = TcpStream::connect(address).expect("connected");
    beyond.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut bytes = Vec::new();
    let _ = beyond.read_to_end(&mut bytes);
    let reply = parse(&bytes).expect("a response");
    assert_eq!((reply.status, reply.header("Retry-After")), (503, Some("1")));
    drop(held);
    wait_until("the held connections are closed", || connection_threads(address.port()) == 0);
    assert_eq!(get(&server, "/").status, 200);
    server.stop();
}

#[test]
fn many_clients_and_malformed_requests_leave_it_answering_with_no_threads_left() {
    let site = site();
    let server = HttpServer::start_with_limits(Arc::clone(&site), options(), short_limits()).expect("starts");
    let address = server.local_addr();
    let html = get(&server, "/posts/a/").text();
    let run = script_data(&html, "run");
    wait_until("no connection thread", || connection_threads(address.port()) == 0);

    // Malformed requests, each on its own thread; every one must end with the connection closed.
    let malformed: Vec<std::thread::JoinHandle<(String, Vec<u8>)>> = [
        ("truncated", b"GET /posts/a/ HT".to_vec()),
        ("garbage", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n".to_vec()),
        (
            "oversized",
            format!("GET / HTTP/1.1\r\nHost: {address}\r\nX-Big: {}\r\n\r\n", "a".repeat(64 * 1024))
                .into_bytes(),
        ),
        (
            "many headers",
            format!("GET / HTTP/1.1\r\nHost: {address}\r\n{}\r\n", "X-A: b\r\n".repeat(200)).into_bytes(),
        ),
        ("nothing", Vec::new()),
    ]
    .into_iter()
    .map(|(what, bytes)| {
        std::thread::spawn(move || {
            let mut stream = TcpStream::connect(address).expect("connected");
            stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
            let _ = stream.write_all(&bytes);
            let mut reply = Vec::new();
            let _ = stream.read_to_end(&mut reply);
            (what.to_owned(), reply)
        })
    })
    .collect();
    // A slow client: one byte every 400 ms, 14 s for the whole request, far beyond the deadline.
    let slow = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(address).expect("connected");
        stream.set_read_timeout(Some(Duration::from_millis(400))).unwrap();
        let mut reply = Vec::new();
        for byte in b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n" {
            if stream.write_all(&[*byte]).is_err() {
                break;
            }
            let mut chunk = [0u8; 1024];
            if let Ok(read @ 1..) = stream.read(&mut chunk) {
                reply.extend_from_slice(&chunk[..read]);
                break;
            }
        }
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let _ = stream.read_to_end(&mut reply);
        reply
    });

    // 200 clients: each holds a live poll open and fetches pages meanwhile, while versions are published.
    let clients: Vec<_> = (0..200)
        .map(|client| {
            let run = run.clone();
            std::thread::spawn(move || {
                let mut poll = TcpStream::connect(address).expect("connected");
                poll.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
                let version = 1;
                let request = format!(
                    "GET /__kennis/news?v={version}&run={run}&page=posts%2Fa%2Findex.html HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
                );
                poll.write_all(request.as_bytes()).expect("the poll is sent");
                let mut statuses = Vec::new();
                for target in ["/", "/posts/a/", "/kennis.css", if client % 2 == 0 { "/missing/" } else { "/atom.xml" }] {
                    statuses.push(raw(address, &format!("GET {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n")).status);
                }
                let mut reply = Vec::new();
                let _ = poll.read_to_end(&mut reply);
                statuses.push(parse(&reply).map_or(0, |reply| reply.status));
                statuses
            })
        })
        .collect();
    for round in 0..20 {
        site.publish_files(files(&[("kennis.css", &format!("body {{ order: {round} }}\n"))]), &[]);
        std::thread::sleep(Duration::from_millis(25));
    }
    for client in clients {
        let statuses = client.join().expect("a client");
        assert!(statuses[..3].iter().all(|status| *status == 200) && statuses[4] == 200, "{statuses:?}");
        assert!(matches!(statuses[3], 200 | 404), "{statuses:?}");
    }
    for thread in malformed {
        let (what, reply) = thread.join().expect("a malformed client");
        let status = parse(&reply).map(|reply| reply.status);
        let expected = match what.as_str() {
            "oversized" | "many headers" => Some(431),
            "garbage" => Some(400),
            "truncated" => Some(408),
            _ => None,
        };
        assert_eq!(status, expected, "{what}: {:?}", String::from_utf8_lossy(&reply));
    }
    let reply = slow.join().expect("the slow client");
    let status = parse(&reply).map(|reply| reply.status);
    assert_eq!(status, Some(408), "the slow client is cut off at the deadline, before its request is whole");

    assert_eq!(get(&server, "/posts/a/").status, 200, "still answering");
    wait_until("every connection thread ends", || connection_threads(address.port()) == 0);
    server.stop();
}

#[test]
fn stopping_ends_every_thread_and_a_held_poll() {
    let site = site();
    let server = start(&site);
    let address = server.local_addr();
    let html = get(&server, "/").text();
    let run = script_data(&html, "run");
    let mut poll = TcpStream::connect(address).expect("connected");
    let request =
        format!("GET /__kennis/news?v={}&run={run} HTTP/1.1\r\nHost: {address}\r\n\r\n", site.version());
    poll.write_all(request.as_bytes()).unwrap();
    let idle = TcpStream::connect(address).expect("connected");
    wait_until("two connection threads", || connection_threads(address.port()) == 2);
    server.stop();
    assert_eq!(connection_threads(address.port()), 0);
    assert!(TcpStream::connect(address).is_err(), "nothing listens any more");
    drop(idle);
}
