//! Which query language the Prometheus-compatible backend speaks, where the console's queries
//! would mean different things in it.

use super::error::ApiError;

/// PromQL (Prometheus and the servers built on its engine) or MetricsQL (VictoriaMetrics).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    PromQl,
    MetricsQl,
}

/// A query only MetricsQL parses (`changes_prometheus` is MetricsQL's own function); Prometheus
/// answers 400 bad_data "unknown function". No series has the name, so it costs nothing.
pub const PROBE_EXPR: &str = "changes_prometheus(gatewatch_dialect_probe[1m])";

impl Dialect {
    /// The dialect the probe's outcome shows: answered, MetricsQL; refused by the API (PromQL's
    /// parser does not know the function), PromQL; no API answer at all, not known yet.
    pub fn from_probe(error: Option<&ApiError>) -> Option<Dialect> {
        match error {
            None => Some(Dialect::MetricsQl),
            Some(ApiError::Api { .. }) => Some(Dialect::PromQl),
            Some(_) => None,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::Backend;

    #[test]
    fn an_answered_probe_means_metricsql_a_refused_one_promql() {
        assert_eq!(Dialect::from_probe(None), Some(Dialect::MetricsQl));
        let refused = ApiError::Api {
            backend: Backend::Prometheus,
            error_type: "bad_data".into(),
            message: "parse error: unknown function with name \"changes_prometheus\"".into(),
        };
        assert_eq!(Dialect::from_probe(Some(&refused)), Some(Dialect::PromQl));
    }

    #[test]
    fn without_an_api_answer_the_dialect_stays_unknown() {
        let errors = [
            ApiError::Unreachable {
                backend: Backend::Prometheus,
                detail: "connection refused".into(),
            },
            ApiError::Http {
                backend: Backend::Prometheus,
                status: 502,
                body_excerpt: "<html>Bad Gateway</html>".into(),
            },
            ApiError::Malformed {
                backend: Backend::Prometheus,
                detail: "cut off".into(),
            },
        ];
        for error in &errors {
            assert_eq!(Dialect::from_probe(Some(error)), None, "{error:?}");
        }
    }

    #[test]
    fn each_dialect_counts_changes_the_promql_way() {
        assert_eq!(Dialect::PromQl.changes(), "changes");
        assert_eq!(Dialect::MetricsQl.changes(), "changes_prometheus");
        assert!(PROBE_EXPR.starts_with(Dialect::MetricsQl.changes()));
    }
}
