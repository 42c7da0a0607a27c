//! The `query_range` step: about one point per one or two pixel columns, rounded up to a step
//! people recognise, never below the user's minimum, and inside Prometheus' 11,000-point limit.

#[cfg(test)]
mod tests;

/// Prometheus rejects a `query_range` with more than this many points per series.
pub const MAX_POINTS: usize = 11_000;

/// The finest step ever asked for: Prometheus timestamps have millisecond resolution.
pub const FINEST_STEP: f64 = 0.001;

use crate::charts::chart_data::Grid;
use crate::time::range::TimeRange;

const DAY: f64 = 86_400.0;

/// Steps that read well in a legend or a URL ("15s", "5m", "6h"); whole days beyond the list.
const NICE_STEPS: [f64; 27] = [
    0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0,
    120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0, 7200.0, 10_800.0, 21_600.0, 43_200.0, DAY,
];

/// The smallest nice step that is at least `raw` seconds.
pub fn nice_step_at_least(raw: f64) -> f64 {
    if raw.is_nan() || raw <= FINEST_STEP {
        return FINEST_STEP;
    }
    // The tolerance keeps 15.000000000001 (float noise from a division) at 15.
    let raw_tolerant = raw * (1.0 - 1e-9);
    NICE_STEPS
        .iter()
        .copied()
        .find(|&s| s >= raw_tolerant)
        .unwrap_or_else(|| (raw_tolerant / DAY).ceil() * DAY)
}

/// The step for a range of `range_secs` drawn `width_px` columns wide.
///
/// `min_step` is the user's floor (e.g. 5 s for a raw gauge scraped every 5 s, 1 s for instant
/// rates): asking for finer steps than the data has only repeats samples.
pub fn auto_step(range_secs: f64, width_px: f64, min_step: f64) -> f64 {
    let range = if range_secs.is_finite() && range_secs > 0.0 {
        range_secs
    } else {
        0.0
    };
    let width = if width_px.is_finite() && width_px >= 1.0 {
        width_px
    } else {
        1.0
    };
    let floor = if min_step.is_finite() {
        min_step.max(FINEST_STEP)
    } else {
        FINEST_STEP
    };
    let step = nice_step_at_least(range / width).max(floor);
    // `align_range` may widen the range by up to a step at each end, and Prometheus counts both
    // ends: keep three points of headroom below the limit.
    let limit_step = range / (MAX_POINTS - 3) as f64;
    if step < limit_step {
        nice_step_at_least(limit_step)
    } else {
        step
    }
}

/// Snaps `start` and `end` down to multiples of `step`, so successive refreshes ask for the same
/// timestamps (Prometheus and caching proxies can reuse them) and the newest point is never in
/// the future (a future step would repeat the last sample for the 5-minute lookback).
pub fn align_range(start: f64, end: f64, step: f64) -> (f64, f64) {
    if !(step.is_finite() && step > 0.0 && start.is_finite() && end.is_finite()) {
        return (start, end);
    }
    let snap = |t: f64| {
        let snapped = (t / step + 1e-9).floor() * step;
        // Sub-second steps: drop float noise below Prometheus' millisecond resolution.
        if step < 1.0 {
            (snapped * 1000.0).round() / 1000.0
        } else {
            snapped
        }
    };
    (snap(start), snap(end).max(snap(start)))
}

/// The grid of a chart of `range` as of `now`: [`auto_step`] for `width_px` columns with the floor
/// `min_step`, and [`align_range`]d, so every chart of a page that plans with the same inputs
/// shares one grid.
pub fn plan_grid(range: TimeRange, now: f64, width_px: f64, min_step: f64) -> Grid {
    let (start, end) = range.bounds(now);
    let step = auto_step(end - start, width_px, min_step);
    let (start, end) = align_range(start, end, step);
    Grid::new(start, end, step)
}
