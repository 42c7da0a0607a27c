//! `Derived<T>`: a read-only value for a component's props, read through a closure over
//! signals, so that reading it where Leptos tracks (a view, an effect, a memo) tracks them.
//!
//! Leptos' `Signal<T>` does this too, but every `T` compiles its dispatch over the five kinds of
//! source it may hold, ≈1 KB of wasm per type for the ≈13 types the props use (bench/NOTES.md
//! §1). Here each `T` costs one stored closure. A signal or memo is lent without a copy, and a
//! computed value is handed over as computed.

use leptos::prelude::*;
use std::any::Any;
use std::marker::PhantomData;
use std::rc::Rc;

/// Calls its argument once with the current value.
type Lend<T> = Box<dyn Fn(&mut dyn FnMut(&T))>;

/// Where the value comes from.
enum Source<T> {
    /// Computed at every read: `get` hands over the computed value without copying it.
    Compute(Box<dyn Fn() -> T>),
    /// Lent by a signal or memo: calls its argument once with the current value.
    Lend(Lend<T>),
}

/// The `Source<T>` is stored untyped, so the store's code is compiled once for every `T`.
pub struct Derived<T: 'static>(
    StoredValue<Rc<dyn Any>, LocalStorage>,
    PhantomData<fn() -> T>,
);

impl<T: 'static> Clone for Derived<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: 'static> Copy for Derived<T> {}

impl<T: 'static> Derived<T> {
    /// The value `compute` returns, computed again at every read.
    pub fn new(compute: impl Fn() -> T + 'static) -> Self {
        Self::stored(Source::Compute(Box::new(compute)))
    }

    fn lent(lend: impl Fn(&mut dyn FnMut(&T)) + 'static) -> Self {
        Self::stored(Source::Lend(Box::new(lend)))
    }

    fn stored(source: Source<T>) -> Self {
        let stored: Rc<dyn Any> = Rc::new(source);
        Derived(StoredValue::new_local(stored), PhantomData)
    }

    /// `f` of the current value.
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        // Taken out of the store first: reading the value may run code that reads this prop.
        let stored = self.0.get_value();
        match source(&stored) {
            Source::Compute(compute) => f(&compute()),
            Source::Lend(lend) => {
                let mut f = Some(f);
                let mut out = None;
                lend(&mut |value| out = f.take().map(|f| f(value)));
                out.expect("a Derived source lends its value once")
            }
        }
    }

    pub fn get(&self) -> T
    where
        T: Clone,
    {
        let stored = self.0.get_value();
        match source::<T>(&stored) {
            Source::Compute(compute) => compute(),
            Source::Lend(_) => self.with(T::clone),
        }
    }
}

fn source<T: 'static>(stored: &Rc<dyn Any>) -> &Source<T> {
    stored
        .downcast_ref::<Source<T>>()
        .expect("a Derived<T> stores a Source<T>")
}

impl<T: Clone + 'static> Derived<T> {
    /// The current value, without tracking what it reads.
    pub fn get_untracked(&self) -> T {
        untrack(|| self.get())
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        untrack(|| self.with(f))
    }
}

impl<T: Default + 'static> Default for Derived<T> {
    fn default() -> Self {
        Derived::new(T::default)
    }
}

impl<T: Send + Sync + 'static> From<RwSignal<T>> for Derived<T> {
    fn from(signal: RwSignal<T>) -> Self {
        Derived::lent(move |visit| signal.with(|value| visit(value)))
    }
}

impl<T: Send + Sync + 'static> From<ReadSignal<T>> for Derived<T> {
    fn from(signal: ReadSignal<T>) -> Self {
        Derived::lent(move |visit| signal.with(|value| visit(value)))
    }
}

impl<T: Send + Sync + 'static> From<Memo<T>> for Derived<T> {
    fn from(memo: Memo<T>) -> Self {
        Derived::lent(move |visit| memo.with(|value| visit(value)))
    }
}

/// For callers holding a Leptos signal of any kind (the component tests do).
impl<T: Send + Sync + 'static> From<Signal<T>> for Derived<T> {
    fn from(signal: Signal<T>) -> Self {
        Derived::lent(move |visit| signal.with(|value| visit(value)))
    }
}
