//! The built site: every stage's result in one value; and the kept site, which takes in a changed, added or removed page without building again.
//!
//! `pipeline::build_site` returns a [`BuiltSite`], which `kennis build` writes and drops.
//! `pipeline::build_kept_site` returns a [`KeptSite`]: the built site and its sources, for
//! `kennis serve` to keep (the sources cost about 2 KB a page, which `kennis build` does
//! not pay). A change goes through the same stages as a build, but only as far as it must:
//!
//! 1. The kept sources (every document's front matter, without its Markdown) take the
//!    new document, or lose the removed one, at the place a walk would find it.
//! 2. The model is assembled again from them — no I/O, a fraction of a build — with the
//!    kept `PageKeys`, so every page keeps its `PageId`.
//! 3. Bodies are rendered again only for the changed pages and for pages whose links now
//!    lead elsewhere (each link is resolved against the old and the new model; their
//!    Markdown is read again, since a build does not keep it). Every other body is kept.
//! 4. Links are followed and cross links rebuilt from the bodies, as in a build.
//!
//! `kennis serve` takes a change in with `KeptSite::take_in`, which leaves working out the
//! outputs to it, and shows the pages browsers have open before the change is wholly taken
//! in (`preview.rs`): from the new body alone, or from the model once it is assembled.

mod preview;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{
    AuthorAgain, AuthorSource, ReadAgain, SourceDocument, Sources, read_author, read_document, walk_order,
};
use crate::error::{Diagnostic, Diagnostics, Result};
use crate::git::GitHistory;
use crate::insights::AccessFigures;
use crate::markdown::{Highlighter, RenderedMarkdown};
use crate::model::{AssembleOptions, Page, PageId, PageKeys, Site, assemble_site};
use crate::paths::{ContentPath, OutputPath};
use crate::render::{
    Affected, BodyContext, CrossLinks, LinkReport, OutputIndex, OutputSink, RenderInput, RenderOptions,
    Teardown, Theme, check_links, cross_links, links_resolve_alike, named_anchors, point_anchors_at_ids,
    render_body, render_outputs, render_site, render_site_then,
};

/// The stages up to and including the link check (what `kennis check` runs).
pub struct Checked {
    pub config: Config,
    pub theme: Theme,
    pub highlighter: Highlighter,
    pub include_drafts: bool,
    /// The sources, each document's Markdown taken out for rendering.
    pub sources: Sources,
    /// Every commit that touched content, and each file's summary; `None` outside git.
    pub history: Option<GitHistory>,
    /// What the access logs of `insights: { access_logs }` say; `None` without logs.
    pub access: Option<AccessFigures>,
    pub keys: PageKeys,
    pub site: Site,
    /// By `PageId`.
    pub bodies: Vec<RenderedMarkdown>,
    pub links: LinkReport,
    /// Found while loading: files, `site.yaml`, git.
    pub loading: Diagnostics,
    /// Found while assembling the model.
    pub assembling: Diagnostics,
}

impl Checked {
    /// Every problem found, errors, warnings and notes.
    pub fn diagnostics(&self) -> Diagnostics {
        all_diagnostics(&self.loading, &self.assembling, &self.links.diagnostics)
    }
}

/// A built site: configuration, theme, git history, model, rendered bodies, links and
/// cross links, by stable page ids. What it outputs, and what each output reads, the render
/// stage derives from it.
pub struct BuiltSite {
    pub config: Config,
    pub theme: Theme,
    pub highlighter: Highlighter,
    pub render_options: RenderOptions,
    /// Every commit that touched content (`CommitEvent`s) and the summary the model's dates
    /// and contributors came from; `None` outside a git repository.
    pub history: Option<GitHistory>,
    /// What the access logs of `insights: { access_logs }` say; `None` without logs.
    pub access: Option<AccessFigures>,
    pub site: Site,
    /// By `PageId`; empty for ids with no page.
    pub bodies: Vec<RenderedMarkdown>,
    /// Broken links, and by `PageId` the pages each body links to.
    pub links: LinkReport,
    pub cross: CrossLinks,
    loading: Diagnostics,
    assembling: Diagnostics,
}

/// A built site with what it was built from, so that it can take in changes: a page
/// keeps its `PageId` while it exists.
pub struct KeptSite {
    pub built: BuiltSite,
    include_drafts: bool,
    /// Every document, its Markdown taken out, in the order a walk finds them.
    sources: Sources,
    keys: PageKeys,
    /// What each output of the site as it is now shows, once a change has needed it.
    index: Option<OutputIndex>,
}

