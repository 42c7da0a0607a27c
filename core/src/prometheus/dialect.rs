//! Which query language the Prometheus-compatible backend speaks, where the console's queries
//! would mean different things in it.

#[cfg(test)]
mod tests;

use crate::http::error::ApiError;
use crate::prometheus::model::BuildInfo;

/// PromQL (Prometheus and the servers built on its engine) or MetricsQL (VictoriaMetrics).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    PromQl,
    MetricsQl,
}

impl Dialect {
    /// The dialect `/api/v1/status/buildinfo` shows, a request both backends answer with
    /// success. Prometheus (and the servers sharing its engine and version package) report
    /// their build there, Go version included; VictoriaMetrics answers a stub without one,
    /// `data: {}` or, in newer releases, a made-up `{"version": "2.24.0"}` for Grafana. Refused
    /// outright (an API error or a 4xx), it is no VictoriaMetrics either, which serves the
    /// endpoint; without an answer (unreachable, a 5xx, a broken body) it is not known yet.
    pub fn from_build_info(answer: Result<&BuildInfo, &ApiError>) -> Option<Dialect> {
        match answer {
            Ok(info) if info.go_version.is_some() => Some(Dialect::PromQl),
            Ok(_) => Some(Dialect::MetricsQl),
            Err(ApiError::Api { .. }) => Some(Dialect::PromQl),
            Err(ApiError::Http { status, .. }) if (400..500).contains(status) => {
                Some(Dialect::PromQl)
            }
            Err(_) => None,
        }
    }

    /// The function that counts value changes in a range as PromQL's `changes` does. MetricsQL's
    /// `changes` also counts the first sample of a series that begins inside the range (values
    /// a, a, b, b, c: 3 instead of 2), so every group younger than the range would get too short
    /// an expected interval — half of it after two pushes.
    pub fn changes(self) -> &'static str {
        match self {
            Dialect::PromQl => "changes",
            Dialect::MetricsQl => "changes_prometheus",
        }
    }
}
