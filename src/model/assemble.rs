//! Turning source documents into pages: kinds, slugs, URLs, dates, parents, sections, and reference checks.

use std::collections::{BTreeSet, HashMap};

use crate::config::{
    CONFIG_FILE, Config, FolderKind, KindPermalink, PermalinkFor, TagAliases, UnknownAuthors,
};
use crate::content::{Located, SourceDocument, Sources};
use crate::dates::{self, PageDate};
use crate::error::{Diagnostic, Diagnostics};
use crate::git::{FileHistory, GitHistory};
use crate::model::folders::FolderIndexes;
use crate::model::permalinks::{self, PageValues, Pattern};
use crate::model::slug::{slugify, tag_key};
use crate::model::urls;
use crate::model::{
    Asset, Author, AuthorId, CommunityId, CommunityInfo, Contributor, Page, PageId, PageKeys, PageKind,
    Pages, Site, Tag,
};
use crate::paths::{ContentPath, UrlPath};

/// Choices that change which pages exist.
#[derive(Clone, Copy, Debug)]
pub struct AssembleOptions<'a> {
    pub include_drafts: bool,
    /// The content folder as seen from the site root, for messages (`content/`).
    pub content_prefix: &'a str,
    /// `timezone` from site.yaml: the clocks dates from git and dates without an offset are read on.
    pub time_zone: Option<&'a jiff::tz::TimeZone>,
    /// `kinds` from site.yaml: folders whose pages are of a kind.
    pub kinds: &'a [FolderKind],
    /// `unknown_authors` from site.yaml: whether an author not in `authors/` is an error or a name.
    pub unknown_authors: UnknownAuthors,
    /// `permalinks` from site.yaml: the URL pattern of each kind's pages.
    pub permalinks: &'a [KindPermalink],
    /// `tag_aliases` from site.yaml: tags that other names merge into.
    pub tag_aliases: &'a [TagAliases],
    /// `search: { enabled }`: whether kennis writes `/search/`, which no page may then have.
    pub search_enabled: bool,
}

impl<'a> AssembleOptions<'a> {
    /// What site.yaml says about assembling, drafts kept or not.
    pub fn of(config: &'a Config, include_drafts: bool) -> AssembleOptions<'a> {
        AssembleOptions {
            include_drafts,
            content_prefix: &config.content_prefix,
            time_zone: config.timezone.as_ref(),
            kinds: &config.kinds,
            unknown_authors: config.unknown_authors,
            permalinks: &config.permalinks,
            tag_aliases: &config.tag_aliases,
            search_enabled: config.search.enabled,
        }
    }
}

/// The folders of `kinds:` in site.yaml, and what they decide: the kind of the pages below
/// them (the longest folder that holds a file wins), and whether a folder is in the wiki tree.
#[derive(Clone, Copy, Debug)]
pub(super) struct FolderKinds<'a>(&'a [FolderKind]);

impl FolderKinds<'_> {
    /// The kind `kinds:` gives a file in the folder `dirs` (segments from the content
    /// folder): that of the longest configured folder holding it; `.` holds only the
    /// files directly in the content folder.
    fn of(self, dirs: &[&str]) -> Option<PageKind> {
        let holds = |folder: &str| match folder {
            "." => dirs.is_empty(),
            folder => {
                let mut parts = folder.split('/');
                let matched = parts.by_ref().zip(dirs).all(|(part, dir)| part == *dir);
                matched && folder.split('/').count() <= dirs.len()
            }
        };
        let chosen = self.0.iter().filter(|entry| holds(&entry.folder));
        chosen.max_by_key(|entry| entry.folder.split('/').count()).map(|entry| entry.kind)
    }

    /// Whether the folder `dirs` is in the wiki tree: a folder `kinds:` gives wiki pages is,
    /// one it gives another kind (posts, questions) is not, with its folders below; others
    /// as their top folder says (`is_wiki_tree`).
    pub(super) fn forms_wiki_tree(self, dirs: &[&str]) -> bool {
        match self.of(dirs) {
            Some(kind) => kind == PageKind::Wiki,
            None => dirs.first().is_some_and(|top| is_wiki_tree(top)),
        }
    }

    /// `forms_wiki_tree` for the folder of a page's source; without `kinds:`, the rule of
    /// its top folder alone, as before, at no cost.
    pub(super) fn holds_wiki_page(self, source: &ContentPath) -> bool {
        if self.0.is_empty() {
            return is_wiki_tree(source.segments().next().unwrap_or(""));
        }
        let dirs: Vec<&str> = source.parent().split('/').filter(|d| !d.is_empty()).collect();
        self.forms_wiki_tree(&dirs)
    }
}

