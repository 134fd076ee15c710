//! Questions to a graph file: actors, edges, neighbors, paths, evidence,
//! central actors, stance between actors, timelines, and a compact pattern form.
//!
//! Input: a `GraphFile` (optionally restricted to a date range). Output: rows
//! (plain structs) that `commands::query` prints as a table or JSON. Pure: no
//! I/O. Paths and centrality use petgraph's algorithms over the graph.

use crate::graphfile::{EdgeRec, GraphFile};
use petgraph::graph::{NodeIndex, UnGraph};
use std::collections::{BTreeMap, HashMap, VecDeque};

/// Default polarity of the inventory relations, for graphs without a `relations` list.
fn default_polarity(rel: &str) -> &'static str {
    match rel {
        "supports" | "cooperates" | "negotiates" | "concedes" => "cooperative",
        "leads" | "represents" => "neutral",
        _ => "conflictual",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    Unknown {
        name: String,
        suggestion: Option<(String, String)>,
    },
    Ambiguous {
        name: String,
        choices: Vec<String>,
    },
}

impl std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResolveError::Unknown {
                name,
                suggestion: Some((alias, id)),
            } => {
                write!(f, "no actor '{name}' (did you mean '{alias}' -> {id}?)")
            }
            ResolveError::Unknown { name, suggestion: None } => write!(f, "no actor '{name}'"),
            ResolveError::Ambiguous { name, choices } => {
                write!(f, "'{name}' names several actors: {}", choices.join(", "))
            }
        }
    }
}

impl std::error::Error for ResolveError {}

