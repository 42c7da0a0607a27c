//! Expected push interval per group, inferred from Prometheus' history of push_time_seconds.
//!
//! One instant query answers for every group: the spread of push times over the window divided
//! by how often the value changed is the mean spacing of pushes.

use super::model::gateway::Labels;
use super::model::prometheus::QueryResult;

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

/// Finds the interval for a group among (series labels, interval) pairs. With honor_labels
/// Prometheus may keep the gateway's target `instance`, so a series matches with or without it.
pub fn interval_for_group(group_labels: &Labels, intervals: &[(Labels, f64)]) -> Option<f64> {
    let wanted = visible_labels(group_labels);
    intervals.iter().find_map(|(series, interval)| {
        let mut seen = grouping_labels_of_series(series);
        if seen == wanted {
            return Some(*interval);
        }
        if !wanted.contains_key("instance") && seen.remove("instance").is_some() && seen == wanted {
            return Some(*interval);
        }
        None
    })
}

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
    fn the_expression_guards_against_division_by_zero() {
        let e = interval_expr("1h");
        assert!(e.contains("changes(push_time_seconds[1h])"));
        assert!(e.ends_with("> 0"));
    }
}
