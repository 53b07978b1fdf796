//! Outputs as peers: the HTML pages, the Atom feeds, the sitemap, the redirects and the
//! copied files each list their jobs, one file each, and render one job into the sink.
//!
//! A job is known by the [`OutputPath`] it writes: that path is its key across two
//! versions of a site (see `affected.rs`). Adding an output (the search index, insights)
//! is implementing [`Output`] and listing it in [`outputs`].

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::markdown::{Highlighter, RenderedMarkdown};
use crate::model::Site;
use crate::paths::OutputPath;
use crate::render::affected::{Reads, digest_bytes};
use crate::render::cards::{SharedViews, ViewBuilder};
use crate::render::cross_links::CrossLinks;
use crate::render::insights::{InsightsFiles, InsightsSource};
use crate::render::jobs::{Renderer, Templated};
use crate::render::lists::{ListSources, Lists};
use crate::render::minify;
use crate::render::sink::OutputSink;
use crate::render::theme::Theme;
use crate::search::{DocumentSources, SearchIndex};

/// Choices that change what is rendered.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    pub drafts_shown: bool,
}

/// Everything rendering reads: each earlier stage's result and the settings.
#[derive(Clone, Copy)]
pub struct RenderInput<'a> {
    pub site: &'a Site,
    /// By `PageId`.
    pub bodies: &'a [RenderedMarkdown],
    pub cross: &'a CrossLinks,
    pub config: &'a Config,
    /// The site root's path from the repository root (`docs/`, or empty): `{path}` in
    /// `edit_url` and `history_url` starts with it. Empty without a git history, so the
    /// path is then from the site root.
    pub repository_path: &'a str,
    /// Every commit that touched content, for the insights; `None` outside git.
    pub history: Option<&'a crate::git::GitHistory>,
    /// What the web server's access logs say, for the insights; `None` without logs.
    pub access: Option<&'a crate::insights::AccessFigures>,
    pub theme: &'a Theme,
    pub highlighter: &'a Highlighter,
    pub options: RenderOptions,
}

/// One kind of output: a list of jobs, each writing one file.
pub(super) trait Output: Sync {
    /// How many files it writes.
    fn job_count(&self) -> usize;
    /// The file job `job` writes; cheap, nothing is rendered to find it.
    fn path(&self, job: usize) -> Result<OutputPath>;
    fn render(&self, job: usize, path: &OutputPath, sink: &dyn OutputSink) -> Result<()>;
    /// What job `job` shows: the pages and facts it read, and a digest of everything it
    /// would write, so that two versions of a site can be compared without rendering.
    fn reads(&self, job: usize) -> Reads;
}

/// Every output of the site; a new one (the search index, insights) is listed here. The
/// order is the order jobs go to the worker threads: the sitemap and the feeds, few and
/// large, go first, as they always did; handed out last, side by side, they raised the
/// peak memory of a 10,000-page build by 6%.
pub(super) fn outputs<'a>(renderer: &'a Renderer<'a>, input: &RenderInput<'a>) -> Vec<Box<dyn Output + 'a>> {
    outputs_unless(renderer, input, &|| false).expect("outputs that are never stopped are listed")
}

/// As [`outputs`], but `None` when `stop` says so while the search index is built.
pub(super) fn outputs_unless<'a>(
    renderer: &'a Renderer<'a>,
    input: &RenderInput<'a>,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Box<dyn Output + 'a>>> {
    let mut outputs = outputs_but_search(renderer, input, true);
    if input.config.search.enabled {
        outputs.push(Box::new(SearchFiles::new_unless(input, stop)?));
    }
    Some(outputs)
}

/// The outputs that need no search index, which a build renders while the index is built.
/// `with_insights` lists the insights files, whose figures are computed to list them.
fn outputs_but_search<'a>(
    renderer: &'a Renderer<'a>,
    input: &RenderInput<'a>,
    with_insights: bool,
) -> Vec<Box<dyn Output + 'a>> {
    let mut outputs: Vec<Box<dyn Output + 'a>> = vec![
        Box::new(Templated::sitemap(renderer)),
        Box::new(Templated::feeds(renderer)),
        Box::new(Templated::pages(renderer)),
        Box::new(Templated::redirects(renderer)),
        Box::new(CopiedFiles::new(input)),
    ];
    if with_insights {
        outputs.push(Box::new(InsightsFiles::new(renderer)));
    }
    outputs
}

