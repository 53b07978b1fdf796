//! Rendering one page of a paginated list: cards in `list.html`, or the tag, people and community indexes.

use crate::model::{PageGroup, PageKind, urls};
use crate::render::affected::Facet;
use crate::render::jobs::{Rendered, Renderer, own_page_count};
use crate::render::lists::{CHIP_COMMUNITIES, ChipsFor, ListItems, PagedList, QuestionFilter, pagination};
use crate::render::views::{AuthorCard, ChipView, ChipsView, CommunityCard, FilterView, ListView, TagView};

impl Renderer<'_> {
    /// `title` for page 1, `title (page 2)` after it, so each page of a list has its own title.
    pub(super) fn numbered_title(&self, title: &str, number: usize) -> String {
        if number == 1 {
            return title.to_owned();
        }
        format!("{title} ({})", self.views.text("page_numbered").replace("{n}", &number.to_string()))
    }

    pub(super) fn list(&self, list: &PagedList, number: usize) -> Rendered {
        let range = list.range(number);
        let total_pages = list.page_count();
        let pages = pagination(number, total_pages, |n| self.views.href(list.page_url(n).as_str()));
        let title = self.numbered_title(&list.title, number);
        let rendered = |template: &'static str| Rendered::new(list.page_url(number), template, title.clone());
        let site = self.views.site;
        match &list.items {
            ListItems::Pages(ids) => {
                let view = ListView {
                    title: list.title.clone(),
                    intro: list.intro.filter(|_| number == 1).map(|id| {
                        self.views.read(id, Facet::Page);
                        self.views.bodies[id.0].html.clone()
                    }),
                    items: match self.lists.author_groups.get(&list.base) {
                        Some(owner) => self.author_cards(&ids[range], owner),
                        None => self.views.cards(&ids[range]),
                    },
                    total: ids.len(),
                    pagination: pages,
                    filters: list.filter.map(|active| self.question_filters(active)).unwrap_or_default(),
                    feed_url: None,
                    chips: list.chips.as_ref().map(|chips| {
                        // The chip of this very list is the page itself only on its first page and unfiltered.
                        let exact = number == 1 && list.filter.is_none_or(|f| f == QuestionFilter::All);
                        self.chips(chips, exact)
                    }),
                };
                // "Ask a question" or "Write a post" on a questions or posts list, its community filled in.
                let kind = list.chips.as_ref().and_then(|chips| match chips.group {
                    PageGroup::Questions => Some(PageKind::Question),
                    PageGroup::Posts => Some(PageKind::Post),
                    PageGroup::Answers | PageGroup::Comments | PageGroup::Wiki => None,
                });
                let respond = match (kind, &list.chips) {
                    (Some(kind), Some(chips)) => {
                        self.views.respond_new(&[kind], chips.community.as_ref(), &ids[..ids.len().min(1)])
                    }
                    _ => Vec::new(),
                };
                rendered("list.html").with("list", &view).with("respond", &respond)
            }
            ListItems::Tags(keys) => {
                let tags: Vec<TagView> = keys[range]
                    .iter()
                    .map(|key| {
                        self.views.tag(key, site.tags.get(key).map_or(0, |t| own_page_count(site, &t.pages)))
                    })
                    .collect();
                rendered("tags.html")
                    .with("tags", &tags)
                    .with("total", &keys.len())
                    .with("pagination", &pages)
            }
            ListItems::People(ids) => {
                let cards: Vec<AuthorCard> = ids[range]
                    .iter()
                    .map(|id| AuthorCard {
                        person: self.views.person(id),
                        contribution_count: site.author_pages.get(id).map_or(0, Vec::len),
                    })
                    .collect();
                rendered("authors.html")
                    .with("authors", &cards)
                    .with("total", &ids.len())
                    .with("pagination", &pages)
            }
            ListItems::Communities(ids) => {
                let cards: Vec<CommunityCard> = ids[range].iter().map(|c| self.community_card(c)).collect();
                rendered("communities.html")
                    .with("communities", &cards)
                    .with("total", &ids.len())
                    .with("pagination", &pages)
            }
        }
    }

    /// "All", the communities with most of the list's pages and the tags with most; the
    /// chip of the list being shown is current.
    fn chips(&self, chips: &ChipsFor, exact: bool) -> ChipsView {
        let site = self.views.site;
        let set = self.lists.chip_set(chips.group);
        let current = |is: bool| is.then_some(if exact { "page" } else { "true" });
        let whole = match chips.group {
            PageGroup::Questions => &self.lists.all[self.lists.questions[0]],
            PageGroup::Posts | PageGroup::Answers | PageGroup::Comments | PageGroup::Wiki => {
                &self.lists.all[self.lists.posts]
            }
        };
        let shown = set
            .communities
            .iter()
            .enumerate()
            .filter(|(index, (id, _))| *index < CHIP_COMMUNITIES || chips.community.as_ref() == Some(id));
        let communities = shown
            .filter_map(|(_, (id, count))| {
                let link = self.views.community_link(id)?;
                let page = site.community_page(id)?;
                Some(ChipView {
                    label: link.title,
                    url: self.views.href(urls::full_group(&page.url, chips.group).as_str()),
                    count: *count,
                    current: current(chips.community.as_ref() == Some(id)),
                })
            })
            .collect();
        ChipsView {
            all: ChipView {
                label: self.views.text("filter_all"),
                url: self.views.href(whole.base.as_str()),
                count: whole.items.len(),
                current: current(chips.community.is_none()),
            },
            communities,
            communities_url: set.more_communities.then(|| self.views.href(urls::communities().as_str())),
            tags: set.tags.iter().map(|(key, count)| self.views.tag(key, *count)).collect(),
            tags_url: set.more_tags.then(|| self.views.href(urls::tags().as_str())),
        }
    }

    fn question_filters(&self, active: QuestionFilter) -> Vec<FilterView> {
        [
            (QuestionFilter::All, "filter_all"),
            (QuestionFilter::Unanswered, "filter_unanswered"),
            (QuestionFilter::Answered, "filter_answered"),
        ]
        .into_iter()
        .enumerate()
        .map(|(index, (filter, key))| {
            let list = &self.lists.all[self.lists.questions[index]];
            FilterView {
                label: self.views.text(key),
                url: self.views.href(list.base.as_str()),
                count: list.items.len(),
                active: filter == active,
            }
        })
        .collect()
    }
}