/// What taking in a change did, and what it means for the output.
#[derive(Debug, Default)]
pub struct Update {
    /// The pages whose bodies were rendered again, in the site's order.
    pub bodies_rendered: Vec<ContentPath>,
    /// The outputs to render again (`BuiltSite::render_only`) and to delete.
    pub affected: Affected,
}

/// A change to the sources.
enum Edit {
    /// A page's file, new or changed, and the problems found reading it.
    Write(Box<SourceDocument>, Vec<Diagnostic>),
    /// A page's file that is gone, or no longer reads as a page (its problems given).
    Remove(ContentPath, Vec<Diagnostic>),
    /// An author file, new or changed, and the problems found reading it.
    Author(AuthorSource, Vec<Diagnostic>),
    /// An author file that is gone, or no longer reads as a person (its problem given).
    RemoveAuthor(String, Vec<Diagnostic>),
}

impl BuiltSite {
    /// Completes a checked site with its cross links; its sources are dropped.
    pub fn new(checked: Checked, render_options: RenderOptions) -> BuiltSite {
        KeptSite::new(checked, render_options).built
    }

    /// Every problem the site has now.
    pub fn diagnostics(&self) -> Diagnostics {
        all_diagnostics(&self.loading, &self.assembling, &self.links.diagnostics)
    }

    /// What rendering reads: the built site, borrowed.
    pub fn render_input(&self) -> RenderInput<'_> {
        RenderInput {
            site: &self.site,
            bodies: &self.bodies,
            cross: &self.cross,
            config: &self.config,
            repository_path: self.history.as_ref().map_or("", GitHistory::site_path),
            history: self.history.as_ref(),
            access: self.access.as_ref(),
            theme: &self.theme,
            highlighter: &self.highlighter,
            options: self.render_options,
        }
    }

    /// Renders every output into `sink`.
    pub fn render_all(&self, sink: &dyn OutputSink) -> Result<()> {
        render_site(&self.render_input(), sink)
    }

    /// [`BuiltSite::render_all`], leaving what rendering made for itself as `teardown` says.
    pub fn render_all_then(&self, sink: &dyn OutputSink, teardown: Teardown) -> Result<()> {
        render_site_then(&self.render_input(), sink, teardown)
    }

    /// Renders only these outputs (an `Affected::render`) into `sink`.
    pub fn render_only(&self, paths: &[OutputPath], sink: &dyn OutputSink) -> Result<()> {
        render_outputs(&self.render_input(), paths, sink)
    }
}

impl KeptSite {
    /// Completes a checked site with its cross links, keeping its sources.
    pub fn new(checked: Checked, render_options: RenderOptions) -> KeptSite {
        let Checked {
            config,
            theme,
            highlighter,
            include_drafts,
            sources,
            history,
            access,
            keys,
            site,
            bodies,
            links,
            loading,
            assembling,
        } = checked;
        let cross = cross_links(&site, &links.targets);
        let built = BuiltSite {
            config,
            theme,
            highlighter,
            render_options,
            history,
            access,
            site,
            bodies,
            links,
            cross,
            loading,
            assembling,
        };
        KeptSite { built, include_drafts, sources, keys, index: None }
    }

    /// Takes in a page's file, changed or new (read by `content`, front matter and
    /// Markdown), with the problems found reading it.
    pub fn replace_page(&mut self, document: SourceDocument, problems: Vec<Diagnostic>) -> Result<Update> {
        self.apply(vec![Edit::Write(Box::new(document), problems)])
    }

    /// Takes in that a page's file is gone.
    pub fn remove_page(&mut self, path: &ContentPath) -> Result<Update> {
        self.apply(vec![Edit::Remove(path.clone(), Vec::new())])
    }

    /// Takes in an author file, changed or new.
    pub fn replace_author(&mut self, author: AuthorSource) -> Result<Update> {
        self.apply(vec![Edit::Author(author, Vec::new())])
    }

    /// Takes in that an author file is gone.
    pub fn remove_author(&mut self, id: &str) -> Result<Update> {
        self.apply(vec![Edit::RemoveAuthor(id.to_owned(), Vec::new())])
    }

    /// Reads a file of `authors/` (`an-peeters.yaml`) again and takes in what changed.
    pub fn reread_author(&mut self, file_name: &str) -> Result<Update> {
        let edits = self.read_again(&[], &[file_name.to_owned()])?;
        self.apply(edits)
    }

