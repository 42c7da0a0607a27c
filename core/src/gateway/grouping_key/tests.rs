//! Grouping keys: validation, paths, display, and the live round trip recorded in
//! tests/fixtures/gateway/grouping_key_roundtrip.json.

use super::*;
use serde_json::Value;

use crate::gateway::model::labels_from_pairs as labels;

fn key(pairs: &[(&str, &str)]) -> GroupKey {
    GroupKey::from_labels(&labels(pairs)).unwrap()
}

#[test]
fn paths_put_job_first_and_sort_the_rest() {
    let k = key(&[("zone", "b"), ("job", "u/admin/x"), ("instance", "")]);
    assert_eq!(
        k.path(),
        "/metrics/job@base64/dS9hZG1pbi94/instance@base64/=/zone@base64/Yg=="
    );
    assert_eq!(k.job(), "u/admin/x");
    assert_eq!(
        k.labels(),
        labels(&[("job", "u/admin/x"), ("instance", ""), ("zone", "b")])
    );
}

#[test]
fn paths_use_the_url_safe_alphabet() {
    // "ÿÿÿ>>>???" gives '+' and '/' in standard base64; a path needs '-' and '_'.
    let path = key(&[("job", "ÿÿÿ>>>???")]).path();
    assert_eq!(path, "/metrics/job@base64/w7_Dv8O_Pj4-Pz8_");
    // A value that is literally "=" differs from the empty value.
    assert_eq!(
        key(&[("job", "j"), ("a", "=")]).path(),
        "/metrics/job@base64/ag==/a@base64/PQ=="
    );
}

#[test]
fn display_escapes_like_promql() {
    let k = key(&[("job", "u/admin/x"), ("instance", ""), ("q", "a\"b\\c\nd")]);
    assert_eq!(
        k.display(),
        r#"{job="u/admin/x", instance="", q="a\"b\\c\nd"}"#
    );
    assert_eq!(k.to_string(), k.display());
}

#[test]
fn invalid_keys() {
    assert_eq!(
        GroupKey::from_labels(&labels(&[])),
        Err(GroupKeyError::MissingJob)
    );
    assert_eq!(
        GroupKey::from_labels(&labels(&[("instance", "a")])),
        Err(GroupKeyError::MissingJob)
    );
    assert_eq!(
        GroupKey::from_labels(&labels(&[("job", "")])),
        Err(GroupKeyError::EmptyJob)
    );
    for bad in ["1a", "a-b", "a.b", "", "é"] {
        assert_eq!(
            GroupKey::from_labels(&labels(&[("job", "j"), (bad, "v")])),
            Err(GroupKeyError::InvalidLabelName(bad.to_owned())),
        );
    }
    assert_eq!(
        GroupKey::from_labels(&labels(&[("job", "j"), ("__x", "v")])),
        Err(GroupKeyError::ReservedLabelName("__x".into())),
    );
    assert!(key(&[("job", "j"), ("_ok", "v"), ("A9", "")])
        .path()
        .contains("/_ok@base64/dg=="));
    assert!(GroupKeyError::EmptyJob.to_string().contains("empty"));
}

/// Every case was pushed with PUT to its path on Pushgateway 1.5.1, read back from
/// `/api/v1/metrics` with exactly these labels, deleted by the same path and seen gone.
#[test]
fn paths_match_the_live_round_trip() {
    let cases: Value = serde_json::from_str(include_str!(
        "../../../../tests/fixtures/gateway/grouping_key_roundtrip.json"
    ))
    .unwrap();
    let cases = cases.as_array().unwrap();
    assert!(cases.len() >= 10);
    for case in cases {
        let want: Labels = serde_json::from_value(case["labels"].clone()).unwrap();
        let seen: Labels = serde_json::from_value(case["observed_labels"].clone()).unwrap();
        assert_eq!(seen, want, "the gateway stored other labels");
        assert_eq!(case["push_status"], 200);
        assert_eq!(case["gone_after_delete"], true);
        let key = GroupKey::from_labels(&want).unwrap();
        assert_eq!(
            key.path(),
            case["path"].as_str().unwrap(),
            "{}",
            key.display()
        );
    }
}

/// Writes the cases for the live round trip (see tests/fixtures/README.md):
/// `cargo test --lib grouping_key::tests::print_roundtrip_cases -- --ignored --nocapture`
#[test]
#[ignore]
fn print_roundtrip_cases() {
    let long: String = "ü/%?#\"x ".repeat(1_250); // 10,000 bytes
    let cases = [
        vec![("job", "u/admin/x"), ("instance", "")],
        vec![("job", "plain")],
        vec![("job", "plain"), ("instance", "")],
        vec![("job", "a%2Fb?c=d#frag \"q\" 'single' back\\slash")],
        vec![("job", "日本語/ü ✓ 🚀"), ("instance", "host:9091")],
        vec![
            ("job", "j"),
            ("instance", ""),
            ("path", "/a/b/"),
            ("zone", "eu west"),
        ],
        vec![("job", "ÿÿÿ>>>???"), ("a", "="), ("b", "==")],
        vec![("job", "multi\nline\ttab")],
        vec![("job", "  spaces  "), ("_under", "%25%")],
        vec![("job", "."), ("x", "..")],
        vec![("job", &long), ("instance", &long)],
    ];
    for pairs in cases {
        let key = key(&pairs);
        let line = serde_json::json!({"labels": key.labels(), "path": key.path()});
        println!("ROUNDTRIP {line}");
    }
}

#[test]
fn key_text_reads_a_key_as_promql_and_names_what_is_wrong_with_a_bad_one() {
    assert_eq!(
        key_text(&labels(&[("job", "u/admin/x"), ("instance", "")])),
        r#"{job="u/admin/x", instance=""}"#
    );
    let bad = key_text(&labels(&[("instance", "a")]));
    assert!(
        bad.ends_with("(the grouping key has no job label)"),
        "{bad}"
    );
}
