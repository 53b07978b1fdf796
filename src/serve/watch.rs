//! Watching a site's folders for `kennis serve`: each burst of changes (a save, an editor's
//! write-a-temporary-file-and-rename, a `git checkout` of another branch) arrives as one list
//! of the paths it touched, so that the site is rebuilt once per burst.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use notify::event::{EventKind, MetadataKind, ModifyKind};
use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, DebouncedEvent, Debouncer, NoCache, RecommendedCache, new_debouncer,
    new_debouncer_opt,
};

use crate::error::{Error, Result};

/// How long one file's events are gathered before they are passed on: an editor's save
/// (temporary file, renames, delete) takes a few milliseconds. Every millisecond here is one
/// more between a save and the browser showing it.
const DEBOUNCE: Duration = Duration::from_millis(10);
/// How often the debouncer looks for gathered events that are ready.
const TICK: Duration = Duration::from_millis(5);
/// The usual [`WatchOptions::quiet`]: longer than a tick, so that a `git checkout` writing
/// files one after another stays one burst, and short, since every save waits this long
/// (after the debouncer's 10 ms) before it is taken in.
pub const QUIET: Duration = Duration::from_millis(15);
/// How often `--poll` reads every watched file. notify's poller keeps modification times
/// in whole seconds, so a second save within the same second would go unseen by times
/// alone: it compares contents too (on 10,000 pages, 50 MB of Markdown, each second).
const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// How a [`Watcher`] watches.
#[derive(Clone, Debug)]
pub struct WatchOptions {
    /// The site's folder, absolute: always watched for its own files (`site.yaml`) and for
    /// folders that appear later.
    pub root: PathBuf,
    /// Look at every file now and then instead of asking the operating system for events
    /// (network mounts and some containers never deliver them).
    pub poll: bool,
    /// A burst ends when nothing has changed for this long; a `git checkout` of hundreds of
    /// files keeps its events closer together than this.
    pub quiet: Duration,
}

/// What the watcher passes on.
#[derive(Debug, PartialEq, Eq)]
pub enum WatchEvent {
    /// One burst: every path created, changed, removed or renamed (both names), sorted,
    /// each once. Absolute. A path may be gone, may be a folder (a watched folder that
    /// appeared, meaning everything in it), and may be a file nobody cares about (an
    /// editor's temporary file): the receiver decides. When the operating system dropped
    /// events, the burst names `site.yaml`, so that everything is read again.
    Changed(Vec<PathBuf>),
    /// The watcher failed (a folder could not be watched, events were lost); the message
    /// is for the person running the server.
    Failed(String),
}

/// What [`Watcher::watch_folders`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WatchedFolders {
    /// A message for each folder that could not be watched.
    pub problems: Vec<String>,
    /// The files in the folders watched from now on, absolute.
    pub files_found: Vec<PathBuf>,
}

/// Watches the site's root and its folders until stopped or dropped.
pub struct Watcher {
    debouncer: Option<Watching>,
    root: PathBuf,
    /// What is watched now, and how.
    watched: BTreeMap<PathBuf, RecursiveMode>,
    collector: Option<JoinHandle<()>>,
}

/// The debouncer over either kind of watcher (their types differ).
enum Watching {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Polling(Debouncer<PollWatcher, NoCache>),
}

impl Watching {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Watching::Native(debouncer) => debouncer.watch(path, mode),
            Watching::Polling(debouncer) => debouncer.watch(path, mode),
        }
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        match self {
            Watching::Native(debouncer) => debouncer.unwatch(path),
            Watching::Polling(debouncer) => debouncer.unwatch(path),
        }
    }

    /// Stops the debouncer and waits for its thread, which drops the event channel's sender.
    fn stop(self) {
        match self {
            Watching::Native(debouncer) => debouncer.stop(),
            Watching::Polling(debouncer) => debouncer.stop(),
        }
    }
}

impl Watcher {
    /// Starts watching `options.root` (its own files only, until [`Watcher::watch_folders`]
    /// names the folders to watch in full). `deliver` is called on the watcher's own thread,
    /// once per burst.
    pub fn start(options: &WatchOptions, deliver: impl Fn(WatchEvent) + Send + 'static) -> Result<Watcher> {
        let (sender, receiver) = mpsc::channel::<DebounceEventResult>();
        let handler = move |result: DebounceEventResult| {
            // The receiver is gone only while the watcher stops.
            let _ = sender.send(result);
        };
        let debouncer = if options.poll {
            let config =
                notify::Config::default().with_poll_interval(POLL_INTERVAL).with_compare_contents(true);
            new_debouncer_opt::<_, PollWatcher, NoCache>(DEBOUNCE, Some(TICK), handler, NoCache, config)
                .map(Watching::Polling)
        } else {
            new_debouncer(DEBOUNCE, Some(TICK), handler).map(Watching::Native)
        }
        .map_err(|error| watch_error(&options.root, &error))?;
        let root = options.root.clone();
        let quiet = options.quiet;
        let collector = std::thread::Builder::new()
            .name("kennis-watch".to_owned())
            .spawn(move || collect_bursts(&receiver, &root, quiet, &deliver))
            .map_err(|error| Error::Usage(format!("cannot start the file watcher: {error}")))?;
        let mut watcher = Watcher {
            debouncer: Some(debouncer),
            root: options.root.clone(),
            watched: BTreeMap::new(),
            collector: Some(collector),
        };
        if let Some(problem) = watcher.watch_folders(&[]).problems.into_iter().next() {
            return Err(Error::Usage(problem));
        }
        Ok(watcher)
    }

