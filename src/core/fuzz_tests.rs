//! Property-based fuzzing of the pure parsers with proptest: no input may panic them, and the
//! URL state and grouping-key paths keep their promises. See docs/fuzzing.md for the long run.
#![cfg(not(target_arch = "wasm32"))]

#[path = "fuzz/bytes.rs"]
mod bytes;
#[path = "fuzz/corpus.rs"]
mod corpus;
#[path = "fuzz/envelope.rs"]
mod envelope;
#[path = "fuzz/gateway.rs"]
mod gateway;
#[path = "fuzz/grouping_key.rs"]
mod grouping_key;
#[path = "fuzz/harness.rs"]
mod harness;
#[path = "fuzz/json.rs"]
pub(crate) mod json;
#[path = "fuzz/mutate.rs"]
mod mutate;
#[path = "fuzz/prometheus.rs"]
mod prometheus;
#[path = "fuzz/settings.rs"]
mod settings;
#[path = "fuzz/times.rs"]
mod times;
#[path = "fuzz/url_state.rs"]
mod url_state;
