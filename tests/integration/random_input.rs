//! Random YAML- and Markdown-shaped input through every parser entry point (front matter,
//! page bodies, `site.yaml`, `authors/*.yaml`): nothing panics, nothing hangs, and every
//! problem points at a line and column inside the input. The fuzz targets in `fuzz/` go
//! deeper; this keeps the same promises in the normal suite, on stable, in seconds.

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use kennis::config::{Config, ConfigOverrides};
use kennis::fuzzing::{
    link_ranges_outside, live_script_urls, position_outside, read_author, read_front_matter, render_body,
    repeated_heading_id,
};
use kennis::{Diagnostic, Error};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config as ProptestConfig;

/// Generous: every input here parses in milliseconds, so only a hang gets near it.
const WATCHDOG: Duration = Duration::from_secs(10);

/// Runs `check` on `input` in a thread of its own and fails if it has not finished within
/// `limit`: a hang detector, not a timing test. A panic in `check` is passed on.
fn under_watchdog(input: &str, limit: Duration, check: fn(&str)) {
    let (done, finished) = mpsc::channel();
    let owned = input.to_owned();
    // The stack kennis gives the threads that read pages, not the 2 MiB of a plain thread.
    let worker = thread::Builder::new()
        .stack_size(kennis::pipeline::WORKER_STACK_BYTES)
        .spawn(move || {
            check(&owned);
            let _ = done.send(());
        })
        .expect("a thread for the input");
    match finished.recv_timeout(limit) {
        Ok(()) | Err(RecvTimeoutError::Disconnected) => {
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
        // The thread cannot be stopped; it is left behind, and the test fails.
        Err(RecvTimeoutError::Timeout) => {
            panic!("not finished after {limit:?}, so it hangs, on input {input:?}")
        }
    }
}

fn assert_inside(text: &str, problem: &Diagnostic) {
    if let Some(why) = position_outside(text, problem.line, problem.column) {
        panic!("problem `{}` points at a place not in the input ({why}); input: {text:?}", problem.message);
    }
}

fn check_front_matter(file_text: &str) {
    read_front_matter(file_text).iter().for_each(|problem| assert_inside(file_text, problem));
}

fn check_body(body: &str) {
    let rendered = render_body(body);
    if let Some(why) = link_ranges_outside(body, &rendered) {
        panic!("{why}; input: {body:?}");
    }
    if let Some(id) = repeated_heading_id(&rendered) {
        panic!("heading id `{id}` given twice; input: {body:?}");
    }
    // Raw HTML is the writer's own; without it, nothing in the page may run code. The
    // only raw HTML these inputs hold that can carry a URL is a literal `<a href=…>` (the
    // random text is too short to spell one), so autolinks and `<br>` are still checked.
    if !body.contains("<a href") {
        let live = live_script_urls(&rendered.html);
        assert!(live.is_empty(), "live script URLs {live:?}; input: {body:?}");
    }
}

fn check_author(text: &str) {
    if let Err(problem) = read_author(text) {
        assert_inside(text, &problem);
    }
}

/// `site.yaml` is read from a site folder, as a build reads it; each test thread has its own.
fn check_site_yaml(text: &str) {
    let folder = tempfile::tempdir().expect("a temporary site folder");
    std::fs::write(folder.path().join("site.yaml"), text).expect("write site.yaml");
    match Config::load(folder.path(), &ConfigOverrides::default()) {
        Ok(config) => config.warnings().iter().for_each(|warning| assert_inside(text, warning)),
        Err(Error::Content(problems)) => problems.iter().for_each(|problem| assert_inside(text, problem)),
        Err(other) => panic!("`site.yaml` refused without a position: {other}; input: {text:?}"),
    }
}

fn pick(options: &'static [&'static str]) -> impl Strategy<Value = String> + Clone {
    select(options).prop_map(str::to_owned)
}

/// Keys of front matter, `site.yaml` and author files, typos, and keys YAML reads specially.
const KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "tags",
    "authors",
    "author",
    "community",
    "slug",
    "aliases",
    "draft",
    "weight",
    "summary",
    "lang",
    "kind",
    "accepted",
    "lead",
    "team",
    "extra",
    "tittle",
    "name",
    "email",
    "emails",
    "role",
    "bio",
    "base_url",
    "language",
    "paginate",
    "links",
    "broken",
    "content_dir",
    "git",
    "shallow_warning",
    "taxonomies",
    "repo_url",
    "edit_url",
    "? x",
    "\"quoted key\"",
    "&k key",
    "*k",
    "!!str tagged",
    "日本語",
    "",
];

