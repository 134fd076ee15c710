//! Loading and compiling rule files.
//!
//! Input: a rule directory with `actors/*.toml` (or `actors.toml`),
//! `relations.toml` (and `relations/*.toml`) and `lexicon.toml`. Output: a
//! `RuleSet` where regexes are built, inflections generated and references
//! resolved, or every problem found, each as `file:line:col: message`. The rest
//! of the code sees only `RuleSet`; the serde mirror types live in `raw`.

mod grammar;
pub use grammar::{Grammar, WordSet};
pub mod pattern;
pub mod raw;
pub mod tree;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

pub use pattern::CompiledPattern;
pub use tree::TreePattern;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Person,
    State,
    Organization,
    Group,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::State => "state",
            Kind::Organization => "organization",
            Kind::Group => "group",
        }
    }
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "person" => Kind::Person,
            "state" => Kind::State,
            "organization" => Kind::Organization,
            "group" => Kind::Group,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    Unknown,
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub label: String,
    pub kind: Kind,
    pub plural: bool,
    pub gender: Gender,
    pub from: Option<String>,
    pub to: Option<String>,
    pub roles: Vec<Role>,
}

#[derive(Debug, Clone)]
pub struct Role {
    /// "leads" or "represents".
    pub relation: String,
    /// Index of the actor the role is held in.
    pub of: usize,
    pub title: String,
    /// The title class this role matches (see `Title::class`).
    pub class: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Role {
    /// Whether the role is held on `date` (ISO prefix comparison); with no
    /// date, only roles without an end count as current.
    pub fn active_on(&self, date: Option<&str>) -> bool {
        match date {
            Some(d) => {
                self.from.as_deref().is_none_or(|f| f[..f.len().min(d.len())] <= *d)
                    && self
                        .to
                        .as_deref()
                        .is_none_or(|t| d < &t[..t.len().min(d.len())] || (d.len() < t.len() && d == &t[..d.len()]))
            }
            None => self.to.is_none(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AliasKind {
    /// A name, acronym or metonym: names the actor by itself.
    Name,
    /// An adjective demonym ("Russian"): names the state only before a head noun or title.
    Demonym,
    /// A plural demonym ("Russians"): names the state after "the".
    PluralDemonym,
    /// A leader's surname before "administration"/"government": names the state led.
    LeaderHead,
}

#[derive(Debug, Clone)]
pub struct Alias {
    pub text: String,
    pub actor: usize,
    pub kind: AliasKind,
    pub unless_before: Vec<String>,
    pub unless_after: Vec<String>,
    /// Only after the actor is named (not by another anaphoric alias) earlier in the document.
    pub anaphoric: bool,
}

#[derive(Debug, Clone)]
pub struct Title {
    /// Lowercase spellings, longest first.
    pub words: Vec<String>,
    pub relation: String,
    pub class: String,
}

#[derive(Debug, Clone)]
pub struct Pattern {
    /// `relation/name`.
    pub rule: String,
    pub source: String,
    pub compiled: CompiledPattern,
    pub hedged: bool,
    /// The negation is part of the pattern's cue (see `RawPattern::negative`).
    pub negative: bool,
    /// Every match is a negated relation (see `RawPattern::negated`).
    pub negated: bool,
    /// The target of a pattern without `{T}` (see `RawPattern::implied_target`).
    pub implied_target: Option<usize>,
    pub examples: Vec<String>,
    pub counter: Vec<String>,
    /// Where the pattern is written, for messages.
    pub location: String,
}

#[derive(Debug, Clone)]
pub struct Relation {
    pub id: String,
    pub symmetric: bool,
    pub polarity: String,
    pub color: String,
    pub plover: Vec<String>,
    pub cameo: Vec<String>,
    pub description: Option<String>,
    pub patterns: Vec<Pattern>,
    /// Tree patterns (`[[relation.tree]]`), matched on the dependency parse.
    pub trees: Vec<TreePattern>,
}

#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub singular_heads: Vec<String>,
    pub plural_heads: Vec<String>,
    pub person_heads: Vec<String>,
    pub possessed_heads: Vec<String>,
    pub titles: Vec<Title>,
    pub leader_nouns: Vec<String>,
    pub official_nouns: Vec<String>,
    pub name_continuations: Vec<String>,
    /// `[names] honorifics`: words before a name that are no part of it.
    pub honorifics: Vec<String>,
    /// `[names] variant_endings`: (from, to) word endings of transliteration variants.
    pub variant_endings: Vec<(String, String)>,
    pub negation: Vec<String>,
    pub hedge: Vec<String>,
    pub condition: Vec<String>,
    pub unknown: Vec<String>,
    pub attribution_verbs: Vec<String>,
    pub boilerplate_line: Vec<Regex>,
    pub boilerplate_tail: Vec<Regex>,
    pub irregular: BTreeMap<String, Vec<String>>,
    /// `[grammar]`: English words the reading stages use.
    pub grammar: Grammar,
    pub syntax: SyntaxWords,
}

/// `[syntax]` of the lexicon, as lowercase sets (see `raw::SyntaxWords`).
#[derive(Debug, Clone, Default)]
pub struct SyntaxWords {
    pub negators: HashSet<String>,
    pub negating_verbs: HashSet<String>,
    pub blocking_verbs: HashSet<String>,
    pub modals: HashSet<String>,
    pub hedging_verbs: HashSet<String>,
    pub conditions: HashSet<String>,
    pub support_verbs: HashSet<String>,
    pub member_nouns: HashSet<String>,
}

/// The compiled rule set.
#[derive(Debug)]
pub struct RuleSet {
    pub actors: Vec<Actor>,
    pub relations: Vec<Relation>,
    pub lexicon: Lexicon,
    pub aliases: Vec<Alias>,
    /// One automaton over every alias string (leftmost-longest); pattern ids index `aliases`.
    pub matcher: AhoCorasick,
    actor_index: HashMap<String, usize>,
    relation_index: HashMap<String, usize>,
    /// The files the rules were read from.
    pub files: Vec<PathBuf>,
    /// `fingerprint()`, computed from the texts as loaded (the built-in rules have no files).
    fingerprint: String,
    /// Persons by the variant key of their first name: (the key of the rest, actor).
    person_keys: HashMap<String, Vec<(String, usize)>>,
}

impl RuleSet {
    /// A fingerprint of the rule files (sha256 over their names, relative to the rule
    /// directory, and contents, in name order), recorded in graph.json and the extract stream
    /// so that `merge` can refuse a mix of extractions by different rules.
    pub fn fingerprint(&self) -> String {
        self.fingerprint.clone()
    }

    pub fn actor(&self, id: &str) -> Option<usize> {
        self.actor_index.get(id).copied()
    }

    /// The one known person whose name `id` (a slug, "scott_besant") spells differently: the same
    /// first name and a surname that is the same after `variant_key`, or of the same length (five
    /// letters or more) with one letter changed ("besant" / "bessent" -> "besent"). None when no
    /// person or several fit.
    pub fn person_variant(&self, id: &str) -> Option<usize> {
        let (first, rest) = variant_key(id, &self.lexicon.variant_endings)?;
        let mut found = self
            .person_keys
            .get(&first)?
            .iter()
            .filter(|(k, _)| same_surname_key(k, &rest))
            .map(|&(_, a)| a);
        let a = found.next()?;
        found.all(|b| b == a).then_some(a)
    }

    pub fn relation(&self, id: &str) -> Option<&Relation> {
        self.relation_index.get(id).map(|&i| &self.relations[i])
    }
    pub fn patterns(&self) -> impl Iterator<Item = (&Relation, &Pattern)> {
        self.relations
            .iter()
            .flat_map(|r| r.patterns.iter().map(move |p| (r, p)))
    }

    /// Frees the search caches the pattern regexes built (`pattern::PatternRegex`): the
    /// pipeline calls it when extraction is done, before the graphs are merged and written.
    pub fn release_caches(&self) {
        for (_, p) in self.patterns() {
            p.compiled.regex.release_cache();
        }
    }

    /// The bytes the pattern regexes' search caches hold now.
    pub fn cache_bytes(&self) -> usize {
        self.patterns().map(|(_, p)| p.compiled.regex.cache_bytes()).sum()
    }
}

/// One problem in a rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

/// Every problem found while loading a rule directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        if self.0.len() > 1 {
            write!(f, "\n{} problems in the rules", self.0.len())?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleErrors {}

struct Source {
    path: String,
    text: String,
}

impl Source {
    /// Line and column (1-based) of a byte offset.
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let col = before
            .rfind('\n')
            .map_or(before.chars().count(), |p| before[p + 1..].chars().count())
            + 1;
        (line, col)
    }
    /// Where a quoted value first appears at or after `from`, for messages.
    fn find(&self, value: &str, from: usize) -> usize {
        let quoted = format!("\"{value}\"");
        self.text[from.min(self.text.len())..]
            .find(&quoted)
            .map(|p| p + from + 1)
            .or_else(|| self.text.find(&quoted).map(|p| p + 1))
            .unwrap_or(0)
    }
    fn error(&self, offset: usize, message: impl Into<String>) -> RuleError {
        let (line, column) = self.line_col(offset);
        RuleError {
            file: self.path.clone(),
            line,
            column,
            message: message.into(),
        }
    }
}

/// The files of one kind of rule in a rule directory, in load order: `NAME.toml`, then the
/// `.toml` files of the folder `NAME/` sorted by name.
pub fn rule_files(dir: &Path, name: &str) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    let single = dir.join(format!("{name}.toml"));
    if single.is_file() {
        paths.push(single);
    }
    if let Ok(entries) = std::fs::read_dir(dir.join(name)) {
        let mut more: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        more.sort();
        paths.extend(more);
    }
    paths
}

fn read_sources(dir: &Path, name: &str, errors: &mut Vec<RuleError>) -> Vec<Source> {
    rule_files(dir, name)
        .into_iter()
        .filter_map(|p| {
            let path = p.display().to_string();
            match std::fs::read(&p) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => Some(Source { path, text }),
                    Err(e) => {
                        // The position of the first bad byte (line, and column in characters).
                        let at = e.utf8_error().valid_up_to();
                        let good = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
                        let line = good.matches('\n').count() + 1;
                        let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                        errors.push(RuleError {
                            file: path,
                            line,
                            column,
                            message: format!("not UTF-8: {} (save the file as UTF-8)", e.utf8_error()),
                        });
                        None
                    }
                },
                Err(e) => {
                    errors.push(RuleError {
                        file: path,
                        line: 0,
                        column: 0,
                        message: format!("cannot read: {e}"),
                    });
                    None
                }
            }
        })
        .collect()
}

