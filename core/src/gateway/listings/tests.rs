//! Unit tests of `crate::gateway::listings`.

use super::*;
use crate::gateway::model::labels_from_pairs;
use crate::http::error::Backend;

fn group(job: &str, push_time: f64) -> GatewayGroup {
    GatewayGroup {
        labels: labels_from_pairs(&[("job", job)]),
        last_push_successful: true,
        push_time: Some(push_time),
        push_failure_time: None,
        families: Vec::new(),
    }
}

fn down(detail: &str) -> ApiError {
    ApiError::Unreachable {
        backend: Backend::Pushgateway,
        detail: detail.into(),
    }
}

#[test]
fn a_failing_gateway_is_listed_beside_the_ones_that_answer() {
    let all = listings(vec![
        ("/pushgateway".into(), Ok(vec![group("a", 1.0)])),
        ("/pushgateway-2".into(), Err(down("refused"))),
    ])
    .unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!((all[0].groups.len(), &all[0].error), (1, &None));
    assert_eq!(all[1].gateway, "/pushgateway-2");
    assert_eq!(all[1].error, Some(down("refused")));
    assert!(all[1].groups.is_empty());
}

#[test]
fn only_when_every_gateway_fails_is_it_an_error_the_first_one() {
    let failed = listings(vec![
        ("/a".into(), Err(down("first"))),
        ("/b".into(), Err(down("second"))),
    ]);
    assert_eq!(failed, Err(down("first")));
    assert_eq!(listings(Vec::new()), Ok(Vec::new()));
    assert_eq!(
        listings(vec![("/a".into(), Ok(Vec::new()))]).unwrap()[0].error,
        None
    );
}

#[test]
fn rows_name_their_gateway_in_gateway_order() {
    let all = listings(vec![
        ("/a".into(), Ok(vec![group("x", 100.0), group("y", 100.0)])),
        ("/b".into(), Err(down("refused"))),
        ("/c".into(), Ok(vec![group("x", 100.0)])),
    ])
    .unwrap();
    let rows = listing_rows(&all, &[], &[], &StaleThresholds::default(), 110.0);
    let named: Vec<(&str, &str)> = rows.iter().map(|r| (r.gateway.as_str(), r.job())).collect();
    assert_eq!(named, [("/a", "x"), ("/a", "y"), ("/c", "x")]);
    // The same group on two gateways is two rows, told apart by their identity.
    assert_ne!(rows[0].identity(), rows[2].identity());
}
