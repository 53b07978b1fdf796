//! Site configuration: the raw `site.yaml` as written, and the validated `Config` the stages use.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::markdown::HeadingRule;
use crate::yaml;

/// `site.yaml` exactly as written; every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    description: Option<String>,
    theme: Option<String>,
    repo_url: Option<String>,
    edit_url: Option<String>,
    history_url: Option<String>,
    /// `new_url: "{repo_url}/new/main?filename={path}&value={content}"`: the git host's
    /// editor on a new file, for the respond buttons (src/render/respond.rs).
    new_url: Option<String>,
    /// `new_url_max: 8000`: the longest editor URL; past it the content is cut to its front matter.
    new_url_max: Option<usize>,
    paginate: Option<usize>,
    taxonomies: Option<Vec<String>>,
    links: Option<RawLinks>,
    content_dir: Option<String>,
    git: Option<RawGit>,
    timezone: Option<String>,
    heading_ids: Option<HeadingRule>,
    templates_dir: Option<String>,
    static_dirs: Option<Vec<String>>,
    /// `kinds: {".": post, inside-team: post}`: folders whose pages are of a kind.
    kinds: Option<std::collections::BTreeMap<String, String>>,
    /// `unknown_authors: name`: an author not in `authors/` is shown by the name written.
    unknown_authors: Option<UnknownAuthors>,
    /// `permalinks: {post: "/:year/:month/:day/:title/"}`: the URL pattern of each kind's pages.
    permalinks: Option<std::collections::BTreeMap<String, String>>,
    /// `relative_urls: true`: links between pages relative to each page, so the output
    /// reads from disk (`file://`).
    relative_urls: Option<bool>,
    /// `tag_aliases: {kubernetes: [k8s, kube]}`: other names of a tag, shown as the tag.
    /// Read with positions by `tag_aliases`, which checks its shape.
    tag_aliases: Option<serde::de::IgnoredAny>,
    /// `search: { enabled: false, log: true, export: search.ndjson }`.
    search: Option<RawSearch>,
    /// `insights: { access_logs: [logs/access.log] }`.
    insights: Option<RawInsights>,
}

/// `insights:` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInsights {
    access_logs: Option<Vec<String>>,
}

/// `search:` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSearch {
    enabled: Option<bool>,
    log: Option<bool>,
    export: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGit {
    shallow_warning: Option<bool>,
    /// `history: false`: the git history is not read at all.
    history: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLinks {
    broken: Option<BrokenLinks>,
}

/// What a link that does not resolve is: an error (the default) or a warning.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BrokenLinks {
    #[default]
    Error,
    Warn,
}

/// What an author in front matter that is not in `authors/` is (`unknown_authors:`):
/// an error (the default, which catches typos), or a person shown by the name written,
/// without a page of their own, as git contributors outside `authors/` are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnknownAuthors {
    #[default]
    Error,
    Name,
}

/// The UI language: drives built-in strings (and, later, search stemming).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    English,
    Dutch,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Dutch => "nl",
        }
    }
}

/// The validated configuration with resolved paths.
#[derive(Clone, Debug)]
pub struct Config {
    pub root: PathBuf,
    pub title: String,
    /// Absolute, always ending in `/` (`https://intranet.example.org/kennis/`).
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending in `/` (`/kennis/`).
    pub base_path: String,
    pub language: Language,
    pub description: String,
    pub theme: String,
    pub repo_url: Option<String>,
    pub edit_url: Option<String>,
    pub history_url: Option<String>,
    /// `new_url` with `{repo_url}` filled in; `None` without `repo_url`, so no respond
    /// button leads nowhere. `{path}`, `{dir}`, `{filename}` and `{content}` are filled
    /// per button.
    pub new_url: Option<String>,
    /// `new_url_max`: the longest respond URL, in bytes ([`NEW_URL_MAX`] unless said).
    pub new_url_max: usize,
    pub paginate: usize,
    pub taxonomies: Vec<String>,
    pub broken_links: BrokenLinks,
    /// Where pages are, relative to the root: `content` unless site.yaml says otherwise
    /// (`.` adopts a Jekyll site or a handbook in place).
    pub content_dir: PathBuf,
    /// `content_dir` as a prefix for messages: `content/`, or empty for `.`.
    pub content_prefix: String,
    /// Warn when the repository is a shallow clone (`git: { shallow_warning: false }` silences it).
    pub git_shallow_warning: bool,
    /// Read the git history for dates and contributors (`git: { history: false }` does not:
    /// dates come from front matter and file times, people from front matter, as outside git).
    pub git_history: bool,
    /// A `language` kennis has no strings for, to warn about.
    unknown_language: Option<String>,
    /// Where `new_url` is written when `repo_url` is not: a warning, since no button shows.
    new_url_without_repo: Option<(u32, u32)>,
    /// `timezone: Europe/Amsterdam`: the clocks on which dates from git, and dates written
    /// without an offset, are read. `None`: each date in the offset it carries.
    pub timezone: Option<jiff::tz::TimeZone>,
    /// Whose rule gives headings their ids (`heading_ids: github|zola|hugo|kramdown`).
    pub heading_ids: HeadingRule,
    /// Where the site's template overrides are (`templates_dir:`, `templates` unless said);
    /// a folder that does not exist holds none.
    pub templates_folder: PathBuf,
    /// Folders published at their own paths beside `static/` (`static_dirs: [assets]`),
    /// relative to the root, `/`-separated, checked to exist inside the root.
    pub static_dirs: Vec<String>,
    /// `kinds:`: folders of the content folder whose pages are of a kind, as written.
    pub kinds: Vec<FolderKind>,
    /// `unknown_authors:`: whether an author not in `authors/` is an error or a name.
    pub unknown_authors: UnknownAuthors,
    /// `relative_urls: true` or `kennis build --relative-urls`: every link, image and
    /// asset from the site's own root in a page is written relative to that page, folders
    /// as `index.html`, so the output opens from disk. Feeds, the sitemap, canonical and
    /// `og:` URLs and `404.html` stay as they are.
    pub relative_urls: bool,
    /// `permalinks:`: the URL pattern of each kind's pages, checked.
    pub permalinks: Vec<KindPermalink>,
    /// `tag_aliases:`: tags that other names merge into, checked: no alias is a tag with
    /// aliases of its own, none is listed under two tags.
    pub tag_aliases: Vec<TagAliases>,
    /// `search:`: the search index and page, the query log, the export for a search server.
    pub search: SearchSettings,
    /// `insights:`: what the insights read besides the site.
    pub insights: InsightsSettings,
}

