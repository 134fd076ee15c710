//! Arbitrary bytes as a rule file (the first byte picks actors, relations or
//! lexicon): the loader returns errors, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    actorgraph::fuzzing::rules(actorgraph::fuzzing::scratch_rule_dir(), data);
});
