//! The insights as JSON (the keys issue 14 names, `as_json.rs`) and as tables: CSV files
//! (RFC 4180, safe to open in a spreadsheet) and aligned columns for the terminal.

mod as_json;

pub use as_json::json;

use as_json::community_figures;

use super::figures::*;
use crate::model::CommunityId;

/// One table of figures: a name (its CSV file is `NAME.csv`), a header and rows of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub name: &'static str,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    fn new(name: &'static str, header: &[&str]) -> Table {
        Table { name, header: header.iter().map(|h| (*h).to_owned()).collect(), rows: Vec::new() }
    }

    /// RFC 4180: fields with a comma, quote or line break in quotes (quotes doubled), lines
    /// ending in CRLF. A cell that starts like a formula (`=`, `+`, `-`, `@`, tab, CR) gets
    /// a `'` first, so a spreadsheet shows it rather than running it.
    pub fn csv(&self) -> String {
        let mut text = String::new();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let cells: Vec<String> = row.iter().map(|cell| csv_cell(cell)).collect();
            text.push_str(&cells.join(","));
            text.push_str("\r\n");
        }
        text
    }

    /// Aligned columns for a terminal: numbers to the right, text to the left; control
    /// characters (line breaks, escape sequences) become spaces.
    pub fn aligned(&self) -> String {
        let width = |cell: &str| cell.chars().count();
        let mut widths: Vec<usize> = self.header.iter().map(|h| width(h)).collect();
        for row in &self.rows {
            for (column, cell) in row.iter().enumerate() {
                widths[column] = widths[column].max(width(cell));
            }
        }
        let numeric: Vec<bool> = (0..self.header.len())
            .map(|column| {
                !self.rows.is_empty()
                    && self.rows.iter().all(|row| is_number(&row[column]) || row[column].is_empty())
            })
            .collect();
        let mut text = String::new();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(column, cell)| {
                    // Content reaches the terminal: no line breaks, and no escape sequences.
                    let cell: String = cell.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
                    let pad = " ".repeat(widths[column].saturating_sub(width(&cell)));
                    if numeric[column] { format!("{pad}{cell}") } else { format!("{cell}{pad}") }
                })
                .collect();
            text.push_str(cells.join("  ").trim_end());
            text.push('\n');
        }
        text
    }
}

fn is_number(cell: &str) -> bool {
    !cell.is_empty() && cell.parse::<f64>().is_ok()
}

fn csv_cell(cell: &str) -> String {
    let cell = match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    };
    if cell.contains([',', '"', '\n', '\r']) { format!("\"{}\"", cell.replace('"', "\"\"")) } else { cell }
}

/// A number for a table: whole numbers without decimals, others with at most three.
fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.3}");
        text.trim_end_matches('0').to_owned()
    }
}

fn optional(value: Option<f64>) -> String {
    value.map(number).unwrap_or_default()
}

fn share_text(share: Option<Share>) -> String {
    share
        .map(|Share { part, whole }| {
            format!("{} ({part}/{whole})", number(f64::from(part) / f64::from(whole)))
        })
        .unwrap_or_default()
}

/// The figures of the site or one community as tables, in the order `kennis insights` prints them.
pub fn tables(insights: &Insights, community: Option<&CommunityId>) -> Vec<Table> {
    let figures = match community {
        Some(id) => match community_figures(insights, id) {
            Some(figures) => figures,
            None => return Vec::new(),
        },
        None => &insights.site,
    };
    let mut tables = vec![
        summary_table(figures),
        months_table(figures),
        retention_table(figures),
        interactions_table(insights, figures),
        people_helped_table(insights, figures),
        topics_table(figures),
        rising_topics_table(figures),
        unanswered_table(insights, figures),
        inactive_table(insights, figures),
    ];
    if community.is_none() {
        tables.push(people_table(insights));
    }
    if let Some(views) = &figures.views {
        tables.push(top_pages_table(insights, views));
    }
    if let (None, Some(access)) = (community, &insights.access) {
        let demand = &access.search_demand;
        tables.push(queries_table("top_queries", &demand.top_queries));
        tables.push(queries_table("zero_result_queries", &demand.zero_result_queries));
        tables.push(queries_table("unopened_queries", &demand.unopened_queries));
    }
    tables
}

