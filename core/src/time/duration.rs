//! Prometheus duration strings ("1m30s", "5m", "500ms", "1d", "1w", "1y") as seconds.

#[cfg(test)]
mod tests;

/// Units in the only order Prometheus accepts them, with their length in milliseconds.
const UNITS: [(&str, u64); 7] = [
    ("y", 365 * 24 * 3600 * 1000),
    ("w", 7 * 24 * 3600 * 1000),
    ("d", 24 * 3600 * 1000),
    ("h", 3600 * 1000),
    ("m", 60 * 1000),
    ("s", 1000),
    ("ms", 1),
];

/// Parses like Prometheus' `model.ParseDuration`: integer amounts, units from largest to
/// smallest, each at most once; "0" alone is zero. Anything else (empty, "1.5s", "5s1m",
/// unknown units, overflow) is `None`.
pub fn parse_duration(s: &str) -> Option<f64> {
    match s {
        "" => return None,
        "0" => return Some(0.0),
        _ => {}
    }
    let mut rest = s;
    let mut next_unit = 0;
    let mut total_ms: u64 = 0;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let amount: u64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let letters = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let unit = &rest[..letters];
        rest = &rest[letters..];
        // Units must come in decreasing order: the first match at or after the last one used.
        let i = next_unit + UNITS[next_unit..].iter().position(|(u, _)| *u == unit)?;
        next_unit = i + 1;
        total_ms = total_ms.checked_add(amount.checked_mul(UNITS[i].1)?)?;
    }
    Some(total_ms as f64 / 1000.0)
}
