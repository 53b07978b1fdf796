//! Backlinks ("linked from") and related pages, built from inverted indexes: never by comparing every pair of pages.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::dates::PageDate;
use crate::model::{CommunityId, Page, PageId, Site};

/// For every page (by `PageId`): who links to it, and what is related to it.
#[derive(Debug, Default)]
pub struct CrossLinks {
    /// Pages (or answers and comments) linking here, newest first.
    pub backlinks: Vec<Vec<PageId>>,
    /// Up to five related pages, most related first.
    pub related: Vec<Vec<PageId>>,
}

const RELATED: usize = 5;
/// How many neighbours by date each tag or community list contributes as candidates.
const WINDOW: usize = 12;

/// `links[p]` are the pages page `p`'s body links to.
pub fn cross_links(site: &Site, links: &[Vec<PageId>]) -> CrossLinks {
    let facts = PageFacts::new(site);
    let lists = DatedLists::new(site);
    let mut backlinks: Vec<Vec<PageId>> = vec![Vec::new(); site.pages.id_bound()];
    for &from in site.pages.ids() {
        for &to in &links[from.0] {
            let shown_on = facts.shown_on[to.0];
            if shown_on != facts.shown_on[from.0] {
                backlinks[shown_on.0].push(from);
            }
        }
    }
    backlinks.iter_mut().for_each(|ids| {
        // A page linking twice is listed once.
        ids.sort_unstable();
        ids.dedup();
        site.sort_newest_first(ids);
    });
    let related = (0..site.pages.id_bound())
        .into_par_iter()
        .map(|id| match site.pages.get(PageId(id)) {
            Some(page) if facts.has_related[id] => related_to(site, &facts, &lists, page, links, &backlinks),
            _ => Vec::new(),
        })
        .collect();
    CrossLinks { backlinks, related }
}

/// What choosing related pages asks of each candidate, by `PageId`, in arrays of a few bytes
/// a page: reading it from the pages themselves (hundreds of bytes each, spread over memory)
/// cost a cache miss per candidate at 100,000 pages, and made this step 25 times slower
/// than at 10,000.
struct PageFacts<'a> {
    /// The page whose HTML shows it: answers and comments live on their parent's page.
    shown_on: Vec<PageId>,
    has_own_page: Vec<bool>,
    has_related: Vec<bool>,
    date: Vec<Option<PageDate>>,
    /// Between 0 and 1: 1 for the newest page of the site, halving every year before it.
    recency: Vec<f32>,
    /// `Site::newest_first_rank`.
    rank: &'a [u32],
}

impl<'a> PageFacts<'a> {
    fn new(site: &'a Site) -> PageFacts<'a> {
        let newest = site.pages.iter().filter_map(Page::sort_date).max();
        let date: Vec<Option<PageDate>> = site.pages.by_id(None, Page::sort_date);
        PageFacts {
            shown_on: site.pages.by_id(PageId(usize::MAX), shown_on),
            has_own_page: site.pages.by_id(false, |page| page.kind.has_own_page()),
            has_related: site.pages.by_id(false, has_related),
            recency: date.iter().map(|&date| recency(date, newest)).collect(),
            date,
            rank: &site.newest_first_rank,
        }
    }
}

/// The tag and community lists, each with its pages' ranks beside it (`Site::newest_first_rank`).
struct DatedLists<'a> {
    tags: HashMap<&'a str, DatedList<'a>>,
    communities: HashMap<&'a CommunityId, DatedList<'a>>,
}

/// A list of pages sorted newest first, and their ranks in the same order: finding a page's
/// place by binary search then reads one small array, where looking each rank up by id
/// jumped around the site's rank array, a cache miss a step at 100,000 pages.
struct DatedList<'a> {
    ids: &'a [PageId],
    ranks: Vec<u32>,
}

impl<'a> DatedLists<'a> {
    fn new(site: &'a Site) -> DatedLists<'a> {
        let dated = |ids: &'a [PageId]| DatedList {
            ids,
            ranks: ids.iter().map(|id| site.newest_first_rank[id.0]).collect(),
        };
        DatedLists {
            tags: site.tags.iter().map(|(key, tag)| (key.as_str(), dated(&tag.pages))).collect(),
            communities: site.community_pages.iter().map(|(id, pages)| (id, dated(pages))).collect(),
        }
    }
}

/// The page whose HTML shows `page`: answers and comments live on their parent's page.
fn shown_on(page: &Page) -> PageId {
    match page.parent {
        Some(parent) if !page.kind.has_own_page() => parent,
        _ => page.id,
    }
}

fn has_related(page: &Page) -> bool {
    page.kind.has_related_pages()
}

fn related_to(
    site: &Site,
    facts: &PageFacts,
    lists: &DatedLists,
    page: &Page,
    links: &[Vec<PageId>],
    backlinks: &[Vec<PageId>],
) -> Vec<PageId> {
    let mut scores: HashMap<PageId, f32> = HashMap::new();
    for tag in &page.tags {
        if let Some(list) = lists.tags.get(tag.key.as_str()) {
            for candidate in neighbours_by_date(facts, list, page) {
                *scores.entry(candidate).or_default() += 2.0;
            }
        }
    }
    for community in &page.communities {
        if let Some(list) = lists.communities.get(community) {
            for candidate in neighbours_by_date(facts, list, page) {
                *scores.entry(candidate).or_default() += 1.0;
            }
        }
    }
    let linked = links[page.id.0].iter().chain(&backlinks[page.id.0]).map(|&id| facts.shown_on[id.0]);
    for candidate in linked {
        *scores.entry(candidate).or_default() += 3.0;
    }
    let mut ranked: Vec<(PageId, f32, Option<PageDate>)> = scores
        .into_iter()
        .filter(|&(id, _)| id != page.id && facts.has_related[id.0])
        .map(|(id, score)| (id, score + facts.recency[id.0], facts.date[id.0]))
        .collect();
    // Ties go to the newer page, then to the first in the site's order (never to ids, which
    // differ between a kept site and a fresh build), so that every build lists the same.
    ranked.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then_with(|| b.2.cmp(&a.2))
            .then_with(|| site.pages.ordinal(a.0).cmp(&site.pages.ordinal(b.0)))
    });
    // A new, small vector: collecting `ranked.into_iter()` would reuse (and keep) its
    // allocation, 5 KB a page, half a gigabyte held until the end at 100,000 pages.
    ranked.iter().take(RELATED).map(|&(id, _, _)| id).collect()
}

/// Up to `WINDOW` pages on each side of `page` in a list sorted newest first.
fn neighbours_by_date<'a>(
    facts: &'a PageFacts,
    list: &'a DatedList,
    page: &Page,
) -> impl Iterator<Item = PageId> + 'a {
    let own = facts.rank[page.id.0];
    let position = list.ranks.partition_point(|&rank| rank < own);
    let start = position.saturating_sub(WINDOW);
    let end = (position + WINDOW + 1).min(list.ids.len());
    list.ids[start..end].iter().copied().filter(move |&id| facts.has_own_page[id.0])
}

/// Between 0 and 1: 1 for the newest page of the site, halving every year before it.
fn recency(date: Option<PageDate>, newest: Option<PageDate>) -> f32 {
    match (date, newest) {
        (Some(date), Some(newest)) => {
            let days = date.instant.duration_until(newest.instant).as_secs_f64().max(0.0) as f32 / 86_400.0;
            0.5f32.powf(days / 365.0)
        }
        _ => 0.0,
    }
}
