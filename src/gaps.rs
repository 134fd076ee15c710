//! Gaps: what the rules miss, for the rule author to look at next (after
//! PETRARCH's null-actors and null-verbs reports).
//!
//! Input: each document's text and its `Extraction`. Output: a `Report` with
//! (a) capitalized names that look like actors but that no rule matched,
//! ranked by frequency, and (b) sentences with two or more actors and no
//! relation, grouped by their verbs.
//!
//! `Scanner::scan` reads one document (pure, so it runs on the extraction
//! pool); `Gaps::add` folds the scans in input order. Memory grows with the
//! number of distinct names, lowercase words and verbs (one example sentence
//! per name, a few per verb), never with the text. No I/O.

use crate::reading::Extraction;
use crate::rules::RuleSet;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::hash::{Hash, Hasher};

// The word lists below are data: kept compact, one paragraph each.

/// Words that join capitalized words into one name when they come between
/// them: "Organization of American States", "Procter & Gamble".
const CONNECTORS: [&str; 4] = ["of", "for", "and", "&"];

/// Capitalized at the start of a sentence, these are ordinary words, not the
/// first word of a name: "Yesterday Jane Doe said" names "Jane Doe". (Any
/// other sentence-initial word is dropped at the end if the corpus also has
/// it in lowercase.)
#[rustfmt::skip]
const STARTERS: &[&str] = &[
    "a", "about", "according", "after", "again", "against", "all", "also", "although", "among", "an", "analysts",
    "and", "another", "any", "as", "asked", "at", "because", "before", "both", "but", "by", "despite", "during", "each",
    "earlier", "even", "every", "everyone", "experts", "first", "for", "from", "furthermore", "given", "he", "her",
    "here", "his", "however", "i", "if", "in", "indeed", "instead", "it", "its", "last", "later", "like", "many",
    "meanwhile", "moreover", "most", "my", "nevertheless", "next", "no", "not", "now", "of", "officials", "on", "once",
    "only", "or", "our", "over", "second", "she", "since", "so", "some", "speaking", "still", "that", "the", "their",
    "then", "there", "therefore", "these", "they", "third", "this", "those", "though", "through", "thus", "to",
    "today", "tomorrow", "under", "unlike", "until", "we", "what", "when", "where", "whether", "which", "while", "who",
    "why", "with", "without", "yes", "yesterday", "you", "your",
];

/// Possessive pronouns: a pronoun mention that is one qualifies a noun ("its own"), it is no subject.
const POSSESSIVES: &[&str] = &["its", "their", "his", "her", "our", "my", "your", "whose"];

/// Months, weekdays and times of day: never a name, nor its first or last word.
#[rustfmt::skip]
const MONTHS_AND_DAYS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur",
    "thurs", "fri", "sat", "sun", "a.m.", "p.m.", "edt", "est", "pdt", "pst", "cdt", "cst", "gmt", "utc", "bst", "cet",
];

/// Abbreviations that keep their period inside a name: "St. Louis", "Texaco Inc.".
const NAME_ABBREVIATIONS: &[&str] = &["St", "Mt", "Ft", "Jr", "Sr", "Corp", "Inc", "Co", "Cos", "Ltd", "Bros"];

/// Alone, these are no name: "Jr." after "Martin Luther King", "Corp." after a comma.
#[rustfmt::skip]
const SUFFIXES: &[&str] = &[
    "Jr", "Jr.", "Sr", "Sr.", "Corp", "Corp.", "Inc", "Inc.", "Co", "Co.", "Cos", "Cos.", "Ltd", "Ltd.", "Bros",
    "Bros.", "Plc", "PLC", "LLC", "St", "St.",
];

/// Clitics split from their word: "I’m" is "I" + "’m", "didn't" is "did" + "n't".
#[rustfmt::skip]
const CLITICS: &[&str] = &["'s", "’s", "'m", "’m", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'re", "’re", "n't", "n’t"];

/// Honorifics and offices that are not part of a name: "Mr. Smith", "Trade
/// Minister Hajime Tamura" name "Smith" and "Hajime Tamura". The lexicon's
/// `[[title]]` spellings are used too.
#[rustfmt::skip]
const OFFICES: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "rev", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "adm",
    "sgt", "minister", "secretary", "chairman", "chairwoman", "chairperson", "governor", "director", "commissioner",
    "mayor", "prince", "princess", "sheikh", "pope", "chief executive", "chief executive officer", "managing director",
    "vice chairman", "attorney general",
];

/// Never verbs, whatever their position.
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "across", "after", "again", "against", "all", "already", "also", "amid", "among", "an", "and",
    "another", "any", "as", "at", "because", "before", "between", "both", "but", "by", "during", "each", "even",
    "every", "first", "for", "from", "he", "her", "here", "him", "his", "how", "i", "if", "in", "into", "it", "its",
    "just", "last", "less", "more", "most", "my", "new", "next", "no", "nor", "not", "now", "of", "on", "one",
    "only", "or", "other", "our", "over", "per", "she", "since", "so", "some", "still", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "though", "three", "through", "to", "too",
    "toward", "towards", "two", "under", "unless", "until", "us", "very", "via", "we", "what", "when", "where",
    "whether", "which", "while", "who", "whom", "whose", "why", "with", "within", "without", "yet", "you", "your",
];

/// Auxiliaries and modals: skipped when looking for a verb, and they make the
/// next word a verb ("will meet", "did not sign").
#[rustfmt::skip]
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did",
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "to", "wo", "ca",
];

/// Forms of "be" that make an -ing word a verb ("is negotiating").
const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "am"];

/// Adverbs skipped between an actor and its verb ("Russia also rejected").
#[rustfmt::skip]
const ADVERBS: &[&str] = &[
    "not", "never", "also", "already", "still", "just", "again", "now", "then", "reportedly", "repeatedly", "once",
    "even", "later", "soon", "further", "jointly", "formally", "officially", "publicly", "strongly", "n't", "n’t",
];

/// Words ending in -ly that are verbs, not adverbs.
#[rustfmt::skip]
const LY_VERBS: &[&str] = &["supply", "apply", "reply", "rally", "comply", "multiply", "imply", "fly", "ally", "rely"];

/// Words ending in -ed or -eed that are not past forms.
#[rustfmt::skip]
const NOT_PAST: &[&str] = &[
    "hundred", "indeed", "kindred", "naked", "wicked", "sacred", "rugged", "ragged", "crooked", "proceed", "succeed",
    "exceed", "need", "feed", "seed", "speed", "heed", "bleed", "breed", "greed", "steed", "weed", "deed", "embed",
    "shed", "bed", "red", "wed",
];

