//! Training the syntax model from UD treebanks (train splits only), and
//! scoring it on a treebank with the CoNLL 2018 shared task's metrics on
//! gold tokenization.
//!
//! Deterministic: a fixed seed drives every shuffle and exploration, the
//! parallel parts are independent and joined in order, so the same
//! treebanks and settings give the same model bytes.

use super::conllu::Sentence;
use super::labeler::Labeler;
use super::lemma::Lemmatizer;
use super::lexical::Lex;
use super::model::{Model, Provenance};
use super::parser::Parser;
use super::tagger::Tagger;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// Universal tags whose words the labeler reads by their form (the `by` of
/// an agent, the `was` of a passive, the `who` of a relative clause).
const FUNCTION_UPOS: [&str; 7] = ["ADP", "AUX", "CCONJ", "DET", "PART", "PRON", "SCONJ"];

/// Training settings.
#[derive(Clone, Debug)]
pub struct Settings {
    pub seed: u64,
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    pub labeler_epochs: usize,
    /// Folds for the parser's training tags (each fold tagged by a tagger
    /// trained on the others, so the parser learns from realistic tags).
    pub folds: usize,
    /// Features updated fewer times than this in training are not kept.
    pub prune: u32,
    /// The parser's beam width (1: greedy, trained with the dynamic oracle).
    pub beam: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            seed: 20261207,
            tagger_epochs: 10,
            parser_epochs: 15,
            labeler_epochs: 10,
            folds: 5,
            prune: 2,
            beam: 1,
        }
    }
}

/// One training sentence as the learners read it.
#[derive(Clone, Default)]
pub struct Example {
    pub lex: Vec<Lex>,
    /// Gold tag classes (what the tagger learns).
    pub gold_tags: Vec<u16>,
    /// Tags as a tagger that never saw the sentence predicts them (what the
    /// parser and labeler learn from, since that is what they get).
    pub tags: Vec<u16>,
    pub heads: Vec<u32>,
    pub labels: Vec<u16>,
}

fn index_of(list: &[String], s: &str) -> u16 {
    list.binary_search_by(|x| x.as_str().cmp(s)).map_or(0, |i| i as u16)
}

/// Trains a model on `sentences` (from the train splits named in `names`).
pub fn train(sentences: &[Sentence], names: Vec<String>, s: &Settings) -> Model {
    let tagset: Vec<(String, String)> = sentences
        .iter()
        .flat_map(|x| &x.words)
        .map(|w| (w.upos.clone(), w.xpos.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut labels: Vec<String> = sentences
        .iter()
        .flat_map(|x| &x.words)
        .map(|w| w.deprel.clone())
        .filter(|l| l != "root")
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let sorted_labels = labels.clone();
    labels.insert(0, "root".to_string());
    let tag_of = |u: &str, x: &str| tagset.binary_search_by(|t| (t.0.as_str(), t.1.as_str()).cmp(&(u, x)));
    let mut data: Vec<Example> = sentences
        .iter()
        .map(|x| Example {
            lex: x.words.iter().map(|w| Lex::of(&w.form)).collect(),
            gold_tags: x
                .words
                .iter()
                .map(|w| tag_of(&w.upos, &w.xpos).unwrap_or(0) as u16)
                .collect(),
            tags: Vec::new(),
            heads: x.words.iter().map(|w| w.head as u32).collect(),
            labels: x
                .words
                .iter()
                .map(|w| {
                    if w.deprel == "root" {
                        0
                    } else {
                        index_of(&sorted_labels, &w.deprel) + 1
                    }
                })
                .collect(),
        })
        .collect();
    jackknife_tags(&tagset, &mut data, s);
    let function: Vec<bool> = tagset.iter().map(|t| FUNCTION_UPOS.contains(&t.0.as_str())).collect();
    let keep_case: Vec<bool> = tagset.iter().map(|t| t.0 == "PROPN").collect();
    let pairs: Vec<(String, u16, String)> = sentences
        .iter()
        .zip(&data)
        .flat_map(|(x, e)| {
            x.words
                .iter()
                .zip(&e.gold_tags)
                .map(|(w, &t)| (w.form.clone(), t, w.lemma.clone()))
        })
        .collect();
    let ((tagger, lemmatizer), (parser, labeler)) = rayon::join(
        || {
            (
                Tagger::train(tagset.clone(), &data, s.tagger_epochs, s.seed, s.prune),
                Lemmatizer::train(&pairs, keep_case),
            )
        },
        || {
            rayon::join(
                || Parser::train(&data, s.parser_epochs, s.seed, s.prune, s.beam),
                || {
                    Labeler::train(
                        labels.clone(),
                        tagset.len(),
                        &function,
                        &data,
                        s.labeler_epochs,
                        s.seed,
                        s.prune,
                    )
                },
            )
        },
    );
    Model {
        provenance: Provenance {
            treebanks: names,
            seed: s.seed,
            epochs: (s.tagger_epochs, s.parser_epochs, s.labeler_epochs),
        },
        tagger,
        lemmatizer,
        parser,
        labeler,
        function,
    }
}

/// Tags each fold with a tagger trained on the other folds.
fn jackknife_tags(tagset: &[(String, String)], data: &mut [Example], s: &Settings) {
    let k = s.folds.max(2);
    let folds: Vec<Vec<(usize, Vec<u16>)>> = (0..k)
        .into_par_iter()
        .map(|fold| {
            let train: Vec<Example> = data
                .iter()
                .enumerate()
                .filter(|(i, _)| i % k != fold)
                .map(|(_, e)| e.clone())
                .collect();
            let t = Tagger::train(tagset.to_vec(), &train, s.tagger_epochs, s.seed + fold as u64, s.prune);
            (0..data.len())
                .filter(|i| i % k == fold)
                .map(|i| (i, t.tag(&data[i].lex)))
                .collect()
        })
        .collect();
    for (i, tags) in folds.into_iter().flatten() {
        data[i].tags = tags;
    }
}

/// The CoNLL 2018 scores on gold tokenization, in percent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scores {
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    /// Labeled attachment on the universal part of the relation (CoNLL 2018).
    pub las: f64,
    /// Labeled attachment on the full relation with its subtype (`obl:agent`).
    pub las_full: f64,
}

/// The model's analysis of gold-tokenized sentences, as sentences.
pub fn predict(m: &Model, sentences: &[Sentence]) -> Vec<Sentence> {
    sentences
        .par_iter()
        .map(|s| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let words = s
                .words
                .iter()
                .zip(m.analyze(&forms))
                .map(|(w, a)| super::conllu::Word {
                    form: w.form.clone(),
                    lemma: a.lemma,
                    upos: m.upos(a.tag).to_string(),
                    xpos: m.xpos(a.tag).to_string(),
                    head: a.head as usize,
                    deprel: m.deprel(a.label).to_string(),
                    space_after: w.space_after,
                })
                .collect();
            Sentence {
                id: s.id.clone(),
                text: s.text.clone(),
                genre: s.genre.clone(),
                words,
            }
        })
        .collect()
}

