//! Building view structs from the model: people, dates, cards, whole pages.

use std::sync::OnceLock;

use serde::Serialize;

use crate::config::Config;
use crate::dates::PageDate;
use crate::markdown::RenderedMarkdown;
use crate::model::urls::{self, NavEntry};
use crate::model::{AuthorId, CommunityId, Contributor, Page, PageId, PageKind, Site};
use crate::render::affected::{Facet, Fact, ReadLog};
use crate::render::cross_links::CrossLinks;
use crate::render::page_image;
use crate::render::theme::Strings;
use crate::render::views::{
    Card, DateView, LinkView, LinkedPage, PageCard, PageView, Person, PersonView, ResponseView, Shared,
    TagView,
};

/// Tags on a card; the page itself shows them all. A post with 10,000 tags is listed on
/// 10,000 tag pages, so listing them all on each card would write 10,000² links.
const CARD_TAGS: usize = 8;
/// "Linked from" shows the newest pages linking here, and how many do in all.
const BACKLINKS_SHOWN: usize = 20;

/// Everything the view builders read; shared by all rendering threads.
#[derive(Clone, Copy)]
pub struct ViewBuilder<'a> {
    pub site: &'a Site,
    pub bodies: &'a [RenderedMarkdown],
    pub cross: &'a CrossLinks,
    pub config: &'a Config,
    /// The site root's path from the repository root, for edit and history links.
    pub repository_path: &'a str,
    /// Whether the build read a git history (none with `git: { history: false }` or outside
    /// git): then git dates and credits new pages, and the respond buttons' text says so.
    pub git_history: bool,
    pub strings: &'a Strings,
    /// Where the pages and facts each view shows are recorded, when a job is asked what it shows.
    pub log: Option<&'a ReadLog>,
    /// Views every output shares, in the templates' values, made the first time one shows them.
    pub shared: Option<&'a SharedViews>,
}

/// Views of one version of a site in the templates' values, by page id, each made once
/// by whichever rendering thread needs it first.
pub struct SharedViews {
    cards: Vec<OnceLock<tera::Value>>,
    /// Wiki tree nodes without children shown that are not the current page.
    tree_leaves: Vec<OnceLock<tera::Value>>,
    /// Pages as "linked from" and "related" name them (on every page that links to them
    /// or is related: a dozen on a page of a generated site).
    linked: Vec<OnceLock<tera::Value>>,
    /// Registered authors, by their place in `Site::authors`.
    people: Vec<OnceLock<Person>>,
}

impl SharedViews {
    pub fn new(site: &Site) -> SharedViews {
        let slots = || (0..site.pages.id_bound()).map(|_| OnceLock::new()).collect();
        let people = site.authors.iter().map(|_| OnceLock::new()).collect();
        SharedViews { cards: slots(), tree_leaves: slots(), linked: slots(), people }
    }
}

impl<'a> ViewBuilder<'a> {
    /// Records that the view being built shows `facet` of page `id`.
    pub fn read(&self, id: PageId, facet: Facet) {
        if let Some(log) = self.log {
            log.page(id, facet);
        }
    }

    pub fn read_fact(&self, fact: impl FnOnce() -> Fact) {
        if let Some(log) = self.log {
            log.fact(fact());
        }
    }

    /// A UI string by key; the key itself when the theme lacks it, so a gap shows and nothing breaks.
    pub fn text(&self, key: &str) -> String {
        self.strings.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }

    pub fn href(&self, url: &str) -> String {
        self.config.href(url)
    }

    pub fn date(&self, date: Option<PageDate>) -> Option<DateView> {
        date.map(|d| DateView { iso: d.machine(), human: d.human(self.config.language) })
    }

    pub fn person(&self, id: &AuthorId) -> Person {
        self.read_fact(|| Fact::Author(id.clone()));
        match (self.shared, self.log, self.site.author_positions.get(id)) {
            (Some(shared), None, Some(&index)) => {
                shared.people[index].get_or_init(|| Person::converted(self.person_view(id))).clone()
            }
            _ => Person::new(self.person_view(id)),
        }
    }

