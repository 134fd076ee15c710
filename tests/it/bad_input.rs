//! The bad-input suite: one test per way a hostile or careless user broke the
//! tool (issue 20), each named after what it guards. Every case runs in CI.

use crate::support::{repo, run_in, stderr, temp_tree};
use actorgraph::graphfile::GraphFile;
use std::path::Path;

fn rules() -> String {
    repo().join("rules").display().to_string()
}

fn ok(o: std::process::Output) -> std::process::Output {
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

/// `build -q --rules RULES ARGS... -o out` in `d`, returning the graph.
fn build(d: &Path, args: &[&str]) -> GraphFile {
    let r = rules();
    let mut a = vec!["build", "-q", "--rules", &r];
    a.extend_from_slice(args);
    a.extend_from_slice(&["-o", "out"]);
    ok(run_in(d, &a));
    GraphFile::load(&d.join("out/graph.json")).expect("graph.json")
}

fn weight(g: &GraphFile, source: &str, relation: &str, target: &str) -> u64 {
    g.edges
        .iter()
        .find(|e| e.source == source && e.relation == relation && e.target == target)
        .map_or(0, |e| e.weight)
}

#[test]
fn cr_only_and_unicode_line_breaks_end_sentences() {
    let cr = "Russia threatened Ukraine\r".repeat(5_000);
    let seps = "Russia threatened Ukraine\u{2028}Russia threatened Ukraine\u{2029}Russia threatened Ukraine";
    let dir = temp_tree(&[("cr/a.txt", &cr), ("seps/b.txt", seps)]);
    let g = build(dir.path(), &["cr"]);
    assert_eq!(weight(&g, "russia", "threatens", "ukraine"), 5_000);
    let g = build(dir.path(), &["seps"]);
    assert_eq!(weight(&g, "russia", "threatens", "ukraine"), 3);
}

#[test]
fn a_line_without_periods_is_read_in_pieces_of_bounded_length() {
    // 30 kB: one "sentence" of 1,000 relations before the cut, now 16 pieces of at most 2,000 bytes.
    let text = "Russia threatened Ukraine and ".repeat(1_000);
    let dir = temp_tree(&[("in/a.txt", &text)]);
    let g = build(dir.path(), &["in"]);
    let e = g
        .edges
        .iter()
        .find(|e| e.source == "russia" && e.relation == "threatens")
        .expect("russia threatens ukraine");
    assert_eq!(e.weight, 16);
    for ev in &e.evidence {
        assert!(ev.end - ev.start <= actorgraph::ingest::MAX_SENTENCE_BYTES as u64);
    }
}

/// Runs `actorgraph ARGS` in `d`, killing it (and failing) after `secs` seconds.
fn run_within(d: &Path, args: &[&str], secs: u64) -> std::process::Output {
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_actorgraph"))
        .args(args)
        .current_dir(d)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run actorgraph");
    let started = std::time::Instant::now();
    let mut err = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    // Read stdout meanwhile: a full pipe would block the child.
    let mut out = child.stdout.take().expect("stdout");
    let out_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if started.elapsed().as_secs() >= secs {
            let _ = child.kill();
            let _ = child.wait();
            panic!("actorgraph {args:?} did not finish within {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    std::process::Output {
        status,
        stdout: out_reader.join().expect("stdout reader"),
        stderr: reader.join().expect("stderr reader"),
    }
}

#[cfg(unix)]
#[test]
fn symlink_loops_in_an_input_directory_are_read_once_and_reported() {
    use std::os::unix::fs::symlink;
    let dir = temp_tree(&[
        ("in/a.txt", "Russia threatened Ukraine."),
        ("in/sub/b.txt", "Putin criticized NATO."),
    ]);
    let d = dir.path();
    symlink(".", d.join("in/loop")).expect("symlink");
    symlink("..", d.join("in/sub/up")).expect("symlink");
    // Not a loop, but the same file again under another name.
    symlink("a.txt", d.join("in/again.txt")).expect("symlink");
    let r = rules();
    let o = run_within(d, &["build", "-q", "--rules", &r, "in", "-o", "out"], 60);
    assert!(o.status.success(), "{}", stderr(&o));
    let g = GraphFile::load(&d.join("out/graph.json")).expect("graph.json");
    let ids: Vec<&str> = g.documents.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["a.txt", "sub/b.txt"]);
    assert_eq!(weight(&g, "russia", "threatens", "ukraine"), 1);
    let err = stderr(&o);
    assert_eq!(err.matches("symbolic link loop").count(), 2, "{err}");
    assert!(
        err.contains("in/again.txt: the same file as one read already (a link); skipped"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_not_read_as_documents() {
    let dir = temp_tree(&[("in/a.txt", "Russia threatened Ukraine.")]);
    let d = dir.path();
    let fifo = d.join("in/b.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let r = rules();
    let o = run_within(d, &["build", "-q", "--rules", &r, "in", "-o", "out"], 60);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("in/b.txt: not a regular file (FIFO, socket or device); skipped"),
        "{}",
        stderr(&o)
    );
    // A named device is read up to the binary check, not to its (missing) end.
    let o = run_within(
        d,
        &["build", "-q", "--rules", &r, "in/a.txt", "/dev/zero", "-o", "out2"],
        60,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("/dev/zero: binary file (NUL byte); skipped"),
        "{}",
        stderr(&o)
    );
    let g = GraphFile::load(&d.join("out2/graph.json")).expect("graph.json");
    assert_eq!(g.documents.len(), 1);
}

#[test]
fn utf16_files_are_decoded_and_a_jsonl_byte_order_mark_is_skipped() {
    let text = "Russia threatened Ukraine.";
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let jsonl = format!(
        "\u{FEFF}{}\n",
        serde_json::json!({"id": "j", "text": "Putin criticized NATO."})
    );
    let dir = temp_tree(&[("in/c.jsonl", &jsonl)]);
    let d = dir.path();
    std::fs::write(d.join("in/le.txt"), le).expect("write");
    std::fs::write(d.join("in/be.txt"), be).expect("write");
    let g = build(d, &["in"]);
    let ids: Vec<&str> = g.documents.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["be.txt", "j", "le.txt"]);
    assert_eq!(g.documents[0].bytes, text.len() as u64);
    assert_eq!(weight(&g, "russia", "threatens", "ukraine"), 2);
    assert_eq!(weight(&g, "vladimir_putin", "opposes", "nato"), 1);
}

#[test]
fn after_lossy_decoding_bytes_sha256_and_offsets_describe_the_decoded_text() {
    use sha2::Digest;
    let raw = b"Intro \xFF line.\nRussia threatened Ukraine.".to_vec();
    let decoded = String::from_utf8_lossy(&raw).into_owned();
    let dir = temp_tree(&[]);
    let d = dir.path();
    std::fs::create_dir(d.join("in")).expect("mkdir");
    std::fs::write(d.join("in/a.txt"), &raw).expect("write");
    let r = rules();
    let o = ok(run_in(d, &["build", "-q", "--rules", &r, "in", "-o", "out"]));
    assert!(
        stderr(&o).contains(
            "in/a.txt: invalid UTF-8 at byte 6; decoded lossily (U+FFFD for each bad sequence: bytes, sha256 \
             and offsets in graph.json are of the decoded text)"
        ),
        "{}",
        stderr(&o)
    );
    let g = GraphFile::load(&d.join("out/graph.json")).expect("graph.json");
    let doc = &g.documents[0];
    assert_eq!(doc.bytes, decoded.len() as u64);
    assert_eq!(doc.bytes, raw.len() as u64 + 2);
    let sha: String = sha2::Sha256::digest(decoded.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(doc.sha256, sha);
    let ev = &g.edges[0].evidence[0];
    assert_eq!(
        &decoded[ev.start as usize..ev.end as usize],
        "Russia threatened Ukraine."
    );
    assert_eq!(ev.start, 16);
}

#[cfg(unix)]
#[test]
fn file_names_differing_only_in_invalid_utf8_are_two_documents() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_tree(&[]);
    let d = dir.path();
    std::fs::create_dir(d.join("in")).expect("mkdir");
    for name in [&b"a\xFF.txt"[..], &b"a\xFE.txt"[..]] {
        let p = d.join("in").join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(p, "Russia threatened Ukraine.").expect("write");
    }
    let g = build(d, &["in"]);
    let ids: Vec<&str> = g.documents.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["a\\xFE.txt", "a\\xFF.txt"]);
    assert_eq!(weight(&g, "russia", "threatens", "ukraine"), 2);
}

#[test]
fn invalid_jsonl_dates_are_reported_with_file_and_line() {
    let lines = [
        serde_json::json!({"id": "a", "date": "2025-02-27", "text": "Russia threatened Ukraine."}),
        serde_json::json!({"id": "b", "date": "2025-13-99", "text": "Russia threatened Ukraine."}),
        serde_json::json!({"id": "c", "date": "garbage", "text": "Russia threatened Ukraine."}),
        // An empty date is no date, like null: no warning.
        serde_json::json!({"id": "d", "date": "", "text": "Russia threatened Ukraine."}),
        serde_json::json!({"id": "e", "date": " ", "text": "Russia threatened Ukraine."}),
    ];
    let mut body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    // A corpus whose every line has a date of its own format: three named, the rest counted.
    for i in 0..5 {
        body.push_str(&format!(
            "{}\n",
            serde_json::json!({"id": format!("r{i}"), "date": "19-OCT-1987", "text": "x"})
        ));
    }
    let dir = temp_tree(&[("c.jsonl", &body)]);
    let r = rules();
    let o = ok(run_in(
        dir.path(),
        &["build", "-q", "--rules", &r, "c.jsonl", "-o", "out"],
    ));
    let err = stderr(&o);
    let warned: Vec<&str> = err.lines().filter(|l| l.contains("is not a date")).collect();
    assert_eq!(
        warned,
        [
            "warning: c.jsonl:2: \"date\" \"2025-13-99\" is not a date (2025-02-27, 2025-02, February 27, 2025); ignored",
            "warning: c.jsonl:3: \"date\" \"garbage\" is not a date (2025-02-27, 2025-02, February 27, 2025); ignored",
            "warning: c.jsonl:6: \"date\" \"19-OCT-1987\" is not a date (2025-02-27, 2025-02, February 27, 2025); ignored",
            "warning: c.jsonl: 4 more lines with a \"date\" that is not a date; ignored",
        ]
    );
}

/// The command forms that print to stdout, run from the repository (its rules, seeds and output/).
const PRINTING_FORMS: &[&[&str]] = &[
    &["rules", "list"],
    &["rules", "list", "--aliases"],
    &["rules", "check"],
    &["query", "actors"],
    &["query", "actors", "--json"],
    &["query", "edges"],
    &["query", "evidence", "Trump", "demands", "Europe"],
    &["query", "top", "--by", "pagerank"],
    &["query", "subgraph", "Putin", "--format", "dot"],
    &["query", "? -[opposes]-> ?"],
    &[
        "explain",
        "Russia rejected the US plan for Ukraine. Putin criticized NATO.",
    ],
    &["explain", "--doc", "seeds/000_cb883c9b1bea4990.txt"],
    &["gaps", "-q", "--json", "seeds"],
    &["eval", "--gold", "../shared/gold"],
    &["export", "--format", "dot"],
    &["export", "--format", "graphml"],
    &["--help"],
    &["query", "--help"],
];

#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    for args in PRINTING_FORMS {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_actorgraph"))
            .args(*args)
            .current_dir(repo())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run actorgraph");
        // The reader goes away before the first write (`actorgraph ... | head -0`).
        drop(child.stdout.take());
        let o = child.wait_with_output().expect("wait");
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("error"), "{args:?}: {err}");
        assert!(
            o.status.code() == Some(0) || o.status.code() == Some(1),
            "{args:?}: {:?}",
            o.status
        );
    }
}

