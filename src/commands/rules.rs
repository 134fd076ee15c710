//! `actorgraph rules check|list|test`: the rule author's tools.

use crate::rules::{self, Kind, RuleError, RuleErrors};
use clap::{Args as ClapArgs, Subcommand};
use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(ClapArgs, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: RulesCommand,
}

#[derive(Subcommand, Debug)]
pub enum RulesCommand {
    /// Load every rule file and report all problems, with the source line and a caret.
    Check {
        #[command(flatten)]
        rules: super::RulesArg,
    },
    /// The relation inventory with pattern counts, and the actors by kind.
    List {
        #[command(flatten)]
        rules: super::RulesArg,
        /// List every actor id under its kind.
        #[arg(long)]
        actors: bool,
        /// Print every alias string the rules match, one a line (for ripgrep -F -f).
        #[arg(long)]
        aliases: bool,
    },
    /// Run every pattern's examples and counter-examples.
    Test {
        #[command(flatten)]
        rules: super::RulesArg,
        /// Also list patterns that lack a positive or a counter example.
        #[arg(long)]
        strict: bool,
    },
    /// Write the built-in rules into DIR (a new or empty directory), to start editing them.
    #[command(
        after_help = "Example:\n  actorgraph rules export my-rules\n  actorgraph build --rules my-rules articles/"
    )]
    Export {
        /// A directory that does not exist yet or is empty.
        dir: PathBuf,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        RulesCommand::Check { rules } => check(&rules),
        RulesCommand::List { rules, actors, aliases } => list(&rules, actors, aliases),
        RulesCommand::Test { rules, strict } => test(&rules, strict),
        RulesCommand::Export { dir } => export(&dir),
    }
}

/// Renders rule errors with the source line and a caret (no colors unless stderr is a terminal).
pub fn render(errors: &RuleErrors, color: bool) -> String {
    let mut files = SimpleFiles::new();
    let mut ids = std::collections::HashMap::new();
    let mut buf = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let config = term::Config::default();
    for e in &errors.0 {
        let id = *ids.entry(e.file.clone()).or_insert_with(|| {
            // Lossily: an error can be that the file is not UTF-8, and its caret still shows.
            let text = builtin_text(&e.file)
                .unwrap_or_else(|| String::from_utf8_lossy(&std::fs::read(&e.file).unwrap_or_default()).into_owned());
            files.add(e.file.clone(), text)
        });
        let text = files.get(id).map(|f| f.source().clone()).unwrap_or_default();
        let diag = Diagnostic::error().with_message(&e.message);
        let diag = match offset(&text, e) {
            Some((start, end)) => diag.with_labels(vec![Label::primary(id, start..end)]),
            None if e.line > 0 => diag.with_notes(vec![format!("in {}:{}:{}", e.file, e.line, e.column)]),
            None => diag.with_notes(vec![format!("in {}", e.file)]),
        };
        let _ = term::emit(&mut buf, &config, &files, &diag);
    }
    String::from_utf8_lossy(buf.as_slice()).into_owned()
}

