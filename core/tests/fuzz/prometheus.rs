//! Prometheus' result parsers (query, series, targets, label values, buildinfo) on arbitrary,
//! Prometheus-shaped and mutated JSON.

use super::harness::{fuzz, Outcome};
use super::json::{any_json, data_candidates, fixtures_of, key, leaf, tricky_string, Source};
use super::mutate::mutant;
use super::times::duration_text;
use gatewatch_core::prometheus::model::{
    parse_buildinfo, parse_query_result, parse_series, parse_string_list, parse_targets,
};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Value};

/// Every Prometheus result parser on one `data`.
pub fn parse_all(data: &Value) -> Outcome {
    let data = &serde_json::value::to_raw_value(data).expect("JSON values always serialize");
    let _ = parse_query_result(data);
    let _ = parse_series(data);
    let _ = parse_string_list(data);
    let _ = parse_buildinfo(data);
    if let Ok(targets) = parse_targets(data) {
        for t in targets {
            if let Some(secs) = t.scrape_interval {
                prop_assert!(secs.is_finite() && secs >= 0.0, "scrape interval {secs}");
            }
        }
    }
    Ok(())
}

fn or_any(v: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    prop_oneof![5 => v, 1 => any_json()].boxed()
}

/// `[time, "value"]` with either side possibly wrong, and the wrong length now and then.
fn pair() -> BoxedStrategy<Value> {
    or_any(
        prop_oneof![
            5 => (leaf(), leaf()).prop_map(|(t, v)| json!([t, v])),
            1 => prop::collection::vec(leaf(), 0..4).prop_map(Value::Array),
        ]
        .boxed(),
    )
}

fn labels() -> BoxedStrategy<Value> {
    or_any(
        prop::collection::btree_map(key(), tricky_string(), 0..4)
            .prop_map(|m| json!(m))
            .boxed(),
    )
}

/// A `data` of one of the endpoints, each part right or arbitrary.
fn prometheus_data() -> impl Strategy<Value = Value> {
    let series = (
        prop::option::of(labels()),
        prop::option::of(pair()),
        prop::option::of(or_any(
            prop::collection::vec(pair(), 0..4)
                .prop_map(Value::Array)
                .boxed(),
        )),
        any::<bool>(),
    )
        .prop_map(|(metric, value, values, histogram)| {
            let mut s = json!({});
            for (k, v) in [("metric", metric), ("value", value), ("values", values)] {
                if let Some(v) = v {
                    s[k] = v;
                }
            }
            if histogram {
                s["histogram"] = json!([1, {"count": "1"}]);
            }
            s
        });
    let query = (
        or_any(
            select(&["vector", "matrix", "scalar", "string", "streams"][..])
                .prop_map(Value::from)
                .boxed(),
        ),
        prop_oneof![
            2 => prop::collection::vec(series, 0..4).prop_map(Value::Array),
            1 => pair(),
        ],
    )
        .prop_map(|(t, r)| json!({"resultType": t, "result": r}));
    let text =
        || prop::option::of(prop_oneof![3 => tricky_string().prop_map(Value::from), 1 => leaf()]);
    let target = (
        (text(), text(), prop::option::of(labels()), text()),
        (text(), text(), prop::option::of(leaf())),
        prop::option::of(prop_oneof![
            3 => duration_text().prop_map(Value::from),
            1 => leaf(),
        ]),
        // VictoriaMetrics: no scrapeInterval, the interval is a discovered label.
        prop::option::of(or_any(
            prop::option::of(prop_oneof![
                3 => duration_text().prop_map(Value::from),
                1 => leaf(),
            ])
            .prop_map(|i| match i {
                Some(i) => json!({"__scrape_interval__": i, "job": "vm"}),
                None => json!({"job": "vm"}),
            })
            .boxed(),
        )),
    )
        .prop_map(
            |((pool, url, labels, health), (err, last, dur), interval, discovered)| {
                let mut t = json!({});
                for (k, v) in [
                    ("scrapePool", pool),
                    ("scrapeUrl", url),
                    ("labels", labels),
                    ("health", health),
                    ("lastError", err),
                    ("lastScrape", last),
                    ("lastScrapeDuration", dur),
                    ("scrapeInterval", interval),
                    ("discoveredLabels", discovered),
                ] {
                    if let Some(v) = v {
                        t[k] = v;
                    }
                }
                t
            },
        );
    let targets = prop::collection::vec(target, 0..4)
        .prop_map(|t| json!({"activeTargets": t, "droppedTargets": []}));
    prop_oneof![
        3 => query,
        2 => targets,
        1 => prop::collection::vec(labels(), 0..4).prop_map(Value::Array),
        1 => prop::collection::vec(tricky_string(), 0..4).prop_map(|s| json!(s)),
        1 => tricky_string().prop_map(|v| json!({"version": v})),
    ]
}

#[test]
fn result_parsers_survive_arbitrary_json() {
    fuzz(
        "prometheus_arbitrary_json",
        prop_oneof![1 => any_json(), 3 => prometheus_data()],
        |data| parse_all(&data),
    );
}

#[test]
fn result_parsers_survive_mutated_fixtures() {
    fuzz(
        "prometheus_mutated_fixtures",
        mutant(fixtures_of(Source::Prometheus)),
        |m| {
            if let Some(doc) = m.json() {
                for data in data_candidates(&doc) {
                    parse_all(data)?;
                }
            }
            super::envelope::decode_all(200, Some("application/json"), &m.text())
        },
    );
}
