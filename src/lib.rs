//! kennis: a static site generator for learning together at work.
//!
//! A site is a folder of Markdown in git (see DESIGN.md). A build runs these stages,
//! each handing a value to the next ([`pipeline::build_site`]):
//!
//! 1. [`content`]: read `site.yaml`, `authors/`, `content/`, `static/`, `templates/` into [`content::Sources`].
//! 2. [`model`]: assemble pages, people, communities and their relations into a [`model::Site`], checking references.
//! 3. [`render::render_bodies`]: render every page's Markdown ([`markdown`]), links resolved against the model;
//!    then follow every link and build backlinks and related pages. The results, kept together,
//!    are the [`built::BuiltSite`] a build returns.
//! 4. [`render::render_site`]: every output (pages, lists, feeds, sitemap, redirects, the
//!    [`search`] index, copied files) into a sink.
//! 5. [`output`]: write into a staging folder and swap it in for the output folder.
//!
//! [`pipeline::build_kept_site`] keeps the sources too, so that the site can take in a
//! changed file and say which outputs to render again ([`built::KeptSite::reread`]).
//!
//! [`commands`] implement the CLI on top of this; nothing in the library depends on them.

pub mod built;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod dates;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod git;
pub mod insights;
pub mod markdown;
pub mod model;
pub mod output;
pub mod paths;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod serve;
pub mod text;
mod toml;
mod yaml;

pub use error::{Diagnostic, Error, Result, Severity};
pub use pipeline::{
    BuildOptions, BuildReport, CheckOptions, CheckReport, build_kept_site, build_site, check_site,
};
