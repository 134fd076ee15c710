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
            "<built-in>: ok: 7 files, {}",
            &out(&run_in(&repo(), &["rules", "check", "--rules", "rules"]))["rules: ok: 7 files, ".len()..]
        )
    );
}

#[test]
fn rules_export_writes_the_built_in_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = run_in(dir.path(), &["rules", "export", "mine"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "7 rule files -> mine\n");
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
    assert!(out(&o).starts_with("mine: ok: 7 files, "), "{}", out(&o));
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
        (Some(0), "r: ok: 2 files, 1 actor, 1 alias, 2 relations, 0 patterns\n")
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
        (Some(0), "r: ok: 2 files, 1 actor, 1 alias, 2 relations, 0 patterns\n")
    );
}

#[test]
fn cargo_profiles_ship_no_debug_info_and_keep_a_profiling_profile() {
    let manifest: toml::Value =
        toml::from_str(&std::fs::read_to_string(repo().join("Cargo.toml")).expect("Cargo.toml"))
            .expect("Cargo.toml parses");
    assert_eq!(manifest["package"]["rust-version"].as_str(), Some("1.89"));
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
    assert!(dot.contains("tooltip=\"Germany (state), 1 mention\"") && !dot.contains(" 1 mentions"));
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
    use actorgraph::graphfile::GraphFile;
    let (a, _) = GraphFile::from_json_str_with_extras(&json, "new").expect("new");
    let (b, extras) = GraphFile::from_json_str_with_extras(&old, "old").expect("old");
    assert_eq!(a, b);
    assert_eq!(b.to_json_string_with(&extras), json);
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

/// A seed article, an exact copy, a near copy under another byline in a JSONL corpus, and another article.
fn copies_tree() -> tempfile::TempDir {
    let a = std::fs::read_to_string(repo().join("seeds/000_cb883c9b1bea4990.txt")).expect("seed");
    let near = format!(
        "By Jane Doe, staff reporter\n\n{}\nRead more at example.org",
        a.replace("\n\n", "\n")
    );
    let line = serde_json::json!({"id": "wire-1", "text": near}).to_string();
    let other = std::fs::read_to_string(repo().join("seeds/001_159deea72919d583.txt")).expect("seed");
    temp_tree(&[
        ("in/a.txt", &a),
        ("in/b.txt", &a),
        ("in/c.jsonl", &format!("{line}\n")),
        ("in/d.txt", &other),
    ])
}

#[test]
fn copies_are_reported_and_dedupe_skips_and_records_them() {
    let dir = copies_tree();
    let o = run_in(dir.path(), &["build", "-q", "in", "-o", "all"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "warning: in/b.txt: document \"b.txt\" is a copy of \"a.txt\"\n\
         warning: in/c.jsonl:1: document \"wire-1\" is a near copy (similarity 0.96) of \"a.txt\"\n\
         warning: 2 documents copy earlier ones, and their evidence counts again: --dedupe keeps only the first of each\n"
    );
    let o = run_in(dir.path(), &["build", "-q", "--dedupe", "in", "-o", "kept"]);
    assert_eq!(
        stderr(&o),
        "warning: in/b.txt: document \"b.txt\" is a copy of \"a.txt\"; skipped\n\
         warning: in/c.jsonl:1: document \"wire-1\" is a near copy (similarity 0.96) of \"a.txt\"; skipped\n"
    );
    let read = |p: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(dir.path().join(p)).expect("graph.json")).expect("json")
    };
    let (all, kept) = (read("all/graph.json"), read("kept/graph.json"));
    let ids = |g: &serde_json::Value| -> Vec<String> {
        g["documents"]
            .as_array()
            .expect("docs")
            .iter()
            .map(|d| d["id"].as_str().expect("id").to_string())
            .collect()
    };
    assert_eq!(ids(&all), ["a.txt", "b.txt", "d.txt", "wire-1"]);
    assert_eq!(ids(&kept), ["a.txt", "d.txt"]);
    assert_eq!(all.get("skipped_duplicates"), None);
    let sha = &kept["documents"][0]["sha256"];
    assert_eq!(
        kept["skipped_duplicates"],
        serde_json::json!([
            {"id": "b.txt", "path": "in/b.txt", "sha256": sha, "of": "a.txt", "exact": true, "similarity": 1.0},
            {"id": "wire-1", "path": null, "sha256": kept["skipped_duplicates"][1]["sha256"], "of": "a.txt",
             "exact": false, "similarity": kept["skipped_duplicates"][1]["similarity"]}
        ])
    );
    // The kept graph is the graph of the first copy and the other article alone.
    let o = run_in(dir.path(), &["build", "-q", "in/a.txt", "in/d.txt", "-o", "alone"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(kept["edges"], read("alone/graph.json")["edges"]);
    // gaps reports the same copies.
    let o = run_in(dir.path(), &["gaps", "-q", "--dedupe", "in", "--limit", "1"]);
    assert!(stderr(&o).starts_with("warning: in/b.txt: document \"b.txt\" is a copy of \"a.txt\"; skipped\n"));
}

#[test]
fn the_ukraine_corpus_holds_sixteen_copies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = crate::support::shared("corpus/ukraine");
    let o = run_in(
        dir.path(),
        &["build", "-q", "--dedupe", corpus.to_str().expect("utf8"), "-o", "out"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let g: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("out/graph.json")).expect("graph"))
            .expect("json");
    let pairs: Vec<String> = g["skipped_duplicates"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|d| format!("{} {}", d["id"].as_str().expect("id"), d["of"].as_str().expect("of")))
        .collect();
    assert_eq!(
        pairs,
        [
            "ua-07966ad3bee8 uk_002.txt",
            "ua-1d965d5d9473 uk_019.txt",
            "ua-3ecb7314caec uk_012.txt",
            "ua-562f5418679e uk_028.txt",
            "ua-6d2967b4262d uk_007.txt",
            "ua-75e6f573f1a4 uk_006.txt",
            "ua-7a6e0f376cb1 uk_005.txt",
            "ua-7d5d9fd97c29 uk_013.txt",
            "ua-8921d5fdc2cf uk_010.txt",
            "ua-a93832c3aabe ua-139f97b8355d",
            "ua-b641fe4141c5 uk_004.txt",
            "ua-c1863130a6cd uk_021.txt",
            "ua-cadf8e622d28 uk_023.txt",
            "ua-cba3b607e3bb uk_017.txt",
            "ua-e0fd3aa05168 uk_022.txt",
            "ua-f0a21622f39a uk_015.txt",
        ]
    );
    assert_eq!(g["documents"].as_array().expect("docs").len(), 88 - 16);
}

#[test]
fn spelling_variants_and_honorifics_name_the_known_person() {
    let dir = temp_tree(&[(
        "doc.txt",
        "Ukrainian President Volodymyr Zelenskyi met US Treasury Secretary Scott Besant in Kyiv. \
         Ukrainian military spokesman Colonel Viktor Trehubov said Russia attacked Kharkiv. \
         But Zelenskyy rejected the demands of Russia. Ukraine's military spokesman, Viktor Trehubov, condemned Russia.\n",
    )]);
    let o = run_in(dir.path(), &["build", "-q", "doc.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let g = actorgraph::graphfile::GraphFile::load(&dir.path().join("output/graph.json")).expect("graph");
    let persons: Vec<String> = g
        .nodes
        .iter()
        .filter(|n| n.kind == "person")
        .map(|n| format!("{} {:?}", n.id, n.aliases))
        .collect();
    assert_eq!(
        persons,
        [
            "scott_bessent [\"Scott Besant\"]",
            "viktor_trehubov [\"Colonel Viktor Trehubov\", \"Viktor Trehubov\"]",
            "volodymyr_zelensky [\"Volodymyr Zelenskyi\", \"Zelenskyy\"]",
        ]
    );
}

#[test]
fn completions_and_man_pages_come_from_the_cli() {
    for (shell, start) in [
        ("bash", "_actorgraph() {"),
        ("zsh", "#compdef actorgraph"),
        ("fish", "# Print an optspec for argparse to handle cmd's options"),
    ] {
        let o = run_in(&repo(), &["completions", shell]);
        assert!(o.status.success(), "{}", stderr(&o));
        let script = out(&o);
        assert!(
            script.starts_with(start),
            "{shell}: {}",
            &script[..80.min(script.len())]
        );
        assert!(script.contains("dedupe") && script.contains("export"), "{shell}");
    }
    let o = run_in(&repo(), &["man"]);
    let page = out(&o);
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq \\(aq"),
        "{}",
        &page[..80.min(page.len())]
    );
    assert!(
        page.contains(".TH actorgraph 1") && page.contains("actorgraph\\-build(1)"),
        "{page}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let o = run_in(dir.path(), &["man", "--dir", "man1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for page in [
        "actorgraph.1",
        "actorgraph-build.1",
        "actorgraph-query-neighbors.1",
        "actorgraph-rules-export.1",
    ] {
        assert!(dir.path().join("man1").join(page).is_file(), "{page}");
    }
}

#[test]
fn no_color_turns_colors_off() {
    // Colors go only to a terminal; NO_COLOR wins even there (script(1) gives a terminal).
    let dir = temp_tree(&[("r/actors.toml", "[[actor]]\nid = \"X\"\n"), ("r/relations.toml", "")]);
    let run = |no_color: bool| {
        let mut c = std::process::Command::new("script");
        let bin = env!("CARGO_BIN_EXE_actorgraph");
        c.args(["-qec", &format!("{bin} rules check --rules r"), "/dev/null"])
            .current_dir(dir.path());
        c.env_remove("NO_COLOR").stdin(std::process::Stdio::null());
        if no_color {
            c.env("NO_COLOR", "1");
        }
        String::from_utf8_lossy(&c.output().expect("script(1) runs").stdout).into_owned()
    };
    assert!(run(false).contains("\u{1b}["), "colored on a terminal");
    let plain = run(true);
    assert!(
        !plain.contains("\u{1b}[") && plain.contains("error: missing field `label`"),
        "{plain}"
    );
}

#[test]
fn gaps_lists_persons_under_two_names() {
    let dir = temp_tree(&[(
        "a.txt",
        "Brigadier Jane Doe said Russia attacked Ukraine.\n\nJane Doe said the talks failed.\n\n\
         Ivan Petrenko said Russia attacked Kharkiv.\n\nIvan Petrenco said the front held.\n",
    )]);
    let o = run_in(dir.path(), &["gaps", "-q", "a.txt", "--limit", "0", "--examples", "0"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = out(&o);
    let tail = &text[text.find("\nLikely duplicates").expect("a duplicates section")..];
    assert_eq!(
        tail,
        "\nLikely duplicates: 2 persons under a second name (add the spelling as an alias, or the word to [names] \
         honorifics in the lexicon)\n  \
         brigadier_jane_doe (Brigadier Jane Doe, 1 doc)  ~  jane_doe (Jane Doe): words before the name\n  \
         ivan_petrenko (Ivan Petrenko, 1 doc)  ~  ivan_petrenco (Ivan Petrenco): spelling\n"
    );
    let o = run_in(dir.path(), &["gaps", "-q", "a.txt", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(
        v["duplicates"][0],
        serde_json::json!({"id": "brigadier_jane_doe", "name": "Brigadier Jane Doe", "documents": 1,
                           "of": "jane_doe", "of_name": "Jane Doe", "why": "words before the name"})
    );
    // None on the seeds: the section is left out.
    let o = run_in(&repo(), &["gaps", "-q", "--limit", "1"]);
    assert!(!out(&o).contains("Likely duplicates"));
}

#[test]
fn without_an_input_outside_the_checkout_the_commands_say_what_to_give() {
    // The default INPUT is the checkout's seeds/; elsewhere the message says what to name.
    let dir = tempfile::tempdir().expect("tempdir");
    for (args, cmd) in [
        (&["build"][..], "build"),
        (&["gaps"][..], "gaps"),
        (&["extract", "--jsonl"][..], "extract --jsonl"),
        (&["eval", "--gold", "gold"][..], "eval --gold DIR"),
    ] {
        let o = run_in(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(
            stderr(&o),
            format!(
                "error: no INPUT given, and no seeds/ here to read by default: name the articles to read, \
                 e.g. `actorgraph {cmd} ~/articles/` (files, directories, .jsonl corpora; `-` for stdin)\n"
            )
        );
    }
    assert!(!dir.path().join("output").exists(), "build left no output/ behind");
    // The command list names every rules subcommand.
    let help = out(&run_in(dir.path(), &["--help"]));
    assert!(
        help.contains(
            "\n  rules        Rule authoring: check, list, test, and export the built-in rules to edit them\n"
        ),
        "{help}"
    );
}
