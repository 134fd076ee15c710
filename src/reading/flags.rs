//! Flags: negation, hedging, conditions and "unknown" cues read around a pattern's match, with
//! the cue that set each (`RelationInstance::why`).

use super::*;

impl<'r> Extractor<'r> {
    /// The flags of a match: (why, negated, hedged), or `None` when a cue says the text does not
    /// know whether the relation holds ("there was no indication he met ..."): no edge at all.
    ///
    /// Verbal patterns read negation and hedges just before the source too ("if Putin agrees");
    /// nominal ones only between the source and the trigger. The words before the source stay
    /// within its clause: "If the deadline is not met, the administration will put pressure on
    /// ..." is not negated.
    pub(super) fn flags(&self, wr: &Written, pat: &Pattern, hit: &Hit) -> Option<(Vec<String>, bool, bool)> {
        let lex = &self.rules.lexicon;
        let (sk_words, understood) = (&wr.words, wr.understood);
        let (tr_first, tr_last, m_first, m_last) = (hit.tr_first, hit.tr_last, hit.m_first, hit.m_last);
        let ends_with_question = wr.question;
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
        let cue = |list: &[String], hay: &str| list.iter().find(|c| hay.contains(&format!(" {c} "))).cloned();
        // "there was no indication he met the Ukrainian side": the text does not say.
        if cue(&lex.unknown, &window).is_some() {
            return None;
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
            && !(m_first.saturating_sub(5)..m_first).any(|i| self.rules.lexicon.grammar.motion_verbs.contains(sk_words[i]))
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
        Some((why, negated, hedged))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::surface_relations;

    fn check(text: &str, expected: &[&str]) {
        assert_eq!(surface_relations(text, true), expected, "{text}");
    }

    /// The flags stage: negation, hedges, conditions and unknown cues with the cue that set them.
    #[test]
    fn reads() {
        check(
            "Russia did not attack Ukraine.",
            &["russia not attacks ukraine (negation: not)"],
        );
        check(
            "Russia may attack Ukraine.",
            &["russia attacks ukraine hedged (hedge: may)"],
        );
        check(
            "If Putin agrees, Trump will meet Zelensky.",
            &["donald_trump negotiates volodymyr_zelensky hedged (hedge: will)"],
        );
        check(
            "There was no indication he met Zelensky. Putin attacked Ukraine.",
            &["vladimir_putin attacks ukraine"],
        );
        check(
            "Trump declined to condemn Russia.",
            &["donald_trump not opposes russia (negation: declined to)"],
        );
        check(
            "Did Russia attack Ukraine?",
            &["russia attacks ukraine hedged (hedge: question)"],
        );
    }
}
