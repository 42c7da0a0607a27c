//! Which scraped series (push_time_seconds, an alert on it, ...) belong to which gateway group,
//! in both of Prometheus' label modes, and an index that finds them without pairwise matching.

use super::model::gateway::Labels;
use std::collections::HashMap;

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
    let mut visible = group_labels.clone();
    visible.retain(|_, v| !v.is_empty());
    visible
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

/// Positions of label sets in a list, by labels. The console's one hash map over labels
/// (here, and for the cleanup's re-reads of the group list): each key type of `HashMap`
/// compiles its own table code into the wasm (bench/NOTES.md §1).
pub type LabelPositions = HashMap<Labels, Vec<usize>>;

/// Where each label set of `all` is, in order.
pub fn label_positions<'a>(all: impl IntoIterator<Item = &'a Labels>) -> LabelPositions {
    let mut positions = LabelPositions::new();
    for (i, labels) in all.into_iter().enumerate() {
        positions.entry(labels.clone()).or_default().push(i);
    }
    positions
}

/// Series (with a value each: an interval, an alert name) indexed by the grouping labels they
/// stand for, so that a group finds its series with two lookups. `series_matches_group` over
/// every (group, series) pair builds two label maps per pair: at 10,000 groups and as many
/// series that is minutes of work, redone every second by the groups table.
pub struct SeriesIndex<'a, T> {
    items: &'a [(Labels, T)],
    /// `grouping_labels_of_series` → positions in `items`, in order.
    exact: LabelPositions,
    /// The same without `instance`, for series that have one (see `series_matches_group`).
    without_instance: LabelPositions,
}

impl<'a, T> SeriesIndex<'a, T> {
    pub fn new(items: &'a [(Labels, T)]) -> Self {
        let mut exact = LabelPositions::new();
        let mut without_instance = LabelPositions::new();
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

    /// The first match: a group's expected interval.
    pub fn first(&self, group_labels: &Labels) -> Option<&'a T> {
        self.matching(group_labels).into_iter().next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::core::model::labels_from_pairs as labels;

    #[test]
    fn label_positions_list_every_place_of_a_label_set() {
        let all = [
            labels(&[("job", "a")]),
            labels(&[("job", "b/é")]),
            labels(&[("job", "a")]),
        ];
        let positions = label_positions(&all);
        assert_eq!(positions[&labels(&[("job", "a")])], [0, 2]);
        assert_eq!(positions[&labels(&[("job", "b/é")])], [1]);
        assert!(!positions.contains_key(&labels(&[("job", "")])));
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
            let mut pairwise: Vec<&String> = alerts
                .iter()
                .filter(|(s, _)| series_matches_group(s, group))
                .map(|(_, name)| name)
                .collect();
            pairwise.sort();
            pairwise.dedup();
            let mut indexed = alert_index.matching(group);
            indexed.sort();
            indexed.dedup();
            assert_eq!(indexed, pairwise, "group {group:?}");
        }
    }
}
