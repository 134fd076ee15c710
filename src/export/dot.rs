//! Graphviz DOT output, written with dot-writer.
//!
//! Node shape by kind, fill by kind (or by community, [`DotStyle`]), edge
//! color and label by relation (with the weight when above 1), pen width
//! growing with weight, dashed edges for negated relations, dotted for
//! hedged-only ones, `dir=none` for symmetric relations, and a legend of the
//! relations present. With [`DotStyle::pairs`], one unlabelled line per actor
//! pair instead, colored by net stance, its relations in the tooltip.

use crate::graphfile::GraphFile;
use crate::picture::{self, Pair};
use dot_writer::{Attributes, DotWriter, Scope};

/// A DOT string literal: quotes, backslashes and line breaks escaped, control characters
/// dropped (`super::clean`).
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in super::clean(s).chars() {
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

/// Text for an HTML-like label: `&`, `<`, `>`, `"` as entities, control characters dropped.
fn html_text(s: &str) -> String {
    super::clean(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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

/// How [`to_dot_styled`] draws a graph; the default is [`to_dot`]'s.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DotStyle {
    /// One line per actor pair ([`picture::pairs`]) instead of one per relation.
    pub pairs: bool,
    /// The community of each node (as `g.nodes`): fills the nodes with the
    /// community's color, and the legend names the largest communities.
    pub communities: Option<Vec<usize>>,
    /// A Graphviz `layout` attribute (engine), for files run by hand: `dot
    /// -Tsvg graph.dot` then uses it. Not for `render`, whose `-K` it would
    /// override.
    pub layout: Option<&'static str>,
    /// The document count the summary comment gives, when `g` is a copy made without its
    /// document list (`to_picture_dot`); else `g.documents.len()`.
    pub document_count: Option<usize>,
}

/// The graph.dot that `build` writes: the picture `render` draws by default
/// (actors without relations left out, one line per pair above
/// [`picture::PAIRS_ABOVE`] relations, communities) with render's default
/// engine as its `layout`, so that `dot -Tsvg graph.dot` draws it the same way.
/// `export -f dot` keeps every actor and relation.
pub fn to_picture_dot(g: &GraphFile) -> String {
    let documents = g.documents.len();
    // The DOT needs no evidence and no document lists, only their count: copy the graph
    // without them (build's graph can be large: 260,880 documents at 1 GB).
    let mut g = GraphFile {
        format: g.format.clone(),
        version: g.version,
        generator: g.generator.clone(),
        relations: g.relations.clone(),
        documents: Vec::new(),
        nodes: g
            .nodes
            .iter()
            .map(|n| crate::graphfile::NodeRec {
                id: n.id.clone(),
                label: n.label.clone(),
                kind: n.kind.clone(),
                aliases: n.aliases.clone(),
                mentions: n.mentions,
                documents: Vec::new(),
            })
            .collect(),
        edges: g
            .edges
            .iter()
            .map(|e| crate::graphfile::EdgeRec {
                source: e.source.clone(),
                target: e.target.clone(),
                relation: e.relation.clone(),
                symmetric: e.symmetric,
                negated: e.negated,
                hedged: e.hedged,
                weight: e.weight,
                first_seen: None,
                last_seen: None,
                evidence: vec![],
            })
            .collect(),
    };
    picture::prepare(&mut g, &picture::PictureArgs::default());
    let pairs = picture::EdgeMode::Auto.pairs(g.edges.len());
    let engine = crate::export::graphviz::Engine::for_picture(g.nodes.len(), pairs);
    let style = DotStyle {
        pairs,
        communities: Some(picture::communities(&g)),
        layout: Some(engine.name()).filter(|&e| e != "dot"),
        document_count: Some(documents),
    };
    to_dot_styled(&g, &style)
}

/// The DOT of `g`, one edge per relation, nodes filled by kind.
pub fn to_dot(g: &GraphFile) -> String {
    to_dot_styled(g, &DotStyle::default())
}

pub fn to_dot_styled(g: &GraphFile, style: &DotStyle) -> String {
    let pairs = if style.pairs { picture::pairs(g) } else { vec![] };
    let documents = style.document_count.unwrap_or(g.documents.len());
    let mut bytes = Vec::new();
    {
        let mut w = DotWriter::from(&mut bytes);
        w.set_pretty_print(true);
        let mut dg = w.digraph();
        let summary = match style.pairs {
            true => format!(
                "actorgraph: {} actors, {} pairs ({} relations), {} documents",
                g.nodes.len(),
                pairs.len(),
                g.edges.len(),
                documents
            ),
            false => format!(
                "actorgraph: {} actors, {} relations, {} documents",
                g.nodes.len(),
                g.edges.len(),
                documents
            ),
        };
        if let Some(engine) = style.layout {
            dg.graph_attributes().set("layout", engine, false);
        }
        dg.graph_attributes()
            .set("rankdir", "LR", false)
            .set("overlap", "false", false)
            .set("splines", "true", false)
            .set("fontname", "Helvetica", true)
            .set("label", &quoted(&summary), false)
            .set("labelloc", "t", false);
        dg.node_attributes()
            .set("fontname", "Helvetica", true)
            .set("style", "filled", false)
            .set("fontsize", "11", false);
        dg.edge_attributes()
            .set("fontname", "Helvetica", true)
            .set("fontsize", "9", false);
        write_nodes(&mut dg, g, style.communities.as_deref());
        match style.pairs {
            true => write_pairs(&mut dg, g, &pairs),
            false => write_relations(&mut dg, g),
        }
        let mut rows = match style.pairs {
            true => stance_legend_rows(),
            false => relation_legend_rows(g),
        };
        if let Some(c) = &style.communities {
            rows.push_str(&community_legend_rows(g, c));
        }
        if !rows.is_empty() {
            // The title is the table's first row, not a cluster label: neato
            // and sfdp drew a cluster label over the first row.
            dg.node_named("\"legend\"")
                .set("shape", "plaintext", false)
                .set("style", "\"\"", false)
                .set(
                    "label",
                    &format!("<<TABLE BORDER=\"1\" COLOR=\"#999999\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"3\">{rows}</TABLE>>"),
                    false,
                );
        }
    }
    String::from_utf8(bytes).expect("DOT output is UTF-8")
}

fn write_nodes(dg: &mut Scope, g: &GraphFile, communities: Option<&[usize]>) {
    for (i, n) in g.nodes.iter().enumerate() {
        let (shape, kind_fill) = kind_style(&n.kind);
        let fill = match communities.and_then(|c| c.get(i)) {
            Some(&c) => picture::community_color(c),
            None => kind_fill,
        };
        dg.node_named(quoted(&n.id))
            .set("label", &quoted(&n.label), false)
            .set("shape", shape, false)
            .set("fillcolor", &quoted(fill), false)
            .set(
                "tooltip",
                &quoted(&format!(
                    "{} ({}), {} mention{}",
                    n.label,
                    n.kind,
                    n.mentions,
                    if n.mentions == 1 { "" } else { "s" }
                )),
                false,
            );
    }
}

fn pen_width(weight: u64) -> String {
    // A hand-edited weight of 0 gave penwidth=-inf.
    format!("{:.2}", 1.0 + (weight.max(1) as f64).log2().min(4.0))
}

fn write_relations(dg: &mut Scope, g: &GraphFile) {
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
            .set("penwidth", &pen_width(e.weight), false)
            .set("style", style, false);
        if e.symmetric {
            attrs.set("dir", "none", false);
        }
    }
}

fn write_pairs(dg: &mut Scope, g: &GraphFile, pairs: &[Pair]) {
    for p in pairs {
        let tooltip = format!("total {}: {}", p.weight, p.breakdown(g).join("; "));
        dg.edge(quoted(&p.a), quoted(&p.b))
            .attributes()
            .set("color", &quoted(&picture::stance_color(p.stance())), false)
            .set("penwidth", &pen_width(p.weight), false)
            .set("dir", "none", false)
            .set("tooltip", &quoted(&tooltip), false);
    }
}

fn relation_legend_rows(g: &GraphFile) -> String {
    let mut present: Vec<&str> = g.edges.iter().map(|e| e.relation.as_str()).collect();
    present.sort();
    present.dedup();
    if present.is_empty() {
        return String::new();
    }
    let rows: String = present
        .iter()
        .map(|r| {
            let color = html_text(g.relation(r).map_or("#555555", |x| x.color.as_str()));
            format!(
                "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"{color}\">&#9472;&#9472;&#9654; {}</FONT></TD></TR>",
                html_text(r)
            )
        })
        .collect();
    format!("<TR><TD ALIGN=\"LEFT\"><B>relations</B></TD></TR>{rows}<TR><TD ALIGN=\"LEFT\">dashed: negated · dotted: hedged</TD></TR>")
}

fn stance_legend_rows() -> String {
    let row = |stance: f64, text: &str| {
        let color = picture::stance_color(stance);
        format!("<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"{color}\">&#9472;&#9472;&#9472; {text}</FONT></TD></TR>")
    };
    format!(
        "<TR><TD ALIGN=\"LEFT\"><B>actor pairs: net stance</B></TD></TR>{}{}{}<TR><TD ALIGN=\"LEFT\">width: total weight</TD></TR>",
        row(1.0, "cooperative"),
        row(0.0, "mixed or neutral"),
        row(-1.0, "conflictual")
    )
}

/// Rows for the colored communities: their color and their two most
/// mentioned actors.
fn community_legend_rows(g: &GraphFile, communities: &[usize]) -> String {
    let mut rows = String::new();
    for (color, top, size) in picture::legend_communities(g, communities) {
        let names: Vec<String> = top.iter().map(|l| html_text(l)).collect();
        rows.push_str(&format!(
            "<TR><TD ALIGN=\"LEFT\" BGCOLOR=\"{color}\">{}, … ({size})</TD></TR>",
            names.join(", ")
        ));
    }
    match rows.is_empty() {
        true => rows,
        false => format!("<TR><TD ALIGN=\"LEFT\"><B>communities</B></TD></TR>{rows}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_labels() {
        assert_eq!(quoted("say \"no\"\\"), "\"say \\\"no\\\"\\\\\"");
        assert_eq!(html_text("A&B <\"x\">"), "A&amp;B &lt;&quot;x&quot;&gt;");
    }
}
