//! The Groups view's answers from every configured gateway: one listing per gateway, a gateway
//! that fails reported beside the ones that answer, and the table rows of them all.

#[cfg(test)]
mod tests;

use crate::gateway::freshness::StaleThresholds;
use crate::gateway::group_table::{build_rows, GroupRow};
use crate::gateway::model::{GatewayGroup, Labels};
use crate::http::error::ApiError;
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
