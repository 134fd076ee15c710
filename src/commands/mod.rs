//! One module per subcommand; each exposes `Args` (clap derive) and
//! `run(args) -> anyhow::Result<ExitCode>`.

pub mod build;
pub mod export;
pub mod render;
pub mod view;
