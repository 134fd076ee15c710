//! `actorgraph eval` on the shared gold: the score does not drop, and a graph
//! made from the gold itself scores 1.0.

use crate::support::{repo, run_in, shared, stderr};
use actorgraph::graphfile::{DocumentRec, EdgeRec, EvidenceRec, GraphFile, NodeRec};
use std::collections::{BTreeMap, BTreeSet};

fn gold_dir() -> std::path::PathBuf {
    let d = shared("gold");
    assert!(d.is_dir(), "{} is missing: the shared gold set is needed", d.display());
    d
}

/// Current figures on the five seed articles; raise them as the rules improve.
const FLOOR_TRIPLES_F1: f64 = 0.81;
const FLOOR_TRIPLES_P: f64 = 0.9;
/// (0.965 since the shared gold's demonym rule was clarified: the seeds gained a
/// gold actor the rules do not find yet; the syntax-rules issue reads demonyms.)
const FLOOR_ACTORS_F1: f64 = 0.96;

/// `actorgraph ARGS` (an `eval ... --json` run) must succeed and print one JSON object.
fn eval_json(args: &[&str]) -> serde_json::Value {
    let o = run_in(&repo(), args);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("one JSON object")
}

#[test]
fn seed_gold_score_does_not_drop() {
    let v = eval_json(&["eval", "--gold", gold_dir().to_str().expect("utf8"), "--json"]);
    assert_eq!(v["docs"], 5);
    let f1 = v["triples"]["f1"].as_f64().expect("f1");
    let p = v["triples"]["p"].as_f64().expect("p");
    let actors = v["actors"]["f1"].as_f64().expect("actors f1");
    assert!(
        f1 >= FLOOR_TRIPLES_F1,
        "triples F1 dropped to {f1} (floor {FLOOR_TRIPLES_F1})"
    );
    assert!(
        p >= FLOOR_TRIPLES_P,
        "triples precision dropped to {p} (floor {FLOOR_TRIPLES_P})"
    );
    assert!(
        actors >= FLOOR_ACTORS_F1,
        "actors F1 dropped to {actors} (floor {FLOOR_ACTORS_F1})"
    );
    for k in ["evidence", "actors"] {
        for m in ["p", "r", "f1"] {
            assert!(v[k][m].is_number(), "{k}.{m}");
        }
    }
    assert!(v["per_relation"]["demands"]["tp"].is_number());
    assert!(v["flags"]["hedged_agreement"].is_number() && v["flags"]["said_by_agreement"].is_number());
}

/// Current figures on the development gold (eighteen Ukraine-corpus articles the rules were not
/// written from, tests/data/devgold/README.md); raise them as the rules improve.
const FLOOR_DEV_F1: f64 = 0.79;
const FLOOR_DEV_P: f64 = 0.9;

#[test]
fn ukraine_dev_gold_score_does_not_drop() {
    let (f1, p) = ukraine_gold_score("tests/data/devgold");
    assert!(
        f1 >= FLOOR_DEV_F1,
        "dev triples F1 dropped to {f1} (floor {FLOOR_DEV_F1})"
    );
    assert!(
        p >= FLOOR_DEV_P,
        "dev triples precision dropped to {p} (floor {FLOOR_DEV_P})"
    );
}

/// Triples (F1, precision) of `eval` on a gold directory of Ukraine-corpus articles: `*.txt`
/// documents are files of the corpus, the others records of `ukraine_web.jsonl`.
fn ukraine_gold_score(dir: &str) -> (f64, f64) {
    let corpus = shared("corpus/ukraine");
    assert!(
        corpus.is_dir(),
        "{} is missing: the shared corpus is needed",
        corpus.display()
    );
    let gold = repo().join(dir);
    let mut args: Vec<String> = vec![
        "eval".into(),
        "--gold".into(),
        gold.to_string_lossy().into_owned(),
        "--json".into(),
        corpus.join("ukraine_web.jsonl").to_string_lossy().into_owned(),
    ];
    let mut docs = 0;
    for entry in std::fs::read_dir(&gold).expect("gold directory").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(doc) = name.strip_suffix(".jsonl") {
            docs += 1;
            if doc.ends_with(".txt") {
                args.push(corpus.join(doc).to_string_lossy().into_owned());
            }
        }
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let v = eval_json(&args);
    assert_eq!(v["docs"], docs);
    (
        v["triples"]["f1"].as_f64().expect("f1"),
        v["triples"]["p"].as_f64().expect("p"),
    )
}

/// Figures on the held-out gold (thirteen Ukraine-corpus articles annotated after the rules and
/// never used to write them, tests/data/holdout/README.md). The floors sit just under the current
/// figures (first measured at F1 0.667); they guard against a drop, and the set must not be tuned to.
const FLOOR_HOLDOUT_F1: f64 = 0.70;
const FLOOR_HOLDOUT_P: f64 = 0.9;

#[test]
fn ukraine_holdout_gold_score_does_not_drop() {
    let (f1, p) = ukraine_gold_score("tests/data/holdout");
    assert!(
        f1 >= FLOOR_HOLDOUT_F1,
        "holdout triples F1 dropped to {f1} (floor {FLOOR_HOLDOUT_F1})"
    );
    assert!(
        p >= FLOOR_HOLDOUT_P,
        "holdout triples precision dropped to {p} (floor {FLOOR_HOLDOUT_P})"
    );
}

