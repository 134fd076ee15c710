//! The force-directed layout of `view` (and of the Cytoscape export), so the
//! page only draws and needs no Graphviz.
//!
//! Input: one [`NodeBox`] per node (its disc and the label under it) and
//! weighted edges as index pairs; output: one (x, y) per node and the size of
//! the drawing, in pixels at zoom 1. Steps: split into connected components;
//! lay out each with a force model ([`Model`]) whose repulsion is computed with
//! a Barnes-Hut quadtree (O(n log n) per iteration instead of O(n²)); scale it
//! to the ideal edge length; push apart overlapping node boxes
//! ([`remove_overlaps`]); pack the components in rows, largest first (so a
//! few hundred small pieces or isolated actors no longer squeeze the main
//! component into the middle). docs/visualization.md has the measurements
//! behind the choices.
//!
//! Deterministic: the start is a grid with fixed pseudo-random jitter, every
//! loop runs in index order, and only +, -, *, / and sqrt are used (exactly
//! rounded in IEEE 754; no libm trigonometry or logarithms), so the same input
//! gives bit-identical positions on every platform.

mod quadtree;

/// Node positions and the size of the drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub positions: Vec<(f64, f64)>,
    pub width: f64,
    pub height: f64,
}

/// What a node occupies around its position: a disc of `radius` and a label
/// `label_width` wide below it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeBox {
    pub radius: f64,
    pub label_width: f64,
}

impl NodeBox {
    /// Height of the label line under the disc (11 px text).
    pub const LABEL_HEIGHT: f64 = 15.0;

    /// (left, top, right, bottom) relative to the node's position, with `pad`.
    fn extent(&self, pad: f64) -> (f64, f64, f64, f64) {
        let half = self.radius.max(self.label_width / 2.0) + pad;
        (-half, -self.radius - pad, half, self.radius + Self::LABEL_HEIGHT + pad)
    }
}

/// The force model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Model {
    /// Fruchterman-Reingold: attraction d²/k, repulsion k²/d.
    FruchtermanReingold,
    /// ForceAtlas2 (Jacomy et al. 2014): linear attraction, repulsion
    /// (deg+1)(deg+1)/d, so hubs push their many leaves out into rings.
    #[default]
    ForceAtlas2,
}

/// Ideal edge length in pixels.
pub const EDGE_LENGTH: f64 = 110.0;
const ITERATIONS: usize = 300;
/// Barnes-Hut opening angle: a cell farther than its size / THETA counts as one body.
const THETA: f64 = 0.8;
const MARGIN: f64 = 40.0;
/// Gap between packed components.
const GAP: f64 = 30.0;

/// Lays out `nodes` joined by `edges` `(a, b, weight)` (direction, self-loops
/// and out-of-range indices ignored; parallel edges add up).
pub fn force_layout(nodes: &[NodeBox], edges: &[(usize, usize, f64)], model: Model) -> Layout {
    let n = nodes.len();
    let mut adjacency: Vec<Vec<(usize, f64)>> = vec![vec![]; n];
    for &(a, b, w) in edges {
        if a != b && a < n && b < n && w > 0.0 {
            adjacency[a].push((b, w));
            adjacency[b].push((a, w));
        }
    }
    let mut pieces: Vec<Piece> = components(&adjacency)
        .into_iter()
        .map(|members| lay_out_component(&members, &adjacency, nodes, model))
        .collect();
    let (width, height) = pack(&mut pieces);
    let mut positions = vec![(0.0, 0.0); n];
    for p in &pieces {
        for (&i, &(x, y)) in p.members.iter().zip(&p.positions) {
            let round = |v: f64| (v * 10.0).round() / 10.0;
            positions[i] = (round(x), round(y));
        }
    }
    Layout {
        positions,
        width,
        height,
    }
}

/// A laid-out component: its nodes, their positions, its bounding box.
struct Piece {
    members: Vec<usize>,
    positions: Vec<(f64, f64)>,
    bbox: (f64, f64, f64, f64),
}

