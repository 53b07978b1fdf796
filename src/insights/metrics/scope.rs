//! The figures of one scope, the whole site or one community, from its contributions and its
//! pages: growth, retention, bus factor, interactions, topics, knowledge demand and views.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use jiff::civil::Date;

use super::{Contribution, People, page_people};
use crate::insights::figures::*;
use crate::model::{Page, PageId, PageKind, Site};

impl Activity<'_> {
    /// The page's day on the site's clocks.
    pub(super) fn day(&self, page: &Page) -> Option<Date> {
        self.days[page.id.0]
    }
}

/// What every scope reads.
pub(super) struct Activity<'a> {
    pub(super) site: &'a Site,
    pub(super) people: &'a People,
    pub(super) as_of: Date,
    /// Each page's day on the site's clocks, by `PageId`.
    pub(super) days: &'a [Option<Date>],
    /// Each page's communities, by `PageId`.
    pub(super) page_scopes: &'a [Vec<usize>],
    pub(super) access: Option<&'a AccessFigures>,
}

/// One scope: the site (no community) or the community with this index.
pub(super) struct ScopeInput<'a> {
    contributions: Vec<&'a Contribution>,
    community: Option<usize>,
    /// A community's lead and team, as people numbers.
    lead_and_team: Vec<usize>,
}

impl<'a> ScopeInput<'a> {
    pub(super) fn site(contributions: &'a [Contribution]) -> ScopeInput<'a> {
        ScopeInput {
            contributions: contributions.iter().collect(),
            community: None,
            lead_and_team: Vec::new(),
        }
    }

    pub(super) fn community(
        contributions: &'a [Contribution],
        index: usize,
        lead_and_team: Vec<usize>,
    ) -> ScopeInput<'a> {
        let contributions = contributions.iter().filter(|c| c.communities.contains(&index)).collect();
        ScopeInput { contributions, community: Some(index), lead_and_team }
    }
}

/// The months of a scope and the place of a day among them.
struct Months {
    all: Vec<Month>,
}

impl Months {
    fn index(&self, day: Date) -> Option<usize> {
        let first = *self.all.first()?;
        usize::try_from(first.months_until(Month::of(day))).ok().filter(|&i| i < self.all.len())
    }

    fn zeros<T: Clone + Default>(&self) -> Vec<T> {
        vec![T::default(); self.all.len()]
    }
}

pub(super) fn figures_of(activity: &Activity, input: &ScopeInput) -> Figures {
    let now = Month::of(activity.as_of);
    let months = match input.contributions.iter().map(|c| Month::of(c.day)).min() {
        Some(first) => Months { all: (0..=first.months_until(now)).map(|i| first.plus(i)).collect() },
        None => Months { all: Vec::new() },
    };
    let in_scope = |page: &Page| match input.community {
        None => true,
        Some(index) => activity.page_scopes[page.id.0].contains(&index),
    };
    let dated = |page: &&Page| activity.day(page).is_some_and(|day| day <= activity.as_of);
    let pages: Vec<&Page> = activity.site.pages.iter().filter(|p| in_scope(p)).filter(dated).collect();
    let growth = growth(&months, &input.contributions);
    let mut interactions = interactions(activity, &pages);
    if input.community.is_some() {
        let part = input.contributions.iter().filter(|c| input.lead_and_team.contains(&c.person)).count();
        let whole = input.contributions.len();
        interactions.from_lead_and_team =
            (whole > 0).then_some(Share { part: part as u32, whole: whole as u32 });
    }
    Figures {
        contributions_by_month: growth.contributions,
        participants_by_month: growth.participants,
        new_contributors_by_month: growth.new_contributors,
        contributors_total_by_month: growth.totals,
        retention: retention(activity, &input.contributions, now),
        bus_factor: bus_factor(&input.contributions),
        interactions,
        topics: topics(activity, &months, &pages, now),
        knowledge_demand: knowledge_demand(activity, &months, &pages),
        views: activity.access.map(|access| views(activity, &months, access, input.community)),
        months: months.all,
    }
}

struct Growth {
    contributions: Vec<u32>,
    participants: Vec<u32>,
    new_contributors: Vec<u32>,
    totals: Vec<u32>,
}

