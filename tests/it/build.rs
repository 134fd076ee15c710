//! `actorgraph build`: the seed graph, its invariants, and bad input.

use crate::support::{repo, run_in, stderr, temp_tree};
use actorgraph::graphfile::GraphFile;

fn build_seeds(out: &std::path::Path) -> GraphFile {
    let o = run_in(&repo(), &["build", "-q", "-o", out.to_str().expect("utf8")]);
    assert!(o.status.success(), "build failed: {}", stderr(&o));
    GraphFile::load(&out.join("graph.json")).expect("graph.json loads")
}

#[test]
fn committed_output_is_fresh() {
    let tmp = tempfile::tempdir().expect("tempdir");
    build_seeds(tmp.path());
    for f in ["graph.json", "graph.dot"] {
        let fresh = std::fs::read_to_string(tmp.path().join(f)).expect("fresh output");
        let committed = std::fs::read_to_string(repo().join("output").join(f)).unwrap_or_default();
        assert!(
            fresh == committed,
            "output/{f} is stale against the code and rules: run `cargo run --release -- build` and commit output/"
        );
    }
}

#[test]
fn seed_graph_has_core_actors_and_relations() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let g = build_seeds(tmp.path());
    for id in [
        "vladimir_putin",
        "donald_trump",
        "volodymyr_zelensky",
        "sergei_lavrov",
        "russia",
        "ukraine",
        "united_states",
        "european_union",
        "europe",
        "nato",
        "china",
    ] {
        assert!(g.node(id).is_some(), "missing actor {id}");
    }
    let has = |s: &str, r: &str, t: &str| {
        g.edges
            .iter()
            .any(|e| e.source == s && e.relation == r && e.target == t)
    };
    assert!(has("russia", "demands", "ukraine"));
    assert!(has("vladimir_putin", "leads", "russia"));
    assert!(has("sergei_lavrov", "represents", "russia"));
    assert_eq!(g.documents.len(), 5);
    assert_eq!(g.documents[0].id, "000_cb883c9b1bea4990.txt");
    assert_eq!(g.documents[0].date.as_deref(), Some("2025-02-27"));
}

