//! The whole pipeline as one call: read inputs, extract in parallel, merge.
//!
//! Used by `build`, `eval`, `extract` and the tests. Documents stream in from
//! `ingest::read_each` and are processed in batches: each batch is extracted on
//! a rayon pool and merged in document order, so memory stays bounded by a
//! batch plus the graph, and the result is the same for any thread count.
//! `update_from_paths` extracts only new and changed documents and combines
//! them with an existing graph (retracting replaced and removed documents), so
//! the result equals a fresh build.

use crate::dedupe::{Detector, Duplicate, Signature};
use crate::extract::{Extraction, Extractor};
use crate::graph::{self, ActorGraph, MergeError, RetractCheck};
use crate::graphfile::{DocumentActors, DuplicateRec, Extras, GraphFile};
use crate::ingest::{self, Document, ReadOptions};
use crate::rules::RuleSet;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
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
    /// Keep per-document actor records so documents can later be removed or replaced.
    pub incremental: bool,
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
/// Documents, megabytes and speed so far, on the progress bar (hidden when disabled).
pub fn show_progress(pb: &ProgressBar, docs: u64, bytes: u64, started: Instant) {
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    pb.set_message(format!(
        "{docs} documents, {:.1} MB, {:.1} MB/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    ));
    pb.tick();
}

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
    let (g, warnings) = run(rules, opts, Detector::new(), |push, _| {
        for d in docs {
            push(d);
        }
        Ok(())
    })?;
    Ok((g.to_file(), warnings))
}

/// Reads inputs (default `seeds/`) and builds the graph.
pub fn build_from_paths(
    rules: &RuleSet,
    inputs: &[PathBuf],
    opts: &Options,
) -> anyhow::Result<(GraphFile, Vec<String>)> {
    let (g, warnings) = build_actor_graph(rules, inputs, opts)?;
    Ok((g.to_file(), warnings))
}

/// Reads inputs (default `seeds/`) and builds the graph, keeping the merged
/// form (whose `extras()` are graph.json's optional keys).
pub fn build_actor_graph(
    rules: &RuleSet,
    inputs: &[PathBuf],
    opts: &Options,
) -> anyhow::Result<(ActorGraph, Vec<String>)> {
    let default = [PathBuf::from("seeds")];
    let inputs = if inputs.is_empty() { &default[..] } else { inputs };
    run(rules, opts, Detector::new(), |push, warnings| {
        Ok(ingest::read_each(inputs, opts.read, warnings, &mut |d| push(d))?)
    })
}

/// What `update_from_paths` did, in documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateReport {
    /// New ids, extracted and added.
    pub added: u64,
    /// Known ids with a different sha256: the old version retracted, the new one added.
    pub replaced: u64,
    /// Known ids with the same sha256: skipped.
    pub unchanged: u64,
    /// Retracted with `--remove`.
    pub removed: u64,
}

/// The `--max-evidence` an update must use: the one the graph records, or the
/// one given; they must agree, and a graph with cut edges but no record needs one.
pub fn update_max_evidence(
    base: &GraphFile,
    recorded: Option<usize>,
    given: Option<usize>,
) -> anyhow::Result<Option<usize>> {
    if let (Some(r), Some(g)) = (recorded, given) {
        anyhow::ensure!(
            r == g,
            "graph was built with --max-evidence {r}; an update must keep it (given: --max-evidence {g})"
        );
    }
    let max = recorded.or(given);
    let cut = base.edges.iter().find(|e| e.weight > e.evidence.len() as u64);
    let longest = base.edges.iter().map(|e| e.evidence.len()).max().unwrap_or(0);
    match (max, cut) {
        (None, Some(e)) => anyhow::bail!(
            "graph has edges cut by --max-evidence ({} -{}-> {} keeps {} of {} evidence records) but does not \
             record the limit: pass the --max-evidence it was built with",
            e.source,
            e.relation,
            e.target,
            e.evidence.len(),
            e.weight
        ),
        (Some(m), _) if longest > m => {
            anyhow::bail!("graph has an edge with {longest} evidence records: it was not built with --max-evidence {m}")
        }
        (Some(m), Some(e)) if e.evidence.len() != m => anyhow::bail!(
            "graph has edges cut at {} evidence records: it was not built with --max-evidence {m}",
            e.evidence.len()
        ),
        _ => Ok(max),
    }
}

