//! Human-readable ages, durations and UTC timestamps, computed without a clock or a locale.

#[cfg(test)]
mod tests;

/// "now", "42s", "5m 3s", "2h 5m", "3d 4h": the two largest units, as people read ages.
pub fn format_duration(secs: f64) -> String {
    if !secs.is_finite() {
        return "—".into();
    }
    let secs = secs.max(0.0);
    if secs < 1.0 {
        return if secs == 0.0 {
            "0s".into()
        } else {
            // Scrape durations are milliseconds: "3ms" reads better than "0.0s".
            format!("{}ms", (secs * 1000.0).round().max(1.0))
        };
    }
    let total = secs.round() as u64;
    let (d, h, m, s) = (
        total / 86_400,
        total % 86_400 / 3600,
        total % 3600 / 60,
        total % 60,
    );
    match (d, h, m) {
        (0, 0, 0) => format!("{s}s"),
        (0, 0, _) if s == 0 => format!("{m}m"),
        (0, 0, _) => format!("{m}m {s}s"),
        (0, _, _) if m == 0 => format!("{h}h"),
        (0, _, _) => format!("{h}h {m}m"),
        _ if h == 0 => format!("{d}d"),
        _ => format!("{d}d {h}h"),
    }
}

/// Age of an event at `now`, e.g. "5m 3s ago"; a clock slightly behind the server shows "just now".
pub fn format_age(event: f64, now: f64) -> String {
    let age = now - event;
    if age < 1.0 {
        "just now".into()
    } else {
        format!("{} ago", format_duration(age))
    }
}

/// "2026-11-24 20:16:12 UTC" from seconds since the epoch.
pub fn format_utc(epoch_secs: f64) -> String {
    if !epoch_secs.is_finite() {
        return "—".into();
    }
    let total = epoch_secs.floor() as i64;
    let (days, rem) = (total.div_euclid(86_400), total.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Parses RFC 3339 as Prometheus writes it ("2026-11-24T20:34:03.340958226Z", "...+01:00")
/// into seconds since the epoch. Go's zero time ("0001-01-01T00:00:00Z", never scraped) is None.
pub fn parse_rfc3339(s: &str) -> Option<f64> {
    let (date, rest) = s.trim().split_once(['T', 't', ' '])?;
    let mut d = date.splitn(3, '-');
    let (y, m, day): (i64, u32, u32) = (
        d.next()?.parse().ok()?,
        d.next()?.parse().ok()?,
        d.next()?.parse().ok()?,
    );
    // RFC 3339 years have four digits; larger ones would overflow the day count below.
    if y <= 1 || y > 9999 {
        return None;
    }
    let zone_at = rest.find(['Z', 'z', '+', '-'])?;
    let (clock, zone) = rest.split_at(zone_at);
    let mut c = clock.splitn(3, ':');
    let (hh, mm): (i64, i64) = (c.next()?.parse().ok()?, c.next()?.parse().ok()?);
    let ss = c.next()?.parse::<f64>().ok()?;
    let offset_secs = match zone {
        "Z" | "z" => 0,
        _ => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let (oh, om) = zone[1..].split_once(':')?;
            let (oh, om) = (oh.parse::<i64>().ok()?, om.parse::<i64>().ok()?);
            // Checked before multiplying: a huge offset would overflow.
            if !(0..=23).contains(&oh) || !(0..=59).contains(&om) {
                return None;
            }
            sign * (oh * 3600 + om * 60)
        }
    };
    if !(1..=12).contains(&m)
        || !(1..=31).contains(&day)
        || hh > 23
        || mm > 59
        || !(0.0..61.0).contains(&ss)
    {
        return None;
    }
    let days = crate::time::range::days_from_civil(y, m, day);
    Some((days * 86_400 + hh * 3600 + mm * 60 - offset_secs) as f64 + ss)
}

/// Howard Hinnant's days-from-civil inverse: proleptic Gregorian date of a day number.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}
