//! The integration test binary: runs the real `actorgraph` CLI on files in
//! temp dirs and checks the outputs with their real consumers.

mod export;
