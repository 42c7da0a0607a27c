//! JSON text out (saved settings, bulk delete batches). Floats are written by Rust's own
//! shortest round-trip formatting, which the console links anyway, instead of serde_json's float
//! writer and its 10 KB table of powers of ten (bench/NOTES.md §1); they read back bit for bit.

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};
use std::io::{self, Write};

/// serde_json's compact output but for the float writer. (serde_json writes non-finite floats
/// as `null` before it gets here.)
struct RustFloats;

impl Formatter for RustFloats {
    fn write_f64<W: ?Sized + Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        writer.write_all(float_text(value).as_bytes())
    }

    fn write_f32<W: ?Sized + Write>(&mut self, writer: &mut W, value: f32) -> io::Result<()> {
        writer.write_all(float_text(value.into()).as_bytes())
    }
}

/// The shortest digits that read back as `value`, spelled as JavaScript does: plain decimals
/// from 1e-7 to 1e21, an exponent outside. Whole numbers keep a ".0", as serde_json writes them,
/// so they read back as floats (an integer "-0" would lose its sign).
fn float_text(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude != 0.0 && !(1e-7..1e21).contains(&magnitude) {
        return format!("{value:e}");
    }
    let text = value.to_string();
    if text.contains('.') {
        text
    } else {
        text + ".0"
    }
}

/// `value` as compact JSON; `None` only where serde_json would fail (e.g. a map with non-string
/// keys), which the console's types never have.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    let mut out = Vec::new();
    value
        .serialize(&mut Serializer::with_formatter(&mut out, RustFloats))
        .ok()?;
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn floats_read_back_bit_for_bit() {
        for x in [
            0.0,
            -0.0,
            1.5,
            1732512345.123456,
            0.1 + 0.2,
            1e21,
            1e300,
            -2.5e-308,
            9.999e-8,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
        ] {
            let text = to_json(&x).unwrap();
            assert!(
                serde_json::from_str::<Value>(&text).is_ok(),
                "not JSON: {text}"
            );
            assert_eq!(
                text.parse::<f64>().unwrap().to_bits(),
                x.to_bits(),
                "{text}"
            );
        }
        assert_eq!(to_json(&1732512345.5).unwrap(), "1732512345.5");
        assert_eq!(to_json(&-0.0).unwrap(), "-0.0");
        assert_eq!(to_json(&1e300).unwrap(), "1e300");
    }

    #[test]
    fn same_text_as_serde_json_apart_from_float_spelling() {
        let value = json!({"a": "q\"uote/%é", "b": [1, -2, true, null], "c": {"d": ""}});
        assert_eq!(to_json(&value).unwrap(), value.to_string());
        assert_eq!(to_json(&json!([2.0, f64::NAN])).unwrap(), "[2.0,null]");
    }
}
