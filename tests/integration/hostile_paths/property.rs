//! Property: however `--output` is spelled (`..`, `.`, links, missing folders, absolute or
//! relative), every sentinel file around the site survives the build with its bytes.

use proptest::prelude::*;
use proptest::test_runner::Config;

use super::bench::Bench;

/// Names a spelling is made of: `..` and `.`, the site's folders, a foreign folder, links
/// into the site and above, folders that do not exist, and `www`, which has a stray spare.
const PARTS: [&str; 16] = [
    "..",
    ".",
    "site",
    "content",
    "static",
    "templates",
    "authors",
    "foreign",
    "nosuch",
    "www",
    "public",
    "to-site",
    "to-content",
    "to-static",
    "to-parent",
    "out",
];

/// How a spelling starts: relative to the current folder, `./`, the workbench's absolute
/// path, or the absolute path of a link to it.
#[derive(Clone, Copy, Debug)]
enum Start {
    Relative,
    Dot,
    Absolute,
    ThroughLink,
}

fn spelling() -> impl Strategy<Value = (Start, Vec<&'static str>)> {
    let start =
        prop_oneof![Just(Start::Relative), Just(Start::Dot), Just(Start::Absolute), Just(Start::ThroughLink)];
    // At most six parts, as deep as the workbench sits in its temporary folder.
    (start, prop::collection::vec(prop::sample::select(&PARTS[..]), 1..=6))
}

fn spelled(bench: &Bench, (start, parts): &(Start, Vec<&str>)) -> String {
    let joined = parts.join("/");
    match start {
        Start::Relative => joined,
        Start::Dot => format!("./{joined}"),
        Start::Absolute => format!("{}/{joined}", bench.w.display()),
        Start::ThroughLink => format!("{}/{joined}", bench.w.with_file_name("w-link").display()),
    }
}

/// Builds with the spelling and checks what must hold whatever kennis decided.
fn build_and_check(bench: &Bench, output: &str) {
    let ran = bench.kennis(&["build", "--root", "site", "--output", output]);
    let stderr = ran.stderr();
    match ran.code() {
        0 => {
            let built = stderr.lines().last().unwrap_or_default();
            let top = format!(" into `{}/", bench.top.display());
            assert!(built.contains(&top), "`{output}` was built outside the workbench: {stderr}");
        }
        2 => assert!(
            stderr.starts_with("error: refusing to "),
            "`{output}` failed without a refusal: {stderr}"
        ),
        other => panic!("`{output}` exited with {other}: {stderr}"),
    }
    bench.assert_intact(output);
}

proptest! {
    #![proptest_config(Config { cases: 48, failure_persistence: None, ..Config::default() })]

    #[test]
    fn every_sentinel_survives_any_output_spelling(first in spelling(), second in spelling()) {
        let bench = Bench::new();
        bench.write(".www.kennis-old/keep.txt", "a stray folder that only looks like kennis's\n");
        let bench = bench.record_sentinels();
        // A folder an earlier build made: kennis may replace it, so it holds no sentinel.
        bench.write("out/.kennis-output", "");
        bench.write("out/old.html", "an earlier build\n");
        for spelling in [&first, &second] {
            build_and_check(&bench, &spelled(&bench, spelling));
        }
    }
}
