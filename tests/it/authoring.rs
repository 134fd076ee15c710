//! Rule authoring: `rules check`, `rules test`, `rules list`, `explain`.

use crate::support::{repo, run_in, stderr, temp_tree};

fn out(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn default_rules_check_clean() {
    let o = run_in(&repo(), &["rules", "check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out(&o).starts_with("rules: ok: "), "{}", out(&o));
}

#[test]
fn default_rule_examples_pass() {
    let rules = actorgraph::rules::load(&repo().join("rules")).expect("default rules load");
    let report = actorgraph::ruletest::run(&rules);
    let failures: Vec<String> = report
        .failures
        .iter()
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect();
    assert!(failures.is_empty(), "rule examples fail:\n{}", failures.join("\n"));
    assert!(!report.passed.is_empty());
}

const RELATIONS: &str = "[[relation]]\nid = \"leads\"\npolarity = \"neutral\"\ncolor = \"#000000\"\n\n\
[[relation]]\nid = \"represents\"\npolarity = \"neutral\"\ncolor = \"#000000\"\n\n\
[[relation]]\nid = \"opposes\"\npolarity = \"conflictual\"\ncolor = \"#ff0000\"\n\n\
[[relation.pattern]]\nname = \"verb\"\nmatch = \"{S} <condemn> {T}\"\n\
examples = [\"Russia condemned Ukraine. => russia opposes ukraine\", \"Russia condemned Ukraine. => ukraine opposes russia\"]\n\
counter = [\"Russia condemned the plan.\", \"Ukraine condemned Russia.\"]\n";

const ACTORS: &str = "[[actor]]\nid = \"russia\"\nlabel = \"Russia\"\nkind = \"state\"\naliases = [\"Russia\"]\n\n\
[[actor]]\nid = \"ukraine\"\nlabel = \"Ukraine\"\nkind = \"state\"\naliases = [\"Ukraine\", \"Russia\", \"\"]\n\n\
[[actor]]\nid = \"russia\"\nlabel = \"Again\"\nkind = \"state\"\n";

#[test]
fn check_reports_every_problem_with_a_caret() {
    let dir = temp_tree(&[
        ("r/actors.toml", ACTORS),
        ("r/relations.toml", &format!("{RELATIONS}\n[[pattern]]\nrelation = \"oposes\"\nname = \"x\"\nmatch = \"{{S}} <oppose> {{T}}\"\n\n[[pattern]]\nrelation = \"opposes\"\nname = \"bad\"\nmatch = \"{{S}} (a|b {{T}}\"\n")),
    ]);
    let o = run_in(dir.path(), &["rules", "check", "--rules", "r"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        r#"error: alias "Russia" maps to two actors: "russia" and "ukraine" (add unless_before/unless_after context to one)
   ┌─ r/actors.toml:11:24
   │
11 │ aliases = ["Ukraine", "Russia", ""]
   │                        ^^^^^^

error: empty alias for actor "ukraine"
   ┌─ r/actors.toml:11:34
   │
11 │ aliases = ["Ukraine", "Russia", ""]
   │                                  ^

error: actor "russia" defined twice: first at r/actors.toml:2:7
   ┌─ r/actors.toml:14:7
   │
14 │ id = "russia"
   │       ^^^^^^

error: unknown relation "oposes" (did you mean "opposes"?)
   ┌─ r/relations.toml:23:13
   │
23 │ relation = "oposes"
   │             ^^^^^^

error: pattern "opposes/bad": unclosed '('
   ┌─ r/relations.toml:30:10
   │
30 │ match = "{S} (a|b {T}"
   │          ^^^^^^^^^^^^

5 errors in r
"#
    );
}

#[test]
fn rules_test_reports_failing_examples() {
    let dir = temp_tree(&[
        ("r/actors.toml", "[[actor]]\nid = \"russia\"\nlabel = \"Russia\"\nkind = \"state\"\naliases = [\"Russia\"]\n\n[[actor]]\nid = \"ukraine\"\nlabel = \"Ukraine\"\nkind = \"state\"\naliases = [\"Ukraine\"]\n"),
        ("r/relations.toml", RELATIONS),
    ]);
    let o = run_in(dir.path(), &["rules", "test", "--rules", "r"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        out(&o),
        "FAIL opposes/verb (r/relations.toml:18:10): \"Russia condemned Ukraine.\": expected ukraine opposes russia, got russia opposes ukraine\n\
         FAIL opposes/verb (r/relations.toml:18:10): counter-example \"Ukraine condemned Russia.\": extracted ukraine opposes russia\n\
         rules: 0 passed, 1 failed\n"
    );
}

#[test]
fn rules_list_and_aliases() {
    let o = run_in(&repo(), &["rules", "list"]);
    assert!(o.status.success());
    let text = out(&o);
    assert!(text.starts_with("RELATION     SYMMETRIC  POLARITY     PATTERNS  PLOVER             CAMEO\n"));
    assert!(text.contains("\nnegotiates   yes        cooperative "));
    let o = run_in(&repo(), &["rules", "list", "--aliases"]);
    let aliases = out(&o);
    assert!(aliases.lines().any(|l| l == "the Kremlin"));
    assert!(aliases.lines().any(|l| l == "Kyiv"));
}

#[test]
fn explain_shows_mentions_patterns_flags_and_edges() {
    let o = run_in(
        &repo(),
        &[
            "explain",
            "--date",
            "2025-03-01",
            "According to Lavrov, European leaders are not isolating Russia.",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = out(&o);
    assert!(
        text.contains("    \"Lavrov\"                     -> sergei_lavrov (person) alias \"Lavrov\"\n"),
        "{text}"
    );
    assert!(
        text.contains("  skeleton: according to @0 , @1 are not isolating @2 .\n"),
        "{text}"
    );
    assert!(
        text.contains("    europe not excludes russia   rule excludes/verb trigger \"isolating\"\n"),
        "{text}"
    );
    assert!(
        text.contains("      flags: negated=true hedged=false (negation: not) said_by=sergei_lavrov\n"),
        "{text}"
    );

    let o = run_in(
        &repo(),
        &[
            "explain",
            "--json",
            "--date",
            "2022-05-01",
            "The US president met Zelensky.",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("json");
    let rels = &v["sentences"][0]["relations"];
    assert_eq!(rels[0]["source"], "joe_biden");
    assert_eq!(rels[0]["relation"], "leads");
    assert_eq!(rels[1]["relation"], "negotiates");
    assert_eq!(
        v["sentences"][0]["mentions"][0]["how"],
        "description (office holder on the date)"
    );
}

#[test]
fn explain_doc_sentence_out_of_range() {
    let o = run_in(
        &repo(),
        &[
            "explain",
            "--doc",
            "seeds/001_159deea72919d583.txt",
            "--sentence",
            "999",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: sentence 999 out of range: the document has "),
        "{}",
        stderr(&o)
    );
}
