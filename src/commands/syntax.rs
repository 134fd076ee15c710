//! `actorgraph syntax train | eval | info`: train the tagger and parser from
//! UD treebanks, score a model on a treebank, describe the embedded model.

use crate::syntax::{conllu, train, Model};
use anyhow::Context;
use clap::{Args as ClapArgs, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(ClapArgs, Debug)]
#[command(
    after_help = "Examples:\n  actorgraph syntax train                      # ../shared/treebanks -> models/syntax.bin\n  actorgraph syntax eval ../shared/treebanks/en_ewt-ud-test.conllu\n  actorgraph syntax info"
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Cmd,
}

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Train the model on the treebanks' train splits (deterministic: same files, same bytes).
    Train(TrainArgs),
    /// Score a model on CoNLL-U files (gold tokens; UPOS, XPOS, lemma, UAS, LAS).
    Eval(EvalArgs),
    /// What the embedded model was trained on, its size and memory.
    Info,
    /// Speed of tokenize + tag + lemmatize + parse on one core, over the `# text` sentences of CoNLL-U files.
    Bench(EvalArgs),
}

#[derive(ClapArgs, Debug)]
pub struct TrainArgs {
    /// The folder of the UD treebanks; every `*-train.conllu` in it is used.
    #[arg(long, default_value = "../shared/treebanks")]
    pub treebanks: PathBuf,
    /// Where to write the model.
    #[arg(short, long, default_value = "models/syntax.bin")]
    pub output: PathBuf,
    #[arg(long, default_value_t = train::Settings::default().seed)]
    pub seed: u64,
    #[arg(long, default_value_t = train::Settings::default().tagger_epochs)]
    pub tagger_epochs: usize,
    #[arg(long, default_value_t = train::Settings::default().parser_epochs)]
    pub parser_epochs: usize,
    #[arg(long, default_value_t = train::Settings::default().labeler_epochs)]
    pub labeler_epochs: usize,
    /// Keep only features updated at least this often in training (smaller, faster model).
    #[arg(long, default_value_t = train::Settings::default().prune)]
    pub prune: u32,
    /// Score these CoNLL-U files after training (e.g. the dev splits).
    #[arg(long)]
    pub eval: Vec<PathBuf>,
}

