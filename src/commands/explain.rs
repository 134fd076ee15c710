//! `actorgraph explain`: why a sentence gives the edges it gives.

use crate::ingest;
use crate::reading::{Extraction, Extractor, How};
use crate::rules::RuleSet;
use anyhow::Context;
use clap::Args as ClapArgs;
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(ClapArgs, Debug)]
#[command(
    after_help = "Examples:\n  actorgraph explain \"Russia rejected the US plan for Ukraine.\"\n  actorgraph explain --doc seeds/000_cb883c9b1bea4990.txt --sentence 12\n  actorgraph explain --date 2022-05-01 \"The US president met Zelensky.\" --json"
)]
pub struct Args {
    /// The text to explain (one or more sentences; `-` reads it from stdin).
    pub text: Option<String>,
    /// Explain a sentence of a document (earlier sentences give pronouns their context; `-`: stdin).
    #[arg(long, conflicts_with = "text")]
    pub doc: Option<PathBuf>,
    /// With --doc: the 0-based sentence index (default: all sentences).
    #[arg(long, requires = "doc")]
    pub sentence: Option<usize>,
    /// The document date (YYYY-MM-DD) that picks office holders; default: the dateline, if any.
    #[arg(long)]
    pub date: Option<String>,
    #[command(flatten)]
    pub rules: super::RulesArg,
    /// One JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// Leave out each sentence's dependency parse.
    #[arg(long)]
    pub no_parse: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let rules = args.rules.load()?;
    let text = super::text_or_doc(&args.text, &args.doc)?;
    let date = match &args.date {
        Some(d) => Some(ingest::normalize_date(d).with_context(|| format!("--date {d:?} is not a date"))?),
        None => ingest::find_dateline(&text),
    };
    let mut x = Extractor::new(&rules);
    x.trace = true;
    let ex = x.extract(&text, date.as_deref(), args.doc.is_none());
    if let Some(n) = args.sentence {
        if n >= ex.sentences.len() {
            anyhow::bail!(
                "sentence {n} out of range: the document has {} sentences (0-based)",
                ex.sentences.len()
            );
        }
    }
    let mut out = report(&rules, &ex, &text, args.sentence);
    if !args.no_parse {
        let model = crate::syntax::model().map_err(|e| anyhow::anyhow!("embedded syntax model: {e}"))?;
        for s in &mut out {
            let (a, b) = (
                s["start"].as_u64().unwrap_or(0) as usize,
                s["end"].as_u64().unwrap_or(0) as usize,
            );
            // The parse the tree patterns read: with the sentence's actor names tagged as names.
            let si = s["index"].as_u64().unwrap_or(0) as usize;
            let ments: Vec<_> = ex.mentions.iter().filter(|m| m.sentence == si).cloned().collect();
            let names = crate::patterns::name_spans(&rules, &ments, a);
            s["parse"] = parse_json(&crate::syntax::parse_with_names(model, &text[a..b], &names), a);
        }
    }
    if args.json {
        let json = serde_json::to_string_pretty(&json!({ "date": date, "sentences": out })).expect("json");
        super::print_out(&(json + "\n"))?;
    } else {
        super::print_text(&render_text(&out, date.as_deref()))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A sentence's parse as JSON rows; spans are made document offsets by `offset`.
fn parse_json(p: &crate::syntax::Parse, offset: usize) -> serde_json::Value {
    p.words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            json!({"index": i + 1, "word": w.form, "lemma": w.lemma, "upos": w.upos, "xpos": w.xpos,
                   "head": w.head, "deprel": w.deprel, "start": w.start + offset, "end": w.end + offset})
        })
        .collect()
}

fn how(rules: &RuleSet, h: How) -> String {
    match h {
        How::Alias(i) => format!("alias {:?}", rules.aliases[i].text),
        How::Demonym(i) => format!("demonym {:?} + head", rules.aliases[i].text),
        How::LeaderHead(i) => format!("leader {:?} + head", rules.aliases[i].text),
        How::Description => "description (office holder on the date)".into(),
        How::NewPerson => "title + unknown name (new person)".into(),
        How::Pronoun => "pronoun".into(),
    }
}