    /// Reads these content files again and takes in what changed: a file that is there
    /// replaces or adds its page, a file that is gone removes it. One assembly for all.
    pub fn reread(&mut self, paths: &[ContentPath]) -> Result<Update> {
        self.refresh_history(paths);
        let edits = self.read_again(paths, &[])?;
        self.apply(edits)
    }

    /// Reads these content files and files of `authors/` (`an-peeters.yaml`) again and takes
    /// in what changed, in one assembly, as [`reread`](Self::reread) does, but leaves working
    /// out which outputs changed to the caller, which keeps the index of what it shows
    /// (`kennis serve` shows the last version without errors). Returns the pages whose
    /// bodies were rendered again, in the site's order.
    pub fn take_in(&mut self, pages: &[ContentPath], author_files: &[String]) -> Result<Vec<ContentPath>> {
        self.take_in_with(pages, author_files, None)
    }

    /// [`take_in`](Self::take_in), calling `preview` as soon as the model is assembled and the
    /// changed pages' bodies are rendered, before the rest (other bodies whose links changed,
    /// links, cross links) is worked out: the built site it gets shows the changed pages as
    /// they will be, with the cross links of before (less the pages that are gone). Rendering
    /// the pages browsers show from it puts the new text before readers early.
    pub fn take_in_previewing(
        &mut self,
        pages: &[ContentPath],
        author_files: &[String],
        preview: &mut dyn FnMut(&BuiltSite),
    ) -> Result<Vec<ContentPath>> {
        self.take_in_with(pages, author_files, Some(preview))
    }

    fn take_in_with(
        &mut self,
        pages: &[ContentPath],
        author_files: &[String],
        preview: Option<&mut dyn FnMut(&BuiltSite)>,
    ) -> Result<Vec<ContentPath>> {
        let started = std::time::Instant::now();
        self.index = None;
        if !pages.is_empty() {
            self.refresh_history(pages);
            log_step("git history refreshed", started);
        }
        let edits = self.read_again(pages, author_files)?;
        log_step("files read", started);
        Ok(self.apply_edits(edits, preview))
    }

    /// The edits that reading these files again makes.
    fn read_again(&self, pages: &[ContentPath], author_files: &[String]) -> Result<Vec<Edit>> {
        let config = &self.built.config;
        let mut edits = Vec::with_capacity(pages.len() + author_files.len());
        for path in pages {
            edits.push(match read_document(config, path)? {
                ReadAgain::Found(Some(document), problems) => Edit::Write(document, problems),
                ReadAgain::Found(None, problems) => Edit::Remove(path.clone(), problems),
                ReadAgain::Gone => Edit::Remove(path.clone(), Vec::new()),
            });
        }
        for file_name in author_files {
            edits.push(match read_author(config, file_name)? {
                AuthorAgain::Found(author) => Edit::Author(author, Vec::new()),
                AuthorAgain::Invalid(id, problem) => Edit::RemoveAuthor(id, vec![problem]),
                AuthorAgain::Gone(id) => Edit::RemoveAuthor(id, Vec::new()),
            });
        }
        Ok(edits)
    }

    /// Reads the git history of these files again (one pass for all), so that a new file
    /// is dated and credited as a build would, and a committed one gets its new commits.
    /// A history that cannot be read again keeps what it had, with a line in the log.
    fn refresh_history(&mut self, paths: &[ContentPath]) {
        let config = &self.built.config;
        let Some(history) = &mut self.built.history else { return };
        let from_root: Vec<String> =
            paths.iter().map(|p| p.display_from_root(&config.content_prefix)).collect();
        if let Err(error) = history.refresh(&config.root, &from_root) {
            log::warn!("kept the git history as it was: {error}");
        }
    }

    /// Takes in the edits. The site always ends up built from the sources as they now are
    /// (nothing here fails half-way); only listing what it outputs can fail — when two
    /// outputs would be written to one path, which a build refuses too — and then the error
    /// is returned and the index of what is shown stays as it was, so that the next change
    /// is compared with what readers still see.
    fn apply(&mut self, edits: Vec<Edit>) -> Result<Update> {
        // What every output shows now, to compare with after the change. The site is
        // listable here: it was built without errors, or listed after its last change.
        let shown = match self.index.take() {
            Some(index) => index,
            None => OutputIndex::new(&self.built.render_input())?,
        };
        let bodies_rendered = self.apply_edits(edits, None);
        match OutputIndex::new(&self.built.render_input()) {
            Ok(now) => {
                let affected = shown.changes_to(&now);
                self.index = Some(now);
                Ok(Update { bodies_rendered, affected })
            }
            Err(error) => {
                self.index = Some(shown);
                Err(error)
            }
        }
    }

