//! Merging extractions into one petgraph graph, and converting it to and
//! from the on-disk `GraphFile`.
//!
//! Input: documents with their `Extraction`s, graph files, or extract streams.
//! Output: an `ActorGraph` (one node per actor id, one edge per `(source,
//! relation, target, negated)`, weight = evidence count) and, from it, a
//! sorted, deterministic `GraphFile`. Every way in goes through the same
//! associative, commutative operations (`add_document`, `add_node`,
//! `add_edge`), so shards merged in any order equal one build. `retract`
//! is the inverse for whole documents (on a `GraphFile` with per-document
//! actor counts), so an updated graph equals a fresh build. Pure: no I/O.

use crate::graphfile::{
    DocActorRec, DocumentActors, DocumentRec, EdgeRec, EvidenceRec, Extras, GraphFile, NodeRec, RelationRec,
};
use crate::ingest::Document;
use crate::reading::{ActorRef, Extraction};
use crate::rules::RuleSet;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct NodeData {
    pub id: String,
    pub label: String,
    pub kind: String,
    pub aliases: BTreeSet<String>,
    pub mentions: u64,
    /// Document ids, shared with every other node's (one string per document).
    pub documents: BTreeSet<Arc<str>>,
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
    #[error("graph has no per-document actor counts (`document_actors`): build it with --incremental")]
    NotIncremental,
}

/// The merged graph.
#[derive(Debug, Default)]
pub struct ActorGraph {
    pub graph: DiGraph<NodeData, EdgeData>,
    nodes: HashMap<String, NodeIndex>,
    edges: HashMap<(String, String, String, bool), EdgeIndex>,
    /// Each document's record, by its id (the string shared with the nodes' document lists).
    documents: BTreeMap<Arc<str>, DocEntry>,
    relations: BTreeMap<String, RelationRec>,
    /// Keep at most this many evidence records per edge (weight still counts all).
    pub max_evidence: Option<usize>,
    /// Each document's own actor records (label always set), kept when the
    /// graph is incremental, so that a document can later be retracted.
    doc_actors: Option<DocumentActors>,
    /// Document ids as shared strings: a large corpus has many (node, document) pairs.
    doc_ids: HashSet<Arc<str>>,
    /// The documents skipped as copies of others (`build --dedupe`), by id.
    skipped: BTreeMap<String, crate::graphfile::DuplicateRec>,
}

/// A document's record as the graph keeps it until it is written (`DocumentRec` without
/// the id, which is the map's key): the sha256 as 32 bytes, and path, title and date in one
/// allocation. At 1 GB (260,880 documents) this is about 80 MB less than `DocumentRec`s.
#[derive(Debug)]
struct DocEntry {
    bytes: u64,
    sha256: Sha256Text,
    /// Path, title and date one after another.
    text: Box<str>,
    /// Where path and title end in `text`.
    ends: [u32; 2],
    /// Which of path, title and date are present (bits 0, 1, 2).
    present: u8,
}

/// A sha256 as graph.json spells it: 64 lowercase hex digits kept as the 32 bytes they
/// spell, any other text (a graph file may hold one) as it is.
#[derive(Debug)]
enum Sha256Text {
    Digest([u8; 32]),
    Other(Box<str>),
}

impl Sha256Text {
    fn new(s: String) -> Sha256Text {
        let digit = |c: u8| match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        };
        let b = s.as_bytes();
        let mut digest = [0u8; 32];
        if b.len() != 64 {
            return Sha256Text::Other(s.into());
        }
        for (i, d) in digest.iter_mut().enumerate() {
            match (digit(b[2 * i]), digit(b[2 * i + 1])) {
                (Some(h), Some(l)) => *d = h << 4 | l,
                _ => return Sha256Text::Other(s.into()),
            }
        }
        Sha256Text::Digest(digest)
    }

    fn text(&self) -> String {
        match self {
            Sha256Text::Digest(d) => d.iter().map(|b| format!("{b:02x}")).collect(),
            Sha256Text::Other(s) => s.to_string(),
        }
    }
}

