//! Reading documents: walks inputs, decodes text, finds datelines, splits sentences.
//!
//! Input: paths given on the command line (files, directories walked for
//! `.txt`/`.md` in sorted order, `.jsonl` corpora). Output: `Document`s with
//! their text exactly as stored (lossily decoded, with a warning, when not
//! UTF-8) and warnings. Sentence spans are byte ranges into that text. This
//! module knows nothing about rules or actors.

use regex::Regex;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    /// The file it was read from, or a JSONL document's `url` (null otherwise), as stored in graph.json.
    pub path: Option<String>,
    /// Where it was read from, for messages: the file, or `corpus.jsonl:LINE`.
    pub origin: String,
    pub text: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub sha256: String,
}

impl Document {
    /// Builds a document from text, finding a dateline when no date is given.
    pub fn new(id: &str, path: Option<String>, text: String, title: Option<String>, date: Option<String>) -> Document {
        let origin = path.clone().unwrap_or_else(|| id.to_string());
        let date = date.and_then(|d| normalize_date(&d)).or_else(|| find_dateline(&text));
        let sha256 = hex(&Sha256::digest(text.as_bytes()));
        Document {
            id: id.to_string(),
            path,
            origin,
            text,
            title,
            date,
            sha256,
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{path}: no such file or directory")]
    Missing { path: String },
    #[error("{path}: cannot read: {cause}")]
    Read { path: String, cause: std::io::Error },
    #[error("{path}:{line}: {message}")]
    BadLine { path: String, line: usize, message: String },
    #[error("{path}:{line}: duplicate document id {id:?} (first seen in {first})")]
    DuplicateId {
        path: String,
        line: usize,
        id: String,
        first: String,
    },
}

/// How to treat problems in the input.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// Warn about a malformed JSONL line and go on, instead of failing.
    pub skip_bad_lines: bool,
    /// Keep the first of several documents with the same id (warning), instead of failing.
    pub dedupe: bool,
}

/// Reads every document named by `inputs`, in order, into memory.
pub fn read_inputs(inputs: &[PathBuf], warnings: &mut Vec<String>) -> Result<Vec<Document>, IngestError> {
    let mut docs = Vec::new();
    read_each(inputs, ReadOptions::default(), warnings, &mut |d| docs.push(d))?;
    Ok(docs)
}

/// Streams every document named by `inputs`, in order, to `f`: memory does not
/// grow with the corpus. Warnings (lossy decoding, skipped files and lines)
/// are appended to `warnings`.
pub fn read_each(
    inputs: &[PathBuf],
    opts: ReadOptions,
    warnings: &mut Vec<String>,
    f: &mut dyn FnMut(Document),
) -> Result<(), IngestError> {
    let mut seen: std::collections::HashMap<String, String> = Default::default();
    let mut emit = |d: Document, warnings: &mut Vec<String>| -> Result<(), IngestError> {
        let here = d.origin.clone();
        if let Some(first) = seen.get(&d.id) {
            if opts.dedupe {
                warnings.push(format!(
                    "{here}: duplicate document id {:?} (first seen in {first}); skipped",
                    d.id
                ));
                return Ok(());
            }
            let (path, line) = split_location(&here);
            return Err(IngestError::DuplicateId {
                path,
                line,
                id: d.id.clone(),
                first: first.clone(),
            });
        }
        seen.insert(d.id.clone(), here);
        f(d);
        Ok(())
    };
    for input in inputs {
        read_input(input, opts, warnings, &mut emit)?;
    }
    Ok(())
}

type Emit<'a> = dyn FnMut(Document, &mut Vec<String>) -> Result<(), IngestError> + 'a;

fn split_location(loc: &str) -> (String, usize) {
    match loc.rsplit_once(':') {
        Some((p, l)) if l.parse::<usize>().is_ok() => (p.to_string(), l.parse().unwrap_or(0)),
        _ => (loc.to_string(), 0),
    }
}

fn read_input(input: &Path, opts: ReadOptions, warnings: &mut Vec<String>, emit: &mut Emit) -> Result<(), IngestError> {
    if is_stdin(input) {
        return read_stdin(opts, warnings, emit);
    }
    let shown = input.display().to_string();
    let meta = std::fs::metadata(input).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => IngestError::Missing { path: shown.clone() },
        _ => IngestError::Read {
            path: shown.clone(),
            cause: e,
        },
    })?;
    if meta.is_dir() {
        let files = walk(input, warnings);
        for f in files {
            let rel: Vec<String> = f
                .strip_prefix(input)
                .unwrap_or(&f)
                .iter()
                .map(|c| path_id(Path::new(c)))
                .collect();
            let rel = rel.join("/");
            if is_jsonl(&f) {
                read_jsonl(&f, opts, warnings, emit)?;
            } else {
                // Inside a directory, an unreadable file is skipped with a warning.
                match read_text_file(&f, &rel, warnings) {
                    Ok(Some(d)) => emit(d, warnings)?,
                    Ok(None) => {}
                    Err(e) => warnings.push(format!("{e}; skipped")),
                }
            }
        }
        return Ok(());
    }
    if is_jsonl(input) {
        return read_jsonl(input, opts, warnings, emit);
    }
    let name = input.file_name().map(|n| path_id(Path::new(n))).unwrap_or(shown);
    if let Some(d) = read_text_file(input, &name, warnings)? {
        emit(d, warnings)?;
    }
    Ok(())
}

