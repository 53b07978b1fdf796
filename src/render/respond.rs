//! The respond buttons: "Answer this question", "Respond", "Ask a question", "Write a post"
//! and "New page here" open the git host's web editor on a new file (`new_url`), named,
//! with front matter and a placeholder body, so a reader answers without cloning anything.
//!
//! The built link names the file with a dated name the build knows to be free; the theme's
//! script (`kennis.js`) swaps in today's date and a short random part when it is clicked,
//! so the HTML stays the same from build to build and two readers never pick one name.

use serde::Serialize;

use crate::dates::PageDate;
use crate::model::slug::percent_encode_segment;
use crate::model::{CommunityId, PageId, PageKind};
use crate::render::affected::Facet;
use crate::render::cards::ViewBuilder;

/// Where the script puts the file name it makes, in [`RespondView::url_template`].
const NAME_MARKER: &str = "{name}";
/// Where the script puts today's date, in the `date:` of the content in
/// [`RespondView::url_template`] (a site without git history only).
const DATE_MARKER: &str = "{date}";

/// One respond button, in the templates' `respond` list.
#[derive(Clone, Debug, Serialize)]
pub struct RespondView {
    /// What the new file is: `answer`, `comment`, `question`, `post` or `wiki`.
    pub kind: String,
    pub label: String,
    /// The editor on the new file under its dated name: the link without the script.
    pub url: String,
    /// The same URL with `{name}` where the file name's stem goes, for the script.
    pub url_template: String,
    /// The start of every name for this file (`answer`): the script adds the date and a random part.
    pub name_prefix: String,
    /// The new file from the repository root, under its dated name (`content/questions/a/answers/answer-2026-11-20.md`).
    pub path: String,
    /// When `new_url` takes no `{content}` (GitLab's editor ignores it): the text to paste
    /// into the empty file, shown with a copy button.
    pub paste: Option<String>,
}

/// A new file a button opens: its kind, its folder in the content folder, and the
/// community its front matter names.
struct NewFile<'c> {
    kind: PageKind,
    /// Relative to the content folder, `/`-separated, no trailing `/`.
    folder: String,
    community: Option<&'c str>,
    /// The newest day among the pages the button stands among: the no-script name's date,
    /// so that the HTML does not depend on the clock.
    day: Option<jiff::civil::Date>,
}

