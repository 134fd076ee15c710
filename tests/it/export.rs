//! `export`, `render` and `view` on the hand-written fixture
//! `tests/fixtures/export_graph.json` (8 actors, 8 edges: parallel edges
//! russia->ukraine, a negated and a hedged edge, one isolated actor, evidence
//! with `<script>`, `&`, quotes and non-ASCII text), checked with the real
//! consumers: networkx, Graphviz and headless Chromium. A missing consumer
//! fails the test with the install hint (scripts/test.sh installs them).
//!
//! Golden files live in `tests/fixtures/expected/`; `UPDATE_EXPECT=1 cargo
//! test` rewrites them (review the diff like code).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture() -> PathBuf {
    root().join("tests/fixtures/export_graph.json")
}

fn actorgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_actorgraph"))
        .args(args)
        .output()
        .expect("run actorgraph")
}

/// Runs actorgraph on the fixture and returns stdout; fails on a non-zero exit.
fn ok(args: &[&str]) -> String {
    let fx = fixture();
    let mut all = vec!["--graph", fx.to_str().unwrap()];
    all.splice(0..0, args[..1].iter().copied());
    all.extend_from_slice(&args[1..]);
    let out = actorgraph(&all);
    assert!(
        out.status.success(),
        "actorgraph {all:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Fails unless `program` runs; the message says how to install it.
fn require(program: &str, args: &[&str], hint: &str) {
    let found = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    assert!(
        found,
        "`{program}` is needed by this test and is missing: {hint} (or run scripts/test.sh, which installs it)"
    );
}

fn golden(name: &str, actual: &str) {
    let path = root().join("tests/fixtures/expected").join(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{}: missing golden file; run with UPDATE_EXPECT=1", path.display()));
    assert!(
        expected == actual,
        "{} differs from the output (UPDATE_EXPECT=1 rewrites it):\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn json_is_the_schema_as_is() {
    // The fixture predates the "directed" and "multigraph" keys: it loads, and is written with them.
    let fx = std::fs::read_to_string(fixture()).unwrap();
    let generator = "  \"generator\": \"actorgraph-fixture (hand-written)\",\n";
    assert!(fx.contains(generator) && !fx.contains("\"directed\""));
    let with_keys = generator.to_string() + "  \"directed\": true,\n  \"multigraph\": true,\n";
    assert_eq!(ok(&["export", "--format", "json"]), fx.replace(generator, &with_keys));
}

#[test]
fn golden_outputs() {
    golden("export_graph.graphml", &ok(&["export", "-f", "graphml"]));
    golden("export_graph.gexf", &ok(&["export", "-f", "gexf"]));
    golden("export_graph.cyjs", &ok(&["export", "-f", "cyjs"]));
    golden("export_graph.mmd", &ok(&["export", "-f", "mermaid"]));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("neo4j");
    ok(&["export", "-f", "csv", "-o", out.to_str().unwrap()]);
    let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap();
    golden("export_graph.nodes.csv", &read("nodes.csv"));
    golden("export_graph.edges.csv", &read("edges.csv"));
}

#[test]
fn cytoscape_elements_shape() {
    let v: Value = serde_json::from_str(&ok(&["export", "-f", "cytoscape"])).unwrap();
    let nodes = v["elements"]["nodes"].as_array().unwrap();
    let edges = v["elements"]["edges"].as_array().unwrap();
    assert_eq!((nodes.len(), edges.len()), (8, 8));
    assert_eq!(edges[3]["data"]["id"], "e3");
    assert_eq!(edges[3]["data"]["source"], "russia");
    assert_eq!(edges[3]["data"]["color"], "#d62728");
    assert_eq!(edges[3]["data"]["documents"], serde_json::json!(["d1", "d3"]));
}

#[test]
fn csv_needs_an_output_directory() {
    let fx = fixture();
    let out = actorgraph(&["export", "--graph", fx.to_str().unwrap(), "-f", "csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: --format csv writes two files: pass -o DIR (gets DIR/nodes.csv and DIR/edges.csv)\n"
    );
}

#[test]
fn networkx_reads_graphml_gexf_and_json() {
    require(
        "python3",
        &["-c", "import networkx"],
        "install networkx with `python3 -m pip install networkx`",
    );
    let dir = tempfile::tempdir().unwrap();
    let mut files = vec![];
    for (format, name) in [("graphml", "g.graphml"), ("gexf", "g.gexf"), ("json", "g.json")] {
        let path = dir.path().join(name);
        ok(&["export", "-f", format, "-o", path.to_str().unwrap()]);
        files.push(path);
    }
    let out = Command::new("python3")
        .arg(root().join("tests/it/networkx_check.py"))
        .args(&files)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let evidence =
        "Russia attacked Ukraine's <script>alert(\"pwned\")</script> grid & 'power' plants near Kharkiv (Харків).";
    for format in ["graphml", "gexf", "json"] {
        let s = &v[format];
        assert_eq!(s["type"], "MultiDiGraph", "{format}");
        assert_eq!(s["nodes"], 8, "{format}");
        assert_eq!(s["edges"], 8, "{format}");
        assert_eq!(s["russia_ukraine"], 2, "{format}: parallel edges kept");
        assert_eq!(s["zelensky"]["label"], "Volodymyr Zelensky (Зеленський)", "{format}");
        assert_eq!(s["zelensky"]["kind"], "person", "{format}");
        assert_eq!(s["zelensky"]["mentions"], 6, "{format}");
        assert_eq!(s["edge"]["relation"], "attacks", "{format}");
        assert_eq!(s["edge"]["negated"], false, "{format}");
    }
    for format in ["graphml", "gexf"] {
        let e = &v[format]["edge"];
        assert_eq!((&e["source"], &e["target"]), (&"russia".into(), &"ukraine".into()));
        assert_eq!(e["evidence"], evidence, "{format}");
        assert_eq!(e["evidence_count"], 2, "{format}");
        assert_eq!(e["polarity"], "conflictual", "{format}");
        assert_eq!(e["color"], "#d62728", "{format}");
        assert_eq!(e["symmetric"], false, "{format}");
    }
    assert_eq!(v["graphml"]["edge"]["weight"], 3);
    assert_eq!(v["gexf"]["edge"]["weight"], 3.0);
    assert_eq!(v["gexf"]["zelensky"]["viz"]["color"]["r"], 253);
    assert_eq!(v["json"]["edge"]["weight"], 3);
    assert_eq!(v["json"]["edge"]["evidence0"], evidence);
}

fn require_graphviz() {
    require(
        "dot",
        &["-V"],
        "install Graphviz with `apt-get install graphviz` or `brew install graphviz`",
    );
}

#[test]
fn graphviz_renders_the_dot_without_warnings() {
    require_graphviz();
    let dot = ok(&["export", "-f", "dot"]);
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(dot.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    let svg = String::from_utf8(out.stdout).unwrap();
    // 8 actors and the legend.
    assert_eq!(count(&svg, "class=\"node\""), 9);
    assert_eq!(count(&svg, "class=\"edge\""), 8);
}

#[test]
fn render_writes_svg_and_png() {
    require_graphviz();
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("g.svg");
    let png = dir.path().join("out/g.png");
    for (path, engine) in [(&svg, None), (&png, Some("sfdp"))] {
        let mut args = vec!["render", "-o", path.to_str().unwrap()];
        if let Some(e) = engine {
            args.extend(["--engine", e]);
        }
        let stdout = ok(&args);
        assert_eq!(stdout, "", "render prints its summary on stderr only");
    }
    let svg = std::fs::read_to_string(&svg).unwrap();
    // 7 actors (wagner, without relations, is left out) and the legend.
    assert_eq!(count(&svg, "class=\"node\""), 8);
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG\r\n\x1a\n"));
}

#[test]
fn render_rejects_unknown_extensions() {
    let fx = fixture();
    let out = actorgraph(&["render", "--graph", fx.to_str().unwrap(), "-o", "g.jpeg"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: g.jpeg: cannot tell the image format from the extension \"jpeg\"; use one of .svg, .png, .pdf (or --format)\n"
    );
}

#[test]
fn render_without_graphviz_says_how_to_install_it() {
    let empty = tempfile::tempdir().unwrap();
    let fx = fixture();
    let out = Command::new(env!("CARGO_BIN_EXE_actorgraph"))
        .args(["render", "--graph", fx.to_str().unwrap(), "-o"])
        .arg(empty.path().join("g.svg"))
        .env("PATH", empty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Graphviz is not installed (`dot` not found on PATH): install it with `apt-get install graphviz` (Debian/Ubuntu) or `brew install graphviz` (macOS)"),
        "{stderr}"
    );
    assert!(!empty.path().join("g.svg").exists());
}

#[test]
fn filters_on_the_command_line() {
    let ids = |args: &[&str]| -> (Vec<String>, Vec<String>) {
        let mut all = vec!["export", "-f", "json"];
        all.extend_from_slice(args);
        let v: Value = serde_json::from_str(&ok(&all)).unwrap();
        let nodes = v["nodes"].as_array().unwrap().iter();
        let edges = v["edges"].as_array().unwrap().iter();
        (
            nodes.map(|n| n["id"].as_str().unwrap().to_string()).collect(),
            edges
                .map(|e| {
                    format!(
                        "{}-{}-{}",
                        e["source"].as_str().unwrap(),
                        e["relation"].as_str().unwrap(),
                        e["target"].as_str().unwrap()
                    )
                })
                .collect(),
        )
    };
    // Weighted degree: ukraine 9, russia 6, united_states 4, ...
    assert_eq!(
        ids(&["--top", "3"]),
        (
            vec!["russia".into(), "ukraine".into(), "united_states".into()],
            vec![
                "russia-attacks-ukraine".into(),
                "russia-negotiates_with-ukraine".into(),
                "ukraine-criticizes-russia".into(),
                "united_states-supports-ukraine".into()
            ]
        )
    );
    // Edge filters drop the actors they strand, but keep wagner (no edges to begin with).
    assert_eq!(
        ids(&["--rel", "meets", "--no-negated", "--no-hedged"]),
        (
            vec!["erdogan".into(), "putin".into(), "wagner".into()],
            vec!["erdogan-meets-putin".into()]
        )
    );
    assert_eq!(
        ids(&["--kind", "person", "--min-weight", "1"]).1,
        vec!["erdogan-meets-putin", "erdogan-meets-zelensky", "putin-meets-zelensky"]
    );
    let fx = fixture();
    let out = actorgraph(&[
        "export",
        "--graph",
        fx.to_str().unwrap(),
        "-f",
        "dot",
        "--rel",
        "attack",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--rel: unknown relation \"attack\" (did you mean \"attacks\"?)")
    );
}

/// Opens `html#fragment` in headless Chromium and returns the DOM after the scripts ran.
fn chromium_dom(html: &Path, fragment: &str) -> String {
    require(
        "chromium",
        &["--version"],
        "install Chromium with `apt-get install chromium`",
    );
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}#{fragment}", html.display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn view_page_is_self_contained_and_escapes_article_text() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("graph.html");
    ok(&["view", "-o", html.to_str().unwrap()]);
    let page = std::fs::read_to_string(&html).unwrap();
    assert_eq!(count(&page, "<script"), 2, "the data block and the page script");
    assert_eq!(count(&page, "</script>"), 2);
    assert!(page.contains(r#"Ukraine's \u003cscript\u003ealert(\"pwned\")\u003c/script\u003e grid \u0026 'power'"#));
    assert_eq!(count(&page, "https://"), 0, "no external resources");
    assert_eq!(count(&page, "src="), 0);
    assert_eq!(count(&page, "innerHTML"), 0);
}

#[test]
fn view_draws_nodes_and_shows_evidence_on_click_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("graph.html");
    ok(&["view", "-o", html.to_str().unwrap()]);

    // #click=e3 dispatches a click event on the edge's SVG path; the page's click handler fills the panel.
    let dom = chromium_dom(&html, "click=e3");
    assert!(dom.contains("<body data-ready=\"true\">"), "the page script ran");
    assert_eq!(
        count(&dom, "<g class=\"node\""),
        7,
        "wagner, without relations, is left out"
    );
    assert_eq!(count(&dom, "<g class=\"edge\" data-id="), 7);
    assert_eq!(count(&dom, "<g class=\"edge selected\""), 1);
    assert!(dom.contains("<section id=\"panel\" data-edge=\"e3\"><h2>Russia → attacks → Ukraine</h2>"));
    assert!(dom.contains("<blockquote>Russia attacked Ukraine's &lt;script&gt;alert(\"pwned\")&lt;/script&gt; grid &amp; 'power' plants near Kharkiv (Харків).</blockquote><cite>Strikes on Kharkiv &amp; talks in Istanbul · 2024-05-02 · seeds/kharkiv.txt</cite>"));
    assert_eq!(count(&dom, "<script"), 2, "article text did not become markup");
    assert!(dom.contains("<span id=\"status\">7 actors, 8 relations</span>"));

    // Another edge, whose evidence tries to close a textarea and open a <b>.
    let dom = chromium_dom(&html, "select=e4");
    assert!(dom.contains(
        "<blockquote>Russia and Ukraine held talks in Istanbul &lt;/textarea&gt;&lt;b&gt;bold&lt;/b&gt;.</blockquote>"
    ));
    assert_eq!(count(&dom, "<b>"), 0);

    // Search highlights the actor.
    let dom = chromium_dom(&html, "search=zelen");
    assert_eq!(count(&dom, "<g class=\"node match"), 1);
    assert!(dom.contains("<g class=\"node match selected\" data-id=\"zelensky\""));

    // An alias finds its actor: "the Kremlin" is Russia.
    let dom = chromium_dom(&html, "search=kremlin");
    assert_eq!(count(&dom, "<g class=\"node match"), 1);
    assert!(dom.contains("<g class=\"node match selected\" data-id=\"russia\""));
    assert!(dom.contains("<section id=\"panel\"><h2>Russia</h2><p class=\"meta\">state · 9 mentions · 4 relations</p>"));
}

/// The markup of the element `<g ... data-id="ID">` up to its end.
fn element<'a>(dom: &'a str, id: &str) -> &'a str {
    let at = dom
        .find(&format!("data-id=\"{id}\""))
        .unwrap_or_else(|| panic!("{id} not in the page"));
    let rest = &dom[at..];
    &rest[..rest.find("</g>").unwrap()]
}

#[test]
fn view_pairs_search_dates_notes_and_legend_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("graph.html");
    ok(&["view", "-o", html.to_str().unwrap()]);

    // One line per pair: russia-ukraine (p4) has the stance color render gives it (-0.6).
    let dom = chromium_dom(&html, "pairs=1&click=p4");
    assert!(dom.contains("<span id=\"status\">7 actors, 8 relations in 6 pairs</span>"));
    assert_eq!(count(&dom, "<g class=\"pair"), 6);
    assert!(
        element(&dom, "p4").contains("stroke=\"#b84f50\""),
        "{}",
        element(&dom, "p4")
    );
    // In pair mode a line's color is the pair's net stance, and the legend says so.
    assert!(dom.contains(
        "<fieldset id=\"stance\"><legend>Lines: net stance of each actor pair</legend>\
         <div class=\"legend-row\"><span class=\"swatch\" style=\"background: rgb(31, 119, 180);\"></span><span>cooperative</span></div>\
         <div class=\"legend-row\"><span class=\"swatch\" style=\"background: rgb(140, 140, 140);\"></span><span>mixed or neutral</span></div>\
         <div class=\"legend-row\"><span class=\"swatch\" style=\"background: rgb(214, 39, 40);\"></span><span>conflictual</span></div>\
         <div class=\"legend-row\">width: total weight; click a line for its relations</div></fieldset>"
    ));
    assert!(dom.contains("<section id=\"panel\" data-pair=\"p4\"><h2>Russia – Ukraine</h2><p class=\"meta\">total 5 · net stance -0.60</p><ul class=\"pair-edges\"><li><a href=\"#select=e3\">Russia attacks Ukraine ×3</a><span class=\"meta\"> conflictual</span></li><li><a href=\"#select=e4\">Russia negotiates_with Ukraine ×1</a><span class=\"meta\"> cooperative</span></li><li><a href=\"#select=e6\">Ukraine criticizes Russia ×1</a><span class=\"meta\"> conflictual</span></li></ul></section>"));

    // Search: the actor, its neighbours and the lines between them are marked, the view centred on it.
    let dom = chromium_dom(&html, "pairs=1&search=zelen");
    assert!(dom.contains("<g class=\"node match selected\" data-id=\"zelensky\""));
    assert_eq!(count(&dom, "<g class=\"node near\""), 2);
    assert!(dom.contains("<g class=\"node near\" data-id=\"erdogan\""));
    assert!(dom.contains("<g class=\"node near\" data-id=\"putin\""));
    assert_eq!(count(&dom, "<g class=\"pair near\""), 2);
    assert!(
        dom.contains("<g id=\"viewport\" transform=\"translate(47.400000000000006,-214.60000000000002) scale(1)\">")
    );

    // Dates: from 2024-05-09 only the two meetings of that day's article are left.
    let dom = chromium_dom(&html, "from=2024-05-09");
    // One line per relation (8, the default up to 60): lines have their relation's color, no stance legend.
    assert!(dom.contains("<fieldset id=\"stance\" hidden=\"\">"));
    assert!(dom.contains("<output id=\"date-from-value\">2024-05-09</output>"));
    assert!(dom.contains("<span id=\"status\">3 actors, 2 relations</span>"));

    // The page says what it leaves out, and has a legend of kinds and communities.
    assert!(dom.contains("<div id=\"notes\"><p>1 actor without relations not shown (actorgraph view --isolated shows it).</p><p>2 relations keep only part of their evidence (the graph was built with --max-evidence).</p></div>"));
    for row in ["person (3)", "state (3)", "organization (1)", "Russia, Ukraine … (4)"] {
        assert!(dom.contains(&format!("<span>{row}</span>")), "{row}");
    }
    ok(&["view", "-o", html.to_str().unwrap(), "--top", "3", "--isolated"]);
    let dom = chromium_dom(&html, "");
    assert!(dom.contains("<div id=\"notes\"><p>Filtered with --top 3: 3 of 8 actors, 4 of 8 relations.</p><p>2 relations keep only part of their evidence (the graph was built with --max-evidence).</p></div>"));
}

#[test]
fn view_layout_is_deterministic_and_free_of_overlaps() {
    use actorgraph::graphfile::GraphFile;
    let g = GraphFile::load(&fixture()).unwrap();
    let a = actorgraph::view::layout_graph(&g);
    assert_eq!(a, actorgraph::view::layout_graph(&g));
    let boxes = actorgraph::view::node_boxes(&g);
    let mut moved = a.positions.clone();
    actorgraph::view::layout::remove_overlaps(&mut moved, &boxes, 4.0);
    assert_eq!(moved, a.positions, "no disc or label overlaps another");
    assert_eq!(
        a.positions,
        [
            (209.9, 399.8),
            (52.4, 48.8),
            (283.6, 474.3),
            (128.3, 165.1),
            (188.4, 257.2),
            (239.3, 335.3),
            (394.2, 397.8),
            (136.1, 495.6)
        ]
    );
}

#[test]
fn graphviz_warnings_are_errors() {
    use actorgraph::export::graphviz::{run, Engine, GraphvizError};
    require_graphviz();
    let err = run("digraph { a [shape=nosuchshape] }", Engine::Dot, "svg").unwrap_err();
    match err {
        GraphvizError::Warnings { engine, stderr } => {
            assert_eq!(engine, "dot");
            assert!(stderr.contains("nosuchshape"), "{stderr}");
        }
        other => panic!("expected warnings, got {other}"),
    }
    let svg = run("digraph { a -> b }", Engine::Neato, "svg").unwrap();
    assert_eq!(count(&String::from_utf8(svg).unwrap(), "class=\"node\""), 2);
}

#[test]
fn view_real_mouse_click_and_drag_in_chromium() {
    require(
        "chromium",
        &["--version"],
        "install Chromium with `apt-get install chromium`",
    );
    require(
        "python3",
        &["--version"],
        "install Python 3 with `apt-get install python3`",
    );
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("graph.html");
    ok(&["view", "-o", html.to_str().unwrap()]);
    let profile = dir.path().join("profile");
    std::fs::create_dir(&profile).unwrap();
    let out = Command::new("python3")
        .arg(root().join("tests/it/chromium_click.py"))
        .arg("chromium")
        .arg(&html)
        .arg("e3")
        .arg(&profile)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["nodes"], 7);
    assert_eq!(v["selected"], serde_json::json!(["e3"]), "the click hit edge e3");
    let panel = v["panel"].as_str().unwrap();
    assert!(panel.starts_with("<section id=\"panel\" data-edge=\"e3\"><h2>Russia → attacks → Ukraine</h2><p class=\"meta\">weight 3 · conflictual · 2024-05-02</p>"), "{panel}");
    assert!(panel.contains("<blockquote>Russia attacked Ukraine's &lt;script&gt;alert(\"pwned\")&lt;/script&gt; grid &amp; 'power' plants near Kharkiv (Харків).</blockquote>"), "{panel}");
    // Dragging the first actor by (+40, +30) screen pixels moves it by about that much.
    let xy = |t: &Value| -> (f64, f64) {
        let s = t.as_str().unwrap();
        let inner = s.strip_prefix("translate(").unwrap().strip_suffix(')').unwrap();
        let (x, y) = inner.split_once(',').unwrap();
        (x.parse().unwrap(), y.parse().unwrap())
    };
    let (x0, y0) = xy(&v["drag"]["before"]);
    let (x1, y1) = xy(&v["drag"]["after"]);
    assert!((30.0..55.0).contains(&(x1 - x0)), "dx {}", x1 - x0);
    assert!((20.0..45.0).contains(&(y1 - y0)), "dy {}", y1 - y0);
    // Typing in the search box marks the actor and its two neighbours.
    assert_eq!(v["search"]["match"], serde_json::json!(["zelensky"]));
    assert_eq!(v["search"]["near"], serde_json::json!(["erdogan", "putin"]));
    assert_eq!(
        v["search"]["viewport"],
        "translate(47.400000000000006,-214.60000000000002) scale(1)"
    );
    // The right arrow on the "from" slider moves it to the next evidence date.
    assert_eq!(v["dates"]["from"], "2024-05-09");
    assert_eq!(v["dates"]["status"], "3 actors, 2 relations");
}

// ----- pictures at corpus scale: actors without relations left out, one
// line per actor pair, communities, the legend, the size guard -----

use actorgraph::graphfile::{EdgeRec, GraphFile, NodeRec, FORMAT, VERSION};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Renders the fixture to `dir/name` with `args`; returns the SVG and stderr.
fn render(dir: &Path, name: &str, args: &[&str]) -> (String, String) {
    require_graphviz();
    let out_path = dir.join(name);
    let fx = fixture();
    let mut all = vec![
        "render",
        "--graph",
        fx.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    let out = actorgraph(&all);
    assert!(out.status.success(), "{all:?}: {}", stderr(&out));
    (std::fs::read_to_string(&out_path).unwrap(), stderr(&out))
}

/// The `<title>`s of the SVG's nodes (Graphviz writes the node id there).
fn node_titles(svg: &str) -> Vec<String> {
    svg.split("class=\"node\">\n<title>")
        .skip(1)
        .map(|s| s.split("</title>").next().unwrap().to_string())
        .collect::<std::collections::BTreeSet<String>>()
        .into_iter()
        .collect()
}

#[test]
fn render_leaves_out_actors_without_relations_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (svg, err) = render(dir.path(), "a.svg", &["--engine", "dot"]);
    assert_eq!(
        node_titles(&svg),
        [
            "erdogan",
            "legend",
            "nato",
            "putin",
            "russia",
            "ukraine",
            "united_states",
            "zelensky"
        ]
    );
    assert_eq!(
        err,
        format!(
            "wrote {} (7 actors, 8 relations, engine dot, 1 actor without relations left out (--isolated shows it))\n",
            dir.path().join("a.svg").display()
        )
    );
    let (svg, _) = render(dir.path(), "b.svg", &["--engine", "dot", "--isolated"]);
    assert_eq!(node_titles(&svg).len(), 9);
    assert!(svg.contains("<title>wagner</title>"));
}

#[test]
fn render_pairs_draws_one_line_per_actor_pair_colored_by_stance() {
    let dir = tempfile::tempdir().unwrap();
    let (svg, err) = render(dir.path(), "p.svg", &["--engine", "neato", "--edges", "pairs"]);
    assert!(err.contains("(7 actors, 6 pairs of 8 relations, engine neato"), "{err}");
    assert_eq!(svg.matches("class=\"edge\"").count(), 6);
    // russia-ukraine: attacks 3, criticizes 1 (conflictual), negotiates_with 1
    // (cooperative): stance (1 - 4) / 5 = -0.6, 60% of the way from grey to red.
    let pair = svg.split("<title>russia&#45;&gt;ukraine</title>").nth(1).unwrap();
    let pair = &pair[..pair.find("</g>").unwrap()];
    assert!(pair.contains("xlink:title=\"total 5: Russia attacks Ukraine ×3; Russia negotiates_with Ukraine ×1; Ukraine criticizes Russia ×1\""), "{pair}");
    assert!(pair.contains("stroke=\"#b84f50\""), "{pair}");
    assert!(!pair.contains("<polygon"), "pairs have no arrowhead: {pair}");
    // The default switches to pairs above 60 relations only: 8 stay relations.
    let (svg, _) = render(dir.path(), "r.svg", &["--engine", "neato"]);
    assert_eq!(svg.matches("class=\"edge\"").count(), 8);
}

/// The y of each text line of the legend node, in order.
fn legend_rows(svg: &str) -> Vec<(f64, String)> {
    let legend = svg.split("<title>legend</title>").nth(1).unwrap();
    let legend = &legend[..legend.find("</g>").unwrap()];
    legend
        .split("<text ")
        .skip(1)
        .map(|t| {
            let y = t.split(" y=\"").nth(1).unwrap().split('"').next().unwrap();
            let text = t.split('>').nth(1).unwrap().split('<').next().unwrap();
            (y.parse().unwrap(), text.to_string())
        })
        .collect()
}

#[test]
fn legend_title_sits_above_its_rows_with_every_engine() {
    let dir = tempfile::tempdir().unwrap();
    for engine in ["dot", "neato", "sfdp", "fdp"] {
        let (svg, _) = render(dir.path(), &format!("{engine}.svg"), &["--engine", engine]);
        let rows = legend_rows(&svg);
        let texts: Vec<&str> = rows.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "relations",
                "──▶ attacks",
                "──▶ criticizes",
                "──▶ meets",
                "──▶ negotiates_with",
                "──▶ supports",
                "──▶ threatens",
                "dashed: negated · dotted: hedged",
                "communities",
                "Russia, Ukraine, … (4)",
                "Volodymyr Zelensky (Зеленський), Vladimir Putin, … (3)"
            ],
            "{engine}"
        );
        // Every row strictly below the previous one by at least a line of 11 pt text.
        for w in rows.windows(2) {
            assert!(w[1].0 - w[0].0 >= 11.0, "{engine}: {rows:?}");
        }
    }
}

/// A graph of `n` actors in a chain (n - 1 relations).
fn chain(n: usize) -> GraphFile {
    let id = |i: usize| format!("a{i:04}");
    GraphFile {
        format: FORMAT.into(),
        version: VERSION,
        generator: "test".into(),
        relations: vec![],
        documents: vec![],
        nodes: (0..n)
            .map(|i| NodeRec {
                id: id(i),
                label: id(i),
                kind: "state".into(),
                aliases: vec![],
                mentions: 1,
                documents: vec![],
            })
            .collect(),
        edges: (1..n)
            .map(|i| EdgeRec {
                source: id(i - 1),
                target: id(i),
                relation: "meets".into(),
                symmetric: false,
                negated: false,
                hedged: false,
                weight: 1,
                first_seen: None,
                last_seen: None,
                evidence: vec![],
            })
            .collect(),
    }
}

#[test]
fn render_refuses_thousands_of_actors_and_suggests_top() {
    let dir = tempfile::tempdir().unwrap();
    let graph = dir.path().join("big.json");
    chain(501).save(&graph).unwrap();
    let png = dir.path().join("big.png");
    let out = actorgraph(&[
        "render",
        "--graph",
        graph.to_str().unwrap(),
        "-o",
        png.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: 501 actors to draw (more than 500): Graphviz would take minutes and the picture would be \
         unreadable; draw fewer actors with --top 500 (or --min-weight N), use `actorgraph view`, or pass \
         --force to draw it anyway\n"
    );
    assert!(!png.exists());
}

#[test]
fn build_graph_dot_is_the_default_picture() {
    let dir = tempfile::tempdir().unwrap();
    let fx = fixture();
    let out = dir.path().join("small");
    let o = actorgraph(&["merge", fx.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dot = std::fs::read_to_string(out.join("graph.dot")).unwrap();
    // Small: one line per relation, laid out by dot (no layout attribute); wagner left out.
    assert_eq!(
        dot.lines().nth(1).unwrap(),
        "  graph [rankdir=LR, overlap=false, splines=true, fontname=\"Helvetica\", label=\"actorgraph: 7 actors, 8 relations, 3 documents\", labelloc=t];"
    );
    assert_eq!(count(&dot, "wagner"), 0);
    // 70 actors in a chain: one line per pair, neato named in the file for `dot -Tsvg graph.dot`.
    let big = dir.path().join("chain.json");
    chain(70).save(&big).unwrap();
    let out = dir.path().join("big");
    let o = actorgraph(&["merge", big.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dot = std::fs::read_to_string(out.join("graph.dot")).unwrap();
    assert_eq!(dot.lines().nth(1).unwrap(), "  graph [layout=neato];");
    assert!(dot.contains("label=\"actorgraph: 70 actors, 69 pairs (69 relations), 0 documents\""));
    // The full DOT export keeps every actor.
    assert_eq!(count(&ok(&["export", "-f", "dot"]), "\"wagner\" [label="), 1);
}
