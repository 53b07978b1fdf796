//! kennis's integration tests: fixture sites under `tests/fixtures/` built through the
//! library or the real binary, asserting what readers and writers see.

mod adoption;
mod browser;
mod build;
mod check;
mod cli;
mod cross_links;
mod escaping;
mod git_history;
mod invalid;
mod links;
mod output_folder;
mod people;
mod safety;
mod support;
mod wiki;
