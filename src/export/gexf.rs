//! GEXF 1.3 writer (Gephi; networkx `read_gexf(path, version="1.3")`).
//!
//! Typed attribute columns for nodes and edges, `viz:color` (nodes by kind,
//! edges by relation) and `viz:size` (nodes by mentions); edge ids `e0`, ...
//! so parallel edges survive (networkx returns a `MultiDiGraph` then).

use super::{edge_id, first_evidence, kind_color, relation_style, rgb, xml_attr, xml_text};
use crate::graphfile::GraphFile;
use quick_xml::events::{BytesDecl, Event};
use quick_xml::Writer;
use std::io;

const NODE_ATTRS: &[(&str, &str)] = &[("kind", "string"), ("mentions", "long")];
const EDGE_ATTRS: &[(&str, &str)] = &[
    ("relation", "string"),
    ("negated", "boolean"),
    ("hedged", "boolean"),
    ("symmetric", "boolean"),
    ("polarity", "string"),
    ("color", "string"),
    ("evidence_count", "long"),
    ("evidence", "string"),
];

pub fn to_gexf(g: &GraphFile) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    write(&mut w, g).expect("writing XML to memory cannot fail");
    let mut s = String::from_utf8(w.into_inner()).expect("XML is UTF-8");
    s.push('\n');
    s
}

type W = Writer<Vec<u8>>;

fn attributes(w: &mut W, class: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    w.create_element("attributes")
        .with_attributes([("class", class), ("mode", "static")])
        .write_inner_content(|w| {
            for (id, ty) in attrs {
                w.create_element("attribute")
                    .with_attributes([("id", *id), ("title", *id), ("type", *ty)])
                    .write_empty()?;
            }
            Ok(())
        })?;
    Ok(())
}

fn attvalues(w: &mut W, values: &[(&str, &str)]) -> io::Result<()> {
    w.create_element("attvalues").write_inner_content(|w| {
        for (key, value) in values {
            w.create_element("attvalue")
                .with_attributes([xml_attr("for", key), xml_attr("value", value)])
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn color(w: &mut W, css: &str) -> io::Result<()> {
    let (r, g, b) = rgb(css);
    w.create_element("viz:color")
        .with_attributes([
            ("r", r.to_string().as_str()),
            ("g", g.to_string().as_str()),
            ("b", b.to_string().as_str()),
        ])
        .write_empty()?;
    Ok(())
}

fn write(w: &mut W, g: &GraphFile) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("gexf")
        .with_attributes([
            ("xmlns", "http://gexf.net/1.3"),
            ("xmlns:viz", "http://gexf.net/1.3/viz"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"),
            ("version", "1.3"),
        ])
        .write_inner_content(|w| {
            w.create_element("meta").write_inner_content(|w| {
                w.create_element("creator").write_text_content(xml_text(&g.generator))?;
                Ok(())
            })?;
            w.create_element("graph")
                .with_attributes([("defaultedgetype", "directed"), ("mode", "static")])
                .write_inner_content(|w| {
                    attributes(w, "node", NODE_ATTRS)?;
                    attributes(w, "edge", EDGE_ATTRS)?;
                    w.create_element("nodes").write_inner_content(|w| {
                        for n in &g.nodes {
                            w.create_element("node")
                                .with_attributes([xml_attr("id", &n.id), xml_attr("label", &n.label)])
                                .write_inner_content(|w| {
                                    attvalues(w, &[("kind", &n.kind), ("mentions", &n.mentions.to_string())])?;
                                    color(w, kind_color(&n.kind))?;
                                    let size = 10.0 + 4.0 * (n.mentions as f64).sqrt();
                                    w.create_element("viz:size")
                                        .with_attribute(("value", format!("{size:.1}").as_str()))
                                        .write_empty()?;
                                    Ok(())
                                })?;
                        }
                        Ok(())
                    })?;
                    w.create_element("edges").write_inner_content(|w| {
                        for (i, e) in g.edges.iter().enumerate() {
                            let (polarity, css) = relation_style(g, e);
                            w.create_element("edge")
                                .with_attributes([
                                    xml_attr("id", &edge_id(i)),
                                    xml_attr("source", &e.source),
                                    xml_attr("target", &e.target),
                                    xml_attr("label", &e.relation),
                                    xml_attr("weight", &e.weight.to_string()),
                                ])
                                .write_inner_content(|w| {
                                    attvalues(
                                        w,
                                        &[
                                            ("relation", &e.relation),
                                            ("negated", &e.negated.to_string()),
                                            ("hedged", &e.hedged.to_string()),
                                            ("symmetric", &e.symmetric.to_string()),
                                            ("polarity", polarity),
                                            ("color", css),
                                            ("evidence_count", &e.evidence.len().to_string()),
                                            ("evidence", first_evidence(e)),
                                        ],
                                    )?;
                                    color(w, css)
                                })?;
                        }
                        Ok(())
                    })?;
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}
