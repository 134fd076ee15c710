//! The readings the relation patterns run on: the skeleton without role-phrase headers
//! ("refused to meet Ukrainian President Volodymyr Zelensky" reads as "refused to meet @zelensky"),
//! coordinated again; then, when some clause has no subject of its own, the same with its
//! understood subjects written in; and, where "together with" joined two actors, the skeleton
//! as written.

use super::*;

/// One reading: skeleton items, the first token of each, and which items are understood
/// subjects written in.
pub(super) struct Reading {
    pub(super) understood: Vec<bool>,
    pub(super) items: Vec<Sk>,
    pub(super) toks: Vec<usize>,
}

impl<'r> Extractor<'r> {
    /// Step 7 of a sentence: the readings, in the order patterns run on them. Leaves the
    /// skeleton's slots as the last coordination merged them.
    pub(super) fn readings(
        &self,
        ex: &Extraction,
        st: &Sentence,
        ments: &[Mention],
        skeleton: &mut Skeleton,
        appos_spans: &[(usize, usize, ActorRef)],
    ) -> Vec<Reading> {
        let keep = self.header_mask(ex, ments, skeleton, appos_spans);
        let sk = std::mem::take(&mut skeleton.items);
        let sk_tok = std::mem::take(&mut skeleton.toks);
        let Skeleton {
            slots,
            modifier,
            clause_pronoun,
            as_written,
            ..
        } = skeleton;
        let sk: Vec<Sk> = sk
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(x, _)| x.clone())
            .collect();
        let sk_tok: Vec<usize> = sk_tok.iter().zip(&keep).filter(|(_, k)| **k).map(|(x, _)| *x).collect();
        // Without the headers, "U.S. President Trump and Russian President Putin" coordinate.
        let (sk, sk_tok) = coordinate(sk, sk_tok, slots, modifier, clause_pronoun);
        let understood_reading = self.understood_subjects(&sk, &sk_tok, slots, ments, modifier, st.text);
        let mut readings = vec![Reading {
            understood: vec![false; sk.len()],
            items: sk,
            toks: sk_tok,
        }];
        readings.extend(understood_reading.map(|(understood, items, toks)| Reading {
            understood,
            items,
            toks,
        }));
        readings.extend(as_written.take().map(|(items, toks)| Reading {
            understood: vec![false; items.len()],
            items,
            toks,
        }));
        readings
    }

    /// Which skeleton items patterns read: not the title and organization of a role-phrase header
    /// ("Ukrainian President @zelensky"), nor a bare title before a person, nor a role apposition
    /// around its person ("the Venezuelan president, Nicolás Maduro,").
    fn header_mask(
        &self,
        ex: &Extraction,
        ments: &[Mention],
        skeleton: &Skeleton,
        appos_spans: &[(usize, usize, ActorRef)],
    ) -> Vec<bool> {
        let rules = self.rules;
        let lex = &rules.lexicon;
        let (sk, sk_tok, slots, modifier) = (&skeleton.items, &skeleton.toks, &skeleton.slots, &skeleton.modifier);
        let sk_words: Vec<&str> = sk
            .iter()
            .map(|x| if let Sk::Word(w) = x { w.as_str() } else { "@" })
            .collect();
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
        for &(a, b, person) in appos_spans {
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
                (from..to).all(|i| !matches!(&sk[i], Sk::Word(w) if self.rules.lexicon.grammar.apposition_breakers.contains(w.as_str())))
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
        keep
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_skeletons as check;

    /// The readings stage: role-phrase headers and appositions read as their person.
    #[test]
    fn reads() {
        check(
            "Putin refused to meet Ukrainian President Volodymyr Zelensky.",
            &["@0 refused to meet @2 ."],
        );
        check(
            "Kirill Dmitriev, head of Russia's sovereign wealth fund, met Witkoff.",
            &["@0 met @2 ."],
        );
        check(
            "European leaders, together with Zelensky, are trying to pressure Russia.",
            &["@0 , together with @1 , are trying to pressure @2 ."],
        );
    }
}
