//! What a picture of the graph shows, shared by `render` (Graphviz) and `view`
//! (the HTML page).
//!
//! Input: a filtered [`GraphFile`] (see `filter`); output: the same graph cut
//! down to what is worth drawing ([`prepare`]: actors with no relation left
//! out unless `--isolated`), the one-line-per-pair summary of its edges
//! ([`pairs`], with the net stance from the relations' polarity) and its
//! communities ([`community::louvain`]). Pure functions; no I/O, no drawing.

pub mod community;

use crate::graphfile::GraphFile;
use std::collections::{BTreeMap, HashSet};

/// `--edges auto` draws one line per actor pair when the picture holds more
/// relations than this; up to it, one line per relation (labelled).
pub const PAIRS_ABOVE: usize = 60;

/// How edges are drawn (`--edges`).
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EdgeMode {
    /// Pairs above 60 relations, relations up to that.
    #[default]
    Auto,
    /// One line per relation (source, relation, target, negated).
    Relations,
    /// One line per actor pair: total weight, colored by net stance.
    Pairs,
}

impl EdgeMode {
    /// True when a picture with `relations` edges is drawn one line per pair.
    pub fn pairs(self, relations: usize) -> bool {
        match self {
            EdgeMode::Auto => relations > PAIRS_ABOVE,
            EdgeMode::Relations => false,
            EdgeMode::Pairs => true,
        }
    }
}

/// The picture options of `render` and `view`; `#[command(flatten)]` them.
#[derive(clap::Args, Debug, Clone, Default, PartialEq, Eq)]
pub struct PictureArgs {
    /// Also draw the actors that have no relation in the picture (left out by default).
    #[arg(long)]
    pub isolated: bool,
    /// One line per relation, or one per actor pair (total weight, colored by
    /// net stance, the relations in its tooltip). auto: pairs above 60 relations.
    #[arg(long, value_enum, default_value_t = EdgeMode::Auto, value_name = "MODE")]
    pub edges: EdgeMode,
}

/// Leaves out the actors without an edge in `g` unless `args.isolated`;
/// returns how many were left out.
pub fn prepare(g: &mut GraphFile, args: &PictureArgs) -> usize {
    if args.isolated {
        return 0;
    }
    let touched: HashSet<&str> = g
        .edges
        .iter()
        .flat_map(|e| [e.source.as_str(), e.target.as_str()])
        .collect();
    let keep: Vec<bool> = g.nodes.iter().map(|n| touched.contains(n.id.as_str())).collect();
    let before = g.nodes.len();
    let mut keep = keep.into_iter();
    g.nodes.retain(|_| keep.next().unwrap_or(true));
    before - g.nodes.len()
}

/// ", N actors without relations left out (--isolated shows them)" for a
/// command's summary line, or "" when none were.
pub fn left_out_note(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => ", 1 actor without relations left out (--isolated shows it)".to_string(),
        n => format!(", {n} actors without relations left out (--isolated shows them)"),
    }
}

/// The largest N for which `--top N` of `g` draws at most `max_nodes` actors
/// and `max_lines` lines (relations, or pairs when `pairs`); at least 1.
pub fn largest_top(g: &GraphFile, pairs: bool, max_nodes: usize, max_lines: usize) -> usize {
    let degree = crate::filter::weighted_degree(g);
    let mut ranked: Vec<(&str, u64)> = g
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), degree.get(n.id.as_str()).copied().unwrap_or(0)))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let rank: BTreeMap<&str, usize> = ranked.iter().enumerate().map(|(r, (id, _))| (*id, r)).collect();
    let ends: Vec<(String, String)> = match pairs {
        true => self::pairs(g).into_iter().map(|p| (p.a, p.b)).collect(),
        false => g.edges.iter().map(|e| (e.source.clone(), e.target.clone())).collect(),
    };
    // A line is drawn by `--top N` when both its actors rank below N.
    let mut needs: Vec<usize> = ends
        .iter()
        .filter_map(|(a, b)| Some(*rank.get(a.as_str())?.max(rank.get(b.as_str())?)))
        .collect();
    needs.sort_unstable();
    let limit = max_nodes.min(g.nodes.len());
    (1..=limit)
        .take_while(|&n| needs.partition_point(|&k| k < n) <= max_lines)
        .last()
        .unwrap_or(1)
}

/// The edges between two actors, in either direction, as one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The two actors, `a <= b` (ids).
    pub a: String,
    pub b: String,
    /// Sum of the edges' weights.
    pub weight: u64,
    /// Weight of cooperative, conflictual and neutral edges (a negated edge
    /// counts as neutral: "did not attack" is no stance).
    pub cooperative: u64,
    pub conflictual: u64,
    pub neutral: u64,
    /// Indices into `GraphFile::edges`, in order.
    pub edges: Vec<usize>,
}

