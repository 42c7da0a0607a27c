//! Charts: the step and grid of a range query, alignment, decimation, axis ticks, chart data and
//! the job charts' catalog and PromQL.

pub mod align;
pub mod chart_data;
pub mod decimate;
pub mod job_catalog;
pub mod job_queries;
pub mod step;
pub mod ticks;
