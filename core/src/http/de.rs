//! Serde pieces the answer models share: sample values sent as strings, `null` read as empty,
//! and a parse error that says where in `data` it happened.

#[cfg(test)]
mod tests;

use serde::de::{self, DeserializeOwned, Deserializer, Unexpected, Visitor};
use serde_json::value::RawValue;
use serde_with::DeserializeAs;
use std::fmt;

/// Parses a sample value as both APIs send it: Go's `strconv.FormatFloat` spellings ("1.5",
/// "1.7e+09", "NaN", "+Inf", "-Inf"), which `str::parse::<f64>` all reads (it also takes "inf"
/// and "infinity" in any case). Empty and padded strings are refused.
pub fn parse_sample_value(s: &str) -> Option<f64> {
    s.parse().ok()
}

/// `#[serde_as(as = "Sample")]` on an `f64`: a sample value as a string, or a bare JSON number,
/// since Prometheus-compatible servers are not all strict.
pub(crate) struct Sample;

impl<'de> DeserializeAs<'de, f64> for Sample {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        deserializer.deserialize_any(SampleVisitor)
    }
}

struct SampleVisitor;

impl Visitor<'_> for SampleVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<f64, E> {
        parse_sample_value(s).ok_or_else(|| E::invalid_value(Unexpected::Str(s), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }
}

/// Reads `data` as `T`. On failure it is read again, tracking the path, to name where it went
/// wrong ("data.result[3].metric.job: invalid type: …"): tracking costs on every answer, and
/// a failure is rare.
pub(crate) fn from_data<T: DeserializeOwned>(data: &RawValue) -> Result<T, String> {
    serde_json::from_str(data.get()).map_err(|first| {
        let mut de = serde_json::Deserializer::from_str(data.get());
        match serde_path_to_error::deserialize::<_, T>(&mut de) {
            Err(e) => at_path("data", &e.path().to_string(), e.inner()),
            Ok(_) => without_position(&first),
        }
    })
}

/// `what` + the path of serde_path_to_error (`.` for the root) + the message.
pub(crate) fn at_path(what: &str, path: &str, e: &serde_json::Error) -> String {
    let message = without_position(e);
    match path {
        "." | "" => format!("{what}: {message}"),
        p if p.starts_with('[') => format!("{what}{p}: {message}"),
        p => format!("{what}.{p}: {message}"),
    }
}

/// serde_json's message without its " at line 1 column 1234": the column of `data` alone
/// would mislead, and the path says more.
pub(crate) fn without_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    match message.strip_suffix(&position) {
        Some(m) => m.to_owned(),
        None => message,
    }
}

/// `value` as the `data` a parser is handed: for tests' inputs.
#[cfg(test)]
pub(crate) fn raw(value: serde_json::Value) -> Box<RawValue> {
    serde_json::value::to_raw_value(&value).expect("JSON values always serialize")
}
