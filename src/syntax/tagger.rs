//! Part-of-speech tagger: a greedy left-to-right averaged perceptron that
//! predicts the pair (UPOS, XPOS) as one class, from the word, its affixes
//! and shape, the words around it and the two tags before it.

use super::lexical::{Lex, PAD};
use super::perceptron::{argmax, key, Rng, Trainer, Weights};
use super::train::Example;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The tag before the first word.
const START: u64 = 0xffff;

#[derive(Default, Serialize, Deserialize)]
pub struct Tagger {
    /// Class number -> (UPOS, XPOS).
    pub tags: Vec<(String, String)>,
    weights: Weights,
    /// Per training word (its `Lex::norm`), sorted: a hash of the set of
    /// tags it was seen with (its ambiguity class), and its one tag if it is
    /// frequent and (nearly) never tagged otherwise, else `NOT_SURE`.
    dictionary: Vec<(u64, u64, u16)>,
    #[serde(skip)]
    index: FxHashMap<u64, (u64, u16)>,
}

const NOT_SURE: u16 = u16::MAX;

/// The ambiguity class of an unknown word.
const UNKNOWN: u64 = 3;

/// Words, the tags they were seen with, and the sure tag of frequent
/// unambiguous words ("the", ",", "of"), which skip the classifier.
fn ambiguity_classes(data: &[Example]) -> Vec<(u64, u64, u16)> {
    let mut seen: BTreeMap<u64, BTreeMap<u16, u32>> = BTreeMap::new();
    for e in data {
        for (l, &t) in e.lex.iter().zip(&e.gold_tags) {
            *seen.entry(l.norm).or_default().entry(t).or_default() += 1;
        }
    }
    seen.into_iter()
        .map(|(w, tags)| {
            let total: u32 = tags.values().sum();
            // Tags under 5% of a word's uses are noise in the class.
            let kept: Vec<u64> = tags
                .iter()
                .filter(|(_, &n)| n * 20 >= total)
                .map(|(&t, _)| u64::from(t))
                .collect();
            let (&top, &n) = tags
                .iter()
                .max_by_key(|(t, n)| (**n, std::cmp::Reverse(**t)))
                .expect("a tag");
            let sure = if total >= 20 && n * 1000 >= total * 995 {
                top
            } else {
                NOT_SURE
            };
            (w, key(999, &kept), sure)
        })
        .collect()
}

/// The features of word `i`, given the two tags predicted before it and the
/// ambiguity classes of the words.
fn features(lex: &[Lex], amb: &[u64], i: usize, t1: u64, t2: u64, out: &mut Vec<u64>) {
    let a = |d: isize| -> u64 {
        let j = i as isize + d;
        if j < 0 || j as usize >= amb.len() {
            1
        } else {
            amb[j as usize]
        }
    };
    let at = |d: isize| -> Lex {
        let j = i as isize + d;
        if j < 0 || j as usize >= lex.len() {
            PAD
        } else {
            lex[j as usize]
        }
    };
    let (w, p1, p2, n1, n2) = (at(0), at(-1), at(-2), at(1), at(2));
    let first = u64::from(i == 0);
    out.clear();
    let mut f = |t: u64, v: &[u64]| out.push(key(t, v));
    f(0, &[]);
    f(1, &[w.norm]);
    for (k, s) in w.suffix.iter().enumerate() {
        f(2 + k as u64, &[*s]);
    }
    for (k, s) in w.prefix.iter().enumerate() {
        f(6 + k as u64, &[*s]);
    }
    f(9, &[w.shape, first]);
    f(10, &[p1.norm]);
    f(11, &[p2.norm]);
    f(12, &[n1.norm]);
    f(13, &[n2.norm]);
    f(14, &[p1.suffix[2]]);
    f(15, &[n1.suffix[2]]);
    f(16, &[p1.shape]);
    f(17, &[n1.shape]);
    f(18, &[t1]);
    f(19, &[t2]);
    f(20, &[t1, t2]);
    f(21, &[t1, w.norm]);
    f(22, &[p1.norm, w.norm]);
    f(23, &[w.norm, n1.norm]);
    f(24, &[t1, w.suffix[2]]);
    f(25, &[t1, n1.norm]);
    f(26, &[w.suffix[1], n1.suffix[1]]);
    f(27, &[n2.suffix[2]]);
    f(28, &[a(0)]);
    f(29, &[a(1)]);
    f(30, &[a(2)]);
    f(31, &[a(-1)]);
    f(32, &[t1, a(0)]);
    f(33, &[a(0), a(1)]);
    f(34, &[a(0), w.suffix[2]]);
}

