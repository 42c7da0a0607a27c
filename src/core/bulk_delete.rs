//! The bulk delete's wire format: a batch of previewed groups for nginx's bulk endpoint
//! (deploy/nginx/bulk_delete.js), and the per-group outcomes it answers.
//!
//! A browser spends ~1-1.5 ms of its own time on every fetch, so 1,000 single deletes cost
//! seconds whatever the gateway does; one request per batch moves the deletes (and the re-check
//! right before them) next to the gateway.

use super::cleanup::{Outcome, Previewed, Recheck};
use super::error::ApiError;
use super::grouping_key::GroupKey;
use super::model::de::from_data;
use super::model::gateway::Labels;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_with::{serde_as, DefaultOnError};

/// Groups per request: each batch is re-checked against one fresh read of the group list, so
/// this bounds how long a re-check can be older than its delete (a few ms per batch).
pub const BULK_BATCH: usize = 200;

/// The JSON body for one batch: each group's path (every label @base64), its labels and the push
/// times the preview showed. Fails on a group whose labels make no valid grouping key.
pub fn request_body(batch: &[Previewed]) -> Result<String, String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::Backend;
    use crate::core::model::de::raw;
    use crate::core::model::labels_from_pairs;
    use serde_json::json;

    fn previewed(labels: &[(&str, &str)], push_time: Option<f64>) -> Previewed {
        Previewed {
            gateway: "/pushgateway".into(),
            labels: labels_from_pairs(labels),
            push_time,
            push_failure_time: None,
            expected_interval: None,
            stale_after: 600.0,
        }
    }

    #[test]
    fn the_body_carries_paths_labels_and_exact_times() {
        let batch = [
            previewed(
                &[("job", "u/admin/x"), ("instance", "")],
                Some(1_700_000_000.123_456_7),
            ),
            previewed(&[("job", "f/é \"q\" %2F")], None),
        ];
        let body: serde_json::Value = serde_json::from_str(&request_body(&batch).unwrap()).unwrap();
        let groups = body["groups"].as_array().unwrap();
        assert_eq!(groups.len(), 2);
        assert_eq!(
            groups[0]["path"],
            "/metrics/job@base64/dS9hZG1pbi94/instance@base64/="
        );
        assert_eq!(groups[0]["labels"]["job"], "u/admin/x");
        // The time survives the round trip bit for bit: the endpoint compares it with `>`.
        assert_eq!(
            groups[0]["push_time"].as_f64(),
            Some(1_700_000_000.123_456_7)
        );
        assert_eq!(groups[1]["push_time"], serde_json::Value::Null);
        assert_eq!(groups[1]["labels"]["job"], "f/é \"q\" %2F");
    }

    #[test]
    fn a_group_without_a_valid_key_fails_the_batch_before_sending() {
        let batch = [previewed(&[("instance", "a")], Some(1.0))];
        assert!(request_body(&batch).unwrap_err().contains("no job"));
    }

    #[test]
    fn outcomes_are_read_in_order() {
        let data = json!([
            {"outcome": "deleted"}, {"outcome": "pushed_again"}, {"outcome": "gone"},
            {"outcome": "failed", "detail": "the gateway answered HTTP 500"},
        ]);
        assert_eq!(
            parse_outcomes(&raw(data), 4).unwrap(),
            vec![
                Outcome::Deleted,
                Outcome::Kept(Recheck::PushedAgain),
                Outcome::Kept(Recheck::AlreadyGone),
                Outcome::Failed("the gateway answered HTTP 500".into()),
            ]
        );
    }

    #[test]
    fn a_malformed_answer_is_an_error_not_a_guess() {
        assert!(parse_outcomes(&raw(json!([{"outcome": "deleted"}])), 2)
            .unwrap_err()
            .contains("1 outcomes for 2 groups"));
        assert!(parse_outcomes(&raw(json!({"outcome": "deleted"})), 1).is_err());
        assert!(parse_outcomes(&raw(json!([{"outcome": "maybe"}])), 1).is_err());
        assert!(parse_outcomes(&raw(json!([{}])), 1).is_err());
        assert!(parse_outcomes(&raw(json!([7])), 1).is_err());
    }

    #[test]
    fn only_a_missing_endpoint_means_fall_back() {
        let http = |status| ApiError::Http {
            backend: Backend::Pushgateway,
            status,
            body_excerpt: String::new(),
        };
        assert!(endpoint_missing(&http(404)));
        assert!(endpoint_missing(&http(405)));
        assert!(!endpoint_missing(&http(401)));
        assert!(!endpoint_missing(&http(502)));
        assert!(!endpoint_missing(&ApiError::Unreachable {
            backend: Backend::Pushgateway,
            detail: String::new()
        }));
    }
}