/// Where a document goes, decided from its path alone.
enum Role {
    Home,
    /// `_index.md` of the folder with these segments.
    SectionIndex(Vec<String>),
    /// An answer or comment in `<parent folder>/answers|comments/<stem>.md`.
    Response {
        kind: PageKind,
        parent_dir: String,
    },
    Page {
        kind: PageKind,
        dirs: Vec<String>,
        slug: String,
    },
    /// An `index.md` beside the folder's `_index.md`: both describe the folder.
    Clash(ContentPath),
}

fn role_of(path: &ContentPath, folders: &FolderIndexes, kinds: FolderKinds) -> Role {
    let segments: Vec<&str> = path.segments().collect();
    let dirs = &segments[..segments.len() - 1];
    let stem = path.stem();
    // Zola and Hugo write the home page's section as `content/_index.md`.
    if segments.len() == 1 && (stem == "index" || stem == "_index") {
        return Role::Home;
    }
    if let Some(underscore_index) = folders.clash(path) {
        return Role::Clash(underscore_index.clone());
    }
    if stem == "_index" || folders.is_section_file(path) {
        let folder = super::sections::described_folder(path);
        return Role::SectionIndex(folder.split('/').filter(|s| !s.is_empty()).map(str::to_owned).collect());
    }
    if let [parent @ .., folder] = dirs
        && !parent.is_empty()
        && let Some(kind) = PageKind::of_response_folder(folder)
    {
        return Role::Response { kind, parent_dir: parent.join("/") };
    }
    let kind = kinds.of(dirs).unwrap_or(match segments[0] {
        "posts" | "_posts" | "_drafts" if segments.len() > 1 => PageKind::Post,
        "questions" if segments.len() > 1 => PageKind::Question,
        "communities" if segments.len() > 1 => PageKind::Community,
        _ => PageKind::Wiki,
    });
    if stem == "index" {
        let (folder, above) = dirs.split_last().expect("index.md below the top has a folder");
        Role::Page { kind, dirs: above.iter().map(|s| s.to_string()).collect(), slug: folder.to_string() }
    } else {
        let mut dirs: Vec<String> = dirs.iter().map(|s| s.to_string()).collect();
        if let Some(top) = dirs.first_mut() {
            *top = jekyll_folder(top).to_owned();
        }
        Role::Page { kind, dirs, slug: stem.to_owned() }
    }
}

/// Builds the site model from the sources, which it only reads, so that a kept site can
/// assemble again after one file changed. Page ids come from `keys`: a path that had one
/// keeps it. Problems in references are collected, not fatal, so that one build lists
/// every one of them.
pub fn assemble_site(
    sources: &Sources,
    history: Option<&GitHistory>,
    keys: &mut PageKeys,
    options: AssembleOptions,
) -> (Site, Diagnostics) {
    let kinds = FolderKinds(options.kinds);
    let mut builder = Builder {
        kinds,
        prefix: options.content_prefix.to_owned(),
        time_zone: options.time_zone.cloned(),
        keys,
        history,
        site: Site::default(),
        diagnostics: Diagnostics::default(),
        draft_folders: BTreeSet::new(),
        alias_positions: HashMap::new(),
        references: Vec::new(),
        sections: HashMap::new(),
        unknown_authors: options.unknown_authors,
        permalinks: options.permalinks,
        permalink_positions: HashMap::new(),
    };
    builder.add_authors(&sources.authors);
    // Every document becomes at most one page. Reserved at once: at 100,000 pages the
    // pages alone are 100 MB, and growing them by doubling copied them and touched
    // twice the memory.
    let documents = sources.documents.len();
    builder.site.pages = Pages::with_bound(builder.keys.bound().max(documents));
    builder.references.reserve(documents);
    let mut responses = Vec::new();
    let is_draft = |document: &SourceDocument| {
        document.front.draft || document.path.segments().next() == Some("_drafts")
    };
    let published = sources.documents.iter().filter(|d| options.include_drafts || !is_draft(d));
    let folders = FolderIndexes::new(published, |dirs| kinds.forms_wiki_tree(dirs));
    for document in &sources.documents {
        let draft = is_draft(document);
        if draft && !options.include_drafts {
            builder.draft_folders.insert(document.path.parent().to_owned());
            // `posts/a.md` may have its comments in `posts/a/comments/`.
            let without_extension = document.path.as_str().rsplit_once('.').map_or("", |(stem, _)| stem);
            builder.draft_folders.insert(without_extension.to_owned());
            builder.site.drafts.insert(document.path.clone());
            continue;
        }
        match role_of(&document.path, &folders, kinds) {
            Role::Response { kind, parent_dir } => responses.push((document, draft, kind, parent_dir)),
            Role::Clash(underscore_index) => builder.two_section_files(&document.path, &underscore_index),
            role => builder.add_page(document, draft, role),
        }
    }
    builder.add_generated_sections();
    for (document, draft, kind, parent_dir) in responses {
        builder.add_response(document, draft, kind, &parent_dir);
    }
    builder.link_sections();
    builder.add_assets(&sources.assets);
    builder.site.static_files = sources.static_files.clone();
    builder.check_references();
    builder.check_reserved_folders(options.search_enabled);
    builder.check_unique_urls();
    builder.index_urls();
    let Builder { mut site, mut diagnostics, .. } = builder;
    diagnostics.extend(super::relations::index_relations(
        &mut site,
        options.content_prefix,
        options.tag_aliases,
    ));
    (site, diagnostics)
}

