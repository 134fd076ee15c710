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

impl<'r> Extractor<'r> {
    /// Step 4 of a sentence: pronouns resolved against earlier mentions (this sentence by
    /// recency, then the two sentences before, subject first); "we" inside a quotation is its
    /// speaker's side; "they" right after a coordination stands for all of it.
    pub(super) fn pronouns(&self, ex: &Extraction, st: &Sentence, ments: &mut Vec<Mention>) {
        let Sentence {
            text, si, date, toks, ..
        } = *st;
        ments.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let covered = |ments: &[Mention], t: &Token| ments.iter().any(|m| t.start < m.end && t.end > m.start);
        for (ti, t) in toks.iter().enumerate() {
            // "We will keep supporting Ukraine," Starmer said: "we" in a quotation is the speaker's side.
            if matches!(t.lower.as_str(), "we" | "us" | "our") && !covered(ments, t) {
                if let Some(actor) = self.we_actor(ex, ments, t.start, date) {
                    ments.push(Mention {
                        start: t.start,
                        end: t.end,
                        actor,
                        plural: true,
                        pronoun: true,
                        objective: t.lower == "us",
                        modifier: false,
                        sentence: si,
                        how: How::Pronoun,
                    });
                }
                continue;
            }
            let Some(&(_, kind)) = PRONOUNS.iter().find(|(w, _)| *w == t.lower) else {
                continue;
            };
            if covered(ments, t) {
                continue;
            }
            if !refers(&self.rules.lexicon.grammar, st, ments, ti, kind) {
                continue;
            }
            let earlier = self.antecedent_candidates(ex, st, ments, ti);
            let found = self.pick_antecedent(ex, st, ments, &earlier, ti, kind);
            // "to the United States and NATO, forcing them": a plural pronoun right after a
            // coordination stands for all of it.
            if let Some(actors) = (kind == Pron::They)
                .then(|| coordination_before(text, ments, t))
                .flatten()
            {
                for actor in actors {
                    ments.push(Mention {
                        start: t.start,
                        end: t.end,
                        actor,
                        plural: true,
                        pronoun: true,
                        objective: matches!(t.lower.as_str(), "them" | "themselves"),
                        modifier: false,
                        sentence: si,
                        how: How::Pronoun,
                    });
                }
                continue;
            }
            if let Some(actor) = found {
                ments.push(Mention {
                    start: t.start,
                    end: t.end,
                    actor,
                    plural: kind == Pron::They,
                    pronoun: true,
                    objective: matches!(t.lower.as_str(), "him" | "them" | "himself" | "themselves" | "itself"),
                    modifier: false,
                    sentence: si,
                    how: How::Pronoun,
                });
            }
        }
    }

