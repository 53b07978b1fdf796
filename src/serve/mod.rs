//! `kennis serve`: the site built into memory, rebuilt on save, shown to browsers that reload
//! themselves; nothing is written to the output folder.

pub mod engine;
pub mod http;
pub mod state;

pub use http::{HttpOptions, HttpServer};
pub use state::{LiveSite, News, OpenPage, Problem};
