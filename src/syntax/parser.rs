//! Unlabeled dependency parser: greedy arc-eager transitions (Nivre 2003)
//! scored by an averaged perceptron over Zhang & Nivre's (2011) rich
//! non-local features, trained with Goldberg & Nivre's (2012) dynamic oracle
//! so that it learns to recover from its own mistakes. `labeler` names the
//! arcs afterwards.

use super::lexical::{Lex, PAD, ROOT};
use super::perceptron::{argmax, key, Memo, Rng, Trainer, Weights};
use super::train::Example;
use serde::{Deserialize, Serialize};

const SHIFT: usize = 0;
const REDUCE: usize = 1;
const LEFT: usize = 2;
const RIGHT: usize = 3;
const MOVES: usize = 4;
const NONE: u32 = u32::MAX;

/// What the parser reads of a sentence: per word its lexical views and its
/// predicted tag class. Index 0 is the artificial root.
pub struct Input<'a> {
    pub lex: &'a [Lex],
    pub tags: &'a [u16],
}

/// The hash `Lex::norm` gives a comma.
fn comma() -> u64 {
    super::lexical::Lex::of(",").norm
}

impl Input<'_> {
    fn n(&self) -> usize {
        self.lex.len()
    }
    /// The 3-letter suffix of word `i`.
    fn suffix(&self, i: u32) -> u64 {
        match i {
            NONE => PAD.suffix[2],
            0 => ROOT.suffix[2],
            i => self.lex[i as usize - 1].suffix[2],
        }
    }
    /// Word `i` (1-based; 0 = root; NONE = absent).
    fn word(&self, i: u32) -> u64 {
        match i {
            NONE => PAD.norm,
            0 => ROOT.norm,
            i => self.lex[i as usize - 1].norm,
        }
    }
    fn tag(&self, i: u32) -> u64 {
        match i {
            NONE => 0xfffe,
            0 => 0xfffd,
            i => u64::from(self.tags[i as usize - 1]),
        }
    }
}

/// What a configuration knows of one word: its head, its leftmost two and
/// rightmost two dependents and how many it has on each side. One record per
/// word, so that copying a configuration (the beam) is one copy.
#[derive(Clone, Copy)]
struct Node {
    head: u32,
    lefts: [u32; 2],
    rights: [u32; 2],
    nl: u8,
    nr: u8,
}

const FREE: Node = Node {
    head: NONE,
    lefts: [NONE; 2],
    rights: [NONE; 2],
    nl: 0,
    nr: 0,
};

/// A parser configuration: stack, buffer front, and the arcs so far.
#[derive(Clone)]
struct State {
    stack: Vec<u32>,
    next: u32,
    n: u32,
    nodes: Vec<Node>,
    root_taken: bool,
}

impl State {
    fn new(n: usize) -> State {
        State {
            stack: vec![0],
            next: 1,
            n: n as u32,
            nodes: vec![FREE; n + 1],
            root_taken: false,
        }
    }

    /// Becomes a copy of `o`, reusing its own buffers.
    fn copy_from(&mut self, o: &State) {
        self.stack.clone_from(&o.stack);
        self.nodes.clone_from(&o.nodes);
        (self.next, self.n, self.root_taken) = (o.next, o.n, o.root_taken);
    }

    fn done(&self) -> bool {
        self.next > self.n
    }

    fn s0(&self) -> u32 {
        *self.stack.last().unwrap_or(&NONE)
    }

    fn valid(&self, m: usize) -> bool {
        let s = self.s0();
        let buffer = !self.done();
        match m {
            SHIFT => buffer,
            REDUCE => s != NONE && s != 0 && self.nodes[s as usize].head != NONE,
            LEFT => buffer && s != NONE && s != 0 && self.nodes[s as usize].head == NONE,
            _ => buffer && s != NONE && !(s == 0 && self.root_taken),
        }
    }

    fn arc(&mut self, h: u32, d: u32) {
        self.nodes[d as usize].head = h;
        let du = d;
        let node = &mut self.nodes[h as usize];
        if d < h {
            node.nl = node.nl.saturating_add(1);
            let l = &mut node.lefts;
            if l[0] == NONE || du < l[0] {
                l[1] = l[0];
                l[0] = du;
            } else if l[1] == NONE || du < l[1] {
                l[1] = du;
            }
        } else {
            node.nr = node.nr.saturating_add(1);
            let r = &mut node.rights;
            if r[0] == NONE || du > r[0] {
                r[1] = r[0];
                r[0] = du;
            } else if r[1] == NONE || du > r[1] {
                r[1] = du;
            }
        }
        if h == 0 {
            self.root_taken = true;
        }
    }

