//! Role appositions: "Ukraine's defense minister, Mykhailo Fedorov", "Kirill Dmitriev, head of
//! Russia's sovereign wealth fund", "the delegation was led by ...": they create or name a person
//! and give a `leads` / `represents` edge.

use super::*;

/// What [`Extractor::possessed_office`] found: the apposition's span start, the name's first and
/// last word, the person if the rules know them, whom they serve, and the fallback relation.
pub(super) struct PossessedOffice {
    pub(super) span_start: usize,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) known: Option<ActorRef>,
    pub(super) of: ActorRef,
    pub(super) relation: &'static str,
}

/// A role edge of an apposition: (first token, last token, person, org, relation).
pub(super) type RoleEdge = (usize, usize, ActorRef, ActorRef, &'static str);

impl<'r> Extractor<'r> {
    /// Role appositions (steps 3c and 4a of a sentence), as role edges: "ORG's TITLE, NAME",
    /// "NAME, (the) ... OFFICE ... ORG ...", "its special envoy, NAME", "the delegation was led by
    /// NAME", "reappointed NAME as its chief negotiator". Unknown names become new persons. With
    /// `pronoun_pass`, only the appositions owned by a resolved possessive pronoun.
    pub(super) fn appositions(
        &self,
        ex: &mut Extraction,
        st: &Sentence,
        ments: &mut Vec<Mention>,
        pronoun_pass: bool,
    ) -> Vec<RoleEdge> {
        let Sentence {
            text,
            date,
            toks,
            words,
            ..
        } = *st;
        let rules = self.rules;
        let name_at = |ments: &[Mention], j: usize| self.unknown_name_at(st, ments, j);
        let new_person = |ex: &mut Extraction, ments: &mut Vec<Mention>, a: usize, b: usize| {
            self.add_new_person(ex, st, ments, a, b)
        };
        let relation_for =
            |person: ActorRef, org: ActorRef, fallback: &'static str| role_relation(rules, date, person, org, fallback);
        let office_at = |k: usize| self.office_at(words, k);
        let mut out = Vec::new();
        let mut k = 0;
        while k < toks.len() {
            // Possessive pronouns are resolved after the other appositions: a second pass reads
            // only form E with them.
            if pronoun_pass && !matches!(words[k], "its" | "their") {
                k += 1;
                continue;
            }
            // E: "its special envoy, Li Hui", "Putin's aide, Vladimir Medinsky", "secretary of Ukraine's
            // national security council, Rustem Umerov": a possessor, an office phrase, a comma, a name.
            if let Some(found) = self.possessed_office(ex, text, toks, words, ments, k, &name_at, &office_at) {
                let PossessedOffice {
                    span_start,
                    start,
                    end,
                    known,
                    of: org,
                    relation: rel,
                } = found;
                let p = match known {
                    Some(p) => p,
                    None => new_person(ex, ments, start, end),
                };
                out.push((span_start, end, p, org, relation_for(p, org, rel)));
                k = end + 1;
                continue;
            }
            if pronoun_pass {
                k += 1;
                continue;
            }
            if let Some((edge, next)) = self.apposition_after_title(ex, st, ments, k) {
                out.push(edge);
                k = next;
                continue;
            }
            if let Some((edge, next)) = self.apposition_after_name(ex, st, ments, k) {
                out.push(edge);
                k = next;
                continue;
            }
            k += 1;
        }
        if !pronoun_pass {
            out.extend(self.led_and_appointed(ex, st, ments));
        }
        out
    }

    /// Form A at token `k`: "ORG's TITLE, NAME" / "the DEMONYM TITLE, NAME"; with the token after it.
    fn apposition_after_title(
        &self,
        ex: &mut Extraction,
        st: &Sentence,
        ments: &mut Vec<Mention>,
        k: usize,
    ) -> Option<(RoleEdge, usize)> {
        let Sentence { date, toks, words, .. } = *st;
        let rules = self.rules;
        let lex = &rules.lexicon;
        let ment_at = |ments: &[Mention], k: usize| mention_at(st, ments, k);
        let kind_of = |ex: &Extraction, a: ActorRef| ex.actor(rules, a).kind;
        let name_at = |ments: &[Mention], j: usize| self.unknown_name_at(st, ments, j);
        let new_person = |ex: &mut Extraction, ments: &mut Vec<Mention>, a: usize, b: usize| {
            self.add_new_person(ex, st, ments, a, b)
        };
        let relation_for =
            |person: ActorRef, org: ActorRef, fallback: &'static str| role_relation(rules, date, person, org, fallback);
        if let Some((t, len)) = self.title_at(words, k) {
            let comma = k + len;
            if words.get(comma) == Some(&",") && comma + 1 < toks.len() {
                let mut o = k;
                while o > 0 && self.rules.lexicon.grammar.apposition_adjectives.contains(words[o - 1]) {
                    o -= 1;
                }
                let possessive = o >= 2 && words[o - 1] == "'s";
                let org_tok = if possessive { o - 2 } else { o.wrapping_sub(1) };
                let org = (org_tok < toks.len())
                    .then(|| {
                        ments
                            .iter()
                            .find(|m| m.end == toks[org_tok].end && !m.pronoun && kind_of(ex, m.actor) != Kind::Person)
                    })
                    .flatten()
                    .map(|m| m.actor);
                let start = comma + 1;
                let person = match ment_at(ments, start) {
                    Some(mi) if kind_of(ex, ments[mi].actor) == Kind::Person && !ments[mi].pronoun => {
                        let end = toks.iter().rposition(|x| x.end <= ments[mi].end).unwrap_or(start);
                        Some((Some(ments[mi].actor), end))
                    }
                    Some(_) => None,
                    None => name_at(ments, start).map(|end| (None, end)),
                };
                if let (Some(org), Some((known, end))) = (org, person) {
                    let ends = words
                        .get(end + 1)
                        .is_none_or(|w| matches!(*w, "," | "." | ")" | ";" | "and" | "said" | "says"));
                    if ends {
                        let p = match known {
                            Some(p) => p,
                            None => new_person(ex, ments, start, end),
                        };
                        let fallback = if lex.titles[t].relation == "leads" {
                            "leads"
                        } else {
                            "represents"
                        };
                        return Some(((org_tok, end, p, org, relation_for(p, org, fallback)), end + 1));
                    }
                }
            }
        }
        None
    }

    /// Form B at token `k`: "NAME, (the) ... OFFICE ... ORG ..." up to the next comma, or a known
    /// person's own office ("Valery Gerasimov, the chief of the General Staff"); with the token
    /// after it.
    fn apposition_after_name(
        &self,
        ex: &mut Extraction,
        st: &Sentence,
        ments: &mut Vec<Mention>,
        k: usize,
    ) -> Option<(RoleEdge, usize)> {
        let Sentence {
            text,
            date,
            toks,
            words,
            ..
        } = *st;
        let rules = self.rules;
        let lex = &rules.lexicon;
        let raw = |k: usize| st.raw(k);
        let ment_at = |ments: &[Mention], k: usize| mention_at(st, ments, k);
        let kind_of = |ex: &Extraction, a: ActorRef| ex.actor(rules, a).kind;
        let name_at = |ments: &[Mention], j: usize| self.unknown_name_at(st, ments, j);
        let new_person = |ex: &mut Extraction, ments: &mut Vec<Mention>, a: usize, b: usize| {
            self.add_new_person(ex, st, ments, a, b)
        };
        let relation_for =
            |person: ActorRef, org: ActorRef, fallback: &'static str| role_relation(rules, date, person, org, fallback);
        let office_at = |k: usize| self.office_at(words, k);
        // Not a place ("Briefing reporters in New York, UN Spokesperson ...").
        let prev_ok = k == 0
            || ((!is_name_part(raw(k - 1)) || self.rules.lexicon.grammar.not_names.contains(raw(k - 1)))
                && !self.rules.lexicon.grammar.place_markers.contains(words[k - 1])
                && !matches!(words[k - 1], "at" | "from"));
        let named = if prev_ok {
            match ment_at(ments, k) {
                Some(mi) if kind_of(ex, ments[mi].actor) == Kind::Person && !ments[mi].pronoun => toks
                    .iter()
                    .rposition(|x| x.end <= ments[mi].end)
                    .map(|end| (Some(ments[mi].actor), end)),
                Some(_) => None,
                None => name_at(ments, k).map(|end| (None, end)),
            }
        } else {
            None
        };
        if let Some((known, end)) = named {
            if words.get(end + 1) == Some(&",") {
                let a = end + 2;
                let stop = (a..toks.len().min(a + 12))
                    .find(|&i| {
                        matches!(
                            words[i],
                            "," | "." | ";" | ":" | "who" | "which" | "and" | "(" | "—" | "--"
                        )
                    })
                    .unwrap_or(toks.len().min(a + 12));
                let first_ok = words.get(a).is_some_and(|w| {
                    matches!(*w, "the" | "a" | "an") || office_at(a).is_some() || ment_at(ments, a).is_some()
                });
                // An office before another name is that name's title: ", UN Spokesperson Stéphane Dujarric".
                let office = (a..stop)
                    .find_map(|i| office_at(i).map(|(len, rel)| (i, len, rel)))
                    .filter(|&(i, len, _)| !toks.get(i + len).is_some_and(|t| is_name_word(&text[t.start..t.end])));
                let org = (a..stop).find_map(|i| {
                    ments
                        .iter()
                        .find(|m| m.start == toks[i].start && !m.pronoun && kind_of(ex, m.actor) != Kind::Person)
                        .map(|m| (i, m))
                });
                if let (true, Some((oi, olen, rel)), Some((gi, g))) = (first_ok, office, org) {
                    let g_end = toks.iter().rposition(|x| x.end <= g.end).unwrap_or(gi);
                    // The office and the org must be one phrase: "the Kremlin spokesman", "Russia's
                    // envoy", "head of the UN's nuclear watchdog"; not "deputy Russia team lead".
                    let org_first = g_end < oi
                        && (g_end + 1..oi).all(|i| {
                            words[i] == "'s" || self.rules.lexicon.grammar.apposition_adjectives.contains(words[i])
                        });
                    let office_first = gi >= oi + olen
                        && (oi + olen..gi).all(|i| matches!(words[i], "of" | "to" | "at" | "for" | "the"))
                        && gi > oi + olen;
                    if !(org_first || office_first) {
                        return None;
                    }
                    // "head of Russia's sovereign wealth fund": the office belongs to a body of the org.
                    let owns_other = words.get(g_end + 1) == Some(&"'s") && office_at(g_end + 2).is_none();
                    let org_actor = g.actor;
                    let rel = if owns_other || (office_first && words.get(oi + olen) != Some(&"of")) {
                        "represents"
                    } else {
                        rel
                    };
                    let p = match known {
                        Some(p) => p,
                        None => new_person(ex, ments, k, end),
                    };
                    return Some((
                        (k, stop.saturating_sub(1), p, org_actor, relation_for(p, org_actor, rel)),
                        stop,
                    ));
                }
                // No state named: a person the rules know holds the office in their own state
                // ("Valery Gerasimov, the chief of the General Staff").
                if let (true, Some((oi, olen, _)), None, Some(p)) = (first_ok, office, org, known) {
                    // A leader noun ("the chief of ...") fits any office.
                    let class = self
                        .title_at(words, oi)
                        .map(|(t, _)| lex.titles[t].class.as_str())
                        .filter(|c| *c != "leader");
                    let own = (p < rules.actors.len())
                        .then(|| {
                            rules.actors[p]
                                .roles
                                .iter()
                                .filter(|r| r.active_on(date) && class.is_none_or(|c| r.class == c))
                                .max_by_key(|r| r.from.clone())
                        })
                        .flatten();
                    if let Some(r) = own {
                        let rel = if r.relation == "leads" { "leads" } else { "represents" };
                        return Some(((k, (oi + olen).min(stop).saturating_sub(1), p, r.of, rel), stop));
                    }
                }
            }
        }
        None
    }

    /// Forms C and D: "the Ukrainian delegation was led by national security secretary Rustem
    /// Umerov", "the Russian team included ...", "the Kremlin reappointed Vladimir Medinsky as its
    /// chief negotiator".
    fn led_and_appointed(&self, ex: &mut Extraction, st: &Sentence, ments: &mut Vec<Mention>) -> Vec<RoleEdge> {
        let Sentence { date, toks, words, .. } = *st;
        let rules = self.rules;
        let raw = |k: usize| st.raw(k);
        let ment_at = |ments: &[Mention], k: usize| mention_at(st, ments, k);
        let kind_of = |ex: &Extraction, a: ActorRef| ex.actor(rules, a).kind;
        let name_at = |ments: &[Mention], j: usize| self.unknown_name_at(st, ments, j);
        let new_person = |ex: &mut Extraction, ments: &mut Vec<Mention>, a: usize, b: usize| {
            self.add_new_person(ex, st, ments, a, b)
        };
        let relation_for =
            |person: ActorRef, org: ActorRef, fallback: &'static str| role_relation(rules, date, person, org, fallback);
        let office_at = |k: usize| self.office_at(words, k);
        let mut out = Vec::new();
        // C: "the Ukrainian delegation was led by national security secretary Rustem Umerov";
        // D: "the Kremlin reappointed Vladimir Medinsky as its chief negotiator".
        let orgs: Vec<(usize, usize, ActorRef)> = ments
            .iter()
            .filter(|m| !m.pronoun && kind_of(ex, m.actor) != Kind::Person)
            .filter_map(|m| {
                let a = toks.iter().position(|t| t.start == m.start)?;
                let b = toks.iter().rposition(|t| t.end <= m.end)?;
                Some((a, b, m.actor))
            })
            .collect();
        // The person whose name starts at or after token j, past at most five words of description
        // ("presidential peace envoy"): (first token, last token, known actor).
        let person_after = |ex: &Extraction, ments: &[Mention], j: usize| -> Option<(usize, usize, Option<ActorRef>)> {
            (j..toks.len().min(j + 6))
                .find_map(|i| {
                    if let Some(mi) = ment_at(ments, i) {
                        let m = &ments[mi];
                        let end = toks.iter().rposition(|x| x.end <= m.end)?;
                        return (kind_of(ex, m.actor) == Kind::Person && !m.pronoun).then_some((i, end, Some(m.actor)));
                    }
                    if let Some(end) = name_at(ments, i) {
                        return Some((i, end, None));
                    }
                    None
                })
                .filter(|&(i, _, _)| {
                    (j..i).all(|w| {
                        (!is_name_part(raw(w)) || self.rules.lexicon.grammar.not_names.contains(raw(w)))
                            && !matches!(words[w], "," | "." | "and")
                    })
                })
        };
        for (a, b, org) in orgs {
            let mut j = b + 1;
            let head = |w: &str| {
                matches!(
                    w,
                    "delegation" | "team" | "negotiators" | "negotiating team" | "mission"
                )
            };
            if words.get(j) == Some(&"'s") && words.get(j + 1).is_some_and(|w| head(w)) {
                j += 2;
            }
            let led = head(words[b]) || j == b + 3;
            let mut found: Vec<(usize, usize, Option<ActorRef>)> = Vec::new();
            if led
                && words
                    .get(j)
                    .is_some_and(|w| matches!(*w, "included" | "includes" | "include" | "comprised"))
            {
                // "The Russian team included Kiril Dmitriev, the CEO of ..., and Igor Kostyukov, ...":
                // each name of the list, past the appositions that describe them.
                let mut i = j + 1;
                while found.len() < 8 {
                    let Some(p) = person_after(ex, ments, i).filter(|p| p.0 <= i + 1) else {
                        break;
                    };
                    found.push(p);
                    i = p.1 + 1;
                    if words.get(i) == Some(&",") && words.get(i + 1).is_some_and(|w| matches!(*w, "the" | "a" | "an"))
                    {
                        // skip the apposition up to its closing comma
                        i = (i + 1..toks.len()).find(|&x| words[x] == ",").unwrap_or(toks.len());
                    }
                    while words.get(i).is_some_and(|w| matches!(*w, "," | "and")) {
                        i += 1;
                    }
                }
            } else if led {
                if words.get(j) == Some(&",") {
                    j += 1;
                }
                while words.get(j).is_some_and(|w| {
                    matches!(
                        *w,
                        "was" | "is" | "were" | "are" | "will" | "be" | "has" | "been" | "had"
                    )
                }) {
                    j += 1;
                }
                if words.get(j).is_some_and(|w| matches!(*w, "led" | "headed")) && words.get(j + 1) == Some(&"by") {
                    if let Some(first) = person_after(ex, ments, j + 2) {
                        found.push(first);
                        if words.get(first.1 + 1) == Some(&"and") {
                            if let Some(second) = person_after(ex, ments, first.1 + 2).filter(|p| p.0 <= first.1 + 3) {
                                found.push(second);
                            }
                        }
                    }
                }
            } else if words.get(b + 1).is_some_and(|w| {
                matches!(
                    *w,
                    "appointed" | "reappointed" | "named" | "nominated" | "tapped" | "chose"
                )
            }) {
                if let Some(p) = person_after(ex, ments, b + 2) {
                    let as_at = p.1 + 1;
                    let office = words.get(as_at) == Some(&"as")
                        && (as_at + 1..toks.len().min(as_at + 6)).any(|i| office_at(i).is_some());
                    if office {
                        found.push(p);
                    }
                }
            }
            for (pa, pb, known) in found {
                let p = match known {
                    Some(p) => p,
                    None => new_person(ex, ments, pa, pb),
                };
                out.push((a, pb, p, org, relation_for(p, org, "represents")));
            }
        }
        out
    }

    /// The unknown name that starts at token `j`: 2 to 5 name words, particles inside ("bin",
    /// "al-"); its last token.
    pub(super) fn unknown_name_at(&self, st: &Sentence, ments: &[Mention], j: usize) -> Option<usize> {
        let Sentence { text, toks, .. } = *st;
        let raw = |k: usize| st.raw(k);
        let covered = |ments: &[Mention], k: usize| covers(st, ments, k);
        let (mut k, mut n, mut last_word) = (j, 0, "");
        while k < toks.len() && n < 5 && !covered(ments, k) {
            // A hyphenated word is one name word: "al-Busaidi", "Jean-Noel".
            let mut e = k;
            while e + 2 < toks.len()
                && raw(e + 1) == "-"
                && toks[e + 1].start == toks[e].end
                && toks[e + 2].start == toks[e + 1].end
            {
                e += 2;
            }
            let w = &text[toks[k].start..toks[e].end];
            let particle =
                self.rules.lexicon.grammar.name_particles.contains(w) && e + 1 < toks.len() && is_name_part(raw(e + 1));
            if !(is_name_part(w) || (particle && n > 0)) || self.rules.lexicon.grammar.not_names.contains(w) {
                break;
            }
            n += 1;
            last_word = w;
            k = e + 1;
        }
        let ok = (2..=5).contains(&n) && is_name_part(last_word) && (k >= toks.len() || !is_name_part(raw(k)));
        ok.then(|| k - 1)
    }

    /// A new person named by tokens `a..=b`, added to the mentions.
    fn add_new_person(
        &self,
        ex: &mut Extraction,
        st: &Sentence,
        ments: &mut Vec<Mention>,
        a: usize,
        b: usize,
    ) -> ActorRef {
        let m = self.new_person(ex, st.text, st.si, st.toks[a].start, st.toks[b].end);
        let actor = m.actor;
        ments.push(m);
        actor
    }

    /// An office at word `k` (a title, a leader noun, an official noun): its length and the
    /// relation it gives.
    pub(super) fn office_at(&self, words: &[&str], k: usize) -> Option<(usize, &'static str)> {
        let lex = &self.rules.lexicon;
        if let Some((t, len)) = self.title_at(words, k) {
            return Some((
                len,
                if lex.titles[t].relation == "leads" {
                    "leads"
                } else {
                    "represents"
                },
            ));
        }
        let w = *words.get(k)?;
        if w != "counterpart" && lex.leader_nouns.iter().any(|n| n == w) {
            return Some((1, "leads"));
        }
        lex.official_nouns.iter().any(|n| n == w).then_some((1, "represents"))
    }

    /// Apposition form E of [`Self::appositions`] at token `k`: a possessor ("its", "Russia's",
    /// "Putin's"), a short office phrase, and the person it names, after a comma or (a person the
    /// rules know) right after the phrase. The person represents the possessor as written.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn possessed_office(
        &self,
        ex: &Extraction,
        text: &str,
        toks: &[Token],
        words: &[&str],
        ments: &[Mention],
        k: usize,
        name_at: &dyn Fn(&[Mention], usize) -> Option<usize>,
        office_at: &dyn Fn(usize) -> Option<(usize, &'static str)>,
    ) -> Option<PossessedOffice> {
        let rules = self.rules;
        let possessor = match words[k] {
            "'s" if k > 0 => ments.iter().find(|m| m.end == toks[k - 1].end && !m.pronoun)?,
            "its" | "their" => ments.iter().find(|m| m.start == toks[k].start && m.pronoun)?,
            _ => return None,
        };
        let poss_start = toks.iter().position(|t| t.start == possessor.start)?;
        // "the president's chief of staff" is too vague a possessor to trust the resolution; "the
        // US president's" names its state.
        if possessor.how == How::Description
            && !(poss_start + 1..k).any(|i| text[toks[i].start..toks[i].end].starts_with(|c: char| c.is_uppercase()))
        {
            return None;
        }
        let by_person = ex.actor(rules, possessor.actor).kind == Kind::Person;
        // "US President Donald Trump's envoy" speaks for the state the phrase names; "Putin's
        // envoy" for Putin.
        let a = ments
            .iter()
            .filter(|m| by_person && m.modifier && m.end <= possessor.start)
            .find(|m| {
                let first = toks.iter().position(|t| t.start >= m.end).unwrap_or(poss_start);
                poss_start.saturating_sub(first) <= 3
            })
            .map_or(possessor.actor, |m| m.actor);
        // "the US president's chief of staff": the description names the office's state.
        let a = if by_person && possessor.how == How::Description {
            self.led_by(possessor.actor, None).unwrap_or(a)
        } else {
            a
        };
        let covered = |i: usize| ments.iter().any(|m| toks[i].start < m.end && toks[i].end > m.start);
        let person_at = |i: usize| {
            ments
                .iter()
                .find(|m| m.start == toks[i].start && !m.pronoun && ex.actor(rules, m.actor).kind == Kind::Person)
        };
        // The phrase: up to eight words, no other actor, no verb, up to a comma or a known person.
        let mut e = k + 1;
        let mut comma = false;
        while e < toks.len() && e <= k + 8 {
            if words[e] == "," {
                comma = true;
                break;
            }
            if person_at(e).is_some() {
                break;
            }
            let w = words[e];
            if covered(e)
                || !w.chars().all(|c| c.is_alphabetic() || c == '-')
                || matches!(
                    w,
                    "is" | "was"
                        | "are"
                        | "were"
                        | "has"
                        | "have"
                        | "had"
                        | "will"
                        | "would"
                        | "said"
                        | "says"
                        | "told"
                        | "who"
                        | "which"
                        | "that"
                        | "to"
                        | "the"
                        | "a"
                        | "an"
                        | "in"
                        | "on"
                        | "with"
                        | "by"
                        | "as"
                        | "also"
                        | "not"
                        | "and"
                ) && !(w == "and" && comma_follows(words, e))
            {
                return None;
            }
            e += 1;
        }
        if e == k + 1 || e >= toks.len() || e > k + 8 {
            return None;
        }
        // The office: in the phrase ("its special envoy"), or before the possessor ("secretary of
        // Ukraine's national security council").
        let inside = (k + 1..e).find_map(|i| office_at(i).filter(|(len, _)| i + len <= e).map(|(_, rel)| (i, rel)));
        let before = (poss_start >= 2 && words[poss_start - 1] == "of")
            .then(|| {
                (poss_start.saturating_sub(5)..poss_start - 1)
                    .find(|&j| office_at(j).is_some_and(|(len, _)| j + len == poss_start - 1))
            })
            .flatten();
        let (span_start, rel) = match (inside, before) {
            (Some((i, rel)), _) => {
                let direct = (k + 1..i).all(|x| self.rules.lexicon.grammar.apposition_adjectives.contains(words[x]));
                (poss_start, if direct && !by_person { rel } else { "represents" })
            }
            (None, Some(j)) => (j, "represents"),
            (None, None) => return None,
        };
        let start = if comma { e + 1 } else { e };
        let (known, end) = match person_at(start) {
            Some(m) => (Some(m.actor), toks.iter().rposition(|x| x.end <= m.end)?),
            None if comma => (None, name_at(ments, start)?),
            None => return None,
        };
        let ends = words
            .get(end + 1)
            .is_none_or(|w| matches!(*w, "," | "." | ")" | ";" | "and" | "said" | "says"));
        if !ends || known == Some(a) {
            return None;
        }
        Some(PossessedOffice {
            span_start,
            start,
            end,
            known,
            of: a,
            relation: rel,
        })
    }
}

/// A known person's own role at `org` decides between leads and represents.
fn role_relation(
    rules: &RuleSet,
    date: Option<&str>,
    person: ActorRef,
    org: ActorRef,
    fallback: &'static str,
) -> &'static str {
    if person < rules.actors.len() {
        if let Some(r) = rules.actors[person]
            .roles
            .iter()
            .filter(|r| r.of == org)
            .max_by_key(|r| (r.active_on(date), r.from.clone()))
        {
            return if r.relation == "leads" { "leads" } else { "represents" };
        }
    }
    fallback
}