/// Irregular forms the lexicon may lack.
#[rustfmt::skip]
const IRREGULAR: &[(&str, &str)] = &[
    ("began", "begin"), ("begun", "begin"), ("came", "come"), ("went", "go"), ("gone", "go"), ("goes", "go"),
    ("saw", "see"), ("seen", "see"), ("knew", "know"), ("known", "know"), ("thought", "think"), ("wrote", "write"),
    ("written", "write"), ("rose", "rise"), ("risen", "rise"), ("fell", "fall"), ("fallen", "fall"), ("lost", "lose"),
    ("spent", "spend"), ("built", "build"), ("heard", "hear"), ("found", "find"), ("felt", "feel"), ("became", "become"),
    ("chose", "choose"), ("chosen", "choose"), ("grew", "grow"), ("grown", "grow"), ("drew", "draw"), ("drawn", "draw"),
    ("ran", "run"), ("sat", "sit"), ("forgave", "forgive"), ("undertook", "undertake"), ("swore", "swear"),
    ("sworn", "swear"), ("lent", "lend"), ("meant", "mean"), ("stole", "steal"), ("stolen", "steal"), ("shook", "shake"),
    ("hid", "hide"), ("hidden", "hide"), ("bore", "bear"), ("borne", "bear"), ("got", "get"), ("gotten", "get"),
    ("won", "win"), ("led", "lead"), ("met", "meet"), ("held", "hold"), ("told", "tell"), ("said", "say"),
    ("sent", "send"), ("sold", "sell"), ("bought", "buy"), ("paid", "pay"), ("made", "make"), ("took", "take"),
    ("taken", "take"), ("gave", "give"), ("given", "give"), ("kept", "keep"), ("brought", "bring"), ("sought", "seek"),
    ("fought", "fight"), ("stood", "stand"), ("struck", "strike"), ("spoke", "speak"), ("spoken", "speak"),
    ("left", "leave"), ("withdrew", "withdraw"), ("withdrawn", "withdraw"), ("agreed", "agree"), ("created", "create"),
    ("creating", "create"), ("focused", "focus"), ("focusing", "focus"), ("visited", "visit"), ("visiting", "visit"),
];

