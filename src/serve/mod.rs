//! `kennis serve`: the site built into memory, rebuilt on save, shown to browsers that reload
//! themselves; nothing is written to the output folder.
//!
//! [`serve`] ties the parts together and runs the program's life: the [`engine`] builds and
//! takes in changes, [`http`] answers browsers from the [`LiveSite`] they share, and
//! [`watch`] turns file events into bursts of changed paths. It is the one library function
//! that prints (`report.rs` words it): a server's log lines are what the command shows
//! while it runs.

pub mod engine;
pub mod http;
mod report;
pub mod state;
pub mod watch;

use std::collections::BTreeSet;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

pub use http::{HttpOptions, HttpServer};
pub use state::{LiveSite, News, OpenPage, Problem};

use crate::config::{Config, ConfigOverrides};
use crate::error::{Error, Result};
use engine::{Engine, EngineOptions};
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

/// Builds the site into memory, serves it and rebuilds what each burst of saved changes
/// touches, until Ctrl-C (or SIGTERM, SIGHUP). Returns once the server has stopped; an
/// error only when it could not start (no site, the port taken).
pub fn serve(options: &ServeOptions) -> Result<()> {
    let started = Instant::now();
    let (sender, receiver) = mpsc::channel();
    let mut serving = Serving::start(options, sender.clone())?;
    stop_on_signal(sender)?;
    serving.announce(options, started.elapsed());
    // A change whose lists and search were left for a newer one is finished as soon as no
    // newer change waits: the loop waits for files only when nothing is left to do.
    while let Some(changed) = next_burst(&receiver, !serving.engine.is_behind(), &serving.newer) {
        serving.take_in(changed);
    }
    serving.stop();
    eprintln!("stopped");
    Ok(())
}

/// What wakes the serving loop.
enum Wake {
    Watched(WatchEvent),
    /// Ctrl-C, SIGTERM or SIGHUP.
    Stop,
}

/// The parts of a running server.
struct Serving {
    root: PathBuf,
    site: Arc<LiveSite>,
    engine: Engine,
    server: HttpServer,
    watcher: Watcher,
    /// The path the server serves the site under (`/kennis/`): the base path when it started.
    base_path: String,
    /// The problems printed so far, so that each change prints only new ones.
    shown: Vec<Problem>,
    /// Set by the watcher when a burst arrives, cleared when the loop takes it: the engine
    /// stops the lists-and-search step of a change when a newer one waits.
    newer: Arc<AtomicBool>,
}

impl Serving {
    /// Watches, builds, listens. Watching starts before the first build, so that a file
    /// saved during it is taken in after; listening too, when site.yaml reads cleanly, so
    /// that a port in use is said at once rather than after the build.
    fn start(options: &ServeOptions, wake: Sender<Wake>) -> Result<Serving> {
        let root = std::path::absolute(&options.root)
            .map_err(|source| Error::Read { path: options.root.clone(), source })?;
        // The engine reads site.yaml again and decides what its problems mean.
        let early_config = match Config::load(&root, &ConfigOverrides::default()) {
            Ok(config) => Some(config),
            Err(Error::Content(_)) => None,
            Err(error) => return Err(error),
        };
        let watch_options = WatchOptions { root: root.clone(), poll: options.poll, quiet: watch::QUIET };
        let newer = Arc::new(AtomicBool::new(false));
        let told = Arc::clone(&newer);
        let mut watcher = Watcher::start(&watch_options, move |event| {
            if may_matter(&event) {
                told.store(true, Ordering::Relaxed);
            }
            let _ = wake.send(Wake::Watched(event));
        })?;
        let site = Arc::new(LiveSite::new());
        let mut server = None;
        if let Some(config) = &early_config {
            report::warn_all(&watcher.watch_folders(&folders_in_full(config)).problems);
            let started = HttpServer::start(Arc::clone(&site), http_options(options, config))?;
            server = Some((started, config.base_path.clone()));
        }
        let engine_options = EngineOptions { root: root.clone(), drafts: options.drafts };
        let mut engine = Engine::start(&engine_options, Arc::clone(&site))?;
        engine.stop_second_steps_on(Arc::clone(&newer));
        report::warn_all(&watcher.watch_folders(&folders_in_full(engine.config())).problems);
        let (server, base_path) = match server {
            Some(started) => started,
            None => (
                HttpServer::start(Arc::clone(&site), http_options(options, engine.config()))?,
                engine.config().base_path.clone(),
            ),
        };
        Ok(Serving { root, site, engine, server, watcher, base_path, shown: Vec::new(), newer })
    }

