//! The Groups view's answers from every configured gateway: one listing per gateway, a gateway
//! that fails reported beside the ones that answer, and the table rows of them all.

use super::error::ApiError;
use super::freshness::StaleThresholds;
use super::group_table::{build_rows, GroupRow};
use super::model::gateway::{GatewayGroup, Labels};
use std::sync::Arc;

/// One gateway's answer: its groups, or why they are missing.
#[derive(Clone, Debug, PartialEq)]
pub struct Listing {
    pub gateway: String,
    pub groups: Vec<Arc<GatewayGroup>>,
    pub error: Option<ApiError>,
}

/// One listing per gateway, in the order given. It fails, with the first gateway's error, only
/// when every gateway failed: one that answers is shown, with the others' errors beside it.
pub fn listings(
    answers: Vec<(String, Result<Vec<GatewayGroup>, ApiError>)>,
) -> Result<Vec<Listing>, ApiError> {
    let mut all = Vec::with_capacity(answers.len());
    let mut first_error = None;
    for (gateway, answer) in answers {
        all.push(match answer {
            Ok(groups) => Listing {
                gateway,
                groups: groups.into_iter().map(Arc::new).collect(),
                error: None,
            },
            Err(e) => {
                first_error.get_or_insert_with(|| e.clone());
                Listing {
                    gateway,
                    groups: Vec::new(),
                    error: Some(e),
                }
            }
        });
    }
    match first_error {
        Some(e) if all.iter().all(|l| l.error.is_some()) => Err(e),
        _ => Ok(all),
    }
}

/// The rows of every listing at `now`, gateway by gateway, each naming its gateway.
pub fn listing_rows(
    listings: &[Listing],
    intervals: &[(Labels, f64)],
    alerts: &[(Labels, String)],
    thresholds: &StaleThresholds,
    now: f64,
) -> Vec<GroupRow> {
    // One classification over every gateway's groups: the series are indexed once.
    let groups: Vec<Arc<GatewayGroup>> = listings
        .iter()
        .flat_map(|l| l.groups.iter().cloned())
        .collect();
    let mut rows = build_rows(&groups, intervals, alerts, thresholds, now);
    let gateways = listings
        .iter()
        .flat_map(|l| std::iter::repeat_n(&l.gateway, l.groups.len()));
    for (row, gateway) in rows.iter_mut().zip(gateways) {
        row.gateway = gateway.clone();
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::Backend;
    use crate::core::model::labels_from_pairs;

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
}
