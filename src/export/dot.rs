//! Placeholder DOT writer so the export branch compiles; replaced at merge by
//! the real one (same signature).

use crate::graphfile::GraphFile;
use dot_writer::{Attributes, DotWriter};

fn quote(s: &str) -> String {
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

fn escaped(s: &str) -> String {
    let q = quote(s);
    q[1..q.len() - 1].to_string()
}

pub fn to_dot(g: &GraphFile) -> String {
    let mut bytes = Vec::new();
    {
        let mut writer = DotWriter::from(&mut bytes);
        writer.set_pretty_print(true);
        let mut digraph = writer.digraph();
        for n in &g.nodes {
            digraph
                .node_named(quote(&n.id))
                .set_label(&escaped(&n.label));
        }
        for e in &g.edges {
            let (_, color) = super::relation_style(g, e);
            let mut attrs = digraph
                .edge(quote(&e.source), quote(&e.target))
                .attributes();
            attrs.set_label(&escaped(&e.relation));
            attrs.set("color", color, true);
        }
    }
    String::from_utf8(bytes).expect("DOT is UTF-8")
}