fn search_output<'a>(input: &RenderInput<'a>) -> Option<SearchFiles<'a>> {
    input.config.search.enabled.then(|| SearchFiles::new_unless(input, &|| false)).flatten()
}

/// The search index under `search/` (and the export, when asked for): built once from the
/// model and the bodies, each file written from it on demand.
struct SearchFiles<'a> {
    index: SearchIndex<'a>,
}

impl<'a> SearchFiles<'a> {
    /// The index, or `None` when `stop` says so while it is built.
    fn new_unless(input: &RenderInput<'a>, stop: &(dyn Fn() -> bool + Sync)) -> Option<SearchFiles<'a>> {
        let started = std::time::Instant::now();
        let strings = &input.theme.strings;
        let text = |key: &str| strings.get(key).cloned().unwrap_or_else(|| key.to_owned());
        let is_document = |id| input.site.page(id).is_standalone();
        let sources = DocumentSources {
            site: input.site,
            bodies: input.bodies,
            config: input.config,
            text: &text,
            is_document: &is_document,
        };
        let index = SearchIndex::build_unless(&sources, input.config, stop)?;
        log::debug!(
            "search index of {} files built in {:.3}s",
            index.file_count(),
            started.elapsed().as_secs_f64()
        );
        Some(SearchFiles { index })
    }
}

impl Output for SearchFiles<'_> {
    fn job_count(&self) -> usize {
        self.index.file_count()
    }

    fn path(&self, job: usize) -> Result<OutputPath> {
        Ok(self.index.path(job))
    }

    fn render(&self, job: usize, path: &OutputPath, sink: &dyn OutputSink) -> Result<()> {
        sink.write(path, &self.index.file(job))
    }

    /// The bytes it would write: a file's bytes depend on many pages' terms, so only they
    /// say which files changed. One page's edit changes few of them (docs/search-format.md,
    /// "What one page's edit rewrites"), so `kennis serve` writes few.
    fn reads(&self, job: usize) -> Reads {
        Reads { digest: digest_bytes(&self.index.file(job)), ..Reads::default() }
    }
}

/// What every output shares while rendering one version of a site: the views, the lists
/// and the templates.
pub(super) struct Prepared<'a> {
    lists: Lists,
    shared: SharedViews,
    tera: tera::Tera,
    overridden: Vec<&'a str>,
    input: RenderInput<'a>,
    insights: InsightsSource<'a>,
}

impl<'a> Prepared<'a> {
    /// `with_globals` puts `site` and `t` into the templates' global context, which
    /// rendering needs and comparing does not.
    pub(super) fn new(input: &RenderInput<'a>, with_globals: bool) -> Prepared<'a> {
        let views = views(input);
        let lists =
            Lists::new(&ListSources { site: input.site, config: input.config, text: &|key| views.text(key) });
        let mut tera = if with_globals { input.theme.tera.clone() } else { tera::Tera::new() };
        if with_globals {
            tera.global_context().insert("site", &crate::render::jobs::site_view(input));
            tera.global_context().insert("t", &input.theme.strings);
            if input.theme.rows_memoised {
                crate::render::rows::memoise(&mut tera);
            }
        }
        let overridden = input.theme.overridden.iter().map(String::as_str).collect();
        let insights = InsightsSource::new(input);
        Prepared { lists, shared: SharedViews::new(input.site), tera, overridden, input: *input, insights }
    }

    pub(super) fn renderer(&self) -> Renderer<'_> {
        Renderer {
            views: ViewBuilder { shared: Some(&self.shared), ..views(&self.input) },
            lists: &self.lists,
            tera: &self.tera,
            overridden: &self.overridden,
            templates_prefix: &self.input.theme.templates_prefix,
            insights: &self.insights,
            globals: crate::render::jobs::globals_digest(&self.input),
        }
    }
}

fn views<'a>(input: &RenderInput<'a>) -> ViewBuilder<'a> {
    ViewBuilder {
        site: input.site,
        bodies: input.bodies,
        cross: input.cross,
        config: input.config,
        repository_path: input.repository_path,
        git_history: input.history.is_some(),
        strings: &input.theme.strings,
        log: None,
        shared: None,
    }
}

