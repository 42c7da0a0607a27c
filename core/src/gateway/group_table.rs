//! The rows of the groups table: freshness per group, text and status filters, sorting, summary.

#[cfg(test)]
mod tests;

use crate::gateway::freshness::{classify, Due, Freshness, PushTimes, StaleThresholds};
use crate::gateway::model::{GatewayGroup, Labels};
use crate::gateway::push_interval::alerts_in;
use crate::gateway::series_index::SeriesIndex;
use crate::time::format::format_duration;
use std::cmp::Ordering;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct GroupRow {
    /// Shared, so re-classifying every second never copies the metric families.
    pub group: Arc<GatewayGroup>,
    pub expected_interval: Option<f64>,
    /// When the next push is due (the job's set schedule, else the expected interval).
    pub due: Option<Due>,
    pub stale_after: f64,
    pub freshness: Freshness,
    /// Alert rules firing for this group in Prometheus (e.g. PushedJobStale).
    pub alerts: Vec<String>,
    /// The base URL of the gateway holding the group (set by the caller; several may be shown).
    pub gateway: String,
}

/// Rows compare their group by identity: each listing's groups are shared, never changed, so
/// the same `Arc` is the same group, and a memo of 10,000 rows re-checked every second does not
/// compare every metric family. (`Arc`'s own `==` compares contents unless `T: Eq`, and a group
/// holds floats.)
impl PartialEq for GroupRow {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.group, &other.group)
            && self.expected_interval == other.expected_interval
            && self.due == other.due
            && self.stale_after == other.stale_after
            && self.freshness == other.freshness
            && self.alerts == other.alerts
            && self.gateway == other.gateway
    }
}

impl GroupRow {
    /// Identifies the row across refreshes: the gateway and the grouping key.
    pub fn identity(&self) -> String {
        format!("{}|{:?}", self.gateway, self.group.labels)
    }
}

impl GroupRow {
    pub fn job(&self) -> &str {
        self.group
            .labels
            .get("job")
            .map(String::as_str)
            .unwrap_or("")
    }

    /// "next push in 12s", "due 2s ago" (within its grace) or "overdue by 1m 3s", if a push
    /// is due at all.
    pub fn next_expected(&self, now: f64) -> Option<String> {
        let due = self.due?;
        let since = format_duration((now - due.at).abs());
        Some(if now > due.at + due.grace {
            format!("overdue by {since}")
        } else if now > due.at {
            format!("due {since} ago")
        } else {
            format!("next push in {since}")
        })
    }

    /// Seconds since the last successful push, if any.
    pub fn age(&self, now: f64) -> Option<f64> {
        self.group
            .push_time
            .filter(|t| *t > 0.0)
            .map(|t| (now - t).max(0.0))
    }
}

pub fn push_times(group: &GatewayGroup) -> PushTimes {
    PushTimes {
        last_success: group.push_time,
        last_failure: group.push_failure_time,
    }
}

/// Classifies every group at `now`.
pub fn build_rows(
    groups: &[Arc<GatewayGroup>],
    intervals: &[(Labels, f64)],
    alerts: &[(Labels, String)],
    thresholds: &StaleThresholds,
    now: f64,
) -> Vec<GroupRow> {
    // Indexed once: matching every group against every series is quadratic (10,000 groups
    // with an interval each took minutes, and this runs every second).
    let intervals = SeriesIndex::new(intervals);
    let alerts = SeriesIndex::new(alerts);
    groups
        .iter()
        .map(|group| {
            let expected_interval = intervals
                .first(&group.labels)
                .copied()
                .filter(|i| i.is_finite() && *i > 0.0);
            let job = group.labels.get("job").map(String::as_str).unwrap_or("");
            let stale_after = thresholds.for_job(job);
            let set = thresholds.schedules.get(job);
            GroupRow {
                freshness: classify(push_times(group), expected_interval, set, stale_after, now),
                due: Due::of(group.push_time, expected_interval, set),
                alerts: alerts_in(&alerts, &group.labels),
                gateway: String::new(),
                group: Arc::clone(group),
                expected_interval,
                stale_after,
            }
        })
        .collect()
}

/// Case-insensitive match of every whitespace-separated term against any label name or value
/// (`name=value` terms match that label only).
pub fn matches_text(labels: &Labels, filter: &str) -> bool {
    TextFilter::new(filter).matches(labels)
}

/// The Groups filter's text, its terms case-folded once: a keystroke at 10,000 groups checks
/// every group against the same terms.
pub struct TextFilter {
    terms: Vec<String>,
}