/// `Model::analyze` with the treebank's tags instead of the tagger's (what
/// tagging errors cost the parser and labeler).
fn analyze_gold_tagged(m: &Model, s: &Sentence) -> Vec<super::model::Analysis> {
    let lex: Vec<Lex> = s.words.iter().map(|w| Lex::of(&w.form)).collect();
    let tags: Vec<u16> = s
        .words
        .iter()
        .map(|w| {
            let class = m.tagger.tags.iter().position(|t| t.0 == w.upos && t.1 == w.xpos);
            class.unwrap_or(0) as u16
        })
        .collect();
    let heads = m.parser.parse(&super::parser::Input { lex: &lex, tags: &tags });
    let labels = m.labeler.label(&super::labeler::Tree {
        lex: &lex,
        tags: &tags,
        heads: &heads,
        function: &m.function,
    });
    s.words
        .iter()
        .zip(tags.iter().zip(heads.iter().zip(labels)))
        .map(|(w, (&tag, (&head, label)))| super::model::Analysis {
            tag,
            lemma: m.lemmatizer.lemma(&w.form, tag),
            head,
            label,
        })
        .collect()
}

/// Scores the model on gold-tokenized sentences.
pub fn evaluate(m: &Model, sentences: &[Sentence]) -> Scores {
    evaluate_with(m, sentences, false)
}

/// Scores the model on gold-tokenized sentences; with `gold_tags`, the
/// parser and labeler read the treebank's tags instead of the tagger's.
pub fn evaluate_with(m: &Model, sentences: &[Sentence], gold_tags: bool) -> Scores {
    let counts = sentences
        .par_iter()
        .map(|s| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let out = if gold_tags {
                analyze_gold_tagged(m, s)
            } else {
                m.analyze(&forms)
            };
            let mut c = [0usize; 6];
            for (w, a) in s.words.iter().zip(&out) {
                let rel = m.deprel(a.label);
                let head_ok = a.head as usize == w.head;
                let univ = |r: &str| r.split(':').next().unwrap_or("").to_string();
                c[0] += usize::from(m.upos(a.tag) == w.upos);
                c[1] += usize::from(m.xpos(a.tag) == w.xpos);
                c[2] += usize::from(a.lemma == w.lemma);
                c[3] += usize::from(head_ok);
                c[4] += usize::from(head_ok && univ(rel) == univ(&w.deprel));
                c[5] += usize::from(head_ok && rel == w.deprel);
            }
            (s.words.len(), c)
        })
        .reduce(
            || (0, [0; 6]),
            |a, b| (a.0 + b.0, std::array::from_fn(|i| a.1[i] + b.1[i])),
        );
    let (n, c) = counts;
    let pct = |x: usize| if n == 0 { 0.0 } else { 100.0 * x as f64 / n as f64 };
    Scores {
        words: n,
        upos: pct(c[0]),
        xpos: pct(c[1]),
        lemma: pct(c[2]),
        uas: pct(c[3]),
        las: pct(c[4]),
        las_full: pct(c[5]),
    }
}
