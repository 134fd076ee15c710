//! Surface patterns: helpers of the matching of relation patterns over the skeleton.

use super::*;

/// The sides an actor stands on: the states and organizations a person serves, or the actor
/// itself. Members of one side do not negotiate or ally with each other.
pub(super) fn sides(ex: &Extraction, rules: &RuleSet, x: ActorRef) -> Vec<ActorRef> {
    let a = ex.actor(rules, x);
    let mut v: Vec<ActorRef> = a.roles.iter().map(|r| r.of).collect();
    if a.kind != Kind::Person {
        v.push(x);
    }
    v
}

/// Whether a pattern spells `word` right before its `{T}` ("in {T}", "(on|within) {T}").
pub(super) fn spells_before_target(source: &str, word: &str) -> bool {
    source.split("{T}").next().is_some_and(|before| {
        let before = before.trim_end().trim_end_matches('?');
        let last = match before.strip_suffix(')') {
            Some(b) => b.rfind('(').map_or(b, |o| &b[o + 1..]),
            None => before.rsplit(' ').next().unwrap_or(""),
        };
        last.split('|')
            .any(|alt| alt == word || alt.ends_with(&format!(" {word}")))
    })
}

/// Conflictual relations (and demands) that a person does not hold against the state or
/// organization they serve: "Macron said France should ..." is no demand on France.
const NOT_AGAINST_OWN: &[&str] = &[
    "opposes",
    "rejects",
    "attacks",
    "threatens",
    "excludes",
    "pressures",
    "demands",
];

/// A reading written out for the pattern regexes: each slot `@N` (a possessive pronoun `&N`),
/// each word as it is, each followed by a space.
pub(super) struct Written<'a> {
    pub(super) understood: &'a [bool],
    pub(super) sk: &'a [Sk],
    pub(super) sk_tok: &'a [usize],
    /// The items as words, slots as "@".
    pub(super) words: Vec<&'a str>,
    pub(super) skel: String,
    /// Byte offset of each item in `skel`.
    offsets: Vec<usize>,
    /// The sentence ends with a question mark.
    pub(super) question: bool,
}

impl<'a> Written<'a> {
    pub(super) fn new(st: &Sentence, ments: &[Mention], slots: &[Vec<usize>], reading: &'a Reading) -> Written<'a> {
        let (text, s, e) = (st.text, st.s, st.e);
        let sk = &reading.items;
        let sk_words: Vec<&str> = sk
            .iter()
            .map(|x| if let Sk::Word(w) = x { w.as_str() } else { "@" })
            .collect();
        let mut skel = String::new();
        let mut offsets = Vec::with_capacity(sk.len());
        for item in sk.iter() {
            offsets.push(skel.len());
            match item {
                Sk::Word(w) => skel.push_str(w),
                Sk::Slot(n) => {
                    // A possessive pronoun ("its", "their") is written `&N`: it can be a slot of
                    // a pattern ("its invasion of Ukraine") and a gap can pass over it
                    // ("threatened to halt their exports to Ukraine").
                    let possessive = slots[*n].iter().all(|&mi| possessive_pronoun(text, &ments[mi]));
                    skel.push(if possessive { '&' } else { '@' });
                    skel.push_str(&n.to_string());
                }
            }
            skel.push(' ');
        }
        Written {
            understood: &reading.understood,
            sk,
            sk_tok: &reading.toks,
            words: sk_words,
            skel,
            offsets,
            question: text[s..e].trim_end().ends_with('?'),
        }
    }

    /// The item that holds byte `off` of `skel`.
    pub(super) fn item_at(&self, off: usize) -> usize {
        self.offsets.partition_point(|&o| o <= off).saturating_sub(1)
    }
}

/// One match of a pattern on a written reading, with its trigger's and its whole span's first
/// and last items.
pub(super) struct Hit<'h> {
    pub(super) c: crate::rules::pattern::Captures<'h>,
    pub(super) whole: crate::rules::pattern::Match<'h>,
    pub(super) tr_first: usize,
    pub(super) tr_last: usize,
    pub(super) m_first: usize,
    pub(super) m_last: usize,
}

