//! The dev server's engine: from the paths a watcher saw change to new files and problems
//! published in the [`LiveSite`].
//!
//! The site is kept in memory (a [`KeptSite`]) and never written to the output folder. A
//! burst of changed paths is sorted (`classify.rs`): pages and author files go through the
//! kept site, which assembles the model again and renders only the bodies that changed;
//! `site.yaml`, templates and files added to or removed from what is copied build the site
//! again, in memory. As Hugo's fast-render mode does, the pages browsers have open are
//! rendered and published first, before the change is wholly taken in: from the new body
//! alone for a body edit (`KeptSite::preview`), else as soon as the model is assembled
//! (`KeptSite::take_in_previewing`). After them comes everything else the change affects
//! (lists, feeds, the search index), found by comparing what each output shows with what
//! the published version showed ([`OutputIndex::render_changes`]), in one pass.
//!
//! A site with errors is not published: its problems are, and browsers keep the last good
//! files. The index kept is that of the files published, so the first version without
//! errors publishes everything that differs from what browsers were shown.

mod classify;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

pub use classify::{is_ignored, watched_folders};

use crate::built::{BuiltSite, KeptSite};
use crate::config::{Config, ConfigOverrides};
use crate::error::{Diagnostics, Error, Result, Severity};
use crate::output::MemorySink;
use crate::paths::OutputPath;
use crate::pipeline::keep_site_in_memory;
use crate::render::OutputIndex;
use crate::serve::state::{LiveSite, Problem};

/// What the engine builds: the site at `root`, drafts shown or not.
#[derive(Clone, Debug)]
pub struct EngineOptions {
    pub root: PathBuf,
    /// Show drafts (with their banner); `kennis serve` does unless `--no-drafts`.
    pub drafts: bool,
}

/// The kept site behind a dev server, and what it has published.
pub struct Engine {
    root: PathBuf,
    drafts: bool,
    kept: KeptSite,
    site: Arc<LiveSite>,
    /// What every published output shows; `None` when the files published are not those
    /// of one listable version (a start with two outputs on one path, or templates changed
    /// while the site had errors): the next version without errors is then rendered whole
    /// and compared byte for byte.
    published: Option<OutputIndex>,
    /// Set (by the serving loop, when a newer burst arrives) to stop the second step of
    /// taking a change in — lists, feeds, search — so the newer change's open pages come
    /// out first; that step is done once no newer change waits.
    interrupt: Arc<AtomicBool>,
    /// Files published outside the index since its last full step (the open pages of a
    /// change whose second step was stopped, changed copied files not yet published): the
    /// next second step renders them whatever the index says.
    outside_index: Vec<OutputPath>,
    /// Whether the second step of the last change was stopped and still waits.
    behind: bool,
    /// Whether the last full rebuild failed (site.yaml or a template broken): the kept site
    /// is the one before, so every change builds again until one succeeds, and the error
    /// stays shown meanwhile.
    rebuild_failed: bool,
}

/// What one burst of changes did, for the log line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TakenIn {
    /// Files rendered (or copied) and published.
    pub rendered: usize,
    /// Files no longer produced, removed.
    pub removed: usize,
    /// Problems the site has now, errors and warnings.
    pub problems: usize,
    /// Whether the whole site was built again (`site.yaml`, templates, copied files added or removed).
    pub full_rebuild: bool,
}

impl Engine {
    /// Builds the site into memory and publishes every file and every problem. A site with
    /// content errors starts all the same, showing what can be rendered and its problems; a
    /// root or `site.yaml` that cannot be read is an `Err`.
    pub fn start(options: &EngineOptions, site: Arc<LiveSite>) -> Result<Engine> {
        let root = options
            .root
            .canonicalize()
            .map_err(|source| Error::Read { path: options.root.clone(), source })?;
        let config = Config::load(&root, &ConfigOverrides::default())?;
        let kept = keep_site_in_memory(config, options.drafts)?;
        let mut engine = Engine {
            root,
            drafts: options.drafts,
            kept,
            site,
            published: None,
            interrupt: Arc::new(AtomicBool::new(false)),
            outside_index: Vec::new(),
            behind: false,
            rebuild_failed: false,
        };
        engine.publish_whole(true);
        Ok(engine)
    }