/// A path as a document id: UTF-8 as it is, each byte that is not valid UTF-8 as `\xHH`, so
/// two names that differ only in such bytes stay two ids.
pub fn path_id(p: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in p.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        p.to_string_lossy().into_owned()
    }
}

fn is_jsonl(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    name.ends_with(".jsonl") || name.ends_with(".jsonl.gz")
}

/// Collects the `.txt`, `.md` and `.jsonl` files under `dir`, following symbolic links. A link
/// back to a directory being walked (a loop) is reported once and not followed; a file reached
/// twice (through links) is read once; FIFOs, sockets and devices are skipped with a warning
/// (reading a FIFO would block).
/// The `.txt`, `.md` and `.jsonl` files under `dir` in sorted order, following symbolic links. A
/// link back to a directory being walked (a loop) is reported and not followed; a file reached
/// twice (through links) is read once, under its first path in sorted order; FIFOs, sockets
/// and devices are skipped with a warning (reading a FIFO would block).
fn walk(dir: &Path, warnings: &mut Vec<String>) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(true) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e.path().unwrap_or(dir).display().to_string();
                match e.loop_ancestor() {
                    Some(a) => warnings.push(format!(
                        "{at}: symbolic link loop (back to {}); not followed",
                        a.display()
                    )),
                    None => warnings.push(format!(
                        "{at}: cannot read: {}; skipped",
                        e.io_error().map_or_else(|| e.to_string(), |io| io.to_string())
                    )),
                }
                continue;
            }
        };
        let p = entry.path();
        let wanted = is_jsonl(p) || p.extension().is_some_and(|e| e == "txt" || e == "md");
        let ft = entry.file_type();
        if ft.is_dir() || !wanted {
            continue;
        }
        if !ft.is_file() {
            warnings.push(format!(
                "{}: not a regular file (FIFO, socket or device); skipped",
                p.display()
            ));
            continue;
        }
        found.push((p.to_path_buf(), file_key(&entry)));
    }
    found.sort();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (p, key) in found {
        if key.is_some_and(|k| !seen.insert(k)) {
            warnings.push(format!(
                "{}: the same file as one read already (a link); skipped",
                p.display()
            ));
            continue;
        }
        out.push(p);
    }
    out
}

/// The device and inode of a file, which name it whatever the path.
#[cfg(unix)]
fn file_key(entry: &walkdir::DirEntry) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    entry.metadata().ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_key(_: &walkdir::DirEntry) -> Option<(u64, u64)> {
    None
}

/// Decodes bytes as UTF-8; invalid sequences are replaced and reported.
pub fn decode(bytes: Vec<u8>, path: &str, warnings: &mut Vec<String>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            warnings.push(format!(
                "{path}: invalid UTF-8 at byte {at}; decoded lossily (U+FFFD for each bad sequence: bytes, \
                 sha256 and offsets in graph.json are of the decoded text)"
            ));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

/// How much of a file is read before deciding whether it is text: a NUL byte in it (outside
/// UTF-16) makes the file binary, and `/dev/zero` or a huge binary is never read further.
const SNIFF_BYTES: usize = 8192;

fn read_text_file(path: &Path, id: &str, warnings: &mut Vec<String>) -> Result<Option<Document>, IngestError> {
    let shown = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|cause| IngestError::Read {
        path: shown.clone(),
        cause,
    })?;
    read_text(file, Vec::new(), &shown, warnings)
        .map(|t| t.map(|text| Document::new(id, Some(shown), text, None, None)))
}

