//! Small filesystem helpers shared by the commands: atomic writes, files replaced as a set,
//! the output lock, and the cleanup of temporary files.
//!
//! Guarantees (docs/guarantees.md): a regular file is replaced through a temporary file in
//! its directory and a rename, so a reader never sees it half-written; a symbolic link is
//! followed and its target replaced (the link stays); a FIFO, device or other non-regular
//! file is written in place (streamed), never replaced. Files replaced together
//! (`commit`: graph.json, graph.dot, ...) are all renamed under a journal, so that a run
//! killed between two renames is completed by the next (`recover`). Temporary files are
//! removed on failure, on SIGINT/SIGTERM/SIGHUP, and, when a killed run left them, by the
//! next write of the same file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files being written, removed if the process is interrupted.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes the registered temporary files on SIGINT, SIGTERM and SIGHUP, then exits with
/// 128 + the signal's usual number (130 for SIGINT). Called once by `main`.
pub fn remove_temporaries_on_signal() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(pending) = PENDING.lock() {
            for p in pending.iter() {
                let _ = std::fs::remove_file(p);
            }
        }
        std::process::exit(130);
    });
}

/// Registers `path` as a temporary file to remove on interruption (`remove_temporaries_on_signal`).
pub fn register_temporary(path: &Path) {
    if let Ok(mut p) = PENDING.lock() {
        p.push(path.to_path_buf());
    }
}

/// Forgets `path` (it was renamed into place or removed).
pub fn unregister_temporary(path: &Path) {
    if let Ok(mut p) = PENDING.lock() {
        p.retain(|q| q != path);
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory and
/// a rename, so a reader never sees a half-written file and a failed run leaves
/// the previous file intact.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// `write_atomic` for output produced piecewise by `write` (through a
/// buffer), so a large file need not be held in memory first.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    match destination(path)? {
        Destination::Stream(p) => {
            let mut f = std::io::BufWriter::new(std::fs::OpenOptions::new().write(true).open(&p)?);
            write(&mut f)?;
            f.flush()
        }
        Destination::Replace(p) => commit(vec![stage_with(&p, write)?]),
    }
}

enum Destination {
    /// A regular file (or none yet): replace it atomically at this path.
    Replace(PathBuf),
    /// A FIFO, device or socket: write into it.
    Stream(PathBuf),
}

/// Where writing `path` goes: through symbolic links to their target (replacing the target,
/// not the link), into a non-regular file as it is.
fn destination(path: &Path) -> std::io::Result<Destination> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => match std::fs::symlink_metadata(path)?.file_type().is_symlink() {
            true => Ok(Destination::Replace(std::fs::canonicalize(path)?)),
            false => Ok(Destination::Replace(path.to_path_buf())),
        },
        Ok(m) if m.is_dir() => Err(std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a directory")),
        Ok(_) => Ok(Destination::Stream(path.to_path_buf())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A dangling symbolic link: create its target.
            let mut p = path.to_path_buf();
            for _ in 0..40 {
                match std::fs::read_link(&p) {
                    Ok(t) => p = p.parent().map_or(t.clone(), |d| d.join(&t)),
                    Err(_) => return Ok(Destination::Replace(p)),
                }
            }
            Err(std::io::Error::other("too many levels of symbolic links"))
        }
        Err(e) => Err(e),
    }
}

/// A complete, synced temporary file waiting to be renamed onto `dest`.
#[derive(Debug)]
pub struct Staged {
    tmp: PathBuf,
    dest: PathBuf,
}

fn tmp_prefix(dest: &Path) -> String {
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    format!(".{name}.tmp")
}

fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Writes the future content of `dest` (a regular file's path) to a temporary file beside
/// it, synced; `commit` puts it in place. Stale temporary files of `dest` that a killed run
/// left are removed first.
pub fn stage_with(dest: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<Staged> {
    let dir = dir_of(dest);
    remove_stale_temporaries(dir, &tmp_prefix(dest));
    let tmp = dir.join(format!("{}{}", tmp_prefix(dest), std::process::id()));
    register_temporary(&tmp);
    let result = (|| {
        let mut f = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
        write(&mut f)?;
        let f = f.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()
    })();
    match result {
        Ok(()) => Ok(Staged {
            tmp,
            dest: dest.to_path_buf(),
        }),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            unregister_temporary(&tmp);
            Err(e)
        }
    }
}

impl Staged {
    /// Removes the temporary file (the set it belonged to failed).
    pub fn discard(self) {
        let _ = std::fs::remove_file(&self.tmp);
        unregister_temporary(&self.tmp);
    }
}

/// `stage_with` for bytes in memory.
pub fn stage(dest: &Path, bytes: &[u8]) -> std::io::Result<Staged> {
    stage_with(dest, |w| w.write_all(bytes))
}

/// The journal of a set of files being replaced together in `dir`.
pub fn journal_path(dir: &Path) -> PathBuf {
    dir.join(".actorgraph-commit.json")
}

/// Renames every staged file onto its destination. One file is one rename. Several (all in
/// one directory) are renamed under a journal written first: if the run dies between two
/// renames, `recover` on the next run does the rest, so readers of the directory see the
/// old set or the new set.
pub fn commit(staged: Vec<Staged>) -> std::io::Result<()> {
    let cleanup = |staged: &[Staged]| {
        for s in staged {
            let _ = std::fs::remove_file(&s.tmp);
            unregister_temporary(&s.tmp);
        }
    };
    if staged.len() == 1 {
        let s = &staged[0];
        let r = std::fs::rename(&s.tmp, &s.dest);
        if r.is_err() {
            cleanup(&staged);
        }
        unregister_temporary(&s.tmp);
        return r;
    }
    let Some(first) = staged.first() else { return Ok(()) };
    let dir = dir_of(&first.dest).to_path_buf();
    // Absolute paths: the next run may start elsewhere.
    let abs = |p: &Path| std::path::absolute(p).map(|a| a.display().to_string());
    let pairs = staged
        .iter()
        .map(|s| Ok((abs(&s.tmp)?, abs(&s.dest)?)))
        .collect::<std::io::Result<Vec<(String, String)>>>();
    let pairs = match pairs {
        Ok(p) => p,
        Err(e) => {
            cleanup(&staged);
            return Err(e);
        }
    };
    let journal = journal_path(&dir);
    let body = serde_json::to_vec(&pairs).map_err(std::io::Error::from)?;
    if let Err(e) = stage(&journal, &body).and_then(|j| commit(vec![j])) {
        cleanup(&staged);
        return Err(e);
    }
    // From here on the journal owns the temporary files: an interruption leaves them for
    // `recover` to rename.
    for s in &staged {
        unregister_temporary(&s.tmp);
    }
    for s in &staged {
        std::fs::rename(&s.tmp, &s.dest)?;
    }
    sync_dir(&dir);
    std::fs::remove_file(&journal)
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Completes a replacement of several files in `dir` that a killed run began (see
/// `commit`), and says so; `Ok(None)` when there was none.
pub fn recover(dir: &Path) -> std::io::Result<Option<String>> {
    let journal = journal_path(dir);
    let body = match std::fs::read(&journal) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let pairs: Vec<(String, String)> = serde_json::from_slice(&body).map_err(std::io::Error::from)?;
    let mut done = Vec::new();
    for (tmp, dest) in &pairs {
        if Path::new(tmp).exists() {
            std::fs::rename(tmp, dest)?;
        }
        done.push(
            Path::new(dest)
                .file_name()
                .map_or(dest.clone(), |n| n.to_string_lossy().into_owned()),
        );
    }
    sync_dir(dir);
    std::fs::remove_file(&journal)?;
    Ok(Some(format!(
        "{}: an earlier run was interrupted while replacing {}; completed its replacement",
        dir.display(),
        done.join(", ")
    )))
}

/// `recover` for readers: cheap when there is nothing to complete, else under the lock.
pub fn settle(dir: &Path) -> std::io::Result<Option<String>> {
    if !journal_path(dir).exists() {
        return Ok(None);
    }
    let _lock = lock_dir(dir)?;
    recover(dir)
}

/// Removes `DIR/PREFIX<pid>` files whose process is gone (Linux: no `/proc/<pid>`), which a
/// killed run left behind.
fn remove_stale_temporaries(dir: &Path, prefix: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(prefix)) else {
            continue;
        };
        if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if pid != std::process::id().to_string() && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// An exclusive advisory lock on a directory's outputs, held until dropped.
pub struct DirLock {
    _file: std::fs::File,
}

/// The lock file of a directory's graph outputs.
pub fn lock_path(dir: &Path) -> PathBuf {
    dir.join(".actorgraph.lock")
}

/// Takes the exclusive lock on `dir`'s graph outputs (`DIR/.actorgraph.lock`, created if
/// missing and left in place), waiting, with a message, while another process holds it.
pub fn lock_dir(dir: &Path) -> std::io::Result<DirLock> {
    std::fs::create_dir_all(dir)?;
    let path = lock_path(dir);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            eprintln!(
                "waiting for another actorgraph that writes to {} (lock {})",
                dir.display(),
                path.display()
            );
            file.lock()?;
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(e),
    }
    Ok(DirLock { _file: file })
}
