//! Safe cleanup rules: the re-check made right before each delete, and the final report.
//!
//! The gateway has no conditional delete, so safety comes from re-reading the group just before
//! deleting it and refusing anything that was pushed since the preview or is not stale any more.

#[cfg(test)]
mod tests;

use crate::gateway::freshness::{classify, Freshness};
use crate::gateway::group_table::{push_times, GroupRow};
use crate::gateway::model::{GatewayGroup, Labels};

/// How many deletes run at once (browsers open about 6 connections per host anyway).
pub const DELETE_CONCURRENCY: usize = 6;
/// How many deletes share one re-read of the group list.
pub const RECHECK_CHUNK: usize = 24;

/// What the preview showed for one group, to compare against the re-read.
#[derive(Clone, Debug, PartialEq)]
pub struct Previewed {
    /// Base URL of the gateway holding the group.
    pub gateway: String,
    pub labels: Labels,
    pub push_time: Option<f64>,
    pub push_failure_time: Option<f64>,
    pub expected_interval: Option<f64>,
    pub stale_after: f64,
}

impl Previewed {
    /// What a table row (of the Groups view, of the command's preview) shows of its group.
    pub fn of_row(row: &GroupRow) -> Self {
        Previewed {
            gateway: row.gateway.clone(),
            ..Previewed::of(&row.group, row.expected_interval, row.stale_after)
        }
    }

    pub fn of(group: &GatewayGroup, expected_interval: Option<f64>, stale_after: f64) -> Self {
        Previewed {
            gateway: String::new(),
            labels: group.labels.clone(),
            push_time: group.push_time,
            push_failure_time: group.push_failure_time,
            expected_interval,
            stale_after,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Recheck {
    Delete,
    /// A push (successful or not) arrived after the preview: the job is alive.
    PushedAgain,
    /// Not stale any more by the rule (e.g. the threshold changed): never delete it.
    NotStale(Freshness),
    /// Someone else removed it already.
    AlreadyGone,
}

/// Decides, from the freshly re-read group, whether the delete may go ahead.
pub fn recheck(previewed: &Previewed, current: Option<&GatewayGroup>, now: f64) -> Recheck {
    let Some(current) = current else {
        return Recheck::AlreadyGone;
    };
    let newer =
        |now_t: Option<f64>, then_t: Option<f64>| now_t.unwrap_or(0.0) > then_t.unwrap_or(0.0);
    if newer(current.push_time, previewed.push_time)
        || newer(current.push_failure_time, previewed.push_failure_time)
    {
        return Recheck::PushedAgain;
    }
    // Only staleness decides here, and no schedule changes it.
    match classify(
        push_times(current),
        previewed.expected_interval,
        None,
        previewed.stale_after,
        now,
    ) {
        Freshness::Stale => Recheck::Delete,
        other => Recheck::NotStale(other),
    }
}

/// What happened to one group in a cleanup.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Deleted,
    Kept(Recheck),
    /// The gateway accepted the delete but the group was still listed afterwards.
    StillThere,
    Failed(String),
}

impl Outcome {
    pub fn describe(&self) -> String {
        match self {
            Outcome::Deleted => "deleted".into(),
            Outcome::Kept(Recheck::PushedAgain) => "pushed again — kept".into(),
            Outcome::Kept(Recheck::NotStale(f)) => format!("now {} — kept", f.label()),
            Outcome::Kept(Recheck::AlreadyGone) => "already gone".into(),
            Outcome::Kept(Recheck::Delete) => "kept".into(),
            Outcome::StillThere => "delete accepted, but the group is still there".into(),
            Outcome::Failed(e) => format!("failed: {e}"),
        }
    }
}

/// Every group of `batch` failed for the same reason (nothing could be re-checked or sent).
pub fn all_failed(batch: &[Previewed], why: &str) -> Vec<(Labels, Outcome)> {
    batch
        .iter()
        .map(|p| (p.labels.clone(), Outcome::Failed(why.to_string())))
        .collect()
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub deleted: usize,
    pub kept: usize,
    pub already_gone: usize,
    pub failed: usize,
}

pub fn report(outcomes: &[(Labels, Outcome)]) -> Report {
    let mut r = Report::default();
    for (_, outcome) in outcomes {
        match outcome {
            Outcome::Deleted => r.deleted += 1,
            Outcome::Kept(Recheck::AlreadyGone) => r.already_gone += 1,
            Outcome::Kept(_) => r.kept += 1,
            Outcome::StillThere | Outcome::Failed(_) => r.failed += 1,
        }
    }
    r
}

/// The chosen groups by gateway, gateways in first-seen order: a cleanup runs one gateway after
/// the other, each with its own re-reads.
pub fn by_gateway(chosen: Vec<Previewed>) -> Vec<(String, Vec<Previewed>)> {
    let mut batches: Vec<(String, Vec<Previewed>)> = Vec::new();
    for p in chosen {
        match batches
            .iter_mut()
            .find(|(gateway, _)| *gateway == p.gateway)
        {
            Some((_, batch)) => batch.push(p),
            None => batches.push((p.gateway.clone(), vec![p])),
        }
    }
    batches
}
