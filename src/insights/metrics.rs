//! Computing the insights: contributions from git history and front matter, then every figure
//! of `figures.rs` for the whole site and for each community, as issue 14 defines them.
//!
//! A contribution is one commit that adds, changes or renames a content file, credited to its
//! author (after `.mailmap`, mapped to a person by the registry's e-mail addresses), plus one
//! for each author of each page, answer and comment on the page's date: front-matter authors
//! are credited for creating the page, commits for editing it. The commit that adds a page is
//! that creation, so it is not counted again, not even for the other files it adds to the
//! page (a bundle's image), unless the page's authors came from git (front
//! matter names none), in which case that commit is the creation. Without history, only the
//! creations count. A commit counts once for the site and once for each community whose pages
//! it touched, however many files it touched. Every day is taken on the site's clocks
//! (site.yaml's `timezone`, else UTC): commits' and front-matter dates written with an offset alike.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;

use super::figures::*;
use crate::config::Config;
use crate::git::{ChangeKind, GitHistory};
use crate::model::{AuthorId, CommunityId, Contributor, Page, PageId, Site};
use crate::paths::ContentPath;

mod scope;

use scope::{Activity, ScopeInput, figures_of};

/// Every figure of the site and its communities; `as_of` is "now" (else the newest activity).
pub fn compute(
    site: &Site,
    history: Option<&GitHistory>,
    config: &Config,
    access: Option<&AccessFigures>,
    as_of: Option<Date>,
) -> Insights {
    // Commits fall in months on the site's clocks, else in UTC (not each author's own).
    let zone = config.months_zone();
    let people = People::default();
    let days = page_days(site, &zone);
    let mut gather = Gather {
        site,
        zone: &zone,
        days: &days,
        people,
        contributions: Vec::new(),
        scopes: page_scopes(site),
    };
    let from_history = history.is_some_and(|history| history.events().len() > 0);
    let history = history.filter(|_| from_history);
    gather.creations(history, &config.content_prefix);
    if let Some(history) = history {
        gather.commits(history, &config.content_prefix);
    }
    let Gather { people, mut contributions, scopes, .. } = gather;
    // "Now" is the newest activity: contribution, else dated page, and the newest month of
    // the logs (its last day), so this month's traffic shows. Never the clock: the same
    // repository and logs always give the same figures; with nothing dated there is no "now".
    let newest = contributions.iter().map(|c| c.day).max();
    let newest_page = || days.iter().flatten().max().copied();
    let newest_log = access
        .and_then(|access| access.page_views.keys().next_back())
        .and_then(|month| jiff::civil::Date::new(month.year, month.month, 1).ok())
        .map(|first| first.last_of_month());
    let as_of = as_of.or_else(|| newest.or_else(newest_page).max(newest_log));
    // Without a "now" nothing is dated, so no figure reads the day.
    let now = as_of.unwrap_or(Date::MIN);
    contributions.retain(|c| c.day <= now);
    let activity = Activity { site, people: &people, as_of: now, days: &days, page_scopes: &scopes, access };
    let site_figures = figures_of(&activity, &ScopeInput::site(&contributions));
    let communities: Vec<(CommunityId, Figures)> = site
        .communities
        .iter()
        .enumerate()
        .map(|(index, (id, &page))| {
            let lead_and_team = lead_and_team(site.page(page), &people);
            let input = ScopeInput::community(&contributions, index, lead_and_team);
            (id.clone(), figures_of(&activity, &input))
        })
        .collect();
    let persons = person_figures(&people, &contributions, &site_figures);
    let pages = named_pages(site, &site_figures, &communities);
    Insights {
        pages,
        as_of,
        from_history,
        site: site_figures,
        communities,
        people: persons,
        access: access.cloned(),
    }
}

/// One contribution: who, on which day, and which communities it counts for (by index in
/// `Site::communities`); every contribution counts for the site.
#[derive(Clone, Debug)]
pub(crate) struct Contribution {
    pub(crate) person: usize,
    pub(crate) day: Date,
    pub(crate) communities: Vec<usize>,
}

/// The people met so far, each with a number.
#[derive(Default, Debug)]
pub(crate) struct People {
    pub(crate) all: Vec<Person>,
    numbers: HashMap<Person, usize>,
}

impl People {
    pub(crate) fn number(&mut self, person: Person) -> usize {
        if let Some(&number) = self.numbers.get(&person) {
            return number;
        }
        self.all.push(person.clone());
        self.numbers.insert(person, self.all.len() - 1);
        self.all.len() - 1
    }

