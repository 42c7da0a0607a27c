//! Unit tests of `crate::http::de`.

use super::*;
use serde::Deserialize;
use serde_with::serde_as;

#[serde_as]
#[derive(Deserialize, Debug)]
struct S(#[serde_as(as = "Sample")] f64);

fn sample(json: &str) -> Result<f64, String> {
    serde_json::from_str::<S>(json)
        .map(|s| s.0)
        .map_err(|e| e.to_string())
}

#[test]
fn sample_values_parse_go_spellings() {
    for (s, want) in [
        ("1.5", 1.5),
        ("1.7e+09", 1.7e9),
        ("-1.5e-12", -1.5e-12),
        ("0", 0.0),
        ("+Inf", f64::INFINITY),
        ("-Inf", f64::NEG_INFINITY),
    ] {
        assert_eq!(sample(&format!("{s:?}")), Ok(want), "{s}");
    }
    assert!(sample("\"NaN\"").unwrap().is_nan());
    assert_eq!(sample("2"), Ok(2.0));
    assert_eq!(sample("-2"), Ok(-2.0));
    assert_eq!(sample("2.5e3"), Ok(2500.0));
}

#[test]
fn sample_values_reject_junk() {
    for v in [
        "\"\"", "\" 1\"", "\"1 \"", "\"abc\"", "null", "true", "[1]", "{}",
    ] {
        let e = sample(v).unwrap_err();
        assert!(e.contains("expected a number"), "{v}: {e}");
    }
}

#[test]
fn errors_quote_where_in_data_they_happened() {
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Row {
        labels: std::collections::BTreeMap<String, String>,
    }
    let raw = RawValue::from_string(r#"[{"labels":{}},{"labels":{"job":1}}]"#.into()).unwrap();
    let e = from_data::<Vec<Row>>(&raw).unwrap_err();
    assert_eq!(
        e,
        "data near `[{\"labels\":{}},{\"labels\":{\"job\":1`: invalid type: integer `1`, \
         expected a string"
    );
    let raw = RawValue::from_string("null".into()).unwrap();
    assert_eq!(
        from_data::<Vec<Row>>(&raw).unwrap_err(),
        "data near `null`: invalid type: null, expected a sequence"
    );
}

#[test]
fn long_and_multi_line_data_is_quoted_near_the_error_only() {
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Row {
        job: String,
    }
    let long = format!(
        r#"[{{"job":"{}"}},{{"job":"ü€ ok"}},{{"job":2}}]"#,
        "x".repeat(500)
    );
    let raw = RawValue::from_string(long).unwrap();
    assert_eq!(
        from_data::<Vec<Row>>(&raw).unwrap_err(),
        "data near `…xxxxxxxxxxxxx\"},{\"job\":\"ü€ ok\"},{\"job\":2`: invalid type: integer `2`, \
         expected a string"
    );
    let raw = RawValue::from_string("[\n {\"job\": \"a\"},\n {\"job\": null}\n]".into()).unwrap();
    assert_eq!(
        from_data::<Vec<Row>>(&raw).unwrap_err(),
        "data near `[\n {\"job\": \"a\"},\n {\"job\": null`: invalid type: null, expected a string"
    );
}
