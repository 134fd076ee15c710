//! Persons the rules do not know: speakers named next to a verb of saying, and the new actors
//! that unknown names become (`Extraction::new_actors`).

use super::*;

/// Whether `text[from..to]` holds a capitalized name that no mention covers, right before a
/// verb ("Zaluzhnyi tried", "Sullivan said"): a person the rules do not know, acting.
pub(super) fn unknown_person_acts(
    g: &Grammar,
    text: &str,
    from: usize,
    to: usize,
    covered: impl Fn(usize, usize) -> bool,
) -> bool {
    let Some(span) = text.get(from..to) else {
        return false;
    };
    let toks = tokenize(span, from);
    toks.windows(2).any(|w| {
        let name = &text[w[0].start..w[0].end];
        let next = w[1].lower.as_str();
        let verb = next.len() > 3 && next.ends_with("ed")
            || matches!(
                next,
                "said"
                    | "says"
                    | "told"
                    | "tells"
                    | "has"
                    | "had"
                    | "was"
                    | "is"
                    | "will"
                    | "would"
                    | "met"
                    | "spoke"
                    | "wrote"
                    | "tried"
                    | "took"
                    | "made"
                    | "sought"
                    | "went"
                    | "came"
                    | "began"
            );
        verb && name.len() > 2
            && is_name_word(name)
            && text[w[1].start..].starts_with(|c: char| c.is_lowercase())
            && !g.not_names.contains(name)
            && !covered(w[0].start, w[0].end)
    })
}

impl<'r> Extractor<'r> {
    /// Step 3d of `sentence`: unknown names right before or after a verb of saying (or after
    /// "according to") become persons who fill `said_by`. Two name words at least, none an
    /// acronym or a word of an institution or outlet ("State Department", "Washington Post"); one
    /// word only when it is the surname of a speaker already met in the document.
    pub(super) fn speakers(
        &self,
        ex: &mut Extraction,
        text: &str,
        si: usize,
        toks: &[Token],
        words: &[&str],
        ments: &mut Vec<Mention>,
    ) {
        let lex = &self.rules.lexicon;
        let covered = |ments: &[Mention], t: &Token| ments.iter().any(|m| t.start < m.end && t.end > m.start);
        let name_at = |ments: &[Mention], k: usize| {
            let w = &text[toks[k].start..toks[k].end];
            is_name_word(w)
                && w.chars().skip(1).any(|c| c.is_lowercase())
                && !covered(ments, &toks[k])
                && !self.rules.lexicon.grammar.not_names.contains(w)
                && !self.rules.lexicon.grammar.institution_words.contains(w)
                && !lex.name_continuations.iter().any(|c| c == w)
        };
        let is_verb = |k: usize| {
            lex.attribution_verbs.iter().any(|v| v == words[k])
                || (words[k] == "to" && k > 0 && words[k - 1] == "according")
        };
        let mut found: Vec<(usize, usize)> = Vec::new();
        for k in 0..toks.len() {
            // "correspondent Laurence Brooks reports on the talks" reports no claim.
            if !is_verb(k) || matches!(words.get(k + 1), Some(&("on" | "about" | "from"))) {
                continue;
            }
            // Before the verb: "... Ivan Lizan believes" (not "according to").
            if words[k] != "to" {
                let mut a = k;
                while a > 0 && k - a < 3 && name_at(ments, a - 1) {
                    a -= 1;
                }
                if a < k {
                    found.push((a, k - 1));
                }
            }
            // After the verb: "writes Alexei Naumov", "according to Malek Dudakov".
            let mut b = k + 1;
            while b < toks.len() && b - k <= 3 && name_at(ments, b) {
                b += 1;
            }
            if b > k + 1 {
                found.push((k + 1, b - 1));
            }
        }
        for (mut a, b) in found {
            // "But Kato said", "Fed Chairman Paul Volcker said": the name starts after conjunctions
            // and titles.
            while a < b
                && self
                    .rules
                    .lexicon
                    .grammar
                    .speaker_prefixes
                    .contains(&text[toks[a].start..toks[a].end])
            {
                a += 1;
            }
            // Part of a longer capitalized phrase ("Colorado River Basin states"): no name.
            if a > 0
                && is_name_word(&text[toks[a - 1].start..toks[a - 1].end])
                && !self
                    .rules
                    .lexicon
                    .grammar
                    .speaker_prefixes
                    .contains(&text[toks[a - 1].start..toks[a - 1].end])
            {
                continue;
            }
            if b > a {
                let m = self.new_person(ex, text, si, toks[a].start, toks[b].end);
                if m.actor >= self.rules.actors.len() {
                    ex.speakers.insert(m.actor);
                }
                ments.push(m);
            } else {
                // A surname alone names a speaker already met: "Naumov concluded".
                let w = &text[toks[a].start..toks[a].end];
                let known = ex
                    .new_actors
                    .iter()
                    .position(|p| p.kind == Kind::Person && p.label.rsplit(' ').next() == Some(w));
                if let Some(p) = known {
                    ments.push(Mention {
                        start: toks[a].start,
                        end: toks[a].end,
                        actor: self.rules.actors.len() + p,
                        plural: false,
                        pronoun: false,
                        objective: false,
                        modifier: false,
                        sentence: si,
                        how: How::NewPerson,
                    });
                }
            }
        }
    }