impl DocEntry {
    fn new(d: DocumentRec) -> DocEntry {
        let mut text = String::new();
        let mut present = 0u8;
        let mut ends = [0u32; 2];
        for (i, f) in [d.path, d.title, d.date].into_iter().enumerate() {
            if let Some(f) = f {
                present |= 1 << i;
                text.push_str(&f);
            }
            if i < 2 {
                ends[i] = u32::try_from(text.len()).expect("a document's path and title fit in 4 GB");
            }
        }
        DocEntry {
            bytes: d.bytes,
            sha256: Sha256Text::new(d.sha256),
            text: text.into(),
            ends,
            present,
        }
    }

    /// The file form, with its id.
    fn record(&self, id: &str) -> DocumentRec {
        let [p, t] = self.ends.map(|e| e as usize);
        let field = |i: usize, range: std::ops::Range<usize>| {
            (self.present & 1 << i != 0).then(|| self.text[range].to_string())
        };
        DocumentRec {
            id: id.to_string(),
            path: field(0, 0..p),
            bytes: self.bytes,
            sha256: self.sha256.text(),
            title: field(1, p..t),
            date: field(2, t..self.text.len()),
        }
    }
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

    /// Also keeps each document's actor mention counts, aliases and labels
    /// (written as graph.json's `document_actors`).
    pub fn set_incremental(&mut self) {
        self.doc_actors.get_or_insert_with(Default::default);
    }

