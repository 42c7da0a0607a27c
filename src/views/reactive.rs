//! Non-generic doors into Leptos' effects: every call site shares one boxed closure type, so the
//! framework's effect machinery is compiled once instead of once per closure (≈2 KB of wasm
//! each; bench/NOTES.md, "Transfer size").

use leptos::prelude::*;

/// Runs `f` now and again whenever a signal it reads changes (Leptos' `Effect::new`).
pub fn effect(f: impl Fn() + 'static) {
    let f: Box<dyn Fn()> = Box::new(f);
    Effect::new(f);
}
