//! One integration test binary: runs the real CLI on real files in temp dirs.

mod authoring;
mod build;
mod consumers;
mod eval;
mod scale;
mod support;
mod world;
