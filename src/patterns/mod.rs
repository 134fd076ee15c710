//! The tree-pattern stage: relations read from the dependency parse.
//!
//! Input: one sentence's parse (`crate::syntax`), its actor mentions (the
//! mention stage) and the rule set's tree patterns (`[[relation.tree]]`,
//! `crate::rules::tree`). Output: `TreeMatch`es, each a relation between
//! actors with its flags, its speaker and the path that produced it.
//!
//! `args` reads who fills each place of a word (passives, control, relative
//! clauses, coordination); `scope` reads negation, hedging and attribution
//! from the words that govern the trigger. Pure and deterministic.

pub mod args;
pub mod scope;

use crate::reading::{ActorRef, How, Mention};
use crate::rules::tree::{place_name, Path, Pos, Step, TreePattern};
use crate::rules::{AliasKind, Lexicon, RuleSet};
use crate::syntax::{Parse, Word};
use args::Tree;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The spans (relative to `base`) of the names among a sentence's mentions: the parse tags
/// their words as proper nouns, whatever the treebanks saw ("Zelensky", "Kyiv").
pub fn name_spans(rules: &RuleSet, mentions: &[Mention], base: usize) -> Vec<(usize, usize)> {
    mentions
        .iter()
        .filter(|m| {
            // Only a name in every word: "European governments" is a phrase, not a name.
            matches!(m.how, How::Alias(ai) if rules.aliases[ai].kind == AliasKind::Name
                && rules.aliases[ai].text.split_whitespace().all(|w| !w.starts_with(char::is_lowercase)))
        })
        .map(|m| (m.start.saturating_sub(base), m.end.saturating_sub(base)))
        .collect()
}

/// One tree pattern's match in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeMatch {
    /// Indices of the relation in `RuleSet::relations` and of the pattern in its `trees`.
    pub relation: usize,
    pub pattern: usize,
    /// (source, target) pairs.
    pub pairs: Vec<(ActorRef, ActorRef)>,
    /// The trigger word (0-based index in the parse).
    pub trigger: usize,
    pub negated: bool,
    pub hedged: bool,
    pub why: Vec<String>,
    pub said_by: Option<ActorRef>,
    /// How the places were filled: "source subject = Putin; target with = Xi".
    pub path: String,
}

/// The actors a sentence names: its mentions, and demonyms that are no mention by themselves
/// ("American" in "American support"), in absolute byte offsets.
pub struct Actors<'m> {
    pub mentions: &'m [Mention],
    pub demonyms: &'m [(usize, usize, ActorRef)],
    /// Where the parsed text starts in the document.
    pub base: usize,
}

/// The tree patterns of a rule set, indexed by trigger lemma.
#[derive(Debug, Default)]
pub struct Matcher {
    by_lemma: HashMap<String, Vec<(usize, usize)>>,
    /// Every inflected form of every trigger (first word), lowercase: a sentence without one
    /// is not parsed.
    forms: HashSet<String>,
    /// Each of those forms with the trigger lemmas it is a form of.
    lemmas_of: HashMap<String, Vec<String>>,
}

impl Matcher {
    pub fn new(rules: &RuleSet) -> Self {
        let mut by_lemma: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        // Per lemma, the parts of speech its patterns take (empty: any).
        let mut pos_of: HashMap<String, Option<Vec<Pos>>> = HashMap::new();
        for (ri, rel) in rules.relations.iter().enumerate() {
            for (ti, t) in rel.trees.iter().enumerate() {
                for trig in &t.triggers {
                    let e = by_lemma.entry(trig.lemma.clone()).or_default();
                    if !e.contains(&(ri, ti)) {
                        e.push((ri, ti));
                    }
                    let p = pos_of.entry(trig.lemma.clone()).or_insert_with(|| Some(Vec::new()));
                    match (p.as_mut(), t.pos.is_empty()) {
                        (Some(v), false) => v.extend(&t.pos),
                        _ => *p = None,
                    }
                }
            }
        }
        let mut lemmas_of: HashMap<String, Vec<String>> = HashMap::new();
        for (l, pos) in &pos_of {
            for f in forms_of(l, pos.as_deref(), &rules.lexicon.irregular) {
                let f = f.split(' ').next().unwrap_or("").to_string();
                let e = lemmas_of.entry(f).or_default();
                if !e.contains(l) {
                    e.push(l.clone());
                }
            }
        }
        let forms = lemmas_of.keys().cloned().collect();
        Matcher {
            by_lemma,
            forms,
            lemmas_of,
        }
    }

