//! Surface patterns: helpers of the matching of relation patterns over the skeleton.

use super::*;

/// The sides an actor stands on: the states and organizations a person serves, or the actor
/// itself. Members of one side do not negotiate or ally with each other.
pub(super) fn sides(ex: &Extraction, rules: &RuleSet, x: ActorRef) -> Vec<ActorRef> {
    let a = ex.actor(rules, x);
    let mut v: Vec<ActorRef> = a.roles.iter().map(|r| r.of).collect();
    if a.kind != Kind::Person {
        v.push(x);
    }
    v
}

/// The lowercased word before byte `pos` (skipping "the"): "by" in "by the Kremlin".
/// Whether a pattern spells `word` right before its `{T}` ("in {T}", "(on|within) {T}").
pub(super) fn spells_before_target(source: &str, word: &str) -> bool {
    source.split("{T}").next().is_some_and(|before| {
        let before = before.trim_end().trim_end_matches('?');
        let last = match before.strip_suffix(')') {
            Some(b) => b.rfind('(').map_or(b, |o| &b[o + 1..]),
            None => before.rsplit(' ').next().unwrap_or(""),
        };
        last.split('|')
            .any(|alt| alt == word || alt.ends_with(&format!(" {word}")))
    })
}