fn growth(months: &Months, contributions: &[&Contribution]) -> Growth {
    let mut counts: Vec<u32> = months.zeros();
    let mut active: Vec<BTreeSet<usize>> = months.zeros();
    let mut first: HashMap<usize, usize> = HashMap::new();
    for contribution in contributions {
        let Some(index) = months.index(contribution.day) else { continue };
        counts[index] += 1;
        active[index].insert(contribution.person);
        let entry = first.entry(contribution.person).or_insert(index);
        *entry = (*entry).min(index);
    }
    let mut new_contributors: Vec<u32> = months.zeros();
    first.values().for_each(|&index| new_contributors[index] += 1);
    let totals = new_contributors
        .iter()
        .scan(0, |total, new| {
            *total += new;
            Some(*total)
        })
        .collect();
    Growth {
        contributions: counts,
        participants: active.iter().map(|people| people.len() as u32).collect(),
        new_contributors,
        totals,
    }
}

/// Each person's active months in this scope, by person number.
fn active_months(contributions: &[&Contribution]) -> BTreeMap<usize, BTreeSet<Month>> {
    let mut active: BTreeMap<usize, BTreeSet<Month>> = BTreeMap::new();
    for contribution in contributions {
        active.entry(contribution.person).or_default().insert(Month::of(contribution.day));
    }
    active
}

fn retention(activity: &Activity, contributions: &[&Contribution], now: Month) -> Retention {
    let active = active_months(contributions);
    let mut cohorts: BTreeMap<Month, Vec<&BTreeSet<Month>>> = BTreeMap::new();
    for months in active.values() {
        let first = *months.first().expect("a person with a contribution has a month");
        cohorts.entry(first).or_default().push(months);
    }
    let share = |part: usize, whole: usize| part as f64 / whole as f64;
    let cohorts = cohorts
        .into_iter()
        .map(|(month, members)| {
            let size = members.len();
            let after = |count: i32| {
                let later = month.plus(count);
                (later <= now).then(|| share(members.iter().filter(|m| m.contains(&later)).count(), size))
            };
            let again = members.iter().filter(|m| m.len() > 1).count();
            Cohort {
                month,
                size: size as u32,
                after_1: after(1),
                after_3: after(3),
                after_6: after(6),
                ever_again: share(again, size),
            }
        })
        .collect();
    let spans: Vec<f64> = active
        .values()
        .map(|months| {
            let (first, last) = (months.first().unwrap(), months.last().unwrap());
            f64::from(first.months_until(*last) + 1)
        })
        .collect();
    let drive_by = active.values().filter(|months| months.len() == 1).count() as u32;
    let window_start = now.plus(-2);
    let mut inactive: Vec<Person> = active
        .iter()
        .filter(|(_, months)| months.last().is_some_and(|last| *last < window_start))
        .map(|(&person, _)| activity.people.all[person].clone())
        .collect();
    inactive.sort();
    Retention {
        cohorts,
        median_active_months: median(spans),
        drive_by,
        repeat: active.len() as u32 - drive_by,
        inactive,
    }
}

/// The middle value, or the mean of the two middle values; `None` for none.
pub(crate) fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    Some(if values.len() % 2 == 1 { values[middle] } else { (values[middle - 1] + values[middle]) / 2.0 })
}

/// The fewest people whose contributions make at least half of all of them.
fn bus_factor(contributions: &[&Contribution]) -> u32 {
    let mut counts: HashMap<usize, u32> = HashMap::new();
    contributions.iter().for_each(|c| *counts.entry(c.person).or_default() += 1);
    let mut counts: Vec<u32> = counts.into_values().collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let total: u32 = counts.iter().sum();
    let mut sum = 0;
    for (index, count) in counts.iter().enumerate() {
        sum += count;
        if sum * 2 >= total {
            return index as u32 + 1;
        }
    }
    0
}

