//! Writers for the graph: each turns a `GraphFile` into a format other tools read.

pub mod dot;
