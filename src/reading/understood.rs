//! Understood subjects: a clause with no subject of its own (participle, gerund, relative,
//! second-verb, coordinated-infinitive and purpose clauses) gets its controller's slot written in
//! before its verb, so that "{S} <verb> {T}" patterns read it.

use super::*;

/// Whether a word ending an object can stand before a purpose "to V": a plain lower-case noun
/// (not an adjective or verb that takes the infinitive itself: "ready to", "agreed to").
pub(super) fn purpose_object(w: &str) -> bool {
    w.len() > 3
        && w.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && !w.ends_with("ed")
        && !w.ends_with("ing")
        && !w.ends_with("ly")
        && !matches!(
            w,
            "able"
                | "unable"
                | "ready"
                | "willing"
                | "unwilling"
                | "likely"
                | "unlikely"
                | "going"
                | "about"
                | "enough"
                | "want"
                | "wants"
                | "plan"
                | "plans"
                | "seek"
                | "seeks"
                | "hope"
                | "hopes"
                | "need"
                | "needs"
                | "aims"
                | "vows"
                | "time"
                | "chance"
                | "right"
                | "opportunity"
                | "ability"
                | "power"
                | "order"
                | "attempt"
                | "effort"
                | "efforts"
                | "move"
                | "decision"
                | "bid"
                | "refusal"
                | "ways"
                | "back"
                | "them"
                | "this"
                | "that"
                | "what"
                | "much"
                | "more"
                | "less"
                | "than"
                | "also"
                | "only"
                | "even"
                | "have"
                | "has"
                | "were"
                | "been"
                | "being"
                | "would"
                | "could"
                | "should"
                | "will"
        )
}

impl<'r> Extractor<'r> {
    /// Writes the understood subject of a subjectless clause before its verb:
    /// - a participle or gerund clause takes the subject of its main clause: "Trump spoke with
    ///   Putin before consulting Kyiv", "Russia struck Kyiv overnight, targeting the grid";
    /// - the second verb of "S V ... and V-ed T" takes S;
    /// - a relative "who"/"which" takes its antecedent, and after "S's N ..., which" the owner S
    ///   ("Trump's negotiations with Putin, which have sidelined Ukraine").
    ///
    /// Returns the second reading (which items were written in, the skeleton, its tokens), or
    /// `None` when no clause needs a subject.
    pub(super) fn understood_subjects(
        &self,
        sk: &[Sk],
        sk_tok: &[usize],
        slots: &[Vec<usize>],
        ments: &[Mention],
        modifier: &[bool],
        text: &str,
    ) -> Option<(Vec<bool>, Vec<Sk>, Vec<usize>)> {
        let cl = Clauses {
            sk,
            slots,
            ments,
            modifier,
            text,
            words: (0..sk.len())
                .map(|k| match sk.get(k) {
                    Some(Sk::Word(w)) => w.as_str(),
                    Some(Sk::Slot(_)) => "@",
                    None => "",
                })
                .collect(),
        };
        let (word, slot_at, plain) = (|k: usize| cl.word(k), |k: usize| cl.slot_at(k), |n: usize| cl.plain(n));
        let mut out: Vec<Sk> = Vec::with_capacity(sk.len() + 4);
        let mut out_tok: Vec<usize> = Vec::with_capacity(sk.len() + 4);
        let mut understood: Vec<bool> = Vec::with_capacity(sk.len() + 4);
        let mut last_gerund: Option<usize> = None;
        let mut last_infinitive: Option<usize> = None;
        // "For Russia, it is important to keep Trump from ...": Russia does the infinitives.
        let for_subject = (word(0) == "for" && word(2) == ",")
            .then(|| slot_at(1).filter(|&n| plain(n)))
            .flatten()
            .and_then(|n| {
                (3..sk.len().min(9))
                    .find(|&i| self.rules.lexicon.grammar.infinitive_adjectives.contains(word(i)))
                    .map(|i| (n, i))
            });
        for k in 0..sk.len() {
            let w = word(k);
            let prev = if k > 0 { word(k - 1) } else { "" };
            let insert = if self.gerunds.contains(w) {
                self.gerund_subject(&cl, k, last_gerund)
            } else if let Some(insert) = self.infinitive_subject(&cl, k, last_infinitive, for_subject) {
                insert
            } else {
                self.clause_subject(&cl, k)
            };
            if w.len() > 5 && w.ends_with("ing") {
                last_gerund = insert;
            }
            if prev == "to" && insert.is_some() {
                last_infinitive = insert;
            }
            if let Some(n) = insert {
                out.push(Sk::Slot(n));
                out_tok.push(sk_tok[k]);
                understood.push(true);
            }
            out.push(sk[k].clone());
            out_tok.push(sk_tok[k]);
            understood.push(false);
        }
        understood.contains(&true).then_some((understood, out, out_tok))
    }

