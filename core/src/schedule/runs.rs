//! A job's runs as the backend's history shows them: every distinct value of a group's
//! `push_time_seconds` is a successful push, every distinct value of
//! `push_failure_time_seconds` a failed one.
//!
//! What cannot be seen: at most one push per scrape interval (the gateway keeps only the last),
//! nothing before the backend's retention, and a gateway restarted without persistence forgets
//! the groups it held.

/// A job's runs, oldest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Runs {
    /// Times of successful pushes.
    pub ok: Vec<f64>,
    /// Times of failed pushes.
    pub failed: Vec<f64>,
    /// Push times after `now` that were left out (a clock ahead of the backend's).
    pub in_the_future: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Failed,
}

impl Runs {
    /// From the sampled values of `push_time_seconds` and `push_failure_time_seconds`, in any
    /// order and repeated as often as they were scraped. 0 (never) and non-numbers are no run.
    pub fn from_values(ok: &[f64], failed: &[f64], now: f64) -> Runs {
        let mut in_the_future = 0;
        let mut clean = |values: &[f64]| {
            let mut times: Vec<f64> = values
                .iter()
                .copied()
                .filter(|t| t.is_finite() && *t > 0.0)
                .collect();
            times.sort_by(f64::total_cmp);
            times.dedup();
            // Distinct times, counted once however often they were scraped.
            let past = times.partition_point(|&t| t <= now);
            in_the_future += times.len() - past;
            times.truncate(past);
            times
        };
        let ok = clean(ok);
        let failed = clean(failed);
        Runs {
            ok,
            failed,
            in_the_future,
        }
    }

    /// Every run, oldest first, with its outcome; a failed push at the same time as a
    /// successful one counts once, as failed.
    pub fn all(&self) -> Vec<(f64, Outcome)> {
        let mut all: Vec<(f64, Outcome)> = self
            .ok
            .iter()
            .filter(|t| self.failed.binary_search_by(|f| f.total_cmp(t)).is_err())
            .map(|&t| (t, Outcome::Ok))
            .chain(self.failed.iter().map(|&t| (t, Outcome::Failed)))
            .collect();
        all.sort_by(|a, b| a.0.total_cmp(&b.0));
        all
    }

    /// Run times of either outcome, oldest first: what the schedule is inferred from (a failed
    /// run still ran on time).
    pub fn times(&self) -> Vec<f64> {
        self.all().into_iter().map(|(t, _)| t).collect()
    }
}
