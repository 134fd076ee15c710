//! Scoring a graph against hand-annotated gold (GUIDELINES.md sections 4 and 5).
//!
//! Input: gold JSONL files (one per document, `DOC.jsonl`), a `GraphFile` and
//! the documents' texts. Output: a `Report`: micro P/R/F1 over distinct
//! `(source, relation, target, negated)` keys per document (symmetric
//! relations unordered), the same requiring evidence overlap with the gold
//! quote, actor-set P/R/F1, a per-relation table, agreement of `hedged` and
//! `said_by` on matched keys, and every missed and spurious key. Evidence that
//! starts inside an `ignore` region is left out. Pure, except `load_gold`.

use crate::graphfile::GraphFile;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Relations compared unordered even when a graph does not say so.
const SYMMETRIC: [&str; 2] = ["negotiates", "cooperates"];

#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub source: String,
    pub relation: String,
    pub target: String,
    pub negated: bool,
}

impl Key {
    fn new(source: &str, relation: &str, target: &str, negated: bool, symmetric: bool) -> Key {
        let (s, t) = if (symmetric || SYMMETRIC.contains(&relation)) && target < source {
            (target, source)
        } else {
            (source, target)
        };
        Key {
            source: s.into(),
            relation: relation.into(),
            target: t.into(),
            negated,
        }
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let not = if self.negated { "not " } else { "" };
        write!(f, "{} {not}{} {}", self.source, self.relation, self.target)
    }
}

#[derive(Debug, Clone, Default)]
pub struct GoldRelation {
    pub key: Key,
    /// `file:line` of the annotation, for warnings.
    pub at: String,
    pub quote: String,
    pub hedged: bool,
    pub said_by: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct GoldDoc {
    pub doc: String,
    pub actors: Option<BTreeSet<String>>,
    /// (quote, until, `file:line`)
    pub ignore: Vec<(String, Option<String>, String)>,
    pub relations: Vec<GoldRelation>,
}

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: cannot read gold: {cause}")]
    Read { path: String, cause: std::io::Error },
    #[error("{path}:{line}: {message}")]
    Line { path: String, line: usize, message: String },
    #[error("{path}: no gold files (*.jsonl) found")]
    Empty { path: String },
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum GoldLine {
    Actors {
        actors: Vec<String>,
    },
    Ignore {
        quote: String,
        until: Option<String>,
    },
    Relation {
        source: String,
        relation: String,
        target: String,
        quote: String,
        #[serde(default)]
        negated: bool,
        #[serde(default)]
        hedged: bool,
        #[serde(default)]
        said_by: Option<String>,
    },
}

/// Parses one gold file's text; `doc` is the document id.
pub fn parse_gold(text: &str, doc: &str, path: &str) -> Result<GoldDoc, EvalError> {
    let mut g = GoldDoc {
        doc: doc.to_string(),
        ..Default::default()
    };
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed: GoldLine = serde_json::from_str(line).map_err(|e| EvalError::Line {
            path: path.to_string(),
            line: i + 1,
            message: format!("not a gold line: {e}"),
        })?;
        match parsed {
            GoldLine::Actors { actors } => g.actors.get_or_insert_with(BTreeSet::new).extend(actors),
            GoldLine::Ignore { quote, until } => g.ignore.push((quote, until, format!("{path}:{}", i + 1))),
            GoldLine::Relation {
                source,
                relation,
                target,
                quote,
                negated,
                hedged,
                said_by,
            } => g.relations.push(GoldRelation {
                key: Key::new(&source, &relation, &target, negated, false),
                at: format!("{path}:{}", i + 1),
                quote,
                hedged,
                said_by,
            }),
        }
    }
    Ok(g)
}

