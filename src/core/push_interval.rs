//! Expected push interval per group, inferred from Prometheus' history of push_time_seconds.
//!
//! One instant query answers for every group: the spread of push times over the window divided
//! by how often the value changed is the mean spacing of pushes.

use super::dialect::Dialect;
use super::model::gateway::Labels;
use super::model::prometheus::QueryResult;
use super::series_index::SeriesIndex;

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

#[cfg(test)]
mod tests {
    use super::*;

    use crate::core::model::labels_from_pairs as labels;

    #[test]
    fn groups_find_their_interval_in_both_label_modes() {
        let group = labels(&[("job", "u/admin/x"), ("tag", "")]);
        let without_honor = vec![(
            labels(&[
                ("job", "prometheus_gateway"),
                ("instance", "gw:9091"),
                ("exported_job", "u/admin/x"),
            ]),
            5.0,
        )];
        assert_eq!(
            SeriesIndex::new(&without_honor).first(&group).copied(),
            Some(5.0)
        );
        let with_honor = vec![(
            labels(&[("job", "u/admin/x"), ("instance", "gw:9091")]),
            7.5,
        )];
        assert_eq!(
            SeriesIndex::new(&with_honor).first(&group).copied(),
            Some(7.5)
        );
        let other = vec![(labels(&[("exported_job", "u/admin/y"), ("job", "g")]), 5.0)];
        assert_eq!(SeriesIndex::new(&other).first(&group).copied(), None);
        // A group with an extra label must not take its sibling's interval.
        let sibling = labels(&[("job", "u/admin/x"), ("tag", "etl")]);
        assert_eq!(
            SeriesIndex::new(&without_honor).first(&sibling).copied(),
            None
        );
    }

    #[test]
    fn firing_alerts_are_matched_to_their_groups() {
        use crate::core::model::prometheus::InstantSeries;
        let alert = |name: &str, state: &str, job: &str| InstantSeries {
            metric: labels(&[
                ("alertname", name),
                ("alertstate", state),
                ("severity", "warning"),
                ("job", "prometheus_gateway"),
                ("instance", "gw:9091"),
                ("exported_job", job),
            ]),
            value: (1.0, 1.0),
        };
        let result = QueryResult::Vector(vec![
            alert("PushedJobStale", "firing", "f/old"),
            alert("PushedJobLastPushFailed", "firing", "f/old"),
            alert("PushedJobStale", "pending", "u/a"),
        ]);
        let alerts = firing_alerts(&result);
        assert_eq!(alerts.len(), 2);
        let index = SeriesIndex::new(&alerts);
        assert_eq!(
            alerts_in(&index, &labels(&[("job", "f/old")])),
            vec!["PushedJobLastPushFailed", "PushedJobStale"]
        );
        assert!(alerts_in(&index, &labels(&[("job", "u/a")])).is_empty());
        assert!(firing_alerts(&QueryResult::Scalar(1.0, 1.0)).is_empty());
    }

    #[test]
    fn the_expression_guards_against_division_by_zero_and_never_pushed_zeros() {
        let e = interval_expr("1h", Dialect::PromQl);
        assert!(e.contains("/ changes(push_time_seconds[1h]) > 0 and"));
        assert!(e.ends_with("and min_over_time(push_time_seconds[1h]) > 0"));
        let metricsql = interval_expr("1h", Dialect::MetricsQl);
        assert_eq!(
            metricsql,
            e.replace("/ changes(", "/ changes_prometheus("),
            "only the change count differs"
        );
    }
}
