//! Alias matches: every spelling of an actor on word boundaries, with the context vetoes of the
//! rules and the lexicon's `name_continuations` ("Washington Post" is no mention of Washington).

use super::*;

impl<'r> Extractor<'r> {
    /// Whether the text after an alias continues it into another name: " Post" in
    /// "Washington Post" (one space, then a listed capitalized word).
    pub(super) fn continues_a_name(&self, after: &str) -> bool {
        let Some(rest) = after.strip_prefix(' ') else {
            return false;
        };
        let word: &str = rest.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default();
        !word.is_empty() && self.rules.lexicon.name_continuations.iter().any(|w| w == word)
    }

    /// Every alias occurrence (start, end, alias index) on word boundaries, context vetoes applied.
    pub(super) fn find_aliases(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        let input = |p: usize| aho_corasick::Input::new(text).span(p..text.len());
        while pos < text.len() {
            let Some(m) = self.rules.matcher.find(input(pos)) else {
                break;
            };
            let (ms, me) = (m.start(), m.end());
            let alias = &self.rules.aliases[m.pattern().as_usize()];
            let before_ok = text[..ms].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = &text[me..];
            let after_ok = after.chars().next().is_none_or(|c| !c.is_alphanumeric());
            let vetoed = alias
                .unless_before
                .iter()
                .any(|v| ends_with_ci(text[..ms].trim_end(), v.trim()))
                || alias.unless_after.iter().any(|v| starts_with_ci(after, v))
                || self.continues_a_name(after);
            if before_ok && after_ok && !vetoed {
                out.push((ms, me, m.pattern().as_usize()));
                pos = me;
            } else {
                pos = ms + text[ms..].chars().next().map_or(1, |c| c.len_utf8());
            }
        }
        out
    }
}

impl<'r> Extractor<'r> {
    /// Step 1 of a sentence: its alias matches (`raw`: start, end, alias) become mentions.
    /// Anaphoric aliases ("the alliance") count once their actor is named; demonyms only before a
    /// head noun or a title; a head noun joins the mention ("the Trump administration" names the
    /// state Trump leads).
    pub(super) fn alias_mentions(&self, ex: &Extraction, st: &Sentence, raw: &[(usize, usize, usize)]) -> Vec<Mention> {
        let Sentence {
            text,
            si,
            date,
            toks,
            words,
            ..
        } = *st;
        let rules = self.rules;
        let lex = &rules.lexicon;
        let (tok_at, tok_end) = (|off: usize| st.tok_at(off), |off: usize| st.tok_end(off));
        let is_head = |w: &str, list: &[String]| list.iter().any(|h| h == w);
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
                m.modifier = self.title_at(words, after_s).is_some();
            }
            // "US envoys Witkoff and Kushner": a plural title before names is a title, not a head.
            let title_then_name = self.title_at(words, tj + 1).is_some_and(|(_, len)| {
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
                        && self.rules.lexicon.grammar.head_modifiers.contains(next)
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
                    } else if self.title_at(words, tj + 1).is_some() || lex.leader_nouns.iter().any(|n| n == next) {
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
        ments
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_mentions as check;

    /// The aliases stage: alias matches become mentions: demonyms before a head noun, anaphoric aliases once named, leader heads.
    #[test]
    fn reads() {
        check(
            "Russian officials met EU leaders.",
            &["Russian officials=russia", "EU leaders=european_union"],
        );
        check(
            "The Trump administration backed Kyiv.",
            &["Trump administration=united_states", "Kyiv=ukraine"],
        );
        check(
            "The alliance met. NATO said the alliance would grow.",
            &["NATO=nato", "the alliance=nato"],
        );
        check("Russian glide bombs hit Kharkiv.", &[]);
        check("The Washington Post reported it.", &[]);
    }
}
