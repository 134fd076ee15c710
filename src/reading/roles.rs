//! Role phrases: "[Russian] President Vladimir Putin", "Russia's Foreign Minister Sergei Lavrov",
//! and the descriptions and appositions that name a role ("the Kremlin dictator", "Rafael Grossi,
//! head of the UN's nuclear watchdog") give `leads` / `represents` edges.

use super::*;

impl<'r> Extractor<'r> {
    /// Step 6 of a sentence: the role edges of descriptions (`role_edges`: first token, last
    /// token, person, org), of appositions, and of titles before a person in the skeleton.
    pub(super) fn role_relations(
        &self,
        ex: &Extraction,
        st: &Sentence,
        ments: &[Mention],
        skeleton: &Skeleton,
        role_edges: &[(usize, usize, usize, usize)],
        appos_edges: &[(usize, usize, ActorRef, ActorRef, &'static str)],
    ) -> Vec<RelationInstance> {
        let Sentence {
            text,
            si,
            s,
            e,
            date,
            toks,
            ..
        } = *st;
        let rules = self.rules;
        let lex = &rules.lexicon;
        let (sk, sk_tok, slots) = (&skeleton.items, &skeleton.toks, &skeleton.slots);
        let actor_of = |slot: usize| -> Vec<ActorRef> {
            let mut v: Vec<ActorRef> = slots[slot].iter().map(|&mi| ments[mi].actor).collect();
            v.dedup();
            v
        };
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
        let apposed = appos_edges
            .iter()
            .map(|&(a, b, person, org, relation)| (a, b, person, org, relation, "apposition"));
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
                // A leader noun as a title ("NATO chief Mark Rutte") heads an organization the
                // sentence names: "White House chief" or "military chief" says too little.
                let leader_noun = title.class == "leader";
                if leader_noun && named_org.is_none_or(|o| ex.actor(rules, o).kind != Kind::Organization) {
                    continue;
                }
                if let Some(o) = org {
                    // A person known to hold another office there keeps it ("IAEA chief").
                    let known = rules.actors.get(pa).map(|a| &a.roles[..]).unwrap_or_default();
                    let relation = known
                        .iter()
                        .filter(|r| leader_noun && r.of == o)
                        .max_by_key(|r| (r.active_on(date), r.from.clone()))
                        .map_or(&title.relation, |r| &r.relation);
                    let first_tok = sk_tok[if named_org.is_some() && j > 0 && matches!(sk[j - 1], Sk::Slot(_)) {
                        j - 1
                    } else {
                        tstart
                    }];
                    let trigger = text[toks[first_tok].start..toks[sk_tok[p] - 1].end].trim().to_string();
                    found.push(RelationInstance::role(
                        pa,
                        relation,
                        o,
                        "role-phrase",
                        trigger,
                        si,
                        (s, e),
                    ));
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_relations as check;

    /// The roles stage: role phrases and descriptions give leads and represents.
    #[test]
    fn reads() {
        check(
            "Russian Foreign Minister Sergei Lavrov met Rubio.",
            &[
                "sergei_lavrov negotiates marco_rubio",
                "sergei_lavrov represents russia",
            ],
        );
        check(
            "US envoys Witkoff and Kushner met Dmitriev.",
            &[
                "jared_kushner negotiates kirill_dmitriev",
                "jared_kushner represents united_states",
                "steve_witkoff negotiates kirill_dmitriev",
                "steve_witkoff represents united_states",
            ],
        );
        check("The Russian president spoke.", &["vladimir_putin leads russia"]);
    }

    /// "chief" as a title heads an organization the sentence names; of a state's body ("White
    /// House chief", "military chief") it says too little; a known office there wins.
    #[test]
    fn chiefs_head_organizations() {
        check("NATO chief Mark Rutte spoke.", &["mark_rutte leads nato"]);
        check(
            "EU chiefs Ursula von der Leyen and Antonio Costa spoke.",
            &[
                "antonio_costa leads european_union",
                "ursula_von_der_leyen leads european_union",
            ],
        );
        check("Pentagon chief Pete Hegseth spoke.", &[]);
        check("Ugandan military chief Muhoozi Kainerugaba spoke.", &[]);
        check(
            "Army General Valery Gerasimov, the chief of the General Staff, spoke.",
            &["valery_gerasimov represents russia"],
        );
    }
}
