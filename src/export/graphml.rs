//! GraphML writer (Gephi, yEd, Cytoscape desktop, networkx `read_graphml`).
//!
//! One `<key>` per attribute with its type; a directed graph whose edges all
//! carry ids (`e0`, ...) so parallel edges (same pair, other relation or
//! polarity) survive: networkx reads such a file as a `MultiDiGraph`.

use super::{edge_id, first_evidence, relation_style, xml_attr, xml_text};
use crate::graphfile::GraphFile;
use quick_xml::events::{BytesDecl, Event};
use quick_xml::Writer;
use std::io;

/// (id = attr.name, for, attr.type)
const KEYS: &[(&str, &str, &str)] = &[
    ("label", "node", "string"),
    ("kind", "node", "string"),
    ("mentions", "node", "long"),
    ("relation", "edge", "string"),
    ("weight", "edge", "long"),
    ("negated", "edge", "boolean"),
    ("hedged", "edge", "boolean"),
    ("symmetric", "edge", "boolean"),
    ("polarity", "edge", "string"),
    ("color", "edge", "string"),
    ("evidence_count", "edge", "long"),
    ("evidence", "edge", "string"),
];

pub fn to_graphml(g: &GraphFile) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    write(&mut w, g).expect("writing XML to memory cannot fail");
    let mut s = String::from_utf8(w.into_inner()).expect("XML is UTF-8");
    s.push('\n');
    s
}

fn data(w: &mut Writer<Vec<u8>>, key: &str, value: &str) -> io::Result<()> {
    w.create_element("data")
        .with_attribute(("key", key))
        .write_text_content(xml_text(value))?;
    Ok(())
}

fn write(w: &mut Writer<Vec<u8>>, g: &GraphFile) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("graphml")
        .with_attributes([
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ])
        .write_inner_content(|w| {
            for (id, for_, ty) in KEYS {
                w.create_element("key")
                    .with_attributes([("id", *id), ("for", *for_), ("attr.name", *id), ("attr.type", *ty)])
                    .write_empty()?;
            }
            w.create_element("graph")
                .with_attributes([("id", "actorgraph"), ("edgedefault", "directed")])
                .write_inner_content(|w| {
                    for n in &g.nodes {
                        w.create_element("node")
                            .with_attribute(xml_attr("id", &n.id))
                            .write_inner_content(|w| {
                                data(w, "label", &n.label)?;
                                data(w, "kind", &n.kind)?;
                                data(w, "mentions", &n.mentions.to_string())
                            })?;
                    }
                    for (i, e) in g.edges.iter().enumerate() {
                        let (polarity, color) = relation_style(g, e);
                        w.create_element("edge")
                            .with_attributes([
                                xml_attr("id", &edge_id(i)),
                                xml_attr("source", &e.source),
                                xml_attr("target", &e.target),
                            ])
                            .write_inner_content(|w| {
                                data(w, "relation", &e.relation)?;
                                data(w, "weight", &e.weight.to_string())?;
                                data(w, "negated", &e.negated.to_string())?;
                                data(w, "hedged", &e.hedged.to_string())?;
                                data(w, "symmetric", &e.symmetric.to_string())?;
                                data(w, "polarity", polarity)?;
                                data(w, "color", color)?;
                                data(w, "evidence_count", &e.evidence.len().to_string())?;
                                data(w, "evidence", first_evidence(e))
                            })?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}