    fn apply(&mut self, m: usize) {
        let (s, b) = (self.s0(), self.next);
        match m {
            SHIFT => {
                self.stack.push(b);
                self.next += 1;
            }
            REDUCE => {
                self.stack.pop();
            }
            LEFT => {
                self.arc(b, s);
                self.stack.pop();
            }
            _ => {
                self.arc(s, b);
                self.stack.push(b);
                self.next += 1;
            }
        }
    }

    /// Gold arcs each move loses for good (the dynamic oracle's cost).
    fn cost(&self, m: usize, gold: &[u32]) -> usize {
        let (s, b) = (self.s0(), self.next);
        let stack_has = |k: u32| self.stack.contains(&k);
        let unheaded = |k: u32| self.nodes[k as usize].head == NONE;
        let buffer = self.next..=self.n;
        match m {
            LEFT => usize::from(gold[s as usize] > b) + buffer.filter(|&k| gold[k as usize] == s).count(),
            RIGHT => {
                let g = gold[b as usize];
                let lost_head = usize::from(g != s && (g > b || stack_has(g)));
                lost_head
                    + self
                        .stack
                        .iter()
                        .filter(|&&k| k != 0 && gold[k as usize] == b && unheaded(k))
                        .count()
            }
            REDUCE => ((b)..=self.n).filter(|&k| gold[k as usize] == s).count(),
            _ => {
                let g = gold[b as usize];
                usize::from(stack_has(g))
                    + self
                        .stack
                        .iter()
                        .filter(|&&k| k != 0 && gold[k as usize] == b && unheaded(k))
                        .count()
            }
        }
    }

    /// Words left without a head: the first becomes the root's dependent
    /// (unless the root has one), the rest depend on it.
    fn finish(&self) -> Vec<u32> {
        let mut heads: Vec<u32> = self.nodes.iter().map(|n| n.head).collect();
        let mut top = self.nodes[0].rights[0];
        for d in 1..=self.n {
            if heads[d as usize] == NONE {
                if top == NONE {
                    heads[d as usize] = 0;
                    top = d;
                } else {
                    heads[d as usize] = top;
                }
            }
        }
        heads.remove(0);
        heads
    }
}

/// Distance between the stack top and the buffer front, bucketed.
fn distance(s: u32, b: u32) -> u64 {
    if s == NONE {
        return 0;
    }
    match b.saturating_sub(s) {
        d @ 0..=4 => u64::from(d),
        5..=7 => 5,
        8..=12 => 6,
        _ => 7,
    }
}

