//! Page ids that stay put: `PageKeys` gives each content path one id for the life of a kept site, `Pages` holds the pages by id.
//!
//! A `PageId` used to be a page's position in a list sorted by path, so adding one file
//! shifted the id of every page after it, and with it every body, backlink and link target
//! stored by id. Now the id comes from the page's `ContentPath` through `PageKeys`, which a
//! kept site carries from one assembly to the next: a page keeps its id while other files
//! come and go, and a removed page leaves its slot empty.
//!
//! Ids say nothing about order. The site's order of pages (what iterating `Pages` yields,
//! and the last tie-break of every sorted list) is the order in which assembly added them:
//! the files in the order the walk found them, then generated section pages, then answers
//! and comments. That order comes from the files alone, so a site updated page by page and
//! the same site built afresh list everything the same way. In a fresh build ids are
//! handed out in that same order, so there `ordinal(id) == id`.

use std::collections::HashMap;
use std::ops::Index;

use rayon::prelude::*;

use crate::model::{Page, PageId};
use crate::paths::ContentPath;

/// Which id each content path has; kept by a built site so that ids survive re-assembly.
/// A path that disappears keeps its id, unused, so a file removed and added back gets its
/// old id again and no id ever means two pages.
#[derive(Clone, Debug, Default)]
pub struct PageKeys {
    ids: HashMap<ContentPath, PageId>,
}

impl PageKeys {
    /// The id of `path`, given out now if the path is new.
    pub fn id_for(&mut self, path: &ContentPath) -> PageId {
        let next = PageId(self.ids.len());
        *self.ids.entry(path.clone()).or_insert(next)
    }

    /// The id `path` has, if it ever had one.
    pub fn get(&self, path: &ContentPath) -> Option<PageId> {
        self.ids.get(path).copied()
    }

    /// One more than the largest id given out: the length of a vector indexed by id.
    pub fn bound(&self) -> usize {
        self.ids.len()
    }
}

/// The pages of a site by id, with vacant slots for ids whose page is gone, and the site's
/// order of pages (see the module's documentation).
#[derive(Debug, Default)]
pub struct Pages {
    slots: Vec<Option<Page>>,
    /// Ids in the site's order.
    order: Vec<PageId>,
    /// Each id's place in `order`, by id; `u32::MAX` for a vacant slot.
    ordinal: Vec<u32>,
}

impl Pages {
    /// Room for pages with ids below `bound`.
    pub(crate) fn with_bound(bound: usize) -> Pages {
        let mut slots = Vec::with_capacity(bound);
        slots.resize_with(bound, || None);
        Pages { slots, order: Vec::with_capacity(bound), ordinal: vec![u32::MAX; bound] }
    }

    /// Adds a page in its id's slot, last in the site's order.
    pub(crate) fn push(&mut self, page: Page) {
        let index = page.id.0;
        if index >= self.slots.len() {
            self.slots.resize_with(index + 1, || None);
            self.ordinal.resize(index + 1, u32::MAX);
        }
        assert!(self.slots[index].is_none(), "two pages were given the id {index}");
        self.ordinal[index] = self.order.len() as u32;
        self.order.push(page.id);
        self.slots[index] = Some(page);
    }

    /// The page with this id, if it has one.
    pub fn get(&self, id: PageId) -> Option<&Page> {
        self.slots.get(id.0).and_then(Option::as_ref)
    }

    pub(crate) fn get_mut(&mut self, id: PageId) -> &mut Page {
        self.slots[id.0].as_mut().expect("a page id with no page")
    }

    /// The pages in the site's order.
    pub fn iter(&self) -> PagesIter<'_> {
        PagesIter { pages: self, ids: self.order.iter() }
    }

    /// The pages in the site's order, on every core.
    pub fn par_iter(&self) -> impl IndexedParallelIterator<Item = &Page> {
        self.order.par_iter().map(|id| &self[*id])
    }

    /// The ids in the site's order.
    pub fn ids(&self) -> &[PageId] {
        &self.order
    }

    /// How many pages there are.
    pub fn count(&self) -> usize {
        self.order.len()
    }

    /// One more than the largest id in use or once used: the length of a vector indexed by id.
    pub fn id_bound(&self) -> usize {
        self.slots.len()
    }

    /// A page's place in the site's order: the tie-break that does not depend on ids.
    pub fn ordinal(&self, id: PageId) -> u32 {
        self.ordinal[id.0]
    }

    /// A value for every id (vacant slots get `vacant`), computed in the site's order.
    pub fn by_id<T: Clone>(&self, vacant: T, value: impl Fn(&Page) -> T) -> Vec<T> {
        let mut values = vec![vacant; self.slots.len()];
        for page in self.iter() {
            values[page.id.0] = value(page);
        }
        values
    }
}

impl Index<PageId> for Pages {
    type Output = Page;

    fn index(&self, id: PageId) -> &Page {
        self.get(id).unwrap_or_else(|| panic!("no page has the id {}", id.0))
    }
}

/// The pages in the site's order.
pub struct PagesIter<'a> {
    pages: &'a Pages,
    ids: std::slice::Iter<'a, PageId>,
}

impl<'a> Iterator for PagesIter<'a> {
    type Item = &'a Page;

    fn next(&mut self) -> Option<&'a Page> {
        self.ids.next().map(|id| &self.pages[*id])
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ids.size_hint()
    }
}

impl ExactSizeIterator for PagesIter<'_> {}

impl<'a> IntoIterator for &'a Pages {
    type Item = &'a Page;
    type IntoIter = PagesIter<'a>;

    fn into_iter(self) -> PagesIter<'a> {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(text: &str) -> ContentPath {
        ContentPath::from_components(text.split('/'))
    }

    #[test]
    fn a_path_keeps_its_id_when_others_come_and_go() {
        let mut keys = PageKeys::default();
        let b = keys.id_for(&path("posts/b.md"));
        let c = keys.id_for(&path("posts/c.md"));
        // `a` sorts before both, but gets a new id rather than shifting theirs.
        let a = keys.id_for(&path("posts/a.md"));
        assert_eq!((b, c, a), (PageId(0), PageId(1), PageId(2)));
        assert_eq!(keys.id_for(&path("posts/b.md")), b);
        assert_eq!(keys.get(&path("posts/c.md")), Some(c));
        assert_eq!(keys.get(&path("posts/d.md")), None);
        assert_eq!(keys.bound(), 3);
    }
}
