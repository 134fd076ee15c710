//! `actorgraph query` on a small graph with known answers (built from dated
//! one-line documents) and on the seed graph.

use crate::support::{repo, run_in, stderr, temp_tree};

const DOCS: &str = r#"{"id":"d1","date":"2025-01-10","text":"Russia attacked Ukraine."}
{"id":"d2","date":"2025-01-20","text":"Poland backs Ukraine."}
{"id":"d3","date":"2025-02-05","text":"The EU imposed new sanctions on Russia."}
{"id":"d4","date":"2025-02-15","text":"Russia threatened Poland."}
{"id":"d5","date":"2025-03-01","text":"Russia and Ukraine held talks in Istanbul."}
{"id":"d6","date":"2025-03-02","text":"Russia did not attack Poland."}
"#;

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = temp_tree(&[("docs.jsonl", DOCS)]);
        let rules = repo().join("rules");
        let o = run_in(
            dir.path(),
            &["build", "-q", "--rules", rules.to_str().expect("utf8"), "docs.jsonl"],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        Fixture { dir }
    }
    fn query(&self, args: &[&str]) -> (i32, String) {
        let mut a = vec!["query"];
        a.extend(args);
        let o = run_in(self.dir.path(), &a);
        (
            o.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&o.stdout).into_owned() + &stderr(&o),
        )
    }
}

