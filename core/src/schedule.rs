//! A job's schedule: inferred from its runs or set by the user, the runs it expected over a
//! range, and how the actual runs compare. Times are UTC seconds; `now` is always a parameter.

pub mod compare;
pub mod cron;
pub mod heartbeat;
pub mod history;
pub mod infer;
pub mod report;
pub mod runs;
pub mod set;
pub mod strips;

#[cfg(test)]
mod tests;

use self::cron::CronSchedule;

/// At most this many expected runs are listed for one range (7 days of 5-second runs is
/// ≈121,000): a longer list is cut, and the comparison says so.
pub const MAX_EXPECTED: usize = 250_000;

const HOUR: f64 = 3600.0;
const DAY: f64 = 86_400.0;

#[derive(Clone, Debug, PartialEq)]
pub enum Schedule {
    /// Every `period` seconds, at `anchor + k·period`.
    Every { period: f64, anchor: f64 },
    /// Each hour at `minute:second` past the hour.
    Hourly { minute: u32, second: u32 },
    /// Each day at `hour:minute:second`; with `weekdays`, Monday to Friday only.
    Daily {
        hour: u32,
        minute: u32,
        second: u32,
        weekdays: bool,
    },
    /// A cron expression, set by the user (Windmill's schedules are cron).
    Cron(CronSchedule),
}

impl Schedule {
    /// The typical spacing of runs, seconds: what the default grace and the inference's jitter
    /// tolerance scale with.
    pub fn period(&self) -> f64 {
        match self {
            Schedule::Every { period, .. } => *period,
            Schedule::Hourly { .. } => HOUR,
            Schedule::Daily { .. } => DAY,
            Schedule::Cron(cron) => cron.typical_period(),
        }
    }

    /// How late a run may be and still count as on time, when the user set none: half the
    /// period, between 1 s and 1 h.
    pub fn default_grace(&self) -> f64 {
        (self.period() / 2.0).clamp(1.0, HOUR)
    }

    /// Expected run times in `[from, to]`, oldest first, at most [`MAX_EXPECTED`].
    pub fn expected_in(&self, from: f64, to: f64) -> Vec<f64> {
        if !(from.is_finite() && to.is_finite()) || to < from {
            return Vec::new();
        }
        match self {
            Schedule::Every { period, anchor } => every(*period, *anchor, from, to),
            Schedule::Hourly { minute, second } => {
                let offset = f64::from(minute * 60 + second);
                every(HOUR, offset, from, to)
            }
            Schedule::Daily {
                hour,
                minute,
                second,
                weekdays,
            } => {
                let offset = f64::from(hour * 3600 + minute * 60 + second);
                let mut times = every(DAY, offset, from, to);
                if *weekdays {
                    times.retain(|t| !is_weekend(*t));
                }
                times
            }
            Schedule::Cron(cron) => cron.expected_in(from, to),
        }
    }

    /// The first expected run after `t`.
    pub fn next_after(&self, t: f64) -> Option<f64> {
        // A week covers every schedule here but a sparse cron, which asks croner itself.
        match self {
            Schedule::Cron(cron) => cron.next_after(t),
            _ => self
                .expected_in(t, t + 8.0 * DAY)
                .into_iter()
                .find(|&e| e > t),
        }
    }

    /// In words: "every 2s", "hourly at :15:00", "daily at 06:30:00 UTC", "weekdays at …".
    pub fn describe(&self) -> String {
        match self {
            Schedule::Every { period, .. } => {
                format!("every {}", crate::time::format::format_duration(*period))
            }
            Schedule::Hourly { minute, second } => format!("hourly at :{minute:02}:{second:02}"),
            Schedule::Daily {
                hour,
                minute,
                second,
                weekdays,
            } => format!(
                "{} at {hour:02}:{minute:02}:{second:02} UTC",
                if *weekdays { "weekdays" } else { "daily" }
            ),
            Schedule::Cron(cron) => cron.describe(),
        }
    }
}

/// `anchor + k·period` within `[from, to]`.
fn every(period: f64, anchor: f64, from: f64, to: f64) -> Vec<f64> {
    if !(period.is_finite() && period > 0.0 && anchor.is_finite()) {
        return Vec::new();
    }
    let first = ((from - anchor) / period).ceil();
    (0..MAX_EXPECTED)
        .map(|i| anchor + (first + i as f64) * period)
        .take_while(|&t| t <= to)
        .collect()
}

/// Saturday or Sunday in UTC (1970-01-01 was a Thursday).
pub fn is_weekend(t: f64) -> bool {
    let days = (t / DAY).floor() as i64;
    let weekday = (days + 3).rem_euclid(7); // 0 = Monday
    weekday >= 5
}
