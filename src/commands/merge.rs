//! `actorgraph merge`: combine graph files and extract streams (the reduce step).

use crate::graph::ActorGraph;
use crate::graphfile::GraphFile;
use anyhow::Context;
use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(ClapArgs, Debug)]
#[command(
    after_help = "Merging is associative and commutative: shards merged in any order give the graph\na single `build` over all their documents gives, byte for byte.\n\nExamples:\n  actorgraph merge shard-a/graph.json shard-b/graph.json -o output\n  actorgraph merge part-*.jsonl -o output --max-evidence 20"
)]
pub struct Args {
    /// graph.json files and/or `extract --jsonl` streams (.jsonl); `-` reads one from stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output directory: graph.json and graph.dot are written there atomically.
    #[arg(short, long, default_value = "output")]
    pub out: PathBuf,
    /// Keep at most N evidence records per edge (the first by document id and offset).
    #[arg(long, value_name = "N")]
    pub max_evidence: Option<usize>,
    /// Keep per-document actor records (graph.json's `document_actors`), as `build --incremental`
    /// does; every graph-file input must have them.
    #[arg(long)]
    pub incremental: bool,
    #[arg(short, long)]
    pub quiet: bool,
    /// Merge inputs extracted with different rule sets (their rules fingerprints differ);
    /// the result then records no fingerprint.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    super::stdin_once(args.inputs.iter().map(|p| ("INPUT", p.as_path())))?;
    super::refuse_stdout_dir(
        Some(&args.out),
        "merge writes graph.json and graph.dot into a directory",
    )?;
    let _lock = super::lock_outputs(&args.out)?;
    let mut g = ActorGraph::new(args.max_evidence);
    if args.incremental {
        g.set_incremental();
    }
    // Each input's rules fingerprint (None: a graph without one).
    let mut fingerprints: Vec<(String, Option<String>)> = Vec::new();
    for p in &args.inputs {
        let (text, shown) = crate::graphfile::read_source(p)?;
        if text.trim_start().starts_with("{\"type\"") || shown.ends_with(".jsonl") {
            for f in crate::stream::add_lines(&mut g, &text, &shown)? {
                fingerprints.push((shown.clone(), Some(f)));
            }
        } else {
            let (file, mut extras) = GraphFile::from_json_str_with_extras(&text, &shown)?;
            fingerprints.push((shown.clone(), extras.rules.take()));
            if !args.incremental {
                extras = Default::default();
            }
            g.add_file_with(file, extras)
                .with_context(|| format!("{shown}: cannot merge"))?;
        }
    }
    let mut distinct: Vec<&str> = fingerprints.iter().filter_map(|(_, f)| f.as_deref()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() > 1 && !args.force {
        let list: Vec<String> = fingerprints
            .iter()
            .map(|(p, f)| {
                format!(
                    "{p} (rules {})",
                    f.as_deref().map_or("unknown", |f| &f[..f.len().min(12)])
                )
            })
            .collect();
        anyhow::bail!(
            "the inputs were extracted with different rule sets: {}; their merge would depend on the input order \
             (extract them again with one rule set, or pass --force)",
            list.join(", ")
        );
    }
    let graph = g.to_file();
    let mut extras = g.extras();
    if distinct.len() == 1 && fingerprints.iter().all(|(_, f)| f.is_some()) {
        extras.rules = Some(distinct[0].to_string());
    }
    super::write_graph_outputs(&graph, &extras, &graph, &args.out, Vec::new(), args.quiet)?;
    Ok(ExitCode::SUCCESS)
}
