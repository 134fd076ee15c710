//! Quotations: who each quotation of a document is attributed to (for "we" inside it), and after
//! the last sentence, `said_by` for the relations inside a multi-sentence quotation.

use super::*;

impl<'r> Extractor<'r> {
    /// Whether a word (punctuation around it aside) is a verb of saying: "said,", "stressed".
    pub(super) fn is_saying(&self, w: &str) -> bool {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        self.rules.lexicon.attribution_verbs.contains(&w)
    }

    /// Every quotation of the document with its speaker as the aliases show it: a name right
    /// after the closing mark (", Lavrov said", ", said Lavrov") or before the opening one
    /// ("Lavrov said: "), else a pronoun or description there ("he said", "the diplomat
    /// stressed"), which stands for the person named last before the quotation.
    pub(super) fn quote_attributions(
        &self,
        text: &str,
        raw: &[(usize, usize, usize)],
    ) -> Vec<(usize, usize, QuoteSpeaker)> {
        let saying = |w: &str| self.is_saying(w);
        let words = |a: usize, b: usize| -> Vec<String> {
            text.get(a..b)
                .unwrap_or("")
                .split(|c: char| c.is_whitespace() || c == ',' || c == ':')
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        quote_spans(text)
            .into_iter()
            .map(|(open, close)| {
                let close_end = close + text[close..].chars().next().map_or(1, char::len_utf8);
                let first_after = raw.partition_point(|&(s, _, _)| s < close_end);
                let after = raw
                    .get(first_after)
                    .filter(|&&(s, _, _)| s <= close_end + 60)
                    .filter(|&&(s, e, _)| {
                        let gap = words(close_end, s);
                        let next = text[e..].split_whitespace().next().unwrap_or("");
                        match gap.len() {
                            0 => saying(next),
                            1 => saying(&gap[0]),
                            _ => false,
                        }
                    });
                if let Some(&(_, _, ai)) = after {
                    return (open, close, QuoteSpeaker::Actor(self.rules.aliases[ai].actor));
                }
                let tail = words(close_end, (close_end + 60).min(text.len()));
                let anaphor = match tail.first().map(String::as_str) {
                    Some("he" | "she") => tail.get(1).is_some_and(|w| saying(w)),
                    Some("the") => tail.iter().take(5).skip(1).any(|w| saying(w)),
                    _ => false,
                };
                if anaphor {
                    return (open, close, QuoteSpeaker::Anaphor);
                }
                let last_before = raw.partition_point(|&(_, e, _)| e <= open);
                let before = last_before
                    .checked_sub(1)
                    .and_then(|k| raw.get(k))
                    .filter(|&&(_, e, _)| e + 40 >= open)
                    .filter(|&&(_, e, _)| {
                        let gap = words(e, open);
                        matches!(gap.as_slice(), [v] | [_, v] if saying(v))
                    });
                match before {
                    Some(&(_, _, ai)) => (open, close, QuoteSpeaker::Actor(self.rules.aliases[ai].actor)),
                    None => (open, close, QuoteSpeaker::Unknown),
                }
            })
            .collect()
    }

    /// A quotation over several sentences is its speaker's claim throughout: the speaker named
    /// after the closing mark ("...," the diplomat stressed) or before the opening one (Lavrov
    /// said: "...") fills `said_by` of the relations inside it that have none.
    pub(super) fn quote_speakers(&self, ex: &mut Extraction, text: &str) {
        let saying = |w: &str| self.is_saying(w);
        // Mentions by start and by end, for lookups near each quotation mark (a document can
        // hold tens of thousands of quotations).
        let mut by_start: Vec<(usize, usize)> = ex.mentions.iter().enumerate().map(|(i, m)| (m.start, i)).collect();
        by_start.sort_unstable();
        let mut by_end: Vec<(usize, usize)> = ex.mentions.iter().enumerate().map(|(i, m)| (m.end, i)).collect();
        by_end.sort_unstable();
        let spans: Vec<(usize, usize)> = ex.quotes.iter().map(|&(o, c, _)| (o, c)).collect();
        for (open, close) in spans {
            let close_end = close + text[close..].chars().next().map_or(1, char::len_utf8);
            // After: ', the diplomat stressed.' / ', he said.' / ', said Lavrov.'
            let from = by_start.partition_point(|&(st, _)| st < close_end);
            let after = by_start[from..]
                .iter()
                .take_while(|&&(st, _)| st <= close_end + 80)
                .map(|&(_, i)| &ex.mentions[i])
                .find(|m| {
                    m.start >= close_end && m.start <= close_end + 80 && {
                        let gap: Vec<&str> = text[close_end..m.start]
                            .split(|c: char| c.is_whitespace() || c == ',')
                            .filter(|w| !w.is_empty())
                            .collect();
                        let next = text[m.end..].split_whitespace().next().unwrap_or("");
                        match gap.as_slice() {
                            [] | ["the"] => saying(next),
                            [v] | [v, "the"] => saying(v),
                            _ => false,
                        }
                    }
                });
            // Before: 'Lavrov said: "...' / 'According to Lavrov, "...'
            let before = || {
                let upto = by_end.partition_point(|&(en, _)| en <= open);
                by_end[..upto]
                    .iter()
                    .rev()
                    .take_while(|&&(en, _)| en + 40 >= open)
                    .map(|&(_, i)| &ex.mentions[i])
                    .find(|m| {
                        m.end <= open && m.end + 40 >= open && {
                            let gap: Vec<&str> = text[m.end..open]
                                .split(|c: char| c.is_whitespace() || c == ',' || c == ':')
                                .filter(|w| !w.is_empty())
                                .collect();
                            matches!(gap.as_slice(), [v] | ["also", v] | ["has", v] | [v, "that"] if saying(v))
                        }
                    })
            };
            let Some(speaker) = after.or_else(before).map(|m| m.actor) else {
                continue;
            };
            // Relations come in sentence order: those whose sentence starts inside the quotation.
            let lo = ex.relations.partition_point(|r| r.start + 3 < open);
            let hi = ex.relations.partition_point(|r| r.start < close).max(lo);
            for r in ex.relations[lo..hi].iter_mut() {
                if r.said_by.is_none()
                    && r.relation != "leads"
                    && r.relation != "represents"
                    && r.start + 3 >= open
                    && r.start < close
                    && r.source != speaker
                    && r.target != speaker
                {
                    r.said_by = Some(speaker);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_relations as check;

    /// The quotes stage: a quotation over several sentences is its speaker's claim.
    #[test]
    fn reads() {
        check(
            "\"Russia attacked Ukraine again. The Kremlin rejected the ceasefire,\" Zelensky said.",
            &["russia attacks ukraine <- volodymyr_zelensky"],
        );
        check(
            "Lavrov said: \"The United States supports Ukraine. Europe pressures Russia.\"",
            &[
                "europe pressures russia <- sergei_lavrov",
                "united_states supports ukraine <- sergei_lavrov",
            ],
        );
    }
}
