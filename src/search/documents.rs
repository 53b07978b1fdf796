//! The documents the index is made of, read from the model and the rendered bodies: one per
//! page a reader can land on, with its answers or comments as sections of its own.

use std::borrow::Cow;

use crate::config::Config;
use crate::markdown::{RenderedMarkdown, TextSection};
use crate::model::{Page, PageId, PageKind, Site};
use crate::search::text::Lang;

/// At most this many sections a document; the rest are folded into the last.
pub(crate) const MAX_SECTIONS: usize = 32;

/// One page as the index sees it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Document<'a> {
    /// The page's URL as the site writes it (under the base path).
    pub url: String,
    /// The URL without the base path, for the export's absolute URL.
    pub site_url: String,
    pub title: String,
    pub kind: PageKind,
    /// `YYYY-MM-DD`.
    pub date: Option<jiff::civil::Date>,
    pub communities: Vec<(String, String)>,
    /// Registered people by id; others (`unknown_authors: name`) by name alone.
    pub authors: Vec<(Option<String>, String)>,
    pub tags: Vec<(String, String)>,
    pub status: Option<QuestionStatus>,
    /// The page's `lang`, else the site's language.
    pub lang: String,
    /// The body's own sections, borrowed, when it has no responses and few enough headings.
    pub sections: Cow<'a, [TextSection]>,
}

/// Where a question stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum QuestionStatus {
    Unanswered,
    Answered,
    Accepted,
}

impl QuestionStatus {
    pub(crate) fn name(self) -> &'static str {
        match self {
            QuestionStatus::Unanswered => "unanswered",
            QuestionStatus::Answered => "answered",
            QuestionStatus::Accepted => "accepted",
        }
    }
}

impl Document<'_> {
    pub(crate) fn lang(&self) -> Lang {
        Lang::from_code(&self.lang)
    }
}

/// What documents are read from.
pub struct DocumentSources<'a, 'f> {
    pub site: &'a Site,
    /// By `PageId`.
    pub bodies: &'a [RenderedMarkdown],
    pub config: &'a Config,
    /// A UI string by key (`answer_by`), in the site's language.
    pub text: &'f (dyn Fn(&str) -> String + Sync),
    /// Whether a page is one readers land on (no list's introduction, no home page).
    pub is_document: &'f (dyn Fn(PageId) -> bool + Sync),
}

/// Every document, in the order of their URLs: that order is their ids.
pub(crate) fn read_documents<'a>(sources: &DocumentSources<'a, '_>) -> Vec<Document<'a>> {
    let site = sources.site;
    let mut pages: Vec<&Page> = site.pages.iter().filter(|page| (sources.is_document)(page.id)).collect();
    pages.sort_by(|a, b| a.url.as_str().cmp(b.url.as_str()));
    use rayon::prelude::*;
    pages.par_iter().map(|page| document(sources, page)).collect()
}

fn document<'a>(sources: &DocumentSources<'a, '_>, page: &Page) -> Document<'a> {
    let (site, config) = (sources.site, sources.config);
    let body = body_sections(sources.bodies, page.id);
    let sections: Cow<'a, [TextSection]> = if page.responses.is_empty() && body.len() <= MAX_SECTIONS {
        Cow::Borrowed(body)
    } else {
        let mut sections = body.to_vec();
        for &response in &page.responses {
            let response = site.page(response);
            let key = if page.kind.responses_are_answers() { "answer_by" } else { "comment_by" };
            let names: Vec<String> =
                person_names(site, &response.authors).into_iter().map(|(_, name)| name).collect();
            let heading = (sources.text)(key).replace("{name}", &names.join(", "));
            let text = body_sections(sources.bodies, response.id)
                .iter()
                .flat_map(|section| [section.heading.as_str(), section.text.as_str()])
                .filter(|text| !text.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            sections.push(TextSection { anchor: response.anchor.clone().unwrap_or_default(), heading, text });
        }
        fold_sections(&mut sections);
        Cow::Owned(sections)
    };
    let status = match (page.accepted, page.responses.is_empty()) {
        _ if !page.kind.responses_are_answers() => None,
        (Some(_), _) => Some(QuestionStatus::Accepted),
        (None, true) => Some(QuestionStatus::Unanswered),
        (None, false) => Some(QuestionStatus::Answered),
    };
    // A community's own page belongs to it, so that its filter finds it too.
    let own = site.communities.iter().filter(|(_, owner)| **owner == page.id).map(|(id, _)| id);
    let communities = own
        .chain(page.communities.iter().filter(|id| site.communities.get(*id) != Some(&page.id)))
        .map(|id| {
            let title = site.community_page(id).map_or_else(|| id.0.clone(), |p| p.title.clone());
            (id.0.clone(), title)
        })
        .collect();
    let tags = page
        .tags
        .iter()
        .map(|tag| {
            let name = site.tags.get(&tag.key).map_or_else(|| tag.name.clone(), |t| t.name.clone());
            (tag.key.clone(), name)
        })
        .collect();
    Document {
        url: config.href(page.url.as_str()),
        site_url: page.url.as_str().to_owned(),
        title: page.title.clone(),
        kind: page.kind,
        date: page.sort_date().map(|date| date.day),
        communities,
        authors: person_names(site, &page.authors),
        tags,
        status,
        lang: page.lang.clone().unwrap_or_else(|| config.content_language().to_owned()),
        sections,
    }
}

fn person_names(site: &Site, ids: &[crate::model::AuthorId]) -> Vec<(Option<String>, String)> {
    ids.iter()
        .map(|id| match site.author(id) {
            Some(author) => (Some(id.0.clone()), author.name.clone()),
            None => (None, id.0.clone()),
        })
        .collect()
}

fn body_sections(bodies: &[RenderedMarkdown], id: PageId) -> &[TextSection] {
    bodies.get(id.0).map_or(&[], |body| body.sections.as_slice())
}

/// Sections past [`MAX_SECTIONS`] join the last one kept: their text is still found, and
/// leads to the last heading kept.
fn fold_sections(sections: &mut Vec<TextSection>) {
    if sections.len() <= MAX_SECTIONS {
        return;
    }
    let rest: Vec<TextSection> = sections.drain(MAX_SECTIONS..).collect();
    if let Some(last) = sections.last_mut() {
        for section in rest {
            for text in [section.heading, section.text] {
                if !text.is_empty() {
                    last.text.push(' ');
                    last.text.push_str(&text);
                }
            }
        }
    }
}
