//! A small deterministic force-directed layout (Fruchterman-Reingold) for
//! `view`, so the page only draws and needs no Graphviz.
//!
//! Input: node count and edges as index pairs; output: one (x, y) per node in
//! a square of side [`Layout::size`]. Same input, same output on every platform:
//! the start positions are a grid with fixed pseudo-random jitter.

/// Node positions and the side of the square they fit in.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub positions: Vec<(f64, f64)>,
    pub size: f64,
}

const ITERATIONS: usize = 300;
const MARGIN: f64 = 60.0;

/// Lays out `n` nodes joined by `edges` (index pairs; parallel edges and
/// direction are ignored, self-loops too).
pub fn force_layout(n: usize, edges: &[(usize, usize)]) -> Layout {
    let size = 300.0 + 90.0 * (n as f64).sqrt() * 2.0;
    if n == 0 {
        return Layout {
            positions: vec![],
            size,
        };
    }
    let mut pairs: Vec<(usize, usize)> = edges
        .iter()
        .filter(|(a, b)| a != b && *a < n && *b < n)
        .map(|&(a, b)| (a.min(b), a.max(b)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();

    let area = size * size;
    let k = (area / n as f64).sqrt() * 0.6;
    // Start on a jittered grid. Only +, -, *, / and sqrt from here on: they
    // are exactly rounded in IEEE 754, so the layout is bit-identical on every
    // platform (sin/cos from the system libm would not be).
    let side = (n as f64).sqrt().ceil() as usize;
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut jitter = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as f64 / (1u64 << 31) as f64 - 0.5) * k * 0.5
    };
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let x = (i % side) as f64 * k + jitter();
            let y = (i / side) as f64 * k + jitter();
            (x, y)
        })
        .collect();
    let mut disp = vec![(0.0f64, 0.0f64); n];
    let mut temp = size / 8.0;
    let cool = temp / (ITERATIONS as f64 + 1.0);
    for _ in 0..ITERATIONS {
        disp.iter_mut().for_each(|d| *d = (0.0, 0.0));
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d2 = (dx * dx + dy * dy).max(0.01);
                let f = k * k / d2; // (k^2 / d) / d: force along the unit vector
                disp[i].0 += dx * f;
                disp[i].1 += dy * f;
                disp[j].0 -= dx * f;
                disp[j].1 -= dy * f;
            }
        }
        for &(a, b) in &pairs {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            let f = d / k; // (d^2 / k) / d
            disp[a].0 -= dx * f;
            disp[a].1 -= dy * f;
            disp[b].0 += dx * f;
            disp[b].1 += dy * f;
        }
        for i in 0..n {
            // Gravity keeps unconnected pieces from drifting off.
            disp[i].0 -= pos[i].0 * 0.05 * k / size * 10.0;
            disp[i].1 -= pos[i].1 * 0.05 * k / size * 10.0;
            let len = (disp[i].0 * disp[i].0 + disp[i].1 * disp[i].1).sqrt();
            if len > 0.0 {
                let step = len.min(temp);
                pos[i].0 += disp[i].0 / len * step;
                pos[i].1 += disp[i].1 / len * step;
            }
        }
        temp -= cool;
    }
    // Fit into [MARGIN, size - MARGIN], keeping the aspect ratio.
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in &pos {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    let span = (x1 - x0).max(y1 - y0).max(1e-9);
    let scale = (size - 2.0 * MARGIN) / span;
    let (ox, oy) = ((size - (x1 - x0) * scale) / 2.0, (size - (y1 - y0) * scale) / 2.0);
    let positions = pos
        .into_iter()
        .map(|(x, y)| {
            let round = |v: f64| (v * 10.0).round() / 10.0;
            (round(ox + (x - x0) * scale), round(oy + (y - y0) * scale))
        })
        .collect();
    Layout { positions, size }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
        ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
    }

    #[test]
    fn connected_nodes_end_closer_than_unconnected_ones() {
        // Two triangles joined by nothing: 0-1-2 and 3-4-5.
        let l = force_layout(6, &[(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)]);
        assert_eq!(l.positions.len(), 6);
        assert!(dist(l.positions[0], l.positions[1]) < dist(l.positions[0], l.positions[4]));
        for &(x, y) in &l.positions {
            assert!(x >= MARGIN - 0.1 && x <= l.size - MARGIN + 0.1, "{x}");
            assert!(y >= MARGIN - 0.1 && y <= l.size - MARGIN + 0.1, "{y}");
        }
        assert_eq!(l, force_layout(6, &[(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)]));
    }

    #[test]
    fn degenerate_inputs() {
        assert_eq!(force_layout(0, &[]).positions, vec![]);
        let one = force_layout(1, &[(0, 0)]);
        assert_eq!(one.positions.len(), 1);
        assert!(one.positions[0].0.is_finite());
    }
}