    /// The trigger lemmas word `w` may stand for: its lemma, or, where the lemmatizer missed
    /// ("shelled" read as "shel"), the lemmas whose written forms include it.
    fn trigger_lemmas(&self, word: &Word) -> Vec<String> {
        let lemma = word.lemma.to_lowercase();
        if self.by_lemma.contains_key(&lemma) {
            return vec![lemma];
        }
        self.lemmas_of
            .get(&word.form.to_lowercase())
            .cloned()
            .unwrap_or_default()
    }

    /// Whether a sentence holds a word that may be a trigger, outside the byte spans `skip`
    /// (the actors' names: "Finance" in "Finance Minister Balladur" is no trigger). Cheap: no
    /// parse.
    pub fn may_match(&self, sentence: &str, skip: &[(usize, usize)]) -> bool {
        let base = sentence.as_ptr() as usize;
        sentence
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .any(|w| {
                let at = w.as_ptr() as usize - base;
                !skip.iter().any(|&(s, e)| s <= at && at < e) && self.forms.contains(&w.to_lowercase())
            })
    }

    /// Whether a tagged sentence holds a word that some pattern can take as its trigger: its
    /// lemma and part of speech, a phrasal verb's particle, and somewhere in the sentence the
    /// words the pattern requires and a preposition for each of its places that needs one. A
    /// sentence without one is not parsed: `run` would find nothing.
    pub fn may_trigger(&self, rules: &RuleSet, words: &[Word]) -> bool {
        // Lowercase, as the tree walk compares them (`Tree::lemma`).
        let lemmas: Vec<String> = words.iter().map(|w| w.lemma.to_lowercase()).collect();
        let anywhere = |x: &str| x == "*" || lemmas.iter().any(|l| l == x);
        // A place whose every path goes through a preposition needs one of them in the sentence.
        let reachable = |paths: &Option<Vec<Path>>| {
            paths.as_ref().is_none_or(|ps| {
                ps.iter().any(|p| {
                    p.0.iter().all(|s| match s {
                        Step::Prep(x) => anywhere(x.split(' ').next().unwrap_or_default()),
                        _ => true,
                    })
                })
            })
        };
        words.iter().enumerate().any(|(i, w)| {
            self.trigger_lemmas(w).iter().any(|lemma| {
                self.by_lemma[lemma].iter().any(|&(ri, ti)| {
                    let pat = &rules.relations[ri].trees[ti];
                    let particle = |p: &Option<String>| {
                        p.as_ref()
                            .is_none_or(|p| lemmas.iter().enumerate().any(|(j, l)| j != i && l == p))
                    };
                    (pat.pos.is_empty() || pat.pos.iter().any(|p| p.admits(w.upos)))
                        && pat.triggers.iter().any(|t| t.lemma == *lemma && particle(&t.particle))
                        && pat.require.iter().all(|(_, xs)| xs.iter().any(|x| anywhere(x)))
                        && [&pat.source, &pat.target, &pat.between].into_iter().all(reachable)
                })
            })
        })
    }

    pub fn is_empty(&self) -> bool {
        self.by_lemma.is_empty()
    }

    /// Every match of every tree pattern in a parsed sentence.
    pub fn run(&self, rules: &RuleSet, parse: &Parse, actors: &Actors) -> Vec<TreeMatch> {
        let tree = Tree::new(&parse.words);
        let mut out = Vec::new();
        for w in 0..tree.len() {
            for lemma in self.trigger_lemmas(&tree.words[w]) {
                self.run_at(rules, &tree, w, &lemma, actors, &mut out);
            }
        }
        out
    }

