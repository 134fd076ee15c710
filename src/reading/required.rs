//! Required literals: the strings a pattern's regex cannot match without, read from its syntax
//! tree, so that a pattern whose required strings are absent from a written reading is skipped
//! before its regex runs. Exact: a skipped pattern could not have matched.

use aho_corasick::AhoCorasick;
use regex_syntax::hir::{Hir, HirKind};

/// Every pattern's required literals, and one automaton that finds them all in a reading.
pub(super) struct Required {
    /// All distinct literals; `None` when no pattern requires any.
    finder: Option<AhoCorasick>,
    literals: usize,
    /// Per pattern: clauses, each a list of literal ids one of which must occur.
    clauses: Vec<Vec<Vec<usize>>>,
}

impl Required {
    /// The required literals of each regex, in order.
    pub(super) fn new<'a>(regexes: impl Iterator<Item = &'a str>) -> Required {
        let mut ids: rustc_hash::FxHashMap<Vec<u8>, usize> = Default::default();
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut clauses = Vec::new();
        for src in regexes {
            let own = regex_syntax::Parser::new()
                .parse(src)
                .map_or_else(|_| Vec::new(), |h| needed(&h));
            let own = own
                .into_iter()
                .map(|clause| {
                    clause
                        .into_iter()
                        .map(|lit| {
                            *ids.entry(lit.clone()).or_insert_with(|| {
                                literals.push(lit);
                                literals.len() - 1
                            })
                        })
                        .collect()
                })
                .collect();
            clauses.push(own);
        }
        let finder = (!literals.is_empty()).then(|| AhoCorasick::new(&literals).expect("literal automaton"));
        Required {
            finder,
            literals: literals.len(),
            clauses,
        }
    }

    /// Which literals occur in `hay` (indexed by literal id), into `present`.
    pub(super) fn scan(&self, hay: &str, present: &mut Vec<bool>) {
        present.clear();
        present.resize(self.literals, false);
        if let Some(f) = &self.finder {
            for m in f.find_overlapping_iter(hay) {
                present[m.pattern().as_usize()] = true;
            }
        }
    }

    /// Whether pattern `pi` can match a reading whose literals are `present`.
    pub(super) fn possible(&self, pi: usize, present: &[bool]) -> bool {
        self.clauses[pi].iter().all(|c| c.iter().any(|&l| present[l]))
    }
}

/// Clauses of literals a match of `h` must contain: in each clause, one of them at least.
fn needed(h: &Hir) -> Vec<Vec<Vec<u8>>> {
    match h.kind() {
        HirKind::Literal(l) => vec![vec![l.0.to_vec()]],
        HirKind::Capture(c) => needed(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => needed(&r.sub),
        HirKind::Concat(subs) => {
            let mut out = Vec::new();
            let mut run: Vec<u8> = Vec::new();
            for s in subs {
                if let HirKind::Literal(l) = s.kind() {
                    run.extend_from_slice(&l.0);
                    continue;
                }
                if !run.is_empty() {
                    out.push(vec![std::mem::take(&mut run)]);
                }
                out.extend(needed(s));
            }
            if !run.is_empty() {
                out.push(vec![run]);
            }
            out
        }
        HirKind::Alternation(alts) => {
            // One clause: from each alternative, the clause with the fewest options.
            let mut clause = Vec::new();
            for a in alts {
                let Some(best) = needed(a).into_iter().min_by_key(|c| c.len()) else {
                    return Vec::new();
                };
                clause.extend(best);
            }
            clause.sort();
            clause.dedup();
            vec![clause]
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn possible(re: &str, hay: &str) -> bool {
        let r = Required::new([re].into_iter());
        let mut present = Vec::new();
        r.scan(hay, &mut present);
        r.possible(0, &present)
    }

    #[test]
    fn skips_only_what_cannot_match() {
        let re = r"[@&](?P<S>\d+) (?:[^@ ][^ ]* ){0,3}?(?P<TR>(?:talks |met ))with [@&](?P<T>\d+) ";
        assert!(possible(re, "@0 held talks with @1 . "));
        assert!(!possible(re, "@0 held talks on @1 . "));
        assert!(!possible(re, "@0 spoke with @1 . "));
        assert!(possible(r"(?:a |b )?c ", "c "));
        assert!(possible(r"(?:a |b c )d ", "b c d "));
        assert!(!possible(r"(?:a |b c )d ", "c d "));
    }
}
