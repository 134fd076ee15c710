//! Rule authoring: `rules check`, `rules test`, `rules list`, `explain`.

use crate::support::{repo, run_in, stderr, temp_tree};

fn out(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn default_rules_check_clean() {
    let o = run_in(&repo(), &["rules", "check", "--rules", "rules"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out(&o).starts_with("rules: ok: "), "{}", out(&o));
    let o = run_in(&repo(), &["rules", "check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out(&o).starts_with("<built-in>: ok: "), "{}", out(&o));
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
        text.contains("    europe not excludes russia   rule excludes/t-verb trigger \"isolating\"\n"),
        "{text}"
    );
    // A tree pattern's edge names the pattern and the path that filled its places.
    assert!(
        text.contains("      pattern: tree trigger exclude|sideline|bypass|isolate|"),
        "{text}"
    );
    assert!(
        text.contains(
            "      path: trigger isolating (VERB); source subject = leaders; target object = Russia\n      \
             flags: negated=true hedged=false (negation: not) said_by=sergei_lavrov\n"
        ),
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

const GAPS_ACTORS: &str =
    "[[actor]]\nid = \"acme\"\nlabel = \"Acme\"\nkind = \"organization\"\naliases = [\"Acme\"]\n\n\
[[actor]]\nid = \"globex\"\nlabel = \"Globex\"\nkind = \"organization\"\naliases = [\"Globex\"]\n";

const GAPS_RELATIONS: &str = "[[relation]]\nid = \"leads\"\npolarity = \"neutral\"\ncolor = \"#000000\"\n\n\
[[relation]]\nid = \"represents\"\npolarity = \"neutral\"\ncolor = \"#000000\"\n\n\
[[relation]]\nid = \"acquires\"\npolarity = \"cooperative\"\ncolor = \"#1f77b4\"\n\n\
[[relation.pattern]]\nname = \"verb\"\nmatch = \"{S} ~~4 <acquire|buy> ~3 {T}\"\n";

#[test]
fn gaps_counts_read_with_thousands_separators() {
    let text = "Acme sued Globex in Delaware.\n".repeat(1000);
    let dir = temp_tree(&[
        ("r/actors.toml", GAPS_ACTORS),
        ("r/relations.toml", GAPS_RELATIONS),
        ("docs/a.txt", &text),
    ]);
    let o = run_in(dir.path(), &["gaps", "-q", "--rules", "r", "docs", "--examples", "0"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        out(&o),
        "1 document, 1,000 sentences\n\n\
         Unmatched names: 1 distinct, 1,000 occurrences\n  \
         COUNT  DOCS  NAME      EXAMPLE\n  \
         1,000     1  Delaware  a.txt: Acme sued Globex in Delaware.\n\n\
         Sentences with two or more actors and no relation: 1,000, 0 without a verb; by verb\n  \
         COUNT  VERB           FORMS\n  \
         1,000  sue            sued 1,000\n"
    );
}

#[test]
fn gaps_reports_unmatched_names_and_unrelated_verbs() {
    let dir = temp_tree(&[
        ("r/actors.toml", GAPS_ACTORS),
        ("r/relations.toml", GAPS_RELATIONS),
        (
            "r/lexicon.toml",
            "[attribution]\nverbs = [\"said\"]\n\n[verbs.irregular]\nbuy = [\"bought\"]\n",
        ),
        (
            "docs/a.txt",
            "Acme bought Globex. Acme sued Globex in Delaware. Initech said Acme and Globex merged.",
        ),
        (
            "docs/b.txt",
            "Acme sued Globex again. The Federal Trade Commission fined Acme. Initech stayed out.",
        ),
    ]);
    let o = run_in(dir.path(), &["gaps", "-q", "--rules", "r", "docs", "--examples", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        out(&o),
        "2 documents, 6 sentences\n\n\
         Unmatched names: 3 distinct, 4 occurrences\n  \
         COUNT  DOCS  NAME                      EXAMPLE\n      \
         2     2  Initech                   a.txt: Initech said Acme and Globex merged.\n      \
         1     1  Delaware                  a.txt: Acme sued Globex in Delaware.\n      \
         1     1  Federal Trade Commission  b.txt: The Federal Trade Commission fined Acme.\n\n\
         Sentences with two or more actors and no relation: 3, 0 without a verb; by verb\n  \
         COUNT  VERB           FORMS\n      \
         2  sue            sued 2\n           \
         a.txt [acme, globex]: Acme sued Globex in Delaware.\n      \
         1  merge          merged 1\n           \
         a.txt [acme, globex]: Initech said Acme and Globex merged.\n"
    );
    let o = run_in(
        dir.path(),
        &["gaps", "-q", "--rules", "r", "docs", "--json", "--limit", "1"],
    );
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("json");
    assert_eq!(v["format"], "actorgraph-gaps");
    assert_eq!(v["names"]["distinct"], 3);
    assert_eq!(
        v["names"]["top"],
        serde_json::json!([{"name": "Initech", "count": 2, "documents": 2,
            "example": {"doc": "a.txt", "sentence": "Initech said Acme and Globex merged."}}])
    );
    assert_eq!(v["unrelated"]["sentences"], 3);
    assert_eq!(v["unrelated"]["verbs"][0]["verb"], "sue");
    assert_eq!(
        v["unrelated"]["verbs"][0]["forms"],
        serde_json::json!([{"form": "sued", "count": 2}])
    );
    assert_eq!(
        v["unrelated"]["verbs"][0]["examples"][1]["actors"],
        serde_json::json!(["acme", "globex"])
    );
}

#[test]
fn gaps_with_broken_rules_prints_the_diagnostics_like_build() {
    let dir = temp_tree(&[
        ("doc.txt", "Acme sued Globex."),
        ("r/actors.toml", GAPS_ACTORS),
        (
            "r/relations.toml",
            &GAPS_RELATIONS.replace("<acquire|buy> ~3 {T}", "(<acquire|buy> ~3 {T}"),
        ),
    ]);
    let o = run_in(dir.path(), &["gaps", "--rules", "r", "doc.txt"]);
    let build = run_in(dir.path(), &["build", "--rules", "r", "doc.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(o.status.code(), build.status.code());
    assert_eq!(
        stderr(&o),
        "error: r/relations.toml:18:10: pattern \"acquires/verb\": unclosed '('\n"
    );
    assert_eq!(stderr(&o), stderr(&build));
    assert_eq!(out(&o), "");
}

/// A rule file cut off after `key =` gets words, not an empty message (found by fuzzing).
#[test]
fn truncated_rule_file_is_explained() {
    let dir = crate::support::temp_tree(&[("rules/actors.toml", "[[actor]]\nid =")]);
    let errs = actorgraph::rules::load(&dir.path().join("rules")).expect_err("a broken file");
    let text = errs.to_string();
    assert!(
        text.contains("actors.toml:2:5") && text.contains("a value is missing"),
        "{text}"
    );
}
