//! Pushgateway calls: list groups, read status, delete one group by its exact grouping key, and
//! delete a batch through the console's bulk endpoint.

use super::{send, Body, RawAnswer};
use gatewatch_core::gateway::bulk_delete::{
    decode_bulk_answer, decode_delete_answer, request_body,
};
use gatewatch_core::gateway::cleanup::{Outcome, Previewed};
use gatewatch_core::gateway::grouping_key::GroupKey;
use gatewatch_core::gateway::model::{decode_groups, parse_status, GatewayGroup, GatewayStatus};
use gatewatch_core::http::endpoints::{self, join};
use gatewatch_core::http::envelope::decode_answer;
use gatewatch_core::http::error::{ApiError, Backend};
use gloo_net::http::Method;
use serde_json::value::RawValue;

const BACKEND: Backend = Backend::Pushgateway;

pub async fn list_groups(base: &str) -> Result<Vec<GatewayGroup>, ApiError> {
    let raw = send(
        BACKEND,
        Method::GET,
        &join(base, endpoints::GATEWAY_METRICS),
        None,
    )
    .await?;
    decode_groups(raw.status, raw.content_type.as_deref(), &raw.body)
}

pub async fn status(base: &str) -> Result<GatewayStatus, ApiError> {
    let raw = send(
        BACKEND,
        Method::GET,
        &join(base, endpoints::GATEWAY_STATUS),
        None,
    )
    .await?;
    decode(raw, parse_status)
}

/// Asks the gateway to delete the group. The gateway answers 202 and deletes asynchronously,
/// also for groups that do not exist: callers must re-read the list to know it is gone.
pub async fn delete_group(base: &str, key: &GroupKey) -> Result<(), ApiError> {
    let url = join(base, &endpoints::gateway_group(key));
    let raw = send(BACKEND, Method::DELETE, &url, None).await?;
    decode_delete_answer(raw.status, raw.content_type.as_deref(), &raw.body)
}

/// Deletes a batch through the console's nginx (deploy/nginx/bulk_delete.js), which re-reads the
/// list and deletes the groups nobody pushed to since `batch` was previewed. One outcome per
/// group, in order; `Ok(None)` when there is no such endpoint (the caller deletes one by one).
pub async fn bulk_delete(
    base: &str,
    batch: &[Previewed],
) -> Result<Option<Vec<Outcome>>, ApiError> {
    let body = request_body(batch)?;
    let url = join(base, endpoints::GATEWAY_BULK_DELETE);
    let raw = send(BACKEND, Method::POST, &url, Some(Body::Json(body))).await?;
    decode_bulk_answer(
        raw.status,
        raw.content_type.as_deref(),
        &raw.body,
        batch.len(),
    )
}

fn decode<T>(
    raw: RawAnswer,
    parse: impl FnOnce(&RawValue) -> Result<T, String>,
) -> Result<T, ApiError> {
    decode_answer(
        BACKEND,
        raw.status,
        raw.content_type.as_deref(),
        &raw.body,
        parse,
    )
    .map(|a| a.data)
}