    pub fn is_incremental(&self) -> bool {
        self.doc_actors.is_some()
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

    /// Records a document left out as a copy of another.
    pub fn add_skipped_duplicate(&mut self, d: crate::graphfile::DuplicateRec) {
        self.skipped.entry(d.id.clone()).or_insert(d);
    }

    pub fn add_document(&mut self, d: DocumentRec) -> Result<(), MergeError> {
        if self.documents.contains_key(d.id.as_str()) {
            return Err(MergeError::DuplicateDocument(d.id));
        }
        let id = self.doc_id(d.id.clone());
        self.documents.insert(id, DocEntry::new(d));
        Ok(())
    }

    /// `add_document` for a document of another graph (its id interned here).
    fn absorb_document(&mut self, id: Arc<str>, d: DocEntry) -> Result<(), MergeError> {
        if self.documents.contains_key(&id) {
            return Err(MergeError::DuplicateDocument(id.to_string()));
        }
        let id = self.shared_doc_id(id);
        self.documents.insert(id, d);
        Ok(())
    }

    /// Adds (or merges into) a node: aliases and documents are united, mentions summed,
    /// and the smallest label kept, so the order of merging does not matter.
    pub fn add_node(&mut self, n: NodeRec) -> NodeIndex {
        let documents: Vec<Arc<str>> = n.documents.into_iter().map(|d| self.doc_id(d)).collect();
        if let Some(&i) = self.nodes.get(&n.id) {
            let d = &mut self.graph[i];
            if n.label < d.label {
                d.label = n.label;
            }
            d.aliases.extend(n.aliases);
            d.documents.extend(documents);
            d.mentions += n.mentions;
            return i;
        }
        let i = self.graph.add_node(NodeData {
            id: n.id.clone(),
            label: n.label,
            kind: n.kind,
            aliases: n.aliases.into_iter().collect(),
            mentions: n.mentions,
            documents: documents.into_iter().collect(),
        });
        self.nodes.insert(n.id, i);
        i
    }

    /// The shared string for a document id.
    fn doc_id(&mut self, id: String) -> Arc<str> {
        if let Some(a) = self.doc_ids.get(id.as_str()) {
            return a.clone();
        }
        let a: Arc<str> = id.into();
        self.doc_ids.insert(a.clone());
        a
    }

    /// The string this graph shares for a document id of another graph.
    fn shared_doc_id(&mut self, d: Arc<str>) -> Arc<str> {
        match self.doc_ids.get(&d) {
            Some(a) => a.clone(),
            None => {
                self.doc_ids.insert(d.clone());
                d
            }
        }
    }

    /// Adds one actor's record for one document (an extraction's or an extract
    /// stream's): merged into the node and, when incremental, kept for the document.
    pub fn add_document_actor(&mut self, n: NodeRec) -> NodeIndex {
        if let (Some(map), [doc]) = (self.doc_actors.as_mut(), n.documents.as_slice()) {
            let list = map.entry(doc.clone()).or_default();
            let rec = DocActorRec {
                id: n.id.clone(),
                label: Some(n.label.clone()),
                mentions: n.mentions,
                aliases: n.aliases.clone(),
            };
            match list.binary_search_by(|a| a.id.cmp(&n.id)) {
                Ok(i) => {
                    let a = &mut list[i];
                    a.mentions += rec.mentions;
                    a.label = a.label.take().min(rec.label);
                    let aliases: BTreeSet<String> = a.aliases.drain(..).chain(rec.aliases).collect();
                    a.aliases = aliases.into_iter().collect();
                }
                Err(i) => list.insert(i, rec),
            }
        }
        self.add_node(n)
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

    /// Merges another graph in, taking it apart: the result equals adding the other's
    /// documents here one by one, in any order (the same associative, commutative
    /// operations), without a copy through a `GraphFile`. The pipeline's workers each build
    /// a partial graph; `absorb` combines them. Fails on a document both graphs hold.
    pub fn absorb(&mut self, other: ActorGraph) -> Result<(), MergeError> {
        let ActorGraph {
            graph,
            documents,
            relations,
            doc_actors,
            skipped,
            ..
        } = other;
        for r in relations.into_values() {
            self.add_relation_type(r);
        }
        for d in skipped.into_values() {
            self.add_skipped_duplicate(d);
        }
        for (id, d) in documents {
            self.absorb_document(id, d)?;
        }
        if let (Some(mine), Some(theirs)) = (self.doc_actors.as_mut(), doc_actors) {
            // Documents are disjoint (checked above): each list moves as it is.
            mine.extend(theirs);
        }
        let (nodes, edges) = graph.into_nodes_edges();
        let mut index = Vec::with_capacity(nodes.len());
        for n in nodes {
            index.push(self.absorb_node(n.weight));
        }
        for e in edges {
            let (s, t) = (index[e.source().index()], index[e.target().index()]);
            self.absorb_edge(s, t, e.weight);
        }
        Ok(())
    }

    /// `add_node` for a node of another graph (its document ids interned here).
    fn absorb_node(&mut self, n: NodeData) -> NodeIndex {
        let mut documents = BTreeSet::new();
        for d in n.documents {
            documents.insert(self.shared_doc_id(d));
        }
        if let Some(&i) = self.nodes.get(&n.id) {
            let d = &mut self.graph[i];
            if n.label < d.label {
                d.label = n.label;
            }
            d.aliases.extend(n.aliases);
            d.documents.extend(documents);
            d.mentions += n.mentions;
            return i;
        }
        let id = n.id.clone();
        let i = self.graph.add_node(NodeData { documents, ..n });
        self.nodes.insert(id, i);
        i
    }

    /// `add_edge` for an edge of another graph: its evidence (sorted, cut at the same
    /// `max_evidence`) is merged with this edge's in one pass.
    fn absorb_edge(&mut self, si: NodeIndex, ti: NodeIndex, e: EdgeData) {
        let key = (
            self.graph[si].id.clone(),
            e.relation.clone(),
            self.graph[ti].id.clone(),
            e.negated,
        );
        let Some(&idx) = self.edges.get(&key) else {
            let mut e = e;
            if let Some(m) = self.max_evidence {
                e.evidence.truncate(m);
            }
            let i = self.graph.add_edge(si, ti, e);
            self.edges.insert(key, i);
            return;
        };
        let max = self.max_evidence.unwrap_or(usize::MAX);
        let d = &mut self.graph[idx];
        d.weight += e.weight;
        d.hedged &= e.hedged;
        d.first_seen = min_opt(d.first_seen.take(), e.first_seen);
        d.last_seen = max_opt(d.last_seen.take(), e.last_seen);
        let mine = std::mem::take(&mut d.evidence);
        let mut merged = Vec::with_capacity((mine.len() + e.evidence.len()).min(max));
        let (mut a, mut b) = (mine.into_iter().peekable(), e.evidence.into_iter().peekable());
        while merged.len() < max {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if evidence_key(y) < evidence_key(x) => b.next(),
                (Some(_), _) => a.next(),
                (None, Some(_)) => b.next(),
                (None, None) => break,
            };
            merged.extend(next);
        }
        d.evidence = merged;
    }

    /// Adds one document's extraction.
    pub fn add(&mut self, rules: &RuleSet, doc: &Document, ex: &Extraction) -> Result<(), MergeError> {
        for rec in document_records(rules, doc, ex) {
            match rec {
                Record::Document(d) => self.add_document(d)?,
                Record::Node(n) => {
                    self.add_document_actor(n);
                }
                Record::Edge(e) => self.add_edge(e),
            }
        }
        Ok(())
    }

    /// Merges a whole graph file in.
    pub fn add_file(&mut self, g: GraphFile) -> Result<(), MergeError> {
        self.add_file_with(g, Extras::default())
    }

    /// Merges a whole graph file and its per-document actor records in (an
    /// incremental graph needs them; otherwise they are ignored).
    pub fn add_file_with(&mut self, g: GraphFile, extras: Extras) -> Result<(), MergeError> {
        if let Some(map) = self.doc_actors.as_mut() {
            let Some(actors) = extras.document_actors else {
                return Err(MergeError::NotIncremental);
            };
            let labels: HashMap<&str, &str> = g.nodes.iter().map(|n| (n.id.as_str(), n.label.as_str())).collect();
            for (doc, mut list) in actors {
                for a in &mut list {
                    if a.label.is_none() {
                        a.label = labels.get(a.id.as_str()).map(|l| l.to_string());
                    }
                }
                list.sort_by(|a, b| a.id.cmp(&b.id));
                map.insert(doc, list);
            }
        }
        for d in extras.skipped_duplicates {
            self.add_skipped_duplicate(d);
        }
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

    /// The optional graph.json keys: the `--max-evidence` setting and, when
    /// incremental, the per-document actor records (a label only where it
    /// differs from the node's).
    pub fn extras(&self) -> Extras {
        let document_actors = self.doc_actors.as_ref().map(|map| {
            map.iter()
                .filter(|(doc, _)| self.documents.contains_key(doc.as_str()))
                .map(|(doc, list)| {
                    let list = list
                        .iter()
                        .map(|a| {
                            let node_label = self.nodes.get(&a.id).map(|&i| self.graph[i].label.as_str());
                            DocActorRec {
                                label: a.label.clone().filter(|l| Some(l.as_str()) != node_label),
                                ..a.clone()
                            }
                        })
                        .collect();
                    (doc.clone(), list)
                })
                .collect()
        });
        Extras {
            max_evidence: self.max_evidence,
            document_actors,
            rules: None,
            skipped_duplicates: self.skipped.values().cloned().collect(),
        }
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
                documents: n.documents.iter().map(|d| d.to_string()).collect(),
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
            documents: self.documents.iter().map(|(id, d)| d.record(id)).collect(),
            nodes,
            edges,
        }
    }
}

impl ActorGraph {
    /// `to_file` and `extras` without copying: the graph is taken apart, so a
    /// large graph is not held twice while it is written.
    pub fn into_file(self) -> (GraphFile, Extras) {
        let extras = self.extras();
        let (nodes, edges) = self.graph.into_nodes_edges();
        let ids: Vec<String> = nodes.iter().map(|n| n.weight.id.clone()).collect();
        let mut nodes: Vec<NodeRec> = nodes
            .into_iter()
            .map(|n| {
                let n = n.weight;
                NodeRec {
                    id: n.id,
                    label: n.label,
                    kind: n.kind,
                    aliases: n.aliases.into_iter().collect(),
                    mentions: n.mentions,
                    documents: n.documents.iter().map(|d| d.to_string()).collect(),
                }
            })
            .collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        let mut edges: Vec<EdgeRec> = edges
            .into_iter()
            .map(|e| {
                let (s, t) = (e.source().index(), e.target().index());
                let d = e.weight;
                EdgeRec {
                    source: ids[s].clone(),
                    target: ids[t].clone(),
                    relation: d.relation,
                    symmetric: d.symmetric,
                    negated: d.negated,
                    hedged: d.hedged,
                    weight: d.weight,
                    first_seen: d.first_seen,
                    last_seen: d.last_seen,
                    evidence: d.evidence,
                }
            })
            .collect();
        edges.sort_by(|a, b| {
            (&a.source, &a.relation, &a.target, a.negated).cmp(&(&b.source, &b.relation, &b.target, b.negated))
        });
        let file = GraphFile {
            format: crate::graphfile::FORMAT.into(),
            version: crate::graphfile::VERSION,
            generator: format!("actorgraph {}", env!("CARGO_PKG_VERSION")),
            relations: self.relations.into_values().collect(),
            documents: self.documents.into_iter().map(|(id, d)| d.record(&id)).collect(),
            nodes,
            edges,
        };
        (file, extras)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RetractError {
    #[error("no document {0:?} in the graph")]
    UnknownDocument(String),
    #[error(
        "graph has no per-document actor counts (`document_actors`), so document {0:?} cannot be removed or \
         replaced exactly: rebuild it once with `build --incremental`"
    )]
    NotIncremental(String),
    #[error(
        "graph was built with --max-evidence; --remove needs the full evidence: edge {from} -{relation}-> \
         {to} keeps {kept} of its {weight} evidence records and document {doc:?} may hold some of the others"
    )]
    Truncated {
        doc: String,
        from: String,
        relation: String,
        to: String,
        kept: usize,
        weight: u64,
    },
}

