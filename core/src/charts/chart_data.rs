//! The data a chart draws: series aligned to one step grid, `None` where a step has no sample.

#[cfg(test)]
mod tests;

use crate::charts::align::series_from_matrix;
use crate::http::envelope::Answer;
use crate::prometheus::model::{Labels, QueryResult};
use crate::prometheus::promql::format_label_set;

/// The time grid of a range query: `len` steps of `step` seconds from `start` (inclusive).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grid {
    pub start: f64,
    pub step: f64,
    pub len: usize,
}

impl Grid {
    /// The grid Prometheus evaluates for `query_range(start, end, step)`: start, start+step, ... <= end.
    pub fn new(start: f64, end: f64, step: f64) -> Grid {
        let len = if step > 0.0 && end >= start {
            ((end - start) / step + 1e-9).floor() as usize + 1
        } else {
            0
        };
        Grid { start, step, len }
    }

    pub fn time(&self, index: usize) -> f64 {
        self.start + self.step * index as f64
    }

    pub fn end(&self) -> f64 {
        if self.len == 0 {
            self.start
        } else {
            self.time(self.len - 1)
        }
    }

    /// The step index of a timestamp that lies on the grid (within a millisecond), if any.
    pub fn index_of(&self, t: f64) -> Option<usize> {
        if self.step <= 0.0 {
            return None;
        }
        let i = ((t - self.start) / self.step).round();
        if i < 0.0 || i as usize >= self.len || (self.time(i as usize) - t).abs() > 1e-3 {
            return None;
        }
        Some(i as usize)
    }
}

/// One line of a chart. `values[i]` belongs to `grid.time(i)`; `None` is a gap (no sample),
/// while NaN and ±Inf are samples Prometheus really returned (drawn as gaps, listed as text).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSeries {
    /// The legend text, e.g. `{exported_job="u/admin/x"}`.
    pub name: String,
    pub labels: Labels,
    pub values: Vec<Option<f64>>,
}

/// A range query's answer aligned to the grid it ran on, with Prometheus' warnings.
#[derive(Clone, Debug, PartialEq)]
pub struct RangeData {
    pub grid: Grid,
    pub series: Vec<ChartSeries>,
    pub warnings: Vec<String>,
}

impl RangeData {
    /// Nothing to draw on `grid` (no expression yet, or a chart that is hidden).
    pub fn empty(grid: Grid) -> RangeData {
        RangeData {
            grid,
            series: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// Aligns a `query_range` answer; anything but a matrix means the server is not Prometheus-like.
pub fn range_data(
    grid: Grid,
    answer: Answer<QueryResult>,
    name_of: impl Fn(&Labels) -> String,
) -> Result<RangeData, String> {
    let mut warnings = answer.warnings;
    warnings.extend(answer.infos.into_iter().map(|i| format!("(info) {i}")));
    match answer.data {
        QueryResult::Matrix(matrix) => Ok(RangeData {
            series: series_from_matrix(&grid, &matrix, name_of),
            grid,
            warnings,
        }),
        other => Err(format!(
            "a range query answered {} instead of a matrix",
            other.kind()
        )),
    }
}

/// Legend text for a job chart: the group's labels as pushed. The scrape's own `job` and
/// `instance` are dropped when the pushed ones were renamed to `exported_*`.
pub fn job_legend(labels: &Labels) -> String {
    let exported = labels.contains_key("exported_job");
    let shown: Labels = labels
        .iter()
        .filter(|(k, _)| *k != "__name__" && !(exported && (*k == "job" || *k == "instance")))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    format_label_set(&shown)
}

/// Legend text as Prometheus writes a series: `name{labels}`.
pub fn series_legend(labels: &Labels) -> String {
    let name = labels.get("__name__").cloned().unwrap_or_default();
    let mut rest = labels.clone();
    rest.remove("__name__");
    if rest.is_empty() && name.is_empty() {
        // An aggregate such as sum(x): Prometheus writes "{}", which reads as nothing.
        "value (no labels)".to_string()
    } else if rest.is_empty() {
        name
    } else {
        format!("{name}{}", format_label_set(&rest))
    }
}
