//! `actorgraph query`: questions to a graph file, as aligned tables or JSON.
//!
//! Exit status like grep: 0 with results, 1 with none or on an unknown actor.

use crate::graphfile::{EdgeRec, GraphFile};
use crate::query::{parse_pattern, restrict_dates, EdgeFilter, Hop, Query, ResolveError};
use anyhow::Context;
use clap::{Args as ClapArgs, Subcommand};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(ClapArgs, Debug)]
#[command(
    subcommand_required = true,
    after_help = "Examples:
  actorgraph query actors --kind person --sort degree
  actorgraph query edges --from Putin --rel opposes,rejects
  actorgraph query neighbors Ukraine --dir in --depth 2
  actorgraph query path Trump Zelensky
  actorgraph query evidence russia demands ukraine
  actorgraph query between Trump Putin
  actorgraph query allies Ukraine
  actorgraph query top --by pagerank --limit 10
  actorgraph query timeline Russia 'United States' --by month
  actorgraph query 'putin -[opposes|rejects]-> ?'
  actorgraph query '? -[supports]-> ukraine' --json
  actorgraph query 'trump -- zelensky'"
)]
pub struct Args {
    /// Graph file written by `build` (`-`: read it from stdin).
    #[arg(long, global = true, default_value = "output/graph.json")]
    pub graph: PathBuf,
    /// Only evidence from documents dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, global = true, value_name = "DATE")]
    pub since: Option<String>,
    /// Only evidence from documents dated on or before DATE.
    #[arg(long, global = true, value_name = "DATE")]
    pub until: Option<String>,
    /// One JSON value instead of a table.
    #[arg(long, global = true)]
    pub json: bool,
    /// Name actors by id in tables and paths (default: by label, "Vladimir Putin"); actor listings
    /// (actors, neighbors, top, allies, rivals) show an ID column beside LABEL. JSON always has both.
    #[arg(long, global = true)]
    pub ids: bool,
    /// For edge listings (edges, patterns, between, subgraph): the result as a diagram (dot)
    /// or as a graph file in the graph.json schema (json), to feed `dot` or a visualization tool.
    #[arg(long, global = true, value_parser = ["dot", "json"])]
    pub format: Option<String>,
    #[command(subcommand)]
    pub command: QueryCommand,
}

