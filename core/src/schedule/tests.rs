//! Unit tests of `crate::schedule`: inference, expected runs and the comparison, on schedules
//! with jitter, holes, restarts and wall-clock times, and cron overrides.

use super::compare::compare;
use super::cron::CronSchedule;
use super::infer::{infer, Inference};
use super::runs::{Outcome, Runs};
use super::*;

/// 2026-11-30, a Monday, 00:00 UTC.
const MONDAY: f64 = 1_795_996_800.0;

/// Runs every `period` from `start`, `count` slots, with `skip` slots left out and a
/// deterministic jitter of up to `jitter` seconds either way.
fn every_with(start: f64, period: f64, count: usize, skip: &[usize], jitter: f64) -> Vec<f64> {
    (0..count)
        .filter(|i| !skip.contains(i))
        .map(|i| {
            let wobble = ((i * 7919) % 13) as f64 / 6.0 - 1.0; // -1 ..= 1
            start + i as f64 * period + wobble * jitter
        })
        .collect()
}

fn found(times: &[f64]) -> (Schedule, f64) {
    match infer(times) {
        Inference::Found {
            schedule,
            confidence,
        } => (schedule, confidence),
        other => panic!("no schedule found: {other:?}"),
    }
}

fn period_of(schedule: &Schedule) -> f64 {
    match schedule {
        Schedule::Every { period, .. } => *period,
        other => panic!("not a fixed period: {other:?}"),
    }
}

#[test]
fn fewer_than_three_runs_is_new_and_no_schedule_is_made_up() {
    assert_eq!(infer(&[]), Inference::New { runs: 0 });
    assert_eq!(infer(&[MONDAY]), Inference::New { runs: 1 });
    assert_eq!(infer(&[MONDAY, MONDAY + 60.0]), Inference::New { runs: 2 });
}

#[test]
fn a_period_with_jitter_is_found_with_full_confidence() {
    let times = every_with(MONDAY + 17.0, 300.0, 50, &[], 8.0);
    let (schedule, confidence) = found(&times);
    assert!((period_of(&schedule) - 300.0).abs() < 1.0, "{schedule:?}");
    assert_eq!(confidence, 1.0);
}

#[test]
fn holes_do_not_bend_the_period_and_are_counted_as_missed() {
    let times = every_with(MONDAY + 5.0, 2.0, 200, &[50, 51, 52], 0.1);
    let (schedule, _) = found(&times);
    assert!((period_of(&schedule) - 2.0).abs() < 0.01, "{schedule:?}");
    let now = times[times.len() - 1] + 0.5;
    let c = compare(&schedule, schedule.default_grace(), &times, MONDAY, now);
    assert_eq!(c.missed.len(), 3, "{:?}", c.missed);
    assert!(
        (c.missed[0] - (MONDAY + 5.0 + 100.0)).abs() < 0.5,
        "{:?}",
        c.missed
    );
    assert!(c.late.is_empty(), "{:?}", c.late);
    assert_eq!(c.expected, 200);
    assert_eq!(c.on_time, 197);
    assert!(c.next_expected.is_some() && c.overdue_by.is_none());
}

#[test]
fn a_restart_at_another_phase_counts_only_the_gap() {
    let before = every_with(MONDAY, 60.0, 30, &[], 1.0);
    // Down for 10 minutes, then back 25 s later in the minute.
    let after = every_with(MONDAY + 40.0 * 60.0 + 25.0, 60.0, 30, &[], 1.0);
    let times: Vec<f64> = before.iter().chain(&after).copied().collect();
    let (schedule, confidence) = found(&times);
    assert!((period_of(&schedule) - 60.0).abs() < 1.0);
    assert!(confidence > 0.95, "{confidence}");
    let now = times[times.len() - 1] + 10.0;
    let c = compare(&schedule, schedule.default_grace(), &times, MONDAY, now);
    assert_eq!(c.missed.len(), 10, "{:?}", c.missed);
    assert!(c.late.is_empty(), "{:?}", c.late);
}

#[test]
fn runs_that_stop_are_overdue_and_their_slots_missed() {
    let times = every_with(MONDAY, 60.0, 10, &[], 0.0);
    let (schedule, _) = found(&times);
    let last = times[times.len() - 1];
    let c = compare(&schedule, 30.0, &times, MONDAY, last + 200.0);
    // due at +60, +120, +180: each past its 30 s grace
    assert_eq!(c.missed.len(), 2, "{:?}", c.missed);
    assert_eq!(c.overdue_by, Some(140.0));
    assert_eq!(c.next_expected, None);
    let c = compare(&schedule, 30.0, &times, MONDAY, last + 70.0);
    assert_eq!(c.overdue_by, None);
    assert_eq!(c.next_expected, Some(last + 60.0));
}

