//! Cytoscape.js elements JSON (`cy.add(json.elements)`, or File > Import >
//! Network from File in Cytoscape desktop as `.cyjs`).
//!
//! Nodes carry a `position` from actorgraph's own force layout (the one `view`
//! uses), so `layout: {name: "preset"}` shows it at once; any other layout
//! ignores it. Values are flat (strings, numbers, booleans, lists of strings) so that
//! Cytoscape desktop can turn every field into a table column.

use super::{edge_id, first_evidence, kind_color, relation_style};
use crate::graphfile::GraphFile;
use serde_json::{json, Value};

pub fn to_cytoscape(g: &GraphFile) -> String {
    let layout = crate::view::layout_graph(g);
    let nodes: Vec<Value> = g
        .nodes
        .iter()
        .zip(&layout.positions)
        .map(|(n, (x, y))| {
            json!({ "position": { "x": x, "y": y }, "data": {
                "id": n.id,
                "label": n.label,
                "kind": n.kind,
                "mentions": n.mentions,
                "color": kind_color(&n.kind),
                "aliases": n.aliases,
            }})
        })
        .collect();
    let edges: Vec<Value> = g
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (polarity, color) = relation_style(g, e);
            let mut docs: Vec<&str> = e.evidence.iter().map(|ev| ev.doc.as_str()).collect();
            docs.sort_unstable();
            docs.dedup();
            json!({ "data": {
                "id": edge_id(i),
                "source": e.source,
                "target": e.target,
                "relation": e.relation,
                "weight": e.weight,
                "negated": e.negated,
                "hedged": e.hedged,
                "symmetric": e.symmetric,
                "polarity": polarity,
                "color": color,
                "evidence_count": e.evidence.len(),
                "evidence": first_evidence(e),
                "documents": docs,
            }})
        })
        .collect();
    let doc = json!({
        "format_version": "1.0",
        "generated_by": g.generator,
        "data": { "name": "actorgraph" },
        "elements": { "nodes": nodes, "edges": edges },
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON serializes");
    s.push('\n');
    s
}
