//! `kennis new`: writes a page with front matter in the place DESIGN.md gives its kind.

use std::path::{Path, PathBuf};

use crate::cli::NewArgs;
use crate::config::{Config, ConfigOverrides, UnknownAuthors};
use crate::content::load_content;
use crate::error::{Error, Result};
use crate::model::PageKind;
use crate::model::slug::slugify;

pub fn run(args: NewArgs) -> Result<()> {
    let written = create_page(&args)?;
    eprintln!("wrote `{}`", written.display());
    Ok(())
}

/// Writes the new file and returns its path; never overwrites.
pub fn create_page(args: &NewArgs) -> Result<PathBuf> {
    let config = Config::load(&args.root, &ConfigOverrides::default())?;
    let (sources, _) = load_content(&config)?;
    let author = match &args.author {
        Some(id) if sources.authors.iter().any(|a| &a.id == id) => Some(id.clone()),
        // With `unknown_authors: name`, anyone may be named, as in a page's front matter.
        Some(name) if config.unknown_authors == UnknownAuthors::Name && !name.trim().is_empty() => {
            Some(name.trim().to_owned())
        }
        Some(id) => {
            return Err(Error::Usage(format!(
                "unknown author `{id}`: add `authors/{id}.yaml` first, or set `unknown_authors: name` in \
                 site.yaml to name people who have no file"
            )));
        }
        None => git_user_email(&args.root).and_then(|email| {
            sources.authors.iter().find(|a| a.emails.contains(&email)).map(|a| a.id.clone())
        }),
    };
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
            response_front(&author, &today),
        ),
        PageKind::Comment => (
            response_path(&content, "posts", "comments", &slug, &author, &today)?,
            response_front(&author, &today),
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
    Ok(path)
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

fn response_front(author: &Option<String>, today: &str) -> String {
    let authors = author.as_deref().map(|a| format!("authors: [{}]\n", as_yaml(a))).unwrap_or_default();
    format!("---\n{authors}date: {today}\n---\n\nWrite your answer here.\n")
}

/// `questions/<slug>/answers/<author>-<date>.md`: one file per person per day, so answers never conflict.
fn response_path(
    content: &Path,
    top: &str,
    folder: &str,
    slug: &str,
    author: &Option<String>,
    today: &str,
) -> Result<PathBuf> {
    let bundle = content.join(top).join(slug);
    if !bundle.join("index.md").is_file() {
        let single = content.join(top).join(format!("{slug}.md"));
        let hint = if single.is_file() {
            format!(
                "`{}` is a single file; move it to `{}/index.md` (git mv) so it can hold `{folder}/`",
                single.display(),
                bundle.display()
            )
        } else {
            format!("no `{}/index.md`; give the slug of an existing {top} page", bundle.display())
        };
        return Err(Error::Usage(hint));
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

fn git_user_email(root: &Path) -> Option<String> {
    let output =
        std::process::Command::new("git").arg("-C").arg(root).args(["config", "user.email"]).output().ok()?;
    let email = String::from_utf8(output.stdout).ok()?.trim().to_lowercase();
    (output.status.success() && !email.is_empty()).then_some(email)
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
