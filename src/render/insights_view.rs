//! The view `insights.html` gets: each chart as SVG with its title, what it means and a
//! data table beside it, the figures at a glance, the unanswered questions, what people
//! searched for and read, and the links to the CSV and JSON files. Every list is capped,
//! so the page's size does not grow with the site.

use serde::Serialize;

use crate::insights::svg::{self, Chart, NetworkLink, NetworkPerson, Series};
use crate::insights::{Figures, Insights, Person, QueryCount, Share};
use crate::model::urls;
use crate::model::{CommunityId, PageGroup};
use crate::render::jobs::Renderer;
use crate::render::views::{DateView, LinkView};

/// People in the interaction network; the heaviest pairs decide who.
const NETWORK_PEOPLE: usize = 24;
/// Rows of the longer tables (pairs, people helped, queries, pages).
const TABLE_ROWS: usize = 20;
/// Cohorts in the retention map: the newest.
const COHORTS: usize = 12;
/// Tags in the topics chart: the most used.
const TOPICS: usize = 6;

/// An insights page: in `insights.html` as `insights`.
#[derive(Serialize)]
pub(super) struct InsightsView {
    pub(super) title: String,
    /// The community's page, on a community's insights.
    community: Option<LinkView>,
    /// "Now", as `YYYY-MM-DD`; none when nothing is dated (the page says so without a date).
    as_of: Option<String>,
    from_history: bool,
    /// Whether anything was contributed: without it the page says so and shows no charts.
    has_figures: bool,
    facts: Vec<FactView>,
    charts: Vec<ChartView>,
    unanswered: Vec<UnansweredView>,
    unanswered_total: usize,
    unanswered_url: String,
    /// Searches, from access logs, on the site's page only.
    searches: Vec<QueryTable>,
    /// Views of the most read pages, from access logs.
    top_pages: Option<TableView>,
    /// Each community's insights, on the site's page.
    communities: Vec<LinkView>,
    /// The CSV and JSON files: `url` and file name as `title`.
    files: Vec<LinkView>,
}

#[derive(Serialize)]
struct FactView {
    label: String,
    value: String,
}

#[derive(Serialize)]
struct ChartView {
    id: &'static str,
    title: String,
    description: String,
    svg: String,
    table: TableView,
}

/// A data table: a header row and rows of cells, the first column a row header.
#[derive(Serialize)]
struct TableView {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

#[derive(Serialize)]
struct UnansweredView {
    link: LinkView,
    date: Option<DateView>,
}

#[derive(Serialize)]
struct QueryTable {
    id: &'static str,
    title: String,
    table: TableView,
}

pub(super) fn insights_view(
    renderer: &Renderer,
    insights: &Insights,
    community: Option<&CommunityId>,
    files: Vec<(String, String)>,
) -> InsightsView {
    let views = &renderer.views;
    let site = views.site;
    let figures = community
        .and_then(|id| insights.communities.iter().find(|(c, _)| c == id).map(|(_, f)| f))
        .unwrap_or(&insights.site);
    let community_link = community.and_then(|id| views.community_link(id));
    let title = match &community_link {
        Some(link) => views.text("insights_title_community").replace("{name}", &link.title),
        None => views.text("insights_title"),
    };
    let page = Page { renderer, insights };
    let unanswered: Vec<UnansweredView> = figures
        .knowledge_demand
        .unanswered
        .iter()
        .filter(|&&id| site.pages.get(id).is_some())
        .take(TABLE_ROWS)
        .map(|&id| UnansweredView { link: views.page_link(id), date: views.date(site.page(id).date) })
        .collect();
    let communities = match community {
        Some(_) => Vec::new(),
        None => insights
            .communities
            .iter()
            .filter_map(|(id, _)| {
                let page = site.community_page(id)?;
                let url = views.href(urls::community_insights(&page.url).as_str());
                Some(LinkView { title: page.title.clone(), url })
            })
            .collect(),
    };
    InsightsView {
        title,
        community: community_link,
        as_of: insights.as_of.map(|day| day.to_string()),
        from_history: insights.from_history,
        has_figures: !figures.months.is_empty(),
        facts: page.facts(figures),
        charts: if figures.months.is_empty() { Vec::new() } else { page.charts(figures) },
        unanswered_total: figures.knowledge_demand.unanswered.len(),
        unanswered,
        // A community's questions are listed on its own list, answered or not.
        unanswered_url: views.href(
            community
                .and_then(|id| site.community_page(id))
                .map_or_else(urls::unanswered_questions, |page| {
                    urls::full_group(&page.url, PageGroup::Questions)
                })
                .as_str(),
        ),
        searches: if community.is_none() && views.config.search.enabled {
            page.searches()
        } else {
            Vec::new()
        },
        top_pages: page.top_pages(figures),
        communities,
        files: files.into_iter().map(|(url, title)| LinkView { title, url }).collect(),
    }
}

struct Page<'r, 'a> {
    renderer: &'r Renderer<'a>,
    insights: &'r Insights,
}

impl Page<'_, '_> {
    fn text(&self, key: &str) -> String {
        self.renderer.views.text(key)
    }

