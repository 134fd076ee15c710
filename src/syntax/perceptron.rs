//! The averaged multiclass perceptron that the tagger, the parser and the
//! labeler share: hashed features (`u64` keys) in, one score per class out.
//!
//! `Trainer` learns with lazy averaging (Collins 2002; Daumé's trick of
//! accumulating `weight * time` only when a weight changes). `Weights` is the
//! compact form that ships in the model: only features with a non-zero
//! averaged weight, quantized to `i16`, in sparse rows, found through an
//! open-addressing table stored as it is used.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Mixes one more value into a feature key (FxHash's step; stable forever,
/// since the shipped model's keys depend on it).
#[inline]
pub fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// A feature key from a template number and its values.
#[inline]
pub fn key(template: u64, values: &[u64]) -> u64 {
    let mut h = mix(0x9e37_79b9_7f4a_7c15, template);
    for &v in values {
        h = mix(h, v);
    }
    h
}

/// FNV-1a over a string's bytes: the stable hash of a word or an affix.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    w: f32,
    total: f64,
    stamp: u32,
}

/// Training-time weights: per feature, how often it was updated and a sparse
/// row of (class, weight, running total).
pub struct Trainer {
    n_classes: usize,
    rows: FxHashMap<u64, (u32, Vec<Entry>)>,
    time: u32,
    /// Features updated fewer times than this are left out of `finish`.
    pub min_updates: u32,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Self {
        Trainer {
            n_classes,
            rows: FxHashMap::default(),
            time: 0,
            min_updates: 1,
        }
    }

    /// Fills `out` (one slot per class) with the current scores of `feats`.
    pub fn scores(&self, feats: &[u64], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.n_classes, 0.0);
        for f in feats {
            if let Some((_, row)) = self.rows.get(f) {
                for e in row {
                    out[e.class as usize] += e.w;
                }
            }
        }
    }

    /// Counts one more training instance (the clock of the averaging).
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// The perceptron update: `truth` up, `guess` down, on every feature.
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            let (updates, row) = self.rows.entry(f).or_default();
            *updates += 1;
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                Self::change(row, class, delta, self.time);
            }
        }
    }

    /// Adds `delta` to the weight of `class` on every feature (one side of a
    /// structured update).
    pub fn add(&mut self, feats: &[u64], class: usize, delta: f32) {
        for &f in feats {
            let (updates, row) = self.rows.entry(f).or_default();
            *updates += 1;
            Self::change(row, class, delta, self.time);
        }
    }

    fn change(row: &mut Vec<Entry>, class: usize, delta: f32, time: u32) {
        let pos = match row.iter().position(|e| e.class as usize == class) {
            Some(p) => p,
            None => {
                row.push(Entry {
                    class: class as u16,
                    w: 0.0,
                    total: 0.0,
                    stamp: time,
                });
                row.len() - 1
            }
        };
        let e = &mut row[pos];
        e.total += f64::from(e.w) * f64::from(time - e.stamp);
        e.stamp = time;
        e.w += delta;
    }

    /// The averaged weights, quantized; entries that round to zero are dropped.
    pub fn finish(&self) -> Weights {
        let time = f64::from(self.time.max(1));
        let mut keys: Vec<u64> = self
            .rows
            .iter()
            .filter(|(_, r)| r.0 >= self.min_updates)
            .map(|(k, _)| *k)
            .collect();
        keys.sort_unstable();
        let avg = |e: &Entry| (e.total + f64::from(e.w) * f64::from(self.time - e.stamp)) / time;
        let max = self
            .rows
            .values()
            .flat_map(|r| &r.1)
            .map(|e| avg(e).abs())
            .fold(0.0f64, f64::max)
            .max(1e-9);
        let scale = 32767.0 / max;
        let rows: Vec<(u64, Vec<(u8, i16)>)> = keys
            .into_iter()
            .map(|k| {
                let mut row: Vec<(u8, i16)> = self.rows[&k]
                    .1
                    .iter()
                    .map(|e| (e.class as u8, (avg(e) * scale).round() as i16))
                    .filter(|&(_, v)| v != 0)
                    .collect();
                row.sort_unstable();
                (k, row)
            })
            .filter(|(_, row)| !row.is_empty())
            .collect();
        Weights::build(self.n_classes, scale as f32, &rows)
    }
}

