//! The runs a schedule expected against the runs that happened: missed runs, late runs with
//! their lateness, the on-time share, and the next expected run or how long it is overdue.
//!
//! Slots: a run fills the slot whose window holds it, from the tolerance before its expected
//! time to the tolerance before the next one; it is on time within the grace, late after. A
//! fixed period is re-anchored at every run (as Healthchecks counts from the last ping), so
//! drift and a restart at another phase are not counted as lateness; wall-clock and cron
//! schedules keep their grid. Nothing is expected before the job's first run in the range.

use super::infer::jitter_tolerance;
use super::{Schedule, MAX_EXPECTED};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Compliance {
    /// Slots that are due: filled, or past their grace.
    pub expected: usize,
    pub on_time: usize,
    /// (expected at, ran at) of runs after their grace.
    pub late: Vec<(f64, f64)>,
    /// Expected times of slots no run filled.
    pub missed: Vec<f64>,
    /// The next slot not yet due, if the job is not overdue.
    pub next_expected: Option<f64>,
    /// How long ago the first unfilled slot after the last run was due, past its grace.
    pub overdue_by: Option<f64>,
}

impl Compliance {
    /// `count` missed slots after `prev`; the list stops at [`MAX_EXPECTED`] (the count in
    /// `expected` does not).
    fn add_missed(&mut self, prev: f64, period: f64, count: u64) {
        let room = MAX_EXPECTED.saturating_sub(self.missed.len()) as u64;
        self.missed
            .extend((1..=count.min(room)).map(|i| prev + i as f64 * period));
    }

    /// How many due slots no run filled (the list of them may be cut at [`MAX_EXPECTED`]).
    pub fn missed_count(&self) -> usize {
        self.expected - self.on_time - self.late.len()
    }

    /// The share of due slots filled on time, when any are due.
    pub fn on_time_share(&self) -> Option<f64> {
        (self.expected > 0).then(|| self.on_time as f64 / self.expected as f64)
    }
}

/// Compares `runs` (oldest first, distinct) within `[from, now]` with `schedule`.
pub fn compare(schedule: &Schedule, grace: f64, runs: &[f64], from: f64, now: f64) -> Compliance {
    let runs: Vec<f64> = runs
        .iter()
        .copied()
        .filter(|t| *t >= from && *t <= now)
        .collect();
    let early = jitter_tolerance(schedule.period());
    match schedule {
        Schedule::Every { period, .. } => by_period(*period, grace, early, &runs, now),
        _ => by_grid(schedule, grace, early, &runs, now),
    }
}

fn by_period(period: f64, grace: f64, early: f64, runs: &[f64], now: f64) -> Compliance {
    let mut c = Compliance::default();
    let Some((&first, rest)) = runs.split_first() else {
        return c;
    };
    c.expected = 1;
    c.on_time = 1;
    let mut prev = first;
    for &run in rest {
        let gap = run - prev;
        let slot = ((gap + early) / period).floor().max(1.0);
        c.add_missed(prev, period, slot as u64 - 1);
        c.expected = c.expected.saturating_add(slot as usize);
        let due = prev + slot * period;
        if run <= due + grace {
            c.on_time += 1;
        } else {
            c.late.push((due, run));
        }
        prev = run;
    }
    // After the last run: slots past their grace are missed; the first one not yet due is next.
    let next = prev + period;
    if now > next + grace {
        let overdue = ((now - grace - prev) / period).floor() as u64;
        c.add_missed(prev, period, overdue);
        c.expected = c.expected.saturating_add(overdue as usize);
        c.overdue_by = Some(now - next);
    } else {
        c.next_expected = Some(next);
    }
    c
}

fn by_grid(schedule: &Schedule, grace: f64, early: f64, runs: &[f64], now: f64) -> Compliance {
    let mut c = Compliance::default();
    let Some(&first) = runs.first() else {
        return c;
    };
    // Slots from the one the first run fills, and one beyond now for the last window's end.
    let mut slots = schedule.expected_in(first - schedule.period(), now + early);
    if let Some(after) = schedule.next_after(now + early) {
        slots.push(after);
    }
    slots.retain(|&e| e + schedule.period() > first - early);
    let mut runs = runs.iter().copied().peekable();
    let mut last_filled = None;
    for (i, &expected) in slots.iter().enumerate() {
        let Some(window_end) = slots.get(i + 1).map(|next| next - early) else {
            break;
        };
        if expected - early > now {
            break;
        }
        // Runs before this window (a second run in a slot) are not counted again.
        while runs.next_if(|&r| r < expected - early).is_some() {}
        match runs.next_if(|&r| r < window_end) {
            Some(run) => {
                c.expected += 1;
                last_filled = Some(i);
                if run <= expected + grace {
                    c.on_time += 1;
                } else {
                    c.late.push((expected, run));
                }
            }
            None if expected + grace < now && expected >= first - early => {
                c.expected += 1;
                c.missed.push(expected);
            }
            None => {}
        }
    }
    let after_last = last_filled.map_or(0, |i| i + 1);
    match slots.get(after_last) {
        Some(&due) if due + grace < now => c.overdue_by = Some(now - due),
        Some(&due) => c.next_expected = Some(due),
        None => {}
    }
    c
}
