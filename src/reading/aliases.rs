//! Alias matches: every spelling of an actor on word boundaries, with the context vetoes of the
//! rules and the lexicon's `name_continuations` ("Washington Post" is no mention of Washington).

use super::*;

impl<'r> Extractor<'r> {
    /// Whether the text after an alias continues it into another name: " Post" in
    /// "Washington Post" (one space, then a listed capitalized word).
    pub(super) fn continues_a_name(&self, after: &str) -> bool {
        let Some(rest) = after.strip_prefix(' ') else {
            return false;
        };
        let word: &str = rest.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default();
        !word.is_empty() && self.rules.lexicon.name_continuations.iter().any(|w| w == word)
    }

    /// Every alias occurrence (start, end, alias index) on word boundaries, context vetoes applied.
    pub(super) fn find_aliases(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        let input = |p: usize| aho_corasick::Input::new(text).span(p..text.len());
        while pos < text.len() {
            let Some(m) = self.rules.matcher.find(input(pos)) else {
                break;
            };
            let (ms, me) = (m.start(), m.end());
            let alias = &self.rules.aliases[m.pattern().as_usize()];
            let before_ok = text[..ms].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = &text[me..];
            let after_ok = after.chars().next().is_none_or(|c| !c.is_alphanumeric());
            let vetoed = alias
                .unless_before
                .iter()
                .any(|v| ends_with_ci(text[..ms].trim_end(), v.trim()))
                || alias.unless_after.iter().any(|v| starts_with_ci(after, v))
                || self.continues_a_name(after);
            if before_ok && after_ok && !vetoed {
                out.push((ms, me, m.pattern().as_usize()));
                pos = me;
            } else {
                pos = ms + text[ms..].chars().next().map_or(1, |c| c.len_utf8());
            }
        }
        out
    }
}