/// Checks, before anything changes, that documents can be retracted exactly
/// from a graph: they are in it, the graph has per-document actor records,
/// and no edge cut by `--max-evidence` may hold their evidence (an edge can
/// hold a document's evidence only if the document mentions both its ends).
pub struct RetractCheck<'a> {
    docs: HashSet<&'a str>,
    actors: Option<&'a DocumentActors>,
    truncated: Vec<&'a EdgeRec>,
}

impl<'a> RetractCheck<'a> {
    pub fn new(g: &'a GraphFile, actors: Option<&'a DocumentActors>) -> RetractCheck<'a> {
        RetractCheck {
            docs: g.documents.iter().map(|d| d.id.as_str()).collect(),
            actors,
            truncated: g.edges.iter().filter(|e| e.weight > e.evidence.len() as u64).collect(),
        }
    }

    pub fn check(&self, doc: &str) -> Result<(), RetractError> {
        if !self.docs.contains(doc) {
            return Err(RetractError::UnknownDocument(doc.to_string()));
        }
        let Some(actors) = self.actors else {
            return Err(RetractError::NotIncremental(doc.to_string()));
        };
        let list = actors.get(doc).map(Vec::as_slice).unwrap_or_default();
        let mentions = |id: &str| list.binary_search_by(|a| a.id.as_str().cmp(id)).is_ok();
        match self
            .truncated
            .iter()
            .find(|e| mentions(&e.source) && mentions(&e.target))
        {
            Some(e) => Err(RetractError::Truncated {
                doc: doc.to_string(),
                from: e.source.clone(),
                relation: e.relation.clone(),
                to: e.target.clone(),
                kept: e.evidence.len(),
                weight: e.weight,
            }),
            None => Ok(()),
        }
    }
}

