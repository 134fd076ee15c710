//! actorgraph: rule-driven extraction of political actors and the relations
//! between them from news text, merged into one evidence-keeping graph.
//!
//! Pipeline, one module per stage in the order data flows:
//! `ingest` -> `rules` -> `reading` -> `graph` -> `export`; `graphfile` is the
//! stable on-disk schema that `eval`, `query` and the exporters read.

pub mod commands;
pub mod dedupe;
pub mod eval;
pub mod export;
pub mod filter;
pub mod fsutil;
pub mod fuzzing;
pub mod gaps;
pub mod graph;
pub mod graphfile;
pub mod ingest;
pub mod patterns;
pub mod picture;
pub mod pipeline;
pub mod query;
pub mod reading;
pub mod rules;
pub mod ruletest;
pub mod stream;
pub mod syntax;
pub mod view;