/// Connected components, each sorted, largest first (ties by smallest node).
fn components(adjacency: &[Vec<(usize, f64)>]) -> Vec<Vec<usize>> {
    let mut seen = vec![false; adjacency.len()];
    let mut out = vec![];
    for start in 0..adjacency.len() {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut stack = vec![start];
        let mut members = vec![];
        while let Some(i) = stack.pop() {
            members.push(i);
            for &(j, _) in &adjacency[i] {
                if !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        members.sort_unstable();
        out.push(members);
    }
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    out
}

fn lay_out_component(members: &[usize], adjacency: &[Vec<(usize, f64)>], nodes: &[NodeBox], model: Model) -> Piece {
    let local: std::collections::HashMap<usize, usize> = members.iter().enumerate().map(|(l, &g)| (g, l)).collect();
    let mut edges = vec![];
    for (l, &g) in members.iter().enumerate() {
        for &(j, w) in &adjacency[g] {
            let m = local[&j];
            if l < m {
                edges.push((l, m, w.sqrt()));
            }
        }
    }
    let boxes: Vec<NodeBox> = members.iter().map(|&g| nodes[g]).collect();
    let mut pos = simulate(members.len(), &edges, model);
    scale_to_edge_length(&mut pos, &edges);
    remove_overlaps(&mut pos, &boxes, 4.0);
    let bbox = bounding_box(&pos, &boxes);
    Piece {
        members: members.to_vec(),
        positions: pos,
        bbox,
    }
}

/// Runs the force model; positions in model units.
fn simulate(n: usize, edges: &[(usize, usize, f64)], model: Model) -> Vec<(f64, f64)> {
    if n == 1 {
        return vec![(0.0, 0.0)];
    }
    let k = 1.0;
    let mut degree = vec![0.0f64; n];
    for &(a, b, _) in edges {
        degree[a] += 1.0;
        degree[b] += 1.0;
    }
    let mass: Vec<f64> = match model {
        Model::FruchtermanReingold => vec![1.0; n],
        Model::ForceAtlas2 => degree.iter().map(|d| d + 1.0).collect(),
    };
    let side = (n as f64).sqrt().ceil() as usize;
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut jitter = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as f64 / (1u64 << 31) as f64 - 0.5) * k * 0.5
    };
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| ((i % side) as f64 * k + jitter(), (i / side) as f64 * k + jitter()))
        .collect();
    let mut disp = vec![(0.0f64, 0.0f64); n];
    let start = k * (n as f64).sqrt() / 4.0;
    for it in 0..ITERATIONS {
        let temp = start * (1.0 - it as f64 / ITERATIONS as f64) + k * 0.01;
        let tree = quadtree::QuadTree::new(&pos, &mass);
        for (i, d) in disp.iter_mut().enumerate() {
            // Repulsion: FR k²/d between unit masses, FA2 k m_i m_j / d.
            let (fx, fy) = tree.repulsion(i, pos[i], THETA);
            let c = match model {
                Model::FruchtermanReingold => k * k,
                Model::ForceAtlas2 => k * mass[i] * 0.5,
            };
            *d = (fx * c, fy * c);
        }
        for &(a, b, w) in edges {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let f = match model {
                Model::FruchtermanReingold => (dx * dx + dy * dy).sqrt() / k * w,
                Model::ForceAtlas2 => w,
            };
            disp[a].0 -= dx * f;
            disp[a].1 -= dy * f;
            disp[b].0 += dx * f;
            disp[b].1 += dy * f;
        }
        for i in 0..n {
            // Gravity towards the centre keeps loose parts of a component close.
            let (x, y) = pos[i];
            let dist = (x * x + y * y).sqrt().max(1e-9);
            let g = match model {
                Model::FruchtermanReingold => 0.1 * dist,
                Model::ForceAtlas2 => 0.1 * mass[i],
            };
            disp[i].0 -= x / dist * g;
            disp[i].1 -= y / dist * g;
            let len = (disp[i].0 * disp[i].0 + disp[i].1 * disp[i].1).sqrt();
            if len > 0.0 {
                let step = len.min(temp);
                pos[i].0 += disp[i].0 / len * step;
                pos[i].1 += disp[i].1 / len * step;
            }
        }
    }
    pos
}

