//! Unit tests of `crate::gateway::group_row_key`.

use crate::gateway::freshness::Freshness;
use crate::gateway::group_table::GroupRow;
use crate::gateway::model::GatewayGroup;
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
