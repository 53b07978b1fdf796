//! Times the git step alone: `cargo run --release --example read_history -- SITE_ROOT [RUNS]`.
//!
//! Reads the history of the site's `content` folder the way a build does and prints how long each
//! run took, how many files got a history and how many commit events and file changes it holds,
//! for BENCHMARKS.md. With `--events` instead of RUNS it prints the events once, as
//! `git log --no-merges --format='commit %H' --name-status -- content` does (without rename
//! scores), to compare the two.

use std::path::PathBuf;
use std::time::Instant;

use kennis::git::{ChangeKind, GitHistory};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: read_history SITE_ROOT [RUNS | --events]");
        std::process::exit(2);
    };
    let what = args.next();
    if what.as_deref() == Some("--events") {
        print_events(&read(&root));
        return;
    }
    let runs: usize = what.and_then(|runs| runs.parse().ok()).unwrap_or(5);
    for run in 1..=runs {
        let started = Instant::now();
        let history = read(&root);
        let seconds = started.elapsed().as_secs_f64();
        let changes: usize = history.events().map(|event| event.changes().len()).sum();
        let (files, events) = (history.len(), history.events().len());
        println!("run {run}: {seconds:.3} s, {files} files, {events} events, {changes} changes");
    }
}

fn read(root: &std::path::Path) -> GitHistory {
    kennis::git::read_history(root, "content").unwrap_or_else(|error| {
        eprintln!("no history: {error}");
        std::process::exit(1);
    })
}

fn print_events(history: &GitHistory) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for event in history.events() {
        let _ = writeln!(out, "commit {}", event.id());
        for change in event.changes() {
            let _ = match (change.kind, change.from) {
                (ChangeKind::Added, _) => writeln!(out, "A\t{}", change.path),
                (ChangeKind::Changed, _) => writeln!(out, "M\t{}", change.path),
                (ChangeKind::Deleted, _) => writeln!(out, "D\t{}", change.path),
                (ChangeKind::Renamed, from) => writeln!(out, "R\t{}\t{}", from.unwrap_or("?"), change.path),
            };
        }
    }
}
