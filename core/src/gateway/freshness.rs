//! Freshness of a gateway group: fresh, late, stale, failed or never-succeeded, from its push
//! times, its expected push interval and the stale threshold. `now` is always a parameter.

#[cfg(test)]
mod tests;

use crate::schedule::set::SetSchedule;
use std::collections::BTreeMap;

/// How many expected intervals may pass before a group counts as late.
pub const LATE_AFTER_INTERVALS: f64 = 2.0;
/// Default stale threshold: 10 minutes.
pub const DEFAULT_STALE_AFTER_SECS: f64 = 600.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Freshness {
    Fresh,
    Late,
    Stale,
    /// The last push failed (push_failure_time_seconds > push_time_seconds).
    Failed,
    /// Only failed pushes ever: push_failure_time_seconds and no push_time_seconds.
    NeverSucceeded,
}

impl Freshness {
    pub const ALL: [Freshness; 5] = [
        Freshness::Fresh,
        Freshness::Late,
        Freshness::Stale,
        Freshness::Failed,
        Freshness::NeverSucceeded,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Freshness::Fresh => "fresh",
            Freshness::Late => "late",
            Freshness::Stale => "stale",
            Freshness::Failed => "failed",
            Freshness::NeverSucceeded => "never succeeded",
        }
    }

    pub fn parse(s: &str) -> Option<Freshness> {
        Freshness::ALL
            .into_iter()
            .find(|f| f.label() == s || f.slug() == s)
    }

    /// For CSS classes and URLs.
    pub fn slug(self) -> &'static str {
        match self {
            Freshness::NeverSucceeded => "never-succeeded",
            other => other.label(),
        }
    }
}

/// The inputs the rule needs about one group (seconds since the epoch).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PushTimes {
    pub last_success: Option<f64>,
    pub last_failure: Option<f64>,
}

impl PushTimes {
    /// A failure time of 0 is the gateway's "never failed".
    fn failure(&self) -> Option<f64> {
        self.last_failure.filter(|t| *t > 0.0)
    }

    fn success(&self) -> Option<f64> {
        self.last_success.filter(|t| *t > 0.0)
    }

    /// The most recent push attempt, successful or not.
    pub fn last_activity(&self) -> Option<f64> {
        match (self.success(), self.failure()) {
            (Some(s), Some(f)) => Some(s.max(f)),
            (s, f) => s.or(f),
        }
    }
}

/// When a group's next push is due, and how long after that it still counts as on time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Due {
    pub at: f64,
    pub grace: f64,
}

impl Due {
    /// From the job's set schedule: its next run after the last push, with its grace. Without
    /// one, one expected interval after the last push, late beyond [`LATE_AFTER_INTERVALS`].
    pub fn of(
        last_success: Option<f64>,
        expected_interval: Option<f64>,
        set: Option<&SetSchedule>,
    ) -> Option<Due> {
        let last = last_success.filter(|t| *t > 0.0)?;
        let scheduled = set.and_then(|set| {
            let at = set.schedule(Some(last))?.next_after(last)?;
            Some(Due {
                at,
                grace: set.grace(),
            })
        });
        scheduled.or_else(|| {
            let interval = expected_interval.filter(|i| i.is_finite() && *i > 0.0)?;
            Some(Due {
                at: last + interval,
                grace: (LATE_AFTER_INTERVALS - 1.0) * interval,
            })
        })
    }
}

/// Classifies one group: late once it is overdue beyond its grace ([`Due::of`]: the job's set
/// schedule, else its expected interval).
///
/// Stale wins over failed: a job that has not even tried to push for longer than the threshold
/// is gone, whatever its last attempt did, and cleanup may remove it. A recent failure wins
/// over late/fresh because the frozen value is wrong right now.
pub fn classify(
    times: PushTimes,
    expected_interval: Option<f64>,
    set: Option<&SetSchedule>,
    stale_after: f64,
    now: f64,
) -> Freshness {
    let Some(last_activity) = times.last_activity() else {
        return Freshness::NeverSucceeded;
    };
    if now - last_activity > stale_after {
        return Freshness::Stale;
    }
    match (times.success(), times.failure()) {
        (None, _) => return Freshness::NeverSucceeded,
        (Some(s), Some(f)) if f > s => return Freshness::Failed,
        _ => {}
    }
    match Due::of(times.success(), expected_interval, set) {
        Some(due) if now > due.at + due.grace => Freshness::Late,
        _ => Freshness::Fresh,
    }
}

/// The global stale threshold and per-job overrides (job = the full Windmill path), and the
/// schedules set per job, which say when a job is late.
#[derive(Clone, Debug, PartialEq)]
pub struct StaleThresholds {
    pub global_secs: f64,
    pub per_job_secs: BTreeMap<String, f64>,
    pub schedules: BTreeMap<String, SetSchedule>,
}

impl Default for StaleThresholds {
    fn default() -> Self {
        StaleThresholds {
            global_secs: DEFAULT_STALE_AFTER_SECS,
            per_job_secs: BTreeMap::new(),
            schedules: BTreeMap::new(),
        }
    }
}

impl StaleThresholds {
    pub fn for_job(&self, job: &str) -> f64 {
        self.per_job_secs
            .get(job)
            .copied()
            .unwrap_or(self.global_secs)
    }
}
