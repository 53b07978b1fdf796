//! Each page's row in the lists, rendered once per build: the templates' `page_row_html`.
//!
//! A page shows as a row on every list it is in (its kind's list and their pages, each of
//! its tags' lists, its community's), five times on average in a generated site. The
//! theme's `row_list` asks `page_row_html(item, heading, omit)` first: it renders the
//! `page_row` component with those values through the same templates, the first time it is
//! asked, and hands the same HTML back for the same values after that (as Hugo's
//! `partialCached` does). A component's HTML depends only on its values and on `t` and
//! `site`, which are the same for the whole build, so the rows are the ones `page_row`
//! writes in place, byte for byte.
//!
//! Implicit values other than those (`@current_url`, say) would make a row depend on the page
//! it is on. The theme's components have none; a site's own templates may define components
//! with any, so when one of them defines a component, `page_row_html` gives `none` and
//! `row_list` calls `page_row` itself, as it did before there was a memo.

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use tera::{Context, Kwargs, State, TeraResult, Value};

/// The templates' name for the memo.
pub(super) const FUNCTION: &str = "page_row_html";
/// The component whose HTML it keeps.
const COMPONENT: &str = "page_row";

/// Registered while the theme's templates load, which refuse a function they do not know:
/// `none`, so that `row_list` renders the row in place. [`memoise`] replaces it for a build.
pub(super) fn register_stand_in(tera: &mut tera::Tera) {
    tera.register_function(FUNCTION, |_: Kwargs, _: &State| Value::none());
}

/// Whether a site template defines a component (or so much as names the word): then rows are
/// rendered in place, since such a component may read implicit values of the page.
pub(super) fn overrides_define_components<'a>(texts: impl IntoIterator<Item = &'a str>) -> bool {
    texts.into_iter().any(|text| text.contains("component"))
}

/// Makes `page_row_html` in `tera` keep each row it renders, for as long as `tera` lives (one
/// render of the site). `tera` must hold the globals (`site`, `t`) already.
pub(super) fn memoise(tera: &mut tera::Tera) {
    let memo = Arc::new(Rows { tera: tera.clone(), rows: Mutex::default() });
    tera.register_function(FUNCTION, move |kwargs: Kwargs, _: &State| memo.row(&kwargs));
}

struct Rows {
    /// The templates rows are rendered with: the build's, holding the stand-in (a row's
    /// components never ask for a row).
    tera: tera::Tera,
    /// By the item's URL, each row rendered with its values.
    rows: Mutex<FxHashMap<String, Vec<Row>>>,
}

struct Row {
    item: Value,
    heading: String,
    omit: String,
    html: Value,
}

impl Rows {
    fn row(&self, kwargs: &Kwargs) -> TeraResult<Value> {
        let item: Value = kwargs.must_get("item")?;
        // Borrowed from the call's values: a row asked for again allocates nothing.
        let heading: &str = kwargs.get("heading")?.unwrap_or("h2");
        let omit: &str = kwargs.get("omit")?.unwrap_or_default();
        let url = item.get_from_path("url").and_then(Value::as_str).unwrap_or_default();
        let same = |row: &Row| row.heading == heading && row.omit == omit && row.item == item;
        // Items shared by the build's views are one value, so comparing them compares two
        // pointers; another item with the same URL is compared field by field.
        if let Some(rows) = self.lock().get(url)
            && let Some(row) = rows.iter().find(|row| same(row))
        {
            return Ok(row.html.clone());
        }
        let mut values = Context::new();
        values.insert("item", &item);
        values.insert("heading", heading);
        values.insert("omit", omit);
        let html = Value::safe_string(&self.tera.render_component(COMPONENT, &values, None, true)?);
        let row = Row {
            item: item.clone(),
            heading: heading.to_owned(),
            omit: omit.to_owned(),
            html: html.clone(),
        };
        self.lock().entry(url.to_owned()).or_default().push(row);
        Ok(html)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<String, Vec<Row>>> {
        self.rows.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
