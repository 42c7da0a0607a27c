//! A cleanup's steps, the same in the console and in the native command: gateway after gateway,
//! batches through a bulk endpoint where there is one, else a re-read of the list right before
//! each chunk of deletes with every group re-checked against it ([`recheck`]), then each delete
//! verified by re-reading the list until the group is gone (the gateway queues deletes and
//! answers 202 even for unknown groups). The HTTP, the clock and the pause between re-reads
//! belong to the caller ([`CleanupIo`]): the core sends nothing and reads no clock.

#[cfg(test)]
mod tests;

use crate::gateway::bulk_delete::BULK_BATCH;
use crate::gateway::cleanup::{
    all_failed, by_gateway, recheck, Outcome, Previewed, Recheck, DELETE_CONCURRENCY, RECHECK_CHUNK,
};
use crate::gateway::grouping_key::GroupKey;
use crate::gateway::model::{GatewayGroup, Labels};
use crate::gateway::series_index::label_positions;
use crate::http::error::ApiError;
use futures::stream::{self, StreamExt};

/// How often, and how far apart, the list is re-read until deleted groups are gone.
pub const VERIFY_ATTEMPTS: u32 = 15;
pub const VERIFY_PAUSE_MS: u32 = 200;

/// What a cleanup needs from its program: the gateway's calls, a pause, the time.
// Its users call it generically on one thread (the browser, a current-thread runtime): no
// `Send` bound on the futures, and no `dyn`.
#[allow(async_fn_in_trait)]
pub trait CleanupIo {
    async fn list_groups(&self, base: &str) -> Result<Vec<GatewayGroup>, ApiError>;
    /// Asks the gateway to delete the group with exactly this grouping key.
    async fn delete_group(&self, base: &str, key: &GroupKey) -> Result<(), ApiError>;
    /// One batch through a bulk endpoint that re-checks next to the gateway: one outcome per
    /// group, in order; `Ok(None)` where there is no such endpoint.
    async fn bulk_delete(
        &self,
        base: &str,
        batch: &[Previewed],
    ) -> Result<Option<Vec<Outcome>>, ApiError>;
    async fn pause(&self, ms: u32);
    /// Seconds since the epoch.
    fn now(&self) -> f64;
}

/// Deletes one group and waits until the gateway no longer lists it.
pub async fn delete_and_verify(io: &impl CleanupIo, base: &str, labels: &Labels) -> Outcome {
    if let Err(outcome) = send_delete(io, base, labels).await {
        return outcome;
    }
    match wait_until_gone(io, base, std::slice::from_ref(labels)).await {
        Ok(still_there) if still_there.is_empty() => Outcome::Deleted,
        Ok(_) => Outcome::StillThere,
        Err(e) => Outcome::Failed(format!("deleted, but the check failed: {e}")),
    }
}

/// A cleanup of groups on any number of gateways: one gateway after the other
/// ([`by_gateway`]), each through [`run_bulk`]. `progress(done, total)` counts them all.
pub async fn clean(
    io: &impl CleanupIo,
    chosen: Vec<Previewed>,
    progress: impl Fn(usize, usize),
) -> Vec<(Labels, Outcome)> {
    let total = chosen.len();
    let mut outcomes = Vec::with_capacity(total);
    for (gateway, batch) in by_gateway(chosen) {
        let before = outcomes.len();
        let done = run_bulk(io, &gateway, batch, |d, _| progress(before + d, total)).await;
        outcomes.extend(done);
    }
    outcomes
}

/// The cleanup on one gateway, in batches: each batch goes to the bulk endpoint (one request;
/// it re-checks and deletes next to the gateway). Where there is none, each chunk is re-checked
/// against a fresh read of the list and deleted group by group. Then every delete is verified.
/// `progress(done, total)` is called as groups are settled.
pub async fn run_bulk(
    io: &impl CleanupIo,
    base: &str,
    previewed: Vec<Previewed>,
    progress: impl Fn(usize, usize),
) -> Vec<(Labels, Outcome)> {
    let total = previewed.len();
    let mut outcomes: Vec<(Labels, Outcome)> = Vec::with_capacity(total);
    let mut bulk_endpoint = true;
    for batch in previewed.chunks(BULK_BATCH) {
        if bulk_endpoint {
            match io.bulk_delete(base, batch).await {
                Ok(Some(done)) => {
                    outcomes.extend(batch.iter().map(|p| p.labels.clone()).zip(done));
                    progress(outcomes.len(), total);
                    continue;
                }
                Ok(None) => bulk_endpoint = false,
                Err(e) => {
                    let why = format!(
                        "the bulk delete failed ({e}); list the groups to see what is left"
                    );
                    outcomes.extend(all_failed(batch, &why));
                    progress(outcomes.len(), total);
                    continue;
                }
            }
        }
        for chunk in batch.chunks(RECHECK_CHUNK) {
            delete_one_by_one(io, base, chunk, &mut outcomes).await;
            progress(outcomes.len(), total);
        }
    }
    verify_deleted(io, base, &mut outcomes).await;
    outcomes
}

