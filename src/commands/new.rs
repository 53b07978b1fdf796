//! `kennis new`: writes a page with front matter in the place DESIGN.md gives its kind.

use std::path::{Path, PathBuf};

use crate::cli::NewArgs;
use crate::config::{Config, ConfigOverrides, UnknownAuthors};
use crate::content::load_content;
use crate::error::{Error, Result};
use crate::model::slug::slugify;
use crate::model::{AssembleOptions, PageKeys, PageKind, assemble_site};

pub fn run(args: NewArgs) -> Result<()> {
    let written = create_page(&args)?;
    eprintln!("wrote `{}`", written.path.display());
    if let Some(warning) = written.no_author {
        eprintln!("{warning}");
    }
    Ok(())
}

/// What `kennis new` wrote.
#[derive(Debug)]
pub struct Written {
    pub path: PathBuf,
    /// When no author was given and none in `authors/` has the git user's e-mail: a
    /// warning naming whom kennis looked for and how to name an author.
    pub no_author: Option<String>,
}

/// Writes the new file and returns its path; never overwrites.
pub fn create_page(args: &NewArgs) -> Result<Written> {
    let config = Config::load(&args.root, &ConfigOverrides::default())?;
    let (sources, _) = load_content(&config)?;
    let known_authors: Vec<&str> = sources.authors.iter().map(|a| a.id.as_str()).collect();
    let mut not_found = None;
    let author = match &args.author {
        Some(id) if known_authors.contains(&id.as_str()) => Some(id.clone()),
        // With `unknown_authors: name`, anyone may be named, as in a page's front matter.
        Some(name) if config.unknown_authors == UnknownAuthors::Name && !name.trim().is_empty() => {
            Some(name.trim().to_owned())
        }
        Some(id) => {
            return Err(unknown(
                "author",
                id,
                &known_authors,
                &format!(
                    "add `authors/{id}.yaml` first, or set `unknown_authors: name` in site.yaml to name \
                     people who have no file"
                ),
            ));
        }
        None => {
            let git = GitUser::of(&args.root);
            let found = git
                .email
                .as_ref()
                .and_then(|email| sources.authors.iter().find(|a| a.emails.contains(email)));
            if found.is_none() {
                not_found = Some(git);
            }
            found.map(|a| a.id.clone())
        }
    };
    if let Some(community) = &args.community {
        let known = known_communities(&config, &sources);
        if !known.contains(community) {
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            let fix = format!("add `{}communities/{community}/index.md` first", config.content_prefix);
            return Err(unknown("community", community, &known, &fix));
        }
    }
    let slug = slugify(&args.title);
    if slug.is_empty() {
        return Err(Error::Usage("the title needs at least one letter or digit".to_owned()));
    }
    // Today on the site's clocks when it sets `timezone`, else on this machine's.
    let today = match &config.timezone {
        Some(zone) => jiff::Timestamp::now().to_zoned(zone.clone()).date().to_string(),
        None => jiff::Zoned::now().date().to_string(),
    };
    let content = config.content_dir();
    let (path, front) = match args.kind {
        PageKind::Post => (content.join(format!("posts/{slug}.md")), page_front(args, &author, &today)),
        PageKind::Question => {
            (content.join(format!("questions/{slug}/index.md")), page_front(args, &author, &today))
        }
        PageKind::Wiki => {
            let section = args.section.as_deref().unwrap_or("").trim_matches('/');
            let folder = if section.is_empty() { "wiki".to_owned() } else { format!("wiki/{section}") };
            (content.join(format!("{folder}/{slug}.md")), page_front(args, &author, &today))
        }
        PageKind::Community => {
            (content.join(format!("communities/{slug}/index.md")), community_front(args, &author))
        }
        PageKind::Answer => (
            response_path(&content, "questions", "answers", &slug, &author, &today)?,
            response_front(&author, &today, "answer"),
        ),
        PageKind::Comment => (
            response_path(&content, "posts", "comments", &slug, &author, &today)?,
            response_front(&author, &today, "comment"),
        ),
        PageKind::Section => {
            return Err(Error::Usage(format!(
                "`kennis new` does not write section pages: a section is a folder, and its page is the \
                 folder's `_index.md` (for example `{}`); write that file by hand",
                content.join("wiki/tools/_index.md").display()
            )));
        }
        PageKind::Home => {
            return Err(Error::Usage(format!(
                "`kennis new` does not write the home page: its introduction is `{}`; edit that file",
                content.join("index.md").display()
            )));
        }
    };
    if path.exists() {
        return Err(Error::Usage(format!("`{}` exists already; choose another title", path.display())));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|source| Error::Write { path: parent.to_path_buf(), source })?;
    }
    std::fs::write(&path, front).map_err(|source| Error::Write { path: path.clone(), source })?;
    let no_author = not_found.map(|git| no_author_warning(&git, args.kind, &path, &known_authors));
    Ok(Written { path, no_author })
}

