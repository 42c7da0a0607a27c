//! Inputs for the parser targets: arbitrary JSON with the APIs' own keys and awkward strings, and
//! the captured fixtures (mutated by `mutate`).

use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Number, Value};

/// Which parsers a fixture belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Gateway,
    Prometheus,
    /// Non-JSON answers: error texts, nginx pages.
    Text,
}

macro_rules! fixtures {
    ($($source:ident $path:literal),* $(,)?) => {
        &[$((Source::$source, $path, include_str!(concat!("../../../tests/fixtures/", $path)))),*]
    };
}

/// Every captured or hand-made answer under tests/fixtures (the 83 KB grouping-key round trip
/// is left out: it is not an API answer and would only slow every case down).
pub const FIXTURES: &[(Source, &str, &str)] = fixtures![
    Gateway "gateway/metrics.json",
    Gateway "gateway/metrics_reordered.json",
    Gateway "gateway/metrics_empty.json",
    Gateway "gateway/status.json",
    Gateway "handmade/gateway_wrong_shapes.json",
    Text "gateway/not_found_404.txt",
    Text "gateway/push_conflict_400.txt",
    Text "gateway/push_empty_job_400.txt",
    Prometheus "prometheus/buildinfo.json",
    Prometheus "prometheus/error_bad_data_400.json",
    Prometheus "prometheus/error_execution_422.json",
    Prometheus "prometheus/error_timeout_503.json",
    Prometheus "prometheus/error_too_many_points_400.json",
    Prometheus "prometheus/label_job_values.json",
    Prometheus "prometheus/label_values_empty.json",
    Prometheus "prometheus/labels.json",
    Prometheus "prometheus/query_matrix.json",
    Prometheus "prometheus/query_matrix_instant.json",
    Prometheus "prometheus/query_scalar.json",
    Prometheus "prometheus/query_scalar_nan.json",
    Prometheus "prometheus/query_string.json",
    Prometheus "prometheus/query_vector.json",
    Prometheus "prometheus/query_vector_empty.json",
    Prometheus "prometheus/query_vector_escaped_labels.json",
    Prometheus "prometheus/query_vector_odd_values.json",
    Prometheus "prometheus/series.json",
    Prometheus "prometheus/series_empty.json",
    Prometheus "prometheus/targets.json",
    Prometheus "handmade/prometheus_wrong_shapes.json",
    Prometheus "handmade/truncated.json",
    Prometheus "handmade/warnings_infos.json",
    Text "prometheus/not_found_404.txt",
    Text "prometheus/starting_503.txt",
    Text "nginx/bad_gateway_502.html",
    Text "nginx/gateway_timeout_504.html",
];

/// The fixtures of one source, as indices into [`FIXTURES`].
pub fn fixtures_of(source: Source) -> Vec<usize> {
    (0..FIXTURES.len())
        .filter(|&i| FIXTURES[i].0 == source)
        .collect()
}

/// The values a parser may be handed from a (mutated) fixture: the document, its `data`, and
/// each `data` of the hand-made lists of `{data, error_contains}` cases.
pub fn data_candidates(doc: &Value) -> Vec<&Value> {
    let mut out = vec![doc];
    out.extend(doc.get("data"));
    for case in doc.as_array().into_iter().flatten() {
        out.push(case.get("data").unwrap_or(case));
    }
    out
}

/// Strings the parsers treat specially, and some that break naive code.
#[rustfmt::skip]
pub const TRICKY: &[&str] = &[
    "", " ", "0", "-0", "1", "1.5", "1.7e+09", "-1.5e-12", "NaN", "nan", "+Inf", "-Inf", "Inf",
    "inf", "infinity", "1e309", "-1e309", "1e-400", "0x10", " 1", "1 ", "1_000",
    "99999999999999999999999999", "18446744073709551616", "-9223372036854775809", "GAUGE",
    "COUNTER", "HISTOGRAM", "SUMMARY", "UNTYPED", "gauge", "unknown", "vector", "matrix",
    "scalar", "string", "success", "error", "up", "down", "1s", "15s", "1m30s", "1y", "0s",
    "2026-11-24T20:16:12.348817852Z", "0001-01-01T00:00:00Z", "2026-11-24T20:16:12+99:99",
    "job", "instance", "le", "quantile", "__name__", "é", "ü", "日本語", "🚀", "\u{0}", "\u{7f}",
    "\u{feff}", "\u{fffd}", "\u{10ffff}", "\u{200b}", "%", "%zz", "%C3", "%FF", "=", "&", "?",
    "#", "/", "\\", "\"", "'", "<", "<html>", "</", "<!--", "<head>", "&amp;", "\n", "\r\n", "\t",
];

/// Keys of both APIs' answers: arbitrary objects use them so parsers get past their first check.
#[rustfmt::skip]
pub const KEYS: &[&str] = &[
    "status", "data", "error", "errorType", "warnings", "infos", "labels",
    "last_push_successful", "push_time_seconds", "push_failure_time_seconds", "type", "help",
    "time_stamp", "metrics", "value", "buckets", "quantiles", "count", "sum", "job", "instance",
    "build_information", "version", "flags", "start_time", "result", "resultType", "metric",
    "values", "histogram", "histograms", "activeTargets", "droppedTargets", "scrapePool",
    "scrapeUrl", "scrapeInterval", "health", "lastError", "lastScrape", "lastScrapeDuration",
    "discoveredLabels", "__scrape_interval__", "0.1", "+Inf", "0.5", "NaN",
];

/// Any string, a tricky one, a number-like one, or a long repetition (up to ~100 KB).
pub fn tricky_string() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        4 => select(TRICKY).prop_map(str::to_owned),
        1 => "[-+0-9eE.InfNa]{0,24}",
        1 => (select(TRICKY), 1..25_000usize).prop_map(|(s, n)| s.repeat(n)),
    ]
}

pub fn key() -> impl Strategy<Value = String> {
    prop_oneof![3 => select(KEYS).prop_map(str::to_owned), 1 => tricky_string()]
}

pub fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| Number::from_f64(f).map_or(Value::Null, Value::Number)),
        select(&[0.0, -0.0, 1e308, -1e308, 5e-324, 1.7e9][..]).prop_map(Value::from),
    ]
}

pub fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        2 => number(),
        4 => tricky_string().prop_map(Value::String),
    ]
}

/// Arbitrary JSON up to 4 levels deep whose object keys are mostly the APIs' own.
pub fn any_json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}
