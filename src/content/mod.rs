//! Stage 1, loading: reads every source file of the site into values; the only stage that reads content.

pub(crate) mod authors;
mod field_values;
pub(crate) mod first_heading;
pub(crate) mod front_image;
pub(crate) mod front_matter;
mod walk;

use std::path::PathBuf;

use jiff::Timestamp;
use rayon::prelude::*;

pub use authors::AuthorSource;
pub use front_image::FrontImage;
pub use front_matter::{FrontMatter, Located};
pub use walk::FoundFile;
pub(crate) use walk::is_skipped;

use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics, Error, Result, Severity};
use crate::git::{self, GitHistory, NoHistory};
use crate::paths::ContentPath;

/// One Markdown file under `content/`, front matter read, body kept as text.
#[derive(Clone, Debug)]
pub struct SourceDocument {
    pub path: ContentPath,
    pub front: FrontMatter,
    pub body: String,
    /// 1-based line of the body's first line in the file.
    pub body_line: u32,
    /// Byte offset of the body in the file, for mapping parser offsets to lines.
    pub body_offset: usize,
    /// The file's modification time: the date of last resort.
    pub modified: Option<Timestamp>,
    /// The first `# Heading`'s plain text, read only when front matter has no `title`.
    pub first_heading: Option<String>,
}

/// Any other file under `content/` (a bundle's images, attachments), copied beside its page.
#[derive(Clone, Debug)]
pub struct AssetFile {
    pub path: ContentPath,
    pub absolute: PathBuf,
}

/// Everything the site is made of, as read from disk.
#[derive(Debug, Default)]
pub struct Sources {
    pub documents: Vec<SourceDocument>,
    pub assets: Vec<AssetFile>,
    pub authors: Vec<AuthorSource>,
    /// Files under `static/`, copied as they are.
    pub static_files: Vec<FoundFile>,
    /// Files under `templates/`, overriding the theme's.
    pub template_files: Vec<FoundFile>,
    /// Who changed which file when, from one `git log`; `None` outside a repository.
    pub history: Option<GitHistory>,
}

/// Reads the site below `config.root`, and its git history at the same time. I/O failures
/// stop at once; content problems are collected so one run reports all of them.
pub fn load_content(config: &Config) -> Result<(Sources, Diagnostics)> {
    let (history, files) = rayon::join(|| read_git_history(config), || load_files(config));
    let (mut sources, mut diagnostics) = files?;
    let (history, notes) = history;
    notes.into_iter().for_each(|note| diagnostics.push(note));
    sources.history = history;
    Ok((sources, diagnostics))
}

/// The history of the content folder, or nothing and one line saying why; nothing and no
/// line when site.yaml says `git: { history: false }`.
fn read_git_history(config: &Config) -> (Option<GitHistory>, Vec<Diagnostic>) {
    if !config.git_history {
        return (None, Vec::new());
    }
    let content_dir = match config.content_prefix.trim_end_matches('/') {
        "" => ".",
        dir => dir,
    };
    let fallback = "dates come from front matter and file times, authors from front matter";
    let started = std::time::Instant::now();
    let history = git::read_history(&config.root, content_dir);
    log::debug!("git history read in {:.3}s", started.elapsed().as_secs_f64());
    match history {
        Ok(history) => {
            let mut notes = Vec::new();
            if history.shallow && config.git_shallow_warning {
                notes.push(
                    Diagnostic::note(
                        Severity::Warning,
                        "this is a shallow clone: creation dates and contributors come only from the commits it has",
                    )
                    .with_hint(
                        "run `git fetch --unshallow` first (in CI: clone with full depth), \
                         or set `git: { shallow_warning: false }` in site.yaml",
                    ),
                );
            }
            (Some(history), notes)
        }
        Err(NoHistory::NotARepository) => {
            (None, vec![Diagnostic::note(Severity::Info, format!("not a git repository: {fallback}"))])
        }
        Err(NoHistory::Failed(why)) => {
            let why = why.lines().next().unwrap_or("").to_owned();
            (
                None,
                vec![Diagnostic::note(
                    Severity::Warning,
                    format!("could not read the git history ({why}): {fallback}"),
                )],
            )
        }
    }
}