impl TextFilter {
    pub fn new(filter: &str) -> TextFilter {
        TextFilter {
            terms: filter.split_whitespace().map(fold_case).collect(),
        }
    }

    pub fn matches(&self, labels: &Labels) -> bool {
        self.terms.iter().all(|term| {
            if let Some((name, value)) = term.split_once('=') {
                return labels
                    .iter()
                    .any(|(n, v)| fold_case(n) == name && fold_case(v).contains(value));
            }
            labels.iter().any(|(n, v)| {
                fold_case(n).contains(term.as_str()) || fold_case(v).contains(term.as_str())
            })
        })
    }
}

/// `str::to_lowercase`, with a word-final ς read as σ: std lowercases "ΟΔΟΣ" to "οδος" (the
/// final form), and someone typing the letter alone gets σ, so either spelling must find it.
fn fold_case(s: &str) -> String {
    let lower = s.to_lowercase();
    if lower.contains('ς') {
        lower.replace('ς', "σ")
    } else {
        lower
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortColumn {
    Job,
    Labels,
    Status,
    LastPush,
    LastFailure,
    Interval,
    Metrics,
}

impl SortColumn {
    pub const ALL: [SortColumn; 7] = [
        SortColumn::Job,
        SortColumn::Labels,
        SortColumn::Status,
        SortColumn::LastPush,
        SortColumn::LastFailure,
        SortColumn::Interval,
        SortColumn::Metrics,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            SortColumn::Job => "job",
            SortColumn::Labels => "labels",
            SortColumn::Status => "status",
            SortColumn::LastPush => "last_push",
            SortColumn::LastFailure => "last_failure",
            SortColumn::Interval => "interval",
            SortColumn::Metrics => "metrics",
        }
    }

    pub fn parse(s: &str) -> Option<SortColumn> {
        SortColumn::ALL.into_iter().find(|c| c.slug() == s)
    }
}

fn other_labels(labels: &Labels) -> String {
    labels
        .iter()
        .filter(|(k, _)| *k != "job")
        .map(|(k, v)| format!("{k}={v}"))
        .collect()
}

/// Sorts in place; missing times and intervals sort first ascending. Ties break on the labels
/// so the order never jumps between refreshes (the gateway's own order does).
pub fn sort_rows(rows: &mut [GroupRow], column: SortColumn, descending: bool) {
    rows.sort_by(|a, b| compare_rows(a, b, column, descending));
}

fn compare_rows(a: &GroupRow, b: &GroupRow, column: SortColumn, descending: bool) -> Ordering {
    let times = |a: Option<f64>, b: Option<f64>| {
        a.unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&b.unwrap_or(f64::NEG_INFINITY))
    };
    let primary = match column {
        SortColumn::Job => a.job().cmp(b.job()),
        SortColumn::Labels => other_labels(&a.group.labels).cmp(&other_labels(&b.group.labels)),
        SortColumn::Status => a.freshness.cmp(&b.freshness),
        SortColumn::LastPush => times(a.group.push_time, b.group.push_time),
        SortColumn::LastFailure => times(a.group.push_failure_time, b.group.push_failure_time),
        SortColumn::Interval => times(a.expected_interval, b.expected_interval),
        SortColumn::Metrics => a.group.families.len().cmp(&b.group.families.len()),
    };
    let primary = if descending {
        primary.reverse()
    } else {
        primary
    };
    primary.then_with(|| a.group.labels.cmp(&b.group.labels))
}

/// Counts per status for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub total: usize,
    pub fresh: usize,
    pub late: usize,
    pub stale: usize,
    pub failed: usize,
    pub never_succeeded: usize,
}

pub fn summarize(rows: &[GroupRow]) -> Summary {
    let mut s = Summary {
        total: rows.len(),
        ..Summary::default()
    };
    for row in rows {
        match row.freshness {
            Freshness::Fresh => s.fresh += 1,
            Freshness::Late => s.late += 1,
            Freshness::Stale => s.stale += 1,
            Freshness::Failed => s.failed += 1,
            Freshness::NeverSucceeded => s.never_succeeded += 1,
        }
    }
    s
}

impl Summary {
    /// "12 groups: 8 fresh, 1 late, 2 stale, 1 failed" (+ never succeeded when there are any).
    pub fn sentence(&self) -> String {
        let noun = if self.total == 1 { "group" } else { "groups" };
        let mut s = format!(
            "{} {noun}: {} fresh, {} late, {} stale, {} failed",
            self.total, self.fresh, self.late, self.stale, self.failed
        );
        if self.never_succeeded > 0 {
            s.push_str(&format!(", {} never succeeded", self.never_succeeded));
        }
        s
    }
}