/// The features of a configuration (Zhang & Nivre 2011, unlabeled).
fn features(x: &Input, commas: &[u16], st: &State, out: &mut Vec<u64>) {
    let s0 = st.s0();
    let s1 = if st.stack.len() >= 2 {
        st.stack[st.stack.len() - 2]
    } else {
        NONE
    };
    let at = |k: u32| if k <= st.n { k } else { NONE };
    let (n0, n1, n2) = (at(st.next), at(st.next + 1), at(st.next + 2));
    let node = |i: u32| if i == NONE { FREE } else { st.nodes[i as usize] };
    let head = |i: u32| if i == 0 { NONE } else { node(i).head };
    let (s0n, n0n) = (node(s0), node(n0));
    let (s0h, s0l, s0r, n0l) = (head(s0), s0n.lefts[0], s0n.rights[0], n0n.lefts[0]);
    let (s0h2, s0l2, s0r2, n0l2) = (head(s0h), s0n.lefts[1], s0n.rights[1], n0n.lefts[1]);
    let (w, p) = (|i: u32| x.word(i), |i: u32| x.tag(i));
    let val = |v: u8, i: u32| if i == NONE { 99 } else { u64::from(v) };
    let d = distance(s0, n0);
    out.clear();
    let mut f = |t: u64, v: &[u64]| out.push(key(t, v));
    f(0, &[]);
    // Single words.
    f(1, &[w(s0), p(s0)]);
    f(2, &[w(s0)]);
    f(3, &[p(s0)]);
    f(4, &[w(n0), p(n0)]);
    f(5, &[w(n0)]);
    f(6, &[p(n0)]);
    f(7, &[w(n1), p(n1)]);
    f(8, &[w(n1)]);
    f(9, &[p(n1)]);
    f(10, &[w(n2), p(n2)]);
    f(11, &[w(n2)]);
    f(12, &[p(n2)]);
    // Pairs.
    f(13, &[w(s0), p(s0), w(n0), p(n0)]);
    f(14, &[w(s0), p(s0), w(n0)]);
    f(15, &[w(s0), w(n0), p(n0)]);
    f(16, &[w(s0), p(s0), p(n0)]);
    f(17, &[p(s0), w(n0), p(n0)]);
    f(18, &[w(s0), w(n0)]);
    f(19, &[p(s0), p(n0)]);
    f(20, &[p(n0), p(n1)]);
    // Tag trigrams.
    f(21, &[p(n0), p(n1), p(n2)]);
    f(22, &[p(s0), p(n0), p(n1)]);
    f(23, &[p(s0h), p(s0), p(n0)]);
    f(24, &[p(s0), p(s0l), p(n0)]);
    f(25, &[p(s0), p(s0r), p(n0)]);
    f(26, &[p(s0), p(n0), p(n0l)]);
    // Distance.
    f(27, &[w(s0), d]);
    f(28, &[p(s0), d]);
    f(29, &[w(n0), d]);
    f(30, &[p(n0), d]);
    f(31, &[w(s0), w(n0), d]);
    f(32, &[p(s0), p(n0), d]);
    // Valency.
    f(33, &[w(s0), val(s0n.nr, s0)]);
    f(34, &[p(s0), val(s0n.nr, s0)]);
    f(35, &[w(s0), val(s0n.nl, s0)]);
    f(36, &[p(s0), val(s0n.nl, s0)]);
    f(37, &[w(n0), val(n0n.nl, n0)]);
    f(38, &[p(n0), val(n0n.nl, n0)]);
    // Second-order unigrams.
    f(39, &[w(s0h)]);
    f(40, &[p(s0h)]);
    f(41, &[w(s0l)]);
    f(42, &[p(s0l)]);
    f(43, &[w(s0r)]);
    f(44, &[p(s0r)]);
    f(45, &[w(n0l)]);
    f(46, &[p(n0l)]);
    // Third order.
    f(47, &[w(s0h2)]);
    f(48, &[p(s0h2)]);
    f(49, &[w(s0l2)]);
    f(50, &[p(s0l2)]);
    f(51, &[w(s0r2)]);
    f(52, &[p(s0r2)]);
    f(53, &[w(n0l2)]);
    f(54, &[p(n0l2)]);
    f(55, &[p(s0), p(s0l), p(s0l2)]);
    f(56, &[p(s0), p(s0r), p(s0r2)]);
    f(57, &[p(s0), p(s0h), p(s0h2)]);
    f(58, &[p(n0), p(n0l), p(n0l2)]);
    // The word under the stack top.
    f(59, &[p(s1), p(s0), p(n0)]);
    f(60, &[w(s1), p(s1)]);
    f(
        61,
        &[
            u64::from(s0 != NONE && st.nodes[s0 as usize].head != NONE),
            p(s0),
            p(n0),
        ],
    );
    // Unknown words by their endings; commas between the two.
    f(62, &[x.suffix(s0), p(n0)]);
    f(63, &[p(s0), x.suffix(n0)]);
    let between = if s0 == NONE || n0 == NONE {
        9
    } else {
        u64::from(commas[n0 as usize] - commas[s0 as usize]).min(3)
    };
    f(64, &[between, p(s0), p(n0)]);
    f(65, &[between, w(s0), p(n0)]);
}

/// Per word index (0 = root), how many commas come before it.
fn comma_counts(x: &Input) -> Vec<u16> {
    let c = comma();
    let mut out = vec![0u16; x.n() + 2];
    for i in 1..=x.n() {
        out[i + 1] = out[i] + u16::from(x.lex[i - 1].norm == c);
    }
    out
}

#[derive(Default, Serialize, Deserialize)]
pub struct Parser {
    weights: Weights,
    /// Beam width: 1 (or 0, in a default model) parses greedily, wider
    /// beams keep that many configurations per step; set by training.
    beam: u32,
}

/// A configuration in the beam, with its score (the sum of its moves' scores)
/// and whether every move so far was the gold derivation's.
struct Item<T> {
    state: State,
    score: T,
    gold: bool,
}

