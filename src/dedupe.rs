//! Duplicate documents: exact copies (same sha256) and near copies (MinHash
//! over word shingles), found in input order so that the first of a group is
//! the one kept.
//!
//! News corpora carry syndicated copies of one article under other ids and
//! with other boilerplate; counted twice, their evidence doubles edge weights.
//! A document's fingerprint is its sha256 and a MinHash signature of its set of
//! word 5-shingles (lowercased words). Two documents are near
//! duplicates when the signatures agree on at least `NEAR_THRESHOLD` of their
//! positions, an estimate of the Jaccard similarity of the shingle sets
//! (standard error 0.05 at 0.8 with 64 positions). Candidates come from
//! locality-sensitive hashing: the signature in 16 bands of 4 positions, and
//! documents sharing a band are compared (a pair at similarity 0.8 shares one
//! with probability 0.9998, at 0.5 with 0.64). Each band remembers only the
//! first document that had it: memory is about 600 bytes a document. Everything
//! is seeded by constants, so the result is the same on every run and machine,
//! and it is decided in input order, so it does not depend on `-j`.
//!
//! Measured on ../shared/corpus/ukraine (88 documents): the 15 `uk_*.txt` and
//! one pair inside `ukraine_web.jsonl` are copies at 0.95 to 0.999 (exact
//! Jaccard); the next most similar pair is at 0.33.
//!
//! Hand-written rather than a crate: the MinHash crates on crates.io are
//! 0.0.x / 0.1.x single-release projects, and the method is a few lines.

use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;
/// Signature positions (hash functions).
pub const SIGNATURE_LEN: usize = 64;
const BANDS: usize = 16;
const ROWS: usize = SIGNATURE_LEN / BANDS;
/// The share of equal signature positions (estimated Jaccard similarity of
/// the word 5-shingle sets) from which two documents are near duplicates.
pub const NEAR_THRESHOLD: f64 = 0.8;

/// A MinHash signature; empty for a document with no words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(Vec<u32>);

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The hash family: h_i(x) = (a_i * x + b_i) mod 2^32 with a_i odd, over a shingle's 32-bit
/// hash; 32-bit arithmetic in two flat arrays, so that the 64 functions run as vector operations.
struct Family {
    a: [u32; SIGNATURE_LEN],
    b: [u32; SIGNATURE_LEN],
}

fn family() -> &'static Family {
    static FAMILY: std::sync::OnceLock<Family> = std::sync::OnceLock::new();
    FAMILY.get_or_init(|| {
        let mut state = 0x6163_746f_7267_7261; // "actorgra"
        Family {
            a: std::array::from_fn(|_| (splitmix64(&mut state) as u32) | 1),
            b: std::array::from_fn(|_| splitmix64(&mut state) as u32),
        }
    })
}

impl Signature {
    /// The signature of `text`'s word 5-shingles (the whole text as one shingle when shorter).
    /// A word is a run of ASCII letters and digits and non-ASCII bytes, ASCII lowercased (one
    /// pass over the bytes: this runs on every document).
    pub fn of(text: &str) -> Signature {
        let mut words: Vec<u64> = Vec::new();
        let mut h: u64 = 0;
        let mut in_word = false;
        for &byte in text.as_bytes().iter().chain(std::iter::once(&b' ')) {
            if byte.is_ascii_alphanumeric() || byte >= 0x80 {
                h = (h.rotate_left(5) ^ u64::from(byte.to_ascii_lowercase())).wrapping_mul(0x517c_c1b7_2722_0a95);
                in_word = true;
            } else if in_word {
                words.push(h);
                h = 0;
                in_word = false;
            }
        }
        if words.is_empty() {
            return Signature(Vec::new());
        }
        let mut mins = [u32::MAX; SIGNATURE_LEN];
        let Family { a, b } = family();
        for shingle in words.windows(SHINGLE_WORDS.min(words.len())) {
            let mut x = 0u64;
            for w in shingle {
                x = splitmix64(&mut (x ^ w));
            }
            let x = (x >> 32) as u32 ^ x as u32;
            for i in 0..SIGNATURE_LEN {
                mins[i] = mins[i].min(a[i].wrapping_mul(x).wrapping_add(b[i]));
            }
        }
        Signature(mins.to_vec())
    }

