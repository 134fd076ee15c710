//! Merging extractions into one petgraph graph, and converting it to and
//! from the on-disk `GraphFile`.
//!
//! Input: documents with their `Extraction`s, graph files, or extract streams.
//! Output: an `ActorGraph` (one node per actor id, one edge per `(source,
//! relation, target, negated)`, weight = evidence count) and, from it, a
//! sorted, deterministic `GraphFile`. Every way in goes through the same
//! associative, commutative operations (`add_document`, `add_node`,
//! `add_edge`), so shards merged in any order equal one build. Pure: no I/O.

use crate::extract::{ActorRef, Extraction};
use crate::graphfile::{DocumentRec, EdgeRec, EvidenceRec, GraphFile, NodeRec, RelationRec};
use crate::ingest::Document;
use crate::rules::RuleSet;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
    /// Every instance hedged (tracked apart from `evidence`, which may be truncated).
    pub hedged: bool,
    /// The first evidence records in (doc, start, rule) order.
    pub evidence: Vec<EvidenceRec>,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("document {0:?} appears in two inputs; each document must be in one shard only")]
    DuplicateDocument(String),
}

/// The merged graph.
#[derive(Debug, Default)]
pub struct ActorGraph {
    pub graph: DiGraph<NodeData, EdgeData>,
    nodes: HashMap<String, NodeIndex>,
    edges: HashMap<(String, String, String, bool), EdgeIndex>,
    documents: BTreeMap<String, DocumentRec>,
    relations: BTreeMap<String, RelationRec>,
    /// Keep at most this many evidence records per edge (weight still counts all).
    pub max_evidence: Option<usize>,
}

fn evidence_key(e: &EvidenceRec) -> (&str, u64, &str, &str) {
    (e.doc.as_str(), e.start, e.rule.as_str(), e.trigger.as_str())
}

fn min_opt(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

fn max_opt(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

impl ActorGraph {
    pub fn new(max_evidence: Option<usize>) -> ActorGraph {
        ActorGraph {
            max_evidence,
            ..Default::default()
        }
    }

    pub fn document_count(&self) -> usize {
        self.documents.len()
    }

    pub fn has_document(&self, id: &str) -> bool {
        self.documents.contains_key(id)
    }

    pub fn add_relation_type(&mut self, r: RelationRec) {
        self.relations.entry(r.id.clone()).or_insert(r);
    }

    pub fn add_document(&mut self, d: DocumentRec) -> Result<(), MergeError> {
        if self.documents.contains_key(&d.id) {
            return Err(MergeError::DuplicateDocument(d.id));
        }
        self.documents.insert(d.id.clone(), d);
        Ok(())
    }

    /// Adds (or merges into) a node: aliases and documents are united, mentions summed,
    /// and the smallest label kept, so the order of merging does not matter.
    pub fn add_node(&mut self, n: NodeRec) -> NodeIndex {
        if let Some(&i) = self.nodes.get(&n.id) {
            let d = &mut self.graph[i];
            if n.label < d.label {
                d.label = n.label;
            }
            d.aliases.extend(n.aliases);
            d.documents.extend(n.documents);
            d.mentions += n.mentions;
            return i;
        }
        let i = self.graph.add_node(NodeData {
            id: n.id.clone(),
            label: n.label,
            kind: n.kind,
            aliases: n.aliases.into_iter().collect(),
            mentions: n.mentions,
            documents: n.documents.into_iter().collect(),
        });
        self.nodes.insert(n.id, i);
        i
    }

    fn node_index(&mut self, id: &str) -> NodeIndex {
        match self.nodes.get(id) {
            Some(&i) => i,
            None => self.add_node(NodeRec {
                id: id.to_string(),
                label: id.to_string(),
                kind: String::new(),
                aliases: vec![],
                mentions: 0,
                documents: vec![],
            }),
        }
    }

    /// Adds (or merges into) an edge: weights summed, evidence united and cut to
    /// the first `max_evidence` in (doc, start, rule) order, dates widened, hedged ANDed.
    pub fn add_edge(&mut self, e: EdgeRec) {
        let (mut s, mut t) = (e.source, e.target);
        if e.symmetric && t < s {
            std::mem::swap(&mut s, &mut t);
        }
        let (si, ti) = (self.node_index(&s), self.node_index(&t));
        let key = (s, e.relation.clone(), t, e.negated);
        let max = self.max_evidence;
        let idx = match self.edges.get(&key) {
            Some(&i) => i,
            None => {
                let i = self.graph.add_edge(
                    si,
                    ti,
                    EdgeData {
                        relation: e.relation.clone(),
                        symmetric: e.symmetric,
                        negated: e.negated,
                        weight: 0,
                        hedged: true,
                        evidence: Vec::new(),
                        first_seen: None,
                        last_seen: None,
                    },
                );
                self.edges.insert(key, i);
                i
            }
        };
        let d = &mut self.graph[idx];
        d.weight += e.weight;
        d.hedged &= e.hedged;
        d.first_seen = min_opt(d.first_seen.take(), e.first_seen);
        d.last_seen = max_opt(d.last_seen.take(), e.last_seen);
        for ev in e.evidence {
            let pos = d.evidence.partition_point(|x| evidence_key(x) <= evidence_key(&ev));
            if max.is_none_or(|m| pos < m) {
                d.evidence.insert(pos, ev);
                if let Some(m) = max {
                    d.evidence.truncate(m);
                }
            }
        }
    }

    /// Adds one document's extraction.
    pub fn add(&mut self, rules: &RuleSet, doc: &Document, ex: &Extraction) -> Result<(), MergeError> {
        for rec in document_records(rules, doc, ex) {
            match rec {
                Record::Document(d) => self.add_document(d)?,
                Record::Node(n) => {
                    self.add_node(n);
                }
                Record::Edge(e) => self.add_edge(e),
            }
        }
        Ok(())
    }

    /// Merges a whole graph file in.
    pub fn add_file(&mut self, g: GraphFile) -> Result<(), MergeError> {
        for r in g.relations {
            self.add_relation_type(r);
        }
        for d in g.documents {
            self.add_document(d)?;
        }
        for n in g.nodes {
            self.add_node(n);
        }
        for e in g.edges {
            self.add_edge(e);
        }
        Ok(())
    }

    /// The sorted, deterministic file form.
    pub fn to_file(&self) -> GraphFile {
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
                EdgeRec {
                    source: self.graph[s].id.clone(),
                    target: self.graph[t].id.clone(),
                    relation: d.relation.clone(),
                    symmetric: d.symmetric,
                    negated: d.negated,
                    hedged: d.hedged,
                    weight: d.weight,
                    first_seen: d.first_seen.clone(),
                    last_seen: d.last_seen.clone(),
                    evidence: d.evidence.clone(),
                }
            })
            .collect();
        edges.sort_by(|a, b| {
            (&a.source, &a.relation, &a.target, a.negated).cmp(&(&b.source, &b.relation, &b.target, b.negated))
        });
        GraphFile {
            format: crate::graphfile::FORMAT.into(),
            version: crate::graphfile::VERSION,
            generator: format!("actorgraph {}", env!("CARGO_PKG_VERSION")),
            relations: self.relations.values().cloned().collect(),
            documents: self.documents.values().cloned().collect(),
            nodes,
            edges,
        }
    }
}

