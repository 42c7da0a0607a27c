//! The console's side of a cleanup: the browser's HTTP calls, clock and timer for the core's
//! cleanup steps (`gatewatch_core::gateway::cleanup_flow`), which the native command runs too.
//! Bulk cleanups go through the console's bulk endpoint when it has one (core::bulk_delete).

use super::gateway::{bulk_delete, delete_group, list_groups};
use crate::browser::{now_secs, sleep};
use gatewatch_core::gateway::cleanup::{Outcome, Previewed};
use gatewatch_core::gateway::cleanup_flow::{self, CleanupIo};
use gatewatch_core::gateway::grouping_key::GroupKey;
use gatewatch_core::gateway::model::{GatewayGroup, Labels};
use gatewatch_core::http::error::ApiError;

struct Browser;

impl CleanupIo for Browser {
    async fn list_groups(&self, base: &str) -> Result<Vec<GatewayGroup>, ApiError> {
        list_groups(base).await
    }

    async fn delete_group(&self, base: &str, key: &GroupKey) -> Result<(), ApiError> {
        delete_group(base, key).await
    }

    async fn bulk_delete(
        &self,
        base: &str,
        batch: &[Previewed],
    ) -> Result<Option<Vec<Outcome>>, ApiError> {
        bulk_delete(base, batch).await
    }

    async fn pause(&self, ms: u32) {
        sleep(ms).await
    }

    fn now(&self) -> f64 {
        now_secs()
    }
}

/// Deletes one group and waits until the gateway no longer lists it.
pub async fn delete_and_verify(base: &str, labels: &Labels) -> Outcome {
    cleanup_flow::delete_and_verify(&Browser, base, labels).await
}

/// A cleanup of groups on any number of gateways; `progress(done, total)` counts them all.
pub async fn clean(
    chosen: Vec<Previewed>,
    progress: impl Fn(usize, usize),
) -> Vec<(Labels, Outcome)> {
    cleanup_flow::clean(&Browser, chosen, progress).await
}
