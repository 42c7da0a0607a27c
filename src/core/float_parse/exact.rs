//! The exact conversion: `digits × 10^exponent` as a ratio of big integers, divided out to an f64's
//! 53 bits plus a rounding bit and a sticky bit, then rounded half to even.

use super::pow2;
use std::cmp::Ordering;

/// `digits × 10^exponent` (plus a little more when `truncated`), correctly rounded. The caller
/// keeps the value within about 1e-324..1e310, which bounds the integers here to ~4,000 bits.
pub(super) fn to_f64(digits: &[u8], exponent: i64, truncated: bool) -> f64 {
    let mut num = Big::from_digits(digits);
    let mut den = Big::from_digits(&[1]);
    let power = u32::try_from(exponent.unsigned_abs()).unwrap_or(u32::MAX);
    if exponent >= 0 {
        num.mul_pow10(power);
    } else {
        den.mul_pow10(power);
    }
    // e = floor(log2(num / den)): the bit lengths give it or one more.
    let mut e = num.bit_len() - den.bit_len();
    if scaled_cmp(&num, &den, e) == Ordering::Less {
        e -= 1;
    }
    if e > 1023 {
        return f64::INFINITY;
    }
    // The exponent of the last mantissa bit: 52 below the top one, never below subnormals'.
    let ulp = e.max(-1022) - 52;
    // q = floor(num / den × 2^(1 - ulp)): the mantissa and one bit below it, < 2^54.
    let shift = 1 - ulp;
    if shift >= 0 {
        num.shl(shift as u32);
    } else {
        den.shl(shift.unsigned_abs() as u32);
    }
    let (q, exact) = small_quotient(num, den, 54);
    let mut mantissa = q >> 1;
    let half = q & 1 == 1;
    if half && (!exact || truncated || mantissa & 1 == 1) {
        mantissa += 1;
    }
    // Exact: the product is the rounded value itself (or overflows to infinity as it should).
    mantissa as f64 * pow2(ulp as i32)
}

/// `num` against `den × 2^e` (e may be negative).
fn scaled_cmp(num: &Big, den: &Big, e: i64) -> Ordering {
    let (mut a, mut b) = (num.clone(), den.clone());
    if e >= 0 {
        b.shl(e as u32);
    } else {
        a.shl(e.unsigned_abs() as u32);
    }
    a.cmp(&b)
}

/// `(num / den, whether it divides)` for a quotient known to be below 2^bits, by shift and
/// subtract: a few dozen steps, only for the numbers the fast paths cannot take.
fn small_quotient(mut num: Big, den: Big, bits: u32) -> (u64, bool) {
    let mut step = den;
    step.shl(bits - 1);
    let mut q = 0_u64;
    for bit in (0..bits).rev() {
        if num.cmp(&step) != Ordering::Less {
            num.sub(&step);
            q |= 1 << bit;
        }
        step.shr1();
    }
    (q, num.0.is_empty())
}

/// A non-negative integer in 32-bit limbs, least significant first, without high zero limbs
/// (so zero is empty and comparing lengths compares magnitudes).
#[derive(Clone, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn from_digits(digits: &[u8]) -> Big {
        let mut big = Big(Vec::new());
        for chunk in digits.chunks(9) {
            let value = chunk.iter().fold(0, |v, &d| v * 10 + u32::from(d));
            big.mul_add(10_u32.pow(chunk.len() as u32), value);
        }
        big
    }

    /// self = self × m + a
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut n: u32) {
        while n > 0 {
            let step = n.min(9);
            self.mul_add(10_u32.pow(step), 0);
            n -= step;
        }
    }

    fn shl(&mut self, bits: u32) {
        if self.0.is_empty() {
            return;
        }
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits != 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let v = (*limb << bits) | carry;
                carry = *limb >> (32 - bits);
                *limb = v;
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    fn shr1(&mut self) {
        let mut carry = 0;
        for limb in self.0.iter_mut().rev() {
            let v = (*limb >> 1) | carry;
            carry = *limb << 31;
            *limb = v;
        }
        self.trim();
    }

    /// self -= other, for other <= self.
    fn sub(&mut self, other: &Big) {
        let mut borrow = false;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let (v, b1) = limb.overflowing_sub(other.0.get(i).copied().unwrap_or(0));
            let (v, b2) = v.overflowing_sub(u32::from(borrow));
            *limb = v;
            borrow = b1 || b2;
        }
        self.trim();
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn bit_len(&self) -> i64 {
        self.0.last().map_or(0, |top| {
            self.0.len() as i64 * 32 - i64::from(top.leading_zeros())
        })
    }

    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}
