//! A polled backend read: at most one request in flight, the last good answer kept with the
//! time it arrived, the latest error shown beside it rather than instead of it, and retries
//! with backoff ([`Backoff`]) while the backend fails, until it answers again. A page's poll
//! reports a failing backend, and its recovery, to the header's health badges ([`HealthReports`]).
//! All but the answer lives in the untyped [`PollState`], which a `Poll` dereferences to.

use crate::browser::now_secs;
use crate::core::backoff::Backoff;
use crate::core::error::ApiError;
use crate::settings_store::SettingsContext;
use crate::views::health_reports::HealthReports;
pub use crate::views::poll_state::{automatic, PollState};
use futures::FutureExt;
use leptos::prelude::*;
use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::ops::Deref;
use std::rc::Rc;

pub struct Poll<T: 'static> {
    state: PollState,
    /// The last successful answer (when it arrived is the state's `data_at`). Stored untyped,
    /// so the signal's code is compiled once for every answer type, not once per type.
    last_good: RwSignal<Option<Rc<dyn Any>>, LocalStorage>,
    answer: PhantomData<fn() -> T>,
}

impl<T: 'static> Clone for Poll<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: 'static> Copy for Poll<T> {}

impl<T: 'static> Deref for Poll<T> {
    type Target = PollState;
    fn deref(&self) -> &PollState {
        &self.state
    }
}

impl<T: 'static> From<Poll<T>> for PollState {
    fn from(poll: Poll<T>) -> PollState {
        poll.state
    }
}

impl<T: 'static> Poll<T> {
    /// `fetch` is called for every request; it should read its inputs untracked. Retries use
    /// the backoff of the settings in context (the defaults without one); failures and
    /// recoveries go to the [`HealthReports`] in context, if any.
    pub fn new<F, Fut>(fetch: F) -> Self
    where
        F: Fn() -> Fut + 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let backoff = use_context::<SettingsContext>()
            .map(|s| s.0.with_untracked(|s| s.backoff()))
            .unwrap_or_default();
        Self::build(backoff, use_context::<HealthReports>(), fetch)
    }

    /// As [`Poll::new`], retrying failures after `backoff`'s delays, and reporting nothing: the
    /// health badges' own checks use it (they read the reports, and would answer themselves).
    pub fn with_backoff<F, Fut>(backoff: Backoff, fetch: F) -> Self
    where
        F: Fn() -> Fut + 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        Self::build(backoff, None, fetch)
    }

    fn build<F, Fut>(backoff: Backoff, reports: Option<HealthReports>, fetch: F) -> Self
    where
        F: Fn() -> Fut + 'static,
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let last_good = RwSignal::new_local(None);
        // The only typed step: store a good answer, and hand the rest to the state.
        let request = Rc::new(move || {
            let answer = fetch();
            async move {
                let data: Rc<dyn Any> = Rc::new(answer.await?);
                last_good.try_set(Some(data));
                Ok(now_secs())
            }
            .boxed_local()
        });
        Poll {
            state: PollState::new(backoff, reports, request),
            last_good,
            answer: PhantomData,
        }
    }

    /// `f` of the last good answer, if any; tracked.
    pub fn with_answer<R>(&self, f: impl FnOnce(Option<&T>) -> R) -> R {
        self.last_good
            .with(|a| f(a.as_deref().and_then(<dyn Any>::downcast_ref)))
    }

    /// Whether an answer has arrived; tracked.
    pub fn answered(&self) -> bool {
        self.last_good.with(Option::is_some)
    }
}
