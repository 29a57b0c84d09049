//! The search tokenizer, index and query parser: the first line of the input is the query
//! (its words are also glossary names), the rest is text split into records at blank lines.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(input) = lectern::fuzzing::text(data) {
        let (query, text) = input.split_once('\n').unwrap_or((input, ""));
        lectern::fuzzing::search(query, text);
    }
});
