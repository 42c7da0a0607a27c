//! gatewatch: a browser console for jobs that push metrics to a Prometheus Pushgateway.
//!
//! Module map:
//! - [`core`]: pure models, parsing, grouping keys, PromQL and time maths (no browser imports).
//! - [`api`]: the only HTTP code; returns core types or [`core::error::ApiError`].
//! - [`views`]: Leptos components, one per file; they wire signals to `api` and `core`.
//! - [`app`]: the root component: context, navigation, layout; [`router`]: the address bar.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod chart;
#[cfg(target_arch = "wasm32")]
pub mod router;
#[cfg(target_arch = "wasm32")]
pub mod settings_store;
#[cfg(target_arch = "wasm32")]
pub mod views;
