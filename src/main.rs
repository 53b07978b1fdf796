//! The `kennis` binary: parse the command line, run one command, print errors, exit with DESIGN.md's codes.

use std::process::ExitCode;

use clap::Parser;

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
