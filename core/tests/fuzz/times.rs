//! Durations and times: `parse_duration`, `parse_rfc3339`, `TimeRange::parse_param` and
//! `parse_local_datetime` on arbitrary and nearly-right text, plus exact answers for right text.

use super::harness::{fuzz, Outcome};
use super::json::tricky_string;
use gatewatch_core::time::duration::parse_duration;
use gatewatch_core::time::format::{format_utc, parse_rfc3339};
use gatewatch_core::time::range::{
    format_local_datetime, parse_local_datetime, TimeRange, MAX_EPOCH_SECS,
};
use proptest::prelude::*;
use proptest::sample::select;

const UNITS: [(&str, u64); 7] = [
    ("y", 365 * 86_400_000),
    ("w", 7 * 86_400_000),
    ("d", 86_400_000),
    ("h", 3_600_000),
    ("m", 60_000),
    ("s", 1000),
    ("ms", 1),
];

/// Browsers' UTC offsets lie within ±14 h; any i32 is tried too.
fn offset_minutes() -> impl Strategy<Value = i32> {
    prop_oneof![3 => -840..=840i32, 1 => any::<i32>()]
}

/// Text that is nearly a number: huge, negative, fractional, exponent, NaN, padded.
pub fn number_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0..100u32).prop_map(|n| n.to_string()),
        2 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<u64>().prop_map(|n| n.to_string()),
        2 => any::<f64>().prop_map(|f| f.to_string()),
        1 => any::<f64>().prop_map(|f| format!("{f:e}")),
        1 => "[0-9]{1,40}",
        1 => "-[0-9]{1,40}",
        1 => select(&["", "-", "+", "+5", "-0", ".", "1.", ".5", "1e999", "-1e999", "NaN", "inf",
                      "-inf", "infinity", "0x1", " 1", "1 ", "٣", "１"][..])
            .prop_map(str::to_owned),
    ]
}

/// A date or clock field: mostly in range (so parsers get past their checks), else anything.
fn field_text(max: u32) -> impl Strategy<Value = String> {
    prop_oneof![
        2 => (0..=max).prop_map(|n| n.to_string()),
        1 => (0..=max).prop_map(|n| format!("{n:02}")),
        1 => number_text(),
    ]
}

/// "1h30m"-like text: numbers (maybe huge) and units (maybe wrong, repeated or out of order).
pub fn duration_text() -> impl Strategy<Value = String> {
    let unit = select(
        &[
            "y", "w", "d", "h", "m", "s", "ms", "", "x", "S", "µs", "mm", " ",
        ][..],
    );
    prop_oneof![
        5 => prop::collection::vec((number_text(), unit), 1..5)
            .prop_map(|parts| parts.into_iter().map(|(n, u)| format!("{n}{u}")).collect()),
        1 => tricky_string(),
    ]
}

pub fn check_duration(s: &str) -> Outcome {
    if let Some(secs) = parse_duration(s) {
        prop_assert!(secs.is_finite() && secs >= 0.0, "{s:?} -> {secs}");
    }
    Ok(())
}

#[test]
fn durations_never_panic_and_stay_finite() {
    fuzz("parse_duration", duration_text(), |s| check_duration(&s));
}

#[test]
fn durations_in_prometheus_form_add_up() {
    // Units largest first, each at most once: exactly what Prometheus accepts.
    let parts = prop::collection::vec(prop::option::of(0..1_000_000u64), 7)
        .prop_filter("at least one unit", |p| p.iter().any(Option::is_some));
    fuzz("parse_duration_exact", parts, |amounts| {
        let (mut text, mut ms) = (String::new(), 0u64);
        for ((unit, len), amount) in UNITS.iter().zip(&amounts) {
            if let Some(a) = amount {
                text.push_str(&format!("{a}{unit}"));
                ms += a * len;
            }
        }
        prop_assert_eq!(parse_duration(&text), Some(ms as f64 / 1000.0), "{}", text);
        Ok(())
    });
}

/// "Y-M-DThh:mm:ss.fZONE" with every part possibly out of range or malformed.
fn rfc3339_text() -> impl Strategy<Value = String> {
    let zone = prop_oneof![
        select(&["Z", "z", "", "+", "-", "+01:00", "-05:30", "+1", "+:", "Zulu", "+01:00Z"][..])
            .prop_map(str::to_owned),
        (select(&["+", "-"][..]), field_text(30), field_text(70))
            .prop_map(|(s, h, m)| format!("{s}{h}:{m}")),
    ];
    prop_oneof![
        6 => (
            (number_text(), field_text(13), field_text(32)),
            select(&["T", "t", " ", "_"][..]),
            (field_text(24), field_text(60), field_text(61)),
            zone,
        )
            .prop_map(|((y, mo, d), sep, (h, mi, s), z)| format!("{y}-{mo}-{d}{sep}{h}:{mi}:{s}{z}")),
        1 => tricky_string(),
    ]
}

