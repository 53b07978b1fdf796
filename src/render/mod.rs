//! Stage 3 and 4, rendering: Markdown bodies, then every page of the site through the theme's templates.
//!
//! Templates and the value each one gets besides `site`, `t`, `page_title`,
//! `current_url` and `canonical_url`:
//! `home.html` `home` · `page.html` `page` · `question.html` `page` ·
//! `community.html` `page`, `community` · `section.html` `page`, `section` ·
//! `list.html` `list` · `communities.html` `communities`, `total`, `pagination` ·
//! `authors.html` `authors`, `total`, `pagination` · `author.html` `author` ·
//! `tags.html` `tags`, `total`, `pagination` · `insights.html` `insights` · `404.html` ·
//! `redirect.html` `redirect` · `atom.xml` `feed` · `sitemap.xml` `entries`. `page.html`,
//! `question.html`, `community.html`, `section.html` and `list.html` also get `respond`, the
//! respond buttons (`respond.rs`; empty without `new_url` and `repo_url`).

mod affected;
mod bodies;
mod cards;
mod cross_links;
mod feeds;
mod hubs;
mod insights;
mod insights_view;
mod jobs;
mod link_check;
mod list_pages;
mod lists;
mod minify;
mod outputs;
mod page_image;
mod relative_urls;
mod respond;
mod rows;
mod sink;
mod theme;
pub mod views;

pub use affected::{Affected, Facet, Fact, OutputIndex, Reads, affected_outputs};
pub use bodies::{BodyContext, links_resolve_alike, render_bodies, render_body};
pub use cross_links::{CrossLinks, cross_links};
pub use link_check::{LinkReport, check_links, named_anchors, point_anchors_at_ids};
pub use outputs::{RenderInput, RenderOptions, Teardown, render_outputs, render_site, render_site_then};
pub use sink::OutputSink;
pub use theme::Theme;
