//! The reader against serde_json: the same value or an error for every text, and the same
//! answer to "was it cut off?".

use super::*;
use crate::core::fuzz_tests::json::FIXTURES;
use proptest::prelude::*;

/// Both readers on `text`: equal values, or both errors with the same cut-off verdict.
fn agrees_with_serde_json(text: &str) -> Result<(), String> {
    let ours = parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (ours, theirs) {
        (Ok(ours), Ok(theirs)) => {
            let theirs = Value::from(theirs);
            if same(&ours, &theirs) {
                Ok(())
            } else {
                Err(format!("{text:?}: read {ours:?}, serde_json {theirs:?}"))
            }
        }
        (Err(ours), Err(theirs)) if ours.eof == theirs.is_eof() => Ok(()),
        (ours, theirs) => Err(format!("{text:?}: read {ours:?}, serde_json {theirs:?}")),
    }
}

/// Equal trees; numbers may differ in the last bit, as serde_json's default float reader is
/// not always correctly rounded (this one is: core::float_parse).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.to_bits().abs_diff(y.to_bits()) <= 1,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| x.0 == y.0 && same(x.1, y.1))
        }
        _ => a == b,
    }
}

#[test]
fn reads_every_kind_of_value() {
    let text = r#" {"s": "a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00", "n": [0, -0.5, 1e3, 1E-2, 12.5e+1],
        "t": true, "f": false, "z": null, "o": {}, "a": []} "#;
    let value = parse(text).unwrap();
    let obj = value.as_object().unwrap();
    assert_eq!(obj.len(), 7);
    assert_eq!(
        value.get("s").unwrap().as_str(),
        Some("a\"\\/\u{8}\u{c}\n\r\té😀")
    );
    let numbers: Vec<f64> = value
        .get("n")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_f64().unwrap())
        .collect();
    assert_eq!(numbers, [0.0, -0.5, 1000.0, 0.01, 125.0]);
    assert_eq!(value.get("t").unwrap().as_bool(), Some(true));
    assert_eq!(value.get("z"), Some(&Value::Null));
    assert!(value.get("o").unwrap().as_object().unwrap().is_empty());
    agrees_with_serde_json(text).unwrap();
}

#[test]
fn keys_come_sorted_and_the_last_of_a_repeated_key_wins() {
    let value = parse(r#"{"b": 1, "a": 2, "b": 3, "c": 4, "a": 5}"#).unwrap();
    let members: Vec<(&str, f64)> = value
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_f64().unwrap()))
        .collect();
    assert_eq!(members, [("a", 5.0), ("b", 3.0), ("c", 4.0)]);
    assert!(value.as_object().unwrap().contains_key("c"));
    assert!(!value.as_object().unwrap().contains_key("d"));
    let Value::Object(mut members) = value else {
        unreachable!()
    };
    assert_eq!(members.remove("b"), Some(Value::Number(3.0)));
    assert_eq!(members.get("b"), None);
    assert_eq!((members.remove("b"), members.len()), (None, 2));
}

#[test]
fn refuses_what_is_not_json_and_says_where() {
    for (text, at) in [
        ("{\"a\" 1}", 5),
        ("[1,]", 3),
        ("[1 2]", 3),
        ("01", 1),
        ("+1", 0),
        ("1.e5", 2),
        (".5", 0),
        ("NaN", 0),
        ("1e400", 0),
        ("\"a\u{1}\"", 2),
        ("\"\\x\"", 2),
        ("\"\\ud800x\"", 7),
        ("\"\\udc00\"", 7),
        ("{1: 2}", 1),
        ("truex", 4),
        ("[] []", 3),
    ] {
        let error = parse(text).unwrap_err();
        assert_eq!(error.at, at, "{text:?}: {error}");
        assert!(!error.eof, "{text:?}: {error}");
        agrees_with_serde_json(text).unwrap();
    }
}

#[test]
fn knows_a_cut_off_text_from_a_wrong_one() {
    for text in [
        "",
        "{",
        "[1, ",
        "{\"a\": ",
        "\"abc",
        "tru",
        "-",
        "1.",
        "1e",
        "\"\\u00",
        "\"\\u-",
        "\"\\ud800",
        "\"\\ud800\\",
        "  ",
    ] {
        assert!(parse(text).unwrap_err().eof, "{text:?}");
        agrees_with_serde_json(text).unwrap();
    }
}

#[test]
fn nesting_is_bounded_as_in_serde_json() {
    let ok = format!("{}{}", "[".repeat(127), "]".repeat(127));
    assert!(parse(&ok).is_ok());
    let deep = format!("{}{}", "[".repeat(128), "]".repeat(128));
    assert_eq!(parse(&deep).unwrap_err().what, "nested too deep");
    // Far deeper than any stack would take by recursion: refused, not overflowed.
    assert!(parse(&"[{\"a\":".repeat(100_000)).is_err());
    agrees_with_serde_json(&ok).unwrap();
    agrees_with_serde_json(&deep).unwrap();
}

#[test]
fn numbers_are_the_nearest_f64() {
    for text in [
        "0.1",
        "1732512345.123456",
        "2.2250738585072011e-308",
        "4.9e-324",
        "1e-400",
        "18446744073709551617",
        "-0",
        "9007199254740993",
    ] {
        let n = parse(text).unwrap().as_f64().unwrap();
        assert_eq!(
            n.to_bits(),
            text.parse::<f64>().unwrap().to_bits(),
            "{text}"
        );
    }
}

#[test]
fn writes_back_as_compact_json() {
    let value =
        parse(r#"{"error": 42, "b": [1.5, -0.0, 1e300, -3, 9007199254740993], "a": "q\"é"}"#)
            .unwrap();
    assert_eq!(
        value.to_string(),
        r#"{"a":"q\"é","b":[1.5,-0.0,1e300,-3,9007199254740992.0],"error":42}"#
    );
    assert_eq!(parse(&value.to_string()).unwrap(), value);
}

#[test]
fn every_fixture_and_every_cut_of_it_reads_as_serde_json_reads_it() {
    for (_, path, text) in FIXTURES {
        agrees_with_serde_json(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        for end in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            agrees_with_serde_json(&text[..end]).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
}

/// Pieces that make JSON, nearly-JSON and junk when strung together.
fn token() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        " ",
        "\n",
        "\"a\"",
        "\"é\"",
        "\"\\u00e9\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud800\"",
        "\"\\\"\"",
        "\"",
        "\\",
        "\\u",
        "0",
        "-0",
        "1",
        "-",
        "1.5",
        "1e3",
        ".",
        "e",
        "01",
        "true",
        "tru",
        "null",
        "false",
        "x",
        "\u{1}",
        "😀",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn strings_of_tokens_read_as_serde_json_reads_them(tokens in proptest::collection::vec(token(), 0..24)) {
        let text: String = tokens.concat();
        prop_assert!(agrees_with_serde_json(&text).is_ok(), "{}", agrees_with_serde_json(&text).unwrap_err());
    }

    #[test]
    fn any_text_reads_without_panic_as_serde_json_reads_it(text in "\\PC{0,40}") {
        prop_assert!(agrees_with_serde_json(&text).is_ok(), "{}", agrees_with_serde_json(&text).unwrap_err());
    }
}
