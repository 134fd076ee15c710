//! actorgraph: rule-driven extraction of political actors and the relations
//! between them from news text, merged into one evidence-keeping graph.
//!
//! Pipeline, one module per stage in the order data flows:
//! `ingest` -> `rules` -> `extract` -> `graph` -> `export`; `graphfile` is the
//! stable on-disk schema that `eval`, `query` and the exporters read.

pub mod commands;
pub mod export;
pub mod filter;
pub mod fsutil;
pub mod graphfile;
pub mod view;
