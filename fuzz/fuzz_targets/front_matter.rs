//! Fuzz target: a whole Markdown file's front matter, split off and read as YAML.
//! Must not panic or hang, and every problem must point inside the file.

#![no_main]

use kennis::fuzzing::{position_outside, read_front_matter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // Bytes rather than `&str`, so that a saved crash is exactly the text that failed.
    let Ok(file_text) = std::str::from_utf8(bytes) else { return };
    for problem in read_front_matter(file_text) {
        if let Some(why) = position_outside(file_text, problem.line, problem.column) {
            panic!("front matter problem `{}` at a place not in the file: {why}", problem.message);
        }
    }
});
