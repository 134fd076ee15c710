//! `-` for stdin and stdout (issue 21): documents, graphs and texts read from stdin, single
//! outputs written to stdout, `<stdin>` in messages, one `-` input per command.

use crate::support::{command, repo, stderr, temp_tree};
use std::path::Path;
use std::process::{Output, Stdio};

/// Runs `actorgraph ARGS` in `dir` with `input` on stdin (written from a thread, so a large
/// input cannot block against a full stdout pipe).
fn run_with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = command()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run actorgraph");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    // The command may stop reading early (an error): a broken pipe here is no failure.
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let o = child.wait_with_output().expect("wait");
    feeder.join().expect("feeder");
    o
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

fn fails_with(o: Output, message: &str) {
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(message), "{:?} not in {}", message, stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

const DOCS: &str = r#"{"id":"d1","date":"2025-01-10","text":"Russia attacked Ukraine."}
{"id":"d2","date":"2025-01-20","text":"Poland backs Ukraine."}
"#;

#[test]
fn build_reads_a_jsonl_corpus_or_a_text_from_stdin() {
    let d = temp_tree(&[("docs.jsonl", DOCS)]);
    let p = d.path();
    ok(command()
        .args(["build", "-q", "docs.jsonl", "-o", "file"])
        .current_dir(p)
        .output()
        .expect("run"));
    // JSONL on stdin (decided by its first character, `{`): the graph of the file, byte for byte.
    ok(run_with_stdin(p, &["build", "-q", "-", "-o", "piped"], DOCS.as_bytes()));
    assert_eq!(read(&p.join("piped/graph.json")), read(&p.join("file/graph.json")));
    assert_eq!(read(&p.join("piped/graph.dot")), read(&p.join("file/graph.dot")));
    // Gzipped JSONL too (leading white space and a byte order mark do not hide the `{`).
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, format!("\u{feff}\n  {DOCS}").as_bytes()).expect("gzip");
    ok(run_with_stdin(
        p,
        &["build", "-q", "-", "-o", "gz"],
        &gz.finish().expect("gzip"),
    ));
    assert_eq!(read(&p.join("gz/graph.json")), read(&p.join("file/graph.json")));
    // Anything else is one text, id "stdin", path null; in argument order among other inputs.
    ok(run_with_stdin(
        p,
        &["build", "-q", "docs.jsonl", "-", "-o", "text"],
        b"\n  Russia threatened Poland.\n",
    ));
    let g: serde_json::Value = serde_json::from_slice(&read(&p.join("text/graph.json"))).expect("json");
    let ids: Vec<&str> = g["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["d1", "d2", "stdin"]);
    assert_eq!(g["documents"][2]["path"], serde_json::Value::Null);
    let threat = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["relation"] == "threatens")
        .expect("edge");
    assert_eq!(threat["evidence"][0]["doc"], "stdin");
    // `extract` and `gaps` read stdin the same way.
    let o = ok(run_with_stdin(p, &["extract", "--jsonl", "-"], DOCS.as_bytes()));
    let file = ok(command()
        .args(["extract", "--jsonl", "docs.jsonl"])
        .current_dir(p)
        .output()
        .expect("run"));
    assert_eq!(o.stdout, file.stdout);
    let o = ok(run_with_stdin(
        p,
        &["gaps", "-q", "--json", "-"],
        b"Jane Roe met Russia's envoy in Geneva.",
    ));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Jane Roe"));
}