/// Reads every `*.jsonl` gold file of a directory, sorted by name.
pub fn load_gold(dir: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let shown = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|cause| EvalError::Read {
        path: shown.clone(),
        cause,
    })?;
    let mut files: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(EvalError::Empty { path: shown });
    }
    files
        .iter()
        .map(|p| {
            let path = p.display().to_string();
            let text = std::fs::read_to_string(p).map_err(|cause| EvalError::Read {
                path: path.clone(),
                cause,
            })?;
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let doc = name.strip_suffix(".jsonl").unwrap_or(&name).to_string();
            parse_gold(&text, &doc, &path)
        })
        .collect()
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub tp: u64,
    pub fp: u64,
    pub fn_: u64,
}

impl Prf {
    pub fn p(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn r(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    Missed,
    Spurious,
    /// A matched key whose `hedged` or `said_by` differs from gold: what differs.
    Flags(String),
}

#[derive(Debug, Clone)]
pub struct ErrorItem {
    pub doc: String,
    pub kind: ErrorKind,
    pub key: Key,
    /// The gold quote (missed, flags) or the system's evidence sentence (spurious).
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub docs: usize,
    pub triples: Prf,
    pub evidence: Prf,
    pub actors: Prf,
    pub per_relation: BTreeMap<String, Prf>,
    /// (agreeing, compared)
    pub hedged: (u64, u64),
    pub said_by: (u64, u64),
    pub errors: Vec<ErrorItem>,
    /// Per document with a gold actor list: (doc, actors missed, actors spurious), where either is non-empty.
    pub actor_errors: Vec<(String, Vec<String>, Vec<String>)>,
    /// Gold documents with no matching input document, gold quotes not found.
    pub warnings: Vec<String>,
}

/// Byte range of the first occurrence of `quote` in `text` at or after `from`.
fn locate(text: &str, quote: &str, from: usize) -> Option<(usize, usize)> {
    text.get(from..)?
        .find(quote)
        .map(|p| (from + p, from + p + quote.len()))
}

struct SystemEdge<'a> {
    hedged: bool,
    spans: Vec<(u64, u64)>,
    said_by: BTreeSet<Option<&'a str>>,
    text: &'a str,
}

/// Scores `graph` against `gold`; `texts` maps document ids to their text.
pub fn score(gold: &[GoldDoc], graph: &GraphFile, texts: &HashMap<String, String>) -> Report {
    let mut rep = Report::default();
    let in_graph: BTreeSet<&str> = graph.documents.iter().map(|d| d.id.as_str()).collect();
    let symmetric: BTreeSet<&str> = graph
        .relations
        .iter()
        .filter(|r| r.symmetric)
        .map(|r| r.id.as_str())
        .collect();
    for g in gold {
        if !in_graph.contains(g.doc.as_str()) {
            rep.warnings
                .push(format!("gold document {:?} is not among the inputs; skipped", g.doc));
            continue;
        }
        let Some(text) = texts.get(&g.doc) else {
            rep.warnings.push(format!("no text for document {:?}; skipped", g.doc));
            continue;
        };
        rep.docs += 1;
        let mut regions: Vec<(usize, usize)> = Vec::new();
        for (q, until, at) in &g.ignore {
            let Some((s, e)) = locate(text, q, 0) else {
                rep.warnings
                    .push(format!("{at}: ignore quote not found in {:?}: {q:?}", g.doc));
                continue;
            };
            let end = match until {
                Some(u) => match locate(text, u, s) {
                    Some((_, ue)) => ue,
                    None => {
                        // Not the rest of the document: only the quote itself.
                        rep.warnings.push(format!(
                            "{at}: \"until\" quote not found after the ignore quote in {:?}: {u:?}; only the quote is ignored",
                            g.doc
                        ));
                        e
                    }
                },
                None => text.len(),
            };
            regions.push((s, end.max(e)));
        }
        let known: BTreeSet<&str> = graph.relations.iter().map(|r| r.id.as_str()).collect();
        for r in &g.relations {
            if !known.is_empty() && !known.contains(r.key.relation.as_str()) {
                rep.warnings.push(format!(
                    "{}: unknown relation {:?} (relations: {})",
                    r.at,
                    r.key.relation,
                    known.iter().copied().collect::<Vec<_>>().join(", ")
                ));
            }
            if locate(text, &r.quote, 0).is_none() {
                rep.warnings
                    .push(format!("{}: gold quote not found in {:?}: {:?}", r.at, g.doc, r.quote));
            }
        }
        let ignored = |start: u64| {
            regions
                .iter()
                .any(|&(s, e)| (start as usize) >= s && (start as usize) < e)
        };

        // System keys of this document.
        let mut sys: BTreeMap<Key, SystemEdge> = BTreeMap::new();
        for e in &graph.edges {
            for ev in e.evidence.iter().filter(|ev| ev.doc == g.doc && !ignored(ev.start)) {
                let key = Key::new(&e.source, &e.relation, &e.target, e.negated, e.symmetric);
                let entry = sys.entry(key).or_insert(SystemEdge {
                    hedged: true,
                    spans: vec![],
                    said_by: BTreeSet::new(),
                    text: &ev.text,
                });
                entry.hedged &= ev.hedged;
                entry.spans.push((ev.start, ev.end));
                entry.said_by.insert(ev.said_by.as_deref());
            }
        }
        // Gold keys (first annotation of each key wins for its flags); a relation the
        // graph declares symmetric ("partners" in a domain rule set) is unordered too.
        let mut gold_keys: BTreeMap<Key, &GoldRelation> = BTreeMap::new();
        for r in &g.relations {
            let k = &r.key;
            let key = Key::new(
                &k.source,
                &k.relation,
                &k.target,
                k.negated,
                symmetric.contains(k.relation.as_str()),
            );
            gold_keys.entry(key).or_insert(r);
        }
        for (key, gr) in &gold_keys {
            let rel = rep.per_relation.entry(key.relation.clone()).or_default();
            match sys.get(key) {
                Some(se) => {
                    rep.triples.tp += 1;
                    rel.tp += 1;
                    let span = locate(text, &gr.quote, 0);
                    let overlaps = span
                        .is_some_and(|(qs, qe)| se.spans.iter().any(|&(s, e)| (s as usize) < qe && (e as usize) > qs));
                    if overlaps {
                        rep.evidence.tp += 1;
                    } else {
                        rep.evidence.fn_ += 1;
                        rep.evidence.fp += 1;
                    }
                    rep.hedged.1 += 1;
                    rep.hedged.0 += u64::from(se.hedged == gr.hedged);
                    rep.said_by.1 += 1;
                    let said_by_ok = se.said_by.contains(&gr.said_by.as_deref());
                    rep.said_by.0 += u64::from(said_by_ok);
                    let mut differs = Vec::new();
                    if se.hedged != gr.hedged {
                        differs.push(format!("hedged {} (gold {})", se.hedged, gr.hedged));
                    }
                    if !said_by_ok {
                        let got: Vec<&str> = se.said_by.iter().map(|s| s.unwrap_or("null")).collect();
                        differs.push(format!(
                            "said_by {} (gold {})",
                            got.join("|"),
                            gr.said_by.as_deref().unwrap_or("null")
                        ));
                    }
                    if !differs.is_empty() {
                        rep.errors.push(ErrorItem {
                            doc: g.doc.clone(),
                            kind: ErrorKind::Flags(differs.join(", ")),
                            key: key.clone(),
                            text: gr.quote.clone(),
                        });
                    }
                }
                None => {
                    rep.triples.fn_ += 1;
                    rep.evidence.fn_ += 1;
                    rel.fn_ += 1;
                    rep.errors.push(ErrorItem {
                        doc: g.doc.clone(),
                        kind: ErrorKind::Missed,
                        key: key.clone(),
                        text: gr.quote.clone(),
                    });
                }
            }
        }
        for (key, se) in &sys {
            if !gold_keys.contains_key(key) {
                rep.triples.fp += 1;
                rep.evidence.fp += 1;
                rep.per_relation.entry(key.relation.clone()).or_default().fp += 1;
                rep.errors.push(ErrorItem {
                    doc: g.doc.clone(),
                    kind: ErrorKind::Spurious,
                    key: key.clone(),
                    text: se.text.to_string(),
                });
            }
        }
        if let Some(gold_actors) = &g.actors {
            let sys_actors: BTreeSet<&str> = graph
                .nodes
                .iter()
                .filter(|n| n.documents.iter().any(|d| d == &g.doc))
                .map(|n| n.id.as_str())
                .collect();
            let mut missed = Vec::new();
            for a in gold_actors {
                if sys_actors.contains(a.as_str()) {
                    rep.actors.tp += 1;
                } else {
                    rep.actors.fn_ += 1;
                    missed.push(a.clone());
                }
            }
            let spurious: Vec<String> = sys_actors
                .iter()
                .filter(|a| !gold_actors.contains(**a))
                .map(|a| a.to_string())
                .collect();
            rep.actors.fp += spurious.len() as u64;
            if !missed.is_empty() || !spurious.is_empty() {
                rep.actor_errors.push((g.doc.clone(), missed, spurious));
            }
        }
    }
    rep
}

fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

impl Report {
    pub fn hedged_agreement(&self) -> f64 {
        ratio(self.hedged.0, self.hedged.1)
    }
    pub fn said_by_agreement(&self) -> f64 {
        ratio(self.said_by.0, self.said_by.1)
    }