impl Tagger {
    /// Tags one sentence; returns a class number per word.
    pub fn tag(&self, lex: &[Lex]) -> Vec<u16> {
        self.tag_fixed(lex, &[])
    }

    /// Tags one sentence where some words' classes are already known (`fixed[i]`, e.g. the words
    /// of an actor's name); the others are tagged in their context.
    pub fn tag_fixed(&self, lex: &[Lex], fixed: &[Option<u16>]) -> Vec<u16> {
        let known: Vec<(u64, u16)> = lex
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let k = self.index.get(&l.norm).copied().unwrap_or((UNKNOWN, NOT_SURE));
                match fixed.get(i).copied().flatten() {
                    Some(t) => (k.0, t),
                    None => k,
                }
            })
            .collect();
        let amb: Vec<u64> = known.iter().map(|k| k.0).collect();
        let mut out = Vec::with_capacity(lex.len());
        let (mut feats, mut scores) = (Vec::new(), Vec::new());
        for i in 0..lex.len() {
            if known[i].1 != NOT_SURE {
                out.push(known[i].1);
                continue;
            }
            let t1 = out.last().map_or(START, |&t| u64::from(t));
            let t2 = if i >= 2 { u64::from(out[i - 2]) } else { START };
            features(lex, &amb, i, t1, t2, &mut feats);
            self.weights.scores(&feats, &mut scores);
            out.push(argmax(&scores, |_| true).unwrap_or(0) as u16);
        }
        out
    }

    /// Trains on sentences of (lexical views, gold class per word).
    pub fn train(tags: Vec<(String, String)>, data: &[Example], epochs: usize, seed: u64, prune: u32) -> Self {
        let mut t = Trainer::new(tags.len());
        t.min_updates = prune;
        let dictionary = ambiguity_classes(data);
        let index: FxHashMap<u64, (u64, u16)> = dictionary.iter().map(|d| (d.0, (d.1, d.2))).collect();
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let (mut feats, mut scores) = (Vec::new(), Vec::new());
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &s in &order {
                let (lex, gold) = (&data[s].lex, &data[s].gold_tags);
                // A word's own uses are in its class; leaving it out would fit unseen words better,
                // but words seen once are marked unknown in a fifth of the sentences instead.
                let amb: Vec<u64> = lex
                    .iter()
                    .map(|l| {
                        if rng.unit() < 0.2 {
                            UNKNOWN
                        } else {
                            index.get(&l.norm).map_or(UNKNOWN, |k| k.0)
                        }
                    })
                    .collect();
                let mut pred: Vec<u16> = Vec::with_capacity(lex.len());
                for i in 0..lex.len() {
                    let sure = index.get(&lex[i].norm).map_or(NOT_SURE, |k| k.1);
                    if sure != NOT_SURE {
                        pred.push(sure);
                        continue;
                    }
                    let t1 = pred.last().map_or(START, |&t| u64::from(t));
                    let t2 = if i >= 2 { u64::from(pred[i - 2]) } else { START };
                    features(lex, &amb, i, t1, t2, &mut feats);
                    t.scores(&feats, &mut scores);
                    let guess = argmax(&scores, |_| true).unwrap_or(0);
                    t.update(&feats, gold[i] as usize, guess);
                    t.tick();
                    pred.push(guess as u16);
                }
            }
        }
        Tagger {
            tags,
            weights: t.finish(),
            dictionary,
            index,
        }
    }

    /// Builds the dictionary's lookup map; called after loading.
    pub fn rebuild(&mut self) {
        self.index = self.dictionary.iter().map(|d| (d.0, (d.1, d.2))).collect();
    }

    pub fn memory(&self) -> usize {
        self.weights.memory() + self.dictionary.len() * 32
    }

    pub fn n_features(&self) -> usize {
        self.weights.len()
    }
}
