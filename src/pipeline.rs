//! The whole pipeline as one call: read inputs, extract in parallel, merge.
//!
//! Used by `build`, `eval` and the tests. Extraction runs on rayon's pool;
//! merging runs in document order, so the result is the same for any thread
//! count.

use crate::extract::Extractor;
use crate::graph::ActorGraph;
use crate::graphfile::GraphFile;
use crate::ingest::{self, Document};
use crate::rules::RuleSet;
use rayon::prelude::*;
use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub keep_boilerplate: bool,
    pub max_evidence: Option<usize>,
}

/// Extracts every document and merges the results.
pub fn build_graph(rules: &RuleSet, docs: &[Document], opts: &Options) -> (GraphFile, Vec<String>) {
    let extractor = Extractor::new(rules);
    let results: Vec<_> = docs
        .par_iter()
        .map(|d| extractor.extract(&d.text, d.date.as_deref(), opts.keep_boilerplate))
        .collect();
    let mut g = ActorGraph::new();
    g.max_evidence = opts.max_evidence;
    let mut warnings = Vec::new();
    for (d, ex) in docs.iter().zip(&results) {
        g.add(rules, d, ex);
        warnings.extend(ex.warnings.iter().map(|w| format!("{}: {w}", d.id)));
    }
    (g.to_file(rules), warnings)
}

/// Reads inputs (default `seeds/`) and builds the graph.
pub fn build_from_paths(
    rules: &RuleSet,
    inputs: &[PathBuf],
    opts: &Options,
) -> anyhow::Result<(GraphFile, Vec<String>)> {
    let default = [PathBuf::from("seeds")];
    let inputs = if inputs.is_empty() { &default[..] } else { inputs };
    let mut warnings = Vec::new();
    let docs = ingest::read_inputs(inputs, &mut warnings)?;
    let (g, more) = build_graph(rules, &docs, opts);
    warnings.extend(more);
    Ok((g, warnings))
}
