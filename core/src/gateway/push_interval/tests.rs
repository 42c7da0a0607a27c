//! Unit tests of `crate::gateway::push_interval`.

use super::*;

use crate::gateway::model::labels_from_pairs as labels;

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
    use crate::prometheus::model::InstantSeries;
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
