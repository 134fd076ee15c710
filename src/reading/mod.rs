//! Reading: from one document's text to actor mentions and relation instances.
//!
//! Input: a document's text and date, and a compiled `RuleSet`. Output: an
//! `Extraction` (mentions, relations with flags and evidence spans, actors the
//! rules did not know, warnings). Pure: no I/O, and odd text never fails, it
//! only extracts less.
//!
//! Per sentence: aliases are found with one automaton; demonyms become actor
//! mentions only before a head noun or a title; definite descriptions ("the US
//! president") and pronouns are resolved to persons and states; the sentence is
//! reduced to a skeleton of words and actor slots (coordinated actors share a
//! slot); role phrases give `leads`/`represents`; relation patterns run over the
//! skeleton; negation, hedging and attribution are read around each match.

mod aliases;
mod appositions;
mod attribution;
mod coref;
mod flags;
mod names;
mod offices;
mod quotes;
mod readings;
mod required;
mod roles;
mod skeleton;
mod surface;
mod tokens;
mod trees;
mod understood;

use crate::ingest::split_sentences;
use crate::rules::{Actor, AliasKind, Gender, Grammar, Kind, Lexicon, Pattern, Relation, RuleSet};
use regex::Regex;
use std::collections::{HashMap, HashSet};

use coref::*;
use names::*;
use readings::*;
use skeleton::*;
use surface::*;
pub use tokens::slug;
use tokens::*;

/// A resolved reference to an actor: an index into `RuleSet::actors`, or past
/// its end into the document's `Extraction::new_actors`.
pub type ActorRef = usize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub actor: ActorRef,
    pub plural: bool,
    /// Pronouns are resolved mentions but do not count as naming the actor.
    pub pronoun: bool,
    /// An object pronoun ("him", "them"): never the source of a relation.
    pub objective: bool,
    /// A state or organization that only qualifies a title ("Russian President ..."):
    /// never coordinated with its neighbours.
    pub modifier: bool,
    pub sentence: usize,
    /// How the mention was found (for `explain`).
    pub how: How,
}

/// How a mention was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// An alias or metonym (index into `RuleSet::aliases`).
    Alias(usize),
    /// A demonym before a head noun or a title, or a plural demonym after "the".
    Demonym(usize),
    /// A leader's surname before "administration" (names the state led).
    LeaderHead(usize),
    /// A definite description resolved to an office holder.
    Description,
    /// A title before an unknown name.
    NewPerson,
    /// A pronoun resolved to an earlier mention.
    Pronoun,
}

impl Mention {
    /// Followed by "'s": the owner of what comes next ("Russia's war").
    pub fn is_possessor(&self, text: &str) -> bool {
        text.get(self.end..)
            .is_some_and(|r| r.starts_with("'s") || r.starts_with("’s"))
    }

