//! Pages that gather other pages: an author's, a community's and a wiki section's, each
//! showing a bounded number of entries with a link to the full, paginated list.

use crate::insights::Person;
use crate::insights::svg::{self, Chart};
use crate::model::urls;
use crate::model::{Author, AuthorId, CommunityId, GroupOwner, PageGroup, PageId, PageKind, Site};
use crate::paths::UrlPath;
use crate::render::affected::Facet;
use crate::render::cards::ViewBuilder;
use crate::render::jobs::{Rendered, Renderer, own_page_count, section_page_count, simple};
use crate::render::lists::{MEMBERS_SHOWN, has_full_list, pages_in_group, pagination};
use crate::render::views::*;

/// Entries in a section's tree at most, besides the way down to the section itself; a
/// wiki with no more entries than this shows all of them.
const TREE_ENTRIES: usize = 120;
/// Children of one section shown in the tree at most.
const TREE_CHILDREN: usize = 30;

impl Renderer<'_> {
    pub(super) fn community_card(&self, id: &CommunityId) -> CommunityCard {
        let site = self.views.site;
        let page = site.page(site.communities[id]);
        self.views.read(page.id, Facet::Card);
        let info = page.community.clone().unwrap_or_default();
        CommunityCard {
            id: id.0.clone(),
            title: page.title.clone(),
            url: self.views.href(page.url.as_str()),
            goal: info.goal,
            summary: self.views.summary(page),
            lead: info.lead.as_ref().map(|l| self.views.person(l)),
            member_count: site.community_members.get(id).map_or(0, Vec::len),
            page_count: site.community_pages.get(id).map_or(0, |ids| own_page_count(site, ids)),
            tags: self.views.card_tags(page).0,
        }
    }

    /// The newest pages of a group, and a link to all of them when they do not all fit.
    fn card_group(&self, owner: &UrlPath, ids: Vec<PageId>, group: PageGroup) -> CardGroup {
        self.card_group_of(owner, ids, group, |shown| self.views.cards(shown))
    }

    /// A group whose shown pages become cards through `cards`.
    fn card_group_of(
        &self,
        owner: &UrlPath,
        ids: Vec<PageId>,
        group: PageGroup,
        cards: impl FnOnce(&[PageId]) -> Vec<Card>,
    ) -> CardGroup {
        let config = self.views.config;
        let all_url = has_full_list(ids.len(), config)
            .then(|| self.views.href(urls::full_group(owner, group).as_str()));
        CardGroup { items: cards(&ids[..ids.len().min(config.paginate)]), total: ids.len(), all_url }
    }

    pub(super) fn community(&self, id: &CommunityId) -> CommunityView {
        let site = self.views.site;
        let page = site.page(site.communities[id]);
        let info = page.community.clone().unwrap_or_default();
        let pages = site.community_pages.get(id).map(Vec::as_slice).unwrap_or_default();
        let group = |group| {
            self.card_group(&page.url, pages_in_group(site, pages, group, GroupOwner::Community), group)
        };
        let members = site.community_members.get(id).map(Vec::as_slice).unwrap_or_default();
        CommunityView {
            id: id.0.clone(),
            goal: info.goal,
            lead: info.lead.as_ref().map(|l| self.views.person(l)),
            team: info.team.iter().map(|t| self.views.person(t)).collect(),
            members: members.iter().take(MEMBERS_SHOWN).map(|a| self.views.person(a)).collect(),
            member_count: members.len(),
            members_url: (members.len() > MEMBERS_SHOWN)
                .then(|| self.views.href(urls::community_members(&page.url).as_str())),
            posts: group(PageGroup::Posts),
            questions: group(PageGroup::Questions),
            wiki: group(PageGroup::Wiki),
            feed_url: self.views.href(urls::feed_of(&page.url).as_str()),
            insights_url: self.views.href(urls::community_insights(&page.url).as_str()),
        }
    }

    /// Cards of what `owner` wrote, for their own page and its full lists: `owner` is left
    /// out of every byline (co-authors stay), and an answer shows what it says, as a
    /// profile's answers do, under the question's title.
    pub(super) fn author_cards(&self, ids: &[PageId], owner: &AuthorId) -> Vec<Card> {
        let site = self.views.site;
        ids.iter()
            .map(|&id| {
                let mut card = self.views.card(id);
                card.authors.retain(|person| person.id != owner.0);
                card.snippet = site.page(id).kind == PageKind::Answer && !card.summary.is_empty();
                Shared::Built(Box::new(card))
            })
            .collect()
    }

    pub(super) fn author(&self, index: usize) -> Rendered {
        let site = self.views.site;
        let author = &site.authors[index];
        let ids = site.author_pages.get(&author.id).map(Vec::as_slice).unwrap_or_default();
        let url = urls::author(&author.id);
        let group = |group| {
            let ids = pages_in_group(site, ids, group, GroupOwner::Author);
            self.card_group_of(&url, ids, group, |shown| self.author_cards(shown, &author.id))
        };
        let communities =
            self.lists.author_communities.get(&author.id).map(Vec::as_slice).unwrap_or_default();
        let dates: Vec<_> = ids.iter().filter_map(|&p| site.page(p).sort_date()).collect();
        let view = AuthorView {
            person: self.views.person(&author.id),
            bio: author.bio.clone(),
            emails: author.emails.clone(),
            posts: group(PageGroup::Posts),
            questions: group(PageGroup::Questions),
            answers: group(PageGroup::Answers),
            comments: group(PageGroup::Comments),
            wiki: group(PageGroup::Wiki),
            communities: communities.iter().filter_map(|c| self.views.community_link(c)).collect(),
            first_contribution: self.views.date(dates.iter().min().copied()),
            last_contribution: self.views.date(dates.iter().max().copied()),
            feed_url: self.views.href(urls::feed_of(&url).as_str()),
            insights: self.person_insights(author),
        };
        simple(url, "author.html", author.name.clone(), "author", &view)
    }

    /// A person's activity chart and how many people they helped, when they contributed.
    fn person_insights(&self, author: &Author) -> Option<PersonInsightsView> {
        let insights = self.insights.get();
        let figures = insights.people.get(&Person::Author(author.id.clone()))?;
        let months = &insights.site.months;
        let active = |index: &usize| figures.contributions_by_month.get(*index).is_some_and(|n| *n > 0);
        let first = (0..months.len()).find(active)?;
        let last = (0..months.len()).rev().find(active)?;
        let title = self.views.text("insights_person_activity_title");
        let description = self
            .views
            .text("insights_person_activity_desc")
            .replace("{name}", &author.name)
            .replace("{first}", &months[first].to_string())
            .replace("{last}", &months[last].to_string());
        let chart = Chart { id: "person-activity", title: &title, description: &description };
        Some(PersonInsightsView {
            activity_svg: svg::sparkline(&chart, months, &figures.contributions_by_month),
            helped: figures.helped,
        })
    }

    /// Page `number` of a section: its children `paginate` at a time, sub-sections first.
    pub(super) fn section(&self, id: PageId, number: usize) -> SectionView {
        let site = self.views.site;
        let config = self.views.config;
        let page = site.page(id);
        let (children, subsection_count) = self.lists.section_children(id);
        let page_count = children.len() - subsection_count;
        let start = ((number - 1) * config.paginate).min(children.len());
        let shown = &children[start..(start + config.paginate).min(children.len())];
        let split = shown.partition_point(|&c| site.page(c).kind == PageKind::Section);
        let (root, tree_nodes, tree_more) = self.tree_to(id);
        SectionView {
            subsections: self.views.cards(&shown[..split]),
            pages: self.views.cards(&shown[split..]),
            subsection_count,
            page_count,
            pagination: pagination(number, section_page_count(self.lists, id, config), |n| {
                self.views.href(urls::numbered(&page.url, n).as_str())
            }),
            tree: tree_nodes,
            tree_more,
            tree_root_url: self.views.href(site.page(root).url.as_str()),
            roots: site.wiki_roots.iter().filter(|&&r| r != root).map(|&r| self.views.page_link(r)).collect(),
        }
    }

    /// The bounded tree from `id`'s wiki root down to `id`: the root, its nodes, and how
    /// many of the root's children were left out. A wiki small enough to show whole
    /// ([`TREE_ENTRIES`] entries at most) shows every section open; a bigger one shows
    /// the way down to `id` only, each level a window around the entry on the way down
    /// (or, for `id`'s own children, from the start), other sections closed.
    fn tree_to(&self, id: PageId) -> (PageId, Vec<Shared<TreeNode>>, usize) {
        let site = self.views.site;
        let ancestors = site.ancestors(id);
        let root = ancestors.first().copied().unwrap_or(id);
        let path: Vec<PageId> = ancestors.into_iter().chain([id]).collect();
        let whole = tree_entries_up_to(site, root, TREE_ENTRIES + 1) <= TREE_ENTRIES;
        // Closest levels first: the page's own section gets its full window before the
        // sections above it share what is left.
        let mut windows = vec![0; path.len()];
        let mut budget = TREE_ENTRIES;
        for (level, &section) in path.iter().enumerate().rev() {
            let shown = TREE_CHILDREN.min(budget).min(site.page(section).children.len());
            windows[level] = shown;
            budget -= shown;
        }
        let walk = TreeWalk { path, windows, current: id, whole };
        let (nodes, more) = self.tree_children(root, &walk);
        (root, nodes, more)
    }

    /// A wiki page's tree, section link and previous / next siblings; `None` for a page
    /// outside the wiki tree.
    pub(super) fn wiki_nav(&self, id: PageId) -> Option<WikiNav> {
        let site = self.views.site;
        let parent = site.page(id).parent?;
        let (root, tree, tree_more) = self.tree_to(id);
        let siblings = &site.page(parent).children;
        let place = siblings.iter().position(|&s| s == id);
        let link = |sibling: PageId| self.views.page_link(sibling);
        Some(WikiNav {
            tree,
            tree_more,
            tree_root_url: self.views.href(site.page(root).url.as_str()),
            section: link(parent),
            previous: place.and_then(|p| p.checked_sub(1)).map(|p| link(siblings[p])),
            next: place.and_then(|p| siblings.get(p + 1).copied()).map(link),
        })
    }

    /// A section's children in the tree, and how many were left out: at most
    /// [`TREE_CHILDREN`] of them, around the one on the way down to the current page
    /// (from the start when none is). In a wiki too big to show whole, a section off that
    /// way shows none: it is closed. Only the children shown are looked at, so a section
    /// of 100,000 pages costs no more than a small one.
    fn tree_children(&self, parent: PageId, walk: &TreeWalk) -> (Vec<Shared<TreeNode>>, usize) {
        let site = self.views.site;
        let children = &site.page(parent).children;
        let level = walk.path.iter().position(|&p| p == parent);
        let window = match level {
            _ if walk.whole => TREE_CHILDREN,
            Some(level) => walk.windows[level],
            None => return (Vec::new(), children.len()),
        };
        let on_path = level.and_then(|level| walk.path.get(level + 1)).copied();
        let place = on_path.and_then(|child| children.iter().position(|&c| c == child));
        let start = place
            .map_or(0, |place| place.saturating_sub(window / 2).min(children.len().saturating_sub(window)));
        let mut shown: Vec<PageId> = children.iter().skip(start).take(window).copied().collect();
        if let Some(child) = on_path.filter(|c| !shown.contains(c)) {
            shown.push(child);
        }
        let more = children.len() - shown.len();
        (shown.into_iter().map(|child| self.tree_node(child, walk)).collect(), more)
    }

    /// A node of the tree; one with no children shown, not the current page, is the same
    /// wherever it shows (the children it leaves out are all it has), so it is shared.
    fn tree_node(&self, id: PageId, walk: &TreeWalk) -> Shared<TreeNode> {
        self.views.read(id, Facet::Link);
        let page = self.views.site.page(id);
        let (children, more) = self.tree_children(id, walk);
        let current = id == walk.current;
        let leaf = !current && children.is_empty();
        let node = || TreeNode {
            title: page.title.clone(),
            url: self.views.href(page.url.as_str()),
            is_section: page.kind == PageKind::Section,
            current,
            collapsed: children.is_empty() && more > 0,
            children,
            more,
        };
        if leaf {
            self.views.shared(ViewBuilder::tree_leaves, id, node)
        } else {
            Shared::Built(Box::new(node()))
        }
    }
}

/// How many entries the tree of `root` has (all its descendants), counted up to `limit`
/// at most: a big wiki costs no more to size up than a small one.
fn tree_entries_up_to(site: &Site, root: PageId, limit: usize) -> usize {
    let mut count = 0;
    let mut sections = vec![root];
    while let Some(section) = sections.pop() {
        let children = &site.page(section).children;
        count += children.len();
        if count >= limit {
            return limit;
        }
        // Sub-sections come first among a section's children.
        sections.extend(children.iter().take_while(|&&c| site.page(c).kind == PageKind::Section));
    }
    count
}

/// The state of drawing one section's tree.
struct TreeWalk {
    /// The top section and its descendants down to the current page or section.
    path: Vec<PageId>,
    /// How many children each section of `path` shows at most, the one on the way down
    /// aside, in a wiki too big to show whole.
    windows: Vec<usize>,
    current: PageId,
    /// The wiki is small enough to show every section open.
    whole: bool,
}
