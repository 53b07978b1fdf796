//! Atom feeds (the site's, each community's, each author's) and the sitemap.

use crate::model::urls;
use crate::model::{AuthorId, CommunityId, PageId};
use crate::paths::UrlPath;
use crate::render::affected::Facet;
use crate::render::jobs::{Rendered, Renderer, own_pages, simple};
use crate::render::views::{FeedEntry, FeedView, SitemapEntry};

/// Which pages a feed follows.
pub(super) enum FeedKind {
    Site,
    Community(CommunityId),
    Author(AuthorId),
}

impl Renderer<'_> {
    pub(super) fn feed(&self, kind: &FeedKind) -> Rendered {
        let site = self.views.site;
        let config = self.views.config;
        let (url, title, ids): (UrlPath, String, Vec<PageId>) = match kind {
            FeedKind::Site => {
                let mut ids: Vec<PageId> =
                    site.pages.iter().filter(|p| p.kind.in_site_feed()).map(|p| p.id).collect();
                site.sort_newest_first(&mut ids);
                (urls::site_feed(), config.title.clone(), ids)
            }
            FeedKind::Community(id) => {
                let page = site.page(site.communities[id]);
                let ids =
                    own_pages(site, site.community_pages.get(id).map(Vec::as_slice).unwrap_or_default());
                (urls::feed_of(&page.url), format!("{} · {}", page.title, config.title), ids)
            }
            FeedKind::Author(id) => {
                let name = site.author(id).map_or_else(|| id.0.clone(), |a| a.name.clone());
                let ids = site.author_pages.get(id).cloned().unwrap_or_default();
                (urls::feed_of(&urls::author(id)), format!("{name} · {}", config.title), ids)
            }
        };
        let entries: Vec<FeedEntry> = ids.iter().take(30).map(|&id| self.feed_entry(id)).collect();
        let updated = ids
            .iter()
            .filter_map(|&id| site.page(id).updated.or(site.page(id).date))
            .max()
            .map_or_else(|| "1970-01-01T00:00:00+00:00".to_owned(), |d| d.rfc3339());
        let feed = FeedView {
            title: title.clone(),
            feed_url: config.absolute(url.as_str()),
            site_url: config.base_url.clone(),
            updated,
            entries,
        };
        simple(url, "atom.xml", title, "feed", &feed)
    }

    fn feed_entry(&self, id: PageId) -> FeedEntry {
        self.views.read(id, Facet::Page);
        let site = self.views.site;
        let page = site.page(id);
        let published =
            page.sort_date().map_or_else(|| "1970-01-01T00:00:00+00:00".to_owned(), |d| d.rfc3339());
        FeedEntry {
            title: self.views.title(page),
            url: self.views.config.absolute(&site.link_target(id)),
            updated: page.updated.map_or_else(|| published.clone(), |d| d.rfc3339()),
            published,
            authors: page
                .authors
                .iter()
                .map(|a| site.author(a).map_or_else(|| a.0.clone(), |x| x.name.clone()))
                .collect(),
            summary: self.views.summary(page),
            content: self.views.bodies[id.0].html.clone(),
        }
    }

    pub(super) fn sitemap(&self) -> Rendered {
        let site = self.views.site;
        let config = self.views.config;
        let mut entries = vec![SitemapEntry { url: config.absolute(urls::home().as_str()), lastmod: None }];
        for url in urls::sitemap_lists() {
            entries.push(SitemapEntry { url: config.absolute(url.as_str()), lastmod: None });
        }
        for page in site.pages.iter().filter(|p| p.is_standalone()) {
            self.views.read(page.id, Facet::Link);
            let lastmod = page.updated.or(page.date).map(|d| d.machine());
            entries.push(SitemapEntry { url: config.absolute(page.url.as_str()), lastmod });
        }
        for tag in site.tags.values() {
            entries.push(SitemapEntry { url: config.absolute(tag.url().as_str()), lastmod: None });
        }
        for author in &site.authors {
            entries.push(SitemapEntry {
                url: config.absolute(urls::author(&author.id).as_str()),
                lastmod: None,
            });
        }
        simple(urls::sitemap(), "sitemap.xml", String::new(), "entries", &entries)
    }
}
