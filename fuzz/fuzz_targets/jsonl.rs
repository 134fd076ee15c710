//! Arbitrary bytes as a JSONL corpus file (as `build` reads it) and as an extract stream (as
//! `merge` reads it): errors, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    actorgraph::fuzzing::jsonl(actorgraph::fuzzing::scratch_dir(), data);
});
