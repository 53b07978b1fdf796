//! Community insights: who takes part, how long they stay, who helps whom and what people
//! look for, computed from the built site, its git history and web server access logs.

mod access;
mod figures;

pub use access::read_access_logs;
pub use figures::*;
mod metrics;
pub mod svg;
mod tables;

pub use metrics::compute;
pub use tables::{Table, json, tables};
