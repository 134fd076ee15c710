//! Arbitrary bytes as a graph.json: the loader refuses what does not hold together, and a
//! graph it accepts goes through every exporter and query without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    actorgraph::fuzzing::graph(data);
});
