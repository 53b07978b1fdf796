//! A stand-in for `metrics.rs` and `tables.rs` (the METRICS engineer's) until they are
//! merged: the same signatures, empty figures. Deleted at the merge.

use crate::config::Config;
use crate::git::GitHistory;
use crate::insights::{AccessFigures, Figures, Insights};
use crate::model::{CommunityId, Site};

pub fn compute(
    site: &Site,
    _history: Option<&GitHistory>,
    _config: &Config,
    access: Option<&AccessFigures>,
    as_of: Option<jiff::civil::Date>,
) -> Insights {
    let empty = || Figures {
        months: Vec::new(),
        contributions_by_month: Vec::new(),
        participants_by_month: Vec::new(),
        new_contributors_by_month: Vec::new(),
        contributors_total_by_month: Vec::new(),
        retention: Default::default(),
        bus_factor: 0,
        interactions: Default::default(),
        topics: Default::default(),
        knowledge_demand: Default::default(),
        views: None,
    };
    Insights {
        as_of: as_of.unwrap_or(jiff::civil::date(2024, 1, 1)),
        from_history: false,
        site: empty(),
        communities: site.communities.keys().map(|id| (id.clone(), empty())).collect(),
        people: Default::default(),
        access: access.cloned(),
    }
}

pub fn json(_insights: &Insights, _community: Option<&CommunityId>) -> serde_json::Value {
    serde_json::json!({})
}

pub struct Table {
    pub name: &'static str,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn csv(&self) -> String {
        String::new()
    }
}

pub fn tables(_insights: &Insights, _community: Option<&CommunityId>) -> Vec<Table> {
    Vec::new()
}