#[test]
fn actors_edges_and_patterns() {
    let f = Fixture::new();
    assert_eq!(
        f.query(&["actors", "--sort", "degree"]),
        (
            0,
            "LABEL           KIND          MENTIONS  IN  OUT\n\
             Russia          state                5   1    4\n\
             Poland          state                3   2    1\n\
             Ukraine         state                3   3    0\n\
             European Union  organization         1   0    1\n"
                .to_string()
        )
    );
    // --ids adds the ID column; JSON always has both.
    assert_eq!(
        f.query(&["actors", "--sort", "degree", "--ids"]).1,
        "ID              LABEL           KIND          MENTIONS  IN  OUT\n\
         russia          Russia          state                5   1    4\n\
         poland          Poland          state                3   2    1\n\
         ukraine         Ukraine         state                3   3    0\n\
         european_union  European Union  organization         1   0    1\n"
    );
    let (_, json) = f.query(&["actors", "--json", "--kind", "organization"]);
    assert!(
        json.contains("\"id\": \"european_union\"") && json.contains("\"label\": \"European Union\""),
        "{json}"
    );
    assert_eq!(
        f.query(&["russia -[attacks|threatens]-> ?"]),
        (
            0,
            "SOURCE  RELATION         TARGET   WEIGHT  FLAGS\n\
             Russia  -> attacks ->    Poland        1  negated\n\
             Russia  -> attacks ->    Ukraine       1\n\
             Russia  -> threatens ->  Poland        1\n"
                .to_string()
        )
    );
    // --ids names actors by id, after the pattern too.
    assert_eq!(
        f.query(&["russia -[attacks|threatens]-> ?", "--ids"]),
        (
            0,
            "SOURCE  RELATION         TARGET   WEIGHT  FLAGS\n\
             russia  -> attacks ->    poland        1  negated\n\
             russia  -> attacks ->    ukraine       1\n\
             russia  -> threatens ->  poland        1\n"
                .to_string()
        )
    );
    assert_eq!(
        f.query(&["edges", "--from", "Russia", "--rel", "attacks", "--no-negated"])
            .1
            .lines()
            .count(),
        2
    );
    assert_eq!(
        f.query(&["? -[supports]-> ukraine", "--json"])
            .1
            .matches("\"source\": \"poland\"")
            .count(),
        1
    );
    // Symmetric relations match either way; `--` means any relation, either direction.
    assert_eq!(f.query(&["ukraine -- russia"]).1.lines().count(), 3);
    // Nothing found: exit 1 and no output, like grep.
    assert_eq!(f.query(&["poland -[attacks]-> ?"]), (1, String::new()));
    // Global flags go before the subcommand or the pattern as well as after it.
    let (code, out) = f.query(&["--graph", "output/graph.json", "--json", "edges", "--from", "Poland"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("\"target\": \"ukraine\""), "{out}");
    let (code, out) = f.query(&["--json", "poland -[supports]-> ?", "--since", "2025-01-15"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches("\"source\": \"poland\"").count(), 1, "{out}");
    let (code, _) = f.query(&["poland -[supports]-> ?", "--until", "2025-01-15"]);
    assert_eq!(code, 1, "the only support is dated after --until");
}

#[test]
fn names_resolve_by_alias_and_unknown_names_suggest() {
    let f = Fixture::new();
    assert_eq!(f.query(&["edges", "--from", "the EU"]).0, 0);
    assert_eq!(
        f.query(&["edges", "--from", "RUSSIA", "--to", "kyiv"]).0,
        1,
        "Kyiv is no alias seen in this graph"
    );
    assert_eq!(
        f.query(&["neighbors", "Rusia"]),
        (
            1,
            "error: no actor 'Rusia' (did you mean 'Russia' -> russia?)\n".to_string()
        )
    );
}

#[test]
fn neighbors_paths_evidence_and_centrality() {
    let f = Fixture::new();
    assert_eq!(
        f.query(&["neighbors", "Poland", "--depth", "2"]).1,
        "LABEL           DEPTH  VIA\n\
         Russia              1  <attacks,<threatens\n\
         Ukraine             1  supports>\n\
         European Union      2  <pressures\n"
    );
    assert_eq!(
        f.query(&["neighbors", "Poland", "--ids"]).1,
        "ID       LABEL    DEPTH  VIA\n\
         russia   Russia       1  <attacks,<threatens\n\
         ukraine  Ukraine      1  supports>\n"
    );
    assert_eq!(
        f.query(&["path", "EU", "Poland"]).1,
        "European Union -pressures-> Russia -attacks-> Poland\n"
    );
    assert_eq!(
        f.query(&["--ids", "path", "EU", "Poland"]).1,
        "european_union -pressures-> russia -attacks-> poland\n"
    );
    let (code, out) = f.query(&["path", "EU", "Poland", "--all", "--max-len", "3"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 2, "{out}");
    let (code, out) = f.query(&["evidence", "russia", "attacks", "ukraine"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(
            "Russia attacks Ukraine  d1:0..24  rule attacks/t-verb  trigger \"attacked\"\n  Russia attacked Ukraine.\n"
        ),
        "{out}"
    );
    // Degree is a count; the other scores have four significant digits.
    assert_eq!(
        f.query(&["top", "--by", "degree", "--limit", "1"]).1,
        "LABEL   DEGREE\nRussia       5\n"
    );
    assert_eq!(
        f.query(&["top", "--by", "degree", "--limit", "1", "--ids"]).1,
        "ID      LABEL   DEGREE\nrussia  Russia       5\n"
    );
    assert!(f
        .query(&["top", "--by", "pagerank", "--limit", "1"])
        .1
        .starts_with("LABEL"));
    assert!(f
        .query(&["top", "--by", "betweenness", "--limit", "1"])
        .1
        .contains("\nRussia "));
}

#[test]
fn stance_and_time() {
    let f = Fixture::new();
    assert_eq!(
        f.query(&["between", "Russia", "Ukraine"]).1,
        "SOURCE  RELATION          TARGET   WEIGHT  FLAGS\n\
         Russia  -> attacks ->     Ukraine       1\n\
         Russia  -- negotiates --  Ukraine       1\n\
         net stance: +0 (cooperative minus conflictual weight, negated edges aside)\n"
    );
    assert_eq!(
        f.query(&["allies", "Ukraine"]).1,
        "LABEL   COOPERATIVE  CONFLICTUAL  NET\nPoland            1            0   +1\n"
    );
    assert_eq!(
        f.query(&["allies", "Ukraine", "--ids"]).1,
        "ID      LABEL   COOPERATIVE  CONFLICTUAL  NET\npoland  Poland            1            0   +1\n"
    );
    assert_eq!(
        f.query(&["rivals", "Russia"])
            .1
            .lines()
            .nth(1)
            .map(|l| l.split("  ").next()),
        Some(Some("European Union"))
    );
    assert_eq!(
        f.query(&["timeline", "Russia", "--by", "month"]).1,
        "PERIOD   RELATION    COUNT\n\
         2025-01  attacks         1\n\
         2025-02  pressures       1\n\
         2025-02  threatens       1\n\
         2025-03  attacks         1\n\
         2025-03  negotiates      1\n"
    );
    // --since/--until keep the evidence of documents dated in the range.
    assert_eq!(
        f.query(&["edges", "--from", "russia", "--since", "2025-02", "--until", "2025-02"])
            .1
            .lines()
            .count(),
        2
    );
    let (code, json) = f.query(&["timeline", "Russia", "Poland", "--by", "year", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["2025"]["threatens"], 1);
}

#[test]
fn seed_graph_questions() {
    let o = run_in(&repo(), &["query", "path", "Trump", "Zelensky"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run_in(&repo(), &["query", "vladimir_putin -[leads]-> ?", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v[0]["target"], "russia");
}

#[test]
fn subgraph_and_graph_formats() {
    let f = Fixture::new();
    let (code, out) = f.query(&["subgraph", "Poland", "--depth", "1", "--format", "json"]);
    assert_eq!(code, 0);
    let g = actorgraph::graphfile::GraphFile::from_json_str(&out, "stdout").expect("a valid graph file");
    let ids: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["poland", "russia", "ukraine"]);
    assert_eq!(g.edges.len(), 5, "every edge among the three");
    let (code, dot) = f.query(&["russia -[threatens]-> ?", "--format", "dot"]);
    assert_eq!(code, 0);
    assert!(
        dot.starts_with("digraph {") && dot.contains("\"russia\" -> \"poland\""),
        "{dot}"
    );
    let (code, err) = f.query(&["actors", "--format", "dot"]);
    assert_eq!(code, 2);
    assert!(err.contains("--format dot|json applies to edge listings"), "{err}");
}

/// Every subcommand on the committed seed graph (`output/graph.json`), with checks
/// that hold for any correct build of the seeds, plus evidence spans checked
/// against the seed text itself.
#[test]
fn every_subcommand_on_the_seed_graph() {
    let json = |args: &[&str]| -> serde_json::Value {
        let mut a = vec!["query", "--json"];
        a.extend(args);
        let o = run_in(&repo(), &a);
        assert!(o.status.success(), "query {args:?}: {}", stderr(&o));
        serde_json::from_slice(&o.stdout).expect("json")
    };
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .expect("array")
            .iter()
            .map(|x| x["id"].as_str().expect("id").to_string())
            .collect()
    };
    let states = ids(&json(&["actors", "--kind", "state"]));
    for s in ["ukraine", "russia", "united_states"] {
        assert!(states.contains(&s.to_string()), "{states:?}");
    }
    let edges = json(&["edges", "--from", "the Kremlin"]);
    assert!(edges
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["source"] == "russia" || e["target"] == "russia"));
    let edges = json(&["edges", "--from", "PUTIN"]);
    let edges = edges.as_array().expect("array");
    assert!(!edges.is_empty());
    for e in edges {
        assert!(e["source"] == "vladimir_putin" || e["symmetric"] == true, "{e}");
    }
    assert!(!ids(&json(&["neighbors", "Kyiv", "--dir", "in"])).is_empty());
    // Evidence: each record's span is that very sentence in the seed document.
    let (s, r, t) = (&edges[0]["source"], &edges[0]["relation"], &edges[0]["target"]);
    let ev = json(&[
        "evidence",
        s.as_str().unwrap(),
        r.as_str().unwrap(),
        t.as_str().unwrap(),
    ]);
    for rec in ev.as_array().expect("array") {
        let text = std::fs::read_to_string(repo().join("seeds").join(rec["doc"].as_str().unwrap())).unwrap();
        let (a, b) = (
            rec["start"].as_u64().unwrap() as usize,
            rec["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[a..b], rec["text"].as_str().unwrap());
    }
    assert_eq!(
        json(&["top", "--by", "pagerank", "--limit", "3"])
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let between = json(&["between", "Trump", "Putin"]);
    assert!(
        between["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["relation"] == "negotiates"),
        "{between}"
    );
    assert!(!ids(&json(&["allies", "Ukraine"])).is_empty());
    assert!(!ids(&json(&["rivals", "Ukraine"])).is_empty());
    assert!(json(&["timeline", "Trump", "--by", "month"]).get("2025-02").is_some());
    let o = run_in(&repo(), &["query", "subgraph", "Putin", "--format", "json"]);
    let g = actorgraph::graphfile::GraphFile::from_json_str(&String::from_utf8_lossy(&o.stdout), "stdout")
        .expect("a graph file");
    assert!(g.nodes.iter().any(|n| n.id == "vladimir_putin"));
}
