//! Fuzz bodies: what the fuzz targets run on each input, as plain functions
//! so that the cargo-fuzz targets (`fuzz/`, nightly), the AFL harness
//! (`fuzz/afl/`, stable) and the stable smoke fuzzer (`tests/it/fuzz.rs`) run
//! the same code. See docs/fuzzing.md.
//!
//! Each body takes arbitrary bytes and returns normally for every input; a
//! panic is a bug. Beyond "does not panic", the bodies assert the invariants
//! the rest of the tool relies on (evidence text equals the document's bytes,
//! the graph file round-trips, retracting a document empties its graph), so
//! the fuzzers find wrong output too, not only crashes.

use crate::graph::{self, ActorGraph};
use crate::graphfile::GraphFile;
use crate::ingest::{self, Document};
use crate::reading::Extractor;
use crate::rules::RuleSet;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The default rules (this crate's `rules/`) and an extractor over them,
/// loaded once per process.
pub fn default_extractor() -> (&'static RuleSet, &'static Extractor<'static>) {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    static EXTRACTOR: OnceLock<Extractor<'static>> = OnceLock::new();
    let rules = RULES.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules");
        crate::rules::load(&dir).unwrap_or_else(|e| panic!("the default rules do not load: {e}"))
    });
    (rules, EXTRACTOR.get_or_init(|| Extractor::new(rules)))
}

/// A rule directory for `rules`, made once per process (and left in the temp dir).
pub fn scratch_rule_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| rule_dir().expect("a temporary rule directory").keep())
}

/// `extract`: the bytes as a document, then extraction with `rules` (the
/// default rules in the targets), then the graph. Input starting with `{` is
/// read as JSONL corpus lines (each line a document, as `build` reads a
/// `.jsonl` file), anything else as a text file (as `build` reads a `.txt`).
pub fn extract(rules: &RuleSet, x: &Extractor, data: &[u8]) {
    let mut warnings = Vec::new();
    if data.first() == Some(&b'{') {
        let text = ingest::decode(data.to_vec(), "fuzz.jsonl", &mut warnings);
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            if let Ok(d) = ingest::document_from_jsonl_line(line) {
                document(rules, x, &d);
            }
        }
        return;
    }
    // A text file: NUL bytes in its first 8 KiB make it binary (skipped).
    if data.iter().take(8192).any(|&b| b == 0) {
        return;
    }
    let text = ingest::decode(data.to_vec(), "fuzz.txt", &mut warnings);
    document(rules, x, &Document::new("fuzz.txt", None, text, None, None));
}

fn document(rules: &RuleSet, x: &Extractor, d: &Document) {
    let text = d.text.as_str();
    let mut last = 0;
    for (s, e) in ingest::split_sentences(text) {
        assert!(
            last <= s && s < e && e <= text.len(),
            "sentence span {s}..{e} after {last}"
        );
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "sentence span {s}..{e} splits a character"
        );
        last = e;
    }
    for keep_boilerplate in [false, true] {
        let ex = x.extract(text, d.date.as_deref(), keep_boilerplate);
        for m in &ex.mentions {
            assert!(
                m.start <= m.end && text.get(m.start..m.end).is_some(),
                "mention {}..{}",
                m.start,
                m.end
            );
        }
        let mut g = ActorGraph::new(None);
        g.set_incremental();
        for r in graph::relation_records(rules) {
            g.add_relation_type(r);
        }
        g.add(rules, d, &ex).expect("one document merges");
        let file = g.to_file();
        for e in &file.edges {
            for ev in &e.evidence {
                let span = text.get(ev.start as usize..ev.end as usize);
                assert_eq!(
                    span,
                    Some(ev.text.as_str()),
                    "evidence text is not the document's bytes"
                );
            }
        }
        let extras = g.extras();
        let json = file.to_json_string_with(&extras);
        let (back, back_extras) = GraphFile::from_json_str_with_extras(&json, "fuzz").expect("graph file reads back");
        assert_eq!(back, file, "graph file does not round-trip");
        assert_eq!(back_extras, extras, "graph file extras do not round-trip");
        // Retracting the only document leaves no actor and no edge.
        let mut left = back;
        let mut actors = back_extras.document_actors.expect("incremental");
        graph::retract(&mut left, &mut actors, &BTreeSet::from([d.id.clone()])).expect("retract");
        assert!(left.nodes.is_empty() && left.edges.is_empty() && left.documents.is_empty() && actors.is_empty());
    }
}