/// Every job of every output, by the path it writes: a path is one job's key, so two
/// jobs writing one path (a page at a URL kennis generates) are refused, as a build's
/// sink refuses them when the second is written.
pub(super) fn plan(outputs: &[Box<dyn Output + '_>]) -> Result<Vec<(OutputPath, usize, usize)>> {
    let mut jobs: Vec<(OutputPath, usize, usize)> = Vec::new();
    for (index, output) in outputs.iter().enumerate() {
        let paths: Vec<OutputPath> =
            (0..output.job_count()).into_par_iter().map(|job| output.path(job)).collect::<Result<_>>()?;
        jobs.extend(paths.into_iter().enumerate().map(|(job, path)| (path, index, job)));
    }
    let mut seen: HashSet<&OutputPath> = HashSet::with_capacity(jobs.len());
    if let Some((path, _, _)) = jobs.iter().find(|(path, _, _)| !seen.insert(path)) {
        return Err(Error::written_twice(path.as_str()));
    }
    Ok(jobs)
}

/// What becomes of what rendering made for itself (the templates with their values and
/// the rows' memo, the views, the search index) once every file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Teardown {
    /// Freed, as anything is: the process goes on (`kennis serve`, a library user).
    Free,
    /// Left for the system to take back when the process ends, which it does right after
    /// (`kennis build`): freeing it piece by piece (300,000 values at 10,000 pages) would
    /// keep one core busy for a tenth of a second after the work is done.
    LeaveToExit,
}

/// Renders the whole site into `sink`: pages, lists, feeds, sitemap, redirects, theme and site files.
pub fn render_site(input: &RenderInput, sink: &dyn OutputSink) -> Result<()> {
    render_selected(input, sink, None, Teardown::Free)
}

/// [`render_site`], leaving what rendering made for itself as `teardown` says.
pub fn render_site_then(input: &RenderInput, sink: &dyn OutputSink, teardown: Teardown) -> Result<()> {
    render_selected(input, sink, None, teardown)
}

/// Renders only the files at `paths` (those a change affected, see [`crate::render::affected_outputs`]);
/// a path no output writes is ignored.
pub fn render_outputs(input: &RenderInput, paths: &[OutputPath], sink: &dyn OutputSink) -> Result<()> {
    let wanted: HashSet<&OutputPath> = paths.iter().collect();
    render_selected(input, sink, Some(&wanted), Teardown::Free)
}

