//! The wiki tree: a section page for every folder (written as `_index.md` or generated), and each page's place in it.

use std::collections::BTreeSet;

use crate::model::assemble::{Builder, humanize, is_wiki_tree};
use crate::model::slug::slugify;
use crate::model::urls;
use crate::model::{Page, PageId, PageKind};
use crate::paths::ContentPath;

impl Builder<'_> {
    /// Every folder under a wiki root gets a section page, written or generated.
    pub(super) fn add_generated_sections(&mut self) {
        let mut folders = BTreeSet::new();
        for page in &self.site.pages {
            if page.kind == PageKind::Home || !is_wiki_tree(page.source.segments().next().unwrap_or("")) {
                continue;
            }
            let mut dir = page.source.parent().to_owned();
            if page.source.stem() == "index" && page.kind != PageKind::Section {
                dir = dir.rsplit_once('/').map_or(String::new(), |(above, _)| above.to_owned());
            }
            if page.kind == PageKind::Section {
                dir = dir.rsplit_once('/').map_or(String::new(), |(above, _)| above.to_owned());
            }
            while !dir.is_empty() {
                folders.insert(dir.clone());
                dir = dir.rsplit_once('/').map_or(String::new(), |(above, _)| above.to_owned());
            }
        }
        for folder in folders {
            if self.sections.contains_key(&folder) {
                continue;
            }
            let segments: Vec<String> = folder.split('/').map(slugify).collect();
            let name = folder.rsplit('/').next().unwrap_or(&folder);
            let source = ContentPath::from_components(folder.split('/').chain(["_index.md"]));
            let id = self.keys.id_for(&source);
            let section = generated_section(id, source, &segments, humanize(name));
            self.site.by_source.insert(section.source.clone(), id);
            self.site.pages.push(section);
            self.sections.insert(folder, id);
        }
    }

    /// Parents and children of sections, and every wiki page's section.
    pub(super) fn link_sections(&mut self) {
        for id in self.site.pages.ids().to_vec() {
            let page = self.site.page(id);
            if !page.kind.joins_wiki_tree() || !is_wiki_tree(page.source.segments().next().unwrap_or("")) {
                continue;
            }
            let own_folder = if page.kind == PageKind::Section || page.source.stem() == "index" {
                page.source.parent().rsplit_once('/').map(|(above, _)| above.to_owned())
            } else {
                Some(page.source.parent().to_owned()).filter(|d| !d.is_empty())
            };
            if let Some(section) = own_folder.and_then(|f| self.sections.get(&f).copied()) {
                self.site.pages.get_mut(id).parent = Some(section);
                self.site.pages.get_mut(section).children.push(id);
            } else if page.kind == PageKind::Section {
                self.site.wiki_roots.push(id);
            }
        }
        let pages = &self.site.pages;
        // Ties go to the site's order of pages, so that ids never decide what is listed first.
        let order = |a: &PageId, b: &PageId| {
            let (ordinal_a, ordinal_b) = (pages.ordinal(*a), pages.ordinal(*b));
            let (a, b) = (&pages[*a], &pages[*b]);
            (a.kind != PageKind::Section, a.weight.unwrap_or(i64::MAX), &a.title, ordinal_a).cmp(&(
                b.kind != PageKind::Section,
                b.weight.unwrap_or(i64::MAX),
                &b.title,
                ordinal_b,
            ))
        };
        let mut sorted: Vec<(PageId, Vec<PageId>)> = Vec::new();
        for page in pages.iter().filter(|p| !p.children.is_empty()) {
            let mut children = page.children.clone();
            children.sort_by(order);
            sorted.push((page.id, children));
        }
        let mut roots = self.site.wiki_roots.clone();
        roots.sort_by(order);
        self.site.wiki_roots = roots;
        for (id, children) in sorted {
            self.site.pages.get_mut(id).children = children;
        }
    }
}

fn generated_section(id: PageId, source: ContentPath, segments: &[String], title: String) -> Page {
    Page {
        id,
        kind: PageKind::Section,
        source,
        has_file: false,
        url: urls::section(segments),
        anchor: None,
        title,
        date: None,
        updated: None,
        authors: Vec::new(),
        contributors: Vec::new(),
        communities: Vec::new(),
        tags: Vec::new(),
        summary: None,
        draft: false,
        lang: None,
        weight: None,
        aliases: Vec::new(),
        extra: serde_json::Map::new(),
        body_line: 1,
        body_offset: 0,
        parent: None,
        responses: Vec::new(),
        accepted: None,
        children: Vec::new(),
        community: None,
    }
}
