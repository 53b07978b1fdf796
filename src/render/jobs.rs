//! The list of everything the site outputs, and rendering each item in parallel into the output sink.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::markdown::{Highlighter, RenderedMarkdown};
use crate::model::urls::{self, NavEntry};
use crate::model::{PageId, PageKind, Site};
use crate::paths::{OutputPath, UrlPath};
use crate::render::bodies::percent_decode;
use crate::render::cards::{ViewBuilder, nav_label};
use crate::render::cross_links::CrossLinks;
use crate::render::feeds::FeedKind;
use crate::render::lists::{ListSources, Lists};
use crate::render::theme::{Theme, template_error};
use crate::render::views::*;

/// Where rendered files go; implemented by the output stage, so rendering never touches the disk.
pub trait OutputSink: Sync {
    fn write(&self, path: &OutputPath, bytes: &[u8]) -> Result<()>;
    fn copy(&self, path: &OutputPath, from: &Path) -> Result<()>;
}

/// Choices that change what is rendered.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    pub drafts_shown: bool,
}

/// One file of output.
enum Job {
    /// A page; a wiki section's children are paginated, so a section may have several.
    Page {
        id: PageId,
        number: usize,
    },
    Home,
    /// Page `number` of `Lists::all[list]`.
    List {
        list: usize,
        number: usize,
    },
    Author(usize),
    NotFound,
    Redirect {
        from: UrlPath,
        to: PageId,
    },
    Feed(FeedKind),
    Sitemap,
}

/// Renders the whole site into `sink`: pages, lists, feeds, sitemap, redirects, theme and site files.
#[allow(clippy::too_many_arguments)] // each is a stage's output or a setting; a struct would only rename them
pub fn render_site(
    site: &Site,
    bodies: &[RenderedMarkdown],
    cross: &CrossLinks,
    theme: &mut Theme,
    config: &Config,
    highlighter: &Highlighter,
    options: RenderOptions,
    sink: &dyn OutputSink,
) -> Result<()> {
    let site_view = site_view(site, config, theme, options);
    theme.tera.global_context().insert("site", &site_view);
    theme.tera.global_context().insert("t", &theme.strings);
    let views = ViewBuilder { site, bodies, cross, config, strings: &theme.strings };
    let lists = Lists::new(&ListSources { site, config, text: &|key| views.text(key) });
    let jobs = plan(site, config, &lists);
    let overridden: Vec<&str> = theme.overridden.iter().map(String::as_str).collect();
    let renderer = Renderer { views, lists: &lists, tera: &theme.tera, overridden: &overridden };
    jobs.par_iter().try_for_each(|job| renderer.render(job, sink))?;
    copy_files(site, theme, highlighter, sink)
}

fn site_view(site: &Site, config: &Config, theme: &Theme, options: RenderOptions) -> SiteView {
    let text = |key: &str| theme.strings.get(key).cloned().unwrap_or_else(|| key.to_owned());
    SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        language: config.language.code().to_owned(),
        base_url: config.base_url.clone(),
        root: config.base_path.clone(),
        feed_url: config.href(urls::site_feed().as_str()),
        nav: NavEntry::ALL
            .iter()
            .filter_map(|&entry| {
                let url = entry.url(wiki_entry(site))?;
                Some(LinkView { title: text(nav_label(entry)), url: config.href(url.as_str()) })
            })
            .collect(),
        stylesheet_url: config.href("/kennis.css"),
        code_stylesheet_url: config.href("/code.css"),
        script_url: config.href("/kennis.js"),
        search_url: None,
        generator: format!("kennis {}", env!("CARGO_PKG_VERSION")),
        drafts_shown: options.drafts_shown,
    }
}

/// The wiki tab leads to `/wiki/`, else to the first adopted section, else nowhere.
fn wiki_entry(site: &Site) -> Option<&UrlPath> {
    let roots = &site.wiki_roots;
    let wiki = roots.iter().find(|&&r| site.page(r).url == urls::wiki()).or(roots.first())?;
    Some(&site.page(*wiki).url)
}

/// Pages that have their own URL (answers and comments live on their parent's).
pub(super) fn own_pages(site: &Site, ids: &[PageId]) -> Vec<PageId> {
    ids.iter().copied().filter(|&id| site.page(id).kind.has_own_page()).collect()
}

/// How many of `ids` have their own URL: what a list of them shows.
pub(super) fn own_page_count(site: &Site, ids: &[PageId]) -> usize {
    ids.iter().filter(|&&id| site.page(id).kind.has_own_page()).count()
}