/// Stems (after -ed / -ing is stripped) that take back an "e" where the
/// general rule would not: "invited" -> "invite", "ignored" -> "ignore".
#[rustfmt::skip]
const STEM_TAKES_E: &[&str] = &[
    "invit", "unit", "cit", "incit", "excit", "ignit", "recit", "ignor", "restor", "explor", "deplor", "implor", "scor",
    "stor", "ador", "creat",
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether a stem left by stripping -ed or -ing lost a silent "e": "negotiat",
/// "urg", "accus", "decid", "welcom" do; "call", "open", "visit", "meet" do not.
fn needs_e(stem: &str) -> bool {
    if STEM_TAKES_E.contains(&stem) {
        return true;
    }
    let b = stem.as_bytes();
    let n = b.len();
    if n < 2 {
        return false;
    }
    let (last, prev) = (b[n - 1], b[n - 2]);
    // "qu" is a consonant: "acquir" is like "desir".
    let prev2 = match n {
        0..=2 => b' ',
        3 => b[0],
        _ if b[n - 3] == b'u' && b[n - 4] == b'q' => b'q',
        _ => b[n - 3],
    };
    let single_vowel = is_vowel(prev) && !is_vowel(prev2);
    match last {
        b'v' | b'c' | b'u' => true,
        b'z' | b's' => prev != last,
        b'g' => matches!(prev, b'r' | b'd') || (prev == b'n' && prev2 == b'a'),
        // "settl", "handl"; "fil", "rul" (but not "travel", "signal", "call").
        b'l' => {
            (!is_vowel(prev) && !matches!(prev, b'l' | b'r' | b'w'))
                || (single_vowel && matches!(prev, b'i' | b'u' | b'o'))
        }
        b't' => match prev {
            b'a' => !(prev2 == b'e' || prev2 == b'o'),
            b'o' | b'u' => !is_vowel(prev2),
            _ => false,
        },
        b'd' => prev != b'e' && single_vowel,
        b'k' => prev != b'e' && single_vowel,
        b'm' | b'b' => single_vowel,
        b'n' => prev == b'i' && !is_vowel(prev2),
        b'r' => matches!(prev, b'a' | b'i' | b'u') && !is_vowel(prev2),
        b'p' => single_vowel && n <= 5,
        _ => false,
    }
}

/// The stem of a word that lost -ed or -ing: undoubles a final consonant
/// ("stopp" -> "stop") or restores a silent "e" ("negotiat" -> "negotiate").
fn restore(stem: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if n >= 3 && b[n - 1] == b[n - 2] && b"bdgmnprt".contains(&b[n - 1]) {
        return stem[..n - 1].to_string();
    }
    if needs_e(stem) {
        return format!("{stem}e");
    }
    stem.to_string()
}

/// A crude lemma of a lowercase verb form: irregular forms from `irregular`,
/// else -s, -ed and -ing stripped with a few spelling rules.
pub fn lemma(word: &str, irregular: &FxHashMap<String, String>) -> String {
    if let Some(l) = irregular.get(word) {
        return l.clone();
    }
    if NOT_PAST.contains(&word) {
        return word.to_string();
    }
    let n = word.len();
    if n > 4 && (word.ends_with("ies") || word.ends_with("ied")) {
        return format!("{}y", &word[..n - 3]);
    }
    if n > 4 && word.ends_with("eed") {
        return word[..n - 1].to_string();
    }
    if n > 3 && word.ends_with("ed") {
        return restore(&word[..n - 2]);
    }
    if n > 5 && word.ends_with("ing") {
        return restore(&word[..n - 3]);
    }
    if n > 3 && word.ends_with('s') {
        for suffix in ["sses", "shes", "ches", "xes", "zes", "oes"] {
            if word.ends_with(suffix) {
                return word[..n - 2].to_string();
            }
        }
        if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
            return word.to_string();
        }
        return word[..n - 1].to_string();
    }
    word.to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tok {
    start: usize,
    end: usize,
    word: bool,
}

fn is_initials(w: &str) -> bool {
    w.split('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// Words (letters and digits, joined by inner `-` `.` `'` `’` `&`: "U.N.",
/// "al-Assad", "AT&T") and single punctuation characters. A possessive "'s" is
/// its own token; initials keep their final period ("U.S.", "J.").
fn tokenize(s: &str, base: usize) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Tok {
                start: base + i,
                end: base + i + c.len_utf8(),
                word: false,
            });
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            let joins = d.is_alphanumeric()
                || (matches!(d, '-' | '.' | '\'' | '’' | '&')
                    && s[j + d.len_utf8()..].chars().next().is_some_and(char::is_alphanumeric));
            if !joins {
                break;
            }
            end = j + d.len_utf8();
            it.next();
        }
        let w = &s[i..end];
        let clitic = CLITICS.iter().find(|p| w.len() > p.len() && w.ends_with(**p));
        if let Some(p) = clitic {
            let cut = end - p.len();
            out.push(Tok {
                start: base + i,
                end: base + cut,
                word: true,
            });
            // A possessive ends a name; the other clitics are words ("n't").
            out.push(Tok {
                start: base + cut,
                end: base + end,
                word: !p.ends_with('s'),
            });
            continue;
        }
        if s[end..].starts_with('.') && (is_initials(w) || NAME_ABBREVIATIONS.contains(&w)) {
            end += 1;
            it.next();
        }
        out.push(Tok {
            start: base + i,
            end: base + end,
            word: true,
        });
    }
    out
}

fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn lowercase_start(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
}

fn hash_word(w: &str) -> u64 {
    let mut h = FxHasher::default();
    w.hash(&mut h);
    h.finish()
}

/// Where a name occurrence stands, which decides whether a common word at its
/// edge is part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Position {
    /// Inside a sentence: the capitals are the writer's.
    Inside,
    /// The first word of the sentence (or after an opening quote or colon).
    Initial,
    /// Just before an office ("Trade" in "Trade Minister Hajime Tamura").
    BeforeTitle,
}

/// One occurrence of a capitalized name that no rule matched.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NameHit {
    name: String,
    position: Position,
    sentence: usize,
}

/// A sentence with two or more actors and no relation.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Unrelated {
    sentence: usize,
    actors: Vec<String>,
    /// (lemma, form as written), each lemma once, in sentence order.
    verbs: Vec<(String, String)>,
}

/// What one document contributes; `Gaps::add` folds it in.
#[derive(Debug, Default)]
pub struct DocScan {
    names: Vec<NameHit>,
    /// Hashes of the lowercase words of the document, with their counts.
    lowercase: Vec<(u64, u32)>,
    unrelated: Vec<Unrelated>,
    sentences: Vec<(usize, usize)>,
    /// The persons the rules do not know that the document names: (id, label).
    persons: Vec<(String, String)>,
}

/// The per-rule-set tables `scan` needs, built once and shared by every document.
pub struct Scanner<'r> {
    rules: &'r RuleSet,
    alias_texts: FxHashSet<&'r str>,
    /// Lowercase office spellings split into words, by first word, longest first.
    titles: FxHashMap<String, Vec<Vec<String>>>,
    irregular: FxHashMap<String, String>,
    /// Verbs of saying (forms and lemmas): a speaker is no missing relation.
    saying: FxHashSet<String>,
    pattern_rules: FxHashSet<&'r str>,
    /// The lexicon's head nouns ("officials", "security"): nouns after an actor, not verbs.
    heads: FxHashSet<&'r str>,
}

impl<'r> Scanner<'r> {
    pub fn new(rules: &'r RuleSet) -> Scanner<'r> {
        let mut spellings: Vec<Vec<String>> = rules
            .lexicon
            .titles
            .iter()
            .flat_map(|t| t.words.iter())
            .map(String::as_str)
            .chain(OFFICES.iter().copied())
            .map(|w| w.split_whitespace().map(str::to_lowercase).collect())
            .collect();
        spellings.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        spellings.dedup();
        let mut titles: FxHashMap<String, Vec<Vec<String>>> = FxHashMap::default();
        for t in spellings {
            if let Some(first) = t.first() {
                titles.entry(first.clone()).or_default().push(t);
            }
        }
        let mut irregular: FxHashMap<String, String> =
            IRREGULAR.iter().map(|(f, l)| (f.to_string(), l.to_string())).collect();
        for (l, forms) in &rules.lexicon.irregular {
            for f in forms {
                irregular.insert(f.clone(), l.clone());
            }
        }
        let mut saying: FxHashSet<String> = FxHashSet::default();
        for v in &rules.lexicon.attribution_verbs {
            for w in v.split_whitespace() {
                saying.insert(w.to_string());
                saying.insert(lemma(w, &irregular));
            }
        }
        Scanner {
            rules,
            alias_texts: rules.aliases.iter().map(|a| a.text.as_str()).collect(),
            titles,
            irregular,
            saying,
            pattern_rules: rules.patterns().map(|(_, p)| p.rule.as_str()).collect(),
            heads: [
                &rules.lexicon.singular_heads,
                &rules.lexicon.plural_heads,
                &rules.lexicon.possessed_heads,
                &rules.lexicon.person_heads,
            ]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect(),
        }
    }

    /// Reads one document: the names no rule matched, the lowercase words, and
    /// the sentences with two or more actors and no relation.
    pub fn scan(&self, text: &str, ex: &Extraction) -> DocScan {
        let mut scan = DocScan {
            persons: ex
                .new_actors
                .iter()
                .filter(|a| a.kind == crate::rules::Kind::Person)
                .map(|a| (a.id.clone(), a.label.clone()))
                .collect(),
            ..DocScan::default()
        };
        let mut lowercase: FxHashMap<u64, u32> = FxHashMap::default();
        let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); ex.sentences.len()];
        for (i, m) in ex.mentions.iter().enumerate() {
            if let Some(v) = by_sentence.get_mut(m.sentence) {
                v.push(i);
            }
        }
        let mut related = vec![false; ex.sentences.len()];
        for r in &ex.relations {
            if self.pattern_rules.contains(r.rule.as_str()) {
                if let Some(x) = related.get_mut(r.sentence) {
                    *x = true;
                }
            }
        }
        for (si, &(s, e, skipped)) in ex.sentences.iter().enumerate() {
            scan.sentences.push((s, e));
            if skipped {
                continue;
            }
            let toks = tokenize(&text[s..e], s);
            let spans: Vec<(usize, usize)> = by_sentence[si]
                .iter()
                .map(|&i| (ex.mentions[i].start, ex.mentions[i].end))
                .collect();
            // The mention each token is part of.
            let cover: Vec<Option<usize>> = toks
                .iter()
                .map(|t| {
                    spans
                        .iter()
                        .position(|&(ms, me)| t.start < me && ms < t.end)
                        .map(|k| by_sentence[si][k])
                })
                .collect();
            let covered: Vec<bool> = cover.iter().map(Option::is_some).collect();
            for t in &toks {
                let w = &text[t.start..t.end];
                if t.word && lowercase_start(w) {
                    *lowercase.entry(hash_word(w)).or_default() += 1;
                }
            }
            self.names(text, si, &toks, &covered, &mut scan.names);
            if !related[si] {
                if let Some(u) = self.unrelated(text, ex, si, &by_sentence[si], &toks, &cover) {
                    scan.unrelated.push(u);
                }
            }
        }
        scan.lowercase = lowercase.into_iter().collect();
        scan.lowercase.sort_unstable();
        scan
    }

    /// The office spelled by the words starting at `i`, as a word count.
    fn title_at(&self, text: &str, toks: &[Tok], i: usize) -> Option<usize> {
        let first = &text[toks[i].start..toks[i].end];
        if first.len() > 32 || !capitalized(first) {
            return None;
        }
        let mut buf = [0u8; 32];
        buf[..first.len()].copy_from_slice(first.as_bytes());
        buf[..first.len()].make_ascii_lowercase();
        let key = std::str::from_utf8(&buf[..first.len()]).ok()?;
        self.titles
            .get(key)?
            .iter()
            .find(|t| {
                t.iter().enumerate().skip(1).all(|(k, w)| {
                    toks.get(i + k)
                        .is_some_and(|tok| tok.word && text[tok.start..tok.end].eq_ignore_ascii_case(w))
                })
            })
            .map(Vec::len)
    }

    fn names(&self, text: &str, si: usize, toks: &[Tok], covered: &[bool], out: &mut Vec<NameHit>) {
        let word = |i: usize| &text[toks[i].start..toks[i].end];
        let is_cap = |i: usize| toks[i].word && capitalized(word(i));
        // Headlines and shouting: Title Case or ALL CAPS lines are no evidence of names.
        let long: Vec<&str> = (0..toks.len())
            .filter(|&i| toks[i].word && word(i).chars().filter(|c| c.is_alphabetic()).count() >= 4)
            .map(word)
            .collect();
        let caps = long.iter().filter(|w| capitalized(w)).count();
        let upper = long
            .iter()
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase))
            .count();
        let ends_like_prose = text[..toks.last().map_or(0, |t| t.end)]
            .trim_end_matches(['"', '\'', '”', '’', ')'])
            .ends_with(['.', '!', '?', ':', ';']);
        let headline = !ends_like_prose && caps * 2 >= long.len().max(1);
        if headline || (long.len() >= 3 && upper * 2 > long.len()) {
            return;
        }
        let first_word = toks.iter().position(|t| t.word);
        let mut i = 0;
        while i < toks.len() {
            if !is_cap(i) {
                i += 1;
                continue;
            }
            // A maximal run: capitalized words, with connectors ("of", "of the") between them.
            let mut run = vec![i];
            let mut j = i + 1;
            loop {
                if j < toks.len() && is_cap(j) {
                    run.push(j);
                    j += 1;
                    continue;
                }
                let conn = |k: usize| {
                    k < toks.len() && {
                        let w = word(k);
                        CONNECTORS.contains(&w) && (toks[k].word || w == "&")
                    }
                };
                let mut k = j;
                if conn(k) {
                    k += 1;
                    if k < toks.len() && word(k) == "the" {
                        k += 1;
                    }
                    if k < toks.len() && is_cap(k) {
                        run.extend(j..=k);
                        j = k + 1;
                        continue;
                    }
                }
                break;
            }
            // A speaker label in a transcript: "MS. PSAKI:".
            let label = j < toks.len()
                && word(j) == ":"
                && run
                    .iter()
                    .all(|&k| !is_cap(k) || !word(k).chars().any(char::is_lowercase));
            if label {
                i = j;
                continue;
            }
            let initial = Some(i) == first_word
                || (i > 0 && !toks[i - 1].word && matches!(word(i - 1), "\"" | "“" | "‘" | "'" | ":" | "(" | "["));
            self.split_run(text, si, toks, covered, &run, initial, out);
            i = j;
        }
    }

    /// Splits a run at offices and at "and" beside a known actor, and keeps the parts that name no known actor.
    #[allow(clippy::too_many_arguments)]
    fn split_run(
        &self,
        text: &str,
        si: usize,
        toks: &[Tok],
        covered: &[bool],
        run: &[usize],
        initial: bool,
        out: &mut Vec<NameHit>,
    ) {
        let word = |i: usize| &text[toks[i].start..toks[i].end];
        let is_conn = |i: usize| !capitalized(word(i));
        let mut run = run;
        let mut initial = initial;
        if run.len() > 1 && word(run[0]) == "The" {
            run = &run[1..];
            while !run.is_empty() && is_conn(run[0]) {
                run = &run[1..];
            }
            initial = false;
        }
        let starter =
            |w: &str| STARTERS.iter().any(|s| s.eq_ignore_ascii_case(w)) || (w.len() >= 5 && w.ends_with("ly"));
        // A word that opens sentences, or "Q" (a transcript's question) before more words.
        while initial
            && !run.is_empty()
            && (starter(word(run[0])) || (word(run[0]).chars().count() == 1 && run.len() > 1))
        {
            run = &run[1..];
            while !run.is_empty() && is_conn(run[0]) {
                run = &run[1..];
            }
        }
        // Segments between offices; the one before an office is weak.
        let mut segments: Vec<(Vec<usize>, Position)> = Vec::new();
        let mut cur: Vec<usize> = Vec::new();
        let mut k = 0;
        while k < run.len() {
            let len = if is_conn(run[k]) {
                None
            } else {
                self.title_at(text, toks, run[k]).filter(|&n| run[k..].len() >= n)
            };
            if let Some(n) = len {
                let pos = if cur.first() == run.first() && initial {
                    Position::Initial
                } else {
                    Position::BeforeTitle
                };
                segments.push((std::mem::take(&mut cur), pos));
                k += n;
                continue;
            }
            cur.push(run[k]);
            k += 1;
        }
        let pos = if cur.first() == run.first() && initial {
            Position::Initial
        } else {
            Position::Inside
        };
        segments.push((cur, pos));
        let known = |i: usize| covered[i] || self.alias_texts.contains(word(i));
        for (seg, pos) in segments {
            // Trim connectors, months and weekdays at the edges.
            let edge = |i: usize| is_conn(i) || MONTHS_AND_DAYS.iter().any(|m| m.eq_ignore_ascii_case(word(i)));
            let a = seg.iter().position(|&i| !edge(i));
            let b = seg.iter().rposition(|&i| !edge(i));
            let (Some(a), Some(b)) = (a, b) else { continue };
            let seg = &seg[a..=b];
            let pos = if a > 0 && pos == Position::Initial {
                Position::Inside
            } else {
                pos
            };
            // Parts between "and", "&" and "for". A known actor splits from its
            // neighbours at "and" ("Russia and Acme Corp") and before "for" ("Kyiv
            // for Nairobi"), but "Commission for Europe" stays whole.
            let mut parts: Vec<Vec<usize>> = vec![Vec::new()];
            let mut joins: Vec<&str> = Vec::new();
            for &i in seg {
                if matches!(word(i), "and" | "&" | "for") {
                    joins.push(word(i));
                    parts.push(Vec::new());
                } else if let Some(p) = parts.last_mut() {
                    p.push(i);
                }
            }
            let all_known = |p: &[usize]| p.iter().all(|&i| is_conn(i) || known(i));
            let mut groups: Vec<(usize, usize)> = Vec::new(); // part index ranges
            for pi in 0..parts.len() {
                let split =
                    |g: &(usize, usize)| all_known(&parts[g.1]) || (joins[pi - 1] != "for" && all_known(&parts[pi]));
                match groups.last_mut() {
                    Some(g) if !split(g) => g.1 = pi,
                    _ => groups.push((pi, pi)),
                }
            }
            for (ga, gb) in groups {
                if all_known(&parts[ga]) {
                    continue;
                }
                let Some(&first) = parts[ga].iter().find(|&&i| !is_conn(i)) else {
                    continue;
                };
                let last = parts[gb].iter().rev().find(|&&i| !is_conn(i)).copied().unwrap_or(first);
                let from = seg.iter().position(|&i| i == first).unwrap_or(0);
                let to = seg.iter().position(|&i| i == last).unwrap_or(0);
                let ids = &seg[from..=to];
                let name = ids.iter().map(|&i| word(i)).collect::<Vec<_>>().join(" ");
                let single = ids.len() == 1;
                if single
                    && (name.chars().count() < 2 || (name.len() > 4 && name.contains(|c: char| c.is_ascii_digit())))
                {
                    continue;
                }
                if ids.iter().all(|&i| SUFFIXES.contains(&word(i))) {
                    continue;
                }
                if self.alias_texts.contains(name.as_str()) {
                    continue;
                }
                let pos = match pos {
                    Position::Initial if from > 0 => Position::Inside,
                    Position::BeforeTitle if to + 1 < seg.len() => Position::Inside,
                    p => p,
                };
                out.push(NameHit {
                    name,
                    position: pos,
                    sentence: si,
                });
            }
        }
    }

    /// The actors and verbs of sentence `si` if it has two or more actors (no relation was found in it).
    fn unrelated(
        &self,
        text: &str,
        ex: &Extraction,
        si: usize,
        mentions: &[usize],
        toks: &[Tok],
        cover: &[Option<usize>],
    ) -> Option<Unrelated> {
        let rules = self.rules;
        let mut actors: Vec<String> = Vec::new();
        for &mi in mentions {
            let m = &ex.mentions[mi];
            if m.modifier {
                continue;
            }
            let id = &ex.actor(rules, m.actor).id;
            if !actors.contains(id) {
                actors.push(id.clone());
            }
        }
        // "Russia's foreign minister Lavrov": the office's state is no second participant.
        for r in ex.relations.iter().filter(|r| r.sentence == si) {
            let (s, t) = (&ex.actor(rules, r.source).id, &ex.actor(rules, r.target).id);
            if actors.contains(s) {
                actors.retain(|a| a != t);
            }
        }
        if actors.len() < 2 {
            return None;
        }
        let first = cover.iter().position(Option::is_some)?;
        let last = cover.iter().rposition(Option::is_some)?;
        let end = (last + 7).min(toks.len());
        let word = |i: usize| &text[toks[i].start..toks[i].end];
        // A mention that qualifies a noun rather than acting: "European (security)", "its (own)".
        let adjectival = |mi: usize| {
            let m = &ex.mentions[mi];
            let w = text[m.start..m.end].to_lowercase();
            (matches!(m.how, crate::reading::How::Demonym(_)) && !w.contains(' ') && !w.ends_with('s'))
                || (m.pronoun && POSSESSIVES.contains(&w.as_str()))
        };
        // A plural subject: a plural mention, or "X and Y".
        let plural = |p: usize, mi: usize| {
            let mut k = p;
            while k > 0 && cover[k - 1] == Some(mi) {
                k -= 1;
            }
            ex.mentions[mi].plural || (k >= 2 && word(k - 1) == "and" && cover[k - 2].is_some())
        };
        let mut verbs: Vec<(String, String)> = Vec::new();
        for i in first..end {
            if cover[i].is_some() || !toks[i].word {
                continue;
            }
            let w = word(i);
            if !w.chars().all(|c| c.is_lowercase()) {
                continue;
            }
            // The word before, skipping adverbs.
            let mut p = i;
            let prev = loop {
                if p == 0 {
                    break None;
                }
                p -= 1;
                let pw = word(p);
                let adverb = toks[p].word && cover[p].is_none() && is_adverb(pw);
                if !adverb {
                    break Some(p);
                }
            };
            let prev_word = prev.map_or("", word);
            let subject = prev.and_then(|p| cover[p].filter(|&mi| !adjectival(mi)).map(|mi| (p, mi)));
            let third_person = w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us");
            let verb = if self.irregular.contains_key(w) {
                true
            } else if FUNCTION_WORDS.contains(&w) || AUXILIARIES.contains(&w) || is_adverb(w) || self.heads.contains(w)
            {
                false
            } else if w.len() >= 4 && w.ends_with("ed") && !NOT_PAST.contains(&w) {
                true
            } else if w.ends_with("ing") {
                w.len() >= 6 && BE.contains(&prev_word)
            } else if BE.contains(&prev_word) {
                false // "is open", "was clear": an adjective or a noun
            } else if AUXILIARIES.contains(&prev_word) {
                true
            } else if let Some((p, mi)) = subject {
                third_person || plural(p, mi)
            } else {
                false
            };
            if !verb {
                continue;
            }
            let l = lemma(w, &self.irregular);
            if l.len() < 2 || AUXILIARIES.contains(&l.as_str()) || self.saying.contains(w) || self.saying.contains(&l) {
                continue;
            }
            if !verbs.iter().any(|(v, _)| *v == l) {
                verbs.push((l, w.to_string()));
            }
        }
        Some(Unrelated {
            sentence: si,
            actors,
            verbs,
        })
    }
}

fn is_adverb(w: &str) -> bool {
    ADVERBS.contains(&w) || (w.len() >= 5 && w.ends_with("ly") && !LY_VERBS.contains(&w))
}

/// Where a name or a verb was seen: the document and the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub doc: String,
    pub sentence: String,
    /// The actors of the sentence (for verbs; empty for names).
    pub actors: Vec<String>,
}

#[derive(Debug, Default, Clone)]
struct Stat {
    count: u64,
    /// Sorted distinct document numbers.
    docs: Vec<u32>,
    /// The first example: (document number, sentence).
    example: Option<(u32, Box<str>)>,
}

impl Stat {
    fn add(&mut self, doc: u32, example: impl FnOnce() -> Box<str>) {
        self.count += 1;
        if self.docs.last() != Some(&doc) {
            self.docs.push(doc);
        }
        if self.example.is_none() {
            self.example = Some((doc, example()));
        }
    }

    fn merge(&mut self, other: Stat) {
        self.count += other.count;
        let mut docs = Vec::with_capacity(self.docs.len() + other.docs.len());
        let (mut a, mut b) = (self.docs.iter().peekable(), other.docs.iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(&&x), Some(&&y)) if x < y => a.next(),
                (Some(&&x), Some(&&y)) if y < x => b.next(),
                (Some(_), Some(_)) => {
                    b.next();
                    a.next()
                }
                (Some(_), None) => a.next(),
                (None, Some(_)) => b.next(),
                (None, None) => break,
            };
            docs.extend(next.copied());
        }
        self.docs = docs;
        self.example = match (self.example.take(), other.example) {
            (Some(x), Some(y)) => Some(if y.0 < x.0 { y } else { x }),
            (x, y) => x.or(y),
        };
    }
}

#[derive(Debug, Default)]
struct NameEntry {
    inside: Stat,
    initial: Stat,
    before_title: Stat,
}

#[derive(Debug, Default)]
struct VerbEntry {
    count: u64,
    forms: FxHashMap<String, u64>,
    examples: Vec<Example>,
}

/// The whole corpus so far: counts, document lists and a few examples.
#[derive(Debug, Default)]
pub struct Gaps {
    examples: usize,
    documents: u64,
    sentences: u64,
    names: FxHashMap<Box<str>, NameEntry>,
    /// Document ids by number (for the examples of names).
    doc_ids: Vec<Box<str>>,
    /// Lowercase word hash -> occurrences.
    lowercase: FxHashMap<u64, u64>,
    unrelated: u64,
    without_verb: u64,
    verbs: FxHashMap<String, VerbEntry>,
    /// Persons the rules do not know: id -> (label first seen, documents).
    persons: std::collections::BTreeMap<String, (String, u64)>,
}

/// Longest example sentence kept, in bytes; longer ones end with "…".
const MAX_EXAMPLE: usize = 400;

fn clip(s: &str) -> String {
    if s.len() <= MAX_EXAMPLE {
        return s.to_string();
    }
    let mut cut = MAX_EXAMPLE;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}…", &s[..cut])
}

impl Gaps {
    /// An empty accumulator keeping up to `examples` example sentences per verb.
    pub fn new(examples: usize) -> Gaps {
        Gaps {
            examples,
            ..Gaps::default()
        }
    }

    /// Folds in one document's scan; documents must come in input order.
    pub fn add(&mut self, doc_id: &str, text: &str, scan: DocScan) {
        let doc = self.documents as u32;
        self.documents += 1;
        self.doc_ids.push(doc_id.into());
        self.sentences += scan.sentences.len() as u64;
        let sentence = |si: usize| {
            let (s, e) = scan.sentences[si];
            clip(&text[s..e])
        };
        for hit in scan.names {
            let entry = match self.names.get_mut(hit.name.as_str()) {
                Some(e) => e,
                None => self.names.entry(hit.name.into_boxed_str()).or_default(),
            };
            let stat = match hit.position {
                Position::Inside => &mut entry.inside,
                Position::Initial => &mut entry.initial,
                Position::BeforeTitle => &mut entry.before_title,
            };
            stat.add(doc, || sentence(hit.sentence).into_boxed_str());
        }
        for (id, label) in scan.persons {
            self.persons.entry(id).or_insert((label, 0)).1 += 1;
        }
        for (h, n) in scan.lowercase {
            *self.lowercase.entry(h).or_default() += u64::from(n);
        }
        for u in scan.unrelated {
            self.unrelated += 1;
            if u.verbs.is_empty() {
                self.without_verb += 1;
            }
            for (l, form) in &u.verbs {
                let v = self.verbs.entry(l.clone()).or_default();
                v.count += 1;
                *v.forms.entry(form.clone()).or_default() += 1;
                if v.examples.len() < self.examples {
                    v.examples.push(Example {
                        doc: doc_id.to_string(),
                        sentence: sentence(u.sentence),
                        actors: u.actors.clone(),
                    });
                }
            }
        }
    }

    /// Persons the rules do not know that look like another person under another name: the same
    /// name after leading words ("colonel_viktor_trehubov" and "viktor_trehubov"), or the same
    /// first name and a surname spelled another way (`rules::same_surname_key`) as another new
    /// person. A new name that spells a person of the rules another way was already read as that
    /// person (`RuleSet::person_variant`), unless two fit. Sorted by id.
    pub fn likely_duplicates(&self, rules: &RuleSet) -> Vec<DuplicateRow> {
        let endings = &rules.lexicon.variant_endings;
        let is_person = |id: &str| {
            rules
                .actor(id)
                .is_some_and(|a| rules.actors[a].kind == crate::rules::Kind::Person)
        };
        let label = |id: &str| match rules.actor(id) {
            Some(a) => rules.actors[a].label.clone(),
            None => self.persons.get(id).map(|(l, _)| l.clone()).unwrap_or_default(),
        };
        let mut by_first: std::collections::BTreeMap<String, Vec<(&str, String)>> = Default::default();
        for id in self.persons.keys() {
            if let Some((first, rest)) = crate::rules::variant_key(id, endings) {
                by_first.entry(first).or_default().push((id, rest));
            }
        }
        let mut rows = Vec::new();
        for (id, (name, documents)) in &self.persons {
            // Leading words: the longest remainder of two words or more that names a person.
            let words: Vec<&str> = id.split('_').collect();
            let shorter = (1..words.len().saturating_sub(1))
                .map(|k| words[k..].join("_"))
                .find(|rest| is_person(rest) || self.persons.contains_key(rest));
            let (of, why) = match shorter {
                Some(of) => (of, "words before the name"),
                None => {
                    let Some((first, rest)) = crate::rules::variant_key(id, endings) else {
                        continue;
                    };
                    let earlier = by_first.get(&first).into_iter().flatten().find(|(other, other_rest)| {
                        *other < id.as_str() && crate::rules::same_surname_key(other_rest, &rest)
                    });
                    match earlier {
                        Some((other, _)) => (other.to_string(), "spelling"),
                        None => continue,
                    }
                }
            };
            rows.push(DuplicateRow {
                id: id.clone(),
                name: name.clone(),
                documents: *documents,
                of_name: label(&of),
                of,
                why,
            });
        }
        rows
    }

    /// The report: the `limit` most frequent names and verbs.
    pub fn report(self, limit: usize) -> Report {
        let lowercase = self.lowercase;
        let lower = |w: &str| lowercase.get(&hash_word(&w.to_lowercase())).copied().unwrap_or(0);
        let mut merged: FxHashMap<Box<str>, Stat> = FxHashMap::default();
        let mut add = |name: Box<str>, stat: Stat| {
            if stat.count == 0 {
                return;
            }
            match merged.get_mut(&name) {
                Some(s) => s.merge(stat),
                None => {
                    merged.insert(name, stat);
                }
            }
        };
        // First, "Yesterday Jane Doe" at the start of a sentence is "Jane Doe" when
        // "yesterday" is a common word: longer names first, so that what moves
        // to a shorter name is judged with it.
        let mut entries = self.names;
        let mut keys: Vec<Box<str>> = entries.keys().filter(|k| k.contains(' ')).cloned().collect();
        keys.sort_unstable_by(|a, b| {
            b.matches(' ')
                .count()
                .cmp(&a.matches(' ').count())
                .then_with(|| a.cmp(b))
        });
        for key in keys {
            let Some((first, rest)) = key.split_once(' ') else {
                continue;
            };
            if lower(first) == 0 {
                continue;
            }
            let Some(initial) = entries.get_mut(&key).map(|e| std::mem::take(&mut e.initial)) else {
                continue;
            };
            let rest = rest.trim_start_matches(|c: char| c.is_lowercase() || c == '&' || c == ' ');
            if initial.count > 0 && rest.chars().count() >= 2 {
                entries.entry(rest.into()).or_default().initial.merge(initial);
            }
        }
        let mut names: Vec<(Box<str>, NameEntry)> = entries.into_iter().collect();
        // Merge order must not depend on the hash map's.
        names.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (name, e) in names {
            if name.contains(' ') {
                add(name.clone(), e.inside);
                add(name.clone(), e.initial);
                add(name, e.before_title);
                continue;
            }
            // A common word capitalized by its position is no name, nor is a word
            // written more often in lowercase ("Administration", "And").
            let lower_count = lower(&name);
            if lower_count == 0 {
                add(name.clone(), e.inside);
                add(name.clone(), e.initial);
                add(name, e.before_title);
            } else if lower_count <= e.inside.count {
                add(name, e.inside);
            }
        }
        // "Democrats and Republicans": two names when each half is one by itself.
        let mut pairs: Vec<Box<str>> = merged
            .keys()
            .filter(|n| n.matches(" and ").count() == 1)
            .cloned()
            .collect();
        pairs.sort_unstable();
        for pair in pairs {
            let Some((a, b)) = pair.split_once(" and ") else {
                continue;
            };
            let count = merged[&pair].count;
            if [a, b].iter().all(|h| merged.get(*h).is_some_and(|s| s.count >= count)) {
                if let Some(stat) = merged.remove(&pair) {
                    if let Some(s) = merged.get_mut(a) {
                        s.merge(stat.clone());
                    }
                    if let Some(s) = merged.get_mut(b) {
                        s.merge(stat);
                    }
                }
            }
        }
        let distinct_names = merged.len();
        let name_occurrences = merged.values().map(|s| s.count).sum();
        let doc_ids = self.doc_ids;
        let mut names: Vec<NameRow> = merged
            .into_iter()
            .map(|(name, s)| NameRow {
                name: name.into(),
                count: s.count,
                documents: s.docs.len() as u64,
                example: s.example.map_or_else(
                    || Example {
                        doc: String::new(),
                        sentence: String::new(),
                        actors: Vec::new(),
                    },
                    |(d, sentence)| Example {
                        doc: doc_ids[d as usize].to_string(),
                        sentence: sentence.into(),
                        actors: Vec::new(),
                    },
                ),
            })
            .collect();
        names.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(b.documents.cmp(&a.documents))
                .then_with(|| a.name.cmp(&b.name))
        });
        names.truncate(limit);
        let distinct_verbs = self.verbs.len();
        let mut verbs: Vec<VerbRow> = self
            .verbs
            .into_iter()
            .map(|(verb, v)| {
                let mut forms: Vec<(String, u64)> = v.forms.into_iter().collect();
                forms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                VerbRow {
                    verb,
                    count: v.count,
                    forms,
                    examples: v.examples,
                }
            })
            .collect();
        verbs.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.verb.cmp(&b.verb)));
        verbs.truncate(limit);
        Report {
            documents: self.documents,
            sentences: self.sentences,
            distinct_names,
            name_occurrences,
            names,
            unrelated_sentences: self.unrelated,
            without_verb: self.without_verb,
            distinct_verbs,
            verbs,
            duplicates: Vec::new(),
        }
    }
}

/// A person the rules do not know that looks like another under another name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateRow {
    pub id: String,
    pub name: String,
    /// Documents that name it.
    pub documents: u64,
    /// The id of the person it looks like (of the rules or new).
    pub of: String,
    pub of_name: String,
    /// "words before the name" or "spelling".
    pub why: &'static str,
}

/// A name no rule matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameRow {
    pub name: String,
    pub count: u64,
    pub documents: u64,
    pub example: Example,
}

/// A verb of sentences with two or more actors and no relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbRow {
    pub verb: String,
    /// Sentences (with two or more actors and no relation) that use it.
    pub count: u64,
    /// The forms as written, most frequent first.
    pub forms: Vec<(String, u64)>,
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub documents: u64,
    pub sentences: u64,
    pub distinct_names: usize,
    pub name_occurrences: u64,
    /// Most frequent first (count, then documents, then name).
    pub names: Vec<NameRow>,
    pub unrelated_sentences: u64,
    /// Unrelated sentences in which no verb was found.
    pub without_verb: u64,
    pub distinct_verbs: usize,
    /// Most frequent first (count, then verb).
    pub verbs: Vec<VerbRow>,
    /// Persons under two names (`Gaps::likely_duplicates`; empty unless asked for).
    pub duplicates: Vec<DuplicateRow>,
}

/// Runs the whole analysis over in-memory documents `(id, text)` (for tests and small inputs).
pub fn analyze(rules: &RuleSet, docs: &[(&str, &str)], limit: usize, examples: usize) -> Report {
    let x = crate::reading::Extractor::new(rules);
    let scanner = Scanner::new(rules);
    let mut gaps = Gaps::new(examples);
    for (id, text) in docs {
        let ex = x.extract(text, None, false);
        gaps.add(id, text, scanner.scan(text, &ex));
    }
    let duplicates = gaps.likely_duplicates(rules);
    Report {
        duplicates,
        ..gaps.report(limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTORS: &str = r##"
[[actor]]
id = "russia"
label = "Russia"
kind = "state"
aliases = ["Russia"]
demonyms = ["Russian", "Russians"]
metonyms = ["Moscow"]

[[actor]]
id = "ukraine"
label = "Ukraine"
kind = "state"
aliases = ["Ukraine"]
demonyms = ["Ukrainian", "Ukrainians"]
metonyms = ["Kyiv"]

[[actor]]
id = "kenya"
label = "Kenya"
kind = "state"
aliases = ["Kenya"]
demonyms = ["Kenyan"]

[[actor]]
id = "united_nations"
label = "United Nations"
kind = "organization"
aliases = ["United Nations", "U.N."]
"##;

    const RELATIONS: &str = r##"
[[relation]]
id = "leads"
polarity = "neutral"
color = "#000000"

[[relation]]
id = "represents"
polarity = "neutral"
color = "#000000"

[[relation]]
id = "opposes"
polarity = "conflictual"
color = "#ff0000"

[[relation.pattern]]
name = "verb"
match = "{S} <condemn> {T}"
"##;

    const LEXICON: &str = r##"
[heads]
singular = ["ministry", "foreign ministry"]
plural = ["officials", "envoys"]

[[title]]
words = ["foreign minister"]
relation = "represents"

[attribution]
verbs = ["said", "says"]

[verbs.irregular]
meet = ["met"]
"##;

    fn rules() -> RuleSet {
        let dir = tempfile::tempdir().expect("tempdir");
        for (name, text) in [
            ("actors.toml", ACTORS),
            ("relations.toml", RELATIONS),
            ("lexicon.toml", LEXICON),
        ] {
            std::fs::write(dir.path().join(name), text).expect("write");
        }
        crate::rules::load(dir.path()).expect("test rules load")
    }

    /// Runs the analysis and compares (name, count, documents) and (verb, count) lists.
    fn check(docs: &[(&str, &str)], names: &[(&str, u64, u64)], verbs: &[(&str, u64)]) -> Report {
        let r = analyze(&rules(), docs, 100, 2);
        let got: Vec<(&str, u64, u64)> = r
            .names
            .iter()
            .map(|n| (n.name.as_str(), n.count, n.documents))
            .collect();
        assert_eq!(got, names);
        let got: Vec<(&str, u64)> = r.verbs.iter().map(|v| (v.verb.as_str(), v.count)).collect();
        assert_eq!(got, verbs);
        r
    }

    #[test]
    fn lemmas() {
        let irregular: FxHashMap<String, String> = [("met", "meet")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        for (form, expected) in [
            ("met", "meet"),
            ("agreed", "agree"),
            ("signed", "sign"),
            ("negotiating", "negotiate"),
            ("negotiated", "negotiate"),
            ("accuses", "accuse"),
            ("accused", "accuse"),
            ("discussed", "discuss"),
            ("discusses", "discuss"),
            ("stopped", "stop"),
            ("tried", "try"),
            ("carries", "carry"),
            ("criticized", "criticize"),
            ("welcomed", "welcome"),
            ("urged", "urge"),
            ("urging", "urge"),
            ("visited", "visit"),
            ("called", "call"),
            ("opened", "open"),
            ("pledges", "pledge"),
            ("invited", "invite"),
            ("declared", "declare"),
            ("cleared", "clear"),
            ("decided", "decide"),
            ("avoided", "avoid"),
            ("acquired", "acquire"),
            ("repaired", "repair"),
            ("secured", "secure"),
            ("blamed", "blame"),
            ("claimed", "claim"),
            ("declined", "decline"),
            ("remained", "remain"),
            ("developed", "develop"),
            ("hoped", "hope"),
            ("settled", "settle"),
            ("reaches", "reach"),
            ("taking", "take"),
            ("meeting", "meet"),
            ("proceed", "proceed"),
            ("argued", "argue"),
            ("sued", "sue"),
            ("merged", "merge"),
            ("fined", "fine"),
            ("sells", "sell"),
            ("created", "create"),
            ("treated", "treat"),
            ("filed", "file"),
            ("filing", "file"),
            ("ruled", "rule"),
            ("traveled", "travel"),
            ("signaled", "signal"),
            ("called", "call"),
        ] {
            assert_eq!(lemma(form, &irregular), expected, "{form}");
        }
    }

    #[test]
    fn tokenizes_initials_possessives_and_joined_words() {
        let text = "The U.S. and AT&T's al-Assad met J. Smith (Kenya).";
        let toks: Vec<&str> = tokenize(text, 0).iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            toks,
            ["The", "U.S.", "and", "AT&T", "'s", "al-Assad", "met", "J.", "Smith", "(", "Kenya", ")", "."]
        );
    }

    #[test]
    fn unmatched_names() {
        check(
            &[
                (
                    "a.txt",
                    "Acme Buys Widget Maker\n\
                     The Organization of American States met on Monday in March. \
                     Talks with the Organization of American States failed. \
                     The talks went on. \
                     Kenyan Foreign Ministry officials spoke. \
                     Trade Minister John Roe agreed, and trade grew. \
                     Yesterday John Roe left Kyiv for Nairobi.",
                ),
                (
                    "b.txt",
                    "Russia and Acme Corp signed a deal. Acme Corp's shares rose. \
                     The U.N. Security Council and Kenya disagreed. Mr. John Roe spoke in Nairobi.",
                ),
            ],
            &[
                ("John Roe", 3, 2),
                ("Nairobi", 2, 2),
                ("Acme Corp", 2, 1),
                ("Organization of American States", 2, 1),
                ("Kenyan Foreign Ministry", 1, 1),
                ("U.N. Security Council", 1, 1),
            ],
            &[("disagree", 1)],
        );
    }

    #[test]
    fn a_capitalized_word_never_seen_in_lowercase_stays() {
        // "Gazprom" opens a sentence but never appears lowercase: a name.
        // "Exports" does, as "exports": a common word.
        check(
            &[("a.txt", "Gazprom raised exports. Exports fell. Gazprom left.")],
            &[("Gazprom", 2, 1)],
            &[],
        );
    }

    #[test]
    fn sentences_with_actors_and_no_relation_by_verb() {
        let r = check(
            &[
                (
                    "a.txt",
                    "Russia met Ukraine in Geneva. Moscow accuses Kyiv of lying. Russia condemned Ukraine. \
                     Russia said Ukraine was ready. Kyiv then accused Moscow again.",
                ),
                (
                    "b.txt",
                    "Russian officials will meet Ukrainian envoys. Russia alone acted.",
                ),
            ],
            &[("Geneva", 1, 1)],
            &[("accuse", 2), ("meet", 2)],
        );
        assert_eq!(r.unrelated_sentences, 5);
        assert_eq!(
            r.without_verb, 1,
            "\"Russia said Ukraine was ready.\" has only a verb of saying"
        );
        let accuse = &r.verbs[0];
        assert_eq!(accuse.forms, [("accused".to_string(), 1), ("accuses".to_string(), 1)]);
        assert_eq!(
            accuse.examples[0],
            Example {
                doc: "a.txt".into(),
                sentence: "Moscow accuses Kyiv of lying.".into(),
                actors: vec!["russia".into(), "ukraine".into()],
            }
        );
        let meet = &r.verbs[1];
        assert_eq!(meet.forms, [("meet".to_string(), 1), ("met".to_string(), 1)]);
        assert_eq!(meet.examples.len(), 2);
        assert_eq!(meet.examples[1].doc, "b.txt");
    }
}