/// The explanation as JSON values, one per sentence.
pub fn report(rules: &RuleSet, ex: &Extraction, text: &str, only: Option<usize>) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for (si, &(s, e, skipped)) in ex.sentences.iter().enumerate() {
        if only.is_some_and(|n| n != si) {
            continue;
        }
        let mentions: Vec<_> = ex
            .mentions
            .iter()
            .filter(|m| m.sentence == si)
            .map(|m| {
                let a = ex.actor(rules, m.actor);
                json!({"text": &text[m.start..m.end], "start": m.start, "end": m.end, "actor": a.id, "kind": a.kind.as_str(), "how": how(rules, m.how)})
            })
            .collect();
        let relations: Vec<_> = ex
            .relations
            .iter()
            .filter(|r| r.sentence == si)
            .map(|r| {
                let tree = rules.relations.iter().flat_map(|x| &x.trees).find(|t| t.rule == r.rule);
                let pattern = match tree {
                    Some(t) => Some(format!("tree {}", t.describe())),
                    None => rules.patterns().find(|(_, p)| p.rule == r.rule).map(|(_, p)| p.source.clone()),
                };
                json!({
                    "source": ex.actor(rules, r.source).id, "relation": r.relation, "target": ex.actor(rules, r.target).id,
                    "negated": r.negated, "hedged": r.hedged, "said_by": r.said_by.map(|a| ex.actor(rules, a).id.clone()),
                    "rule": r.rule, "pattern": pattern, "path": r.path, "trigger": r.trigger, "why": r.why,
                })
            })
            .collect();
        let trace = ex.traces.iter().find(|t| t.sentence == si);
        out.push(json!({
            "index": si, "start": s, "end": e, "text": &text[s..e], "boilerplate": skipped,
            "skeleton": trace.map(|t| t.skeleton.clone()),
            "slots": trace.map(|t| t.slots.iter().map(|v| v.iter().map(|a| ex.actor(rules, *a).id.clone()).collect::<Vec<_>>()).collect::<Vec<_>>()),
            "mentions": mentions, "relations": relations,
        }));
    }
    out
}

fn render_text(sentences: &[serde_json::Value], date: Option<&str>) -> String {
    let mut o = String::new();
    o.push_str(&format!(
        "date: {}\n",
        date.unwrap_or("unknown (office holders: current)")
    ));
    for s in sentences {
        o.push_str(&format!(
            "\nsentence {} [{}..{}]: {}\n",
            s["index"],
            s["start"],
            s["end"],
            s["text"].as_str().unwrap_or("")
        ));
        if s["boilerplate"].as_bool() == Some(true) {
            o.push_str("  skipped: boilerplate\n");
            continue;
        }
        if let Some(rows) = s["parse"].as_array() {
            o.push_str("  parse:\n");
            o.push_str(&parse_table(rows));
        }
        o.push_str("  mentions:\n");
        let ms = s["mentions"].as_array().cloned().unwrap_or_default();
        if ms.is_empty() {
            o.push_str("    (none)\n");
        }
        for m in ms {
            o.push_str(&format!(
                "    {:<28} -> {:<22} {}\n",
                format!("{:?}", m["text"].as_str().unwrap_or("")),
                format!(
                    "{} ({})",
                    m["actor"].as_str().unwrap_or(""),
                    m["kind"].as_str().unwrap_or("")
                ),
                m["how"].as_str().unwrap_or("")
            ));
        }
        if let Some(sk) = s["skeleton"].as_str() {
            o.push_str(&format!("  skeleton: {sk}\n"));
            if let Some(slots) = s["slots"].as_array() {
                let desc: Vec<String> = slots
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let ids: Vec<&str> = v
                            .as_array()
                            .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
                            .unwrap_or_default();
                        format!("@{i}={}", ids.join("+"))
                    })
                    .collect();
                o.push_str(&format!("  slots: {}\n", desc.join(" ")));
            }
        }
        let rs = s["relations"].as_array().cloned().unwrap_or_default();
        o.push_str("  edges:\n");
        if rs.is_empty() {
            o.push_str("    (none)\n");
        }
        for r in rs {
            let neg = if r["negated"].as_bool() == Some(true) {
                "not "
            } else {
                ""
            };
            o.push_str(&format!(
                "    {} {neg}{} {}   rule {} trigger {:?}\n",
                r["source"].as_str().unwrap_or(""),
                r["relation"].as_str().unwrap_or(""),
                r["target"].as_str().unwrap_or(""),
                r["rule"].as_str().unwrap_or(""),
                r["trigger"].as_str().unwrap_or("")
            ));
            if let Some(p) = r["pattern"].as_str() {
                o.push_str(&format!("      pattern: {p}\n"));
            }
            if let Some(p) = r["path"].as_str() {
                o.push_str(&format!("      path: {p}\n"));
            }
            let why: Vec<&str> = r["why"]
                .as_array()
                .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
                .unwrap_or_default();
            o.push_str(&format!(
                "      flags: negated={} hedged={}{}{}\n",
                r["negated"],
                r["hedged"],
                if why.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", why.join("; "))
                },
                r["said_by"]
                    .as_str()
                    .map(|s| format!(" said_by={s}"))
                    .unwrap_or_default()
            ));
        }
    }
    o
}

/// The parse rows of `parse_json` as the table `actorgraph parse` prints.
fn parse_table(rows: &[serde_json::Value]) -> String {
    let words = rows
        .iter()
        .map(|r| crate::syntax::Word {
            start: 0,
            end: 0,
            form: r["word"].as_str().unwrap_or(""),
            lemma: r["lemma"].as_str().unwrap_or("").to_string(),
            upos: r["upos"].as_str().unwrap_or(""),
            xpos: r["xpos"].as_str().unwrap_or(""),
            head: r["head"].as_u64().unwrap_or(0) as usize,
            deprel: r["deprel"].as_str().unwrap_or(""),
        })
        .collect();
    super::parse::table(&crate::syntax::Parse { words }, "    ")
}
