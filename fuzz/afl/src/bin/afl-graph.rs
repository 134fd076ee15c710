//! The `graph` fuzz target under AFL++.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        actorgraph::fuzzing::graph(data);
    });
}
