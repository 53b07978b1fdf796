//! Times a kept site taking in one edit: `cargo run --release --example kept_update -- SITE_ROOT PAGE [RUNS]`.
//!
//! Builds the site as `kennis serve` will (into a temporary folder, keeping its sources),
//! then RUNS times appends a line to PAGE (a path below the content folder, such as
//! `posts/a.md`), takes the change in with `KeptSite::reread`, and renders the outputs it
//! affects into memory. Prints how long each step took and how many outputs were
//! affected, for BENCHMARKS.md. The page is restored at the end.

use std::path::PathBuf;
use std::time::Instant;

use kennis::output::MemorySink;
use kennis::paths::ContentPath;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(root), Some(page)) = (args.next().map(PathBuf::from), args.next()) else {
        eprintln!("usage: kept_update SITE_ROOT PAGE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|runs| runs.parse().ok()).unwrap_or(5);
    let verify = args.next().as_deref() == Some("--verify");
    let output = tempfile::tempdir().expect("a temporary folder");
    let options = kennis::BuildOptions {
        root: root.clone(),
        output: Some(output.path().join("public")),
        ..Default::default()
    };
    let started = Instant::now();
    let (mut kept, report) = kennis::build_kept_site(&options).unwrap_or_else(|error| {
        eprintln!("{}", kennis::commands::describe_error(&error));
        std::process::exit(1);
    });
    println!("built {} pages, kept, in {:.3}s", report.pages, started.elapsed().as_secs_f64());
    let file = kept.built.config.content_dir().join(&page);
    let original = std::fs::read_to_string(&file).expect("PAGE is a page of the site");
    let path = ContentPath::from_components(page.split('/'));
    let shown = MemorySink::new();
    if verify {
        kept.built.render_all(&shown).expect("renders");
    }
    for run in 1..=runs {
        std::fs::write(&file, format!("{original}\nEdit number {run}.\n")).expect("page written");
        let started = Instant::now();
        let update = kept.reread(std::slice::from_ref(&path)).expect("takes the edit");
        let taken = started.elapsed().as_secs_f64();
        let sink = MemorySink::new();
        kept.built.render_only(&update.affected.render, &sink).expect("renders");
        let rendered = started.elapsed().as_secs_f64() - taken;
        if verify {
            shown.replace_from(sink);
            update.affected.remove.iter().for_each(|path| _ = shown.remove(path));
            println!("run {run}: {}", compare_with_clean_build(&options, &shown));
        }
        println!(
            "run {run}: took the edit in {taken:.3}s ({} bodies rendered), rendered {} affected outputs in {rendered:.3}s",
            update.bodies_rendered.len(),
            update.affected.render.len()
        );
    }
    std::fs::write(&file, original).expect("page restored");
}

/// Whether `shown` holds exactly the files a clean build of the site writes.
fn compare_with_clean_build(options: &kennis::BuildOptions, shown: &MemorySink) -> String {
    let clean = MemorySink::new();
    kennis::pipeline::build_into(options, &clean).expect("a clean build");
    match clean.differing_paths(shown).as_slice() {
        [] => "what the kept site shows is what a clean build writes".to_owned(),
        some => format!(
            "{} files differ from a clean build, the first {:?}",
            some.len(),
            &some[..some.len().min(5)]
        ),
    }
}
