//! `parse_f64` against std's `str::parse::<f64>`: same answer, bit for bit, for every spelling.

use super::parse_f64;
use proptest::prelude::*;

fn std_bits(s: &str) -> Option<u64> {
    s.parse::<f64>().ok().map(f64::to_bits)
}

fn assert_same(s: &str) {
    assert_eq!(parse_f64(s).map(f64::to_bits), std_bits(s), "{s:?}");
}

#[test]
fn spellings_parse_as_std_parses_them() {
    let long_one = format!("1{}", "0".repeat(900));
    let tiny = format!("0.{}1", "0".repeat(1000));
    let many = format!("{}e-400", "1".repeat(1200));
    for s in [
        "0",
        "-0",
        "+0",
        "1",
        "-1",
        "1.5",
        "0.1",
        ".5",
        "5.",
        "1.e3",
        "-.5e-3",
        "00000001",
        "0.30000000000000004",
        "1732512345.123456",
        "1.7e+09",
        "-1.5e-12",
        "123456789012345678",
        "12345678901234567890",
        "123456789012345678901234567890",
        "9007199254740993",
        "9007199254740993.0000000000000000000000001",
        "9007199254740992.9999999999999999999",
        "1e22",
        "1e23",
        "8.5e-23",
        "1e308",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "1e309",
        "1e400",
        "4.9e-324",
        "5e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "2.2250738585072011e-308",
        "2.2250738585072012e-308",
        "2.2250738585072014e-308",
        "1e-400",
        "0e999999",
        "1e-0",
        "1E5",
        "1e+5",
        "1e99999999999999999999",
        "1e-99999999999999999999",
        &long_one,
        &tiny,
        &many,
        "inf",
        "-inf",
        "+Inf",
        "-Inf",
        "INFINITY",
        "Infinity",
        "NaN",
        "nan",
        "-nan",
        "+NAN",
        // Refused by both.
        "",
        "+",
        "-",
        ".",
        "e1",
        "1e",
        "1e+",
        "1e-",
        "--1",
        "+-1",
        " 1",
        "1 ",
        "1_0",
        "0x10",
        "1.2.3",
        "1e5.0",
        "infin",
        "in",
        "nana",
        "1,5",
        "١",
        "½",
    ] {
        assert_same(s);
    }
}

/// The decimal digits and power of ten of `(2m + 1) × 2^(e - 1)`, the exact point halfway
/// between the f64 `m × 2^e` and the next one up, by schoolbook decimal arithmetic.
fn halfway_digits(bits: u64) -> (Vec<u8>, i64) {
    let (biased, fraction) = ((bits >> 52) as i64, bits & ((1 << 52) - 1));
    let (m, e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    };
    let mut digits: Vec<u8> = (2 * m + 1).to_string().bytes().map(|b| b - b'0').collect();
    let mul = |digits: &mut Vec<u8>, by: u8| {
        let mut carry = 0;
        for d in digits.iter_mut().rev() {
            let v = *d * by + carry;
            *d = v % 10;
            carry = v / 10;
        }
        if carry > 0 {
            digits.insert(0, carry);
        }
    };
    // 2^-k = 5^k / 10^k.
    let k = e - 1;
    for _ in 0..k.unsigned_abs() {
        mul(&mut digits, if k < 0 { 5 } else { 2 });
    }
    (digits, k.min(0))
}

fn spell(digits: &[u8], exponent: i64, tail: &str) -> String {
    let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    format!("{text}{tail}e{}", exponent - tail.len() as i64)
}

/// Just below, at and just above the halfway point after `bits`: where rounding needs every digit.
fn assert_halfway_cases(bits: u64) {
    let (digits, exponent) = halfway_digits(bits);
    assert_same(&spell(&digits, exponent, ""));
    assert_same(&spell(&digits, exponent, "0000000000000000000001"));
    // Cut to 17-19 digits and one unit up: the closest short numbers, for the u128 path.
    for keep in 17..=19.min(digits.len()) {
        let cut = digits.len() - keep;
        assert_same(&spell(&digits[..keep], exponent + cut as i64, ""));
        let mut up = digits[..keep].to_vec();
        let mut i = keep;
        loop {
            i -= 1;
            if up[i] < 9 {
                up[i] += 1;
                break;
            }
            up[i] = 0;
        }
        assert_same(&spell(&up, exponent + cut as i64, ""));
    }
    // Past the 800 digits kept, the one that decides it.
    assert_same(&spell(&digits, exponent, &format!("{}1", "0".repeat(900))));
    let mut below = digits.clone();
    let mut i = below.len();
    loop {
        i -= 1;
        if below[i] > 0 {
            below[i] -= 1;
            break;
        }
        below[i] = 9;
    }
    assert_same(&spell(&below, exponent, "99999999999999999999"));
}

#[test]
fn halfway_points_round_to_even_and_by_every_digit() {
    for bits in [
        0,
        1,
        2,
        0x000F_FFFF_FFFF_FFFF,
        0x0010_0000_0000_0000,
        0x3FF0_0000_0000_0000,
        0x4340_0000_0000_0000,
        0x7FEF_FFFF_FFFF_FFFE,
        0x7FEF_FFFF_FFFF_FFFF,
    ] {
        assert_halfway_cases(bits);
    }
}

proptest! {
    #[test]
    fn every_f64_reads_back_as_std_reads_it(bits in any::<u64>(), precision in 0_usize..30) {
        let x = f64::from_bits(bits);
        for s in [x.to_string(), format!("{x:e}"), format!("{x:.precision$}"),
                  format!("{x:.precision$e}")] {
            assert_same(&s);
        }
    }

    #[test]
    fn subnormal_and_boundary_f64s_read_back(bits in prop_oneof![
        0_u64..1 << 53, 0x7FE0_0000_0000_0000_u64..0x7FF0_0000_0000_0000,
        0x3C00_0000_0000_0000_u64..0x4400_0000_0000_0000]) {
        let x = f64::from_bits(bits);
        assert_same(&x.to_string());
        assert_same(&format!("{x:e}"));
        assert_halfway_cases(bits);
    }

    #[test]
    fn halfway_points_between_1e_minus_19_and_1e19(
        bits in 0x3C07_0000_0000_0000_u64..0x43E1_C379_37E0_8000) {
        assert_halfway_cases(bits);
    }

    #[test]
    fn halfway_points_of_any_f64(bits in 0_u64..0x7FF0_0000_0000_0000) {
        assert_halfway_cases(bits);
    }

    #[test]
    fn digit_strings_read_as_std_reads_them(
        int in "[0-9]{0,30}", frac in proptest::option::of("[0-9]{0,30}"),
        exp in proptest::option::of(-400_i32..400), sign in "[+-]?") {
        let mut s = format!("{sign}{int}");
        if let Some(frac) = frac { s += &format!(".{frac}"); }
        if let Some(exp) = exp { s += &format!("e{exp}"); }
        assert_same(&s);
    }

    #[test]
    fn arbitrary_text_is_refused_or_read_as_std_reads_it(s in "[-+.eE0-9a-zA-Z ]{0,12}") {
        assert_same(&s);
    }
}
