//! Unit tests of `crate::gateway::bulk_delete`.

use super::*;
use crate::gateway::model::labels_from_pairs;
use crate::http::de::raw;
use crate::http::error::Backend;
use serde_json::json;

fn previewed(labels: &[(&str, &str)], push_time: Option<f64>) -> Previewed {
    Previewed {
        gateway: "/pushgateway".into(),
        labels: labels_from_pairs(labels),
        push_time,
        push_failure_time: None,
        expected_interval: None,
        stale_after: 600.0,
    }
}

#[test]
fn the_body_carries_paths_labels_and_exact_times() {
    let batch = [
        previewed(
            &[("job", "u/admin/x"), ("instance", "")],
            Some(1_700_000_000.123_456_7),
        ),
        previewed(&[("job", "f/é \"q\" %2F")], None),
    ];
    let body: serde_json::Value = serde_json::from_str(&request_body(&batch).unwrap()).unwrap();
    let groups = body["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(
        groups[0]["path"],
        "/metrics/job@base64/dS9hZG1pbi94/instance@base64/="
    );
    assert_eq!(groups[0]["labels"]["job"], "u/admin/x");
    // The time survives the round trip bit for bit: the endpoint compares it with `>`.
    assert_eq!(
        groups[0]["push_time"].as_f64(),
        Some(1_700_000_000.123_456_7)
    );
    assert_eq!(groups[1]["push_time"], serde_json::Value::Null);
    assert_eq!(groups[1]["labels"]["job"], "f/é \"q\" %2F");
}

#[test]
fn a_group_without_a_valid_key_fails_the_batch_before_sending() {
    let batch = [previewed(&[("instance", "a")], Some(1.0))];
    assert!(request_body(&batch)
        .unwrap_err()
        .to_string()
        .contains("no job"));
}

#[test]
fn outcomes_are_read_in_order() {
    let data = json!([
        {"outcome": "deleted"}, {"outcome": "pushed_again"}, {"outcome": "gone"},
        {"outcome": "failed", "detail": "the gateway answered HTTP 500"},
    ]);
    assert_eq!(
        parse_outcomes(&raw(data), 4).unwrap(),
        vec![
            Outcome::Deleted,
            Outcome::Kept(Recheck::PushedAgain),
            Outcome::Kept(Recheck::AlreadyGone),
            Outcome::Failed("the gateway answered HTTP 500".into()),
        ]
    );
}

#[test]
fn a_malformed_answer_is_an_error_not_a_guess() {
    assert!(parse_outcomes(&raw(json!([{"outcome": "deleted"}])), 2)
        .unwrap_err()
        .contains("1 outcomes for 2 groups"));
    assert!(parse_outcomes(&raw(json!({"outcome": "deleted"})), 1).is_err());
    assert!(parse_outcomes(&raw(json!([{"outcome": "maybe"}])), 1).is_err());
    assert!(parse_outcomes(&raw(json!([{}])), 1).is_err());
    assert!(parse_outcomes(&raw(json!([7])), 1).is_err());
}

#[test]
fn only_a_missing_endpoint_means_fall_back() {
    let http = |status| ApiError::Http {
        backend: Backend::Pushgateway,
        status,
        body_excerpt: String::new(),
    };
    assert!(endpoint_missing(&http(404)));
    assert!(endpoint_missing(&http(405)));
    assert!(!endpoint_missing(&http(401)));
    assert!(!endpoint_missing(&http(502)));
    assert!(!endpoint_missing(&ApiError::Unreachable {
        backend: Backend::Pushgateway,
        detail: String::new()
    }));
}

#[test]
fn a_bulk_answer_is_outcomes_a_missing_endpoint_or_an_error() {
    let ok = r#"{"status":"success","data":[{"outcome":"deleted"},{"outcome":"gone"}]}"#;
    assert_eq!(
        decode_bulk_answer(200, Some("application/json"), ok, 2).unwrap(),
        Some(vec![Outcome::Deleted, Outcome::Kept(Recheck::AlreadyGone)])
    );
    // A gateway addressed directly: 404 or 405 in plain text.
    assert_eq!(
        decode_bulk_answer(404, Some("text/plain"), "404 page not found", 2).unwrap(),
        None
    );
    assert_eq!(decode_bulk_answer(405, None, "", 2).unwrap(), None);
    let down =
        decode_bulk_answer(502, Some("text/html"), "<h1>502 Bad Gateway</h1>", 2).unwrap_err();
    assert!(
        matches!(down, ApiError::Http { status: 502, .. }),
        "{down:?}"
    );
    assert!(matches!(
        decode_bulk_answer(
            200,
            Some("application/json"),
            r#"{"status":"success","data":[]}"#,
            2
        ),
        Err(ApiError::Malformed { .. })
    ));
}

#[test]
fn a_delete_answer_is_accepted_on_2xx_and_named_otherwise() {
    assert_eq!(decode_delete_answer(202, None, ""), Ok(()));
    let page = decode_delete_answer(503, Some("text/html"), "<html>busy</html>").unwrap_err();
    assert!(
        matches!(page, ApiError::Http { status: 503, .. }),
        "{page:?}"
    );
    let api = r#"{"status":"error","errorType":"bad_data","error":"bad key"}"#;
    let named = decode_delete_answer(400, Some("application/json"), api).unwrap_err();
    assert!(
        matches!(named, ApiError::Api { ref error_type, .. } if error_type == "bad_data"),
        "{named:?}"
    );
}
