//! One module per subcommand; each exposes `Args` (clap derive) and
//! `run(args) -> anyhow::Result<ExitCode>`.

pub mod build;
pub mod eval;
pub mod explain;
pub mod export;
pub mod extract;
pub mod merge;
pub mod render;
pub mod rules;
pub mod view;
