//! The worked examples of docs/rules.md and docs/first-rule-set.md are tests.
//!
//! A ```` ```toml ```` block followed (nothing but blank lines between) by a
//! ```` ```text ```` block of `SENTENCE => source relation target[, source not
//! relation target]` lines (or `SENTENCE => nothing`) is loaded on top of a base
//! rule set, and each sentence must give exactly those edges (symmetric
//! relations in either order). The base is named in the toml block's info
//! string: ```` ```toml ```` is the repository's `rules/`, ```` ```toml
//! base=examples/corporate/rules ```` another directory, ```` ```toml
//! base=none ```` nothing (the block is the whole rule set). The block's
//! `[[actor]]`s replace the base's actors of the same id; if it has any
//! `[[relation]]` or `[[pattern]]`, it replaces all the base's relations
//! (`leads` and `represents` are added back when it lacks them); its other
//! tables (titles, flags, verbs) are added to the base's lexicon. A text block
//! may give the document date: ```` ```text date=2025-03-01 ````. The
//! `examples` and `counter` of the block's own patterns must pass as well.

use crate::support::repo;
use actorgraph::reading::Extractor;
use actorgraph::rules::RuleSet;
use std::collections::BTreeSet;
use std::path::Path;

struct Block {
    info: String,
    body: String,
    /// 1-based line of the opening fence.
    line: usize,
    /// 1-based line of the closing fence.
    end: usize,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in markdown.lines().enumerate() {
        let fence = line.trim_start().starts_with("```");
        match (&mut open, fence) {
            (None, true) => {
                open = Some(Block {
                    info: line.trim_start().trim_start_matches('`').trim().to_string(),
                    body: String::new(),
                    line: i + 1,
                    end: 0,
                })
            }
            (Some(b), true) => {
                b.end = i + 1;
                out.extend(open.take());
            }
            (Some(b), false) => {
                b.body.push_str(line);
                b.body.push('\n');
            }
            (None, false) => {}
        }
    }
    out
}

/// The checked pairs of a markdown file: (toml block, text block).
fn checked_pairs(markdown: &str) -> Vec<(Block, Block)> {
    let lines: Vec<&str> = markdown.lines().collect();
    let all = blocks(markdown);
    let mut out = Vec::new();
    let mut it = all.into_iter().peekable();
    while let Some(b) = it.next() {
        let is_toml = b.info.split_whitespace().next() == Some("toml");
        let next_is_text = it.peek().is_some_and(|n| {
            n.info.split_whitespace().next() == Some("text")
                && lines[b.end..n.line - 1].iter().all(|l| l.trim().is_empty())
        });
        if is_toml && next_is_text {
            let text = it.next().expect("peeked");
            out.push((b, text));
        }
    }
    out
}

fn option<'a>(info: &'a str, key: &str) -> Option<&'a str> {
    info.split_whitespace()
        .find_map(|w| w.strip_prefix(key)?.strip_prefix('='))
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// The relations role phrases produce, for blocks that do not define them.
const ROLE_RELATIONS: [(&str, &str); 2] = [
    (
        "leads",
        "[[relation]]\nid = \"leads\"\npolarity = \"neutral\"\ncolor = \"#7f7f7f\"\n\n",
    ),
    (
        "represents",
        "[[relation]]\nid = \"represents\"\npolarity = \"neutral\"\ncolor = \"#bcbd22\"\n\n",
    ),
];

