//! Arbitrary bytes as a document (a text file, or JSONL lines when they start
//! with `{`), extracted with the default rules of `rules/`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (rules, x) = actorgraph::fuzzing::default_extractor();
    actorgraph::fuzzing::extract(rules, x, data);
});
