//! Serde pieces the answer models share: sample values sent as strings, `null` read as empty,
//! and a parse error that quotes where in `data` it happened.

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

/// Reads `data` as `T`; an error quotes the text where it went wrong (see [`located`]).
pub(crate) fn from_data<T: DeserializeOwned>(data: &RawValue) -> Result<T, String> {
    serde_json::from_str(data.get()).map_err(|e| located("data", data.get(), &e))
}

/// How much of the text before an error [`located`] quotes.
const EXCERPT_CHARS: usize = 40;

/// serde_json's message for `text`, with the text just before where it stopped in place of its
/// "at line 1 column 1234" (`data near `[{"job":1`: invalid type: integer `1`, expected a
/// string`): a column says nothing to a reader, the JSON around it does. The field's path
/// (serde_path_to_error) would say it more neatly, but reading every model through its
/// wrapper doubled their code, ≈29 KB of the bundle.
pub(crate) fn located(what: &str, text: &str, e: &serde_json::Error) -> String {
    let message = without_position(e);
    let mut before = &text[..byte_offset(text, e.line(), e.column())];
    if before.trim().is_empty() {
        // Stopped before the first value (a map where a list belongs): quote how it starts.
        let end = text
            .char_indices()
            .nth(EXCERPT_CHARS)
            .map_or(text.len(), |(i, _)| i);
        before = &text[..end];
    }
    let skip = before.chars().count().saturating_sub(EXCERPT_CHARS);
    match before.char_indices().nth(skip) {
        Some((i, _)) if skip > 0 => format!("{what} near `…{}`: {message}", &before[i..]),
        Some(_) => format!("{what} near `{before}`: {message}"),
        None => format!("{what}: {message}"),
    }
}

/// The byte offset of serde_json's one-based line and column (column 0: the line's start),
/// clamped to `text` and to a character boundary.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut at = (line_start + column).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// serde_json's message without its " at line 1 column 1234".
fn without_position(e: &serde_json::Error) -> String {
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
