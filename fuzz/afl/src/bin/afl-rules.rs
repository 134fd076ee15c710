//! The `rules` fuzz target under AFL++.
fn main() {
    let dir = actorgraph::fuzzing::scratch_rule_dir();
    afl::fuzz!(|data: &[u8]| {
        actorgraph::fuzzing::rules(dir, data);
    });
}
