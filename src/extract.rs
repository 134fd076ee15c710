//! Extraction: from one document's text to actor mentions and relation instances.
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

use crate::ingest::split_sentences;
use crate::rules::{Actor, AliasKind, Gender, Kind, RuleSet};
use regex::Regex;
use std::collections::{HashMap, HashSet};

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
    pub fn is_place(&self, text: &str) -> bool {
        if self.pronoun || self.is_possessor(text) {
            return false;
        }
        if PLACE_MARKERS.contains(&word_before_skipping(text, self.start, PLACE_ADJECTIVES).as_str()) {
            return true;
        }
        // "fled to Poland", "drifting to Brazil": the end of a journey.
        let mut before = text.get(..self.start).unwrap_or("").split_whitespace().rev();
        let (w1, w2) = (before.next().unwrap_or(""), before.next().unwrap_or("").to_lowercase());
        if w1.eq_ignore_ascii_case("to") && MOTION_STEMS.iter().any(|m| w2.starts_with(m)) {
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

/// Capitalized words that make a name before a verb of saying an institution or an outlet, not a
/// person: "the State Department said", "Sky News reported" (besides `NOT_NAMES`).
const NOT_PERSON_NAME_WORDS: &[&str] = &[
    "Department",
    "Ministry",
    "House",
    "Office",
    "Council",
    "Committee",
    "Agency",
    "Service",
    "Services",
    "Command",
    "Staff",
    "Forces",
    "Navy",
    "Force",
    "Guard",
    "Bank",
    "Fund",
    "Group",
    "Center",
    "Centre",
    "Commission",
    "Parliament",
    "Assembly",
    "Court",
    "Party",
    "Union",
    "Organization",
    "Organisation",
    "News",
    "Media",
    "Television",
    "Radio",
    "Network",
    "Company",
    "Corporation",
    "Energy",
    "Oil",
    "Gas",
    "Kremlin",
    "Police",
    "Authorities",
    "Government",
    "Administration",
    "Reuters",
    "Bloomberg",
    "Politico",
    "Axios",
    "Guardian",
    "Telegraph",
    "Kommersant",
    "Izvestia",
    "Interfax",
    "Novosti",
    "Ukrinform",
    "Ukrainska",
    "Pravda",
    "Meduza",
    "Mission",
    "Monitoring",
    "Statement",
    "Report",
    "Study",
    "Survey",
    "Poll",
    "Data",
    "Sources",
    "Source",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Basin",
    "Island",
    "Islands",
    "Developing",
    "Associated",
    "Development",
    "Caucus",
    "River",
    "Republic",
    "Kingdom",
    "States",
    "Coast",
    "Valley",
    "Sea",
    "Ocean",
    "Gulf",
    "Bay",
    "Lake",
    "Mountains",
    "Street",
    "City",
    "County",
    "Province",
    "Region",
    "Rico",
    "Association",
    "Federation",
    "Institute",
    "University",
    "Board",
    "Bureau",
    "Senate",
    "Congress",
    "Cabinet",
    "Secretariat",
    "Embassy",
    "Trade",
    "Exchange",
    "Markets",
    "Securities",
];

/// Capitalized words before a speaker's name that are not part of it: conjunctions that open a
/// sentence, and titles the lexicon does not read as offices ("Chairman Paul Volcker said").
const NAME_PREFIXES: &[&str] = &[
    "But",
    "And",
    "So",
    "Yet",
    "Also",
    "Then",
    "Now",
    "Meanwhile",
    "However",
    "Still",
    "Chairman",
    "Chairwoman",
    "Senator",
    "Sen",
    "Governor",
    "Gov",
    "Mayor",
    "Representative",
    "Rep",
    "Speaker",
    "Leader",
    "General",
    "Gen",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Lord",
    "Lady",
    "Sir",
    "Dame",
    "Congressman",
    "Congresswoman",
    "Chancellor",
    "Secretary",
    "Minister",
    "President",
    "Director",
    "Commissioner",
    "Ambassador",
    "Judge",
    "Justice",
    "Colonel",
    "Col",
    "Lieutenant",
    "Lt",
    "Admiral",
    "Adm",
    "Major",
    "Sheikh",
    "Chief",
    "Deputy",
    "Vice",
    "Undersecretary",
    "Coordinator",
    "Affairs",
    "Exchequer",
    "Aviation",
    "Adviser",
    "Advisor",
    "Professor",
    "Prof",
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "Father",
    "Pope",
    "Archbishop",
    "Bishop",
    "Patriarch",
    "Metropolitan",
    "Commander",
    "Economist",
    "Analyst",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Envoy",
    "Negotiator",
    "Officer",
    "Agent",
];

/// Stems of verbs of travel: "fled to Poland" names a place.
const MOTION_STEMS: &[&str] = &[
    "travel", "fled", "flee", "drift", "return", "relocat", "deport", "migrat", "evacuat", "flew", "fly", "flies",
    "sail", "headed", "heading", "emigrat", "escap", "moved", "moving",
];

/// Words between a place preposition and the place: "in occupied eastern Ukraine".
const PLACE_ADJECTIVES: &[&str] = &[
    "the",
    "neighboring",
    "neighbouring",
    "occupied",
    "eastern",
    "western",
    "northern",
    "southern",
    "central",
    "northeastern",
    "southeastern",
    "northwestern",
    "southwestern",
];

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

#[derive(Debug, Clone, PartialEq)]
struct Token {
    start: usize,
    end: usize,
    lower: String,
}

fn tokenize(text: &str, base: usize) -> Vec<Token> {
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
fn quote_spans(text: &str) -> Vec<(usize, usize)> {
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
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Whether a mention is a possessive pronoun ("its", "his", "her", "their").
fn possessive_pronoun(text: &str, m: &Mention) -> bool {
    m.pronoun
        && matches!(
            text[m.start..m.end].to_lowercase().as_str(),
            "its" | "his" | "her" | "their" | "our"
        )
}

/// Whether a name follows token `k`, directly or as an apposition: "foreign minister
/// Sergei Lavrov", "Ukraine's defence minister, Oleksiy Reznikov".
fn name_follows(text: &str, toks: &[Token], k: usize) -> bool {
    let upper = |k: usize| {
        toks.get(k)
            .is_some_and(|t| text[t.start..].starts_with(|c: char| c.is_uppercase()))
    };
    upper(k) || (toks.get(k).is_some_and(|t| t.lower == ",") && upper(k + 1))
}

const PRONOUNS: &[(&str, Pron)] = &[
    ("he", Pron::Male),
    ("him", Pron::Male),
    ("his", Pron::Male),
    ("himself", Pron::Male),
    ("she", Pron::Female),
    ("her", Pron::Female),
    ("herself", Pron::Female),
    ("it", Pron::It),
    ("its", Pron::It),
    ("itself", Pron::It),
    ("they", Pron::They),
    ("them", Pron::They),
    ("their", Pron::They),
    ("themselves", Pron::They),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pron {
    Male,
    Female,
    It,
    They,
}

/// Words after "it" that make it an expletive ("it is important"), not a reference.
const EXPLETIVE_NEXT: &[&str] = &[
    "is",
    "was",
    "'s",
    "seems",
    "seemed",
    "appears",
    "appeared",
    "remains",
    "becomes",
    "became",
    "makes",
    "took",
    "takes",
    "comes",
    "came",
    "depends",
    "matters",
    "means",
    "follows",
    "turns",
    "turned",
    "looks",
    "emerged",
    "emerges",
    // "made it clear that", "makes it possible to".
    "clear",
    "plain",
    "possible",
    "impossible",
    "easier",
    "harder",
    "necessary",
    "known",
];

/// Words between an actor and a plural head that keep the head the actor's: "NATO foreign ministers".
const HEAD_MODIFIERS: &[&str] = &[
    "foreign", "defence", "defense", "finance", "economy", "interior", "trade", "senior", "top", "military", "member",
];

/// Nouns whose owner does the infinitive after them: "Russia's refusal to negotiate".
const CONTROL_NOUNS: &[&str] = &[
    "decision",
    "plan",
    "plans",
    "move",
    "refusal",
    "attempt",
    "attempts",
    "bid",
    "effort",
    "efforts",
    "push",
    "readiness",
    "willingness",
    "intention",
    "threat",
    "threats",
    "pledge",
    "promise",
    "promises",
    "commitment",
    "determination",
    "failure",
    "reluctance",
    "unwillingness",
    "offer",
    "proposal",
    "campaign",
    "drive",
    "vow",
    "ability",
    "capacity",
    "desire",
    "resolve",
    "ambition",
];

/// Verbs that undo or hold back a thing: "lifted sanctions on Russia" is no pressure on Russia.
const UNDOING_VERBS: &[&str] = &[
    "lift", "ease", "end", "block", "halt", "suspend", "stop", "cancel", "freeze", "cut", "reduce", "withdraw",
    "delay", "question", "doubt", "relax", "loosen", "oppose", "resist", "slash", "pause",
];

/// Verbs of travel: "travelled to Moscow to meet Putin" is a purpose clause of their subject.
const MOTION_VERBS: &[&str] = &[
    "travelled",
    "traveled",
    "travels",
    "travel",
    "went",
    "goes",
    "go",
    "flew",
    "flies",
    "fly",
    "came",
    "comes",
    "come",
    "arrived",
    "arrives",
    "arrive",
    "headed",
    "heads",
    "head",
    "returned",
    "returns",
    "return",
    "visited",
    "visits",
    "visit",
];

/// "it is easier for him to outsource ...": after these, "for X to" makes X the infinitive's subject.
const INFINITIVE_ADJECTIVES: &[&str] = &[
    "easier",
    "easy",
    "important",
    "necessary",
    "possible",
    "impossible",
    "hard",
    "harder",
    "difficult",
    "vital",
    "crucial",
    "essential",
    "better",
    "time",
    "imperative",
    "natural",
    "logical",
];

/// Auxiliaries that make the participle after them passive ("were rejected by Russia").
const PASSIVE_AUX: &[&str] = &["was", "were", "is", "are", "been", "being", "be", "get", "gets", "got"];

/// Conflictual relations (and demands) that a person does not hold against the state or
/// organization they serve: "Macron said France should ..." is no demand on France.
const NOT_AGAINST_OWN: &[&str] = &[
    "opposes",
    "rejects",
    "attacks",
    "threatens",
    "excludes",
    "pressures",
    "demands",
];

/// Stems of verbs of telling whose that-clause is about the listener: "convinced Europe that
/// they ...". ("Putin warned Trump that he ..." and "assured X that he ..." are about the teller.)
const LISTENER_VERBS: &[&str] = &["convinc", "persuad", "remind"];

/// Stems of verbs whose object does what their infinitive says ("urged allies to support Kyiv"):
/// no purpose clause for the subject after them.
const OBJECT_CONTROL: &[&str] = &[
    "urg", "ask", "call", "encourag", "push", "press", "tell", "told", "allow", "forc", "help", "invit", "persuad",
    "convinc", "enabl", "order", "instruct", "want", "expect", "need", "requir", "compel", "lobb", "pressur", "let",
    "get", "got", "caus", "lead", "led", "prompt", "inspir", "remind", "warn", "advis", "permit", "train",
];

/// Whether a word ending an object can stand before a purpose "to V": a plain lower-case noun
/// (not an adjective or verb that takes the infinitive itself: "ready to", "agreed to").
fn purpose_object(w: &str) -> bool {
    w.len() > 3
        && w.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        && !w.ends_with("ed")
        && !w.ends_with("ing")
        && !w.ends_with("ly")
        && !matches!(
            w,
            "able"
                | "unable"
                | "ready"
                | "willing"
                | "unwilling"
                | "likely"
                | "unlikely"
                | "going"
                | "about"
                | "enough"
                | "want"
                | "wants"
                | "plan"
                | "plans"
                | "seek"
                | "seeks"
                | "hope"
                | "hopes"
                | "need"
                | "needs"
                | "aims"
                | "vows"
                | "time"
                | "chance"
                | "right"
                | "opportunity"
                | "ability"
                | "power"
                | "order"
                | "attempt"
                | "effort"
                | "efforts"
                | "move"
                | "decision"
                | "bid"
                | "refusal"
                | "ways"
                | "back"
                | "them"
                | "this"
                | "that"
                | "what"
                | "much"
                | "more"
                | "less"
                | "than"
                | "also"
                | "only"
                | "even"
                | "have"
                | "has"
                | "were"
                | "been"
                | "being"
                | "would"
                | "could"
                | "should"
                | "will"
        )
}

/// Verbs that take an infinitive and pass their subject on: "to try to convince him".
const CATENATIVE_VERBS: &[&str] = &["try", "seek", "attempt", "continue", "begin", "start", "help", "work"];

/// Subject pronouns: they prefer the subject of the sentence (or the previous one) to the nearest mention.
const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "they", "it"];

/// Words that open a clause: a subject pronoun after one refers to that clause's subject.
const CLAUSE_BOUNDARIES: &[&str] = &[
    ",", ";", ":", "while", "whereas", "but", "although", "though", "because", "since", "when", "after", "before", "—",
];

/// Words between a possessor and a verb showing that the possessed thing, not the possessor,
/// is the verb's subject ("Kyiv's goals and handed ...", "NATO's position on countries supporting ...").
const POSSESSED_SUBJECT_GAP: &[&str] = &[
    "and", "but", "has", "have", "had", "is", "was", "were", "are", "on", "of", "in", "for", "about", "with", "over",
    "against",
];

/// Prepositions that make the actor after them a place ("a security order in Europe").
/// Words that show a role apposition's span holds more than the office: "the delegation was led by".
const APPOSITION_BREAKERS: &[&str] = &[
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "by",
    "as",
    "who",
    "which",
    "said",
    "says",
    "that",
    "led",
    "includes",
    "included",
    "including",
];

/// Words that cannot stand between the owner and the noun of a nominal pattern.
const NOMINAL_GAP_BREAKERS: &[&str] = &[
    "on", "with", "about", "in", "at", "for", "from", "by", "over", "against", "of", "into", "said", "says", "that",
    "which", "who", "through", "via", "despite", "during", "after", "before", "under", "amid", "between", "toward",
    "towards",
];

/// Words after which a verb form ("talks", "attacks", "demands") is a noun.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "any", "these", "those", "such", "new", "direct", "peace",
    "further", "fresh", "'s",
];
/// Prepositions after which a verb form other than a gerund is a noun: "prerequisites for talks".
const NOUN_PREPOSITIONS: &[&str] = &["for", "of", "in", "during", "after", "before", "from"];

const PLACE_MARKERS: &[&str] = &["in", "across", "throughout", "inside", "within", "near", "around"];

/// Words before a slot that make it an object, never the source that opens a match.
const OBJECT_MARKERS: &[&str] = &[
    "with", "to", "of", "for", "from", "against", "on", "about", "between", "at", "into", "toward", "towards", "over",
    "-", "/", "than", "like", "unlike",
];

/// Title classes preferred when a leader noun ("leader", "ruler") names a head.
const LEADER_PREFERENCE: &[&str] = &["president", "prime minister", "chancellor", "secretary general"];

#[derive(Debug, Clone)]
enum Sk {
    Word(String),
    Slot(usize),
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
            trees: crate::patterns::Matcher::new(rules),
            contrary_verbs: verb_forms(rules, |r| r == "opposes" || r == "rejects", |l, _| !l.contains(' '))
                .into_iter()
                .chain(
                    UNDOING_VERBS
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

    /// The title (index into lexicon.titles) spelled by the words starting at `i`, and its length.
    fn title_at(&self, words: &[&str], i: usize) -> Option<(usize, usize)> {
        self.title_first
            .get(*words.get(i)?)?
            .iter()
            .find(|(w, _)| words.len() >= i + w.len() && w.iter().zip(&words[i..]).all(|(a, b)| a == b))
            .map(|(w, t)| (*t, w.len()))
    }

    /// The person holding a role of `class` ("leader" for any head) in actor `of` on `date`.
    fn holder(&self, of: usize, class: &str, spelled: &str, date: Option<&str>) -> Option<usize> {
        let cands = self.roles_of.get(&of)?;
        // The envoy class holds many offices (ambassador, spokesman, finance minister ...): a
        // description names a holder only when it spells that holder's own title.
        if class == "envoy" {
            // A state has an ambassador in every capital: "Russia's ambassador" names none of them.
            // Nor does a title held by several at once: "Russia's deputy foreign minister".
            if spelled.contains("ambassador") || spelled.starts_with("deputy") || spelled.starts_with("first deputy") {
                return None;
            }
            return cands
                .iter()
                .filter(|(p, r)| self.rules.actors[*p].roles[*r].active_on(date))
                .find(|(p, r)| {
                    let title = self.rules.actors[*p].roles[*r].title.as_str();
                    title.eq_ignore_ascii_case(spelled)
                })
                .map(|(p, _)| *p);
        }
        let active = |(p, r): &&(usize, usize)| self.rules.actors[*p].roles[*r].active_on(date);
        let role = |(p, r): &(usize, usize)| &self.rules.actors[*p].roles[*r];
        if class == "leader" {
            for pref in LEADER_PREFERENCE {
                if let Some((p, _)) = cands.iter().filter(active).find(|c| role(c).class == *pref) {
                    return Some(*p);
                }
            }
            return cands
                .iter()
                .filter(active)
                .find(|c| role(c).relation == "leads")
                .map(|(p, _)| *p);
        }
        cands
            .iter()
            .filter(active)
            .find(|c| role(c).class == class)
            .map(|(p, _)| *p)
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

    /// Whether a word (punctuation around it aside) is a verb of saying: "said,", "stressed".
    fn is_saying(&self, w: &str) -> bool {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        self.rules.lexicon.attribution_verbs.contains(&w)
    }

    /// Every quotation of the document with its speaker as the aliases show it: a name right
    /// after the closing mark (", Lavrov said", ", said Lavrov") or before the opening one
    /// ("Lavrov said: "), else a pronoun or description there ("he said", "the diplomat
    /// stressed"), which stands for the person named last before the quotation.
    fn quote_attributions(&self, text: &str, raw: &[(usize, usize, usize)]) -> Vec<(usize, usize, QuoteSpeaker)> {
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

    /// What "we" stands for inside the quotation around `pos`: the state or organization its
    /// speaker leads or speaks for (a person who speaks for a person speaks for that person's
    /// state), or the speaker itself when that is a state or organization.
    fn we_actor(&self, ex: &Extraction, ments: &[Mention], pos: usize, date: Option<&str>) -> Option<usize> {
        let k = ex.quotes.partition_point(|&(o, _, _)| o < pos).checked_sub(1)?;
        let (open, close, who) = ex.quotes[k];
        if pos >= close {
            return None;
        }
        let speaker = match who {
            QuoteSpeaker::Actor(a) => a,
            // The speaker of the sentence before ("According to Lavrov, ... " "...," the diplomat
            // stressed), else the person named last.
            QuoteSpeaker::Anaphor => match ex
                .relations
                .iter()
                .rev()
                .take(40)
                .find(|r| r.start < open && r.said_by.is_some())
                .filter(|r| ex.sentences.get(r.sentence).is_some_and(|&(_, e, _)| e + 2 >= open))
                .and_then(|r| r.said_by)
                .filter(|&a| a < self.rules.actors.len())
            {
                Some(a) => a,
                None => {
                    ex.mentions
                        .iter()
                        .rev()
                        .take(200)
                        .chain(ments.iter().filter(|m| m.end <= open && m.end + 2000 >= open))
                        .filter(|m| m.end <= open && m.actor < self.rules.actors.len())
                        .filter(|m| self.rules.actors[m.actor].kind == Kind::Person)
                        .max_by_key(|m| m.end)?
                        .actor
                }
            },
            QuoteSpeaker::Unknown => return None,
        };
        let side = |p: usize| -> Option<usize> {
            let roles = &self.rules.actors[p].roles;
            roles
                .iter()
                .filter(|r| r.active_on(date))
                .max_by_key(|r| r.relation == "leads")
                .map(|r| r.of)
        };
        match self.rules.actors[speaker].kind {
            Kind::Person => {
                let of = side(speaker)?;
                if self.rules.actors[of].kind == Kind::Person {
                    side(of)
                } else {
                    Some(of)
                }
            }
            _ => Some(speaker),
        }
    }

    /// A quotation over several sentences is its speaker's claim throughout: the speaker named
    /// after the closing mark ("...," the diplomat stressed) or before the opening one (Lavrov
    /// said: "...") fills `said_by` of the relations inside it that have none.
    fn quote_speakers(&self, ex: &mut Extraction, text: &str) {
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

    /// Whether the text after an alias continues it into another name: " Post" in
    /// "Washington Post" (one space, then a listed capitalized word).
    fn continues_a_name(&self, after: &str) -> bool {
        let Some(rest) = after.strip_prefix(' ') else {
            return false;
        };
        let word: &str = rest.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default();
        !word.is_empty() && self.rules.lexicon.name_continuations.iter().any(|w| w == word)
    }

    /// Every alias occurrence (start, end, alias index) on word boundaries, context vetoes applied.
    fn find_aliases(&self, text: &str) -> Vec<(usize, usize, usize)> {
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
        let rules = self.rules;
        let lex = &rules.lexicon;
        let toks = tokenize(&text[s..e], s);
        let words: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
        let tok_at = |off: usize| toks.iter().position(|t| t.start >= off);
        let tok_end = |off: usize| toks.iter().rposition(|t| t.end <= off);
        let is_head = |w: &str, list: &[String]| list.iter().any(|h| h == w);

        // 1. Alias matches -> mentions (demonyms need a head noun or a title).
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
                m.modifier = self.title_at(&words, after_s).is_some();
            }
            // "US envoys Witkoff and Kushner": a plural title before names is a title, not a head.
            let title_then_name = self.title_at(&words, tj + 1).is_some_and(|(_, len)| {
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
                        && HEAD_MODIFIERS.contains(&next)
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
                    } else if self.title_at(&words, tj + 1).is_some() || lex.leader_nouns.iter().any(|n| n == next) {
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

        // 2. Descriptions: "the US president", "the Kremlin dictator", "the head of the White House".
        let mut i = 0;
        let mut described: Vec<(usize, usize, usize)> = Vec::new(); // (start tok, end tok, person)
        let mut role_edges: Vec<(usize, usize, usize, usize)> = Vec::new(); // (start tok, end tok, person, org)
        while i < toks.len() {
            // <org>'s <leader noun|title> (not followed by a name): "Ukraine's foreign minister".
            if let Some(m) = ments
                .iter()
                .find(|m| m.start == toks[i].start && rules.actors[m.actor].kind != Kind::Person)
            {
                if let Some(mj) = tok_end(m.end).filter(|&mj| words.get(mj + 1) == Some(&"'s")) {
                    let (class, len) = self.leader_class(&words, mj + 2);
                    let spelled = words[(mj + 2).min(words.len())..(mj + 2 + len).min(words.len())].join(" ");
                    let followed_by_name = name_follows(text, &toks, mj + 2 + len);
                    if len > 0 && !followed_by_name {
                        if let Some(p) = self.holder(m.actor, &class, &spelled, date) {
                            described.push((i, mj + 1 + len, p));
                            role_edges.push((i, mj + 1 + len, p, m.actor));
                            i = mj + len + 2;
                            continue;
                        }
                    }
                }
            }
            if matches!(words[i], "the" | "his" | "her" | "its" | "their") {
                // the <org> <leader noun|title>  (not followed by a name); the alias may hold the "the".
                if let Some(m) = ments
                    .iter()
                    .find(|m| m.start == toks.get(i + 1).map_or(usize::MAX, |t| t.start) || m.start == toks[i].start)
                {
                    if let Some(mj) = tok_end(m.end) {
                        let (class, len) = self.leader_class(&words, mj + 1);
                        let spelled = words[(mj + 1).min(words.len())..(mj + 1 + len).min(words.len())].join(" ");
                        let followed_by_name = name_follows(text, &toks, mj + 1 + len);
                        if len > 0 && !followed_by_name && rules.actors[m.actor].kind != Kind::Person {
                            if let Some(p) = self.holder(m.actor, &class, &spelled, date) {
                                described.push((i, mj + len, p));
                                role_edges.push((i, mj + len, p, m.actor));
                                i = mj + len + 1;
                                continue;
                            }
                        }
                    }
                }
                // the <leader noun|title> of <org>
                let (class, len) = self.leader_class(&words, i + 1);
                let spelled = words[(i + 1).min(words.len())..(i + 1 + len).min(words.len())].join(" ");
                if len > 0 && words.get(i + 1 + len) == Some(&"of") {
                    let k = i + 2 + len;
                    let at = |k: usize| toks.get(k).and_then(|t| ments.iter().find(|m| m.start == t.start));
                    let found = at(k).or_else(|| if words.get(k) == Some(&"the") { at(k + 1) } else { None });
                    // "the chief of Germany's BND" heads the BND, not Germany.
                    let owned_thing = found
                        .and_then(|m| tok_end(m.end))
                        .is_some_and(|mj| words.get(mj + 1) == Some(&"'s"));
                    if let Some(m) = found.filter(|_| !owned_thing) {
                        if rules.actors[m.actor].kind != Kind::Person {
                            if let Some(p) = self.holder(m.actor, &class, &spelled, date) {
                                let mj = tok_end(m.end).unwrap_or(k);
                                described.push((i, mj, p));
                                role_edges.push((i, mj, p, m.actor));
                                i = mj + 1;
                                continue;
                            }
                        }
                    }
                }
                // the <title> (anaphoric): the most recent person holding such a title.
                // A plural title ("their envoys") stands for no one person.
                let plural = words[i + len].ends_with('s') && !words[i + len].ends_with("ss");
                if len > 0
                    && class != "leader"
                    && !plural
                    && !toks
                        .get(i + 1 + len)
                        .is_some_and(|t| ments.iter().any(|m| m.start == t.start))
                    && words.get(i + 1 + len) != Some(&"of")
                {
                    if let Some(p) = ex.mentions.iter().rev().take(40).map(|m| m.actor).find(|&a| {
                        a < rules.actors.len()
                            && rules.actors[a]
                                .roles
                                .iter()
                                .any(|r| r.class == class && (r.active_on(date) || date.is_none()))
                    }) {
                        described.push((i, i + len, p));
                        i += len + 1;
                        continue;
                    }
                }
            }
            i += 1;
        }
        for (a, b, p) in described {
            let (ds, de) = (toks[a].start, toks[b].end);
            ments.retain(|m| m.end <= ds || m.start >= de);
            ments.push(Mention {
                start: ds,
                end: de,
                actor: p,
                plural: false,
                pronoun: false,
                objective: false,
                modifier: false,
                sentence: si,
                how: How::Description,
            });
        }

        // 3. Title + unknown capitalized name: a new person ("Foreign Minister Jane Doe").
        let mut k = 0;
        while k < toks.len() {
            let Some((ti, len)) = self.title_at(&words, k) else {
                k += 1;
                continue;
            };
            let first = k + len;
            let covered = |t: &Token| ments.iter().any(|m| t.start < m.end && t.end > m.start);
            // News writes a title after its organization in lower case: "EU spokesperson Anitta Hipper".
            let after_org = k > 0
                && ments.iter().any(|m| {
                    m.end == toks[k - 1].end
                        && m.actor < rules.actors.len()
                        && rules.actors[m.actor].kind != Kind::Person
                });
            let capitalized = text[toks[k].start..].starts_with(|c: char| c.is_uppercase());
            if !(capitalized || after_org) || toks.get(first).is_none_or(&covered) {
                k += len;
                continue;
            }
            let mut j = first;
            while j < toks.len()
                && j < first + 3
                && is_name_word(&text[toks[j].start..toks[j].end])
                && !covered(&toks[j])
            {
                j += 1;
            }
            // "Prime Minister Giorgio Meloni", "Vice President Jay Dee Vance": first names the
            // rules do not know (a variant spelling) before a known person's surname are that person.
            if j > first && j < toks.len() && covered(&toks[j]) {
                let at = toks[j].start;
                if let Some(m) = ments.iter_mut().find(|m| {
                    m.start == at
                        && !m.pronoun
                        && m.actor < rules.actors.len()
                        && rules.actors[m.actor].kind == Kind::Person
                }) {
                    m.start = toks[first].start;
                    k = j;
                    continue;
                }
            }
            let last_is_initial = j > first && toks[j - 1].end - toks[j - 1].start < 2;
            if j - first >= 2
                && !last_is_initial
                && (j >= toks.len() || !text[toks[j].start..].starts_with(|c: char| c.is_uppercase()))
            {
                let _ = ti;
                ments.push(self.new_person(ex, text, si, toks[first].start, toks[j - 1].end));
            }
            k = j.max(k + 1);
        }

        // 3b. A first name the rules do not know before a known surname is that person's:
        // "Vladimir Zelensky" (a Russian spelling), "Joseph Biden".
        for mi in 0..ments.len() {
            let m = &ments[mi];
            let single_word = matches!(m.how, How::Alias(ai) if !rules.aliases[ai].text.contains(' '));
            if !single_word || m.actor >= rules.actors.len() || rules.actors[m.actor].kind != Kind::Person {
                continue;
            }
            let Some(ti) = tok_at(m.start).filter(|&ti| ti > 0 && toks[ti].start == m.start) else {
                continue;
            };
            let p = &toks[ti - 1];
            let covered = ments.iter().any(|o| p.start < o.end && p.end > o.start);
            if !covered
                && p.end + 1 == m.start
                && is_name_word(&text[p.start..p.end])
                && !NOT_NAMES.contains(&&text[p.start..p.end])
                && !(1..=4).any(|l| ti >= l && self.title_at(&words, ti - l).is_some_and(|(_, len)| len >= l))
                && !lex.leader_nouns.contains(&p.lower)
            {
                ments[mi].start = p.start;
            }
        }

        // 3d. Speakers the rules do not know: "political scientist Ivan Lizan believes", "writes
        // Alexei Naumov", and later the surname alone ("Naumov concluded").
        self.speakers(ex, text, si, &toks, &words, &mut ments);

        // 3c. Appositions that name a role: "Ukraine's defense minister, Mykhailo Fedorov", "the Omani
        // foreign minister, Badr al-Busaidi", "Rafael Grossi, head of the UN's nuclear watchdog". A name
        // the rules do not know becomes a new person, as after a title.
        let mut appos_edges = self.appositions(ex, text, si, &toks, &words, &mut ments, date, false);

        // 4. Pronouns, resolved against earlier mentions (this sentence and the two before).
        ments.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let covered = |ments: &[Mention], t: &Token| ments.iter().any(|m| t.start < m.end && t.end > m.start);
        for (ti, t) in toks.iter().enumerate() {
            // "We will keep supporting Ukraine," Starmer said: "we" in a quotation is the speaker's side.
            if matches!(t.lower.as_str(), "we" | "us" | "our") && !covered(&ments, t) {
                if let Some(actor) = self.we_actor(ex, &ments, t.start, date) {
                    ments.push(Mention {
                        start: t.start,
                        end: t.end,
                        actor,
                        plural: true,
                        pronoun: true,
                        objective: t.lower == "us",
                        modifier: false,
                        sentence: si,
                        how: How::Pronoun,
                    });
                }
                continue;
            }
            let Some(&(_, kind)) = PRONOUNS.iter().find(|(w, _)| *w == t.lower) else {
                continue;
            };
            if covered(&ments, t) {
                continue;
            }
            // "it is important to" is no mention; "it was ready to resume talks" is.
            let agent_adjective = words.get(ti + 2).is_some_and(|a| {
                matches!(
                    *a,
                    "ready"
                        | "prepared"
                        | "willing"
                        | "unwilling"
                        | "open"
                        | "determined"
                        | "committed"
                        | "eager"
                        | "reluctant"
                        | "keen"
                        | "unable"
                        | "able"
                )
            });
            if kind == Pron::It
                && t.lower == "it"
                && !agent_adjective
                && words.get(ti + 1).is_some_and(|n| EXPLETIVE_NEXT.contains(n))
            {
                continue;
            }
            // "both parties agreed to brief their respective leaders": each its own, no one actor.
            if t.lower == "their" && words.get(ti + 1) == Some(&"respective") {
                continue;
            }
            // A possessive right before a mention is its determiner: "its European partners".
            let determiner = matches!(t.lower.as_str(), "its" | "their" | "his" | "her");
            if determiner
                && toks
                    .get(ti + 1)
                    .is_some_and(|n| ments.iter().any(|m| m.start == n.start))
            {
                continue;
            }
            // Candidates: this sentence by recency, then each earlier sentence's first mention
            // (its subject, usually) before the rest of that sentence by recency.
            let mut earlier: Vec<&Mention> = ments.iter().filter(|m| m.end <= t.start).rev().collect();
            let opens_clause = ti == 0
                || CLAUSE_BOUNDARIES.contains(&words[ti - 1])
                || matches!(words[ti - 1], "and" | "that" | "or" | "said" | "says" | "\"")
                || lex.attribution_verbs.iter().any(|v| *v == words[ti - 1])
                || matches!(
                    words[ti - 1],
                    "warned"
                        | "warns"
                        | "vowed"
                        | "vows"
                        | "promised"
                        | "pledged"
                        | "threatened"
                        | "hoped"
                        | "hopes"
                        | "expects"
                        | "expected"
                        | "fears"
                        | "feared"
                        | "signalled"
                        | "signaled"
                        | "signals"
                );
            // "China backed Russia's war through its support for ...": a possessive after a
            // preposition of means belongs to the clause's subject, not to the possessor before it.
            let means = matches!(t.lower.as_str(), "its" | "their")
                && ti > 0
                && matches!(words[ti - 1], "through" | "via" | "by" | "with" | "despite")
                && earlier.first().is_some_and(|m| m.is_possessor(text));
            if (SUBJECT_PRONOUNS.contains(&t.lower.as_str()) && opens_clause) || means {
                // The subject of the pronoun's clause, else of the sentence.
                let boundary = toks[..ti]
                    .iter()
                    .rposition(|b| CLAUSE_BOUNDARIES.contains(&b.lower.as_str()))
                    .map_or(s, |b| toks[b].end);
                // A possessor is not a clause's subject: "Ukraine's future is in NATO and they ...".
                let before = |m: &&Mention| m.end <= t.start && !m.modifier && !m.is_possessor(text);
                let subject = ments
                    .iter()
                    .filter(before)
                    .filter(|m| m.start >= boundary)
                    .min_by_key(|m| m.start)
                    .or_else(|| ments.iter().filter(before).min_by_key(|m| m.start));
                if let Some(first) = subject {
                    earlier.insert(0, first);
                }
                // "convincing the country's European partners that they do not need ...": after a
                // verb of telling, the that-clause's pronoun is the listener, not the teller.
                if ti > 0 && words[ti - 1] == "that" {
                    let that = &toks[ti - 1];
                    let listener = ments.iter().find(|m| {
                        m.end <= that.start
                            && !m.pronoun
                            && text.get(m.end..that.start).is_some_and(|g| g.trim().is_empty())
                            && tok_at(m.start).is_some_and(|mi| {
                                (mi.saturating_sub(4)..mi).any(|k| {
                                    let w = words[k];
                                    LISTENER_VERBS.iter().any(|p| w.starts_with(p))
                                })
                            })
                    });
                    if let Some(l) = listener {
                        earlier.insert(0, l);
                    }
                }
            }
            for back in 1..=2 {
                let Some(prev) = si.checked_sub(back) else { break };
                let mut in_prev: Vec<&Mention> = ex
                    .mentions
                    .iter()
                    .rev()
                    .skip_while(|m| m.sentence > prev)
                    .take_while(|m| m.sentence == prev)
                    .collect();
                in_prev.reverse();
                // That sentence's subject: its first mention that is not the object of a
                // preposition ("... annexation of Crimea by Russia, NATO ministers agreed").
                let subject = in_prev
                    .iter()
                    .position(|m| {
                        let w = word_before(text, m.start);
                        !OBJECT_MARKERS.contains(&w.as_str()) && !PLACE_MARKERS.contains(&w.as_str()) && w != "by"
                    })
                    .unwrap_or(0);
                if let Some(first) = in_prev.get(subject) {
                    earlier.push(first);
                }
                earlier.extend(
                    in_prev
                        .iter()
                        .enumerate()
                        .rev()
                        .filter(|(i, _)| *i != subject)
                        .map(|(_, m)| m),
                );
            }
            // "undermine the peace process by integrating things into it": an object "it" after a
            // definite noun phrase that names no actor stands for that thing, not for an actor before it.
            let thing_barrier = (t.lower == "it" && !opens_clause)
                .then(|| {
                    (1..ti).rev().find(|&k| {
                        words[k - 1] == "the"
                            && words[k].chars().all(|c| c.is_lowercase() || c == '-')
                            && text[toks[k].start..toks[k].end].starts_with(|c: char| c.is_lowercase())
                            && !covered(&ments, &toks[k])
                    })
                })
                .flatten()
                .map(|k| toks[k].start);
            if let Some(b) = thing_barrier {
                earlier.retain(|m| m.sentence == si && m.start > b);
            }
            let found = earlier
                .iter()
                .find(|m| {
                    let a = ex.actor(rules, m.actor);
                    match kind {
                        Pron::Male => a.kind == Kind::Person && a.gender != Gender::Female,
                        Pron::Female => a.kind == Kind::Person && a.gender == Gender::Female,
                        Pron::It => a.kind != Kind::Person && !m.plural,
                        Pron::They => m.plural || a.kind == Kind::Group,
                    }
                })
                // A person the rules do not know, acting between the candidate and "he"/"she",
                // is the likelier antecedent: "Zaluzhnyi tried to canvass support. In the room,
                // he was supported by Reznikov" is no word about Putin.
                .filter(|m| {
                    !matches!(kind, Pron::Male | Pron::Female)
                        || !unknown_person_acts(text, m.end, t.start, |a, b| {
                            ments.iter().chain(ex.mentions.iter()).any(|o| a < o.end && b > o.start)
                        })
                })
                .map(|m| m.actor)
                .or_else(|| {
                    // "they" for a state or organization, as news often writes.
                    (kind == Pron::They)
                        .then(|| {
                            earlier
                                .iter()
                                .find(|m| matches!(ex.actor(rules, m.actor).kind, Kind::State | Kind::Organization))
                        })
                        .flatten()
                        .map(|m| m.actor)
                });
            // "to the United States and NATO, forcing them": a plural pronoun right after a
            // coordination stands for all of it.
            if kind == Pron::They {
                let mut before: Vec<&Mention> = ments.iter().filter(|m| m.end <= t.start && !m.pronoun).collect();
                before.sort_by_key(|m| m.start);
                // The whole list: "France, Germany and the United Kingdom".
                let link = |a: &Mention, b: &Mention| -> Option<bool> {
                    let between = text.get(a.end..b.start)?.trim();
                    let between = between.strip_suffix("the").unwrap_or(between).trim();
                    match between.trim_start_matches(',').trim() {
                        "and" | "&" => Some(true),
                        "" if between.starts_with(',') => Some(false),
                        _ => None,
                    }
                };
                let mut list: Vec<&Mention> = Vec::new();
                if let Some(&last) = before.last() {
                    list.push(last);
                    let mut and_seen = false;
                    for &m in before.iter().rev().skip(1) {
                        let Some(is_and) = link(m, list[list.len() - 1]) else {
                            break;
                        };
                        // Only the last link of a list is "and".
                        if and_seen && is_and {
                            break;
                        }
                        and_seen |= is_and;
                        list.push(m);
                    }
                    if !and_seen {
                        list.truncate(1);
                    }
                }
                if list.len() >= 2 {
                    let m2 = list[0];
                    let gap = text
                        .get(m2.end..t.start)
                        .map_or(usize::MAX, |g| g.split_whitespace().count());
                    let mut actors: Vec<ActorRef> = list.iter().rev().map(|m| m.actor).collect();
                    actors.dedup();
                    if gap <= 6 && actors.len() >= 2 {
                        for actor in actors {
                            ments.push(Mention {
                                start: t.start,
                                end: t.end,
                                actor,
                                plural: true,
                                pronoun: true,
                                objective: matches!(t.lower.as_str(), "them" | "themselves"),
                                modifier: false,
                                sentence: si,
                                how: How::Pronoun,
                            });
                        }
                        continue;
                    }
                }
            }
            if let Some(actor) = found {
                ments.push(Mention {
                    start: t.start,
                    end: t.end,
                    actor,
                    plural: kind == Pron::They,
                    pronoun: true,
                    objective: matches!(t.lower.as_str(), "him" | "them" | "himself" | "themselves" | "itself"),
                    modifier: false,
                    sentence: si,
                    how: How::Pronoun,
                });
            }
        }
        // 4a. Appositions owned by a pronoun, now that it is resolved: "Beijing sent its special envoy, Li Hui".
        appos_edges.extend(self.appositions(ex, text, si, &toks, &words, &mut ments, date, true));
        // 4b. "both sides", "the two sides", "the warring parties": the pair named "A and B" (or
        // "A-B") in this sentence, else the latest such pair of the two sentences before, else the
        // pair the document has named most often.
        self.both_sides(ex, text, si, &toks, &words, &mut ments);
        ments.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        // Drop overlaps (keep the earlier, longer one).
        let mut kept: Vec<Mention> = Vec::new();
        for m in ments {
            let same_pronoun = kept
                .last()
                .is_some_and(|l| l.pronoun && m.pronoun && l.start == m.start && l.end == m.end);
            if same_pronoun || kept.last().is_none_or(|l| m.start >= l.end) {
                kept.push(m);
            }
        }
        let ments = kept;

        // 5. Skeleton: words and slots; coordinated mentions share a slot.
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
        // One actor named twice in a row is one mention: "the United Nations (UN) General Assembly".
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
        let (sk, sk_tok) = (merged, merged_tok);
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
        let actor_of = |slot: usize| -> Vec<ActorRef> {
            let mut v: Vec<ActorRef> = slots[slot].iter().map(|&mi| ments[mi].actor).collect();
            v.dedup();
            v
        };

        // 6. Role phrases: "[Russian] President Vladimir Putin", "Russia's Foreign Minister Sergei Lavrov",
        // and descriptions that name a role ("the Kremlin dictator", "the head of the White House").
        let mut found: Vec<RelationInstance> = Vec::new();
        let described = role_edges.iter().map(|&(a, b, person, org)| {
            let relation = rules.actors[person]
                .roles
                .iter()
                .filter(|r| r.of == org)
                .max_by_key(|r| (r.active_on(date), r.relation == "leads"))
                .map_or("leads", |r| r.relation.as_str());
            (a, b, person, org, relation, "description")
        });
        let appos_spans: Vec<(usize, usize, ActorRef)> = appos_edges.iter().map(|&(a, b, p, _, _)| (a, b, p)).collect();
        let apposed = appos_edges
            .into_iter()
            .map(|(a, b, person, org, relation)| (a, b, person, org, relation, "apposition"));
        for (a, b, person, org, relation, how) in described.chain(apposed) {
            let trigger = text[toks[a].start..toks[b].end].to_string();
            found.push(RelationInstance::role(person, relation, org, how, trigger, si, (s, e)));
        }
        let sk_words: Vec<&str> = sk
            .iter()
            .map(|x| if let Sk::Word(w) = x { w.as_str() } else { "@" })
            .collect();
        for (p, item) in sk.iter().enumerate() {
            let Sk::Slot(ps) = item else { continue };
            // The title qualifies the first member of a coordination: "President Putin and the government";
            // a plural title all of them: "US envoys Witkoff and Kushner".
            let first = ments[slots[*ps][0]].actor;
            if ex.actor(rules, first).kind != Kind::Person {
                continue;
            }
            // find a title ending right before p
            let Some((ti, tstart)) = (1..=4).rev().filter(|l| *l <= p).find_map(|l| {
                self.title_at(&sk_words, p - l)
                    .filter(|(_, len)| *len == l)
                    .map(|(t, _)| (t, p - l))
            }) else {
                continue;
            };
            let title = &lex.titles[ti];
            let plural_title = p > 0 && sk_words[p - 1].ends_with('s') && !sk_words[p - 1].ends_with("ss");
            let mut persons: Vec<ActorRef> = vec![first];
            if plural_title {
                for &mi in &slots[*ps][1..] {
                    let a = ments[mi].actor;
                    if ex.actor(rules, a).kind == Kind::Person && !persons.contains(&a) {
                        persons.push(a);
                    }
                }
            }
            let mut named_org: Option<ActorRef> = None;
            let mut j = tstart;
            if j > 0 && sk_words[j - 1] == "'s" {
                j -= 1;
            }
            if j > 0 {
                if let Sk::Slot(os) = sk[j - 1] {
                    let o = actor_of(os);
                    if o.len() == 1 && ex.actor(rules, o[0]).kind != Kind::Person {
                        named_org = Some(o[0]);
                    }
                }
            }
            for pa in persons {
                let mut org = named_org;
                if org.is_none() && pa < rules.actors.len() {
                    let roles = &rules.actors[pa].roles;
                    let pick = roles
                        .iter()
                        .filter(|r| r.class == title.class)
                        .max_by_key(|r| (r.active_on(date), r.from.clone()))
                        .or_else(|| {
                            roles
                                .iter()
                                .filter(|r| r.relation == title.relation)
                                .max_by_key(|r| (r.active_on(date), r.from.clone()))
                        });
                    org = pick.map(|r| r.of);
                }
                if let Some(o) = org {
                    let first_tok = sk_tok[if named_org.is_some() && j > 0 && matches!(sk[j - 1], Sk::Slot(_)) {
                        j - 1
                    } else {
                        tstart
                    }];
                    let trigger = text[toks[first_tok].start..toks[sk_tok[p] - 1].end].trim().to_string();
                    found.push(RelationInstance::role(
                        pa,
                        &title.relation,
                        o,
                        "role-phrase",
                        trigger,
                        si,
                        (s, e),
                    ));
                }
            }
        }

        // 7. Relation patterns over the skeleton string, without role-phrase headers:
        // "refused to meet Ukrainian President Volodymyr Zelensky" reads as "refused to meet @zelensky".
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
        for &(a, b, person) in &appos_spans {
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
                (from..to).all(|i| !matches!(&sk[i], Sk::Word(w) if APPOSITION_BREAKERS.contains(&w.as_str())))
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
        let sk: Vec<Sk> = sk
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(x, _)| x.clone())
            .collect();
        let sk_tok: Vec<usize> = sk_tok.iter().zip(&keep).filter(|(_, k)| **k).map(|(x, _)| *x).collect();
        // Without the headers, "U.S. President Trump and Russian President Putin" coordinate.
        let (sk, sk_tok) = coordinate(sk, sk_tok, &mut slots, &modifier, &clause_pronoun);
        // Understood subjects: a clause with no subject of its own gets its controller's slot
        // written before its verb, so "{S} <verb> {T}" patterns read it.
        // Patterns read the sentence as written, then (when it has any) with its understood subjects.
        let actor_of = |slot: usize| -> Vec<ActorRef> {
            let mut v: Vec<ActorRef> = slots[slot].iter().map(|&mi| ments[mi].actor).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let understood_reading = self.understood_subjects(&sk, &sk_tok, &slots, &ments, &modifier, text);
        let mut readings = vec![(vec![false; sk.len()], sk, sk_tok)];
        readings.extend(understood_reading);
        readings.extend(as_written.map(|(sk, sk_tok)| (vec![false; sk.len()], sk, sk_tok)));
        let mut trace_skeleton = String::new();
        for (understood, sk, sk_tok) in &readings {
            let sk_words: Vec<&str> = sk
                .iter()
                .map(|x| if let Sk::Word(w) = x { w.as_str() } else { "@" })
                .collect();
            let mut skel = String::new();
            let mut offsets = Vec::with_capacity(sk.len());
            for item in sk.iter() {
                offsets.push(skel.len());
                match item {
                    Sk::Word(w) => skel.push_str(w),
                    Sk::Slot(n) => {
                        // A possessive pronoun ("its", "their") is written `&N`: it can be a slot of
                        // a pattern ("its invasion of Ukraine") and a gap can pass over it
                        // ("threatened to halt their exports to Ukraine").
                        let possessive = slots[*n].iter().all(|&mi| possessive_pronoun(text, &ments[mi]));
                        skel.push(if possessive { '&' } else { '@' });
                        skel.push_str(&n.to_string());
                    }
                }
                skel.push(' ');
            }
            let item_at = |off: usize| offsets.partition_point(|&o| o <= off).saturating_sub(1);
            let ends_with_question = text[s..e].trim_end().ends_with('?');
            if slots.len() >= 2 || slots.iter().any(|s| s.len() >= 2) {
                let said_by_slots: Vec<usize> = self
                    .attribution
                    .iter()
                    .flat_map(|(re, after_verb)| {
                        // "the Kremlin has not confirmed the figures" names no speaker.
                        re.captures_iter(&skel)
                            .filter(|c| {
                                !c.get(2)
                                    .is_some_and(|m| m.as_str().split(' ').any(|w| matches!(w, "not" | "never")))
                            })
                            .filter_map(|c| c.get(1)?.as_str().parse::<usize>().ok())
                            // "said it would not enforce ...": a pronoun after the verb opens the
                            // reported clause; only a name there is a speaker ("..., said Lavrov").
                            .filter(|&n| {
                                !after_verb || slots.get(n).is_some_and(|s| s.iter().any(|&mi| !ments[mi].pronoun))
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect();
                // Prefilter: a pattern runs only when a word of its trigger is in the sentence (in a
                // reading with understood subjects, after the first one: what comes before was read
                // the first time).
                let mut candidate = vec![false; self.pattern_count];
                for &i in &self.unfiltered {
                    candidate[i] = true;
                }
                let first_new = understood.iter().position(|&u| u).unwrap_or(0);
                for w in &sk_words[first_new..] {
                    for &i in self.trigger_index.get(*w).map_or(&[][..], |v| v.as_slice()) {
                        candidate[i] = true;
                    }
                }
                for (pi, (rel, pat)) in rules.patterns().enumerate() {
                    if !candidate[pi] || self.only_pattern.as_ref().is_some_and(|o| *o != pat.rule) {
                        continue;
                    }
                    // Matches are tried from every start, not only after the previous match: a match
                    // rejected below (a source that does not own its noun) must not hide a later one
                    // that overlaps it. Each slot pair is read once per pattern.
                    let mut at = 0;
                    let mut seen_pairs: Vec<(usize, usize)> = Vec::new();
                    while at <= skel.len() {
                        let Some(c) = pat.compiled.regex.captures_at(&skel, at) else {
                            break;
                        };
                        let whole = c.get(0).expect("match");
                        at = skel[whole.start()..]
                            .char_indices()
                            .nth(1)
                            .map_or(skel.len() + 1, |(i, _)| whole.start() + i);
                        let tr = c.name("TR").unwrap_or(whole);
                        let (tr_first, tr_last) = (item_at(tr.start()), item_at(tr.end().saturating_sub(2)));
                        let (m_first, m_last) = (item_at(whole.start()), item_at(whole.end().saturating_sub(2)));
                        // A participle after an auxiliary is passive: only patterns written for it read it.
                        // Without "by", too, unless an adjective's preposition follows ("is opposed to"):
                        // "55,000 Ukrainian troops have been killed since ..." is no act of theirs.
                        if !pat.rule.contains("passive")
                            && tr_first > 0
                            && PASSIVE_AUX.contains(&sk_words[tr_first - 1])
                            && (sk_words.get(tr_last + 1) == Some(&"by")
                                || (self.pasts.contains(sk_words[tr_first])
                                    && !matches!(
                                        sk_words.get(tr_last + 1),
                                        Some(&("to" | "with" | "against" | "about"))
                                    )))
                        {
                            continue;
                        }
                        // A verb right after a determiner or a preposition is a noun: "prerequisites for
                        // talks with Moscow", "the attacks on Kyiv" (nominal patterns cover those).
                        // A gerund after a preposition stays a verb: "instrumental in supporting Kyiv".
                        if pat.source.contains('<')
                            && tr_first > 0
                            && (DETERMINERS.contains(&sk_words[tr_first - 1])
                                || (NOUN_PREPOSITIONS.contains(&sk_words[tr_first - 1])
                                    && !sk_words[tr_first].ends_with("ing")))
                        {
                            continue;
                        }
                        // The target of a hostile act inside the thing acted on is that act's target, not
                        // the thing's owner: "rejected the idea of an invasion targeting Kyiv" says nothing
                        // against Kyiv.
                        if let Some(tg) = c.name("T") {
                            let ti = item_at(tg.start());
                            if rel.id != "attacks"
                                && rel.id != "threatens"
                                && ti > tr_last + 1
                                && sk_words[tr_last + 1..ti]
                                    .iter()
                                    .any(|w| self.hostile_gerunds.contains(*w))
                            {
                                continue;
                            }
                        }
                        // A target inside a reason given for the act is not its target: "rejected the
                        // proposal as favoring Russian interests" rejects the proposal's owner, not Russia.
                        if let Some(tg) = c.name("T") {
                            let ti = item_at(tg.start());
                            if pat.source.contains('<')
                                && ti > tr_last + 2
                                && sk_words[tr_last + 1..ti]
                                    .windows(2)
                                    .any(|w| w[0] == "as" && w[1].len() > 4 && w[1].ends_with("ing"))
                            {
                                continue;
                            }
                        }
                        // A place is not a target ("a new security order in Europe"), unless the pattern says so.
                        if let Some(tg) = c.name("T") {
                            let ti = item_at(tg.start());
                            if ti > 0
                                && PLACE_MARKERS.contains(&sk_words[ti - 1])
                                && !spells_before_target(&pat.source, sk_words[ti - 1])
                            {
                                continue;
                            }
                        }
                        // A speaker is never the source of what they report: no attribution verb in the gaps.
                        let speaker_gap = (m_first..=m_last)
                            .filter(|i| *i < tr_first || *i > tr_last)
                            .any(|i| lex.attribution_verbs.iter().any(|v| v == sk_words[i]));
                        if speaker_gap {
                            continue;
                        }
                        let slot = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<usize>().ok());
                        let mut pairs: Vec<(ActorRef, ActorRef, usize, usize)> = Vec::new();
                        if pat.compiled.pair {
                            let Some(ps) = slot("P") else { continue };
                            // An understood subject is one side of its clause, not a group acting together.
                            if c.name("P").is_some_and(|g| understood[item_at(g.start())]) {
                                continue;
                            }
                            let members = actor_of(ps);
                            // Members of one side do not negotiate or ally with each other: "Witkoff and
                            // Kushner met Dmitriev", "Putin and his foreign minister".
                            let orgs = |x: ActorRef| sides(ex, rules, x);
                            // "delegations from Washington and the Kremlin, including Rubio and Lavrov": when
                            // every person in the group serves a state of the group, states pair with states
                            // and persons with persons.
                            let person = |x: ActorRef| ex.actor(rules, x).kind == Kind::Person;
                            let detailed = members.iter().any(|&x| !person(x))
                                && members.iter().any(|&x| person(x))
                                && members
                                    .iter()
                                    .filter(|&&x| person(x))
                                    .all(|&x| orgs(x).iter().any(|o| members.contains(o)));
                            for a in 0..members.len() {
                                for b in a + 1..members.len() {
                                    let (oa, ob) = (orgs(members[a]), orgs(members[b]));
                                    if oa.iter().any(|o| ob.contains(o))
                                        || (detailed && person(members[a]) != person(members[b]))
                                    {
                                        continue;
                                    }
                                    pairs.push((members[a], members[b], ps, ps));
                                    // "Russia and Ukraine exchanged strikes": a one-way relation of a
                                    // group holds both ways.
                                    if !rel.symmetric {
                                        pairs.push((members[b], members[a], ps, ps));
                                    }
                                }
                            }
                        } else {
                            // A pattern without {T} names its implied target, when the sentence mentions
                            // it and the match is not followed by a target of its own ("Russia's invasion
                            // of Georgia").
                            let implied = || {
                                let a = pat.implied_target?;
                                let next = sk_words.get(m_last + 1).copied().unwrap_or("");
                                let next2 = sk_words.get(m_last + 2).copied().unwrap_or("");
                                let own_target = next == "@"
                                    || (matches!(next, "of" | "on" | "against" | "into") && !next2.is_empty());
                                if own_target {
                                    return None;
                                }
                                let s_slot = slot("S");
                                (0..slots.len())
                                    .find(|&n| Some(n) != s_slot && slots[n].iter().any(|&mi| ments[mi].actor == a))
                            };
                            let (Some(ss), Some(ts)) = (slot("S"), slot("T").or_else(implied)) else {
                                continue;
                            };
                            // An object pronoun is no source, except as the subject of "for him to V".
                            let s_at = c.name("S").map(|g| item_at(g.start()));
                            let for_to = s_at.is_some_and(|i| {
                                i > 0 && sk_words[i - 1] == "for" && sk_words.get(i + 1) == Some(&"to")
                            });
                            if !for_to && slots[ss].iter().all(|&mi| ments[mi].objective) {
                                continue;
                            }
                            // A source that opens the match must not be the object of a preposition
                            // ("talks with Putin before consulting Kyiv") or half of an "X-Y" compound.
                            // A possessor is not the subject of the verb after it ("Kyiv's goals and handed ..."),
                            // unless an actor head follows ("Russia's army attacked").
                            let verbal = pat.source.starts_with("{S} ~~");
                            // A participle clause after a comma belongs to its clause's subject, which the
                            // second reading writes in; the slot before the comma is often an object:
                            // "to keep the Assad regime in power, thereby undermining Russia's position".
                            let participle_after_comma = verbal
                                && sk_words[tr_first].ends_with("ing")
                                && tr_first >= 1
                                && (sk_words[tr_first - 1] == ","
                                    || (tr_first >= 2
                                        && sk_words[tr_first - 2] == ","
                                        && matches!(sk_words[tr_first - 1], "thereby" | "thus" | "while" | "further")))
                                && sk_words[m_first + 1..tr_first].contains(&",");
                            if participle_after_comma {
                                continue;
                            }
                            let possessor = sk_words.get(m_first + 1) == Some(&"'s")
                                && !sk_words.get(m_first + 2).is_some_and(|w| {
                                    rules
                                        .lexicon
                                        .singular_heads
                                        .iter()
                                        .chain(&rules.lexicon.plural_heads)
                                        .any(|h| h == w)
                                })
                                && sk_words[(m_first + 2).min(tr_first)..tr_first]
                                    .iter()
                                    .any(|w| POSSESSED_SUBJECT_GAP.contains(w));
                            // A contrary verb between the source and the trigger turns the trigger around:
                            // "the UN condemned the latest attacks", "Orban opposed sending weapons to Kyiv"
                            // ("refused to negotiate" is a negation, read below).
                            let s_item = c.name("S").map_or(m_first, |g| item_at(g.start()));
                            let contrary = (s_item + 1..tr_first).any(|i| {
                                self.contrary_verbs.contains(sk_words[i]) && sk_words.get(i + 1) != Some(&"to")
                            });
                            if verbal && contrary {
                                continue;
                            }
                            if verbal && possessor && c.name("S").is_some_and(|g| g.start() == whole.start() + 1) {
                                continue;
                            }
                            let relative = pat.source.contains("which") || pat.source.contains("who");
                            let s_first = !relative && c.name("S").is_some_and(|g| g.start() == whole.start() + 1);
                            // Look past a determiner: "to the United States and NATO, forcing them ...".
                            let before = match m_first {
                                0 => None,
                                1 => Some(sk_words[0]),
                                _ if matches!(sk_words[m_first - 1], "the" | "a" | "an") => Some(sk_words[m_first - 2]),
                                _ => Some(sk_words[m_first - 1]),
                            };
                            if verbal
                                && s_first
                                && !understood[m_first]
                                && before.is_some_and(|w| {
                                    // "pressured by Washington to wrap up a deal": an agent is no subject;
                                    // "easier for him to outsource": the subject of an infinitive is.
                                    (OBJECT_MARKERS.contains(&w)
                                        && !(w == "for"
                                            && sk_words.get(m_first + 1) == Some(&"to")
                                            && m_first >= 2
                                            && INFINITIVE_ADJECTIVES.contains(&sk_words[m_first - 2])))
                                        || PLACE_MARKERS.contains(&w)
                                        || (w == "by"
                                            && (pat.source.contains('<') || sk_words.get(m_first + 1) == Some(&"to")))
                                })
                            {
                                continue;
                            }
                            // "in central Kyiv", "in war-torn Ukraine": a place after an adjective.
                            if verbal
                                && s_first
                                && !understood[m_first]
                                && m_first >= 2
                                && PLACE_MARKERS.contains(&sk_words[m_first - 2])
                                && sk_words[m_first - 1].chars().all(|c| c.is_alphabetic() || c == '-')
                                && !matches!(
                                    sk_words[m_first - 1],
                                    "which"
                                        | "that"
                                        | "who"
                                        | "whom"
                                        | "whose"
                                        | "turn"
                                        | "response"
                                        | "return"
                                        | "fact"
                                        | "particular"
                                        | "general"
                                        | "addition"
                                        | "part"
                                        | "short"
                                        | "contrast"
                                )
                                && !slots[ss].iter().all(|&mi| ments[mi].pronoun)
                            {
                                continue;
                            }
                            // "NATO membership ... has undermined": a modifier of a noun is not the subject.
                            let modifies = sk_words
                                .get(m_first + 1)
                                .is_some_and(|w| rules.lexicon.possessed_heads.iter().any(|h| h == w));
                            let pronoun_s = slots[ss].iter().all(|&mi| ments[mi].pronoun);
                            if verbal && s_first && modifies && !pronoun_s {
                                continue;
                            }
                            // A nominal pattern ("{S} ~3 war in {T}") reads S as the owner of the noun:
                            // not across a preposition or a verb ("talks with Putin on the war in
                            // Ukraine", "Russia's war of aggression against"), and not when S is itself
                            // a place or an object ("stability in Europe and the war in Ukraine").
                            let nominal = !verbal
                                && !relative
                                && ["{S} ~", "{S} 's", "{S} ('s)"]
                                    .iter()
                                    .any(|p| pat.source.starts_with(p))
                                && !pat.source.contains('<');
                            if nominal && s_first {
                                let si_ = item_at(c.name("S").expect("S").start());
                                // "Russia's war", and "the Russian invasion" (a demonym owns its noun too).
                                // ... and so does a name right before the noun: "skeptical of U.S. support".
                                let possessive = sk_words.get(si_ + 1) == Some(&"'s")
                                    || si_ + 1 == tr_first
                                    || slots[ss].iter().all(|&mi| {
                                        matches!(ments[mi].how, How::Demonym(_)) || possessive_pronoun(text, &ments[mi])
                                    });
                                let gap = &sk_words[(si_ + 1).min(tr_first)..tr_first];
                                // ... nor across a verb that turns the noun around: "Orban has opposed
                                // sanctions against Russia", "lifted its sanctions on Moscow".
                                if gap
                                    .iter()
                                    .any(|w| NOMINAL_GAP_BREAKERS.contains(w) || self.contrary_verbs.contains(*w))
                                {
                                    continue;
                                }
                                // "{S} 's ~3 (support) for {T}" triggers on "'s": an actor or possessive
                                // pronoun past a preposition owns the noun instead ("Russia's war through
                                // its support for Iran").
                                if sk_words.get(tr_first) == Some(&"'s") {
                                    let t_at = c.name("T").map_or(m_last, |t| item_at(t.start()));
                                    let pron = (si_ + 1..t_at).find(|&i| sk_words[i].starts_with(['@', '&']));
                                    if pron.is_some_and(|p| {
                                        sk_words[si_ + 1..p].iter().any(|w| NOMINAL_GAP_BREAKERS.contains(w))
                                    }) {
                                        continue;
                                    }
                                }
                                if !possessive
                                    && before.is_some_and(|w| OBJECT_MARKERS.contains(&w) || PLACE_MARKERS.contains(&w))
                                {
                                    continue;
                                }
                            }
                            // "destabilize Europe and undermine NATO": a source followed by "and" + the
                            // verb is the object of an earlier verb, not the subject of this one.
                            if verbal
                                && s_first
                                && tr_first == m_first + 2
                                && matches!(sk_words.get(m_first + 1), Some(&"and") | Some(&"or"))
                            {
                                continue;
                            }
                            if seen_pairs.contains(&(ss, ts)) {
                                continue;
                            }
                            seen_pairs.push((ss, ts));
                            // An implied target is that actor alone, not the rest of its coordination.
                            let only = if slot("T").is_none() { pat.implied_target } else { None };
                            for a in actor_of(ss) {
                                for b in actor_of(ts).into_iter().filter(|b| only.is_none_or(|o| o == *b)) {
                                    pairs.push((a, b, ss, ts));
                                }
                            }
                        }
                        // Verbal patterns read negation and hedges just before the source too ("if Putin
                        // agrees"); nominal ones only between the source and the trigger.
                        // The words before the source stay within its clause: "If the deadline is not met,
                        // the administration will put pressure on ..." is not negated.
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
                        let cue =
                            |list: &[String], hay: &str| list.iter().find(|c| hay.contains(&format!(" {c} "))).cloned();
                        // "there was no indication he met the Ukrainian side": the text does not say.
                        if cue(&lex.unknown, &window).is_some() {
                            continue;
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
                            && !(m_first.saturating_sub(5)..m_first).any(|i| MOTION_VERBS.contains(&sk_words[i]))
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
                        let item_start = |i: usize| toks[sk_tok[i]].start;
                        let item_end = |i: usize| if i + 1 < sk.len() { item_start(i + 1) } else { e };
                        let trigger = text[item_start(tr_first)..item_end(tr_last)]
                            .trim_matches(|c: char| c.is_whitespace() || is_invisible(c))
                            .to_string();
                        for (a, b, ss, ts) in pairs {
                            if !admissible(ex, rules, rel, a, b) {
                                continue;
                            }
                            let said_by = said_by_slots
                                .iter()
                                .find(|&&sp| sp != ss && sp != ts && sp < slots.len() && actor_of(sp).len() == 1)
                                .map(|&sp| actor_of(sp)[0]);
                            found.push(RelationInstance {
                                source: a,
                                relation: rel.id.clone(),
                                target: b,
                                negated,
                                hedged,
                                said_by,
                                sentence: si,
                                start: s,
                                end: e,
                                rule: pat.rule.clone(),
                                trigger: trigger.clone(),
                                why: why.clone(),
                            });
                        }
                    }
                }
            }
            trace_skeleton = skel;
        }
        if self.trace {
            ex.traces.push(SentenceTrace {
                sentence: si,
                skeleton: trace_skeleton.trim_end().to_string(),
                slots: (0..slots.len()).map(actor_of).collect(),
            });
        }
        if !self.trees.is_empty() {
            let read = self.tree_relations(ex, text, si, (s, e), &ments, raw);
            merge_tree_reading(&mut found, read, |r| rules.relation(r).is_some_and(|x| x.symmetric));
        }
        // One instance per (source, relation, target, negated) per sentence.
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
        for (_, pair) in self.joined_pairs(ex, text, &sorted) {
            ex.pairs.push(si, pair);
        }
        for m in ments.iter().filter(|m| !m.pronoun) {
            if !matches!(m.how, How::Alias(ai) if rules.aliases[ai].anaphoric) {
                ex.named.insert(m.actor);
            }
        }
        ex.mentions.extend(ments);
    }

    /// The relations the tree patterns read in a sentence that names two actors or more.
    fn tree_relations(
        &self,
        ex: &Extraction,
        text: &str,
        si: usize,
        (s, e): (usize, usize),
        ments: &[Mention],
        raw: &[(usize, usize, usize)],
    ) -> Vec<RelationInstance> {
        let rules = self.rules;
        let demonyms: Vec<(usize, usize, ActorRef)> = raw
            .iter()
            .filter(|r| rules.aliases[r.2].kind == AliasKind::Demonym)
            .map(|&(a, b, ai)| (a, b, rules.aliases[ai].actor))
            .collect();
        let mut named: Vec<ActorRef> = ments
            .iter()
            .map(|m| m.actor)
            .chain(demonyms.iter().map(|d| d.2))
            .collect();
        named.sort_unstable();
        named.dedup();
        if named.len() < 2 || !self.trees.may_match(&text[s..e]) {
            return Vec::new();
        }
        let Ok(model) = crate::syntax::model() else {
            return Vec::new();
        };
        let names = crate::patterns::name_spans(rules, ments, s);
        let parse = crate::syntax::parse_with_names(model, &text[s..e], &names);
        let actors = crate::patterns::Actors {
            mentions: ments,
            demonyms: &demonyms,
            base: s,
        };
        let mut out = Vec::new();
        for m in self.trees.run(rules, &parse, &actors) {
            let rel = &rules.relations[m.relation];
            let pat = &rel.trees[m.pattern];
            if self.only_pattern.as_ref().is_some_and(|o| *o != pat.rule) {
                continue;
            }
            for &(a, b) in &m.pairs {
                if !admissible(ex, rules, rel, a, b) {
                    continue;
                }
                out.push(RelationInstance {
                    source: a,
                    relation: rel.id.clone(),
                    target: b,
                    negated: m.negated,
                    hedged: m.hedged,
                    said_by: m.said_by,
                    sentence: si,
                    start: s,
                    end: e,
                    rule: pat.rule.clone(),
                    trigger: parse.words[m.trigger].form.to_string(),
                    why: m.why.iter().cloned().chain([format!("tree: {}", m.path)]).collect(),
                });
            }
        }
        out
    }

    /// Writes the understood subject of a subjectless clause before its verb:
    /// - a participle or gerund clause takes the subject of its main clause: "Trump spoke with
    ///   Putin before consulting Kyiv", "Russia struck Kyiv overnight, targeting the grid";
    /// - the second verb of "S V ... and V-ed T" takes S;
    /// - a relative "who"/"which" takes its antecedent, and after "S's N ..., which" the owner S
    ///   ("Trump's negotiations with Putin, which have sidelined Ukraine").
    ///
    /// Returns the second reading (which items were written in, the skeleton, its tokens), or
    /// `None` when no clause needs a subject.
    fn understood_subjects(
        &self,
        sk: &[Sk],
        sk_tok: &[usize],
        slots: &[Vec<usize>],
        ments: &[Mention],
        modifier: &[bool],
        text: &str,
    ) -> Option<(Vec<bool>, Vec<Sk>, Vec<usize>)> {
        let lex = &self.rules.lexicon;
        let word = |k: usize| match sk.get(k) {
            Some(Sk::Word(w)) => w.as_str(),
            Some(Sk::Slot(_)) => "@",
            None => "",
        };
        let slot_at = |k: usize| match sk.get(k) {
            Some(Sk::Slot(n)) => Some(*n),
            _ => None,
        };
        let plain = |n: usize| {
            !modifier[n]
                && slots[n]
                    .iter()
                    .all(|&mi| !ments[mi].objective && !possessive_pronoun(text, &ments[mi]))
        };
        // The subject of the clause that holds item k: the slot that opens it (after a fronted
        // phrase and its comma, or a conjunction), not a possessor nor a speaker, with a verb
        // between it and k.
        let sk_words: Vec<&str> = (0..sk.len()).map(word).collect();
        // With `nearest`, the last such slot before k (the clause nearest to it) rather than the first.
        let subject_before_in = |k: usize, through_quotes: bool, nearest: bool| -> Option<usize> {
            let start = (0..k)
                .rev()
                .find(|&i| match word(i) {
                    ";" | ":" | "—" => true,
                    "\"" | "“" | "”" => !through_quotes,
                    _ => false,
                })
                .map_or(0, |i| i + 1);
            let mut i = start;
            let mut found = None;
            while i + 2 < k {
                if let Some(n) = slot_at(i) {
                    // A title before the slot is part of it: "Defense Secretary Pete Hegseth ruled".
                    let title = (1..=4)
                        .find(|&l| i >= start + l && self.title_at(&sk_words, i - l).is_some_and(|(_, len)| len == l))
                        .unwrap_or(0);
                    // ... and so is the organization before the title: "Trump envoy Witkoff".
                    let org = usize::from(title > 0 && i > start + title && slot_at(i - title - 1).is_some());
                    let prev = if i > start + title + org {
                        word(i - title - org - 1)
                    } else {
                        ""
                    };
                    let next = word(i + 1);
                    let speaker = lex.attribution_verbs.iter().any(|v| v == next)
                        || (i + 2 < k && lex.attribution_verbs.iter().any(|v| v == word(i + 2)));
                    let opens = matches!(
                        prev,
                        "" | ","
                            | "that"
                            | "but"
                            | "while"
                            | "when"
                            | "after"
                            | "before"
                            | "because"
                            | "since"
                            | "although"
                            | "though"
                            | "as"
                            | "if"
                            | "then"
                            | "now"
                            | "also"
                            | "meanwhile"
                            | "however"
                            | "yet"
                            | "instead"
                    );
                    let opens = opens || lex.attribution_verbs.iter().any(|v| v == prev);
                    // "Trump envoy Steve Witkoff travelled": the header's slot is not the subject.
                    let header = self
                        .title_at(&sk_words, i + 1)
                        .is_some_and(|(_, len)| slot_at(i + 1 + len).is_some());
                    if header {
                        i += 1;
                        continue;
                    }
                    if opens && !speaker && next != "'s" {
                        if !nearest {
                            return plain(n).then_some(n);
                        }
                        found = plain(n).then_some(n);
                    }
                }
                i += 1;
            }
            found
        };
        let subject_before = |k: usize| subject_before_in(k, false, false);
        let aux = |w: &str| {
            matches!(
                w,
                "has"
                    | "have"
                    | "had"
                    | "is"
                    | "was"
                    | "were"
                    | "are"
                    | "will"
                    | "would"
                    | "could"
                    | "can"
                    | "may"
                    | "might"
                    | "must"
                    | "should"
                    | "continues"
                    | "continued"
            )
        };
        let mut out: Vec<Sk> = Vec::with_capacity(sk.len() + 4);
        let mut out_tok: Vec<usize> = Vec::with_capacity(sk.len() + 4);
        let mut understood: Vec<bool> = Vec::with_capacity(sk.len() + 4);
        let mut last_gerund: Option<usize> = None;
        let mut last_infinitive: Option<usize> = None;
        // "For Russia, it is important to keep Trump from ...": Russia does the infinitives.
        let for_subject = (word(0) == "for" && word(2) == ",")
            .then(|| slot_at(1).filter(|&n| plain(n)))
            .flatten()
            .and_then(|n| {
                (3..sk.len().min(9))
                    .find(|&i| INFINITIVE_ADJECTIVES.contains(&word(i)))
                    .map(|i| (n, i))
            });
        for k in 0..sk.len() {
            let w = word(k);
            let prev = if k > 0 { word(k - 1) } else { "" };
            let prev2 = if k > 1 { word(k - 2) } else { "" };
            let mut insert: Option<usize> = None;
            if self.gerunds.contains(w) {
                let opens = prev == ","
                    || matches!(prev, "before" | "after" | "while" | "by" | "when" | "through" | "since")
                    || (prev == "of"
                        && matches!(
                            prev2,
                            "idea"
                                | "goal"
                                | "aim"
                                | "policy"
                                | "strategy"
                                | "prospect"
                                | "plan"
                                | "purpose"
                                | "task"
                                | "intention"
                                | "hope"
                                | "hopes"
                                | "way"
                                | "means"
                                | "possibility"
                                | "option"
                        ))
                    || (prev == "on"
                        && matches!(
                            prev2,
                            "focus"
                                | "focuses"
                                | "focused"
                                | "focusing"
                                | "concentrate"
                                | "concentrated"
                                | "insist"
                                | "insists"
                                | "insisted"
                                | "insisting"
                        ));
                if opens {
                    insert = subject_before(k);
                } else if prev == "and" {
                    // "attacking Kharkiv and threatening Ukraine": the subject of the gerund before.
                    insert = last_gerund;
                }
            } else if prev == "to"
                && self.bases.contains(w)
                && k >= 3
                && matches!((word(k - 3), prev2), ("in", "order") | ("so", "as"))
            {
                // "Europe pulled Russia closer in order to weaken China": the clause's subject does it.
                insert = subject_before(k - 3);
            } else if prev == "to"
                && self.bases.contains(w)
                && k >= 4
                && word(k - 4) == "in"
                && matches!(word(k - 3), "an" | "a")
                && matches!(prev2, "attempt" | "effort" | "bid" | "move")
            {
                // "Washington slowed the sale in an attempt to increase pressure on Russia".
                insert = subject_before(k - 4);
            } else if prev == "to"
                && self.bases.contains(w)
                && k >= 3
                && matches!(
                    prev2,
                    "acting" | "moving" | "trying" | "seeking" | "working" | "stepping" | "rushing" | "scrambling"
                )
                && matches!(
                    word(k - 3),
                    "before" | "after" | "by" | "while" | "without" | "when" | ","
                )
            {
                // "... that they do not need Russia's consent before acting to protect Ukraine":
                // the subject of the nearest clause does it.
                insert = subject_before_in(k - 3, false, true);
            } else if prev == "to" && self.bases.contains(w) && last_infinitive.is_some() && {
                // "is to encourage Trump's initiatives, as well as to try to convince him": a
                // coordinated infinitive has the subject of the one before.
                let mut j = k - 1;
                while j >= 2 && word(j - 2) == "to" && CATENATIVE_VERBS.contains(&word(j - 1)) {
                    j -= 2;
                }
                j >= 1
                    && (word(j - 1) == "and"
                        || (j >= 3 && [word(j - 3), word(j - 2), word(j - 1)] == ["as", "well", "as"]))
            } {
                insert = last_infinitive;
            } else if prev == "to" && self.bases.contains(w) && for_subject.is_some_and(|(_, ai)| k > ai) {
                insert = for_subject.map(|(n, _)| n);
            } else if prev == "to"
                && self.bases.contains(w)
                && k >= 5
                && matches!(prev2, "is" | "was" | "remains")
                && slot_at(k - 3).is_some_and(plain)
                && word(k - 4) == "of"
                && (CONTROL_NOUNS.contains(&word(k - 5))
                    || matches!(
                        word(k - 5),
                        "goal" | "aim" | "task" | "idea" | "strategy" | "purpose" | "objective"
                    ))
            {
                // "the true plan of the Old World is to encourage ...": the owner does it.
                insert = slot_at(k - 3);
            } else if prev == "to" && self.bases.contains(w) && k >= 3 && CONTROL_NOUNS.contains(&prev2) {
                // "Russia's refusal to negotiate with Kyiv", "the U.S. decision to remove ...":
                // the owner of the noun does what follows.
                insert = (k.saturating_sub(6)..k - 2)
                    .rev()
                    .take_while(|&i| !matches!(word(i), "," | ";" | ":" | "—" | "\"" | "of" | "with" | "for"))
                    .find(|&i| {
                        // "his ability to manipulate": a possessive pronoun owns the noun too.
                        slot_at(i).is_some_and(|n| {
                            plain(n)
                                || (i + 1 == k - 2
                                    && !modifier[n]
                                    && slots[n].iter().all(|&mi| possessive_pronoun(text, &ments[mi])))
                        }) && (word(i + 1) == "'s" || i + 1 == k - 2)
                            && !(i > 0 && OBJECT_MARKERS.contains(&word(i - 1)) && word(i + 1) != "'s")
                    })
                    .and_then(slot_at);
            } else if prev == "to"
                && self.bases.contains(w)
                && k >= 4
                && slot_at(k - 2).is_some()
                && matches!(word(k - 3), "to" | "in")
                && MOTION_VERBS.contains(&word(k - 4))
            {
                // "Witkoff travelled to Moscow to meet Putin": a purpose clause takes the subject.
                insert = subject_before(k);
            } else if prev == "to"
                && self.bases.contains(w)
                && k >= 4
                && purpose_object(word(k - 2))
                && !(k.saturating_sub(6)..k - 1).any(|i| {
                    let x = word(i);
                    x == "for" || OBJECT_CONTROL.iter().any(|v| x.starts_with(v))
                })
                && (k.saturating_sub(5)..k - 2).any(|i| {
                    matches!(
                        word(i),
                        "the" | "a" | "an" | "its" | "their" | "his" | "her" | "these" | "those" | "'s"
                    )
                })
            {
                // A purpose clause after an object: "Putin is abusing the ceasefire talks to attack
                // civilian infrastructure", "pull Russia out of China's grasp to weaken Beijing".
                insert = subject_before_in(k - 1, false, true);
            } else if prev == "," && k >= 5 && self.pasts.contains(w) {
                // "The Ukrainian delegation, led by Umerov, met the Russian side": the verb after
                // a participle apposition takes the slot the apposition follows.
                insert = (1..k - 3)
                    .rev()
                    .take(6)
                    .find(|&j| word(j) == "," && word(j + 1).ends_with("ed") && word(j + 2) == "by")
                    .and_then(|j| slot_at(j - 1))
                    .filter(|&n| plain(n));
            } else if (prev == "and" || (k >= 2 && aux(prev) && word(k - 2) == "and"))
                && self.pasts.contains(w)
                && k >= 2
            {
                // "... and forced Putin", "... and has forced Putin"; a quotation before "and" is
                // part of the clause ("called it a “grave moment” and urged Washington").
                insert = subject_before_in(if prev == "and" { k - 1 } else { k - 2 }, true, false);
            } else if matches!(prev, "who" | "which")
                && (prev2 == "," || (prev2 == "\"" && k >= 3 && word(k - 3) == ","))
                && (aux(w) || self.pasts.contains(w))
            {
                // The antecedent: "Putin, who ...", "Russia, which ...", or the owner of
                // "S's N ..., which" ("which" does not stand for a person).
                let antecedent = slot_at(k - 3).filter(|&n| {
                    let person = slots[n].iter().any(|&mi| {
                        ments[mi].actor < self.rules.actors.len()
                            && self.rules.actors[ments[mi].actor].kind == Kind::Person
                    });
                    plain(n) && slots[n].len() == 1 && (prev == "who") == person
                });
                if let Some(n) = antecedent {
                    insert = Some(n);
                } else {
                    insert = (k.saturating_sub(9)..k - 2)
                        .rev()
                        .take_while(|&i| !matches!(word(i), "," | ";" | ":" | "—" | "which" | "who" | "that"))
                        .find(|&i| word(i + 1) == "'s" && slot_at(i).is_some_and(plain))
                        .and_then(slot_at);
                    // "which" for a whole clause: "Hegseth ruled out ..., which marked a major
                    // concession to Russia" (the clause's subject did it).
                    if insert.is_none() && prev == "which" && slot_at(k - 3).is_none() {
                        insert = subject_before_in(k, true, false);
                    }
                }
            }
            if w.len() > 5 && w.ends_with("ing") {
                last_gerund = insert;
            }
            if prev == "to" && insert.is_some() {
                last_infinitive = insert;
            }
            if let Some(n) = insert {
                out.push(Sk::Slot(n));
                out_tok.push(sk_tok[k]);
                understood.push(true);
            }
            out.push(sk[k].clone());
            out_tok.push(sk_tok[k]);
            understood.push(false);
        }
        understood.contains(&true).then_some((understood, out, out_tok))
    }

    /// Step 3d of `sentence`: unknown names right before or after a verb of saying (or after
    /// "according to") become persons who fill `said_by`. Two name words at least, none an
    /// acronym or a word of an institution or outlet ("State Department", "Washington Post"); one
    /// word only when it is the surname of a speaker already met in the document.
    fn speakers(
        &self,
        ex: &mut Extraction,
        text: &str,
        si: usize,
        toks: &[Token],
        words: &[&str],
        ments: &mut Vec<Mention>,
    ) {
        let lex = &self.rules.lexicon;
        let covered = |ments: &[Mention], t: &Token| ments.iter().any(|m| t.start < m.end && t.end > m.start);
        let name_at = |ments: &[Mention], k: usize| {
            let w = &text[toks[k].start..toks[k].end];
            is_name_word(w)
                && w.chars().skip(1).any(|c| c.is_lowercase())
                && !covered(ments, &toks[k])
                && !NOT_NAMES.contains(&w)
                && !NOT_PERSON_NAME_WORDS.contains(&w)
                && !lex.name_continuations.iter().any(|c| c == w)
        };
        let is_verb = |k: usize| {
            lex.attribution_verbs.iter().any(|v| v == words[k])
                || (words[k] == "to" && k > 0 && words[k - 1] == "according")
        };
        let mut found: Vec<(usize, usize)> = Vec::new();
        for k in 0..toks.len() {
            // "correspondent Laurence Brooks reports on the talks" reports no claim.
            if !is_verb(k) || matches!(words.get(k + 1), Some(&("on" | "about" | "from"))) {
                continue;
            }
            // Before the verb: "... Ivan Lizan believes" (not "according to").
            if words[k] != "to" {
                let mut a = k;
                while a > 0 && k - a < 3 && name_at(ments, a - 1) {
                    a -= 1;
                }
                if a < k {
                    found.push((a, k - 1));
                }
            }
            // After the verb: "writes Alexei Naumov", "according to Malek Dudakov".
            let mut b = k + 1;
            while b < toks.len() && b - k <= 3 && name_at(ments, b) {
                b += 1;
            }
            if b > k + 1 {
                found.push((k + 1, b - 1));
            }
        }
        for (mut a, b) in found {
            // "But Kato said", "Fed Chairman Paul Volcker said": the name starts after conjunctions
            // and titles.
            while a < b && NAME_PREFIXES.contains(&&text[toks[a].start..toks[a].end]) {
                a += 1;
            }
            // Part of a longer capitalized phrase ("Colorado River Basin states"): no name.
            if a > 0
                && is_name_word(&text[toks[a - 1].start..toks[a - 1].end])
                && !NAME_PREFIXES.contains(&&text[toks[a - 1].start..toks[a - 1].end])
            {
                continue;
            }
            if b > a {
                let m = self.new_person(ex, text, si, toks[a].start, toks[b].end);
                if m.actor >= self.rules.actors.len() {
                    ex.speakers.insert(m.actor);
                }
                ments.push(m);
            } else {
                // A surname alone names a speaker already met: "Naumov concluded".
                let w = &text[toks[a].start..toks[a].end];
                let known = ex
                    .new_actors
                    .iter()
                    .position(|p| p.kind == Kind::Person && p.label.rsplit(' ').next() == Some(w));
                if let Some(p) = known {
                    ments.push(Mention {
                        start: toks[a].start,
                        end: toks[a].end,
                        actor: self.rules.actors.len() + p,
                        plural: false,
                        pronoun: false,
                        objective: false,
                        modifier: false,
                        sentence: si,
                        how: How::NewPerson,
                    });
                }
            }
        }
    }

    /// The mention of a person the rules do not know, named by `text[start..end]`: the rules' actor
    /// if the name's id is theirs, else the document's new actor of that id (added on first sight).
    /// A leading honorific is no part of the name ("Colonel Viktor Trehubov"), and a known person's
    /// name spelled another way is that person (`RuleSet::person_variant`: "Volodymyr Zelenskyi").
    fn new_person(&self, ex: &mut Extraction, text: &str, si: usize, start: usize, end: usize) -> Mention {
        let rules = self.rules;
        let mut name = &text[start..end];
        while let Some((first, rest)) = name.split_once(' ') {
            match rules.lexicon.honorifics.iter().any(|h| h == first) && rest.contains(' ') {
                true => name = rest.trim_start(),
                false => break,
            }
        }
        let name = name.to_string();
        let id = slug(&name);
        let actor = match rules.actor(&id).or_else(|| rules.person_variant(&id)) {
            Some(a) => a,
            None => match ex.new_actors.iter().position(|a| a.id == id) {
                Some(p) => rules.actors.len() + p,
                None => {
                    ex.new_actors.push(Actor {
                        id,
                        label: name,
                        kind: Kind::Person,
                        plural: false,
                        gender: Gender::Unknown,
                        from: None,
                        to: None,
                        roles: Vec::new(),
                    });
                    rules.actors.len() + ex.new_actors.len() - 1
                }
            },
        };
        Mention {
            start,
            end,
            actor,
            plural: false,
            pronoun: false,
            objective: false,
            modifier: false,
            sentence: si,
            how: How::NewPerson,
        }
    }

    /// Step 4b of `sentence`: a mention of each member of the pair "both sides" stands for.
    fn both_sides(
        &self,
        ex: &Extraction,
        text: &str,
        si: usize,
        toks: &[Token],
        words: &[&str],
        ments: &mut Vec<Mention>,
    ) {
        let mut k = 0;
        while k < toks.len() {
            let len = match (words[k], words.get(k + 1), words.get(k + 2)) {
                ("both", Some(&("sides" | "parties" | "countries" | "nations" | "delegations" | "governments")), _) => {
                    2
                }
                (
                    "the",
                    Some(&("two" | "warring")),
                    Some(&("sides" | "parties" | "countries" | "nations" | "delegations" | "governments")),
                ) => 3,
                // "press the sides to come up with a deal" (not "the parties": political parties).
                ("the", Some(&"sides"), _) => 2,
                _ => 0,
            };
            if len == 0
                || ments
                    .iter()
                    .any(|m| toks[k].start < m.end && toks[k + len - 1].end > m.start)
            {
                k += 1;
                continue;
            }
            let (start, end) = (toks[k].start, toks[k + len - 1].end);
            let mut here: Vec<&Mention> = ments.iter().collect();
            here.sort_by_key(|m| m.start);
            // The pair nearest "both sides" in this sentence; else the latest one before it.
            // The latest pair before: of the two sentences before, else the pair the document names
            // most often (the latest of equals). Both come from the running log, so a document with
            // many "both sides" stays linear.
            let pair = self
                .joined_pairs(ex, text, &here)
                .into_iter()
                .min_by_key(|(at, _)| at.abs_diff(start))
                .map(|(_, p)| p)
                .or_else(|| {
                    let log = &ex.pairs;
                    let recent = log.last.filter(|(sentence, _)| sentence + 2 >= si).map(|(_, p)| p);
                    recent.or(log.most.map(|(_, p)| p))
                });
            if let Some(pair) = pair {
                for actor in pair {
                    ments.push(Mention {
                        start,
                        end,
                        actor,
                        plural: true,
                        pronoun: true,
                        objective: false,
                        modifier: false,
                        sentence: si,
                        how: How::Pronoun,
                    });
                }
            }
            k += len;
        }
    }

    /// A coordinated pair of two different states, organizations or groups in `list` (sorted by
    /// start): "Russia and Ukraine", "US-Russia", "between Moscow and Kyiv". `(start, pair)` each.
    fn joined_pairs(&self, ex: &Extraction, text: &str, list: &[&Mention]) -> Vec<(usize, [ActorRef; 2])> {
        let rules = self.rules;
        list.windows(2)
            .filter_map(|w| {
                let (a, b) = (w[0], w[1]);
                let between = text.get(a.end..b.start)?.trim();
                let joined = matches!(between, "and" | "&" | "-" | "–" | "—");
                let states = [a, b].iter().all(|m| ex.actor(rules, m.actor).kind != Kind::Person);
                (joined && states && a.actor != b.actor && !a.pronoun && !b.pronoun)
                    .then_some((a.start, [a.actor, b.actor]))
            })
            .collect()
    }

    /// Role appositions (step 3c of `sentence`): `(first token, last token, person, org, relation)` for
    /// "ORG's TITLE, NAME" and "NAME, (the) ... OFFICE ... ORG ...". Unknown names become new persons.
    #[allow(clippy::too_many_arguments)]
    fn appositions(
        &self,
        ex: &mut Extraction,
        text: &str,
        si: usize,
        toks: &[Token],
        words: &[&str],
        ments: &mut Vec<Mention>,
        date: Option<&str>,
        pronoun_pass: bool,
    ) -> Vec<(usize, usize, ActorRef, ActorRef, &'static str)> {
        let rules = self.rules;
        let lex = &rules.lexicon;
        let mut out = Vec::new();
        let raw = |k: usize| &text[toks[k].start..toks[k].end];
        let ment_at = |ments: &[Mention], k: usize| ments.iter().position(|m| m.start == toks[k].start);
        let covered =
            |ments: &[Mention], k: usize| ments.iter().any(|m| toks[k].start < m.end && toks[k].end > m.start);
        let kind_of = |ex: &Extraction, a: ActorRef| ex.actor(rules, a).kind;
        // The unknown name that starts at token j: 2 to 5 name words, particles inside ("bin", "al-").
        let name_at = |ments: &[Mention], j: usize| -> Option<usize> {
            let (mut k, mut n, mut last_word) = (j, 0, "");
            while k < toks.len() && n < 5 && !covered(ments, k) {
                // A hyphenated word is one name word: "al-Busaidi", "Jean-Noel".
                let mut e = k;
                while e + 2 < toks.len()
                    && raw(e + 1) == "-"
                    && toks[e + 1].start == toks[e].end
                    && toks[e + 2].start == toks[e + 1].end
                {
                    e += 2;
                }
                let w = &text[toks[k].start..toks[e].end];
                let particle = NAME_PARTICLES.contains(&w) && e + 1 < toks.len() && is_name_part(raw(e + 1));
                if !(is_name_part(w) || (particle && n > 0)) || NOT_NAMES.contains(&w) {
                    break;
                }
                n += 1;
                last_word = w;
                k = e + 1;
            }
            let ok = (2..=5).contains(&n) && is_name_part(last_word) && (k >= toks.len() || !is_name_part(raw(k)));
            ok.then(|| k - 1)
        };
        let new_person = |ex: &mut Extraction, ments: &mut Vec<Mention>, a: usize, b: usize| -> ActorRef {
            let m = self.new_person(ex, text, si, toks[a].start, toks[b].end);
            let actor = m.actor;
            ments.push(m);
            actor
        };
        // A known person's own role at `org` decides between leads and represents.
        let relation_for = |person: ActorRef, org: ActorRef, fallback: &'static str| -> &'static str {
            if person < rules.actors.len() {
                if let Some(r) = rules.actors[person]
                    .roles
                    .iter()
                    .filter(|r| r.of == org)
                    .max_by_key(|r| (r.active_on(date), r.from.clone()))
                {
                    return if r.relation == "leads" { "leads" } else { "represents" };
                }
            }
            fallback
        };
        let office_at = |k: usize| -> Option<(usize, &'static str)> {
            if let Some((t, len)) = self.title_at(words, k) {
                return Some((
                    len,
                    if lex.titles[t].relation == "leads" {
                        "leads"
                    } else {
                        "represents"
                    },
                ));
            }
            let w = *words.get(k)?;
            if w != "counterpart" && lex.leader_nouns.iter().any(|n| n == w) {
                return Some((1, "leads"));
            }
            lex.official_nouns.iter().any(|n| n == w).then_some((1, "represents"))
        };
        let mut k = 0;
        while k < toks.len() {
            // Possessive pronouns are resolved after the other appositions: a second pass reads
            // only form E with them.
            if pronoun_pass && !matches!(words[k], "its" | "their") {
                k += 1;
                continue;
            }
            // E: "its special envoy, Li Hui", "Putin's aide, Vladimir Medinsky", "secretary of Ukraine's
            // national security council, Rustem Umerov": a possessor, an office phrase, a comma, a name.
            if let Some(found) = self.possessed_office(ex, text, toks, words, ments, k, &name_at, &office_at) {
                let PossessedOffice {
                    span_start,
                    start,
                    end,
                    known,
                    of: org,
                    relation: rel,
                } = found;
                let p = match known {
                    Some(p) => p,
                    None => new_person(ex, ments, start, end),
                };
                out.push((span_start, end, p, org, relation_for(p, org, rel)));
                k = end + 1;
                continue;
            }
            if pronoun_pass {
                k += 1;
                continue;
            }
            // A: "ORG's TITLE, NAME" / "the DEMONYM TITLE, NAME".
            if let Some((t, len)) = self.title_at(words, k) {
                let comma = k + len;
                if words.get(comma) == Some(&",") && comma + 1 < toks.len() {
                    let mut o = k;
                    while o > 0 && APPOSITION_ADJECTIVES.contains(&words[o - 1]) {
                        o -= 1;
                    }
                    let possessive = o >= 2 && words[o - 1] == "'s";
                    let org_tok = if possessive { o - 2 } else { o.wrapping_sub(1) };
                    let org = (org_tok < toks.len())
                        .then(|| {
                            ments.iter().find(|m| {
                                m.end == toks[org_tok].end && !m.pronoun && kind_of(ex, m.actor) != Kind::Person
                            })
                        })
                        .flatten()
                        .map(|m| m.actor);
                    let start = comma + 1;
                    let person = match ment_at(ments, start) {
                        Some(mi) if kind_of(ex, ments[mi].actor) == Kind::Person && !ments[mi].pronoun => {
                            let end = toks.iter().rposition(|x| x.end <= ments[mi].end).unwrap_or(start);
                            Some((Some(ments[mi].actor), end))
                        }
                        Some(_) => None,
                        None => name_at(ments, start).map(|end| (None, end)),
                    };
                    if let (Some(org), Some((known, end))) = (org, person) {
                        let ends = words
                            .get(end + 1)
                            .is_none_or(|w| matches!(*w, "," | "." | ")" | ";" | "and" | "said" | "says"));
                        if ends {
                            let p = match known {
                                Some(p) => p,
                                None => new_person(ex, ments, start, end),
                            };
                            let fallback = if lex.titles[t].relation == "leads" {
                                "leads"
                            } else {
                                "represents"
                            };
                            out.push((org_tok, end, p, org, relation_for(p, org, fallback)));
                            k = end + 1;
                            continue;
                        }
                    }
                }
            }
            // B: "NAME, (the) ... OFFICE ... ORG ..." up to the next comma.
            // Not a place ("Briefing reporters in New York, UN Spokesperson ...").
            let prev_ok = k == 0
                || ((!is_name_part(raw(k - 1)) || NOT_NAMES.contains(&raw(k - 1)))
                    && !PLACE_MARKERS.contains(&words[k - 1])
                    && !matches!(words[k - 1], "at" | "from"));
            let named = if prev_ok {
                match ment_at(ments, k) {
                    Some(mi) if kind_of(ex, ments[mi].actor) == Kind::Person && !ments[mi].pronoun => toks
                        .iter()
                        .rposition(|x| x.end <= ments[mi].end)
                        .map(|end| (Some(ments[mi].actor), end)),
                    Some(_) => None,
                    None => name_at(ments, k).map(|end| (None, end)),
                }
            } else {
                None
            };
            if let Some((known, end)) = named {
                if words.get(end + 1) == Some(&",") {
                    let a = end + 2;
                    let stop = (a..toks.len().min(a + 12))
                        .find(|&i| {
                            matches!(
                                words[i],
                                "," | "." | ";" | ":" | "who" | "which" | "and" | "(" | "—" | "--"
                            )
                        })
                        .unwrap_or(toks.len().min(a + 12));
                    let first_ok = words.get(a).is_some_and(|w| {
                        matches!(*w, "the" | "a" | "an") || office_at(a).is_some() || ment_at(ments, a).is_some()
                    });
                    // An office before another name is that name's title: ", UN Spokesperson Stéphane Dujarric".
                    let office = (a..stop)
                        .find_map(|i| office_at(i).map(|(len, rel)| (i, len, rel)))
                        .filter(|&(i, len, _)| !toks.get(i + len).is_some_and(|t| is_name_word(&text[t.start..t.end])));
                    let org = (a..stop).find_map(|i| {
                        ments
                            .iter()
                            .find(|m| m.start == toks[i].start && !m.pronoun && kind_of(ex, m.actor) != Kind::Person)
                            .map(|m| (i, m))
                    });
                    if let (true, Some((oi, olen, rel)), Some((gi, g))) = (first_ok, office, org) {
                        let g_end = toks.iter().rposition(|x| x.end <= g.end).unwrap_or(gi);
                        // The office and the org must be one phrase: "the Kremlin spokesman", "Russia's
                        // envoy", "head of the UN's nuclear watchdog"; not "deputy Russia team lead".
                        let org_first = g_end < oi
                            && (g_end + 1..oi).all(|i| words[i] == "'s" || APPOSITION_ADJECTIVES.contains(&words[i]));
                        let office_first = gi >= oi + olen
                            && (oi + olen..gi).all(|i| matches!(words[i], "of" | "to" | "at" | "for" | "the"))
                            && gi > oi + olen;
                        if !(org_first || office_first) {
                            k += 1;
                            continue;
                        }
                        // "head of Russia's sovereign wealth fund": the office belongs to a body of the org.
                        let owns_other = words.get(g_end + 1) == Some(&"'s") && office_at(g_end + 2).is_none();
                        let org_actor = g.actor;
                        let rel = if owns_other || (office_first && words.get(oi + olen) != Some(&"of")) {
                            "represents"
                        } else {
                            rel
                        };
                        let p = match known {
                            Some(p) => p,
                            None => new_person(ex, ments, k, end),
                        };
                        out.push((k, stop.saturating_sub(1), p, org_actor, relation_for(p, org_actor, rel)));
                        k = stop;
                        continue;
                    }
                    // No state named: a person the rules know holds the office in their own state
                    // ("Valery Gerasimov, the chief of the General Staff").
                    if let (true, Some((oi, olen, _)), None, Some(p)) = (first_ok, office, org, known) {
                        let class = self.title_at(words, oi).map(|(t, _)| lex.titles[t].class.as_str());
                        let own = (p < rules.actors.len())
                            .then(|| {
                                rules.actors[p]
                                    .roles
                                    .iter()
                                    .filter(|r| r.active_on(date) && class.is_none_or(|c| r.class == c))
                                    .max_by_key(|r| r.from.clone())
                            })
                            .flatten();
                        if let Some(r) = own {
                            let rel = if r.relation == "leads" { "leads" } else { "represents" };
                            out.push((k, (oi + olen).min(stop).saturating_sub(1), p, r.of, rel));
                            k = stop;
                            continue;
                        }
                    }
                }
            }
            k += 1;
        }
        if pronoun_pass {
            return out;
        }
        // C: "the Ukrainian delegation was led by national security secretary Rustem Umerov";
        // D: "the Kremlin reappointed Vladimir Medinsky as its chief negotiator".
        let orgs: Vec<(usize, usize, ActorRef)> = ments
            .iter()
            .filter(|m| !m.pronoun && kind_of(ex, m.actor) != Kind::Person)
            .filter_map(|m| {
                let a = toks.iter().position(|t| t.start == m.start)?;
                let b = toks.iter().rposition(|t| t.end <= m.end)?;
                Some((a, b, m.actor))
            })
            .collect();
        // The person whose name starts at or after token j, past at most five words of description
        // ("presidential peace envoy"): (first token, last token, known actor).
        let person_after = |ex: &Extraction, ments: &[Mention], j: usize| -> Option<(usize, usize, Option<ActorRef>)> {
            (j..toks.len().min(j + 6))
                .find_map(|i| {
                    if let Some(mi) = ment_at(ments, i) {
                        let m = &ments[mi];
                        let end = toks.iter().rposition(|x| x.end <= m.end)?;
                        return (kind_of(ex, m.actor) == Kind::Person && !m.pronoun).then_some((i, end, Some(m.actor)));
                    }
                    if let Some(end) = name_at(ments, i) {
                        return Some((i, end, None));
                    }
                    None
                })
                .filter(|&(i, _, _)| {
                    (j..i).all(|w| {
                        (!is_name_part(raw(w)) || NOT_NAMES.contains(&raw(w))) && !matches!(words[w], "," | "." | "and")
                    })
                })
        };
        for (a, b, org) in orgs {
            let mut j = b + 1;
            let head = |w: &str| {
                matches!(
                    w,
                    "delegation" | "team" | "negotiators" | "negotiating team" | "mission"
                )
            };
            if words.get(j) == Some(&"'s") && words.get(j + 1).is_some_and(|w| head(w)) {
                j += 2;
            }
            let led = head(words[b]) || j == b + 3;
            let mut found: Vec<(usize, usize, Option<ActorRef>)> = Vec::new();
            if led
                && words
                    .get(j)
                    .is_some_and(|w| matches!(*w, "included" | "includes" | "include" | "comprised"))
            {
                // "The Russian team included Kiril Dmitriev, the CEO of ..., and Igor Kostyukov, ...":
                // each name of the list, past the appositions that describe them.
                let mut i = j + 1;
                while found.len() < 8 {
                    let Some(p) = person_after(ex, ments, i).filter(|p| p.0 <= i + 1) else {
                        break;
                    };
                    found.push(p);
                    i = p.1 + 1;
                    if words.get(i) == Some(&",") && words.get(i + 1).is_some_and(|w| matches!(*w, "the" | "a" | "an"))
                    {
                        // skip the apposition up to its closing comma
                        i = (i + 1..toks.len()).find(|&x| words[x] == ",").unwrap_or(toks.len());
                    }
                    while words.get(i).is_some_and(|w| matches!(*w, "," | "and")) {
                        i += 1;
                    }
                }
            } else if led {
                if words.get(j) == Some(&",") {
                    j += 1;
                }
                while words.get(j).is_some_and(|w| {
                    matches!(
                        *w,
                        "was" | "is" | "were" | "are" | "will" | "be" | "has" | "been" | "had"
                    )
                }) {
                    j += 1;
                }
                if words.get(j).is_some_and(|w| matches!(*w, "led" | "headed")) && words.get(j + 1) == Some(&"by") {
                    if let Some(first) = person_after(ex, ments, j + 2) {
                        found.push(first);
                        if words.get(first.1 + 1) == Some(&"and") {
                            if let Some(second) = person_after(ex, ments, first.1 + 2).filter(|p| p.0 <= first.1 + 3) {
                                found.push(second);
                            }
                        }
                    }
                }
            } else if words.get(b + 1).is_some_and(|w| {
                matches!(
                    *w,
                    "appointed" | "reappointed" | "named" | "nominated" | "tapped" | "chose"
                )
            }) {
                if let Some(p) = person_after(ex, ments, b + 2) {
                    let as_at = p.1 + 1;
                    let office = words.get(as_at) == Some(&"as")
                        && (as_at + 1..toks.len().min(as_at + 6)).any(|i| office_at(i).is_some());
                    if office {
                        found.push(p);
                    }
                }
            }
            for (pa, pb, known) in found {
                let p = match known {
                    Some(p) => p,
                    None => new_person(ex, ments, pa, pb),
                };
                out.push((a, pb, p, org, relation_for(p, org, "represents")));
            }
        }
        out
    }

    /// Apposition form E of [`Self::appositions`] at token `k`: a possessor ("its", "Russia's",
    /// "Putin's"), a short office phrase, and the person it names, after a comma or (a person the
    /// rules know) right after the phrase. The person represents the possessor as written.
    #[allow(clippy::too_many_arguments)]
    fn possessed_office(
        &self,
        ex: &Extraction,
        text: &str,
        toks: &[Token],
        words: &[&str],
        ments: &[Mention],
        k: usize,
        name_at: &dyn Fn(&[Mention], usize) -> Option<usize>,
        office_at: &dyn Fn(usize) -> Option<(usize, &'static str)>,
    ) -> Option<PossessedOffice> {
        let rules = self.rules;
        let possessor = match words[k] {
            "'s" if k > 0 => ments.iter().find(|m| m.end == toks[k - 1].end && !m.pronoun)?,
            "its" | "their" => ments.iter().find(|m| m.start == toks[k].start && m.pronoun)?,
            _ => return None,
        };
        let poss_start = toks.iter().position(|t| t.start == possessor.start)?;
        // "the president's chief of staff" is too vague a possessor to trust the resolution; "the
        // US president's" names its state.
        if possessor.how == How::Description
            && !(poss_start + 1..k).any(|i| text[toks[i].start..toks[i].end].starts_with(|c: char| c.is_uppercase()))
        {
            return None;
        }
        let by_person = ex.actor(rules, possessor.actor).kind == Kind::Person;
        // "US President Donald Trump's envoy" speaks for the state the phrase names; "Putin's
        // envoy" for Putin.
        let a = ments
            .iter()
            .filter(|m| by_person && m.modifier && m.end <= possessor.start)
            .find(|m| {
                let first = toks.iter().position(|t| t.start >= m.end).unwrap_or(poss_start);
                poss_start.saturating_sub(first) <= 3
            })
            .map_or(possessor.actor, |m| m.actor);
        // "the US president's chief of staff": the description names the office's state.
        let a = if by_person && possessor.how == How::Description {
            self.led_by(possessor.actor, None).unwrap_or(a)
        } else {
            a
        };
        let covered = |i: usize| ments.iter().any(|m| toks[i].start < m.end && toks[i].end > m.start);
        let person_at = |i: usize| {
            ments
                .iter()
                .find(|m| m.start == toks[i].start && !m.pronoun && ex.actor(rules, m.actor).kind == Kind::Person)
        };
        // The phrase: up to eight words, no other actor, no verb, up to a comma or a known person.
        let mut e = k + 1;
        let mut comma = false;
        while e < toks.len() && e <= k + 8 {
            if words[e] == "," {
                comma = true;
                break;
            }
            if person_at(e).is_some() {
                break;
            }
            let w = words[e];
            if covered(e)
                || !w.chars().all(|c| c.is_alphabetic() || c == '-')
                || matches!(
                    w,
                    "is" | "was"
                        | "are"
                        | "were"
                        | "has"
                        | "have"
                        | "had"
                        | "will"
                        | "would"
                        | "said"
                        | "says"
                        | "told"
                        | "who"
                        | "which"
                        | "that"
                        | "to"
                        | "the"
                        | "a"
                        | "an"
                        | "in"
                        | "on"
                        | "with"
                        | "by"
                        | "as"
                        | "also"
                        | "not"
                        | "and"
                ) && !(w == "and" && comma_follows(words, e))
            {
                return None;
            }
            e += 1;
        }
        if e == k + 1 || e >= toks.len() || e > k + 8 {
            return None;
        }
        // The office: in the phrase ("its special envoy"), or before the possessor ("secretary of
        // Ukraine's national security council").
        let inside = (k + 1..e).find_map(|i| office_at(i).filter(|(len, _)| i + len <= e).map(|(_, rel)| (i, rel)));
        let before = (poss_start >= 2 && words[poss_start - 1] == "of")
            .then(|| {
                (poss_start.saturating_sub(5)..poss_start - 1)
                    .find(|&j| office_at(j).is_some_and(|(len, _)| j + len == poss_start - 1))
            })
            .flatten();
        let (span_start, rel) = match (inside, before) {
            (Some((i, rel)), _) => {
                let direct = (k + 1..i).all(|x| APPOSITION_ADJECTIVES.contains(&words[x]));
                (poss_start, if direct && !by_person { rel } else { "represents" })
            }
            (None, Some(j)) => (j, "represents"),
            (None, None) => return None,
        };
        let start = if comma { e + 1 } else { e };
        let (known, end) = match person_at(start) {
            Some(m) => (Some(m.actor), toks.iter().rposition(|x| x.end <= m.end)?),
            None if comma => (None, name_at(ments, start)?),
            None => return None,
        };
        let ends = words
            .get(end + 1)
            .is_none_or(|w| matches!(*w, "," | "." | ")" | ";" | "and" | "said" | "says"));
        if !ends || known == Some(a) {
            return None;
        }
        Some(PossessedOffice {
            span_start,
            start,
            end,
            known,
            of: a,
            relation: rel,
        })
    }

    /// `(class, words)` of a leader noun or title at word `i`: "president" -> ("president", 1).
    fn leader_class(&self, words: &[&str], i: usize) -> (String, usize) {
        if let Some((t, len)) = self.title_at(words, i) {
            return (self.rules.lexicon.titles[t].class.clone(), len);
        }
        if words
            .get(i)
            .is_some_and(|w| self.rules.lexicon.leader_nouns.iter().any(|n| n == w))
        {
            return ("leader".into(), 1);
        }
        (String::new(), 0)
    }

    /// The state or organization a person leads on `date` (or most recently).
    fn led_by(&self, person: usize, date: Option<&str>) -> Option<usize> {
        let roles = &self.rules.actors[person].roles;
        roles
            .iter()
            .filter(|r| r.relation == "leads")
            .max_by_key(|r| (r.active_on(date), r.from.clone()))
            .map(|r| r.of)
    }
}

/// What [`Extractor::possessed_office`] found: the apposition's span start, the name's first and
/// last word, the person if the rules know them, whom they serve, and the fallback relation.
struct PossessedOffice {
    span_start: usize,
    start: usize,
    end: usize,
    known: Option<ActorRef>,
    of: ActorRef,
    relation: &'static str,
}

/// Merges coordinated slots ("@1 , @2 and @3", "both @1 and @2") into one.
fn coordinate(
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

/// The sides an actor stands on: the states and organizations a person serves, or the actor
/// itself. Members of one side do not negotiate or ally with each other.
/// Adds the tree patterns' relations to the surface patterns' of one sentence. Where both read
/// the same edge, the tree's flags win (they are scoped by the tree: "declined to condemn Russia
/// for pounding Ukraine" negates condemning only); the surface's speaker stays when the tree
/// found none.
fn merge_tree_reading(
    found: &mut Vec<RelationInstance>,
    read: Vec<RelationInstance>,
    symmetric: impl Fn(&str) -> bool,
) {
    let key = |r: &RelationInstance| {
        if symmetric(&r.relation) && r.target < r.source {
            (r.target, r.relation.clone(), r.source)
        } else {
            (r.source, r.relation.clone(), r.target)
        }
    };
    for mut t in read {
        let k = key(&t);
        if let Some(p) = found.iter().position(|r| key(r) == k) {
            let surface = found.remove(p);
            t.said_by = t.said_by.or(surface.said_by);
            found.retain(|r| key(r) != k);
        }
        found.push(t);
    }
}

/// Whether a relation between two actors says something: not an actor with itself, not a
/// leader backing their own state ("Zelensky praised Ukrainian forces"), not two members of one
/// side negotiating ("Putin's envoy Dmitriev attends the talks with Putin").
fn admissible(ex: &Extraction, rules: &RuleSet, rel: &crate::rules::Relation, a: ActorRef, b: ActorRef) -> bool {
    if a == b || ex.actor(rules, a).id == ex.actor(rules, b).id {
        return false;
    }
    let serves = |p: ActorRef, o: ActorRef| ex.actor(rules, p).roles.iter().any(|r| r.of == o);
    if rel.id == "supports" && serves(a, b) {
        return false;
    }
    if NOT_AGAINST_OWN.contains(&rel.id.as_str()) && (serves(a, b) || serves(b, a)) {
        return false;
    }
    !(rel.symmetric && sides(ex, rules, a).iter().any(|o| sides(ex, rules, b).contains(o)))
}

fn sides(ex: &Extraction, rules: &RuleSet, x: ActorRef) -> Vec<ActorRef> {
    let a = ex.actor(rules, x);
    let mut v: Vec<ActorRef> = a.roles.iter().map(|r| r.of).collect();
    if a.kind != Kind::Person {
        v.push(x);
    }
    v
}

/// Whether `text[from..to]` holds a capitalized name that no mention covers, right before a
/// verb ("Zaluzhnyi tried", "Sullivan said"): a person the rules do not know, acting.
fn unknown_person_acts(text: &str, from: usize, to: usize, covered: impl Fn(usize, usize) -> bool) -> bool {
    let Some(span) = text.get(from..to) else {
        return false;
    };
    let toks = tokenize(span, from);
    toks.windows(2).any(|w| {
        let name = &text[w[0].start..w[0].end];
        let next = w[1].lower.as_str();
        let verb = next.len() > 3 && next.ends_with("ed")
            || matches!(
                next,
                "said"
                    | "says"
                    | "told"
                    | "tells"
                    | "has"
                    | "had"
                    | "was"
                    | "is"
                    | "will"
                    | "would"
                    | "met"
                    | "spoke"
                    | "wrote"
                    | "tried"
                    | "took"
                    | "made"
                    | "sought"
                    | "went"
                    | "came"
                    | "began"
            );
        verb && name.len() > 2
            && is_name_word(name)
            && text[w[1].start..].starts_with(|c: char| c.is_lowercase())
            && !NOT_NAMES.contains(&name)
            && !covered(w[0].start, w[0].end)
    })
}

/// Capitalized words that start sentences rather than name people.
const NOT_NAMES: &[&str] = &[
    "It",
    "This",
    "That",
    "These",
    "Those",
    "He",
    "She",
    "They",
    "We",
    "There",
    "Here",
    "What",
    "Who",
    "Which",
    "But",
    "And",
    "Yet",
    "Then",
    "Now",
    "Officials",
    "Moscow",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Nothing",
    "Everything",
    "Everyone",
    "Nobody",
    "Many",
    "Some",
    "Most",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Meanwhile",
    "Speaking",
    "According",
    "Since",
    "After",
    "Before",
    "During",
    "Asked",
    "When",
    "Or",
    "While",
    "Both",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "President",
    "Minister",
    "Admiral",
    "General",
    "Colonel",
    "Lieutenant",
    "Major",
    "Marshal",
    "Army",
    "Gen",
    "Adm",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Sen",
    "Senator",
    "Ambassador",
    "Envoy",
    "Secretary",
    "Chancellor",
    "Prime",
    "King",
    "Queen",
    "Prince",
    "Sheikh",
];

/// The lowercased word before byte `pos` (skipping "the"): "by" in "by the Kremlin".
/// Whether a pattern spells `word` right before its `{T}` ("in {T}", "(on|within) {T}").
fn spells_before_target(source: &str, word: &str) -> bool {
    source.split("{T}").next().is_some_and(|before| {
        let before = before.trim_end().trim_end_matches('?');
        let last = match before.strip_suffix(')') {
            Some(b) => b.rfind('(').map_or(b, |o| &b[o + 1..]),
            None => before.rsplit(' ').next().unwrap_or(""),
        };
        last.split('|')
            .any(|alt| alt == word || alt.ends_with(&format!(" {word}")))
    })
}

fn word_before(text: &str, pos: usize) -> String {
    word_before_skipping(text, pos, &["the"])
}

/// The lowercased word before `pos`, past up to three words of `skip`.
fn word_before_skipping(text: &str, pos: usize, skip: &[&str]) -> String {
    let head = text.get(..pos).unwrap_or("");
    head.split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .rev()
        .take(4)
        .map(str::to_lowercase)
        .find(|w| !skip.contains(&w.as_str()))
        .unwrap_or_default()
}

/// Lowercase words inside a name: "Badr bin Hamad al-Busaidi", "Ursula von der Leyen".
const NAME_PARTICLES: &[&str] = &[
    "bin", "ibn", "al", "de", "da", "di", "von", "van", "der", "den", "la", "le", "del", "dos",
];

/// Whether a comma comes before the end of the clause after token `i` (an "and" inside an
/// apposition's office phrase: "national and security defence council, Rustem Umerov").
fn comma_follows(words: &[&str], i: usize) -> bool {
    words[i + 1..]
        .iter()
        .take(6)
        .take_while(|w| !matches!(**w, "." | ";" | "and"))
        .any(|w| *w == ",")
}

/// Adjectives between a state and a title: "Ukraine's top negotiator", "the Iranian deputy foreign minister".
const APPOSITION_ADJECTIVES: &[&str] = &[
    "deputy", "top", "chief", "new", "acting", "special", "senior", "first", "former",
];

/// A word of a name: capitalized ("Maduro", "Nicolás"), or hyphenated with a capitalized last part ("al-Busaidi").
fn is_name_part(w: &str) -> bool {
    is_name_word(w)
        || (w.contains('-')
            && w.split('-')
                .all(|p| !p.is_empty() && p.chars().all(char::is_alphabetic))
            && w.rsplit('-').next().is_some_and(|p| p.starts_with(char::is_uppercase)))
}

fn is_name_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(|c| c.is_uppercase())
        && cs.all(|c| c.is_alphabetic())
        && !matches!(w, "The" | "And" | "Of" | "On" | "In" | "At" | "To" | "For")
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

fn ends_with_ci(hay: &str, needle: &str) -> bool {
    hay.len() >= needle.len()
        && hay.is_char_boundary(hay.len() - needle.len())
        && hay[hay.len() - needle.len()..].eq_ignore_ascii_case(needle)
}

fn starts_with_ci(hay: &str, needle: &str) -> bool {
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
