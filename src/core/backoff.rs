//! Retrying a failing backend: exponential backoff with a cap, which errors are worth retrying,
//! and the sentences the error banner shows about retries and slow answers.
//!
//! After `n` consecutive failures the next attempt waits `min(base * 2^(n-1), max)`: with the
//! defaults 1 s, 2 s, 4 s, 8 s, 16 s, then every 30 s. The cap is fixed rather than the page's
//! auto-refresh interval: refresh can be off (a broken backend would then never be retried) or
//! one minute (too slow to notice a backend that is back), and 30 s keeps a dead backend at
//! two requests a minute per panel while a recovery shows within half a minute.

use crate::core::error::ApiError;
use std::time::Duration;

/// A request still unanswered after this long gets a "waiting for <backend>" note.
pub const SLOW_AFTER_SECS: f64 = 5.0;

/// Retry delays: `base` after the first failure, doubling up to `max`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backoff {
    pub base: Duration,
    pub max: Duration,
}

impl Backoff {
    pub const DEFAULT: Backoff = Backoff {
        base: Duration::from_secs(1),
        max: Duration::from_secs(30),
    };

    /// From seconds as saved in the settings. A base that is not a positive, finite number
    /// falls back to the default, and so does the max; a max below the base becomes the base.
    pub fn from_secs(base_secs: f64, max_secs: f64) -> Backoff {
        let secs = |s: f64, default: Duration| {
            if s.is_finite() && s > 0.0 {
                Duration::try_from_secs_f64(s).unwrap_or(default)
            } else {
                default
            }
        };
        let base = secs(base_secs, Backoff::DEFAULT.base);
        let max = secs(max_secs, Backoff::DEFAULT.max).max(base);
        Backoff { base, max }
    }

    /// The wait before the next attempt after `failures` consecutive failures (0: none).
    /// Saturates instead of overflowing: any huge count waits `max`.
    pub fn delay(&self, failures: u32) -> Duration {
        if failures == 0 {
            return Duration::ZERO;
        }
        let factor = 1u32.checked_shl(failures - 1).unwrap_or(u32::MAX);
        self.base.saturating_mul(factor).min(self.max)
    }
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff::DEFAULT
    }
}

/// Whether waiting can fix this error: a backend that is down, restarting, overloaded or cut
/// off mid-answer comes back by itself; a refused query or a wrong URL (4xx) does not.
pub fn worth_retrying(error: &ApiError) -> bool {
    match error {
        ApiError::Unreachable { .. } | ApiError::Malformed { .. } => true,
        ApiError::Http { status, .. } => *status >= 500 || matches!(status, 408 | 429),
        // Prometheus' error types; bad_data, execution and not_found need a different request.
        ApiError::Api { error_type, .. } => matches!(
            error_type.as_str(),
            "timeout" | "unavailable" | "internal" | "canceled"
        ),
    }
}

/// Where a polled read stands with its retries.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RetryState {
    /// Consecutive failed attempts (0 after a success).
    pub failures: u32,
    /// When the next automatic attempt starts (seconds since the epoch), if one is scheduled.
    pub next_at: Option<f64>,
    /// An attempt is running now.
    pub in_flight: bool,
}

impl RetryState {
    /// "Retrying in 4 s (attempt 3).", "Retrying now (attempt 3)…", or nothing when there is no
    /// failure or no retry coming.
    pub fn note(&self, now: f64) -> Option<String> {
        if self.failures == 0 {
            return None;
        }
        let attempt = self.failures.saturating_add(1);
        if self.in_flight {
            return Some(format!("Retrying now (attempt {attempt})…"));
        }
        let wait = self.next_at? - now;
        Some(format!(
            "Retrying in {} (attempt {attempt}).",
            whole_seconds(wait)
        ))
    }
}

/// "Waiting for Pushgateway: no answer after 7 s." once a request has run `SLOW_AFTER_SECS`.
pub fn waiting_note(backend: &str, since: f64, now: f64) -> Option<String> {
    let waited = now - since;
    (waited >= SLOW_AFTER_SECS).then(|| {
        format!(
            "Waiting for {backend}: no answer after {}.",
            whole_seconds(waited)
        )
    })
}

/// "1 s" at least, "42 s", "2 min 5 s": a countdown people read at a glance.
fn whole_seconds(secs: f64) -> String {
    let secs = if secs.is_finite() {
        secs.ceil().max(1.0)
    } else {
        1.0
    };
    let whole = secs.min(u32::MAX as f64) as u64;
    match (whole / 60, whole % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::Backend;

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
}
