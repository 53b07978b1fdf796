//! Backlinks ("linked from") and related pages, built from inverted indexes: never by comparing every pair of pages.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::dates::PageDate;
use crate::model::{Page, PageId, PageKind, Site};

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
    let mut backlinks: Vec<Vec<PageId>> = vec![Vec::new(); site.pages.len()];
    for (from, targets) in links.iter().enumerate() {
        let from = PageId(from);
        for &to in targets {
            let shown_on = shown_on(site, to);
            if shown_on != self::shown_on(site, from) {
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
    let newest = site.pages.iter().filter_map(Page::sort_date).max();
    let related =
        site.pages
            .par_iter()
            .map(|page| {
                if has_related(page) { related_to(site, page, links, &backlinks, newest) } else { Vec::new() }
            })
            .collect();
    CrossLinks { backlinks, related }
}

/// The page whose HTML shows `id`: answers and comments live on their parent's page.
fn shown_on(site: &Site, id: PageId) -> PageId {
    match site.page(id).parent {
        Some(parent) if !site.page(id).kind.has_own_page() => parent,
        _ => id,
    }
}

fn has_related(page: &Page) -> bool {
    matches!(page.kind, PageKind::Post | PageKind::Question | PageKind::Wiki | PageKind::Community)
}

fn related_to(
    site: &Site,
    page: &Page,
    links: &[Vec<PageId>],
    backlinks: &[Vec<PageId>],
    newest: Option<PageDate>,
) -> Vec<PageId> {
    let mut scores: HashMap<PageId, f32> = HashMap::new();
    for tag in &page.tags {
        if let Some(tag) = site.tags.get(&tag.key) {
            for candidate in neighbours_by_date(site, &tag.pages, page) {
                *scores.entry(candidate).or_default() += 2.0;
            }
        }
    }
    for community in &page.communities {
        if let Some(ids) = site.community_pages.get(community) {
            for candidate in neighbours_by_date(site, ids, page) {
                *scores.entry(candidate).or_default() += 1.0;
            }
        }
    }
    let linked = links[page.id.0].iter().chain(&backlinks[page.id.0]).map(|&id| shown_on(site, id));
    for candidate in linked {
        *scores.entry(candidate).or_default() += 3.0;
    }
    let mut ranked: Vec<(PageId, f32, Option<PageDate>)> = scores
        .into_iter()
        .filter(|&(id, _)| id != page.id && has_related(site.page(id)))
        .map(|(id, score)| {
            let date = site.page(id).sort_date();
            (id, score + recency(date, newest), date)
        })
        .collect();
    // Ties go to the newer page, then to the page read first, so that every build lists the same.
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| b.2.cmp(&a.2)).then_with(|| a.0.0.cmp(&b.0.0)));
    ranked.into_iter().take(RELATED).map(|(id, _, _)| id).collect()
}

/// Up to `WINDOW` pages on each side of `page` in a list sorted newest first.
fn neighbours_by_date<'a>(
    site: &'a Site,
    ids: &'a [PageId],
    page: &Page,
) -> impl Iterator<Item = PageId> + 'a {
    // The lists are sorted newest first, that is by rank (`Site::newest_first_rank`).
    let rank = &site.newest_first_rank;
    let own = rank[page.id.0];
    let position = ids.partition_point(|&id| rank[id.0] < own);
    let start = position.saturating_sub(WINDOW);
    let end = (position + WINDOW + 1).min(ids.len());
    ids[start..end].iter().copied().filter(move |&id| site.page(id).kind.has_own_page())
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
