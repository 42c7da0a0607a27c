//! A polled backend read: at most one request in flight, the last good answer kept with the
//! time it arrived, the latest error shown beside it rather than instead of it, and retries
//! with backoff ([`Backoff`]) while the backend fails, until it answers again. A page's poll
//! reports a failing backend, and its recovery, to the header's health badges ([`HealthReports`]).

use crate::browser::now_secs;
use crate::core::backoff::{worth_retrying, Backoff, RetryState};
use crate::core::error::ApiError;
use crate::core::health;
use crate::settings_store::SettingsContext;
use crate::views::health_reports::HealthReports;
use crate::views::reactive::effect;
use leptos::prelude::*;
use leptos::reactive::actions::ActionAbortHandle;
use std::cell::Cell;
use std::future::Future;
use std::time::Duration;

thread_local! {
    static AUTOMATIC: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` as an automatic refresh (a timer's, not the user's): [`Poll::refresh`] inside it
/// leaves a failing backend to its backoff instead of asking it again at once. Refreshes the
/// user asks for (the Refresh button, closing a dialog) try again at once.
pub fn automatic<R>(f: impl FnOnce() -> R) -> R {
    let outer = AUTOMATIC.replace(true);
    let result = f();
    AUTOMATIC.set(outer);
    result
}

pub struct Poll<T: 'static> {
    action: Action<(), (Result<T, ApiError>, f64)>,
    /// Whether a request is in flight (one memo for the poll's life, not one per question).
    pending: Memo<bool>,
    /// The in-flight request's handle: kept so `restart` can cancel it (which drops the future
    /// and so aborts the fetch), and because dropping it would cancel the request too early.
    in_flight: StoredValue<Option<ActionAbortHandle>, LocalStorage>,
    /// The timer of the next retry after a failure, if one is scheduled.
    retry_timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    /// The last successful answer and when it arrived (seconds since the epoch).
    pub last_good: RwSignal<Option<(T, f64)>, LocalStorage>,
    /// The error of the latest attempt, cleared by the next success.
    pub error: RwSignal<Option<ApiError>>,
    /// Consecutive failed attempts; 0 after a success.
    pub failures: RwSignal<u32>,
    /// When the scheduled retry starts (seconds since the epoch), if one is scheduled.
    pub next_retry_at: RwSignal<Option<f64>>,
    /// When the request in flight started, if one is.
    pub started_at: RwSignal<Option<f64>>,
}

impl<T: 'static> Clone for Poll<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: 'static> Copy for Poll<T> {}

impl<T: Clone + 'static> Poll<T> {
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
        let started_at = RwSignal::new(None);
        let action = Action::new_local(move |_: &()| {
            let request = fetch();
            async move {
                let result = request.await;
                started_at.try_set(None);
                (result, now_secs())
            }
        });
        let poll = Poll {
            action,
            pending: action.pending(),
            in_flight: StoredValue::new_local(None),
            retry_timer: StoredValue::new_local(None),
            last_good: RwSignal::new_local(None),
            error: RwSignal::new(None),
            failures: RwSignal::new(0),
            next_retry_at: RwSignal::new(None),
            started_at,
        };
        let value = action.value();
        effect(move || {
            if let Some((result, at)) = value.get() {
                let report = match result {
                    Ok(data) => {
                        let report = poll
                            .error
                            .with_untracked(|previous| health::report(previous.as_ref(), Ok(())));
                        poll.cancel_retry();
                        poll.last_good.set(Some((data, at)));
                        poll.error.set(None);
                        poll.failures.set(0);
                        report
                    }
                    Err(e) => {
                        let report = health::report(None, Err(&e));
                        let failures = poll.failures.get_untracked().saturating_add(1);
                        poll.failures.set(failures);
                        if worth_retrying(&e) {
                            poll.schedule_retry(backoff.delay(failures));
                        } else {
                            poll.cancel_retry();
                        }
                        poll.error.set(Some(e));
                        report
                    }
                };
                if let (Some(reports), Some((backend, report))) = (reports, report) {
                    reports.send(backend, report);
                }
            }
        });
        on_cleanup(move || {
            if let Some(handle) = poll.in_flight.try_update_value(Option::take).flatten() {
                handle.abort();
            }
            if let Some(timer) = poll.retry_timer.try_update_value(Option::take).flatten() {
                timer.clear();
            }
        });
        poll
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
        if let Some(handle) = self.in_flight.try_update_value(Option::take).flatten() {
            handle.abort();
        }
        self.cancel_retry();
        self.start();
    }

    fn start(&self) {
        self.started_at.set(Some(now_secs()));
        let handle = self.action.dispatch_local(());
        self.in_flight.set_value(Some(handle));
    }

    fn retry_scheduled(&self) -> bool {
        self.retry_timer
            .try_with_value(Option::is_some)
            .unwrap_or(false)
    }

    /// Asks again after `delay`, unless a request is in flight by then (its answer decides).
    fn schedule_retry(&self, delay: Duration) {
        self.cancel_retry();
        let poll = *self;
        let fire = move || {
            poll.retry_timer.try_set_value(None);
            poll.next_retry_at.try_set(None);
            if poll.pending.try_get_untracked() == Some(false) {
                poll.start();
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

    pub fn loading(&self) -> bool {
        self.pending.get()
    }

    /// Failures, the next retry and whether an attempt runs now, for the error banner.
    pub fn retry_state(&self) -> Signal<RetryState> {
        let poll = *self;
        Signal::derive(move || RetryState {
            failures: poll.failures.get(),
            next_at: poll.next_retry_at.get(),
            in_flight: poll.pending.get(),
        })
    }
}