/// A graph file ready for questions.
pub struct Query<'g> {
    pub g: &'g GraphFile,
    index: HashMap<&'g str, usize>,
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Keeps the evidence of documents dated within `since..=until` (ISO prefixes;
/// undated documents are dropped when a bound is given) and recounts weights.
pub fn restrict_dates(g: &GraphFile, since: Option<&str>, until: Option<&str>) -> GraphFile {
    if since.is_none() && until.is_none() {
        return g.clone();
    }
    let in_range = |d: &str| since.is_none_or(|s| d >= s) && until.is_none_or(|u| &d[..u.len().min(d.len())] <= u);
    let dates: HashMap<&str, Option<&str>> = g.documents.iter().map(|d| (d.id.as_str(), d.date.as_deref())).collect();
    let keep = |doc: &str| dates.get(doc).copied().flatten().is_some_and(in_range);
    let mut out = g.clone();
    out.documents.retain(|d| keep(&d.id));
    out.edges = g
        .edges
        .iter()
        .filter_map(|e| {
            let evidence: Vec<_> = e.evidence.iter().filter(|ev| keep(&ev.doc)).cloned().collect();
            if evidence.is_empty() {
                return None;
            }
            let docs: Vec<&str> = evidence
                .iter()
                .filter_map(|ev| dates.get(ev.doc.as_str()).copied().flatten())
                .collect();
            Some(EdgeRec {
                weight: evidence.len() as u64,
                hedged: evidence.iter().all(|ev| ev.hedged),
                first_seen: docs.iter().min().map(|s| s.to_string()),
                last_seen: docs.iter().max().map(|s| s.to_string()),
                evidence,
                ..e.clone()
            })
        })
        .collect();
    out
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActorRow {
    pub id: String,
    pub label: String,
    pub kind: String,
    pub mentions: u64,
    pub in_degree: u64,
    pub out_degree: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NeighborRow {
    pub id: String,
    pub label: String,
    pub depth: usize,
    /// "relation>" for an edge out of the previous actor, "<relation" for one into it.
    pub via: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hop {
    pub from: String,
    pub relation: String,
    pub to: String,
    /// The edge runs `to -> from` (against the walking direction).
    pub reversed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StanceRow {
    pub id: String,
    pub label: String,
    pub cooperative: u64,
    pub conflictual: u64,
    pub net: i64,
}

#[derive(Debug, Clone, Default)]
pub struct EdgeFilter {
    pub from: Option<usize>,
    pub to: Option<usize>,
    pub relations: Vec<String>,
    pub negated: Option<bool>,
    pub hedged: Option<bool>,
    pub min_weight: u64,
    pub doc: Option<String>,
}

impl<'g> Query<'g> {
    pub fn new(g: &'g GraphFile) -> Query<'g> {
        let index = g.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
        Query { g, index }
    }

    pub fn id(&self, i: usize) -> &str {
        &self.g.nodes[i].id
    }

    fn idx(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Finds an actor by id, label or alias, case-insensitively.
    pub fn resolve(&self, name: &str) -> Result<usize, ResolveError> {
        if let Some(i) = self.idx(name) {
            return Ok(i);
        }
        let want = name.trim().to_lowercase();
        let mut hits: Vec<usize> = Vec::new();
        for (i, n) in self.g.nodes.iter().enumerate() {
            let names = std::iter::once(&n.id)
                .chain(std::iter::once(&n.label))
                .chain(&n.aliases);
            let bare = want.strip_prefix("the ").unwrap_or(&want);
            let matches = |s: String| s == want || s == bare || s.strip_prefix("the ") == Some(bare);
            if names.map(|s| s.to_lowercase()).any(matches) {
                hits.push(i);
            }
        }
        match hits.len() {
            1 => Ok(hits[0]),
            0 => {
                let mut best: Option<(usize, String, String)> = None;
                for n in &self.g.nodes {
                    for s in std::iter::once(&n.label)
                        .chain(&n.aliases)
                        .chain(std::iter::once(&n.id))
                    {
                        let d = edit_distance(&want, &s.to_lowercase());
                        if d <= 2.max(want.len() / 4) && best.as_ref().is_none_or(|b| d < b.0) {
                            best = Some((d, s.clone(), n.id.clone()));
                        }
                    }
                }
                Err(ResolveError::Unknown {
                    name: name.to_string(),
                    suggestion: best.map(|(_, a, id)| (a, id)),
                })
            }
            _ => Err(ResolveError::Ambiguous {
                name: name.to_string(),
                choices: hits
                    .iter()
                    .map(|&i| format!("{} ({})", self.g.nodes[i].id, self.g.nodes[i].label))
                    .collect(),
            }),
        }
    }

    fn polarity(&self, rel: &str) -> String {
        self.g
            .relation(rel)
            .map_or_else(|| default_polarity(rel).to_string(), |r| r.polarity.clone())
    }

    pub fn actors(&self, kind: Option<&str>, sort: &str) -> Vec<ActorRow> {
        let mut indeg: HashMap<&str, u64> = HashMap::new();
        let mut outdeg: HashMap<&str, u64> = HashMap::new();
        for e in &self.g.edges {
            *outdeg.entry(&e.source).or_default() += 1;
            *indeg.entry(&e.target).or_default() += 1;
        }
        let mut rows: Vec<ActorRow> = self
            .g
            .nodes
            .iter()
            .filter(|n| kind.is_none_or(|k| n.kind == k))
            .map(|n| ActorRow {
                id: n.id.clone(),
                label: n.label.clone(),
                kind: n.kind.clone(),
                mentions: n.mentions,
                in_degree: indeg.get(n.id.as_str()).copied().unwrap_or(0),
                out_degree: outdeg.get(n.id.as_str()).copied().unwrap_or(0),
            })
            .collect();
        match sort {
            "name" => rows.sort_by(|a, b| {
                a.label
                    .to_lowercase()
                    .cmp(&b.label.to_lowercase())
                    .then(a.id.cmp(&b.id))
            }),
            "degree" => rows.sort_by(|a, b| {
                (b.in_degree + b.out_degree)
                    .cmp(&(a.in_degree + a.out_degree))
                    .then(a.id.cmp(&b.id))
            }),
            _ => rows.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.id.cmp(&b.id))),
        }
        rows
    }

    pub fn edges(&self, f: &EdgeFilter) -> Vec<&'g EdgeRec> {
        self.g
            .edges
            .iter()
            .filter(|e| {
                let (s, t) = (self.idx(&e.source), self.idx(&e.target));
                let ends = |want: Option<usize>, end: Option<usize>, other: Option<usize>| {
                    want.is_none() || want == end || (e.symmetric && want == other)
                };
                ends(f.from, s, t)
                    && ends(f.to, t, s)
                    && (f.from.is_none() || f.to.is_none() || !e.symmetric || (f.from != f.to))
                    && (f.relations.is_empty() || f.relations.contains(&e.relation))
                    && f.negated.is_none_or(|n| e.negated == n)
                    && f.hedged.is_none_or(|h| e.hedged == h)
                    && e.weight >= f.min_weight
                    && f.doc.as_ref().is_none_or(|d| e.evidence.iter().any(|ev| &ev.doc == d))
            })
            .collect()
    }

    /// Actors reachable from `start` within `depth` hops, breadth first.
    pub fn neighbors(&self, start: usize, rels: &[String], dir: &str, depth: usize) -> Vec<NeighborRow> {
        let mut seen: BTreeMap<usize, (usize, Vec<String>)> = BTreeMap::new();
        let mut queue = VecDeque::from([(start, 0usize)]);
        let mut visited = vec![false; self.g.nodes.len()];
        visited[start] = true;
        while let Some((n, d)) = queue.pop_front() {
            if d == depth {
                continue;
            }
            for e in &self.g.edges {
                if !rels.is_empty() && !rels.contains(&e.relation) {
                    continue;
                }
                let (Some(s), Some(t)) = (self.idx(&e.source), self.idx(&e.target)) else {
                    continue;
                };
                let out_ok = dir != "in" || e.symmetric;
                let in_ok = dir != "out" || e.symmetric;
                let next = if s == n && out_ok {
                    Some((t, format!("{}>", e.relation)))
                } else if t == n && in_ok {
                    Some((s, format!("<{}", e.relation)))
                } else {
                    None
                };
                let Some((m, via)) = next else { continue };
                if m == start {
                    continue;
                }
                if !visited[m] {
                    visited[m] = true;
                    queue.push_back((m, d + 1));
                }
                let entry = seen.entry(m).or_insert((d + 1, Vec::new()));
                if entry.0 == d + 1 && !entry.1.contains(&via) {
                    entry.1.push(via);
                }
            }
        }
        let mut rows: Vec<NeighborRow> = seen
            .into_iter()
            .map(|(i, (depth, mut via))| {
                via.sort();
                NeighborRow {
                    id: self.g.nodes[i].id.clone(),
                    label: self.g.nodes[i].label.clone(),
                    depth,
                    via,
                }
            })
            .collect();
        rows.sort_by(|a, b| a.depth.cmp(&b.depth).then(a.id.cmp(&b.id)));
        rows
    }

    /// The undirected petgraph view (one edge per graph edge), optionally of some relations.
    fn undirected(&self, rels: &[String]) -> UnGraph<usize, usize> {
        let mut ug = UnGraph::<usize, usize>::with_capacity(self.g.nodes.len(), self.g.edges.len());
        for i in 0..self.g.nodes.len() {
            ug.add_node(i);
        }
        for (ei, e) in self.g.edges.iter().enumerate() {
            if !rels.is_empty() && !rels.contains(&e.relation) {
                continue;
            }
            if let (Some(s), Some(t)) = (self.idx(&e.source), self.idx(&e.target)) {
                ug.add_edge(NodeIndex::new(s), NodeIndex::new(t), ei);
            }
        }
        ug
    }

    fn hops(&self, ug: &UnGraph<usize, usize>, nodes: &[NodeIndex]) -> Vec<Hop> {
        nodes
            .windows(2)
            .map(|w| {
                let (a, b) = (w[0].index(), w[1].index());
                // The heaviest edge between the two, for a stable, telling hop.
                let e = ug
                    .edges_connecting(w[0], w[1])
                    .map(|er| &self.g.edges[*er.weight()])
                    .max_by(|x, y| x.weight.cmp(&y.weight).then(y.relation.cmp(&x.relation)))
                    .expect("an edge on the path");
                Hop {
                    from: self.id(a).to_string(),
                    relation: e.relation.clone(),
                    to: self.id(b).to_string(),
                    reversed: e.source != self.id(a),
                }
            })
            .collect()
    }

    /// The shortest path between two actors (any direction), with the relation on each hop.
    pub fn shortest_path(&self, a: usize, b: usize, rels: &[String]) -> Option<Vec<Hop>> {
        let ug = self.undirected(rels);
        let (_, nodes) = petgraph::algo::astar(&ug, NodeIndex::new(a), |n| n == NodeIndex::new(b), |_| 1usize, |_| 0)?;
        Some(self.hops(&ug, &nodes))
    }

    /// Every simple path of at most `max_len` hops, shortest first.
    pub fn all_paths(&self, a: usize, b: usize, rels: &[String], max_len: usize) -> Vec<Vec<Hop>> {
        let ug = self.undirected(rels);
        let mut paths: Vec<Vec<NodeIndex>> = petgraph::algo::all_simple_paths::<Vec<NodeIndex>, _>(
            &ug,
            NodeIndex::new(a),
            NodeIndex::new(b),
            0,
            Some(max_len.saturating_sub(1)),
        )
        .collect();
        paths.sort_by(|x, y| {
            x.len()
                .cmp(&y.len())
                .then_with(|| x.iter().map(|n| n.index()).cmp(y.iter().map(|n| n.index())))
        });
        paths.dedup();
        paths.iter().map(|p| self.hops(&ug, p)).collect()
    }

    /// Central actors: weighted degree, PageRank (petgraph) or betweenness.
    pub fn top(&self, by: &str, limit: usize) -> Vec<(String, String, f64)> {
        let n = self.g.nodes.len();
        let scores: Vec<f64> = match by {
            "pagerank" => {
                let mut dg = petgraph::graph::DiGraph::<usize, ()>::with_capacity(n, self.g.edges.len());
                for i in 0..n {
                    dg.add_node(i);
                }
                for e in &self.g.edges {
                    if let (Some(s), Some(t)) = (self.idx(&e.source), self.idx(&e.target)) {
                        dg.add_edge(NodeIndex::new(s), NodeIndex::new(t), ());
                        if e.symmetric {
                            dg.add_edge(NodeIndex::new(t), NodeIndex::new(s), ());
                        }
                    }
                }
                petgraph::algo::page_rank(&dg, 0.85_f64, 50)
            }
            "betweenness" => self.betweenness(),
            _ => {
                let mut d = vec![0.0; n];
                for e in &self.g.edges {
                    for end in [&e.source, &e.target] {
                        if let Some(i) = self.idx(end) {
                            d[i] += e.weight as f64;
                        }
                    }
                }
                d
            }
        };
        let mut rows: Vec<(String, String, f64)> = (0..n)
            .map(|i| (self.g.nodes[i].id.clone(), self.g.nodes[i].label.clone(), scores[i]))
            .collect();
        rows.sort_by(|a, b| {
            b.2.partial_cmp(&a.2)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.0.cmp(&b.0))
        });
        rows.truncate(limit);
        rows
    }

    /// Brandes' betweenness over the undirected, unweighted graph. petgraph 0.6
    /// has no betweenness, so it is written here (about 30 lines).
    fn betweenness(&self) -> Vec<f64> {
        let ug = self.undirected(&[]);
        let n = ug.node_count();
        let mut cb = vec![0.0; n];
        for s in 0..n {
            let mut stack = Vec::new();
            let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
            let mut sigma = vec![0.0; n];
            let mut dist = vec![-1i64; n];
            sigma[s] = 1.0;
            dist[s] = 0;
            let mut q = VecDeque::from([s]);
            while let Some(v) = q.pop_front() {
                stack.push(v);
                let mut nb: Vec<usize> = ug.neighbors(NodeIndex::new(v)).map(|x| x.index()).collect();
                nb.sort_unstable();
                nb.dedup();
                for w in nb {
                    if dist[w] < 0 {
                        dist[w] = dist[v] + 1;
                        q.push_back(w);
                    }
                    if dist[w] == dist[v] + 1 {
                        sigma[w] += sigma[v];
                        preds[w].push(v);
                    }
                }
            }
            let mut delta = vec![0.0; n];
            while let Some(w) = stack.pop() {
                for &v in &preds[w] {
                    delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
                }
                if w != s {
                    cb[w] += delta[w];
                }
            }
        }
        cb.iter().map(|x| x / 2.0).collect()
    }

    /// Cooperative and conflictual weight between `a` and each other actor (both directions).
    pub fn stance(&self, a: usize) -> Vec<StanceRow> {
        let me = self.id(a);
        let mut acc: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
        for e in &self.g.edges {
            let other = if e.source == me {
                &e.target
            } else if e.target == me {
                &e.source
            } else {
                continue;
            };
            if e.negated {
                continue;
            }
            let entry = acc.entry(other).or_default();
            match self.polarity(&e.relation).as_str() {
                "cooperative" => entry.0 += e.weight,
                "conflictual" => entry.1 += e.weight,
                _ => {}
            }
        }
        acc.into_iter()
            .filter(|(_, (c, k))| c + k > 0)
            .map(|(id, (c, k))| StanceRow {
                id: id.to_string(),
                label: self
                    .idx(id)
                    .map_or_else(|| id.to_string(), |i| self.g.nodes[i].label.clone()),
                cooperative: c,
                conflictual: k,
                net: c as i64 - k as i64,
            })
            .collect()
    }

    /// Relations per period (month, week or year) of `a` with anyone, or with `b`.
    pub fn timeline(&self, a: usize, b: Option<usize>, by: &str) -> BTreeMap<String, BTreeMap<String, u64>> {
        let dates: HashMap<&str, &str> = self
            .g
            .documents
            .iter()
            .filter_map(|d| Some((d.id.as_str(), d.date.as_deref()?)))
            .collect();
        let (ia, ib) = (self.id(a), b.map(|b| self.id(b)));
        let mut out: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
        for e in &self.g.edges {
            let touches = e.source == ia || e.target == ia;
            let with_b = ib.is_none_or(|ib| e.source == ib || e.target == ib);
            if !touches || !with_b {
                continue;
            }
            for ev in &e.evidence {
                let Some(d) = dates.get(ev.doc.as_str()) else { continue };
                *out.entry(period(d, by))
                    .or_default()
                    .entry(e.relation.clone())
                    .or_default() += 1;
            }
        }
        out
    }
}

/// The graph made of `edges` and their end actors, in the same schema (a valid graph.json).
pub fn graph_of(g: &GraphFile, edges: &[&EdgeRec], extra_nodes: &[&str]) -> GraphFile {
    let mut ids: std::collections::BTreeSet<&str> = extra_nodes.iter().copied().collect();
    for e in edges {
        ids.insert(&e.source);
        ids.insert(&e.target);
    }
    let mut out = g.clone();
    out.nodes.retain(|n| ids.contains(n.id.as_str()));
    out.edges = g
        .edges
        .iter()
        .filter(|e| edges.iter().any(|x| std::ptr::eq(*x, *e)))
        .cloned()
        .collect();
    let docs: std::collections::BTreeSet<&str> = out
        .edges
        .iter()
        .flat_map(|e| e.evidence.iter().map(|ev| ev.doc.as_str()))
        .collect();
    out.documents = g
        .documents
        .iter()
        .filter(|d| docs.contains(d.id.as_str()))
        .cloned()
        .collect();
    out
}

impl Query<'_> {
    /// The actors within `depth` hops of any of `roots`, and every edge among them.
    pub fn subgraph(&self, roots: &[usize], depth: usize) -> GraphFile {
        let mut keep: std::collections::BTreeSet<String> = roots.iter().map(|&r| self.id(r).to_string()).collect();
        for &r in roots {
            keep.extend(self.neighbors(r, &[], "both", depth).into_iter().map(|n| n.id));
        }
        let edges: Vec<&EdgeRec> = self
            .g
            .edges
            .iter()
            .filter(|e| keep.contains(&e.source) && keep.contains(&e.target))
            .collect();
        let extra: Vec<&str> = keep.iter().map(String::as_str).collect();
        graph_of(self.g, &edges, &extra)
    }
}

/// The period of an ISO date: `2025-02` (month), `2025` (year) or `2025-W07` (ISO week).
pub fn period(date: &str, by: &str) -> String {
    match by {
        "year" => date.get(..4).unwrap_or(date).to_string(),
        "week" => {
            let p: Vec<i32> = date.split('-').filter_map(|x| x.parse().ok()).collect();
            match p.as_slice() {
                [y, m, d] => {
                    let (y, w) = iso_week(*y, *m, *d);
                    format!("{y}-W{w:02}")
                }
                _ => date.get(..7).unwrap_or(date).to_string(),
            }
        }
        _ => date.get(..7).unwrap_or(date).to_string(),
    }
}

fn days_from_civil(y: i32, m: i32, d: i32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn iso_week(y: i32, m: i32, d: i32) -> (i32, i64) {
    let days = days_from_civil(y, m, d);
    let weekday = (days + 3).rem_euclid(7); // Monday = 0
    let thursday = days - weekday + 3;
    let ty = {
        // the year of that Thursday
        let mut yy = y;
        if thursday < days_from_civil(y, 1, 1) {
            yy -= 1;
        } else if thursday >= days_from_civil(y + 1, 1, 1) {
            yy += 1;
        }
        yy
    };
    (ty, (thursday - days_from_civil(ty, 1, 1)) / 7 + 1)
}

/// A compact query: `putin -[opposes|rejects]-> ?`, `? -[supports]-> ukraine`,
/// `trump -- zelensky` (any relation, either way), `a -> b` (any relation, a to b).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub source: Option<String>,
    pub relations: Vec<String>,
    pub target: Option<String>,
    pub undirected: bool,
}

pub fn parse_pattern(s: &str) -> Result<Pattern, String> {
    let s = s.trim();
    let wild = |x: &str| {
        let x = x.trim();
        (x != "?" && !x.is_empty()).then(|| x.to_string())
    };
    if let Some((a, b)) = s.split_once("--") {
        if !b.trim_start().starts_with('[') && !b.contains("->") {
            return Ok(Pattern {
                source: wild(a),
                relations: vec![],
                target: wild(b),
                undirected: true,
            });
        }
    }
    if let Some((a, rest)) = s.split_once("-[") {
        let (rels, b) = rest
            .split_once("]->")
            .ok_or_else(|| format!("pattern {s:?}: expected ']->' after the relations"))?;
        let relations: Vec<String> = rels
            .split('|')
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty())
            .collect();
        return Ok(Pattern {
            source: wild(a),
            relations,
            target: wild(b),
            undirected: false,
        });
    }
    if let Some((a, b)) = s.split_once("->") {
        return Ok(Pattern {
            source: wild(a),
            relations: vec![],
            target: wild(b),
            undirected: false,
        });
    }
    Err(format!(
        "pattern {s:?}: write 'A -[rel|rel]-> B', 'A -> B' or 'A -- B' (? for any actor)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Expected<'a> = Result<(Option<&'a str>, &'a [&'a str], Option<&'a str>, bool), &'a str>;

    fn check(p: &str, expected: Expected) {
        let got = parse_pattern(p).map(|x| (x.source, x.relations, x.target, x.undirected));
        let want = expected.map(|(s, r, t, u)| {
            (
                s.map(String::from),
                r.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
                t.map(String::from),
                u,
            )
        });
        assert_eq!(got, want.map_err(String::from), "{p}");
    }

    #[test]
    fn patterns() {
        check(
            "putin -[opposes|rejects]-> ?",
            Ok((Some("putin"), &["opposes", "rejects"], None, false)),
        );
        check(
            "? -[supports]-> ukraine",
            Ok((None, &["supports"], Some("ukraine"), false)),
        );
        check("trump -- zelensky", Ok((Some("trump"), &[], Some("zelensky"), true)));
        check("the Kremlin -> ?", Ok((Some("the Kremlin"), &[], None, false)));
        check(
            "putin -[opposes ukraine",
            Err("pattern \"putin -[opposes ukraine\": expected ']->' after the relations"),
        );
    }

    #[test]
    fn periods() {
        assert_eq!(period("2025-02-27", "month"), "2025-02");
        assert_eq!(period("2025-02-27", "year"), "2025");
        assert_eq!(period("2025-01-01", "week"), "2025-W01");
        assert_eq!(period("2024-12-30", "week"), "2025-W01");
        assert_eq!(period("2021-01-03", "week"), "2020-W53");
        assert_eq!(period("2025-02-27", "week"), "2025-W09");
    }
}