#[cfg(unix)]
#[test]
fn a_full_stdout_is_an_error_not_a_panic() {
    // One form per way of printing (the rule-loading ones are slow in a debug build).
    let forms = PRINTING_FORMS
        .iter()
        .filter(|a| !matches!(a[0], "gaps" | "eval" | "explain") || a.len() == 2 || a[0] == "gaps");
    for args in forms {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_actorgraph"))
            .args(*args)
            .current_dir(repo())
            .stdout(full)
            .output()
            .expect("run actorgraph");
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        if args.contains(&"--help") {
            continue; // clap prints help itself; a write error there is not reported
        }
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.ends_with("error: cannot write to stdout: No space left on device (os error 28)\n"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn article_text_reaches_the_terminal_with_control_characters_visible() {
    // A window-title sequence and a screen clear inside an article.
    let text = "Russia threatened Ukraine \u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m today.";
    let dir = temp_tree(&[("in/a.txt", text)]);
    let d = dir.path();
    let g = build(d, &["in"]);
    assert_eq!(weight(&g, "russia", "threatens", "ukraine"), 1);
    let shown = "Russia threatened Ukraine ␛]0;owned␇␛[2J\\u{9b}31m today.";
    let r = rules();
    let forms: [&[&str]; 3] = [
        &[
            "query",
            "--graph",
            "out/graph.json",
            "evidence",
            "Russia",
            "threatens",
            "Ukraine",
        ],
        &["explain", "--rules", &r, text],
        &["gaps", "-q", "--rules", &r, "in"],
    ];
    for args in forms {
        let o = run_in(d, args);
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{9b}') && !out.contains('\u{7}'),
            "{args:?}: {out}"
        );
        if args[0] != "gaps" {
            assert!(out.contains(shown), "{args:?}: {out}");
        }
    }
}

/// The export fixture with hostile text: a vertical tab and a form feed (from a PDF) in an
/// actor's label, and evidence that opens with a spreadsheet formula and holds a tab, CR LF
/// and a lone CR.
fn hostile_graph(d: &Path) -> std::path::PathBuf {
    let fixture = repo().join("tests/fixtures/export_graph.json");
    let mut g: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture).expect("fixture")).expect("json");
    g["nodes"][0]["label"] = "Recep\u{b}Tayyip\u{c} Erdoğan".into();
    g["edges"][0]["evidence"][0]["text"] = HOSTILE_EVIDENCE.into();
    // The span as long as the text, inside the document (graph files are checked on load).
    let start = g["edges"][0]["evidence"][0]["start"].as_u64().expect("start");
    g["edges"][0]["evidence"][0]["end"] = (start + HOSTILE_EVIDENCE.len() as u64).into();
    let p = d.join("hostile.json");
    std::fs::write(&p, serde_json::to_string(&g).expect("json")).expect("write");
    p
}

