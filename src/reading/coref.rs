//! Coreference: "we" inside a quotation, "both sides" for the pair a document names, and the
//! coordinated pairs ("Russia and Ukraine") that "both sides" stands for.

use super::*;

pub(super) const PRONOUNS: &[(&str, Pron)] = &[
    ("he", Pron::Male),
    ("him", Pron::Male),
    ("his", Pron::Male),
    ("himself", Pron::Male),
    ("she", Pron::Female),
    ("her", Pron::Female),
    ("herself", Pron::Female),
    ("it", Pron::It),
    ("its", Pron::It),
    ("itself", Pron::It),
    ("they", Pron::They),
    ("them", Pron::They),
    ("their", Pron::They),
    ("themselves", Pron::They),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pron {
    Male,
    Female,
    It,
    They,
}

/// Whether a mention is a possessive pronoun ("its", "his", "her", "their").
pub(super) fn possessive_pronoun(text: &str, m: &Mention) -> bool {
    m.pronoun
        && matches!(
            text[m.start..m.end].to_lowercase().as_str(),
            "its" | "his" | "her" | "their" | "our"
        )
}

impl<'r> Extractor<'r> {
    /// What "we" stands for inside the quotation around `pos`: the state or organization its
    /// speaker leads or speaks for (a person who speaks for a person speaks for that person's
    /// state), or the speaker itself when that is a state or organization.
    pub(super) fn we_actor(&self, ex: &Extraction, ments: &[Mention], pos: usize, date: Option<&str>) -> Option<usize> {
        let k = ex.quotes.partition_point(|&(o, _, _)| o < pos).checked_sub(1)?;
        let (open, close, who) = ex.quotes[k];
        if pos >= close {
            return None;
        }
        let speaker = match who {
            QuoteSpeaker::Actor(a) => a,
            // The speaker of the sentence before ("According to Lavrov, ... " "...," the diplomat
            // stressed), else the person named last.
            QuoteSpeaker::Anaphor => match ex
                .relations
                .iter()
                .rev()
                .take(40)
                .find(|r| r.start < open && r.said_by.is_some())
                .filter(|r| ex.sentences.get(r.sentence).is_some_and(|&(_, e, _)| e + 2 >= open))
                .and_then(|r| r.said_by)
                .filter(|&a| a < self.rules.actors.len())
            {
                Some(a) => a,
                None => {
                    ex.mentions
                        .iter()
                        .rev()
                        .take(200)
                        .chain(ments.iter().filter(|m| m.end <= open && m.end + 2000 >= open))
                        .filter(|m| m.end <= open && m.actor < self.rules.actors.len())
                        .filter(|m| self.rules.actors[m.actor].kind == Kind::Person)
                        .max_by_key(|m| m.end)?
                        .actor
                }
            },
            QuoteSpeaker::Unknown => return None,
        };
        let side = |p: usize| -> Option<usize> {
            let roles = &self.rules.actors[p].roles;
            roles
                .iter()
                .filter(|r| r.active_on(date))
                .max_by_key(|r| r.relation == "leads")
                .map(|r| r.of)
        };
        match self.rules.actors[speaker].kind {
            Kind::Person => {
                let of = side(speaker)?;
                if self.rules.actors[of].kind == Kind::Person {
                    side(of)
                } else {
                    Some(of)
                }
            }
            _ => Some(speaker),
        }
    }

    /// Step 4b of `sentence`: a mention of each member of the pair "both sides" stands for.
    pub(super) fn both_sides(
        &self,
        ex: &Extraction,
        text: &str,
        si: usize,
        toks: &[Token],
        words: &[&str],
        ments: &mut Vec<Mention>,
    ) {
        let mut k = 0;
        while k < toks.len() {
            let len = match (words[k], words.get(k + 1), words.get(k + 2)) {
                ("both", Some(&("sides" | "parties" | "countries" | "nations" | "delegations" | "governments")), _) => {
                    2
                }
                (
                    "the",
                    Some(&("two" | "warring")),
                    Some(&("sides" | "parties" | "countries" | "nations" | "delegations" | "governments")),
                ) => 3,
                // "press the sides to come up with a deal" (not "the parties": political parties).
                ("the", Some(&"sides"), _) => 2,
                _ => 0,
            };
            if len == 0
                || ments
                    .iter()
                    .any(|m| toks[k].start < m.end && toks[k + len - 1].end > m.start)
            {
                k += 1;
                continue;
            }
            let (start, end) = (toks[k].start, toks[k + len - 1].end);
            let mut here: Vec<&Mention> = ments.iter().collect();
            here.sort_by_key(|m| m.start);
            // The pair nearest "both sides" in this sentence; else the latest one before it.
            // The latest pair before: of the two sentences before, else the pair the document names
            // most often (the latest of equals). Both come from the running log, so a document with
            // many "both sides" stays linear.
            let pair = self
                .joined_pairs(ex, text, &here)
                .into_iter()
                .min_by_key(|(at, _)| at.abs_diff(start))
                .map(|(_, p)| p)
                .or_else(|| {
                    let log = &ex.pairs;
                    let recent = log.last.filter(|(sentence, _)| sentence + 2 >= si).map(|(_, p)| p);
                    recent.or(log.most.map(|(_, p)| p))
                });
            if let Some(pair) = pair {
                for actor in pair {
                    ments.push(Mention {
                        start,
                        end,
                        actor,
                        plural: true,
                        pronoun: true,
                        objective: false,
                        modifier: false,
                        sentence: si,
                        how: How::Pronoun,
                    });
                }
            }
            k += len;
        }
    }

    /// A coordinated pair of two different states, organizations or groups in `list` (sorted by
    /// start): "Russia and Ukraine", "US-Russia", "between Moscow and Kyiv". `(start, pair)` each.
    pub(super) fn joined_pairs(&self, ex: &Extraction, text: &str, list: &[&Mention]) -> Vec<(usize, [ActorRef; 2])> {
        let rules = self.rules;
        list.windows(2)
            .filter_map(|w| {
                let (a, b) = (w[0], w[1]);
                let between = text.get(a.end..b.start)?.trim();
                let joined = matches!(between, "and" | "&" | "-" | "–" | "—");
                let states = [a, b].iter().all(|m| ex.actor(rules, m.actor).kind != Kind::Person);
                (joined && states && a.actor != b.actor && !a.pronoun && !b.pronoun)
                    .then_some((a.start, [a.actor, b.actor]))
            })
            .collect()
    }
}
