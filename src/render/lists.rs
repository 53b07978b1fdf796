//! Paginated lists: posts, questions with their answered / unanswered filters, tag pages,
//! the indexes of tags, people and communities, and the full lists behind capped groups.
//!
//! Every list that grows with the site is cut into pages here, so that no output file
//! holds more than a page's worth of it: the cost of a build stays linear in its size.

use std::collections::HashMap;

use crate::config::Config;
use crate::model::urls;
use crate::model::{
    AuthorId, CommunityId, GroupOwner, Page, PageGroup, PageId, PageKind, Site, described_folder,
};
use crate::paths::UrlPath;
use crate::render::jobs::own_pages;
use crate::render::views::{PageNumberView, PaginationView};

/// Tags on one page of `/tags/`: links are short, so more than `paginate` cards fit.
pub(super) const TAGS_PER_PAGE: usize = 200;
/// People on one page of `/authors/` or of a community's members.
pub(super) const PEOPLE_PER_PAGE: usize = 60;
/// Members shown on a community's own page before a link to all of them.
pub(super) const MEMBERS_SHOWN: usize = 24;
/// Community chips above a posts or questions list; the rest are on `/communities/`.
pub(super) const CHIP_COMMUNITIES: usize = 8;
/// Tag chips above a posts or questions list; the rest are on `/tags/`.
pub(super) const CHIP_TAGS: usize = 8;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum QuestionFilter {
    All,
    Unanswered,
    Answered,
}

/// What a list holds.
pub(super) enum ListItems {
    Pages(Vec<PageId>),
    /// Tag keys, as in `Site::tags`.
    Tags(Vec<String>),
    People(Vec<AuthorId>),
    Communities(Vec<CommunityId>),
}

impl ListItems {
    pub(super) fn len(&self) -> usize {
        match self {
            ListItems::Pages(ids) => ids.len(),
            ListItems::Tags(keys) => keys.len(),
            ListItems::People(ids) => ids.len(),
            ListItems::Communities(ids) => ids.len(),
        }
    }
}

/// One paginated list: page 1 at `base`, page n at `base/page/n/`.
pub(super) struct PagedList {
    pub(super) base: UrlPath,
    pub(super) title: String,
    pub(super) items: ListItems,
    /// The section whose `_index.md` introduces the list (`content/posts/_index.md`).
    pub(super) intro: Option<PageId>,
    /// Questions lists show the three filters.
    pub(super) filter: Option<QuestionFilter>,
    /// Posts and questions lists show chips that narrow them by community and tag.
    pub(super) chips: Option<ChipsFor>,
    pub(super) per_page: usize,
}

/// The chips a list shows: those of the posts or of the questions, and which community's
/// list it is (none for the site-wide list).
#[derive(Clone)]
pub(super) struct ChipsFor {
    pub(super) group: PageGroup,
    pub(super) community: Option<CommunityId>,
}

/// The chips of the posts or of the questions, counted once for all their list pages: the
/// communities and tags with most of them, most first (ties in the order of their ids),
/// and whether some were left out.
#[derive(Default)]
pub(super) struct ChipSet {
    /// Every community with pages in the group, most first; chips show the first
    /// `CHIP_COMMUNITIES`, and the current one.
    pub(super) communities: Vec<(CommunityId, usize)>,
    pub(super) more_communities: bool,
    pub(super) tags: Vec<(String, usize)>,
    pub(super) more_tags: bool,
}

