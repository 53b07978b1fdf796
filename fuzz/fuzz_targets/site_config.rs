//! Fuzz target: `site.yaml`, written into a site folder and read by `Config::load` as a
//! build reads it. Must not panic or hang, and every content problem must point inside
//! the file.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use kennis::config::{Config, ConfigOverrides};
use kennis::fuzzing::position_outside;
use kennis::{Diagnostic, Error};
use libfuzzer_sys::fuzz_target;

/// One site folder per fuzzing process, reused for every input.
fn site_root() -> &'static PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("kennis-fuzz-site-config-{}", std::process::id()));
        std::fs::create_dir_all(&root).expect("a temporary site folder");
        root
    })
}

fn assert_inside(text: &str, problem: &Diagnostic) {
    if let Some(why) = position_outside(text, problem.line, problem.column) {
        panic!("site.yaml problem `{}` at a place not in the file: {why}", problem.message);
    }
}

fuzz_target!(|bytes: &[u8]| {
    // Bytes rather than `&str`, so that a saved crash is exactly the text that failed.
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let root = site_root();
    std::fs::write(root.join("site.yaml"), text).expect("write site.yaml");
    match Config::load(root, &ConfigOverrides::default()) {
        Ok(config) => config.warnings().iter().for_each(|warning| assert_inside(text, warning)),
        Err(Error::Content(problems)) => problems.iter().for_each(|problem| assert_inside(text, problem)),
        Err(other) => panic!("unexpected error for site.yaml: {other:?}"),
    }
});
