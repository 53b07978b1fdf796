//! `kennis serve`: the site built into memory, rebuilt on save, shown to browsers that reload
//! themselves; nothing is written to the output folder.
//!
//! [`serve`] ties the parts together: the [`engine`] builds and takes in changes, [`http`]
//! answers browsers from the [`LiveSite`] they share, and [`watch`] turns file events into
//! bursts of changed paths. It is the one library function that prints: a server's log
//! lines are what the command shows while it runs.

pub mod engine;
pub mod http;
pub mod state;
pub mod watch;

use std::collections::BTreeSet;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

pub use http::{HttpOptions, HttpServer};
pub use state::{LiveSite, News, OpenPage, Problem};

use crate::config::{Config, ConfigOverrides};
use crate::error::{Error, Result};
use engine::{Engine, EngineOptions, TakenIn};
use watch::{WatchEvent, WatchOptions, Watcher};

/// What `kennis serve` was asked to do.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The site's folder, holding `site.yaml`.
    pub root: PathBuf,
    /// The address to listen on: `127.0.0.1` unless told otherwise.
    pub bind: IpAddr,
    /// The port to listen on; 0 lets the system pick a free one (printed in the URL).
    pub port: u16,
    /// Show pages with `draft: true` (with their banner); `--no-drafts` turns it off.
    pub drafts: bool,
    /// Host names answered besides the bind address and the local names (a reverse proxy's).
    pub allow_hosts: Vec<String>,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Poll the files instead of waiting for the system's file events.
    pub poll: bool,
}

/// What wakes the serving loop.
enum Wake {
    Watched(WatchEvent),
    /// Ctrl-C, SIGTERM or SIGHUP.
    Stop,
}

/// Builds the site into memory, serves it and rebuilds what each burst of saved changes
/// touches, until Ctrl-C. Returns once the server has stopped; an error only when it could
/// not start (no site, the port taken).
pub fn serve(options: &ServeOptions) -> Result<()> {
    let started = Instant::now();
    let root = std::path::absolute(&options.root)
        .map_err(|source| Error::Read { path: options.root.clone(), source })?;
    // Watching starts before the first build, so that a file saved during it is taken in
    // after; the engine reads site.yaml again and decides what its problems mean.
    let early_config = match Config::load(&root, &ConfigOverrides::default()) {
        Ok(config) => Some(config),
        Err(Error::Content(_)) => None,
        Err(error) => return Err(error),
    };
    let (sender, receiver) = mpsc::channel();
    let watch_options = WatchOptions { root: root.clone(), poll: options.poll, quiet: watch::QUIET };
    let watched = sender.clone();
    let mut watcher = Watcher::start(&watch_options, move |event| {
        let _ = watched.send(Wake::Watched(event));
    })?;
    if let Some(config) = &early_config {
        warn_all(&watcher.watch_folders(&folders_in_full(config)).problems);
    }

    let site = Arc::new(LiveSite::new());
    let engine_options = EngineOptions { root: root.clone(), drafts: options.drafts };
    let mut engine = Engine::start(&engine_options, Arc::clone(&site))?;
    warn_all(&watcher.watch_folders(&folders_in_full(engine.config())).problems);
    let http_options = HttpOptions {
        bind: options.bind,
        port: options.port,
        allow_hosts: options.allow_hosts.clone(),
        base_path: engine.config().base_path.clone(),
    };
    let server = HttpServer::start(Arc::clone(&site), http_options)?;
    stop_on_signal(sender)?;

    let mut shown = current_problems(&site);
    for problem in &shown {
        eprintln!("{}", describe_problem(problem));
    }
    eprintln!("{}", ready_line(options, &server.url(), started.elapsed(), &shown));
    if options.bind.is_unspecified() {
        eprintln!(
            "warning: listening on all interfaces ({}): anyone who can reach this machine can read \
             the site, drafts included; leave out `--bind` to keep it to yourself",
            options.bind
        );
    }
    if options.open {
        open_in_browser(&server.url());
    }

    while let Some(mut changed) = next_burst(&receiver) {
        let taking_in = Instant::now();
        // A folder created since (`templates/` added) is watched from now on, and what it
        // already holds is part of this burst.
        let found = watcher.watch_folders(&folders_in_full(engine.config()));
        warn_all(&found.problems);
        changed.extend(found.files_found);
        changed.retain(|path| !engine::is_ignored(engine.config(), path));
        if changed.is_empty() {
            continue;
        }
        let changed: Vec<PathBuf> = changed.into_iter().collect();
        let taken = engine.take_in(&changed);
        let took = taking_in.elapsed();
        // site.yaml may name other folders now; the engine has read them in full.
        warn_all(&watcher.watch_folders(&folders_in_full(engine.config())).problems);
        let problems = current_problems(&site);
        for problem in problems.iter().filter(|problem| !shown.contains(problem)) {
            eprintln!("{}", describe_problem(problem));
        }
        match taken {
            Ok(taken) => eprintln!("{}", change_line(&root, &changed, &taken, took, &problems)),
            Err(error) => eprint!("{}", crate::commands::describe_error(&error)),
        }
        shown = problems;
    }

    watcher.stop();
    server.stop();
    eprintln!("stopped");
    Ok(())
}

