//! The `query_range` step: about one point per one or two pixel columns, rounded up to a step
//! people recognise, never below the user's minimum, and inside Prometheus' 11,000-point limit.

/// Prometheus rejects a `query_range` with more than this many points per series.
pub const MAX_POINTS: usize = 11_000;

/// The finest step ever asked for: Prometheus timestamps have millisecond resolution.
pub const FINEST_STEP: f64 = 0.001;

use super::chart_data::Grid;
use super::time_range::TimeRange;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_point_per_one_or_two_columns_rounded_to_nice_steps() {
        assert_eq!(auto_step(3600.0, 1200.0, 1.0), 5.0); // 3 s raw
        assert_eq!(auto_step(300.0, 1200.0, 1.0), 1.0); // 0.25 s raw, user floor 1 s
        assert_eq!(auto_step(300.0, 1200.0, 0.0), 0.5);
        assert_eq!(auto_step(7.0 * DAY, 1200.0, 5.0), 600.0); // 504 s raw
        assert_eq!(auto_step(DAY, 1200.0, 5.0), 120.0); // 72 s raw
        assert_eq!(auto_step(900.0, 900.0, 0.0), 1.0); // exactly one per column
        assert_eq!(auto_step(365.0 * DAY, 100.0, 1.0), 4.0 * DAY);
        for (range, width) in [(3600.0, 1200.0), (DAY, 800.0), (7.0 * DAY, 1500.0)] {
            let step = auto_step(range, width, 0.0);
            let columns_per_point = width / (range / step);
            assert!((1.0..=2.5).contains(&columns_per_point), "{range} {width}");
        }
    }

    #[test]
    fn never_below_the_user_minimum_nor_a_millisecond() {
        assert_eq!(auto_step(300.0, 1200.0, 5.0), 5.0);
        assert_eq!(auto_step(60.0, 1200.0, 7.0), 7.0); // an odd user floor is kept as is
        assert_eq!(auto_step(1.0, 5000.0, 0.0), 0.001);
        assert_eq!(auto_step(0.0, 1200.0, 0.0), FINEST_STEP);
        assert_eq!(auto_step(3600.0, 0.0, f64::NAN), 3600.0); // width clamped to one column
        assert_eq!(auto_step(f64::INFINITY, 1200.0, 2.0), 2.0);
    }

    #[test]
    fn never_more_than_prometheus_allows_even_after_alignment() {
        // A 4K-wide chart of a day at 1 s would be 86,401 points.
        assert_eq!(auto_step(DAY, 100_000.0, 1.0), 10.0);
        let mut seed = 12345u64;
        for _ in 0..2000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let range = (seed >> 11) as f64 / (1u64 << 53) as f64 * 40.0 * DAY + 0.5;
            let width = 50.0 + (seed % 20_000) as f64;
            let start = 1.7e9 + (seed % 100_000) as f64 * 0.37;
            let step = auto_step(range, width, 0.0);
            let (s, e) = align_range(start, start + range, step);
            let points = ((e - s) / step + 1e-9).floor() as usize + 1;
            assert!(points <= MAX_POINTS, "{range} {width} -> {step}: {points}");
        }
    }

    #[test]
    fn ranges_snap_down_to_the_step_grid() {
        assert_eq!(
            align_range(1_700_000_003.0, 1_700_003_607.0, 15.0),
            (1_699_999_995.0, 1_700_003_595.0)
        );
        assert_eq!(align_range(120.0, 180.0, 60.0), (120.0, 180.0));
        let (s, e) = align_range(1_700_000_000.123_4, 1_700_000_001.987_6, 0.005);
        assert_eq!((s, e), (1_700_000_000.12, 1_700_000_001.985));
        assert_eq!(align_range(5.0, 9.0, 0.0), (5.0, 9.0));
        assert_eq!(align_range(5.0, 9.0, f64::NAN), (5.0, 9.0));
    }

    #[test]
    fn nice_steps_round_up() {
        assert_eq!(nice_step_at_least(3.0), 5.0);
        assert_eq!(nice_step_at_least(15.000_000_000_01), 15.0);
        assert_eq!(nice_step_at_least(16.0), 30.0);
        assert_eq!(nice_step_at_least(4000.0), 7200.0);
        assert_eq!(nice_step_at_least(1.5 * DAY), 2.0 * DAY);
        assert_eq!(nice_step_at_least(f64::NAN), FINEST_STEP);
    }

    #[test]
    fn a_planned_grid_ends_on_the_last_whole_step_before_now() {
        let now = 1_700_000_003.7;
        let grid = plan_grid(TimeRange::Last(3600.0), now, 1200.0, 1.0);
        assert_eq!(grid.step, 5.0);
        assert_eq!(grid.end(), 1_700_000_000.0);
        assert_eq!(grid.start, 1_699_996_400.0);
        assert_eq!(grid.len, 721);
        // A second later the grid is the same: charts planned in one refresh share it.
        assert_eq!(
            plan_grid(TimeRange::Last(3600.0), now + 1.0, 1200.0, 1.0),
            grid
        );
        let fixed = TimeRange::Between {
            start: 1000.0,
            end: 2000.0,
        };
        assert_eq!(
            plan_grid(fixed, now, 1000.0, 10.0),
            Grid::new(1000.0, 2000.0, 10.0)
        );
    }
}