/// `insights:` in site.yaml.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InsightsSettings {
    /// `access_logs: [logs/access.log, logs/access.log.1.gz]`: web server access logs,
    /// resolved against the site root (an absolute path stays as it is).
    pub access_logs: Vec<PathBuf>,
}

/// `search:` in site.yaml, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchSettings {
    /// Write the index under `search/` and the `/search/` page (`enabled: true`, the default).
    pub enabled: bool,
    /// `log: true`: the build writes an empty `search/log.txt`, which the client requests
    /// with each settled query so that the web server's access log records it.
    pub log: bool,
    /// `export: FILE.ndjson`: one JSON document per page for a search server, at this path
    /// inside the output folder (checked: relative, no `..`).
    pub export: Option<crate::paths::OutputPath>,
}

impl Default for SearchSettings {
    fn default() -> Self {
        SearchSettings { enabled: true, log: false, export: None }
    }
}

/// One entry of `tag_aliases:` in site.yaml: the pages tagged with any of `aliases` are
/// listed on the tag `name`'s page, and each alias's own tag page sends readers there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagAliases {
    /// The tag as written in site.yaml, white space made single spaces; its page is named
    /// so when no page spells it otherwise.
    pub name: String,
    /// The other names as written, each once; none the tag itself or another's alias.
    pub aliases: Vec<String>,
}

/// One entry of `permalinks:` in site.yaml: the pages of a kind, or below a folder, get
/// URLs from `pattern`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindPermalink {
    pub applies_to: PermalinkFor,
    pub pattern: crate::model::Pattern,
    /// Where the pattern is written in site.yaml, for messages about a page it cannot name.
    pub line: u32,
    pub column: u32,
}

/// Which pages a `permalinks:` entry is for: a kind (`post:`), or, as Hugo's `permalinks`
/// name sections, every page below a folder of the content folder (`blog:`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PermalinkFor {
    Kind(crate::model::PageKind),
    /// Relative to the content folder, `/`-separated, without `./` or a trailing `/`.
    Folder(String),
}

/// One entry of `kinds:` in site.yaml: the pages below `folder` are of `kind`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderKind {
    /// Relative to the content folder, `/`-separated, without `./` or a trailing `/`;
    /// `.` is the files directly in the content folder (not its subfolders).
    pub folder: String,
    pub kind: crate::model::PageKind,
}

/// A folder a build reads. No output folder may lie in one or contain one: the next build
/// would read the output as the site, or the swap would replace the site's own files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderRead {
    /// The folder as the site names it: the root joined with the configured folder.
    pub path: PathBuf,
    pub role: FolderRole,
}

/// What a build reads a folder for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FolderRole {
    /// Pages (`content_dir`, the root itself for `content_dir: .`).
    Content,
    /// Files copied as they are (`static/`).
    Static,
    /// Template overrides (`templates/`).
    Templates,
    /// The people registry (`authors/`).
    Authors,
}

/// Command-line settings that override `site.yaml`.
#[derive(Clone, Debug, Default)]
pub struct ConfigOverrides {
    pub base_url: Option<String>,
    /// `--relative-urls`: on whatever `site.yaml` says.
    pub relative_urls: bool,
}

pub const CONFIG_FILE: &str = "site.yaml";

/// The default `new_url_max`: 8,000 bytes stays under the 8 KB request line that nginx
/// (in front of GitLab's and most Gitea installs) accepts by default, and under what
/// GitHub's web editor takes; browsers take far longer URLs.
pub const NEW_URL_MAX: usize = 8_000;

impl Config {
    /// The clocks insights count calendar months on: `timezone`, else UTC (never each date's
    /// own offset, so that a month holds the same days for every page and commit).
    pub fn months_zone(&self) -> jiff::tz::TimeZone {
        self.timezone.clone().unwrap_or(jiff::tz::TimeZone::UTC)
    }