#[test]
fn a_late_run_has_its_lateness() {
    let mut times = every_with(MONDAY, 600.0, 10, &[], 0.0);
    times[5] += 400.0; // due at +3000, ran at +3400
    let schedule = Schedule::Every {
        period: 600.0,
        anchor: MONDAY,
    };
    let c = compare(&schedule, 120.0, &times, MONDAY, times[9] + 1.0);
    assert_eq!(c.late, vec![(MONDAY + 3000.0, MONDAY + 3400.0)]);
    assert!(c.missed.is_empty());
    assert_eq!(c.on_time_share(), Some(0.9));
}

#[test]
fn hourly_and_daily_runs_are_read_as_wall_clock_schedules() {
    let hourly = every_with(MONDAY + 15.0 * 60.0 + 4.0, HOUR, 30, &[7], 3.0);
    let (schedule, _) = found(&hourly);
    assert_eq!(
        schedule,
        Schedule::Hourly {
            minute: 15,
            second: 4
        }
    );
    // Around midnight: 23:59 and 00:01 are the same schedule, not noon.
    let daily = every_with(MONDAY - 60.0, DAY, 5, &[], 50.0);
    let (schedule, _) = found(&daily);
    let Schedule::Daily {
        hour,
        minute,
        second,
        weekdays,
    } = schedule
    else {
        panic!("not daily: {schedule:?}");
    };
    let at = f64::from(hour * 3600 + minute * 60 + second);
    assert!(
        (at - (DAY - 60.0)).abs() <= 50.0,
        "{hour}:{minute}:{second}"
    );
    assert!(!weekdays);
}

#[test]
fn weekday_runs_are_a_weekday_schedule_and_weekends_are_not_missed() {
    // Two weeks of 02:30 runs, Monday to Friday.
    let times: Vec<f64> = (0..14)
        .map(|d| MONDAY + d as f64 * DAY + 2.5 * HOUR + 20.0)
        .filter(|t| !is_weekend(*t))
        .collect();
    let (schedule, _) = found(&times);
    assert_eq!(
        schedule,
        Schedule::Daily {
            hour: 2,
            minute: 30,
            second: 20,
            weekdays: true
        }
    );
    let c = compare(
        &schedule,
        600.0,
        &times,
        MONDAY,
        times[times.len() - 1] + HOUR,
    );
    assert!(c.missed.is_empty(), "{:?}", c.missed);
    assert_eq!(c.expected, 10);
    // Friday's run done: next is Monday's.
    assert_eq!(
        c.next_expected,
        Some(MONDAY + 14.0 * DAY + 2.5 * HOUR + 20.0)
    );
}

#[test]
fn scattered_runs_are_irregular() {
    let times = [0.0, 7.0, 100.0, 104.0, 300.0, 900.0, 905.0, 2000.0].map(|t| MONDAY + t);
    assert!(matches!(
        infer(&times),
        Inference::Irregular { runs: 8, .. }
    ));
}

#[test]
fn a_cron_override_expects_its_own_times() {
    let cron = CronSchedule::parse("0 */15 * * * *").expect("Windmill's six fields");
    assert_eq!(cron.pattern(), "0 */15 * * * *");
    let schedule = Schedule::Cron(cron);
    assert_eq!(schedule.period(), 900.0);
    let expected = schedule.expected_in(MONDAY, MONDAY + HOUR);
    assert_eq!(
        expected,
        [0.0, 900.0, 1800.0, 2700.0, 3600.0].map(|t| MONDAY + t)
    );
    // Runs a few seconds after each slot, one slot missed.
    let runs = [5.0, 905.0, 2705.0].map(|t| MONDAY + t);
    let c = compare(&schedule, 60.0, &runs, MONDAY, MONDAY + 2800.0);
    assert_eq!(c.missed, vec![MONDAY + 1800.0]);
    assert_eq!(c.on_time, 3);
    assert_eq!(c.next_expected, Some(MONDAY + 3600.0));
    assert!(CronSchedule::parse("every day").is_err());
    assert!(
        CronSchedule::parse("0 9 * * 1-5").is_ok(),
        "five fields too"
    );
}

#[test]
fn expected_runs_are_bounded_and_bad_ranges_are_empty() {
    let schedule = Schedule::Every {
        period: 0.001,
        anchor: 0.0,
    };
    assert_eq!(schedule.expected_in(0.0, 1e9).len(), MAX_EXPECTED);
    assert!(schedule.expected_in(10.0, 0.0).is_empty());
    assert!(schedule.expected_in(f64::NAN, 1.0).is_empty());
}