/// (source, target, source slot, target slot) of a match.
pub(super) type Pair = (ActorRef, ActorRef, usize, usize);

impl<'r> Extractor<'r> {
    /// Runs the relation patterns whose trigger words the reading holds (when it has two actors
    /// to relate) and adds what they find to `found`.
    pub(super) fn match_patterns(
        &self,
        ex: &Extraction,
        st: &Sentence,
        ments: &[Mention],
        slots: &[Vec<usize>],
        wr: &Written,
        found: &mut Vec<RelationInstance>,
    ) {
        if !(slots.len() >= 2 || slots.iter().any(|s| s.len() >= 2)) {
            return;
        }
        let said_by_slots = self.said_by_slots(wr, slots, ments);
        let (understood, sk_words) = (wr.understood, &wr.words);
        // Prefilter: a pattern runs only when a word of its trigger is in the sentence (in a
        // reading with understood subjects, after the first one: what comes before was read
        // the first time).
        let mut candidate = vec![false; self.pattern_count];
        for &i in &self.unfiltered {
            candidate[i] = true;
        }
        let first_new = understood.iter().position(|&u| u).unwrap_or(0);
        for w in &sk_words[first_new..] {
            for &i in self.trigger_index.get(*w).map_or(&[][..], |v| v.as_slice()) {
                candidate[i] = true;
            }
        }
        // ... and only when the literals its regex requires are in the reading.
        let mut present = Vec::new();
        self.required.scan(&wr.skel, &mut present);
        for (pi, (rel, pat)) in self.rules.patterns().enumerate() {
            if !candidate[pi]
                || !self.required.possible(pi, &present)
                || self.only_pattern.as_ref().is_some_and(|o| *o != pat.rule)
            {
                continue;
            }
            self.pattern_matches(ex, st, ments, slots, wr, (rel, pat), &said_by_slots, found);
        }
    }

    /// Every match of one pattern on the reading that survives the checks of its trigger and
    /// its source, with its flags.
    #[allow(clippy::too_many_arguments)]
    fn pattern_matches(
        &self,
        ex: &Extraction,
        st: &Sentence,
        ments: &[Mention],
        slots: &[Vec<usize>],
        wr: &Written,
        (rel, pat): (&Relation, &Pattern),
        said_by_slots: &[usize],
        found: &mut Vec<RelationInstance>,
    ) {
        let (skel, item_at) = (&wr.skel, |off: usize| wr.item_at(off));
        // Matches are tried from every start, not only after the previous match: a match
        // rejected below (a source that does not own its noun) must not hide a later one
        // that overlaps it. Each slot pair is read once per pattern.
        let mut at = 0;
        let mut seen_pairs: Vec<(usize, usize)> = Vec::new();
        while at <= skel.len() {
            let Some(c) = pat.compiled.regex.captures_at(skel, at) else {
                break;
            };
            let whole = c.get(0).expect("match");
            at = skel[whole.start()..]
                .char_indices()
                .nth(1)
                .map_or(skel.len() + 1, |(i, _)| whole.start() + i);
            let tr = c.name("TR").unwrap_or(whole);
            let (tr_first, tr_last) = (item_at(tr.start()), item_at(tr.end().saturating_sub(2)));
            let (m_first, m_last) = (item_at(whole.start()), item_at(whole.end().saturating_sub(2)));
            let hit = Hit {
                c,
                whole,
                tr_first,
                tr_last,
                m_first,
                m_last,
            };
            if self.trigger_misread(wr, rel, pat, &hit) {
                continue;
            }
            let pairs = if pat.compiled.pair {
                self.group_pairs(ex, ments, slots, wr, rel, &hit)
            } else {
                self.source_target_pairs(st, ments, slots, wr, pat, &hit, &mut seen_pairs)
            };
            let Some(pairs) = pairs else { continue };
            let Some(flags) = self.flags(wr, pat, &hit) else {
                continue;
            };
            let reading = (ments, slots, wr, said_by_slots);
            self.push_relations(ex, st, reading, (rel, pat), &hit, pairs, flags, found);
        }
    }

