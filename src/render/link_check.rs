//! Broken links: every link in every body that should lead into the site and does not, at its `path:line:column`.

use std::collections::HashSet;

use rayon::prelude::*;

use crate::config::{BrokenLinks, Config};
use crate::content::FrontImage;
use crate::error::{Diagnostic, Diagnostics, Severity};
use crate::markdown::{
    FoundLink, LinkKind, LinkResolver, RenderedMarkdown, TemplateTags, UnsafeScheme, unsafe_image_scheme,
};
use crate::model::{Page, PageId, Site, closest};
use crate::paths::ContentPath;
use crate::render::bodies::{SiteLinks, Target, pages_of_file_name, percent_decode, post_name, rooted_path};
use crate::render::page_image;

/// Every link of every page, followed: where they lead and which of them are broken.
#[derive(Debug, Default)]
pub struct LinkReport {
    /// Broken links: errors, or warnings with `links.broken: warn`.
    pub diagnostics: Diagnostics,
    /// By `PageId`: the pages each page's body links to.
    pub targets: Vec<Vec<PageId>>,
}

/// Follows the links of every page in parallel.
pub fn check_links(site: &Site, bodies: &[RenderedMarkdown], config: &Config) -> LinkReport {
    let severity = match config.broken_links {
        BrokenLinks::Error => Severity::Error,
        BrokenLinks::Warn => Severity::Warning,
    };
    // Every file a site-absolute link may name: `static/` files and bundle files, by URL path.
    let files: HashSet<&str> = site
        .static_files
        .iter()
        .map(|f| f.relative.as_str())
        .chain(site.assets.iter().map(|a| a.url.as_str().trim_start_matches('/')))
        .collect();
    let per_page: Vec<(PageId, Vec<PageId>, Vec<Problem>)> = site
        .pages
        .par_iter()
        .map(|page| {
            if !page.has_file {
                return (page.id, Vec::new(), Vec::new());
            }
            let links = SiteLinks { site, config, from: &page.source };
            let first_line = page.body_line;
            let checker = PageLinks { site, bodies, config, page, links, files: &files, first_line };
            let mut targets = Vec::new();
            let mut problems = Vec::new();
            if let Some(tags) = &bodies[page.id.0].template_tags {
                problems.push((checker.template_tags(tags), None));
            }
            if let Some(image) = &page.image {
                problems.extend(checker.front_image_problem(image, severity));
            }
            for link in &bodies[page.id.0].links {
                if let Some(scheme) = link.unsafe_scheme {
                    problems.push((checker.removed(link, scheme), None));
                    continue;
                }
                let target = checker.links.target(&link.dest, link.kind);
                if let Target::Page(to, _) = target {
                    targets.push(to);
                }
                let problem = checker.problem(link, target);
                problems.extend(problem.map(|(d, lookup)| (Diagnostic { severity, ..d }, lookup)));
            }
            (page.id, targets, problems)
        })
        .collect();
    let mut report = LinkReport { targets: vec![Vec::new(); site.pages.id_bound()], ..LinkReport::default() };
    let suggestions = Suggestions::new(site);
    let mut budget = SUGGESTED;
    for (id, targets, problems) in per_page {
        report.targets[id.0] = targets;
        for (mut diagnostic, lookup) in problems {
            if let Some(lookup) = lookup.filter(|_| budget > 0) {
                budget -= 1;
                diagnostic.hint = suggestions.hint(&lookup).or(diagnostic.hint);
            }
            report.diagnostics.push(diagnostic);
        }
    }
    report
}

/// Broken links that get a "did you mean" hint, in the order of the pages: finding one
/// compares the name written with every page or file, so giving one to each of 20,000
/// broken links took 518 s where 2,000 took 2.6 s. The rest get the general hint.
const SUGGESTED: usize = 100;

/// A broken link, and what to look for to suggest what was meant.
type Problem = (Diagnostic, Option<Lookup>);

