//! Puts Prometheus' sparse `[time, value]` pairs onto the chart's step grid, so every series has
//! one slot per step and a missing step is an explicit gap (`None`).

#[cfg(test)]
mod tests;

use crate::charts::chart_data::{ChartSeries, Grid};
use crate::prometheus::model::{Labels, RangeSeries};

/// One slot per grid step. A sample goes to the nearest step within half a step (Prometheus
/// answers exactly on the grid, but a client-side range or a rounded timestamp may be off);
/// samples outside the grid are dropped, and of two samples for one step the nearer one wins.
pub fn align_to_grid(grid: &Grid, samples: &[(f64, f64)]) -> Vec<Option<f64>> {
    let mut values = vec![None; grid.len];
    if grid.step <= 0.0 || !grid.step.is_finite() {
        return values;
    }
    let mut distance = vec![f64::INFINITY; grid.len];
    for &(t, v) in samples {
        let position = (t - grid.start) / grid.step;
        let index = position.round();
        if !(index >= 0.0 && index < grid.len as f64) {
            continue; // before or after the grid, or a NaN timestamp
        }
        let index = index as usize;
        let off = (position - index as f64).abs();
        // `<=`: on a tie the later sample (the newer answer) wins.
        if off <= 0.5 && off <= distance[index] {
            distance[index] = off;
            values[index] = Some(v);
        }
    }
    values
}

/// Chart series for a `query_range` matrix, named by `name_of` (e.g. a legend format) and
/// sorted by name: the legend reads alphabetically and a series keeps its colour across refreshes
/// as long as the set of series doesn't change.
pub fn series_from_matrix(
    grid: &Grid,
    matrix: &[RangeSeries],
    name_of: impl Fn(&Labels) -> String,
) -> Vec<ChartSeries> {
    let mut series: Vec<ChartSeries> = matrix
        .iter()
        .map(|s| ChartSeries {
            name: name_of(&s.metric),
            labels: s.metric.clone(),
            values: align_to_grid(grid, &s.values),
        })
        .collect();
    // Stable sort: equal names keep Prometheus' (label-sorted) order.
    series.sort_by(|a, b| a.name.cmp(&b.name));
    series
}
