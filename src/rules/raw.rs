//! Serde structs that mirror the rule files exactly. Nothing outside
//! `rules` sees these; `compile` turns them into `RuleSet`.

use serde::Deserialize;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ActorFile {
    #[serde(default)]
    pub actor: Vec<RawActor>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActor {
    pub id: String,
    pub label: String,
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<RawAlias>,
    #[serde(default)]
    pub demonyms: Vec<String>,
    #[serde(default)]
    pub metonyms: Vec<RawAlias>,
    pub number: Option<String>,
    pub gender: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    #[serde(default)]
    pub roles: Vec<RawRole>,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(untagged)]
pub enum RawAlias {
    Plain(String),
    Table(RawAliasTable),
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawAliasTable {
    pub text: String,
    /// "sensitive" (default) or "insensitive".
    pub case: Option<String>,
    #[serde(default)]
    pub unless_before: Vec<String>,
    #[serde(default)]
    pub unless_after: Vec<String>,
    /// Only after the actor is named earlier in the document ("the alliance" after "NATO").
    #[serde(default)]
    pub anaphoric: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRole {
    pub relation: String,
    pub of: String,
    pub title: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RelationFile {
    #[serde(default)]
    pub relation: Vec<RawRelation>,
    #[serde(default)]
    pub pattern: Vec<RawExtraPatterns>,
    #[serde(default)]
    pub tree: Vec<RawExtraTree>,
}

/// A top-level `[[tree]]`: a tree pattern of a relation defined elsewhere.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExtraTree {
    pub relation: String,
    #[serde(flatten)]
    pub tree: RawTree,
}

/// `[[relation.tree]]`: a tree pattern (see `rules::tree`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTree {
    pub name: String,
    pub trigger: String,
    #[serde(default)]
    pub pos: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub target: Option<String>,
    #[serde(default)]
    pub between: Option<String>,
    #[serde(default)]
    pub require: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub hedged: bool,
    #[serde(default)]
    pub negated: bool,
    #[serde(default)]
    pub examples: Vec<String>,
    #[serde(default)]
    pub counter: Vec<String>,
}

/// Patterns for a relation defined in another file: `[[pattern]] relation = "opposes"`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExtraPatterns {
    pub relation: String,
    #[serde(flatten)]
    pub pattern: RawPattern,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRelation {
    pub id: String,
    #[serde(default)]
    pub symmetric: bool,
    pub polarity: String,
    pub color: String,
    #[serde(default)]
    pub plover: Vec<String>,
    #[serde(default)]
    pub cameo: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub pattern: Vec<RawPattern>,
    #[serde(default)]
    pub tree: Vec<RawTree>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPattern {
    pub name: String,
    #[serde(rename = "match")]
    pub pattern: String,
    /// Sentences the pattern must extract: "TEXT => source relation target[, ...]".
    #[serde(default)]
    pub examples: Vec<String>,
    /// Sentences the pattern must not extract anything from.
    #[serde(default)]
    pub counter: Vec<String>,
    /// Forces the hedged flag on every match (e.g. "calls on X to").
    #[serde(default)]
    pub hedged: bool,
    /// The pattern spells its own negation ("did not consult X" excludes X): a negation cue before the
    /// trigger is part of the cue and does not negate the relation.
    #[serde(default)]
    pub negative: bool,
    /// Every match says the relation does not hold ("withdraw from its security commitments in
    /// Europe" is `not supports`); a negation cue before the trigger cancels it ("did not withdraw").
    #[serde(default)]
    pub negated: bool,
    /// For a pattern with `{S}` and no `{T}`: the actor id that is the target when the sentence
    /// mentions it and the match names no target of its own ("Russia's full-scale invasion" in a
    /// sentence that names Ukraine).
    #[serde(default)]
    pub implied_target: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    #[serde(default)]
    pub heads: Heads,
    #[serde(default)]
    pub title: Vec<RawTitle>,
    #[serde(default)]
    pub leader_nouns: Vec<String>,
    /// Nouns of office that, in an apposition, say whom a person represents: "Kirill Dmitriev, head of
    /// Russia's sovereign wealth fund", "Andrii Hnatov, the chief of the General Staff".
    #[serde(default)]
    pub official_nouns: Vec<String>,
    /// Capitalized words that, right after an alias, make it part of another name:
    /// "Washington Post", "Kyiv Independent", "Washington Summit".
    #[serde(default)]
    pub name_continuations: Vec<String>,
    #[serde(default)]
    pub names: Names,
    #[serde(default)]
    pub flags: Flags,
    #[serde(default)]
    pub attribution: Attribution,
    #[serde(default)]
    pub boilerplate: Boilerplate,
    #[serde(default)]
    pub verbs: Verbs,
    #[serde(default)]
    pub grammar: Grammar,
    #[serde(default)]
    pub syntax: SyntaxWords,
}

/// `[grammar]`: the words the reading stages need to read English phrasing. A list no lexicon file
/// of a rule set gives is the built-in one.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Grammar {
    /// Capitalized words that start sentences rather than name people: "It", "Monday".
    #[serde(default)]
    pub not_names: Option<Vec<String>>,
    /// Capitalized words that make a name before a verb of saying an institution or an outlet, not a person: "the State Department said", "Sky News reported".
    #[serde(default)]
    pub institution_words: Option<Vec<String>>,
    /// Capitalized words before a speaker's name that are no part of it: "But Kato said", "Chairman Paul Volcker said".
    #[serde(default)]
    pub speaker_prefixes: Option<Vec<String>>,
    /// Lowercase words inside a name: "Badr bin Hamad al-Busaidi", "Ursula von der Leyen".
    #[serde(default)]
    pub name_particles: Option<Vec<String>>,
    /// Title classes a leader noun ("leader", "ruler") names, in order of preference.
    #[serde(default)]
    pub leader_preference: Option<Vec<String>>,
    /// Subject pronouns: they prefer the subject of the sentence (or the previous one) to the nearest mention.
    #[serde(default)]
    pub subject_pronouns: Option<Vec<String>>,
    /// Words after "it" that make it an expletive ("it is important"), not a reference.
    #[serde(default)]
    pub expletive_next: Option<Vec<String>>,
    /// Words that open a clause: a subject pronoun after one refers to that clause's subject.
    #[serde(default)]
    pub clause_boundaries: Option<Vec<String>>,
    /// Stems of verbs of telling whose that-clause is about the listener: "convinced Europe that they ...".
    #[serde(default)]
    pub listener_stems: Option<Vec<String>>,
    /// Words between an actor and a plural head that keep the head the actor's: "NATO foreign ministers".
    #[serde(default)]
    pub head_modifiers: Option<Vec<String>>,
    /// Adjectives between a state and a title: "Ukraine's top negotiator", "the Iranian deputy foreign minister".
    #[serde(default)]
    pub apposition_adjectives: Option<Vec<String>>,
    /// Words that show a role apposition's span holds more than the office: "the delegation was led by".
    #[serde(default)]
    pub apposition_breakers: Option<Vec<String>>,
    /// Prepositions that make the actor after them a place: "a security order in Europe".
    #[serde(default)]
    pub place_markers: Option<Vec<String>>,
    /// Words between a place preposition and the place: "in occupied eastern Ukraine".
    #[serde(default)]
    pub place_adjectives: Option<Vec<String>>,
    /// Stems of verbs of travel: "fled to Poland" names a place.
    #[serde(default)]
    pub motion_stems: Option<Vec<String>>,
    /// Words before a slot that make it an object, never the source that opens a match.
    #[serde(default)]
    pub object_markers: Option<Vec<String>>,
    /// Words after which a verb form ("talks", "attacks", "demands") is a noun.
    #[serde(default)]
    pub determiners: Option<Vec<String>>,
    /// Prepositions after which a verb form other than a gerund is a noun: "prerequisites for talks".
    #[serde(default)]
    pub noun_prepositions: Option<Vec<String>>,
    /// Auxiliaries that make the participle after them passive: "were rejected by Russia".
    #[serde(default)]
    pub passive_auxiliaries: Option<Vec<String>>,
    /// Words between a possessor and a verb showing that the possessed thing is the verb's subject: "Kyiv's goals and handed ...".
    #[serde(default)]
    pub possessed_subject_gap: Option<Vec<String>>,
    /// Words that cannot stand between the owner and the noun of a nominal pattern.
    #[serde(default)]
    pub nominal_gap_breakers: Option<Vec<String>>,
    /// Verbs that undo or hold back a thing ("lifted sanctions on Russia" is no pressure on Russia); all their forms, with the opposes and rejects patterns' verbs, turn a noun around.
    #[serde(default)]
    pub undoing_verbs: Option<Vec<String>>,
    /// Nouns whose owner does the infinitive after them: "Russia's refusal to negotiate".
    #[serde(default)]
    pub control_nouns: Option<Vec<String>>,
    /// Verbs that take an infinitive and pass their subject on: "to try to convince him".
    #[serde(default)]
    pub catenative_verbs: Option<Vec<String>>,
    /// Verbs of travel: "travelled to Moscow to meet Putin" is a purpose clause of their subject.
    #[serde(default)]
    pub motion_verbs: Option<Vec<String>>,
    /// After these, "for X to" makes X the infinitive's subject: "it is easier for him to outsource".
    #[serde(default)]
    pub infinitive_adjectives: Option<Vec<String>>,
    /// Stems of verbs whose object does what their infinitive says ("urged allies to support Kyiv"): no purpose clause for the subject after them.
    #[serde(default)]
    pub object_control_stems: Option<Vec<String>>,
}

/// `[syntax]`: the words tree patterns read flags and arguments by (lemmas).
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SyntaxWords {
    /// Adverbs and determiners that negate the word they modify: "not", "never", "no".
    #[serde(default)]
    pub negators: Vec<String>,
    /// Verbs that negate the verb they govern: "refused to meet".
    #[serde(default)]
    pub negating_verbs: Vec<String>,
    /// Verbs that turn around what they govern: "opposed sending weapons" (no edge).
    #[serde(default)]
    pub blocking_verbs: Vec<String>,
    /// Auxiliaries that hedge: "could", "would".
    #[serde(default)]
    pub modals: Vec<String>,
    /// Verbs (and adjectives) that hedge the verb they govern: "wants to meet", "ready to talk".
    #[serde(default)]
    pub hedging_verbs: Vec<String>,
    /// Subordinators that make a clause a condition: "if", "unless".
    #[serde(default)]
    pub conditions: Vec<String>,
    /// Verbs whose object noun is their subject's act: "launched an invasion".
    #[serde(default)]
    pub support_verbs: Vec<String>,
    /// Nouns that stand for the actor they are of or from: "envoys from France".
    #[serde(default)]
    pub member_nouns: Vec<String>,
}

/// How the names of persons the rules do not know are read.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Names {
    /// Words before a name that are no part of it: "Colonel Viktor Trehubov" is Viktor Trehubov.
    #[serde(default)]
    pub honorifics: Vec<String>,
    /// Word endings that transliterations spell differently, as [from, to] pairs applied to each
    /// word of a name (lowercase ASCII) before doubled letters are collapsed: a new name that then
    /// equals a known person's is that person ("Volodymyr Zelenskyi").
    #[serde(default)]
    pub variant_endings: Vec<[String; 2]>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Heads {
    /// Nouns that turn a demonym into a state mention: "Russian officials".
    #[serde(default)]
    pub singular: Vec<String>,
    #[serde(default)]
    pub plural: Vec<String>,
    /// Nouns after a leader's surname that name the state: "the Trump administration".
    #[serde(default)]
    pub person: Vec<String>,
    /// Things a state has: after a demonym they make it name the state as a possessor
    /// ("American support to Ukraine", "Ukrainian NATO membership").
    #[serde(default)]
    pub possessed: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTitle {
    /// Spellings, lowercase: ["foreign minister", "foreign secretary"].
    pub words: Vec<String>,
    pub relation: String,
    /// The class used to match a person's role title; defaults to the first word.
    pub class: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Flags {
    #[serde(default)]
    pub negation: Vec<String>,
    #[serde(default)]
    pub hedge: Vec<String>,
    /// Cues that hedge a whole clause when they come anywhere before the trigger.
    #[serde(default)]
    pub condition: Vec<String>,
    /// Cues in the negation window that say the text does not know whether the relation holds
    /// ("there was no indication he met ..."): no edge at all.
    #[serde(default)]
    pub unknown: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Attribution {
    #[serde(default)]
    pub verbs: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Boilerplate {
    /// Regexes for lines that are not article body (menus, tickers, bylines).
    #[serde(default)]
    pub line: Vec<String>,
    /// Regexes for lines that start a non-body region running to the end.
    #[serde(default)]
    pub tail: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Verbs {
    /// Irregular forms: "meet" = ["met"].
    #[serde(default)]
    pub irregular: std::collections::BTreeMap<String, Vec<String>>,
}
