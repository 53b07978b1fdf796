//! Indexes over the assembled pages: tags, communities and their members, each author's pages, wiki-link names.

use std::collections::{BTreeSet, HashMap};

use crate::config::TagAliases;
use crate::error::Diagnostics;
use crate::model::slug::slugify;
use crate::model::tags::{index_tags, merge_tag_aliases};
use crate::model::{AuthorId, CommunityId, Contributor, PageId, Site};

type Index<K> = HashMap<K, Vec<PageId>>;

/// Fills the site's lookup tables in one pass over the pages, then sorts each list once.
/// The diagnostics are warnings about tags; `prefix` is the content folder for their file names.
pub(super) fn index_relations(site: &mut Site, prefix: &str, tag_aliases: &[TagAliases]) -> Diagnostics {
    site.rank_newest_first();
    merge_tag_aliases(site, tag_aliases);
    let mut members: HashMap<CommunityId, BTreeSet<AuthorId>> = HashMap::new();
    let mut community_pages: Index<CommunityId> = HashMap::new();
    let mut author_pages: Index<AuthorId> = HashMap::new();
    let mut by_slug: Index<String> = HashMap::new();
    let mut by_title: Index<String> = HashMap::new();
    for page in &site.pages {
        let communities = match page.parent {
            Some(parent) if !page.kind.has_own_page() => &site.page(parent).communities,
            _ => &page.communities,
        };
        for community in communities {
            community_pages.entry(community.clone()).or_default().push(page.id);
            members.entry(community.clone()).or_default().extend(page.authors.iter().cloned());
        }
        // A person's page lists what they wrote and what they edited.
        let edited = page.contributors.iter().filter_map(|c| match c {
            Contributor::Author(id) if !page.authors.contains(id) => Some(id),
            _ => None,
        });
        for author in page.authors.iter().chain(edited) {
            author_pages.entry(author.clone()).or_default().push(page.id);
        }
        if page.kind.has_wiki_link_name() {
            // A permalink may end in `.html` or keep a file name's case (`/2015/09/04/Welcome-Back/`).
            let last = page.url.as_str().trim_end_matches('/').rsplit('/').next().unwrap_or("");
            let slug = last.strip_suffix(".html").unwrap_or(last).to_lowercase();
            by_slug.entry(slug).or_default().push(page.id);
            by_title.entry(page.title.to_lowercase()).or_default().push(page.id);
            let stem = page.source.stem();
            if !matches!(stem, "index" | "_index") && slugify(stem) != stem {
                by_slug.entry(stem.to_lowercase()).or_default().push(page.id);
            }
        }
    }
    let (tags, diagnostics) = index_tags(site, prefix, tag_aliases);
    site.community_pages = community_pages;
    site.author_pages = author_pages;
    site.by_slug = by_slug;
    site.by_title = by_title;
    site.tags = tags;
    for (community, &page) in &site.communities {
        let info = site.page(page).community.as_ref();
        let set = members.entry(community.clone()).or_default();
        set.extend(info.and_then(|i| i.lead.clone()));
        set.extend(info.map(|i| i.team.clone()).unwrap_or_default());
    }
    site.community_members = members
        .into_iter()
        .map(|(community, set)| {
            let mut people: Vec<AuthorId> = set.into_iter().collect();
            people.sort_by_cached_key(|id| site.author(id).map_or_else(|| id.0.clone(), |a| a.name.clone()));
            (community, people)
        })
        .collect();
    sort_all(site);
    diagnostics
}

fn sort_all(site: &mut Site) {
    let mut community_pages = std::mem::take(&mut site.community_pages);
    community_pages.values_mut().for_each(|ids| site.sort_newest_first(ids));
    site.community_pages = community_pages;
    let mut author_pages = std::mem::take(&mut site.author_pages);
    author_pages.values_mut().for_each(|ids| site.sort_newest_first(ids));
    site.author_pages = author_pages;
    let mut tags = std::mem::take(&mut site.tags);
    tags.values_mut().for_each(|tag| site.sort_newest_first(&mut tag.pages));
    site.tags = tags;
}

/// Every page with a file by its file name without the extension (`2015-09-04-title` for
/// `_posts/2015-09-04-title.md`), and a bundle's page also by its folder's name
/// (`installation` for `docs/installation/index.md`), each list in the site's order.
pub(super) fn index_file_stems(site: &Site) -> Index<String> {
    let mut by_stem: Index<String> = HashMap::new();
    for page in site.pages.iter().filter(|page| page.has_file) {
        let source = &page.source;
        let bundle = matches!(source.stem(), "index" | "_index").then(|| source.parent().rsplit('/').next());
        for stem in [Some(source.stem()), bundle.flatten()].into_iter().flatten().filter(|s| !s.is_empty()) {
            let pages = by_stem.entry(stem.to_owned()).or_default();
            if pages.last() != Some(&page.id) {
                pages.push(page.id);
            }
        }
    }
    by_stem
}
