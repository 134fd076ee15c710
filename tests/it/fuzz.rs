//! The stable smoke fuzzer: runs the fuzz bodies of `actorgraph::fuzzing` (the
//! same code as the cargo-fuzz targets in fuzz/ and the AFL harness in
//! fuzz/afl/) over seed inputs and deterministic mutations of them, and over
//! the saved crashers in tests/data/fuzz/. A panic is a failure; the input is
//! written to target/tmp/fuzz-crash-* to be added to tests/data/fuzz/.
//!
//! `ACTORGRAPH_FUZZ_ITERS=N` runs N mutations per target instead of the
//! default few hundred (`ACTORGRAPH_FUZZ_SEED` picks another sequence); see
//! docs/fuzzing.md.

use crate::support::{repo, shared};
use actorgraph::fuzzing;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// xorshift64*: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Words and bytes the extractor reacts to: actors, cues, punctuation,
/// dates, and characters whose lowercase or encoding changes byte lengths.
const TOKENS: &[&str] = &[
    "Putin",
    "Vladimir Putin",
    "Russia",
    "Russian",
    "the Kremlin",
    "Ukraine",
    "Kyiv",
    "Zelensky",
    "Trump",
    "NATO",
    "the EU",
    "U.S.",
    "the US president",
    "President",
    "Foreign Minister",
    "Minister Jane Doe",
    "he",
    "she",
    "they",
    "him",
    "it",
    "not",
    "never",
    "may",
    "reportedly",
    "said",
    "according to",
    "condemned",
    "backs",
    "rejected",
    "demanded",
    "threatened",
    "talks with",
    "and",
    ",",
    ".",
    "!",
    "?",
    "\"",
    "'",
    "“",
    "”",
    "’",
    "'s",
    "’s",
    "(",
    ")",
    "—",
    "-",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    "\t",
    "• ",
    "Read also:",
    "Mr.",
    "Jan.",
    "J. D.",
    "February 16, 2025",
    "27 February, 2025",
    "2026-02-04",
    "İ",
    "ẞ",
    "Ⱥ",
    "K",
    "ﬁ",
    "\u{200b}",
    "\u{301}",
    "\u{2028}",
    "😀",
    "\u{feff}",
    "{S}",
    "<",
    ">",
    "~~",
    "=",
    "[[",
    "]]",
    "\\",
    "\\u0000",
];

const RAW: &[&[u8]] = &[b"\xff", b"\xc3", b"\xe2\x80", b"\xf0\x9f", b"\x00", b"\x80"];

fn mutate(rng: &mut Rng, input: &[u8], pool: &[Vec<u8>], max_len: usize) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(10) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] = rng.next() as u8;
            }
            2 => {
                let n = 1 + rng.below(8);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                v.splice(at..at, bytes);
            }
            3 if !v.is_empty() => {
                let end = (at + 1 + rng.below(64)).min(v.len());
                v.drain(at.min(end)..end);
            }
            4 if !v.is_empty() => {
                let s = rng.below(v.len());
                let e = (s + 1 + rng.below(256)).min(v.len());
                let copy = v[s..e].to_vec();
                for _ in 0..1 + rng.below(3) {
                    v.splice(at..at, copy.iter().copied());
                }
            }
            5 | 6 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                v.splice(at..at, t.iter().copied());
            }
            7 => {
                let t = RAW[rng.below(RAW.len())];
                v.splice(at..at, t.iter().copied());
            }
            8 => {
                let other = &pool[rng.below(pool.len())];
                if !other.is_empty() {
                    let s = rng.below(other.len());
                    let e = (s + 1 + rng.below(512)).min(other.len());
                    v.truncate(at);
                    v.extend_from_slice(&other[s..e]);
                }
            }
            _ => v.truncate(at),
        }
    }
    v.truncate(max_len);
    v
}

fn iterations(default: usize) -> usize {
    std::env::var("ACTORGRAPH_FUZZ_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn message(e: &Box<dyn std::any::Any + Send>) -> String {
    e.downcast_ref::<String>()
        .cloned()
        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// Runs `body` on the seeds, then on `n` mutations; panics with the saved
/// crasher's path on the first input that makes `body` panic.
fn fuzz(name: &str, seeds: Vec<Vec<u8>>, n: usize, max_len: usize, body: &dyn Fn(&[u8])) -> usize {
    let seed = std::env::var("ACTORGRAPH_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15u64);
    let mut rng = Rng(seed | 1);
    let mut pool = seeds.clone();
    let started = std::time::Instant::now();
    for i in 0..seeds.len() + n {
        let input = if i < seeds.len() {
            seeds[i].clone()
        } else {
            let base = &pool[rng.below(pool.len())];
            mutate(&mut rng, base, &pool, max_len)
        };
        if let Err(e) = catch_unwind(AssertUnwindSafe(|| body(&input))) {
            let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
            let path = dir.join(format!("fuzz-crash-{name}-{i}"));
            std::fs::write(&path, &input).expect("save the crasher");
            panic!(
                "fuzz target {name} panicked on input {i}: {}\nsaved to {} (add it to tests/data/fuzz/{name}/)",
                message(&e),
                path.display()
            );
        }
        // Keep some mutants, so that mutations stack up.
        if i >= seeds.len() && rng.below(4) == 0 && pool.len() < 512 {
            pool.push(input);
        }
    }
    eprintln!(
        "fuzz {name}: {} inputs in {:.1} s",
        seeds.len() + n,
        started.elapsed().as_secs_f64()
    );
    seeds.len() + n
}

fn files_in(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).expect("read")).collect()
}

fn extract_seeds() -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = files_in(&repo().join("seeds"))
        .into_iter()
        .map(|mut s| {
            s.truncate(2500);
            s
        })
        .collect();
    let web = std::fs::read_to_string(shared("corpus/ukraine/ukraine_web.jsonl")).expect("read the shared corpus");
    seeds.extend(web.lines().take(3).map(|l| {
        let mut v: serde_json::Value = serde_json::from_str(l).expect("jsonl");
        let text: String = v["text"].as_str().unwrap_or("").chars().take(1500).collect();
        v["text"] = text.into();
        v.to_string().into_bytes()
    }));
    seeds.push(b"Russian President Vladimir Putin condemned Ukraine. He said Kyiv would not talk.".to_vec());
    seeds.push("“We won’t,” said the US president on February 16, 2025.\n• NATO backs Ukraine".into());
    seeds.extend(files_in(&repo().join("tests/data/fuzz/extract")));
    seeds
}

