//! The build, stage by stage: load → model → bodies → render → write. Reads like a table of contents.

use std::path::PathBuf;
use std::time::Instant;

pub use crate::built::{BuiltSite, Checked, KeptSite, Update};
use crate::config::{Config, ConfigOverrides};
use crate::content::{Sources, load_content};
use crate::error::{Diagnostic, Diagnostics, Error, Result, Severity};
use crate::markdown::Highlighter;
use crate::model::{AssembleOptions, PageKeys, Site, assemble_site};
use crate::output::{OutputLocation, OutputRequest, Staging, check_output_folder};
use crate::render::{BodyContext, OutputSink, RenderOptions, Teardown, Theme, check_links, render_bodies};

/// What `kennis build` was asked to do.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `ROOT/public`.
    pub output: Option<PathBuf>,
    pub include_drafts: bool,
    pub base_url: Option<String>,
    /// `--relative-urls`: links relative to each page, whatever `site.yaml` says.
    pub relative_urls: bool,
}

/// What a successful build did, for the closing line and the warnings.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub pages: usize,
    /// Warnings, sorted by file and line.
    pub warnings: Vec<Diagnostic>,
    /// Notes about the site as a whole (no git history, so dates come from file times).
    pub notes: Vec<Diagnostic>,
    pub seconds: f64,
}

/// The stack each worker thread gets. YAML is read recursively, and the parser allows 64
/// levels of nesting before it refuses a file; in an unoptimised build each level takes
/// tens of kilobytes, so the 2 MiB that threads get by default is not enough for a
/// hostile front matter. Untouched stack pages cost no memory.
pub const WORKER_STACK_BYTES: usize = 16 << 20;

/// Gives rayon's worker threads, which read and render every page, [`WORKER_STACK_BYTES`]
/// of stack; the first call sets them up, later ones find them there.
fn start_worker_threads() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        // An error means the pool already runs (a program that set its own): keep that one.
        let _ = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK_BYTES).build_global();
    });
}

/// Builds the site; on any error the previous output is left untouched. Returns the
/// built site (model, bodies, links) and what the build did.
pub fn build_site(options: &BuildOptions) -> Result<(BuiltSite, BuildReport)> {
    // `kennis build` never updates what it built: the sources go as soon as they are read.
    let (checked, location, started) = check_for_build(options, Keep::Model)?;
    let built = BuiltSite::new(checked, RenderOptions { drafts_shown: options.include_drafts });
    write_site(built, &location, started, Teardown::Free)
}

/// [`build_site`] for a process that ends once it is done (`kennis build`): the built site
/// and what rendering made for itself are left for the system to take back at the exit,
/// rather than freed piece by piece on one core after the work is done.
pub fn build_site_then_exit(options: &BuildOptions) -> Result<BuildReport> {
    let (checked, location, started) = check_for_build(options, Keep::Model)?;
    let built = BuiltSite::new(checked, RenderOptions { drafts_shown: options.include_drafts });
    let (built, report) = write_site(built, &location, started, Teardown::LeaveToExit)?;
    std::mem::forget(built);
    Ok(report)
}

/// What a build into a sink of the caller's ([`build_into`]) found.
#[derive(Debug)]
pub struct SinkReport {
    pub pages: usize,
    /// Warnings, sorted by file and line.
    pub warnings: Vec<Diagnostic>,
    /// Notes about the site as a whole.
    pub notes: Vec<Diagnostic>,
}

/// Builds the site into `sink` (a [`MemorySink`](crate::output::MemorySink), say)
/// instead of the output folder; `options.output` is not used.
pub fn build_into(options: &BuildOptions, sink: &dyn OutputSink) -> Result<(BuiltSite, SinkReport)> {
    start_worker_threads();
    let started = Instant::now();
    let config = load_config(options)?;
    let checked = check_clean(config, options.include_drafts, Keep::Model, started)?;
    let built = BuiltSite::new(checked, RenderOptions { drafts_shown: options.include_drafts });
    built.render_all(sink)?;
    log_stage("write", started);
    let report = sink_report(&built);
    Ok((built, report))
}

/// Builds the site as [`build_site`] does, and keeps what it was built from, so that the
/// site can take in a changed, added or removed page (`kennis serve`).
pub fn build_kept_site(options: &BuildOptions) -> Result<(KeptSite, BuildReport)> {
    let (checked, location, started) = check_for_build(options, Keep::Sources)?;
    let mut kept = KeptSite::new(checked, RenderOptions { drafts_shown: options.include_drafts });
    let (built, report) = write_site(kept.built, &location, started, Teardown::Free)?;
    kept.built = built;
    Ok((kept, report))
}

