//! Stage 3, page bodies: every page's Markdown rendered in parallel, its links resolved against the model.

use rayon::prelude::*;

use crate::config::Config;
use crate::markdown::{
    BodyOptions, BodyStrings, Highlighter, LinkKind, LinkResolver, RenderedMarkdown, render_page_markdown,
};
use crate::model::slug::slugify;
use crate::model::urls;
use crate::model::{PageId, Site};
use crate::paths::ContentPath;
use crate::render::link_check::point_anchors_at_ids;

/// The name `{% post_url name %}` gives (`_posts/name` once resolved to a rooted path):
/// `None` for another path, or one whose file has an extension (`_posts/x.md` is a file).
pub(crate) fn post_name(path: &str) -> Option<&str> {
    let name = path.strip_prefix("_posts/")?;
    let file = name.rsplit('/').next().unwrap_or(name);
    (!file.contains('.') || file.starts_with('.')).then_some(name)
}

/// The pages a Hugo `ref` written as a file name alone names (`installation.md`, or
/// `installation`, for `docs/getting-started/installation.md`): Hugo takes it when it is the
/// only one of that name. Empty for a path with a folder.
pub(crate) fn pages_of_file_name(site: &Site, name: &str) -> Vec<PageId> {
    if name.is_empty() || name.contains('/') {
        return Vec::new();
    }
    let stem = name.strip_suffix(".md").or_else(|| name.strip_suffix(".markdown")).unwrap_or(name);
    let Some(pages) = site.pages_by_file_stem.get(stem) else { return Vec::new() };
    pages
        .iter()
        .copied()
        .filter(|&page| {
            let source = &site.page(page).source;
            // `installation.md` names a file of that name, not a bundle `installation/index.md`.
            stem == name || source.file_name() == name
        })
        .collect()
}

/// Renders every page's body from `markdown` (by `PageId`; empty for a page with no
/// file); the result is indexed by `PageId`, with an empty body for an id with no page.
/// Each page's Markdown is dropped as soon as its HTML is made, so the two are never all
/// in memory at once (455 MB of Markdown at 100,000 pages): broken links are reported by
/// the line and column the HTML's links carry.
///
/// Anchors that name a heading in another case (`page.md#Who-Is-Eligible`) or by another
/// engine's rule (`#what-s-next`) are then rewritten to the heading's id, which only the
/// target's rendered body knows.
pub fn render_bodies(site: &Site, markdown: Vec<String>, context: &BodyContext) -> Vec<RenderedMarkdown> {
    let mut bodies: Vec<RenderedMarkdown> = markdown
        .into_par_iter()
        .enumerate()
        .map(|(id, body)| match site.pages.get(PageId(id)) {
            Some(_) => render_body(site, PageId(id), &body, context),
            None => RenderedMarkdown::default(),
        })
        .collect();
    point_anchors_at_ids(site, context.config, &mut bodies);
    bodies
}

/// What rendering a body needs besides the site and the Markdown.
pub struct BodyContext<'a> {
    pub config: &'a Config,
    pub highlighter: &'a Highlighter,
    /// The UI texts written into bodies, in the site's language.
    pub strings: &'a BodyStrings,
}

/// One page's body, its links resolved against `site`.
pub fn render_body(site: &Site, id: PageId, markdown: &str, context: &BodyContext) -> RenderedMarkdown {
    let page = site.page(id);
    let resolver = SiteLinks { site, config: context.config, from: &page.source };
    let options = BodyOptions {
        strings: context.strings,
        heading_rule: context.config.heading_ids,
        // Answers and comments are shown inside their parent, under no header of their own;
        // the intro of `/posts/`, `/questions/` or `/communities/` under the list's header,
        // which may say something else.
        page_title: (page.kind.has_own_page() && !urls::is_introduced_list(&page.url))
            .then_some(page.title.as_str()),
        search_sections: context.config.search.enabled,
    };
    render_page_markdown(markdown, &resolver, context.highlighter, &options)
}