/// Writes the base with the block on top into `dir`.
fn assemble(base: Option<&Path>, block: &str, dir: &Path) -> Result<(), String> {
    let mut table: toml::Table = block
        .parse()
        .map_err(|e| format!("the toml block does not parse: {e}"))?;
    let actors = table.remove("actor");
    let relations = table.remove("relation");
    let patterns = table.remove("pattern");
    let lexicon = table;
    let ids: BTreeSet<String> = actors
        .as_ref()
        .and_then(|a| a.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|x| x.get("id")?.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let has_relations = relations.is_some() || patterns.is_some();
    if let Some(base) = base {
        for (i, f) in actorgraph::rules::rule_files(base, "actors").iter().enumerate() {
            let text = std::fs::read_to_string(f).expect("read base");
            let out = dir.join(format!("actors/{i:02}.toml"));
            let mut t: toml::Table = text.parse().expect("base parses");
            let before = t.get("actor").and_then(|a| a.as_array()).map_or(0, Vec::len);
            if let Some(toml::Value::Array(a)) = t.get_mut("actor") {
                a.retain(|x| x.get("id").and_then(|v| v.as_str()).is_none_or(|id| !ids.contains(id)));
            }
            let after = t.get("actor").and_then(|a| a.as_array()).map_or(0, Vec::len);
            if before == after {
                write(&out, &text);
            } else {
                write(&out, &toml::to_string(&t).expect("serialize"));
            }
        }
        if !has_relations {
            for (i, f) in actorgraph::rules::rule_files(base, "relations").iter().enumerate() {
                write(
                    &dir.join(format!("relations/{i:02}.toml")),
                    &std::fs::read_to_string(f).expect("read base"),
                );
            }
        }
        for (i, f) in actorgraph::rules::rule_files(base, "lexicon").iter().enumerate() {
            write(
                &dir.join(format!("lexicon/{i:02}.toml")),
                &std::fs::read_to_string(f).expect("read base"),
            );
        }
    }
    if let Some(a) = actors {
        let mut t = toml::Table::new();
        t.insert("actor".into(), a);
        write(
            &dir.join("actors/zz_doc.toml"),
            &toml::to_string(&t).expect("serialize"),
        );
    }
    if has_relations || base.is_none() {
        let mut t = toml::Table::new();
        let defined: BTreeSet<String> = relations
            .as_ref()
            .and_then(|r| r.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.get("id")?.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(r) = relations {
            t.insert("relation".into(), r);
        }
        if let Some(p) = patterns {
            t.insert("pattern".into(), p);
        }
        let mut text = String::new();
        for (id, def) in ROLE_RELATIONS {
            if !defined.contains(id) {
                text.push_str(def);
            }
        }
        text.push_str(&toml::to_string(&t).expect("serialize"));
        write(&dir.join("relations/zz_doc.toml"), &text);
    }
    if !lexicon.is_empty() {
        write(
            &dir.join("lexicon/zz_doc.toml"),
            &toml::to_string(&lexicon).expect("serialize"),
        );
    }
    Ok(())
}

type Edge = (String, String, String, bool);

fn parse_edges(spec: &str) -> Vec<Edge> {
    if spec.trim() == "nothing" {
        return Vec::new();
    }
    spec.split(',')
        .map(|e| {
            let w: Vec<&str> = e.split_whitespace().collect();
            match w.as_slice() {
                [s, r, t] => (s.to_string(), r.to_string(), t.to_string(), false),
                [s, "not", r, t] => (s.to_string(), r.to_string(), t.to_string(), true),
                _ => panic!("bad expected edge {e:?}: write \"source relation target\""),
            }
        })
        .collect()
}

fn normalize(rules: &RuleSet, (s, r, t, n): Edge) -> Edge {
    let symmetric = rules.relation(&r).is_some_and(|x| x.symmetric);
    if symmetric && t < s {
        (t, r, s, n)
    } else {
        (s, r, t, n)
    }
}

fn show(edges: &BTreeSet<Edge>) -> String {
    if edges.is_empty() {
        return "nothing".into();
    }
    edges
        .iter()
        .map(|(s, r, t, n)| format!("{s} {}{r} {t}", if *n { "not " } else { "" }))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks every example pair of `doc`; returns the number of pairs and of sentences.
fn check_doc(doc: &str) -> (usize, usize) {
    let path = repo().join(doc);
    let markdown = std::fs::read_to_string(&path).expect("read doc");
    let mut failures = Vec::new();
    let mut sentences = 0;
    let pairs = checked_pairs(&markdown);
    for (toml_block, text_block) in &pairs {
        let base = match option(&toml_block.info, "base") {
            Some("none") => None,
            Some(dir) => Some(repo().join(dir)),
            None => Some(repo().join("rules")),
        };
        let tmp = tempfile::tempdir().expect("tempdir");
        if let Err(e) = assemble(base.as_deref(), &toml_block.body, tmp.path()) {
            failures.push(format!("{doc}:{}: {e}", toml_block.line));
            continue;
        }
        let rules = match actorgraph::rules::load(tmp.path()) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{doc}:{}: the rules do not load:\n{e}", toml_block.line));
                continue;
            }
        };
        // The block's own pattern examples must pass too (its relations replace the base's).
        if toml_block.body.contains("[[relation") || toml_block.body.contains("[[pattern]]") {
            for f in actorgraph::ruletest::run(&rules).failures {
                failures.push(format!("{doc}:{}: {}: {}", toml_block.line, f.rule, f.message));
            }
        }
        let x = Extractor::new(&rules);
        let date = option(&text_block.info, "date");
        for (k, line) in text_block.body.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((sentence, spec)) = line.split_once(" => ") else {
                failures.push(format!("{doc}:{}: no \" => \" in {line:?}", text_block.line + 1 + k));
                continue;
            };
            sentences += 1;
            let expected: BTreeSet<Edge> = parse_edges(spec).into_iter().map(|e| normalize(&rules, e)).collect();
            let ex = x.extract(sentence, date, true);
            let got: BTreeSet<Edge> = ex
                .relations
                .iter()
                .map(|r| {
                    let e = (
                        ex.actor(&rules, r.source).id.clone(),
                        r.relation.clone(),
                        ex.actor(&rules, r.target).id.clone(),
                        r.negated,
                    );
                    normalize(&rules, e)
                })
                .collect();
            if got != expected {
                failures.push(format!(
                    "{doc}:{}: {sentence:?}: expected {}, got {}",
                    text_block.line + 1 + k,
                    show(&expected),
                    show(&got)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "worked examples fail:\n{}", failures.join("\n"));
    (pairs.len(), sentences)
}

#[test]
fn rules_md_worked_examples_hold() {
    assert_eq!(check_doc("docs/rules.md"), (11, 30));
}

#[test]
fn first_rule_set_md_worked_examples_hold() {
    assert_eq!(check_doc("docs/first-rule-set.md"), (4, 13));
}

#[test]
fn pairs_need_adjacent_blocks() {
    let md =
        "```toml\na = 1\n```\n\n```text\nx => nothing\n```\n\n```toml\nb = 2\n```\nprose\n```text\ny => nothing\n```\n";
    let pairs = checked_pairs(md);
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0].0.body, "a = 1\n");
    assert_eq!(pairs[0].1.line, 5);
    assert_eq!(option("toml base=none", "base"), Some("none"));
    assert_eq!(option("text date=2025-03-01", "date"), Some("2025-03-01"));
}