    /// Reads `ROOT/site.yaml`; a missing file is a usage error that says how to start a site.
    pub fn load(root: &Path, overrides: &ConfigOverrides) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        let bytes = std::fs::read(&path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => Error::Usage(format!(
                "no `{CONFIG_FILE}` in `{}`: run `kennis init` to start a site, or pass `--root DIR`",
                root.display()
            )),
            _ => Error::Read { path: path.clone(), source },
        })?;
        let text = crate::text::site_file_text(bytes, CONFIG_FILE).map_err(one_problem)?;
        let mut raw: RawConfig = if text.trim().is_empty() {
            RawConfig::default()
        } else {
            yaml::parse_typed(&text).map_err(|e| {
                one_problem(Diagnostic::error(CONFIG_FILE, e.line, e.column, e.message).with_hint(e.hint))
            })?
        };
        let content_dir = raw.content_dir.as_deref().map(content_dir_as_written).unwrap_or("content");
        if content_dir.split('/').any(|part| part == "..") || Path::new(content_dir).is_absolute() {
            let (line, column) = value_position(&text, "content_dir");
            return Err(one_problem(
                Diagnostic::error(
                    CONFIG_FILE,
                    line,
                    column,
                    format!("`content_dir: {content_dir}` leaves the site root"),
                )
                .with_hint(
                    "name a folder inside the site root, such as `content` or `.` for the root itself",
                ),
            ));
        }
        let kinds = match raw.kinds.take() {
            Some(_) => folder_kinds(&text, root, content_dir)?,
            None => Vec::new(),
        };
        let permalinks = match raw.permalinks.take() {
            Some(_) => kind_permalinks(&text, root, content_dir)?,
            None => Vec::new(),
        };
        let content_dir = content_dir.to_owned();
        let folders = checked_folders(root, &text, &content_dir, &raw)?;
        raw.content_dir = Some(content_dir);
        let timezone = match raw.timezone.take() {
            Some(name) => Some(time_zone_named(&text, &name)?),
            None => None,
        };
        let tag_aliases = match raw.tag_aliases.take() {
            Some(_) => tag_aliases(&text)?,
            None => Vec::new(),
        };
        let search = search_settings(&text, raw.search.take())?;
        let new_url_without_repo =
            (raw.new_url.is_some() && raw.repo_url.is_none()).then(|| value_position(&text, "new_url"));
        Ok(Config {
            timezone,
            kinds,
            permalinks,
            tag_aliases,
            search,
            new_url_without_repo,
            ..Config::from_raw(root, raw, overrides)?
        }
        .with_folders(root, folders))
    }

    fn from_raw(root: &Path, raw: RawConfig, overrides: &ConfigOverrides) -> Result<Config> {
        let base_url = overrides.base_url.clone().or(raw.base_url).unwrap_or_else(|| "/".to_owned());
        let base_url = if base_url.ends_with('/') { base_url } else { format!("{base_url}/") };
        let (language, unknown_language) = match raw.language.as_deref().unwrap_or("en") {
            "nl" | "nl-NL" | "nl-BE" => (Language::Dutch, None),
            "en" | "en-GB" | "en-US" => (Language::English, None),
            other => (Language::English, Some(other.to_owned())),
        };
        let repo_url = raw.repo_url.map(|u| u.trim_end_matches('/').to_owned());
        let expand = |template: Option<String>| {
            template.map(|t| match &repo_url {
                Some(repo) => t.replace("{repo_url}", repo),
                None => t,
            })
        };
        // `load` has checked it and written it without `./` or a trailing `/`.
        let content_dir = raw.content_dir.unwrap_or_else(|| "content".to_owned());
        let content_prefix = match content_dir.trim_matches('/') {
            "" | "." => String::new(),
            dir => format!("{dir}/"),
        };
        Ok(Config {
            root: root.to_path_buf(),
            content_dir: root.join(&content_dir),
            content_prefix,
            git_shallow_warning: raw.git.as_ref().and_then(|g| g.shallow_warning).unwrap_or(true),
            git_history: raw.git.as_ref().and_then(|g| g.history).unwrap_or(true),
            unknown_language,
            new_url_without_repo: None,
            title: raw.title.unwrap_or_else(|| "kennis".to_owned()),
            base_path: base_path_of(&base_url),
            base_url,
            language,
            description: raw.description.unwrap_or_default(),
            theme: raw.theme.unwrap_or_else(|| "default".to_owned()),
            edit_url: expand(raw.edit_url),
            history_url: expand(raw.history_url),
            new_url: repo_url.as_ref().and(expand(raw.new_url)),
            new_url_max: raw.new_url_max.filter(|&n| n > 0).unwrap_or(NEW_URL_MAX),
            repo_url,
            paginate: raw.paginate.filter(|&n| n > 0).unwrap_or(20),
            taxonomies: raw.taxonomies.unwrap_or_default(),
            broken_links: raw.links.and_then(|l| l.broken).unwrap_or_default(),
            timezone: None,
            heading_ids: raw.heading_ids.unwrap_or_default(),
            templates_folder: root.join("templates"),
            static_dirs: Vec::new(),
            kinds: Vec::new(),
            unknown_authors: raw.unknown_authors.unwrap_or_default(),
            permalinks: Vec::new(),
            relative_urls: overrides.relative_urls || raw.relative_urls.unwrap_or(false),
            tag_aliases: Vec::new(),
            search: SearchSettings::default(),
            insights: InsightsSettings {
                access_logs: raw
                    .insights
                    .and_then(|insights| insights.access_logs)
                    .unwrap_or_default()
                    .iter()
                    .map(|log| root.join(log))
                    .collect(),
            },
        })
    }

    /// The checked `templates_dir` and `static_dirs` in place of the defaults.
    fn with_folders(self, root: &Path, folders: CheckedFolders) -> Config {
        Config {
            templates_folder: root.join(folders.templates_dir),
            static_dirs: folders.static_dirs,
            ..self
        }
    }

    /// The language pages are written in unless they say otherwise: `language:` as written,
    /// even one kennis has no UI strings for (`de`), whose pages search indexes unstemmed.
    pub fn content_language(&self) -> &str {
        self.unknown_language.as_deref().unwrap_or(self.language.code())
    }

    pub fn content_dir(&self) -> PathBuf {
        self.content_dir.clone()
    }

    /// Problems worth a warning: a language without UI strings, a `base_url` that is not
    /// absolute (feeds and the sitemap need one).
    pub fn warnings(&self) -> Vec<Diagnostic> {
        let mut warnings = Vec::new();
        if let Some(language) = &self.unknown_language {
            warnings.push(
                Diagnostic::warning(
                    CONFIG_FILE,
                    1,
                    1,
                    format!("no UI strings for `language: {language}`; using English"),
                )
                .with_hint("kennis has `en` and `nl`; other languages need a theme with their strings"),
            );
        }
        if let Some((line, column)) = self.new_url_without_repo {
            warnings.push(
                Diagnostic::warning(
                    CONFIG_FILE,
                    line,
                    column,
                    "`new_url` is set but `repo_url` is not, so no page shows the respond buttons",
                )
                .with_hint(
                    "add `repo_url:` with the repository's web address (`https://github.com/team/site`)",
                ),
            );
        }
        if self.base_url.contains("://") {
            return warnings;
        }
        warnings.extend([Diagnostic::warning(
            CONFIG_FILE,
            1,
            1,
            "`base_url` is not an absolute URL, so feeds and the sitemap have relative links",
        )
        .with_hint("set `base_url: https://your-intranet.example.org/` in site.yaml, or pass `--base-url`")]);
        warnings
    }

    /// Every folder a build reads besides `site.yaml`, in one list so that the output guard
    /// refuses each of them: a setting that adds a folder to read (`static_dirs`,
    /// `templates_dir`) must add it here.
    pub fn folders_read(&self) -> Vec<FolderRead> {
        let folder = |path: PathBuf, role| FolderRead { path, role };
        vec![
            folder(self.content_dir.clone(), FolderRole::Content),
            folder(self.static_dir(), FolderRole::Static),
            folder(self.templates_dir(), FolderRole::Templates),
            folder(self.authors_dir(), FolderRole::Authors),
        ]
        .into_iter()
        .chain(self.static_dirs.iter().map(|dir| folder(self.root.join(dir), FolderRole::Static)))
        .collect()
    }

    /// `static/`: files copied as they are, over the theme's.
    pub fn static_dir(&self) -> PathBuf {
        self.root.join("static")
    }

    /// `templates/` (or `templates_dir:`): the site's template overrides.
    pub fn templates_dir(&self) -> PathBuf {
        self.templates_folder.clone()
    }

    /// The templates folder as a prefix for messages (`templates/`, `kennis-templates/`).
    pub fn templates_prefix(&self) -> String {
        match self.templates_folder.strip_prefix(&self.root) {
            Ok(relative) => format!("{}/", relative.to_string_lossy().replace('\\', "/")),
            Err(_) => format!("{}/", self.templates_folder.display()),
        }
    }

    /// The folders the content walk of a site whose content is its root leaves out, besides
    /// kennis's own: the `templates_dir` and `static_dirs` the site names.
    pub fn kept_out_of_content(&self) -> Vec<String> {
        let templates = self.templates_prefix().trim_end_matches('/').to_owned();
        std::iter::once(templates).chain(self.static_dirs.iter().cloned()).collect()
    }

    /// `authors/`: one YAML file per person.
    pub fn authors_dir(&self) -> PathBuf {
        self.root.join("authors")
    }

    /// Whether the content folder is the root itself (an adopted Jekyll site or handbook).
    pub fn content_is_root(&self) -> bool {
        self.content_prefix.is_empty()
    }

    /// A site-relative URL (`/posts/a/`) as a link that works under the base path (`/kennis/posts/a/`).
    pub fn href(&self, url: &str) -> String {
        format!("{}{}", self.base_path, url.trim_start_matches('/'))
    }

    /// The absolute URL, for feeds, the sitemap and canonical links.
    pub fn absolute(&self, url: &str) -> String {
        format!("{}{}", self.base_url, url.trim_start_matches('/'))
    }
}

