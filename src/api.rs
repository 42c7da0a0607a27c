//! The only HTTP code: sends requests with gloo-net and returns core types or one [`ApiError`].
//!
//! Every call aborts its request when its future is dropped, so a view that re-runs a query
//! cancels the stale one instead of letting answers pile up.

pub mod cleanup;
pub mod gateway;
pub mod prometheus;

use gatewatch_core::http::error::{ApiError, Backend};
use gloo_net::http::{Method, RequestBuilder};
use web_sys::AbortController;

/// What came back over HTTP, before the envelope is read.
pub(crate) struct RawAnswer {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: String,
}

/// Aborts the fetch if the future holding it is dropped before it completes.
struct AbortOnDrop(Option<AbortController>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = self.0.take() {
            controller.abort();
        }
    }
}

/// A request body and its Content-Type.
pub(crate) enum Body {
    /// `application/x-www-form-urlencoded` (PromQL queries).
    Form(String),
    /// `application/json` (the bulk delete).
    Json(String),
}

/// Sends one request, with an optional body.
pub(crate) async fn send(
    backend: Backend,
    method: Method,
    url: &str,
    body: Option<Body>,
) -> Result<RawAnswer, ApiError> {
    let unreachable = |detail: String| ApiError::Unreachable { backend, detail };
    let controller = AbortController::new().ok();
    let mut guard = AbortOnDrop(controller.clone());
    let signal = controller.as_ref().map(|c| c.signal());
    let builder = RequestBuilder::new(url)
        .method(method)
        .abort_signal(signal.as_ref())
        .header("Accept", "application/json");
    let request = match body {
        Some(Body::Form(text)) => builder
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(text),
        Some(Body::Json(text)) => builder
            .header("Content-Type", "application/json")
            .body(text),
        None => builder.build(),
    }
    .map_err(|e| unreachable(format!("the request could not be built ({e})")))?;
    let response = request
        .send()
        .await
        .map_err(|e| unreachable(describe_network_error(&e.to_string())))?;
    let status = response.status();
    let content_type = response.headers().get("content-type");
    // As bytes: `text()` would decode the answer into a JS string only for wasm-bindgen to
    // encode it back into UTF-8 in wasm memory (≈30 ms for the gateway's 9 MB list). Invalid
    // UTF-8 is replaced, as `text()` does.
    let bytes = response.binary().await.map_err(|e| {
        unreachable(format!(
            "the connection broke while reading the answer ({e})"
        ))
    })?;
    let body = String::from_utf8(bytes)
        .unwrap_or_else(|invalid| String::from_utf8_lossy(invalid.as_bytes()).into_owned());
    // Completed: nothing left to abort.
    guard.0 = None;
    Ok(RawAnswer {
        status,
        content_type,
        body,
    })
}

fn describe_network_error(raw: &str) -> String {
    if raw.contains("Failed to fetch") || raw.contains("NetworkError") {
        "no answer (the server is down, the address is wrong, or the browser blocked the request)"
            .to_string()
    } else {
        raw.to_string()
    }
}