/// Scales positions so the median edge length is [`EDGE_LENGTH`], centred on 0.
fn scale_to_edge_length(pos: &mut [(f64, f64)], edges: &[(usize, usize, f64)]) {
    let mut lengths: Vec<f64> = edges
        .iter()
        .map(|&(a, b, _)| {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            (dx * dx + dy * dy).sqrt()
        })
        .collect();
    lengths.sort_by(f64::total_cmp);
    let median = lengths.get(lengths.len() / 2).copied().unwrap_or(1.0).max(1e-9);
    let s = EDGE_LENGTH / median;
    pos.iter_mut().for_each(|p| *p = (p.0 * s, p.1 * s));
}

/// Pushes apart overlapping node boxes (disc and label, `pad` around), along
/// the axis where the overlap is the smaller share of the boxes' extent, half
/// each way, until none overlap (or 1,000 passes). A sweep over boxes sorted by left edge finds the overlaps.
pub fn remove_overlaps(pos: &mut [(f64, f64)], boxes: &[NodeBox], pad: f64) {
    let n = pos.len();
    let ext: Vec<(f64, f64, f64, f64)> = boxes.iter().map(|b| b.extent(pad)).collect();
    let rect = |p: (f64, f64), e: (f64, f64, f64, f64)| (p.0 + e.0, p.1 + e.1, p.0 + e.2, p.1 + e.3);
    let mut order: Vec<usize> = (0..n).collect();
    for _ in 0..1000 {
        order.sort_by(|&a, &b| (pos[a].0 + ext[a].0).total_cmp(&(pos[b].0 + ext[b].0)).then(a.cmp(&b)));
        let mut moved = false;
        for oi in 0..n {
            let i = order[oi];
            for &j in &order[oi + 1..] {
                let a = rect(pos[i], ext[i]);
                let b = rect(pos[j], ext[j]);
                if b.0 >= a.2 {
                    break;
                }
                let ox = a.2.min(b.2) - a.0.max(b.0);
                let oy = a.3.min(b.3) - a.1.max(b.1);
                if ox <= 0.0 || oy <= 0.0 {
                    continue;
                }
                moved = true;
                let (ca, cb) = (
                    ((a.0 + a.2) / 2.0, (a.1 + a.3) / 2.0),
                    ((b.0 + b.2) / 2.0, (b.1 + b.3) / 2.0),
                );
                // Along the axis where the overlap is the smaller share of
                // the two boxes' extent, so wide labels do not stretch the
                // drawing vertically.
                if ox / (a.2 - a.0 + b.2 - b.0) < oy / (a.3 - a.1 + b.3 - b.1) {
                    let s = if ca.0 < cb.0 || (ca.0 == cb.0 && i < j) {
                        -1.0
                    } else {
                        1.0
                    };
                    pos[i].0 += s * ox / 2.0;
                    pos[j].0 -= s * ox / 2.0;
                } else {
                    let s = if ca.1 < cb.1 || (ca.1 == cb.1 && i < j) {
                        -1.0
                    } else {
                        1.0
                    };
                    pos[i].1 += s * oy / 2.0;
                    pos[j].1 -= s * oy / 2.0;
                }
            }
        }
        if !moved {
            break;
        }
    }
}

fn bounding_box(pos: &[(f64, f64)], boxes: &[NodeBox]) -> (f64, f64, f64, f64) {
    let mut bb = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (p, b) in pos.iter().zip(boxes) {
        let e = b.extent(0.0);
        bb = (
            bb.0.min(p.0 + e.0),
            bb.1.min(p.1 + e.1),
            bb.2.max(p.0 + e.2),
            bb.3.max(p.1 + e.3),
        );
    }
    bb
}

