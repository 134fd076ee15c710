//! `actorgraph render`: draw the graph with Graphviz (SVG, PNG or PDF).

use super::export::{load_graph, write_output};
use crate::export::dot::DotStyle;
use crate::export::graphviz::{self, Engine, FORMATS};
use crate::filter::FilterArgs;
use crate::picture::{self, PictureArgs};
use anyhow::Context;
use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(ClapArgs, Debug)]
#[command(after_help = "Examples:\n  \
  actorgraph render                                   # output/graph.svg\n  \
  actorgraph render -o graph.png --top 50 --min-weight 2\n  \
  actorgraph render -o graph.pdf --engine neato --rel attacks,threatens\n  \
  actorgraph render --graph - -o - --format png < graph.json > graph.png")]
pub struct Args {
    /// The graph file written by `build` (`-`: read it from stdin).
    #[arg(long, default_value = "output/graph.json")]
    pub graph: PathBuf,
    /// The image to write (`-`: stdout); the extension picks the format (.svg, .png, .pdf).
    #[arg(short, long, default_value = "output/graph.svg")]
    pub output: PathBuf,
    /// The image format, instead of the extension of --output (default for `-o -`: svg).
    #[arg(long, value_parser = ["svg", "png", "pdf"])]
    pub format: Option<String>,
    /// Layout engine. Default: dot up to 25 actors (one line per relation), neato up to 200, sfdp above.
    #[arg(long, value_enum)]
    pub engine: Option<Engine>,
    /// Draw even a picture so large that Graphviz may take minutes (see --top).
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub picture: PictureArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let stdout = crate::ingest::is_stdin(&args.output);
    let ext = match (&args.format, stdout) {
        (Some(f), _) => f.clone(),
        (None, true) => "svg".to_string(),
        (None, false) => args
            .output
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default(),
    };
    if !FORMATS.contains(&ext.as_str()) {
        anyhow::bail!(
            "{}: cannot tell the image format from the extension {ext:?}; use one of .{} (or --format)",
            args.output.display(),
            FORMATS.join(", .")
        );
    }
    let mut g = load_graph(&args.graph, &args.filter)?;
    let left_out = picture::prepare(&mut g, &args.picture);
    let style = DotStyle {
        pairs: args.picture.edges.pairs(g.edges.len()),
        communities: Some(picture::communities(&g)),
        layout: None,
        document_count: None,
    };
    let lines = match style.pairs {
        true => picture::pairs(&g).len(),
        false => g.edges.len(),
    };
    if let Some(why) = graphviz::too_large(g.nodes.len(), lines).filter(|_| !args.force) {
        let top = picture::largest_top(&g, style.pairs, graphviz::MAX_NODES, graphviz::MAX_LINES);
        anyhow::bail!(
            "{why}: Graphviz would take minutes and the picture would be unreadable; \
             draw fewer actors with --top {top} (or --min-weight N), use `actorgraph view`, \
             or pass --force to draw it anyway"
        );
    }
    let engine = args
        .engine
        .unwrap_or_else(|| Engine::for_picture(g.nodes.len(), style.pairs));
    let dot = crate::export::dot::to_dot_styled(&g, &style);
    let image = graphviz::run(&dot, engine, &ext)
        .with_context(|| format!("cannot render {}", super::shown_out(&args.output)))?;
    write_output(super::out_file(&args.output), &image)?;
    let drawn = match style.pairs {
        true => format!(
            "{} of {}",
            super::counted(lines, "pair"),
            super::counted(g.edges.len(), "relation")
        ),
        false => super::counted(lines, "relation"),
    };
    eprintln!(
        "wrote {} ({}, {drawn}, engine {}{})",
        super::shown_out(&args.output),
        super::counted(g.nodes.len(), "actor"),
        engine.name(),
        picture::left_out_note(left_out)
    );
    Ok(ExitCode::SUCCESS)
}