impl ChipSet {
    fn new(site: &Site, group: PageGroup) -> ChipSet {
        let mut communities: Vec<(CommunityId, usize)> = site
            .communities
            .keys()
            .map(|c| {
                let ids = site.community_pages.get(c).map(Vec::as_slice).unwrap_or_default();
                (c.clone(), pages_in_group(site, ids, group, GroupOwner::Community).len())
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        // A stable sort: ties keep the order of the ids.
        communities.sort_by_key(|c| std::cmp::Reverse(c.1));
        // Every community is kept (there are few): a community's own list shows its chip
        // even when it is not among the most used.
        let more_communities = communities.len() > CHIP_COMMUNITIES;
        let in_group = |p: &PageId| site.page(*p).kind.group(GroupOwner::Community) == Some(group);
        // The tags most used in the group, each with the count of its tag page (every
        // kind), where its chip leads.
        let mut tags: Vec<(String, usize, usize)> = site
            .tags
            .iter()
            .map(|(key, tag)| {
                (key.clone(), tag.pages.iter().filter(|p| in_group(p)).count(), tag.pages.len())
            })
            .filter(|(_, n, _)| *n > 0)
            .collect();
        tags.sort_by_key(|t| std::cmp::Reverse(t.1));
        let more_tags = tags.len() > CHIP_TAGS;
        let tags = tags.into_iter().take(CHIP_TAGS).map(|(key, _, all)| (key, all)).collect();
        ChipSet { communities, more_communities, tags, more_tags }
    }
}

impl PagedList {
    /// The pages of a list of pages; empty for other lists.
    pub(super) fn pages(&self) -> &[PageId] {
        match &self.items {
            ListItems::Pages(ids) => ids,
            _ => &[],
        }
    }

    pub(super) fn page_count(&self) -> usize {
        self.items.len().div_ceil(self.per_page).max(1)
    }

    pub(super) fn page_url(&self, number: usize) -> UrlPath {
        urls::numbered(&self.base, number)
    }

    /// The items on page `number` (1-based).
    pub(super) fn range(&self, number: usize) -> std::ops::Range<usize> {
        let start = ((number - 1) * self.per_page).min(self.items.len());
        start..(start + self.per_page).min(self.items.len())
    }
}

/// The groups an author's page shows.
pub(super) const AUTHOR_GROUPS: [PageGroup; 5] =
    [PageGroup::Posts, PageGroup::Questions, PageGroup::Answers, PageGroup::Comments, PageGroup::Wiki];
/// The groups a community's page shows.
pub(super) const COMMUNITY_GROUPS: [PageGroup; 3] = [PageGroup::Posts, PageGroup::Questions, PageGroup::Wiki];

/// The UI string naming a group.
pub(super) fn group_label(group: PageGroup) -> &'static str {
    match group {
        PageGroup::Posts => "title_posts",
        PageGroup::Questions => "questions_asked",
        PageGroup::Answers => "answers_given",
        PageGroup::Comments => "comments_written",
        PageGroup::Wiki => "title_wiki",
    }
}

/// The pages of `ids` in `group`, keeping their order (see `PageKind::group`).
pub(super) fn pages_in_group(
    site: &Site,
    ids: &[PageId],
    group: PageGroup,
    owner: GroupOwner,
) -> Vec<PageId> {
    ids.iter().copied().filter(|&p| site.page(p).kind.group(owner) == Some(group)).collect()
}

/// Whether a group of `total` pages gets a full list of its own: only when the owner's
/// page cannot show them all.
pub(super) fn has_full_list(total: usize, config: &Config) -> bool {
    total > config.paginate
}

/// Page links for page `current` of `total`: the first, the last and two on either side
/// of the current one, so a list of 5,000 pages does not put 5,000 links on each.
pub(super) fn pagination(
    current: usize,
    total: usize,
    url: impl Fn(usize) -> String,
) -> Option<PaginationView> {
    if total <= 1 {
        return None;
    }
    let mut numbers: Vec<usize> = vec![1, total];
    numbers.extend(current.saturating_sub(2).max(1)..=(current + 2).min(total));
    numbers.sort_unstable();
    numbers.dedup();
    let mut previous_shown = 0;
    let pages = numbers
        .into_iter()
        .map(|number| {
            let gap_before = number > previous_shown + 1 && previous_shown > 0;
            previous_shown = number;
            PageNumberView { number, url: url(number), current: number == current, gap_before }
        })
        .collect();
    Some(PaginationView {
        current,
        total,
        previous: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        pages,
    })
}

/// Every paginated list of the site, computed once and shared by the jobs that render them.
pub(super) struct Lists {
    pub(super) all: Vec<PagedList>,
    pub(super) posts: usize,
    /// All, unanswered, answered.
    pub(super) questions: [usize; 3],
    /// Each wiki section's children, sub-sections first, and how many sub-sections there are.
    sections: HashMap<PageId, (Vec<PageId>, usize)>,
    /// The communities each person is a member of, by id.
    pub(super) author_communities: HashMap<AuthorId, Vec<CommunityId>>,
    /// The full lists of a person's pages (`/authors/<id>/posts/`…) by their first page's
    /// URL, to whose person they belong: their cards leave that person out of the bylines.
    pub(super) author_groups: HashMap<UrlPath, AuthorId>,
    /// The chips of the posts lists and of the questions lists.
    post_chips: ChipSet,
    question_chips: ChipSet,
}

/// What the lists are made from besides the site: settings and the UI strings for titles.
pub(super) struct ListSources<'a> {
    pub(super) site: &'a Site,
    pub(super) config: &'a Config,
    pub(super) text: &'a dyn Fn(&str) -> String,
}

