//! The pure core: response models and parsing, grouping keys, PromQL, freshness and time maths.
//! Nothing here imports leptos, web-sys, js-sys or gloo; time is always a parameter.

pub mod align;
pub mod backoff;
pub mod bulk_delete;
pub mod chart_data;
pub mod cleanup;
pub mod decimate;
pub mod dialect;
pub mod endpoints;
pub mod envelope;
pub mod error;
pub mod freshness;
#[cfg(test)]
mod fuzz_tests;
pub mod group_row_key;
pub mod group_table;
pub mod grouping_key;
pub mod health;
pub mod job_catalog;
pub mod job_queries;
pub mod listings;
pub mod model;
pub mod promql;
pub mod push_interval;
pub mod scrape_targets;
pub mod series_index;
pub mod settings;
pub mod step;
pub mod ticks;
pub mod time_format;
pub mod time_range;
pub mod url_state;
pub mod value_format;
pub mod windmill_panels;