impl ViewBuilder<'_> {
    /// "Answer this question" on a question, "Respond" on a post; none elsewhere, nor
    /// without `new_url` and `repo_url`.
    pub fn respond_to_page(&self, id: PageId) -> Vec<RespondView> {
        let page = self.site.page(id);
        let kind = match page.kind {
            PageKind::Question => PageKind::Answer,
            PageKind::Post => PageKind::Comment,
            PageKind::Answer
            | PageKind::Comment
            | PageKind::Community
            | PageKind::Wiki
            | PageKind::Section
            | PageKind::Home => return Vec::new(),
        };
        if !page.has_file || self.config.new_url.is_none() {
            return Vec::new();
        }
        let stem = page.source.stem();
        let folder = if stem == "index" || stem == "_index" {
            page.source.parent().to_owned()
        } else {
            join(page.source.parent(), stem)
        };
        let folder = join(&folder, kind.response_folder().unwrap_or_default());
        let dates = page.responses.iter().map(|&r| {
            self.read(r, Facet::Page);
            self.site.page(r).sort_date()
        });
        let day = newest_day(dates.chain([page.sort_date()]));
        self.button(&NewFile { kind, folder, community: None, day }).into_iter().collect()
    }

    /// "Ask a question" and "Write a post" (`kinds`), with the community filled in when
    /// there is one; dated by the newest of `shown`, the pages the list or page shows
    /// (newest first), and written where the newest of that kind among them is, so a site
    /// that keeps its posts at the top of its content folder gets new ones there too.
    pub fn respond_new(
        &self,
        kinds: &[PageKind],
        community: Option<&CommunityId>,
        shown: &[PageId],
    ) -> Vec<RespondView> {
        if self.config.new_url.is_none() {
            return Vec::new();
        }
        let day = newest_day(shown.iter().map(|&id| self.site.page(id).sort_date()));
        let community = community.map(|c| c.0.as_str());
        kinds
            .iter()
            .filter_map(|&kind| {
                let default = match kind {
                    PageKind::Question => "questions",
                    PageKind::Post => "posts",
                    PageKind::Answer
                    | PageKind::Comment
                    | PageKind::Community
                    | PageKind::Wiki
                    | PageKind::Section
                    | PageKind::Home => return None,
                };
                let newest =
                    shown.iter().map(|&id| self.site.page(id)).find(|p| p.kind == kind && p.has_file);
                let folder = newest.map_or_else(|| default.to_owned(), |page| folder_of_page(&page.source));
                self.button(&NewFile { kind, folder, community, day })
            })
            .collect()
    }

    /// "New page here" on a wiki section: a page in the section's folder. A section that
    /// lists posts and no wiki pages (a Hugo or Zola `blog/_index.md`) gets "Write a post" there.
    pub fn respond_in_section(&self, id: PageId, shown: &[PageId]) -> Vec<RespondView> {
        let page = self.site.page(id);
        if page.kind != PageKind::Section || self.config.new_url.is_none() {
            return Vec::new();
        }
        let kinds: Vec<PageKind> = shown.iter().map(|&id| self.site.page(id).kind).collect();
        let wiki = kinds.iter().any(|&k| matches!(k, PageKind::Wiki | PageKind::Section));
        if !wiki && kinds.contains(&PageKind::Post) {
            return self.respond_new(&[PageKind::Post], None, shown);
        }
        let day = newest_day(shown.iter().map(|&id| self.site.page(id).sort_date()));
        let folder = page.source.parent().to_owned();
        self.button(&NewFile { kind: PageKind::Wiki, folder, community: None, day }).into_iter().collect()
    }

    fn button(&self, new: &NewFile) -> Option<RespondView> {
        let template = self.config.new_url.as_deref()?;
        let (label, prefix) = match new.kind {
            PageKind::Answer => ("respond_answer", "answer"),
            PageKind::Comment => ("respond_comment", "comment"),
            PageKind::Question => ("respond_question", "question"),
            PageKind::Post => ("respond_post", "post"),
            PageKind::Wiki => ("respond_wiki", "page"),
            PageKind::Community | PageKind::Section | PageKind::Home => return None,
        };
        let stem = self.free_stem(&new.folder, prefix, new.day);
        let day = new.day.map(|day| day.to_string()).unwrap_or_default();
        let (front, body) = self.new_file_text(new, &day);
        // The script's content is dated the day it is clicked, as its name is.
        let (script_front, script_body) = self.new_file_text(new, DATE_MARKER);
        let dir = format!("{}{}{}", self.repository_path, self.config.content_prefix, new.folder);
        let dir = dir.trim_end_matches('/');
        let path = |name: &str| {
            if dir.is_empty() { format!("{name}.md") } else { format!("{}/{name}.md", encode_path(dir)) }
        };
        let filled = |name: &str, content: &str| {
            template
                .replace("{path}", &path(name))
                .replace("{dir}", &encode_path(dir))
                .replace("{filename}", &format!("{name}.md"))
                .replace("{content}", content)
        };
        let name = encode_path(&stem);
        let takes_content = template.contains("{content}");
        let content = |front: &str, body: &str| {
            if !takes_content {
                return String::new();
            }
            // Past the cap the body goes: the front matter alone still makes a valid file.
            let full = percent_encode_segment(&format!("{front}{body}"));
            if filled(&name, &full).len() <= self.config.new_url_max {
                full
            } else {
                percent_encode_segment(front)
            }
        };
        Some(RespondView {
            kind: new.kind.name().to_owned(),
            label: self.text(label),
            url: filled(&name, &content(&front, &body)),
            url_template: filled(NAME_MARKER, &content(&script_front, &script_body)),
            name_prefix: prefix.to_owned(),
            path: if dir.is_empty() { format!("{stem}.md") } else { format!("{dir}/{stem}.md") },
            paste: (!takes_content).then(|| format!("{front}{body}")),
        })
    }

    /// `answer-2026-11-20`, or `answer-2026-11-20-2` when a page of the site has that name.
    fn free_stem(&self, folder: &str, prefix: &str, day: Option<jiff::civil::Date>) -> String {
        let base = match day {
            Some(day) => format!("{prefix}-{day}"),
            None => prefix.to_owned(),
        };
        let taken = |stem: &str| {
            [format!("{stem}.md"), format!("{stem}/index.md"), format!("{stem}/_index.md")].iter().any(
                |file| {
                    let path = crate::paths::ContentPath::from_components(join(folder, file).split('/'));
                    // A draft left out of this build still has its file: the host refuses a second.
                    self.site.by_source.contains_key(&path) || self.site.drafts.contains(&path)
                },
            )
        };
        let mut stem = base.clone();
        let mut n = 2;
        while taken(&stem) {
            stem = format!("{base}-{n}");
            n += 1;
        }
        stem
    }

    /// The new file's front matter, in the shape `kennis new` writes for its kind, and its
    /// placeholder body in the site's language, saying what a good one holds.
    ///
    /// With a git history, git dates and credits the file. Without one (`git: { history:
    /// false }`, or no repository) the front matter says `date: {day}` and `authors: [ ]`,
    /// with a line asking for the writer's id from `authors/`: else the page would be dated
    /// by its file's time and credited to no one.
    fn new_file_text(&self, new: &NewFile, day: &str) -> (String, String) {
        let quoted = |text: String| serde_json::to_string(&text).unwrap_or_else(|_| "\"\"".to_owned());
        let mut front = String::from("---\n");
        let dated_here = |front: &mut String| {
            if !self.git_history {
                front.push_str(&format!("date: {day}\n"));
                front.push_str(&format!("# {}\n", self.text("respond_front_authors")));
                front.push_str("authors: [ ]\n");
            }
        };
        let body_key = match new.kind {
            PageKind::Answer | PageKind::Comment => {
                if self.git_history {
                    front.push_str(&format!("# {}\n", self.text("respond_front_note")));
                }
                dated_here(&mut front);
                if new.kind == PageKind::Answer { "respond_body_answer" } else { "respond_body_comment" }
            }
            PageKind::Question | PageKind::Post | PageKind::Wiki => {
                let (title, body) = match new.kind {
                    PageKind::Question => ("respond_title_question", "respond_body_question"),
                    PageKind::Post => ("respond_title_post", "respond_body_post"),
                    _ => ("respond_title_wiki", "respond_body_wiki"),
                };
                front.push_str(&format!("title: {}\n", quoted(self.text(title))));
                if let Some(community) = new.community {
                    front.push_str(&format!("community: {}\n", quoted(community.to_owned())));
                }
                if new.kind != PageKind::Wiki {
                    front.push_str("tags: []\n");
                }
                dated_here(&mut front);
                body
            }
            PageKind::Community | PageKind::Section | PageKind::Home => "respond_body_post",
        };
        front.push_str("---\n");
        (front, format!("\n{}\n", self.text(body_key)))
    }
}

