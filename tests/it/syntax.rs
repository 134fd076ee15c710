//! The syntax stage: accuracy floors of the shipped model on the treebanks'
//! dev splits, deterministic training, and the `parse` / `explain` views.

use crate::support::{repo, run_in, stderr};
use actorgraph::syntax::{self, conllu, train};

fn treebank(name: &str) -> Vec<conllu::Sentence> {
    let p = repo().join("../shared/treebanks").join(name);
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}): the UD treebanks of ../shared are needed",
            p.display()
        )
    });
    conllu::parse(&text).expect("a treebank parses")
}

/// Floors a little below what the shipped model reaches (docs/syntax.md), so
/// that a regression of the model or of the code that runs it fails.
#[test]
fn the_shipped_model_keeps_its_dev_accuracy() {
    let m = syntax::model().expect("the embedded model loads");
    for (file, upos, uas, las) in [
        ("en_ewt-ud-dev.conllu", 95.0, 84.4, 80.9),
        ("en_gum-cc-by-ud-dev.conllu", 95.9, 84.1, 80.7),
    ] {
        let s = train::evaluate(m, &treebank(file));
        assert!(
            s.upos >= upos && s.uas >= uas && s.las >= las,
            "{file}: {s:?} below the floors UPOS {upos} UAS {uas} LAS {las}"
        );
    }
}

/// `eval --gold-tags`: the parser reads the treebank's tags, so the tags are
/// (nearly) all right and the attachment scores rise above the tagger's.
#[test]
fn gold_tags_measure_what_tagging_costs_the_parser() {
    let m = syntax::model().expect("the embedded model loads");
    let dev: Vec<_> = treebank("en_ewt-ud-dev.conllu").into_iter().take(400).collect();
    let (pred, gold) = (train::evaluate(m, &dev), train::evaluate_with(m, &dev, true));
    assert!(gold.upos > 99.9 && pred.upos < 97.0, "{pred:?} {gold:?}");
    assert!(
        gold.uas > pred.uas + 1.0 && gold.las > pred.las + 1.0,
        "{pred:?} {gold:?}"
    );
}

/// Same data, same seed: the same model bytes; another seed: other bytes.
#[test]
fn training_is_deterministic() {
    let data: Vec<_> = treebank("en_gum-cc-by-ud-train.conllu").into_iter().take(150).collect();
    let settings = train::Settings {
        tagger_epochs: 2,
        parser_epochs: 2,
        labeler_epochs: 2,
        folds: 2,
        ..Default::default()
    };
    let a = train::train(&data, vec!["gum150".into()], &settings).to_bytes();
    let b = train::train(&data, vec!["gum150".into()], &settings).to_bytes();
    assert!(a == b, "two trainings with one seed differ");
    let other = train::Settings { seed: 1, ..settings };
    assert!(
        train::train(&data, vec!["gum150".into()], &other).to_bytes() != a,
        "the seed changes nothing"
    );
}

#[test]
fn parse_prints_conllu_that_reads_back() {
    let o = run_in(
        &repo(),
        &["parse", "--conllu", "Russia rejected the plan. Kyiv welcomed it."],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let s = conllu::parse(&out).expect("CoNLL-U");
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].text.as_deref(), Some("Russia rejected the plan."));
    let rows: Vec<(&str, &str, usize, &str)> = s[0]
        .words
        .iter()
        .map(|w| (w.form.as_str(), w.lemma.as_str(), w.head, w.deprel.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("Russia", "Russia", 2, "nsubj"),
            ("rejected", "reject", 0, "root"),
            ("the", "the", 4, "det"),
            ("plan", "plan", 2, "obj"),
            (".", ".", 2, "punct")
        ]
    );
    assert!(!s[0].words[3].space_after, "no space between 'plan' and '.'");
}

#[test]
fn explain_shows_each_sentence_parse() {
    let o = run_in(&repo(), &["explain", "Ukraine was attacked by Russia."]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("  parse:\n"), "{out}");
    let row = out.lines().find(|l| l.contains(" Russia ") && l.contains("obl:agent"));
    assert!(row.is_some(), "the agent of the passive is obl:agent:\n{out}");
    let o = run_in(&repo(), &["explain", "--no-parse", "Ukraine was attacked by Russia."]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("parse:"));
}