#[derive(ClapArgs, Debug)]
pub struct EvalArgs {
    /// CoNLL-U files to score on (`-`: stdin).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// A model file instead of the embedded one (`-`: stdin).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Score only the documents of this genre (`# meta::genre`, e.g. GUM's `news`).
    #[arg(long)]
    pub genre: Option<String>,
    /// Also write the predictions (gold tokens) as CoNLL-U into this folder, one file per input.
    #[arg(long, value_name = "DIR")]
    pub predictions: Option<PathBuf>,
    /// eval: give the parser and labeler the treebank's tags (what tagging errors cost them).
    #[arg(long)]
    pub gold_tags: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Cmd::Eval(a) | Cmd::Bench(a) = &args.command {
        let model = a.model.iter().map(|p| ("--model", p.as_path()));
        super::stdin_once(a.files.iter().map(|p| ("FILE", p.as_path())).chain(model))?;
    }
    match args.command {
        Cmd::Train(a) => run_train(a),
        Cmd::Eval(a) => {
            let owned = a.model.as_deref().map(load_model).transpose()?;
            print_scores(pick(&owned)?, &a.files, a.genre.as_deref(), a.gold_tags)?;
            if let Some(dir) = &a.predictions {
                write_predictions(pick(&owned)?, &a.files, dir)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Bench(a) => {
            let owned = a.model.as_deref().map(load_model).transpose()?;
            bench(pick(&owned)?, &a.files)?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Info => {
            let m = crate::syntax::model().map_err(|e| anyhow::anyhow!("embedded model: {e}"))?;
            super::print_out(&info(m))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn load_model(p: &Path) -> anyhow::Result<Model> {
    let started = std::time::Instant::now();
    let shown = super::shown(p);
    let bytes = match crate::ingest::is_stdin(p) {
        true => {
            let mut b = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut b).map(|_| b)
        }
        false => std::fs::read(p),
    }
    .with_context(|| format!("{shown}: cannot read"))?;
    let m = Model::from_bytes(&bytes).with_context(|| shown.clone())?;
    eprintln!("loaded {} in {:.0} ms", shown, started.elapsed().as_secs_f64() * 1e3);
    Ok(m)
}

/// The model read from a file, else the embedded one.
fn pick(owned: &Option<Model>) -> anyhow::Result<&Model> {
    match owned {
        Some(m) => Ok(m),
        None => crate::syntax::model().map_err(|e| anyhow::anyhow!("embedded model: {e}")),
    }
}

/// Parses every sentence text of `files` three times on this thread and
/// prints the best rate.
fn bench(model: &Model, files: &[PathBuf]) -> anyhow::Result<()> {
    let mut texts = Vec::new();
    for f in files {
        texts.extend(read_treebank(f)?.into_iter().filter_map(|s| s.text));
    }
    // CPU time of this thread, not wall time: on a shared machine the wall
    // clock also counts the time other processes had the core.
    let (mut best, mut best_wall) = (f64::MAX, f64::MAX);
    let mut tokens = 0;
    for _ in 0..3 {
        let (cpu, wall) = (cpu_time::ThreadTime::now(), std::time::Instant::now());
        tokens = texts
            .iter()
            .map(|t| crate::syntax::parse(model, t).words.len())
            .sum::<usize>();
        best = best.min(cpu.elapsed().as_secs_f64());
        best_wall = best_wall.min(wall.elapsed().as_secs_f64());
    }
    super::print_out(&(format!(
        "{} sentences, {tokens} tokens: {:.3} s CPU ({:.3} s wall), {:.0} tokens/s (tokenize + tag + lemmatize + parse, one core)",
        texts.len(),
        best,
        best_wall,
        tokens as f64 / best
    ) + "\n"))?;
    Ok(())
}

/// Reads one CoNLL-U file, naming it and the line in errors; `-` reads stdin (once: `eval
/// --predictions` reads its files twice), named `<stdin>`.
pub fn read_treebank(p: &Path) -> anyhow::Result<Vec<conllu::Sentence>> {
    static STDIN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let shown = super::shown(p);
    let text = match crate::ingest::is_stdin(p) {
        true => match STDIN.get() {
            Some(t) => t.clone(),
            None => {
                let mut t = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut t)
                    .with_context(|| format!("{shown}: cannot read"))?;
                STDIN.get_or_init(|| t).clone()
            }
        },
        false => std::fs::read_to_string(p).with_context(|| format!("{shown}: cannot read"))?,
    };
    conllu::parse(&text).map_err(|e| anyhow::anyhow!("{shown}:{}: {}", e.line, e.message))
}

/// The name of a treebank file in tables and prediction files: `stdin.conllu` for `-`.
fn file_name(p: &Path) -> String {
    match crate::ingest::is_stdin(p) {
        true => "stdin.conllu".to_string(),
        false => p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    }
}

fn run_train(a: TrainArgs) -> anyhow::Result<ExitCode> {
    super::stdin_once(a.eval.iter().map(|p| ("--eval", p.as_path())))?;
    if crate::ingest::is_stdin(&a.output) {
        anyhow::bail!("-o -: train prints its report on stdout; write the model to a file (-o FILE)");
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&a.treebanks)
        .with_context(|| format!("{}: cannot read the treebank folder", a.treebanks.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with("-train.conllu"))
        .collect();
    files.sort();
    anyhow::ensure!(!files.is_empty(), "{}: no *-train.conllu files", a.treebanks.display());
    let mut sentences = Vec::new();
    let mut names = Vec::new();
    for f in &files {
        let s = read_treebank(f)?;
        eprintln!("{}: {} sentences", f.display(), s.len());
        sentences.extend(s);
        names.push(
            f.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
    }
    let settings = train::Settings {
        seed: a.seed,
        tagger_epochs: a.tagger_epochs,
        parser_epochs: a.parser_epochs,
        labeler_epochs: a.labeler_epochs,
        prune: a.prune,
        ..Default::default()
    };
    let started = std::time::Instant::now();
    let model = train::train(&sentences, names, &settings);
    let bytes = model.to_bytes();
    crate::fsutil::write_atomic(&a.output, &bytes)?;
    eprintln!(
        "wrote {} ({:.1} MB) in {:.0} s",
        a.output.display(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    super::print_out(&info(&model))?;
    if !a.eval.is_empty() {
        print_scores(&model, &a.eval, None, false)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn print_scores(model: &Model, files: &[PathBuf], genre: Option<&str>, gold_tags: bool) -> anyhow::Result<()> {
    super::print_out(
        &(format!(
            "{:<40} {:>7} {:>6} {:>6} {:>6} {:>6} {:>6} {:>8}",
            "file", "words", "UPOS", "XPOS", "Lemma", "UAS", "LAS", "LASfull"
        ) + "\n"),
    )?;
    for f in files {
        let mut s = read_treebank(f)?;
        if let Some(g) = genre {
            s.retain(|x| x.genre.as_deref() == Some(g));
            anyhow::ensure!(!s.is_empty(), "{}: no sentence of genre {g:?}", super::shown(f));
        }
        let r = train::evaluate_with(model, &s, gold_tags);
        let mut name = file_name(f);
        if let Some(g) = genre {
            name = format!("{name} ({g})");
        }
        super::print_out(
            &(format!(
                "{:<40} {:>7} {:>6.2} {:>6.2} {:>6.2} {:>6.2} {:>6.2} {:>8.2}",
                name, r.words, r.upos, r.xpos, r.lemma, r.uas, r.las, r.las_full
            ) + "\n"),
        )?;
    }
    Ok(())
}

fn write_predictions(model: &Model, files: &[PathBuf], dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    for f in files {
        let out = dir.join(file_name(f));
        let predicted = train::predict(model, &read_treebank(f)?);
        crate::fsutil::write_atomic(&out, conllu::write(&predicted).as_bytes())
            .with_context(|| format!("{}: cannot write", out.display()))?;
        eprintln!("wrote {}", out.display());
    }
    Ok(())
}

fn info(m: &Model) -> String {
    format!(
        "trained on: {}\nseed {}, epochs tagger/parser/labeler {:?}\n{} tags, {} relations\nfeatures: tagger {}, parser {}, labeler {}\nmemory of the loaded model: {:.1} MB\n",
        m.provenance.treebanks.join(", "),
        m.provenance.seed,
        m.provenance.epochs,
        m.tagger.tags.len(),
        m.labeler.labels.len(),
        m.tagger.n_features(),
        m.parser.n_features(),
        m.labeler.n_features(),
        m.memory() as f64 / 1e6
    )
}
