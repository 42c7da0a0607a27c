//! The JSON envelope both Prometheus and the Pushgateway wrap answers in, and the classification
//! of a raw HTTP answer (status, Content-Type, body) into data or an [`ApiError`].

mod excerpt;
#[cfg(test)]
mod tests;

use crate::core::error::{ApiError, Backend};
use crate::core::json::{self, Value};
use crate::core::model::json::{kind, short, string_list};

pub use excerpt::body_excerpt;

/// A successful answer: the data plus the warnings and infos the server attached.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer<T> {
    pub data: T,
    pub warnings: Vec<String>,
    pub infos: Vec<String>,
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
    parse_data: impl FnOnce(&Value) -> Result<T, String>,
) -> Result<Answer<T>, ApiError> {
    let answer = decode_envelope(backend, status, content_type, body)?;
    let data =
        parse_data(&answer.data).map_err(|detail| ApiError::Malformed { backend, detail })?;
    Ok(Answer {
        data,
        warnings: answer.warnings,
        infos: answer.infos,
    })
}

/// All of [`decode_answer`] but reading `data`. Not generic: compiled once, not once per
/// answer type (bench/NOTES.md §1).
fn decode_envelope(
    backend: Backend,
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<Answer<Value>, ApiError> {
    let ok_status = (200..300).contains(&status);
    let malformed = |detail: String| ApiError::Malformed { backend, detail };
    let http = || ApiError::Http {
        backend,
        status,
        body_excerpt: body_excerpt(body),
    };

    let declared_json = content_type.is_none_or(is_json_content_type);
    // An HTML or plain-text page is never parsed: nginx and a starting Prometheus send those.
    let parsed = if declared_json {
        Some(json::parse(body))
    } else {
        None
    };
    let cut_off = matches!(&parsed, Some(Err(e)) if e.eof);
    let Some(Ok(json)) = parsed else {
        if !ok_status {
            return Err(http());
        }
        let what = content_type.unwrap_or("no Content-Type");
        let detail = if body.trim().is_empty() {
            format!("empty body ({what})")
        } else if cut_off {
            // A truncated answer: its start is valid JSON, so the excerpt would say nothing.
            format!(
                "invalid JSON: the answer is cut off after {} bytes",
                body.len()
            )
        } else if declared_json {
            format!("invalid JSON: {}", body_excerpt(body))
        } else {
            format!("expected JSON, got {what}: {}", body_excerpt(body))
        };
        return Err(malformed(detail));
    };

    let mut envelope = match json {
        Value::Object(envelope) => envelope,
        _ if !ok_status => return Err(http()),
        other => {
            return Err(malformed(format!(
                "expected an object, got {}",
                kind(&other)
            )))
        }
    };

    match envelope.get("status").and_then(Value::as_str) {
        // An error envelope wins over the HTTP status: Prometheus uses 400, 422, 503 and more.
        Some("error") => Err(ApiError::Api {
            backend,
            error_type: text_or(envelope.get("errorType"), "unknown"),
            message: text_or(envelope.get("error"), ""),
        }),
        _ if !ok_status => Err(http()),
        Some("success") => {
            let warnings = notes(envelope.get("warnings"), "warnings").map_err(malformed)?;
            let infos = notes(envelope.get("infos"), "infos").map_err(malformed)?;
            let data = envelope
                .remove("data")
                .ok_or_else(|| malformed("missing field `data`".into()))?;
            Ok(Answer {
                data,
                warnings,
                infos,
            })
        }
        Some(other) => Err(malformed(format!("unknown status {:?}", other))),
        None => Err(malformed(match envelope.get("status") {
            None => "missing field `status`".into(),
            Some(v) => format!("status: expected a string, got {}", short(v)),
        })),
    }
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
fn text_or(v: Option<&Value>, default: &str) -> String {
    match v {
        None | Some(Value::Null) => default.to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => short(other),
    }
}

/// `warnings` / `infos`: absent or null means none.
fn notes(v: Option<&Value>, what: &str) -> Result<Vec<String>, String> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(v) => string_list(v, what),
    }
}
