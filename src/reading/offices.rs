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
            for pref in LEADER_PREFERENCE {
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
