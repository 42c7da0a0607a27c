//! Unit tests of `crate::schedule::strips`.

use super::*;
use crate::charts::job_queries::JobLabel;
use crate::gateway::freshness::StaleThresholds;
use crate::gateway::group_table::build_rows;
use crate::gateway::model::{labels_from_pairs as labels, GatewayGroup};
use crate::prometheus::dialect::Dialect;
use std::sync::Arc;

const TO: f64 = 1_795_996_800.0 + 86_400.0;

fn setup() -> ScrapeSetup {
    ScrapeSetup {
        dialect: Dialect::PromQl,
        job_label: JobLabel::Exported,
        scrape_interval: Some(1.0),
    }
}

fn rows(jobs: &[(&str, f64)]) -> Vec<GroupRow> {
    let groups: Vec<Arc<GatewayGroup>> = jobs
        .iter()
        .map(|(job, _)| {
            Arc::new(GatewayGroup {
                labels: labels(&[("job", job)]),
                last_push_successful: true,
                push_time: Some(TO - 60.0),
                push_failure_time: None,
                families: Vec::new(),
            })
        })
        .collect();
    let intervals: Vec<_> = jobs
        .iter()
        .map(|(job, interval)| {
            (
                labels(&[("exported_job", job), ("job", "prometheus_gateway")]),
                *interval,
            )
        })
        .collect();
    build_rows(&groups, &intervals, &[], &StaleThresholds::default(), TO)
}

/// Counts per quarter ending at TO, as the range query answers them.
fn counted(job: &str, per_step: impl Fn(usize) -> f64) -> GroupHistory {
    GroupHistory {
        labels: labels(&[("job", job)]),
        ok: (0..STRIP_BUCKETS)
            .map(|i| {
                (
                    TO - (STRIP_BUCKETS - 1 - i) as f64 * STRIP_WIDTH_SECS,
                    per_step(i),
                )
            })
            .collect(),
        failed: Vec::new(),
    }
}

#[test]
fn one_query_counts_every_shown_job_per_quarter_over_24_hours() {
    let jobs = ["u/admin/a.b".to_string(), "f/\"q\"".to_string()];
    let HistoryQuery::Range {
        expr,
        start,
        end,
        step,
    } = strips_query(&jobs, &setup(), TO)
    else {
        panic!("a range query");
    };
    assert_eq!((end - start, step), (95.0 * 900.0, 900.0));
    assert_eq!(end, TO);
    assert!(
        expr.starts_with("label_replace((changes(push_time_seconds{"),
        "{expr}"
    );
    assert!(
        expr.contains(r#"exported_job=~"u/admin/a\\.b|f/\"q\"""#),
        "{expr}"
    );
    assert!(expr.contains("[901s])"), "{expr}");
    assert!(expr.contains("push_failure_time_seconds{"), "{expr}");
}

#[test]
fn each_row_gets_its_strip_and_a_summary_in_words() {
    let rows = rows(&[("f/every_5m", 300.0), ("f/quiet", 300.0)]);
    // Three runs a quarter, but one in quarter 50 and none in the last two: the job stopped.
    let history = counted("f/every_5m", |i| match i {
        50 => 1.0,
        94 | 95 => 0.0,
        _ => 3.0,
    });
    let strips = row_strips(&rows, &[history], &BTreeMap::new(), TO);
    let missed: Vec<usize> = (0..STRIP_BUCKETS)
        .filter(|&i| strips[0].beats[i] == Beat::Missed)
        .collect();
    assert_eq!(missed, [50, 94, 95]);
    assert_eq!(strips[0].summary, "280 runs, 8 missed, 0 failed");
    // A job without history in the 24 h: no data, said so.
    assert_eq!(strips[1].beats, vec![Beat::NoData; STRIP_BUCKETS]);
    assert_eq!(strips[1].summary, "0 runs, 0 missed, 0 failed");
}

#[test]
fn a_set_schedule_judges_the_strip_and_failures_show() {
    let rows = rows(&[("f/hourly", 60.0)]);
    let mut history = counted("f/hourly", |i| if i % 4 == 0 { 1.0 } else { 0.0 });
    history.failed = vec![(TO - 8.0 * STRIP_WIDTH_SECS, 1.0)];
    // By its 60 s interval every quarter would miss; the set hourly schedule expects one run in
    // each hour's first quarter, as the job runs.
    let hourly = SetSchedule::cron("0 0 * * * *", "5m").unwrap();
    let set = BTreeMap::from([("f/hourly".to_string(), hourly)]);
    let strips = row_strips(&rows, &[history.clone()], &set, TO);
    assert!(
        !strips[0].beats.contains(&Beat::Missed),
        "{:?}",
        strips[0].beats
    );
    assert_eq!(strips[0].beats[STRIP_BUCKETS - 1 - 8], Beat::Failed);
    assert_eq!(strips[0].summary, "25 runs, 0 missed, 1 failed");
    let by_interval = row_strips(&rows, &[history], &BTreeMap::new(), TO);
    assert!(by_interval[0].beats.contains(&Beat::Missed));
}

#[test]
fn a_job_without_expected_interval_is_judged_by_its_own_counts() {
    // An hourly job (no two pushes in the last hour: no expected interval) that ran for 20 h
    // and stopped 4 h ago.
    let groups = vec![Arc::new(GatewayGroup {
        labels: labels(&[("job", "f/hourly")]),
        last_push_successful: true,
        // In quarter 77, the last with a run.
        push_time: Some(TO - 19.0 * 900.0 + 450.0),
        push_failure_time: None,
        families: Vec::new(),
    })];
    let rows = build_rows(&groups, &[], &[], &StaleThresholds::default(), TO);
    assert_eq!(rows[0].expected_interval, None);
    let history = counted("f/hourly", |i| if i % 4 == 1 && i < 80 { 1.0 } else { 0.0 });
    let strips = row_strips(&rows, std::slice::from_ref(&history), &BTreeMap::new(), TO);
    let missed: Vec<usize> = (0..STRIP_BUCKETS)
        .filter(|&i| strips[0].beats[i] == Beat::Missed)
        .collect();
    // The hours after the last run at quarter 77: one missed run each (81, 85, 89, 93).
    assert_eq!(missed, [81, 85, 89, 93], "{:?}", strips[0].beats);
    assert_eq!(strips[0].summary, "20 runs, 4 missed, 0 failed");
    // Its period, read off the counts: 20 runs, one every 4 quarters.
    let Some(Schedule::Every { period, .. }) = counted_schedule(Some(&history), None, TO) else {
        panic!("a period");
    };
    assert_eq!(period, 3600.0);
    // Three runs a quarter, for 10 quarters: every 5 minutes.
    let dense = counted("f/5m", |i| if (40..50).contains(&i) { 3.0 } else { 0.0 });
    let Some(Schedule::Every { period, .. }) = counted_schedule(Some(&dense), None, TO) else {
        panic!("a period");
    };
    assert_eq!(period, 300.0);
    // Two runs are too few to judge by.
    let two = counted("f/hourly", |i| if i == 10 || i == 14 { 1.0 } else { 0.0 });
    assert_eq!(counted_schedule(Some(&two), None, TO), None);
}