pub(super) struct Builder<'a> {
    pub(super) site: Site,
    pub(super) prefix: String,
    /// The ids pages had in the previous assembly of this site, and new ones for new paths.
    pub(super) keys: &'a mut PageKeys,
    pub(super) diagnostics: Diagnostics,
    /// Folders of drafts left out, so their answers and comments are left out quietly too.
    pub(super) draft_folders: BTreeSet<String>,
    /// Where each page's aliases were written, to report a colliding alias at its place.
    pub(super) alias_positions: HashMap<PageId, Vec<Located<String>>>,
    /// Front-matter references to check once every page exists.
    pub(super) references: Vec<PendingReferences>,
    /// Section folders (`wiki/tools`) to their section page.
    pub(super) sections: HashMap<String, PageId>,
    pub(super) history: Option<&'a GitHistory>,
    /// `timezone` from site.yaml.
    pub(super) time_zone: Option<jiff::tz::TimeZone>,
    /// `kinds:` from site.yaml.
    pub(super) kinds: FolderKinds<'a>,
    /// `unknown_authors:` from site.yaml.
    pub(super) unknown_authors: UnknownAuthors,
    /// `permalinks:` from site.yaml.
    permalinks: &'a [KindPermalink],
    /// Where the `permalink:` (or `path`, `url`) that gave a page its URL is written, to
    /// report a URL two pages meet at at that field.
    pub(super) permalink_positions: HashMap<PageId, (u32, u32)>,
}

/// What a page's permalink names besides its date and slug: its top folder's slug and the
/// name its slug came from (the file's stem, or the folder of an `index.md`).
struct PermalinkNames {
    section: String,
    file_name: String,
}

pub(super) struct PendingReferences {
    pub(super) page: PageId,
    pub(super) authors: Vec<Located<String>>,
    /// Registered people among the git contributors: the authors when front matter names none.
    pub(super) git_authors: Vec<AuthorId>,
    pub(super) communities: Vec<Located<String>>,
    pub(super) lead: Option<Located<String>>,
    pub(super) team: Vec<Located<String>>,
    pub(super) accepted: Option<Located<String>>,
    pub(super) aliases: Vec<Located<String>>,
}

