//! Fuzz target: one `authors/<id>.yaml`. Must not panic or hang, and a problem must
//! point inside the file.

#![no_main]

use kennis::fuzzing::{position_outside, read_author};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // Bytes rather than `&str`, so that a saved crash is exactly the text that failed.
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    if let Err(problem) = read_author(text) {
        if let Some(why) = position_outside(text, problem.line, problem.column) {
            panic!("author file problem `{}` at a place not in the file: {why}", problem.message);
        }
    }
});
