//! Unit tests of `crate::gateway::freshness`.

use super::*;

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
        classify(times(Some(3.0), None), Some(5.0), 600.0, NOW),
        Freshness::Fresh
    );
    // No history: the global threshold alone decides.
    assert_eq!(
        classify(times(Some(300.0), None), None, 600.0, NOW),
        Freshness::Fresh
    );
    // Failure time 0 means "never failed".
    assert_eq!(
        classify(times(Some(3.0), Some(NOW)), Some(5.0), 600.0, NOW),
        Freshness::Fresh
    );
}

#[test]
fn beyond_two_intervals_is_late() {
    assert_eq!(
        classify(times(Some(10.0), None), Some(5.0), 600.0, NOW),
        Freshness::Fresh
    );
    assert_eq!(
        classify(times(Some(10.1), None), Some(5.0), 600.0, NOW),
        Freshness::Late
    );
    assert_eq!(
        classify(times(Some(599.0), None), Some(5.0), 600.0, NOW),
        Freshness::Late
    );
}

#[test]
fn beyond_the_threshold_is_stale_with_or_without_history() {
    assert_eq!(
        classify(times(Some(601.0), None), Some(5.0), 600.0, NOW),
        Freshness::Stale
    );
    assert_eq!(
        classify(times(Some(601.0), None), None, 600.0, NOW),
        Freshness::Stale
    );
    // A per-job threshold can keep a daily job fresh.
    assert_eq!(
        classify(times(Some(3600.0), None), Some(86_400.0), 90_000.0, NOW),
        Freshness::Fresh
    );
}

#[test]
fn a_failed_last_push_is_failed_until_it_goes_stale() {
    assert_eq!(
        classify(times(Some(20.0), Some(2.0)), Some(5.0), 600.0, NOW),
        Freshness::Failed
    );
    assert_eq!(
        classify(times(Some(2000.0), Some(1000.0)), Some(5.0), 600.0, NOW),
        Freshness::Stale
    );
    // A success after the failure clears it.
    assert_eq!(
        classify(times(Some(1.0), Some(2.0)), Some(5.0), 600.0, NOW),
        Freshness::Fresh
    );
}

#[test]
fn only_failures_is_never_succeeded() {
    assert_eq!(
        classify(times(None, Some(5.0)), None, 600.0, NOW),
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
            600.0,
            NOW
        ),
        Freshness::NeverSucceeded
    );
    assert_eq!(
        classify(times(None, None), None, 600.0, NOW),
        Freshness::NeverSucceeded
    );
    assert_eq!(
        classify(times(None, Some(900.0)), None, 600.0, NOW),
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
