//! Graph filters shared by `export`, `render`, `view`, `build` and the DOT writer.
//!
//! Role: cut a graph down before it is drawn or exported. Input: a
//! [`GraphFile`]; output: a smaller [`GraphFile`] in the same schema (same
//! order of nodes and edges, same `documents` and `relations` inventory).
//! Every filter is a pure function; this module does no I/O.
//!
//! Node policy (what happens to actors when their edges go):
//! - `--kind` removes the actors of other kinds, and their edges.
//! - The edge filters (`--rel`, `--min-weight`, `--no-negated`, `--no-hedged`)
//!   remove edges; an actor that *had* edges and lost all of them to these
//!   filters is removed too (it would otherwise float unconnected in the
//!   picture, and it is not part of the subgraph asked for). An actor that had
//!   no edge in the input stays: it is a mentioned actor, not a filtering
//!   leftover.
//! - `--top N` runs last, on what the other filters left: it keeps the N actors
//!   with the highest weighted degree (sum of the weights of their edges, ties
//!   broken by id) and only the edges between two kept actors.

use crate::graphfile::{EdgeRec, GraphFile};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The actor kinds the schema knows (`NodeRec::kind`).
pub const KINDS: &[&str] = &["person", "state", "organization", "group"];

/// Filter options, as command-line flags; `#[command(flatten)]` them into a
/// subcommand's `Args`. `FilterArgs::default()` keeps everything.
#[derive(clap::Args, Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterArgs {
    /// Keep only edges with at least N evidence instances.
    #[arg(long, value_name = "N")]
    pub min_weight: Option<u64>,
    /// Keep only these relations (comma-separated relation ids).
    #[arg(long = "rel", value_name = "R,...", value_delimiter = ',')]
    pub relations: Vec<String>,
    /// Keep only actors of these kinds (person, state, organization, group).
    #[arg(long = "kind", value_name = "K,...", value_delimiter = ',')]
    pub kinds: Vec<String>,
    /// Keep the N most central actors (weighted degree, ties by id) and the edges among them.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Drop negated edges ("X did not meet Y").
    #[arg(long)]
    pub no_negated: bool,
    /// Drop hedged edges ("X may meet Y").
    #[arg(long)]
    pub no_hedged: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    #[error("--rel: unknown relation {name:?}{hint} (relations in this graph: {known})")]
    UnknownRelation { name: String, hint: String, known: String },
    #[error("--kind: unknown actor kind {name:?}{hint} (kinds: {known})")]
    UnknownKind { name: String, hint: String, known: String },
}

impl FilterArgs {
    /// True when no filter is set (the graph passes through unchanged).
    pub fn is_empty(&self) -> bool {
        *self == FilterArgs::default()
    }
}

/// Applies every filter in `args`, in the order `--kind`, edge filters, `--top`.
/// Fails when `--rel` or `--kind` names something unknown, so a typo does not
/// silently produce an empty picture.
pub fn apply(g: &GraphFile, args: &FilterArgs) -> Result<GraphFile, FilterError> {
    validate(g, args)?;
    let mut out = g.clone();
    if !args.kinds.is_empty() {
        out = kinds(&out, &args.kinds);
    }
    let before = out.clone();
    if !args.relations.is_empty() {
        out = relations(&out, &args.relations);
    }
    if let Some(n) = args.min_weight {
        out = min_weight(&out, n);
    }
    if args.no_negated {
        out = no_negated(&out);
    }
    if args.no_hedged {
        out = no_hedged(&out);
    }
    out = drop_stranded(&before, out);
    if let Some(n) = args.top {
        out = top(&out, n);
    }
    Ok(out)
}

/// Checks that every relation and kind `args` names exists (in the graph or, for kinds, in
/// the schema), with a did-you-mean; `query` uses it for its own `--rel` and `--kind`.
pub fn validate(g: &GraphFile, args: &FilterArgs) -> Result<(), FilterError> {
    let mut known: BTreeSet<&str> = g.relations.iter().map(|r| r.id.as_str()).collect();
    known.extend(g.edges.iter().map(|e| e.relation.as_str()));
    for r in &args.relations {
        if !known.contains(r.as_str()) {
            return Err(FilterError::UnknownRelation {
                name: r.clone(),
                hint: did_you_mean(r, known.iter().copied()),
                known: known.iter().copied().collect::<Vec<_>>().join(", "),
            });
        }
    }
    let mut kinds: BTreeSet<&str> = KINDS.iter().copied().collect();
    kinds.extend(g.nodes.iter().map(|n| n.kind.as_str()));
    for k in &args.kinds {
        if !kinds.contains(k.as_str()) {
            return Err(FilterError::UnknownKind {
                name: k.clone(),
                hint: did_you_mean(k, kinds.iter().copied()),
                known: kinds.iter().copied().collect::<Vec<_>>().join(", "),
            });
        }
    }
    Ok(())
}

