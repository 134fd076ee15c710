//! The pattern language: compiles a relation pattern written over actor slots
//! and words into a regex over a sentence skeleton.
//!
//! A skeleton is the sentence lowercased and tokenized, each token followed by
//! one space, with every actor mention (or coordinated group of mentions)
//! replaced by a slot token `@N`: "Russia rejected the US plan" becomes
//! `@0 rejected the @1 plan `. Pattern syntax (space separated):
//!
//! | syntax | matches |
//! |---|---|
//! | `{S}` `{T}` | the source / target slot |
//! | `{P}` | a coordinated group whose members pair up (both ways for a one-way relation) |
//! | `{A}` | any other actor slot, which takes no part in the edge (may repeat) |
//! | `<reject>` `<reject\|refuse>` | every inflection of the verb lemmas (rejects, rejected, rejecting) |
//! | `word` | the word itself (lowercase); `word*` any word starting so |
//! | `(a b\|c)` | alternatives, each a sequence; `(...)?` and `word?` are optional |
//! | `~N` | up to N words (no actor slots, no punctuation) |
//! | `~~N` | up to N tokens that may include commas, quotes and dashes (no slots, no `.;:?!`) |
//!
//! The trigger is the first `<...>`; a pattern without one triggers on its first
//! non-optional group, or else its first word.

use regex::Regex;
use regex_automata::{meta, util::syntax, Input, MatchKind};
use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

#[derive(Debug, Clone)]
pub struct CompiledPattern {
    pub regex: PatternRegex,
    /// Whether the pattern uses `{P}` (pairs within a group) rather than `{S}`/`{T}`.
    pub pair: bool,
    /// Words one of which must occur in a sentence for the pattern to match
    /// (the words of its trigger); `None` when the trigger has a wildcard.
    pub trigger_words: Option<Vec<String>>,
    /// The first word of every inflection of the pattern's `<verb>` groups, with its lemma:
    /// `("consult", "consulting")`, `("rule out", "ruled")`. The extractor reads understood
    /// subjects with them.
    pub verb_forms: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Word(String),
    Open,
    Close,
    Bar,
    Question,
}

fn lex(src: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<Tok>| {
        if !cur.is_empty() {
            out.push(Tok::Word(std::mem::take(cur)));
        }
    };
    let mut in_angle = false;
    for c in src.chars() {
        if in_angle {
            cur.push(c);
            if c == '>' {
                in_angle = false;
                flush(&mut cur, &mut out);
            }
            continue;
        }
        match c {
            '<' => {
                flush(&mut cur, &mut out);
                in_angle = true;
                cur.push(c);
            }
            '(' => {
                flush(&mut cur, &mut out);
                out.push(Tok::Open);
            }
            ')' => {
                flush(&mut cur, &mut out);
                out.push(Tok::Close);
            }
            '|' => {
                flush(&mut cur, &mut out);
                out.push(Tok::Bar);
            }
            '?' => {
                flush(&mut cur, &mut out);
                out.push(Tok::Question);
            }
            c if c.is_whitespace() => flush(&mut cur, &mut out),
            c => cur.push(c),
        }
    }
    flush(&mut cur, &mut out);
    out
}

struct Compiler<'a> {
    toks: Vec<Tok>,
    pos: usize,
    irregular: &'a BTreeMap<String, Vec<String>>,
    slots: Vec<char>,
    trigger_done: bool,
    /// Inside the trigger group: literal words are recorded.
    in_trigger: bool,
    /// Inside an optional group before the trigger: words are not recorded.
    in_optional: usize,
    trigger_words: Vec<String>,
    verb_forms: Vec<(String, String)>,
    filterable: bool,
    /// The pattern has a `<verb>`: the first one is the trigger, whatever comes before it.
    verb_trigger: bool,
}

