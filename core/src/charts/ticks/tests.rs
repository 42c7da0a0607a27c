//! Time ticks across ranges and UTC offsets, value axes and short labels.

use super::*;

/// 2023-11-14 22:13:20 UTC, a Tuesday.
const T0: f64 = 1_700_000_000.0;

fn labels(ticks: &[TimeTick]) -> Vec<&str> {
    ticks.iter().map(|t| t.label.as_str()).collect()
}

#[test]
fn an_hour_gets_ten_minute_ticks_at_round_times() {
    let ticks = time_ticks(T0, T0 + HOUR, 1200.0, 0);
    assert_eq!(
        labels(&ticks),
        ["22:20", "22:30", "22:40", "22:50", "23:00", "23:10"]
    );
    assert_eq!(ticks[0].t, T0 + 400.0);
}

#[test]
fn local_time_follows_the_utc_offset_and_midnight_names_the_day() {
    let ticks = time_ticks(T0, T0 + HOUR, 1200.0, 60);
    assert_eq!(
        labels(&ticks),
        ["23:20", "23:30", "23:40", "23:50", "Nov 15", "00:10"]
    );
    assert_eq!(ticks[0].t, T0 + 400.0, "the same instants, other labels");
    let new_york = time_ticks(T0, T0 + HOUR, 1200.0, -300);
    assert_eq!(new_york[0].label, "17:20");
    let india = time_ticks(T0, T0 + HOUR, 1200.0, 330);
    assert_eq!(india[0].label, "03:50"); // 03:43:20 local
    assert_eq!(india[0].t, T0 + 400.0);
}

#[test]
fn five_minutes_get_seconds() {
    let ticks = time_ticks(T0, T0 + 300.0, 1200.0, 0);
    assert_eq!(ticks.len(), 10);
    assert_eq!(ticks[0].label, "22:13:30");
    assert_eq!(ticks[1].label, "22:14:00");
}

#[test]
fn days_and_weeks_get_dates() {
    let week = time_ticks(T0, T0 + 7.0 * DAY, 1200.0, 0);
    assert_eq!(
        labels(&week),
        ["Nov 15", "Nov 16", "Nov 17", "Nov 18", "Nov 19", "Nov 20", "Nov 21"]
    );
    let two_days = time_ticks(T0, T0 + 2.0 * DAY, 1200.0, 0);
    assert_eq!(
        labels(&two_days)[..3],
        ["Nov 15", "Nov 15 06:00", "Nov 15 12:00"]
    );
    assert_eq!(two_days.len(), 8);
    // Weekly ticks fall on Mondays (Nov 20, 2023 was one).
    let month = time_ticks(T0, T0 + 30.0 * DAY, 1200.0, 0);
    assert_eq!(labels(&month), ["Nov 20", "Nov 27", "Dec 4", "Dec 11"]);
}

#[test]
fn months_and_years_beyond() {
    let quarter = time_ticks(T0, T0 + 90.0 * DAY, 1200.0, 0);
    assert_eq!(labels(&quarter), ["Dec 2023", "Jan 2024", "Feb 2024"]);
    assert_eq!(quarter[1].t, 1_704_067_200.0); // 2024-01-01 00:00 UTC
    let five_years = time_ticks(T0, T0 + 5.0 * 365.0 * DAY, 1200.0, 0);
    assert_eq!(five_years[0].label, "Jan 2024");
    assert_eq!(five_years[1].label, "Jul 2024");
    let decades = time_ticks(T0, T0 + 20.0 * 365.0 * DAY, 1200.0, 0);
    assert_eq!(labels(&decades), ["2025", "2030", "2035", "2040"]);
    let century = time_ticks(T0, T0 + 200.0 * 365.0 * DAY, 1200.0, 0);
    assert!(!century.is_empty() && century.len() <= 10);
}

#[test]
fn narrow_charts_get_fewer_ticks_and_labels_never_crowd() {
    assert_eq!(
        labels(&time_ticks(T0, T0 + HOUR, 300.0, 0)),
        ["22:30", "23:00"]
    );
    let mut seed = 99u64;
    for _ in 0..500 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let span = 10.0 + (seed >> 20) as f64 % (400.0 * DAY);
        let width = 200.0 + (seed % 2000) as f64;
        let start = T0 + (seed % 1_000_000) as f64;
        let offset = (seed % 1500) as i32 - 720;
        let ticks = time_ticks(start, start + span, width, offset);
        assert!(!ticks.is_empty() || span < 2.0, "{span} {width}");
        for w in ticks.windows(2) {
            let px = (w[1].t - w[0].t) / span * width;
            assert!(px >= 0.9 * TIME_LABEL_SPACING_PX, "{span} {width}: {px}");
        }
        assert!(ticks.iter().all(|t| t.t >= start && t.t <= start + span));
    }
}

#[test]
fn degenerate_ranges_have_no_ticks() {
    assert!(time_ticks(T0, T0, 1200.0, 0).is_empty());
    assert!(time_ticks(T0, T0 - 5.0, 1200.0, 0).is_empty());
    assert!(time_ticks(f64::NAN, T0, 1200.0, 0).is_empty());
}