/// The site as `kennis serve` keeps it: every stage up to the link check, sources kept,
/// nothing written. Content errors do not stop it: they are the kept site's diagnostics,
/// for the browser's overlay, and the site is whatever can be built around them (a page
/// whose front matter cannot be read is left out, a broken link points nowhere). Only
/// I/O and template errors are an `Err`.
pub fn keep_site_in_memory(config: Config, include_drafts: bool) -> Result<KeptSite> {
    start_worker_threads();
    let checked = check(config, include_drafts, Highlighter::new, Keep::Sources, Instant::now())?;
    Ok(KeptSite::new(checked, RenderOptions { drafts_shown: include_drafts }))
}

/// Everything up to the link check, stopping if anything is wrong.
fn check_for_build(options: &BuildOptions, keep: Keep) -> Result<(Checked, OutputLocation, Instant)> {
    start_worker_threads();
    let started = Instant::now();
    let config = load_config(options)?;
    let location = decide_output(options, &config)?;
    let checked = check_clean(config, options.include_drafts, keep, started)?;
    Ok((checked, location, started))
}

fn load_config(options: &BuildOptions) -> Result<Config> {
    let overrides =
        ConfigOverrides { base_url: options.base_url.clone(), relative_urls: options.relative_urls };
    Config::load(&options.root, &overrides)
}

/// Every stage up to the link check, failing with every content error found.
fn check_clean(config: Config, include_drafts: bool, keep: Keep, started: Instant) -> Result<Checked> {
    let checked = check(config, include_drafts, Highlighter::new, keep, started)?;
    if checked.diagnostics().has_errors() {
        return Err(Error::Content(checked.diagnostics()));
    }
    Ok(checked)
}

/// The pages, warnings and notes of a built site, for the closing lines.
fn sink_report(built: &BuiltSite) -> SinkReport {
    let (notes, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = built
        .diagnostics()
        .sorted()
        .into_iter()
        .filter(|d| d.severity != Severity::Error)
        .partition(|d| d.severity == Severity::Info);
    SinkReport { pages: built.site.pages.iter().filter(|p| p.kind.has_own_page()).count(), warnings, notes }
}

/// Renders every output into a staging folder and swaps it in.
fn write_site(
    built: BuiltSite,
    location: &OutputLocation,
    started: Instant,
    teardown: Teardown,
) -> Result<(BuiltSite, BuildReport)> {
    log_stage("links", started);
    let staging = Staging::create(location)?;
    if let Err(error) = built.render_all_then(&staging, teardown) {
        staging.discard();
        return Err(error);
    }
    staging.commit()?;
    log_stage("write", started);
    let SinkReport { pages, warnings, notes } = sink_report(&built);
    let report = BuildReport {
        output: location.output.clone(),
        pages,
        warnings,
        notes,
        seconds: started.elapsed().as_secs_f64(),
    };
    Ok((built, report))
}

/// Where this build may write, decided on the resolved paths before anything is created.
fn decide_output(options: &BuildOptions, config: &Config) -> Result<OutputLocation> {
    let output = options.output.clone().unwrap_or_else(|| options.root.join("public"));
    let working_dir =
        std::env::current_dir().map_err(|source| Error::Read { path: PathBuf::from("."), source })?;
    let folders_read = config.folders_read();
    let request = OutputRequest {
        output: &output,
        working_dir: &working_dir,
        root: &config.root,
        folders_read: &folders_read,
    };
    check_output_folder(&request)
}

/// What `kennis check` was asked to do.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    pub root: PathBuf,
    pub include_drafts: bool,
}

/// What `kennis check` found: every problem, errors and warnings, and how much it read.
#[derive(Debug)]
pub struct CheckReport {
    pub diagnostics: Diagnostics,
    pub pages: usize,
}

/// Everything a build checks, without writing anything. Content problems are in the
/// report, not an `Err`: only usage and I/O errors stop it.
pub fn check_site(options: &CheckOptions) -> Result<CheckReport> {
    start_worker_threads();
    let started = Instant::now();
    let config = Config::load(&options.root, &ConfigOverrides::default())?;
    // Nothing is shown, so code needs no colours: checking skips highlighting.
    // Access logs are for the insights pages, which checking does not make: not read.
    let checked =
        check_reading(config, options.include_drafts, Highlighter::plain, Keep::Model, started, false)?;
    let pages = checked.site.pages.iter().filter(|p| p.kind.has_own_page()).count();
    Ok(CheckReport { diagnostics: checked.diagnostics(), pages })
}

/// Whether a check keeps the sources' documents once the model is assembled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Keep {
    /// For a site that will take in changes: every document's front matter stays.
    Sources,
    /// For one build: the documents go once assembled (about 2 KB a page).
    Model,
}

/// The stages up to and including the link check: load, model, bodies, links.
pub(crate) fn check(
    config: Config,
    include_drafts: bool,
    highlighter: fn() -> Highlighter,
    keep: Keep,
    started: Instant,
) -> Result<Checked> {
    check_reading(config, include_drafts, highlighter, keep, started, true)
}