    /// The matches of the patterns whose trigger is `lemma`, at word `w`.
    fn run_at(&self, rules: &RuleSet, tree: &Tree, w: usize, lemma: &str, actors: &Actors, out: &mut Vec<TreeMatch>) {
        let lex = &rules.lexicon;
        let support_verb = |h: usize| is_support_verb(tree, lex, h);
        let Some(cands) = self.by_lemma.get(lemma) else {
            return;
        };
        for &(ri, ti) in cands {
            let pat = &rules.relations[ri].trees[ti];
            if !triggers_at(tree, w, lemma, pat) {
                continue;
            }
            if scope::unknown(tree, w, &lex.unknown) {
                continue;
            }
            let Some((pairs, path)) = fill(tree, w, pat, actors, lex) else {
                continue;
            };
            let mut cues = scope::read(tree, w, &lex.syntax, support_verb);
            if cues.blocked {
                continue;
            }
            if pat.hedged && !cues.hedged {
                cues.hedged = true;
                cues.why.push("hedge: the pattern is hedged".into());
            }
            if pat.negated {
                cues.negated = !cues.negated;
                cues.why
                    .push("negation: the pattern states the relation does not hold".into());
            }
            let saying = scope::saying_verb(tree, w, |f| lex.attribution_verbs.iter().any(|v| v == f));
            // "The Kremlin has not confirmed that Russia attacked": questioned, and said by no one.
            let unsaid = saying.and_then(|v| scope::negator_of(tree, v, &lex.syntax).map(|n| (n, v)));
            if let Some((n, v)) = unsaid {
                cues.hedge("hedge", format!("{} {}", tree.words[n].form, tree.words[v].form));
            }
            let said_by = saying
                .filter(|_| unsaid.is_none())
                .and_then(|v| {
                    let subj = tree.expand(tree.subjects(v, 0));
                    let who = actors_of(tree, &subj, actors, lex, false);
                    (who.len() == 1).then(|| who[0])
                })
                .filter(|s| pairs.iter().all(|(a, b)| a != s && b != s));
            out.push(TreeMatch {
                relation: ri,
                pattern: ti,
                pairs,
                trigger: w,
                negated: cues.negated,
                hedged: cues.hedged,
                why: cues.why,
                said_by,
                path,
            });
        }
    }
}

/// Whether word `w` can be this pattern's trigger: its part of speech, and a phrasal verb's
/// particle.
fn triggers_at(tree: &Tree, w: usize, lemma: &str, pat: &TreePattern) -> bool {
    if !pat.pos.is_empty() && !pat.pos.iter().any(|p| p.admits(tree.words[w].upos)) {
        return false;
    }
    pat.triggers.iter().any(|t| {
        t.lemma == lemma
            && t.particle.as_ref().is_none_or(|p| {
                tree.deps(w, "compound:prt")
                    .chain(tree.deps(w, "advmod"))
                    .any(|c| tree.lemma(c) == *p)
            })
    })
}

/// Whether word `h` is a support verb ("launched an invasion"): its object noun is its
/// subject's act.
fn is_support_verb(tree: &Tree, lex: &Lexicon, h: usize) -> bool {
    lex.syntax.support_verbs.contains(&tree.lemma(h))
}

/// The words a path reaches from the trigger.
fn walk(tree: &Tree, w: usize, path: &Path, lex: &Lexicon) -> Vec<usize> {
    let support_verb = |h: usize| is_support_verb(tree, lex, h);
    path.0
        .iter()
        .fold(vec![w], |from, step| tree.step(&from, step, support_verb))
}

/// The actor pairs a pattern names around trigger `w`, with a description of the path; `None`
/// when a place is empty or a required word is missing.
fn fill(
    tree: &Tree,
    w: usize,
    pat: &TreePattern,
    actors: &Actors,
    lex: &Lexicon,
) -> Option<(Vec<(ActorRef, ActorRef)>, String)> {
    for (paths, words) in &pat.require {
        let found = paths.iter().flat_map(|p| walk(tree, w, p, lex));
        if !found
            .into_iter()
            .any(|i| words.iter().any(|x| x == "*" || *x == tree.lemma(i)))
        {
            return None;
        }
    }
    let place = |paths: &[Path]| {
        let mut who: Vec<ActorRef> = Vec::new();
        let mut shown: Vec<&str> = Vec::new();
        for path in paths {
            let words = walk(tree, w, path, lex);
            let owner = path.0.last() == Some(&Step::Owner);
            for a in actors_of(tree, &words, actors, lex, owner) {
                if !who.contains(&a) {
                    who.push(a);
                }
            }
            shown.extend(words.iter().map(|&i| tree.words[i].form));
        }
        (who, format!("{} = {}", place_name(paths), shown.join(", ")))
    };
    let trigger = format!("trigger {} ({})", tree.words[w].form, tree.words[w].upos);
    if let Some(between) = &pat.between {
        // "Russia and Ukraine met": each other; with an object ("met the deadline") they did not.
        if tree.deps(w, "obj").next().is_some() {
            return None;
        }
        let pairs = group_pairs(tree, w, between, actors, lex);
        let shown = format!("between {} = {}", place_name(between), pairs.len());
        return (!pairs.is_empty()).then(|| (pairs, format!("{trigger}; {shown} pairs")));
    }
    let (sources, s_shown) = place(pat.source.as_ref()?);
    let (targets, t_shown) = place(pat.target.as_ref()?);
    let pairs: Vec<(ActorRef, ActorRef)> = sources
        .iter()
        .flat_map(|&a| targets.iter().map(move |&b| (a, b)))
        .filter(|(a, b)| a != b)
        .collect();
    (!pairs.is_empty()).then(|| (pairs, format!("{trigger}; source {s_shown}; target {t_shown}")))
}

