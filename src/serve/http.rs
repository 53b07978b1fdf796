//! The dev server's HTTP side: answers browsers from the [`LiveSite`] only (never the disk),
//! injects the live-reload script into HTML responses and answers its long polls.
//!
//! A small HTTP/1.1 layer on std, not tiny_http: tiny_http starts a thread per connection
//! with no read timeout and no hook for socket options, and its accept thread ends on the
//! first accept error, so a slow or silent client holds a thread for ever and running out of
//! file descriptors stops the server. Here one accept loop caps the open connections (a
//! quick 503 beyond the cap), gives each connection a thread with a deadline for a request's
//! headers, an idle timeout between requests and a bound on the headers' size, and keeps
//! accepting after an error. Requests are parsed by httparse (hyper's parser).

mod connection;
mod content_types;
mod hosts;
mod news;
mod routes;

pub use content_types::content_type;

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::serve::LiveSite;

/// Where and for whom the dev server answers.
#[derive(Clone, Debug)]
pub struct HttpOptions {
    /// The address to listen on: `127.0.0.1` unless the writer asks for another.
    pub bind: IpAddr,
    /// The port; 0 picks a free one (tests).
    pub port: u16,
    /// Host names answered besides the local ones (`--allow-host`, a reverse proxy's name).
    pub allow_hosts: Vec<String>,
    /// The path of the site's `base_url`, `/` or `/kennis/`: only requests under it are the site's.
    pub base_path: String,
}

/// The bounds that keep a misbehaving client from tying up the server. The defaults suit
/// `kennis serve`; tests shorten the timeouts.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct HttpLimits {
    /// Open connections at most (each is a thread); one more gets a 503. A browser tab holds
    /// one for its live poll and one or two for what it loads.
    pub max_connections: usize,
    /// How long a request's headers may take to arrive, from its first byte (or from the
    /// connection's opening, for its first request).
    pub header_deadline: Duration,
    /// How long a kept-alive connection may wait for its next request.
    pub idle_timeout: Duration,
    /// The largest request head (request line and headers) read; a larger one gets a 431.
    pub max_header_bytes: usize,
    /// How long a live poll waits for news before it answers that nothing happened.
    pub poll_wait: Duration,
    /// How long writing a response may stall before the connection is dropped.
    pub write_timeout: Duration,
}

impl Default for HttpLimits {
    fn default() -> HttpLimits {
        HttpLimits {
            max_connections: 512,
            header_deadline: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            max_header_bytes: 32 * 1024,
            poll_wait: Duration::from_secs(25),
            write_timeout: Duration::from_secs(10),
        }
    }
}

/// A running dev server: an accept thread and a thread per open connection.
#[derive(Debug)]
pub struct HttpServer {
    address: SocketAddr,
    base_path: String,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

/// What every connection thread reads: the site, how to answer, and the open connections
/// (so that stopping can close them).
#[derive(Debug)]
struct Shared {
    site: Arc<LiveSite>,
    routes: routes::Routes,
    limits: HttpLimits,
    stopping: AtomicBool,
    connections: Mutex<Connections>,
}

#[derive(Debug, Default)]
struct Connections {
    next_id: u64,
    /// A handle on each open connection's socket, to shut it down when the server stops.
    open: HashMap<u64, TcpStream>,
    threads: Vec<JoinHandle<()>>,
}

impl HttpServer {
    /// Binds `options.bind:options.port` and starts answering. A port in use is an error
    /// that names it and says to choose another with `--port`.
    pub fn start(site: Arc<LiveSite>, options: HttpOptions) -> Result<HttpServer> {
        HttpServer::start_with_limits(site, options, HttpLimits::default())
    }

    /// [`HttpServer::start`] with other limits (tests shorten the timeouts).
    #[doc(hidden)]
    pub fn start_with_limits(
        site: Arc<LiveSite>,
        options: HttpOptions,
        limits: HttpLimits,
    ) -> Result<HttpServer> {
        let listener =
            TcpListener::bind((options.bind, options.port)).map_err(|error| bind_error(&options, &error))?;
        let address = listener.local_addr().map_err(|error| bind_error(&options, &error))?;
        let base_path = normalised_base(&options.base_path);
        let hosts = hosts::AllowedHosts::new(options.bind, address.port(), &options.allow_hosts);
        let shared = Arc::new(Shared {
            site,
            routes: routes::Routes::new(base_path.clone(), hosts),
            limits,
            stopping: AtomicBool::new(false),
            connections: Mutex::new(Connections::default()),
        });
        let accepting = Arc::clone(&shared);
        let accept = std::thread::Builder::new()
            .name(format!("accept {}", address.port()))
            .spawn(move || accept_loop(&listener, &accepting))
            .map_err(|error| Error::Usage(format!("cannot start the dev server's thread: {error}")))?;
        Ok(HttpServer { address, base_path, shared, accept: Some(accept) })
    }