async fn send_delete(io: &impl CleanupIo, base: &str, labels: &Labels) -> Result<(), Outcome> {
    let key = GroupKey::from_labels(labels).map_err(|e| Outcome::Failed(e.to_string()))?;
    io.delete_group(base, &key)
        .await
        .map_err(|e| Outcome::Failed(e.to_string()))
}

/// Re-reads the list until none of `labels` is listed; returns those still there at the end.
async fn wait_until_gone(
    io: &impl CleanupIo,
    base: &str,
    labels: &[Labels],
) -> Result<Vec<Labels>, String> {
    let mut remaining: Vec<Labels> = labels.to_vec();
    for attempt in 0..VERIFY_ATTEMPTS {
        if attempt > 0 {
            io.pause(VERIFY_PAUSE_MS).await;
        }
        let groups = io.list_groups(base).await.map_err(|e| e.to_string())?;
        let listed = label_positions(groups.iter().map(|g| &g.labels));
        remaining.retain(|l| listed.contains_key(l));
        if remaining.is_empty() {
            break;
        }
    }
    Ok(remaining)
}

/// Without the bulk endpoint: re-read the list, re-check every group of `chunk` against it and
/// delete those still stale and untouched, `DELETE_CONCURRENCY` requests at a time.
async fn delete_one_by_one(
    io: &impl CleanupIo,
    base: &str,
    chunk: &[Previewed],
    outcomes: &mut Vec<(Labels, Outcome)>,
) {
    let current = match io.list_groups(base).await {
        Ok(groups) => groups,
        Err(e) => {
            let why = format!("could not re-check before deleting: {e}");
            outcomes.extend(all_failed(chunk, &why));
            return;
        }
    };
    let listed = label_positions(current.iter().map(|g| &g.labels));
    let now = io.now();
    let mut to_delete = Vec::new();
    for p in chunk {
        let group = listed
            .get(&p.labels)
            .and_then(|at| at.last())
            .map(|&i| &current[i]);
        match recheck(p, group, now) {
            Recheck::Delete => to_delete.push(p.labels.clone()),
            kept => outcomes.push((p.labels.clone(), Outcome::Kept(kept))),
        }
    }
    // DELETE_CONCURRENCY in flight, a new one as each finishes; outcomes in preview order.
    let mut deletes = stream::iter(to_delete)
        .map(|labels| async move {
            let outcome = send_delete(io, base, &labels).await.err();
            (labels, outcome.unwrap_or(Outcome::Deleted))
        })
        .buffered(DELETE_CONCURRENCY);
    while let Some(settled) = deletes.next().await {
        outcomes.push(settled);
    }
}

/// Turns "Deleted" into "StillThere" for any group the gateway still lists after the wait.
async fn verify_deleted(io: &impl CleanupIo, base: &str, outcomes: &mut [(Labels, Outcome)]) {
    let deleted: Vec<Labels> = outcomes
        .iter()
        .filter(|(_, o)| *o == Outcome::Deleted)
        .map(|(l, _)| l.clone())
        .collect();
    if deleted.is_empty() {
        return;
    }
    match wait_until_gone(io, base, &deleted).await {
        Ok(still_there) => {
            let still = label_positions(&still_there);
            for (labels, outcome) in outcomes.iter_mut() {
                if *outcome == Outcome::Deleted && still.contains_key(labels) {
                    *outcome = Outcome::StillThere;
                }
            }
        }
        Err(e) => {
            for (_, outcome) in outcomes.iter_mut() {
                if *outcome == Outcome::Deleted {
                    *outcome = Outcome::Failed(format!("delete sent, but the check failed: {e}"));
                }
            }
        }
    }
}
