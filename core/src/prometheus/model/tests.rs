//! Parsing of captured Prometheus 2.42 answers and of broken shapes.

use super::*;
use crate::http::de::raw;
use crate::http::envelope::decode_answer;
use crate::http::error::{ApiError, Backend};
use serde_json::value::RawValue;
use serde_json::{json, Value};

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../../../tests/fixtures/prometheus/", $name))
    };
}

fn decode<T>(body: &str, parse: impl FnOnce(&RawValue) -> Result<T, String>) -> T {
    decode_answer(
        Backend::Prometheus,
        200,
        Some("application/json"),
        body,
        parse,
    )
    .unwrap()
    .data
}

fn vector(body: &str) -> Vec<InstantSeries> {
    match decode(body, parse_query_result) {
        QueryResult::Vector(v) => v,
        other => panic!("{other:?}"),
    }
}

fn matrix(body: &str) -> Vec<RangeSeries> {
    match decode(body, parse_query_result) {
        QueryResult::Matrix(m) => m,
        other => panic!("{other:?}"),
    }
}

#[test]
fn vector_results() {
    let v = vector(fixture!("query_vector.json"));
    assert!(v.len() >= 7);
    let nightly = v
        .iter()
        .find(|s| s.metric["job"] == "u/admin/nightly")
        .unwrap();
    assert_eq!(nightly.metric["__name__"], "push_time_seconds");
    assert!(nightly.value.0 > 1.7e9 && nightly.value.1 > 1.7e9);
    assert!(vector(fixture!("query_vector_empty.json")).is_empty());
}

#[test]
fn vector_nan_and_infinities() {
    let v = vector(fixture!("query_vector_odd_values.json"));
    let by_kind = |k: &str| v.iter().find(|s| s.metric["kind"] == k).unwrap().value.1;
    assert!(by_kind("nan").is_nan());
    assert_eq!(by_kind("pinf"), f64::INFINITY);
    assert_eq!(by_kind("ninf"), f64::NEG_INFINITY);
    assert_eq!(by_kind("big"), 1.7e9);
    assert_eq!(by_kind("tiny"), -1.5e-12);
}

#[test]
fn matrix_results() {
    let m = matrix(fixture!("query_matrix.json"));
    assert_eq!(m.len(), 3);
    assert_eq!(m[0].values.len(), 5);
    assert!(m[0].values.windows(2).all(|w| w[1].0 - w[0].0 == 1.0));
    assert!(m.iter().any(|s| s.values.iter().all(|v| v.1.is_nan())));
    let instant = matrix(fixture!("query_matrix_instant.json"));
    assert_eq!(instant[0].metric["job"], "pushgateway");
    assert!(instant[0].values.iter().all(|v| v.1 == 1.0));
}

#[test]
fn scalar_and_string_results() {
    match decode(fixture!("query_scalar.json"), parse_query_result) {
        QueryResult::Scalar(t, v) => assert!(t > 1.7e9 && v == 2.5),
        other => panic!("{other:?}"),
    }
    match decode(fixture!("query_scalar_nan.json"), parse_query_result) {
        QueryResult::Scalar(_, v) => assert!(v.is_nan()),
        other => panic!("{other:?}"),
    }
    match decode(fixture!("query_string.json"), parse_query_result) {
        QueryResult::String(_, s) => assert_eq!(s, "hello \"world\""),
        other => panic!("{other:?}"),
    }
}

#[test]
fn label_lists_and_series() {
    let jobs = decode(fixture!("label_job_values.json"), parse_string_list);
    assert!(jobs.contains(&"u/admin/nightly".to_owned()));
    assert!(decode(fixture!("labels.json"), parse_string_list).contains(&"__name__".to_owned()));
    assert!(decode(fixture!("label_values_empty.json"), parse_string_list).is_empty());
    let series = decode(fixture!("series.json"), parse_series);
    assert!(series.iter().all(|s| s["__name__"] == "push_time_seconds"));
    assert!(
        series.iter().any(|s| !s.contains_key("instance")),
        "a group pushed without instance"
    );
    assert!(decode(fixture!("series_empty.json"), parse_series).is_empty());
}