    /// The `--json` shape.
    pub fn to_json(&self) -> serde_json::Value {
        let prf = |x: &Prf| serde_json::json!({"p": round4(x.p()), "r": round4(x.r()), "f1": round4(x.f1())});
        let mut triples = prf(&self.triples);
        triples["tp"] = self.triples.tp.into();
        triples["fp"] = self.triples.fp.into();
        triples["fn"] = self.triples.fn_.into();
        let per: serde_json::Map<String, serde_json::Value> = self
            .per_relation
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::json!({"tp": v.tp, "fp": v.fp, "fn": v.fn_})))
            .collect();
        serde_json::json!({
            "docs": self.docs,
            "triples": triples,
            "evidence": prf(&self.evidence),
            "actors": prf(&self.actors),
            "per_relation": per,
            "flags": {"hedged_agreement": round4(self.hedged_agreement()), "said_by_agreement": round4(self.said_by_agreement())},
        })
    }

    /// The human table; with `errors`, every missed and spurious key, and every matched key whose
    /// flags differ from gold.
    pub fn render(&self, errors: bool) -> String {
        let mut o = String::new();
        // The first column fits the longest relation name ("investigates" in a custom rule set).
        let w = self
            .per_relation
            .keys()
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(0)
            .max(10);
        let row = |name: &str, x: &Prf| {
            format!(
                "{name:<w$} {:>6.3} {:>6.3} {:>6.3} {:>5} {:>5} {:>5}\n",
                x.p(),
                x.r(),
                x.f1(),
                x.tp,
                x.fp,
                x.fn_
            )
        };
        o.push_str(&format!("documents: {}\n\n", self.docs));
        o.push_str(&format!(
            "{:<w$} {:>6} {:>6} {:>6} {:>5} {:>5} {:>5}\n",
            "", "P", "R", "F1", "TP", "FP", "FN"
        ));
        o.push_str(&row("triples", &self.triples));
        o.push_str(&row("evidence", &self.evidence));
        o.push_str(&row("actors", &self.actors));
        o.push('\n');
        o.push_str(&format!(
            "{:<w$} {:>6} {:>6} {:>6} {:>5} {:>5} {:>5}\n",
            "relation", "P", "R", "F1", "TP", "FP", "FN"
        ));
        for (rel, x) in &self.per_relation {
            o.push_str(&row(rel, x));
        }
        o.push_str(&format!(
            "\nflags on matched keys: hedged agreement {:.3} ({}/{}), said_by agreement {:.3} ({}/{})\n",
            self.hedged_agreement(),
            self.hedged.0,
            self.hedged.1,
            self.said_by_agreement(),
            self.said_by.0,
            self.said_by.1
        ));
        if errors {
            let mut last_doc = "";
            for e in &self.errors {
                if e.doc != last_doc {
                    o.push_str(&format!("\n== {}\n", e.doc));
                    last_doc = &e.doc;
                }
                let (kind, what) = match &e.kind {
                    ErrorKind::Missed => ("missed  ", String::new()),
                    ErrorKind::Spurious => ("spurious", String::new()),
                    ErrorKind::Flags(d) => ("flags   ", format!(": {d}")),
                };
                o.push_str(&format!(
                    "{kind} {}{what}\n         | {}\n",
                    e.key,
                    e.text.replace('\n', " ")
                ));
            }
            if !self.actor_errors.is_empty() {
                o.push_str("\n== actors\n");
                for (doc, missed, spurious) in &self.actor_errors {
                    o.push_str(&format!("{doc}\n"));
                    if !missed.is_empty() {
                        o.push_str(&format!("  missed    {}\n", missed.join(", ")));
                    }
                    if !spurious.is_empty() {
                        o.push_str(&format!("  spurious  {}\n", spurious.join(", ")));
                    }
                }
            }
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphfile::{DocumentRec, EdgeRec, EvidenceRec, NodeRec};

    const TEXT: &str = "Russia rejected the plan. NATO backs Ukraine. About the author. Russia attacks Ukraine.";

    fn edge(s: &str, r: &str, t: &str, neg: bool, start: u64, end: u64, hedged: bool) -> EdgeRec {
        EdgeRec {
            source: s.into(),
            target: t.into(),
            relation: r.into(),
            symmetric: SYMMETRIC.contains(&r),
            negated: neg,
            hedged,
            weight: 1,
            first_seen: None,
            last_seen: None,
            evidence: vec![EvidenceRec {
                doc: "d".into(),
                start,
                end,
                text: TEXT[start as usize..end as usize].into(),
                sentence: 0,
                rule: "x/y".into(),
                trigger: "t".into(),
                negated: neg,
                hedged,
                said_by: None,
            }],
        }
    }

    fn graph(edges: Vec<EdgeRec>, nodes: &[&str]) -> GraphFile {
        GraphFile {
            format: crate::graphfile::FORMAT.into(),
            version: 1,
            generator: "t".into(),
            relations: vec![],
            documents: vec![DocumentRec {
                id: "d".into(),
                path: None,
                bytes: 0,
                sha256: String::new(),
                title: None,
                date: None,
            }],
            nodes: nodes
                .iter()
                .map(|n| NodeRec {
                    id: n.to_string(),
                    label: n.to_string(),
                    kind: "state".into(),
                    aliases: vec![],
                    mentions: 1,
                    documents: vec!["d".into()],
                })
                .collect(),
            edges,
        }
    }

    /// Scores one gold document (as JSONL text) against edges; returns (tp, fp, fn, evidence tp).
    fn check(gold: &str, edges: Vec<EdgeRec>, expected: (u64, u64, u64, u64)) {
        let g = parse_gold(gold, "d", "d.jsonl").expect("gold parses");
        let texts = HashMap::from([("d".to_string(), TEXT.to_string())]);
        let r = score(&[g], &graph(edges, &[]), &texts);
        assert_eq!(
            (r.triples.tp, r.triples.fp, r.triples.fn_, r.evidence.tp),
            expected,
            "{gold}"
        );
    }

    const REJ: &str = r#"{"type":"relation","source":"russia","relation":"rejects","target":"ukraine","quote":"Russia rejected the plan","negated":false,"hedged":false,"said_by":null}"#;
    const NEG: &str = r#"{"type":"relation","source":"ukraine","relation":"negotiates","target":"russia","quote":"NATO backs","negated":false,"hedged":false,"said_by":null}"#;

    #[test]
    fn a_relation_the_graph_declares_symmetric_is_unordered_in_gold_too() {
        let gold = r#"{"type":"relation","source":"union_pacific","relation":"partners","target":"pdvsa","quote":"NATO backs","negated":false,"hedged":false,"said_by":null}"#;
        let g = parse_gold(gold, "d", "d.jsonl").expect("gold parses");
        let texts = HashMap::from([("d".to_string(), TEXT.to_string())]);
        let mut e = edge("pdvsa", "partners", "union_pacific", false, 26, 45, false);
        e.symmetric = true;
        let mut graph = graph(vec![e], &[]);
        graph.relations = vec![crate::graphfile::RelationRec {
            id: "partners".into(),
            symmetric: true,
            polarity: "cooperative".into(),
            color: "#2ca02c".into(),
            plover: vec![],
            cameo: vec![],
        }];
        let r = score(&[g], &graph, &texts);
        assert_eq!((r.triples.tp, r.triples.fp, r.triples.fn_), (1, 0, 0));
    }

    #[test]
    fn keys_and_evidence() {
        check(
            REJ,
            vec![edge("russia", "rejects", "ukraine", false, 0, 25, false)],
            (1, 0, 0, 1),
        );
        check(
            REJ,
            vec![edge("russia", "rejects", "ukraine", false, 26, 45, false)],
            (1, 0, 0, 0),
        );
        check(
            REJ,
            vec![edge("russia", "rejects", "ukraine", true, 0, 25, false)],
            (0, 1, 1, 0),
        );
        check(
            REJ,
            vec![edge("ukraine", "rejects", "russia", false, 0, 25, false)],
            (0, 1, 1, 0),
        );
        check(
            NEG,
            vec![edge("russia", "negotiates", "ukraine", false, 26, 45, false)],
            (1, 0, 0, 1),
        );
    }

    #[test]
    fn ignore_regions() {
        let ign = r#"{"type":"ignore","quote":"About the author."}"#;
        check(
            ign,
            vec![edge("russia", "attacks", "ukraine", false, 64, 87, false)],
            (0, 0, 0, 0),
        );
        let until = r#"{"type":"ignore","quote":"About","until":"author."}"#;
        check(
            until,
            vec![edge("russia", "attacks", "ukraine", false, 64, 87, false)],
            (0, 1, 0, 0),
        );
        check(
            until,
            vec![edge("russia", "attacks", "ukraine", false, 46, 63, false)],
            (0, 0, 0, 0),
        );
    }

    #[test]
    fn actors_and_flags() {
        let gold = format!(
            "{}\n{}",
            r#"{"type":"actors","actors":["russia","ukraine","nato"]}"#,
            REJ.replace("\"hedged\":false", "\"hedged\":true")
        );
        let g = parse_gold(&gold, "d", "d.jsonl").expect("gold");
        let texts = HashMap::from([("d".to_string(), TEXT.to_string())]);
        let r = score(
            &[g],
            &graph(
                vec![edge("russia", "rejects", "ukraine", false, 0, 25, false)],
                &["russia", "ukraine", "china"],
            ),
            &texts,
        );
        assert_eq!((r.actors.tp, r.actors.fp, r.actors.fn_), (2, 1, 1));
        assert_eq!(r.actor_errors.len(), 1);
        let text = r.render(true);
        assert!(
            text.contains("== actors\nd\n  missed    nato\n  spurious  china\n"),
            "{text}"
        );
        assert_eq!((r.hedged, r.said_by), ((0, 1), (1, 1)));
        // `--show errors` names the flag that differs on a matched key.
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.errors[0].kind, ErrorKind::Flags("hedged false (gold true)".into()));
        assert!(r
            .render(true)
            .contains("flags    russia rejects ukraine: hedged false (gold true)"));
    }

    #[test]
    fn quotes_are_located_by_bytes() {
        let text = "Kyiv’s stance — firm. Russia’s “demand” for Ukraine.";
        assert_eq!(locate(text, "Russia’s “demand”", 0), Some((26, 49)));
    }

    #[test]
    fn malformed_gold_line() {
        let err = parse_gold(
            "{\"type\":\"actors\",\"actors\":[]}\n{\"type\":\"relation\"}\n",
            "d",
            "g/d.jsonl",
        )
        .expect_err("bad");
        assert!(
            err.to_string()
                .starts_with("g/d.jsonl:2: not a gold line: missing field `source`"),
            "{err}"
        );
    }
}
