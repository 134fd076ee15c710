//! One module per subcommand; each exposes `Args` (clap derive) and
//! `run(args) -> anyhow::Result<ExitCode>`.

pub mod build;
pub mod eval;
pub mod explain;
pub mod export;
pub mod extract;
pub mod gaps;
pub mod merge;
pub mod parse;
pub mod query;
pub mod render;
pub mod rules;
pub mod syntax;
pub mod view;

use crate::graphfile::{Extras, GraphFile};

/// How documents are read and extracted: the flags `build`, `extract` and `gaps` share.
#[derive(clap::Args, Debug, Clone)]
pub struct ReadArgs {
    /// Extract from boilerplate too (menus, tickers, "Read also", author boxes).
    #[arg(long)]
    pub keep_boilerplate: bool,
    /// Worker threads (default: all cores). Output is identical for any count.
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Warn about malformed JSONL lines and go on instead of failing.
    #[arg(long)]
    pub skip_bad_lines: bool,
    /// Keep the first of several documents with the same id (with a warning) instead of failing.
    #[arg(long)]
    pub dedupe: bool,
}

impl ReadArgs {
    pub fn options(&self) -> crate::ingest::ReadOptions {
        crate::ingest::ReadOptions {
            skip_bad_lines: self.skip_bad_lines,
            dedupe: self.dedupe,
        }
    }
}
use anyhow::Context;
use std::path::Path;

/// Writes `OUT/graph.json` (the whole graph, with its optional `extras` keys)
/// and `OUT/graph.dot` (the picture of `view`, the filtered graph:
/// `export::dot::to_picture_dot`), each atomically, and
/// unless `quiet` a one-line summary on stderr. Used by `build` and `merge`.
pub fn write_graph_outputs(
    graph: &GraphFile,
    extras: &Extras,
    view: &GraphFile,
    out: &Path,
    quiet: bool,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("{}: cannot create output directory", out.display()))?;
    write_graph_files(
        graph,
        extras,
        view,
        &out.join("graph.json"),
        &out.join("graph.dot"),
        quiet,
    )
}

/// `write_graph_outputs` with the two file paths given.
pub fn write_graph_files(
    graph: &GraphFile,
    extras: &Extras,
    view: &GraphFile,
    json: &Path,
    dot: &Path,
    quiet: bool,
) -> anyhow::Result<()> {
    let dot_text = crate::export::dot::to_picture_dot(view);
    graph.save_with(json, extras)?;
    crate::fsutil::write_atomic(dot, dot_text.as_bytes())
        .with_context(|| format!("{}: cannot write", dot.display()))?;
    if !quiet {
        eprintln!(
            "{} documents, {} actors, {} relations -> {}, {}",
            graph.documents.len(),
            graph.nodes.len(),
            graph.edges.len(),
            json.display(),
            dot.display()
        );
    }
    Ok(())
}

/// Writes a command's output to stdout; a closed pipe (`| head`) ends the
/// output quietly, any other write error is an error.
pub fn print_out(s: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(anyhow::anyhow!("writing to stdout: {e}")),
        _ => Ok(()),
    }
}