/// Updates a graph with the documents of `inputs` (no default) without
/// extracting the documents it already holds: a known id with the same sha256
/// is skipped, one with a different sha256 replaces the old version, a new id
/// is added; `remove` ids are retracted. The result equals a fresh build over
/// the graph's remaining documents plus the new ones. Fails before changing
/// anything when a retraction cannot be exact (see `graph::RetractCheck`).
/// `rules` may be `None` only when there are no inputs.
pub fn update_from_paths(
    rules: Option<&RuleSet>,
    base: GraphFile,
    extras: Extras,
    remove: &[String],
    inputs: &[PathBuf],
    opts: &Options,
) -> anyhow::Result<(ActorGraph, Vec<String>, UpdateReport)> {
    let max_evidence = update_max_evidence(&base, extras.max_evidence, opts.max_evidence)?;
    let incremental = extras.document_actors.is_some();
    anyhow::ensure!(
        incremental || !opts.incremental,
        "--incremental: the graph was built without it; per-document actor counts cannot be recovered from it: \
         rebuild it with `build --incremental`"
    );
    let actors = extras.document_actors.unwrap_or_default();
    let skipped_duplicates = extras.skipped_duplicates;
    let removals: BTreeSet<String> = remove.iter().cloned().collect();
    let mut report = UpdateReport {
        removed: removals.len() as u64,
        ..Default::default()
    };
    let mut retract = removals.clone();
    let check = RetractCheck::new(&base, incremental.then_some(&actors));
    for id in &removals {
        check.check(id).with_context(|| format!("--remove {id}"))?;
    }
    let mut warnings = Vec::new();
    let mut delta = None;
    if !inputs.is_empty() {
        let rules = rules.context("an update with inputs needs rules")?;
        let known: HashMap<&str, &str> = base
            .documents
            .iter()
            .map(|d| (d.id.as_str(), d.sha256.as_str()))
            .collect();
        let delta_opts = Options {
            max_evidence,
            incremental,
            ..opts.clone()
        };
        let mut failed: Option<anyhow::Error> = None;
        // New documents that copy one of the graph's (same sha256) are duplicates too.
        let mut detector = Detector::new();
        for d in &base.documents {
            detector.remember_exact(&d.id, &d.sha256);
        }
        let (g, w) = run(rules, &delta_opts, detector, |push, warnings| {
            ingest::read_each(inputs, opts.read, warnings, &mut |d| {
                if failed.is_some() {
                    return;
                }
                match known.get(d.id.as_str()) {
                    Some(&sha) if sha == d.sha256 && !removals.contains(&d.id) => report.unchanged += 1,
                    Some(_) => {
                        // Changed, or named by --remove too (re-extracted: a replacement).
                        if removals.contains(&d.id) {
                            report.removed -= 1;
                        } else if let Err(e) = check.check(&d.id) {
                            let what = format!("{}: document {:?} changed", d.origin, d.id);
                            failed = Some(anyhow::Error::new(e).context(what));
                            return;
                        }
                        report.replaced += 1;
                        retract.insert(d.id.clone());
                        push(d);
                    }
                    None => {
                        report.added += 1;
                        push(d);
                    }
                }
            })?;
            Ok(())
        })?;
        if let Some(e) = failed {
            return Err(e);
        }
        warnings = w;
        delta = Some(g);
    }
    drop(check);
    let g = combine(
        base,
        actors,
        skipped_duplicates,
        &retract,
        max_evidence,
        incremental,
        delta,
    )?;
    Ok((g, warnings, report))
}

