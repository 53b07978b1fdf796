//! The `kennis` binary: parse the command line, run one command, print errors, exit with DESIGN.md's codes.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of glibc's malloc: with a whole site's bodies in memory (2.5 GB at
/// 100,000 pages) glibc's allocation got slower as the heap grew, so the build time grew
/// faster than the page count (BENCHMARKS.md, issue 8). Set in the binary only, so the
/// library leaves the choice of allocator to whoever embeds it.
///
/// Built with `no_thp` (Cargo.toml): by default mimalloc asks for transparent huge pages
/// (`MADV_HUGEPAGE`) on every region it maps, and where the kernel compacts memory for
/// those who ask (`defrag: madvise`, the usual default) each fresh region waited for that
/// compaction: 7 % of a 10,000-page build's samples (BENCHMARKS.md, issue 12's last
/// figure). Without the request the kernel's own setting decides, without the wait.
#[global_allocator]
static GLOBAL_ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = kennis::commands::Cli::parse();
    match kennis::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprint!("{}", kennis::commands::describe_error(&error));
            ExitCode::from(error.exit_code())
        }
    }
}
