//! The Groups table's heartbeat strips: one range query counts the runs of every shown job per
//! quarter of an hour over the last 24 h, and each row's counts become its strip
//! ([`strip_from_counts`]) with the same in words.

#[cfg(test)]
mod tests;

use super::heartbeat::{expected_in_bucket, strip_from_counts, Beat};
use super::history::{runs_per_step_expr, step_end_holding, GroupHistory, HistoryQuery};
use super::set::SetSchedule;
use super::Schedule;
use crate::charts::job_queries::ScrapeSetup;
use crate::gateway::group_table::GroupRow;
use crate::gateway::series_index::SeriesIndex;
use crate::prometheus::promql::Matcher;
use std::collections::BTreeMap;

/// A strip is the last 24 h in 96 quarters of an hour.
pub const STRIP_BUCKETS: usize = 96;
pub const STRIP_WIDTH_SECS: f64 = 900.0;

/// Where the strips end: the end of the quarter of an hour that `now` is in, on the backend's
/// grid ([`step_end_holding`]).
pub fn strip_end(now: f64) -> f64 {
    step_end_holding(now, STRIP_WIDTH_SECS)
}

/// One range query for the strips of `jobs` (the pushed `job` values of the shown rows), its
/// last step the quarter `now` is in.
pub fn strips_query(jobs: &[String], setup: &ScrapeSetup, now: f64) -> HistoryQuery {
    // Without a known scrape interval the window reaches a default one back.
    let scrape = setup.scrape_interval.unwrap_or(15.0);
    let matchers = [Matcher::any_of(setup.job_label.name(), jobs)];
    HistoryQuery::Range {
        expr: runs_per_step_expr(STRIP_WIDTH_SECS, scrape, setup.dialect, &matchers),
        start: strip_end(now) - (STRIP_BUCKETS - 1) as f64 * STRIP_WIDTH_SECS,
        end: strip_end(now),
        step: STRIP_WIDTH_SECS,
    }
}

/// A row's strip and its summary ("287 runs, 2 missed, 1 failed").
#[derive(Clone, Debug, PartialEq)]
pub struct Strip {
    pub beats: Vec<Beat>,
    pub summary: String,
}

/// The schedule a row's strip is judged by: the job's set one, else every expected interval
/// on the grid through the last push; none without either.
pub fn strip_schedule(row: &GroupRow, set: Option<&SetSchedule>) -> Option<Schedule> {
    let last = row.group.push_time.filter(|t| *t > 0.0);
    set.and_then(|s| s.schedule(last)).or_else(|| {
        Some(Schedule::Every {
            period: row.expected_interval?,
            anchor: last?,
        })
    })
}

/// Each row's strip over the 24 h up to `now`'s quarter, from the strips query's answer
/// (`histories`) and the schedules set per job.
pub fn row_strips(
    rows: &[GroupRow],
    histories: &[GroupHistory],
    schedules: &BTreeMap<String, SetSchedule>,
    now: f64,
) -> Vec<Strip> {
    let items: Vec<_> = histories.iter().map(|h| (h.labels.clone(), h)).collect();
    let index = SeriesIndex::new(&items);
    rows.iter()
        .map(|row| {
            let history = index.first(&row.group.labels).copied();
            let last_push = row.group.push_time.filter(|t| *t > 0.0);
            let schedule = strip_schedule(row, schedules.get(row.job()))
                .or_else(|| counted_schedule(history, last_push, now));
            group_strip(history, schedule.as_ref(), now)
        })
        .collect()
}

/// Runs a strip needs before its own counts give a period (the Job page's "new" state).
const COUNTED_MIN_RUNS: f64 = 3.0;

/// Without a set schedule or an expected interval (which needs two pushes in the last hour: an
/// hourly job, or one that stopped, has none): the strip's own period, anchored at the last
/// push, so that a job that stopped misses the quarters after it. None under
/// [`COUNTED_MIN_RUNS`]. The period is the span of the quarters with runs over the runs: from
/// the first quarter's start to the last one's end over `runs` when quarters hold several runs
/// (each one is full), from the first quarter to the last over `runs - 1` when none holds more
/// than one (the runs are that far apart, and a quarter more would stretch the period).
pub fn counted_schedule(
    history: Option<&GroupHistory>,
    last_push: Option<f64>,
    now: f64,
) -> Option<Schedule> {
    let history = history?;
    let to = strip_end(now);
    let ok = buckets(&history.ok, to);
    let failed = buckets(&history.failed, to);
    let ran: Vec<f64> = ok.iter().zip(&failed).map(|(a, b)| a + b).collect();
    let first = ran.iter().position(|n| *n > 0.0)?;
    let last = ran.iter().rposition(|n| *n > 0.0)?;
    let runs: f64 = ran.iter().sum();
    if runs < COUNTED_MIN_RUNS {
        return None;
    }
    let sparse = ran.iter().all(|n| *n <= 1.0);
    let period = if sparse {
        (last - first) as f64 * STRIP_WIDTH_SECS / (runs - 1.0)
    } else {
        (last - first + 1) as f64 * STRIP_WIDTH_SECS / runs
    };
    let end_of_last = to - (STRIP_BUCKETS - 1 - last) as f64 * STRIP_WIDTH_SECS;
    Some(Schedule::Every {
        period,
        anchor: last_push.unwrap_or(end_of_last),
    })
}

/// One group's strip: its counts per step (`None`: no run in 24 h) judged by `schedule`, which
/// expects nothing after `now` in the last, unfinished quarter.
pub fn group_strip(history: Option<&GroupHistory>, schedule: Option<&Schedule>, now: f64) -> Strip {
    let to = strip_end(now);
    let ok = buckets(history.map_or(&[][..], |h| &h.ok), to);
    let failed = buckets(history.map_or(&[][..], |h| &h.failed), to);
    let beats = strip_from_counts(&ok, &failed, schedule, to, STRIP_WIDTH_SECS, now);
    let start = |i: usize| to - (STRIP_BUCKETS - i) as f64 * STRIP_WIDTH_SECS;
    let missed: i64 = beats
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == Beat::Missed)
        .map(|(i, _)| {
            let width = STRIP_WIDTH_SECS.min(now - start(i)).max(0.0);
            let expected = schedule.map_or(0, |s| expected_in_bucket(s, start(i), width));
            (expected - (ok[i] + failed[i]) as i64).max(0)
        })
        .sum();
    let (runs, failures) = (
        ok.iter().sum::<f64>() + failed.iter().sum::<f64>(),
        failed.iter().sum::<f64>(),
    );
    let count = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    Strip {
        beats,
        summary: [
            count(runs as i64, "run", "runs"),
            format!("{missed} missed"),
            format!("{} failed", failures as i64),
        ]
        .join(", "),
    }
}

/// Counts per step (`(end of the step, count)`) as the strip's buckets, oldest first; a step
/// outside the 24 h, or a count that is none (NaN, negative), adds nothing.
fn buckets(counts: &[(f64, f64)], to: f64) -> Vec<f64> {
    let mut out = vec![0.0; STRIP_BUCKETS];
    for &(t, count) in counts {
        let back = ((to - t) / STRIP_WIDTH_SECS).round();
        if back >= 0.0 && back < STRIP_BUCKETS as f64 && count.is_finite() && count > 0.0 {
            out[STRIP_BUCKETS - 1 - back as usize] += count.round();
        }
    }
    out
}