    /// A person's name as the site shows it.
    fn name(&self, person: &Person) -> String {
        match person {
            Person::Author(id) => {
                self.renderer.views.site.author(id).map_or_else(|| id.0.clone(), |a| a.name.clone())
            }
            Person::Named(name) => name.clone(),
        }
    }

    fn facts(&self, figures: &Figures) -> Vec<FactView> {
        let mut facts = Vec::new();
        let mut fact = |key: &str, value: Option<String>| {
            if let Some(value) = value {
                facts.push(FactView { label: self.text(key), value });
            }
        };
        let last = |series: &[u32]| series.last().map(u32::to_string);
        fact("insights_contributors", last(&figures.contributors_total_by_month));
        fact("insights_participants_now", last(&figures.participants_by_month));
        fact("insights_new_now", last(&figures.new_contributors_by_month));
        let retention = &figures.retention;
        fact("insights_repeat", Some(retention.repeat.to_string()));
        fact("insights_drive_by", Some(retention.drive_by.to_string()));
        fact("insights_median_span", retention.median_active_months.map(one_decimal));
        fact("insights_inactive", Some(retention.inactive.len().to_string()));
        fact("insights_bus_factor", (figures.bus_factor > 0).then(|| figures.bus_factor.to_string()));
        let interactions = &figures.interactions;
        fact("insights_cross_department", interactions.cross_department.map(share));
        fact("insights_cross_role", interactions.cross_role.map(share));
        fact("insights_lead_team", interactions.from_lead_and_team.map(share));
        let demand = &figures.knowledge_demand;
        fact("insights_days_first", demand.median_days_to_first_answer.map(one_decimal));
        fact("insights_days_accepted", demand.median_days_to_accepted.map(one_decimal));
        facts
    }

    fn chart(&self, id: &'static str, svg: impl FnOnce(&Chart) -> String, table: TableView) -> ChartView {
        let title = self.text(&format!("insights_{id}_title"));
        let description = self.text(&format!("insights_{id}_desc"));
        let svg = svg(&Chart { id: &format!("chart-{id}"), title: &title, description: &description });
        ChartView { id, title, description, svg, table }
    }

    fn charts(&self, figures: &Figures) -> Vec<ChartView> {
        let mut charts = vec![self.activity(figures), self.demand(figures)];
        if !figures.retention.cohorts.is_empty() {
            charts.push(self.retention(figures));
        }
        if !figures.interactions.pairs.is_empty() {
            charts.push(self.network(figures));
        }
        if !figures.topics.by_month.is_empty() {
            charts.push(self.topics(figures));
        }
        charts
    }

