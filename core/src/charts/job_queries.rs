//! The PromQL behind the job charts: raw value, irate-adjusted (value where a push happened,
//! 0 otherwise) and freshness-gated (value while the last push is recent, else 0).

#[cfg(test)]
mod tests;

use crate::gateway::push_interval::{push_spacing_expr, HISTORY_WINDOW};
use crate::prometheus::dialect::Dialect;
use crate::prometheus::model::{Labels, Target};
use crate::prometheus::promql::{selector, Matcher};

/// Which label carries the pushed job once Prometheus has scraped the gateway.
/// What the queries of a job's pages depend on: the backend's dialect, where it keeps the pushed
/// `job` label, and the gateway target's scrape interval when Prometheus tells it.
#[derive(Clone, Debug, PartialEq)]
pub struct ScrapeSetup {
    pub dialect: Dialect,
    pub job_label: JobLabel,
    pub scrape_interval: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobLabel {
    /// No `honor_labels` (the Windmill tutorial): the pushed `job` became `exported_job`.
    Exported,
    /// `honor_labels: true`: the pushed `job` stayed `job`.
    Honored,
}

impl JobLabel {
    pub fn name(self) -> &'static str {
        match self {
            JobLabel::Exported => "exported_job",
            JobLabel::Honored => "job",
        }
    }

    /// Prometheus' name for a pushed grouping label (only `job` and `instance` get renamed).
    pub fn prometheus_name(self, pushed: &str) -> String {
        match (self, pushed) {
            (JobLabel::Exported, "job" | "instance") => format!("exported_{pushed}"),
            _ => pushed.to_string(),
        }
    }
}

/// Decides from push_time_seconds series: `job` kept as the pushed path means honor_labels;
/// anything else, including no series yet (a fresh backend indexes new series late), is the
/// tutorial's setup without honor_labels.
pub fn detect_job_label(push_time_series: &[Labels]) -> JobLabel {
    let honored = !push_time_series.is_empty()
        && push_time_series
            .iter()
            .all(|l| !l.contains_key("exported_job"));
    if honored {
        JobLabel::Honored
    } else {
        JobLabel::Exported
    }
}

/// What a job chart shows: one metric for one or more jobs (Windmill script paths).
#[derive(Clone, Debug, PartialEq)]
pub struct JobQuery {
    pub metric: String,
    pub jobs: Vec<String>,
    pub job_label: JobLabel,
    /// Grouping label names of the jobs' groups besides job and instance (e.g. `tag`), as
    /// pushed; they tell apart groups of one job.
    pub extra_group_labels: Vec<String>,
}

impl JobQuery {
    fn job_matcher(&self) -> Matcher {
        match self.jobs.as_slice() {
            [one] => Matcher::eq(self.job_label.name(), one.clone()),
            many => Matcher::any_of(self.job_label.name(), many),
        }
    }

    fn selector_of(&self, metric: &str) -> String {
        selector(metric, &[self.job_matcher()])
    }

    /// Labels that identify one gateway group after scraping: the series of the metric and
    /// of push_time_seconds of the same group agree on these, whatever else the metric carries.
    fn group_match(&self) -> String {
        let mut names: Vec<String> = match self.job_label {
            JobLabel::Exported => ["job", "instance", "exported_job", "exported_instance"]
                .map(String::from)
                .to_vec(),
            JobLabel::Honored => vec!["job".into(), "instance".into()],
        };
        for pushed in &self.extra_group_labels {
            let name = self.job_label.prometheus_name(pushed);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        format!("on({})", names.join(", "))
    }

    /// The metric as pushed: stays at its last value forever once pushes stop.
    pub fn raw(&self) -> String {
        self.selector_of(&self.metric)
    }

    /// The value at steps where a push happened in the last `window`, else 0. Multiplying by a
    /// 0/1 `bool` comparison (instead of dividing by irate, as the tutorial's panel does) yields
    /// 0 rather than NaN gaps; `window` must hold two scrapes (see [`irate_window`]).
    pub fn irate_adjusted(&self, window_secs: f64) -> String {
        format!(
            "{} * {} group_left() (irate({}[{}]) > bool 0)",
            self.raw(),
            self.group_match(),
            self.selector_of("push_time_seconds"),
            duration(window_secs)
        )
    }

    /// The value while the group's last successful push is younger than `intervals` times its
    /// expected push interval (the mean spacing of its pushes over the last hour), else 0.
    /// The spacing is the Groups view's expected interval ([`push_spacing_expr`]).
    pub fn freshness_gated(&self, intervals: f64, dialect: Dialect) -> String {
        let push = self.selector_of("push_time_seconds");
        let spacing = push_spacing_expr(&push, HISTORY_WINDOW, dialect);
        format!(
            "{} * {} group_left() (time() - {push} < bool {} * ({spacing}))",
            self.raw(),
            self.group_match(),
            trim_number(intervals)
        )
    }
}

/// An irate window holding at least two scrapes of the gateway on Prometheus 2 and 3 (3 excludes
/// the window's left edge, so one interval would hold a single sample and irate returns nothing).
pub fn irate_window(scrape_interval_secs: f64) -> f64 {
    2.0 * scrape_interval_secs.max(1.0)
}

/// The scrape interval of the target that scrapes the gateway: the target whose `instance`
/// is the one on push_time_seconds (tutorial setup), else a pool named like the gateway.
pub fn gateway_scrape_interval(targets: &[Target], push_time_series: &[Labels]) -> Option<f64> {
    let instances: Vec<&str> = push_time_series
        .iter()
        .filter(|l| l.contains_key("exported_job"))
        .filter_map(|l| l.get("instance").map(String::as_str))
        .collect();
    targets
        .iter()
        .find(|t| {
            t.labels
                .get("instance")
                .is_some_and(|i| instances.contains(&i.as_str()))
        })
        .or_else(|| targets.iter().find(|t| t.scrape_pool.contains("gateway")))
        .and_then(|t| t.scrape_interval)
}

/// A PromQL duration in whole milliseconds when needed: "2s", "1500ms".
pub fn duration(secs: f64) -> String {
    let ms = (secs * 1000.0).round().max(1.0) as u64;
    if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        format!("{ms}ms")
    }
}

fn trim_number(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
