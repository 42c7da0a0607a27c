//! A group's heartbeat strip: the last 24 h in equal buckets (96 of 15 minutes), each saying
//! whether every expected run came on time, some were missed or late, a push failed, or there
//! is no data; and the strip's summary in words ("287 runs, 2 missed, 1 failed").

#[cfg(test)]
mod tests;

use super::compare::Compliance;
use super::runs::{Outcome, Runs};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Beat {
    /// No run and nothing expected (before the job's first run, or a job without schedule).
    NoData,
    /// Runs, every expected one on time.
    Ok,
    /// An expected run missed or late.
    Missed,
    /// A failed push (outranks a miss: it says more).
    Failed,
}

/// The strip over `[to - buckets·width, to)`.
pub fn strip(
    runs: &Runs,
    compliance: Option<&Compliance>,
    to: f64,
    buckets: usize,
    width: f64,
) -> Vec<Beat> {
    let from = to - buckets as f64 * width;
    let slot = |t: f64| -> Option<usize> {
        let i = ((t - from) / width).floor();
        (i >= 0.0 && (i as usize) < buckets).then_some(i as usize)
    };
    let mut beats = vec![Beat::NoData; buckets];
    let mut raise = |t: f64, beat: Beat| {
        if let Some(i) = slot(t) {
            beats[i] = beats[i].max_with(beat);
        }
    };
    for (t, outcome) in runs.all() {
        raise(
            t,
            match outcome {
                Outcome::Ok => Beat::Ok,
                Outcome::Failed => Beat::Failed,
            },
        );
    }
    if let Some(c) = compliance {
        for &t in &c.missed {
            raise(t, Beat::Missed);
        }
        for &(due, _) in &c.late {
            raise(due, Beat::Missed);
        }
    }
    beats
}

impl Beat {
    fn rank(self) -> u8 {
        match self {
            Beat::NoData => 0,
            Beat::Ok => 1,
            Beat::Missed => 2,
            Beat::Failed => 3,
        }
    }

    fn max_with(self, other: Beat) -> Beat {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }
}

/// "287 runs, 2 missed, 1 failed" over `[from, to)`: the strip's text for screen readers.
pub fn summary(runs: &Runs, compliance: Option<&Compliance>, from: f64, to: f64) -> String {
    let within = |t: &f64| *t >= from && *t < to;
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let all = runs.all();
    let ran = all.iter().filter(|(t, _)| within(t)).count();
    let failed = all
        .iter()
        .filter(|(t, o)| within(t) && *o == Outcome::Failed)
        .count();
    let mut parts = vec![count(ran, "run", "runs")];
    if let Some(c) = compliance {
        let missed = c.missed.iter().filter(|t| within(t)).count();
        let late = c.late.iter().filter(|(due, _)| within(due)).count();
        parts.push(format!("{missed} missed"));
        if late > 0 {
            parts.push(format!("{late} late"));
        }
    }
    parts.push(format!("{failed} failed"));
    parts.join(", ")
}