    fn person_view(&self, id: &AuthorId) -> PersonView {
        match self.site.author(id) {
            Some(author) => PersonView {
                id: id.0.clone(),
                name: author.name.clone(),
                url: Some(self.href(urls::author(id).as_str())),
                role: author.role.clone(),
                department: author.department.clone(),
                avatar: author.avatar.as_deref().map(|a| self.asset_href(a)),
                initials: initials(&author.name),
            },
            None => PersonView {
                id: id.0.clone(),
                name: id.0.clone(),
                url: None,
                role: None,
                department: None,
                avatar: None,
                initials: initials(&id.0),
            },
        }
    }

    pub fn contributor(&self, contributor: &Contributor) -> Person {
        match contributor {
            Contributor::Author(id) => self.person(id),
            Contributor::Unregistered { name, email } => Person::new(PersonView {
                id: email.clone(),
                name: name.clone(),
                url: None,
                role: None,
                department: None,
                avatar: None,
                initials: initials(name),
            }),
        }
    }

    /// An avatar path from `authors/`: site-absolute paths get the base path; URLs stay.
    fn asset_href(&self, path: &str) -> String {
        if path.contains("://") { path.to_owned() } else { self.href(path) }
    }

    /// A page's title and URL, as a section's other roots or a wiki page's neighbours show it.
    pub fn page_link(&self, id: PageId) -> LinkView {
        self.read(id, Facet::Link);
        let page = self.site.page(id);
        LinkView { title: page.title.clone(), url: self.href(page.url.as_str()) }
    }

    pub fn community_link(&self, id: &CommunityId) -> Option<LinkView> {
        self.read_fact(|| Fact::Community(id.clone()));
        let page = self.site.community_page(id)?;
        Some(LinkView { title: page.title.clone(), url: self.href(page.url.as_str()) })
    }

    /// A link to a tag's page by its key, named as the site names it (the spelling most
    /// pages use, see `model::tags`); every link to a tag is made here.
    pub fn tag(&self, key: &str, count: usize) -> TagView {
        self.read_fact(|| Fact::Tag(key.to_owned()));
        match self.site.tags.get(key) {
            Some(tag) => TagView { name: tag.name.clone(), url: self.href(tag.url().as_str()), count },
            None => TagView { name: key.to_owned(), url: self.href(urls::tags().as_str()), count },
        }
    }

    /// A card's tags: the first few, and how many more the page has.
    pub fn card_tags(&self, page: &Page) -> (Vec<TagView>, usize) {
        let shown: Vec<TagView> = page.tags.iter().take(CARD_TAGS).map(|t| self.tag(&t.key, 0)).collect();
        let more = page.tags.len() - shown.len();
        (shown, more)
    }

    /// A page's title in lists; answers and comments are named after what they answer.
    pub fn title(&self, page: &Page) -> String {
        let key = match page.kind {
            PageKind::Answer => "answer_to",
            PageKind::Comment => "comment_on",
            PageKind::Post
            | PageKind::Question
            | PageKind::Community
            | PageKind::Wiki
            | PageKind::Section
            | PageKind::Home => return page.title.clone(),
        };
        self.text(key).replace("{title}", &page.title)
    }

    pub fn kind_label(&self, kind: PageKind) -> String {
        let key = match kind {
            PageKind::Post => "kind_post",
            PageKind::Question => "kind_question",
            PageKind::Answer => "kind_answer",
            PageKind::Comment => "kind_comment",
            PageKind::Community => "kind_community",
            PageKind::Wiki | PageKind::Home => "kind_wiki",
            PageKind::Section => "kind_section",
        };
        self.text(key)
    }

    pub fn summary(&self, page: &Page) -> String {
        page.summary.clone().unwrap_or_else(|| self.bodies[page.id.0].summary.clone())
    }