    /// The subject of the clause that holds item `k`: the slot that opens it (after a fronted
    /// phrase and its comma, or a conjunction), not a possessor nor a speaker, with a verb
    /// between it and `k`. With `nearest`, the last such slot before `k` (the clause nearest to
    /// it) rather than the first.
    fn subject_before_in(&self, cl: &Clauses, k: usize, through_quotes: bool, nearest: bool) -> Option<usize> {
        let lex = &self.rules.lexicon;
        let (word, slot_at, plain) = (|k: usize| cl.word(k), |k: usize| cl.slot_at(k), |n: usize| cl.plain(n));
        let sk_words = &cl.words;
        let start = (0..k)
            .rev()
            .find(|&i| match word(i) {
                ";" | ":" | "—" => true,
                "\"" | "“" | "”" => !through_quotes,
                _ => false,
            })
            .map_or(0, |i| i + 1);
        let mut i = start;
        let mut found = None;
        while i + 2 < k {
            if let Some(n) = slot_at(i) {
                // A title before the slot is part of it: "Defense Secretary Pete Hegseth ruled".
                let title = (1..=4)
                    .find(|&l| i >= start + l && self.title_at(sk_words, i - l).is_some_and(|(_, len)| len == l))
                    .unwrap_or(0);
                // ... and so is the organization before the title: "Trump envoy Witkoff".
                let org = usize::from(title > 0 && i > start + title && slot_at(i - title - 1).is_some());
                let prev = if i > start + title + org {
                    word(i - title - org - 1)
                } else {
                    ""
                };
                let next = word(i + 1);
                let speaker = lex.attribution_verbs.iter().any(|v| v == next)
                    || (i + 2 < k && lex.attribution_verbs.iter().any(|v| v == word(i + 2)));
                let opens = matches!(
                    prev,
                    "" | ","
                        | "that"
                        | "but"
                        | "while"
                        | "when"
                        | "after"
                        | "before"
                        | "because"
                        | "since"
                        | "although"
                        | "though"
                        | "as"
                        | "if"
                        | "then"
                        | "now"
                        | "also"
                        | "meanwhile"
                        | "however"
                        | "yet"
                        | "instead"
                );
                let opens = opens || lex.attribution_verbs.iter().any(|v| v == prev);
                // "Trump envoy Steve Witkoff travelled": the header's slot is not the subject.
                let header = self
                    .title_at(sk_words, i + 1)
                    .is_some_and(|(_, len)| slot_at(i + 1 + len).is_some());
                if header {
                    i += 1;
                    continue;
                }
                if opens && !speaker && next != "'s" {
                    if !nearest {
                        return plain(n).then_some(n);
                    }
                    found = plain(n).then_some(n);
                }
            }
            i += 1;
        }
        found
    }