/// The text of `reader` (after the bytes already read, `bytes`), decoded: UTF-16 with a byte
/// order mark, else UTF-8 (lossily, with a warning). `None` for binary (a NUL byte in the
/// first `SNIFF_BYTES` outside UTF-16), which is then never read further.
fn read_text(
    mut reader: impl std::io::Read,
    mut bytes: Vec<u8>,
    shown: &str,
    warnings: &mut Vec<String>,
) -> Result<Option<String>, IngestError> {
    use std::io::Read;
    let err = |cause| IngestError::Read {
        path: shown.to_string(),
        cause,
    };
    if bytes.len() < SNIFF_BYTES {
        let more = (SNIFF_BYTES - bytes.len()) as u64;
        reader.by_ref().take(more).read_to_end(&mut bytes).map_err(err)?;
    }
    let utf16 = encoding_rs::Encoding::for_bom(&bytes).filter(|(e, _)| *e != encoding_rs::UTF_8);
    if utf16.is_none() && bytes[..bytes.len().min(SNIFF_BYTES)].contains(&0) {
        warnings.push(format!("{shown}: binary file (NUL byte); skipped"));
        return Ok(None);
    }
    if bytes.len() >= SNIFF_BYTES {
        reader.read_to_end(&mut bytes).map_err(err)?;
    }
    if bytes.is_empty() {
        warnings.push(format!("{shown}: empty file"));
    }
    let text = match utf16 {
        Some((enc, bom)) => {
            let (text, bad) = enc.decode_without_bom_handling(&bytes[bom..]);
            if bad {
                warnings.push(format!("{shown}: invalid {} decoded lossily", enc.name()));
            }
            text.into_owned()
        }
        None => decode(bytes, shown, warnings),
    };
    Ok(Some(text))
}

/// How stdin is named in messages, as ripgrep names it.
pub const STDIN_NAME: &str = "<stdin>";

/// The id of the document a text on stdin gives (its graph.json `path` is null).
pub const STDIN_ID: &str = "stdin";

