//! Every URL kennis makes, decided in one place: pages, sections, bundle files, tags, people, lists and their pages, feeds, the sitemap.
//!
//! URLs here are site paths without the base path (`Config::href` adds it). Segments
//! that come from what writers type and are not slugs are percent-encoded: tag folders
//! fully (`/tags/c%23/`), author ids only where a character would break the link
//! (`/authors/an%231/`; `chloé-peeters` stays as it is, as browsers accept it). A static
//! server decodes them back to the folder the page is written to.

use crate::model::slug::percent_encode_segment;
use crate::model::{AuthorId, PageGroup, PageKind};
use crate::paths::UrlPath;

/// A page from its slugged folders and slug: `["posts", "a"]` is `/posts/a/`; an
/// `_index.md` gives its folders' slugs (the same URL as `section`), `index.md` at the
/// top none (`/`).
pub fn page(slugs: &[String]) -> UrlPath {
    UrlPath::from_segments(slugs)
}

/// A wiki section from its slugged folders: `["wiki", "tools"]` is `/wiki/tools/`.
pub fn section(folder_slugs: &[String]) -> UrlPath {
    UrlPath::from_segments(folder_slugs)
}

/// The home page.
pub fn home() -> UrlPath {
    UrlPath::from_segments::<&str>(&[])
}

/// The anchor of an answer or comment on its parent's page (`answer-an-2024-05-01`);
/// `None` for kinds that have a page of their own.
pub fn response_anchor(kind: PageKind, slugged_stem: &str) -> Option<String> {
    let prefix = match kind {
        PageKind::Answer => "answer",
        PageKind::Comment => "comment",
        PageKind::Post
        | PageKind::Question
        | PageKind::Community
        | PageKind::Wiki
        | PageKind::Section
        | PageKind::Home => return None,
    };
    Some(format!("{prefix}-{slugged_stem}"))
}

/// Where a link to a page goes: its URL, with `#answer-x` for answers and comments.
pub fn link_target(url: &UrlPath, anchor: Option<&str>) -> String {
    match anchor {
        Some(anchor) => format!("{url}#{anchor}"),
        None => url.to_string(),
    }
}

/// A file in a page bundle, beside the page: `/posts/a/` + `diagram.svg`; a page written
/// as a file (`/2015/a.html`) keeps its files in the folder of its name (`/2015/a/diagram.svg`).
pub fn bundle_asset(page: &UrlPath, file_name: &str) -> UrlPath {
    UrlPath::file(&format!("{}{file_name}", folder_of(page)))
}

/// A page's URL from an expanded permalink (`/2015/09/04/my-post/`, Zola's
/// `2020/03/12/x`): its segments, percent-decoded and encoded again only where a character
/// would break the link; a last segment ending in `.html` (Jekyll's `:output_ext`) makes the
/// page that file, anything else a folder (`/x/index.html` is `/x/`). `None` for a path
/// that is no plain path on this site (`.`, `..`, `\`, control characters).
pub fn permalink(expanded: &str) -> Option<UrlPath> {
    let decoded = crate::model::slug::percent_decode(expanded).unwrap_or_else(|| expanded.to_owned());
    let mut segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    let unsafe_segment =
        |s: &&str| *s == "." || *s == ".." || s.contains('\\') || s.chars().any(char::is_control);
    if segments.iter().any(unsafe_segment) {
        return None;
    }
    let as_file = match segments.last() {
        Some(&"index.html") => {
            segments.pop();
            false
        }
        Some(last) => last.ends_with(".html") && !expanded.ends_with('/'),
        None => false,
    };
    let encoded: Vec<String> = segments.iter().map(|s| encode_link_breakers(s)).collect();
    Some(if as_file { UrlPath::file(&encoded.join("/")) } else { UrlPath::from_segments(&encoded) })
}

