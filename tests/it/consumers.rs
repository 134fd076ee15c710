//! The real consumers of the seed outputs: Graphviz renders graph.dot with no
//! warnings, networkx loads graph.json. Both are installed by scripts/test.sh;
//! when missing, these tests fail with the install hint.

use crate::support::repo;
use std::process::Command;

fn require(cmd: &str, args: &[&str], hint: &str) {
    let ok = Command::new(cmd)
        .args(args)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        ok,
        "`{cmd}` is needed for this test: {hint} (scripts/test.sh installs it)"
    );
}

#[test]
fn graphviz_renders_the_seed_graph_without_warnings() {
    require("dot", &["-V"], "apt-get install graphviz");
    let out = Command::new("dot")
        .args(["-Tsvg", "output/graph.dot"])
        .current_dir(repo())
        .output()
        .expect("run dot");
    assert!(
        out.status.success(),
        "dot failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "dot printed warnings");
    let svg = String::from_utf8_lossy(&out.stdout);
    assert!(svg.contains("<svg") && svg.contains("Vladimir Putin"));
}

#[test]
fn networkx_loads_graph_json() {
    require("python3", &["-c", "import networkx"], "python3 -m pip install networkx");
    let script = r#"
import json, sys
from networkx.readwrite import json_graph
data = json.load(open("output/graph.json"))
# The line README.md gives: graph.json says it is a directed multigraph.
g = json_graph.node_link_graph(data, edges="edges")
assert type(g).__name__ == "MultiDiGraph", type(g).__name__
assert g.number_of_nodes() == len(data["nodes"]), (g.number_of_nodes(), len(data["nodes"]))
assert g.number_of_edges() == len(data["edges"]), (g.number_of_edges(), len(data["edges"]))
assert g.nodes["vladimir_putin"]["kind"] == "person"
assert any(d["relation"] == "leads" for _, _, d in g.edges("vladimir_putin", data=True))
print(g.number_of_nodes(), g.number_of_edges())
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .current_dir(repo())
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "networkx could not load graph.json: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let g = actorgraph::graphfile::GraphFile::load(&repo().join("output/graph.json")).expect("graph");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("{} {}", g.nodes.len(), g.edges.len())
    );
}
