//! `actorgraph eval`: score the extraction against gold annotations.

use crate::eval::{load_gold, score};
use crate::graphfile::GraphFile;
use crate::ingest;
use crate::pipeline::{build_graph, Options};
use anyhow::Context;
use clap::{Args as ClapArgs, ValueEnum};
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Show {
    /// Every missed and every spurious key with its sentence.
    Errors,
}

#[derive(ClapArgs, Debug)]
#[command(
    after_help = "Scores exactly as ../shared/gold/GUIDELINES.md section 5 says: micro P/R/F1 over distinct\n(source, relation, target, negated) keys per document, symmetric relations unordered.\n\nExamples:\n  actorgraph eval --gold ../shared/gold\n  actorgraph eval --gold ../shared/gold --show errors\n  actorgraph eval --gold ../shared/gold --graph output/graph.json --json"
)]
pub struct Args {
    /// Directory of gold files (DOC.jsonl, one per document).
    #[arg(long)]
    pub gold: PathBuf,
    /// Documents to extract from (default: seeds/; `-`: stdin); matched to gold files by id.
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: super::RulesArg,
    /// Score an existing graph file (`-`: stdin) instead of extracting (texts read from each document's path).
    #[arg(long, conflicts_with = "inputs")]
    pub graph: Option<PathBuf>,
    /// One JSON object instead of the table.
    #[arg(long)]
    pub json: bool,
    #[arg(long, value_enum)]
    pub show: Option<Show>,
    #[arg(long)]
    pub keep_boilerplate: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    super::stdin_once(args.inputs.iter().map(|p| ("INPUT", p.as_path())))?;
    if args.graph.is_none() {
        super::check_default_inputs("eval --gold DIR", &args.inputs)?;
    }
    let gold = load_gold(&args.gold)?;
    let (graph, texts) = match &args.graph {
        Some(p) => {
            super::settle_outputs(p)?;
            let g = GraphFile::load(p)?;
            let mut texts = HashMap::new();
            for d in &g.documents {
                let Some(path) = &d.path else { continue };
                let t = std::fs::read_to_string(path)
                    .with_context(|| format!("{path}: cannot read document {:?} named in {}", d.id, p.display()))?;
                texts.insert(d.id.clone(), t);
            }
            (g, texts)
        }
        None => {
            let rules = args.rules.load()?;
            let default = [PathBuf::from("seeds")];
            let inputs = if args.inputs.is_empty() {
                &default[..]
            } else {
                &args.inputs[..]
            };
            let mut warnings = Vec::new();
            let docs = ingest::read_inputs(inputs, &mut warnings)?;
            for w in &warnings {
                eprintln!("warning: {w}");
            }
            let texts: HashMap<String, String> = docs.iter().map(|d| (d.id.clone(), d.text.clone())).collect();
            let opts = Options {
                keep_boilerplate: args.keep_boilerplate,
                ..Default::default()
            };
            let (g, _) = build_graph(&rules, docs, &opts)?;
            (g, texts)
        }
    };
    let report = score(&gold, &graph, &texts);
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    if args.json {
        super::print_out(&(serde_json::to_string(&report.to_json())? + "\n"))?;
    } else {
        super::print_out(&report.render(args.show.is_some()))?;
    }
    Ok(ExitCode::SUCCESS)
}