/// The rule files `rules` completes a fuzzed one with: a small valid rule set.
pub const RULE_FILES: [(&str, &str); 3] = [
    (
        "actors.toml",
        r##"[[actor]]
id = "russia"
label = "Russia"
kind = "state"
aliases = ["Russia"]
demonyms = ["Russian"]
metonyms = ["the Kremlin"]

[[actor]]
id = "vladimir_putin"
label = "Vladimir Putin"
kind = "person"
gender = "male"
aliases = ["Vladimir Putin", "Putin"]
roles = [{ relation = "leads", of = "russia", title = "President", from = "2012-05-07" }]

[[actor]]
id = "ukraine"
label = "Ukraine"
kind = "state"
aliases = ["Ukraine", "Kyiv"]
"##,
    ),
    (
        "relations.toml",
        r##"[[relation]]
id = "opposes"
polarity = "conflictual"
color = "#d62728"

[[relation.pattern]]
name = "verb"
match = "{S} ~~4 <condemn|oppose> {T}"
examples = ["Russia condemned Ukraine. => russia opposes ukraine"]

[[relation]]
id = "leads"
polarity = "neutral"
color = "#7f7f7f"

[[relation]]
id = "represents"
polarity = "neutral"
color = "#7f7f7f"

[[relation]]
id = "negotiates"
polarity = "neutral"
color = "#1f77b4"
symmetric = true

[[relation.pattern]]
name = "talks"
match = "{S} ~~3 <hold|begin> talks with {T}"
"##,
    ),
    (
        "lexicon.toml",
        r##"leader_nouns = ["leader"]

[heads]
singular = ["government"]
plural = ["officials"]

[[title]]
words = ["president"]
relation = "leads"
"##,
    ),
];

/// A fresh rule directory holding `RULE_FILES`, for `rules`.
pub fn rule_dir() -> std::io::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    for (name, text) in RULE_FILES {
        std::fs::write(dir.path().join(name), text)?;
    }
    Ok(dir)
}

/// The sentence `rules` extracts with whatever rules loaded.
const PROBE: &str = "Russian President Vladimir Putin condemned Ukraine on Monday, and he said Kyiv would hold talks \
                     with the Kremlin. \"We will not,\" Putin said.";

/// `rules`: the bytes after the first as one rule file (the first byte picks
/// which: actors, relations or lexicon) beside the small valid others of
/// `RULE_FILES` in `dir`, then `rules::load`: it must return a rule set or
/// errors, never panic. A rule set that loads must extract a probe sentence.
pub fn rules(dir: &Path, data: &[u8]) {
    let Some((&which, file)) = data.split_first() else {
        return;
    };
    let which = which as usize % RULE_FILES.len();
    for (i, (name, text)) in RULE_FILES.iter().enumerate() {
        let bytes = if i == which { file } else { text.as_bytes() };
        std::fs::write(dir.join(name), bytes).expect("write a rule file");
    }
    match crate::rules::load(dir) {
        Ok(rules) => {
            let x = Extractor::new(&rules);
            let d = Document::new("probe", None, PROBE.to_string(), None, Some("2025-03-01".into()));
            document(&rules, &x, &d);
        }
        // Errors are the expected outcome. (Their messages can be empty: the
        // toml crate gives "" for a key with no value at the end of a file,
        // tests/data/fuzz/rules/key-without-value; reported, see docs/fuzzing.md.)
        Err(errors) => assert!(!errors.0.is_empty(), "a failed load without errors"),
    }
}

/// A scratch directory for `jsonl`'s corpus file, made once per process.
pub fn scratch_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temporary directory").keep())
}