    /// Takes the edits into the sources and builds the site from them again: model, the
    /// bodies that changed, links and cross links. Nothing here fails; returns the pages
    /// whose bodies were rendered again.
    fn apply_edits(
        &mut self,
        edits: Vec<Edit>,
        preview: Option<&mut dyn FnMut(&BuiltSite)>,
    ) -> Vec<ContentPath> {
        let started = std::time::Instant::now();
        let mut fresh: HashMap<ContentPath, String> = HashMap::new();
        for edit in edits {
            match edit {
                Edit::Write(mut document, problems) => {
                    self.replace_problems(&document.path, problems);
                    fresh.insert(document.path.clone(), std::mem::take(&mut document.body));
                    self.put_document(*document);
                }
                Edit::Remove(path, problems) => {
                    self.replace_problems(&path, problems);
                    fresh.remove(&path);
                    self.remove_document(&path);
                }
                Edit::Author(author, problems) => {
                    self.replace_author_problems(&author.id, problems);
                    self.sources.authors.retain(|a| a.id != author.id);
                    self.sources.authors.push(author);
                }
                Edit::RemoveAuthor(id, problems) => {
                    self.replace_author_problems(&id, problems);
                    self.sources.authors.retain(|a| a.id != id);
                }
            }
        }
        let options = AssembleOptions::of(&self.built.config, self.include_drafts);
        let history = self.built.history.as_ref();
        let (site, assembling) = assemble_site(&self.sources, history, &mut self.keys, options);
        let before = std::mem::replace(&mut self.built.site, site);
        self.built.assembling = assembling;
        log_step("model assembled", started);
        if let Some(preview) = preview {
            self.preview_assembled(&fresh, preview);
            log_step("previewed", started);
        }
        let bodies_rendered = self.render_changed_bodies(&before, fresh);
        log_step("bodies rendered", started);
        self.built.links = check_links(&self.built.site, &self.built.bodies, &self.built.config);
        log_step("links followed", started);
        self.built.cross = cross_links(&self.built.site, &self.built.links.targets);
        log_step("cross links built", started);
        bodies_rendered
    }

    /// The problems found reading `path`, in place of those found before.
    fn replace_problems(&mut self, path: &ContentPath, problems: Vec<Diagnostic>) {
        let file = path.display_from_root(&self.built.config.content_prefix);
        let kept = self.built.loading.iter().filter(|d| d.file != file).cloned();
        self.built.loading = kept.chain(problems).collect();
    }

    /// The problems found reading an author's file, in place of those found before.
    fn replace_author_problems(&mut self, id: &str, problems: Vec<Diagnostic>) {
        let is_theirs = |file: &str| {
            let name = file.strip_prefix("authors/").unwrap_or("");
            name.rsplit_once('.').is_some_and(|(stem, _)| stem == id)
        };
        let kept = self.built.loading.iter().filter(|d| !is_theirs(&d.file)).cloned();
        self.built.loading = kept.chain(problems).collect();
    }

    /// Puts a document where a walk would find it, in place of the one at its path.
    fn put_document(&mut self, document: SourceDocument) {
        let documents = &mut self.sources.documents;
        match documents.binary_search_by(|d| walk_order(&d.path, &document.path)) {
            Ok(at) => documents[at] = document,
            Err(at) => documents.insert(at, document),
        }
    }

    fn remove_document(&mut self, path: &ContentPath) {
        let documents = &mut self.sources.documents;
        if let Ok(at) = documents.binary_search_by(|d| walk_order(&d.path, path)) {
            documents.remove(at);
        }
    }

