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
pub fn restrict_dates<'a>(
    g: &'a GraphFile,
    since: Option<&str>,
    until: Option<&str>,
) -> std::borrow::Cow<'a, GraphFile> {
    if since.is_none() && until.is_none() {
        return std::borrow::Cow::Borrowed(g);
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
    std::borrow::Cow::Owned(out)
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

    /// The first `limit` simple paths of at most `max_len` hops, shortest first, then by node
    /// order; `true` with them when there are more. Time and memory are bounded by the paths
    /// returned, not by all the paths there are (on a large graph, billions): a depth-first
    /// search per length, pruned by each actor's distance to `b`, stops at `limit + 1`.
    pub fn all_paths(
        &self,
        a: usize,
        b: usize,
        rels: &[String],
        max_len: usize,
        limit: usize,
    ) -> (Vec<Vec<Hop>>, bool) {
        let ug = self.undirected(rels);
        let n = ug.node_count();
        // Neighbors without parallel edges, in node order.
        let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
        for e in ug.edge_indices() {
            if let Some((s, t)) = ug.edge_endpoints(e) {
                if s != t {
                    adj[s.index()].push(t.index());
                    adj[t.index()].push(s.index());
                }
            }
        }
        for l in &mut adj {
            l.sort_unstable();
            l.dedup();
        }
        // Hops from each actor to b (breadth-first).
        let mut dist = vec![usize::MAX; n];
        let mut queue = std::collections::VecDeque::from([b]);
        dist[b] = 0;
        while let Some(v) = queue.pop_front() {
            for &w in &adj[v] {
                if dist[w] == usize::MAX {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
            }
        }
        let mut found: Vec<Vec<usize>> = Vec::new();
        let mut on_path = vec![false; n];
        for len in 1..=max_len {
            if a == b || dist[a] > len || found.len() > limit {
                continue;
            }
            let mut path = vec![a];
            on_path[a] = true;
            paths_of_length(&adj, &dist, b, len, limit + 1, &mut path, &mut on_path, &mut found);
            on_path[a] = false;
        }
        let cut = found.len() > limit;
        found.truncate(limit);
        let paths = found
            .iter()
            .map(|p| self.hops(&ug, &p.iter().map(|&i| NodeIndex::new(i)).collect::<Vec<_>>()))
            .collect();
        (paths, cut)
    }

    /// Central actors: weighted degree, PageRank or betweenness.
    pub fn top(&self, by: &str, limit: usize) -> Vec<(String, String, f64)> {
        let n = self.g.nodes.len();
        let scores: Vec<f64> = match by {
            "pagerank" => {
                let mut arcs = Vec::with_capacity(self.g.edges.len());
                for e in &self.g.edges {
                    if let (Some(s), Some(t)) = (self.idx(&e.source), self.idx(&e.target)) {
                        arcs.push((s, t));
                        if e.symmetric {
                            arcs.push((t, s));
                        }
                    }
                }
                page_rank(n, &arcs, 0.85, 50)
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
        let pairs: Vec<(usize, usize)> = self
            .g
            .edges
            .iter()
            .filter_map(|e| Some((self.idx(&e.source)?, self.idx(&e.target)?)))
            .collect();
        betweenness(self.g.nodes.len(), &pairs)
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
                // Evidence from undated documents is counted too, under "undated".
                let key = dates
                    .get(ev.doc.as_str())
                    .map_or_else(|| "undated".to_string(), |d| period(d, by));
                *out.entry(key).or_default().entry(e.relation.clone()).or_default() += 1;
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
    // Kept in the graph's own (sorted) order; the set makes this linear in the graph.
    let keep: std::collections::HashSet<*const EdgeRec> = edges.iter().map(|e| *e as *const EdgeRec).collect();
    let mut out = GraphFile {
        format: g.format.clone(),
        version: g.version,
        generator: g.generator.clone(),
        relations: g.relations.clone(),
        documents: Vec::new(),
        nodes: g
            .nodes
            .iter()
            .filter(|n| ids.contains(n.id.as_str()))
            .cloned()
            .collect(),
        edges: Vec::new(),
    };
    out.edges = g
        .edges
        .iter()
        .filter(|e| keep.contains(&(*e as *const EdgeRec)))
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

/// Brandes' betweenness of an undirected, unweighted graph given by its edges
/// (parallel edges and loops ignored), parallel over sources with rayon.
pub fn betweenness(n: usize, edges: &[(usize, usize)]) -> Vec<f64> {
    let mut adj: Vec<Vec<u32>> = vec![Vec::new(); n];
    for &(s, t) in edges {
        if s != t {
            adj[s].push(t as u32);
            adj[t].push(s as u32);
        }
    }
    for a in &mut adj {
        a.sort_unstable();
        a.dedup();
    }
    let sources: Vec<usize> = if n > BETWEENNESS_EXACT_MAX {
        // Brandes & Pich (2007): evenly spaced pivots, scaled up; deterministic.
        (0..BETWEENNESS_PIVOTS).map(|i| i * n / BETWEENNESS_PIVOTS).collect()
    } else {
        (0..n).collect()
    };
    let scale = n as f64 / sources.len().max(1) as f64 / 2.0;
    use rayon::prelude::*;
    let cb = sources
        .par_iter()
        .fold(
            || BrandesState::new(n),
            |mut st, &s| {
                st.accumulate(&adj, s);
                st
            },
        )
        .map(|st| st.cb)
        .reduce(|| vec![0.0; n], |a, b| a.iter().zip(&b).map(|(x, y)| x + y).collect());
    cb.iter().map(|x| x * scale).collect()
}

/// Betweenness is exact up to this many actors; above it, it is estimated from
/// `BETWEENNESS_PIVOTS` source actors (the full computation is O(actors x edges)).
pub const BETWEENNESS_EXACT_MAX: usize = 2000;
pub const BETWEENNESS_PIVOTS: usize = 500;

/// Buffers for one thread of Brandes' algorithm, reused across sources.
struct BrandesState {
    cb: Vec<f64>,
    sigma: Vec<f64>,
    dist: Vec<i32>,
    delta: Vec<f64>,
    order: Vec<u32>,
}

impl BrandesState {
    fn new(n: usize) -> BrandesState {
        BrandesState {
            cb: vec![0.0; n],
            sigma: vec![0.0; n],
            dist: vec![-1; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
        }
    }

    /// Adds the dependencies of source `s` (BFS, then back-propagation in reverse order;
    /// predecessors are the neighbors one step closer to `s`).
    fn accumulate(&mut self, adj: &[Vec<u32>], s: usize) {
        self.order.clear();
        self.sigma[s] = 1.0;
        self.dist[s] = 0;
        self.order.push(s as u32);
        let mut head = 0;
        while head < self.order.len() {
            let v = self.order[head] as usize;
            head += 1;
            for &w in &adj[v] {
                let w = w as usize;
                if self.dist[w] < 0 {
                    self.dist[w] = self.dist[v] + 1;
                    self.order.push(w as u32);
                }
                if self.dist[w] == self.dist[v] + 1 {
                    self.sigma[w] += self.sigma[v];
                }
            }
        }
        for &w in self.order.iter().rev() {
            let w = w as usize;
            for &v in &adj[w] {
                let v = v as usize;
                if self.dist[v] == self.dist[w] - 1 {
                    self.delta[v] += self.sigma[v] / self.sigma[w] * (1.0 + self.delta[w]);
                }
            }
            if w != s {
                self.cb[w] += self.delta[w];
            }
        }
        for &w in &self.order {
            let w = w as usize;
            self.sigma[w] = 0.0;
            self.dist[w] = -1;
            self.delta[w] = 0.0;
        }
    }
}

/// PageRank with exactly the semantics of `petgraph::algo::page_rank` (0.6) on a
/// multigraph of `arcs`, in O(iterations x (nodes + arcs)) instead of petgraph's
/// O(iterations x nodes^2 x degree), which takes minutes at 5,000 actors. A unit test
/// checks the two agree.
///
/// petgraph's step: w's rank flows d/out(w) to each distinct successor of w, d/n to
/// every node when w has no successors, and (1-d)/n to every node w does not point to.
pub fn page_rank(n: usize, arcs: &[(usize, usize)], d: f64, iterations: usize) -> Vec<f64> {
    if n == 0 {
        return Vec::new();
    }
    let mut out = vec![0.0_f64; n];
    for &(s, _) in arcs {
        out[s] += 1.0;
    }
    // Distinct predecessors of each node (parallel arcs pass rank once, as in petgraph).
    let mut pairs: Vec<(usize, usize)> = arcs.iter().map(|&(s, t)| (t, s)).collect();
    pairs.sort_unstable();
    pairs.dedup();
    let nf = n as f64;
    let mut ranks = vec![1.0 / nf; n];
    let mut next = vec![0.0_f64; n];
    for _ in 0..iterations {
        let dangling: f64 = (0..n).filter(|&w| out[w] == 0.0).map(|w| ranks[w]).sum();
        let linking: f64 = (0..n).filter(|&w| out[w] > 0.0).map(|w| ranks[w]).sum();
        let base = d * dangling / nf + (1.0 - d) * linking / nf;
        next.iter_mut().for_each(|x| *x = base);
        for &(v, w) in &pairs {
            next[v] += d * ranks[w] / out[w] - (1.0 - d) * ranks[w] / nf;
        }
        let sum: f64 = next.iter().sum();
        for (r, x) in ranks.iter_mut().zip(&next) {
            *r = x / sum;
        }
    }
    ranks
}

/// Extends `path` (ending anywhere but `b`) to simple paths of exactly `len` hops ending at `b`,
/// in node order, until `found` holds `cap`.
#[allow(clippy::too_many_arguments)]
fn paths_of_length(
    adj: &[Vec<usize>],
    dist: &[usize],
    b: usize,
    len: usize,
    cap: usize,
    path: &mut Vec<usize>,
    on_path: &mut [bool],
    found: &mut Vec<Vec<usize>>,
) {
    let hops = path.len() - 1;
    let v = *path.last().expect("a path has a start");
    for &w in &adj[v] {
        if found.len() >= cap {
            return;
        }
        if on_path[w] || dist[w] == usize::MAX || hops + 1 + dist[w] > len {
            continue;
        }
        if w == b {
            if hops + 1 == len {
                let mut p = path.clone();
                p.push(b);
                found.push(p);
            }
            continue;
        }
        path.push(w);
        on_path[w] = true;
        paths_of_length(adj, dist, b, len, cap, path, on_path, found);
        on_path[w] = false;
        path.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn betweenness_exact_and_sampled() {
        // A path a-b-c-d: b and c lie on 2 of the 6 shortest paths each.
        assert_eq!(
            betweenness(4, &[(0, 1), (1, 2), (2, 3), (1, 0)]),
            vec![0.0, 2.0, 2.0, 0.0]
        );
        // A star: the hub lies on every path between two leaves.
        let n = BETWEENNESS_EXACT_MAX + 1;
        let star: Vec<(usize, usize)> = (1..n).map(|i| (0, i)).collect();
        let b = betweenness(n, &star);
        let leaves = (n - 1) as f64;
        assert!((b[0] - leaves * (leaves - 1.0) / 2.0).abs() / b[0] < 0.01, "{}", b[0]);
        assert!(b[1..].iter().all(|&x| x == 0.0));
    }

    #[test]
    fn page_rank_agrees_with_petgraph() {
        // A multigraph with parallel arcs, a dangling node, a cycle and an isolated node.
        let n = 7;
        let arcs = [
            (0, 1),
            (0, 1),
            (1, 2),
            (2, 0),
            (2, 3),
            (3, 4),
            (4, 2),
            (5, 2),
            (1, 3),
            (3, 1),
        ];
        let mut dg = petgraph::graph::DiGraph::<(), ()>::new();
        for _ in 0..n {
            dg.add_node(());
        }
        for &(s, t) in &arcs {
            dg.add_edge(NodeIndex::new(s), NodeIndex::new(t), ());
        }
        let want = petgraph::algo::page_rank(&dg, 0.85_f64, 50);
        let got = page_rank(n, &arcs, 0.85, 50);
        for (g, w) in got.iter().zip(&want) {
            assert!((g - w).abs() < 1e-12, "{got:?} vs petgraph {want:?}");
        }
    }

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
