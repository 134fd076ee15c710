//! Lemmatizer: the treebank's own (word, tag) -> lemma pairs where the
//! suffix rules would get them wrong, and suffix rules learned from the same
//! pairs (`-ies` -> `-y` for NNS, `-ed` -> `` for VBD ...) for every other word.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Longest word ending a rule looks at.
const MAX_SUFFIX: usize = 6;

/// A rule: words of this tag ending in `suffix` lose `strip` characters and
/// gain `append`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Rule {
    tag: u16,
    suffix: String,
    strip: u8,
    append: String,
}

#[derive(Default, Serialize, Deserialize)]
pub struct Lemmatizer {
    rules: Vec<Rule>,
    /// (lowercased word, tag, lemma) where the rules are wrong.
    exceptions: Vec<(String, u16, String)>,
    /// Tag classes whose lemmas keep the word's case (proper nouns).
    keep_case: Vec<bool>,
    /// Word ending -> (tag, rule) pairs.
    #[serde(skip)]
    rule_index: FxHashMap<String, Vec<(u16, usize)>>,
    /// Lowercased word -> (tag, exception) pairs.
    #[serde(skip)]
    exception_index: FxHashMap<String, Vec<(u16, usize)>>,
}

/// The edit that turns `form` into `lemma` (both lowercased): characters to
/// strip from the end and the string to append.
fn edit(form: &str, lemma: &str) -> (usize, String) {
    let common = form.chars().zip(lemma.chars()).take_while(|(a, b)| a == b).count();
    let strip = form.chars().count() - common;
    (strip, lemma.chars().skip(common).collect())
}

fn suffix(s: &str, n: usize) -> Option<&str> {
    let len = s.chars().count();
    if n > len {
        return None;
    }
    let at = s.char_indices().nth(len - n).map_or(s.len(), |c| c.0);
    Some(&s[at..])
}

impl Lemmatizer {
    /// Learns from (word, tag class, lemma) triples; `keep_case` per tag class.
    pub fn train(pairs: &[(String, u16, String)], keep_case: Vec<bool>) -> Self {
        // Distinct word types, so that frequent irregular words do not make rules.
        let mut types: BTreeMap<(String, u16), BTreeMap<String, usize>> = BTreeMap::new();
        for (form, tag, lemma) in pairs {
            *types
                .entry((form.to_lowercase(), *tag))
                .or_default()
                .entry(lemma.clone())
                .or_default() += 1;
        }
        let best = |m: &BTreeMap<String, usize>| -> String {
            m.iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|e| e.0.clone())
                .unwrap_or_default()
        };
        let mut counts: BTreeMap<(u16, String), BTreeMap<(usize, String), usize>> = BTreeMap::new();
        for ((form, tag), lemmas) in &types {
            let (strip, append) = edit(form, &best(lemmas).to_lowercase());
            for n in strip.max(1)..=MAX_SUFFIX {
                let Some(suf) = suffix(form, n) else { break };
                *counts
                    .entry((*tag, suf.to_string()))
                    .or_default()
                    .entry((strip, append.clone()))
                    .or_default() += 1;
            }
        }
        let mut rules = Vec::new();
        for ((tag, suf), edits) in counts {
            let total: usize = edits.values().sum();
            let (top, n) = edits
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .expect("an edit");
            if n * 2 > total && *n >= 2 {
                rules.push(Rule {
                    tag,
                    suffix: suf,
                    strip: top.0 as u8,
                    append: top.1.clone(),
                });
            }
        }
        let mut lm = Lemmatizer {
            rules,
            exceptions: Vec::new(),
            keep_case,
            ..Default::default()
        };
        lm.rebuild();
        for ((form, tag), lemmas) in &types {
            let want = best(lemmas);
            let got = lm.by_rule(form, *tag);
            let keep = lm.keep_case.get(*tag as usize).copied().unwrap_or(false);
            if if keep { got != want.to_lowercase() } else { got != want } {
                lm.exceptions.push((form.clone(), *tag, want));
            }
        }
        lm.rebuild();
        lm
    }

    /// Builds the lookup maps; called after loading.
    pub fn rebuild(&mut self) {
        self.rule_index.clear();
        for (i, r) in self.rules.iter().enumerate() {
            self.rule_index.entry(r.suffix.clone()).or_default().push((r.tag, i));
        }
        self.exception_index.clear();
        for (i, e) in self.exceptions.iter().enumerate() {
            self.exception_index.entry(e.0.clone()).or_default().push((e.1, i));
        }
    }

    fn by_rule(&self, lower: &str, tag: u16) -> String {
        for n in (1..=MAX_SUFFIX).rev() {
            let Some(suf) = suffix(lower, n) else { continue };
            let found = self.rule_index.get(suf).and_then(|v| v.iter().find(|x| x.0 == tag));
            if let Some(&(_, r)) = found {
                let r = &self.rules[r];
                let keep = lower.chars().count().saturating_sub(r.strip as usize);
                let mut out: String = lower.chars().take(keep).collect();
                out.push_str(&r.append);
                return out;
            }
        }
        lower.to_string()
    }

    /// The lemma of `form` tagged `tag`.
    pub fn lemma(&self, form: &str, tag: u16) -> String {
        let lower = super::lexical::normalize_quotes(&form.to_lowercase());
        let found = self
            .exception_index
            .get(&lower)
            .and_then(|v| v.iter().find(|x| x.0 == tag));
        let lemma = match found {
            Some(&(_, i)) => return self.exceptions[i].2.clone(),
            None => self.by_rule(&lower, tag),
        };
        if !self.keep_case.get(tag as usize).copied().unwrap_or(false) {
            return lemma;
        }
        // Proper nouns: the word's own letters where the lemma keeps them.
        let kept: String = form
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a.to_lowercase().eq([*b]))
            .map(|c| c.0)
            .collect();
        let rest: String = lemma.chars().skip(kept.chars().count()).collect();
        kept + &rest
    }

    pub fn memory(&self) -> usize {
        self.rules
            .iter()
            .map(|r| 40 + r.suffix.len() + r.append.len())
            .sum::<usize>()
            + self
                .exceptions
                .iter()
                .map(|e| 60 + e.0.len() + e.2.len())
                .sum::<usize>()
                * 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_rules_and_exceptions() {
        let mut pairs = Vec::new();
        for w in ["talk", "walk", "jump", "call", "push"] {
            pairs.push((format!("{w}ed"), 1, w.to_string()));
        }
        for w in ["city", "party", "country"] {
            pairs.push((format!("{}ies", &w[..w.len() - 1]), 2, w.to_string()));
        }
        pairs.push(("went".to_string(), 1, "go".to_string()));
        pairs.push(("Kyiv".to_string(), 3, "Kyiv".to_string()));
        pairs.push(("I".to_string(), 4, "I".to_string()));
        let lm = Lemmatizer::train(&pairs, vec![false, false, false, true, false]);
        assert_eq!(lm.lemma("warned", 1), "warn");
        assert_eq!(lm.lemma("Talked", 1), "talk");
        assert_eq!(lm.lemma("went", 1), "go");
        assert_eq!(lm.lemma("allies", 2), "ally");
        assert_eq!(lm.lemma("Kremlin", 3), "Kremlin");
        assert_eq!(lm.lemma("Europe", 0), "europe");
        assert_eq!(lm.lemma("I", 4), "I");
    }

    #[test]
    fn edits_are_the_differing_ends() {
        assert_eq!(edit("parties", "party"), (3, "y".to_string()));
        assert_eq!(edit("went", "go"), (4, "go".to_string()));
        assert_eq!(edit("talk", "talk"), (0, String::new()));
    }
}