/// Whether every link of a page's body leads where it did: the body's HTML holds the
/// resolved links, so a body whose links all resolve alike in the old and the new model
/// is still right. Removed links (unsafe schemes) were never resolved.
pub fn links_resolve_alike(
    before: &Site,
    after: &Site,
    config: &Config,
    id: PageId,
    body: &RenderedMarkdown,
) -> bool {
    let (Some(old), Some(new)) = (before.pages.get(id), after.pages.get(id)) else { return false };
    let old = SiteLinks { site: before, config, from: &old.source };
    let new = SiteLinks { site: after, config, from: &new.source };
    body.links
        .iter()
        .filter(|link| link.unsafe_scheme.is_none())
        .all(|link| old.resolve(&link.dest, link.kind) == new.resolve(&link.dest, link.kind))
}

/// Resolves the links of one page: relative `.md` paths, bundle files and `[[wiki links]]`.
pub struct SiteLinks<'a> {
    pub site: &'a Site,
    pub config: &'a Config,
    pub from: &'a ContentPath,
}

/// What a link in a body leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target<'d> {
    /// Another page (or an answer or comment on one), with the `#fragment` written, if any.
    Page(PageId, &'d str),
    /// A file of a page bundle or elsewhere under the content folder.
    Asset(usize, &'d str),
    /// Left as written: external, site-absolute, or an anchor in the same page.
    AsWritten,
    /// Looks like it should lead somewhere in the site, and does not.
    Missing,
}

impl LinkResolver for SiteLinks<'_> {
    fn resolve(&self, dest: &str, kind: LinkKind) -> Option<String> {
        match self.target(dest, kind) {
            Target::Page(page, fragment) => Some(self.page_href(page, fragment)),
            Target::Asset(asset, fragment) => {
                Some(format!("{}{fragment}", self.config.href(self.site.assets[asset].url.as_str())))
            }
            // `##section` is reported by the link check; the page gets the anchor meant.
            Target::AsWritten if dest.starts_with("##") => Some(format!("#{}", dest.trim_start_matches('#'))),
            Target::AsWritten => self.site_absolute(dest),
            Target::Missing => None,
        }
    }
}

