//! The insights' charts as static SVG, written as strings: no script, sized by `viewBox`,
//! coloured only through CSS classes (`chart-*` in the theme's stylesheet, which uses the
//! theme's colour variables, so dark mode and print follow the page).
//!
//! Every chart is `role="img"` with a `<title>` and `<desc>`, and every text that comes from
//! content (names, tags) goes through HTML escaping. The output depends on the values
//! only: coordinates are written with one decimal, so two builds write the same bytes.

use std::f64::consts::PI;
use std::fmt::Write;

use crate::insights::Month;

/// What every chart says about itself: an id unique on its page (the `<title>` and
/// `<desc>` ids derive from it), its title and one sentence on what it shows.
pub struct Chart<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
}

/// One series of counts, parallel to the months shown.
pub struct Series<'a> {
    pub name: &'a str,
    pub values: &'a [u32],
}

/// A person in the interaction network.
pub struct NetworkPerson<'a> {
    pub name: &'a str,
    /// Distinct people this person helped: the node's size.
    pub helped: u32,
}

/// An interaction between two people of the network, by their index: `from` answered or
/// commented on `to`'s question or post `count` times.
pub struct NetworkLink {
    pub from: usize,
    pub to: usize,
    pub count: u32,
}

/// Appends `text` escaped for SVG text and double-quoted attributes.
fn push_text(out: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut *out, text);
}

fn open(out: &mut String, chart: &Chart, class: &str, width: u32, height: u32) {
    let id = chart.id;
    let _ = write!(
        out,
        "<svg class=\"chart {class}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">"
    );
    push_text(out, chart.title);
    let _ = write!(out, "</title><desc id=\"{id}-desc\">");
    push_text(out, chart.description);
    out.push_str("</desc>");
}

/// A `<text>` element, its content escaped.
fn text(out: &mut String, x: f64, y: f64, class: &str, anchor: &str, content: &str) {
    let _ = write!(out, "<text class=\"{class}\" x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\">");
    push_text(out, content);
    out.push_str("</text>");
}

/// A round top for the value axis: 1, 2 or 5 times a power of ten, at least `max` and 1.
fn axis_top(max: u32) -> u32 {
    let mut step = 1u32;
    loop {
        for factor in [1, 2, 5] {
            if step.saturating_mul(factor) >= max.max(1) {
                return step.saturating_mul(factor);
            }
        }
        step = step.saturating_mul(10);
    }
}

/// Which months get a label below the axis: at most about 12, always the last.
fn month_labels(count: usize) -> impl Fn(usize) -> bool {
    let every = count.div_ceil(12).max(1);
    move |index| (count - 1 - index).is_multiple_of(every)
}

/// Bars for `bars` (participants) and a line with dots for `line` (new contributors) over
/// the months, with a value axis, month labels and a legend.
pub fn months_chart(chart: &Chart, months: &[Month], bars: &Series, line: &Series) -> String {
    let (width, height) = (640.0, 260.0);
    let (left, right, top, bottom) = (40.0, 30.0, 34.0, 30.0);
    let mut out = String::with_capacity(4096 + months.len() * 400);
    open(&mut out, chart, "chart-months", width as u32, height as u32);
    let top_value = axis_top(bars.values.iter().chain(line.values).copied().max().unwrap_or(0));
    let plot_height = height - top - bottom;
    let y = |value: u32| top + plot_height * (1.0 - f64::from(value) / f64::from(top_value));
    let ticks =
        if top_value.is_multiple_of(2) { vec![0, top_value / 2, top_value] } else { vec![0, top_value] };
    for tick in ticks {
        let _ = write!(
            out,
            "<line class=\"chart-grid\" x1=\"{left:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\"/>",
            width - right,
            y(tick),
            y(tick)
        );
        text(&mut out, left - 6.0, y(tick) + 4.0, "chart-label", "end", &tick.to_string());
    }
    legend(&mut out, left, bars.name, line.name);
    let slot = (width - left - right) / months.len().max(1) as f64;
    let labelled = month_labels(months.len());
    for (index, month) in months.iter().enumerate() {
        let value = bars.values.get(index).copied().unwrap_or(0);
        let x = left + slot * index as f64;
        let _ = write!(
            out,
            "<rect class=\"chart-bar\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"><title>{month}: ",
            x + slot * 0.15,
            y(value),
            slot * 0.7,
            y(0) - y(value)
        );
        push_text(&mut out, &format!("{value} {}", bars.name));
        out.push_str("</title></rect>");
        if labelled(index) {
            text(
                &mut out,
                x + slot / 2.0,
                height - bottom + 16.0,
                "chart-label",
                "middle",
                &month.to_string(),
            );
        }
    }
    let points: Vec<String> = (0..months.len())
        .map(|index| {
            let value = line.values.get(index).copied().unwrap_or(0);
            format!("{:.1},{:.1}", left + slot * (index as f64 + 0.5), y(value))
        })
        .collect();
    let _ = write!(out, "<polyline class=\"chart-line\" points=\"{}\"/>", points.join(" "));
    for (index, month) in months.iter().enumerate() {
        let value = line.values.get(index).copied().unwrap_or(0);
        let _ = write!(
            out,
            "<circle class=\"chart-dot\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\"><title>{month}: ",
            left + slot * (index as f64 + 0.5),
            y(value)
        );
        push_text(&mut out, &format!("{value} {}", line.name));
        out.push_str("</title></circle>");
    }
    out.push_str("</svg>");
    out
}