/// The pairs of a group: "Putin and Trump met" pairs the conjuncts; "delegations from Washington
/// and Moscow met" the actors one word stands for; an apposition ("the ministers of Ukraine and
/// Russia, Kuleba and Lavrov") is another naming of the same group, never paired with the first.
fn group_pairs(tree: &Tree, w: usize, paths: &[Path], actors: &Actors, lex: &Lexicon) -> Vec<(ActorRef, ActorRef)> {
    let support_verb = |h: usize| is_support_verb(tree, lex, h);
    let mut pairs = Vec::new();
    for path in paths {
        let Some((last, init)) = path.0.split_last() else {
            continue;
        };
        let heads = init
            .iter()
            .fold(vec![w], |from, step| tree.step(&from, step, support_verb));
        for h in tree.raw_step(&heads, last, support_verb) {
            let namings = std::iter::once(h).chain(tree.deps(h, "appos"));
            for naming in namings {
                let conjuncts = tree.conjuncts(naming);
                let groups: Vec<Vec<ActorRef>> = conjuncts
                    .iter()
                    .map(|&c| actors_of(tree, &[c], actors, lex, false))
                    .filter(|g| !g.is_empty())
                    .collect();
                let members: Vec<ActorRef> = match groups.as_slice() {
                    [one] => one.clone(),
                    many if many.iter().all(|g| g.len() == 1) => many.iter().map(|g| g[0]).collect(),
                    _ => Vec::new(),
                };
                for (i, &a) in members.iter().enumerate() {
                    for &b in &members[i + 1..] {
                        if a != b && !pairs.contains(&(a, b)) {
                            pairs.push((a, b));
                        }
                    }
                }
                if members.len() >= 2 {
                    break;
                }
            }
        }
    }
    pairs
}

/// The actors that words stand for: a mention covering the word; a member noun or head noun of
/// an actor ("envoys from France", "Russian officials"); for an owner, a demonym ("American
/// support").
fn actors_of(tree: &Tree, words: &[usize], actors: &Actors, lex: &Lexicon, owner: bool) -> Vec<ActorRef> {
    let mut out: Vec<ActorRef> = Vec::new();
    for &i in words {
        let found = actor_at(tree, i, actors, owner).or_else(|| {
            let lemma = tree.lemma(i);
            // "envoys from France": a member noun stands for what it is of or from; "Russian
            // officials", "Russia's government": a head noun for its owner.
            let member = lex.syntax.member_nouns.contains(&lemma);
            let head =
                lex.plural_heads.contains(&tree.words[i].form.to_lowercase()) || lex.singular_heads.contains(&lemma);
            if !member && !head {
                return None;
            }
            // "the Omani foreign minister, Badr al-Busaidi": the apposition names the actor;
            // "Steve Witkoff, Trump's envoy": so does the word it restates.
            let restated =
                tree.base(i) == "appos" && tree.head(i).is_some_and(|h| actor_at(tree, h, actors, false).is_some());
            if restated
                || tree
                    .deps(i, "appos")
                    .any(|a| actor_at(tree, a, actors, false).is_some())
            {
                return None;
            }
            let of: Vec<usize> = tree
                .children(i)
                .iter()
                .copied()
                .filter(|&c| match tree.deprel(c) {
                    "nmod:poss" | "amod" | "compound" => true,
                    "nmod" => member && matches!(tree.case_of(c).as_deref(), Some("of" | "from")),
                    _ => false,
                })
                .collect();
            let of = tree.expand(of);
            let who: Vec<ActorRef> = of.iter().filter_map(|&c| actor_at(tree, c, actors, true)).collect();
            for a in who.iter().skip(1) {
                if !out.contains(a) {
                    out.push(*a);
                }
            }
            who.first().copied()
        });
        if let Some(a) = found {
            if !out.contains(&a) {
                out.push(a);
            }
        }
    }
    out
}