impl Compiler<'_> {
    fn seq(&mut self, depth: usize) -> Result<String, String> {
        let mut alts = vec![String::new()];
        while self.pos < self.toks.len() {
            let tok = self.toks[self.pos].clone();
            self.pos += 1;
            let piece = match tok {
                Tok::Close if depth > 0 => break,
                Tok::Close => return Err("unbalanced ')'".into()),
                Tok::Bar => {
                    if depth == 0 {
                        return Err("'|' outside parentheses; wrap alternatives in (...)".into());
                    }
                    alts.push(String::new());
                    continue;
                }
                Tok::Question => return Err("'?' must follow a word or a group".into()),
                Tok::Open => {
                    // A whole (non-optional) group is the trigger, not its first alternative.
                    let was = self.trigger_done;
                    let optional = self.group_is_optional();
                    let becomes_trigger = !was && !optional && !self.verb_trigger;
                    self.trigger_done = true;
                    self.in_trigger |= becomes_trigger;
                    self.in_optional += usize::from(optional);
                    let inner = self.seq(depth + 1)?;
                    self.in_optional -= usize::from(optional);
                    if becomes_trigger {
                        self.in_trigger = false;
                    }
                    if self.toks.get(self.pos - 1) != Some(&Tok::Close) {
                        return Err("unclosed '('".into());
                    }
                    if becomes_trigger && !inner.contains("(?P<TR>") {
                        format!("(?P<TR>(?:{inner}))")
                    } else {
                        // A trigger found inside the group stays the trigger.
                        if !inner.contains("(?P<TR>") {
                            self.trigger_done = was;
                        }
                        format!("(?:{inner})")
                    }
                }
                Tok::Word(w) => self.word(&w)?,
            };
            let piece = if self.toks.get(self.pos) == Some(&Tok::Question) {
                self.pos += 1;
                format!("(?:{piece})?")
            } else {
                piece
            };
            alts.last_mut().expect("one alternative").push_str(&piece);
        }
        if alts.iter().any(|a| a.is_empty()) && alts.len() > 1 {
            return Err("empty alternative in (...)".into());
        }
        // "(support|loans?|aid)" lets the whole group match nothing, which is never what the
        // author meant; "(a|b)?" says it.
        if alts.len() > 1 {
            for a in &alts {
                let empty_ok = Regex::new(&format!("^(?:{a})$")).is_ok_and(|re| re.is_match(""));
                if empty_ok {
                    return Err(
                        "an alternative in (...) can match nothing, which makes the whole group optional: \
                         write both forms (loan|loans) or mark the group optional with (...)?"
                            .into(),
                    );
                }
            }
        }
        Ok(alts.join("|"))
    }

    /// Whether the group opened just before `pos` is followed by `?`.
    fn group_is_optional(&self) -> bool {
        let mut depth = 1;
        for (i, t) in self.toks.iter().enumerate().skip(self.pos) {
            match t {
                Tok::Open => depth += 1,
                Tok::Close => {
                    depth -= 1;
                    if depth == 0 {
                        return self.toks.get(i + 1) == Some(&Tok::Question);
                    }
                }
                _ => {}
            }
        }
        false
    }

    fn record(&mut self, words: &str) {
        if self.in_trigger || (!self.trigger_done && self.in_optional == 0 && !self.verb_trigger) {
            self.trigger_words.extend(words.split_whitespace().map(String::from));
        }
    }

    fn word(&mut self, w: &str) -> Result<String, String> {
        if let Some(name) = w.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
            let c = match name {
                "S" | "T" | "P" => name.chars().next().expect("one char"),
                // Any actor ("excluded from {S}-{A} talks"): a slot, but no end of the edge.
                "A" => return Ok("[@&]\\d+ ".into()),
                _ => return Err(format!("unknown slot {{{name}}}: use {{S}}, {{T}}, {{P}} or {{A}}")),
            };
            if self.slots.contains(&c) {
                return Err(format!("slot {{{name}}} used twice"));
            }
            self.slots.push(c);
            // `@N` is an actor, `&N` a possessive pronoun (which gaps may also pass over).
            return Ok(format!("[@&](?P<{c}>\\d+) "));
        }
        if let Some(n) = w.strip_prefix("~~") {
            let n: u32 = n
                .parse()
                .map_err(|_| format!("gap {w:?}: expected ~~N with N a number"))?;
            return Ok(format!("(?:[^@ .;:?!][^ ]* ){{0,{n}}}"));
        }
        if let Some(n) = w.strip_prefix('~') {
            let n: u32 = n
                .parse()
                .map_err(|_| format!("gap {w:?}: expected ~N with N a number"))?;
            return Ok(format!("(?:[^@ .,;:?!\"()—][^ ]* ){{0,{n}}}?"));
        }
        if let Some(inner) = w.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
            if inner.trim().is_empty() {
                return Err("empty verb <>".into());
            }
            let mut forms: Vec<String> = Vec::new();
            // Sets beside the lists: linear scans made a verb of thousands of alternatives
            // quadratic (8,000: 3.8 s).
            let mut seen_forms: std::collections::HashSet<String> = std::collections::HashSet::new();
            let mut seen_verb_forms: std::collections::HashSet<(String, String)> =
                self.verb_forms.iter().cloned().collect();
            for lemma in inner.split('|') {
                let full = lemma.trim().to_lowercase();
                for f in inflect(lemma.trim(), self.irregular) {
                    let form_head = f.split_whitespace().next().unwrap_or("").to_string();
                    if seen_verb_forms.insert((full.clone(), form_head.clone())) {
                        self.verb_forms.push((full.clone(), form_head));
                    }
                    if seen_forms.insert(f.clone()) {
                        forms.push(f);
                    }
                }
            }
            forms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            if !self.trigger_done {
                self.trigger_words
                    .extend(forms.iter().flat_map(|f| f.split_whitespace().map(String::from)));
            }
            let alt = forms.iter().map(|f| words_regex(f)).collect::<Vec<_>>().join("|");
            return Ok(self.trigger(format!("(?:{alt})")));
        }
        if w.starts_with('{') || w.starts_with('<') {
            return Err(format!("malformed token {w:?}"));
        }
        let lw = w.to_lowercase();
        if let Some(prefix) = lw.strip_suffix('*') {
            if prefix.is_empty() {
                return Err("'*' needs a prefix: write sanction*".into());
            }
            let re = format!("{}[^ @]* ", regex::escape(prefix));
            if self.verb_trigger {
                return Ok(re);
            }
            if self.in_trigger || (!self.trigger_done && self.in_optional == 0) {
                self.filterable = false;
            }
            return Ok(self.trigger(re));
        }
        let re = format!("{} ", regex::escape(&lw));
        if self.verb_trigger {
            return Ok(re);
        }
        self.record(&lw);
        Ok(self.trigger(re))
    }

    fn trigger(&mut self, re: String) -> String {
        if self.trigger_done {
            re
        } else {
            self.trigger_done = true;
            format!("(?P<TR>{re})")
        }
    }
}

