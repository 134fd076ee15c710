//! One integration test binary: runs the real CLI on real files in temp dirs.

mod build;
mod support;