/// The actor a mention covering word `i` names; for an owner, also a demonym.
fn actor_at(tree: &Tree, i: usize, actors: &Actors, owner: bool) -> Option<ActorRef> {
    let w = &tree.words[i];
    let (s, e) = (actors.base + w.start, actors.base + w.end);
    let covering = |ms: usize, me: usize| ms <= s && e <= me;
    actors
        .mentions
        .iter()
        .filter(|m| !m.modifier && covering(m.start, m.end))
        .min_by_key(|m| m.end - m.start)
        .map(|m| m.actor)
        .or_else(|| {
            owner
                .then(|| actors.demonyms.iter().find(|d| covering(d.0, d.1)).map(|d| d.2))
                .flatten()
        })
}

/// The written forms of a trigger lemma for the parts of speech its patterns take (`None`:
/// any): a verb's inflections, a noun's plural, an adjective as it is. "accord" as a noun
/// is not looked for as "according".
fn forms_of(lemma: &str, pos: Option<&[Pos]>, irregular: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let wants = |p: Pos| pos.is_none_or(|v| v.contains(&p));
    if wants(Pos::Verb) {
        return crate::rules::pattern::inflect(lemma, irregular);
    }
    let mut out = vec![lemma.to_string()];
    if wants(Pos::Noun) {
        let (first, rest) = lemma.split_once(' ').map_or((lemma, ""), |(f, r)| (f, r));
        let plural = match first.strip_suffix('y') {
            Some(stem) if !stem.ends_with(['a', 'e', 'i', 'o', 'u']) => format!("{stem}ies"),
            _ if first.ends_with(['s', 'x', 'z']) || first.ends_with("ch") || first.ends_with("sh") => {
                format!("{first}es")
            }
            _ => format!("{first}s"),
        };
        out.push(if rest.is_empty() {
            plural
        } else {
            format!("{plural} {rest}")
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Noun triggers are looked for in their plural only, verbs in every inflection.
    #[test]
    fn trigger_forms_follow_the_part_of_speech() {
        let none = BTreeMap::new();
        assert_eq!(forms_of("accord", Some(&[Pos::Noun]), &none), ["accord", "accords"]);
        assert_eq!(forms_of("treaty", Some(&[Pos::Noun]), &none), ["treaty", "treaties"]);
        assert_eq!(
            forms_of("alliance", Some(&[Pos::Noun]), &none),
            ["alliance", "alliances"]
        );
        assert_eq!(forms_of("ready", Some(&[Pos::Adjective]), &none), ["ready"]);
        let verb = forms_of("accord", None, &none);
        assert!(verb.contains(&"according".to_string()) && verb.contains(&"accorded".to_string()));
    }

    /// A trigger form inside an actor's name does not make the sentence worth parsing.
    #[test]
    fn forms_inside_names_are_skipped() {
        let rules = crate::rules::load_builtin().expect("built-in rules");
        let m = Matcher::new(&rules);
        let s = "Finance Minister Edouard Balladur resigned.";
        assert!(m.may_match(s, &[]));
        assert!(!m.may_match(s, &[(0, 33)]));
        assert!(m.may_match("Russia attacked Ukraine.", &[(0, 6), (16, 23)]));
    }

    /// After tagging, a trigger form counts only in a part of speech some pattern takes, with
    /// its particle and the words the pattern requires: the sentence is parsed only then.
    #[test]
    fn only_taggable_triggers_get_a_sentence_parsed() {
        let rules = crate::rules::load_builtin().expect("built-in rules");
        let m = Matcher::new(&rules);
        let model = crate::syntax::model().expect("model");
        let parsed = |s: &str| m.may_trigger(&rules, &crate::syntax::tag_with_names(model, s, &[]).words);
        // "finance" is a trigger verb; here it is a noun.
        assert!(m.may_match("France and Japan met the finance ministry.", &[]));
        assert!(!parsed(
            "The finance ministry of France and the finance ministry of Japan disagree."
        ));
        assert!(parsed("France will finance Ukraine's army."));
        // "cut out" without "out"; "sent" without anything a state sends as aid.
        assert!(!parsed("Japan cut rates, and France cut taxes."));
        assert!(parsed("The deal cut Ukraine out."));
        assert!(!parsed("France sent a letter to Germany."));
        assert!(parsed("France sent tanks to Ukraine."));
        // Talks "with" or "between" someone: a place that needs a preposition the sentence lacks.
        assert!(!parsed("The talks of France ended, Germany said."));
        assert!(parsed("France ended its talks with Germany."));
    }
}
