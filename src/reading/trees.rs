//! Tree patterns: the relations `crate::patterns` reads over the dependency parse of a sentence
//! that names two actors or more, and how they join what the surface patterns found.

use super::surface::admissible;
use super::*;

impl Extractor<'_> {
    /// Adds to `found` (what the surface stages read) the tree patterns' relations in the
    /// sentence, where they win for the same edge (`merge_tree_reading`).
    pub(super) fn add_tree_relations(
        &self,
        ex: &Extraction,
        st: &Sentence,
        ments: &[Mention],
        raw: &[(usize, usize, usize)],
        found: &mut Vec<RelationInstance>,
    ) {
        if self.trees.is_empty() {
            return;
        }
        let read = self.tree_relations(ex, st, ments, raw);
        merge_tree_reading(found, read, |r| self.rules.relation(r).is_some_and(|x| x.symmetric));
    }

    /// The relations the tree patterns read in a sentence that names two actors or more (its
    /// mentions, or a demonym hit among the raw alias hits) and holds a form of some trigger.
    fn tree_relations(
        &self,
        ex: &Extraction,
        st: &Sentence,
        ments: &[Mention],
        raw: &[(usize, usize, usize)],
    ) -> Vec<RelationInstance> {
        let rules = self.rules;
        let Sentence { text, si, s, e, .. } = *st;
        let demonyms: Vec<(usize, usize, ActorRef)> = raw
            .iter()
            .filter(|r| rules.aliases[r.2].kind == AliasKind::Demonym)
            .map(|&(a, b, ai)| (a, b, rules.aliases[ai].actor))
            .collect();
        let mut named: Vec<ActorRef> = ments
            .iter()
            .map(|m| m.actor)
            .chain(demonyms.iter().map(|d| d.2))
            .collect();
        named.sort_unstable();
        named.dedup();
        if named.len() < 2 {
            return Vec::new();
        }
        let spans: Vec<(usize, usize)> = ments
            .iter()
            .map(|m| (m.start.saturating_sub(s), m.end.saturating_sub(s)))
            .collect();
        if !self.trees.may_match(&text[s..e], &spans) {
            return Vec::new();
        }
        let Ok(model) = crate::syntax::model() else {
            return Vec::new();
        };
        let names = crate::patterns::name_spans(rules, ments, s);
        let tagged = crate::syntax::tag_with_names(model, &text[s..e], &names);
        if !self.trees.may_trigger(rules, &tagged.words) {
            return Vec::new();
        }
        let parse = tagged.parse(model);
        let actors = crate::patterns::Actors {
            mentions: ments,
            demonyms: &demonyms,
            base: s,
        };
        let mut out = Vec::new();
        for m in self.trees.run(rules, &parse, &actors) {
            let rel = &rules.relations[m.relation];
            let pat = &rel.trees[m.pattern];
            if self.only_pattern.as_ref().is_some_and(|o| *o != pat.rule) {
                continue;
            }
            for &(a, b) in &m.pairs {
                if !admissible(ex, rules, rel, a, b) {
                    continue;
                }
                out.push(RelationInstance {
                    source: a,
                    relation: rel.id.clone(),
                    target: b,
                    negated: m.negated,
                    hedged: m.hedged,
                    said_by: m.said_by,
                    sentence: si,
                    start: s,
                    end: e,
                    rule: pat.rule.clone(),
                    trigger: parse.words[m.trigger].form.to_string(),
                    why: m.why.clone(),
                    path: Some(m.path.clone()),
                });
            }
        }
        out
    }
}

/// Adds what the tree patterns read to what the surface patterns found: for the same (source,
/// relation, target) the tree's reading wins, since its flags come from the clause that governs
/// the trigger; a `said_by` only the surface reading found is kept.
pub(super) fn merge_tree_reading(
    found: &mut Vec<RelationInstance>,
    read: Vec<RelationInstance>,
    symmetric: impl Fn(&str) -> bool,
) {
    let key = |r: &RelationInstance| {
        if symmetric(&r.relation) && r.target < r.source {
            (r.target, r.relation.clone(), r.source)
        } else {
            (r.source, r.relation.clone(), r.target)
        }
    };
    for mut t in read {
        let k = key(&t);
        if let Some(p) = found.iter().position(|r| key(r) == k) {
            let surface = found.remove(p);
            t.said_by = t.said_by.or(surface.said_by);
            found.retain(|r| key(r) != k);
        }
        found.push(t);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::relations;
    use super::*;

    fn check(text: &str, expected: &[&str]) {
        assert_eq!(relations(text, true), expected, "{text}");
    }

    /// The tree stage reads across what the surface patterns' word gaps cannot, and its flags come
    /// from the clause that governs the trigger.
    #[test]
    fn reads_over_the_parse() {
        check(
            "Ukraine and several European governments have accused Beijing.",
            &[
                "europe opposes china (tree: trigger accused (VERB); source subject = Ukraine, governments; target object = Beijing)",
                "ukraine opposes china (tree: trigger accused (VERB); source subject = Ukraine, governments; target object = Beijing)",
            ],
        );
        check(
            "Trump declined to condemn Russia for pounding Ukraine's energy grid.",
            &[
                "donald_trump not opposes russia (negation: declined to; tree: trigger condemn (VERB); source subject = Trump; target object = Russia)",
                "russia attacks ukraine (tree: trigger pounding (VERB); source subject = Russia; target object | object > owner = grid, Ukraine)",
            ],
        );
        check(
            "Putin met on Wednesday with China's president, Xi Jinping.",
            &[
                "vladimir_putin negotiates xi_jinping (tree: trigger met (VERB); source subject = Putin; target with = president, Jinping)",
                "xi_jinping leads china",
            ],
        );
        // The apposition restates its head: the envoy is Witkoff, not the one whose envoy he is.
        check(
            "Steve Witkoff, Trump's special envoy, met Putin.",
            &[
                "steve_witkoff negotiates vladimir_putin (tree: trigger met (VERB); source subject = Steve, envoy; target object = Putin)",
                "steve_witkoff represents united_states",
            ],
        );
    }

    fn instance(source: usize, target: usize, said_by: Option<usize>, rule: &str) -> RelationInstance {
        RelationInstance {
            source,
            relation: "negotiates".into(),
            target,
            negated: false,
            hedged: false,
            said_by,
            sentence: 0,
            start: 0,
            end: 1,
            rule: rule.into(),
            trigger: "met".into(),
            why: Vec::new(),
            path: None,
        }
    }

    /// The tree's reading replaces the surface one for the same edge (either direction of a
    /// symmetric relation), keeping a speaker only the surface found; other edges stay.
    #[test]
    fn the_tree_reading_wins_for_the_same_edge() {
        let mut found = vec![instance(1, 2, Some(7), "surface"), instance(3, 4, None, "surface")];
        merge_tree_reading(&mut found, vec![instance(2, 1, None, "tree")], |_| true);
        let got: Vec<(usize, usize, Option<usize>, &str)> = found
            .iter()
            .map(|r| (r.source, r.target, r.said_by, r.rule.as_str()))
            .collect();
        assert_eq!(got, [(3, 4, None, "surface"), (2, 1, Some(7), "tree")]);
        let mut found = vec![instance(1, 2, None, "surface")];
        merge_tree_reading(&mut found, vec![instance(2, 1, None, "tree")], |_| false);
        assert_eq!(found.len(), 2, "not symmetric: two edges");
    }
}
