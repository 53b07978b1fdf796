//! What a page is (`PageKind`), and every decision that depends on it, each an exhaustive match so that a new kind makes the compiler point at all of them.

/// What a page is; from its top folder, or `kind:` in front matter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Post,
    Question,
    Answer,
    Comment,
    Community,
    Wiki,
    /// A folder of the wiki (or of an adopted top folder), described by its `_index.md`.
    Section,
    /// `content/index.md`: the home page's introduction.
    Home,
}

impl PageKind {
    /// Every kind, in the order `kennis new --help` lists those it writes.
    pub const ALL: [PageKind; 8] = [
        PageKind::Post,
        PageKind::Question,
        PageKind::Answer,
        PageKind::Comment,
        PageKind::Community,
        PageKind::Wiki,
        PageKind::Section,
        PageKind::Home,
    ];

    /// The kind's name, as `kind:` is written and as templates see it (`page.kind`).
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Post => "post",
            PageKind::Question => "question",
            PageKind::Answer => "answer",
            PageKind::Comment => "comment",
            PageKind::Community => "community",
            PageKind::Wiki => "wiki",
            PageKind::Section => "section",
            PageKind::Home => "home",
        }
    }

    /// A kind as `kind:` in front matter names it (`page` is another word for `wiki`);
    /// `None` for names that are not kinds, and for kinds that the place of the file
    /// decides (`section`, `home`).
    pub fn parse(text: &str) -> Option<PageKind> {
        Some(match text {
            "post" => PageKind::Post,
            "question" => PageKind::Question,
            "answer" => PageKind::Answer,
            "comment" => PageKind::Comment,
            "community" => PageKind::Community,
            "wiki" | "page" => PageKind::Wiki,
            _ => return None,
        })
    }

    /// Kinds that are their own page (answers and comments live on their parent's page).
    pub fn has_own_page(self) -> bool {
        match self {
            PageKind::Post
            | PageKind::Question
            | PageKind::Community
            | PageKind::Wiki
            | PageKind::Section
            | PageKind::Home => true,
            PageKind::Answer | PageKind::Comment => false,
        }
    }

    /// Whether `kind:` in front matter may turn a page into this kind: answers and
    /// comments are what they are by their folder, sections and the home page by their file.
    pub fn may_be_written_in_front_matter(self) -> bool {
        match self {
            PageKind::Post | PageKind::Question | PageKind::Community | PageKind::Wiki => true,
            PageKind::Answer | PageKind::Comment | PageKind::Section | PageKind::Home => false,
        }
    }

    /// Kinds whose pages are listed by title, so a missing `title:` is an error rather
    /// than a title taken from the first heading or the file name.
    pub fn needs_title(self) -> bool {
        match self {
            PageKind::Post | PageKind::Question | PageKind::Community => true,
            PageKind::Answer | PageKind::Comment | PageKind::Wiki | PageKind::Section | PageKind::Home => {
                false
            }
        }
    }

    /// The folder an answer or comment is written in below its parent (`answers/`);
    /// `None` for kinds that are not responses.
    pub fn response_folder(self) -> Option<&'static str> {
        match self {
            PageKind::Answer => Some("answers"),
            PageKind::Comment => Some("comments"),
            PageKind::Post
            | PageKind::Question
            | PageKind::Community
            | PageKind::Wiki
            | PageKind::Section
            | PageKind::Home => None,
        }
    }

    /// The kind of the responses in a folder below their parent: `answers` holds answers.
    pub fn of_response_folder(folder: &str) -> Option<PageKind> {
        PageKind::ALL.into_iter().find(|kind| kind.response_folder() == Some(folder))
    }

    /// Whether the responses on a page of this kind are answers (on questions) rather
    /// than comments.
    pub fn responses_are_answers(self) -> bool {
        match self {
            PageKind::Question => true,
            PageKind::Post
            | PageKind::Answer
            | PageKind::Comment
            | PageKind::Community
            | PageKind::Wiki
            | PageKind::Section
            | PageKind::Home => false,
        }
    }

    /// Whether `[[wiki links]]` find a page of this kind by its slug or title; answers and
    /// comments have neither of their own, and the home page is `/`.
    pub fn has_wiki_link_name(self) -> bool {
        match self {
            PageKind::Post
            | PageKind::Question
            | PageKind::Community
            | PageKind::Wiki
            | PageKind::Section => true,
            PageKind::Answer | PageKind::Comment | PageKind::Home => false,
        }
    }

    /// Whether a page of this kind takes its place in the wiki tree when it sits in a wiki
    /// folder (a community's page stays on its own, even there).
    pub fn joins_wiki_tree(self) -> bool {
        match self {
            PageKind::Wiki | PageKind::Section | PageKind::Post | PageKind::Question => true,
            PageKind::Answer | PageKind::Comment | PageKind::Community | PageKind::Home => false,
        }
    }

    /// Whether a page of this kind shows related pages, and is one.
    pub fn has_related_pages(self) -> bool {
        match self {
            PageKind::Post | PageKind::Question | PageKind::Wiki | PageKind::Community => true,
            PageKind::Answer | PageKind::Comment | PageKind::Section | PageKind::Home => false,
        }
    }

    /// Whether the site's Atom feed follows pages of this kind.
    pub fn in_site_feed(self) -> bool {
        match self {
            PageKind::Post | PageKind::Question | PageKind::Wiki => true,
            PageKind::Answer
            | PageKind::Comment
            | PageKind::Community
            | PageKind::Section
            | PageKind::Home => false,
        }
    }

    /// The group a page of this kind is shown in on its author's or community's page;
    /// a community's wiki group holds wiki pages and sections only.
    pub fn group(self, owner: GroupOwner) -> Option<PageGroup> {
        match self {
            PageKind::Post => Some(PageGroup::Posts),
            PageKind::Question => Some(PageGroup::Questions),
            PageKind::Answer => Some(PageGroup::Answers),
            PageKind::Comment => Some(PageGroup::Comments),
            PageKind::Wiki | PageKind::Section => Some(PageGroup::Wiki),
            PageKind::Community | PageKind::Home => match owner {
                GroupOwner::Author => Some(PageGroup::Wiki),
                GroupOwner::Community => None,
            },
        }
    }
}

/// A group of an author's or a community's pages, shown capped on their page, with a
/// full list of its own when it does not fit (`urls::full_group`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PageGroup {
    Posts,
    Questions,
    Answers,
    Comments,
    Wiki,
}

/// Whose pages a group gathers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupOwner {
    Author,
    Community,
}

#[cfg(test)]
mod tests {
    use super::PageKind;

    #[test]
    fn every_kind_has_one_name_that_templates_see_too() {
        let mut names: Vec<&str> = PageKind::ALL.iter().map(|k| k.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), PageKind::ALL.len());
        for kind in PageKind::ALL {
            assert_eq!(serde_json::to_value(kind).ok(), Some(serde_json::Value::from(kind.name())));
        }
    }

    #[test]
    fn front_matter_names_every_kind_but_those_a_file_s_place_decides() {
        let written: Vec<PageKind> =
            PageKind::ALL.into_iter().filter(|k| PageKind::parse(k.name()) == Some(*k)).collect();
        assert_eq!(
            written,
            [
                PageKind::Post,
                PageKind::Question,
                PageKind::Answer,
                PageKind::Comment,
                PageKind::Community,
                PageKind::Wiki
            ]
        );
        assert_eq!(PageKind::parse("page"), Some(PageKind::Wiki));
        assert_eq!(PageKind::parse("section"), None);
    }
}
