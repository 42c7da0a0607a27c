//! gatewatch's browser console: Leptos views over a Pushgateway and a Prometheus-compatible
//! backend. What it shares with the native command (models, PromQL, freshness and cleanup
//! rules) is the [`gatewatch_core`] crate; this crate adds the browser around it.
//!
//! - [`api`]: the only HTTP code (gloo-net); returns core types or one `ApiError`.
//! - [`pages`]: one view per route; [`components`]: the widgets they share, one per file.
//! - [`load`]: the one data-loading primitive; [`health_reports`]: what its reads tell the header;
//!   [`heartbeat_strips`]: the Groups table's 24 h strips, one read per shown page.
//! - [`query_state`]: a page's state in the address bar; [`keyed_rows`]: lists updated in place.
//! - [`chart`]: the only drawing code (plotters on a canvas); [`clock`]: the page's one clock.
//! - [`app`]: the root component and the routes (leptos_router); [`settings_store`]: localStorage.
// The console runs only in the browser; everything native lives in gatewatch-core.
#![cfg(target_arch = "wasm32")]

pub mod api;
pub mod app;
pub mod browser;
pub mod chart;
pub mod clock;
pub mod components;
pub mod health_reports;
pub mod heartbeat_strips;
pub mod keyed_rows;
pub mod load;
pub mod pages;
pub mod query_state;
pub mod settings_store;
