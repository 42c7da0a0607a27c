//! Parsing of captured `/api/v1/metrics` and `/api/v1/status` answers and of broken shapes.

use super::*;
use crate::http::de::raw;
use crate::http::envelope::decode_answer;
use crate::http::error::{ApiError, Backend};
use serde_json::{json, Value};

const METRICS: &str = include_str!("../../../../tests/fixtures/gateway/metrics.json");
const REORDERED: &str = include_str!("../../../../tests/fixtures/gateway/metrics_reordered.json");
const STATUS: &str = include_str!("../../../../tests/fixtures/gateway/status.json");
const EMPTY: &str = include_str!("../../../../tests/fixtures/gateway/metrics_empty.json");
const WRONG_SHAPES: &str =
    include_str!("../../../../tests/fixtures/handmade/gateway_wrong_shapes.json");

fn groups(body: &str) -> Vec<GatewayGroup> {
    decode_answer(
        Backend::Pushgateway,
        200,
        Some("application/json"),
        body,
        parse_groups,
    )
    .unwrap()
    .data
}

fn group<'a>(groups: &'a [GatewayGroup], job: &str) -> &'a GatewayGroup {
    groups
        .iter()
        .find(|g| g.job() == job)
        .unwrap_or_else(|| panic!("no group {job}"))
}

fn single(g: &GatewayGroup, family: &str) -> Vec<f64> {
    g.family(family)
        .unwrap()
        .samples
        .iter()
        .map(|s| match s.value {
            SampleValue::Single(v) => v,
            ref other => panic!("{other:?}"),
        })
        .collect()
}

#[test]
fn groups_are_sorted_whatever_the_gateway_order() {
    let a = groups(METRICS);
    // Debug text, not ==: NaN samples are never equal to themselves.
    assert!(
        format!("{a:?}") == format!("{:?}", groups(REORDERED)),
        "order differs"
    );
    let jobs: Vec<&str> = a.iter().map(GatewayGroup::job).collect();
    let mut sorted = jobs.clone();
    sorted.sort();
    assert_eq!(jobs, sorted);
    assert_eq!(a.len(), 7);
    for g in &a {
        let names: Vec<&str> = g.families.iter().map(|f| f.name.as_str()).collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
    }
}

#[test]
fn every_family_type_parses() {
    let all = groups(METRICS);
    let g = group(&all, "fix_all_types");
    assert_eq!(
        g.labels_display(),
        r#"{job="fix_all_types", instance="host1"}"#
    );
    assert!(g.last_push_successful);
    assert_eq!(
        g.family("fix_rows_processed").unwrap().kind,
        MetricKind::Gauge
    );
    assert_eq!(single(g, "fix_rows_processed"), [1234.5]);
    let runs = g.family("fix_runs_total").unwrap();
    assert_eq!(runs.kind, MetricKind::Counter);
    assert_eq!(runs.help.as_deref(), Some("Runs since deploy."));
    assert_eq!(runs.samples[0].label("result"), Some("ok"));
    let hist = g.family("fix_duration_seconds").unwrap();
    assert_eq!(hist.kind, MetricKind::Histogram);
    assert_eq!(
        hist.samples[0].value,
        SampleValue::Histogram {
            buckets: vec![(0.1, 1.0), (1.0, 2.0), (10.0, 3.0), (f64::INFINITY, 4.0)],
            count: 4.0,
            sum: 55.55
        }
    );
    let summary = g.family("fix_latency_seconds").unwrap();
    assert_eq!(
        summary.samples[0].value,
        SampleValue::Summary {
            quantiles: vec![],
            count: 2.0,
            sum: 1.0
        }
    );
    assert_eq!(g.pushed_families().count(), g.families.len() - 2);
}

