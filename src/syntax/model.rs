//! The syntax model: tagger, lemmatizer, parser and labeler in one
//! versioned file (`models/syntax.bin`), and the pipeline that runs them over
//! a tokenized sentence.
//!
//! File layout: the magic bytes `AGSYNTAX`, the format version as a
//! little-endian `u32`, then the bincode encoding of `Model`, compressed
//! with zstd (which unpacks the model in a few tens of milliseconds).

use super::labeler::{Labeler, Tree};
use super::lemma::Lemmatizer;
use super::lexical::Lex;
use super::parser::{Input, Parser};
use super::tagger::Tagger;
use serde::{Deserialize, Serialize};

/// Bumped whenever features or the layout change; a model of another version is refused.
pub const FORMAT_VERSION: u32 = 2;
const MAGIC: &[u8; 8] = b"AGSYNTAX";

/// Why a model file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not an actorgraph syntax model (no AGSYNTAX header)")]
    NotAModel,
    #[error(
        "syntax model format version {found}, but this actorgraph reads version {FORMAT_VERSION}: \
         retrain it with `actorgraph syntax train`"
    )]
    Version { found: u32 },
    #[error("corrupt syntax model: {0}")]
    Corrupt(String),
}

/// What the model was trained on and with, kept in the file for `syntax info`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Provenance {
    pub treebanks: Vec<String>,
    pub seed: u64,
    pub epochs: (usize, usize, usize),
}

#[derive(Default, Serialize, Deserialize)]
pub struct Model {
    pub provenance: Provenance,
    pub tagger: Tagger,
    pub lemmatizer: Lemmatizer,
    pub parser: Parser,
    pub labeler: Labeler,
    /// Per tag class: is it a function-word class (the labeler's children features).
    pub function: Vec<bool>,
}

/// One analyzed word: tag class, lemma, head (1-based, 0 = root), label class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Analysis {
    pub tag: u16,
    pub lemma: String,
    pub head: u32,
    pub label: u16,
}

/// A sentence tagged and lemmatized, not yet parsed (`Model::tag_names`).
#[derive(Default)]
pub struct Tagged {
    lex: Vec<Lex>,
    pub tags: Vec<u16>,
    pub lemmas: Vec<String>,
}

impl Model {
    /// Tags, lemmatizes, parses and labels one tokenized sentence.
    pub fn analyze(&self, forms: &[&str]) -> Vec<Analysis> {
        self.analyze_names(forms, &[])
    }

    /// As `analyze`, with the words where `names[i]` holds tagged as proper nouns (NNP): the
    /// caller knows them as names, which the treebanks mostly do not.
    pub fn analyze_names(&self, forms: &[&str], names: &[bool]) -> Vec<Analysis> {
        self.parse_tagged(self.tag_names(forms, names))
    }

    /// The first half of `analyze_names`: tags and lemmas, no tree yet.
    pub fn tag_names(&self, forms: &[&str], names: &[bool]) -> Tagged {
        if forms.is_empty() {
            return Tagged::default();
        }
        let lex: Vec<Lex> = forms.iter().map(|f| Lex::of(f)).collect();
        let proper = self.tagger.tags.iter().position(|t| t.0 == "PROPN" && t.1 == "NNP");
        let fixed: Vec<Option<u16>> = names
            .iter()
            .map(|&n| if n { proper.map(|p| p as u16) } else { None })
            .collect();
        let tags = self.tagger.tag_fixed(&lex, &fixed);
        let lemmas = forms
            .iter()
            .zip(&tags)
            .map(|(f, &t)| self.lemmatizer.lemma(f, t))
            .collect();
        Tagged { lex, tags, lemmas }
    }

    /// The second half of `analyze_names`: the tree over a tagged sentence.
    pub fn parse_tagged(&self, tagged: Tagged) -> Vec<Analysis> {
        let Tagged { lex, tags, lemmas } = tagged;
        if lex.is_empty() {
            return Vec::new();
        }
        let heads = self.parser.parse(&Input { lex: &lex, tags: &tags });
        let labels = self.labeler.label(&Tree {
            lex: &lex,
            tags: &tags,
            heads: &heads,
            function: &self.function,
        });
        lemmas
            .into_iter()
            .zip(tags.iter().zip(heads.iter().zip(labels)))
            .map(|(lemma, (&tag, (&head, label)))| Analysis {
                tag,
                lemma,
                head,
                label,
            })
            .collect()
    }

    pub fn upos(&self, tag: u16) -> &str {
        self.tagger.tags.get(tag as usize).map_or("X", |t| t.0.as_str())
    }

    pub fn xpos(&self, tag: u16) -> &str {
        self.tagger.tags.get(tag as usize).map_or("_", |t| t.1.as_str())
    }

    pub fn deprel(&self, label: u16) -> &str {
        self.labeler.labels.get(label as usize).map_or("dep", String::as_str)
    }

    /// Bytes the loaded model takes in memory (weights, tables, lexicon).
    pub fn memory(&self) -> usize {
        self.tagger.memory() + self.parser.memory() + self.labeler.memory() + self.lemmatizer.memory()
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let body = bincode::serialize(self).expect("a model serializes");
        let mut out = MAGIC.to_vec();
        out.extend(FORMAT_VERSION.to_le_bytes());
        out.extend(zstd::bulk::compress(&body, 19).expect("compressing in memory"));
        out
    }

    /// Reads a model file, refusing another format version.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or(ModelError::NotAModel)?;
        let (version, body) = rest.split_at_checked(4).ok_or(ModelError::NotAModel)?;
        let found = u32::from_le_bytes(version.try_into().expect("four bytes"));
        if found != FORMAT_VERSION {
            return Err(ModelError::Version { found });
        }
        // Decoded as a stream straight into the model's vectors: no copy of the whole.
        let z = zstd::stream::read::Decoder::new(body).map_err(|e| ModelError::Corrupt(e.to_string()))?;
        let z = std::io::BufReader::with_capacity(1 << 20, z);
        let mut m: Model = bincode::deserialize_from(z).map_err(|e| ModelError::Corrupt(e.to_string()))?;
        m.tagger.rebuild();
        m.lemmatizer.rebuild();
        Ok(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_other_versions_and_other_files() {
        let mut bytes = Model::default().to_bytes();
        assert!(Model::from_bytes(&bytes).is_ok());
        bytes[8] = 99;
        assert_eq!(
            Model::from_bytes(&bytes).err().map(|e| e.to_string()),
            Some(
                "syntax model format version 99, but this actorgraph reads version 2: \
                 retrain it with `actorgraph syntax train`"
                    .to_string()
            )
        );
        assert!(matches!(Model::from_bytes(b"PK\x03\x04"), Err(ModelError::NotAModel)));
        let mut cut = Model::default().to_bytes();
        cut.truncate(14);
        assert!(matches!(Model::from_bytes(&cut), Err(ModelError::Corrupt(_))));
    }
}
