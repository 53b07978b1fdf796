//! The figures of the insights, as plain data: computed by `metrics.rs` from the built site
//! (and `access.rs` from web server logs), shown by the insights pages, `kennis insights`
//! and the CSV and JSON files.
//!
//! Every series "by month" is parallel to its [`Figures::months`]: one entry for each
//! calendar month from the first contribution to "now", months without activity included.

use std::collections::BTreeMap;

use crate::model::{AuthorId, CommunityId, PageId};

/// A calendar month in the site's time zone, shown as `YYYY-MM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month {
    pub year: i16,
    /// 1 to 12.
    pub month: i8,
}

impl Month {
    pub fn of(day: jiff::civil::Date) -> Month {
        Month { year: day.year(), month: day.month() }
    }

    /// The month `count` months later (earlier when negative).
    pub fn plus(self, count: i32) -> Month {
        let index = i32::from(self.year) * 12 + i32::from(self.month) - 1 + count;
        Month { year: index.div_euclid(12) as i16, month: (index.rem_euclid(12) + 1) as i8 }
    }

    /// How many months `later` comes after `self` (negative when before).
    pub fn months_until(self, later: Month) -> i32 {
        (i32::from(later.year) - i32::from(self.year)) * 12 + i32::from(later.month) - i32::from(self.month)
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{:04}-{:02}", self.year, self.month)
    }
}

/// Someone who took part: a person from `authors/`, or someone outside it, by the name the
/// site shows (a git author in no registry, or a front-matter name with `unknown_authors: name`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Person {
    Author(AuthorId),
    Named(String),
}

impl Person {
    /// The key in JSON and CSV: the author id, else the name.
    pub fn key(&self) -> &str {
        match self {
            Person::Author(id) => &id.0,
            Person::Named(name) => name,
        }
    }
}

/// Everything the insights show.
#[derive(Clone, Debug, PartialEq)]
pub struct Insights {
    /// "Now": `--as-of`, else the day of the newest activity in the repository (or the last
    /// day of the newest month of the access logs, if later); `None` when nothing is dated.
    pub as_of: Option<jiff::civil::Date>,
    /// Whether contributions came from git history (else from front matter alone).
    pub from_history: bool,
    pub site: Figures,
    /// One per community, in the order of `Site::communities`.
    pub communities: Vec<(CommunityId, Figures)>,
    /// One per person who contributed anything, by key: for author pages.
    pub people: BTreeMap<Person, PersonFigures>,
    /// From web server access logs, when some were given.
    pub access: Option<AccessFigures>,
    /// Every page the figures name (unanswered questions, most viewed pages), so that the
    /// figures can be shown without the site.
    pub pages: BTreeMap<PageId, PageRef>,
}

impl Insights {
    /// A person's key in JSON and CSV: [`Person::key`], except that someone outside
    /// `authors/` whose name is also the id of an author who contributed is
    /// `NAME (not in authors/)`, so that no two people share a key.
    pub fn person_key(&self, person: &Person) -> String {
        match person {
            Person::Named(name) if self.people.contains_key(&Person::Author(AuthorId(name.clone()))) => {
                format!("{name} (not in authors/)")
            }
            _ => person.key().to_owned(),
        }
    }
}

/// A page the figures name: enough to list and link it.
#[derive(Clone, Debug, PartialEq)]
pub struct PageRef {
    pub title: String,
    /// Its URL on the site, without the base path (`/questions/x/`).
    pub url: String,
    /// The day of its date, when it has one.
    pub date: Option<jiff::civil::Date>,
}

/// The figures of the whole site or of one community.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    /// Every calendar month from the first contribution to "now", oldest first; empty
    /// when nothing was contributed.
    pub months: Vec<Month>,
    /// Contributions (CHAOSS "Contributions"): by month.
    pub contributions_by_month: Vec<u32>,
    /// Distinct people who posted, asked, answered, commented or edited (CHAOSS "Contributors").
    pub participants_by_month: Vec<u32>,
    /// People whose first contribution was that month (CHAOSS "New Contributors").
    pub new_contributors_by_month: Vec<u32>,
    /// The running total of contributors at the end of each month.
    pub contributors_total_by_month: Vec<u32>,
    pub retention: Retention,
    /// The fewest people who made half of the contributions (CHAOSS "Bus Factor").
    pub bus_factor: u32,
    pub interactions: Interactions,
    pub topics: Topics,
    pub knowledge_demand: KnowledgeDemand,
    /// From access logs, when given.
    pub views: Option<Views>,
}