    fn activity(&self, figures: &Figures) -> ChartView {
        let (participants, new) = (self.text("insights_participants"), self.text("insights_new"));
        let header = [
            "insights_month",
            "insights_participants",
            "insights_new",
            "insights_total",
            "insights_contributions",
        ]
        .map(|key| capitalised(&self.text(key)))
        .to_vec();
        let rows = by_month(
            figures,
            &[
                &figures.participants_by_month,
                &figures.new_contributors_by_month,
                &figures.contributors_total_by_month,
                &figures.contributions_by_month,
            ],
        );
        self.chart(
            "activity",
            |chart| {
                svg::months_chart(
                    chart,
                    &figures.months,
                    &Series { name: &participants, values: &figures.participants_by_month },
                    &Series { name: &new, values: &figures.new_contributors_by_month },
                )
            },
            TableView { header, rows },
        )
    }

    fn demand(&self, figures: &Figures) -> ChartView {
        let demand = &figures.knowledge_demand;
        let (asked, answered) = (self.text("insights_asked"), self.text("insights_answered"));
        let header = vec![self.text("insights_month"), capitalised(&asked), capitalised(&answered)];
        let rows = by_month(figures, &[&demand.asked_by_month, &demand.answered_by_month]);
        self.chart(
            "demand",
            |chart| {
                svg::months_chart(
                    chart,
                    &figures.months,
                    &Series { name: &asked, values: &demand.asked_by_month },
                    &Series { name: &answered, values: &demand.answered_by_month },
                )
            },
            TableView { header, rows },
        )
    }

    fn retention(&self, figures: &Figures) -> ChartView {
        let cohorts = &figures.retention.cohorts;
        let shown = &cohorts[cohorts.len().saturating_sub(COHORTS)..];
        let columns = ["insights_after_1", "insights_after_3", "insights_after_6", "insights_ever"]
            .map(|k| self.text(k));
        let rows: Vec<(String, [Option<f64>; 4])> = shown
            .iter()
            .map(|c| (c.month.to_string(), [c.after_1, c.after_3, c.after_6, Some(c.ever_again)]))
            .collect();
        let mut header = vec![self.text("insights_cohort"), self.text("insights_cohort_size")];
        header.extend(columns.iter().cloned());
        let table_rows = shown
            .iter()
            .map(|c| {
                let cell = |value: Option<f64>| value.map_or_else(|| "–".to_owned(), svg::percent);
                vec![
                    c.month.to_string(),
                    c.size.to_string(),
                    cell(c.after_1),
                    cell(c.after_3),
                    cell(c.after_6),
                    svg::percent(c.ever_again),
                ]
            })
            .collect();
        let column_names = [&columns[0], &columns[1], &columns[2], &columns[3]].map(String::as_str);
        self.chart(
            "retention",
            |chart| svg::retention_map(chart, column_names, &rows),
            TableView { header, rows: table_rows },
        )
    }

    fn network(&self, figures: &Figures) -> ChartView {
        let interactions = &figures.interactions;
        let helped = |person: &Person| {
            interactions.people_helped.iter().find(|(p, _)| p == person).map_or(0, |(_, n)| *n)
        };
        // People of the heaviest pairs, until the circle is full; then ordered by how many
        // they helped (ties by key), so the layout depends on the figures alone.
        let mut people: Vec<&Person> = Vec::new();
        let mut pairs = Vec::new();
        for pair in &interactions.pairs {
            let missing = [&pair.from, &pair.to].into_iter().filter(|p| !people.contains(p)).count();
            if people.len() + missing > NETWORK_PEOPLE {
                continue;
            }
            for person in [&pair.from, &pair.to] {
                if !people.contains(&person) {
                    people.push(person);
                }
            }
            pairs.push(pair);
        }
        people.sort_by(|a, b| helped(b).cmp(&helped(a)).then_with(|| a.cmp(b)));
        let names: Vec<String> = people.iter().map(|p| self.name(p)).collect();
        let nodes: Vec<NetworkPerson> =
            people.iter().zip(&names).map(|(p, name)| NetworkPerson { name, helped: helped(p) }).collect();
        let index = |person: &Person| people.iter().position(|p| *p == person).unwrap_or(0);
        let links: Vec<NetworkLink> = pairs
            .iter()
            .map(|pair| NetworkLink { from: index(&pair.from), to: index(&pair.to), count: pair.count })
            .collect();
        let header =
            ["insights_helper", "insights_helped_person", "insights_times"].map(|k| self.text(k)).to_vec();
        let rows = interactions
            .pairs
            .iter()
            .take(TABLE_ROWS)
            .map(|pair| vec![self.name(&pair.from), self.name(&pair.to), pair.count.to_string()])
            .collect();
        self.chart("network", |chart| svg::network(chart, &nodes, &links), TableView { header, rows })
    }