/// Shipped weights: an open-addressing table (load factor at most 1/2) whose
/// slots hold a feature's check bits and where its row of (class, weight)
/// entries lies. Stored as it is used, so loading builds nothing. With at
/// most four classes (the parser's moves) the row is kept in the slot itself
/// (`inline`), so that a lookup touches one cache line instead of two.
#[derive(Serialize, Deserialize)]
pub struct Weights {
    n_classes: u16,
    scale: f32,
    /// Per slot: key's high 32 bits << 32 | row length << 24 | row start; 0 = empty.
    slots: Vec<u64>,
    /// Per entry: class << 16 | weight as u16.
    entries: Vec<u32>,
    /// Inline form, two words a slot: key's high 32 bits | OCCUPIED, then
    /// four `i16` weights.
    inline: Vec<u64>,
    /// Which table this is in this process (what a `Memo` of its rows belongs to).
    #[serde(skip, default = "next_id")]
    id: u64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            n_classes: 0,
            scale: 0.0,
            slots: Vec::new(),
            entries: Vec::new(),
            inline: Vec::new(),
            id: next_id(),
        }
    }
}

/// Marks a used inline slot (the check bits are the key's high 32 bits).
const OCCUPIED: u64 = 1 << 63;
/// Classes a row can hold inline.
const INLINE: usize = 4;

