//! The CLI as an installed tool: built-in rules, the environment, the Cargo profiles.

use crate::support::{command, repo, run_in, stderr, temp_tree};

fn out(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const DOC: &str = "Russia attacked Ukraine on Monday. Zelensky said Ukraine rejects the demands of the Kremlin.\n";

#[test]
fn runs_outside_the_checkout_with_its_built_in_rules() {
    // A temp dir with no rules/ anywhere near: the built-in rules are the checkout's rules/.
    let dir = temp_tree(&[("doc.txt", DOC)]);
    let o = run_in(dir.path(), &["build", "-q", "doc.txt", "-o", "a"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rules = repo().join("rules");
    let o = run_in(
        dir.path(),
        &[
            "build",
            "-q",
            "--rules",
            rules.to_str().expect("utf8"),
            "doc.txt",
            "-o",
            "b",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let read = |p: &str| std::fs::read_to_string(dir.path().join(p)).expect("graph.json");
    assert_eq!(read("a/graph.json"), read("b/graph.json"));
    assert!(
        read("a/graph.json").contains("\"relation\": \"attacks\""),
        "{}",
        read("a/graph.json")
    );
    let o = run_in(dir.path(), &["rules", "check"]);
    assert_eq!(
        out(&o),
        format!(
            "<built-in>: ok: 6 files, {}",
            &out(&run_in(&repo(), &["rules", "check", "--rules", "rules"]))["rules: ok: 6 files, ".len()..]
        )
    );
}

#[test]
fn rules_export_writes_the_built_in_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = run_in(dir.path(), &["rules", "export", "mine"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "6 rule files -> mine\n");
    for (path, _) in actorgraph::rules::builtin_files() {
        assert_eq!(
            std::fs::read(dir.path().join("mine").join(path)).expect("exported"),
            std::fs::read(repo().join("rules").join(path)).expect("in rules/"),
            "{path}"
        );
    }
    let o = run_in(dir.path(), &["rules", "export", "mine"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: mine: not empty: export writes into a new or empty directory\n"
    );
    let o = run_in(dir.path(), &["rules", "check", "--rules", "mine"]);
    assert!(out(&o).starts_with("mine: ok: 6 files, "), "{}", out(&o));
}

#[test]
fn actorgraph_rules_names_the_rule_directory_and_rules_wins() {
    let dir = temp_tree(&[
        (
            "r/actors.toml",
            "[[actor]]\nid = \"acme\"\nlabel = \"Acme\"\nkind = \"organization\"\naliases = [\"Acme\"]\n",
        ),
        (
            "r/relations.toml",
            "[[relation]]\nid = \"leads\"\npolarity = \"neutral\"\ncolor = \"#000000\"\n\n\
             [[relation]]\nid = \"represents\"\npolarity = \"neutral\"\ncolor = \"#000000\"\n",
        ),
    ]);
    let check = |env: Option<&str>, args: &[&str]| {
        let mut c = command();
        c.current_dir(dir.path()).args(["rules", "check"]).args(args);
        if let Some(v) = env {
            c.env("ACTORGRAPH_RULES", v);
        }
        let o = c.output().expect("run");
        (o.status.code(), out(&o), stderr(&o))
    };
    let (code, stdout, _) = check(Some("r"), &[]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            Some(0),
            "r: ok: 2 files, 1 actors, 1 aliases, 2 relations, 0 patterns\n"
        )
    );
    let (code, _, err) = check(Some("nope"), &[]);
    assert_eq!(
        (code, err.as_str()),
        (
            Some(1),
            "error: rule directory not found\n = in nope\n\n1 error in nope\n"
        )
    );
    let (code, stdout, _) = check(Some("nope"), &["--rules", "r"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            Some(0),
            "r: ok: 2 files, 1 actors, 1 aliases, 2 relations, 0 patterns\n"
        )
    );
}

#[test]
fn cargo_profiles_ship_no_debug_info_and_keep_a_profiling_profile() {
    let manifest: toml::Value =
        toml::from_str(&std::fs::read_to_string(repo().join("Cargo.toml")).expect("Cargo.toml"))
            .expect("Cargo.toml parses");
    assert_eq!(manifest["package"]["rust-version"].as_str(), Some("1.85"));
    let release = &manifest["profile"]["release"];
    assert_eq!(release.get("debug"), None);
    assert_eq!(release["strip"].as_str(), Some("debuginfo"));
    let profiling = &manifest["profile"]["profiling"];
    assert_eq!(profiling["inherits"].as_str(), Some("release"));
    assert_eq!(profiling["debug"].as_integer(), Some(1));
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README");
    assert!(readme.contains("cargo install --path ."));
}

#[test]
fn help_says_what_the_commands_do() {
    let help = |args: &[&str]| out(&run_in(&repo(), args));
    assert!(help(&["build", "--help"])
        .contains("Files, directories (walked for .txt/.md/.jsonl, sorted) or .jsonl(.gz) corpora"));
    for cmd in ["export", "render", "view"] {
        let h = help(&[cmd, "--help"]);
        assert!(h.contains("\nExamples:\n  actorgraph "), "{cmd} --help: {h}");
    }
    // A mistyped subcommand is not read as a pattern.
    let o = run_in(&repo(), &["query", "actor", "Putin"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: no query \"actor\": did you mean `actorgraph query actors`?\n"
    );
    // docs/query.md: 1 for an unknown actor, 2 for an error.
    let o = run_in(&repo(), &["query", "neighbors", "Putn"]);
    assert_eq!(o.status.code(), Some(1));
    let o = run_in(&repo(), &["query", "putin", "-[", "ukraine"]);
    assert_eq!(o.status.code(), Some(2));
    let doc = std::fs::read_to_string(repo().join("docs/query.md")).expect("query.md");
    assert!(doc.contains("none or when an actor is unknown or ambiguous, 2 on an error"));
    // One mention is not "1 mentions".
    let dot = std::fs::read_to_string(repo().join("output/graph.dot")).expect("graph.dot");
    assert!(dot.contains("tooltip=\"Belgium (state), 1 mention\"") && !dot.contains(" 1 mentions"));
}

#[test]
fn graph_json_says_it_is_a_directed_multigraph() {
    let json = std::fs::read_to_string(repo().join("output/graph.json")).expect("graph.json");
    assert!(json.starts_with(
        "{\n  \"format\": \"actorgraph-graph\",\n  \"version\": 1,\n  \"generator\": \"actorgraph 0.1.0\",\n  \
         \"directed\": true,\n  \"multigraph\": true,\n  \"relations\": ["
    ));
    // A file written before the two keys existed loads the same.
    let old = json.replace("  \"directed\": true,\n  \"multigraph\": true,\n", "");
    let a = actorgraph::graphfile::GraphFile::from_json_str(&json, "new").expect("new");
    let b = actorgraph::graphfile::GraphFile::from_json_str(&old, "old").expect("old");
    assert_eq!(a, b);
    assert_eq!(b.to_json_string(), json);
}

#[test]
fn tests_name_the_shared_data_they_need() {
    let missing = std::panic::catch_unwind(|| crate::support::shared("no-such-dir"));
    let msg = missing.expect_err("a panic").downcast::<String>().expect("a message");
    assert!(msg.ends_with(
        "is missing: the tests read ../shared/no-such-dir; put the project's shared data (gold/, corpus/ukraine, \
         corpus/news, treebanks/) beside the checkout, as README.md \"Tests\" says"
    ));
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README");
    assert!(readme.contains("### Tests") && readme.contains("`corpus/news/`: `reuters21578.jsonl`"));
}
