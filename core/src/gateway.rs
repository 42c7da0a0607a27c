//! The Pushgateway's groups: their model, grouping keys, freshness and push interval, the
//! groups table, and the rules of a safe cleanup.

pub mod bulk_delete;
pub mod cleanup;
pub mod cleanup_flow;
pub mod freshness;
pub mod group_table;
pub mod grouping_key;
pub mod listings;
pub mod model;
pub mod push_interval;
pub mod series_index;