/// Scalars YAML 1.1 and 1.2 read differently, broken quoting and flow, anchors, tags, odd characters.
const SCALARS: &[&str] = &[
    "hello",
    "no",
    "yes",
    "on",
    "0x10",
    "1.0",
    "1e3",
    "-7",
    "~",
    "null",
    "2025-03-14",
    "2025-03-14T09:30:00+01:00",
    "\"a \\\"quoted\\\" \\u00e9\"",
    "'it''s'",
    "\"unterminated",
    "'also",
    "[a, b]",
    "[a, b",
    "{a: 1}",
    "{a: [1, {b: c}]}",
    "[[[[",
    "]]",
    "&anchor value",
    "*anchor",
    "*nowhere",
    "!!binary aGVsbG8=",
    "!custom x",
    "|",
    "|-\n  block\n  text",
    ">\n folded",
    "- item",
    "a: b: c",
    "#comment",
    "%YAML 1.2",
    "---",
    "...",
    "`backtick`",
    "@at",
    "héllo wörld",
    "😀",
    "\u{feff}",
    "\t",
    "\u{0}",
    "\u{85}",
    "https://x.example.org/kennis/",
    "../escape",
    ".",
    "warn",
    "nl",
    "true",
    "12345678901234567890123",
    "\\",
    ":",
];

fn yaml_line() -> impl Strategy<Value = String> {
    let indent = pick(&["", "", "  ", "    ", "\t", " \t"]);
    let key = pick(KEYS);
    let scalar =
        prop_oneof![4 => pick(SCALARS), 1 => "\\PC{0,8}", 1 => "[ -~\t:\\[\\]{}&*!|>'\"#%@`,?-]{0,12}"];
    let body = prop_oneof![
        (key.clone(), pick(&[": ", ":", ":\t", " : "]), scalar.clone())
            .prop_map(|(k, c, v)| format!("{k}{c}{v}")),
        scalar.clone().prop_map(|v| format!("- {v}")),
        key.prop_map(|k| format!("{k}:")),
        scalar,
    ];
    let ending = pick(&["\n", "\n", "\n", "\r\n", "\r", ""]);
    (indent, body, ending).prop_map(|(indent, body, ending)| format!("{indent}{body}{ending}"))
}

/// A few YAML lines, or now and then a shape that once cost time or memory: aliases of
/// aliases (kept well under the parser's budget: 60,000 nodes already take half a second in a debug build), deep nesting.
fn yaml_document() -> impl Strategy<Value = String> {
    let bomb = (2usize..5).prop_map(|levels| {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for level in 1..levels {
            let previous = format!("*a{}", level - 1);
            text.push_str(&format!("a{level}: &a{level} [{}]\n", vec![previous; 9].join(", ")));
        }
        text
    });
    let nesting = (1usize..3000, pick(&["[", "{", "- ", "a: "])).prop_map(|(depth, open)| open.repeat(depth));
    prop_oneof![28 => prop::collection::vec(yaml_line(), 0..10).prop_map(|lines| lines.concat()), 1 => bomb, 1 => nesting]
}

const DESTINATIONS: &[&str] = &[
    "setup.md",
    "../wiki/setup.md#install",
    "guide.md#",
    "missing.md",
    "img.png",
    "javascript:alert(1)",
    "JAVA&#9;SCRIPT:x",
    "&#1;javascript:x",
    "vbscript:x",
    "data:image/png;base64,AA",
    "data:image/svg+xml,x",
    "data:text/html,x",
    "https://example.org/a b",
    "mailto:a@b.nl",
    "",
    "#anchor",
    "%2e%2e/x.md",
    "/static/a.pdf",
    "<a b.md>",
    "a\\)b.md",
    "日本.md",
    "?#",
    "//host",
    "x:y",
];

fn inline() -> impl Strategy<Value = String> {
    let text = prop_oneof![
        pick(&["word", "héllo", "日本語", "😀", "a_b", "**", "`", "\\", "&amp;", "&#106;"]),
        "\\PC{0,6}"
    ];
    let dest = pick(DESTINATIONS);
    prop_oneof![
        2 => text.clone(),
        1 => (text.clone(), dest.clone(), pick(&["", " \"title\"", " 'x'", " (t)"]))
            .prop_map(|(t, d, title)| format!("[{t}]({d}{title})")),
        1 => (text.clone(), dest.clone()).prop_map(|(t, d)| format!("![{t}]({d})")),
        1 => dest.clone().prop_map(|d| format!("<{d}>")),
        1 => (text.clone(), pick(&["", "|", "|text", "#heading"])).prop_map(|(t, rest)| format!("[[{t}{rest}]]")),
        1 => text.clone().prop_map(|t| format!("![[{t}.png]]")),
        1 => text.clone().prop_map(|t| format!("[{t}][r]")),
        1 => pick(&["[^1]", "[^note]", "*em*", "**strong**", "~~gone~~", "`code`", "[[[[", "]]]]", "(((", "![", "[x]", "<br>"]),
    ]
}

