//! Leptos components, one per file. They wire signals to `api` and `core`; they never build
//! URLs or parse JSON. `poll` is the shared polling hook; `health_reports` the context through
//! which its reads tell the header's health badges about failing backends.

pub mod backend_health;
pub mod bulk_cleanup_dialog;
pub mod chart_legend;
pub mod chart_panel;
pub mod chart_table;
pub mod charts_page;
pub mod delete_group_dialog;
pub mod derived;
pub mod error_banner;
pub mod explore_page;
pub mod group_details;
pub mod group_row;
pub mod groups_page;
pub mod groups_table;
pub mod handler;
pub mod header;
pub mod health_badge;
pub mod health_reports;
pub mod instant_table;
pub mod job_picker;
pub mod nav_link;
pub mod not_found;
pub mod poll;
pub mod poll_banner;
pub mod poll_state;
pub mod promql_box;
pub mod range_picker;
pub mod reactive;
pub mod refresh_control;
pub mod settings_dialog;
pub mod targets_page;
pub mod task;
pub mod time_chart;
pub mod windmill_page;
