//! Prometheus-compatible backends: answer models, PromQL building and escaping, the query
//! dialect (PromQL or MetricsQL), and sample values as Prometheus writes them.

pub mod dialect;
pub mod model;
pub mod promql;
pub mod value_format;
