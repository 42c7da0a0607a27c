//! View state ⇄ query string, so a link reopens the same chart and back/forward work.
//! Decoding is lenient: unknown keys are ignored and bad values fall back to defaults.

#[cfg(test)]
mod tests;

use crate::http::endpoints::encode_component;
use crate::page::Page;
use crate::time::range::TimeRange;

pub const DEFAULT_METRIC: &str = "job_records_processed";

#[derive(Clone, Debug, PartialEq)]
pub struct ChartsState {
    pub metric: String,
    pub jobs: Vec<String>,
    pub range: TimeRange,
    /// Lower bound for the automatic step, seconds.
    pub min_step: Option<f64>,
    /// Also show the freshness-gated chart.
    pub gated: bool,
}

impl Default for ChartsState {
    fn default() -> Self {
        ChartsState {
            metric: DEFAULT_METRIC.into(),
            jobs: Vec::new(),
            range: TimeRange::default(),
            min_step: None,
            gated: false,
        }
    }
}

impl ChartsState {
    /// The Charts page's link in this state.
    pub fn href(&self) -> String {
        Page::Charts.href(&self.to_query())
    }

    pub fn to_query(&self) -> String {
        let mut pairs = vec![("metric", self.metric.clone())];
        pairs.extend(self.jobs.iter().map(|j| ("job", j.clone())));
        pairs.push(("range", self.range.to_param()));
        if let Some(step) = self.min_step {
            pairs.push(("min_step", trim(step)));
        }
        if self.gated {
            pairs.push(("gated", "1".into()));
        }
        join(&pairs)
    }

    pub fn from_query(query: &str) -> ChartsState {
        let mut state = ChartsState::default();
        for (key, value) in parse_query(query) {
            match key.as_str() {
                "metric" if !value.is_empty() => state.metric = value,
                "job" if !state.jobs.contains(&value) => state.jobs.push(value),
                "range" => state.range = TimeRange::parse_param(&value).unwrap_or_default(),
                "min_step" => state.min_step = parse_min_step(&value),
                "gated" => state.gated = value == "1",
                _ => {}
            }
        }
        state
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExploreState {
    pub expr: String,
    pub range: TimeRange,
    /// Instant query shown as a table instead of a range chart.
    pub table: bool,
}

impl ExploreState {
    /// The Explore page's link in this state.
    pub fn href(&self) -> String {
        Page::Explore.href(&self.to_query())
    }

    pub fn to_query(&self) -> String {
        let mut pairs = vec![
            ("expr", self.expr.clone()),
            ("range", self.range.to_param()),
        ];
        if self.table {
            pairs.push(("tab", "table".into()));
        }
        join(&pairs)
    }

    pub fn from_query(query: &str) -> ExploreState {
        let mut state = ExploreState::default();
        for (key, value) in parse_query(query) {
            match key.as_str() {
                "expr" => state.expr = value,
                "range" => state.range = TimeRange::parse_param(&value).unwrap_or_default(),
                "tab" => state.table = value == "table",
                _ => {}
            }
        }
        state
    }
}

/// The Job page's state: the job (its pushed `job` label), the range, and the metric charted
/// (empty: the job's first, `job_catalog::pick_metric`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JobState {
    pub job: String,
    pub range: TimeRange,
    pub metric: String,
}

impl JobState {
    /// The Job page's link in this state.
    pub fn href(&self) -> String {
        Page::Job.href(&self.to_query())
    }

    pub fn to_query(&self) -> String {
        let mut pairs = vec![("job", self.job.clone()), ("range", self.range.to_param())];
        if !self.metric.is_empty() {
            pairs.push(("metric", self.metric.clone()));
        }
        join(&pairs)
    }

    pub fn from_query(query: &str) -> JobState {
        let mut state = JobState::default();
        for (key, value) in parse_query(query) {
            match key.as_str() {
                "job" => state.job = value,
                "range" => state.range = TimeRange::parse_param(&value).unwrap_or_default(),
                "metric" => state.metric = value,
                _ => {}
            }
        }
        state
    }
}

fn join(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn trim(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `a=1&b=x%20y` (leading '?' allowed) into decoded pairs; '+' is a space, as in forms.
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_component(k), decode_component(v))
        })
        .collect()
}

/// Percent-decoding that never fails: invalid escapes and invalid UTF-8 are kept as text.
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: Option<&u8>) -> Option<u8> {
    let b = *b?;
    (b as char).to_digit(16).map(|d| d as u8)
}

/// A minimum chart step in seconds, from the URL or the step field: positive and finite, else none.
pub fn parse_min_step(text: &str) -> Option<f64> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s > 0.0)
}