/// `unknown author `nobody`: known authors are `an`, `you`; add …`: the same words for
/// `--author` and `--community`, so both are refused the same way.
fn unknown(what: &str, id: &str, known: &[&str], fix: &str) -> Error {
    let known = if known.is_empty() {
        format!("there are no {what}s yet")
    } else {
        let listed: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
        let plural = if what == "community" { "communities".to_owned() } else { format!("{what}s") };
        format!("known {plural} are {}", listed.join(", "))
    };
    Error::Usage(format!("unknown {what} `{id}`: {known}; {fix}"))
}

/// The ids of the site's communities, as `kennis check` knows them (the folders of
/// `communities/`, or of a folder `kinds:` makes communities), drafts included.
fn known_communities(config: &Config, sources: &crate::content::Sources) -> Vec<String> {
    let options = AssembleOptions::of(config, true);
    let (site, _) = assemble_site(sources, None, &mut PageKeys::default(), options);
    site.communities.keys().map(|id| id.0.clone()).collect()
}

/// The person `git config` names, whom `kennis new` looks for in `authors/`.
struct GitUser {
    email: Option<String>,
    name: Option<String>,
}

impl GitUser {
    fn of(root: &Path) -> GitUser {
        GitUser {
            email: git_config(root, "user.email").map(|e| e.to_lowercase()),
            name: git_config(root, "user.name"),
        }
    }
}

fn no_author_warning(git: &GitUser, kind: PageKind, written: &Path, known: &[&str]) -> String {
    let who = match (&git.email, &git.name) {
        (Some(email), Some(name)) => {
            format!("no one in `authors/` has the e-mail `{email}` (`git config user.email` of {name})")
        }
        (Some(email), None) => {
            format!("no one in `authors/` has the e-mail `{email}` (`git config user.email`)")
        }
        (None, Some(name)) => format!("`git config user.email` is not set (`user.name` is {name})"),
        (None, None) => "`git config user.email` is not set".to_owned(),
    };
    let result = match kind {
        PageKind::Community => "its `lead:` and `team:` say `your-author-id`".to_owned(),
        PageKind::Post
        | PageKind::Question
        | PageKind::Answer
        | PageKind::Comment
        | PageKind::Wiki
        | PageKind::Section
        | PageKind::Home => format!("`{}` has no `authors:`", written.display()),
    };
    let known = if known.is_empty() {
        "there are none yet".to_owned()
    } else {
        let listed: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
        format!("known: {}", listed.join(", "))
    };
    let email = match &git.email {
        Some(email) => format!("add `email: {email}` to your `authors/<id>.yaml`"),
        None => "set `git config user.email` to the `email:` in your `authors/<id>.yaml`".to_owned(),
    };
    format!(
        "warning: no author: {who}, so {result}\n  = help: name one with `--author <id>` ({known}), or {email}"
    )
}

/// An author id as it is (`an-peeters`), anything else, a name or what YAML would read as
/// another type (`null`, `yes`, `~`, `1.0`), quoted (`"Jane Doe"`).
fn as_yaml(author: &str) -> String {
    if is_plain(author) && reads_as_text(author) { author.to_owned() } else { quoted(author) }
}

/// Whether YAML (1.1 or 1.2) reads a plain word as text: it starts with a letter and is
/// none of the words YAML reads as null or true/false. A digit or `.` first may be a number
/// (`1.0`, `0x1f`, `.inf`).
fn reads_as_text(word: &str) -> bool {
    const NOT_TEXT: &[&str] = &["null", "true", "false", "yes", "no", "on", "off", "y", "n"];
    word.chars().next().is_some_and(char::is_alphabetic)
        && !NOT_TEXT.iter().any(|keyword| keyword.eq_ignore_ascii_case(word))
}