pub fn check_rfc3339(s: &str) -> Outcome {
    if let Some(t) = parse_rfc3339(s) {
        prop_assert!(t.is_finite(), "{s:?} -> {t}");
        let _ = format_utc(t);
    }
    Ok(())
}

#[test]
fn rfc3339_never_panics() {
    fuzz("parse_rfc3339", rfc3339_text(), |s| check_rfc3339(&s));
}

#[test]
fn rfc3339_in_prometheus_form_is_exact() {
    let parts = (
        (2..=9999i64, 1..=12u32, 1..=28u32),
        (0..=23u32, 0..=59u32, 0..=59u32, 0..1_000_000_000u32),
        (-23..=23i64, 0..=59i64),
    );
    fuzz(
        "parse_rfc3339_exact",
        parts,
        |((y, mo, d), (h, mi, s, nanos), (oh, om))| {
            let local = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}");
            let utc = parse_rfc3339(&format!("{local}Z")).expect("valid RFC 3339");
            prop_assert_eq!(
                format_utc(utc),
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} UTC")
            );
            let frac = parse_rfc3339(&format!("{local}.{nanos:09}Z")).expect("fraction");
            prop_assert!((frac - utc - f64::from(nanos) / 1e9).abs() < 1e-3);
            let (sign, written) = if oh < 0 { (-1, '-') } else { (1, '+') };
            let zoned = format!("{local}{written}{:02}:{om:02}", oh.abs());
            let offset = sign * (oh.abs() * 3600 + om * 60);
            prop_assert_eq!(
                parse_rfc3339(&zoned),
                Some(utc - offset as f64),
                "{}",
                zoned
            );
            Ok(())
        },
    );
}

/// What a URL's `range=` may hold: presets, durations, "start~end" with odd numbers, junk.
fn range_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => duration_text(),
        3 => (number_text(), select(&["~", " ~ ", "~~", "-"][..]), number_text())
            .prop_map(|(a, sep, b)| format!("{a}{sep}{b}")),
        1 => tricky_string(),
    ]
}

/// Checks a URL's `range=` value and what the charts page does with the range it gives.
pub fn check_range_param(s: &str, offset: i32, now: f64) -> Outcome {
    let Some(range) = TimeRange::parse_param(s) else {
        return Ok(());
    };
    match range {
        TimeRange::Last(secs) => {
            prop_assert!(secs > 0.0 && secs <= 10.0 * 365.0 * 86_400.0, "{s:?}")
        }
        TimeRange::Between { start, end } => {
            prop_assert!(start.is_finite() && end.is_finite() && end > start, "{s:?}")
        }
    }
    let _ = TimeRange::parse_param(&range.to_param());
    let (start, end) = range.bounds(now);
    let _ = (
        format_local_datetime(start, offset),
        format_local_datetime(end, offset),
    );
    Ok(())
}

#[test]
fn time_range_params_never_panic() {
    fuzz(
        "time_range_param",
        // `now` is the browser's clock, within a JavaScript Date's range.
        (
            range_text(),
            offset_minutes(),
            -MAX_EPOCH_SECS..=MAX_EPOCH_SECS,
        ),
        |(s, offset, now)| check_range_param(&s, offset, now),
    );
}

/// "Y-M-DThh:mm[:ss]" with every part possibly out of range or malformed.
fn local_text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (
            (number_text(), field_text(13), field_text(32)),
            (field_text(24), field_text(60), prop::option::of(field_text(61))),
        )
            .prop_map(|((y, mo, d), (h, mi, s))| match s {
                Some(s) => format!("{y}-{mo}-{d}T{h}:{mi}:{s}"),
                None => format!("{y}-{mo}-{d}T{h}:{mi}"),
            }),
        1 => tricky_string(),
    ]
}

pub fn check_local_datetime(s: &str, offset: i32) -> Outcome {
    if let Some(t) = parse_local_datetime(s, offset) {
        prop_assert!(t.is_finite(), "{s:?} -> {t}");
        let _ = format_local_datetime(t, offset);
    }
    Ok(())
}

#[test]
fn local_datetimes_never_panic() {
    fuzz(
        "parse_local_datetime",
        (local_text(), offset_minutes()),
        |(s, offset)| check_local_datetime(&s, offset),
    );
}

#[test]
fn local_datetimes_round_trip() {
    let parts = (
        (1..=9999i64, 1..=12u32, 1..=31u32),
        (0..=23u32, 0..=59u32),
        -840..=840i32,
    );
    fuzz(
        "local_datetime_exact",
        parts,
        |((y, mo, d), (h, mi), offset)| {
            let text = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}");
            match parse_local_datetime(&text, offset) {
                Some(t) => prop_assert_eq!(format_local_datetime(t, offset), text),
                // Only days a month does not have are refused.
                None => prop_assert!(d > 28, "{text} refused"),
            }
            Ok(())
        },
    );
}