impl Builder<'_> {
    fn add_authors(&mut self, authors: &[crate::content::AuthorSource]) {
        let mut authors: Vec<Author> = authors
            .iter()
            .map(|a| Author {
                id: AuthorId(a.id.clone()),
                name: a.name.clone(),
                emails: a.emails.clone(),
                role: a.role.clone(),
                department: a.department.clone(),
                avatar: a.avatar.clone(),
                bio: a.bio.clone(),
            })
            .collect();
        authors.sort_by(|a, b| a.id.cmp(&b.id));
        self.site.emails =
            authors.iter().flat_map(|a| a.emails.iter().map(|e| (e.clone(), a.id.clone()))).collect();
        self.site.author_positions = authors.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
        self.site.authors = authors;
    }

    pub(super) fn file(&self, id: PageId) -> String {
        self.site.page(id).source.display_from_root(&self.prefix)
    }

    fn add_page(&mut self, document: &SourceDocument, draft: bool, role: Role) {
        let id = self.keys.id_for(&document.path);
        let mut named_by = None;
        let (kind, segments) = match role {
            Role::Home => {
                self.site.home = Some(id);
                (PageKind::Home, Vec::new())
            }
            Role::SectionIndex(dirs) => {
                self.sections.insert(dirs.join("/"), id);
                (PageKind::Section, dirs.iter().map(|d| slugify(d)).collect())
            }
            Role::Page { kind, dirs, slug: stem } => {
                let kind = self.kind_override(document).unwrap_or(kind);
                let slug = match &document.front.slug {
                    Some(custom) => slugify(&custom.value),
                    None => slugify(dates::split_dated_stem(&stem).map_or(stem.as_str(), |(_, rest)| rest)),
                };
                let mut segments: Vec<String> = dirs.iter().map(|d| slugify(d)).collect();
                segments.push(slug);
                let section = dirs.first().map(|top| slugify(top)).unwrap_or_default();
                named_by = Some(PermalinkNames { section, file_name: stem });
                (kind, segments)
            }
            Role::Response { .. } | Role::Clash(_) => {
                unreachable!("responses are added once their parents exist; clashes never")
            }
        };
        let mut page = self.new_page(id, kind, document, &segments);
        page.draft = draft;
        match named_by {
            Some(names) => {
                if let Some(url) = self.permalink(document, &page, &names) {
                    page.url = url;
                }
            }
            None => self.section_permalink(document, &page),
        }
        if kind == PageKind::Community {
            let community = CommunityId(segments.last().cloned().unwrap_or_default());
            self.site.communities.insert(community, id);
        }
        self.site.by_source.insert(page.source.clone(), id);
        self.site.pages.push(page);
    }

    /// `Site::by_url`: each page's URL, then each alias no page has, the first page in the
    /// site's order winning where two meet (that meeting is reported by `check_unique_urls`);
    /// `Site::assets_by_url`: each file of the content folder by its URL.
    fn index_urls(&mut self) {
        let pages = || self.site.pages.iter().filter(|p| p.kind.has_own_page());
        let mut by_url: HashMap<UrlPath, PageId> = HashMap::with_capacity(self.site.pages.ids().len());
        for page in pages() {
            by_url.entry(page.url.clone()).or_insert(page.id);
        }
        for page in pages() {
            for alias in &page.aliases {
                by_url.entry(alias.clone()).or_insert(page.id);
            }
        }
        self.site.by_url = by_url;
        self.site.pages_by_file_stem = super::relations::index_file_stems(&self.site);
        self.site.static_urls =
            self.site.static_files.iter().map(|file| urls::site_file(&file.relative)).collect();
        self.site.assets_by_url =
            self.site.assets.iter().enumerate().map(|(index, asset)| (asset.url.clone(), index)).collect();
    }

    /// The URL a page's own `permalink:` (or `path`, `url`) or its kind's pattern in
    /// `permalinks:` gives it; `None` keeps the URL of its folders and slug. A pattern the
    /// page cannot fill (no date, no plain path) is an error at the page, and a URL kennis
    /// writes itself (`/404.html`, `/tags/`) a warning: the page keeps its own URL.
    fn permalink(
        &mut self,
        document: &SourceDocument,
        page: &Page,
        names: &PermalinkNames,
    ) -> Option<UrlPath> {
        let front = &document.front;
        let file = document.path.display_from_root(&self.prefix);
        let parsed;
        // The page's own field, at its place; or site.yaml's pattern, named with its place
        // in messages reported at the page.
        let (pattern, line, column, in_site) = match &front.permalink {
            Some(written) => {
                parsed = match Pattern::parse(&written.value) {
                    Ok(pattern) => pattern,
                    Err(unknown) => {
                        let (message, hint) = unknown.message(&written.value);
                        self.diagnostics.push(
                            Diagnostic::error(file, written.line, written.column, message).with_hint(hint),
                        );
                        return None;
                    }
                };
                (&parsed, written.line, written.column, None)
            }
            None => {
                let entry = site_permalink(self.permalinks, &document.path, page.kind)?;
                (&entry.pattern, 1, 1, Some((entry.line, entry.column)))
            }
        };
        let from = match in_site {
            Some((line, column)) => {
                format!("the permalink `{}` ({CONFIG_FILE}:{line}:{column})", pattern.written)
            }
            None => format!("the permalink `{}`", pattern.written),
        };
        let title_source = match &front.slug {
            Some(slug) => slug.value.as_str(),
            None => {
                dates::split_dated_stem(&names.file_name).map_or(names.file_name.as_str(), |(_, rest)| rest)
            }
        };
        let title = permalinks::jekyll_title(title_source);
        let dirs: Vec<&str> = document.path.parent().split('/').filter(|d| !d.is_empty()).collect();
        let above_posts = dirs.iter().position(|d| *d == "_posts").map_or(&[][..], |at| &dirs[..at]);
        let categories = permalinks::categories(&front.extra, above_posts);
        // A bundle's folder is the page, not a section above it.
        let bundle = document.path.file_name() == "index.md";
        let section_dirs = if bundle { &dirs[..dirs.len().saturating_sub(1)] } else { &dirs[..] };
        let sections: Vec<String> = section_dirs.iter().map(|d| slugify(d)).collect();
        let values = PageValues {
            day: page.date.map(|date| date.day),
            slug: page.url.as_str().trim_end_matches('/').rsplit('/').next().unwrap_or(""),
            slug_is_set: front.slug.is_some(),
            file_name: &names.file_name,
            title: &title,
            section: &names.section,
            sections: &sections.join("/"),
            categories: &categories,
        };
        let Some(expanded) = pattern.expand(&values) else {
            self.diagnostics.push(
                Diagnostic::error(file, line, column, format!("{from} needs a date, and this page has none"))
                    .with_hint(format!(
                        "add `{}` to the front matter",
                        front.format.field("date", "2024-05-01")
                    )),
            );
            return None;
        };
        let Some(url) = urls::permalink(&expanded) else {
            let message = match in_site {
                Some(_) => format!("{from} gives this page `{expanded}`, which is no path on this site"),
                None => format!("the permalink `{expanded}` is no path on this site"),
            };
            self.diagnostics.push(Diagnostic::error(file, line, column, message).with_hint(
                "write a path from the site root, like `/2015/09/04/my-post/`, without `.` or `..`",
            ));
            return None;
        };
        if let Some(what) = urls::generated(&url) {
            let gives = match in_site {
                Some(_) => format!("{from} gives this page `{url}`, which"),
                None => format!("`{url}`"),
            };
            self.diagnostics.push(
                Diagnostic::warning(
                    file,
                    line,
                    column,
                    format!("{gives} is {what}: this page keeps its own URL `{}`", page.url),
                )
                .with_hint("kennis writes that URL itself; give the page another permalink, or remove it"),
            );
            return None;
        }
        if in_site.is_none() {
            self.permalink_positions.insert(page.id, (line, column));
        }
        Some(url)
    }

    /// `permalink:` (or `path`, `url`) on the home page or a section's `_index.md`: kennis
    /// does not move those pages. Said at the field, which templates still get in `extra`.
    fn section_permalink(&mut self, document: &SourceDocument, page: &Page) {
        let Some(written) = &document.front.permalink else { return };
        let (what, hint) = if page.kind == PageKind::Home {
            ("the home page", "the home page is always at `/`; remove the field")
        } else {
            ("a folder's page", "a folder's page has its folder's URL; to change it, rename the folder")
        };
        self.diagnostics.push(
            Diagnostic::warning(
                document.path.display_from_root(&self.prefix),
                written.line,
                written.column,
                format!(
                    "kennis does not move {what}: the permalink `{}` is left to templates, and this page \
                     keeps its URL `{}`",
                    written.value, page.url
                ),
            )
            .with_hint(hint),
        );
    }

    /// `index.md` and `_index.md` in one folder: reported at the `index.md`, which is left
    /// out, so that the folder has one page and the message no other error about it.
    fn two_section_files(&mut self, index: &ContentPath, underscore_index: &ContentPath) {
        let shown = |path: &ContentPath| path.display_from_root(&self.prefix);
        self.diagnostics.push(
            Diagnostic::error(
                shown(index),
                1,
                1,
                format!(
                    "both this file and `{}` describe the folder `{}/`",
                    shown(underscore_index),
                    index.parent()
                ),
            )
            .with_hint(format!(
                "keep one: move this page's text into `{}`, or rename this file to give it a page of its own",
                shown(underscore_index)
            )),
        );
    }

    fn kind_override(&mut self, document: &SourceDocument) -> Option<PageKind> {
        let written = document.front.kind.as_ref()?;
        let kind = PageKind::parse(&written.value).filter(|k| k.may_be_written_in_front_matter());
        if kind.is_none() {
            self.diagnostics.push(
                Diagnostic::error(
                    document.path.display_from_root(&self.prefix),
                    written.line,
                    written.column,
                    format!("unknown kind `{}`", written.value),
                )
                .with_hint("`kind` is one of `post`, `question`, `community`, `wiki`"),
            );
        }
        kind
    }

    fn new_page(
        &mut self,
        id: PageId,
        kind: PageKind,
        document: &SourceDocument,
        segments: &[String],
    ) -> Page {
        let SourceDocument { path, front, body: _, body_line, body_offset, modified, first_heading } =
            document;
        let (body_line, body_offset) = (*body_line, *body_offset);
        let zone = self.time_zone.as_ref();
        let jekyll_day = dates::split_dated_stem(path.stem()).and_then(|(day, _)| PageDate::from_day(day));
        let title = front.title.clone().unwrap_or_else(|| {
            let fallback = first_heading
                .clone()
                .unwrap_or_else(|| humanize(segments.last().map_or(path.stem(), |s| s.as_str())));
            // A Jekyll post without a title is shown by its file name's: said, not refused.
            let jekyll_post = path.as_str().split('/').any(|folder| folder == "_posts");
            if kind.needs_title() && !front.invalid && jekyll_post {
                self.diagnostics.push(
                    Diagnostic::warning(
                        path.display_from_root(&self.prefix),
                        1,
                        1,
                        format!("this post has no `title`: it is shown as `{fallback}`, as Jekyll names it"),
                    )
                    .with_hint(format!(
                        "add `{}` to the front matter",
                        front.format.field("title", "\"...\"")
                    )),
                );
            } else if kind.needs_title() && !front.invalid {
                self.diagnostics.push(
                    Diagnostic::error(path.display_from_root(&self.prefix), 1, 1, "this page has no `title`")
                        .with_hint(format!(
                            "add `{}` to the front matter",
                            front.format.field("title", "\"...\"")
                        )),
                );
            }
            fallback
        });
        let is_community = kind == PageKind::Community;
        let community =
            is_community.then(|| CommunityInfo { goal: front.goal.clone(), lead: None, team: Vec::new() });
        let history = self.history.and_then(|h| h.file(&path.display_from_root(&self.prefix)));
        let from_git = |pick: fn(&FileHistory) -> (jiff::Timestamp, jiff::tz::Offset)| {
            history.map(|h| {
                let (instant, offset) = pick(h);
                PageDate::from_commit(instant, offset, zone)
            })
        };
        let date = front
            .date
            .or(jekyll_day)
            .map(|date| date.in_time_zone(zone))
            .or_else(|| from_git(|h| (h.created, h.created_offset)))
            .or_else(|| modified.map(|time| PageDate::from_timestamp(time, zone)));
        // Front matter always wins; git's last change counts when it is not the creation.
        let updated = front
            .updated
            .map(|date| date.in_time_zone(zone))
            .or_else(|| from_git(|h| (h.updated, h.updated_offset)).filter(|u| Some(*u) != date));
        let contributors = self.contributors(history);
        // Who made the last change, when git dates it: front matter's `updated:` names no one.
        let updated_by = history
            .filter(|_| front.updated.is_none() && updated.is_some())
            .and_then(|h| h.updated_by.as_ref())
            .map(|person| self.contributor(person));
        let git_authors = contributors
            .iter()
            .filter_map(|c| match c {
                Contributor::Author(id) => Some(id.clone()),
                Contributor::Unregistered { .. } => None,
            })
            .collect();
        self.references.push(PendingReferences {
            page: id,
            authors: front.authors.clone(),
            git_authors,
            communities: front.communities.clone(),
            lead: front.lead.clone().filter(|_| is_community),
            team: if is_community { front.team.clone() } else { Vec::new() },
            accepted: front.accepted.clone(),
            aliases: front.aliases.clone(),
        });
        Page {
            id,
            kind,
            has_file: true,
            url: urls::page(segments),
            anchor: None,
            title,
            date,
            updated,
            authors: Vec::new(),
            contributors,
            updated_by,
            communities: Vec::new(),
            tags: unique_tags(&front.tags),
            summary: front.summary.clone(),
            draft: front.draft,
            lang: front.lang.clone(),
            weight: front.weight,
            aliases: Vec::new(),
            extra: extra_with_community_fields(front, is_community),
            image: front.image.clone(),
            body_line,
            body_offset,
            parent: None,
            responses: Vec::new(),
            accepted: None,
            children: Vec::new(),
            community,
            authors_from_git: false,
            source: path.clone(),
        }
    }

    /// Git's contributors of a file, mapped to registered people by any of their addresses.
    fn contributors(&self, history: Option<&FileHistory>) -> Vec<Contributor> {
        let mut contributors: Vec<Contributor> = Vec::new();
        for person in history.map(|h| h.contributors.as_slice()).unwrap_or_default() {
            let contributor = self.contributor(person);
            // One person with two addresses is still one contributor.
            if !contributors.contains(&contributor) {
                contributors.push(contributor);
            }
        }
        contributors
    }

    /// One person as git names them: the registered person with that address, or their name.
    fn contributor(&self, person: &crate::git::Contributor) -> Contributor {
        // `named_authors` is still empty here: references.rs merges those names afterwards.
        self.site.contributor(person)
    }

    fn add_response(&mut self, document: &SourceDocument, draft: bool, kind: PageKind, parent_dir: &str) {
        let parent =
            [format!("{parent_dir}/index.md"), format!("{parent_dir}/_index.md"), format!("{parent_dir}.md")]
                .iter()
                .find_map(|p| self.site.by_source_path(p));
        let Some(parent) = parent else {
            if !self.draft_folders.contains(parent_dir) {
                let folder = kind.response_folder().unwrap_or_default();
                self.diagnostics.push(
                    Diagnostic::error(
                        document.path.display_from_root(&self.prefix),
                        1,
                        1,
                        format!(
                            "this `{folder}/` folder has no page above it: `{}{parent_dir}/index.md` is missing",
                            self.prefix
                        ),
                    )
                    .with_hint(format!("put the page in `{}{parent_dir}/index.md`, or move this file", self.prefix)),
                );
            }
            return;
        };
        let id = self.keys.id_for(&document.path);
        let stem = document.path.stem().to_owned();
        let parent_url = self.site.page(parent).url.clone();
        let mut page = self.new_page(id, kind, document, &[]);
        page.url = parent_url;
        page.anchor = urls::response_anchor(kind, &slugify(&stem));
        page.parent = Some(parent);
        page.draft = draft;
        // Answers and comments have no title of their own: lists name them after their
        // parent, in the site's language ("Answer to …"), at the view stage.
        page.title = self.site.page(parent).title.clone();
        self.site.pages.get_mut(parent).responses.push(id);
        self.site.by_source.insert(page.source.clone(), id);
        self.site.pages.push(page);
    }

    fn add_assets(&mut self, assets: &[crate::content::AssetFile]) {
        for asset in assets {
            let folder = asset.path.parent();
            let bundle = self.site.by_source_path(&format!("{folder}/index.md"));
            let url = match bundle {
                Some(page) => urls::bundle_asset(&self.site.page(page).url, asset.path.file_name()),
                None => {
                    let slugged: Vec<String> =
                        folder.split('/').filter(|s| !s.is_empty()).map(slugify).collect();
                    urls::loose_asset(&slugged, asset.path.file_name())
                }
            };
            self.site.assets_by_source.insert(asset.path.clone(), self.site.assets.len());
            self.site.assets.push(Asset {
                source: asset.path.clone(),
                absolute: asset.absolute.clone(),
                url,
            });
        }
    }
}

