//! A cron schedule set by the user, parsed and evaluated by croner (the parser Windmill's own
//! schedules use): five fields, or six with seconds as Windmill writes them, in UTC.

use chrono::{DateTime, TimeZone, Utc};
use croner::parser::{CronParser, Seconds};
use croner::Cron;

use super::MAX_EXPECTED;

#[derive(Clone, Debug, PartialEq)]
pub struct CronSchedule {
    /// Boxed: croner's parsed pattern is ≈300 bytes, a schedule otherwise a few words.
    cron: Box<Cron>,
}

impl CronSchedule {
    /// Parses `pattern`; the error says what croner found wrong.
    pub fn parse(pattern: &str) -> Result<CronSchedule, String> {
        let parser = CronParser::builder().seconds(Seconds::Optional).build();
        parser
            .parse(pattern.trim())
            .map(|cron| CronSchedule {
                cron: Box::new(cron),
            })
            .map_err(|e| format!("not a cron expression: {e}"))
    }

    /// The pattern as typed (trimmed).
    pub fn pattern(&self) -> String {
        self.cron.pattern.to_string()
    }

    /// In words, as croner describes it.
    pub fn describe(&self) -> String {
        self.cron.describe()
    }

    pub fn expected_in(&self, from: f64, to: f64) -> Vec<f64> {
        let Some(start) = utc(from - 1.0) else {
            return Vec::new();
        };
        self.cron
            .iter_after(start)
            .map(|t| t.timestamp() as f64)
            .skip_while(|&t| t < from)
            .take_while(|&t| t <= to)
            .take(MAX_EXPECTED)
            .collect()
    }

    pub fn next_after(&self, t: f64) -> Option<f64> {
        let start = utc(t)?;
        let next = self.cron.find_next_occurrence(&start, false).ok()?;
        Some(next.timestamp() as f64)
    }

    /// The median spacing of its next runs, seconds (a day when it runs too rarely to tell).
    pub fn typical_period(&self) -> f64 {
        const DAY: f64 = 86_400.0;
        let Some(start) = utc(0.0) else {
            return DAY;
        };
        let times: Vec<f64> = self
            .cron
            .iter_after(start)
            .take(50)
            .map(|t| t.timestamp() as f64)
            .collect();
        let mut gaps: Vec<f64> = times.windows(2).map(|w| w[1] - w[0]).collect();
        if gaps.is_empty() {
            return DAY;
        }
        gaps.sort_by(f64::total_cmp);
        gaps[gaps.len() / 2]
    }
}

fn utc(t: f64) -> Option<DateTime<Utc>> {
    if !t.is_finite() {
        return None;
    }
    Utc.timestamp_opt(t.floor() as i64, 0).single()
}
