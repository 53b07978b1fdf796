//! `kennis insights`: every figure of a fixture with a real git history, computed by hand
//! below, asserted exactly; the same site without history; CSV, tables and bad input.
//!
//! The fixture `tests/fixtures/insights/` (time zone Europe/Brussels) has four people:
//! An (Data, engineer, two e-mail addresses), Bram (Data, analyst), Carla (HR, engineer) and
//! Dirk (no department or role), and two communities: `data` (lead An, team Bram) and
//! `people` (lead Carla, team Dirk). Every page names its authors and its date:
//!
//! | page                               | by    | date       | community | tags         |
//! |------------------------------------|-------|------------|-----------|--------------|
//! | communities/data (C1)              | An    | 2024-01-10 | data      |              |
//! | communities/people (C2)            | Carla | 2024-01-12 | people    |              |
//! | posts/pipelines (P1)               | An    | 2024-01-15 | data      | python, data |
//! |   comment carla (P1c)              | Carla | 2024-02-03 | data      |              |
//! |   comment dirk (P1d)               | Dirk  | 2024-04-25 | data      |              |
//! | questions/access (Q1), accepted: carla | Bram | 2024-02-05 | data   | sql          |
//! |   answer an (Q1a)                  | An    | 2024-02-07 | data      |              |
//! |   answer carla (Q1c)               | Carla | 2024-02-10 | data      |              |
//! | questions/self (Q2)                | Dirk  | 2024-04-20 | people    | hr           |
//! |   answer dirk (Q2d): his own       | Dirk  | 2024-04-22 | people    |              |
//! | questions/still-open (Q3)          | Carla | 2024-05-02 | people    | hr, python   |
//! | posts/onboarding (P2)              | Carla | 2024-06-10 | people    | hr           |
//! |   comment bram (P2b)               | Bram  | 2024-06-11 | people    |              |
//! |   comment an (P2a)                 | An    | 2024-06-12 | people    |              |
//! | wiki/kubernetes (W1)               | An    | 2024-10-05 | (none)    | kubernetes   |
//!
//! Each page, answer and comment is one contribution of its author on its date (its
//! creation): 15 of them, numbered #1–#13 in the order above without P1d and W1, then
//! #18 P1d (Dirk, 04-25, data) and #19 W1 (An, 10-05, site only).

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use crate::git_history::git;
use crate::support::{SiteTest, kennis};

const AN_OLD: (&str, &str) = ("An Peeters", "an@old.example.org");
const AN_NEW: (&str, &str) = ("An Peeters", "an@new.example.org");
const BRAM: (&str, &str) = ("Bram Maes", "bram@example.org");
const CARLA: (&str, &str) = ("Carla Jacobs", "carla@example.org");
const DIRK: (&str, &str) = ("Dirk Smets", "dirk@example.org");
/// In no registry: shown by the name git gives.
const GUEST: (&str, &str) = ("Gast Schrijver", "guest@elsewhere.example");

fn append(root: &Path, path: &str, text: &str) {
    let mut file = OpenOptions::new().append(true).open(root.join(path)).expect("file to edit");
    file.write_all(text.as_bytes()).expect("edit");
}

fn commit(root: &Path, who: (&str, &str), when: &str, paths: &[&str], message: &str) {
    let mut add = vec!["add", "--"];
    add.extend(paths);
    git(root, who, when, &add);
    git(root, who, when, &["commit", "-q", "-m", message]);
}

/// The fixture committed in eight commits. A commit adding a page whose front matter names
/// its authors is that page's creation, already counted; the others are contributions:
///
/// - G1 An (old address) 2024-01-15 adds site.yaml, authors/, C1, C2, P1: creations only.
/// - G2 Carla 2024-02-10 adds P1c, Q1, Q1a, Q1c: creations only.
/// - G3 An (new address) 2024-02-11 changes P1: #14 An, 02-11, data.
/// - G4 the guest 2024-02-29 23:30 UTC changes Q1: in Brussels that is 2024-03-01 00:30,
///   so #15 guest, **March**, data.
/// - G5 Carla 2024-05-02 adds Q2, Q2d, P1d, Q3 (as questions/open/) and changes C2:
///   #16 Carla, 05-02, people.
/// - G6 Bram 2024-06-12 adds P2, P2b, P2a: creations only.
/// - G7 An (old address) 2024-10-05 renames questions/open/ to questions/still-open/, changes
///   P2 and adds W1: #17 An, 10-05, people (one commit, one contribution per community).
/// - G8 Dirk 2024-10-06 changes site.yaml and authors/: no contribution, so "now" stays
///   2024-10-05.
fn site_with_history() -> SiteTest {
    let site = SiteTest::copy("insights");
    let root = site.root();
    std::fs::rename(root.join("content/questions/still-open"), root.join("content/questions/open"))
        .expect("move the question to its first folder");
    git(root, AN_OLD, "2024-01-15T10:00:00+00:00", &["init", "-q", "-b", "main"]);
    let g1 = ["site.yaml", "authors", "content/communities", "content/posts/pipelines.md"];
    commit(root, AN_OLD, "2024-01-15T10:00:00+00:00", &g1, "G1");
    let g2 = ["content/posts/pipelines/comments/carla.md", "content/questions/access"];
    commit(root, CARLA, "2024-02-10T12:00:00+00:00", &g2, "G2");
    append(root, "content/posts/pipelines.md", "\nWith an example.\n");
    commit(root, AN_NEW, "2024-02-11T09:00:00+00:00", &["content/posts/pipelines.md"], "G3");
    append(root, "content/questions/access/index.md", "\nI work in finance.\n");
    commit(root, GUEST, "2024-02-29T23:30:00+00:00", &["content/questions/access/index.md"], "G4");
    append(root, "content/communities/people/index.md", "\nJoin us.\n");
    let g5 = [
        "content/questions/self",
        "content/posts/pipelines/comments/dirk.md",
        "content/questions/open",
        "content/communities/people/index.md",
    ];
    commit(root, CARLA, "2024-05-02T08:00:00+00:00", &g5, "G5");
    commit(
        root,
        BRAM,
        "2024-06-12T10:00:00+00:00",
        &["content/posts/onboarding.md", "content/posts/onboarding"],
        "G6",
    );
    let when = "2024-10-05T10:00:00+00:00";
    git(root, AN_OLD, when, &["mv", "content/questions/open", "content/questions/still-open"]);
    append(root, "content/posts/onboarding.md", "\nUpdated for 2025.\n");
    commit(root, AN_OLD, when, &["content/posts/onboarding.md", "content/wiki/kubernetes.md"], "G7");
    append(root, "site.yaml", "description: What we learn\n");
    append(root, "authors/dirk-smets.yaml", "bio: Works in sales.\n");
    commit(root, DIRK, "2024-10-06T10:00:00+00:00", &["site.yaml", "authors/dirk-smets.yaml"], "G8");
    site
}

