//! Retrying a failing backend: exponential backoff with a cap, which errors are worth retrying,
//! and the sentences the error banner shows about retries and slow answers.
//!
//! After `n` consecutive failures the next attempt waits `min(base * 2^(n-1), max)`: with the
//! defaults 1 s, 2 s, 4 s, 8 s, 16 s, then every 30 s. The cap is fixed rather than the page's
//! auto-refresh interval: refresh can be off (a broken backend would then never be retried) or
//! one minute (too slow to notice a backend that is back), and 30 s keeps a dead backend at
//! two requests a minute per panel while a recovery shows within half a minute.

#[cfg(test)]
mod tests;

use crate::http::error::ApiError;
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
