//! Prometheus' HTTP API result types (query, query_range, labels, series, targets, buildinfo)
//! and their parsers; the envelope around them is [`crate::http::envelope`].

#[cfg(test)]
mod tests;

mod parse;

use std::collections::BTreeMap;

pub use crate::http::envelope::Answer;
pub use parse::{
    parse_buildinfo, parse_query_result, parse_series, parse_string_list, parse_targets,
};

pub type Labels = BTreeMap<String, String>;

/// `data` of `/api/v1/query` and `/api/v1/query_range`, by `resultType`.
#[derive(Clone, Debug, PartialEq)]
pub enum QueryResult {
    Vector(Vec<InstantSeries>),
    Matrix(Vec<RangeSeries>),
    /// (unix seconds, value)
    Scalar(f64, f64),
    /// (unix seconds, string)
    String(f64, String),
}

impl QueryResult {
    /// "a vector", "a matrix"…: for messages about an answer of the wrong type.
    pub fn kind(&self) -> &'static str {
        match self {
            QueryResult::Vector(_) => "a vector",
            QueryResult::Matrix(_) => "a matrix",
            QueryResult::Scalar(..) => "a scalar",
            QueryResult::String(..) => "a string",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct InstantSeries {
    pub metric: Labels,
    /// (unix seconds, value); values parsed from strings ("NaN", "+Inf" included).
    pub value: (f64, f64),
}

#[derive(Clone, Debug, PartialEq)]
pub struct RangeSeries {
    pub metric: Labels,
    pub values: Vec<(f64, f64)>,
}

/// One entry of `/api/v1/targets` `activeTargets`.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub scrape_pool: String,
    pub scrape_url: String,
    pub labels: Labels,
    /// "up", "down" or "unknown".
    pub health: String,
    pub last_error: String,
    /// RFC 3339 as sent.
    pub last_scrape: String,
    pub last_scrape_duration: f64,
    /// Seconds, parsed from e.g. "1s", "15s", "1m30s" when present (Prometheus >= 2.39 sends it).
    pub scrape_interval: Option<f64>,
}

/// `/api/v1/status/buildinfo` (the header's version display, and core::dialect).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct BuildInfo {
    /// "2.42.0+ds"; "(version not reported)" where the server leaves it out.
    pub version: String,
    /// The Go release the server was built with, as Prometheus' own build info (and that of
    /// the servers sharing its version package) reports it; VictoriaMetrics answers a stub
    /// without it: `data: {}` (1.79, Debian's) or, newer, `{"version": "2.24.0"}`.
    pub go_version: Option<String>,
}