/// `./content/` and `content` are the same folder (git's paths have no `./`); an empty one is the root.
fn content_dir_as_written(written: &str) -> &str {
    let dir = written.trim_start_matches("./").trim_end_matches('/');
    if dir.is_empty() && !written.starts_with('/') {
        "."
    } else if dir.is_empty() {
        "/"
    } else {
        dir
    }
}

/// `templates_dir` and `static_dirs` as checked by `checked_folders`.
struct CheckedFolders {
    templates_dir: String,
    static_dirs: Vec<String>,
}

/// Checks `templates_dir:` and each `static_dirs:` entry, each problem at its line: a
/// folder outside the root (`..`, absolute), the root itself, one that overlaps the content
/// folder (unless the content is the root, whose walk leaves them out), and a `static_dirs`
/// entry that does not exist.
fn checked_folders(root: &Path, text: &str, content_dir: &str, raw: &RawConfig) -> Result<CheckedFolders> {
    let fields = yaml::parse_mapping(text, 1).unwrap_or_default();
    let value_of = |key: &str| fields.iter().find(|(name, _)| name.name == key).map(|(_, value)| value);
    let mut problems = Diagnostics::default();
    let check = |written: &str, key: &str, (line, column): (u32, u32)| -> Result<String, Diagnostic> {
        let dir = written.trim_start_matches("./").trim_end_matches('/');
        let problem = if dir.split('/').any(|part| part == "..") || written.starts_with('/') {
            Some((format!("`{key}: {written}` leaves the site root"), "name a folder inside the site root"))
        } else if dir.is_empty() || dir == "." {
            Some((
                format!("`{key}: {written}` is the site root itself"),
                "name a folder inside the site root",
            ))
        } else if overlaps(dir, content_dir) {
            Some((
                format!("`{key}: {written}` overlaps the content folder `{content_dir}`"),
                "name a folder beside the content folder, neither inside it nor holding it",
            ))
        } else {
            None
        };
        match problem {
            Some((message, hint)) => {
                Err(Diagnostic::error(CONFIG_FILE, line, column, message).with_hint(hint))
            }
            None => Ok(dir.to_owned()),
        }
    };
    let templates_dir = match &raw.templates_dir {
        Some(written) => {
            let at = value_of("templates_dir").map_or((1, 1), |v| (v.line, v.column));
            check(written, "templates_dir", at).unwrap_or_else(|problem| {
                problems.push(problem);
                "templates".to_owned()
            })
        }
        None => "templates".to_owned(),
    };
    let mut static_dirs = Vec::new();
    let items = value_of("static_dirs").map(|v| v.items.as_slice()).unwrap_or_default();
    for (index, written) in raw.static_dirs.iter().flatten().enumerate() {
        let at = items.get(index).map_or((1, 1), |item| (item.line, item.column));
        let dir = match check(written, "static_dirs", at) {
            Ok(dir) => dir,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        if !root.join(&dir).is_dir() {
            problems.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    at.0,
                    at.1,
                    format!("`static_dirs: {written}`: no such folder"),
                )
                .with_hint(format!("create `{dir}/` in the site root, or remove it from `static_dirs`")),
            );
            continue;
        }
        static_dirs.push(dir);
    }
    if !problems.has_errors() {
        Ok(CheckedFolders { templates_dir, static_dirs })
    } else {
        Err(Error::Content(problems))
    }
}

