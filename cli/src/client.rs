//! The command's only HTTP code (reqwest): the gateway's calls, returning the core's types and
//! its one error type, and the core's cleanup steps' needs (`CleanupIo`).

use gatewatch_core::gateway::bulk_delete::{
    decode_bulk_answer, decode_delete_answer, request_body,
};
use gatewatch_core::gateway::cleanup::{Outcome, Previewed};
use gatewatch_core::gateway::cleanup_flow::CleanupIo;
use gatewatch_core::gateway::grouping_key::GroupKey;
use gatewatch_core::gateway::model::{decode_groups, GatewayGroup};
use gatewatch_core::http::endpoints::{self, join};
use gatewatch_core::http::error::{ApiError, Backend};
use reqwest::Method;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const BACKEND: Backend = Backend::Pushgateway;
/// A gateway listing 10,000 groups answers 9 MB; give it time, but never hang a cron job.
const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Gateway {
    http: reqwest::Client,
}

struct Raw {
    status: u16,
    content_type: Option<String>,
    body: String,
}

impl Gateway {
    pub fn new() -> Result<Gateway, String> {
        let http = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .user_agent(concat!("gatewatch/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot set up HTTP: {e}"))?;
        Ok(Gateway { http })
    }

    async fn send(&self, method: Method, url: &str, json: Option<String>) -> Result<Raw, ApiError> {
        let unreachable = |e: reqwest::Error| ApiError::Unreachable {
            backend: BACKEND,
            detail: describe(e),
        };
        let mut request = self
            .http
            .request(method, url)
            .header("Accept", "application/json");
        if let Some(body) = json {
            request = request
                .header("Content-Type", "application/json")
                .body(body);
        }
        let response = request.send().await.map_err(unreachable)?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let bytes = response.bytes().await.map_err(unreachable)?;
        Ok(Raw {
            status,
            content_type,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }

    /// Every group of one gateway, its error naming the gateway.
    pub async fn list(&self, base: &str) -> Result<Vec<GatewayGroup>, ApiError> {
        let raw = self
            .send(Method::GET, &join(base, endpoints::GATEWAY_METRICS), None)
            .await
            .map_err(|e| e.on_gateway(base))?;
        decode_groups(raw.status, raw.content_type.as_deref(), &raw.body)
            .map_err(|e| e.on_gateway(base))
    }
}

/// reqwest's error without its URL (the message names the gateway already), with its cause.
fn describe(e: reqwest::Error) -> String {
    if e.is_timeout() {
        return format!("no answer within {} s", TIMEOUT.as_secs());
    }
    if e.is_connect() {
        return "connection refused or no route".to_string();
    }
    let cause = std::error::Error::source(&e).map(ToString::to_string);
    let what = e.without_url().to_string();
    match cause {
        Some(cause) => format!("{what}: {cause}"),
        None => what,
    }
}

impl CleanupIo for Gateway {
    async fn list_groups(&self, base: &str) -> Result<Vec<GatewayGroup>, ApiError> {
        self.list(base).await
    }

    /// The gateway answers 202 and deletes later, also for unknown groups: the caller verifies.
    async fn delete_group(&self, base: &str, key: &GroupKey) -> Result<(), ApiError> {
        let url = join(base, &endpoints::gateway_group(key));
        let raw = self.send(Method::DELETE, &url, None).await?;
        decode_delete_answer(raw.status, raw.content_type.as_deref(), &raw.body)
    }

    /// The console's bulk endpoint, where the base is the console's nginx proxy; a gateway
    /// itself has none (`Ok(None)`: the core deletes one by one).
    async fn bulk_delete(
        &self,
        base: &str,
        batch: &[Previewed],
    ) -> Result<Option<Vec<Outcome>>, ApiError> {
        let body = request_body(batch)?;
        let url = join(base, endpoints::GATEWAY_BULK_DELETE);
        let raw = self.send(Method::POST, &url, Some(body)).await?;
        decode_bulk_answer(
            raw.status,
            raw.content_type.as_deref(),
            &raw.body,
            batch.len(),
        )
    }

    async fn pause(&self, ms: u32) {
        tokio::time::sleep(Duration::from_millis(ms.into())).await;
    }

    fn now(&self) -> f64 {
        now()
    }
}

/// Seconds since the epoch.
pub fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}