/// Wiki-tree sections and content pages; the `_index.md` of posts, questions and communities
/// is the intro of that list, not a page of its own.
pub(super) fn is_standalone(site: &Site, id: PageId) -> bool {
    let page = site.page(id);
    match page.kind {
        PageKind::Answer | PageKind::Comment | PageKind::Home => false,
        PageKind::Section => !urls::is_introduced_list(&page.url),
        PageKind::Post | PageKind::Question | PageKind::Community | PageKind::Wiki => true,
    }
}

fn plan(site: &Site, config: &Config, lists: &Lists) -> Vec<Job> {
    let mut jobs = vec![Job::Home, Job::NotFound, Job::Sitemap];
    jobs.push(Job::Feed(FeedKind::Site));
    for page in &site.pages {
        if is_standalone(site, page.id) {
            let sections = if page.kind == PageKind::Section { section_page_count(page, config) } else { 1 };
            jobs.extend((1..=sections).map(|number| Job::Page { id: page.id, number }));
            jobs.extend(page.aliases.iter().map(|from| Job::Redirect { from: from.clone(), to: page.id }));
        }
    }
    for (list, paged) in lists.all.iter().enumerate() {
        jobs.extend((1..=paged.page_count()).map(|number| Job::List { list, number }));
    }
    for (index, author) in site.authors.iter().enumerate() {
        jobs.push(Job::Author(index));
        jobs.push(Job::Feed(FeedKind::Author(author.id.clone())));
    }
    jobs.extend(site.communities.keys().map(|c| Job::Feed(FeedKind::Community(c.clone()))));
    jobs
}

/// A wiki section lists its children `paginate` at a time.
pub(super) fn section_page_count(page: &crate::model::Page, config: &Config) -> usize {
    page.children.len().div_ceil(config.paginate).max(1)
}

pub(super) struct Renderer<'a> {
    pub(super) views: ViewBuilder<'a>,
    pub(super) lists: &'a Lists,
    pub(super) tera: &'a tera::Tera,
    overridden: &'a [&'a str],
}

/// What one job renders: its URL, template, title and the values the template needs.
pub(super) struct Rendered {
    url: UrlPath,
    template: &'static str,
    title: String,
    context: tera::Context,
}

impl Rendered {
    pub(super) fn new(url: UrlPath, template: &'static str, title: String) -> Rendered {
        Rendered { url, template, title, context: tera::Context::new() }
    }

    pub(super) fn with<T: Serialize + ?Sized>(mut self, key: &'static str, value: &T) -> Rendered {
        self.context.insert(key, value);
        self
    }
}

