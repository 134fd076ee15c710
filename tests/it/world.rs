//! World coverage of the default actor rules: every UN member state by its
//! name, its capital and a demonym phrase; dated role phrases resolve to the
//! holder on the document's date.

use crate::support::repo;
use actorgraph::reading::Extractor;
use actorgraph::rules::RuleSet;

fn rules() -> RuleSet {
    actorgraph::rules::load(&repo().join("rules")).expect("default rules load")
}

/// The actor ids mentioned in `text` (pronouns aside), in order.
fn mentioned(x: &Extractor, text: &str, date: Option<&str>) -> Vec<String> {
    let ex = x.extract(text, date, true);
    ex.mentions
        .iter()
        .filter(|m| !m.pronoun)
        .map(|m| ex.actor(x.rules, m.actor).id.clone())
        .collect()
}

fn table(name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(repo().join("tests/data").join(name)).expect("table");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(String::from).collect())
        .collect()
}

#[test]
fn every_un_member_state_by_name_capital_and_demonym() {
    let r = rules();
    let x = Extractor::new(&r);
    let rows = table("un_members.tsv");
    assert_eq!(rows.len(), 193);
    let mut failures = Vec::new();
    for row in &rows {
        let (id, name, capital, demonym) = (&row[0], &row[1], &row[2], &row[3]);
        let mut cases = vec![format!("Officials said {name} rejected the plan.")];
        if !capital.is_empty() {
            cases.push(format!("Officials said {capital} rejected the plan."));
        }
        if !demonym.is_empty() {
            cases.push(format!("Officials said the {demonym} government rejected the plan."));
        }
        for c in cases {
            let got = mentioned(&x, &c, Some("2025-01-01"));
            if got != [id.clone()] {
                failures.push(format!("{c:?}: expected [{id}], got {got:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn dated_role_phrases_find_the_holder() {
    let r = rules();
    let x = Extractor::new(&r);
    let mut failures = Vec::new();
    for row in table("dated_roles.tsv") {
        let (date, phrase, expected) = (&row[0], &row[1], &row[2]);
        let text = format!("{phrase} met reporters.");
        let mut c = text.chars();
        let text: String = c
            .next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default();
        let got = mentioned(&x, &text, Some(date));
        if got.first() != Some(expected) {
            failures.push(format!("{date} {text:?}: expected {expected}, got {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn role_phrases_and_ambiguous_names() {
    let r = rules();
    let x = Extractor::new(&r);
    // "Prime Minister Putin" in 2010 leads Russia as head of government.
    let ex = x.extract("Prime Minister Vladimir Putin met reporters.", Some("2010-06-01"), true);
    let rels: Vec<(String, String, String)> = ex
        .relations
        .iter()
        .map(|r| {
            (
                ex.actor(x.rules, r.source).id.clone(),
                r.relation.clone(),
                ex.actor(x.rules, r.target).id.clone(),
            )
        })
        .collect();
    assert_eq!(
        rels,
        [("vladimir_putin".to_string(), "leads".to_string(), "russia".to_string())]
    );
    // A title before an unknown name creates the person in any year.
    assert_eq!(
        mentioned(&x, "Foreign Minister Jane Doe met reporters.", Some("1999-01-01")),
        ["jane_doe"]
    );
    // Georgia the state, not the US state; Jordan the state, not a person.
    assert_eq!(mentioned(&x, "Russia threatened Georgia.", None), ["russia", "georgia"]);
    assert_eq!(
        mentioned(&x, "He moved to Atlanta, Georgia last year.", None),
        Vec::<String>::new()
    );
    assert_eq!(mentioned(&x, "Michael Jordan retired.", None), Vec::<String>::new());
    assert_eq!(mentioned(&x, "Jordan closed its airspace.", None), ["jordan"]);
    // Niger is not Nigeria; lowercase turkey is a bird.
    assert_eq!(
        mentioned(&x, "Niger and Nigeria signed a deal.", None),
        ["niger", "nigeria"]
    );
    assert_eq!(mentioned(&x, "They ate turkey.", None), Vec::<String>::new());
}

/// Names that `gaps` found unmatched among the 200 most frequent capitalized names of
/// the news corpus (Reuters 1987, BBC, White House), now in the rules.
#[test]
fn names_the_news_corpus_gaps_report_found() {
    let rules = rules();
    let x = Extractor::new(&rules);
    let cases = [
        (
            "The EC Commission and the European Community met.",
            vec!["european_union", "european_union"],
        ),
        (
            "Korea's exports rose, Korean officials said.",
            vec!["south_korea", "south_korea"],
        ),
        ("North Korea fired a missile.", vec!["north_korea"]),
        ("Peking protested.", vec!["china"]),
        ("The IDF struck Gaza.", vec!["israel"]),
        ("ISIS and al-Qaeda were named.", vec!["islamic_state", "al_qaeda"]),
        ("AUKUS partners met GATT officials.", vec!["aukus", "gatt"]),
        ("Philippine officials spoke.", vec!["philippines"]),
    ];
    for (text, want) in cases {
        assert_eq!(mentioned(&x, text, Some("1987-06-01")), want, "{text}");
    }
}

/// The world actor files are generated from tools/persons.txt and tools/gen_world.py: the
/// committed files must be what the generator writes, or a rerun would silently drop edits made
/// to the generated files by hand.
#[test]
fn generated_world_files_match_their_generator() {
    let out = tempfile::tempdir().expect("tempdir");
    let status = std::process::Command::new("python3")
        .arg(repo().join("tools/gen_world.py"))
        .env("GEN_WORLD_OUT", out.path())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3 is needed (apt-get install python3) to run tools/gen_world.py");
    assert!(status.success(), "tools/gen_world.py failed");
    for (generated, committed) in [
        ("world_states.toml", "rules/actors/world_states.toml"),
        ("world_organizations.toml", "rules/actors/world_organizations.toml"),
        ("world_persons.toml", "rules/actors/world_persons.toml"),
        ("un_members.tsv", "tests/data/un_members.tsv"),
    ] {
        let a = std::fs::read_to_string(out.path().join(generated)).expect("generated file");
        let b = std::fs::read_to_string(repo().join(committed)).expect("committed file");
        assert!(
            a == b,
            "{committed} differs from what tools/gen_world.py writes: edit tools/persons.txt or the generator, then rerun it"
        );
    }
}
