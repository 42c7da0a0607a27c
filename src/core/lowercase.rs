//! Unicode lowercase for the case-insensitive filters, from a table of runs that build.rs makes
//! from std's own `char::to_lowercase`: the same answers at an eighth of std's table size.

/// `(start | (stride - 1) << 21 | len << 22, distance)`: `len` characters from `start`, `stride`
/// apart (1 or 2), each lowercasing to itself plus `distance`. Sorted by start.
static RUNS: &[(u32, i32)] = include!(concat!(env!("OUT_DIR"), "/lowercase_runs.rs"));

/// What `char::to_lowercase` gives for `c`.
pub fn lowercase_char(c: char) -> Lower {
    if c.is_ascii() {
        return Lower::One(c.to_ascii_lowercase());
    }
    if c == '\u{130}' {
        return Lower::DottedI;
    }
    let code = c as u32;
    // The last run starting at or before `code`.
    let run = RUNS.partition_point(|&(packed, _)| packed & 0x1F_FFFF <= code);
    let Some(&(packed, distance)) = run.checked_sub(1).map(|i| &RUNS[i]) else {
        return Lower::One(c);
    };
    let (start, stride, len) = (packed & 0x1F_FFFF, (packed >> 21 & 1) + 1, packed >> 22);
    let offset = code - start;
    if !offset.is_multiple_of(stride) || offset / stride >= len {
        return Lower::One(c);
    }
    // The table only holds distances std produced between valid characters.
    Lower::One(char::from_u32(code.wrapping_add_signed(distance)).unwrap_or(c))
}

/// A lowercase character: one, or the only two-character case in Unicode (İ → i̇).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lower {
    One(char),
    DottedI,
}

/// `s` with every character lowercased as [`lowercase_char`] does. Unlike `str::to_lowercase`,
/// a final Σ becomes σ like any other: a filter should find "ΟΔΟΣ" by typing "οδοσ".
pub fn lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match lowercase_char(c) {
            Lower::One(l) => out.push(l),
            Lower::DottedI => out.push_str("i\u{307}"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_lowercases_as_std_does() {
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            let ours = match lowercase_char(c) {
                Lower::One(l) => l.to_string(),
                Lower::DottedI => "i\u{307}".to_string(),
            };
            assert_eq!(ours, c.to_lowercase().to_string(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn strings_lowercase_character_by_character() {
        assert_eq!(lowercase("U/Admin/Été_ÆØÅ"), "u/admin/été_æøå");
        assert_eq!(lowercase("ΟΔΟΣ Σ"), "οδοσ σ");
        assert_eq!(lowercase("İstanbul"), "i\u{307}stanbul");
        assert_eq!(lowercase("ǅ Ⅻ Ⓐ 𐐀 𞤀"), "ǆ ⅻ ⓐ 𐐨 𞤢");
        assert_eq!(lowercase(""), "");
        assert_eq!(lowercase("%2F \"q\" 日本"), "%2f \"q\" 日本");
    }

    #[test]
    fn the_table_is_much_smaller_than_std_s() {
        // std keeps 1,400-odd (char, u32) pairs; runs of equal spacing need a few hundred.
        assert!(RUNS.len() < 300, "{} runs", RUNS.len());
        assert!(RUNS
            .windows(2)
            .all(|w| w[0].0 & 0x1F_FFFF < w[1].0 & 0x1F_FFFF));
    }
}