impl Lists {
    pub(super) fn new(sources: &ListSources) -> Lists {
        let site = sources.site;
        let mut lists = Lists {
            all: Vec::new(),
            posts: 0,
            questions: [0; 3],
            sections: section_children(site),
            author_communities: author_communities(site),
            author_groups: HashMap::new(),
            post_chips: ChipSet::new(site, PageGroup::Posts),
            question_chips: ChipSet::new(site, PageGroup::Questions),
        };
        let section_at = |url: UrlPath| {
            site.pages.iter().find(|p| p.kind == PageKind::Section && p.url == url).map(|p| p.id)
        };
        let (posts_intro, questions_intro) = (section_at(urls::posts()), section_at(urls::questions()));
        let questions = site.pages_of_kind(PageKind::Question);
        let (answered, unanswered): (Vec<PageId>, Vec<PageId>) =
            questions.iter().partition(|&&q| !site.page(q).responses.is_empty());
        lists.posts =
            lists.push_pages(sources, urls::posts(), "title_posts", site.pages_of_kind(PageKind::Post));
        lists.all[lists.posts].intro = posts_intro;
        lists.all[lists.posts].chips = Some(ChipsFor { group: PageGroup::Posts, community: None });
        let filtered = [
            (QuestionFilter::All, urls::questions(), "title_questions", questions),
            (QuestionFilter::Unanswered, urls::unanswered_questions(), "title_unanswered", unanswered),
            (QuestionFilter::Answered, urls::answered_questions(), "title_answered", answered),
        ];
        for (index, (filter, url, key, ids)) in filtered.into_iter().enumerate() {
            let list = lists.push_pages(sources, url, key, ids);
            lists.all[list].filter = Some(filter);
            lists.all[list].chips = Some(ChipsFor { group: PageGroup::Questions, community: None });
            lists.all[list].intro = questions_intro.filter(|_| filter == QuestionFilter::All);
            lists.questions[index] = list;
        }
        lists.add_tags(sources);
        lists.add_indexes(sources);
        lists.add_groups(sources);
        lists
    }

    /// The chips of the posts (`PageGroup::Posts`) or the questions lists.
    pub(super) fn chip_set(&self, group: PageGroup) -> &ChipSet {
        match group {
            PageGroup::Questions => &self.question_chips,
            PageGroup::Posts | PageGroup::Answers | PageGroup::Comments | PageGroup::Wiki => &self.post_chips,
        }
    }

    /// A section's children, sub-sections first, and how many sub-sections there are.
    pub(super) fn section_children(&self, id: PageId) -> (&[PageId], usize) {
        self.sections.get(&id).map_or((&[], 0), |(ids, count)| (ids.as_slice(), *count))
    }

