//! Louvain community detection (Blondel et al. 2008), small and deterministic.
//!
//! Input: a node count and undirected weighted edges; output: a community
//! number per node, 0 for the largest community, then by size (ties by the
//! smallest node index). Nodes are visited in index order and a node moves
//! only to a strictly better community (ties go to the smallest community
//! number), so the same input gives the same partition on every platform.
//! Written here rather than taken from a crate: graphrs and rust-igraph
//! (alpha) bring their own graph types and shuffle node order with a random
//! generator; this is 100 lines on plain vectors.

use std::collections::BTreeMap;

/// Local-moving passes per level at most (each pass visits every node).
const MAX_PASSES: usize = 50;

/// A symmetric weighted adjacency: `adj[i]` holds `(j, weight)` sorted by `j`,
/// with a diagonal entry for the weight inside an aggregated node.
type Adjacency = Vec<Vec<(usize, f64)>>;

/// Communities of `n` nodes joined by `edges` `(a, b, weight)`; self-loops,
/// out-of-range indices and non-positive weights are ignored.
pub fn louvain(n: usize, edges: &[(usize, usize, f64)]) -> Vec<usize> {
    let mut rows: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); n];
    for &(a, b, w) in edges {
        if a != b && a < n && b < n && w > 0.0 {
            *rows[a].entry(b).or_default() += w;
            *rows[b].entry(a).or_default() += w;
        }
    }
    let mut adj: Adjacency = rows.into_iter().map(|r| r.into_iter().collect()).collect();
    let mut membership: Vec<usize> = (0..n).collect();
    loop {
        let (comm, moved) = local_moving(&adj);
        if !moved {
            break;
        }
        let (comm, k) = renumber(&comm);
        membership.iter_mut().for_each(|m| *m = comm[*m]);
        adj = aggregate(&adj, &comm, k);
    }
    by_size(&membership)
}

/// One level of local moving; returns each node's community and whether any moved.
fn local_moving(adj: &Adjacency) -> (Vec<usize>, bool) {
    let n = adj.len();
    let degree: Vec<f64> = adj.iter().map(|r| r.iter().map(|&(_, w)| w).sum()).collect();
    let m2: f64 = degree.iter().sum();
    let mut comm: Vec<usize> = (0..n).collect();
    if m2 == 0.0 {
        return (comm, false);
    }
    let mut total = degree.clone();
    let mut moved = false;
    let mut links: BTreeMap<usize, f64> = BTreeMap::new();
    for _ in 0..MAX_PASSES {
        let mut improved = false;
        for i in 0..n {
            links.clear();
            for &(j, w) in &adj[i] {
                if j != i {
                    *links.entry(comm[j]).or_default() += w;
                }
            }
            let own = comm[i];
            total[own] -= degree[i];
            let gain = |c: usize, w: f64| w - total[c] * degree[i] / m2;
            let mut best = (own, gain(own, links.get(&own).copied().unwrap_or(0.0)));
            for (&c, &w) in &links {
                let g = gain(c, w);
                if g > best.1 + 1e-12 {
                    best = (c, g);
                }
            }
            total[best.0] += degree[i];
            if best.0 != own {
                comm[i] = best.0;
                improved = true;
                moved = true;
            }
        }
        if !improved {
            break;
        }
    }
    (comm, moved)
}

/// Community labels renumbered 0..k by first appearance, and k.
fn renumber(comm: &[usize]) -> (Vec<usize>, usize) {
    let mut map: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(comm.len());
    for &c in comm {
        let next = map.len();
        out.push(*map.entry(c).or_insert(next));
    }
    (out, map.len())
}

/// The graph of the communities: weights between and inside them summed.
fn aggregate(adj: &Adjacency, comm: &[usize], k: usize) -> Adjacency {
    let mut rows: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); k];
    for (i, row) in adj.iter().enumerate() {
        for &(j, w) in row {
            *rows[comm[i]].entry(comm[j]).or_default() += w;
        }
    }
    rows.into_iter().map(|r| r.into_iter().collect()).collect()
}

/// Renumbers communities by size (largest 0), ties by smallest member.
fn by_size(membership: &[usize]) -> Vec<usize> {
    let (membership, k) = renumber(membership);
    let mut size = vec![0usize; k];
    membership.iter().for_each(|&c| size[c] += 1);
    // After `renumber`, community c's smallest member comes before community c+1's.
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&x, &y| size[y].cmp(&size[x]).then(x.cmp(&y)));
    let mut rank = vec![0; k];
    for (r, &c) in order.iter().enumerate() {
        rank[c] = r;
    }
    membership.iter().map(|&c| rank[c]).collect()
}

