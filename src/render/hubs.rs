//! Pages that gather other pages: an author's, a community's and a wiki section's, each
//! showing a bounded number of entries with a link to the full, paginated list.

use crate::insights::Person;
use crate::insights::svg::{self, Chart};
use crate::model::urls;
use crate::model::{Author, AuthorId, CommunityId, GroupOwner, PageGroup, PageId, PageKind};
use crate::paths::UrlPath;
use crate::render::affected::Facet;
use crate::render::cards::ViewBuilder;
use crate::render::jobs::{Rendered, Renderer, own_page_count, section_page_count, simple};
use crate::render::lists::{MEMBERS_SHOWN, has_full_list, pages_in_group, pagination};
use crate::render::views::*;

/// Entries in a section's tree at most, besides the way down to the section itself.
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
        let (root, tree_nodes, tree_more) = self.tree_to(id, false);
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
    /// many entries were left out. `around_current` shows `id`'s own section around `id`
    /// rather than from its start (for a wiki page rather than a section's own page).
    fn tree_to(&self, id: PageId, around_current: bool) -> (PageId, Vec<Shared<TreeNode>>, usize) {
        let ancestors = self.views.site.ancestors(id);
        let root = ancestors.first().copied().unwrap_or(id);
        let mut walk = TreeWalk {
            path: ancestors.into_iter().chain([id]).collect(),
            budget: TREE_ENTRIES,
            current: id,
            around_current,
        };
        let (nodes, more) = self.tree_children(root, &mut walk);
        (root, nodes, more)
    }

    /// A wiki page's tree, section link and previous / next siblings; `None` for a page
    /// outside the wiki tree.
    pub(super) fn wiki_nav(&self, id: PageId) -> Option<WikiNav> {
        let site = self.views.site;
        let parent = site.page(id).parent?;
        let (root, tree, tree_more) = self.tree_to(id, true);
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

    /// A section's children in the tree, and how many were left out: the first few while
    /// the budget lasts (on a wiki page, the few around the page in its own section), and
    /// always the one on the way down to the current page. Only those are looked at, so a
    /// section of 100,000 pages costs no more than a small one.
    fn tree_children(&self, parent: PageId, walk: &mut TreeWalk) -> (Vec<Shared<TreeNode>>, usize) {
        let site = self.views.site;
        let children = &site.page(parent).children;
        let mut start = 0;
        if walk.around_current && site.page(walk.current).parent == Some(parent) {
            let place = children.iter().position(|&c| c == walk.current).unwrap_or(0);
            start = place.saturating_sub(TREE_CHILDREN / 2).min(children.len().saturating_sub(TREE_CHILDREN));
        }
        let mut shown: Vec<PageId> = Vec::new();
        for &child in children.iter().skip(start).take(TREE_CHILDREN) {
            if walk.budget == 0 {
                break;
            }
            walk.budget -= 1;
            shown.push(child);
        }
        let on_path = walk.path.iter().copied().find(|&p| p != parent && site.page(p).parent == Some(parent));
        if let Some(child) = on_path.filter(|c| !shown.contains(c)) {
            shown.push(child);
        }
        let more = children.len() - shown.len();
        (shown.into_iter().map(|child| self.tree_node(child, walk)).collect(), more)
    }

    /// A node of the tree; one with no children shown, not the current page, is the same
    /// wherever it shows (the children it leaves out are all it has), so it is shared.
    fn tree_node(&self, id: PageId, walk: &mut TreeWalk) -> Shared<TreeNode> {
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

/// The state of drawing one section's tree.
struct TreeWalk {
    /// The top section's descendants down to the current section.
    path: Vec<PageId>,
    /// Entries that may still be added off that path.
    budget: usize,
    current: PageId,
    /// Show the current page's neighbours in its own section rather than the first few.
    around_current: bool,
}
