//! Small readers shared by the parsers: numbers sent as strings, label maps, string lists.
//! They return `Err(String)` naming the field, never panic.

use crate::core::float_parse::parse_f64;
use crate::core::json::{Map, Value};
use std::collections::BTreeMap;

/// Parses a sample value as both APIs send it: a string such as "1.5", "1.7e+09", "NaN", "+Inf",
/// "-Inf". A bare JSON number is accepted too, since Prometheus-compatible servers are not all strict.
pub fn parse_sample_value(v: &Value) -> Option<f64> {
    match v {
        Value::String(s) => parse_float_str(s),
        Value::Number(n) => Some(*n),
        _ => None,
    }
}

/// Go's strconv.FormatFloat spellings plus Rust's own; rejects empty and padded strings.
pub(crate) fn parse_float_str(s: &str) -> Option<f64> {
    if s.is_empty() || s.trim() != s {
        return None;
    }
    parse_f64(s)
}

pub(crate) fn object<'a>(v: &'a Value, what: &str) -> Result<&'a Map, String> {
    v.as_object()
        .ok_or_else(|| format!("{what}: expected an object, got {}", kind(v)))
}

pub(crate) fn array<'a>(v: &'a Value, what: &str) -> Result<&'a Vec<Value>, String> {
    v.as_array()
        .ok_or_else(|| format!("{what}: expected an array, got {}", kind(v)))
}

pub(crate) fn string<'a>(v: &'a Value, what: &str) -> Result<&'a str, String> {
    v.as_str()
        .ok_or_else(|| format!("{what}: expected a string, got {}", kind(v)))
}

/// A required field of an object.
pub(crate) fn field<'a>(obj: &'a Map, key: &str) -> Result<&'a Value, String> {
    obj.get(key).ok_or_else(|| format!("missing field `{key}`"))
}

/// A required string field.
pub(crate) fn str_field<'a>(obj: &'a Map, key: &str) -> Result<&'a str, String> {
    string(field(obj, key)?, key)
}

/// An optional string field: absent or null is `None`, another type is an error.
pub(crate) fn opt_str_field<'a>(obj: &'a Map, key: &str) -> Result<Option<&'a str>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => string(v, key).map(Some),
    }
}

/// A number field holding a sample value ("NaN" and friends included).
pub(crate) fn value_field(obj: &Map, key: &str) -> Result<f64, String> {
    let v = field(obj, key)?;
    parse_sample_value(v).ok_or_else(|| format!("{key}: not a number: {}", short(v)))
}

/// `{"name": "value", ...}` as a label map.
pub(crate) fn labels(v: &Value, what: &str) -> Result<BTreeMap<String, String>, String> {
    let mut labels = BTreeMap::new();
    for (k, v) in object(v, what)? {
        labels.insert(k.clone(), string(v, &format!("{what}.{k}"))?.to_owned());
    }
    Ok(labels)
}

/// `["a", "b"]` as strings.
pub(crate) fn string_list(v: &Value, what: &str) -> Result<Vec<String>, String> {
    array(v, what)?
        .iter()
        .enumerate()
        .map(|(i, s)| string(s, &format!("{what}[{i}]")).map(str::to_owned))
        .collect()
}

/// `[unix_seconds, "value"]`, the pair Prometheus uses for every sample.
pub(crate) fn sample_pair<'a>(v: &'a Value, what: &str) -> Result<(f64, &'a Value), String> {
    match array(v, what)?.as_slice() {
        [t, value] => {
            let t = parse_sample_value(t)
                .ok_or_else(|| format!("{what}: timestamp is not a number: {}", short(t)))?;
            Ok((t, value))
        }
        other => Err(format!(
            "{what}: expected [time, value], got {} items",
            other.len()
        )),
    }
}

pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value for an error message, as compact JSON, cut so a 10 MB string does not end up in
/// the UI.
pub(crate) fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::json::json;

    #[test]
    fn sample_values_parse_go_spellings() {
        for (s, want) in [
            ("1.5", 1.5),
            ("1.7e+09", 1.7e9),
            ("-1.5e-12", -1.5e-12),
            ("0", 0.0),
        ] {
            assert_eq!(parse_sample_value(&json!(s)), Some(want), "{s}");
        }
        assert_eq!(parse_sample_value(&json!("+Inf")), Some(f64::INFINITY));
        assert_eq!(parse_sample_value(&json!("-Inf")), Some(f64::NEG_INFINITY));
        assert!(parse_sample_value(&json!("NaN")).unwrap().is_nan());
        assert_eq!(parse_sample_value(&json!(2)), Some(2.0));
    }

    #[test]
    fn sample_values_reject_junk() {
        for v in [
            json!(""),
            json!(" 1"),
            json!("1 "),
            json!("abc"),
            json!(null),
            json!(true),
            json!([1]),
        ] {
            assert_eq!(parse_sample_value(&v), None, "{v}");
        }
    }

    #[test]
    fn labels_reject_non_string_values() {
        assert!(labels(&json!({"a": 1}), "labels")
            .unwrap_err()
            .contains("labels.a"));
        assert!(labels(&json!(null), "labels").is_err());
        assert_eq!(labels(&json!({}), "labels").unwrap().len(), 0);
    }

    #[test]
    fn short_cuts_long_values_on_char_boundaries() {
        let long = json!("é".repeat(1000));
        assert!(short(&long).chars().count() <= 61);
    }

    #[test]
    fn short_writes_values_as_compact_json() {
        let v = json!({"a": [1.5, -0.0, 1e300, "q\"é"], "b": null});
        assert_eq!(short(&v), r#"{"a":[1.5,-0.0,1e300,"q\"é"],"b":null}"#);
    }
}
