//! Attribution: the speakers a sentence names with a verb of saying ("Lavrov said", "according
//! to Lavrov", "..., said Lavrov"), who fill `said_by` of the relations they report.

use super::*;

impl<'r> Extractor<'r> {
    /// The slots of the reading that a verb of saying names as speakers, in the order of the
    /// lexicon's attribution regexes.
    pub(super) fn said_by_slots(&self, wr: &Written, slots: &[Vec<usize>], ments: &[Mention]) -> Vec<usize> {
        let skel = &wr.skel;
        let said_by_slots: Vec<usize> = self
            .attribution
            .iter()
            .flat_map(|(re, after_verb)| {
                // "the Kremlin has not confirmed the figures" names no speaker.
                re.captures_iter(skel)
                    .filter(|c| {
                        !c.get(2)
                            .is_some_and(|m| m.as_str().split(' ').any(|w| matches!(w, "not" | "never")))
                    })
                    .filter_map(|c| c.get(1)?.as_str().parse::<usize>().ok())
                    // "said it would not enforce ...": a pronoun after the verb opens the
                    // reported clause; only a name there is a speaker ("..., said Lavrov").
                    .filter(|&n| !after_verb || slots.get(n).is_some_and(|s| s.iter().any(|&mi| !ments[mi].pronoun)))
                    .collect::<Vec<_>>()
            })
            .collect();
        said_by_slots
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_relations as check;

    /// The attribution stage: verbs of saying name the speaker of what follows.
    #[test]
    fn reads() {
        check(
            "Russia attacked Ukraine, Lavrov said.",
            &["russia attacks ukraine <- sergei_lavrov"],
        );
        check(
            "According to Zelensky, Russia attacked Kyiv.",
            &["russia attacks ukraine <- volodymyr_zelensky"],
        );
        check(
            // Questioned, not denied (the tree stage reads "not confirmed that").
            "The Kremlin has not confirmed that Russia attacked Ukraine.",
            &["russia attacks ukraine hedged"],
        );
    }
}