impl SiteLinks<'_> {
    pub fn target<'d>(&self, dest: &'d str, kind: LinkKind) -> Target<'d> {
        match kind {
            LinkKind::Wiki => self.wiki_target(dest),
            LinkKind::Link | LinkKind::Image => self.path_target(dest),
        }
    }

    fn path_target<'d>(&self, dest: &'d str) -> Target<'d> {
        if let Some(rooted) = dest.strip_prefix("@/") {
            return self.rooted_target(rooted);
        }
        if let Some(reference) = dest.strip_prefix("@./") {
            return self.hugo_reference_target(reference);
        }
        if dest.starts_with('/') && !dest.starts_with("//") {
            return self.url_target(dest, "/").unwrap_or(Target::AsWritten);
        }
        if dest.is_empty() || dest.starts_with(['#', '/', '?']) || has_scheme(dest) {
            return Target::AsWritten;
        }
        let (path, fragment) = split_fragment(dest);
        let decoded = percent_decode(path);
        let Some(target) = self.from.join_relative(&decoded) else {
            return self.relative_url_target(dest).unwrap_or(Target::Missing);
        };
        if let Some(&page) = self.site.by_source.get(&target) {
            return Target::Page(page, fragment);
        }
        if let Some(&asset) = self.site.assets_by_source.get(&target) {
            return Target::Asset(asset, fragment);
        }
        // A folder link (`../setup/`) means its index page.
        let folder = decoded.trim_end_matches('/');
        let index = ["index.md", "_index.md"].iter().find_map(|index| {
            let target = self.from.join_relative(&format!("{folder}/{index}"))?;
            self.site.by_source.get(&target).copied()
        });
        match index {
            Some(page) => Target::Page(page, fragment),
            None => self.relative_url_target(dest).unwrap_or(Target::Missing),
        }
    }

    /// A link written as a page's URL (`/2015/09/04/x/`, or an alias) or as a file beside
    /// it, joined onto `base`, a site path ending in `/`: that page or bundle file, whatever
    /// file the page comes from now.
    fn url_target<'d>(&self, dest: &'d str, base: &str) -> Option<Target<'d>> {
        let (path, fragment) = split_fragment(dest);
        // `/search/?q=x`: the page's href would lose the query, so it stays as written.
        if path.contains('?') {
            return None;
        }
        let mut segments: Vec<&str> = Vec::new();
        let joined = if path.starts_with('/') { path.to_owned() } else { format!("{base}{path}") };
        for part in joined.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    segments.pop()?;
                }
                part => segments.push(part),
            }
        }
        let trailing = if joined.ends_with('/') { "/" } else { "" };
        let site_path = format!("/{}{trailing}", segments.join("/"));
        if let Some(page) = self.site.page_at(&site_path) {
            return Some(Target::Page(page, fragment));
        }
        // Any file of the content folder at its URL (`/events/2024/map.png`, as a Hugo
        // page writes `../map.png`), then a bundle's file beside a page's old URL.
        let assets = &self.site.assets_by_url;
        if let Some(&asset) =
            assets.get(site_path.as_str()).or_else(|| assets.get(percent_decode(&site_path).as_str()))
        {
            return Some(Target::Asset(asset, fragment));
        }
        let file = self.site.bundle_file_at(&site_path)?;
        Some(Target::Asset(file, fragment))
    }

    /// A relative link that names no file but a URL as the page's old engine served it
    /// (`../2024/05/07/x/` from `/2024/06/01/y/`): joined onto the linking page's URL; then
    /// onto the folder above it, as a browser joins it onto `/y` when the old engine served
    /// the page without its slash (Jekyll's `permalink: /:title` writes `y.html`).
    fn relative_url_target<'d>(&self, dest: &'d str) -> Option<Target<'d>> {
        let from = self.site.page(*self.site.by_source.get(self.from)?);
        let url = from.url.as_str();
        let base = &url[..url.rfind('/').map_or(0, |slash| slash + 1)];
        self.url_target(dest, base).or_else(|| {
            let without_slash = base.strip_suffix('/').filter(|rest| !rest.is_empty())?;
            self.url_target(dest, &without_slash[..without_slash.rfind('/')? + 1])
        })
    }

    /// `@/blog/post.md#anchor` (Zola's link to a file by its path from the content folder;
    /// also what Jekyll's `{% link %}` and `{% post_url %}` and Hugo's `ref` become): the
    /// file, else the page without its extension written (`@/books/one`, as Hugo's `ref`
    /// names it) or the folder's index page, else, under `_posts/`, the post of that file
    /// name without its extension anywhere in a `_posts` folder, as Jekyll finds it.
    fn rooted_target<'d>(&self, rooted: &'d str) -> Target<'d> {
        let (path, fragment) = split_fragment(rooted);
        let Some(target) = rooted_path(&percent_decode(path)) else { return Target::Missing };
        let path = target.as_str().trim_end_matches('/');
        let page = |candidate: &str| {
            let candidate = ContentPath::from_components(candidate.split('/').filter(|s| !s.is_empty()));
            self.site.by_source.get(&candidate).copied()
        };
        if let Some(&asset) = self.site.assets_by_source.get(&target) {
            return Target::Asset(asset, fragment);
        }
        let found = page(path)
            .or_else(|| ["md", "markdown"].iter().find_map(|ext| page(&format!("{path}.{ext}"))))
            .or_else(|| ["index.md", "_index.md"].iter().find_map(|index| page(&format!("{path}/{index}"))))
            .or_else(|| self.post_named(path))
            .or_else(|| self.in_content_folder(path).and_then(page));
        match found {
            Some(page) => Target::Page(page, fragment),
            None => Target::Missing,
        }
    }

    /// `@./x` (what Hugo's `{{< ref "x" >}}` becomes): `x` from the page's folder, with or
    /// without its `.md`, else from the content folder, else, for a file name alone, the one
    /// page of that name anywhere, as Hugo looks it up.
    fn hugo_reference_target<'d>(&self, reference: &'d str) -> Target<'d> {
        let (path, fragment) = split_fragment(reference);
        let from_page = self.path_target(reference);
        if !matches!(from_page, Target::Missing) {
            return from_page;
        }
        let with_extension = self.from.join_relative(&format!("{}.md", percent_decode(path)));
        if let Some(&page) = with_extension.and_then(|target| self.site.by_source.get(&target)) {
            return Target::Page(page, fragment);
        }
        match self.rooted_target(reference) {
            Target::Missing => match pages_of_file_name(self.site, &percent_decode(path))[..] {
                [page] => Target::Page(page, fragment),
                _ => Target::Missing,
            },
            found => found,
        }
    }

    /// A path written from the site root rather than the content folder, as Jekyll's
    /// `{% link %}` is when the content folder is one of the site's (`_posts/x.md` with
    /// `content_dir: docs/_posts`): the rest after the content folder's own name.
    fn in_content_folder<'p>(&self, path: &'p str) -> Option<&'p str> {
        let prefix = self.config.content_prefix.as_str();
        prefix
            .match_indices('/')
            .map(|(slash, _)| slash + 1)
            .chain([0])
            .filter_map(|start| path.strip_prefix(&prefix[start..]))
            .find(|rest| !rest.is_empty() && rest.len() < path.len())
    }

    /// The post `{% post_url name %}` names (`_posts/name` here): the one whose file, without
    /// its extension, is `_posts/name`, or `name` in a `_posts` folder further down
    /// (`sub/name` also in `sub/_posts/`). Only a name without an extension is looked up;
    /// the first in the site's order of files wins. Only the pages of that file name are
    /// compared (`Site::pages_by_file_stem`), not every page.
    fn post_named(&self, path: &str) -> Option<PageId> {
        let name = post_name(path)?;
        let file = name.rsplit('/').next().unwrap_or(name);
        let candidates = self.site.pages_by_file_stem.get(file)?;
        let in_category = name.rsplit_once('/').map(|(folder, file)| format!("{folder}/_posts/{file}"));
        // Without the content folder's name when the content folder is `_posts` itself.
        let at_root = self.config.content_prefix.ends_with("_posts/").then_some(name);
        let matches = |source: &str| {
            let stem = source.rsplit_once('.').map_or(source, |(stem, _)| stem);
            [Some(path), in_category.as_deref(), at_root].into_iter().flatten().any(|wanted| {
                stem == wanted || stem.strip_suffix(wanted).is_some_and(|before| before.ends_with('/'))
            })
        };
        candidates.iter().copied().find(|&page| matches(self.site.page(page).source.as_str()))
    }

    /// `[[slug]]`, `[[Page Title]]`, `[[slug#heading]]`: by slug first, then by title.
    fn wiki_target<'d>(&self, dest: &'d str) -> Target<'d> {
        let (name, fragment) = split_fragment(dest.trim());
        let by_slug =
            self.site.by_slug.get(&slugify(name)).or_else(|| self.site.by_slug.get(&name.to_lowercase()));
        let found = by_slug.or_else(|| self.site.by_title.get(&name.trim().to_lowercase()));
        match found.and_then(|pages| pages.first()) {
            Some(&page) => Target::Page(page, fragment),
            None => Target::Missing,
        }
    }

    /// Site-absolute links (`/files/a.txt`) get the base path, so they work under a sub-path too.
    fn site_absolute(&self, dest: &str) -> Option<String> {
        let rest = dest.strip_prefix('/').filter(|rest| !rest.starts_with('/'))?;
        (self.config.base_path != "/").then(|| format!("{}{rest}", self.config.base_path))
    }

    fn page_href(&self, page: PageId, fragment: &str) -> String {
        let target = self.site.link_target(page);
        if fragment.is_empty() || target.contains('#') {
            self.config.href(&target)
        } else {
            // `page.md##section` is reported by the link check, and written with one `#`.
            format!("{}#{}", self.config.href(&target), fragment.trim_start_matches('#'))
        }
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(colon) => dest[..colon].chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)),
        None => false,
    }
}

/// A path from the content folder (`blog/post.md`, `..` resolved); `None` when it climbs out.
pub(crate) fn rooted_path(path: &str) -> Option<ContentPath> {
    ContentPath::from_components([]).join_relative(path)
}

/// `a.md#b` gives (`a.md`, `#b`); a query stays with the path.
fn split_fragment(dest: &str) -> (&str, &str) {
    match dest.find('#') {
        Some(hash) => (&dest[..hash], &dest[hash..]),
        None => (dest, ""),
    }
}

/// `%C3%AB` becomes `ë`; invalid sequences stay as written, and so does text whose
/// escapes do not decode to UTF-8.
pub(crate) fn percent_decode(text: &str) -> String {
    crate::model::slug::percent_decode(text).unwrap_or_else(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_handles_utf8_and_stray_signs() {
        assert_eq!(percent_decode("hi%C3%ABrarchie.md"), "hiërarchie.md");
        assert_eq!(percent_decode("my%20page.md"), "my page.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }

    #[test]
    fn schemes_are_recognised() {
        assert!(has_scheme("https://example.org"));
        assert!(has_scheme("mailto:a@b.org"));
        assert!(!has_scheme("../a.md"));
        assert!(!has_scheme("a.md#x:y"));
    }
}