fn rules_seeds() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    for (i, (_, text)) in fuzzing::RULE_FILES.iter().enumerate() {
        let mut v = vec![i as u8];
        v.extend(text.as_bytes());
        seeds.push(v);
    }
    let rule = |p: &str| std::fs::read(repo().join("rules").join(p)).expect("rule file");
    let mut v = vec![1u8];
    v.extend(&rule("relations.toml")[..6000]);
    seeds.push(v);
    let mut v = vec![2u8];
    v.extend(rule("lexicon.toml"));
    seeds.push(v);
    seeds.extend(files_in(&repo().join("tests/data/fuzz/rules")));
    seeds
}

#[test]
fn fuzz_extract_smoke() {
    let (rules, x) = fuzzing::default_extractor();
    let n = fuzz("extract", extract_seeds(), iterations(150), 8192, &|d| {
        fuzzing::extract(rules, x, d)
    });
    assert!(n >= 150);
}

#[test]
fn fuzz_rules_smoke() {
    let dir = fuzzing::rule_dir().expect("rule dir");
    let n = fuzz("rules", rules_seeds(), iterations(150), 16384, &|d| {
        fuzzing::rules(dir.path(), d)
    });
    assert!(n >= 150);
}

/// Every saved crasher still runs cleanly (they are also seeds above).
#[test]
fn fuzz_regressions() {
    let (rules, x) = fuzzing::default_extractor();
    let extract = files_in(&repo().join("tests/data/fuzz/extract"));
    for input in &extract {
        fuzzing::extract(rules, x, input);
    }
    let dir = fuzzing::rule_dir().expect("rule dir");
    let rule_inputs = files_in(&repo().join("tests/data/fuzz/rules"));
    for input in &rule_inputs {
        fuzzing::rules(dir.path(), input);
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let jsonl = files_in(&repo().join("tests/data/fuzz/jsonl"));
    for input in &jsonl {
        fuzzing::jsonl(dir.path(), input);
    }
    let graph = files_in(&repo().join("tests/data/fuzz/graph"));
    for input in &graph {
        fuzzing::graph(input);
    }
    assert!(
        !extract.is_empty() && !rule_inputs.is_empty() && !jsonl.is_empty() && !graph.is_empty(),
        "saved fuzz inputs missing in tests/data/fuzz/"
    );
}

fn jsonl_seeds() -> Vec<Vec<u8>> {
    let web = std::fs::read_to_string(repo().join("../shared/corpus/ukraine/ukraine_web.jsonl"))
        .expect("../shared/corpus/ukraine/ukraine_web.jsonl is needed (the shared corpus)");
    let mut seeds: Vec<Vec<u8>> = web
        .lines()
        .take(3)
        .map(|l| l.chars().take(3000).collect::<String>())
        .map(|l| {
            // A whole line stays JSON: cut inside the text only when it is short enough already.
            if l.ends_with('}') {
                l.into_bytes()
            } else {
                format!("{{\"id\":\"x\",\"text\":{}}}", serde_json::json!(l)).into_bytes()
            }
        })
        .collect();
    seeds.push(b"\xEF\xBB\xBF{\"id\": 1, \"text\": \"Russia threatened Ukraine.\", \"date\": \"2025-13-99\"}\n{\"id\": 1, \"text\": \"again\"}\n".to_vec());
    seeds.push(b"{\"type\":\"relation_type\",\"id\":\"opposes\",\"symmetric\":false,\"polarity\":\"conflictual\",\"color\":\"#d62728\",\"plover\":[],\"cameo\":[]}\n".to_vec());
    seeds.extend(files_in(&repo().join("tests/data/fuzz/jsonl")));
    seeds
}

fn graph_seeds() -> Vec<Vec<u8>> {
    let mut seeds = vec![std::fs::read(repo().join("tests/fixtures/export_graph.json")).expect("fixture")];
    seeds.extend(files_in(&repo().join("tests/data/fuzz/graph")));
    seeds
}

#[test]
fn fuzz_jsonl_smoke() {
    let dir = tempfile::tempdir().expect("tempdir");
    let n = fuzz("jsonl", jsonl_seeds(), iterations(150), 8192, &|d| {
        fuzzing::jsonl(dir.path(), d)
    });
    assert!(n >= 150);
}

#[test]
fn fuzz_graph_smoke() {
    let n = fuzz("graph", graph_seeds(), iterations(150), 16384, &|d| fuzzing::graph(d));
    assert!(n >= 150);
}
