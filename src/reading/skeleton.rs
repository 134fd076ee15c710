//! The skeleton: a sentence as words and actor slots, the form relation patterns match. Here:
//! the skeleton item type and coordination ("@1 , @2 and @3" share one slot).

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
