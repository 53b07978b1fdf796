//! Times `kennis serve`'s engine from a saved file to published files:
//! `cargo run --release --example serve_latency -- SITE_ROOT PAGE [RUNS] [body|tag|new] [--verbose] [--verify]`.
//!
//! Starts the engine on SITE_ROOT (into memory, as `kennis serve` does), marks PAGE (a path
//! below the content folder, such as `posts/a.md`) as open in a browser, then RUNS times
//! changes it and hands the path to `Engine::take_in`, as the watcher would:
//! - `body` appends a line to its body (one page's text changes);
//! - `tag` gives it a new tag each run (its tag pages, lists and cards change);
//! - `new` adds a page beside it (a new page in a big section), removed after the run; the
//!   open page is then the folder's list (`posts/index.html`), where the new page appears.
//!
//! For each run it prints the time from the file written to the open page published (seen
//! by a thread waiting for news, as a browser's long poll does) and to the last publish
//! (`take_in` returning), then the medians, for BENCHMARKS.md. The page is restored at the
//! end. `--verbose` prints each step's time; `--verify` compares what is published at the end
//! with a clean `kennis build --drafts` of the site, file for file.

use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use kennis::paths::OutputPath;
use kennis::serve::LiveSite;
use kennis::serve::engine::{Engine, EngineOptions};

// As the `kennis` binary does (src/main.rs): the figures are those of `kennis serve`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--verbose") {
        enable_log();
    }
    let verify = args.iter().any(|a| a == "--verify");
    let args: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let (Some(root), Some(page)) = (args.first().map(PathBuf::from), args.get(1).map(|s| s.as_str())) else {
        eprintln!("usage: serve_latency SITE_ROOT PAGE [RUNS] [body|tag|new] [--verbose] [--verify]");
        std::process::exit(2);
    };
    let runs: usize = args.get(2).and_then(|runs| runs.parse().ok()).unwrap_or(5);
    let mode = args.get(3).map_or("body", |mode| mode.as_str());
    let site = Arc::new(LiveSite::new());
    let started = Instant::now();
    let options = EngineOptions { root: root.clone(), drafts: true };
    let mut engine = Engine::start(&options, Arc::clone(&site)).unwrap_or_else(|error| {
        eprintln!("{}", kennis::commands::describe_error(&error));
        std::process::exit(1);
    });
    println!("started: {} files published in {:.3}s", site.files().len(), started.elapsed().as_secs_f64());
    let file = engine.config().content_dir().join(page);
    let original = std::fs::read_to_string(&file).expect("PAGE is a page of the site");
    // A new page shows in its folder's list, which is what a writer adding one looks at.
    let shown = match mode {
        "new" => format!("{}/index.html", page.rsplit_once('/').map_or("", |(folder, _)| folder)),
        _ => format!("{}/index.html", page.trim_end_matches(".md")),
    };
    let shown = OutputPath::new(shown.trim_start_matches('/')).expect("a path");
    assert!(site.read(&shown).is_some(), "`{}` is published", shown.as_str());
    let _open = site.page_opened(shown.clone());
    let (mut first, mut last) = (Vec::new(), Vec::new());
    for run in 1..=runs {
        let watching = watch_for(&site, &shown);
        let written = Instant::now();
        let changed = change(mode, run, &file, &original);
        let taken = engine.take_in(&changed).expect("takes the change in");
        let done = written.elapsed();
        let seen =
            watching.recv_timeout(Duration::from_millis(200)).ok().map(|at| at.duration_since(written));
        println!(
            "run {run}: open page published after {}, last publish after {:.1} ms ({taken:?})",
            seen.map_or("never".to_owned(), |s| format!("{:.1} ms", s.as_secs_f64() * 1000.0)),
            done.as_secs_f64() * 1000.0
        );
        first.extend(seen);
        last.push(done);
        if mode == "new" {
            std::fs::remove_file(&changed[0]).expect("added page removed");
            engine.take_in(&changed).expect("takes the removal in");
        }
    }
    std::fs::write(&file, &original).expect("page restored");
    engine.take_in(std::slice::from_ref(&file)).expect("takes the restored page in");
    println!("median: open page {:.1} ms, last publish {:.1} ms", median(&mut first), median(&mut last));
    if verify {
        println!("{}", compare_with_clean_build(&root, site.files()));
    }
}

/// Whether `shown` holds exactly the files a clean `kennis build --drafts` of the site writes.
fn compare_with_clean_build(root: &std::path::Path, shown: &kennis::output::MemorySink) -> String {
    let clean = kennis::output::MemorySink::new();
    let options =
        kennis::BuildOptions { root: root.to_path_buf(), include_drafts: true, ..Default::default() };
    kennis::pipeline::build_into(&options, &clean).expect("a clean build");
    match clean.differing_paths(shown).as_slice() {
        [] => "what serve shows is what a clean build writes".to_owned(),
        some => format!(
            "{} files differ from a clean build, the first {:?}",
            some.len(),
            &some[..some.len().min(5)]
        ),
    }
}

/// Makes the change of `mode` and returns the paths that changed.
fn change(mode: &str, run: usize, file: &std::path::Path, original: &str) -> Vec<PathBuf> {
    match mode {
        "tag" => {
            let text = original.replacen("tags: [", &format!("tags: [timing-tag-{run}, "), 1);
            assert_ne!(text, original, "PAGE has `tags: [` in its front matter");
            std::fs::write(file, text).expect("page written");
            vec![file.to_path_buf()]
        }
        "new" => {
            let added = file.with_file_name(format!("serve-latency-{run}.md"));
            let text =
                format!("---\ntitle: Added {run}\ndate: 2030-01-0{}\n---\n\nA new page.\n", run % 9 + 1);
            std::fs::write(&added, text).expect("page added");
            vec![added]
        }
        _ => {
            std::fs::write(file, format!("{original}\nEdit number {run}.\n")).expect("page written");
            vec![file.to_path_buf()]
        }
    }
}

/// A thread that waits, as a browser's long poll does, for the next version that changes
/// `shown`, and sends the instant it saw it.
fn watch_for(site: &Arc<LiveSite>, shown: &OutputPath) -> mpsc::Receiver<Instant> {
    let (sender, receiver) = mpsc::channel();
    let (site, shown) = (Arc::clone(site), shown.as_str().to_owned());
    let mut seen = site.version();
    std::thread::spawn(move || {
        let until = Instant::now() + Duration::from_secs(30);
        while Instant::now() < until {
            let news = site.news_since(seen, Duration::from_secs(1));
            if news.changed.is_some_and(|changed| changed.contains(&shown)) {
                let _ = sender.send(Instant::now());
                return;
            }
            seen = news.version;
        }
    });
    receiver
}

fn median(times: &mut [Duration]) -> f64 {
    times.sort();
    times.get(times.len() / 2).map_or(f64::NAN, |t| t.as_secs_f64() * 1000.0)
}

fn enable_log() {
    struct StderrLog(Instant);
    impl log::Log for StderrLog {
        fn enabled(&self, _: &log::Metadata) -> bool {
            true
        }
        fn log(&self, record: &log::Record) {
            if record.target().starts_with("kennis") {
                eprintln!("[{:8.1} ms] {}", self.0.elapsed().as_secs_f64() * 1000.0, record.args());
            }
        }
        fn flush(&self) {}
    }
    let logger = Box::leak(Box::new(StderrLog(Instant::now())));
    if log::set_logger(logger).is_ok() {
        log::set_max_level(log::LevelFilter::Debug);
    }
}
