//! Unit tests of `crate::schedule::heartbeat`.

use super::*;
use crate::schedule::compare::compare;
use crate::schedule::Schedule;

const T0: f64 = 1_795_996_800.0;
const QUARTER: f64 = 900.0;

#[test]
fn each_bucket_says_the_worst_that_happened_in_it() {
    // Every 5 minutes for 2 h, one slot skipped in the second quarter, one failed push in the
    // fourth; the strip shows 8 quarters of an hour ending at T0 + 2 h.
    let ok: Vec<f64> = (0..24)
        .filter(|i| *i != 4)
        .map(|i| T0 + i as f64 * 300.0)
        .collect();
    let failed = vec![T0 + 3.0 * QUARTER + 10.0];
    let now = T0 + 2.0 * 3600.0;
    let runs = Runs::from_values(&ok, &failed, now);
    let schedule = Schedule::Every {
        period: 300.0,
        anchor: T0,
    };
    let c = compare(&schedule, 60.0, &runs.times(), T0, now);
    let beats = strip(&runs, Some(&c), now, 8, QUARTER);
    assert_eq!(
        beats,
        vec![
            Beat::Ok,
            Beat::Missed,
            Beat::Ok,
            Beat::Failed,
            Beat::Ok,
            Beat::Ok,
            Beat::Ok,
            Beat::Ok
        ]
    );
    assert_eq!(
        summary(&runs, Some(&c), T0, now),
        "24 runs, 1 missed, 1 failed"
    );
}

#[test]
fn no_runs_is_no_data_and_one_run_reads_in_the_singular() {
    let runs = Runs::default();
    assert_eq!(strip(&runs, None, T0, 4, QUARTER), vec![Beat::NoData; 4]);
    let one = Runs::from_values(&[T0 - 10.0], &[], T0);
    assert_eq!(summary(&one, None, T0 - QUARTER, T0), "1 run, 0 failed");
    assert_eq!(
        strip(&one, None, T0, 2, QUARTER),
        vec![Beat::NoData, Beat::Ok]
    );
}
