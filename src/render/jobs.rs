//! The templated outputs (pages, lists, feeds, sitemap, redirects): their jobs, and
//! rendering one job through the theme's templates into the output sink.

use serde::Serialize;

use crate::config::Config;
use crate::error::Result;
use crate::model::urls::{self, NavEntry};
use crate::model::{PageId, PageKind, Site};
use crate::paths::{OutputPath, UrlPath};
use crate::render::affected::{Digest, Facet, Fact, ReadLog, Reads};
use crate::render::bodies::percent_decode;
use crate::render::cards::{ViewBuilder, nav_label};
use crate::render::feeds::FeedKind;
use crate::render::lists::Lists;
use crate::render::outputs::{Output, RenderInput, outside};
use crate::render::relative_urls;
use crate::render::sink::OutputSink;
use crate::render::theme::template_error;
use crate::render::views::*;

/// One file of output from the templates.
pub(super) enum Job {
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
    /// The search page, `/search/` (when `search: { enabled: true }`, the default).
    Search,
    Redirect {
        from: UrlPath,
        to: PageId,
    },
    /// An alias's tag page (`tag_aliases:`), sending readers to the tag's page, by key.
    TagRedirect {
        from: UrlPath,
        to: String,
    },
    Feed(FeedKind),
    Sitemap,
}

impl Job {
    /// Whether the file is always read at its own place, so that `relative_urls` may
    /// write its links relative to it: not `404.html`, which a server sends for any
    /// missing path, nor the feeds and sitemap, whose readers need whole URLs.
    fn is_read_from_its_folder(&self) -> bool {
        match self {
            Job::Page { .. }
            | Job::Home
            | Job::List { .. }
            | Job::Author(_)
            | Job::Search
            | Job::Redirect { .. }
            | Job::TagRedirect { .. } => true,
            Job::NotFound | Job::Feed(_) | Job::Sitemap => false,
        }
    }
}

/// An output made with the templates: the HTML pages, the feeds, the sitemap or the redirects.
pub(super) struct Templated<'a> {
    renderer: &'a Renderer<'a>,
    jobs: Vec<Job>,
}

impl<'a> Templated<'a> {
    /// Pages, the home page, every page of every list, author pages and the 404 page.
    pub(super) fn pages(renderer: &'a Renderer<'a>) -> Templated<'a> {
        let site = renderer.views.site;
        let config = renderer.views.config;
        let mut jobs = vec![Job::Home, Job::NotFound];
        if config.search.enabled {
            jobs.push(Job::Search);
        }
        for page in site.pages.iter().filter(|p| p.is_standalone()) {
            let sections = if page.kind == PageKind::Section {
                section_page_count(renderer.lists, page.id, config)
            } else {
                1
            };
            jobs.extend((1..=sections).map(|number| Job::Page { id: page.id, number }));
        }
        for (list, paged) in renderer.lists.all.iter().enumerate() {
            jobs.extend((1..=paged.page_count()).map(|number| Job::List { list, number }));
        }
        jobs.extend((0..site.authors.len()).map(Job::Author));
        Templated { renderer, jobs }
    }

    /// The site's Atom feed, each author's and each community's.
    pub(super) fn feeds(renderer: &'a Renderer<'a>) -> Templated<'a> {
        let site = renderer.views.site;
        let mut jobs = vec![Job::Feed(FeedKind::Site)];
        jobs.extend(site.authors.iter().map(|a| Job::Feed(FeedKind::Author(a.id.clone()))));
        jobs.extend(site.communities.keys().map(|c| Job::Feed(FeedKind::Community(c.clone()))));
        Templated { renderer, jobs }
    }

    pub(super) fn sitemap(renderer: &'a Renderer<'a>) -> Templated<'a> {
        Templated { renderer, jobs: vec![Job::Sitemap] }
    }

    /// A page at each of a page's `aliases`, sending readers on to it, and one at each tag
    /// alias's own tag page, sending readers on to the tag's.
    pub(super) fn redirects(renderer: &'a Renderer<'a>) -> Templated<'a> {
        let site = renderer.views.site;
        let mut jobs: Vec<Job> = site
            .pages
            .iter()
            .filter(|p| p.is_standalone())
            .flat_map(|page| {
                page.aliases.iter().map(|from| Job::Redirect { from: from.clone(), to: page.id })
            })
            .collect();
        for (key, tag) in &site.tags {
            jobs.extend(
                tag.alias_folders
                    .iter()
                    .map(|folder| Job::TagRedirect { from: urls::tag(folder), to: key.clone() }),
            );
        }
        Templated { renderer, jobs }
    }
}