enum Lookup {
    /// A `[[wiki link]]`'s name, among slugs and titles.
    Wiki(String),
    /// A file name in the folder the link points into: the file it should be, as written.
    File { target: ContentPath, written_folder: String },
    /// A path under `static/`.
    Static(String),
}

/// The names a suggestion is chosen from, gathered once.
struct Suggestions<'a> {
    site: &'a Site,
    slugs: Vec<&'a str>,
    titles: Vec<&'a str>,
    static_files: Vec<&'a str>,
}

impl<'a> Suggestions<'a> {
    fn new(site: &'a Site) -> Suggestions<'a> {
        Suggestions {
            site,
            slugs: site.by_slug.keys().map(String::as_str).collect(),
            titles: site.by_title.keys().map(String::as_str).collect(),
            static_files: site.static_files.iter().map(|f| f.relative.as_str()).collect(),
        }
    }

    fn hint(&self, lookup: &Lookup) -> Option<String> {
        match lookup {
            Lookup::Wiki(dest) => {
                let by_title = || {
                    let title = closest(&dest.to_lowercase(), &self.titles)?;
                    self.site.by_title.get(title)?.first().map(|&id| self.site.page(id).title.clone())
                };
                let name = closest(&crate::model::slug::slugify(dest), &self.slugs)
                    .map(str::to_owned)
                    .or_else(by_title)?;
                Some(format!("did you mean `[[{name}]]`?"))
            }
            Lookup::File { target, written_folder } => {
                let folder = target.parent();
                let names: Vec<&str> = self
                    .site
                    .by_source
                    .keys()
                    .chain(self.site.assets_by_source.keys())
                    .filter(|p| p.parent() == folder)
                    .map(|p| p.file_name())
                    .collect();
                let name = closest(target.file_name(), &names)?;
                Some(format!("did you mean `{written_folder}{name}`?"))
            }
            Lookup::Static(path) => {
                closest(path, &self.static_files).map(|close| format!("did you mean `/{close}`?"))
            }
        }
    }
}

struct PageLinks<'a> {
    site: &'a Site,
    bodies: &'a [RenderedMarkdown],
    config: &'a Config,
    page: &'a Page,
    links: SiteLinks<'a>,
    files: &'a HashSet<&'a str>,
    /// The line of the file a link's line 1 is: the body's first line for the body's links.
    first_line: u32,
}

