//! Unit tests of `crate::gateway::series_index`.

use super::*;

use crate::gateway::model::labels_from_pairs as labels;

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