    /// Whether the trigger is misread: a passive, a noun, a hostile act inside the thing acted
    /// on, a reason given for the act, a place as the target, a verb of saying in the gaps.
    fn trigger_misread(&self, wr: &Written, rel: &Relation, pat: &Pattern, hit: &Hit) -> bool {
        let lex = &self.rules.lexicon;
        let sk_words = &wr.words;
        let item_at = |off: usize| wr.item_at(off);
        let c = &hit.c;
        let (tr_first, tr_last, m_first, m_last) = (hit.tr_first, hit.tr_last, hit.m_first, hit.m_last);
        // A participle after an auxiliary is passive: only patterns written for it read it.
        // Without "by", too, unless an adjective's preposition follows ("is opposed to"):
        // "55,000 Ukrainian troops have been killed since ..." is no act of theirs.
        if !pat.rule.contains("passive")
            && tr_first > 0
            && self
                .rules
                .lexicon
                .grammar
                .passive_auxiliaries
                .contains(sk_words[tr_first - 1])
            && (sk_words.get(tr_last + 1) == Some(&"by")
                || (self.pasts.contains(sk_words[tr_first])
                    && !matches!(sk_words.get(tr_last + 1), Some(&("to" | "with" | "against" | "about")))))
        {
            return true;
        }
        // A verb right after a determiner or a preposition is a noun: "prerequisites for
        // talks with Moscow", "the attacks on Kyiv" (nominal patterns cover those).
        // A gerund after a preposition stays a verb: "instrumental in supporting Kyiv".
        if pat.source.contains('<')
            && tr_first > 0
            && (self.rules.lexicon.grammar.determiners.contains(sk_words[tr_first - 1])
                || (self
                    .rules
                    .lexicon
                    .grammar
                    .noun_prepositions
                    .contains(sk_words[tr_first - 1])
                    && !sk_words[tr_first].ends_with("ing")))
        {
            return true;
        }
        // The target of a hostile act inside the thing acted on is that act's target, not
        // the thing's owner: "rejected the idea of an invasion targeting Kyiv" says nothing
        // against Kyiv.
        if let Some(tg) = c.name("T") {
            let ti = item_at(tg.start());
            if rel.id != "attacks"
                && rel.id != "threatens"
                && ti > tr_last + 1
                && sk_words[tr_last + 1..ti]
                    .iter()
                    .any(|w| self.hostile_gerunds.contains(*w))
            {
                return true;
            }
        }
        // A target inside a reason given for the act is not its target: "rejected the
        // proposal as favoring Russian interests" rejects the proposal's owner, not Russia.
        if let Some(tg) = c.name("T") {
            let ti = item_at(tg.start());
            if pat.source.contains('<')
                && ti > tr_last + 2
                && sk_words[tr_last + 1..ti]
                    .windows(2)
                    .any(|w| w[0] == "as" && w[1].len() > 4 && w[1].ends_with("ing"))
            {
                return true;
            }
        }
        // A place is not a target ("a new security order in Europe"), unless the pattern says so.
        if let Some(tg) = c.name("T") {
            let ti = item_at(tg.start());
            if ti > 0
                && self.rules.lexicon.grammar.place_markers.contains(sk_words[ti - 1])
                && !spells_before_target(&pat.source, sk_words[ti - 1])
            {
                return true;
            }
        }
        // A speaker is never the source of what they report: no attribution verb in the gaps.
        let speaker_gap = (m_first..=m_last)
            .filter(|i| *i < tr_first || *i > tr_last)
            .any(|i| lex.attribution_verbs.iter().any(|v| v == sk_words[i]));
        if speaker_gap {
            return true;
        }
        false
    }