fn render_selected(
    input: &RenderInput,
    sink: &dyn OutputSink,
    wanted: Option<&HashSet<&OutputPath>>,
    teardown: Teardown,
) -> Result<()> {
    let prepared = Prepared::new(input, true);
    let renderer = prepared.renderer();
    // The index is built on one worker while the others render pages; its files follow.
    // Rendering a few pages (the ones a browser shows, first after a change) needs no index.
    let needs_search = wanted.is_none_or(|wanted| wanted.iter().any(|path| is_search_file(input, path)));
    // Nor the insights' figures, unless an insights file is asked for (an author page
    // computes them itself when it is).
    let needs_insights =
        wanted.is_none_or(|wanted| wanted.iter().any(|path| path.as_str().contains("insights/")));
    let (search, rendered) = rayon::join(
        || needs_search.then(|| search_output(input)).flatten(),
        || render_jobs(&outputs_but_search(&renderer, input, needs_insights), sink, wanted),
    );
    rendered?;
    let search: Vec<Box<dyn Output + '_>> =
        search.into_iter().map(|s| Box::new(s) as Box<dyn Output + '_>).collect();
    let written = render_jobs(&search, sink, wanted);
    if teardown == Teardown::LeaveToExit {
        std::mem::forget(search);
        std::mem::forget(prepared);
    }
    written
}

/// Whether `path` is one of the search index's files (`search/meta.js`, the export), which
/// only the built index can write; the `/search/` page is not.
fn is_search_file(input: &RenderInput, path: &OutputPath) -> bool {
    let under_search = path.as_str().starts_with("search/") && path.as_str() != "search/index.html";
    under_search || input.config.search.export.as_ref() == Some(path)
}

fn render_jobs(
    outputs: &[Box<dyn Output + '_>],
    sink: &dyn OutputSink,
    wanted: Option<&HashSet<&OutputPath>>,
) -> Result<()> {
    // Paths are found as jobs run, not planned ahead: the sink refuses a second writer
    // of a path (as `plan` does), and a build holds no list of them.
    let jobs: Vec<(usize, usize)> = outputs
        .iter()
        .enumerate()
        .flat_map(|(index, output)| (0..output.job_count()).map(move |job| (index, job)))
        .collect();
    jobs.par_iter().try_for_each(|&(index, job)| {
        let path = outputs[index].path(job)?;
        match wanted {
            Some(wanted) if !wanted.contains(&path) => Ok(()),
            _ => outputs[index].render(job, &path, sink),
        }
    })
}

/// What every job of the site shows, by the path it writes.
pub(super) fn all_reads(input: &RenderInput) -> Result<Vec<(OutputPath, Reads)>> {
    let prepared = Prepared::new(input, false);
    let renderer = prepared.renderer();
    let outputs = outputs(&renderer, input);
    let jobs = plan(&outputs)?;
    Ok(jobs.into_par_iter().map(|(path, output, job)| (path, outputs[output].reads(job))).collect())
}

/// Theme files (their stylesheets and scripts made smaller by [`minify`]), the code stylesheet,
/// page bundles' files and the site's `static/`, copied as they are. The theme's files give way to a site file of the same path.
struct CopiedFiles<'a> {
    jobs: Vec<Copied<'a>>,
}

enum Copied<'a> {
    Bytes(&'a str, &'a [u8]),
    Stylesheet(&'a Highlighter),
    /// A file under the site folder, at its URL path.
    File(Result<OutputPath, String>, &'a Path),
}

impl<'a> CopiedFiles<'a> {
    fn new(input: &RenderInput<'a>) -> CopiedFiles<'a> {
        let site = input.site;
        let overridden = |path: &str| site.static_files.iter().any(|f| f.relative == path);
        let mut jobs: Vec<Copied<'a>> = Vec::new();
        jobs.extend(
            input
                .theme
                .static_files
                .iter()
                .filter(|(path, _)| !overridden(path))
                .map(|&(path, bytes)| Copied::Bytes(path, bytes)),
        );
        if !overridden("code.css") {
            jobs.push(Copied::Stylesheet(input.highlighter));
        }
        jobs.extend(site.assets.iter().map(|asset| {
            let path = asset.url.to_output_path().ok_or_else(|| asset.url.to_string());
            Copied::File(path, &asset.absolute)
        }));
        jobs.extend(site.static_files.iter().map(|file| {
            let path = OutputPath::new(&file.relative).ok_or_else(|| file.relative.clone());
            Copied::File(path, &file.absolute)
        }));
        CopiedFiles { jobs }
    }
}

impl Output for CopiedFiles<'_> {
    fn job_count(&self) -> usize {
        self.jobs.len()
    }

    fn path(&self, job: usize) -> Result<OutputPath> {
        match &self.jobs[job] {
            Copied::Bytes(path, _) => output_path(path),
            Copied::Stylesheet(_) => output_path("code.css"),
            Copied::File(path, _) => path.clone().map_err(|path| outside(&path)),
        }
    }

    fn render(&self, job: usize, path: &OutputPath, sink: &dyn OutputSink) -> Result<()> {
        match &self.jobs[job] {
            Copied::Bytes(name, bytes) => match std::str::from_utf8(bytes) {
                Ok(css) if name.ends_with(".css") => sink.write(path, minify::css(css).as_bytes()),
                Ok(js) if name.ends_with(".js") => sink.write(path, minify::js(js).as_bytes()),
                _ => sink.write(path, bytes),
            },
            Copied::Stylesheet(highlighter) => sink.write(path, highlighter.stylesheet().as_bytes()),
            Copied::File(_, from) => sink.copy(path, from),
        }
    }

    /// The bytes written, or for a copied file the file it copies: a file whose bytes
    /// changed under the same name is for the caller, which saw it change, to render.
    fn reads(&self, job: usize) -> Reads {
        let digest = match &self.jobs[job] {
            Copied::Bytes(_, bytes) => digest_bytes(bytes),
            Copied::Stylesheet(highlighter) => digest_bytes(highlighter.stylesheet().as_bytes()),
            Copied::File(_, from) => digest_bytes(from.as_os_str().as_encoded_bytes()),
        };
        Reads { digest, ..Reads::default() }
    }
}

pub(super) fn outside(url: &str) -> Error {
    Error::Usage(format!("`{url}` would be written outside the output folder; kennis refuses it"))
}

fn output_path(path: &str) -> Result<OutputPath> {
    OutputPath::new(path)
        .ok_or_else(|| Error::Usage(format!("`{path}` cannot be written to the output folder")))
}
