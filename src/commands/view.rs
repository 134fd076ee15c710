//! `actorgraph view`: write one self-contained interactive HTML page.

use super::export::{load_graph, write_output};
use crate::filter::FilterArgs;
use crate::picture::{self, PictureArgs};
use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// The graph file written by `build`.
    #[arg(long, default_value = "output/graph.json")]
    pub graph: PathBuf,
    /// The HTML file to write; open it in any browser (no network needed).
    #[arg(short, long, default_value = "output/graph.html")]
    pub output: PathBuf,
    #[command(flatten)]
    pub picture: PictureArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut g = load_graph(&args.graph, &args.filter)?;
    let left_out = picture::prepare(&mut g, &args.picture);
    write_output(Some(&args.output), crate::view::to_html(&g).as_bytes())?;
    eprintln!(
        "wrote {} ({} actors, {} relations{})",
        args.output.display(),
        g.nodes.len(),
        g.edges.len(),
        picture::left_out_note(left_out)
    );
    Ok(ExitCode::SUCCESS)
}
