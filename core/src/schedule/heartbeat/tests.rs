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

/// Counts per quarter of an hour: `ok[i]` runs in quarter `i`, none failed.
fn counted(ok: &[f64], schedule: Option<&Schedule>) -> Vec<Beat> {
    let to = T0 + ok.len() as f64 * QUARTER;
    strip_from_counts(ok, &vec![0.0; ok.len()], schedule, to, QUARTER, to)
}

#[test]
fn counted_runs_short_of_the_schedule_are_missed() {
    let every_5m = Schedule::Every {
        period: 300.0,
        anchor: T0,
    };
    // 3 runs a quarter; one skipped in the third; the job stops after the fifth.
    assert_eq!(
        counted(&[3.0, 3.0, 2.0, 3.0, 3.0, 0.0, 0.0], Some(&every_5m)),
        vec![
            Beat::Ok,
            Beat::Ok,
            Beat::Missed,
            Beat::Ok,
            Beat::Ok,
            Beat::Missed,
            Beat::Missed
        ]
    );
    // A failed push outranks the rest, and failed runs are runs, not misses.
    let to = T0 + 3.0 * QUARTER;
    assert_eq!(
        strip_from_counts(
            &[3.0, 2.0, 3.0],
            &[0.0, 1.0, 0.0],
            Some(&every_5m),
            to,
            QUARTER,
            to
        ),
        vec![Beat::Ok, Beat::Failed, Beat::Ok]
    );
    // The last quarter has only begun: one run of its three is due so far, and has come.
    let judged_at = |now: f64| {
        strip_from_counts(
            &[3.0, 3.0, 1.0],
            &[0.0; 3],
            Some(&every_5m),
            to,
            QUARTER,
            now,
        )
    };
    assert_eq!(
        judged_at(T0 + 2.0 * QUARTER + 100.0),
        vec![Beat::Ok, Beat::Ok, Beat::Ok]
    );
    // Judged as if it were over, it would have missed two.
    assert_eq!(judged_at(to)[2], Beat::Missed);
}

#[test]
fn a_run_counted_in_the_next_bucket_is_no_miss() {
    // Every 5 s: 180 a quarter. One push seen by the scrape after the boundary moves one run
    // into the next quarter; a real gap does not come back.
    let every_5s = Schedule::Every {
        period: 5.0,
        anchor: T0,
    };
    assert_eq!(
        counted(&[180.0, 179.0, 181.0, 180.0], Some(&every_5s)),
        vec![Beat::Ok; 4]
    );
    // A period inferred a little short (5 s against a true 5.05 s) is no miss either...
    assert_eq!(
        counted(&[178.0, 178.0, 178.0, 178.0], Some(&every_5s)),
        vec![Beat::Ok; 4]
    );
    // ...but a stretch without pushes is.
    assert_eq!(
        counted(&[180.0, 120.0, 0.0, 180.0], Some(&every_5s)),
        vec![Beat::Ok, Beat::Missed, Beat::Missed, Beat::Ok]
    );
}

#[test]
fn before_the_first_run_and_where_nothing_is_expected_there_is_no_data() {
    let daily = Schedule::Daily {
        hour: 0,
        minute: 30,
        second: 0,
        weekdays: false,
    };
    // T0 is midnight UTC: the run of 00:30 falls into the third quarter.
    assert_eq!(
        counted(&[0.0, 0.0, 1.0, 0.0], Some(&daily)),
        vec![Beat::NoData, Beat::NoData, Beat::Ok, Beat::NoData]
    );
    // The job started in the middle of a quarter: its first bucket is short but no miss.
    let every_5m = Schedule::Every {
        period: 300.0,
        anchor: T0,
    };
    assert_eq!(
        counted(&[0.0, 1.0, 3.0], Some(&every_5m)),
        vec![Beat::NoData, Beat::Ok, Beat::Ok]
    );
    // Without a schedule only runs and their absence show.
    assert_eq!(
        counted(&[2.0, 0.0, 5.0], None),
        vec![Beat::Ok, Beat::NoData, Beat::Ok]
    );
    assert_eq!(counted(&[0.0, 0.0], None), vec![Beat::NoData; 2]);
    // Counts that are not counts (NaN, negative) count as none.
    assert_eq!(
        counted(&[f64::NAN, -1.0, 3.0], Some(&every_5m)),
        vec![Beat::NoData, Beat::NoData, Beat::Ok]
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// A job on a 1–7-runs-per-quarter grid misses runs in random quarters (never the
        /// first, whose start is unknown): exactly those quarters are Missed, however many
        /// runs each lost, and a failed run there still shows as Failed.
        #[test]
        fn exactly_the_quarters_with_holes_are_missed(
            per_quarter in 1usize..8,
            holes in proptest::collection::btree_map(1usize..96, 1usize..8, 0..30),
            failed in proptest::collection::btree_set(0usize..96, 0..5),
        ) {
            let period = QUARTER / per_quarter as f64;
            let schedule = Schedule::Every { period, anchor: T0 };
            let lost = |i: usize| holes.get(&i).map_or(0, |&n| n.min(per_quarter));
            let ok: Vec<f64> = (0..96)
                .map(|i| (per_quarter - lost(i)) as f64 - if failed.contains(&i) && lost(i) < per_quarter { 1.0 } else { 0.0 })
                .collect();
            let failed_counts: Vec<f64> = (0..96)
                .map(|i| if failed.contains(&i) && lost(i) < per_quarter { 1.0 } else { 0.0 })
                .collect();
            let to = T0 + 96.0 * QUARTER;
            let beats = strip_from_counts(&ok, &failed_counts, Some(&schedule), to, QUARTER, to);
            let missed: BTreeSet<usize> = (0..96).filter(|&i| beats[i] == Beat::Missed).collect();
            let failing: BTreeSet<usize> = (0..96).filter(|&i| beats[i] == Beat::Failed).collect();
            let with_failure: BTreeSet<usize> = (0..96).filter(|&i| failed_counts[i] > 0.0).collect();
            let with_holes: BTreeSet<usize> = holes
                .keys()
                .copied()
                .filter(|i| !with_failure.contains(i))
                .collect();
            prop_assert_eq!(&failing, &with_failure);
            prop_assert_eq!(missed, with_holes);
            prop_assert!(beats.iter().all(|b| *b != Beat::NoData));
        }
    }
}
