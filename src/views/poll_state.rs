//! The untyped half of a [`Poll`](crate::views::poll::Poll): the request in flight, errors,
//! retries with backoff, and the reports to the health badges. Only the answer depends on the
//! poll's type, so all of this is compiled once, not once per answer type (bench/NOTES.md §1).

use crate::browser::now_secs;
use crate::core::backoff::{worth_retrying, Backoff, RetryState};
use crate::core::error::ApiError;
use crate::core::health;
use crate::views::derived::Derived;
use crate::views::health_reports::HealthReports;
use futures::future::{abortable, AbortHandle, LocalBoxFuture};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

thread_local! {
    static AUTOMATIC: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` as an automatic refresh (a timer's, not the user's): [`PollState::refresh`] inside
/// it leaves a failing backend to its backoff instead of asking it again at once. Refreshes the
/// user asks for (the Refresh button, closing a dialog) try again at once.
pub fn automatic<R>(f: impl FnOnce() -> R) -> R {
    let outer = AUTOMATIC.replace(true);
    let result = f();
    AUTOMATIC.set(outer);
    result
}

/// One request: its future stores a good answer and resolves to the time it arrived.
pub type Request = Rc<dyn Fn() -> LocalBoxFuture<'static, Result<f64, ApiError>>>;

#[derive(Clone, Copy)]
pub struct PollState {
    request: StoredValue<Request, LocalStorage>,
    backoff: Backoff,
    reports: Option<HealthReports>,
    /// Whether a request is in flight.
    pending: RwSignal<bool>,
    /// The in-flight request's abort handle: `restart` and the owner's cleanup drop its future,
    /// which aborts the fetch.
    in_flight: StoredValue<Option<AbortHandle>, LocalStorage>,
    /// The timer of the next retry after a failure, if one is scheduled.
    retry_timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
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

impl PollState {
    /// Failures are retried after `backoff`'s delays and, with `reports`, reported there.
    pub fn new(backoff: Backoff, reports: Option<HealthReports>, request: Request) -> Self {
        let state = PollState {
            request: StoredValue::new_local(request),
            backoff,
            reports,
            pending: RwSignal::new(false),
            in_flight: StoredValue::new_local(None),
            retry_timer: StoredValue::new_local(None),
            data_at: RwSignal::new(None),
            error: RwSignal::new(None),
            failures: RwSignal::new(0),
            next_retry_at: RwSignal::new(None),
            started_at: RwSignal::new(None),
        };
        on_cleanup(move || {
            state.abort_in_flight();
            state.cancel_retry();
        });
        state
    }

    /// For timers and user actions: starts a request unless one is already in flight, so a
    /// slow backend never piles up requests. While a failed backend waits for its retry, an
    /// [`automatic`] refresh does nothing; any other refresh retries at once.
    pub fn refresh(&self) {
        if self.pending.get_untracked() {
            return;
        }
        if AUTOMATIC.get() && self.retry_scheduled() {
            return;
        }
        self.cancel_retry();
        self.start();
    }

    /// For changed inputs: cancels the request in flight (its answer would be stale) and any
    /// scheduled retry, and starts a new request. The data on screen stays until it answers.
    pub fn restart(&self) {
        self.abort_in_flight();
        self.cancel_retry();
        self.start();
    }

    /// Whether a request is in flight (tracked).
    pub fn loading(&self) -> bool {
        self.pending.get()
    }

    /// Failures, the next retry and whether an attempt runs now, for the error banner.
    pub fn retry_state(&self) -> Derived<RetryState> {
        let state = *self;
        Derived::new(move || RetryState {
            failures: state.failures.get(),
            next_at: state.next_retry_at.get(),
            in_flight: state.pending.get(),
        })
    }

    fn start(&self) {
        let state = *self;
        let Some(request) = self.request.try_get_value() else {
            return;
        };
        self.started_at.set(Some(now_secs()));
        self.pending.set(true);
        // (untracked: what the request reads while it starts must not subscribe the caller)
        let (answer, handle) = abortable(untrack(|| request()));
        self.in_flight.set_value(Some(handle));
        spawn_local(async move {
            if let Ok(result) = answer.await {
                state.finish(result);
            }
        });
    }

    fn abort_in_flight(&self) {
        if let Some(handle) = self.in_flight.try_update_value(Option::take).flatten() {
            handle.abort();
        }
    }

    /// Takes in the outcome of the request in flight (its data is already stored).
    fn finish(&self, result: Result<f64, ApiError>) {
        self.in_flight.try_set_value(None);
        self.started_at.try_set(None);
        self.pending.try_set(false);
        let report = match result {
            Ok(at) => {
                let report = self
                    .error
                    .with_untracked(|previous| health::report(previous.as_ref(), Ok(())));
                self.cancel_retry();
                self.data_at.set(Some(at));
                self.error.set(None);
                self.failures.set(0);
                report
            }
            Err(e) => {
                let report = health::report(None, Err(&e));
                let failures = self.failures.get_untracked().saturating_add(1);
                self.failures.set(failures);
                if worth_retrying(&e) {
                    self.schedule_retry(self.backoff.delay(failures));
                } else {
                    self.cancel_retry();
                }
                self.error.set(Some(e));
                report
            }
        };
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
        self.cancel_retry();
        let state = *self;
        let fire = move || {
            state.retry_timer.try_set_value(None);
            state.next_retry_at.try_set(None);
            if state.pending.try_get_untracked() == Some(false) {
                state.start();
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