/// The folder a page's own files go under: the page itself when it is a folder
/// (`/posts/a/`), the name without `.html` for a page written as a file (`/2015/a.html`
/// gives `/2015/a/`).
pub(crate) fn folder_of(page: &UrlPath) -> UrlPath {
    match page.as_str().strip_suffix(".html") {
        Some(name) => UrlPath::file(&format!("{name}/")),
        None => page.clone(),
    }
}

/// A file at its path from the site's root (`images/x.png` is `/images/x.png`): a file of
/// `static/` or a `static_dirs` folder, or a picture path read from the root.
pub fn site_file(path: &str) -> UrlPath {
    UrlPath::file(path)
}

/// A file in a folder without a page of its own, under the folders' slugs:
/// `["wiki", "images"]` + `Logo.png` is `/wiki/images/Logo.png`.
pub fn loose_asset(folder_slugs: &[String], file_name: &str) -> UrlPath {
    let mut parts: Vec<&str> = folder_slugs.iter().map(String::as_str).collect();
    parts.push(file_name);
    UrlPath::file(&parts.join("/"))
}

/// A tag's page from its folder under `tags/` (`slug::tag_folder`), percent-encoded:
/// `c#` is `/tags/c%23/`.
pub fn tag(folder: &str) -> UrlPath {
    UrlPath::from_segments(&["tags", &percent_encode_segment(folder)])
}

/// `/tags/`: every tag.
pub fn tags() -> UrlPath {
    UrlPath::file("/tags/")
}

/// `/authors/`: every person.
pub fn authors() -> UrlPath {
    UrlPath::file("/authors/")
}

/// A person's page. The id keeps its letters, digits (also beyond ASCII) and the
/// punctuation a path segment allows; `%`, `#`, `?`, spaces and the like are
/// percent-encoded, so `an#1` leads to `/authors/an%231/` rather than to a fragment.
pub fn author(id: &AuthorId) -> UrlPath {
    UrlPath::from_segments(&["authors", &encode_link_breakers(&id.0)])
}

/// Percent-encodes the ASCII characters a URL path segment may not hold as they are
/// (RFC 3986's `pchar` allows the rest); characters beyond ASCII stay as written.
fn encode_link_breakers(segment: &str) -> String {
    let mut encoded = String::with_capacity(segment.len());
    for c in segment.chars() {
        let allowed = !c.is_ascii() || c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@".contains(c);
        if allowed {
            encoded.push(c);
        } else {
            encoded.push_str(&format!("%{:02X}", c as u32));
        }
    }
    encoded
}

/// `/communities/`: every community.
pub fn communities() -> UrlPath {
    UrlPath::file("/communities/")
}

/// The members of a community, behind the few its page shows.
pub fn community_members(community: &UrlPath) -> UrlPath {
    folder_of(community).join("members")
}

/// `/posts/`: every post.
pub fn posts() -> UrlPath {
    UrlPath::file("/posts/")
}

/// `/questions/`: every question.
pub fn questions() -> UrlPath {
    UrlPath::file("/questions/")
}

/// `/questions/unanswered/`: questions nobody answered yet.
pub fn unanswered_questions() -> UrlPath {
    UrlPath::file("/questions/unanswered/")
}

/// `/questions/answered/`: questions with at least one answer.
pub fn answered_questions() -> UrlPath {
    UrlPath::file("/questions/answered/")
}

/// `/wiki/`, the wiki's top section when the site has one.
pub fn wiki() -> UrlPath {
    UrlPath::file("/wiki/")
}

/// The full list of one group of an author's or community's pages, behind the capped
/// group on their page: `/authors/an/posts/`, `/communities/data/wiki/`.
pub fn full_group(owner: &UrlPath, group: PageGroup) -> UrlPath {
    folder_of(owner).join(group_folder(group))
}

fn group_folder(group: PageGroup) -> &'static str {
    match group {
        PageGroup::Posts => "posts",
        PageGroup::Questions => "questions",
        PageGroup::Answers => "answers",
        PageGroup::Comments => "comments",
        PageGroup::Wiki => "wiki",
    }
}

