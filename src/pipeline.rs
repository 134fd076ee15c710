//! The whole pipeline as one call: read inputs, extract in parallel, merge.
//!
//! Used by `build`, `eval`, `extract` and the tests. Documents stream in from
//! `ingest::read_each` on the calling thread, which decides copies in input
//! order and sends the rest through a bounded channel to the workers (`stream`);
//! each worker extracts the next document as soon as it is free and merges it
//! into its own partial graph, and the partial graphs are merged at the end
//! (`ActorGraph::absorb`, associative and commutative), so memory holds a few
//! documents per worker plus the graphs, and the result is the same for any
//! thread count. `Batcher` (for `extract` and `gaps`, whose output follows the
//! input order) extracts in batches on a rayon pool with an in-order sink.
//! `update_from_paths` extracts only new and changed documents and combines
//! them with an existing graph (retracting replaced and removed documents), so
//! the result equals a fresh build.

use crate::dedupe::{Detector, Duplicate, Signature};
use crate::graph::{self, ActorGraph, MergeError, RetractCheck};
use crate::graphfile::{DocumentActors, DuplicateRec, Extras, GraphFile};
use crate::ingest::{self, Document, ReadOptions};
use crate::reading::{Extraction, Extractor};
use crate::rules::RuleSet;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
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

/// Documents waiting in the channel per worker: enough that a worker never waits for the
/// reader, few enough that memory holds no more than a handful of documents each.
const QUEUE_PER_WORKER: usize = 16;

/// Runs `work` on every document `feed` gives, in a continuous stream: the calling thread
/// runs `feed` (reading, parsing) and sends each document with its number in input order
/// through a bounded channel to `jobs` worker threads, each with its own state from `init`;
/// the states come back in worker order when `feed` is done. A worker takes the next
/// document as soon as it is done with one, so no worker waits for another (no batches).
/// With one job, everything runs on the calling thread.
pub fn stream<S, I, W>(
    jobs: usize,
    init: I,
    work: W,
    feed: impl FnOnce(&mut dyn FnMut(Document)) -> anyhow::Result<()>,
) -> anyhow::Result<Vec<S>>
where
    S: Send,
    I: Fn() -> S + Sync,
    W: Fn(&mut S, u64, &Document) + Sync,
{
    let mut seq = 0u64;
    if jobs <= 1 {
        let mut state = init();
        feed(&mut |d| {
            work(&mut state, seq, &d);
            seq += 1;
        })?;
        return Ok(vec![state]);
    }
    let (tx, rx) = std::sync::mpsc::sync_channel::<(u64, Document)>(jobs * QUEUE_PER_WORKER);
    let rx = std::sync::Mutex::new(rx);
    std::thread::scope(|scope| {
        let (rx, init, work) = (&rx, &init, &work);
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                scope.spawn(move || {
                    let mut state = init();
                    loop {
                        // The lock is held only to take one document (or see the end).
                        let next = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        match next {
                            Ok((n, d)) => work(&mut state, n, &d),
                            Err(_) => return state,
                        }
                    }
                })
            })
            .collect();
        let fed = feed(&mut |d| {
            // A send fails only when every worker is gone (a panic, re-raised below).
            let _ = tx.send((seq, d));
            seq += 1;
        });
        drop(tx);
        let states: Vec<S> = workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect();
        fed.map(|_| states)
    })
}

/// The worker count `-j N` asks for: N, else every core.
pub fn job_count(jobs: Option<usize>) -> usize {
    match jobs {
        Some(n) if n > 0 => n,
        _ => std::thread::available_parallelism().map_or(1, |n| n.get()),
    }
}

/// What a worker of `run` builds: a partial graph of the documents it took, and the
/// extraction warnings and the first merge error, numbered by document for input order.
struct Partial {
    graph: ActorGraph,
    warnings: Vec<(u64, String)>,
    error: Option<(u64, MergeError)>,
}

