//! `actorgraph completions SHELL` and `actorgraph man`: shell completions
//! (clap_complete) and a man page (clap_mangen) made from the CLI definition
//! itself, so they cannot drift from it.

use clap::Args as ClapArgs;
use std::io::Write;
use std::process::ExitCode;

#[derive(ClapArgs, Debug)]
#[command(after_help = "Examples:\n  \
  actorgraph completions bash > ~/.local/share/bash-completion/completions/actorgraph\n  \
  actorgraph completions zsh > ~/.zfunc/_actorgraph        # with fpath+=~/.zfunc in .zshrc\n  \
  actorgraph completions fish > ~/.config/fish/completions/actorgraph.fish")]
pub struct Args {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(ClapArgs, Debug)]
#[command(after_help = "Examples:\n  \
  actorgraph man | man -l -\n  \
  actorgraph man --dir ~/.local/share/man/man1      # actorgraph.1, actorgraph-build.1, ...; then: man actorgraph-build")]
pub struct ManArgs {
    /// Write one page per command (actorgraph.1, actorgraph-build.1, ...) into DIR instead of
    /// printing actorgraph.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<std::path::PathBuf>,
}

/// Writes the completion script for `args.shell` of `cmd` (the whole CLI) to stdout.
pub fn run(args: Args, mut cmd: clap::Command) -> anyhow::Result<ExitCode> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "actorgraph", &mut out);
    std::io::stdout().write_all(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the man page (roff, section 1) of `cmd`, or writes a page per command into `--dir`.
pub fn man(args: ManArgs, cmd: clap::Command) -> anyhow::Result<ExitCode> {
    use anyhow::Context;
    match &args.dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create directory", dir.display()))?;
            clap_mangen::generate_to(cmd, dir)
                .with_context(|| format!("{}: cannot write the man pages", dir.display()))?;
        }
        None => {
            let mut out = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut out)?;
            std::io::stdout().write_all(&out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