    /// The understood subject of a gerund at item `k`: after a comma or a conjunction, the
    /// clause's subject; after "and", the subject of the gerund before.
    fn gerund_subject(&self, cl: &Clauses, k: usize, last_gerund: Option<usize>) -> Option<usize> {
        let word = |k: usize| cl.word(k);
        let subject_before_in =
            |k: usize, through_quotes: bool, nearest: bool| self.subject_before_in(cl, k, through_quotes, nearest);
        let subject_before = |k: usize| subject_before_in(k, false, false);
        let prev = if k > 0 { word(k - 1) } else { "" };
        let prev2 = if k > 1 { word(k - 2) } else { "" };
        let mut insert = None;
        let opens = prev == ","
            || matches!(prev, "before" | "after" | "while" | "by" | "when" | "through" | "since")
            || (prev == "of"
                && matches!(
                    prev2,
                    "idea"
                        | "goal"
                        | "aim"
                        | "policy"
                        | "strategy"
                        | "prospect"
                        | "plan"
                        | "purpose"
                        | "task"
                        | "intention"
                        | "hope"
                        | "hopes"
                        | "way"
                        | "means"
                        | "possibility"
                        | "option"
                ))
            || (prev == "on"
                && matches!(
                    prev2,
                    "focus"
                        | "focuses"
                        | "focused"
                        | "focusing"
                        | "concentrate"
                        | "concentrated"
                        | "insist"
                        | "insists"
                        | "insisted"
                        | "insisting"
                ));
        if opens {
            insert = subject_before(k);
        } else if prev == "and" {
            // "attacking Kharkiv and threatening Ukraine": the subject of the gerund before.
            insert = last_gerund;
        }
        insert
    }

    /// The understood subject of an infinitive at item `k` ("in order to", "in an attempt to",
    /// coordinated infinitives, "for X, it is important to", control nouns, purpose clauses after
    /// travel or after an object); `None` when item `k` is no such infinitive.
    fn infinitive_subject(
        &self,
        cl: &Clauses,
        k: usize,
        last_infinitive: Option<usize>,
        for_subject: Option<(usize, usize)>,
    ) -> Option<Option<usize>> {
        let (modifier, slots, ments, text) = (cl.modifier, cl.slots, cl.ments, cl.text);
        let (word, slot_at, plain) = (|k: usize| cl.word(k), |k: usize| cl.slot_at(k), |n: usize| cl.plain(n));
        let subject_before_in =
            |k: usize, through_quotes: bool, nearest: bool| self.subject_before_in(cl, k, through_quotes, nearest);
        let subject_before = |k: usize| subject_before_in(k, false, false);
        let w = word(k);
        let prev = if k > 0 { word(k - 1) } else { "" };
        let prev2 = if k > 1 { word(k - 2) } else { "" };
        let insert;
        if prev == "to"
            && self.bases.contains(w)
            && k >= 3
            && matches!((word(k - 3), prev2), ("in", "order") | ("so", "as"))
        {
            // "Europe pulled Russia closer in order to weaken China": the clause's subject does it.
            insert = subject_before(k - 3);
        } else if prev == "to"
            && self.bases.contains(w)
            && k >= 4
            && word(k - 4) == "in"
            && matches!(word(k - 3), "an" | "a")
            && matches!(prev2, "attempt" | "effort" | "bid" | "move")
        {
            // "Washington slowed the sale in an attempt to increase pressure on Russia".
            insert = subject_before(k - 4);
        } else if prev == "to"
            && self.bases.contains(w)
            && k >= 3
            && matches!(
                prev2,
                "acting" | "moving" | "trying" | "seeking" | "working" | "stepping" | "rushing" | "scrambling"
            )
            && matches!(
                word(k - 3),
                "before" | "after" | "by" | "while" | "without" | "when" | ","
            )
        {
            // "... that they do not need Russia's consent before acting to protect Ukraine":
            // the subject of the nearest clause does it.
            insert = subject_before_in(k - 3, false, true);
        } else if prev == "to" && self.bases.contains(w) && last_infinitive.is_some() && {
            // "is to encourage Trump's initiatives, as well as to try to convince him": a
            // coordinated infinitive has the subject of the one before.
            let mut j = k - 1;
            while j >= 2 && word(j - 2) == "to" && self.rules.lexicon.grammar.catenative_verbs.contains(word(j - 1)) {
                j -= 2;
            }
            j >= 1
                && (word(j - 1) == "and" || (j >= 3 && [word(j - 3), word(j - 2), word(j - 1)] == ["as", "well", "as"]))
        } {
            insert = last_infinitive;
        } else if prev == "to" && self.bases.contains(w) && for_subject.is_some_and(|(_, ai)| k > ai) {
            insert = for_subject.map(|(n, _)| n);
        } else if prev == "to"
            && self.bases.contains(w)
            && k >= 5
            && matches!(prev2, "is" | "was" | "remains")
            && slot_at(k - 3).is_some_and(plain)
            && word(k - 4) == "of"
            && (self.rules.lexicon.grammar.control_nouns.contains(word(k - 5))
                || matches!(
                    word(k - 5),
                    "goal" | "aim" | "task" | "idea" | "strategy" | "purpose" | "objective"
                ))
        {
            // "the true plan of the Old World is to encourage ...": the owner does it.
            insert = slot_at(k - 3);
        } else if prev == "to"
            && self.bases.contains(w)
            && k >= 3
            && self.rules.lexicon.grammar.control_nouns.contains(prev2)
        {
            // "Russia's refusal to negotiate with Kyiv", "the U.S. decision to remove ...":
            // the owner of the noun does what follows.
            insert = (k.saturating_sub(6)..k - 2)
                .rev()
                .take_while(|&i| !matches!(word(i), "," | ";" | ":" | "—" | "\"" | "of" | "with" | "for"))
                .find(|&i| {
                    // "his ability to manipulate": a possessive pronoun owns the noun too.
                    slot_at(i).is_some_and(|n| {
                        plain(n)
                            || (i + 1 == k - 2
                                && !modifier[n]
                                && slots[n].iter().all(|&mi| possessive_pronoun(text, &ments[mi])))
                    }) && (word(i + 1) == "'s" || i + 1 == k - 2)
                        && !(i > 0
                            && self.rules.lexicon.grammar.object_markers.contains(word(i - 1))
                            && word(i + 1) != "'s")
                })
                .and_then(slot_at);
        } else if prev == "to"
            && self.bases.contains(w)
            && k >= 4
            && slot_at(k - 2).is_some()
            && matches!(word(k - 3), "to" | "in")
            && self.rules.lexicon.grammar.motion_verbs.contains(word(k - 4))
        {
            // "Witkoff travelled to Moscow to meet Putin": a purpose clause takes the subject.
            insert = subject_before(k);
        } else if prev == "to"
            && self.bases.contains(w)
            && k >= 4
            && purpose_object(word(k - 2))
            && !(k.saturating_sub(6)..k - 1).any(|i| {
                let x = word(i);
                x == "for"
                    || self
                        .rules
                        .lexicon
                        .grammar
                        .object_control_stems
                        .iter()
                        .any(|v| x.starts_with(v.as_str()))
            })
            && (k.saturating_sub(5)..k - 2).any(|i| {
                matches!(
                    word(i),
                    "the" | "a" | "an" | "its" | "their" | "his" | "her" | "these" | "those" | "'s"
                )
            })
        {
            // A purpose clause after an object: "Putin is abusing the ceasefire talks to attack
            // civilian infrastructure", "pull Russia out of China's grasp to weaken Beijing".
            insert = subject_before_in(k - 1, false, true);
        } else {
            return None;
        }
        Some(insert)
    }