fn summary_table(figures: &Figures) -> Table {
    let mut table = Table::new("summary", &["figure", "value"]);
    let retention = &figures.retention;
    let demand = &figures.knowledge_demand;
    let interactions = &figures.interactions;
    let contributors = figures.contributors_total_by_month.last().copied().unwrap_or(0);
    let rows: Vec<(&str, String)> = vec![
        ("contributions", figures.contributions_by_month.iter().sum::<u32>().to_string()),
        ("contributors", contributors.to_string()),
        ("drive_by_contributors", retention.drive_by.to_string()),
        ("repeat_contributors", retention.repeat.to_string()),
        ("inactive_contributors", retention.inactive.len().to_string()),
        ("median_active_months", optional(retention.median_active_months)),
        ("bus_factor", figures.bus_factor.to_string()),
        ("cross_department_interactions", share_text(interactions.cross_department)),
        ("cross_role_interactions", share_text(interactions.cross_role)),
        ("from_lead_and_team", share_text(interactions.from_lead_and_team)),
        ("questions", demand.asked_by_month.iter().sum::<u32>().to_string()),
        ("unanswered_questions", demand.unanswered.len().to_string()),
        ("median_days_to_first_answer", optional(demand.median_days_to_first_answer)),
        ("median_days_to_accepted", optional(demand.median_days_to_accepted)),
    ];
    table.rows = rows.into_iter().map(|(name, value)| vec![name.to_owned(), value]).collect();
    table
}

fn months_table(figures: &Figures) -> Table {
    let mut header = vec![
        "month",
        "contributions",
        "participants",
        "new_contributors",
        "contributors_total",
        "questions_asked",
        "questions_answered",
    ];
    if figures.views.is_some() {
        header.push("page_views");
    }
    let mut table = Table::new("months", &header);
    let demand = &figures.knowledge_demand;
    for (index, month) in figures.months.iter().enumerate() {
        let mut row = vec![
            month.to_string(),
            figures.contributions_by_month[index].to_string(),
            figures.participants_by_month[index].to_string(),
            figures.new_contributors_by_month[index].to_string(),
            figures.contributors_total_by_month[index].to_string(),
            demand.asked_by_month[index].to_string(),
            demand.answered_by_month[index].to_string(),
        ];
        if let Some(views) = &figures.views {
            row.push(views.by_month[index].to_string());
        }
        table.rows.push(row);
    }
    table
}

fn retention_table(figures: &Figures) -> Table {
    let mut table = Table::new(
        "retention",
        &["cohort", "size", "after_1_month", "after_3_months", "after_6_months", "ever_again"],
    );
    for cohort in &figures.retention.cohorts {
        table.rows.push(vec![
            cohort.month.to_string(),
            cohort.size.to_string(),
            optional(cohort.after_1),
            optional(cohort.after_3),
            optional(cohort.after_6),
            number(cohort.ever_again),
        ]);
    }
    table
}

fn interactions_table(insights: &Insights, figures: &Figures) -> Table {
    let mut table = Table::new("interactions", &["from", "to", "count"]);
    for pair in &figures.interactions.pairs {
        table.rows.push(vec![
            insights.person_key(&pair.from),
            insights.person_key(&pair.to),
            pair.count.to_string(),
        ]);
    }
    table
}

fn people_helped_table(insights: &Insights, figures: &Figures) -> Table {
    let mut table = Table::new("people_helped", &["person", "people_helped"]);
    for (person, count) in &figures.interactions.people_helped {
        table.rows.push(vec![insights.person_key(person), count.to_string()]);
    }
    table
}

