//! Tokens: the words of a sentence as the reading stages see them (lowercased, "'s" and
//! "n't" split off, numbers kept whole, curly quotes and dashes normalized), quotation spans, and
//! the small word tests (name words, slugs) the stages share. Pure.

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) lower: String,
}

pub(super) fn tokenize(text: &str, base: usize) -> Vec<Token> {
    let mut toks: Vec<Token> = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                // Combining accents belong to their letter: "E\u{301}tienne" (decomposed "Étienne").
                if d.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&d) {
                    end = j + d.len_utf8();
                    it.next();
                } else if matches!(d, '.' | ',')
                    && text[..end].ends_with(|x: char| x.is_ascii_digit())
                    && text[j + 1..].starts_with(|x: char| x.is_ascii_digit())
                {
                    // "$1.5 billion", "55,000": a number is one word.
                    end = j + 1;
                    it.next();
                } else {
                    break;
                }
            }
            toks.push(Token {
                start: base + i,
                end: base + end,
                lower: text[i..end].to_lowercase(),
            });
        } else if c == '\'' || c == '\u{2019}' {
            let rest = &text[i + c.len_utf8()..];
            let prev_n = toks
                .last()
                .is_some_and(|t| t.end == base + i && t.lower.ends_with('n') && t.lower.len() > 1);
            if (rest.starts_with('s') || rest.starts_with('S'))
                && !rest[1..].starts_with(|ch: char| ch.is_alphanumeric())
            {
                it.next();
                toks.push(Token {
                    start: base + i,
                    end: base + i + c.len_utf8() + 1,
                    lower: "'s".into(),
                });
            } else if prev_n && rest.starts_with('t') && !rest[1..].starts_with(|ch: char| ch.is_alphanumeric()) {
                it.next();
                let prev = toks.last_mut().expect("previous token");
                prev.lower.pop();
                prev.end -= 1;
                toks.push(Token {
                    start: base + i - 1,
                    end: base + i + c.len_utf8() + 1,
                    lower: "n't".into(),
                });
            } else {
                toks.push(Token {
                    start: base + i,
                    end: base + i + c.len_utf8(),
                    lower: "'".into(),
                });
            }
        } else if is_invisible(c) {
            // Zero-width spaces and joiners, soft hyphens, BOMs: web text is full of them.
            continue;
        } else if !c.is_whitespace() {
            let lower = match c {
                '“' | '”' | '„' | '«' | '»' => "\"".to_string(),
                '‘' => "'".to_string(),
                '–' | '—' => "—".to_string(),
                _ => c.to_string(),
            };
            toks.push(Token {
                start: base + i,
                end: base + i + c.len_utf8(),
                lower,
            });
        }
    }
    toks
}

/// Byte offsets of the opening and closing marks of each quotation: curly quotes pair up, and a
/// straight quote opens after a space or line start and closes otherwise. A quotation left open
/// at a paragraph's end (the next paragraph goes on quoting) or longer than 3,000 bytes is
/// dropped.
pub(super) fn quote_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut prev = '\n';
    for (i, c) in text.char_indices() {
        let opening = c == '“' || (c == '"' && (prev.is_whitespace() || "([—–-".contains(prev)));
        let closing = c == '”' || (c == '"' && !opening);
        match open {
            Some(o) if crate::ingest::is_line_break(c) || i - o > 3000 => {
                let _ = o;
                open = None;
            }
            Some(o) if closing => {
                out.push((o, i));
                open = None;
            }
            None if opening => open = Some(i),
            _ => {}
        }
        prev = c;
    }
    out
}

/// Format characters that render as nothing and separate nothing for a reader.
pub(super) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Whether a name follows token `k`, directly or as an apposition: "foreign minister
/// Sergei Lavrov", "Ukraine's defence minister, Oleksiy Reznikov".
pub(super) fn name_follows(text: &str, toks: &[Token], k: usize) -> bool {
    let upper = |k: usize| {
        toks.get(k)
            .is_some_and(|t| text[t.start..].starts_with(|c: char| c.is_uppercase()))
    };
    upper(k) || (toks.get(k).is_some_and(|t| t.lower == ",") && upper(k + 1))
}

/// A word of a name: capitalized ("Maduro", "Nicolás"), or hyphenated with a capitalized last part ("al-Busaidi").
pub(super) fn is_name_part(w: &str) -> bool {
    is_name_word(w)
        || (w.contains('-')
            && w.split('-')
                .all(|p| !p.is_empty() && p.chars().all(char::is_alphabetic))
            && w.rsplit('-').next().is_some_and(|p| p.starts_with(char::is_uppercase)))
}

pub(super) fn is_name_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(|c| c.is_uppercase())
        && cs.all(|c| c.is_alphabetic())
        && !matches!(w, "The" | "And" | "Of" | "On" | "In" | "At" | "To" | "For")
}

pub(super) fn word_before(text: &str, pos: usize) -> String {
    word_before_skipping(text, pos, |w| w == "the")
}

/// The lowercased word before `pos`, past up to three words of `skip`.
pub(super) fn word_before_skipping(text: &str, pos: usize, skip: impl Fn(&str) -> bool) -> String {
    let head = text.get(..pos).unwrap_or("");
    head.split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .rev()
        .take(4)
        .map(str::to_lowercase)
        .find(|w| !skip(w))
        .unwrap_or_default()
}

/// Whether a comma comes before the end of the clause after token `i` (an "and" inside an
/// apposition's office phrase: "national and security defence council, Rustem Umerov").
pub(super) fn comma_follows(words: &[&str], i: usize) -> bool {
    words[i + 1..]
        .iter()
        .take(6)
        .take_while(|w| !matches!(**w, "." | ";" | "and"))
        .any(|w| *w == ",")
}

/// snake_case ASCII id of a name: "Jane Doe-Smith" -> "jane_doe_smith".
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    // ASCII transliteration first: "Étienne" -> "Etienne", "Łukasz" -> "Lukasz".
    for c in deunicode::deunicode(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

pub(super) fn ends_with_ci(hay: &str, needle: &str) -> bool {
    hay.len() >= needle.len()
        && hay.is_char_boundary(hay.len() - needle.len())
        && hay[hay.len() - needle.len()..].eq_ignore_ascii_case(needle)
}

pub(super) fn starts_with_ci(hay: &str, needle: &str) -> bool {
    hay.len() >= needle.len() && hay.is_char_boundary(needle.len()) && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_one_token() {
        let t: Vec<String> = tokenize("£6.5 billion, 55,000 troops. In 2024.", 0)
            .into_iter()
            .map(|t| t.lower)
            .collect();
        assert_eq!(
            t,
            ["£", "6.5", "billion", ",", "55,000", "troops", ".", "in", "2024", "."]
        );
    }

    #[test]
    fn tokenizes() {
        let t: Vec<String> = tokenize("Russia’s army didn't “win”—yet.", 0)
            .into_iter()
            .map(|t| t.lower)
            .collect();
        assert_eq!(
            t,
            ["russia", "'s", "army", "did", "n't", "\"", "win", "\"", "—", "yet", "."]
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Jane Doe-Smith"), "jane_doe_smith");
        assert_eq!(slug("Sébastien Lecornu"), "sebastien_lecornu");
        assert_eq!(slug("Étienne de Poncins"), "etienne_de_poncins");
        assert_eq!(slug("Nicolás Maduro"), "nicolas_maduro");
    }
}