    /// Bodies for the new model: the changed pages' rendered from their new Markdown,
    /// those whose links now resolve differently rendered from their file read again, the
    /// rest kept. A file that cannot be read again gets an empty body and a line in the
    /// log: the change that made it unreadable comes next.
    fn render_changed_bodies(
        &mut self,
        before: &Site,
        mut fresh: HashMap<ContentPath, String>,
    ) -> Vec<ContentPath> {
        let site = &self.built.site;
        let config = &self.built.config;
        let old_bodies = &self.built.bodies;
        // Which kept bodies still say the same: decided on every core, link by link. A
        // generated section and the `_index.md` it stands in for share a path and an id,
        // but not a body.
        let keep: Vec<bool> =
            site.pages
                .par_iter()
                .map(|page| {
                    !fresh.contains_key(&page.source)
                        && before.pages.get(page.id).is_some_and(|old| {
                            (old.has_file, old.body_line) == (page.has_file, page.body_line)
                        })
                        && links_resolve_alike(before, site, config, page.id, &old_bodies[page.id.0])
                })
                .collect();
        let changed: Vec<&Page> =
            site.pages.iter().zip(&keep).filter(|(_, keep)| !**keep).map(|(page, _)| page).collect();
        let texts: Vec<Option<String>> = changed
            .iter()
            .map(|page| match page.has_file {
                true => fresh.remove(&page.source),
                // A generated section has no Markdown, whatever `fresh` holds for its path.
                false => Some(String::new()),
            })
            .collect();
        let strings = self.built.theme.body_strings();
        let context = BodyContext { config, highlighter: &self.built.highlighter, strings: &strings };
        let mut rendered: Vec<(PageId, RenderedMarkdown)> = changed
            .par_iter()
            .zip(texts)
            .map(|(page, text)| {
                let text = text.unwrap_or_else(|| read_body_again(config, &page.source));
                (page.id, render_body(site, page.id, &text, &context))
            })
            .collect();
        // A kept body whose link names an anchor on a page rendered again, other than an id
        // both versions have (in another case, or by another engine's rule), may have been
        // rewritten to an id that is gone (`point_anchors_at_ids`): it is rendered again
        // too, as a fresh build would.
        let new_ids: HashMap<PageId, &Vec<String>> =
            rendered.iter().map(|(id, body)| (*id, &body.heading_ids)).collect();
        let exact = |ids: Option<&Vec<String>>, anchor: &str| {
            ids.is_some_and(|ids| ids.iter().any(|id| id == anchor))
        };
        let anchored: Vec<&Page> = site
            .pages
            .par_iter()
            .zip(keep.par_iter())
            .filter(|(page, keep)| **keep && page.has_file)
            .filter(|(page, _)| {
                named_anchors(site, config, page.id, &old_bodies[page.id.0]).iter().any(|(to, anchor)| {
                    new_ids.get(to).is_some_and(|ids| {
                        !(exact(Some(ids), anchor)
                            && exact(old_bodies.get(to.0).map(|b| &b.heading_ids), anchor))
                    })
                })
            })
            .map(|(page, _)| page)
            .collect();
        let again: Vec<(PageId, RenderedMarkdown)> = anchored
            .par_iter()
            .map(|page| {
                (page.id, render_body(site, page.id, &read_body_again(config, &page.source), &context))
            })
            .collect();
        rendered.extend(again);
        let bodies_rendered = rendered.iter().map(|(id, _)| site.page(*id).source.clone()).collect();
        let mut bodies = std::mem::take(&mut self.built.bodies);
        bodies.resize_with(self.built.site.pages.id_bound(), RenderedMarkdown::default);
        for (id, body) in bodies.iter_mut().enumerate() {
            if self.built.site.pages.get(PageId(id)).is_none() {
                *body = RenderedMarkdown::default();
            }
        }
        for (id, body) in rendered {
            bodies[id.0] = body;
        }
        point_anchors_at_ids(site, config, &mut bodies);
        self.built.bodies = bodies;
        bodies_rendered
    }
}

/// The Markdown of a page whose body must be rendered again although its file did not
/// change (a link in it now leads elsewhere): a build keeps no Markdown, so it is read.
fn read_body_again(config: &Config, path: &ContentPath) -> String {
    match read_document(config, path) {
        Ok(ReadAgain::Found(Some(document), _)) => document.body,
        Ok(ReadAgain::Found(None, _) | ReadAgain::Gone) => String::new(),
        Err(error) => {
            log::warn!("{error}");
            String::new()
        }
    }
}

/// A step of taking in a change, timed for `--verbose` (and `examples/serve_latency.rs`).
fn log_step(step: &str, started: std::time::Instant) {
    log::debug!("kept site: {step} after {:.1} ms", started.elapsed().as_secs_f64() * 1000.0);
}

fn all_diagnostics(loading: &Diagnostics, assembling: &Diagnostics, links: &Diagnostics) -> Diagnostics {
    loading.iter().chain(assembling.iter()).chain(links.iter()).cloned().collect()
}