    /// Watches each of `folders` that exists, with everything in it, and the root for its own
    /// files; stops watching what is no longer asked for or no longer there. Called again
    /// after each burst, it picks up a folder created since (`templates/` added) and a
    /// folder that `site.yaml` now names; the files already in such a folder were written
    /// before it was watched, so they are listed as changed.
    pub fn watch_folders(&mut self, folders: &[PathBuf]) -> WatchedFolders {
        let wanted = folders_to_watch(&self.root, folders);
        let mut result = WatchedFolders::default();
        let Some(debouncer) = self.debouncer.as_mut() else { return result };
        let dropped: Vec<PathBuf> = self
            .watched
            .iter()
            .filter(|(path, mode)| wanted.get(*path) != Some(*mode) || !path.is_dir())
            .map(|(path, _)| path.clone())
            .collect();
        for path in dropped {
            // A deleted folder's watch is gone already; nothing to undo then.
            let _ = debouncer.unwatch(&path);
            self.watched.remove(&path);
        }
        for (path, mode) in wanted {
            if self.watched.contains_key(&path) {
                continue;
            }
            match debouncer.watch(&path, mode) {
                Ok(()) => {
                    if mode == RecursiveMode::Recursive {
                        result.files_found.extend(files_in(&path));
                    }
                    self.watched.insert(path, mode);
                }
                // Removed between the look and the watch: the next burst names it.
                Err(_) if !path.is_dir() => {}
                Err(error) => result.problems.push(watch_error(&path, &error).to_string()),
            }
        }
        result
    }

    /// Stops watching and waits for the watcher's threads to end; nothing is delivered after.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        if let Some(debouncer) = self.debouncer.take() {
            debouncer.stop();
        }
        if let Some(collector) = self.collector.take() {
            let _ = collector.join();
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.shut_down();
    }
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher").field("root", &self.root).field("watched", &self.watched).finish()
    }
}

fn watch_error(path: &Path, error: &notify::Error) -> Error {
    let hint = match &error.kind {
        notify::ErrorKind::MaxFilesWatch => {
            "; the system's limit on watched folders is reached: raise \
             fs.inotify.max_user_watches, or run with --poll"
        }
        _ => "; if changes are not seen, run with --poll",
    };
    Error::Usage(format!("cannot watch `{}` for changes: {error}{hint}", path.display()))
}

/// The root for its own files, and each existing folder with everything in it, leaving out
/// folders inside another watched one (and the root's own watch, when the root is one).
fn folders_to_watch(root: &Path, folders: &[PathBuf]) -> BTreeMap<PathBuf, RecursiveMode> {
    let mut recursive: Vec<&PathBuf> = folders.iter().filter(|folder| folder.is_dir()).collect();
    recursive.sort();
    recursive.dedup();
    let mut wanted = BTreeMap::new();
    for folder in &recursive {
        if !recursive.iter().any(|other| other != folder && folder.starts_with(other)) {
            wanted.insert((*folder).clone(), RecursiveMode::Recursive);
        }
    }
    if !wanted.keys().any(|folder| root.starts_with(folder)) {
        wanted.insert(root.to_path_buf(), RecursiveMode::NonRecursive);
    }
    wanted
}

/// Every file in `folder` and below, links not followed.
fn files_in(folder: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect()
}

/// Gathers the debouncer's output into bursts: the first events, then everything that
/// follows with less than `quiet` between, passed on as one.
fn collect_bursts(
    receiver: &Receiver<DebounceEventResult>,
    root: &Path,
    quiet: Duration,
    deliver: &dyn Fn(WatchEvent),
) {
    while let Ok(first) = receiver.recv() {
        let mut burst = Burst::default();
        burst.take(first, root);
        loop {
            match receiver.recv_timeout(quiet) {
                Ok(more) => burst.take(more, root),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    burst.deliver(deliver);
                    return;
                }
            }
        }
        burst.deliver(deliver);
    }
}

/// One burst being gathered.
#[derive(Default)]
struct Burst {
    paths: BTreeSet<PathBuf>,
    problems: Vec<String>,
}

impl Burst {
    fn take(&mut self, result: DebounceEventResult, root: &Path) {
        match result {
            Ok(events) => {
                for event in events {
                    self.take_event(event, root);
                }
            }
            Err(errors) => self.problems.extend(errors.iter().map(|error| error.to_string())),
        }
    }

    fn take_event(&mut self, event: DebouncedEvent, root: &Path) {
        if event.need_rescan() {
            self.paths.insert(root.join("site.yaml"));
            self.problems.push("the system dropped file events; reading the whole site again".to_owned());
            return;
        }
        if changes_content(&event.kind) {
            self.paths.extend(event.event.paths);
        }
    }

    fn deliver(self, deliver: &dyn Fn(WatchEvent)) {
        if !self.problems.is_empty() {
            deliver(WatchEvent::Failed(self.problems.join("; ")));
        }
        if !self.paths.is_empty() {
            deliver(WatchEvent::Changed(self.paths.into_iter().collect()));
        }
    }
}

/// Whether an event can change what a file holds or where it is. Opening and reading a
/// file are events too on Linux, and kennis reads the site on every rebuild: counting
/// those would rebuild forever.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        EventKind::Any
        | EventKind::Create(_)
        | EventKind::Modify(_)
        | EventKind::Remove(_)
        | EventKind::Other => true,
    }
}

#[cfg(test)]
#[path = "watch_tests.rs"]
mod tests;
