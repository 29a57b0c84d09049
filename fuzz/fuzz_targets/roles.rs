//! `content/roles.yaml`: the fuzz input joins a small in-memory programme as that file, which
//! is loaded, validated, rendered to every page and deck, and indexed for search.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: lectern::fuzzing::warm_up(), |data: &[u8]| lectern::fuzzing::run_bytes("content/roles.yaml", data));
