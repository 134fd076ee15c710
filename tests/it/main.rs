//! One integration test binary: runs the real CLI on real files in temp dirs
//! and checks the outputs with their real consumers.

mod authoring;
mod bad_input;
mod build;
mod cli;
mod consumers;
mod docs;
mod eval;
mod examples;
mod export;
mod fuzz;
mod query;
mod reading;
mod scale;
mod stdio;
mod support;
mod syntax;
mod world;
