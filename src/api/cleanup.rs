//! Deletes groups and proves the outcome: the gateway queues deletes (202, even for unknown
//! groups), so every delete is followed by re-reading the list until the group is gone.
//! Bulk cleanups go through the console's bulk endpoint when it has one (core::bulk_delete).

use super::gateway::{bulk_delete, delete_group, list_groups};
use crate::browser::{now_secs, sleep};
use futures::stream::{self, StreamExt};
use gatewatch_core::gateway::bulk_delete::BULK_BATCH;
use gatewatch_core::gateway::cleanup::{
    all_failed, by_gateway, recheck, Outcome, Previewed, Recheck, DELETE_CONCURRENCY, RECHECK_CHUNK,
};
use gatewatch_core::gateway::grouping_key::GroupKey;
use gatewatch_core::gateway::model::Labels;
use gatewatch_core::gateway::series_index::label_positions;

/// How long to wait for queued deletes to show in the list.
const VERIFY_ATTEMPTS: u32 = 15;
const VERIFY_PAUSE_MS: u32 = 200;

/// Deletes one group and waits until the gateway no longer lists it.
pub async fn delete_and_verify(base: &str, labels: &Labels) -> Outcome {
    if let Err(outcome) = send_delete(base, labels).await {
        return outcome;
    }
    let gone = wait_until_gone(base, std::slice::from_ref(labels)).await;
    match gone {
        Ok(still_there) if still_there.is_empty() => Outcome::Deleted,
        Ok(_) => Outcome::StillThere,
        Err(e) => Outcome::Failed(format!("deleted, but the check failed: {e}")),
    }
}

async fn send_delete(base: &str, labels: &Labels) -> Result<(), Outcome> {
    let key = GroupKey::from_labels(labels).map_err(|e| Outcome::Failed(e.to_string()))?;
    delete_group(base, &key)
        .await
        .map_err(|e| Outcome::Failed(e.to_string()))
}

/// Re-reads the list until none of `labels` is listed; returns those still there at the end.
async fn wait_until_gone(base: &str, labels: &[Labels]) -> Result<Vec<Labels>, String> {
    let mut remaining: Vec<Labels> = labels.to_vec();
    for attempt in 0..VERIFY_ATTEMPTS {
        if attempt > 0 {
            sleep(VERIFY_PAUSE_MS).await;
        }
        let groups = list_groups(base).await.map_err(|e| e.to_string())?;
        let listed = label_positions(groups.iter().map(|g| &g.labels));
        remaining.retain(|l| listed.contains_key(l));
        if remaining.is_empty() {
            break;
        }
    }
    Ok(remaining)
}

/// A cleanup of groups on any number of gateways: one gateway after the other
/// (`cleanup::by_gateway`), each through [`run_bulk`]. `progress(done, total)` counts them all.
pub async fn clean(
    chosen: Vec<Previewed>,
    progress: impl Fn(usize, usize),
) -> Vec<(Labels, Outcome)> {
    let total = chosen.len();
    let mut outcomes = Vec::with_capacity(total);
    for (gateway, batch) in by_gateway(chosen) {
        let before = outcomes.len();
        let done = run_bulk(&gateway, batch, |d, _| progress(before + d, total)).await;
        outcomes.extend(done);
    }
    outcomes
}

/// Bulk cleanup on one gateway, in batches: each batch goes to the console's bulk endpoint (one request; nginx
/// re-checks and deletes next to the gateway). Where there is none, each group is re-checked
/// here and deleted with its own request. Then every delete is verified by re-reading the list.
/// `progress(done, total)` is called as groups are settled.
pub async fn run_bulk(
    base: &str,
    previewed: Vec<Previewed>,
    progress: impl Fn(usize, usize),
) -> Vec<(Labels, Outcome)> {
    let total = previewed.len();
    let mut outcomes: Vec<(Labels, Outcome)> = Vec::with_capacity(total);
    let mut bulk_endpoint = true;
    for batch in previewed.chunks(BULK_BATCH) {
        if bulk_endpoint {
            match bulk_delete(base, batch).await {
                Ok(Some(done)) => {
                    outcomes.extend(batch.iter().map(|p| p.labels.clone()).zip(done));
                    progress(outcomes.len(), total);
                    continue;
                }
                Ok(None) => bulk_endpoint = false,
                Err(e) => {
                    let why = format!("the bulk delete failed ({e}); reload to see what is left");
                    outcomes.extend(all_failed(batch, &why));
                    progress(outcomes.len(), total);
                    continue;
                }
            }
        }
        for chunk in batch.chunks(RECHECK_CHUNK) {
            delete_one_by_one(base, chunk, &mut outcomes).await;
            progress(outcomes.len(), total);
        }
    }
    verify_deleted(base, &mut outcomes).await;
    outcomes
}

/// Without the bulk endpoint: re-read the list, re-check every group of `chunk` against it and
/// delete those still stale and untouched, `DELETE_CONCURRENCY` requests at a time.
async fn delete_one_by_one(base: &str, chunk: &[Previewed], outcomes: &mut Vec<(Labels, Outcome)>) {
    let current = match list_groups(base).await {
        Ok(groups) => groups,
        Err(e) => {
            let why = format!("could not re-check before deleting: {e}");
            outcomes.extend(all_failed(chunk, &why));
            return;
        }
    };
    let listed = label_positions(current.iter().map(|g| &g.labels));
    let now = now_secs();
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
            let outcome = send_delete(base, &labels).await.err();
            (labels, outcome.unwrap_or(Outcome::Deleted))
        })
        .buffered(DELETE_CONCURRENCY);
    while let Some(settled) = deletes.next().await {
        outcomes.push(settled);
    }
}

/// Turns "Deleted" into "StillThere" for any group the gateway still lists after the wait.
async fn verify_deleted(base: &str, outcomes: &mut [(Labels, Outcome)]) {
    let deleted: Vec<Labels> = outcomes
        .iter()
        .filter(|(_, o)| *o == Outcome::Deleted)
        .map(|(l, _)| l.clone())
        .collect();
    if deleted.is_empty() {
        return;
    }
    match wait_until_gone(base, &deleted).await {
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