fn markdown_block() -> impl Strategy<Value = String> {
    let line = prop::collection::vec(inline(), 1..6).prop_map(|parts| parts.join(" ")).boxed();
    prop_oneof![
        3 => line.clone(),
        1 => (1usize..7, line.clone(), pick(&["", " {#custom}", " {#custom .wide}", " {.x}", " {#}"]))
            .prop_map(|(level, text, attrs)| format!("{} {text}{attrs}", "#".repeat(level))),
        1 => (pick(&["- ", "1. ", "- [ ] ", "> ", "> [!NOTE]\n> ", "    "]), line.clone()).prop_map(|(m, t)| format!("{m}{t}")),
        1 => (pick(&["rust", "yaml", "", "nosuchlang", "{.x}"]), line.clone()).prop_map(|(lang, code)| format!("```{lang}\n{code}\n```")),
        1 => (pick(DESTINATIONS), pick(&["", " \"t\""])).prop_map(|(d, t)| format!("[r]: {d}{t}")),
        1 => line.prop_map(|t| format!("[^1]: {t}")),
        1 => pick(&["| a | b |\n|---|---|\n| c | d |", "<div>", "<!-- more -->", "---", "===", "<a href=\"javascript:x\">raw</a>"]),
    ]
}

fn markdown_body() -> impl Strategy<Value = String> {
    let separator = pick(&["\n\n", "\n", "\r\n\r\n", "\r"]);
    prop::collection::vec((markdown_block(), separator), 0..8)
        .prop_map(|blocks| blocks.into_iter().map(|(block, separator)| block + &separator).collect())
}

fn front_matter_file() -> impl Strategy<Value = String> {
    let opening = pick(&["---\n", "---\n", "---\r\n", "---", "\u{feff}---\n", "", "--- \n"]);
    let closing = pick(&["---\n", "---\n", "...\n", "---", "", "---\r\n"]);
    (opening, yaml_document(), closing, markdown_body())
        .prop_map(|(open, yaml, close, body)| format!("{open}{yaml}{close}{body}"))
}

fn cases(count: u32) -> ProptestConfig {
    // Failures are printed with their input; no files are written into the repository.
    ProptestConfig { cases: count, failure_persistence: None, ..ProptestConfig::default() }
}

// About 2,800 inputs in all, a few seconds in a debug build; `fuzz/` runs millions.
proptest! {
    #![proptest_config(cases(600))]

    #[test]
    fn front_matter_never_panics_hangs_or_misplaces_a_problem(file in front_matter_file()) {
        under_watchdog(&file, WATCHDOG, check_front_matter);
    }

    #[test]
    fn bodies_never_panic_hang_or_misplace_a_link(body in markdown_body()) {
        under_watchdog(&body, WATCHDOG, check_body);
    }

    #[test]
    fn site_yaml_never_panics_hangs_or_misplaces_a_problem(text in yaml_document()) {
        under_watchdog(&text, WATCHDOG, check_site_yaml);
    }
}

proptest! {
    #![proptest_config(cases(1000))]

    #[test]
    fn authors_never_panic_hang_or_misplace_a_problem(text in yaml_document()) {
        under_watchdog(&text, WATCHDOG, check_author);
    }
}

#[test]
#[should_panic(expected = "so it hangs")]
fn the_watchdog_catches_an_input_that_does_not_finish() {
    under_watchdog("", Duration::from_millis(50), |_| thread::sleep(Duration::from_secs(2)));
}

#[test]
#[should_panic(expected = "points at a place not in the input")]
fn a_problem_outside_the_input_fails() {
    assert_inside("one line", &Diagnostic::error("site.yaml", 2, 1, "somewhere else"));
}

#[test]
fn the_site_yaml_check_reads_the_real_file() {
    // Guards the check itself: a typo'd field must come back as a positioned problem.
    let folder = tempfile::tempdir().expect("a temporary site folder");
    std::fs::write(folder.path().join("site.yaml"), "title: A\ntittle: B\n").expect("write site.yaml");
    let Err(Error::Content(problems)) = Config::load(folder.path(), &ConfigOverrides::default()) else {
        panic!("an unknown field must be a content error");
    };
    let problem = problems.iter().next().expect("one problem");
    assert_eq!((problem.line, problem.column), (2, 1), "{problem}");
    assert!(Path::new(&problem.file).ends_with("site.yaml"));
}