#[test]
fn errors_about_stdin_name_it_stdin_with_the_line() {
    let d = temp_tree(&[]);
    let p = d.path();
    let bad = format!("{}{{\"id\": \"x\"\n", DOCS);
    fails_with(
        run_with_stdin(p, &["build", "-q", "-", "-o", "out"], bad.as_bytes()),
        "error: <stdin>:3: invalid JSON: EOF while parsing an object",
    );
    assert!(!p.join("out/graph.json").exists(), "nothing is written");
    let o = ok(run_with_stdin(
        p,
        &["build", "-q", "--skip-bad-lines", "-", "-o", "out"],
        bad.as_bytes(),
    ));
    assert!(
        stderr(&o).contains("warning: <stdin>:3: invalid JSON"),
        "{}",
        stderr(&o)
    );
    fails_with(
        run_with_stdin(p, &["extract", "--jsonl", "-"], b"{\"id\": 1}\n"),
        "error: <stdin>:1: document \"1\" has no \"text\" field",
    );
    // A text with invalid UTF-8, and a binary one.
    let o = ok(run_with_stdin(
        p,
        &["build", "-q", "-", "-o", "lossy"],
        b"Russia attacked \xff Ukraine.",
    ));
    assert!(
        stderr(&o).contains("warning: <stdin>: invalid UTF-8 at byte 16"),
        "{}",
        stderr(&o)
    );
    fails_with(
        run_with_stdin(p, &["build", "-q", "-", "-o", "bin"], b"\x00\x01binary"),
        "<stdin>: no documents",
    );
    // A graph that is not one, on stdin: its line and column.
    fails_with(
        run_with_stdin(p, &["query", "--graph", "-", "actors"], b"{\n  \"format\": 7\n}\n"),
        "<stdin>:2:",
    );
    fails_with(
        run_with_stdin(p, &["merge", "-", "-o", "out"], b"{\"type\": \"document\"\n"),
        "<stdin>",
    );
    let o = run_with_stdin(p, &["explain", "--no-parse", "-"], b"Russia \xff attacked Ukraine.");
    assert!(
        o.status.success() && stderr(&o).contains("warning: <stdin>: invalid UTF-8 at byte 7"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn graphs_come_from_stdin_wherever_a_graph_is_read() {
    let root = repo();
    let graph = read(&root.join("output/graph.json"));
    // query, export, render, view, eval: the same output as from the file.
    let same = |args: &[&str], tail: &[&str]| {
        let mut from_file: Vec<&str> = args.to_vec();
        from_file.extend(["--graph", "output/graph.json"]);
        from_file.extend(tail);
        let mut piped: Vec<&str> = args.to_vec();
        piped.extend(["--graph", "-"]);
        piped.extend(tail);
        let a = ok(command().args(&from_file).current_dir(&root).output().expect("run"));
        let b = ok(run_with_stdin(&root, &piped, &graph));
        assert!(!a.stdout.is_empty(), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&a.stdout),
            String::from_utf8_lossy(&b.stdout),
            "{args:?}"
        );
    };
    same(&["query"], &["top", "--by", "pagerank"]);
    same(&["query"], &["russia -> ?"]);
    same(&["export", "-f", "graphml"], &[]);
    same(&["export", "-f", "mermaid", "--top", "5"], &["-o", "-"]);
    same(&["view"], &["-o", "-"]);
    same(&["render", "--format", "svg"], &["-o", "-"]);
    same(&["eval", "--gold", "../shared/gold", "--json"], &[]);
    // merge - and build --update - -o DIR.
    let d = temp_tree(&[("new.txt", "Poland criticized Russia.")]);
    let p = d.path();
    ok(run_with_stdin(p, &["merge", "-q", "-", "-o", "merged"], &graph));
    let merged: serde_json::Value = serde_json::from_slice(&read(&p.join("merged/graph.json"))).expect("json");
    let original: serde_json::Value = serde_json::from_slice(&graph).expect("json");
    assert_eq!(merged["edges"], original["edges"]);
    let o = ok(run_with_stdin(
        p,
        &["build", "--update", "-", "-o", "updated", "new.txt"],
        &graph,
    ));
    assert!(
        stderr(&o).contains("update: 1 added, 0 replaced, 0 unchanged (skipped), 0 removed"),
        "{}",
        stderr(&o)
    );
    assert!(p.join("updated/graph.json").exists());
}

#[test]
fn texts_come_from_stdin_for_explain_and_parse() {
    let d = temp_tree(&[(
        "a.txt",
        "Russia rejected the US plan for Ukraine. Putin criticized NATO.",
    )]);
    let p = d.path();
    let text = read(&p.join("a.txt"));
    for (given, piped) in [
        (
            vec![
                "explain",
                "--no-parse",
                "--date",
                "2025-03-01",
                "Russia rejected the US plan for Ukraine. Putin criticized NATO.",
            ],
            vec!["explain", "--no-parse", "--date", "2025-03-01", "-"],
        ),
        (
            vec!["explain", "--json", "--doc", "a.txt"],
            vec!["explain", "--json", "--doc", "-"],
        ),
        (
            vec!["parse", "--conllu", "--doc", "a.txt"],
            vec!["parse", "--conllu", "-"],
        ),
        (vec!["parse", "--doc", "a.txt"], vec!["parse", "--doc", "-"]),
    ] {
        let a = ok(command().args(&given).current_dir(p).output().expect("run"));
        let b = ok(run_with_stdin(p, &piped, &text));
        assert!(!a.stdout.is_empty());
        assert_eq!(
            String::from_utf8_lossy(&a.stdout),
            String::from_utf8_lossy(&b.stdout),
            "{piped:?}"
        );
    }
}

#[test]
fn dash_o_writes_one_file_to_stdout_and_refuses_sets() {
    let root = repo();
    let d = temp_tree(&[]);
    let p = d.path();
    let g = root.join("output/graph.json");
    let g = g.to_str().expect("utf8");
    for (args, file) in [
        (vec!["export", "--graph", g, "-f", "gexf"], "x.gexf"),
        (vec!["view", "--graph", g], "x.html"),
        (vec!["render", "--graph", g], "x.svg"),
    ] {
        let mut to_file = args.clone();
        to_file.extend(["-o", file]);
        ok(command().args(&to_file).current_dir(p).output().expect("run"));
        let mut to_stdout = args.clone();
        to_stdout.extend(["-o", "-"]);
        let o = ok(command().args(&to_stdout).current_dir(p).output().expect("run"));
        assert_eq!(o.stdout, read(&p.join(file)), "{args:?}");
        assert!(!p.join("-").exists(), "{args:?} wrote a file named -");
    }
    // render -o - with --format png gives a PNG.
    let o = ok(command()
        .args(["render", "--graph", g, "-o", "-", "--format", "png"])
        .current_dir(p)
        .output()
        .expect("run"));
    assert!(o.stdout.starts_with(b"\x89PNG"), "not a PNG");
    // Commands that write a set of files refuse -o -, before reading or writing anything.
    let refused = |args: &[&str], message: &str| {
        let o = command()
            .args(args)
            .current_dir(p)
            .stdin(Stdio::null())
            .output()
            .expect("run");
        fails_with(o, message);
        assert!(!p.join("-").exists(), "{args:?} wrote a file named -");
    };
    refused(
        &["build", "-o", "-", "x.gexf"],
        "-o -: build writes graph.json and graph.dot into a directory",
    );
    refused(
        &["merge", g, "-o", "-"],
        "-o -: merge writes graph.json and graph.dot into a directory",
    );
    refused(
        &["export", "--graph", g, "-f", "csv", "-o", "-"],
        "-o -: --format csv writes two files",
    );
    refused(
        &["build", "--update", "-"],
        "--update - reads the graph from stdin: pass -o DIR",
    );
}

#[test]
fn stdin_is_read_once() {
    let d = temp_tree(&[]);
    let p = d.path();
    let refused = |args: &[&str], message: &str| {
        fails_with(run_with_stdin(p, args, DOCS.as_bytes()), message);
        assert!(!p.join("out").join("graph.json").exists());
    };
    let twice = "`-` (stdin) is given 2 times as INPUT: only one input can come from stdin";
    refused(&["build", "-", "-", "-o", "out"], twice);
    refused(&["extract", "--jsonl", "-", "-"], twice);
    refused(&["gaps", "-", "-"], twice);
    refused(&["merge", "-", "-", "-o", "out"], twice);
    refused(&["eval", "--gold", "g", "-", "-"], twice);
    refused(
        &["build", "--update", "-", "-", "-o", "out"],
        "`-` (stdin) is given as INPUT and --update: only one input can come from stdin",
    );
}

#[test]
fn a_closed_stdout_ends_dash_o_quietly() {
    let root = repo();
    for args in [
        &["view", "-o", "-"][..],
        &["render", "-o", "-"],
        &["export", "-f", "json", "-o", "-"],
    ] {
        let mut child = command()
            .args(args)
            .current_dir(&root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run actorgraph");
        drop(child.stdout.take());
        let o = child.wait_with_output().expect("wait");
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}

#[test]
fn syntax_eval_reads_a_treebank_from_stdin() {
    let d = temp_tree(&[]);
    let p = d.path();
    let o = ok(command()
        .args(["parse", "--conllu", "Russia rejected the plan. Ukraine welcomed it."])
        .current_dir(p)
        .output()
        .expect("run"));
    // The file has the name a treebank on stdin gets in the table.
    std::fs::write(p.join("stdin.conllu"), &o.stdout).expect("write");
    let file = ok(command()
        .args(["syntax", "eval", "stdin.conllu"])
        .current_dir(p)
        .output()
        .expect("run"));
    let piped = ok(run_with_stdin(
        p,
        &["syntax", "eval", "-", "--predictions", "pred"],
        &o.stdout,
    ));
    assert_eq!(
        String::from_utf8_lossy(&file.stdout),
        String::from_utf8_lossy(&piped.stdout)
    );
    assert_eq!(
        read(&p.join("pred/stdin.conllu")),
        o.stdout,
        "the predictions read stdin again"
    );
    fails_with(
        run_with_stdin(p, &["syntax", "eval", "-"], b"# text = x\n1\tx\n"),
        "<stdin>:2:",
    );
    fails_with(
        run_with_stdin(p, &["syntax", "eval", "-", "--model", "-"], b""),
        "`-` (stdin) is given as FILE and --model",
    );
}
