//! gatewatch's pure core: what the console and the native command share. No browser or UI
//! crate, no clock (time is always a parameter), no I/O: the callers send the requests.
//!
//! - [`gateway`]: Pushgateway groups, grouping keys, freshness, the groups table, cleanup.
//! - [`prometheus`]: answer models, PromQL building and escaping, the backend's dialect.
//! - [`charts`]: step and grid planning, alignment, decimation, ticks, the job charts' queries.
//! - [`fleet`]: scrape targets and the Windmill overview.
//! - [`schedule`]: a job's runs, its schedule (inferred or set), and missed and late runs.
//! - [`http`]: endpoints, the answer envelope, the one error type, retry and health.
//! - [`time`]: durations, ranges and human-readable times.
//! - [`settings`], [`url_state`]: what the user chose, saved and in the address bar; [`page`]:
//!   the console's pages and their paths; [`text`]: values and ids as shown.

pub mod charts;
pub mod fleet;
pub mod gateway;
pub mod http;
pub mod page;
pub mod prometheus;
pub mod schedule;
pub mod settings;
pub mod text;
pub mod time;
pub mod url_state;