const HOSTILE_EVIDENCE: &str = "=HYPERLINK(\"http://x\")\tErdoğan\r\nmet Putin\rin Sochi.";

/// The values of every `attr` attribute and the text of every element `text_in`, unescaped.
fn xml_values(xml: &str, attr: &[u8], text_in: &[u8]) -> Vec<String> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut inside = false;
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                inside = e.name().as_ref() == text_in;
                for a in e.attributes() {
                    let a = a.expect("attribute");
                    if a.key.as_ref() == attr {
                        out.push(a.unescape_value().expect("unescape").into_owned());
                    }
                }
            }
            Event::Text(t) if inside => out.push(t.unescape().expect("unescape").into_owned()),
            Event::End(_) => inside = false,
            _ => {}
        }
    }
    out
}

#[test]
fn control_characters_in_labels_and_evidence_give_valid_svg_and_xml() {
    let dir = temp_tree(&[]);
    let d = dir.path();
    let g = hostile_graph(d);
    let g = g.to_str().expect("utf8");
    for format in ["dot", "graphml", "gexf", "mermaid"] {
        let o = ok(run_in(d, &["export", "--graph", g, "--format", format]));
        let out = String::from_utf8(o.stdout).expect("utf8");
        assert!(!out.contains(['\u{b}', '\u{c}']), "{format}: {out}");
        assert!(out.contains("RecepTayyip Erdoğan"), "{format}");
    }
    let o = ok(run_in(d, &["render", "--graph", g, "-o", "g.svg"]));
    assert!(o.status.success());
    let svg = std::fs::read_to_string(d.join("g.svg")).expect("svg");
    // Every element parses: Graphviz got no control character to copy into the SVG.
    let texts = xml_values(&svg, b"-", b"text");
    assert!(texts.iter().any(|t| t == "RecepTayyip Erdoğan"), "{texts:?}");
}