    pub fn card(&self, id: PageId) -> PageCard {
        self.read(id, Facet::Card);
        let page = self.site.page(id);
        let body = &self.bodies[id.0];
        let (tags, more_tags) = self.card_tags(page);
        let (answer_count, comment_count) = if page.kind.responses_are_answers() {
            (page.responses.len(), 0)
        } else {
            (0, page.responses.len())
        };
        PageCard {
            kind: page.kind.name().to_owned(),
            kind_label: self.kind_label(page.kind),
            title: self.title(page),
            url: self.href(&self.site.link_target(id)),
            date: self.date(page.sort_date()),
            authors: page.authors.iter().map(|a| self.person(a)).collect(),
            communities: page.communities.iter().filter_map(|c| self.community_link(c)).collect(),
            tags,
            more_tags,
            summary: self.summary(page),
            snippet: false,
            reading_minutes: body.reading_minutes,
            answer_count,
            has_accepted: page.accepted.is_some(),
            comment_count,
            lang: page.lang.clone(),
            draft: page.draft,
            image: page_image::image_view(self.site, self.config, page),
        }
    }

    /// Cards of `ids` as every list shows them.
    pub fn cards(&self, ids: &[PageId]) -> Vec<Card> {
        ids.iter().map(|&id| self.shared(|views| &views.cards, id, || self.card(id))).collect()
    }

    /// The view of page `id` in `slot`, made once for all outputs. While a job is asked
    /// what it shows, it is built each time, so that what it reads is recorded.
    pub fn shared<T: Serialize>(
        &self,
        slot: impl FnOnce(&SharedViews) -> &[OnceLock<tera::Value>],
        id: PageId,
        build: impl FnOnce() -> T,
    ) -> Shared<T> {
        match (self.shared, self.log) {
            (Some(shared), None) => Shared::Value(
                slot(shared)[id.0].get_or_init(|| tera::Value::from_serializable(&build())).clone(),
            ),
            _ => Shared::Built(Box::new(build())),
        }
    }

    /// The slot of wiki tree leaves, for [`ViewBuilder::shared`].
    pub fn tree_leaves(views: &SharedViews) -> &[OnceLock<tera::Value>] {
        &views.tree_leaves
    }

    pub fn page_view(&self, id: PageId) -> PageView {
        self.read(id, Facet::Page);
        let page = self.site.page(id);
        let body = &self.bodies[id.0];
        let source_path = page.source.display_from_root(&self.config.content_prefix);
        // A page shows all its tags; only cards of it elsewhere are capped.
        let mut card = self.card(id);
        card.tags = page.tags.iter().map(|t| self.tag(&t.key, 0)).collect();
        card.more_tags = 0;
        let backlinks = &self.cross.backlinks[id.0];
        let responses: Vec<ResponseView> = page.responses.iter().map(|&r| self.response(page, r)).collect();
        let mut responders: Vec<Person> = Vec::new();
        for person in responses.iter().flat_map(|r| &r.authors) {
            if !responders.iter().any(|p| p.id == person.id) {
                responders.push(person.clone());
            }
        }
        PageView {
            card,
            content: body.html.clone(),
            title_id: body.title_id.clone(),
            toc: body.toc.clone(),
            updated: self.date(page.updated),
            updated_by: None,
            contributors: page.contributors.iter().map(|c| self.contributor(c)).collect(),
            word_count: body.word_count,
            breadcrumbs: self.breadcrumbs(id),
            backlinks: self.linked_pages(&backlinks[..backlinks.len().min(BACKLINKS_SHOWN)]),
            backlink_count: backlinks.len(),
            related: self.linked_pages(&self.cross.related[id.0]),
            responses,
            responders,
            edit_url: page
                .has_file
                .then(|| self.repo_link(self.config.edit_url.as_deref(), &source_path))
                .flatten(),
            history_url: page
                .has_file
                .then(|| self.repo_link(self.config.history_url.as_deref(), &source_path))
                .flatten(),
            source_path,
            extra: page.extra.clone(),
        }
    }

    fn linked_pages(&self, ids: &[PageId]) -> Vec<Shared<LinkedPage>> {
        ids.iter().map(|&id| self.shared(|views| &views.linked, id, || self.linked_page(id))).collect()
    }

