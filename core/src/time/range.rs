//! Chart time ranges: relative presets ("last 1h") and absolute ranges, with their URL form and
//! the local-time text of `<input type="datetime-local">` (the UTC offset is a parameter).

#[cfg(test)]
mod tests;

use crate::time::format::civil_from_days;

/// The presets offered, from 5 minutes to 7 days, as (URL/label text, seconds).
pub const PRESETS: [(&str, f64); 9] = [
    ("5m", 300.0),
    ("15m", 900.0),
    ("1h", 3600.0),
    ("3h", 10_800.0),
    ("6h", 21_600.0),
    ("12h", 43_200.0),
    ("1d", 86_400.0),
    ("2d", 172_800.0),
    ("7d", 604_800.0),
];

/// The span a JavaScript `Date` holds (±100,000,000 days): an absolute range from a URL must lie
/// within it, so its times stay exact as whole seconds and the local-time texts cannot overflow.
pub const MAX_EPOCH_SECS: f64 = 8.64e12;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TimeRange {
    /// The last N seconds up to now; moves with every refresh.
    Last(f64),
    /// A fixed window, seconds since the epoch.
    Between { start: f64, end: f64 },
}

impl Default for TimeRange {
    fn default() -> Self {
        TimeRange::Last(3600.0)
    }
}

impl TimeRange {
    pub fn bounds(&self, now: f64) -> (f64, f64) {
        match *self {
            TimeRange::Last(secs) => (now - secs, now),
            TimeRange::Between { start, end } => (start, end),
        }
    }

    /// "1h" for a preset, "90s" for another relative range, "START~END" for an absolute one.
    pub fn to_param(&self) -> String {
        match *self {
            TimeRange::Last(secs) => PRESETS
                .iter()
                .find(|(_, s)| *s == secs)
                .map(|(label, _)| label.to_string())
                .unwrap_or_else(|| format!("{}s", secs.round() as i64)),
            TimeRange::Between { start, end } => {
                format!("{}~{}", start.round() as i64, end.round() as i64)
            }
        }
    }

    pub fn parse_param(s: &str) -> Option<TimeRange> {
        if let Some((a, b)) = s.split_once('~') {
            let (start, end) = (a.trim().parse::<f64>().ok()?, b.trim().parse::<f64>().ok()?);
            let in_range = |t: f64| t.abs() <= MAX_EPOCH_SECS;
            return (in_range(start) && in_range(end) && end > start)
                .then_some(TimeRange::Between { start, end });
        }
        let secs = crate::time::duration::parse_duration(s)?;
        (secs > 0.0 && secs <= 10.0 * 365.0 * 86_400.0).then_some(TimeRange::Last(secs))
    }
}

/// Parses "2026-11-24T20:15" or "2026-11-24T20:15:30" (local time at `offset_minutes` east of
/// UTC) into seconds since the epoch.
pub fn parse_local_datetime(s: &str, offset_minutes: i32) -> Option<f64> {
    let (date, time) = s.trim().split_once('T')?;
    let mut d = date.splitn(3, '-');
    let (y, m, day): (i64, u32, u32) = (
        d.next()?.parse().ok()?,
        d.next()?.parse().ok()?,
        d.next()?.parse().ok()?,
    );
    let mut t = time.splitn(3, ':');
    let (hh, mm): (i64, i64) = (t.next()?.parse().ok()?, t.next()?.parse().ok()?);
    let ss = t.next().map_or(Some(0.0), |s| s.parse().ok())?;
    // A datetime-local input ends at year 275760; larger years would overflow the day count.
    if !(0..=275_760).contains(&y)
        || !(0.0..60.0).contains(&ss)
        || !(1..=12).contains(&m)
        || !(1..=31).contains(&day)
        || !(0..24).contains(&hh)
        || !(0..60).contains(&mm)
    {
        return None;
    }
    let days = days_from_civil(y, m, day);
    if civil_from_days(days) != (y, m, day) {
        return None; // e.g. February 30th
    }
    Some((days * 86_400 + hh * 3600 + mm * 60) as f64 + ss - f64::from(offset_minutes) * 60.0)
}

/// The `datetime-local` text for a time, minutes precision.
pub fn format_local_datetime(epoch: f64, offset_minutes: i32) -> String {
    let local = epoch.floor() as i64 + i64::from(offset_minutes) * 60;
    let (y, m, d) = civil_from_days(local.div_euclid(86_400));
    let secs = local.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60
    )
}

/// Day number of a proleptic Gregorian date (inverse of `civil_from_days`).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