#[test]
fn graphml_and_gexf_keep_tabs_and_carriage_returns_exact() {
    let dir = temp_tree(&[]);
    let d = dir.path();
    let g = hostile_graph(d);
    let g = g.to_str().expect("utf8");
    let graphml =
        String::from_utf8(ok(run_in(d, &["export", "--graph", g, "--format", "graphml"])).stdout).expect("utf8");
    let texts = xml_values(&graphml, b"-", b"data");
    assert!(texts.iter().any(|t| t == HOSTILE_EVIDENCE), "{texts:?}");
    let gexf = String::from_utf8(ok(run_in(d, &["export", "--graph", g, "--format", "gexf"])).stdout).expect("utf8");
    let values = xml_values(&gexf, b"value", b"-");
    assert!(values.iter().any(|t| t == HOSTILE_EVIDENCE), "{values:?}");
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_as_formulas_are_quoted() {
    let dir = temp_tree(&[]);
    let d = dir.path();
    let g = hostile_graph(d);
    ok(run_in(
        d,
        &[
            "export",
            "--graph",
            g.to_str().expect("utf8"),
            "--format",
            "csv",
            "-o",
            "csv",
        ],
    ));
    let mut r = csv::Reader::from_path(d.join("csv/edges.csv")).expect("edges.csv");
    let first = r.records().next().expect("a row").expect("csv");
    let evidence = first.get(14).expect("evidence column");
    assert_eq!(evidence, format!("'{HOSTILE_EVIDENCE}"));
}

#[cfg(unix)]
#[test]
fn output_to_a_symlink_or_fifo_writes_through_it_and_keeps_it() {
    use std::os::unix::fs::{symlink, FileTypeExt};
    let dir = temp_tree(&[("real/graph.dot", "old")]);
    let d = dir.path();
    let g = repo().join("tests/fixtures/export_graph.json");
    let g = g.to_str().expect("utf8");
    let expected = String::from_utf8(ok(run_in(d, &["export", "--graph", g, "--format", "dot"])).stdout).expect("utf8");
    // A symbolic link: its target is replaced, the link stays.
    symlink("real/graph.dot", d.join("link.dot")).expect("symlink");
    ok(run_in(
        d,
        &["export", "--graph", g, "--format", "dot", "-o", "link.dot"],
    ));
    assert!(std::fs::symlink_metadata(d.join("link.dot"))
        .expect("link")
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_to_string(d.join("real/graph.dot")).expect("target"),
        expected
    );
    // A FIFO (as /dev/stdout is to a pipe): written into, not replaced by a file.
    let fifo = d.join("pipe.dot");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo")
        .success());
    symlink("pipe.dot", d.join("stdout")).expect("symlink");
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read fifo"))
    };
    ok(run_within(
        d,
        &["export", "--graph", g, "--format", "dot", "-o", "stdout"],
        60,
    ));
    assert_eq!(reader.join().expect("reader"), expected);
    assert!(std::fs::metadata(&fifo).expect("fifo").file_type().is_fifo());
    // A dangling link: its target is created.
    symlink("made.dot", d.join("dangling.dot")).expect("symlink");
    ok(run_in(
        d,
        &["export", "--graph", g, "--format", "dot", "-o", "dangling.dot"],
    ));
    assert_eq!(std::fs::read_to_string(d.join("made.dot")).expect("made"), expected);
}

