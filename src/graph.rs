//! Merging extractions into one petgraph graph, and converting it to the
//! on-disk `GraphFile`.
//!
//! Input: documents with their `Extraction`s, in document order. Output: an
//! `ActorGraph` (one node per actor id, one edge per `(source, relation,
//! target, negated)`, weight = evidence count) and, from it, a sorted,
//! deterministic `GraphFile`. Pure: no I/O.

use crate::extract::{ActorRef, Extraction};
use crate::graphfile::{DocumentRec, EdgeRec, EvidenceRec, GraphFile, NodeRec, RelationRec};
use crate::ingest::Document;
use crate::rules::RuleSet;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Clone)]
pub struct NodeData {
    pub id: String,
    pub label: String,
    pub kind: String,
    pub aliases: BTreeSet<String>,
    pub mentions: u64,
    pub documents: BTreeSet<String>,
}

#[derive(Debug, Clone)]
pub struct EdgeData {
    pub relation: String,
    pub symmetric: bool,
    pub negated: bool,
    pub weight: u64,
    pub evidence: Vec<EvidenceRec>,
    pub dates: Vec<String>,
}

/// The merged graph.
#[derive(Debug, Default)]
pub struct ActorGraph {
    pub graph: DiGraph<NodeData, EdgeData>,
    nodes: HashMap<String, NodeIndex>,
    edges: HashMap<(String, String, String, bool), EdgeIndex>,
    pub documents: Vec<DocumentRec>,
    /// Keep at most this many evidence records per edge (weight still counts all).
    pub max_evidence: Option<usize>,
}

impl ActorGraph {
    pub fn new() -> ActorGraph {
        ActorGraph::default()
    }

    fn node(&mut self, id: &str, label: &str, kind: &str) -> NodeIndex {
        if let Some(&n) = self.nodes.get(id) {
            return n;
        }
        let n = self.graph.add_node(NodeData {
            id: id.to_string(),
            label: label.to_string(),
            kind: kind.to_string(),
            aliases: BTreeSet::new(),
            mentions: 0,
            documents: BTreeSet::new(),
        });
        self.nodes.insert(id.to_string(), n);
        n
    }

    /// Adds one document's extraction.
    pub fn add(&mut self, rules: &RuleSet, doc: &Document, ex: &Extraction) {
        self.documents.push(DocumentRec {
            id: doc.id.clone(),
            path: doc.path.clone(),
            bytes: doc.text.len() as u64,
            sha256: doc.sha256.clone(),
            title: doc.title.clone(),
            date: doc.date.clone(),
        });
        let node_of = |g: &mut ActorGraph, r: ActorRef| {
            let a = ex.actor(rules, r);
            g.node(&a.id, &a.label, a.kind.as_str())
        };
        for m in &ex.mentions {
            let n = node_of(self, m.actor);
            let data = &mut self.graph[n];
            data.documents.insert(doc.id.clone());
            if !m.pronoun {
                data.mentions += 1;
                data.aliases.insert(doc.text[m.start..m.end].replace('\u{2019}', "'"));
            }
        }
        for r in &ex.relations {
            let rel = rules.relation(&r.relation);
            let symmetric = rel.is_some_and(|x| x.symmetric);
            let (mut s, mut t) = (node_of(self, r.source), node_of(self, r.target));
            if symmetric && self.graph[t].id < self.graph[s].id {
                std::mem::swap(&mut s, &mut t);
            }
            for n in [s, t] {
                self.graph[n].documents.insert(doc.id.clone());
            }
            let key = (
                self.graph[s].id.clone(),
                r.relation.clone(),
                self.graph[t].id.clone(),
                r.negated,
            );
            let e = match self.edges.get(&key) {
                Some(&e) => e,
                None => {
                    let e = self.graph.add_edge(
                        s,
                        t,
                        EdgeData {
                            relation: r.relation.clone(),
                            symmetric,
                            negated: r.negated,
                            weight: 0,
                            evidence: Vec::new(),
                            dates: Vec::new(),
                        },
                    );
                    self.edges.insert(key, e);
                    e
                }
            };
            let said_by = r.said_by.map(|a| ex.actor(rules, a).id.clone());
            let max = self.max_evidence;
            let data = &mut self.graph[e];
            data.weight += 1;
            if let Some(d) = &doc.date {
                data.dates.push(d.clone());
            }
            if max.is_none_or(|m| data.evidence.len() < m) {
                data.evidence.push(EvidenceRec {
                    doc: doc.id.clone(),
                    start: r.start as u64,
                    end: r.end as u64,
                    text: doc.text[r.start..r.end].to_string(),
                    sentence: r.sentence as u64,
                    rule: r.rule.clone(),
                    trigger: r.trigger.clone(),
                    negated: r.negated,
                    hedged: r.hedged,
                    said_by,
                });
            }
        }
    }

    /// The sorted, deterministic file form.
    pub fn to_file(&self, rules: &RuleSet) -> GraphFile {
        let mut nodes: Vec<NodeRec> = self
            .graph
            .node_weights()
            .map(|n| NodeRec {
                id: n.id.clone(),
                label: n.label.clone(),
                kind: n.kind.clone(),
                aliases: n.aliases.iter().cloned().collect(),
                mentions: n.mentions,
                documents: n.documents.iter().cloned().collect(),
            })
            .collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        let mut edges: Vec<EdgeRec> = self
            .graph
            .edge_indices()
            .map(|e| {
                let (s, t) = self.graph.edge_endpoints(e).expect("edge endpoints");
                let d = &self.graph[e];
                let mut evidence = d.evidence.clone();
                evidence.sort_by(|a, b| {
                    (a.doc.as_str(), a.start, a.rule.as_str()).cmp(&(b.doc.as_str(), b.start, b.rule.as_str()))
                });
                EdgeRec {
                    source: self.graph[s].id.clone(),
                    target: self.graph[t].id.clone(),
                    relation: d.relation.clone(),
                    symmetric: d.symmetric,
                    negated: d.negated,
                    hedged: !evidence.is_empty() && evidence.iter().all(|x| x.hedged),
                    weight: d.weight,
                    first_seen: d.dates.iter().min().cloned(),
                    last_seen: d.dates.iter().max().cloned(),
                    evidence,
                }
            })
            .collect();
        edges.sort_by(|a, b| {
            (&a.source, &a.relation, &a.target, a.negated).cmp(&(&b.source, &b.relation, &b.target, b.negated))
        });
        let mut relations: Vec<RelationRec> = rules
            .relations
            .iter()
            .map(|r| RelationRec {
                id: r.id.clone(),
                symmetric: r.symmetric,
                polarity: r.polarity.clone(),
                color: r.color.clone(),
                plover: r.plover.clone(),
                cameo: r.cameo.clone(),
            })
            .collect();
        relations.sort_by(|a, b| a.id.cmp(&b.id));
        let mut documents = self.documents.clone();
        documents.sort_by(|a, b| a.id.cmp(&b.id));
        GraphFile {
            format: crate::graphfile::FORMAT.into(),
            version: crate::graphfile::VERSION,
            generator: format!("actorgraph {}", env!("CARGO_PKG_VERSION")),
            relations,
            documents,
            nodes,
            edges,
        }
    }
}
