//! Running the examples that patterns carry: `examples` (sentences a pattern
//! must extract, with the expected edges) and `counter` (sentences it must
//! not extract anything from).
//!
//! Example syntax: `TEXT => source relation target[, source not relation target]`.
//! Pure: returns a report; `rules test` and `cargo test` print and assert it.

use crate::reading::{Extraction, Extractor};
use crate::rules::{Pattern, Relation, RuleSet, TreePattern};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub rule: String,
    pub location: String,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Report {
    /// Patterns whose examples all passed.
    pub passed: Vec<String>,
    pub failures: Vec<Failure>,
    /// Patterns without a positive or without a counter example.
    pub untested: Vec<String>,
}

type Edge = (String, String, String, bool);

fn parse_expected(spec: &str) -> Result<Vec<Edge>, String> {
    spec.split(',')
        .map(|e| {
            let w: Vec<&str> = e.split_whitespace().collect();
            match w.as_slice() {
                [s, r, t] => Ok((s.to_string(), r.to_string(), t.to_string(), false)),
                [s, "not", r, t] => Ok((s.to_string(), r.to_string(), t.to_string(), true)),
                _ => Err(format!(
                    "expected edge {:?}: write \"source relation target\" or \"source not relation target\"",
                    e.trim()
                )),
            }
        })
        .collect()
}

fn edges(ex: &Extraction, rules: &RuleSet, rule: Option<&str>) -> Vec<Edge> {
    ex.relations
        .iter()
        .filter(|r| rule.is_none_or(|x| r.rule == x))
        .map(|r| {
            let (s, t) = (
                ex.actor(rules, r.source).id.clone(),
                ex.actor(rules, r.target).id.clone(),
            );
            let sym = rules.relation(&r.relation).is_some_and(|x| x.symmetric);
            let (s, t) = if sym && t < s { (t, s) } else { (s, t) };
            (s, r.relation.clone(), t, r.negated)
        })
        .collect()
}

fn show(edges: &[Edge]) -> String {
    if edges.is_empty() {
        return "nothing".into();
    }
    edges
        .iter()
        .map(|(s, r, t, n)| {
            if *n {
                format!("{s} not {r} {t}")
            } else {
                format!("{s} {r} {t}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a pattern of either kind (surface or tree) carries to be checked.
pub struct Examples<'a> {
    pub rule: &'a str,
    pub location: &'a str,
    pub examples: &'a [String],
    pub counter: &'a [String],
}

impl<'a> Examples<'a> {
    pub fn of_pattern(p: &'a Pattern) -> Self {
        Examples {
            rule: &p.rule,
            location: &p.location,
            examples: &p.examples,
            counter: &p.counter,
        }
    }

    pub fn of_tree(p: &'a TreePattern) -> Self {
        Examples {
            rule: &p.rule,
            location: &p.location,
            examples: &p.examples,
            counter: &p.counter,
        }
    }
}

/// Checks one pattern's examples: the expected edges come out of the whole rule set,
/// and the pattern fires on them by itself; counter-examples: the pattern by itself finds nothing.
pub fn check_pattern(x: &Extractor, rel: &Relation, pat: &Examples) -> Vec<String> {
    let rules = x.rules;
    let alone = |x: &Extractor, text: &str| {
        let mut solo = Extractor::new(x.rules);
        solo.only_pattern = Some(pat.rule.to_string());
        solo.extract(text, None, true)
    };
    let mut problems = Vec::new();
    for example in pat.examples {
        let Some((text, spec)) = example.split_once("=>") else {
            problems.push(format!("example {example:?} has no \"=> source relation target\""));
            continue;
        };
        let expected = match parse_expected(spec) {
            Ok(e) => e,
            Err(m) => {
                problems.push(m);
                continue;
            }
        };
        let ex = x.extract(text.trim(), None, true);
        let got = edges(&ex, rules, None);
        let alone = alone(x, text.trim());
        let mine = edges(&alone, rules, Some(pat.rule));
        for e in &expected {
            let (s, t) = if rel.symmetric && e.2 < e.0 {
                (&e.2, &e.0)
            } else {
                (&e.0, &e.2)
            };
            let e = (s.clone(), e.1.clone(), t.clone(), e.3);
            if !got.contains(&e) {
                problems.push(format!(
                    "{:?}: expected {}, got {}",
                    text.trim(),
                    show(&[e]),
                    show(&got)
                ));
            }
        }
        if mine.is_empty() {
            problems.push(format!("{:?}: the pattern did not fire", text.trim()));
        }
    }
    for counter in pat.counter {
        let ex = alone(x, counter);
        let mine = edges(&ex, rules, Some(pat.rule));
        if !mine.is_empty() {
            problems.push(format!("counter-example {counter:?}: extracted {}", show(&mine)));
        }
    }
    problems
}

/// Runs every pattern's examples.
pub fn run(rules: &RuleSet) -> Report {
    let x = Extractor::new(rules);
    let mut report = Report::default();
    let all = rules.relations.iter().flat_map(|rel| {
        let surface = rel.patterns.iter().map(Examples::of_pattern);
        surface
            .chain(rel.trees.iter().map(Examples::of_tree))
            .map(move |p| (rel, p))
    });
    for (rel, pat) in all {
        let problems = check_pattern(&x, rel, &pat);
        if pat.examples.is_empty() || pat.counter.is_empty() {
            report.untested.push(pat.rule.to_string());
        }
        if problems.is_empty() {
            report.passed.push(pat.rule.to_string());
        }
        for message in problems {
            report.failures.push(Failure {
                rule: pat.rule.to_string(),
                location: pat.location.to_string(),
                message,
            });
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_expected_edges() {
        assert_eq!(
            parse_expected(" russia rejects ukraine, nato not supports ukraine"),
            Ok(vec![
                ("russia".into(), "rejects".into(), "ukraine".into(), false),
                ("nato".into(), "supports".into(), "ukraine".into(), true)
            ])
        );
        assert!(parse_expected("russia ukraine").is_err());
    }
}