impl Weights {
    fn build(n_classes: usize, scale: f32, rows: &[(u64, Vec<(u8, i16)>)]) -> Weights {
        let size = (rows.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        let mut w = Weights {
            n_classes: n_classes as u16,
            scale,
            id: next_id(),
            ..Weights::default()
        };
        if n_classes <= INLINE {
            w.inline = vec![0; size * 2];
            for (k, row) in rows {
                let mut i = (*k as u32 as usize) & mask;
                while w.inline[2 * i] != 0 {
                    i = (i + 1) & mask;
                }
                w.inline[2 * i] = (k >> 32) | OCCUPIED;
                w.inline[2 * i + 1] = row
                    .iter()
                    .fold(0u64, |acc, &(c, v)| acc | u64::from(v as u16) << (16 * c));
            }
            return w;
        }
        w.slots = vec![0; size];
        for (k, row) in rows {
            assert!(
                w.entries.len() < 1 << 24 && row.len() < 256,
                "model too large for the slot layout"
            );
            let mut i = (*k as u32 as usize) & mask;
            while w.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            w.slots[i] = (k >> 32) << 32 | (row.len() as u64) << 24 | w.entries.len() as u64;
            w.entries
                .extend(row.iter().map(|&(c, v)| u32::from(c) << 16 | u32::from(v as u16)));
        }
        w
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes as usize
    }

    /// How many features carry weights.
    pub fn len(&self) -> usize {
        self.slots.iter().filter(|&&s| s != 0).count() + self.inline.iter().step_by(2).filter(|&&s| s != 0).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes the loaded weights take in memory.
    pub fn memory(&self) -> usize {
        self.slots.len() * 8 + self.entries.len() * 4 + self.inline.len() * 8
    }

    /// The entries of slot value `s`.
    #[inline]
    fn entries_of(&self, s: u64) -> &[u32] {
        let (len, start) = ((s >> 24) as usize & 0xff, s as usize & 0xff_ffff);
        self.entries.get(start..start + len).unwrap_or(&[])
    }

    /// The row of `key`, probing from slot `i` whose value is `s`.
    #[inline]
    fn probe(&self, key: u64, mut i: usize, mut s: u64) -> &[u32] {
        let mask = self.slots.len().wrapping_sub(1);
        loop {
            if s == 0 {
                return &[];
            }
            if s >> 32 == key >> 32 {
                return self.entries_of(s);
            }
            i = (i + 1) & mask;
            s = self.slots.get(i).copied().unwrap_or(0);
        }
    }

    /// Fills `out` (one slot per class) with the scores of `feats`.
    ///
    /// The home slots of a batch of features are read first, in a loop of
    /// independent loads, so that their cache misses overlap; scoring a
    /// sentence is mostly waiting for memory otherwise.
    pub fn scores(&self, feats: &[u64], out: &mut Vec<i32>) {
        out.clear();
        out.resize(self.n_classes as usize, 0);
        if !self.inline.is_empty() {
            return self.scores_inline(feats, out);
        }
        let mask = self.slots.len().wrapping_sub(1);
        if self.slots.is_empty() {
            return;
        }
        for batch in feats.chunks(64) {
            let mut home = [0u64; 64];
            for (h, &f) in home.iter_mut().zip(batch) {
                *h = self.slots[(f as u32 as usize) & mask];
            }
            for (&s, &f) in home.iter().zip(batch) {
                for &e in self.probe(f, (f as u32 as usize) & mask, s) {
                    if let Some(slot) = out.get_mut((e >> 16) as usize) {
                        *slot += i32::from(e as u16 as i16);
                    }
                }
            }
        }
    }

    fn scores_inline(&self, feats: &[u64], out: &mut [i32]) {
        let mask = (self.inline.len() / 2).wrapping_sub(1);
        for batch in feats.chunks(64) {
            let mut home = [[0u64; 2]; 64];
            for (h, &f) in home.iter_mut().zip(batch) {
                let i = 2 * ((f as u32 as usize) & mask);
                *h = [self.inline[i], self.inline[i + 1]];
            }
            for (&[mut check, mut w], &f) in home.iter().zip(batch) {
                let mut i = (f as u32 as usize) & mask;
                while check != 0 && check != (f >> 32) | OCCUPIED {
                    i = (i + 1) & mask;
                    (check, w) = (self.inline[2 * i], self.inline[2 * i + 1]);
                }
                if check != 0 {
                    for (c, slot) in out.iter_mut().enumerate() {
                        *slot += i32::from((w >> (16 * c)) as u16 as i16);
                    }
                }
            }
        }
    }
}

impl Weights {
    /// `scores` for a table of at most four classes, through `memo`: features
    /// seen before in this sentence are read from it, the others from the
    /// table (their home slots first, in one loop of independent loads).
    pub fn scores_memo(&self, feats: &[u64], out: &mut [i32; 4], memo: &mut Memo) {
        *out = [0; 4];
        if self.inline.is_empty() {
            let mut v = Vec::new();
            self.scores(feats, &mut v);
            for (o, x) in out.iter_mut().zip(v) {
                *o = x;
            }
            return;
        }
        let mask = (self.inline.len() / 2).wrapping_sub(1);
        let mut missed = [0u64; 128];
        let mut home = [[0u64; 2]; 128];
        let mut n = 0;
        let add = |out: &mut [i32; 4], w: u64| {
            for (c, slot) in out.iter_mut().enumerate() {
                *slot += i32::from((w >> (16 * c)) as u16 as i16);
            }
        };
        for &f in feats {
            let m = (f >> 40) as usize & (MEMO - 1);
            if memo.keys[m] == f {
                add(out, memo.rows[m]);
            } else if n < missed.len() {
                missed[n] = f;
                let i = 2 * ((f as u32 as usize) & mask);
                home[n] = [self.inline[i], self.inline[i + 1]];
                n += 1;
            }
        }
        for (&[mut check, mut w], &f) in home[..n].iter().zip(&missed[..n]) {
            let mut i = (f as u32 as usize) & mask;
            while check != 0 && check != (f >> 32) | OCCUPIED {
                i = (i + 1) & mask;
                (check, w) = (self.inline[2 * i], self.inline[2 * i + 1]);
            }
            let w = if check == 0 { 0 } else { w };
            add(out, w);
            let m = (f >> 40) as usize & (MEMO - 1);
            memo.keys[m] = f;
            memo.rows[m] = w;
        }
    }
}

/// Slots of a `Memo`.
const MEMO: usize = 1 << 14;

/// The rows of the features one sentence has looked up, in a small
/// direct-mapped table that stays in the L1 cache: the configurations of a
/// beam (and successive configurations of one parse) share most of their
/// features, which then cost no trip to the large table.
pub struct Memo {
    /// The `Weights::id` the rows are from.
    owner: u64,
    keys: Vec<u64>,
    rows: Vec<u64>,
}

impl Default for Memo {
    fn default() -> Self {
        Memo {
            owner: 0,
            keys: vec![0; MEMO],
            rows: vec![0; MEMO],
        }
    }
}

impl Memo {
    /// Runs `f` with this thread's memo, emptied first if it holds another table's rows.
    pub fn with<R>(w: &Weights, f: impl FnOnce(&mut Memo) -> R) -> R {
        thread_local! {
            static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
        }
        MEMO.with(|m| {
            let mut m = m.borrow_mut();
            if m.owner != w.id {
                m.keys.fill(0);
                m.owner = w.id;
            }
            f(&mut m)
        })
    }
}

/// A number for each `Weights` made or loaded in this process.
fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The index of the highest score among the classes `allowed` admits
/// (ties go to the lower index, so results are deterministic).
pub fn argmax<T: PartialOrd + Copy>(scores: &[T], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|b| s > scores[b]) {
            best = Some(i);
        }
    }
    best
}