/// A graph whose edges are exactly the gold relations, with evidence on each quote.
fn graph_from_gold() -> (GraphFile, tempfile::TempDir) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut documents = Vec::new();
    let mut edges: BTreeMap<(String, String, String, bool), EdgeRec> = BTreeMap::new();
    let mut nodes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(gold_dir()).expect("gold").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(doc) = name.strip_suffix(".jsonl") else {
            continue;
        };
        let text = std::fs::read_to_string(repo().join("seeds").join(doc)).expect("seed text");
        let path = tmp.path().join(doc);
        std::fs::write(&path, &text).expect("copy");
        documents.push(DocumentRec {
            id: doc.into(),
            path: Some(path.display().to_string()),
            bytes: text.len() as u64,
            sha256: String::new(),
            title: None,
            date: None,
        });
        for line in std::fs::read_to_string(entry.path()).expect("gold").lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("gold line");
            match v["type"].as_str() {
                Some("actors") => {
                    for a in v["actors"].as_array().expect("actors") {
                        nodes
                            .entry(a.as_str().expect("id").into())
                            .or_default()
                            .insert(doc.into());
                    }
                }
                Some("relation") => {
                    let quote = v["quote"].as_str().expect("quote");
                    let start = text.find(quote).expect("quote in text");
                    let (s, r, t) = (
                        v["source"].as_str().unwrap(),
                        v["relation"].as_str().unwrap(),
                        v["target"].as_str().unwrap(),
                    );
                    let neg = v["negated"].as_bool().unwrap_or(false);
                    let hedged = v["hedged"].as_bool().unwrap_or(false);
                    let e = edges.entry((s.into(), r.into(), t.into(), neg)).or_insert(EdgeRec {
                        source: s.into(),
                        target: t.into(),
                        relation: r.into(),
                        symmetric: false,
                        negated: neg,
                        hedged,
                        weight: 0,
                        first_seen: None,
                        last_seen: None,
                        evidence: vec![],
                    });
                    e.weight += 1;
                    e.evidence.push(EvidenceRec {
                        doc: doc.into(),
                        start: start as u64,
                        end: (start + quote.len()) as u64,
                        text: quote.into(),
                        sentence: 0,
                        rule: "gold".into(),
                        trigger: String::new(),
                        negated: neg,
                        hedged,
                        said_by: v["said_by"].as_str().map(String::from),
                    });
                }
                _ => {}
            }
        }
    }
    let g = GraphFile {
        format: "actorgraph-graph".into(),
        version: 1,
        generator: "test".into(),
        relations: vec![],
        documents,
        nodes: nodes
            .into_iter()
            .map(|(id, docs)| NodeRec {
                id: id.clone(),
                label: id,
                kind: "state".into(),
                aliases: vec![],
                mentions: 1,
                documents: docs.into_iter().collect(),
            })
            .collect(),
        edges: edges.into_values().collect(),
    };
    (g, tmp)
}

#[test]
fn a_graph_made_of_the_gold_scores_one() {
    let (g, tmp) = graph_from_gold();
    let path = tmp.path().join("graph.json");
    g.save(&path).expect("save");
    let o = run_in(
        &repo(),
        &[
            "eval",
            "--gold",
            gold_dir().to_str().expect("utf8"),
            "--graph",
            path.to_str().expect("utf8"),
            "--json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    for k in ["triples", "evidence", "actors"] {
        assert_eq!(v[k]["f1"], 1.0, "{k}: {v}");
    }
    assert_eq!(v["triples"]["fp"], 0);
    assert_eq!(v["triples"]["fn"], 0);
}

#[test]
fn show_errors_lists_missed_and_spurious_keys() {
    let o = run_in(
        &repo(),
        &["eval", "--gold", gold_dir().to_str().expect("utf8"), "--show", "errors"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.starts_with("documents: 5\n\n"), "{text}");
    assert!(text.contains("\n== 000_cb883c9b1bea4990.txt\n"), "{text}");
    assert!(text.contains("\nmissed   "), "{text}");
    assert!(text.contains("\nspurious "), "{text}");
}

/// The per-relation table stays aligned for relation names longer than the default
/// column ("investigates" in the corporate example).
#[test]
fn table_columns_fit_long_relation_names() {
    let ex = repo().join("examples/corporate");
    let arg = |p: &str| ex.join(p).to_str().expect("utf8").to_string();
    let (gold, rules, articles) = (arg("gold"), arg("rules"), arg("articles"));
    let o = run_in(&repo(), &["eval", "--gold", &gold, "--rules", &rules, &articles]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    // Fixed-width columns: every row of the table, header included, has one length.
    let widths: BTreeSet<usize> = out
        .lines()
        .skip_while(|l| !l.starts_with("relation"))
        .take_while(|l| !l.is_empty())
        .map(|l| l.chars().count())
        .collect();
    assert_eq!(widths.len(), 1, "columns misaligned:\n{out}");
    assert!(out.contains("investigates "), "{out}");
}