fn load_files(config: &Config) -> Result<(Sources, Diagnostics)> {
    let mut links = Vec::new();
    let mut files_of = |found: walk::Found| {
        links.extend(found.links);
        found.files
    };
    let content_files = files_of(if config.content_is_root() {
        walk::content_files_at_root(&config.root, &config.kept_out_of_content())?
    } else {
        walk::files_below(&config.content_dir())?
    });
    let mut static_files = files_of(walk::static_files_below(&config.static_dir())?);
    for dir in &config.static_dirs {
        let found = files_of(walk::static_files_below(&config.root.join(dir))?);
        static_files
            .extend(found.into_iter().map(|f| FoundFile { relative: format!("{dir}/{}", f.relative), ..f }));
    }
    let template_files = files_of(walk::files_below(&config.templates_dir())?);
    let author_files = files_of(walk::files_below(&config.authors_dir())?);
    let (markdown, other): (Vec<FoundFile>, Vec<FoundFile>) = content_files
        .into_iter()
        .partition(|f| f.relative.ends_with(".md") || f.relative.ends_with(".markdown"));
    let loaded: Vec<Result<(Option<SourceDocument>, Vec<Diagnostic>)>> =
        markdown.par_iter().map(|file| load_document(file, &config.content_prefix)).collect();
    let mut diagnostics = Diagnostics::default();
    let mut documents = Vec::with_capacity(loaded.len());
    for result in loaded {
        let (document, problems) = result?;
        documents.extend(document);
        problems.into_iter().for_each(|p| diagnostics.push(p));
    }
    let assets = other
        .into_iter()
        .map(|f| AssetFile {
            path: ContentPath::from_components(f.relative.split('/')),
            absolute: f.absolute,
        })
        .collect();
    let authors = load_authors(author_files, &mut diagnostics)?;
    diagnostics.extend(skipped_links_note(&config.root, &links).into_iter().collect());
    let sources = Sources { documents, assets, authors, static_files, template_files, history: None };
    Ok((sources, diagnostics))
}

/// How many symbolic links were passed over, and the first few: never followed, never
/// published, but never silently either (each one is logged at `--verbose`).
fn skipped_links_note(root: &std::path::Path, links: &[PathBuf]) -> Option<Diagnostic> {
    const SHOWN: usize = 5;
    if links.is_empty() {
        return None;
    }
    let mut names: Vec<String> = links
        .iter()
        .take(SHOWN)
        .map(|link| format!("`{}`", link.strip_prefix(root).unwrap_or(link).display()))
        .collect();
    if links.len() > SHOWN {
        names.push(format!("and {} more (see `--verbose`)", links.len() - SHOWN));
    }
    let noun = if links.len() == 1 { "symbolic link" } else { "symbolic links" };
    Some(Diagnostic::note(
        Severity::Info,
        format!("skipped {} {noun}, which kennis never follows: {}", links.len(), names.join(", ")),
    ))
}

/// What reading one content file again found.
#[derive(Debug)]
pub enum ReadAgain {
    /// The file is there: its document (none when it cannot be read as a page) and the
    /// problems found in it.
    Found(Option<Box<SourceDocument>>, Vec<Diagnostic>),
    /// No page is there: no file any more, a file a walk would skip (not Markdown, hidden,
    /// an editor's leftover, outside the content), or a symbolic link on the way, which
    /// kennis never follows.
    Gone,
}

/// Reads one Markdown file of the content folder again, for a kept site to take in a
/// change, by the same rules as the walk that found the files.
pub fn read_document(config: &Config, path: &ContentPath) -> Result<ReadAgain> {
    if !walk::is_page_file(path.as_str(), config.content_is_root(), &config.kept_out_of_content()) {
        return Ok(ReadAgain::Gone);
    }
    let mut absolute = config.content_dir();
    for (index, part) in path.segments().enumerate() {
        absolute.push(part);
        let is_last = index + 1 == path.segments().count();
        match std::fs::symlink_metadata(&absolute) {
            Ok(metadata) if is_last && metadata.is_file() => {}
            Ok(metadata) if !is_last && metadata.is_dir() => {}
            Ok(_) => return Ok(ReadAgain::Gone),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ReadAgain::Gone),
            Err(source) => return Err(Error::Read { path: absolute, source }),
        }
    }
    let file = FoundFile { absolute, relative: path.as_str().to_owned() };
    let (document, problems) = load_document(&file, &config.content_prefix)?;
    Ok(ReadAgain::Found(document.map(Box::new), problems))
}

/// The order the walk finds files in (each folder's entries by name, a folder's files
/// right after its name): the order of `Sources::documents`, which decides the site's
/// order of pages.
pub fn walk_order(a: &ContentPath, b: &ContentPath) -> std::cmp::Ordering {
    a.segments().cmp(b.segments())
}