/// Places the pieces in rows (largest first, left to right, a row 1.4 times
/// as wide as the largest piece or sqrt(1.6 x total area), whichever is wider); moves their positions there and returns the drawing's size.
fn pack(pieces: &mut [Piece]) -> (f64, f64) {
    let size = |p: &Piece| (p.bbox.2 - p.bbox.0, p.bbox.3 - p.bbox.1);
    let area: f64 = pieces.iter().map(|p| (size(p).0 + GAP) * (size(p).1 + GAP)).sum();
    // Rows about 1.6 times as wide as the drawing is tall (a screen's
    // shape), with room for small pieces beside the largest.
    let widest = pieces.iter().map(|p| size(p).0).fold(0.0, f64::max);
    let row_width = (area * 1.6).sqrt().max(widest * 1.4);
    let (mut x, mut y, mut row_height, mut width) = (MARGIN, MARGIN, 0.0f64, 0.0f64);
    for p in pieces.iter_mut() {
        let (w, h) = size(p);
        if x > MARGIN && x + w > MARGIN + row_width {
            x = MARGIN;
            y += row_height + GAP;
            row_height = 0.0;
        }
        let (dx, dy) = (x - p.bbox.0, y - p.bbox.1);
        p.positions.iter_mut().for_each(|q| *q = (q.0 + dx, q.1 + dy));
        width = width.max(x + w);
        row_height = row_height.max(h);
        x += w + GAP;
    }
    ((width + MARGIN).ceil(), (y + row_height + MARGIN).ceil())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
        ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
    }

    fn boxes(n: usize) -> Vec<NodeBox> {
        vec![
            NodeBox {
                radius: 8.0,
                label_width: 40.0
            };
            n
        ]
    }

    fn unweighted(pairs: &[(usize, usize)]) -> Vec<(usize, usize, f64)> {
        pairs.iter().map(|&(a, b)| (a, b, 1.0)).collect()
    }

    #[test]
    fn same_input_same_coordinates() {
        let e = unweighted(&[(0, 1), (1, 2), (2, 0), (2, 3), (3, 4)]);
        let l = force_layout(&boxes(5), &e, Model::default());
        assert_eq!(l, force_layout(&boxes(5), &e, Model::default()));
        assert_eq!(
            l.positions,
            [(60.0, 48.0), (137.2, 51.4), (93.9, 152.6), (88.6, 296.2), (86.2, 386.4)]
        );
        assert_eq!((l.width, l.height), (198.0, 450.0));
    }

    #[test]
    fn components_are_packed_largest_first_without_overlaps() {
        // A triangle, a pair, an isolated node.
        let e = unweighted(&[(0, 1), (1, 2), (2, 0), (3, 4)]);
        let l = force_layout(&boxes(6), &e, Model::default());
        assert!(dist(l.positions[0], l.positions[1]) < dist(l.positions[0], l.positions[4]));
        let mut p = l.positions.clone();
        let before = p.clone();
        remove_overlaps(&mut p, &boxes(6), 4.0);
        assert_eq!(p, before, "no box overlaps another");
        for &(x, y) in &l.positions {
            assert!(x >= MARGIN && x <= l.width - MARGIN, "{x}");
            assert!(y >= MARGIN && y <= l.height - MARGIN, "{y}");
        }
    }

    #[test]
    fn overlap_removal_separates_coincident_boxes() {
        let mut p = vec![(0.0, 0.0), (0.0, 0.0), (1.0, 0.0)];
        remove_overlaps(&mut p, &boxes(3), 0.0);
        // Equal shares of overlap on both axes: apart along y, 31 px (disc and label) each.
        assert_eq!(p, [(0.0, -31.0), (0.0, 31.0), (1.0, -8.881784197001252e-16)]);
    }

    #[test]
    fn degenerate_inputs() {
        let none = force_layout(&[], &[], Model::default());
        assert_eq!(none.positions, vec![]);
        let one = force_layout(&boxes(1), &[(0, 0, 1.0), (0, 7, 1.0)], Model::default());
        assert_eq!(one.positions, [(MARGIN + 20.0, MARGIN + 8.0)]);
    }
}
