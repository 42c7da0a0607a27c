//! What a row of the groups table shows, as the key of its keyed list: a row whose key is
//! unchanged keeps its DOM; a row that was pushed again, changed status or got an alert is
//! rebuilt. (The samples change only with a push, so the push times stand for them.)

#[cfg(test)]
mod tests;

use crate::gateway::freshness::Freshness;
use crate::gateway::group_table::GroupRow;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GroupRowKey {
    identity: String,
    /// The f64s as bits: the same number gives the same key.
    push_time: Option<u64>,
    push_failure_time: Option<u64>,
    last_push_successful: bool,
    expected_interval: Option<u64>,
    stale_after: u64,
    freshness: Freshness,
    alerts: Vec<String>,
    families: usize,
}

impl GroupRow {
    pub fn key(&self) -> GroupRowKey {
        GroupRowKey {
            identity: self.identity(),
            push_time: self.group.push_time.map(f64::to_bits),
            push_failure_time: self.group.push_failure_time.map(f64::to_bits),
            last_push_successful: self.group.last_push_successful,
            expected_interval: self.expected_interval.map(f64::to_bits),
            stale_after: self.stale_after.to_bits(),
            freshness: self.freshness,
            alerts: self.alerts.clone(),
            families: self.group.families.len(),
        }
    }
}