/// Whether an input path means stdin (`-`; a file named `-` is `./-`).
pub fn is_stdin(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// Reads documents from stdin, deciding by content what it holds: gzip-compressed bytes are a
/// JSONL corpus, so is text whose first character (after a byte order mark and white space)
/// is `{`; anything else is one text document (id `stdin`), read as a named text file is.
/// Messages name it `<stdin>` (and `<stdin>:LINE` for JSONL lines).
fn read_stdin(opts: ReadOptions, warnings: &mut Vec<String>, emit: &mut Emit) -> Result<(), IngestError> {
    use std::io::Read;
    let shown = STDIN_NAME;
    let err = |cause| IngestError::Read {
        path: shown.to_string(),
        cause,
    };
    let mut stdin = std::io::stdin().lock();
    // Read until the first character that is not white space decides (or 8 kB, or the end).
    let mut head = Vec::new();
    let mut chunk = [0u8; 4096];
    let kind = loop {
        if let Some(k) = stdin_kind(&head, false) {
            break k;
        }
        let n = match stdin.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(err(e)),
        };
        if n == 0 {
            break stdin_kind(&head, true).unwrap_or(StdinKind::Text);
        }
        head.extend_from_slice(&chunk[..n]);
    };
    match kind {
        StdinKind::Text => {
            if let Some(text) = read_text(stdin, head, shown, warnings)? {
                let mut d = Document::new(STDIN_ID, None, text, None, None);
                d.origin = shown.to_string();
                emit(d, warnings)?;
            }
            Ok(())
        }
        StdinKind::Jsonl => {
            let reader = std::io::BufReader::with_capacity(1 << 20, std::io::Cursor::new(head).chain(stdin));
            read_jsonl_from(Box::new(reader), shown, opts, warnings, emit)
        }
        StdinKind::Gzip => {
            let gz = flate2::read::MultiGzDecoder::new(std::io::Cursor::new(head).chain(stdin));
            let reader = std::io::BufReader::with_capacity(1 << 20, gz);
            read_jsonl_from(Box::new(reader), shown, opts, warnings, emit)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StdinKind {
    Text,
    Jsonl,
    Gzip,
}

/// What stdin holds, from its first bytes `head`; `None` while undecided (only white space so
/// far, fewer than `SNIFF_BYTES`, and not at the end).
fn stdin_kind(head: &[u8], end: bool) -> Option<StdinKind> {
    if head.starts_with(&[0x1f, 0x8b]) {
        return Some(StdinKind::Gzip);
    }
    if head.len() < 2 && !end {
        return None;
    }
    if encoding_rs::Encoding::for_bom(head).is_some_and(|(e, _)| e != encoding_rs::UTF_8) {
        // UTF-16 text (a JSONL corpus in UTF-16 is refused by the JSONL reader).
        let json = head.len() > 2 && (head[2..].starts_with(b"{\0") || head[2..].starts_with(b"\0{"));
        return Some(if json { StdinKind::Jsonl } else { StdinKind::Text });
    }
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Some(StdinKind::Jsonl),
        Some(_) => Some(StdinKind::Text),
        None if end || head.len() >= SNIFF_BYTES => Some(StdinKind::Text),
        None => None,
    }
}

#[derive(Deserialize)]
struct JsonlDoc {
    id: Option<serde_json::Value>,
    text: Option<String>,
    title: Option<String>,
    date: Option<String>,
    url: Option<String>,
}

fn read_jsonl(path: &Path, opts: ReadOptions, warnings: &mut Vec<String>, emit: &mut Emit) -> Result<(), IngestError> {
    let shown = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|cause| IngestError::Read {
        path: shown.clone(),
        cause,
    })?;
    let gz = path.to_string_lossy().to_lowercase().ends_with(".gz");
    let reader: Box<dyn std::io::BufRead> = if gz {
        Box::new(std::io::BufReader::with_capacity(
            1 << 20,
            flate2::read::MultiGzDecoder::new(file),
        ))
    } else {
        Box::new(std::io::BufReader::with_capacity(1 << 20, file))
    };
    read_jsonl_from(reader, &shown, opts, warnings, emit)
}

/// Reads a JSONL corpus from `reader`; `shown` names it in messages (`shown:LINE`).
fn read_jsonl_from(
    mut reader: Box<dyn std::io::BufRead + '_>,
    shown: &str,
    opts: ReadOptions,
    warnings: &mut Vec<String>,
    emit: &mut Emit,
) -> Result<(), IngestError> {
    use std::io::BufRead;
    let shown = shown.to_string();
    let mut buf = Vec::new();
    let mut line_no = 0;
    // Bad dates are named for the first few lines of a file, then counted (a corpus can
    // date every line in a format of its own).
    const NAMED_BAD_DATES: usize = 3;
    let mut bad_dates = 0usize;
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(|cause| IngestError::Read {
            path: shown.clone(),
            cause,
        })?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let here = format!("{shown}:{line_no}");
        if line_no == 1 {
            if buf.starts_with(&[0xFF, 0xFE]) || buf.starts_with(&[0xFE, 0xFF]) {
                return Err(IngestError::BadLine {
                    path: shown.clone(),
                    line: 1,
                    message: "UTF-16 (byte order mark): a JSONL corpus must be UTF-8; convert it with \
                              `iconv -f UTF-16 -t UTF-8`"
                        .into(),
                });
            }
            if buf.starts_with(b"\xEF\xBB\xBF") {
                buf.drain(..3);
            }
        }
        let line = decode(std::mem::take(&mut buf), &here, warnings);
        if line.trim().is_empty() {
            continue;
        }
        match jsonl_document(&line) {
            Ok((mut d, bad_date)) => {
                if let Some(date) = bad_date {
                    bad_dates += 1;
                    if bad_dates <= NAMED_BAD_DATES {
                        warnings.push(format!(
                            "{here}: \"date\" {date:?} is not a date (2025-02-27, 2025-02, February 27, 2025); ignored"
                        ));
                    }
                }
                d.origin = here;
                emit(d, warnings)?
            }
            Err(message) if opts.skip_bad_lines => warnings.push(format!("{here}: {message}; line skipped")),
            Err(message) => {
                return Err(IngestError::BadLine {
                    path: shown.clone(),
                    line: line_no,
                    message,
                })
            }
        }
    }
    if bad_dates > NAMED_BAD_DATES {
        warnings.push(format!(
            "{shown}: {} more lines with a \"date\" that is not a date; ignored",
            bad_dates - NAMED_BAD_DATES
        ));
    }
    Ok(())
}

