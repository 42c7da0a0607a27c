//! Unit tests of `crate::time::range`.

use super::*;

#[test]
fn params_round_trip() {
    for r in [
        TimeRange::Last(300.0),
        TimeRange::Last(604_800.0),
        TimeRange::Last(90.0),
        TimeRange::Between {
            start: 1_700_000_000.0,
            end: 1_700_003_600.0,
        },
    ] {
        assert_eq!(
            TimeRange::parse_param(&r.to_param()),
            Some(r),
            "{}",
            r.to_param()
        );
    }
    assert_eq!(TimeRange::Last(3600.0).to_param(), "1h");
    assert_eq!(TimeRange::parse_param("2h"), Some(TimeRange::Last(7200.0)));
}

#[test]
fn bad_params_are_refused() {
    for bad in ["", "x", "-5m", "0s", "5~1", "a~b", "NaN~1", "100y"] {
        assert_eq!(TimeRange::parse_param(bad), None, "{bad}");
    }
}

#[test]
fn bounds_follow_now_for_relative_ranges() {
    assert_eq!(TimeRange::Last(60.0).bounds(1000.0), (940.0, 1000.0));
    assert_eq!(
        TimeRange::Between {
            start: 1.0,
            end: 2.0
        }
        .bounds(1000.0),
        (1.0, 2.0)
    );
}

#[test]
fn local_datetimes_use_the_offset() {
    assert_eq!(
        parse_local_datetime("2023-11-14T22:13", 0),
        Some(1_699_999_980.0)
    );
    assert_eq!(
        parse_local_datetime("2023-11-14T23:13:20", 60),
        Some(1_700_000_000.0)
    );
    assert_eq!(
        format_local_datetime(1_700_000_000.0, 60),
        "2023-11-14T23:13"
    );
    assert_eq!(
        format_local_datetime(1_700_000_000.0, -300),
        "2023-11-14T17:13"
    );
    for bad in [
        "",
        "2023-11-14",
        "2023-02-30T10:00",
        "2023-13-01T00:00",
        "2023-11-14T25:00",
        "x-y-zTa:b",
    ] {
        assert_eq!(parse_local_datetime(bad, 0), None, "{bad}");
    }
}

#[test]
fn days_round_trip() {
    for days in [-800_000, -1, 0, 1, 19_675, 2_000_000] {
        let (y, m, d) = civil_from_days(days);
        assert_eq!(days_from_civil(y, m, d), days);
    }
}
