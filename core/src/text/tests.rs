//! Unit tests of `crate::text`.

use super::*;

#[test]
fn an_empty_value_shows_as_empty() {
    assert_eq!(display_value(""), "(empty)");
    assert_eq!(display_value("u/admin/x"), "u/admin/x");
}

#[test]
fn ids_are_hex_stable_and_tell_texts_apart() {
    let id = stable_id("u/admin/x \"%ü");
    assert_eq!(id.len(), 16);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(id, stable_id("u/admin/x \"%ü"));
    assert_ne!(stable_id("a"), stable_id("b"));
    // FNV-1a's offset basis: the empty text.
    assert_eq!(stable_id(""), "cbf29ce484222325");
}
