//! [`LoadStatus`]: everything of a [`Load`](super::Load) but its answer, kept apart so that
//! banners and refresh controls take any read whatever its type: the request in flight, its
//! abort, errors, retries with backoff, and the reports to the header's health badges.

use super::RefreshCause;
use crate::browser::now_secs;
use crate::health_reports::HealthReports;
use futures::future::{abortable, AbortHandle, LocalBoxFuture};
use gatewatch_core::http::backoff::{worth_retrying, Backoff, RetryState};
use gatewatch_core::http::error::ApiError;
use gatewatch_core::http::health;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// Everything of a read but its answer: the request in flight, errors, retries, and the reports
/// to the health badges. Banners and refresh controls take it whatever the answer's type.
#[derive(Clone, Copy)]
pub struct LoadStatus {
    /// Notified to ask again with the same inputs.
    pub(super) ask: Trigger,
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
    pub(super) fn new(backoff: Backoff, reports: Option<HealthReports>) -> Self {
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
    pub(super) fn start(&self, request: LocalBoxFuture<'static, Result<(), ApiError>>) {
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
