//! Classification of real and hand-made answers by `decode_answer`.

use super::*;
use crate::prometheus::model::parse_string_list;

const JSON: Option<&str> = Some("application/json");
const P: Backend = Backend::Prometheus;

fn fixture(name: &str) -> &'static str {
    match name {
        "bad_data" => include_str!("../../../../tests/fixtures/prometheus/error_bad_data_400.json"),
        "too_many" => {
            include_str!("../../../../tests/fixtures/prometheus/error_too_many_points_400.json")
        }
        "execution" => {
            include_str!("../../../../tests/fixtures/prometheus/error_execution_422.json")
        }
        "timeout" => include_str!("../../../../tests/fixtures/prometheus/error_timeout_503.json"),
        "starting" => include_str!("../../../../tests/fixtures/prometheus/starting_503.txt"),
        "nginx502" => include_str!("../../../../tests/fixtures/nginx/bad_gateway_502.html"),
        "labels" => include_str!("../../../../tests/fixtures/prometheus/labels.json"),
        "warnings" => include_str!("../../../../tests/fixtures/handmade/warnings_infos.json"),
        "truncated" => include_str!("../../../../tests/fixtures/handmade/truncated.json"),
        _ => unreachable!("unknown fixture {name}"),
    }
}

fn labels(status: u16, ct: Option<&str>, body: &str) -> Result<Answer<Vec<String>>, ApiError> {
    decode_answer(P, status, ct, body, parse_string_list)
}

fn api_error(status: u16, body: &str) -> (String, String) {
    match labels(status, JSON, body) {
        Err(ApiError::Api {
            error_type,
            message,
            ..
        }) => (error_type, message),
        other => panic!("expected Api error, got {other:?}"),
    }
}

#[test]
fn success_envelope_gives_data() {
    let a = labels(200, Some("application/json"), fixture("labels")).unwrap();
    assert!(a.data.contains(&"job".to_owned()));
    assert!(a.warnings.is_empty() && a.infos.is_empty());
}

#[test]
fn warnings_and_infos_are_kept_apart() {
    let a = labels(200, JSON, fixture("warnings")).unwrap();
    assert_eq!(a.warnings.len(), 1);
    assert_eq!(a.infos.len(), 1);
    assert!(a.infos[0].contains("PromQL info"));
}

