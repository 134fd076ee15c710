//! Persons the rules do not know: speakers named next to a verb of saying, and the new actors
//! that unknown names become (`Extraction::new_actors`).

use super::*;

/// Whether `text[from..to]` holds a capitalized name that no mention covers, right before a
/// verb ("Zaluzhnyi tried", "Sullivan said"): a person the rules do not know, acting.
pub(super) fn unknown_person_acts(text: &str, from: usize, to: usize, covered: impl Fn(usize, usize) -> bool) -> bool {
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
            && !NOT_NAMES.contains(&name)
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
                && !NOT_NAMES.contains(&w)
                && !NOT_PERSON_NAME_WORDS.contains(&w)
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
            while a < b && NAME_PREFIXES.contains(&&text[toks[a].start..toks[a].end]) {
                a += 1;
            }
            // Part of a longer capitalized phrase ("Colorado River Basin states"): no name.
            if a > 0
                && is_name_word(&text[toks[a - 1].start..toks[a - 1].end])
                && !NAME_PREFIXES.contains(&&text[toks[a - 1].start..toks[a - 1].end])
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