    /// A place rather than an actor: "talks in Abu Dhabi", "the war in Vietnam", "in neighboring
    /// Belarus" (but "in Russia's war" names Russia as the owner).
    pub fn is_place(&self, text: &str, lex: &Lexicon) -> bool {
        if self.pronoun || self.is_possessor(text) {
            return false;
        }
        let before = word_before_skipping(text, self.start, |w| lex.grammar.place_adjectives.contains(w));
        if lex.grammar.place_markers.contains(&before) {
            return true;
        }
        // "fled to Poland", "drifting to Brazil": the end of a journey.
        let mut before = text.get(..self.start).unwrap_or("").split_whitespace().rev();
        let (w1, w2) = (before.next().unwrap_or(""), before.next().unwrap_or("").to_lowercase());
        if w1.eq_ignore_ascii_case("to") && lex.grammar.motion_stems.iter().any(|m| w2.starts_with(m.as_str())) {
            return true;
        }
        // "the US-Mexico border", "the Russian border": a frontier.
        let after = text.get(self.end..).unwrap_or("");
        let after = match after.strip_prefix(['-', '–', '—', '/']) {
            Some(rest) => rest.trim_start_matches(|c: char| c.is_alphanumeric() || c == '.'),
            None => after,
        };
        let next: String = after
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        after.starts_with(char::is_whitespace)
            && matches!(next.as_str(), "border" | "borders" | "frontier" | "coast" | "coastline")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationInstance {
    pub source: ActorRef,
    pub relation: String,
    pub target: ActorRef,
    pub negated: bool,
    pub hedged: bool,
    pub said_by: Option<ActorRef>,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub rule: String,
    pub trigger: String,
    /// Why the flags are set: the cues found ("negation: not", "hedge: wants to").
    pub why: Vec<String>,
    /// A tree pattern's reading: the trigger and the words each place reached.
    pub path: Option<String>,
}

impl RelationInstance {
    /// A `leads`/`represents` edge read from a role phrase or a description.
    fn role(
        person: ActorRef,
        relation: &str,
        org: ActorRef,
        how: &str,
        trigger: String,
        sentence: usize,
        span: (usize, usize),
    ) -> Self {
        RelationInstance {
            source: person,
            relation: relation.to_string(),
            target: org,
            negated: false,
            hedged: false,
            said_by: None,
            sentence,
            start: span.0,
            end: span.1,
            rule: format!("{relation}/{how}"),
            trigger,
            why: Vec::new(),
            path: None,
        }
    }
}

/// What `explain` shows of one sentence.
#[derive(Debug, Clone, Default)]
pub struct SentenceTrace {
    pub sentence: usize,
    /// The skeleton the patterns ran on.
    pub skeleton: String,
    /// Slot number -> actor refs.
    pub slots: Vec<Vec<ActorRef>>,
}

#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// With `Extractor::trace`, one entry per sentence that was not skipped.
    pub traces: Vec<SentenceTrace>,
    pub mentions: Vec<Mention>,
    pub relations: Vec<RelationInstance>,
    /// Persons found by a title before an unknown name ("Foreign Minister Jane Doe").
    pub new_actors: Vec<Actor>,
    /// Sentence spans, and whether each was skipped as boilerplate.
    pub sentences: Vec<(usize, usize, bool)>,
    pub warnings: Vec<String>,
    /// The coordinated pairs named so far, for "both sides".
    pairs: PairLog,
    /// Actors named so far (not by pronoun or anaphoric alias).
    named: HashSet<ActorRef>,
    /// New persons met only as speakers ("political scientist Ivan Lizan believes"): they fill
    /// `said_by`, and are actors of the document only where a relation names them.
    pub speakers: HashSet<ActorRef>,
    /// The document's quotations (open mark, close mark) with who is quoted, for "we" inside them.
    quotes: Vec<(usize, usize, QuoteSpeaker)>,
}

/// Who a quotation is attributed to, as far as can be told before its sentences are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuoteSpeaker {
    /// A name right after the closing mark ("," Lavrov said) or before the opening one.
    Actor(usize),
    /// "he said", "the diplomat stressed": the person named last before the quotation.
    Anaphor,
    Unknown,
}

/// A running summary of the pairs a document names ("Russia and Ukraine"): the latest, and the
/// most frequent (the latest of equals), each with the order of its latest mention.
#[derive(Debug, Clone, Default)]
struct PairLog {
    /// (sentence, pair) of the latest pair.
    last: Option<(usize, [ActorRef; 2])>,
    /// (count, pair) of the most named pair.
    most: Option<(usize, [ActorRef; 2])>,
    counts: HashMap<[ActorRef; 2], usize>,
}

impl PairLog {
    fn push(&mut self, sentence: usize, pair: [ActorRef; 2]) {
        let key = [pair[0].min(pair[1]), pair[0].max(pair[1])];
        let n = self.counts.entry(key).or_default();
        *n += 1;
        // A pair's count only grows, and the newest wins ties: compare with the leader only.
        if self.most.is_none_or(|(m, _)| *n >= m) {
            self.most = Some((*n, pair));
        }
        self.last = Some((sentence, pair));
    }
}

