//! The commands behind the CLI: each turns parsed arguments into a library call and prints the outcome.

mod build;
mod check;
mod init;
mod insights;
mod new;
mod serve;

use crate::cli::Command;
use crate::error::{Error, Result, Severity};

pub use crate::cli::Cli;

/// Runs one command.
pub fn run(cli: Cli) -> Result<()> {
    if cli.verbose {
        build::enable_stage_log();
    }
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Init { dir, repo_url } => init::run(&dir, repo_url.as_deref()),
        Command::New(args) => new::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Insights(args) => insights::run(args),
    }
}

/// The text printed for a failed command: every diagnostic, then the summary line.
pub fn describe_error(error: &Error) -> String {
    let mut text = String::new();
    if let Error::ChecksFailed = error {
        return text;
    }
    if let Error::Content(diagnostics) = error {
        // Notes (no git history…) are context for a successful build, not for a failed one.
        for diagnostic in diagnostics.clone().sorted().into_iter().filter(|d| d.severity != Severity::Info) {
            text.push_str(&format!("{diagnostic}\n"));
        }
        text.push_str(&format!("error: {}\n", diagnostics.summary()));
        return text;
    }
    text.push_str(&format!("error: {error}\n"));
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!("  caused by: {cause}\n"));
        source = cause.source();
    }
    text
}
