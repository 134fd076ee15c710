//! The whole pipeline as one call: read inputs, extract in parallel, merge.
//!
//! Used by `build`, `eval`, `extract` and the tests. Documents stream in from
//! `ingest::read_each` and are processed in batches: each batch is extracted on
//! a rayon pool and merged in document order, so memory stays bounded by a
//! batch plus the graph, and the result is the same for any thread count.

use crate::extract::{Extraction, Extractor};
use crate::graph::{self, ActorGraph, MergeError};
use crate::graphfile::GraphFile;
use crate::ingest::{self, Document, ReadOptions};
use crate::rules::RuleSet;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub keep_boilerplate: bool,
    pub max_evidence: Option<usize>,
    /// Worker threads (default: all cores).
    pub jobs: Option<usize>,
    pub read: ReadOptions,
    /// Show a progress bar on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
}

const BATCH_DOCS: usize = 2048;
const BATCH_BYTES: usize = 32 << 20;

/// Extracts documents in batches on a pool and hands each document's
/// extraction to a sink, in input order.
///
/// With `with_map`, a per-document function runs on the pool right after
/// extraction (for work that reads the text and the extraction, like `gaps`),
/// and the sink receives its result instead of the extraction.
pub struct Batcher<'r, T, M, F>
where
    M: Fn(&Document, Extraction) -> T + Sync,
    F: FnMut(&Document, T),
{
    extractor: Extractor<'r>,
    pool: rayon::ThreadPool,
    keep_boilerplate: bool,
    batch: Vec<Document>,
    bytes: usize,
    map: M,
    sink: F,
    pub docs: u64,
    pub total_bytes: u64,
}

/// The map of a plain `Batcher`: the extraction itself.
pub type Identity = fn(&Document, Extraction) -> Extraction;

fn identity(_: &Document, ex: Extraction) -> Extraction {
    ex
}

impl<'r, F: FnMut(&Document, Extraction)> Batcher<'r, Extraction, Identity, F> {
    pub fn new(rules: &'r RuleSet, jobs: Option<usize>, keep_boilerplate: bool, sink: F) -> anyhow::Result<Self> {
        Batcher::with_map(rules, jobs, keep_boilerplate, identity as Identity, sink)
    }
}

impl<'r, T, M, F> Batcher<'r, T, M, F>
where
    T: Send,
    M: Fn(&Document, Extraction) -> T + Sync,
    F: FnMut(&Document, T),
{
    pub fn with_map(
        rules: &'r RuleSet,
        jobs: Option<usize>,
        keep_boilerplate: bool,
        map: M,
        sink: F,
    ) -> anyhow::Result<Self> {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs.unwrap_or(0)).build()?;
        Ok(Batcher {
            extractor: Extractor::new(rules),
            pool,
            keep_boilerplate,
            batch: Vec::new(),
            bytes: 0,
            map,
            sink,
            docs: 0,
            total_bytes: 0,
        })
    }

    pub fn push(&mut self, d: Document) -> bool {
        self.bytes += d.text.len();
        self.batch.push(d);
        if self.batch.len() >= BATCH_DOCS || self.bytes >= BATCH_BYTES {
            self.flush();
            return true;
        }
        false
    }

    pub fn flush(&mut self) {
        let x = &self.extractor;
        let keep = self.keep_boilerplate;
        let batch = &self.batch;
        let map = &self.map;
        let results: Vec<T> = self.pool.install(|| {
            batch
                .par_iter()
                .map(|d| map(d, x.extract(&d.text, d.date.as_deref(), keep)))
                .collect()
        });
        for (d, r) in self.batch.iter().zip(results) {
            self.docs += 1;
            self.total_bytes += d.text.len() as u64;
            (self.sink)(d, r);
        }
        self.batch.clear();
        self.bytes = 0;
    }
}

/// A spinner with a message on stderr, or a hidden bar when `enabled` is false.
pub fn progress_bar(enabled: bool) -> ProgressBar {
    if !enabled {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{spinner} {elapsed} {msg}").unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb
}

/// Builds the graph of in-memory documents.
pub fn build_graph(rules: &RuleSet, docs: Vec<Document>, opts: &Options) -> anyhow::Result<(GraphFile, Vec<String>)> {
    run(rules, opts, |push, _| {
        for d in docs {
            push(d);
        }
        Ok(())
    })
}

/// Reads inputs (default `seeds/`) and builds the graph.
pub fn build_from_paths(
    rules: &RuleSet,
    inputs: &[PathBuf],
    opts: &Options,
) -> anyhow::Result<(GraphFile, Vec<String>)> {
    let default = [PathBuf::from("seeds")];
    let inputs = if inputs.is_empty() { &default[..] } else { inputs };
    run(rules, opts, |push, warnings| {
        Ok(ingest::read_each(inputs, opts.read, warnings, &mut |d| push(d))?)
    })
}

fn run(
    rules: &RuleSet,
    opts: &Options,
    feed: impl FnOnce(&mut dyn FnMut(Document), &mut Vec<String>) -> anyhow::Result<()>,
) -> anyhow::Result<(GraphFile, Vec<String>)> {
    let mut g = ActorGraph::new(opts.max_evidence);
    for r in graph::relation_records(rules) {
        g.add_relation_type(r);
    }
    let mut warnings = Vec::new();
    let mut merge_error: Option<MergeError> = None;
    let mut extraction_warnings = Vec::new();
    let pb = progress_bar(opts.progress);
    let started = Instant::now();
    {
        let g = &mut g;
        let mut batcher = Batcher::new(
            rules,
            opts.jobs,
            opts.keep_boilerplate,
            |d: &Document, ex: Extraction| {
                extraction_warnings.extend(ex.warnings.iter().map(|w| format!("{}: {w}", d.id)));
                if let Err(e) = g.add(rules, d, &ex) {
                    merge_error.get_or_insert(e);
                }
            },
        )?;
        feed(
            &mut |d| {
                if batcher.push(d) {
                    let secs = started.elapsed().as_secs_f64().max(1e-9);
                    pb.set_message(format!(
                        "{} documents, {:.1} MB, {:.1} MB/s",
                        batcher.docs,
                        batcher.total_bytes as f64 / 1e6,
                        batcher.total_bytes as f64 / 1e6 / secs
                    ));
                    pb.tick();
                }
            },
            &mut warnings,
        )?;
        batcher.flush();
    }
    pb.finish_and_clear();
    if let Some(e) = merge_error {
        return Err(e.into());
    }
    warnings.extend(extraction_warnings);
    Ok((g.to_file(), warnings))
}