    fn topics(&self, figures: &Figures) -> ChartView {
        let site = self.renderer.views.site;
        let tag_name = |key: &str| site.tags.get(key).map_or_else(|| key.to_owned(), |t| t.name.clone());
        let shown = &figures.topics.by_month[..figures.topics.by_month.len().min(TOPICS)];
        let names: Vec<String> = shown.iter().map(|(key, _)| tag_name(key)).collect();
        let tags: Vec<(&str, &[u32])> =
            names.iter().zip(shown).map(|(name, (_, values))| (name.as_str(), values.as_slice())).collect();
        let header = ["insights_tag", "insights_pages", "insights_last_3", "insights_previous_3"]
            .map(|k| self.text(k))
            .to_vec();
        let recent =
            |values: &[u32], skip: usize| values.iter().rev().skip(skip).take(3).sum::<u32>().to_string();
        let rows = figures
            .topics
            .by_month
            .iter()
            .take(TABLE_ROWS)
            .map(|(key, values)| {
                vec![
                    tag_name(key),
                    values.iter().sum::<u32>().to_string(),
                    recent(values, 0),
                    recent(values, 3),
                ]
            })
            .collect();
        self.chart("topics", |chart| svg::topics(chart, &figures.months, &tags), TableView { header, rows })
    }

    fn searches(&self) -> Vec<QueryTable> {
        let Some(access) = &self.insights.access else { return Vec::new() };
        let demand = &access.search_demand;
        let header = vec![self.text("insights_query"), self.text("insights_times")];
        let table = |id: &'static str, queries: &[QueryCount]| QueryTable {
            id,
            title: self.text(&format!("insights_{id}")),
            table: TableView {
                header: header.clone(),
                rows: queries
                    .iter()
                    .take(TABLE_ROWS)
                    .map(|q| vec![q.query.clone(), q.count.to_string()])
                    .collect(),
            },
        };
        vec![
            table("top_queries", &demand.top_queries),
            table("zero_queries", &demand.zero_result_queries),
            table("unopened_queries", &demand.unopened_queries),
        ]
    }

    fn top_pages(&self, figures: &Figures) -> Option<TableView> {
        let views = figures.views.as_ref()?;
        let site = self.renderer.views.site;
        let rows = views
            .top_pages
            .iter()
            .filter(|(id, _)| site.pages.get(*id).is_some())
            .take(TABLE_ROWS)
            .map(|(id, count)| vec![site.page(*id).title.clone(), count.to_string()])
            .collect();
        Some(TableView { header: vec![self.text("insights_page"), self.text("insights_views")], rows })
    }
}

/// One row per month: the month, then each series' value.
fn by_month(figures: &Figures, series: &[&Vec<u32>]) -> Vec<Vec<String>> {
    figures
        .months
        .iter()
        .enumerate()
        .map(|(index, month)| {
            std::iter::once(month.to_string())
                .chain(series.iter().map(|values| values.get(index).copied().unwrap_or(0).to_string()))
                .collect()
        })
        .collect()
}

/// A series' name (`participants`, in a legend) as a column's heading (`Participants`).
fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn one_decimal(value: f64) -> String {
    format!("{value:.1}")
}

/// A share as `40% (4 of 10)`.
fn share(share: Share) -> String {
    let fraction = if share.whole == 0 { 0.0 } else { f64::from(share.part) / f64::from(share.whole) };
    format!("{} ({}/{})", svg::percent(fraction), share.part, share.whole)
}