/// The mention that starts at token `k`.
fn mention_at(st: &Sentence, ments: &[Mention], k: usize) -> Option<usize> {
    ments.iter().position(|m| m.start == st.toks[k].start)
}

/// Whether a mention covers token `k`.
fn covers(st: &Sentence, ments: &[Mention], k: usize) -> bool {
    ments
        .iter()
        .any(|m| st.toks[k].start < m.end && st.toks[k].end > m.start)
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_relations as check;

    /// The appositions stage: role appositions name a person and give a role edge.
    #[test]
    fn reads() {
        check(
            "Kirill Dmitriev, head of Russia's sovereign wealth fund, met Witkoff.",
            &[
                "kirill_dmitriev negotiates steve_witkoff",
                "kirill_dmitriev represents russia",
            ],
        );
        check(
            "Ukraine's defense minister, Mykhailo Fedorov, visited Berlin.",
            &[
                "mykhailo_fedorov negotiates germany",
                "mykhailo_fedorov represents ukraine",
            ],
        );
        check(
            "Beijing sent its special envoy, Li Hui, to Kyiv.",
            &["li_hui represents china"],
        );
        check(
            "The Ukrainian delegation was led by national security secretary Rustem Umerov.",
            &["rustem_umerov represents ukraine"],
        );
    }
}