/// Asserts equal JSON, naming the first place they differ (the whole values are long).
fn assert_same(actual: &Value, expected: &Value, at: &str) {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            let keys = |o: &serde_json::Map<String, Value>| o.keys().cloned().collect::<Vec<_>>();
            assert_eq!(keys(a), keys(e), "keys of {at}");
            for (key, value) in e {
                assert_same(&a[key], value, &format!("{at}.{key}"));
            }
        }
        (Value::Array(a), Value::Array(e)) if a.len() == e.len() => {
            for (index, (a, e)) in a.iter().zip(e).enumerate() {
                assert_same(a, e, &format!("{at}[{index}]"));
            }
        }
        _ => assert_eq!(actual, expected, "at {at}"),
    }
}

fn insights_json(root: &Path, extra: &[&str]) -> Value {
    let root = root.to_str().expect("a UTF-8 path");
    let mut args = vec!["insights", "--root", root, "--format", "json"];
    args.extend(extra);
    let ran = kennis(&args);
    ran.exits_with(0);
    serde_json::from_str(&ran.stdout()).expect("the output is JSON")
}

/// An object month → value for consecutive months from `first`.
fn by_month(first: (i32, i32), values: &[Value]) -> Value {
    let (mut year, mut month) = first;
    let mut object = serde_json::Map::new();
    for value in values {
        object.insert(format!("{year:04}-{month:02}"), value.clone());
        (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    }
    Value::Object(object)
}

fn counts(values: &[u32]) -> Value {
    by_month((2024, 1), &values.iter().map(|&v| json!(v)).collect::<Vec<_>>())
}

const MONTHS_2024_01_TO_10: [&str; 10] = [
    "2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09",
    "2024-10",
];

fn cohort(month: &str, size: u32, after: [Option<f64>; 3], ever_again: f64) -> Value {
    json!({ "month": month, "size": size, "after_1": after[0], "after_3": after[1], "after_6": after[2], "ever_again": ever_again })
}

fn pair(from: &str, to: &str, count: u32) -> Value {
    json!({ "from": from, "to": to, "count": count })
}

fn share(part: u32, whole: u32) -> Value {
    json!({ "part": part, "whole": whole, "share": f64::from(part) / f64::from(whole) })
}

fn helped(person: &str, count: u32) -> Value {
    json!({ "person": person, "count": count })
}

/// Q3, the one question nobody answered.
fn still_open() -> Value {
    json!({ "title": "Can we learn Python at work?", "url": "/questions/still-open/", "date": "2024-05-02" })
}

#[test]
fn every_figure_matches_the_hand_count() {
    let site = site_with_history();
    let figures = insights_json(site.root(), &[]);

    // The whole site. Contributions by month (creations #1–#13, #18, #19; commits #14–#17):
    //   01: #1 An, #2 Carla, #3 An                          = 3, people An, Carla
    //   02: #4 Carla, #5 Bram, #6 An, #7 Carla, #14 An      = 5, people Carla, Bram, An
    //   03: #15 guest (G4, in Brussels)                     = 1
    //   04: #8 Dirk, #9 Dirk, #18 Dirk                      = 3, people Dirk
    //   05: #10 Carla, #16 Carla                            = 2
    //   06: #11 Carla, #12 Bram, #13 An                     = 3
    //   07, 08, 09: nothing; 10: #17 An, #19 An             = 2
    // New: An and Carla in 01, Bram 02, the guest 03, Dirk 04: 5 in all.
    // Active months: An 01 02 06 10, Carla 01 02 05 06, Bram 02 06, guest 03, Dirk 04.
    // Cohorts (now is 2024-10): 01 = An, Carla: both in 02 (1), neither in 04 or 07 (0), both
    // again (1); 02 = Bram: not in 03, 05 or 08, but again in 06; 03 = guest and 04 = Dirk:
    // never again, and 04 + 6 = 10 is still up to now, so after_6 is 0, not null.
    // Spans 10 (An), 6 (Carla), 5 (Bram), 1, 1: median 5. Drive-by: guest and Dirk.
    // Inactive (nothing in 08–10): everyone but An; registered people first.
    // Bus factor: An 7 (#1 #3 #6 #13 #14 #17 #19), Carla 6, Dirk 3, Bram 2, guest 1 = 19:
    //   7 is less than half, 7 + 6 = 13 is more: 2.
    // Interactions (Dirk answering his own question counts for nobody):
    //   P1c Carla→An, P1d Dirk→An, Q1a An→Bram, Q1c Carla→Bram, P2b Bram→Carla, P2a An→Carla.
    //   Departments known for 5 (not Dirk's): HR→Data, Data→Data, HR→Data, Data→HR, Data→HR:
    //   4 of 5 cross. Roles: eng→eng, eng→analyst, eng→analyst, analyst→eng, eng→eng: 3 of 5.
    // Topics: P1 01 python+data, Q1 02 sql, Q2 04 hr, Q3 05 hr+python, P2 06 hr, W1 10
    //   kubernetes; rising over 08–10 against 05–07: kubernetes 1 against 0 (hr had 2 before).
    // Questions: Q1 asked 02-05, first answer 02-07 (2 days), accepted 02-10 (5 days);
    //   Q2 asked 04-20, answered by its asker 04-22 (2 days); Q3 asked 05-02, unanswered.
    let site_expected = json!({
        "months": MONTHS_2024_01_TO_10,
        "contributions_by_month": counts(&[3, 5, 1, 3, 2, 3, 0, 0, 0, 2]),
        "participants_by_month": counts(&[2, 3, 1, 1, 1, 3, 0, 0, 0, 1]),
        "new_contributors_by_month": counts(&[2, 1, 1, 1, 0, 0, 0, 0, 0, 0]),
        "contributors_total_by_month": counts(&[2, 3, 4, 5, 5, 5, 5, 5, 5, 5]),
        "retention": {
            "cohorts": [
                cohort("2024-01", 2, [Some(1.0), Some(0.0), Some(0.0)], 1.0),
                cohort("2024-02", 1, [Some(0.0), Some(0.0), Some(0.0)], 1.0),
                cohort("2024-03", 1, [Some(0.0), Some(0.0), Some(0.0)], 0.0),
                cohort("2024-04", 1, [Some(0.0), Some(0.0), Some(0.0)], 0.0),
            ],
            "median_active_months": 5.0,
            "drive_by": 2,
            "repeat": 3,
            "inactive": ["bram-maes", "carla-jacobs", "dirk-smets", "Gast Schrijver"],
        },
        "bus_factor": 2,
        "interactions": [
            pair("an-peeters", "bram-maes", 1),
            pair("an-peeters", "carla-jacobs", 1),
            pair("bram-maes", "carla-jacobs", 1),
            pair("carla-jacobs", "an-peeters", 1),
            pair("carla-jacobs", "bram-maes", 1),
            pair("dirk-smets", "an-peeters", 1),
        ],
        "people_helped": [
            helped("an-peeters", 2),
            helped("carla-jacobs", 2),
            helped("bram-maes", 1),
            helped("dirk-smets", 1),
        ],
        "cross_department": share(4, 5),
        "cross_role": share(3, 5),
        "from_lead_and_team": null,
        "topics_by_month": {
            "hr": counts(&[0, 0, 0, 1, 1, 1, 0, 0, 0, 0]),
            "python": counts(&[1, 0, 0, 0, 1, 0, 0, 0, 0, 0]),
            "data": counts(&[1, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            "kubernetes": counts(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
            "sql": counts(&[0, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
        },
        "rising_topics": [{ "tag": "kubernetes", "last_3_months": 1, "previous_3_months": 0 }],
        "knowledge_demand": {
            "asked_by_month": counts(&[0, 1, 0, 1, 1, 0, 0, 0, 0, 0]),
            "answered_by_month": counts(&[0, 1, 0, 1, 0, 0, 0, 0, 0, 0]),
            "median_days_to_first_answer": 2.0,
            "median_days_to_accepted": 5.0,
            "unanswered": [still_open()],
        },
    });

    // Community `data`: C1, P1, P1c, P1d, Q1, Q1a, Q1c, so contributions #1 An 01, #3 An 01,
    // #4 Carla 02, #5 Bram 02, #6 An 02, #7 Carla 02, #14 An 02 (G3), #15 guest 03 (G4),
    // #18 Dirk 04: 2, 5, 1, 1 by month, 9 in all. New: An 01; Carla, Bram 02; guest 03; Dirk 04.
    // Active: An 01 02; Carla, Bram 02; guest 03; Dirk 04. Cohort 01 (An) is back in 02;
    // nobody else ever comes back. Spans 2, 1, 1, 1, 1: median 1. Inactive: all five.
    // Bus factor: An 4, Carla 2, then 1 each, of 9: 4 < 4.5, 6 > 4.5: 2.
    // Lead An and team Bram made 4 + 1 = 5 of the 9.
    // Interactions: Carla→An, Dirk→An, An→Bram, Carla→Bram. Departments known for three:
    // HR→Data crosses, Data→Data does not, HR→Data crosses: 2 of 3; roles eng→eng,
    // eng→analyst, eng→analyst: 2 of 3.
    let data_expected = json!({
        "months": MONTHS_2024_01_TO_10,
        "contributions_by_month": counts(&[2, 5, 1, 1, 0, 0, 0, 0, 0, 0]),
        "participants_by_month": counts(&[1, 3, 1, 1, 0, 0, 0, 0, 0, 0]),
        "new_contributors_by_month": counts(&[1, 2, 1, 1, 0, 0, 0, 0, 0, 0]),
        "contributors_total_by_month": counts(&[1, 3, 4, 5, 5, 5, 5, 5, 5, 5]),
        "retention": {
            "cohorts": [
                cohort("2024-01", 1, [Some(1.0), Some(0.0), Some(0.0)], 1.0),
                cohort("2024-02", 2, [Some(0.0), Some(0.0), Some(0.0)], 0.0),
                cohort("2024-03", 1, [Some(0.0), Some(0.0), Some(0.0)], 0.0),
                cohort("2024-04", 1, [Some(0.0), Some(0.0), Some(0.0)], 0.0),
            ],
            "median_active_months": 1.0,
            "drive_by": 4,
            "repeat": 1,
            "inactive": ["an-peeters", "bram-maes", "carla-jacobs", "dirk-smets", "Gast Schrijver"],
        },
        "bus_factor": 2,
        "interactions": [
            pair("an-peeters", "bram-maes", 1),
            pair("carla-jacobs", "an-peeters", 1),
            pair("carla-jacobs", "bram-maes", 1),
            pair("dirk-smets", "an-peeters", 1),
        ],
        "people_helped": [helped("carla-jacobs", 2), helped("an-peeters", 1), helped("dirk-smets", 1)],
        "cross_department": share(2, 3),
        "cross_role": share(2, 3),
        "from_lead_and_team": share(5, 9),
        "topics_by_month": {
            "data": counts(&[1, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            "python": counts(&[1, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
            "sql": counts(&[0, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
        },
        "rising_topics": [],
        "knowledge_demand": {
            "asked_by_month": counts(&[0, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
            "answered_by_month": counts(&[0, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
            "median_days_to_first_answer": 2.0,
            "median_days_to_accepted": 5.0,
            "unanswered": [],
        },
    });

    // Community `people`: C2, Q2, Q2d, Q3, P2, P2b, P2a, so #2 Carla 01, #8 Dirk 04, #9 Dirk
    // 04, #10 Carla 05, #16 Carla 05 (G5), #11 Carla 06, #12 Bram 06, #13 An 06, #17 An 10 (G7):
    // 1, 0, 0, 2, 2, 3, 0, 0, 0, 1 = 9. New: Carla 01, Dirk 04, Bram and An 06.
    // Active: Carla 01 05 06, Dirk 04, Bram 06, An 06 10. Cohort 06 (Bram, An): 07 and 09
    // empty, 12 is after now (null); An came back in 10: ever again 1 of 2.
    // Spans 6, 1, 1, 5: median (1 + 5) / 2 = 3. Inactive: Bram, Carla, Dirk.
    // Bus factor: Carla 4, Dirk 2, An 2, Bram 1 of 9: 2. Lead Carla and team Dirk: 6 of 9.
    // Interactions: Bram→Carla and An→Carla (Dirk's own answer counts for nobody); both
    // cross departments; roles analyst→eng crosses, eng→eng does not.
    let people_expected = json!({
        "months": MONTHS_2024_01_TO_10,
        "contributions_by_month": counts(&[1, 0, 0, 2, 2, 3, 0, 0, 0, 1]),
        "participants_by_month": counts(&[1, 0, 0, 1, 1, 3, 0, 0, 0, 1]),
        "new_contributors_by_month": counts(&[1, 0, 0, 1, 0, 2, 0, 0, 0, 0]),
        "contributors_total_by_month": counts(&[1, 1, 1, 2, 2, 4, 4, 4, 4, 4]),
        "retention": {
            "cohorts": [
                cohort("2024-01", 1, [Some(0.0), Some(0.0), Some(0.0)], 1.0),
                cohort("2024-04", 1, [Some(0.0), Some(0.0), Some(0.0)], 0.0),
                cohort("2024-06", 2, [Some(0.0), Some(0.0), None], 0.5),
            ],
            "median_active_months": 3.0,
            "drive_by": 2,
            "repeat": 2,
            "inactive": ["bram-maes", "carla-jacobs", "dirk-smets"],
        },
        "bus_factor": 2,
        "interactions": [pair("an-peeters", "carla-jacobs", 1), pair("bram-maes", "carla-jacobs", 1)],
        "people_helped": [helped("an-peeters", 1), helped("bram-maes", 1)],
        "cross_department": share(2, 2),
        "cross_role": share(1, 2),
        "from_lead_and_team": share(6, 9),
        "topics_by_month": {
            "hr": counts(&[0, 0, 0, 1, 1, 1, 0, 0, 0, 0]),
            "python": counts(&[0, 0, 0, 0, 1, 0, 0, 0, 0, 0]),
        },
        "rising_topics": [],
        "knowledge_demand": {
            "asked_by_month": counts(&[0, 0, 0, 1, 1, 0, 0, 0, 0, 0]),
            "answered_by_month": counts(&[0, 0, 0, 1, 0, 0, 0, 0, 0, 0]),
            "median_days_to_first_answer": 2.0,
            "median_days_to_accepted": null,
            "unanswered": [still_open()],
        },
    });

    // Each contributor by month (01–10) and the people they helped.
    let people = json!({
        "an-peeters": { "contributions_by_month": counts(&[2, 2, 0, 0, 0, 1, 0, 0, 0, 2]), "helped": 2 },
        "bram-maes": { "contributions_by_month": counts(&[0, 1, 0, 0, 0, 1, 0, 0, 0, 0]), "helped": 1 },
        "carla-jacobs": { "contributions_by_month": counts(&[1, 2, 0, 0, 2, 1, 0, 0, 0, 0]), "helped": 2 },
        "dirk-smets": { "contributions_by_month": counts(&[0, 0, 0, 3, 0, 0, 0, 0, 0, 0]), "helped": 1 },
        "Gast Schrijver": { "contributions_by_month": counts(&[0, 0, 1, 0, 0, 0, 0, 0, 0, 0]), "helped": 0 },
    });

    let mut expected = site_expected;
    let object = expected.as_object_mut().expect("an object");
    object.insert("as_of".into(), json!("2024-10-05"));
    object.insert("from_history".into(), json!(true));
    object.insert("communities".into(), json!({ "data": data_expected.clone(), "people": people_expected }));
    object.insert("people".into(), people);
    assert_same(&figures, &expected, "");

    // One community alone: the same figures, named.
    let mut data_alone = data_expected;
    let object = data_alone.as_object_mut().expect("an object");
    object.insert("as_of".into(), json!("2024-10-05"));
    object.insert("from_history".into(), json!(true));
    object.insert("community".into(), json!("data"));
    assert_same(&insights_json(site.root(), &["--community", "data"]), &data_alone, "");
}

#[test]
fn without_history_each_page_counts_once_for_its_authors() {
    // No repository: the 15 creations only. As of 2024-06-30, W1 (10-05) is left out:
    //   01: #1 An, #2 Carla, #3 An = 3;  02: #4 Carla, #5 Bram, #6 An, #7 Carla = 4;  03: 0;
    //   04: #8 #9 #18 Dirk = 3;  05: #10 Carla = 1;  06: #11 Carla, #12 Bram, #13 An = 3.
    // Active: An 01 02 06, Carla 01 02 05 06, Bram 02 06, Dirk 04. Months 07 and later come
    // after now, so their shares are null. Spans 6, 6, 5, 1: median 5.5. Everyone was active
    // in 04–06: nobody inactive. Bus factor: Carla 5, An 4, Dirk 3, Bram 2 of 14: 2.
    // Rising over 04–06 against 01–03: hr 3 against 0; python 1 against 1 is not rising.
    let site = SiteTest::copy("insights");
    let figures = insights_json(site.root(), &["--as-of", "2024-06-30"]);
    let months = &MONTHS_2024_01_TO_10[..6];
    let six = |values: [u32; 6]| by_month((2024, 1), &values.map(|v| json!(v)));
    let expected = json!({
        "as_of": "2024-06-30",
        "from_history": false,
        "months": months,
        "contributions_by_month": six([3, 4, 0, 3, 1, 3]),
        "participants_by_month": six([2, 3, 0, 1, 1, 3]),
        "new_contributors_by_month": six([2, 1, 0, 1, 0, 0]),
        "contributors_total_by_month": six([2, 3, 3, 4, 4, 4]),
        "retention": {
            "cohorts": [
                cohort("2024-01", 2, [Some(1.0), Some(0.0), None], 1.0),
                cohort("2024-02", 1, [Some(0.0), Some(0.0), None], 1.0),
                cohort("2024-04", 1, [Some(0.0), None, None], 0.0),
            ],
            "median_active_months": 5.5,
            "drive_by": 1,
            "repeat": 3,
            "inactive": [],
        },
        "bus_factor": 2,
        "interactions": [
            pair("an-peeters", "bram-maes", 1),
            pair("an-peeters", "carla-jacobs", 1),
            pair("bram-maes", "carla-jacobs", 1),
            pair("carla-jacobs", "an-peeters", 1),
            pair("carla-jacobs", "bram-maes", 1),
            pair("dirk-smets", "an-peeters", 1),
        ],
        "people_helped": [
            helped("an-peeters", 2),
            helped("carla-jacobs", 2),
            helped("bram-maes", 1),
            helped("dirk-smets", 1),
        ],
        "cross_department": share(4, 5),
        "cross_role": share(3, 5),
        "from_lead_and_team": null,
        "topics_by_month": {
            "hr": six([0, 0, 0, 1, 1, 1]),
            "python": six([1, 0, 0, 0, 1, 0]),
            "data": six([1, 0, 0, 0, 0, 0]),
            "sql": six([0, 1, 0, 0, 0, 0]),
        },
        "rising_topics": [{ "tag": "hr", "last_3_months": 3, "previous_3_months": 0 }],
        "knowledge_demand": {
            "asked_by_month": six([0, 1, 0, 1, 1, 0]),
            "answered_by_month": six([0, 1, 0, 1, 0, 0]),
            "median_days_to_first_answer": 2.0,
            "median_days_to_accepted": 5.0,
            "unanswered": [still_open()],
        },
    });
    let mut site_part = figures.clone();
    let object = site_part.as_object_mut().expect("an object");
    object.remove("communities");
    object.remove("people");
    assert_same(&site_part, &expected, "");
    assert_eq!(
        figures["people"]["carla-jacobs"],
        json!({ "contributions_by_month": six([1, 2, 0, 0, 1, 1]), "helped": 2 })
    );
}

#[test]
fn csv_prints_one_table_lists_them_or_writes_them_all() {
    let site = SiteTest::copy("insights");
    let root = site.root().to_str().expect("a UTF-8 path");
    let args = ["insights", "--root", root, "--as-of", "2024-06-30", "--format", "csv"];
    let months = kennis(&[&args[..], &["--table", "months"]].concat());
    months.exits_with(0);
    assert_eq!(
        months.stdout(),
        "month,contributions,participants,new_contributors,contributors_total,questions_asked,questions_answered\r\n\
         2024-01,3,2,2,2,0,0\r\n2024-02,4,3,1,3,1,1\r\n2024-03,0,0,0,3,0,0\r\n\
         2024-04,3,1,1,4,1,1\r\n2024-05,1,1,0,4,1,0\r\n2024-06,3,3,0,4,0,0\r\n"
    );
    let listed = kennis(&args);
    listed.exits_with(0);
    let names = "summary\nmonths\nretention\ninteractions\npeople_helped\ntopics\nrising_topics\nunanswered\ninactive\npeople\n";
    assert_eq!(listed.stdout(), names);
    let folder = tempfile::tempdir().expect("temporary folder");
    let output = folder.path().join("tables");
    kennis(&[&args[..], &["--output", output.to_str().unwrap()]].concat()).exits_with(0);
    let mut written: Vec<String> = std::fs::read_dir(&output)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut expected: Vec<String> = names.lines().map(|name| format!("{name}.csv")).collect();
    expected.sort();
    assert_eq!(written, expected);
    let unanswered = std::fs::read_to_string(output.join("unanswered.csv")).unwrap();
    assert_eq!(
        unanswered,
        "date,title,url\r\n2024-05-02,Can we learn Python at work?,/questions/still-open/\r\n"
    );
}

#[test]
fn a_question_title_that_looks_like_a_formula_is_quoted_and_defused_in_csv() {
    let site = SiteTest::copy("insights");
    site.write(
        "content/questions/still-open/index.md",
        "---\ntitle: \"=HYPERLINK(\\\"x\\\", \\\"a, b\\\")\"\nauthors: [carla-jacobs]\ndate: 2024-05-02\n---\n\nHm.\n",
    );
    let root = site.root().to_str().expect("a UTF-8 path");
    let ran = kennis(&["insights", "--root", root, "--format", "csv", "--table", "unanswered"]);
    ran.exits_with(0);
    assert_eq!(
        ran.stdout(),
        "date,title,url\r\n2024-05-02,\"'=HYPERLINK(\"\"x\"\", \"\"a, b\"\")\",/questions/still-open/\r\n"
    );
}

#[test]
fn the_table_format_aligns_columns() {
    let site = SiteTest::copy("insights");
    let root = site.root().to_str().expect("a UTF-8 path");
    let ran = kennis(&["insights", "--root", root, "--as-of", "2024-06-30", "--table", "retention"]);
    ran.exits_with(0);
    assert_eq!(
        ran.stdout(),
        "cohort   size  after_1_month  after_3_months  after_6_months  ever_again\n\
         2024-01     2              1               0                           1\n\
         2024-02     1              0               0                           1\n\
         2024-04     1              0                                           0\n"
    );
    let all = kennis(&["insights", "--root", root, "--as-of", "2024-06-30"]);
    all.exits_with(0);
    assert!(
        all.stdout().starts_with(
            "summary\nfigure                         value\ncontributions                  14\n"
        ),
        "{}",
        all.stdout()
    );
}

#[test]
fn an_unknown_community_or_table_or_a_bad_day_is_a_usage_error() {
    let site = SiteTest::copy("insights");
    let root = site.root().to_str().expect("a UTF-8 path");
    let ran = kennis(&["insights", "--root", root, "--community", "dta"]);
    ran.exits_with(2);
    assert_eq!(ran.stderr(), "error: no community `dta`; known communities: data, people\n");
    assert_eq!(ran.stdout(), "");
    let ran = kennis(&["insights", "--root", root, "--format", "csv", "--table", "month"]);
    ran.exits_with(2);
    assert_eq!(
        ran.stderr(),
        "error: no table `month`; tables: summary, months, retention, interactions, people_helped, topics, \
         rising_topics, unanswered, inactive, people\n"
    );
    let ran = kennis(&["insights", "--root", root, "--output", "figures"]);
    ran.exits_with(2);
    assert_eq!(ran.stderr(), "error: `--output` writes CSV files: add `--format csv`\n");
    let ran = kennis(&["insights", "--root", root, "--as-of", "2024-13-01"]);
    ran.exits_with(2);
    assert!(
        ran.stderr().starts_with(
            "error: invalid value '2024-13-01' for '--as-of <DATE>': write a day as YYYY-MM-DD, such as 2025-06-30\n"
        ),
        "{}",
        ran.stderr()
    );
}

#[test]
fn access_logs_of_the_wrong_type_in_site_yaml_are_an_error_at_their_line() {
    let site = SiteTest::copy("insights");
    site.write(
        "site.yaml",
        "title: Insights\nbase_url: https://intranet.example.org/\ninsights:\n  access_logs: 5\n",
    );
    let root = site.root().to_str().expect("a UTF-8 path");
    let ran = kennis(&["insights", "--root", root]);
    ran.exits_with(1);
    assert_eq!(
        ran.stderr(),
        "error: site.yaml:4:16: this must be a list\n  \
         = help: write it as `[first, second]`, or as `- item` lines below the field\n\
         error: found 1 error in 1 file\n"
    );
}

#[test]
fn access_logs_give_page_views_by_page_community_and_month() {
    // Without history the site's months run 2024-01 to 2024-10 (W1 is dated 10-05).
    // Views: /posts/pipelines/ (community data) twice in 03, once in 10; /questions/access/
    // (data) once in 03 and an answer's anchor is the same page; /posts/onboarding/ (people)
    // once in 06; /tags/hr/ (no page, counted for the site only) once in 06; a page viewed in
    // 2023 is before the first month and only adds to its page's total. A crawler, a request
    // outside the site's base path and a line that is no log line are left out. Two searches:
    // one found nothing, one found pages but none was opened.
    let site = SiteTest::copy("insights");
    let log = "\
10.0.0.1 - - [03/Mar/2024:10:00:00 +0000] \"GET /posts/pipelines/ HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"
10.0.0.2 - - [04/Mar/2024:10:00:00 +0000] \"GET /posts/pipelines/ HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"
10.0.0.2 - - [05/Mar/2024:10:00:00 +0000] \"GET /questions/access/ HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"
10.0.0.3 - - [07/Jun/2024:10:00:00 +0000] \"GET /posts/onboarding/ HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"
10.0.0.3 - - [07/Jun/2024:10:01:00 +0000] \"GET /tags/hr/ HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"
10.0.0.4 - - [01/Oct/2024:10:00:00 +0000] \"GET /posts/pipelines/ HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"
10.0.0.4 - - [01/Oct/2023:10:00:00 +0000] \"GET /questions/access/ HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"
10.0.0.5 - - [01/Oct/2024:11:00:00 +0000] \"GET /posts/pipelines/ HTTP/1.1\" 200 512 \"-\" \"Googlebot/2.1\"
10.0.0.6 - - [02/Oct/2024:09:00:00 +0000] \"GET /search/log.txt?q=Kubernetes&n=0&open= HTTP/1.1\" 200 0 \"-\" \"Mozilla/5.0\"
10.0.0.6 - - [02/Oct/2024:09:01:00 +0000] \"GET /search/log.txt?q=python&n=2&open= HTTP/1.1\" 200 0 \"-\" \"Mozilla/5.0\"
not a log line
";
    site.write("logs/access.log", log);
    let root = site.root();
    let log_path = root.join("logs/access.log");
    let args = ["--access-log", log_path.to_str().unwrap()];
    let ran =
        kennis(&[&["insights", "--root", root.to_str().unwrap(), "--format", "json"][..], &args].concat());
    ran.exits_with(0);
    assert_eq!(
        ran.stderr(),
        format!(
            "read 1 access log, 11 lines: 1 not understood (the first at `{}:11`), 1 from crawlers and monitors\n\
             info: not a git repository: dates come from front matter and file times, authors from front matter\n",
            log_path.display()
        )
    );
    let figures: Value = serde_json::from_str(&ran.stdout()).unwrap();
    let ten = |values: [u64; 10]| by_month((2024, 1), &values.map(|v| json!(v)));
    assert_eq!(figures["page_views_by_month"], ten([0, 0, 3, 0, 0, 2, 0, 0, 0, 1]));
    let page = |title: &str, url: &str, date: &str, views: u64| json!({ "title": title, "url": url, "date": date, "views": views });
    assert_eq!(
        figures["top_pages"],
        json!([
            page("Pipelines", "/posts/pipelines/", "2024-01-15", 3),
            page("How do I get access to the warehouse?", "/questions/access/", "2024-02-05", 2),
            page("Onboarding", "/posts/onboarding/", "2024-06-10", 1),
        ])
    );
    assert_eq!(
        figures["search_demand"],
        json!({
            "top_queries": [{ "query": "Kubernetes", "count": 1 }, { "query": "python", "count": 1 }],
            "zero_result_queries": [{ "query": "Kubernetes", "count": 1 }],
            "unopened_queries": [{ "query": "python", "count": 1 }],
            "opened_from_search": [],
        })
    );
    let data = &figures["communities"]["data"];
    assert_eq!(data["page_views_by_month"], ten([0, 0, 3, 0, 0, 0, 0, 0, 0, 1]));
    assert_eq!(data["top_pages"].as_array().map(Vec::len), Some(2));
    assert_eq!(figures["communities"]["people"]["page_views_by_month"], ten([0, 0, 0, 0, 0, 1, 0, 0, 0, 0]));
}

#[test]
fn without_a_time_zone_commits_fall_in_utc_months() {
    // The guest's edit at 00:30 on 1 March on a +02:00 clock is 29 February in UTC.
    let site = SiteTest::empty();
    let root = site.root();
    site.write("site.yaml", "title: UTC\n");
    site.write("authors/an-peeters.yaml", "name: An Peeters\nemail: an@old.example.org\n");
    site.write("content/posts/a.md", "---\ntitle: A\nauthors: [an-peeters]\ndate: 2024-01-10\n---\n\nA.\n");
    git(root, AN_OLD, "2024-01-10T10:00:00+00:00", &["init", "-q", "-b", "main"]);
    commit(root, AN_OLD, "2024-01-10T10:00:00+00:00", &["."], "add");
    append(root, "content/posts/a.md", "\nMore.\n");
    commit(root, GUEST, "2024-03-01T00:30:00+02:00", &["content/posts/a.md"], "edit");
    let figures = insights_json(root, &[]);
    assert_eq!(figures["contributions_by_month"], json!({ "2024-01": 1, "2024-02": 1 }));
    assert_eq!(figures["as_of"], json!("2024-02-29"));
}

#[test]
fn a_page_without_authors_is_created_by_the_commit_that_adds_it() {
    // Nothing names authors, so git does: An's commit in January adds the question (its
    // creation: one contribution, not one per person who later edits it), Bram's in March
    // answers it and edits the question. Assembly makes both of them the question's authors;
    // the interaction still goes from Bram to An, who asked, and the question was answered
    // 45 days later (31 January to 16 March, both on the answer's and question's commit days).
    let site = SiteTest::empty();
    let root = site.root();
    site.write("site.yaml", "title: Git only\n");
    site.write("authors/an-peeters.yaml", "name: An Peeters\nemail: an@old.example.org\n");
    site.write("authors/bram-maes.yaml", "name: Bram Maes\nemail: bram@example.org\n");
    site.write("content/questions/q/index.md", "---\ntitle: Q\n---\n\nWhy?\n");
    git(root, AN_OLD, "2024-01-31T10:00:00+00:00", &["init", "-q", "-b", "main"]);
    commit(root, AN_OLD, "2024-01-31T10:00:00+00:00", &["."], "ask");
    site.write("content/questions/q/answers/bram.md", "Because.\n");
    append(root, "content/questions/q/index.md", "\nReally, why?\n");
    commit(root, BRAM, "2024-03-16T10:00:00+00:00", &["."], "answer");
    let figures = insights_json(root, &[]);
    assert_eq!(figures["contributions_by_month"], json!({ "2024-01": 1, "2024-02": 0, "2024-03": 1 }));
    assert_eq!(figures["interactions"], json!([pair("bram-maes", "an-peeters", 1)]));
    assert_eq!(figures["knowledge_demand"]["median_days_to_first_answer"], json!(45.0));
    assert_eq!(
        figures["people"]["an-peeters"]["contributions_by_month"],
        json!({ "2024-01": 1, "2024-02": 0, "2024-03": 0 })
    );
}

#[test]
fn a_site_with_content_errors_gives_no_figures() {
    let site = SiteTest::copy("insights");
    let question = "content/questions/access/index.md";
    let text = std::fs::read_to_string(site.root().join(question)).unwrap();
    site.write(question, text.replace("authors: [bram-maes]", "authors: [bram-mas]"));
    let ran = kennis(&["insights", "--root", site.root().to_str().unwrap()]);
    ran.exits_with(1);
    assert_eq!(ran.stdout(), "");
    assert_eq!(
        ran.stderr(),
        "error: content/questions/access/index.md:3:11: unknown author `bram-mas`\n  \
         = help: did you mean `bram-maes`? authors are the files in `authors/`\n\
         error: found 1 error in 1 file\n"
    );
}

/// `kennis` with `args` after `COMMAND --root ROOT`.
fn kennis_at(command: &str, root: &Path, args: &[&str]) -> crate::support::Ran {
    let root = root.to_str().expect("a UTF-8 path");
    kennis(&[&[command, "--root", root][..], args].concat())
}

#[test]
fn views_after_now_count_nowhere_and_the_logs_newest_month_is_now_by_default() {
    // Without history "now" would be 2024-10-05 (W1); the log goes on into November.
    let site = SiteTest::copy("insights");
    let view = |day: &str| {
        format!(
            "10.0.0.1 - - [{day}:10:00:00 +0000] \"GET /posts/pipelines/ HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"\n"
        )
    };
    site.write("logs/access.log", view("01/Oct/2024") + &view("12/Nov/2024"));
    let log = site.root().join("logs/access.log");
    let log = ["--access-log", log.to_str().unwrap()];
    let pipelines = |views: u64| json!([{ "title": "Pipelines", "url": "/posts/pipelines/", "date": "2024-01-15", "views": views }]);
    // `--as-of` limits the logs too: November's view is in no figure.
    let figures = insights_json(site.root(), &[&log[..], &["--as-of", "2024-10-31"]].concat());
    assert_eq!(figures["as_of"], json!("2024-10-31"));
    let views = figures["page_views_by_month"].as_object().unwrap();
    assert_eq!((views.len(), &views["2024-10"]), (10, &json!(1)));
    assert_eq!(figures["top_pages"], pipelines(1));
    // By default "now" is the last day of the log's newest month, so its traffic shows.
    let figures = insights_json(site.root(), &log);
    assert_eq!(figures["as_of"], json!("2024-11-30"));
    let views = figures["page_views_by_month"].as_object().unwrap();
    assert_eq!((views.len(), &views["2024-10"], &views["2024-11"]), (11, &json!(1), &json!(1)));
    assert_eq!(figures["top_pages"], pipelines(2));
}

#[test]
fn a_new_bundle_with_an_image_is_one_creation_and_a_later_image_change_an_edit() {
    let site = SiteTest::empty();
    let root = site.root();
    site.write("site.yaml", "title: Bundles\n");
    site.write("authors/an-peeters.yaml", "name: An Peeters\nemail: an@old.example.org\n");
    site.write(
        "content/posts/b/index.md",
        "---\ntitle: B\nauthors: [an-peeters]\ndate: 2024-01-10\n---\n\nB.\n",
    );
    site.write("content/posts/b/pic.png", b"\x89PNG first");
    git(root, AN_OLD, "2024-01-10T10:00:00+00:00", &["init", "-q", "-b", "main"]);
    commit(root, AN_OLD, "2024-01-10T10:00:00+00:00", &["."], "add");
    site.write("content/posts/b/pic.png", b"\x89PNG second");
    commit(root, AN_OLD, "2024-02-10T10:00:00+00:00", &["content/posts/b/pic.png"], "new picture");
    let figures = insights_json(root, &[]);
    assert_eq!(figures["contributions_by_month"], json!({ "2024-01": 1, "2024-02": 1 }));
}

#[test]
fn front_matter_dates_with_an_offset_fall_on_the_days_of_the_sites_time_zone() {
    // 23:30 in New York on 31 January is 05:30 on 1 February in Brussels: the question is
    // asked in February and answered the same day.
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Zones\ntimezone: Europe/Brussels\n");
    site.write("authors/an-peeters.yaml", "name: An Peeters\nemail: an@old.example.org\n");
    site.write("authors/bram-maes.yaml", "name: Bram Maes\nemail: bram@example.org\n");
    site.write(
        "content/questions/q/index.md",
        "---\ntitle: Q\nauthors: [an-peeters]\ndate: 2024-01-31T23:30:00-05:00\ntags: [sql]\n---\n\nWhy?\n",
    );
    site.write(
        "content/questions/q/answers/bram.md",
        "---\nauthors: [bram-maes]\ndate: 2024-02-01\n---\n\nBecause.\n",
    );
    let figures = insights_json(site.root(), &[]);
    assert_eq!(figures["contributions_by_month"], json!({ "2024-02": 2 }));
    assert_eq!(figures["topics_by_month"], json!({ "sql": { "2024-02": 1 } }));
    let demand = &figures["knowledge_demand"];
    assert_eq!(demand["asked_by_month"], json!({ "2024-02": 1 }));
    assert_eq!(demand["median_days_to_first_answer"], json!(0.0));
}

#[test]
fn with_nothing_dated_the_figures_have_no_day_not_todays() {
    let site = SiteTest::empty();
    site.write("site.yaml", "title: Empty\n");
    std::fs::create_dir_all(site.root().join("content")).unwrap();
    let figures = insights_json(site.root(), &[]);
    assert_eq!(figures["as_of"], Value::Null);
    let built = site.build();
    assert_eq!(
        serde_json::from_str::<Value>(&built.file("insights/insights.json").text).expect("JSON")["as_of"],
        Value::Null
    );
    let main = built.page("insights/").main();
    main.lacks("up to");
    main.contains("class=\"empty-state\"");
}

#[test]
fn a_missing_access_log_in_site_yaml_is_a_warning_but_one_asked_for_is_an_error() {
    let site = SiteTest::copy("insights");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", format!("{yaml}insights:\n  access_logs: [/nonexistent/kb.log]\n"));
    let warning = "warning: cannot read the access log `/nonexistent/kb.log`: No such file or directory \
                   (os error 2); the insights are made without page views and searches\n  \
                   = help: site.yaml names it under `insights: { access_logs }`\n";
    let output = site.root().join("public");
    let ran = kennis_at("build", site.root(), &["--output", output.to_str().unwrap()]);
    ran.exits_with(0);
    assert!(ran.stderr().contains(warning), "{}", ran.stderr());
    assert!(output.join("insights/index.html").is_file());
    // Checking makes no insights, so it reads no logs.
    let ran = kennis_at("check", site.root(), &[]);
    ran.exits_with(0);
    assert!(!ran.stderr().contains("access log"), "{}", ran.stderr());
    let ran = kennis_at("insights", site.root(), &["--format", "json"]);
    ran.exits_with(0);
    assert!(ran.stderr().starts_with(warning), "{}", ran.stderr());
    let figures: Value = serde_json::from_str(&ran.stdout()).expect("JSON");
    assert_eq!(figures.get("page_views_by_month"), None);
    // A log named on the command line must be there.
    let ran = kennis_at("insights", site.root(), &["--access-log", "/nonexistent/asked.log"]);
    ran.exits_with(2);
    assert_eq!(ran.stdout(), "");
    assert!(ran.stderr().starts_with("error: cannot read `/nonexistent/asked.log`"), "{}", ran.stderr());
}

#[test]
fn a_git_name_that_is_also_an_author_id_gets_its_own_key_in_people() {
    // Git's "an" with an address the registry does not know is not the author `an`.
    let site = SiteTest::empty();
    let root = site.root();
    site.write("site.yaml", "title: Keys\n");
    site.write("authors/an.yaml", "name: An Peeters\nemail: an@old.example.org\n");
    site.write("content/posts/a.md", "---\ntitle: A\nauthors: [an]\ndate: 2024-01-10\n---\n\nA.\n");
    git(root, AN_OLD, "2024-01-10T10:00:00+00:00", &["init", "-q", "-b", "main"]);
    commit(root, AN_OLD, "2024-01-10T10:00:00+00:00", &["."], "add");
    append(root, "content/posts/a.md", "\nMore.\n");
    commit(root, ("an", "an@laptop.example"), "2024-02-10T10:00:00+00:00", &["content/posts/a.md"], "edit");
    let figures = insights_json(root, &[]);
    let people = &figures["people"];
    assert_eq!(people.as_object().unwrap().keys().collect::<Vec<_>>(), ["an", "an (not in authors/)"]);
    assert_eq!(people["an"]["contributions_by_month"], json!({ "2024-01": 1, "2024-02": 0 }));
    assert_eq!(
        people["an (not in authors/)"]["contributions_by_month"],
        json!({ "2024-01": 0, "2024-02": 1 })
    );
    // The same keys in the CSV tables.
    let ran = kennis_at("insights", root, &["--format", "csv", "--table", "people"]);
    ran.exits_with(0);
    assert_eq!(
        ran.stdout(),
        "person,contributions,active_months,helped\r\nan,1,1,0\r\nan (not in authors/),1,1,0\r\n"
    );
}

#[test]
fn serve_keeps_a_site_whose_access_log_is_missing_and_says_so() {
    // `kennis serve` keeps the site in memory through the same stages as a build.
    let site = SiteTest::copy("insights");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", format!("{yaml}insights:\n  access_logs: [/nonexistent/kb.log]\n"));
    let config = kennis::config::Config::load(site.root(), &Default::default()).expect("site.yaml");
    let kept = kennis::pipeline::keep_site_in_memory(config, false).expect("the site is kept");
    let said: Vec<String> = kept.built.diagnostics().iter().map(|d| d.to_string()).collect();
    assert!(
        said.iter().any(|d| d.starts_with("warning: cannot read the access log `/nonexistent/kb.log`: ")),
        "{said:?}"
    );
    assert!(kept.built.render_input().access.is_none());
}