fn words_regex(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(|w| format!("{} ", regex::escape(w)))
        .collect()
}

/// Compiles a pattern; the error says what is wrong in words a rule author knows.
pub fn compile(src: &str, irregular: &BTreeMap<String, Vec<String>>) -> Result<CompiledPattern, String> {
    compile_with(src, irregular, false)
}

/// `compile`, where `source_only` allows a pattern with `{S}` and no `{T}` (an implied target).
pub fn compile_with(
    src: &str,
    irregular: &BTreeMap<String, Vec<String>>,
    source_only: bool,
) -> Result<CompiledPattern, String> {
    let mut c = Compiler {
        toks: lex(src),
        pos: 0,
        irregular,
        slots: Vec::new(),
        trigger_done: false,
        in_trigger: false,
        in_optional: 0,
        trigger_words: Vec::new(),
        verb_forms: Vec::new(),
        filterable: true,
        verb_trigger: false,
    };
    c.verb_trigger = c.toks.iter().any(|t| matches!(t, Tok::Word(w) if w.starts_with('<')));
    if c.toks.is_empty() {
        return Err("empty pattern".into());
    }
    let body = c.seq(0)?;
    let pair = c.slots.contains(&'P');
    match (c.slots.contains(&'S'), c.slots.contains(&'T'), pair) {
        (true, true, false) | (false, false, true) => {}
        (true, false, false) if source_only => {}
        (_, _, true) => return Err("{P} cannot be combined with {S} or {T}".into()),
        _ => return Err("a pattern needs both {S} and {T} (or one {P})".into()),
    }
    let regex = PatternRegex::new(&body).map_err(|e| format!("pattern does not compile: {e}"))?;
    let mut words = c.trigger_words;
    words.sort();
    words.dedup();
    let trigger_words = (c.filterable && !words.is_empty()).then_some(words);
    Ok(CompiledPattern {
        regex,
        pair,
        trigger_words,
        verb_forms: c.verb_forms,
    })
}