    pub(crate) fn find(&self, person: &Person) -> Option<usize> {
        self.numbers.get(person).copied()
    }
}

/// A person of the site: registered in `authors/`, else by the name the site shows.
pub(crate) fn person_of_author(site: &Site, id: &AuthorId) -> Person {
    match site.author(id) {
        Some(_) => Person::Author(id.clone()),
        None => Person::Named(id.0.clone()),
    }
}

fn person_of_contributor(site: &Site, contributor: &Contributor) -> Person {
    match contributor {
        Contributor::Author(id) => person_of_author(site, id),
        Contributor::Unregistered { name, .. } => Person::Named(name.clone()),
    }
}

/// Who wrote a page: the authors its front matter names; else the person git says created
/// it (not everyone who edited it, whom assembly makes its authors).
pub(crate) fn page_people(site: &Site, page: &Page) -> Vec<Person> {
    if (page.authors_from_git || page.authors.is_empty())
        && let Some(creator) = page.contributors.first()
    {
        return vec![person_of_contributor(site, creator)];
    }
    page.authors.iter().map(|id| person_of_author(site, id)).collect()
}

/// Whether a commit created the page: front matter names no author and git has committed
/// the file (an uncommitted file is created on its date by its people, as without history).
fn created_by_commit(page: &Page, history: Option<&GitHistory>, content_prefix: &str) -> bool {
    let committed = |history: &GitHistory| {
        let path = page.source.display_from_root(content_prefix);
        history.file(&path).is_some_and(|file| !file.uncommitted)
    };
    page.authors_from_git && history.is_some_and(committed)
}

/// Each page's day on the site's clocks, by `PageId`: a front-matter date written with
/// another offset is moved to the site's time zone (else UTC), as commits are.
fn page_days(site: &Site, zone: &jiff::tz::TimeZone) -> Vec<Option<Date>> {
    let mut days = vec![None; site.pages.id_bound()];
    for page in site.pages.iter() {
        days[page.id.0] = page.date.map(|date| date.day_in(zone));
    }
    days
}

/// Each page's communities by index in `Site::communities`: its own (answers and comments
/// their parent's), and a community's page its community.
fn page_scopes(site: &Site) -> Vec<Vec<usize>> {
    let mut scopes = vec![Vec::new(); site.pages.id_bound()];
    for (index, (id, &page)) in site.communities.iter().enumerate() {
        scopes[page.0].push(index);
        for member in site.community_pages.get(id).into_iter().flatten() {
            if !scopes[member.0].contains(&index) {
                scopes[member.0].push(index);
            }
        }
    }
    scopes
}

struct Gather<'a> {
    site: &'a Site,
    zone: &'a jiff::tz::TimeZone,
    days: &'a [Option<Date>],
    people: People,
    contributions: Vec<Contribution>,
    scopes: Vec<Vec<usize>>,
}

impl Gather<'_> {
    /// One contribution for each author of each page on its date: the creation.
    fn creations(&mut self, history: Option<&GitHistory>, content_prefix: &str) {
        let site = self.site;
        for page in site.pages.iter().filter(|page| page.has_file) {
            // A page whose authors git gave is created by the commit adding it.
            if created_by_commit(page, history, content_prefix) {
                continue;
            }
            let Some(day) = self.days[page.id.0] else { continue };
            for person in page_people(site, page) {
                let person = self.people.number(person);
                let communities = self.scopes[page.id.0].clone();
                self.contributions.push(Contribution { person, day, communities });
            }
        }
    }

    /// One contribution for each commit that adds, changes or renames a content file,
    /// following renames to the file's path today.
    fn commits(&mut self, history: &GitHistory, content_prefix: &str) {
        let site = self.site;
        let authors: Vec<usize> = history
            .people()
            .iter()
            .map(|person| {
                let person = person_of_contributor(site, &site.contributor(person));
                self.people.number(person)
            })
            .collect();
        // Paths before a rename to the path the file has today, filled walking back in time.
        let mut renamed: HashMap<&str, &str> = HashMap::new();
        for event in history.events() {
            // The content files the commit added, changed or renamed, by their path today.
            let mut files: Vec<(ChangeKind, ContentFile)> = Vec::new();
            for change in event.changes() {
                let today = renamed.get(change.path).copied().unwrap_or(change.path);
                if let (ChangeKind::Renamed, Some(from)) = (change.kind, change.from) {
                    renamed.insert(from, today);
                }
                if change.kind == ChangeKind::Deleted {
                    continue;
                }
                if let Some(content) = content_file(site, today, content_prefix) {
                    files.push((change.kind, content));
                }
            }
            // Adding a page whose front matter names its authors is their creation, already
            // counted: with its other files (a bundle's image), the commit is no edit of it.
            let created: Vec<PageId> = files
                .iter()
                .filter(|(kind, _)| *kind == ChangeKind::Added)
                .filter_map(|(_, content)| content.page.filter(|&id| site.page(id).source == content.path))
                .filter(|&id| !site.page(id).authors_from_git)
                .collect();
            let mut counts = false;
            let mut communities: Vec<usize> = Vec::new();
            for (_, content) in &files {
                if content.page.is_some_and(|id| created.contains(&id)) {
                    continue;
                }
                counts = true;
                for &community in content.page.map(|id| self.scopes[id.0].as_slice()).unwrap_or_default() {
                    if !communities.contains(&community) {
                        communities.push(community);
                    }
                }
            }
            if counts {
                let day = event.time().to_zoned(self.zone.clone()).date();
                let person = authors[event.author_id().index()];
                self.contributions.push(Contribution { person, day, communities });
            }
        }
    }
}