/// The folder a page is in: a bundle's (`questions/a/index.md`) is the one holding its own.
fn folder_of_page(source: &crate::paths::ContentPath) -> String {
    let parent = source.parent();
    match source.stem() {
        "index" | "_index" => parent.rsplit_once('/').map_or("", |(folder, _)| folder).to_owned(),
        _ => parent.to_owned(),
    }
}

fn join(folder: &str, name: &str) -> String {
    match (folder.is_empty(), name.is_empty()) {
        (true, _) => name.to_owned(),
        (_, true) => folder.to_owned(),
        _ => format!("{folder}/{name}"),
    }
}

fn newest_day(dates: impl Iterator<Item = Option<PageDate>>) -> Option<jiff::civil::Date> {
    dates.flatten().map(|date| date.day).max()
}

/// A path for a URL's path or query: each segment percent-encoded as a URL path segment, so
/// `&`, `=`, `#`, `?` and spaces in a name cannot break the URL; the `/` between them kept.
fn encode_path(path: &str) -> String {
    path.split('/').map(percent_encode_segment).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_text_are_percent_encoded_for_a_query() {
        assert_eq!(encode_path("docs/content/q & a/x=1#2?.md"), "docs/content/q%20%26%20a/x%3D1%232%3F.md");
        assert_eq!(percent_encode_segment("---\ntitle: \"Café\"\n"), "---%0Atitle%3A%20%22Caf%C3%A9%22%0A");
        assert_eq!(encode_path("{name}"), "%7Bname%7D");
    }
}
