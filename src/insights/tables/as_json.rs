//! The insights as one JSON object, with the keys issue 14 names: series by month as
//! objects `YYYY-MM` → count, interactions as `{from, to, count}`, shares as `{part, whole, share}`.

use serde_json::{Map, Value, json as object};

use crate::insights::figures::*;
use crate::model::CommunityId;

/// The figures of the site (`community` `None`, with every community's under
/// `communities`) or of one community, as one JSON object.
pub fn json(insights: &Insights, community: Option<&CommunityId>) -> Value {
    let mut value = Map::new();
    let as_of = insights.as_of.map_or(Value::Null, |day| Value::String(day.to_string()));
    value.insert("as_of".into(), as_of);
    value.insert("from_history".into(), Value::Bool(insights.from_history));
    match community {
        Some(id) => {
            value.insert("community".into(), Value::String(id.0.clone()));
            if let Some(figures) = community_figures(insights, id) {
                value.extend(figures_json(insights, figures));
            }
        }
        None => {
            value.extend(figures_json(insights, &insights.site));
            let communities: Map<String, Value> = insights
                .communities
                .iter()
                .map(|(id, figures)| (id.0.clone(), Value::Object(figures_json(insights, figures))))
                .collect();
            value.insert("communities".into(), Value::Object(communities));
            value.insert("people".into(), people_json(insights));
            if let Some(access) = &insights.access {
                value.insert("search_demand".into(), search_demand_json(&access.search_demand));
            }
        }
    }
    Value::Object(value)
}

pub(super) fn community_figures<'a>(insights: &'a Insights, id: &CommunityId) -> Option<&'a Figures> {
    insights.communities.iter().find(|(known, _)| known == id).map(|(_, figures)| figures)
}

/// A series parallel to `months` as an object month → value.
fn by_month<T: Into<Value> + Copy>(months: &[Month], values: &[T]) -> Value {
    Value::Object(
        months.iter().zip(values).map(|(month, value)| (month.to_string(), (*value).into())).collect(),
    )
}

fn share_json(share: Option<Share>) -> Value {
    match share {
        None => Value::Null,
        Some(Share { part, whole }) => {
            object!({ "part": part, "whole": whole, "share": f64::from(part) / f64::from(whole) })
        }
    }
}

fn page_json(insights: &Insights, id: crate::model::PageId) -> Value {
    match insights.pages.get(&id) {
        Some(page) => object!({
            "title": page.title,
            "url": page.url,
            "date": page.date.map(|day| day.to_string()),
        }),
        None => Value::Null,
    }
}

fn figures_json(insights: &Insights, figures: &Figures) -> Map<String, Value> {
    let months = &figures.months;
    let retention = &figures.retention;
    let interactions = &figures.interactions;
    let demand = &figures.knowledge_demand;
    let mut value = Map::new();
    let mut put = |key: &str, item: Value| {
        value.insert(key.to_owned(), item);
    };
    put("months", months.iter().map(|m| m.to_string()).collect());
    put("contributions_by_month", by_month(months, &figures.contributions_by_month));
    put("participants_by_month", by_month(months, &figures.participants_by_month));
    put("new_contributors_by_month", by_month(months, &figures.new_contributors_by_month));
    put("contributors_total_by_month", by_month(months, &figures.contributors_total_by_month));
    let cohorts: Vec<Value> = retention
        .cohorts
        .iter()
        .map(|c| {
            object!({
                "month": c.month.to_string(), "size": c.size, "after_1": c.after_1,
                "after_3": c.after_3, "after_6": c.after_6, "ever_again": c.ever_again,
            })
        })
        .collect();
    put(
        "retention",
        object!({
            "cohorts": cohorts,
            "median_active_months": retention.median_active_months,
            "drive_by": retention.drive_by,
            "repeat": retention.repeat,
            "inactive": retention.inactive.iter().map(|p| insights.person_key(p)).collect::<Vec<_>>(),
        }),
    );
    put("bus_factor", figures.bus_factor.into());
    let pairs: Vec<Value> = interactions
        .pairs
        .iter()
        .map(|pair| {
            object!({
                "from": insights.person_key(&pair.from),
                "to": insights.person_key(&pair.to),
                "count": pair.count,
            })
        })
        .collect();
    put("interactions", Value::Array(pairs));
    let helped: Vec<Value> = interactions
        .people_helped
        .iter()
        .map(|(person, count)| object!({ "person": insights.person_key(person), "count": count }))
        .collect();
    put("people_helped", Value::Array(helped));
    put("cross_department", share_json(interactions.cross_department));
    put("cross_role", share_json(interactions.cross_role));
    put("from_lead_and_team", share_json(interactions.from_lead_and_team));
    let topics: Map<String, Value> =
        figures.topics.by_month.iter().map(|(tag, counts)| (tag.clone(), by_month(months, counts))).collect();
    put("topics_by_month", Value::Object(topics));
    let rising: Vec<Value> = figures
        .topics
        .rising
        .iter()
        .map(|t| object!({ "tag": t.tag, "last_3_months": t.last_3_months, "previous_3_months": t.previous_3_months }))
        .collect();
    put("rising_topics", Value::Array(rising));
    put(
        "knowledge_demand",
        object!({
            "asked_by_month": by_month(months, &demand.asked_by_month),
            "answered_by_month": by_month(months, &demand.answered_by_month),
            "median_days_to_first_answer": demand.median_days_to_first_answer,
            "median_days_to_accepted": demand.median_days_to_accepted,
            "unanswered": demand.unanswered.iter().map(|&id| page_json(insights, id)).collect::<Vec<_>>(),
        }),
    );
    if let Some(views) = &figures.views {
        put("page_views_by_month", by_month(months, &views.by_month));
        let top: Vec<Value> = views
            .top_pages
            .iter()
            .map(|&(id, count)| {
                let mut page = page_json(insights, id);
                if let Value::Object(fields) = &mut page {
                    fields.insert("views".into(), count.into());
                }
                page
            })
            .collect();
        put("top_pages", Value::Array(top));
    }
    value
}

/// Each contributor by key: an author by id, someone outside `authors/` by name, or by
/// `NAME (not in authors/)` when an author has that name as id, so that no key is used twice.
fn people_json(insights: &Insights) -> Value {
    let months = &insights.site.months;
    let people: Map<String, Value> = insights
        .people
        .iter()
        .map(|(person, figures)| {
            let value = object!({
                "contributions_by_month": by_month(months, &figures.contributions_by_month),
                "helped": figures.helped,
            });
            (insights.person_key(person), value)
        })
        .collect();
    Value::Object(people)
}

fn queries_json(queries: &[QueryCount]) -> Value {
    queries.iter().map(|q| object!({ "query": q.query, "count": q.count })).collect()
}

fn search_demand_json(demand: &SearchDemand) -> Value {
    let opened: Vec<Value> = demand
        .opened_from_search
        .iter()
        .map(|(path, count)| object!({ "url": path, "count": count }))
        .collect();
    object!({
        "top_queries": queries_json(&demand.top_queries),
        "zero_result_queries": queries_json(&demand.zero_result_queries),
        "unopened_queries": queries_json(&demand.unopened_queries),
        "opened_from_search": opened,
    })
}
