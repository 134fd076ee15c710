//! The `actorgraph` binary: parses arguments, calls into the library, prints
//! errors with their context chain, and maps outcomes to exit codes.

use clap::{CommandFactory, Parser, Subcommand};
use std::process::ExitCode;

use actorgraph::commands;

// Extraction allocates many small strings per sentence; mimalloc measured ~15% faster than glibc here.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Build a knowledge graph of political actors and their relations from news text.
#[derive(Parser)]
#[command(name = "actorgraph", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract actors and relations from articles and write output/graph.{json,dot}.
    Build(commands::build::Args),
    /// Score the extraction against gold annotations (precision, recall, F1).
    Eval(commands::eval::Args),
    /// Show how a sentence is read: mentions, skeleton, patterns that fired, flags, edges.
    Explain(commands::explain::Args),
    /// Rule authoring: check, list, test, and export the built-in rules to edit them.
    Rules(commands::rules::Args),
    /// What the rules miss: unmatched capitalized names, and sentences with actors but no relation by verb.
    Gaps(commands::gaps::Args),
    /// Write the extraction as a JSONL stream on stdout (a map step for Spark, Hadoop, GNU parallel).
    Extract(commands::extract::Args),
    /// Merge graph files and extract streams into one graph (the reduce step).
    Merge(commands::merge::Args),
    /// Ask the graph: actors, edges, neighbors, paths, evidence, central actors, stance, timelines.
    Query(commands::query::Args),
    /// Write the graph for another tool: json, dot, graphml, gexf, cytoscape, csv, mermaid.
    Export(commands::export::Args),
    /// Draw the graph with Graphviz into an SVG, PNG or PDF.
    Render(commands::render::Args),
    /// Write a self-contained interactive HTML page of the graph.
    View(commands::view::Args),
    /// Print the dependency parse of text or a document (a table, or CoNLL-U with --conllu).
    Parse(commands::parse::Args),
    /// The tagger and parser: train from UD treebanks, score, describe the model.
    Syntax(commands::syntax::Args),
    /// Print the shell completion script for bash, zsh, fish, elvish or powershell.
    Completions(commands::completions::Args),
    /// Print the man page (or write one per command with --dir).
    Man(commands::completions::ManArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and usage errors; a closed pipe while printing them is no error of ours.
            let _ = e.print();
            return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
        }
    };
    actorgraph::fsutil::remove_temporaries_on_signal();
    let result = match cli.command {
        Command::Build(args) => commands::build::run(args),
        Command::Eval(args) => commands::eval::run(args),
        Command::Explain(args) => commands::explain::run(args),
        Command::Rules(args) => commands::rules::run(args),
        Command::Gaps(args) => commands::gaps::run(args),
        Command::Extract(args) => commands::extract::run(args),
        Command::Merge(args) => commands::merge::run(args),
        Command::Query(args) => commands::query::run(args),
        Command::Export(args) => commands::export::run(args),
        Command::Render(args) => commands::render::run(args),
        Command::View(args) => commands::view::run(args),
        Command::Parse(args) => commands::parse::run(args),
        Command::Syntax(args) => commands::syntax::run(args),
        Command::Completions(args) => commands::completions::run(args, Cli::command()),
        Command::Man(args) => commands::completions::man(args, Cli::command()),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`actorgraph query ... | head -1`): stop quietly, as ripgrep does.
        Err(err) if commands::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
