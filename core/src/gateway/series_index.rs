//! Which scraped series (push_time_seconds, an alert on it, ...) belong to which gateway group,
//! in both of Prometheus' label modes, and an index that finds them without pairwise matching.

#[cfg(test)]
mod tests;

use crate::gateway::model::Labels;
use std::borrow::Cow;
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

/// The group's labels as Prometheus can see them (empty values dropped). Borrowed when none
/// is empty: the groups table looks up 10,000 groups every second.
pub fn visible_labels(group_labels: &Labels) -> Cow<'_, Labels> {
    if group_labels.values().all(|v| !v.is_empty()) {
        return Cow::Borrowed(group_labels);
    }
    let mut visible = group_labels.clone();
    visible.retain(|_, v| !v.is_empty());
    Cow::Owned(visible)
}

/// Whether a scraped series (push_time_seconds, an alert on it, ...) belongs to the group.
/// With honor_labels Prometheus may keep the gateway's target `instance`, so a series matches
/// with or without it.
pub fn series_matches_group(series: &Labels, group_labels: &Labels) -> bool {
    let wanted = visible_labels(group_labels);
    let mut seen = grouping_labels_of_series(series);
    if seen == *wanted {
        return true;
    }
    !wanted.contains_key("instance") && seen.remove("instance").is_some() && seen == *wanted
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
        if self.items.is_empty() {
            return Vec::new();
        }
        let wanted = visible_labels(group_labels);
        let mut at: Vec<usize> = self.exact.get(&*wanted).cloned().unwrap_or_default();
        if !wanted.contains_key("instance") {
            if let Some(more) = self.without_instance.get(&*wanted) {
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
