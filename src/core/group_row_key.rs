//! What a row of the groups table shows, as the key of its keyed list: a row whose key is
//! unchanged keeps its DOM; a row that was pushed again, changed status or got an alert is
//! rebuilt. (The samples change only with a push, so the push times stand for them.)

use super::freshness::Freshness;
use super::group_table::GroupRow;

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

#[cfg(test)]
mod tests {
    use crate::core::freshness::Freshness;
    use crate::core::group_table::GroupRow;
    use crate::core::model::gateway::GatewayGroup;
    use std::sync::Arc;

    fn row(job: &str, push_time: f64) -> GroupRow {
        GroupRow {
            group: Arc::new(GatewayGroup {
                labels: [("job".to_string(), job.to_string())].into_iter().collect(),
                last_push_successful: true,
                push_time: Some(push_time),
                push_failure_time: None,
                families: Vec::new(),
            }),
            expected_interval: Some(5.0),
            stale_after: 600.0,
            freshness: Freshness::Fresh,
            alerts: Vec::new(),
            gateway: "/pushgateway".into(),
        }
    }

    #[test]
    fn a_row_keeps_its_key_until_what_it_shows_changes() {
        let a = row("u/admin/a", 100.0);
        assert_eq!(a.key(), row("u/admin/a", 100.0).key());
        assert_ne!(a.key(), row("u/admin/b", 100.0).key());
        assert_ne!(a.key(), row("u/admin/a", 105.0).key(), "pushed again");
        let late = GroupRow {
            freshness: Freshness::Late,
            ..a.clone()
        };
        assert_ne!(a.key(), late.key());
        let alerted = GroupRow {
            alerts: vec!["PushedJobStale".into()],
            ..a.clone()
        };
        assert_ne!(a.key(), alerted.key());
        let elsewhere = GroupRow {
            gateway: "/pushgateway-2".into(),
            ..a.clone()
        };
        assert_ne!(a.key(), elsewhere.key());
    }
}
