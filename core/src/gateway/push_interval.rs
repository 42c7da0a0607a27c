//! Expected push interval per group, inferred from Prometheus' history of push_time_seconds.
//!
//! One instant query answers for every group: the spread of push times over the window divided
//! by how often the value changed is the mean spacing of pushes.

#[cfg(test)]
mod tests;

use crate::gateway::model::Labels;
use crate::gateway::series_index::SeriesIndex;
use crate::prometheus::dialect::Dialect;
use crate::prometheus::model::QueryResult;

/// The window the interval is inferred from.
pub const HISTORY_WINDOW: &str = "1h";

/// The mean spacing of the pushes in `selector`'s push_time_seconds over `window`: the spread of
/// push times divided by how often the value changed, counted as PromQL counts (see
/// [`Dialect::changes`]). Shared by the Groups view's interval and the freshness-gated chart.
pub fn push_spacing_expr(selector: &str, window: &str, dialect: Dialect) -> String {
    let changes = dialect.changes();
    format!(
        "(max_over_time({selector}[{window}]) - min_over_time({selector}[{window}])) \
         / {changes}({selector}[{window}])"
    )
}

/// [`push_spacing_expr`] of every group; series with fewer than two pushes divide by zero and
/// are dropped by `> 0` (NaN and +Inf compare false / are filtered).
/// A group that a failed push created has push_time_seconds 0 until its first good push: while
/// that 0 is in the window, min would be the epoch and the interval decades, so such a group
/// gets none (`and min > 0`) until the 0 has left the window.
pub fn interval_expr(window: &str, dialect: Dialect) -> String {
    let spacing = push_spacing_expr("push_time_seconds", window, dialect);
    format!("{spacing} > 0 and min_over_time(push_time_seconds[{window}]) > 0")
}

/// The (series labels, interval) pairs of the interval query's answer; non-finite or
/// non-positive values carry no information and are dropped.
pub fn intervals_from_result(result: &QueryResult) -> Vec<(Labels, f64)> {
    match result {
        QueryResult::Vector(series) => series
            .iter()
            .filter(|s| s.value.1.is_finite() && s.value.1 > 0.0)
            .map(|s| (s.metric.clone(), s.value.1))
            .collect(),
        _ => Vec::new(),
    }
}

/// The names of the alerts firing for one group, sorted and without repeats.
pub fn alerts_in(index: &SeriesIndex<String>, group_labels: &Labels) -> Vec<String> {
    let mut names: Vec<String> = index.matching(group_labels).into_iter().cloned().collect();
    names.sort();
    names.dedup();
    names
}

/// `ALERTS` series of the console's alert rules that are firing, as (labels, alert name).
/// The alert labels `alertname`, `alertstate` and `severity` are removed so the rest can be
/// matched to a group like any push_time_seconds series.
pub fn firing_alerts(result: &QueryResult) -> Vec<(Labels, String)> {
    let QueryResult::Vector(series) = result else {
        return Vec::new();
    };
    series
        .iter()
        .filter(|s| s.metric.get("alertstate").map(String::as_str) == Some("firing"))
        .filter_map(|s| {
            let name = s.metric.get("alertname")?.clone();
            let mut labels = s.metric.clone();
            for own in ["alertname", "alertstate", "severity"] {
                labels.remove(own);
            }
            Some((labels, name))
        })
        .collect()
}

/// The alert rules shipped in deploy/prometheus/rules, as an instant query.
pub const ALERTS_EXPR: &str = r#"ALERTS{alertname=~"PushedJob.*", alertstate="firing"}"#;
