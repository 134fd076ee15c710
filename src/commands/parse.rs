//! `actorgraph parse`: the syntax the relation rules see, as a table or as
//! CoNLL-U for standard UD tools.

use crate::ingest;
use crate::syntax::{self, Parse};
use clap::Args as ClapArgs;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(ClapArgs, Debug)]
#[command(
    after_help = "Examples:\n  actorgraph parse \"Russia rejected the US plan for Ukraine.\"\n  actorgraph parse --doc seeds/000_cb883c9b1bea4990.txt --conllu > seed0.conllu"
)]
pub struct Args {
    /// The text to parse (split into sentences as `build` splits documents; `-` reads it from stdin).
    pub text: Option<String>,
    /// Parse every sentence of a document file instead (`-`: stdin).
    #[arg(long, conflicts_with = "text")]
    pub doc: Option<PathBuf>,
    /// Print CoNLL-U (ten columns; FEATS and DEPS empty) instead of a table.
    #[arg(long)]
    pub conllu: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = super::text_or_doc(&args.text, &args.doc)?;
    let model = syntax::model().map_err(|e| anyhow::anyhow!("embedded syntax model: {e}"))?;
    let mut out = String::new();
    for (i, (s, e)) in ingest::split_sentences(&text).into_iter().enumerate() {
        let sentence = &text[s..e];
        let p = syntax::parse(model, sentence);
        if args.conllu {
            out.push_str(&p.to_conllu(sentence, Some(format!("s{}", i + 1))));
        } else {
            let _ = writeln!(out, "sentence {i} [{s}..{e}]: {sentence}");
            out.push_str(&table(&p, "  "));
            out.push('\n');
        }
    }
    // Words come from the article: control characters are shown, not sent to the terminal.
    crate::commands::print_text(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// A parse as an aligned table: index, word, lemma, UPOS, XPOS, head, relation.
pub fn table(p: &Parse, indent: &str) -> String {
    let wide = |f: &dyn Fn(&syntax::Word) -> usize, min: usize| p.words.iter().map(f).max().unwrap_or(0).max(min);
    let (ww, lw) = (
        wide(&|w| w.form.chars().count(), 4),
        wide(&|w| w.lemma.chars().count(), 5),
    );
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{indent}{:>3}  {:<ww$}  {:<lw$}  {:<5}  {:<4}  {:>4}  relation",
        "#", "word", "lemma", "UPOS", "XPOS", "head"
    );
    for (i, w) in p.words.iter().enumerate() {
        let _ = writeln!(
            o,
            "{indent}{:>3}  {:<ww$}  {:<lw$}  {:<5}  {:<4}  {:>4}  {}",
            i + 1,
            w.form,
            w.lemma,
            w.upos,
            w.xpos,
            w.head,
            w.deprel
        );
    }
    o
}
