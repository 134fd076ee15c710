//! Tree patterns: a relation written as a trigger word and the places of its
//! source and target around it in the dependency tree ("subject", "object",
//! "owner", a preposition such as "against", or a path "object > for").
//!
//! This module reads and checks the rule-file form (`[[relation.tree]]`, see
//! docs/rules.md#tree-patterns); `crate::patterns` matches it on parsed
//! sentences. Pure: strings in, a `TreePattern` or a message with a hint out.

/// One step from a word to a word it governs, or to the word it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    /// The doer: the subject of an active verb, the agent of a passive one, the understood
    /// subject of a control verb's infinitive, the antecedent of a relative clause.
    Subject,
    /// The one done to: the object of an active verb, the subject of a passive one.
    Object,
    /// The second object: "gave Ukraine weapons".
    Recipient,
    /// The owner of a noun: "Russia's invasion", "its invasion", "the Russian invasion",
    /// "the invasion by Russia"; for a noun that is the object of a verb ("launched an
    /// invasion"), also that verb's subject.
    Owner,
    /// A clause the word governs: "demanded that Russia withdraw", "asked to leave".
    Clause,
    /// A phrase the word governs through this preposition: "against", "in support of".
    Prep(String),
}

impl Step {
    pub fn name(&self) -> String {
        match self {
            Step::Subject => "subject".into(),
            Step::Object => "object".into(),
            Step::Recipient => "recipient".into(),
            Step::Owner => "owner".into(),
            Step::Clause => "clause".into(),
            Step::Prep(p) => p.clone(),
        }
    }
}

/// Steps read from the trigger outwards: `object > for` is the "for" phrase of the object.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Path(pub Vec<Step>);

impl Path {
    pub fn name(&self) -> String {
        self.0.iter().map(Step::name).collect::<Vec<_>>().join(" > ")
    }
}

/// A place that must hold one of some lemmas (`require = { object = "aid|weapons" }`).
pub type Requirement = (Vec<Path>, Vec<String>);

/// Which words can be the trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Verb,
    Noun,
    Adjective,
}

impl Pos {
    /// Whether a UPOS tag is of this kind (a proper noun is no trigger noun).
    pub fn admits(self, upos: &str) -> bool {
        match self {
            Pos::Verb => upos == "VERB",
            Pos::Noun => upos == "NOUN",
            Pos::Adjective => upos == "ADJ",
        }
    }
}

/// A trigger: a lemma, and for a phrasal verb its particle ("step up", "shore up").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    pub lemma: String,
    pub particle: Option<String>,
}

/// A compiled tree pattern.
#[derive(Debug, Clone)]
pub struct TreePattern {
    /// `relation/name`.
    pub rule: String,
    pub triggers: Vec<Trigger>,
    /// Parts of speech the trigger may have; empty: any.
    pub pos: Vec<Pos>,
    /// Where the source is: alternative paths (`owner | from`), all read.
    pub source: Option<Vec<Path>>,
    pub target: Option<Vec<Path>>,
    /// A coordinated group whose members pair up ("talks between Russia and Ukraine").
    pub between: Option<Vec<Path>>,
    /// Words that must fill a place: `object = "aid|weapons"` in "sent weapons to Ukraine".
    pub require: Vec<Requirement>,
    pub hedged: bool,
    pub negated: bool,
    pub examples: Vec<String>,
    pub counter: Vec<String>,
    /// Where the pattern is written, for messages.
    pub location: String,
}

impl TreePattern {
    /// The pattern as one line, for `explain` and `rules list`.
    pub fn describe(&self) -> String {
        let triggers: Vec<String> = self
            .triggers
            .iter()
            .map(|t| match &t.particle {
                Some(p) => format!("{} {p}", t.lemma),
                None => t.lemma.clone(),
            })
            .collect();
        let mut out = format!("trigger {}", triggers.join("|"));
        if !self.pos.is_empty() {
            let pos: Vec<&str> = self
                .pos
                .iter()
                .map(|p| match p {
                    Pos::Verb => "verb",
                    Pos::Noun => "noun",
                    Pos::Adjective => "adjective",
                })
                .collect();
            out.push_str(&format!(" ({})", pos.join("|")));
        }
        for (field, place) in [
            ("between", &self.between),
            ("source", &self.source),
            ("target", &self.target),
        ] {
            if let Some(p) = place {
                out.push_str(&format!("; {field}: {}", place_name(p)));
            }
        }
        for (p, words) in &self.require {
            out.push_str(&format!("; {} is {}", place_name(p), words.join("|")));
        }
        out
    }
}

/// A place as written: `owner | from`.
pub fn place_name(paths: &[Path]) -> String {
    paths.iter().map(Path::name).collect::<Vec<_>>().join(" | ")
}