    /// Has `flag` stop the second step of taking a change in (lists, feeds, search): the
    /// serving loop sets it when a newer change arrives, and clears it when it takes that
    /// change in. A stopped step is finished by the next `take_in`, with that change or with
    /// none ([`Engine::is_behind`]).
    pub fn stop_second_steps_on(&mut self, flag: Arc<AtomicBool>) {
        self.interrupt = flag;
    }

    /// Whether a change's second step was stopped and still waits: `take_in(&[])` finishes it.
    pub fn is_behind(&self) -> bool {
        self.behind
    }

    /// The site's configuration as last read.
    pub fn config(&self) -> &Config {
        &self.kept.built.config
    }

    /// Takes in the paths that changed in one burst (absolute, as the watcher saw them;
    /// possibly gone, possibly of no interest), rebuilds what they affect and publishes it.
    /// Content problems are published, never returned; an `Err` is a file that could not be read.
    pub fn take_in(&mut self, changed: &[PathBuf]) -> Result<TakenIn> {
        let started = Instant::now();
        let changes = classify::classify(self.config(), &self.kept.built.site, changed);
        if changes.is_empty() {
            if !self.is_behind() || self.rebuild_failed {
                return Ok(TakenIn::default());
            }
            // Nothing new: the stopped second step of the last change is finished now.
            return Ok(self.publish_changes(Vec::new(), started).0);
        }
        let taken = if changes.everything || self.rebuild_failed {
            self.rebuild()
        } else {
            self.take_in_files(changes, started)?
        };
        log::debug!("published after {:.3}s", started.elapsed().as_secs_f64());
        Ok(taken)
    }

    /// Pages, authors and copied files changed: the open pages are previewed, the change is
    /// taken in through the kept site, and what it affects published; the preview is put
    /// back when the site has errors now.
    fn take_in_files(&mut self, changes: classify::Changes, started: Instant) -> Result<TakenIn> {
        let mut previewed = self.publish_preview(&changes.pages);
        log::debug!(
            "published {} previewed pages after {:.3}s",
            previewed.len(),
            started.elapsed().as_secs_f64()
        );
        let open = match previewed.is_empty() && self.may_preview() {
            true => self.site.open_pages(),
            false => Vec::new(),
        };
        let taken_in = if open.is_empty() {
            self.kept.take_in(&changes.pages, &changes.authors)
        } else {
            // Not a body edit: the open pages are rendered once the model is assembled.
            let site = Arc::clone(&self.site);
            let mut preview = |built: &BuiltSite| {
                if built.diagnostics().has_errors() {
                    return;
                }
                let files = MemorySink::new();
                if built.render_only(&open, &files).is_ok() {
                    previewed = publish_differing(&site, files);
                }
            };
            self.kept.take_in_previewing(&changes.pages, &changes.authors, &mut preview)
        };
        if let Err(error) = taken_in {
            self.unpublish_preview(previewed);
            return Err(error);
        }
        // Published before the index knows them; rendered again if the second step stops.
        let previewed_paths: Vec<OutputPath> = previewed.iter().map(|(path, _)| path.clone()).collect();
        log::debug!("took the change in after {:.3}s", started.elapsed().as_secs_f64());
        let (taken, published) = self.publish_changes(changes.copied, started);
        if !published {
            self.unpublish_preview(previewed);
        } else if self.is_behind() {
            self.outside_index.extend(previewed_paths);
        }
        Ok(taken)
    }

    /// `site.yaml`, a template or the set of copied files changed: the site is built again,
    /// in memory, and every file whose bytes differ is published.
    fn rebuild(&mut self) -> TakenIn {
        let rebuilt = Config::load(&self.root, &ConfigOverrides::default())
            .and_then(|config| keep_site_in_memory(config, self.drafts));
        self.rebuild_failed = rebuilt.is_err();
        match rebuilt {
            Ok(kept) => {
                self.kept = kept;
                // Templates may have changed, which no index of views sees.
                self.published = None;
                TakenIn { full_rebuild: true, ..self.publish_whole(false) }
            }
            Err(error) => {
                let problems = problems_of_error(&error);
                let count = problems.len();
                self.site.publish_problems(problems);
                // Nothing more to do until the next change builds again.
                self.behind = false;
                TakenIn { problems: count, full_rebuild: true, ..TakenIn::default() }
            }
        }
    }

