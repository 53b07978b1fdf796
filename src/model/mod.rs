//! Stage 2, the site model: pages, people, communities and their relations, derived from the sources without I/O.

mod assemble;
mod folders;
mod kind;
mod pages;
mod permalinks;
mod references;
mod relations;
mod reserved;
mod sections;
pub mod slug;
mod tags;
pub mod urls;

use std::collections::{BTreeMap, HashMap};

pub use assemble::{AssembleOptions, assemble_site};
pub use kind::{GroupOwner, PageGroup, PageKind};
pub use pages::{PageKeys, Pages, PagesIter};
pub use permalinks::Pattern;
pub use sections::described_folder;

use crate::dates::PageDate;
use crate::paths::{ContentPath, UrlPath};

/// A page's handle: given to its `ContentPath` by `PageKeys` and kept while the site is
/// kept, whatever other files come and go (see `pages.rs`). Says nothing about order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PageId(pub usize);

/// An author's id: the stem of `authors/<id>.yaml`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct AuthorId(pub String);

/// A community's id: the folder name under `content/communities/`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct CommunityId(pub String);

/// A tag on a page: as written, its key (what makes two spellings one tag, see
/// `slug::tag_key`), and where it was written. A name `tag_aliases:` in site.yaml lists as
/// an alias keeps its name and gets the key of the tag it merges into, so that
/// `tag_key(name) != key` only for an alias.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub key: String,
    pub line: u32,
    pub column: u32,
}

/// One tag of the site and its page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagPage {
    /// The spelling most pages use.
    pub name: String,
    /// The folder under `tags/` its page is written to (`c#`); unique among tags.
    pub folder: String,
    /// Pages with this tag, newest first.
    pub pages: Vec<PageId>,
    /// The folders under `tags/` of its aliases (`tag_aliases:` in site.yaml), each a page
    /// that sends readers here; none that another tag's page holds.
    pub alias_folders: Vec<String>,
}

impl TagPage {
    /// The page's URL, percent-encoded (`/tags/c%23/`); a server decodes it to `folder`.
    pub fn url(&self) -> UrlPath {
        urls::tag(&self.folder)
    }
}

/// Someone git says changed a page: a person from `authors/`, or someone in no registry,
/// shown by the name git gives.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Contributor {
    Author(AuthorId),
    Unregistered { name: String, email: String },
}

/// What a community page adds to a page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CommunityInfo {
    pub goal: Option<String>,
    pub lead: Option<AuthorId>,
    pub team: Vec<AuthorId>,
}

/// One page of the site: a file under `content/`, or a folder's generated section page.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub id: PageId,
    pub kind: PageKind,
    /// The file it came from; for a folder without `_index.md`, that folder's would-be `_index.md`.
    pub source: ContentPath,
    /// Whether `source` exists (generated section pages have none).
    pub has_file: bool,
    /// Where it is on the site; answers and comments share their parent's URL.
    pub url: UrlPath,
    /// `answer-<stem>` or `comment-<stem>` for answers and comments.
    pub anchor: Option<String>,
    pub title: String,
    pub date: Option<PageDate>,
    pub updated: Option<PageDate>,
    pub authors: Vec<AuthorId>,
    /// Everyone whose commits changed the file, in order of their first change.
    pub contributors: Vec<Contributor>,
    /// Who made the change `updated` dates, when git dates it (one of `contributors`).
    pub updated_by: Option<Contributor>,
    pub communities: Vec<CommunityId>,
    pub tags: Vec<Tag>,
    /// `summary:` from front matter; the Markdown stage derives one otherwise.
    pub summary: Option<String>,
    pub draft: bool,
    pub lang: Option<String>,
    pub weight: Option<i64>,
    pub aliases: Vec<UrlPath>,
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The picture front matter names (`image:`, `images:`, `thumbnail:`), as written: the
    /// render stage resolves it like a Markdown image and checks it.
    pub image: Option<crate::content::FrontImage>,
    /// Where the Markdown body starts in the file (the body itself stays with the source
    /// document until it is rendered).
    pub body_line: u32,
    pub body_offset: usize,
    /// The question of an answer, the page of a comment, the section of a wiki page or section.
    pub parent: Option<PageId>,
    /// Answers or comments, accepted answer first, then oldest first.
    pub responses: Vec<PageId>,
    pub accepted: Option<PageId>,
    /// Sub-sections and pages of a section, by weight then title.
    pub children: Vec<PageId>,
    pub community: Option<CommunityInfo>,
    /// Front matter names no author: `authors` are the file's git contributors (insights
    /// then credit the page's creation to the commit that added it, not to them all).
    pub authors_from_git: bool,
}