/// Byte range of the token at the error's line and column.
fn offset(text: &str, e: &RuleError) -> Option<(usize, usize)> {
    if e.line == 0 {
        return None;
    }
    let line_start: usize = text.split_inclusive('\n').take(e.line - 1).map(str::len).sum();
    let line = text[line_start..].lines().next()?;
    let col = line
        .char_indices()
        .nth(e.column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[col..];
    let len = rest
        .find(['"', '\n', ',', ']', '='])
        .unwrap_or(rest.len())
        .max(1)
        .min(rest.len().max(1));
    let start = line_start + col;
    Some((start, (start + len).min(text.len())))
}

fn check(rules: &super::RulesArg) -> anyhow::Result<ExitCode> {
    let dir = rules.shown();
    let mut o: Vec<u8> = Vec::new();
    match rules.load() {
        Ok(r) => {
            let patterns = r.patterns().count();
            writeln!(
                o,
                "{}: ok: {}, {}, {}, {}, {}",
                dir,
                super::counted(r.files.len(), "file"),
                super::counted(r.actors.len(), "actor"),
                super::counted(r.aliases.len(), "alias"),
                super::counted(r.relations.len(), "relation"),
                super::counted(patterns, "pattern")
            )?;
            super::export::write_output(None, &o)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            eprint!("{}", render(&errors, super::color_stderr()));
            eprintln!(
                "{} error{} in {}",
                errors.0.len(),
                if errors.0.len() == 1 { "" } else { "s" },
                dir
            );
            Ok(ExitCode::from(1))
        }
    }
}

fn list(rules: &super::RulesArg, actors: bool, aliases: bool) -> anyhow::Result<ExitCode> {
    let r = rules.load()?;
    let mut o: Vec<u8> = Vec::new();
    if aliases {
        let mut all: Vec<&str> = r.aliases.iter().map(|a| a.text.as_str()).collect();
        all.sort_unstable();
        all.dedup();
        for a in all {
            writeln!(o, "{a}")?;
        }
        super::export::write_output(None, &o)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        o,
        "{:<12} {:<10} {:<12} {:>8}  {:<18} CAMEO",
        "RELATION", "SYMMETRIC", "POLARITY", "PATTERNS", "PLOVER"
    )?;
    for rel in &r.relations {
        writeln!(
            o,
            "{:<12} {:<10} {:<12} {:>8}  {:<18} {}",
            rel.id,
            if rel.symmetric { "yes" } else { "no" },
            rel.polarity,
            rel.patterns.len(),
            rel.plover.join(","),
            rel.cameo.join(",")
        )?;
    }
    writeln!(o)?;
    for kind in [Kind::State, Kind::Organization, Kind::Group, Kind::Person] {
        let ids: Vec<&str> = r
            .actors
            .iter()
            .filter(|a| a.kind == kind)
            .map(|a| a.id.as_str())
            .collect();
        writeln!(o, "{:<13} {:>5}", kind.as_str(), ids.len())?;
        if actors {
            for id in ids {
                writeln!(o, "  {id}")?;
            }
        }
    }
    super::export::write_output(None, &o)?;
    Ok(ExitCode::SUCCESS)
}

fn test(rules: &super::RulesArg, strict: bool) -> anyhow::Result<ExitCode> {
    let r = rules.load()?;
    let mut o: Vec<u8> = Vec::new();
    let report = crate::ruletest::run(&r);
    for f in &report.failures {
        writeln!(o, "FAIL {} ({}): {}", f.rule, f.location, f.message)?;
    }
    if strict {
        for u in &report.untested {
            writeln!(o, "UNTESTED {u}: needs at least one example and one counter-example")?;
        }
    }
    let failed: std::collections::BTreeSet<&str> = report.failures.iter().map(|f| f.rule.as_str()).collect();
    writeln!(o, "rules: {} passed, {} failed", report.passed.len(), failed.len())?;
    let bad = !failed.is_empty() || (strict && !report.untested.is_empty());
    super::export::write_output(None, &o)?;
    Ok(if bad { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// `rules export DIR`: the built-in rule files, as they were in `rules/` when the binary was built.
fn export(dir: &std::path::Path) -> anyhow::Result<ExitCode> {
    use anyhow::Context;
    let shown = dir.display();
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        if entries.next().is_some() {
            anyhow::bail!("{shown}: not empty: export writes into a new or empty directory");
        }
    } else if dir.exists() {
        anyhow::bail!("{shown}: not a directory");
    }
    for (path, text) in rules::builtin_files() {
        let file = dir.join(path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("{}: cannot create directory", parent.display()))?;
        }
        crate::fsutil::write_atomic(&file, text.as_bytes())
            .with_context(|| format!("{}: cannot write", file.display()))?;
    }
    eprintln!("{} rule files -> {shown}", rules::builtin_files().len());
    Ok(ExitCode::SUCCESS)
}

/// The text of a built-in rule file named in a message (`<built-in>/lexicon.toml`).
fn builtin_text(file: &str) -> Option<String> {
    let rel = file.strip_prefix(rules::BUILTIN_DIR)?.strip_prefix('/')?;
    let (_, text) = rules::builtin_files().iter().find(|(p, _)| *p == rel)?;
    Some(text.to_string())
}
