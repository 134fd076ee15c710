//! Arc labeler: names each arc of a finished tree with a UD relation
//! (`nsubj`, `obl:agent`, `acl:relcl` ...) by an averaged perceptron that
//! sees the whole tree: both words, their tags, the function words attached
//! to each (the `by` of an agent, the `was` of a passive), the label of the
//! previous sibling and the grandparent.

use super::lexical::{Lex, PAD};
use super::perceptron::{argmax, key, Rng, Trainer, Weights};
use super::train::Example;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A tree to label: lexical views and tag classes per word, heads (1-based,
/// 0 = root), and per tag class whether it is a function-word class.
pub struct Tree<'a> {
    pub lex: &'a [Lex],
    pub tags: &'a [u16],
    pub heads: &'a [u32],
    pub function: &'a [bool],
}

#[derive(Default, Serialize, Deserialize)]
pub struct Labeler {
    /// Class number -> relation name; class 0 is `root`.
    pub labels: Vec<String>,
    weights: Weights,
    /// Per tag class: the one label its words (nearly) always take when not
    /// the root's (`punct` for punctuation), or `NOT_FIXED`.
    fixed: Vec<u16>,
}

const NO_LABEL: u64 = 0xffff;
const NOT_FIXED: u16 = u16::MAX;

/// Per tag class, the label its non-root words take in at least 99.5% of at
/// least 50 training cases.
fn fixed_labels(data: &[Example], n_tags: usize) -> Vec<u16> {
    let mut counts: Vec<BTreeMap<u16, u32>> = vec![BTreeMap::new(); n_tags];
    for e in data {
        for ((&t, &h), &l) in e.tags.iter().zip(&e.heads).zip(&e.labels) {
            if h != 0 {
                *counts[t as usize].entry(l).or_default() += 1;
            }
        }
    }
    counts
        .iter()
        .map(|c| {
            let total: u32 = c.values().sum();
            match c.iter().max_by_key(|(l, n)| (**n, std::cmp::Reverse(**l))) {
                Some((&l, &n)) if total >= 50 && n * 1000 >= total * 995 => l,
                _ => NOT_FIXED,
            }
        })
        .collect()
}

fn bucket(d: usize) -> u64 {
    match d {
        0..=3 => d as u64,
        4..=6 => 4,
        7..=10 => 5,
        _ => 6,
    }
}

/// The features of the arc into word `d` (0-based), given the labels so far.
fn features(t: &Tree, kids: &[Vec<usize>], labels: &[u16], d: usize, out: &mut Vec<u64>) {
    let h = t.heads[d] as usize - 1;
    let lex = |i: usize| t.lex.get(i).copied().unwrap_or(PAD);
    let tag = |i: usize| t.tags.get(i).map_or(0xfffe, |&x| u64::from(x));
    let (dw, dp, hw, hp) = (lex(d).norm, tag(d), lex(h).norm, tag(h));
    let dir = u64::from(h < d);
    let dist = bucket(d.abs_diff(h));
    out.clear();
    let mut f = |n: u64, v: &[u64]| out.push(key(n, v));
    f(0, &[]);
    f(1, &[dw]);
    f(2, &[dp]);
    f(3, &[hw]);
    f(4, &[hp]);
    f(5, &[dp, hp, dir]);
    f(6, &[dw, hp, dir]);
    f(7, &[dp, hw, dir]);
    f(8, &[dp, hp, dir, dist]);
    f(9, &[dw, hw]);
    f(18, &[dw, dir]);
    f(20, &[lex(d).suffix[2], hp, dir]);
    f(21, &[lex(h).suffix[2], dp, dir]);
    let prev = d.checked_sub(1).map_or(0xfffd, tag);
    f(14, &[prev, tag(d + 1), dp]);
    let gp = match t.heads[h] {
        0 => 0xfffc,
        g => tag(g as usize - 1),
    };
    f(15, &[gp, hp, dp]);
    f(16, &[bucket(kids[d].len()), dp]);
    for &c in &kids[d] {
        let side = u64::from(c < d);
        if t.function[t.tags[c] as usize] {
            f(10, &[lex(c).norm, side, dp]);
        }
        f(11, &[tag(c), side, dp]);
    }
    let mut sibling = NO_LABEL;
    for &c in &kids[h] {
        if c == d {
            continue;
        }
        if c < d {
            sibling = u64::from(labels[c]);
        }
        if t.function[t.tags[c] as usize] {
            f(12, &[lex(c).norm, u64::from(c < d), dp]);
        }
    }
    f(13, &[sibling, dp, dir]);
}

fn children(heads: &[u32]) -> Vec<Vec<usize>> {
    let mut kids = vec![Vec::new(); heads.len()];
    for (d, &h) in heads.iter().enumerate() {
        if h > 0 {
            kids[h as usize - 1].push(d);
        }
    }
    kids
}

impl Labeler {
    /// One label class per word (0 = `root` for the root's dependent).
    pub fn label(&self, t: &Tree) -> Vec<u16> {
        let kids = children(t.heads);
        let mut labels = vec![0u16; t.heads.len()];
        let (mut feats, mut scores) = (Vec::new(), Vec::new());
        for d in 0..t.heads.len() {
            if t.heads[d] == 0 {
                continue;
            }
            if let Some(&l) = self.fixed.get(t.tags[d] as usize).filter(|&&l| l != NOT_FIXED) {
                labels[d] = l;
                continue;
            }
            features(t, &kids, &labels, d, &mut feats);
            self.weights.scores(&feats, &mut scores);
            labels[d] = argmax(&scores, |c| c != 0).unwrap_or(1) as u16;
        }
        labels
    }

    /// Trains on gold trees: (lexical views, tags, heads, gold label classes).
    pub fn train(
        labels: Vec<String>,
        n_tags: usize,
        function: &[bool],
        data: &[Example],
        epochs: usize,
        seed: u64,
        prune: u32,
    ) -> Self {
        let mut tr = Trainer::new(labels.len());
        tr.min_updates = prune;
        let fixed = fixed_labels(data, n_tags);
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let (mut feats, mut scores) = (Vec::new(), Vec::new());
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &i in &order {
                let (heads, gold) = (&data[i].heads, &data[i].labels);
                let t = Tree {
                    lex: &data[i].lex,
                    tags: &data[i].tags,
                    heads,
                    function,
                };
                let kids = children(heads);
                let mut pred = vec![0u16; heads.len()];
                for d in 0..heads.len() {
                    if heads[d] == 0 {
                        continue;
                    }
                    if fixed[t.tags[d] as usize] != NOT_FIXED {
                        pred[d] = fixed[t.tags[d] as usize];
                        continue;
                    }
                    features(&t, &kids, &pred, d, &mut feats);
                    tr.scores(&feats, &mut scores);
                    let guess = argmax(&scores, |c| c != 0).unwrap_or(1);
                    tr.update(&feats, gold[d] as usize, guess);
                    tr.tick();
                    pred[d] = guess as u16;
                }
            }
        }
        Labeler {
            labels,
            weights: tr.finish(),
            fixed,
        }
    }

    pub fn memory(&self) -> usize {
        self.weights.memory()
    }

    pub fn n_features(&self) -> usize {
        self.weights.len()
    }
}
