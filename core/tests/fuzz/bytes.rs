//! Byte-level edits of a serialized fixture (truncated, flipped, inserted, removed, spliced):
//! what a cut-off or corrupted answer looks like on the wire.

use super::json::TRICKY;
use proptest::prelude::*;
use proptest::sample::select;

/// A byte-level change; positions are taken modulo the length.
#[derive(Clone, Debug)]
pub enum ByteEdit {
    Truncate(usize),
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Remove(usize, usize),
    /// Copies `len` bytes from `from` to `to`.
    Splice {
        from: usize,
        len: usize,
        to: usize,
    },
}

/// Any byte edit, weighted towards the small ones; inserts favour JSON punctuation and tricky text.
pub fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    let at = any::<usize>();
    prop_oneof![
        2 => at.prop_map(ByteEdit::Truncate),
        3 => (at, 1..=255u8).prop_map(|(i, x)| ByteEdit::Flip(i, x)),
        2 => (at, prop_oneof![
                prop::collection::vec(any::<u8>(), 1..8),
                select(TRICKY).prop_map(|s| s.as_bytes().to_vec()),
                select(&["{", "}", "[", "]", ",", ":", "\"", "\\u", "\\ud800", "null", "-"][..])
                    .prop_map(|s| s.as_bytes().to_vec()),
            ]).prop_map(|(i, b)| ByteEdit::Insert(i, b)),
        2 => (at, 1..64usize).prop_map(|(i, n)| ByteEdit::Remove(i, n)),
        1 => (at, 1..256usize, at).prop_map(|(from, len, to)| ByteEdit::Splice { from, len, to }),
    ]
}

/// Applies one edit; any position works on any length, the empty body included.
pub fn apply_bytes(bytes: &mut Vec<u8>, edit: &ByteEdit) {
    let len = bytes.len();
    let at = |i: usize| if len == 0 { 0 } else { i % (len + 1) };
    match edit {
        ByteEdit::Truncate(i) => bytes.truncate(at(*i)),
        ByteEdit::Flip(i, x) => {
            if len > 0 {
                bytes[i % len] ^= x;
            }
        }
        ByteEdit::Insert(i, b) => {
            let i = at(*i);
            bytes.splice(i..i, b.iter().copied());
        }
        ByteEdit::Remove(i, n) => {
            let i = at(*i);
            bytes.drain(i..(i + n).min(len));
        }
        ByteEdit::Splice { from, len: n, to } => {
            let from = at(*from);
            let piece = bytes[from..(from + n).min(len)].to_vec();
            let to = at(*to);
            bytes.splice(to..to, piece);
        }
    }
}