/// Waits for the next burst of changes, merged with every burst that arrived while the
/// last one was taken in; `None` once asked to stop.
fn next_burst(receiver: &Receiver<Wake>) -> Option<BTreeSet<PathBuf>> {
    let mut changed = BTreeSet::new();
    let mut wake = receiver.recv().ok()?;
    loop {
        match wake {
            Wake::Stop => return None,
            Wake::Watched(WatchEvent::Changed(paths)) => changed.extend(paths),
            Wake::Watched(WatchEvent::Failed(message)) => eprintln!("warning: watching files: {message}"),
        }
        match receiver.try_recv() {
            Ok(more) => wake = more,
            Err(_) => return Some(changed),
        }
    }
}

/// The folders watched with everything in them: the engine's list, whose first entry, the
/// root, is watched in full only when it is the content folder (`content_dir: .`); the
/// output folder and `.git` stay unwatched otherwise.
fn folders_in_full(config: &Config) -> Vec<PathBuf> {
    let mut folders = engine::watched_folders(config);
    if !config.content_is_root() {
        folders.retain(|folder| *folder != config.root);
    }
    folders
}

/// Where Ctrl-C sends its stop: the handler is installed once per process, and each
/// [`serve`] points it at its own loop.
static STOP_TARGET: Mutex<Option<Sender<Wake>>> = Mutex::new(None);

fn stop_on_signal(sender: Sender<Wake>) -> Result<()> {
    *STOP_TARGET.lock().unwrap_or_else(PoisonError::into_inner) = Some(sender);
    static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
    INSTALLED
        .get_or_init(|| {
            ctrlc::set_handler(|| {
                if let Some(sender) = STOP_TARGET.lock().unwrap_or_else(PoisonError::into_inner).as_ref() {
                    let _ = sender.send(Wake::Stop);
                }
            })
            .map_err(|error| error.to_string())
        })
        .clone()
        .map_err(|message| Error::Usage(format!("cannot stop cleanly on Ctrl-C: {message}")))
}

fn warn_all(problems: &[String]) {
    for problem in problems {
        eprintln!("warning: {problem}");
    }
}

fn current_problems(site: &LiveSite) -> Vec<Problem> {
    site.news_since(site.version(), Duration::ZERO).problems
}

/// A problem as `kennis build` prints a diagnostic.
fn describe_problem(problem: &Problem) -> String {
    let mut text = if problem.line == 0 {
        format!("{}: {}", problem.severity, problem.message)
    } else {
        format!(
            "{}: {}:{}:{}: {}",
            problem.severity, problem.file, problem.line, problem.column, problem.message
        )
    };
    if let Some(hint) = &problem.hint {
        text.push_str(&format!("\n  = help: {hint}"));
    }
    text
}

/// `serving `site` at http://127.0.0.1:1111/ (ready in 1.20s, drafts shown); press Ctrl-C to stop`
fn ready_line(options: &ServeOptions, url: &str, took: Duration, problems: &[Problem]) -> String {
    let drafts = if options.drafts { "drafts shown" } else { "drafts hidden" };
    let counted = count_problems(problems).map(|count| format!(", {count}")).unwrap_or_default();
    format!(
        "serving `{}` at {url} (ready in {}, {drafts}{counted}); press Ctrl-C to stop",
        options.root.display(),
        seconds(took)
    )
}