/// How long people keep taking part.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Retention {
    /// One per month in which someone contributed for the first time, oldest first.
    pub cohorts: Vec<Cohort>,
    /// The median over people of the months from their first to their last active month,
    /// both counted (one active month is 1); `None` when nobody contributed.
    pub median_active_months: Option<f64>,
    /// People active in one calendar month only (GrimoireLab's drive-by contributors).
    pub drive_by: u32,
    /// People active in more than one month.
    pub repeat: u32,
    /// Active before, but not in the 3 months up to "now" (CHAOSS "Inactive Contributors"), by key.
    pub inactive: Vec<Person>,
}

/// The people who first contributed in one month, and how many came back.
#[derive(Clone, Debug, PartialEq)]
pub struct Cohort {
    pub month: Month,
    pub size: u32,
    /// The share (0 to 1) active in the calendar month 1, 3 and 6 months later; `None`
    /// when that month comes after "now".
    pub after_1: Option<f64>,
    pub after_3: Option<f64>,
    pub after_6: Option<f64>,
    /// The share active in any later month up to "now".
    pub ever_again: f64,
}

/// Who answered or commented on whose question or post.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Interactions {
    /// Weighted pairs, heaviest first, then by keys.
    pub pairs: Vec<Interaction>,
    /// Each person's number of distinct people helped (answered or commented on), most first, then by key.
    pub people_helped: Vec<(Person, u32)>,
    /// The share of interactions between two people with a known department that cross
    /// departments; `None` when no interaction has both departments known.
    pub cross_department: Option<Share>,
    /// The same by `role`.
    pub cross_role: Option<Share>,
    /// For a community: the share of its contributions made by its lead and team.
    pub from_lead_and_team: Option<Share>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Interaction {
    /// The one who answered or commented.
    pub from: Person,
    /// The one who asked or posted.
    pub to: Person,
    pub count: u32,
}

/// A part of a whole, kept as counts so that nothing is rounded twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Share {
    pub part: u32,
    pub whole: u32,
}

/// Tags over time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Topics {
    /// Per tag (by its key in `Site::tags`): pages with the tag by the month of their date,
    /// parallel to `Figures::months`; tags by total, most first, then by key.
    pub by_month: Vec<(String, Vec<u32>)>,
    /// Tags rising fastest over the last 3 months against the 3 months before, fastest first.
    pub rising: Vec<RisingTag>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RisingTag {
    pub tag: String,
    pub last_3_months: u32,
    pub previous_3_months: u32,
}

/// What knowledge people asked for, and how fast they got it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KnowledgeDemand {
    pub asked_by_month: Vec<u32>,
    /// Questions that got their first answer that month.
    pub answered_by_month: Vec<u32>,
    pub median_days_to_first_answer: Option<f64>,
    pub median_days_to_accepted: Option<f64>,
    /// Questions without an answer, oldest first.
    pub unanswered: Vec<PageId>,
}

/// Page views from access logs, in this scope.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Views {
    pub by_month: Vec<u64>,
    /// Pages by views over the whole log, most first, then in the site's order.
    pub top_pages: Vec<(PageId, u64)>,
}

/// One person's figures, for their author page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PersonFigures {
    /// Contributions by month, parallel to the site's `Figures::months`.
    pub contributions_by_month: Vec<u32>,
    /// Distinct people this person answered or commented on.
    pub helped: u32,
}

/// What web server access logs say: what people searched for and which pages they opened.
/// Only counts: no address, user agent or time finer than a month is kept.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AccessFigures {
    pub search_demand: SearchDemand,
    /// Month of the request → path of the page requested (decoded, without query, from the
    /// site's root, `/posts/x/`) → requests; only pages, not assets or the search beacon.
    pub page_views: BTreeMap<Month, BTreeMap<String, u64>>,
    pub report: LogReport,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchDemand {
    /// Queries as people typed them, folded to one spelling per query (case and spaces), most first.
    pub top_queries: Vec<QueryCount>,
    /// Queries that found nothing.
    pub zero_result_queries: Vec<QueryCount>,
    /// Queries with results after which no result was opened.
    pub unopened_queries: Vec<QueryCount>,
    /// Pages opened from the search page, most first.
    pub opened_from_search: Vec<(String, u64)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryCount {
    pub query: String,
    pub count: u64,
}

/// How reading the logs went: said in one line at the end, never fatal.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LogReport {
    pub files: usize,
    pub lines: u64,
    /// Lines that did not parse, and the first of them (`file:line`).
    pub unparsed: u64,
    pub first_unparsed: Option<String>,
    /// Requests left out: crawlers and monitors by user agent, URLs outside the site's base path.
    pub crawlers: u64,
    pub outside_site: u64,
}