/// Newman-Girvan modularity of a partition (for tests and measurements).
pub fn modularity(n: usize, edges: &[(usize, usize, f64)], comm: &[usize]) -> f64 {
    let mut degree = vec![0.0; n];
    let mut inside = 0.0;
    let mut m = 0.0;
    for &(a, b, w) in edges.iter().filter(|e| e.0 != e.1 && e.0 < n && e.1 < n && e.2 > 0.0) {
        degree[a] += w;
        degree[b] += w;
        m += w;
        if comm[a] == comm[b] {
            inside += w;
        }
    }
    if m == 0.0 {
        return 0.0;
    }
    let k = comm.iter().max().map_or(0, |c| c + 1);
    let mut total = vec![0.0; k];
    (0..n).for_each(|i| total[comm[i]] += degree[i]);
    inside / m - total.iter().map(|t| (t / (2.0 * m)) * (t / (2.0 * m))).sum::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unweighted(pairs: &[(usize, usize)]) -> Vec<(usize, usize, f64)> {
        pairs.iter().map(|&(a, b)| (a, b, 1.0)).collect()
    }

    #[test]
    fn two_triangles_and_a_bridge() {
        let e = unweighted(&[(0, 1), (0, 2), (1, 2), (3, 4), (3, 5), (4, 5), (2, 3)]);
        let c = louvain(6, &e);
        assert_eq!(c, [0, 0, 0, 1, 1, 1]);
        assert_eq!((modularity(6, &e, &c) * 1e6).round() / 1e6, 0.357143);
    }

    #[test]
    fn sizes_order_the_numbers_and_isolated_nodes_are_alone() {
        // A 4-clique (3..=6), a triangle (0..=2), an isolated node 7.
        let e = unweighted(&[(0, 1), (1, 2), (0, 2), (3, 4), (3, 5), (3, 6), (4, 5), (4, 6), (5, 6)]);
        assert_eq!(louvain(8, &e), [1, 1, 1, 0, 0, 0, 0, 2]);
    }

    #[test]
    fn karate_club_is_split_like_the_literature() {
        // Zachary's karate club (0-based): 4 communities, Q = 0.4188 (the best partition known has 0.4198).
        let e = unweighted(&[
            (0, 1),
            (0, 2),
            (0, 3),
            (0, 4),
            (0, 5),
            (0, 6),
            (0, 7),
            (0, 8),
            (0, 10),
            (0, 11),
            (0, 12),
            (0, 13),
            (0, 17),
            (0, 19),
            (0, 21),
            (0, 31),
            (1, 2),
            (1, 3),
            (1, 7),
            (1, 13),
            (1, 17),
            (1, 19),
            (1, 21),
            (1, 30),
            (2, 3),
            (2, 7),
            (2, 8),
            (2, 9),
            (2, 13),
            (2, 27),
            (2, 28),
            (2, 32),
            (3, 7),
            (3, 12),
            (3, 13),
            (4, 6),
            (4, 10),
            (5, 6),
            (5, 10),
            (5, 16),
            (6, 16),
            (8, 30),
            (8, 32),
            (8, 33),
            (9, 33),
            (13, 33),
            (14, 32),
            (14, 33),
            (15, 32),
            (15, 33),
            (18, 32),
            (18, 33),
            (19, 33),
            (20, 32),
            (20, 33),
            (22, 32),
            (22, 33),
            (23, 25),
            (23, 27),
            (23, 29),
            (23, 32),
            (23, 33),
            (24, 25),
            (24, 27),
            (24, 31),
            (25, 31),
            (26, 29),
            (26, 33),
            (27, 33),
            (28, 31),
            (28, 33),
            (29, 32),
            (29, 33),
            (30, 32),
            (30, 33),
            (31, 32),
            (31, 33),
            (32, 33),
        ]);
        let c = louvain(34, &e);
        assert_eq!(
            c,
            [0, 0, 0, 0, 3, 3, 3, 0, 1, 0, 3, 0, 0, 0, 1, 1, 3, 0, 1, 0, 1, 0, 1, 2, 2, 2, 1, 2, 2, 1, 1, 2, 1, 1]
        );
        assert_eq!((modularity(34, &e, &c) * 1e6).round() / 1e6, 0.418803);
    }

    #[test]
    fn degenerate_inputs() {
        assert_eq!(louvain(0, &[]), Vec::<usize>::new());
        assert_eq!(louvain(3, &[]), [0, 1, 2]);
        assert_eq!(louvain(2, &[(0, 0, 1.0), (0, 9, 1.0), (0, 1, -1.0)]), [0, 1]);
    }
}