fn legend(out: &mut String, left: f64, bars: &str, line: &str) {
    let _ = write!(out, "<rect class=\"chart-bar\" x=\"{left:.1}\" y=\"8\" width=\"12\" height=\"12\"/>");
    text(out, left + 18.0, 18.0, "chart-legend", "start", bars);
    let x = left + 30.0 + 7.0 * bars.chars().count() as f64;
    let _ = write!(
        out,
        "<line class=\"chart-line\" x1=\"{x:.1}\" x2=\"{:.1}\" y1=\"14\" y2=\"14\"/><circle class=\"chart-dot\" cx=\"{:.1}\" cy=\"14\" r=\"3\"/>",
        x + 16.0,
        x + 8.0
    );
    text(out, x + 22.0, 18.0, "chart-legend", "start", line);
}

/// A heat map of retention: one row per cohort (its label and the share active 1, 3 and 6
/// months later and ever again, `None` where that month has not come yet), one column per
/// measure, each cell's strength and text its share.
pub fn retention_map(chart: &Chart, columns: [&str; 4], rows: &[(String, [Option<f64>; 4])]) -> String {
    let (label_width, cell_width, cell_height, header) = (88.0, 96.0, 26.0, 28.0);
    let width = label_width + cell_width * 4.0 + 4.0;
    let height = header + cell_height * rows.len().max(1) as f64 + 4.0;
    let mut out = String::with_capacity(1024 + rows.len() * 600);
    open(&mut out, chart, "chart-retention", width as u32, height.ceil() as u32);
    for (column, name) in columns.iter().enumerate() {
        let x = label_width + cell_width * (column as f64 + 0.5);
        text(&mut out, x, header - 10.0, "chart-label", "middle", name);
    }
    for (row, (label, shares)) in rows.iter().enumerate() {
        let y = header + cell_height * row as f64;
        text(&mut out, label_width - 8.0, y + cell_height / 2.0 + 4.0, "chart-label", "end", label);
        for (column, share) in shares.iter().enumerate() {
            let x = label_width + cell_width * column as f64;
            let (class, opacity, shown) = match share {
                Some(share) => ("chart-cell", 0.08 + 0.92 * share.clamp(0.0, 1.0), percent(*share)),
                None => ("chart-cell is-empty", 1.0, "–".to_owned()),
            };
            let _ = write!(
                out,
                "<rect class=\"{class}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill-opacity=\"{opacity:.2}\"><title>",
                x + 1.0,
                y + 1.0,
                cell_width - 2.0,
                cell_height - 2.0
            );
            push_text(&mut out, &format!("{label}, {}: {shown}", columns[column]));
            out.push_str("</title></rect>");
            let strong = share.is_some_and(|share| share >= 0.5);
            let class = if strong { "chart-cell-text is-strong" } else { "chart-cell-text" };
            text(&mut out, x + cell_width / 2.0, y + cell_height / 2.0 + 4.0, class, "middle", &shown);
        }
    }
    out.push_str("</svg>");
    out
}

/// A share as a whole percentage, `50%`.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// Who helps whom: people on a circle in the order given (the caller orders them by
/// weight, so the layout depends on the figures only), each a dot sized by how many people
/// they helped, each link a line as wide as its count, every name a label and a `<title>`.
pub fn network(chart: &Chart, people: &[NetworkPerson], links: &[NetworkLink]) -> String {
    // Wider than tall: the names beside the circle need the room.
    let (width, height) = (720.0, 500.0);
    let (centre_x, centre, radius) = (width / 2.0, height / 2.0, height / 2.0 - 50.0);
    let mut out = String::with_capacity(2048 + people.len() * 300 + links.len() * 200);
    open(&mut out, chart, "chart-network", width as u32, height as u32);
    let place = |index: usize| {
        let angle = 2.0 * PI * index as f64 / people.len().max(1) as f64 - PI / 2.0;
        (angle.cos(), angle.sin())
    };
    let heaviest = links.iter().map(|link| link.count).max().unwrap_or(1).max(1);
    for link in links.iter().filter(|link| link.from < people.len() && link.to < people.len()) {
        let ((x1, y1), (x2, y2)) = (place(link.from), place(link.to));
        let stroke = 1.0 + 5.0 * f64::from(link.count) / f64::from(heaviest);
        let _ = write!(
            out,
            "<line class=\"chart-edge\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke-width=\"{stroke:.1}\"><title>",
            centre_x + radius * x1,
            centre + radius * y1,
            centre_x + radius * x2,
            centre + radius * y2
        );
        push_text(
            &mut out,
            &format!("{} → {}: {}", people[link.from].name, people[link.to].name, link.count),
        );
        out.push_str("</title></line>");
    }
    let most_helped = people.iter().map(|person| person.helped).max().unwrap_or(0).max(1);
    for (index, person) in people.iter().enumerate() {
        let (dx, dy) = place(index);
        let node = 4.0 + 10.0 * (f64::from(person.helped) / f64::from(most_helped)).sqrt();
        let _ = write!(
            out,
            "<circle class=\"chart-node\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"{node:.1}\"><title>",
            centre_x + radius * dx,
            centre + radius * dy
        );
        push_text(&mut out, &format!("{}: {}", person.name, person.helped));
        out.push_str("</title></circle>");
        let anchor = if dx > 0.2 {
            "start"
        } else if dx < -0.2 {
            "end"
        } else {
            "middle"
        };
        let away = radius + node + 6.0;
        let (x, y) = (centre_x + away * dx, centre + away * dy + 4.0 + 6.0 * dy);
        text(&mut out, x, y, "chart-label chart-name", anchor, &short_name(person.name));
    }
    out.push_str("</svg>");
    out
}

