//! The `kennis` binary: parse the command line, run one command, print errors, exit with DESIGN.md's codes.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of glibc's malloc: with a whole site's bodies in memory (2.5 GB at
/// 100,000 pages) glibc's allocation got slower as the heap grew, so the build time grew
/// faster than the page count (BENCHMARKS.md, issue 8). Set in the binary only, so the
/// library leaves the choice of allocator to whoever embeds it.
#[global_allocator]
static GLOBAL_ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns transparent huge pages off for this process. mimalloc asks for them
/// (`MADV_HUGEPAGE`) on every region it maps, and where the system only gives huge pages
/// to those who ask (`defrag: madvise`, the default of most distributions) each fresh
/// region then waits while the kernel compacts memory to find a free 2 MiB page: 7 % of a
/// 10,000-page build's samples, on one core at a time. Without them the build touches its
/// memory 4 KiB at a time, which costs less than that wait (BENCHMARKS.md, issue 12's
/// last figure). A build's memory is written once and read a few times, so the fewer TLB
/// entries buy little.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

fn main() -> ExitCode {
    no_huge_pages();
    let cli = kennis::commands::Cli::parse();
    match kennis::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprint!("{}", kennis::commands::describe_error(&error));
            ExitCode::from(error.exit_code())
        }
    }
}
