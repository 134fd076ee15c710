//! The on-disk graph file (`graph.json`, format `actorgraph-graph`, version 1).
//!
//! Role: the stable serde shape that `build` writes and that `eval`, `query`,
//! `export` and `merge` read. Internal types (`graph::ActorGraph`) convert to and
//! from it, so the schema can stay stable while the internals change.
//! Input/output: `load` reads a file, `to_json_string` renders one; `save` is
//! atomic (temp file + rename). This module must not know about rules or
//! extraction.
//!
//! Two optional top-level keys (`Extras`) carry what `build --update` needs
//! and other readers ignore: `max_evidence` (the `--max-evidence` the graph was
//! built with) and `document_actors` (each document's own actor mention
//! counts, aliases and labels, written by `build --incremental`), so a
//! document's contribution can be retracted exactly. A third,
//! `skipped_duplicates`, lists the copies `build --dedupe` left out.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

pub const FORMAT: &str = "actorgraph-graph";
pub const VERSION: u32 = 1;

/// Written as `GraphFileOut` (with `directed` and `multigraph`); read with
/// serde's derive, which ignores those two keys, so files written before they
/// existed load the same.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GraphFile {
    pub format: String,
    pub version: u32,
    pub generator: String,
    /// The relation inventory of the rules that built the graph (sorted by id),
    /// so consumers can color and weigh edges without the rule files.
    #[serde(default)]
    pub relations: Vec<RelationRec>,
    pub documents: Vec<DocumentRec>,
    pub nodes: Vec<NodeRec>,
    pub edges: Vec<EdgeRec>,
}

/// graph.json as written: `GraphFile` plus `"directed": true, "multigraph":
/// true` after `generator`, so that networkx's `node_link_graph(data,
/// edges="edges")` makes a `MultiDiGraph` (an actor pair may have several
/// edges, one per relation and negation). The schema stays version 1: the keys
/// are constant, and readers of version 1 ignore keys they do not know.
#[derive(Serialize)]
struct GraphFileOut<'a> {
    format: &'a str,
    version: u32,
    generator: &'a str,
    directed: bool,
    multigraph: bool,
    relations: &'a [RelationRec],
    documents: &'a [DocumentRec],
    nodes: &'a [NodeRec],
    edges: &'a [EdgeRec],
}

