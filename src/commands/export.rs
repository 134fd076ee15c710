//! `actorgraph export`: write the graph in a format another tool reads.

use crate::export::{self, Format};
use crate::filter::{self, FilterArgs};
use crate::graphfile::GraphFile;
use anyhow::Context;
use clap::Args as ClapArgs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(ClapArgs, Debug)]
#[command(after_help = "Examples:\n  \
  actorgraph export -f graphml -o graph.graphml         # Gephi, yEd, Cytoscape desktop, networkx\n  \
  actorgraph export -f gexf -o graph.gexf --top 100     # the 100 most central actors\n  \
  actorgraph export -f csv -o neo4j/                    # nodes.csv and edges.csv for neo4j-admin import\n  \
  actorgraph export -f mermaid --rel attacks,threatens  # a diagram for Markdown")]
pub struct Args {
    /// The graph file written by `build` (`-`: read it from stdin).
    #[arg(long, default_value = "output/graph.json")]
    pub graph: PathBuf,
    /// Output format.
    #[arg(long, short = 'f', value_enum)]
    pub format: Format,
    /// Output file, `-` for stdout (for csv: a directory that gets nodes.csv and edges.csv). Default: stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// Loads a graph file and applies the filters; shared by `export`, `render` and `view`.
pub fn load_graph(path: &Path, filter: &FilterArgs) -> anyhow::Result<GraphFile> {
    // The message only, not the error chain: `GraphFileError::Read` already
    // prints its io::Error, and `{:#}` would print it a second time.
    super::settle_outputs(path)?;
    let g = GraphFile::load(path)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("cannot load the graph (run `actorgraph build` first, or pass --graph FILE)")?;
    Ok(filter::apply(&g, filter)?)
}

/// Writes `text` to `path` atomically (creating its directory), or to stdout.
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match path {
        Some(p) => {
            if let Some(dir) = p.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create directory", dir.display()))?;
            }
            crate::fsutil::write_atomic(p, bytes).with_context(|| format!("{}: cannot write", p.display()))
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)
                .and_then(|_| out.flush())
                .context("cannot write to stdout")
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.format == Format::Csv {
        super::refuse_stdout_dir(
            args.output.as_deref(),
            "--format csv writes two files (DIR/nodes.csv and DIR/edges.csv)",
        )?;
    }
    let g = load_graph(&args.graph, &args.filter)?;
    match export::to_string(&g, args.format) {
        Some(text) => write_output(args.output.as_deref().and_then(super::out_file), text.as_bytes())?,
        None => {
            let dir = args
                .output
                .as_deref()
                .and_then(super::out_file)
                .context("--format csv writes two files: pass -o DIR (gets DIR/nodes.csv and DIR/edges.csv)")?;
            std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create directory", dir.display()))?;
            write_output(Some(&dir.join("nodes.csv")), export::csv::to_nodes_csv(&g).as_bytes())?;
            write_output(Some(&dir.join("edges.csv")), export::csv::to_edges_csv(&g).as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