impl Extraction {
    pub fn actor<'a>(&'a self, rules: &'a RuleSet, r: ActorRef) -> &'a Actor {
        if r < rules.actors.len() {
            &rules.actors[r]
        } else {
            &self.new_actors[r - rules.actors.len()]
        }
    }
}

/// Per-rule-set state built once and shared by every document.
pub struct Extractor<'r> {
    pub rules: &'r RuleSet,
    /// For each actor, the (person, role index) pairs of the roles held in it.
    roles_of: HashMap<usize, Vec<(usize, usize)>>,
    /// Speaker regexes over the skeleton, each with whether the speaker follows the verb
    /// ("..., said Lavrov").
    attribution: Vec<(Regex, bool)>,
    /// Record a `SentenceTrace` per sentence (for `explain`).
    pub trace: bool,
    /// Run only this pattern (`relation/name`), for testing a pattern's examples on their own.
    pub only_pattern: Option<String>,
    /// Title spellings by first word.
    title_first: rustc_hash::FxHashMap<String, Vec<(Vec<String>, usize)>>,
    /// Capitalized title spellings: a sentence with no alias and none of these holds no actor.
    title_ac: aho_corasick::AhoCorasick,
    boilerplate_line: regex::RegexSet,
    boilerplate_tail: regex::RegexSet,
    /// Trigger word -> the patterns (in `RuleSet::patterns()` order) it can start.
    trigger_index: rustc_hash::FxHashMap<String, Vec<usize>>,
    /// Patterns with no trigger words (wildcards): always tried.
    unfiltered: Vec<usize>,
    /// The literals each pattern's regex requires: a pattern is tried only where they occur.
    required: required::Required,
    pattern_count: usize,
    /// Gerunds and past forms of the patterns' verbs: a clause that opens with one of them
    /// has an understood subject ("..., before consulting Kyiv").
    gerunds: rustc_hash::FxHashSet<String>,
    pasts: rustc_hash::FxHashSet<String>,
    bases: rustc_hash::FxHashSet<String>,
    /// Gerunds of the attacks and threatens patterns' verbs ("targeting", "invading").
    hostile_gerunds: rustc_hash::FxHashSet<String>,
    /// Every form of the opposes and rejects patterns' verbs, and of verbs that undo a thing
    /// ("lift", "ease", "end"): between an owner and its noun they turn the noun around.
    contrary_verbs: rustc_hash::FxHashSet<String>,
    /// The tree patterns, by trigger lemma.
    trees: crate::patterns::Matcher,
}