/// The move a finished configuration makes while others still parse.
const STAY: u8 = MOVES as u8;

/// The configurations of beam search, and the buffers it reuses.
struct Beam<T> {
    items: Vec<Item<T>>,
    spare: Vec<Item<T>>,
    fresh: Vec<Item<T>>,
    /// (score, parent, move) of the expansions of one step.
    candidates: Vec<(T, u32, u8)>,
}

impl<T: Copy + PartialOrd + std::ops::Add<Output = T>> Beam<T> {
    fn new(n: usize, zero: T) -> Self {
        Beam {
            items: vec![Item {
                state: State::new(n),
                score: zero,
                gold: true,
            }],
            spare: Vec::new(),
            fresh: Vec::new(),
            candidates: Vec::new(),
        }
    }

    fn done(&self) -> bool {
        self.items.iter().all(|i| i.state.done())
    }

    /// One step: every configuration's legal moves (`score` fills the four
    /// moves' scores of a configuration), the best `k` kept in order of score
    /// (ties to the earlier parent and the lower move, so results are
    /// deterministic). `gold_move` is the gold derivation's move at this step;
    /// `out` gets each new item's (parent, move).
    fn step(
        &mut self,
        k: usize,
        gold_move: u8,
        mut score: impl FnMut(&State, &mut [T; MOVES]),
        out: &mut Vec<(u32, u8)>,
    ) {
        self.candidates.clear();
        let mut s = [self.items[0].score; MOVES];
        for (p, it) in self.items.iter().enumerate() {
            if it.state.done() {
                self.candidates.push((it.score, p as u32, STAY));
                continue;
            }
            score(&it.state, &mut s);
            for (m, &v) in s.iter().enumerate() {
                if it.state.valid(m) {
                    self.candidates.push((it.score + v, p as u32, m as u8));
                }
            }
        }
        self.candidates.sort_by(|a, b| {
            b.0.partial_cmp(&a.0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.1.cmp(&b.1))
                .then(a.2.cmp(&b.2))
        });
        self.candidates.truncate(k);
        out.clear();
        for &(v, p, m) in &self.candidates {
            let parent = &self.items[p as usize];
            let mut it = self.spare.pop().unwrap_or_else(|| Item {
                state: State::new(0),
                score: v,
                gold: false,
            });
            it.state.copy_from(&parent.state);
            if m != STAY {
                it.state.apply(m as usize);
            }
            it.score = v;
            it.gold = parent.gold && m == gold_move;
            out.push((p, m));
            self.fresh.push(it);
        }
        std::mem::swap(&mut self.items, &mut self.fresh);
        self.spare.append(&mut self.fresh);
    }
}

impl Parser {
    /// The beam width this model parses with.
    pub fn beam(&self) -> usize {
        (self.beam as usize).max(1)
    }

    /// Parses with another beam width than the trained one (to measure it).
    pub fn set_beam(&mut self, k: usize) {
        self.beam = k as u32;
    }

    /// The head of each word (1-based; 0 = root).
    pub fn parse(&self, x: &Input) -> Vec<u32> {
        if self.beam() > 1 {
            return self.parse_beam(x, self.beam());
        }
        let mut st = State::new(x.n());
        let commas = comma_counts(x);
        let (mut feats, mut scores) = (Vec::new(), [0i32; MOVES]);
        Memo::with(&self.weights, |memo| {
            while !st.done() {
                features(x, &commas, &st, &mut feats);
                self.weights.scores_memo(&feats, &mut scores, memo);
                let m = argmax(&scores, |m| st.valid(m)).unwrap_or(SHIFT);
                st.apply(m);
            }
        });
        st.finish()
    }

    /// Beam search: the best-scoring complete derivation among the `k` kept per step.
    fn parse_beam(&self, x: &Input, k: usize) -> Vec<u32> {
        let commas = comma_counts(x);
        let mut beam = Beam::new(x.n(), 0i64);
        let (mut feats, mut scores, mut back) = (Vec::new(), [0i32; MOVES], Vec::new());
        Memo::with(&self.weights, |memo| {
            while !beam.done() {
                let score = |st: &State, out: &mut [i64; MOVES]| {
                    features(x, &commas, st, &mut feats);
                    self.weights.scores_memo(&feats, &mut scores, memo);
                    for (o, &v) in out.iter_mut().zip(&scores) {
                        *o = i64::from(v);
                    }
                };
                beam.step(k, STAY + 1, score, &mut back);
            }
        });
        beam.items[0].state.finish()
    }

