//! Runs Graphviz on DOT text (`render`).
//!
//! Input: DOT, an engine, an output format; output: the image bytes. Graphviz
//! reads the DOT on stdin and writes the image to stdout; anything it prints
//! on stderr (warnings included) is an error, so that a picture with, e.g.,
//! dropped labels or an overlap-removal failure is not taken as good.

use std::io::Write;
use std::process::{Command, Stdio};

/// A Graphviz layout engine (`dot -K`).
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Layered (hierarchical): the default up to 25 actors; very wide beyond.
    Dot,
    /// Multilevel force-directed: the default above 200 actors.
    Sfdp,
    /// Stress majorization: the default from 26 to 200 actors.
    Neato,
    /// Force-directed (Fruchterman-Reingold).
    Fdp,
}

/// Up to this many nodes `render` uses `dot` by default; above, `neato`
/// (measurements in docs/visualization.md: at 50 nodes `dot` is already a
/// 7000-pixel-wide strip, neato fits the same graph in a square).
pub const DOT_MAX_NODES: usize = 25;

/// Above this many nodes `render` uses `sfdp` (multilevel, scales) instead of
/// `neato` (stress majorization, quadratic; 0.9 s at 150 nodes).
pub const NEATO_MAX_NODES: usize = 200;

/// `render` refuses (without `--force`) pictures with more actors than this:
/// Graphviz takes minutes on them (docs/visualization.md, measured).
pub const MAX_NODES: usize = 500;

/// ... or with more lines (relations, or pairs) than this.
pub const MAX_LINES: usize = 1000;

/// Why a picture of `nodes` actors and `lines` lines is too large for
/// Graphviz, or None.
pub fn too_large(nodes: usize, lines: usize) -> Option<String> {
    if nodes > MAX_NODES {
        Some(format!("{nodes} actors to draw (more than {MAX_NODES})"))
    } else if lines > MAX_LINES {
        Some(format!("{lines} lines to draw (more than {MAX_LINES})"))
    } else {
        None
    }
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Dot => "dot",
            Engine::Sfdp => "sfdp",
            Engine::Neato => "neato",
            Engine::Fdp => "fdp",
        }
    }

    /// The engine `render` uses when none is given, for a picture of `nodes`
    /// actors drawn one line per relation or (`pairs`) per actor pair: pairs
    /// are undirected, which `dot`'s layers do not suit (long loops), so
    /// they never get `dot`.
    pub fn for_picture(nodes: usize, pairs: bool) -> Engine {
        match pairs {
            true => Engine::for_size(nodes.max(DOT_MAX_NODES + 1)),
            false => Engine::for_size(nodes),
        }
    }

    /// The engine for `nodes` actors, one line per relation.
    pub fn for_size(nodes: usize) -> Engine {
        if nodes <= DOT_MAX_NODES {
            Engine::Dot
        } else if nodes <= NEATO_MAX_NODES {
            Engine::Neato
        } else {
            Engine::Sfdp
        }
    }

    /// Graph attributes (`-G`) that keep this engine's layout readable; they
    /// override what the DOT file sets.
    pub fn graph_attributes(self) -> &'static [&'static str] {
        match self {
            Engine::Dot => &["rankdir=LR", "nodesep=0.3", "ranksep=0.8"],
            // No `splines=curved|true`: with Graphviz 2.43 they take minutes
            // (curved) or 10x longer (true) at 100 nodes; straight edges are fine.
            Engine::Sfdp | Engine::Neato | Engine::Fdp => &["overlap=prism", "sep=+8"],
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GraphvizError {
    #[error("Graphviz is not installed (`dot` not found on PATH): install it with `apt-get install graphviz` (Debian/Ubuntu) or `brew install graphviz` (macOS)")]
    NotInstalled,
    #[error("cannot run Graphviz: {0}")]
    Io(#[from] std::io::Error),
    #[error("Graphviz ({engine}) failed with {status}:\n{stderr}")]
    Failed {
        engine: &'static str,
        status: std::process::ExitStatus,
        stderr: String,
    },
    #[error("Graphviz ({engine}) printed warnings, treated as errors:\n{stderr}")]
    Warnings { engine: &'static str, stderr: String },
}

/// Output formats `render` accepts, by file extension.
pub const FORMATS: &[&str] = &["svg", "png", "pdf"];

/// Runs `dot -K<engine> -T<format>` on `dot_text` and returns stdout.
pub fn run(dot_text: &str, engine: Engine, format: &str) -> Result<Vec<u8>, GraphvizError> {
    let mut cmd = Command::new("dot");
    cmd.arg(format!("-K{}", engine.name())).arg(format!("-T{format}"));
    for a in engine.graph_attributes() {
        cmd.arg(format!("-G{a}"));
    }
    let mut child = match cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(GraphvizError::NotInstalled),
        r => r?,
    };
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let text = dot_text.to_string();
    // Feed stdin from a thread so a large graph cannot deadlock on full pipes.
    let feeder = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let out = child.wait_with_output()?;
    let fed = feeder.join().expect("stdin thread does not panic");
    let stderr = String::from_utf8_lossy(&out.stderr).trim_end().to_string();
    if !out.status.success() {
        return Err(GraphvizError::Failed {
            engine: engine.name(),
            status: out.status,
            stderr,
        });
    }
    fed?;
    if !stderr.is_empty() {
        return Err(GraphvizError::Warnings {
            engine: engine.name(),
            stderr,
        });
    }
    Ok(out.stdout)
}

#[cfg(test)]
mod tests {
    use super::Engine;

    #[test]
    fn default_engine_by_size() {
        let check = |n, e| assert_eq!(Engine::for_size(n), e, "{n} nodes");
        check(0, Engine::Dot);
        check(25, Engine::Dot);
        check(26, Engine::Neato);
        check(200, Engine::Neato);
        check(201, Engine::Sfdp);
        assert_eq!(Engine::for_picture(10, true), Engine::Neato);
        assert_eq!(Engine::for_picture(10, false), Engine::Dot);
        assert_eq!(Engine::for_picture(300, true), Engine::Sfdp);
    }

    #[test]
    fn too_large_pictures() {
        assert_eq!(super::too_large(500, 1000), None);
        assert_eq!(
            super::too_large(501, 10).as_deref(),
            Some("501 actors to draw (more than 500)")
        );
        assert_eq!(
            super::too_large(100, 1001).as_deref(),
            Some("1001 lines to draw (more than 1000)")
        );
    }
}