impl Serialize for GraphFile {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        GraphFileOut {
            format: &self.format,
            version: self.version,
            generator: &self.generator,
            directed: true,
            multigraph: true,
            relations: &self.relations,
            documents: &self.documents,
            nodes: &self.nodes,
            edges: &self.edges,
        }
        .serialize(serializer)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationRec {
    pub id: String,
    pub symmetric: bool,
    /// cooperative | conflictual | neutral
    pub polarity: String,
    /// Graphviz / CSS color, e.g. "#2ca02c".
    pub color: String,
    #[serde(default)]
    pub plover: Vec<String>,
    #[serde(default)]
    pub cameo: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRec {
    pub id: String,
    pub path: Option<String>,
    pub bytes: u64,
    pub sha256: String,
    pub title: Option<String>,
    /// ISO date `YYYY-MM-DD` (or `YYYY-MM`), when known.
    pub date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeRec {
    pub id: String,
    pub label: String,
    /// person | state | organization | group
    pub kind: String,
    /// The alias strings that matched in the corpus (sorted).
    pub aliases: Vec<String>,
    pub mentions: u64,
    /// Ids of the documents that mention the actor (sorted).
    pub documents: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EdgeRec {
    pub source: String,
    pub target: String,
    pub relation: String,
    pub symmetric: bool,
    pub negated: bool,
    /// True when every evidence record is hedged.
    pub hedged: bool,
    /// Number of evidence instances (may exceed `evidence.len()` with `--max-evidence`).
    pub weight: u64,
    /// Earliest / latest document date among the evidence, when known.
    #[serde(default)]
    pub first_seen: Option<String>,
    #[serde(default)]
    pub last_seen: Option<String>,
    pub evidence: Vec<EvidenceRec>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRec {
    pub doc: String,
    /// Byte offsets into the stored document (UTF-8), half-open, covering the sentence.
    pub start: u64,
    pub end: u64,
    /// Exactly the document's bytes `start..end`.
    pub text: String,
    /// 0-based sentence index within the document.
    pub sentence: u64,
    /// `relation/pattern-name` of the rule that fired.
    pub rule: String,
    /// The words that triggered the rule.
    pub trigger: String,
    pub negated: bool,
    pub hedged: bool,
    pub said_by: Option<String>,
}

/// One actor's mentions in one document (an entry of the optional `document_actors` key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocActorRec {
    pub id: String,
    /// The label this document gives the actor, when it differs from the node's label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub mentions: u64,
    /// The alias strings that matched in this document (sorted).
    pub aliases: Vec<String>,
}

/// Document id -> its actors (sorted by id).
pub type DocumentActors = BTreeMap<String, Vec<DocActorRec>>;

/// Optional top-level keys of graph.json beyond `GraphFile`; absent unless set,
/// so a graph without them is written exactly as before.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extras {
    /// The `--max-evidence` the graph was built with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_evidence: Option<usize>,
    /// Per-document actor contributions (`build --incremental`), needed to remove or replace documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_actors: Option<DocumentActors>,
    /// The fingerprint of the rules every document was extracted with (`RuleSet::fingerprint`);
    /// absent when unknown or mixed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<String>,
    /// The documents `build --dedupe` skipped as copies of earlier ones (sorted by id).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped_duplicates: Vec<DuplicateRec>,
}

/// A document left out as a copy (an entry of the optional `skipped_duplicates` key).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateRec {
    pub id: String,
    pub path: Option<String>,
    pub sha256: String,
    /// The id of the document it copies (the one the build kept).
    pub of: String,
    /// True for the same text (sha256); else a near copy.
    pub exact: bool,
    /// The estimated Jaccard similarity of the word 5-shingles (1 for an exact copy).
    pub similarity: f64,
}

impl Extras {
    pub fn is_empty(&self) -> bool {
        self.max_evidence.is_none()
            && self.document_actors.is_none()
            && self.rules.is_none()
            && self.skipped_duplicates.is_empty()
    }
}

#[derive(Serialize)]
struct WithExtras<'a> {
    #[serde(flatten)]
    graph: &'a GraphFile,
    #[serde(flatten)]
    extras: &'a Extras,
}

#[derive(Debug, thiserror::Error)]
pub enum GraphFileError {
    #[error("{path}: cannot read: {cause}")]
    Read { path: String, cause: std::io::Error },
    #[error("{path}:{line}:{column}: not a valid actorgraph graph file: {message}")]
    Parse {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: format is {found:?}, expected {FORMAT:?} version {VERSION}")]
    Format { path: String, found: String },
    #[error("{path}: cannot write: {cause}")]
    Write { path: String, cause: std::io::Error },
    #[error("{path}: not a consistent graph (hand-edited?):\n{}", .problems.join("\n"))]
    Invalid { path: String, problems: Vec<String> },
}

/// At most this many problems are listed when a graph file does not hold together.
const MAX_PROBLEMS: usize = 20;

/// The text of the file `path`, or of stdin for `-`, and its name for messages (`<stdin>`).
pub fn read_source(path: &Path) -> Result<(String, String), GraphFileError> {
    use std::io::Read;
    if crate::ingest::is_stdin(path) {
        let p = crate::ingest::STDIN_NAME.to_string();
        let mut text = String::new();
        std::io::stdin()
            .lock()
            .read_to_string(&mut text)
            .map_err(|cause| GraphFileError::Read { path: p.clone(), cause })?;
        return Ok((text, p));
    }
    let p = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|cause| GraphFileError::Read { path: p.clone(), cause })?;
    Ok((text, p))
}

impl GraphFile {
    /// Parses a graph file from a string; `path` is used in error messages.
    pub fn from_json_str(text: &str, path: &str) -> Result<GraphFile, GraphFileError> {
        let g: GraphFile = serde_json::from_str(text).map_err(|e| GraphFileError::Parse {
            path: path.to_string(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        if g.format != FORMAT || g.version != VERSION {
            return Err(GraphFileError::Format {
                path: path.to_string(),
                found: format!("{} version {}", g.format, g.version),
            });
        }
        let problems = g.problems();
        if !problems.is_empty() {
            return Err(GraphFileError::Invalid {
                path: path.to_string(),
                problems,
            });
        }
        Ok(g)
    }

    /// What does not hold together in a graph (empty for every graph the tool writes), each
    /// named by its place (`edges[3]`), at most `MAX_PROBLEMS` and a count of the rest: a
    /// duplicate document, node or edge, an edge to an unknown node, a weight of 0 or below its
    /// evidence count, evidence of an unknown document, a span out of the document's bytes or
    /// not as long as its text.
    pub fn problems(&self) -> Vec<String> {
        use std::collections::{HashMap, HashSet};
        let mut out = Vec::new();
        let mut docs: HashMap<&str, u64> = HashMap::new();
        for (i, d) in self.documents.iter().enumerate() {
            if docs.insert(&d.id, d.bytes).is_some() {
                out.push(format!("documents[{i}]: duplicate document id {:?}", d.id));
            }
        }
        let mut nodes = HashSet::new();
        for (i, n) in self.nodes.iter().enumerate() {
            if !nodes.insert(n.id.as_str()) {
                out.push(format!("nodes[{i}]: duplicate node id {:?}", n.id));
            }
        }
        let mut edges = HashSet::new();
        for (i, e) in self.edges.iter().enumerate() {
            let at = format!("edges[{i}] ({} {} {})", e.source, e.relation, e.target);
            for end in [&e.source, &e.target] {
                if !nodes.contains(end.as_str()) {
                    out.push(format!("{at}: {end:?} is not a node"));
                }
            }
            if !edges.insert((&e.source, &e.relation, &e.target, e.negated)) {
                out.push(format!("{at}: duplicate edge"));
            }
            if e.weight == 0 || (e.weight as usize) < e.evidence.len() {
                out.push(format!(
                    "{at}: weight {} (at least 1 and at least its {} evidence records)",
                    e.weight,
                    e.evidence.len()
                ));
            }
            for (k, ev) in e.evidence.iter().enumerate() {
                let Some(&bytes) = docs.get(ev.doc.as_str()) else {
                    out.push(format!(
                        "{at}: evidence[{k}]: document {:?} is not in documents",
                        ev.doc
                    ));
                    continue;
                };
                if ev.start > ev.end || ev.end > bytes || ev.end - ev.start != ev.text.len() as u64 {
                    out.push(format!(
                        "{at}: evidence[{k}]: span {}..{} does not fit document {:?} ({bytes} bytes) and its text ({} bytes)",
                        ev.start,
                        ev.end,
                        ev.doc,
                        ev.text.len()
                    ));
                }
            }
        }
        if out.len() > MAX_PROBLEMS {
            let more = out.len() - MAX_PROBLEMS;
            out.truncate(MAX_PROBLEMS);
            out.push(format!("... and {more} more"));
        }
        out
    }

    /// Parses a graph file and its optional `Extras` keys.
    pub fn from_json_str_with_extras(text: &str, path: &str) -> Result<(GraphFile, Extras), GraphFileError> {
        let g = GraphFile::from_json_str(text, path)?;
        let extras: Extras = serde_json::from_str(text).map_err(|e| GraphFileError::Parse {
            path: path.to_string(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        Ok((g, extras))
    }

    /// Loads a graph file; `-` reads it from stdin (named `<stdin>` in messages).
    pub fn load(path: &Path) -> Result<GraphFile, GraphFileError> {
        let (text, p) = read_source(path)?;
        GraphFile::from_json_str(&text, &p)
    }

    /// Loads a graph file with its optional `Extras` keys; `-` reads stdin.
    pub fn load_with_extras(path: &Path) -> Result<(GraphFile, Extras), GraphFileError> {
        let (text, p) = read_source(path)?;
        GraphFile::from_json_str_with_extras(&text, &p)
    }

    /// Pretty JSON with a trailing newline; deterministic for equal values.
    pub fn to_json_string(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("graph file serializes");
        s.push('\n');
        s
    }

    /// Like `to_json_string`, with the `Extras` keys after the standard ones
    /// (exactly `to_json_string` when there are none).
    pub fn to_json_string_with(&self, extras: &Extras) -> String {
        if extras.is_empty() {
            return self.to_json_string();
        }
        let mut s = serde_json::to_string_pretty(&WithExtras { graph: self, extras }).expect("graph file serializes");
        s.push('\n');
        s
    }

    pub fn save(&self, path: &Path) -> Result<(), GraphFileError> {
        self.save_with(path, &Extras::default())
    }

    /// Writes the graph and its `Extras` keys atomically, as `to_json_string_with`
    /// gives them, streaming (a large graph is not held as a string too).
    pub fn save_with(&self, path: &Path, extras: &Extras) -> Result<(), GraphFileError> {
        crate::fsutil::commit(vec![self.stage_with(path, extras)?]).map_err(|cause| GraphFileError::Write {
            path: path.display().to_string(),
            cause,
        })
    }

    /// `save_with` up to the rename: the complete file, synced, beside `path`, for
    /// `fsutil::commit` to put in place together with others.
    pub fn stage_with(&self, path: &Path, extras: &Extras) -> Result<crate::fsutil::Staged, GraphFileError> {
        crate::fsutil::stage_with(path, |w| {
            let result = match extras.is_empty() {
                true => serde_json::to_writer_pretty(&mut *w, self),
                false => serde_json::to_writer_pretty(&mut *w, &WithExtras { graph: self, extras }),
            };
            result.map_err(std::io::Error::from)?;
            w.write_all(b"\n")
        })
        .map_err(|cause| GraphFileError::Write {
            path: path.display().to_string(),
            cause,
        })
    }

    pub fn relation(&self, id: &str) -> Option<&RelationRec> {
        self.relations.iter().find(|r| r.id == id)
    }

    pub fn node(&self, id: &str) -> Option<&NodeRec> {
        self.nodes.iter().find(|n| n.id == id)
    }
}
