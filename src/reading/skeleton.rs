//! The skeleton: a sentence as words and actor slots, the form relation patterns match. Here:
//! building it from the tokens and mentions, and coordination ("@1 , @2 and @3" share one slot).

use super::*;

#[derive(Debug, Clone)]
pub(super) enum Sk {
    Word(String),
    Slot(usize),
}

/// Merges coordinated slots ("@1 , @2 and @3", "both @1 and @2") into one.
pub(super) fn coordinate(
    sk: Vec<Sk>,
    sk_tok: Vec<usize>,
    slots: &mut [Vec<usize>],
    modifier: &[bool],
    clause_pronoun: &[bool],
) -> (Vec<Sk>, Vec<usize>) {
    let mut out: Vec<Sk> = Vec::new();
    let mut out_tok: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < sk.len() {
        if let Sk::Slot(first) = sk[i] {
            let mut members = vec![first];
            let mut j = i + 1;
            loop {
                let word = |k: usize| match sk.get(k) {
                    Some(Sk::Word(w)) => w.as_str(),
                    _ => "",
                };
                let sep_len = match (sk.get(j), sk.get(j + 1)) {
                    _ if word(j) == ","
                        && (word(j + 1) == "together" || word(j + 1) == "along")
                        && word(j + 2) == "with" =>
                    {
                        3
                    }
                    _ if (word(j) == "together" || word(j) == "along") && word(j + 1) == "with" => 2,
                    // "European partners — including France, Britain and Germany": the group and its members.
                    _ if matches!(word(j), "," | "—") && word(j + 1) == "including" => 2,
                    _ if word(j) == "including" => 1,
                    // "Zelensky and other European leaders", "Macron and fellow EU leaders".
                    _ if word(j) == "and" && matches!(word(j + 1), "other" | "fellow") => 2,
                    // "between Ukraine and its Western partners": the possessive is the member's determiner.
                    _ if word(j) == "and" && matches!(word(j + 1), "its" | "their") => 2,
                    (Some(Sk::Word(w)), Some(Sk::Word(w2))) if w == "," && (w2 == "and" || w2 == "or") => 2,
                    (Some(Sk::Word(w)), _) if w == "," || w == "and" || w == "or" || w == "&" => 1,
                    _ => 0,
                };
                if sep_len == 0 {
                    break;
                }
                // After "A and B", a comma ends the list: "the ministers of Ukraine and Russia,
                // Kuleba and Lavrov" is an apposition, not a list of four.
                let and_seen =
                    members.len() > 1 && (i..j).any(|k| matches!(&sk[k], Sk::Word(w) if w == "and" || w == "or"));
                if and_seen && sep_len == 1 && word(j) == "," {
                    break;
                }
                // "According to Lavrov, European leaders, together with Zelensky, ...": a comma
                // before a member that "together with" joins is not a list separator.
                let with_next = |k: usize| {
                    (word(k) == "," && matches!(word(k + 1), "together" | "along") && word(k + 2) == "with")
                        || (matches!(word(k), "together" | "along") && word(k + 1) == "with")
                };
                if sep_len == 1 && word(j) == "," && with_next(j + 2) {
                    break;
                }
                match sk.get(j + sep_len) {
                    Some(Sk::Slot(n)) if !modifier[*n] && !modifier[first] && !clause_pronoun[*n] => {
                        members.push(*n);
                        j += sep_len + 1;
                    }
                    _ => break,
                }
            }
            // A list joined only by commas is an apposition or a series, not a coordination, except
            // two actors opening a headline before its verb: "Ukraine, Russia conduct POW swap".
            let headline_pair = i == 0
                && members.len() == 2
                && j == 3
                && matches!(sk.get(3), Some(Sk::Word(w)) if w.chars().all(|c| c.is_alphabetic()) && w != "and" && w != "or");
            let joined_by_and = headline_pair
                || (i..j).any(|k| matches!(&sk[k], Sk::Word(w) if w == "and" || w == "or" || w == "&" || w == "with"));
            if members.len() > 1 && joined_by_and {
                let merged: Vec<usize> = members.iter().flat_map(|&m| slots[m].clone()).collect();
                slots[first] = merged;
                out.push(Sk::Slot(first));
                out_tok.push(sk_tok[i]);
                i = j;
                continue;
            }
        }
        out.push(sk[i].clone());
        out_tok.push(sk_tok[i]);
        i += 1;
    }
    (out, out_tok)
}

/// A sentence as words and actor slots (after coordination), with what each slot holds.
pub(super) struct Skeleton {
    /// The items: words and slots.
    pub(super) items: Vec<Sk>,
    /// The first token of each item.
    pub(super) toks: Vec<usize>,
    /// Slot -> mention indexes (into the sentence's mentions).
    pub(super) slots: Vec<Vec<usize>>,
    /// Slot -> whether it only qualifies a title ("Russian President ..."): never coordinated.
    pub(super) modifier: Vec<bool>,
    /// Slot -> whether it is a subject pronoun, which opens a clause of its own.
    pub(super) clause_pronoun: Vec<bool>,
    /// The skeleton before coordination, when "together with" joined two actors.
    pub(super) as_written: Option<(Vec<Sk>, Vec<usize>)>,
}

impl Skeleton {
    /// Step 5 of a sentence: words and slots; an actor named twice in a row is one slot, and
    /// coordinated mentions share a slot.
    pub(super) fn build(st: &Sentence, ments: &[Mention]) -> Skeleton {
        let text = st.text;
        let (sk, sk_tok, mut slots) = words_and_slots(st, ments);
        let (sk, sk_tok) = merge_repeated(sk, sk_tok, &slots, ments);
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
        Skeleton {
            items: sk,
            toks: sk_tok,
            slots,
            modifier,
            clause_pronoun,
            as_written,
        }
    }
}

/// The words of a sentence with each mention as a slot: (items, first token of each, slot ->
/// mention indexes). Articles before a slot are dropped, hyphenated words joined.
fn words_and_slots(st: &Sentence, ments: &[Mention]) -> (Vec<Sk>, Vec<usize>, Vec<Vec<usize>>) {
    let toks = st.toks;
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
    (sk, sk_tok, slots)
}

/// One actor named twice in a row is one slot: "the United Nations (UN) General Assembly".
fn merge_repeated(sk: Vec<Sk>, sk_tok: Vec<usize>, slots: &[Vec<usize>], ments: &[Mention]) -> (Vec<Sk>, Vec<usize>) {
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
    (merged, merged_tok)
}

/// The actors of slot `n`, sorted, each once.
pub(super) fn actors_of(slots: &[Vec<usize>], ments: &[Mention], n: usize) -> Vec<ActorRef> {
    let mut v: Vec<ActorRef> = slots[n].iter().map(|&mi| ments[mi].actor).collect();
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::super::testing::check_skeletons as check;

    /// The skeleton stage: the skeleton: words and slots, coordinated slots merged, a repeated actor once.
    #[test]
    fn reads() {
        check("Russia, Belarus and Iran attacked Ukraine.", &["@0 attacked @3 ."]);
        check("The United Nations (UN) condemned Russia.", &["@0 condemned @2 ."]);
        check(
            "Russia launched a full-scale invasion of Ukraine.",
            &["@0 launched a full-scale invasion of @1 ."],
        );
        check("Ukraine, Russia conduct POW swap.", &["@0 conduct pow swap ."]);
    }
}
