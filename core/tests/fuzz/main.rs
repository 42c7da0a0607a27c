//! Property-based fuzzing of the pure parsers with proptest: no input may panic them, and the
//! URL state and grouping-key paths keep their promises. See docs/fuzzing.md for the long run.
#![cfg(not(target_arch = "wasm32"))]

mod bytes;
mod corpus;
mod envelope;
mod gateway;
mod grouping_key;
mod harness;
pub(crate) mod json;
mod mutate;
mod prometheus;
mod settings;
mod times;
mod url_state;
