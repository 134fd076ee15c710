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
    /// Also write these formats into OUT: graphml, gexf, cytoscape (graph.cyjs), mermaid (graph.mmd),
    /// csv (nodes.csv and edges.csv). graph.json and graph.dot are always written.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "F,...")]
    pub format: Vec<crate::export::Format>,
    /// Filters for graph.dot and the --format outputs (graph.json always keeps the whole graph).
    #[command(flatten)]
    pub filter: crate::filter::FilterArgs,
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
    let view = crate::filter::apply(&graph, &args.filter)?;
    super::write_graph_outputs(&graph, &view, &args.out, args.quiet)?;
    for f in &args.format {
        use crate::export::Format;
        let name = match f {
            Format::Json | Format::Dot => continue,
            Format::Graphml => "graph.graphml",
            Format::Gexf => "graph.gexf",
            Format::Cytoscape => "graph.cyjs",
            Format::Mermaid => "graph.mmd",
            Format::Csv => {
                let nodes = crate::export::csv::to_nodes_csv(&view);
                let edges = crate::export::csv::to_edges_csv(&view);
                super::export::write_output(Some(&args.out.join("nodes.csv")), nodes.as_bytes())?;
                super::export::write_output(Some(&args.out.join("edges.csv")), edges.as_bytes())?;
                continue;
            }
        };
        let text = crate::export::to_string(&view, *f).unwrap_or_default();
        super::export::write_output(Some(&args.out.join(name)), text.as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}