    fn push(&mut self, list: PagedList) -> usize {
        self.all.push(list);
        self.all.len() - 1
    }

    fn push_pages(&mut self, sources: &ListSources, url: UrlPath, key: &str, ids: Vec<PageId>) -> usize {
        self.push(PagedList {
            base: url,
            title: (sources.text)(key),
            items: ListItems::Pages(ids),
            intro: None,
            filter: None,
            chips: None,
            per_page: sources.config.paginate,
        })
    }

    fn add_tags(&mut self, sources: &ListSources) {
        let site = sources.site;
        for tag in site.tags.values() {
            self.push(PagedList {
                base: tag.url(),
                title: (sources.text)("tagged").replace("{tag}", &tag.name),
                items: ListItems::Pages(own_pages(site, &tag.pages)),
                intro: None,
                filter: None,
                chips: None,
                per_page: sources.config.paginate,
            });
        }
    }

    /// `/tags/`, `/authors/`, `/communities/` and the members of each community.
    fn add_indexes(&mut self, sources: &ListSources) {
        let site = sources.site;
        let index = |url: UrlPath, key: &str, items: ListItems, per_page: usize| PagedList {
            base: url,
            title: (sources.text)(key),
            items,
            intro: None,
            filter: None,
            chips: None,
            per_page,
        };
        let tags = ListItems::Tags(site.tags.keys().cloned().collect());
        self.push(index(urls::tags(), "title_tags", tags, TAGS_PER_PAGE));
        // People with a page first, then those only named in front matter (`unknown_authors: name`).
        let registered = site.authors.iter().map(|a| a.id.clone());
        let people = ListItems::People(registered.chain(site.named_authors.iter().cloned()).collect());
        self.push(index(urls::authors(), "title_authors", people, PEOPLE_PER_PAGE));
        let communities = ListItems::Communities(site.communities.keys().cloned().collect());
        self.push(index(urls::communities(), "title_communities", communities, sources.config.paginate));
        for (community, &page) in &site.communities {
            let members = site.community_members.get(community).cloned().unwrap_or_default();
            if members.len() > MEMBERS_SHOWN {
                let page = site.page(page);
                self.push(PagedList {
                    base: urls::community_members(&page.url),
                    title: format!("{} · {}", (sources.text)("members"), page.title),
                    items: ListItems::People(members),
                    intro: None,
                    filter: None,
                    chips: None,
                    per_page: PEOPLE_PER_PAGE,
                });
            }
        }
    }

    /// The full lists behind the capped groups on author and community pages.
    fn add_groups(&mut self, sources: &ListSources) {
        let site = sources.site;
        for author in &site.authors {
            let ids = site.author_pages.get(&author.id).map(Vec::as_slice).unwrap_or_default();
            let base = urls::author(&author.id);
            for group in AUTHOR_GROUPS {
                let pages = pages_in_group(site, ids, group, GroupOwner::Author);
                self.add_group(sources, (&base, &author.name), pages, group, None);
                self.author_groups.insert(urls::full_group(&base, group), author.id.clone());
            }
        }
        for (community, &page) in &site.communities {
            let ids = site.community_pages.get(community).map(Vec::as_slice).unwrap_or_default();
            let page = site.page(page);
            for group in COMMUNITY_GROUPS {
                let pages = pages_in_group(site, ids, group, GroupOwner::Community);
                // A community's posts and questions always have a list: its chip leads there.
                let chips = matches!(group, PageGroup::Posts | PageGroup::Questions)
                    .then(|| ChipsFor { group, community: Some(community.clone()) });
                self.add_group(sources, (&page.url, &page.title), pages, group, chips);
            }
        }
    }