/// Page `number` (1-based) of anything paginated: page 1 is `first` itself, page n is
/// `first` + `page/n/` (beside a page written as a file, in the folder of its name).
pub fn numbered(first: &UrlPath, number: usize) -> UrlPath {
    if number == 1 { first.clone() } else { folder_of(first).join(&format!("page/{number}")) }
}

/// `/insights/`: the site's insights page, its CSV and JSON files beside it.
pub fn insights() -> UrlPath {
    UrlPath::file("/insights/")
}

/// A community's insights page, beside its page: `/communities/data/insights/`.
pub fn community_insights(community: &UrlPath) -> UrlPath {
    folder_of(community).join("insights")
}

/// A file beside an insights page: `insights.json`, `participants.csv`.
pub fn insights_file(insights_page: &UrlPath, file_name: &str) -> UrlPath {
    UrlPath::file(&format!("{}{file_name}", folder_of(insights_page)))
}

/// The search page; its index files are below it, under `search/`.
pub fn search() -> UrlPath {
    UrlPath::file("/search/")
}

/// The site's Atom feed.
pub fn site_feed() -> UrlPath {
    UrlPath::file("/atom.xml")
}

/// The Atom feed of a community (beside its page) or of a person (`author(id)`):
/// `owner` + `atom.xml`.
pub fn feed_of(owner: &UrlPath) -> UrlPath {
    folder_of(owner).join("atom.xml")
}

/// The sitemap.
pub fn sitemap() -> UrlPath {
    UrlPath::file("/sitemap.xml")
}

/// The page static servers send for a URL nothing answers.
pub fn not_found() -> UrlPath {
    UrlPath::file("/404.html")
}

/// What kennis itself writes at `url`, named for messages (`kennis's own 404 page`);
/// `None` for a URL a page may have. These are the home page, the 404 page, the feed, the
/// sitemap, the lists of posts, questions (and their filters), communities, people and tags
/// with their numbered pages, and anything under `/tags/` and `/authors/`. A URL written
/// as a folder or a file is the same place (`/atom.xml/` is in the way of `/atom.xml`).
pub fn generated(url: &UrlPath) -> Option<&'static str> {
    let bare = url.as_str().trim_end_matches('/');
    let same = |other: UrlPath| other.as_str().trim_end_matches('/') == bare;
    let fixed = [
        (home(), "kennis's own home page"),
        (not_found(), "kennis's own 404 page"),
        (site_feed(), "kennis's own feed"),
        (sitemap(), "kennis's own sitemap"),
        (posts(), "kennis's own list of posts"),
        (questions(), "kennis's own list of questions"),
        (unanswered_questions(), "kennis's own list of unanswered questions"),
        (answered_questions(), "kennis's own list of answered questions"),
        (communities(), "kennis's own list of communities"),
        (authors(), "kennis's own list of people"),
        (tags(), "kennis's own list of tags"),
        (search(), "kennis's own search page"),
        (insights(), "kennis's own insights page"),
    ];
    if let Some((_, name)) = fixed.into_iter().find(|(other, _)| same(other.clone())) {
        return Some(name);
    }
    let under = |list: UrlPath| bare.starts_with(list.as_str());
    if under(tags()) {
        return Some("where kennis writes its tag pages");
    }
    if under(authors()) {
        return Some("where kennis writes its people's pages");
    }
    if under(insights()) {
        return Some("where kennis writes its insights");
    }
    let paged = [posts(), questions(), unanswered_questions(), answered_questions(), communities()];
    paged
        .into_iter()
        .any(|list| bare.starts_with(folder_of(&list).join("page").as_str()))
        .then_some("where kennis writes the later pages of its lists")
}

/// Whether kennis itself writes `url` (see [`generated`]): no page may have it.
pub fn is_generated(url: &UrlPath) -> bool {
    generated(url).is_some()
}