/// Parses one JSONL corpus line (`id`, `text`, optional `title`, `date`, `url`)
/// into a document; the error says what is wrong with the line.
pub fn document_from_jsonl_line(line: &str) -> Result<Document, String> {
    jsonl_document(line).map(|(d, _)| d)
}

/// `document_from_jsonl_line`, also giving the line's `date` when it is not a date (the
/// document's date then comes from a dateline, if any). An empty `date` is no date, as
/// `null` is: corpora write `""` for an unknown date, and a warning would be noise.
fn jsonl_document(line: &str) -> Result<(Document, Option<String>), String> {
    let d: JsonlDoc = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let id = match d.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        None => return Err("no \"id\" field".into()),
        _ => return Err("\"id\" must be a non-empty string or a number".into()),
    };
    let body = d.text.ok_or_else(|| format!("document {id:?} has no \"text\" field"))?;
    let bad_date = d
        .date
        .as_deref()
        .filter(|s| !s.trim().is_empty() && normalize_date(s).is_none())
        .map(String::from);
    Ok((Document::new(&id, d.url, body, d.title, d.date), bad_date))
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    if n.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&n) || n.starts_with(m))
        .map(|i| i as u32 + 1)
}

/// Normalizes a date given in metadata: `2025-02-27`, `2025-02-27T10:00:00Z`,
/// `2025-02`, `February 16, 2025`, `27 February 2025`.
pub fn normalize_date(s: &str) -> Option<String> {
    find_date_in(s.trim())
}

fn date_regexes() -> &'static [Regex; 3] {
    static RE: OnceLock<[Regex; 3]> = OnceLock::new();
    RE.get_or_init(|| {
        let month = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";
        [
            Regex::new(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?(?:T|\b)").expect("iso date regex"),
            Regex::new(&format!(r"\b([0-3]?\d)(?:st|nd|rd|th)? {month},? ((?:19|20)\d\d)\b")).expect("dmy regex"),
            Regex::new(&format!(r"\b{month} ([0-3]?\d)(?:st|nd|rd|th)?,? ((?:19|20)\d\d)\b")).expect("mdy regex"),
        ]
    })
}

fn find_date_in(s: &str) -> Option<String> {
    let [iso, dmy, mdy] = date_regexes();
    let mut best: Option<(usize, String)> = None;
    let mut consider = |pos: usize, date: Option<String>| {
        if let Some(d) = date {
            if best.as_ref().is_none_or(|(p, _)| pos < *p) {
                best = Some((pos, d));
            }
        }
    };
    if let Some(c) = iso.captures(s) {
        let d = match c.get(3) {
            Some(day) => format!("{}-{}-{}", &c[1], &c[2], day.as_str()),
            None => format!("{}-{}", &c[1], &c[2]),
        };
        consider(c.get(0).map_or(0, |m| m.start()), Some(d));
    }
    if let Some(c) = dmy.captures(s) {
        let d = ymd(&c[3], &c[2], &c[1]);
        consider(c.get(0).map_or(0, |m| m.start()), d);
    }
    if let Some(c) = mdy.captures(s) {
        let d = ymd(&c[3], &c[1], &c[2]);
        consider(c.get(0).map_or(0, |m| m.start()), d);
    }
    best.map(|(_, d)| d)
}

fn ymd(year: &str, month: &str, day: &str) -> Option<String> {
    let m = month_number(month.trim_end_matches('.'))?;
    let d: u32 = day.parse().ok()?;
    (1..=31).contains(&d).then(|| format!("{year}-{m:02}-{d:02}"))
}

/// Looks for a dateline in the first lines of a document.
pub fn find_dateline(text: &str) -> Option<String> {
    text.split(is_line_break)
        .filter(|l| !l.trim().is_empty())
        .take(12)
        .find_map(|l| {
            if l.len() > 200 {
                return None;
            }
            find_date_in(l)
        })
}

