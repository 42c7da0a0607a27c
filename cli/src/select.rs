//! Which groups a command shows or acts on: every gateway's listing classified by the core
//! (`listing_rows`, the console's Groups rules), then the command's filters.

use crate::client::{now, Gateway};
use futures::future::join_all;
use gatewatch_core::gateway::freshness::StaleThresholds;
use gatewatch_core::gateway::group_table::{sort_rows, GroupRow, SortColumn};
use gatewatch_core::gateway::listings::{listing_rows, listings};
use gatewatch_core::http::error::ApiError;

/// The rows of every gateway (sorted by job), and the gateways that could not be read. Fails
/// only when none could.
pub async fn rows(
    gateway: &Gateway,
    bases: &[String],
    stale_after: f64,
) -> Result<(Vec<GroupRow>, Vec<ApiError>), ApiError> {
    // Every gateway at once.
    let answers = join_all(
        bases
            .iter()
            .map(|base| async move { (base.clone(), gateway.list(base).await) }),
    )
    .await;
    let listed = listings(answers)?;
    let errors = listed.iter().filter_map(|l| l.error.clone()).collect();
    let thresholds = StaleThresholds {
        global_secs: stale_after,
        ..StaleThresholds::default()
    };
    // No expected intervals without Prometheus: the stale threshold alone decides.
    let mut rows = listing_rows(&listed, &[], &[], &thresholds, now());
    sort_rows(&mut rows, SortColumn::Job, false);
    Ok((rows, errors))
}

/// `labels` are all among the group's (name and exact value).
pub fn has_labels(row: &GroupRow, labels: &[(String, String)]) -> bool {
    labels
        .iter()
        .all(|(k, v)| row.group.labels.get(k).is_some_and(|have| have == v))
}

/// The job matches the glob (no glob: every job).
pub fn job_matches(row: &GroupRow, glob: Option<&glob::Pattern>) -> bool {
    glob.is_none_or(|g| g.matches(row.group.job()))
}