    /// Trains a parser of beam width `beam`: greedily with the dynamic
    /// oracle for 1, else globally (below).
    pub fn train(data: &[Example], epochs: usize, seed: u64, prune: u32, beam: usize) -> Self {
        if beam <= 1 {
            return Self::train_greedy(data, epochs, seed, prune);
        }
        Self::train_beam(data, epochs, seed, prune, beam)
    }

    /// Global training of the beam (a structured perceptron with the
    /// max-violation update of Huang et al. 2012): the sentence is parsed
    /// with the beam beside the gold derivation (at each step the
    /// best-scoring of the moves that lose the fewest gold arcs, so that
    /// spurious ambiguity and non-projective trees need no fixed oracle), and
    /// the prefix pair where the beam's best outscores the gold prefix by the
    /// most is updated: gold moves up, predicted moves down.
    fn train_beam(data: &[Example], epochs: usize, seed: u64, prune: u32, k: usize) -> Self {
        let mut t = Trainer::new(MOVES);
        t.min_updates = prune;
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let (mut feats, mut scores) = (Vec::new(), Vec::new());
        let mut history: Vec<Vec<(u32, u8)>> = Vec::new();
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &i in &order {
                let x = Input {
                    lex: &data[i].lex,
                    tags: &data[i].tags,
                };
                let mut gold = vec![NONE];
                gold.extend(&data[i].heads);
                let commas = comma_counts(&x);
                let mut beam = Beam::new(x.n(), 0f64);
                let (mut g, mut g_score, mut g_moves) = (State::new(x.n()), 0f64, Vec::new());
                let mut worst: Option<(f64, usize)> = None;
                let mut steps = 0;
                while !(beam.done() && g.done()) {
                    let gm = if g.done() {
                        STAY
                    } else {
                        features(&x, &commas, &g, &mut feats);
                        t.scores(&feats, &mut scores);
                        let costs: Vec<usize> = (0..MOVES)
                            .map(|m| if g.valid(m) { g.cost(m, &gold) } else { usize::MAX })
                            .collect();
                        let min = *costs.iter().min().unwrap_or(&0);
                        let best = argmax(&scores, |m| costs[m] == min).unwrap_or(SHIFT);
                        g_score += f64::from(scores[best]);
                        g.apply(best);
                        best as u8
                    };
                    g_moves.push(gm);
                    if history.len() <= steps {
                        history.push(Vec::new());
                    }
                    let score = |st: &State, out: &mut [f64; MOVES]| {
                        features(&x, &commas, st, &mut feats);
                        t.scores(&feats, &mut scores);
                        for (o, &v) in out.iter_mut().zip(&scores) {
                            *o = f64::from(v);
                        }
                    };
                    beam.step(k, gm, score, &mut history[steps]);
                    let top = &beam.items[0];
                    if !top.gold {
                        let violation = top.score - g_score;
                        if worst.is_none_or(|(w, _)| violation > w) && violation >= 0.0 {
                            worst = Some((violation, steps));
                        }
                    }
                    steps += 1;
                }
                if let Some((_, at)) = worst {
                    // The predicted prefix, back from the best item at step `at`.
                    let mut pred = vec![STAY; at + 1];
                    let mut j = 0usize;
                    for s in (0..=at).rev() {
                        let (p, m) = history[s][j];
                        pred[s] = m;
                        j = p as usize;
                    }
                    let same = pred.iter().zip(&g_moves).take_while(|(a, b)| a == b).count();
                    let mut st = State::new(x.n());
                    for &m in &pred[..same] {
                        if m != STAY {
                            st.apply(m as usize);
                        }
                    }
                    for (moves, delta) in [(&g_moves[same..=at], 1.0f32), (&pred[same..], -1.0)] {
                        let mut s = st.clone();
                        for &m in moves {
                            if m != STAY {
                                features(&x, &commas, &s, &mut feats);
                                t.add(&feats, m as usize, delta);
                                s.apply(m as usize);
                            }
                        }
                    }
                }
                t.tick();
            }
        }
        Parser {
            weights: t.finish(),
            beam: k as u32,
        }
    }

    /// Trains on sentences of (input, gold heads), exploring the model's own
    /// wrong moves after the first epoch.
    fn train_greedy(data: &[Example], epochs: usize, seed: u64, prune: u32) -> Self {
        let mut t = Trainer::new(MOVES);
        t.min_updates = prune;
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let (mut feats, mut scores) = (Vec::new(), Vec::new());
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            for &i in &order {
                let x = Input {
                    lex: &data[i].lex,
                    tags: &data[i].tags,
                };
                let mut gold = vec![NONE];
                gold.extend(&data[i].heads);
                let mut st = State::new(x.n());
                let commas = comma_counts(&x);
                while !st.done() {
                    features(&x, &commas, &st, &mut feats);
                    t.scores(&feats, &mut scores);
                    let costs: Vec<usize> = (0..MOVES)
                        .map(|m| if st.valid(m) { st.cost(m, &gold) } else { usize::MAX })
                        .collect();
                    let min = *costs.iter().min().unwrap_or(&0);
                    let guess = argmax(&scores, |m| st.valid(m)).unwrap_or(SHIFT);
                    let best = argmax(&scores, |m| costs[m] == min).unwrap_or(SHIFT);
                    t.update(&feats, best, guess);
                    t.tick();
                    let explore = epoch > 0 && costs[guess] > min && rng.unit() < 0.9;
                    st.apply(if explore || costs[guess] == min { guess } else { best });
                }
            }
        }
        Parser {
            weights: t.finish(),
            beam: 1,
        }
    }

    pub fn memory(&self) -> usize {
        self.weights.memory()
    }

    pub fn n_features(&self) -> usize {
        self.weights.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follows the zero-cost moves of the oracle: a projective tree comes out whole.
    fn oracle_parse(gold: &[u32]) -> Vec<u32> {
        let mut g = vec![NONE];
        g.extend(gold);
        let mut st = State::new(gold.len());
        while !st.done() {
            let m = (0..MOVES)
                .find(|&m| st.valid(m) && st.cost(m, &g) == 0)
                .expect("a zero-cost move");
            st.apply(m);
        }
        st.finish()
    }

    /// Sentences of (word, tag) with their trees, for the learners.
    fn examples() -> Vec<Example> {
        let data: [(&str, &[u32]); 4] = [
            ("Putin met Xi in Moscow .", &[2, 0, 2, 5, 2, 2]),
            ("Kyiv rejected the plan .", &[2, 0, 4, 2, 2]),
            ("the talks in Geneva ended .", &[2, 5, 4, 2, 0, 5]),
            ("Russia attacked Ukraine .", &[2, 0, 2, 2]),
        ];
        let tag = |w: &str| match w {
            "the" => 1,
            "in" => 2,
            "." => 3,
            "met" | "rejected" | "ended" | "attacked" => 4,
            _ => 5,
        };
        data.iter()
            .map(|(s, heads)| {
                let words: Vec<&str> = s.split(' ').collect();
                let tags: Vec<u16> = words.iter().map(|w| tag(w)).collect();
                Example {
                    lex: words.iter().map(|w| super::super::lexical::Lex::of(w)).collect(),
                    gold_tags: tags.clone(),
                    tags,
                    heads: heads.to_vec(),
                    labels: vec![0; heads.len()],
                }
            })
            .collect()
    }

    #[test]
    fn beam_training_learns_the_trees_and_beam_one_is_greedy() {
        let data = examples();
        for k in [1, 4] {
            let mut p = Parser::train(&data, 8, 7, 1, k);
            assert_eq!(p.beam(), k);
            for e in &data {
                let x = Input {
                    lex: &e.lex,
                    tags: &e.tags,
                };
                assert_eq!(p.parse(&x), e.heads, "beam {k}");
                // A beam of one follows the greedy parser's moves exactly.
                p.set_beam(1);
                let greedy = p.parse(&x);
                assert_eq!(p.parse_beam(&x, 1), greedy, "beam {k}");
                p.set_beam(k);
            }
        }
    }

    #[test]
    fn the_oracle_rebuilds_projective_trees() {
        // "Putin met Xi in Moscow ." and other shapes.
        for tree in [
            vec![0],
            vec![2, 0],
            vec![0, 1, 2, 3],
            vec![4, 4, 4, 0, 4],
            vec![2, 0, 4, 2, 4, 2],
            vec![2, 0, 2, 5, 2, 2],
        ] {
            assert_eq!(oracle_parse(&tree), tree);
        }
    }
}