impl PageLinks<'_> {
    fn problem(&self, link: &FoundLink, target: Target<'_>) -> Option<Problem> {
        match target {
            Target::Missing => Some(self.missing(link)),
            Target::Page(target, fragment) => self.missing_anchor(link, target, fragment).map(|d| (d, None)),
            Target::AsWritten if link.dest.starts_with('#') && self.page.kind.has_own_page() => {
                self.missing_anchor(link, self.page.id, &link.dest).map(|d| (d, None))
            }
            Target::AsWritten if link.dest.starts_with('/') && !link.dest.starts_with("//") => {
                self.missing_site_file(link)
            }
            Target::Asset(..) | Target::AsWritten => None,
        }
    }

    fn at(&self, link: &FoundLink, message: String) -> Diagnostic {
        let (line, column) = (link.line, link.column);
        let file = self.page.source.display_from_root(&self.config.content_prefix);
        Diagnostic::error(file, line + self.first_line - 1, column, message)
    }

    /// The picture front matter names (`image:`…), checked as a Markdown image in the body
    /// would be, at its position in the front matter: an unsafe scheme is a warning, a
    /// missing file is broken as `links.broken` says.
    fn front_image_problem(&self, image: &FrontImage, severity: Severity) -> Option<Problem> {
        let link = FoundLink {
            dest: image.src.clone(),
            kind: LinkKind::Image,
            range: 0..0,
            line: image.line,
            column: image.column,
            resolved: false,
            unsafe_scheme: unsafe_image_scheme(&image.src),
        };
        // Positions in front matter are counted from the top of the file already.
        let in_front_matter = PageLinks { first_line: 1, links: SiteLinks { ..self.links }, ..*self };
        if let Some(scheme) = link.unsafe_scheme {
            let removed = in_front_matter.removed(&link, scheme);
            return Some((
                removed.with_hint("put the image beside the page and name it there: `image: image.png`"),
                None,
            ));
        }
        let target = in_front_matter.links.target(&link.dest, link.kind);
        // Not beside the page, but a file from the site's root, as Jekyll and Zola read it.
        let from_root =
            || page_image::site_root_path(&link.dest).is_some_and(|p| self.files.contains(p.as_str()));
        if target == Target::Missing && from_root() {
            return None;
        }
        let (mut diagnostic, lookup) = in_front_matter.problem(&link, target)?;
        if target == Target::Missing {
            let path = page_image::site_root_path(&link.dest).unwrap_or_default();
            diagnostic = diagnostic.with_hint(format!(
                "a picture's path is counted from the page's folder, then from the site's root (`static/{path}`)"
            ));
        }
        Some((Diagnostic { severity, ..diagnostic }, lookup))
    }

    /// A link or image the Markdown stage removed because its scheme runs code. A warning
    /// whatever `links.broken` says: the page is safe, the writer should still know.
    fn removed(&self, link: &FoundLink, scheme: UnsafeScheme) -> Diagnostic {
        let shown = shown_destination(&link.dest);
        let is_image = link.kind == LinkKind::Image;
        let why = match scheme {
            UnsafeScheme::Data if is_image => {
                "an inline `data:` image may only be PNG, JPEG, GIF, WebP or AVIF, and SVG can hold script"
                    .to_owned()
            }
            UnsafeScheme::Data => "a `data:` URL can hold a page that runs code".to_owned(),
            script => format!("a `{}` URL runs code in the reader's browser", script.written()),
        };
        let (what, hint) = if is_image {
            let example = if shown.to_ascii_lowercase().contains("svg") { "image.svg" } else { "image.png" };
            (
                format!("image `{shown}`"),
                format!("put the image beside the page and write `![alt]({example})`"),
            )
        } else if scheme == UnsafeScheme::Data {
            (
                format!("link to `{shown}`"),
                "put the file beside the page or in `static/` and link to it".to_owned(),
            )
        } else {
            let hint = "link to a page or an `https://` address instead; to show code, put it in backticks";
            (format!("link to `{shown}`"), hint.to_owned())
        };
        let removed = self.at(link, format!("{what} removed: {why}"));
        Diagnostic { severity: Severity::Warning, ..removed }.with_hint(hint)
    }

    /// The broken link with the general hint, and what to look for to suggest a better one.
    fn missing(&self, link: &FoundLink) -> Problem {
        let dest = &link.dest;
        match link.kind {
            LinkKind::Wiki => (
                self.at(link, format!("broken link `[[{dest}]]`: no page has that slug or title"))
                    .with_hint("a wiki link names a page's slug (its file name) or its title"),
                Some(Lookup::Wiki(dest.clone())),
            ),
            LinkKind::Link | LinkKind::Image if dest.starts_with("@/") => self.missing_rooted(link),
            LinkKind::Link | LinkKind::Image if dest.starts_with("@./") => self.missing_hugo_reference(link),
            LinkKind::Link | LinkKind::Image => {
                let what = if link.kind == LinkKind::Image { "image" } else { "link" };
                let path = dest.split('#').next().unwrap_or(dest);
                let target = self.page.source.join_relative(&percent_decode(path));
                if let Some(draft) = target.as_ref().filter(|t| self.site.drafts.contains(t)) {
                    let shown = draft.display_from_root(&self.config.content_prefix);
                    let diagnostic = self
                        .at(
                            link,
                            format!("broken {what} `{dest}`: `{shown}` is a draft, left out of this build"),
                        )
                        .with_hint(
                            "publish it (remove `draft: true`), or build with `--drafts` to preview both",
                        );
                    return (diagnostic, None);
                }
                let missing = target.as_ref().map_or_else(
                    || "it leads out of the content folder".to_owned(),
                    |target| {
                        format!("`{}` does not exist", target.display_from_root(&self.config.content_prefix))
                    },
                );
                if looks_like_web_address(path) {
                    let diagnostic = self
                        .at(link, format!("broken {what} `{dest}`: {missing}"))
                        .with_hint(format!("a web address starts with its scheme: write `https://{dest}`"));
                    return (diagnostic, None);
                }
                let written_folder =
                    path.rsplit_once('/').map_or(String::new(), |(dir, _)| format!("{dir}/"));
                (
                    self.at(link, format!("broken {what} `{dest}`: {missing}"))
                        .with_hint("relative links are counted from the folder of the file they are in"),
                    target.map(|target| Lookup::File { target, written_folder }),
                )
            }
        }
    }

    /// A broken `@/path` link (Zola's, or what Jekyll's `{% link %}` and `{% post_url %}` and
    /// Hugo's `ref` became): a path from the content folder.
    fn missing_rooted(&self, link: &FoundLink) -> Problem {
        let dest = &link.dest;
        let path = dest.strip_prefix("@/").unwrap_or(dest);
        let path = path.split('#').next().unwrap_or(path);
        let decoded = percent_decode(path);
        let what = if link.kind == LinkKind::Image { "image" } else { "link" };
        if let Some(name) = post_name(&decoded) {
            let diagnostic = self
                .at(
                    link,
                    format!("broken {what} `{{% post_url {name} %}}`: no post `{name}` in a `_posts` folder"),
                )
                .with_hint(
                    "`{% post_url name %}` names a post by its file name without the extension, \
                     e.g. `{% post_url 2015-09-04-title %}` for `_posts/2015-09-04-title.md`",
                );
            return (diagnostic, None);
        }
        let target = rooted_path(&decoded);
        let missing = target.as_ref().map_or_else(
            || "it leads out of the content folder".to_owned(),
            |target| format!("`{}` does not exist", target.display_from_root(&self.config.content_prefix)),
        );
        let written_folder = path.rsplit_once('/').map_or("@/".to_owned(), |(dir, _)| format!("@/{dir}/"));
        (
            self.at(link, format!("broken {what} `{dest}`: {missing}"))
                .with_hint("a link starting with `@/` (or a `{% link %}` tag) names a file by its path from the content folder"),
            target.map(|target| Lookup::File { target, written_folder }),
        )
    }

    /// A broken `@./x`, what Hugo's `{{< ref "x" >}}` became: neither from the page's folder
    /// nor from the content folder.
    fn missing_hugo_reference(&self, link: &FoundLink) -> Problem {
        let dest = &link.dest;
        let written = dest.strip_prefix("@./").unwrap_or(dest);
        let path = percent_decode(written.split('#').next().unwrap_or(written));
        let shown = |target: Option<ContentPath>| {
            target.map_or_else(
                || "a path out of the content folder".to_owned(),
                |target| format!("`{}`", target.display_from_root(&self.config.content_prefix)),
            )
        };
        let message = format!(
            "broken link `{written}` (a Hugo `ref`): neither {} nor {} exists",
            shown(self.page.source.join_relative(&path)),
            shown(rooted_path(&path)),
        );
        let same_name = pages_of_file_name(self.site, &path);
        if same_name.len() > 1 {
            let refs: Vec<String> = same_name
                .iter()
                .map(|&page| format!("`/{}`", self.site.page(page).source.as_str()))
                .collect();
            let message = format!("{message}, and {} pages have that file name", same_name.len());
            let hint =
                format!("name the one you mean by its path from the content folder: {}", refs.join(" or "));
            return (self.at(link, message).with_hint(hint), None);
        }
        let hint =
            "a `ref` without a leading `/` names a page from the page's folder, else from the content folder";
        (self.at(link, message).with_hint(hint), None)
    }

    /// The page's template tags that are shown as written (Liquid, Hugo's or Zola's
    /// shortcodes): one warning, at the first, whatever `links.broken` says.
    fn template_tags(&self, tags: &TemplateTags) -> Diagnostic {
        let file = self.page.source.display_from_root(&self.config.content_prefix);
        let engine = if tags.first.starts_with("{{<") || tags.first.starts_with("{{%") {
            "Hugo shortcodes"
        } else {
            "Liquid or shortcodes"
        };
        let more = match tags.count {
            1 => String::new(),
            2 => " (and 1 more tag in this file)".to_owned(),
            n => format!(" (and {} more tags in this file)", n - 1),
        };
        let message = format!(
            "`{}` is shown as written: kennis does not run {engine}{more}",
            shown_destination(&tags.first)
        );
        let name = tags
            .first
            .trim_start_matches(['{', '<', '%', '-', ' '])
            .split(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("")
            .to_lowercase();
        let hint = if ["figure", "img", "image"].contains(&name.as_str()) {
            "write the image in Markdown instead: `![alt text](image.png \"caption\")`"
        } else if ["include", "youtube", "vimeo", "video", "tweet", "gist", "instagram"]
            .contains(&name.as_str())
        {
            "write the HTML it stands for instead (an `<iframe>`, a `<video>`, a `<div>` block): HTML in Markdown is kept"
        } else {
            "replace it with what it should show: an image `![alt](image.png)`, a link `[text](page.md)` or an HTML block; \
             to show it as text, put it in backticks"
        };
        let at = Diagnostic::warning(file, tags.line + self.page.body_line - 1, tags.column, message);
        at.with_hint(hint)
    }

    /// A site-absolute link to a file (`/files/form.pdf`) must lead to something the build
    /// writes: a file of `static/` or of a bundle, or one of kennis's own. Links to pages
    /// (`/wiki/setup/`) are left to the reader's judgement: lists and tags have no files here.
    fn missing_site_file(&self, link: &FoundLink) -> Option<Problem> {
        let path = link.dest.split(['#', '?']).next().unwrap_or(&link.dest).trim_start_matches('/');
        let path = percent_decode(path);
        let name = path.rsplit('/').next().unwrap_or(&path);
        let is_file = name.contains('.') && !name.ends_with(".html");
        let generated = matches!(name, "atom.xml" | "sitemap.xml" | "kennis.css" | "kennis.js" | "code.css");
        if !is_file || generated || self.files.contains(path.as_str()) {
            return None;
        }
        let in_static_dir = self
            .config
            .static_dirs
            .iter()
            .any(|dir| path.strip_prefix(dir.as_str()).is_some_and(|rest| rest.starts_with('/')));
        let diagnostic = if in_static_dir {
            self.at(link, format!("broken link `{}`: there is no `{path}`", link.dest)).with_hint(
                "a link starting with a `static_dirs` folder names a file in that folder of the site root",
            )
        } else if self.config.content_is_root() {
            // `content_dir: .`: the site's own folders hold its files, and `static/` too.
            self.at(link, format!("broken link `{}`: there is no `{path}` in the site", link.dest))
                .with_hint("a link starting with `/` names a file from the site's root, or in `static/`")
        } else {
            self.at(link, format!("broken link `{}`: there is no `static/{path}`", link.dest))
            .with_hint("a link starting with `/` names a file in `static/`, e.g. `/files/form.pdf` for `static/files/form.pdf`")
        };
        Some((diagnostic, Some(Lookup::Static(path))))
    }

    fn missing_anchor(&self, link: &FoundLink, target: PageId, fragment: &str) -> Option<Diagnostic> {
        let anchor = percent_decode(fragment.strip_prefix('#').unwrap_or(fragment));
        let page = self.site.page(target);
        if let Some(meant) = anchor.strip_prefix('#') {
            let meant = meant.trim_start_matches('#');
            return Some(
                self.at(link, format!("broken link `{}`: an anchor starts with one `#`", link.dest))
                    .with_hint(format!("write `#{meant}`")),
            );
        }
        let real = |id: &str| {
            anchor_in(self.site, self.bodies, target, id).is_some()
                // Another engine's id for a heading: `point_anchors_at_ids` pointed the link at it.
                || self.bodies[target.0].heading_under_any_rule(id).is_some()
        };
        if anchor.is_empty() || !page.kind.has_own_page() || real(&anchor) {
            return None;
        }
        let ids: Vec<&str> = self.bodies[target.0].heading_ids.iter().map(String::as_str).collect();
        let hint = match closest(&anchor, &ids) {
            Some(id) => format!("did you mean `#{id}`?"),
            None if ids.is_empty() => "that page has no headings".to_owned(),
            None => format!(
                "its headings are: {}",
                ids.iter().map(|i| format!("`#{i}`")).collect::<Vec<_>>().join(", ")
            ),
        };
        // A heading another engine's template would have made (`{{generator:team_list}}`).
        let hint = match &self.bodies[target.0].template_tags {
            Some(tags) => format!(
                "{hint}; that page's `{}` (line {}), which kennis does not run, may be what makes it",
                shown_destination(&tags.first),
                tags.line + page.body_line - 1
            ),
            None => hint,
        };
        let file = page.source.display_from_root(&self.config.content_prefix);
        Some(
            self.at(link, format!("broken link `{}`: no heading `#{anchor}` in `{file}`", link.dest))
                .with_hint(hint),
        )
    }
}

