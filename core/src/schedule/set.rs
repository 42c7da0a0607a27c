//! A schedule the user set for a job, kept with the settings: a period with its grace, or a
//! cron expression (Windmill's schedules are cron) with its grace. It wins over inference.

#[cfg(test)]
mod tests;

use super::cron::CronSchedule;
use super::infer::{infer, Inference};
use super::Schedule;
use crate::charts::job_queries::duration;
use serde::{Deserialize, Serialize};

/// The kinds [`SetSchedule::from_form`] reads, with their labels: "inferred" sets none.
pub const FORM_KINDS: [(&str, &str); 3] = [
    ("inferred", "Inferred from the runs"),
    ("every", "Every (period)"),
    ("cron", "Cron expression (UTC)"),
];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SetSchedule {
    Every { period_secs: f64, grace_secs: f64 },
    Cron { pattern: String, grace_secs: f64 },
}

impl SetSchedule {
    /// A period typed as a duration ("5m", "1h30m") and a grace ("30s").
    pub fn every(period: &str, grace: &str) -> Result<SetSchedule, String> {
        let period_secs = positive(period, "period")?;
        let grace_secs = grace_of(grace)?;
        Ok(SetSchedule::Every {
            period_secs,
            grace_secs,
        })
    }

    /// A cron expression as Windmill writes it, and a grace.
    pub fn cron(pattern: &str, grace: &str) -> Result<SetSchedule, String> {
        CronSchedule::parse(pattern)?;
        Ok(SetSchedule::Cron {
            pattern: pattern.trim().to_string(),
            grace_secs: grace_of(grace)?,
        })
    }

    /// The Job page's form as typed: `kind` "every" (`value` a period such as 5m) or "cron"
    /// (`value` a pattern); any other kind sets none, and the runs decide.
    pub fn from_form(kind: &str, value: &str, grace: &str) -> Result<Option<SetSchedule>, String> {
        match kind {
            "every" => SetSchedule::every(value, grace).map(Some),
            "cron" => SetSchedule::cron(value, grace).map(Some),
            _ => Ok(None),
        }
    }

    /// The form's fields showing this schedule: kind, value and grace, as [`Self::from_form`]
    /// reads them back.
    pub fn form_fields(&self) -> (&'static str, String, String) {
        let grace = match self.grace() {
            0.0 => "0".to_string(),
            g => duration(g),
        };
        match self {
            SetSchedule::Every { period_secs, .. } => ("every", duration(*period_secs), grace),
            SetSchedule::Cron { pattern, .. } => ("cron", pattern.clone(), grace),
        }
    }

    /// Whether a saved entry still makes a schedule (saved settings are read leniently).
    pub fn is_valid(&self) -> bool {
        match self {
            SetSchedule::Every {
                period_secs,
                grace_secs,
            } => period_secs.is_finite() && *period_secs > 0.0 && valid_grace(*grace_secs),
            SetSchedule::Cron {
                pattern,
                grace_secs,
            } => CronSchedule::parse(pattern).is_ok() && valid_grace(*grace_secs),
        }
    }

    pub fn grace(&self) -> f64 {
        match self {
            SetSchedule::Every { grace_secs, .. } | SetSchedule::Cron { grace_secs, .. } => {
                *grace_secs
            }
        }
    }

    /// The schedule; a period runs on the grid through `last_run` (or 0).
    pub fn schedule(&self, last_run: Option<f64>) -> Option<Schedule> {
        match self {
            SetSchedule::Every { period_secs, .. } => Some(Schedule::Every {
                period: *period_secs,
                anchor: last_run.unwrap_or(0.0),
            }),
            SetSchedule::Cron { pattern, .. } => {
                CronSchedule::parse(pattern).ok().map(Schedule::Cron)
            }
        }
    }
}

/// Where a job's schedule came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Set,
    Inferred { confidence: f64 },
}

/// The schedule a job is judged by, with its grace and where it came from: the one the user
/// set, else the one its runs show. `None` while the job is new or irregular.
pub fn effective(set: Option<&SetSchedule>, runs: &[f64]) -> Option<(Schedule, f64, Source)> {
    if let Some(set) = set {
        if let Some(schedule) = set.schedule(runs.last().copied()) {
            return Some((schedule, set.grace(), Source::Set));
        }
    }
    match infer(runs) {
        Inference::Found {
            schedule,
            confidence,
        } => {
            let grace = schedule.default_grace();
            Some((schedule, grace, Source::Inferred { confidence }))
        }
        _ => None,
    }
}

fn positive(text: &str, what: &str) -> Result<f64, String> {
    crate::time::duration::parse_duration(text.trim())
        .filter(|s| *s > 0.0)
        .ok_or_else(|| format!("\"{}\" is no {what} (e.g. 5m, 1h30m)", text.trim()))
}

fn grace_of(text: &str) -> Result<f64, String> {
    if text.trim().is_empty() {
        return Ok(0.0);
    }
    crate::time::duration::parse_duration(text.trim())
        .filter(|s| valid_grace(*s))
        .ok_or_else(|| format!("\"{}\" is no grace (e.g. 30s, 5m)", text.trim()))
}

fn valid_grace(secs: f64) -> bool {
    secs.is_finite() && secs >= 0.0
}