/// The files of `dir/out` that are not the graph files or the lock file.
fn leftovers(out: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(out)
        .map(|r| {
            r.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.retain(|n| !matches!(n.as_str(), "graph.json" | "graph.dot" | ".actorgraph.lock"));
    v.sort();
    v
}

#[test]
fn an_interrupted_replacement_of_the_graph_files_is_completed_by_the_next_run() {
    let dir = temp_tree(&[
        ("a/x.txt", "Russia threatened Ukraine."),
        ("b/y.txt", "Putin criticized NATO."),
    ]);
    let d = dir.path();
    let r = rules();
    ok(run_in(d, &["build", "-q", "--rules", &r, "b", "-o", "new"]));
    ok(run_in(d, &["build", "-q", "--rules", &r, "a", "-o", "out"]));
    let new_json = std::fs::read_to_string(d.join("new/graph.json")).expect("json");
    let new_dot = std::fs::read_to_string(d.join("new/graph.dot")).expect("dot");
    // A run that died after renaming graph.json, before graph.dot: its journal and the staged
    // graph.dot are there, graph.json is new, graph.dot old.
    let out = d.join("out");
    let abs = |p: &Path| std::path::absolute(p).expect("absolute").display().to_string();
    std::fs::write(out.join("graph.json"), &new_json).expect("write");
    std::fs::write(out.join(".graph.dot.tmp4242"), &new_dot).expect("write");
    let journal = serde_json::json!([
        [abs(&out.join(".graph.json.tmp4242")), abs(&out.join("graph.json"))],
        [abs(&out.join(".graph.dot.tmp4242")), abs(&out.join("graph.dot"))],
    ]);
    std::fs::write(out.join(".actorgraph-commit.json"), journal.to_string()).expect("write");
    let o = ok(run_in(d, &["query", "--graph", "out/graph.json", "actors"]));
    assert!(
        stderr(&o).contains(
            "an earlier run was interrupted while replacing graph.json, graph.dot; completed its replacement"
        ),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(out.join("graph.dot")).expect("dot"), new_dot);
    assert_eq!(leftovers(&out), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_the_old_pair_or_the_new_pair() {
    // A corpus large enough that writing takes a while: the seeds, many times.
    let seed = std::fs::read_to_string(repo().join("seeds/000_cb883c9b1bea4990.txt")).expect("seed");
    let files: Vec<(String, String)> = (0..12).map(|i| (format!("big/{i:02}.txt"), seed.clone())).collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let dir = temp_tree(&refs);
    let d = dir.path();
    std::fs::write(d.join("small.txt"), "Russia threatened Ukraine.").expect("write");
    let r = rules();
    ok(run_in(d, &["build", "-q", "--rules", &r, "big", "-o", "newpair"]));
    let new = (
        std::fs::read_to_string(d.join("newpair/graph.json")).expect("json"),
        std::fs::read_to_string(d.join("newpair/graph.dot")).expect("dot"),
    );
    ok(run_in(d, &["build", "-q", "--rules", &r, "small.txt", "-o", "oldpair"]));
    let old = (
        std::fs::read_to_string(d.join("oldpair/graph.json")).expect("json"),
        std::fs::read_to_string(d.join("oldpair/graph.dot")).expect("dot"),
    );
    let started = std::time::Instant::now();
    ok(run_in(d, &["build", "-q", "--rules", &r, "big", "-o", "timing"]));
    let full = started.elapsed();
    for k in 1..=6u32 {
        let out = d.join("out");
        let _ = std::fs::remove_dir_all(&out);
        ok(run_in(d, &["build", "-q", "--rules", &r, "small.txt", "-o", "out"]));
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_actorgraph"))
            .args(["build", "-q", "--rules", &r, "big", "-o", "out"])
            .current_dir(d)
            .spawn()
            .expect("spawn");
        std::thread::sleep(full * k / 6);
        let _ = child.kill(); // SIGKILL: no handler runs
        let _ = child.wait();
        // The next reader completes whatever the killed run left.
        run_in(d, &["query", "--graph", "out/graph.json", "actors"]);
        let now = (
            std::fs::read_to_string(out.join("graph.json")).expect("json"),
            std::fs::read_to_string(out.join("graph.dot")).expect("dot"),
        );
        assert!(
            now == old || now == new,
            "kill at {k}/6: graph.json and graph.dot do not match"
        );
    }
}

#[cfg(unix)]
#[test]
fn temporary_files_are_removed_on_sigint_and_stale_ones_on_the_next_run() {
    let seed = std::fs::read_to_string(repo().join("seeds/000_cb883c9b1bea4990.txt")).expect("seed");
    let files: Vec<(String, String)> = (0..12).map(|i| (format!("big/{i:02}.txt"), seed.clone())).collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let dir = temp_tree(&refs);
    let d = dir.path();
    let r = rules();
    let started = std::time::Instant::now();
    ok(run_in(d, &["build", "-q", "--rules", &r, "big", "-o", "out"]));
    let full = started.elapsed();
    for k in 1..=6u32 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_actorgraph"))
            .args(["build", "-q", "--rules", &r, "big", "-o", "out"])
            .current_dir(d)
            .spawn()
            .expect("spawn");
        std::thread::sleep(full * k / 6);
        let killed = std::process::Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .expect("kill");
        assert!(killed.success() || child.try_wait().expect("wait").is_some());
        let _ = child.wait();
        assert_eq!(leftovers(&d.join("out")), Vec::<String>::new(), "SIGINT at {k}/6");
    }
    // A killed run's temporary file (its process is gone) goes with the next write.
    std::fs::write(d.join("out/.graph.json.tmp999999999"), "partial").expect("write");
    std::fs::write(d.join("out/.graph.dot.tmp999999999"), "partial").expect("write");
    std::fs::write(d.join("out/.graph.json.tmpnotours"), "kept").expect("write");
    ok(run_in(d, &["build", "-q", "--rules", &r, "big/00.txt", "-o", "out"]));
    assert_eq!(leftovers(&d.join("out")), [".graph.json.tmpnotours"]);
}

#[test]
fn concurrent_updates_of_one_graph_lose_no_document() {
    let files: Vec<(String, String)> = (0..6)
        .map(|i| (format!("d{i}.txt"), format!("Russia threatened Ukraine on day {i}.")))
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let dir = temp_tree(&refs);
    let d = dir.path();
    let r = rules();
    ok(run_in(
        d,
        &["build", "-q", "--rules", &r, "--incremental", "d0.txt", "-o", "g"],
    ));
    let children: Vec<_> = (1..6)
        .map(|i| {
            std::process::Command::new(env!("CARGO_BIN_EXE_actorgraph"))
                .args([
                    "build",
                    "-q",
                    "--rules",
                    &r,
                    "--update",
                    "g/graph.json",
                    &format!("d{i}.txt"),
                ])
                .current_dir(d)
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().expect("wait");
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let g = GraphFile::load(&d.join("g/graph.json")).expect("graph");
    let ids: Vec<&str> = g.documents.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["d0.txt", "d1.txt", "d2.txt", "d3.txt", "d4.txt", "d5.txt"]);
    assert_eq!(weight(&g, "russia", "threatens", "ukraine"), 6);
}

#[test]
fn an_empty_input_directory_does_not_replace_the_graph() {
    let dir = temp_tree(&[("a.txt", "Russia threatened Ukraine.")]);
    let d = dir.path();
    std::fs::create_dir(d.join("empty")).expect("mkdir");
    let r = rules();
    ok(run_in(d, &["build", "-q", "--rules", &r, "a.txt", "-o", "out"]));
    let before = std::fs::read_to_string(d.join("out/graph.json")).expect("json");
    let o = run_in(d, &["build", "-q", "--rules", &r, "empty", "-o", "out"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: empty: no documents (.txt, .md, .jsonl); out/graph.json left as it was (pass --allow-empty to \
         write an empty graph)\n"
    );
    assert_eq!(std::fs::read_to_string(d.join("out/graph.json")).expect("json"), before);
    let g = build(d, &["--allow-empty", "empty"]);
    assert_eq!(g.documents.len(), 0);
}

/// A graph of `n` actors, every pair joined: the simple paths between two of them grow as n^len.
fn complete_graph(n: usize) -> serde_json::Value {
    let nodes: Vec<_> = (0..n)
        .map(|i| {
            serde_json::json!({"id": format!("a{i:02}"), "label": format!("A{i:02}"), "kind": "state",
                                    "aliases": [], "mentions": 1, "documents": ["d"]})
        })
        .collect();
    let mut edges = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            edges.push(
                serde_json::json!({"source": format!("a{i:02}"), "target": format!("a{j:02}"),
                "relation": "cooperates", "symmetric": true, "negated": false, "hedged": false, "weight": 1,
                "first_seen": null, "last_seen": null,
                "evidence": [{"doc": "d", "start": 0, "end": 2, "text": "ab", "sentence": 0, "rule": "r",
                              "trigger": "t", "negated": false, "hedged": false, "said_by": null}]}),
            );
        }
    }
    serde_json::json!({"format": "actorgraph-graph", "version": 1, "generator": "test",
        "relations": [{"id": "cooperates", "symmetric": true, "polarity": "cooperative", "color": "#2ca02c",
                       "plover": [], "cameo": []}],
        "documents": [{"id": "d", "path": null, "bytes": 2, "sha256": "0", "title": null, "date": null}],
        "nodes": nodes, "edges": edges})
}

#[test]
fn query_path_all_is_bounded_and_says_when_it_cuts() {
    // 30 actors all joined: about 17 million simple paths of up to 6 hops between two of them.
    let dir = temp_tree(&[("g.json", &complete_graph(30).to_string())]);
    let d = dir.path();
    let args = [
        "query",
        "--graph",
        "g.json",
        "path",
        "a00",
        "a01",
        "--all",
        "--max-len",
        "6",
    ];
    let o = run_within(d, &args, 60);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 100);
    // Shortest first: the direct edge, then the 28 two-hop paths in actor order.
    assert_eq!(lines[0].matches("cooperates").count(), 1, "{}", lines[0]);
    assert_eq!(lines[1].matches("cooperates").count(), 2, "{}", lines[1]);
    assert!(lines[1].contains("A02"), "{}", lines[1]);
    assert_eq!(lines[29].matches("cooperates").count(), 3, "{}", lines[29]);
    assert_eq!(
        stderr(&o),
        "note: the first 100 paths (shortest first); there are more: raise --limit or lower --max-len\n"
    );
    let mut more = args.to_vec();
    more.extend(["--limit", "1000", "--json"]);
    let o = run_within(d, &more, 60);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(1000));
    // All of them when they fit.
    let o = run_within(
        d,
        &[
            "query",
            "--graph",
            "g.json",
            "path",
            "a00",
            "a01",
            "--all",
            "--max-len",
            "2",
        ],
        60,
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 29);
    assert_eq!(stderr(&o), "");
}

#[test]
fn hand_edited_graphs_that_do_not_hold_together_are_refused_on_load() {
    let mut g = complete_graph(3);
    let edges = g["edges"].as_array_mut().expect("edges");
    edges[0]["target"] = "nobody".into();
    edges[1]["weight"] = 0.into();
    edges[2]["evidence"][0]["end"] = 9.into();
    let dup = edges[2].clone();
    edges.push(dup);
    let first = g["nodes"][0].clone();
    g["nodes"].as_array_mut().expect("nodes").push(first);
    let dir = temp_tree(&[("g.json", &g.to_string())]);
    for args in [
        &["query", "--graph", "g.json", "actors"][..],
        &["export", "--graph", "g.json", "--format", "dot"][..],
        &["merge", "g.json", "-o", "out"][..],
    ] {
        let o = run_in(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        for problem in [
            "g.json: not a consistent graph (hand-edited?):\n",
            "nodes[3]: duplicate node id \"a00\"\n",
            "edges[0] (a00 cooperates nobody): \"nobody\" is not a node\n",
            "edges[1] (a00 cooperates a02): weight 0 (at least 1 and at least its 1 evidence records)\n",
            "edges[2] (a01 cooperates a02): evidence[0]: span 0..9 does not fit document \"d\" (2 bytes) and its text (2 bytes)\n",
            "edges[3] (a01 cooperates a02): duplicate edge\n",
        ] {
            assert!(err.contains(problem), "{args:?}: {problem} not in {err}");
        }
    }
}

#[test]
fn query_names_an_unknown_relation_kind_or_date_instead_of_finding_nothing() {
    let cases: [(&[&str], &str); 5] = [
        (
            &["query", "edges", "--rel", "support"],
            "error: --rel: unknown relation \"support\" (did you mean \"supports\"?)",
        ),
        (
            &["query", "actors", "--kind", "persons"],
            "error: --kind: unknown actor kind \"persons\" (did you mean \"person\"?)",
        ),
        (
            &["query", "actors", "--since", "garbage"],
            "error: --since: \"garbage\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
        ),
        (
            &["query", "actors", "--until", "2025-13-99"],
            "error: --until: \"2025-13-99\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
        ),
        (
            &["query", "evidence", "Russia", "demand", "Ukraine"],
            "error: --rel: unknown relation \"demand\" (did you mean \"demands\"?)",
        ),
    ];
    for (args, message) in cases {
        let o = run_in(&repo(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).starts_with(message), "{args:?}: {}", stderr(&o));
    }
    // Valid ones still answer.
    let o = run_in(&repo(), &["query", "actors", "--kind", "person", "--since", "2025-02"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_truncated_extract_stream_is_refused() {
    let dir = temp_tree(&[
        ("a.txt", "Russia threatened Ukraine."),
        ("b.txt", "Putin criticized NATO."),
    ]);
    let d = dir.path();
    let r = rules();
    let o = ok(run_in(d, &["extract", "--jsonl", "--rules", &r, "a.txt", "b.txt"]));
    let stream = String::from_utf8(o.stdout).expect("utf8");
    let last = stream.lines().last().expect("a line");
    assert!(
        last.starts_with("{\"type\":\"end\",\"documents\":2,\"rules\":\""),
        "{last}"
    );
    std::fs::write(d.join("whole.jsonl"), &stream).expect("write");
    ok(run_in(d, &["merge", "-q", "whole.jsonl", "-o", "whole"]));
    // Cut after the first document's lines (a killed extract, a partial copy).
    let cut: String = stream
        .lines()
        .take_while(|l| !l.contains("\"id\":\"b.txt\""))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(d.join("cut.jsonl"), &cut).expect("write");
    let o = run_in(d, &["merge", "-q", "cut.jsonl", "-o", "cut"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: cut.jsonl: truncated extract stream: 1 document lines after the last end line (an extract that \
         was killed or cut short?)\n"
    );
    // A line lost in the middle: the count does not match.
    let lost: String = stream
        .lines()
        .filter(|l| !(l.starts_with("{\"type\":\"document\"") && l.contains("\"a.txt\"")))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(d.join("lost.jsonl"), &lost).expect("write");
    let o = run_in(d, &["merge", "-q", "lost.jsonl", "-o", "lost"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the end line counts 2 documents, the stream part before it has 1"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn merging_extractions_by_different_rule_sets_is_refused() {
    let dir = temp_tree(&[
        ("a.txt", "Russia threatened Ukraine."),
        ("b.txt", "Putin criticized NATO."),
    ]);
    let d = dir.path();
    // A second rule set: the same rules with one more comment line.
    let other = d.join("rules2");
    let copy = std::process::Command::new("cp")
        .arg("-r")
        .arg(rules())
        .arg(&other)
        .status()
        .expect("cp");
    assert!(copy.success());
    let rel = other.join("relations.toml");
    let mut text = std::fs::read_to_string(&rel).expect("relations.toml");
    text.push_str("\n# edited\n");
    std::fs::write(&rel, text).expect("write");
    let r = rules();
    let r2 = other.display().to_string();
    ok(run_in(d, &["build", "-q", "--rules", &r, "a.txt", "-o", "ga"]));
    ok(run_in(d, &["build", "-q", "--rules", &r2, "b.txt", "-o", "gb"]));
    let o = ok(run_in(d, &["extract", "--jsonl", "--rules", &r2, "b.txt"]));
    std::fs::write(d.join("b.jsonl"), o.stdout).expect("write");
    let ga: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("ga/graph.json")).expect("json")).expect("json");
    let fa = ga["rules"]
        .as_str()
        .expect("a rules fingerprint in graph.json")
        .to_string();
    assert_eq!(fa.len(), 64);
    for second in ["gb/graph.json", "b.jsonl"] {
        let o = run_in(d, &["merge", "-q", "ga/graph.json", second, "-o", "m"]);
        assert_eq!(o.status.code(), Some(2), "{second}");
        let err = stderr(&o);
        assert!(
            err.starts_with(&format!(
                "error: the inputs were extracted with different rule sets: ga/graph.json (rules {}), {second} (rules ",
                &fa[..12]
            )),
            "{err}"
        );
        // --force merges, and the result claims no fingerprint.
        ok(run_in(
            d,
            &["merge", "-q", "--force", "ga/graph.json", second, "-o", "m"],
        ));
        let m: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(d.join("m/graph.json")).expect("json")).expect("json");
        assert!(m.get("rules").is_none());
    }
    // One rule set: merged, with its fingerprint.
    ok(run_in(d, &["build", "-q", "--rules", &r, "b.txt", "-o", "gb1"]));
    ok(run_in(
        d,
        &["merge", "-q", "ga/graph.json", "gb1/graph.json", "-o", "m1"],
    ));
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("m1/graph.json")).expect("json")).expect("json");
    assert_eq!(m["rules"].as_str(), Some(fa.as_str()));
}

#[test]
fn eval_warns_about_gold_it_cannot_use_with_file_and_line() {
    let text = "Russia threatened Ukraine. Some filler here. Putin criticized NATO.";
    let gold = [
        r#"{"type":"relation","source":"russia","relation":"threatens","target":"ukraine","quote":"Russia threatened Ukraine."}"#,
        r#"{"type":"relation","source":"russia","relation":"threaten","target":"ukraine","quote":"Russia threatened Ukraine."}"#,
        r#"{"type":"relation","source":"vladimir_putin","relation":"opposes","target":"nato","quote":"Putin condemned NATO."}"#,
        r#"{"type":"ignore","quote":"Some filler here.","until":"Biography ends."}"#,
        r#"{"type":"ignore","quote":"Not in the text."}"#,
    ]
    .join("\n");
    let dir = temp_tree(&[("a.txt", text), ("gold/a.txt.jsonl", &gold)]);
    let r = rules();
    let o = ok(run_in(dir.path(), &["eval", "--rules", &r, "--gold", "gold", "a.txt"]));
    let err = stderr(&o);
    for w in [
        "gold/a.txt.jsonl:2: unknown relation \"threaten\" (relations: ",
        "gold/a.txt.jsonl:3: gold quote not found in \"a.txt\": \"Putin condemned NATO.\"",
        "gold/a.txt.jsonl:4: \"until\" quote not found after the ignore quote in \"a.txt\": \"Biography ends.\"; only the quote is ignored",
        "gold/a.txt.jsonl:5: ignore quote not found in \"a.txt\": \"Not in the text.\"",
    ] {
        assert!(err.contains(w), "{w}\nnot in\n{err}");
    }
    // Only the ignore quote was ignored, not the rest: Putin's sentence still counts.
    let o = ok(run_in(
        dir.path(),
        &["eval", "--rules", &r, "--gold", "gold", "a.txt", "--json"],
    ));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["triples"]["tp"], 2, "{v}");
}

/// A rule directory of `actorgraph::fuzzing::RULE_FILES` with `edit` applied to each file.
fn small_rules(d: &Path, edit: impl Fn(&str, &str) -> Vec<u8>) -> String {
    let dir = d.join("rules");
    std::fs::create_dir_all(&dir).expect("mkdir");
    for (name, text) in actorgraph::fuzzing::RULE_FILES {
        std::fs::write(dir.join(name), edit(name, text)).expect("write");
    }
    dir.display().to_string()
}

#[test]
fn rules_check_refuses_one_character_aliases_and_odd_relation_ids() {
    let dir = temp_tree(&[]);
    let r = small_rules(dir.path(), |name, text| match name {
        "actors.toml" => text
            .replace(
                "aliases = [\"Ukraine\", \"Kyiv\"]",
                "aliases = [\"Ukraine\", \"Kyiv\", \"I\", \".\"]",
            )
            .into_bytes(),
        "relations.toml" => text.replace("id = \"leads\"", "id = \"le\\\"<>ads\"").into_bytes(),
        _ => text.as_bytes().to_vec(),
    });
    let o = run_in(dir.path(), &["rules", "check", "--rules", &r]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for e in [
        "alias \"I\" for actor \"ukraine\": an alias needs two characters or more and a letter or digit",
        "alias \".\" for actor \"ukraine\": an alias needs two characters or more and a letter or digit",
        "relation id \"le\\\"<>ads\": use letters, digits, '_' and '-' only",
    ] {
        assert!(err.contains(e), "{e}\nnot in\n{err}");
    }
}

#[test]
fn a_rule_file_that_is_not_utf8_gives_one_error_at_its_position() {
    let dir = temp_tree(&[]);
    let r = small_rules(dir.path(), |name, text| match name {
        // A Latin-1 "é" (one byte, 0xE9) on line 3.
        "relations.toml" => text
            .replacen("polarity = \"conflictual\"", "polarity = \"conflict\u{1}ual\"", 1)
            .into_bytes()
            .into_iter()
            .map(|b| if b == 1 { 0xE9 } else { b })
            .collect(),
        _ => text.as_bytes().to_vec(),
    });
    let o = run_in(dir.path(), &["rules", "check", "--rules", &r]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.starts_with("error: not UTF-8: invalid utf-8 sequence of 1 bytes from index 48"),
        "{err}"
    );
    assert!(err.contains("rules/relations.toml:3:21\n"), "{err}");
    assert!(err.ends_with(&format!("1 error in {r}\n")), "{err}");
}

#[test]
fn rules_check_is_linear_in_verb_alternatives() {
    // 8,000 alternatives in one verb took 3.8 s in release (18.7 s in a debug build): two
    // linear scans per form. Now about 2 s in a debug build.
    let alternatives: String = (0..8_000).map(|i| format!("|zq{i}verb")).collect();
    let dir = temp_tree(&[]);
    let r = small_rules(dir.path(), |name, text| match name {
        "relations.toml" => text
            .replace("<condemn|oppose>", &format!("<condemn|oppose{alternatives}>"))
            .into_bytes(),
        _ => text.as_bytes().to_vec(),
    });
    let o = run_within(dir.path(), &["rules", "check", "--rules", &r], 10);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).ends_with(": ok: 3 files, 3 actors, 9 aliases, 4 relations, 2 patterns\n")
    );
}

#[test]
fn view_caps_the_evidence_it_embeds_and_says_so() {
    let text: String = (0..30)
        .map(|i| format!("Russia threatened Ukraine on day {i}.\n"))
        .collect();
    let dir = temp_tree(&[("in/a.txt", &text)]);
    let d = dir.path();
    let g = build(d, &["in"]);
    assert_eq!(weight(&g, "russia", "threatens", "ukraine"), 30);
    ok(run_in(d, &["view", "--graph", "out/graph.json", "-o", "page.html"]));
    let page = std::fs::read_to_string(d.join("page.html")).expect("page");
    assert_eq!(page.matches("Ukraine on day ").count(), 20);
    assert!(
        page.contains("1 relation shows only its first 20 evidence sentences (view --max-evidence N; 0 for all)."),
        "no note"
    );
    ok(run_in(
        d,
        &[
            "view",
            "--graph",
            "out/graph.json",
            "-o",
            "all.html",
            "--max-evidence",
            "0",
        ],
    ));
    let page = std::fs::read_to_string(d.join("all.html")).expect("page");
    assert_eq!(page.matches("Ukraine on day ").count(), 30);
}