/// Whether one folder of the root is, holds or lies in the content folder (`.`: the root,
/// whose walk leaves the site's other folders out instead).
fn overlaps(dir: &str, content_dir: &str) -> bool {
    if content_dir == "." {
        return false;
    }
    let inside = |a: &str, b: &str| a == b || a.starts_with(&format!("{b}/"));
    inside(dir, content_dir) || inside(content_dir, dir)
}

/// Where the value of a top-level `key:` starts in `site.yaml`, for a problem with it.
fn value_position(text: &str, key: &str) -> (u32, u32) {
    let fields = yaml::parse_mapping(text, 1).unwrap_or_default();
    fields.iter().find(|(name, _)| name.name == key).map_or((1, 1), |(_, value)| (value.line, value.column))
}

/// `search:` checked: `export:` names a file inside the output folder, since kennis never
/// writes outside it; a `..` or absolute path is an error at its line and column.
fn search_settings(text: &str, raw: Option<RawSearch>) -> Result<SearchSettings> {
    let Some(raw) = raw else { return Ok(SearchSettings::default()) };
    let export = match raw.export {
        None => None,
        Some(written) => {
            let path = written.trim().trim_start_matches("./");
            // `OutputPath` refuses `..`, backslashes and empty parts, but drops a leading `/`.
            let relative = !written.trim().starts_with('/') && !path.ends_with('/');
            match crate::paths::OutputPath::new(path).filter(|_| relative) {
                Some(path) => Some(path),
                None => {
                    let (line, column) = written_field(text, "search")
                        .and_then(|search| {
                            search
                                .fields
                                .iter()
                                .find(|(key, _)| key.name == "export")
                                .map(|(_, v)| (v.line, v.column))
                        })
                        .unwrap_or_else(|| value_position(text, "search"));
                    return Err(one_problem(
                        Diagnostic::error(
                            CONFIG_FILE,
                            line,
                            column,
                            format!("`search: {{ export: {written} }}` is not a file inside the output folder"),
                        )
                        .with_hint("name a file relative to the output folder, such as `search.ndjson`; kennis writes nothing outside it"),
                    ));
                }
            }
        }
    };
    Ok(SearchSettings { enabled: raw.enabled.unwrap_or(true), log: raw.log.unwrap_or(false), export })
}

