//! `[grammar]` of the lexicon: the English words the reading stages use (docs/rules.md#grammar).
//! Each list a rule set's lexicon files give is theirs (several files add up); a list none of them
//! gives is the built-in lexicon's. The lists are declared once, in `grammar!` below; their
//! meaning is documented on `raw::Grammar`.

use super::{builtin_sources, raw};

/// Words looked up one token at a time. Most tokens are no member: the lengths and first bytes
/// of the members turn them away before any hashing.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    words: rustc_hash::FxHashSet<String>,
    /// Bit `n` (n < 64): a member has `n` bytes; bit 63 stands for 63 bytes or more.
    lengths: u64,
    /// Bit `b`: a member starts with byte `b`.
    firsts: [u64; 4],
}

impl WordSet {
    pub fn contains(&self, word: &str) -> bool {
        let Some(&first) = word.as_bytes().first() else {
            return self.words.contains(word);
        };
        self.lengths & (1 << word.len().min(63)) != 0
            && self.firsts[usize::from(first >> 6)] & (1 << (first & 63)) != 0
            && self.words.contains(word)
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut set = WordSet::default();
        for w in iter {
            set.lengths |= 1 << w.len().min(63);
            if let Some(&first) = w.as_bytes().first() {
                set.firsts[usize::from(first >> 6)] |= 1 << (first & 63);
            }
            set.words.insert(w);
        }
        set
    }
}

/// Words kept in order: stems matched as prefixes, preferences.
type List = Vec<String>;

macro_rules! grammar {
    ($($key:ident: $kind:ident),* $(,)?) => {
        /// The compiled `[grammar]`: each `raw::Grammar` list as a `WordSet` (looked up per token)
        /// or in order.
        #[derive(Debug, Clone, Default)]
        pub struct Grammar {
            $(pub $key: grammar!(@type $kind),)*
        }

        /// Adds the lists `from` gives to `into`.
        pub(super) fn merge(into: &mut raw::Grammar, from: raw::Grammar) {
            $(if let Some(v) = from.$key {
                into.$key.get_or_insert_with(Vec::new).extend(v);
            })*
        }

        /// The lists, the built-in ones where `g` has none.
        pub(super) fn compile(mut g: raw::Grammar) -> Grammar {
            if false $(|| g.$key.is_none())* {
                let mut builtin = builtin();
                $(if g.$key.is_none() {
                    g.$key = builtin.$key.take();
                })*
            }
            Grammar {
                $($key: g.$key.unwrap_or_default().into_iter().collect(),)*
            }
        }
    };
    (@type WordSet) => { WordSet };
    (@type list) => { List };
}

grammar! {
    not_names: WordSet,
    institution_words: WordSet,
    speaker_prefixes: WordSet,
    name_particles: WordSet,
    leader_preference: list,
    subject_pronouns: WordSet,
    expletive_next: WordSet,
    clause_boundaries: WordSet,
    listener_stems: list,
    head_modifiers: WordSet,
    apposition_adjectives: WordSet,
    apposition_breakers: WordSet,
    place_markers: WordSet,
    place_adjectives: WordSet,
    motion_stems: list,
    object_markers: WordSet,
    determiners: WordSet,
    noun_prepositions: WordSet,
    passive_auxiliaries: WordSet,
    possessed_subject_gap: WordSet,
    nominal_gap_breakers: WordSet,
    undoing_verbs: list,
    control_nouns: WordSet,
    catenative_verbs: WordSet,
    motion_verbs: WordSet,
    infinitive_adjectives: WordSet,
    object_control_stems: list,
}

/// The `[grammar]` of the built-in lexicon.
fn builtin() -> raw::Grammar {
    let mut g = raw::Grammar::default();
    for src in builtin_sources("lexicon") {
        if let Ok(f) = toml::from_str::<raw::LexiconFile>(&src.text) {
            merge(&mut g, f.grammar);
        }
    }
    g
}

#[cfg(test)]
mod tests {
    use super::WordSet;

    #[test]
    fn word_sets_find_their_members_only() {
        let set: WordSet = ["the", "'s", "—", "a", ""].into_iter().map(String::from).collect();
        for w in ["the", "'s", "—", "a", ""] {
            assert!(set.contains(w), "{w}");
        }
        // Same length and first byte, other word; other length; other first byte.
        for w in ["tha", "th", "b", "'t", "–", "theme"] {
            assert!(!set.contains(w), "{w}");
        }
        let long = "x".repeat(70);
        let set: WordSet = [long.clone()].into_iter().collect();
        assert!(set.contains(&long));
        assert!(!set.contains(&"x".repeat(71)));
        assert!(!WordSet::default().contains(""));
    }
}
