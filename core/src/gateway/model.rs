//! The Pushgateway's `/api/v1/metrics` and `/api/v1/status` answers as typed groups and families.

#[cfg(test)]
mod tests;

mod parse;

use crate::gateway::grouping_key::{GroupKey, GroupKeyError};
use crate::prometheus::promql::{format_label_pairs, format_label_set};
use std::collections::BTreeMap;

pub use parse::{decode_groups, parse_groups, parse_status};

/// The families the gateway adds to every group; the UI shows them as the group's times.
pub const PUSH_TIME_FAMILY: &str = "push_time_seconds";
pub const PUSH_FAILURE_TIME_FAMILY: &str = "push_failure_time_seconds";

/// Label name → value.
pub type Labels = BTreeMap<String, String>;

/// One group on the gateway: everything pushed under one grouping key.
#[derive(Clone, Debug, PartialEq)]
pub struct GatewayGroup {
    /// The grouping key labels (job included).
    pub labels: Labels,
    pub last_push_successful: bool,
    /// Seconds since the epoch of the last successful push (`push_time_seconds`); `None` if never
    /// (gateway 1.5.1 sends 0 for a group whose first push failed; older notes say it is absent).
    pub push_time: Option<f64>,
    /// Seconds since the epoch of the last failed push (`push_failure_time_seconds`); `None` if never
    /// (the gateway sends 0).
    pub push_failure_time: Option<f64>,
    /// Every metric family in the group, sorted by name, the two push-time families included.
    pub families: Vec<MetricFamily>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MetricFamily {
    pub name: String,
    pub kind: MetricKind,
    pub help: Option<String>,
    /// The gateway's `time_stamp` string for the family (RFC 3339), as sent.
    pub time_stamp: Option<String>,
    pub samples: Vec<GatewaySample>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MetricKind {
    Counter,
    Gauge,
    Histogram,
    Summary,
    Untyped,
    /// A type string this console does not know, kept as sent.
    Other(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct GatewaySample {
    /// As sent (the gateway sorts them by name). A list, not a [`Labels`] map: a sample has two
    /// or three labels, and a map's node is several times their size; the gateway's list has
    /// 40,000 samples at 10,000 groups (bench/NOTES.md §4).
    pub labels: Vec<(String, String)>,
    pub value: SampleValue,
}

/// Values are parsed from the gateway's strings: "NaN", "+Inf", "-Inf" and "1.7e+09" all parse.
#[derive(Clone, Debug, PartialEq)]
pub enum SampleValue {
    Single(f64),
    /// Buckets as (upper bound `le`, cumulative count), sorted by bound.
    Histogram {
        buckets: Vec<(f64, f64)>,
        count: f64,
        sum: f64,
    },
    /// Quantiles as (quantile, value), sorted by quantile.
    Summary {
        quantiles: Vec<(f64, f64)>,
        count: f64,
        sum: f64,
    },
}

/// What `/api/v1/status` tells about the gateway.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct GatewayStatus {
    /// `build_information.version`, e.g. "1.5.1".
    pub version: Option<String>,
    /// RFC 3339 as sent.
    pub start_time: Option<String>,
    /// Command-line flags without their dashes, e.g. "push.disable-consistency-check" → "false".
    pub flags: Labels,
}

impl GatewayGroup {
    /// The `job` label, empty if absent (the gateway never stores a group without one).
    pub fn job(&self) -> &str {
        self.labels.get("job").map_or("", String::as_str)
    }

    /// The grouping key as it would be typed in PromQL, job first: `{job="x", instance=""}`.
    pub fn labels_display(&self) -> String {
        format_label_set(&self.labels)
    }

    /// The key to address this group with (for DELETE), from its labels.
    pub fn key(&self) -> Result<GroupKey, GroupKeyError> {
        GroupKey::from_labels(&self.labels)
    }

    /// The families the job pushed, without the gateway's two push-time families.
    pub fn pushed_families(&self) -> impl Iterator<Item = &MetricFamily> {
        self.families
            .iter()
            .filter(|f| f.name != PUSH_TIME_FAMILY && f.name != PUSH_FAILURE_TIME_FAMILY)
    }

    pub fn family(&self, name: &str) -> Option<&MetricFamily> {
        self.families.iter().find(|f| f.name == name)
    }
}

impl GatewaySample {
    /// The labels as PromQL writes them, in the order sent: `{instance="", job="x"}`.
    pub fn labels_display(&self) -> String {
        format_label_pairs(self.labels.iter().map(|(k, v)| (k, v)))
    }

    /// The value of label `name`, if the sample has it.
    pub fn label(&self, name: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

impl MetricKind {
    /// From the gateway's upper-case `type` ("GAUGE") or the exposition format's lower case.
    pub fn from_type_str(s: &str) -> MetricKind {
        // Compared without a lowercased copy: the gateway's list names a type per family, 40,000
        // of them for 10,000 groups.
        let is = |name: &str| s.eq_ignore_ascii_case(name);
        if is("counter") {
            MetricKind::Counter
        } else if is("gauge") {
            MetricKind::Gauge
        } else if is("histogram") {
            MetricKind::Histogram
        } else if is("summary") {
            MetricKind::Summary
        } else if is("untyped") || is("unknown") {
            MetricKind::Untyped
        } else {
            MetricKind::Other(s.to_owned())
        }
    }

    /// Lower case, as in a `# TYPE` line.
    pub fn as_str(&self) -> &str {
        match self {
            MetricKind::Counter => "counter",
            MetricKind::Gauge => "gauge",
            MetricKind::Histogram => "histogram",
            MetricKind::Summary => "summary",
            MetricKind::Untyped => "untyped",
            MetricKind::Other(s) => s,
        }
    }
}

/// A label set from `(name, value)` pairs: the tests' shorthand.
#[cfg(test)]
pub fn labels_from_pairs(pairs: &[(&str, &str)]) -> Labels {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}
