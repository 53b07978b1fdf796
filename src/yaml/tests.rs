//! Tests of YAML reading: spellings kept, positions, and every parser error in kennis's words.

use super::*;

#[test]
fn keys_come_back_in_order_with_positions() {
    let fields =
        parse_mapping("title: Hallo\ntags: [a, b]\ndate: 2025-01-02\nteam:\n  - an\n  - bram\n", 1).unwrap();
    let names: Vec<&str> = fields.iter().map(|(k, _)| k.name.as_str()).collect();
    assert_eq!(names, ["title", "tags", "date", "team"]);
    assert_eq!((fields[1].1.line, fields[1].1.column), (2, 7));
    assert_eq!((fields[3].0.line, fields[3].0.column), (4, 1));
    let items: Vec<(u32, u32)> = fields[1].1.items.iter().map(|i| (i.line, i.column)).collect();
    assert_eq!(items, [(2, 8), (2, 11)]);
    let items: Vec<(u32, u32)> = fields[3].1.items.iter().map(|i| (i.line, i.column)).collect();
    assert_eq!(items, [(5, 5), (6, 5)]);
    assert_eq!(fields[2].1.value, serde_json::json!("2025-01-02"));
}

#[test]
fn a_list_is_not_front_matter() {
    let error = parse_mapping("- a\n- b\n", 2).unwrap_err();
    assert_eq!(error.line, 2);
}

#[test]
fn scratch_show() {
    let cases = [
        "title: no\nslug: 0x10\ntags: [yes, on, 1.0, 2025-01-01, ~, null, Null, '', \"x\"]\nt2: 1.10\nt3: .inf\n",
        "title: A\ntitle: B\n",
        "title: A\n\tdate: x\n",
        "title: A\ntags: [a, b\ndate: 2025-01-01\n",
        "title: \"A\ndate: 2025\n",
        "title: a: b\n",
        "title: A\n  date: x\n",
        "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n",
        "title: A\ntags:\n- a\n - b\n",
        "title: 'x\n",
        "tags: x\n  - a\n",
        "title: !!int 10\nx: &q 1.50\ny: *q\n",
        "title: A\ntags:\n  - a\n - b\n",
        "title: A\n tags: b\n",
        "extra: {a: 1, a: 2}\n",
        "title: *nope\n",
        "title: [a, b]]\n",
        "title: x\n- a\n",
    ];
    for c in cases {
        match parse_mapping(c, 1) {
            Ok(m) => {
                for (k, v) in m {
                    println!("{} {:?} {:?} {}:{}", k.name, v.value, v.written, v.line, v.column);
                }
            }
            Err(e) => println!("ERR {}:{} {}\n   = {}", e.line, e.column, e.message, e.hint),
        }
        println!("---");
    }
}