/// `content/posts/a.md changed: 3 files rendered in 41 ms`
fn change_line(
    root: &Path,
    changed: &[PathBuf],
    taken: &TakenIn,
    took: Duration,
    problems: &[Problem],
) -> String {
    let first = changed.first().map(|path| path.strip_prefix(root).unwrap_or(path).display().to_string());
    let what = match changed.len() {
        1 => format!("`{}` changed", first.unwrap_or_default()),
        n => format!("`{}` and {} more changed", first.unwrap_or_default(), n - 1),
    };
    let rebuilt = if taken.full_rebuild { ", site rebuilt" } else { "" };
    let removed = if taken.removed > 0 { format!(", {} removed", taken.removed) } else { String::new() };
    let counted = count_problems(problems).map(|count| format!("; {count}")).unwrap_or_default();
    format!(
        "{what}: {} rendered{removed}{rebuilt} in {}{counted}",
        plural(taken.rendered, "file"),
        seconds(took)
    )
}

/// `2 errors and 1 warning, shown in the browser`, or nothing when there are none.
fn count_problems(problems: &[Problem]) -> Option<String> {
    let errors = problems.iter().filter(|problem| problem.severity == "error").count();
    let warnings = problems.len() - errors;
    let counted = match (errors, warnings) {
        (0, 0) => return None,
        (errors, 0) => plural(errors, "error"),
        (0, warnings) => plural(warnings, "warning"),
        (errors, warnings) => format!("{} and {}", plural(errors, "error"), plural(warnings, "warning")),
    };
    Some(format!("{counted} shown in the browser"))
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}

/// `41 ms` below a second, `2.31s` from there.
fn seconds(took: Duration) -> String {
    if took < Duration::from_secs(1) {
        format!("{} ms", took.as_millis())
    } else {
        format!("{:.2}s", took.as_secs_f64())
    }
}

/// `--open`: the system's way of opening a URL; a failure is a warning, never an error.
fn open_in_browser(url: &str) {
    let (program, arguments): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("cmd", &["/C", "start", ""])
    } else {
        ("xdg-open", &[])
    };
    let spawned = std::process::Command::new(program)
        .args(arguments)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    let url = url.to_owned();
    match spawned {
        // Waited for on a thread of its own, so it leaves no zombie and the server goes on.
        Ok(mut child) => {
            std::thread::spawn(move || match child.wait() {
                Ok(status) if !status.success() => {
                    eprintln!("warning: `{program}` could not open a browser ({status}); open {url} yourself")
                }
                _ => {}
            });
        }
        Err(error) => {
            eprintln!("warning: cannot run `{program}` to open a browser ({error}); open {url} yourself")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taken(rendered: usize, removed: usize, full_rebuild: bool) -> TakenIn {
        TakenIn { rendered, removed, problems: 0, full_rebuild }
    }

    fn problem(severity: &'static str) -> Problem {
        Problem {
            severity,
            file: "content/a.md".into(),
            line: 3,
            column: 1,
            message: "bad".into(),
            hint: None,
        }
    }

    #[test]
    fn a_change_line_says_what_changed_what_was_done_and_what_is_wrong() {
        let root = Path::new("/site");
        let one = [root.join("content/posts/a.md")];
        assert_eq!(
            change_line(root, &one, &taken(3, 0, false), Duration::from_millis(41), &[]),
            "`content/posts/a.md` changed: 3 files rendered in 41 ms"
        );
        let many = [root.join("content/a.md"), root.join("content/b.md"), root.join("content/c.md")];
        assert_eq!(
            change_line(root, &many, &taken(1, 2, true), Duration::from_millis(2310), &[problem("error")]),
            "`content/a.md` and 2 more changed: 1 file rendered, 2 removed, site rebuilt in 2.31s; \
             1 error shown in the browser"
        );
    }

    #[test]
    fn the_ready_line_counts_errors_and_warnings() {
        let options = ServeOptions {
            root: PathBuf::from("example-site"),
            bind: IpAddr::from([127, 0, 0, 1]),
            port: 1111,
            drafts: true,
            allow_hosts: Vec::new(),
            open: false,
            poll: false,
        };
        let problems = [problem("error"), problem("warning"), problem("warning")];
        assert_eq!(
            ready_line(&options, "http://127.0.0.1:1111/", Duration::from_millis(1200), &problems),
            "serving `example-site` at http://127.0.0.1:1111/ (ready in 1.20s, drafts shown, 1 error and \
             2 warnings shown in the browser); press Ctrl-C to stop"
        );
    }

    #[test]
    fn a_problem_is_printed_as_a_diagnostic_is() {
        let with_hint = Problem { hint: Some("close the quote".into()), ..problem("error") };
        assert_eq!(describe_problem(&with_hint), "error: content/a.md:3:1: bad\n  = help: close the quote");
        let of_the_site = Problem { file: String::new(), line: 0, column: 0, ..problem("warning") };
        assert_eq!(describe_problem(&of_the_site), "warning: bad");
    }
}
