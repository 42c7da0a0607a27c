//! The bulk delete's wire format: a batch of previewed groups for nginx's bulk endpoint
//! (deploy/nginx/bulk_delete.js), and the per-group outcomes it answers.
//!
//! A browser spends ~1-1.5 ms of its own time on every fetch, so 1,000 single deletes cost
//! seconds whatever the gateway does; one request per batch moves the deletes (and the re-check
//! right before them) next to the gateway.

#[cfg(test)]
mod tests;

use crate::gateway::cleanup::{Outcome, Previewed, Recheck};
use crate::gateway::grouping_key::GroupKey;
use crate::gateway::model::Labels;
use crate::http::de::from_data;
use crate::http::envelope::decode_answer;
use crate::http::error::{ApiError, Backend};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_with::{serde_as, DefaultOnError};

/// Groups per request: each batch is re-checked against one fresh read of the group list, so
/// this bounds how long a re-check can be older than its delete (a few ms per batch).
pub const BULK_BATCH: usize = 200;

/// The JSON body for one batch: each group's path (every label @base64), its labels and the push
/// times the preview showed. Fails on a group whose labels make no valid grouping key.
pub fn request_body(batch: &[Previewed]) -> Result<String, ApiError> {
    batch_json(batch).map_err(|detail| ApiError::Malformed {
        backend: Backend::Pushgateway,
        detail: format!("the batch cannot be sent: {detail}"),
    })
}

fn batch_json(batch: &[Previewed]) -> Result<String, String> {
    let groups = batch
        .iter()
        .map(|p| {
            let key = GroupKey::from_labels(&p.labels).map_err(|e| e.to_string())?;
            Ok(BatchGroup {
                path: key.path(),
                labels: &p.labels,
                push_time: p.push_time,
                push_failure_time: p.push_failure_time,
            })
        })
        .collect::<Result<Vec<BatchGroup>, String>>()?;
    serde_json::to_string(&Batch { groups })
        .map_err(|e| format!("the batch cannot be written: {e}"))
}

#[derive(Serialize)]
struct Batch<'a> {
    groups: Vec<BatchGroup<'a>>,
}

#[derive(Serialize)]
struct BatchGroup<'a> {
    path: String,
    labels: &'a Labels,
    push_time: Option<f64>,
    push_failure_time: Option<f64>,
}

/// Reads the endpoint's `data`: one outcome per group sent, in order. "deleted" means the
/// gateway accepted the delete; the caller still verifies it by re-reading the list.
pub fn parse_outcomes(data: &RawValue, sent: usize) -> Result<Vec<Outcome>, String> {
    let items: Vec<WireOutcome> = from_data(data)?;
    if items.len() != sent {
        return Err(format!(
            "the bulk delete answered {} outcomes for {sent} groups",
            items.len()
        ));
    }
    items.into_iter().map(Outcome::try_from).collect()
}

/// `{"outcome": "failed", "detail": "the gateway answered HTTP 500"}`.
#[serde_as]
#[derive(Deserialize)]
#[serde(expecting = "an outcome object")]
struct WireOutcome {
    outcome: String,
    /// Shown as given; one that is not a string is as good as none.
    #[serde_as(as = "DefaultOnError")]
    #[serde(default)]
    detail: Option<String>,
}

impl TryFrom<WireOutcome> for Outcome {
    type Error = String;

    fn try_from(wire: WireOutcome) -> Result<Outcome, String> {
        Ok(match wire.outcome.as_str() {
            "deleted" => Outcome::Deleted,
            "pushed_again" => Outcome::Kept(Recheck::PushedAgain),
            "gone" => Outcome::Kept(Recheck::AlreadyGone),
            "failed" => Outcome::Failed(wire.detail.unwrap_or_else(|| "no detail given".into())),
            other => return Err(format!("unknown bulk delete outcome {other:?}")),
        })
    }
}

/// True when the answer says the endpoint does not exist here (a gateway addressed directly, or
/// an nginx without the bulk location): the console then deletes group by group.
pub fn endpoint_missing(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::Http {
            status: 404 | 405 | 501,
            ..
        }
    )
}

/// The bulk endpoint's answer: one outcome per group sent, or `Ok(None)` when there is no such
/// endpoint (the caller deletes group by group).
pub fn decode_bulk_answer(
    status: u16,
    content_type: Option<&str>,
    body: &str,
    sent: usize,
) -> Result<Option<Vec<Outcome>>, ApiError> {
    let answer = decode_answer(Backend::Pushgateway, status, content_type, body, |data| {
        parse_outcomes(data, sent)
    });
    match answer {
        Ok(answer) => Ok(Some(answer.data)),
        Err(e) if endpoint_missing(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

/// A delete's answer: any 2xx is accepted (the gateway queues it: 202, also for an unknown
/// group); an error is named by the envelope decoder (API error JSON, or an HTML/text page).
pub fn decode_delete_answer(
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> Result<(), ApiError> {
    if (200..300).contains(&status) {
        return Ok(());
    }
    match decode_answer(Backend::Pushgateway, status, content_type, body, |_| Ok(())) {
        Ok(_) => Err(ApiError::Malformed {
            backend: Backend::Pushgateway,
            detail: "the delete was answered with an error status but a success body".into(),
        }),
        Err(e) => Err(e),
    }
}
