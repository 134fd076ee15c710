//! `view`: one self-contained interactive HTML page for a graph.
//!
//! Input: a (filtered) [`GraphFile`]; output: an HTML string with the page's
//! own CSS and JS (`view.css`, `view.js`, compiled in with `include_str!`), the
//! node positions computed here ([`layout::force_layout`]) and the graph data
//! as JSON in a `<script type="application/json">` block. No network, no CDN.
//! Article text reaches the page only inside that JSON block, with `<`, `>`
//! and `&` written as `\u003c`, `\u003e`, `\u0026`, and the script puts it
//! into the DOM with `textContent` only.

pub mod layout;

use crate::export::{edge_id, kind_color, relation_style};
use crate::graphfile::GraphFile;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

const CSS: &str = include_str!("view.css");
const JS: &str = include_str!("view.js");

/// Positions for `g.nodes` (same order), from [`layout::force_layout`];
/// edges whose ends are not in `g.nodes` are ignored.
pub fn layout_graph(g: &GraphFile) -> layout::Layout {
    let index: HashMap<&str, usize> = g.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let pairs: Vec<(usize, usize)> = g
        .edges
        .iter()
        .filter_map(|e| Some((*index.get(e.source.as_str())?, *index.get(e.target.as_str())?)))
        .collect();
    layout::force_layout(g.nodes.len(), &pairs)
}

/// The data the page reads: nodes with positions, edges with evidence.
pub fn page_data(g: &GraphFile) -> Value {
    let index: HashSet<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
    let layout = layout_graph(g);
    let docs: HashMap<&str, _> = g.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let nodes: Vec<Value> = g
        .nodes
        .iter()
        .zip(&layout.positions)
        .map(|(n, (x, y))| {
            json!({"id": n.id, "label": n.label, "kind": n.kind, "mentions": n.mentions,
                   "color": kind_color(&n.kind), "x": x, "y": y})
        })
        .collect();
    let mut relations: BTreeMap<&str, (String, &str, usize)> = BTreeMap::new();
    let edges: Vec<Value> = g
        .edges
        .iter()
        .enumerate()
        .filter(|(_, e)| index.contains(e.source.as_str()) && index.contains(e.target.as_str()))
        .map(|(i, e)| {
            let (polarity, color) = relation_style(g, e);
            relations
                .entry(e.relation.as_str())
                .or_insert((color.to_string(), polarity, 0))
                .2 += 1;
            let evidence: Vec<Value> = e
                .evidence
                .iter()
                .map(|ev| {
                    let d = docs.get(ev.doc.as_str());
                    json!({"doc": ev.doc, "text": ev.text, "trigger": ev.trigger,
                           "said_by": ev.said_by, "negated": ev.negated, "hedged": ev.hedged,
                           "title": d.and_then(|d| d.title.clone()),
                           "path": d.and_then(|d| d.path.clone()),
                           "date": d.and_then(|d| d.date.clone())})
                })
                .collect();
            json!({"id": edge_id(i), "source": e.source, "target": e.target,
                   "relation": e.relation, "color": color, "polarity": polarity,
                   "weight": e.weight, "negated": e.negated, "hedged": e.hedged,
                   "symmetric": e.symmetric, "first_seen": e.first_seen,
                   "last_seen": e.last_seen, "evidence": evidence})
        })
        .collect();
    let relations: Vec<Value> = relations
        .into_iter()
        .map(|(id, (color, polarity, count))| json!({"id": id, "color": color, "polarity": polarity, "count": count}))
        .collect();
    json!({"size": layout.size, "nodes": nodes, "edges": edges, "relations": relations})
}

/// JSON that is safe inside `<script>`: `<`, `>`, `&` only occur in JSON
/// strings, where `\u003c` etc. mean the same characters.
pub fn script_json(v: &Value) -> String {
    let s = serde_json::to_string(v).expect("JSON serializes");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The whole page.
pub fn to_html(g: &GraphFile) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>actorgraph</title>
<style>
{CSS}</style>
</head>
<body>
<header>
  <input id="search" type="search" placeholder="Find an actor" autocomplete="off">
  <label>min weight <input id="min-weight" type="range" min="1" max="1" value="1"> <output id="min-weight-value">1</output></label>
  <span id="status"></span>
</header>
<main>
  <svg id="canvas" xmlns="http://www.w3.org/2000/svg"></svg>
  <aside>
    <fieldset id="relations"><legend>Relations</legend></fieldset>
    <section id="panel"><p class="hint">Click an edge to read its evidence; drag nodes, scroll to zoom, drag the background to pan.</p></section>
  </aside>
</main>
<script type="application/json" id="graph-data">{data}</script>
<script>
{JS}</script>
</body>
</html>
"#,
        data = script_json(&page_data(g))
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn script_json_cannot_close_the_script() {
        let v = serde_json::json!({"t": "</script><b>&amp;\u{2028}"});
        assert_eq!(
            super::script_json(&v),
            r#"{"t":"\u003c/script\u003e\u003cb\u003e\u0026amp;\u2028"}"#
        );
    }
}