    /// The pairs of a pattern on a group (`{P}`): each two members of different sides, both ways
    /// for a one-way relation. `None` when the match reads no group.
    fn group_pairs(
        &self,
        ex: &Extraction,
        ments: &[Mention],
        slots: &[Vec<usize>],
        wr: &Written,
        rel: &Relation,
        hit: &Hit,
    ) -> Option<Vec<Pair>> {
        let rules = self.rules;
        let (understood, item_at) = (wr.understood, |off: usize| wr.item_at(off));
        let c = &hit.c;
        let slot = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<usize>().ok());
        let actor_of = |n: usize| actors_of(slots, ments, n);
        let mut pairs: Vec<Pair> = Vec::new();
        let ps = slot("P")?;
        // An understood subject is one side of its clause, not a group acting together.
        if c.name("P").is_some_and(|g| understood[item_at(g.start())]) {
            return None;
        }
        let members = actor_of(ps);
        // Members of one side do not negotiate or ally with each other: "Witkoff and
        // Kushner met Dmitriev", "Putin and his foreign minister".
        let orgs = |x: ActorRef| sides(ex, rules, x);
        // "delegations from Washington and the Kremlin, including Rubio and Lavrov": when
        // every person in the group serves a state of the group, states pair with states
        // and persons with persons.
        let person = |x: ActorRef| ex.actor(rules, x).kind == Kind::Person;
        let detailed = members.iter().any(|&x| !person(x))
            && members.iter().any(|&x| person(x))
            && members
                .iter()
                .filter(|&&x| person(x))
                .all(|&x| orgs(x).iter().any(|o| members.contains(o)));
        for a in 0..members.len() {
            for b in a + 1..members.len() {
                let (oa, ob) = (orgs(members[a]), orgs(members[b]));
                if oa.iter().any(|o| ob.contains(o)) || (detailed && person(members[a]) != person(members[b])) {
                    continue;
                }
                pairs.push((members[a], members[b], ps, ps));
                // "Russia and Ukraine exchanged strikes": a one-way relation of a
                // group holds both ways.
                if !rel.symmetric {
                    pairs.push((members[b], members[a], ps, ps));
                }
            }
        }
        Some(pairs)
    }

    /// The pairs of a pattern with a source and a target (or its implied target): `None` when
    /// the source is misread or the pair was read already by this pattern.
    #[allow(clippy::too_many_arguments)]
    fn source_target_pairs(
        &self,
        st: &Sentence,
        ments: &[Mention],
        slots: &[Vec<usize>],
        wr: &Written,
        pat: &Pattern,
        hit: &Hit,
        seen_pairs: &mut Vec<(usize, usize)>,
    ) -> Option<Vec<Pair>> {
        let (sk_words, item_at) = (&wr.words, |off: usize| wr.item_at(off));
        let c = &hit.c;
        let m_last = hit.m_last;
        let slot = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<usize>().ok());
        let actor_of = |n: usize| actors_of(slots, ments, n);
        let mut pairs: Vec<Pair> = Vec::new();
        // A pattern without {T} names its implied target, when the sentence mentions
        // it and the match is not followed by a target of its own ("Russia's invasion
        // of Georgia").
        let implied = || {
            let a = pat.implied_target?;
            let next = sk_words.get(m_last + 1).copied().unwrap_or("");
            let next2 = sk_words.get(m_last + 2).copied().unwrap_or("");
            let own_target = next == "@" || (matches!(next, "of" | "on" | "against" | "into") && !next2.is_empty());
            if own_target {
                return None;
            }
            let s_slot = slot("S");
            (0..slots.len()).find(|&n| Some(n) != s_slot && slots[n].iter().any(|&mi| ments[mi].actor == a))
        };
        let (Some(ss), Some(ts)) = (slot("S"), slot("T").or_else(implied)) else {
            return None;
        };
        // An object pronoun is no source, except as the subject of "for him to V".
        let s_at = c.name("S").map(|g| item_at(g.start()));
        let for_to = s_at.is_some_and(|i| i > 0 && sk_words[i - 1] == "for" && sk_words.get(i + 1) == Some(&"to"));
        if !for_to && slots[ss].iter().all(|&mi| ments[mi].objective) {
            return None;
        }
        if self.source_misread(st, ments, slots, wr, pat, hit, ss) {
            return None;
        }
        if seen_pairs.contains(&(ss, ts)) {
            return None;
        }
        seen_pairs.push((ss, ts));
        // An implied target is that actor alone, not the rest of its coordination.
        let only = if slot("T").is_none() { pat.implied_target } else { None };
        for a in actor_of(ss) {
            for b in actor_of(ts).into_iter().filter(|b| only.is_none_or(|o| o == *b)) {
                pairs.push((a, b, ss, ts));
            }
        }
        Some(pairs)
    }

    /// Whether the source `ss` of a match is misread: the object of a preposition, a place, a
    /// possessor or modifier of another subject, past a contrary verb, the object of an earlier
    /// verb; for a nominal pattern, no owner of the noun.
    #[allow(clippy::too_many_arguments)]
    fn source_misread(
        &self,
        st: &Sentence,
        ments: &[Mention],
        slots: &[Vec<usize>],
        wr: &Written,
        pat: &Pattern,
        hit: &Hit,
        ss: usize,
    ) -> bool {
        let rules = self.rules;
        let (sk_words, understood, item_at) = (&wr.words, wr.understood, |off: usize| wr.item_at(off));
        let (c, whole) = (&hit.c, hit.whole);
        let (tr_first, m_first) = (hit.tr_first, hit.m_first);
        // A source that opens the match must not be the object of a preposition
        // ("talks with Putin before consulting Kyiv") or half of an "X-Y" compound.
        // A possessor is not the subject of the verb after it ("Kyiv's goals and handed ..."),
        // unless an actor head follows ("Russia's army attacked").
        let verbal = pat.source.starts_with("{S} ~~");
        // A participle clause after a comma belongs to its clause's subject, which the
        // second reading writes in; the slot before the comma is often an object:
        // "to keep the Assad regime in power, thereby undermining Russia's position".
        let participle_after_comma = verbal
            && sk_words[tr_first].ends_with("ing")
            && tr_first >= 1
            && (sk_words[tr_first - 1] == ","
                || (tr_first >= 2
                    && sk_words[tr_first - 2] == ","
                    && matches!(sk_words[tr_first - 1], "thereby" | "thus" | "while" | "further")))
            && sk_words[m_first + 1..tr_first].contains(&",");
        if participle_after_comma {
            return true;
        }
        let possessor = sk_words.get(m_first + 1) == Some(&"'s")
            && !sk_words.get(m_first + 2).is_some_and(|w| {
                rules
                    .lexicon
                    .singular_heads
                    .iter()
                    .chain(&rules.lexicon.plural_heads)
                    .any(|h| h == w)
            })
            && sk_words[(m_first + 2).min(tr_first)..tr_first]
                .iter()
                .any(|w| self.rules.lexicon.grammar.possessed_subject_gap.contains(w));
        // A contrary verb between the source and the trigger turns the trigger around:
        // "the UN condemned the latest attacks", "Orban opposed sending weapons to Kyiv"
        // ("refused to negotiate" is a negation, read below).
        let s_item = c.name("S").map_or(m_first, |g| item_at(g.start()));
        let contrary = (s_item + 1..tr_first)
            .any(|i| self.contrary_verbs.contains(sk_words[i]) && sk_words.get(i + 1) != Some(&"to"));
        if verbal && contrary {
            return true;
        }
        if verbal && possessor && c.name("S").is_some_and(|g| g.start() == whole.start() + 1) {
            return true;
        }
        let relative = pat.source.contains("which") || pat.source.contains("who");
        let s_first = !relative && c.name("S").is_some_and(|g| g.start() == whole.start() + 1);
        // Look past a determiner: "to the United States and NATO, forcing them ...".
        let before = match m_first {
            0 => None,
            1 => Some(sk_words[0]),
            _ if matches!(sk_words[m_first - 1], "the" | "a" | "an") => Some(sk_words[m_first - 2]),
            _ => Some(sk_words[m_first - 1]),
        };
        if verbal
            && s_first
            && !understood[m_first]
            && before.is_some_and(|w| {
                // "pressured by Washington to wrap up a deal": an agent is no subject;
                // "easier for him to outsource": the subject of an infinitive is.
                (self.rules.lexicon.grammar.object_markers.contains(w)
                    && !(w == "for"
                        && sk_words.get(m_first + 1) == Some(&"to")
                        && m_first >= 2
                        && self
                            .rules
                            .lexicon
                            .grammar
                            .infinitive_adjectives
                            .contains(sk_words[m_first - 2])))
                    || self.rules.lexicon.grammar.place_markers.contains(w)
                    || (w == "by" && (pat.source.contains('<') || sk_words.get(m_first + 1) == Some(&"to")))
            })
        {
            return true;
        }
        // "in central Kyiv", "in war-torn Ukraine": a place after an adjective.
        if verbal
            && s_first
            && !understood[m_first]
            && m_first >= 2
            && self.rules.lexicon.grammar.place_markers.contains(sk_words[m_first - 2])
            && sk_words[m_first - 1].chars().all(|c| c.is_alphabetic() || c == '-')
            && !matches!(
                sk_words[m_first - 1],
                "which"
                    | "that"
                    | "who"
                    | "whom"
                    | "whose"
                    | "turn"
                    | "response"
                    | "return"
                    | "fact"
                    | "particular"
                    | "general"
                    | "addition"
                    | "part"
                    | "short"
                    | "contrast"
            )
            && !slots[ss].iter().all(|&mi| ments[mi].pronoun)
        {
            return true;
        }
        // "NATO membership ... has undermined": a modifier of a noun is not the subject.
        let modifies = sk_words
            .get(m_first + 1)
            .is_some_and(|w| rules.lexicon.possessed_heads.iter().any(|h| h == w));
        let pronoun_s = slots[ss].iter().all(|&mi| ments[mi].pronoun);
        if verbal && s_first && modifies && !pronoun_s {
            return true;
        }
        // A nominal pattern ("{S} ~3 war in {T}") reads S as the owner of the noun:
        // not across a preposition or a verb ("talks with Putin on the war in
        // Ukraine", "Russia's war of aggression against"), and not when S is itself
        // a place or an object ("stability in Europe and the war in Ukraine").
        let nominal = !verbal
            && !relative
            && ["{S} ~", "{S} 's", "{S} ('s)"]
                .iter()
                .any(|p| pat.source.starts_with(p))
            && !pat.source.contains('<');
        if nominal && s_first && self.nominal_owner_misread(st, ments, slots, wr, hit, ss, before) {
            return true;
        }
        // "destabilize Europe and undermine NATO": a source followed by "and" + the
        // verb is the object of an earlier verb, not the subject of this one.
        if verbal
            && s_first
            && tr_first == m_first + 2
            && matches!(sk_words.get(m_first + 1), Some(&"and") | Some(&"or"))
        {
            return true;
        }
        false
    }

    /// Whether a nominal pattern's source `ss` fails to own the noun: across a preposition or a
    /// contrary verb, or as a place or an object (`before`: the word before the match).
    #[allow(clippy::too_many_arguments)]
    fn nominal_owner_misread(
        &self,
        st: &Sentence,
        ments: &[Mention],
        slots: &[Vec<usize>],
        wr: &Written,
        hit: &Hit,
        ss: usize,
        before: Option<&str>,
    ) -> bool {
        let text = st.text;
        let (sk_words, item_at) = (&wr.words, |off: usize| wr.item_at(off));
        let c = &hit.c;
        let (tr_first, m_last) = (hit.tr_first, hit.m_last);
        let si_ = item_at(c.name("S").expect("S").start());
        // "Russia's war", and "the Russian invasion" (a demonym owns its noun too).
        // ... and so does a name right before the noun: "skeptical of U.S. support".
        let possessive = sk_words.get(si_ + 1) == Some(&"'s")
            || si_ + 1 == tr_first
            || slots[ss]
                .iter()
                .all(|&mi| matches!(ments[mi].how, How::Demonym(_)) || possessive_pronoun(text, &ments[mi]));
        let gap = &sk_words[(si_ + 1).min(tr_first)..tr_first];
        // ... nor across a verb that turns the noun around: "Orban has opposed
        // sanctions against Russia", "lifted its sanctions on Moscow".
        if gap
            .iter()
            .any(|w| self.rules.lexicon.grammar.nominal_gap_breakers.contains(w) || self.contrary_verbs.contains(*w))
        {
            return true;
        }
        // "{S} 's ~3 (support) for {T}" triggers on "'s": an actor or possessive
        // pronoun past a preposition owns the noun instead ("Russia's war through
        // its support for Iran").
        if sk_words.get(tr_first) == Some(&"'s") {
            let t_at = c.name("T").map_or(m_last, |t| item_at(t.start()));
            let pron = (si_ + 1..t_at).find(|&i| sk_words[i].starts_with(['@', '&']));
            if pron.is_some_and(|p| {
                sk_words[si_ + 1..p]
                    .iter()
                    .any(|w| self.rules.lexicon.grammar.nominal_gap_breakers.contains(w))
            }) {
                return true;
            }
        }
        if !possessive
            && before.is_some_and(|w| {
                self.rules.lexicon.grammar.object_markers.contains(w)
                    || self.rules.lexicon.grammar.place_markers.contains(w)
            })
        {
            return true;
        }
        false
    }

    /// Adds a relation instance per pair that is no relation of an actor to itself, to its own
    /// side or (for conflictual relations) between a person and the state they serve.
    #[allow(clippy::too_many_arguments)]
    fn push_relations(
        &self,
        ex: &Extraction,
        st: &Sentence,
        (ments, slots, wr, said_by_slots): (&[Mention], &[Vec<usize>], &Written, &[usize]),
        (rel, pat): (&Relation, &Pattern),
        hit: &Hit,
        pairs: Vec<Pair>,
        (why, negated, hedged): (Vec<String>, bool, bool),
        found: &mut Vec<RelationInstance>,
    ) {
        let rules = self.rules;
        let Sentence {
            text, si, s, e, toks, ..
        } = *st;
        let (sk, sk_tok) = (wr.sk, wr.sk_tok);
        let (tr_first, tr_last) = (hit.tr_first, hit.tr_last);
        let actor_of = |n: usize| actors_of(slots, ments, n);
        let item_start = |i: usize| toks[sk_tok[i]].start;
        let item_end = |i: usize| if i + 1 < sk.len() { item_start(i + 1) } else { e };
        let trigger = text[item_start(tr_first)..item_end(tr_last)]
            .trim_matches(|c: char| c.is_whitespace() || is_invisible(c))
            .to_string();
        for (a, b, ss, ts) in pairs {
            if !admissible(ex, rules, rel, a, b) {
                continue;
            }
            let said_by = said_by_slots
                .iter()
                .find(|&&sp| sp != ss && sp != ts && sp < slots.len() && actor_of(sp).len() == 1)
                .map(|&sp| actor_of(sp)[0]);
            found.push(RelationInstance {
                source: a,
                relation: rel.id.clone(),
                target: b,
                negated,
                hedged,
                said_by,
                sentence: si,
                start: s,
                end: e,
                rule: pat.rule.clone(),
                trigger: trigger.clone(),
                why: why.clone(),
                path: None,
            });
        }
    }
}

