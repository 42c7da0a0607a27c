//! Axis ticks and labels: time ticks at round wall-clock times for any range (seconds to years,
//! in the viewer's UTC offset) and value ticks with short labels ("1.5k", "0.25", "NaN").

#[cfg(test)]
mod tests;

use crate::time::format::civil_from_days;

mod values;

pub use values::{format_short, format_tick, value_axis, ValueAxis};

const MINUTE: f64 = 60.0;
const HOUR: f64 = 3600.0;
const DAY: f64 = 86_400.0;
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Room one time label needs: "Nov 24 12:00" is about 75 px at 11 px, plus a gap.
pub const TIME_LABEL_SPACING_PX: f64 = 100.0;

#[derive(Clone, Debug, PartialEq)]
pub struct TimeTick {
    /// Seconds since the epoch.
    pub t: f64,
    pub label: String,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Interval {
    Seconds(f64),
    Months(i64),
}

/// Every interval divides the next unit evenly, so ticks land on round wall-clock times.
const INTERVALS: [Interval; 25] = [
    Interval::Seconds(1.0),
    Interval::Seconds(2.0),
    Interval::Seconds(5.0),
    Interval::Seconds(10.0),
    Interval::Seconds(15.0),
    Interval::Seconds(30.0),
    Interval::Seconds(MINUTE),
    Interval::Seconds(2.0 * MINUTE),
    Interval::Seconds(5.0 * MINUTE),
    Interval::Seconds(10.0 * MINUTE),
    Interval::Seconds(15.0 * MINUTE),
    Interval::Seconds(30.0 * MINUTE),
    Interval::Seconds(HOUR),
    Interval::Seconds(2.0 * HOUR),
    Interval::Seconds(3.0 * HOUR),
    Interval::Seconds(6.0 * HOUR),
    Interval::Seconds(12.0 * HOUR),
    Interval::Seconds(DAY),
    Interval::Seconds(2.0 * DAY),
    Interval::Seconds(7.0 * DAY),
    Interval::Months(1),
    Interval::Months(3),
    Interval::Months(6),
    Interval::Months(12),
    Interval::Months(60),
];

impl Interval {
    fn approx_secs(self) -> f64 {
        match self {
            Interval::Seconds(s) => s,
            Interval::Months(m) => m as f64 * 30.44 * DAY,
        }
    }
}

/// Ticks for `t0..=t1` drawn `width_px` wide: the finest interval that leaves room for every
/// label (at most 10), at round times in local time (`utc_offset_min` east of UTC, e.g. 60 for
/// CET), labelled "20:15:30" / "20:15" / "Nov 24 12:00" / "Nov 24" / "Nov 2026" / "2026".
pub fn time_ticks(t0: f64, t1: f64, width_px: f64, utc_offset_min: i32) -> Vec<TimeTick> {
    if !(t0.is_finite() && t1.is_finite() && t1 > t0) {
        return Vec::new();
    }
    let max_ticks = (width_px / TIME_LABEL_SPACING_PX).floor().clamp(2.0, 10.0);
    let span = t1 - t0;
    let interval = INTERVALS
        .iter()
        .copied()
        .find(|i| span / i.approx_secs() <= max_ticks)
        .unwrap_or_else(|| Interval::Months(((span / DAY / 365.0 / max_ticks).ceil() as i64) * 12));
    let offset = f64::from(utc_offset_min) * MINUTE;
    let (l0, l1) = (t0 + offset, t1 + offset);
    let mut local_ticks = Vec::new();
    match interval {
        Interval::Seconds(s) => {
            // Weeks start on Monday; day 4 of the epoch (1970-01-05) was the first one.
            let phase = if s == 7.0 * DAY { 4.0 * DAY } else { 0.0 };
            let mut t = ((l0 - phase) / s).ceil() * s + phase;
            while t <= l1 {
                local_ticks.push(t);
                t += s;
            }
        }
        Interval::Months(m) => {
            let (y, mo, _) = civil_from_days((l0 / DAY).floor() as i64);
            let mut month = (y * 12 + i64::from(mo) - 1).div_euclid(m) * m;
            loop {
                let t = days_from_civil(month.div_euclid(12), month.rem_euclid(12) as u32 + 1, 1)
                    as f64
                    * DAY;
                if t > l1 {
                    break;
                }
                if t >= l0 {
                    local_ticks.push(t);
                }
                month += m;
            }
        }
    }
    local_ticks
        .into_iter()
        .map(|local| TimeTick {
            t: local - offset,
            label: label(local, interval, span),
        })
        .collect()
}

fn label(local: f64, interval: Interval, span: f64) -> String {
    let secs = local.floor() as i64;
    let (days, of_day) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    let date = format!("{} {d}", MONTHS[m as usize - 1]);
    let (hh, mm, ss) = (of_day / 3600, of_day % 3600 / 60, of_day % 60);
    match interval {
        Interval::Months(12..) => format!("{y}"),
        Interval::Months(_) => format!("{} {y}", MONTHS[m as usize - 1]),
        Interval::Seconds(s) if s >= DAY => date,
        // A tick at midnight names the new day, so a range across midnight stays readable.
        _ if of_day == 0 => date,
        Interval::Seconds(s) if s < MINUTE => format!("{hh:02}:{mm:02}:{ss:02}"),
        _ if span > DAY => format!("{date} {hh:02}:{mm:02}"),
        _ => format!("{hh:02}:{mm:02}"),
    }
}

/// Day number of a proleptic Gregorian date (inverse of `civil_from_days`).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The tooltip's time: "2026-11-24 20:15:30 UTC+1", milliseconds only when there are any.
pub fn format_time_full(t: f64, utc_offset_min: i32) -> String {
    if !t.is_finite() {
        return "—".into();
    }
    format!(
        "{} {}",
        format_time_local(t, utc_offset_min),
        format_utc_offset(utc_offset_min)
    )
}

/// "2026-11-24 20:15:30" in local time (`utc_offset_min` east of UTC), ".250" when not whole.
pub fn format_time_local(t: f64, utc_offset_min: i32) -> String {
    if !t.is_finite() {
        return "—".into();
    }
    let local = t + f64::from(utc_offset_min) * MINUTE;
    let ms = ((local - local.floor()) * 1000.0).round() as i64;
    let (secs, ms) = if ms == 1000 {
        (local.floor() as i64 + 1, 0)
    } else {
        (local.floor() as i64, ms)
    };
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let of_day = secs.rem_euclid(86_400);
    let fraction = if ms > 0 {
        format!(".{ms:03}")
    } else {
        String::new()
    };
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}{fraction}",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}

/// "UTC", "UTC+1", "UTC+5:30", "UTC-5".
pub fn format_utc_offset(utc_offset_min: i32) -> String {
    if utc_offset_min == 0 {
        return "UTC".into();
    }
    let sign = if utc_offset_min > 0 { '+' } else { '-' };
    let (h, m) = (utc_offset_min.abs() / 60, utc_offset_min.abs() % 60);
    if m == 0 {
        format!("UTC{sign}{h}")
    } else {
        format!("UTC{sign}{h}:{m:02}")
    }
}