/// `timezone:` from the time zone database compiled into kennis, so that no build depends on
/// the machine's tzdata; an unknown name is an error at its line.
fn time_zone_named(text: &str, name: &str) -> Result<jiff::tz::TimeZone> {
    let database = jiff::tz::TimeZoneDatabase::bundled();
    database.get(name.trim()).map_err(|_| {
        let (line, column) = value_position(text, "timezone");
        let known: Vec<String> = database.available().map(|known| known.as_str().to_owned()).collect();
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        let hint = match crate::text::closest_name(name.trim(), &known, 3) {
            Some(close) => format!(
                "did you mean `{close}`? a time zone is an IANA name, such as `Europe/Amsterdam` or `UTC`"
            ),
            None => "write an IANA time zone name, such as `Europe/Amsterdam`, `America/New_York` or `UTC`"
                .to_owned(),
        };
        one_problem(
            Diagnostic::error(CONFIG_FILE, line, column, format!("unknown time zone `{name}`"))
                .with_hint(hint),
        )
    })
}

/// A top-level field of site.yaml with the positions of what it holds, to report each
/// entry at its line; `None` when it is not written.
fn written_field(text: &str, name: &str) -> Option<yaml::Positioned> {
    let fields = yaml::parse_mapping(text, 1).unwrap_or_default();
    fields.into_iter().find(|(key, _)| key.name == name).map(|(_, value)| value)
}

/// `kinds:` as written, checked: every folder exists in the content folder, every kind is
/// one a folder can have. All problems are reported at once, each at its line.
fn folder_kinds(text: &str, root: &Path, content_dir: &str) -> Result<Vec<FolderKind>> {
    use crate::model::PageKind;
    let Some(written) = written_field(text, "kinds") else { return Ok(Vec::new()) };
    let mut kinds = Vec::new();
    let mut problems = Diagnostics::default();
    for (key, value) in &written.fields {
        let folder = match key.name.trim_start_matches("./").trim_end_matches('/') {
            "" => ".",
            folder => folder,
        };
        let outside = folder.split('/').any(|part| part == "..") || Path::new(folder).is_absolute();
        if outside || !root.join(content_dir).join(folder).is_dir() {
            problems.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    key.line,
                    key.column,
                    format!("no folder `{folder}` in the content folder `{content_dir}/`"),
                )
                .with_hint(format!(
                    "name a folder as seen from `{content_dir}/`, such as `blog`, or `.` for the files directly in it"
                )),
            );
        }
        let name = match value.as_written_text() {
            yaml::WrittenText::Text(name) => name,
            yaml::WrittenText::Nothing | yaml::WrittenText::NotScalar => "",
        };
        match PageKind::parse(name).filter(|kind| kind.may_be_written_in_front_matter()) {
            Some(kind) => kinds.push(FolderKind { folder: folder.to_owned(), kind }),
            None => {
                let hint = match PageKind::parse(name) {
                    Some(response) => format!(
                        "a folder's kind is one of `post`, `question`, `community`, `wiki`; \
                         `{}/` below a page holds its {}s",
                        response.response_folder().unwrap_or_default(),
                        response.name()
                    ),
                    None => "a folder's kind is one of `post`, `question`, `community`, `wiki`".to_owned(),
                };
                problems.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        value.line,
                        value.column,
                        format!("unknown kind `{name}`"),
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    if !problems.has_errors() { Ok(kinds) } else { Err(Error::Content(problems)) }
}

/// `permalinks:` as written, checked: every key a kind a page can have or a folder of the
/// content folder, every placeholder one kennis knows, each problem at its line and column
/// in site.yaml.
fn kind_permalinks(text: &str, root: &Path, content_dir: &str) -> Result<Vec<KindPermalink>> {
    use crate::model::{PageKind, Pattern};
    let Some(written) = written_field(text, "permalinks") else { return Ok(Vec::new()) };
    let mut permalinks = Vec::new();
    let mut problems = Diagnostics::default();
    for (key, value) in &written.fields {
        let folder = key.name.trim_start_matches("./").trim_end_matches('/');
        let inside = !folder.is_empty()
            && !folder.split('/').any(|part| part == "..")
            && !Path::new(folder).is_absolute()
            && root.join(content_dir).join(folder).is_dir();
        let applies_to = match PageKind::parse(&key.name).filter(|kind| kind.may_be_written_in_front_matter())
        {
            Some(kind) => Some(PermalinkFor::Kind(kind)),
            None if inside => Some(PermalinkFor::Folder(folder.to_owned())),
            None if PageKind::parse(&key.name).is_some() => {
                problems.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        key.line,
                        key.column,
                        format!("unknown kind `{}`", key.name),
                    )
                    .with_hint("`permalinks` names a kind: `post`, `question`, `community` or `wiki`"),
                );
                None
            }
            None => {
                problems.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        key.line,
                        key.column,
                        format!("`{}` is neither a kind nor a folder of `{content_dir}/`", key.name),
                    )
                    .with_hint(
                        "`permalinks` names a kind (`post`, `question`, `community`, `wiki`) or, as Hugo \
                         names sections, a folder of the content folder (`blog`)",
                    ),
                );
                None
            }
        };
        let pattern = match value.as_written_text() {
            yaml::WrittenText::Text(pattern) => pattern,
            yaml::WrittenText::Nothing | yaml::WrittenText::NotScalar => "",
        };
        if pattern.trim().is_empty() {
            problems.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    value.line,
                    value.column,
                    format!("`{}` has no pattern", key.name),
                )
                .with_hint("write a pattern, such as `\"/:year/:month/:day/:title/\"`"),
            );
            continue;
        }
        match Pattern::parse(pattern) {
            Ok(parsed) => permalinks.extend(applies_to.map(|applies_to| KindPermalink {
                applies_to,
                pattern: parsed,
                line: value.line,
                column: value.column,
            })),
            Err(unknown) => {
                // A quoted pattern starts one column after its quote.
                let quote = u32::from(value.written.is_none());
                let column = value.column + quote + unknown.chars_before as u32;
                let (message, hint) = unknown.message(pattern);
                problems.push(Diagnostic::error(CONFIG_FILE, value.line, column, message).with_hint(hint));
            }
        }
    }
    if !problems.has_errors() { Ok(permalinks) } else { Err(Error::Content(problems)) }
}

