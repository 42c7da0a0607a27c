//! Unit tests of `crate::prometheus::value_format`.

use super::format_value;

#[test]
fn special_and_ordinary_values() {
    assert_eq!(format_value(f64::NAN), "NaN");
    assert_eq!(format_value(f64::INFINITY), "+Inf");
    assert_eq!(format_value(f64::NEG_INFINITY), "-Inf");
    assert_eq!(format_value(1.7e9), "1700000000");
    assert_eq!(format_value(42.0), "42");
    assert_eq!(format_value(-0.5), "-0.5");
    assert_eq!(format_value(0.0), "0");
    assert_eq!(format_value(1e20), "1e20");
    assert_eq!(format_value(2.5e-9), "2.5e-9");
}
