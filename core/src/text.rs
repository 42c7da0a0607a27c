//! Text as the console shows it: label values that may be empty, and DOM-id-safe tokens of any
//! text (for `id`/`for` pairs of rows and fields named by a job or a grouping key).

#[cfg(test)]
mod tests;

/// Empty label values are real (and deletable); shown visibly instead of as nothing.
pub fn display_value(v: &str) -> String {
    if v.is_empty() {
        "(empty)".into()
    } else {
        v.to_string()
    }
}

/// A DOM-id-safe token for `s`: FNV-1a, 16 hex digits, the same on every page load.
pub fn stable_id(s: &str) -> String {
    let mut hash: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x100000001b3);
    }
    format!("{hash:016x}")
}
