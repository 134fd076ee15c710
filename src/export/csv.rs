//! neo4j-admin import CSV: `nodes.csv` and `edges.csv` with typed headers.
//!
//! ```text
//! neo4j-admin database import full --nodes=nodes.csv --relationships=edges.csv neo4j
//! ```
//! Node labels are `Actor;<Kind>`; relationship types are the relation ids in
//! upper case (`meets` -> `MEETS`), with the id itself kept in `relation`.

use super::{edge_id, first_evidence, relation_style};
use crate::graphfile::GraphFile;

pub const NODE_HEADER: &[&str] = &["id:ID", "label", "kind", "mentions:int", ":LABEL"];
pub const EDGE_HEADER: &[&str] = &[
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "weight:int",
    "negated:boolean",
    "hedged:boolean",
    "symmetric:boolean",
    "id",
    "relation",
    "polarity",
    "color",
    "first_seen",
    "last_seen",
    "evidence_count:int",
    "evidence",
];

/// The Neo4j relationship type for a relation id: upper case, `[A-Z0-9_]`.
pub fn rel_type(relation: &str) -> String {
    relation
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

fn label_for(kind: &str) -> String {
    let mut c = kind.chars();
    let cap: String = match c.next() {
        Some(f) => f.to_uppercase().chain(c).filter(|c| c.is_alphanumeric()).collect(),
        None => String::new(),
    };
    if cap.is_empty() {
        "Actor".into()
    } else {
        format!("Actor;{cap}")
    }
}

/// A text cell from articles or rules, made safe for spreadsheets (OWASP, "CSV Injection"):
/// control characters dropped (`super::clean`), and a cell that begins with `=`, `+`, `-`, `@`,
/// a tab or a carriage return, which Excel, LibreOffice and Google Sheets would run as a
/// formula, gets a leading `'`. (The csv writer quotes cells with separators or quotes.)
pub fn text_cell(s: &str) -> std::borrow::Cow<'_, str> {
    let s = super::clean(s);
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s
    }
}

fn finish(w: csv::Writer<Vec<u8>>) -> String {
    String::from_utf8(w.into_inner().expect("writing CSV to memory cannot fail")).expect("CSV is UTF-8")
}

pub fn to_nodes_csv(g: &GraphFile) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(NODE_HEADER).expect("CSV in memory");
    for n in &g.nodes {
        w.write_record([
            n.id.as_str(),
            &text_cell(&n.label),
            &n.kind,
            &n.mentions.to_string(),
            &label_for(&n.kind),
        ])
        .expect("CSV in memory");
    }
    finish(w)
}

pub fn to_edges_csv(g: &GraphFile) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(EDGE_HEADER).expect("CSV in memory");
    for (i, e) in g.edges.iter().enumerate() {
        let (polarity, color) = relation_style(g, e);
        w.write_record([
            e.source.as_str(),
            &e.target,
            &rel_type(&e.relation),
            &e.weight.to_string(),
            &e.negated.to_string(),
            &e.hedged.to_string(),
            &e.symmetric.to_string(),
            &edge_id(i),
            &e.relation,
            polarity,
            color,
            e.first_seen.as_deref().unwrap_or(""),
            e.last_seen.as_deref().unwrap_or(""),
            &e.evidence.len().to_string(),
            &text_cell(first_evidence(e)),
        ])
        .expect("CSV in memory");
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    #[test]
    fn names() {
        assert_eq!(super::rel_type("meets"), "MEETS");
        assert_eq!(super::rel_type("calls-for"), "CALLS_FOR");
        assert_eq!(super::label_for("state"), "Actor;State");
        assert_eq!(super::label_for(""), "Actor");
    }
}
