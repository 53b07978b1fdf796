//! The wiki tree: a section page for every folder (written as `_index.md` or generated), and each page's place in it.

use std::collections::BTreeSet;

use crate::model::assemble::{Builder, humanize};
use crate::model::slug::slugify;
use crate::model::urls;
use crate::model::{Page, PageId, PageKind};
use crate::paths::ContentPath;

impl Builder<'_> {
    /// Every folder under a wiki root gets a section page, written or generated.
    pub(super) fn add_generated_sections(&mut self) {
        let mut folders = BTreeSet::new();
        for page in &self.site.pages {
            if page.kind == PageKind::Home || !self.kinds.holds_wiki_page(&page.source) {
                continue;
            }
            let mut dir = folder_listing(page);
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
            if !page.kind.joins_wiki_tree() || !self.kinds.holds_wiki_page(&page.source) {
                continue;
            }
            let own_folder = Some(folder_listing(page)).filter(|d| !d.is_empty());
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

/// The folder a section page describes: its file's folder (`_index.md`, `index.md`,
/// `README.md`, or a generated page's would-be `_index.md`), or, for a page named like a
/// folder beside it (`x.md` beside `x/`), that folder.
pub fn described_folder(source: &ContentPath) -> String {
    let stem = source.stem();
    if matches!(stem, "_index" | "index") || stem.eq_ignore_ascii_case("readme") {
        source.parent().to_owned()
    } else {
        source.as_str().rsplit_once('.').map_or(source.as_str(), |(path, _)| path).to_owned()
    }
}

/// The folder whose section lists a page: a section's sits in the folder above the one it
/// describes, a bundle's (`x/index.md`) in the folder above `x/`, any other page in its own.
fn folder_listing(page: &Page) -> String {
    let above = |folder: &str| folder.rsplit_once('/').map_or(String::new(), |(above, _)| above.to_owned());
    if page.kind == PageKind::Section {
        above(&described_folder(&page.source))
    } else if page.source.stem() == "index" {
        above(page.source.parent())
    } else {
        page.source.parent().to_owned()
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
        updated_by: None,
        communities: Vec::new(),
        tags: Vec::new(),
        summary: None,
        draft: false,
        lang: None,
        weight: None,
        aliases: Vec::new(),
        extra: serde_json::Map::new(),
        image: None,
        body_line: 1,
        body_offset: 0,
        parent: None,
        responses: Vec::new(),
        accepted: None,
        children: Vec::new(),
        community: None,
        authors_from_git: false,
    }
}
