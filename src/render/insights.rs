//! The insights as an output beside the pages: `/insights/` and each community's
//! `/communities/<id>/insights/`, each with its numbers beside it as `insights.json` and
//! one `NAME.csv` per table. The figures are computed once per render pass, the first time
//! a job needs them (an author page's activity chart or an insights file), and shared.

use std::sync::OnceLock;

use rayon::prelude::*;

use crate::error::Result;
use crate::insights::{self, Insights};
use crate::model::CommunityId;
use crate::model::urls;
use crate::paths::{OutputPath, UrlPath};
use crate::render::affected::{Reads, digest_bytes};
use crate::render::insights_view::insights_view;
use crate::render::jobs::{Renderer, served_file, simple};
use crate::render::outputs::{Output, RenderInput, outside};
use crate::render::sink::OutputSink;

/// The figures of one version of a site, computed on first use.
pub(super) struct InsightsSource<'a> {
    input: RenderInput<'a>,
    figures: OnceLock<Insights>,
}

impl<'a> InsightsSource<'a> {
    pub(super) fn new(input: &RenderInput<'a>) -> InsightsSource<'a> {
        InsightsSource { input: *input, figures: OnceLock::new() }
    }

    pub(super) fn get(&self) -> &Insights {
        self.figures.get_or_init(|| {
            let started = std::time::Instant::now();
            let input = &self.input;
            let figures = insights::compute(input.site, input.history, input.config, input.access, None);
            log::debug!("insights computed in {:.3}s", started.elapsed().as_secs_f64());
            figures
        })
    }
}

/// The site's insights page and files, then each community's.
pub(super) struct InsightsFiles<'a> {
    renderer: &'a Renderer<'a>,
    scopes: Vec<Scope>,
    /// By job: the scope (index into `scopes`) and the file.
    jobs: Vec<(usize, File)>,
}

/// The whole site (`community: None`) or one community, with its files' contents.
struct Scope {
    community: Option<CommunityId>,
    page: UrlPath,
    json: String,
    /// Each table's file name and CSV.
    tables: Vec<(String, String)>,
}

#[derive(Clone, Copy)]
enum File {
    Page,
    Json,
    Csv(usize),
}

impl<'a> InsightsFiles<'a> {
    pub(super) fn new(renderer: &'a Renderer<'a>) -> InsightsFiles<'a> {
        let figures = renderer.insights.get();
        let site = renderer.views.site;
        let started = std::time::Instant::now();
        let mut pages: Vec<(Option<&CommunityId>, UrlPath)> = vec![(None, urls::insights())];
        pages.extend(
            figures.communities.iter().filter_map(|(id, _)| {
                Some((Some(id), urls::community_insights(&site.community_page(id)?.url)))
            }),
        );
        // Each scope's JSON and CSV on its own thread: a site's JSON holds every community's.
        let scopes: Vec<Scope> =
            pages.into_par_iter().map(|(community, page)| scope(figures, community, page)).collect();
        log::debug!("insights files made in {:.3}s", started.elapsed().as_secs_f64());
        let jobs = scopes
            .iter()
            .enumerate()
            .flat_map(|(index, scope)| {
                let files =
                    [File::Page, File::Json].into_iter().chain((0..scope.tables.len()).map(File::Csv));
                files.map(move |file| (index, file))
            })
            .collect();
        InsightsFiles { renderer, scopes, jobs }
    }

    fn url(&self, job: usize) -> UrlPath {
        let (index, file) = self.jobs[job];
        let scope = &self.scopes[index];
        match file {
            File::Page => scope.page.clone(),
            File::Json => urls::insights_file(&scope.page, JSON_FILE),
            File::Csv(table) => urls::insights_file(&scope.page, &scope.tables[table].0),
        }
    }

    /// The file's bytes; `None` for the page, which the templates render.
    fn bytes(&self, job: usize) -> Option<&[u8]> {
        let (index, file) = self.jobs[job];
        let scope = &self.scopes[index];
        match file {
            File::Page => None,
            File::Json => Some(scope.json.as_bytes()),
            File::Csv(table) => Some(scope.tables[table].1.as_bytes()),
        }
    }

    fn page(&self, renderer: &Renderer, index: usize) -> crate::render::jobs::Rendered {
        let scope = &self.scopes[index];
        let files: Vec<(String, String)> = std::iter::once(JSON_FILE.to_owned())
            .chain(scope.tables.iter().map(|(name, _)| name.clone()))
            .map(|name| {
                // The file's path is its label: the names are the same in every language.
                let url = urls::insights_file(&scope.page, &name);
                (renderer.views.href(url.as_str()), url.to_string())
            })
            .collect();
        let view = insights_view(renderer, renderer.insights.get(), scope.community.as_ref(), files);
        simple(scope.page.clone(), "insights.html", view.title.clone(), "insights", &view)
    }
}

const JSON_FILE: &str = "insights.json";

fn scope(figures: &Insights, community: Option<&CommunityId>, page: UrlPath) -> Scope {
    let json = serde_json::to_string(&insights::json(figures, community)).expect("figures serialise to JSON");
    // Script-safe as the search index's files are, and `'` escaped too (it only occurs in
    // strings): no name in the file reads as markup, should a server send it as HTML or a
    // page paste it into a script or a single-quoted attribute.
    let json = crate::search::script_safe(&json).replace('\'', "\\u0027") + "\n";
    let tables = insights::tables(figures, community)
        .iter()
        .map(|table| (format!("{}.csv", table.name), table.csv()))
        .collect();
    Scope { community: community.cloned(), page, json, tables }
}

impl Output for InsightsFiles<'_> {
    fn job_count(&self) -> usize {
        self.jobs.len()
    }

    fn path(&self, job: usize) -> Result<OutputPath> {
        let url = self.url(job);
        served_file(&url).ok_or_else(|| outside(url.as_str()))
    }

    fn render(&self, job: usize, path: &OutputPath, sink: &dyn OutputSink) -> Result<()> {
        match self.bytes(job) {
            Some(bytes) => sink.write(path, bytes),
            None => {
                let rendered = self.page(self.renderer, self.jobs[job].0);
                self.renderer.render_prepared(rendered, true, path, sink)
            }
        }
    }

    /// A file's bytes, or for the page everything its template gets: the figures change
    /// with nearly any edit, so only what they come to says whether a file changed.
    fn reads(&self, job: usize) -> Reads {
        match self.bytes(job) {
            Some(bytes) => Reads { digest: digest_bytes(bytes), ..Reads::default() },
            None => self.renderer.reads_of(|renderer| self.page(renderer, self.jobs[job].0)),
        }
    }
}