#[test]
fn runs_are_read_from_distinct_sampled_values() {
    let now = MONDAY + 100.0;
    // Scraped three times each, out of order, a 0 (never) and one from a clock ahead.
    let ok = [
        MONDAY + 10.0,
        MONDAY + 10.0,
        0.0,
        MONDAY + 5.0,
        MONDAY + 10.0,
        now + 50.0,
    ];
    let failed = [MONDAY + 7.0, MONDAY + 7.0, f64::NAN];
    let runs = Runs::from_values(&ok, &failed, now);
    assert_eq!(runs.ok, vec![MONDAY + 5.0, MONDAY + 10.0]);
    assert_eq!(runs.failed, vec![MONDAY + 7.0]);
    assert_eq!(runs.in_the_future, 1);
    assert_eq!(
        runs.all(),
        vec![
            (MONDAY + 5.0, Outcome::Ok),
            (MONDAY + 7.0, Outcome::Failed),
            (MONDAY + 10.0, Outcome::Ok)
        ]
    );
}

mod generated {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    /// A fixed-period schedule with jitter well inside the tolerance, and holes (up to a
    /// quarter of the inner slots) at random places.
    fn schedule_with_holes() -> impl Strategy<Value = (f64, f64, usize, BTreeSet<usize>)> {
        (2.0f64..7200.0, 0.0f64..1e6, 12usize..300).prop_flat_map(|(period, start, count)| {
            let holes = proptest::collection::btree_set(1..count - 1, 0..count / 4);
            (Just(period), Just(start), Just(count), holes)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn the_period_is_recovered_and_every_hole_counted(
            (period, start, count, holes) in schedule_with_holes(),
            jitter_share in 0.0f64..0.25,
        ) {
            let jitter = jitter_share * infer::jitter_tolerance(period);
            let skip: Vec<usize> = holes.iter().copied().collect();
            let times = every_with(MONDAY + start, period, count, &skip, jitter);
            let Inference::Found { schedule, confidence } = infer(&times) else {
                return Err(TestCaseError::fail(format!("not found: {:?}", infer(&times))));
            };
            prop_assert!(confidence >= infer::MIN_CONFIDENCE);
            let found = schedule.period();
            prop_assert!((found - period).abs() <= period * 0.01, "period {found} for {period}");
            let now = times[times.len() - 1] + period * 0.1;
            let c = compare(&schedule, schedule.default_grace(), &times, MONDAY, now);
            prop_assert_eq!(c.missed.len(), holes.len(), "{:?}", c.missed);
            prop_assert_eq!(c.expected, count);
            prop_assert!(c.late.is_empty());
        }

        #[test]
        fn any_run_times_give_an_answer_without_a_panic(
            mut times in proptest::collection::vec(-1e10f64..1e10, 0..60),
            now in -1e10f64..1e10,
        ) {
            times.sort_by(f64::total_cmp);
            times.dedup();
            if let Inference::Found { schedule, .. } = infer(&times) {
                let _ = compare(&schedule, schedule.default_grace(), &times, now - 86_400.0, now);
            }
        }
    }
}

#[test]
fn push_times_going_backwards_are_read_in_time_order() {
    // A gateway restarted with an older persisted state: its push_time_seconds went back.
    let values = [
        MONDAY + 120.0,
        MONDAY + 180.0,
        MONDAY + 60.0,
        MONDAY + 240.0,
    ];
    let runs = Runs::from_values(&values, &[], MONDAY + 300.0);
    assert_eq!(
        runs.times(),
        [60.0, 120.0, 180.0, 240.0].map(|t| MONDAY + t)
    );
    let (schedule, _) = found(&runs.times());
    assert!((schedule.period() - 60.0).abs() < 0.5);
}

#[test]
fn the_week_starts_on_monday_in_utc() {
    assert!(!is_weekend(MONDAY));
    assert!(
        !is_weekend(MONDAY + 4.0 * DAY + DAY - 1.0),
        "Friday 23:59:59"
    );
    assert!(is_weekend(MONDAY + 5.0 * DAY), "Saturday 00:00");
    assert!(is_weekend(MONDAY + 7.0 * DAY - 1.0), "Sunday 23:59:59");
    assert!(!is_weekend(0.0), "1970-01-01 was a Thursday");
}

#[test]
fn the_missed_count_survives_a_cut_list() {
    let schedule = Schedule::Every {
        period: 1.0,
        anchor: 0.0,
    };
    let runs = [0.0, 1e7];
    let c = compare(&schedule, 0.5, &runs, 0.0, 1e7);
    assert_eq!(c.missed.len(), MAX_EXPECTED);
    assert_eq!(c.missed_count(), 1e7 as usize - 1);
}