impl Renderer<'_> {
    fn render(&self, job: &Job, sink: &dyn OutputSink) -> Result<()> {
        let rendered = self.prepare(job);
        let mut context = rendered.context;
        context.insert("page_title", &rendered.title);
        context.insert("current_url", &self.views.href(rendered.url.as_str()));
        context.insert("canonical_url", &self.views.config.absolute(rendered.url.as_str()));
        let html =
            self.tera.render(rendered.template, &context).map_err(|e| template_error(&e, self.overridden))?;
        let path = served_file(&rendered.url).ok_or_else(|| outside(&rendered.url))?;
        sink.write(&path, html.as_bytes())
    }

    fn prepare(&self, job: &Job) -> Rendered {
        let site = self.views.site;
        match job {
            Job::Page { id, number } => self.page(*id, *number),
            Job::Home => self.home(),
            Job::List { list, number } => self.list(&self.lists.all[*list], *number),
            Job::Author(index) => self.author(*index),
            Job::NotFound => Rendered::new(urls::not_found(), "404.html", self.views.text("title_not_found")),
            Job::Redirect { from, to } => {
                let target = self.views.href(&site.link_target(*to));
                let absolute = self.views.config.absolute(&site.link_target(*to));
                let value = serde_json::json!({ "url": target, "absolute_url": absolute });
                Rendered::new(from.clone(), "redirect.html", site.page(*to).title.clone())
                    .with("redirect", &value)
            }
            Job::Feed(kind) => self.feed(kind),
            Job::Sitemap => self.sitemap(),
        }
    }

    fn page(&self, id: PageId, number: usize) -> Rendered {
        let site = self.views.site;
        let page = site.page(id);
        let template = match page.kind {
            PageKind::Question => "question.html",
            PageKind::Community => "community.html",
            PageKind::Section => "section.html",
            PageKind::Post | PageKind::Answer | PageKind::Comment | PageKind::Wiki | PageKind::Home => {
                "page.html"
            }
        };
        let url = urls::numbered(&page.url, number);
        let title = self.numbered_title(&page.title, number);
        let mut rendered = Rendered::new(url, template, title).with("page", &self.views.page_view(id));
        if page.kind == PageKind::Community
            && let Some((community, _)) = site.communities.iter().find(|(_, p)| **p == id)
        {
            rendered = rendered.with("community", &self.community(community));
        }
        if page.kind == PageKind::Section {
            rendered = rendered.with("section", &self.section(id, number));
        }
        rendered
    }

    fn home(&self) -> Rendered {
        let site = self.views.site;
        let intro = site.home.map(|id| (site.page(id).title.clone(), self.views.bodies[id.0].html.clone()));
        let mut recent_answers: Vec<PageId> = site.pages_of_kind(PageKind::Answer);
        recent_answers.truncate(5);
        let count = |kind| site.pages.iter().filter(|p| p.kind == kind).count();
        let newest = |list: usize| -> Vec<PageCard> {
            let ids = self.lists.all[list].pages();
            self.views.cards(&ids[..ids.len().min(6)])
        };
        let home = HomeView {
            intro_title: intro.as_ref().map(|(title, _)| title.clone()),
            intro: intro.map(|(_, html)| html),
            latest_posts: newest(self.lists.posts),
            open_questions: newest(self.lists.questions[1]),
            recent_answers: self.views.cards(&recent_answers),
            communities: site
                .communities
                .keys()
                .take(HOME_COMMUNITIES)
                .map(|c| self.community_card(c))
                .collect(),
            wiki_roots: site
                .wiki_roots
                .iter()
                .map(|&r| LinkView {
                    title: site.page(r).title.clone(),
                    url: self.views.href(site.page(r).url.as_str()),
                })
                .collect(),
            counts: SiteCounts {
                posts: count(PageKind::Post),
                questions: count(PageKind::Question),
                answers: count(PageKind::Answer),
                wiki: count(PageKind::Wiki),
                people: site.authors.len(),
                communities: site.communities.len(),
            },
        };
        let title =
            site.home.map_or_else(|| self.views.config.title.clone(), |id| site.page(id).title.clone());
        simple(urls::home(), "home.html", title, "home", &home)
    }
}

/// Communities on the home page; the rest are a click away on `/communities/`.
const HOME_COMMUNITIES: usize = 6;

pub(super) fn simple<T: Serialize>(
    url: UrlPath,
    template: &'static str,
    title: String,
    key: &'static str,
    value: &T,
) -> Rendered {
    Rendered::new(url, template, title).with(key, value)
}

/// Theme files, the code stylesheet, the site's `static/` and page bundles' files.
fn copy_files(site: &Site, theme: &Theme, highlighter: &Highlighter, sink: &dyn OutputSink) -> Result<()> {
    let overridden = |path: &str| site_static_has(site, path);
    for (path, bytes) in &theme.static_files {
        if !overridden(path) {
            sink.write(&output_path(path)?, bytes)?;
        }
    }
    if !overridden("code.css") {
        sink.write(&output_path("code.css")?, highlighter.stylesheet().as_bytes())?;
    }
    site.assets.par_iter().try_for_each(|asset| {
        let path = asset.url.to_output_path().ok_or_else(|| outside(&asset.url))?;
        sink.copy(&path, &asset.absolute)
    })?;
    site.static_files.par_iter().try_for_each(|file| sink.copy(&output_path(&file.relative)?, &file.absolute))
}

/// The file a static server sends for `url`: servers percent-decode the path before they
/// look for the file, so `/tags/c%23/` is served from `tags/c#/index.html`. Escapes that
/// do not decode to UTF-8 stay as written, as link resolution keeps them.
fn served_file(url: &UrlPath) -> Option<OutputPath> {
    UrlPath::file(&percent_decode(url.as_str())).to_output_path()
}

fn outside(url: &UrlPath) -> Error {
    Error::Usage(format!("`{url}` would be written outside the output folder; kennis refuses it"))
}

fn site_static_has(site: &Site, path: &str) -> bool {
    site.static_files.iter().any(|f| f.relative == path)
}

fn output_path(path: &str) -> Result<OutputPath> {
    OutputPath::new(path)
        .ok_or_else(|| Error::Usage(format!("`{path}` cannot be written to the output folder")))
}
