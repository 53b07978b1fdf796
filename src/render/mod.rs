//! Stage 3 and 4, rendering: Markdown bodies, then every page of the site through the theme's templates.
//!
//! Templates and the value each one gets besides `site`, `t`, `page_title`,
//! `current_url` and `canonical_url`:
//! `home.html` `home` · `page.html` `page` · `question.html` `page` ·
//! `community.html` `page`, `community` · `section.html` `page`, `section` ·
//! `list.html` `list` · `communities.html` `communities`, `total`, `pagination` ·
//! `authors.html` `authors`, `total`, `pagination` · `author.html` `author` ·
//! `tags.html` `tags`, `total`, `pagination` · `404.html` · `redirect.html` `redirect` ·
//! `atom.xml` `feed` · `sitemap.xml` `entries`.

mod bodies;
mod cards;
mod cross_links;
mod feeds;
mod hubs;
mod jobs;
mod link_check;
mod list_pages;
mod lists;
mod theme;
pub mod views;

pub use bodies::{BodyContext, links_resolve_alike, render_bodies, render_body};
pub use cross_links::{CrossLinks, cross_links};
pub use jobs::{OutputSink, RenderOptions, render_site};
pub use link_check::{LinkReport, check_links};
pub use theme::Theme;