/// The top-level lists the sitemap names besides the pages, in its order.
pub fn sitemap_lists() -> [UrlPath; 5] {
    [posts(), questions(), communities(), authors(), tags()]
}

/// One entry of the site's navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NavEntry {
    Home,
    Posts,
    Questions,
    /// `/wiki/`, else the first top section; absent when the site has no wiki.
    Wiki,
    Communities,
    Authors,
    Tags,
}

impl NavEntry {
    /// The navigation, in its order.
    pub const ALL: [NavEntry; 7] = [
        NavEntry::Home,
        NavEntry::Posts,
        NavEntry::Questions,
        NavEntry::Wiki,
        NavEntry::Communities,
        NavEntry::Authors,
        NavEntry::Tags,
    ];

    /// The entry's URL; `wiki_root` is the URL of the wiki's entry section, if any.
    pub fn url(self, wiki_root: Option<&UrlPath>) -> Option<UrlPath> {
        Some(match self {
            NavEntry::Home => home(),
            NavEntry::Posts => posts(),
            NavEntry::Questions => questions(),
            NavEntry::Wiki => wiki_root?.clone(),
            NavEntry::Communities => communities(),
            NavEntry::Authors => authors(),
            NavEntry::Tags => tags(),
        })
    }
}

/// The list a page of this kind sits in, for breadcrumbs: posts under `/posts/`, and so on.
pub fn list_of_kind(kind: PageKind) -> Option<(NavEntry, UrlPath)> {
    match kind {
        PageKind::Post => Some((NavEntry::Posts, posts())),
        PageKind::Question => Some((NavEntry::Questions, questions())),
        PageKind::Community => Some((NavEntry::Communities, communities())),
        PageKind::Answer | PageKind::Comment | PageKind::Wiki | PageKind::Section | PageKind::Home => None,
    }
}

