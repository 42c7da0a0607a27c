//! Unit tests of `crate::schedule::report`.

use super::*;
use crate::gateway::model::Labels;

const NOW: f64 = 1_700_000_000.0;

/// A group's raw history: each push time sampled twice (a 1 s scrape of a 2 s job).
fn exact(ok: &[f64], failed: &[f64]) -> GroupHistory {
    let sampled = |times: &[f64]| {
        times
            .iter()
            .flat_map(|&t| [(t + 0.5, t), (t + 1.5, t)])
            .collect::<Vec<_>>()
    };
    GroupHistory {
        labels: Labels::from([("job".to_string(), "u/admin/job".to_string())]),
        ok: sampled(ok),
        failed: sampled(failed),
    }
}

fn every_2s(from: f64, to: f64, skip: &[f64]) -> Vec<f64> {
    (0..)
        .map(|i| from + 2.0 * i as f64)
        .take_while(|t| *t <= to)
        .filter(|t| !skip.contains(t))
        .collect()
}

#[test]
fn a_job_every_2s_that_skips_3_pushes_has_exactly_3_missed_runs() {
    let start = NOW - 600.0;
    let skipped = [start + 100.0, start + 102.0, start + 300.0];
    let runs = every_2s(start, NOW - 1.0, &skipped);
    let report = job_report(
        &[exact(&runs, &[])],
        Resolution::Exact,
        None,
        start - 60.0,
        NOW,
    );
    let (schedule, _, source) = report.schedule.clone().expect("a schedule");
    assert_eq!(schedule.describe(), "every 2s");
    assert!(matches!(source, Source::Inferred { confidence } if confidence > 0.9));
    let c = report.compliance.expect("compared");
    assert_eq!(c.missed_count(), 3);
    assert_eq!(c.missed, skipped);
    assert!(c.on_time_share().unwrap() > 0.98);
    assert!(c.next_expected.is_some() && c.overdue_by.is_none());
    assert_eq!(report.rows.len(), runs.len());
    assert_eq!(report.rows[0].at, *runs.last().unwrap(), "newest first");
    let after_hole = report.rows.iter().find(|r| r.at == start + 104.0).unwrap();
    assert_eq!(after_hole.gap, Some(6.0));
    assert!(report.notes.is_empty(), "{:?}", report.notes);
}

#[test]
fn refused_pushes_are_failed_runs() {
    let start = NOW - 120.0;
    let ok = every_2s(start, NOW - 1.0, &[start + 20.0, start + 22.0]);
    let report = job_report(
        &[exact(&ok, &[start + 20.0, start + 22.0])],
        Resolution::Exact,
        None,
        start,
        NOW,
    );
    let failed: Vec<f64> = report
        .rows
        .iter()
        .filter(|r| r.outcome == Outcome::Failed)
        .map(|r| r.at)
        .collect();
    assert_eq!(failed, [start + 22.0, start + 20.0]);
    assert_eq!(
        report.compliance.unwrap().missed_count(),
        0,
        "a failed run still ran"
    );
}

#[test]
fn a_job_that_stopped_is_overdue() {
    let start = NOW - 600.0;
    let runs = every_2s(start, NOW - 60.0, &[]);
    let report = job_report(&[exact(&runs, &[])], Resolution::Exact, None, start, NOW);
    let c = report.compliance.unwrap();
    assert!(c.next_expected.is_none());
    assert!((c.overdue_by.unwrap() - 58.0).abs() < 1e-9);
    assert_eq!(
        c.missed_count(),
        29,
        "60 s without the 2 s job, less its grace"
    );
}

#[test]
fn bad_histories_are_said_plainly_and_no_schedule_is_made_up() {
    let nothing = job_report(&[], Resolution::Exact, None, NOW - 3600.0, NOW);
    assert!(nothing.schedule.is_none() && nothing.compliance.is_none());
    assert!(
        nothing.notes[0].contains("retention"),
        "{:?}",
        nothing.notes
    );

    let single = job_report(
        &[exact(&[NOW - 10.0], &[])],
        Resolution::Exact,
        None,
        NOW - 3600.0,
        NOW,
    );
    assert!(single.schedule.is_none());
    assert_eq!(
        single.notes,
        ["1 run(s) in the range: a schedule is inferred from 3 runs on."]
    );

    let future = job_report(
        &[exact(&[NOW - 4.0, NOW - 2.0, NOW + 3600.0], &[])],
        Resolution::Exact,
        None,
        NOW - 60.0,
        NOW,
    );
    assert_eq!(future.runs.in_the_future, 1);
    assert!(
        future.notes.iter().any(|n| n.contains("in the future")),
        "{:?}",
        future.notes
    );

    // Sampled in this order: 100, 104, then 50 (the clock was set back), then 108.
    let mut backwards = exact(&[], &[]);
    backwards.ok = vec![
        (1.0, NOW - 100.0),
        (2.0, NOW - 96.0),
        (3.0, NOW - 150.0),
        (4.0, NOW - 92.0),
    ];
    let report = job_report(&[backwards], Resolution::Exact, None, NOW - 600.0, NOW);
    assert_eq!(
        report.runs.ok,
        [NOW - 150.0, NOW - 100.0, NOW - 96.0, NOW - 92.0]
    );
    assert!(
        report.notes.iter().any(|n| n.contains("backwards")),
        "{:?}",
        report.notes
    );

    let irregular = [
        NOW - 500.0,
        NOW - 499.0,
        NOW - 300.0,
        NOW - 290.0,
        NOW - 17.0,
        NOW - 3.0,
    ];
    let report = job_report(
        &[exact(&irregular, &[])],
        Resolution::Exact,
        None,
        NOW - 600.0,
        NOW,
    );
    assert!(report.schedule.is_none());
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("no regular schedule")),
        "{:?}",
        report.notes
    );
}