#[derive(Subcommand, Debug)]
pub enum QueryCommand {
    /// Actors with their kind, mentions and degrees.
    #[command(after_help = "Example: actorgraph query actors --kind state --sort degree")]
    Actors {
        #[arg(long)]
        kind: Option<String>,
        #[arg(long, default_value = "mentions", value_parser = ["mentions", "degree", "name"])]
        sort: String,
    },
    /// Actors connected to ACTOR.
    #[command(after_help = "Example: actorgraph query neighbors Putin --rel opposes --dir out --depth 2")]
    Neighbors {
        actor: String,
        #[arg(long = "rel", value_delimiter = ',')]
        relations: Vec<String>,
        #[arg(long, default_value = "both", value_parser = ["out", "in", "both"])]
        dir: String,
        #[arg(long, default_value_t = 1)]
        depth: usize,
    },
    /// Edges, filtered.
    #[command(after_help = "Example: actorgraph query edges --to Ukraine --rel supports --min-weight 2")]
    Edges {
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long = "rel", value_delimiter = ',')]
        relations: Vec<String>,
        #[arg(long, conflicts_with = "no_negated")]
        negated: bool,
        #[arg(long)]
        no_negated: bool,
        #[arg(long, conflicts_with = "no_hedged")]
        hedged: bool,
        #[arg(long)]
        no_hedged: bool,
        #[arg(long, default_value_t = 0)]
        min_weight: u64,
        #[arg(long)]
        doc: Option<String>,
    },
    /// The shortest path between two actors (or all simple paths), with the relation on each hop.
    #[command(after_help = "Example: actorgraph query path Trump Zelensky --all --max-len 3")]
    Path {
        a: String,
        b: String,
        #[arg(long)]
        all: bool,
        #[arg(long, default_value_t = 4)]
        max_len: usize,
        /// With --all: print at most N paths (the shortest), and say when there are more.
        #[arg(long, default_value_t = 100, value_name = "N")]
        limit: usize,
        #[arg(long = "rel", value_delimiter = ',')]
        relations: Vec<String>,
    },
    /// Every sentence behind an edge.
    #[command(after_help = "Example: actorgraph query evidence Russia demands Ukraine")]
    Evidence { a: String, relation: String, b: String },
    /// The most central actors.
    #[command(after_help = "Example: actorgraph query top --by betweenness --limit 5")]
    Top {
        #[arg(long, default_value = "degree", value_parser = ["degree", "pagerank", "betweenness"])]
        by: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Every relation between two actors, both directions, and the net stance.
    #[command(after_help = "Example: actorgraph query between Trump Putin")]
    Between { a: String, b: String },
    /// Actors with the most cooperative net stance toward ACTOR.
    #[command(after_help = "Example: actorgraph query allies Ukraine")]
    Allies {
        actor: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Actors with the most conflictual net stance toward ACTOR.
    #[command(after_help = "Example: actorgraph query rivals Russia")]
    Rivals {
        actor: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// The actors within --depth hops of the given ones and every edge among them.
    #[command(
        after_help = "Example: actorgraph query subgraph Putin Zelensky --depth 1 --format dot | dot -Tsvg > sub.svg"
    )]
    Subgraph {
        #[arg(required = true)]
        actors: Vec<String>,
        #[arg(long, default_value_t = 1)]
        depth: usize,
    },
    /// A compact pattern: 'A -[rel|rel]-> B', 'A -> B', 'A -- B' (? for any actor).
    #[command(external_subcommand)]
    Pattern(Vec<String>),
    /// Relations per period of A with anyone, or with B.
    #[command(after_help = "Example: actorgraph query timeline Russia 'United States' --by month")]
    Timeline {
        a: String,
        b: Option<String>,
        #[arg(long, default_value = "month", value_parser = ["month", "week", "year"])]
        by: String,
    },
}

/// A `--since`/`--until` value must be a date (YYYY, YYYY-MM or YYYY-MM-DD); anything else
/// would silently select nothing.
fn check_date(flag: &str, d: &str) -> anyhow::Result<()> {
    let parts: Vec<&str> = d.split('-').collect();
    let num = |s: &str, len: usize, range: std::ops::RangeInclusive<u32>| {
        s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) && s.parse().is_ok_and(|n| range.contains(&n))
    };
    let ok = match parts.as_slice() {
        [y] => num(y, 4, 0..=9999),
        [y, m] => num(y, 4, 0..=9999) && num(m, 2, 1..=12),
        [y, m, day] => num(y, 4, 0..=9999) && num(m, 2, 1..=12) && num(day, 2, 1..=31),
        _ => false,
    };
    anyhow::ensure!(ok, "{flag}: {d:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
    Ok(())
}

/// The relations (`--rel`, `evidence A REL B`) and kinds (`--kind`) a query names must exist,
/// as for `export`'s filters: a typo is an error with a did-you-mean, not "no results".
fn check_names(g: &GraphFile, c: &QueryCommand) -> anyhow::Result<()> {
    let mut f = crate::filter::FilterArgs::default();
    match c {
        QueryCommand::Actors { kind: Some(k), .. } => f.kinds = vec![k.clone()],
        QueryCommand::Neighbors { relations, .. }
        | QueryCommand::Edges { relations, .. }
        | QueryCommand::Path { relations, .. } => f.relations = relations.clone(),
        QueryCommand::Evidence { relation, .. } => f.relations = vec![relation.clone()],
        _ => {}
    }
    crate::filter::validate(g, &f)?;
    Ok(())
}

