//! Unlabeled dependency parser: greedy arc-eager transitions (Nivre 2003)
//! scored by an averaged perceptron over Zhang & Nivre's (2011) rich
//! non-local features, trained with Goldberg & Nivre's (2012) dynamic oracle
//! so that it learns to recover from its own mistakes. `labeler` names the
//! arcs afterwards.

use super::lexical::{Lex, PAD, ROOT};
use super::perceptron::{argmax, key, Rng, Trainer, Weights};
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

/// A parser configuration: stack, buffer front, and the arcs so far.
struct State {
    stack: Vec<u32>,
    next: u32,
    n: u32,
    heads: Vec<u32>,
    /// Per word: leftmost two and rightmost two dependents.
    lefts: Vec<[u32; 2]>,
    rights: Vec<[u32; 2]>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    root_taken: bool,
}

impl State {
    fn new(n: usize) -> State {
        State {
            stack: vec![0],
            next: 1,
            n: n as u32,
            heads: vec![NONE; n + 1],
            lefts: vec![[NONE; 2]; n + 1],
            rights: vec![[NONE; 2]; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
            root_taken: false,
        }
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
            REDUCE => s != NONE && s != 0 && self.heads[s as usize] != NONE,
            LEFT => buffer && s != NONE && s != 0 && self.heads[s as usize] == NONE,
            _ => buffer && s != NONE && !(s == 0 && self.root_taken),
        }
    }

    fn arc(&mut self, h: u32, d: u32) {
        self.heads[d as usize] = h;
        let (hu, du) = (h as usize, d);
        if d < h {
            self.nl[hu] = self.nl[hu].saturating_add(1);
            let l = &mut self.lefts[hu];
            if l[0] == NONE || du < l[0] {
                l[1] = l[0];
                l[0] = du;
            } else if l[1] == NONE || du < l[1] {
                l[1] = du;
            }
        } else {
            self.nr[hu] = self.nr[hu].saturating_add(1);
            let r = &mut self.rights[hu];
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
        let unheaded = |k: u32| self.heads[k as usize] == NONE;
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
    fn finish(mut self) -> Vec<u32> {
        let mut top = self.rights[0][0];
        for d in 1..=self.n {
            if self.heads[d as usize] == NONE {
                if top == NONE {
                    self.heads[d as usize] = 0;
                    top = d;
                } else {
                    self.heads[d as usize] = top;
                }
            }
        }
        self.heads[1..].to_vec()
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
    let get = |v: &Vec<[u32; 2]>, i: u32, k: usize| if i == NONE { NONE } else { v[i as usize][k] };
    let head = |i: u32| {
        if i == NONE || i == 0 {
            NONE
        } else {
            st.heads[i as usize]
        }
    };
    let (s0h, s0l, s0r, n0l) = (
        head(s0),
        get(&st.lefts, s0, 0),
        get(&st.rights, s0, 0),
        get(&st.lefts, n0, 0),
    );
    let (s0h2, s0l2, s0r2, n0l2) = (
        head(s0h),
        get(&st.lefts, s0, 1),
        get(&st.rights, s0, 1),
        get(&st.lefts, n0, 1),
    );
    let (w, p) = (|i: u32| x.word(i), |i: u32| x.tag(i));
    let val = |v: &Vec<u8>, i: u32| if i == NONE { 99 } else { u64::from(v[i as usize]) };
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
    f(33, &[w(s0), val(&st.nr, s0)]);
    f(34, &[p(s0), val(&st.nr, s0)]);
    f(35, &[w(s0), val(&st.nl, s0)]);
    f(36, &[p(s0), val(&st.nl, s0)]);
    f(37, &[w(n0), val(&st.nl, n0)]);
    f(38, &[p(n0), val(&st.nl, n0)]);
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
            u64::from(st.heads.get(s0 as usize).is_some_and(|&h| h != NONE)),
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
}

impl Parser {
    /// The head of each word (1-based; 0 = root).
    pub fn parse(&self, x: &Input) -> Vec<u32> {
        let mut st = State::new(x.n());
        let commas = comma_counts(x);
        let (mut feats, mut scores) = (Vec::new(), Vec::new());
        while !st.done() {
            features(x, &commas, &st, &mut feats);
            self.weights.scores(&feats, &mut scores);
            let m = argmax(&scores, |m| st.valid(m)).unwrap_or(SHIFT);
            st.apply(m);
        }
        st.finish()
    }

    /// Trains on sentences of (input, gold heads), exploring the model's own
    /// wrong moves after the first epoch.
    pub fn train(data: &[Example], epochs: usize, seed: u64, prune: u32) -> Self {
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
        Parser { weights: t.finish() }
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