/// Whether a relation between two actors says something: not an actor with itself, not a
/// leader backing their own state ("Zelensky praised Ukrainian forces"), not two members of one
/// side negotiating ("Putin's envoy Dmitriev attends the talks with Putin").
pub(super) fn admissible(ex: &Extraction, rules: &RuleSet, rel: &Relation, a: ActorRef, b: ActorRef) -> bool {
    if a == b || ex.actor(rules, a).id == ex.actor(rules, b).id {
        return false;
    }
    let serves = |p: ActorRef, o: ActorRef| ex.actor(rules, p).roles.iter().any(|r| r.of == o);
    if rel.id == "supports" && serves(a, b) {
        return false;
    }
    if NOT_AGAINST_OWN.contains(&rel.id.as_str()) && (serves(a, b) || serves(b, a)) {
        return false;
    }
    !(rel.symmetric && sides(ex, rules, a).iter().any(|o| sides(ex, rules, b).contains(o)))
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_relations as check;

    /// The surface stage: surface patterns and the checks of their matches.
    #[test]
    fn reads() {
        check(
            "Russia's full-scale invasion of Ukraine began in 2022.",
            &["russia attacks ukraine"],
        );
        check("Guarantees from Europe are prerequisites for talks with Moscow.", &[]);
        check("Ukraine was attacked by Russia.", &["russia attacks ukraine"]);
        check(
            "Russia and Ukraine exchanged strikes.",
            &["russia attacks ukraine", "ukraine attacks russia"],
        );
        check("Orban opposed sanctions against Russia.", &[]);
    }
}
