//! Offices: titles spelled in a sentence, and the person who holds an office of a state or
//! organization on the document's date ("the US president", "Russia's foreign minister").

use super::*;

impl<'r> Extractor<'r> {
    /// The title (index into lexicon.titles) spelled by the words starting at `i`, and its length.
    pub(super) fn title_at(&self, words: &[&str], i: usize) -> Option<(usize, usize)> {
        self.title_first
            .get(*words.get(i)?)?
            .iter()
            .find(|(w, _)| words.len() >= i + w.len() && w.iter().zip(&words[i..]).all(|(a, b)| a == b))
            .map(|(w, t)| (*t, w.len()))
    }

    /// The person holding a role of `class` ("leader" for any head) in actor `of` on `date`.
    pub(super) fn holder(&self, of: usize, class: &str, spelled: &str, date: Option<&str>) -> Option<usize> {
        let cands = self.roles_of.get(&of)?;
        // The envoy class holds many offices (ambassador, spokesman, finance minister ...): a
        // description names a holder only when it spells that holder's own title.
        if class == "envoy" {
            // A state has an ambassador in every capital: "Russia's ambassador" names none of them.
            // Nor does a title held by several at once: "Russia's deputy foreign minister".
            if spelled.contains("ambassador") || spelled.starts_with("deputy") || spelled.starts_with("first deputy") {
                return None;
            }
            return cands
                .iter()
                .filter(|(p, r)| self.rules.actors[*p].roles[*r].active_on(date))
                .find(|(p, r)| {
                    let title = self.rules.actors[*p].roles[*r].title.as_str();
                    title.eq_ignore_ascii_case(spelled)
                })
                .map(|(p, _)| *p);
        }
        let active = |(p, r): &&(usize, usize)| self.rules.actors[*p].roles[*r].active_on(date);
        let role = |(p, r): &(usize, usize)| &self.rules.actors[*p].roles[*r];
        if class == "leader" {
            for pref in &self.rules.lexicon.grammar.leader_preference {
                if let Some((p, _)) = cands.iter().filter(active).find(|c| role(c).class == *pref) {
                    return Some(*p);
                }
            }
            return cands
                .iter()
                .filter(active)
                .find(|c| role(c).relation == "leads")
                .map(|(p, _)| *p);
        }
        cands
            .iter()
            .filter(active)
            .find(|c| role(c).class == class)
            .map(|(p, _)| *p)
    }

    /// `(class, words)` of a leader noun or title at word `i`: "president" -> ("president", 1).
    pub(super) fn leader_class(&self, words: &[&str], i: usize) -> (String, usize) {
        if let Some((t, len)) = self.title_at(words, i) {
            return (self.rules.lexicon.titles[t].class.clone(), len);
        }
        if words
            .get(i)
            .is_some_and(|w| self.rules.lexicon.leader_nouns.iter().any(|n| n == w))
        {
            return ("leader".into(), 1);
        }
        (String::new(), 0)
    }

    /// The state or organization a person leads on `date` (or most recently).
    pub(super) fn led_by(&self, person: usize, date: Option<&str>) -> Option<usize> {
        let roles = &self.rules.actors[person].roles;
        roles
            .iter()
            .filter(|r| r.relation == "leads")
            .max_by_key(|r| (r.active_on(date), r.from.clone()))
            .map(|r| r.of)
    }
}

impl<'r> Extractor<'r> {
    /// Step 2 of a sentence: definite descriptions become mentions of the office holder on the
    /// document's date: "Ukraine's foreign minister", "the Kremlin dictator", "the head of the
    /// White House", and "the envoy" for the last person named holding such an office. Returns the
    /// role edges they give (first token, last token, person, org).
    pub(super) fn descriptions(
        &self,
        ex: &Extraction,
        st: &Sentence,
        ments: &mut Vec<Mention>,
    ) -> Vec<(usize, usize, usize, usize)> {
        let Sentence {
            text,
            si,
            date,
            toks,
            words,
            ..
        } = *st;
        let rules = self.rules;
        let tok_end = |off: usize| st.tok_end(off);
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
                    let (class, len) = self.leader_class(words, mj + 2);
                    let spelled = words[(mj + 2).min(words.len())..(mj + 2 + len).min(words.len())].join(" ");
                    let followed_by_name = name_follows(text, toks, mj + 2 + len);
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
                        let (class, len) = self.leader_class(words, mj + 1);
                        let spelled = words[(mj + 1).min(words.len())..(mj + 1 + len).min(words.len())].join(" ");
                        let followed_by_name = name_follows(text, toks, mj + 1 + len);
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
                let (class, len) = self.leader_class(words, i + 1);
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
        role_edges
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_mentions as check;

    /// The offices stage: descriptions name the office holder on the date.
    #[test]
    fn reads() {
        check(
            "The US president met Ukraine's foreign minister.",
            &[
                "The US president=donald_trump",
                "Ukraine's foreign minister=andrii_sybiha",
            ],
        );
        check(
            "The head of the White House spoke to the Kremlin dictator.",
            &[
                "The head of the White House=donald_trump",
                "the Kremlin dictator=vladimir_putin",
            ],
        );
    }
}
