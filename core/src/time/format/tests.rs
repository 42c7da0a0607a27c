//! Unit tests of `crate::time::format`.

use super::*;

#[test]
fn durations_use_two_units() {
    assert_eq!(format_duration(0.0), "0s");
    assert_eq!(format_duration(0.25), "250ms");
    assert_eq!(format_duration(0.0031), "3ms");
    assert_eq!(format_duration(0.0001), "1ms");
    assert_eq!(format_duration(42.4), "42s");
    assert_eq!(format_duration(60.0), "1m");
    assert_eq!(format_duration(303.0), "5m 3s");
    assert_eq!(format_duration(7200.0), "2h");
    assert_eq!(format_duration(7500.0), "2h 5m");
    assert_eq!(format_duration(86_400.0 * 3.0), "3d");
    assert_eq!(format_duration(86_400.0 * 3.0 + 4.0 * 3600.0), "3d 4h");
    assert_eq!(format_duration(f64::NAN), "—");
    assert_eq!(format_duration(-5.0), "0s");
}

#[test]
fn ages_read_naturally() {
    assert_eq!(format_age(100.0, 100.5), "just now");
    assert_eq!(format_age(100.0, 99.0), "just now");
    assert_eq!(format_age(0.0, 65.0), "1m 5s ago");
}

#[test]
fn rfc3339_as_prometheus_writes_it() {
    assert_eq!(parse_rfc3339("2023-11-14T22:13:20Z"), Some(1_700_000_000.0));
    let frac = parse_rfc3339("2023-11-14T22:13:20.5Z").unwrap();
    assert!((frac - 1_700_000_000.5).abs() < 1e-6);
    assert_eq!(
        parse_rfc3339("2023-11-14T23:13:20+01:00"),
        Some(1_700_000_000.0)
    );
    assert_eq!(
        parse_rfc3339("2023-11-14T17:13:20-05:00"),
        Some(1_700_000_000.0)
    );
    assert_eq!(parse_rfc3339("0001-01-01T00:00:00Z"), None);
    for bad in [
        "",
        "2023-11-14",
        "2023-11-14T22:13Z",
        "garbage",
        "2023-13-14T22:13:20Z",
    ] {
        assert_eq!(parse_rfc3339(bad), None, "{bad}");
    }
}

#[test]
fn utc_timestamps() {
    assert_eq!(format_utc(0.0), "1970-01-01 00:00:00 UTC");
    assert_eq!(format_utc(1_700_000_000.9), "2023-11-14 22:13:20 UTC");
    assert_eq!(format_utc(951_782_400.0), "2000-02-29 00:00:00 UTC");
    assert_eq!(format_utc(-1.0), "1969-12-31 23:59:59 UTC");
    assert_eq!(format_utc(f64::INFINITY), "—");
}
