//! Time without a clock: Prometheus durations, chart ranges, and human-readable ages and dates.

pub mod duration;
pub mod format;
pub mod range;