    /// Page `id` as every page that names it in "linked from" or "related" shows it.
    fn linked_page(&self, id: PageId) -> LinkedPage {
        self.read(id, Facet::Link);
        let page = self.site.page(id);
        LinkedPage {
            title: self.title(page),
            url: self.href(&self.site.link_target(id)),
            kind: page.kind.name().to_owned(),
            kind_label: self.kind_label(page.kind),
            date: self.date(page.sort_date()),
        }
    }

    /// An edit or history link: `{path}` is the file's path from the repository's root (from
    /// the site's root when there is no git history), its segments percent-encoded
    /// (`Meeting%20Notes.md`).
    fn repo_link(&self, template: Option<&str>, path: &str) -> Option<String> {
        let path = format!("{}{path}", self.repository_path);
        let encoded: Vec<String> = path.split('/').map(encode_segment).collect();
        template.map(|t| t.replace("{path}", &encoded.join("/")))
    }

    fn response(&self, parent: &Page, id: PageId) -> ResponseView {
        self.read(id, Facet::Page);
        let response = self.site.page(id);
        let after = match (parent.date, response.date) {
            (Some(asked), Some(answered)) if parent.kind.responses_are_answers() => {
                Some(self.time_after(asked, answered))
            }
            _ => None,
        };
        ResponseView {
            anchor: response.anchor.clone().unwrap_or_default(),
            kind: response.kind.name().to_owned(),
            authors: response.authors.iter().map(|a| self.person(a)).collect(),
            date: self.date(response.date),
            after,
            content: self.bodies[id.0].html.clone(),
            accepted: parent.accepted == Some(id),
            edit_url: self.repo_link(
                self.config.edit_url.as_deref(),
                &response.source.display_from_root(&self.config.content_prefix),
            ),
        }
    }

    /// "3 days later": whole days between asking and answering.
    fn time_after(&self, asked: PageDate, answered: PageDate) -> String {
        let days = (answered.day - asked.day).get_days().max(0);
        match days {
            0 => self.text("after_same_day"),
            1 => self.text("after_one_day"),
            n => self.text("after_days").replace("{n}", &n.to_string()),
        }
    }

    /// Home, then the list or sections above the page.
    pub fn breadcrumbs(&self, id: PageId) -> Vec<LinkView> {
        let page = self.site.page(id);
        let home =
            LinkView { title: self.text(nav_label(NavEntry::Home)), url: self.href(urls::home().as_str()) };
        let mut crumbs = vec![home];
        if let Some((entry, url)) = urls::list_of_kind(page.kind) {
            crumbs.push(LinkView { title: self.text(nav_label(entry)), url: self.href(url.as_str()) });
        }
        for ancestor in self.site.ancestors(id) {
            self.read(ancestor, Facet::Link);
            let section = self.site.page(ancestor);
            crumbs.push(LinkView { title: section.title.clone(), url: self.href(section.url.as_str()) });
        }
        crumbs
    }
}

/// The UI string naming an entry of the navigation (and of breadcrumbs).
pub(super) fn nav_label(entry: NavEntry) -> &'static str {
    match entry {
        NavEntry::Home => "nav_home",
        NavEntry::Posts => "nav_posts",
        NavEntry::Questions => "nav_questions",
        NavEntry::Wiki => "nav_wiki",
        NavEntry::Communities => "nav_communities",
        NavEntry::Authors => "nav_authors",
        NavEntry::Tags => "nav_tags",
    }
}

/// Percent-encodes what may not stand in a URL path segment as it is.
fn encode_segment(segment: &str) -> String {
    let mut encoded = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// `An Peeters` gives `AP`; one name gives one letter.
fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|part| part.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn path_segments_are_percent_encoded() {
        assert_eq!(super::encode_segment("Meeting Notes.md"), "Meeting%20Notes.md");
        assert_eq!(super::encode_segment("hiërarchie#1?.md"), "hi%C3%ABrarchie%231%3F.md");
    }

    #[test]
    fn initials_take_the_first_two_names() {
        assert_eq!(initials("An Peeters"), "AP");
        assert_eq!(initials("chloé de-smet"), "CD");
        assert_eq!(initials("Zeger"), "Z");
        assert_eq!(initials(""), "");
    }
}