fn topics_table(figures: &Figures) -> Table {
    let mut table = Table::new("topics", &["month", "tag", "pages"]);
    for (index, month) in figures.months.iter().enumerate() {
        for (tag, counts) in &figures.topics.by_month {
            if counts[index] > 0 {
                table.rows.push(vec![month.to_string(), tag.clone(), counts[index].to_string()]);
            }
        }
    }
    table
}

fn rising_topics_table(figures: &Figures) -> Table {
    let mut table = Table::new("rising_topics", &["tag", "last_3_months", "previous_3_months"]);
    for tag in &figures.topics.rising {
        table.rows.push(vec![
            tag.tag.clone(),
            tag.last_3_months.to_string(),
            tag.previous_3_months.to_string(),
        ]);
    }
    table
}

fn unanswered_table(insights: &Insights, figures: &Figures) -> Table {
    let mut table = Table::new("unanswered", &["date", "title", "url"]);
    for id in &figures.knowledge_demand.unanswered {
        if let Some(page) = insights.pages.get(id) {
            let date = page.date.map(|day| day.to_string()).unwrap_or_default();
            table.rows.push(vec![date, page.title.clone(), page.url.clone()]);
        }
    }
    table
}

fn inactive_table(insights: &Insights, figures: &Figures) -> Table {
    let mut table = Table::new("inactive", &["person"]);
    table.rows = figures.retention.inactive.iter().map(|person| vec![insights.person_key(person)]).collect();
    table
}

fn people_table(insights: &Insights) -> Table {
    let mut table = Table::new("people", &["person", "contributions", "active_months", "helped"]);
    let mut people: Vec<(&Person, &PersonFigures)> = insights.people.iter().collect();
    let total = |figures: &PersonFigures| figures.contributions_by_month.iter().sum::<u32>();
    people.sort_by(|a, b| total(b.1).cmp(&total(a.1)).then_with(|| a.0.key().cmp(b.0.key())));
    for (person, figures) in people {
        let active = figures.contributions_by_month.iter().filter(|&&count| count > 0).count();
        table.rows.push(vec![
            insights.person_key(person),
            total(figures).to_string(),
            active.to_string(),
            figures.helped.to_string(),
        ]);
    }
    table
}

fn top_pages_table(insights: &Insights, views: &Views) -> Table {
    let mut table = Table::new("top_pages", &["url", "title", "views"]);
    for (id, count) in &views.top_pages {
        if let Some(page) = insights.pages.get(id) {
            table.rows.push(vec![page.url.clone(), page.title.clone(), count.to_string()]);
        }
    }
    table
}

fn queries_table(name: &'static str, queries: &[QueryCount]) -> Table {
    let mut table = Table::new(name, &["query", "count"]);
    table.rows = queries.iter().map(|q| vec![q.query.clone(), q.count.to_string()]).collect();
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_as_rfc_4180_and_defuses_formulas() {
        let mut table = Table::new("t", &["a", "b"]);
        table.rows.push(vec!["x, \"y\"".into(), "=SUM(A1)".into()]);
        table.rows.push(vec!["two\nlines".into(), "-3".into()]);
        table.rows.push(vec!["@me".into(), "+1".into()]);
        assert_eq!(table.csv(), "a,b\r\n\"x, \"\"y\"\"\",'=SUM(A1)\r\n\"two\nlines\",'-3\r\n'@me,'+1\r\n");
    }

    #[test]
    fn aligned_puts_numbers_right_and_text_left() {
        let mut table = Table::new("t", &["tag", "pages"]);
        table.rows.push(vec!["rust".into(), "12".into()]);
        table.rows.push(vec!["go-lang".into(), "3".into()]);
        assert_eq!(table.aligned(), "tag      pages\nrust        12\ngo-lang      3\n");
        let mut hostile = Table::new("t", &["title"]);
        hostile.rows.push(vec!["red\u{1b}[31m\nnext".into()]);
        assert_eq!(hostile.aligned(), "title\nred [31m next\n");
    }

    #[test]
    fn numbers_lose_needless_decimals() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(2.0 / 3.0), "0.667");
    }
}