impl Page {
    /// Whether the page is written as a page of its own that readers land on (and search
    /// indexes): not an answer or comment (on their parent's page), not the home page (the
    /// home view), not the introduction of a list kennis writes (`posts/_index.md`).
    pub fn is_standalone(&self) -> bool {
        match self.kind {
            PageKind::Answer | PageKind::Comment | PageKind::Home => false,
            PageKind::Section => !urls::is_introduced_list(&self.url),
            PageKind::Post | PageKind::Question | PageKind::Community | PageKind::Wiki => true,
        }
    }

    /// The date lists sort by: the page's date, else its last update.
    pub fn sort_date(&self) -> Option<PageDate> {
        self.date.or(self.updated)
    }
}

/// A person from `authors/`.
#[derive(Clone, Debug, PartialEq)]
pub struct Author {
    pub id: AuthorId,
    pub name: String,
    pub emails: Vec<String>,
    pub role: Option<String>,
    pub department: Option<String>,
    pub avatar: Option<String>,
    pub bio: Option<String>,
}

/// A file copied into the output beside the pages (a bundle's image).
#[derive(Clone, Debug)]
pub struct Asset {
    pub source: ContentPath,
    pub absolute: std::path::PathBuf,
    pub url: UrlPath,
}

/// The whole site, relations resolved: what every later stage reads.
#[derive(Debug, Default)]
pub struct Site {
    /// By `PageId`; iterating yields the site's order (see `pages.rs`).
    pub pages: Pages,
    /// Sorted by id.
    pub authors: Vec<Author>,
    pub assets: Vec<Asset>,
    pub home: Option<PageId>,
    /// Top sections (`wiki`, adopted folders such as `handbook`), by title.
    pub wiki_roots: Vec<PageId>,
    /// By key (`slug::tag_key`).
    pub tags: BTreeMap<String, TagPage>,
    /// Community id to its page.
    pub communities: BTreeMap<CommunityId, PageId>,
    /// Everything in a community (its pages, and the answers and comments on them), newest first.
    pub community_pages: HashMap<CommunityId, Vec<PageId>>,
    /// Everyone who wrote anything in a community, lead and team included, by name.
    pub community_members: HashMap<CommunityId, Vec<AuthorId>>,
    /// Everything a person wrote, newest first.
    pub author_pages: HashMap<AuthorId, Vec<PageId>>,
    pub by_source: HashMap<ContentPath, PageId>,
    /// Every page's URL and alias to the page, so that a link written as a URL
    /// (`/2015/09/04/x/`, an old one kept as an alias) resolves to its page.
    pub by_url: HashMap<UrlPath, PageId>,
    pub assets_by_source: HashMap<ContentPath, usize>,
    /// Every file of the content folder (bundle files and others) by its URL, for links
    /// written as URLs (`../map.png` from a Hugo page at `/events/2024/social/`).
    pub assets_by_url: HashMap<UrlPath, usize>,
    /// Lowercased slug (last URL segment, or file stem) and title, for `[[wiki links]]`.
    pub by_slug: HashMap<String, Vec<PageId>>,
    pub by_title: HashMap<String, Vec<PageId>>,
    /// Files under `static/`, copied as they are.
    pub static_files: Vec<crate::content::FoundFile>,
    /// The URL of every file of `static_files`, for a path read from the site's root.
    pub static_urls: std::collections::HashSet<UrlPath>,
    /// Pages by their file's name without its extension (a bundle's `index.md` also by its
    /// folder's name), in the site's order: `{% post_url name %}` and Hugo's `ref "name.md"`.
    pub pages_by_file_stem: HashMap<String, Vec<PageId>>,
    /// Drafts left out of this build, so a link to one can say so.
    pub drafts: std::collections::HashSet<ContentPath>,
    /// Each author's index in `authors`, by id.
    pub author_positions: HashMap<AuthorId, usize>,
    /// Each page's place (by `PageId`) in the order of the whole site, newest first: lists
    /// sort by this number rather than by comparing dates and titles of pages spread over
    /// memory, which at 100,000 pages costs a cache miss per comparison.
    pub newest_first_rank: Vec<u32>,
    /// People named in front matter who are not in `authors/` (with `unknown_authors:
    /// name`): each id is the name as written. They have no page; everywhere else they
    /// count as people. Sorted by name, case aside.
    pub named_authors: Vec<AuthorId>,
    /// Lowercased e-mail addresses from `authors/` to their person: how git's people
    /// become the site's ([`Site::contributor`]).
    pub emails: HashMap<String, AuthorId>,
}

