//! URL state: any query string decodes without a panic, decoding settles after one round, and
//! every valid state (any unicode metric, jobs and PromQL) survives to_query → from_query.

use super::harness::{fuzz, Outcome};
use super::json::tricky_string;
use super::times::{duration_text, number_text};
use gatewatch_core::http::endpoints::encode_component;
use gatewatch_core::time::range::{TimeRange, PRESETS};
use gatewatch_core::url_state::{decode_component, parse_query, ChartsState, ExploreState};
use proptest::prelude::*;
use proptest::sample::select;

/// Year 1 to year 9999, the span a `datetime-local` input and RFC 3339 can show.
const FIRST_SECOND: i64 = -62_135_596_800;
const LAST_SECOND: i64 = 253_402_300_799;

/// A value as it may appear in a URL: encoded, raw, or with broken escapes.
fn url_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => tricky_string().prop_map(|s| encode_component(&s)),
        2 => tricky_string(),
        2 => duration_text(),
        1 => (number_text(), number_text()).prop_map(|(a, b)| format!("{a}~{b}")),
        1 => select(&["%", "%Z", "%C3", "%C3%", "%FF%FE", "%ED%A0%80", "%00", "+", "%2B", "%%41"][..])
            .prop_map(str::to_owned),
    ]
}

fn query_text() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        4 => select(&["metric", "job", "range", "min_step", "gated", "expr", "tab"][..])
            .prop_map(str::to_owned),
        1 => url_value(),
    ];
    prop_oneof![
        5 => (
            select(&["", "?", "??"][..]),
            prop::collection::vec((key, select(&["=", "", "=="][..]), url_value()), 0..8),
            select(&["&", "&&", ";"][..]),
        )
            .prop_map(|(lead, pairs, sep)| {
                let pairs: Vec<String> = pairs.into_iter().map(|(k, eq, v)| format!("{k}{eq}{v}")).collect();
                format!("{lead}{}", pairs.join(sep))
            }),
        1 => tricky_string(),
    ]
}

/// Decoding never panics, and normalising may change a state once (a fractional range is
/// rounded, a tiny step dropped), never again: a shared link reopens what it showed.
pub fn check_query(q: &str) -> Outcome {
    let _ = parse_query(q);
    let charts = ChartsState::from_query(&ChartsState::from_query(q).to_query());
    prop_assert_eq!(ChartsState::from_query(&charts.to_query()), charts);
    let explore = ExploreState::from_query(&ExploreState::from_query(q).to_query());
    prop_assert_eq!(ExploreState::from_query(&explore.to_query()), explore);
    Ok(())
}

/// Any text decodes; encoded text decodes back to itself.
pub fn check_component(s: &str) -> Outcome {
    let _ = decode_component(s);
    prop_assert_eq!(decode_component(&encode_component(s)), s);
    Ok(())
}

#[test]
fn any_query_decodes_and_settles_after_one_round() {
    fuzz("url_state_from_query", query_text(), |q| check_query(&q));
}

#[test]
fn components_decode_whatever_they_hold() {
    fuzz(
        "decode_component",
        prop_oneof![url_value(), tricky_string()],
        |s| check_component(&s),
    );
}

fn range() -> impl Strategy<Value = TimeRange> {
    prop_oneof![
        select(PRESETS.to_vec()).prop_map(|(_, secs)| TimeRange::Last(secs)),
        (1..=315_360_000i64).prop_map(|s| TimeRange::Last(s as f64)),
        (FIRST_SECOND..LAST_SECOND, 1..=LAST_SECOND - FIRST_SECOND).prop_map(|(start, len)| {
            TimeRange::Between {
                start: start as f64,
                end: (start + len).min(LAST_SECOND).max(start + 1) as f64,
            }
        }),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![3 => any::<String>(), 2 => tricky_string()]
}

#[test]
fn charts_states_round_trip() {
    let state = (
        text().prop_filter("the metric is never empty", |m| !m.is_empty()),
        prop::collection::vec(text(), 0..6),
        range(),
        prop::option::of(1..=1_000_000_000_000u64),
        any::<bool>(),
    )
        .prop_map(|(metric, jobs, range, step_ms, gated)| {
            let mut unique = Vec::new();
            for j in jobs {
                if !unique.contains(&j) {
                    unique.push(j);
                }
            }
            ChartsState {
                metric,
                jobs: unique,
                range,
                // The URL keeps milliseconds.
                min_step: step_ms.map(|ms| ms as f64 / 1000.0),
                gated,
            }
        });
    fuzz("charts_state_round_trip", state, |state| {
        let query = state.to_query();
        prop_assert!(
            query
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~%=&".contains(&b)),
            "{query}"
        );
        prop_assert_eq!(ChartsState::from_query(&query), state.clone());
        prop_assert_eq!(ChartsState::from_query(&format!("?{query}")), state);
        Ok(())
    });
}

#[test]
fn explore_states_round_trip() {
    let state = (text(), range(), any::<bool>()).prop_map(|(expr, range, table)| ExploreState {
        expr,
        range,
        table,
    });
    fuzz("explore_state_round_trip", state, |state| {
        prop_assert_eq!(ExploreState::from_query(&state.to_query()), state);
        Ok(())
    });
}
