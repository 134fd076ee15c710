//! Sharding: `extract --jsonl` + `merge` give the graph of a single `build`;
//! thread counts do not change output; bad input is reported, not lost.

use crate::support::{repo, run_in, stderr, temp_tree};
use std::path::Path;

fn ok(o: std::process::Output) -> std::process::Output {
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

fn rules() -> String {
    repo().join("rules").display().to_string()
}

/// A corpus sample: Ukraine web articles and Reuters wires, as JSONL lines.
fn corpus_lines() -> Vec<String> {
    let shared = repo().join("../shared/corpus");
    let web = std::fs::read_to_string(shared.join("ukraine/ukraine_web.jsonl"))
        .expect("../shared/corpus/ukraine/ukraine_web.jsonl is needed (the shared corpus)");
    let reuters = std::fs::read_to_string(shared.join("news/reuters21578.jsonl"))
        .expect("../shared/corpus/news/reuters21578.jsonl is needed (the shared corpus)");
    web.lines()
        .take(60)
        .chain(reuters.lines().take(240))
        .map(String::from)
        .collect()
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn shards_merge_to_the_single_build() {
    let lines = corpus_lines();
    let dir = temp_tree(&[]);
    let d = dir.path();
    std::fs::write(d.join("all.jsonl"), lines.join("\n") + "\n").expect("write");
    for (i, chunk) in lines.chunks(100).enumerate() {
        std::fs::write(d.join(format!("part{i}.jsonl")), chunk.join("\n") + "\n").expect("write");
    }
    let r = rules();
    ok(run_in(d, &["build", "-q", "--rules", &r, "all.jsonl", "-o", "full"]));
    for i in 0..3 {
        let part = format!("part{i}.jsonl");
        ok(run_in(
            d,
            &["build", "-q", "--rules", &r, &part, "-o", &format!("b{i}")],
        ));
        let o = ok(run_in(d, &["extract", "--jsonl", "--rules", &r, &part]));
        std::fs::write(d.join(format!("x{i}.jsonl")), &o.stdout).expect("write");
    }
    let full = read(&d.join("full/graph.json"));
    assert!(full.contains("\"relation\""));
    for (name, args) in [
        ("m1", vec!["b0/graph.json", "b1/graph.json", "b2/graph.json"]),
        ("m2", vec!["b2/graph.json", "b0/graph.json", "b1/graph.json"]),
        ("m3", vec!["x1.jsonl", "x2.jsonl", "x0.jsonl"]),
        ("m4", vec!["x0.jsonl", "b1/graph.json", "x2.jsonl"]),
    ] {
        let mut a = vec!["merge", "-q", "-o", name];
        a.extend(args);
        ok(run_in(d, &a));
        assert!(
            read(&d.join(name).join("graph.json")) == full,
            "{name} differs from the single build"
        );
    }
    // Merging is associative: merge (b0 + b1) then + b2.
    ok(run_in(
        d,
        &["merge", "-q", "-o", "ab", "b0/graph.json", "b1/graph.json"],
    ));
    ok(run_in(
        d,
        &["merge", "-q", "-o", "abc", "ab/graph.json", "b2/graph.json"],
    ));
    assert!(read(&d.join("abc/graph.json")) == full);
    // The same with --max-evidence on both sides.
    ok(run_in(
        d,
        &[
            "build",
            "-q",
            "--rules",
            &r,
            "all.jsonl",
            "-o",
            "full2",
            "--max-evidence",
            "1",
        ],
    ));
    ok(run_in(
        d,
        &[
            "merge",
            "-q",
            "-o",
            "m5",
            "--max-evidence",
            "1",
            "x2.jsonl",
            "x0.jsonl",
            "x1.jsonl",
        ],
    ));
    assert!(read(&d.join("m5/graph.json")) == read(&d.join("full2/graph.json")));
}

#[test]
fn seed_shards_merge_to_the_single_build() {
    let dir = temp_tree(&[]);
    let d = dir.path();
    let seeds: Vec<String> = [
        "000_cb883c9b1bea4990",
        "001_159deea72919d583",
        "002_46221a2014137dce",
        "003_0482d3153de27712",
        "004_a78ba7fd6dd591c6",
    ]
    .iter()
    .map(|s| repo().join("seeds").join(format!("{s}.txt")).display().to_string())
    .collect();
    let r = rules();
    let mut a = vec!["build", "-q", "--rules", &r, "-o", "full"];
    a.extend(seeds.iter().map(String::as_str));
    ok(run_in(d, &a));
    ok(run_in(
        d,
        &["build", "-q", "--rules", &r, "-o", "s1", &seeds[3], &seeds[0]],
    ));
    ok(run_in(
        d,
        &[
            "build", "-q", "--rules", &r, "-o", "s2", &seeds[4], &seeds[1], &seeds[2],
        ],
    ));
    ok(run_in(d, &["merge", "-q", "-o", "m", "s2/graph.json", "s1/graph.json"]));
    assert!(read(&d.join("m/graph.json")) == read(&d.join("full/graph.json")));
}

#[test]
fn thread_count_does_not_change_output() {
    let lines = corpus_lines();
    let dir = temp_tree(&[]);
    let d = dir.path();
    std::fs::write(d.join("all.jsonl"), lines.join("\n") + "\n").expect("write");
    let r = rules();
    ok(run_in(
        d,
        &["build", "-q", "-j", "1", "--rules", &r, "all.jsonl", "-o", "one"],
    ));
    ok(run_in(
        d,
        &["build", "-q", "-j", "3", "--rules", &r, "all.jsonl", "-o", "three"],
    ));
    assert!(read(&d.join("one/graph.json")) == read(&d.join("three/graph.json")));
    assert!(read(&d.join("one/graph.dot")) == read(&d.join("three/graph.dot")));
}

#[test]
fn gzip_corpus_reads_like_plain() {
    use std::io::Write;
    let dir = temp_tree(&[("c.jsonl", "{\"id\":\"a\",\"text\":\"Russia threatened Ukraine.\"}\n")]);
    let d = dir.path();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"{\"id\":\"a\",\"text\":\"Russia threatened Ukraine.\"}\n")
        .expect("gzip");
    std::fs::write(d.join("c2.jsonl.gz"), gz.finish().expect("gzip")).expect("write");
    let r = rules();
    ok(run_in(d, &["build", "-q", "--rules", &r, "c.jsonl", "-o", "p"]));
    ok(run_in(d, &["build", "-q", "--rules", &r, "c2.jsonl.gz", "-o", "g"]));
    assert_eq!(read(&d.join("p/graph.json")), read(&d.join("g/graph.json")));
}

#[test]
fn bad_input_is_reported_and_the_rest_processed() {
    let dir = temp_tree(&[
        ("in/empty.txt", ""),
        ("in/ok.txt", "Russia threatened Ukraine."),
        ("c.jsonl", "{\"id\":\"a\",\"text\":\"NATO backs Ukraine.\",\"unknown\":[1]}\nnot json\n{\"id\":\"b\"}\n{\"id\":\"a\",\"text\":\"again\"}\n"),
    ]);
    let d = dir.path();
    std::fs::write(d.join("in/bin.txt"), b"abc\x00def").expect("write");
    let r = rules();
    let o = run_in(d, &["build", "-q", "--rules", &r, "c.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: c.jsonl:2: invalid JSON: "),
        "{}",
        stderr(&o)
    );
    let o = ok(run_in(
        d,
        &[
            "build",
            "-q",
            "--rules",
            &r,
            "--skip-bad-lines",
            "--dedupe",
            "in",
            "c.jsonl",
        ],
    ));
    let err = stderr(&o);
    assert!(
        err.contains("warning: in/bin.txt: binary file (NUL byte); skipped\n"),
        "{err}"
    );
    assert!(err.contains("warning: in/empty.txt: empty file\n"), "{err}");
    assert!(
        err.contains("warning: c.jsonl:3: document \"b\" has no \"text\" field; line skipped\n"),
        "{err}"
    );
    assert!(
        err.contains("warning: c.jsonl:4: duplicate document id \"a\" (first seen in c.jsonl:1); skipped\n"),
        "{err}"
    );
    let o = run_in(d, &["build", "-q", "--rules", &r, "--skip-bad-lines", "c.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("error: c.jsonl:4: duplicate document id \"a\" (first seen in c.jsonl:1)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unwritable_output_fails_cleanly_and_keeps_previous_files() {
    // graph.json is a directory here, so the atomic rename fails whatever the user's rights.
    let dir = temp_tree(&[
        ("doc.txt", "Russia threatened Ukraine."),
        ("out/graph.json/keep", "x"),
        ("out/graph.dot", "previous"),
    ]);
    let d = dir.path();
    let o = run_in(d, &["build", "-q", "--rules", &rules(), "doc.txt", "-o", "out"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: out/graph.json: cannot write: "),
        "{}",
        stderr(&o)
    );
    assert_eq!(read(&d.join("out/graph.dot")), "previous");
    assert_eq!(read(&d.join("out/graph.json/keep")), "x");
    let leftovers: Vec<_> = std::fs::read_dir(d.join("out"))
        .expect("out")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "temporary files left behind: {leftovers:?}");
    // A plain file where the output directory should be.
    std::fs::write(d.join("file"), "x").expect("write");
    let o = run_in(d, &["build", "-q", "--rules", &rules(), "doc.txt", "-o", "file"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: file: cannot create output directory"),
        "{}",
        stderr(&o)
    );
}
