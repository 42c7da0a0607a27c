//! The JSON envelope both Prometheus and the Pushgateway wrap answers in, and the classification
//! of a raw HTTP answer (status, Content-Type, body) into data or an [`ApiError`].

#[cfg(test)]
mod tests;

mod excerpt;

use crate::http::de::located;
use crate::http::error::{ApiError, Backend};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::error::Category;
use serde_json::value::RawValue;
use serde_json::Value;

pub use excerpt::body_excerpt;

/// A successful answer: the data plus the warnings and infos the server attached.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer<T> {
    pub data: T,
    pub warnings: Vec<String>,
    pub infos: Vec<String>,
}

/// `{"status": "success", "data": …, "warnings": […], "infos": […]}` or
/// `{"status": "error", "errorType": "bad_data", "error": "…"}`. `data` stays JSON text here:
/// the caller reads it into the model it expects.
#[derive(Deserialize)]
#[serde(expecting = "an object")]
struct Envelope<'a> {
    /// "success" or "error"; read as text so that another word is an answer to name.
    status: String,
    /// Any JSON: a non-string is shown as JSON rather than dropped.
    #[serde(rename = "errorType")]
    error_type: Option<Value>,
    error: Option<Value>,
    warnings: Option<Vec<String>>,
    infos: Option<Vec<String>>,
    /// `Some` whenever the key is there, `null` included (the data parser names it).
    #[serde(default, borrow, deserialize_with = "present")]
    data: Option<&'a RawValue>,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<&'de RawValue>, D::Error> {
    <&RawValue>::deserialize(d).map(Some)
}

/// Turns one HTTP answer into typed data or the error to show.
///
/// `content_type: None` means the header was missing or unreadable; the body is then tried as
/// JSON, since the envelope itself says whether it is an answer.
pub fn decode_answer<T>(
    backend: Backend,
    status: u16,
    content_type: Option<&str>,
    body: &str,
    parse_data: impl FnOnce(&RawValue) -> Result<T, String>,
) -> Result<Answer<T>, ApiError> {
    let answer = decode_envelope(backend, status, content_type, body)?;
    let data = parse_data(answer.data).map_err(|detail| ApiError::Malformed { backend, detail })?;
    Ok(Answer {
        data,
        warnings: answer.warnings,
        infos: answer.infos,
    })
}

/// A successful answer read in one pass, `data` included.
#[derive(Deserialize)]
struct Success<T> {
    status: String,
    data: T,
    warnings: Option<Vec<String>>,
    infos: Option<Vec<String>>,
}

/// As [`decode_answer`], for data serde reads straight from the body: a successful answer is
/// read in one pass, the envelope and `data` at once, where `decode_answer` reads the body
/// twice (the envelope, then `data`). For the gateway's list, 9 MB at 10,000 groups, that
/// is a third of the parsing (bench/NOTES.md §4). Anything but a success is read again by
/// `decode_answer`, `parse_data` included, which says what is wrong.
pub fn decode_answer_in_one_pass<T: DeserializeOwned>(
    backend: Backend,
    status: u16,
    content_type: Option<&str>,
    body: &str,
    parse_data: impl FnOnce(&RawValue) -> Result<T, String>,
) -> Result<Answer<T>, ApiError> {
    if (200..300).contains(&status) && content_type.is_none_or(is_json_content_type) {
        if let Ok(answer) = serde_json::from_str::<Success<T>>(body) {
            if answer.status == "success" {
                return Ok(Answer {
                    data: answer.data,
                    warnings: answer.warnings.unwrap_or_default(),
                    infos: answer.infos.unwrap_or_default(),
                });
            }
        }
    }
    decode_answer(backend, status, content_type, body, parse_data)
}

/// All of [`decode_answer`] but reading `data`. Not generic: compiled once, not once per
/// answer type.
fn decode_envelope<'a>(
    backend: Backend,
    status: u16,
    content_type: Option<&str>,
    body: &'a str,
) -> Result<Answer<&'a RawValue>, ApiError> {
    let ok_status = (200..300).contains(&status);
    let malformed = |detail: String| ApiError::Malformed { backend, detail };
    let http = || ApiError::Http {
        backend,
        status,
        body_excerpt: body_excerpt(body),
    };

    let what = content_type.unwrap_or("no Content-Type");
    // An HTML or plain-text page is never parsed: nginx and a starting Prometheus send those.
    if !content_type.is_none_or(is_json_content_type) {
        return Err(if !ok_status {
            http()
        } else if body.trim().is_empty() {
            malformed(format!("empty body ({what})"))
        } else {
            malformed(format!("expected JSON, got {what}: {}", body_excerpt(body)))
        });
    }
    let envelope = match serde_json::from_str::<Envelope>(body) {
        Ok(envelope) => envelope,
        Err(_) if !ok_status => return Err(http()),
        Err(e) => {
            return Err(malformed(match e.classify() {
                _ if body.trim().is_empty() => format!("empty body ({what})"),
                // A truncated answer: its start is valid JSON, so the excerpt would say nothing.
                Category::Eof => format!(
                    "invalid JSON: the answer is cut off after {} bytes",
                    body.len()
                ),
                Category::Syntax | Category::Io => format!("invalid JSON: {}", body_excerpt(body)),
                Category::Data => envelope_error(body, &e),
            }));
        }
    };

    match envelope.status.as_str() {
        // An error envelope wins over the HTTP status: Prometheus uses 400, 422, 503 and more.
        "error" => Err(ApiError::Api {
            backend,
            error_type: text_or(envelope.error_type, "unknown"),
            message: text_or(envelope.error, ""),
        }),
        _ if !ok_status => Err(http()),
        "success" => Ok(Answer {
            data: envelope
                .data
                .ok_or_else(|| malformed("missing field `data`".into()))?,
            warnings: envelope.warnings.unwrap_or_default(),
            infos: envelope.infos.unwrap_or_default(),
        }),
        other => Err(malformed(format!("unknown status {other:?}"))),
    }
}

/// What is wrong with an envelope that is JSON but not of the envelope's shape, quoting the
/// answer where it went wrong.
fn envelope_error(body: &str, e: &serde_json::Error) -> String {
    located("answer", body, e)
}

/// `application/json`, with or without parameters, and `+json` types (`application/problem+json`).
pub fn is_json_content_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// A string field of the error envelope; a non-string is shown as JSON rather than dropped.
fn text_or(v: Option<Value>, default: &str) -> String {
    match v {
        None | Some(Value::Null) => default.to_owned(),
        Some(Value::String(s)) => s,
        Some(other) => short(&other),
    }
}

/// A value for an error message, as compact JSON, cut so a 10 MB string does not end up in
/// the UI.
fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}
