//! One job's health over a range, as the Job page shows it: its runs from the backend's
//! history, the schedule they follow (or why none is taken), the comparison with it, the runs
//! table, and what the data cannot tell.

#[cfg(test)]
mod tests;

use super::compare::{compare, Compliance};
use super::history::{GroupHistory, Resolution};
use super::infer::{infer, Inference};
use super::runs::{Outcome, Runs};
use super::set::{effective, SetSchedule, Source};
use super::Schedule;
use crate::time::format::format_duration;
use std::collections::BTreeMap;

/// A row of the runs table, newest first.
#[derive(Clone, Debug, PartialEq)]
pub struct RunRow {
    pub at: f64,
    pub outcome: Outcome,
    /// Since the run before it, if any in the range.
    pub gap: Option<f64>,
    /// After its expected time plus grace.
    pub late_by: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct JobReport {
    pub runs: Runs,
    pub inference: Inference,
    /// The schedule the runs are judged by, its grace and where it came from.
    pub schedule: Option<(Schedule, f64, Source)>,
    pub compliance: Option<Compliance>,
    pub rows: Vec<RunRow>,
    pub resolution: Resolution,
    /// What the data cannot tell, or what is odd in it, in sentences for the page.
    pub notes: Vec<String>,
}

/// The report of the job whose groups' histories are `histories` over `[from, now]`.
/// `set` is the user's schedule for the job, if any.
pub fn job_report(
    histories: &[GroupHistory],
    resolution: Resolution,
    set: Option<&SetSchedule>,
    from: f64,
    now: f64,
) -> JobReport {
    let (ok, failed) = match resolution {
        Resolution::Exact => (
            values(histories, |h| &h.ok),
            values(histories, |h| &h.failed),
        ),
        Resolution::PerStep(step) => spread(histories, step, now),
    };
    let runs = Runs::from_values(&ok, &failed, now);
    let times = runs.times();
    let inference = infer(&times);
    let schedule = effective(set, &times);
    // Per step, a run's time is known to within the step: lateness under it is not judged.
    let resolution_grace = match resolution {
        Resolution::Exact => 0.0,
        Resolution::PerStep(step) => step,
    };
    let compliance = schedule
        .as_ref()
        .map(|(s, grace, _)| compare(s, grace.max(resolution_grace), &times, from, now));
    let rows = rows(&runs, compliance.as_ref());
    let notes = notes(histories, &runs, &inference, resolution);
    JobReport {
        runs,
        inference,
        schedule,
        compliance,
        rows,
        resolution,
        notes,
    }
}

/// Every sampled value of one family (exact: the values are push times).
fn values(
    histories: &[GroupHistory],
    family: impl Fn(&GroupHistory) -> &Vec<(f64, f64)>,
) -> Vec<f64> {
    histories
        .iter()
        .flat_map(|h| family(h).iter().map(|&(_, v)| v))
        .collect()
}

/// Per step: the pushes counted in the step ending at `t`, successful and failed, are placed
/// evenly inside it, the failed ones spread among the others (their order inside a step is
/// unknown). Placed together, no failed run lands on a successful one's time, where the two
/// would read as one run. The last step may end after `now`: its runs are placed before `now`.
fn spread(histories: &[GroupHistory], step: f64, now: f64) -> (Vec<f64>, Vec<f64>) {
    let (mut ok, mut failed) = (Vec::new(), Vec::new());
    let whole = |count: f64| {
        if count.is_finite() && count >= 1.0 {
            count.round() as usize
        } else {
            0
        }
    };
    for h in histories {
        // Both families' counts of one step, by its end time (the same steps for both).
        let mut steps: BTreeMap<u64, (f64, usize, usize)> = BTreeMap::new();
        for &(t, count) in &h.ok {
            steps.entry(t.to_bits()).or_insert((t, 0, 0)).1 += whole(count);
        }
        for &(t, count) in &h.failed {
            steps.entry(t.to_bits()).or_insert((t, 0, 0)).2 += whole(count);
        }
        for (t, n_ok, n_failed) in steps.into_values() {
            let n = n_ok + n_failed;
            let width = step.min(now - (t - step)).max(0.0);
            for k in 0..n {
                let at = t - step + (k as f64 + 0.5) * width / n as f64;
                // The k-th of n is failed when it takes the count of failures one further.
                if (k + 1) * n_failed / n > k * n_failed / n {
                    failed.push(at);
                } else {
                    ok.push(at);
                }
            }
        }
    }
    (ok, failed)
}

fn rows(runs: &Runs, compliance: Option<&Compliance>) -> Vec<RunRow> {
    let late: Vec<(f64, f64)> = compliance.map(|c| c.late.clone()).unwrap_or_default();
    let all = runs.all();
    let mut rows: Vec<RunRow> = all
        .iter()
        .enumerate()
        .map(|(i, &(at, outcome))| RunRow {
            at,
            outcome,
            gap: i.checked_sub(1).map(|prev| at - all[prev].0),
            late_by: late
                .iter()
                .find(|(_, ran)| *ran == at)
                .map(|(due, ran)| ran - due),
        })
        .collect();
    rows.reverse();
    rows
}

fn notes(
    histories: &[GroupHistory],
    runs: &Runs,
    inference: &Inference,
    resolution: Resolution,
) -> Vec<String> {
    let mut notes = Vec::new();
    if histories.is_empty() {
        notes.push(
            "The backend has no push_time_seconds of this job in the range: it did not push \
             then, or the range reaches past the backend's retention."
                .to_string(),
        );
    }
    if runs.in_the_future > 0 {
        notes.push(format!(
            "{} push time(s) lie in the future and are left out: the pushing machine's clock is \
             ahead of the backend's.",
            runs.in_the_future
        ));
    }
    if resolution == Resolution::Exact && went_backwards(histories) {
        notes.push(
            "Push times went backwards (a clock set back): runs are listed in the order of \
             their times, not of their pushes."
                .to_string(),
        );
    }
    match inference {
        Inference::New { runs } if !histories.is_empty() => notes.push(format!(
            "{runs} run(s) in the range: a schedule is inferred from 3 runs on."
        )),
        Inference::Irregular { confidence, .. } => notes.push(format!(
            "The runs follow no regular schedule (the best fit explains {:.0} % of the gaps): \
             none is assumed, so no run counts as missed.",
            confidence * 100.0
        )),
        _ => {}
    }
    notes
}

/// Whether a sampled push time is smaller than the one sampled before it.
fn went_backwards(histories: &[GroupHistory]) -> bool {
    histories.iter().any(|h| {
        h.ok.windows(2)
            .chain(h.failed.windows(2))
            .any(|w| w[1].1 > 0.0 && w[1].1 < w[0].1)
    })
}

/// Where the schedule came from, in words: "inferred, 97 % of gaps explained" or "set".
pub fn describe_source(source: &Source) -> String {
    match source {
        Source::Set => "set for this job".to_string(),
        Source::Inferred { confidence } => format!(
            "inferred from the runs ({:.0} % of the gaps fit)",
            confidence * 100.0
        ),
    }
}

impl JobReport {
    /// "every 2s (grace 1s), inferred from the runs (97 % of the gaps fit)", or why none is
    /// taken.
    pub fn schedule_text(&self) -> String {
        match &self.schedule {
            Some((schedule, grace, source)) => format!(
                "{} (grace {}), {}",
                schedule.describe(),
                format_duration(*grace),
                describe_source(source)
            ),
            None => "none: too few or irregular runs to infer one, and none is set".to_string(),
        }
    }

    /// "next run expected in 2s (12:00:04 UTC)" or "overdue by 1m 3s"; `None` without a schedule.
    pub fn next_run(&self, now: f64) -> Option<String> {
        let c = self.compliance.as_ref()?;
        match (c.next_expected, c.overdue_by) {
            (_, Some(late)) => Some(format!("overdue by {}", format_duration(late))),
            (Some(next), None) => Some(format!(
                "next run expected in {} ({})",
                format_duration((next - now).max(0.0)),
                crate::time::format::format_utc(next)
            )),
            (None, None) => None,
        }
    }

    /// "98.9 % on time (3 missed, 0 late of 290 expected)"; `None` without a schedule or runs.
    pub fn on_time(&self) -> Option<String> {
        let c = self.compliance.as_ref()?;
        let share = c.on_time_share()?;
        Some(format!(
            "{:.1} % on time ({} missed, {} late of {} expected)",
            share * 100.0,
            c.missed_count(),
            c.late.len(),
            c.expected
        ))
    }
}