#[test]
fn a_set_schedule_wins_over_the_inferred_one() {
    let start = NOW - 600.0;
    let runs = every_2s(start, NOW - 1.0, &[]);
    let set = SetSchedule::every("1s", "").unwrap();
    let report = job_report(
        &[exact(&runs, &[])],
        Resolution::Exact,
        Some(&set),
        start,
        NOW,
    );
    let (schedule, _, source) = report.schedule.unwrap();
    assert_eq!(
        (schedule.describe(), source),
        ("every 1s".to_string(), Source::Set)
    );
    assert!(
        report.compliance.unwrap().missed_count() > 250,
        "every other second missed"
    );
}

#[test]
fn per_step_counts_become_runs_inside_their_steps() {
    // A job every 60 s over 3 h, counted per 10 minutes: 10 runs a step, one step with 7.
    let step = 600.0;
    let ends: Vec<f64> = (1..=18)
        .map(|i| NOW - 3.0 * 3600.0 + i as f64 * step)
        .collect();
    let history = GroupHistory {
        labels: Labels::new(),
        ok: ends
            .iter()
            .enumerate()
            .map(|(i, &t)| (t, if i == 9 { 7.0 } else { 10.0 }))
            .collect(),
        failed: vec![(ends[4], 1.0), (ends[5], 0.0)],
    };
    let from = NOW - 3.0 * 3600.0;
    let report = job_report(&[history], Resolution::PerStep(step), None, from, NOW);
    assert_eq!(report.runs.ok.len(), 177);
    assert_eq!(report.runs.failed.len(), 1);
    assert!(report.runs.ok.iter().all(|t| *t > from && *t <= NOW));
    // The runs' times are known to within their step: the period only roughly.
    let (schedule, _, _) = report.schedule.unwrap();
    assert!(
        (schedule.period() - 60.0).abs() < 1.5,
        "{}",
        schedule.describe()
    );
}

#[test]
fn failed_runs_counted_in_a_step_never_land_on_successful_ones() {
    // 14 pushes and 2 refused ones in one step: placed one by one, runs 3 and 10 of the 14
    // fell on the 2 failures' times and the page read 14 runs instead of 16.
    let step = 2040.0;
    for (n_ok, n_failed) in [(14, 2), (1, 1), (3, 9), (0, 4), (6, 0), (2, 1)] {
        let history = GroupHistory {
            labels: Labels::new(),
            ok: vec![(NOW - step, 5.0), (NOW, n_ok as f64)],
            failed: vec![(NOW, n_failed as f64)],
        };
        let report = job_report(
            &[history],
            Resolution::PerStep(step),
            None,
            NOW - 2.0 * step,
            NOW,
        );
        assert_eq!(report.runs.ok.len(), 5 + n_ok, "{n_ok} + {n_failed}");
        assert_eq!(report.runs.failed.len(), n_failed, "{n_ok} + {n_failed}");
        assert_eq!(
            report.rows.len(),
            5 + n_ok + n_failed,
            "{n_ok} + {n_failed}"
        );
        let last_step = report
            .runs
            .all()
            .into_iter()
            .filter(|(t, _)| *t > NOW - step)
            .count();
        assert_eq!(last_step, n_ok + n_failed);
    }
}

#[test]
fn schedules_and_sources_in_words() {
    let hourly = Schedule::Hourly {
        minute: 5,
        second: 0,
    };
    assert_eq!(hourly.describe(), "hourly at :05:00");
    let daily = Schedule::Daily {
        hour: 6,
        minute: 30,
        second: 0,
        weekdays: true,
    };
    assert_eq!(daily.describe(), "weekdays at 06:30:00 UTC");
    assert_eq!(describe_source(&Source::Set), "set for this job");
    assert!(describe_source(&Source::Inferred { confidence: 0.974 }).contains("97 %"));
}

#[test]
fn the_next_run_and_the_on_time_share_in_words() {
    let start = NOW - 600.0;
    let runs = every_2s(start, NOW - 1.0, &[start + 100.0]);
    let now = NOW - 1.0; // the last run was a second ago
    let report = job_report(&[exact(&runs, &[])], Resolution::Exact, None, start, now);
    assert!(
        report
            .next_run(now)
            .unwrap()
            .starts_with("next run expected in 1s ("),
        "{:?}",
        report.next_run(now)
    );
    assert_eq!(
        report.on_time().unwrap(),
        "99.7 % on time (1 missed, 0 late of 300 expected)"
    );
    let stopped = job_report(
        &[exact(&runs, &[])],
        Resolution::Exact,
        None,
        start,
        NOW + 61.0,
    );
    assert_eq!(
        stopped.next_run(NOW + 61.0).unwrap(),
        "overdue by 1m 1s",
        "due at NOW"
    );
    let none = job_report(&[], Resolution::Exact, None, start, NOW);
    assert_eq!((none.next_run(NOW), none.on_time()), (None, None));
    assert_eq!(
        none.schedule_text(),
        "none: too few or irregular runs to infer one, and none is set"
    );
    assert_eq!(
        report.schedule_text(),
        "every 2s (grace 1s), inferred from the runs (100 % of the gaps fit)"
    );
    let set = SetSchedule::every("5s", "2s").unwrap();
    let judged = job_report(
        &[exact(&runs, &[])],
        Resolution::Exact,
        Some(&set),
        start,
        now,
    );
    assert_eq!(
        judged.schedule_text(),
        "every 5s (grace 2s), set for this job"
    );
}