impl<'r> Extractor<'r> {
    pub fn new(rules: &'r RuleSet) -> Extractor<'r> {
        let mut roles_of: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
        for (pi, a) in rules.actors.iter().enumerate() {
            for (ri, r) in a.roles.iter().enumerate() {
                roles_of.entry(r.of).or_default().push((pi, ri));
            }
        }
        let verbs: Vec<String> = rules
            .lexicon
            .attribution_verbs
            .iter()
            .map(|v| regex::escape(v))
            .collect();
        let verbs = verbs.join("|");
        let attribution = if verbs.is_empty() {
            Vec::new()
        } else {
            [
                (r"according to @(\d+) ".to_string(), false),
                (format!(r"@(\d+) ((?:[a-z]+ ){{0,2}})(?:{verbs}) "), false),
                (format!(r"(?:{verbs}) @(\d+) "), true),
            ]
            .into_iter()
            .map(|(s, after)| (Regex::new(&s).expect("attribution regex"), after))
            .collect()
        };
        let mut title_index: Vec<(Vec<String>, usize)> = Vec::new();
        for (ti, t) in rules.lexicon.titles.iter().enumerate() {
            for w in &t.words {
                // Tokenized like text: "secretary-general" is three tokens; in the
                // skeleton, hyphenated words are joined again, so both forms are kept.
                title_index.push((w.replace('-', " - ").split_whitespace().map(String::from).collect(), ti));
                if w.contains('-') {
                    title_index.push((w.split_whitespace().map(String::from).collect(), ti));
                }
            }
        }
        title_index.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        Extractor {
            rules,
            roles_of,
            attribution,
            trace: false,
            only_pattern: None,
            trees: crate::patterns::Matcher::new(rules),
            title_first: {
                let mut m: rustc_hash::FxHashMap<String, Vec<(Vec<String>, usize)>> = Default::default();
                for (w, t) in title_index.iter().cloned() {
                    if let Some(f) = w.first() {
                        m.entry(f.clone()).or_default().push((w, t));
                    }
                }
                m
            },
            title_ac: {
                let capitalized: Vec<String> = title_index
                    .iter()
                    .map(|(w, _)| {
                        let mut c = w[0].chars();
                        c.next()
                            .map_or(String::new(), |f| f.to_uppercase().collect::<String>() + c.as_str())
                    })
                    .filter(|w| !w.is_empty())
                    .collect();
                aho_corasick::AhoCorasick::new(capitalized).expect("title automaton")
            },
            boilerplate_line: regex::RegexSet::new(rules.lexicon.boilerplate_line.iter().map(|r| r.as_str()))
                .expect("boilerplate regexes compiled one by one compile as a set"),
            pattern_count: rules.patterns().count(),
            trigger_index: {
                let mut m: rustc_hash::FxHashMap<String, Vec<usize>> = Default::default();
                for (i, (_, p)) in rules.patterns().enumerate() {
                    for w in p.compiled.trigger_words.iter().flatten() {
                        m.entry(w.clone()).or_default().push(i);
                    }
                }
                m
            },
            required: required::Required::new(rules.patterns().map(|(_, p)| p.compiled.regex.as_str())),
            unfiltered: rules
                .patterns()
                .enumerate()
                .filter(|(_, (_, p))| p.compiled.trigger_words.is_none())
                .map(|(i, _)| i)
                .collect(),
            boilerplate_tail: regex::RegexSet::new(rules.lexicon.boilerplate_tail.iter().map(|r| r.as_str()))
                .expect("boilerplate regexes compiled one by one compile as a set"),
            gerunds: verb_forms(rules, |_| true, |_, f| f.ends_with("ing")),
            // Single-word lemmas only: "turn against" does not make "turn" contrary.
            contrary_verbs: verb_forms(rules, |r| r == "opposes" || r == "rejects", |l, _| !l.contains(' '))
                .into_iter()
                .chain(
                    rules
                        .lexicon
                        .grammar
                        .undoing_verbs
                        .iter()
                        .flat_map(|v| crate::rules::pattern::inflect(v, &rules.lexicon.irregular)),
                )
                .collect(),
            hostile_gerunds: verb_forms(rules, |r| r == "attacks" || r == "threatens", |_, f| f.ends_with("ing")),
            bases: verb_forms(rules, |_| true, |l, f| l.split(' ').next() == Some(f)),
            pasts: verb_forms(
                rules,
                |_| true,
                |l, f| {
                    let l = l.split(' ').next().unwrap_or(l);
                    let third = [
                        format!("{l}s"),
                        format!("{l}es"),
                        format!("{}ies", l.trim_end_matches('y')),
                    ];
                    f != l && !f.ends_with("ing") && !third.iter().any(|t| t == f) && !matches!(f, "has" | "had")
                },
            ),
        }
    }

    /// Extracts mentions and relations from one document.
    pub fn extract(&self, text: &str, date: Option<&str>, keep_boilerplate: bool) -> Extraction {
        let mut ex = Extraction::default();
        let mut in_tail = false;
        for (s, e) in split_sentences(text) {
            let sent = &text[s..e];
            if !keep_boilerplate {
                if !in_tail && self.boilerplate_tail.is_match(sent) {
                    in_tail = true;
                }
                let skip = in_tail || self.boilerplate_line.is_match(sent);
                ex.sentences.push((s, e, skip));
            } else {
                ex.sentences.push((s, e, false));
            }
        }
        let raw = self.find_aliases(text);
        ex.quotes = self.quote_attributions(text, &raw);
        let mut next_raw = 0;
        for si in 0..ex.sentences.len() {
            let (s, e, skip) = ex.sentences[si];
            while next_raw < raw.len() && raw[next_raw].0 < s {
                next_raw += 1;
            }
            let mut here = Vec::new();
            while next_raw < raw.len() && raw[next_raw].1 <= e {
                here.push(raw[next_raw]);
                next_raw += 1;
            }
            if skip {
                continue;
            }
            // Fast path: no alias, no recent mention for a pronoun, no title: no actor here.
            let recent = ex.mentions.last().is_some_and(|m| m.sentence + 2 >= si);
            if here.is_empty() && !recent && !self.title_ac.is_match(&text[s..e]) {
                continue;
            }
            self.sentence(&mut ex, text, si, s, e, &here, date);
        }
        self.quote_speakers(&mut ex, text);
        ex
    }

    /// Reads one sentence: its mentions, its skeleton, role phrases and relation patterns, then
    /// records what the next sentences need (mentions, named actors, coordinated pairs).
    #[allow(clippy::too_many_arguments)]
    fn sentence(
        &self,
        ex: &mut Extraction,
        text: &str,
        si: usize,
        s: usize,
        e: usize,
        raw: &[(usize, usize, usize)],
        date: Option<&str>,
    ) {
        let toks = tokenize(&text[s..e], s);
        let words: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        let st = Sentence {
            text,
            si,
            s,
            e,
            date,
            toks: &toks,
            words: &words,
        };
        // Mentions: aliases, descriptions, new persons, appositions, pronouns.
        let mut ments = self.alias_mentions(ex, &st, raw);
        let role_edges = self.descriptions(ex, &st, &mut ments);
        self.titled_persons(ex, &st, &mut ments);
        self.known_surnames(&st, &mut ments);
        self.speakers(ex, text, si, &toks, &words, &mut ments);
        let mut appos_edges = self.appositions(ex, &st, &mut ments, false);
        self.pronouns(ex, &st, &mut ments);
        // Appositions owned by a pronoun, now that it is resolved: "Beijing sent its special envoy, Li Hui".
        appos_edges.extend(self.appositions(ex, &st, &mut ments, true));
        self.both_sides(ex, text, si, &toks, &words, &mut ments);
        let ments = without_overlaps(ments);
        // No mention and no role edge: no skeleton, no role phrase and no pattern has anything
        // to read (demonyms may still give the tree patterns two actors).
        if ments.is_empty() && role_edges.is_empty() && appos_edges.is_empty() && !self.trace {
            let mut found = Vec::new();
            self.add_tree_relations(ex, &st, &ments, raw, &mut found);
            self.record(ex, &st, ments, found);
            return;
        }
        // The skeleton, role phrases, and the relation patterns over each reading of it.
        let mut skeleton = Skeleton::build(&st, &ments);
        let mut found = self.role_relations(ex, &st, &ments, &skeleton, &role_edges, &appos_edges);
        let appos_spans: Vec<(usize, usize, ActorRef)> = appos_edges.iter().map(|&(a, b, p, _, _)| (a, b, p)).collect();
        let readings = self.readings(ex, &st, &ments, &mut skeleton, &appos_spans);
        let slots = &skeleton.slots;
        let mut trace_skeleton = String::new();
        for reading in &readings {
            let written = Written::new(&st, &ments, slots, reading);
            self.match_patterns(ex, &st, &ments, slots, &written, &mut found);
            trace_skeleton = written.skel;
        }
        if self.trace {
            ex.traces.push(SentenceTrace {
                sentence: si,
                skeleton: trace_skeleton.trim_end().to_string(),
                slots: (0..slots.len()).map(|n| actors_of(slots, &ments, n)).collect(),
            });
        }
        self.add_tree_relations(ex, &st, &ments, raw, &mut found);
        self.record(ex, &st, ments, found);
    }

    /// After a sentence: its relations (one per source, relation, target and negation), the pairs
    /// it names for a later "both sides", the actors it names, its mentions.
    fn record(&self, ex: &mut Extraction, st: &Sentence, ments: Vec<Mention>, found: Vec<RelationInstance>) {
        let rules = self.rules;
        let mut seen = std::collections::HashSet::new();
        for r in found {
            let sym = rules.relation(&r.relation).is_some_and(|x| x.symmetric);
            let (a, b) = if sym && r.target < r.source {
                (r.target, r.source)
            } else {
                (r.source, r.target)
            };
            if seen.insert((a, r.relation.clone(), b, r.negated)) {
                ex.relations.push(r);
            }
        }
        let mut sorted: Vec<&Mention> = ments.iter().collect();
        sorted.sort_by_key(|m| m.start);
        for (_, pair) in self.joined_pairs(ex, st.text, &sorted) {
            ex.pairs.push(st.si, pair);
        }
        for m in ments.iter().filter(|m| !m.pronoun) {
            if !matches!(m.how, How::Alias(ai) if rules.aliases[ai].anaphoric) {
                ex.named.insert(m.actor);
            }
        }
        ex.mentions.extend(ments);
    }
}

/// One sentence as the stages read it: the document's text, the sentence's index and byte span,
/// the document's date, and the sentence's tokens with their lowercased words.
#[derive(Clone, Copy)]
pub(crate) struct Sentence<'a> {
    pub(crate) text: &'a str,
    pub(crate) si: usize,
    pub(crate) s: usize,
    pub(crate) e: usize,
    pub(crate) date: Option<&'a str>,
    pub(crate) toks: &'a [Token],
    pub(crate) words: &'a [&'a str],
}