/// Removes documents and everything they contributed from a graph file and
/// its per-document actor records, giving the graph a build without them
/// gives: their evidence goes, edges left without evidence disappear, weights,
/// `hedged` and `first_seen`/`last_seen` are recomputed from the remaining
/// evidence, node mentions, documents, aliases and labels from the remaining
/// documents' actor records, and actors no remaining document mentions are dropped.
pub fn retract(g: &mut GraphFile, actors: &mut DocumentActors, ids: &BTreeSet<String>) -> Result<(), RetractError> {
    {
        let check = RetractCheck::new(g, Some(actors));
        for id in ids {
            check.check(id)?;
        }
    }
    let removed = |doc: &str| ids.contains(doc);
    let dates: HashMap<&str, Option<&str>> = g.documents.iter().map(|d| (d.id.as_str(), d.date.as_deref())).collect();
    for e in &mut g.edges {
        if !e.evidence.iter().any(|ev| removed(&ev.doc)) {
            continue;
        }
        // RetractCheck ensured this edge holds all its evidence.
        e.evidence.retain(|ev| !removed(&ev.doc));
        e.weight = e.evidence.len() as u64;
        e.hedged = e.evidence.iter().all(|ev| ev.hedged);
        let seen = || {
            e.evidence
                .iter()
                .filter_map(|ev| dates.get(ev.doc.as_str()).copied().flatten())
        };
        e.first_seen = seen().min().map(String::from);
        e.last_seen = seen().max().map(String::from);
    }
    g.edges.retain(|e| e.weight > 0);
    g.documents.retain(|d| !removed(&d.id));
    let mut affected: HashMap<String, u64> = HashMap::new();
    for id in ids {
        for a in actors.remove(id).unwrap_or_default() {
            *affected.entry(a.id).or_default() += a.mentions;
        }
    }
    let in_edges: HashSet<&str> = g
        .edges
        .iter()
        .flat_map(|e| [e.source.as_str(), e.target.as_str()])
        .collect();
    let mut dropped = HashSet::new();
    for n in &mut g.nodes {
        let Some(&mentions) = affected.get(&n.id) else {
            continue;
        };
        n.mentions = n.mentions.saturating_sub(mentions);
        n.documents.retain(|d| !removed(d));
        let mut aliases = BTreeSet::new();
        let mut label: Option<&str> = None;
        for doc in &n.documents {
            let list = actors.get(doc).map(Vec::as_slice).unwrap_or_default();
            if let Ok(i) = list.binary_search_by(|a| a.id.cmp(&n.id)) {
                aliases.extend(list[i].aliases.iter().map(String::as_str));
                // No label, as read from a file: the node's label (before this retraction).
                let l = list[i].label.as_deref().unwrap_or(&n.label);
                label = Some(label.map_or(l, |x| x.min(l)));
            }
        }
        let label = label.map(String::from);
        n.aliases = aliases.into_iter().map(String::from).collect();
        if let Some(l) = label {
            n.label = l;
        }
        if n.documents.is_empty() && !in_edges.contains(n.id.as_str()) {
            dropped.insert(n.id.clone());
        }
    }
    g.nodes.retain(|n| !dropped.contains(&n.id));
    Ok(())
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
    // A place is not an actor (GUIDELINES.md section 2): an actor named only as a place ("talks in
    // Abu Dhabi, United Arab Emirates", "in Istanbul and Geneva") is not among the document's actors.
    let mut place = vec![false; ex.mentions.len()];
    for (i, m) in ex.mentions.iter().enumerate() {
        let after_place = i > 0
            && place[i - 1]
            && doc
                .text
                .get(ex.mentions[i - 1].end..m.start)
                .is_some_and(|b| matches!(b.trim(), "," | "and" | "or" | ", and" | ", or"));
        place[i] = m.is_place(&doc.text, &rules.lexicon) || after_place;
    }
    // A speaker the rules do not know is an actor only where a relation names them.
    let named: BTreeSet<ActorRef> = ex
        .mentions
        .iter()
        .zip(&place)
        .filter(|(m, p)| !**p && !ex.speakers.contains(&m.actor))
        .map(|(m, _)| m.actor)
        .chain(ex.relations.iter().flat_map(|r| [r.source, r.target]))
        .collect();
    for m in ex.mentions.iter().filter(|m| named.contains(&m.actor)) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_entries_give_back_their_records() {
        let sha = "00ff7a0123456789abcdef0123456789abcdef0123456789abcdef0123456789";
        let rec = |path: Option<&str>, sha256: &str, title: Option<&str>, date: Option<&str>| DocumentRec {
            id: "d1".into(),
            path: path.map(String::from),
            bytes: 42,
            sha256: sha256.into(),
            title: title.map(String::from),
            date: date.map(String::from),
        };
        for r in [
            rec(Some("https://example.org/a"), sha, Some("A title"), Some("2024-01-02")),
            rec(None, sha, None, None),
            rec(Some(""), "", Some(""), Some("")),
            rec(None, &sha.to_uppercase(), Some("Über"), None),
            rec(Some("p"), &sha[1..], None, Some("2024-01")),
            rec(None, &format!("{}g", &sha[1..]), None, None),
        ] {
            assert_eq!(DocEntry::new(r.clone()).record("d1"), r);
        }
        assert!(matches!(Sha256Text::new(sha.into()), Sha256Text::Digest(_)));
    }

    fn doc(id: &str, date: &str) -> DocumentRec {
        DocumentRec {
            id: id.into(),
            path: None,
            bytes: 0,
            sha256: String::new(),
            title: None,
            date: Some(date.into()),
        }
    }

    /// "actor:label:mentions:alias,alias" in `doc`.
    fn actor(doc: &str, spec: &str) -> NodeRec {
        let f: Vec<&str> = spec.split(':').collect();
        NodeRec {
            id: f[0].into(),
            label: f[1].into(),
            kind: "person".into(),
            aliases: f[3].split(',').filter(|a| !a.is_empty()).map(String::from).collect(),
            mentions: f[2].parse().unwrap(),
            documents: vec![doc.into()],
        }
    }

    /// "source relation target hedged" at `start` in `doc`.
    fn edge(doc: &str, date: &str, start: u64, spec: &str) -> EdgeRec {
        let f: Vec<&str> = spec.split(' ').collect();
        EdgeRec {
            source: f[0].into(),
            target: f[2].into(),
            relation: f[1].into(),
            symmetric: false,
            negated: false,
            hedged: f[3] == "hedged",
            weight: 1,
            first_seen: Some(date.into()),
            last_seen: Some(date.into()),
            evidence: vec![EvidenceRec {
                doc: doc.into(),
                start,
                end: start + 1,
                text: "x".into(),
                sentence: 0,
                rule: f[1].into(),
                trigger: "t".into(),
                negated: false,
                hedged: f[3] == "hedged",
                said_by: None,
            }],
        }
    }

    type Doc<'a> = (&'a str, &'a str, &'a [&'a str], &'a [&'a str]);

    fn build(docs: &[Doc]) -> (GraphFile, Extras) {
        let mut g = ActorGraph::new(None);
        g.set_incremental();
        for (id, date, actors, edges) in docs {
            g.add_document(doc(id, date)).unwrap();
            for a in *actors {
                g.add_document_actor(actor(id, a));
            }
            for (i, e) in edges.iter().enumerate() {
                g.add_edge(edge(id, date, i as u64, e));
            }
        }
        (g.to_file(), g.extras())
    }

    #[test]
    fn retracting_a_document_gives_the_graph_without_it() {
        let d1: Doc = (
            "d1",
            "2025-01-01",
            &["ann:Ann SMITH:2:SMITH", "bob:Bob:1:Bob", "cy:Cy:1:Cy"],
            &["ann opposes bob plain", "bob supports cy plain"],
        );
        let d2: Doc = (
            "d2",
            "2025-02-01",
            &["ann:Ann Smith:3:Ann Smith", "bob:Bob:0:"],
            &["ann opposes bob hedged"],
        );
        let d3: Doc = ("d3", "2025-03-01", &["bob:Bob:4:Bobby"], &[]);
        let (mut all, extras) = build(&[d1, d2, d3]);
        assert_eq!(all.node("ann").unwrap().label, "Ann SMITH");
        assert_eq!(all.edges[0].weight, 2);
        let mut actors = extras.document_actors.clone().unwrap();
        let ids: BTreeSet<String> = ["d1".to_string()].into();
        retract(&mut all, &mut actors, &ids).unwrap();
        let (expected, expected_extras) = build(&[d2, d3]);
        assert_eq!(all, expected);
        assert_eq!(all.node("ann").unwrap().label, "Ann Smith");
        assert_eq!(all.node("ann").unwrap().aliases, ["Ann Smith"]);
        assert_eq!(all.node("bob").unwrap().mentions, 4);
        assert!(all.node("cy").is_none());
        let e = &all.edges[0];
        assert_eq!(
            (e.weight, e.hedged, e.first_seen.as_deref()),
            (1, true, Some("2025-02-01"))
        );
        // Through the file form (labels equal to the node's are not stored) and back.
        let mut g = ActorGraph::new(None);
        g.set_incremental();
        g.add_file_with(
            all.clone(),
            Extras {
                max_evidence: None,
                document_actors: Some(actors),
                rules: None,
                skipped_duplicates: Vec::new(),
            },
        )
        .unwrap();
        assert_eq!(g.extras(), expected_extras);
        assert_eq!(g.to_file(), expected);
        assert_eq!(g.into_file(), (expected, expected_extras));
    }

    #[test]
    fn labels_read_from_a_file_survive_a_retraction() {
        // d1 and d3 write "Ann SMITH" (the node's label, so not stored), d2 "Ann Smith".
        let d1: Doc = ("d1", "2025-01-01", &["ann:Ann SMITH:1:Ann"], &[]);
        let d2: Doc = ("d2", "2025-02-01", &["ann:Ann Smith:1:Ann"], &[]);
        let d3: Doc = ("d3", "2025-03-01", &["ann:Ann SMITH:1:Ann"], &[]);
        let (mut all, extras) = build(&[d1, d2, d3]);
        let mut actors = extras.document_actors.unwrap();
        assert_eq!(actors["d1"][0].label, None);
        assert_eq!(actors["d2"][0].label.as_deref(), Some("Ann Smith"));
        retract(&mut all, &mut actors, &BTreeSet::from(["d1".to_string()])).unwrap();
        let (expected, expected_extras) = build(&[d2, d3]);
        assert_eq!(all, expected);
        assert_eq!(all.node("ann").unwrap().label, "Ann SMITH");
        assert_eq!(Some(actors), expected_extras.document_actors);
        // And without d3, d2's label is the node's.
        retract(
            &mut all,
            &mut expected_extras.document_actors.clone().unwrap(),
            &BTreeSet::from(["d3".to_string()]),
        )
        .unwrap();
        assert_eq!(all.node("ann").unwrap().label, "Ann Smith");
    }

    /// Adds `docs` to a new graph with `max` evidence per edge.
    fn partial(max: Option<usize>, docs: &[Doc]) -> ActorGraph {
        let mut g = ActorGraph::new(max);
        g.set_incremental();
        for (id, date, actors, edges) in docs {
            g.add_document(doc(id, date)).unwrap();
            for a in *actors {
                g.add_document_actor(actor(id, a));
            }
            for (i, e) in edges.iter().enumerate() {
                g.add_edge(edge(id, date, i as u64, e));
            }
        }
        g
    }

    #[test]
    fn absorbing_partial_graphs_equals_adding_every_document_to_one() {
        let docs: [Doc; 4] = [
            (
                "d1",
                "2025-01-01",
                &["ann:Ann SMITH:2:SMITH", "bob:Bob:1:Bob"],
                &["ann opposes bob plain", "ann opposes bob hedged"],
            ),
            (
                "d2",
                "2025-02-01",
                &["ann:Ann Smith:3:Ann Smith", "bob:Bob:1:Bobby"],
                &["ann opposes bob hedged"],
            ),
            (
                "d3",
                "2025-03-01",
                &["bob:Bob:4:Bobby", "cy:Cy:1:Cy"],
                &["bob supports cy plain"],
            ),
            (
                "d4",
                "2024-12-01",
                &["ann:Ann:1:Ann", "bob:Bob:1:Bob"],
                &["ann opposes bob plain", "ann opposes bob plain"],
            ),
        ];
        for max in [None, Some(1), Some(2)] {
            let one = partial(max, &docs);
            let expected = (one.to_file(), one.extras());
            // Any split of the documents, absorbed in any order.
            for split in [[0usize, 1, 0, 1], [1, 1, 0, 0], [0, 0, 0, 1], [1, 0, 1, 0]] {
                let part = |k: usize| -> Vec<Doc> {
                    docs.iter()
                        .zip(split)
                        .filter(|(_, s)| *s == k)
                        .map(|(d, _)| *d)
                        .collect()
                };
                let (a, b) = (partial(max, &part(0)), partial(max, &part(1)));
                let mut g = partial(max, &[]);
                g.absorb(b).unwrap();
                g.absorb(a).unwrap();
                assert_eq!((g.to_file(), g.extras()), expected, "{max:?} {split:?}");
            }
        }
        // A document in both is refused.
        let mut g = partial(None, &docs[..2]);
        assert!(matches!(g.absorb(partial(None, &docs[1..3])), Err(MergeError::DuplicateDocument(d)) if d == "d2"));
    }

    #[test]
    fn retracting_from_a_cut_edge_is_refused() {
        let mut g = ActorGraph::new(Some(1));
        g.set_incremental();
        for (id, date) in [("d1", "2025-01-01"), ("d2", "2025-02-01")] {
            g.add_document(doc(id, date)).unwrap();
            g.add_document_actor(actor(id, "ann:Ann:1:Ann"));
            g.add_document_actor(actor(id, "bob:Bob:1:Bob"));
            g.add_edge(edge(id, date, 0, "ann opposes bob plain"));
        }
        g.add_document(doc("d3", "2025-03-01")).unwrap();
        g.add_document_actor(actor("d3", "ann:Ann:1:Ann"));
        let (file, extras) = (g.to_file(), g.extras());
        let check = RetractCheck::new(&file, extras.document_actors.as_ref());
        assert!(matches!(
            check.check("d2"),
            Err(RetractError::Truncated { kept: 1, weight: 2, .. })
        ));
        assert!(check.check("d3").is_ok());
        assert!(matches!(check.check("d4"), Err(RetractError::UnknownDocument(_))));
        assert!(matches!(
            RetractCheck::new(&file, None).check("d3"),
            Err(RetractError::NotIncremental(_))
        ));
    }
}
