//! `actorgraph extract --jsonl`: the extraction as a stream on stdout (the map step).

use crate::graph::{self, document_records};
use crate::ingest;
use crate::pipeline::Batcher;
use crate::stream::{to_line, Line};
use clap::Args as ClapArgs;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(ClapArgs, Debug)]
#[command(
    after_help = "Examples:\n  actorgraph extract --jsonl seeds > part-0.jsonl\n  actorgraph merge part-*.jsonl -o output\n  cat corpus.jsonl | actorgraph extract --jsonl -   # a map step: JSONL documents on stdin\n  cat article.txt | actorgraph extract --jsonl -      # one text on stdin (id \"stdin\")"
)]
pub struct Args {
    /// Files, directories or .jsonl(.gz) corpora; `-` reads stdin (a JSONL corpus, gzipped or not, or one text).
    pub inputs: Vec<PathBuf>,
    /// Write one JSON line per document, actor mention count and relation instance (required).
    #[arg(long, required = true)]
    pub jsonl: bool,
    #[command(flatten)]
    pub rules: super::RulesArg,
    #[command(flatten)]
    pub read: super::ReadArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    super::stdin_once(args.inputs.iter().map(|p| ("INPUT", p.as_path())))?;
    let rules = args.rules.load()?;
    super::check_default_inputs("extract --jsonl", &args.inputs)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for r in graph::relation_records(&rules) {
        writeln!(out, "{}", to_line(&Line::RelationType(r)))?;
    }
    let mut write_error: Option<std::io::Error> = None;
    let mut documents = 0u64;
    let mut warnings = Vec::new();
    let read = args.read.options();
    {
        let rules = &rules;
        let out = &mut out;
        let mut batcher = Batcher::new(rules, args.read.jobs, args.read.keep_boilerplate, |d, ex| {
            if write_error.is_some() {
                return;
            }
            documents += 1;
            for rec in document_records(rules, d, &ex) {
                if let Err(e) = writeln!(out, "{}", to_line(&rec.into())) {
                    write_error = Some(e);
                    return;
                }
            }
        })?;
        let default = [PathBuf::from("seeds")];
        let inputs = if args.inputs.is_empty() {
            &default[..]
        } else {
            &args.inputs[..]
        };
        ingest::read_each(inputs, read, &mut warnings, &mut |d| {
            batcher.push(d);
        })?;
        batcher.flush();
    }
    for w in warnings {
        eprintln!("warning: {w}");
    }
    if write_error.is_none() {
        // The end line: `merge` checks the count, so a cut stream is noticed.
        let end = Line::End {
            documents,
            rules: rules.fingerprint(),
        };
        if let Err(e) = writeln!(out, "{}", to_line(&end)) {
            write_error = Some(e);
        }
    }
    if let Some(e) = write_error {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(e.into());
        }
    }
    if let Err(e) = out.flush() {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(anyhow::Error::from(e).context("cannot write to stdout"));
        }
    }
    Ok(ExitCode::SUCCESS)
}