impl Pair {
    /// (cooperative - conflictual) / weight, in [-1, 1].
    pub fn stance(&self) -> f64 {
        if self.weight == 0 {
            return 0.0;
        }
        (self.cooperative as f64 - self.conflictual as f64) / self.weight as f64
    }

    /// One line per edge, heaviest first: "Russia attacks Ukraine ×20".
    pub fn breakdown(&self, g: &GraphFile) -> Vec<String> {
        let label = |id: &str| g.node(id).map_or(id.to_string(), |n| n.label.clone());
        let mut edges: Vec<usize> = self.edges.clone();
        edges.sort_by(|&x, &y| g.edges[y].weight.cmp(&g.edges[x].weight).then(x.cmp(&y)));
        edges
            .iter()
            .map(|&i| {
                let e = &g.edges[i];
                let not = if e.negated { "not " } else { "" };
                format!(
                    "{} {not}{} {} ×{}",
                    label(&e.source),
                    e.relation,
                    label(&e.target),
                    e.weight
                )
            })
            .collect()
    }
}

/// +1 for a cooperative relation, -1 for a conflictual one, 0 otherwise or when negated.
fn polarity_sign(g: &GraphFile, e: &crate::graphfile::EdgeRec) -> i8 {
    match (e.negated, crate::export::relation_style(g, e).0) {
        (false, "cooperative") => 1,
        (false, "conflictual") => -1,
        _ => 0,
    }
}

/// The edges of `g` grouped by unordered actor pair (self-loops are a pair of
/// one actor), sorted by (a, b).
pub fn pairs(g: &GraphFile) -> Vec<Pair> {
    let mut by_pair: BTreeMap<(&str, &str), Pair> = BTreeMap::new();
    for (i, e) in g.edges.iter().enumerate() {
        let (a, b) = if e.source <= e.target {
            (e.source.as_str(), e.target.as_str())
        } else {
            (e.target.as_str(), e.source.as_str())
        };
        let p = by_pair.entry((a, b)).or_insert_with(|| Pair {
            a: a.to_string(),
            b: b.to_string(),
            weight: 0,
            cooperative: 0,
            conflictual: 0,
            neutral: 0,
            edges: vec![],
        });
        p.weight += e.weight;
        match polarity_sign(g, e) {
            1 => p.cooperative += e.weight,
            -1 => p.conflictual += e.weight,
            _ => p.neutral += e.weight,
        }
        p.edges.push(i);
    }
    by_pair.into_values().collect()
}

/// The color of a net stance: red (#d62728) at -1, grey (#8c8c8c) at 0, blue
/// (#1f77b4) at +1, linear in between. `view.js` computes the same (`stanceColor`).
pub fn stance_color(stance: f64) -> String {
    const RED: [f64; 3] = [214.0, 39.0, 40.0];
    const GREY: [f64; 3] = [140.0, 140.0, 140.0];
    const BLUE: [f64; 3] = [31.0, 119.0, 180.0];
    let s = stance.clamp(-1.0, 1.0);
    let (end, t) = if s < 0.0 { (RED, -s) } else { (BLUE, s) };
    let c: Vec<String> = (0..3)
        .map(|i| format!("{:02x}", (GREY[i] + (end[i] - GREY[i]) * t).round() as u8))
        .collect();
    format!("#{}", c.concat())
}

/// The colored communities a legend lists, in color order while they have two
/// or more members: (color, the two most mentioned members' labels, size).
pub fn legend_communities<'g>(g: &'g GraphFile, communities: &[usize]) -> Vec<(&'static str, Vec<&'g str>, usize)> {
    let mut out = Vec::new();
    for (c, &color) in COMMUNITY_COLORS.iter().enumerate() {
        let mut members: Vec<&crate::graphfile::NodeRec> = g
            .nodes
            .iter()
            .zip(communities)
            .filter(|(_, &k)| k == c)
            .map(|(n, _)| n)
            .collect();
        if members.len() < 2 {
            break;
        }
        members.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.id.cmp(&b.id)));
        out.push((
            color,
            members.iter().take(2).map(|n| n.label.as_str()).collect(),
            members.len(),
        ));
    }
    out
}

/// Light fill colors for communities 0..8 (numbered largest first); the rest get [`OTHER_COMMUNITY`].
pub const COMMUNITY_COLORS: &[&str] = &[
    "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5",
];

/// The fill of actors outside the colored communities.
pub const OTHER_COMMUNITY: &str = "#e0e0e0";

/// The fill color of community `c` (numbered largest first).
pub fn community_color(c: usize) -> &'static str {
    COMMUNITY_COLORS.get(c).copied().unwrap_or(OTHER_COMMUNITY)
}

