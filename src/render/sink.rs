//! Where rendered files go: the one trait every output writes through, so rendering never touches the disk.

use std::path::Path;

use crate::error::Result;
use crate::paths::OutputPath;

/// Where rendered files go; implemented by the output stage (and by tests, in memory).
pub trait OutputSink: Sync {
    fn write(&self, path: &OutputPath, bytes: &[u8]) -> Result<()>;
    fn copy(&self, path: &OutputPath, from: &Path) -> Result<()>;
}
