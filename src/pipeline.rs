//! The build, stage by stage: load → model → bodies → render → write. Reads like a table of contents.

use std::path::PathBuf;
use std::time::Instant;

use crate::config::{Config, ConfigOverrides};
use crate::content::load_content;
use crate::error::{Diagnostic, Diagnostics, Error, Result, Severity};
use crate::markdown::{Highlighter, RenderedMarkdown};
use crate::model::{AssembleOptions, Site, assemble_site};
use crate::output::{OutputLocation, OutputRequest, Staging, check_output_folder};
use crate::render::{
    LinkReport, RenderInput, RenderOptions, Theme, check_links, cross_links, render_bodies, render_site,
};

/// What `kennis build` was asked to do.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `ROOT/public`.
    pub output: Option<PathBuf>,
    pub include_drafts: bool,
    pub base_url: Option<String>,
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

/// Builds the site; on any error the previous output is left untouched.
pub fn build_site(options: &BuildOptions) -> Result<BuildReport> {
    start_worker_threads();
    let started = Instant::now();
    let overrides = ConfigOverrides { base_url: options.base_url.clone() };
    let config = Config::load(&options.root, &overrides)?;
    let location = decide_output(options, &config)?;
    let Checked { site, bodies, links, theme, highlighter, diagnostics } =
        check(&config, options.include_drafts, Highlighter::new, started)?;
    if diagnostics.has_errors() {
        return Err(Error::Content(diagnostics));
    }
    let cross = cross_links(&site, &links.targets);
    log_stage("links", started);

    let staging = Staging::create(&location)?;
    let input = RenderInput {
        site: &site,
        bodies: &bodies,
        cross: &cross,
        config: &config,
        theme: &theme,
        highlighter: &highlighter,
        options: RenderOptions { drafts_shown: options.include_drafts },
    };
    let rendered = render_site(&input, &staging);
    if let Err(error) = rendered {
        staging.discard();
        return Err(error);
    }
    staging.commit()?;
    log_stage("write", started);
    let (notes, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.severity != Severity::Error)
        .partition(|d| d.severity == Severity::Info);
    Ok(BuildReport {
        output: location.output,
        pages: site.pages.iter().filter(|p| p.kind.has_own_page()).count(),
        warnings,
        notes,
        seconds: started.elapsed().as_secs_f64(),
    })
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
    let checked = check(&config, options.include_drafts, Highlighter::plain, started)?;
    let pages = checked.site.pages.iter().filter(|p| p.kind.has_own_page()).count();
    Ok(CheckReport { diagnostics: checked.diagnostics, pages })
}

/// The stages up to and including the link check, with every problem they found.
struct Checked {
    site: Site,
    bodies: Vec<RenderedMarkdown>,
    links: LinkReport,
    theme: Theme,
    highlighter: Highlighter,
    diagnostics: Diagnostics,
}

fn check(
    config: &Config,
    include_drafts: bool,
    highlighter: fn() -> Highlighter,
    started: Instant,
) -> Result<Checked> {
    let (highlighter, loaded) = rayon::join(highlighter, || load_content(config));
    let (sources, mut diagnostics) = loaded?;
    config.warnings().into_iter().for_each(|w| diagnostics.push(w));
    log_stage("load", started);
    let theme = Theme::load(config.language, &sources.template_files)?;
    let assemble_options = AssembleOptions { include_drafts, content_prefix: &config.content_prefix };
    let (mut site, problems) = assemble_site(sources, assemble_options);
    diagnostics.extend(problems);
    log_stage("model", started);
    let markdown = site.take_markdown();
    let bodies = render_bodies(&site, markdown, config, &highlighter, &theme.alert_titles());
    log_stage("markdown", started);
    let mut links = check_links(&site, &bodies, config);
    diagnostics.extend(std::mem::take(&mut links.diagnostics));
    Ok(Checked { site, bodies, links, theme, highlighter, diagnostics })
}

fn log_stage(stage: &str, started: Instant) {
    log::debug!("{stage} done after {:.3}s", started.elapsed().as_secs_f64());
}
