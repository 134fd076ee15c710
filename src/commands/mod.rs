//! One module per subcommand; each exposes `Args` (clap derive) and
//! `run(args) -> anyhow::Result<ExitCode>`.

pub mod build;
pub mod completions;
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
    /// Keep the first of several documents with the same id (instead of failing), and leave out
    /// documents that copy an earlier one: the same text, or nearly (MinHash similarity of word
    /// 5-shingles >= 0.8). Copies are reported either way.
    #[arg(long)]
    pub dedupe: bool,
}

/// Fails when no INPUT is given and there is no `seeds/` here to read by default (the
/// checkout's sample articles): an installed binary run from another directory would
/// otherwise say only "seeds: no such file or directory".
pub fn check_default_inputs(command: &str, inputs: &[std::path::PathBuf]) -> anyhow::Result<()> {
    if inputs.is_empty() && !Path::new("seeds").exists() {
        anyhow::bail!(
            "no INPUT given, and no seeds/ here to read by default: name the articles to read, \
             e.g. `actorgraph {command} ~/articles/` (files, directories, .jsonl corpora; `-` for stdin)"
        );
    }
    Ok(())
}

/// A count and its noun for reading: "1 document", "1,090,743 documents", "2 aliases" (for
/// nouns whose plural adds -s, or -es after an s).
pub fn counted(n: usize, noun: &str) -> String {
    match (n, noun.ends_with('s')) {
        (1, _) => format!("1 {noun}"),
        (n, false) => format!("{} {noun}s", thousands(n as u64)),
        (n, true) => format!("{} {noun}es", thousands(n as u64)),
    }
}

/// A count for reading: 1090743 -> "1,090,743".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Whether to color what goes to stderr: a terminal, and no `NO_COLOR` (https://no-color.org:
/// set and not empty).
pub fn color_stderr() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// `--rules DIR`, else `ACTORGRAPH_RULES`, else the rules built into the binary.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct RulesArg {
    /// Rule directory [default: the rules built into the binary; `actorgraph rules export DIR` writes them out]
    #[arg(long = "rules", value_name = "DIR", env = "ACTORGRAPH_RULES")]
    pub dir: Option<std::path::PathBuf>,
}

impl RulesArg {
    pub fn load(&self) -> Result<crate::rules::RuleSet, crate::rules::RuleErrors> {
        match &self.dir {
            Some(dir) => crate::rules::load(dir),
            None => crate::rules::load_builtin(),
        }
    }

    /// The directory for messages: DIR, or `<built-in>`.
    pub fn shown(&self) -> String {
        match &self.dir {
            Some(dir) => dir.display().to_string(),
            None => crate::rules::BUILTIN_DIR.to_string(),
        }
    }
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

/// Takes the lock on the graph outputs in `dir` (waiting for another writer) and completes
/// a replacement an interrupted run left half done, with a warning. Every command that
/// writes a graph holds this until its outputs are in place.
pub fn lock_outputs(dir: &Path) -> anyhow::Result<crate::fsutil::DirLock> {
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create output directory", dir.display()))?;
    let lock = crate::fsutil::lock_dir(dir).with_context(|| format!("{}: cannot lock", dir.display()))?;
    if let Some(w) = crate::fsutil::recover(dir).with_context(|| format!("{}: cannot recover", dir.display()))? {
        eprintln!("warning: {w}");
    }
    Ok(lock)
}

/// Before reading the graph file `path`: completes a replacement of the files beside it that
/// an interrupted run left half done (with a warning), so graph.json and graph.dot match.
pub fn settle_outputs(path: &Path) -> anyhow::Result<()> {
    if crate::ingest::is_stdin(path) {
        return Ok(());
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Some(w) = crate::fsutil::settle(dir).with_context(|| format!("{}: cannot recover", dir.display()))? {
        eprintln!("warning: {w}");
    }
    Ok(())
}

/// Writes `OUT/graph.json` (the whole graph, with its optional `extras` keys)
/// and `OUT/graph.dot` (the picture of `view`, the filtered graph:
/// `export::dot::to_picture_dot`), and the `more` files, all replaced as one set
/// (`fsutil::commit`), and unless `quiet` a one-line summary on stderr. Used by
/// `build` and `merge`, which hold the output lock.
pub fn write_graph_outputs(
    graph: &GraphFile,
    extras: &Extras,
    view: &GraphFile,
    out: &Path,
    more: Vec<(std::path::PathBuf, String)>,
    quiet: bool,
) -> anyhow::Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("{}: cannot create output directory", out.display()))?;
    write_graph_files(
        graph,
        extras,
        view,
        &out.join("graph.json"),
        &out.join("graph.dot"),
        more,
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
    more: Vec<(std::path::PathBuf, String)>,
    quiet: bool,
) -> anyhow::Result<()> {
    use crate::fsutil::stage;
    // A rename onto a directory would fail halfway through the set: refuse before writing.
    for p in [json, dot].into_iter().chain(more.iter().map(|(p, _)| p.as_path())) {
        if p.is_dir() {
            anyhow::bail!("{}: cannot write: is a directory", p.display());
        }
    }
    let dot_text = crate::export::dot::to_picture_dot(view);
    let mut staged = Vec::new();
    let mut stage_all = || -> anyhow::Result<()> {
        staged.push(graph.stage_with(json, extras)?);
        staged.push(stage(dot, dot_text.as_bytes()).with_context(|| format!("{}: cannot write", dot.display()))?);
        for (p, text) in &more {
            staged.push(stage(p, text.as_bytes()).with_context(|| format!("{}: cannot write", p.display()))?);
        }
        Ok(())
    };
    if let Err(e) = stage_all() {
        for s in staged {
            s.discard();
        }
        return Err(e);
    }
    crate::fsutil::commit(staged).with_context(|| format!("{}: cannot replace the graph files", json.display()))?;
    if !quiet {
        eprintln!(
            "{}, {}, {} -> {}, {}",
            counted(graph.documents.len(), "document"),
            counted(graph.nodes.len(), "actor"),
            counted(graph.edges.len(), "relation"),
            json.display(),
            dot.display()
        );
    }
    Ok(())
}

/// Stdin can be read once: refuses a second `-` among the inputs a command reads, each given
/// with the argument it came from (`INPUT`, `--graph`, ...).
pub fn stdin_once<'a>(inputs: impl IntoIterator<Item = (&'a str, &'a Path)>) -> anyhow::Result<()> {
    let from: Vec<&str> = inputs
        .into_iter()
        .filter(|(_, p)| crate::ingest::is_stdin(p))
        .map(|(arg, _)| arg)
        .collect();
    if from.len() > 1 {
        let places = match from.iter().all(|a| *a == from[0]) {
            true => format!("{} times as {}", from.len(), from[0]),
            false => format!("as {}", from.join(" and ")),
        };
        anyhow::bail!("`-` (stdin) is given {places}: only one input can come from stdin");
    }
    Ok(())
}

