//! gatewatch's browser console: Leptos views over a Pushgateway and a Prometheus-compatible
//! backend. What it shares with the native command (models, PromQL, freshness and cleanup
//! rules) is the [`gatewatch_core`] crate; this crate adds the browser around it.
//!
//! - [`api`]: the only HTTP code (gloo-net); returns core types or one `ApiError`.
//! - [`views`]: Leptos components, one per file; they wire signals to `api` and the core.
//! - [`chart`]: the only drawing code (plotters on a canvas).
//! - [`app`]: the root component; [`router`]: the address bar; [`settings_store`]: localStorage.
// The console runs only in the browser; everything native lives in gatewatch-core.
#![cfg(target_arch = "wasm32")]

pub mod api;
pub mod app;
pub mod browser;
pub mod chart;
pub mod router;
pub mod settings_store;
pub mod views;
