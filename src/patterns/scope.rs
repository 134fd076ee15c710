//! Flags and attribution read from the tree: a negation, modal, hedging verb or
//! condition counts only where it governs the trigger, through the chain of
//! verbs that control it ("Trump declined to condemn Russia for pounding
//! Ukraine's grid" negates condemning, not pounding); `said_by` is the subject
//! of a verb of saying whose clause holds the trigger.
//!
//! Input: a tree and a trigger word; output: the cues found. Pure.

use super::args::Tree;
use crate::rules::SyntaxWords;

/// The flags of one trigger, with the cues that set them (for `explain`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cues {
    /// Governed by a verb that turns it around ("opposed sending weapons"): no edge.
    pub blocked: bool,
    pub negated: bool,
    pub hedged: bool,
    pub why: Vec<String>,
}

impl Cues {
    fn negation(&mut self, cue: String) {
        if !self.negated {
            self.negated = true;
            self.why.push(format!("negation: {cue}"));
        }
    }

    pub fn hedge(&mut self, kind: &str, cue: String) {
        if !self.hedged {
            self.hedged = true;
            self.why.push(format!("{kind}: {cue}"));
        }
    }
}

/// How many governing verbs are read above the trigger.
const MAX_CHAIN: usize = 5;

/// The trigger's flags: its own negators and modals, then those of each verb that governs it
/// through a to-infinitive ("refused to", "wants to") or a support verb ("did not launch an
/// attack"); a condition when one of them heads an "if" clause.
pub fn read(tree: &Tree, trigger: usize, words: &SyntaxWords, support_verb: impl Fn(usize) -> bool) -> Cues {
    let mut cues = Cues::default();
    let mut c = trigger;
    for _ in 0..MAX_CHAIN {
        own_cues(tree, c, words, &mut cues);
        let Some(h) = tree.head(c) else {
            break;
        };
        let governed = match tree.base(c) {
            "xcomp" | "ccomp" if words.blocking_verbs.contains(&tree.lemma(h)) => true,
            "xcomp" => true,
            "obj" => support_verb(h),
            // "demanded that Russia withdraw": wished, not done.
            "ccomp" => {
                if words.hedging_verbs.contains(&tree.lemma(h)) {
                    cues.hedge("hedge", format!("{} that", tree.words[h].form));
                }
                false
            }
            _ => false,
        };
        if !governed {
            break;
        }
        let lemma = tree.lemma(h);
        if words.blocking_verbs.contains(&lemma) {
            cues.blocked = true;
        } else if words.negating_verbs.contains(&lemma) {
            cues.negation(format!("{} to", tree.words[h].form));
        } else if words.hedging_verbs.contains(&lemma) && tree.base(c) == "xcomp" {
            cues.hedge("hedge", format!("{} to", tree.words[h].form));
        }
        c = h;
    }
    // "would not deploy troops" is a stated policy, "would meet" a prediction.
    if cues.negated && cues.why.iter().any(|w| w == "hedge: would") {
        cues.hedged = false;
        cues.why.retain(|w| w != "hedge: would");
    }
    cues
}

/// The negator that modifies word `h` ("not" in "has not confirmed"), if any.
pub fn negator_of(tree: &Tree, h: usize, words: &SyntaxWords) -> Option<usize> {
    tree.children(h).iter().copied().find(|&d| {
        matches!(tree.base(d), "advmod" | "neg")
            && (words.negators.contains(&tree.words[d].form.to_lowercase()) || words.negators.contains(&tree.lemma(d)))
    })
}

/// The cues on one word of the chain: "not", "no", a modal, or an "if" clause it heads.
fn own_cues(tree: &Tree, c: usize, words: &SyntaxWords, cues: &mut Cues) {
    for &d in tree.children(c) {
        let form = tree.words[d].form.to_lowercase();
        match tree.base(d) {
            "advmod" | "det" | "neg" if words.negators.contains(&form) || words.negators.contains(&tree.lemma(d)) => {
                cues.negation(form);
            }
            "aux" if words.modals.contains(&tree.lemma(d)) || words.modals.contains(&form) => {
                cues.hedge("hedge", form);
            }
            // "possible talks", "a potential deal".
            "amod" if words.hedging_verbs.contains(&tree.lemma(d)) => {
                cues.hedge("hedge", form);
            }
            "mark" if tree.base(c) == "advcl" && words.conditions.contains(&tree.lemma(d)) => {
                cues.hedge("condition", form);
            }
            _ => {}
        }
    }
}

/// The verb of saying whose clause holds `trigger` ("Russia will attack, he said"; "Lavrov said
/// that Russia rejects ..."), if any.
pub fn saying_verb(tree: &Tree, trigger: usize, saying: impl Fn(&str) -> bool) -> Option<usize> {
    let is_saying = |i: usize| saying(&tree.words[i].form.to_lowercase());
    let mut c = trigger;
    for _ in 0..8 {
        if let Some(p) = tree
            .children(c)
            .iter()
            .copied()
            .find(|&d| tree.base(d) == "parataxis" && is_saying(d))
        {
            return Some(p);
        }
        let h = tree.head(c)?;
        if matches!(tree.base(c), "ccomp" | "parataxis") && is_saying(h) {
            return Some(h);
        }
        c = h;
    }
    None
}

/// Whether the sentence leaves open whether the trigger's relation holds: "there was no
/// indication he met ...". The cues are phrases (`[flags] unknown`), read before the trigger.
pub fn unknown(tree: &Tree, trigger: usize, cues: &[String]) -> bool {
    let before: String = tree.words[..trigger]
        .iter()
        .map(|w| w.form.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    let before = format!(" {before} ");
    cues.iter().any(|c| before.contains(&format!(" {c} ")))
}
