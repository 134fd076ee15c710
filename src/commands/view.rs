//! `actorgraph view`: write one self-contained interactive HTML page.

use super::export::{load_graph, write_output};
use crate::filter::{self, FilterArgs};
use crate::graphfile::GraphFile;
use crate::picture::{self, PictureArgs};
use crate::view::ViewOptions;
use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(ClapArgs, Debug)]
#[command(after_help = "Examples:\n  \
  actorgraph view                                     # output/graph.html: open it in a browser\n  \
  actorgraph view -o ukraine.html --graph ukraine/graph.json --top 100")]
pub struct Args {
    /// The graph file written by `build` (`-`: read it from stdin).
    #[arg(long, default_value = "output/graph.json")]
    pub graph: PathBuf,
    /// The HTML file to write (`-`: stdout); open it in any browser (no network needed).
    #[arg(short, long, default_value = "output/graph.html")]
    pub output: PathBuf,
    #[command(flatten)]
    pub picture: PictureArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Embed at most N evidence sentences per relation (the first, as graph.json orders them);
    /// 0 embeds all. The page says which relations were cut.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub max_evidence: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let full = load_graph(&args.graph, &FilterArgs::default())?;
    let mut g = filter::apply(&full, &args.filter)?;
    let left_out = picture::prepare(&mut g, &args.picture);
    let mut notes = notes(&full, &g, &args.filter, left_out);
    if let Some(n) = cap_evidence(&mut g, args.max_evidence) {
        notes.push(n);
    }
    let opts = ViewOptions {
        pairs: args.picture.edges.pairs(g.edges.len()),
        notes,
        ..Default::default()
    };
    write_output(
        super::out_file(&args.output),
        crate::view::to_html(&g, &opts).as_bytes(),
    )?;
    eprintln!(
        "wrote {} ({}, {}{})",
        super::shown_out(&args.output),
        super::counted(g.nodes.len(), "actor"),
        super::counted(g.edges.len(), "relation"),
        picture::left_out_note(left_out)
    );
    Ok(ExitCode::SUCCESS)
}

/// Keeps the first `max` evidence records of each edge (0: all), so the page stays a size a
/// browser opens (an 895 MB graph gave a 546 MB page); the note for the page, when any was cut.
pub fn cap_evidence(g: &mut GraphFile, max: usize) -> Option<String> {
    if max == 0 {
        return None;
    }
    let mut cut = 0;
    for e in &mut g.edges {
        if e.evidence.len() > max {
            e.evidence.truncate(max);
            cut += 1;
        }
    }
    (cut > 0).then(|| {
        let (what, show) = match cut {
            1 => ("relation shows", "its"),
            _ => ("relations show", "their"),
        };
        format!("{cut} {what} only {show} first {max} evidence sentences (view --max-evidence N; 0 for all).")
    })
}

/// What the page says it leaves out: the filters, the actors without
/// relations, the evidence a `--max-evidence` build did not keep.
pub fn notes(full: &GraphFile, shown: &GraphFile, f: &FilterArgs, left_out: usize) -> Vec<String> {
    let mut out = vec![];
    let mut flags = vec![];
    if let Some(n) = f.top {
        flags.push(format!("--top {n}"));
    }
    if let Some(n) = f.min_weight {
        flags.push(format!("--min-weight {n}"));
    }
    if !f.relations.is_empty() {
        flags.push(format!("--rel {}", f.relations.join(",")));
    }
    if !f.kinds.is_empty() {
        flags.push(format!("--kind {}", f.kinds.join(",")));
    }
    if f.no_negated {
        flags.push("--no-negated".into());
    }
    if f.no_hedged {
        flags.push("--no-hedged".into());
    }
    if !flags.is_empty() {
        out.push(format!(
            "Filtered with {}: {} of {} actors, {} of {} relations.",
            flags.join(" "),
            shown.nodes.len(),
            full.nodes.len(),
            shown.edges.len(),
            full.edges.len()
        ));
    }
    if left_out > 0 {
        let (what, them) = if left_out == 1 {
            ("actor", "it")
        } else {
            ("actors", "them")
        };
        out.push(format!(
            "{left_out} {what} without relations not shown (actorgraph view --isolated shows {them})."
        ));
    }
    let capped = shown
        .edges
        .iter()
        .filter(|e| e.weight > e.evidence.len() as u64)
        .count();
    if capped > 0 {
        let (what, their) = match capped {
            1 => ("relation keeps", "its"),
            _ => ("relations keep", "their"),
        };
        out.push(format!(
            "{capped} {what} only part of {their} evidence (the graph was built with --max-evidence)."
        ));
    }
    out
}