/// The relation inventory of a rule set, as stored in graph files.
pub fn relation_records(rules: &RuleSet) -> Vec<RelationRec> {
    let mut v: Vec<RelationRec> = rules
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
    v.sort_by(|a, b| a.id.cmp(&b.id));
    v
}

/// One unit of a document's contribution to a graph.
#[derive(Debug, Clone)]
pub enum Record {
    Document(DocumentRec),
    /// One actor's mentions in one document.
    Node(NodeRec),
    /// One relation instance (weight 1, one evidence record).
    Edge(EdgeRec),
}

/// A document's contribution: its record, one node record per actor it
/// mentions, one edge record per relation instance. Adding these in any order
/// (and in any grouping) gives the same graph.
pub fn document_records(rules: &RuleSet, doc: &Document, ex: &Extraction) -> Vec<Record> {
    let mut out = vec![Record::Document(DocumentRec {
        id: doc.id.clone(),
        path: doc.path.clone(),
        bytes: doc.text.len() as u64,
        sha256: doc.sha256.clone(),
        title: doc.title.clone(),
        date: doc.date.clone(),
    })];
    let mut nodes: BTreeMap<String, NodeRec> = BTreeMap::new();
    let mut touch = |r: ActorRef, alias: Option<String>| {
        let a = ex.actor(rules, r);
        let n = nodes.entry(a.id.clone()).or_insert_with(|| NodeRec {
            id: a.id.clone(),
            label: a.label.clone(),
            kind: a.kind.as_str().to_string(),
            aliases: vec![],
            mentions: 0,
            documents: vec![doc.id.clone()],
        });
        if let Some(al) = alias {
            n.mentions += 1;
            if !n.aliases.contains(&al) {
                n.aliases.push(al);
            }
        }
    };
    for m in &ex.mentions {
        let alias = (!m.pronoun).then(|| doc.text[m.start..m.end].replace('\u{2019}', "'"));
        touch(m.actor, alias);
    }
    for r in &ex.relations {
        touch(r.source, None);
        touch(r.target, None);
    }
    for mut n in nodes.into_values() {
        n.aliases.sort();
        out.push(Record::Node(n));
    }
    for r in &ex.relations {
        let symmetric = rules.relation(&r.relation).is_some_and(|x| x.symmetric);
        out.push(Record::Edge(EdgeRec {
            source: ex.actor(rules, r.source).id.clone(),
            target: ex.actor(rules, r.target).id.clone(),
            relation: r.relation.clone(),
            symmetric,
            negated: r.negated,
            hedged: r.hedged,
            weight: 1,
            first_seen: doc.date.clone(),
            last_seen: doc.date.clone(),
            evidence: vec![EvidenceRec {
                doc: doc.id.clone(),
                start: r.start as u64,
                end: r.end as u64,
                text: doc.text[r.start..r.end].to_string(),
                sentence: r.sentence as u64,
                rule: r.rule.clone(),
                trigger: r.trigger.clone(),
                negated: r.negated,
                hedged: r.hedged,
                said_by: r.said_by.map(|a| ex.actor(rules, a).id.clone()),
            }],
        }));
    }
    out
}