/// A name short enough for a label (the full name is in the dot's title).
fn short_name(name: &str) -> String {
    const MAX: usize = 18;
    if name.chars().count() <= MAX {
        name.to_owned()
    } else {
        name.chars().take(MAX - 1).chain(['…']).collect()
    }
}

/// Topics over time as small multiples: one small bar chart per tag, all on the same
/// scale, two to a row, with the tag's name and total above it.
pub fn topics(chart: &Chart, months: &[Month], tags: &[(&str, &[u32])]) -> String {
    let (cell_width, cell_height, columns) = (300.0, 84.0, 2usize);
    let rows = tags.len().div_ceil(columns).max(1);
    let width = cell_width * columns as f64 + 16.0;
    let height = cell_height * rows as f64 + 8.0;
    let mut out = String::with_capacity(1024 + tags.len() * months.len() * 120);
    open(&mut out, chart, "chart-topics", width as u32, height as u32);
    let most = tags.iter().flat_map(|(_, values)| values.iter()).copied().max().unwrap_or(0).max(1);
    for (position, (tag, values)) in tags.iter().enumerate() {
        let x0 = 8.0 + cell_width * (position % columns) as f64;
        let y0 = 4.0 + cell_height * (position / columns) as f64;
        let total: u32 = values.iter().sum();
        text(&mut out, x0, y0 + 14.0, "chart-legend", "start", &format!("{tag} ({total})"));
        let (plot_top, plot_height) = (y0 + 22.0, cell_height - 34.0);
        let _ = write!(
            out,
            "<line class=\"chart-grid\" x1=\"{x0:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\"/>",
            x0 + cell_width - 24.0,
            plot_top + plot_height,
            plot_top + plot_height
        );
        let slot = (cell_width - 24.0) / months.len().max(1) as f64;
        for (index, month) in months.iter().enumerate() {
            let value = values.get(index).copied().unwrap_or(0);
            if value == 0 {
                continue;
            }
            let bar = plot_height * f64::from(value) / f64::from(most);
            let _ = write!(
                out,
                "<rect class=\"chart-bar chart-topic\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bar:.1}\"><title>",
                x0 + slot * index as f64 + slot * 0.1,
                plot_top + plot_height - bar,
                (slot * 0.8).max(1.0)
            );
            push_text(&mut out, &format!("{tag}, {month}: {value}"));
            out.push_str("</title></rect>");
        }
    }
    out.push_str("</svg>");
    out
}

/// A small bar chart of one person's contributions by month, for their page.
pub fn sparkline(chart: &Chart, months: &[Month], values: &[u32]) -> String {
    let (width, height) = (240.0, 48.0);
    let mut out = String::with_capacity(512 + months.len() * 100);
    open(&mut out, chart, "chart-sparkline", width as u32, height as u32);
    let most = values.iter().copied().max().unwrap_or(0).max(1);
    let slot = width / months.len().max(1) as f64;
    let _ = write!(out, "<line class=\"chart-grid\" x1=\"0\" x2=\"{width:.1}\" y1=\"47.5\" y2=\"47.5\"/>");
    for (index, month) in months.iter().enumerate() {
        let value = values.get(index).copied().unwrap_or(0);
        if value == 0 {
            continue;
        }
        let bar = (height - 4.0) * f64::from(value) / f64::from(most);
        let _ = write!(
            out,
            "<rect class=\"chart-bar\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bar:.1}\"><title>{month}: {value}</title></rect>",
            slot * index as f64 + slot * 0.1,
            height - bar,
            (slot * 0.8).max(1.0)
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
#[path = "svg_tests.rs"]
mod tests;
