//! Unit tests of `crate::gateway::freshness`.

use super::*;
use crate::schedule::set::SetSchedule;

const NOW: f64 = 1_700_000_000.0;

fn times(success_ago: Option<f64>, failure_ago: Option<f64>) -> PushTimes {
    PushTimes {
        last_success: success_ago.map(|a| NOW - a),
        last_failure: failure_ago.map(|a| NOW - a),
    }
}

#[test]
fn a_recent_push_is_fresh() {
    assert_eq!(
        classify(times(Some(3.0), None), Some(5.0), None, 600.0, NOW),
        Freshness::Fresh
    );
    // No history: the global threshold alone decides.
    assert_eq!(
        classify(times(Some(300.0), None), None, None, 600.0, NOW),
        Freshness::Fresh
    );
    // Failure time 0 means "never failed".
    assert_eq!(
        classify(times(Some(3.0), Some(NOW)), Some(5.0), None, 600.0, NOW),
        Freshness::Fresh
    );
}

#[test]
fn beyond_two_intervals_is_late() {
    assert_eq!(
        classify(times(Some(10.0), None), Some(5.0), None, 600.0, NOW),
        Freshness::Fresh
    );
    assert_eq!(
        classify(times(Some(10.1), None), Some(5.0), None, 600.0, NOW),
        Freshness::Late
    );
    assert_eq!(
        classify(times(Some(599.0), None), Some(5.0), None, 600.0, NOW),
        Freshness::Late
    );
}

#[test]
fn beyond_the_threshold_is_stale_with_or_without_history() {
    assert_eq!(
        classify(times(Some(601.0), None), Some(5.0), None, 600.0, NOW),
        Freshness::Stale
    );
    assert_eq!(
        classify(times(Some(601.0), None), None, None, 600.0, NOW),
        Freshness::Stale
    );
    // A per-job threshold can keep a daily job fresh.
    assert_eq!(
        classify(
            times(Some(3600.0), None),
            Some(86_400.0),
            None,
            90_000.0,
            NOW
        ),
        Freshness::Fresh
    );
}

#[test]
fn a_failed_last_push_is_failed_until_it_goes_stale() {
    assert_eq!(
        classify(times(Some(20.0), Some(2.0)), Some(5.0), None, 600.0, NOW),
        Freshness::Failed
    );
    assert_eq!(
        classify(
            times(Some(2000.0), Some(1000.0)),
            Some(5.0),
            None,
            600.0,
            NOW
        ),
        Freshness::Stale
    );
    // A success after the failure clears it.
    assert_eq!(
        classify(times(Some(1.0), Some(2.0)), Some(5.0), None, 600.0, NOW),
        Freshness::Fresh
    );
}

#[test]
fn only_failures_is_never_succeeded() {
    assert_eq!(
        classify(times(None, Some(5.0)), None, None, 600.0, NOW),
        Freshness::NeverSucceeded
    );
    assert_eq!(
        // push_time_seconds 0 is the gateway's "never".
        classify(
            PushTimes {
                last_success: Some(0.0),
                last_failure: Some(NOW - 5.0)
            },
            None,
            None,
            600.0,
            NOW
        ),
        Freshness::NeverSucceeded
    );
    assert_eq!(
        classify(times(None, None), None, None, 600.0, NOW),
        Freshness::NeverSucceeded
    );
    assert_eq!(
        classify(times(None, Some(900.0)), None, None, 600.0, NOW),
        Freshness::Stale
    );
}

#[test]
fn thresholds_fall_back_to_global() {
    let mut t = StaleThresholds::default();
    t.per_job_secs.insert("u/admin/daily".into(), 90_000.0);
    assert_eq!(t.for_job("u/admin/daily"), 90_000.0);
    assert_eq!(t.for_job("other"), DEFAULT_STALE_AFTER_SECS);
}

#[test]
fn labels_parse_back() {
    for f in Freshness::ALL {
        assert_eq!(Freshness::parse(f.label()), Some(f));
        assert_eq!(Freshness::parse(f.slug()), Some(f));
    }
    assert_eq!(Freshness::parse("bogus"), None);
}

#[test]
fn a_set_schedule_makes_a_job_late_once_overdue_beyond_its_grace() {
    // Hourly at :00 (cron, UTC), 5 minutes of grace; NOW is 22:13:20 UTC.
    let hourly = SetSchedule::cron("0 0 * * * *", "5m").unwrap();
    let last = NOW - 13.0 * 60.0 - 20.0; // 22:00:00, on time
    let pushed = |ago: f64| times(Some(ago), None);
    let due = Due::of(Some(last), Some(5.0), Some(&hourly)).unwrap();
    assert_eq!(
        due,
        Due {
            at: last + 3600.0,
            grace: 300.0
        }
    );
    // The expected interval alone (5 s) would call it late; the schedule says it is not.
    assert_eq!(
        classify(pushed(NOW - last), Some(5.0), Some(&hourly), 7200.0, NOW),
        Freshness::Fresh
    );
    // Pushed at 20:59: due at 21:00 again, so 22:13 is past 21:00 + 5m.
    assert_eq!(
        classify(
            pushed(NOW - last + 3660.0),
            None,
            Some(&hourly),
            7200.0,
            NOW
        ),
        Freshness::Late
    );
    // Every 10 min with 1 min of grace: late after 11 minutes, not before.
    let every = SetSchedule::every("10m", "1m").unwrap();
    assert_eq!(
        classify(pushed(660.0), None, Some(&every), 7200.0, NOW),
        Freshness::Fresh
    );
    assert_eq!(
        classify(pushed(661.0), None, Some(&every), 7200.0, NOW),
        Freshness::Late
    );
    // Stale still wins over any schedule.
    assert_eq!(
        classify(pushed(7201.0), None, Some(&every), 7200.0, NOW),
        Freshness::Stale
    );
    // Without a push there is nothing due.
    assert_eq!(Due::of(None, Some(5.0), Some(&every)), None);
    assert_eq!(Due::of(Some(0.0), Some(5.0), None), None);
}