impl<'a> Sentence<'a> {
    /// The text of token `k` as written.
    pub(crate) fn raw(&self, k: usize) -> &'a str {
        &self.text[self.toks[k].start..self.toks[k].end]
    }

    /// The first token that starts at or after byte `off`.
    pub(crate) fn tok_at(&self, off: usize) -> Option<usize> {
        self.toks.iter().position(|t| t.start >= off)
    }

    /// The last token that ends at or before byte `off`.
    pub(crate) fn tok_end(&self, off: usize) -> Option<usize> {
        self.toks.iter().rposition(|t| t.end <= off)
    }
}

/// Mentions sorted by start, overlaps dropped (the earlier, longer one is kept; a pronoun for a
/// coordination keeps one mention per member).
fn without_overlaps(mut ments: Vec<Mention>) -> Vec<Mention> {
    ments.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut kept: Vec<Mention> = Vec::new();
    for m in ments {
        let same_pronoun = kept
            .last()
            .is_some_and(|l| l.pronoun && m.pronoun && l.start == m.start && l.end == m.end);
        if same_pronoun || kept.last().is_none_or(|l| m.start >= l.end) {
            kept.push(m);
        }
    }
    kept
}

/// The forms of the `<verb>` groups of the patterns whose relation passes `relation`, kept
/// where `form(lemma, form)` holds: `verb_forms(rules, |_| true, |_, f| f.ends_with("ing"))`.
fn verb_forms(
    rules: &RuleSet,
    relation: impl Fn(&str) -> bool,
    form: impl Fn(&str, &str) -> bool,
) -> rustc_hash::FxHashSet<String> {
    rules
        .patterns()
        .filter(|(r, _)| relation(&r.id))
        .flat_map(|(_, p)| p.compiled.verb_forms.iter())
        .filter(|(l, f)| form(l, f))
        .map(|(_, f)| f.clone())
        .collect()
}