fn parse<T: serde::de::DeserializeOwned + Default>(src: &Source, errors: &mut Vec<RuleError>) -> T {
    match toml::from_str::<T>(&src.text) {
        Ok(v) => v,
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            let mut msg = e.message().trim().to_string();
            if msg.is_empty() {
                // The TOML parser gives no words for some truncated files ("id =" at the end).
                msg = if src.text[offset.min(src.text.len())..].trim().is_empty() {
                    "the file ends here: a value is missing (a string, number, array or table)".to_string()
                } else {
                    "invalid TOML here".to_string()
                };
            }
            errors.push(src.error(offset, msg));
            T::default()
        }
    }
}

const RELATIONS_WITH_ROLES: [&str; 2] = ["leads", "represents"];

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// Where the built-in rules say they come from, in messages and `RuleSet::files`.
pub const BUILTIN_DIR: &str = "<built-in>";

/// The default rules compiled into the binary (this crate's `rules/` when it
/// was built): (path under the rule directory, text), sorted by path.
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    BUILTIN_RULES
}

/// The built-in files of one kind, in `rule_files` order.
fn builtin_sources(name: &str) -> Vec<Source> {
    let single = format!("{name}.toml");
    let folder = format!("{name}/");
    let pick = |(p, _): &&(&str, &str)| *p == single;
    let more = |(p, _): &&(&str, &str)| p.starts_with(&folder) && !p[folder.len()..].contains('/');
    let src = |(p, t): &(&str, &str)| Source {
        path: format!("{BUILTIN_DIR}/{p}"),
        text: t.to_string(),
    };
    BUILTIN_RULES
        .iter()
        .filter(pick)
        .chain(BUILTIN_RULES.iter().filter(more))
        .map(src)
        .collect()
}