fn run(
    rules: &RuleSet,
    opts: &Options,
    mut detector: Detector,
    feed: impl FnOnce(&mut dyn FnMut(Document), &mut Vec<String>) -> anyhow::Result<()>,
) -> anyhow::Result<(ActorGraph, Vec<String>)> {
    let new_graph = || {
        let mut g = ActorGraph::new(opts.max_evidence);
        if opts.incremental {
            g.set_incremental();
        }
        g
    };
    let mut warnings = Vec::new();
    let mut copies = Copies::new(opts.read.dedupe);
    let pb = progress_bar(opts.progress);
    let started = Instant::now();
    let extractor = Extractor::new(rules);
    let (done_docs, done_bytes) = (AtomicU64::new(0), AtomicU64::new(0));
    let partials = stream(
        job_count(opts.jobs),
        || Partial {
            graph: new_graph(),
            warnings: Vec::new(),
            error: None,
        },
        |p: &mut Partial, n: u64, d: &Document| {
            let ex = extractor.extract(&d.text, d.date.as_deref(), opts.keep_boilerplate);
            p.warnings
                .extend(ex.warnings.iter().map(|w| (n, format!("{}: {w}", d.id))));
            if let Err(e) = p.graph.add(rules, d, &ex) {
                if p.error.as_ref().is_none_or(|(m, _)| n < *m) {
                    p.error = Some((n, e));
                }
            }
            done_docs.fetch_add(1, Ordering::Relaxed);
            done_bytes.fetch_add(d.text.len() as u64, Ordering::Relaxed);
        },
        |push| {
            let mut shown = Instant::now();
            feed(
                &mut |d| {
                    // Copies are decided here, in input order, so the result does not depend on -j.
                    if let Some(dup) = detector.check(&d.id, &d.sha256, Signature::of(&d.text)) {
                        copies.push(&d, dup);
                        if opts.read.dedupe {
                            return;
                        }
                    }
                    push(d);
                    if opts.progress && shown.elapsed().as_millis() >= 100 {
                        shown = Instant::now();
                        let (docs, bytes) = (done_docs.load(Ordering::Relaxed), done_bytes.load(Ordering::Relaxed));
                        show_progress(&pb, docs, bytes, started);
                    }
                },
                &mut warnings,
            )
        },
    )?;
    pb.finish_and_clear();
    if std::env::var_os("ACTORGRAPH_DEBUG_CACHES").is_some() {
        eprintln!(
            "pattern caches: {:.1} MB, {} temporary",
            rules.cache_bytes() as f64 / 1e6,
            crate::rules::pattern::TEMPORARY_CACHES.load(Ordering::Relaxed)
        );
    }
    // The merge and the writing need no pattern regexes: their caches go before the peak.
    rules.release_caches();
    let mut extraction_warnings = Vec::new();
    let mut first_error: Option<(u64, MergeError)> = None;
    let mut g: Option<ActorGraph> = None;
    for p in partials {
        extraction_warnings.extend(p.warnings);
        if let Some((n, e)) = p.error {
            if first_error.as_ref().is_none_or(|(m, _)| n < *m) {
                first_error = Some((n, e));
            }
        }
        match g.as_mut() {
            None => g = Some(p.graph),
            Some(g) => g.absorb(p.graph)?,
        }
    }
    if let Some((_, e)) = first_error {
        return Err(e.into());
    }
    let mut g = g.unwrap_or_else(new_graph);
    for r in graph::relation_records(rules) {
        g.add_relation_type(r);
    }
    extraction_warnings.sort_by_key(|(n, _)| *n);
    warnings.extend(extraction_warnings.into_iter().map(|(_, w)| w));
    warnings.extend(copies.warnings(opts.read.dedupe));
    if opts.read.dedupe {
        for c in copies.into_records() {
            g.add_skipped_duplicate(c);
        }
    }
    Ok((g, warnings))
}

fn duplicate_record(d: &Document, dup: Duplicate) -> DuplicateRec {
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

/// The copies the reader found, in input order: every record when graph.json lists them
/// (`--dedupe`), else only the first `COPIES_SHOWN` the warnings name, and a count (a
/// corpus of repeated documents has hundreds of thousands of copies).
pub struct Copies {
    records: Vec<(String, DuplicateRec)>,
    count: usize,
    keep_all: bool,
}

impl Copies {
    pub fn new(keep_all: bool) -> Copies {
        Copies {
            records: Vec::new(),
            count: 0,
            keep_all,
        }
    }

    /// Notes that `d` copies an earlier document.
    pub fn push(&mut self, d: &Document, dup: Duplicate) {
        if self.keep_all || self.records.len() < COPIES_SHOWN {
            self.records.push((d.origin.clone(), duplicate_record(d, dup)));
        }
        self.count += 1;
    }

    /// Every copy's record (all of them only when made with `keep_all`).
    pub fn into_records(self) -> impl Iterator<Item = DuplicateRec> {
        self.records.into_iter().map(|(_, c)| c)
    }

    /// The copies found, for stderr: the first `COPIES_SHOWN` by name, then a count and what
    /// to do.
    pub fn warnings(&self, skipped: bool) -> Vec<String> {
        let mut out: Vec<String> = self
            .records
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
        if self.count > COPIES_SHOWN {
            out.push(format!("... and {} more copies", self.count - COPIES_SHOWN));
        }
        if self.count > 0 && !skipped {
            out.push(format!(
                "{} documents copy earlier ones, and their evidence counts again: --dedupe keeps only the first of each",
                self.count
            ));
        }
        out
    }
}
