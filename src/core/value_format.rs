//! Sample values as Prometheus writes them: "NaN", "+Inf", "-Inf", and plain numbers.

pub fn format_value(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v == f64::INFINITY {
        "+Inf".into()
    } else if v == f64::NEG_INFINITY {
        "-Inf".into()
    } else if v != 0.0 && (v.abs() >= 1e15 || v.abs() < 1e-6) {
        format!("{v:e}")
    } else {
        // Shortest representation that round-trips, without a trailing ".0".
        let s = format!("{v}");
        s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
    }
}

#[cfg(test)]
mod tests {
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
}
