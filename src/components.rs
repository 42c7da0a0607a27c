//! Leptos components shared by the pages, one per file. They wire signals to `api` and the
//! core; they never build URLs, parse JSON, validate settings or plan chart grids.

pub mod backend_health;
pub mod bulk_cleanup_dialog;
pub mod chart_legend;
pub mod chart_panel;
pub mod chart_table;
pub mod delete_group_dialog;
pub mod dialog;
pub mod error_banner;
pub mod group_details;
pub mod group_row;
pub mod groups_table;
pub mod header;
pub mod health_badge;
pub mod heartbeat_strip;
pub mod instant_table;
pub mod job_picker;
pub mod load_banner;
pub mod promql_box;
pub mod range_picker;
pub mod refresh_control;
pub mod run_timeline;
pub mod runs_table;
pub mod schedule_form;
pub mod settings_dialog;
pub mod target_pool;
pub mod time_chart;
