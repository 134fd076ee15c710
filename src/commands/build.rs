//! `actorgraph build`: read articles, extract, merge, write graph.json and graph.dot.

use clap::Args as ClapArgs;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(ClapArgs, Debug)]
pub struct Args {
    /// Files, directories (walked for .txt/.md) or .jsonl corpora. Default: seeds/
    pub inputs: Vec<PathBuf>,
    /// Rule directory.
    #[arg(long, default_value = "rules")]
    pub rules: PathBuf,
    /// Output directory.
    #[arg(short, long, default_value = "output")]
    pub out: PathBuf,
}

pub fn run(_args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("build is being written")
}
