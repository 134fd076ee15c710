//! The reading of one sentence: mentions, skeleton, role phrases, patterns, flags.

use super::*;

impl<'r> Extractor<'r> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn sentence(
        &self,
        ex: &mut Extraction,
        text: &str,
        si: usize,
        s: usize,
        e: usize,
        raw: &[(usize, usize, usize)],
        date: Option<&str>,
    ) {
        let rules = self.rules;
        let lex = &rules.lexicon;
        let toks = tokenize(&text[s..e], s);
        let words: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        let tok_at = |off: usize| toks.iter().position(|t| t.start >= off);
        let tok_end = |off: usize| toks.iter().rposition(|t| t.end <= off);
        let is_head = |w: &str, list: &[String]| list.iter().any(|h| h == w);

        // 1. Alias matches -> mentions (demonyms need a head noun or a title).
        let mut ments: Vec<Mention> = Vec::new();
        for &(ms, me, ai) in raw {
            let alias = &rules.aliases[ai];
            let actor = &rules.actors[alias.actor];
            let (Some(ti), Some(tj)) = (tok_at(ms), tok_end(me)) else {
                continue;
            };
            // "the alliance" names NATO only once NATO has been named.
            if alias.anaphoric
                && !ex.named.contains(&alias.actor)
                && !raw
                    .iter()
                    .any(|&(o, _, oi)| o < ms && rules.aliases[oi].actor == alias.actor && !rules.aliases[oi].anaphoric)
            {
                continue;
            }
            let next = words.get(tj + 1).copied().unwrap_or("");
            let prev = if ti > 0 { words[ti - 1] } else { "" };
            let mut m = Mention {
                start: ms,
                end: me,
                actor: alias.actor,
                plural: actor.plural && (actor.kind != Kind::Group || alias.text.ends_with('s')),
                pronoun: false,
                objective: false,
                modifier: false,
                sentence: si,
                how: match alias.kind {
                    AliasKind::Name => How::Alias(ai),
                    _ => How::Demonym(ai),
                },
            };
            if alias.kind == AliasKind::Name && actor.kind != Kind::Person {
                let after_s = if next == "'s" { tj + 2 } else { tj + 1 };
                m.modifier = self.title_at(&words, after_s).is_some();
            }
            // "US envoys Witkoff and Kushner": a plural title before names is a title, not a head.
            let title_then_name = self.title_at(&words, tj + 1).is_some_and(|(_, len)| {
                toks.get(tj + 1 + len)
                    .is_some_and(|t| is_name_word(&text[t.start..t.end]))
            });
            match alias.kind {
                AliasKind::Name if title_then_name && actor.kind != Kind::Person => {
                    m.modifier = true;
                }
                AliasKind::Demonym if title_then_name => {
                    m.plural = false;
                    m.modifier = true;
                }
                AliasKind::Name => {
                    if actor.kind == Kind::Person && is_head(next, &lex.person_heads) {
                        // "the Trump administration" names the state the person leads.
                        if let Some(state) = self.led_by(alias.actor, date) {
                            m.actor = state;
                            m.how = How::LeaderHead(ai);
                            m.end = toks[tj + 1].end;
                            m.plural = false;
                        }
                    } else if actor.kind != Kind::Person && is_head(next, &lex.plural_heads) {
                        m.end = toks[tj + 1].end;
                        m.plural = true;
                    } else if actor.kind != Kind::Person
                        && HEAD_MODIFIERS.contains(&next)
                        && words.get(tj + 2).is_some_and(|w| is_head(w, &lex.plural_heads))
                    {
                        // "NATO Foreign Ministers", "EU defence ministers": they.
                        m.end = toks[tj + 2].end;
                        m.plural = true;
                        m.modifier = false;
                    } else if actor.kind != Kind::Person && is_head(next, &lex.singular_heads) {
                        m.end = toks[tj + 1].end;
                    }
                }
                AliasKind::Demonym => {
                    // "Russian and Ukrainian delegations": a demonym shares the head of the next one.
                    let shared_head = (next == "and" || next == "or")
                        && raw.iter().any(|&(s2, _, a2)| {
                            toks.get(tj + 2).is_some_and(|t| t.start == s2)
                                && rules.aliases[a2].kind == AliasKind::Demonym
                        })
                        && words.get(tj + 3).is_some_and(|w| is_head(w, &lex.plural_heads));
                    if shared_head {
                        m.plural = true;
                    } else if is_head(next, &lex.plural_heads) {
                        m.end = toks[tj + 1].end;
                        m.plural = true;
                    } else if is_head(next, &lex.singular_heads) {
                        m.end = toks[tj + 1].end;
                        m.plural = false;
                    } else if self.title_at(&words, tj + 1).is_some() || lex.leader_nouns.iter().any(|n| n == next) {
                        m.plural = false;
                        m.modifier = true;
                    } else if is_head(next, &lex.possessed_heads) {
                        // "American support", "Ukrainian sovereignty": the state the thing belongs to.
                        m.plural = false;
                    } else if let Some(&(_, oe, oa)) = raw.iter().find(|&&(s2, _, a2)| {
                        toks.get(tj + 1).is_some_and(|t| t.start == s2) && rules.aliases[a2].kind == AliasKind::Name
                    }) {
                        // "European NATO allies": the demonym's actor; "Ukrainian NATO membership": its possessor.
                        let _ = oa;
                        let after = tok_end(oe).map_or("", |k| words.get(k + 1).copied().unwrap_or(""));
                        if is_head(after, &lex.plural_heads) {
                            m.end = tok_end(oe).and_then(|k| toks.get(k + 1)).map_or(m.end, |t| t.end);
                            m.plural = true;
                        } else if is_head(after, &lex.possessed_heads) {
                            m.plural = false;
                        } else {
                            continue;
                        }
                    } else {
                        continue;
                    }
                }
                AliasKind::PluralDemonym => {
                    // "the Russians"; or a sentence's subject: "Ukrainians should focus on ..."
                    // "Instead, Ukrainians should ...": a clause's subject after a fronted phrase.
                    let clause_subject = matches!(prev, "," | "but" | "while")
                        && (matches!(
                            next,
                            "should" | "must" | "will" | "would" | "can" | "could" | "have" | "had" | "are" | "were"
                        ) || lex.attribution_verbs.iter().any(|v| v == next));
                    if prev != "the" && ti != 0 && !clause_subject {
                        continue;
                    }
                    m.plural = true;
                }
                AliasKind::LeaderHead => continue,
            }
            ments.push(m);
        }

        // 2. Descriptions: "the US president", "the Kremlin dictator", "the head of the White House".
        let mut i = 0;
        let mut described: Vec<(usize, usize, usize)> = Vec::new(); // (start tok, end tok, person)
        let mut role_edges: Vec<(usize, usize, usize, usize)> = Vec::new(); // (start tok, end tok, person, org)
        while i < toks.len() {
            // <org>'s <leader noun|title> (not followed by a name): "Ukraine's foreign minister".
            if let Some(m) = ments
                .iter()
                .find(|m| m.start == toks[i].start && rules.actors[m.actor].kind != Kind::Person)
            {
                if let Some(mj) = tok_end(m.end).filter(|&mj| words.get(mj + 1) == Some(&"'s")) {
                    let (class, len) = self.leader_class(&words, mj + 2);
                    let spelled = words[(mj + 2).min(words.len())..(mj + 2 + len).min(words.len())].join(" ");
                    let followed_by_name = name_follows(text, &toks, mj + 2 + len);
                    if len > 0 && !followed_by_name {
                        if let Some(p) = self.holder(m.actor, &class, &spelled, date) {
                            described.push((i, mj + 1 + len, p));
                            role_edges.push((i, mj + 1 + len, p, m.actor));
                            i = mj + len + 2;
                            continue;
                        }
                    }
                }
            }
            if matches!(words[i], "the" | "his" | "her" | "its" | "their") {
                // the <org> <leader noun|title>  (not followed by a name); the alias may hold the "the".
                if let Some(m) = ments
                    .iter()
                    .find(|m| m.start == toks.get(i + 1).map_or(usize::MAX, |t| t.start) || m.start == toks[i].start)
                {
                    if let Some(mj) = tok_end(m.end) {
                        let (class, len) = self.leader_class(&words, mj + 1);
                        let spelled = words[(mj + 1).min(words.len())..(mj + 1 + len).min(words.len())].join(" ");
                        let followed_by_name = name_follows(text, &toks, mj + 1 + len);
                        if len > 0 && !followed_by_name && rules.actors[m.actor].kind != Kind::Person {
                            if let Some(p) = self.holder(m.actor, &class, &spelled, date) {
                                described.push((i, mj + len, p));
                                role_edges.push((i, mj + len, p, m.actor));
                                i = mj + len + 1;
                                continue;
                            }
                        }
                    }
                }
                // the <leader noun|title> of <org>
                let (class, len) = self.leader_class(&words, i + 1);
                let spelled = words[(i + 1).min(words.len())..(i + 1 + len).min(words.len())].join(" ");
                if len > 0 && words.get(i + 1 + len) == Some(&"of") {
                    let k = i + 2 + len;
                    let at = |k: usize| toks.get(k).and_then(|t| ments.iter().find(|m| m.start == t.start));
                    let found = at(k).or_else(|| if words.get(k) == Some(&"the") { at(k + 1) } else { None });
                    // "the chief of Germany's BND" heads the BND, not Germany.
                    let owned_thing = found
                        .and_then(|m| tok_end(m.end))
                        .is_some_and(|mj| words.get(mj + 1) == Some(&"'s"));
                    if let Some(m) = found.filter(|_| !owned_thing) {
                        if rules.actors[m.actor].kind != Kind::Person {
                            if let Some(p) = self.holder(m.actor, &class, &spelled, date) {
                                let mj = tok_end(m.end).unwrap_or(k);
                                described.push((i, mj, p));
                                role_edges.push((i, mj, p, m.actor));
                                i = mj + 1;
                                continue;
                            }
                        }
                    }
                }
                // the <title> (anaphoric): the most recent person holding such a title.
                // A plural title ("their envoys") stands for no one person.
                let plural = words[i + len].ends_with('s') && !words[i + len].ends_with("ss");
                if len > 0
                    && class != "leader"
                    && !plural
                    && !toks
                        .get(i + 1 + len)
                        .is_some_and(|t| ments.iter().any(|m| m.start == t.start))
                    && words.get(i + 1 + len) != Some(&"of")
                {
                    if let Some(p) = ex.mentions.iter().rev().take(40).map(|m| m.actor).find(|&a| {
                        a < rules.actors.len()
                            && rules.actors[a]
                                .roles
                                .iter()
                                .any(|r| r.class == class && (r.active_on(date) || date.is_none()))
                    }) {
                        described.push((i, i + len, p));
                        i += len + 1;
                        continue;
                    }
                }
            }
            i += 1;
        }
        for (a, b, p) in described {
            let (ds, de) = (toks[a].start, toks[b].end);
            ments.retain(|m| m.end <= ds || m.start >= de);
            ments.push(Mention {
                start: ds,
                end: de,
                actor: p,
                plural: false,
                pronoun: false,
                objective: false,
                modifier: false,
                sentence: si,
                how: How::Description,
            });
        }

        // 3. Title + unknown capitalized name: a new person ("Foreign Minister Jane Doe").
        let mut k = 0;
        while k < toks.len() {
            let Some((ti, len)) = self.title_at(&words, k) else {
                k += 1;
                continue;
            };
            let first = k + len;
            let covered = |t: &Token| ments.iter().any(|m| t.start < m.end && t.end > m.start);
            // News writes a title after its organization in lower case: "EU spokesperson Anitta Hipper".
            let after_org = k > 0
                && ments.iter().any(|m| {
                    m.end == toks[k - 1].end
                        && m.actor < rules.actors.len()
                        && rules.actors[m.actor].kind != Kind::Person
                });
            let capitalized = text[toks[k].start..].starts_with(|c: char| c.is_uppercase());
            if !(capitalized || after_org) || toks.get(first).is_none_or(&covered) {
                k += len;
                continue;
            }
            let mut j = first;
            while j < toks.len()
                && j < first + 3
                && is_name_word(&text[toks[j].start..toks[j].end])
                && !covered(&toks[j])
            {
                j += 1;
            }
            // "Prime Minister Giorgio Meloni", "Vice President Jay Dee Vance": first names the
            // rules do not know (a variant spelling) before a known person's surname are that person.
            if j > first && j < toks.len() && covered(&toks[j]) {
                let at = toks[j].start;
                if let Some(m) = ments.iter_mut().find(|m| {
                    m.start == at
                        && !m.pronoun
                        && m.actor < rules.actors.len()
                        && rules.actors[m.actor].kind == Kind::Person
                }) {
                    m.start = toks[first].start;
                    k = j;
                    continue;
                }
            }
            let last_is_initial = j > first && toks[j - 1].end - toks[j - 1].start < 2;
            if j - first >= 2
                && !last_is_initial
                && (j >= toks.len() || !text[toks[j].start..].starts_with(|c: char| c.is_uppercase()))
            {
                let _ = ti;
                ments.push(self.new_person(ex, text, si, toks[first].start, toks[j - 1].end));
            }
            k = j.max(k + 1);
        }

        // 3b. A first name the rules do not know before a known surname is that person's:
        // "Vladimir Zelensky" (a Russian spelling), "Joseph Biden".
        for mi in 0..ments.len() {
            let m = &ments[mi];
            let single_word = matches!(m.how, How::Alias(ai) if !rules.aliases[ai].text.contains(' '));
            if !single_word || m.actor >= rules.actors.len() || rules.actors[m.actor].kind != Kind::Person {
                continue;
            }
            let Some(ti) = tok_at(m.start).filter(|&ti| ti > 0 && toks[ti].start == m.start) else {
                continue;
            };
            let p = &toks[ti - 1];
            let covered = ments.iter().any(|o| p.start < o.end && p.end > o.start);
            if !covered
                && p.end + 1 == m.start
                && is_name_word(&text[p.start..p.end])
                && !NOT_NAMES.contains(&&text[p.start..p.end])
                && !(1..=4).any(|l| ti >= l && self.title_at(&words, ti - l).is_some_and(|(_, len)| len >= l))
                && !lex.leader_nouns.contains(&p.lower)
            {
                ments[mi].start = p.start;
            }
        }

        // 3d. Speakers the rules do not know: "political scientist Ivan Lizan believes", "writes
        // Alexei Naumov", and later the surname alone ("Naumov concluded").
        self.speakers(ex, text, si, &toks, &words, &mut ments);

        // 3c. Appositions that name a role: "Ukraine's defense minister, Mykhailo Fedorov", "the Omani
        // foreign minister, Badr al-Busaidi", "Rafael Grossi, head of the UN's nuclear watchdog". A name
        // the rules do not know becomes a new person, as after a title.
        let mut appos_edges = self.appositions(ex, text, si, &toks, &words, &mut ments, date, false);

        // 4. Pronouns, resolved against earlier mentions (this sentence and the two before).
        ments.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let covered = |ments: &[Mention], t: &Token| ments.iter().any(|m| t.start < m.end && t.end > m.start);
        for (ti, t) in toks.iter().enumerate() {
            // "We will keep supporting Ukraine," Starmer said: "we" in a quotation is the speaker's side.
            if matches!(t.lower.as_str(), "we" | "us" | "our") && !covered(&ments, t) {
                if let Some(actor) = self.we_actor(ex, &ments, t.start, date) {
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
            if covered(&ments, t) {
                continue;
            }
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
                && words.get(ti + 1).is_some_and(|n| EXPLETIVE_NEXT.contains(n))
            {
                continue;
            }
            // "both parties agreed to brief their respective leaders": each its own, no one actor.
            if t.lower == "their" && words.get(ti + 1) == Some(&"respective") {
                continue;
            }
            // A possessive right before a mention is its determiner: "its European partners".
            let determiner = matches!(t.lower.as_str(), "its" | "their" | "his" | "her");
            if determiner
                && toks
                    .get(ti + 1)
                    .is_some_and(|n| ments.iter().any(|m| m.start == n.start))
            {
                continue;
            }
            // Candidates: this sentence by recency, then each earlier sentence's first mention
            // (its subject, usually) before the rest of that sentence by recency.
            let mut earlier: Vec<&Mention> = ments.iter().filter(|m| m.end <= t.start).rev().collect();
            let opens_clause = ti == 0
                || CLAUSE_BOUNDARIES.contains(&words[ti - 1])
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
            if (SUBJECT_PRONOUNS.contains(&t.lower.as_str()) && opens_clause) || means {
                // The subject of the pronoun's clause, else of the sentence.
                let boundary = toks[..ti]
                    .iter()
                    .rposition(|b| CLAUSE_BOUNDARIES.contains(&b.lower.as_str()))
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
                                    LISTENER_VERBS.iter().any(|p| w.starts_with(p))
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
                        !OBJECT_MARKERS.contains(&w.as_str()) && !PLACE_MARKERS.contains(&w.as_str()) && w != "by"
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
                            && !covered(&ments, &toks[k])
                    })
                })
                .flatten()
                .map(|k| toks[k].start);
            if let Some(b) = thing_barrier {
                earlier.retain(|m| m.sentence == si && m.start > b);
            }
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
                        || !unknown_person_acts(text, m.end, t.start, |a, b| {
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
            // "to the United States and NATO, forcing them": a plural pronoun right after a
            // coordination stands for all of it.
            if kind == Pron::They {
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
                }
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
        // 4a. Appositions owned by a pronoun, now that it is resolved: "Beijing sent its special envoy, Li Hui".
        appos_edges.extend(self.appositions(ex, text, si, &toks, &words, &mut ments, date, true));
        // 4b. "both sides", "the two sides", "the warring parties": the pair named "A and B" (or
        // "A-B") in this sentence, else the latest such pair of the two sentences before, else the
        // pair the document has named most often.
        self.both_sides(ex, text, si, &toks, &words, &mut ments);
        ments.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        // Drop overlaps (keep the earlier, longer one).
        let mut kept: Vec<Mention> = Vec::new();
        for m in ments {
            let same_pronoun = kept
                .last()
                .is_some_and(|l| l.pronoun && m.pronoun && l.start == m.start && l.end == m.end);
            if same_pronoun || kept.last().is_none_or(|l| m.start >= l.end) {
                kept.push(m);
            }
        }
        let ments = kept;

        // 5. Skeleton: words and slots; coordinated mentions share a slot.
        let mut sk: Vec<Sk> = Vec::new();
        let mut slots: Vec<Vec<usize>> = Vec::new(); // slot -> mention indexes (into ments)
        let mut sk_tok: Vec<usize> = Vec::new(); // skeleton item -> first token index
        let mut ti = 0;
        let mut next_m = 0;
        while ti < toks.len() {
            while next_m < ments.len() && ments[next_m].end <= toks[ti].start {
                next_m += 1;
            }
            if next_m < ments.len() && ments[next_m].start <= toks[ti].start {
                let mi = next_m;
                // An article before an actor carries nothing for patterns: "by the United States".
                // "the country's European partners": a possessive description is a determiner too.
                let n = sk.len();
                if n >= 2
                    && matches!(&sk[n - 1], Sk::Word(w) if w == "'s")
                    && matches!(&sk[n - 2], Sk::Word(w) if matches!(w.as_str(), "country" | "nation" | "bloc" | "alliance"))
                {
                    sk.truncate(n - 2);
                    sk_tok.truncate(n - 2);
                }
                if matches!(sk.last(), Some(Sk::Word(w)) if w == "the" || w == "a" || w == "an") {
                    sk.pop();
                    sk_tok.pop();
                }
                sk.push(Sk::Slot(slots.len()));
                // A pronoun for a coordination is one mention per member, all in one slot.
                let mut members = vec![mi];
                while members.len() < ments.len() - mi
                    && ments[mi + members.len()].start == ments[mi].start
                    && ments[mi + members.len()].end == ments[mi].end
                {
                    members.push(mi + members.len());
                }
                slots.push(members);
                sk_tok.push(ti);
                while ti < toks.len() && toks[ti].start < ments[mi].end {
                    ti += 1;
                }
                continue;
            }
            // Hyphenated words are one word for patterns: "full-scale", "long-term", "so-called"
            // (only between two plain words with no space around the hyphen; actor slots stay apart).
            if ti >= 2
                && toks[ti - 1].lower == "-"
                && toks[ti - 1].start == toks[ti - 2].end
                && toks[ti].start == toks[ti - 1].end
                && sk_tok.len() >= 2
                && sk_tok[sk_tok.len() - 1] == ti - 1
                && sk_tok[sk_tok.len() - 2] == ti - 2
                && matches!(&sk[sk.len() - 2], Sk::Word(w) if w.chars().all(char::is_alphanumeric))
                && toks[ti].lower.chars().all(char::is_alphanumeric)
            {
                sk.pop();
                sk_tok.pop();
                if let Some(Sk::Word(w)) = sk.last_mut() {
                    w.push('-');
                    w.push_str(&toks[ti].lower);
                }
                ti += 1;
                continue;
            }
            sk.push(Sk::Word(toks[ti].lower.clone()));
            sk_tok.push(ti);
            ti += 1;
        }
        // One actor named twice in a row is one mention: "the United Nations (UN) General Assembly".
        let same = |a: usize, b: usize| {
            slots[a].len() == 1 && slots[b].len() == 1 && ments[slots[a][0]].actor == ments[slots[b][0]].actor
        };
        let mut merged: Vec<Sk> = Vec::with_capacity(sk.len());
        let mut merged_tok: Vec<usize> = Vec::with_capacity(sk.len());
        let mut drop_close = false;
        for (item, tok) in sk.into_iter().zip(sk_tok) {
            match &item {
                Sk::Slot(n) => {
                    let l = merged.len();
                    if matches!(merged.last(), Some(Sk::Slot(p)) if same(*p, *n)) {
                        continue;
                    }
                    if l >= 2
                        && matches!(&merged[l - 1], Sk::Word(w) if w == "(")
                        && matches!(&merged[l - 2], Sk::Slot(p) if same(*p, *n))
                    {
                        merged.pop();
                        merged_tok.pop();
                        drop_close = true;
                        continue;
                    }
                }
                Sk::Word(w) if w == ")" && drop_close => {
                    drop_close = false;
                    continue;
                }
                _ => {}
            }
            drop_close = false;
            merged.push(item);
            merged_tok.push(tok);
        }
        let (sk, sk_tok) = (merged, merged_tok);
        let modifier: Vec<bool> = slots.iter().map(|m| ments[m[0]].modifier).collect();
        // "European leaders, together with Zelensky, are trying ...": the coordinated reading
        // drops "together with"; the skeleton as written keeps it for patterns that name it.
        let with_joined = sk.windows(3).any(|w| {
            matches!(&w[0], Sk::Word(a) if a == "together" || a == "along")
                && matches!(&w[1], Sk::Word(b) if b == "with")
                && matches!(&w[2], Sk::Slot(_))
        });
        let as_written = with_joined.then(|| (sk.clone(), sk_tok.clone()));
        // A subject pronoun opens a clause of its own: "supporting Ukraine and we will never accept".
        let clause_pronoun: Vec<bool> = slots
            .iter()
            .map(|m| {
                m.iter().all(|&mi| {
                    ments[mi].pronoun
                        && matches!(
                            text[ments[mi].start..ments[mi].end].to_lowercase().as_str(),
                            "we" | "they" | "he" | "she" | "it"
                        )
                })
            })
            .collect();
        let (sk, sk_tok) = coordinate(sk, sk_tok, &mut slots, &modifier, &clause_pronoun);
        let actor_of = |slot: usize| -> Vec<ActorRef> {
            let mut v: Vec<ActorRef> = slots[slot].iter().map(|&mi| ments[mi].actor).collect();
            v.dedup();
            v
        };

        // 6. Role phrases: "[Russian] President Vladimir Putin", "Russia's Foreign Minister Sergei Lavrov",
        // and descriptions that name a role ("the Kremlin dictator", "the head of the White House").
        let mut found: Vec<RelationInstance> = Vec::new();
        let described = role_edges.iter().map(|&(a, b, person, org)| {
            let relation = rules.actors[person]
                .roles
                .iter()
                .filter(|r| r.of == org)
                .max_by_key(|r| (r.active_on(date), r.relation == "leads"))
                .map_or("leads", |r| r.relation.as_str());
            (a, b, person, org, relation, "description")
        });
        let appos_spans: Vec<(usize, usize, ActorRef)> = appos_edges.iter().map(|&(a, b, p, _, _)| (a, b, p)).collect();
        let apposed = appos_edges
            .into_iter()
            .map(|(a, b, person, org, relation)| (a, b, person, org, relation, "apposition"));
        for (a, b, person, org, relation, how) in described.chain(apposed) {
            let trigger = text[toks[a].start..toks[b].end].to_string();
            found.push(RelationInstance::role(person, relation, org, how, trigger, si, (s, e)));
        }
        let sk_words: Vec<&str> = sk
            .iter()
            .map(|x| if let Sk::Word(w) = x { w.as_str() } else { "@" })
            .collect();
        for (p, item) in sk.iter().enumerate() {
            let Sk::Slot(ps) = item else { continue };
            // The title qualifies the first member of a coordination: "President Putin and the government";
            // a plural title all of them: "US envoys Witkoff and Kushner".
            let first = ments[slots[*ps][0]].actor;
            if ex.actor(rules, first).kind != Kind::Person {
                continue;
            }
            // find a title ending right before p
            let Some((ti, tstart)) = (1..=4).rev().filter(|l| *l <= p).find_map(|l| {
                self.title_at(&sk_words, p - l)
                    .filter(|(_, len)| *len == l)
                    .map(|(t, _)| (t, p - l))
            }) else {
                continue;
            };
            let title = &lex.titles[ti];
            let plural_title = p > 0 && sk_words[p - 1].ends_with('s') && !sk_words[p - 1].ends_with("ss");
            let mut persons: Vec<ActorRef> = vec![first];
            if plural_title {
                for &mi in &slots[*ps][1..] {
                    let a = ments[mi].actor;
                    if ex.actor(rules, a).kind == Kind::Person && !persons.contains(&a) {
                        persons.push(a);
                    }
                }
            }
            let mut named_org: Option<ActorRef> = None;
            let mut j = tstart;
            if j > 0 && sk_words[j - 1] == "'s" {
                j -= 1;
            }
            if j > 0 {
                if let Sk::Slot(os) = sk[j - 1] {
                    let o = actor_of(os);
                    if o.len() == 1 && ex.actor(rules, o[0]).kind != Kind::Person {
                        named_org = Some(o[0]);
                    }
                }
            }
            for pa in persons {
                let mut org = named_org;
                if org.is_none() && pa < rules.actors.len() {
                    let roles = &rules.actors[pa].roles;
                    let pick = roles
                        .iter()
                        .filter(|r| r.class == title.class)
                        .max_by_key(|r| (r.active_on(date), r.from.clone()))
                        .or_else(|| {
                            roles
                                .iter()
                                .filter(|r| r.relation == title.relation)
                                .max_by_key(|r| (r.active_on(date), r.from.clone()))
                        });
                    org = pick.map(|r| r.of);
                }
                if let Some(o) = org {
                    let first_tok = sk_tok[if named_org.is_some() && j > 0 && matches!(sk[j - 1], Sk::Slot(_)) {
                        j - 1
                    } else {
                        tstart
                    }];
                    let trigger = text[toks[first_tok].start..toks[sk_tok[p] - 1].end].trim().to_string();
                    found.push(RelationInstance::role(
                        pa,
                        &title.relation,
                        o,
                        "role-phrase",
                        trigger,
                        si,
                        (s, e),
                    ));
                }
            }
        }

        // 7. Relation patterns over the skeleton string, without role-phrase headers:
        // "refused to meet Ukrainian President Volodymyr Zelensky" reads as "refused to meet @zelensky".
        let mut keep = vec![true; sk.len()];
        for (i, item) in sk.iter().enumerate() {
            let Sk::Slot(n) = item else { continue };
            if !modifier[*n] {
                continue;
            }
            let j = if sk_words.get(i + 1) == Some(&"'s") {
                i + 2
            } else {
                i + 1
            };
            // A title, or a leader noun ("his Chinese counterpart Wang Yi"), before a name.
            let len = self.title_at(&sk_words, j).map(|(_, len)| len).or_else(|| {
                sk_words
                    .get(j)
                    .is_some_and(|w| lex.leader_nouns.iter().any(|n| n == w))
                    .then_some(1)
            });
            if let Some(len) = len {
                if matches!(sk.get(j + len), Some(Sk::Slot(_))) {
                    keep[i..j + len].iter_mut().for_each(|k| *k = false);
                    // ... with its determiner: "met his Chinese counterpart Wang Yi".
                    if i > 0 && matches!(sk_words[i - 1], "his" | "her" | "its" | "their") {
                        keep[i - 1] = false;
                    }
                }
            }
        }
        // A bare title before a person: "berated President Zelenskyy", "Vice President JD Vance".
        for (i, item) in sk.iter().enumerate() {
            let Sk::Slot(n) = item else { continue };
            if ex.actor(rules, ments[slots[*n][0]].actor).kind != Kind::Person {
                continue;
            }
            if let Some(len) = (1..=4.min(i))
                .rev()
                .find(|&l| self.title_at(&sk_words, i - l).is_some_and(|(_, tl)| tl == l))
            {
                // "Trump envoy Steve Witkoff": a title after a slot is a header, read as such elsewhere.
                if i > len && matches!(sk[i - len - 1], Sk::Slot(_)) {
                    continue;
                }
                keep[i - len..i].iter_mut().for_each(|k| *k = false);
            }
        }
        // A role apposition reads as its person: "protect the Venezuelan president, Nicolás Maduro,
        // from" is "protect @maduro from"; "Dmitriev, head of Russia's wealth fund, met" is
        // "@dmitriev met". Not across a verb ("the delegation was led by ...").
        for &(a, b, person) in &appos_spans {
            let in_span = |i: usize| sk_tok[i] >= a && sk_tok[i] <= b;
            let Some(first) = (0..sk.len()).find(|&i| in_span(i)) else {
                continue;
            };
            let last = (first..sk.len()).take_while(|&i| in_span(i)).last().unwrap_or(first);
            let Some(pi) = (first..=last)
                .find(|&i| matches!(sk[i], Sk::Slot(n) if slots[n].iter().any(|&mi| ments[mi].actor == person)))
            else {
                continue;
            };
            let plain = |from: usize, to: usize| {
                (from..to).all(|i| !matches!(&sk[i], Sk::Word(w) if APPOSITION_BREAKERS.contains(&w.as_str())))
            };
            let (hide_from, hide_to) = if pi > first && sk_words[pi - 1] == "," && plain(first, pi) {
                (first, pi)
            } else if pi == first && last > pi && sk_words.get(pi + 1) == Some(&",") && plain(pi + 1, last + 1) {
                (pi + 1, last + 1)
            } else {
                continue;
            };
            keep[hide_from..hide_to].iter_mut().for_each(|k| *k = false);
            // ... with the comma that closes it, unless a relative clause or another apposition
            // follows ("Kirill Dmitriev, who ...", "Nicolás Maduro, a figure with close Kremlin ties").
            let close = if hide_to == pi { pi + 1 } else { hide_to };
            let more = sk_words
                .get(close + 1)
                .is_some_and(|w| matches!(*w, "who" | "which" | "whose" | "a" | "an" | "the" | "one" | "another"));
            if sk_words.get(close) == Some(&",") && !more {
                keep[close] = false;
            }
        }
        let sk: Vec<Sk> = sk
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(x, _)| x.clone())
            .collect();
        let sk_tok: Vec<usize> = sk_tok.iter().zip(&keep).filter(|(_, k)| **k).map(|(x, _)| *x).collect();
        // Without the headers, "U.S. President Trump and Russian President Putin" coordinate.
        let (sk, sk_tok) = coordinate(sk, sk_tok, &mut slots, &modifier, &clause_pronoun);
        // Understood subjects: a clause with no subject of its own gets its controller's slot
        // written before its verb, so "{S} <verb> {T}" patterns read it.
        // Patterns read the sentence as written, then (when it has any) with its understood subjects.
        let actor_of = |slot: usize| -> Vec<ActorRef> {
            let mut v: Vec<ActorRef> = slots[slot].iter().map(|&mi| ments[mi].actor).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let understood_reading = self.understood_subjects(&sk, &sk_tok, &slots, &ments, &modifier, text);
        let mut readings = vec![(vec![false; sk.len()], sk, sk_tok)];
        readings.extend(understood_reading);
        readings.extend(as_written.map(|(sk, sk_tok)| (vec![false; sk.len()], sk, sk_tok)));
        let mut trace_skeleton = String::new();
        for (understood, sk, sk_tok) in &readings {
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
            let item_at = |off: usize| offsets.partition_point(|&o| o <= off).saturating_sub(1);
            let ends_with_question = text[s..e].trim_end().ends_with('?');
            if slots.len() >= 2 || slots.iter().any(|s| s.len() >= 2) {
                let said_by_slots: Vec<usize> = self
                    .attribution
                    .iter()
                    .flat_map(|(re, after_verb)| {
                        // "the Kremlin has not confirmed the figures" names no speaker.
                        re.captures_iter(&skel)
                            .filter(|c| {
                                !c.get(2)
                                    .is_some_and(|m| m.as_str().split(' ').any(|w| matches!(w, "not" | "never")))
                            })
                            .filter_map(|c| c.get(1)?.as_str().parse::<usize>().ok())
                            // "said it would not enforce ...": a pronoun after the verb opens the
                            // reported clause; only a name there is a speaker ("..., said Lavrov").
                            .filter(|&n| {
                                !after_verb || slots.get(n).is_some_and(|s| s.iter().any(|&mi| !ments[mi].pronoun))
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect();
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
                for (pi, (rel, pat)) in rules.patterns().enumerate() {
                    if !candidate[pi] || self.only_pattern.as_ref().is_some_and(|o| *o != pat.rule) {
                        continue;
                    }
                    // Matches are tried from every start, not only after the previous match: a match
                    // rejected below (a source that does not own its noun) must not hide a later one
                    // that overlaps it. Each slot pair is read once per pattern.
                    let mut at = 0;
                    let mut seen_pairs: Vec<(usize, usize)> = Vec::new();
                    while at <= skel.len() {
                        let Some(c) = pat.compiled.regex.captures_at(&skel, at) else {
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
                        // A participle after an auxiliary is passive: only patterns written for it read it.
                        // Without "by", too, unless an adjective's preposition follows ("is opposed to"):
                        // "55,000 Ukrainian troops have been killed since ..." is no act of theirs.
                        if !pat.rule.contains("passive")
                            && tr_first > 0
                            && PASSIVE_AUX.contains(&sk_words[tr_first - 1])
                            && (sk_words.get(tr_last + 1) == Some(&"by")
                                || (self.pasts.contains(sk_words[tr_first])
                                    && !matches!(
                                        sk_words.get(tr_last + 1),
                                        Some(&("to" | "with" | "against" | "about"))
                                    )))
                        {
                            continue;
                        }
                        // A verb right after a determiner or a preposition is a noun: "prerequisites for
                        // talks with Moscow", "the attacks on Kyiv" (nominal patterns cover those).
                        // A gerund after a preposition stays a verb: "instrumental in supporting Kyiv".
                        if pat.source.contains('<')
                            && tr_first > 0
                            && (DETERMINERS.contains(&sk_words[tr_first - 1])
                                || (NOUN_PREPOSITIONS.contains(&sk_words[tr_first - 1])
                                    && !sk_words[tr_first].ends_with("ing")))
                        {
                            continue;
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
                                continue;
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
                                continue;
                            }
                        }
                        // A place is not a target ("a new security order in Europe"), unless the pattern says so.
                        if let Some(tg) = c.name("T") {
                            let ti = item_at(tg.start());
                            if ti > 0
                                && PLACE_MARKERS.contains(&sk_words[ti - 1])
                                && !spells_before_target(&pat.source, sk_words[ti - 1])
                            {
                                continue;
                            }
                        }
                        // A speaker is never the source of what they report: no attribution verb in the gaps.
                        let speaker_gap = (m_first..=m_last)
                            .filter(|i| *i < tr_first || *i > tr_last)
                            .any(|i| lex.attribution_verbs.iter().any(|v| v == sk_words[i]));
                        if speaker_gap {
                            continue;
                        }
                        let slot = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<usize>().ok());
                        let mut pairs: Vec<(ActorRef, ActorRef, usize, usize)> = Vec::new();
                        if pat.compiled.pair {
                            let Some(ps) = slot("P") else { continue };
                            // An understood subject is one side of its clause, not a group acting together.
                            if c.name("P").is_some_and(|g| understood[item_at(g.start())]) {
                                continue;
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
                                    if oa.iter().any(|o| ob.contains(o))
                                        || (detailed && person(members[a]) != person(members[b]))
                                    {
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
                        } else {
                            // A pattern without {T} names its implied target, when the sentence mentions
                            // it and the match is not followed by a target of its own ("Russia's invasion
                            // of Georgia").
                            let implied = || {
                                let a = pat.implied_target?;
                                let next = sk_words.get(m_last + 1).copied().unwrap_or("");
                                let next2 = sk_words.get(m_last + 2).copied().unwrap_or("");
                                let own_target = next == "@"
                                    || (matches!(next, "of" | "on" | "against" | "into") && !next2.is_empty());
                                if own_target {
                                    return None;
                                }
                                let s_slot = slot("S");
                                (0..slots.len())
                                    .find(|&n| Some(n) != s_slot && slots[n].iter().any(|&mi| ments[mi].actor == a))
                            };
                            let (Some(ss), Some(ts)) = (slot("S"), slot("T").or_else(implied)) else {
                                continue;
                            };
                            // An object pronoun is no source, except as the subject of "for him to V".
                            let s_at = c.name("S").map(|g| item_at(g.start()));
                            let for_to = s_at.is_some_and(|i| {
                                i > 0 && sk_words[i - 1] == "for" && sk_words.get(i + 1) == Some(&"to")
                            });
                            if !for_to && slots[ss].iter().all(|&mi| ments[mi].objective) {
                                continue;
                            }
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
                                continue;
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
                                    .any(|w| POSSESSED_SUBJECT_GAP.contains(w));
                            // A contrary verb between the source and the trigger turns the trigger around:
                            // "the UN condemned the latest attacks", "Orban opposed sending weapons to Kyiv"
                            // ("refused to negotiate" is a negation, read below).
                            let s_item = c.name("S").map_or(m_first, |g| item_at(g.start()));
                            let contrary = (s_item + 1..tr_first).any(|i| {
                                self.contrary_verbs.contains(sk_words[i]) && sk_words.get(i + 1) != Some(&"to")
                            });
                            if verbal && contrary {
                                continue;
                            }
                            if verbal && possessor && c.name("S").is_some_and(|g| g.start() == whole.start() + 1) {
                                continue;
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
                                    (OBJECT_MARKERS.contains(&w)
                                        && !(w == "for"
                                            && sk_words.get(m_first + 1) == Some(&"to")
                                            && m_first >= 2
                                            && INFINITIVE_ADJECTIVES.contains(&sk_words[m_first - 2])))
                                        || PLACE_MARKERS.contains(&w)
                                        || (w == "by"
                                            && (pat.source.contains('<') || sk_words.get(m_first + 1) == Some(&"to")))
                                })
                            {
                                continue;
                            }
                            // "in central Kyiv", "in war-torn Ukraine": a place after an adjective.
                            if verbal
                                && s_first
                                && !understood[m_first]
                                && m_first >= 2
                                && PLACE_MARKERS.contains(&sk_words[m_first - 2])
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
                                continue;
                            }
                            // "NATO membership ... has undermined": a modifier of a noun is not the subject.
                            let modifies = sk_words
                                .get(m_first + 1)
                                .is_some_and(|w| rules.lexicon.possessed_heads.iter().any(|h| h == w));
                            let pronoun_s = slots[ss].iter().all(|&mi| ments[mi].pronoun);
                            if verbal && s_first && modifies && !pronoun_s {
                                continue;
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
                            if nominal && s_first {
                                let si_ = item_at(c.name("S").expect("S").start());
                                // "Russia's war", and "the Russian invasion" (a demonym owns its noun too).
                                // ... and so does a name right before the noun: "skeptical of U.S. support".
                                let possessive = sk_words.get(si_ + 1) == Some(&"'s")
                                    || si_ + 1 == tr_first
                                    || slots[ss].iter().all(|&mi| {
                                        matches!(ments[mi].how, How::Demonym(_)) || possessive_pronoun(text, &ments[mi])
                                    });
                                let gap = &sk_words[(si_ + 1).min(tr_first)..tr_first];
                                // ... nor across a verb that turns the noun around: "Orban has opposed
                                // sanctions against Russia", "lifted its sanctions on Moscow".
                                if gap
                                    .iter()
                                    .any(|w| NOMINAL_GAP_BREAKERS.contains(w) || self.contrary_verbs.contains(*w))
                                {
                                    continue;
                                }
                                // "{S} 's ~3 (support) for {T}" triggers on "'s": an actor or possessive
                                // pronoun past a preposition owns the noun instead ("Russia's war through
                                // its support for Iran").
                                if sk_words.get(tr_first) == Some(&"'s") {
                                    let t_at = c.name("T").map_or(m_last, |t| item_at(t.start()));
                                    let pron = (si_ + 1..t_at).find(|&i| sk_words[i].starts_with(['@', '&']));
                                    if pron.is_some_and(|p| {
                                        sk_words[si_ + 1..p].iter().any(|w| NOMINAL_GAP_BREAKERS.contains(w))
                                    }) {
                                        continue;
                                    }
                                }
                                if !possessive
                                    && before.is_some_and(|w| OBJECT_MARKERS.contains(&w) || PLACE_MARKERS.contains(&w))
                                {
                                    continue;
                                }
                            }
                            // "destabilize Europe and undermine NATO": a source followed by "and" + the
                            // verb is the object of an earlier verb, not the subject of this one.
                            if verbal
                                && s_first
                                && tr_first == m_first + 2
                                && matches!(sk_words.get(m_first + 1), Some(&"and") | Some(&"or"))
                            {
                                continue;
                            }
                            if seen_pairs.contains(&(ss, ts)) {
                                continue;
                            }
                            seen_pairs.push((ss, ts));
                            // An implied target is that actor alone, not the rest of its coordination.
                            let only = if slot("T").is_none() { pat.implied_target } else { None };
                            for a in actor_of(ss) {
                                for b in actor_of(ts).into_iter().filter(|b| only.is_none_or(|o| o == *b)) {
                                    pairs.push((a, b, ss, ts));
                                }
                            }
                        }
                        // Verbal patterns read negation and hedges just before the source too ("if Putin
                        // agrees"); nominal ones only between the source and the trigger.
                        // The words before the source stay within its clause: "If the deadline is not met,
                        // the administration will put pressure on ..." is not negated.
                        // Three words before a verbal match, neither past punctuation; for hedges,
                        // also two before a nominal one ("possible talks between Trump and Putin"),
                        // whose negation belongs to another verb ("would not enforce Western
                        // sanctions on Russia").
                        let verbal_start = pat.source.starts_with("{S} ~~") || pat.source.starts_with("{P}");
                        let window_of = |before: usize| {
                            let start = (m_first.saturating_sub(before)..m_first)
                                .rev()
                                .find(|&i| matches!(sk_words[i], "," | ";" | ":" | "—" | "\"" | "(" | ")"))
                                .map_or(m_first.saturating_sub(before), |i| i + 1);
                            let window = sk_words[start.min(tr_first)..tr_first].join(" ");
                            // "not only", and litotes before the source ("it was not difficult for
                            // Putin to consent") negate nothing.
                            ["not only", "not difficult", "not hard", "not surprising", "not unusual"]
                                .iter()
                                .fold(format!(" {window} "), |w, l| w.replace(&format!(" {l} "), " "))
                        };
                        let window = window_of(if verbal_start { 3 } else { 0 });
                        let hedge_window = if verbal_start || pat.source.contains('<') {
                            window.clone()
                        } else {
                            window_of(2)
                        };
                        let clause_start = sk_words[..=tr_last]
                            .iter()
                            .rposition(|w| *w == ";" || *w == "—")
                            .map_or(0, |p| p + 1);
                        let clause: String = format!(" {} ", sk_words[clause_start.min(tr_first)..tr_first].join(" "));
                        let cue =
                            |list: &[String], hay: &str| list.iter().find(|c| hay.contains(&format!(" {c} "))).cloned();
                        // "there was no indication he met the Ukrainian side": the text does not say.
                        if cue(&lex.unknown, &window).is_some() {
                            continue;
                        }
                        let mut why = Vec::new();
                        if pat.negative {
                            // The pattern's own "not" is its cue; a second one ("did not fail to") is rare.
                        } else if let Some(c) = cue(&lex.negation, &window) {
                            why.push(format!("negation: {c}"));
                        }
                        // "would not deploy troops" is a stated policy, "would meet" a prediction.
                        let negation_here = why.iter().any(|w| w.starts_with("negation"));
                        let hedge_cue = lex
                            .hedge
                            .iter()
                            .filter(|c| !(negation_here && c.as_str() == "would"))
                            .find(|c| hedge_window.contains(&format!(" {c} ")));
                        // A purpose clause's understood subject ("... to deter Russia") does what
                        // is intended, not done.
                        let purpose = understood[m_first]
                            && m_first >= 2
                            && sk_words[m_first - 1] == "to"
                            && !matches!(
                                sk_words[m_first - 2],
                                "continue" | "continues" | "continued" | "began" | "begun" | "begin" | "begins"
                                    | "started" | "start" | "starts" | "managed" | "manages" | "on" | "used"
                                    | "proceeded" | "went" | "came"
                            )
                            // "travelled to Moscow to meet Putin" reports the meeting; so does an
                            // ongoing act: "is abusing the talks to attack civilian infrastructure".
                            && !(m_first.saturating_sub(5)..m_first).any(|i| MOTION_VERBS.contains(&sk_words[i]))
                            && !(m_first.saturating_sub(8)..m_first.saturating_sub(1)).any(|i| {
                                matches!(sk_words[i], "is" | "are" | "was" | "were")
                                    && sk_words[i + 1].ends_with("ing")
                            });
                        if pat.hedged {
                            why.push("hedge: the pattern is hedged".to_string());
                        } else if let Some(c) = hedge_cue {
                            why.push(format!("hedge: {c}"));
                        } else if purpose {
                            why.push("hedge: purpose clause".to_string());
                        } else if let Some(c) = cue(&lex.condition, &clause) {
                            why.push(format!("condition: {c}"));
                        } else if ends_with_question {
                            why.push("hedge: question".to_string());
                        } else if let Some(m) = (!pat.source.contains('<'))
                            .then(|| sk_words.get(m_last + 1))
                            .flatten()
                            .filter(|w| matches!(**w, "will" | "would" | "could" | "might" | "may" | "should"))
                        {
                            // A nominal relation with a modal after it is predicted, not reported:
                            // "U.S.-Russia negotiations would begin immediately".
                            why.push(format!("hedge: {m} after the noun"));
                        }
                        let negation_cue = why.iter().any(|w| w.starts_with("negation"));
                        if pat.negated {
                            // "withdraw from its commitments": the pattern's cue is a negation, and a
                            // second one ("did not withdraw") undoes it.
                            match why.iter().position(|w| w.starts_with("negation")) {
                                Some(p) => {
                                    why[p] = format!("{} (cancels the pattern's own negation)", why[p]);
                                }
                                None => why.push("negation: the pattern states the relation does not hold".into()),
                            }
                        }
                        let negated = negation_cue != pat.negated;
                        let hedged = why.iter().any(|w| !w.starts_with("negation"));
                        let item_start = |i: usize| toks[sk_tok[i]].start;
                        let item_end = |i: usize| if i + 1 < sk.len() { item_start(i + 1) } else { e };
                        let trigger = text[item_start(tr_first)..item_end(tr_last)]
                            .trim_matches(|c: char| c.is_whitespace() || is_invisible(c))
                            .to_string();
                        for (a, b, ss, ts) in pairs {
                            if a == b || ex.actor(rules, a).id == ex.actor(rules, b).id {
                                continue;
                            }
                            let serves = |p: ActorRef, o: ActorRef| ex.actor(rules, p).roles.iter().any(|r| r.of == o);
                            // A leader praising or backing their own state says nothing about relations
                            // between actors ("Zelensky praised Ukrainian forces").
                            if rel.id == "supports" && serves(a, b) {
                                continue;
                            }
                            if NOT_AGAINST_OWN.contains(&rel.id.as_str()) && (serves(a, b) || serves(b, a)) {
                                continue;
                            }
                            // Members of one side do not negotiate or ally with each other ("Putin's
                            // envoy Dmitriev attends the talks with Putin").
                            if rel.symmetric && sides(ex, rules, a).iter().any(|o| sides(ex, rules, b).contains(o)) {
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
                            });
                        }
                    }
                }
            }
            trace_skeleton = skel;
        }
        if self.trace {
            ex.traces.push(SentenceTrace {
                sentence: si,
                skeleton: trace_skeleton.trim_end().to_string(),
                slots: (0..slots.len()).map(actor_of).collect(),
            });
        }
        // One instance per (source, relation, target, negated) per sentence.
        let mut seen = std::collections::HashSet::new();
        for r in found {
            let sym = rules.relation(&r.relation).is_some_and(|x| x.symmetric);
            let (a, b) = if sym && r.target < r.source {
                (r.target, r.source)
            } else {
                (r.source, r.target)
            };
            if seen.insert((a, r.relation.clone(), b, r.negated)) {
                ex.relations.push(r);
            }
        }
        let mut sorted: Vec<&Mention> = ments.iter().collect();
        sorted.sort_by_key(|m| m.start);
        for (_, pair) in self.joined_pairs(ex, text, &sorted) {
            ex.pairs.push(si, pair);
        }
        for m in ments.iter().filter(|m| !m.pronoun) {
            if !matches!(m.how, How::Alias(ai) if rules.aliases[ai].anaphoric) {
                ex.named.insert(m.actor);
            }
        }
        ex.mentions.extend(ments);
    }
}