/// The anchor on `target`'s page that `anchor` names: a heading's id, a footnote's, or an
/// answer's or comment's (or a heading in one). One that differs only in case names the
/// same id, as on GitHub and GitLab, where `#Who-Is-Eligible` lands on `who-is-eligible`;
/// an exact match wins over one in another case.
fn anchor_in<'s>(
    site: &'s Site,
    bodies: &'s [RenderedMarkdown],
    target: PageId,
    anchor: &str,
) -> Option<&'s str> {
    if anchor.starts_with("fn-") || anchor.starts_with("fnref-") {
        return Some("");
    }
    let responses = &site.page(target).responses;
    let ids = || {
        let responses = responses.iter().flat_map(|&r| {
            site.page(r)
                .anchor
                .as_deref()
                .into_iter()
                .chain(bodies[r.0].heading_ids.iter().map(String::as_str))
        });
        bodies[target.0].heading_ids.iter().map(String::as_str).chain(responses)
    };
    ids().find(|&id| id == anchor).or_else(|| ids().find(|id| id.to_lowercase() == anchor.to_lowercase()))
}

/// Every page a body's links name an anchor on, with the anchor as the link wrote it
/// (decoded): a kept site renders such a body again when the target's ids change, since
/// [`point_anchors_at_ids`] may have rewritten the link to one of them.
pub fn named_anchors(
    site: &Site,
    config: &Config,
    page: PageId,
    body: &RenderedMarkdown,
) -> Vec<(PageId, String)> {
    let Some(from) = site.pages.get(page) else { return Vec::new() };
    let links = SiteLinks { site, config, from: &from.source };
    body.links
        .iter()
        .filter(|link| link.unsafe_scheme.is_none() && link.dest.contains('#'))
        .filter_map(|link| {
            let (target, fragment) = match links.target(&link.dest, link.kind) {
                Target::Page(to, fragment) => (to, fragment),
                Target::AsWritten if link.dest.starts_with('#') => (page, link.dest.as_str()),
                _ => return None,
            };
            Some((target, percent_decode(fragment.strip_prefix('#')?)))
        })
        .collect()
}