#[test]
fn full_times_name_the_offset() {
    assert_eq!(format_time_full(T0, 0), "2023-11-14 22:13:20 UTC");
    assert_eq!(format_time_full(T0, 60), "2023-11-14 23:13:20 UTC+1");
    assert_eq!(format_time_full(T0, 330), "2023-11-15 03:43:20 UTC+5:30");
    assert_eq!(format_time_full(T0, -300), "2023-11-14 17:13:20 UTC-5");
    assert_eq!(
        format_time_full(T0 + 0.25, 0),
        "2023-11-14 22:13:20.250 UTC"
    );
    assert_eq!(format_time_full(T0 - 0.0001, 0), "2023-11-14 22:13:20 UTC");
    assert_eq!(format_time_full(f64::NAN, 0), "—");
}

#[test]
fn value_axes_include_zero_only_when_it_is_near() {
    let axis = value_axis(3.0, 97.0, 5);
    assert_eq!((axis.lo, axis.hi, axis.step), (0.0, 101.85, 25.0));
    assert_eq!(axis.ticks, [0.0, 25.0, 50.0, 75.0, 100.0]);
    let push_times = value_axis(T0, T0 + 600.0, 5);
    assert_eq!((push_times.lo, push_times.hi), (T0 - 30.0, T0 + 630.0));
    assert_eq!(push_times.ticks, [T0, T0 + 200.0, T0 + 400.0, T0 + 600.0]);
    let negative = value_axis(-50.0, -10.0, 5);
    assert_eq!((negative.lo, negative.hi), (-52.5, 0.0));
    assert_eq!(negative.ticks, [-40.0, -20.0, 0.0]);
    let mixed = value_axis(-3.0, 7.0, 5);
    assert_eq!((mixed.lo, mixed.hi, mixed.step), (-3.5, 7.5, 2.5));
    assert_eq!(mixed.ticks, [-2.5, 0.0, 2.5, 5.0, 7.5]);
}

#[test]
fn the_range_is_the_data_plus_a_margin_not_the_next_round_ticks() {
    // 100 series around 0..1000: no band of -250..0 below the data.
    let axis = value_axis(-2.2, 1017.0, 5);
    assert!(axis.lo > -60.0 && axis.hi < 1075.0, "{axis:?}");
    assert!(axis.ticks.iter().all(|t| *t >= axis.lo && *t <= axis.hi));
    assert!(axis.ticks.len() >= 3);
}

#[test]
fn flat_empty_and_extreme_data_still_get_an_axis() {
    assert_eq!(value_axis(0.0, 0.0, 5).ticks, [0.0, 0.25, 0.5, 0.75, 1.0]);
    let constant = value_axis(42.0, 42.0, 5);
    assert!(constant.lo == 0.0 && constant.hi >= 84.0);
    let negative = value_axis(-5.0, -5.0, 5);
    assert!(negative.lo <= -10.0 && negative.hi == 0.0);
    assert_eq!(value_axis(f64::NAN, 1.0, 5).lo, 0.0);
    assert_eq!(value_axis(f64::INFINITY, f64::NEG_INFINITY, 5).lo, 0.0);
    let huge = value_axis(-f64::MAX, f64::MAX, 5);
    assert!(huge.lo.is_finite() && huge.hi.is_finite() && huge.ticks.len() >= 2);
    let tiny = value_axis(1e-310, 2e-310, 5);
    assert!(tiny.hi > tiny.lo);
}

#[test]
fn tick_labels_take_their_precision_from_the_step() {
    assert_eq!(format_tick(1500.0, 500.0), "1.5k");
    assert_eq!(format_tick(1000.0, 500.0), "1k");
    assert_eq!(format_tick(200.0, 200.0), "200");
    assert_eq!(format_tick(1200.0, 200.0), "1.2k");
    assert_eq!(format_tick(1.7e9, 2e8), "1.7G");
    assert_eq!(format_tick(1_700_000_010.0, 10.0), "1700000010");
    assert_eq!(format_tick(0.30000000000000004, 0.1), "0.3");
    assert_eq!(format_tick(0.25, 0.05), "0.25");
    assert_eq!(format_tick(-2500.0, 500.0), "-2.5k");
    assert_eq!(format_tick(1e-17, 0.1), "0");
    assert_eq!(format_tick(-0.0, 0.1), "0");
    assert_eq!(format_tick(2e-6, 1e-6), "0.000002");
    assert_eq!(format_tick(2e-9, 1e-9), "2e-9");
    assert_eq!(format_tick(f64::NAN, 1.0), "NaN");
}

#[test]
fn short_values_keep_three_significant_digits() {
    for (v, s) in [
        (1500.0, "1.5k"),
        (2e6, "2M"),
        (0.25, "0.25"),
        (123.456, "123"),
        (12_345.0, "12.3k"),
        (999.6, "1k"),
        (0.001234, "0.00123"),
        (0.0001234, "1.23e-4"),
        (-1500.0, "-1.5k"),
        (1.7e9, "1.7G"),
        (1e21, "1e21"),
        (0.0, "0"),
        (-0.0, "0"),
        (f64::NAN, "NaN"),
        (f64::INFINITY, "+Inf"),
        (f64::NEG_INFINITY, "-Inf"),
    ] {
        assert_eq!(format_short(v), s, "{v}");
    }
}