/// Letters, digits, `-`, `_` and `.`: what YAML reads as itself and a file name may hold.
fn is_plain(author: &str) -> bool {
    !author.is_empty() && author.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// YAML's double-quoted strings are JSON strings, so this quotes any title safely.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

fn page_front(args: &NewArgs, author: &Option<String>, today: &str) -> String {
    let mut front = format!("---\ntitle: {}\ndate: {today}\n", quoted(&args.title));
    if let Some(author) = author {
        front.push_str(&format!("authors: [{}]\n", as_yaml(author)));
    }
    if let Some(community) = &args.community {
        front.push_str(&format!("community: {community}\n"));
    }
    front.push_str("tags: []\n---\n\n");
    front.push_str(match args.kind {
        PageKind::Question => "What do you want to know? Say what you tried and what you expected.\n",
        PageKind::Post
        | PageKind::Answer
        | PageKind::Comment
        | PageKind::Community
        | PageKind::Wiki
        | PageKind::Section
        | PageKind::Home => "Write here. The first paragraph becomes the summary.\n",
    });
    front
}

fn community_front(args: &NewArgs, author: &Option<String>) -> String {
    let lead = author.as_deref().map_or_else(|| "your-author-id".to_owned(), as_yaml);
    format!(
        "---\ntitle: {}\ngoal: \"What this community wants to achieve\"\nlead: {lead}\nteam: [{lead}]\ntags: []\n---\n\n\
         How the community works: when it meets, where it talks, how to join.\n",
        quoted(&args.title)
    )
}

fn response_front(author: &Option<String>, today: &str, what: &str) -> String {
    let authors = author.as_deref().map(|a| format!("authors: [{}]\n", as_yaml(a))).unwrap_or_default();
    format!("---\n{authors}date: {today}\n---\n\nWrite your {what} here.\n")
}

/// `questions/<slug>/answers/<author>-<date>.md`: one file per person per day, so answers never conflict.
/// For a single-file page (`posts/<slug>.md`) the folder is beside it, `posts/<slug>/comments/`,
/// where the build finds its responses too: no move needed.
fn response_path(
    content: &Path,
    top: &str,
    folder: &str,
    slug: &str,
    author: &Option<String>,
    today: &str,
) -> Result<PathBuf> {
    let bundle = content.join(top).join(slug);
    let single = content.join(top).join(format!("{slug}.md"));
    if !bundle.join("index.md").is_file() && !single.is_file() {
        return Err(Error::Usage(format!(
            "no `{}` or `{}`; give the slug of an existing {top} page",
            bundle.join("index.md").display(),
            single.display()
        )));
    }
    let who = author
        .as_deref()
        .map_or_else(|| "anonymous".to_owned(), |a| if is_plain(a) { a.to_owned() } else { slugify(a) });
    let mut path = bundle.join(folder).join(format!("{who}-{today}.md"));
    let mut n = 2;
    while path.exists() {
        path = bundle.join(folder).join(format!("{who}-{today}-{n}.md"));
        n += 1;
    }
    Ok(path)
}

/// One setting from `git config` as the site's folder sees it; `None` when unset or git is missing.
pub(crate) fn git_config(root: &Path, key: &str) -> Option<String> {
    let output = std::process::Command::new("git").arg("-C").arg(root).args(["config", key]).output().ok()?;
    let value = String::from_utf8(output.stdout).ok()?.trim().to_owned();
    (output.status.success() && !value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_author_yaml_would_read_as_another_type_is_quoted() {
        for (author, written) in [
            ("an-peeters", "an-peeters"),
            ("you", "you"),
            ("Jane Doe", "\"Jane Doe\""),
            ("null", "\"null\""),
            ("True", "\"True\""),
            ("yes", "\"yes\""),
            ("~", "\"~\""),
            ("1.0", "\"1.0\""),
            ("42", "\"42\""),
            (".inf", "\".inf\""),
            ("0x1f", "\"0x1f\""),
        ] {
            assert_eq!(as_yaml(author), written, "{author}");
            let read: serde_json::Value =
                crate::yaml::parse_typed(&format!("authors: [{}]\n", as_yaml(author))).unwrap();
            assert_eq!(read["authors"][0], serde_json::Value::String(author.to_owned()), "{author}");
        }
    }
}