fn did_you_mean<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> String {
    known
        .map(|k| (edit_distance(name, k), k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| format!(" (did you mean {k:?}?)"))
        .unwrap_or_default()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn retain_edges(g: &GraphFile, keep: impl Fn(&EdgeRec) -> bool) -> GraphFile {
    let mut out = g.clone();
    out.edges.retain(keep);
    out
}

/// Keeps edges with `weight >= n`. Nodes are untouched.
pub fn min_weight(g: &GraphFile, n: u64) -> GraphFile {
    retain_edges(g, |e| e.weight >= n)
}

/// Keeps edges whose relation is in `rels`. Nodes are untouched.
pub fn relations(g: &GraphFile, rels: &[String]) -> GraphFile {
    retain_edges(g, |e| rels.contains(&e.relation))
}

/// Drops negated edges. Nodes are untouched.
pub fn no_negated(g: &GraphFile) -> GraphFile {
    retain_edges(g, |e| !e.negated)
}

/// Drops hedged edges. Nodes are untouched.
pub fn no_hedged(g: &GraphFile) -> GraphFile {
    retain_edges(g, |e| !e.hedged)
}

/// Keeps actors whose kind is in `kinds`, and the edges between them.
pub fn kinds(g: &GraphFile, kinds: &[String]) -> GraphFile {
    let keep: HashSet<&str> = g
        .nodes
        .iter()
        .filter(|n| kinds.contains(&n.kind))
        .map(|n| n.id.as_str())
        .collect();
    induced(g, &keep)
}

/// Keeps the `n` actors with the highest weighted degree (ties by id) and the
/// edges among them.
pub fn top(g: &GraphFile, n: usize) -> GraphFile {
    let degree = weighted_degree(g);
    let mut ranked: Vec<(&str, u64)> = g
        .nodes
        .iter()
        .map(|node| (node.id.as_str(), degree.get(node.id.as_str()).copied().unwrap_or(0)))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let keep: HashSet<&str> = ranked.into_iter().take(n).map(|(id, _)| id).collect();
    induced(g, &keep)
}

/// Sum of the weights of the edges touching each node (a self-loop counts twice).
pub fn weighted_degree(g: &GraphFile) -> BTreeMap<&str, u64> {
    let mut deg: BTreeMap<&str, u64> = BTreeMap::new();
    for e in &g.edges {
        *deg.entry(e.source.as_str()).or_default() += e.weight;
        *deg.entry(e.target.as_str()).or_default() += e.weight;
    }
    deg
}

/// The subgraph on the nodes in `keep`, in the original order.
fn induced(g: &GraphFile, keep: &HashSet<&str>) -> GraphFile {
    let mut out = g.clone();
    out.nodes.retain(|n| keep.contains(n.id.as_str()));
    out.edges
        .retain(|e| keep.contains(e.source.as_str()) && keep.contains(e.target.as_str()));
    out
}

/// Removes the nodes that had an edge in `before` and have none in `after`.
fn drop_stranded(before: &GraphFile, mut after: GraphFile) -> GraphFile {
    let touched = |g: &GraphFile| -> HashSet<String> {
        g.edges
            .iter()
            .flat_map(|e| [e.source.clone(), e.target.clone()])
            .collect()
    };
    let had = touched(before);
    let has = touched(&after);
    after.nodes.retain(|n| !had.contains(&n.id) || has.contains(&n.id));
    after
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphfile::{NodeRec, FORMAT, VERSION};

    /// Nodes "id:kind"; edges "src rel dst weight [neg] [hedged]".
    fn graph(nodes: &[&str], edges: &[&str]) -> GraphFile {
        GraphFile {
            format: FORMAT.into(),
            version: VERSION,
            generator: "test".into(),
            relations: vec![],
            documents: vec![],
            nodes: nodes
                .iter()
                .map(|s| {
                    let (id, kind) = s.split_once(':').unwrap();
                    NodeRec {
                        id: id.into(),
                        label: id.to_uppercase(),
                        kind: kind.into(),
                        aliases: vec![],
                        mentions: 1,
                        documents: vec![],
                    }
                })
                .collect(),
            edges: edges
                .iter()
                .map(|s| {
                    let w: Vec<&str> = s.split_whitespace().collect();
                    EdgeRec {
                        source: w[0].into(),
                        target: w[2].into(),
                        relation: w[1].into(),
                        symmetric: false,
                        negated: w.contains(&"neg"),
                        hedged: w.contains(&"hedged"),
                        weight: w[3].parse().unwrap(),
                        first_seen: None,
                        last_seen: None,
                        evidence: vec![],
                    }
                })
                .collect(),
        }
    }

    /// Renders what is left as "nodes | edges" for one-line comparisons.
    fn summary(g: &GraphFile) -> String {
        let nodes: Vec<&str> = g.nodes.iter().map(|n| n.id.as_str()).collect();
        let edges: Vec<String> = g
            .edges
            .iter()
            .map(|e| format!("{}-{}-{}", e.source, e.relation, e.target))
            .collect();
        format!("{} | {}", nodes.join(" "), edges.join(" "))
    }

    fn base() -> GraphFile {
        graph(
            &["a:state", "b:state", "c:person", "d:organization", "z:group"],
            &[
                "a meets b 3",
                "a opposes b 1 neg",
                "b supports c 2 hedged",
                "c meets d 1",
                "a meets d 5",
            ],
        )
    }

    fn check(args: FilterArgs, expected: &str) {
        assert_eq!(summary(&apply(&base(), &args).unwrap()), expected);
    }

    #[test]
    fn filters() {
        let d = FilterArgs::default;
        check(
            d(),
            "a b c d z | a-meets-b a-opposes-b b-supports-c c-meets-d a-meets-d",
        );
        // Edge filters drop stranded nodes but keep the isolated-from-the-start z.
        check(
            FilterArgs {
                min_weight: Some(3),
                ..d()
            },
            "a b d z | a-meets-b a-meets-d",
        );
        check(
            FilterArgs {
                relations: vec!["supports".into()],
                ..d()
            },
            "b c z | b-supports-c",
        );
        check(
            FilterArgs {
                no_negated: true,
                ..d()
            },
            "a b c d z | a-meets-b b-supports-c c-meets-d a-meets-d",
        );
        check(
            FilterArgs {
                no_hedged: true,
                min_weight: Some(2),
                ..d()
            },
            "a b d z | a-meets-b a-meets-d",
        );
        check(
            FilterArgs {
                kinds: vec!["state".into()],
                ..d()
            },
            "a b | a-meets-b a-opposes-b",
        );
        check(
            FilterArgs {
                kinds: vec!["person".into(), "group".into()],
                ..d()
            },
            "c z | ",
        );
        // Weighted degree: a=9, b=6, d=6, c=3, z=0; b and d tie, b wins by id.
        check(FilterArgs { top: Some(2), ..d() }, "a b | a-meets-b a-opposes-b");
        check(
            FilterArgs { top: Some(3), ..d() },
            "a b d | a-meets-b a-opposes-b a-meets-d",
        );
        check(
            FilterArgs { top: Some(9), ..d() },
            "a b c d z | a-meets-b a-opposes-b b-supports-c c-meets-d a-meets-d",
        );
        check(FilterArgs { top: Some(0), ..d() }, " | ");
        // --top ranks what the other filters left: without a-opposes-b, b (5) falls behind d (6).
        check(
            FilterArgs {
                top: Some(2),
                no_negated: true,
                ..d()
            },
            "a d | a-meets-d",
        );
    }

    #[test]
    fn unknown_names_are_errors() {
        let e = apply(
            &base(),
            &FilterArgs {
                relations: vec!["meet".into()],
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "--rel: unknown relation \"meet\" (did you mean \"meets\"?) (relations in this graph: meets, opposes, supports)"
        );
        let e = apply(
            &base(),
            &FilterArgs {
                kinds: vec!["states".into()],
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "--kind: unknown actor kind \"states\" (did you mean \"state\"?) (kinds: group, organization, person, state)"
        );
    }
}