    /// Renders the whole site and publishes the files whose bytes differ from those
    /// published, and removes those no longer produced. A site with errors publishes only
    /// its problems, unless it is `starting` (nothing is shown yet: what can be rendered is).
    fn publish_whole(&mut self, starting: bool) -> TakenIn {
        let diagnostics = self.kept.built.diagnostics();
        let mut problems = problems_of(&diagnostics);
        if diagnostics.has_errors() && !starting {
            return self.publish_problems_only(problems);
        }
        // Compared with an empty index every output is new: one pass renders them all and
        // lists what each shows, building the views and the search index once.
        let files = MemorySink::new();
        let input = self.kept.built.render_input();
        let index = match OutputIndex::default().render_changes(&input, &[], &[], &files, &|| false) {
            Ok(Some((index, _))) => index,
            Ok(None) => unreachable!("a step that is never stopped finishes"),
            Err(error) => {
                problems.extend(problems_of_error(&error));
                return self.publish_problems_only(problems);
            }
        };
        let removed: Vec<OutputPath> =
            self.site.files().paths().into_iter().filter(|path| files.read(path).is_none()).collect();
        let written = self.unpublished(files);
        let taken = TakenIn {
            rendered: written.len(),
            removed: removed.len(),
            problems: problems.len(),
            full_rebuild: false,
        };
        self.site.publish_files(written, &removed);
        self.site.publish_problems(problems);
        self.published = Some(index);
        self.outside_index.clear();
        self.behind = false;
        taken
    }

    /// Before a body edit is taken in, the pages browsers show rendered with the new body
    /// ([`KeptSite::preview`]) and published: the new text is there before links, cross links
    /// and lists are worked out. Returns what was published before, to put back if the
    /// change turns out to give the site errors.
    fn publish_preview(
        &mut self,
        pages: &[crate::paths::ContentPath],
    ) -> Vec<(OutputPath, Option<Arc<[u8]>>)> {
        let open = self.site.open_pages();
        if open.is_empty() || pages.is_empty() || !self.may_preview() {
            return Vec::new();
        }
        let files = MemorySink::new();
        if !matches!(self.kept.preview(pages, &open, &files), Ok(true)) {
            return Vec::new();
        }
        publish_differing(&self.site, files)
    }

    /// Whether a change may be previewed: a site with errors shows the last good files, and
    /// one whose published files are not one version's is rendered whole.
    fn may_preview(&self) -> bool {
        self.published.is_some() && !self.kept.built.diagnostics().has_errors()
    }

    /// Puts back the files a preview replaced: the change gave the site errors, so the last
    /// good files stay.
    fn unpublish_preview(&self, before: Vec<(OutputPath, Option<Arc<[u8]>>)>) {
        if before.is_empty() {
            return;
        }
        let (files, mut removed) = (MemorySink::new(), Vec::new());
        for (path, bytes) in before {
            match bytes {
                Some(bytes) => _ = crate::render::OutputSink::write(&files, &path, &bytes),
                None => removed.push(path),
            }
        }
        self.site.publish_files(files, &removed);
    }