/// `tag_aliases:` as written, checked, every problem at its line and column: the field is a
/// group of tags, each with one other name or a list of them; a tag is listed once; an alias
/// is neither the tag itself (in another case), nor a tag with aliases of its own, nor
/// listed under two tags. Names compare as tags do (`slug::tag_key`: case and runs of white
/// space do not count).
fn tag_aliases(text: &str) -> Result<Vec<TagAliases>> {
    use crate::model::slug::tag_key;
    let Some(written) = written_field(text, "tag_aliases") else { return Ok(Vec::new()) };
    let shape_hint = "write each tag with the names that mean the same, such as \
                      `tag_aliases: { kubernetes: [k8s, kube], documentatie: [documentation] }`";
    let mut problems = Diagnostics::default();
    if written.fields.is_empty() {
        if matches!(written.as_written_text(), yaml::WrittenText::Nothing) {
            return Ok(Vec::new());
        }
        return Err(one_problem(
            Diagnostic::error(
                CONFIG_FILE,
                written.line,
                written.column,
                "`tag_aliases` must be a group of tags",
            )
            .with_hint(shape_hint),
        ));
    }
    let at = |value: &yaml::Positioned, message: String, hint: &str| {
        Diagnostic::error(CONFIG_FILE, value.line, value.column, message).with_hint(hint)
    };
    // Every tag that has aliases, by key, with the line it is written on.
    let mut tags: std::collections::HashMap<String, (String, u32, u32)> = std::collections::HashMap::new();
    for (key, _) in &written.fields {
        let name = key.name.split_whitespace().collect::<Vec<_>>().join(" ");
        tags.entry(tag_key(&name)).or_insert((name, key.line, key.column));
    }
    // Every alias, by key, with the tag it belongs to and its line.
    let mut aliases: std::collections::HashMap<String, (String, u32)> = std::collections::HashMap::new();
    let mut entries = Vec::new();
    for (key, value) in &written.fields {
        let name = key.name.split_whitespace().collect::<Vec<_>>().join(" ");
        let tag = tag_key(&name);
        if tag.is_empty() {
            problems.push(
                Diagnostic::error(CONFIG_FILE, key.line, key.column, "an empty tag cannot have aliases")
                    .with_hint(shape_hint),
            );
            continue;
        }
        let (first_name, first_line, first_column) = &tags[&tag];
        if (*first_line, *first_column) != (key.line, key.column) {
            problems.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    key.line,
                    key.column,
                    format!("`{name}` is the same tag as `{first_name}` at line {first_line}"),
                )
                .with_hint("list all the names of one tag under it once"),
            );
            continue;
        }
        let items: Vec<&yaml::Positioned> = match value.as_written_text() {
            yaml::WrittenText::Text(_) => vec![value],
            yaml::WrittenText::NotScalar if value.fields.is_empty() => value.items.iter().collect(),
            yaml::WrittenText::Nothing | yaml::WrittenText::NotScalar => {
                let message = if value.fields.is_empty() {
                    format!("`{name}` has no aliases")
                } else {
                    format!("the aliases of `{name}` must be a name or a list of names, not a group")
                };
                problems.push(at(value, message, shape_hint));
                continue;
            }
        };
        let mut own = Vec::new();
        for item in items {
            let alias = match item.as_written_text() {
                yaml::WrittenText::Text(alias) => alias.split_whitespace().collect::<Vec<_>>().join(" "),
                yaml::WrittenText::Nothing | yaml::WrittenText::NotScalar => {
                    problems.push(at(item, format!("an alias of `{name}` must be one name"), shape_hint));
                    continue;
                }
            };
            let alias_key = tag_key(&alias);
            if alias_key.is_empty() {
                problems.push(at(item, format!("an alias of `{name}` is empty"), shape_hint));
            } else if alias_key == tag {
                problems.push(at(
                    item,
                    format!("`{alias}` is the tag `{name}` itself"),
                    "tags that differ only in case are one tag already; remove this alias",
                ));
            } else if let Some((other, line, _)) = tags.get(&alias_key) {
                problems.push(at(
                    item,
                    format!("`{alias}` is an alias of `{name}` and a tag with aliases of its own at line {line}"),
                    &format!(
                        "an alias names no tag of its own: list the aliases of `{other}` under `{name}` instead"
                    ),
                ));
            } else if let Some((first, line)) = aliases.get(&alias_key) {
                let message = if *first == name {
                    format!("`{alias}` is listed twice under `{name}`")
                } else {
                    format!("`{alias}` is an alias of both `{first}` (line {line}) and `{name}`")
                };
                problems.push(at(item, message, "an alias merges into one tag: keep it under one of them"));
            } else {
                aliases.insert(alias_key, (name.clone(), item.line));
                own.push(alias);
            }
        }
        entries.push(TagAliases { name, aliases: own });
    }
    if !problems.has_errors() { Ok(entries) } else { Err(Error::Content(problems)) }
}

