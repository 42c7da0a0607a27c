//! Tests of the groups table logic: classification of rows, filters, sorting, summary.

use super::*;
use crate::gateway::freshness::Freshness;
use crate::schedule::set::SetSchedule;
use std::sync::Arc;

const NOW: f64 = 1_700_000_000.0;

use crate::gateway::model::labels_from_pairs as labels;

fn group(pairs: &[(&str, &str)], push_ago: Option<f64>, failure_ago: Option<f64>) -> GatewayGroup {
    GatewayGroup {
        labels: labels(pairs),
        last_push_successful: failure_ago.is_none(),
        push_time: push_ago.map(|a| NOW - a),
        push_failure_time: failure_ago.map(|a| NOW - a),
        families: Vec::new(),
    }
}

fn alerts() -> Vec<(Labels, String)> {
    vec![(
        labels(&[
            ("exported_job", "f/etl/nightly_import"),
            ("job", "gw"),
            ("instance", "gw:1"),
        ]),
        "PushedJobStale".to_string(),
    )]
}

fn sample_rows() -> Vec<GroupRow> {
    let groups: Vec<Arc<GatewayGroup>> = vec![
        group(
            &[("job", "u/admin/random_number_metric_script")],
            Some(2.0),
            None,
        ),
        group(&[("job", "f/etl/nightly_import")], Some(3600.0), None),
        group(
            &[("job", "f/billing/sync"), ("tag", "eu")],
            Some(60.0),
            Some(1.0),
        ),
        group(
            &[("job", "f/reports/daily"), ("instance", "worker-1")],
            Some(30.0),
            None,
        ),
        group(&[("job", "f/never")], None, Some(4.0)),
    ]
    .into_iter()
    .map(Arc::new)
    .collect();
    let intervals = vec![
        (
            labels(&[
                ("exported_job", "u/admin/random_number_metric_script"),
                ("job", "gw"),
            ]),
            5.0,
        ),
        (
            labels(&[
                ("exported_job", "f/reports/daily"),
                ("exported_instance", "worker-1"),
            ]),
            5.0,
        ),
    ];
    build_rows(
        &groups,
        &intervals,
        &alerts(),
        &StaleThresholds::default(),
        NOW,
    )
}

#[test]
fn rows_get_intervals_and_every_status() {
    let rows = sample_rows();
    let status: Vec<_> = rows.iter().map(|r| r.freshness).collect();
    assert_eq!(
        status,
        vec![
            Freshness::Fresh,
            Freshness::Stale,
            Freshness::Failed,
            Freshness::Late,
            Freshness::NeverSucceeded
        ]
    );
    assert_eq!(rows[0].expected_interval, Some(5.0));
    assert_eq!(rows[1].expected_interval, None);
    assert_eq!(rows[0].age(NOW), Some(2.0));
    assert_eq!(rows[4].age(NOW), None);
    assert_eq!(rows[1].alerts, vec!["PushedJobStale"]);
    assert!(rows[0].alerts.is_empty());
}

#[test]
fn ten_thousand_groups_with_an_interval_and_an_alert_each_classify_at_once() {
    // Pairwise matching took minutes here (scripts/bench's 10,000-group view never rendered).
    let n = 10_000;
    let groups: Vec<Arc<GatewayGroup>> = (0..n)
        .map(|i| {
            Arc::new(group(
                &[("job", &format!("bench/group/{i:05}"))],
                Some(3600.0),
                None,
            ))
        })
        .collect();
    let scraped = |i: usize| {
        labels(&[
            ("exported_job", &format!("bench/group/{i:05}")),
            ("job", "prometheus_gateway"),
            ("instance", "gw:9091"),
        ])
    };
    let intervals: Vec<(Labels, f64)> = (0..n).map(|i| (scraped(i), 60.0 + i as f64)).collect();
    let alerts: Vec<(Labels, String)> = (0..n)
        .map(|i| (scraped(i), "PushedJobStale".to_string()))
        .collect();
    let started = std::time::Instant::now();
    let rows = build_rows(
        &groups,
        &intervals,
        &alerts,
        &StaleThresholds::default(),
        NOW,
    );
    assert!(
        started.elapsed().as_secs_f64() < 5.0,
        "{:?}",
        started.elapsed()
    );
    assert_eq!(rows.len(), n);
    assert_eq!(rows[7].expected_interval, Some(67.0));
    assert_eq!(rows[n - 1].alerts, vec!["PushedJobStale"]);
}

#[test]
fn per_job_thresholds_apply() {
    let groups = vec![Arc::new(group(
        &[("job", "f/etl/nightly_import")],
        Some(3600.0),
        None,
    ))];
    let mut thresholds = StaleThresholds::default();
    thresholds
        .per_job_secs
        .insert("f/etl/nightly_import".into(), 7200.0);
    let rows = build_rows(&groups, &[], &[], &thresholds, NOW);
    assert_eq!(rows[0].freshness, Freshness::Fresh);
    assert_eq!(rows[0].stale_after, 7200.0);
}

