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

/// Writes `text` to stdout. A write error (a closed pipe, a full disk) is returned, never a
/// panic; `main` exits quietly on a closed pipe and reports any other.
pub fn print_out(text: &str) -> anyhow::Result<()> {
    export::write_output(None, text.as_bytes())
}

/// `print_out` for text that quotes articles (evidence, sentences, names): control characters
/// are made visible first, so an ESC sequence in an article cannot drive the terminal.
pub fn print_text(text: &str) -> anyhow::Result<()> {
    print_out(&visible(text))
}

/// `text` with its control characters made visible: C0 controls other than tab and line feed
/// as their Unicode control pictures (ESC as `␛`, CR as `␍`), DEL as `␡`, C1 controls (which
/// some terminals also obey) as `\u{9b}`.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(bad) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            '\0'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
            '\u{7f}' => out.push('\u{2421}'),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.into()
}

/// Whether `err` comes from writing to a reader that went away (`... | head -1`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

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
