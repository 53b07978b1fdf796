//! Stage 5, output: writing into a staging folder beside the output and swapping it in; the only stage that writes.

mod files;
mod guard;
mod marker;
mod resolve;

pub use files::Staging;
pub use guard::{OutputLocation, OutputRequest, check_output_folder};