impl Output for Templated<'_> {
    fn job_count(&self) -> usize {
        self.jobs.len()
    }

    fn path(&self, job: usize) -> Result<OutputPath> {
        let url = self.renderer.url(&self.jobs[job]);
        served_file(&url).ok_or_else(|| outside(url.as_str()))
    }

    fn render(&self, job: usize, path: &OutputPath, sink: &dyn OutputSink) -> Result<()> {
        self.renderer.render(&self.jobs[job], path, sink)
    }

    fn reads(&self, job: usize) -> Reads {
        self.renderer.reads(&self.jobs[job])
    }
}

pub(super) fn site_view(input: &RenderInput) -> SiteView {
    let (site, config, theme, options) = (input.site, input.config, input.theme, input.options);
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
        search_url: config.search.enabled.then(|| config.href(urls::search().as_str())),
        insights_url: config.href(urls::insights().as_str()),
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

/// A wiki section lists its children `paginate` at a time.
pub(super) fn section_page_count(lists: &Lists, id: PageId, config: &Config) -> usize {
    lists.section_children(id).0.len().div_ceil(config.paginate).max(1)
}

#[derive(Clone, Copy)]
pub(super) struct Renderer<'a> {
    pub(super) views: ViewBuilder<'a>,
    pub(super) lists: &'a Lists,
    pub(super) tera: &'a tera::Tera,
    pub(super) overridden: &'a [&'a str],
    pub(super) templates_prefix: &'a str,
    /// The insights' figures, computed the first time a job needs them.
    pub(super) insights: &'a crate::render::insights::InsightsSource<'a>,
    /// A digest of what every template sees besides its own values (`site`, `t`).
    pub(super) globals: u64,
}

/// What one job renders: its URL, template, title and the values the template needs.
pub(super) struct Rendered {
    url: UrlPath,
    template: &'static str,
    title: String,
    values: Values,
}

/// Where a job's values go: into the template's context, or, when the job is only asked
/// what it shows, into a digest (which skips building the template's values).
enum Values {
    Context(tera::Context),
    Digest(Digest),
}

