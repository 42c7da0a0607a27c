//! Non-generic doors into Leptos' effects: every call site shares one boxed closure type, so the
//! framework's effect machinery is compiled once instead of once per closure (≈2 KB of wasm
//! each; bench/NOTES.md, "Transfer size").

use leptos::prelude::*;

/// Runs `f` now and again whenever a signal it reads changes (Leptos' `Effect::new`).
pub fn effect(f: impl Fn() + 'static) {
    let f: Box<dyn Fn()> = Box::new(f);
    Effect::new(f);
}

/// An optional view as one type. A reactive child returning `Option<V>` compiles Leptos' render
/// effect, and the `Either` state of an option, for its own `V` (≈1 KB of wasm each); as an
/// `AnyView` it shares them with every other such child (bench/NOTES.md §1).
pub trait Shown {
    fn shown(self) -> AnyView;
}

impl<V: IntoAny> Shown for Option<V> {
    fn shown(self) -> AnyView {
        match self {
            Some(view) => view.into_any(),
            None => ().into_any(),
        }
    }
}