/// A small deterministic random number generator (SplitMix64) for shuffling
/// and exploration during training: the same seed gives the same model bytes.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_keeps_it_after_quantizing() {
        // Class = which feature is present; 3 classes are stored inline, 6 in sparse rows.
        for n in [3usize, 6] {
            // Keys are hashes: their high bits are the table's check bits.
            let data: Vec<(Vec<u64>, usize)> = (0..n).map(|c| (vec![key(1, &[c as u64]), key(2, &[])], c)).collect();
            let mut t = Trainer::new(n);
            let mut s = Vec::new();
            for _ in 0..5 {
                for (f, y) in &data {
                    t.scores(f, &mut s);
                    let g = argmax(&s, |_| true).unwrap();
                    t.update(f, *y, g);
                    t.tick();
                }
            }
            let w = t.finish();
            assert_eq!(w.inline.is_empty(), n > INLINE);
            assert_eq!(w.len(), n + 1);
            let mut q = Vec::new();
            for (f, y) in &data {
                w.scores(f, &mut q);
                assert_eq!(argmax(&q, |_| true), Some(*y), "{n} classes");
                if n <= INLINE {
                    // The memo gives the table's scores, the first time and again.
                    for _ in 0..2 {
                        let mut m = [0i32; 4];
                        Memo::with(&w, |memo| w.scores_memo(f, &mut m, memo));
                        assert_eq!(m[..n], q[..], "{n} classes");
                    }
                }
            }
            w.scores(&[key(3, &[])], &mut q);
            assert!(q.iter().all(|&x| x == 0), "an unknown feature scores nothing");
        }
    }

    #[test]
    fn argmax_respects_the_allowed_set_and_breaks_ties_low() {
        assert_eq!(argmax(&[3, 9, 9, 1], |_| true), Some(1));
        assert_eq!(argmax(&[3, 9, 9, 1], |i| i != 1 && i != 2), Some(0));
        assert_eq!(argmax(&[3, 9], |_| false), None);
    }

    #[test]
    fn rng_is_fixed_by_its_seed() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        assert_eq!(a.next_u64(), b.next_u64());
        // The FNV-1a test vector.
        assert_eq!(hash_str("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
