//! Unit tests of `crate::time::duration`.

use super::parse_duration;

#[test]
fn prometheus_durations() {
    let cases = [
        ("1s", 1.0),
        ("15s", 15.0),
        ("1m30s", 90.0),
        ("5m", 300.0),
        ("1h", 3600.0),
        ("500ms", 0.5),
        ("1d", 86_400.0),
        ("1w", 604_800.0),
        ("1y", 31_536_000.0),
        ("1h2m3s4ms", 3723.004),
        ("0", 0.0),
        ("0s", 0.0),
    ];
    for (s, want) in cases {
        assert_eq!(parse_duration(s), Some(want), "{s}");
    }
}

#[test]
fn rejects_what_prometheus_rejects() {
    for s in [
        "", "s", "1", "1.5s", "-1s", "5s1m", "1s1s", "1x", "1 s", " 1s", "1S", "ms", "1msm",
    ] {
        assert_eq!(parse_duration(s), None, "{s:?}");
    }
    assert_eq!(parse_duration("99999999999999999999y"), None);
    assert_eq!(parse_duration(&"9".repeat(10_000)), None);
}
