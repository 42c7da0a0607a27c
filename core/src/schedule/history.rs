//! The PromQL that reads every group's runs from the backend in one query, and its answer as
//! runs per group. Over short ranges the raw samples give exact push times (an instant query of
//! a range vector returns every scraped sample); over long ranges a count per step keeps the
//! answer bounded (a 1 s scrape gives 604,800 samples a week per group).

#[cfg(test)]
mod tests;

use crate::charts::job_queries::ScrapeSetup;
use crate::gateway::model::{Labels, PUSH_FAILURE_TIME_FAMILY, PUSH_TIME_FAMILY};
use crate::gateway::series_index::grouping_labels_of_series;
use crate::prometheus::dialect::Dialect;
use crate::prometheus::model::QueryResult;
use crate::prometheus::promql::{selector, MatchOp, Matcher};
use std::collections::HashMap;

/// What no history query can show, in words for the page.
pub const HISTORY_LIMITS: &str = "What the history cannot show: two pushes between scrapes are \
    one run (at most one push per scrape interval is seen); nothing before the backend's \
    retention; and a gateway restarted without persistence forgets its groups, so their runs \
    end there until the job pushes again.";

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
///
/// A family per `or` branch, each marked with [`FAMILY_LABEL`]: `changes` drops the metric
/// name, and the two families of one group would otherwise be two series with the same labels
/// (an error on both backends, or one branch dropped by `or`, which matches without names).
/// `changes` does not count a series' first sample, which is a run when the group's series
/// begins inside the step (no sample a window earlier) with a push time already (a value above
/// 0: a group created by a failed push starts at 0), so such a step gets one more.
pub fn runs_per_step_expr(
    step: f64,
    scrape_interval: f64,
    dialect: Dialect,
    matchers: &[Matcher],
) -> String {
    let window = format!("{}s", (step + scrape_interval).ceil() as u64);
    let changes = dialect.changes();
    [PUSH_TIME_FAMILY, PUSH_FAILURE_TIME_FAMILY]
        .map(|family| {
            let s = selector(family, matchers);
            let counted = format!("{changes}({s}[{window}])");
            let first = format!(
                "clamp(min_over_time({s}[{window}]) > 0, 1, 1) unless ignoring(__name__) {s} offset {window}"
            );
            format!(r#"label_replace(({counted} + ({first})) or {counted}, "{FAMILY_LABEL}", "{family}", "", "")"#)
        })
        .join(" or ")
}

/// The label that tells the families apart in a per-step answer (`changes` drops the name).
pub const FAMILY_LABEL: &str = "gatewatch_family";

/// The end of the step that holds `now`, steps being multiples of `step`: where a count per
/// step ends. The backend evaluates at start + k·step up to the end, and VictoriaMetrics moves
/// a range query of 50 points or more onto multiples of its step itself, so on any other grid
/// the newest runs would be lost. (A chart's grid snaps down instead: `charts::step`.)
pub fn step_end_holding(now: f64, step: f64) -> f64 {
    (now / step).ceil() * step
}

/// A history query and how to send it.
#[derive(Clone, Debug, PartialEq)]
pub enum HistoryQuery {
    /// Raw samples: an instant query of a range vector at `time`.
    Instant { expr: String, time: f64 },
    /// Counts per step: a range query.
    Range {
        expr: String,
        start: f64,
        end: f64,
        step: f64,
    },
}

impl HistoryQuery {
    pub fn expr(&self) -> &str {
        match self {
            HistoryQuery::Instant { expr, .. } | HistoryQuery::Range { expr, .. } => expr,
        }
    }
}

/// Steps of a per-step history: about 300 over the range, in whole minutes.
pub fn history_step(range_secs: f64) -> f64 {
    ((range_secs / 300.0 / 60.0).ceil() * 60.0).max(60.0)
}

/// The query for one job's groups (by its pushed `job` label) over the `range_secs` before
/// `now`, at the resolution the range allows.
pub fn job_history_query(
    job: &str,
    setup: &ScrapeSetup,
    range_secs: f64,
    now: f64,
) -> (HistoryQuery, Resolution) {
    let step = history_step(range_secs);
    let resolution = Resolution::for_range(range_secs, step);
    let job = [Matcher::eq(setup.job_label.name(), job)];
    let query = match resolution {
        Resolution::Exact => HistoryQuery::Instant {
            expr: raw_runs_expr(range_secs, &job),
            time: now,
        },
        Resolution::PerStep(step) => {
            // Without a known scrape interval the window reaches a default one back.
            let scrape = setup.scrape_interval.unwrap_or(15.0);
            let end = step_end_holding(now, step);
            HistoryQuery::Range {
                expr: runs_per_step_expr(step, scrape, setup.dialect, &job),
                start: end - ((range_secs / step).floor() - 1.0).max(0.0) * step,
                end,
                step,
            }
        }
    };
    (query, resolution)
}

/// One group's samples of both families, by its grouping labels as the backend shows them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupHistory {
    pub labels: Labels,
    /// (time, value) of push_time_seconds: values are push times (exact), or counts (per step).
    pub ok: Vec<(f64, f64)>,
    pub failed: Vec<(f64, f64)>,
}

/// The answer of either query, per group; series of other names are ignored. Both queries
/// answer a matrix: anything else is a malformed answer, said so.
pub fn histories(result: &QueryResult) -> Result<Vec<GroupHistory>, String> {
    let QueryResult::Matrix(series) = result else {
        return Err(format!(
            "the history query answered {} instead of a matrix",
            result.kind()
        ));
    };
    let mut out: Vec<GroupHistory> = Vec::new();
    let mut at: HashMap<Labels, usize> = HashMap::new();
    for s in series {
        let mut metric = s.metric.clone();
        let family = metric
            .remove(FAMILY_LABEL)
            .or_else(|| metric.get("__name__").cloned());
        let labels = grouping_labels_of_series(&metric);
        let i = *at.entry(labels.clone()).or_insert_with(|| {
            out.push(GroupHistory {
                labels,
                ..GroupHistory::default()
            });
            out.len() - 1
        });
        match family.as_deref() {
            Some(PUSH_TIME_FAMILY) => out[i].ok.extend(&s.values),
            Some(PUSH_FAILURE_TIME_FAMILY) => out[i].failed.extend(&s.values),
            _ => {}
        }
    }
    out.retain(|h| !h.ok.is_empty() || !h.failed.is_empty());
    Ok(out)
}