    fn add_group(
        &mut self,
        sources: &ListSources,
        (owner, name): (&UrlPath, &str),
        ids: Vec<PageId>,
        group: PageGroup,
        chips: Option<ChipsFor>,
    ) {
        let wanted = if chips.is_some() { !ids.is_empty() } else { has_full_list(ids.len(), sources.config) };
        if !wanted {
            return;
        }
        self.push(PagedList {
            base: urls::full_group(owner, group),
            title: format!("{} · {name}", (sources.text)(group_label(group))),
            items: ListItems::Pages(ids),
            intro: None,
            filter: None,
            chips,
            per_page: sources.config.paginate,
        });
    }
}

fn section_children(site: &Site) -> HashMap<PageId, (Vec<PageId>, usize)> {
    let mut below = listed_below(site);
    let sections = site.pages.iter().filter(|p| p.kind == PageKind::Section);
    sections
        .map(|section| {
            let (mut children, pages): (Vec<PageId>, Vec<PageId>) =
                section.children.iter().partition(|&&c| site.page(c).kind == PageKind::Section);
            let subsections = children.len();
            children.extend(pages);
            children.extend(below.remove(&section.id).unwrap_or_default());
            (section.id, (children, subsections))
        })
        .collect()
}

/// Pages outside the wiki tree (posts and questions in a folder `kinds:` names, such as
/// `blog/`), by the section page of their folder or the nearest folder above it
/// (`blog/_index.md`), newest first: a Hugo or Zola section lists its posts so. The
/// intros of `/posts/` and `/questions/` are left out: their lists show those pages.
fn listed_below(site: &Site) -> HashMap<PageId, Vec<PageId>> {
    let sections: HashMap<String, PageId> = site
        .pages
        .iter()
        .filter(|p| p.kind == PageKind::Section && !urls::is_introduced_list(&p.url))
        .map(|p| (described_folder(&p.source), p.id))
        .collect();
    let mut below: HashMap<PageId, Vec<PageId>> = HashMap::new();
    if sections.is_empty() {
        return below;
    }
    let outside_tree =
        |p: &&Page| p.parent.is_none() && p.kind.joins_wiki_tree() && p.kind != PageKind::Section;
    for page in site.pages.iter().filter(outside_tree) {
        let mut folder = page.source.parent();
        loop {
            if let Some(&section) = sections.get(folder) {
                below.entry(section).or_default().push(page.id);
                break;
            }
            match folder.rsplit_once('/') {
                Some((above, _)) => folder = above,
                None => break,
            }
        }
    }
    below.values_mut().for_each(|ids| site.sort_newest_first(ids));
    below
}

/// One pass over the members of every community, rather than one per person.
fn author_communities(site: &Site) -> HashMap<AuthorId, Vec<CommunityId>> {
    let mut map: HashMap<AuthorId, Vec<CommunityId>> = HashMap::new();
    for (community, members) in &site.community_members {
        for member in members {
            map.entry(member.clone()).or_default().push(community.clone());
        }
    }
    map.values_mut().for_each(|communities| communities.sort());
    map
}

#[cfg(test)]
mod tests {
    use super::pagination;

    fn numbers(current: usize, total: usize) -> Vec<(usize, bool)> {
        let view = pagination(current, total, |n| n.to_string()).expect("more than one page");
        view.pages.iter().map(|p| (p.number, p.gap_before)).collect()
    }

    #[test]
    fn pagination_links_a_bounded_window_of_pages() {
        assert_eq!(numbers(1, 3), [(1, false), (2, false), (3, false)]);
        assert_eq!(numbers(1, 5000), [(1, false), (2, false), (3, false), (5000, true)]);
        assert_eq!(
            numbers(2500, 5000),
            [
                (1, false),
                (2498, true),
                (2499, false),
                (2500, false),
                (2501, false),
                (2502, false),
                (5000, true)
            ]
        );
        assert_eq!(numbers(5000, 5000), [(1, false), (4998, true), (4999, false), (5000, false)]);
        assert!(pagination(1, 1, |n| n.to_string()).is_none());
    }
}
