//! Unit tests of `crate::charts::step`.

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