#[test]
fn evidence_spans_are_the_documents_bytes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let g = build_seeds(tmp.path());
    assert!(!g.edges.is_empty());
    for e in &g.edges {
        assert_eq!(e.weight as usize, e.evidence.len());
        for ev in &e.evidence {
            let text = std::fs::read(repo().join("seeds").join(&ev.doc)).expect("seed");
            assert_eq!(&text[ev.start as usize..ev.end as usize], ev.text.as_bytes(), "{ev:?}");
        }
    }
    // networkx's node_link_graph(data, edges="edges") needs source/target on every edge.
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("graph.json")).expect("json"))
            .expect("valid json");
    assert!(v["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .all(|e| e["source"].is_string() && e["target"].is_string()));
}

#[test]
fn inputs_ids_dates_and_jsonl() {
    let dir = temp_tree(&[
        ("in/a/one.txt", "Headline\nMarch 3, 2024\nRussia rejected the plan for Ukraine."),
        ("in/two.md", "Nothing political here."),
        (
            "corpus.jsonl",
            "{\"id\": \"x1\", \"text\": \"NATO backs Ukraine.\", \"date\": \"2022-05-01T10:00:00Z\", \"extra\": 1}\n\n{\"id\": 7, \"text\": \"Russia threatened Ukraine.\"}\n",
        ),
    ]);
    let o = run_in(
        dir.path(),
        &[
            "build",
            "-q",
            "--rules",
            repo().join("rules").to_str().expect("utf8"),
            "in",
            "corpus.jsonl",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let g = GraphFile::load(&dir.path().join("output/graph.json")).expect("graph");
    let ids: Vec<(&str, Option<&str>)> = g.documents.iter().map(|d| (d.id.as_str(), d.date.as_deref())).collect();
    assert_eq!(
        ids,
        [
            ("7", None),
            ("a/one.txt", Some("2024-03-03")),
            ("two.md", None),
            ("x1", Some("2022-05-01"))
        ]
    );
    let keys: Vec<(&str, &str, &str)> = g
        .edges
        .iter()
        .map(|e| (e.source.as_str(), e.relation.as_str(), e.target.as_str()))
        .collect();
    assert_eq!(
        keys,
        [
            ("nato", "supports", "ukraine"),
            ("russia", "rejects", "ukraine"),
            ("russia", "threatens", "ukraine")
        ]
    );
}

#[test]
fn missing_input_is_named() {
    let dir = temp_tree(&[]);
    let rules = repo().join("rules");
    let o = run_in(
        dir.path(),
        &["build", "--rules", rules.to_str().expect("utf8"), "nope.txt"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "error: nope.txt: no such file or directory\n");
}

#[test]
fn invalid_utf8_is_reported_and_processed() {
    let dir = temp_tree(&[]);
    std::fs::write(dir.path().join("bad.txt"), b"Russia threatened Ukraine \xff again.").expect("write");
    let rules = repo().join("rules");
    let o = run_in(
        dir.path(),
        &["build", "-q", "--rules", rules.to_str().expect("utf8"), "bad.txt"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "warning: bad.txt: invalid UTF-8 at byte 26; decoded lossily (U+FFFD for each bad sequence: bytes, \
         sha256 and offsets in graph.json are of the decoded text)\n"
    );
    let g = GraphFile::load(&dir.path().join("output/graph.json")).expect("graph");
    assert_eq!(g.edges.len(), 1);
}

#[test]
fn malformed_jsonl_line_is_named() {
    let dir = temp_tree(&[(
        "c.jsonl",
        "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \n{\"id\": \"c\"}\n",
    )]);
    let rules = repo().join("rules");
    let o = run_in(
        dir.path(),
        &["build", "--rules", rules.to_str().expect("utf8"), "c.jsonl"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: c.jsonl:2: invalid JSON: "),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bad_rules_leave_previous_output_intact() {
    let dir = temp_tree(&[
        ("doc.txt", "Russia threatened Ukraine."),
        ("output/graph.json", "previous"),
        ("rules/actors.toml", "[[actor]]\nid = \"russia\"\nlabel = \"Russia\"\nkind = \"state\"\naliases = [\"Russia\"]\n\n[[actor]]\nid = \"russia\"\nlabel = \"Russia again\"\nkind = \"country\"\n"),
        (
            "rules/relations.toml",
            "[[relation]]\nid = \"leads\"\npolarity = \"neutral\"\ncolor = \"#000000\"\n\n[[relation]]\nid = \"represents\"\npolarity = \"neutral\"\ncolor = \"#000000\"\n\n[[pattern]]\nrelation = \"oposes\"\nname = \"x\"\nmatch = \"{S} <oppose> {T}\"\n\n[[pattern]]\nrelation = \"leads\"\nname = \"bad\"\nmatch = \"{S} (<lead> {T}\"\n\n[[relation]]\nid = \"opposes\"\npolarity = \"conflictual\"\ncolor = \"#ff0000\"\n",
        ),
    ]);
    let o = run_in(dir.path(), &["build", "--rules", "rules", "doc.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: rules/actors.toml:8:7: actor \"russia\" defined twice: first at rules/actors.toml:2:7\n\
         rules/relations.toml:12:13: unknown relation \"oposes\" (did you mean \"opposes\"?)\n\
         rules/relations.toml:19:10: pattern \"leads/bad\": unclosed '('\n\
         3 problems in the rules\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("output/graph.json")).expect("kept"),
        "previous"
    );
}

#[test]
fn toml_syntax_error_has_line_and_column() {
    let dir = temp_tree(&[
        ("rules/actors.toml", "[[actor]]\nid = \"x\nlabel = 3\n"),
        ("rules/relations.toml", ""),
    ]);
    let o = run_in(dir.path(), &["build", "--rules", "rules"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.starts_with("error: rules/actors.toml:2:"), "{err}");
}

#[test]
fn output_is_deterministic() {
    let a = tempfile::tempdir().expect("tempdir");
    let b = tempfile::tempdir().expect("tempdir");
    build_seeds(a.path());
    build_seeds(b.path());
    for f in ["graph.json", "graph.dot"] {
        assert_eq!(
            std::fs::read(a.path().join(f)).expect("a"),
            std::fs::read(b.path().join(f)).expect("b")
        );
    }
}

#[test]
fn build_writes_extra_formats_with_filters() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("o");
    let o = run_in(
        &repo(),
        &[
            "build",
            "-q",
            "--format",
            "graphml,csv,mermaid",
            "--top",
            "5",
            "-o",
            out.to_str().expect("utf8"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let graphml = std::fs::read_to_string(out.join("graph.graphml")).expect("graphml");
    assert_eq!(graphml.matches("<node ").count(), 5);
    let nodes_csv = std::fs::read_to_string(out.join("nodes.csv")).expect("nodes.csv");
    assert_eq!(nodes_csv.lines().count(), 6, "header and 5 actors");
    assert!(std::fs::read_to_string(out.join("graph.mmd"))
        .expect("mmd")
        .starts_with("graph LR"));
    // graph.json keeps the whole graph; the filters shape the views.
    let g = GraphFile::load(&out.join("graph.json")).expect("graph");
    assert!(g.nodes.len() > 5);
    let o = run_in(
        &repo(),
        &["build", "-q", "--rel", "oposes", "-o", out.to_str().expect("utf8")],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--rel: unknown relation \"oposes\""),
        "{}",
        stderr(&o)
    );
}
