//! What the gateway's groups offer to chart: pushed metric names (of all jobs or one), the
//! jobs holding a metric, and the extra grouping labels that tell a job's groups apart.

#[cfg(test)]
mod tests;

use crate::gateway::model::{GatewayGroup, PUSH_FAILURE_TIME_FAMILY, PUSH_TIME_FAMILY};
use crate::url_state::DEFAULT_METRIC;
use std::collections::BTreeSet;

/// Metric names pushed by jobs (the gateway's own push-time families left out), sorted.
pub fn metric_names(groups: &[GatewayGroup]) -> Vec<String> {
    let names: BTreeSet<&str> = groups
        .iter()
        .flat_map(|g| g.families.iter().map(|f| f.name.as_str()))
        .filter(|n| *n != PUSH_TIME_FAMILY && *n != PUSH_FAILURE_TIME_FAMILY)
        .collect();
    distinct_strings(names)
}

/// Jobs with at least one group holding `metric`, sorted.
pub fn jobs_with_metric(groups: &[GatewayGroup], metric: &str) -> Vec<String> {
    let jobs: BTreeSet<&str> = groups
        .iter()
        .filter(|g| g.families.iter().any(|f| f.name == metric))
        .map(|g| g.job())
        .collect();
    distinct_strings(jobs)
}

/// The metric names `job`'s groups push, sorted.
pub fn metrics_of_job(groups: &[GatewayGroup], job: &str) -> Vec<String> {
    let names: BTreeSet<&str> = groups
        .iter()
        .filter(|g| g.job() == job)
        .flat_map(|g| g.families.iter().map(|f| f.name.as_str()))
        .filter(|n| *n != PUSH_TIME_FAMILY && *n != PUSH_FAILURE_TIME_FAMILY)
        .collect();
    distinct_strings(names)
}

/// The metric to chart among `metrics`: `wanted` if it is one, else the console's default
/// metric if pushed, else the first.
pub fn pick_metric(metrics: &[String], wanted: &str) -> Option<String> {
    [wanted, DEFAULT_METRIC]
        .into_iter()
        .find(|w| metrics.iter().any(|m| m == w))
        .map(str::to_string)
        .or_else(|| metrics.first().cloned())
}

/// Grouping label names besides `job` in the groups of `jobs`, sorted.
pub fn extra_group_labels(groups: &[GatewayGroup], jobs: &[String]) -> Vec<String> {
    let names: BTreeSet<&str> = groups
        .iter()
        .filter(|g| jobs.iter().any(|j| j == g.job()))
        .flat_map(|g| g.labels.keys().map(String::as_str))
        .filter(|k| *k != "job")
        .collect();
    distinct_strings(names)
}

fn distinct_strings(names: BTreeSet<&str>) -> Vec<String> {
    names.into_iter().map(str::to_string).collect()
}