/// A file of the content folder, and the page it is or belongs to (a bundle's files belong
/// to its page).
struct ContentFile {
    path: ContentPath,
    page: Option<PageId>,
}

/// `path` from the site root as a content file: under the content folder (for
/// `content_dir: .`, a page or file of the site); `None` for site.yaml, `authors/` and the rest.
fn content_file(site: &Site, path: &str, content_prefix: &str) -> Option<ContentFile> {
    let inside = path.strip_prefix(content_prefix)?;
    let path = ContentPath::from_components(inside.split('/'));
    let page = site.by_source.get(&path).copied().or_else(|| {
        let folder = path.parent();
        ["index.md", "_index.md"].iter().find_map(|name| {
            let index =
                ContentPath::from_components(folder.split('/').filter(|s| !s.is_empty()).chain([*name]));
            site.by_source.get(&index).copied()
        })
    });
    let known = page.is_some() || site.assets_by_source.contains_key(&path);
    if content_prefix.is_empty() && !known {
        return None;
    }
    Some(ContentFile { path, page })
}

/// A community's lead and team, as people numbers (those who contributed nothing have none).
fn lead_and_team(page: &Page, people: &People) -> Vec<usize> {
    let Some(info) = &page.community else { return Vec::new() };
    let ids: BTreeSet<&AuthorId> = info.lead.iter().chain(&info.team).collect();
    ids.into_iter().filter_map(|id| people.find(&Person::Author(id.clone()))).collect()
}

/// Each contributor's contributions by the site's months, and how many people they helped.
fn person_figures(
    people: &People,
    contributions: &[Contribution],
    site: &Figures,
) -> BTreeMap<Person, PersonFigures> {
    // By person number first: no person is cloned per contribution.
    let mut by_number: Vec<Option<Vec<u32>>> = vec![None; people.all.len()];
    let first = site.months.first().copied();
    for contribution in contributions {
        let counts = by_number[contribution.person].get_or_insert_with(|| vec![0; site.months.len()]);
        let index =
            first.and_then(|first| usize::try_from(first.months_until(Month::of(contribution.day))).ok());
        if let Some(count) = index.and_then(|index| counts.get_mut(index)) {
            *count += 1;
        }
    }
    let mut figures: BTreeMap<Person, PersonFigures> = by_number
        .into_iter()
        .enumerate()
        .filter_map(|(number, counts)| {
            let figures = PersonFigures { contributions_by_month: counts?, helped: 0 };
            Some((people.all[number].clone(), figures))
        })
        .collect();
    for (person, helped) in &site.interactions.people_helped {
        if let Some(entry) = figures.get_mut(person) {
            entry.helped = *helped;
        }
    }
    figures
}

/// Every page the figures name, with its title, URL and day.
fn named_pages(
    site: &Site,
    figures: &Figures,
    communities: &[(CommunityId, Figures)],
) -> BTreeMap<PageId, PageRef> {
    let mut pages = BTreeMap::new();
    for figures in std::iter::once(figures).chain(communities.iter().map(|(_, figures)| figures)) {
        let viewed = figures.views.iter().flat_map(|views| views.top_pages.iter().map(|(id, _)| *id));
        for id in figures.knowledge_demand.unanswered.iter().copied().chain(viewed) {
            pages.entry(id).or_insert_with(|| {
                let page = site.page(id);
                PageRef {
                    title: page.title.clone(),
                    url: site.link_target(id),
                    date: page.date.map(|date| date.day),
                }
            });
        }
    }
    pages
}