/// Whether `url` is the URL of a list kennis generates whose `_index.md` is its
/// introduction rather than a page of its own (`/posts/`, `/questions/`, `/communities/`).
pub fn is_introduced_list(url: &UrlPath) -> bool {
    *url == posts() || *url == questions() || *url == communities()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn pages_and_sections_end_with_a_slash() {
        assert_eq!(page(&owned(&["posts", "a"])).as_str(), "/posts/a/");
        assert_eq!(page(&owned(&["wiki", "tools", "vpn"])).as_str(), "/wiki/tools/vpn/");
        assert_eq!(section(&owned(&["wiki", "tools"])).as_str(), "/wiki/tools/");
        assert_eq!(section(&owned(&["handbook"])).as_str(), "/handbook/");
        assert_eq!(home().as_str(), "/");
    }

    #[test]
    fn permalinks_are_folders_unless_they_end_in_html() {
        let url = |expanded: &str| permalink(expanded).map(|u| u.as_str().to_owned());
        assert_eq!(url("/2015/09/04/My-Post/").as_deref(), Some("/2015/09/04/My-Post/"));
        assert_eq!(url("2020/03/12/x").as_deref(), Some("/2020/03/12/x/"));
        assert_eq!(url("//blog/2015/x.html").as_deref(), Some("/blog/2015/x.html"));
        assert_eq!(url("/x/index.html").as_deref(), Some("/x/"));
        assert_eq!(url("/a b/caf%C3%A9#1/").as_deref(), Some("/a%20b/café%231/"));
        assert_eq!(url("/a/../../etc/"), None);
        let file_page = permalink("/2015/a.html").unwrap();
        assert_eq!(bundle_asset(&file_page, "chart.svg").as_str(), "/2015/a/chart.svg");
        assert_eq!(feed_of(&file_page).as_str(), "/2015/a/atom.xml");
        assert_eq!(community_members(&file_page).as_str(), "/2015/a/members/");
        assert_eq!(numbered(&file_page, 2).as_str(), "/2015/a/page/2/");
        assert_eq!(bundle_asset(&page(&owned(&["posts", "a"])), "x.png").as_str(), "/posts/a/x.png");
        assert_eq!(community_insights(&file_page).as_str(), "/2015/a/insights/");
    }

    #[test]
    fn insights_pages_have_their_files_beside_them() {
        let community = community_insights(&page(&owned(&["communities", "data"])));
        assert_eq!(community.as_str(), "/communities/data/insights/");
        assert_eq!(
            insights_file(&community, "insights.json").as_str(),
            "/communities/data/insights/insights.json"
        );
        assert_eq!(insights_file(&insights(), "participants.csv").as_str(), "/insights/participants.csv");
        assert!(is_generated(&insights()) && is_generated(&UrlPath::file("/insights/x/")));
    }

    #[test]
    fn answers_and_comments_are_anchors_on_their_parent() {
        assert_eq!(
            response_anchor(PageKind::Answer, "an-2024-05-01").as_deref(),
            Some("answer-an-2024-05-01")
        );
        assert_eq!(response_anchor(PageKind::Comment, "bram").as_deref(), Some("comment-bram"));
        assert_eq!(response_anchor(PageKind::Question, "q"), None);
        let question = page(&owned(&["questions", "q"]));
        assert_eq!(link_target(&question, Some("answer-an")), "/questions/q/#answer-an");
        assert_eq!(link_target(&question, None), "/questions/q/");
    }

    #[test]
    fn bundle_files_sit_beside_their_page() {
        assert_eq!(
            bundle_asset(&page(&owned(&["posts", "a"])), "diagram.svg").as_str(),
            "/posts/a/diagram.svg"
        );
        assert_eq!(loose_asset(&owned(&["wiki", "images"]), "Logo.png").as_str(), "/wiki/images/Logo.png");
        assert_eq!(loose_asset(&[], "favicon.ico").as_str(), "/favicon.ico");
    }

    #[test]
    fn tag_folders_and_author_ids_are_percent_encoded() {
        assert_eq!(tag("rust").as_str(), "/tags/rust/");
        assert_eq!(tag("c#").as_str(), "/tags/c%23/");
        assert_eq!(tag("c++").as_str(), "/tags/c%2B%2B/");
        assert_eq!(tag("café au lait").as_str(), "/tags/caf%C3%A9%20au%20lait/");
        assert_eq!(author(&AuthorId("an-peeters".to_owned())).as_str(), "/authors/an-peeters/");
        assert_eq!(author(&AuthorId("jan_de.smet~2".to_owned())).as_str(), "/authors/jan_de.smet~2/");
        assert_eq!(author(&AuthorId("chloé-peeters".to_owned())).as_str(), "/authors/chloé-peeters/");
        assert_eq!(author(&AuthorId("an #1?".to_owned())).as_str(), "/authors/an%20%231%3F/");
        assert_eq!(author(&AuthorId("50%".to_owned())).as_str(), "/authors/50%25/");
    }

    #[test]
    fn lists_and_their_filters() {
        assert_eq!(posts().as_str(), "/posts/");
        assert_eq!(questions().as_str(), "/questions/");
        assert_eq!(unanswered_questions().as_str(), "/questions/unanswered/");
        assert_eq!(answered_questions().as_str(), "/questions/answered/");
        assert_eq!(tags().as_str(), "/tags/");
        assert_eq!(authors().as_str(), "/authors/");
        assert_eq!(communities().as_str(), "/communities/");
        assert_eq!(wiki().as_str(), "/wiki/");
        let names: Vec<String> = sitemap_lists().iter().map(|u| u.to_string()).collect();
        assert_eq!(names, ["/posts/", "/questions/", "/communities/", "/authors/", "/tags/"]);
    }

    #[test]
    fn members_and_full_groups_sit_under_their_owner() {
        let data = page(&owned(&["communities", "data"]));
        assert_eq!(community_members(&data).as_str(), "/communities/data/members/");
        let an = author(&AuthorId("an".to_owned()));
        let groups = [
            (PageGroup::Posts, "/authors/an/posts/"),
            (PageGroup::Questions, "/authors/an/questions/"),
            (PageGroup::Answers, "/authors/an/answers/"),
            (PageGroup::Comments, "/authors/an/comments/"),
            (PageGroup::Wiki, "/authors/an/wiki/"),
        ];
        for (group, expected) in groups {
            assert_eq!(full_group(&an, group).as_str(), expected);
        }
        assert_eq!(full_group(&data, PageGroup::Wiki).as_str(), "/communities/data/wiki/");
    }

    #[test]
    fn later_pages_of_a_list_are_numbered_below_it() {
        assert_eq!(numbered(&posts(), 1).as_str(), "/posts/");
        assert_eq!(numbered(&posts(), 2).as_str(), "/posts/page/2/");
        assert_eq!(numbered(&tag("c#"), 12).as_str(), "/tags/c%23/page/12/");
        let section = section(&owned(&["wiki", "tools"]));
        assert_eq!(numbered(&section, 3).as_str(), "/wiki/tools/page/3/");
    }

    #[test]
    fn feeds_sitemap_and_not_found() {
        assert_eq!(site_feed().as_str(), "/atom.xml");
        assert_eq!(feed_of(&author(&AuthorId("an".to_owned()))).as_str(), "/authors/an/atom.xml");
        assert_eq!(feed_of(&page(&owned(&["communities", "data"]))).as_str(), "/communities/data/atom.xml");
        assert_eq!(sitemap().as_str(), "/sitemap.xml");
        assert_eq!(not_found().as_str(), "/404.html");
    }

    #[test]
    fn urls_kennis_writes_itself_are_told_from_urls_a_page_may_have() {
        let generated = |path: &str| is_generated(&permalink(path).unwrap());
        for path in ["/", "/404.html", "/tags/", "/tags", "/tags/rust/", "/authors/an/", "/posts/"] {
            assert!(generated(path), "{path}");
        }
        for path in ["/questions/", "/questions/unanswered/", "/communities/", "/authors/", "/atom.xml"] {
            assert!(generated(path), "{path}");
        }
        assert!(generated("/sitemap.xml") && generated("/posts/page/2/") && generated("/questions/page/3/"));
        for path in
            ["/about/", "/404/", "/posts/a/", "/posts/page.html", "/tagsx/", "/wiki/tools/", "/x.html"]
        {
            assert!(!generated(path), "{path}");
        }
        assert_eq!(generated_name("/404.html"), Some("kennis's own 404 page"));
    }

    fn generated_name(path: &str) -> Option<&'static str> {
        generated(&permalink(path).unwrap())
    }

    #[test]
    fn navigation_leads_to_the_lists_and_the_wiki_when_there_is_one() {
        let urls: Vec<Option<String>> =
            NavEntry::ALL.iter().map(|e| e.url(None).map(|u| u.to_string())).collect();
        let expected = [Some("/"), Some("/posts/"), Some("/questions/"), None, Some("/communities/")];
        assert_eq!(urls[..5], expected.map(|e| e.map(str::to_owned)));
        assert_eq!(urls[5..], [Some("/authors/".to_owned()), Some("/tags/".to_owned())]);
        let handbook = section(&owned(&["handbook"]));
        assert_eq!(NavEntry::Wiki.url(Some(&handbook)), Some(handbook));
    }

    #[test]
    fn list_pages_are_introduced_by_their_index() {
        assert_eq!(list_of_kind(PageKind::Post), Some((NavEntry::Posts, posts())));
        assert_eq!(list_of_kind(PageKind::Community), Some((NavEntry::Communities, communities())));
        assert_eq!(list_of_kind(PageKind::Wiki), None);
        assert!(is_introduced_list(&questions()));
        assert!(!is_introduced_list(&wiki()));
        assert!(!is_introduced_list(&section(&owned(&["posts", "archive"]))));
    }
}
