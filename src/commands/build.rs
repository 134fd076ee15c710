//! `actorgraph build`: read articles, extract, merge, write graph.json and graph.dot.

use crate::pipeline::{build_from_paths, Options};
use clap::Args as ClapArgs;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Files, directories (walked for .txt/.md, sorted) or .jsonl corpora. Default: seeds/
    pub inputs: Vec<PathBuf>,
    /// Rule directory.
    #[arg(long, default_value = "rules")]
    pub rules: PathBuf,
    /// Output directory (graph.json and graph.dot are written there atomically).
    #[arg(short, long, default_value = "output")]
    pub out: PathBuf,
    /// Extract from boilerplate too (menus, tickers, "Read also", author boxes).
    #[arg(long)]
    pub keep_boilerplate: bool,
    /// Keep at most N evidence records per edge (weight still counts all).
    #[arg(long, value_name = "N")]
    pub max_evidence: Option<usize>,
    /// Worker threads (default: all cores). Output is identical for any count.
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Warn about malformed JSONL lines and go on instead of failing.
    #[arg(long)]
    pub skip_bad_lines: bool,
    /// Keep the first of several documents with the same id (with a warning) instead of failing.
    #[arg(long)]
    pub dedupe: bool,
    /// No progress and no summary; warnings only.
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let rules = crate::rules::load(&args.rules)?;
    let opts = Options {
        keep_boilerplate: args.keep_boilerplate,
        max_evidence: args.max_evidence,
        jobs: args.jobs,
        read: crate::ingest::ReadOptions {
            skip_bad_lines: args.skip_bad_lines,
            dedupe: args.dedupe,
        },
        progress: !args.quiet && std::io::stderr().is_terminal(),
    };
    let (graph, warnings) = build_from_paths(&rules, &args.inputs, &opts)?;
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    super::write_graph_outputs(&graph, &args.out, args.quiet)?;
    Ok(ExitCode::SUCCESS)
}
