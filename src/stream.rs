//! The extract stream: one JSON line per document, per actor mentioned in a
//! document, and per relation instance, so extraction can run as a map step
//! (Spark `rdd.pipe`, Hadoop streaming, GNU parallel) and `merge` can reduce.
//!
//! Lines (each a JSON object with a `type`):
//! - `{"type":"relation_type", ...RelationRec}`: the relation inventory, first;
//! - `{"type":"document", ...DocumentRec}`;
//! - `{"type":"actor", ...NodeRec}`: one actor's mention count in one document;
//! - `{"type":"relation", ...EdgeRec}`: one relation instance (weight 1, one evidence);
//! - `{"type":"end","documents":N,"rules":FINGERPRINT}`: last, the number of document lines
//!   and the rules' fingerprint, so that `merge` notices a cut stream and a mix of rules.
//!   Streams may be concatenated (each part ends with its own end line).
//!
//! Adding records to an `ActorGraph` in any order and grouping gives the same
//! graph, so any split of the documents merges back to the single build.

use crate::graph::{ActorGraph, MergeError, Record};
use crate::graphfile::{DocumentRec, EdgeRec, NodeRec, RelationRec};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Line {
    RelationType(RelationRec),
    Document(DocumentRec),
    Actor(NodeRec),
    Relation(EdgeRec),
    End { documents: u64, rules: String },
}

impl From<Record> for Line {
    fn from(r: Record) -> Line {
        match r {
            Record::Document(d) => Line::Document(d),
            Record::Node(n) => Line::Actor(n),
            Record::Edge(e) => Line::Relation(e),
        }
    }
}

pub fn to_line(l: &Line) -> String {
    serde_json::to_string(l).expect("stream line serializes")
}

#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    #[error("{path}:{line}: not an actorgraph extract line: {message}")]
    Parse { path: String, line: usize, message: String },
    #[error(
        "{path}: truncated extract stream: {documents} document lines after the last end line \
         (an extract that was killed or cut short?)"
    )]
    Truncated { path: String, documents: u64 },
    #[error("{path}:{line}: the end line counts {expected} documents, the stream part before it has {found}")]
    Count {
        path: String,
        line: usize,
        expected: u64,
        found: u64,
    },
    #[error("{path}:{line}: {source}")]
    Merge {
        path: String,
        line: usize,
        source: MergeError,
    },
}

/// Adds every line of an extract stream to the graph; returns the rules fingerprint of
/// each part (one per end line). A stream must end with an end line whose count matches.
pub fn add_lines(g: &mut ActorGraph, text: &str, path: &str) -> Result<Vec<String>, StreamError> {
    let mut fingerprints = Vec::new();
    let mut documents = 0u64;
    // An empty file (an empty shard) is no stream, and no cut one.
    let mut ended = text.trim().is_empty();
    for (i, l) in text.lines().enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(l).map_err(|e| StreamError::Parse {
            path: path.to_string(),
            line: i + 1,
            message: e.to_string(),
        })?;
        ended = matches!(line, Line::End { .. });
        match line {
            Line::RelationType(r) => g.add_relation_type(r),
            Line::Document(d) => {
                documents += 1;
                g.add_document(d).map_err(|source| StreamError::Merge {
                    path: path.to_string(),
                    line: i + 1,
                    source,
                })?
            }
            Line::End {
                documents: expected,
                rules,
            } => {
                if expected != documents {
                    return Err(StreamError::Count {
                        path: path.to_string(),
                        line: i + 1,
                        expected,
                        found: documents,
                    });
                }
                documents = 0;
                fingerprints.push(rules);
            }
            Line::Actor(n) => {
                g.add_document_actor(n);
            }
            Line::Relation(e) => g.add_edge(e),
        }
    }
    if !ended {
        return Err(StreamError::Truncated {
            path: path.to_string(),
            documents,
        });
    }
    Ok(fingerprints)
}
