//! `actorgraph gaps`: what the rules miss (names no actor rule matched,
//! sentences with actors but no relation), as a table or JSON.

use super::thousands;
use crate::dedupe::{Detector, Signature};
use crate::gaps::{Example, Gaps, Report, Scanner};
use crate::ingest;
use crate::pipeline::{progress_bar, show_progress, Batcher, Copies};
use clap::Args as ClapArgs;
use serde_json::json;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(ClapArgs, Debug)]
#[command(
    after_help = "Examples:\n  actorgraph gaps                                   # the seeds with rules/\n  actorgraph gaps ../shared/corpus/news --limit 200\n  actorgraph gaps --rules examples/corporate/rules examples/corporate/articles --json"
)]
pub struct Args {
    /// Files, directories (walked for .txt/.md/.jsonl, sorted) or .jsonl(.gz) corpora. Default: seeds/
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: super::RulesArg,
    #[command(flatten)]
    pub read: super::ReadArgs,
    /// Show the N most frequent names and verbs.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: usize,
    /// Example sentences per verb.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub examples: usize,
    /// One JSON object instead of tables (its shape: README.md, `actorgraph gaps`).
    #[arg(long)]
    pub json: bool,
    /// No progress and no timing; warnings only.
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    super::stdin_once(args.inputs.iter().map(|p| ("INPUT", p.as_path())))?;
    let rules = args.rules.load()?;
    super::check_default_inputs("gaps", &args.inputs)?;
    let scanner = Scanner::new(&rules);
    let mut gaps = Gaps::new(args.examples);
    let mut warnings = Vec::new();
    let mut extraction_warnings = Vec::new();
    let read = args.read.options();
    let pb = progress_bar(!args.quiet && std::io::stderr().is_terminal());
    let started = Instant::now();
    let mut detector = Detector::new();
    let mut copies = Copies::new(false);
    let (docs, bytes) = {
        let gaps = &mut gaps;
        let extraction_warnings = &mut extraction_warnings;
        let scanner = &scanner;
        let mut batcher = Batcher::with_map(
            &rules,
            args.read.jobs,
            args.read.keep_boilerplate,
            |d, ex| {
                let warnings: Vec<String> = ex.warnings.iter().map(|w| format!("{}: {w}", d.id)).collect();
                (scanner.scan(&d.text, &ex), warnings, Signature::of(&d.text))
            },
            |d, (scan, warnings, signature)| {
                // Copies are reported, and with --dedupe not counted again (as in `build`).
                if let Some(dup) = detector.check(&d.id, &d.sha256, signature) {
                    copies.push(d, dup);
                    if read.dedupe {
                        return;
                    }
                }
                extraction_warnings.extend(warnings);
                gaps.add(&d.id, &d.text, scan);
            },
        )?;
        let default = [PathBuf::from("seeds")];
        let inputs = if args.inputs.is_empty() {
            &default[..]
        } else {
            &args.inputs[..]
        };
        ingest::read_each(inputs, read, &mut warnings, &mut |d| {
            if batcher.push(d) {
                show_progress(&pb, batcher.docs, batcher.total_bytes, started);
            }
        })?;
        batcher.flush();
        (batcher.docs, batcher.total_bytes)
    };
    pb.finish_and_clear();
    warnings.extend(copies.warnings(read.dedupe));
    for w in warnings.iter().chain(&extraction_warnings) {
        eprintln!("warning: {w}");
    }
    let duplicates = gaps.likely_duplicates(&rules);
    let report = crate::gaps::Report {
        duplicates,
        ..gaps.report(args.limit)
    };
    if args.json {
        super::print_out(&(serde_json::to_string_pretty(&to_json(&report)).expect("json") + "\n"))?;
    } else {
        super::print_text(&render_table(&report))?;
    }
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "{} documents, {:.1} MB in {secs:.1} s ({:.1} MB/s)",
            thousands(docs),
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs.max(1e-9)
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn example_json(e: &Example, with_actors: bool) -> serde_json::Value {
    if with_actors {
        json!({"doc": e.doc, "sentence": e.sentence, "actors": e.actors})
    } else {
        json!({"doc": e.doc, "sentence": e.sentence})
    }
}

/// The `--json` shape (`actorgraph-gaps` version 1), documented in docs/first-rule-set.md.
pub fn to_json(r: &Report) -> serde_json::Value {
    json!({
        "format": "actorgraph-gaps",
        "version": 1,
        "documents": r.documents,
        "sentences": r.sentences,
        "names": {
            "distinct": r.distinct_names,
            "occurrences": r.name_occurrences,
            "top": r.names.iter().map(|n| json!({
                "name": n.name, "count": n.count, "documents": n.documents,
                "example": example_json(&n.example, false),
            })).collect::<Vec<_>>(),
        },
        "duplicates": r.duplicates.iter().map(|d| json!({
            "id": d.id, "name": d.name, "documents": d.documents, "of": d.of, "of_name": d.of_name, "why": d.why,
        })).collect::<Vec<_>>(),
        "unrelated": {
            "sentences": r.unrelated_sentences,
            "without_verb": r.without_verb,
            "distinct_verbs": r.distinct_verbs,
            "verbs": r.verbs.iter().map(|v| json!({
                "verb": v.verb, "count": v.count,
                "forms": v.forms.iter().map(|(f, c)| json!({"form": f, "count": c})).collect::<Vec<_>>(),
                "examples": v.examples.iter().map(|e| example_json(e, true)).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        },
    })
}

/// Aligned tables for a terminal: the names, then the verbs, each with examples.
pub fn render_table(r: &Report) -> String {
    let mut o = String::new();
    o.push_str(&format!(
        "{}, {}\n\nUnmatched names: {} distinct, {} occurrences{}\n",
        super::counted(r.documents as usize, "document"),
        super::counted(r.sentences as usize, "sentence"),
        thousands(r.distinct_names as u64),
        thousands(r.name_occurrences),
        if r.names.len() < r.distinct_names {
            format!("; the {} most frequent", r.names.len())
        } else {
            String::new()
        }
    ));
    if !r.names.is_empty() {
        let width = r
            .names
            .iter()
            .map(|n| n.name.chars().count())
            .max()
            .unwrap_or(4)
            .clamp(4, 40);
        o.push_str(&format!("{:>7} {:>5}  {:<width$}  EXAMPLE\n", "COUNT", "DOCS", "NAME"));
        for n in &r.names {
            o.push_str(&format!(
                "{:>7} {:>5}  {:<width$}  {}: {}\n",
                thousands(n.count),
                thousands(n.documents),
                n.name,
                n.example.doc,
                n.example.sentence
            ));
        }
    }
    o.push_str(&format!(
        "\nSentences with two or more actors and no relation: {}, {} without a verb; by verb{}\n",
        thousands(r.unrelated_sentences),
        thousands(r.without_verb),
        if r.verbs.len() < r.distinct_verbs {
            format!(
                " (the {} most frequent of {})",
                r.verbs.len(),
                thousands(r.distinct_verbs as u64)
            )
        } else {
            String::new()
        }
    ));
    if !r.verbs.is_empty() {
        o.push_str(&format!("{:>7}  {:<14} FORMS\n", "COUNT", "VERB"));
        for v in &r.verbs {
            let forms: Vec<String> = v.forms.iter().map(|(f, c)| format!("{f} {}", thousands(*c))).collect();
            o.push_str(&format!(
                "{:>7}  {:<14} {}\n",
                thousands(v.count),
                v.verb,
                forms.join(", ")
            ));
            for e in &v.examples {
                o.push_str(&format!(
                    "           {} [{}]: {}\n",
                    e.doc,
                    e.actors.join(", "),
                    e.sentence
                ));
            }
        }
    }
    if !r.duplicates.is_empty() {
        o.push_str(&format!(
            "\nLikely duplicates: {} under a second name (add the spelling as an alias, or the \
             word to [names] honorifics in the lexicon)\n",
            match r.duplicates.len() {
                1 => "1 person".to_string(),
                n => format!("{n} persons"),
            }
        ));
        for d in &r.duplicates {
            o.push_str(&format!(
                "  {} ({}, {} doc{})  ~  {} ({}): {}\n",
                d.id,
                d.name,
                d.documents,
                if d.documents == 1 { "" } else { "s" },
                d.of,
                d.of_name,
                d.why
            ));
        }
    }
    o
}