fn load_document(file: &FoundFile, prefix: &str) -> Result<(Option<SourceDocument>, Vec<Diagnostic>)> {
    let read_error = |source| Error::Read { path: file.absolute.clone(), source };
    // One open for the bytes and the modification time (the date of last resort).
    let mut opened = std::fs::File::open(&file.absolute).map_err(read_error)?;
    let metadata = opened.metadata().map_err(read_error)?;
    let modified = metadata.modified().ok().and_then(|t| Timestamp::try_from(t).ok());
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    std::io::Read::read_to_end(&mut opened, &mut bytes).map_err(read_error)?;
    let path = ContentPath::from_components(file.relative.split('/'));
    let shown = path.display_from_root(prefix);
    let text = match crate::text::site_file_text(bytes, &shown) {
        Ok(text) => text,
        Err(problem) => return Ok((None, vec![problem])),
    };
    let split = match front_matter::split(&text) {
        Ok(split) => split,
        Err(problem) => return Ok((None, vec![Diagnostic { file: shown, ..problem }])),
    };
    let (front, problems) = front_matter::parse(&split);
    let problems = problems.into_iter().map(|p| Diagnostic { file: shown.clone(), ..p }).collect();
    let first_heading = if front.title.is_none() { first_heading::first_heading(split.body) } else { None };
    let document = SourceDocument {
        first_heading,
        front,
        body: split.body.to_owned(),
        body_line: split.body_line,
        body_offset: split.body_offset,
        path,
        modified,
    };
    Ok((Some(document), problems))
}

fn load_authors(files: Vec<FoundFile>, diagnostics: &mut Diagnostics) -> Result<Vec<AuthorSource>> {
    let mut authors = Vec::new();
    for file in files {
        match load_author(&file)? {
            Some(Ok(author)) => authors.push(author),
            Some(Err(problem)) => diagnostics.push(problem),
            None => {}
        }
    }
    Ok(authors)
}

/// One file of `authors/`: a person, a problem, or nothing for a file that is not YAML.
fn load_author(file: &FoundFile) -> Result<Option<std::result::Result<AuthorSource, Diagnostic>>> {
    let Some(stem) = file.relative.strip_suffix(".yaml").or_else(|| file.relative.strip_suffix(".yml"))
    else {
        return Ok(None);
    };
    let bytes = std::fs::read(&file.absolute)
        .map_err(|source| Error::Read { path: file.absolute.clone(), source })?;
    let shown = format!("authors/{}", file.relative);
    let text = match crate::text::site_file_text(bytes, &shown) {
        Ok(text) => text,
        Err(problem) => return Ok(Some(Err(problem))),
    };
    Ok(Some(authors::parse_author(stem, &shown, &text)))
}

/// What reading one file of `authors/` again found.
#[derive(Debug)]
pub enum AuthorAgain {
    Found(AuthorSource),
    /// The file is there but is not a person: the problem, and the id its name gives.
    Invalid(String, Diagnostic),
    /// No file (or a link, or a file that is not YAML): the id its name would give.
    Gone(String),
}

/// Reads one file of `authors/` (`an-peeters.yaml`) again, for a kept site to take in a change.
pub fn read_author(config: &Config, file_name: &str) -> Result<AuthorAgain> {
    let id = file_name.rsplit_once('.').map_or(file_name, |(stem, _)| stem).to_owned();
    let absolute = config.authors_dir().join(file_name);
    let authors_folder_is_real = std::fs::symlink_metadata(config.authors_dir()).is_ok_and(|m| m.is_dir());
    let is_file = std::fs::symlink_metadata(&absolute).is_ok_and(|m| m.is_file());
    let plain_name = !file_name.contains('/') && !walk::is_skipped(file_name.as_ref());
    if !(authors_folder_is_real && is_file && plain_name) {
        return Ok(AuthorAgain::Gone(id));
    }
    let file = FoundFile { absolute, relative: file_name.to_owned() };
    Ok(match load_author(&file)? {
        Some(Ok(author)) => AuthorAgain::Found(author),
        Some(Err(problem)) => AuthorAgain::Invalid(id, problem),
        None => AuthorAgain::Gone(id),
    })
}

/// The text of one line of a site file (`content/posts/a.md`, line 4), for showing it
/// under a diagnostic; `None` when the file or line is not there.
pub fn source_line(root: &std::path::Path, file: &str, line: u32) -> Option<String> {
    let text =
        crate::text::lone_carriage_returns_as_line_feeds(std::fs::read_to_string(root.join(file)).ok()?);
    text.lines().nth(line.checked_sub(1)? as usize).map(|l| l.trim_end_matches('\r').to_owned())
}
