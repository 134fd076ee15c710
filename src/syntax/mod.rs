//! The syntax stage: a sentence in, tokens with byte spans, lemmas, UPOS and
//! XPOS tags and a labeled dependency tree (UD v2 relations) out.
//!
//! Input: the text of one sentence (any `&str`); output: `Parse`. Pure and
//! deterministic: the model is compiled into the binary and read once. This
//! stage knows nothing of actors or relations; the reading stages above it
//! walk its trees.

pub mod tokenize;