    /// The candidate antecedents of the pronoun at token `ti`, best first: this sentence by
    /// recency (the clause's subject first after a clause opening, the listener after a verb of
    /// telling), then each earlier sentence's subject before the rest of it by recency.
    fn antecedent_candidates<'m>(
        &self,
        ex: &'m Extraction,
        st: &Sentence,
        ments: &'m [Mention],
        ti: usize,
    ) -> Vec<&'m Mention> {
        let Sentence {
            text,
            si,
            s,
            toks,
            words,
            ..
        } = *st;
        let lex = &self.rules.lexicon;
        let t = &toks[ti];
        let tok_at = |off: usize| st.tok_at(off);
        let covered = |ments: &[Mention], t: &Token| ments.iter().any(|m| t.start < m.end && t.end > m.start);
        let mut earlier: Vec<&Mention> = ments.iter().filter(|m| m.end <= t.start).rev().collect();
        let opens_clause = ti == 0
            || self.rules.lexicon.grammar.clause_boundaries.contains(words[ti - 1])
            || matches!(words[ti - 1], "and" | "that" | "or" | "said" | "says" | "\"")
            || lex.attribution_verbs.iter().any(|v| *v == words[ti - 1])
            || matches!(
                words[ti - 1],
                "warned"
                    | "warns"
                    | "vowed"
                    | "vows"
                    | "promised"
                    | "pledged"
                    | "threatened"
                    | "hoped"
                    | "hopes"
                    | "expects"
                    | "expected"
                    | "fears"
                    | "feared"
                    | "signalled"
                    | "signaled"
                    | "signals"
            );
        // "China backed Russia's war through its support for ...": a possessive after a
        // preposition of means belongs to the clause's subject, not to the possessor before it.
        let means = matches!(t.lower.as_str(), "its" | "their")
            && ti > 0
            && matches!(words[ti - 1], "through" | "via" | "by" | "with" | "despite")
            && earlier.first().is_some_and(|m| m.is_possessor(text));
        if (self.rules.lexicon.grammar.subject_pronouns.contains(t.lower.as_str()) && opens_clause) || means {
            // The subject of the pronoun's clause, else of the sentence.
            let boundary = toks[..ti]
                .iter()
                .rposition(|b| self.rules.lexicon.grammar.clause_boundaries.contains(b.lower.as_str()))
                .map_or(s, |b| toks[b].end);
            // A possessor is not a clause's subject: "Ukraine's future is in NATO and they ...".
            let before = |m: &&Mention| m.end <= t.start && !m.modifier && !m.is_possessor(text);
            let subject = ments
                .iter()
                .filter(before)
                .filter(|m| m.start >= boundary)
                .min_by_key(|m| m.start)
                .or_else(|| ments.iter().filter(before).min_by_key(|m| m.start));
            if let Some(first) = subject {
                earlier.insert(0, first);
            }
            // "convincing the country's European partners that they do not need ...": after a
            // verb of telling, the that-clause's pronoun is the listener, not the teller.
            if ti > 0 && words[ti - 1] == "that" {
                let that = &toks[ti - 1];
                let listener = ments.iter().find(|m| {
                    m.end <= that.start
                        && !m.pronoun
                        && text.get(m.end..that.start).is_some_and(|g| g.trim().is_empty())
                        && tok_at(m.start).is_some_and(|mi| {
                            (mi.saturating_sub(4)..mi).any(|k| {
                                let w = words[k];
                                self.rules
                                    .lexicon
                                    .grammar
                                    .listener_stems
                                    .iter()
                                    .any(|p| w.starts_with(p.as_str()))
                            })
                        })
                });
                if let Some(l) = listener {
                    earlier.insert(0, l);
                }
            }
        }
        for back in 1..=2 {
            let Some(prev) = si.checked_sub(back) else { break };
            let mut in_prev: Vec<&Mention> = ex
                .mentions
                .iter()
                .rev()
                .skip_while(|m| m.sentence > prev)
                .take_while(|m| m.sentence == prev)
                .collect();
            in_prev.reverse();
            // That sentence's subject: its first mention that is not the object of a
            // preposition ("... annexation of Crimea by Russia, NATO ministers agreed").
            let subject = in_prev
                .iter()
                .position(|m| {
                    let w = word_before(text, m.start);
                    !self.rules.lexicon.grammar.object_markers.contains(w.as_str())
                        && !self.rules.lexicon.grammar.place_markers.contains(w.as_str())
                        && w != "by"
                })
                .unwrap_or(0);
            if let Some(first) = in_prev.get(subject) {
                earlier.push(first);
            }
            earlier.extend(
                in_prev
                    .iter()
                    .enumerate()
                    .rev()
                    .filter(|(i, _)| *i != subject)
                    .map(|(_, m)| m),
            );
        }
        // "undermine the peace process by integrating things into it": an object "it" after a
        // definite noun phrase that names no actor stands for that thing, not for an actor before it.
        let thing_barrier = (t.lower == "it" && !opens_clause)
            .then(|| {
                (1..ti).rev().find(|&k| {
                    words[k - 1] == "the"
                        && words[k].chars().all(|c| c.is_lowercase() || c == '-')
                        && text[toks[k].start..toks[k].end].starts_with(|c: char| c.is_lowercase())
                        && !covered(ments, &toks[k])
                })
            })
            .flatten()
            .map(|k| toks[k].start);
        if let Some(b) = thing_barrier {
            earlier.retain(|m| m.sentence == si && m.start > b);
        }
        earlier
    }

    /// The first candidate whose gender and number fit the pronoun at token `ti`, unless a person
    /// the rules do not know acts in between; "they" may stand for a state or organization.
    fn pick_antecedent(
        &self,
        ex: &Extraction,
        st: &Sentence,
        ments: &[Mention],
        earlier: &[&Mention],
        ti: usize,
        kind: Pron,
    ) -> Option<ActorRef> {
        let (text, t) = (st.text, &st.toks[ti]);
        let rules = self.rules;
        let found = earlier
            .iter()
            .find(|m| {
                let a = ex.actor(rules, m.actor);
                match kind {
                    Pron::Male => a.kind == Kind::Person && a.gender != Gender::Female,
                    Pron::Female => a.kind == Kind::Person && a.gender == Gender::Female,
                    Pron::It => a.kind != Kind::Person && !m.plural,
                    Pron::They => m.plural || a.kind == Kind::Group,
                }
            })
            // A person the rules do not know, acting between the candidate and "he"/"she",
            // is the likelier antecedent: "Zaluzhnyi tried to canvass support. In the room,
            // he was supported by Reznikov" is no word about Putin.
            .filter(|m| {
                !matches!(kind, Pron::Male | Pron::Female)
                    || !unknown_person_acts(&rules.lexicon.grammar, text, m.end, t.start, |a, b| {
                        ments.iter().chain(ex.mentions.iter()).any(|o| a < o.end && b > o.start)
                    })
            })
            .map(|m| m.actor)
            .or_else(|| {
                // "they" for a state or organization, as news often writes.
                (kind == Pron::They)
                    .then(|| {
                        earlier
                            .iter()
                            .find(|m| matches!(ex.actor(rules, m.actor).kind, Kind::State | Kind::Organization))
                    })
                    .flatten()
                    .map(|m| m.actor)
            });
        found
    }
}