/// The lazy DFA's cache of one pattern regex may grow to this many bytes (forward and
/// reverse each) before it is cleared and rebuilt: the regex crate's default (2 MB).
const DFA_CACHE_BYTES: usize = 2 << 20;

/// A pattern's regex: the regex crate's engine (the same `meta::Regex` that `regex::Regex`
/// wraps, built with the same settings, so every match and capture is the same) with one
/// search cache shared by every thread instead of one per thread.
///
/// A search cache holds the states the lazy DFA has built; on a large corpus it grows to
/// hundreds of kilobytes per pattern, and `regex::Regex` keeps one per thread that ever ran
/// it: with ~200 patterns, 110-175 MB per extraction thread. Here a search takes the kept
/// cache (a thread that finds it taken, because another thread is searching with the same
/// pattern at that moment, makes a fresh one and drops it afterwards), so the states one
/// thread builds serve the others, and memory holds one cache per pattern whatever the
/// thread count. `release_cache` frees it once extraction is done.
pub struct PatternRegex {
    meta: meta::Regex,
    pattern: String,
    cache: Mutex<Slot>,
}

/// How many searches found their pattern's cache taken by another thread and made a
/// temporary one (reported with `ACTORGRAPH_DEBUG_CACHES`).
pub static TEMPORARY_CACHES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Where a `PatternRegex` keeps its search cache.
enum Slot {
    /// No cache yet (or released).
    Empty,
    Kept(Box<meta::Cache>),
    /// A search has the cache; another search at the same time uses a temporary one.
    Taken,
}

impl PatternRegex {
    /// Compiles `pattern` as `regex::Regex::new` would (leftmost-first, UTF-8).
    pub fn new(pattern: &str) -> Result<PatternRegex, String> {
        let config = meta::Config::new()
            .nfa_size_limit(Some(10 << 20))
            .hybrid_cache_capacity(DFA_CACHE_BYTES)
            .match_kind(MatchKind::LeftmostFirst)
            .utf8_empty(true);
        let meta = meta::Builder::new()
            .configure(config)
            .syntax(syntax::Config::new().utf8(true))
            .build(pattern)
            // The regex crate's message for the same error (`regex::Error::from_meta_build_error`).
            .map_err(|e| match (e.size_limit(), e.syntax_error()) {
                (Some(limit), _) => regex::Error::CompiledTooBig(limit).to_string(),
                (None, Some(s)) => regex::Error::Syntax(s.to_string()).to_string(),
                (None, None) => regex::Error::Syntax(e.to_string()).to_string(),
            })?;
        Ok(PatternRegex {
            meta,
            pattern: pattern.to_string(),
            cache: Mutex::new(Slot::Empty),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The first match starting at `start` or later, with its groups (`regex::Regex::captures_at`).
    pub fn captures_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Captures<'h>> {
        let input = Input::new(haystack).span(start..haystack.len());
        let mut caps = self.meta.create_captures();
        let (mut cache, keep) = {
            let mut slot = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
            match std::mem::replace(&mut *slot, Slot::Taken) {
                Slot::Kept(c) => (c, true),
                Slot::Empty => (Box::new(self.meta.create_cache()), true),
                Slot::Taken => {
                    TEMPORARY_CACHES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    (Box::new(self.meta.create_cache()), false)
                }
            }
        };
        self.meta.search_captures_with(&mut cache, &input, &mut caps);
        if keep {
            *self.cache.lock().unwrap_or_else(PoisonError::into_inner) = Slot::Kept(cache);
        }
        caps.is_match().then_some(Captures { haystack, caps })
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.captures_at(haystack, 0)
    }

    /// Frees the search cache (the next search makes a new one).
    pub fn release_cache(&self) {
        let mut slot = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        if let Slot::Kept(_) = *slot {
            *slot = Slot::Empty;
        }
    }

    /// The bytes the kept search cache holds (none while no search has run).
    pub fn cache_bytes(&self) -> usize {
        match &*self.cache.lock().unwrap_or_else(PoisonError::into_inner) {
            Slot::Kept(c) => c.memory_usage(),
            _ => 0,
        }
    }
}

impl Clone for PatternRegex {
    /// The same compiled regex (shared), with a cache of its own.
    fn clone(&self) -> PatternRegex {
        PatternRegex {
            meta: self.meta.clone(),
            pattern: self.pattern.clone(),
            cache: Mutex::new(Slot::Empty),
        }
    }
}

impl std::fmt::Debug for PatternRegex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("PatternRegex").field(&self.pattern).finish()
    }
}

