//! Leptos components, one per file. They wire signals to `api` and `core`; they never build
//! URLs or parse JSON. `load` is the shared data-loading primitive; `health_reports` the context through
//! which its reads tell the header's health badges about failing backends.

pub mod backend_health;
pub mod bulk_cleanup_dialog;
pub mod chart_legend;
pub mod chart_panel;
pub mod chart_table;
pub mod charts_page;
pub mod delete_group_dialog;
pub mod error_banner;
pub mod explore_page;
pub mod group_details;
pub mod group_row;
pub mod groups_page;
pub mod groups_table;
pub mod header;
pub mod health_badge;
pub mod health_reports;
pub mod instant_table;
pub mod job_picker;
pub mod load;
pub mod load_banner;
pub mod nav_link;
pub mod not_found;
pub mod promql_box;
pub mod range_picker;
pub mod refresh_control;
pub mod settings_dialog;
pub mod targets_page;
pub mod time_chart;
pub mod windmill_page;
