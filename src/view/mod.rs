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

/// What `view` draws besides the graph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewOptions {
    /// Start with one line per actor pair (the page has a switch).
    pub pairs: bool,
    /// Shown above the picture: what was filtered out or capped.
    pub notes: Vec<String>,
    /// The layout's force model.
    pub model: layout::Model,
}

/// The radius of an actor's disc in the page, by its mentions.
pub fn node_radius(mentions: u64) -> f64 {
    (6.0 + 2.0 * (mentions as f64).sqrt()).min(24.0)
}

/// The disc and label of each node, as the page draws them (11 px labels,
/// about 6.2 px a character).
pub fn node_boxes(g: &GraphFile) -> Vec<layout::NodeBox> {
    g.nodes
        .iter()
        .map(|n| layout::NodeBox {
            radius: node_radius(n.mentions),
            label_width: 6.2 * n.label.chars().count() as f64,
        })
        .collect()
}

/// Positions for `g.nodes` (same order), from [`layout::force_layout`] on the
/// actor pairs weighted by their total weight.
pub fn layout_graph(g: &GraphFile) -> layout::Layout {
    layout_graph_with(g, layout::Model::default())
}

/// [`layout_graph`] with a chosen force model.
pub fn layout_graph_with(g: &GraphFile, model: layout::Model) -> layout::Layout {
    let index: HashMap<&str, usize> = g.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let pairs: Vec<(usize, usize, f64)> = crate::picture::pairs(g)
        .iter()
        .filter_map(|p| Some((*index.get(p.a.as_str())?, *index.get(p.b.as_str())?, p.weight as f64)))
        .collect();
    layout::force_layout(&node_boxes(g), &pairs, model)
}

/// The nodes of the page: positions, sizes, kinds and communities.
fn page_nodes(g: &GraphFile, layout: &layout::Layout, communities: &[usize]) -> Vec<Value> {
    g.nodes
        .iter()
        .zip(&layout.positions)
        .zip(communities)
        .map(|((n, (x, y)), &c)| {
            json!({"id": n.id, "label": n.label, "aliases": n.aliases, "kind": n.kind, "mentions": n.mentions,
                   "color": kind_color(&n.kind), "community": c,
                   "fill": crate::picture::community_color(c),
                   "r": node_radius(n.mentions), "x": x, "y": y})
        })
        .collect()
}

/// The colored communities for the legend: color, two most mentioned members, size.
fn page_communities(g: &GraphFile, communities: &[usize]) -> Vec<Value> {
    crate::picture::legend_communities(g, communities)
        .into_iter()
        .map(|(color, top, size)| json!({"color": color, "label": top.join(", "), "size": size}))
        .collect()
}

/// The data the page reads: nodes with positions, edges with evidence.
pub fn page_data(g: &GraphFile, opts: &ViewOptions) -> Value {
    let index: HashSet<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
    let layout = layout_graph_with(g, opts.model);
    let communities = crate::picture::communities(g);
    let docs: HashMap<&str, _> = g.documents.iter().map(|d| (d.id.as_str(), d)).collect();
    let nodes = page_nodes(g, &layout, &communities);
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
    json!({"width": layout.width, "height": layout.height, "pairs": opts.pairs, "notes": opts.notes,
           "communities": page_communities(g, &communities), "nodes": nodes, "edges": edges,
           "relations": relations})
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
pub fn to_html(g: &GraphFile, opts: &ViewOptions) -> String {
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
  <label><input id="pairs" type="checkbox"> one line per actor pair</label>
  <span id="dates">dates <input id="date-from" type="range" min="0" max="0" value="0"> <output id="date-from-value"></output> to <input id="date-to" type="range" min="0" max="0" value="0"> <output id="date-to-value"></output></span>
  <span id="status"></span>
</header>
<div id="notes" hidden></div>
<main>
  <svg id="canvas" xmlns="http://www.w3.org/2000/svg"></svg>
  <aside>
    <fieldset id="kinds"><legend>Actors: shape by kind, color by community</legend></fieldset>
    <fieldset id="stance" hidden><legend>Lines: net stance of each actor pair</legend></fieldset>
    <fieldset id="relations"><legend>Relations</legend></fieldset>
    <section id="panel"><p class="hint">Click a line to read its evidence; drag actors, scroll to zoom, drag the background to pan.</p></section>
  </aside>
</main>
<script type="application/json" id="graph-data">{data}</script>
<script>
{JS}</script>
</body>
</html>
"#,
        data = script_json(&page_data(g, opts))
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
