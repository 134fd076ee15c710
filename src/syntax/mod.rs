//! The syntax stage: a sentence in, tokens with byte spans, lemmas, UPOS and
//! XPOS tags and a labeled dependency tree (UD v2 relations) out.
//!
//! Input: the text of one sentence (any `&str`); output: `Parse`. Pure and
//! deterministic: the model (`models/syntax.bin`) is compiled into the binary
//! and read once. This stage knows nothing of actors or relations; the
//! reading stages above it walk its trees.
//!
//! Stages: `tokenize` -> `tagger` (UPOS+XPOS) -> `lemma` -> `parser` (arc-eager,
//! unlabeled) -> `labeler` (UD relations). `perceptron` is the learner they
//! share, `lexical` the hashed word views they read, `model` the file format,
//! `train` the training and scoring, `conllu` the treebank format.

pub mod conllu;
pub mod labeler;
pub mod lemma;
pub mod lexical;
pub mod model;
pub mod parser;
pub mod perceptron;
pub mod tagger;
pub mod tokenize;
pub mod train;

pub use model::{Model, ModelError};
use std::sync::OnceLock;

/// The model trained by `actorgraph syntax train`, compiled in.
static EMBEDDED: &[u8] = include_bytes!("../../models/syntax.bin");

/// The embedded model, read on first use.
pub fn model() -> Result<&'static Model, &'static ModelError> {
    static MODEL: OnceLock<Result<Model, ModelError>> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(EMBEDDED)).as_ref()
}

/// One word of a parsed sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    /// Byte span in the parsed text.
    pub start: usize,
    pub end: usize,
    pub form: &'a str,
    pub lemma: String,
    pub upos: &'a str,
    pub xpos: &'a str,
    /// 1-based index of the head word; 0 is the root.
    pub head: usize,
    pub deprel: &'a str,
}

/// A parsed sentence: its words in order (word `i` is index `i + 1` in heads).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parse<'a> {
    pub words: Vec<Word<'a>>,
}

/// Tokenizes, tags, lemmatizes and parses `text` as one sentence.
pub fn parse<'a>(model: &'a Model, text: &'a str) -> Parse<'a> {
    parse_with_names(model, text, &[])
}

/// As `parse`, where the capitalized words inside the byte spans `names` are known to be proper
/// names (an actor's name found by the rules) and are tagged so.
pub fn parse_with_names<'a>(model: &'a Model, text: &'a str, names: &[(usize, usize)]) -> Parse<'a> {
    tag_with_names(model, text, names).parse(model)
}

/// A sentence tagged and lemmatized, its tree not read yet (`tag_with_names`): enough for a
/// caller to decide whether the parse, most of the cost, is worth running.
pub struct Tagged<'a> {
    /// The words with their tags and lemmas; `head` 0 and `deprel` "_" until `parse`.
    pub words: Vec<Word<'a>>,
    tagged: model::Tagged,
}

/// The first half of `parse_with_names`: tokens, tags and lemmas.
pub fn tag_with_names<'a>(model: &'a Model, text: &'a str, names: &[(usize, usize)]) -> Tagged<'a> {
    let tokens = tokenize::tokenize(text);
    let forms: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
    let is_name: Vec<bool> = tokens
        .iter()
        .zip(&forms)
        .map(|(t, f)| {
            f.starts_with(|c: char| c.is_uppercase()) && names.iter().any(|&(s, e)| s <= t.start && t.end <= e)
        })
        .collect();
    let tagged = model.tag_names(&forms, &is_name);
    let words = tokens
        .iter()
        .zip(&forms)
        .zip(tagged.tags.iter().zip(&tagged.lemmas))
        .map(|((t, form), (&tag, lemma))| Word {
            start: t.start,
            end: t.end,
            form,
            upos: model.upos(tag),
            xpos: model.xpos(tag),
            lemma: lemma.clone(),
            head: 0,
            deprel: "_",
        })
        .collect();
    Tagged { words, tagged }
}

