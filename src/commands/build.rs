//! `kennis build`: runs the pipeline and prints warnings and a closing line.

use crate::cli::BuildArgs;
use crate::error::Result;
use crate::pipeline::{BuildOptions, build_site_then_exit};

pub fn run(args: BuildArgs) -> Result<()> {
    let options = BuildOptions {
        root: args.root,
        output: args.output,
        include_drafts: args.drafts,
        base_url: args.base_url,
        relative_urls: args.relative_urls,
    };
    // The process ends once the report is printed, and the system takes its memory back at
    // once; freeing the built site (every body, view and index, 300 MB at 10,000 pages) and
    // the templates' values piece by piece would keep one core busy after the work is done.
    let report = build_site_then_exit(&options)?;
    for warning in report.notes.iter().chain(&report.warnings) {
        eprintln!("{warning}");
    }
    eprintln!(
        "built {} into `{}` in {:.2}s{}",
        if report.pages == 1 { "1 page".to_owned() } else { format!("{} pages", report.pages) },
        report.output.display(),
        report.seconds,
        match report.warnings.len() {
            0 => String::new(),
            1 => " with 1 warning".to_owned(),
            n => format!(" with {n} warnings"),
        }
    );
    Ok(())
}

/// `--verbose`: stage timings on standard error.
pub fn enable_stage_log() {
    struct StderrLog;
    impl log::Log for StderrLog {
        fn enabled(&self, _: &log::Metadata) -> bool {
            true
        }
        fn log(&self, record: &log::Record) {
            if record.target().starts_with("kennis") {
                eprintln!("{}", record.args());
            }
        }
        fn flush(&self) {}
    }
    static LOGGER: StderrLog = StderrLog;
    if log::set_logger(&LOGGER).is_ok() {
        log::set_max_level(log::LevelFilter::Debug);
    }
}
