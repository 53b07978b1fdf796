//! Stage 5, output: writing into a staging folder beside the output and swapping it in,
//! updating a kept output folder in place, or keeping the files in memory; the only stage that writes.

mod files;
mod guard;
mod marker;
mod memory;
mod resolve;
mod tree;
mod update;

pub use files::Staging;
pub use guard::{OutputLocation, OutputRequest, check_output_folder};
pub use memory::{FolderDifference, MemorySink};
pub use update::FolderUpdate;