fn one_problem(diagnostic: Diagnostic) -> Error {
    Error::Content(Diagnostics::from_iter([diagnostic]))
}

/// `https://host/kennis/` gives `/kennis/`; `/` or a bare host gives `/`.
fn base_path_of(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    let path = if base_url.contains("://") {
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    } else {
        after_scheme
    };
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() { "/".to_owned() } else { format!("/{trimmed}/") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_come_from_base_urls() {
        assert_eq!(base_path_of("https://intranet.example.org/"), "/");
        assert_eq!(base_path_of("https://intranet.example.org/kennis/"), "/kennis/");
        assert_eq!(base_path_of("https://intranet.example.org"), "/");
        assert_eq!(base_path_of("/docs/"), "/docs/");
        assert_eq!(base_path_of("/"), "/");
    }

    #[test]
    fn a_language_without_strings_is_a_warning() {
        let raw: RawConfig = yaml::parse_typed("language: de\nbase_url: https://x.example.org/\n").unwrap();
        let config = Config::from_raw(Path::new("."), raw, &ConfigOverrides::default()).unwrap();
        let shown: Vec<String> = config.warnings().iter().map(|w| w.to_string()).collect();
        assert_eq!(
            shown,
            ["warning: site.yaml:1:1: no UI strings for `language: de`; using English\n  \
              = help: kennis has `en` and `nl`; other languages need a theme with their strings"]
        );
    }

    #[test]
    fn site_yaml_problems_are_said_in_kennis_words() {
        let cases = [
            ("links: {broken: maybe}\n", "1:17 unknown value `maybe`"),
            ("paginate: -1\n", "1:11 this value must be a whole number, not `-1`"),
            ("title: [a]\n", "1:8 this must be a single value, not a list or a group"),
            ("title: A\n---\ntitle: B\n", "3:1 a second YAML document starts here"),
            ("links: broken\n", "1:8 this must be a group of fields"),
            ("taxonomies: tags\n", "1:13 this must be a list"),
            (
                "git:\n  shallow_warning: yes\n  shallow_warning: no\n",
                "3:3 `shallow_warning` is set twice: first at line 2, again at line 3",
            ),
        ];
        for (text, expected) in cases {
            let error = yaml::parse_typed::<RawConfig>(text).unwrap_err();
            assert_eq!(
                format!("{}:{} {}", error.line, error.column, error.message),
                expected,
                "for {text:?}"
            );
        }
        let raw: RawConfig = yaml::parse_typed("title: On\ndescription: 1.10\n").unwrap();
        assert_eq!((raw.title.as_deref(), raw.description.as_deref()), (Some("On"), Some("1.10")));
    }

    #[test]
    fn repo_url_fills_the_edit_template() {
        let raw: RawConfig = yaml::parse_typed(
            "repo_url: https://git.example.org/team/site/\nedit_url: \"{repo_url}/-/edit/main/{path}\"\n",
        )
        .unwrap();
        let config = Config::from_raw(Path::new("."), raw, &ConfigOverrides::default()).unwrap();
        assert_eq!(config.edit_url.unwrap(), "https://git.example.org/team/site/-/edit/main/{path}");
    }

    #[test]
    fn new_url_is_filled_in_and_needs_repo_url() {
        let read = |yaml: &str| {
            let raw: RawConfig = yaml::parse_typed(yaml).unwrap();
            Config::from_raw(Path::new("."), raw, &ConfigOverrides::default()).unwrap()
        };
        let config =
            read("repo_url: https://github.com/t/s/\nnew_url: \"{repo_url}/new/main?filename={path}\"\n");
        assert_eq!(config.new_url.as_deref(), Some("https://github.com/t/s/new/main?filename={path}"));
        assert_eq!(config.new_url_max, NEW_URL_MAX);
        let config = read("new_url: \"https://github.com/t/s/new/main?filename={path}\"\nnew_url_max: 300\n");
        assert_eq!(config.new_url, None);
        assert_eq!(config.new_url_max, 300);
    }
}