/// Loads and compiles the default rules compiled into the binary.
pub fn load_builtin() -> Result<RuleSet, RuleErrors> {
    let sources = [
        builtin_sources("actors"),
        builtin_sources("relations"),
        builtin_sources("lexicon"),
    ];
    compile(Path::new(BUILTIN_DIR), sources, Vec::new())
}

/// Loads and compiles every rule file under `dir`, or returns all problems.
pub fn load(dir: &Path) -> Result<RuleSet, RuleErrors> {
    let mut errors = Vec::new();
    if !dir.is_dir() {
        return Err(RuleErrors(vec![RuleError {
            file: dir.display().to_string(),
            line: 0,
            column: 0,
            message: "rule directory not found".into(),
        }]));
    }
    let sources = [
        read_sources(dir, "actors", &mut errors),
        read_sources(dir, "relations", &mut errors),
        read_sources(dir, "lexicon", &mut errors),
    ];
    if !errors.is_empty() {
        // A file that cannot be read would make every reference into it an error too.
        return Err(RuleErrors(errors));
    }
    compile(dir, sources, errors)
}

/// Compiles the sources of actors, relations and lexicon read from `dir`
/// (`errors`: the problems found reading them).
fn compile(dir: &Path, sources: [Vec<Source>; 3], mut errors: Vec<RuleError>) -> Result<RuleSet, RuleErrors> {
    let [actor_srcs, relation_srcs, lexicon_srcs] = sources;
    if actor_srcs.is_empty() {
        errors.push(RuleError {
            file: dir.join("actors").display().to_string(),
            line: 0,
            column: 0,
            message: "no actor rules: expected actors.toml or actors/*.toml".into(),
        });
    }
    if relation_srcs.is_empty() {
        errors.push(RuleError {
            file: dir.join("relations.toml").display().to_string(),
            line: 0,
            column: 0,
            message: "no relation rules: expected relations.toml or relations/*.toml".into(),
        });
    }
    let lexicon = compile_lexicon(&lexicon_srcs, &mut errors);
    let actor_files: Vec<(usize, raw::ActorFile)> = actor_srcs
        .iter()
        .enumerate()
        .map(|(i, s)| (i, parse::<raw::ActorFile>(s, &mut errors)))
        .collect();
    let errors_before_relations = errors.len();
    let relation_files: Vec<(usize, raw::RelationFile)> = relation_srcs
        .iter()
        .enumerate()
        .map(|(i, s)| (i, parse::<raw::RelationFile>(s, &mut errors)))
        .collect();
    let relation_files_parsed = errors.len() == errors_before_relations;

    // Actors, first pass: ids.
    let mut actors = Vec::new();
    let mut actor_index: HashMap<String, usize> = HashMap::new();
    let mut defined_at: HashMap<String, String> = HashMap::new();
    let id_re = Regex::new("^[a-z][a-z0-9_]*$").expect("id regex");
    for (fi, file) in &actor_files {
        let src = &actor_srcs[*fi];
        let mut cursor = 0;
        for a in &file.actor {
            let at = src.find(&a.id, cursor);
            cursor = at;
            let (line, col) = src.line_col(at);
            if !id_re.is_match(&a.id) {
                errors.push(src.error(
                    at,
                    format!(
                        "actor id {:?} is not snake_case (lowercase ASCII letters, digits, _)",
                        a.id
                    ),
                ));
            }
            if let Some(first) = defined_at.get(&a.id) {
                errors.push(src.error(at, format!("actor {:?} defined twice: first at {first}", a.id)));
                continue;
            }
            defined_at.insert(a.id.clone(), format!("{}:{line}:{col}", src.path));
            let Some(kind) = Kind::parse(&a.kind) else {
                errors.push(src.error(
                    src.find(&a.kind, at),
                    format!(
                        "unknown kind {:?}: expected person, state, organization or group",
                        a.kind
                    ),
                ));
                continue;
            };
            let gender = match a.gender.as_deref() {
                None => Gender::Unknown,
                Some("male") => Gender::Male,
                Some("female") => Gender::Female,
                Some(g) => {
                    errors.push(src.error(
                        src.find(g, at),
                        format!("unknown gender {g:?}: expected male or female"),
                    ));
                    Gender::Unknown
                }
            };
            let plural = match a.number.as_deref() {
                None => kind == Kind::Group,
                Some("plural") => true,
                Some("singular") => false,
                Some(n) => {
                    errors.push(src.error(
                        src.find(n, at),
                        format!("unknown number {n:?}: expected singular or plural"),
                    ));
                    false
                }
            };
            actor_index.insert(a.id.clone(), actors.len());
            actors.push(Actor {
                id: a.id.clone(),
                label: a.label.clone(),
                kind,
                plural,
                gender,
                from: a.from.clone(),
                to: a.to.clone(),
                roles: Vec::new(),
            });
        }
    }

    // Actors, second pass: roles and aliases.
    let mut aliases: Vec<Alias> = Vec::new();
    let mut alias_owner: HashMap<String, (usize, String)> = HashMap::new();
    for (fi, file) in &actor_files {
        let src = &actor_srcs[*fi];
        let mut cursor = 0;
        for a in &file.actor {
            let at = src.find(&a.id, cursor);
            cursor = at;
            let Some(&ai) = actor_index.get(&a.id) else { continue };
            if actors[ai].id != a.id {
                continue;
            }
            for r in &a.roles {
                let rat = src.find(&r.of, at);
                if !RELATIONS_WITH_ROLES.contains(&r.relation.as_str()) {
                    errors.push(src.error(
                        src.find(&r.relation, at),
                        format!("role relation {:?} must be leads or represents", r.relation),
                    ));
                    continue;
                }
                let Some(&of) = actor_index.get(&r.of) else {
                    errors.push(src.error(
                        rat,
                        format!("role of unknown actor {:?}{}", r.of, suggest(&r.of, actor_index.keys())),
                    ));
                    continue;
                };
                for d in [&r.from, &r.to].into_iter().flatten() {
                    if crate::ingest::normalize_date(d).as_deref() != Some(d.as_str()) {
                        errors.push(src.error(src.find(d, at), format!("date {d:?} is not YYYY-MM-DD")));
                    }
                }
                if let (Some(f), Some(t)) = (&r.from, &r.to) {
                    if f >= t {
                        errors.push(src.error(src.find(t, at), format!("role ends ({t}) before it starts ({f})")));
                    }
                }
                let class = lexicon.title_class(&r.title).unwrap_or_else(|| r.title.to_lowercase());
                actors[ai].roles.push(Role {
                    relation: r.relation.clone(),
                    of,
                    title: r.title.clone(),
                    class,
                    from: r.from.clone(),
                    to: r.to.clone(),
                });
            }
            let mut add = |raw: &raw::RawAlias, kind: AliasKind, errors: &mut Vec<RuleError>| {
                let (text, insensitive, ub, ua, anaphoric) = match raw {
                    raw::RawAlias::Plain(s) => (s.clone(), false, vec![], vec![], false),
                    raw::RawAlias::Table(t) => {
                        let insensitive = match t.case.as_deref() {
                            None | Some("sensitive") => false,
                            Some("insensitive") => true,
                            Some(c) => {
                                errors.push(src.error(
                                    src.find(c, at),
                                    format!("unknown case {c:?}: expected sensitive or insensitive"),
                                ));
                                false
                            }
                        };
                        (
                            t.text.clone(),
                            insensitive,
                            t.unless_before.clone(),
                            t.unless_after.clone(),
                            t.anaphoric,
                        )
                    }
                };
                if text.trim().is_empty() {
                    errors.push(src.error(src.find(&text, at), format!("empty alias for actor {:?}", a.id)));
                    return;
                }
                if text.trim().chars().count() < 2 || !text.chars().any(char::is_alphanumeric) {
                    errors.push(src.error(
                        src.find(&text, at),
                        format!(
                            "alias {text:?} for actor {:?}: an alias needs two characters or more and a letter \
                             or digit (\"a\", \"I\" or \".\" would match almost every sentence)",
                            a.id
                        ),
                    ));
                    return;
                }
                let vetoed = !ub.is_empty() || !ua.is_empty() || anaphoric;
                if kind == AliasKind::Name && !vetoed {
                    if let Some((other, _)) = alias_owner.get(&text) {
                        if *other != ai {
                            errors.push(src.error(
                                src.find(&text, at),
                                format!("alias {text:?} maps to two actors: {:?} and {:?} (add unless_before/unless_after context to one)", actors[*other].id, a.id),
                            ));
                            return;
                        }
                    }
                    alias_owner.insert(text.clone(), (ai, a.id.clone()));
                }
                for variant in spellings(&text, insensitive) {
                    aliases.push(Alias {
                        text: variant,
                        actor: ai,
                        kind,
                        unless_before: ub.clone(),
                        unless_after: ua.clone(),
                        anaphoric,
                    });
                }
            };
            for al in &a.aliases {
                add(al, AliasKind::Name, &mut errors);
            }
            for al in &a.metonyms {
                add(al, AliasKind::Name, &mut errors);
            }
            for d in &a.demonyms {
                let kind = if d.ends_with('s') && !d.ends_with("ss") && !d.ends_with("ese") {
                    AliasKind::PluralDemonym
                } else {
                    AliasKind::Demonym
                };
                add(&raw::RawAlias::Plain(d.clone()), kind, &mut errors);
            }
        }
    }
    // Leader surnames before "administration" name the state they lead.
    let mut leader_heads = Vec::new();
    for (ai, actor) in actors.iter().enumerate() {
        if actor.kind != Kind::Person || !actor.roles.iter().any(|r| r.relation == "leads") {
            continue;
        }
        if let Some(surname) = actor.label.split_whitespace().last() {
            for v in spellings(surname, false) {
                leader_heads.push(Alias {
                    text: v,
                    actor: ai,
                    kind: AliasKind::LeaderHead,
                    unless_before: vec![],
                    unless_after: vec![],
                    anaphoric: false,
                });
            }
        }
    }
    aliases.extend(leader_heads);

    // Relations and patterns.
    let mut relations: Vec<Relation> = Vec::new();
    let mut relation_index: HashMap<String, usize> = HashMap::new();
    for (fi, file) in &relation_files {
        let src = &relation_srcs[*fi];
        for r in &file.relation {
            let at = src.find(&r.id, 0);
            if relation_index.contains_key(&r.id) {
                errors.push(src.error(at, format!("relation {:?} defined twice", r.id)));
                continue;
            }
            if r.id.is_empty() || !r.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
                errors.push(src.error(
                    at,
                    format!(
                        "relation id {:?}: use letters, digits, '_' and '-' only (it names edges in every export)",
                        r.id
                    ),
                ));
                continue;
            }
            if !["cooperative", "conflictual", "neutral"].contains(&r.polarity.as_str()) {
                errors.push(src.error(
                    src.find(&r.polarity, at),
                    format!(
                        "unknown polarity {:?}: expected cooperative, conflictual or neutral",
                        r.polarity
                    ),
                ));
            }
            relation_index.insert(r.id.clone(), relations.len());
            relations.push(Relation {
                id: r.id.clone(),
                symmetric: r.symmetric,
                polarity: r.polarity.clone(),
                color: r.color.clone(),
                plover: r.plover.clone(),
                cameo: r.cameo.clone(),
                description: r.description.clone(),
                patterns: Vec::new(),
                trees: Vec::new(),
            });
        }
    }
    for rel in RELATIONS_WITH_ROLES {
        if !relation_index.contains_key(rel) && !relation_srcs.is_empty() && relation_files_parsed {
            errors.push(RuleError {
                file: relation_srcs[0].path.clone(),
                line: 1,
                column: 1,
                message: format!("relation {rel:?} is required (role phrases produce it)"),
            });
        }
    }
    for (fi, file) in &relation_files {
        let src = &relation_srcs[*fi];
        let mut cursor = 0;
        let mut items: Vec<(&str, &raw::RawPattern)> = Vec::new();
        for r in &file.relation {
            items.extend(r.pattern.iter().map(|p| (r.id.as_str(), p)));
        }
        items.extend(file.pattern.iter().map(|p| (p.relation.as_str(), &p.pattern)));
        for (rel, p) in items {
            let at = src.find(&p.pattern, cursor);
            cursor = at;
            let Some(ri) = relation_named(src, rel, &relation_index, &mut errors) else {
                continue;
            };
            let rule = format!("{rel}/{}", p.name);
            if relations[ri].patterns.iter().any(|q| q.rule == rule) {
                errors.push(src.error(src.find(&p.name, at), format!("pattern name {rule:?} used twice")));
                continue;
            }
            let implied_target = match &p.implied_target {
                None => None,
                Some(id) => match actor_index.get(id) {
                    Some(&a) => Some(a),
                    None => {
                        errors.push(src.error(
                            src.find(id, at),
                            format!(
                                "pattern {rule:?}: implied_target {id:?} is no actor{}",
                                suggest(id, actor_index.keys())
                            ),
                        ));
                        continue;
                    }
                },
            };
            if implied_target.is_some() && p.pattern.contains("{T}") {
                errors.push(src.error(
                    at,
                    format!("pattern {rule:?}: implied_target needs a pattern without {{T}}"),
                ));
                continue;
            }
            match pattern::compile_with(&p.pattern, &lexicon.irregular, implied_target.is_some()) {
                Ok(compiled) => {
                    let (line, col) = src.line_col(at);
                    relations[ri].patterns.push(Pattern {
                        rule,
                        source: p.pattern.clone(),
                        compiled,
                        hedged: p.hedged,
                        negative: p.negative,
                        negated: p.negated,
                        implied_target,
                        examples: p.examples.clone(),
                        counter: p.counter.clone(),
                        location: format!("{}:{line}:{col}", src.path),
                    });
                }
                Err(msg) => errors.push(src.error(at, format!("pattern {rule:?}: {msg}"))),
            }
        }
        let mut trees: Vec<(&str, &raw::RawTree)> = Vec::new();
        for r in &file.relation {
            trees.extend(r.tree.iter().map(|t| (r.id.as_str(), t)));
        }
        trees.extend(file.tree.iter().map(|t| (t.relation.as_str(), &t.tree)));
        let mut cursor = 0;
        for (rel, t) in trees {
            let at = src.find(&t.trigger, cursor);
            cursor = at;
            let Some(ri) = relation_named(src, rel, &relation_index, &mut errors) else {
                continue;
            };
            let rule = format!("{rel}/{}", t.name);
            let r = &mut relations[ri];
            if r.patterns.iter().any(|q| q.rule == rule) || r.trees.iter().any(|q| q.rule == rule) {
                errors.push(src.error(src.find(&t.name, at), format!("pattern name {rule:?} used twice")));
                continue;
            }
            let (line, col) = src.line_col(at);
            match compile_tree(t, rule.clone(), format!("{}:{line}:{col}", src.path)) {
                Ok(tree) => r.trees.push(tree),
                Err((field, msg)) => {
                    let value = match field {
                        "source" => t.source.as_deref(),
                        "target" => t.target.as_deref(),
                        "between" => t.between.as_deref(),
                        "pos" => t.pos.as_deref(),
                        _ => None,
                    };
                    let at = value.map_or(at, |v| src.find(v, at));
                    errors.push(src.error(at, format!("tree pattern {rule:?}: {msg}")));
                }
            }
        }
    }

    if !errors.is_empty() {
        errors.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        return Err(RuleErrors(errors));
    }
    let matcher = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(aliases.iter().map(|a| a.text.as_str()))
        .map_err(|e| {
            RuleErrors(vec![RuleError {
                file: dir.display().to_string(),
                line: 0,
                column: 0,
                message: format!("alias automaton: {e}"),
            }])
        })?;
    let mut files: Vec<PathBuf> = Vec::new();
    for s in actor_srcs.iter().chain(&relation_srcs).chain(&lexicon_srcs) {
        files.push(PathBuf::from(&s.path));
    }
    let person_keys = person_keys(&actors, &lexicon.variant_endings);
    let fingerprint = fingerprint(actor_srcs.iter().chain(&relation_srcs).chain(&lexicon_srcs));
    Ok(RuleSet {
        actors,
        relations,
        lexicon,
        aliases,
        matcher,
        actor_index,
        relation_index,
        files,
        person_keys,
        fingerprint,
    })
}

