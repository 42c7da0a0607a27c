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

use crate::browser::now_secs;
use crate::health_reports::HealthReports;
use crate::settings_store::SettingsContext;
use futures::future::{abortable, AbortHandle, LocalBoxFuture};
use futures::FutureExt;
use gatewatch_core::http::backoff::{worth_retrying, Backoff, RetryState};
use gatewatch_core::http::error::ApiError;
use gatewatch_core::http::health;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::time::Duration;

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

/// Everything of a read but its answer: the request in flight, errors, retries, and the reports
/// to the health badges. Banners and refresh controls take it whatever the answer's type.
#[derive(Clone, Copy)]
pub struct LoadStatus {
    /// Notified to ask again with the same inputs.
    ask: Trigger,
    backoff: Backoff,
    reports: Option<HealthReports>,
    /// The request in flight: aborting it drops its future, which aborts the fetch.
    in_flight: StoredValue<Option<AbortHandle>, LocalStorage>,
    /// The timer of the next retry after a failure, if one is scheduled.
    retry_timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    pending: RwSignal<bool>,
    /// When the last good answer arrived (seconds since the epoch).
    pub data_at: RwSignal<Option<f64>>,
    /// The error of the latest attempt, cleared by the next success.
    pub error: RwSignal<Option<ApiError>>,
    /// Consecutive failed attempts; 0 after a success.
    pub failures: RwSignal<u32>,
    /// When the scheduled retry starts (seconds since the epoch), if one is scheduled.
    pub next_retry_at: RwSignal<Option<f64>>,
    /// When the request in flight started, if one is.
    pub started_at: RwSignal<Option<f64>>,
}

impl LoadStatus {
    fn new(backoff: Backoff, reports: Option<HealthReports>) -> Self {
        let status = LoadStatus {
            ask: Trigger::new(),
            backoff,
            reports,
            in_flight: StoredValue::new_local(None),
            retry_timer: StoredValue::new_local(None),
            pending: RwSignal::new(false),
            data_at: RwSignal::new(None),
            error: RwSignal::new(None),
            failures: RwSignal::new(0),
            next_retry_at: RwSignal::new(None),
            started_at: RwSignal::new(None),
        };
        on_cleanup(move || {
            status.abort_in_flight();
            status.cancel_retry();
        });
        status
    }

    /// Asks again with the same inputs, if [`LoadStatus::may_refresh`].
    pub fn refresh(&self, cause: RefreshCause) {
        if self.may_refresh(cause) {
            self.cancel_retry();
            self.ask.notify();
        }
    }

    /// Not while a request is in flight (its answer is as new, and a slow backend never piles
    /// up requests); a [`RefreshCause::Timer`] also leaves a failed backend to its backoff.
    pub fn may_refresh(&self, cause: RefreshCause) -> bool {
        !(self.pending.get_untracked() || cause == RefreshCause::Timer && self.retry_scheduled())
    }

    /// Asks again at once, in place of the request in flight, whose answer would be out of
    /// date (e.g. it started before a delete).
    pub fn refetch(&self) {
        self.cancel_retry();
        self.ask.notify();
    }

    /// Whether a request is in flight (tracked).
    pub fn loading(&self) -> bool {
        self.pending.get()
    }

    /// Failures, the next retry and whether an attempt runs now, for the error banner.
    pub fn retry_state(&self) -> RetryState {
        RetryState {
            failures: self.failures.get(),
            next_at: self.next_retry_at.get(),
            in_flight: self.pending.get(),
        }
    }

    /// Starts `request` in place of the one in flight and of any scheduled retry.
    fn start(&self, request: LocalBoxFuture<'static, Result<(), ApiError>>) {
        self.abort_in_flight();
        self.cancel_retry();
        let (request, handle) = abortable(request);
        self.in_flight.set_value(Some(handle));
        self.started_at.set(Some(now_secs()));
        self.pending.set(true);
        let status = *self;
        spawn_local(async move {
            // An aborted request was replaced: its successor reports.
            if let Ok(outcome) = request.await {
                status.finish(outcome);
            }
        });
    }

    fn abort_in_flight(&self) {
        if let Some(handle) = self.in_flight.try_update_value(Option::take).flatten() {
            handle.abort();
        }
    }

    /// Takes in the outcome of the request in flight (a good answer is stored already).
    fn finish(&self, outcome: Result<(), ApiError>) {
        self.in_flight.try_set_value(None);
        self.started_at.try_set(None);
        self.pending.try_set(false);
        let Some(previous) = self.error.try_get_untracked() else {
            return; // disposed meanwhile
        };
        let report = health::report(previous.as_ref(), outcome.as_ref().map(|_| ()));
        match outcome {
            Ok(()) => {
                self.data_at.set(Some(now_secs()));
                self.error.set(None);
                self.failures.set(0);
            }
            Err(e) => {
                let failures = self.failures.get_untracked().saturating_add(1);
                self.failures.set(failures);
                if worth_retrying(&e) {
                    self.schedule_retry(self.backoff.delay(failures));
                }
                self.error.set(Some(e));
            }
        }
        if let (Some(reports), Some((backend, report))) = (self.reports, report) {
            reports.send(backend, report);
        }
    }

    fn retry_scheduled(&self) -> bool {
        self.retry_timer
            .try_with_value(Option::is_some)
            .unwrap_or(false)
    }

    /// Asks again after `delay`, unless a request is in flight by then (its answer decides).
    fn schedule_retry(&self, delay: Duration) {
        let status = *self;
        let fire = move || {
            status.retry_timer.try_set_value(None);
            status.next_retry_at.try_set(None);
            if status.pending.try_get_untracked() == Some(false) {
                status.ask.notify();
            }
        };
        if let Ok(timer) = set_timeout_with_handle(fire, delay) {
            self.retry_timer.set_value(Some(timer));
            self.next_retry_at
                .set(Some(now_secs() + delay.as_secs_f64()));
        }
    }

    fn cancel_retry(&self) {
        if let Some(timer) = self.retry_timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
        if self.next_retry_at.try_get_untracked().flatten().is_some() {
            self.next_retry_at.set(None);
        }
    }
}

impl<T: 'static> From<Load<T>> for LoadStatus {
    fn from(load: Load<T>) -> LoadStatus {
        load.status
    }
}
