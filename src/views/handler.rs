//! `Handler<T>`: what a component calls back with a `T` (a row to delete, a chosen range), for
//! its props. Leptos' `Callback<T>` compiles its store and call code for every `T`; here the
//! closure is stored untyped, as `Derived` stores its own (bench/NOTES.md §1).

use leptos::prelude::*;
use std::any::Any;
use std::marker::PhantomData;
use std::rc::Rc;

type Call<T> = Rc<dyn Fn(T)>;

pub struct Handler<T: 'static>(StoredValue<Rc<dyn Any>, LocalStorage>, PhantomData<fn(T)>);

impl<T: 'static> Clone for Handler<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: 'static> Copy for Handler<T> {}

impl<T: 'static> Handler<T> {
    pub fn new(call: impl Fn(T) + 'static) -> Self {
        let call: Call<T> = Rc::new(call);
        let stored: Rc<dyn Any> = Rc::new(call);
        Handler(StoredValue::new_local(stored), PhantomData)
    }

    /// Calls the handler with `value`.
    pub fn run(&self, value: T) {
        // Taken out first: the handler may change what owns this prop.
        let stored = self.0.get_value();
        if let Some(call) = stored.downcast_ref::<Call<T>>() {
            call(value);
        }
    }
}

impl<T: 'static, F: Fn(T) + 'static> From<F> for Handler<T> {
    fn from(call: F) -> Self {
        Handler::new(call)
    }
}
