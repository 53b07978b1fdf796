//! The list of everything the site outputs, and rendering each item in parallel into the output sink.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::markdown::{Highlighter, RenderedMarkdown};
use crate::model::{CommunityId, PageId, PageKind, Site};
use crate::paths::{OutputPath, UrlPath};
use crate::render::cards::ViewBuilder;
use crate::render::cross_links::CrossLinks;
use crate::render::feeds::FeedKind;
use crate::render::lists::{ListKind, Lists, QuestionFilter};
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
    Page(PageId),
    Home,
    List { list: ListKind, number: usize },
    Communities,
    Authors,
    Author(usize),
    Tags,
    NotFound,
    Redirect { from: UrlPath, to: PageId },
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
    let lists = Lists::new(site);
    let jobs = plan(site, config, &lists);
    let overridden: Vec<&str> = theme.overridden.iter().map(String::as_str).collect();
    let renderer = Renderer { views, lists: &lists, tera: &theme.tera, overridden: &overridden };
    jobs.par_iter().try_for_each(|job| renderer.render(job, sink))?;
    copy_files(site, theme, highlighter, sink)
}

fn site_view(site: &Site, config: &Config, theme: &Theme, options: RenderOptions) -> SiteView {
    let text = |key: &str| theme.strings.get(key).cloned().unwrap_or_else(|| key.to_owned());
    let nav = [
        ("nav_home", "/"),
        ("nav_posts", "/posts/"),
        ("nav_questions", "/questions/"),
        ("nav_wiki", "/wiki/"),
        ("nav_communities", "/communities/"),
        ("nav_authors", "/authors/"),
        ("nav_tags", "/tags/"),
    ];
    SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        language: config.language.code().to_owned(),
        base_url: config.base_url.clone(),
        root: config.base_path.clone(),
        feed_url: config.href("/atom.xml"),
        nav: nav
            .iter()
            .filter_map(|&(key, url)| {
                // The wiki tab leads to `/wiki/`, else to the first adopted section, else nowhere.
                let url = if key == "nav_wiki" { wiki_entry(site)? } else { url.to_owned() };
                Some(LinkView { title: text(key), url: config.href(&url) })
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

fn wiki_entry(site: &Site) -> Option<String> {
    let roots = &site.wiki_roots;
    let wiki = roots.iter().find(|&&r| site.page(r).url.as_str() == "/wiki/").or(roots.first())?;
    Some(site.page(*wiki).url.to_string())
}

/// Pages that have their own URL (answers and comments live on their parent's).
pub(super) fn own_pages(site: &Site, ids: &[PageId]) -> Vec<PageId> {
    ids.iter().copied().filter(|&id| site.page(id).kind.has_own_page()).collect()
}

/// Wiki-tree sections and content pages; the `_index.md` of posts, questions and communities
/// is the intro of that list, not a page of its own.
pub(super) fn is_standalone(site: &Site, id: PageId) -> bool {
    let page = site.page(id);
    match page.kind {
        PageKind::Answer | PageKind::Comment | PageKind::Home => false,
        PageKind::Section => !matches!(page.url.as_str(), "/posts/" | "/questions/" | "/communities/"),
        _ => true,
    }
}

fn plan(site: &Site, config: &Config, lists: &Lists) -> Vec<Job> {
    let mut jobs = vec![Job::Home, Job::Communities, Job::Authors, Job::Tags, Job::NotFound, Job::Sitemap];
    jobs.push(Job::Feed(FeedKind::Site));
    for page in &site.pages {
        if is_standalone(site, page.id) {
            jobs.push(Job::Page(page.id));
            jobs.extend(page.aliases.iter().map(|from| Job::Redirect { from: from.clone(), to: page.id }));
        }
    }
    let per_page = config.paginate;
    let mut add_list = |list: ListKind, count: usize| {
        let pages = count.div_ceil(per_page).max(1);
        jobs.extend((1..=pages).map(|number| Job::List { list, number }));
    };
    add_list(ListKind::Posts, lists.posts.len());
    for filter in [QuestionFilter::All, QuestionFilter::Unanswered, QuestionFilter::Answered] {
        add_list(ListKind::Questions(filter), lists.ids(ListKind::Questions(filter)).len());
    }
    for (index, (_, _, ids)) in lists.tags.iter().enumerate() {
        add_list(ListKind::Tag(index), ids.len());
    }
    for (index, author) in site.authors.iter().enumerate() {
        jobs.push(Job::Author(index));
        jobs.push(Job::Feed(FeedKind::Author(author.id.clone())));
    }
    jobs.extend(site.communities.keys().map(|c| Job::Feed(FeedKind::Community(c.clone()))));
    jobs
}

pub(super) struct Renderer<'a> {
    pub(super) views: ViewBuilder<'a>,
    pub(super) lists: &'a Lists,
    tera: &'a tera::Tera,
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
        let path = rendered.url.to_output_path().ok_or_else(|| outside(&rendered.url))?;
        sink.write(&path, html.as_bytes())
    }

    fn prepare(&self, job: &Job) -> Rendered {
        let site = self.views.site;
        match job {
            Job::Page(id) => self.page(*id),
            Job::Home => self.home(),
            Job::List { list, number } => self.list(*list, *number),
            Job::Communities => {
                let cards: Vec<CommunityCard> =
                    site.communities.keys().map(|c| self.community_card(c)).collect();
                simple(
                    "/communities/",
                    "communities.html",
                    self.views.text("title_communities"),
                    "communities",
                    &cards,
                )
            }
            Job::Authors => {
                let cards: Vec<AuthorCard> = site
                    .authors
                    .iter()
                    .map(|a| AuthorCard {
                        person: self.views.person(&a.id),
                        contribution_count: site.author_pages.get(&a.id).map_or(0, Vec::len),
                    })
                    .collect();
                simple("/authors/", "authors.html", self.views.text("title_authors"), "authors", &cards)
            }
            Job::Author(index) => self.author(*index),
            Job::Tags => {
                let tags: Vec<TagView> = self
                    .lists
                    .tags
                    .iter()
                    .map(|(slug, name, ids)| self.views.tag(name, slug, ids.len()))
                    .collect();
                simple("/tags/", "tags.html", self.views.text("title_tags"), "tags", &tags)
            }
            Job::NotFound => {
                Rendered::new(UrlPath::file("404.html"), "404.html", self.views.text("title_not_found"))
            }
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

    fn page(&self, id: PageId) -> Rendered {
        let site = self.views.site;
        let page = site.page(id);
        let template = match page.kind {
            PageKind::Question => "question.html",
            PageKind::Community => "community.html",
            PageKind::Section => "section.html",
            _ => "page.html",
        };
        let mut rendered = Rendered::new(page.url.clone(), template, page.title.clone())
            .with("page", &self.views.page_view(id));
        if page.kind == PageKind::Community
            && let Some((community, _)) = site.communities.iter().find(|(_, p)| **p == id)
        {
            rendered = rendered.with("community", &self.community(community));
        }
        if page.kind == PageKind::Section {
            rendered = rendered.with("section", &self.section(id));
        }
        rendered
    }

    fn home(&self) -> Rendered {
        let site = self.views.site;
        let intro = site.home.map(|id| (site.page(id).title.clone(), self.views.bodies[id.0].html.clone()));
        let mut recent_answers: Vec<PageId> = site.pages_of_kind(PageKind::Answer);
        recent_answers.truncate(5);
        let count = |kind| site.pages.iter().filter(|p| p.kind == kind).count();
        let home = HomeView {
            intro_title: intro.as_ref().map(|(title, _)| title.clone()),
            intro: intro.map(|(_, html)| html),
            latest_posts: self.views.cards(&self.lists.posts[..self.lists.posts.len().min(6)]),
            open_questions: self.views.cards(&self.lists.unanswered[..self.lists.unanswered.len().min(6)]),
            recent_answers: self.views.cards(&recent_answers),
            communities: site.communities.keys().map(|c| self.community_card(c)).collect(),
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
        simple("/", "home.html", title, "home", &home)
    }

    fn community_card(&self, id: &CommunityId) -> CommunityCard {
        let site = self.views.site;
        let page_id = site.communities[id];
        let page = site.page(page_id);
        let info = page.community.clone().unwrap_or_default();
        CommunityCard {
            id: id.0.clone(),
            title: page.title.clone(),
            url: self.views.href(page.url.as_str()),
            goal: info.goal,
            summary: self.views.summary(page),
            lead: info.lead.as_ref().map(|l| self.views.person(l)),
            member_count: site.community_members.get(id).map_or(0, Vec::len),
            page_count: site.community_pages.get(id).map_or(0, |ids| own_pages(site, ids).len()),
            tags: page.tags.iter().map(|t| self.views.tag(&t.name, &t.slug, 0)).collect(),
        }
    }

    fn community(&self, id: &CommunityId) -> CommunityView {
        let site = self.views.site;
        let page = site.page(site.communities[id]);
        let info = page.community.clone().unwrap_or_default();
        let pages = site.community_pages.get(id).map(Vec::as_slice).unwrap_or_default();
        let of_kind = |kinds: &[PageKind]| -> Vec<PageCard> {
            let ids: Vec<PageId> =
                pages.iter().copied().filter(|&p| kinds.contains(&site.page(p).kind)).collect();
            self.views.cards(&ids)
        };
        CommunityView {
            id: id.0.clone(),
            goal: info.goal,
            lead: info.lead.as_ref().map(|l| self.views.person(l)),
            team: info.team.iter().map(|t| self.views.person(t)).collect(),
            members: site
                .community_members
                .get(id)
                .map_or_else(Vec::new, |m| m.iter().map(|a| self.views.person(a)).collect()),
            posts: of_kind(&[PageKind::Post]),
            questions: of_kind(&[PageKind::Question]),
            wiki: of_kind(&[PageKind::Wiki, PageKind::Section]),
            feed_url: self.views.href(&format!("{}atom.xml", page.url)),
        }
    }

    fn author(&self, index: usize) -> Rendered {
        let site = self.views.site;
        let author = &site.authors[index];
        let ids = site.author_pages.get(&author.id).map(Vec::as_slice).unwrap_or_default();
        let of_kind = |kinds: &[PageKind]| -> Vec<PageCard> {
            let ids: Vec<PageId> =
                ids.iter().copied().filter(|&p| kinds.contains(&site.page(p).kind)).collect();
            self.views.cards(&ids)
        };
        let mut communities: Vec<&CommunityId> = site
            .community_members
            .iter()
            .filter(|(_, members)| members.contains(&author.id))
            .map(|(c, _)| c)
            .collect();
        communities.sort();
        let dates: Vec<_> = ids.iter().filter_map(|&p| site.page(p).sort_date()).collect();
        let url = format!("/authors/{}/", author.id.0);
        let view = AuthorView {
            person: self.views.person(&author.id),
            bio: author.bio.clone(),
            emails: author.emails.clone(),
            posts: of_kind(&[PageKind::Post]),
            questions: of_kind(&[PageKind::Question]),
            answers: of_kind(&[PageKind::Answer]),
            comments: of_kind(&[PageKind::Comment]),
            wiki: of_kind(&[PageKind::Wiki, PageKind::Section, PageKind::Community, PageKind::Home]),
            communities: communities.into_iter().filter_map(|c| self.views.community_link(c)).collect(),
            first_contribution: self.views.date(dates.iter().min().copied()),
            last_contribution: self.views.date(dates.iter().max().copied()),
            feed_url: self.views.href(&format!("{url}atom.xml")),
        };
        simple(&url, "author.html", author.name.clone(), "author", &view)
    }

    fn section(&self, id: PageId) -> SectionView {
        let site = self.views.site;
        let page = site.page(id);
        let (subsections, pages): (Vec<PageId>, Vec<PageId>) =
            page.children.iter().partition(|&&c| site.page(c).kind == PageKind::Section);
        let root = site.ancestors(id).first().copied().unwrap_or(id);
        SectionView {
            subsections: self.views.cards(&subsections),
            pages: self.views.cards(&pages),
            tree: site.page(root).children.iter().map(|&c| self.tree_node(c, id)).collect(),
            roots: site
                .wiki_roots
                .iter()
                .filter(|&&r| r != root)
                .map(|&r| LinkView {
                    title: site.page(r).title.clone(),
                    url: self.views.href(site.page(r).url.as_str()),
                })
                .collect(),
        }
    }

    fn tree_node(&self, id: PageId, current: PageId) -> TreeNode {
        let page = self.views.site.page(id);
        TreeNode {
            title: page.title.clone(),
            url: self.views.href(page.url.as_str()),
            is_section: page.kind == PageKind::Section,
            current: id == current,
            children: page.children.iter().map(|&c| self.tree_node(c, current)).collect(),
        }
    }
}

pub(super) fn simple<T: Serialize>(
    url: &str,
    template: &'static str,
    title: String,
    key: &'static str,
    value: &T,
) -> Rendered {
    Rendered::new(UrlPath::file(url), template, title).with(key, value)
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