#[test]
fn a_set_schedule_decides_lateness_and_the_next_push() {
    let job = "u/admin/every_5m";
    let groups = vec![Arc::new(group(&[("job", job)], Some(400.0), None))];
    // Pushes every 60 s in the last hour, as the interval query says: late after 400 s.
    let intervals = vec![(labels(&[("job", job)]), 60.0)];
    let mut thresholds = StaleThresholds::default();
    let rows = build_rows(&groups, &intervals, &[], &thresholds, NOW);
    assert_eq!(rows[0].freshness, Freshness::Late);
    assert_eq!(
        rows[0].next_expected(NOW).as_deref(),
        Some("overdue by 5m 40s")
    );
    // Its schedule says every 5 min with 2 min of grace: due 100 s ago, still within grace.
    thresholds
        .schedules
        .insert(job.into(), SetSchedule::every("5m", "2m").unwrap());
    let rows = build_rows(&groups, &intervals, &[], &thresholds, NOW);
    assert_eq!(rows[0].freshness, Freshness::Fresh);
    assert_eq!(
        rows[0].next_expected(NOW).as_deref(),
        Some("due 1m 40s ago")
    );
    assert_eq!(
        rows[0].next_expected(NOW + 21.0).as_deref(),
        Some("overdue by 2m 1s")
    );
    assert_eq!(
        rows[0].next_expected(NOW - 200.0).as_deref(),
        Some("next push in 1m 40s")
    );
    // No push, nothing due.
    let never = vec![Arc::new(group(&[("job", job)], None, Some(5.0)))];
    assert_eq!(
        build_rows(&never, &intervals, &[], &thresholds, NOW)[0].next_expected(NOW),
        None
    );
}

#[test]
fn text_filter_matches_any_label_case_insensitively() {
    let l = labels(&[("job", "u/admin/Random"), ("tag", "ÉTÉ"), ("instance", "")]);
    assert!(matches_text(&l, ""));
    assert!(matches_text(&l, "random"));
    assert!(matches_text(&l, "admin été"));
    assert!(matches_text(&l, "tag=ét"));
    assert!(matches_text(&l, "instance"));
    assert!(!matches_text(&l, "job=ét"));
    assert!(!matches_text(&l, "random nightly"));
}

#[test]
fn text_filter_folds_case_per_character() {
    // A final Σ folds to σ like any other, so typing either form finds the word.
    let l = labels(&[("job", "ΟΔΟΣ"), ("site", "İZMİR")]);
    assert!(matches_text(&l, "οδοσ"));
    assert!(matches_text(&l, "ΟΔΟΣ"));
    assert!(matches_text(&l, "site=i\u{307}zm"));
    assert!(!matches_text(&l, "site=izm"));
}

#[test]
fn sorting_is_stable_across_refreshes() {
    let mut rows = sample_rows();
    sort_rows(&mut rows, SortColumn::Job, false);
    let jobs: Vec<_> = rows.iter().map(|r| r.job().to_string()).collect();
    assert_eq!(jobs[0], "f/billing/sync");
    assert_eq!(jobs[4], "u/admin/random_number_metric_script");

    sort_rows(&mut rows, SortColumn::LastPush, true);
    assert_eq!(rows[0].job(), "u/admin/random_number_metric_script");
    assert_eq!(
        rows[4].job(),
        "f/never",
        "never pushed sorts last when descending"
    );

    sort_rows(&mut rows, SortColumn::Status, false);
    assert_eq!(rows[0].freshness, Freshness::Fresh);
    assert_eq!(rows[4].freshness, Freshness::NeverSucceeded);

    let mut reversed = sample_rows();
    reversed.reverse();
    sort_rows(&mut reversed, SortColumn::Metrics, false);
    let mut forward = sample_rows();
    sort_rows(&mut forward, SortColumn::Metrics, false);
    let order = |rows: &[GroupRow]| {
        rows.iter()
            .map(|r| r.group.labels.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        order(&reversed),
        order(&forward),
        "ties break on labels, not on input order"
    );
}

#[test]
fn sort_columns_round_trip() {
    for c in SortColumn::ALL {
        assert_eq!(SortColumn::parse(c.slug()), Some(c));
    }
    assert_eq!(SortColumn::parse("x"), None);
}

#[test]
fn summary_sentence_counts_each_status() {
    let summary = summarize(&sample_rows());
    assert_eq!(
        summary.sentence(),
        "5 groups: 1 fresh, 1 late, 1 stale, 1 failed, 1 never succeeded"
    );
    assert_eq!(
        summarize(&[]).sentence(),
        "0 groups: 0 fresh, 0 late, 0 stale, 0 failed"
    );
}

#[test]
fn rows_are_equal_when_they_show_the_same_group_the_same_way() {
    let rows = sample_rows();
    let same = rows.clone();
    assert_eq!(rows, same, "clones share their groups");
    let mut reclassified = rows[0].clone();
    reclassified.freshness = Freshness::Stale;
    assert_ne!(rows[0], reclassified);
    let rebuilt = sample_rows();
    assert_ne!(
        rows[0], rebuilt[0],
        "a new listing's group is another group, even with the same contents"
    );
}