/// `jsonl`: the bytes as a `.jsonl` corpus file read by `ingest::read_each` (as `build`
/// reads one: byte order marks, invalid UTF-8, malformed lines, duplicate ids, bad dates),
/// strictly and with `--skip-bad-lines --dedupe`, and as an extract stream read by
/// `merge` (`stream::add_lines`). Errors are fine, panics are not; every document read has
/// an id and a sha256 of its text, and skipping bad lines never fails.
pub fn jsonl(dir: &Path, data: &[u8]) {
    let path = dir.join("fuzz.jsonl");
    std::fs::write(&path, data).expect("write the corpus file");
    for (skip_bad_lines, dedupe) in [(false, false), (true, true)] {
        let opts = ingest::ReadOptions { skip_bad_lines, dedupe };
        let mut warnings = Vec::new();
        let mut ids = BTreeSet::new();
        let r = ingest::read_each(std::slice::from_ref(&path), opts, &mut warnings, &mut |d| {
            assert!(!d.id.is_empty(), "a document without an id");
            assert_eq!(d.sha256.len(), 64);
            assert!(
                ids.insert(d.id.clone()) || !dedupe,
                "a duplicate id got through --dedupe"
            );
        });
        if skip_bad_lines {
            // Only a line that cannot be made UTF-8 at all (UTF-16) stops a lenient read.
            if let Err(e) = r {
                assert!(e.to_string().contains("UTF-16"), "a lenient read failed: {e}");
            }
        }
    }
    let text = String::from_utf8_lossy(data);
    let mut g = ActorGraph::new(Some(3));
    let _ = crate::stream::add_lines(&mut g, &text, "fuzz.jsonl");
    let f = g.to_file();
    assert!(
        f.problems().is_empty(),
        "a merged stream does not hold together: {:?}",
        f.problems()
    );
}

/// `graph`: the bytes as a graph.json (`GraphFile::from_json_str_with_extras`, what every
/// reader calls). A file that loads holds together (`problems` is empty), reads back equal
/// from its own output, and goes through every exporter, the filters and the queries
/// without a panic.
pub fn graph(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Ok((g, extras)) = GraphFile::from_json_str_with_extras(&text, "fuzz.json") else {
        return;
    };
    assert!(g.problems().is_empty());
    let again = GraphFile::from_json_str(&g.to_json_string_with(&extras), "again.json").expect("reads back");
    assert_eq!(again, g);
    for f in [
        crate::export::Format::Json,
        crate::export::Format::Dot,
        crate::export::Format::Graphml,
        crate::export::Format::Gexf,
        crate::export::Format::Cytoscape,
        crate::export::Format::Mermaid,
    ] {
        let out = crate::export::to_string(&g, f).expect("a single-file format");
        assert!(!out.contains(crate::export::is_unexportable) || f == crate::export::Format::Json);
    }
    let _ = crate::export::csv::to_edges_csv(&g);
    let top = crate::filter::FilterArgs {
        top: Some(3),
        min_weight: Some(2),
        ..Default::default()
    };
    let _ = crate::filter::apply(&g, &top);
    let q = crate::query::Query::new(&g);
    for by in ["degree", "pagerank", "betweenness"] {
        let _ = q.top(by, 5);
    }
    if g.nodes.len() >= 2 {
        let _ = q.shortest_path(0, g.nodes.len() - 1, &[]);
        let _ = q.all_paths(0, g.nodes.len() - 1, &[], 4, 50);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_small_rule_set_loads_and_finds_the_probe_relations() {
        let dir = rule_dir().unwrap();
        let rules = crate::rules::load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let x = Extractor::new(&rules);
        let ex = x.extract(PROBE, Some("2025-03-01"), false);
        let found: BTreeSet<String> = ex
            .relations
            .iter()
            .map(|r| {
                format!(
                    "{} {} {}",
                    ex.actor(&rules, r.source).id,
                    r.relation,
                    ex.actor(&rules, r.target).id
                )
            })
            .collect();
        assert!(found.contains("vladimir_putin opposes ukraine"), "{found:?}");
        assert!(found.contains("vladimir_putin leads russia"), "{found:?}");
        // The bodies accept their own seeds.
        for (i, (_, text)) in RULE_FILES.iter().enumerate() {
            rules_input_ok(dir.path(), i as u8, text);
        }
        extract(&rules, &x, PROBE.as_bytes());
        extract(
            &rules,
            &x,
            b"{\"id\":\"a\",\"text\":\"Putin condemned Ukraine.\"}\n{\"id\":1,\"text\":\"\"}",
        );
    }

    fn rules_input_ok(dir: &Path, which: u8, text: &str) {
        let mut data = vec![which];
        data.extend(text.as_bytes());
        super::rules(dir, &data);
    }
}