/// A path for messages: `<stdin>` for `-`.
pub fn shown(p: &Path) -> String {
    match crate::ingest::is_stdin(p) {
        true => crate::ingest::STDIN_NAME.to_string(),
        false => p.display().to_string(),
    }
}

/// An output path for messages: `<stdout>` for `-`.
pub fn shown_out(p: &Path) -> String {
    match crate::ingest::is_stdin(p) {
        true => "<stdout>".to_string(),
        false => p.display().to_string(),
    }
}

/// `-o -`: stdout (`None`), else the file.
pub fn out_file(path: &Path) -> Option<&Path> {
    (!crate::ingest::is_stdin(path)).then_some(path)
}

/// Refuses `-o -` for a command that writes a set of files into a directory.
pub fn refuse_stdout_dir(out: Option<&Path>, what: &str) -> anyhow::Result<()> {
    if out.is_some_and(crate::ingest::is_stdin) {
        anyhow::bail!("-o -: {what}, which cannot go to stdout; pass -o DIR");
    }
    Ok(())
}

/// The text a command reads: TEXT as given, or the decoded contents of `--doc FILE`
/// (decoding warnings go to stderr), for `explain` and `parse`. TEXT `-` and `--doc -`
/// read stdin (named `<stdin>` in messages).
pub fn text_or_doc(text: &Option<String>, doc: &Option<std::path::PathBuf>) -> anyhow::Result<String> {
    let stdin = |what: &str| -> anyhow::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
            .with_context(|| format!("{}: cannot read ({what})", crate::ingest::STDIN_NAME))?;
        Ok(bytes)
    };
    let decoded = |bytes: Vec<u8>, shown: &str| {
        let mut warnings = Vec::new();
        let t = crate::ingest::decode(bytes, shown, &mut warnings);
        for w in warnings {
            eprintln!("warning: {w}");
        }
        t
    };
    match (text, doc) {
        (Some(t), _) if t == "-" => Ok(decoded(stdin("TEXT -")?, crate::ingest::STDIN_NAME)),
        (Some(t), _) => Ok(t.clone()),
        (None, Some(p)) if crate::ingest::is_stdin(p) => Ok(decoded(stdin("--doc -")?, crate::ingest::STDIN_NAME)),
        (None, Some(p)) => {
            let bytes = std::fs::read(p).with_context(|| format!("{}: cannot read", p.display()))?;
            let mut warnings = Vec::new();
            let t = crate::ingest::decode(bytes, &p.display().to_string(), &mut warnings);
            for w in warnings {
                eprintln!("warning: {w}");
            }
            Ok(t)
        }
        (None, None) => anyhow::bail!("give a TEXT or --doc FILE"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands() {
        let t = |n| super::thousands(n);
        assert_eq!(
            [t(0), t(999), t(1000), t(65536), t(1090743)],
            ["0", "999", "1,000", "65,536", "1,090,743"]
        );
        let c = |n| super::counted(n, "actor");
        assert_eq!(
            [c(0), c(1), c(2), c(1234)],
            ["0 actors", "1 actor", "2 actors", "1,234 actors"]
        );
        assert_eq!(super::counted(2, "alias"), "2 aliases");
    }
}