    /// The understood subject of a past form at item `k`: after a participle apposition ("The
    /// delegation, led by Umerov, met"), after "and" ("... and forced Putin"), after a relative
    /// "who" / "which" (its antecedent, or the owner of "S's N ..., which").
    fn clause_subject(&self, cl: &Clauses, k: usize) -> Option<usize> {
        let (slots, ments) = (cl.slots, cl.ments);
        let (word, slot_at, plain) = (|k: usize| cl.word(k), |k: usize| cl.slot_at(k), |n: usize| cl.plain(n));
        let subject_before_in =
            |k: usize, through_quotes: bool, nearest: bool| self.subject_before_in(cl, k, through_quotes, nearest);
        let w = word(k);
        let prev = if k > 0 { word(k - 1) } else { "" };
        let prev2 = if k > 1 { word(k - 2) } else { "" };
        let mut insert = None;
        if prev == "," && k >= 5 && self.pasts.contains(w) {
            // "The Ukrainian delegation, led by Umerov, met the Russian side": the verb after
            // a participle apposition takes the slot the apposition follows.
            insert = (1..k - 3)
                .rev()
                .take(6)
                .find(|&j| word(j) == "," && word(j + 1).ends_with("ed") && word(j + 2) == "by")
                .and_then(|j| slot_at(j - 1))
                .filter(|&n| plain(n));
        } else if (prev == "and" || (k >= 2 && aux(prev) && word(k - 2) == "and")) && self.pasts.contains(w) && k >= 2 {
            // "... and forced Putin", "... and has forced Putin"; a quotation before "and" is
            // part of the clause ("called it a “grave moment” and urged Washington").
            insert = subject_before_in(if prev == "and" { k - 1 } else { k - 2 }, true, false);
        } else if matches!(prev, "who" | "which")
            && (prev2 == "," || (prev2 == "\"" && k >= 3 && word(k - 3) == ","))
            && (aux(w) || self.pasts.contains(w))
        {
            // The antecedent: "Putin, who ...", "Russia, which ...", or the owner of
            // "S's N ..., which" ("which" does not stand for a person).
            let antecedent = slot_at(k - 3).filter(|&n| {
                let person = slots[n].iter().any(|&mi| {
                    ments[mi].actor < self.rules.actors.len() && self.rules.actors[ments[mi].actor].kind == Kind::Person
                });
                plain(n) && slots[n].len() == 1 && (prev == "who") == person
            });
            if let Some(n) = antecedent {
                insert = Some(n);
            } else {
                insert = (k.saturating_sub(9)..k - 2)
                    .rev()
                    .take_while(|&i| !matches!(word(i), "," | ";" | ":" | "—" | "which" | "who" | "that"))
                    .find(|&i| word(i + 1) == "'s" && slot_at(i).is_some_and(plain))
                    .and_then(slot_at);
                // "which" for a whole clause: "Hegseth ruled out ..., which marked a major
                // concession to Russia" (the clause's subject did it).
                if insert.is_none() && prev == "which" && slot_at(k - 3).is_none() {
                    insert = subject_before_in(k, true, false);
                }
            }
        }
        insert
    }
}

