//! A Barnes-Hut quadtree (Barnes and Hut 1986) for the layout's repulsion:
//! a cell far enough away (its side / distance below the opening angle)
//! acts as one body of its total mass at its centre of mass.

/// Below this depth cells split; at it, bodies share a leaf (coincident points).
const MAX_DEPTH: usize = 32;
const NO_CHILDREN: usize = usize::MAX;

struct Cell {
    cx: f64,
    cy: f64,
    half: f64,
    mass: f64,
    mx: f64,
    my: f64,
    /// Index of the first of four consecutive children, or NO_CHILDREN.
    children: usize,
    bodies: Vec<usize>,
}

impl Cell {
    fn new(cx: f64, cy: f64, half: f64) -> Cell {
        Cell {
            cx,
            cy,
            half,
            mass: 0.0,
            mx: 0.0,
            my: 0.0,
            children: NO_CHILDREN,
            bodies: vec![],
        }
    }
}

pub struct QuadTree<'a> {
    cells: Vec<Cell>,
    pos: &'a [(f64, f64)],
    mass: &'a [f64],
}

impl<'a> QuadTree<'a> {
    /// The tree of bodies at `pos` with `mass`.
    pub fn new(pos: &'a [(f64, f64)], mass: &'a [f64]) -> QuadTree<'a> {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(x, y) in pos {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        let half = ((x1 - x0).max(y1 - y0) / 2.0).max(1e-6) * 1.0001;
        let mut tree = QuadTree {
            cells: vec![Cell::new((x0 + x1) / 2.0, (y0 + y1) / 2.0, half)],
            pos,
            mass,
        };
        for i in 0..pos.len() {
            tree.insert(0, i, 0);
        }
        tree
    }

    fn quadrant(&self, c: usize, i: usize) -> usize {
        let cell = &self.cells[c];
        let (x, y) = self.pos[i];
        cell.children + usize::from(x >= cell.cx) + 2 * usize::from(y >= cell.cy)
    }

    fn insert(&mut self, c: usize, i: usize, depth: usize) {
        let (x, y) = self.pos[i];
        let m = self.mass[i];
        let cell = &mut self.cells[c];
        cell.mass += m;
        cell.mx += m * x;
        cell.my += m * y;
        if cell.children == NO_CHILDREN {
            if cell.bodies.is_empty() || depth >= MAX_DEPTH {
                cell.bodies.push(i);
                return;
            }
            let (cx, cy, h) = (cell.cx, cell.cy, cell.half / 2.0);
            let old = std::mem::take(&mut cell.bodies);
            let first = self.cells.len();
            self.cells[c].children = first;
            for (dx, dy) in [(-h, -h), (h, -h), (-h, h), (h, h)] {
                self.cells.push(Cell::new(cx + dx, cy + dy, h));
            }
            for o in old {
                let q = self.quadrant(c, o);
                self.insert(q, o, depth + 1);
            }
        }
        let q = self.quadrant(c, i);
        self.insert(q, i, depth + 1);
    }

    /// Sum over the other bodies j of (p - p_j) m_j / d², i.e. a repulsion
    /// of magnitude m_j / d from each, cells farther than side / `theta`
    /// taken as one body.
    pub fn repulsion(&self, i: usize, p: (f64, f64), theta: f64) -> (f64, f64) {
        let mut f = (0.0, 0.0);
        let mut stack = vec![0];
        while let Some(c) = stack.pop() {
            let cell = &self.cells[c];
            if cell.mass == 0.0 {
                continue;
            }
            if cell.children == NO_CHILDREN {
                for &j in &cell.bodies {
                    if j != i {
                        add(&mut f, p, self.pos[j], self.mass[j], i < j);
                    }
                }
                continue;
            }
            let com = (cell.mx / cell.mass, cell.my / cell.mass);
            let (dx, dy) = (p.0 - com.0, p.1 - com.1);
            let side = 2.0 * cell.half;
            if side * side < theta * theta * (dx * dx + dy * dy) {
                add(&mut f, p, com, cell.mass, true);
            } else {
                stack.extend((0..4).rev().map(|k| cell.children + k));
            }
        }
        f
    }
}

/// Adds the repulsion of mass `m` at `q` on `p`; coincident points are pushed
/// apart along x, the lower index to the left.
fn add(f: &mut (f64, f64), p: (f64, f64), q: (f64, f64), m: f64, left: bool) {
    let (mut dx, mut dy) = (p.0 - q.0, p.1 - q.1);
    let mut d2 = dx * dx + dy * dy;
    if d2 < 1e-12 {
        (dx, dy, d2) = (if left { -0.01 } else { 0.01 }, 0.0, 1e-4);
    }
    f.0 += dx * m / d2;
    f.1 += dy * m / d2;
}

#[cfg(test)]
mod tests {
    use super::QuadTree;

    #[test]
    fn far_cells_approximate_the_exact_sum() {
        // A 10 x 10 grid; exact with theta 0, close with theta 0.8.
        let pos: Vec<(f64, f64)> = (0..100).map(|i| ((i % 10) as f64, (i / 10) as f64)).collect();
        let mass = vec![1.0; 100];
        let tree = QuadTree::new(&pos, &mass);
        let mut exact = (0.0, 0.0);
        for (j, q) in pos.iter().enumerate().skip(1) {
            let (dx, dy) = (pos[0].0 - q.0, pos[0].1 - q.1);
            let d2 = dx * dx + dy * dy;
            exact = (exact.0 + dx / d2, exact.1 + dy / d2);
            assert!(j > 0);
        }
        let full = tree.repulsion(0, pos[0], 0.0);
        assert!((full.0 - exact.0).abs() < 1e-9 && (full.1 - exact.1).abs() < 1e-9);
        let approx = tree.repulsion(0, pos[0], 0.8);
        assert!(
            (approx.0 - exact.0).abs() / exact.0.abs() < 0.05,
            "{approx:?} {exact:?}"
        );
    }

    #[test]
    fn coincident_points_do_not_recurse_forever() {
        let pos = vec![(1.0, 1.0); 5];
        let mass = vec![1.0; 5];
        let tree = QuadTree::new(&pos, &mass);
        assert_eq!(tree.repulsion(0, pos[0], 0.8), (-400.0, 0.0));
        assert_eq!(tree.repulsion(4, pos[4], 0.8), (400.0, 0.0));
    }
}