    /// The share of equal positions: an estimate of the Jaccard similarity.
    pub fn similarity(&self, other: &Signature) -> f64 {
        if self.0.is_empty() || other.0.is_empty() {
            return 0.0;
        }
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / SIGNATURE_LEN as f64
    }

    /// One key per band (the band's number is hashed in).
    fn bands(&self) -> impl Iterator<Item = u64> + '_ {
        self.0.chunks(ROWS).enumerate().map(|(i, rows)| {
            let mut h = rustc_hash::FxHasher::default();
            (i, rows).hash(&mut h);
            h.finish()
        })
    }
}

/// What a document is a copy of.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// The id of the earlier document it copies.
    pub of: String,
    /// 1.0 for an exact copy (same sha256), else the estimated similarity.
    pub similarity: f64,
    pub exact: bool,
}

/// The documents seen so far, in input order.
#[derive(Default)]
pub struct Detector {
    ids: Vec<String>,
    signatures: Vec<Signature>,
    by_sha: FxHashMap<String, usize>,
    /// Band key -> the first document with it.
    buckets: FxHashMap<u64, u32>,
}

impl Detector {
    pub fn new() -> Detector {
        Detector::default()
    }

    /// Remembers a document known only by its sha256 (one of a graph being
    /// updated): later exact copies of it are duplicates.
    pub fn remember_exact(&mut self, id: &str, sha256: &str) {
        self.by_sha.insert(sha256.to_string(), self.ids.len());
        self.ids.push(id.to_string());
        self.signatures.push(Signature(Vec::new()));
    }

    /// Checks a document against the earlier ones and remembers it unless it
    /// is a duplicate (a copy of a copy is reported as a copy of the first).
    pub fn check(&mut self, id: &str, sha256: &str, signature: Signature) -> Option<Duplicate> {
        if let Some(&i) = self.by_sha.get(sha256) {
            return Some(Duplicate {
                of: self.ids[i].clone(),
                similarity: 1.0,
                exact: true,
            });
        }
        let mut best: Option<(f64, usize)> = None;
        for band in signature.bands() {
            let Some(&i) = self.buckets.get(&band) else { continue };
            let i = i as usize;
            let s = signature.similarity(&self.signatures[i]);
            // The most similar; among equals, the earliest.
            if s >= NEAR_THRESHOLD && best.is_none_or(|(bs, bi)| s > bs || (s == bs && i < bi)) {
                best = Some((s, i));
            }
        }
        if let Some((similarity, i)) = best {
            return Some(Duplicate {
                of: self.ids[i].clone(),
                similarity,
                exact: false,
            });
        }
        let n = self.ids.len();
        self.by_sha.insert(sha256.to_string(), n);
        for band in signature.bands() {
            self.buckets.entry(band).or_insert(n as u32);
        }
        self.ids.push(id.to_string());
        self.signatures.push(signature);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "Russia attacked Ukraine on Monday, officials in Kyiv said, as talks in Geneva stalled \
                     over the question of security guarantees for the front line and the ports of the south.";

    #[test]
    fn exact_near_and_different() {
        let mut d = Detector::new();
        assert_eq!(d.check("a", "1", Signature::of(A)), None);
        let exact = d.check("b", "1", Signature::of(A)).expect("exact");
        assert_eq!((exact.of.as_str(), exact.exact, exact.similarity), ("a", true, 1.0));
        // The same article with another byline and case: near.
        let copy = format!("By Staff Reporter. {}", A.to_uppercase());
        let near = d.check("c", "2", Signature::of(&copy)).expect("near");
        assert_eq!((near.of.as_str(), near.exact), ("a", false));
        assert!(
            near.similarity >= NEAR_THRESHOLD && near.similarity < 1.0,
            "{}",
            near.similarity
        );
        let other = "The European Union agreed a new aid package for Ukraine after a long summit in Brussels.";
        assert_eq!(d.check("d", "3", Signature::of(other)), None);
        assert_eq!(d.check("e", "4", Signature::of("")), None);
        assert_eq!(d.check("f", "5", Signature::of("")), None);
    }

    #[test]
    fn signatures_are_fixed() {
        // The same on every run and machine: a change here changes what --dedupe skips.
        let s = Signature::of("one two three four five six");
        assert_eq!(s.0.len(), SIGNATURE_LEN);
        assert_eq!(s, Signature::of("One, two; THREE four five six."));
        assert_eq!(Signature::of("a b").similarity(&Signature::of("a b")), 1.0);
    }
}
