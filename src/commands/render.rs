//! `actorgraph render`: draw the graph with Graphviz (SVG, PNG or PDF).

use super::export::{load_graph, write_output};
use crate::export::graphviz::{self, Engine, FORMATS};
use crate::filter::FilterArgs;
use anyhow::Context;
use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The graph file written by `build`.
    #[arg(long, default_value = "output/graph.json")]
    pub graph: PathBuf,
    /// The image to write; the extension picks the format (.svg, .png, .pdf).
    #[arg(short, long, default_value = "output/graph.svg")]
    pub output: PathBuf,
    /// Layout engine. Default: dot up to 25 actors, neato up to 200, sfdp above.
    #[arg(long, value_enum)]
    pub engine: Option<Engine>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let ext = args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !FORMATS.contains(&ext.as_str()) {
        anyhow::bail!(
            "{}: cannot tell the image format from the extension {ext:?}; use one of .{}",
            args.output.display(),
            FORMATS.join(", .")
        );
    }
    let g = load_graph(&args.graph, &args.filter)?;
    let engine = args.engine.unwrap_or_else(|| Engine::for_size(g.nodes.len()));
    let dot = crate::export::dot::to_dot(&g);
    let image =
        graphviz::run(&dot, engine, &ext).with_context(|| format!("cannot render {}", args.output.display()))?;
    write_output(Some(&args.output), &image)?;
    eprintln!(
        "wrote {} ({} actors, {} relations, engine {})",
        args.output.display(),
        g.nodes.len(),
        g.edges.len(),
        engine.name()
    );
    Ok(ExitCode::SUCCESS)
}