/// Prints rows as an aligned table (header first).
/// An aligned table. A column whose cells are all numbers is right-aligned, its whole
/// numbers with thousands separators (2446 -> 2,446); the others are left-aligned.
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let number = |c: &str| c.parse::<f64>().is_ok_and(f64::is_finite);
    let numeric: Vec<bool> = (0..header.len())
        .map(|i| !rows.is_empty() && rows.iter().all(|r| r.get(i).is_some_and(|c| number(c))))
        .collect();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(i, c)| {
                    let (sign, digits) = match c.strip_prefix(['+', '-']) {
                        Some(rest) => (&c[..1], rest),
                        None => ("", c.as_str()),
                    };
                    match (numeric.get(i), digits.parse::<u64>()) {
                        (Some(true), Ok(n)) => format!("{sign}{}", super::thousands(n)),
                        _ => c.clone(),
                    }
                })
                .collect()
        })
        .collect();
    let mut w: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(c.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let last = cells.len() - 1;
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            match (numeric[i], i == last) {
                (true, _) => s.push_str(&format!("{c:>width$}", width = w[i])),
                (false, true) => s.push_str(c),
                (false, false) => s.push_str(&format!("{c:<width$}", width = w[i])),
            }
            if i != last {
                s.push_str("  ");
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let mut out = line(&header);
    for r in &rows {
        out.push_str(&line(r));
    }
    out
}

fn flags(e: &EdgeRec) -> String {
    let mut f = Vec::new();
    if e.negated {
        f.push("negated");
    }
    if e.hedged {
        f.push("hedged");
    }
    f.join(",")
}

fn edge_json(e: &EdgeRec) -> Value {
    json!({"source": e.source, "relation": e.relation, "target": e.target, "weight": e.weight,
           "negated": e.negated, "hedged": e.hedged, "symmetric": e.symmetric,
           "first_seen": e.first_seen, "last_seen": e.last_seen})
}

/// How tables name actors: by label, or by id with `--ids`.
struct Names {
    labels: std::collections::HashMap<String, String>,
}

impl Names {
    fn new(g: &GraphFile, ids: bool) -> Names {
        let labels = match ids {
            true => Default::default(),
            false => g.nodes.iter().map(|n| (n.id.clone(), n.label.clone())).collect(),
        };
        Names { labels }
    }
    fn of(&self, id: &str) -> String {
        self.labels.get(id).cloned().unwrap_or_else(|| id.to_string())
    }
}

/// The columns that name an actor in a listing: LABEL, and with `--ids` ID before it.
fn actor_header<'a>(ids: bool, rest: &[&'a str]) -> Vec<&'a str> {
    let name: &[&str] = if ids { &["ID", "LABEL"] } else { &["LABEL"] };
    name.iter().chain(rest).copied().collect()
}

/// A row of an actor listing: the naming cells (`actor_header`), then `rest`.
fn actor_row(ids: bool, id: &str, label: &str, rest: Vec<String>) -> Vec<String> {
    let mut row = match ids {
        true => vec![id.to_string(), label.to_string()],
        false => vec![label.to_string()],
    };
    row.extend(rest);
    row
}

/// A centrality score for reading: degree is a count, the others have four significant digits.
fn score_text(by: &str, s: f64) -> String {
    match by {
        "degree" => format!("{s:.0}"),
        _ if s == 0.0 || s.abs() >= 1000.0 => format!("{s:.0}"),
        _ => {
            let digits = (3 - s.abs().log10().floor() as i32).clamp(0, 12) as usize;
            format!("{s:.digits$}")
        }
    }
}

fn edge_rows(edges: &[&EdgeRec], names: &Names) -> Vec<Vec<String>> {
    edges
        .iter()
        .map(|e| {
            let arrow = if e.symmetric { "--" } else { "->" };
            vec![
                names.of(&e.source),
                format!("{arrow} {} {arrow}", e.relation),
                names.of(&e.target),
                e.weight.to_string(),
                flags(e),
            ]
        })
        .collect()
}

fn hop_text(p: &[Hop], names: &Names) -> String {
    let mut s = p.first().map(|h| names.of(&h.from)).unwrap_or_default();
    for h in p {
        if h.reversed {
            s.push_str(&format!(" <-{}- {}", h.relation, names.of(&h.to)));
        } else {
            s.push_str(&format!(" -{}-> {}", h.relation, names.of(&h.to)));
        }
    }
    s
}

