//! Typed models of what the Pushgateway and Prometheus HTTP APIs answer, and their parsers.

pub mod gateway;
pub(crate) mod json;
pub mod prometheus;

pub use json::parse_sample_value;
