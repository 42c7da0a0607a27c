//! Backoff delays, saturation, saved values, which errors are retried, and the notes.

use super::*;
use crate::http::error::Backend;

const SEC: Duration = Duration::from_secs(1);

#[test]
fn delays_double_from_the_base_up_to_the_cap() {
    let b = Backoff::DEFAULT;
    let secs: Vec<u64> = (0..=8).map(|n| b.delay(n).as_secs()).collect();
    assert_eq!(secs, [0, 1, 2, 4, 8, 16, 30, 30, 30]);
    let fast = Backoff::from_secs(0.25, 2.0);
    assert_eq!(fast.delay(1), Duration::from_millis(250));
    assert_eq!(fast.delay(3), SEC);
    assert_eq!(fast.delay(5), 2 * SEC);
}

#[test]
fn huge_failure_counts_saturate_at_the_cap() {
    for b in [Backoff::DEFAULT, Backoff::from_secs(1e9, 1e12)] {
        for n in [31, 32, 33, 64, 1000, u32::MAX - 1, u32::MAX] {
            assert_eq!(b.delay(n), b.max, "{n} failures");
        }
    }
    let big = Backoff {
        base: Duration::MAX,
        max: Duration::MAX,
    };
    assert_eq!(big.delay(2), Duration::MAX);
}

#[test]
fn bad_saved_values_fall_back_to_the_defaults() {
    for (base, max) in [
        (0.0, 30.0),
        (-1.0, 30.0),
        (f64::NAN, 30.0),
        (f64::INFINITY, 30.0),
    ] {
        assert_eq!(Backoff::from_secs(base, max), Backoff::DEFAULT, "{base}");
    }
    assert_eq!(Backoff::from_secs(1.0, f64::NAN), Backoff::DEFAULT);
    assert_eq!(Backoff::from_secs(1e300, 1e300), Backoff::DEFAULT);
    // a max below the base: every retry waits the base
    let b = Backoff::from_secs(5.0, 2.0);
    assert_eq!((b.delay(1), b.delay(9)), (5 * SEC, 5 * SEC));
}

#[test]
fn only_errors_that_time_can_fix_are_retried() {
    let backend = Backend::Prometheus;
    let http = |status| ApiError::Http {
        backend,
        status,
        body_excerpt: String::new(),
    };
    let api = |t: &str| ApiError::Api {
        backend,
        error_type: t.into(),
        message: String::new(),
    };
    for retried in [
        ApiError::Unreachable {
            backend,
            detail: "down".into(),
        },
        ApiError::Malformed {
            backend,
            detail: "invalid JSON".into(),
        },
        http(502),
        http(503),
        http(504),
        http(500),
        http(429),
        http(408),
        api("unavailable"),
        api("timeout"),
    ] {
        assert!(worth_retrying(&retried), "{retried}");
    }
    for kept in [http(404), http(403), http(400), api("bad_data"), api("422")] {
        assert!(!worth_retrying(&kept), "{kept}");
    }
}

#[test]
fn retry_notes() {
    let state = |failures, next_at, in_flight| RetryState {
        failures,
        next_at,
        in_flight,
    };
    assert_eq!(state(0, None, true).note(0.0), None);
    assert_eq!(state(0, Some(5.0), false).note(0.0), None);
    assert_eq!(
        state(2, Some(104.0), false).note(100.2).as_deref(),
        Some("Retrying in 4 s (attempt 3).")
    );
    assert_eq!(
        state(2, Some(104.0), true).note(100.0).as_deref(),
        Some("Retrying now (attempt 3)…")
    );
    // the timer fires a little late: never "in 0 s" or negative
    assert_eq!(
        state(1, Some(100.0), false).note(100.3).as_deref(),
        Some("Retrying in 1 s (attempt 2).")
    );
    assert_eq!(
        state(9, Some(190.0), false).note(100.0).as_deref(),
        Some("Retrying in 1 min 30 s (attempt 10).")
    );
    // an error no retry can fix: no promise of one
    assert_eq!(state(3, None, false).note(100.0), None);
    assert!(state(u32::MAX, Some(1.0), false).note(0.0).is_some());
}

#[test]
fn waiting_notes_start_after_the_slow_threshold() {
    assert_eq!(waiting_note("Prometheus", 100.0, 104.9), None);
    assert_eq!(
        waiting_note("Pushgateway", 100.0, 106.2).as_deref(),
        Some("Waiting for Pushgateway: no answer after 7 s.")
    );
    assert_eq!(
        waiting_note("Prometheus", 0.0, 120.0).as_deref(),
        Some("Waiting for Prometheus: no answer after 2 min.")
    );
}
