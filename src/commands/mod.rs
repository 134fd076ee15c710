//! One module per subcommand; each exposes `Args` (clap derive) and
//! `run(args) -> anyhow::Result<ExitCode>`.

pub mod build;
pub mod eval;
pub mod explain;
pub mod export;
pub mod extract;
pub mod gaps;
pub mod merge;
pub mod query;
pub mod render;
pub mod rules;
pub mod view;

use crate::graphfile::{Extras, GraphFile};
use anyhow::Context;
use std::path::Path;

/// Writes `OUT/graph.json` (the whole graph, with its optional `extras` keys)
/// and `OUT/graph.dot` (of `view`, the filtered graph), each atomically, and
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
    let dot_text = crate::export::dot::to_dot(view);
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