/// Retracts `retract` from the base graph and merges the newly extracted documents in.
fn combine(
    mut base: GraphFile,
    mut actors: DocumentActors,
    skipped_duplicates: Vec<DuplicateRec>,
    retract: &BTreeSet<String>,
    max_evidence: Option<usize>,
    incremental: bool,
    delta: Option<ActorGraph>,
) -> anyhow::Result<ActorGraph> {
    if !retract.is_empty() {
        graph::retract(&mut base, &mut actors, retract)?;
    }
    let mut g = ActorGraph::new(max_evidence);
    if incremental {
        g.set_incremental();
    }
    let base_extras = Extras {
        max_evidence,
        document_actors: incremental.then_some(actors),
        rules: None,
        skipped_duplicates,
    };
    g.add_file_with(base, base_extras)?;
    if let Some(delta) = delta {
        g.add_file_with(delta.to_file(), delta.extras())?;
    }
    Ok(g)
}

fn run(
    rules: &RuleSet,
    opts: &Options,
    mut detector: Detector,
    feed: impl FnOnce(&mut dyn FnMut(Document), &mut Vec<String>) -> anyhow::Result<()>,
) -> anyhow::Result<(ActorGraph, Vec<String>)> {
    let mut g = ActorGraph::new(opts.max_evidence);
    if opts.incremental {
        g.set_incremental();
    }
    for r in graph::relation_records(rules) {
        g.add_relation_type(r);
    }
    let mut warnings = Vec::new();
    let mut merge_error: Option<MergeError> = None;
    let mut extraction_warnings = Vec::new();
    let mut copies: Vec<(String, DuplicateRec)> = Vec::new();
    let pb = progress_bar(opts.progress);
    let started = Instant::now();
    {
        let g = &mut g;
        let signed = |d: &Document, ex: Extraction| (ex, Signature::of(&d.text));
        let mut batcher = Batcher::with_map(
            rules,
            opts.jobs,
            opts.keep_boilerplate,
            signed,
            |d: &Document, (ex, signature): (Extraction, Signature)| {
                if let Some(dup) = detector.check(&d.id, &d.sha256, signature) {
                    copies.push((d.origin.clone(), duplicate_record(d, dup)));
                    if opts.read.dedupe {
                        return;
                    }
                }
                extraction_warnings.extend(ex.warnings.iter().map(|w| format!("{}: {w}", d.id)));
                if let Err(e) = g.add(rules, d, &ex) {
                    merge_error.get_or_insert(e);
                }
            },
        )?;
        feed(
            &mut |d| {
                if batcher.push(d) {
                    show_progress(&pb, batcher.docs, batcher.total_bytes, started);
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
    warnings.extend(duplicate_warnings(&copies, opts.read.dedupe));
    if opts.read.dedupe {
        for (_, c) in copies {
            g.add_skipped_duplicate(c);
        }
    }
    Ok((g, warnings))
}

pub fn duplicate_record(d: &Document, dup: Duplicate) -> DuplicateRec {
    DuplicateRec {
        id: d.id.clone(),
        path: d.path.clone(),
        sha256: d.sha256.clone(),
        of: dup.of,
        exact: dup.exact,
        similarity: dup.similarity,
    }
}

/// How many copies are named one by one in the warnings.
const COPIES_SHOWN: usize = 10;

/// The copies found, for stderr: the first `COPIES_SHOWN` by name, then a count and what to do.
pub fn duplicate_warnings(copies: &[(String, DuplicateRec)], skipped: bool) -> Vec<String> {
    let mut out: Vec<String> = copies
        .iter()
        .take(COPIES_SHOWN)
        .map(|(origin, c)| {
            let what = match c.exact {
                true => "a copy".to_string(),
                // Rounded down, and below 1: a near copy never reads "1.00".
                false => format!(
                    "a near copy (similarity {:.2})",
                    (c.similarity * 100.0).floor().min(99.0) / 100.0
                ),
            };
            let then = if skipped { "; skipped" } else { "" };
            format!("{origin}: document {:?} is {what} of {:?}{then}", c.id, c.of)
        })
        .collect();
    if copies.len() > COPIES_SHOWN {
        out.push(format!("... and {} more copies", copies.len() - COPIES_SHOWN));
    }
    if !copies.is_empty() && !skipped {
        out.push(format!(
            "{} documents copy earlier ones, and their evidence counts again: --dedupe keeps only the first of each",
            copies.len()
        ));
    }
    out
}