/// Words ending in a period that do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "sen", "rep", "gov", "st", "jr", "sr",
    "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp",
    "co", "ltd", "dept", "adm", "amb", "pres", "approx", "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "u.s.a",
];

/// The longest sentence in bytes. Real sentences stay far below it (the longest
/// in the seeds and the Ukraine corpus has 1,516 bytes; 99.9% of the news
/// corpus's are under 900); longer "sentences" are tables, lists and exports
/// without line breaks, whose reading would cost time quadratic in their
/// length. `split_sentences` cuts them into pieces of at most this size.
pub const MAX_SENTENCE_BYTES: usize = 2_000;

/// Whether `c` ends a line: LF, CR (a CR LF pair gives an empty line between, which
/// holds no sentence), NEL, and the Unicode line and paragraph separators.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Splits a text into sentences: byte spans (half-open), trimmed of spaces and
/// list bullets. Line breaks (`is_line_break`: LF, CR, U+2028, U+2029, NEL)
/// always end a sentence (headlines, bullets and paragraphs broken by single
/// line breaks); within a line, `.`, `!`, `?` (and a closing quote or bracket)
/// followed by a space end one unless the word is an abbreviation or an
/// initial. A sentence longer than `MAX_SENTENCE_BYTES` is cut into pieces of
/// at most that size, each at the last space in its second half (else at the
/// last character boundary), so reading time stays linear in the text.
pub fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive(is_line_break) {
        split_line(text, line_start, line_start + line.len(), &mut out);
        line_start += line.len();
    }
    out
}

/// The length of footnote markers right after a sentence's end, which belong to it:
/// "[12]", "[[xxxiii]](https://...)" (web reports), or a bare "59" before a space.
fn citation_len(rest: &str) -> usize {
    let mut n = 0;
    loop {
        let r = &rest[n..];
        if r.starts_with('[') {
            let close = if r.starts_with("[[") {
                r.find("]]").map(|k| k + 2)
            } else {
                r.find(']').map(|k| k + 1)
            };
            let Some(mut k) = close.filter(|&k| k <= 64) else { break };
            if r[k..].starts_with('(') {
                match r[k..].find(')') {
                    Some(p) => k += p + 1,
                    None => break,
                }
            }
            n += k;
        } else {
            let digits = r.bytes().take_while(u8::is_ascii_digit).count();
            if (1..=3).contains(&digits) && r.as_bytes().get(digits) == Some(&b' ') && n == 0 {
                n += digits;
            }
            break;
        }
    }
    n
}

fn split_line(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let line = &text[start..end];
    let bytes = line.as_bytes();
    let mut sent_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'.' || c == b'!' || c == b'?' {
            // Include closing quotes / brackets after the terminator.
            let mut j = i + 1;
            while j < bytes.len() {
                let rest = &line[j..];
                let skip = ['"', '\'', ')', ']', '”', '’', '»']
                    .iter()
                    .find(|q| rest.starts_with(**q))
                    .map(|q| q.len_utf8());
                match skip {
                    Some(n) => j += n,
                    None => break,
                }
            }
            j += citation_len(&line[j..]);
            let followed_by_space = j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t');
            if followed_by_space && c == b'.' && is_abbreviation(&line[sent_start..i]) {
                i = j;
                continue;
            }
            if followed_by_space {
                let next = line[j..].trim_start();
                let starts_sentence = next
                    .chars()
                    .next()
                    .is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit() || "\"'“‘«([—–-•".contains(ch));
                if starts_sentence {
                    push_trimmed(text, start + sent_start, start + j, out);
                    sent_start = j;
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start + sent_start, end, out);
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let w = word.to_ascii_lowercase();
    if w.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true; // an initial: "J. D. Vance"
    }
    ABBREVIATIONS.contains(&w.as_str()) || (w.contains('.') && w.len() <= 5)
}

