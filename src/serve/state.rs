//! What `kennis serve` shares between the thread that rebuilds and the threads that answer
//! browsers: the site's files as last built, the problems it has now, a version that
//! moves on every change, and the pages browsers have open (rendered first after a change).

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use serde::Serialize;

use crate::error::{Diagnostic, Severity};
use crate::output::MemorySink;
use crate::paths::OutputPath;

/// How many published changes are remembered for browsers that ask what changed since
/// their version; one further behind is told to reload.
const REMEMBERED_CHANGES: usize = 64;

/// The site a dev server shows, shared by the rebuilding thread and the HTTP threads.
#[derive(Debug)]
pub struct LiveSite {
    files: MemorySink,
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Debug, Default)]
struct State {
    version: u64,
    problems: Vec<Problem>,
    /// The output paths each recent version changed, oldest first.
    recent: VecDeque<(u64, Vec<OutputPath>)>,
    /// Open pages by output path, with how many browsers show each and the number of the
    /// last opening (a counter: clocks can give two openings the same instant).
    open: HashMap<OutputPath, (usize, u64)>,
    openings: u64,
}

/// One problem as the browser overlay shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// `error` or `warning`.
    pub severity: &'static str,
    /// Relative to the site root, `/` separators; empty for a problem of no file.
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub hint: Option<String>,
}

impl From<&Diagnostic> for Problem {
    fn from(diagnostic: &Diagnostic) -> Problem {
        Problem {
            severity: match diagnostic.severity {
                Severity::Error => "error",
                _ => "warning",
            },
            file: diagnostic.file.clone(),
            line: diagnostic.line,
            column: diagnostic.column,
            message: diagnostic.message.clone(),
            hint: diagnostic.hint.clone(),
        }
    }
}

/// What a browser learns when it asks what happened since its version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct News {
    /// The version now.
    pub version: u64,
    /// The output paths changed since the version asked about; `None` when that version is
    /// too old to say (reload whatever is shown). As written: `posts/x/index.html`.
    pub changed: Option<Vec<String>>,
    /// Every problem the site has now (the overlay lists them all).
    pub problems: Vec<Problem>,
}

impl LiveSite {
    /// A site with no files yet, at version 0.
    pub fn new() -> LiveSite {
        LiveSite { files: MemorySink::new(), state: Mutex::new(State::default()), changed: Condvar::new() }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // Every change to the state is a few assignments: a panic leaves it whole.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The bytes of the file at `path` as last published.
    pub fn read(&self, path: &OutputPath) -> Option<std::sync::Arc<[u8]>> {
        self.files.read(path)
    }

    /// The files as last published (for tests and the comparison with a build).
    pub fn files(&self) -> &MemorySink {
        &self.files
    }

    /// Moves in what a (re)build rendered and drops the outputs no longer produced, then
    /// moves the version on and wakes every browser waiting for news. Returns the new version.
    pub fn publish_files(&self, written: MemorySink, removed: &[OutputPath]) -> u64 {
        let mut changed = written.paths();
        changed.extend(removed.iter().cloned());
        changed.sort_unstable();
        changed.dedup();
        // The files move in under the state's lock, so a browser told of a version reads its files.
        let mut state = self.state();
        self.files.replace_from(written);
        for path in removed {
            self.files.remove(path);
        }
        state.version += 1;
        let version = state.version;
        state.recent.push_back((version, changed));
        while state.recent.len() > REMEMBERED_CHANGES {
            state.recent.pop_front();
        }
        drop(state);
        self.changed.notify_all();
        version
    }

    /// Replaces the problems the site has now (an empty list when it builds cleanly) and
    /// wakes every browser waiting for news when they differ. Returns the version.
    pub fn publish_problems(&self, problems: Vec<Problem>) -> u64 {
        let mut state = self.state();
        if state.problems != problems {
            state.problems = problems;
            state.version += 1;
            let version = state.version;
            state.recent.push_back((version, Vec::new()));
            while state.recent.len() > REMEMBERED_CHANGES {
                state.recent.pop_front();
            }
            drop(state);
            self.changed.notify_all();
            return version;
        }
        state.version
    }

    /// The version now.
    pub fn version(&self) -> u64 {
        self.state().version
    }

    /// What happened since `seen`, waiting up to `timeout` for something to happen when
    /// nothing has yet (a long poll; an SSE stream calls it in a loop).
    pub fn news_since(&self, seen: u64, timeout: Duration) -> News {
        let state = self.state();
        let (state, _) = self
            .changed
            .wait_timeout_while(state, timeout, |state| state.version <= seen)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        news(&state, seen)
    }

    /// Records that a browser shows the page at `path` (its output path, `posts/x/index.html`),
    /// until the returned guard is dropped.
    pub fn page_opened(&self, path: OutputPath) -> OpenPage<'_> {
        let mut state = self.state();
        state.openings += 1;
        let opening = state.openings;
        let entry = state.open.entry(path.clone()).or_insert((0, opening));
        entry.0 += 1;
        entry.1 = opening;
        OpenPage { site: self, path }
    }