/// [`check`], reading the access logs site.yaml names only when `logs` is true.
fn check_reading(
    config: Config,
    include_drafts: bool,
    highlighter: fn() -> Highlighter,
    keep: Keep,
    started: Instant,
    logs: bool,
) -> Result<Checked> {
    let read_logs = || if logs { read_access_logs(&config) } else { (None, None) };
    let (highlighter, (loaded, (access, note))) =
        rayon::join(highlighter, || rayon::join(|| load_content(&config), read_logs));
    let (mut sources, mut loading) = loaded?;
    if let Some(note) = note {
        loading.push(note);
    }
    config.warnings().into_iter().for_each(|w| loading.push(w));
    log_stage("load", started);
    let theme = Theme::load(config.language, &sources.template_files, &config.templates_prefix())?;
    let mut keys = PageKeys::default();
    let assemble_options = AssembleOptions::of(&config, include_drafts);
    // The history goes with the built site, for insights; the model keeps what it summarises.
    let history = sources.history.take();
    let (site, mut assembling) = assemble_site(&sources, history.as_ref(), &mut keys, assemble_options);
    if let Some(note) = crate::search::unstemmed_note(&site, &config) {
        assembling.push(note);
    }
    log_stage("model", started);
    let markdown = take_markdown(&mut sources, &site);
    if keep == Keep::Model {
        sources.documents = Vec::new();
    }
    let context = BodyContext { config: &config, highlighter: &highlighter, strings: &theme.body_strings() };
    let bodies = render_bodies(&site, markdown, &context);
    log_stage("markdown", started);
    let links = check_links(&site, &bodies, &config);
    Ok(Checked {
        config,
        theme,
        highlighter,
        include_drafts,
        sources,
        history,
        access,
        keys,
        site,
        bodies,
        links,
        loading,
        assembling,
    })
}

/// The web server's access logs `insights: { access_logs }` names, read beside the
/// content for the insights pages, and how that went in one note; nothing when it names
/// none. A file that cannot be read is a warning naming it, and the insights go without
/// the logs' figures: a log on the server is not on every laptop and CI runner. Lines that
/// cannot be read are counted, and said in the note.
pub(crate) fn read_access_logs(
    config: &Config,
) -> (Option<crate::insights::AccessFigures>, Option<Diagnostic>) {
    let logs = &config.insights.access_logs;
    if logs.is_empty() {
        return (None, None);
    }
    let zone = config.months_zone();
    let access = match crate::insights::read_access_logs(logs, &config.base_path, &zone) {
        Ok(access) => access,
        Err(error) => return (None, Some(unread_log_warning(&error))),
    };
    let message = format!("for the insights, {}", access.report);
    (Some(access), Some(Diagnostic::note(Severity::Info, message)))
}

/// The warning for an access log that cannot be read: the file and what the system said.
fn unread_log_warning(error: &Error) -> Diagnostic {
    let cause = match error {
        Error::Read { path, source } => format!("cannot read the access log `{}`: {source}", path.display()),
        other => other.to_string(),
    };
    Diagnostic::note(
        Severity::Warning,
        format!("{cause}; the insights are made without page views and searches"),
    )
    .with_hint("site.yaml names it under `insights: { access_logs }`")
}

/// Every page's Markdown by `PageId`, taken out of the sources (which the kept site keeps
/// without it): rendering is the last stage that reads it, and drops each page's once
/// rendered. A page without a file (a generated section) has none.
pub(crate) fn take_markdown(sources: &mut Sources, site: &Site) -> Vec<String> {
    let mut markdown = vec![String::new(); site.pages.id_bound()];
    for document in &mut sources.documents {
        let page = site.by_source.get(&document.path).filter(|&&id| site.page(id).has_file);
        if let Some(&id) = page {
            markdown[id.0] = std::mem::take(&mut document.body);
        }
    }
    markdown
}

fn log_stage(stage: &str, started: Instant) {
    log::debug!("{stage} done after {:.3}s", started.elapsed().as_secs_f64());
}

/// A site's model and git history, without bodies or links: what `kennis insights` reads.
#[derive(Debug)]
pub struct ModelSite {
    pub config: Config,
    pub site: Site,
    pub history: Option<crate::git::GitHistory>,
    /// Warnings and notes (no errors: a site with errors is an error).
    pub diagnostics: Diagnostics,
}

/// Loads and assembles the site as a build would, and stops there: nothing is rendered. A
/// site with content errors is an error listing them, as for `kennis build`.
pub fn model_site(root: &std::path::Path) -> Result<ModelSite> {
    start_worker_threads();
    let started = Instant::now();
    let config = Config::load(root, &ConfigOverrides::default())?;
    let (mut sources, mut diagnostics) = load_content(&config)?;
    log_stage("load", started);
    let mut keys = PageKeys::default();
    let history = sources.history.take();
    let options = AssembleOptions::of(&config, false);
    let (site, assembling) = assemble_site(&sources, history.as_ref(), &mut keys, options);
    log_stage("model", started);
    diagnostics.extend(assembling);
    if diagnostics.has_errors() {
        return Err(Error::Content(diagnostics));
    }
    Ok(ModelSite { config, site, history, diagnostics })
}
