//! Unit tests of `crate::prometheus::dialect`.

use super::*;
use crate::http::envelope::decode_answer;
use crate::http::error::Backend;
use crate::prometheus::model::parse_buildinfo;

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
    let prometheus = include_str!("../../../../tests/fixtures/prometheus/buildinfo.json");
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