/// Whether the pronoun at token `ti` refers at all: not the expletive "it" ("it is important
/// to"), not "their respective", not a possessive determiner right before a mention.
fn refers(g: &Grammar, st: &Sentence, ments: &[Mention], ti: usize, kind: Pron) -> bool {
    let Sentence { toks, words, .. } = *st;
    let t = &toks[ti];
    // "it is important to" is no mention; "it was ready to resume talks" is.
    let agent_adjective = words.get(ti + 2).is_some_and(|a| {
        matches!(
            *a,
            "ready"
                | "prepared"
                | "willing"
                | "unwilling"
                | "open"
                | "determined"
                | "committed"
                | "eager"
                | "reluctant"
                | "keen"
                | "unable"
                | "able"
        )
    });
    if kind == Pron::It
        && t.lower == "it"
        && !agent_adjective
        && words.get(ti + 1).is_some_and(|n| g.expletive_next.contains(n))
    {
        return false;
    }
    // "both parties agreed to brief their respective leaders": each its own, no one actor.
    if t.lower == "their" && words.get(ti + 1) == Some(&"respective") {
        return false;
    }
    // A possessive right before a mention is its determiner: "its European partners".
    let determiner = matches!(t.lower.as_str(), "its" | "their" | "his" | "her");
    if determiner
        && toks
            .get(ti + 1)
            .is_some_and(|n| ments.iter().any(|m| m.start == n.start))
    {
        return false;
    }
    true
}

/// The actors of the coordination right before token `t` ("France, Germany and the United
/// Kingdom, forcing them"): two or more, at most six words before it.
fn coordination_before(text: &str, ments: &[Mention], t: &Token) -> Option<Vec<ActorRef>> {
    let mut before: Vec<&Mention> = ments.iter().filter(|m| m.end <= t.start && !m.pronoun).collect();
    before.sort_by_key(|m| m.start);
    // The whole list: "France, Germany and the United Kingdom".
    let link = |a: &Mention, b: &Mention| -> Option<bool> {
        let between = text.get(a.end..b.start)?.trim();
        let between = between.strip_suffix("the").unwrap_or(between).trim();
        match between.trim_start_matches(',').trim() {
            "and" | "&" => Some(true),
            "" if between.starts_with(',') => Some(false),
            _ => None,
        }
    };
    let mut list: Vec<&Mention> = Vec::new();
    if let Some(&last) = before.last() {
        list.push(last);
        let mut and_seen = false;
        for &m in before.iter().rev().skip(1) {
            let Some(is_and) = link(m, list[list.len() - 1]) else {
                break;
            };
            // Only the last link of a list is "and".
            if and_seen && is_and {
                break;
            }
            and_seen |= is_and;
            list.push(m);
        }
        if !and_seen {
            list.truncate(1);
        }
    }
    if list.len() >= 2 {
        let m2 = list[0];
        let gap = text
            .get(m2.end..t.start)
            .map_or(usize::MAX, |g| g.split_whitespace().count());
        let mut actors: Vec<ActorRef> = list.iter().rev().map(|m| m.actor).collect();
        actors.dedup();
        if gap <= 6 && actors.len() >= 2 {
            return Some(actors);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_mentions as check;

    /// The coref stage: pronouns, "we" in a quotation and "both sides" stand for earlier mentions.
    #[test]
    fn reads() {
        check(
            "Putin met Trump in Alaska. He said it would take time.",
            &["Putin=vladimir_putin", "Trump=donald_trump", "He=vladimir_putin"],
        );
        check(
            "France, Germany and the United Kingdom backed Kyiv, and they pressed Russia.",
            &[
                "France=france",
                "Germany=germany",
                "United Kingdom=united_kingdom",
                "Kyiv=ukraine",
                "they=france",
                "Russia=russia",
            ],
        );
        check(
            "\"We will keep supporting Ukraine,\" Starmer said.",
            &["We=united_kingdom", "Ukraine=ukraine", "Starmer=keir_starmer"],
        );
        check(
            "Russia and Ukraine met in Istanbul. Both sides exchanged prisoners.",
            &[
                "Russia=russia",
                "Ukraine=ukraine",
                "Both sides=russia",
                "Both sides=ukraine",
            ],
        );
        check("It is important that Russia agreed.", &["Russia=russia"]);
    }
}