impl Site {
    fn by_source_path(&self, path: &str) -> Option<PageId> {
        self.by_source.get(&ContentPath::from_components(path.split('/'))).copied()
    }
}

/// A page's `extra`; on a page that is no community, `lead:`, `team:` and `goal:` mean
/// what its theme makes of them (Jekyll themes use `lead` for the lede), so they join
/// `extra` as written instead of being read as a community's people.
fn extra_with_community_fields(
    front: &crate::content::FrontMatter,
    is_community: bool,
) -> serde_json::Map<String, serde_json::Value> {
    let mut extra = front.extra.clone();
    if is_community {
        return extra;
    }
    let text = |value: &str| serde_json::Value::String(value.to_owned());
    if let Some(lead) = &front.lead {
        extra.entry("lead").or_insert_with(|| text(&lead.value));
    }
    if !front.team.is_empty() {
        let team = front.team.iter().map(|member| text(&member.value)).collect();
        extra.entry("team").or_insert(serde_json::Value::Array(team));
    }
    if let Some(goal) = &front.goal {
        extra.entry("goal").or_insert_with(|| text(goal));
    }
    extra
}

/// Jekyll's `_posts` and `_drafts` hold posts: their pages go under `/posts/`.
fn jekyll_folder(name: &str) -> &str {
    match name {
        "_posts" | "_drafts" => "posts",
        other => other,
    }
}

