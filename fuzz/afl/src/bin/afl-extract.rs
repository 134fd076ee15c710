//! The `extract` fuzz target under AFL++.
fn main() {
    let (rules, x) = actorgraph::fuzzing::default_extractor();
    afl::fuzz!(|data: &[u8]| {
        actorgraph::fuzzing::extract(rules, x, data);
    });
}
