//! Typed models of what the Pushgateway and Prometheus HTTP APIs answer, and their parsers.

pub(crate) mod de;
pub mod gateway;
pub mod prometheus;

pub use de::parse_sample_value;

/// A label set from `(name, value)` pairs: the tests' shorthand.
#[cfg(test)]
pub fn labels_from_pairs(pairs: &[(&str, &str)]) -> gateway::Labels {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}
