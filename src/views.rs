//! Leptos components, one per file. They wire signals to `api` and `core`; they never build
//! URLs or parse JSON. `poll` is the shared polling hook.

pub mod backend_health;
pub mod bulk_cleanup_dialog;
pub mod coming_soon;
pub mod delete_group_dialog;
pub mod error_banner;
pub mod group_details;
pub mod group_row;
pub mod groups_page;
pub mod groups_table;
pub mod header;
pub mod not_found;
pub mod poll;
pub mod refresh_control;
pub mod settings_dialog;