fn hops_json(p: &[Hop]) -> Value {
    Value::Array(
        p.iter()
            .map(|h| json!({"from": h.from, "relation": h.relation, "to": h.to, "reversed": h.reversed}))
            .collect(),
    )
}

/// The outcome of a query: text or JSON, and whether anything was found.
struct Answer {
    text: String,
    json: Value,
    found: bool,
    /// For edge listings: the result as a graph, for --format.
    graph: Option<GraphFile>,
}

/// The pattern form is an external subcommand, so clap hands over its words unparsed:
/// the pattern itself and any global flags after it (`query 'a -> ?' --json`). The flags
/// are taken out here; the other words, joined by spaces, are the pattern.
fn split_pattern_words(args: &mut Args, words: &[String]) -> anyhow::Result<String> {
    let mut pattern = Vec::new();
    let mut it = words.iter();
    while let Some(w) = it.next() {
        let (flag, inline) = match w.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (w.as_str(), None),
        };
        let mut value = |name: &str| -> anyhow::Result<String> {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .with_context(|| format!("{name} needs a value"))
        };
        match flag {
            "--json" => args.json = true,
            "--ids" => args.ids = true,
            "--graph" => args.graph = PathBuf::from(value("--graph")?),
            "--since" => args.since = Some(value("--since")?),
            "--until" => args.until = Some(value("--until")?),
            "--format" => {
                let v = value("--format")?;
                anyhow::ensure!(v == "dot" || v == "json", "--format takes dot or json, not '{v}'");
                args.format = Some(v);
            }
            _ => pattern.push(w.as_str()),
        }
    }
    Ok(pattern.join(" "))
}

