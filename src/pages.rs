//! The console's views, one per route (`gatewatch_core::page::Page`): each reads through
//! `load` and `api`, and lays out shared components.

pub mod charts;
pub mod explore;
pub mod groups;
#[cfg(feature = "job-page")]
pub mod job;
pub mod not_found;
pub mod targets;
pub mod windmill;