/// The sha256 of the rule files' names (relative to the rule directory, the shallowest parent,
/// wherever it lives) and texts, in sorted order.
fn fingerprint<'a>(sources: impl Iterator<Item = &'a Source>) -> String {
    use sha2::{Digest, Sha256};
    let mut files: Vec<(PathBuf, &str)> = sources.map(|s| (PathBuf::from(&s.path), s.text.as_str())).collect();
    files.sort();
    let base = files
        .iter()
        .filter_map(|(f, _)| f.parent())
        .min_by_key(|p| p.components().count())
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut h = Sha256::new();
    for (f, text) in &files {
        let name = f.strip_prefix(&base).unwrap_or(f).to_string_lossy().replace('\\', "/");
        h.update(name.as_bytes());
        h.update([0]);
        h.update(text.as_bytes());
        h.update([0]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A person's name (a slug: "volodymyr_zelenskyi") as (first name, rest) variant keys: each word
/// with its `endings` rewritten ("zelenskyi" -> "zelensky") and doubled letters collapsed
/// ("bessent" -> "besent"). None for a one-word name.
pub fn variant_key(slug: &str, endings: &[(String, String)]) -> Option<(String, String)> {
    let words: Vec<String> = slug
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut w = w.to_string();
            if let Some((from, to)) = endings
                .iter()
                .find(|(from, _)| w.len() > from.len() + 2 && w.ends_with(from.as_str()))
            {
                w.truncate(w.len() - from.len());
                w.push_str(to);
            }
            let mut out = String::new();
            for c in w.chars() {
                if !out.ends_with(c) {
                    out.push(c);
                }
            }
            out
        })
        .collect();
    match words.as_slice() {
        [first, rest @ ..] if !rest.is_empty() => Some((first.clone(), rest.join("_"))),
        _ => None,
    }
}

/// Whether two surname keys (of `variant_key`) are one name: equal, or of the same length (five
/// letters or more) with one letter changed.
pub fn same_surname_key(a: &str, b: &str) -> bool {
    a == b || (b.len() >= 5 && a.len() == b.len() && a.bytes().zip(b.bytes()).filter(|(x, y)| x != y).count() == 1)
}

/// The variant keys of every person's id and label.
fn person_keys(actors: &[Actor], endings: &[(String, String)]) -> HashMap<String, Vec<(String, usize)>> {
    let mut keys: HashMap<String, Vec<(String, usize)>> = HashMap::new();
    for (i, a) in actors.iter().enumerate().filter(|(_, a)| a.kind == Kind::Person) {
        for name in [a.id.clone(), crate::reading::slug(&a.label)] {
            if let Some((first, rest)) = variant_key(&name, endings) {
                let list = keys.entry(first).or_default();
                if !list.contains(&(rest.clone(), i)) {
                    list.push((rest, i));
                }
            }
        }
    }
    keys
}

/// The spellings an alias is matched in: curly and straight apostrophes alike,
/// and for case-insensitive aliases the lower, Title and UPPER forms.
fn spellings(text: &str, insensitive: bool) -> Vec<String> {
    let mut base = vec![text.to_string()];
    if let Some(rest) = text.strip_prefix("the ") {
        base.push(format!("The {rest}"));
    }
    if insensitive {
        let lower = text.to_lowercase();
        let mut title = String::new();
        let mut up = true;
        for c in lower.chars() {
            if up {
                title.extend(c.to_uppercase());
            } else {
                title.push(c);
            }
            up = c == ' ';
        }
        base.extend([lower, title, text.to_uppercase()]);
    }
    let mut out = Vec::new();
    for b in base {
        for v in [b.clone(), b.replace('\'', "\u{2019}"), b.replace('\u{2019}', "'")] {
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

/// ` (did you mean "x"?)` for the closest known name, or nothing.
pub fn suggest<'a>(name: &str, known: impl Iterator<Item = &'a String>) -> String {
    let best = known
        .map(|k| (edit_distance(name, k), k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min();
    match best {
        Some((_, k)) => format!(" (did you mean {k:?}?)"),
        None => String::new(),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

impl Lexicon {
    /// The class of a title as written in a role ("Foreign Minister" -> "foreign minister").
    pub fn title_class(&self, title: &str) -> Option<String> {
        let t = title.to_lowercase();
        self.titles
            .iter()
            .find(|x| x.words.contains(&t))
            .map(|x| x.class.clone())
    }
}

/// The index of the relation a pattern names, or an error at the name with a suggestion.
fn relation_named(
    src: &Source,
    rel: &str,
    index: &HashMap<String, usize>,
    errors: &mut Vec<RuleError>,
) -> Option<usize> {
    let found = index.get(rel).copied();
    if found.is_none() {
        errors.push(src.error(
            src.find(rel, 0),
            format!("unknown relation {rel:?}{}", suggest(rel, index.keys())),
        ));
    }
    found
}

/// Checks and compiles one `[[relation.tree]]`; an error names the field it is about.
fn compile_tree(t: &raw::RawTree, rule: String, location: String) -> Result<TreePattern, (&'static str, String)> {
    let path = |field: &'static str, v: &Option<String>| {
        v.as_deref().map(tree::parse_place).transpose().map_err(|m| (field, m))
    };
    let (source, target, between) = (
        path("source", &t.source)?,
        path("target", &t.target)?,
        path("between", &t.between)?,
    );
    match (&source, &target, &between) {
        (Some(_), Some(_), None) | (None, None, Some(_)) => {}
        (_, _, Some(_)) => return Err(("between", "write either between, or source and target".into())),
        (None, _, None) => return Err(("trigger", "a tree pattern needs a source (or between)".into())),
        (_, None, None) => return Err(("trigger", "a tree pattern needs a target (or between)".into())),
    }
    Ok(TreePattern {
        rule,
        triggers: tree::parse_triggers(&t.trigger).map_err(|m| ("trigger", m))?,
        pos: t
            .pos
            .as_deref()
            .map(tree::parse_pos)
            .transpose()
            .map_err(|m| ("pos", m))?
            .unwrap_or_default(),
        source,
        target,
        between,
        require: tree::parse_require(&t.require).map_err(|m| ("require", m))?,
        hedged: t.hedged,
        negated: t.negated,
        examples: t.examples.clone(),
        counter: t.counter.clone(),
        location,
    })
}

fn compile_lexicon(srcs: &[Source], errors: &mut Vec<RuleError>) -> Lexicon {
    let mut lex = Lexicon::default();
    let mut grammar = raw::Grammar::default();
    for src in srcs {
        let f: raw::LexiconFile = parse(src, errors);
        lex.singular_heads.extend(f.heads.singular);
        lex.plural_heads.extend(f.heads.plural);
        lex.person_heads.extend(f.heads.person);
        lex.possessed_heads.extend(f.heads.possessed);
        for t in f.title {
            if !RELATIONS_WITH_ROLES.contains(&t.relation.as_str()) {
                errors.push(src.error(
                    src.find(&t.relation, 0),
                    format!("title relation {:?} must be leads or represents", t.relation),
                ));
                continue;
            }
            let Some(first) = t.words.first() else {
                errors.push(src.error(0, "a [[title]] needs at least one word"));
                continue;
            };
            let mut words: Vec<String> = t.words.iter().map(|w| w.to_lowercase()).collect();
            words.sort_by_key(|w| std::cmp::Reverse(w.len()));
            lex.titles.push(Title {
                class: t.class.unwrap_or_else(|| first.to_lowercase()),
                words,
                relation: t.relation,
            });
        }
        lex.leader_nouns.extend(f.leader_nouns);
        lex.official_nouns.extend(f.official_nouns);
        lex.name_continuations.extend(f.name_continuations);
        lex.honorifics.extend(f.names.honorifics);
        lex.variant_endings.extend(
            f.names
                .variant_endings
                .into_iter()
                .map(|[from, to]| (from.to_lowercase(), to.to_lowercase())),
        );
        lex.negation.extend(f.flags.negation);
        lex.hedge.extend(f.flags.hedge);
        lex.condition.extend(f.flags.condition);
        lex.unknown.extend(f.flags.unknown);
        lex.attribution_verbs.extend(f.attribution.verbs);
        for (list, out) in [
            (f.boilerplate.line, &mut lex.boilerplate_line),
            (f.boilerplate.tail, &mut lex.boilerplate_tail),
        ] {
            for re in list {
                match Regex::new(&re) {
                    Ok(r) => out.push(r),
                    Err(e) => errors.push(src.error(src.find(&re, 0), format!("invalid regex: {e}"))),
                }
            }
        }
        lex.irregular.extend(f.verbs.irregular);
        grammar::merge(&mut grammar, f.grammar);
        let y = f.syntax;
        for (list, out) in [
            (y.negators, &mut lex.syntax.negators),
            (y.negating_verbs, &mut lex.syntax.negating_verbs),
            (y.blocking_verbs, &mut lex.syntax.blocking_verbs),
            (y.modals, &mut lex.syntax.modals),
            (y.hedging_verbs, &mut lex.syntax.hedging_verbs),
            (y.conditions, &mut lex.syntax.conditions),
            (y.support_verbs, &mut lex.syntax.support_verbs),
            (y.member_nouns, &mut lex.syntax.member_nouns),
        ] {
            out.extend(list.into_iter().map(|w| w.to_lowercase()));
        }
    }
    lex.grammar = grammar::compile(grammar);
    lex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_dates() {
        let r = |from: Option<&str>, to: Option<&str>| Role {
            relation: "leads".into(),
            of: 0,
            title: "President".into(),
            class: "president".into(),
            from: from.map(String::from),
            to: to.map(String::from),
        };
        assert!(r(Some("2021-01-20"), Some("2025-01-20")).active_on(Some("2022-05-01")));
        assert!(!r(Some("2021-01-20"), Some("2025-01-20")).active_on(Some("2025-02-01")));
        assert!(r(Some("2025-01-20"), None).active_on(Some("2025-02")));
        assert!(!r(Some("2025-01-20"), None).active_on(Some("2024-12-31")));
        assert!(r(Some("2025-01-20"), None).active_on(None));
    }

    #[test]
    fn suggestions() {
        let known = ["opposes".to_string(), "supports".to_string()];
        assert_eq!(suggest("oposes", known.iter()), " (did you mean \"opposes\"?)");
        assert_eq!(suggest("zzz", known.iter()), "");
    }
}
