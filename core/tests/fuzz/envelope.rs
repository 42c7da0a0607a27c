//! `decode_answer` with any status, Content-Type and body, through every parser the console uses.

use super::gateway::check_groups;
use super::harness::{fuzz, Outcome};
use super::json::{any_json, leaf, tricky_string, FIXTURES};
use super::mutate::mutant;
use gatewatch_core::gateway::model::{decode_groups, parse_groups, parse_status};
use gatewatch_core::http::envelope::decode_answer;
use gatewatch_core::http::error::{ApiError, Backend};
use gatewatch_core::prometheus::model::{
    parse_buildinfo, parse_query_result, parse_series, parse_string_list, parse_targets,
};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Value};

/// `body_excerpt`'s promise (its constant is private to the envelope module).
const EXCERPT_CHARS: usize = 200;

pub const CONTENT_TYPES: &[&str] = &[
    "application/json",
    "application/json; charset=utf-8",
    "APPLICATION/JSON ; charset=UTF-8",
    "application/problem+json",
    "application/+json",
    "text/plain; charset=utf-8",
    "text/html",
    "",
    ";",
    "application/",
    "json",
];

pub fn content_type() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        1 => Just(None),
        4 => select(CONTENT_TYPES).prop_map(|s| Some(s.to_owned())),
        1 => tricky_string().prop_map(Some),
    ]
}

pub fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        3 => select(&[200, 201, 204, 299, 300, 304, 400, 404, 422, 500, 502, 503, 504][..]),
        1 => any::<u16>(),
    ]
}

/// An envelope with every field right, wrong or missing.
fn envelope_json() -> impl Strategy<Value = String> {
    let field = || prop::option::of(prop_oneof![3 => leaf(), 1 => any_json()]);
    (
        prop::option::of(prop_oneof![
            select(&["success", "error", "SUCCESS", ""][..]).prop_map(Value::from),
            leaf(),
        ]),
        field(),
        field(),
        field(),
        field(),
        field(),
    )
        .prop_map(|(status, data, warnings, infos, error, error_type)| {
            let mut env = json!({});
            for (k, v) in [
                ("status", status),
                ("data", data),
                ("warnings", warnings),
                ("infos", infos),
                ("error", error),
                ("errorType", error_type),
            ] {
                if let Some(v) = v {
                    env[k] = v;
                }
            }
            env.to_string()
        })
}

pub fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => mutant((0..FIXTURES.len()).collect()).prop_map(|m| m.text()),
        2 => envelope_json(),
        1 => tricky_string(),
        1 => (select(&["<html><head><title>", "<!--", "<script>", "<p>", "<", "  \n\t"][..]),
              tricky_string())
            .prop_map(|(a, b)| format!("{a}{b}")),
    ]
}

/// Decodes with every parser; checks what `decode_answer` promises whatever the input.
pub fn decode_all(status: u16, content_type: Option<&str>, body: &str) -> Outcome {
    let ok_status = (200..300).contains(&status);
    let check = |result: Result<(), ApiError>| -> Outcome {
        match result {
            Ok(()) => prop_assert!(ok_status, "success with HTTP {status}"),
            Err(ApiError::Http {
                status: s,
                body_excerpt,
                ..
            }) => {
                prop_assert_eq!(s, status);
                prop_assert!(!ok_status, "HTTP error for a {status}");
                prop_assert!(body_excerpt.chars().count() <= EXCERPT_CHARS);
                prop_assert!(!body_excerpt.contains(['\n', '\r', '\t']));
            }
            Err(e) => {
                let _ = (e.to_string(), e.advice(), e.backend());
            }
        }
        Ok(())
    };
    let (g, p) = (Backend::Pushgateway, Backend::Prometheus);
    let groups = decode_answer(g, status, content_type, body, parse_groups);
    // The list read in one pass says exactly what the two passes say (Debug: NaN is not NaN).
    prop_assert_eq!(
        format!("{:?}", decode_groups(status, content_type, body)),
        format!("{:?}", groups.as_ref().map(|a| &a.data))
    );
    if let Ok(answer) = &groups {
        check_groups(&answer.data)?;
    }
    check(groups.map(drop))?;
    check(decode_answer(g, status, content_type, body, parse_status).map(drop))?;
    check(decode_answer(p, status, content_type, body, parse_query_result).map(drop))?;
    check(decode_answer(p, status, content_type, body, parse_series).map(drop))?;
    check(decode_answer(p, status, content_type, body, parse_targets).map(drop))?;
    check(decode_answer(p, status, content_type, body, parse_string_list).map(drop))?;
    check(decode_answer(p, status, content_type, body, parse_buildinfo).map(drop))?;
    Ok(())
}

#[test]
fn envelope_survives_any_answer() {
    fuzz(
        "envelope_any_answer",
        (status(), content_type(), body()),
        |(status, content_type, body)| decode_all(status, content_type.as_deref(), &body),
    );
}
