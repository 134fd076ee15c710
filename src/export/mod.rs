//! Exporters: the graph file in the formats visualization tools read.
//!
//! Role: turn a (filtered) [`GraphFile`] into text. Input: a `GraphFile`;
//! output: a `String` per format (CSV: two strings, nodes and edges). Every
//! exporter is deterministic (input order, edge ids `e0`, `e1`, ... by position
//! in `GraphFile::edges`, the same ids in every format and in `view`) and
//! escapes everything that comes from article text. This module does no file
//! I/O: `commands::export` writes the strings.

pub mod csv;
pub mod cytoscape;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod graphviz;
pub mod mermaid;

use crate::graphfile::{EdgeRec, GraphFile, RelationRec};

/// The export formats of `actorgraph export --format`.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The native graph.json schema, as is.
    Json,
    /// Graphviz DOT.
    Dot,
    /// GraphML (Gephi, yEd, Cytoscape desktop, networkx).
    Graphml,
    /// GEXF 1.3 (Gephi, networkx).
    Gexf,
    /// Cytoscape.js elements JSON (also Cytoscape desktop .cyjs).
    #[value(alias = "cyjs")]
    Cytoscape,
    /// neo4j-admin import CSV: DIR/nodes.csv and DIR/edges.csv.
    Csv,
    /// Mermaid `graph LR` flowchart for Markdown.
    Mermaid,
}

/// The output of one format that fits in a single file (all but CSV).
pub fn to_string(g: &GraphFile, format: Format) -> Option<String> {
    Some(match format {
        Format::Json => g.to_json_string(),
        Format::Dot => dot::to_dot(g),
        Format::Graphml => graphml::to_graphml(g),
        Format::Gexf => gexf::to_gexf(g),
        Format::Cytoscape => cytoscape::to_cytoscape(g),
        Format::Mermaid => mermaid::to_mermaid(g),
        Format::Csv => return None,
    })
}

/// The id of the edge at position `i` of `GraphFile::edges`, shared by all formats.
pub fn edge_id(i: usize) -> String {
    format!("e{i}")
}

/// Relation metadata for an edge: polarity and color from the graph's relation
/// inventory, with neutral defaults for a relation the inventory lacks.
pub fn relation_style<'a>(g: &'a GraphFile, e: &EdgeRec) -> (&'a str, &'a str) {
    match g.relation(&e.relation) {
        Some(RelationRec { polarity, color, .. }) => (polarity.as_str(), color.as_str()),
        None => ("neutral", DEFAULT_COLOR),
    }
}

/// Edge color when the relation inventory has none.
pub const DEFAULT_COLOR: &str = "#7f7f7f";

/// The text of an edge's first evidence sentence, or "".
pub fn first_evidence(e: &EdgeRec) -> &str {
    e.evidence.first().map(|ev| ev.text.as_str()).unwrap_or("")
}

/// Parses `#rrggbb` (or `#rgb`) into RGB; other color names give grey.
pub fn rgb(color: &str) -> (u8, u8, u8) {
    let hex = color.strip_prefix('#').unwrap_or("");
    let parse = |s: &str| u8::from_str_radix(s, 16).ok();
    let c = match hex.len() {
        6 => (parse(&hex[0..2]), parse(&hex[2..4]), parse(&hex[4..6])),
        3 => {
            let d = |i: usize| parse(&hex[i..i + 1]).map(|v| v * 17);
            (d(0), d(1), d(2))
        }
        _ => (None, None, None),
    };
    match c {
        (Some(r), Some(g), Some(b)) => (r, g, b),
        _ => (127, 127, 127),
    }
}

/// Drops the characters XML 1.0 cannot carry at all (C0 controls other than
/// tab, newline and carriage return); quick-xml escapes the rest.
pub(crate) fn xml_clean(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}' || c == '\u{ffff}';
    if s.chars().any(bad) {
        s.chars().filter(|c| !bad(*c)).collect::<String>().into()
    } else {
        s.into()
    }
}

/// A fill color per actor kind, for formats that color nodes.
pub fn kind_color(kind: &str) -> &'static str {
    match kind {
        "state" => "#9ecae1",
        "person" => "#fdd0a2",
        "organization" => "#c7e9c0",
        "group" => "#dadaeb",
        _ => "#d9d9d9",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colors() {
        assert_eq!(rgb("#2ca02c"), (0x2c, 0xa0, 0x2c));
        assert_eq!(rgb("#fff"), (255, 255, 255));
        assert_eq!(rgb("red"), (127, 127, 127));
        assert_eq!(rgb("#zzzzzz"), (127, 127, 127));
    }
}
