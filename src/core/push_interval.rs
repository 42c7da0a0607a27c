//! Expected push interval per group, inferred from Prometheus' history of push_time_seconds.
//!
//! One instant query answers for every group: the spread of push times over the window divided
//! by how often the value changed is the mean spacing of pushes.

use super::model::gateway::Labels;
use super::model::prometheus::QueryResult;
use std::collections::HashMap;

/// The window the interval is inferred from.
pub const HISTORY_WINDOW: &str = "1h";

/// `(max - min) / changes` of push_time_seconds over the window; series with fewer than two
/// pushes divide by zero and are dropped by `> 0` (NaN and +Inf compare false / are filtered).
pub fn interval_expr(window: &str) -> String {
    format!(
        "(max_over_time(push_time_seconds[{window}]) - min_over_time(push_time_seconds[{window}])) \
         / changes(push_time_seconds[{window}]) > 0"
    )
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

/// Turns the labels of a scraped push_time_seconds series back into the gateway grouping labels.
///
/// Without `honor_labels` (the Windmill tutorial's setup) Prometheus renames pushed `job` and
/// `instance` to `exported_job` / `exported_instance` and adds its own; with it, the pushed ones
/// stay. Empty label values do not exist in Prometheus, so callers compare against the group's
/// non-empty labels.
pub fn grouping_labels_of_series(series: &Labels) -> Labels {
    let exported = series.contains_key("exported_job");
    let mut out = Labels::new();
    for (name, value) in series {
        if name == "__name__" || value.is_empty() {
            continue;
        }
        if exported {
            if name == "job" || name == "instance" {
                continue; // the scrape's own labels
            }
            let original = name.strip_prefix("exported_").unwrap_or(name);
            out.insert(original.to_string(), value.clone());
        } else {
            out.insert(name.clone(), value.clone());
        }
    }
    out
}

/// The group's labels as Prometheus can see them (empty values dropped).
pub fn visible_labels(group_labels: &Labels) -> Labels {
    group_labels
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Whether a scraped series (push_time_seconds, an alert on it, ...) belongs to the group.
/// With honor_labels Prometheus may keep the gateway's target `instance`, so a series matches
/// with or without it.
pub fn series_matches_group(series: &Labels, group_labels: &Labels) -> bool {
    let wanted = visible_labels(group_labels);
    let mut seen = grouping_labels_of_series(series);
    if seen == wanted {
        return true;
    }
    !wanted.contains_key("instance") && seen.remove("instance").is_some() && seen == wanted
}

/// Finds the interval for a group among (series labels, interval) pairs.
pub fn interval_for_group(group_labels: &Labels, intervals: &[(Labels, f64)]) -> Option<f64> {
    intervals
        .iter()
        .find(|(series, _)| series_matches_group(series, group_labels))
        .map(|(_, interval)| *interval)
}

/// Series (with a value each: an interval, an alert name) indexed by the grouping labels they
/// stand for, so that a group finds its series with two lookups. `series_matches_group` over
/// every (group, series) pair builds two label maps per pair: at 10,000 groups and as many
/// series that is minutes of work, redone every second by the groups table.
pub struct SeriesIndex<'a, T> {
    items: &'a [(Labels, T)],
    /// `grouping_labels_of_series` → positions in `items`, in order.
    exact: HashMap<Labels, Vec<usize>>,
    /// The same without `instance`, for series that have one (see `series_matches_group`).
    without_instance: HashMap<Labels, Vec<usize>>,
}

impl<'a, T> SeriesIndex<'a, T> {
    pub fn new(items: &'a [(Labels, T)]) -> Self {
        let mut exact: HashMap<Labels, Vec<usize>> = HashMap::new();
        let mut without_instance: HashMap<Labels, Vec<usize>> = HashMap::new();
        for (i, (series, _)) in items.iter().enumerate() {
            let mut seen = grouping_labels_of_series(series);
            if seen.contains_key("instance") {
                let mut stripped = seen.clone();
                stripped.remove("instance");
                without_instance.entry(stripped).or_default().push(i);
            }
            exact.entry(std::mem::take(&mut seen)).or_default().push(i);
        }
        SeriesIndex {
            items,
            exact,
            without_instance,
        }
    }

    /// The values of the series that `series_matches_group` matches to the group, in the
    /// order of `items`.
    pub fn matching(&self, group_labels: &Labels) -> Vec<&'a T> {
        let wanted = visible_labels(group_labels);
        let mut at: Vec<usize> = self.exact.get(&wanted).cloned().unwrap_or_default();
        if !wanted.contains_key("instance") {
            if let Some(more) = self.without_instance.get(&wanted) {
                at.extend(more);
                at.sort_unstable();
            }
        }
        at.into_iter().map(|i| &self.items[i].1).collect()
    }

    /// The first match, as `interval_for_group` finds it.
    pub fn first(&self, group_labels: &Labels) -> Option<&'a T> {
        self.matching(group_labels).into_iter().next()
    }
}

