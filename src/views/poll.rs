//! A polled backend read: at most one request in flight, the last good answer kept with the
//! time it arrived, and the latest error shown beside it rather than instead of it.

use crate::browser::now_secs;
use crate::core::error::ApiError;
use leptos::prelude::*;
use std::future::Future;

pub struct Poll<T: 'static> {
    action: Action<(), (Result<T, ApiError>, f64)>,
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
    /// `fetch` is called for every refresh; it should read its inputs (base URL, query) untracked.
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
        Poll {
            action,
            last_good,
            error,
        }
    }

    /// Starts a request unless one is already in flight (a slow backend never piles up).
    pub fn refresh(&self) {
        if !self.action.pending().get_untracked() {
            self.action.dispatch_local(());
        }
    }

    pub fn loading(&self) -> bool {
        self.action.pending().get()
    }
}