    /// The pages browsers show now, the most recently opened first: a change renders these first.
    pub fn open_pages(&self) -> Vec<OutputPath> {
        let state = self.state();
        let mut open: Vec<(&OutputPath, u64)> = state
            .open
            .iter()
            .filter(|(_, (count, _))| *count > 0)
            .map(|(path, (_, at))| (path, *at))
            .collect();
        open.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        open.into_iter().map(|(path, _)| path.clone()).collect()
    }
}

impl Default for LiveSite {
    fn default() -> LiveSite {
        LiveSite::new()
    }
}

fn news(state: &State, seen: u64) -> News {
    let knows_since = state.recent.front().map_or(state.version, |(version, _)| version - 1);
    let changed = (seen >= knows_since && seen <= state.version).then(|| {
        let mut changed: Vec<String> = state
            .recent
            .iter()
            .filter(|(version, _)| *version > seen)
            .flat_map(|(_, paths)| paths.iter().map(|path| path.as_str().to_owned()))
            .collect();
        changed.sort_unstable();
        changed.dedup();
        changed
    });
    News { version: state.version, changed, problems: state.problems.clone() }
}

/// A browser showing a page; dropping it says the browser left.
#[derive(Debug)]
pub struct OpenPage<'a> {
    site: &'a LiveSite,
    path: OutputPath,
}

impl Drop for OpenPage<'_> {
    fn drop(&mut self) {
        let mut state = self.site.state();
        if let Some(entry) = state.open.get_mut(&self.path) {
            entry.0 = entry.0.saturating_sub(1);
            if entry.0 == 0 {
                state.open.remove(&self.path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(text: &str) -> OutputPath {
        OutputPath::new(text).unwrap()
    }

    #[test]
    fn news_lists_what_changed_since_a_version_and_asks_an_old_one_to_reload() {
        let site = LiveSite::new();
        let first = MemorySink::new();
        crate::render::OutputSink::write(&first, &path("index.html"), b"one").unwrap();
        let v1 = site.publish_files(first, &[]);
        let second = MemorySink::new();
        crate::render::OutputSink::write(&second, &path("posts/x/index.html"), b"two").unwrap();
        let v2 = site.publish_files(second, &[path("old/index.html")]);
        assert_eq!(site.read(&path("index.html")).as_deref(), Some(&b"one"[..]));
        let news = site.news_since(v1, Duration::ZERO);
        assert_eq!(news.version, v2);
        assert_eq!(news.changed, Some(vec!["old/index.html".to_owned(), "posts/x/index.html".to_owned()]));
        for _ in 0..REMEMBERED_CHANGES + 1 {
            site.publish_files(MemorySink::new(), &[]);
        }
        assert_eq!(site.news_since(v1, Duration::ZERO).changed, None);
    }

    #[test]
    fn problems_move_the_version_only_when_they_change() {
        let site = LiveSite::new();
        let problem = Problem {
            severity: "error",
            file: "content/posts/a.md".into(),
            line: 2,
            column: 7,
            message: "bad".into(),
            hint: None,
        };
        let v1 = site.publish_problems(vec![problem.clone()]);
        assert_eq!(site.publish_problems(vec![problem]), v1);
        let news = site.news_since(0, Duration::ZERO);
        assert_eq!(news.problems.len(), 1);
        assert_eq!(news.changed, Some(Vec::new()));
    }

    #[test]
    fn open_pages_are_counted_until_their_browsers_leave() {
        let site = LiveSite::new();
        let a = site.page_opened(path("a/index.html"));
        let b = site.page_opened(path("b/index.html"));
        assert_eq!(site.open_pages(), vec![path("b/index.html"), path("a/index.html")]);
        drop(b);
        assert_eq!(site.open_pages(), vec![path("a/index.html")]);
        drop(a);
        assert!(site.open_pages().is_empty());
    }
}
