//! View structs: what templates see. Serialisable copies of the model, so themes don't break when the model changes.
//!
//! Every template gets `site` ([`SiteView`]), `t` (UI strings in the site's language),
//! `page_title`, `current_url` and `canonical_url`; each page kind adds one value,
//! named in [`crate::render`]'s module docs and in `docs/themes.md`.

use serde::Serialize;

use crate::markdown::TocEntry;

/// The site as a whole: in every template as `site`.
#[derive(Clone, Debug, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    /// `en` or `nl`.
    pub language: String,
    /// Absolute, ending in `/`.
    pub base_url: String,
    /// The path every link starts with (`/`, or `/kennis/` under a sub-path).
    pub root: String,
    pub feed_url: String,
    pub nav: Vec<LinkView>,
    /// Stylesheets and script shipped by the theme, as hrefs.
    pub stylesheet_url: String,
    pub code_stylesheet_url: String,
    pub script_url: String,
    /// The search page, once the site has one; templates hide the search form without it.
    pub search_url: Option<String>,
    /// The insights page, `/insights/`.
    pub insights_url: String,
    pub generator: String,
    /// Shown in draft previews (`kennis build --drafts`, `kennis serve`).
    pub drafts_shown: bool,
}

/// A titled link (`href` already carries the base path).
#[derive(Clone, Debug, Serialize)]
pub struct LinkView {
    pub title: String,
    pub url: String,
}

/// A date for `<time datetime="{{ iso }}">{{ human }}</time>`.
#[derive(Clone, Debug, Serialize)]
pub struct DateView {
    pub iso: String,
    pub human: String,
}

/// A person, registered or not. `url` is absent for people without an author page.
#[derive(Clone, Debug, Serialize)]
pub struct PersonView {
    pub id: String,
    pub name: String,
    pub url: Option<String>,
    pub role: Option<String>,
    pub department: Option<String>,
    pub avatar: Option<String>,
    /// Up to two letters, for an avatar placeholder.
    pub initials: String,
}

/// A person as the templates see them. A registered author's view is converted for the
/// templates once per render of the site, shared by every card, byline and page that
/// names them (as cards are); anyone else's is converted where it is shown.
#[derive(Clone, Debug)]
pub struct Person {
    view: std::sync::Arc<PersonView>,
    /// `view` in the templates' values, when it is shared.
    value: Option<tera::Value>,
}

impl Person {
    pub fn new(view: PersonView) -> Person {
        Person { view: std::sync::Arc::new(view), value: None }
    }

    /// A person converted for the templates now, to be shared.
    pub fn converted(view: PersonView) -> Person {
        let value = tera::Value::from_serializable(&view);
        Person { view: std::sync::Arc::new(view), value: Some(value) }
    }
}

impl std::ops::Deref for Person {
    type Target = PersonView;

    fn deref(&self) -> &PersonView {
        &self.view
    }
}

impl Serialize for Person {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.value {
            Some(value) => value.serialize(serializer),
            None => self.view.serialize(serializer),
        }
    }
}

/// A tag link; `count` is filled on the tag index.
#[derive(Clone, Debug, Serialize)]
pub struct TagView {
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// One page in a list: enough to show a card or a row.
#[derive(Clone, Debug, Serialize)]
pub struct PageCard {
    /// `post`, `question`, `answer`, `comment`, `community`, `wiki`, `section`.
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub url: String,
    pub date: Option<DateView>,
    pub authors: Vec<Person>,
    pub communities: Vec<LinkView>,
    /// On cards, the first few tags (`more_tags` says how many more the page has); on a
    /// page of its own, all of them.
    pub tags: Vec<TagView>,
    pub more_tags: usize,
    pub summary: String,
    /// The summary is shown even on a compact card: an answer on its author's page, where
    /// what it says is the point (as on a Stack Overflow or GitHub profile).
    pub snippet: bool,
    pub reading_minutes: u32,
    /// Questions: how many answers, whether one is accepted.
    pub answer_count: usize,
    pub has_accepted: bool,
    /// Posts: how many comments.
    pub comment_count: usize,
    pub lang: Option<String>,
    pub draft: bool,
    /// The picture front matter names (`image:`, `images:`, `thumbnail:`), resolved.
    pub image: Option<ImageView>,
}

/// A view built for one output, or one every output shares, already in the templates'
/// values: a page's card (listed on its lists, its tags', its authors' and communities'
/// pages, the home page) or a leaf of the wiki tree (on every page near it) is converted
/// for the templates once, not once for each page that shows it.
#[derive(Clone, Debug)]
pub enum Shared<T> {
    Built(Box<T>),
    Value(tera::Value),
}

/// A card in a list: built for that list (an author's page leaves its owner out of the
/// bylines), or the page's one card every list shares.
pub type Card = Shared<PageCard>;

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Shared::Built(view) => view.serialize(serializer),
            Shared::Value(value) => value.serialize(serializer),
        }
    }
}