/// Rewrites, in every body, the links whose anchor names an id in another case
/// (`page.md#Who-Is-Eligible` for `#who-is-eligible`, as GitHub and GitLab resolve it) or a
/// heading by another engine's rule (`news.md#what-s-next`, written for Zola, for the
/// heading "What's next", `#whats-next` here) to that id, so that the link lands there in
/// a browser too. Only the target's rendered body knows its ids, so this runs once every
/// body is rendered; a body without such links is left untouched.
pub fn point_anchors_at_ids(site: &Site, config: &Config, bodies: &mut [RenderedMarkdown]) {
    let shared: &[RenderedMarkdown] = bodies;
    let fixes: Vec<(usize, Vec<(String, String)>)> = site
        .pages
        .par_iter()
        .filter(|page| page.has_file && page.id.0 < shared.len())
        .filter_map(|page| {
            let links = SiteLinks { site, config, from: &page.source };
            let fixes: Vec<(String, String)> = shared[page.id.0]
                .links
                .iter()
                .filter(|link| link.unsafe_scheme.is_none() && link.dest.contains('#'))
                .filter_map(|link| {
                    let (target, fragment) = match links.target(&link.dest, link.kind) {
                        Target::Page(to, fragment) => (to, fragment),
                        Target::AsWritten if link.dest.starts_with('#') => (page.id, link.dest.as_str()),
                        _ => return None,
                    };
                    let anchor = percent_decode(fragment.strip_prefix('#')?);
                    if anchor.is_empty() || anchor.starts_with('#') {
                        return None;
                    }
                    let real = anchor_in(site, shared, target, &anchor)
                        .or_else(|| shared.get(target.0)?.heading_under_any_rule(&anchor))?;
                    if real == anchor || real.is_empty() {
                        return None;
                    }
                    let written = links.resolve(&link.dest, link.kind).unwrap_or_else(|| link.dest.clone());
                    let before_fragment = &written[..written.rfind('#')?];
                    Some((written.clone(), format!("{before_fragment}#{real}")))
                })
                .collect();
            (!fixes.is_empty()).then_some((page.id.0, fixes))
        })
        .collect();
    for (id, fixes) in fixes {
        for (written, real) in fixes {
            bodies[id].retarget_links(&written, &real);
        }
    }
}