/// Louvain communities of the actors of `g` (same order as `g.nodes`), on the
/// undirected graph whose edge weights are the pairs' total weights.
pub fn communities(g: &GraphFile) -> Vec<usize> {
    let index: BTreeMap<&str, usize> = g.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let edges: Vec<(usize, usize, f64)> = pairs(g)
        .iter()
        .filter_map(|p| Some((*index.get(p.a.as_str())?, *index.get(p.b.as_str())?, p.weight as f64)))
        .collect();
    community::louvain(g.nodes.len(), &edges)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graphfile::{EdgeRec, NodeRec, RelationRec, FORMAT, VERSION};

    /// Nodes by id; edges "src rel dst weight [neg]"; relations "id:polarity".
    pub(crate) fn graph(nodes: &[&str], edges: &[&str]) -> GraphFile {
        let rel = |id: &str, polarity: &str| RelationRec {
            id: id.into(),
            symmetric: false,
            polarity: polarity.into(),
            color: "#000000".into(),
            plover: vec![],
            cameo: vec![],
        };
        GraphFile {
            format: FORMAT.into(),
            version: VERSION,
            generator: "test".into(),
            relations: vec![
                rel("attacks", "conflictual"),
                rel("meets", "neutral"),
                rel("supports", "cooperative"),
            ],
            documents: vec![],
            nodes: nodes
                .iter()
                .map(|id| NodeRec {
                    id: id.to_string(),
                    label: id.to_uppercase(),
                    kind: "state".into(),
                    aliases: vec![],
                    mentions: 1,
                    documents: vec![],
                })
                .collect(),
            edges: edges
                .iter()
                .map(|s| {
                    let w: Vec<&str> = s.split_whitespace().collect();
                    EdgeRec {
                        source: w[0].into(),
                        target: w[2].into(),
                        relation: w[1].into(),
                        symmetric: false,
                        negated: w.contains(&"neg"),
                        hedged: false,
                        weight: w[3].parse().unwrap(),
                        first_seen: None,
                        last_seen: None,
                        evidence: vec![],
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn isolated_actors_are_left_out_unless_asked() {
        let g = graph(&["a", "b", "c", "d"], &["a supports b 1", "d attacks d 1"]);
        let mut cut = g.clone();
        assert_eq!(prepare(&mut cut, &PictureArgs::default()), 1);
        let ids: Vec<&str> = cut.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "d"]);
        let mut all = g.clone();
        let args = PictureArgs {
            isolated: true,
            ..Default::default()
        };
        assert_eq!(prepare(&mut all, &args), 0);
        assert_eq!(all, g);
    }

    #[test]
    fn pairs_sum_both_directions_and_weigh_the_stance() {
        let g = graph(
            &["a", "b", "c"],
            &[
                "a attacks b 3",
                "b supports a 1",
                "a supports b 2 neg",
                "a meets b 2",
                "c supports b 4",
            ],
        );
        let p = pairs(&g);
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].a.as_str(), p[0].b.as_str(), p[0].weight), ("a", "b", 8));
        assert_eq!((p[0].cooperative, p[0].conflictual, p[0].neutral), (1, 3, 4));
        assert_eq!(p[0].edges, [0, 1, 2, 3]);
        assert_eq!(p[0].stance(), -0.25);
        assert_eq!(
            p[0].breakdown(&g),
            [
                "A attacks B ×3",
                "A not supports B ×2",
                "A meets B ×2",
                "B supports A ×1"
            ]
        );
        assert_eq!((p[1].a.as_str(), p[1].b.as_str(), p[1].weight), ("b", "c", 4));
        assert_eq!(p[1].stance(), 1.0);
    }

    #[test]
    fn stance_colors() {
        assert_eq!(stance_color(-1.0), "#d62728");
        assert_eq!(stance_color(0.0), "#8c8c8c");
        assert_eq!(stance_color(1.0), "#1f77b4");
        assert_eq!(stance_color(-0.25), "#9f7373");
        assert_eq!(stance_color(0.5), "#5682a0");
        assert_eq!(stance_color(7.0), "#1f77b4");
    }

    #[test]
    fn largest_top_keeps_under_the_limits() {
        // Weighted degree: a 6, b 4, c 3, d 1, e 0.
        let g = graph(
            &["a", "b", "c", "d", "e"],
            &[
                "a attacks b 2",
                "b attacks a 1",
                "a meets c 2",
                "c meets d 1",
                "a meets b 1",
            ],
        );
        assert_eq!(largest_top(&g, false, 10, 10), 5);
        assert_eq!(largest_top(&g, false, 3, 10), 3);
        // Top 2 draws the three a-b relations, one pair.
        assert_eq!(largest_top(&g, false, 10, 2), 1);
        assert_eq!(largest_top(&g, true, 10, 2), 3);
        assert_eq!(largest_top(&g, true, 10, 1), 2);
    }

    #[test]
    fn auto_edge_mode_switches_above_the_threshold() {
        assert!(!EdgeMode::Auto.pairs(PAIRS_ABOVE));
        assert!(EdgeMode::Auto.pairs(PAIRS_ABOVE + 1));
        assert!(EdgeMode::Pairs.pairs(1));
        assert!(!EdgeMode::Relations.pairs(1000));
    }
}
