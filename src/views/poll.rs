//! A polled backend read: at most one request in flight, the last good answer kept with the
//! time it arrived, and the latest error shown beside it rather than instead of it.

use crate::browser::now_secs;
use crate::core::error::ApiError;
use leptos::prelude::*;
use leptos::reactive::actions::ActionAbortHandle;
use std::future::Future;

pub struct Poll<T: 'static> {
    action: Action<(), (Result<T, ApiError>, f64)>,
    /// The in-flight request's handle: kept so `restart` can cancel it (which drops the future
    /// and so aborts the fetch), and because dropping it would cancel the request too early.
    in_flight: StoredValue<Option<ActionAbortHandle>, LocalStorage>,
    /// The last successful answer and when it arrived (seconds since the epoch).
    pub last_good: RwSignal<Option<(T, f64)>, LocalStorage>,
    /// The error of the latest attempt, cleared by the next success.
    pub error: RwSignal<Option<ApiError>>,
}

impl<T: 'static> Clone for Poll<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: 'static> Copy for Poll<T> {}

impl<T: Clone + 'static> Poll<T> {
    /// `fetch` is called for every request; it should read its inputs untracked.
    pub fn new<F, Fut>(fetch: F) -> Self
    where
        F: Fn() -> Fut + 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let action = Action::new_local(move |_: &()| {
            let request = fetch();
            async move { (request.await, now_secs()) }
        });
        let last_good = RwSignal::new_local(None);
        let error = RwSignal::new(None);
        Effect::new(move || {
            if let Some((result, at)) = action.value().get() {
                match result {
                    Ok(data) => {
                        last_good.set(Some((data, at)));
                        error.set(None);
                    }
                    Err(e) => error.set(Some(e)),
                }
            }
        });
        let in_flight = StoredValue::new_local(None::<ActionAbortHandle>);
        on_cleanup(move || {
            if let Some(handle) = in_flight.try_update_value(Option::take).flatten() {
                handle.abort();
            }
        });
        Poll {
            action,
            in_flight,
            last_good,
            error,
        }
    }

    /// For timers: starts a request unless one is already in flight, so a slow backend never
    /// piles up requests.
    pub fn refresh(&self) {
        if !self.action.pending().get_untracked() {
            self.start();
        }
    }

    /// For changed inputs: cancels the request in flight (its answer would be stale) and starts
    /// a new one. The data on screen stays until the new answer arrives.
    pub fn restart(&self) {
        if let Some(handle) = self.in_flight.try_update_value(Option::take).flatten() {
            handle.abort();
        }
        self.start();
    }

    fn start(&self) {
        let handle = self.action.dispatch_local(());
        self.in_flight.set_value(Some(handle));
    }

    pub fn loading(&self) -> bool {
        self.action.pending().get()
    }
}
