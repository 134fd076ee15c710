//! Arguments over the dependency tree: which words fill the subject, object,
//! owner or a prepositional phrase of a word, with the general syntax of
//! English read once here rather than in each rule (enhanced-dependency
//! style):
//!
//! - passives: the `by` agent is the subject, the passive subject the object;
//! - control: "refused to meet" (the subject), "urged Kyiv to leave" (the
//!   object), "his plan to attack" (the owner of the noun);
//! - relative clauses: "the Kremlin, which urged" (the antecedent), reduced
//!   ones: "troops attacking Kyiv", "aid sent by France";
//! - shared subjects: "Russia attacked and occupied", participle and adverbial
//!   clauses without a subject ("..., targeting the grid");
//! - coordination and apposition: "A and B", "China's president, Xi Jinping".
//!
//! Input: a parsed sentence; output: word indices. Pure.

use crate::rules::tree::Step;
use crate::syntax::Word;

/// A parsed sentence with each word's children (0-based indices).
pub struct Tree<'p, 'a> {
    pub words: &'p [Word<'a>],
    children: Vec<Vec<usize>>,
}

/// How many words away a conjunct or an apposition may be.
const MAX_SPREAD: usize = 6;

/// How far understood subjects are followed up the tree.
const MAX_DEPTH: usize = 6;