    /// The mention of a person the rules do not know, named by `text[start..end]`: the rules' actor
    /// if the name's id is theirs, else the document's new actor of that id (added on first sight).
    /// A leading honorific is no part of the name ("Colonel Viktor Trehubov"), and a known person's
    /// name spelled another way is that person (`RuleSet::person_variant`: "Volodymyr Zelenskyi").
    pub(super) fn new_person(&self, ex: &mut Extraction, text: &str, si: usize, start: usize, end: usize) -> Mention {
        let rules = self.rules;
        let mut name = &text[start..end];
        while let Some((first, rest)) = name.split_once(' ') {
            match rules.lexicon.honorifics.iter().any(|h| h == first) && rest.contains(' ') {
                true => name = rest.trim_start(),
                false => break,
            }
        }
        let name = name.to_string();
        let id = slug(&name);
        let actor = match rules.actor(&id).or_else(|| rules.person_variant(&id)) {
            Some(a) => a,
            None => match ex.new_actors.iter().position(|a| a.id == id) {
                Some(p) => rules.actors.len() + p,
                None => {
                    ex.new_actors.push(Actor {
                        id,
                        label: name,
                        kind: Kind::Person,
                        plural: false,
                        gender: Gender::Unknown,
                        from: None,
                        to: None,
                        roles: Vec::new(),
                    });
                    rules.actors.len() + ex.new_actors.len() - 1
                }
            },
        };
        Mention {
            start,
            end,
            actor,
            plural: false,
            pronoun: false,
            objective: false,
            modifier: false,
            sentence: si,
            how: How::NewPerson,
        }
    }
}

impl<'r> Extractor<'r> {
    /// Step 3 of a sentence: a title before an unknown capitalized name makes a new person
    /// ("Foreign Minister Jane Doe"); a first name the rules do not know before a known person's
    /// surname after a title is that person ("Prime Minister Giorgio Meloni").
    pub(super) fn titled_persons(&self, ex: &mut Extraction, st: &Sentence, ments: &mut Vec<Mention>) {
        let Sentence {
            text, si, toks, words, ..
        } = *st;
        let rules = self.rules;
        let mut k = 0;
        while k < toks.len() {
            let Some((ti, len)) = self.title_at(words, k) else {
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
    }

    /// Step 3b of a sentence: a first name the rules do not know before a known surname is that
    /// person's: "Vladimir Zelensky" (a Russian spelling), "Joseph Biden".
    pub(super) fn known_surnames(&self, st: &Sentence, ments: &mut [Mention]) {
        let Sentence { text, toks, words, .. } = *st;
        let rules = self.rules;
        let lex = &rules.lexicon;
        let tok_at = |off: usize| st.tok_at(off);
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
                && !self.rules.lexicon.grammar.not_names.contains(&text[p.start..p.end])
                && !(1..=4).any(|l| ti >= l && self.title_at(words, ti - l).is_some_and(|(_, len)| len >= l))
                && !lex.leader_nouns.contains(&p.lower)
            {
                ments[mi].start = p.start;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_mentions as check;

    /// The names stage: unknown names after a title or next to a verb of saying become persons.
    #[test]
    fn reads() {
        check("Foreign Minister Jane Doe rejected the plan.", &["Jane Doe=jane_doe"]);
        check(
            "The plan will fail, political scientist Ivan Lizan believes. Lizan concluded that Russia won.",
            &["Russia=russia"],
        );
        check(
            "But Kato said the State Department said nothing.",
            &["State Department=united_states"],
        );
        check(
            "Vladimir Zelensky met Joseph Biden.",
            &["Vladimir Zelensky=volodymyr_zelensky", "Joseph Biden=joe_biden"],
        );
    }
}