/// The groups of a match of a `PatternRegex` (as `regex::Captures`).
pub struct Captures<'h> {
    haystack: &'h str,
    caps: regex_automata::util::captures::Captures,
}

impl<'h> Captures<'h> {
    /// Group `i` (0: the whole match), when it took part in the match.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        self.caps.get_group(i).map(|s| Match {
            haystack: self.haystack,
            start: s.start,
            end: s.end,
        })
    }

    /// The group of that name, when it took part in the match.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        self.caps.get_group_by_name(name).map(|s| Match {
            haystack: self.haystack,
            start: s.start,
            end: s.end,
        })
    }
}

/// One group of a match (as `regex::Match`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }
}

/// Every inflection of a verb lemma (the first word is inflected, the rest kept):
/// `reject` -> reject, rejects, rejected, rejecting; `rule out` -> rules out ...
pub fn inflect(lemma: &str, irregular: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let lemma = lemma.to_lowercase();
    let (head, rest) = match lemma.split_once(' ') {
        Some((h, r)) => (h.to_string(), format!(" {r}")),
        None => (lemma.clone(), String::new()),
    };
    let mut forms = vec![head.clone()];
    let consonant = |c: char| !"aeiou".contains(c);
    let chars: Vec<char> = head.chars().collect();
    let n = chars.len();
    // third person singular
    if head.ends_with('s')
        || head.ends_with('x')
        || head.ends_with('z')
        || head.ends_with("ch")
        || head.ends_with("sh")
        || head.ends_with('o')
    {
        forms.push(format!("{head}es"));
    } else if n > 1 && head.ends_with('y') && consonant(chars[n - 2]) {
        forms.push(format!("{}ies", &head[..head.len() - 1]));
    } else {
        forms.push(format!("{head}s"));
    }
    // doubling of a final consonant after a single short vowel: ban -> banned
    let doubles = (3..=4).contains(&n)
        && consonant(chars[n - 1])
        && !"wxy".contains(chars[n - 1])
        && !consonant(chars[n - 2])
        && consonant(chars[n - 3]);
    let stem = if doubles {
        format!("{head}{}", chars[n - 1])
    } else {
        head.clone()
    };
    if head.ends_with('e') {
        forms.push(format!("{head}d"));
        if head.ends_with("ee") {
            forms.push(format!("{head}ing"));
        } else {
            forms.push(format!("{}ing", &head[..head.len() - 1]));
        }
    } else if n > 1 && head.ends_with('y') && consonant(chars[n - 2]) {
        forms.push(format!("{}ied", &head[..head.len() - 1]));
        forms.push(format!("{head}ing"));
    } else {
        forms.push(format!("{stem}ed"));
        forms.push(format!("{stem}ing"));
    }
    if let Some(irr) = irregular.get(&head) {
        forms.retain(|f| !f.ends_with("ed"));
        forms.extend(irr.iter().cloned());
    }
    forms.into_iter().map(|f| format!("{f}{rest}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(pattern: &str, skeleton: &str, expected: Option<(&str, &str)>) {
        let mut irr = BTreeMap::new();
        irr.insert("meet".to_string(), vec!["met".to_string()]);
        let p = compile(pattern, &irr).unwrap_or_else(|e| panic!("{pattern}: {e}"));
        let got = p.regex.captures(skeleton).map(|c| {
            let s = c.name("S").or(c.name("P")).map_or("", |m| m.as_str());
            let t = c.name("T").map_or("", |m| m.as_str());
            (s.to_string(), t.to_string())
        });
        assert_eq!(
            got,
            expected.map(|(s, t)| (s.to_string(), t.to_string())),
            "{pattern} on {skeleton}"
        );
    }

    #[test]
    fn matches_skeletons() {
        check(
            "{S} <reject> ~4 {T}",
            "@0 rejected the plan for @1 . ",
            Some(("0", "1")),
        );
        check("{S} <reject> ~2 {T}", "@0 rejected the new big plan for @1 . ", None);
        check("{S} <meet> {T}", "@0 met @1 ", Some(("0", "1")));
        check(
            "{T} (was|were) <sideline> by {S}",
            "@0 was sidelined by @1 ",
            Some(("1", "0")),
        );
        check("talks between {P}", "the talks between @3 were long ", Some(("3", "")));
        check(
            "{T} excluded from {A} - {S} talks",
            "@0 excluded from @1 - @2 talks ",
            Some(("2", "0")),
        );
        check(
            "{T} excluded from {A} - {S} talks",
            "@0 excluded from - @2 talks ",
            None,
        );
        check(
            "{S} <impose> sanction* on {T}",
            "@0 imposed sanctions on @1 ",
            Some(("0", "1")),
        );
        check("{S} (has|have)? <back> {T}", "@0 backs @1 ", Some(("0", "1")));
        check("{S} behind {T} 's? back", "@0 behind @1 's back ", Some(("0", "1")));
        check("{S} behind {T} 's? back", "@0 behind @1 back ", Some(("0", "1")));
        check("{S} ~3 <support> {T}", "@0 and @2 support @1 ", Some(("2", "1")));
        check("{S} ~3 <reject> {T}", "@0 , however , rejected @1 ", None);
        check("{S} ~~3 <reject> {T}", "@0 , however , rejected @1 ", Some(("0", "1")));
        let p = compile("{S} ~3 (talks|negotiations) with {T}", &BTreeMap::new()).expect("compiles");
        let c = p.regex.captures("@0 's negotiations with @1 ").expect("matches");
        assert_eq!(c.name("TR").map(|m| m.as_str()), Some("negotiations "));
        assert_eq!(
            p.trigger_words,
            Some(vec!["negotiations".to_string(), "talks".to_string()])
        );
        let p = compile("{S} (a|its)? <reject> {T}", &BTreeMap::new()).expect("compiles");
        let words = p.trigger_words.as_ref().map(|w| w.join(" "));
        assert_eq!(words.as_deref(), Some("reject rejected rejecting rejects"));
        let p = compile("{S} , (which|who) <back> {T}", &BTreeMap::new()).expect("compiles");
        let c = p.regex.captures("@0 , which backs @1 ").expect("matches");
        assert_eq!(c.name("TR").map(|m| m.as_str()), Some("backs "));
        let p = compile("{S} sanction* {T}", &BTreeMap::new()).expect("compiles");
        assert_eq!(p.trigger_words, None);
    }

    #[test]
    fn reports_bad_patterns() {
        assert!(compile("{S} ~3 (support|loans?) for {T}", &BTreeMap::new())
            .expect_err("optional alternative")
            .contains("can match nothing"));
        let irr = BTreeMap::new();
        let err = |p: &str| compile(p, &irr).err().unwrap_or_default();
        assert_eq!(err("{S} <reject>"), "a pattern needs both {S} and {T} (or one {P})");
        assert_eq!(err("{S} {X} {T}"), "unknown slot {X}: use {S}, {T}, {P} or {A}");
        assert_eq!(err("{S} (a|b {T}"), "unclosed '('");
        assert_eq!(err("{S} ~x {T}"), "gap \"~x\": expected ~N with N a number");
        assert_eq!(
            err("{S} a|b {T}"),
            "'|' outside parentheses; wrap alternatives in (...)"
        );
    }

    #[test]
    fn inflects_verbs() {
        let irr = BTreeMap::new();
        assert_eq!(inflect("reject", &irr), ["reject", "rejects", "rejected", "rejecting"]);
        assert_eq!(inflect("urge", &irr), ["urge", "urges", "urged", "urging"]);
        assert_eq!(inflect("deny", &irr), ["deny", "denies", "denied", "denying"]);
        assert_eq!(inflect("ban", &irr), ["ban", "bans", "banned", "banning"]);
        assert_eq!(inflect("push", &irr), ["push", "pushes", "pushed", "pushing"]);
        assert_eq!(
            inflect("rule out", &irr),
            ["rule out", "rules out", "ruled out", "ruling out"]
        );
    }
}
