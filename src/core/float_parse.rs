//! Decimal text to f64 exactly as `str::parse::<f64>` reads it (grammar and value, bit for bit),
//! without std's 10 KB table of 128-bit powers of five (bench/NOTES.md §1): short numbers take
//! exact machine arithmetic, the rest an exact big-integer division.

mod exact;

/// Significant digits kept; the rest only count as "a little more". 800 covers the 769 digits
/// the exact halfway point between two f64s can need, so rounding is still exact.
const MAX_DIGITS: usize = 800;

/// `s` read as `str::parse::<f64>` reads it: "1", "-.5", "1e-3", "1.", "inf", "+Infinity",
/// "NaN" (any case), nothing else; no spaces.
pub fn parse_f64(s: &str) -> Option<f64> {
    let (negative, unsigned) = match s.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        rest => (false, rest),
    };
    let magnitude = special(unsigned).or_else(|| Decimal::parse(unsigned).map(|d| d.to_f64()))?;
    Some(if negative { -magnitude } else { magnitude })
}

fn special(s: &[u8]) -> Option<f64> {
    if s.eq_ignore_ascii_case(b"inf") || s.eq_ignore_ascii_case(b"infinity") {
        Some(f64::INFINITY)
    } else if s.eq_ignore_ascii_case(b"nan") {
        Some(f64::NAN)
    } else {
        None
    }
}

/// `digits × 10^exponent`, plus less than one unit of the last digit when `truncated`.
/// `digits` has no leading or trailing zeros; empty means zero.
struct Decimal {
    digits: Vec<u8>,
    exponent: i64,
    truncated: bool,
}

impl Decimal {
    /// `digits [. digits] [(e|E) [+|-] digits]`, with a digit somewhere before the exponent.
    fn parse(s: &[u8]) -> Option<Decimal> {
        let mut d = Decimal {
            digits: Vec::new(),
            exponent: 0,
            truncated: false,
        };
        let mut rest = s;
        let mut any_digit = false;
        for fraction in [false, true] {
            if fraction {
                match rest {
                    [b'.', after @ ..] => rest = after,
                    _ => break,
                }
            }
            while let [c @ b'0'..=b'9', after @ ..] = rest {
                d.push(c - b'0', fraction);
                any_digit = true;
                rest = after;
            }
        }
        if !any_digit {
            return None;
        }
        if let [b'e' | b'E', after @ ..] = rest {
            let (negative, mut digits) = match after {
                [b'-', more @ ..] => (true, more),
                [b'+', more @ ..] => (false, more),
                more => (false, more),
            };
            if !matches!(digits, [b'0'..=b'9', ..]) {
                return None;
            }
            let mut power = 0_i64;
            while let [c @ b'0'..=b'9', more @ ..] = digits {
                // Past this the value is 0 or infinite anyway; std stops counting here too.
                if power < 0x10000 {
                    power = power * 10 + i64::from(c - b'0');
                }
                digits = more;
            }
            d.exponent += if negative { -power } else { power };
            rest = digits;
        }
        if !rest.is_empty() {
            return None;
        }
        while d.digits.last() == Some(&0) {
            d.digits.pop();
            d.exponent += 1;
        }
        Some(d)
    }

    fn push(&mut self, digit: u8, fraction: bool) {
        if self.digits.is_empty() && digit == 0 {
            // A leading zero: only a fraction's moves the point.
            self.exponent -= i64::from(fraction);
        } else if self.digits.len() < MAX_DIGITS {
            self.digits.push(digit);
            self.exponent -= i64::from(fraction);
        } else {
            self.truncated |= digit != 0;
            self.exponent += i64::from(!fraction);
        }
    }

    fn to_f64(&self) -> f64 {
        if self.digits.is_empty() {
            return 0.0;
        }
        // The value lies in [10^(point-1), 10^point).
        let point = self.digits.len() as i64 + self.exponent;
        if point > 309 {
            return f64::INFINITY;
        }
        if point < -323 {
            return 0.0; // below half the smallest subnormal (4.9e-324)
        }
        if !self.truncated && self.digits.len() <= 19 {
            let mantissa = self
                .digits
                .iter()
                .fold(0_u64, |m, &d| m * 10 + u64::from(d));
            if let Some(value) = machine_exact(mantissa, self.exponent) {
                return value;
            }
        }
        exact::to_f64(&self.digits, self.exponent, self.truncated)
    }
}

/// `mantissa × 10^exponent` where machine arithmetic is exact or rounds once: Clinger's fast path
/// (both operands exact f64s), else u128 products and quotients with a sticky bit.
fn machine_exact(mantissa: u64, exponent: i64) -> Option<f64> {
    const EXACT_POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    if mantissa <= 1 << 53 && exponent.unsigned_abs() < EXACT_POWERS.len() as u64 {
        let power = EXACT_POWERS[exponent.unsigned_abs() as usize];
        let m = mantissa as f64;
        return Some(if exponent < 0 { m / power } else { m * power });
    }
    let k = u32::try_from(exponent.unsigned_abs()).ok()?;
    if exponent >= 0 {
        // Integer to float casts round to nearest, ties to even.
        return Some(u128::from(mantissa).checked_mul(10_u128.checked_pow(k)?)? as f64);
    }
    let divisor = u128::from(10_u64.checked_pow(k)?);
    let shift = mantissa.leading_zeros() + 64;
    let scaled = u128::from(mantissa) << shift;
    // The quotient has 64 bits or more, so a sticky last bit cannot change how it rounds.
    let sticky = u128::from(!scaled.is_multiple_of(divisor));
    Some(((scaled / divisor) | sticky) as f64 * pow2(-(shift as i32)))
}

/// 2^n as an f64, for n from -1074 (the smallest subnormal) to 1023.
fn pow2(n: i32) -> f64 {
    if n >= -1022 {
        f64::from_bits(((n + 1023) as u64) << 52)
    } else {
        f64::from_bits(1 << (n + 1074))
    }
}

// Native only: the tests compare with std's parser through proptest, which does not build for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "float_parse/tests.rs"]
mod tests;
