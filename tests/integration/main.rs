//! kennis's integration tests: fixture sites under `tests/fixtures/` built through the
//! library or the real binary, asserting what readers and writers see.

mod adoption;
mod browser;
mod build;
mod check;
mod cli;
mod cross_links;
mod dates;
mod determinism;
mod escaping;
mod folder_pages;
mod front_images;
mod git_history;
mod headings;
mod hostile_paths;
mod html_links;
mod hugo_sites;
mod invalid;
mod kept_site;
mod kinds;
mod links;
mod messages;
mod output_folder;
mod people;
mod permalinks;
mod random_input;
mod safety;
mod site_dirs;
mod support;
mod tags;
mod templates_in_content;
mod toml_front_matter;
mod unknown_authors;
mod unsafe_links;
mod values;
mod wiki;
