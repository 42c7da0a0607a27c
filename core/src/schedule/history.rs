//! The PromQL that reads every group's runs from the backend in one query, and its answer as
//! runs per group. Over short ranges the raw samples give exact push times (an instant query of
//! a range vector returns every scraped sample); over long ranges a count per step keeps the
//! answer bounded (a 1 s scrape gives 604,800 samples a week per group).

#[cfg(test)]
mod tests;

use crate::gateway::model::{Labels, PUSH_FAILURE_TIME_FAMILY, PUSH_TIME_FAMILY};
use crate::gateway::series_index::grouping_labels_of_series;
use crate::prometheus::dialect::Dialect;
use crate::prometheus::model::QueryResult;
use crate::prometheus::promql::{selector, MatchOp, Matcher};
use std::collections::HashMap;

/// Raw samples up to this range: 6 h of a 1 s scrape is 21,600 samples per group and family.
pub const RAW_UP_TO_SECS: f64 = 6.0 * 3600.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Resolution {
    /// Every push, at its own time.
    Exact,
    /// How many pushes in each step of this many seconds.
    PerStep(f64),
}

impl Resolution {
    /// Exact up to [`RAW_UP_TO_SECS`], else per `step`.
    pub fn for_range(range_secs: f64, step: f64) -> Resolution {
        if range_secs <= RAW_UP_TO_SECS {
            Resolution::Exact
        } else {
            Resolution::PerStep(step)
        }
    }

    /// What the view says it shows.
    pub fn describe(self) -> String {
        match self {
            Resolution::Exact => "every push, at its own time".to_string(),
            Resolution::PerStep(step) => format!(
                "pushes counted per {} (ranges over {} h)",
                crate::time::format::format_duration(step),
                RAW_UP_TO_SECS / 3600.0
            ),
        }
    }
}

/// Both families of the groups `matchers` select (none: every group), one selector.
fn both_families(matchers: &[Matcher]) -> String {
    let mut all = vec![Matcher::new(
        "__name__",
        MatchOp::Re,
        format!("{PUSH_TIME_FAMILY}|{PUSH_FAILURE_TIME_FAMILY}"),
    )];
    all.extend_from_slice(matchers);
    selector("", &all)
}

/// Both families' raw samples over the `range_secs` before the query's time, every group
/// `matchers` select at once (instant query).
pub fn raw_runs_expr(range_secs: f64, matchers: &[Matcher]) -> String {
    let window = format!("{}s", range_secs.ceil() as u64);
    format!("{}[{window}]", both_families(matchers))
}

/// Pushes per step of both families, every group at once (range query with this step). The
/// window reaches one scrape back, so a change between the last sample of one step and the
/// first of the next is counted once, in the later step.
pub fn runs_per_step_expr(
    step: f64,
    scrape_interval: f64,
    dialect: Dialect,
    matchers: &[Matcher],
) -> String {
    let window = format!("{}s", (step + scrape_interval).ceil() as u64);
    format!(
        "{}({}[{window}])",
        dialect.changes(),
        both_families(matchers)
    )
}

/// One group's samples of both families, by its grouping labels as the backend shows them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupHistory {
    pub labels: Labels,
    /// (time, value) of push_time_seconds: values are push times (exact), or counts (per step).
    pub ok: Vec<(f64, f64)>,
    pub failed: Vec<(f64, f64)>,
}

/// The answer of either query, per group; series of other names are ignored.
pub fn histories(result: &QueryResult) -> Vec<GroupHistory> {
    let QueryResult::Matrix(series) = result else {
        return Vec::new();
    };
    let mut out: Vec<GroupHistory> = Vec::new();
    let mut at: HashMap<Labels, usize> = HashMap::new();
    for s in series {
        let labels = grouping_labels_of_series(&s.metric);
        let i = *at.entry(labels.clone()).or_insert_with(|| {
            out.push(GroupHistory {
                labels,
                ..GroupHistory::default()
            });
            out.len() - 1
        });
        match s.metric.get("__name__").map(String::as_str) {
            Some(PUSH_TIME_FAMILY) => out[i].ok.extend(&s.values),
            Some(PUSH_FAILURE_TIME_FAMILY) => out[i].failed.extend(&s.values),
            _ => {}
        }
    }
    out.retain(|h| !h.ok.is_empty() || !h.failed.is_empty());
    out
}