impl Site {
    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id]
    }

    pub fn author(&self, id: &AuthorId) -> Option<&Author> {
        self.author_positions.get(id).map(|&i| &self.authors[i])
    }

    /// How many people the site has: those in `authors/` and those only named in front matter.
    pub fn people_count(&self) -> usize {
        self.authors.len() + self.named_authors.len()
    }

    /// One person as git names them: the registered person with that address, else a
    /// person named in front matter by that name (`unknown_authors: name`), else their
    /// name. Assembly maps page contributors with it, insights every commit's author.
    pub fn contributor(&self, person: &crate::git::Contributor) -> Contributor {
        if let Some(id) = self.emails.get(&person.email) {
            return Contributor::Author(id.clone());
        }
        if self.named_authors.iter().any(|named| named.0 == person.name) {
            return Contributor::Author(AuthorId(person.name.clone()));
        }
        Contributor::Unregistered { name: person.name.clone(), email: person.email.clone() }
    }

    pub fn community_page(&self, id: &CommunityId) -> Option<&Page> {
        self.communities.get(id).map(|&page| self.page(page))
    }

    /// Pages of one kind that have their own URL, newest first.
    pub fn pages_of_kind(&self, kind: PageKind) -> Vec<PageId> {
        let mut ids: Vec<PageId> = self.pages.iter().filter(|p| p.kind == kind).map(|p| p.id).collect();
        self.sort_newest_first(&mut ids);
        ids
    }

    /// Newest first; pages of the same date by title, then in the site's order of pages.
    pub fn sort_newest_first(&self, ids: &mut [PageId]) {
        if self.newest_first_rank.len() == self.pages.id_bound() {
            ids.sort_unstable_by_key(|id| self.newest_first_rank[id.0]);
        } else {
            ids.sort_by(|a, b| {
                self.compare_newest_first(*a, *b)
                    .then_with(|| self.pages.ordinal(*a).cmp(&self.pages.ordinal(*b)))
            });
        }
    }

    fn compare_newest_first(&self, a: PageId, b: PageId) -> std::cmp::Ordering {
        let (a, b) = (self.page(a), self.page(b));
        b.sort_date().cmp(&a.sort_date()).then_with(|| a.title.cmp(&b.title))
    }

    /// Fills `newest_first_rank`; called once every page is in place.
    pub(crate) fn rank_newest_first(&mut self) {
        let mut order: Vec<PageId> = self.pages.ids().to_vec();
        order.sort_by(|a, b| {
            self.compare_newest_first(*a, *b)
                .then_with(|| self.pages.ordinal(*a).cmp(&self.pages.ordinal(*b)))
        });
        let mut rank = vec![u32::MAX; self.pages.id_bound()];
        for (place, id) in order.into_iter().enumerate() {
            rank[id.0] = place as u32;
        }
        self.newest_first_rank = rank;
    }

    /// Where a page is linked to: its URL, with `#answer-x` for answers and comments.
    pub fn link_target(&self, id: PageId) -> String {
        let page = self.page(id);
        urls::link_target(&page.url, page.anchor.as_deref())
    }

    /// The page a link written as a site path (`/2015/09/04/x/`, without the base path and
    /// `#fragment`) leads to: its URL or one of its aliases, written as a folder or a file
    /// (`/x`, `/x/index.html`, and `/x.html` for a page now at `/x/`).
    pub fn page_at(&self, path: &str) -> Option<PageId> {
        let url = urls::permalink(path)?;
        if let Some(&page) = self.by_url.get(&url) {
            return Some(page);
        }
        if !url.as_str().ends_with(".html") {
            return None;
        }
        self.by_url.get(&urls::folder_of(&url)).copied()
    }

    /// The bundle file a link written as a site path names (`/2024/05/07/x/info.svg`): a
    /// file beside the `index.md` of the page at that folder's URL.
    pub fn bundle_file_at(&self, path: &str) -> Option<usize> {
        let (folder, name) = path.rsplit_once('/')?;
        let page = self.page(self.page_at(&format!("{folder}/"))?);
        if page.source.file_name() != "index.md" {
            return None;
        }
        let name = slug::percent_decode(name).unwrap_or_else(|| name.to_owned());
        let parent = page.source.parent();
        let file =
            ContentPath::from_components(parent.split('/').filter(|s| !s.is_empty()).chain([name.as_str()]));
        self.assets_by_source.get(&file).copied()
    }

    /// The chain of sections above a page, outermost first.
    pub fn ancestors(&self, id: PageId) -> Vec<PageId> {
        let mut chain = Vec::new();
        let mut current = self.page(id).parent;
        while let Some(parent) = current {
            chain.push(parent);
            current = self.page(parent).parent;
        }
        chain.reverse();
        chain
    }
}

/// The known id closest to a mistyped one, when it is plausibly what was meant.
pub fn closest<'a>(wanted: &str, known: &[&'a str]) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).clamp(1, 4);
    crate::text::closest_name(wanted, known, limit)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn closest_finds_plausible_typos_only() {
        assert_eq!(closest("an-peters", &["an-peeters", "bram-maes"]), Some("an-peeters"));
        assert_eq!(closest("zeger", &["an-peeters", "bram-maes"]), None);
    }
}