/// The `permalinks:` entry of a page's folder (the longest that holds it), else of its kind.
fn site_permalink<'p>(
    permalinks: &'p [KindPermalink],
    source: &ContentPath,
    kind: PageKind,
) -> Option<&'p KindPermalink> {
    let in_folder = permalinks
        .iter()
        .filter_map(|entry| match &entry.applies_to {
            PermalinkFor::Folder(folder) => {
                let below = source.as_str().strip_prefix(folder.as_str())?.starts_with('/');
                below.then_some((folder.len(), entry))
            }
            PermalinkFor::Kind(_) => None,
        })
        .max_by_key(|(length, _)| *length)
        .map(|(_, entry)| entry);
    in_folder.or_else(|| permalinks.iter().find(|entry| entry.applies_to == PermalinkFor::Kind(kind)))
}

/// Top folders that form a wiki tree: everything but posts, questions and communities.
pub(super) fn is_wiki_tree(top: &str) -> bool {
    !matches!(top, "posts" | "_posts" | "_drafts" | "questions" | "communities" | "index.md")
}

/// A page's tags, each once: spellings that differ only in case are one tag (`tag_key`).
fn unique_tags(tags: &[Located<String>]) -> Vec<Tag> {
    let mut seen = BTreeSet::new();
    tags.iter()
        .map(|tag| Tag {
            name: tag.value.split_whitespace().collect::<Vec<_>>().join(" "),
            key: tag_key(&tag.value),
            line: tag.line,
            column: tag.column,
        })
        .filter(|tag| !tag.key.is_empty() && seen.insert(tag.key.clone()))
        .collect()
}