/// Reads a place: alternative paths separated by `|` ("owner | from", "for | to").
pub fn parse_place(value: &str) -> Result<Vec<Path>, String> {
    value.split('|').map(parse_path).collect()
}

/// Reads `a|b|c`: lowercase alternatives, none empty.
fn alternatives(field: &str, value: &str) -> Result<Vec<String>, String> {
    let words: Vec<String> = value.split('|').map(|w| w.trim().to_lowercase()).collect();
    if words.iter().any(|w| w.is_empty()) {
        return Err(format!(
            "{field} {value:?} has an empty alternative: write words separated by '|'"
        ));
    }
    Ok(words)
}

/// Reads a trigger list: `support|back|shore up`.
pub fn parse_triggers(value: &str) -> Result<Vec<Trigger>, String> {
    alternatives("trigger", value)?
        .into_iter()
        .map(|t| {
            let words: Vec<&str> = t.split_whitespace().collect();
            match words.as_slice() {
                [w] => Ok(Trigger {
                    lemma: w.to_string(),
                    particle: None,
                }),
                [w, p] => Ok(Trigger {
                    lemma: w.to_string(),
                    particle: Some(p.to_string()),
                }),
                _ => Err(format!(
                    "trigger {t:?}: write a lemma, or a verb and its particle (\"step up\")"
                )),
            }
        })
        .collect()
}

/// Reads `pos = "verb|noun"`.
pub fn parse_pos(value: &str) -> Result<Vec<Pos>, String> {
    alternatives("pos", value)?
        .iter()
        .map(|p| match p.as_str() {
            "verb" => Ok(Pos::Verb),
            "noun" => Ok(Pos::Noun),
            "adjective" | "adj" => Ok(Pos::Adjective),
            other => Err(format!("pos {other:?}: write verb, noun or adjective")),
        })
        .collect()
}

/// Reads a path: `subject`, `object > for`, `in support of`.
pub fn parse_path(value: &str) -> Result<Path, String> {
    let mut steps = Vec::new();
    for raw in value.split('>') {
        let step = raw.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        steps.push(match step.as_str() {
            "" => {
                return Err(format!(
                    "path {value:?} has an empty step: write steps like \"object > for\""
                ))
            }
            "subject" => Step::Subject,
            "object" => Step::Object,
            "recipient" => Step::Recipient,
            "owner" => Step::Owner,
            "clause" => Step::Clause,
            "nsubj" | "agent" | "doer" => {
                return Err(format!(
                    "path step {step:?}: write \"subject\" (passives are read for you)"
                ));
            }
            "obj" | "dobj" | "patient" => return Err(format!("path step {step:?}: write \"object\"")),
            "iobj" => return Err(format!("path step {step:?}: write \"recipient\"")),
            "poss" | "possessor" | "nmod:poss" => return Err(format!("path step {step:?}: write \"owner\"")),
            prep if prep.chars().all(|c| c.is_alphabetic() || c == ' ') => Step::Prep(prep.to_string()),
            other => {
                return Err(format!(
                    "path step {other:?}: write subject, object, recipient, owner, clause or a preposition"
                ));
            }
        });
    }
    Ok(Path(steps))
}

/// Reads `require = { object = "aid|weapons" }`.
pub fn parse_require(require: &std::collections::BTreeMap<String, String>) -> Result<Vec<Requirement>, String> {
    require
        .iter()
        .map(|(path, words)| Ok((parse_place(path)?, alternatives("require", words)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(parse_path("subject").unwrap(), Path(vec![Step::Subject]));
        assert_eq!(
            parse_path("object >  for").unwrap(),
            Path(vec![Step::Object, Step::Prep("for".into())])
        );
        assert_eq!(
            parse_path("in support   of").unwrap(),
            Path(vec![Step::Prep("in support of".into())])
        );
        assert!(parse_path("nsubj").unwrap_err().contains("write \"subject\""));
        assert!(parse_path("object >").unwrap_err().contains("empty step"));
        assert!(parse_path("obj:2").unwrap_err().contains("preposition"));
        assert_eq!(parse_place("owner | from").unwrap().len(), 2);
    }

    #[test]
    fn triggers_and_pos() {
        let t = parse_triggers("Support|step up").unwrap();
        assert_eq!(t[0].lemma, "support");
        assert_eq!(t[1].particle.as_deref(), Some("up"));
        assert!(parse_triggers("a||b").is_err());
        assert!(parse_triggers("put up with").is_err());
        assert_eq!(parse_pos("verb|noun").unwrap(), vec![Pos::Verb, Pos::Noun]);
        assert!(parse_pos("adverb").unwrap_err().contains("verb, noun or adjective"));
    }
}