/// Pushes the sentence `s..e`, trimmed, cut into pieces of at most `MAX_SENTENCE_BYTES`.
fn push_trimmed(text: &str, mut s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    while e - s > MAX_SENTENCE_BYTES {
        let mut cut = s + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut half = s + MAX_SENTENCE_BYTES / 2;
        while !text.is_char_boundary(half) {
            half += 1;
        }
        if let Some(k) = text[half..cut].rfind(char::is_whitespace) {
            cut = half + k;
        }
        push_piece(text, s, cut, out);
        s = cut;
    }
    push_piece(text, s, e, out);
}

fn push_piece(text: &str, mut s: usize, mut e: usize, out: &mut Vec<(usize, usize)>) {
    let seg = &text[s..e];
    let lead = seg.len()
        - seg
            .trim_start_matches(|c: char| c.is_whitespace() || c == '•' || c == '·' || c == '*')
            .len();
    s += lead;
    let seg = &text[s..e];
    e = s + seg.trim_end().len();
    if e > s && text[s..e].chars().any(|c| c.is_alphanumeric()) {
        out.push((s, e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_split(text: &str, expected: &[&str]) {
        let got: Vec<&str> = split_sentences(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn splits_sentences() {
        check_split(
            "The U.S. said no. Mr. Smith left.",
            &["The U.S. said no.", "Mr. Smith left."],
        );
        check_split(
            "Headline without period\nBody one. Body two.",
            &["Headline without period", "Body one.", "Body two."],
        );
        check_split("  • What can it do?\n  • Nothing.", &["What can it do?", "Nothing."]);
        check_split(
            "J. D. Vance spoke. Then \"Go.\" He left.",
            &["J. D. Vance spoke.", "Then \"Go.\"", "He left."],
        );
        check_split("It rose 3.5 percent. Ok", &["It rose 3.5 percent.", "Ok"]);
        check_split("He said “no.” Then left.", &["He said “no.”", "Then left."]);
        // Footnote markers stay with the sentence they follow.
        check_split(
            "In the future.[[xxxiii]](https://x.org/a#b) ISW continues.[12] Russia said.59 The end.",
            &[
                "In the future.[[xxxiii]](https://x.org/a#b)",
                "ISW continues.[12]",
                "Russia said.59",
                "The end.",
            ],
        );
        check_split("It costs $1.5 billion. Ok", &["It costs $1.5 billion.", "Ok"]);
    }

    #[test]
    fn every_line_break_ends_a_sentence() {
        check_split(
            "One\rTwo\r\nThree\u{2028}Four\u{2029}Five\u{85}Six",
            &["One", "Two", "Three", "Four", "Five", "Six"],
        );
        assert_eq!(
            find_dateline("Title\rFebruary 16, 2025\rBody").as_deref(),
            Some("2025-02-16")
        );
    }

    #[test]
    fn over_long_sentences_are_cut_at_a_space_within_the_bound() {
        let text = "Russia threatened Ukraine and ".repeat(200);
        let got = split_sentences(&text);
        let pieces: Vec<&str> = got.iter().map(|&(s, e)| &text[s..e]).collect();
        // Byte 2,000 is inside "Ukraine" of the 67th copy: the first piece ends at the space before it.
        assert_eq!(got, vec![(0, 1997), (1998, 3996), (3997, 5995), (5996, 5999)]);
        assert!(pieces.iter().all(|p| p.len() <= MAX_SENTENCE_BYTES));
        assert_eq!(pieces[1].split(' ').next(), Some("Ukraine"));
        // No space at all: cut at a character boundary.
        let text = "é".repeat(3_000);
        let got = split_sentences(&text);
        assert_eq!(got, vec![(0, 2000), (2000, 4000), (4000, 6000)]);
    }

    fn check_date(text: &str, expected: Option<&str>) {
        assert_eq!(find_dateline(text).as_deref(), expected, "{text}");
    }

    #[test]
    fn finds_datelines() {
        check_date("Title\n\n27 February, 2025 Thursday\n15:34", Some("2025-02-27"));
        check_date("Title\nFebruary 16, 2025\nbody", Some("2025-02-16"));
        check_date("Posted 2026-02-04 by x", Some("2026-02-04"));
        check_date("Sept. 3, 2024", Some("2024-09-03"));
        check_date("No date here\nat all", None);
        assert_eq!(normalize_date("2025-02-27T10:00:00Z").as_deref(), Some("2025-02-27"));
        assert_eq!(normalize_date("2025-02").as_deref(), Some("2025-02"));
    }
}
