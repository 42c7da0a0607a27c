//! A group's heartbeat strip: the last 24 h in equal buckets (96 of 15 minutes), each saying
//! whether every expected run came on time, some were missed or late, a push failed, or there
//! is no data, from the runs' times or from runs counted per bucket; and the strip's summary in
//! words ("287 runs, 2 missed, 1 failed").

#[cfg(test)]
mod tests;

use super::compare::Compliance;
use super::runs::{Outcome, Runs};
use super::Schedule;

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

/// How many runs `schedule` expects in the bucket `[start, start + width)`.
pub fn expected_in_bucket(schedule: &Schedule, start: f64, width: f64) -> i64 {
    let until = start + width;
    schedule
        .expected_in(start, until)
        .iter()
        .filter(|&&t| t < until)
        .count() as i64
}

/// The share of a bucket's expected runs an `Every` schedule may lack without a miss.
pub const EVERY_SLACK: f64 = 0.02;

/// The strip from runs counted per bucket, as the Groups table reads 24 h of history (one count
/// per step of `changes(push_time_seconds[…])`, not every push): `ok[i]` and `failed[i]` are the
/// counts of bucket `i` of `width` seconds, the last one ending at `to`. Nothing is expected
/// after `now` (the last bucket may not be over yet).
///
/// A bucket is Failed with a failed push; Missed when it holds fewer runs than `schedule`
/// expects in it; Ok with runs; NoData without runs where none is expected, and before the
/// job's first run. Counts are not times, so three allowances:
/// - a push counts at the scrape that saw it, so a run near a boundary falls into the next
///   bucket: a shortfall of one that a neighbour's surplus of one makes up is no miss;
/// - the bucket of the first run may have started before the job did: it is never Missed;
/// - a period inferred from the mean spacing of pushes is off by a little, which adds up over
///   a bucket of many runs: an `Every` schedule may fall short by [`EVERY_SLACK`] of its runs.
pub fn strip_from_counts(
    ok: &[f64],
    failed: &[f64],
    schedule: Option<&Schedule>,
    to: f64,
    width: f64,
    now: f64,
) -> Vec<Beat> {
    let n = ok.len();
    let count = |v: &[f64], i: usize| -> i64 {
        v.get(i)
            .copied()
            .filter(|c| c.is_finite() && *c > 0.0)
            .map_or(0, |c| c.round() as i64)
    };
    let expected = |i: usize| {
        schedule.map_or(0, |s| {
            let start = to - (n - i) as f64 * width;
            expected_in_bucket(s, start, width.min(now - start).max(0.0))
        })
    };
    let ran = |i: usize| count(ok, i) + count(failed, i);
    let Some(first) = (0..n).find(|&i| ran(i) > 0) else {
        return vec![Beat::NoData; n];
    };
    let surplus: Vec<i64> = (0..n).map(|i| ran(i) - expected(i)).collect();
    let slack = |i: usize| match schedule {
        Some(Schedule::Every { .. }) => (expected(i) as f64 * EVERY_SLACK).floor() as i64,
        _ => 0,
    };
    let shifted = |i: usize| {
        surplus[i] == -1
            && (i.checked_sub(1).is_some_and(|p| surplus[p] > 0)
                || surplus.get(i + 1).is_some_and(|s| *s > 0))
    };
    (0..n)
        .map(|i| {
            if i < first {
                Beat::NoData
            } else if count(failed, i) > 0 {
                Beat::Failed
            } else if i > first && surplus[i] < -slack(i) && !shifted(i) {
                Beat::Missed
            } else if count(ok, i) > 0 {
                Beat::Ok
            } else {
                Beat::NoData
            }
        })
        .collect()
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
