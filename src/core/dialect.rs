//! Which query language the Prometheus-compatible backend speaks, where the console's queries
//! would mean different things in it.

use super::error::ApiError;
use super::model::prometheus::BuildInfo;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::envelope::decode_answer;
    use crate::core::error::Backend;
    use crate::core::model::prometheus::parse_buildinfo;

    /// The answers as the two servers send them (Debian's Prometheus 2.42, victoria-metrics).
    fn from_body(body: &str) -> Option<Dialect> {
        let answer = decode_answer(
            Backend::Prometheus,
            200,
            Some("application/json"),
            body,
            parse_buildinfo,
        )
        .map(|a| a.data);
        Dialect::from_build_info(answer.as_ref())
    }

    #[test]
    fn prometheus_build_info_means_promql_a_stub_metricsql() {
        let prometheus = include_str!("../../tests/fixtures/prometheus/buildinfo.json");
        assert_eq!(from_body(prometheus), Some(Dialect::PromQl));
        // VictoriaMetrics 1.79 (Debian's), and newer ones (app/vmselect/main.go, its issue 5370).
        for stub in [
            r#"{"status":"success","data":{}}"#,
            r#"{"status":"success","data":{"version":"2.24.0"}}"#,
        ] {
            assert_eq!(from_body(stub), Some(Dialect::MetricsQl), "{stub}");
        }
    }

    #[test]
    fn a_refused_request_means_promql() {
        let refused = [
            ApiError::Api {
                backend: Backend::Prometheus,
                error_type: "not_found".into(),
                message: "".into(),
            },
            ApiError::Http {
                backend: Backend::Prometheus,
                status: 404,
                body_excerpt: "404 page not found".into(),
            },
        ];
        for error in &refused {
            assert_eq!(
                Dialect::from_build_info(Err(error)),
                Some(Dialect::PromQl),
                "{error:?}"
            );
        }
    }

    #[test]
    fn without_an_answer_the_dialect_stays_unknown() {
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
            assert_eq!(Dialect::from_build_info(Err(error)), None, "{error:?}");
        }
    }

    #[test]
    fn each_dialect_counts_changes_the_promql_way() {
        assert_eq!(Dialect::PromQl.changes(), "changes");
        assert_eq!(Dialect::MetricsQl.changes(), "changes_prometheus");
    }
}
