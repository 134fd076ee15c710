//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `actorgraph` with none of the environment variables it reads set by the caller's shell.
pub fn command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_actorgraph"));
    c.env_remove("ACTORGRAPH_RULES").env_remove("NO_COLOR");
    c
}

/// Runs `actorgraph ARGS` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    command().args(args).current_dir(dir).output().expect("run actorgraph")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Writes `files` (relative path, content) under a new temp dir.
pub fn temp_tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (p, c) in files {
        let path = dir.path().join(p);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, c).expect("write");
    }
    dir
}

/// `../shared/REL` beside the checkout (the gold sets, corpora and treebanks
/// the tests read; README.md "Tests"), or a panic that says what is missing:
/// a test never passes or skips silently without its data.
pub fn shared(rel: &str) -> PathBuf {
    let p = repo().join("../shared").join(rel);
    assert!(
        p.exists(),
        "{} is missing: the tests read ../shared/{rel}; put the project's shared data (gold/, corpus/ukraine, \
         corpus/news, treebanks/) beside the checkout, as README.md \"Tests\" says",
        p.display()
    );
    p
}