/// Who answered or commented on whom: each response counts once for each of its authors
/// and each author of the page it responds to, never for a person and themself.
fn interactions(activity: &Activity, pages: &[&Page]) -> Interactions {
    let site = activity.site;
    let mut pairs: BTreeMap<(Person, Person), u32> = BTreeMap::new();
    let mut department = Share { part: 0, whole: 0 };
    let mut role = Share { part: 0, whole: 0 };
    for page in pages.iter().filter(|p| matches!(p.kind, PageKind::Answer | PageKind::Comment)) {
        let Some(parent) = page.parent else { continue };
        let receivers = page_people(site, site.page(parent));
        for from in page_people(site, page) {
            for to in receivers.iter().filter(|to| **to != from) {
                *pairs.entry((from.clone(), to.clone())).or_default() += 1;
                count_crossing(site, &from, to, &mut department, |a| a.department.as_deref());
                count_crossing(site, &from, to, &mut role, |a| a.role.as_deref());
            }
        }
    }
    let mut helped: BTreeMap<Person, u32> = BTreeMap::new();
    pairs.keys().for_each(|(from, _)| *helped.entry(from.clone()).or_default() += 1);
    let mut people_helped: Vec<(Person, u32)> = helped.into_iter().collect();
    people_helped.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.key().cmp(b.0.key())));
    let mut pairs: Vec<Interaction> =
        pairs.into_iter().map(|((from, to), count)| Interaction { from, to, count }).collect();
    pairs.sort_by(|a, b| {
        b.count.cmp(&a.count).then_with(|| (a.from.key(), a.to.key()).cmp(&(b.from.key(), b.to.key())))
    });
    Interactions {
        pairs,
        people_helped,
        cross_department: (department.whole > 0).then_some(department),
        cross_role: (role.whole > 0).then_some(role),
        from_lead_and_team: None,
    }
}

/// Counts one interaction whose two people both have the attribute, and whether it differs.
fn count_crossing(
    site: &Site,
    from: &Person,
    to: &Person,
    share: &mut Share,
    attribute: impl Fn(&crate::model::Author) -> Option<&str>,
) {
    let of = |person: &Person| match person {
        Person::Author(id) => site.author(id).and_then(&attribute),
        Person::Named(_) => None,
    };
    if let (Some(a), Some(b)) = (of(from), of(to)) {
        share.whole += 1;
        if a != b {
            share.part += 1;
        }
    }
}

/// Pages with each tag by month, and the tags rising fastest over the last three months.
fn topics(activity: &Activity, months: &Months, pages: &[&Page], now: Month) -> Topics {
    let mut by_tag: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for page in pages {
        let Some(index) = activity.day(page).and_then(|day| months.index(day)) else { continue };
        let keys: BTreeSet<&str> = page.tags.iter().map(|tag| tag.key.as_str()).collect();
        for key in keys.into_iter().filter(|key| activity.site.tags.contains_key(*key)) {
            by_tag.entry(key).or_insert_with(|| months.zeros())[index] += 1;
        }
    }
    let sum_over = |counts: &[u32], from: i32, to: i32| -> u32 {
        (from..=to)
            .filter_map(|ago| months.all.iter().position(|m| *m == now.plus(-ago)))
            .map(|index| counts[index])
            .sum()
    };
    let mut rising: Vec<RisingTag> = by_tag
        .iter()
        .map(|(tag, counts)| RisingTag {
            tag: (*tag).to_owned(),
            last_3_months: sum_over(counts, 0, 2),
            previous_3_months: sum_over(counts, 3, 5),
        })
        .filter(|tag| tag.last_3_months > tag.previous_3_months)
        .collect();
    let rise = |tag: &RisingTag| tag.last_3_months - tag.previous_3_months;
    rising.sort_by(|a, b| {
        rise(b).cmp(&rise(a)).then(b.last_3_months.cmp(&a.last_3_months)).then_with(|| a.tag.cmp(&b.tag))
    });
    let mut by_month: Vec<(String, Vec<u32>)> =
        by_tag.into_iter().map(|(tag, counts)| (tag.to_owned(), counts)).collect();
    by_month.sort_by(|a, b| {
        let total = |counts: &[u32]| counts.iter().sum::<u32>();
        total(&b.1).cmp(&total(&a.1)).then_with(|| a.0.cmp(&b.0))
    });
    Topics { by_month, rising }
}

