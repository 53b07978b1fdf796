//! Tests of the SVG charts: well-formed, escaped, labelled, and their numbers present.

use super::*;

/// Reads `svg` as XML start to end, failing on anything malformed, and returns the names
/// of its elements in order.
fn elements(svg: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut names = Vec::new();
    let mut depth = 0i32;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(start) => {
                depth += 1;
                names.push(start.name().0.to_owned());
            }
            quick_xml::events::Event::Empty(empty) => {
                names.push(empty.name().0.to_owned());
            }
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "every element is closed");
    names
}

fn months(count: i32) -> Vec<Month> {
    (0..count).map(|n| Month { year: 2024, month: 1 }.plus(n)).collect()
}

const CHART: Chart = Chart { id: "c", title: "Who <takes> part", description: "People & \"friends\"" };

#[test]
fn every_chart_is_an_image_with_a_title_and_a_description_escaped() {
    let months = months(3);
    let charts = [
        months_chart(
            &CHART,
            &months,
            &Series { name: "participants", values: &[1, 2, 3] },
            &Series { name: "new", values: &[1, 1, 0] },
        ),
        retention_map(
            &CHART,
            ["1", "3", "6", "ever"],
            &[("2024-01".to_owned(), [Some(0.5), None, None, Some(1.0)])],
        ),
        network(&CHART, &[NetworkPerson { name: "An", helped: 1 }], &[]),
        topics(&CHART, &months, &[("rust", &[1, 0, 2])]),
        sparkline(&CHART, &months, &[0, 1, 2]),
    ];
    for svg in &charts {
        let names = elements(svg);
        assert_eq!(&names[..3], ["svg", "title", "desc"], "{svg}");
        assert!(svg.starts_with("<svg class=\"chart "), "{svg}");
        assert!(svg.contains(" role=\"img\" aria-labelledby=\"c-title c-desc\""), "{svg}");
        assert!(svg.contains("<title id=\"c-title\">Who &lt;takes&gt; part</title>"), "{svg}");
        assert!(svg.contains("<desc id=\"c-desc\">People &amp; &quot;friends&quot;</desc>"), "{svg}");
        assert!(svg.contains("viewBox=\"0 0 "), "{svg}");
        assert!(!svg.contains("fill=\"#") && !svg.contains("style="), "colours come from classes: {svg}");
    }
}

#[test]
fn the_months_chart_shows_each_months_numbers_on_one_scale() {
    let months = months(2);
    let svg = months_chart(
        &CHART,
        &months,
        &Series { name: "participants", values: &[4, 7] },
        &Series { name: "new contributors", values: &[4, 1] },
    );
    elements(&svg);
    assert!(svg.contains("<title>2024-01: 4 participants</title>"), "{svg}");
    assert!(svg.contains("<title>2024-02: 7 participants</title>"), "{svg}");
    assert!(svg.contains("<title>2024-02: 1 new contributors</title>"), "{svg}");
    // The axis goes to 10, the round number above 7, and its middle is 5.
    assert!(svg.contains(">10</text>") && svg.contains(">5</text>") && svg.contains(">0</text>"), "{svg}");
    assert!(svg.contains(">2024-01</text>") && svg.contains(">2024-02</text>"), "{svg}");
}

#[test]
fn month_labels_are_at_most_about_twelve_and_include_the_last() {
    let svg = months_chart(
        &CHART,
        &months(36),
        &Series { name: "p", values: &[1; 36] },
        &Series { name: "n", values: &[0; 36] },
    );
    let labels = svg.matches("text-anchor=\"middle\">202").count();
    assert!((10..=13).contains(&labels), "{labels} labels");
    assert!(svg.contains(">2026-12</text>"), "the last month is labelled");
}

#[test]
fn the_retention_map_writes_each_share_as_a_percentage_and_a_dash_for_months_to_come() {
    let rows = [
        ("2024-01".to_owned(), [Some(0.5), Some(0.25), None, Some(0.75)]),
        ("2024-02".to_owned(), [Some(0.0), None, None, Some(0.0)]),
    ];
    let svg = retention_map(&CHART, ["after 1", "after 3", "after 6", "ever"], &rows);
    elements(&svg);
    assert!(svg.contains("<title>2024-01, after 1: 50%</title>"), "{svg}");
    assert!(svg.contains(">25%</text>") && svg.contains(">75%</text>") && svg.contains(">0%</text>"));
    assert!(svg.contains("<title>2024-01, after 6: –</title>"), "{svg}");
    assert_eq!(svg.matches("class=\"chart-cell is-empty\"").count(), 3);
}

#[test]
fn the_network_names_people_escaped_and_weighs_links() {
    let people = [
        NetworkPerson { name: "<script>alert(1)</script>", helped: 3 },
        NetworkPerson { name: "Bram", helped: 1 },
        NetworkPerson { name: "Chloé", helped: 0 },
    ];
    let links = [NetworkLink { from: 0, to: 1, count: 4 }, NetworkLink { from: 1, to: 2, count: 1 }];
    let svg = network(&CHART, &people, &links);
    elements(&svg);
    assert!(!svg.contains("<script"), "{svg}");
    assert!(svg.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; → Bram: 4</title>"), "{svg}");
    assert!(svg.contains("<title>Bram → Chloé: 1</title>"), "{svg}");
    assert!(svg.contains("stroke-width=\"6.0\"") && svg.contains("stroke-width=\"2.2\""), "{svg}");
    assert!(svg.contains(">Chloé</text>"), "{svg}");
    assert_eq!(svg, network(&CHART, &people, &links), "the same figures, the same bytes");
}

#[test]
fn topics_show_each_tag_with_its_total_and_months() {
    let months = months(3);
    let svg = topics(&CHART, &months, &[("c&c", &[1, 0, 2]), ("rust", &[0, 3, 0])]);
    elements(&svg);
    assert!(svg.contains(">c&amp;c (3)</text>") && svg.contains(">rust (3)</text>"), "{svg}");
    assert!(svg.contains("<title>c&amp;c, 2024-03: 2</title>"), "{svg}");
    assert!(svg.contains("<title>rust, 2024-02: 3</title>"), "{svg}");
    assert!(!svg.contains("2024-02: 0"), "empty months draw no bar");
}

#[test]
fn the_sparkline_has_a_bar_for_each_active_month() {
    let svg = sparkline(&CHART, &months(4), &[2, 0, 1, 0]);
    elements(&svg);
    assert_eq!(svg.matches("<rect ").count(), 2);
    assert!(svg.contains("<title>2024-01: 2</title>") && svg.contains("<title>2024-03: 1</title>"));
}

#[test]
fn the_value_axis_ends_on_a_round_number() {
    assert_eq!([0, 1, 2, 3, 7, 10, 11, 49, 51].map(axis_top), [1, 1, 2, 5, 10, 10, 20, 50, 100]);
}
