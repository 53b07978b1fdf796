//! Times reading access logs for the insights:
//! `cargo run --release --example access_log_bench -- [--base /kb/] [--zone Europe/Amsterdam] [--runs 5] FILE...`
//!
//! Logs from `bench/gen_access_log.py`. Each run reads every file as a build does
//! (`kennis::insights::read_access_logs`) and prints its wall time and lines per second;
//! the figures of the last run are summed up after, to see that the log was understood.

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut base = String::from("/");
    let mut zone = String::from("Europe/Amsterdam");
    let mut runs = 5;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--base" => base = args.next().unwrap_or_else(|| usage()),
            "--zone" => zone = args.next().unwrap_or_else(|| usage()),
            "--runs" => runs = args.next().and_then(|runs| runs.parse().ok()).unwrap_or_else(|| usage()),
            _ => files.push(PathBuf::from(arg)),
        }
    }
    if files.is_empty() {
        usage();
    }
    let zone = jiff::tz::TimeZone::get(&zone).unwrap_or_else(|error| {
        eprintln!("{error}");
        std::process::exit(2)
    });
    let mut figures = None;
    for run in 1..=runs {
        let started = Instant::now();
        let read = kennis::insights::read_access_logs(&files, &base, &zone).unwrap_or_else(|error| {
            eprintln!(
                "{error}: {}",
                std::error::Error::source(&error).map(ToString::to_string).unwrap_or_default()
            );
            std::process::exit(1)
        });
        let seconds = started.elapsed().as_secs_f64();
        let lines = read.report.lines;
        println!("run {run}: {seconds:.3} s, {lines} lines, {:.2} M lines/s", lines as f64 / seconds / 1e6);
        figures = Some(read);
    }
    let figures = figures.expect("at least one run");
    let views: u64 = figures.page_views.values().flat_map(|pages| pages.values()).sum();
    let pages =
        figures.page_views.values().flat_map(|pages| pages.keys()).collect::<std::collections::BTreeSet<_>>();
    println!("{:?}", figures.report);
    println!("{views} page views of {} pages in {} months", pages.len(), figures.page_views.len());
    let demand = &figures.search_demand;
    let top = |list: &[kennis::insights::QueryCount]| {
        list.iter()
            .take(5)
            .map(|query| format!("{} ({})", query.query, query.count))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!("top queries: {}", top(&demand.top_queries));
    println!("zero results: {}", top(&demand.zero_result_queries));
    println!("unopened: {}", top(&demand.unopened_queries));
    println!("opened from search: {} pages", demand.opened_from_search.len());
}

fn usage() -> ! {
    eprintln!("usage: access_log_bench [--base /kb/] [--zone Europe/Amsterdam] [--runs 5] FILE...");
    std::process::exit(2)
}
