//! The gateway's `/api/v1/metrics` and `/api/v1/status` parsers on arbitrary and mutated JSON.

use super::harness::{fuzz, Outcome};
use super::json::{any_json, data_candidates, fixtures_of, key, leaf, tricky_string, Source};
use super::mutate::mutant;
use gatewatch_core::gateway::model::{decode_groups, parse_groups, parse_status, GatewayGroup};
use gatewatch_core::http::envelope::decode_answer;
use gatewatch_core::http::error::Backend;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value};

/// What must hold for every parse that succeeds: the documented order and push-time rules.
pub fn check_groups(groups: &[GatewayGroup]) -> Outcome {
    for pair in groups.windows(2) {
        prop_assert!(
            (pair[0].job(), &pair[0].labels) <= (pair[1].job(), &pair[1].labels),
            "groups not sorted"
        );
    }
    for g in groups {
        for t in [g.push_time, g.push_failure_time].into_iter().flatten() {
            prop_assert!(t.is_finite() && t > 0.0, "push time {t}");
        }
        prop_assert!(g.families.windows(2).all(|f| f[0].name <= f[1].name));
        let _ = (g.labels_display(), g.key(), g.pushed_families().count());
    }
    Ok(())
}

/// Both gateway parsers on one `data`; what parses must keep the documented rules.
pub fn parse_both(data: &Value) -> Outcome {
    let data = &serde_json::value::to_raw_value(data).expect("JSON values always serialize");
    if let Ok(groups) = parse_groups(data) {
        check_groups(&groups)?;
    }
    let _ = parse_status(data);
    Ok(())
}

/// A group whose every part is either right or arbitrary, so the parser gets deep.
fn groupish() -> impl Strategy<Value = Value> {
    let or_any = |v: BoxedStrategy<Value>| prop_oneof![4 => v, 1 => any_json()].boxed();
    let labels = or_any(
        prop::collection::btree_map(key(), tricky_string(), 0..4)
            .prop_map(|m| json!(m))
            .boxed(),
    );
    let value = or_any(
        prop_oneof![
            leaf().prop_map(|v| json!({ "value": v })),
            (
                prop::collection::btree_map(tricky_string(), leaf(), 0..4),
                leaf(),
                leaf()
            )
                .prop_map(|(b, c, s)| json!({"buckets": b, "count": c, "sum": s})),
            (
                prop::collection::btree_map(tricky_string(), leaf(), 0..4),
                leaf(),
                leaf()
            )
                .prop_map(|(q, c, s)| json!({"quantiles": q, "count": c, "sum": s})),
        ]
        .boxed(),
    );
    let sample = (labels.clone(), value).prop_map(|(l, mut v)| {
        if let Some(o) = v.as_object_mut() {
            o.insert("labels".into(), l);
        }
        v
    });
    let kind = or_any(
        select(
            &[
                "GAUGE",
                "COUNTER",
                "HISTOGRAM",
                "SUMMARY",
                "UNTYPED",
                "weird",
            ][..],
        )
        .prop_map(Value::from)
        .boxed(),
    );
    let family = (
        kind,
        prop::collection::vec(sample, 0..4),
        prop::option::of(leaf()),
        prop::option::of(leaf()),
    )
        .prop_map(|(t, metrics, help, ts)| {
            let mut f = json!({"type": t, "metrics": metrics});
            if let Some(h) = help {
                f["help"] = h;
            }
            if let Some(ts) = ts {
                f["time_stamp"] = ts;
            }
            f
        });
    let name = prop_oneof![
        select(&["push_time_seconds", "push_failure_time_seconds", "x"][..]).prop_map(String::from),
        key(),
    ];
    (
        labels,
        or_any(any::<bool>().prop_map(Value::Bool).boxed()),
        prop::collection::vec((name, family), 0..4),
    )
        .prop_map(|(labels, ok, families)| {
            let mut g: Map<String, Value> = families.into_iter().collect();
            g.insert("labels".into(), labels);
            g.insert("last_push_successful".into(), ok);
            Value::Object(g)
        })
}

#[test]
fn groups_parser_survives_arbitrary_json() {
    fuzz(
        "gateway_arbitrary_json",
        prop_oneof![
            1 => any_json(),
            3 => prop::collection::vec(groupish(), 0..4).prop_map(Value::Array),
        ],
        |data| parse_both(&data),
    );
}

#[test]
fn groups_parser_survives_mutated_fixtures() {
    fuzz(
        "gateway_mutated_fixtures",
        mutant(fixtures_of(Source::Gateway)),
        |m| {
            let body = m.text();
            if let Some(doc) = m.json() {
                for data in data_candidates(&doc) {
                    parse_both(data)?;
                }
            }
            let answer = decode_answer(
                Backend::Pushgateway,
                200,
                Some("application/json"),
                &body,
                parse_groups,
            );
            prop_assert_eq!(
                format!("{:?}", decode_groups(200, Some("application/json"), &body)),
                format!("{:?}", answer.as_ref().map(|a| &a.data))
            );
            if let Ok(answer) = answer {
                check_groups(&answer.data)?;
            }
            let _ = decode_answer(Backend::Pushgateway, 200, None, &body, parse_status);
            Ok(())
        },
    );
}
