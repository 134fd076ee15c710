//! Graphviz DOT output, written with dot-writer.
//!
//! Node shape and color by kind, edge color and label by relation (with the
//! weight when above 1), pen width growing with weight, dashed edges for
//! negated relations, dotted for hedged-only ones, `dir=none` for symmetric
//! relations, and a legend of the relations present.

use crate::graphfile::GraphFile;
use dot_writer::{Attributes, DotWriter};

/// A DOT string literal: quotes, backslashes and line breaks escaped.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn kind_style(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "person" => ("ellipse", "#dbe9f6"),
        "state" => ("box", "#fde9c9"),
        "organization" => ("hexagon", "#d9f0d3"),
        "group" => ("octagon", "#eadcf2"),
        _ => ("plaintext", "#ffffff"),
    }
}

pub fn to_dot(g: &GraphFile) -> String {
    let mut bytes = Vec::new();
    {
        let mut w = DotWriter::from(&mut bytes);
        w.set_pretty_print(true);
        let mut dg = w.digraph();
        dg.graph_attributes()
            .set("rankdir", "LR", false)
            .set("overlap", "false", false)
            .set("splines", "true", false)
            .set("fontname", "Helvetica", true)
            .set(
                "label",
                &quoted(&format!(
                    "actorgraph: {} actors, {} relations, {} documents",
                    g.nodes.len(),
                    g.edges.len(),
                    g.documents.len()
                )),
                false,
            )
            .set("labelloc", "t", false);
        dg.node_attributes()
            .set("fontname", "Helvetica", true)
            .set("style", "filled", false)
            .set("fontsize", "11", false);
        dg.edge_attributes()
            .set("fontname", "Helvetica", true)
            .set("fontsize", "9", false);
        for n in &g.nodes {
            let (shape, fill) = kind_style(&n.kind);
            dg.node_named(quoted(&n.id))
                .set("label", &quoted(&n.label), false)
                .set("shape", shape, false)
                .set("fillcolor", &quoted(fill), false)
                .set(
                    "tooltip",
                    &quoted(&format!("{} ({}), {} mentions", n.label, n.kind, n.mentions)),
                    false,
                );
        }
        for e in &g.edges {
            let color = g.relation(&e.relation).map_or("#555555", |r| r.color.as_str());
            let mut label = if e.negated {
                format!("not {}", e.relation)
            } else {
                e.relation.clone()
            };
            if e.weight > 1 {
                label.push_str(&format!(" ×{}", e.weight));
            }
            let width = 1.0 + (e.weight as f64).log2().min(4.0);
            let style = if e.negated {
                "dashed"
            } else if e.hedged {
                "dotted"
            } else {
                "solid"
            };
            let mut attrs = dg.edge(quoted(&e.source), quoted(&e.target)).attributes();
            attrs
                .set("label", &quoted(&label), false)
                .set("color", &quoted(color), false)
                .set("fontcolor", &quoted(color), false)
                .set("penwidth", &format!("{width:.2}"), false)
                .set("style", style, false);
            if e.symmetric {
                attrs.set("dir", "none", false);
            }
        }
        // Legend: the relations present, in their colors.
        let mut present: Vec<&str> = g.edges.iter().map(|e| e.relation.as_str()).collect();
        present.sort();
        present.dedup();
        if !present.is_empty() {
            let mut legend = dg.cluster();
            legend
                .graph_attributes()
                .set("label", "\"relations\"", false)
                .set("style", "rounded", false)
                .set("color", "\"#999999\"", false);
            let rows: String = present
                .iter()
                .map(|r| {
                    let color = g.relation(r).map_or("#555555", |x| x.color.as_str());
                    format!("<TR><TD><FONT COLOR=\"{color}\">&#9472;&#9472;&#9654; {r}</FONT></TD></TR>")
                })
                .collect();
            legend
                .node_named("\"legend\"")
                .set("shape", "plaintext", false)
                .set("style", "\"\"", false)
                .set("label", &format!("<<TABLE BORDER=\"0\" CELLSPACING=\"0\">{rows}<TR><TD>dashed: negated · dotted: hedged</TD></TR></TABLE>>"), false);
        }
    }
    String::from_utf8(bytes).expect("DOT output is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_labels() {
        assert_eq!(quoted("say \"no\"\\"), "\"say \\\"no\\\"\\\\\"");
    }
}
