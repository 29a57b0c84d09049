//! `content/lessons/m/fuzz.md`: the fuzz input joins a small in-memory programme as that file, which
//! is loaded, validated, rendered to every page and deck, and indexed for search.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    // Templates, syntax definitions and themes load once per process: not in a timed run.
    init: {
        lectern::fuzzing::run("content/lessons/m/warm.md", "# 热身\n\n```rust\nfn main() {}\n```\n");
    },
    |data: &[u8]| {
        if let Some(text) = lectern::fuzzing::text(data) {
            let _ = lectern::fuzzing::run("content/lessons/m/fuzz.md", text);
        }
    }
);
