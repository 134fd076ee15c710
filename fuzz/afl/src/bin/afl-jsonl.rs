//! The `jsonl` fuzz target under AFL++.
fn main() {
    let dir = actorgraph::fuzzing::scratch_dir();
    afl::fuzz!(|data: &[u8]| {
        actorgraph::fuzzing::jsonl(dir, data);
    });
}
