//! Times the git step alone: `cargo run --release --example read_history -- SITE_ROOT [RUNS]`.
//!
//! Reads the history of the site's `content` folder the way a build does and prints how long each
//! run took, how many files got a history and how many commit events and file changes it holds,
//! for BENCHMARKS.md.

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: read_history SITE_ROOT [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|runs| runs.parse().ok()).unwrap_or(5);
    for run in 1..=runs {
        let started = Instant::now();
        match kennis::git::read_history(&root, "content") {
            Ok(history) => {
                let seconds = started.elapsed().as_secs_f64();
                let changes: usize = history.events().map(|event| event.changes().len()).sum();
                let (files, events) = (history.len(), history.events().len());
                println!("run {run}: {seconds:.3} s, {files} files, {events} events, {changes} changes")
            }
            Err(error) => {
                eprintln!("no history: {error}");
                std::process::exit(1);
            }
        }
    }
}