pub fn run(mut args: Args) -> anyhow::Result<ExitCode> {
    if let QueryCommand::Pattern(words) = &args.command {
        let words = words.clone();
        let p = split_pattern_words(&mut args, &words)?;
        if let Err(e) = parse_pattern(&p) {
            let first = words.first().map_or("", String::as_str);
            match similar_subcommand(first) {
                Some(name) => anyhow::bail!("no query {first:?}: did you mean `actorgraph query {name}`?"),
                None => anyhow::bail!(e),
            }
        }
        args.command = QueryCommand::Pattern(vec![p]);
    }
    for (flag, date) in [("--since", &args.since), ("--until", &args.until)] {
        if let Some(d) = date {
            check_date(flag, d)?;
        }
    }
    super::settle_outputs(&args.graph)?;
    let full = GraphFile::load(&args.graph)
        .with_context(|| "cannot load the graph (run `actorgraph build` first, or pass --graph FILE)".to_string())?;
    check_names(&full, &args.command)?;
    let g = restrict_dates(&full, args.since.as_deref(), args.until.as_deref());
    let q = Query::new(&g);
    let answer = match &args.command {
        QueryCommand::Pattern(words) => pattern(&q, &words.join(" "), args.ids),
        c => answer(&q, c, args.ids),
    };
    match answer {
        Ok(a) => {
            if let Some(fmt) = &args.format {
                let g = a
                    .graph
                    .as_ref()
                    .context("--format dot|json applies to edge listings: edges, patterns, between, subgraph")?;
                match fmt.as_str() {
                    "dot" => super::print_out(&crate::export::dot::to_dot(g))?,
                    _ => super::print_out(&g.to_json_string())?,
                }
            } else if args.json {
                super::print_out(&(serde_json::to_string_pretty(&a.json)? + "\n"))?;
            } else {
                super::print_text(&a.text)?;
            }
            Ok(if a.found { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Err(e) if e.downcast_ref::<ResolveError>().is_some() => {
            eprintln!("error: {e}");
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e),
    }
}

/// The subcommand a mistyped word most likely meant ("actor" -> "actors"), as clap suggests them.
fn similar_subcommand(word: &str) -> Option<String> {
    use clap::Subcommand;
    let cmd = QueryCommand::augment_subcommands(clap::Command::new("query"));
    let lower = word.to_lowercase();
    cmd.get_subcommands()
        .map(|c| (strsim::jaro_winkler(&lower, c.get_name()), c.get_name().to_string()))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

fn pattern(q: &Query, p: &str, ids: bool) -> anyhow::Result<Answer> {
    let pat = parse_pattern(p).map_err(anyhow::Error::msg)?;
    let s = pat.source.as_deref().map(|x| q.resolve(x)).transpose()?;
    let t = pat.target.as_deref().map(|x| q.resolve(x)).transpose()?;
    let mut edges: Vec<&EdgeRec> = q.edges(&EdgeFilter {
        from: s,
        to: t,
        relations: pat.relations.clone(),
        ..Default::default()
    });
    if pat.undirected {
        let back = q.edges(&EdgeFilter {
            from: t,
            to: s,
            relations: pat.relations.clone(),
            ..Default::default()
        });
        union(&mut edges, back);
    }
    Ok(edge_answer(q.g, &edges, ids))
}

/// Appends the edges of `more` not already in `edges` (the same record, by address).
fn union<'a>(edges: &mut Vec<&'a EdgeRec>, more: Vec<&'a EdgeRec>) {
    let have: std::collections::HashSet<*const EdgeRec> = edges.iter().map(|e| *e as *const EdgeRec).collect();
    edges.extend(more.into_iter().filter(|e| !have.contains(&(*e as *const EdgeRec))));
}

fn edge_answer(g: &GraphFile, edges: &[&EdgeRec], ids: bool) -> Answer {
    Answer {
        graph: Some(crate::query::graph_of(g, edges, &[])),
        text: if edges.is_empty() {
            String::new()
        } else {
            table(
                &["SOURCE", "RELATION", "TARGET", "WEIGHT", "FLAGS"],
                &edge_rows(edges, &Names::new(g, ids)),
            )
        },
        json: Value::Array(edges.iter().map(|e| edge_json(e)).collect()),
        found: !edges.is_empty(),
    }
}

fn answer(q: &Query, c: &QueryCommand, ids: bool) -> anyhow::Result<Answer> {
    Ok(match c {
        QueryCommand::Actors { kind, sort } => {
            let rows = q.actors(kind.as_deref(), sort);
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let rest = vec![
                        r.kind.clone(),
                        r.mentions.to_string(),
                        r.in_degree.to_string(),
                        r.out_degree.to_string(),
                    ];
                    actor_row(ids, &r.id, &r.label, rest)
                })
                .collect();
            Answer {
                text: if rows.is_empty() { String::new() } else { table(&actor_header(ids, &["KIND", "MENTIONS", "IN", "OUT"]), &cells) },
                json: Value::Array(rows.iter().map(|r| json!({"id": r.id, "label": r.label, "kind": r.kind, "mentions": r.mentions, "in_degree": r.in_degree, "out_degree": r.out_degree})).collect()),
                found: !rows.is_empty(),
                graph: None,
            }
        }
        QueryCommand::Neighbors {
            actor,
            relations,
            dir,
            depth,
        } => {
            let a = q.resolve(actor)?;
            let rows = q.neighbors(a, relations, dir, *depth);
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| actor_row(ids, &r.id, &r.label, vec![r.depth.to_string(), r.via.join(",")]))
                .collect();
            Answer {
                text: if rows.is_empty() {
                    String::new()
                } else {
                    table(&actor_header(ids, &["DEPTH", "VIA"]), &cells)
                },
                json: Value::Array(
                    rows.iter()
                        .map(|r| json!({"id": r.id, "label": r.label, "depth": r.depth, "via": r.via}))
                        .collect(),
                ),
                found: !rows.is_empty(),
                graph: None,
            }
        }
        QueryCommand::Edges {
            from,
            to,
            relations,
            negated,
            no_negated,
            hedged,
            no_hedged,
            min_weight,
            doc,
        } => {
            let f = EdgeFilter {
                from: from.as_deref().map(|x| q.resolve(x)).transpose()?,
                to: to.as_deref().map(|x| q.resolve(x)).transpose()?,
                relations: relations.clone(),
                negated: if *negated {
                    Some(true)
                } else if *no_negated {
                    Some(false)
                } else {
                    None
                },
                hedged: if *hedged {
                    Some(true)
                } else if *no_hedged {
                    Some(false)
                } else {
                    None
                },
                min_weight: *min_weight,
                doc: doc.clone(),
            };
            edge_answer(q.g, &q.edges(&f), ids)
        }
        QueryCommand::Path {
            a,
            b,
            all,
            max_len,
            limit,
            relations,
        } => {
            let (a, b) = (q.resolve(a)?, q.resolve(b)?);
            let paths = if *all {
                let (paths, cut) = q.all_paths(a, b, relations, *max_len, *limit);
                if cut {
                    eprintln!(
                        "note: the first {limit} paths (shortest first); there are more: raise --limit or lower --max-len"
                    );
                }
                paths
            } else {
                q.shortest_path(a, b, relations).into_iter().collect()
            };
            Answer {
                text: {
                    let names = Names::new(q.g, ids);
                    paths.iter().map(|p| format!("{}\n", hop_text(p, &names))).collect()
                },
                json: Value::Array(paths.iter().map(|p| hops_json(p)).collect()),
                found: !paths.is_empty(),
                graph: None,
            }
        }
        QueryCommand::Evidence { a, relation, b } => {
            let (a, b) = (q.resolve(a)?, q.resolve(b)?);
            let edges = q.edges(&EdgeFilter {
                from: Some(a),
                to: Some(b),
                relations: vec![relation.clone()],
                ..Default::default()
            });
            let mut text = String::new();
            let mut items = Vec::new();
            let names = Names::new(q.g, ids);
            for e in &edges {
                for ev in &e.evidence {
                    let mut f = Vec::new();
                    if ev.negated {
                        f.push("negated".to_string());
                    }
                    if ev.hedged {
                        f.push("hedged".to_string());
                    }
                    if let Some(s) = &ev.said_by {
                        f.push(format!("said_by={s}"));
                    }
                    text.push_str(&format!(
                        "{} {} {}  {}:{}..{}  rule {}  trigger {:?}{}\n  {}\n",
                        names.of(&e.source),
                        e.relation,
                        names.of(&e.target),
                        ev.doc,
                        ev.start,
                        ev.end,
                        ev.rule,
                        ev.trigger,
                        if f.is_empty() {
                            String::new()
                        } else {
                            format!("  [{}]", f.join(", "))
                        },
                        ev.text.replace('\n', " ")
                    ));
                    items.push(json!({"source": e.source, "relation": e.relation, "target": e.target, "doc": ev.doc, "start": ev.start,
                        "end": ev.end, "sentence": ev.sentence, "text": ev.text, "rule": ev.rule, "trigger": ev.trigger,
                        "negated": ev.negated, "hedged": ev.hedged, "said_by": ev.said_by}));
                }
            }
            Answer {
                found: !items.is_empty(),
                text,
                json: Value::Array(items),
                graph: None,
            }
        }
        QueryCommand::Top { by, limit } => {
            let rows = q.top(by, *limit);
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|(id, l, s)| actor_row(ids, id, l, vec![score_text(by, *s)]))
                .collect();
            let score = by.to_uppercase();
            Answer {
                text: if rows.is_empty() {
                    String::new()
                } else {
                    table(&actor_header(ids, &[&score]), &cells)
                },
                json: Value::Array(
                    rows.iter()
                        .map(|(id, l, s)| json!({"id": id, "label": l, "score": s}))
                        .collect(),
                ),
                found: !rows.is_empty(),
                graph: None,
            }
        }
        QueryCommand::Between { a, b } => {
            let (a, b) = (q.resolve(a)?, q.resolve(b)?);
            let mut edges = q.edges(&EdgeFilter {
                from: Some(a),
                to: Some(b),
                ..Default::default()
            });
            let back = q.edges(&EdgeFilter {
                from: Some(b),
                to: Some(a),
                ..Default::default()
            });
            union(&mut edges, back);
            let net = q.stance(a).into_iter().find(|r| r.id == q.id(b)).map_or(0, |r| r.net);
            let mut ans = edge_answer(q.g, &edges, ids);
            if ans.found {
                ans.text.push_str(&format!(
                    "net stance: {net:+} (cooperative minus conflictual weight, negated edges aside)\n"
                ));
            }
            ans.json = json!({"edges": ans.json, "net_stance": net});
            ans
        }
        QueryCommand::Allies { actor, limit } | QueryCommand::Rivals { actor, limit } => {
            let a = q.resolve(actor)?;
            let allies = matches!(c, QueryCommand::Allies { .. });
            let mut rows: Vec<_> = q
                .stance(a)
                .into_iter()
                .filter(|r| if allies { r.net > 0 } else { r.net < 0 })
                .collect();
            rows.sort_by(|x, y| if allies { y.net.cmp(&x.net) } else { x.net.cmp(&y.net) }.then(x.id.cmp(&y.id)));
            rows.truncate(*limit);
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let rest = vec![
                        r.cooperative.to_string(),
                        r.conflictual.to_string(),
                        format!("{:+}", r.net),
                    ];
                    actor_row(ids, &r.id, &r.label, rest)
                })
                .collect();
            Answer {
                text: if rows.is_empty() { String::new() } else { table(&actor_header(ids, &["COOPERATIVE", "CONFLICTUAL", "NET"]), &cells) },
                json: Value::Array(rows.iter().map(|r| json!({"id": r.id, "label": r.label, "cooperative": r.cooperative, "conflictual": r.conflictual, "net": r.net})).collect()),
                found: !rows.is_empty(),
                graph: None,
            }
        }
        QueryCommand::Subgraph { actors, depth } => {
            let roots = actors.iter().map(|a| q.resolve(a)).collect::<Result<Vec<_>, _>>()?;
            let sub = q.subgraph(&roots, *depth);
            let edges: Vec<&EdgeRec> = sub.edges.iter().collect();
            let mut ans = edge_answer(&sub, &edges, ids);
            ans.found = !sub.nodes.is_empty();
            ans.graph = Some(sub.clone());
            ans
        }
        QueryCommand::Pattern(words) => pattern(q, &words.join(" "), ids)?,
        QueryCommand::Timeline { a, b, by } => {
            let a = q.resolve(a)?;
            let b = b.as_deref().map(|x| q.resolve(x)).transpose()?;
            let t = q.timeline(a, b, by);
            let cells: Vec<Vec<String>> = t
                .iter()
                .flat_map(|(p, rels)| rels.iter().map(move |(r, n)| vec![p.clone(), r.clone(), n.to_string()]))
                .collect();
            Answer {
                text: if cells.is_empty() {
                    String::new()
                } else {
                    table(&["PERIOD", "RELATION", "COUNT"], &cells)
                },
                json: serde_json::to_value(&t)?,
                found: !cells.is_empty(),
                graph: None,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn tables_right_align_numbers_with_thousands_separators() {
        let rows = |r: &[&[&str]]| -> Vec<Vec<String>> {
            r.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
        };
        assert_eq!(
            super::table(
                &["LABEL", "MENTIONS", "NET", "PERIOD", "SCORE", "FLAGS"],
                &rows(&[
                    &["Russia", "2446", "-1234", "2025-01", "0.09973", "negated"],
                    &["Ukraine", "7", "+3", "2025-02", "12", ""],
                ])
            ),
            "LABEL    MENTIONS     NET  PERIOD     SCORE  FLAGS\n\
             Russia      2,446  -1,234  2025-01  0.09973  negated\n\
             Ukraine         7      +3  2025-02       12\n"
        );
        // A last numeric column is padded on the left; no rows, no numbers.
        assert_eq!(
            super::table(&["NAME", "COUNT"], &rows(&[&["a", "1000000"], &["b", "5"]])),
            "NAME      COUNT\na     1,000,000\nb             5\n"
        );
        assert_eq!(super::table(&["NAME", "COUNT"], &[]), "NAME  COUNT\n");
    }
}