    /// Prints the problems, the URL to open and what to beware of; opens the browser.
    fn announce(&mut self, options: &ServeOptions, took: Duration) {
        self.shown = self.print_new_problems();
        eprintln!("{}", report::ready_line(options, &self.server.url(), took, &self.shown));
        if options.bind.is_unspecified() {
            eprintln!("{}", report::all_interfaces_warning(options.bind));
        }
        if options.open {
            open_in_browser(&self.server.url());
        }
    }

    /// Takes in one burst and prints a line saying what it did.
    fn take_in(&mut self, mut changed: BTreeSet<PathBuf>) {
        let started = Instant::now();
        // A folder created since (`templates/` added) is watched from now on, and what it
        // already holds is part of this burst.
        let found = self.watcher.watch_folders(&folders_in_full(self.engine.config()));
        report::warn_all(&found.problems);
        changed.extend(found.files_found);
        changed.retain(|path| !engine::is_ignored(self.engine.config(), path));
        if changed.is_empty() && !self.engine.is_behind() {
            return;
        }
        let changed: Vec<PathBuf> = changed.into_iter().collect();
        let taken = self.engine.take_in(&changed);
        let took = started.elapsed();
        if changed.is_empty() {
            // The lists and search of the changes before, left for them, are out now.
            if let Ok(taken) = &taken {
                eprintln!("{}", report::catch_up_line(taken, took));
            }
            return;
        }
        // A site built again may read other folders now (site.yaml changed); the engine has
        // read them in full.
        if taken.as_ref().is_ok_and(|taken| taken.full_rebuild) {
            report::warn_all(&self.watcher.watch_folders(&folders_in_full(self.engine.config())).problems);
        }
        let problems = self.print_new_problems();
        match taken {
            Ok(taken) => eprintln!("{}", report::change_line(&self.root, &changed, &taken, took, &problems)),
            Err(error) => eprint!("{}", crate::commands::describe_error(&error)),
        }
        let base_path = &self.engine.config().base_path;
        if *base_path != self.base_path {
            eprintln!(
                "warning: `base_url` now has the path `{base_path}`: stop and start kennis serve to serve there"
            );
        }
        self.shown = problems;
    }

    /// Prints the problems the site has now that were not printed before; returns them all.
    fn print_new_problems(&self) -> Vec<Problem> {
        let problems = self.site.news_since(self.site.version(), Duration::ZERO).problems;
        for problem in problems.iter().filter(|problem| !self.shown.contains(problem)) {
            eprintln!("{}", report::describe_problem(problem));
        }
        problems
    }

    fn stop(self) {
        self.watcher.stop();
        self.server.stop();
    }
}

fn http_options(options: &ServeOptions, config: &Config) -> HttpOptions {
    HttpOptions {
        bind: options.bind,
        port: options.port,
        allow_hosts: options.allow_hosts.clone(),
        base_path: config.base_path.clone(),
    }
}

/// Whether a burst may change the site, so that it should stop the work on the one before:
/// not when every path is a hidden file or an editor's leftover (vim writes its `.swp`
/// every few seconds while you type). The engine decides the rest.
fn may_matter(event: &WatchEvent) -> bool {
    match event {
        WatchEvent::Changed(paths) => {
            paths.iter().any(|path| !path.file_name().is_some_and(crate::content::is_skipped))
        }
        WatchEvent::Failed(_) => false,
    }
}

/// Waits for the next burst of changes (or, unless `wait`, takes what has come: perhaps
/// nothing), merged with every burst that arrived while the last one was taken in, and
/// clears `newer`; `None` once asked to stop.
fn next_burst(receiver: &Receiver<Wake>, wait: bool, newer: &AtomicBool) -> Option<BTreeSet<PathBuf>> {
    let mut changed = BTreeSet::new();
    let first = match wait {
        true => receiver.recv().ok(),
        false => match receiver.try_recv() {
            Ok(wake) => Some(wake),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => return None,
        },
    };
    // A burst that arrives from here on stops the work this one starts.
    newer.store(false, Ordering::Relaxed);
    let Some(mut wake) = first else { return Some(changed) };
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
            // Replaces an ignored SIGINT too: a server started in the background still stops.
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

    #[test]
    fn an_editors_swap_file_alone_stops_no_work_but_a_page_does() {
        let burst = |names: &[&str]| {
            WatchEvent::Changed(names.iter().map(|n| PathBuf::from("/site/content").join(n)).collect())
        };
        assert!(!may_matter(&burst(&[".post.md.swp", "post.md~", "4913"])));
        assert!(may_matter(&burst(&[".post.md.swp", "post.md"])));
        assert!(!may_matter(&WatchEvent::Failed("lost".to_owned())));
    }
}