/// A page's picture: shown above its body and on its cards, and as `og:image`.
#[derive(Clone, Debug, Serialize)]
pub struct ImageView {
    /// As `src` (with the base path, or the `https://` URL as written).
    pub url: String,
    /// Absolute when `base_url` is, for `og:image`; else the same as `url`.
    pub absolute_url: String,
    /// The `alt:` front matter gave; empty when none did (the page's title is beside it).
    pub alt: String,
}

/// A whole page: in `page.html`, `question.html`, `community.html`, `section.html` as `page`.
#[derive(Clone, Debug, Serialize)]
pub struct PageView {
    #[serde(flatten)]
    pub card: PageCard,
    /// The body as HTML (writers' own HTML included): print with `| safe`.
    pub content: String,
    /// The id of the body's opening `# Title`, left out because it repeated the title:
    /// the header's `<h1>` carries it, so links to it still land on the page's top.
    pub title_id: Option<String>,
    pub toc: Vec<TocEntry>,
    pub updated: Option<DateView>,
    /// Wiki pages in a section: who changed the page last, shown with `updated` near the
    /// top: the author of the commit git dates the update by; when front matter dates it,
    /// the page's one git contributor, or without git its one author. Absent when that is
    /// not certain and on other pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<Person>,
    /// Everyone whose commits changed the page (from git), registered people linked.
    pub contributors: Vec<Person>,
    pub word_count: usize,
    pub breadcrumbs: Vec<LinkView>,
    /// Pages whose text links here ("linked from"), newest first; the newest few when many do.
    pub backlinks: Vec<Shared<LinkedPage>>,
    /// How many pages link here in all.
    pub backlink_count: usize,
    /// Up to five related pages, by shared tags, community and links, favouring recent ones.
    pub related: Vec<Shared<LinkedPage>>,
    /// Answers (accepted first) or comments (oldest first).
    pub responses: Vec<ResponseView>,
    /// Everyone who wrote one of the responses, each once, in the order of `responses`
    /// (who answered a question, beside it).
    pub responders: Vec<Person>,
    pub edit_url: Option<String>,
    pub history_url: Option<String>,
    /// The file, relative to the site root (`content/posts/a.md`).
    pub source_path: String,
    /// Unknown front-matter fields, as written.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A page named in "linked from" or "related": title, link, kind and date.
#[derive(Clone, Debug, Serialize)]
pub struct LinkedPage {
    pub title: String,
    pub url: String,
    /// `post`, `question`, `wiki`…: the question page shows related questions beside it.
    pub kind: String,
    pub kind_label: String,
    pub date: Option<DateView>,
}

/// An answer or a comment, shown on its parent's page.
#[derive(Clone, Debug, Serialize)]
pub struct ResponseView {
    /// The element id: `answer-<stem>` or `comment-<stem>`.
    pub anchor: String,
    pub kind: String,
    pub authors: Vec<Person>,
    pub date: Option<DateView>,
    /// Time since the question was asked, in words (`3 days later`); answers only.
    pub after: Option<String>,
    pub content: String,
    pub accepted: bool,
    pub edit_url: Option<String>,
}

/// Pagination of a list: `pages` holds the page numbers worth a link (the first, the last,
/// and two on either side of the current one), so its size does not grow with the list.
#[derive(Clone, Debug, Serialize)]
pub struct PaginationView {
    pub current: usize,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageNumberView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PageNumberView {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Page numbers are left out between the previous one and this one.
    pub gap_before: bool,
}

/// A capped list of cards on an author or community page: the newest few, how many there
/// are in all, and the paginated list of all of them when some are not shown.
#[derive(Clone, Debug, Serialize)]
pub struct CardGroup {
    pub items: Vec<Card>,
    pub total: usize,
    pub all_url: Option<String>,
}

/// A filter tab above a list (all / unanswered / answered).
#[derive(Clone, Debug, Serialize)]
pub struct FilterView {
    pub label: String,
    pub url: String,
    pub count: usize,
    pub active: bool,
}

/// A list page (`/posts/`, `/questions/`, `/tags/<tag>/`): in `list.html` as `list`.
#[derive(Clone, Debug, Serialize)]
pub struct ListView {
    pub title: String,
    /// HTML from the folder's `_index.md`, when there is one.
    pub intro: Option<String>,
    pub items: Vec<Card>,
    pub total: usize,
    pub pagination: Option<PaginationView>,
    pub filters: Vec<FilterView>,
    pub feed_url: Option<String>,
    /// Chips that narrow a posts or questions list by community or tag.
    pub chips: Option<ChipsView>,
}

/// One chip: a link to a narrower (or the whole) list. `current` is `page` on the list
/// the chip leads to, `true` on another page of it or on a filter of it, else absent.
#[derive(Clone, Debug, Serialize)]
pub struct ChipView {
    pub label: String,
    pub url: String,
    pub count: usize,
    pub current: Option<&'static str>,
}

/// The chips above a posts or questions list: "All", then the communities and the tags
/// with the most of its pages, and links to every community and tag when some are left out.
#[derive(Clone, Debug, Serialize)]
pub struct ChipsView {
    pub all: ChipView,
    pub communities: Vec<ChipView>,
    pub communities_url: Option<String>,
    pub tags: Vec<TagView>,
    pub tags_url: Option<String>,
}

/// A community on the community index and the home page.
#[derive(Clone, Debug, Serialize)]
pub struct CommunityCard {
    pub id: String,
    pub title: String,
    pub url: String,
    pub goal: Option<String>,
    pub summary: String,
    pub lead: Option<Person>,
    pub member_count: usize,
    pub page_count: usize,
    pub tags: Vec<TagView>,
}

/// A community page's own part: in `community.html` as `community`.
#[derive(Clone, Debug, Serialize)]
pub struct CommunityView {
    pub id: String,
    pub goal: Option<String>,
    pub lead: Option<Person>,
    pub team: Vec<Person>,
    /// Everyone who wrote anything in it; the first few by name when there are many.
    pub members: Vec<Person>,
    pub member_count: usize,
    /// The paginated list of all members, when `members` does not hold them all.
    pub members_url: Option<String>,
    pub posts: CardGroup,
    pub questions: CardGroup,
    pub wiki: CardGroup,
    pub feed_url: String,
    /// The community's insights page.
    pub insights_url: String,
}

/// An author page: in `author.html` as `author`.
#[derive(Clone, Debug, Serialize)]
pub struct AuthorView {
    pub person: Person,
    pub bio: Option<String>,
    pub emails: Vec<String>,
    pub posts: CardGroup,
    pub questions: CardGroup,
    pub answers: CardGroup,
    pub comments: CardGroup,
    pub wiki: CardGroup,
    pub communities: Vec<LinkView>,
    pub first_contribution: Option<DateView>,
    pub last_contribution: Option<DateView>,
    pub feed_url: String,
    /// Contributions by month and people helped, for someone who contributed.
    pub insights: Option<PersonInsightsView>,
}

/// One person's part in the insights, on their page.
#[derive(Clone, Debug, Serialize)]
pub struct PersonInsightsView {
    /// A small bar chart of contributions by month, as SVG.
    pub activity_svg: String,
    /// Distinct people this person answered or commented on.
    pub helped: u32,
}

/// A person on the authors index.
#[derive(Clone, Debug, Serialize)]
pub struct AuthorCard {
    pub person: Person,
    pub contribution_count: usize,
}

/// One node of the wiki tree.
#[derive(Clone, Debug, Serialize)]
pub struct TreeNode {
    pub title: String,
    pub url: String,
    pub is_section: bool,
    pub current: bool,
    /// A section shown without its children (off the way down in a big wiki): `more`
    /// counts them.
    pub collapsed: bool,
    pub children: Vec<Shared<TreeNode>>,
    /// Children left out of `children` (the section's own page lists them all).
    pub more: usize,
}

/// A wiki section's own part: in `section.html` as `section`.
#[derive(Clone, Debug, Serialize)]
pub struct SectionView {
    /// This page of the section's children: sub-sections first, then pages, `paginate` at a time.
    pub subsections: Vec<Card>,
    pub pages: Vec<Card>,
    pub subsection_count: usize,
    pub page_count: usize,
    pub pagination: Option<PaginationView>,
    /// The tree of the top section this one is in: the way down to this section, and
    /// around it as much as fits in a bounded number of entries.
    pub tree: Vec<Shared<TreeNode>>,
    /// Entries of the top section left out of `tree`.
    pub tree_more: usize,
    pub tree_root_url: String,
    /// The other top sections (`/wiki/` next to an adopted `/handbook/`).
    pub roots: Vec<LinkView>,
}

/// The home page: in `home.html` as `home`.
#[derive(Clone, Debug, Serialize)]
pub struct HomeView {
    pub intro_title: Option<String>,
    /// The id of the intro's opening `# Title`, left out because it repeated the title.
    pub intro_title_id: Option<String>,
    /// The whole intro (`content/index.md`'s body).
    pub intro: Option<String>,
    /// The intro's opening paragraph, shown at the top, when the intro opens with one;
    /// `intro_rest` is what follows it, shown after the lists.
    pub intro_lede: Option<String>,
    pub intro_rest: Option<String>,
    pub latest_posts: Vec<Card>,
    pub open_questions: Vec<Card>,
    pub recent_answers: Vec<Card>,
    pub communities: Vec<CommunityCard>,
    pub wiki_roots: Vec<LinkView>,
    pub counts: SiteCounts,
}

#[derive(Clone, Debug, Serialize)]
pub struct SiteCounts {
    pub posts: usize,
    pub questions: usize,
    /// Questions without an answer, as `/questions/unanswered/` lists them.
    pub unanswered: usize,
    pub answers: usize,
    pub wiki: usize,
    pub people: usize,
    pub communities: usize,
}

/// An Atom feed: in `atom.xml` as `feed`. All URLs absolute.
#[derive(Clone, Debug, Serialize)]
pub struct FeedView {
    pub title: String,
    pub feed_url: String,
    pub site_url: String,
    pub updated: String,
    pub entries: Vec<FeedEntry>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FeedEntry {
    pub title: String,
    pub url: String,
    pub published: String,
    pub updated: String,
    pub authors: Vec<String>,
    pub summary: String,
    pub content: String,
}

/// `sitemap.xml`: in `sitemap.xml` as `entries`.
#[derive(Clone, Debug, Serialize)]
pub struct SitemapEntry {
    pub url: String,
    pub lastmod: Option<String>,
}

/// A wiki page's place in its section: in `page.html` as `wiki`, for wiki pages that have
/// a parent section.
#[derive(Clone, Debug, Serialize)]
pub struct WikiNav {
    /// The tree of the top section the page is in: the way down to the page, and its
    /// neighbours in its section, in a bounded number of entries.
    pub tree: Vec<Shared<TreeNode>>,
    /// Entries of the top section left out of `tree`.
    pub tree_more: usize,
    pub tree_root_url: String,
    /// The page's section, which lists all of its pages.
    pub section: LinkView,
    /// The siblings before and after the page, in the section's order.
    pub previous: Option<LinkView>,
    pub next: Option<LinkView>,
}
