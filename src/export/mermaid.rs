//! Mermaid flowchart (`graph LR`) for Markdown documents.
//!
//! Node ids are sanitized to `[A-Za-z0-9_]` (prefixed `a_`, so reserved words
//! such as `end` cannot occur; collisions get a numeric suffix); labels are
//! quoted with Mermaid's entity codes for `"`, `#`, `<`, `>`, `&`. Negated
//! edges are dotted, hedged edges get a `?`; `linkStyle` colors each edge by
//! its relation.

use super::relation_style;
use crate::graphfile::GraphFile;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

fn sanitize(id: &str) -> String {
    let body: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("a_{body}")
}

/// A label inside `"..."`, with Mermaid entity codes for the characters that
/// would end the string or be read as markup.
pub fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in super::clean(text).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn to_mermaid(g: &GraphFile) -> String {
    let mut ids: HashMap<&str, String> = HashMap::new();
    let mut used: HashSet<String> = HashSet::new();
    let mut out = String::from("graph LR\n");
    let mut id_of = |raw: &str, ids: &mut HashMap<&str, String>| -> String {
        if let Some(id) = ids.get(raw) {
            return id.clone();
        }
        let base = sanitize(raw);
        let mut id = base.clone();
        let mut k = 2;
        while used.contains(&id) {
            id = format!("{base}_{k}");
            k += 1;
        }
        used.insert(id.clone());
        id
    };
    for n in &g.nodes {
        let id = id_of(&n.id, &mut ids);
        ids.insert(&n.id, id.clone());
        writeln!(out, "  {id}[{}]", label(&n.label)).unwrap();
    }
    let mut styles = String::new();
    for (i, e) in g.edges.iter().enumerate() {
        let s = id_of(&e.source, &mut ids);
        ids.insert(&e.source, s.clone());
        let t = id_of(&e.target, &mut ids);
        ids.insert(&e.target, t.clone());
        let mut text = e.relation.clone();
        if e.negated {
            text = format!("not {text}");
        }
        if e.hedged {
            text.push('?');
        }
        if e.weight > 1 {
            text = format!("{text} ×{}", e.weight);
        }
        let arrow = if e.negated { "-.->" } else { "-->" };
        writeln!(out, "  {s} {arrow}|{}| {t}", label(&text)).unwrap();
        let (_, color) = relation_style(g, e);
        if color.starts_with('#') && color[1..].chars().all(|c| c.is_ascii_hexdigit()) {
            writeln!(styles, "  linkStyle {i} stroke:{color}").unwrap();
        }
    }
    out.push_str(&styles);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn labels_and_ids() {
        assert_eq!(
            super::label(r#"a "b" <c> & #d"#),
            "\"a #quot;b#quot; #lt;c#gt; #amp; #35;d\""
        );
        assert_eq!(super::sanitize("end"), "a_end");
        assert_eq!(super::sanitize("Zelensky-Ω"), "a_Zelensky__");
    }

    #[test]
    fn colliding_ids_get_suffixes() {
        let mut g: crate::graphfile::GraphFile = serde_json::from_str(
            r#"{"format":"actorgraph-graph","version":1,"generator":"t","documents":[],
                "nodes":[{"id":"a-b","label":"A <b>","kind":"state","aliases":[],"mentions":1,"documents":[]},
                         {"id":"a_b","label":"A_b","kind":"state","aliases":[],"mentions":1,"documents":[]}],
                "edges":[]}"#,
        )
        .unwrap();
        g.edges.push(crate::graphfile::EdgeRec {
            source: "a-b".into(),
            target: "a_b".into(),
            relation: "meets".into(),
            symmetric: true,
            negated: true,
            hedged: true,
            weight: 2,
            first_seen: None,
            last_seen: None,
            evidence: vec![],
        });
        assert_eq!(
            super::to_mermaid(&g),
            "graph LR\n  a_a_b[\"A #lt;b#gt;\"]\n  a_a_b_2[\"A_b\"]\n  a_a_b -.->|\"not meets? ×2\"| a_a_b_2\n  linkStyle 0 stroke:#7f7f7f\n"
        );
    }
}