/// The names of the alerts firing for one group (`alerts_for_group`), from an index of them.
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

/// The names of the alerts firing for one group, sorted and without repeats.
pub fn alerts_for_group(group_labels: &Labels, alerts: &[(Labels, String)]) -> Vec<String> {
    let mut names: Vec<String> = alerts
        .iter()
        .filter(|(series, _)| series_matches_group(series, group_labels))
        .map(|(_, name)| name.clone())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The alert rules shipped in deploy/prometheus/rules, as an instant query.
pub const ALERTS_EXPR: &str = r#"ALERTS{alertname=~"PushedJob.*", alertstate="firing"}"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn exported_labels_are_mapped_back() {
        let series = labels(&[
            ("__name__", "push_time_seconds"),
            ("job", "prometheus_gateway"),
            ("instance", "prometheus_gateway:9091"),
            ("exported_job", "u/admin/random_number_metric_script"),
            ("exported_instance", "worker-1"),
            ("tag", "etl"),
        ]);
        assert_eq!(
            grouping_labels_of_series(&series),
            labels(&[
                ("job", "u/admin/random_number_metric_script"),
                ("instance", "worker-1"),
                ("tag", "etl")
            ])
        );
    }

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
        assert_eq!(interval_for_group(&group, &without_honor), Some(5.0));
        let with_honor = vec![(
            labels(&[("job", "u/admin/x"), ("instance", "gw:9091")]),
            7.5,
        )];
        assert_eq!(interval_for_group(&group, &with_honor), Some(7.5));
        let other = vec![(labels(&[("exported_job", "u/admin/y"), ("job", "g")]), 5.0)];
        assert_eq!(interval_for_group(&group, &other), None);
        // A group with an extra label must not take its sibling's interval.
        let sibling = labels(&[("job", "u/admin/x"), ("tag", "etl")]);
        assert_eq!(interval_for_group(&sibling, &without_honor), None);
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
        assert_eq!(
            alerts_for_group(&labels(&[("job", "f/old")]), &alerts),
            vec!["PushedJobLastPushFailed", "PushedJobStale"]
        );
        assert!(alerts_for_group(&labels(&[("job", "u/a")]), &alerts).is_empty());
        assert!(firing_alerts(&QueryResult::Scalar(1.0, 1.0)).is_empty());
    }

    #[test]
    fn the_index_matches_exactly_what_the_pairwise_rule_matches() {
        // Both label modes, with and without instance, empty values, siblings, duplicates.
        let series: Vec<(Labels, usize)> = [
            labels(&[("exported_job", "a"), ("job", "gw"), ("instance", "gw:1")]),
            labels(&[
                ("exported_job", "a"),
                ("exported_instance", "w1"),
                ("job", "gw"),
            ]),
            labels(&[("job", "a"), ("instance", "gw:1")]),
            labels(&[("job", "a"), ("instance", "w1")]),
            labels(&[("job", "a")]),
            labels(&[("job", "a"), ("tag", "x")]),
            labels(&[("exported_job", "a"), ("tag", "x"), ("job", "gw")]),
            labels(&[("job", "a"), ("tag", "x"), ("instance", "gw:2")]),
            labels(&[("__name__", "push_time_seconds"), ("job", "b"), ("tag", "")]),
            labels(&[("exported_job", "a"), ("job", "gw"), ("instance", "gw:1")]),
        ]
        .into_iter()
        .enumerate()
        .map(|(i, l)| (l, i))
        .collect();
        let groups = [
            labels(&[("job", "a")]),
            labels(&[("job", "a"), ("instance", "")]),
            labels(&[("job", "a"), ("instance", "w1")]),
            labels(&[("job", "a"), ("instance", "gw:1")]),
            labels(&[("job", "a"), ("tag", "x")]),
            labels(&[("job", "a"), ("tag", "x"), ("instance", "")]),
            labels(&[("job", "b"), ("tag", "")]),
            labels(&[("job", "c")]),
        ];
        let index = SeriesIndex::new(&series);
        for group in &groups {
            let pairwise: Vec<usize> = series
                .iter()
                .filter(|(s, _)| series_matches_group(s, group))
                .map(|(_, i)| *i)
                .collect();
            let indexed: Vec<usize> = index.matching(group).into_iter().copied().collect();
            assert_eq!(indexed, pairwise, "group {group:?}");
            assert_eq!(index.first(group), pairwise.first(), "group {group:?}");
        }
        let alerts: Vec<(Labels, String)> = series
            .iter()
            .map(|(l, i)| (l.clone(), format!("Alert{}", i % 3)))
            .collect();
        let alert_index = SeriesIndex::new(&alerts);
        for group in &groups {
            assert_eq!(
                alerts_in(&alert_index, group),
                alerts_for_group(group, &alerts)
            );
        }
    }

    #[test]
    fn the_expression_guards_against_division_by_zero() {
        let e = interval_expr("1h");
        assert!(e.contains("changes(push_time_seconds[1h])"));
        assert!(e.ends_with("> 0"));
    }
}
