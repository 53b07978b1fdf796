//! Fuzz target: a page body rendered, links rewritten by a resolver that accepts some and
//! rejects others. Must not panic or hang; every link's range lies in the body; heading
//! ids are unique; and without raw HTML (no `<`) no `href` or `src` runs code.

#![no_main]

use kennis::fuzzing::{link_ranges_outside, live_script_urls, render_body, repeated_heading_id};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // Bytes rather than `&str`, so that a saved crash is exactly the text that failed.
    let Ok(body) = std::str::from_utf8(bytes) else { return };
    let rendered = render_body(body);
    if let Some(why) = link_ranges_outside(body, &rendered) {
        panic!("{why}");
    }
    if let Some(id) = repeated_heading_id(&rendered) {
        panic!("heading id `{id}` given twice");
    }
    if !body.contains('<') {
        let live = live_script_urls(&rendered.html);
        assert!(live.is_empty(), "live script URLs {live:?} in:\n{}", rendered.html);
    }
});