/// Questions asked and answered by month, the median calendar days to the first and to the
/// accepted answer, and the questions without an answer, oldest first.
fn knowledge_demand(activity: &Activity, months: &Months, pages: &[&Page]) -> KnowledgeDemand {
    let site = activity.site;
    let mut demand = KnowledgeDemand {
        asked_by_month: months.zeros(),
        answered_by_month: months.zeros(),
        ..Default::default()
    };
    let (mut to_first, mut to_accepted) = (Vec::new(), Vec::new());
    let mut unanswered: Vec<&Page> = Vec::new();
    let answer_day = |id: PageId| {
        let answer = site.page(id);
        (answer.kind == PageKind::Answer)
            .then(|| activity.day(answer))
            .flatten()
            .filter(|day| *day <= activity.as_of)
    };
    let days = |from: Date, to: Date| from.until(to).map_or(0, |span| span.get_days().max(0));
    for question in pages.iter().filter(|p| p.kind == PageKind::Question) {
        let asked = activity.day(question).expect("dated pages only");
        if let Some(index) = months.index(asked) {
            demand.asked_by_month[index] += 1;
        }
        let Some(first) = question.responses.iter().filter_map(|&id| answer_day(id)).min() else {
            unanswered.push(question);
            continue;
        };
        if let Some(index) = months.index(first) {
            demand.answered_by_month[index] += 1;
        }
        to_first.push(f64::from(days(asked, first)));
        if let Some(accepted) = question.accepted.and_then(answer_day) {
            to_accepted.push(f64::from(days(asked, accepted)));
        }
    }
    unanswered.sort_by(|a, b| {
        activity
            .day(a)
            .cmp(&activity.day(b))
            .then(a.date.cmp(&b.date))
            .then_with(|| site.pages.ordinal(a.id).cmp(&site.pages.ordinal(b.id)))
    });
    demand.median_days_to_first_answer = median(to_first);
    demand.median_days_to_accepted = median(to_accepted);
    demand.unanswered = unanswered.into_iter().map(|page| page.id).collect();
    demand
}

/// Page views by month in this scope, and its pages by views. The site counts every page
/// path of the log; a community the paths of its own pages. Views after "now"'s month count
/// nowhere; views before the first month count for their page only.
fn views(activity: &Activity, months: &Months, access: &AccessFigures, community: Option<usize>) -> Views {
    let site = activity.site;
    let mut by_month: Vec<u64> = months.zeros();
    let mut by_page: HashMap<PageId, u64> = HashMap::new();
    let mut pages_at: HashMap<&str, Option<PageId>> = HashMap::new();
    let now = Month::of(activity.as_of);
    for (month, paths) in access.page_views.range(..=now) {
        let index = months.all.iter().position(|m| m == month);
        for (path, &count) in paths {
            let page = *pages_at.entry(path.as_str()).or_insert_with(|| site.page_at(path));
            let in_scope = match community {
                None => true,
                Some(community) => page.is_some_and(|id| activity.page_scopes[id.0].contains(&community)),
            };
            if !in_scope {
                continue;
            }
            if let Some(index) = index {
                by_month[index] += count;
            }
            if let Some(page) = page {
                *by_page.entry(page).or_default() += count;
            }
        }
    }
    let mut top_pages: Vec<(PageId, u64)> = by_page.into_iter().collect();
    top_pages
        .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| site.pages.ordinal(a.0).cmp(&site.pages.ordinal(b.0))));
    Views { by_month, top_pages }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contributions(people: &[usize]) -> Vec<Contribution> {
        let day = jiff::civil::date(2024, 1, 1);
        people.iter().map(|&person| Contribution { person, day, communities: Vec::new() }).collect()
    }

    #[test]
    fn bus_factor_is_the_fewest_people_making_half() {
        // Counts by person, then the bus factor.
        let cases: [(&[usize], u32); 5] = [
            (&[], 0),
            (&[0], 1),
            (&[0, 1], 1),
            (&[0, 0, 1, 2, 3], 2),
            (&[0, 0, 0, 1, 1, 1, 2, 3, 4, 5, 6, 7], 2),
        ];
        for (people, expected) in cases {
            let contributions = contributions(people);
            let all: Vec<&Contribution> = contributions.iter().collect();
            assert_eq!(bus_factor(&all), expected, "{people:?}");
        }
    }

    #[test]
    fn median_takes_the_middle_or_the_mean_of_the_two_middles() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![6.0, 1.0, 5.0, 1.0]), Some(3.0));
    }
}
