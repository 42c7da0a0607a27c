//! The value (y) axis: a range that reads well for the data and short tick labels.

use crate::prometheus::value_format::format_value;

/// The y range to draw and the ticks inside it.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueAxis {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
    pub ticks: Vec<f64>,
}

/// Beyond this the span of two values could overflow; such data is drawn clamped.
const HUGE: f64 = 1e300;

/// The axis for finite data between `min` and `max`, with at most about `max_ticks` ticks.
///
/// Zero is included when the data sits closer to it than its own spread (0..100 random numbers,
/// counts, durations: the baseline matters), not for values far from it (`push_time_seconds`
/// around 1.7e9 would become a flat line). A constant series is drawn in the middle of 0..2v.
/// The range is the data's plus 5% at each end not pinned to zero, so lines never touch the
/// frame; ticks are the round values inside (snapping the range out to the next tick could waste
/// a fifth of the height, e.g. -250..1250 for data in -2..1017).
pub fn value_axis(min: f64, max: f64, max_ticks: usize) -> ValueAxis {
    let (mut lo, mut hi) = if min.is_finite() && max.is_finite() && min <= max {
        (min.clamp(-HUGE, HUGE), max.clamp(-HUGE, HUGE))
    } else {
        (0.0, 1.0)
    };
    if lo == hi {
        match lo {
            0.0 => hi = 1.0,
            v if v > 0.0 => (lo, hi) = (0.0, 2.0 * v),
            v => (lo, hi) = (2.0 * v, 0.0),
        }
    } else {
        let spread = hi - lo;
        if lo >= 0.0 && lo <= spread {
            lo = 0.0;
        }
        if hi <= 0.0 && -hi <= spread {
            hi = 0.0;
        }
    }
    let pad = (hi - lo) * 0.05;
    if lo != 0.0 {
        lo -= pad;
    }
    if hi != 0.0 {
        hi += pad;
    }
    let step = nice_value_step((hi - lo) / max_ticks.max(2) as f64);
    if !(step.is_normal() && step > 0.0) {
        return ValueAxis {
            lo,
            hi,
            step: hi - lo,
            ticks: vec![lo, hi],
        };
    }
    let (first, last) = ((lo / step).ceil(), (hi / step).floor());
    // Multiplying (rather than adding steps) keeps float noise out of the labels.
    let ticks: Vec<f64> = (0..=(last - first).max(-1.0) as i64)
        .map(|k| (first + k as f64) * step)
        .collect();
    ValueAxis {
        lo,
        hi,
        step,
        ticks,
    }
}

/// The smallest of 1, 2, 2.5, 5 × 10^k that is at least `raw`.
fn nice_value_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return f64::NAN;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let normalised = raw / magnitude;
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|&n| n >= normalised * (1.0 - 1e-9))
        .unwrap_or(10.0);
    nice * magnitude
}

const SI: [(f64, &str); 6] = [
    (1e18, "E"),
    (1e15, "P"),
    (1e12, "T"),
    (1e9, "G"),
    (1e6, "M"),
    (1e3, "k"),
];

fn si_scale(abs: f64) -> (f64, &'static str) {
    SI.into_iter()
        .find(|&(scale, _)| abs >= scale)
        .unwrap_or((1.0, ""))
}

/// Decimal places needed to write multiples of `step` exactly (0.25 → 2, 5 → 0).
fn decimals_for(step: f64) -> usize {
    (0..=12)
        .find(|&d| {
            let scaled = step * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() <= 1e-6 * scaled.abs()
        })
        .unwrap_or(12)
}

/// A y-axis label for the tick `v` on an axis of `step`: "1.5k", "200", "0.25", "1.7G". Ticks
/// of one axis never collide because the precision comes from the step.
pub fn format_tick(v: f64, step: f64) -> String {
    if !(v.is_finite() && step.is_finite() && step > 0.0) {
        return format_short(v);
    }
    if v.abs() < step * 1e-6 {
        return "0".into(); // float noise around zero, and no "-0"
    }
    if v.abs() >= 1e21 {
        return format_value(v);
    }
    let (scale, suffix) = si_scale(v.abs());
    let decimals = decimals_for(step / scale);
    if decimals <= 2 {
        return format!(
            "{}{suffix}",
            trim_zeros(&format!("{:.*}", decimals, v / scale))
        );
    }
    // Steps too fine for the suffix (1,700,000,010 in steps of 10): write the whole number.
    let decimals = decimals_for(step);
    if decimals <= 6 {
        trim_zeros(&format!("{v:.decimals$}")).to_string()
    } else {
        format_value(v)
    }
}

/// A value in at most three significant digits: "1.5k", "2M", "0.25", "1.23e-4", "NaN", "+Inf".
pub fn format_short(v: f64) -> String {
    if !v.is_finite() || v == 0.0 {
        return format_value(if v == 0.0 { 0.0 } else { v });
    }
    let rounded = round_significant(v, 3);
    let abs = rounded.abs();
    if !(1e-3..1e21).contains(&abs) {
        let s = format!("{rounded:.2e}");
        let (mantissa, exponent) = s.split_once('e').unwrap_or((&s, "0"));
        return format!("{}e{exponent}", trim_zeros(mantissa));
    }
    let (scale, suffix) = si_scale(abs);
    let x = rounded / scale;
    let decimals = (2 - x.abs().log10().floor() as i32).max(0) as usize;
    format!("{}{suffix}", trim_zeros(&format!("{x:.decimals$}")))
}

fn round_significant(v: f64, digits: i32) -> f64 {
    let factor = 10f64.powi(digits - 1 - v.abs().log10().floor() as i32);
    if factor.is_finite() && factor > 0.0 {
        (v * factor).round() / factor
    } else {
        v
    }
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}
