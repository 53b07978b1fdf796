//! Screenshots of every page kind of example-site: `scripts/screenshots [FOLDER]`, or
//! `cargo run --release --example screenshots -- [FOLDER]`.
//!
//! Builds example-site into a temporary folder, serves it on a free local port and has
//! headless Chromium (the installed one: `$CHROMIUM`, else `chromium`, `chromium-browser`
//! or `google-chrome`; nothing is downloaded) take one screenshot of the first screen of
//! each page kind at 1280×900 and 390×844, in light and in dark mode. The PNGs go to
//! FOLDER (default `target/screenshots`, which git ignores), named
//! `<kind>-<width>x<height>-<light|dark>.png`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// One page of each kind, by URL path.
const PAGES: [(&str, &str); 14] = [
    ("home", ""),
    ("post", "posts/ci-pipeline-onder-de-tien-minuten/"),
    ("question", "questions/slow-query-after-postgres-upgrade/"),
    ("wiki-page", "wiki/tools/dev-setup/"),
    ("wiki-index", "wiki/"),
    ("community", "communities/data-guild/"),
    ("communities", "communities/"),
    ("authors", "authors/"),
    ("author", "authors/joris-de-vries/"),
    ("tags", "tags/"),
    ("tag", "tags/onboarding/"),
    ("posts", "posts/"),
    ("questions", "questions/"),
    ("404", "404.html"),
];

const SIZES: [(u32, u32); 2] = [(1280, 900), (390, 844)];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let folder = std::env::args().nth(1).map_or_else(|| root.join("target/screenshots"), PathBuf::from);
    let browser = find_browser().unwrap_or_else(|| {
        eprintln!(
            "error: no Chromium found; install it (apt-get install chromium) or set CHROMIUM to its path"
        );
        std::process::exit(2);
    });
    std::fs::create_dir_all(&folder).unwrap_or_else(|error| {
        eprintln!("error: cannot create `{}`: {error}", folder.display());
        std::process::exit(2);
    });

    let work = tempfile::tempdir().expect("a temporary folder");
    let output = work.path().join("public");
    let options = kennis::BuildOptions {
        root: root.join("example-site"),
        output: Some(output.clone()),
        include_drafts: false,
        base_url: None,
        relative_urls: false,
    };
    if let Err(error) = kennis::build_site(&options) {
        eprintln!("error: example-site does not build: {error}");
        std::process::exit(1);
    }
    let server = tiny_http::Server::http("127.0.0.1:0").expect("a local port");
    let base = format!("http://{}/", server.server_addr().to_ip().expect("an IP address"));
    std::thread::spawn(move || serve_files(server, output));

    let mut shots = Vec::new();
    for (kind, path) in PAGES {
        for (width, height) in SIZES {
            for dark in [false, true] {
                let scheme = if dark { "dark" } else { "light" };
                let file = folder.join(format!("{kind}-{width}x{height}-{scheme}.png"));
                shots.push((format!("{base}{path}"), width, height, dark, file));
            }
        }
    }
    // A few browsers at a time, each with its own profile folder.
    let queue = Mutex::new(shots.into_iter());
    let failed = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|scope| {
        for worker in 0..workers {
            let profile = work.path().join(format!("profile-{worker}"));
            let (queue, failed, browser) = (&queue, &failed, &browser);
            scope.spawn(move || {
                while let Some((url, width, height, dark, file)) = queue.lock().expect("the queue").next() {
                    if screenshot(browser, &profile, &url, width, height, dark, &file) {
                        println!("{}", file.display());
                    } else {
                        failed.lock().expect("the failures").push(url);
                    }
                }
            });
        }
    });
    let failed = failed.into_inner().expect("the failures");
    if !failed.is_empty() {
        eprintln!("error: {} screenshot(s) failed: {}", failed.len(), failed.join(", "));
        std::process::exit(1);
    }
}

fn find_browser() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ["chromium", "chromium-browser", "google-chrome"].into_iter().find_map(|name| {
        let found = Command::new("which").arg(name).output().ok()?;
        found.status.success().then(|| PathBuf::from(String::from_utf8_lossy(&found.stdout).trim()))
    })
}

/// One screenshot of the first screen of `url`; false (with Chromium's output printed)
/// when Chromium wrote no file.
fn screenshot(
    browser: &Path,
    profile: &Path,
    url: &str,
    width: u32,
    height: u32,
    dark: bool,
    file: &Path,
) -> bool {
    let _ = std::fs::remove_file(file);
    let mut command = Command::new(browser);
    command.args([
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command.arg(format!("--window-size={width},{height}"));
    if dark {
        command.args(["--force-dark-mode", "--blink-settings=preferredColorScheme=0"]);
    }
    command.arg(format!("--screenshot={}", file.display())).arg(url);
    let run = command.stdin(Stdio::null()).output();
    match run {
        Ok(_) if file.is_file() => true,
        Ok(run) => {
            eprintln!("{url}: no screenshot\n{}", String::from_utf8_lossy(&run.stderr));
            false
        }
        Err(error) => {
            eprintln!("{url}: cannot run {}: {error}", browser.display());
            false
        }
    }
}

/// A minimal static server: `/a/` is `a/index.html`.
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
                let kind = kennis::serve::http::content_type(&file.to_string_lossy());
                let header = tiny_http::Header::from_bytes("Content-Type", kind).expect("a valid header");
                tiny_http::Response::from_data(bytes).with_header(header).with_status_code(200)
            }
            Err(_) => tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404),
        };
        let _ = request.respond(response);
    }
}