/// `getbootstrap.com/` or `github.com/epage`: a host name written without `https://`,
/// which a browser reads as a file beside the page. Its first segment ends in a top-level
/// domain, not in a file's extension, and is followed by `/` or has two dots or more
/// (`apisnoop.cncf.io`): `notes.org` or `guide.mdx` alone is a file's name.
fn looks_like_web_address(path: &str) -> bool {
    const FILE_ENDINGS: &[&str] = &[
        "md", "markdown", "html", "htm", "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "pdf",
        "txt", "yaml", "yml", "json", "toml", "css", "js", "xml", "csv", "zip", "gz", "tgz", "xz", "tar",
        "zst", "mp4", "webm", "mov", "mp3", "wav", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt",
        "epub", "sh", "rs", "py", "rb", "go", "java", "exe", "msi", "dmg", "deb", "rpm", "jar",
    ];
    let (host, has_slash) = path.split_once('/').map_or((path, false), |(host, _)| (host, true));
    let host = host.trim_end_matches('.');
    let Some((name, ending)) = host.rsplit_once('.') else { return false };
    (has_slash || host.matches('.').count() >= 2)
        && !name.is_empty()
        && !name.starts_with('.')
        && (2..=6).contains(&ending.len())
        && ending.bytes().all(|b| b.is_ascii_lowercase())
        && !FILE_ENDINGS.contains(&ending)
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

/// A destination (or a template tag) fit for a one-line message: control characters (a tab
/// that hides `java\tscript:`, an escape that would drive the terminal) written as escapes,
/// and a long `data:` URL cut short.
fn shown_destination(dest: &str) -> String {
    const LONGEST_SHOWN: usize = 60;
    let mut shown = String::new();
    for (index, c) in dest.chars().enumerate() {
        if index == LONGEST_SHOWN {
            shown.push('…');
            break;
        }
        if c.is_control() { shown.extend(c.escape_debug()) } else { shown.push(c) }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_without_a_scheme_are_told_from_files() {
        for address in ["getbootstrap.com/", "github.com/epage", "apisnoop.cncf.io.", "blog.example.org/a.md"]
        {
            assert!(looks_like_web_address(address), "{address}");
        }
        for file in
            ["diagram.png", "setup.md", "../a.md", "notes.txt", "v1.2/x", "archive.tar.gz", ".hidden.com"]
                .into_iter()
                .chain(["ii.nz", "notes.org", "guide.mdx", "page.rst", "index.php", "app.ts"])
        {
            assert!(!looks_like_web_address(file), "{file}");
        }
    }
}