std::thread_local! {
    /// Set while [`Renderer::reads`] builds one job's values on this thread; building
    /// them runs on one thread, start to end.
    static DIGESTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Sends the values of the `Rendered` built on this thread to a digest until dropped,
/// even if building them panics.
struct Digesting;

impl Digesting {
    fn start() -> Digesting {
        DIGESTING.set(true);
        Digesting
    }
}

impl Drop for Digesting {
    fn drop(&mut self) {
        DIGESTING.set(false);
    }
}

impl Rendered {
    pub(super) fn new(url: UrlPath, template: &'static str, title: String) -> Rendered {
        let values = if DIGESTING.get() {
            Values::Digest(Digest::new())
        } else {
            Values::Context(tera::Context::new())
        };
        Rendered { url, template, title, values }
    }

    pub(super) fn with<T: Serialize + ?Sized>(mut self, key: &'static str, value: &T) -> Rendered {
        match &mut self.values {
            Values::Context(context) => context.insert(key, value),
            Values::Digest(digest) => {
                digest.add(key);
                digest.add_json(value);
            }
        }
        self
    }
}

impl Renderer<'_> {
    /// The URL `job` renders; [`Renderer::prepare`] gives the same.
    fn url(&self, job: &Job) -> UrlPath {
        let site = self.views.site;
        match job {
            Job::Page { id, number } => urls::numbered(&site.page(*id).url, *number),
            Job::Home => urls::home(),
            Job::List { list, number } => self.lists.all[*list].page_url(*number),
            Job::Author(index) => urls::author(&site.authors[*index].id),
            Job::NotFound => urls::not_found(),
            Job::Search => urls::search(),
            Job::Redirect { from, .. } | Job::TagRedirect { from, .. } => from.clone(),
            Job::Feed(FeedKind::Site) => urls::site_feed(),
            Job::Feed(FeedKind::Community(id)) => urls::feed_of(&site.page(site.communities[id]).url),
            Job::Feed(FeedKind::Author(id)) => urls::feed_of(&urls::author(id)),
            Job::Sitemap => urls::sitemap(),
        }
    }

    /// What `job` shows: everything its template would get, digested, and the pages and
    /// facts the view builder read to make it.
    fn reads(&self, job: &Job) -> Reads {
        self.reads_of(|recording| recording.prepare(job))
    }

    /// What the page `prepare` builds shows (see [`Renderer::reads`]); for outputs beside
    /// the templated ones that render a page through the templates (insights).
    pub(super) fn reads_of(&self, prepare: impl FnOnce(&Renderer) -> Rendered) -> Reads {
        let log = ReadLog::default();
        let recording = Renderer { views: ViewBuilder { log: Some(&log), ..self.views }, ..*self };
        let rendered = {
            let _digesting = Digesting::start();
            prepare(&recording)
        };
        let mut digest = Digest::new();
        digest.add(&self.globals);
        digest.add(&(rendered.template, &rendered.title, rendered.url.as_str()));
        if let Values::Digest(values) = &rendered.values {
            digest.add(&values.finish());
        }
        log.into_reads(self.views.site, digest.finish())
    }

    fn render(&self, job: &Job, path: &OutputPath, sink: &dyn OutputSink) -> Result<()> {
        self.render_prepared(self.prepare(job), job.is_read_from_its_folder(), path, sink)
    }

    /// Renders a page built by [`Renderer::prepare`] or another output's builder through its
    /// template into `sink`; `relative` when the page may have its links made relative.
    pub(super) fn render_prepared(
        &self,
        rendered: Rendered,
        relative: bool,
        path: &OutputPath,
        sink: &dyn OutputSink,
    ) -> Result<()> {
        debug_assert_eq!(served_file(&rendered.url).as_ref(), Some(path), "a job's URL and its file agree");
        let Values::Context(mut context) = rendered.values else {
            unreachable!("values go to a digest only while a job is asked what it shows")
        };
        context.insert("page_title", &rendered.title);
        context.insert("current_url", &self.views.href(rendered.url.as_str()));
        context.insert("canonical_url", &self.views.config.absolute(rendered.url.as_str()));
        let html = self
            .tera
            .render(rendered.template, &context)
            .map_err(|e| template_error(&e, self.overridden, self.templates_prefix))?;
        let config = self.views.config;
        let relative = (config.relative_urls && relative)
            .then(|| {
                let site = self.views.site;
                let is_file = |path: &str| {
                    let url = crate::paths::UrlPath::file(path);
                    site.static_urls.contains(&url) || site.assets_by_url.contains_key(&url)
                };
                relative_urls::relative_to_page(&html, &config.base_path, path, &is_file)
            })
            .flatten();
        sink.write(path, relative.as_deref().unwrap_or(&html).as_bytes())
    }

    fn prepare(&self, job: &Job) -> Rendered {
        let site = self.views.site;
        match job {
            Job::Page { id, number } => self.page(*id, *number),
            Job::Home => self.home(),
            Job::List { list, number } => self.list(&self.lists.all[*list], *number),
            Job::Author(index) => self.author(*index),
            Job::NotFound => Rendered::new(urls::not_found(), "404.html", self.views.text("title_not_found")),
            Job::Search => {
                let href = |path: &str| self.views.href(path);
                let value = serde_json::json!({
                    "index_url": href("/search/"),
                    "text_script_url": href("/kennis-search-text.js"),
                    "script_url": href("/kennis-search.js"),
                });
                Rendered::new(urls::search(), "search.html", self.views.text("title_search"))
                    .with("search", &value)
            }
            Job::Redirect { from, to } => {
                self.views.read(*to, Facet::Link);
                let target = self.views.href(&site.link_target(*to));
                let absolute = self.views.config.absolute(&site.link_target(*to));
                let value = serde_json::json!({ "url": target, "absolute_url": absolute });
                Rendered::new(from.clone(), "redirect.html", site.page(*to).title.clone())
                    .with("redirect", &value)
            }
            Job::TagRedirect { from, to } => {
                let tag = self.views.tag(to, 0);
                let url = site.tags.get(to).map(|tag| tag.url()).unwrap_or_else(urls::tags);
                let absolute = self.views.config.absolute(url.as_str());
                let value = serde_json::json!({ "url": tag.url, "absolute_url": absolute });
                Rendered::new(from.clone(), "redirect.html", tag.name).with("redirect", &value)
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
        let mut view = self.views.page_view(id);
        let wiki = (page.kind == PageKind::Wiki).then(|| self.wiki_nav(id)).flatten();
        if wiki.is_some() && view.updated.is_some() {
            // The author of the commit that dates the update; else, only when it is certain,
            // the page's one git contributor, or without git its one author.
            let sole = |people: &[crate::render::views::Person]| match people {
                [one] => Some(one.clone()),
                _ => None,
            };
            view.updated_by = if let Some(person) = &page.updated_by {
                Some(self.views.contributor(person))
            } else if view.contributors.is_empty() {
                sole(&view.card.authors)
            } else {
                sole(&view.contributors)
            };
        }
        let mut rendered = Rendered::new(url, template, title).with("page", &view);
        let mut respond = self.views.respond_to_page(id);
        if page.kind == PageKind::Community
            && let Some((community, _)) = site.communities.iter().find(|(_, p)| **p == id)
        {
            rendered = rendered.with("community", &self.community(community));
            let shown = site.community_pages.get(community).map(Vec::as_slice).unwrap_or_default();
            respond = self.views.respond_new(&[PageKind::Question, PageKind::Post], Some(community), shown);
        }
        if page.kind == PageKind::Section {
            rendered = rendered.with("section", &self.section(id, number));
            respond = self.views.respond_in_section(id, self.lists.section_children(id).0);
        }
        // The respond buttons (src/render/respond.rs); empty without `new_url` and `repo_url`.
        rendered = rendered.with("respond", &respond);
        if let Some(wiki) = wiki {
            rendered = rendered.with("wiki", &wiki);
        }
        rendered
    }

    fn home(&self) -> Rendered {
        let site = self.views.site;
        site.home.inspect(|&id| self.views.read(id, Facet::Page));
        site.wiki_roots.iter().for_each(|&id| self.views.read(id, Facet::Link));
        self.views.read_fact(|| Fact::Counts);
        let intro = site.home.map(|id| (site.page(id).title.clone(), self.views.bodies[id.0].html.clone()));
        let intro_title_id = site.home.and_then(|id| self.views.bodies[id.0].title_id.clone());
        let (lede, rest) = intro.as_ref().map_or((None, None), |(_, html)| split_lede(html));
        let mut recent_answers: Vec<PageId> = site.pages_of_kind(PageKind::Answer);
        recent_answers.truncate(5);
        let count = |kind| site.pages.iter().filter(|p| p.kind == kind).count();
        let newest = |list: usize| -> Vec<Card> {
            let ids = self.lists.all[list].pages();
            self.views.cards(&ids[..ids.len().min(6)])
        };
        let home = HomeView {
            intro_title: intro.as_ref().map(|(title, _)| title.clone()),
            intro_title_id,
            intro_lede: lede,
            intro_rest: rest,
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
                unanswered: self.lists.all[self.lists.questions[1]].items.len(),
                answers: count(PageKind::Answer),
                wiki: count(PageKind::Wiki),
                people: site.people_count(),
                communities: site.communities.len(),
            },
        };
        let title =
            site.home.map_or_else(|| self.views.config.title.clone(), |id| site.page(id).title.clone());
        simple(urls::home(), "home.html", title, "home", &home)
    }
}

/// The opening paragraph of an intro's HTML and what follows it (none when nothing
/// does), so the home page can show the paragraph at the top and the rest after its
/// lists; nothing is split off when the intro does not open with a paragraph. A `<p>`
/// cannot hold another, so its first `</p>` closes it.
fn split_lede(html: &str) -> (Option<String>, Option<String>) {
    let trimmed = html.trim_start();
    if !(trimmed.starts_with("<p>") || trimmed.starts_with("<p ")) {
        return (None, Some(html.to_owned()).filter(|h| !h.trim().is_empty()));
    }
    let Some(end) = trimmed.find("</p>").map(|i| i + "</p>".len()) else {
        return (None, Some(html.to_owned()));
    };
    let rest = trimmed[end..].trim();
    (Some(trimmed[..end].to_owned()), (!rest.is_empty()).then(|| rest.to_owned()))
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

/// A digest of the values every template gets: `site` and the UI strings `t`.
pub(super) fn globals_digest(input: &RenderInput) -> u64 {
    let mut digest = Digest::new();
    digest.add_json(&site_view(input));
    let mut strings: Vec<(&String, &String)> = input.theme.strings.iter().collect();
    strings.sort_unstable();
    digest.add(&strings);
    digest.add(&input.repository_path);
    if input.config.relative_urls {
        // Every page's links change with it; the default digest stays as it was.
        digest.add("relative_urls");
    }
    digest.finish()
}

/// The file a static server sends for `url`: servers percent-decode the path before they
/// look for the file, so `/tags/c%23/` is served from `tags/c#/index.html`. Escapes that
/// do not decode to UTF-8 stay as written, as link resolution keeps them.
pub(super) fn served_file(url: &UrlPath) -> Option<OutputPath> {
    UrlPath::file(&percent_decode(url.as_str())).to_output_path()
}

#[cfg(test)]
mod tests {
    use super::split_lede;

    #[test]
    fn an_intro_opening_with_a_paragraph_is_split_after_it() {
        let html = "<p>Welcome <em>here</em>.</p>\n<h2 id=\"how\">How</h2>\n<p>More.</p>\n";
        let (lede, rest) = split_lede(html);
        assert_eq!(lede.as_deref(), Some("<p>Welcome <em>here</em>.</p>"));
        assert_eq!(rest.as_deref(), Some("<h2 id=\"how\">How</h2>\n<p>More.</p>"));
        assert_eq!(split_lede("<p>Only this.</p>\n"), (Some("<p>Only this.</p>".to_owned()), None));
        let list = "<ul>\n<li>One</li>\n</ul>\n";
        assert_eq!(split_lede(list), (None, Some(list.to_owned())));
        assert_eq!(split_lede(""), (None, None));
    }
}