    /// After pages or authors were taken in: the open pages first, then everything else
    /// that shows something else now; `copied` are copied files whose bytes changed.
    /// Returns what was done and whether the files were published (not when the site has errors).
    fn publish_changes(&mut self, copied: Vec<OutputPath>, started: Instant) -> (TakenIn, bool) {
        let diagnostics = self.kept.built.diagnostics();
        let mut problems = problems_of(&diagnostics);
        if diagnostics.has_errors() {
            return (self.publish_problems_only(problems), false);
        }
        let Some(published) = self.published.take() else {
            let taken = self.publish_whole(false);
            return (taken, self.published.is_some());
        };
        let first = self.publish_open_pages(problems.clone());
        log::debug!("published {} open pages after {:.3}s", first.len(), started.elapsed().as_secs_f64());
        let files = MemorySink::new();
        let input = self.kept.built.render_input();
        let mut also = copied;
        also.extend(self.outside_index.iter().cloned());
        let interrupt = Arc::clone(&self.interrupt);
        let stop = move || interrupt.load(Ordering::Relaxed);
        let (now, affected) = match published.render_changes(&input, &also, &first, &files, &stop) {
            Ok(Some(changes)) => changes,
            Ok(None) => {
                // A newer change waits: the open pages are out, the rest comes with it.
                log::debug!("stopped for a newer change after {:.3}s", started.elapsed().as_secs_f64());
                self.published = Some(published);
                self.behind = true;
                self.outside_index.extend(also);
                self.outside_index.extend(first.iter().cloned());
                self.outside_index.sort_unstable();
                self.outside_index.dedup();
                self.site.publish_problems(problems.clone());
                let taken = TakenIn { rendered: first.len(), problems: problems.len(), ..TakenIn::default() };
                return (taken, true);
            }
            Err(error) => {
                self.published = Some(published);
                // The open pages are out; what the index says of them no longer holds.
                self.outside_index.extend(first.iter().cloned());
                problems.extend(problems_of_error(&error));
                return (self.publish_problems_only(problems), false);
            }
        };
        self.outside_index.clear();
        self.behind = false;
        // A page rendered again can come out as published: a preview showed it already.
        let files = self.unpublished(files);
        let taken = TakenIn {
            rendered: first.len() + files.len(),
            removed: affected.remove.len(),
            problems: problems.len(),
            full_rebuild: false,
        };
        self.site.publish_files(files, &affected.remove);
        self.site.publish_problems(problems);
        self.published = Some(now);
        // Freeing what tens of thousands of outputs showed takes a tenth of a second at
        // 10,000 pages: not on the way to the next change.
        std::thread::spawn(move || drop(published));
        (taken, true)
    }

    /// Renders the pages browsers show now and publishes those whose bytes changed, with
    /// the problems the site has now (so an overlay clears with the page). Returns the paths
    /// published, sorted.
    fn publish_open_pages(&self, problems: Vec<Problem>) -> Vec<OutputPath> {
        let open = self.site.open_pages();
        if open.is_empty() {
            return Vec::new();
        }
        let files = MemorySink::new();
        // An output that cannot be rendered is found again, and reported, with the rest.
        if self.kept.built.render_only(&open, &files).is_err() {
            return Vec::new();
        }
        let written = self.unpublished(files);
        let paths = written.paths();
        if !paths.is_empty() {
            self.site.publish_files(written, &[]);
            self.site.publish_problems(problems);
        }
        paths
    }

    /// The files of `files` whose bytes differ from those published.
    fn unpublished(&self, files: MemorySink) -> MemorySink {
        unpublished(&self.site, files)
    }

    /// Publishes the problems and no files: the site has errors, so browsers keep the last
    /// good files, and nothing more is done until the next change (a stopped second step
    /// waits for it too, or the serving loop would ask again and again).
    fn publish_problems_only(&mut self, problems: Vec<Problem>) -> TakenIn {
        self.behind = false;
        let count = problems.len();
        self.site.publish_problems(problems);
        TakenIn { problems: count, ..TakenIn::default() }
    }
}

/// The files of `files` whose bytes differ from those `site` publishes.
fn unpublished(site: &LiveSite, files: MemorySink) -> MemorySink {
    for path in files.paths() {
        if site.read(&path) == files.read(&path) {
            files.remove(&path);
        }
    }
    files
}

/// Publishes the files of `files` whose bytes differ; returns each one's bytes before (none
/// for a new file), to put back if the change they preview gives the site errors.
fn publish_differing(site: &LiveSite, files: MemorySink) -> Vec<(OutputPath, Option<Arc<[u8]>>)> {
    let written = unpublished(site, files);
    let before = written.paths().into_iter().map(|path| (path.clone(), site.read(&path))).collect();
    if !written.is_empty() {
        site.publish_files(written, &[]);
    }
    before
}

/// The problems an overlay lists: errors and warnings, sorted by file and line; notes
/// about the site as a whole (no git history) are for the terminal.
fn problems_of(diagnostics: &Diagnostics) -> Vec<Problem> {
    let sorted = diagnostics.clone().sorted();
    sorted.iter().filter(|d| d.severity != Severity::Info).map(Problem::from).collect()
}

/// An error that stopped a rebuild, as problems: each content problem, or one problem
/// of no file saying what failed and why.
fn problems_of_error(error: &Error) -> Vec<Problem> {
    if let Error::Content(diagnostics) = error {
        return problems_of(diagnostics);
    }
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    vec![Problem { severity: "error", file: String::new(), line: 0, column: 0, message, hint: None }]
}
