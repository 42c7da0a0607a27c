//! [`Load`]: a backend read whose inputs are what its fetcher reads, as with Leptos'
//! `LocalResource`. A change of any of them asks again at once; the last good answer stays on
//! screen, with the time it arrived, while a new one loads; a failure is shown beside it and
//! retried with backoff ([`Backoff`]) until the backend answers again, and reported to the
//! header's health badges ([`HealthReports`]).
//!
//! Why not `LocalResource` itself: its `AsyncDerived` awaits the running future before it
//! calls the fetcher again, so an input change while a backend hangs (a frozen gateway) would
//! wait as long as the hung request. Here an input change aborts the request in flight (futures'
//! `abortable`, which drops it and so aborts the fetch) and starts the new one. The rest is
//! Leptos' own: an `Effect` tracks what the fetcher reads, a `Trigger` asks again.

mod status;

pub use status::LoadStatus;

use crate::health_reports::HealthReports;
use crate::settings_store::SettingsContext;
use futures::FutureExt;
use gatewatch_core::http::backoff::Backoff;
use gatewatch_core::http::error::ApiError;
use leptos::prelude::*;
use std::future::Future;

/// Who asks for a refresh: a timer leaves a failing backend to its backoff; the user's Refresh
/// button asks again at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefreshCause {
    Timer,
    User,
}

/// A read's last good answer and its [`LoadStatus`].
pub struct Load<T: 'static> {
    data: RwSignal<Option<T>, LocalStorage>,
    pub status: LoadStatus,
}

impl<T: 'static> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: 'static> Copy for Load<T> {}

impl<T: 'static> Load<T> {
    /// Calls `fetcher` now and whenever a signal it reads (before its future starts) changes.
    /// Retries use the backoff of the settings in context (the defaults without one); failures
    /// and recoveries go to the [`HealthReports`] in context, if any.
    pub fn new<Fut>(fetcher: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let backoff = use_context::<SettingsContext>()
            .map(|s| s.settings.with_untracked(|s| s.backoff()))
            .unwrap_or_default();
        Self::with_backoff(backoff, use_context::<HealthReports>(), fetcher)
    }

    /// As [`Load::new`], with its own `backoff` and `reports` (the health badges' checks report
    /// nothing: they read the reports).
    pub fn with_backoff<Fut>(
        backoff: Backoff,
        reports: Option<HealthReports>,
        fetcher: impl Fn() -> Fut + 'static,
    ) -> Self
    where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let data = RwSignal::new_local(None);
        let status = LoadStatus::new(backoff, reports);
        Effect::new(move |_| {
            status.ask.track();
            let answer = fetcher();
            untrack(|| {
                status.start(
                    async move {
                        let value = answer.await?;
                        data.try_set(Some(value));
                        Ok(())
                    }
                    .boxed_local(),
                )
            });
        });
        Load { data, status }
    }

    /// `f` of the last good answer, if any (tracked).
    pub fn with<R>(&self, f: impl FnOnce(Option<&T>) -> R) -> R {
        self.data.with(|d| f(d.as_ref()))
    }

    /// The last good answer, if any (tracked).
    pub fn get(&self) -> Option<T>
    where
        T: Clone,
    {
        self.data.get()
    }

    /// Whether an answer has arrived (tracked).
    pub fn answered(&self) -> bool {
        self.data.with(Option::is_some)
    }

    pub fn refresh(&self, cause: RefreshCause) {
        self.status.refresh(cause);
    }

    pub fn refetch(&self) {
        self.status.refetch();
    }
}

impl<T: 'static> From<Load<T>> for LoadStatus {
    fn from(load: Load<T>) -> LoadStatus {
        load.status
    }
}