/// `dev-setup` becomes `Dev setup`.
pub(super) fn humanize(name: &str) -> String {
    let spaced = name.replace(['-', '_'], " ");
    let mut chars = spaced.trim().chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn humanized_names_read_as_titles() {
        assert_eq!(humanize("dev-setup"), "Dev setup");
        assert_eq!(humanize("on_boarding"), "On boarding");
    }

    #[test]
    fn the_longest_folder_of_kinds_decides_and_dot_is_only_the_top() {
        let entry = |folder: &str, kind| FolderKind { folder: folder.to_owned(), kind };
        let entries = [
            entry(".", PageKind::Post),
            entry("blog", PageKind::Post),
            entry("blog/pages", PageKind::Wiki),
            entry("faq", PageKind::Question),
        ];
        let kinds = FolderKinds(&entries);
        assert_eq!(kinds.of(&[]), Some(PageKind::Post));
        assert_eq!(kinds.of(&["blog"]), Some(PageKind::Post));
        assert_eq!(kinds.of(&["blog", "2024"]), Some(PageKind::Post));
        assert_eq!(kinds.of(&["blog", "pages", "x"]), Some(PageKind::Wiki));
        assert_eq!(kinds.of(&["blogs"]), None);
        assert_eq!(kinds.of(&["docs"]), None, "`.` holds only the files directly in the content folder");
        assert!(!kinds.forms_wiki_tree(&["blog", "2024"]));
        assert!(kinds.forms_wiki_tree(&["blog", "pages"]));
        assert!(kinds.forms_wiki_tree(&["docs"]));
        assert!(!kinds.forms_wiki_tree(&["posts"]), "folders not in `kinds` keep today's rule");
    }
}