#[test]
fn targets_with_intervals() {
    let t = decode(fixture!("targets.json"), parse_targets);
    assert_eq!(t.len(), 2);
    let dead = t.iter().find(|t| t.scrape_pool == "deadtarget").unwrap();
    assert_eq!(
        (dead.health.as_str(), dead.scrape_interval),
        ("down", Some(90.0))
    );
    assert!(dead.last_error.contains("connection refused"));
    let gw = t.iter().find(|t| t.scrape_pool == "pushgateway").unwrap();
    assert_eq!((gw.health.as_str(), gw.scrape_interval), ("up", Some(1.0)));
    assert_eq!(gw.scrape_url, "http://127.0.0.1:29091/metrics");
    assert_eq!(gw.labels["job"], "pushgateway");
    assert!(gw.last_scrape_duration > 0.0 && gw.last_scrape.starts_with("20"));
}

#[test]
fn targets_lenient_where_servers_differ() {
    let t = parse_targets(&raw(json!({"activeTargets": [
        {"scrapeUrl": "u", "labels": {}, "health": "unknown"}]})))
    .unwrap();
    assert_eq!(
        (t[0].scrape_interval, t[0].last_scrape_duration),
        (None, 0.0)
    );
    assert!(parse_targets(&raw(json!({}))).unwrap().is_empty());
    assert!(parse_targets(&raw(json!({"activeTargets": null})))
        .unwrap()
        .is_empty());
}

#[test]
fn buildinfo() {
    let info = decode(fixture!("buildinfo.json"), parse_buildinfo);
    assert_eq!(info.version, "2.42.0+ds");
    assert_eq!(info.go_version.as_deref(), Some("go1.19.8"));
}

#[test]
fn error_fixtures_never_reach_the_parsers() {
    for (status, body) in [
        (400, fixture!("error_bad_data_400.json")),
        (400, fixture!("error_too_many_points_400.json")),
        (422, fixture!("error_execution_422.json")),
        (503, fixture!("error_timeout_503.json")),
    ] {
        let r = decode_answer(
            Backend::Prometheus,
            status,
            Some("application/json"),
            body,
            |_| -> Result<(), String> { panic!("parser called for an error") },
        );
        assert!(matches!(r, Err(ApiError::Api { .. })), "{r:?}");
    }
    let r = decode_answer(
        Backend::Prometheus,
        404,
        Some("text/plain; charset=utf-8"),
        fixture!("not_found_404.txt"),
        parse_string_list,
    );
    assert_eq!(
        r,
        Err(ApiError::Http {
            backend: Backend::Prometheus,
            status: 404,
            body_excerpt: "404 page not found".into()
        })
    );
}

/// Each hand-made case names a parser, the data, and a substring of the expected error.
#[test]
fn wrong_shapes_are_errors() {
    /// `data` as written (its key order matters: `resultType` comes first in real answers).
    #[derive(serde::Deserialize)]
    struct Case {
        parser: String,
        data: Box<RawValue>,
        error_contains: String,
    }
    let cases: Vec<Case> = serde_json::from_str(include_str!(
        "../../../../tests/fixtures/handmade/prometheus_wrong_shapes.json"
    ))
    .unwrap();
    for case in &cases {
        let data = &case.data;
        let err = match case.parser.as_str() {
            "query" => parse_query_result(data).map(|_| ()),
            "strings" => parse_string_list(data).map(|_| ()),
            "series" => parse_series(data).map(|_| ()),
            "targets" => parse_targets(data).map(|_| ()),
            "buildinfo" => parse_buildinfo(data).map(|_| ()),
            other => panic!("unknown parser {other}"),
        }
        .expect_err(data.get());
        let want = &case.error_contains;
        assert!(err.contains(want), "{data} -> {err} (wanted {want})");
    }
}

#[test]
fn numbers_instead_of_strings_are_accepted() {
    let data = json!({"resultType": "vector", "result": [{"metric": {}, "value": [1, 2]}]});
    assert_eq!(
        parse_query_result(&raw(data)).unwrap(),
        QueryResult::Vector(vec![InstantSeries {
            metric: Labels::new(),
            value: (1.0, 2.0)
        }])
    );
}

#[test]
fn huge_matrix_does_not_panic() {
    let values: Vec<Value> = (0..11_000).map(|i| json!([i, "+Inf"])).collect();
    let data =
        json!({"resultType": "matrix", "result": [{"metric": {"a": "b"}, "values": values}]});
    match parse_query_result(&raw(data)).unwrap() {
        QueryResult::Matrix(m) => assert_eq!(m[0].values.len(), 11_000),
        other => panic!("{other:?}"),
    }
}

#[test]
fn buildinfo_without_a_version_is_still_an_answer() {
    // VictoriaMetrics (Debian 1.79) answers {"status":"success","data":{}}.
    let info = parse_buildinfo(&raw(json!({}))).unwrap();
    assert_eq!(info.version, "(version not reported)");
    assert_eq!(info.go_version, None);
}