#[test]
fn nan_and_infinities_parse() {
    let all = groups(METRICS);
    let odd = single(group(&all, "fix_all_types"), "fix_odd_values");
    assert!(odd[0].is_nan());
    assert_eq!(
        odd[1..],
        [f64::INFINITY, f64::NEG_INFINITY, 1.7e9, -1.5e-12]
    );
    let text = group(&all, "fix_text");
    match &text.family("fix_rpc_seconds").unwrap().samples[0].value {
        SampleValue::Summary {
            quantiles,
            count,
            sum,
        } => {
            assert_eq!(
                quantiles.iter().map(|q| q.0).collect::<Vec<_>>(),
                [0.5, 0.9, 0.99]
            );
            assert!(quantiles[2].1.is_nan());
            assert_eq!((*count, *sum), (250.0, 17.5));
        }
        other => panic!("{other:?}"),
    }
    match &text.family("fix_size_bytes").unwrap().samples[0].value {
        SampleValue::Histogram { buckets, sum, .. } => {
            assert_eq!(buckets[1].0, 1_048_576.0);
            assert!(sum.is_nan());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn family_without_help_and_untyped() {
    let all = groups(METRICS);
    let f = group(&all, "fix_plain").family("fix_no_help").unwrap();
    assert_eq!((f.help.as_deref(), &f.kind), (None, &MetricKind::Untyped));
    assert!(f.time_stamp.as_deref().unwrap().starts_with("20"));
    let quoted = group(&all, "fix_plain")
        .family("fix_untyped_with_labels")
        .unwrap();
    assert_eq!(quoted.samples[0].label("quote"), Some("say \"hi\""));
    assert!(quoted.samples[0]
        .labels_display()
        .contains(r#"quote="say \"hi\"""#));
}

#[test]
fn push_times_and_failures() {
    let all = groups(METRICS);
    let ok = group(&all, "fix_conflict_owner");
    assert!(ok.push_time.unwrap() > 1.7e9);
    assert_eq!(ok.push_failure_time, None, "0 means never failed");
    let failed = group(&all, "fix_failed_later");
    assert!(!failed.last_push_successful);
    assert!(failed.push_failure_time.unwrap() > failed.push_time.unwrap());
    // Gateway 1.5.1 sends push_time_seconds = 0 for a group whose first push failed.
    let never = group(&all, "fix_never_succeeded");
    assert_eq!((never.push_time, never.last_push_successful), (None, false));
    assert!(never.push_failure_time.is_some());
    assert!(never.pushed_families().next().is_none());
}

#[test]
fn slash_job_and_empty_label_keep_their_key() {
    let all = groups(METRICS);
    let g = group(&all, "u/admin/nightly");
    assert_eq!(
        g.labels_display(),
        r#"{job="u/admin/nightly", instance=""}"#
    );
    let key = g.key().unwrap();
    assert_eq!(
        key.path(),
        "/metrics/job@base64/dS9hZG1pbi9uaWdodGx5/instance@base64/="
    );
}

#[test]
fn job_is_empty_when_absent() {
    let g = &parse_groups(&raw(json!([{"labels": {}, "last_push_successful": true}]))).unwrap()[0];
    assert_eq!(g.job(), "");
    assert_eq!(g.labels_display(), "{}");
    assert!(g.key().is_err());
}

#[test]
fn missing_push_time_family_means_never() {
    let g = &parse_groups(&raw(
        json!([{"labels": {"job": "j"}, "last_push_successful": false}]),
    ))
    .unwrap()[0];
    assert_eq!((g.push_time, g.push_failure_time), (None, None));
}

#[test]
fn empty_gateway() {
    assert!(groups(EMPTY).is_empty());
}

#[test]
fn status_parses() {
    let s = decode_answer(
        Backend::Pushgateway,
        200,
        Some("application/json"),
        STATUS,
        parse_status,
    )
    .unwrap()
    .data;
    assert_eq!(s.version.as_deref(), Some("1.5.1"));
    assert!(s.start_time.unwrap().starts_with("20"));
    assert_eq!(s.flags["push.disable-consistency-check"], "false");
    assert_eq!(
        parse_status(&raw(json!({}))).unwrap(),
        GatewayStatus::default()
    );
    assert!(parse_status(&raw(json!(null))).is_err());
    assert!(parse_status(&raw(json!({"build_information": {"version": 1}}))).is_err());
    assert!(parse_status(&raw(json!({"flags": {"a": true}}))).is_err());
}

#[test]
fn type_strings() {
    assert_eq!(MetricKind::from_type_str("GAUGE"), MetricKind::Gauge);
    assert_eq!(MetricKind::from_type_str("unknown"), MetricKind::Untyped);
    let odd = MetricKind::from_type_str("GAUGE_HISTOGRAM");
    assert_eq!(odd, MetricKind::Other("GAUGE_HISTOGRAM".into()));
    assert_eq!(odd.as_str(), "GAUGE_HISTOGRAM");
}

/// Each hand-made case must fail with an error naming the problem, never panic.
#[test]
fn wrong_shapes_are_errors() {
    #[derive(serde::Deserialize)]
    struct Case {
        data: Box<serde_json::value::RawValue>,
        error_contains: String,
    }
    let cases: Vec<Case> = serde_json::from_str(WRONG_SHAPES).unwrap();
    for case in &cases {
        let err = parse_groups(&case.data).expect_err(case.data.get());
        let want = &case.error_contains;
        assert!(err.contains(want), "{} -> {err} (wanted {want})", case.data);
    }
}

#[test]
fn numbers_instead_of_strings_are_accepted() {
    let data = json!([{"labels": {"job": "j"}, "last_push_successful": true,
        "x": {"type": "GAUGE", "metrics": [{"labels": {}, "value": 3}]}}]);
    assert_eq!(single(&parse_groups(&raw(data)).unwrap()[0], "x"), [3.0]);
}

#[test]
fn huge_group_does_not_panic() {
    let samples: Vec<Value> = (0..20_000)
        .map(|i| json!({"labels": {"i": i.to_string()}, "value": "1e308"}))
        .collect();
    let data = json!([{"labels": {"job": "x".repeat(100_000)}, "last_push_successful": true,
        "big": {"type": "GAUGE", "metrics": samples}}]);
    let g = &parse_groups(&raw(data)).unwrap()[0];
    assert_eq!(g.families[0].samples.len(), 20_000);
}

#[test]
fn the_list_read_in_one_pass_is_the_list_read_in_two() {
    for body in [METRICS, REORDERED, EMPTY] {
        let one = decode_groups(200, Some("application/json"), body).unwrap();
        assert_eq!(format!("{one:?}"), format!("{:?}", groups(body)));
    }
    // Not a success: the error is the one the two passes name.
    let cut = &METRICS[..METRICS.len() / 2];
    let error = decode_groups(200, Some("application/json"), cut).unwrap_err();
    assert!(error.to_string().contains("cut off"), "{error}");
    let api = r#"{"status":"error","errorType":"unavailable","error":"gateway is starting"}"#;
    let error = decode_groups(503, Some("application/json"), api).unwrap_err();
    assert!(
        matches!(&error, ApiError::Api { message, .. } if message == "gateway is starting"),
        "{error:?}"
    );
    let data = r#"{"status":"success","data":[{"labels":{"job":"x"}}]}"#;
    let error = decode_groups(200, Some("application/json"), data).unwrap_err();
    assert!(
        error.to_string().contains(
            "data near `[{\"labels\":{\"job\":\"x\"}}`: missing field `last_push_successful`"
        ),
        "{error}"
    );
}
