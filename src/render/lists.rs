//! Paginated lists: posts, questions with their answered / unanswered filters, and tag pages.

use crate::model::{PageId, PageKind, Site};
use crate::paths::UrlPath;
use crate::render::jobs::{Rendered, Renderer, own_pages};
use crate::render::views::{FilterView, ListView, PageNumberView, PaginationView};

#[derive(Clone, Copy)]
pub(super) enum ListKind {
    Posts,
    Questions(QuestionFilter),
    Tag(usize),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum QuestionFilter {
    All,
    Unanswered,
    Answered,
}

/// Lists computed once and shared by every job that shows them.
pub(super) struct Lists {
    pub(super) posts: Vec<PageId>,
    pub(super) questions: Vec<PageId>,
    pub(super) unanswered: Vec<PageId>,
    pub(super) answered: Vec<PageId>,
    pub(super) tags: Vec<(String, String, Vec<PageId>)>,
}

impl Lists {
    pub(super) fn new(site: &Site) -> Lists {
        let posts = site.pages_of_kind(PageKind::Post);
        let questions = site.pages_of_kind(PageKind::Question);
        let (answered, unanswered) = questions.iter().partition(|&&q| !site.page(q).responses.is_empty());
        let tags = site
            .tags
            .iter()
            .map(|(slug, (name, ids))| (slug.clone(), name.clone(), own_pages(site, ids)))
            .collect();
        Lists { posts, questions, unanswered, answered, tags }
    }

    pub(super) fn ids(&self, list: ListKind) -> &[PageId] {
        match list {
            ListKind::Posts => &self.posts,
            ListKind::Questions(QuestionFilter::All) => &self.questions,
            ListKind::Questions(QuestionFilter::Unanswered) => &self.unanswered,
            ListKind::Questions(QuestionFilter::Answered) => &self.answered,
            ListKind::Tag(index) => &self.tags[index].2,
        }
    }
}

impl Renderer<'_> {
    pub(super) fn list(&self, list: ListKind, number: usize) -> Rendered {
        let site = self.views.site;
        let ids = self.lists.ids(list);
        let (base, title, intro_source, feed) = match list {
            ListKind::Posts => ("/posts/".to_owned(), self.views.text("title_posts"), Some("/posts/"), None),
            ListKind::Questions(filter) => {
                let (url, key) = match filter {
                    QuestionFilter::All => ("/questions/", "title_questions"),
                    QuestionFilter::Unanswered => ("/questions/unanswered/", "title_unanswered"),
                    QuestionFilter::Answered => ("/questions/answered/", "title_answered"),
                };
                (
                    url.to_owned(),
                    self.views.text(key),
                    (filter == QuestionFilter::All).then_some("/questions/"),
                    None,
                )
            }
            ListKind::Tag(index) => {
                let (slug, name, _) = &self.lists.tags[index];
                (
                    format!("/tags/{slug}/"),
                    self.views.text("tagged").replace("{tag}", name),
                    None,
                    None::<String>,
                )
            }
        };
        let base_url = UrlPath::file(&base);
        let per_page = self.views.config.paginate;
        let total_pages = ids.len().div_ceil(per_page).max(1);
        let page_url = |n: usize| if n == 1 { base_url.clone() } else { base_url.join(&format!("page/{n}")) };
        let start = (number - 1) * per_page;
        let shown = &ids[start.min(ids.len())..(start + per_page).min(ids.len())];
        let pagination = (total_pages > 1).then(|| PaginationView {
            current: number,
            total: total_pages,
            previous: (number > 1).then(|| self.views.href(page_url(number - 1).as_str())),
            next: (number < total_pages).then(|| self.views.href(page_url(number + 1).as_str())),
            pages: (1..=total_pages)
                .map(|n| PageNumberView {
                    number: n,
                    url: self.views.href(page_url(n).as_str()),
                    current: n == number,
                })
                .collect(),
        });
        let filters = match list {
            ListKind::Questions(active) => self.question_filters(active),
            _ => Vec::new(),
        };
        let intro = intro_source
            .filter(|_| number == 1)
            .and_then(|url| site.pages.iter().find(|p| p.kind == PageKind::Section && p.url.as_str() == url))
            .map(|p| self.views.bodies[p.id.0].html.clone());
        let view = ListView {
            title: title.clone(),
            intro,
            items: self.views.cards(shown),
            total: ids.len(),
            pagination,
            filters,
            feed_url: feed,
        };
        let title = if number > 1 {
            format!("{title} ({})", self.views.text("page_numbered").replace("{n}", &number.to_string()))
        } else {
            title
        };
        Rendered::new(page_url(number), "list.html", title).with("list", &view)
    }

    fn question_filters(&self, active: QuestionFilter) -> Vec<FilterView> {
        [
            (QuestionFilter::All, "filter_all", "/questions/"),
            (QuestionFilter::Unanswered, "filter_unanswered", "/questions/unanswered/"),
            (QuestionFilter::Answered, "filter_answered", "/questions/answered/"),
        ]
        .into_iter()
        .map(|(filter, key, url)| FilterView {
            label: self.views.text(key),
            url: self.views.href(url),
            count: self.lists.ids(ListKind::Questions(filter)).len(),
            active: filter == active,
        })
        .collect()
    }
}