/// What the stages' unit tests read: the built-in rules, and a document's extraction written
/// out as one line per mention, relation or skeleton.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use std::sync::OnceLock;

    fn rules() -> &'static RuleSet {
        static RULES: OnceLock<RuleSet> = OnceLock::new();
        RULES.get_or_init(|| crate::rules::load_builtin().expect("the built-in rules load"))
    }

    /// The traced extraction of `text`, dated 2025-03-01.
    fn read(text: &str) -> (Extractor<'static>, Extraction) {
        read_with(text, true)
    }

    /// The same, with the tree patterns on or off.
    fn read_with(text: &str, trees: bool) -> (Extractor<'static>, Extraction) {
        let mut x = Extractor::new(rules());
        x.trace = true;
        if !trees {
            x.trees = crate::patterns::Matcher::default();
        }
        let ex = x.extract(text, Some("2025-03-01"), false);
        (x, ex)
    }

    /// Asserts the mentions of `text` (as `mentions` writes them).
    pub(crate) fn check_mentions(text: &str, expected: &[&str]) {
        assert_eq!(mentions(text), expected, "{text}");
    }

    /// Asserts the relations of `text` (as `relations` writes them, without the cues).
    pub(crate) fn check_relations(text: &str, expected: &[&str]) {
        assert_eq!(relations(text, false), expected, "{text}");
    }

    /// Asserts the skeletons of `text` (as `skeletons` writes them).
    pub(crate) fn check_skeletons(text: &str, expected: &[&str]) {
        assert_eq!(skeletons(text), expected, "{text}");
    }

    /// Each mention as `text=actor`, in order.
    pub(crate) fn mentions(text: &str) -> Vec<String> {
        let (x, ex) = read(text);
        let id = |a: ActorRef| ex.actor(x.rules, a).id.clone();
        ex.mentions
            .iter()
            .map(|m| format!("{}={}", &text[m.start..m.end], id(m.actor)))
            .collect()
    }

    /// Each relation as `source [not ]relation target[ hedged][ <- speaker][ (why; ...)]`, sorted.
    pub(crate) fn relations(text: &str, why: bool) -> Vec<String> {
        format_relations(read(text), why)
    }

    /// The relations the surface stages alone find (no tree patterns), as `relations` writes them.
    pub(crate) fn surface_relations(text: &str, why: bool) -> Vec<String> {
        format_relations(read_with(text, false), why)
    }

    fn format_relations((x, ex): (Extractor<'static>, Extraction), why: bool) -> Vec<String> {
        let id = |a: ActorRef| ex.actor(x.rules, a).id.clone();
        let mut out: Vec<String> = ex
            .relations
            .iter()
            .map(|r| {
                let mut s = format!(
                    "{} {}{} {}",
                    id(r.source),
                    if r.negated { "not " } else { "" },
                    r.relation,
                    id(r.target)
                );
                if r.hedged {
                    s.push_str(" hedged");
                }
                if let Some(sp) = r.said_by {
                    s.push_str(&format!(" <- {}", id(sp)));
                }
                let path = r.path.iter().map(|p| format!("tree: {p}"));
                let reasons: Vec<String> = r.why.iter().cloned().chain(path).collect();
                if why && !reasons.is_empty() {
                    s.push_str(&format!(" ({})", reasons.join("; ")));
                }
                s
            })
            .collect();
        out.sort();
        out
    }

    /// The skeleton of each sentence the patterns read last (with understood subjects, when a
    /// clause has any).
    pub(crate) fn skeletons(text: &str) -> Vec<String> {
        let (_, ex) = read(text);
        ex.traces.iter().map(|t| t.skeleton.clone()).collect()
    }
}
