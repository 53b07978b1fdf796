//! Previews of a change: the pages browsers show, rendered before the change is wholly
//! taken in (Hugo's fast render), from the new body alone or from the model newly assembled.

use std::collections::HashMap;

use crate::built::{BuiltSite, KeptSite};
use crate::content::{ReadAgain, read_document, walk_order};
use crate::error::Result;
use crate::markdown::RenderedMarkdown;
use crate::model::PageId;
use crate::paths::{ContentPath, OutputPath};
use crate::render::{BodyContext, CrossLinks, OutputSink, render_body};

impl KeptSite {
    /// Renders `outputs` (the pages browsers show) into `sink` as the changed `pages` will
    /// make them look, as far as can be known before the change is taken in: a changed page
    /// whose front matter is as it was (a body edit, the common case) gets its new body,
    /// rendered against the model as it is. Nothing is kept: [`take_in`](Self::take_in) then
    /// works out everything (links, cross links, lists) and the outputs are rendered again.
    /// Returns whether any page was previewed; when none was, nothing is rendered.
    pub fn preview(
        &mut self,
        pages: &[ContentPath],
        outputs: &[OutputPath],
        sink: &dyn OutputSink,
    ) -> Result<bool> {
        let edits: Vec<(PageId, String)> = pages.iter().filter_map(|path| self.body_edit(path)).collect();
        if edits.is_empty() {
            return Ok(false);
        }
        let strings = self.built.theme.body_strings();
        let context = BodyContext {
            config: &self.built.config,
            highlighter: &self.built.highlighter,
            strings: &strings,
        };
        let mut previewed: Vec<(PageId, RenderedMarkdown)> = edits
            .iter()
            .map(|(id, body)| (*id, render_body(&self.built.site, *id, body, &context)))
            .collect();
        for (id, body) in &mut previewed {
            std::mem::swap(&mut self.built.bodies[id.0], body);
        }
        let rendered = self.built.render_only(outputs, sink);
        for (id, mut body) in previewed {
            std::mem::swap(&mut self.built.bodies[id.0], &mut body);
        }
        rendered.map(|()| true)
    }

    /// Hands `preview` the site as newly assembled, with the changed pages' new bodies and
    /// the cross links of before, less the pages that are gone; then puts the kept bodies
    /// and cross links back, which the rest of taking the change in compares with.
    pub(super) fn preview_assembled(
        &mut self,
        fresh: &HashMap<ContentPath, String>,
        preview: &mut dyn FnMut(&BuiltSite),
    ) {
        let site = &self.built.site;
        let bound = site.pages.id_bound();
        let strings = self.built.theme.body_strings();
        let context = BodyContext {
            config: &self.built.config,
            highlighter: &self.built.highlighter,
            strings: &strings,
        };
        let mut previewed: Vec<(PageId, RenderedMarkdown)> = fresh
            .iter()
            .filter_map(|(path, text)| {
                let id = *site.by_source.get(path)?;
                site.page(id).has_file.then(|| (id, render_body(site, id, text, &context)))
            })
            .collect();
        let there =
            |ids: &Vec<PageId>| ids.iter().copied().filter(|id| site.pages.get(*id).is_some()).collect();
        let mut cross = CrossLinks {
            backlinks: self.built.cross.backlinks.iter().map(there).collect(),
            related: self.built.cross.related.iter().map(there).collect(),
        };
        cross.backlinks.resize_with(bound, Vec::new);
        cross.related.resize_with(bound, Vec::new);
        self.built.bodies.resize_with(bound.max(self.built.bodies.len()), RenderedMarkdown::default);
        std::mem::swap(&mut self.built.cross, &mut cross);
        for (id, body) in &mut previewed {
            std::mem::swap(&mut self.built.bodies[id.0], body);
        }
        preview(&self.built);
        for (id, mut body) in previewed {
            std::mem::swap(&mut self.built.bodies[id.0], &mut body);
        }
        std::mem::swap(&mut self.built.cross, &mut cross);
    }

    /// The page at `path` and its new Markdown, when its file now differs from what is kept
    /// in its body only: the same front matter, read from the same lines.
    fn body_edit(&self, path: &ContentPath) -> Option<(PageId, String)> {
        let site = &self.built.site;
        let id = *site.by_source.get(path)?;
        let kept = &self.sources.documents
            [self.sources.documents.binary_search_by(|d| walk_order(&d.path, path)).ok()?];
        let ReadAgain::Found(Some(document), _) = read_document(&self.built.config, path).ok()? else {
            return None;
        };
        // Front matter has no equality of its own; its fields and their positions, written
        // out, are the same exactly when the two were read from the same text.
        let same = site.page(id).has_file
            && kept.body_line == document.body_line
            && kept.first_heading == document.first_heading
            && format!("{:?}", kept.front) == format!("{:?}", document.front);
        same.then_some((id, document.body))
    }
}
