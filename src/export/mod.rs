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

/// Whether no export may carry `c`: the C0 controls other than tab, line feed
/// and carriage return (a vertical tab or form feed from a PDF; XML 1.0 cannot
/// hold them, and Graphviz copies them from DOT into SVG), and U+FFFE, U+FFFF.
pub fn is_unexportable(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}' || c == '\u{ffff}'
}

/// `s` without the characters no export may carry (`is_unexportable`). Every
/// exporter passes text through this, the one place they are dropped.
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(is_unexportable) {
        s.chars().filter(|c| !is_unexportable(*c)).collect::<String>().into()
    } else {
        s.into()
    }
}

/// `s` cleaned and escaped for XML, exactly: `<>&'"` as entities and CR as
/// `&#13;` (a parser reads a raw CR as a line feed); in an attribute value
/// (`attr`) also tab and line feed as `&#9;` and `&#10;` (a parser reads them
/// raw as spaces).
pub(crate) fn xml_escape(s: &str, attr: bool) -> String {
    let s = clean(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attr => out.push_str("&#9;"),
            '\n' if attr => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
    out
}

/// An XML attribute whose value reads back exactly (`xml_escape`).
pub(crate) fn xml_attr<'a>(key: &'a str, value: &str) -> quick_xml::events::attributes::Attribute<'a> {
    quick_xml::events::attributes::Attribute {
        key: quick_xml::name::QName(key.as_bytes()),
        value: std::borrow::Cow::Owned(xml_escape(value, true).into_bytes()),
    }
}

/// XML text content that reads back exactly (`xml_escape`).
pub(crate) fn xml_text(s: &str) -> quick_xml::events::BytesText<'static> {
    quick_xml::events::BytesText::from_escaped(xml_escape(s, false))
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
