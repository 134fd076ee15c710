//! `actorgraph build`: read articles, extract, merge, write graph.json and
//! graph.dot; with `--update`, add, replace and remove documents of an
//! existing graph without extracting the others again.

use crate::graph::ActorGraph;
use crate::graphfile::GraphFile;
use crate::pipeline::{build_actor_graph, update_from_paths, Options};
use anyhow::Context;
use clap::Args as ClapArgs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(ClapArgs, Debug)]
#[command(
    after_help = "Updating a graph:\n  actorgraph build --incremental a.jsonl b.jsonl -o out\n  actorgraph build --update out/graph.json c.jsonl          # add c's documents, skip known ones\n  actorgraph build --update out/graph.json --remove doc-17  # retract a document\nThe result is byte-identical to a fresh build over the same documents."
)]
pub struct Args {
    /// Files, directories (walked for .txt/.md/.jsonl, sorted) or .jsonl(.gz) corpora; `-` reads stdin (a JSONL
    /// corpus, gzipped or not, when it starts with `{`, else one text with id "stdin"). Default: seeds/ (none with --update)
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: super::RulesArg,
    #[command(flatten)]
    pub read: super::ReadArgs,
    /// Output directory (graph.json and graph.dot are written there atomically). Default: output,
    /// or with --update the updated graph file itself (and the .dot file beside it).
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// Update this graph.json: documents with a known id and sha256 are skipped, a known id with a
    /// new sha256 replaces the old version's evidence, new ids are added (`-`: read it from stdin;
    /// needs -o DIR).
    #[arg(long, value_name = "GRAPH.json")]
    pub update: Option<PathBuf>,
    /// With --update: retract this document's evidence and mentions (repeatable).
    #[arg(long, value_name = "ID", requires = "update")]
    pub remove: Vec<String>,
    /// Keep each document's actor mention counts in graph.json (`document_actors`), so that a later
    /// --update can remove or replace documents.
    #[arg(long)]
    pub incremental: bool,
    /// Keep at most N evidence records per edge (weight still counts all).
    #[arg(long, value_name = "N")]
    pub max_evidence: Option<usize>,
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
    /// Write the graph even when the inputs hold no document (else an empty input directory
    /// is an error, not an empty graph in place of the previous one).
    #[arg(long)]
    pub allow_empty: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let graph = args.update.iter().map(|p| ("--update", p.as_path()));
    super::stdin_once(args.inputs.iter().map(|p| ("INPUT", p.as_path())).chain(graph))?;
    super::refuse_stdout_dir(
        args.out.as_deref(),
        "build writes graph.json and graph.dot into a directory",
    )?;
    if args.out.is_none() && args.update.as_deref().is_some_and(crate::ingest::is_stdin) {
        anyhow::bail!("--update - reads the graph from stdin: pass -o DIR for the updated graph.json and graph.dot");
    }
    let out_dir = match (&args.out, &args.update) {
        (Some(d), _) => d.clone(),
        (None, None) => PathBuf::from("output"),
        (None, Some(path)) => path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf(),
    };
    // Removing documents only needs no rules. Rule errors come first, then a missing INPUT,
    // both before the output directory is created and locked.
    let rules = if args.update.is_some() && args.inputs.is_empty() {
        None
    } else {
        Some(args.rules.load()?)
    };
    if args.update.is_none() {
        super::check_default_inputs("build", &args.inputs)?;
    }
    // One writer at a time: a second build or update into the same place waits here, before
    // it reads the graph it updates.
    let _lock = super::lock_outputs(&out_dir)?;
    let opts = Options {
        keep_boilerplate: args.read.keep_boilerplate,
        max_evidence: args.max_evidence,
        jobs: args.read.jobs,
        read: args.read.options(),
        progress: !args.quiet && std::io::stderr().is_terminal(),
        incremental: args.incremental,
    };
    let fingerprint = rules.as_ref().map(|r| r.fingerprint());
    let (g, warnings, fingerprint) = match &args.update {
        None => {
            let rules = rules.as_ref().expect("rules are loaded for a build");
            let (g, w) = build_actor_graph(rules, &args.inputs, &opts)?;
            (g, w, fingerprint)
        }
        Some(path) => {
            let (g, w, base) = update(rules.as_ref(), path, &args, &opts)?;
            // The documents already in the graph were read with the rules it records: the
            // fingerprint stays only when the new ones are read with the same (or none).
            let fp = match fingerprint {
                None => base,
                Some(f) => base.filter(|b| *b == f),
            };
            (g, w, fp)
        }
    };
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    let (graph, mut extras) = g.into_file();
    extras.rules = fingerprint;
    if graph.documents.is_empty() && args.update.is_none() && !args.allow_empty {
        let inputs: Vec<String> = match args.inputs.is_empty() {
            true => vec!["seeds".into()],
            false => args.inputs.iter().map(|p| super::shown(p)).collect(),
        };
        anyhow::bail!(
            "{}: no documents (.txt, .md, .jsonl); {} left as it was (pass --allow-empty to write an empty graph)",
            inputs.join(", "),
            out_dir.join("graph.json").display()
        );
    }
    // No filter: graph.dot shows the graph itself (no copies of a large graph).
    let filtered = match args.filter.is_empty() {
        true => None,
        false => Some(crate::filter::apply(&graph, &args.filter)?),
    };
    let view = filtered.as_ref().unwrap_or(&graph);
    // The --format outputs are replaced together with graph.json and graph.dot.
    let out = &out_dir;
    let mut more = Vec::new();
    for f in &args.format {
        use crate::export::Format;
        let name = match f {
            Format::Json | Format::Dot => continue,
            Format::Graphml => "graph.graphml",
            Format::Gexf => "graph.gexf",
            Format::Cytoscape => "graph.cyjs",
            Format::Mermaid => "graph.mmd",
            Format::Csv => {
                more.push((out.join("nodes.csv"), crate::export::csv::to_nodes_csv(view)));
                more.push((out.join("edges.csv"), crate::export::csv::to_edges_csv(view)));
                continue;
            }
        };
        more.push((out.join(name), crate::export::to_string(view, *f).unwrap_or_default()));
    }
    match (&args.update, &args.out) {
        (Some(path), None) => {
            let dot = path.with_extension("dot");
            super::write_graph_files(&graph, &extras, view, path, &dot, more, args.quiet)?
        }
        _ => super::write_graph_outputs(&graph, &extras, view, &out_dir, more, args.quiet)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `--update`: loads the graph, extracts only new and changed documents, retracts
/// replaced and removed ones, and reports the counts.
fn update(
    rules: Option<&crate::rules::RuleSet>,
    path: &Path,
    args: &Args,
    opts: &Options,
) -> anyhow::Result<(ActorGraph, Vec<String>, Option<String>)> {
    let (base, mut extras) = GraphFile::load_with_extras(path)?;
    let base_rules = extras.rules.take();
    let shown = super::shown(path);
    let mut warnings = Vec::new();
    if rules.is_some_and(|r| base.relations != crate::graph::relation_records(r)) {
        warnings.push(format!(
            "{shown}: its relation inventory differs from the rules': the documents already in it keep their \
             old extraction (a fresh build re-reads them)"
        ));
    }
    let (g, more, report) = update_from_paths(rules, base, extras, &args.remove, &args.inputs, opts)
        .with_context(|| format!("{shown}: cannot update"))?;
    warnings.extend(more);
    if !args.quiet {
        eprintln!(
            "update: {} added, {} replaced, {} unchanged (skipped), {} removed",
            report.added, report.replaced, report.unchanged, report.removed
        );
    }
    Ok((g, warnings, base_rules))
}