impl<'a> Tagged<'a> {
    /// The second half of `parse_with_names`: the labeled tree.
    pub fn parse(self, model: &'a Model) -> Parse<'a> {
        let Tagged { mut words, tagged } = self;
        for (w, a) in words.iter_mut().zip(model.parse_tagged(tagged)) {
            w.head = a.head as usize;
            w.deprel = model.deprel(a.label);
        }
        Parse { words }
    }
}

impl Parse<'_> {
    /// The parse as a CoNLL-U sentence (SpaceAfter=No where no space followed).
    pub fn to_conllu(&self, text: &str, id: Option<String>) -> String {
        let words = self
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| conllu::Word {
                form: w.form.to_string(),
                lemma: w.lemma.clone(),
                upos: w.upos.to_string(),
                xpos: w.xpos.to_string(),
                head: w.head,
                deprel: w.deprel.to_string(),
                space_after: self.words.get(i + 1).is_none_or(|n| n.start > w.end),
            })
            .collect();
        let text = Some(text.split_whitespace().collect::<Vec<_>>().join(" "));
        conllu::write(&[conllu::Sentence {
            id,
            text,
            genre: None,
            words,
        }])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `text` with the shipped model and compares (word, lemma, UPOS, head, relation) rows.
    fn check(text: &str, want: &[(&str, &str, &str, usize, &str)]) {
        let m = model().expect("the embedded model loads");
        let p = parse(m, text);
        let got: Vec<(&str, &str, &str, usize, &str)> = p
            .words
            .iter()
            .map(|w| (w.form, w.lemma.as_str(), w.upos, w.head, w.deprel))
            .collect();
        assert_eq!(got, want, "{text}");
        for w in &p.words {
            assert_eq!(&text[w.start..w.end], w.form);
        }
    }

    #[test]
    fn subject_object_compound() {
        check(
            "Russia rejected the US plan.",
            &[
                ("Russia", "Russia", "PROPN", 2, "nsubj"),
                ("rejected", "reject", "VERB", 0, "root"),
                ("the", "the", "DET", 5, "det"),
                ("US", "US", "PROPN", 5, "compound"),
                ("plan", "plan", "NOUN", 2, "obj"),
                (".", ".", "PUNCT", 2, "punct"),
            ],
        );
    }

    #[test]
    fn passive_with_agent() {
        check(
            "Ukraine was attacked by Russia.",
            &[
                ("Ukraine", "Ukraine", "PROPN", 3, "nsubj:pass"),
                ("was", "be", "AUX", 3, "aux:pass"),
                ("attacked", "attack", "VERB", 0, "root"),
                ("by", "by", "ADP", 5, "case"),
                ("Russia", "Russia", "PROPN", 3, "obl:agent"),
                (".", ".", "PUNCT", 3, "punct"),
            ],
        );
    }

    #[test]
    fn object_control() {
        check(
            "Zelensky urged European leaders to send more weapons.",
            &[
                ("Zelensky", "Zelensky", "PROPN", 2, "nsubj"),
                ("urged", "urge", "VERB", 0, "root"),
                ("European", "European", "ADJ", 4, "amod"),
                ("leaders", "leader", "NOUN", 2, "obj"),
                ("to", "to", "PART", 6, "mark"),
                ("send", "send", "VERB", 2, "xcomp"),
                ("more", "more", "ADJ", 8, "amod"),
                ("weapons", "weapon", "NOUN", 6, "obj"),
                (".", ".", "PUNCT", 2, "punct"),
            ],
        );
    }

    #[test]
    fn possessive_and_curly_apostrophe() {
        check(
            "Putin\u{2019}s envoy met Witkoff.",
            &[
                ("Putin", "Putin", "PROPN", 3, "nmod:poss"),
                ("\u{2019}s", "'s", "PART", 1, "case"),
                ("envoy", "envoy", "NOUN", 4, "nsubj"),
                ("met", "meet", "VERB", 0, "root"),
                ("Witkoff", "Witkoff", "PROPN", 4, "obj"),
                (".", ".", "PUNCT", 4, "punct"),
            ],
        );
    }

    #[test]
    fn empty_and_odd_text_parse_without_panicking() {
        let m = model().expect("the embedded model loads");
        assert!(parse(m, "").words.is_empty());
        assert!(parse(m, "   \n\t").words.is_empty());
        let odd = "\u{200b}\u{feff}???!!! \u{1F600} ,,, -- ... ''";
        let p = parse(m, odd);
        assert_eq!(p.words.iter().filter(|w| w.head == 0).count(), 1, "one root");
        let long = "Russia and Ukraine , ".repeat(500);
        let p = parse(m, &long);
        assert_eq!(p.words.len(), 2000);
        assert!(p.words.iter().all(|w| w.head <= p.words.len()));
    }
}