/// A skeleton being searched for understood subjects.
struct Clauses<'a> {
    sk: &'a [Sk],
    slots: &'a [Vec<usize>],
    ments: &'a [Mention],
    modifier: &'a [bool],
    text: &'a str,
    /// The items as words, slots as "@".
    words: Vec<&'a str>,
}

impl<'a> Clauses<'a> {
    fn word(&self, k: usize) -> &'a str {
        match self.sk.get(k) {
            Some(Sk::Word(w)) => w.as_str(),
            Some(Sk::Slot(_)) => "@",
            None => "",
        }
    }

    fn slot_at(&self, k: usize) -> Option<usize> {
        match self.sk.get(k) {
            Some(Sk::Slot(n)) => Some(*n),
            _ => None,
        }
    }

    /// A slot that can be a subject: no modifier, no object or possessive pronoun.
    fn plain(&self, n: usize) -> bool {
        !self.modifier[n]
            && self.slots[n]
                .iter()
                .all(|&mi| !self.ments[mi].objective && !possessive_pronoun(self.text, &self.ments[mi]))
    }
}

/// An auxiliary before a verb.
fn aux(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "is"
            | "was"
            | "were"
            | "are"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "must"
            | "should"
            | "continues"
            | "continued"
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_skeletons as check;

    /// The understood stage: understood subjects are written in before their verb.
    #[test]
    fn reads() {
        check(
            "Russia struck Kyiv overnight, targeting the grid.",
            &["@0 struck @1 overnight , @0 targeting the grid ."],
        );
        check(
            "Trump spoke with Putin before consulting Kyiv.",
            &["@0 spoke with @1 before @0 consulting @2 ."],
        );
        check(
            "Witkoff travelled to Moscow to meet Putin.",
            &["@0 travelled to @1 to @0 meet @2 ."],
        );
        check(
            "Russia's refusal to negotiate with Kyiv angered Europe.",
            &["@0 's refusal to @0 negotiate with @1 angered @2 ."],
        );
        check(
            "Putin, who invaded Ukraine, met Trump.",
            &["@0 , who @0 invaded @1 , met @2 ."],
        );
    }
}