impl<'p, 'a> Tree<'p, 'a> {
    pub fn new(words: &'p [Word<'a>]) -> Self {
        let mut children = vec![Vec::new(); words.len()];
        for (i, w) in words.iter().enumerate() {
            if w.head > 0 && w.head <= words.len() {
                children[w.head - 1].push(i);
            }
        }
        Tree { words, children }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        let h = self.words[i].head;
        (h > 0 && h <= self.words.len()).then(|| h - 1)
    }

    /// The relation without its subtype: `nsubj` for `nsubj:pass`.
    pub fn base(&self, i: usize) -> &str {
        let r = self.words[i].deprel;
        r.split(':').next().unwrap_or(r)
    }

    pub fn deprel(&self, i: usize) -> &str {
        self.words[i].deprel
    }

    pub fn lemma(&self, i: usize) -> String {
        self.words[i].lemma.to_lowercase()
    }

    pub fn children(&self, i: usize) -> &[usize] {
        &self.children[i]
    }

    /// Children whose relation is `rel` or a subtype of it.
    pub fn deps<'t>(&'t self, i: usize, rel: &'t str) -> impl Iterator<Item = usize> + 't {
        self.children[i].iter().copied().filter(move |&c| {
            let d = self.words[c].deprel;
            d == rel || (d.starts_with(rel) && d.as_bytes().get(rel.len()) == Some(&b':'))
        })
    }

    /// The preposition of a phrase: its `case` word with any `fixed` words ("because of").
    pub fn case_of(&self, i: usize) -> Option<String> {
        let c = self.deps(i, "case").next().or_else(|| self.deps(i, "mark").next())?;
        let mut words = vec![self.lemma(c)];
        words.extend(self.deps(c, "fixed").map(|f| self.lemma(f)));
        Some(words.join(" "))
    }

    fn is_relative_pronoun(&self, i: usize) -> bool {
        matches!(self.words[i].xpos, "WDT" | "WP")
    }

    /// A relative pronoun stands for its clause's antecedent.
    fn antecedent(&self, i: usize, clause: usize) -> usize {
        if self.is_relative_pronoun(i) && self.deprel(clause).ends_with("relcl") {
            self.head(clause).unwrap_or(i)
        } else {
            i
        }
    }

    pub fn is_passive(&self, p: usize) -> bool {
        self.deps(p, "aux:pass").next().is_some()
            || self.deps(p, "nsubj:pass").next().is_some()
            || (self.base(p) == "acl" && self.words[p].xpos == "VBN")
    }

    fn is_nominal(&self, i: usize) -> bool {
        matches!(self.words[i].upos, "NOUN" | "PROPN" | "PRON" | "NUM")
    }

    /// The `by` phrases of a passive: the agents.
    fn agents(&self, p: usize) -> Vec<usize> {
        self.children[p]
            .iter()
            .copied()
            .filter(|&c| {
                self.deprel(c) == "obl:agent" || (self.base(c) == "obl" && self.case_of(c).as_deref() == Some("by"))
            })
            .collect()
    }

    /// The doer of `p` (see the module comment).
    pub fn subjects(&self, p: usize, depth: usize) -> Vec<usize> {
        if depth > MAX_DEPTH {
            return Vec::new();
        }
        if self.is_passive(p) {
            return self.agents(p);
        }
        let own: Vec<usize> = self.children[p]
            .iter()
            .copied()
            .filter(|&c| self.deprel(c) == "nsubj")
            .map(|c| self.antecedent(c, p))
            .collect();
        if !own.is_empty() {
            return own;
        }
        if self.words[p].upos == "NOUN" {
            return self.owners(p);
        }
        let Some(h) = self.head(p) else {
            return Vec::new();
        };
        match self.base(p) {
            // "urged Kyiv to leave": the object; "refused to meet": the subject; "his plan to
            // attack": the owner.
            "xcomp" => {
                let obj: Vec<usize> = self.deps(h, "obj").chain(self.deps(h, "iobj")).collect();
                if !obj.is_empty() && self.words[h].upos == "VERB" {
                    obj
                } else {
                    self.subjects(h, depth + 1)
                }
            }
            // "troops attacking Kyiv": the noun the participle modifies.
            "acl" if self.deprel(p) != "acl:relcl" => vec![h],
            "acl" => self.relative_gap(p, h, "nsubj"),
            // "condemned Russia for pounding Ukraine", "accused Beijing of helping Moscow": the
            // object does what the clause says.
            "advcl" if self.marked_by_preposition(p) && self.deps(h, "obj").next().is_some() => {
                self.deps(h, "obj").collect()
            }
            // "Russia attacked and occupied Crimea"; "..., targeting the grid".
            "conj" | "advcl" => self.subjects(h, depth + 1),
            _ => Vec::new(),
        }
    }

    /// A clause opened by a preposition: "for pounding", "of helping".
    fn marked_by_preposition(&self, p: usize) -> bool {
        self.deps(p, "mark").any(|m| matches!(self.words[m].xpos, "IN")) && matches!(self.words[p].xpos, "VBG")
    }

    /// The antecedent of a relative clause when the gap is `role`: "the talks, which Russia
    /// rejected" has its gap in the object.
    fn relative_gap(&self, p: usize, antecedent: usize, role: &str) -> Vec<usize> {
        let filled = self.children[p]
            .iter()
            .any(|&c| self.base(c) == role && !self.is_relative_pronoun(c));
        if filled {
            Vec::new()
        } else {
            vec![antecedent]
        }
    }

    /// The one `p` is done to (see the module comment).
    pub fn objects(&self, p: usize) -> Vec<usize> {
        let rel = if self.is_passive(p) { "nsubj:pass" } else { "obj" };
        let own: Vec<usize> = self.deps(p, rel).map(|c| self.antecedent(c, p)).collect();
        if !own.is_empty() {
            return own;
        }
        match (self.base(p), self.head(p)) {
            // "aid sent by France": the noun the participle modifies.
            ("acl", Some(h)) if self.is_passive(p) && self.deprel(p) != "acl:relcl" => vec![h],
            ("acl", Some(h)) if self.deprel(p) == "acl:relcl" && !self.is_passive(p) => {
                let has_subject = self.deps(p, "nsubj").any(|c| !self.is_relative_pronoun(c));
                if has_subject {
                    self.relative_gap(p, h, "obj")
                } else {
                    Vec::new()
                }
            }
            _ => Vec::new(),
        }
    }

    pub fn recipients(&self, p: usize) -> Vec<usize> {
        self.deps(p, "iobj").collect()
    }

    /// The owner of a noun: "Russia's", "its", "Russian", "by Russia"; a name before the noun
    /// ("U.S. support") only when there is none of those, since a name can also be what the act
    /// is about ("Ukrainian NATO membership").
    pub fn owners(&self, n: usize) -> Vec<usize> {
        let clear: Vec<usize> = self.children[n]
            .iter()
            .copied()
            .filter(|&c| match self.deprel(c) {
                "nmod:poss" | "amod" => true,
                "nmod" => self.case_of(c).as_deref() == Some("by"),
                _ => false,
            })
            .collect();
        if !clear.is_empty() {
            return clear;
        }
        self.deps(n, "compound").collect()
    }

    /// The phrases `p` governs through `prep`; for a verb whose object has the phrase ("imposed
    /// sanctions on Russia") or a noun whose verb has it ("launched an attack on Kyiv"), those.
    pub fn preps(&self, p: usize, prep: &str) -> Vec<usize> {
        let direct = |x: usize| -> Vec<usize> {
            self.children[x]
                .iter()
                .copied()
                .filter(|&c| matches!(self.base(c), "obl" | "nmod") && self.deprel(c) != "nmod:poss")
                .filter(|&c| self.case_of(c).as_deref() == Some(prep))
                .collect()
        };
        let found = direct(p);
        if !found.is_empty() {
            return found;
        }
        // The parse often hangs the phrase one word too low: "met on Wednesday with Xi",
        // "signed a deal on minerals with the US", "pressure by the administration on Kyiv".
        let lower: Vec<usize> = self.children[p]
            .iter()
            .copied()
            .filter(|&c| matches!(self.base(c), "obl" | "nmod" | "obj") && self.deprel(c) != "nmod:poss")
            .flat_map(|c| {
                let mut found = direct(c);
                found.extend(self.deps(c, "nmod").flat_map(direct));
                found
            })
            .collect();
        if !lower.is_empty() {
            return lower;
        }
        match self.head(p) {
            Some(h) if self.base(p) == "obj" && self.words[h].upos == "VERB" => direct(h),
            _ => Vec::new(),
        }
    }

    /// Adds the conjuncts and appositions of each word ("A and B", "the president, Xi").
    pub fn expand(&self, words: Vec<usize>) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = words;
        while let Some(w) = stack.pop() {
            if out.contains(&w) {
                continue;
            }
            out.push(w);
            if self.is_nominal(w) {
                // Near ones only: a far "conjunct" or "apposition" is mostly a misparse.
                let near = |c: &usize| c.abs_diff(w) <= MAX_SPREAD;
                stack.extend(self.deps(w, "conj").filter(|&c| self.is_nominal(c)).filter(near));
                stack.extend(self.deps(w, "appos").filter(near));
            }
        }
        out.sort_unstable();
        out
    }

    /// A word and its conjuncts ("A, B and C"), without appositions.
    pub fn conjuncts(&self, w: usize) -> Vec<usize> {
        let mut out = vec![w];
        let mut i = 0;
        while i < out.len() {
            let c = out[i];
            out.extend(self.deps(c, "conj").filter(|&d| self.is_nominal(d)));
            i += 1;
        }
        out.sort_unstable();
        out
    }

    /// One step from each word, with conjuncts and appositions.
    pub fn step(&self, from: &[usize], step: &Step, support_verb: impl Fn(usize) -> bool) -> Vec<usize> {
        self.expand(self.raw_step(from, step, support_verb))
    }

    /// One step from each word, as the tree has it.
    pub fn raw_step(&self, from: &[usize], step: &Step, support_verb: impl Fn(usize) -> bool) -> Vec<usize> {
        let mut out = Vec::new();
        for &w in from {
            out.extend(match step {
                Step::Subject => self.subjects(w, 0),
                Step::Object => self.objects(w),
                Step::Recipient => self.recipients(w),
                Step::Owner => {
                    let mut o = self.owners(w);
                    // "Russia launched an invasion of Ukraine": the support verb's subject.
                    if let Some(h) = self.head(w) {
                        if self.base(w) == "obj" && support_verb(h) {
                            o.extend(self.subjects(h, 1));
                        }
                    }
                    o
                }
                // An infinitive the parser hung as an adverbial clause ("was urged by the US to
                // sign") is the same complement.
                Step::Clause => self
                    .deps(w, "ccomp")
                    .chain(self.deps(w, "xcomp"))
                    .chain(
                        self.deps(w, "advcl")
                            .filter(|&c| self.deps(c, "mark").any(|m| self.words[m].xpos == "TO")),
                    )
                    .collect(),
                Step::Prep(p) => self.preps(w, p),
            });
        }
        out
    }
}
