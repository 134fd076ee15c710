//! The bad-input suite: one test per way a hostile or careless user broke the
//! tool (issue 20), each named after what it guards. Every case runs in CI.

use crate::support::{repo, run_in, stderr, temp_tree};
use actorgraph::graphfile::GraphFile;
use std::path::Path;

fn rules() -> String {
    repo().join("rules").display().to_string()
}

fn ok(o: std::process::Output) -> std::process::Output {
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

/// `build -q --rules RULES ARGS... -o out` in `d`, returning the graph.
fn build(d: &Path, args: &[&str]) -> GraphFile {
    let r = rules();
    let mut a = vec!["build", "-q", "--rules", &r];
    a.extend_from_slice(args);
    a.extend_from_slice(&["-o", "out"]);
    ok(run_in(d, &a));
    GraphFile::load(&d.join("out/graph.json")).expect("graph.json")
}

fn weight(g: &GraphFile, source: &str, relation: &str, target: &str) -> u64 {
    g.edges
        .iter()
        .find(|e| e.source == source && e.relation == relation && e.target == target)
        .map_or(0, |e| e.weight)
}

#[test]
fn cr_only_and_unicode_line_breaks_end_sentences() {
    let cr = "Russia threatened Ukraine\r".repeat(5_000);
    let seps = "Russia threatened Ukraine\u{2028}Russia threatened Ukraine\u{2029}Russia threatened Ukraine";
    let dir = temp_tree(&[("cr/a.txt", &cr), ("seps/b.txt", seps)]);
    let g = build(dir.path(), &["cr"]);
    assert_eq!(weight(&g, "russia", "threatens", "ukraine"), 5_000);
    let g = build(dir.path(), &["seps"]);
    assert_eq!(weight(&g, "russia", "threatens", "ukraine"), 3);
}

#[test]
fn a_line_without_periods_is_read_in_pieces_of_bounded_length() {
    // 30 kB: one "sentence" of 1,000 relations before the cut, now 16 pieces of at most 2,000 bytes.
    let text = "Russia threatened Ukraine and ".repeat(1_000);
    let dir = temp_tree(&[("in/a.txt", &text)]);
    let g = build(dir.path(), &["in"]);
    let e = g
        .edges
        .iter()
        .find(|e| e.source == "russia" && e.relation == "threatens")
        .expect("russia threatens ukraine");
    assert_eq!(e.weight, 16);
    for ev in &e.evidence {
        assert!(ev.end - ev.start <= actorgraph::ingest::MAX_SENTENCE_BYTES as u64);
    }
}