    /// The URL to open: `http://127.0.0.1:1111/kennis/` (a loopback address when bound to all
    /// interfaces).
    pub fn url(&self) -> String {
        let shown = match self.address.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        format!("http://{}{}", SocketAddr::new(shown, self.address.port()), self.base_path)
    }

    /// The address the server listens on, with the port it got.
    pub fn local_addr(&self) -> SocketAddr {
        self.address
    }

    /// Stops accepting, closes every open connection (live polls included) and waits for
    /// the server's threads to end.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        let Some(accept) = self.accept.take() else { return };
        self.shared.stopping.store(true, Ordering::SeqCst);
        // The accept loop is blocked in accept(): a connection of our own wakes it.
        let _ = TcpStream::connect_timeout(&wake_address(self.address), Duration::from_secs(1));
        let _ = accept.join();
        let threads = {
            let mut connections = self.shared.connections();
            for stream in connections.open.values() {
                let _ = stream.shutdown(Shutdown::Both);
            }
            std::mem::take(&mut connections.threads)
        };
        for thread in threads {
            let _ = thread.join();
        }
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        self.shut_down();
    }
}

impl Shared {
    fn connections(&self) -> MutexGuard<'_, Connections> {
        // Each change to the table is one insert or remove: a panic leaves it whole.
        self.connections.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }
}

fn bind_error(options: &HttpOptions, error: &std::io::Error) -> Error {
    let address = SocketAddr::new(options.bind, options.port);
    if error.kind() == std::io::ErrorKind::AddrInUse {
        Error::Usage(format!(
            "port {} is already in use on {}; choose another with `--port`, e.g. `--port {}`",
            options.port,
            options.bind,
            options.port.wrapping_add(1).max(1024)
        ))
    } else {
        Error::Usage(format!(
            "cannot listen on {address}: {error}; choose another address with `--bind` or port with `--port`"
        ))
    }
}

/// `kennis/` or `/kennis` becomes `/kennis/`; empty becomes `/`.
fn normalised_base(base: &str) -> String {
    let inner = base.trim_matches('/');
    if inner.is_empty() { "/".to_owned() } else { format!("/{inner}/") }
}

fn wake_address(address: SocketAddr) -> SocketAddr {
    match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), address.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V6(Ipv6Addr::LOCALHOST), address.port())
        }
        _ => address,
    }
}

/// Accepts until the server stops. An error (out of file descriptors, a connection reset
/// before it was accepted) is logged and the loop goes on after a pause, so the server
/// never stops answering because of one.
fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    loop {
        let accepted = listener.accept();
        if shared.stopping() {
            return;
        }
        match accepted {
            Ok((stream, _)) => admit(stream, shared),
            Err(error) => {
                log::debug!("the dev server could not accept a connection: {error}");
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

/// A connection's place among the open ones, given back when dropped.
struct Slot<'a> {
    shared: &'a Shared,
    id: u64,
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.shared.connections().open.remove(&self.id);
    }
}

/// Gives an accepted connection its thread, or a 503 when the cap is reached.
fn admit(stream: TcpStream, shared: &Arc<Shared>) {
    let port = stream.local_addr().map_or(0, |address| address.port());
    let mut connections = shared.connections();
    connections.threads.retain(|thread| !thread.is_finished());
    let handle = stream.try_clone();
    let (Ok(handle), true) = (handle, connections.open.len() < shared.limits.max_connections) else {
        drop(connections);
        connection::refuse_busy(stream);
        return;
    };
    let id = connections.next_id;
    connections.next_id += 1;
    connections.open.insert(id, handle);
    let serving = Arc::clone(shared);
    let spawned =
        std::thread::Builder::new().name(format!("http {port}")).stack_size(256 * 1024).spawn(move || {
            // Frees the connection's place when the thread ends, even by a panic.
            let _slot = Slot { shared: &serving, id };
            connection::serve_connection(&serving, stream);
        });
    match spawned {
        Ok(thread) => connections.threads.push(thread),
        Err(error) => {
            log::warn!("the dev server could not start a thread for a connection: {error}");
            connections.open.remove(&id);
        }
    }
}