#[test]
fn error_envelopes_become_api_errors_whatever_the_status() {
    let (t, m) = api_error(400, fixture("bad_data"));
    assert_eq!(t, "bad_data");
    assert!(m.contains("unclosed left parenthesis"), "{m}");
    let (t, m) = api_error(400, fixture("too_many"));
    assert_eq!(t, "bad_data");
    assert!(m.contains("11,000 points"), "{m}");
    assert_eq!(api_error(422, fixture("execution")).0, "execution");
    assert_eq!(api_error(503, fixture("timeout")).0, "timeout");
    // A server that says error with HTTP 200 is still an error.
    assert_eq!(
        api_error(200, r#"{"status":"error","errorType":"x","error":"y"}"#).1,
        "y"
    );
    // Missing or odd fields do not hide the error.
    assert_eq!(
        api_error(500, r#"{"status":"error"}"#),
        ("unknown".into(), "".into())
    );
    assert_eq!(api_error(400, r#"{"status":"error","error":42}"#).1, "42");
}

#[test]
fn non_json_error_pages_become_http_errors() {
    let e = labels(502, Some("text/html"), fixture("nginx502")).unwrap_err();
    assert_eq!(
        e,
        ApiError::Http {
            backend: P,
            status: 502,
            body_excerpt: "502 Bad Gateway nginx/1.22.1".into()
        }
    );
    let e = labels(503, Some("text/plain; charset=utf-8"), fixture("starting")).unwrap_err();
    assert_eq!(
        e,
        ApiError::Http {
            backend: P,
            status: 503,
            body_excerpt: "Service Unavailable".into()
        }
    );
    // A JSON-looking error body with a text Content-Type is still not parsed.
    let e = labels(500, Some("text/plain"), fixture("bad_data")).unwrap_err();
    assert!(matches!(e, ApiError::Http { status: 500, .. }), "{e:?}");
}

#[test]
fn json_errors_without_an_envelope_become_http_errors() {
    for body in [
        "",
        "null",
        "[1,2]",
        "{}",
        r#"{"status":"success","data":[]}"#,
        "{\"trunc",
    ] {
        let e = labels(404, JSON, body).unwrap_err();
        assert!(
            matches!(e, ApiError::Http { status: 404, .. }),
            "{body}: {e:?}"
        );
    }
}

#[test]
fn non_json_success_is_malformed() {
    let e = labels(
        200,
        Some("text/html; charset=utf-8"),
        "<html><body>Pushgateway</body></html>",
    );
    match e.unwrap_err() {
        ApiError::Malformed { detail, .. } => assert!(detail.contains("text/html"), "{detail}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_cut_off_answer_says_so() {
    let body = r#"{"status":"success","data":["a","b"#;
    match labels(200, Some("application/json"), body).unwrap_err() {
        ApiError::Malformed { detail, .. } => assert_eq!(
            detail,
            format!(
                "invalid JSON: the answer is cut off after {} bytes",
                body.len()
            )
        ),
        other => panic!("{other:?}"),
    }
    match labels(200, Some("application/json"), "{\"status\" oops}").unwrap_err() {
        ApiError::Malformed { detail, .. } => assert!(detail.contains("oops"), "{detail}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn broken_json_success_is_malformed() {
    let cases = [
        ("", "empty body"),
        ("   ", "empty body"),
        (fixture("truncated"), "invalid JSON"),
        ("null", "invalid type: null, expected an object"),
        ("42", "expected an object"),
        ("\"success\"", "expected an object"),
        ("{}", "missing field `status`"),
        (
            r#"{"status":1}"#,
            "answer near `{\"status\":1`: invalid type: integer `1`",
        ),
        (r#"{"status":"pending"}"#, "unknown status \"pending\""),
        (r#"{"status":"success"}"#, "missing field `data`"),
        (
            r#"{"status":"success","data":{}}"#,
            "data near `{}`: invalid type: map, expected a sequence",
        ),
        (
            r#"{"status":"success","data":[1]}"#,
            "data near `[1`: invalid type: integer `1`, expected a string",
        ),
        (
            r#"{"status":"success","data":[],"warnings":"w"}"#,
            "\"warnings\":\"w\"`: invalid type: string \"w\", expected a sequence",
        ),
        (
            r#"{"status":"success","data":[],"infos":[null]}"#,
            "\"infos\":[null`: invalid type: null, expected a string",
        ),
    ];
    for (body, want) in cases {
        match labels(200, JSON, body) {
            Err(ApiError::Malformed { detail, .. }) => {
                assert!(detail.contains(want), "{body}: {detail}")
            }
            other => panic!("{body}: {other:?}"),
        }
    }
}

#[test]
fn null_warnings_mean_none() {
    let a = labels(
        200,
        JSON,
        r#"{"status":"success","data":[],"warnings":null}"#,
    )
    .unwrap();
    assert!(a.warnings.is_empty());
}

#[test]
fn missing_content_type_still_reads_the_envelope() {
    assert!(labels(200, None, fixture("labels")).is_ok());
    assert!(matches!(
        labels(400, None, fixture("bad_data")),
        Err(ApiError::Api { .. })
    ));
    assert!(matches!(
        labels(502, None, fixture("nginx502")),
        Err(ApiError::Http { .. })
    ));
    assert!(matches!(
        labels(200, None, "<html>"),
        Err(ApiError::Malformed { .. })
    ));
}

#[test]
fn content_type_detection() {
    for ct in [
        "application/json",
        "Application/JSON; charset=utf-8",
        "application/problem+json",
    ] {
        assert!(is_json_content_type(ct), "{ct}");
    }
    for ct in [
        "text/plain",
        "text/html",
        "",
        "application/jsonx",
        "text/json+html",
    ] {
        assert!(!is_json_content_type(ct), "{ct}");
    }
}

#[test]
fn deep_and_huge_bodies_do_not_panic() {
    let deep = "[".repeat(100_000);
    assert!(labels(200, JSON, &deep).is_err());
    assert!(labels(500, JSON, &deep).is_err());
    let huge = format!(
        r#"{{"status":"success","data":["{}"]}}"#,
        "x".repeat(5_000_000)
    );
    assert_eq!(labels(200, JSON, &huge).unwrap().data[0].len(), 5_000_000);
    let e = labels(
        502,
        Some("text/html"),
        &format!("<p>{}</p>", "y ".repeat(1_000_000)),
    )
    .unwrap_err();
    assert!(e.to_string().len() < 300);
}

#[test]
fn parser_errors_are_reported_with_the_backend() {
    let e = decode_answer(Backend::Pushgateway, 200, JSON, fixture("labels"), |_| {
        Err::<(), _>("nope".to_owned())
    });
    assert_eq!(
        e,
        Err(ApiError::Malformed {
            backend: Backend::Pushgateway,
            detail: "nope".into()
        })
    );
}
